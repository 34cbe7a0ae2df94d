// SPDX-License-Identifier: GPL-2.0
/*
 * The boot figures make bench reads (core/bench.c, CONFIG_BENCH) on the
 * fake arch: the SHA-256 figure at boot, the entry-to-prompt figures of a
 * partition once it shows a shell prompt (once), and the bench hypercall.
 * Time is the fake counter: one tick (1 us at 1 MHz) per read.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include "console.h"
#include "fake_core.h"

#define BULKHEAD_BENCH_BOOT 0xc60000f0U

static void figures(void **state)
{
	const char *p;

	(void)state;
	assert_int_equal(fc_power_on(false), FAKE_RAN);
	/* The image store's 16 KiB hashed by the portable code, in one counter tick. */
	assert_true(fake_said("[bulkhead] bench: sha256_bytes 16384\n"
			      "[bulkhead] bench: sha256_portable 1000\n"));
	assert_false(fake_said("sha256_accel"));
	/* Nothing about root until it shows a prompt. */
	assert_false(fake_said("bench: entry_root"));
	console_part_putc(FS_ROOT, '#');
	console_part_putc(FS_ROOT, ' ');
	console_part_flush(FS_ROOT);
	p = strstr(fake.out, "[bulkhead] bench: entry_root ");
	assert_non_null(p);
	for (int i = 0; i < 6; i++) {
		static const char *const next[] = {
		    "\n[bulkhead] bench: scrub_root ",	    "\n[bulkhead] bench: load_root ",
		    "\n[bulkhead] bench: verify_root ",	    "\n[bulkhead] bench: hash_root_ns ",
		    "\n[bulkhead] bench: hash_root_bytes ", "\n[bulkhead] bench: prompt_root "};

		p = strstr(p, next[i]); /* in this order */
		assert_non_null(p);
	}
	/* The hypercall: the same figures as ticks, for the bench program. */
	assert_int_equal(fc_call(FS_ROOT, 0, BULKHEAD_BENCH_BOOT, 0, 0, 0), hv_entry_tick);
	assert_int_equal(fc_x[3], FS_RAM);
	assert_int_equal(fc_x[6], partitions[FS_ROOT].hash_bytes);
	assert_true(fc_x[6] > 12); /* its kernel (12 bytes) and its DTB */
	/* Once: a second prompt says nothing. */
	fake_out_clear();
	console_part_putc(FS_ROOT, '\n');
	console_part_putc(FS_ROOT, '$');
	console_part_putc(FS_ROOT, ' ');
	console_part_flush(FS_ROOT);
	assert_false(fake_said("bench:"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(figures),
	};

	return cmocka_run_group_tests_name("core-bench", tests, NULL, NULL);
}
