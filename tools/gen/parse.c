// SPDX-License-Identifier: GPL-2.0
/*
 * System DTB -> model. Every property is read defensively (the DTB may come
 * from anywhere, and the fuzzer feeds this file garbage): lengths are checked
 * before use and each problem is reported, then parsing goes on so that the
 * user sees all errors of one description in one run.
 */
#include <stdarg.h>
#include <errno.h>
#include <libfdt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <bulkhead/fdt_check.h>
#include "model.h"

void gen_node_path(const void *fdt, int node, char *buf, size_t len)
{
	if (fdt_get_path(fdt, node, buf, (int)len) < 0)
		snprintf(buf, len, "<node at offset %d>", node);
}

static int cells_of(const void *fdt, int node, const char *name, int dflt)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	if (!p || len != 4)
		return dflt;
	return (int)fdt32_to_cpu(*p);
}

static u64 read_cells(const fdt32_t *p, int n)
{
	u64 v = 0;

	for (int i = 0; i < n; i++)
		v = (v << 32) | fdt32_to_cpu(p[i]);
	return v;
}

/* Reads <addr size> in the root's cell format (/bulkhead properties). */
bool gen_read_range(struct g_sys *s, int node, const char *path, const char *prop,
			    struct g_range *r)
{
	int len, ac = s->addr_cells, sc = s->size_cells;
	const fdt32_t *p = fdt_getprop(s->fdt, node, prop, &len);

	if (!p)
		return false;
	if (len != (ac + sc) * 4) {
		gen_error(s, path, "%s must be one <address size> pair (%d + %d cells), not %d bytes",
			  prop, ac, sc, len);
		return false;
	}
	r->base = read_cells(p, ac);
	r->size = read_cells(p + ac, sc);
	return true;
}

/*
 * Translates a child bus address to the CPU's address space through each
 * ancestor's "ranges". Returns false if some ancestor has no ranges (the node
 * is not memory-mapped, e.g. below /cpus or an I2C bus).
 */
static bool translate(const void *fdt, int node, u64 *addr)
{
	int parent = fdt_parent_offset(fdt, node);

	while (parent > 0) {
		int len, gp = fdt_parent_offset(fdt, parent);
		int cac = cells_of(fdt, parent, "#address-cells", 2);
		int csc = cells_of(fdt, parent, "#size-cells", 1);
		int pac = gp >= 0 ? cells_of(fdt, gp, "#address-cells", 2) : 2;
		const fdt32_t *r = fdt_getprop(fdt, parent, "ranges", &len);
		int entry = cac + pac + csc;
		bool found = false;

		if (!r)
			return false;
		if (len == 0) {
			node = parent;
			parent = gp;
			continue;
		}
		if (entry <= 0 || cac > 2 || pac > 2 || csc > 2 || len % (entry * 4))
			return false;
		for (int i = 0; i < len / (entry * 4); i++) {
			const fdt32_t *e = r + i * entry;
			u64 cb = read_cells(e, cac), pb = read_cells(e + cac, pac);
			u64 sz = read_cells(e + cac + pac, csc);

			if (*addr >= cb && *addr - cb < sz) {
				*addr = *addr - cb + pb;
				found = true;
				break;
			}
		}
		if (!found)
			return false;
		node = parent;
		parent = gp;
	}
	return true;
}

/* reg of a node, translated to CPU addresses; -1 if not memory-mapped. */
int gen_read_reg(const void *fdt, int node, struct g_range *out, int max)
{
	int len, parent = fdt_parent_offset(fdt, node);
	int ac, sc, n;
	const fdt32_t *p = fdt_getprop(fdt, node, "reg", &len);

	if (!p || parent < 0)
		return -1;
	ac = cells_of(fdt, parent, "#address-cells", 2);
	sc = cells_of(fdt, parent, "#size-cells", 1);
	if (ac < 1 || ac > 2 || sc < 0 || sc > 2 || len % ((ac + sc) * 4))
		return -1;
	n = len / ((ac + sc) * 4);
	if (sc == 0)
		return -1; /* no size: not an MMIO window (cpu, i2c, ...) */
	for (int i = 0; i < n && i < max; i++) {
		u64 a = read_cells(p + i * (ac + sc), ac);

		out[i].size = read_cells(p + i * (ac + sc) + ac, sc);
		if (!translate(fdt, node, &a))
			return -1;
		out[i].base = a;
	}
	return n < max ? n : max;
}

/* arm64: the console UART's driver (BH_UART_*) from its compatible; false: none. */
bool gen_uart_type(const void *fdt, int node, u32 *type)
{
	static const struct {
		const char *compat;
		u32 type;
	} uarts[] = { { "arm,pl011", BH_UART_PL011 },
		      { "cdns,uart-r1p12", BH_UART_CDNS },
		      { "cdns,uart-r1p8", BH_UART_CDNS },
		      { "xlnx,xuartps", BH_UART_CDNS } };

	for (unsigned i = 0; i < sizeof(uarts) / sizeof(uarts[0]); i++)
		if (fdt_node_check_compatible(fdt, node, uarts[i].compat) == 0) {
			*type = uarts[i].type;
			return true;
		}
	return false;
}

static bool is_compatible(const void *fdt, int node, const char *c)
{
	return fdt_node_check_compatible(fdt, node, c) == 0;
}

