#!/usr/bin/env python3
"""Compile paycode's conformance vectors (vectors/*.json) into C tables.

    vectors_to_c.py VECTOR_DIR OUT.c

For targets without a file system or a JSON parser (ports/cortex-m): the
tables' types are in ports/cortex-m/test/vectors_data.h and their runner in
ports/cortex-m/test/vectors_run.c, which applies the host runner's checks
(cli/vectors_*.c). Python standard library only; the output depends on the
input alone (no dates, no paths), so rebuilds are reproducible.

Expected outcomes are written as C identifiers (PC_ERR_..., PC_APPROVE,
PC_R_...), so a name the headers do not define fails the C build.
A file whose algorithm this script does not know is skipped loudly: it is
named on stderr and in the table pc_vt_skipped, which the runner prints, so
a new vector file is never dropped silently. A known algorithm with an
unknown group type stops the script.
"""
import json
import os
import sys

KNOWN = {"CRC16-CCITT-FALSE", "OTP", "EMV-MPM-DECODE", "PAYCODE-VALIDATE",
         "RISK-LEVEL", "RISK-SEQUENCE", "BIO-TEMPLATE"}
BIO_FORMATS = {"ISO-19794-2:2005": "PC_BIO_FMT_ISO_2005", "ISO-19794-2:2011": "PC_BIO_FMT_ISO_2011",
               "ANSI-378-2004": "PC_BIO_FMT_ANSI_2004"}
BIO_QUIRKS = {"Version": "PC_BIO_QUIRK_VERSION", "LengthShort": "PC_BIO_QUIRK_LEN_SHORT",
              "Tail": "PC_BIO_QUIRK_TAIL", "ExtCut": "PC_BIO_QUIRK_EXT_CUT",
              "ExtLayout": "PC_BIO_QUIRK_EXT_LAYOUT", "ExtExcludesHeader": "PC_BIO_QUIRK_EXT_EXCL",
              "AnsiAngle": "PC_BIO_QUIRK_ANSI_ANGLE"}
FACTORS = {"knowledge": "PC_FACTOR_KNOWLEDGE", "otp": "PC_FACTOR_OTP",
           "cert": "PC_FACTOR_CERT", "biometric": "PC_FACTOR_BIOMETRIC"}
FORMS = {"numeric": "PC_FORM_NUMERIC", "qr-online": "PC_FORM_QR_ONLINE",
         "qr-offline": "PC_FORM_QR_OFFLINE"}


