#!/usr/bin/env python3
"""Worst-case stack depth of functions in a linked Cortex-M image.

    stack_usage.py [--su DIR]... [--indirect FILE] [--objdump CMD] ELF ENTRY...

Prints, for each ENTRY, the deepest call path and its bytes. As a module,
worst_case(elf, entries, su_dirs) returns {entry: (bytes, path, notes)}.

Method:
  * Functions and calls come from the disassembly of the linked image
    (objdump -d): "bl <f>" is a call; "b.w <f>" / "b <f>" to the start of
    another function is a tail call, counted like a call (an over-estimate:
    the caller's frame is already gone).
  * A function's frame comes from GCC's -fstack-usage (.su files) when its
    name is unique there; otherwise (static functions of the same name in
    several files, the C library, libgcc, assembly) from its prologue:
    push/stmdb, vpush, and "sub sp" (immediate, or a register loaded by
    movw/movt just before).
  * Indirect calls ("blx rN", "bx rN" other than lr, "mov pc") reach
    address-taken functions: functions whose address (with the Thumb bit)
    appears as a word in a loaded section, the vector table excluded. Which
    of them a given caller may reach is declared in indirect.txt (--indirect)
    by name patterns: the allocator pointers of mbedTLS, its RNG callbacks
    and the P-256 reduction (grp->modp), the flash store's callbacks, the
    board functions, paycode's platform and store hooks. A caller without
    a rule is charged the worst of every address-taken function, and named
    in the notes.

Recursion: a function that calls itself is charged its frame times the
bound given in indirect.txt ("@recursion NAME N"), and reported without
one; other cycles are reported and counted once.

Limits: indirect.txt is maintained by hand (a new kind of function
pointer needs a rule, or it falls back to the conservative set); recursion is reported, not bounded (there is none in paycode or in
the mbedTLS modules used; a cycle prints a note and counts once); a
"dynamic" .su entry (alloca, VLA) is reported; interrupt handlers run on
top of whatever is measured here and are not included; an address built
arithmetically (not as a literal) would be missed as an indirect target.
"""
import collections
import fnmatch
import glob
import os
import re
import struct
import subprocess
import sys

FUNC_RE = re.compile(r"^([0-9a-f]{8}) <([^>]+)>:$")
INSN_RE = re.compile(r"^\s+([0-9a-f]+):\s+(\S+)(?:\s+(.*))?$")
TARGET_RE = re.compile(r"\b([0-9a-f]+) <([^>+]+)(\+0x[0-9a-f]+)?>")
REGLIST_RE = re.compile(r"\{([^}]*)\}")
BRANCH_RE = re.compile(r"^b(eq|ne|cs|cc|hs|lo|mi|pl|vs|vc|hi|ls|ge|lt|gt|le|al)?(\.[nw])?$")


def reg_count(lst):
    n = 0
    for part in lst.split(","):
        part = part.strip()
        if "-" in part:
            a, b = part.split("-")
            n += int(re.sub(r"\D", "", b)) - int(re.sub(r"\D", "", a)) + 1
        elif part:
            n += 1
    return n


def parse_imm(s):
    m = re.search(r"#(-?(?:0x[0-9a-f]+|\d+))", s)
    return int(m.group(1), 0) if m else None


class Func:
    def __init__(self, name, addr):
        self.name, self.addr = name, addr
        self.insns = []
        self.calls = set()
        self.indirect = False
        self.prologue = 0


def func_symbols(elf, readelf):
    """Addresses of STT_FUNC symbols (objdump also labels data objects)."""
    out = subprocess.run([readelf, "-sW", elf], capture_output=True, text=True,
                         check=True).stdout
    addrs = set()
    for line in out.splitlines():
        f = line.split()
        if len(f) >= 8 and f[3] == "FUNC":
            addrs.add(int(f[1], 16) & ~1)
    return addrs


