package org.paycode;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.HashMap;
import java.util.Map;

/**
 * The host tests' DeviceKeyStore: P-256 keys made by the JDK's provider
 * and kept in memory. It goes through the same conversions an Android
 * Keystore implementation does (README.md): the public key comes out as
 * X.509 SubjectPublicKeyInfo and the signature as DER from NONEwithECDSA
 * over the digest, and P256 turns them into the raw encodings. A fault
 * switch makes it throw as a locked Keystore would.
 */
final class SoftwareKeyStore implements DeviceKeyStore {
    private final Map<Integer, KeyPair> keys = new HashMap<>();
    private GeneralSecurityException fault;
    private int signatures;

    synchronized void failWith(GeneralSecurityException e) {
        fault = e;
    }

    synchronized int signatures() {
        return signatures;
    }

    @Override
    public synchronized byte[] generate(int keyId) throws GeneralSecurityException {
        if (fault != null) {
            throw fault;
        }
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair kp = g.generateKeyPair();
        keys.put(keyId, kp);
        return P256.sec1(kp.getPublic());
    }

    @Override
    public synchronized byte[] publicKey(int keyId) throws GeneralSecurityException {
        KeyPair kp = keys.get(keyId);
        return kp == null ? null : P256.sec1(kp.getPublic());
    }

    @Override
    public synchronized byte[] sign(int keyId, byte[] digest) throws GeneralSecurityException {
        if (fault != null) {
            throw fault;
        }
        KeyPair kp = keys.get(keyId);
        if (kp == null) {
            return null;
        }
        Signature s = Signature.getInstance("NONEwithECDSA");
        s.initSign(kp.getPrivate());
        s.update(digest);
        signatures++;
        return P256.rawSignature(s.sign());
    }
}
