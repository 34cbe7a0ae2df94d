// SPDX-License-Identifier: GPL-2.0
/*
 * The fault log at run time (fault_store.h). Noting a fault takes a short
 * lock; the flash write happens later, on the faulting partition's CPU,
 * under the store's lock only. A partition that faults in a loop must not
 * wear the flash out: a boot writes the log at most FAULT_WRITES_PER_BOOT
 * times, later faults stay in memory (readable by the root) and are said
 * to be so.
 */
#include <asm/spinlock.h>
#include "arch.h"
#include "console.h"
#include "fault_store.h"
#include "partition.h"
#include "rollback_store.h"

#define FAULT_WRITES_PER_BOOT 32

_Static_assert(FL_CAUSE_LEN == BH_FAULT_CAUSE_TEXT, "the ABI says how much of a cause is kept");

static struct fl_record log, snap; /* snap: the copy being written (under flush_lock) */
static u32 boot, writes;
static int kept; /* rollback_store_faults() */
static bool dirty;
static spinlock_t lock, flush_lock;

void fault_store_init(void)
{
	const struct fl_entry *e;

	fault_log_init(&log);
	kept = rollback_store_faults(&log);
	boot = log.boots + 1;
	if (kept == 2)
		log_printf("fault log: the store held no valid log; it starts again");
	if (!log.count)
		return;
	e = &log.entry[log.count - 1];
	log_printf("fault log: %u kept of %u logged; the newest: %s, boot %u, start %u: %s",
		   log.count, log.seq, e->name, e->boot, e->epoch, e->cause);
}

void fault_store_add(const struct partition *p, const char *cause, u64 addr)
{
	u64 per_ms = arch_counter_freq() / 1000;
	u64 ms = (arch_counter() - hv_entry_tick) / (per_ms ? per_ms : 1);

	spin_lock(&lock);
	fault_log_add(&log, boot, p->cfg->name, cause, addr, p->epoch, ms);
	dirty = true;
	spin_unlock(&lock);
}

void fault_store_sync(void)
{
	bool take;

	if (kept <= 0)
		return;
	spin_lock(&flush_lock);
	spin_lock(&lock);
	take = dirty && writes < FAULT_WRITES_PER_BOOT;
	if (take) {
		dirty = false;
		fault_log_seal(&log);
		snap = log;
	}
	spin_unlock(&lock);
	if (take && ++writes == FAULT_WRITES_PER_BOOT)
		log_printf("fault log: written %u times this boot; later faults are kept in "
			   "memory only (flash wear)",
			   writes);
	if (take && rollback_store_write_faults(&snap))
		log_printf("fault log: not stored; this boot's faults are kept in memory only");
	spin_unlock(&flush_lock);
}

void fault_store_summary(u32 *count, u32 *nboot, u32 *store, u32 *seq)
{
	spin_lock(&lock);
	*count = log.count;
	*seq = log.seq;
	spin_unlock(&lock);
	*nboot = boot;
	*store = kept > 0 ? BH_FAULT_STORED : kept == 0 ? BH_FAULT_MEMORY : BH_FAULT_UNUSABLE;
}

int fault_store_entry(u32 i, struct fl_entry *out)
{
	int rc = -1;

	spin_lock(&lock);
	if (i < log.count) {
		*out = log.entry[log.count - 1 - i];
		rc = 0;
	}
	spin_unlock(&lock);
	return rc;
}
