package org.paycode;

import java.util.Optional;
import java.util.Set;

/** The outcome of one validation ({@code pc_decision}). Immutable. */
public final class Decision {
    private final Verdict verdict;
    private final Reason reason;
    private final Form form;
    private final long tokenId;
    private final long certificateSerial;
    private final int counter;
    private final long generatedAt;
    private final Set<UserVerification> userVerification;
    private final boolean consumed;
    private final byte[] digest;

    Decision(long[] v, byte[] digest) {
        this.verdict = Verdict.of((int) v[0]);
        this.reason = Reason.of((int) v[1]);
        this.form = Form.of((int) v[2]);
        this.tokenId = v[3];
        this.certificateSerial = v[4];
        this.counter = (int) v[5];
        this.generatedAt = v[6];
        this.userVerification = UserVerification.fromFlags((int) v[7]);
        this.consumed = v[8] != 0;
        this.digest = digest.clone();
    }

    public Verdict verdict() {
        return verdict;
    }

    public Reason reason() {
        return reason;
    }

    /** @return true exactly when the verdict is {@link Verdict#APPROVE} */
    public boolean approved() {
        return verdict == Verdict.APPROVE;
    }

    /** @return the code's form, empty when it could not be told */
    public Optional<Form> form() {
        return Optional.ofNullable(form);
    }

    /** @return the token ID, when known (0 otherwise) */
    public long tokenId() {
        return tokenId;
    }

    /** @return the device certificate's serial (offline form; 0 otherwise) */
    public long certificateSerial() {
        return certificateSerial;
    }

    /** @return the code's counter (QR forms) */
    public int counter() {
        return counter;
    }

    /** @return the time the code states, Unix seconds (numeric: its step's start) */
    public long generatedAt() {
        return generatedAt;
    }

    /** @return how the wallet verified its user (QR forms) */
    public Set<UserVerification> userVerification() {
        return userVerification;
    }

    /** @return true when this validation consumed the code */
    public boolean consumed() {
        return consumed;
    }

    /** @return SHA-256 of the code text, for journals (a copy) */
    public byte[] digest() {
        return digest.clone();
    }

    @Override
    public String toString() {
        return verdict + " " + reason + (form != null ? " " + form.specName() : "");
    }
}
