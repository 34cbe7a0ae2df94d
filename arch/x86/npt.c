// SPDX-License-Identifier: GPL-2.0
/*
 * Nested page table per partition, built once from the generated region
 * table: its RAM (write-back) and its devices (uncached, never executed).
 * Anything else, including the emulated UART's ports (I/O, intercepted),
 * is a nested page fault.
 */
#include <asm/io.h>
#include <asm/pgtable.h>
#include "console.h"
#include "partition.h"
#include "x86.h"

int arch_partition_init(struct partition *p)
{
	const struct bh_partition *c = p->cfg;
	struct pgtable *pt = &p->arch.npt;
	u64 *root = bh_system.s2_tables[c->s2_first];

	/* Sized by bulkhead-gen with this same builder (without 1 GiB pages): it fits. */
	pt_init(pt, root, &bh_system.s2_tables[c->s2_first + 1], c->s2_pages);
	for (u32 i = 0; i < c->nr_regions; i++) {
		const struct bh_region *r = &c->regions[i];
		u64 attrs = (r->flags & BH_REGION_DEVICE) ? S2_MEM_DEVICE | S2_XN : S2_MEM_NORMAL;
		int rc;

		if (r->flags & BH_REGION_RO)
			attrs &= ~PTE_RW;
		if (r->flags & BH_REGION_XN)
			attrs |= S2_XN;
		rc = pt_map(pt, r->ipa, r->pa, r->size, attrs);
		if (rc) {
			log_printf("%s: cannot map 0x%llx+0x%llx in its nested page table (%s)",
				   c->name, (unsigned long long)r->ipa, (unsigned long long)r->size,
				   rc == PT_ENOMEM ? "table pool exhausted"
						   : "overlap or bad range");
			return -1;
		}
	}
	p->arch.ncr3 = (u64)(uintptr_t)root;
	iopm_init(p);
	vioapic_init(p, ioapic_pins);
	return 0;
}
