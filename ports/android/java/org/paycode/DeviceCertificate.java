package org.paycode;

import java.util.Objects;

/**
 * A device certificate (SPEC §4.3, {@code pc_cert}): binds a device's
 * public key (made in its {@link DeviceKeyStore}) to a token, signed by a
 * provider root. 173 bytes encoded. Immutable.
 *
 * <p>Provisioning: the wallet makes its key, the provider signs a
 * certificate over its public key with {@link Builder#sign(byte[])}, and
 * the wallet installs the bytes with {@link Wallet#setDevice(int, byte[])}.
 */
public final class DeviceCertificate {
    static {
        Paycode.load();
    }

    /** Encoded length in bytes. */
    public static final int LENGTH = 173;
    /** Flag: the device may present offline codes. */
    public static final int FLAG_OFFLINE = 0x01;
    /** Flag: the device verifies its user biometrically. */
    public static final int FLAG_BIOMETRIC = 0x02;

    private static final int SUITE_1 = 1;
    private static final int FIELDS = 9;

    private final long[] f;
    private final byte[] publicKey;
    private final byte[] signature;

    private DeviceCertificate(long[] f, byte[] publicKey, byte[] signature) {
        this.f = f;
        this.publicKey = publicKey;
        this.signature = signature;
    }

    /** @return a builder for a new certificate (suite 1) */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Decode a certificate (syntax only: no signature check).
     *
     * @throws PaycodeException {@code PC_ERR_CERT_FORMAT}
     */
    public static DeviceCertificate decode(byte[] encoded) throws PaycodeException {
        return decode(encoded, null);
    }

    /**
     * Decode a certificate and verify its issuer signature.
     *
     * @param rootPublicKey the issuer root's 65-byte public key
     * @throws PaycodeException {@code PC_ERR_CERT_FORMAT}, {@code PC_ERR_BAD_KEY},
     *         {@code PC_ERR_VERIFY}
     */
    public static DeviceCertificate verify(byte[] encoded, byte[] rootPublicKey)
            throws PaycodeException {
        return decode(encoded, Objects.requireNonNull(rootPublicKey, "rootPublicKey"));
    }

    private static DeviceCertificate decode(byte[] encoded, byte[] root) throws PaycodeException {
        long[] fields = new long[FIELDS];
        byte[] pub = new byte[Paycode.P256_PUBLIC_LENGTH];
        byte[] sig = new byte[Paycode.P256_SIGNATURE_LENGTH];
        nDecode(Objects.requireNonNull(encoded, "encoded"), root, fields, pub, sig);
        return new DeviceCertificate(fields, pub, sig);
    }

    public int suite() {
        return (int) f[0];
    }

    public int issuerKeyId() {
        return (int) f[1];
    }

    public long serial() {
        return f[2];
    }

    public long tokenId() {
        return f[3];
    }

    public int alias() {
        return (int) f[4];
    }

    /** @return Unix seconds */
    public long notBefore() {
        return f[5];
    }

    /** @return Unix seconds */
    public long notAfter() {
        return f[6];
    }

    public RiskLevel maxRisk() {
        return RiskLevel.of((int) f[7]);
    }

    /** @return FLAG_* bits */
    public int flags() {
        return (int) f[8];
    }

    /** @return the device public key, 65 bytes (a copy) */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** @return the issuer's signature r || s (a copy) */
    public byte[] signature() {
        return signature.clone();
    }

    /** Builds and signs a certificate (provider side). */
    public static final class Builder {
        private final long[] f = new long[FIELDS];
        private byte[] publicKey;

        private Builder() {
            f[0] = SUITE_1;
        }

        public Builder issuerKeyId(int value) {
            f[1] = value & 0xffffffffL;
            return this;
        }

        public Builder serial(long value) {
            f[2] = value;
            return this;
        }

        public Builder tokenId(long value) {
            f[3] = value;
            return this;
        }

        public Builder alias(int value) {
            f[4] = value;
            return this;
        }

        /** Validity, Unix seconds, inclusive. */
        public Builder validity(long notBefore, long notAfter) {
            f[5] = notBefore;
            f[6] = notAfter;
            return this;
        }

        public Builder maxRisk(RiskLevel value) {
            f[7] = value.ordinal();
            return this;
        }

        /** @param value FLAG_* bits */
        public Builder flags(int value) {
            f[8] = value;
            return this;
        }

        /** @param value the device's 65-byte public key */
        public Builder publicKey(byte[] value) {
            this.publicKey = value.clone();
            return this;
        }

        /**
         * Sign with a root private key (RFC 6979, deterministic) and encode.
         *
         * @param rootPrivateKey the root's 32-byte private scalar
         * @return the 173-byte certificate
         * @throws PaycodeException {@code PC_ERR_INVALID_ARG}, {@code PC_ERR_BAD_KEY},
         *         {@code PC_ERR_CERT_FORMAT}, {@code PC_ERR_CRYPTO}
         */
        public byte[] sign(byte[] rootPrivateKey) throws PaycodeException {
            if (publicKey == null) {
                throw new IllegalStateException("publicKey not set");
            }
            return nSign(f.clone(), publicKey, Objects.requireNonNull(rootPrivateKey, "root"));
        }
    }

    private static native byte[] nSign(long[] fields, byte[] pub, byte[] rootPriv)
            throws PaycodeException;

    private static native void nDecode(byte[] enc, byte[] rootPub, long[] fields, byte[] pub,
            byte[] sig) throws PaycodeException;
}
