// SPDX-License-Identifier: GPL-2.0
/*
 * Stage-2 translation per partition, built once from the generated region
 * table: its RAM (normal memory) and its devices (device memory, never
 * executable). Anything else, including the emulated UART and GIC, faults
 * to EL2.
 */
#include <asm/gic.h>
#include <asm/pgtable.h>
#include <asm/sysreg.h>
#include "console.h"
#include "arm64.h"
#include "partition.h"

u64 stage2_vtcr(void)
{
	u64 pa = read_sysreg(id_aa64mmfr0_el1) & 0xf;

	return (64 - PT_VA_BITS) | (1ULL << 6) | (1ULL << 8) | (1ULL << 10) | (3ULL << 12) |
	       ((pa > 2 ? 2 : pa) << 16) | BIT(31);
}

int arch_partition_init(struct partition *p)
{
	const struct bh_partition *c = p->cfg;
	struct pgtable *pt = &p->arch.s2;

	/* Sized by bulkhead-gen with this same builder: the pool fits exactly. */
	u64 *root = bh_system.s2_tables[c->s2_first];

	pt_init(pt, root, &bh_system.s2_tables[c->s2_first + 1], c->s2_pages);
	for (u32 i = 0; i < c->nr_regions; i++) {
		const struct bh_region *r = &c->regions[i];
		u64 attrs = (r->flags & BH_REGION_DEVICE) ? S2_MEM_DEVICE | S2_XN
							  : S2_MEM_NORMAL | PTE_SH_INNER;
		int rc;

		attrs |= (r->flags & BH_REGION_RO) ? S2_AP_RO : S2_AP_RW;
		if (r->flags & BH_REGION_XN)
			attrs |= S2_XN;
		rc = pt_map(pt, r->ipa, r->pa, r->size, attrs);
		if (rc) {
			log_printf("%s: cannot map 0x%llx+0x%llx in stage 2 (%s)", c->name,
				   (unsigned long long)r->ipa, (unsigned long long)r->size,
				   rc == PT_ENOMEM ? "table pool exhausted"
						   : "overlap or bad range");
			return -1;
		}
	}
	p->arch.vttbr = ((u64)(c->id + 1) << 48) | (u64)(uintptr_t)root;
	for (u32 i = 0; i < c->nr_spis; i++)
		gic_spi_route(c->spis[i], bh_system.cpu_mpidr[c->cpus[0]]);
	return 0;
}
