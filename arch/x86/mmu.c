// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor's own page tables, replacing u-boot's: an identity map of
 * all board RAM (it loads and scrubs partition memory) and of the devices
 * it drives. One set of tables, built by the boot CPU, used by all CPUs.
 * W^X: its text is read-only and the only executable memory, its rodata
 * read-only, the rest (its data, partition RAM, devices) never executable.
 */
#include <bulkhead/hv_config.h>
#include <asm/io.h>
#include <asm/lapic.h>
#include <asm/pgtable.h>
#include "hv_map.h"
#include "x86.h"

static pt_page_t hv_root __noinit;
static pt_page_t hv_pool[32] __noinit;
static struct pgtable hv_pt;

void mmu_init(void)
{
	const u64 device = S1_ATTR_DEVICE | PTE_NX;
	u32 a, b, c, d;

	pt_init(&hv_pt, hv_root, hv_pool, ARRAY_SIZE(hv_pool));
	cpuid(0x80000001, 0, &a, &b, &c, &d);
	hv_pt.big_pages = d & BIT(26);
	hv_map_common(&hv_pt, 0, PTE_NX, S1_ATTR_NORMAL | PTE_NX, device);
	hv_map(&hv_pt, LAPIC_BASE, 0x1000, device, "the local APIC");
	if (bh_system.ioapic_pa)
		hv_map(&hv_pt, bh_system.ioapic_pa, 0x1000, device, "the IOAPIC");
}

void mmu_enable(void)
{
	u64 cr4;

	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	__asm__ volatile("mov %0, %%cr4" : : "r"(cr4 & ~BIT(7))); /* PGE off: flush globals too */
	__asm__ volatile("mov %0, %%cr3" : : "r"((u64)(uintptr_t)hv_root) : "memory");
	__asm__ volatile("mov %0, %%cr4" : : "r"(cr4 | BIT(7)));
}

/* For the application processors' entry (smp.c, ap_boot.S). */
u64 mmu_root(void)
{
	return (u64)(uintptr_t)hv_root;
}
