#!/bin/sh
# make bench: run bench_redis against a private redis-server on a random
# loopback port (tests/redis/server.sh, as the tests do), stopped by PID at
# the end. Without redis-server the bench is skipped with a message.
# usage: bench.sh BENCH_BINARY
set -u
b=${1:?usage: bench.sh BENCH_BINARY}
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
	echo "bench_redis: skipped: redis-server is not installed (Debian: apt-get install redis-server)"
	exit 0
fi
T=$(mktemp -d)
trap 'sh "$here/server.sh" stop "$T" >/dev/null 2>&1; rm -rf "$T"' EXIT
trap 'exit 1' INT TERM
pw=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
port=$(sh "$here/server.sh" start "$T" "$pw") || {
	echo "bench_redis: could not start redis-server (log: $T/redis.log)"
	exit 1
}
echo "bench_redis: redis-server $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/') on 127.0.0.1:$port"
PC_REDIS_URL="redis://:$pw@127.0.0.1:$port" "$b"
