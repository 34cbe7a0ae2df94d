// SPDX-License-Identifier: GPL-2.0
/*
 * A partition's stage-2 (arm64) or nested (x86) page table, built once
 * from its generated region table in its own slice of the table pool:
 * its RAM, its devices and its bus regions. Anything else faults to the
 * hypervisor.
 */
#include "console.h"
#include "partition.h"

int partition_map(struct partition *p, struct pgtable *pt, const char *space)
{
	const struct bh_partition *c = p->cfg;
	u32 at = 0;
	int rc;

	/* Sized by bulkhead-gen with this same loop and format: the pool fits exactly. */
	pt_init(pt, bh_system.s2_tables[c->s2_first], &bh_system.s2_tables[c->s2_first + 1],
		c->s2_pages);
	rc = pt_map_regions(pt, c->regions, c->nr_regions, &at);
	if (rc) {
		log_printf("%s: cannot map 0x%llx+0x%llx in %s (%s)", c->name,
			   (unsigned long long)c->regions[at].ipa,
			   (unsigned long long)c->regions[at].size, space,
			   rc == PT_ENOMEM ? "table pool exhausted" : "overlap or bad range");
		return -1;
	}
	return 0;
}