/*
 * I/O port ranges of a device on an ISA bus (the x86 binding: a parent
 * compatible with "isa", reg = <space address size>, space 1 = I/O);
 * the count, 0 if it has none.
 */
static int read_io_ports(const void *fdt, int node, struct g_range *out, int max)
{
	int len, n = 0, parent = fdt_parent_offset(fdt, node);
	const fdt32_t *p = fdt_getprop(fdt, node, "reg", &len);

	if (!p || parent < 0 || !is_compatible(fdt, parent, "isa") ||
	    cells_of(fdt, parent, "#address-cells", 2) != 2 ||
	    cells_of(fdt, parent, "#size-cells", 1) != 1 || len % 12)
		return 0;
	for (int i = 0; i < len / 12 && n < max; i++)
		if (fdt32_to_cpu(p[i * 3]) == 1)
			out[n++] = (struct g_range){ fdt32_to_cpu(p[i * 3 + 1]),
						     fdt32_to_cpu(p[i * 3 + 2]) };
	return n;
}

/*
 * The memory windows of a PCI host bridge (device_type = "pci"): its
 * ranges entries of space 2 (32-bit) and 3 (64-bit), child address 3
 * cells, as CPU ranges in out[] with their bus address and space cell.
 * I/O space windows are left out: a partition gets no PCI I/O space (only
 * the ports of isa devices it owns).
 */
static int read_pci_windows(struct g_sys *s, const char *path, int node, struct g_dev *d, int max)
{
	const void *fdt = s->fdt;
	int len, n = 0, parent = fdt_parent_offset(fdt, node);
	const char *dt = fdt_getprop(fdt, node, "device_type", NULL);
	const fdt32_t *r = fdt_getprop(fdt, node, "ranges", &len);
	int pac = parent >= 0 ? cells_of(fdt, parent, "#address-cells", 2) : 2;
	int csc = cells_of(fdt, node, "#size-cells", 2), entry = 3 + pac + csc;

	if (!dt || strcmp(dt, "pci") || !r || !len)
		return 0;
	if (cells_of(fdt, node, "#address-cells", 3) != 3 || pac < 1 || pac > 2 || csc < 1 ||
	    csc > 2 || len % (entry * 4)) {
		gen_error(s, path, "ranges of a PCI host must be <space bus-address cpu-address size> "
			  "(#address-cells = 3, #size-cells 1 or 2)");
		return 0;
	}
	for (int i = 0; i < len / (entry * 4); i++) {
		const fdt32_t *e = r + i * entry;
		u32 space = fdt32_to_cpu(e[0]);
		u64 cpu = read_cells(e + 3, pac);

		if (((space >> 24) & 3) < 2)
			continue;
		if (n >= max) {
			gen_error(s, path, "more than %d register and window ranges", G_MAX_REGS);
			break;
		}
		if (!translate(fdt, node, &cpu)) {
			gen_error(s, path, "PCI window %d at 0x%llx is not memory-mapped in the CPU's "
				  "address space", i, (unsigned long long)cpu);
			continue;
		}
		d->reg[d->nreg + n] = (struct g_range){ cpu, read_cells(e + 3 + pac, csc) };
		d->win_space[d->nreg + n] = space;
		d->win_bus[d->nreg + n] = read_cells(e + 1, 2);
		n++;
	}
	return n;
}

/* The board's interrupt controller (arm64 GIC, x86 IOAPIC): the hypervisor's, never a partition's. */
bool gen_is_irq_controller(const struct g_sys *s, int node)
{
	return node >= 0 && (node == s->gic_node ||
			     (gen_x86(s) && is_compatible(s->fdt, node, "intel,ioapic")));
}

static bool has_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

/* The first of its compatible strings that contains one of subs, else NULL. */
static const char *compatible_with(const void *fdt, int node, const char *const *subs)
{
	int len;
	const char *c = fdt_getprop(fdt, node, "compatible", &len);

	for (int o = 0; c && o < len;) {
		size_t n = strnlen(c + o, (size_t)(len - o));

		if (n == (size_t)(len - o))
			break; /* not terminated: no string to match */
		for (const char *const *k = subs; *k; k++)
			if (strstr(c + o, *k))
				return c + o;
		o += (int)n + 1;
	}
	return NULL;
}

/*
 * An interrupt controller or MSI translator other than the board's GIC /
 * IOAPIC (a GICv3 ITS, a GICv2m frame, a second GIC): what says so, else
 * NULL. An ITS keeps its tables in memory and writes them where it is told.
 */
const char *gen_irq_translator(const struct g_sys *s, int node)
{
	static const char *const compat[] = { "arm,gic-v3-its", "arm,gic-v2m-frame", "arm,gic-v3",
					      "arm,gic-400", "arm,cortex-a15-gic", "arm,cortex-a9-gic",
					      "arm,gic-", "ioapic", NULL };
	static char why[G_PATH];
	const char *c = compatible_with(s->fdt, node, compat);

	if (c) {
		snprintf(why, sizeof(why), "\"%s\"", c);
		return why;
	}
	if (fdt_getprop(s->fdt, node, "msi-controller", NULL))
		return "msi-controller";
	if (fdt_getprop(s->fdt, node, "interrupt-controller", NULL))
		return "interrupt-controller";
	return NULL;
}

/*
 * Why a device can write memory by itself (bus-master DMA), else NULL:
 * docs/system-dt.md lists the rules. Without an IOMMU nothing bounds what
 * it writes.
 */
