/*
 * The <string.h> of a freestanding target without a C library (the
 * riscv-smoke build): the functions paycode calls, declared as C11 7.24
 * does. Compile-only: the firmware links its own implementations.
 */
#ifndef PAYCODE_FREESTANDING_STRING_H
#define PAYCODE_FREESTANDING_STRING_H

#include <stddef.h>

void *memchr(const void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memcpy(void *restrict d, const void *restrict s, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memset(void *s, int c, size_t n);
int strcmp(const char *a, const char *b);
size_t strcspn(const char *s, const char *reject);
size_t strlen(const char *s);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
size_t strnlen(const char *s, size_t n); /* POSIX.1-2008 */

#endif
