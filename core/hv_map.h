/* The hypervisor's own identity map (hv_map.c), for arch/<arch>/mmu.c. */
#ifndef CORE_HV_MAP_H
#define CORE_HV_MAP_H
#include <asm/pgtable.h>

/* Maps [base, base+size), widened to pages, at the same address; says on the console if it cannot.
 */
void hv_map(struct pgtable *pt, u64 base, u64 size, u64 attrs, const char *what);
/* The hypervisor's text, its rodata, every RAM bank around them and the rollback store. */
void hv_map_common(struct pgtable *pt, u64 text_attrs, u64 ro_attrs, u64 ram_attrs,
		   u64 device_attrs);

#endif
