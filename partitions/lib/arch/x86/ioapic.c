// SPDX-License-Identifier: GPL-2.0
/*
 * Device interrupts on x86: a device's <pin flags> on the partition's
 * IOAPIC (the hypervisor's virtual one; it routes only the pins of the
 * partition's own devices) is routed, fixed delivery, to this vCPU on
 * vector IOAPIC_VECTOR_BASE + pin. Flags as Linux's intel,ce4100-ioapic
 * binding: 0 edge rising, 1 level low, 2 level high, 3 edge falling.
 */
#include <libfdt.h>
#include <bulkhead/hv_config.h> /* BH_X86_MAX_GSI */
#include <asm/ioapic_regs.h>
#include "part.h"

/* Up to BH_X86_MAX_GSI pins: vectors 0x90..0xcf, clear of the bus and timer vectors. */
#define IOAPIC_VECTOR_BASE 0x90

static void wr(u64 base, u32 reg, u32 v)
{
	*(volatile u32 *)(uintptr_t)(base + IOAPIC_IOREGSEL) = reg;
	*(volatile u32 *)(uintptr_t)(base + IOAPIC_IOWIN) = v;
}

u32 part_irq_spec(int ctrl, const void *cells_be, int cells)
{
	const fdt32_t *spec = cells_be;
	int len;
	const fdt32_t *reg = fdt_getprop(part.fdt, ctrl, "reg", &len);
	u32 pin, flags, lo;
	u64 base;

	if (fdt_node_check_compatible(part.fdt, ctrl, "intel,ioapic") || !reg || len < 16 ||
	    cells != 2)
		return 0;
	base = part_read_cells(reg, 2);
	pin = fdt32_to_cpu(spec[0]);
	flags = fdt32_to_cpu(spec[1]);
	if (pin >= BH_X86_MAX_GSI || flags > 3)
		return 0;
	lo = IOAPIC_VECTOR_BASE + pin;
	if (flags == 1 || flags == 2)
		lo |= RTE_LEVEL;
	if (flags == 1 || flags == 3)
		lo |= RTE_LOW;
	wr(base, IOAPIC_REG_RTE(pin) + 1,
	   this_cpu() << (RTE_DEST_SHIFT - 32)); /* masked: dest first */
	wr(base, IOAPIC_REG_RTE(pin), lo);
	return IOAPIC_VECTOR_BASE + pin;
}
