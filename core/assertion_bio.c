/*
 * The link from a biometric decision (include/paycode/bio.h, SPEC §6.2)
 * to the statement a wallet signs in a user-verification assertion
 * (SPEC §6.4.3). Kept apart from the format code: it is the one place
 * where the decision gate's outcome becomes a claim, so that a reviewer
 * finds the rule (only a MATCH is stated, with the policy's FMR class and
 * the sensor's PAD result as they were) in one small function.
 */
#include <paycode/assertion.h>

#include "internal.h"

pc_err pc_assertion_input_from_bio(pc_assertion_input *in,
				   const pc_bio_decision *d, uint8_t method,
				   uint8_t location)
{
	if (in == NULL || d == NULL)
		return PC_ERR_INVALID_ARG;
	if (method != PC_UV_FINGERPRINT && method != PC_UV_FACE)
		return PC_ERR_INVALID_ARG;
	if (location != PC_UV_LOC_SE && location != PC_UV_LOC_TEE &&
	    location != PC_UV_LOC_APP)
		return PC_ERR_INVALID_ARG;
	if (d->outcome != PC_BIO_OUT_MATCH)
		return PC_ERR_BIO_POLICY;
	/* The FMR class a match proves is the policy's threshold (the
	 * gallery-adjusted one keeps the gallery decision at that FMR,
	 * SPEC §6.2.2), never the score, which would leak how close the
	 * finger came. */
	if (d->threshold == 0 || d->threshold > PC_ASSERT_ASSURANCE_MAX)
		return PC_ERR_INVALID_ARG;
	in->uv = (uint8_t)(in->uv | method);
	in->location = location;
	in->assurance = (uint16_t)d->threshold;
	in->pad = d->pad;
	return PC_OK;
}
