/* Host stand-in for the arm64 spinlock: unit tests are single-threaded. */
#ifndef ASM_SPINLOCK_H
#define ASM_SPINLOCK_H
typedef struct {
	int lock;
} spinlock_t;
#define SPINLOCK_INIT                                                                              \
	{                                                                                          \
		0                                                                                  \
	}
static inline void spin_lock(spinlock_t *l)
{
	l->lock++;
}
static inline void spin_unlock(spinlock_t *l)
{
	l->lock--;
}
#endif
