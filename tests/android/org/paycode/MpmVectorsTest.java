package org.paycode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * vectors/mpm.json (EMV-MPM-DECODE) and vectors/crc16.json through the
 * binding: a valid payload must decode to exactly the expected object tree
 * with exactly the expected warnings; an invalid one must throw a
 * PaycodeException whose getErrorName() is the expectedError.
 */
public class MpmVectorsTest {
    /* The decoded tree in the vectors' shape: {"id": "NN", "value"|"template": ...}. */
    static List<Object> tree(List<MpmObject> objects) {
        List<Object> out = new ArrayList<>();
        for (MpmObject o : objects) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", o.idText());
            if (o.isTemplate()) {
                m.put("template", tree(o.children()));
            } else {
                m.put("value", o.value());
            }
            out.add(m);
        }
        return out;
    }

    private static List<Object> warningNames(MpmPayload p) {
        List<Object> out = new ArrayList<>();
        for (MpmPayload.Warning w : p.warnings()) {
            out.add(w.errorName());
        }
        return out;
    }

    private static void run(VectorFile f, String profile, Map<String, Object> t) {
        boolean valid = "valid".equals(VectorFile.str(t, "result"));
        try {
            MpmPayload p = Mpm.decode(VectorFile.str(t, "payload"), profile);
            Object want = t.containsKey("warnings") ? t.get("warnings") : new ArrayList<>();
            boolean same = tree(p.objects()).equals(t.get("objects"));
            f.check(t, valid && same && warningNames(p).equals(want),
                    !valid ? "decoded, want " + VectorFile.str(t, "expectedError")
                    : !same ? "objects differ: " + tree(p.objects())
                    : "warnings differ: " + warningNames(p));
        } catch (PaycodeException e) {
            String want = VectorFile.str(t, "expectedError");
            f.check(t, !valid && (want == null || want.equals(e.getErrorName())),
                    "threw " + e.getErrorName() + " (" + e.getMessage() + ")");
        }
    }

    @Test
    public void mpmJson() throws Exception {
        VectorFile f = VectorFile.load("mpm.json", "EMV-MPM-DECODE");
        for (Map<String, Object> g : f.groups()) {
            for (Map<String, Object> t : VectorFile.maps(g.get("tests"))) {
                run(f, VectorFile.str(g, "profile"), t);
            }
        }
        f.finish();
    }

    @Test
    public void crc16Json() throws Exception {
        VectorFile f = VectorFile.load("crc16.json", "CRC16-CCITT-FALSE");
        for (Map<String, Object> g : f.groups()) {
            for (Map<String, Object> t : VectorFile.maps(g.get("tests"))) {
                String got = String.format("%04x", Mpm.crc16(VectorFile.hex(VectorFile.str(t, "msg"))));
                f.check(t, got.equals(VectorFile.str(t, "crc")), "got " + got);
            }
        }
        f.finish();
    }
}
