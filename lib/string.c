// SPDX-License-Identifier: GPL-2.0
/* Freestanding string functions (the hypervisor and partitions link no libc). */
#include <string.h>
#include <stdlib.h>
#include <stdint.h>

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	/*
	 * Word copies when both are aligned: images are copied with this, out of
	 * a FIT whose data is only 4-byte aligned. (-mstrict-align: no unaligned
	 * accesses, the MMU may still be off.)
	 */
	if ((((uintptr_t)d | (uintptr_t)s) & 7) == 0) {
		for (; n >= 16; d += 16, s += 16, n -= 16) {
			uint64_t a = ((const uint64_t *)(const void *)s)[0];
			uint64_t b = ((const uint64_t *)(const void *)s)[1];

			((uint64_t *)(void *)d)[0] = a;
			((uint64_t *)(void *)d)[1] = b;
		}
	} else if ((((uintptr_t)d | (uintptr_t)s) & 3) == 0) {
		/* 16 bytes a turn: two pair loads and two pair stores on arm64. */
		for (; n >= 16; d += 16, s += 16, n -= 16) {
			const uint32_t *w = (const uint32_t *)(const void *)s;
			uint32_t a = w[0], b = w[1], c = w[2], e = w[3];

			((uint32_t *)(void *)d)[0] = a;
			((uint32_t *)(void *)d)[1] = b;
			((uint32_t *)(void *)d)[2] = c;
			((uint32_t *)(void *)d)[3] = e;
		}
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d == s || n == 0)
		return dst;
	if (d < s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	if (c == 0 && ((uintptr_t)d & 7) == 0) {
		while (n >= 8) {
			*(uint64_t *)(void *)d = 0;
			d += 8;
			n -= 8;
		}
	}
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

unsigned long strtoul(const char *s, char **end, int base)
{
	unsigned long v = 0;

	if ((base == 0 || base == 16) && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		base = 16;
	} else if (base == 0) {
		base = 10;
	}
	for (;; s++) {
		int d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			break;
		if (d >= base)
			break;
		v = v * (unsigned long)base + (unsigned long)d;
	}
	if (end)
		*end = (char *)s;
	return v;
}
