/*
 * Seeded synthetic minutiae, for evaluating the matcher on more fingers
 * than the two development databases hold, with known ground truth
 * (biometrics reference §10; the model is documented in bio.h and
 * docs/BIOMETRICS.md). Integer arithmetic and SplitMix64 only, so a seed
 * gives the same templates on every platform. Never a basis for an FMR
 * claim: the calibration uses real impostor scores only.
 */
#include <string.h>

#include <paycode/bio.h>

#include "internal.h"

typedef struct rng {
	uint64_t s;
} rng;

/* SplitMix64 (Steele, Lea, Flood 2014). */
static uint64_t next64(rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* Uniform in [0, n) (n < 2^32; the bias of a 64-bit multiply-shift is
 * below 2^-32). */
static uint32_t below(rng *r, uint32_t n)
{
	return (uint32_t)(((next64(r) >> 32) * (uint64_t)n) >> 32);
}

/* Uniform in [-m, m]. */
static int32_t sym(rng *r, uint32_t m)
{
	return (int32_t)below(r, 2u * m + 1u) - (int32_t)m;
}

/* Approximately normal, mean 0, sigma `sigma` (Irwin-Hall: the sum of 12
 * uniforms on [0, 1) minus 6 has variance 1). */
static int32_t gauss(rng *r, uint32_t sigma)
{
	int64_t acc = 0;
	int i;

	for (i = 0; i < 12; i++)
		acc += (int64_t)below(r, 65536u);
	acc -= 6 * 65536;
	return (int32_t)((acc * (int64_t)sigma) / 65536);
}

/* degrees -> 1/256 turn (rounded, any sign) */
static int32_t deg256(int32_t d)
{
	return d >= 0 ? (d * 256 + 180) / 360 : -((-d * 256 + 180) / 360);
}

/* ---- master finger --------------------------------------------------------- */

#define MAX_SING 4

typedef struct master {
	int32_t w, h;
	uint8_t ncore, ndelta;
	int32_t cx[MAX_SING], cy[MAX_SING];   /* cores */
	int32_t dx[MAX_SING], dy[MAX_SING];   /* deltas */
	uint8_t theta0;                       /* 1/256 turn */
	uint16_t n;
	int16_t x[PC_BIO_MAX_MINUTIAE], y[PC_BIO_MAX_MINUTIAE];
	uint8_t a[PC_BIO_MAX_MINUTIAE], type[PC_BIO_MAX_MINUTIAE];
} master;

/* Ridge orientation (mod half a turn) at (x, y), in 1/256 turn: the
 * zero-pole model, half the sum of the core arguments minus the delta
 * arguments (image y down: arguments are taken with y flipped). */
static uint8_t field(const master *m, int32_t x, int32_t y)
{
	uint32_t acc = (uint32_t)m->theta0 << 9;
	size_t k;

	for (k = 0; k < m->ncore; k++)
		acc += pc__bio_atan2(m->cy[k] - y, x - m->cx[k]);
	for (k = 0; k < m->ndelta; k++)
		acc -= pc__bio_atan2(m->dy[k] - y, x - m->dx[k]);
	/* half of the sum (1/65536 turn, mod 2 turns) in 1/256 turn */
	return (uint8_t)(((acc & 0x1ffffu) + 256u) >> 9);
}

/* Singular points of a random pattern class: arch (a core and a delta far
 * below the finger), loop (left or right), or whorl. */
static void singularities(master *m, rng *r)
{
	int32_t w = m->w, h = m->h;
	uint32_t cls = below(r, 10);

	m->theta0 = (uint8_t)sym(r, 6);
	if (cls < 1) {                 /* arch: 10 % */
		m->ncore = m->ndelta = 1;
		m->cx[0] = w / 2 + sym(r, (uint32_t)w / 8);
		m->cy[0] = h / 3 + sym(r, (uint32_t)h / 10);
		m->dx[0] = m->cx[0] + sym(r, 20);
		m->dy[0] = m->cy[0] + 40 + (int32_t)below(r, 30);
		m->cy[0] += h; /* both far below: gentle arches */
		m->dy[0] += h;
	} else if (cls < 7) {          /* loop: 60 % */
		int32_t side = below(r, 2) ? 1 : -1;

		m->ncore = m->ndelta = 1;
		m->cx[0] = w / 2 + sym(r, (uint32_t)w / 8);
		m->cy[0] = h * 2 / 5 + sym(r, (uint32_t)h / 10);
		m->dx[0] = m->cx[0] + side * (w / 4 + (int32_t)below(r, (uint32_t)w / 6));
		m->dy[0] = m->cy[0] + h / 4 + (int32_t)below(r, (uint32_t)h / 8);
	} else {                       /* whorl: 30 % */
		m->ncore = m->ndelta = 2;
		m->cx[0] = w / 2 + sym(r, (uint32_t)w / 10);
		m->cy[0] = h * 2 / 5 + sym(r, (uint32_t)h / 12);
		m->cx[1] = m->cx[0] + sym(r, 15);
		m->cy[1] = m->cy[0] + 25 + (int32_t)below(r, 25);
		m->dx[0] = m->cx[0] - w / 4 - (int32_t)below(r, (uint32_t)w / 8);
		m->dy[0] = m->cy[0] + h / 4 + (int32_t)below(r, (uint32_t)h / 8);
		m->dx[1] = m->cx[0] + w / 4 + (int32_t)below(r, (uint32_t)w / 8);
		m->dy[1] = m->cy[0] + h / 4 + (int32_t)below(r, (uint32_t)h / 8);
	}
}

/* Inside the finger: an ellipse inscribed in w x h. */
static bool in_finger(const master *m, int32_t x, int32_t y)
{
	int64_t u = (int64_t)(2 * x - m->w) * m->h, v = (int64_t)(2 * y - m->h) * m->w;

	return u * u + v * v <= (int64_t)m->w * m->w * m->h * m->h;
}

static void make_master(const pc_bio_synth *p, uint32_t finger, master *m)
{
	rng r = { p->seed ^ ((uint64_t)finger * 0xd1b54a32d192ed03u) };
	uint32_t want, tries;
	int32_t x, y, ddx, ddy, sp2 = (int32_t)p->spacing * p->spacing;
	size_t k;

	memset(m, 0, sizeof *m);
	m->w = p->width;
	m->h = p->height;
	(void)next64(&r);
	singularities(m, &r);
	want = p->min_minutiae + below(&r, (uint32_t)(p->max_minutiae -
						      p->min_minutiae + 1u));
	for (tries = 0; m->n < want && tries < 40u * want; tries++) {
		x = (int32_t)below(&r, (uint32_t)m->w);
		y = (int32_t)below(&r, (uint32_t)m->h);
		if (!in_finger(m, x, y))
			continue;
		for (k = 0; k < m->n; k++) {
			ddx = m->x[k] - x;
			ddy = m->y[k] - y;
			if (ddx * ddx + ddy * ddy < sp2)
				break;
		}
		if (k < m->n)
			continue;
		m->x[m->n] = (int16_t)x;
		m->y[m->n] = (int16_t)y;
		/* along the ridge, in either sense */
		m->a[m->n] = (uint8_t)(field(m, x, y) + (below(&r, 2) ? 128u : 0u));
		m->type[m->n] = (uint8_t)(1u + below(&r, 2));
		m->n++;
	}
}

/* ---- impressions ------------------------------------------------------- */

typedef struct warp {
	int32_t cx, cy, hw, hh;     /* centre, half sizes */
	int32_t c[6];               /* plastic coefficients, pixels */
	int32_t cosr, sinr;         /* rotation, Q14 */
	int32_t tx, ty;             /* translation */
	int32_t ox, oy;             /* sensor window origin in master space */
} warp;

/* The impression position of master point (x, y), in 1/16 pixel: plastic
 * displacement (a quadratic field, largest at the finger's edge), then
 * rotation about the centre, translation, and the sensor window. */
static void apply(const warp *w, int32_t x, int32_t y, int32_t *ox,
		  int32_t *oy)
{
	int64_t u = ((int64_t)(x - w->cx) * 1024) / w->hw; /* Q10, ~[-1, 1] */
	int64_t v = ((int64_t)(y - w->cy) * 1024) / w->hh;
	/* c[] in 1/16 px; u, v in Q10: (c u v) >> 20 is in 1/16 px */
	int64_t px = ((int64_t)(x - w->cx) * 16) +
		     ((w->c[0] * u * u + w->c[1] * u * v + w->c[2] * v * v) >> 20);
	int64_t py = ((int64_t)(y - w->cy) * 16) +
		     ((w->c[3] * u * u + w->c[4] * u * v + w->c[5] * v * v) >> 20);
	int64_t rx = (px * w->cosr - py * w->sinr) >> 14;
	int64_t ry = (px * w->sinr + py * w->cosr) >> 14;

	*ox = (int32_t)(rx + ((int64_t)(w->cx + w->tx - w->ox) * 16));
	*oy = (int32_t)(ry + ((int64_t)(w->cy + w->ty - w->oy) * 16));
}

static void make_warp(const pc_bio_synth *p, const master *m, rng *r,
		      warp *w)
{
	size_t k;
	int32_t deg = sym(r, p->rotation);
	/* image y is down: a counter-clockwise turn on screen is negative
	 * in image coordinates */
	uint8_t a = (uint8_t)(-deg256(deg));

	w->cx = m->w / 2;
	w->cy = m->h / 2;
	w->hw = m->w / 2;
	w->hh = m->h / 2;
	for (k = 0; k < 6; k++) /* three terms per axis, |u|, |v| <= 1 */
		w->c[k] = sym(r, p->plastic * 16u / 3u);
	w->cosr = pc__bio_cos(a);
	w->sinr = pc__bio_sin(a);
	w->tx = sym(r, p->translation);
	w->ty = sym(r, p->translation);
	w->ox = (m->w - p->sensor_w) / 2;
	w->oy = (m->h - p->sensor_h) / 2;
}

/* The impression of master minutia k: position (pixels) and direction
 * (1/256 turn, image convention), the direction carried through the warp
 * by mapping a point 8 px ahead. */
static void map_minutia(const warp *w, int32_t x, int32_t y, uint8_t a,
			int32_t *ox, int32_t *oy, uint8_t *oa)
{
	int32_t fx, fy, hx, hy;

	apply(w, x, y, ox, oy);
	/* direction vector in image space: (cos, -sin) since y is down */
	apply(w, x + ((8 * pc__bio_cos(a)) >> 14), y - ((8 * pc__bio_sin(a)) >> 14),
	      &hx, &hy);
	fx = hx - *ox;
	fy = hy - *oy;
	*oa = (uint8_t)((pc__bio_atan2(-fy, fx) + 128u) >> 8);
	*ox = (*ox + 8) >> 4;
	*oy = (*oy + 8) >> 4;
}

static bool params_ok(const pc_bio_synth *p)
{
	return p->width > 0 && p->height > 0 && p->width <= 4000 &&
	       p->height <= 4000 && p->sensor_w > 0 && p->sensor_h > 0 &&
	       p->sensor_w <= 4000 && p->sensor_h <= 4000 &&
	       p->min_minutiae <= p->max_minutiae &&
	       p->max_minutiae <= PC_BIO_MAX_MINUTIAE && p->drop <= 100 &&
	       p->spurious <= 100 && p->type_flip <= 100 &&
	       p->rotation <= 180 && p->jitter_angle <= 180;
}

static void add_point(pc_bio_template *t, const pc_bio_synth *p, int32_t x,
		      int32_t y, uint8_t a, uint8_t type)
{
	pc_bio_point *q;

	if (x < 0 || y < 0 || x >= p->sensor_w || y >= p->sensor_h ||
	    t->count >= PC_BIO_MAX_MINUTIAE)
		return;
	q = &t->pt[t->count++];
	q->x = (int16_t)x;
	q->y = (int16_t)y;
	q->angle = (uint16_t)((unsigned)a << 8);
	q->type = type;
	q->quality = 0;
}

pc_err pc_bio_synth_impression(const pc_bio_synth *p, uint32_t finger,
			       uint32_t impression, pc_bio_template *t)
{
	static const uint64_t mix = 0xa0761d6478bd642fu;
	master m;
	warp w;
	rng r;
	size_t k, nspur;
	int32_t x, y;
	uint8_t a, type;

	if (p == NULL || t == NULL || !params_ok(p))
		return PC_ERR_INVALID_ARG;
	make_master(p, finger, &m);
	r.s = p->seed ^ ((uint64_t)finger * 0xd1b54a32d192ed03u) ^
	      ((uint64_t)(impression + 1u) * mix);
	(void)next64(&r);
	make_warp(p, &m, &r, &w);
	memset(t, 0, sizeof *t);
	t->width = p->sensor_w;
	t->height = p->sensor_h;
	t->xres = t->yres = 197;
	for (k = 0; k < m.n; k++) {
		map_minutia(&w, m.x[k], m.y[k], m.a[k], &x, &y, &a);
		x += gauss(&r, p->jitter_xy) / 10;
		y += gauss(&r, p->jitter_xy) / 10;
		a = (uint8_t)(a + deg256(gauss(&r, p->jitter_angle)));
		type = m.type[k];
		if (below(&r, 100) < p->type_flip)
			type = (uint8_t)(3u - type);
		if (below(&r, 100) < p->drop)
			continue;
		add_point(t, p, x, y, a, type);
	}
	nspur = ((size_t)t->count * p->spurious + below(&r, 100)) / 100;
	for (k = 0; k < nspur; k++) {
		x = (int32_t)below(&r, (uint32_t)m.w);
		y = (int32_t)below(&r, (uint32_t)m.h);
		if (!in_finger(&m, x, y))
			continue;
		a = (uint8_t)(field(&m, x, y) + (below(&r, 2) ? 128u : 0u));
		map_minutia(&w, x, y, a, &x, &y, &a);
		add_point(t, p, x, y, a, (uint8_t)(1u + below(&r, 2)));
	}
	pc_wipe(&m, sizeof m);
	return PC_OK;
}

void pc_bio_synth_default(pc_bio_synth *p, uint64_t seed)
{
	memset(p, 0, sizeof *p);
	p->seed = seed;
	p->width = 360;
	p->height = 480;
	p->sensor_w = 300;
	p->sensor_h = 400;
	p->min_minutiae = 35;
	p->max_minutiae = 70;
	p->spacing = 14;
	p->rotation = 30;
	p->translation = 40;
	p->plastic = 16;
	p->jitter_xy = 40;
	p->jitter_angle = 10;
	p->drop = 30;
	p->spurious = 15;
	p->type_flip = 10;
}
