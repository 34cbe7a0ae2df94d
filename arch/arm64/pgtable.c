// SPDX-License-Identifier: GPL-2.0
/*
 * Translation tables. Tables come from a fixed pool handed in by the
 * caller, so nothing is allocated; a pool that runs dry is an error the
 * caller reports. Mappings never replace one another (PT_EEXIST): the
 * generator has already proven that regions do not overlap, and this is
 * the second line of defence.
 */
#include <string.h>
#include <asm/pgtable.h>

#define LEVEL_SHIFT(l) (12 + 9 * (3 - (l)))
#define LEVEL_SIZE(l)  (1ULL << LEVEL_SHIFT(l))
#define INDEX(va, l)   (((va) >> LEVEL_SHIFT(l)) & (PT_ENTRIES - 1))

void pt_init(struct pgtable *pt, u64 *root, pt_page_t *pool, u32 pool_size)
{
	pt->root = root;
	pt->pool = pool;
	pt->pool_size = pool_size;
	pt->used = 0;
	memset(root, 0, PT_ENTRIES * sizeof(u64));
}

static u64 *next_table(struct pgtable *pt, u64 *entry)
{
	u64 *t;

	if (*entry & PTE_VALID) {
		if (!(*entry & PTE_TABLE))
			return NULL; /* a block is in the way */
		return (u64 *)(uintptr_t)(*entry & PTE_ADDR_MASK);
	}
	if (pt->used == pt->pool_size)
		return NULL;
	t = pt->pool[pt->used++];
	memset(t, 0, sizeof(pt_page_t));
	*entry = ((u64)(uintptr_t)t & PTE_ADDR_MASK) | PTE_TABLE | PTE_VALID;
	return t;
}

static int map_level(struct pgtable *pt, u64 *table, int level, u64 va, u64 pa, u64 size, u64 attrs)
{
	while (size) {
		u64 *e = &table[INDEX(va, level)];
		u64 lsz = LEVEL_SIZE(level);
		u64 chunk = lsz - (va & (lsz - 1));

		if (chunk > size)
			chunk = size;
		/* A block needs va, pa and length aligned to the level (L3: a page). */
		if (chunk == lsz && IS_ALIGNED(pa, lsz)) {
			if (*e & PTE_VALID)
				return PT_EEXIST;
			*e = (pa & PTE_ADDR_MASK) | (attrs & PTE_ATTR_MASK) | PTE_AF | PTE_VALID |
			     (level == 3 ? PTE_TABLE : 0);
		} else {
			u64 *next;
			int rc;

			if (level == 3)
				return PT_EINVAL;
			next = next_table(pt, e);
			if (!next)
				return (*e & PTE_VALID) && !(*e & PTE_TABLE) ? PT_EEXIST
									     : PT_ENOMEM;
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
	if (va + size < va || va + size > (1ULL << PT_VA_BITS) || pa + size < pa ||
	    pa + size > (1ULL << 48))
		return PT_EINVAL;
	return map_level(pt, pt->root, 1, va, pa, size, attrs);
}

u64 pt_walk(const struct pgtable *pt, u64 va, u64 *attrs, int *level)
{
	const u64 *t = pt->root;

	if (va >= (1ULL << PT_VA_BITS))
		return ~0ULL;
	for (int l = 1; l <= 3; l++) {
		u64 e = t[INDEX(va, l)];

		if (!(e & PTE_VALID))
			return ~0ULL;
		if (l == 3 || !(e & PTE_TABLE)) {
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
