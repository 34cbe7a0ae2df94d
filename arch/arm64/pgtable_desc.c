// SPDX-License-Identifier: GPL-2.0
/*
 * The arm64 table format for core/pgtable.c: walks start at level 1 (39-bit
 * space), blocks of 1 GiB and 2 MiB at levels 1 and 2, bit 1 marks a table
 * (levels 1-2) or a page (level 3), every leaf has its access flag set.
 * Partition RAM is inner shareable; stage-2 access permissions are S2AP.
 */
#include <asm/pgtable.h>

const struct pt_desc pt_desc_arm64 = {
    .first_level = 1,
    .va_bits = PT_VA_BITS,
    .pa_bits = 48,
    .block_levels = BIT(1) | BIT(2),
    .big_levels = 0,
    .valid = PTE_VALID,
    .addr_mask = PTE_ADDR_MASK,
    .attr_mask = PTE_ATTR_MASK,
    .table_mask = PTE_TABLE,
    .table_match = PTE_TABLE,
    .table_bits = PTE_TABLE | PTE_VALID,
    .block_bits = PTE_AF | PTE_VALID,
    .page_bits = PTE_AF | PTE_TABLE | PTE_VALID,
    .s2_normal = S2_MEM_NORMAL | PTE_SH_INNER,
    .s2_device = S2_MEM_DEVICE | S2_XN,
    .s2_rw = S2_AP_RW,
    .s2_ro = S2_AP_RO,
    .s2_xn = S2_XN,
};
