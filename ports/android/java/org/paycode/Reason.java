package org.paycode;

/**
 * Why a validator decided as it did (docs/SPEC.md §3.7). The names are
 * those of {@code pc_reason_name()} and the values part of the ABI.
 */
public enum Reason {
    /** Approved. */
    OK(0),
    /** Not a well-formed code of any form. */
    MALFORMED(1),
    /** Unknown or unsupported suite. */
    SUITE(2),
    /** Unknown root or master key ID. */
    UNKNOWN_KEY(3),
    /** Alias or token not known to the provider. */
    UNKNOWN_TOKEN(4),
    /** MAC, OTP or a signature does not verify. */
    CRYPTO(5),
    /** Certificate outside its validity or not for offline use. */
    CERT_INVALID(6),
    /** Older than ttl + skew. */
    EXPIRED(7),
    /** From more than skew in the future. */
    NOT_YET_VALID(8),
    /** The certificate serial is revoked. */
    REVOKED(9),
    /** Already consumed. */
    REPLAYED(10),
    /** A terminal got an online-only form. */
    ONLINE_REQUIRED(11),
    /** The validator cannot tell the time. */
    TIME_UNKNOWN(12),
    /** The replay store failed: fail closed. */
    STORE_FAULT(13),
    /** The revocation list is past its next update. */
    CRL_STALE(14);

    private final int code;

    Reason(int code) {
        this.code = code;
    }

    /** @return the {@code pc_reason} value */
    public int code() {
        return code;
    }

    static Reason of(int code) {
        for (Reason r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        throw new IllegalStateException("unknown pc_reason " + code);
    }
}
