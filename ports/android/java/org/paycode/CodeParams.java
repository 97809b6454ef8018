package org.paycode;

import java.util.Objects;

/**
 * The parameters wallets and validators of one deployment share
 * (docs/SPEC.md §3.1): time to live, clock-skew tolerance, numeric time
 * step and numeric prefix. Immutable; checked by the library when a
 * wallet or validator is made ({@code PC_ERR_CONFIG} when inconsistent).
 */
public final class CodeParams {
    private static final CodeParams DEFAULTS = new CodeParams(60, 30, 15, "97");

    private final int ttl;
    private final int skew;
    private final int step;
    private final String prefix;

    /**
     * @param ttl    seconds a code stays valid, 10..600
     * @param skew   clock-skew tolerance in seconds, 0..300
     * @param step   numeric time step in seconds, 5..ttl
     * @param prefix numeric scheme prefix, two digits
     */
    public CodeParams(int ttl, int skew, int step, String prefix) {
        this.ttl = ttl;
        this.skew = skew;
        this.step = step;
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    /** @return ttl 60, skew 30, step 15, prefix "97" */
    public static CodeParams defaults() {
        return DEFAULTS;
    }

    public int ttl() {
        return ttl;
    }

    public int skew() {
        return skew;
    }

    public int step() {
        return step;
    }

    public String prefix() {
        return prefix;
    }

    public CodeParams withTtl(int value) {
        return new CodeParams(value, skew, step, prefix);
    }

    public CodeParams withSkew(int value) {
        return new CodeParams(ttl, value, step, prefix);
    }

    public CodeParams withStep(int value) {
        return new CodeParams(ttl, skew, value, prefix);
    }

    public CodeParams withPrefix(String value) {
        return new CodeParams(ttl, skew, step, value);
    }

    @Override
    public String toString() {
        return "CodeParams{ttl=" + ttl + ", skew=" + skew + ", step=" + step
                + ", prefix=" + prefix + "}";
    }
}
