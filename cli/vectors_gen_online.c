/*
 * cpm-qr-online.json: the qr-online form (SPEC §3.3), validated by a
 * provider (MAC under the token key); terminals refer it online.
 */
#include <string.h>

#include "vectors_gen.h"

#define NOW PC_GEN_NOW

static const char *const pc__header[] = {
	"Consumer-presented qr-online codes (docs/SPEC.md section 3.3): an EMV CPM container in base64",
	"(101 bytes, 136 characters) with token, time, counter and an HMAC-SHA-256 MAC (SPEC 3.3.2).",
	"Validated by a provider; a terminal answers REFER_ONLINE ONLINE_REQUIRED.",
	NULL
};

#define V(flags, mode, now, code, expect, comment) \
	pc_gen_case(f, g, flags, mode, (pc_time)(now), code, expect, comment)

typedef struct pc__on {
	pc_gen *f;
	cJSON *g;
	pc_wallet w;
	uint8_t tok[PC_KEY_LEN];
	char text[PC_GEN_TEXT];
} pc__on;

/* A fresh code made at t. */
static pc_gen_bin pc__code(pc__on *o, pc_time t)
{
	pc_gen_bin b;

	memset(&b, 0, sizeof b);
	o->f->bad |= pc_gen_qr(&o->w, PC_FORM_QR_ONLINE, t, &b);
	return b;
}

static const char *pc__t(pc__on *o, const pc_gen_bin *b)
{
	return pc_gen_text(b, o->text);
}

static void pc__basic(pc__on *o)
{
	pc_gen *f = o->f;
	cJSON *g = o->g;
	pc_gen_bin b = pc__code(o, NOW);

	V("", "provider", NOW, pc__t(o, &b), "APPROVE OK", "a fresh code");
	V("Replay", "provider", NOW, pc__t(o, &b), "DECLINE REPLAYED", "the same code again");
	V("OnlineOnly", "terminal", NOW, pc__t(o, &b), "REFER_ONLINE ONLINE_REQUIRED",
	  "a terminal cannot check the MAC of the online form");
	V("Replay Expired", "provider", NOW + 91, pc__t(o, &b), "DECLINE EXPIRED",
	  "the consumed code after its window: time is checked before replay");
	b = pc__code(o, NOW);
	V("", "provider", NOW, pc__t(o, &b), "APPROVE OK",
	  "a second code of the same second: the counter makes it distinct");
}

/* One field of 63 changed (value v in len bytes, or len 0: XOR one byte
 * with v), nothing recomputed. */
static void pc__field(pc__on *o, unsigned field, uint64_t v, unsigned len, const char *flags,
		      const char *expect, const char *comment)
{
	pc_gen *f = o->f;
	cJSON *g = o->g;
	pc_gen_bin b = pc__code(o, NOW);

	pc_gen_edit(&b, pc_gen_at(&b, field), v, len);
	V(flags, "provider", NOW, pc__t(o, &b), expect, comment);
}

static void pc__fields(pc__on *o)
{
	pc__field(o, PC_GEN_F_SUITE, 2, 1, "Tampered WrongSuite", "DECLINE SUITE", "suite 1 -> 2");
	pc__field(o, PC_GEN_F_SUITE, 0, 1, "Tampered WrongSuite", "DECLINE SUITE", "suite 1 -> 0");
	pc__field(o, PC_GEN_F_KEYID, PC_GEN_MK_UNKNOWN, 4, "Tampered UnknownKey",
		  "DECLINE UNKNOWN_KEY", "master key ID 7 -> 8 (unknown)");
	pc__field(o, PC_GEN_F_KEYID, PC_GEN_MK_OTHER, 4, "Tampered", "DECLINE CRYPTO",
		  "master key ID 7 -> 9 (known, another key)");
	pc__field(o, PC_GEN_F_TOKEN + 7, 0x09, 1, "Tampered", "DECLINE CRYPTO", "token ID last byte");
	pc__field(o, PC_GEN_F_TIME, (uint64_t)(NOW - 1), 8, "Tampered", "DECLINE CRYPTO",
		  "time one second earlier");
	pc__field(o, PC_GEN_F_COUNTER, 0x80000000u, 4, "Tampered", "DECLINE CRYPTO", "counter");
	pc__field(o, PC_GEN_F_FLAGS, 0x03, 1, "Tampered", "DECLINE CRYPTO",
		  "flags: PIN verification added");
	pc__field(o, PC_GEN_F_UN, 0, 4, "Tampered", "DECLINE CRYPTO", "unpredictable number zeroed");
	pc__field(o, PC_GEN_F_MAC, 0xFF, 0, "Tampered", "DECLINE CRYPTO", "MAC first byte inverted");
	pc__field(o, PC_GEN_F_MAC + 7, 0x01, 0, "Tampered", "DECLINE CRYPTO", "MAC last bit flipped");
	pc__field(o, PC_GEN_F_CID, 0x40, 1, "Tampered BadLayout", "DECLINE MALFORMED",
		  "cryptogram information data 80 (ARQC) -> 40 (TC)");
	pc__field(o, 0, 0xDF07, 2, "BadLayout", "DECLINE MALFORMED",
		  "tag DF01 -> DF07");
}

