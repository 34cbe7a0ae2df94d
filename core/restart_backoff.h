/*
 * Restart back-off: how long a partition waits before its next restart,
 * and when it has restarted often enough in a row to stay down. Pure
 * arithmetic on the partition's table entry (unit tested on the host);
 * core/partition.c applies it.
 */
#ifndef CORE_RESTART_BACKOFF_H
#define CORE_RESTART_BACKOFF_H
#include <bulkhead/types.h>

struct restart_backoff {
	u32 in_row; /* restarts since the last run of restart_stable_ms or more */
};

/*
 * The partition stopped after a run of run_ms and its policy restarts it.
 * Returns the milliseconds to wait before it starts again, or -1 when this
 * restart would be one more than limit in a row: it stays halted. A run of
 * stable_ms or more first ends the row. The wait is delay_ms, doubled for
 * each earlier restart of the row, at most delay_max_ms.
 */
s64 restart_backoff_next(struct restart_backoff *b, u64 run_ms, u32 limit, u32 delay_ms,
			 u32 delay_max_ms, u32 stable_ms);

#endif
