// SPDX-License-Identifier: GPL-2.0
/*
 * Console multiplexer (design §2). Every partition's output is buffered per
 * line so that lines of different partitions never mix. A partial line (a
 * prompt has no newline) goes out when its partition waits for input
 * (console_part_flush); if another line must go out in the middle of it, the
 * partial line is ended first and continued later under a fresh prefix.
 *
 * Partition bytes are hostile: only the partition that has the input (the
 * one the operator attached to) reaches the terminal raw, so that a shell's
 * line editing works there; everyone else's control bytes are shown escaped
 * (include/bulkhead/con_escape.h) when their line goes out.
 */
#include <bulkhead/con_escape.h>
#include <bulkhead/fmt.h>
#include <asm/spinlock.h>
#include "bench.h"
#include "console.h"

#ifndef CONFIG_MAX_PARTITIONS
#define CONFIG_MAX_PARTITIONS 8
#endif
#ifndef CONFIG_CONSOLE_ESCAPE_CHAR
#define CONFIG_CONSOLE_ESCAPE_CHAR 0x1d
#endif

struct con_line {
	char buf[CONSOLE_LINE_MAX];
	u32 len;
};

static struct con_line lines[CONFIG_MAX_PARTITIONS];
static struct con_line hv_line;
static const struct console_ops *ops;
static int nr_parts;
static int focus = -1;
static int wire_owner = CONSOLE_HV - 1; /* whose partial line is on the wire; none */
static bool esc_pending;
/* Input nobody reads: reported once per run of the partition. */
static bool reads[CONFIG_MAX_PARTITIONS], told_unread[CONFIG_MAX_PARTITIONS];
static u32 unread[CONFIG_MAX_PARTITIONS];
static spinlock_t lock = SPINLOCK_INIT;

#define NO_OWNER (CONSOLE_HV - 1)

void console_setup(const struct console_ops *o, int n, int f)
{
	ops = o;
	nr_parts = n;
	focus = f;
	wire_owner = NO_OWNER;
	esc_pending = false;
	for (int i = 0; i < CONFIG_MAX_PARTITIONS; i++) {
		lines[i].len = 0;
		reads[i] = told_unread[i] = false;
		unread[i] = 0;
	}
	hv_line.len = 0;
}

static void wire_puts(const char *s)
{
	while (*s)
		ops->putc(*s++);
}

static const char *who(int part)
{
	const char *n = part == CONSOLE_HV ? "bulkhead" : ops->name(part);

	return n ? n : "?";
}

static void wire_prefix(int part)
{
	ops->putc('[');
	wire_puts(who(part));
	wire_puts("] ");
}

/* Ends someone else's partial line before a complete line goes out. */
static void wire_take(int part)
{
	if (wire_owner != NO_OWNER && wire_owner != part)
		ops->putc('\n');
	if (wire_owner != part)
		wire_owner = NO_OWNER;
}

/* The hypervisor's own lines and the attached partition's go out as they are. */
static bool raw(int part)
{
	return part == CONSOLE_HV || part == focus;
}

/* Puts a buffered (partial) line on the wire, prefixed unless it continues one. */
static void write_buffered(int part, struct con_line *l)
{
	bool r = raw(part);
	char e[CON_ESCAPE_MAX];

	wire_take(part);
	if (wire_owner != part)
		wire_prefix(part);
	for (u32 i = 0; i < l->len; i++) {
		u32 n = r ? 0 : con_escape((u8)l->buf[i], e);

		if (r)
			ops->putc(l->buf[i]);
		for (u32 k = 0; k < n; k++)
			ops->putc(e[k]);
	}
	l->len = 0;
}

static void flush_line(int part, struct con_line *l)
{
	write_buffered(part, l);
	ops->putc('\n');
	wire_owner = NO_OWNER;
}

static void put_locked(int part, struct con_line *l, char c)
{
	/* A carriage return means something only to the attached partition's line editing. */
	if (c == '\0' || (c == '\r' && part != focus))
		return;
	if (c == '\n') {
		flush_line(part, l);
		return;
	}
	l->buf[l->len++] = c;
	if (l->len == CONSOLE_LINE_MAX)
		flush_line(part, l); /* over-long line: split, nothing lost */
}