/* The container around template 63: any change is MALFORMED. */
static void pc__container(pc__on *o)
{
	static const struct { size_t at; uint64_t v; unsigned len; const char *what; } e[] = {
		{ 6, '2', 1, "\"CPV01\" -> \"CPV02\"" },
		{ 18, 'E', 1, "AID F0 \"paycode\" -> F0 \"paycodE\"" },
		{ 21, 'P', 1, "application label \"paycode\" -> \"Paycode\"" },
		{ 31, 2, 2, "application version 0001 -> 0002" },
		{ 0, 0x84, 1, "tag 85 -> 84" },
	};
	pc_gen *f = o->f;
	cJSON *g = o->g;
	pc_gen_bin b;
	char c[96];
	size_t i;

	for (i = 0; i < sizeof e / sizeof e[0]; i++) {
		b = pc__code(o, NOW);
		pc_gen_put(&b, e[i].at, e[i].v, e[i].len);
		snprintf(c, sizeof c, "container: %s", e[i].what);
		V("BadLayout", "provider", NOW, pc__t(o, &b), "DECLINE MALFORMED", c);
	}
}

/* Add one byte to the lengths of 61 and 63 (both short form online). */
static void pc__grow(pc_gen_bin *b)
{
	b->b[8]++;
	b->b[34]++;
}

static void pc__structure(pc__on *o)
{
	static const uint8_t tlv[] = { 0x9F, 0x36, 0x02, 0x00, 0x01 };
	pc_gen *f = o->f;
	cJSON *g = o->g;
	pc_gen_bin b = pc__code(o, NOW), m;
	uint8_t x = 0x81;

	m = b;
	m.n--;
	V("Truncated", "provider", NOW, pc__t(o, &m), "DECLINE MALFORMED", "last byte removed");
	V("Truncated", "terminal", NOW, pc__t(o, &m), "DECLINE MALFORMED",
	  "last byte removed, at a terminal: MALFORMED comes before ONLINE_REQUIRED");
	m = b;
	m.n -= 11;
	V("Truncated", "provider", NOW, pc__t(o, &m), "DECLINE MALFORMED", "the MAC TLV removed");
	m = b;
	pc_gen_insert(&m, m.n, "", 1);
	V("Extended", "provider", NOW, pc__t(o, &m), "DECLINE MALFORMED", "a zero byte appended");
	m = b;
	pc_gen_insert(&m, m.n, tlv, sizeof tlv);
	V("Extended", "provider", NOW, pc__t(o, &m), "DECLINE MALFORMED",
	  "a TLV (9F36 ATC) after the container");
	m = b;
	pc_gen_insert(&m, 8, &x, 1);
	V("BadBer", "provider", NOW, pc__t(o, &m), "DECLINE MALFORMED",
	  "length of 61 in long form: 81 5C (not minimal)");
	m = b;
	pc_gen_insert(&m, 34, &x, 1);
	m.b[8]++;
	V("BadBer", "provider", NOW, pc__t(o, &m), "DECLINE MALFORMED",
	  "length of 63 in long form: 81 42 (not minimal)");
	m = b;
	pc_gen_insert(&m, pc_gen_at(&m, PC_GEN_F_KEYID - 1), &x, 1);
	pc__grow(&m);
	V("BadBer", "provider", NOW, pc__t(o, &m), "DECLINE MALFORMED",
	  "length of DF02 in long form: 81 04 (not minimal)");
	m = b;
	m.b[8] = 0x80;
	pc_gen_insert(&m, m.n, "\0", 2);
	V("BadBer", "provider", NOW, pc__t(o, &m), "DECLINE MALFORMED",
	  "61 with indefinite length 80 and end-of-contents 00 00");
}

