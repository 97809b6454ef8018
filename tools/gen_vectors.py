#!/usr/bin/env python3
"""Generate the EMV MPM conformance vectors (vectors/mpm.json, vectors/crc16.json).

Standard library only. Payloads are built here from object lists with an
independent CRC-16/CCITT-FALSE implementation, so the C decoder is checked
against a second implementation, not against itself. Output is deterministic:
running this twice gives byte-identical files.

usage: gen_vectors.py OUTDIR
"""
import json
import os
import sys

GENERATOR_VERSION = "paycode-gen_vectors 1"


def crc16(data: bytes, crc: int = 0xFFFF) -> int:
    # CRC-16/CCITT-FALSE, bitwise (EMV QRCPS MPM §4.7.3, ISO/IEC 13239).
    for b in data:
        crc ^= b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def tlv(objs, unit="chars"):
    out = ""
    for oid, val in objs:
        v = tlv(val, unit) if isinstance(val, list) else val
        n = len(v) if unit == "chars" else len(v.encode())
        assert 1 <= n <= 99, (oid, n)
        out += "%02d%02d%s" % (oid, n, v)
    return out


def payload(objs, unit="chars", crc=None, lower=False):
    body = tlv(objs, unit) + "6304"
    c = crc if crc is not None else "%04X" % crc16(body.encode())
    return body + (c.lower() if lower else c)


def jobjs(objs, crc_value):
    res = []
    for oid, val in objs:
        if isinstance(val, list):
            res.append({"id": "%02d" % oid, "template": jobjs(val, None)})
        else:
            res.append({"id": "%02d" % oid, "value": val})
    if crc_value is not None:
        res.append({"id": "63", "value": crc_value})
    return res


MAI = (29, [(0, "D15600000000"), (5, "A93FO3230Q")])
BASE = [(0, "01"), (1, "11"), MAI, (52, "4111"), (53, "156"), (58, "CN"),
        (59, "BEST TRANSPORT"), (60, "BEIJING")]

# EMV QRCPS MPM v1.0 Annex B.7, object by object (root order as published).
SPEC_B7 = [(0, "01"), (1, "12"), MAI,
           (31, [(0, "D15600000001"), (3, "12345678")]),
           (52, "4111"), (58, "CN"), (59, "BEST TRANSPORT"), (60, "BEIJING"),
           (64, [(0, "ZH"), (1, "最佳运输"), (2, "北京")]),
           (54, "23.72"), (53, "156"), (55, "01"),
           (62, [(3, "1234"), (6, "***"), (7, "A6008667"), (9, "ME")]),
           (91, [(0, "A011223344998877"), (7, "12345678")])]


def with_(base, *extra, drop=()):
    return [o for o in base if o[0] not in drop] + list(extra)


def replace(base, oid, val):
    return [(i, val if i == oid else v) for i, v in base]


class Builder:
    def __init__(self):
        self.tc = 0
        self.groups = []

    def group(self, profile, unit="chars"):
        g = {"type": "MpmDecode", "profile": profile, "lenUnit": unit, "tests": []}
        self.groups.append(g)
        return g

    def add(self, g, comment, text, result, flags=(), objs=None, crc=None,
            warnings=(), error=None):
        self.tc += 1
        t = {"tcId": self.tc, "comment": comment, "flags": list(flags),
             "payload": text, "result": result}
        if result == "valid":
            t["objects"] = jobjs(objs, crc or text[-4:])
            t["warnings"] = list(warnings)
        elif error:
            t["expectedError"] = error
        g["tests"].append(t)

    def valid(self, g, comment, objs, flags=(), warnings=(), unit="chars", lower=False):
        text = payload(objs, unit, lower=lower)
        self.add(g, comment, text, "valid", flags, objs, warnings=warnings)
        return text

    def invalid(self, g, comment, text, error, flags=()):
        self.add(g, comment, text, "invalid", flags, error=error)


