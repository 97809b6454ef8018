package org.paycode;

import java.util.Map;
import org.junit.Test;

/** vectors/otp.json (RFC 4226 Appendix D, RFC 6238 Appendix B) through org.paycode.Otp. */
public class OtpVectorsTest {
    private static Otp.Algorithm alg(String hash) {
        switch (hash) {
        case "SHA-1":
            return Otp.Algorithm.SHA1;
        case "SHA-256":
            return Otp.Algorithm.SHA256;
        default:
            throw new IllegalArgumentException("hash " + hash);
        }
    }

    @Test
    public void otpJson() throws Exception {
        VectorFile f = VectorFile.load("otp.json", "OTP");
        for (Map<String, Object> g : f.groups()) {
            Otp.Algorithm alg = alg(VectorFile.str(g, "hash"));
            byte[] key = VectorFile.hex(VectorFile.str(g, "key"));
            int digits = (int) VectorFile.num(g, "digits");
            boolean totp = "Totp".equals(VectorFile.str(g, "type"));
            for (Map<String, Object> t : VectorFile.maps(g.get("tests"))) {
                int v = totp
                        ? Otp.totp(alg, key, VectorFile.num(t, "time"), VectorFile.num(g, "t0"),
                                (int) VectorFile.num(g, "step"), digits)
                        : Otp.hotp(alg, key, VectorFile.num(t, "counter"), digits);
                String got = String.format("%0" + digits + "d", v);
                boolean match = got.equals(VectorFile.str(t, "otp"));
                f.check(t, match == "valid".equals(VectorFile.str(t, "result")),
                        "computed " + got + ", vector " + VectorFile.str(t, "otp"));
            }
        }
        f.finish();
    }
}
