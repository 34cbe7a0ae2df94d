// SPDX-License-Identifier: GPL-2.0
/*
 * Page tables from a fixed pool handed in by the caller: nothing is
 * allocated, a pool that runs dry is an error the caller reports, and a
 * mapping never replaces another (PT_EEXIST), the second line of defence
 * behind the generator's overlap checks. Levels are numbered 0 (PML4) to 3
 * (PT); blocks are 1 GiB at level 1 and 2 MiB at level 2.
 */
#include <string.h>
#include <asm/pgtable.h>

#define LEVEL_SHIFT(l) (12 + 9 * (3 - (l)))
#define LEVEL_SIZE(l)  (1ULL << LEVEL_SHIFT(l))
#define INDEX(va, l)   (((va) >> LEVEL_SHIFT(l)) & (PT_ENTRIES - 1))
/* Table entries let everything through; the leaf decides. */
#define TABLE_ATTRS (PTE_VALID | PTE_RW | PTE_US)

void pt_init(struct pgtable *pt, u64 *root, pt_page_t *pool, u32 pool_size)
{
	pt->root = root;
	pt->pool = pool;
	pt->pool_size = pool_size;
	pt->used = 0;
	pt->big_pages = false;
	memset(root, 0, PT_ENTRIES * sizeof(u64));
}

static bool is_table(u64 e, int level)
{
	return (e & PTE_VALID) && level < 3 && !(e & PTE_PS);
}

static u64 *next_table(struct pgtable *pt, u64 *entry, int level)
{
	u64 *t;

	if (*entry & PTE_VALID)
		return is_table(*entry, level) ? (u64 *)(uintptr_t)(*entry & PTE_ADDR_MASK) : NULL;
	if (pt->used == pt->pool_size)
		return NULL;
	t = pt->pool[pt->used++];
	memset(t, 0, sizeof(pt_page_t));
	*entry = ((u64)(uintptr_t)t & PTE_ADDR_MASK) | TABLE_ATTRS;
	return t;
}

static bool block_ok(const struct pgtable *pt, int level)
{
	return level == 3 || level == 2 || (level == 1 && pt->big_pages);
}

static int map_level(struct pgtable *pt, u64 *table, int level, u64 va, u64 pa, u64 size, u64 attrs)
{
	while (size) {
		u64 *e = &table[INDEX(va, level)];
		u64 lsz = LEVEL_SIZE(level);
		u64 chunk = lsz - (va & (lsz - 1));

		if (chunk > size)
			chunk = size;
		if (chunk == lsz && IS_ALIGNED(pa, lsz) && block_ok(pt, level)) {
			if (*e & PTE_VALID)
				return PT_EEXIST;
			*e = (pa & PTE_ADDR_MASK) | (attrs & PTE_ATTR_MASK) | PTE_VALID |
			     (level < 3 ? PTE_PS : 0);
		} else {
			u64 *next;
			int rc;

			if (level == 3)
				return PT_EINVAL;
			next = next_table(pt, e, level);
			if (!next)
				return (*e & PTE_VALID) ? PT_EEXIST : PT_ENOMEM;
			rc = map_level(pt, next, level + 1, va, pa, chunk, attrs);
			if (rc)
				return rc;
		}
		va += chunk;
		pa += chunk;
		size -= chunk;
	}
	return PT_OK;
}

int pt_map(struct pgtable *pt, u64 va, u64 pa, u64 size, u64 attrs)
{
	if (!IS_ALIGNED(va | pa | size, 0x1000ULL) || !size)
		return PT_EINVAL;
	/* Low half only: partitions' guest-physical space and the identity map. */
	if (va + size < va || va + size > (1ULL << (PT_VA_BITS - 1)) || pa + size < pa ||
	    pa + size > (1ULL << 52))
		return PT_EINVAL;
	return map_level(pt, pt->root, 0, va, pa, size, attrs);
}

u64 pt_walk(const struct pgtable *pt, u64 va, u64 *attrs, int *level)
{
	const u64 *t = pt->root;

	if (va >= (1ULL << (PT_VA_BITS - 1)))
		return ~0ULL;
	for (int l = 0; l <= 3; l++) {
		u64 e = t[INDEX(va, l)];

		if (!(e & PTE_VALID))
			return ~0ULL;
		if (!is_table(e, l)) {
			if (attrs)
				*attrs = e & PTE_ATTR_MASK;
			if (level)
				*level = l;
			return (e & PTE_ADDR_MASK & ~(LEVEL_SIZE(l) - 1)) |
			       (va & (LEVEL_SIZE(l) - 1));
		}
		t = (const u64 *)(uintptr_t)(e & PTE_ADDR_MASK);
	}
	return ~0ULL;
}
