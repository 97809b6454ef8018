package org.paycode;

/**
 * An in-memory replay store ({@code pc_memstore}): the consumed codes of
 * one or more validators, in a fixed native table. Validators that share
 * a store see each other's consumed codes, as a terminal and the provider
 * of one deployment must. Thread-safe (a native mutex).
 *
 * <p>Close it after every validator using it has been closed; closing it
 * earlier throws {@link IllegalStateException}.
 */
public final class MemoryStore implements AutoCloseable {
    static {
        Paycode.load();
    }

    private long handle;
    private int users;

    /** Make an empty store. */
    public MemoryStore() {
        handle = nNew();
    }

    synchronized long acquire() {
        if (handle == 0) {
            throw new IllegalStateException("store closed");
        }
        users++;
        return handle;
    }

    synchronized void release() {
        users--;
    }

    /**
     * Wipe and free the store.
     *
     * @throws IllegalStateException while a validator still uses it
     */
    @Override
    public synchronized void close() {
        if (users > 0) {
            throw new IllegalStateException(users + " validator(s) still use the store");
        }
        if (handle != 0) {
            nFree(handle);
            handle = 0;
        }
    }

    private static native long nNew();

    private static native void nFree(long h);
}