def strict_cases(b, g):
    b.valid(g, "MPM Annex B.7 example: templates, CJK text in 64, 62, 91", SPEC_B7)
    b.valid(g, "minimal static payload", BASE)
    b.valid(g, "dynamic, amount, postal code, all optional root objects",
            with_(replace(BASE, 1, "12"), (54, "98.73"), (55, "02"), (56, "1.00"),
                  (61, "100020")))
    b.valid(g, "amount with trailing dot is valid (§4.7.5)", with_(BASE, (54, "98.")))
    b.valid(g, "percentage fee 55=03 with 57", with_(BASE, (55, "03"), (57, "3.5")))
    b.valid(g, "62 with sub-IDs 01-11 (v1.1 10 and 11) and a 50 template",
            with_(BASE, (62, [(1, "I1"), (2, "+86"), (3, "S1"),
                              (4, "***"), (5, "R"), (6, "C1"), (7, "T1"),
                              (8, "PAY"), (9, "AME"), (10, "TAX1"), (11, "413"),
                              (50, [(0, "com.ex"), (1, "x")])])))
    b.valid(g, "objects in any order except 00 first, 63 last (§4.6)",
            [(0, "01"), (60, "BEIJING"), (59, "BEST TRANSPORT"), (58, "CN"),
             (53, "156"), (52, "4111"), MAI, (1, "11")])
    b.valid(g, "primitive merchant account 15 (UnionPay) is not a template",
            with_(BASE, (15, "6231234567890123456")))
    b.valid(g, "RFU 65-79 and unreserved 80-99 kept byte-exact",
            with_(BASE, (70, "anything goes"), (80, [(0, "com.example.pay"), (1, "42")])))
    b.valid(g, "several merchant account templates",
            with_(BASE, (30, [(0, "A000000677010111"), (1, "0066812345678")])))
    B = payload(BASE)
    b.invalid(g, "CRC does not verify", B[:-4] + ("0000" if B[-4:] != "0000" else "1111"),
              "PC_ERR_MPM_CRC_MISMATCH", ["BadCrc"])
    b.invalid(g, "one letter changed after the CRC was computed (BEST -> BEZT)",
              payload(SPEC_B7).replace("BEST", "BEZT"), "PC_ERR_MPM_CRC_MISMATCH", ["BadCrc"])
    b.invalid(g, "CRC placeholder 6304ABCD as in many READMEs", B[:-4] + "ABCD",
              "PC_ERR_MPM_CRC_MISMATCH", ["BadCrc"])
    b.invalid(g, "lowercase CRC hex", payload(BASE, lower=True) if payload(BASE) != payload(BASE).lower() else B,
              "PC_ERR_MPM_CRC_CASE", ["LowercaseCrc"])
    b.invalid(g, "6304 with nothing after it", B[:-4], "PC_ERR_MPM_CRC_MISSING", ["Truncated"])
    b.invalid(g, "no CRC object", tlv(BASE), "PC_ERR_MPM_CRC_MISSING", ["MissingMandatory"])
    b.invalid(g, "CRC not hex", B[:-4] + "XYZW", "PC_ERR_MPM_CRC_FORMAT", ["BadCrc"])
    b.invalid(g, "data after the CRC", B + "6902XX", "PC_ERR_MPM_TRAILING", ["Trailing"])
    b.invalid(g, "payload format indicator not first",
              payload([(1, "11"), (0, "01")] + BASE[2:]), "PC_ERR_MPM_ORDER", ["Order"])
    b.invalid(g, "non-digit LEN", "00020101021159XX" + B[16:], "PC_ERR_MPM_SYNTAX", ["Malformed"])
    b.invalid(g, "value overruns the payload", "000201" + "5950ABC", "PC_ERR_MPM_OVERRUN", ["Truncated"])
    b.invalid(g, "duplicate root ID", payload(BASE + [(59, "AGAIN")]), "PC_ERR_MPM_DUPLICATE", ["Duplicate"])
    b.invalid(g, "payload format indicator 02 (DuitNow practice)",
              payload(replace(BASE, 0, "02")), "PC_ERR_MPM_VALUE", ["PfiNonStandard"])
    b.invalid(g, "point of initiation 13", payload(replace(BASE, 1, "13")), "PC_ERR_MPM_VALUE")
    b.invalid(g, "no merchant account information",
              payload([o for o in BASE if o[0] != 29]), "PC_ERR_MPM_MISSING", ["MissingMandatory"])
    b.invalid(g, "PromptPay style: 52, 59, 60 absent",
              payload([(0, "01"), (1, "11"), (29, [(0, "A000000677010111"), (1, "0066812345678")]),
                       (58, "TH"), (53, "764")]), "PC_ERR_MPM_MISSING", ["PromptPayMinimal"])
    b.invalid(g, "MCC with 3 digits", payload(replace(BASE, 52, "411")), "PC_ERR_MPM_LENGTH")
    b.invalid(g, "MCC not numeric", payload(replace(BASE, 52, "41A1")), "PC_ERR_MPM_FORMAT")
    b.invalid(g, "amount with a comma", payload(with_(BASE, (54, "98,73"))), "PC_ERR_MPM_FORMAT")
    b.invalid(g, "amount zero", payload(with_(BASE, (54, "0.00"))), "PC_ERR_MPM_VALUE", ["AmountZero"])
    b.invalid(g, "55=02 without 56", payload(with_(BASE, (55, "02"))), "PC_ERR_MPM_CONDITION")
    b.invalid(g, "57 without 55=03", payload(with_(BASE, (57, "3.5"))), "PC_ERR_MPM_CONDITION")
    b.invalid(g, "percentage 100.00", payload(with_(BASE, (55, "03"), (57, "100.0"))), "PC_ERR_MPM_FORMAT")
    b.invalid(g, "merchant name of 26 characters", payload(replace(BASE, 59, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")),
              "PC_ERR_MPM_LENGTH", ["LongText"])
    b.invalid(g, "non-ans character in merchant name", payload(replace(BASE, 59, "São Paulo Café")),
              "PC_ERR_MPM_FORMAT", ["NonAns"])
    b.invalid(g, "zero-length template 6200", tlv(BASE) + "6200" + "6304" +
              "%04X" % crc16((tlv(BASE) + "62006304").encode()), "PC_ERR_MPM_LEN_ZERO", ["EmptyValue"])
    b.invalid(g, "merchant account template without GUID",
              payload([(0, "01"), (1, "11"), (29, [(1, "12345")])] + BASE[3:]), "PC_ERR_MPM_GUID")
    b.invalid(g, "62.09 with an unknown letter", payload(with_(BASE, (62, [(9, "AX")]))), "PC_ERR_MPM_VALUE")
    b.invalid(g, "62 sub-ID 00 (LankaQR practice)", payload(with_(BASE, (62, [(0, "X"), (1, "B1")]))),
              "PC_ERR_MPM_VALUE", ["SubId00In62"])
    b.invalid(g, "64 without merchant name", payload(with_(BASE, (64, [(0, "ZH")]))), "PC_ERR_MPM_MISSING")
    b.invalid(g, "lengths counted in bytes", payload(replace(BASE, 60, "Hà Noi"), unit="bytes"),
              "PC_ERR_MPM_OVERRUN", ["ByteLength"])


def lenient_cases(b, g):
    b.valid(g, "payload format indicator 02 (DuitNow practice)", replace(BASE, 0, "02"),
            ["PfiNonStandard"], ["PC_ERR_MPM_VALUE"])
    b.valid(g, "PromptPay style: 52, 59, 60 absent",
            [(0, "01"), (1, "11"), (29, [(0, "A000000677010111"), (1, "0066812345678")]),
             (58, "TH"), (53, "764")], ["PromptPayMinimal"],
            ["PC_ERR_MPM_MISSING", "PC_ERR_MPM_MISSING", "PC_ERR_MPM_MISSING"])
    b.valid(g, "non-ans character in merchant name (Pix practice)", replace(BASE, 59, "São Paulo Café"),
            ["NonAns"], ["PC_ERR_MPM_FORMAT"])
    b.valid(g, "merchant name of 26 characters", replace(BASE, 59, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
            ["LongText"], ["PC_ERR_MPM_LENGTH"])
    b.valid(g, "62 sub-ID 00 (LankaQR practice)", with_(BASE, (62, [(0, "X"), (1, "B1")])),
            ["SubId00In62"], ["PC_ERR_MPM_VALUE"])
    b.valid(g, "lengths counted in bytes (vietqr-ts practice)", replace(BASE, 60, "Hà Noi"),
            ["ByteLength", "NonAns"], ["PC_ERR_MPM_OVERRUN", "PC_ERR_MPM_FORMAT"], unit="bytes")
    text = payload(BASE, lower=True)
    if text != payload(BASE):
        b.add(g, "lowercase CRC hex", text, "valid", ["LowercaseCrc"], BASE, crc=text[-4:],
              warnings=["PC_ERR_MPM_CRC_CASE"])
    B = payload(BASE)
    b.invalid(g, "a CRC that does not verify is never tolerated",
              B[:-4] + ("0000" if B[-4:] != "0000" else "1111"), "PC_ERR_MPM_CRC_MISMATCH", ["BadCrc"])
    b.invalid(g, "MCC not numeric is never tolerated", payload(replace(BASE, 52, "41A1")),
              "PC_ERR_MPM_FORMAT")


def profile_cases(b):
    g = b.group("pix")
    pix = [(0, "01"), (26, [(0, "BR.GOV.BCB.PIX"), (1, "123e4567-e12b-12d1-a456-426655440000")]),
           (52, "0000"), (53, "986"), (58, "BR"), (59, "Fulano de Tal"), (60, "BRASÍLIA"),
           (62, [(5, "***")])]
    b.valid(g, "Pix static code, GUID in capitals, accented city", pix, ["NonAns"], ["PC_ERR_MPM_FORMAT"])
    b.invalid(g, "Pix profile needs the br.gov.bcb.pix GUID", payload(BASE), "PC_ERR_MPM_PROFILE")
    g = b.group("duitnow")
    b.valid(g, "DuitNow with payload format indicator 02",
            [(0, "02"), (1, "11"), (26, [(0, "A0000006150001"), (1, "890053"), (2, "1234567890")]),
             (52, "5999"), (53, "458"), (58, "MY"), (59, "KEDAI RUNCIT"), (60, "KUALA LUMPUR")],
            ["PfiNonStandard"], ["PC_ERR_MPM_VALUE"])


def crc_vectors():
    tests = []
    cases = [("check value of the CRC catalogue", b"123456789"),
             ("empty input leaves the initial value", b""),
             ("MPM Annex B.7 up to and including 6304", payload(SPEC_B7)[:-4].encode()),
             ("single zero byte", b"\x00"),
             ("all 0xFF", b"\xff" * 16)]
    for i, (comment, data) in enumerate(cases, 1):
        tests.append({"tcId": i, "comment": comment, "flags": [], "msg": data.hex(),
                      "crc": "%04x" % crc16(data), "result": "valid"})
    return {
        "algorithm": "CRC16-CCITT-FALSE",
        "schema": "crc16_schema.json",
        "generatorVersion": GENERATOR_VERSION,
        "numberOfTests": len(tests),
        "header": ["CRC-16/CCITT-FALSE: width 16, poly 0x1021, init 0xFFFF, no reflection, xorout 0.",
                   "Check value 0x29B1 over \"123456789\" (the CRC catalogue's check value).",
                   "Source: EMV QRCPS MPM v1.0 §4.7.3 (ISO/IEC 13239); computed by tools/gen_vectors.py."],
        "notes": {},
        "testGroups": [{"type": "Crc16", "tests": tests}],
    }


NOTES = {
    "BadCrc": ("ModifiedInput", "The CRC does not match the payload."),
    "LowercaseCrc": ("Deviation", "CRC hex digits in lowercase; the spec writes uppercase (§4.7.3)."),
    "Truncated": ("ModifiedInput", "The payload ends inside an object."),
    "MissingMandatory": ("MissingField", "A mandatory object is absent."),
    "Trailing": ("ModifiedInput", "Data follows the CRC object."),
    "Order": ("ModifiedInput", "00 is not the first object."),
    "Malformed": ("ModifiedInput", "ID or LEN is not two decimal digits."),
    "Duplicate": ("ModifiedInput", "An ID occurs twice in one container."),
    "PfiNonStandard": ("Deviation", "Payload format indicator other than 01 (DuitNow ships 02)."),
    "PromptPayMinimal": ("Deviation", "52, 59 and 60 omitted, as common PromptPay generators do."),
    "AmountZero": ("ModifiedInput", "Transaction amount equal to zero (§4.7.5)."),
    "LongText": ("Deviation", "A text field longer than its maximum (names over 25 occur in Pix, QRIS)."),
    "NonAns": ("Deviation", "Non-ans characters in an ans field (Pix, KHQR practice)."),
    "EmptyValue": ("Deviation", "LEN 00 (an HKICL sample has 6200)."),
    "SubId00In62": ("Deviation", "Sub-ID 00 inside template 62 (LankaQR practice)."),
    "ByteLength": ("Deviation", "LEN counts UTF-8 bytes, not characters (vietqr-ts)."),
}


def mpm_vectors():
    b = Builder()
    strict_cases(b, b.group("strict"))
    lenient_cases(b, b.group("lenient"))
    profile_cases(b)
    n = sum(len(g["tests"]) for g in b.groups)
    used = sorted({f for g in b.groups for t in g["tests"] for f in t["flags"]})
    return {
        "algorithm": "EMV-MPM-DECODE",
        "schema": "mpm_decode_schema.json",
        "generatorVersion": GENERATOR_VERSION,
        "numberOfTests": n,
        "header": [
            "EMV QRCPS merchant-presented payloads: decode and validate under a profile.",
            "Payloads are built by tools/gen_vectors.py from object lists with its own CRC;",
            "the MPM Annex B.7 example is reproduced object by object (EMV QRCPS MPM v1.0).",
            "valid: the decoder must succeed with exactly `objects` (63 included) and `warnings`",
            "(the pc_err names of tolerated deviations, in order). invalid: it must fail;",
            "`expectedError` names paycode's error and may be ignored by other implementations.",
            "Deviations appear twice: invalid under 'strict', valid with a warning under 'lenient'.",
            "Semantics: docs/SPEC.md section 2."],
        "notes": {k: {"bugType": NOTES[k][0], "description": NOTES[k][1]} for k in used},
        "testGroups": b.groups,
    }


def write(outdir, name, obj):
    with open(os.path.join(outdir, name), "w", encoding="utf-8", newline="\n") as f:
        json.dump(obj, f, ensure_ascii=False, indent=2)
        f.write("\n")


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else "vectors"
    write(outdir, "mpm.json", mpm_vectors())
    write(outdir, "crc16.json", crc_vectors())


if __name__ == "__main__":
    main()
