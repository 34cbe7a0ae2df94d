// SPDX-License-Identifier: GPL-2.0
/*
 * Console multiplexer: prefixes, line buffering, focus and input switching,
 * escaping of partitions that are not attached; the root shell's line editor.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <bulkhead/con_escape.h>
#include "../../core/console.h"
#include "../../partitions/root/line_edit.h"

static char wire[4096];
static size_t wlen;
static char input[64];
static int input_part[64];
static int nin;

static void hw_putc(char c)
{
	if (wlen < sizeof(wire) - 1)
		wire[wlen++] = c;
}

static void deliver(int part, char c)
{
	input[nin] = c;
	input_part[nin++] = part;
}

static const char *name(int i)
{
	static const char *const n[] = {"root", "hello", "ticker"};

	return i >= 0 && i < 3 ? n[i] : NULL;
}

static const struct console_ops ops = {hw_putc, deliver, name};

static int setup(void **state)
{
	(void)state;
	memset(wire, 0, sizeof(wire));
	wlen = 0;
	nin = 0;
	console_setup(&ops, 3, 0);
	return 0;
}

static void say(int part, const char *s)
{
	while (*s)
		console_part_putc(part, *s++);
}

/* REQ: BH-CON-1 */
static void lines_get_prefixes(void **state)
{
	(void)state;
	say(1, "hello\r\n");
	log_printf("started %d", 3);
	assert_string_equal(wire, "[hello] hello\n[bulkhead] started 3\n");
}

/* REQ: BH-CON-1 */
static void lines_never_interleave(void **state)
{
	(void)state;
	say(1, "hel");
	say(2, "tick 1\n");
	say(1, "lo\n");
	assert_string_equal(wire, "[ticker] tick 1\n[hello] hello\n");
}

/* REQ: BH-CON-1 */
static void partial_line_is_shown_on_flush_then_broken(void **state)
{
	(void)state;
	say(0, "/ # ");
	say(2, "tick 1\n");
	assert_string_equal(wire, "[ticker] tick 1\n");
	console_part_flush(0);
	assert_string_equal(wire, "[ticker] tick 1\n[root] / # ");
	say(2, "tick 2\n");
	say(0, "ls\n");
	assert_string_equal(wire, "[ticker] tick 1\n[root] / # \n[ticker] tick 2\n[root] ls\n");
}

/*
 * A partition that stops (a reset) mid-line: what it buffered comes out
 * under its name and the line it had on the wire is ended, so the next
 * writer starts on a line of its own; unknown partitions are ignored.
 */
/* REQ: BH-CON-1 */
static void reset_ends_a_partial_line(void **state)
{
	(void)state;
	say(0, "/ # ");
	console_part_flush(0);
	say(0, "ec");
	console_part_reset(0);
	say(2, "tick\n");
	assert_string_equal(wire, "[root] / # ec\n[ticker] tick\n");
	console_part_putc(3, 'x');
	console_part_flush(-1);
	console_part_reset(7);
	console_part_reads(3);
	assert_int_equal(wlen, strlen("[root] / # ec\n[ticker] tick\n"));
}

/* REQ: BH-CON-1 */
static void long_lines_are_split_not_lost(void **state)
{
	char big[CONSOLE_LINE_MAX + 11];

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	say(1, big);
	say(1, "\n");
	assert_int_equal(wlen, 2 * strlen("[hello] ") + CONSOLE_LINE_MAX + 10 + 2);
}

/* REQ: BH-CON-3 */
static void escape_switches_input(void **state)
{
	(void)state;
	console_input_char('a');
	console_input_char(0x1d);
	console_input_char('2');
	console_input_char('b');
	console_input_char(0x1d);
	console_input_char(0x1d);
	console_input_char(0x1d);
	console_input_char('9'); /* no partition 9: said so */
	console_input_char(0x1d);
	console_input_char('x'); /* not a number: said so */
	assert_int_equal(nin, 3);
	assert_int_equal(input[0], 'a');
	assert_int_equal(input_part[0], 0);
	assert_int_equal(input[1], 'b');
	assert_int_equal(input_part[1], 2);
	assert_int_equal(input[2], 0x1d);
	assert_int_equal(console_focus(), 2);
	assert_non_null(strstr(wire, "[bulkhead] console input: ticker\n"));
	assert_non_null(strstr(wire, "[bulkhead] no partition 9 (0-2)\n"));
	assert_non_null(strstr(wire, "[bulkhead] Ctrl-] takes a partition number (0-2), or Ctrl-] "
				     "to send Ctrl-] itself\n"));
}

/* REQ: BH-CON-2 */
static void others_are_escaped_attached_is_raw(void **state)
{
	(void)state;
	say(1, "a\x1b[2J\x1b]0;pwned\x07\tb\x7f\xc3\xa9\r\n");
	assert_string_equal(wire, "[hello] a\\x1b[2J\\x1b]0;pwned\\x07\tb\\x7f\\xc3\\xa9\n");
	wlen = 0;
	memset(wire, 0, sizeof(wire));
	/* Partition 0 has the input: its bytes, carriage returns included, as they are. */
	say(0, "\x1b[2J\b \b\r\n");
	assert_string_equal(wire, "[root] \x1b[2J\b \b\r\n");
	/* The escaping follows the input. */
	console_input_char(0x1d);
	console_input_char('1');
	wlen = 0;
	memset(wire, 0, sizeof(wire));
	say(0, "\x1b\n");
	say(1, "\x1b\n");
	assert_string_equal(wire, "[root] \\x1b\n[hello] \x1b\n");
}

