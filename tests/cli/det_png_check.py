#!/usr/bin/env python3
"""Check a DET picture written by `paycode bio eval --det FILE.png`.

usage: det_png_check.py FILE.png SIZE MARGIN CHECK...
Each CHECK is "colour:fmr:fnmr" (colour red, blue or none; rates in %):
red / blue: a pixel of that colour lies within 3 pixels of where the
point (fmr, fnmr) is drawn; none: no red or blue pixel within 6 pixels.
The PNG is read with the standard library only (chunk CRCs, zlib, the
five row filters of PNG §9), so libpng's reader is not trusted here.
Exit 0 when every check holds, 1 otherwise (with the reason).
"""
import statistics
import struct
import sys
import zlib

LO, HI = 1e-4, 0.6


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("no PNG signature")
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        crc, = struct.unpack(">I", data[pos + 8 + n:pos + 12 + n])
        if zlib.crc32(kind + body) != crc:
            raise ValueError("bad CRC in %r" % kind)
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
        if kind == b"IEND":
            break
    w, h, depth, ctype = ihdr[:4]
    if depth != 8 or ctype != 2:
        raise ValueError("not 8-bit RGB")
    raw, stride, rows, prev = zlib.decompress(idat), w * 3, [], bytearray(w * 3)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - 3] if i >= 3 else 0
            b, c = prev[i], prev[i - 3] if i >= 3 else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        rows.append(line)
        prev = line
    return w, h, rows


def colour(rows, x, y):
    r, g, b = rows[y][3 * x:3 * x + 3]
    if r > 150 and g < 60 and b < 60:
        return "red"
    if b > 150 and r < 60 and g < 60:
        return "blue"
    return "other"


def pos(p, length):
    q = statistics.NormalDist().inv_cdf
    p = min(max(p, LO), HI)
    return (q(p) - q(LO)) / (q(HI) - q(LO)) * length


def main():
    path, size, margin = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    w, h, rows = read_png(path)
    if (w, h) != (size, size):
        print("size %dx%d, expected %dx%d" % (w, h, size, size))
        return 1
    plot = size - 2 * margin
    bad = 0
    for check in sys.argv[4:]:
        want, fmr, fnmr = check.split(":")
        x = margin + int(round(pos(float(fmr) / 100, plot)))
        y = size - margin - int(round(pos(float(fnmr) / 100, plot)))
        r = 3 if want != "none" else 6
        seen = {colour(rows, i, j) for i in range(x - r, x + r + 1)
                for j in range(y - r, y + r + 1) if 0 <= i < w and 0 <= j < h}
        ok = (want in seen) if want != "none" else not ({"red", "blue"} & seen)
        if not ok:
            print("check %s failed at pixel (%d, %d): saw %s" % (check, x, y, sorted(seen)))
            bad = 1
    return bad


if __name__ == "__main__":
    sys.exit(main())
