#!/bin/sh
# Crash test of the journal (see tests/crash/crash_journal.c): a child
# process appending decisions is killed with SIGKILL at random times; after
# each kill the journal must verify up to a clean end or a torn tail
# (reported, never accepted), hold every acknowledged record, and verify
# end to end once a writer has reopened it.
#
#   run_journal.sh CRASH_JOURNAL_BINARY [ITERATIONS [SEED]]
#
# The journal lives in a fresh temporary folder, removed afterwards. The
# seed (printed) fixes the kill delays; the kernel's timing does the rest.
set -eu
bin=${1:?usage: run_journal.sh CRASH_JOURNAL_BINARY [ITERATIONS [SEED]]}
iters=${2:-50}
seed=${3:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
dir=$(mktemp -d "${TMPDIR:-/tmp}/paycode-crash-journal.XXXXXX")
trap 'rm -rf "$dir"' EXIT
trap 'exit 130' INT TERM
echo "crash journal: $iters kills, seed $seed, folder $dir"
"$bin" "$dir" "$iters" "$seed"
