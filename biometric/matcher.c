/*
 * paycode's reference minutiae matcher.
 *
 * Ideas learnt from MCC (Cappelli, Ferrara, Maltoni 2010: describe each
 * minutia by its neighbourhood in its own frame, so that local similarity
 * is invariant to rotation and translation, and consolidate local
 * similarities into a global score) and from SourceAFIS (Vazan: find root
 * pairs from local structure, then build a global pairing outward from the
 * root, with tolerances, and score the best pairing). The code is
 * paycode's own; it uses integer arithmetic only (bio_math.c), so scores
 * are identical on every platform, and no heap.
 *
 * Preparation (once per template):
 *   1. scale x and y to 197 px/cm (500 ppi) separately; negate y (y up);
 *   2. keep at most PC_BIO_MATCH_MAX minutiae (best quality first);
 *   3. sort by x (the global pairing searches an x window);
 *   4. for each minutia, its PC_BIO_NBR nearest neighbours within NBR_R
 *      pixels as (distance, direction of the neighbour's position relative
 *      to the minutia's direction, neighbour direction relative to it).
 *
 * Comparison:
 *   1. local similarity of every probe/reference minutia pair: greedy
 *      one-to-one matching of their neighbour lists within tolerances,
 *      each matched neighbour worth up to LS_UNIT less its errors; the
 *      best SEEDS pairs are kept;
 *   2. each seed pair fixes a rotation (the difference of the two
 *      directions) and a translation; the reference is mapped onto the
 *      probe, and every reference minutia is paired with the nearest free
 *      probe minutia within a distance tolerance that grows with the
 *      distance from the seed (elastic distortion, and the anisotropic
 *      scaling of resized images, grow with it) and within an angle
 *      tolerance; greedy by increasing error, one-to-one;
 *   3. the alignment with the most paired minutiae (ties: the larger sum
 *      of local similarities of the pairs) wins; the raw score grows with
 *      the square of the paired count relative to the minutiae each
 *      template has inside the common area;
 *   4. calib.c maps the raw score onto -10 log10(FMR).
 */
#include <string.h>

#include <paycode/bio.h>

#include "internal.h"

#define PREP_MAGIC 0x70634231u /* "pcB1" */

/* ---- parameters (pixels at 500 ppi; angles in 1/256 turn) ------------- */
#define NBR_R 120        /* neighbours farther than this are not described */
#define NBR_MIN 6        /* nearer ones (duplicates, noise) neither */
#define LS_TD 10         /* neighbour distance tolerance */
#define LS_TPHI 10       /* neighbour position-angle tolerance (14 deg) */
#define LS_TPSI 14       /* neighbour direction tolerance (20 deg) */
#define LS_UNIT 48       /* one perfectly matched neighbour */
#define SEEDS 16         /* alignments tried */
#define PT_D0 12         /* pairing distance tolerance at the seed */
#define PT_DK 10         /* ... plus distance / PT_DK */
#define PT_DMAX 30       /* ... at most */
#define PT_TA 20         /* pairing angle tolerance (28 deg) */
#define OV_MARGIN 16     /* common-area box margin */
#define M_BIAS 2
#define OV_MIN 12        /* overlap counts are at least this */

#define RES_STD 197u
#define MIN_MINUTIAE 3u

/* ---- preparation ---------------------------------------------------------- */

typedef struct prep_pt {
	int32_t x, y;
	uint8_t a, type, q;
} prep_pt;

static uint8_t adiff(uint8_t a, uint8_t b)
{
	uint8_t d = (uint8_t)(a - b);

	return d > 128u ? (uint8_t)(256u - d) : d;
}

/* Scale one coordinate to RES_STD px/cm, rounding. */
static int32_t scale(int32_t v, uint32_t res)
{
	if (res == 0 || res == RES_STD)
		return v;
	return (int32_t)(((int64_t)v * RES_STD + (int64_t)res / 2) /
			 (int64_t)res);
}

/* Indices of the kept minutiae: all, or the best PC_BIO_MATCH_MAX by
 * quality (stable), written to keep[] in template order. */
static size_t select_points(const pc_bio_template *t, uint8_t *keep)
{
	size_t i, n = 0;
	int q;

	if (t->count <= PC_BIO_MATCH_MAX) {
		for (i = 0; i < t->count; i++)
			keep[n++] = (uint8_t)i;
		return n;
	}
	for (q = 100; q >= 0 && n < PC_BIO_MATCH_MAX; q--)
		for (i = 0; i < t->count && n < PC_BIO_MATCH_MAX; i++)
			if (t->pt[i].quality == q)
				keep[n++] = (uint8_t)i;
	return n;
}

#define GRID_MIN_SHIFT 5  /* cells of at least 32 px: tolerances stay below */

/* Bucket the points into a grid of at most PC_BIO_GRID x PC_BIO_GRID
 * cells over their bounding box, and order them by cell (row-major), then
 * x, then y: the pairing looks up only the cells near a mapped point. */
