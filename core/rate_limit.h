/*
 * Token bucket for doorbells: `rate` events per second with a burst of a
 * tenth of that (at least 16). It is refilled only when empty, so the common
 * path reads no clock and divides nothing. Pure logic: unit-tested on the
 * host (test/unit/test_rate_limit.c).
 */
#ifndef CORE_RATE_LIMIT_H
#define CORE_RATE_LIMIT_H
#include <bulkhead/types.h>

struct rate_limit {
	u64 last;    /* clock at the last refill */
	u32 credit;  /* events still allowed */
	u32 dropped; /* events refused since the last reset */
};

static inline u32 rate_limit_burst(u32 rate)
{
	return MAX(rate / 10, 16U);
}

static inline void rate_limit_reset(struct rate_limit *l, u32 rate, u64 now)
{
	l->last = now;
	l->credit = rate_limit_burst(rate);
	l->dropped = 0;
}

/* One event at clock() (freq ticks per second); false: over the limit. rate 0: no limit. */
static inline bool rate_limit_take(struct rate_limit *l, u32 rate, u64 freq, u64 (*clock)(void))
{
	u64 now, add;

	if (!rate)
		return true;
	if (l->credit) {
		l->credit--;
		return true;
	}
	now = clock();
	add = MIN(now - l->last, freq) * rate / freq;
	if (!add) {
		l->dropped++;
		return false;
	}
	l->credit = (u32)MIN(add, (u64)rate_limit_burst(rate)) - 1;
	l->last = now;
	return true;
}

#endif