def disassemble(elf, objdump):
    out = subprocess.run([objdump, "-d", "--no-show-raw-insn", elf],
                         capture_output=True, text=True, check=True).stdout
    fsyms = func_symbols(elf, objdump.replace("objdump", "readelf"))
    funcs, cur = {}, None
    for line in out.splitlines():
        m = FUNC_RE.match(line)
        if m:
            cur = Func(m.group(2), int(m.group(1), 16))
            if cur.addr in fsyms:
                funcs[cur.addr] = cur
            continue
        m = INSN_RE.match(line)
        if m and cur is not None:
            cur.insns.append((int(m.group(1), 16), m.group(2), m.group(3) or ""))
    return funcs


def analyse(funcs):
    starts = {f.addr: f for f in funcs.values()}
    for f in funcs.values():
        frame, movw = 0, {}
        in_prologue = True
        for i, (addr, op, args) in enumerate(f.insns):
            base = op.split(".")[0]
            if base in ("movw", "mov") and "#" in args:
                reg = args.split(",")[0].strip()
                v = parse_imm(args)
                if v is not None:
                    movw[reg] = v
            if in_prologue:
                if base in ("push", "stmdb", "stmfd") and ("sp!" in args or base == "push"):
                    m = REGLIST_RE.search(args)
                    if m:
                        frame += 4 * reg_count(m.group(1))
                elif base == "vpush":
                    m = REGLIST_RE.search(args)
                    if m:
                        frame += 8 * reg_count(m.group(1))
                elif base in ("sub", "subw") and args.replace(" ", "").startswith("sp,"):
                    v = parse_imm(args)
                    if v is None:
                        reg = args.split(",")[-1].strip()
                        v = movw.get(reg, 0)
                    frame += v
                elif base.startswith("b") or base in ("pop", "ldmia", "ldmfd", "cbz", "cbnz") \
                        or base.startswith("it"):
                    in_prologue = False
            # calls: bl, and (conditional) branches to another function's start
            if base == "bl" or BRANCH_RE.match(op):
                m = TARGET_RE.search(args)
                if m and not m.group(3):
                    tgt = int(m.group(1), 16)
                    if tgt in starts:
                        f.calls.add(tgt)
            if base == "blx" and not TARGET_RE.search(args):
                f.indirect = True
            if base == "bx" and args.strip() not in ("lr",):
                f.indirect = True
            if base == "mov" and args.replace(" ", "").startswith("pc,"):
                f.indirect = True
        f.prologue = frame


def load_su(dirs):
    """name -> list of (bytes, kind)"""
    su = collections.defaultdict(list)
    for d in dirs:
        for path in glob.glob(os.path.join(d, "**", "*.su"), recursive=True):
            with open(path) as fh:
                for line in fh:
                    parts = line.rstrip("\n").split("\t")
                    if len(parts) < 3:
                        continue
                    name = parts[0].rsplit(":", 1)[-1]
                    su[name].append((int(parts[1]), parts[2]))
    return su


def address_taken(elf, funcs):
    """Function starts whose Thumb address appears as a word in an allocated
    PROGBITS section, vector table (the first 16 words at 0) excluded."""
    starts = {f.addr for f in funcs.values()}
    taken = set()
    with open(elf, "rb") as fh:
        data = fh.read()
    e_shoff, = struct.unpack_from("<I", data, 0x20)
    e_shentsize, e_shnum = struct.unpack_from("<HH", data, 0x2E)
    for i in range(e_shnum):
        (name, typ, flags, addr, off, size) = struct.unpack_from(
            "<IIIIII", data, e_shoff + i * e_shentsize)
        if typ != 1 or not (flags & 2):  # SHT_PROGBITS, SHF_ALLOC
            continue
        for j in range(0, size - 3, 4):
            if addr + j < 64:  # the vector table: handlers, not indirect calls
                continue
            w, = struct.unpack_from("<I", data, off + j)
            if w & 1 and (w & ~1) in starts:
                taken.add(w & ~1)
    return taken


