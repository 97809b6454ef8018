package org.paycode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The validating side ({@code pc_validator}): a terminal (offline: only
 * {@link Form#QR_OFFLINE} codes, others are referred online) or a
 * provider (online: every form, with the provider's keys).
 *
 * <p>Each code that passes the cryptographic and time checks is consumed
 * in the replay store, whatever then happens to the payment; a rejected
 * code consumes nothing. Methods are synchronized; {@link #close()} wipes
 * and frees the native context and releases the store.
 */
public final class Validator implements AutoCloseable {
    static {
        Paycode.load();
    }

    private static final int MODE_TERMINAL = 1;
    private static final int MODE_PROVIDER = 2;

    private final Platform platform;
    private final MemoryStore store;
    private final ProviderKeys keys;
    private long handle;

    private Validator(Platform platform, MemoryStore store, CodeParams params, int mode,
            ProviderKeys keys) throws PaycodeException {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.store = Objects.requireNonNull(store, "store");
        this.keys = keys;
        Objects.requireNonNull(params, "params");
        long s = store.acquire();
        try {
            handle = nNew(s, mode, params.ttl(), params.skew(), params.step(), params.prefix());
        } catch (PaycodeException | RuntimeException e) {
            store.release();
            throw e;
        }
    }

    /**
     * A terminal (offline) validator; add the provider roots next.
     *
     * @param platform the clock (the random source is not used); kept
     * @param store    the replay store; kept until {@link #close()}
     * @param params   the deployment's parameters
     * @throws PaycodeException {@code PC_ERR_INVALID_ARG}, {@code PC_ERR_CONFIG}
     */
    public static Validator terminal(Platform platform, MemoryStore store, CodeParams params)
            throws PaycodeException {
        return new Validator(platform, store, params, MODE_TERMINAL, null);
    }

    /**
     * A provider (online) validator.
     *
     * @param keys the provider's master keys and alias table; kept
     * @throws PaycodeException {@code PC_ERR_INVALID_ARG}, {@code PC_ERR_CONFIG}
     */
    public static Validator provider(Platform platform, MemoryStore store, CodeParams params,
            ProviderKeys keys) throws PaycodeException {
        return new Validator(platform, store, params, MODE_PROVIDER,
                Objects.requireNonNull(keys, "keys"));
    }

    /**
     * Trust a provider root (several may be active, for rotation).
     *
     * @param keyId     the root's key ID
     * @param publicKey 65-byte uncompressed SEC1 P-256 point
     * @throws PaycodeException {@code PC_ERR_BAD_KEY}, {@code PC_ERR_CAPACITY}
     */
    public synchronized void addRoot(int keyId, byte[] publicKey) throws PaycodeException {
        nAddRoot(open(), keyId, Objects.requireNonNull(publicKey, "publicKey"));
    }

    /**
     * Install a revocation list (SPEC §4.4) after verifying it against its issuer root.
     *
     * @throws PaycodeException {@code PC_ERR_CRL_FORMAT}, {@code PC_ERR_NOT_FOUND}
     *         (unknown issuer), {@code PC_ERR_VERIFY}, {@code PC_ERR_STALE}
     */
    public synchronized void setRevocationList(byte[] crl) throws PaycodeException {
        nSetCrl(open(), Objects.requireNonNull(crl, "crl"));
    }

    /**
     * Validate the text a scanner read.
     *
     * @param code 18 digits or base64
     * @return the decision (read its verdict: a decline is not an exception)
     * @throws PaycodeException only for misuse ({@code PC_ERR_INVALID_ARG})
     */
    public Decision validate(String code) throws PaycodeException {
        return validate(Objects.requireNonNull(code, "code").getBytes(StandardCharsets.UTF_8));
    }

    /** {@link #validate(String)} on the exact bytes read. */
    public synchronized Decision validate(byte[] code) throws PaycodeException {
        long h = open();
        byte[] digest = new byte[32];
        platform.clearFailure();
        try {
            return new Decision(nValidate(h, platform, this, Objects.requireNonNull(code, "code"),
                    digest), digest);
        } catch (PaycodeException e) {
            throw platform.explain(e);
        } finally {
            platform.clearFailure();
        }
    }

    /** Wipe and free the native context and release the store. */
    @Override
    public synchronized void close() {
        if (handle != 0) {
            nFree(handle);
            handle = 0;
            store.release();
        }
    }

    private long open() {
        if (handle == 0) {
            throw new IllegalStateException("validator closed");
        }
        return handle;
    }

    /* ---- provider hooks, called from native code during validate() ---- */

    int hookMasterKey(int id, byte[] out) {
        byte[] key = keys != null ? keys.masterKey(id) : null;
        if (key == null) {
            return Paycode.PC_ERR_NOT_FOUND;
        }
        try {
            if (key.length != out.length) {
                return Paycode.PC_ERR_NOT_FOUND;
            }
            System.arraycopy(key, 0, out, 0, out.length);
            return Paycode.PC_OK;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    int hookLookupAlias(int alias, long[] out) {
        ProviderKeys.Token t = keys != null ? keys.lookupAlias(alias) : null;
        if (t == null) {
            return Paycode.PC_ERR_NOT_FOUND;
        }
        out[0] = t.tokenId();
        out[1] = t.masterKeyId();
        return Paycode.PC_OK;
    }

    private static native long nNew(long store, int mode, int ttl, int skew, int step,
            String prefix) throws PaycodeException;

    private static native void nAddRoot(long h, int keyId, byte[] pub) throws PaycodeException;

    private static native void nSetCrl(long h, byte[] crl) throws PaycodeException;

    private static native long[] nValidate(long h, Platform p, Validator self, byte[] code,
            byte[] digest) throws PaycodeException;

    private static native void nFree(long h);
}
