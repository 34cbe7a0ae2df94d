// SPDX-License-Identifier: GPL-2.0
/* Diagnostics: "<dts file>: <node path>: <what is wrong>", one per line. */
#include <stdarg.h>
#include "model.h"

static void report(struct g_sys *s, const char *kind, const char *path, const char *fmt,
		   va_list ap)
{
	FILE *f = s->opt && s->opt->err ? s->opt->err : stderr;

	fprintf(f, "%s: %s: %s", s->opt ? s->opt->dts_name : "system.dts", path, kind);
	vfprintf(f, fmt, ap);
	fputc('\n', f);
}

void gen_error(struct g_sys *s, const char *path, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(s, "", path, fmt, ap);
	va_end(ap);
	s->errors++;
}

void gen_warn(struct g_sys *s, const char *path, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(s, "warning: ", path, fmt, ap);
	va_end(ap);
	s->warnings++;
}

bool ranges_overlap(struct g_range a, struct g_range b)
{
	if (!a.size || !b.size)
		return false;
	return a.base < b.base + b.size && b.base < a.base + a.size;
}
