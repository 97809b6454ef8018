#!/bin/sh
# End-to-end contract of the state stores and the risk engine behind
# `code verify` (cli/store_opt.c, cli/code_verify.c; docs/FILES.md §6, §8):
# single use across processes through --store file:DIR; a verify loop
# killed with SIGKILL loses no consumed code; a daily limit held across
# invocations with --store file:DIR and --risk; a Redis store that cannot be
# reached fails closed (STORE_FAULT, exit 1); and, when redis-server is
# installed, four concurrent verifiers sharing a private Redis approve a
# code exactly once. Usage errors exit 2.
# PAYCODE: the command to run (may carry a wrapper such as valgrind).
set -u
P=${PAYCODE:-./build/paycode}
SRV="$(cd "$(dirname "$0")/.." && pwd)/redis/server.sh"
T=$(mktemp -d)
loop=
cleanup() {
	[ -n "$loop" ] && kill -KILL "$loop" 2>/dev/null
	sh "$SRV" stop "$T/srv" >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
perm() { ls -ld "$1" | cut -c1-10; }
# verify ARGS...: run `code verify`, JSON in $T/v.json, stderr in $T/verr, status in $rc
verify() { $P code verify "$@" >"$T/v.json" 2>"$T/verr"; rc=$?; }
# got DECISION REASON: the last verify printed them
got() { grep -q "^{\"decision\":\"$1\",\"reason\":\"$2\"," "$T/v.json"; }
has() { grep -qF "$1" "$T/v.json"; }
usage() { "$@" >"$T/out" 2>"$T/err"; r=$?; [ $r -eq 2 ] && [ ! -s "$T/out" ] && ok || bad "usage exit $r for: $*"; }
NOW=$(date +%s)
# a code of the wallet, made at NOW (every verify below judges at NOW too)
gen() { $P code gen --wallet "$T/wallet.json" --form "${1:-qr-offline}" --now "$NOW"; }

# ---- provider, token, device ------------------------------------------------
$P keygen --root --key-id 1 --out "$T/root.json" &&
	$P keygen --pub "$T/root.json" --out "$T/root.pub.json" &&
	$P keygen --master --key-id 7 --out "$T/provider.json" &&
	$P token add --provider "$T/provider.json" --alias 1234567 --token 0102030405060708 \
		--wallet-out "$T/wallet.json" --storage "$T/keys" >/dev/null &&
	$P cert issue --root "$T/root.json" --wallet "$T/wallet.json" --serial 1001 --offline \
		--max-risk A --out "$T/dev.cert" --now "$NOW" && ok || bad "set-up"
TERMINAL="--mode terminal --roots $T/root.pub.json --now $NOW"
PROVIDER="--mode provider --provider $T/provider.json --now $NOW"

# ---- single use across processes: --store file:DIR ---------------------------
c=$(gen)
verify $TERMINAL --store "file:$T/st" "$c"
[ $rc -eq 0 ] && got APPROVE OK && has '"consumed":true' && ok || bad "file store approve ($rc): $(cat "$T/v.json" "$T/verr")"
[ "$(perm "$T/st")" = "drwx------" ] && ok || bad "store folder mode $(perm "$T/st")"
[ "$(perm "$T/st/paycode-store.snap")" = "-rw-------" ] && [ -f "$T/st/paycode-store.log" ] && ok || bad "store files"
verify $TERMINAL --store "file:$T/st" "$c"
[ $rc -eq 1 ] && got DECLINE REPLAYED && has '"consumed":false' && ok || bad "second process not REPLAYED ($rc): $(cat "$T/v.json" "$T/verr")"
verify $PROVIDER --roots "$T/root.pub.json" --store "file:$T/st" "$c"
[ $rc -eq 1 ] && got DECLINE REPLAYED && ok || bad "provider on the same store ($rc)"
verify $TERMINAL --store "file:$T/other" "$c"
[ $rc -eq 0 ] && got APPROVE OK && ok || bad "another store folder ($rc)"
verify $TERMINAL --store memory "$c"
[ $rc -eq 0 ] && got APPROVE OK && ok || bad "--store memory is this invocation only ($rc)"
verify $TERMINAL --store "file:$T/st" - <<EOF
$c
EOF
[ $rc -eq 1 ] && got DECLINE REPLAYED && ok || bad "code on stdin ($rc)"
mkdir -p "$T/bad" && printf 'garbage' >"$T/bad/paycode-store.snap"
verify $TERMINAL --store "file:$T/bad" "$(gen)"
[ $rc -eq 1 ] && [ ! -s "$T/v.json" ] && grep -q '^error: PC_ERR_STORAGE: ' "$T/verr" && ok || bad "corrupt store refused ($rc): $(cat "$T/verr")"
[ "$(cat "$T/bad/paycode-store.snap")" = garbage ] && ok || bad "corrupt store was modified"

# ---- kill -9 of a verify loop: no consumed code is lost ---------------------
N=10
i=1
while [ $i -le $N ]; do gen >"$T/code.$i" || bad "gen $i"; i=$((i + 1)); done
(
	i=1
	while [ $i -le $N ]; do
		$P code verify $TERMINAL --store "file:$T/crash" "$(cat "$T/code.$i")" >"$T/run.$i" 2>&1
		i=$((i + 1))
	done
) &
loop=$!
# let a few codes through, then stop the loop and SIGKILL the verifier it runs
tries=0
while [ "$(cat "$T"/run.* 2>/dev/null | grep -c '"decision"')" -lt 3 ] && [ $tries -lt 3000 ] &&
      kill -0 "$loop" 2>/dev/null; do
	sleep 0.02
	tries=$((tries + 1))
done
kill -STOP "$loop" 2>/dev/null
for child in $(ps -o pid= --ppid "$loop" 2>/dev/null); do kill -KILL "$child" 2>/dev/null; done
kill -KILL "$loop" 2>/dev/null
wait "$loop" 2>/dev/null
loop=
approved=0 lost=0 reopened=0 i=1
while [ $i -le $N ]; do
	first=$(grep -c '"decision":"APPROVE"' "$T/run.$i" 2>/dev/null)
	approved=$((approved + ${first:-0}))
	verify $TERMINAL --store "file:$T/crash" "$(cat "$T/code.$i")"
	[ -s "$T/v.json" ] && reopened=$((reopened + 1))
	# a code approved before the kill must now be a replay
	if [ "${first:-0}" -gt 0 ] && ! got DECLINE REPLAYED; then lost=$((lost + 1)); fi
	i=$((i + 1))
done
[ $approved -ge 3 ] && ok || bad "the loop approved only $approved codes before the kill"
[ $reopened -eq $N ] && ok || bad "the store did not reopen after the kill ($reopened/$N): $(cat "$T/verr")"
[ $lost -eq 0 ] && ok || bad "$lost consumed codes lost to kill -9"
echo "store cli: kill -9 after $approved approvals; $N codes re-verified"

# ---- risk: a daily limit across invocations ---------------------------------
printf '# level C: 1,000 CNY a day\ndaily.C = 100000\n' >"$T/risk.conf"
RISK="$PROVIDER --store file:$T/risk --risk $T/risk.conf"
verify $RISK --amount 60000 "$(gen qr-online)"
[ $rc -eq 0 ] && got APPROVE OK && ok || bad "600 CNY at C ($rc): $(cat "$T/v.json" "$T/verr")"
for f in '"riskLevel":"C"' '"factors":["otp"]' '"liability":"institution"' \
	 '"hooks":[{"name":"lists","decision":"APPROVE","reason":"OK"},{"name":"binding",' \
	 '{"name":"daily","decision":"APPROVE","reason":"OK"}]' '"riskReason":"OK"' '"stepUp":null'; do
	has "$f" || bad "risk JSON lacks $f: $(cat "$T/v.json")"
done
verify $RISK --amount 50000 "$(gen qr-online)"
[ $rc -eq 1 ] && grep -q '^{"decision":"DECLINE","reason":"OK",' "$T/v.json" &&
	has '"riskReason":"LIMIT_DAILY"' && has '{"name":"daily","decision":"DECLINE","reason":"LIMIT_DAILY"}' &&
	has '"consumed":true' && ok || bad "500 more CNY not LIMIT_DAILY ($rc): $(cat "$T/v.json" "$T/verr")"
verify $RISK --amount 40000 "$(gen qr-online)"
[ $rc -eq 0 ] && got APPROVE OK && ok || bad "400 CNY: the refused 500 must not count ($rc): $(cat "$T/v.json")"
verify $RISK --amount 1 "$(gen qr-online)"
[ $rc -eq 1 ] && has '"riskReason":"LIMIT_DAILY"' && ok || bad "one fen over ($rc)"
verify $RISK --factors knowledge,from-code --amount 50000 "$(gen qr-online)"
[ $rc -eq 0 ] && has '"riskLevel":"B"' && has '"factors":["knowledge","otp"]' && has '"liability":null' && ok ||
	bad "level B has its own total ($rc): $(cat "$T/v.json")"
verify $PROVIDER --store memory --risk "$T/risk.conf" --amount 60000 "$(gen qr-online)"
[ $rc -eq 0 ] && ok || bad "a memory store starts from zero ($rc)"
# a refused code: the hooks do not run
c=$(gen qr-online)
verify $RISK --amount 1 "$c"
verify $RISK --amount 1 "$c"
[ $rc -eq 1 ] && got DECLINE REPLAYED && has '"riskReason":"CODE"' && has '"hooks":[]' && ok || bad "replay with --risk ($rc): $(cat "$T/v.json")"
# a step-up
printf 'mcc.step_up = 4829\n' >"$T/stepup.conf"
verify $PROVIDER --risk "$T/stepup.conf" --amount 100 --mcc 4829 --merchant M-1 --terminal POS-1 "$(gen qr-online)"
[ $rc -eq 1 ] && grep -q '^{"decision":"STEP_UP","reason":"OK",' "$T/v.json" && has '"stepUp":"PIN"' &&
	has '"riskReason":"MCC_STEP_UP"' && ok || bad "step-up ($rc): $(cat "$T/v.json")"
# a malformed configuration is refused before the code is touched
printf 'daily.C = 100000\ndaily.D = 50001\n' >"$T/bad.conf"
c=$(gen qr-online)
verify $PROVIDER --store "file:$T/risk2" --risk "$T/bad.conf" --amount 100 "$c"
[ $rc -eq 1 ] && [ ! -s "$T/v.json" ] && grep -q '^error: PC_ERR_RISK_CONFIG: .*bad.conf:2: ' "$T/verr" && ok || bad "bad config ($rc): $(cat "$T/verr")"
verify $PROVIDER --store "file:$T/risk2" "$c"
[ $rc -eq 0 ] && got APPROVE OK && ok || bad "the code was consumed by a refused configuration ($rc)"

# ---- Redis that cannot be reached: fail closed ---------------------------------
c=$(gen qr-online)
verify $PROVIDER --store redis://127.0.0.1:1 "$c"
[ $rc -eq 1 ] && got DECLINE STORE_FAULT && has '"consumed":false' &&
	grep -q '^warning: PC_ERR_STORE_UNAVAILABLE: redis store 127.0.0.1:1' "$T/verr" && ok || bad "closed port ($rc): $(cat "$T/v.json" "$T/verr")"
verify $PROVIDER --store redis://:sekret@127.0.0.1:1/2 --risk "$T/risk.conf" --amount 100 "$c"
[ $rc -eq 1 ] && got DECLINE STORE_FAULT && has '"riskReason":"CODE"' && ok || bad "closed port with --risk ($rc)"
! grep -q sekret "$T/verr" && ok || bad "the password was printed"
verify $TERMINAL --store redis://127.0.0.1:1 "$(gen)"
[ $rc -eq 1 ] && got REFER_ONLINE STORE_FAULT && ok || bad "closed port at a terminal ($rc)"

# ---- usage errors ---------------------------------------------------------------
c=$(gen)
usage $P code verify $TERMINAL --state "$T/s" --store "file:$T/st" "$c"
usage $P code verify $TERMINAL --store bogus "$c"
usage $P code verify $TERMINAL --store file: "$c"
usage $P code verify $TERMINAL --store redis://:sekret@host:99999 "$c"
! grep -q sekret "$T/err" && ok || bad "a malformed URL's password was printed"
usage $P code verify $TERMINAL --amount 100 "$c"
usage $P code verify $TERMINAL --offline "$c"
usage $P code verify $TERMINAL --risk "$T/risk.conf" "$c"
usage $P code verify $TERMINAL --risk "$T/risk.conf" --state "$T/s" --amount 1 "$c"
usage $P code verify $TERMINAL --risk "$T/risk.conf" --amount 0 "$c"
usage $P code verify $TERMINAL --risk "$T/risk.conf" --amount 1 --factors face "$c"
usage $P code verify $TERMINAL --risk "$T/risk.conf" --amount 1 --merchant 'M 1' "$c"
usage $P code verify $TERMINAL --risk "$T/risk.conf" --amount 1 --mcc 10000 "$c"
usage $P code verify $TERMINAL --risk "$T/risk.conf" --amount 1 --currency 0 "$c"
verify $TERMINAL --store "file:$T/st" "$c"
[ $rc -eq 0 ] && ok || bad "usage errors consumed the code ($rc)"
$P code verify --help | grep -q -- '--store S' && ok || bad "code verify --help lacks --store"
$P --help | grep -q 'risk check' && ok || bad "paycode --help lacks risk"

# ---- a private Redis: one approval among concurrent verifiers -------------------
if command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; then
	pw=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
	if port=$(sh "$SRV" start "$T/srv" "$pw"); then
		URL="redis://:$pw@127.0.0.1:$port"
		c=$(gen)
		for i in 1 2 3 4; do
			$P code verify $TERMINAL --store "$URL" "$c" >"$T/par$i" 2>&1 &
		done
		wait
		[ "$(cat "$T"/par? | grep -c '"decision":"APPROVE"')" -eq 1 ] &&
			[ "$(cat "$T"/par? | grep -c '"reason":"REPLAYED"')" -eq 3 ] && ok ||
			bad "concurrent verifiers on Redis: $(cat "$T"/par?)"
		verify $PROVIDER --roots "$T/root.pub.json" --store "$URL" "$c"
		[ $rc -eq 1 ] && got DECLINE REPLAYED && ok || bad "Redis replay in a later process ($rc)"
		RRISK="$PROVIDER --store $URL --risk $T/risk.conf"
		verify $RRISK --amount 60000 "$(gen qr-online)"
		[ $rc -eq 0 ] && ok || bad "Redis: 600 CNY ($rc): $(cat "$T/v.json" "$T/verr")"
		verify $RRISK --amount 50000 "$(gen qr-online)"
		[ $rc -eq 1 ] && has '"riskReason":"LIMIT_DAILY"' && ok || bad "Redis: daily limit ($rc): $(cat "$T/v.json")"
		sh "$SRV" stop "$T/srv" && ok || bad "redis-server did not stop"
	else
		cat "$T/srv/redis.log" 2>/dev/null
		bad "could not start redis-server"
	fi
else
	echo "SKIP: redis-server is not installed: the concurrent Redis verifiers did not run"
fi

echo "store cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