static void grid_sort(pc_bio_prepared *p, prep_pt *pts, size_t n)
{
	int32_t x0 = INT32_MAX, y0 = INT32_MAX, x1 = INT32_MIN, y1 = INT32_MIN;
	uint8_t cell[PC_BIO_MATCH_MAX];
	size_t i, j, c;
	unsigned shift = GRID_MIN_SHIFT;
	prep_pt v;
	uint8_t vc;

	for (i = 0; i < n; i++) {
		if (pts[i].x < x0) x0 = pts[i].x;
		if (pts[i].x > x1) x1 = pts[i].x;
		if (pts[i].y < y0) y0 = pts[i].y;
		if (pts[i].y > y1) y1 = pts[i].y;
	}
	if (n == 0)
		x0 = x1 = y0 = y1 = 0;
	while (((x1 - x0) >> shift) >= (int32_t)PC_BIO_GRID ||
	       ((y1 - y0) >> shift) >= (int32_t)PC_BIO_GRID)
		shift++;
	p->gx0 = (int16_t)x0;
	p->gy0 = (int16_t)y0;
	p->gshift = (uint8_t)shift;
	p->gw = (uint8_t)(((x1 - x0) >> shift) + 1);
	p->gh = (uint8_t)(((y1 - y0) >> shift) + 1);
	for (i = 0; i < n; i++)
		cell[i] = (uint8_t)(((pts[i].y - y0) >> shift) * p->gw +
				    ((pts[i].x - x0) >> shift));
	for (i = 1; i < n; i++) { /* insertion sort: n <= 255, deterministic */
		v = pts[i];
		vc = cell[i];
		for (j = i; j > 0 && (cell[j - 1] > vc ||
				      (cell[j - 1] == vc &&
				       (pts[j - 1].x > v.x ||
					(pts[j - 1].x == v.x && pts[j - 1].y > v.y))));
		     j--) {
			pts[j] = pts[j - 1];
			cell[j] = cell[j - 1];
		}
		pts[j] = v;
		cell[j] = vc;
	}
	for (c = 0, i = 0; c <= (size_t)p->gw * p->gh; c++) {
		while (i < n && cell[i] < c)
			i++;
		p->cstart[c] = (uint8_t)i;
	}
}

#define OCC_SHIFT 4      /* occupancy cells of at least 16 px */
#define OCC_R 16         /* a minutia marks the cells within this radius */

/*
 * The occupancy map: for each cell, the 16 direction sectors (22.5 degrees
 * each, widened by one on each side) of the minutiae within OCC_R of it.
 * The rigid stage ranks seeds by how many mapped reference minutiae land
 * on a cell holding their direction: one load and one bit test each.
 */
static void occupancy(pc_bio_prepared *p)
{
	int32_t x0 = INT32_MAX, y0 = INT32_MAX, x1 = INT32_MIN, y1 = INT32_MIN;
	int32_t cx, cy, mx, my, dx, dy, half;
	unsigned shift = OCC_SHIFT, sec;
	uint16_t bits;
	size_t i;

	for (i = 0; i < p->n; i++) {
		if (p->x[i] < x0) x0 = p->x[i];
		if (p->x[i] > x1) x1 = p->x[i];
		if (p->y[i] < y0) y0 = p->y[i];
		if (p->y[i] > y1) y1 = p->y[i];
	}
	if (p->n == 0)
		x0 = x1 = y0 = y1 = 0;
	x0 -= OCC_R; y0 -= OCC_R; x1 += OCC_R; y1 += OCC_R;
	while (((x1 - x0) >> shift) >= (int32_t)PC_BIO_OCC ||
	       ((y1 - y0) >> shift) >= (int32_t)PC_BIO_OCC)
		shift++;
	p->ox0 = (int16_t)x0;
	p->oy0 = (int16_t)y0;
	p->oshift = (uint8_t)shift;
	p->ow = (uint8_t)(((x1 - x0) >> shift) + 1);
	p->oh = (uint8_t)(((y1 - y0) >> shift) + 1);
	half = 1 << (shift - 1);
	for (i = 0; i < p->n; i++) {
		sec = p->a[i] >> 4;
		bits = (uint16_t)(1u << sec | 1u << ((sec + 1u) & 15u) |
				  1u << ((sec + 15u) & 15u));
		for (cy = (p->y[i] - OCC_R - y0) >> shift;
		     cy <= (p->y[i] + OCC_R - y0) >> shift; cy++)
			for (cx = (p->x[i] - OCC_R - x0) >> shift;
			     cx <= (p->x[i] + OCC_R - x0) >> shift; cx++) {
				/* the cell's centre within OCC_R + half a cell */
				mx = x0 + cx * (1 << shift) + half; /* cx may be < 0 */
				my = y0 + cy * (1 << shift) + half;
				dx = mx - p->x[i];
				dy = my - p->y[i];
				if (dx * dx + dy * dy > (OCC_R + half) * (OCC_R + half))
					continue;
				p->occ[cy * p->ow + cx] |= bits;
			}
	}
}

/* The PC_BIO_NBR nearest neighbours of point i (ties: lower index). */
static void describe(pc_bio_prepared *p, size_t i)
{
	uint32_t best_d2[PC_BIO_NBR];
	uint8_t best_j[PC_BIO_NBR];
	size_t j, k, cnt = 0;
	uint32_t d2;
	int32_t dx, dy;

	for (j = 0; j < p->n; j++) {
		if (j == i)
			continue;
		dx = p->x[j] - p->x[i];
		dy = p->y[j] - p->y[i];
		d2 = (uint32_t)(dx * dx + dy * dy);
		if (d2 > (uint32_t)NBR_R * NBR_R || d2 < (uint32_t)NBR_MIN * NBR_MIN)
			continue;
		if (cnt == PC_BIO_NBR && d2 >= best_d2[cnt - 1])
			continue;
		k = cnt < PC_BIO_NBR ? cnt++ : cnt - 1;
		for (; k > 0 && best_d2[k - 1] > d2; k--) {
			best_d2[k] = best_d2[k - 1];
			best_j[k] = best_j[k - 1];
		}
		best_d2[k] = d2;
		best_j[k] = (uint8_t)j;
	}
	p->nn[i] = (uint8_t)cnt;
	for (k = 0; k < cnt; k++) {
		j = best_j[k];
		dx = p->x[j] - p->x[i];
		dy = p->y[j] - p->y[i];
		p->nd[i][k] = (uint8_t)pc__bio_isqrt(best_d2[k]);
		p->nphi[i][k] = (uint8_t)(((pc__bio_atan2(dy, dx) + 128u) >> 8) -
					  p->a[i]);
		p->npsi[i][k] = (uint8_t)(p->a[j] - p->a[i]);
	}
}

