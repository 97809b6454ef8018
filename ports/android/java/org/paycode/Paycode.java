package org.paycode;

/**
 * Loading of the native library and the error-code helpers shared by the
 * binding.
 *
 * <p>The native part is {@code libpaycode_jni.so}: the JNI glue of
 * {@code ports/android/jni} linked with libpaycode. It is loaded once, the
 * first time any class of this package needs it, with
 * {@link System#loadLibrary(String)} (on Android from the APK's
 * {@code lib/arm64-v8a}), or with {@link System#load(String)} from the path
 * in the system property {@code org.paycode.library} when it is set (host
 * tests use this).
 */
public final class Paycode {
    /** Length of a numeric code, in digits. */
    public static final int NUMERIC_LENGTH = 18;
    /** Largest QR-form code a wallet produces, in characters. */
    public static final int QR_CODE_MAX_LENGTH = 512;
    /** Length of a token OTP key and of a provider master key, in bytes. */
    public static final int KEY_LENGTH = 32;
    /** Length of an uncompressed SEC1 P-256 public key. */
    public static final int P256_PUBLIC_LENGTH = 65;
    /** Length of a raw r || s P-256 signature. */
    public static final int P256_SIGNATURE_LENGTH = 64;

    static final int PC_OK = 0;
    static final int PC_ERR_INVALID_ARG = -1;
    static final int PC_ERR_UNSUPPORTED = -3;
    static final int PC_ERR_NOT_FOUND = -6;
    static final int PC_ERR_RNG = -1000;
    static final int PC_ERR_KEYSTORE = -1002;

    static {
        String path = System.getProperty("org.paycode.library");
        if (path != null && !path.isEmpty()) {
            System.load(path);
        } else {
            System.loadLibrary("paycode_jni");
        }
    }

    private Paycode() {
    }

    /** Make sure the native library is loaded (called by every class with natives). */
    static void load() {
        // the static initialiser above has run by the time this returns
    }

    /**
     * The symbolic name of a {@code pc_err} value.
     *
     * @param code a {@code pc_err} value
     * @return e.g. {@code "PC_ERR_MPM_CRC_MISMATCH"}; {@code "PC_ERR_UNKNOWN"} for unknown values
     */
    public static native String errorName(int code);

    /**
     * A one-line English description of a {@code pc_err} value.
     *
     * @param code a {@code pc_err} value
     * @return e.g. {@code "CRC does not verify"}
     */
    public static native String errorMessage(int code);

    /**
     * Tell whether an error is a platform fault (random source, storage,
     * key store, crypto backend) after which a context should not be used.
     *
     * @param code a {@code pc_err} value
     * @return true for codes in -1000 .. -1099
     */
    public static native boolean isFatal(int code);
}
