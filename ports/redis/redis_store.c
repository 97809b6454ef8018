/*
 * Redis fleet store: open/close and the two pc_store operations (contract
 * in redis_store.h; reference semantics in core/memstore.c).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <paycode/ct.h>
#include "redis_conn.h"

/* add_within, atomically (a script runs alone in Redis). ARGV: amount,
 * limit, expiry in Unix ms. The counter is only ever written here, so it
 * is a decimal count; anything else is someone else's key: refuse it. A
 * new counter gets the expiry; an old one keeps the later of the two (GT).
 * Lua numbers are doubles: the C side bounds |amount|, |limit| by 2^51 so
 * the comparison is exact. */
static const char add_script[] =
	"local v = redis.call('GET', KEYS[1])\n"
	"local cur = 0\n"
	"if v then\n"
	"  if not string.match(v, '^%d+$') then\n"
	"    return redis.error_reply('paycode: counter is not a count')\n"
	"  end\n"
	"  cur = tonumber(v)\n"
	"end\n"
	"if tonumber(ARGV[1]) > tonumber(ARGV[2]) - cur then return {0, cur} end\n"
	"local new = redis.call('INCRBY', KEYS[1], ARGV[1])\n"
	"if v then\n"
	"  redis.call('PEXPIREAT', KEYS[1], ARGV[3], 'GT')\n"
	"else\n"
	"  redis.call('PEXPIREAT', KEYS[1], ARGV[3])\n"
	"end\n"
	"return {1, new}\n";

/* <prefix><ns>:<32 lowercase hex digits> and its NUL. */
#define KEY_CAP (PC_REDIS_PREFIX_MAX + 2u + 2u * PC_REPLAY_KEY_LEN + 1u)
/* A decimal int64 and its NUL. */
#define NUM_CAP 24u
/* Counters above this are not ours: the script's doubles are inexact. */
#define COUNT_MAX ((long long)1 << 53)

static void make_key(const pc_redis *r, char ns,
		     const uint8_t key[PC_REPLAY_KEY_LEN], char out[KEY_CAP])
{
	size_t n = strlen(r->prefix), i;

	memcpy(out, r->prefix, n);
	out[n++] = ns;
	out[n++] = ':';
	for (i = 0; i < PC_REPLAY_KEY_LEN; i++) {
		unsigned hi = key[i] >> 4, lo = key[i] & 15u;

		/* Table-free nibble to hex: '0'..'9' then 'a'..'f'. */
		out[n++] = (char)('0' + hi + (hi > 9u) * 39u);
		out[n++] = (char)('0' + lo + (lo > 9u) * 39u);
	}
	out[n] = '\0';
}

static void num(int64_t v, char out[NUM_CAP])
{
	(void)snprintf(out, NUM_CAP, "%" PRId64, v);
}

/* Expiry in Unix ms as the in-memory store keeps it: never before
 * now + 1 s, so a key given a past expiry is still remembered. */
static bool expiry_ms(pc_time expires, pc_time now, uint32_t grace, char out[NUM_CAP])
{
	if (now < 0 || now > PC_REDIS_TIME_MAX || expires > PC_REDIS_TIME_MAX)
		return false;
	if (expires <= now)
		expires = now + 1;
	num((expires + (pc_time)grace) * 1000, out);
	return true;
}

/* A fault: drop the connection so the next call starts on a fresh one. */
static pc_err fault(pc_redis *r, pc_err err)
{
	pc__redis_reset(r);
	return err;
}

/* ---- consume */

static pc_err judge_set(const redisReply *rep)
{
	if (rep->type == REDIS_REPLY_NIL)
		return PC_ERR_REPLAYED;
	return pc__redis_is_status(rep, "OK") ? PC_OK : PC_ERR_STORE_REPLY;
}

