// SPDX-License-Identifier: GPL-2.0
/*
 * A partition's virtual IOAPIC at the board IOAPIC's address. Its page is
 * never mapped: accesses arrive as nested page faults (mmio_emul.c). It has
 * the board's pins; the partition routes those it owns (its devices', as
 * bulkhead-gen listed them) and reads the others as masked. A routed pin is
 * programmed into the physical IOAPIC with the hypervisor's host vector for
 * the pin, aimed at the CPU of the vCPU the partition names; when it fires,
 * the partition's own vector is raised in that vCPU's local APIC. A
 * level-triggered pin stays masked from its interrupt until the partition's
 * EOI (remote IRR), so a device holding its line cannot storm a CPU.
 * Destinations: physical = vCPU index (APIC ID); logical = the lowest vCPU
 * whose bit the mask sets. Delivery modes other than fixed and lowest
 * priority keep the pin masked.
 *
 * One pin may be virtual: the VMBus interrupt of a partition whose kernel
 * takes interrupts only as GSIs (Linux; bh_partition.bus_gsi, named in its
 * ACPI tables). No physical pin is behind it: the hypervisor raises it
 * (vioapic_bus_irq) and it remembers one interrupt that came while it was
 * masked or in service, delivered when the partition unmasks or ends it, so
 * that events before a driver took the pin are not lost.
 */
#include <asm/ioapic.h>
#include <asm/vlapic.h>
#include "console.h"
#include "partition.h"

#define RTE_RO	       (RTE_PENDING | RTE_REMOTE_IRR)
#define DELMODE_FIXED  0
#define DELMODE_LOWEST 1

static struct partition *pin_owner[BH_X86_MAX_GSI];

static struct vcpu *target(struct partition *p, u64 rte)
{
	u32 dest = (u32)(rte >> RTE_DEST_SHIFT);

	if (rte & RTE_LOGICAL) {
		for (u32 i = 0; i < p->cfg->nr_vcpus && i < 8; i++)
			if (dest & BIT(i))
				return &p->vcpu[i];
		return &p->vcpu[0];
	}
	return dest < p->cfg->nr_vcpus ? &p->vcpu[dest] : &p->vcpu[0];
}

/* The bus pin's interrupt, under the lock: as a line's, to the vCPU its entry names. */
static void bus_deliver(struct partition *p, u32 pin)
{
	struct vioapic *io = &p->arch.ioapic;
	u64 r = io->rte[pin];
	u32 mode = (u32)((r & RTE_DELMODE) >> 8);

	if ((r & (RTE_MASKED | RTE_REMOTE_IRR)) ||
	    (mode != DELMODE_FIXED && mode != DELMODE_LOWEST)) {
		io->bus_pending = true;
		return;
	}
	io->bus_pending = false;
	if (r & RTE_LEVEL) {
		io->rte[pin] |= RTE_REMOTE_IRR;
		vlapic_raise_level(target(p, r), (u32)(r & RTE_VECTOR));
	} else {
		vlapic_raise(target(p, r), (u32)(r & RTE_VECTOR));
	}
}

/* The physical pin as the virtual one says (called under the lock). */
static void route(struct partition *p, u32 pin)
{
	u64 r = p->arch.ioapic.rte[pin];
	struct vcpu *t = target(p, r);
	u32 mode = (u32)((r & RTE_DELMODE) >> 8);
	u64 phys = (BH_X86_GSI_HOST_VECTOR + pin) | (r & (RTE_LOW | RTE_LEVEL)) |
		   (u64)bh_system.cpu_mpidr[t->pcpu] << RTE_DEST_SHIFT;

	if (p->arch.ioapic.bus & (1ULL << pin)) {
		if (p->arch.ioapic.bus_pending)
			bus_deliver(p, pin); /* unmasked or ended: what waited goes now */
		return;
	}
	if ((r & (RTE_MASKED | RTE_REMOTE_IRR)) || t->lost ||
	    (mode != DELMODE_FIXED && mode != DELMODE_LOWEST))
		phys |= RTE_MASKED;
	ioapic_write_rte(pin, phys);
}

void vioapic_init(struct partition *p, u32 pins)
{
	struct vioapic *io = &p->arch.ioapic;
	const struct bh_partition *c = p->cfg;

	io->pins = pins < BH_X86_MAX_GSI ? pins : BH_X86_MAX_GSI;
	for (u32 i = 0; i < c->nr_spis; i++) {
		u32 pin = c->spis[i];

		if (pin >= io->pins) {
			log_printf("%s: its devices' IOAPIC pin %u is beyond the board IOAPIC's %u "
				   "pins; not routed",
				   c->name, pin, io->pins);
			continue;
		}
		io->owned |= 1ULL << pin;
		pin_owner[pin] = p;
	}
	if (c->bus_gsi && c->bus_gsi < BH_X86_MAX_GSI) {
		io->bus = 1ULL << c->bus_gsi;
		io->owned |= io->bus;
		if (io->pins <= c->bus_gsi)
			io->pins = c->bus_gsi + 1;
	}
	for (u32 pin = 0; pin < BH_X86_MAX_GSI; pin++)
		io->rte[pin] = RTE_MASKED;
}

