package org.paycode;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One vector file of vectors/ (format: vectors/README.md), read with
 * {@link Json}, and the tally of a run over it: every test is counted,
 * each failure is kept with its tcId, and {@link #finish()} prints
 * "FILE: N passed, N failed" and fails the JUnit test on any failure or
 * when the count differs from the file's numberOfTests.
 */
final class VectorFile {
    final String name;
    final Map<String, Object> root;
    private int passed;
    private final List<String> failures = new ArrayList<>();

    private VectorFile(String name, Map<String, Object> root) {
        this.name = name;
        this.root = root;
    }

    /** The folder comes from -Dorg.paycode.vectors (default: ./vectors). */
    static VectorFile load(String name, String algorithm) throws IOException {
        Path dir = Paths.get(System.getProperty("org.paycode.vectors", "vectors"));
        String text = new String(Files.readAllBytes(dir.resolve(name)), StandardCharsets.UTF_8);
        VectorFile f = new VectorFile(name, map(Json.parse(text)));
        assertEquals(name + ": algorithm", algorithm, str(f.root, "algorithm"));
        return f;
    }

    List<Map<String, Object>> groups() {
        return maps(root.get("testGroups"));
    }

    void check(Map<String, Object> test, boolean ok, String why) {
        if (ok) {
            passed++;
        } else {
            failures.add("tcId " + num(test, "tcId") + " (" + str(test, "comment") + "): " + why);
        }
    }

    void finish() {
        System.out.println(name + ": " + passed + " passed, " + failures.size() + " failed");
        for (String f : failures) {
            System.out.println("  FAIL " + f);
        }
        if (!failures.isEmpty()) {
            fail(name + ": " + failures.size() + " vector(s) failed, first: " + failures.get(0));
        }
        assertEquals(name + ": vectors run", num(root, "numberOfTests"), passed);
        assertTrue(name + ": no vectors", passed > 0);
    }

    /* ---- typed access ---- */

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object o) {
        return o == null ? new ArrayList<>() : (List<Map<String, Object>>) o;
    }

    static String str(Map<String, Object> m, String k) {
        return (String) m.get(k);
    }

    static long num(Map<String, Object> m, String k) {
        Object v = m.get(k);
        if (!(v instanceof Long)) {
            throw new IllegalArgumentException("no integer " + k);
        }
        return (Long) v;
    }

    static boolean has(Map<String, Object> m, String k) {
        return m.containsKey(k);
    }

    static byte[] hex(String h) {
        if (h.length() % 2 != 0) {
            throw new IllegalArgumentException("odd hex length");
        }
        byte[] out = new byte[h.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x & 0xff));
        }
        return s.toString();
    }
}
