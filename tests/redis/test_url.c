/*
 * redis:// URL parser (ports/redis/redis_url.c), table-driven: what each
 * good URL parses to, and that every bad one is refused with
 * PC_ERR_INVALID_ARG and leaves the output zeroed. Then pc_redis_open's
 * argument and option checks, which refuse before connecting. Needs no
 * server.
 */
#include "redis_store.h"
#include "rtest.h"

static const struct {
	const char *url, *host, *password;
	unsigned port, db;
} good[] = {
	{ "redis://localhost", "localhost", "", 6379, 0 },
	{ "redis://127.0.0.1:6390", "127.0.0.1", "", 6390, 0 },
	{ "redis://127.0.0.1:6390/3", "127.0.0.1", "", 6390, 3 },
	{ "redis://h/0", "h", "", 6379, 0 },
	{ "redis://a-b.c/65535", "a-b.c", "", 6379, 65535 },
	{ "redis://:s3cret@host:1/0", "host", "s3cret", 1, 0 },
	{ "redis://:p:a!ss~w=rd@redis.internal.example.com:65535/15",
	  "redis.internal.example.com", "p:a!ss~w=rd", 65535, 15 },
	{ "redis://[::1]:6380/2", "::1", "", 6380, 2 },
	{ "redis://:x@[2001:db8::7]", "2001:db8::7", "x", 6379, 0 },
	{ "redis://[::ffff:10.0.0.1]", "::ffff:10.0.0.1", "", 6379, 0 },
	{ NULL, NULL, NULL, 0, 0 },
};

static const char *const bad[] = {
	"", "redis://", "redis:/host", "redis:host", "REDIS://host", "Redis://host",
	"rediss://host", "unix:///tmp/redis.sock", "http://host", " redis://host",
	"redis://host:", "redis://host:0", "redis://host:65536", "redis://host:06379",
	"redis://host:+1", "redis://host:-1", "redis://host:12a", "redis://host:99999999999",
	"redis://host:6379:1", "redis://host/", "redis://host/-1", "redis://host/01",
	"redis://host/65536", "redis://host/1/2", "redis://host/1?x=1", "redis://host?db=1",
	"redis://host#f", "redis://host/1#f", "redis://user:pw@host", "redis://pw@host",
	"redis://:@host", "redis://:pw%40x@host", "redis://:pw@", "redis://:p w@host",
	"redis://:pw@host@x", "redis://:pw/x@host", "redis://-host", "redis://host-",
	"redis://a-.b", "redis://a.-b", "redis://a..b", "redis://.a", "redis://r1.",
	"redis:// host", "redis://host ", "redis://host\n", "redis://ho_st", "redis://hö",
	"redis://[::1", "redis://[zz::1]", "redis://[::1]x", "redis://[1]", "redis://[]",
	"redis://::1", "redis://[::1]:", "redis://:pw@:6379", "redis://:6379",
};

static void check_good(void)
{
	pc_redis_url u;
	size_t i;

	for (i = 0; good[i].url != NULL; i++) {
		bool ok = RT_EQ(pc_redis_url_parse(good[i].url, &u), PC_OK);

		if (!ok) {
			printf("  url %s\n", good[i].url);
			continue;
		}
		RT_CHECK(strcmp(u.host, good[i].host) == 0);
		RT_CHECK(strcmp(u.password, good[i].password) == 0);
		RT_EQ(u.port, good[i].port);
		RT_EQ(u.db, good[i].db);
	}
}

static bool all_zero(const void *p, size_t n)
{
	const unsigned char *b = (const unsigned char *)p;
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != 0)
			return false;
	return true;
}

