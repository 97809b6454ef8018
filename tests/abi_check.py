#!/usr/bin/env python3
"""The shared library's ABI: it exports every function and object that the public
headers declare and nothing else (no pc__* internals, nothing outside the
pc_ prefix). usage: abi_check.py LIBPAYCODE_SO [INCLUDE_DIR]"""
import glob
import re
import subprocess
import sys


def declared(incdir):
    names = set()
    for path in glob.glob(incdir + "/paycode/*.h"):
        text = open(path, encoding="utf-8").read()
        text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
        text = re.sub(r"//[^\n]*", " ", text)
        text = re.sub(r"^\s*#[^\n]*(\\\n[^\n]*)*", " ", text, flags=re.M)
        # keep top-level text only: drop struct/union/enum bodies (the
        # extern "C" block of C++ is not a body)
        text = text.replace('extern "C" {', " ")
        depth, flat = 0, []
        for ch in text:
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth = max(depth - 1, 0)
            elif depth == 0:
                flat.append(ch)
        for stmt in "".join(flat).split(";"):
            if "typedef" in stmt:
                continue
            m = re.search(r"[\s*](pc_[a-z0-9_]+)\s*\(", " " + stmt)
            if m:
                names.add(m.group(1))
            m = re.match(r"\s*extern\s[^(]*?\b(pc_[a-z0-9_]+)\s*$", stmt)
            if m:  # public data objects
                names.add(m.group(1))
    return names


def exported(so):
    out = subprocess.run(["nm", "-D", "--defined-only", so], check=True,
                         capture_output=True, text=True).stdout
    syms = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] != "A":
            syms.add(parts[2].split("@")[0])
    return syms


def main():
    so = sys.argv[1]
    inc = sys.argv[2] if len(sys.argv) > 2 else "include"
    exp, dec = exported(so), declared(inc)
    bad = 0
    for title, items in (
            ("internal symbols exported", sorted(s for s in exp if s.startswith("pc__"))),
            ("symbols outside the pc_ prefix exported",
             sorted(s for s in exp if not s.startswith("pc_"))),
            ("declared in include/paycode but not exported", sorted(dec - exp)),
            ("exported but not declared in include/paycode",
             sorted(s for s in exp - dec if not s.startswith("pc__")))):
        if items:
            print("abi: %s: %s" % (title, " ".join(items)), file=sys.stderr)
            bad = 1
    if bad:
        return 1
    print("abi: %d symbols exported, each declared in include/paycode; no internals"
          % len(exp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
