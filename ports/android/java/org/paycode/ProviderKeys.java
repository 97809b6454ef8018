package org.paycode;

/**
 * What a provider-mode validator asks of the provider's back end
 * ({@code pc_provider_hooks}): master keys by ID and the alias table.
 * Called on the validating thread, during {@link Validator#validate}.
 * An exception thrown here is treated as "not found" (the code is
 * declined with {@link Reason#UNKNOWN_KEY} or {@link Reason#UNKNOWN_TOKEN}).
 */
public interface ProviderKeys {
    /**
     * @param masterKeyId the master key's ID
     * @return the 32-byte master key, or null when unknown; the binding
     *         zeroes the returned array after copying it
     */
    byte[] masterKey(int masterKeyId);

    /**
     * @param alias a numeric alias, 0 .. 9,999,999
     * @return the token it is assigned to now, or null when it is not assigned
     */
    Token lookupAlias(int alias);

    /** A token: its ID and the master key its OTP key derives from. */
    final class Token {
        private final long tokenId;
        private final int masterKeyId;

        public Token(long tokenId, int masterKeyId) {
            this.tokenId = tokenId;
            this.masterKeyId = masterKeyId;
        }

        public long tokenId() {
            return tokenId;
        }

        public int masterKeyId() {
            return masterKeyId;
        }
    }
}
