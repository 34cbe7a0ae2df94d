/*
 * arm64 translation tables (4 KiB granule, 39-bit address space, walk
 * starting at level 1): the entry bits and attributes of the hypervisor's
 * own EL2 tables and of every partition's stage-2 tables. The builder is
 * core/pgtable.c, with this arch's descriptor (pgtable_desc.c).
 */
#ifndef ASM_PGTABLE_H
#define ASM_PGTABLE_H
#include <bulkhead/pgtable.h>

#define PT_VA_BITS 39

/* Descriptor bits common to both regimes. */
#define PTE_VALID     BIT(0)
#define PTE_TABLE     BIT(1) /* table (levels 1-2) or page (level 3) */
#define PTE_AF	      BIT(10)
#define PTE_SH_INNER  (3ULL << 8)
#define PTE_ADDR_MASK 0x0000fffffffff000ULL
#define PTE_ATTR_MASK (~PTE_ADDR_MASK & ~3ULL)

/* EL2 stage 1 (MAIR_EL2 index in AttrIndx[4:2]). */
#define S1_ATTR_DEVICE (1ULL << 2) /* MAIR attr1: Device-nGnRE */
#define S1_ATTR_NORMAL (2ULL << 2) /* MAIR attr2: Normal WB */
#define S1_AP_RW       (1ULL << 6)
#define S1_AP_RO       (3ULL << 6) /* AP[2]: read-only */
#define S1_XN	       BIT(54)

/* Stage 2. */
#define S2_MEM_DEVICE (1ULL << 2)  /* MemAttr 0b0001: Device-nGnRE */
#define S2_MEM_NORMAL (15ULL << 2) /* MemAttr 0b1111: Normal WB */
#define S2_AP_RO      (1ULL << 6)
#define S2_AP_RW      (3ULL << 6)
#define S2_XN	      (2ULL << 53)

/* The arch's table format (pgtable_desc.c) for the builder of core/pgtable.c. */
static inline void pt_init(struct pgtable *pt, u64 *root, pt_page_t *pool, u32 pool_size)
{
	pt_setup(pt, &pt_desc_arm64, root, pool, pool_size);
}

#endif
