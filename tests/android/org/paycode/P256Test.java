package org.paycode;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.ECGenParameterSpec;
import org.junit.Test;

/** The encodings an Android key store implementation converts through. */
public class P256Test {
    @Test
    public void publicKeysRoundTrip() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair kp = g.generateKeyPair();
        byte[] sec1 = P256.sec1(kp.getPublic());
        assertEquals(65, sec1.length);
        assertEquals(4, sec1[0]);
        assertArrayEquals(kp.getPublic().getEncoded(), P256.publicKey(sec1).getEncoded());
    }

    @Test
    public void signaturesRoundTrip() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair kp = g.generateKeyPair();
        Signature s = Signature.getInstance("SHA256withECDSA");
        /* enough signatures to meet short r or s and 33-byte INTEGERs */
        for (int i = 0; i < 300; i++) {
            byte[] msg = { (byte) i, (byte) (i >> 8) };
            s.initSign(kp.getPrivate());
            s.update(msg);
            byte[] der = s.sign();
            byte[] raw = P256.rawSignature(der);
            assertEquals(64, raw.length);
            assertArrayEquals(der, P256.derSignature(raw));
            s.initVerify(kp.getPublic());
            s.update(msg);
            assertTrue(s.verify(P256.derSignature(raw)));
        }
    }

    @Test
    public void malformedInputIsRefused() {
        byte[][] bad = {
            {},
            { 0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00 },  // trailing byte
            { 0x30, 0x06, 0x02, 0x01, (byte) 0x81, 0x02, 0x01, 0x01 }, // negative r
            { 0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x01 },  // non-minimal r
        };
        for (byte[] b : bad) {
            try {
                P256.rawSignature(b);
                fail("accepted a malformed signature");
            } catch (SignatureException expected) {
                // refused
            }
        }
        try {
            P256.sec1FromSubjectPublicKeyInfo(new byte[91]);
            fail("accepted a malformed key");
        } catch (java.security.InvalidKeyException expected) {
            // refused
        }
    }
}
