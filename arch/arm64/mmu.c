// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor's own EL2 translation: an identity map of all board RAM
 * (it loads and scrubs partition memory) and of the devices it drives. One
 * set of tables, built by the boot CPU, used by all CPUs. W^X: its text is
 * read-only and the only executable memory, its rodata read-only, the rest
 * (its data, partition RAM, devices) never executable (SCTLR_EL2.WXN too).
 */
#include <bulkhead/hv_config.h>
#include <asm/pgtable.h>
#include <asm/sysreg.h>
#include "console.h"

#define MAIR_VALUE 0x000000000000ff0400ULL /* attr0 nGnRnE, attr1 nGnRE, attr2 WB */

static pt_page_t el2_root __noinit;
static pt_page_t el2_pool[16] __noinit;
static struct pgtable el2_pt;

static u64 pa_bits_field(void)
{
	u64 pa = read_sysreg(id_aa64mmfr0_el1) & 0xf;

	return pa > 2 ? 2 : pa; /* 40 bits are plenty for a 39-bit map */
}

static void map_or_die(u64 base, u64 size, u64 attrs, const char *what)
{
	u64 b = base & ~0xfffULL, e = ALIGN_UP(base + size, 0x1000ULL);
	int rc = pt_map(&el2_pt, b, b, e - b, attrs);

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

void mmu_init_tables(void)
{
	const u64 normal = S1_ATTR_NORMAL | PTE_SH_INNER;
	const u64 device = S1_ATTR_DEVICE | S1_AP_RW | S1_XN;
	u64 text = (u64)_head_start, ro = (u64)__text_end, rw = (u64)__rodata_end;

	pt_init(&el2_pt, el2_root, el2_pool, ARRAY_SIZE(el2_pool));
	map_or_die(text, ro - text, normal | S1_AP_RO, "the hypervisor's text");
	map_or_die(ro, rw - ro, normal | S1_AP_RO | S1_XN, "the hypervisor's rodata");
	for (u32 i = 0; i < bh_system.nr_ram; i++) {
		const struct bh_region *r = &bh_system.ram[i];

		map_around(r->pa, r->pa + r->size, text, rw, normal | S1_AP_RW | S1_XN);
	}
	map_or_die(bh_system.uart_pa, 0x1000, device, "the console UART");
	if (bh_system.rollback_size) {
		map_or_die(bh_system.rollback_bank_pa, 0x1000, device, "the rollback store's flash");
		map_or_die(bh_system.rollback_pa, bh_system.rollback_size, device,
			   "the rollback store");
	}
	map_or_die(bh_system.gicd_pa, 0x10000, device, "the GIC distributor");
	map_or_die(bh_system.gicr_pa, bh_system.gicr_size, device, "the GIC redistributors");
}

void mmu_enable(void)
{
	u64 tcr = (64 - PT_VA_BITS) | (1ULL << 8) | (1ULL << 10) | (3ULL << 12) |
		  (pa_bits_field() << 16) | BIT(23) | BIT(31);

	write_sysreg(mair_el2, MAIR_VALUE);
	write_sysreg(tcr_el2, tcr);
	write_sysreg(ttbr0_el2, (u64)el2_root);
	dsb_sy();
	__asm__ volatile("tlbi alle2" ::: "memory");
	dsb_sy();
	isb();
	/* M, C, I, WXN on; SA off; RES1 bits as at reset. */
	write_sysreg(sctlr_el2, 0x30c50830UL | BIT(0) | BIT(2) | BIT(12) | BIT(19));
	isb();
}
