// SPDX-License-Identifier: GPL-2.0
/*
 * The x86-64 4-level format for core/pgtable.c: walks start at the PML4
 * (level 0), only the low half (47 bits) is mapped, 2 MiB blocks at level
 * 2 and 1 GiB blocks at level 1 where the CPU has them (big_pages); PS
 * marks a block. Table entries let everything through (the leaf decides).
 */
#include <asm/pgtable.h>

const struct pt_desc pt_desc_x86 = {
    .first_level = 0,
    .va_bits = PT_VA_BITS - 1,
    .pa_bits = 52,
    .block_levels = BIT(2),
    .big_levels = BIT(1),
    .valid = PTE_VALID,
    .addr_mask = PTE_ADDR_MASK,
    .attr_mask = PTE_ATTR_MASK,
    .table_mask = PTE_PS,
    .table_match = 0,
    .table_bits = PTE_VALID | PTE_RW | PTE_US,
    .block_bits = PTE_PS | PTE_VALID,
    .page_bits = PTE_VALID,
    /* Read-only is the absence of RW. */
    .s2_normal = S2_MEM_NORMAL & ~PTE_RW,
    .s2_device = (S2_MEM_DEVICE | S2_XN) & ~PTE_RW,
    .s2_rw = PTE_RW,
    .s2_ro = S2_AP_RO,
    .s2_xn = S2_XN,
};