void vioapic_reset(struct partition *p)
{
	struct vioapic *io = &p->arch.ioapic;

	spin_lock(&io->lock);
	io->sel = 0;
	io->bus_pending = false;
	for (u32 pin = 0; pin < BH_X86_MAX_GSI; pin++) {
		io->rte[pin] = RTE_MASKED;
		if ((io->owned & ~io->bus) & (1ULL << pin))
			ioapic_write_rte(pin, RTE_MASKED);
	}
	spin_unlock(&io->lock);
}

static u32 reg_read(struct vioapic *io, u32 reg)
{
	u32 pin = (reg - IOAPIC_REG_RTE(0)) / 2;

	if (reg == IOAPIC_REG_ID)
		return 0;
	if (reg == IOAPIC_REG_VER)
		return 0x20 | (io->pins - 1) << 16; /* version 0x20: it has the EOI register */
	if (reg < IOAPIC_REG_RTE(0) || pin >= io->pins)
		return 0;
	if (!(io->owned & (1ULL << pin)))
		return reg & 1 ? 0 : (u32)RTE_MASKED;
	return reg & 1 ? (u32)(io->rte[pin] >> 32) : (u32)io->rte[pin];
}

static void reg_write(struct partition *p, u32 reg, u32 val)
{
	struct vioapic *io = &p->arch.ioapic;
	u32 pin = (reg - IOAPIC_REG_RTE(0)) / 2;
	u64 r;

	if (reg < IOAPIC_REG_RTE(0) || pin >= io->pins || !(io->owned & (1ULL << pin)))
		return; /* ID, arbitration, pins not its own: writes do nothing */
	r = io->rte[pin];
	if (reg & 1) {
		r = (r & 0xffffffffULL) | (u64)(val & 0xff000000U) << 32;
	} else {
		r = (r & ~0xffffffffULL) | (r & RTE_RO) | (val & 0x1ffffU & ~(u32)RTE_RO);
		if (!(r & RTE_LEVEL))
			r &= ~RTE_REMOTE_IRR; /* an edge pin has no EOI to wait for */
	}
	io->rte[pin] = r;
	route(p, pin);
}

static void eoi_locked(struct partition *p, u32 vector)
{
	struct vioapic *io = &p->arch.ioapic;

	for (u32 pin = 0; pin < io->pins; pin++)
		if ((io->owned & (1ULL << pin)) && (io->rte[pin] & RTE_REMOTE_IRR) &&
		    (io->rte[pin] & RTE_VECTOR) == vector) {
			io->rte[pin] &= ~RTE_REMOTE_IRR;
			route(p, pin); /* unmasked again: a line still held fires again */
		}
}

bool vioapic_mmio(struct vcpu *v, u32 off, bool wr, u32 size, u64 *val)
{
	struct partition *p = v->part;
	struct vioapic *io = &p->arch.ioapic;

	if (!io->owned || size != 4 ||
	    (off != IOAPIC_IOREGSEL && off != IOAPIC_IOWIN && off != IOAPIC_EOI))
		return false;
	spin_lock(&io->lock);
	if (off == IOAPIC_IOREGSEL) {
		if (wr)
			io->sel = (u32)*val & 0xff;
		else
			*val = io->sel;
	} else if (off == IOAPIC_IOWIN) {
		if (wr)
			reg_write(p, io->sel, (u32)*val);
		else
			*val = reg_read(io, io->sel);
	} else if (wr) {
		eoi_locked(p, (u32)*val & 0xff);
	} else {
		*val = 0;
	}
	spin_unlock(&io->lock);
	return true;
}

void vioapic_eoi(struct partition *p, u32 vector)
{
	spin_lock(&p->arch.ioapic.lock);
	eoi_locked(p, vector);
	spin_unlock(&p->arch.ioapic.lock);
}

void vioapic_host_irq(u32 pin)
{
	struct partition *p = pin < BH_X86_MAX_GSI ? pin_owner[pin] : NULL;
	struct vioapic *io;
	u64 r;

	if (!p) {
		ioapic_mask(pin, true); /* nobody's: it stays quiet */
		return;
	}
	io = &p->arch.ioapic;
	spin_lock(&io->lock);
	r = io->rte[pin];
	if ((r & RTE_MASKED) || READ_ONCE(p->state) != PART_RUNNING) {
		ioapic_mask(pin,
			    true); /* masked meanwhile, or stopping: the next start routes it */
	} else if (r & RTE_LEVEL) {
		io->rte[pin] |= RTE_REMOTE_IRR;
		ioapic_mask(pin, true);
		vlapic_raise_level(target(p, r), (u32)(r & RTE_VECTOR));
	} else {
		vlapic_raise(target(p, r), (u32)(r & RTE_VECTOR));
	}
	spin_unlock(&io->lock);
}

void vioapic_bus_irq(struct partition *p)
{
	struct vioapic *io = &p->arch.ioapic;

	spin_lock(&io->lock);
	bus_deliver(p, (u32)__builtin_ctzll(io->bus));
	spin_unlock(&io->lock);
}
