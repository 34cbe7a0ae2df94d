/*
 * How a byte of a partition's console output appears on the operator's
 * terminal when that partition is not the one attached (design §2 lines,
 * the hypervisor's mux and the root's relay of console channels alike):
 * printable ASCII and tab as they are; every other byte (C0 controls such as
 * ESC, DEL, and bytes >= 0x80) as \xNN. A partition cannot clear the screen,
 * retitle the terminal or move the cursor, and an 8-bit C1 control (0x9b is
 * CSI for some terminals) or a broken UTF-8 sequence cannot either; the
 * price is that UTF-8 text shows escaped until the operator attaches.
 */
#ifndef BULKHEAD_CON_ESCAPE_H
#define BULKHEAD_CON_ESCAPE_H
#include <bulkhead/types.h>

#define CON_ESCAPE_MAX 4 /* characters one byte can become */

static inline bool con_plain(u8 c)
{
	return (c >= 0x20 && c < 0x7f) || c == '\t';
}

/* Writes c as the terminal may show it into out; returns the count (1 or 4). */
static inline u32 con_escape(u8 c, char out[CON_ESCAPE_MAX])
{
	static const char hex[] = "0123456789abcdef";

	if (con_plain(c)) {
		out[0] = (char)c;
		return 1;
	}
	out[0] = '\\';
	out[1] = 'x';
	out[2] = hex[c >> 4];
	out[3] = hex[c & 15];
	return 4;
}

#endif
