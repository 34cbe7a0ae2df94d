// SPDX-License-Identifier: GPL-2.0
/*
 * A board device's interrupt lines on the board's controller (arm64 GIC
 * SPIs, x86 IOAPIC pins), from its interrupts or, for an x86 PCI host, its
 * interrupt-map. What cannot be read is kept in the device (irq_err) and
 * reported by validate.c only if a partition owns the device.
 */
#include <stdarg.h>
#include <libfdt.h>
#include <stdio.h>
#include "model.h"

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
	int cac = gen_cells_of(fdt, d->node, "#address-cells", 3);
	int cic = gen_cells_of(fdt, d->node, "#interrupt-cells", 1);

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
			irq_fail(d, "interrupt-map: entry %d does not lead to the IOAPIC%s%s", n,
				 s->ioapic_node < 0 ? "" : " ",
				 s->ioapic_node < 0 ? "" : s->ioapic_path);
			return;
		}
		pac = gen_cells_of(fdt, par, "#address-cells", 0);
		pic = gen_cells_of(fdt, par, "#interrupt-cells", 2);
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
void gen_parse_irqs(struct g_sys *s, struct g_dev *d)
{
	int len, cells, ctl = gen_x86(s) ? s->ioapic_node : s->gic_node;
	const fdt32_t *p;

	if (gen_x86(s))
		parse_interrupt_map(s, d);
	if (ctl < 0 || interrupt_parent(s->fdt, d->node) != ctl)
		return;
	p = fdt_getprop(s->fdt, d->node, "interrupts", &len);
	cells = gen_cells_of(s->fdt, ctl, "#interrupt-cells", gen_x86(s) ? 2 : 3);
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
