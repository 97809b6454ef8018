package org.paycode;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Conversions between the encodings Java and Android Keystore use for
 * P-256 keys and ECDSA signatures and the raw ones paycode uses: 65-byte
 * uncompressed SEC1 public keys and 64-byte r || s signatures. Pure Java;
 * no native code.
 */
public final class P256 {
    /** DER of SubjectPublicKeyInfo{id-ecPublicKey, prime256v1} up to the BIT STRING's content. */
    private static final byte[] SPKI_PREFIX = {
        0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02,
        0x01, 0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03,
        0x42, 0x00
    };

    private P256() {
    }

    /**
     * @param key a P-256 public key (e.g. {@code KeyStore.getCertificate(alias).getPublicKey()})
     * @return its 65-byte uncompressed SEC1 encoding
     * @throws InvalidKeyException when it is not a P-256 key
     */
    public static byte[] sec1(PublicKey key) throws InvalidKeyException {
        return sec1FromSubjectPublicKeyInfo(key.getEncoded());
    }

    /**
     * @param spki DER SubjectPublicKeyInfo of a P-256 key (91 bytes)
     * @return the 65-byte uncompressed SEC1 point inside it
     * @throws InvalidKeyException for anything else (another curve, a compressed point)
     */
    public static byte[] sec1FromSubjectPublicKeyInfo(byte[] spki) throws InvalidKeyException {
        if (spki == null || spki.length != SPKI_PREFIX.length + Paycode.P256_PUBLIC_LENGTH
                || !Arrays.equals(Arrays.copyOf(spki, SPKI_PREFIX.length), SPKI_PREFIX)
                || spki[SPKI_PREFIX.length] != 0x04) {
            throw new InvalidKeyException("not an uncompressed P-256 SubjectPublicKeyInfo");
        }
        return Arrays.copyOfRange(spki, SPKI_PREFIX.length, spki.length);
    }

    /**
     * @param sec1 a 65-byte uncompressed SEC1 P-256 point
     * @return the Java public key (the point is checked to be on the curve by the provider)
     * @throws InvalidKeyException when it is not one
     */
    public static ECPublicKey publicKey(byte[] sec1) throws InvalidKeyException {
        if (sec1 == null || sec1.length != Paycode.P256_PUBLIC_LENGTH || sec1[0] != 0x04) {
            throw new InvalidKeyException("not a 65-byte uncompressed SEC1 point");
        }
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + sec1.length);
        System.arraycopy(sec1, 0, spki, SPKI_PREFIX.length, sec1.length);
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(spki));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new InvalidKeyException(e);
        }
    }

    /**
     * @param der an ECDSA signature as {@code Signature.sign()} returns it:
     *            DER SEQUENCE { INTEGER r, INTEGER s }
     * @return r || s, 64 bytes
     * @throws SignatureException when it is not such a DER value with r, s below 2^256
     */
    public static byte[] rawSignature(byte[] der) throws SignatureException {
        if (der == null || der.length < 8 || der[0] != 0x30 || (der[1] & 0xff) != der.length - 2) {
            throw new SignatureException("not a DER ECDSA signature");
        }
        byte[] out = new byte[Paycode.P256_SIGNATURE_LENGTH];
        int at = integer(der, 2, out, 0);
        if (integer(der, at, out, 32) != der.length) {
            throw new SignatureException("trailing bytes after the DER signature");
        }
        return out;
    }

    /* Read the INTEGER at der[at] into out[off..off+32); return the offset after it. */
    private static int integer(byte[] der, int at, byte[] out, int off) throws SignatureException {
        if (at + 2 > der.length || der[at] != 0x02) {
            throw new SignatureException("expected a DER INTEGER");
        }
        int len = der[at + 1] & 0xff;
        int start = at + 2;
        if (len < 1 || len > 33 || start + len > der.length || (der[start] & 0x80) != 0
                || (len > 1 && der[start] == 0 && (der[start + 1] & 0x80) == 0)) {
            throw new SignatureException("not a minimal positive DER INTEGER");
        }
        if (len == 33) {
            if (der[start] != 0) {
                throw new SignatureException("a signature scalar of more than 256 bits");
            }
            start++;
            len--;
        }
        System.arraycopy(der, start, out, off + 32 - len, len);
        return start + len;
    }

    /**
     * @param raw r || s, 64 bytes
     * @return the same signature in DER, as {@code Signature.verify()} wants it
     */
    public static byte[] derSignature(byte[] raw) {
        if (raw == null || raw.length != Paycode.P256_SIGNATURE_LENGTH) {
            throw new IllegalArgumentException("a raw signature is 64 bytes");
        }
        byte[] r = new BigInteger(1, Arrays.copyOfRange(raw, 0, 32)).toByteArray();
        byte[] s = new BigInteger(1, Arrays.copyOfRange(raw, 32, 64)).toByteArray();
        byte[] der = new byte[6 + r.length + s.length];
        der[0] = 0x30;
        der[1] = (byte) (der.length - 2);
        der[2] = 0x02;
        der[3] = (byte) r.length;
        System.arraycopy(r, 0, der, 4, r.length);
        der[4 + r.length] = 0x02;
        der[5 + r.length] = (byte) s.length;
        System.arraycopy(s, 0, der, 6 + r.length, s.length);
        return der;
    }
}
