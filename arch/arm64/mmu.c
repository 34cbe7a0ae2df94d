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
#include "arm64.h"
#include "hv_map.h"

#define MAIR_VALUE 0x000000000000ff0400ULL /* attr0 nGnRnE, attr1 nGnRE, attr2 WB */

static pt_page_t el2_root __noinit;
static pt_page_t el2_pool[16] __noinit;
static struct pgtable el2_pt;

static u64 pa_bits_field(void)
{
	u64 pa = read_sysreg(id_aa64mmfr0_el1) & 0xf;

	return pa > 2 ? 2 : pa; /* 40 bits are plenty for a 39-bit map */
}

void mmu_init_tables(void)
{
	const u64 normal = S1_ATTR_NORMAL | PTE_SH_INNER;
	const u64 device = S1_ATTR_DEVICE | S1_AP_RW | S1_XN;

	pt_init(&el2_pt, el2_root, el2_pool, ARRAY_SIZE(el2_pool));
	hv_map_common(&el2_pt, normal | S1_AP_RO, normal | S1_AP_RO | S1_XN,
		      normal | S1_AP_RW | S1_XN, device);
	hv_map(&el2_pt, bh_system.uart_pa, 0x1000, device, "the console UART");
	hv_map(&el2_pt, bh_system.gicd_pa, 0x10000, device, "the GIC distributor");
#ifdef CONFIG_ARM64_GICV2
	hv_map(&el2_pt, bh_system.gicc_pa, 0x2000, device, "the GIC CPU interface");
	hv_map(&el2_pt, bh_system.gich_pa, 0x1000, device, "the GIC virtual interface control");
#else
	hv_map(&el2_pt, bh_system.gicr_pa, bh_system.gicr_size, device, "the GIC redistributors");
#endif
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
