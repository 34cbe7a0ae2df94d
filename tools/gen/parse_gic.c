// SPDX-License-Identifier: GPL-2.0
/*
 * The board's GIC: a GICv3 (distributor, redistributors) or a GICv2 with
 * the virtualization extensions (distributor, CPU interface, hypervisor
 * control, virtual CPU interface: GIC-400). The build links one GIC
 * driver (Kconfig "Interrupt controller", --gic): a board with the other
 * is an error here, not a hypervisor that cannot take an interrupt.
 */
#include <string.h>
#include <libfdt.h>
#include "model.h"

static const char *const v2_compat[] = {"arm,gic-400", "arm,cortex-a15-gic", "arm,cortex-a7-gic"};

/*
 * The 8 KiB a GICv2 CPU interface (or virtual one) spans. A GIC-400 whose
 * 4 KiB frames are each aliased over 64 KiB is described with 128 KiB
 * regions (ZynqMP): its two frames then meet at +0xf000, where Linux finds
 * them too. 0: smaller than 8 KiB.
 */
static u64 cpuif_window(struct g_range r)
{
	if (r.size >= 0x20000)
		return r.base + 0xf000;
	return r.size >= VGICC_SIZE ? r.base : 0;
}

static void parse_v2(struct g_sys *s)
{
	struct g_range r[4] = {0};
	u64 gicc, gicv;

	int n = gen_read_reg(s->fdt, s->gic_node, r, 4);

	if (n != 4) {
		gen_error(s, s->gic_path,
			  "a GICv2 needs reg = <distributor>, <CPU interface>, "
			  "<hypervisor interface>, <virtual CPU interface>: the last two are its "
			  "virtualization extensions, which Bulkhead needs (reg has %d region%s)",
			  n < 0 ? 0 : n, n == 1 ? "" : "s");
		return;
	}
	gicc = cpuif_window(r[1]);
	gicv = cpuif_window(r[3]);
	if (!gicc || !gicv || r[2].size < 0x1000) {
		gen_error(s, s->gic_path,
			  "a GICv2's CPU interfaces span 8 KiB and its hypervisor "
			  "interface 4 KiB, but reg gives 0x%llx, 0x%llx and 0x%llx bytes",
			  (unsigned long long)r[1].size, (unsigned long long)r[3].size,
			  (unsigned long long)r[2].size);
		return;
	}
	s->gicd = r[0];
	s->gicc = (struct g_range){gicc, VGICC_SIZE};
	s->gich = (struct g_range){r[2].base, 0x1000};
	s->gicv = (struct g_range){gicv, VGICC_SIZE};
}

void gen_parse_gic(struct g_sys *s)
{
	int want = s->opt->gic_version ? s->opt->gic_version : 3;
	const void *fdt = s->fdt;

	s->gic_node = fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3");
	s->gic_version = 3;
	s->gic_compat = "arm,gic-v3";
	for (unsigned i = 0; s->gic_node < 0 && i < sizeof(v2_compat) / sizeof(v2_compat[0]); i++) {
		s->gic_node = fdt_node_offset_by_compatible(fdt, -1, v2_compat[i]);
		s->gic_version = 2;
		s->gic_compat = v2_compat[i];
	}
	if (s->gic_node < 0) {
		gen_error(s, "/", "the board has no interrupt controller compatible with %s",
			  want == 2 ? "\"arm,gic-400\" or \"arm,cortex-a15-gic\" (a GICv2)"
				    : "\"arm,gic-v3\"");
		return;
	}
	gen_node_path(fdt, s->gic_node, s->gic_path, sizeof(s->gic_path));
	if (s->gic_version != want) {
		gen_error(s, s->gic_path,
			  "a GICv%d (\"%s\"), but the build is configured for a "
			  "GICv%d: choose \"GICv%d\" under \"Interrupt controller\" in menuconfig "
			  "(CONFIG_ARM64_GICV%d), or use the description of a board with a GICv%d",
			  s->gic_version, s->gic_compat, want, s->gic_version, s->gic_version,
			  want);
		return;
	}
	if (s->gic_version == 2) {
		parse_v2(s);
		return;
	}
	struct g_range r[2] = {0};

	if (gen_read_reg(fdt, s->gic_node, r, 2) == 2) {
		s->gicd = r[0];
		s->gicr = r[1];
	} else {
		gen_error(s, s->gic_path, "a GICv3 needs reg = <distributor>, <redistributors>");
	}
}