/* Ring of a neighbour distance: 0..3 (MASK_R1, MASK_R2, MASK_R3 bounds). */
#define MASK_R1 28
#define MASK_R2 50
#define MASK_R3 76
#define MASK_TD 6        /* distance within which the next ring is set too */
#define MASK_TA 5        /* angle (1/256 turn) within which ... sector too */
#define MASK_RMAX 110

/* Bits of (ring, sector) cells a neighbour sets: exact (*m) and widened by
 * the tolerances into the adjacent ring and sector (*w). Sectors are 16
 * units (22.5 degrees) wide. */
static void mask_bits(uint32_t d, uint8_t ang, uint64_t *m, uint64_t *w)
{
	static const uint32_t bound[3] = { MASK_R1, MASK_R2, MASK_R3 };
	unsigned ring = 0, rings[2], sec[2], nr = 1, ns = 1, r, k;
	unsigned s0 = ang >> 4, off = ang & 15u;

	while (ring < 3 && d >= bound[ring])
		ring++;
	rings[0] = ring;
	if (ring < 3 && d + MASK_TD >= bound[ring])
		rings[nr++] = ring + 1;
	else if (ring > 0 && d < bound[ring - 1] + MASK_TD)
		rings[nr++] = ring - 1;
	sec[0] = s0;
	if (off < MASK_TA)
		sec[ns++] = (s0 + 15u) & 15u;
	else if (off >= 16u - MASK_TA)
		sec[ns++] = (s0 + 1u) & 15u;
	*m |= (uint64_t)1 << (ring * 16u + s0);
	for (r = 0; r < nr; r++)
		for (k = 0; k < ns; k++)
			*w |= (uint64_t)1 << (rings[r] * 16u + sec[k]);
}

static void masks(pc_bio_prepared *p, size_t i)
{
	size_t j;
	int32_t dx, dy;
	uint32_t d2, d;
	uint8_t phi, psi;

	p->mphi[i] = p->mpsi[i] = p->dphi[i] = p->dpsi[i] = 0;
	for (j = 0; j < p->n; j++) {
		if (j == i)
			continue;
		dx = p->x[j] - p->x[i];
		dy = p->y[j] - p->y[i];
		d2 = (uint32_t)(dx * dx + dy * dy);
		if (d2 > (uint32_t)MASK_RMAX * MASK_RMAX ||
		    d2 < (uint32_t)NBR_MIN * NBR_MIN)
			continue;
		d = pc__bio_isqrt(d2);
		phi = (uint8_t)(((pc__bio_atan2(dy, dx) + 128u) >> 8) - p->a[i]);
		psi = (uint8_t)(p->a[j] - p->a[i]);
		mask_bits(d, phi, &p->mphi[i], &p->dphi[i]);
		mask_bits(d, psi, &p->mpsi[i], &p->dpsi[i]);
	}
}

pc_err pc_bio_prepare(const pc_bio_template *t, pc_bio_prepared *p)
{
	prep_pt pts[PC_BIO_MATCH_MAX];
	uint8_t keep[PC_BIO_MATCH_MAX];
	size_t i, n;

	if (t == NULL || p == NULL)
		return PC_ERR_INVALID_ARG;
	memset(p, 0, sizeof *p);
	if (t->xres > 4000 || t->yres > 4000 || t->count > PC_BIO_MAX_MINUTIAE)
		return PC_ERR_INVALID_ARG;
	n = select_points(t, keep);
	for (i = 0; i < n; i++) {
		const pc_bio_point *s = &t->pt[keep[i]];

		pts[i].x = scale(s->x, t->xres);
		pts[i].y = -scale(s->y, t->yres);
		/* 1/65536 turn to 1/256 turn, rounded */
		pts[i].a = (uint8_t)((s->angle + 128u) >> 8);
		pts[i].type = s->type;
		if (pts[i].x < -16384 || pts[i].x > 16383 ||
		    pts[i].y < -16384 || pts[i].y > 16383) {
			pc_wipe(pts, sizeof pts);
			return PC_ERR_INVALID_ARG;
		}
	}
	grid_sort(p, pts, n);
	p->n = (uint16_t)n;
	for (i = 0; i < n; i++) {
		p->x[i] = (int16_t)pts[i].x;
		p->y[i] = (int16_t)pts[i].y;
		p->a[i] = pts[i].a;
		p->type[i] = pts[i].type;
	}
	for (i = 0; i < n; i++) {
		describe(p, i);
		masks(p, i);
	}
	occupancy(p);
	p->magic = PREP_MAGIC;
	pc_wipe(pts, sizeof pts);
	return PC_OK;
}

void pc_bio_prepared_wipe(pc_bio_prepared *p)
{
	if (p != NULL)
		pc_wipe(p, sizeof *p);
}

/* ---- local similarity ------------------------------------------------------ */

