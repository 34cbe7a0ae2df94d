// SPDX-License-Identifier: GPL-2.0
/*
 * Writes each partition's own DTB (build/partitions/<name>.dtb): only its
 * vCPUs, its memory, its devices with their interrupts, its console (the
 * emulated UART), a virtual GICv3 sized for its vCPUs, the timer, the PMU, PSCI over
 * HVC and /chosen naming the partition. Nothing else of the board leaks in.
 */
#include <libfdt.h>
#include <stdio.h>
#include <string.h>
#include <bulkhead/hv_config.h>
#include <vmbus/bus.h>
#include "model.h"

#define DTB_SIZE     0x10000
#define PH_GIC	     1
#define PH_IOAPIC    1 /* x86: the virtual IOAPIC (x86 partition DTBs have no GIC) */
#define PH_CLK_BASE  2
#define PH_VUART_CLK 0xff /* the emulated PL011's clock, when the board UART is not a PL011 */
#define PH_WDOG_CLK  0xfe /* the emulated SP805's WDOGCLK and APB clock */
#define PH_BUS	     0x100
#define PH_CHAN_BASE 0x101

struct dtb_ctx {
	struct g_sys *s;
	struct g_part *p;
	void *buf;
	int err;
	int clk_node[8]; /* board clock nodes copied, phandle = PH_CLK_BASE + i */
	int nclk;
	bool no_irqs; /* copying the console: its interrupt is the board UART's, not the vUART's */
};

#define CK(x)                                                                                      \
	do {                                                                                       \
		int _r = (x);                                                                      \
		if (_r < 0 && !c->err)                                                             \
			c->err = _r;                                                               \
	} while (0)

static void prop_u32(struct dtb_ctx *c, const char *n, u32 v)
{
	CK(fdt_property_u32(c->buf, n, v));
}

static void prop_str(struct dtb_ctx *c, const char *n, const char *v)
{
	CK(fdt_property_string(c->buf, n, v));
}

static void prop_reg(struct dtb_ctx *c, const struct g_range *r, int n)
{
	fdt32_t cells[4 * G_MAX_REGS];

	for (int i = 0; i < n; i++) {
		cells[i * 4 + 0] = cpu_to_fdt32((u32)(r[i].base >> 32));
		cells[i * 4 + 1] = cpu_to_fdt32((u32)r[i].base);
		cells[i * 4 + 2] = cpu_to_fdt32((u32)(r[i].size >> 32));
		cells[i * 4 + 3] = cpu_to_fdt32((u32)r[i].size);
	}
	CK(fdt_property(c->buf, "reg", cells, n * 16));
}

static int clock_phandle(struct dtb_ctx *c, u32 board_ph)
{
	int node = fdt_node_offset_by_phandle(c->s->fdt, board_ph);

	if (node < 0)
		return -1;
	for (int i = 0; i < c->nclk; i++)
		if (c->clk_node[i] == node)
			return PH_CLK_BASE + i;
	if (c->nclk >= (int)ARRAY_SIZE(c->clk_node) ||
	    fdt_node_check_compatible(c->s->fdt, node, "fixed-clock"))
		return -1;
	c->clk_node[c->nclk] = node;
	return PH_CLK_BASE + c->nclk++;
}

static const char *const dropped_props[] = {
    "phandle",	     "linux,phandle",	   "interrupt-parent", "msi-parent", "msi-map",
    "interrupt-map", "interrupt-map-mask", "iommus",	       "dmas",	     "dma-names",
    "resets",	     "reset-names",	   "power-domains",    "status",     NULL};

static bool dropped(const char *n)
{
	for (const char *const *d = dropped_props; *d; d++)
		if (!strcmp(*d, n))
			return true;
	return !strncmp(n, "pinctrl-", 8);
}

