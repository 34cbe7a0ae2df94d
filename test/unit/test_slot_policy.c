// SPDX-License-Identifier: GPL-2.0
/* core/slot_policy.h: which image slot a partition loads from, and that it ends. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "slot_policy.h"

/* REQ: BH-IMG-5 */
static void test_halt_policy_stops_after_a(void **state)
{
	(void)state;
	assert_int_equal(slot_after(SLOT_A, false, true), SLOT_NONE);
	assert_int_equal(slot_after(SLOT_A, false, false), SLOT_NONE);
}

/* REQ: BH-IMG-5 */
static void test_fallback_needs_slot_b(void **state)
{
	(void)state;
	assert_int_equal(slot_after(SLOT_A, true, true), SLOT_B);
	assert_int_equal(slot_after(SLOT_A, true, false), SLOT_NONE);
}

/* A refused slot B is the end, whatever the policy: no loop between slots. */
/* REQ: BH-IMG-5 */
static void test_nothing_after_b(void **state)
{
	(void)state;
	for (int f = 0; f < 2; f++)
		for (int b = 0; b < 2; b++)
			assert_int_equal(slot_after(SLOT_B, f, b), SLOT_NONE);
}

/* Every policy reaches SLOT_NONE within the two slots there are. */
/* REQ: BH-IMG-5 */
static void test_every_walk_ends(void **state)
{
	(void)state;
	for (int f = 0; f < 2; f++)
		for (int b = 0; b < 2; b++) {
			int slot = SLOT_A, tries = 0;

			while (slot != SLOT_NONE && tries < 3) {
				tries++;
				slot = slot_after(slot, f, b);
			}
			assert_int_equal(slot, SLOT_NONE);
			assert_int_equal(tries, f && b ? 2 : 1);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_halt_policy_stops_after_a),
	    cmocka_unit_test(test_fallback_needs_slot_b),
	    cmocka_unit_test(test_nothing_after_b),
	    cmocka_unit_test(test_every_walk_ends),
	};

	return cmocka_run_group_tests_name("slot-policy", tests, NULL, NULL);
}
