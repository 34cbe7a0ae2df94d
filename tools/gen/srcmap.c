// SPDX-License-Identifier: GPL-2.0
/*
 * Source positions of the system description: node path (and property) ->
 * file:line in the user's files, read from dtc's annotated output
 * (dtc -I dts -O dts -T -T of the preprocessed description; cpp's line
 * markers make dtc name the user's files, not the preprocessed one).
 *
 *   \t\tlabel: partition-a { / * x.dts:6:18-10:5 * /
 *   \t\t\tmemory = <...>; / * x.dts:7:4-8:17 * /
 *   \t\t}; / * ... * /
 *
 * A line that does not look like this is skipped: the map only improves
 * messages, and a message without a position is still a message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "model.h"

#define DEPTH 32

struct g_srcpos {
	char *path; /* node path */
	char *prop; /* NULL: the node itself */
	char *file;
	int line;
};

struct g_srcmap {
	struct g_srcpos *e;
	int n, cap;
};

static char *dup_str(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

/*
 * The first position of a "file:line:col-line:col, file:..." comment. The
 * preprocessed main file is named as the user named it; other files
 * relative to the current folder when they lie below it.
 */
static bool first_pos(const char *c, const char *main_path, const char *main_name, const char *cwd,
		      char **file, int *line)
{
	const char *end = strstr(c, ", ");
	size_t n = end ? (size_t)(end - c) : strlen(c), cl = strlen(cwd);

	for (size_t i = 0; i < n; i++) {
		size_t k = i + 1;

		if (c[i] != ':' || c[k] < '0' || c[k] > '9')
			continue;
		while (k < n && c[k] >= '0' && c[k] <= '9')
			k++;
		if (k >= n || c[k] != ':' || !i)
			continue;
		*line = atoi(c + i + 1);
		if (main_path && strlen(main_path) == i && !strncmp(c, main_path, i))
			*file = dup_str(main_name, strlen(main_name));
		else if (cl > 1 && i > cl + 1 && !strncmp(c, cwd, cl) && c[cl] == '/')
			*file = dup_str(c + cl + 1, i - cl - 1);
		else
			*file = dup_str(c, i);
		return *file != NULL;
	}
	return false;
}

static bool add(struct g_srcmap *m, const char *path, const char *prop, size_t plen, char *file,
		int line)
{
	if (m->n == m->cap) {
		int cap = m->cap ? 2 * m->cap : 256;
		struct g_srcpos *e = realloc(m->e, sizeof(*e) * (size_t)cap);

		if (!e)
			return false;
		m->e = e;
		m->cap = cap;
	}
	m->e[m->n] = (struct g_srcpos){dup_str(path, strlen(path)),
				       prop ? dup_str(prop, plen) : NULL, file, line};
	m->n++;
	return true;
}

/* Skips "label: " prefixes; returns the start of the name. */
static const char *skip_labels(const char *t)
{
	for (;;) {
		const char *sp = strchr(t, ' ');

		if (!sp || sp == t || sp[-1] != ':')
			return t;
		t = sp + 1;
	}
}

struct g_srcmap *gen_srcmap_read(const char *file, const char *main_path, const char *main_name)
{
	FILE *f = fopen(file, "r");
	struct g_srcmap *m;
	char path[G_PATH] = "", cwd[1024];
	size_t plen[DEPTH];
	int depth = 0;
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len;

	if (!f)
		return NULL;
	m = calloc(1, sizeof(*m));
	if (!getcwd(cwd, sizeof(cwd)))
		cwd[0] = '\0';
	while (m && (len = getline(&buf, &cap, f)) > 0) {
		char *c, *t = buf, *e, *pf;
		int line;

		while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
			buf[--len] = '\0';
		c = NULL;
		for (char *p = strstr(buf, " /* "); p; p = strstr(p + 1, " /* "))
			c = p;
		if (!c || len < 3 || strcmp(buf + len - 3, " */"))
			continue;
		buf[len - 3] = '\0';
		*c = '\0';
		c += 4;
		while (*t == '\t' || *t == ' ')
			t++;
		e = t + strlen(t);
		if (!strcmp(t, "};")) {
			if (depth > 0)
				path[plen[--depth]] = '\0';
			continue;
		}
		if (!first_pos(c, main_path, main_name, cwd, &pf, &line))
			continue;
		if (e - t >= 2 && !strcmp(e - 2, " {")) {
			const char *name = skip_labels(t);
			size_t at = strlen(path), nl = (size_t)(e - 2 - name);

			if (depth == DEPTH || at + nl + 2 >= sizeof(path)) {
				free(pf);
				break; /* deeper than any description: positions stop here */
			}
			plen[depth++] = at;
			if (!strcmp(name, "/ {") || (nl == 1 && name[0] == '/'))
				snprintf(path, sizeof(path), "/");
			else
				snprintf(path + at, sizeof(path) - at, "%s%.*s", at > 1 ? "/" : "",
					 (int)nl, name);
			if (!add(m, path, NULL, 0, pf, line))
				free(pf);
		} else if (depth > 0 && e > t && e[-1] == ';') {
			const char *name = skip_labels(t);

			if (!add(m, path, name, strcspn(name, " ;"), pf, line))
				free(pf);
		} else {
			free(pf);
		}
	}
	free(buf);
	fclose(f);
	return m;
}

void gen_srcmap_free(struct g_srcmap *m)
{
	if (!m)
		return;
	for (int i = 0; i < m->n; i++) {
		free(m->e[i].path);
		free(m->e[i].prop);
		free(m->e[i].file);
	}
	free(m->e);
	free(m);
}

bool gen_srcmap_find(const struct g_srcmap *m, const char *path, const char *prop, size_t plen,
		     const char **file, int *line)
{
	for (int i = 0; m && i < m->n; i++) {
		const struct g_srcpos *e = &m->e[i];

		if (strcmp(e->path, path))
			continue;
		if (prop ? !e->prop || strlen(e->prop) != plen || strncmp(e->prop, prop, plen)
			 : e->prop != NULL)
			continue;
		*file = e->file;
		*line = e->line;
		return true;
	}
	return false;
}
