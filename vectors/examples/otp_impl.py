#!/usr/bin/env python3
"""An example implementation for `paycode vectors run --impl` (vectors/README.md).

Python 3 standard library only. It speaks the harness's line protocol on
stdin/stdout and implements, independently of paycode's C code:
  OTP                HOTP (RFC 4226) and TOTP (RFC 6238), SHA-1/-256/-512
  CRC16-CCITT-FALSE  the CRC of EMV QRCPS MPM 4.7.3
  PAYCODE-VALIDATE   numeric and qr-online codes (docs/SPEC.md section 3); a
                     qr-offline code (349 bytes) needs ECDSA P-256, which the
                     standard library lacks, so those tests are "unsupported".
Everything else is answered "unsupported", which the harness counts as skipped.

    paycode vectors run --impl 'python3 vectors/examples/otp_impl.py' vectors
"""
import base64
import hashlib
import hmac
import json
import sys

HASHES = {"SHA-1": hashlib.sha1, "SHA-256": hashlib.sha256, "SHA-512": hashlib.sha512}
UNSUPPORTED = {"result": "unsupported"}


def hotp(key, counter, digits, hash_name):
    mac = hmac.new(key, counter.to_bytes(8, "big"), HASHES[hash_name]).digest()
    off = mac[-1] & 15  # RFC 4226 5.3, dynamic truncation
    code = int.from_bytes(mac[off:off + 4], "big") & 0x7FFFFFFF
    return str(code % 10 ** digits).zfill(digits)


def otp(group, test):
    if group["hash"] not in HASHES:
        return UNSUPPORTED
    key = bytes.fromhex(group["key"])
    if group["type"] == "Hotp":
        counter = test["counter"]
    else:
        counter = (test["time"] - group["t0"]) // group["step"]
    return {"otp": hotp(key, counter, group["digits"], group["hash"])}


def crc16(data, crc=0xFFFF):
    for b in data:
        crc ^= b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021 if crc & 0x8000 else crc << 1) & 0xFFFF
    return {"crc": "%04x" % crc}


def be(v, n):
    return v.to_bytes(n, "big")


def online_layout(suite, key_id, token, g, counter, flags, un, mac):
    """The qr-online payload of SPEC 3.3.1, byte for byte."""
    t63 = (b"\xdf\x01\x01" + bytes([suite]) + b"\xdf\x02\x04" + be(key_id, 4)
           + b"\xdf\x03\x08" + be(token, 8) + b"\xdf\x04\x08" + be(g, 8)
           + b"\xdf\x05\x04" + be(counter, 4) + b"\xdf\x06\x01" + bytes([flags])
           + b"\x9f\x37\x04" + un + b"\x9f\x27\x01\x80" + b"\x9f\x26\x08" + mac)
    app = (b"\x4f\x08\xf0paycode\x50\x07paycode\x9f\x08\x02\x00\x01"
           + b"\x63" + bytes([len(t63)]) + t63)
    return b"\x85\x05CPV01\x61" + bytes([len(app)]) + app