/* A PCI host's memory windows as ranges in the partition's 2-cell root space. */
static void prop_windows(struct dtb_ctx *c, const struct g_dev *d)
{
	fdt32_t cells[7 * G_MAX_REGS];
	int n = 0;

	for (int i = d->nown; i < d->nreg; i++, n++) {
		const u64 v[3] = {d->win_bus[i], d->reg[i].base, d->reg[i].size};

		cells[n * 7] = cpu_to_fdt32(d->win_space[i]);
		for (int k = 0; k < 3; k++) {
			cells[n * 7 + 1 + k * 2] = cpu_to_fdt32((u32)(v[k] >> 32));
			cells[n * 7 + 2 + k * 2] = cpu_to_fdt32((u32)v[k]);
		}
	}
	CK(fdt_property(c->buf, "ranges", cells, n * 28));
}

/*
 * x86: a PCI host's interrupt-map, each entry's parent made the partition's
 * virtual IOAPIC (no unit address cells), the pins as the board gives them.
 * bulkhead-gen parsed the same map before (parse_irq.c): a malformed one never
 * gets here, but stop at anything that does not fit all the same.
 */
static void prop_interrupt_map(struct dtb_ctx *c, int node, const fdt32_t *m, int len)
{
	const void *fdt = c->s->fdt;
	static fdt32_t out[7 * 1024]; /* 7 cells an entry: a map of every slot and pin of 8 buses */
	int cac = fdt_address_cells(fdt, node), n = 0, i = 0;
	int cic = 1, plen;
	const fdt32_t *ic = fdt_getprop(fdt, node, "#interrupt-cells", &plen);

	if (ic && plen == 4)
		cic = (int)fdt32_to_cpu(*ic);
	len /= 4;
	while (cac >= 0 && cac <= 3 && cic >= 1 && cic <= 2 && len - i >= cac + cic + 3 &&
	       n + cac + cic + 3 <= (int)ARRAY_SIZE(out)) {
		int par = fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(m[i + cac + cic]));
		const fdt32_t *pa =
		    par >= 0 ? fdt_getprop(fdt, par, "#address-cells", &plen) : NULL;
		int pac = pa && plen == 4 ? (int)fdt32_to_cpu(*pa) : 0;

		if (par < 0 || pac < 0 || pac > 3 || len - i < cac + cic + 1 + pac + 2)
			break;
		memcpy(&out[n], &m[i], (size_t)(cac + cic) * 4);
		n += cac + cic;
		out[n++] = cpu_to_fdt32(PH_IOAPIC);
		i += cac + cic + 1 + pac;
		out[n++] = m[i];
		out[n++] = m[i + 1];
		i += 2;
	}
	if (i != len)
		gen_error(c->s, c->p->path,
			  "the interrupt-map of %s does not fit its DTB (%d cells "
			  "copied of %d)",
			  fdt_get_name(fdt, node, NULL), i, len);
	CK(fdt_property(c->buf, "interrupt-map", out, n * 4));
}

/*
 * Copies a board node into the partition DTB (its reg given translated; a
 * PCI host's windows from dv, NULL for other nodes).
 */
static void copy_node(struct dtb_ctx *c, int node, const char *name, const struct g_range *reg,
		      int nreg, bool top, const struct g_dev *dv);

