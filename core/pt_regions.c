// SPDX-License-Identifier: GPL-2.0
/*
 * A partition's regions (the generated region table) as mappings of its
 * stage-2 or nested page table, the attributes from the arch's descriptor.
 * The one loop the hypervisor builds them with (partition_map.c) and the
 * generator counts their pool with (tools/gen/stage2_size.c).
 */
#include <bulkhead/hv_config.h>
#include <bulkhead/pgtable.h>

u64 pt_region_attrs(const struct pt_desc *d, u32 flags)
{
	u64 attrs = (flags & BH_REGION_DEVICE) ? d->s2_device : d->s2_normal;

	attrs |= (flags & BH_REGION_RO) ? d->s2_ro : d->s2_rw;
	if (flags & BH_REGION_XN)
		attrs |= d->s2_xn;
	return attrs;
}

int pt_map_regions(struct pgtable *pt, const struct bh_region *r, u32 n, u32 *at)
{
	for (u32 i = 0; i < n; i++) {
		int rc =
		    pt_map(pt, r[i].ipa, r[i].pa, r[i].size, pt_region_attrs(pt->desc, r[i].flags));

		if (rc) {
			*at = i;
			return rc;
		}
	}
	return PT_OK;
}