const char *gen_dma_capable(const struct g_sys *s, int node)
{
	static const char *const compat[] = { "virtio", "sdhci", "xhci", "ehci", "ohci", "ahci",
					      "dwc2", "dwc3", "ethernet", "nvme", "pl330", "dma",
					      NULL };
	static const char *const props[] = { "dma-coherent", "iommus", "iommu-map", "#dma-cells",
					     "dma-ranges", NULL };
	static const char *const names[] = { "ethernet", "usb", "mmc", "sdhci", "sata", "nvme",
					     "ufs", "pci", "pcie", "gpu", "dma-controller", "dma",
					     NULL };
	static char why[G_PATH];
	const char *dt = fdt_getprop(s->fdt, node, "device_type", NULL);
	const char *name = fdt_get_name(s->fdt, node, NULL), *c;

	if (dt && !strcmp(dt, "pci"))
		return "device_type \"pci\": the functions behind a PCI host are bus masters";
	if ((c = compatible_with(s->fdt, node, compat))) {
		snprintf(why, sizeof(why), "compatible \"%s\"", c);
		return why;
	}
	for (const char *const *k = props; *k; k++)
		if (fdt_getprop(s->fdt, node, *k, NULL)) {
			snprintf(why, sizeof(why), "%s", *k);
			return why;
		}
	for (const char *const *k = names; name && *k; k++)
		if (!strncmp(name, *k, strlen(*k)) &&
		    (name[strlen(*k)] == '@' || name[strlen(*k)] == '\0')) {
			snprintf(why, sizeof(why), "node name \"%s\"", *k);
			return why;
		}
	return NULL;
}

static int interrupt_parent(const void *fdt, int node)
{
	while (node >= 0) {
		int len;
		const fdt32_t *p = fdt_getprop(fdt, node, "interrupt-parent", &len);

		if (p && len == 4)
			return fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(*p));
		node = fdt_parent_offset(fdt, node);
	}
	return -1;
}

/*
 * A device's interrupts that cannot be read: an error only if a partition
 * owns it (validate.c); the board may describe what nobody is given.
 */
static void irq_fail(struct g_dev *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void irq_fail(struct g_dev *d, const char *fmt, ...)
{
	va_list ap;

	if (d->irq_err[0])
		return; /* the first reason is enough */
	va_start(ap, fmt);
	vsnprintf(d->irq_err, sizeof(d->irq_err), fmt, ap);
	va_end(ap);
}

static void add_irq(struct g_dev *d, u32 line)
{
	for (int i = 0; i < d->nspi; i++)
		if (d->spi[i] == line)
			return; /* PCI slots share lines: each once */
	if (d->nspi < G_MAX_IRQS)
		d->spi[d->nspi++] = line;
	else
		irq_fail(d, "more than %d interrupt lines", G_MAX_IRQS);
}

/*
 * x86: a PCI host's interrupt-map (child unit address, INTx pin, parent,
 * parent unit address, parent specifier): every line it names must be a
 * pin of the IOAPIC; the host's owner gets them all.
 */
static void parse_interrupt_map(struct g_sys *s, struct g_dev *d)
{
	const void *fdt = s->fdt;
	int len, i = 0, n = 0;
	const fdt32_t *m = fdt_getprop(fdt, d->node, "interrupt-map", &len);
	int cac = cells_of(fdt, d->node, "#address-cells", 3);
	int cic = cells_of(fdt, d->node, "#interrupt-cells", 1);

	if (!m)
		return;
	if (len % 4 || cac < 0 || cac > 3 || cic < 1 || cic > 2) {
		irq_fail(d, "interrupt-map: malformed (cells or length)");
		return;
	}
	len /= 4;
	while (i < len) {
		int par, pac, pic;

		if (len - i < cac + cic + 1) {
			irq_fail(d, "interrupt-map: entry %d is cut short", n);
			return;
		}
		i += cac + cic;
		par = fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(m[i++]));
		if (par < 0 || par != s->ioapic_node) {
			irq_fail(d, "interrupt-map: entry %d does not lead to the IOAPIC%s%s",
				  n, s->ioapic_node < 0 ? "" : " ", s->ioapic_node < 0 ? "" :
				  s->ioapic_path);
			return;
		}
		pac = cells_of(fdt, par, "#address-cells", 0);
		pic = cells_of(fdt, par, "#interrupt-cells", 2);
		if (pac < 0 || pac > 3 || pic != 2 || len - i < pac + pic) {
			irq_fail(d, "interrupt-map: entry %d is cut short", n);
			return;
		}
		i += pac;
		add_irq(d, fdt32_to_cpu(m[i]));
		i += pic;
		n++;
	}
}

/*
 * A device's interrupts on the board's controller: arm64 GIC SPIs (type 0;
 * PPIs are the hypervisor's), x86 IOAPIC pins (<pin flags>). Lines on
 * another controller are not the partitions' to own.
 */