/* The node's begin and properties (copy_node without its subnodes and end). */
static void copy_props(struct dtb_ctx *c, int node, const char *name, const struct g_range *reg,
		       int nreg, bool top, const struct g_dev *dv)
{
	const void *fdt = c->s->fdt;
	int off;

	CK(fdt_begin_node(c->buf, name));
	fdt_for_each_property_offset(off, fdt, node) {
		const char *pn;
		int len;
		const fdt32_t *v = fdt_getprop_by_offset(fdt, off, &pn, &len);

		if (v && gen_x86(c->s) && !strcmp(pn, "interrupt-map")) {
			prop_interrupt_map(c, node, v, len);
			continue;
		}
		if (v && gen_x86(c->s) && !strcmp(pn, "interrupt-map-mask")) {
			CK(fdt_property(c->buf, pn, v, len));
			continue;
		}
		if (!v || dropped(pn) || (c->no_irqs && !strcmp(pn, "interrupts")))
			continue;
		if (top && !strcmp(pn, "reg"))
			continue;
		if (dv && dv->nreg > dv->nown && !strcmp(pn, "ranges"))
			continue;
		if (!strcmp(pn, "clocks")) {
			/* Fixed clocks only: <phandle> entries with #clock-cells = 0. */
			fdt32_t out[8];
			int n = 0;

			for (int i = 0; i < len / 4 && n < 8; i++) {
				int ph = clock_phandle(c, fdt32_to_cpu(v[i]));

				if (ph < 0) {
					gen_warn(c->s, c->p->path,
						 "device %s: clock %d is not a "
						 "fixed clock; left out of the partition DTB",
						 name, i);
					n = -1;
					break;
				}
				out[n++] = cpu_to_fdt32((u32)ph);
			}
			if (n > 0)
				CK(fdt_property(c->buf, "clocks", out, n * 4));
			continue;
		}
		CK(fdt_property(c->buf, pn, v, len));
	}
	if (top) {
		if (nreg)
			prop_reg(c, reg, nreg);
		if (dv && dv->nreg > dv->nown)
			prop_windows(c, dv);
		prop_str(c, "status", "okay");
	}
}

static void copy_subnodes_and_end(struct dtb_ctx *c, int node)
{
	int sub;

	fdt_for_each_subnode(sub, c->s->fdt, node)
		copy_node(c, sub, fdt_get_name(c->s->fdt, sub, NULL), NULL, 0, false, NULL);
	CK(fdt_end_node(c->buf));
}

static void copy_node(struct dtb_ctx *c, int node, const char *name, const struct g_range *reg,
		      int nreg, bool top, const struct g_dev *dv)
{
	copy_props(c, node, name, reg, nreg, top, dv);
	copy_subnodes_and_end(c, node);
}

/*
 * arm64: the console the partition sees, an emulated PL011 at the board
 * UART's address with its interrupt. A board PL011's node is copied; any
 * other UART (a Cadence one) is described as the PL011 it is to the
 * partition, with a fixed clock of its own (Linux's driver needs one).
 */
static void emit_vuart(struct dtb_ctx *c, const struct g_dev *con)
{
	fdt32_t irq[3] = {0, cpu_to_fdt32(con->nspi ? con->spi[0] - 32 : 0), cpu_to_fdt32(4)};
	fdt32_t clk[2] = {cpu_to_fdt32(PH_VUART_CLK), cpu_to_fdt32(PH_VUART_CLK)};
	struct g_range r = {con->reg[0].base, 0x1000};

	if (c->s->uart_type == BH_UART_PL011) {
		copy_node(c, con->node, con->name, con->reg, 1, true, NULL);
		return;
	}
	CK(fdt_begin_node(c->buf, con->name));
	CK(fdt_property(c->buf, "compatible", "arm,pl011\0arm,primecell",
			sizeof("arm,pl011\0arm,primecell")));
	prop_reg(c, &r, 1);
	if (con->nspi)
		CK(fdt_property(c->buf, "interrupts", irq, sizeof(irq)));
	CK(fdt_property(c->buf, "clocks", clk, sizeof(clk)));
	CK(fdt_property(c->buf, "clock-names", "uartclk\0apb_pclk", sizeof("uartclk\0apb_pclk")));
	prop_str(c, "status", "okay");
	CK(fdt_end_node(c->buf));
	CK(fdt_begin_node(c->buf, "vuart-clk"));
	prop_str(c, "compatible", "fixed-clock");
	prop_u32(c, "#clock-cells", 0);
	prop_u32(c, "clock-frequency", 24000000);
	prop_u32(c, "phandle", PH_VUART_CLK);
	CK(fdt_end_node(c->buf));
}

