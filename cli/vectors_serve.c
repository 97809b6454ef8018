/*
 * paycode vectors serve: paycode as an implementation under the harness
 * protocol (vectors/README.md, "Testing another implementation").
 *
 * One JSON request per input line, one JSON answer per output line, in
 * order, until end of input:
 *   {"type":"group","algorithm":A,"group":{...}}  -> {"type":"group","ok":true}
 *     drops the previous group's state (replay store, validators) and
 *     sets up a fresh one ({"type":"group","ok":false,"fault":...} when
 *     the parameters do not set up);
 *   {"type":"test","tcId":N,"algorithm":A,"group":{...},"test":{...}}
 *     -> {"tcId":N, ...the algorithm's answer...}, answered with the state
 *     of the last group line, or {"tcId":N,"result":"unsupported"}.
 */
#include <stdlib.h>
#include <string.h>

#include "vectors.h"

struct srv {
	const pc_vec_alg *a;
	const char *alg;  /* points into group_req */
	cJSON *group_req; /* the last group request */
	void *state;
};

static void pc__srv_reset(struct srv *s)
{
	if (s->a != NULL && s->state != NULL)
		s->a->end(s->state);
	cJSON_Delete(s->group_req);
	memset(s, 0, sizeof *s);
}

/* A group paycode does not know is acknowledged; its tests are then
 * answered "unsupported". A known one that does not set up is a fault. */
static cJSON *pc__srv_group(struct srv *s, cJSON *req)
{
	const cJSON *g = cJSON_GetObjectItemCaseSensitive(req, "group");
	cJSON *ack = cJSON_CreateObject();
	char why[256] = "";

	pc__srv_reset(s);
	cJSON_AddStringToObject(ack, "type", "group");
	s->a = pc_vec_find(pc_vec_str(req, "algorithm"), pc_vec_str(g, "type"));
	if (s->a != NULL)
		s->state = s->a->begin(g, why, sizeof why);
	if (s->state == NULL) {
		cJSON_AddBoolToObject(ack, "ok", s->a == NULL);
		if (s->a != NULL)
			cJSON_AddStringToObject(ack, "fault", why);
		s->a = NULL;
		cJSON_Delete(req);
		return ack;
	}
	s->group_req = req; /* the state may point into it */
	s->alg = pc_vec_str(req, "algorithm");
	cJSON_AddTrueToObject(ack, "ok");
	return ack;
}

static cJSON *pc__srv_test(struct srv *s, const cJSON *req)
{
	const char *alg = pc_vec_str(req, "algorithm");
	const cJSON *test = cJSON_GetObjectItemCaseSensitive(req, "test");
	cJSON *ans;

	if (s->a == NULL || alg == NULL || strcmp(alg, s->alg) != 0 || !cJSON_IsObject(test))
		ans = pc_vec_unsupported();
	else
		ans = s->a->eval(s->state, cJSON_GetObjectItemCaseSensitive(s->group_req, "group"),
				 test);
	return ans;
}

/* {"tcId": id} followed by the members of ans (which is consumed). */
static cJSON *pc__with_id(const cJSON *id, cJSON *ans)
{
	cJSON *out = cJSON_CreateObject(), *c;

	cJSON_AddItemToObject(out, "tcId", cJSON_Duplicate(id, 1));
	while ((c = ans->child) != NULL)
		cJSON_AddItemToObject(out, c->string, cJSON_DetachItemViaPointer(ans, c));
	cJSON_Delete(ans);
	return out;
}

/* The answer to one line; takes req. */
static cJSON *pc__srv_line(struct srv *s, cJSON *req)
{
	const char *type = pc_vec_str(req, "type");
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(req, "tcId");
	cJSON *ans;

	if (type != NULL && strcmp(type, "group") == 0)
		return pc__srv_group(s, req);
	if (type != NULL && strcmp(type, "test") == 0) {
		ans = pc__srv_test(s, req);
	} else {
		ans = cJSON_CreateObject();
		cJSON_AddStringToObject(ans, "fault", req == NULL ? "request is not JSON" :
					"unknown request type");
	}
	if (id != NULL)
		ans = pc__with_id(id, ans);
	cJSON_Delete(req);
	return ans;
}

int pc_vec_serve(FILE *in, FILE *out)
{
	struct srv s;
	char *line = NULL, *text;
	size_t cap = 0;
	ssize_t n;
	cJSON *ans;

	memset(&s, 0, sizeof s);
	while ((n = getline(&line, &cap, in)) > 0) {
		ans = pc__srv_line(&s, cJSON_ParseWithLength(line, (size_t)n));
		text = cJSON_PrintUnformatted(ans);
		cJSON_Delete(ans);
		if (text == NULL || fprintf(out, "%s\n", text) < 0 || fflush(out) != 0) {
			free(text);
			break;
		}
		free(text);
	}
	free(line);
	pc__srv_reset(&s);
	return ferror(out) ? 1 : 0;
}
