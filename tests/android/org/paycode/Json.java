package org.paycode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader (RFC 8259) for the vector files: objects
 * become LinkedHashMap, arrays ArrayList, integers Long, other numbers
 * Double, and true/false/null Boolean/null. Debian has no org.json (its
 * libjson-java is json-lib, with half of Apache Commons behind it), and
 * the vectors are meant to be read from any language without one.
 */
final class Json {
    private final String s;
    private int at;

    private Json(String s) {
        this.s = s;
    }

    static Object parse(String text) {
        Json j = new Json(text);
        Object v = j.value();
        j.space();
        if (j.at != text.length()) {
            throw j.error("trailing characters");
        }
        return v;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("JSON: " + what + " at offset " + at);
    }

    private void space() {
        while (at < s.length() && " \t\r\n".indexOf(s.charAt(at)) >= 0) {
            at++;
        }
    }

    private char peek() {
        space();
        if (at >= s.length()) {
            throw error("unexpected end");
        }
        return s.charAt(at);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private Object value() {
        char c = peek();
        switch (c) {
        case '{':
            return object();
        case '[':
            return array();
        case '"':
            return string();
        case 't':
            return word("true", Boolean.TRUE);
        case 'f':
            return word("false", Boolean.FALSE);
        case 'n':
            return word("null", null);
        default:
            return number();
        }
    }

    private Object word(String w, Object v) {
        if (!s.startsWith(w, at)) {
            throw error("bad literal");
        }
        at += w.length();
        return v;
    }

    private Map<String, Object> object() {
        Map<String, Object> m = new LinkedHashMap<>();
        expect('{');
        if (peek() == '}') {
            at++;
            return m;
        }
        do {
            space();
            String k = string();
            expect(':');
            if (m.put(k, value()) != null) {
                throw error("duplicate key " + k);
            }
        } while (comma('}'));
        return m;
    }

    private List<Object> array() {
        List<Object> a = new ArrayList<>();
        expect('[');
        if (peek() == ']') {
            at++;
            return a;
        }
        do {
            a.add(value());
        } while (comma(']'));
        return a;
    }

    /* After an element: true on ',', false on the closing bracket. */
    private boolean comma(char close) {
        char c = peek();
        at++;
        if (c == ',') {
            return true;
        }
        if (c != close) {
            throw error("expected ',' or '" + close + "'");
        }
        return false;
    }

    private String string() {
        if (at >= s.length() || s.charAt(at) != '"') {
            throw error("expected a string");
        }
        StringBuilder b = new StringBuilder();
        for (at++; at < s.length(); at++) {
            char c = s.charAt(at);
            if (c == '"') {
                at++;
                return b.toString();
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (++at >= s.length()) {
                break;
            }
            b.append(escape(s.charAt(at)));
        }
        throw error("unterminated string");
    }

    private char escape(char e) {
        switch (e) {
        case '"':
        case '\\':
        case '/':
            return e;
        case 'b':
            return '\b';
        case 'f':
            return '\f';
        case 'n':
            return '\n';
        case 'r':
            return '\r';
        case 't':
            return '\t';
        case 'u':
            if (at + 4 >= s.length()) {
                throw error("short \\u escape");
            }
            char c = (char) Integer.parseInt(s.substring(at + 1, at + 5), 16);
            at += 4;
            return c;
        default:
            throw error("bad escape");
        }
    }

    private Object number() {
        int start = at;
        while (at < s.length() && "+-0123456789.eE".indexOf(s.charAt(at)) >= 0) {
            at++;
        }
        String n = s.substring(start, at);
        if (n.isEmpty()) {
            throw error("unexpected character");
        }
        try {
            return n.matches("-?(0|[1-9][0-9]*)") ? (Object) Long.valueOf(n) : Double.valueOf(n);
        } catch (NumberFormatException e) {
            throw error("bad number " + n);
        }
    }
}
