// SPDX-License-Identifier: GPL-2.0
/*
 * Image loading (core/image.c, core/image_hash.c, core/rollback_store.c)
 * on the fake arch from a FIT mkimage signed (test/fakearch/make-core-fit):
 * the bytes copied, the measurement log, tampering, A/B fallback and the
 * anti-rollback minimum raised by the root.
 */
#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include "fake_core.h"
#include "image.h"

/* Slot <slot>'s app kernel (5000 'a's in the FIT): one byte of it changed. */
static void tamper_app_kernel(int slot)
{
	u8 *p = memmem(fs_store[slot], FS_STORE, "aaaaaaaaaaaaaaaa", 16);

	assert_non_null(p);
	p[100] = 'b';
}

/* REQ: BH-IMG-2, BH-IMG-5 */
static void tampered_slot_a_falls_back_to_b(void **state)
{
	(void)state;
	fc_board(false);
	fs_part[FS_APP].fallback = 1;
	tamper_app_kernel(0);
	assert_int_equal(fc_primary(), FAKE_RAN);
	assert_int_equal(fc_start(FS_APP), FAKE_RAN);
	assert_true(fake_said("app: the SHA-256 of its image is not the signed one\n"));
	assert_true(fake_said("app: image rejected: hash mismatch\n"));
	assert_true(fake_said("app: falling back to slot B\n"));
	assert_true(
	    fake_said("app: verified (sha256,ecdsa256, key test, slot B, security version 1)"));
	assert_int_equal(*fs_at(FS_APP, 100), 'a'); /* slot B's bytes */
}

/* REQ: BH-IMG-2, BH-IMG-5, BH-IMG-3 */
static void tampered_without_fallback_stays_down(void **state)
{
	(void)state;
	fc_board(false);
	tamper_app_kernel(0);
	assert_int_equal(fc_primary(), FAKE_RAN);
	assert_int_equal(fc_start(FS_APP), FAKE_WAITED);
	assert_true(fake_said("app: image rejected: hash mismatch\n"));
	assert_false(fake_said("falling back"));
	assert_int_equal(partitions[FS_APP].state, PART_HALTED);
	assert_int_equal(*fs_at(FS_APP, 100), 0); /* nothing of it stays in its memory */
}

/* REQ: BH-IMG-6 */
static void measurements_are_what_was_loaded(void **state)
{
	struct measurement m;

	(void)state;
	fc_board(false);
	assert_int_equal(fc_primary(), FAKE_RAN);
	assert_int_equal(fc_start(FS_APP), FAKE_RAN);
	/*
	 * halter is still off: its entries (the last two) are pending. The log
	 * is the core's static state: it lives on across this program's boots,
	 * and no test before this one starts halter.
	 */
	assert_int_equal(image_measurement(6, &m), BH_IMAGE_PENDING);
	assert_int_equal(fc_start(FS_HALTER), FAKE_RAN);
	assert_int_equal(fc_call(FS_ROOT, 0, BH_IMAGE_MEASUREMENT, 0, 0, 0), 0);
	assert_int_equal(fc_x[1], FS_ROOT | BH_IMAGE_KERNEL << 8 | 0 << 16); /* slot A */
	assert_int_equal(fc_x[2], 2);					     /* security version */
	assert_int_equal(fc_x[3], 12);					     /* "root kernel\n" */
	assert_memory_equal(&fc_x[8], "root\0", 5);
	assert_int_equal(image_measurement(0, &m), 0);
	{
		u8 want[SHA256_LEN];

		sha256(fs_at(FS_ROOT, 0), 12, want);
		assert_memory_equal(m.sha256, want, SHA256_LEN);
	}
	/* root: kernel + DTB; app: + initrd; halter: kernel + DTB: 7 entries. */
	assert_int_equal(image_measurement(6, &m), 0);
	assert_int_equal(image_measurement(7, &m), BH_IMAGE_NO_ENTRY);
}

/* REQ: BH-RB-1, BH-RB-2 */
static void confirmed_version_keeps_older_images_out(void **state)
{
	(void)state;
	fc_all_up();
	assert_int_equal(fc_call(FS_ROOT, 0, BH_IMAGE_CONFIRM, 7, 0, 0), BH_IMAGE_NO_ENTRY);
	assert_int_equal(fc_call(FS_ROOT, 0, BH_IMAGE_CONFIRM, FS_HALTER, 0, 0), 0);
	assert_true(fake_nv.writes > 0);
	assert_int_equal(fc_call(FS_ROOT, 0, BH_IMAGE_CONFIRM, BH_IMAGE_ALL, 0, 0), 0);
	/* It restarts into an image of version 2 < 5: refused. */
	fs_part[FS_HALTER].restart = BH_RESTART_RESTART;
	fs_part[FS_HALTER].fit_config = "partition-root";
	fake.wait_budget = 1;
	assert_int_equal(fc_fault(FS_HALTER, 0, 0, "fault"), FAKE_WAITED);
	assert_true(fake_said("halter: image rejected: security version 2 < 5\n"));
	assert_int_equal(partitions[FS_HALTER].state, PART_HALTED);
	/* The minimum is in the store: after a board reset too. */
	assert_int_equal(fc_power_on(true), FAKE_RAN);
	assert_true(fake_said("minima stored: 3"));
}

/* REQ: BH-RB-4 */
static void unreadable_store_fails_closed(void **state)
{
	(void)state;
	fc_board(false);
	fake_nv.read_rc = -1;
	assert_int_equal(fc_primary(), FAKE_OFF);
	assert_true(fake_said("root: image rejected: rollback store unreadable\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(tampered_slot_a_falls_back_to_b),
	    cmocka_unit_test(tampered_without_fallback_stays_down),
	    cmocka_unit_test(measurements_are_what_was_loaded),
	    cmocka_unit_test(confirmed_version_keeps_older_images_out),
	    cmocka_unit_test(unreadable_store_fails_closed),
	};

	return cmocka_run_group_tests_name("core-image", tests, NULL, NULL);
}
