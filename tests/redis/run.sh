#!/bin/sh
# Redis store tests (make redis-test): the URL parser and the reply checks
# (against a scripted fake server), then, against a private redis-server on a random loopback port with a random password
# (tests/redis/server.sh), the memstore-equivalence table, the fleet races
# and the fault/recovery run. The server is stopped by PID at the end; no
# other Redis is touched. Without redis-server only the parser runs and the
# rest is reported as skipped.
#
# usage: run.sh BINDIR     TEST_WRAP: optional wrapper (e.g. valgrind)
#        PC_REDIS_RACE_ROUNDS: how many times to run test_race (default 1)
set -u
bin=${1:?usage: run.sh BINDIR}
here=$(cd "$(dirname "$0")" && pwd)
wrap=${TEST_WRAP:-}
T=$(mktemp -d)
pass=0 fail=0

cleanup() { sh "$here/server.sh" stop "$T/srv" >/dev/null 2>&1; rm -rf "$T"; }
trap cleanup EXIT
trap 'exit 1' INT TERM

# run NAME: one test program; add up its "NAME: P passed, F failed" line
run() {
	echo "== $1"
	$wrap "$bin/$1" >"$T/out" 2>&1
	rc=$?
	cat "$T/out"
	line=$(grep -E "^$1: [0-9]+ passed, [0-9]+ failed\$" "$T/out" | tail -n 1)
	if [ -z "$line" ]; then
		echo "FAIL: $1 exited with status $rc and no summary"
		fail=$((fail + 1))
		return
	fi
	p=$(echo "$line" | sed 's/.*: \([0-9]*\) passed.*/\1/')
	f=$(echo "$line" | sed 's/.* \([0-9]*\) failed$/\1/')
	pass=$((pass + p))
	fail=$((fail + f))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL: $1 exited with status $rc"
		fail=$((fail + 1))
	fi
}

finish() {
	echo "redis-test: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit $?
}

run test_url
run test_reply
if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
	echo "SKIP: redis-server is not installed (Debian: apt-get install redis-server);"
	echo "SKIP: the Redis store tests against a live server did not run"
	finish
fi

pw=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
port=$(sh "$here/server.sh" start "$T/srv" "$pw") || {
	cat "$T/srv/redis.log" 2>/dev/null
	echo "FAIL: could not start redis-server"
	fail=$((fail + 1))
	finish
}
echo "redis-server $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/') on 127.0.0.1:$port, pid $(cat "$T/srv/redis.pid")"
export PC_REDIS_URL="redis://:$pw@127.0.0.1:$port"
export PC_REDIS_HOSTPORT="127.0.0.1:$port"
export PC_REDIS_PASSWORD="$pw"
export PC_REDIS_DIR="$T/srv"
export PC_REDIS_CTL="$here/server.sh"

run test_store
i=0
while [ $i -lt "${PC_REDIS_RACE_ROUNDS:-1}" ]; do
	run test_race
	i=$((i + 1))
done
run test_faults # last: it stops, kills and restarts the server
finish
