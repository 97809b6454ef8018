package org.paycode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One data object of a merchant-presented payload: ID, value and, for a template, its objects. */
public final class MpmObject {
    private final int id;
    private final boolean template;
    private final String value;
    private List<MpmObject> children = new ArrayList<>();

    MpmObject(int id, boolean template, String value) {
        this.id = id;
        this.template = template;
        this.value = value;
    }

    void add(MpmObject child) {
        children.add(child);
    }

    void freeze() {
        children = Collections.unmodifiableList(children);
    }

    /** @return 0..99 */
    public int id() {
        return id;
    }

    /** @return the ID as written, two digits */
    public String idText() {
        return String.format("%02d", id);
    }

    /** @return true when the value was expanded as a template (see {@link #children()}) */
    public boolean isTemplate() {
        return template;
    }

    /** @return the value as written (for a template, its whole text) */
    public String value() {
        return value;
    }

    /** @return the objects inside a template, in document order; empty otherwise */
    public List<MpmObject> children() {
        return children;
    }

    @Override
    public String toString() {
        return idText() + (template ? children.toString() : "=" + value);
    }
}