/*
 * x86, watchdog = <ms>: the emulated IB700 (arch/x86/vib700.c) on the ISA
 * bus at its fixed ports, stop then start, for the partition's own
 * programs (Linux's ib700wdt finds it by those ports, with no
 * description); timeout-sec as on arm64.
 */
static void emit_watchdog_isa(struct dtb_ctx *c)
{
	const fdt32_t reg[6] = {
	    cpu_to_fdt32(1), cpu_to_fdt32(BH_X86_WDOG_STOP_PORT),  cpu_to_fdt32(1),
	    cpu_to_fdt32(1), cpu_to_fdt32(BH_X86_WDOG_START_PORT), cpu_to_fdt32(1)};
	char name[40];

	if (!c->p->watchdog_ms)
		return;
	/* Named as the board names its serial@3f8. */
	snprintf(name, sizeof(name), "watchdog@%x", BH_X86_WDOG_STOP_PORT);
	CK(fdt_begin_node(c->buf, name));
	prop_str(c, "compatible", "bulkhead,ib700");
	CK(fdt_property(c->buf, "reg", reg, sizeof(reg)));
	prop_u32(c, "timeout-sec", MAX(c->p->watchdog_ms / 1000, 1U));
	CK(fdt_end_node(c->buf));
}

/*
 * arm64, watchdog = <ms>: the emulated SP805 (arch/arm64/vsp805.c) as
 * Linux's sp805_wdt probes it: an AMBA primecell with a WDOGCLK and an
 * APB clock, a fixed clock of BH_WATCHDOG_CLOCK_HZ; timeout-sec is the
 * DT's timeout in whole seconds (at least 1), so the driver keeps it.
 */
static void emit_watchdog(struct dtb_ctx *c)
{
	static const char compat[] = "arm,sp805\0arm,primecell";
	static const char names[] = "wdog_clk\0apb_pclk";
	fdt32_t clk[2] = {cpu_to_fdt32(PH_WDOG_CLK), cpu_to_fdt32(PH_WDOG_CLK)};
	struct g_range r = {c->p->watchdog_ipa, G_PAGE};
	char name[40];

	if (!c->p->watchdog_ms)
		return;
	snprintf(name, sizeof(name), "watchdog@%llx", (unsigned long long)r.base);
	CK(fdt_begin_node(c->buf, name));
	CK(fdt_property(c->buf, "compatible", compat, sizeof(compat)));
	prop_reg(c, &r, 1);
	CK(fdt_property(c->buf, "clocks", clk, sizeof(clk)));
	CK(fdt_property(c->buf, "clock-names", names, sizeof(names)));
	prop_u32(c, "timeout-sec", MAX(c->p->watchdog_ms / 1000, 1U));
	prop_str(c, "status", "okay");
	CK(fdt_end_node(c->buf));
	CK(fdt_begin_node(c->buf, "watchdog-clk"));
	prop_str(c, "compatible", "fixed-clock");
	prop_u32(c, "#clock-cells", 0);
	prop_u32(c, "clock-frequency", BH_WATCHDOG_CLOCK_HZ);
	prop_u32(c, "phandle", PH_WDOG_CLK);
	CK(fdt_end_node(c->buf));
}

static void emit_cpus(struct dtb_ctx *c)
{
	char name[32];

	CK(fdt_begin_node(c->buf, "cpus"));
	prop_u32(c, "#address-cells", 1);
	prop_u32(c, "#size-cells", 0);
	for (int i = 0; i < c->p->ncpu; i++) {
		int len;
		const void *compat =
		    fdt_getprop(c->s->fdt, c->s->cpu[c->p->cpu[i]].node, "compatible", &len);

		snprintf(name, sizeof(name), "cpu@%d", i);
		CK(fdt_begin_node(c->buf, name));
		prop_str(c, "device_type", "cpu");
		if (compat)
			CK(fdt_property(c->buf, "compatible", compat, len));
		else
			prop_str(c, "compatible", "arm,armv8");
		prop_u32(c, "reg", (u32)i);
		if (!gen_x86(c->s))
			prop_str(c, "enable-method", "psci");
		CK(fdt_end_node(c->buf));
	}
	CK(fdt_end_node(c->buf));
}

