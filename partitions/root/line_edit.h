/*
 * The root shell's line editor: what a typed byte does to the command line
 * and what is echoed for it. Pure (no I/O), so that the host tests run it.
 */
#ifndef LINE_EDIT_H
#define LINE_EDIT_H
#include <bulkhead/types.h>

#define LINE_EDIT_MAX 256 /* command bytes, NUL included ("send <child> <line>") */

struct line_edit {
	char buf[LINE_EDIT_MAX];
	u32 len;
	bool cr; /* the last byte was CR: a LF right after it ends no second line */
};

/*
 * Takes byte c: printable ASCII is added and echoed; Backspace or DEL erases
 * the last character ("\b \b"); Ctrl-U erases the line; Ctrl-C drops it
 * ("^C"); CR or LF ends it (buf is then NUL-terminated, true is returned).
 * Anything else, and characters beyond the line's room, are ignored.
 * echo gets the bytes to show.
 */
bool line_edit_key(struct line_edit *e, char c, void (*echo)(const char *s));

#endif
