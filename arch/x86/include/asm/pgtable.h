/*
 * x86-64 4-level page tables (4 KiB pages, 2 MiB and 1 GiB blocks, 48-bit
 * addresses): the entry bits and attributes of the hypervisor's own tables
 * and of every partition's nested page table (NPT). The builder is
 * core/pgtable.c, with this arch's descriptor (pgtable_desc.c).
 */
#ifndef ASM_PGTABLE_H
#define ASM_PGTABLE_H
#include <bulkhead/pgtable.h>

#define PT_VA_BITS 48

#define PTE_VALID     BIT(0) /* P */
#define PTE_RW	      BIT(1)
#define PTE_US	      BIT(2) /* nested walks are user accesses: set on every NPT level */
#define PTE_PWT	      BIT(3)
#define PTE_PCD	      BIT(4)
#define PTE_PS	      BIT(7) /* a 2 MiB or 1 GiB block (levels 2 and 3 of the walk) */
#define PTE_G	      BIT(8)
#define PTE_NX	      BIT(63)
#define PTE_ADDR_MASK 0x000ffffffffff000ULL
#define PTE_ATTR_MASK (~PTE_ADDR_MASK & ~(PTE_VALID | PTE_PS))

/* The hypervisor's own mappings. */
#define S1_ATTR_NORMAL PTE_RW
#define S1_ATTR_DEVICE (PTE_RW | PTE_PCD | PTE_PWT)

/* Nested paging; the names are the arch-neutral ones the generator uses. */
#define S2_MEM_NORMAL (PTE_RW | PTE_US)
#define S2_MEM_DEVICE (PTE_RW | PTE_US | PTE_PCD | PTE_PWT)
#define S2_AP_RO      0ULL
#define S2_XN	      PTE_NX

/* The arch's table format (pgtable_desc.c) for the builder of core/pgtable.c. */
static inline void pt_init(struct pgtable *pt, u64 *root, pt_page_t *pool, u32 pool_size)
{
	pt_setup(pt, &pt_desc_x86, root, pool, pool_size);
}

#endif