static void parse_irqs(struct g_sys *s, struct g_dev *d)
{
	int len, cells, ctl = gen_x86(s) ? s->ioapic_node : s->gic_node;
	const fdt32_t *p;

	if (gen_x86(s))
		parse_interrupt_map(s, d);
	if (ctl < 0 || interrupt_parent(s->fdt, d->node) != ctl)
		return;
	p = fdt_getprop(s->fdt, d->node, "interrupts", &len);
	cells = cells_of(s->fdt, ctl, "#interrupt-cells", gen_x86(s) ? 2 : 3);
	if (!p)
		return;
	if (gen_x86(s) && (cells != 2 || len % 8)) {
		irq_fail(d, "interrupts must be <pin flags> pairs of %s", s->ioapic_path);
		return;
	}
	if (cells < 2 || cells > 4 || len % (cells * 4))
		return;
	for (int i = 0; i < len / (cells * 4); i++) {
		u32 a = fdt32_to_cpu(p[i * cells]), num = fdt32_to_cpu(p[i * cells + 1]);

		if (gen_x86(s))
			add_irq(d, a);
		else if (a == 0 && num < 988)
			add_irq(d, 32 + num);
	}
}

/* x86: <port value> pairs of the board's reset and sleep registers (docs/system-dt.md). */
static bool port_pair(struct g_sys *s, int node, const char *prop, u32 *port, u32 *val,
		      u32 max_val)
{
	int len;
	const fdt32_t *p = fdt_getprop(s->fdt, node, prop, &len);

	if (!p)
		return false;
	if (len != 8 || !fdt32_to_cpu(p[0]) || fdt32_to_cpu(p[0]) > 0xfffe ||
	    fdt32_to_cpu(p[1]) > max_val) {
		gen_error(s, s->acpi_path, "%s must be <port value>: an I/O port 1..0xfffe and a "
			  "value up to 0x%x", prop, max_val);
		return false;
	}
	*port = fdt32_to_cpu(p[0]);
	*val = fdt32_to_cpu(p[1]);
	return true;
}

static void parse_acpi_fixed(struct g_sys *s)
{
	static const char *const known[] = { "compatible", "reset-register", "pm1a-control",
					     "pm-enable", NULL };
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
		gen_error(s, s->acpi_path, "pm-enable must be <bus device function register bits>: a "
			  "PCI configuration byte (bus < 256, device < 32, function < 8, register < "
			  "256) and the bits (1..0xff) to set in it");
		return;
	}
	s->pm_enable_cfg = 0x80000000U | fdt32_to_cpu(e[0]) << 16 | fdt32_to_cpu(e[1]) << 11 |
			   fdt32_to_cpu(e[2]) << 8 | (fdt32_to_cpu(e[3]) & 0xfc);
	s->pm_enable_cfg |= fdt32_to_cpu(e[3]) & 3; /* the byte within the dword */
	s->pm_enable_bits = fdt32_to_cpu(e[4]);
}

static void parse_board(struct g_sys *s)
{
	const void *fdt = s->fdt;
	int node, cpus;

	s->addr_cells = cells_of(fdt, 0, "#address-cells", 2);
	s->size_cells = cells_of(fdt, 0, "#size-cells", 1);
	if (s->addr_cells < 1 || s->addr_cells > 2 || s->size_cells < 1 || s->size_cells > 2) {
		gen_error(s, "/", "#address-cells/#size-cells must be 1 or 2");
		s->addr_cells = 2;
		s->size_cells = 2;
	}

	/* GIC first: devices' interrupts refer to it. */
	if (!gen_x86(s))
		gen_parse_gic(s);
	if (gen_x86(s)) {
		s->ioapic_node = fdt_node_offset_by_compatible(fdt, -1, "intel,ioapic");
		parse_acpi_fixed(s);
	}
	if (s->ioapic_node >= 0) {
		gen_node_path(fdt, s->ioapic_node, s->ioapic_path, sizeof(s->ioapic_path));
		if (gen_read_reg(fdt, s->ioapic_node, &s->ioapic, 1) != 1 || s->ioapic.size < 0x44 ||
		    s->ioapic.base & (G_PAGE - 1))
			gen_error(s, s->ioapic_path, "an IOAPIC needs reg = <page-aligned base, at least "
				  "0x44 bytes>");
	}
	s->timer_node = fdt_node_offset_by_compatible(fdt, -1, "arm,armv8-timer");

	cpus = fdt_path_offset(fdt, "/cpus");
	if (cpus < 0) {
		gen_error(s, "/", "the board has no /cpus node");
	} else {
		int ac = cells_of(fdt, cpus, "#address-cells", 1);

		fdt_for_each_subnode(node, fdt, cpus) {
			int len;
			const char *dt = fdt_getprop(fdt, node, "device_type", &len);
			const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);
			struct g_cpu *c;

			if (!dt || strcmp(dt, "cpu"))
				continue;
			if (s->ncpu >= G_MAX_CPUS) {
				gen_error(s, "/cpus", "more than %d CPUs", G_MAX_CPUS);
				break;
			}
			c = &s->cpu[s->ncpu];
			c->node = node;
			gen_node_path(fdt, node, c->path, sizeof(c->path));
			c->phandle = fdt_get_phandle(fdt, node);
			c->owner = -1;
			if (!reg || ac < 1 || ac > 2 || len != ac * 4) {
				gen_error(s, c->path, "reg must hold the CPU's %s in %d cells",
					  gen_x86(s) ? "APIC ID" : "MPIDR", ac);
				continue;
			}
			c->mpidr = read_cells(reg, ac);
			s->ncpu++;
		}
	}

	/* Every memory-mapped node: RAM banks and devices. */
	for (node = fdt_next_node(fdt, -1, NULL); node >= 0; node = fdt_next_node(fdt, node, NULL)) {
		int len;
		const char *dt = fdt_getprop(fdt, node, "device_type", &len);
		const char *status = fdt_getprop(fdt, node, "status", &len);
		char path[G_PATH];
		struct g_range reg[G_MAX_REGS], io[G_MAX_REGS];
		int n, nio = 0;

		gen_node_path(fdt, node, path, sizeof(path));
		if (has_prefix(path, "/bulkhead") || has_prefix(path, "/cpus") ||
		    has_prefix(path, "/chosen") || has_prefix(path, "/aliases"))
			continue;
		n = gen_read_reg(fdt, node, reg, G_MAX_REGS);
		if (n <= 0)
			nio = read_io_ports(fdt, node, io, G_MAX_REGS);
		if (n <= 0 && nio <= 0)
			continue;
		if (n < 0)
			n = 0;
		if (dt && !strcmp(dt, "memory")) {
			for (int i = 0; i < n && s->nram < G_MAX_RAM; i++)
				if (reg[i].size)
					s->ram[s->nram++] = reg[i];
			continue;
		}
		if (status && strcmp(status, "okay") && strcmp(status, "ok"))
			continue;
		if (s->ndev >= G_MAX_DEVS) {
			gen_error(s, path, "more than %d devices on the board", G_MAX_DEVS);
			break;
		}
		struct g_dev *d = &s->dev[s->ndev++];

		memset(d, 0, sizeof(*d));
		d->node = node;
		d->owner = -1;
		snprintf(d->path, sizeof(d->path), "%s", path);
		snprintf(d->name, sizeof(d->name), "%s", fdt_get_name(fdt, node, NULL));
		memcpy(d->reg, reg, sizeof(reg[0]) * (size_t)n);
		d->nreg = d->nown = n;
		d->nreg += read_pci_windows(s, path, node, d, G_MAX_REGS - n);
		memcpy(d->io, io, sizeof(io[0]) * (size_t)nio);
		d->nio = nio;
		parse_irqs(s, d);
	}
	if (!s->nram)
		gen_error(s, "/", "the board describes no RAM (no memory node with device_type = \"memory\")");
}