/* REQ: BH-CON-2 */
static void escape_of_each_byte(void **state)
{
	char out[CON_ESCAPE_MAX + 1] = {0};

	(void)state;
	for (int c = 0; c < 256; c++) {
		u32 n = con_escape((u8)c, out);

		if ((c >= 0x20 && c < 0x7f) || c == '\t') {
			assert_int_equal(n, 1);
			assert_int_equal(out[0], c);
		} else {
			char want[5];

			snprintf(want, sizeof(want), "\\x%02x", c);
			assert_int_equal(n, 4);
			assert_memory_equal(out, want, 4);
		}
	}
}

/* REQ: BH-CON-3 */
static void input_nobody_reads_is_reported_once(void **state)
{
	(void)state;
	console_input_char(0x1d);
	console_input_char('2');
	console_input_char('x'); /* the first may come before a polling reader looked */
	assert_null(strstr(wire, "reads no input"));
	console_input_char('y');
	console_input_char('z');
	assert_non_null(strstr(wire, "[bulkhead] ticker reads no input\n"));
	assert_null(strstr(strstr(wire, "reads no input") + 1, "reads no input"));
	assert_int_equal(nin, 3); /* still delivered: it may read later */
	/* A partition that reads is never reported; a restarted one is, again. */
	console_input_char(0x1d);
	console_input_char('0');
	console_part_reads(0);
	console_input_char('a');
	console_input_char('b');
	assert_null(strstr(wire, "root reads no input"));
	console_part_reset(2);
	console_input_char(0x1d);
	console_input_char('2');
	wlen = 0;
	memset(wire, 0, sizeof(wire));
	console_input_char('x');
	console_input_char('y');
	assert_string_equal(wire, "[bulkhead] ticker reads no input\n");
}

static char echoed[512];

static void echo(const char *s)
{
	strncat(echoed, s, sizeof(echoed) - strlen(echoed) - 1);
}

static int type(struct line_edit *e, const char *keys, const char **line)
{
	int done = 0;

	for (; *keys; keys++)
		if (line_edit_key(e, *keys, echo)) {
			done++;
			*line = e->buf;
		}
	return done;
}

/* REQ: BH-CON-3 */
static void line_editing(void **state)
{
	struct line_edit e = {0};
	const char *line = NULL;

	(void)state;
	echoed[0] = '\0';
	/* Echo, backspace and DEL erase on screen, CR LF ends one line. */
	assert_int_equal(type(&e,
			      "chx\x7f"
			      "an\bnnels\r\n",
			      &line),
			 1);
	assert_string_equal(line, "channels");
	assert_string_equal(echoed, "chx\b \ban\b \bnnels\n");
	/* Ctrl-U kills the line, control bytes are not taken, erasing an empty line does nothing.
	 */
	echoed[0] = '\0';
	assert_int_equal(type(&e,
			      "\x7f"
			      "abc\x15\x1b[Ahelp\n",
			      &line),
			 1);
	assert_string_equal(line, "[Ahelp");
	assert_string_equal(echoed, "abc\b \b\b \b\b \b[Ahelp\n");
	/* Ctrl-C drops the line; an empty line is a line. */
	echoed[0] = '\0';
	assert_int_equal(type(&e, "log\x03\r", &line), 1);
	assert_string_equal(line, "");
	assert_string_equal(echoed, "log^C\n\n");
}

/* REQ: BH-CON-3 */
static void long_lines_stop_taking(void **state)
{
	struct line_edit e = {0};
	const char *line = NULL;
	char keys[LINE_EDIT_MAX + 20];

	(void)state;
	echoed[0] = '\0';
	memset(keys, 'a', sizeof(keys) - 2);
	keys[sizeof(keys) - 2] = '\r';
	keys[sizeof(keys) - 1] = '\0';
	assert_int_equal(type(&e, keys, &line), 1);
	assert_int_equal(strlen(line), LINE_EDIT_MAX - 1);
	assert_int_equal(strlen(echoed), LINE_EDIT_MAX - 1 + 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(lines_get_prefixes, setup),
	    cmocka_unit_test_setup(lines_never_interleave, setup),
	    cmocka_unit_test_setup(partial_line_is_shown_on_flush_then_broken, setup),
	    cmocka_unit_test_setup(reset_ends_a_partial_line, setup),
	    cmocka_unit_test_setup(long_lines_are_split_not_lost, setup),
	    cmocka_unit_test_setup(escape_switches_input, setup),
	    cmocka_unit_test_setup(others_are_escaped_attached_is_raw, setup),
	    cmocka_unit_test_setup(escape_of_each_byte, setup),
	    cmocka_unit_test_setup(input_nobody_reads_is_reported_once, setup),
	    cmocka_unit_test_setup(line_editing, setup),
	    cmocka_unit_test_setup(long_lines_stop_taking, setup),
	};

	return cmocka_run_group_tests_name("console", tests, NULL, NULL);
}