/* "... # " or "... $ ", perhaps followed by a terminal query (busybox: ESC [6n). */
static bool is_prompt(const struct con_line *l)
{
	u32 n = 0;

	while (n < l->len && l->buf[n] != '\x1b')
		n++;
	return n >= 2 && l->buf[n - 1] == ' ' && (l->buf[n - 2] == '#' || l->buf[n - 2] == '$');
}

/*
 * Shows a partial line (a shell prompt, an echoed key) now. Called when the
 * partition starts waiting for input; if another line comes first, this one
 * is ended and its rest continues under a fresh prefix.
 */
void console_part_flush(int part)
{
	struct con_line *l;
	bool prompt;

	if (!ops || part < 0 || part >= nr_parts)
		return;
	spin_lock(&lock);
	l = &lines[part];
	prompt = is_prompt(l);
	if (l->len) {
		write_buffered(part, l);
		wire_owner = part;
	}
	spin_unlock(&lock);
	if (prompt)
		bench_prompt(part);
}

void console_part_putc(int part, char c)
{
	if (!ops || part < 0 || part >= nr_parts)
		return;
	spin_lock(&lock);
	put_locked(part, &lines[part], c);
	spin_unlock(&lock);
}

void console_part_reset(int part)
{
	if (part < 0 || part >= nr_parts)
		return;
	spin_lock(&lock);
	if (lines[part].len)
		flush_line(part, &lines[part]);
	if (wire_owner == part) {
		ops->putc('\n');
		wire_owner = NO_OWNER;
	}
	reads[part] = told_unread[part] = false; /* its next run may not read either */
	unread[part] = 0;
	spin_unlock(&lock);
}

void console_part_reads(int part)
{
	if (part >= 0 && part < nr_parts && !READ_ONCE(reads[part]))
		WRITE_ONCE(reads[part], true);
}

int console_focus(void)
{
	return focus;
}

/*
 * True once for a partition that never read its UART nor enabled its receive
 * interrupt and is sent a second byte (the first may arrive before a polling
 * reader looked).
 */
static bool unread_locked(int part)
{
	if (reads[part] || told_unread[part])
		return false;
	/* Counted only while nothing has been told yet (MISRA 13.5: no side effect behind ||). */
	if (unread[part]++ == 0)
		return false;
	told_unread[part] = true;
	return true;
}

/*
 * Input: ESC <digit> gives input to partition <digit>, ESC ESC sends ESC
 * itself, anything else goes to the partition with focus.
 */
void console_input_char(char c)
{
	enum { NONE, SWITCHED, NO_SUCH, BAD_ESC } note = NONE;
	int target = -1;
	bool unread_note = false;

	spin_lock(&lock);
	if (esc_pending) {
		esc_pending = false;
		if (c >= '0' && c <= '9' && c - '0' < nr_parts) {
			focus = c - '0';
			note = SWITCHED;
		} else if (c >= '0' && c <= '9') {
			note = NO_SUCH;
		} else if (c == (char)CONFIG_CONSOLE_ESCAPE_CHAR) {
			target = focus;
		} else {
			note = BAD_ESC;
		}
	} else if (c == (char)CONFIG_CONSOLE_ESCAPE_CHAR) {
		esc_pending = true;
	} else {
		target = focus;
	}
	if (target >= 0 && target < nr_parts)
		unread_note = unread_locked(target);
	spin_unlock(&lock);
	if (note == SWITCHED)
		log_printf("console input: %s", who(focus));
	else if (note == NO_SUCH)
		log_printf("no partition %c (0-%d)", c, nr_parts - 1);
	else if (note == BAD_ESC)
		log_printf(
		    "Ctrl-] takes a partition number (0-%d), or Ctrl-] to send Ctrl-] itself",
		    nr_parts - 1);
	if (unread_note)
		log_printf("%s reads no input", who(target));
	if (target >= 0 && ops->input)
		ops->input(target, c);
}

static void hv_out(void *ctx, char c)
{
	(void)ctx;
	put_locked(CONSOLE_HV, &hv_line, c);
}

void log_printf(const char *fmt, ...)
{
	va_list ap;

	if (!ops)
		return;
	spin_lock(&lock);
	va_start(ap, fmt);
	fmt_format(hv_out, NULL, fmt, ap);
	va_end(ap);
	put_locked(CONSOLE_HV, &hv_line, '\n');
	spin_unlock(&lock);
}