static pc_err redis_consume(void *ctx, const uint8_t key[PC_REPLAY_KEY_LEN],
			    pc_time expires, pc_time now)
{
	pc_redis *r = (pc_redis *)ctx;
	char k[KEY_CAP], ms[NUM_CAP];
	const char *argv[6] = { "SET", k, "1", "NX", "PXAT", ms };
	redisReply *rep;
	pc_err err;

	if (r == NULL || r->sha[0] == '\0' || key == NULL ||
	    !expiry_ms(expires, now, r->grace_s, ms))
		return PC_ERR_INVALID_ARG;
	make_key(r, 'r', key, k);
	rep = pc__redis_call(r, 6, argv, &err);
	if (rep == NULL)
		return err;
	err = judge_set(rep);
	freeReplyObject(rep);
	return err == PC_ERR_STORE_REPLY ? fault(r, err) : err;
}

/* ---- add_within */

static bool is_noscript(const redisReply *rep)
{
	return rep->type == REDIS_REPLY_ERROR && rep->len >= 8 &&
	       memcmp(rep->str, "NOSCRIPT", 8) == 0;
}

/* EVALSHA; when Redis lost its script cache (a restart), EVAL once, which
 * also caches the script again. NOSCRIPT means nothing ran. */
static redisReply *run_script(pc_redis *r, const char *k, const char *amount,
			      const char *limit, const char *ms, pc_err *err)
{
	const char *argv[7] = { "EVALSHA", r->sha, "1", k, amount, limit, ms };
	redisReply *rep = pc__redis_call(r, 7, argv, err);

	if (rep == NULL || !is_noscript(rep))
		return rep;
	freeReplyObject(rep);
	argv[0] = "EVAL";
	argv[1] = add_script;
	return pc__redis_call(r, 7, argv, err);
}

/* {1, new} or {0, current}, checked against what the script can return. */
static pc_err judge_add(const redisReply *rep, int64_t amount, int64_t limit,
			int64_t *total)
{
	long long ok, v;

	if (rep->type != REDIS_REPLY_ARRAY || rep->elements != 2 ||
	    rep->element[0]->type != REDIS_REPLY_INTEGER ||
	    rep->element[1]->type != REDIS_REPLY_INTEGER)
		return PC_ERR_STORE_REPLY;
	ok = rep->element[0]->integer;
	v = rep->element[1]->integer;
	if (v < 0 || v > COUNT_MAX)
		return PC_ERR_STORE_REPLY;
	*total = (int64_t)v;
	if (ok == 1 && v >= amount && v <= limit)
		return PC_OK;
	if (ok == 0 && amount > limit - v)
		return PC_ERR_LIMIT;
	return PC_ERR_STORE_REPLY;
}

static bool value_ok(int64_t amount, int64_t limit)
{
	return amount >= 0 && amount <= PC_REDIS_VALUE_MAX &&
	       limit >= -PC_REDIS_VALUE_MAX && limit <= PC_REDIS_VALUE_MAX;
}

static pc_err redis_add_within(void *ctx, const uint8_t key[PC_REPLAY_KEY_LEN],
			       int64_t amount, int64_t limit, pc_time expires,
			       pc_time now, int64_t *total)
{
	pc_redis *r = (pc_redis *)ctx;
	char k[KEY_CAP], a[NUM_CAP], l[NUM_CAP], ms[NUM_CAP];
	redisReply *rep;
	pc_err err;

	if (r == NULL || r->sha[0] == '\0' || key == NULL || total == NULL ||
	    !value_ok(amount, limit) || !expiry_ms(expires, now, 0, ms))
		return PC_ERR_INVALID_ARG;
	make_key(r, 'c', key, k);
	num(amount, a);
	num(limit, l);
	rep = run_script(r, k, a, l, ms, &err);
	if (rep == NULL)
		return err;
	err = judge_add(rep, amount, limit, total);
	freeReplyObject(rep);
	return err == PC_ERR_STORE_REPLY ? fault(r, err) : err;
}

/* ---- open, ping, close */

