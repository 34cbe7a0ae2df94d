/* Fake arch (test/fakearch): the arch parts of core's partition and vCPU structs. */
#ifndef ASM_ARCH_TYPES_H
#define ASM_ARCH_TYPES_H
#include <bulkhead/types.h>
#include <asm/spinlock.h>

struct arch_vcpu {
	u32 bus_irqs; /* arch_vcpu_bus_irq calls: the VMBus interrupts it was sent */
};

struct arch_partition {
	u32 inits; /* arch_partition_init calls */
};

#endif