def base_name(name):
    return re.sub(r"\.(isra|constprop|part|cold)(\.\d+)?", "", name)


def load_rules(path):
    """(indirect-call rules, {function: recursion depth bound})"""
    rules, bounds = [], {}
    if path:
        with open(path) as fh:
            for line in fh:
                line = line.split("#", 1)[0].strip()
                if line.startswith("@recursion"):
                    _, name, n = line.split()
                    bounds[name] = int(n)
                elif ":" in line:
                    callers, targets = line.split(":", 1)
                    rules.append((callers.split(), targets.split()))
    return rules, bounds


def indirect_targets(name, rules, taken, funcs):
    n = base_name(name)
    for callers, targets in rules:
        if any(fnmatch.fnmatchcase(n, c) for c in callers):
            return {a for a in taken
                    if any(fnmatch.fnmatchcase(base_name(funcs[a].name), t)
                           for t in targets if t != "-")}, True
    return set(taken), False


def worst_case(elf, entries, su_dirs=(), objdump="arm-none-eabi-objdump", rules_path=None):
    funcs = disassemble(elf, objdump)
    analyse(funcs)
    rules, bounds = load_rules(rules_path)
    su = load_su(su_dirs)
    by_name = {f.name: f for f in funcs.values()}
    notes = []
    frame = {}
    for f in funcs.values():
        cand = su.get(f.name, [])
        if len(cand) == 1:
            frame[f.addr] = cand[0][0]
            if "dynamic" in cand[0][1]:
                notes.append("%s: dynamic stack (%s)" % (f.name, cand[0][1]))
        else:
            frame[f.addr] = f.prologue
    taken = address_taken(elf, funcs)
    memo, active = {}, set()

    def depth(a):
        if a in memo:
            return memo[a]
        if a in active:
            notes.append("recursion through %s (counted once)" % funcs[a].name)
            return (0, [])
        active.add(a)
        best, path = 0, []
        targets = set(funcs[a].calls)
        times = 1
        if a in targets:  # direct self-recursion: bounded by indirect.txt
            targets.discard(a)
            times = bounds.get(base_name(funcs[a].name), 0)
            if not times:
                notes.append("%s: recursive without a bound in indirect.txt (counted once)"
                             % funcs[a].name)
                times = 1
        if funcs[a].indirect:
            ind, known = indirect_targets(funcs[a].name, rules, taken, funcs)
            if not known:
                notes.append("%s: indirect call without a rule in indirect.txt: "
                             "charged every address-taken function" % funcs[a].name)
            targets |= ind
        for t in targets:
            d, p = depth(t)
            if d > best:
                best, path = d, p
        active.discard(a)
        memo[a] = (frame[a] * times + best,
                   [funcs[a].name + ("(x%d)" % times if times > 1 else "")] + path)
        return memo[a]

    res = {}
    for e in entries:
        if e not in by_name:
            res[e] = (None, [], ["%s: not in the image" % e])
            continue
        d, p = depth(by_name[e].addr)
        res[e] = (d, p, notes)
    return res


def main(argv):
    su_dirs, objdump, args, rules = [], "arm-none-eabi-objdump", [], None
    it = iter(argv)
    for a in it:
        if a == "--su":
            su_dirs.append(next(it))
        elif a == "--objdump":
            objdump = next(it)
        elif a == "--indirect":
            rules = next(it)
        else:
            args.append(a)
    if len(args) < 2:
        sys.exit(__doc__)
    res = worst_case(args[0], args[1:], su_dirs, objdump, rules)
    for e, (d, p, notes) in res.items():
        print("%-28s %6s  %s" % (e, d if d is not None else "n/a", " > ".join(p)))
    for n in sorted(set(n for _, _, ns in res.values() for n in ns)):
        print("note:", n)


if __name__ == "__main__":
    main(sys.argv[1:])