/*
 * The node a phandle cell names, with its path in buf for messages (which
 * name nodes, never phandle numbers); -1 and a description of the cell if
 * no node has that phandle (a raw number written in the DTS).
 */
int gen_phandle_node(struct g_sys *s, u32 ph, char *buf, size_t len)
{
	int node = ph && ph != 0xffffffffU ? fdt_node_offset_by_phandle(s->fdt, ph) : -1;

	if (node >= 0)
		gen_node_path(s->fdt, node, buf, len);
	else
		snprintf(buf, len, "<0x%x> (no node has this phandle)", ph);
	return node;
}

/* Looks a phandle up among the devices; -1 if it is not one. */
static int dev_by_node(struct g_sys *s, int node)
{
	for (int i = 0; i < s->ndev; i++)
		if (s->dev[i].node == node)
			return i;
	return -1;
}

void gen_check_props(struct g_sys *s, int node, const char *path, const char *const *known)
{
	int off;

	fdt_for_each_property_offset(off, s->fdt, node) {
		const char *name;
		bool ok = false;

		if (!fdt_getprop_by_offset(s->fdt, off, &name, NULL))
			continue;
		for (const char *const *k = known; *k; k++)
			if (!strcmp(*k, name))
				ok = true;
		if (!ok && strcmp(name, "phandle") && strcmp(name, "linux,phandle")) {
			char h[G_PATH];

			gen_error(s, path, "unknown property '%s'%s", name,
				  gen_hint(h, sizeof(h), name, known));
		}
	}
}

const char *gen_get_string(struct g_sys *s, int node, const char *path, const char *prop)
{
	int len;
	const char *v = fdt_getprop(s->fdt, node, prop, &len);

	if (!v)
		return NULL;
	if (len < 1 || v[len - 1] != '\0' || strlen(v) + 1 != (size_t)len) {
		gen_error(s, path, "%s must be a single string", prop);
		return NULL;
	}
	return v;
}

/*
 * A file the description names (image, initrd). Its name reaches make's
 * fragment (system.mk) and mkimage's source (/incbin/("...")): a control
 * character, a quote or a backslash there could end a line or a string and
 * add rules or nodes of the description's choosing, so it is refused.
 */
