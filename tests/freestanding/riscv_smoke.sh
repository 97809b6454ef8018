#!/bin/sh
# Freestanding cross-compile smoke test (make riscv-smoke): every file given
# is compiled, not linked, for riscv32 (rv32imac, ilp32) and riscv64
# (rv64imac, lp64) with -ffreestanding -nostdlib, the project's warnings as
# errors, and no C library headers but tests/freestanding/include.
#
#   riscv_smoke.sh CC OUTDIR FILE.c...
set -eu
cc=$1 out=$2
shift 2
here=$(dirname "$0")
warn="-Wall -Wextra -Werror -Wpedantic -Wshadow -Wundef -Wconversion \
-Wsign-conversion -Wcast-qual -Wstrict-prototypes -Wmissing-prototypes \
-Wpointer-arith -Wformat=2 -Wvla -Wimplicit-fallthrough"
n=0
for target in "rv32imac ilp32" "rv64imac lp64"; do
	set -- $target "$@"
	arch=$1 abi=$2
	shift 2
	mkdir -p "$out/$arch"
	for f in "$@"; do
		$cc -march="$arch" -mabi="$abi" -std=c11 -Os -ffreestanding -nostdlib \
		    -fno-builtin $warn -I"$here/include" -I"$here" -Iports/cortex-m \
		    -Iinclude -Icore -DPC_CONFIG_FILE='"config_freestanding.h"' \
		    -c "$f" -o "$out/$arch/$(basename "$f" .c).o"
		n=$((n + 1))
	done
done
echo "riscv-smoke: $n compiles ($# files x rv32imac/ilp32, rv64imac/lp64), freestanding, no warnings"
