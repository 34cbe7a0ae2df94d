// SPDX-License-Identifier: GPL-2.0
/* The root shell's line editor (line_edit.h). */
#include "line_edit.h"

#define CTRL_C 0x03
#define CTRL_U 0x15

static void erase(struct line_edit *e, u32 n, void (*echo)(const char *s))
{
	for (; n && e->len; n--, e->len--)
		echo("\b \b");
}

bool line_edit_key(struct line_edit *e, char c, void (*echo)(const char *s))
{
	bool after_cr = e->cr;

	e->cr = c == '\r';
	if (c == '\n' && after_cr)
		return false; /* the LF of a CR LF */
	if (c == '\r' || c == '\n') {
		echo("\n");
		e->buf[e->len] = '\0';
		e->len = 0;
		return true;
	}
	if (c == 0x7f || c == '\b') {
		erase(e, 1, echo);
	} else if (c == CTRL_U) {
		erase(e, e->len, echo);
	} else if (c == CTRL_C) {
		echo("^C\n");
		e->len = 0;
	} else if (c >= 0x20 && c < 0x7f && e->len < LINE_EDIT_MAX - 1) {
		char s[2] = {c, '\0'};

		e->buf[e->len++] = c;
		echo(s);
	}
	return false;
}
