// SPDX-License-Identifier: GPL-2.0
/*
 * /bulkhead/hypervisor -> model: the hypervisor's memory, its image stores,
 * the rollback store, the x86 AP trampoline and its console. What they
 * overlap is validate.c's to check.
 */
#include <libfdt.h>
#include <stdio.h>
#include "model.h"

/* rollback-store: a block of a CFI NOR flash the board has (docs/system-dt.md). */
static void parse_rollback_store(struct g_sys *s, int node, const char *path)
{
	const fdt32_t *bw;
	int len;

	s->rollback_dev = -1;
	s->has_rollback = gen_read_range(s, node, path, "rollback-store", &s->rollback);
	if (!s->has_rollback)
		return;
	for (int d = 0; d < s->ndev && s->rollback_dev < 0; d++)
		for (int k = 0; k < s->dev[d].nreg; k++)
			if (s->rollback.base >= s->dev[d].reg[k].base &&
			    s->rollback.size <= s->dev[d].reg[k].size &&
			    s->rollback.base - s->dev[d].reg[k].base <=
				s->dev[d].reg[k].size - s->rollback.size) {
				s->rollback_dev = d;
				s->rollback_bank = s->dev[d].reg[k].base;
			}
	if (s->rollback_dev < 0 ||
	    !gen_is_compatible(s->fdt, s->dev[s->rollback_dev].node, "cfi-flash")) {
		gen_error(s, path,
			  "rollback-store 0x%llx+0x%llx is not inside a CFI flash "
			  "(compatible \"cfi-flash\") of the board",
			  (unsigned long long)s->rollback.base,
			  (unsigned long long)s->rollback.size);
		s->has_rollback = false;
		return;
	}
	bw = fdt_getprop(s->fdt, s->dev[s->rollback_dev].node, "bank-width", &len);
	s->rollback_bank_width = bw && len == 4 ? fdt32_to_cpu(*bw) : 0;
	if (s->rollback_bank_width != 1 && s->rollback_bank_width != 2 &&
	    s->rollback_bank_width != 4)
		gen_error(s, path, "rollback-store: flash %s has no bank-width of 1, 2 or 4",
			  s->dev[s->rollback_dev].path);
}

/* console: the UART the hypervisor drives (arm64: PL011 or Cadence; x86: a 16550 on ports). */
static void parse_console(struct g_sys *s, int node, const char *path)
{
	int len;
	const fdt32_t *con = fdt_getprop(s->fdt, node, "console", &len);

	if (!con) {
		gen_error(s, path, "no console");
	} else if (len != 4) {
		gen_error(s, path, "console must be one phandle");
	} else {
		char tp[G_PATH];
		int cn = gen_phandle_node(s, fdt32_to_cpu(*con), tp, sizeof(tp));
		bool x86 = gen_x86(s);

		s->console_dev = cn >= 0 ? gen_dev_by_node(s, cn) : -1;
		if (s->console_dev < 0)
			gen_error(s, path, "console: %s is not a device with registers", tp);
		else if (!x86 && (!gen_uart_type(s->fdt, cn, &s->uart_type) ||
				  !s->dev[s->console_dev].nreg))
			gen_error(s, path,
				  "console %s is not a UART the hypervisor drives: a PL011 "
				  "(\"arm,pl011\") or a Cadence UART (\"cdns,uart-r1p12\")",
				  s->dev[s->console_dev].path);
		else if (x86 &&
			 (!gen_is_compatible(s->fdt, cn, "ns16550a") ||
			  !s->dev[s->console_dev].nio || s->dev[s->console_dev].io[0].size < 8))
			gen_error(s, path,
				  "console %s is not a 16550 on I/O ports (\"ns16550a\" "
				  "on an \"isa\" bus, reg = <1 port 8>)",
				  s->dev[s->console_dev].path);
	}
}

void gen_parse_hypervisor(struct g_sys *s, int node, const char *path)
{
	static const char *const known[] = {
	    "memory",	     "image-store", "image-store-b", "rollback-store", "console",
	    "ap-trampoline", NULL};

	gen_check_props(s, node, path, known);
	s->has_hv_mem = gen_read_range(s, node, path, "memory", &s->hv_mem);
	if (!s->has_hv_mem && !fdt_getprop(s->fdt, node, "memory", NULL))
		gen_error(s, path, "no memory for the hypervisor");
	s->has_store = gen_read_range(s, node, path, "image-store", &s->store);
	if (!s->has_store && !fdt_getprop(s->fdt, node, "image-store", NULL))
		gen_error(s, path,
			  "no image-store (the RAM where the bootloader puts bulkhead.itb)");
	s->has_store_b = gen_read_range(s, node, path, "image-store-b", &s->store_b);
	s->has_trampoline = gen_read_range(s, node, path, "ap-trampoline", &s->trampoline);
	parse_rollback_store(s, node, path);
	parse_console(s, node, path);
}
