// SPDX-License-Identifier: GPL-2.0
/* The doorbell rate limiter (core/rate_limit.h) against a fake clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include "../../core/rate_limit.h"

#define FREQ 1000000ULL /* 1 MHz: a tick is a microsecond */

static u64 now;

static u64 clock_fn(void)
{
	return now;
}

static u32 take_n(struct rate_limit *l, u32 rate, u32 n)
{
	u32 ok = 0;

	while (n--)
		ok += rate_limit_take(l, rate, FREQ, clock_fn);
	return ok;
}

/* REQ: BH-TMP-3 */
static void burst_then_refused(void **state)
{
	struct rate_limit l;

	(void)state;
	now = 5;
	rate_limit_reset(&l, 1000, now);
	/* A burst of a tenth of the rate, then nothing until time passes. */
	assert_int_equal(take_n(&l, 1000, 500), 100);
	assert_int_equal(l.dropped, 400);
}

/* REQ: BH-TMP-3 */
static void refills_at_the_rate(void **state)
{
	struct rate_limit l;

	(void)state;
	now = 0;
	rate_limit_reset(&l, 1000, now);
	take_n(&l, 1000, 100);
	now += 10000; /* 10 ms at 1000/s: 10 more */
	assert_int_equal(take_n(&l, 1000, 50), 10);
	/* Over a whole second of flooding: about rate + burst, never more. */
	u32 ok = 0;

	for (int ms = 0; ms < 1000; ms++) {
		now += 1000;
		ok += take_n(&l, 1000, 20);
	}
	assert_true(ok >= 990 && ok <= 1000 + 100);
}

/* REQ: BH-TMP-3 */
static void long_silence_gives_one_burst_only(void **state)
{
	struct rate_limit l;

	(void)state;
	now = 0;
	rate_limit_reset(&l, 100, now);
	take_n(&l, 100, 16); /* burst of 16: rate / 10 is below the minimum */
	now += 3600 * FREQ;  /* an hour: still capped at one burst */
	assert_int_equal(take_n(&l, 100, 1000), 16);
}

/* REQ: BH-TMP-3 */
static void zero_rate_means_no_limit(void **state)
{
	struct rate_limit l;

	(void)state;
	rate_limit_reset(&l, 0, 0);
	assert_int_equal(take_n(&l, 0, 100000), 100000);
	assert_int_equal(l.dropped, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(burst_then_refused),
	    cmocka_unit_test(refills_at_the_rate),
	    cmocka_unit_test(long_silence_gives_one_burst_only),
	    cmocka_unit_test(zero_rate_means_no_limit),
	};

	return cmocka_run_group_tests_name("rate-limit", tests, NULL, NULL);
}
