package org.paycode;

import java.util.Objects;

/** HOTP (RFC 4226) and TOTP (RFC 6238), constant-time in the key and the value. */
public final class Otp {
    static {
        Paycode.load();
    }

    /** The HMAC of the OTP. */
    public enum Algorithm {
        /** HMAC-SHA-1: RFC 4226 interoperability only. */
        SHA1(1),
        /** HMAC-SHA-256: the numeric form's. */
        SHA256(2);

        private final int code;

        Algorithm(int code) {
            this.code = code;
        }
    }

    private Otp() {
    }

    /**
     * @param digits 6..9
     * @return the HOTP value of counter (RFC 4226 §5.3), below 10^digits
     * @throws PaycodeException {@code PC_ERR_INVALID_ARG}, {@code PC_ERR_CRYPTO}
     */
    public static int hotp(Algorithm alg, byte[] key, long counter, int digits)
            throws PaycodeException {
        return nHotp(alg.code, Objects.requireNonNull(key, "key"), counter, digits);
    }

    /**
     * @param time Unix seconds
     * @param t0   RFC 6238 T0
     * @param step RFC 6238 X, seconds
     * @return the TOTP value: HOTP of floor((time - t0) / step)
     * @throws PaycodeException {@code PC_ERR_INVALID_ARG}, {@code PC_ERR_CRYPTO}
     */
    public static int totp(Algorithm alg, byte[] key, long time, long t0, int step, int digits)
            throws PaycodeException {
        if (step <= 0 || time < t0) {
            throw new IllegalArgumentException("step > 0 and time >= t0 required");
        }
        return hotp(alg, key, (time - t0) / step, digits);
    }

    private static native int nHotp(int alg, byte[] key, long counter, int digits)
            throws PaycodeException;
}
