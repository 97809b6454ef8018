package org.paycode;

/** The three forms of a consumer payment code (docs/SPEC.md §3). */
public enum Form {
    /** 18 digits for 1-D scanners and manual entry; validated online. */
    NUMERIC(1, "numeric"),
    /** An EMV CPM container with an HMAC cryptogram; validated online. */
    QR_ONLINE(2, "qr-online"),
    /** qr-online plus the device certificate and signature; a terminal validates it offline. */
    QR_OFFLINE(3, "qr-offline");

    private final int code;
    private final String specName;

    Form(int code, String specName) {
        this.code = code;
        this.specName = specName;
    }

    /** @return the {@code pc_form} value */
    public int code() {
        return code;
    }

    /** @return the name {@code pc_form_name()} gives, e.g. {@code "qr-online"} */
    public String specName() {
        return specName;
    }

    /**
     * @param code a {@code pc_form} value
     * @return the form, or null for 0 (form not told) and unknown values
     */
    static Form of(int code) {
        for (Form f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        return null;
    }
}
