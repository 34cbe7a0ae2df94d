// SPDX-License-Identifier: GPL-2.0
/*
 * Sizes each partition's stage-2 tables with the hypervisor's own table
 * builder (core/pgtable.c with the arch's format, built for the host), mapping exactly the
 * regions the hypervisor will map. The hypervisor's table pool is then the
 * sum, so it cannot run dry at boot and holds no slack.
 */
#include <stdlib.h>
#include <asm/pgtable.h>
#include "model.h"

#define S2_COUNT_MAX 4096 /* pages; beyond this the description is pathological */

void gen_stage2_size(struct g_sys *s)
{
	static struct g_region reg[G_MAX_PART_REGIONS];
	static pt_page_t root;
	pt_page_t *pool = aligned_alloc(4096, S2_COUNT_MAX * sizeof(pt_page_t));
	int np = s->npart < G_MAX_PARTS ? s->npart : G_MAX_PARTS;

	if (!pool) {
		gen_error(s, "/bulkhead", "out of memory sizing the stage-2 tables");
		return;
	}
	for (int i = 0; i < np; i++) {
		struct g_part *p = &s->part[i];
		int n = gen_part_regions(s, p, reg, (int)ARRAY_SIZE(reg));
		struct pgtable pt;

		if (!p->has_mem)
			continue;
		if (n > s->opt->max_regions)
			gen_error(s, p->path,
				  "%d memory, device and bus regions, more than "
				  "CONFIG_MAX_REGIONS_PER_PARTITION=%d",
				  n, s->opt->max_regions);
		pt_init(&pt, root, pool, S2_COUNT_MAX);
		for (int r = 0; r < n; r++) {
			int rc = pt_map(&pt, reg[r].ipa, reg[r].pa, reg[r].size,
					(reg[r].flags & BH_REGION_DEVICE) ? S2_MEM_DEVICE
									  : S2_MEM_NORMAL);

			if (rc == PT_ENOMEM) {
				gen_error(s, p->path,
					  "its stage-2 tables would take more than %d pages "
					  "(regions badly aligned for block mappings)",
					  S2_COUNT_MAX);
				break;
			}
			if (rc)
				gen_error(s, p->path,
					  "%s 0x%llx+0x%llx cannot be mapped in stage 2 "
					  "(%s)",
					  reg[r].what ? reg[r].what : "memory",
					  (unsigned long long)reg[r].ipa,
					  (unsigned long long)reg[r].size,
					  rc == PT_EEXIST ? "overlaps another of its regions"
							  : "outside the 39-bit IPA space");
		}
		p->s2_pages = (int)pt.used;
	}
	free(pool);
}
