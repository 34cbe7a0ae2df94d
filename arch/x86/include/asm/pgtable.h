/*
 * x86-64 4-level page-table builder (4 KiB pages, 2 MiB and 1 GiB blocks,
 * 48-bit addresses). Used for the hypervisor's own tables and for every
 * partition's nested page table (NPT); pure C so the generator sizes the
 * pools with it and the unit tests run it.
 */
#ifndef ASM_PGTABLE_H
#define ASM_PGTABLE_H
#include <bulkhead/types.h>

#define PT_ENTRIES 512
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

typedef u64 pt_page_t[PT_ENTRIES] __attribute__((aligned(4096)));

struct pgtable {
	u64 *root;	 /* PML4 */
	pt_page_t *pool; /* tables below it */
	u32 pool_size, used;
	bool big_pages; /* 1 GiB blocks allowed (CPUID 8000_0001 EDX[26]) */
};

enum { PT_OK = 0, PT_ENOMEM = -1, PT_EINVAL = -2, PT_EEXIST = -3 };

void pt_init(struct pgtable *pt, u64 *root, pt_page_t *pool, u32 pool_size);
/* Maps [va, va+size) to pa with attrs; blocks where alignment allows. */
int pt_map(struct pgtable *pt, u64 va, u64 pa, u64 size, u64 attrs);
/* Looks va up: its pa, or ~0 if unmapped; *attrs and *level if non-NULL. */
u64 pt_walk(const struct pgtable *pt, u64 va, u64 *attrs, int *level);

#endif