static void check_bad(void)
{
	char longpw[200], longhost[300];
	pc_redis_url u;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memset(&u, 0xAA, sizeof u);
		if (!RT_EQ(pc_redis_url_parse(bad[i], &u), PC_ERR_INVALID_ARG))
			printf("  url \"%s\" accepted\n", bad[i]);
		RT_CHECK(all_zero(&u, sizeof u));
	}
	RT_EQ(pc_redis_url_parse(NULL, &u), PC_ERR_INVALID_ARG);
	RT_EQ(pc_redis_url_parse("redis://h", NULL), PC_ERR_INVALID_ARG);
	/* lengths: password 128 ok, 129 not; host 253 ok, 254 not */
	memset(longpw, 'p', sizeof longpw);
	snprintf(longpw, sizeof longpw, "redis://:%.*s@h", (int)PC_REDIS_PASSWORD_MAX,
		 "pppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp"
		 "pppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp");
	RT_EQ(pc_redis_url_parse(longpw, &u), PC_OK);
	snprintf(longpw, sizeof longpw, "redis://:q%.*s@h", (int)PC_REDIS_PASSWORD_MAX,
		 "pppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp"
		 "pppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp");
	RT_EQ(pc_redis_url_parse(longpw, &u), PC_ERR_INVALID_ARG);
	memcpy(longhost, "redis://", 8);
	memset(longhost + 8, 'h', PC_REDIS_HOST_MAX);
	longhost[8 + PC_REDIS_HOST_MAX] = '\0';
	RT_EQ(pc_redis_url_parse(longhost, &u), PC_OK);
	longhost[8 + PC_REDIS_HOST_MAX] = 'h';
	longhost[9 + PC_REDIS_HOST_MAX] = '\0';
	RT_EQ(pc_redis_url_parse(longhost, &u), PC_ERR_INVALID_ARG);
}

/* Refusals that happen before any connection attempt. */
static void check_open_args(void)
{
	static pc_redis r;
	pc_redis_opts o;
	pc_store st = { &r, NULL, NULL };
	const char *url = "redis://127.0.0.1:1";

	RT_EQ(pc_redis_open(&r, "rediss://127.0.0.1", NULL, &st), PC_ERR_INVALID_ARG);
	RT_CHECK(st.ctx == NULL && st.consume == NULL && st.add_within == NULL);
	RT_EQ(pc_redis_open(NULL, url, NULL, &st), PC_ERR_INVALID_ARG);
	RT_EQ(pc_redis_open(&r, url, NULL, NULL), PC_ERR_INVALID_ARG);
	RT_EQ(pc_redis_open(&r, NULL, NULL, &st), PC_ERR_INVALID_ARG);
	pc_redis_opts_default(&o);
	o.connect_timeout_ms = 0;
	RT_EQ(pc_redis_open(&r, url, &o, &st), PC_ERR_INVALID_ARG);
	pc_redis_opts_default(&o);
	o.command_timeout_ms = PC_REDIS_TIMEOUT_MAX_MS + 1;
	RT_EQ(pc_redis_open(&r, url, &o, &st), PC_ERR_INVALID_ARG);
	pc_redis_opts_default(&o);
	o.prefix = "bad prefix";
	RT_EQ(pc_redis_open(&r, url, &o, &st), PC_ERR_INVALID_ARG);
	o.prefix = "0123456789012345678901234567890123456789012345678901234567890123X";
	RT_EQ(pc_redis_open(&r, url, &o, &st), PC_ERR_INVALID_ARG);
	pc_redis_opts_default(&o);
	o.replay_grace_s = PC_REDIS_GRACE_MAX_S + 1;
	RT_EQ(pc_redis_open(&r, url, &o, &st), PC_ERR_INVALID_ARG);
	RT_CHECK(all_zero(&r, sizeof r)); /* a failed open leaves nothing */
	pc_redis_close(NULL);
	pc_redis_close(&r);
	RT_EQ(pc_redis_ping(&r), PC_ERR_INVALID_ARG); /* closed */
}

int main(void)
{
	check_good();
	check_bad();
	check_open_args();
	return rt_done("test_url");
}
