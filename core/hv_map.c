// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor's own identity map, as both arches' mmu.c build it: its
 * text (the only executable memory) and rodata read-only, all board RAM
 * (it loads and scrubs partition memory) around them, and the rollback
 * store's flash; each arch adds its own devices. The attributes are the arch's.
 */
#include <bulkhead/hv_config.h>
#include "arch.h"
#include "console.h"
#include "hv_map.h"

void hv_map(struct pgtable *pt, u64 base, u64 size, u64 attrs, const char *what)
{
	u64 b = base & ~0xfffULL, e = ALIGN_UP(base + size, 0x1000ULL);
	int rc = pt_map(pt, b, b, e - b, attrs);

	/* Some page of it is mapped already (a neighbour's): map the others one by one. */
	for (u64 a = b; rc == PT_EEXIST && a < e; a += 0x1000) {
		int r = pt_map(pt, a, a, 0x1000, attrs);

		if (r && r != PT_EEXIST)
			rc = r;
	}
	if (rc && rc != PT_EEXIST)
		log_printf("fatal: cannot map %s at 0x%llx (%d)", what, (unsigned long long)base,
			   rc);
}

/* [b, e) of RAM with attrs, minus the hole [hb, he) (the hypervisor image). */
static void map_around(struct pgtable *pt, u64 b, u64 e, u64 hb, u64 he, u64 attrs)
{
	if (he <= b || hb >= e) {
		hv_map(pt, b, e - b, attrs, "RAM");
		return;
	}
	if (b < hb)
		hv_map(pt, b, hb - b, attrs, "RAM");
	if (he < e)
		hv_map(pt, he, e - he, attrs, "RAM");
}

void hv_map_common(struct pgtable *pt, u64 text_attrs, u64 ro_attrs, u64 ram_attrs,
		   u64 device_attrs)
{
	u64 text = (u64)(uintptr_t)_head_start, ro = (u64)(uintptr_t)__text_end;
	u64 rw = (u64)(uintptr_t)__rodata_end;

	hv_map(pt, text, ro - text, text_attrs, "the hypervisor's text");
	hv_map(pt, ro, rw - ro, ro_attrs, "the hypervisor's rodata");
	for (u32 i = 0; i < bh_system.nr_ram; i++) {
		const struct bh_region *r = &bh_system.ram[i];

		map_around(pt, r->pa, r->pa + r->size, text, rw, ram_attrs);
	}
	if (bh_system.rollback_size) {
		/* The bank's first page takes the CFI queries; the store may start there. */
		if (bh_system.rollback_bank_pa < bh_system.rollback_pa)
			hv_map(pt, bh_system.rollback_bank_pa, 0x1000, device_attrs,
			       "the rollback store's flash");
		hv_map(pt, bh_system.rollback_pa, bh_system.rollback_size, device_attrs,
		       "the rollback store");
	}
}
