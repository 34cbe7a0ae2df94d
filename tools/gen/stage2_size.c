// SPDX-License-Identifier: GPL-2.0
/*
 * Sizes each partition's stage-2 / nested page table by building it: the
 * hypervisor's own region loop and table builder (core/pt_regions.c,
 * core/pgtable.c, built for the host) with the board's arch format and the
 * same attributes, mapping exactly the regions the hypervisor will map,
 * against a pool that only counts the pages it hands out. The hypervisor's
 * table pool is then the sum, so it cannot run dry at boot and holds no slack.
 */
#include <stdlib.h>
#include <bulkhead/pgtable.h>
#include "model.h"

#define S2_COUNT_MAX 4096 /* pages; beyond this the description is pathological */

const struct pt_desc *gen_stage2_format(const struct g_sys *s)
{
	return gen_x86(s) ? &pt_desc_x86 : &pt_desc_arm64;
}

int gen_stage2_pages(struct g_sys *s, const char *path, const struct g_region *reg, int n)
{
	static struct bh_region bh[G_MAX_PART_REGIONS];
	static pt_page_t root;
	const struct pt_desc *d = gen_stage2_format(s);
	pt_page_t *pool = aligned_alloc(4096, S2_COUNT_MAX * sizeof(pt_page_t));
	struct pgtable pt;
	u32 at = 0;
	int pages;

	if (!pool) {
		gen_error(s, "/bulkhead", "out of memory sizing the stage-2 tables");
		return -1;
	}
	if (n > (int)ARRAY_SIZE(bh))
		n = (int)ARRAY_SIZE(bh);
	for (int r = 0; r < n; r++)
		bh[r] = (struct bh_region){reg[r].ipa, reg[r].pa, reg[r].size, reg[r].flags};
	pt_setup(&pt, d, root, pool, S2_COUNT_MAX);
	/* Past a region that cannot be mapped to the next, to report them all. */
	for (u32 start = 0; start < (u32)n; start += at + 1) {
		int rc = pt_map_regions(&pt, &bh[start], (u32)n - start, &at);
		const struct g_region *r = &reg[start + at];

		if (rc == PT_OK)
			break;
		if (rc == PT_ENOMEM) {
			gen_error(s, path,
				  "its stage-2 tables would take more than %d pages "
				  "(regions badly aligned for block mappings)",
				  S2_COUNT_MAX);
			break;
		}
		if (rc == PT_EEXIST)
			gen_error(s, path,
				  "%s 0x%llx+0x%llx cannot be mapped in stage 2 (overlaps another "
				  "of its regions)",
				  r->what ? r->what : "memory", (unsigned long long)r->ipa,
				  (unsigned long long)r->size);
		else
			gen_error(
			    s, path,
			    "%s 0x%llx+0x%llx cannot be mapped in stage 2 (outside the %u-bit "
			    "IPA space)",
			    r->what ? r->what : "memory", (unsigned long long)r->ipa,
			    (unsigned long long)r->size, d->va_bits);
	}
	pages = (int)pt.used;
	free(pool);
	return pages;
}

void gen_stage2_size(struct g_sys *s)
{
	static struct g_region reg[G_MAX_PART_REGIONS];
	int np = s->npart < G_MAX_PARTS ? s->npart : G_MAX_PARTS;

	for (int i = 0; i < np; i++) {
		struct g_part *p = &s->part[i];
		int n = gen_part_regions(s, p, reg, (int)ARRAY_SIZE(reg));

		if (!p->has_mem)
			continue;
		if (n > s->opt->max_regions)
			gen_error(s, p->path,
				  "%d memory, device and bus regions, more than "
				  "CONFIG_MAX_REGIONS_PER_PARTITION=%d",
				  n, s->opt->max_regions);
		int pages = gen_stage2_pages(s, p->path, reg, n);

		if (pages < 0)
			return;
		p->s2_pages = pages;
	}
}
