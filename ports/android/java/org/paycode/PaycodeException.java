package org.paycode;

/**
 * A paycode error: the library returned a {@code pc_err} other than
 * {@code PC_OK}. {@link #getErrorName()} gives its symbolic name, e.g.
 * {@code "PC_ERR_MPM_CRC_MISMATCH"}, and {@link #getErrorCode()} its value
 * (part of the ABI: never reused). When a platform hook failed inside the
 * call (the key store refused to sign, the clock threw), the exception the
 * hook caught is the {@linkplain #getCause() cause}.
 */
public class PaycodeException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final String name;

    /** Called by the native code. */
    PaycodeException(int code, String name, String message) {
        super(name + ": " + message);
        this.code = code;
        this.name = name;
    }

    /**
     * An error raised on the Java side of the binding.
     *
     * @param code    the {@code pc_err} value
     * @param message what went wrong
     */
    public PaycodeException(int code, String message) {
        this(code, Paycode.errorName(code), message);
    }

    /** @return the {@code pc_err} value, negative */
    public int getErrorCode() {
        return code;
    }

    /** @return the {@code pc_err} name, e.g. {@code "PC_ERR_REPLAYED"} */
    public String getErrorName() {
        return name;
    }

    /**
     * @return true when the error is a platform fault (-1000 .. -1099): stop
     *         using the context that raised it
     */
    public boolean isFatal() {
        return code <= -1000 && code >= -1099;
    }
}