static void pc__layout(pc__on *o)
{
	static const uint8_t zero = 0;
	pc_gen *f = o->f;
	cJSON *g = o->g;
	pc_gen_bin b = pc__code(o, NOW), m;
	uint8_t tmp[7];
	size_t a = pc_gen_at(&b, 0);

	m = b;
	memcpy(tmp, m.b + a, 4);                /* DF01 01 xx, 4 bytes */
	memmove(m.b + a, m.b + a + 4, 7);       /* DF02 04 xxxxxxxx, 7 bytes */
	memcpy(m.b + a + 7, tmp, 4);
	V("BadLayout", "provider", NOW, pc__t(o, &m), "DECLINE MALFORMED",
	  "DF02 before DF01: well-formed BER, not the fixed order");
	m = b;
	m.b[pc_gen_at(&m, PC_GEN_F_KEYID - 1)] = 5;
	pc_gen_insert(&m, pc_gen_at(&m, PC_GEN_F_KEYID), &zero, 1);
	pc__grow(&m);
	V("BadLayout", "provider", NOW, pc__t(o, &m), "DECLINE MALFORMED",
	  "master key ID in 5 bytes (00 00000007), lengths adjusted: well-formed BER, not the layout");
	m = b;
	pc_gen_put(&m, pc_gen_at(&m, PC_GEN_F_TIME), 0x8000000000000000ull, 8);
	pc_gen_remac(&m, o->tok);
	V("BadLayout", "provider", NOW, pc__t(o, &m), "DECLINE MALFORMED",
	  "time 2^63 (MAC recomputed): times must be below 2^63");
	m = b;
	pc_gen_put(&m, pc_gen_at(&m, PC_GEN_F_SUITE), 2, 1);
	pc_gen_remac(&m, o->tok);
	V("WrongSuite", "provider", NOW, pc__t(o, &m), "DECLINE SUITE", "suite 2 with a valid MAC");
	m = b;
	pc_gen_put(&m, pc_gen_at(&m, PC_GEN_F_TIME), 0, 8);
	pc_gen_remac(&m, o->tok);
	V("Expired", "provider", NOW, pc__t(o, &m), "DECLINE EXPIRED", "time 0 with a valid MAC");
	V("", "provider", NOW, pc__t(o, &b), "APPROVE OK",
	  "the genuine code after its variants: a rejected code consumes nothing");
}

/* Text-level damage to a genuine code (136 characters, one '='). */
static void pc__base64(pc__on *o)
{
	pc_gen *f = o->f;
	cJSON *g = o->g;
	pc_gen_bin b = pc__code(o, NOW);
	char t[PC_GEN_TEXT + 8], c[PC_GEN_TEXT];
	size_t n = strlen(pc_gen_text(&b, c));
	const char *sym = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

	memcpy(t, c, n + 1);
	t[20] = '*';
	V("BadBase64", "provider", NOW, t, "DECLINE MALFORMED", "a '*' in place of a symbol");
	memcpy(t, c, n + 1);
	t[20] = '-';
	V("BadBase64", "provider", NOW, t, "DECLINE MALFORMED", "a URL-safe '-' in place of a symbol");
	snprintf(t, sizeof t, "%.76s\r\n%s", c, c + 76);
	V("BadBase64", "provider", NOW, t, "DECLINE MALFORMED", "a MIME line break after 76 characters");
	memcpy(t, c, n - 1);
	t[n - 1] = '\0';
	V("BadBase64", "provider", NOW, t, "DECLINE MALFORMED", "the padding '=' removed");
	snprintf(t, sizeof t, "%s====", c);
	V("BadBase64 Extended", "provider", NOW, t, "DECLINE MALFORMED", "a quantum of padding appended");
	memcpy(t, c, n + 1);
	t[n - 2] = sym[(strchr(sym, c[n - 2]) - sym) ^ 1];
	V("BadBase64", "provider", NOW, t, "DECLINE MALFORMED",
	  "a pad bit set in the last symbol before '=' (RFC 4648 3.5)");
	V("", "provider", NOW, c, "APPROVE OK", "the genuine code after its variants");
}