class Deployment:
    """One CodeValidate group: parameters, provider tables, one replay store."""

    def __init__(self, g):
        self.ttl, self.skew, self.step = g.get("ttl", 60), g.get("skew", 30), g.get("step", 15)
        self.prefix = g.get("prefix", "97")
        self.masters = {m["keyId"]: bytes.fromhex(m["key"]) for m in g.get("masterKeys", [])}
        self.aliases = {a["alias"]: (int(a["tokenId"], 16), a["masterKeyId"])
                        for a in g.get("aliases", [])}
        self.consumed = {}  # replay key -> expiry

    def token_key(self, mkid, token):  # SPEC 4.2: HKDF-SHA-256, RFC 5869
        prk = hmac.new(b"paycode/v1/token-key", self.masters[mkid], hashlib.sha256).digest()
        info = be(mkid, 4) + be(token, 8)
        return hmac.new(prk, info + b"\x01", hashlib.sha256).digest()

    def finish(self, form, token, w, counter, g, now):  # SPEC 3.6
        if g > now + self.skew:
            return "DECLINE", "NOT_YET_VALID"
        if g < now - self.ttl - self.skew:
            return "DECLINE", "EXPIRED"
        key = hashlib.sha256(b"paycode/v1/replay\0" + bytes([form]) + be(token, 8)
                             + be(w, 8) + be(counter, 4)).digest()[:16]
        if self.consumed.get(key, 0) > now:
            return "DECLINE", "REPLAYED"
        self.consumed[key] = max(g + self.ttl + self.skew + 1, now + 1)
        return "APPROVE", "OK"

    def numeric(self, code, now, mode):  # SPEC 3.2.2
        if mode == "terminal":
            return "REFER_ONLINE", "ONLINE_REQUIRED"
        alias, digit = int(code[2:9]), int(code[9])
        if alias not in self.aliases:
            return "DECLINE", "UNKNOWN_TOKEN"
        token, mkid = self.aliases[alias]
        if mkid not in self.masters:
            return "DECLINE", "UNKNOWN_KEY"
        lo = max(0, now - self.ttl - self.skew) // self.step
        steps = [t for t in range(lo, (now + self.skew) // self.step + 1) if t % 10 == digit]
        if not steps:
            return "DECLINE", "EXPIRED"
        want = code[:10] + hotp(self.token_key(mkid, token), steps[0], 8, "SHA-256")
        if not hmac.compare_digest(want.encode(), code.encode()):
            return "DECLINE", "CRYPTO"
        return self.finish(1, token, steps[0], 0, steps[0] * self.step, now)

    def qr(self, code, now, mode):  # SPEC 3.3, 3.7
        try:
            b = base64.b64decode(code, validate=True)
        except ValueError:
            return "DECLINE", "MALFORMED"
        if base64.b64encode(b).decode() != code:  # canonical only (RFC 4648 3.5)
            return "DECLINE", "MALFORMED"
        if len(b) == 349:
            return None  # qr-offline: needs ECDSA P-256
        if len(b) != 101:
            return "DECLINE", "MALFORMED"
        v = b[35:]
        f = dict(suite=v[3], key_id=int.from_bytes(v[7:11], "big"),
                 token=int.from_bytes(v[14:22], "big"), g=int.from_bytes(v[25:33], "big"),
                 counter=int.from_bytes(v[36:40], "big"), flags=v[43], un=v[47:51], mac=v[58:66])
        if online_layout(**f) != b or f["g"] >= 2 ** 63:
            return "DECLINE", "MALFORMED"
        if f["suite"] != 1:
            return "DECLINE", "SUITE"
        if mode == "terminal":
            return "REFER_ONLINE", "ONLINE_REQUIRED"
        if f["key_id"] not in self.masters:
            return "DECLINE", "UNKNOWN_KEY"
        key = self.token_key(f["key_id"], f["token"])
        mac = hmac.new(key, b"paycode/v1/qr\0" + b[:35 + 55], hashlib.sha256).digest()[:8]
        if not hmac.compare_digest(mac, f["mac"]):
            return "DECLINE", "CRYPTO"
        return self.finish(2, f["token"], f["g"], f["counter"], f["g"], now)

    def validate(self, test):
        code, now, mode = test["code"], test["now"], test["mode"]
        if len(code) == 18 and code.isdigit() and code.isascii() and code.startswith(self.prefix):
            out = self.numeric(code, now, mode)
        elif len(code) > 468:
            out = ("DECLINE", "MALFORMED")
        else:
            out = self.qr(code, now, mode)
        return UNSUPPORTED if out is None else {"decision": out[0], "reason": out[1]}


def main():
    state = None
    for line in sys.stdin:
        req = json.loads(line)
        if req["type"] == "group":  # a new group: fresh state
            g = req["group"]
            state = Deployment(g) if req["algorithm"] == "PAYCODE-VALIDATE" else None
            print(json.dumps({"type": "group", "ok": True}), flush=True)
            continue
        alg, g, test = req["algorithm"], req["group"], req["test"]
        if alg == "OTP":
            out = otp(g, test)
        elif alg == "CRC16-CCITT-FALSE":
            out = crc16(bytes.fromhex(test["msg"]))
        elif alg == "PAYCODE-VALIDATE" and state is not None:
            out = state.validate(test)
        else:
            out = UNSUPPORTED
        print(json.dumps(dict(out, tcId=req["tcId"])), flush=True)


if __name__ == "__main__":
    main()
