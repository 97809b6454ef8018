/*
 * HOTP (RFC 4226) and token key derivation (SPEC §4.2).
 */
#include <paycode/code.h>
#include <paycode/crypto.h>

#include "internal.h"

static const uint32_t pc__pow10[] = {
	1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u, 10000000u,
	100000000u, 1000000000u
};

/* bin mod d by binary long division with masks: 32 rounds whatever the
 * value, unlike a hardware divide (d <= 10^9, so r < 2d < 2^31). */
static uint32_t pc__ct_mod(uint32_t bin, uint32_t d)
{
	uint64_t r = 0;
	int i;

	for (i = 31; i >= 0; i--) {
		uint64_t ge;

		r = (r << 1) | ((bin >> i) & 1u);
		ge = ((r - d) >> 63) ^ 1u; /* 1 when r >= d */
		r -= d & (0u - ge);
	}
	return (uint32_t)r;
}

pc_err pc_hotp(pc_otp_alg alg, const uint8_t *key, size_t klen,
	       uint64_t counter, unsigned digits, uint32_t *otp)
{
	uint8_t msg[8], mac[32];
	size_t maclen, off;
	uint32_t bin;
	pc_err err;
	unsigned i;

	if (key == NULL || otp == NULL || digits < 6 || digits > 9)
		return PC_ERR_INVALID_ARG;
	for (i = 0; i < 8; i++)
		msg[i] = (uint8_t)(counter >> (56 - 8 * i));
	if (alg == PC_OTP_SHA1) {
		err = pc_hmac_sha1(key, klen, msg, sizeof msg, mac);
		maclen = 20;
	} else if (alg == PC_OTP_SHA256) {
		err = pc_hmac_sha256(key, klen, msg, sizeof msg, mac);
		maclen = 32;
	} else {
		return PC_ERR_INVALID_ARG;
	}
	if (err != PC_OK)
		goto out_wipe;
	/* RFC 4226 §5.3: the low nibble of the last byte picks the offset.
	 * The index depends on the MAC, which is secret; the 16 possible
	 * offsets are read in full and selected with masks instead. */
	off = mac[maclen - 1] & 0x0Fu;
	bin = 0;
	for (i = 0; i < 16; i++) {
		uint32_t word = (uint32_t)(mac[i] & 0x7Fu) << 24 |
				(uint32_t)mac[i + 1] << 16 |
				(uint32_t)mac[i + 2] << 8 | mac[i + 3];
		uint32_t eq = (uint32_t)(((uint32_t)(i ^ off) - 1u) >> 31);

		bin |= pc_ct_select(eq, word, 0);
	}
	*otp = pc__ct_mod(bin, pc__pow10[digits]);
	pc_wipe(&bin, sizeof bin);
out_wipe:
	pc_wipe(mac, sizeof mac);
	return err;
}

pc_err pc_token_key(const uint8_t master[PC_KEY_LEN], uint32_t master_key_id,
		    uint64_t token_id, uint8_t out[PC_KEY_LEN])
{
	static const char salt[] = "paycode/v1/token-key";
	uint8_t info[12];
	unsigned i;

	if (master == NULL || out == NULL)
		return PC_ERR_INVALID_ARG;
	for (i = 0; i < 4; i++)
		info[i] = (uint8_t)(master_key_id >> (24 - 8 * i));
	for (i = 0; i < 8; i++)
		info[4 + i] = (uint8_t)(token_id >> (56 - 8 * i));
	return pc_hkdf_sha256(salt, sizeof salt - 1, master, PC_KEY_LEN, info,
			      sizeof info, out, PC_KEY_LEN);
}
