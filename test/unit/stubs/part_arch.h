/* Host stand-in for the partition runtime's arm64 inlines (single-threaded tests). */
#ifndef PART_ARCH_H
#define PART_ARCH_H
#include <bulkhead/types.h>

static inline u64 irq_save(void)
{
	return 0;
}

static inline void irq_restore(u64 flags)
{
	(void)flags;
}

static inline void dma_mb(void)
{
	__asm__ volatile("" ::: "memory");
}

static inline void cpu_wait_event(void)
{
}

static inline void cpu_wait_irq(void)
{
}

#endif
