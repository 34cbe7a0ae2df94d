// SPDX-License-Identifier: GPL-2.0
/*
 * core/restart_backoff.c: the wait doubles from its base to its cap, a
 * stable run ends the row, the limit leaves the partition halted, and no
 * count or base overflows the arithmetic.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "restart_backoff.h"

/* REQ: BH-FLT-6 */
static void test_doubles_to_the_cap(void **state)
{
	struct restart_backoff b = {0};
	static const s64 want[] = {100, 200, 400, 800, 1000, 1000, 1000};

	(void)state;
	for (unsigned i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_int_equal(restart_backoff_next(&b, 5, 0, 100, 1000, 60000), want[i]);
	assert_int_equal(b.in_row, 7);
}

/* REQ: BH-FLT-6 */
static void test_limit_halts(void **state)
{
	struct restart_backoff b = {0};

	(void)state;
	/* restart-limit 3: three restarts, the fourth stop in a row stays down. */
	assert_int_equal(restart_backoff_next(&b, 0, 3, 200, 10000, 5000), 200);
	assert_int_equal(restart_backoff_next(&b, 10, 3, 200, 10000, 5000), 400);
	assert_int_equal(restart_backoff_next(&b, 10, 3, 200, 10000, 5000), 800);
	assert_int_equal(restart_backoff_next(&b, 10, 3, 200, 10000, 5000), -1);
	assert_int_equal(restart_backoff_next(&b, 10, 3, 200, 10000, 5000), -1);
}

/* REQ: BH-FLT-6 */
static void test_stable_run_ends_the_row(void **state)
{
	struct restart_backoff b = {0};

	(void)state;
	assert_int_equal(restart_backoff_next(&b, 0, 2, 50, 10000, 1000), 50);
	assert_int_equal(restart_backoff_next(&b, 999, 2, 50, 10000, 1000), 100);
	/* It ran 1000 ms: the row starts over, base wait, and the limit with it. */
	assert_int_equal(restart_backoff_next(&b, 1000, 2, 50, 10000, 1000), 50);
	assert_int_equal(restart_backoff_next(&b, 3, 2, 50, 10000, 1000), 100);
	assert_int_equal(restart_backoff_next(&b, 3, 2, 50, 10000, 1000), -1);
	/* Past the limit, a stable run still starts a new row. */
	assert_int_equal(restart_backoff_next(&b, 5000, 2, 50, 10000, 1000), 50);
}

/* REQ: BH-FLT-6 */
static void test_no_overflow(void **state)
{
	struct restart_backoff b = {.in_row = 0xfffffff0U};

	(void)state;
	/* Largest base and cap, a row far longer than any shift: the cap, no wrap. */
	assert_int_equal(restart_backoff_next(&b, 0, 0, 3600000, 3600000, 1), 3600000);
	b.in_row = 0xffffffffU;
	assert_int_equal(restart_backoff_next(&b, 0, 0, 1, 3600000, 1), 3600000);
	assert_int_equal(b.in_row, 0xffffffffU); /* saturates */
	/* Base 0: no wait however long the row (and no loop over the whole count). */
	b.in_row = 0xfffffffeU;
	assert_int_equal(restart_backoff_next(&b, 0, 0, 0, 10000, 1), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_doubles_to_the_cap),
	    cmocka_unit_test(test_limit_halts),
	    cmocka_unit_test(test_stable_run_ends_the_row),
	    cmocka_unit_test(test_no_overflow),
	};

	return cmocka_run_group_tests_name("restart-backoff", tests, NULL, NULL);
}
