/*
 * The translation-table builder of both arches (core/pgtable.c): 4 KiB
 * tables of 512 entries from a fixed pool, laid out as a const per-arch
 * descriptor says (arch/<arch>/pgtable_desc.c). The hypervisor's own
 * tables, every partition's stage-2 or nested page table, and the
 * generator's count of their pools (tools/gen/stage2_size.c) all run it.
 */
#ifndef BULKHEAD_PGTABLE_H
#define BULKHEAD_PGTABLE_H
#include <bulkhead/types.h>

#define PT_ENTRIES 512 /* 9 bits per level, 4 KiB pages and tables on both arches */

/*
 * One architecture's table format. Levels are numbered as the architecture
 * does, the last (4 KiB pages) being 3; level l maps 1 << (12 + 9 * (3 - l)).
 * Entries are an address under addr_mask plus constant bits: no code per arch.
 */
struct pt_desc {
	int first_level;  /* the root's: arm64 1 (39-bit space), x86 0 (PML4) */
	u32 va_bits;	  /* inputs below 1 << va_bits */
	u32 pa_bits;	  /* outputs below 1 << pa_bits */
	u32 block_levels; /* BIT(level): a block may sit there, above the last level */
	u32 big_levels;	  /* BIT(level): a block too, if the table allows big_pages */
	u64 valid;	  /* set in every entry the walk follows */
	u64 addr_mask;	  /* the output address (table or block/page) in an entry */
	u64 attr_mask;	  /* the caller's attribute bits a block or page keeps */
	u64 table_mask;	  /* above the last level, a valid entry is a table ... */
	u64 table_match;  /* ... if (entry & table_mask) == table_match */
	u64 table_bits;	  /* a table entry: address | table_bits */
	u64 block_bits;	  /* a block: address | attributes | block_bits */
	u64 page_bits;	  /* a page (last level): address | attributes | page_bits */
	/* A partition's region (BH_REGION_* flags) as attributes (pt_region_attrs). */
	u64 s2_normal; /* RAM */
	u64 s2_device; /* device memory, never executable */
	u64 s2_rw;     /* added unless BH_REGION_RO */
	u64 s2_ro;     /* added if BH_REGION_RO */
	u64 s2_xn;     /* added if BH_REGION_XN */
};

/* The descriptors, one per arch (the generator links both). */
extern const struct pt_desc pt_desc_arm64;
extern const struct pt_desc pt_desc_x86;

typedef u64 pt_page_t[PT_ENTRIES] __attribute__((aligned(4096)));

struct pgtable {
	const struct pt_desc *desc;
	u64 *root;	 /* first_level's table */
	pt_page_t *pool; /* tables below it */
	u32 pool_size, used;
	bool big_pages; /* desc's big_levels allowed (x86: 1 GiB pages, CPUID 8000_0001 EDX[26]) */
};

enum { PT_OK = 0, PT_ENOMEM = -1, PT_EINVAL = -2, PT_EEXIST = -3 };

/* An empty table of format d: root cleared, pool unused, no big pages. */
void pt_setup(struct pgtable *pt, const struct pt_desc *d, u64 *root, pt_page_t *pool,
	      u32 pool_size);
/* Maps [va, va+size) to pa with attrs; blocks where alignment allows. */
int pt_map(struct pgtable *pt, u64 va, u64 pa, u64 size, u64 attrs);
/* Looks va up: its pa, or ~0 if unmapped; *attrs and *level if non-NULL. */
u64 pt_walk(const struct pgtable *pt, u64 va, u64 *attrs, int *level);

struct bh_region;
/* The attributes d gives a partition's region of these BH_REGION_* flags. */
u64 pt_region_attrs(const struct pt_desc *d, u32 flags);
/*
 * A partition's regions r[0..n) into its stage-2 or nested page table pt
 * (core/pt_regions.c): what the hypervisor builds at boot and what the
 * generator counts. On an error, stops there: *at is the region's index.
 */
int pt_map_regions(struct pgtable *pt, const struct bh_region *r, u32 n, u32 *at);

#endif
