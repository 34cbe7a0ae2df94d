// SPDX-License-Identifier: GPL-2.0
/*
 * Diagnostics, one per line: "<file>:<line>: <node path>: <what is wrong>"
 * where the source map (srcmap.c) knows the node, else
 * "<dts file>: <node path>: <what is wrong>".
 */
#include <stdarg.h>
#include "model.h"

static bool prop_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == ',' || c == '-' || c == '_' || c == '#' || c == '.' || c == '+' || c == '?';
}

/*
 * The property a message is about, where the map has it: messages start
 * with the property's name ("memory 0x... overlaps", "devices: ...") or
 * its singular ("cpu /cpus/cpu@0 is already assigned"), or name it
 * ("unknown property 'x'", "unknown restart 'x'").
 */
static bool locate(const struct g_srcmap *m, const char *path, const char *msg, const char **file,
		   int *line)
{
	const char *w = msg, *q;
	size_t n = 0;
	char plural[64];

	if (!strncmp(w, "unknown property '", 18) && (q = strchr(w + 18, '\'')))
		return gen_srcmap_find(m, path, w + 18, (size_t)(q - w - 18), file, line) ||
		       gen_srcmap_find(m, path, NULL, 0, file, line);
	if (!strncmp(w, "unknown ", 8))
		w += 8;
	while (prop_char(w[n]))
		n++;
	if (n && (w[n] == ' ' || w[n] == ':' || w[n] == '\0')) {
		if (gen_srcmap_find(m, path, w, n, file, line))
			return true;
		if (n + 2 <= sizeof(plural)) {
			memcpy(plural, w, n);
			plural[n] = 's';
			if (gen_srcmap_find(m, path, plural, n + 1, file, line))
				return true;
		}
	}
	return gen_srcmap_find(m, path, NULL, 0, file, line);
}

static void report(struct g_sys *s, const char *kind, const char *path, const char *fmt, va_list ap)
{
	FILE *f = s->opt && s->opt->err ? s->opt->err : stderr;
	char msg[2048];
	const char *file;
	int line;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (s->opt && s->opt->srcmap && locate(s->opt->srcmap, path, msg, &file, &line))
		fprintf(f, "%s:%d: %s: %s%s\n", file, line, path, kind, msg);
	else
		fprintf(f, "%s: %s: %s%s\n", s->opt ? s->opt->dts_name : "system.dts", path, kind,
			msg);
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

	s->warnings++;
	if (s->opt && s->opt->quiet)
		return;
	va_start(ap, fmt);
	report(s, "warning: ", path, fmt, ap);
	va_end(ap);
}

bool ranges_overlap(struct g_range a, struct g_range b)
{
	if (!a.size || !b.size)
		return false;
	return a.base < b.base + b.size && b.base < a.base + a.size;
}