/*
 * The partition's GIC: a GICv3 with one redistributor per vCPU, or a GICv2
 * (the board's compatible) whose CPU interface is the 8 KiB the hypervisor
 * maps from the GIC's virtual one; no virtualization extensions either way.
 */
static void emit_gic(struct dtb_ctx *c)
{
	bool v2 = c->s->gic_version == 2;
	struct g_range r[2] = {c->s->gicd, {c->s->gicr.base, 0x20000ULL * (u64)c->p->ncpu}};
	char name[64];

	if (v2) {
		r[0].size = 0x1000;
		r[1] = c->s->gicc;
	}
	snprintf(name, sizeof(name), "intc@%llx", (unsigned long long)c->s->gicd.base);
	CK(fdt_begin_node(c->buf, name));
	prop_str(c, "compatible", c->s->gic_compat);
	prop_u32(c, "#interrupt-cells", 3);
	CK(fdt_property(c->buf, "interrupt-controller", NULL, 0));
	prop_u32(c, "#address-cells", 2);
	prop_u32(c, "#size-cells", 2);
	if (!v2)
		prop_u32(c, "#redistributor-regions", 1);
	prop_reg(c, r, 2);
	prop_u32(c, "phandle", PH_GIC);
	CK(fdt_end_node(c->buf));
}

/* x86: does the partition own an interrupt line (its devices', a PCI host's map)? */
static bool has_irqs(const struct dtb_ctx *c)
{
	for (int d = 0; d < c->p->ndev; d++)
		if (c->s->dev[c->p->dev[d]].nspi)
			return true;
	return false;
}

/*
 * x86: the virtual IOAPIC at the board's IOAPIC address (vioapic.c): the
 * partition routes its own pins, as on a PC, <pin flags> as the board's.
 */
static void emit_ioapic(struct dtb_ctx *c)
{
	char name[64];

	snprintf(name, sizeof(name), "interrupt-controller@%llx",
		 (unsigned long long)c->s->ioapic.base);
	CK(fdt_begin_node(c->buf, name));
	prop_str(c, "compatible", "intel,ioapic");
	prop_reg(c, &c->s->ioapic, 1);
	CK(fdt_property(c->buf, "interrupt-controller", NULL, 0));
	prop_u32(c, "#interrupt-cells", 2);
	prop_u32(c, "#address-cells", 0);
	prop_u32(c, "phandle", PH_IOAPIC);
	CK(fdt_end_node(c->buf));
}

static void emit_chosen(struct dtb_ctx *c, const char *uart)
{
	struct g_part *p = c->p;
	char path[G_PATH + 2];

	CK(fdt_begin_node(c->buf, "chosen"));
	prop_str(c, "bulkhead,partition-name", p->name);
	prop_u32(c, "bulkhead,partition-id", (u32)(p - c->s->part));
	snprintf(path, sizeof(path), "/%s", uart);
	prop_str(c, "stdout-path", path);
	if (p->bootargs[0])
		prop_str(c, "bootargs", p->bootargs);
	if (p->initrd_size) {
		CK(fdt_property_u64(c->buf, "linux,initrd-start", p->initrd_ipa));
		CK(fdt_property_u64(c->buf, "linux,initrd-end", p->initrd_ipa + p->initrd_size));
	}
	CK(fdt_end_node(c->buf));
	CK(fdt_begin_node(c->buf, "aliases"));
	prop_str(c, "serial0", path);
	CK(fdt_end_node(c->buf));
}

