/* arm64 bits of the partition runtime that programs and the library inline. */
#ifndef PART_ARCH_H
#define PART_ARCH_H
#include <bulkhead/types.h>
#include <vmbus/bus.h>

#define PART_BUS_IRQ VMBUS_BUS_INTID /* the VMBus interrupt: a PPI */
#define TIMER_IRQ    27		     /* the virtual timer: PPI 11 */

/* This CPU's SGI/PPI registers (GICv3 SGI frame, GICv2 distributor bank 0). */
u64 irq_private_regs(void);

/* Masks IRQs on this CPU; returns the previous state for irq_restore. */
static inline u64 irq_save(void)
{
	u64 flags;

	__asm__ volatile("mrs %0, daif\n\tmsr daifset, #2" : "=r"(flags) : : "memory");
	return flags;
}

static inline void irq_restore(u64 flags)
{
	__asm__ volatile("msr daif, %0" : : "r"(flags) : "memory");
}

/* Orders memory a device reads or writes by DMA (virtqueues) against other accesses. */
static inline void dma_mb(void)
{
	__asm__ volatile("dmb sy" ::: "memory");
}

static inline void cpu_wait_event(void)
{
	__asm__ volatile("wfe" ::: "memory");
}

static inline void cpu_wait_irq(void)
{
	__asm__ volatile("dsb sy\n\twfi" ::: "memory");
}

#endif
