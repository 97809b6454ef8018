package org.paycode;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * EMV QRCPS merchant-presented payloads (MPM): decoding through the four
 * layers of {@code include/paycode/emvqr.h} (syntax, CRC, EMVCo rules,
 * scheme profile). Stateless and thread-safe; nothing here is secret.
 */
public final class Mpm {
    static {
        Paycode.load();
    }

    private Mpm() {
    }

    /** {@link #decode(String, String)} under the strict profile. */
    public static MpmPayload decode(String payload) throws PaycodeException {
        return decode(payload, null);
    }

    /**
     * Decode and validate a payload.
     *
     * @param payload the text a scanner read
     * @param profile a built-in profile name ({@link #profiles()}), or null for "strict"
     * @return the decoded payload, with the deviations the profile tolerated
     * @throws PaycodeException the first error, e.g. {@code PC_ERR_MPM_CRC_MISMATCH};
     *         its message names the object and the rule ("object 62.05: ...")
     * @throws IllegalArgumentException for an unknown profile name
     */
    public static MpmPayload decode(String payload, String profile) throws PaycodeException {
        return decode(Objects.requireNonNull(payload, "payload").getBytes(StandardCharsets.UTF_8),
                profile);
    }

    /** {@link #decode(String, String)} on the exact UTF-8 bytes read (malformed UTF-8 included). */
    public static MpmPayload decode(byte[] payload, String profile) throws PaycodeException {
        MpmPayload.Builder b = new MpmPayload.Builder();
        nDecode(Objects.requireNonNull(payload, "payload"), profile, b);
        return b.build();
    }

    /** @return the built-in profile names: "strict", "lenient", "pix", ... */
    public static native String[] profiles();

    /**
     * CRC-16/CCITT-FALSE (EMV QRCPS MPM §4.7.3): poly 0x1021, init 0xFFFF.
     *
     * @return 0 .. 0xFFFF
     */
    public static native int crc16(byte[] data);

    private static native void nDecode(byte[] payload, String profile, MpmPayload.Builder sink)
            throws PaycodeException;
}