static void prop_pair(struct dtb_ctx *c, const char *n, u32 a, u32 b)
{
	fdt32_t v[2] = {cpu_to_fdt32(a), cpu_to_fdt32(b)};

	CK(fdt_property(c->buf, n, v, sizeof(v)));
}

/* Channel regions and the bus pages, as Linux expects shared buffers. */
static void emit_reserved_memory(struct dtb_ctx *c)
{
	struct g_part *p = c->p;
	char name[64];

	CK(fdt_begin_node(c->buf, "reserved-memory"));
	prop_u32(c, "#address-cells", 2);
	prop_u32(c, "#size-cells", 2);
	CK(fdt_property(c->buf, "ranges", NULL, 0));
	for (int k = 0; k < p->nchan; k++) {
		struct g_chan *ch = &c->s->chan[p->chan[k]];

		snprintf(name, sizeof(name), "bulkhead-chan@%llx",
			 (unsigned long long)ch->region.base);
		CK(fdt_begin_node(c->buf, name));
		prop_reg(c, &ch->region, 1);
		CK(fdt_property(c->buf, "no-map", NULL, 0));
		prop_u32(c, "phandle", (u32)(PH_CHAN_BASE + k));
		CK(fdt_end_node(c->buf));
	}
	snprintf(name, sizeof(name), "bulkhead-events@%llx", (unsigned long long)p->bus.base);
	CK(fdt_begin_node(c->buf, name));
	prop_reg(c, &p->bus, 1);
	CK(fdt_property(c->buf, "no-map", NULL, 0));
	prop_u32(c, "phandle", PH_BUS);
	CK(fdt_end_node(c->buf));
	CK(fdt_end_node(c->buf));
}

/* One channel end: where this side writes (tx) and reads (rx) in the region. */
static void emit_channel(struct dtb_ctx *c, int k)
{
	struct g_sys *s = c->s;
	struct g_chan *ch = &s->chan[c->p->chan[k]];
	int e = &s->part[ch->provider] == c->p ? 0 : 1; /* 0: provider, 1: consumer */
	u32 tx = e ? 0 : 1;				/* direction this end writes */
	u32 ring_off[2] = {0, ch->ring[0]}, win_off[2];
	char name[64], compat[48];

	win_off[0] = ch->ring[0] + ch->ring[1];
	win_off[1] = win_off[0] + ch->win[0];
	snprintf(name, sizeof(name), "%s@%x", ch->name, k);
	snprintf(compat, sizeof(compat), "bulkhead,vmbus-%s", gen_class_name[ch->cls]);
	CK(fdt_begin_node(c->buf, name));
	prop_str(c, "compatible", compat);
	prop_u32(c, "reg", (u32)k);
	prop_u32(c, "memory-region", (u32)(PH_CHAN_BASE + k));
	prop_u32(c, "bulkhead,channel", (u32)k);
	prop_u32(c, "bulkhead,event-bit", (u32)k + 1);
	prop_str(c, "bulkhead,role", e ? "consumer" : "provider");
	prop_str(c, "bulkhead,peer", s->part[e ? ch->provider : ch->consumer].name);
	prop_pair(c, "bulkhead,tx-ring", ring_off[tx], ch->ring[tx]);
	prop_pair(c, "bulkhead,rx-ring", ring_off[!tx], ch->ring[!tx]);
	if (ch->win[tx])
		prop_pair(c, "bulkhead,tx-window", win_off[tx], ch->win[tx]);
	if (ch->win[!tx])
		prop_pair(c, "bulkhead,rx-window", win_off[!tx], ch->win[!tx]);
	prop_u32(c, "bulkhead,max-packet-size", ch->max_packet);
	prop_u32(c, "bulkhead,max-outstanding", ch->max_outstanding);
	prop_u32(c, "bulkhead,target-cpu", ch->target[e]);
	prop_str(c, "bulkhead,class-guid", gen_class_guid[ch->cls]);
	if (ch->guid[0])
		prop_str(c, "bulkhead,instance-guid", ch->guid);
	/* Only the provider learns where on its disk the blocks are. */
	if (ch->has_range && !e) {
		CK(fdt_property_u64(c->buf, "bulkhead,block-offset", ch->range.base));
		CK(fdt_property_u64(c->buf, "bulkhead,block-size", ch->range.size));
	}
	if (ch->cls == VMBUS_CLASS_NET) {
		u8 mac[6] = {0x02, 0x42, 0x48, 0x00, (u8)(ch - c->s->chan), 0x01};

		if (ch->has_mac)
			memcpy(mac, ch->mac, 6);
		/* The consumer's own address; the provider knows it to refuse spoofed frames. */
		CK(fdt_property(c->buf, e ? "local-mac-address" : "bulkhead,peer-mac-address", mac,
				6));
		prop_u32(c, "bulkhead,mtu", ch->mtu);
	}
	CK(fdt_end_node(c->buf));
}

