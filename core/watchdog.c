// SPDX-License-Identifier: GPL-2.0
/* The console lines of a partition's watchdog (watchdog.h). */
#include "watchdog.h"
#include "console.h"
#include "partition.h"

void watchdog_expired(struct vcpu *v, u64 fed_at, u64 now)
{
	u64 per_ms = arch_counter_freq() / 1000;

	partition_fault(v, "watchdog expired (no feed for %llu ms) at 0x%llx",
			(unsigned long long)((now - fed_at) / (per_ms ? per_ms : 1)),
			(unsigned long long)arch_vcpu_pc(v));
}

void watchdog_stopped(const struct partition *p, const char *what, u32 val)
{
	log_warn("%s: watchdog stopped by the partition (%s 0x%x): it is no longer watched",
		 p->cfg->name, what, val);
}
