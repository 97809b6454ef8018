#!/usr/bin/env python3
"""The footprint report of ports/cortex-m (make footprint).

    footprint.py --build DIR --cpus "m4 m3" [--qemu CMD] [--cross PREFIX]
                 [--strict] [--no-run]

For each component image build/fp/<cpu>/<name>.elf (footprint/fp_<name>.c):

  flash       code, read-only data and the .data load image that the link
              map attributes to paycode (libpaycode.a), the port
              (libpc_cm.a), mbedTLS (libmbedcrypto.a) and libc (newlib,
              libgcc), less what fp_base.elf (start-up and harness alone)
              takes from them; the harness's own code and test inputs are
              not counted
  RAM static  .data + .bss, minus fp_base.elf's: the component's contexts
              (static, as firmware allocates them) and mbedTLS's static heap
              (sized per component in footprint.mk, FP_HEAP_<name>)
  stack       worst case over the component's entry points (the "Entry
              points:" line of fp_<name>.c) from the call graph of the
              image and -fstack-usage (stack_usage.py, indirect.txt), and as
              measured under QEMU by stack painting (a lower bound)
  RAM total   RAM static + worst-case stack (call graph)

Under QEMU (-icount shift=0: one instruction per virtual nanosecond) each
image times its operations with the 25 MHz CMSDK timer: instructions =
ticks x 40, exact to 40 instructions. Time at 100 MHz assumes one
instruction per cycle, a lower bound: a Cortex-M4's loads, multiplies and
taken branches take 2-3 cycles, flash wait states add more (ART/caches
hide most of it on a 100 MHz part).

The biometric rows (bio_parse, bio_match) use the profile's template and
matcher sizes (PC_BIO_* in pc_config_cortex-m.h); the rows "with" the
matcher add them to the wallet and validator rows.

Budgets (issue 6): MPM codec <= 6 KB flash; wallet, online forms <= 16 KB
flash; offline validator <= 64 KB flash and <= 8 KB RAM (static + stack).
A budget exceeded is reported; with --strict it also fails the run.
"""
import argparse
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stack_usage  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TICK_INSNS = 40  # 1 ns per instruction, 25 MHz timer

# (label, image, flash budget, RAM budget, operations timed by the image)
COMPONENTS = [
    ("wallet generator, online forms", "wallet", 16 * 1024, None),
    ("wallet generator, + qr-offline (ECDSA sign, key store)", "wallet_off", None, None),
    ("offline validator (ECDSA verify, memstore)", "validator", 64 * 1024, 8 * 1024),
    ("offline validator + flash replay store", "validator_fs", None, None),
    ("MPM codec (decode, profiles, encode, builder)", "mpm", 6 * 1024, None),
    ("pc_selftest (all known-answer tests)", "selftest", None, None),
    ("finger template parser (ISO 19794-2:2005/2011, ANSI 378 records)", "bio_parse", None, None),
    ("reference matcher (prepare + compare)", "bio_match", None, None),
]
# Rows "with" the biometric parser and matcher: the component's row plus
# the bio_parse and bio_match rows (flash and static RAM added, an upper
# bound: code both share, such as libc's memset, is counted twice; stack
# the largest of the three, as the operations run one after another).
MATCHER_ROWS = [("wallet generator", "wallet"), ("offline validator", "validator")]
BIO_IMGS = ("bio_parse", "bio_match")
CPU_NAME = {"m4": ("Cortex-M4", "mps2-an386"), "m3": ("Cortex-M3", "mps2-an385")}
ORIGINS = ["paycode", "port", "mbedTLS", "libc"]


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def sections(cross, elf):
    out = {}
    for line in run([cross + "size", "-A", elf]).splitlines():
        f = line.split()
        if len(f) >= 3 and f[0].startswith(".") and f[1].isdigit():
            out[f[0]] = int(f[1])
    flash = out.get(".text", 0) + out.get(".ARM.exidx", 0) + out.get(".data", 0)
    ram = out.get(".data", 0) + out.get(".bss", 0)
    return flash, ram, out.get(".flashstore", 0)


def origin(path):
    if "libpaycode.a" in path:
        return "paycode"
    if "libpc_cm.a" in path:
        return "port"
    if "libmbedcrypto.a" in path or os.path.basename(path).startswith("heap_"):
        return "mbedTLS"
    if re.search(r"lib(c|gcc|c_nano|m)\.a", path):
        return "libc"
    return "harness"


def map_split(mapfile):
    """Bytes of flash by origin, from the input sections of the link map."""
    split = dict.fromkeys(ORIGINS + ["harness"], 0)
    with open(mapfile) as fh:
        text = fh.read()
    text = text[text.find("Linker script and memory map"):]
    pending = None
    for line in text.splitlines():
        m = re.match(r"^ (\.[^\s]+)\s*$", line)
        if m:
            pending = m.group(1)
            continue
        m = re.match(r"^ (\.[^\s]+)?\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S+\.(?:o|a\([^)]*\)))\s*$", line)
        if m:
            name = m.group(1) or pending
            pending = None
            if not name or name.startswith((".debug", ".comment", ".ARM.attributes")):
                continue
            addr, size = int(m.group(2), 16), int(m.group(3), 16)
            kind = name.split(".")[1] if "." in name[1:] else name[1:]
            if addr < 0x20000000 and not name.startswith(".flashstore") \
                    or name.startswith(".data"):
                if size and kind not in ("bss", "flashstore"):
                    split[origin(m.group(4))] += size
        else:
            pending = None
    return split


