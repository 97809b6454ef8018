/*
 * Minimal formatted output to semihosting stdout, without newlib's stdio
 * (which needs the heap). Conversions: %s %c %d %u %x %X %%, with the
 * l, ll and z length modifiers, a field width, '-' and '0' flags.
 */
#ifndef PAYCODE_MPS2_OUT_H
#define PAYCODE_MPS2_OUT_H

#include <stdarg.h>
#include <stddef.h>

void pc_out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void pc_vout(const char *fmt, va_list ap);
/* Format into buf (always NUL-terminated when cap > 0); returns the length
 * written. */
size_t pc_format(char *buf, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
size_t pc_vformat(char *buf, size_t cap, const char *fmt, va_list ap);

#endif
