// SPDX-License-Identifier: GPL-2.0
/*
 * Translation tables of either arch, as its descriptor says. Tables come
 * from a fixed pool handed in by the caller, so nothing is allocated; a
 * pool that runs dry is an error the caller reports. Mappings never
 * replace one another (PT_EEXIST): the generator has already proven that
 * regions do not overlap, and this is the second line of defence. Built
 * for the host too: the generator sizes the pools by running it.
 */
#include <string.h>
#include <bulkhead/pgtable.h>

#define LAST_LEVEL     3
#define LEVEL_SHIFT(l) (12 + 9 * (LAST_LEVEL - (l)))
#define LEVEL_SIZE(l)  (1ULL << LEVEL_SHIFT(l))
#define INDEX(va, l)   (((va) >> LEVEL_SHIFT(l)) & (PT_ENTRIES - 1))

void pt_setup(struct pgtable *pt, const struct pt_desc *d, u64 *root, pt_page_t *pool,
	      u32 pool_size)
{
	pt->desc = d;
	pt->root = root;
	pt->pool = pool;
	pt->pool_size = pool_size;
	pt->used = 0;
	pt->big_pages = false;
	memset(root, 0, PT_ENTRIES * sizeof(u64));
}

/* A valid entry above the last level that points to a table (not a block). */
static bool is_table(const struct pt_desc *d, u64 e, int level)
{
	return (e & d->valid) && level < LAST_LEVEL && (e & d->table_mask) == d->table_match;
}

static u64 *next_table(struct pgtable *pt, u64 *entry, int level)
{
	const struct pt_desc *d = pt->desc;
	u64 *t;

	if (*entry & d->valid)
		return is_table(d, *entry, level) ? (u64 *)(uintptr_t)(*entry & d->addr_mask)
						  : NULL; /* a block is in the way */
	if (pt->used == pt->pool_size)
		return NULL;
	t = pt->pool[pt->used++];
	memset(t, 0, sizeof(pt_page_t));
	*entry = ((u64)(uintptr_t)t & d->addr_mask) | d->table_bits;
	return t;
}

/* A block or page may sit at level (pages always; blocks where d allows them). */
static bool leaf_ok(const struct pgtable *pt, int level)
{
	u32 bit = 1U << (u32)level;

	return level == LAST_LEVEL || (pt->desc->block_levels & bit) ||
	       (pt->big_pages && (pt->desc->big_levels & bit));
}

static int map_level(struct pgtable *pt, u64 *table, int level, u64 va, u64 pa, u64 size, u64 attrs)
{
	const struct pt_desc *d = pt->desc;
	/* Read once: to the compiler, the entry stores below may change *d. */
	const u64 valid = d->valid;
	const u64 addr_mask = d->addr_mask;
	const u64 leaf =
	    (attrs & d->attr_mask) | (level == LAST_LEVEL ? d->page_bits : d->block_bits);
	const u64 lsz = LEVEL_SIZE(level);
	const bool leaf_here = leaf_ok(pt, level);

	while (size) {
		u64 *e = &table[INDEX(va, level)];
		u64 chunk = lsz - (va & (lsz - 1));

		if (chunk > size)
			chunk = size;
		/* A block needs va, pa and length aligned to the level (the last: a page). */
		if (chunk == lsz && IS_ALIGNED(pa, lsz) && leaf_here) {
			if (*e & valid)
				return PT_EEXIST;
			*e = (pa & addr_mask) | leaf;
		} else {
			u64 *next;
			int rc;

			if (level == LAST_LEVEL)
				return PT_EINVAL;
			next = next_table(pt, e, level);
			if (!next)
				return (*e & valid) ? PT_EEXIST : PT_ENOMEM;
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
	const struct pt_desc *d = pt->desc;

	if (!IS_ALIGNED(va | pa | size, 0x1000ULL) || !size)
		return PT_EINVAL;
	if (va + size < va || va + size > (1ULL << d->va_bits) || pa + size < pa ||
	    pa + size > (1ULL << d->pa_bits))
		return PT_EINVAL;
	return map_level(pt, pt->root, d->first_level, va, pa, size, attrs);
}

u64 pt_walk(const struct pgtable *pt, u64 va, u64 *attrs, int *level)
{
	const struct pt_desc *d = pt->desc;
	const u64 *t = pt->root;

	if (va >= (1ULL << d->va_bits))
		return ~0ULL;
	for (int l = d->first_level; l <= LAST_LEVEL; l++) {
		u64 e = t[INDEX(va, l)];

		if (!(e & d->valid))
			return ~0ULL;
		if (!is_table(d, e, l)) {
			if (attrs)
				*attrs = e & d->attr_mask;
			if (level)
				*level = l;
			return (e & d->addr_mask & ~(LEVEL_SIZE(l) - 1)) |
			       (va & (LEVEL_SIZE(l) - 1));
		}
		t = (const u64 *)(uintptr_t)(e & d->addr_mask);
	}
	return ~0ULL;
}
