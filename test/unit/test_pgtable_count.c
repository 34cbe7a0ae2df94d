// SPDX-License-Identifier: GPL-2.0
/*
 * The generator's count of a partition's stage-2 / NPT table pages
 * (tools/gen/stage2_size.c) against what the hypervisor's build really
 * uses: for region layouts with ragged ends, a misaligned pa, 2 MiB and
 * 1 GiB boundaries, on both arches, the count is the number worked out by
 * hand, a pool of exactly that many pages takes the hypervisor's loop
 * (core/pt_regions.c) and every region translates, and one page less runs
 * it dry.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <bulkhead/pgtable.h>
#include "../../tools/gen/model.h"

#define MAX_REG	 8
#define POOL_MAX 16

struct layout {
	const char *what;
	struct g_region reg[MAX_REG];
	int n;
	int arm64, x86; /* table pages below the root, worked out by hand */
};

#define RAM(ipa, pa, size)                                                                         \
	{                                                                                          \
		(ipa), (pa), (size), BH_REGION_RAM, NULL                                           \
	}
#define DEVICE(ipa, size)                                                                          \
	{                                                                                          \
		(ipa), (ipa), (size), BH_REGION_DEVICE, "/dev"                                     \
	}
#define CHANNEL(ipa, pa, size)                                                                     \
	{                                                                                          \
		(ipa), (pa), (size), BH_REGION_RAM | BH_REGION_XN, "ring"                          \
	}

/*
 * arm64 walks from level 1 (1 GiB blocks) and needs a level-2 table per
 * GiB touched below a block, a level-3 table per 2 MiB touched below a
 * block; x86 NPT walks from the PML4 with no 1 GiB pages: a PDPT per
 * 512 GiB, a PD per GiB, a PT per 2 MiB touched below a 2 MiB block.
 */
static const struct layout layouts[] = {
    {"1 GiB at a 1 GiB boundary: one arm64 block, x86 2 MiB blocks",
     {RAM(0x40000000, 0x40000000, 0x40000000)},
     1,
     0,
     1 + 1},
    {"4 MiB starting 4 KiB past a 2 MiB boundary: pages at both ends",
     {RAM(0x48001000, 0x48001000, 0x400000)},
     1,
     1 + 2,
     1 + 1 + 2},
    {"4 MiB across a 1 GiB boundary: two 2 MiB blocks in two GiBs",
     {RAM(0x7fe00000, 0x7fe00000, 0x400000)},
     1,
     2,
     1 + 2},
    {"pa 4 KiB off the ipa's alignment: pages only",
     {RAM(0x40000000, 0x40001000, 0x200000)},
     1,
     1 + 1,
     1 + 1 + 1},
    {"2 GiB at 4 GiB: two arm64 blocks, x86 a PD each",
     {RAM(0x100000000ULL, 0x100000000ULL, 0x80000000)},
     1,
     0,
     1 + 2},
    {"a partition: RAM, two device pages, a ring, sharing tables",
     {RAM(0x44000000, 0x44000000, 0x4000000), DEVICE(0x09000000, 0x1000),
      DEVICE(0x0a003000, 0x1000), CHANNEL(0x4fff0000, 0x4fff0000, 0x10000)},
     4,
     2 + 3,
     1 + 2 + 3},
    {"adjacent regions meeting inside a 2 MiB block",
     {RAM(0x40000000, 0x40000000, 0x100000), DEVICE(0x40100000, 0x100000),
      RAM(0x40200000, 0x40200000, 0x200000)},
     3,
     1 + 1,
     1 + 1 + 1},
};

static struct g_sys sys;
static struct gen_opts opts;
static char diag[1024];
static pt_page_t root, pool[POOL_MAX];

static void select_arch(const char *arch)
{
	memset(&sys, 0, sizeof(sys));
	opts = (struct gen_opts){.dts_name = "system.dts", .arch = arch};
	opts.err = fmemopen(diag, sizeof(diag), "w");
	assert_non_null(opts.err);
	setbuf(opts.err, NULL);
	memset(diag, 0, sizeof(diag));
	sys.opt = &opts;
}

/* What the hypervisor builds: its loop, in a pool of exactly pages pages. */
static int hypervisor_build(const struct pt_desc *d, const struct layout *l, u32 pages,
			    struct pgtable *pt)
{
	struct bh_region bh[MAX_REG];
	u32 at = 0;

	for (int i = 0; i < l->n; i++)
		bh[i] = (struct bh_region){l->reg[i].ipa, l->reg[i].pa, l->reg[i].size,
					   l->reg[i].flags};
	memset(pool, 0xa5, sizeof(pool)); /* pages handed out must not need to be clean */
	pt_setup(pt, d, root, pool, pages);
	return pt_map_regions(pt, bh, (u32)l->n, &at);
}

