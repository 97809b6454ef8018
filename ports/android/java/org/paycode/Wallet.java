package org.paycode;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;

/**
 * The wallet side: one token's payment-code generator ({@code pc_wallet}).
 *
 * <p>The native context holds the token's OTP key; {@link #close()} wipes
 * and frees it, so use try-with-resources or close it when the token is
 * put away. Methods are synchronized: one call at a time per wallet.
 * Persist {@link #counter()} before showing a QR code and pass it back
 * when the wallet is made again.
 */
public final class Wallet implements AutoCloseable {
    static {
        Paycode.load();
    }

    private final Platform platform;
    private long handle;

    /**
     * Set a wallet up for one token.
     *
     * @param platform    random source, clock and (for offline codes) key store; kept
     * @param params      the deployment's parameters
     * @param otpKey      the token's 32-byte OTP key (copied into native memory;
     *                    the caller wipes its own array)
     * @param masterKeyId the provider master key the token key derives from
     * @param tokenId     the token ID
     * @param alias       the numeric alias, 0 .. 9,999,999
     * @param counter     the next counter value (from {@link #counter()} last time; 0 at first)
     * @throws PaycodeException {@code PC_ERR_INVALID_ARG}, {@code PC_ERR_CONFIG}
     */
    public Wallet(Platform platform, CodeParams params, byte[] otpKey, int masterKeyId,
            long tokenId, int alias, int counter) throws PaycodeException {
        this.platform = Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(otpKey, "otpKey");
        this.handle = nNew(params.ttl(), params.skew(), params.step(), params.prefix(), otpKey,
                masterKeyId, tokenId, alias, counter);
    }

    /**
     * Derive a token's OTP key from a provider master key (SPEC §4.2,
     * {@code pc_token_key()}): for provisioning, and for tests.
     *
     * @return 32 bytes; wipe them after use
     * @throws PaycodeException {@code PC_ERR_INVALID_ARG}, {@code PC_ERR_CRYPTO}
     */
    public static byte[] tokenKey(byte[] master, int masterKeyId, long tokenId)
            throws PaycodeException {
        Paycode.load();
        return nTokenKey(Objects.requireNonNull(master, "master"), masterKeyId, tokenId);
    }

    /**
     * Give the wallet its device key (an ID in the platform's key store) and
     * its certificate, enabling {@link Form#QR_OFFLINE} codes.
     *
     * @param deviceKeyId the key's ID in the {@link DeviceKeyStore}
     * @param certificate the 173-byte certificate (see {@link DeviceCertificate})
     * @throws PaycodeException {@code PC_ERR_INVALID_ARG} (another token's certificate),
     *         {@code PC_ERR_CERT_FORMAT}
     */
    public synchronized void setDevice(int deviceKeyId, byte[] certificate)
            throws PaycodeException {
        nSetDevice(open(), deviceKeyId, Objects.requireNonNull(certificate, "certificate"));
    }

    /**
     * @return the 18-digit numeric code of the current time step
     * @throws PaycodeException {@code PC_ERR_TIME_UNKNOWN}, {@code PC_ERR_CRYPTO}
     */
    public synchronized String numeric() throws PaycodeException {
        long h = open();
        platform.clearFailure();
        try {
            return nNumeric(h, platform);
        } catch (PaycodeException e) {
            throw platform.explain(e);
        } finally {
            platform.clearFailure();
        }
    }

    /**
     * A QR-form code without user verification; see {@link #qr(Form, Set)}.
     */
    public String qr(Form form) throws PaycodeException {
        return qr(form, Collections.emptySet());
    }

    /**
     * Generate a QR-form code (base64 text) and advance the counter.
     *
     * @param form     {@link Form#QR_ONLINE} or {@link Form#QR_OFFLINE}
     * @param verified how the user was verified just before, bound into the code
     * @return the code text, at most {@link Paycode#QR_CODE_MAX_LENGTH} characters
     * @throws PaycodeException {@code PC_ERR_INVALID_ARG} (numeric form),
     *         {@code PC_ERR_TIME_UNKNOWN}, {@code PC_ERR_RNG},
     *         {@code PC_ERR_UNSUPPORTED} (offline without a device key),
     *         {@code PC_ERR_KEYSTORE} (the key store's exception is the cause),
     *         {@code PC_ERR_CRYPTO}
     */
    public synchronized String qr(Form form, Set<UserVerification> verified)
            throws PaycodeException {
        long h = open();
        int flags = UserVerification.toFlags(Objects.requireNonNull(verified, "verified"));
        platform.clearFailure();
        try {
            return nQr(h, platform, Objects.requireNonNull(form, "form").code(), flags);
        } catch (PaycodeException e) {
            throw platform.explain(e);
        } finally {
            platform.clearFailure();
        }
    }

    /** @return the next counter value, to persist before showing a code */
    public synchronized int counter() {
        return nCounter(open());
    }

    /** Wipe and free the native context; later calls throw {@link IllegalStateException}. */
    @Override
    public synchronized void close() {
        if (handle != 0) {
            nFree(handle);
            handle = 0;
        }
    }

    private long open() {
        if (handle == 0) {
            throw new IllegalStateException("wallet closed");
        }
        return handle;
    }

    private static native long nNew(int ttl, int skew, int step, String prefix, byte[] otpKey,
            int masterKeyId, long tokenId, int alias, int counter) throws PaycodeException;

    private static native void nSetDevice(long h, int keyId, byte[] cert) throws PaycodeException;

    private static native String nNumeric(long h, Platform p) throws PaycodeException;

    private static native String nQr(long h, Platform p, int form, int flags)
            throws PaycodeException;

    private static native int nCounter(long h);

    private static native void nFree(long h);

    private static native byte[] nTokenKey(byte[] master, int masterKeyId, long tokenId)
            throws PaycodeException;
}