static void pc__window(pc__on *o)
{
	pc_gen *f = o->f;
	cJSON *g = o->g;
	pc_gen_bin b = pc__code(o, NOW);

	V("Expired", "provider", NOW + 91, pc__t(o, &b), "DECLINE EXPIRED",
	  "validated 91 s after g: beyond ttl + skew");
	V("NotYetValid", "provider", NOW - 31, pc__t(o, &b), "DECLINE NOT_YET_VALID",
	  "validated 31 s before g: beyond skew");
	V("EdgeOfWindow", "provider", NOW + 90, pc__t(o, &b), "APPROVE OK",
	  "validated exactly ttl + skew after g");
	b = pc__code(o, NOW);
	V("EdgeOfWindow", "provider", NOW - 30, pc__t(o, &b), "APPROVE OK",
	  "validated exactly skew before g");
}

static void pc__odd(pc__on *o)
{
	pc_gen *f = o->f;
	cJSON *g = o->g;
	char t[PC_GEN_TEXT];

	memset(t, 'A', 472);
	t[472] = '\0';
	V("Malformed", "provider", NOW, t, "DECLINE MALFORMED",
	  "472 characters: longer than any code, refused without decoding");
	V("Malformed", "provider", NOW, "", "DECLINE MALFORMED", "the empty string");
	V("Malformed", "provider", NOW,
	  "00020101021129300012D156000000000510A93FO3230Q5204411153031565802CN"
	  "5914BEST TRANSPORT6007BEIJING6304B618", "DECLINE MALFORMED",
	  "a merchant-presented EMV code is not a consumer code");
}

static cJSON *pc__group(pc_gen *f, const uint8_t *master7)
{
	const pc_gen_fix *fx = pc_gen_fixture();
	cJSON *g = pc_gen_group(f, "CodeValidate");
	pc_code_params p;

	pc_code_params_default(&p);
	pc_gen_params(g, &p);
	cJSON_AddArrayToObject(g, "roots");
	pc_gen_add_master(g, PC_GEN_MK, master7);
	pc_gen_add_master(g, PC_GEN_MK_OTHER, fx->master_other);
	cJSON_AddArrayToObject(g, "aliases");
	return g;
}

cJSON *pc_gen_online_file(void)
{
	const pc_gen_fix *fx = pc_gen_fixture();
	pc_gen f;
	pc__on o;
	pc_gen_bin b;

	pc_gen_init(&f);
	memset(&o, 0, sizeof o);
	o.f = &f;
	o.g = pc__group(&f, fx->master);
	f.bad |= pc_gen_wallet(&o.w, NULL, fx->master, PC_GEN_MK, PC_GEN_TOKEN1, PC_GEN_ALIAS1);
	pc_gen_token_key(fx->master, PC_GEN_MK, PC_GEN_TOKEN1, o.tok);
	pc__basic(&o);
	pc__fields(&o);
	pc__container(&o);
	pc__structure(&o);
	pc__layout(&o);
	pc__base64(&o);
	pc__window(&o);
	pc__odd(&o);
	o.g = pc__group(&f, fx->master_wrong);
	b = pc__code(&o, PC_GEN_NOW);
	pc_gen_case(&f, o.g, "WrongKey", "provider", PC_GEN_NOW, pc__t(&o, &b), "DECLINE CRYPTO",
		    "the provider's master key 7 is another key than the wallet's");
	return pc_gen_finish(&f, "PAYCODE-VALIDATE", "cpm_validate_schema.json", pc__header,
			     pc_gen_code_header);
}