static void count_is_what_the_hypervisor_uses(const char *arch, const struct pt_desc *d)
{
	for (size_t i = 0; i < ARRAY_SIZE(layouts); i++) {
		const struct layout *l = &layouts[i];
		int want = !strcmp(arch, "x86") ? l->x86 : l->arm64;
		struct pgtable pt;
		int count;

		select_arch(arch);
		assert_ptr_equal(gen_stage2_format(&sys), d);
		count = gen_stage2_pages(&sys, "/bulkhead/partition-a", l->reg, l->n);
		fclose(opts.err);
		if (count != want || diag[0])
			fail_msg("%s, %s: counted %d, want %d; %s", arch, l->what, count, want,
				 diag);
		assert_int_equal(sys.errors, 0);

		assert_int_equal(hypervisor_build(d, l, (u32)count, &pt), PT_OK);
		assert_int_equal(pt.used, count);
		for (int r = 0; r < l->n; r++) {
			const struct g_region *g = &l->reg[r];
			u64 attrs;

			u64 want_attrs = pt_region_attrs(d, g->flags) & d->attr_mask;

			assert_int_equal(pt_walk(&pt, g->ipa, &attrs, NULL), g->pa);
			assert_int_equal(attrs & want_attrs, want_attrs);
			assert_int_equal(pt_walk(&pt, g->ipa + g->size - 1, NULL, NULL),
					 g->pa + g->size - 1);
		}
		if (count)
			assert_int_equal(hypervisor_build(d, l, (u32)count - 1, &pt), PT_ENOMEM);
	}
}

/* REQ: BH-CFG-10 */
static void arm64_count_matches_build(void **state)
{
	(void)state;
	count_is_what_the_hypervisor_uses("arm64", &pt_desc_arm64);
}

/* REQ: BH-CFG-10 */
static void x86_count_matches_build(void **state)
{
	(void)state;
	count_is_what_the_hypervisor_uses("x86", &pt_desc_x86);
}

/*
 * 4 MiB across the 512 GiB line: x86 takes a PDPT and a PD on each side;
 * it is past arm64's 39-bit space, which the count reports as such.
 */
/* REQ: BH-CFG-10 */
static void beyond_a_pml4_entry(void **state)
{
	const struct layout l = {"", {RAM(0x7fffe00000ULL, 0x7fffe00000ULL, 0x400000)}, 1, 0, 0};
	struct pgtable pt;

	(void)state;
	select_arch("x86");
	assert_int_equal(gen_stage2_pages(&sys, "/bulkhead/partition-a", l.reg, 1), 2 + 2);
	fclose(opts.err);
	assert_string_equal(diag, "");
	assert_int_equal(hypervisor_build(&pt_desc_x86, &l, 4, &pt), PT_OK);
	assert_int_equal(hypervisor_build(&pt_desc_x86, &l, 3, &pt), PT_ENOMEM);

	select_arch("arm64");
	assert_int_equal(gen_stage2_pages(&sys, "/bulkhead/partition-a", l.reg, 1), 0);
	fclose(opts.err);
	assert_string_equal(diag, "system.dts: /bulkhead/partition-a: memory 0x7fffe00000+0x400000 "
				  "cannot be mapped in stage 2 (outside the 39-bit IPA space)\n");
	assert_int_equal(sys.errors, 1);
}

/* Every region is tried: an overlap is named, the next region still counted. */
/* REQ: BH-CFG-10 */
static void overlap_reported_and_counting_goes_on(void **state)
{
	const struct g_region reg[] = {
	    RAM(0x40000000, 0x40000000, 0x200000),
	    DEVICE(0x40100000, 0x1000),
	    DEVICE(0x09000000, 0x1000),
	};

	(void)state;
	select_arch("arm64");
	/* A level-2 table for each GiB, a level-3 table for the UART's page. */
	assert_int_equal(gen_stage2_pages(&sys, "/bulkhead/partition-a", reg, 3), 2 + 1);
	fclose(opts.err);
	assert_string_equal(diag,
			    "system.dts: /bulkhead/partition-a: /dev 0x40100000+0x1000 "
			    "cannot be mapped in stage 2 (overlaps another of its regions)\n");
	assert_int_equal(sys.errors, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(arm64_count_matches_build),
	    cmocka_unit_test(x86_count_matches_build),
	    cmocka_unit_test(beyond_a_pml4_entry),
	    cmocka_unit_test(overlap_reported_and_counting_goes_on),
	};

	return cmocka_run_group_tests_name("pgtable-count", tests, NULL, NULL);
}