def entries(name):
    with open(os.path.join(HERE, "fp_%s.c" % name)) as fh:
        src = fh.read()
    m = re.search(r"Entry points:(.*?)(?:\*/|\n \*\s*\n)", src, re.S)
    return m.group(1).replace("*", " ").replace("(and the key store hooks)", "").split() if m else []


def qemu_run(qemu, machine, elf):
    cmd = [qemu, "-M", machine, "-nographic", "-monitor", "none", "-serial", "none",
           "-semihosting-config", "enable=on,target=native", "-icount", "shift=0",
           "-kernel", elf]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    res = []
    for line in p.stdout.splitlines():
        if line.startswith("FP "):
            res.append(dict(kv.split("=", 1) for kv in line[3:].split()))
    return p.returncode, res


def trace_check(args, machine, elf):
    """Count the instructions of each fp_begin..fp_end window with QEMU's
    execution trace (one instruction per translation block), to check the
    icount/timer method on a small image."""
    syms = {}
    for line in run([args.cross + "nm", elf]).splitlines():
        f = line.split()
        if len(f) == 3:
            syms[f[2]] = int(f[0], 16)
    lo, hi = syms["fp_begin"], syms["fp_end"]
    log = elf + ".trace"
    subprocess.run([args.qemu, "-M", machine, "-nographic", "-monitor", "none", "-serial",
                    "none", "-semihosting-config", "enable=on,target=native",
                    "-singlestep", "-d", "exec,nochain", "-D", log, "-kernel", elf],
                   capture_output=True, timeout=600, check=False)
    pcs = []
    with open(log) as fh:
        for line in fh:
            m = re.match(r"Trace \d+: 0x[0-9a-f]+ \[[0-9a-f]+/([0-9a-f]+)/", line)
            if m:
                pcs.append(int(m.group(1), 16))
    os.remove(log)
    counts, i = [], 0
    while i < len(pcs):
        if lo <= pcs[i] < hi:
            j = i
            while j < len(pcs) and lo <= pcs[j] < hi:
                j += 1
            k = j
            while k < len(pcs) and pcs[k] != hi:
                k += 1
            counts.append(k - j)
            i = k + 1
        else:
            i += 1
    return counts


def kb(n):
    return "%.1f KB" % (n / 1024.0)


def report_cpu(args, cpu):
    name, machine = CPU_NAME[cpu]
    d = os.path.join(args.build, "fp", cpu)
    su_dirs = [os.path.join(args.build, cpu, x) for x in ("pc", "port", "mbedtls")] + [d]
    objdump = args.cross + "objdump"
    base_flash, base_ram, _ = sections(args.cross, os.path.join(d, "base.elf"))
    base_split = map_split(os.path.join(d, "base.elf.map"))
    rows, ops, problems = [], [], []
    for label, img, fbud, rbud in COMPONENTS:
        elf = os.path.join(d, img + ".elf")
        flash, ram, store = sections(args.cross, elf)
        split = map_split(elf + ".map")
        comp_split = {k: split[k] - base_split.get(k, 0) for k in ORIGINS}
        ents = entries(img)
        wc = stack_usage.worst_case(elf, ents, su_dirs, objdump,
                                    os.path.join(HERE, "indirect.txt"))
        stack = max((v[0] or 0) for v in wc.values()) if wc else 0
        worst = max(wc.items(), key=lambda kv: kv[1][0] or 0) if wc else None
        meas, heap, heapsize = None, None, None
        if args.run:
            rc, lines = qemu_run(args.qemu, machine, elf)
            if rc != 0 or not lines or any(x.get("ok") != "1" for x in lines):
                problems.append("%s: the image failed under QEMU (status %d, %s)" % (img, rc, lines))
            for x in lines:
                ops.append((x["name"], int(x["ticks"]) * TICK_INSNS))
            if lines:
                meas = max(int(x["stack"]) for x in lines)
                heap = max(int(x["heap"]) for x in lines)
                heapsize = max(int(x["heapsize"]) for x in lines)
                if heap and heap > heapsize:
                    problems.append("%s: mbedTLS heap high water %d > %d" % (img, heap, heapsize))
        rows.append(dict(label=label, img=img, flash=sum(comp_split.values()),
                         ram=ram - base_ram, split=comp_split, stack=stack, meas=meas,
                         heap=heap, heapsize=heapsize, store=store, fbud=fbud, rbud=rbud,
                         worst=worst, notes=sorted(set(n for v in wc.values() for n in v[2]))))
    return name, machine, rows, ops, problems


