package org.paycode;

import java.util.HashMap;
import java.util.Map;
import org.junit.Test;

/**
 * vectors/cpm-numeric.json, cpm-qr-online.json and cpm-qr-offline.json
 * (PAYCODE-VALIDATE) through the binding, as vectors/README.md says: per
 * group a fresh MemoryStore shared by a terminal and a provider Validator,
 * both trusting the group's roots and revocation list; the provider's
 * ProviderKeys answer from the group's tables; the tests run in file
 * order, each at its own "now", and the verdict and reason names must
 * equal "decision" and "reason". The random source fails: validation needs
 * no randomness.
 */
public class CodeVectorsTest {
    /** The group's provider back end: master keys and alias table. */
    static final class Tables implements ProviderKeys {
        private final Map<Integer, byte[]> master = new HashMap<>();
        private final Map<Integer, Token> alias = new HashMap<>();

        Tables(Map<String, Object> g) {
            for (Map<String, Object> m : VectorFile.maps(g.get("masterKeys"))) {
                master.put((int) VectorFile.num(m, "keyId"), VectorFile.hex(VectorFile.str(m, "key")));
            }
            for (Map<String, Object> a : VectorFile.maps(g.get("aliases"))) {
                long token = Long.parseUnsignedLong(VectorFile.str(a, "tokenId"), 16);
                alias.put((int) VectorFile.num(a, "alias"),
                        new Token(token, (int) VectorFile.num(a, "masterKeyId")));
            }
        }

        @Override
        public byte[] masterKey(int masterKeyId) {
            byte[] k = master.get(masterKeyId);
            return k == null ? null : k.clone(); // the binding wipes what it gets
        }

        @Override
        public Token lookupAlias(int a) {
            return alias.get(a);
        }
    }

    static CodeParams params(Map<String, Object> g) {
        CodeParams p = CodeParams.defaults();
        if (g.containsKey("ttl")) {
            p = p.withTtl((int) VectorFile.num(g, "ttl"));
        }
        if (g.containsKey("skew")) {
            p = p.withSkew((int) VectorFile.num(g, "skew"));
        }
        if (g.containsKey("step")) {
            p = p.withStep((int) VectorFile.num(g, "step"));
        }
        if (g.containsKey("prefix")) {
            p = p.withPrefix(VectorFile.str(g, "prefix"));
        }
        return p;
    }

    private static void trust(Validator v, Map<String, Object> g) throws PaycodeException {
        for (Map<String, Object> r : VectorFile.maps(g.get("roots"))) {
            v.addRoot((int) VectorFile.num(r, "keyId"), VectorFile.hex(VectorFile.str(r, "public")));
        }
        if (g.containsKey("crl")) {
            v.setRevocationList(VectorFile.hex(VectorFile.str(g, "crl")));
        }
    }

    private static void group(VectorFile f, Map<String, Object> g) throws PaycodeException {
        TestClock clock = new TestClock(0);
        Platform plat = Platform.builder().clock(clock).random(new FailingRandom()).build();
        CodeParams p = params(g);
        try (MemoryStore store = new MemoryStore();
                Validator term = Validator.terminal(plat, store, p);
                Validator prov = Validator.provider(plat, store, p, new Tables(g))) {
            trust(term, g);
            trust(prov, g);
            for (Map<String, Object> t : VectorFile.maps(g.get("tests"))) {
                clock.set(VectorFile.num(t, "now"));
                Validator v = "terminal".equals(VectorFile.str(t, "mode")) ? term : prov;
                Decision d = v.validate(VectorFile.str(t, "code"));
                String want = VectorFile.str(t, "decision") + " " + VectorFile.str(t, "reason");
                String got = d.verdict().name() + " " + d.reason().name();
                boolean resultOk = d.approved() == "valid".equals(VectorFile.str(t, "result"));
                f.check(t, want.equals(got) && resultOk, "want " + want + ", got " + got);
            }
        }
    }

    private static void run(String name) throws Exception {
        VectorFile f = VectorFile.load(name, "PAYCODE-VALIDATE");
        for (Map<String, Object> g : f.groups()) {
            group(f, g);
        }
        f.finish();
    }

    @Test
    public void cpmNumericJson() throws Exception {
        run("cpm-numeric.json");
    }

    @Test
    public void cpmQrOnlineJson() throws Exception {
        run("cpm-qr-online.json");
    }

    @Test
    public void cpmQrOfflineJson() throws Exception {
        run("cpm-qr-offline.json");
    }
}
