/* x86-64 bits of the partition runtime that programs and the library inline. */
#ifndef PART_ARCH_H
#define PART_ARCH_H
#include <bulkhead/types.h>
#include <vmbus/bus.h>

#define PART_BUS_IRQ VMBUS_BUS_VECTOR /* the VMBus interrupt: a fixed vector */
#define TIMER_IRQ    0xec	      /* the local APIC timer's vector (TSC deadline) */

/* Masks IRQs on this CPU; returns the previous state for irq_restore. */
static inline u64 irq_save(void)
{
	u64 flags;

	__asm__ volatile("pushfq\n\tpopq %0\n\tcli" : "=r"(flags) : : "memory");
	return flags;
}

static inline void irq_restore(u64 flags)
{
	if (flags & BIT(9))
		__asm__ volatile("sti" ::: "memory");
}

/* Orders memory a device reads or writes by DMA (virtqueues) against other accesses. */
static inline void dma_mb(void)
{
	__asm__ volatile("mfence" ::: "memory");
}

static inline void cpu_wait_event(void)
{
	__asm__ volatile("pause" ::: "memory");
}

/* The way back from part_hypercall_malformed's CPL 3 trip; the TSS's selector. */
#define USER_RETURN_VECTOR 0x81
#define SEL_TSS		   0x28

/* Points vector at handler (an interrupt gate); returns the handler it had. */
const void *part_set_vector(u32 vector, const void *handler);

/* The emulated x2APIC's MSRs the runtime uses. */
#define X2APIC_EOI	 0x80b
#define X2APIC_SVR	 0x80f
#define X2APIC_LVT_TIMER 0x832
#define MSR_TSC_DEADLINE 0x6e0

/* Called with IRQs masked: STI's shadow lets an IRQ that is already pending end the HLT. */
static inline void cpu_wait_irq(void)
{
	__asm__ volatile("sti; hlt; cli" ::: "memory");
}

#endif
