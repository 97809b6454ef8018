package org.paycode;

import java.security.SecureRandom;

/** A random source that always fails, as a broken entropy source would. */
final class FailingRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    @Override
    public void nextBytes(byte[] bytes) {
        throw new IllegalStateException("entropy source failed");
    }
}
