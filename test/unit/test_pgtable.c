// SPDX-License-Identifier: GPL-2.0
/* The translation-table builder used for EL2 and every stage-2 space. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <asm/pgtable.h>

static pt_page_t root, pool[8];
static struct pgtable pt;

static int setup(void **state)
{
	(void)state;
	pt_init(&pt, root, pool, 8);
	return 0;
}

/* REQ: BH-ISO-1 */
static void block_mappings_where_aligned(void **state)
{
	u64 attrs;
	int level;

	(void)state;
	/* 1 GiB at a 1 GiB boundary: one level-1 block, no tables used. */
	assert_int_equal(pt_map(&pt, 0x40000000, 0x80000000, 0x40000000, S2_MEM_NORMAL | S2_AP_RW),
			 0);
	assert_int_equal(pt.used, 0);
	assert_int_equal(pt_walk(&pt, 0x40001234, &attrs, &level), 0x80001234);
	assert_int_equal(level, 1);
	assert_true((attrs & S2_AP_RW) == S2_AP_RW);
}

/* REQ: BH-ISO-1 */
static void mixed_sizes_use_2m_and_4k(void **state)
{
	int level;

	(void)state;
	/* 2 MiB + 8 KiB starting at a 2 MiB boundary: one L2 block, two L3 pages. */
	assert_int_equal(pt_map(&pt, 0x48000000, 0x48000000, 0x202000, S2_MEM_NORMAL | S2_AP_RW),
			 0);
	assert_int_equal(pt_walk(&pt, 0x48100000, NULL, &level), 0x48100000);
	assert_int_equal(level, 2);
	assert_int_equal(pt_walk(&pt, 0x48201000, NULL, &level), 0x48201000);
	assert_int_equal(level, 3);
	assert_int_equal(pt_walk(&pt, 0x48202000, NULL, NULL), ~0ULL);
	assert_int_equal(pt_walk(&pt, 0x47fff000, NULL, NULL), ~0ULL);
}

/* REQ: BH-ISO-1 */
static void misaligned_pa_forces_pages(void **state)
{
	int level;

	(void)state;
	assert_int_equal(pt_map(&pt, 0x40000000, 0x40001000, 0x200000, S2_MEM_NORMAL), 0);
	assert_int_equal(pt_walk(&pt, 0x40000000, NULL, &level), 0x40001000);
	assert_int_equal(level, 3);
}

/* REQ: BH-ISO-1 */
static void overlap_is_refused(void **state)
{
	(void)state;
	assert_int_equal(pt_map(&pt, 0x48000000, 0x48000000, 0x200000, S2_MEM_NORMAL), 0);
	assert_int_equal(pt_map(&pt, 0x48100000, 0x48100000, 0x1000, S2_MEM_NORMAL), PT_EEXIST);
	assert_int_equal(pt_map(&pt, 0x48000000, 0x48000000, 0x200000, S2_MEM_NORMAL), PT_EEXIST);
}

/* REQ: BH-ISO-1 */
static void bad_ranges(void **state)
{
	(void)state;
	assert_int_equal(pt_map(&pt, 0x1001, 0x1000, 0x1000, 0), PT_EINVAL);
	assert_int_equal(pt_map(&pt, 0x1000, 0x1000, 0, 0), PT_EINVAL);
	assert_int_equal(pt_map(&pt, (1ULL << 39) - 0x1000, 0, 0x2000, 0), PT_EINVAL);
	assert_int_equal(pt_map(&pt, ~0xfffULL, 0, 0x2000, 0), PT_EINVAL);
	assert_int_equal(pt_walk(&pt, 1ULL << 40, NULL, NULL), ~0ULL);
}

/* REQ: BH-CFG-10 */
static void pool_exhaustion_is_reported(void **state)
{
	(void)state;
	/* Each 4 KiB page in a new GiB needs an L2 and an L3 table: 4 GiB apart x 5 > 8 tables. */
	for (u64 i = 0; i < 4; i++)
		assert_int_equal(pt_map(&pt, i << 30, i << 30, 0x1000, S2_MEM_DEVICE), 0);
	assert_int_equal(pt.used, 8);
	assert_int_equal(pt_map(&pt, 5ULL << 30, 5ULL << 30, 0x1000, S2_MEM_DEVICE), PT_ENOMEM);
}

/* REQ: BH-ISO-1 */
static void device_attributes_kept(void **state)
{
	u64 attrs;

	(void)state;
	assert_int_equal(
	    pt_map(&pt, 0x0a003000, 0x0a003000, 0x1000, S2_MEM_DEVICE | S2_AP_RW | S2_XN), 0);
	assert_int_equal(pt_walk(&pt, 0x0a003e00, &attrs, NULL), 0x0a003e00);
	assert_true(attrs & S2_XN);
	assert_int_equal(attrs & (15ULL << 2), S2_MEM_DEVICE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(block_mappings_where_aligned, setup),
	    cmocka_unit_test_setup(mixed_sizes_use_2m_and_4k, setup),
	    cmocka_unit_test_setup(misaligned_pa_forces_pages, setup),
	    cmocka_unit_test_setup(overlap_is_refused, setup),
	    cmocka_unit_test_setup(bad_ranges, setup),
	    cmocka_unit_test_setup(pool_exhaustion_is_reported, setup),
	    cmocka_unit_test_setup(device_attributes_kept, setup),
	};

	return cmocka_run_group_tests_name("pgtable", tests, NULL, NULL);
}
