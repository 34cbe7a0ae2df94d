// SPDX-License-Identifier: GPL-2.0
/* Restart back-off arithmetic (restart_backoff.h). */
#include "restart_backoff.h"

s64 restart_backoff_next(struct restart_backoff *b, u64 run_ms, u32 limit, u32 delay_ms,
			 u32 delay_max_ms, u32 stable_ms)
{
	u64 wait = delay_ms;

	if (run_ms >= stable_ms)
		b->in_row = 0;
	if (limit && b->in_row >= limit)
		return -1;
	/* delay_ms << in_row, stopping at the cap before the shift could overflow. */
	for (u32 i = 0; i < b->in_row && wait && wait < delay_max_ms; i++)
		wait <<= 1;
	if (wait > delay_max_ms)
		wait = delay_max_ms;
	if (b->in_row < 0xffffffffU)
		b->in_row++;
	return (s64)wait;
}
