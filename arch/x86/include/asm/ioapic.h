/*
 * The board's IOAPIC (the hypervisor's, like the GIC on arm64) and each
 * partition's virtual one. A partition owns the pins of its devices
 * (bh_partition.spis); the hypervisor takes each pin on host vector
 * BH_X86_GSI_HOST_VECTOR + pin, on the CPU of the vCPU the partition
 * routes it to, and injects the vector the partition chose.
 */
#ifndef ASM_IOAPIC_H
#define ASM_IOAPIC_H
#include <bulkhead/hv_config.h>
#include <asm/ioapic_regs.h>
#include <asm/spinlock.h>

/* ioapic.c: the physical one. */
u32 ioapic_init(void); /* masks every pin; their number (0: no IOAPIC) */
void ioapic_write_rte(u32 pin, u64 rte);
void ioapic_mask(u32 pin, bool masked);

/* vioapic.c: a partition's. */
struct vioapic {
	spinlock_t lock;
	u32 sel;	  /* IOREGSEL */
	u32 pins;	  /* as its version register says */
	u64 owned;	  /* the pins it may route: bit = pin */
	u64 bus;	  /* the VMBus pin (bh_partition.bus_gsi), virtual: bit = pin; 0: none */
	bool bus_pending; /* the bus interrupt came while its pin was masked or in service */
	u64 rte[BH_X86_MAX_GSI];
};

struct partition;
struct vcpu;

void vioapic_init(struct partition *p, u32 pins); /* once, at boot */
void vioapic_reset(struct partition *p);	  /* each start: all masked */
/* An access to its IOAPIC page at offset off; false: not a register it has. */
bool vioapic_mmio(struct vcpu *v, u32 off, bool wr, u32 size, u64 *val);
void vioapic_host_irq(u32 pin); /* host vector of pin arrived here */
/* The vCPU's local APIC ended a level-triggered vector: the pins behind it may fire again. */
void vioapic_eoi(struct partition *p, u32 vector);
/* The VMBus interrupt through the pin the partition programmed (bh_partition.bus_gsi). */
void vioapic_bus_irq(struct partition *p);

#endif