def cstr(data):
    """A C string literal for bytes (octal escapes: no hex-run ambiguity)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    out, line = [], '"'
    for b in data:
        c = chr(b)
        if c in '"\\?':
            piece = "\\" + c if c != "?" else "\\077"
        elif 0x20 <= b < 0x7F:
            piece = c
        else:
            piece = "\\%03o" % b
        if len(line) + len(piece) > 76:
            out.append(line + '"')
            line = '"'
        line += piece
    out.append(line + '"')
    return "\n\t\t".join(out)


def flatten(objects):
    """The MPM object tree as vectors_run.c flattens a pc_mpm:
    per object its two-digit ID, then '{' children '}' for a template or
    '=' length ':' value for a primitive (length in UTF-8 bytes)."""
    s = ""
    for o in objects:
        s += o["id"]
        if "template" in o:
            s += "{" + flatten(o["template"]) + "}"
        else:
            v = o["value"].encode("utf-8")
            s += "=%d:" % len(v) + o["value"]
    return s


def gen_crc(doc, out):
    rows = []
    for g in doc["testGroups"]:
        if g["type"] != "Crc16":
            sys.exit("crc16: unknown group type %s" % g["type"])
        for t in g["tests"]:
            msg = bytes.fromhex(t["msg"])
            rows.append("\t{ %d, %s, %d, 0x%s, %d }," % (
                t["tcId"], cstr(msg), len(msg), t["crc"], t["result"] == "valid"))
    return rows


def gen_otp(doc, out):
    rows = []
    for g in doc["testGroups"]:
        if g["type"] not in ("Hotp", "Totp"):
            sys.exit("otp: unknown group type %s" % g["type"])
        totp = g["type"] == "Totp"
        key = bytes.fromhex(g["key"])
        if g["hash"] not in ("SHA-1", "SHA-256"):
            sys.exit("otp: hash %s" % g["hash"])
        for t in g["tests"]:
            rows.append("\t{ %d, %d, %d, %d, %d, %s, %du, %d, %d, %s, %d }," % (
                t["tcId"], totp, g["hash"] == "SHA-256", g["digits"], len(key),
                cstr(key), t["time"] if totp else t["counter"],
                g.get("step", 0), g.get("t0", 0), cstr(t["otp"]),
                t["result"] == "valid"))
    return rows


def gen_mpm(doc, out):
    rows, n = [], 0
    for g in doc["testGroups"]:
        if g["type"] != "MpmDecode":
            sys.exit("mpm: unknown group type %s" % g["type"])
        for t in g["tests"]:
            warn = "NULL"
            ws = t.get("warnings")
            if ws:
                warn = "pc__w%d" % n
                out.append("static const pc_err %s[] = { %s };" % (warn, ", ".join(ws)))
                n += 1
            objs = cstr(flatten(t["objects"])) if "objects" in t else "NULL"
            rows.append("\t{ %d, %s, %s, %d, %d, %s, %s, %s, %d, %d }," % (
                t["tcId"], cstr(g["profile"]), cstr(t["payload"]),
                len(t["payload"].encode("utf-8")), t["result"] == "valid",
                t.get("expectedError", "PC_OK"), objs, warn,
                len(ws or []), ws is not None))
    return rows


def fnv1a(data, h=0x811C9DC5):
    """FNV-1a, 32 bits: the digest of vectors_data.h's pc_vt_bio tables."""
    for b in data:
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def bio_view_digest(v):
    """position, number, impression, then per minutia x(2) y(2) type angle
    quality, big-endian (the raw codes of the record)."""
    data = bytes([v["position"], v["number"], v["impression"]])
    for x, y, typ, a, q in v["minutiae"]:
        data += bytes([x >> 8, x & 255, y >> 8, y & 255, typ, a, q])
    return fnv1a(data)


