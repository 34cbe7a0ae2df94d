// SPDX-License-Identifier: GPL-2.0
/* Console multiplexer: prefixes, line buffering, focus and input switching. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include "../../core/console.h"

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
	static const char *const n[] = { "root", "hello", "ticker" };

	return i >= 0 && i < 3 ? n[i] : NULL;
}

static const struct console_ops ops = { hw_putc, deliver, name };

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

static void lines_get_prefixes(void **state)
{
	(void)state;
	say(1, "hello\r\n");
	log_printf("started %d", 3);
	assert_string_equal(wire, "[hello] hello\n[bulkhead] started 3\n");
}

static void lines_never_interleave(void **state)
{
	(void)state;
	say(1, "hel");
	say(2, "tick 1\n");
	say(1, "lo\n");
	assert_string_equal(wire, "[ticker] tick 1\n[hello] hello\n");
}

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
	console_input_char('9'); /* no partition 9: ignored */
	assert_int_equal(nin, 3);
	assert_int_equal(input[0], 'a');
	assert_int_equal(input_part[0], 0);
	assert_int_equal(input[1], 'b');
	assert_int_equal(input_part[1], 2);
	assert_int_equal(input[2], 0x1d);
	assert_int_equal(console_focus(), 2);
	assert_non_null(strstr(wire, "[bulkhead] console input: ticker\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(lines_get_prefixes, setup),
		cmocka_unit_test_setup(lines_never_interleave, setup),
		cmocka_unit_test_setup(partial_line_is_shown_on_flush_then_broken, setup),
		cmocka_unit_test_setup(long_lines_are_split_not_lost, setup),
		cmocka_unit_test_setup(escape_switches_input, setup),
	};

	return cmocka_run_group_tests_name("console", tests, NULL, NULL);
}