/* Greedy one-to-one match of the neighbour lists of A's minutia i and B's
 * minutia j; both lists are sorted by distance. */
static uint32_t local_sim(const pc_bio_prepared *A, size_t i,
			  const pc_bio_prepared *B, size_t j)
{
	const uint8_t *ad = A->nd[i], *bd = B->nd[j];
	uint32_t used = 0, sum = 0;
	size_t p, q, lo = 0, nb = B->nn[j];
	int best, e, ed;

	for (p = 0; p < A->nn[i]; p++) {
		size_t bq = nb;

		while (lo < nb && bd[lo] + LS_TD < ad[p])
			lo++;
		best = LS_UNIT;
		for (q = lo; q < nb && bd[q] <= ad[p] + LS_TD; q++) {
			if (used & (1u << q))
				continue;
			ed = ad[p] > bd[q] ? ad[p] - bd[q] : bd[q] - ad[p];
			e = adiff(A->nphi[i][p], B->nphi[j][q]);
			if (e > LS_TPHI)
				continue;
			e = e * 16 / LS_TPHI;
			ed = adiff(A->npsi[i][p], B->npsi[j][q]);
			if (ed > LS_TPSI)
				continue;
			e += ed * 16 / LS_TPSI;
			ed = ad[p] > bd[q] ? ad[p] - bd[q] : bd[q] - ad[p];
			e += ed * 16 / LS_TD;
			if (e < best) {
				best = e;
				bq = q;
			}
		}
		if (bq < nb) {
			used |= 1u << bq;
			sum += (uint32_t)(LS_UNIT - best);
		}
	}
	return sum;
}

/* Per-nibble bit counts (0..4) of v: the first two steps of a SWAR
 * population count, so that several words can be summed before the
 * byte-folding steps. */
static uint64_t nibble_counts(uint64_t v)
{
	v = v - ((v >> 1) & 0x5555555555555555u);
	return (v & 0x3333333333333333u) + ((v >> 2) & 0x3333333333333333u);
}

/* Cheap local similarity: cells of one neighbourhood that the other's
 * widened cells cover, both ways, for positions and for directions (the
 * four population counts share their last steps). */
static uint32_t mask_sim(const pc_bio_prepared *A, size_t i,
			 const pc_bio_prepared *B, size_t j)
{
	uint64_t u = nibble_counts(A->dphi[i] & B->mphi[j]) +
		     nibble_counts(A->mphi[i] & B->dphi[j]);
	uint64_t v = nibble_counts(A->dpsi[i] & B->mpsi[j]) +
		     nibble_counts(A->mpsi[i] & B->dpsi[j]);

	/* nibbles <= 8: fold into bytes (<= 16 each), add, sum the bytes */
	u = (u & 0x0f0f0f0f0f0f0f0fu) + ((u >> 4) & 0x0f0f0f0f0f0f0f0fu);
	v = (v & 0x0f0f0f0f0f0f0f0fu) + ((v >> 4) & 0x0f0f0f0f0f0f0f0fu);
	return (uint32_t)(((u + v) * 0x0101010101010101u) >> 56);
}

typedef struct seed {
	uint32_t ls;
	uint8_t i, j;
} seed;

#define PRESEEDS 64      /* pairs kept by the cheap similarity */

/* Keep the cap best pairs, best first; ties keep the earlier pair. */
static size_t seed_add(seed *s, size_t n, size_t cap, uint32_t ls, size_t i,
		       size_t j)
{
	size_t k;

	if (ls == 0 || (n == cap && ls <= s[n - 1].ls))
		return n;
	k = n < cap ? n++ : n - 1;
	for (; k > 0 && s[k - 1].ls < ls; k--)
		s[k] = s[k - 1];
	s[k].ls = ls;
	s[k].i = (uint8_t)i;
	s[k].j = (uint8_t)j;
	return n;
}

/*
 * Pre-selection by the cheap similarity: each probe minutia's two best
 * reference minutiae (ties: the lower index), then the PRESEEDS best of
 * those by a histogram threshold (ties: probe order), so that no sorted
 * insertion runs per pair.
 */
#define ROW_BEST 2

static size_t preselect(const pc_bio_prepared *A, const pc_bio_prepared *B,
			seed *out)
{
	seed rows[ROW_BEST * PC_BIO_MATCH_MAX];
	uint16_t hist[257];
	size_t i, j, n = 0, k, above;
	uint32_t v, b0, b1, t;
	uint8_t j0, j1;

	memset(hist, 0, sizeof hist);
	for (i = 0; i < A->n; i++) {
		b0 = b1 = 0;
		j0 = j1 = 0;
		for (j = 0; j < B->n; j++) {
			v = mask_sim(A, i, B, j);
			if (v > b0) {
				b1 = b0; j1 = j0;
				b0 = v; j0 = (uint8_t)j;
			} else if (v > b1) {
				b1 = v; j1 = (uint8_t)j;
			}
		}
		if (b0 > 0) {
			rows[n].ls = b0; rows[n].i = (uint8_t)i; rows[n++].j = j0;
			hist[b0]++;
		}
		if (b1 > 0) {
			rows[n].ls = b1; rows[n].i = (uint8_t)i; rows[n++].j = j1;
			hist[b1]++;
		}
	}
	/* t: the lowest score such that fewer than PRESEEDS score above it */
	for (t = 256, above = 0; t > 0 && above + hist[t] < PRESEEDS; t--)
		above += hist[t];
	for (k = 0, j = 0; k < n && j < PRESEEDS; k++)
		if (rows[k].ls > t)
			out[j++] = rows[k];
	for (k = 0; k < n && j < PRESEEDS; k++)
		if (rows[k].ls == t)
			out[j++] = rows[k];
	return j;
}

