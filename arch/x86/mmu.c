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
#include "console.h"

static pt_page_t hv_root __noinit;
static pt_page_t hv_pool[32] __noinit;
static struct pgtable hv_pt;

static void map_or_die(u64 base, u64 size, u64 attrs, const char *what)
{
	u64 b = base & ~0xfffULL, e = ALIGN_UP(base + size, 0x1000ULL);
	int rc = pt_map(&hv_pt, b, b, e - b, attrs);

	if (rc && rc != PT_EEXIST)
		log_printf("fatal: cannot map %s at 0x%llx (%d)", what, (unsigned long long)base, rc);
}

extern char _head_start[], __text_end[], __rodata_end[];

/* [b, e) of RAM with attrs, minus the hole [hb, he) (the hypervisor image). */
static void map_around(u64 b, u64 e, u64 hb, u64 he, u64 attrs)
{
	if (he <= b || hb >= e) {
		map_or_die(b, e - b, attrs, "RAM");
		return;
	}
	if (b < hb)
		map_or_die(b, hb - b, attrs, "RAM");
	if (he < e)
		map_or_die(he, e - he, attrs, "RAM");
}

void mmu_init(void)
{
	const u64 device = S1_ATTR_DEVICE | PTE_NX;
	u64 text = (u64)(uintptr_t)_head_start, ro = (u64)(uintptr_t)__text_end;
	u64 rw = (u64)(uintptr_t)__rodata_end;
	u32 a, b, c, d;

	pt_init(&hv_pt, hv_root, hv_pool, ARRAY_SIZE(hv_pool));
	cpuid(0x80000001, 0, &a, &b, &c, &d);
	hv_pt.big_pages = d & BIT(26);
	map_or_die(text, ro - text, 0, "the hypervisor's text");
	map_or_die(ro, rw - ro, PTE_NX, "the hypervisor's rodata");
	for (u32 i = 0; i < bh_system.nr_ram; i++) {
		const struct bh_region *r = &bh_system.ram[i];

		map_around(r->pa, r->pa + r->size, text, rw, S1_ATTR_NORMAL | PTE_NX);
	}
	map_or_die(LAPIC_BASE, 0x1000, device, "the local APIC");
	if (bh_system.rollback_size) {
		map_or_die(bh_system.rollback_bank_pa, 0x1000, device, "the rollback store's flash");
		map_or_die(bh_system.rollback_pa, bh_system.rollback_size, device,
			   "the rollback store");
	}
}

void mmu_enable(void)
{
	u64 cr4;

	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	__asm__ volatile("mov %0, %%cr4" : : "r"(cr4 & ~BIT(7))); /* PGE off: flush globals too */
	__asm__ volatile("mov %0, %%cr3" : : "r"((u64)(uintptr_t)hv_root) : "memory");
	__asm__ volatile("mov %0, %%cr4" : : "r"(cr4 | BIT(7)));
}
