// SPDX-License-Identifier: GPL-2.0
/*
 * The board's hardware from the system DTB: cell sizes, the interrupt
 * controller (parse_gic.c, the x86 IOAPIC), CPUs, RAM banks and every
 * memory-mapped or I/O-port device with its PCI windows and interrupts
 * (parse_irq.c). Each problem is reported and parsing goes on.
 */
#include <libfdt.h>
#include <stdio.h>
#include <string.h>
#include "model.h"

/*
 * I/O port ranges of a device on an ISA bus (the x86 binding: a parent
 * compatible with "isa", reg = <space address size>, space 1 = I/O);
 * the count, 0 if it has none.
 */
static int read_io_ports(const void *fdt, int node, struct g_range *out, int max)
{
	int len, n = 0, parent = fdt_parent_offset(fdt, node);
	const fdt32_t *p = fdt_getprop(fdt, node, "reg", &len);

	if (!p || parent < 0 || !gen_is_compatible(fdt, parent, "isa") ||
	    gen_cells_of(fdt, parent, "#address-cells", 2) != 2 ||
	    gen_cells_of(fdt, parent, "#size-cells", 1) != 1 || len % 12)
		return 0;
	for (int i = 0; i < len / 12 && n < max; i++)
		if (fdt32_to_cpu(p[i * 3]) == 1)
			out[n++] = (struct g_range){fdt32_to_cpu(p[i * 3 + 1]),
						    fdt32_to_cpu(p[i * 3 + 2])};
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
	int pac = parent >= 0 ? gen_cells_of(fdt, parent, "#address-cells", 2) : 2;
	int csc = gen_cells_of(fdt, node, "#size-cells", 2), entry = 3 + pac + csc;

	if (!dt || strcmp(dt, "pci") || !r || !len)
		return 0;
	if (gen_cells_of(fdt, node, "#address-cells", 3) != 3 || pac < 1 || pac > 2 || csc < 1 ||
	    csc > 2 || len % (entry * 4)) {
		gen_error(s, path,
			  "ranges of a PCI host must be <space bus-address cpu-address size> "
			  "(#address-cells = 3, #size-cells 1 or 2)");
		return 0;
	}
	for (int i = 0; i < len / (entry * 4); i++) {
		const fdt32_t *e = r + i * entry;
		u32 space = fdt32_to_cpu(e[0]);
		u64 cpu = gen_read_cells(e + 3, pac);

		if (((space >> 24) & 3) < 2)
			continue;
		if (n >= max) {
			gen_error(s, path, "more than %d register and window ranges", G_MAX_REGS);
			break;
		}
		if (!gen_translate(fdt, node, &cpu)) {
			gen_error(s, path,
				  "PCI window %d at 0x%llx is not memory-mapped in the CPU's "
				  "address space",
				  i, (unsigned long long)cpu);
			continue;
		}
		d->reg[d->nreg + n] = (struct g_range){cpu, gen_read_cells(e + 3 + pac, csc)};
		d->win_space[d->nreg + n] = space;
		d->win_bus[d->nreg + n] = gen_read_cells(e + 1, 2);
		n++;
	}
	return n;
}

static bool has_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

/* Looks a phandle up among the devices; -1 if it is not one. */
int gen_dev_by_node(struct g_sys *s, int node)
{
	for (int i = 0; i < s->ndev; i++)
		if (s->dev[i].node == node)
			return i;
	return -1;
}

/* The root's cell sizes, which /bulkhead's properties use too. */
static void parse_cells(struct g_sys *s)
{
	s->addr_cells = gen_cells_of(s->fdt, 0, "#address-cells", 2);
	s->size_cells = gen_cells_of(s->fdt, 0, "#size-cells", 1);
	if (s->addr_cells < 1 || s->addr_cells > 2 || s->size_cells < 1 || s->size_cells > 2) {
		gen_error(s, "/", "#address-cells/#size-cells must be 1 or 2");
		s->addr_cells = 2;
		s->size_cells = 2;
	}
}

/* The hypervisor's interrupt controller (arm64 GIC, x86 IOAPIC) and the x86 fixed hardware. */
static void parse_irq_controller(struct g_sys *s)
{
	const void *fdt = s->fdt;

	if (!gen_x86(s))
		gen_parse_gic(s);
	if (gen_x86(s)) {
		s->ioapic_node = fdt_node_offset_by_compatible(fdt, -1, "intel,ioapic");
		gen_parse_acpi_fixed(s);
	}
	if (s->ioapic_node >= 0) {
		gen_node_path(fdt, s->ioapic_node, s->ioapic_path, sizeof(s->ioapic_path));
		if (gen_read_reg(fdt, s->ioapic_node, &s->ioapic, 1) != 1 ||
		    s->ioapic.size < 0x44 || s->ioapic.base & (G_PAGE - 1))
			gen_error(s, s->ioapic_path,
				  "an IOAPIC needs reg = <page-aligned base, at least "
				  "0x44 bytes>");
	}
}

/* /cpus: each CPU's node, phandle and MPIDR (x86: APIC ID). */
static void parse_cpus(struct g_sys *s)
{
	const void *fdt = s->fdt;
	int node, ac, cpus = fdt_path_offset(fdt, "/cpus");

	if (cpus < 0) {
		gen_error(s, "/", "the board has no /cpus node");
		return;
	}
	ac = gen_cells_of(fdt, cpus, "#address-cells", 1);
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
		c->mpidr = gen_read_cells(reg, ac);
		s->ncpu++;
	}
}

/* Every memory-mapped node: RAM banks and devices. */
static void parse_nodes(struct g_sys *s)
{
	const void *fdt = s->fdt;
	int node;

	for (node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
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
		gen_parse_irqs(s, d);
	}
	if (!s->nram)
		gen_error(
		    s, "/",
		    "the board describes no RAM (no memory node with device_type = \"memory\")");
}

void gen_parse_board(struct g_sys *s)
{
	parse_cells(s);
	/* GIC first: devices' interrupts refer to it. */
	parse_irq_controller(s);
	s->timer_node = fdt_node_offset_by_compatible(s->fdt, -1, "arm,armv8-timer");
	parse_cpus(s);
	parse_nodes(s);
}