/* ---- global pairing under one alignment ---------------------------------- */

#define COST_MAX 128u

typedef struct cand {
	uint16_t cost;
	uint8_t a, b;
} cand;

typedef struct pairing {
	uint32_t support;
	uint16_t matched;
	uint16_t ov_a, ov_b;
	uint8_t pa[PC_BIO_MATCH_MAX];  /* matched pairs: A index ... */
	uint8_t pb[PC_BIO_MATCH_MAX];  /* ... and B index */
} pairing;

/*
 * A transform of B onto A: t = o + M (p - c), M in Q14 (a rotation for a
 * seed, a fitted affine map after refinement); rot turns B's directions.
 * Tolerances grow with |p - c|.
 */
typedef struct xform {
	int32_t m11, m12, m21, m22;
	int32_t cx, cy, ox, oy;
	uint8_t rot;
	uint8_t d0, dk, dmax, ta;
} xform;

static void map_b(const xform *f, int32_t x, int32_t y, int32_t *tx,
		  int32_t *ty)
{
	int32_t dx = x - f->cx, dy = y - f->cy;

	*tx = f->ox + ((dx * f->m11 + dy * f->m12 + 8192) >> 14);
	*ty = f->oy + ((dx * f->m21 + dy * f->m22 + 8192) >> 14);
}

/* |(dx, dy)| within 7 %: max + 3/8 min (an octagon), no square root. */
static int32_t octo_len(int32_t dx, int32_t dy)
{
	int32_t ax = dx < 0 ? -dx : dx, ay = dy < 0 ? -dy : dy;

	return ax > ay ? ax + (3 * ay >> 3) : ay + (3 * ax >> 3);
}

/* The A point nearest (distance and angle cost) to a mapped B point within
 * tol, or -1: the rigid stage's quick, non-exclusive pairing. */
static int nearest_a(const pc_bio_prepared *A, int32_t tx, int32_t ty,
		     int32_t tol, uint8_t bdir, uint8_t ta)
{
	int32_t cx0 = (tx - tol - A->gx0) >> A->gshift;
	int32_t cx1 = (tx + tol - A->gx0) >> A->gshift;
	int32_t cy0 = (ty - tol - A->gy0) >> A->gshift;
	int32_t cy1 = (ty + tol - A->gy0) >> A->gshift;
	int32_t cy, dx, dy, best = -1;
	uint32_t d2, t2 = (uint32_t)(tol * tol), cost, best_cost = UINT32_MAX;
	size_t a, end;

	if (cx0 < 0) cx0 = 0;
	if (cy0 < 0) cy0 = 0;
	if (cx1 >= A->gw) cx1 = A->gw - 1;
	if (cy1 >= A->gh) cy1 = A->gh - 1;
	for (cy = cy0; cy <= cy1 && cx0 <= cx1; cy++) {
		a = A->cstart[cy * A->gw + cx0];
		end = A->cstart[cy * A->gw + cx1 + 1];
		for (; a < end; a++) {
			dx = A->x[a] - tx;
			dy = A->y[a] - ty;
			d2 = (uint32_t)(dx * dx + dy * dy);
			if (d2 > t2 || adiff(A->a[a], bdir) > ta)
				continue;
			cost = d2 * ta + adiff(A->a[a], bdir) * t2;
			if (cost < best_cost) {
				best_cost = cost;
				best = (int32_t)a;
			}
		}
	}
	return best;
}

/* (64 << 16) / (t * t): the distance cost scale for a tolerance t */
static const uint32_t inv_t2[64] = {
	0, 4194304, 1048576, 466033, 262144, 167772, 116508, 85598,
	65536, 51781, 41943, 34663, 29127, 24818, 21399, 18641,
	16384, 14513, 12945, 11618, 10485, 9510, 8665, 7928,
	7281, 6710, 6204, 5753, 5349, 4987, 4660, 4364,
	4096, 3851, 3628, 3423, 3236, 3063, 2904, 2757,
	2621, 2495, 2377, 2268, 2166, 2071, 1982, 1898,
	1820, 1746, 1677, 1612, 1551, 1493, 1438, 1386,
	1337, 1290, 1246, 1204, 1165, 1127, 1091, 1056,
};

/* Candidates of one mapped B point among A's grid cells within tol
 * (1 <= tol <= 63). */
static size_t cands_near(const pc_bio_prepared *A, int32_t tx, int32_t ty,
			 int32_t tol, uint8_t bdir, uint8_t ta, uint8_t b,
			 cand *c, size_t n, size_t cap)
{
	int32_t cx0 = (tx - tol - A->gx0) >> A->gshift;
	int32_t cx1 = (tx + tol - A->gx0) >> A->gshift;
	int32_t cy0 = (ty - tol - A->gy0) >> A->gshift;
	int32_t cy1 = (ty + tol - A->gy0) >> A->gshift;
	int32_t cy, dx, dy;
	uint32_t d2, ea, t2 = (uint32_t)(tol * tol);
	uint32_t inv_d = inv_t2[tol], inv_a = (64u << 16) / ta;
	size_t a, end;

	if (cx0 < 0) cx0 = 0;
	if (cy0 < 0) cy0 = 0;
	if (cx1 >= A->gw) cx1 = A->gw - 1;
	if (cy1 >= A->gh) cy1 = A->gh - 1;
	for (cy = cy0; cy <= cy1 && cx0 <= cx1; cy++) {
		a = A->cstart[cy * A->gw + cx0];
		end = A->cstart[cy * A->gw + cx1 + 1];
		for (; a < end; a++) {
			dx = A->x[a] - tx;
			dy = A->y[a] - ty;
			d2 = (uint32_t)(dx * dx + dy * dy);
			if (d2 > t2)
				continue;
			ea = adiff(A->a[a], bdir);
			if (ea > ta || n == cap)
				continue;
			/* cost: 0..64 for distance plus 0..64 for angle */
			c[n].cost = (uint16_t)((d2 * inv_d + ea * inv_a) >> 16);
			c[n].a = (uint8_t)a;
			c[n].b = b;
			n++;
		}
	}
	return n;
}

