package org.paycode;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.Test;

/** The MPM decoder's Java surface: objects, paths, warnings, errors by name. */
public class MpmTest {
    /* EMV QRCPS MPM Annex B.7 (vectors/mpm.json tcId 1). */
    static final String B7 = "00020101021229300012D156000000000510A93FO3230Q31280012D1560000000103"
            + "0812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104\u6700\u4f73"
            + "\u8fd0\u8f930202\u5317\u4eac540523.7253031565502016233030412340603***0708A6008667"
            + "0902ME91320016A0112233449988770708123456786304A13A";

    @Test
    public void decodesTheAnnexExample() throws Exception {
        MpmPayload p = Mpm.decode(B7);
        assertEquals("BEST TRANSPORT", p.find(59).get().value());
        assertEquals("\u6700\u4f73\u8fd0\u8f93", p.find(64, 1).get().value());
        assertEquals("1234", p.find(62, 3).get().value());
        assertEquals("***", p.find(62, 6).get().value());
        assertTrue(p.find(62).get().isTemplate());
        assertFalse(p.find(62, 42).isPresent());
        assertEquals(63, p.objects().get(p.objects().size() - 1).id());
        assertEquals(0xA13A, p.statedCrc());
        assertEquals(p.statedCrc(), p.computedCrc());
        assertTrue(p.warnings().isEmpty());
        assertFalse(p.lengthsInBytes());
    }

    @Test
    public void errorsCarryTheirName() throws Exception {
        try {
            Mpm.decode(B7.substring(0, B7.length() - 4) + "0000");
            fail("a bad CRC must not decode");
        } catch (PaycodeException e) {
            assertEquals("PC_ERR_MPM_CRC_MISMATCH", e.getErrorName());
            assertEquals(-112, e.getErrorCode());
            assertEquals("PC_ERR_MPM_CRC_MISMATCH", Paycode.errorName(e.getErrorCode()));
            assertFalse(e.isFatal());
        }
        byte[] bad = B7.getBytes(StandardCharsets.UTF_8);
        bad[100] = (byte) 0xff;
        try {
            Mpm.decode(bad, "lenient");
            fail("malformed UTF-8 must not decode");
        } catch (PaycodeException e) {
            assertEquals("PC_ERR_UTF8", e.getErrorName());
        }
        try {
            Mpm.decode(B7, "no-such-scheme");
            fail("unknown profile");
        } catch (IllegalArgumentException expected) {
            // programming error, not a payload error
        }
    }

    @Test
    public void lenientWarnsWhereStrictFails() throws Exception {
        String body = B7.substring(0, B7.length() - 4);
        String lower = body + String.format("%04x", Mpm.crc16(body.getBytes(StandardCharsets.UTF_8)));
        try {
            Mpm.decode(lower, "strict");
            fail("lowercase CRC is not strict");
        } catch (PaycodeException e) {
            assertEquals("PC_ERR_MPM_CRC_CASE", e.getErrorName());
        }
        MpmPayload p = Mpm.decode(lower, "lenient");
        assertEquals(1, p.warnings().size());
        assertEquals("PC_ERR_MPM_CRC_CASE", p.warnings().get(0).errorName());
    }

    @Test
    public void profilesAndErrorNames() {
        List<String> names = Arrays.asList(Mpm.profiles());
        assertTrue(names.containsAll(Arrays.asList("strict", "lenient", "pix", "promptpay")));
        assertEquals("PC_ERR_KEYSTORE", Paycode.errorName(-1002));
        assertTrue(Paycode.isFatal(-1002));
        assertEquals(0x29B1, Mpm.crc16("123456789".getBytes(StandardCharsets.US_ASCII)));
    }
}
