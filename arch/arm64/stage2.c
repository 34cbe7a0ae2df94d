// SPDX-License-Identifier: GPL-2.0
/*
 * Stage-2 translation per partition, built once from the generated region
 * table (core/partition_map.c, attributes from pgtable_desc.c): its RAM
 * (normal memory) and its devices (device memory, never executable).
 * Anything else, including the emulated UART and GIC, faults to EL2.
 */
#include <asm/gic.h>
#include <asm/pgtable.h>
#include <asm/sysreg.h>
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

	if (partition_map(p, &p->arch.s2, "stage 2"))
		return -1;
	p->arch.vttbr = ((u64)(c->id + 1) << 48) | (u64)(uintptr_t)p->arch.s2.root;
	for (u32 i = 0; i < c->nr_spis; i++)
		gic_spi_route(c->spis[i], bh_system.cpu_mpidr[c->cpus[0]]);
	return 0;
}