/* Candidate pairs (a, b) within tolerance, into c[0..cap). */
static size_t candidates(const pc_bio_prepared *A, const pc_bio_prepared *B,
			 const xform *f, int32_t *bx, int32_t *by, cand *c,
			 size_t cap)
{
	size_t b, n = 0;
	int32_t tol;

	for (b = 0; b < B->n; b++) {
		map_b(f, B->x[b], B->y[b], &bx[b], &by[b]);
		tol = f->d0 + octo_len(B->x[b] - f->cx, B->y[b] - f->cy) / f->dk;
		if (tol > f->dmax)
			tol = f->dmax;
		n = cands_near(A, bx[b], by[b], tol, (uint8_t)(B->a[b] + f->rot),
			       f->ta, (uint8_t)b, c, n, cap);
	}
	return n;
}

/* Stable counting sort of candidates by cost (0..COST_MAX) into out:
 * equal costs keep their order (b, then a ascending). */
static void sort_cands(const cand *c, size_t n, cand *out)
{
	uint16_t start[COST_MAX + 2];
	size_t k;

	memset(start, 0, sizeof start);
	for (k = 0; k < n; k++)
		start[c[k].cost + 1u]++;
	for (k = 1; k < COST_MAX + 2; k++)
		start[k] = (uint16_t)(start[k] + start[k - 1]);
	for (k = 0; k < n; k++)
		out[start[c[k].cost]++] = c[k];
}

/* Minutiae of A inside the box of mapped B and of mapped B inside the box
 * of A, both boxes widened by OV_MARGIN. */
static void overlap(const pc_bio_prepared *A, const pc_bio_prepared *B,
		    const int32_t *bx, const int32_t *by, pairing *pr)
{
	int32_t x0 = INT32_MAX, x1 = INT32_MIN, y0 = INT32_MAX, y1 = INT32_MIN;
	int32_t u0 = INT32_MAX, u1 = INT32_MIN, v0 = INT32_MAX, v1 = INT32_MIN;
	size_t k;

	for (k = 0; k < B->n; k++) {
		if (bx[k] < x0) x0 = bx[k];
		if (bx[k] > x1) x1 = bx[k];
		if (by[k] < y0) y0 = by[k];
		if (by[k] > y1) y1 = by[k];
	}
	for (k = 0; k < A->n; k++) {
		if (A->x[k] < u0) u0 = A->x[k];
		if (A->x[k] > u1) u1 = A->x[k];
		if (A->y[k] < v0) v0 = A->y[k];
		if (A->y[k] > v1) v1 = A->y[k];
	}
	pr->ov_a = pr->ov_b = 0;
	for (k = 0; k < A->n; k++)
		if (A->x[k] >= x0 - OV_MARGIN && A->x[k] <= x1 + OV_MARGIN &&
		    A->y[k] >= y0 - OV_MARGIN && A->y[k] <= y1 + OV_MARGIN)
			pr->ov_a++;
	for (k = 0; k < B->n; k++)
		if (bx[k] >= u0 - OV_MARGIN && bx[k] <= u1 + OV_MARGIN &&
		    by[k] >= v0 - OV_MARGIN && by[k] <= v1 + OV_MARGIN)
			pr->ov_b++;
}

#define CAND_CAP (4 * PC_BIO_MATCH_MAX)

static void pair_under(const pc_bio_prepared *A, const pc_bio_prepared *B,
		       const xform *f, pairing *pr)
{
	cand c[CAND_CAP], cs[CAND_CAP];
	int32_t bx[PC_BIO_MATCH_MAX], by[PC_BIO_MATCH_MAX];
	uint8_t used_a[PC_BIO_MATCH_MAX], used_b[PC_BIO_MATCH_MAX];
	size_t n, k;

	n = candidates(A, B, f, bx, by, c, CAND_CAP);
	sort_cands(c, n, cs);
	memset(used_a, 0, A->n);
	memset(used_b, 0, B->n);
	pr->matched = 0;
	for (k = 0; k < n; k++) {
		if (used_a[cs[k].a] || used_b[cs[k].b])
			continue;
		used_a[cs[k].a] = used_b[cs[k].b] = 1;
		pr->pa[pr->matched] = cs[k].a;
		pr->pb[pr->matched] = cs[k].b;
		pr->matched++;
	}
	overlap(A, B, bx, by, pr);
}

/* Quick pairing under a rigid seed transform: each B point with its
 * nearest A point (not one-to-one). Its count ranks the seeds; its pairs
 * feed the first affine fit. */
