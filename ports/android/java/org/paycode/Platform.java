package org.paycode;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

/**
 * The Android port's platform ({@code pc_platform}): where the library
 * gets random bytes, the time and the device key store. The native table
 * ({@code ports/android/jni/pc_jni_platform.c}) calls back into this
 * object while a wallet or validator method runs, on that method's thread.
 *
 * <ul>
 * <li>random bytes: a {@link SecureRandom} (default: {@code new SecureRandom()},
 * on Android the kernel's generator); a failure is {@code PC_ERR_RNG};</li>
 * <li>time: a {@link Clock} (default: {@link Clock#systemUTC()}); a clock
 * that throws {@link java.time.DateTimeException} (or any runtime
 * exception) tells the library the time is unknown, so a validator
 * refers online instead of guessing;</li>
 * <li>key store: a {@link DeviceKeyStore}, or none
 * ({@code PC_ERR_UNSUPPORTED}: no offline codes).</li>
 * </ul>
 *
 * Immutable and thread-safe when its parts are; one platform may serve
 * many wallets and validators.
 */
public final class Platform {
    private final SecureRandom random;
    private final Clock clock;
    private final DeviceKeyStore keyStore;
    private final ThreadLocal<Throwable> failure = new ThreadLocal<>();

    private Platform(Builder b) {
        this.random = b.random != null ? b.random : new SecureRandom();
        this.clock = b.clock != null ? b.clock : Clock.systemUTC();
        this.keyStore = b.keyStore;
    }

    /** @return a platform with the system's random source and clock, and no key store */
    public static Platform system() {
        return builder().build();
    }

    /** @return a builder with every part at its default */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the key store, or null */
    public DeviceKeyStore keyStore() {
        return keyStore;
    }

    /** Builds a {@link Platform}. */
    public static final class Builder {
        private SecureRandom random;
        private Clock clock;
        private DeviceKeyStore keyStore;

        private Builder() {
        }

        public Builder random(SecureRandom value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Builder keyStore(DeviceKeyStore value) {
            this.keyStore = Objects.requireNonNull(value, "keyStore");
            return this;
        }

        public Platform build() {
            return new Platform(this);
        }
    }

    /* ---- used by the wrappers around each native call ---- */

    void clearFailure() {
        failure.remove();
    }

    /** Attach the exception a hook caught during the call as e's cause. */
    PaycodeException explain(PaycodeException e) {
        Throwable t = failure.get();
        failure.remove();
        if (t != null && e.getCause() == null) {
            e.initCause(t);
        }
        return e;
    }

    private void fail(Throwable t) {
        if (failure.get() == null) {
            failure.set(t);
        }
    }

    /* ---- hooks, called from native code; they return pc_err values ---- */

    int hookRandom(byte[] out) {
        try {
            random.nextBytes(out);
            return Paycode.PC_OK;
        } catch (RuntimeException e) {
            fail(e);
            return Paycode.PC_ERR_RNG;
        }
    }

    long hookTime() {
        try {
            return clock.instant().getEpochSecond();
        } catch (RuntimeException e) {
            fail(e);
            return Long.MIN_VALUE;
        }
    }

    int hookKeyGenerate(int keyId, byte[] pub) {
        if (keyStore == null) {
            return Paycode.PC_ERR_UNSUPPORTED;
        }
        try {
            return copy(keyStore.generate(keyId), pub, "public key");
        } catch (GeneralSecurityException | RuntimeException e) {
            fail(e);
            return Paycode.PC_ERR_KEYSTORE;
        }
    }

    int hookKeyPublic(int keyId, byte[] pub) {
        if (keyStore == null) {
            return Paycode.PC_ERR_UNSUPPORTED;
        }
        try {
            return copy(keyStore.publicKey(keyId), pub, "public key");
        } catch (GeneralSecurityException | RuntimeException e) {
            fail(e);
            return Paycode.PC_ERR_KEYSTORE;
        }
    }

    int hookKeySign(int keyId, byte[] digest, byte[] sig) {
        if (keyStore == null) {
            return Paycode.PC_ERR_UNSUPPORTED;
        }
        try {
            return copy(keyStore.sign(keyId, digest), sig, "signature");
        } catch (GeneralSecurityException | RuntimeException e) {
            fail(e);
            return Paycode.PC_ERR_KEYSTORE;
        }
    }

    private int copy(byte[] value, byte[] out, String what) {
        if (value == null) {
            return Paycode.PC_ERR_NOT_FOUND;
        }
        if (value.length != out.length) {
            fail(new GeneralSecurityException("the key store returned a " + value.length
                    + "-byte " + what + ", not " + out.length));
            return Paycode.PC_ERR_KEYSTORE;
        }
        System.arraycopy(value, 0, out, 0, out.length);
        return Paycode.PC_OK;
    }
}
