// SPDX-License-Identifier: GPL-2.0
/*
 * "did you mean" for a misspelt name: the one known name within a small
 * edit distance (a letter wrong, missing, extra, or two swapped). Two or
 * more close names: no hint, a guess between them would mislead.
 */
#include <stdio.h>
#include <string.h>
#include "model.h"

#define HINT_MAX 64

/* Optimal string alignment distance (Levenshtein + adjacent swaps). */
static int distance(const char *a, const char *b)
{
	int la = (int)strlen(a), lb = (int)strlen(b);
	static int d[HINT_MAX + 1][HINT_MAX + 1];

	if (la > HINT_MAX || lb > HINT_MAX)
		return HINT_MAX;
	for (int i = 0; i <= la; i++)
		d[i][0] = i;
	for (int j = 0; j <= lb; j++)
		d[0][j] = j;
	for (int i = 1; i <= la; i++)
		for (int j = 1; j <= lb; j++) {
			int c = a[i - 1] != b[j - 1];
			int v = MIN(MIN(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + c);

			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
				v = MIN(v, d[i - 2][j - 2] + 1);
			d[i][j] = v;
		}
	return d[la][lb];
}

const char *gen_close_name(const char *name, const char *const *known)
{
	const char *hit = NULL;
	int max = strlen(name) <= 4 ? 1 : 2;

	for (const char *const *k = known; *k; k++) {
		if (!strcmp(*k, name))
			return NULL;
		if (distance(name, *k) > max)
			continue;
		if (hit)
			return NULL;
		hit = *k;
	}
	return hit;
}

const char *gen_hint(char *buf, size_t len, const char *name, const char *const *known)
{
	const char *k = gen_close_name(name, known);

	if (!k)
		return "";
	snprintf(buf, len, "; did you mean '%s'?", k);
	return buf;
}