static void emit_vmbus(struct dtb_ctx *c)
{
	fdt32_t irq[3] = {cpu_to_fdt32(1), cpu_to_fdt32(VMBUS_BUS_PPI), cpu_to_fdt32(1)};
	bool x86 = gen_x86(c->s);

	if (!c->p->nchan)
		return;
	emit_reserved_memory(c);
	CK(fdt_begin_node(c->buf, "vmbus"));
	prop_str(c, "compatible", "bulkhead,vmbus");
	prop_u32(c, "bulkhead,abi-version", VMBUS_ABI_VERSION);
	prop_u32(c, "memory-region", PH_BUS);
	/*
	 * Edge: the hypervisor injects on a 0 -> 1 event-bit transition. arm64:
	 * a PPI of the vGIC; x86: a fixed vector of the virtual LAPIC.
	 */
	if (x86)
		prop_u32(c, "bulkhead,vector", VMBUS_BUS_VECTOR);
	else
		CK(fdt_property(c->buf, "interrupts", irq, sizeof(irq)));
	prop_u32(c, "#address-cells", 1);
	prop_u32(c, "#size-cells", 0);
	for (int k = 0; k < c->p->nchan; k++)
		emit_channel(c, k);
	CK(fdt_end_node(c->buf));
}

static int emit_one(struct g_sys *s, struct g_part *p, const char *file)
{
	static char buf[DTB_SIZE];
	struct dtb_ctx ctx = {.s = s, .p = p, .buf = buf}, *c = &ctx;
	struct g_dev *con = &s->dev[s->console_dev];
	bool x86 = gen_x86(s);
	char name[64];
	FILE *f;
	int errors = s->errors, pmu;

	CK(fdt_create(buf, sizeof(buf)));
	CK(fdt_finish_reservemap(buf));
	CK(fdt_begin_node(buf, ""));
	prop_u32(c, "#address-cells", 2);
	prop_u32(c, "#size-cells", 2);
	snprintf(name, sizeof(name), "Bulkhead partition %s", p->name);
	prop_str(c, "model", name);
	if (x86) {
		prop_str(c, "compatible", "bulkhead,partition");
		if (has_irqs(c))
			prop_u32(c, "interrupt-parent", PH_IOAPIC);
		snprintf(name, sizeof(name), "isa/%s", con->name);
		emit_chosen(c, name);
	} else {
		CK(fdt_property(buf, "compatible", "bulkhead,partition\0linux,dummy-virt",
				sizeof("bulkhead,partition\0linux,dummy-virt")));
		prop_u32(c, "interrupt-parent", PH_GIC);
		emit_chosen(c, con->name);
	}
	emit_cpus(c);

	if (!x86) {
		CK(fdt_begin_node(buf, "psci"));
		CK(fdt_property(buf, "compatible", "arm,psci-1.0\0arm,psci-0.2",
				sizeof("arm,psci-1.0\0arm,psci-0.2")));
		prop_str(c, "method", "hvc");
		CK(fdt_end_node(buf));
	}

	snprintf(name, sizeof(name), "memory@%llx", (unsigned long long)p->ipa_base);
	CK(fdt_begin_node(buf, name));
	prop_str(c, "device_type", "memory");
	{
		struct g_range m = {p->ipa_base, p->mem.size};

		prop_reg(c, &m, 1);
	}
	CK(fdt_end_node(buf));

	if (x86 && has_irqs(c))
		emit_ioapic(c);
	if (x86) {
		/* The emulated 16550 at the board UART's ports (its reg as is), on an ISA bus. */
		CK(fdt_begin_node(buf, "isa"));
		prop_str(c, "compatible", "isa");
		prop_u32(c, "#address-cells", 2);
		prop_u32(c, "#size-cells", 1);
		c->no_irqs = true;
		copy_props(c, con->node, con->name, NULL, 0, false, NULL);
		c->no_irqs = false;
		prop_u32(c, "bulkhead,vector", BH_X86_VUART_VECTOR); /* its interrupt */
		copy_subnodes_and_end(c, con->node);
		/* Its own devices on I/O ports, at the same ports: they are passed through. */
		for (int d = 0; d < p->ndev; d++) {
			struct g_dev *dv = &s->dev[p->dev[d]];

			if (dv->nio)
				copy_node(c, dv->node, dv->name, NULL, 0, false, NULL);
		}
		emit_watchdog_isa(c);
		CK(fdt_end_node(buf));
	} else {
		emit_gic(c);
		if (s->timer_node >= 0)
			copy_node(c, s->timer_node, "timer", NULL, 0, false, NULL);
		/* The PMU is each core's own; its overflow PPI is forwarded like the timers'. */
		pmu = fdt_node_offset_by_compatible(s->fdt, -1, "arm,armv8-pmuv3");
		if (pmu >= 0)
			copy_node(c, pmu, "pmu", NULL, 0, false, NULL);
		emit_vuart(c, con);
		emit_watchdog(c);
	}
	for (int d = 0; d < p->ndev; d++) {
		struct g_dev *dv = &s->dev[p->dev[d]];

		if (!dv->nio) /* port devices went into /isa above */
			copy_node(c, dv->node, dv->name, dv->reg, dv->nown, true, dv);
	}
	emit_vmbus(c);
	/* Clocks referenced by the nodes above. */
	for (int i = 0; i < c->nclk; i++) {
		int len, off, node = c->clk_node[i];

		CK(fdt_begin_node(buf, fdt_get_name(s->fdt, node, NULL)));
		fdt_for_each_property_offset(off, s->fdt, node) {
			const char *pn;
			const void *v = fdt_getprop_by_offset(s->fdt, off, &pn, &len);

			if (v && !dropped(pn))
				CK(fdt_property(buf, pn, v, len));
		}
		prop_u32(c, "phandle", (u32)(PH_CLK_BASE + i));
		CK(fdt_end_node(buf));
	}
	CK(fdt_end_node(buf));
	CK(fdt_finish(buf));
	if (c->err) {
		gen_error(s, p->path, "cannot build the partition DTB: %s", fdt_strerror(c->err));
		return -1;
	}
	if (s->errors != errors)
		return -1; /* reported while copying */
	f = fopen(file, "wb");
	if (!f || fwrite(buf, 1, fdt_totalsize(buf), f) != fdt_totalsize(buf)) {
		if (f)
			fclose(f);
		gen_error(s, p->path, "cannot write %s", file);
		return -1;
	}
	fclose(f);
	return 0;
}

int gen_emit_dtbs(struct g_sys *s, const char *out_dir)
{
	char file[600];
	int rc = 0;

	for (int i = 0; i < s->npart; i++) {
		snprintf(file, sizeof(file), "%s/partitions/%s.dtb", out_dir, s->part[i].name);
		if (emit_one(s, &s->part[i], file))
			rc = -1;
	}
	return rc;
}