def verdict(r):
    out = []
    if r["fbud"]:
        out.append("flash %s %s" % ("<=" if r["flash"] <= r["fbud"] else "OVER", kb(r["fbud"])))
    if r["rbud"]:
        tot = r["ram"] + r["stack"]
        out.append("RAM %s %s" % ("<=" if tot <= r["rbud"] else "OVER", kb(r["rbud"])))
    return ", ".join(out) or "-"


def print_table(name, machine, rows, ops, full):
    print("\n%s (QEMU %s), arm-none-eabi-gcc -Os, profile ports/cortex-m/pc_config_cortex-m.h"
          % (name, machine))
    if not full:
        print("| component | flash | RAM static | stack (call graph) | RAM total |")
        print("|---|---:|---:|---:|---:|")
        for r in rows:
            print("| %s | %d | %d | %d | %d |" % (r["label"], r["flash"], r["ram"], r["stack"],
                                                r["ram"] + r["stack"]))
    else:
        print("| component | biometric matcher | flash (text+rodata+data) | paycode / port / mbedTLS / libc "
              "| RAM static (data+bss) | of which mbedTLS heap (high water) | worst-case stack: call graph "
              "(measured) | RAM total | budget |")
        print("|---|---|---:|---|---:|---|---|---:|---|")
        for r in rows:
            s = r["split"]
            heap = "-" if not r["heapsize"] else "%d (%s)" % (r["heapsize"], r["heap"])
            print("| %s | without | %d | %d / %d / %d / %d | %d | %s | %d (%s) | %d | %s |" % (
                r["label"], r["flash"], s["paycode"], s["port"], s["mbedTLS"], s["libc"],
                r["ram"], heap, r["stack"], r["meas"] if r["meas"] is not None else "n/a",
                r["ram"] + r["stack"], verdict(r)))
        byimg = dict((r["img"], r) for r in rows)
        for label, img in MATCHER_ROWS:
            parts = [byimg[img]] + [byimg[b] for b in BIO_IMGS]
            flash = sum(p["flash"] for p in parts)
            ram = sum(p["ram"] for p in parts)
            stack = max(p["stack"] for p in parts)
            print("| %s | with (row sums: an upper bound) | %d | %s | %d | - | %d | %d | - |" % (
                label, flash, " / ".join(str(sum(p["split"][k] for p in parts)) for k in ORIGINS),
                ram, stack, ram + stack))
    if ops:
        print("\n| operation (%s, QEMU -icount) | instructions | at 100 MHz, 1 instruction/cycle |" % name)
        print("|---|---:|---:|")
        for op, n in ops:
            print("| %s | %d | %.2f ms |" % (op, n, n / 100e6 * 1e3))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--cpus", default="m4 m3")
    ap.add_argument("--qemu", default="qemu-system-arm")
    ap.add_argument("--cross", default="arm-none-eabi-")
    ap.add_argument("--strict", action="store_true", help="fail when a budget is exceeded")
    ap.add_argument("--no-run", dest="run", action="store_false", help="skip QEMU")
    args = ap.parse_args()
    if args.run and subprocess.run(["sh", "-c", "command -v " + args.qemu],
                                   capture_output=True).returncode != 0:
        print("footprint: %s not found: no QEMU measurements" % args.qemu)
        args.run = False
    status, first = 0, True
    for cpu in args.cpus.split():
        name, machine, rows, ops, problems = report_cpu(args, cpu)
        print_table(name, machine, rows, ops, first)
        if first and args.run:
            counts = trace_check(args, machine, os.path.join(args.build, "fp", cpu, "mpm.elf"))
            timed = [n for op, n in ops if op.startswith("mpm-")]
            print("\nCheck of the method: the MPM image's windows counted from QEMU's execution"
                  " trace (-singlestep -d exec): %s instructions; by the timer: %s" % (counts, timed))
            if len(counts) != len(timed) or any(abs(a - b) > 2 * TICK_INSNS
                                                for a, b in zip(counts, timed)):
                problems.append("the instruction counts disagree with the execution trace")
        if first:
            print("\nWorst stack paths (call graph):")
            for r in rows:
                if r["worst"]:
                    e, (d, path, _) = r["worst"]
                    print("  %s: %d bytes, %s" % (r["img"], d, " > ".join(path[:12]) +
                                                  (" > ..." if len(path) > 12 else "")))
            notes = sorted(set(n for r in rows for n in r["notes"]))
            for n in notes:
                print("  note:", n)
            over = [r["label"] for r in rows if "OVER" in verdict(r)]
            if over:
                print("\nOver budget: " + "; ".join(over))
                if args.strict:
                    status = 1
        for p in problems:
            print("footprint: " + p)
            status = 1
        first = False
    print("\nMethod and limits: ports/cortex-m/footprint/footprint.py, stack_usage.py;"
          " docs/PORTING.md, \"Cortex-M\".")
    return status


if __name__ == "__main__":
    sys.exit(main())
