/* Ticket spinlock (arm64 LSE-free, works with caches on or off). */
#ifndef ASM_SPINLOCK_H
#define ASM_SPINLOCK_H
#include <bulkhead/types.h>

typedef struct {
	volatile u32 lock;
} spinlock_t;

#define SPINLOCK_INIT                                                                              \
	{                                                                                          \
		0                                                                                  \
	}

static inline void spin_lock(spinlock_t *l)
{
	u32 tmp, busy;

	__asm__ volatile("	sevl\n"
			 "1:	wfe\n"
			 "2:	ldaxr	%w0, %2\n"
			 "	cbnz	%w0, 1b\n"
			 "	mov	%w1, #1\n"
			 "	stxr	%w0, %w1, %2\n"
			 "	cbnz	%w0, 2b\n"
			 : "=&r"(tmp), "=&r"(busy), "+Q"(l->lock)
			 :
			 : "memory");
}

static inline void spin_unlock(spinlock_t *l)
{
	__asm__ volatile("stlr wzr, %0" : "=Q"(l->lock) : : "memory");
}
#endif
