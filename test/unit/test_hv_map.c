// SPDX-License-Identifier: GPL-2.0
/*
 * core/hv_map.c, the hypervisor's own identity map as both arches build
 * it, over a recording page-table builder: which ranges it maps with which
 * attributes (text executable and read-only, rodata read-only, RAM around
 * the image, the rollback store's flash as device memory), how it goes
 * round pages a neighbour mapped already, and what it says when a range
 * cannot be mapped. The image's linker symbols are set by the test's link
 * (__text_end, __rodata_end after _head_start).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <bulkhead/hv_config.h>
#include "arch.h"
#include "console.h"
#include "hv_map.h"

#define TEXT_SIZE 0x2000 /* as the test's link sets __text_end */
#define RO_SIZE	  0x1000 /* and __rodata_end */

char _head_start[0x4000] __attribute__((aligned(4096)));

#define IMG ((u64)(uintptr_t)_head_start)

/* RAM: one bank around the image, one apart; the store in a flash bank's second half. */
static const struct bh_region ram[] = {
    {0x100000, 0x100000, 0x200000, BH_REGION_RAM},
};
static struct bh_region ram_banks[2];

const struct bh_system bh_system = {
    .nr_ram = 2,
    .ram = ram_banks,
    .rollback_pa = 0x4080000,
    .rollback_size = 0x80000,
    .rollback_bank_pa = 0x4000000,
    .rollback_bank_width = 4,
};

/* The recording builder: what was asked, and pages already mapped. */
static struct call {
	u64 va, pa, size, attrs;
} calls[32];
static int ncalls;
static u64 taken[8], fail_at = ~0ULL;
static int ntaken;

int pt_map(struct pgtable *pt, u64 va, u64 pa, u64 size, u64 attrs)
{
	(void)pt;
	for (int i = 0; i < ntaken; i++)
		if (va <= taken[i] && taken[i] < va + size)
			return PT_EEXIST;
	if (va <= fail_at && fail_at < va + size)
		return PT_ENOMEM;
	if (ncalls < 32)
		calls[ncalls++] = (struct call){va, pa, size, attrs};
	return PT_OK;
}

static char out[2048];
static u32 out_len;

static void out_putc(char c)
{
	if (out_len + 1 < sizeof(out))
		out[out_len++] = c;
	out[out_len] = '\0';
}

static const struct console_ops ops = {.putc = out_putc};

static int setup(void **state)
{
	(void)state;
	/* The image's bank: 1 MiB on either side of it. */
	ram_banks[0] =
	    (struct bh_region){IMG - 0x100000, IMG - 0x100000, 0x200000 + 0x4000, BH_REGION_RAM};
	ram_banks[1] = ram[0];
	ncalls = ntaken = 0;
	fail_at = ~0ULL;
	out_len = 0;
	out[0] = '\0';
	console_setup(&ops, 0, 0);
	return 0;
}

static void assert_call(int i, u64 va, u64 size, u64 attrs)
{
	assert_true(i < ncalls);
	assert_int_equal(calls[i].va, va);
	assert_int_equal(calls[i].pa, va); /* identity */
	assert_int_equal(calls[i].size, size);
	assert_int_equal(calls[i].attrs, attrs);
}

#define TEXT 1
#define RO   2
#define RAM  3
#define DEV  4

/*
 * The map: text and rodata each with their own attributes, the image's
 * RAM bank without the image, the other bank whole, the flash bank's
 * first page (its CFI queries) and the store, both as device memory.
 */
static void hypervisor_map(void **state)
{
	(void)state;
	assert_int_equal(__text_end - _head_start, TEXT_SIZE);
	assert_int_equal(__rodata_end - __text_end, RO_SIZE);
	hv_map_common(NULL, TEXT, RO, RAM, DEV);
	assert_int_equal(ncalls, 7);
	assert_call(0, IMG, TEXT_SIZE, TEXT);
	assert_call(1, IMG + TEXT_SIZE, RO_SIZE, RO);
	assert_call(2, IMG - 0x100000, 0x100000, RAM);
	assert_call(3, IMG + TEXT_SIZE + RO_SIZE, 0x100000 + 0x1000, RAM);
	assert_call(4, 0x100000, 0x200000, RAM);
	assert_call(5, 0x4000000, 0x1000, DEV);
	assert_call(6, 0x4080000, 0x80000, DEV);
	assert_string_equal(out, "");
}

/*
 * A range is widened to whole pages; where a neighbour mapped some page
 * already, the others are mapped one by one; a range that cannot be mapped
 * is said with what it was for, whether it failed whole or by a page.
 */
static void pages_taken_and_failures(void **state)
{
	(void)state;
	hv_map(NULL, 0x9000123, 0x10, DEV, "the console UART");
	assert_int_equal(ncalls, 1);
	assert_call(0, 0x9000000, 0x1000, DEV);

	ntaken = 1;
	taken[0] = 0x8001000;
	hv_map(NULL, 0x8000000, 0x3000, DEV, "the GIC distributor");
	assert_int_equal(ncalls, 3);
	assert_call(1, 0x8000000, 0x1000, DEV);
	assert_call(2, 0x8002000, 0x1000, DEV);
	assert_string_equal(out, "");

	fail_at = 0x8000000;
	hv_map(NULL, 0x8000000, 0x1000, DEV, "the GIC distributor");
	assert_string_equal(out, "[bulkhead] fatal: cannot map the GIC distributor at 0x8000000 "
				 "(-1)\n");
	out_len = 0;
	fail_at = 0x8002000; /* a page of a range that is mapped in part */
	hv_map(NULL, 0x8000000, 0x3000, DEV, "the GIC distributor");
	assert_string_equal(out, "[bulkhead] fatal: cannot map the GIC distributor at 0x8000000 "
				 "(-1)\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(hypervisor_map, setup),
	    cmocka_unit_test_setup(pages_taken_and_failures, setup),
	};

	return cmocka_run_group_tests_name("hv-map", tests, NULL, NULL);
}
