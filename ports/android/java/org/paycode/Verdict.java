package org.paycode;

/** What a validator decided; the names are those of {@code pc_verdict_name()}. */
public enum Verdict {
    APPROVE(0), DECLINE(1), STEP_UP(2), REFER_ONLINE(3);

    private final int code;

    Verdict(int code) {
        this.code = code;
    }

    /** @return the {@code pc_verdict} value */
    public int code() {
        return code;
    }

    static Verdict of(int code) {
        for (Verdict v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        throw new IllegalStateException("unknown pc_verdict " + code);
    }
}
