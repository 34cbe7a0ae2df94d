// SPDX-License-Identifier: GPL-2.0
/*
 * The x86-64 page-table builder (arch/x86/pgtable.c): the hypervisor's own
 * tables and every partition's nested page table, and what the generator
 * sizes the pools with (without 1 GiB pages, the worst case).
 */
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
static void blocks_of_2m_without_big_pages(void **state)
{
	u64 attrs;
	int level;

	(void)state;
	/* 1 GiB aligned, no 1 GiB pages: a PDPT and one PD of 2 MiB blocks. */
	assert_int_equal(pt_map(&pt, 0x40000000, 0x80000000, 0x40000000, S2_MEM_NORMAL), PT_OK);
	assert_int_equal(pt.used, 2);
	assert_int_equal(pt_walk(&pt, 0x40201234, &attrs, &level), 0x80201234);
	assert_int_equal(level, 2);
	assert_true((attrs & (PTE_RW | PTE_US)) == (PTE_RW | PTE_US));
	assert_false(attrs & PTE_NX);
}

/* REQ: BH-ISO-1 */
static void big_pages_when_allowed(void **state)
{
	int level;

	(void)state;
	pt.big_pages = true;
	assert_int_equal(pt_map(&pt, 0x40000000, 0x80000000, 0x40000000, S2_MEM_NORMAL), PT_OK);
	assert_int_equal(pt.used, 1); /* the PDPT only */
	assert_int_equal(pt_walk(&pt, 0x7fffffff, NULL, &level), 0xbfffffff);
	assert_int_equal(level, 1);
}

/* REQ: BH-ISO-1 */
static void ragged_ends_use_4k_pages(void **state)
{
	u64 attrs;
	int level;

	(void)state;
	/* 2 MiB + 8 KiB from a 2 MiB boundary: one 2 MiB block, two 4 KiB pages. */
	assert_int_equal(pt_map(&pt, 0x10000000, 0x10000000, 0x202000, S2_MEM_DEVICE | S2_XN),
			 PT_OK);
	assert_int_equal(pt_walk(&pt, 0x10100000, NULL, &level), 0x10100000);
	assert_int_equal(level, 2);
	assert_int_equal(pt_walk(&pt, 0x10201000, &attrs, &level), 0x10201000);
	assert_int_equal(level, 3);
	assert_true(attrs & PTE_NX);
	assert_true(attrs & PTE_PCD);
	assert_int_equal(pt_walk(&pt, 0x10202000, NULL, NULL), ~0ULL);
}

/* REQ: BH-ISO-1 */
static void never_replaces_a_mapping(void **state)
{
	(void)state;
	assert_int_equal(pt_map(&pt, 0x200000, 0x200000, 0x200000, S2_MEM_NORMAL), PT_OK);
	assert_int_equal(pt_map(&pt, 0x201000, 0x900000, 0x1000, S2_MEM_NORMAL), PT_EEXIST);
	assert_int_equal(pt_map(&pt, 0x1000, 0x1000, 0x1000, S2_MEM_NORMAL), PT_OK);
	assert_int_equal(pt_map(&pt, 0x1000, 0x5000, 0x1000, S2_MEM_NORMAL), PT_EEXIST);
	assert_int_equal(pt_walk(&pt, 0x201000, NULL, NULL), 0x201000);
}

/* REQ: BH-ISO-1 */
static void bad_ranges_refused(void **state)
{
	(void)state;
	assert_int_equal(pt_map(&pt, 0x1234, 0x1000, 0x1000, S2_MEM_NORMAL), PT_EINVAL);
	assert_int_equal(pt_map(&pt, 0x1000, 0x1000, 0, S2_MEM_NORMAL), PT_EINVAL);
	/* The upper half (and anything crossing into it) is not a guest-physical address. */
	assert_int_equal(pt_map(&pt, 0x7ffffffff000ULL, 0, 0x2000, S2_MEM_NORMAL), PT_EINVAL);
	assert_int_equal(pt_walk(&pt, 0x800000000000ULL, NULL, NULL), ~0ULL);
}

/* REQ: BH-CFG-10 */
static void pool_exhaustion_reported(void **state)
{
	(void)state;
	pt_init(&pt, root, pool, 2);
	/* 4 KiB pages in two gigabytes: PDPT, then a PD + PT per gigabyte. */
	assert_int_equal(pt_map(&pt, 0x1000, 0x1000, 0x1000, S2_MEM_NORMAL), PT_ENOMEM);
	pt_init(&pt, root, pool, 3);
	assert_int_equal(pt_map(&pt, 0x1000, 0x1000, 0x1000, S2_MEM_NORMAL), PT_OK);
	assert_int_equal(pt_map(&pt, 0x40001000, 0x1000, 0x1000, S2_MEM_NORMAL), PT_ENOMEM);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(blocks_of_2m_without_big_pages, setup),
	    cmocka_unit_test_setup(big_pages_when_allowed, setup),
	    cmocka_unit_test_setup(ragged_ends_use_4k_pages, setup),
	    cmocka_unit_test_setup(never_replaces_a_mapping, setup),
	    cmocka_unit_test_setup(bad_ranges_refused, setup),
	    cmocka_unit_test_setup(pool_exhaustion_reported, setup),
	};

	return cmocka_run_group_tests_name("pgtable-x86", tests, NULL, NULL);
}
