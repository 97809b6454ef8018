package org.paycode;

/** PBOC risk levels A (lowest) to D, as carried in a device certificate. */
public enum RiskLevel {
    A, B, C, D;

    static RiskLevel of(int code) {
        if (code < 0 || code >= values().length) {
            throw new IllegalStateException("unknown risk level " + code);
        }
        return values()[code];
    }
}
