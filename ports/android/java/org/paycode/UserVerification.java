package org.paycode;

import java.util.EnumSet;
import java.util.Set;

/** How the wallet verified its user before showing a QR code (flags bound into the code). */
public enum UserVerification {
    /** Verified biometrically on the device ({@code PC_CODE_F_UV_BIOMETRIC}). */
    BIOMETRIC(0x01),
    /** Verified with a device PIN ({@code PC_CODE_F_UV_PIN}). */
    PIN(0x02);

    private final int bit;

    UserVerification(int bit) {
        this.bit = bit;
    }

    static int toFlags(Set<UserVerification> set) {
        int flags = 0;
        for (UserVerification uv : set) {
            flags |= uv.bit;
        }
        return flags;
    }

    static Set<UserVerification> fromFlags(int flags) {
        EnumSet<UserVerification> set = EnumSet.noneOf(UserVerification.class);
        for (UserVerification uv : values()) {
            if ((flags & uv.bit) != 0) {
                set.add(uv);
            }
        }
        return set;
    }
}
