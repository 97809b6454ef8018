#!/bin/sh
# Crash test of the file store (see tests/crash/crash_store.c): a child
# process is killed with SIGKILL at random times while it consumes codes
# and adds to counters; after each kill the store is reopened and checked.
#
#   run.sh CRASH_STORE_BINARY [ITERATIONS [SEED]]
#
# The store lives in a fresh temporary folder, removed afterwards. The seed
# (printed) fixes the kill delays; the kernel's timing does the rest.
set -eu
bin=${1:?usage: run.sh CRASH_STORE_BINARY [ITERATIONS [SEED]]}
iters=${2:-50}
seed=${3:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
dir=$(mktemp -d "${TMPDIR:-/tmp}/paycode-crash.XXXXXX")
trap 'rm -rf "$dir"' EXIT
trap 'exit 130' INT TERM
echo "crash store: $iters kills, seed $seed, folder $dir"
"$bin" "$dir" "$iters" "$seed"
