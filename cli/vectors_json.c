/*
 * Write a cJSON tree the way Python's json.dump(obj, f, indent=2,
 * ensure_ascii=False) does, so the files of the C generator look exactly
 * like those of tools/gen_vectors.py: two-space indent, ", " never, ": "
 * between key and value, "{}" and "[]" when empty, UTF-8 kept as is, and
 * integral numbers without a fraction.
 */
#include <inttypes.h>
#include <stdio.h>

#include "vectors.h"

static void pc__indent(FILE *f, int level)
{
	int i;

	for (i = 0; i < level; i++)
		fputs("  ", f);
}

/* Python's escaping with ensure_ascii=False: quote, backslash and the C0
 * controls; everything else, UTF-8 included, is written as is. */
static void pc__string(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', f);
	for (; *p != '\0'; p++) {
		switch (*p) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		case '\b': fputs("\\b", f); break;
		case '\f': fputs("\\f", f); break;
		default:
			if (*p < 0x20)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

static void pc__number(FILE *f, double d)
{
	if (d > -9007199254740992.0 && d < 9007199254740992.0 && (double)(int64_t)d == d)
		fprintf(f, "%" PRId64, (int64_t)d);
	else
		fprintf(f, "%.17g", d);
}

static void pc__value(FILE *f, const cJSON *v, int level);

static void pc__container(FILE *f, const cJSON *v, int level, int object)
{
	const cJSON *c = v->child;

	if (c == NULL) {
		fputs(object ? "{}" : "[]", f);
		return;
	}
	fputs(object ? "{\n" : "[\n", f);
	for (; c != NULL; c = c->next) {
		pc__indent(f, level + 1);
		if (object) {
			pc__string(f, c->string);
			fputs(": ", f);
		}
		pc__value(f, c, level + 1);
		fputs(c->next != NULL ? ",\n" : "\n", f);
	}
	pc__indent(f, level);
	fputc(object ? '}' : ']', f);
}

static void pc__value(FILE *f, const cJSON *v, int level)
{
	if (cJSON_IsObject(v))
		pc__container(f, v, level, 1);
	else if (cJSON_IsArray(v))
		pc__container(f, v, level, 0);
	else if (cJSON_IsString(v))
		pc__string(f, v->valuestring);
	else if (cJSON_IsNumber(v))
		pc__number(f, v->valuedouble);
	else if (cJSON_IsTrue(v))
		fputs("true", f);
	else if (cJSON_IsFalse(v))
		fputs("false", f);
	else
		fputs("null", f);
}

int pc_vec_write_json(const char *path, const cJSON *root)
{
	FILE *f = fopen(path, "w");
	int bad;

	if (f == NULL)
		return -1;
	pc__value(f, root, 0);
	fputc('\n', f);
	bad = ferror(f);
	return fclose(f) != 0 || bad ? -1 : 0;
}