def bio_needs(views):
    """What a profile must hold for the test: views, minutiae and extended
    data bytes per view, quality blocks."""
    return (len(views), max([len(v["minutiae"]) for v in views] or [0]),
            max([len(v["ext"]) // 2 for v in views] or [0]),
            max([len(v.get("qualityBlocks", [])) for v in views] or [0]))


def gen_bio(doc, out, bi):
    """BioRecordParse tests into pc_vt_bio rows, BioXytParse into pc_vt_xyt.
    An invalid record's capacity needs are those of a valid test of the
    same bytes (the NIST samples' lenient twins), else none."""
    recs, xyts = [], []
    twins = {t["record"]: t for g in doc["testGroups"] if g["type"] == "BioRecordParse"
             for t in g["tests"] if t["result"] == "valid"}
    for g in doc["testGroups"]:
        if g["type"] == "BioXytParse":
            xyts += gen_xyt(g)
            continue
        if g["type"] != "BioRecordParse":
            sys.exit("bio: unknown group type %s" % g["type"])
        for t in g["tests"]:
            rec = bytes.fromhex(t["record"])
            twin = t if t["result"] == "valid" else twins.get(t["record"])
            views = twin["views"] if twin else []
            vname = "NULL"
            if t["result"] == "valid":
                vname = "pc__bv%d" % bi[0]
                bi[0] += 1
                out.append("static const pc_vt_bio_view %s[] = { %s };" % (vname, ", ".join(
                    "{ %d, %d, %d, 0x%08xu }" % (len(v["minutiae"]), v["extLength"],
                                                 len(v["ext"]) // 2, bio_view_digest(v))
                    for v in views)))
            h = t.get("header", {})
            quirks = " | ".join(BIO_QUIRKS[q] for q in t.get("quirks", [])) or "0"
            recs.append("\t{ %d, %d, %s, %d, %d, %s, %s, %s, %d, %d, %d, %d, %d, %d, %d, %s, "
                        "{ %d, %d, %d, %d } }," % (
                            t["tcId"], g["mode"] == "lenient", cstr(rec), len(rec),
                            t["result"] == "valid", t.get("expectedError", "PC_OK"),
                            BIO_FORMATS.get(t.get("format"), "PC_BIO_FMT_UNKNOWN"), quirks,
                            t.get("used", 0), h.get("length", 0), h.get("width", 0),
                            h.get("height", 0), h.get("xres", 0), h.get("yres", 0),
                            len(views), vname, *bio_needs(views)))
    return recs, xyts


def gen_xyt(g):
    rows = []
    for t in g["tests"]:
        m = t.get("minutiae", [])
        data = b"".join(bytes([x >> 8, x & 255, y >> 8, y & 255, a >> 8, a & 255, q])
                        for x, y, a, q in m)
        rows.append("\t{ %d, %d, %s, %d, %d, %s, %d, %d, 0x%08xu, %s }," % (
            t["tcId"], g["convention"] == "nist", cstr(t["text"]), len(t["text"].encode()),
            t["result"] == "valid", t.get("expectedError", "PC_OK"), len(m),
            t.get("height", 0), fnv1a(data), cstr(t["written"]) if "written" in t else "NULL"))
    return rows


def gen_validate(doc, out, fname, gi):
    rows = []
    for g in doc["testGroups"]:
        if g["type"] != "CodeValidate":
            sys.exit("%s: unknown group type %s" % (fname, g["type"]))
        p = "pc__g%d" % gi[0]
        gi[0] += 1
        out.append("static const pc_vt_root %s_roots[] = {" % p)
        for r in g.get("roots", []):
            out.append("\t{ %d, %s }," % (r["keyId"], cstr(bytes.fromhex(r["public"]))))
        out.append("\t{ 0, NULL }\n};")
        out.append("static const pc_vt_master %s_masters[] = {" % p)
        for m in g.get("masterKeys", []):
            out.append("\t{ %d, %s }," % (m["keyId"], cstr(bytes.fromhex(m["key"]))))
        out.append("\t{ 0, NULL }\n};")
        out.append("static const pc_vt_alias %s_aliases[] = {" % p)
        for a in g.get("aliases", []):
            out.append("\t{ %du, %du, 0x%sull }," % (a["alias"], a["masterKeyId"], a["tokenId"]))
        out.append("\t{ 0, 0, 0 }\n};")
        out.append("static const pc_vt_code %s_tests[] = {" % p)
        for t in g["tests"]:
            if t["mode"] not in ("terminal", "provider"):
                sys.exit("%s: tcId %d: mode %s" % (fname, t["tcId"], t["mode"]))
            out.append("\t{ %d, %d, %d, %s, PC_%s, PC_R_%s }," % (
                t["tcId"], t["mode"] == "terminal", t["now"], cstr(t["code"]),
                t["decision"], t["reason"]))
        out.append("};")
        crl = bytes.fromhex(g["crl"]) if "crl" in g else None
        rows.append("\t{ %s, %d, %d, %d, %s, %s_roots, %d, %s, %d, %s_masters, %d,"
                    " %s_aliases, %d, %s_tests, %d }," % (
                        cstr(fname), g.get("ttl", 60), g.get("skew", 30),
                        g.get("step", 15), cstr(g.get("prefix", "97")), p,
                        len(g.get("roots", [])), cstr(crl) if crl else "NULL",
                        len(crl) if crl else 0, p, len(g.get("masterKeys", [])),
                        p, len(g.get("aliases", [])), p, len(g["tests"])))
    return rows


def factors(t):
    bits = [FACTORS[f] for f in t["factors"]]  # KeyError: an unknown factor
    return " | ".join(bits) if bits else "0"


def gen_level(doc, out):
    rows = []
    for g in doc["testGroups"]:
        if g["type"] != "RiskLevel":
            sys.exit("risk levels: unknown group type %s" % g["type"])
        for t in g["tests"]:
            rows.append("\t{ %d, %s, %d, PC_RISK_%s, %d }," % (
                t["tcId"], factors(t), bool(t["static"]), t["level"],
                t["result"] == "valid"))
    return rows


def gen_sequence(doc, out, gi):
    rows = []
    for g in doc["testGroups"]:
        if g["type"] != "RiskSequence":
            sys.exit("risk sequences: unknown group type %s" % g["type"])
        p = "pc__r%d" % gi[0]
        gi[0] += 1
        out.append("static const pc_vt_risk_txn %s[] = {" % p)
        for t in g["tests"]:
            out.append("\t{ %d, %d, 0x%sull, %s, %du, %s, %d, %d, %d, %s, %s, %d, %d,"
                       " PC_%s, PC_RISK_R_%s, %s, PC_RISK_M_%s, PC_RISK_%s }," % (
                           t["tcId"], t["now"], t["token"], FORMS[t["form"]],
                           t["certSerial"], factors(t), bool(t["static"]), t["amount"],
                           t["currency"], cstr(t["merchant"]), cstr(t["terminal"]),
                           t["mcc"], bool(t["offline"]), t["decision"], t["reason"],
                           cstr(t["hook"]) if t["hook"] is not None else "NULL",
                           t["method"], t["level"]))
        out.append("};")
        rows.append("\t{ %s, %s, %d }," % (cstr(g["config"]), p, len(g["tests"])))
    return rows


def table(out, ctype, name, count, rows, empty):
    out.append("const %s %s[] = {" % (ctype, name))
    out.extend(rows if rows else [empty])
    out.append("};")
    out.append("const size_t %s = %d;\n" % (count, len(rows)))


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: vectors_to_c.py VECTOR_DIR OUT.c")
    vdir, dest = sys.argv[1], sys.argv[2]
    out = ["/* Generated by tools/vectors_to_c.py from %s: do not edit. */" %
           ", ".join(sorted(f for f in os.listdir(vdir) if f.endswith(".json"))),
           "#include \"vectors_data.h\"", ""]
    crc, otp, mpm, grp, gi, skipped = [], [], [], [], [0], []
    lvl, seq, ri = [], [], [0]
    bio, xyt, bi = [], [], [0]
    for f in sorted(os.listdir(vdir)):
        if not f.endswith(".json"):
            continue
        with open(os.path.join(vdir, f), encoding="utf-8") as fh:
            doc = json.load(fh)
        alg = doc.get("algorithm")
        if alg not in KNOWN:
            sys.stderr.write("vectors_to_c: %s: algorithm %s has no C runner, skipped\n" % (f, alg))
            skipped.append("\t%s," % cstr("%s (%s)" % (f, alg)))
            continue
        n = sum(len(g["tests"]) for g in doc["testGroups"])
        if n != doc.get("numberOfTests", n):
            sys.exit("%s: numberOfTests says %s, the groups hold %d" % (f, doc["numberOfTests"], n))
        if alg == "CRC16-CCITT-FALSE":
            crc += gen_crc(doc, out)
        elif alg == "OTP":
            otp += gen_otp(doc, out)
        elif alg == "EMV-MPM-DECODE":
            mpm += gen_mpm(doc, out)
        elif alg == "RISK-LEVEL":
            lvl += gen_level(doc, out)
        elif alg == "RISK-SEQUENCE":
            seq += gen_sequence(doc, out, ri)
        elif alg == "BIO-TEMPLATE":
            r, x = gen_bio(doc, out, bi)
            bio += r
            xyt += x
        else:
            grp += gen_validate(doc, out, f, gi)
    out.append("")
    table(out, "pc_vt_crc16", "pc_vt_crc16s", "pc_vt_ncrc16", crc, "\t{ 0, NULL, 0, 0, 0 }")
    table(out, "pc_vt_otp", "pc_vt_otps", "pc_vt_notp", otp, "\t{ 0 }")
    table(out, "pc_vt_mpm", "pc_vt_mpms", "pc_vt_nmpm", mpm, "\t{ 0 }")
    table(out, "pc_vt_group", "pc_vt_groups", "pc_vt_ngroups", grp, "\t{ 0 }")
    table(out, "pc_vt_level", "pc_vt_levels", "pc_vt_nlevels", lvl, "\t{ 0 }")
    table(out, "pc_vt_risk_group", "pc_vt_risk_groups", "pc_vt_nrisk_groups", seq,
          "\t{ NULL, NULL, 0 }")
    table(out, "pc_vt_bio", "pc_vt_bios", "pc_vt_nbio", bio, "\t{ 0 }")
    table(out, "pc_vt_xyt", "pc_vt_xyts", "pc_vt_nxyt", xyt, "\t{ 0 }")
    table(out, "char *const", "pc_vt_skipped", "pc_vt_nskipped", skipped, "\tNULL")
    tmp = dest + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write("\n".join(out) + "\n")
    os.replace(tmp, dest)


if __name__ == "__main__":
    main()
