// SPDX-License-Identifier: GPL-2.0
/*
 * Nested page table per partition, built once from the generated region
 * table (core/partition_map.c, attributes from pgtable_desc.c): its RAM
 * (write-back) and its devices (uncached, never executed). Anything else,
 * including the emulated UART's ports (I/O, intercepted), is a nested
 * page fault.
 */
#include <asm/io.h>
#include "partition.h"
#include "x86.h"

int arch_partition_init(struct partition *p)
{
	if (partition_map(p, &p->arch.npt, "its nested page table"))
		return -1;
	p->arch.ncr3 = (u64)(uintptr_t)p->arch.npt.root;
	iopm_init(p);
	vioapic_init(p, ioapic_pins);
	return 0;
}
