package org.paycode;

import java.security.GeneralSecurityException;

/**
 * The device key store behind the platform's key-store hooks
 * ({@code key_generate}, {@code key_public}, {@code key_sign} of
 * {@code include/paycode/platform.h}): ECDSA P-256 key pairs named by an
 * integer ID whose private halves never leave the store.
 *
 * <p>On a phone the implementation keeps the keys in Android Keystore,
 * in StrongBox where the device has one, bound to user authentication
 * and attested (see {@code ports/android/README.md}); {@link P256} converts
 * what Android returns (X.509 SubjectPublicKeyInfo, DER signatures) into
 * the raw encodings asked for here. Host tests use a software store.
 *
 * <p>Methods may be called from any thread that uses a wallet: make the
 * implementation thread-safe. An exception thrown here becomes
 * {@code PC_ERR_KEYSTORE} and is the cause of the {@link PaycodeException}
 * the wallet then throws (e.g. Android's {@code UserNotAuthenticatedException},
 * telling the app to prompt the user and retry).
 */
public interface DeviceKeyStore {
    /**
     * Create a new non-exportable P-256 key pair under {@code keyId},
     * replacing any old one.
     *
     * @param keyId the key's ID
     * @return its public key, 65 bytes: 0x04 || X || Y
     * @throws GeneralSecurityException when the store cannot make the key
     */
    byte[] generate(int keyId) throws GeneralSecurityException;

    /**
     * @param keyId the key's ID
     * @return its public key, 65 bytes: 0x04 || X || Y; null when there is no such key
     * @throws GeneralSecurityException when the store fails
     */
    byte[] publicKey(int keyId) throws GeneralSecurityException;

    /**
     * Sign a SHA-256 digest as it is (ECDSA without hashing again: Android's
     * {@code NONEwithECDSA} with {@code KeyProperties.DIGEST_NONE}).
     *
     * @param keyId  the key's ID
     * @param digest 32 bytes
     * @return the signature, 64 bytes: r || s, each big-endian and zero-padded
     *         ({@link P256#rawSignature(byte[])} converts DER); null when there is no such key
     * @throws GeneralSecurityException when the store refuses or fails (user
     *         not authenticated, key invalidated, hardware fault)
     */
    byte[] sign(int keyId, byte[] digest) throws GeneralSecurityException;
}
