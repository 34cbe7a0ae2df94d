// SPDX-License-Identifier: GPL-2.0
/* The runtime calls of the root's drivers, for their unit tests (root_stubs.h). */
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <bulkhead/fmt.h>
#include "part.h"
#include "root_stubs.h"

char console[4096];
u64 now;

int printf(const char *fmt, ...)
{
	va_list ap;
	size_t n = strlen(console);
	int r;

	va_start(ap, fmt);
	r = bh_vsnprintf(console + n, sizeof(console) - n, fmt, ap);
	va_end(ap);
	return r;
}

u64 timer_now(void)
{
	return now += 10;
}

u64 timer_freq(void)
{
	return 1000000;
}