static pc_err load_script(pc_redis *r)
{
	const char *argv[3] = { "SCRIPT", "LOAD", add_script };
	size_t i;
	pc_err err;
	redisReply *rep = pc__redis_call(r, 3, argv, &err);

	if (rep == NULL)
		return err;
	err = rep->type == REDIS_REPLY_STRING && rep->len == 40 ? PC_OK :
	      PC_ERR_STORE_REPLY;
	for (i = 0; err == PC_OK && i < 40; i++)
		if (strchr("0123456789abcdef", rep->str[i]) == NULL)
			err = PC_ERR_STORE_REPLY;
	if (err == PC_OK)
		memcpy(r->sha, rep->str, 40);
	freeReplyObject(rep);
	return err == PC_OK ? PC_OK : fault(r, err);
}

static bool prefix_ok(const char *p)
{
	size_t n = strlen(p), i;

	for (i = 0; i < n; i++)
		if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			   "0123456789:._-", p[i]) == NULL)
			return false;
	return n <= PC_REDIS_PREFIX_MAX;
}

static bool timeout_ok(uint32_t ms)
{
	return ms >= 1u && ms <= PC_REDIS_TIMEOUT_MAX_MS;
}

static pc_err setup(pc_redis *r, const char *url, const pc_redis_opts *opts)
{
	pc_redis_opts o;

	pc_redis_opts_default(&o);
	if (opts != NULL)
		o = *opts;
	if (o.prefix == NULL)
		o.prefix = PC_REDIS_DEFAULT_PREFIX;
	if (!timeout_ok(o.connect_timeout_ms) || !timeout_ok(o.command_timeout_ms) ||
	    o.replay_grace_s > PC_REDIS_GRACE_MAX_S || !prefix_ok(o.prefix))
		return PC_ERR_INVALID_ARG;
	r->connect_ms = o.connect_timeout_ms;
	r->command_ms = o.command_timeout_ms;
	r->grace_s = o.replay_grace_s;
	memcpy(r->prefix, o.prefix, strlen(o.prefix) + 1u);
	return pc_redis_url_parse(url, &r->url);
}

void pc_redis_opts_default(pc_redis_opts *o)
{
	if (o == NULL)
		return;
	o->connect_timeout_ms = PC_REDIS_DEFAULT_TIMEOUT_MS;
	o->command_timeout_ms = PC_REDIS_DEFAULT_TIMEOUT_MS;
	o->prefix = PC_REDIS_DEFAULT_PREFIX;
	o->replay_grace_s = 0;
}

pc_err pc_redis_open(pc_redis *r, const char *url, const pc_redis_opts *opts,
		     pc_store *out)
{
	pc_err err;

	if (out != NULL)
		memset(out, 0, sizeof *out);
	if (r == NULL || out == NULL)
		return PC_ERR_INVALID_ARG;
	memset(r, 0, sizeof *r);
	err = setup(r, url, opts);
	if (err == PC_OK)
		err = pc__redis_connect(r);
	if (err == PC_OK)
		err = load_script(r);
	if (err != PC_OK) {
		pc_redis_close(r);
		return err;
	}
	out->ctx = r;
	out->consume = redis_consume;
	out->add_within = redis_add_within;
	return PC_OK;
}

pc_err pc_redis_ping(pc_redis *r)
{
	const char *argv[1] = { "PING" };
	redisReply *rep;
	pc_err err;

	if (r == NULL || r->sha[0] == '\0')
		return PC_ERR_INVALID_ARG;
	rep = pc__redis_call(r, 1, argv, &err);
	if (rep == NULL)
		return err;
	err = pc__redis_is_status(rep, "PONG") ? PC_OK : PC_ERR_STORE_REPLY;
	freeReplyObject(rep);
	return err == PC_OK ? PC_OK : fault(r, err);
}

uint64_t pc_redis_connects(const pc_redis *r)
{
	return r != NULL ? r->connects : 0;
}

void pc_redis_close(pc_redis *r)
{
	if (r == NULL)
		return;
	pc__redis_reset(r);
	pc_wipe(r, sizeof *r);
}