static void quick_pair(const pc_bio_prepared *A, const pc_bio_prepared *B,
		       const xform *f, pairing *pr)
{
	size_t b;
	int32_t tx, ty, tol;
	int a;

	pr->matched = 0;
	for (b = 0; b < B->n; b++) {
		map_b(f, B->x[b], B->y[b], &tx, &ty);
		tol = f->d0 + octo_len(B->x[b] - f->cx, B->y[b] - f->cy) / f->dk;
		if (tol > f->dmax)
			tol = f->dmax;
		a = nearest_a(A, tx, ty, tol, (uint8_t)(B->a[b] + f->rot), f->ta);
		if (a >= 0) {
			pr->pa[pr->matched] = (uint8_t)a;
			pr->pb[pr->matched] = (uint8_t)b;
			pr->matched++;
		}
	}
}

/* Rank of a rigid seed transform: mapped B minutiae that land on an
 * occupancy cell of A holding their direction sector. */
static uint32_t occ_count(const pc_bio_prepared *A, const pc_bio_prepared *B,
			  const xform *f)
{
	uint32_t n = 0;
	int32_t tx, ty, cx, cy;
	size_t b;

	for (b = 0; b < B->n; b++) {
		map_b(f, B->x[b], B->y[b], &tx, &ty);
		cx = (tx - A->ox0) >> A->oshift;
		cy = (ty - A->oy0) >> A->oshift;
		if (cx < 0 || cy < 0 || cx >= A->ow || cy >= A->oh)
			continue;
		n += (A->occ[cy * A->ow + cx] >>
		      (((uint8_t)(B->a[b] + f->rot)) >> 4)) & 1u;
	}
	return n;
}

/* The rigid transform of a seed pair. */
static void seed_xform(const pc_bio_prepared *A, const pc_bio_prepared *B,
		       const seed *s, xform *f)
{
	f->rot = (uint8_t)(A->a[s->i] - B->a[s->j]);
	f->m11 = f->m22 = pc__bio_cos(f->rot);
	f->m21 = pc__bio_sin(f->rot);
	f->m12 = -f->m21;
	f->cx = B->x[s->j];
	f->cy = B->y[s->j];
	f->ox = A->x[s->i];
	f->oy = A->y[s->i];
	f->d0 = PT_D0;
	f->dk = PT_DK;
	f->dmax = PT_DMAX;
	f->ta = PT_TA;
}

#define FIT_MIN 5        /* pairs needed to fit an affine map */
#define FIT_SMIN 11469   /* 0.7 in Q14 */
#define FIT_SMAX 22938   /* 1.4 in Q14 */
#define RF_D0 8
#define RF_DK 16
#define RF_DMAX 18
#define RF_TA 16
#define RF_ITER 2

/* Least-squares affine map of the paired B points onto their A points,
 * about the centroids; refused (false) when degenerate or when it scales
 * or shears beyond what skin and resizing do (0.7 .. 1.4). */
static bool fit_affine(const pc_bio_prepared *A, const pc_bio_prepared *B,
		       const pairing *pr, xform *f)
{
	int64_t sx = 0, sy = 0, su = 0, sv = 0, n = pr->matched;
	int64_t sxx = 0, sxy = 0, syy = 0, sxu = 0, syu = 0, sxv = 0, syv = 0;
	int64_t det, cx, cy, ox, oy, dx, dy, du, dv;
	size_t k;

	if (n < FIT_MIN)
		return false;
	for (k = 0; k < pr->matched; k++) {
		sx += B->x[pr->pb[k]];
		sy += B->y[pr->pb[k]];
		su += A->x[pr->pa[k]];
		sv += A->y[pr->pa[k]];
	}
	cx = sx / n; cy = sy / n; ox = su / n; oy = sv / n;
	for (k = 0; k < pr->matched; k++) {
		dx = B->x[pr->pb[k]] - cx;
		dy = B->y[pr->pb[k]] - cy;
		du = A->x[pr->pa[k]] - ox;
		dv = A->y[pr->pa[k]] - oy;
		sxx += dx * dx; sxy += dx * dy; syy += dy * dy;
		sxu += dx * du; syu += dy * du; sxv += dx * dv; syv += dy * dv;
	}
	det = sxx * syy - sxy * sxy;
	if (det <= 0 || det < (sxx + syy) * (sxx + syy) / 64)
		return false;
	f->m11 = (int32_t)(((sxu * syy - sxy * syu) * 16384) / det);
	f->m12 = (int32_t)(((sxx * syu - sxy * sxu) * 16384) / det);
	f->m21 = (int32_t)(((sxv * syy - sxy * syv) * 16384) / det);
	f->m22 = (int32_t)(((sxx * syv - sxy * sxv) * 16384) / det);
	if (f->m11 * f->m22 - f->m12 * f->m21 < 0)
		return false; /* a mirror */
	{
		int32_t l1 = octo_len(f->m11, f->m21), l2 = octo_len(f->m12, f->m22);

		if (l1 < FIT_SMIN || l1 > FIT_SMAX || l2 < FIT_SMIN ||
		    l2 > FIT_SMAX)
			return false;
	}
	f->cx = (int32_t)cx; f->cy = (int32_t)cy;
	f->ox = (int32_t)ox; f->oy = (int32_t)oy;
	/* the rotation part: direction of M's first column averaged with the
	 * second's turned back a quarter */
	f->rot = (uint8_t)((pc__bio_atan2(f->m21 - f->m12, f->m11 + f->m22) +
			    128u) >> 8);
	f->d0 = RF_D0;
	f->dk = RF_DK;
	f->dmax = RF_DMAX;
	f->ta = RF_TA;
	return true;
}

