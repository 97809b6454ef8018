/*
 * Minimal printf for the QEMU images: see out.h.
 */
#include <stdint.h>
#include <string.h>

#include "out.h"
#include "semihost.h"

typedef struct pc__fmt {
	char *buf;
	size_t cap, len;
} pc__fmt;

static void pc__put(pc__fmt *f, char c)
{
	if (f->len + 1 < f->cap)
		f->buf[f->len] = c;
	f->len++;
}

static void pc__pad(pc__fmt *f, char c, int n)
{
	while (n-- > 0)
		pc__put(f, c);
}

static void pc__str(pc__fmt *f, const char *s, size_t n, int width, int left)
{
	int pad = width > (int)n ? width - (int)n : 0;

	if (!left)
		pc__pad(f, ' ', pad);
	while (n-- > 0)
		pc__put(f, *s++);
	if (left)
		pc__pad(f, ' ', pad);
}

static void pc__num(pc__fmt *f, unsigned long long v, int neg, unsigned base,
		    int upper, int width, int left, int zero)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	size_t n = 0;

	do {
		tmp[sizeof tmp - 1 - n++] = digits[v % base];
		v /= base;
	} while (v != 0);
	if (neg)
		tmp[sizeof tmp - 1 - n++] = '-';
	if (zero && !left && width > (int)n) {
		if (neg)
			pc__put(f, '-');
		pc__pad(f, '0', width - (int)n);
		pc__str(f, tmp + sizeof tmp - n + (neg ? 1 : 0), n - (neg ? 1u : 0u), 0, 0);
		return;
	}
	pc__str(f, tmp + sizeof tmp - n, n, width, left);
}

size_t pc_vformat(char *buf, size_t cap, const char *fmt, va_list ap)
{
	pc__fmt f = { buf, cap, 0 };
	unsigned long long u;
	long long s;
	int width, left, zero, lng;
	const char *str;

	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%') {
			pc__put(&f, *fmt);
			continue;
		}
		left = zero = width = lng = 0;
		for (fmt++; *fmt == '-' || *fmt == '0'; fmt++) {
			if (*fmt == '-')
				left = 1;
			else
				zero = 1;
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		for (; *fmt == 'l' || *fmt == 'z'; fmt++)
			lng += *fmt == 'z' ? (int)(sizeof(size_t) > sizeof(int)) : 1;
		switch (*fmt) {
		case 'd':
			s = lng >= 2 ? va_arg(ap, long long) : lng ? va_arg(ap, long) : va_arg(ap, int);
			pc__num(&f, s < 0 ? 0ull - (unsigned long long)s : (unsigned long long)s,
				s < 0, 10, 0, width, left, zero);
			break;
		case 'u':
		case 'x':
		case 'X':
			u = lng >= 2 ? va_arg(ap, unsigned long long)
			    : lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
			pc__num(&f, u, 0, *fmt == 'u' ? 10u : 16u, *fmt == 'X', width, left, zero);
			break;
		case 'c':
			pc__put(&f, (char)va_arg(ap, int));
			break;
		case 's':
			str = va_arg(ap, const char *);
			str = str != NULL ? str : "(null)";
			pc__str(&f, str, strlen(str), width, left);
			break;
		case '\0':
			fmt--;
			break;
		default:
			pc__put(&f, *fmt);
			break;
		}
	}
	if (cap > 0)
		buf[f.len < cap ? f.len : cap - 1] = '\0';
	return f.len < cap ? f.len : cap - 1;
}

size_t pc_format(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = pc_vformat(buf, cap, fmt, ap);
	va_end(ap);
	return n;
}

void pc_vout(const char *fmt, va_list ap)
{
	char line[256];
	size_t n = pc_vformat(line, sizeof line, fmt, ap);

	pc_sh_write(line, n);
}

void pc_out(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pc_vout(fmt, ap);
	va_end(ap);
}
