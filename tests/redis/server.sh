#!/bin/sh
# A private redis-server on loopback for the Redis store tests and bench.
#
#   server.sh start DIR [PASSWORD]  pick a free port (6390 + random), write
#                                   DIR/redis.conf (no persistence), start
#                                   redis-server in the background, wait for
#                                   PING from *this* process (INFO process_id)
#   server.sh stop DIR              SIGCONT + SIGTERM (SIGKILL after 5 s)
#   server.sh pause DIR             SIGSTOP: connects queue, commands time out
#   server.sh resume DIR            SIGCONT
#   server.sh kill DIR              SIGKILL and wait: connections are refused
#   server.sh restart DIR           start again on the same port, empty
#   server.sh cli DIR ARGS...       redis-cli against it
#
# State lives in DIR: redis.conf, redis.pid, port, password (mode 0600),
# redis.log. Signals go only to the PID in DIR/redis.pid, and only while
# that process is a redis-server: no other Redis is ever touched.
set -eu
cmd=${1:?usage: server.sh start|stop|pause|resume|kill|restart|cli DIR ...}
dir=${2:?usage: server.sh $cmd DIR}
shift 2

pid() { cat "$dir/redis.pid" 2>/dev/null || echo 0; }

# running and ours: not a zombie, and a redis-server (guards PID reuse)
alive() {
	[ "$1" -gt 0 ] 2>/dev/null || return 1
	if [ -r "/proc/$1/stat" ]; then
		st=$(sed 's/.*) //' "/proc/$1/stat" | cut -c1)
		[ "$st" != Z ] && grep -q redis "/proc/$1/comm"
	else
		kill -0 "$1" 2>/dev/null
	fi
}

cli() {
	if [ -s "$dir/password" ]; then
		REDISCLI_AUTH=$(cat "$dir/password") redis-cli -h 127.0.0.1 -p "$(cat "$dir/port")" "$@"
	else
		redis-cli -h 127.0.0.1 -p "$(cat "$dir/port")" "$@"
	fi
}

# Start from DIR/redis.conf and wait up to 5 s for our PING.
launch() {
	redis-server "$dir/redis.conf" </dev/null >>"$dir/redis.log" 2>&1 &
	echo $! >"$dir/redis.pid"
	i=0
	while [ $i -lt 100 ]; do
		alive "$(pid)" || return 1 # e.g. the port is taken
		if [ "$(cli ping 2>/dev/null)" = PONG ] &&
		   cli info server 2>/dev/null | tr -d '\r' | grep -qx "process_id:$(pid)"; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

write_conf() {
	umask 077
	{
		echo "port $1"
		echo "bind 127.0.0.1"
		echo "save \"\""
		echo "appendonly no"
		echo "daemonize no"
		echo "dir $dir"
		[ -s "$dir/password" ] && echo "requirepass $(cat "$dir/password")"
		true
	} >"$dir/redis.conf"
	echo "$1" >"$dir/port"
}

stop_pid() {
	p=$(pid)
	alive "$p" || return 0
	kill -CONT "$p" 2>/dev/null || true
	kill -"$1" "$p" 2>/dev/null || true
	i=0
	while alive "$p" && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	if alive "$p"; then kill -KILL "$p" 2>/dev/null || true; sleep 0.1; fi
	! alive "$p"
}

case $cmd in
start)
	command -v redis-server >/dev/null || { echo "server.sh: no redis-server" >&2; exit 1; }
	mkdir -p "$dir"
	(umask 077; printf '%s' "${1:-}" >"$dir/password")
	n=0
	while [ $n -lt 20 ]; do
		port=$((6390 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 2000))
		write_conf "$port"
		if launch; then echo "$port"; exit 0; fi
		stop_pid KILL || true
		n=$((n + 1))
	done
	echo "server.sh: could not start redis-server (see $dir/redis.log)" >&2
	exit 1 ;;
stop) stop_pid TERM ;;
pause) alive "$(pid)" && kill -STOP "$(pid)" ;;
resume) alive "$(pid)" && kill -CONT "$(pid)" ;;
kill) stop_pid KILL ;;
restart) stop_pid KILL && launch ;;
cli) cli "$@" ;;
*) echo "server.sh: unknown command $cmd" >&2; exit 2 ;;
esac