/* raw = 10000 * m^2 / (max(ovA, OV_MIN) * max(ovB, OV_MIN)) */
static uint32_t raw_score(const pairing *pr)
{
	uint32_t oa = pr->ov_a > OV_MIN ? pr->ov_a : OV_MIN;
	uint32_t ob = pr->ov_b > OV_MIN ? pr->ov_b : OV_MIN;
	uint32_t m = pr->matched;

	m = m > M_BIAS ? m - M_BIAS : 0;
	return 10000u * m * m / (oa * ob);
}

#define REFINE_TOP 4     /* seeds whose rigid pairing is refined */

/* Refine a rigid pairing: RF_ITER affine fits, each re-pairing with the
 * tighter RF_* tolerances; the best refined pairing replaces the rigid one
 * (whose loose tolerances pair impostor minutiae by chance too often to
 * be scored). Without a fit the rigid pairing stays. */
static uint32_t refine(const pc_bio_prepared *A, const pc_bio_prepared *B,
		       pairing *pr, xform *fout)
{
	pairing cur;
	xform f;
	uint32_t best = 0, r;
	unsigned it;

	for (it = 0; it < RF_ITER; it++) {
		if (!fit_affine(A, B, it == 0 ? pr : &cur, &f)) {
			if (it == 0) { /* too few pairs to fit: score the rigid pairing */
				pair_under(A, B, fout, pr);
				best = raw_score(pr);
			}
			break;
		}
		pair_under(A, B, &f, &cur);
		r = raw_score(&cur);
		if (it == 0 || r > best) {
			best = r;
			*pr = cur;
			*fout = f;
		}
	}
	return best;
}

typedef struct rigid_res {
	uint32_t raw;
	uint8_t k;
} rigid_res;

pc_err pc_bio_compare(const pc_bio_prepared *probe, const pc_bio_prepared *ref,
		      uint32_t *score, pc_bio_match_detail *detail)
{
	const pc_bio_prepared *A = probe, *B = ref;
	seed pre[PRESEEDS], s[SEEDS];
	pairing best, cur;
	xform bf, f;
	uint32_t best_raw = 0, r;
	rigid_res top[REFINE_TOP];
	size_t np = 0, ns = 0, nt = 0, i, j;

	if (A == NULL || B == NULL || score == NULL ||
	    A->magic != PREP_MAGIC || B->magic != PREP_MAGIC ||
	    A->n > PC_BIO_MATCH_MAX || B->n > PC_BIO_MATCH_MAX)
		return PC_ERR_INVALID_ARG;
	memset(&best, 0, sizeof best);
	memset(&bf, 0, sizeof bf);
	*score = 0;
	if (A->n >= MIN_MINUTIAE && B->n >= MIN_MINUTIAE)
		np = preselect(A, B, pre);
	for (i = 0; i < np; i++)
		ns = seed_add(s, ns, SEEDS, local_sim(A, pre[i].i, B, pre[i].j),
			      pre[i].i, pre[i].j);
	/* rigid pairing of every seed; the REFINE_TOP best (ties: the
	 * earlier seed) are refined and the best refined result wins */
	for (i = 0; i < ns; i++) {
		seed_xform(A, B, &s[i], &f);
		r = occ_count(A, B, &f);
		if (nt == REFINE_TOP && r <= top[nt - 1].raw)
			continue;
		j = nt < REFINE_TOP ? nt++ : nt - 1;
		for (; j > 0 && top[j - 1].raw < r; j--)
			top[j] = top[j - 1];
		top[j].raw = r;
		top[j].k = (uint8_t)i;
	}
	for (i = 0; i < nt; i++) {
		seed_xform(A, B, &s[top[i].k], &f);
		quick_pair(A, B, &f, &cur);
		r = refine(A, B, &cur, &f);
		if (i == 0 || r > best_raw) {
			best = cur;
			best_raw = r;
			bf = f;
		}
	}
	*score = pc__bio_calibrate(best_raw);
	if (detail != NULL) {
		memset(detail, 0, sizeof *detail);
		detail->raw = best_raw;
		detail->matched = best.matched;
		for (i = 0; i < best.matched; i++)
			detail->support += mask_sim(A, best.pa[i], B, best.pb[i]);
		detail->overlap_probe = best.ov_a;
		detail->overlap_ref = best.ov_b;
		detail->rotation = bf.rot;
		detail->dx = (int16_t)(bf.ox - bf.cx);
		detail->dy = (int16_t)(bf.oy - bf.cy);
	}
	return PC_OK;
}

/* ---- the reference matcher as a pc_bio_matcher --------------------------- */

static pc_err ref_prepare(void *ctx, const pc_bio_template *t, void *out,
			  size_t cap)
{
	(void)ctx;
	if (out == NULL)
		return PC_ERR_INVALID_ARG;
	if (cap < sizeof(pc_bio_prepared))
		return PC_ERR_BUFFER_TOO_SMALL;
	return pc_bio_prepare(t, (pc_bio_prepared *)out);
}

static pc_err ref_compare(void *ctx, const void *probe, const void *ref,
			  uint32_t *score)
{
	(void)ctx;
	return pc_bio_compare((const pc_bio_prepared *)probe,
			      (const pc_bio_prepared *)ref, score, NULL);
}

static const pc_bio_matcher reference = {
	PC_BIO_MATCHER_VERSION, "paycode-ref-1", NULL, sizeof(pc_bio_prepared),
	ref_prepare, ref_compare
};

const pc_bio_matcher *pc_bio_matcher_reference(void)
{
	return &reference;
}
