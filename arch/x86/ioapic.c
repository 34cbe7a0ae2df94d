// SPDX-License-Identifier: GPL-2.0
/*
 * The board's IOAPIC, as the system DT places it: every pin masked at boot
 * (u-boot may leave some open), then programmed only as partitions route
 * their own pins (vioapic.c). Registers through IOREGSEL/IOWIN; one lock,
 * as any CPU may reprogram a pin.
 */
#include <asm/io.h>
#include <asm/ioapic.h>

static spinlock_t lock;
static u32 nr_pins;

static u32 rd(u32 reg)
{
	volatile u32 *b = (volatile u32 *)(uintptr_t)bh_system.ioapic_pa;

	b[IOAPIC_IOREGSEL / 4] = reg;
	return b[IOAPIC_IOWIN / 4];
}

static void wr(u32 reg, u32 v)
{
	volatile u32 *b = (volatile u32 *)(uintptr_t)bh_system.ioapic_pa;

	b[IOAPIC_IOREGSEL / 4] = reg;
	b[IOAPIC_IOWIN / 4] = v;
}

u32 ioapic_init(void)
{
	if (!bh_system.ioapic_pa)
		return 0;
	nr_pins = ((rd(IOAPIC_REG_VER) >> 16) & 0xff) + 1;
	for (u32 pin = 0; pin < nr_pins; pin++) {
		wr(IOAPIC_REG_RTE(pin), (u32)RTE_MASKED);
		wr(IOAPIC_REG_RTE(pin) + 1, 0);
	}
	return nr_pins;
}

void ioapic_write_rte(u32 pin, u64 rte)
{
	if (pin >= nr_pins)
		return;
	spin_lock(&lock);
	wr(IOAPIC_REG_RTE(pin), (u32)RTE_MASKED); /* never half-written while unmasked */
	wr(IOAPIC_REG_RTE(pin) + 1, (u32)(rte >> 32));
	wr(IOAPIC_REG_RTE(pin), (u32)rte);
	spin_unlock(&lock);
}

void ioapic_mask(u32 pin, bool masked)
{
	u32 lo;

	if (pin >= nr_pins)
		return;
	spin_lock(&lock);
	lo = rd(IOAPIC_REG_RTE(pin));
	wr(IOAPIC_REG_RTE(pin), masked ? lo | (u32)RTE_MASKED : lo & ~(u32)RTE_MASKED);
	spin_unlock(&lock);
}
