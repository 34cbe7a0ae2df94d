// SPDX-License-Identifier: GPL-2.0
/*
 * x86: the board's bulkhead,x86-acpi-fixed-hardware node (docs/system-dt.md),
 * the reset and sleep registers and the PM enable bit the hypervisor uses
 * in place of the board's ACPI tables.
 */
#include <libfdt.h>
#include "model.h"

/* x86: <port value> pairs of the board's reset and sleep registers (docs/system-dt.md). */
static bool port_pair(struct g_sys *s, int node, const char *prop, u32 *port, u32 *val, u32 max_val)
{
	int len;
	const fdt32_t *p = fdt_getprop(s->fdt, node, prop, &len);

	if (!p)
		return false;
	if (len != 8 || !fdt32_to_cpu(p[0]) || fdt32_to_cpu(p[0]) > 0xfffe ||
	    fdt32_to_cpu(p[1]) > max_val) {
		gen_error(s, s->acpi_path,
			  "%s must be <port value>: an I/O port 1..0xfffe and a "
			  "value up to 0x%x",
			  prop, max_val);
		return false;
	}
	*port = fdt32_to_cpu(p[0]);
	*val = fdt32_to_cpu(p[1]);
	return true;
}

void gen_parse_acpi_fixed(struct g_sys *s)
{
	static const char *const known[] = {"compatible", "reset-register", "pm1a-control",
					    "pm-enable", NULL};
	const fdt32_t *e;
	int len;
	int node = fdt_node_offset_by_compatible(s->fdt, -1, "bulkhead,x86-acpi-fixed-hardware");

	if (node < 0)
		return;
	gen_node_path(s->fdt, node, s->acpi_path, sizeof(s->acpi_path));
	gen_check_props(s, node, s->acpi_path, known);
	if (!port_pair(s, node, "reset-register", &s->reset_port, &s->reset_value, 0xff))
		s->reset_port = 0;
	if (!port_pair(s, node, "pm1a-control", &s->pm1a_port, &s->s5_type, 7))
		s->pm1a_port = 0;
	e = fdt_getprop(s->fdt, node, "pm-enable", &len);
	if (!e)
		return;
	if (len != 20 || fdt32_to_cpu(e[0]) > 255 || fdt32_to_cpu(e[1]) > 31 ||
	    fdt32_to_cpu(e[2]) > 7 || fdt32_to_cpu(e[3]) > 255 || !fdt32_to_cpu(e[4]) ||
	    fdt32_to_cpu(e[4]) > 0xff) {
		gen_error(
		    s, s->acpi_path,
		    "pm-enable must be <bus device function register bits>: a "
		    "PCI configuration byte (bus < 256, device < 32, function < 8, register < "
		    "256) and the bits (1..0xff) to set in it");
		return;
	}
	s->pm_enable_cfg = 0x80000000U | fdt32_to_cpu(e[0]) << 16 | fdt32_to_cpu(e[1]) << 11 |
			   fdt32_to_cpu(e[2]) << 8 | (fdt32_to_cpu(e[3]) & 0xfc);
	s->pm_enable_cfg |= fdt32_to_cpu(e[3]) & 3; /* the byte within the dword */
	s->pm_enable_bits = fdt32_to_cpu(e[4]);
}
