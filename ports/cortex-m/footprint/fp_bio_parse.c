/*
 * Footprint: the finger template parser, as a terminal reads an enrolled
 * or presented record: ISO/IEC 19794-2 (2005, 2011) or ANSI/INCITS 378
 * record detected and parsed strictly, then view 0 taken as a template.
 * Entry points: pc_bio_parse pc_bio_template_from_record
 */
#include <paycode/bio.h>

#include "fp.h"
#include "fp_data.h"

static pc_bio_record fp__r;
static pc_bio_template fp__t;

int main(void)
{
	pc_err err;

	fp_begin();
	err = pc_bio_parse(fp_bio_rec, sizeof fp_bio_rec, 0, &fp__r, NULL);
	if (err == PC_OK)
		err = pc_bio_template_from_record(&fp__r, 0, &fp__t);
	fp_end("bio-parse-iso2005", err == PC_OK && fp__t.count == fp_bio_a.count, 0, 0);

	fp_begin();
	err = pc_bio_parse(fp_bio_rec_ansi, sizeof fp_bio_rec_ansi, 0, &fp__r, NULL);
	if (err == PC_OK)
		err = pc_bio_template_from_record(&fp__r, 0, &fp__t);
	fp_end("bio-parse-ansi378", err == PC_OK && fp__t.count == fp_bio_c.count, 0, 0);
	pc_bio_record_wipe(&fp__r);
	pc_bio_template_wipe(&fp__t);
	return 0;
}
