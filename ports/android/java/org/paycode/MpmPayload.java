package org.paycode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** A decoded merchant-presented payload. Immutable. */
public final class MpmPayload {
    private final List<MpmObject> objects;
    private final List<Warning> warnings;
    private final int statedCrc;
    private final int computedCrc;
    private final boolean lengthsInBytes;

    private MpmPayload(Builder b) {
        this.objects = Collections.unmodifiableList(b.root);
        this.warnings = Collections.unmodifiableList(b.warnings);
        this.statedCrc = b.statedCrc;
        this.computedCrc = b.computedCrc;
        this.lengthsInBytes = b.lengthsInBytes;
    }

    /** @return the root objects in document order, the CRC object (63) last */
    public List<MpmObject> objects() {
        return objects;
    }

    /** @return the deviations the profile tolerated (empty under "strict") */
    public List<Warning> warnings() {
        return warnings;
    }

    /** @return the CRC the payload states */
    public int statedCrc() {
        return statedCrc;
    }

    /** @return the CRC computed over the payload (equal to the stated one) */
    public int computedCrc() {
        return computedCrc;
    }

    /** @return true when the LEN fields counted UTF-8 bytes, not characters */
    public boolean lengthsInBytes() {
        return lengthsInBytes;
    }

    /**
     * @param path IDs from the root, e.g. (62, 5) for the reference label
     * @return that object, if present
     */
    public Optional<MpmObject> find(int... path) {
        List<MpmObject> level = objects;
        MpmObject found = null;
        for (int id : path) {
            found = null;
            for (MpmObject o : level) {
                if (o.id() == id) {
                    found = o;
                }
            }
            if (found == null) {
                return Optional.empty();
            }
            level = found.children();
        }
        return Optional.ofNullable(found);
    }

    /** A tolerated deviation: the error the strict profile would have raised, and where. */
    public static final class Warning {
        private final int errorCode;
        private final String errorName;
        private final String message;

        Warning(int errorCode, String errorName, String message) {
            this.errorCode = errorCode;
            this.errorName = errorName;
            this.message = message;
        }

        public int errorCode() {
            return errorCode;
        }

        /** @return e.g. {@code "PC_ERR_MPM_CRC_CASE"} */
        public String errorName() {
            return errorName;
        }

        /** @return e.g. "object 63: ..." */
        public String message() {
            return message;
        }

        @Override
        public String toString() {
            return errorName + " (" + message + ")";
        }
    }

    /** Collects what the native decoder hands over, in document order. */
    static final class Builder {
        private final List<MpmObject> all = new ArrayList<>();
        private final List<MpmObject> root = new ArrayList<>();
        private final List<Warning> warnings = new ArrayList<>();
        private int statedCrc;
        private int computedCrc;
        private boolean lengthsInBytes;

        /* called from native code */
        void object(int id, int parent, boolean template, byte[] value) {
            MpmObject o = new MpmObject(id, template, new String(value, StandardCharsets.UTF_8));
            all.add(o);
            if (parent < 0) {
                root.add(o);
            } else {
                all.get(parent).add(o);
            }
        }

        /* called from native code */
        void warning(int code, String name, String message) {
            warnings.add(new Warning(code, name, message));
        }

        /* called from native code */
        void crc(int stated, int computed, boolean bytes) {
            statedCrc = stated;
            computedCrc = computed;
            lengthsInBytes = bytes;
        }

        MpmPayload build() {
            for (MpmObject o : all) {
                o.freeze();
            }
            return new MpmPayload(this);
        }
    }
}