static const char *file_name(struct g_sys *s, int node, const char *path, const char *prop)
{
	const char *v = gen_get_string(s, node, path, prop);

	if (!v)
		return NULL;
	for (const unsigned char *c = (const unsigned char *)v; *c; c++)
		if (*c < 0x20 || *c == 0x7f || *c == '"' || *c == '\\') {
			gen_error(s, path, "%s: a file name with a control character, a double quote or "
				  "a backslash (at byte %u) is refused", prop, (unsigned)(c - (const unsigned char *)v));
			return NULL;
		}
	return v;
}

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
	if (s->rollback_dev < 0 || !is_compatible(s->fdt, s->dev[s->rollback_dev].node, "cfi-flash")) {
		gen_error(s, path, "rollback-store 0x%llx+0x%llx is not inside a CFI flash "
			  "(compatible \"cfi-flash\") of the board",
			  (unsigned long long)s->rollback.base, (unsigned long long)s->rollback.size);
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

static void parse_hypervisor(struct g_sys *s, int node, const char *path)
{
	static const char *const known[] = { "memory", "image-store", "image-store-b",
					     "rollback-store", "console", "ap-trampoline", NULL };
	int len;
	const fdt32_t *con;

	gen_check_props(s, node, path, known);
	s->has_hv_mem = gen_read_range(s, node, path, "memory", &s->hv_mem);
	if (!s->has_hv_mem && !fdt_getprop(s->fdt, node, "memory", NULL))
		gen_error(s, path, "no memory for the hypervisor");
	s->has_store = gen_read_range(s, node, path, "image-store", &s->store);
	if (!s->has_store && !fdt_getprop(s->fdt, node, "image-store", NULL))
		gen_error(s, path, "no image-store (the RAM where the bootloader puts bulkhead.itb)");
	s->has_store_b = gen_read_range(s, node, path, "image-store-b", &s->store_b);
	s->has_trampoline = gen_read_range(s, node, path, "ap-trampoline", &s->trampoline);
	parse_rollback_store(s, node, path);
	con = fdt_getprop(s->fdt, node, "console", &len);
	if (!con) {
		gen_error(s, path, "no console");
	} else if (len != 4) {
		gen_error(s, path, "console must be one phandle");
	} else {
		char tp[G_PATH];
		int cn = gen_phandle_node(s, fdt32_to_cpu(*con), tp, sizeof(tp));
		bool x86 = gen_x86(s);

		s->console_dev = cn >= 0 ? dev_by_node(s, cn) : -1;
		if (s->console_dev < 0)
			gen_error(s, path, "console: %s is not a device with registers", tp);
		else if (!x86 && (!gen_uart_type(s->fdt, cn, &s->uart_type) ||
				  !s->dev[s->console_dev].nreg))
			gen_error(s, path, "console %s is not a UART the hypervisor drives: a PL011 "
				  "(\"arm,pl011\") or a Cadence UART (\"cdns,uart-r1p12\")",
				  s->dev[s->console_dev].path);
		else if (x86 && (!is_compatible(s->fdt, cn, "ns16550a") ||
				 !s->dev[s->console_dev].nio || s->dev[s->console_dev].io[0].size < 8))
			gen_error(s, path, "console %s is not a 16550 on I/O ports (\"ns16550a\" "
				  "on an \"isa\" bus, reg = <1 port 8>)", s->dev[s->console_dev].path);
	}
}

bool gen_valid_name(const char *n)
{
	if (!*n || strlen(n) >= G_NAME)
		return false;
	for (; *n; n++)
		if (!((*n >= 'a' && *n <= 'z') || (*n >= '0' && *n <= '9') || *n == '-' || *n == '_'))
			return false;
	return true;
}

static bool program_known(const struct gen_opts *o, const char *p)
{
	const char *l = o->programs ? o->programs : "";
	size_t n = strlen(p);

	while (*l) {
		while (*l == ' ')
			l++;
		if (!strncmp(l, p, n) && (l[n] == ' ' || l[n] == '\0'))
			return true;
		while (*l && *l != ' ')
			l++;
	}
	return false;
}

/* An unknown program, with a hint if one of CONFIG_PROGRAMS is close. */
static void program_error(struct g_sys *s, const char *path, const char *v)
{
	char list[512], h[G_PATH];
	const char *known[64];
	int n = 0;

	snprintf(list, sizeof(list), "%s", s->opt->programs ? s->opt->programs : "");
	for (char *t = strtok(list, " "); t && n < 63; t = strtok(NULL, " "))
		known[n++] = t;
	known[n] = NULL;
	gen_error(s, path, "unknown program '%s' (CONFIG_PROGRAMS: %s)%s", v,
		  s->opt->programs ? s->opt->programs : "", gen_hint(h, sizeof(h), v, known));
}

/*
 * A relative image path starts at the DTS's folder; failing that, at the
 * build folder, where fetched or built guest images live (e.g. linux/Image
 * from scripts/fetch-linux-guest). A file found in neither resolves into the
 * build folder so that make can build or fetch it there.
 */
static void resolve_file(const struct gen_opts *o, const char *f, char *out, size_t len)
{
	struct stat st;

	if (f[0] == '/' || (!o->dts_dir && !o->search_dir)) {
		snprintf(out, len, "%s", f);
		return;
	}
	if (o->dts_dir) {
		snprintf(out, len, "%s/%s", o->dts_dir, f);
		if (!stat(out, &st) || !o->search_dir)
			return;
	}
	snprintf(out, len, "%s/%s", o->search_dir, f);
}

/*
 * A property naming one of choices, the first being what its absence means:
 * the index of the one named, or 0 after an error that lists them (listed)
 * and suggests a close one.
 */
static int parse_choice(struct g_sys *s, int node, const char *path, const char *prop,
			const char *const *choices, const char *listed)
{
	const char *v = gen_get_string(s, node, path, prop);
	char h[G_PATH];

	if (!v)
		return 0;
	for (int i = 0; choices[i]; i++)
		if (!strcmp(v, choices[i]))
			return i;
	gen_error(s, path, "unknown %s '%s' (%s)%s", prop, v, listed,
		  gen_hint(h, sizeof(h), v, choices));
	return 0;
}

static void parse_partition(struct g_sys *s, int node, const char *path, const char *nodename)
{
	static const char *const known[] = { "compatible", "bulkhead,root", "cpus", "memory",
					     "devices", "program", "image", "initrd", "bootargs",
					     "restart", "ipa-base", "security-version",
					     "on-verify-fail", "on-bad-access", "bulkhead,trusted-dma",
					     "restart-limit", "restart-delay-ms", "restart-delay-max-ms",
					     "restart-stable-ms", "watchdog", NULL };
	static const char *const restarts[] = { "halt", "restart", "system-reset", NULL };
	static const char *const verify_fail[] = { "halt", "fallback", NULL };
	static const char *const bad_access[] = { "stop", "abort", NULL };
	struct g_part *p;
	const fdt32_t *list;
	const char *v;
	const char *why;
	int len, idx;

	if (s->npart >= G_MAX_PARTS) {
		if (s->npart == G_MAX_PARTS)
			gen_error(s, path, "more than %d partitions", G_MAX_PARTS);
		s->npart++;
		return;
	}
	idx = s->npart++;
	p = &s->part[idx];
	memset(p, 0, sizeof(*p));
	p->node = node;
	snprintf(p->path, sizeof(p->path), "%s", path);
	snprintf(p->name, sizeof(p->name), "%s", nodename + strlen("partition-"));
	if (!gen_valid_name(nodename + strlen("partition-")))
		gen_error(s, path, "partition name '%s' must be 1 to %d characters of a-z, 0-9, - and _",
			  nodename + strlen("partition-"), G_NAME - 1);

	gen_check_props(s, node, path, known);
	if (!is_compatible(s->fdt, node, "bulkhead,partition"))
		gen_error(s, path, "compatible must be \"bulkhead,partition\"");
	p->root = fdt_getprop(s->fdt, node, "bulkhead,root", NULL) != NULL;
	p->trusted_dma = fdt_getprop(s->fdt, node, "bulkhead,trusted-dma", NULL) != NULL;

	list = fdt_getprop(s->fdt, node, "cpus", &len);
	if (list && len % 4)
		gen_error(s, path, "cpus must be a list of phandles");
	for (int i = 0; list && i < len / 4; i++) {
		u32 ph = fdt32_to_cpu(list[i]);
		char tp[G_PATH];
		int cn = gen_phandle_node(s, ph, tp, sizeof(tp)), c = -1;

		for (int k = 0; k < s->ncpu && cn >= 0; k++)
			if (s->cpu[k].node == cn)
				c = k;
		if (c < 0) {
			gen_error(s, path, "cpus: %s is not a CPU of the board", tp);
			continue;
		}
		if (c >= s->opt->nr_cpus) {
			gen_error(s, path, "cpus: %s is beyond the %d CPUs of CONFIG_NR_CPUS",
				  s->cpu[c].path, s->opt->nr_cpus);
			continue;
		}
		if (s->cpu[c].owner >= 0) {
			gen_error(s, path, "cpu %s is already assigned to %s", s->cpu[c].path,
				  s->part[s->cpu[c].owner].path);
			continue;
		}
		s->cpu[c].owner = idx;
		if (p->ncpu < G_MAX_CPUS)
			p->cpu[p->ncpu++] = c;
	}
	if (!list || !len)
		gen_error(s, path, "no cpus");

	p->has_mem = gen_read_range(s, node, path, "memory", &p->mem);
	if (!p->has_mem && !fdt_getprop(s->fdt, node, "memory", NULL))
		gen_error(s, path, "no memory");
	p->ipa_base = p->mem.base;
	{
		int l;
		const fdt32_t *ib = fdt_getprop(s->fdt, node, "ipa-base", &l);

		if (ib && l == s->addr_cells * 4)
			p->ipa_base = read_cells(ib, s->addr_cells);
		else if (ib)
			gen_error(s, path, "ipa-base must be one address (%d cells)", s->addr_cells);
		if (ib && !IS_ALIGNED(p->ipa_base, G_PAGE))
			gen_error(s, path, "ipa-base 0x%llx: not aligned to the 4 KiB page size",
				  (unsigned long long)p->ipa_base);
	}

	list = fdt_getprop(s->fdt, node, "devices", &len);
	if (list && len % 4)
		gen_error(s, path, "devices must be a list of phandles");
	for (int i = 0; list && i < len / 4; i++) {
		u32 ph = fdt32_to_cpu(list[i]);
		char tp[G_PATH];
		int dn = gen_phandle_node(s, ph, tp, sizeof(tp)), d;

		if (dn < 0) {
			gen_error(s, path, "devices: %s is not a device", tp);
			continue;
		}
		d = dev_by_node(s, dn);
		if (d < 0) {
			gen_error(s, path, "devices: %s is not a device (no memory-mapped reg)", tp);
			continue;
		}
		if (s->dev[d].nio && !gen_x86(s)) {
			gen_error(s, path, "devices: %s has I/O ports, which only x86 boards have", tp);
			continue;
		}
		if (d == s->console_dev) {
			gen_error(s, path, "devices: %s is the hypervisor's console", tp);
			continue;
		}
		if (gen_is_irq_controller(s, dn)) {
			gen_error(s, path, "devices: %s is the interrupt controller (partitions get a virtual one)", tp);
			continue;
		}
		if ((why = gen_irq_translator(s, dn))) {
			gen_error(s, path, "devices: %s is an interrupt controller (%s): only the "
				  "hypervisor may program it (an ITS or MSI frame writes and signals "
				  "wherever it is told)", tp, why);
			continue;
		}
		if (s->dev[d].owner >= 0) {
			gen_error(s, path, "device %s is already assigned to %s", tp,
				  s->part[s->dev[d].owner].path);
			continue;
		}
		s->dev[d].owner = idx;
		if (p->ndev < G_MAX_DEVS)
			p->dev[p->ndev++] = d;
	}

	v = gen_get_string(s, node, path, "program");
	if (v) {
		snprintf(p->program, sizeof(p->program), "%s", v);
		p->program_ok = program_known(s->opt, v);
		if (!p->program_ok)
			program_error(s, path, v);
	}
	v = file_name(s, node, path, "image");
	if (v) {
		snprintf(p->image_name, sizeof(p->image_name), "%s", v);
		resolve_file(s->opt, v, p->image, sizeof(p->image));
	}
	if (p->program[0] && p->image[0])
		gen_error(s, path, "both program and image given; choose one");
	if (!fdt_getprop(s->fdt, node, "program", NULL) && !fdt_getprop(s->fdt, node, "image", NULL))
		gen_error(s, path, "no program or image");
	v = file_name(s, node, path, "initrd");
	if (v) {
		snprintf(p->initrd_name, sizeof(p->initrd_name), "%s", v);
		resolve_file(s->opt, v, p->initrd, sizeof(p->initrd));
	}
	v = gen_get_string(s, node, path, "bootargs");
	if (v)
		snprintf(p->bootargs, sizeof(p->bootargs), "%s", v);

	{
		int l;
		const fdt32_t *sv = fdt_getprop(s->fdt, node, "security-version", &l);

		if (sv && l == 4)
			p->security_version = fdt32_to_cpu(*sv);
		else if (sv)
			gen_error(s, path, "security-version must be one 32-bit cell");
	}
	{
		static const u32 restart_of[] = { BH_RESTART_HALT, BH_RESTART_RESTART,
						  BH_RESTART_SYSTEM_RESET };

		p->restart = restart_of[parse_choice(s, node, path, "restart", restarts,
						     "halt, restart or system-reset")];
	}
	gen_parse_restart(s, node, path, p);
	gen_parse_watchdog(s, node, path, p);
	p->bad_access_abort = parse_choice(s, node, path, "on-bad-access", bad_access,
					   "stop or abort") == 1;
	p->fallback = parse_choice(s, node, path, "on-verify-fail", verify_fail,
				   "halt or fallback") == 1;
}

/*
 * A child of /bulkhead that is none of its kinds: a hint when the name is
 * close to one (for partition-<name>, the part before the first '-').
 */
static void node_error(struct g_sys *s, const char *path, const char *name)
{
	static const char *const kinds[] = { "hypervisor", "vmbus", "partition", NULL };
	char head[G_PATH], h[G_PATH + 32];
	const char *dash = strchr(name, '-'), *k;

	snprintf(head, sizeof(head), "%.*s", (int)(dash ? dash - name : (long)strlen(name)), name);
	k = gen_close_name(dash ? head : name, kinds);
	if (k && !strcmp(k, "partition") != (dash != NULL))
		k = NULL; /* "partition" needs its -<name>, the others have none */
	if (k)
		snprintf(h, sizeof(h), "; did you mean '%s%s'?", k, dash ? dash : "");
	gen_error(s, path, "unknown node (expected hypervisor, partition-<name> or vmbus)%s",
		  k ? h : "");
}

static void parse_bulkhead(struct g_sys *s)
{
	static const char *const known[] = { "compatible", NULL };
	int bh = fdt_path_offset(s->fdt, "/bulkhead"), node, hv = -1;

	s->bulkhead_node = bh;
	s->console_dev = -1;
	s->root = -1;
	if (bh < 0) {
		gen_error(s, "/", "no /bulkhead node: nothing assigns the board to partitions");
		return;
	}
	gen_check_props(s, bh, "/bulkhead", known);
	if (!is_compatible(s->fdt, bh, "bulkhead,system-v1"))
		gen_error(s, "/bulkhead", "compatible must be \"bulkhead,system-v1\"");

	hv = fdt_subnode_offset(s->fdt, bh, "hypervisor");
	if (hv < 0)
		gen_error(s, "/bulkhead", "no hypervisor node");
	else
		parse_hypervisor(s, hv, "/bulkhead/hypervisor");

	fdt_for_each_subnode(node, s->fdt, bh) {
		const char *name = fdt_get_name(s->fdt, node, NULL);
		char path[G_PATH];

		if (!name)
			continue;
		snprintf(path, sizeof(path), "/bulkhead/%s", name);
		if (!strcmp(name, "hypervisor"))
			continue;
		if (has_prefix(name, "partition-"))
			parse_partition(s, node, path, name);
		else if (!strcmp(name, "vmbus"))
			s->vmbus_node = node;
		else
			node_error(s, path, name);
	}
	/* Channels name partitions: parse them once every partition is known. */
	if (s->vmbus_node >= 0)
		gen_parse_vmbus(s, s->vmbus_node);
}

int gen_parse(struct g_sys *s, const void *fdt, size_t size, const struct gen_opts *opt)
{
	memset(s, 0, sizeof(*s));
	s->fdt = fdt;
	s->opt = opt;
	s->gic_node = -1;
	s->ioapic_node = -1;
	s->console_dev = -1;
	s->root = -1;
	s->bulkhead_node = -1;
	s->vmbus_node = -1;
	if (bh_fdt_check(fdt, size) != 0) {
		gen_error(s, "/", "not a valid device tree blob");
		return s->errors;
	}
	if (!gen_check_board_arch(s))
		return s->errors;
	parse_board(s);
	parse_bulkhead(s);
	return s->errors;
}
