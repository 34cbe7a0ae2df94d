/*
 * The fault log at run time: faults noted in memory as they happen, then
 * written to the hypervisor's store (rollback_store.c) by the faulting
 * partition's own CPU once its vCPUs parked, before its restart policy
 * runs (a system reset included).
 */
#ifndef CORE_FAULT_STORE_H
#define CORE_FAULT_STORE_H
#include <bulkhead/fault_log_abi.h>
#include "fault_log.h"

struct partition;

/* After rollback_store_init: the log the store held, said on the console. */
void fault_store_init(void);
/* A fault of p (its console text, its PC): logged in memory. */
void fault_store_add(const struct partition *p, const char *cause, u64 addr);
/* Writes what was logged since the last write to the store, if any; at most a few per boot. */
void fault_store_sync(void);
/* Entries kept, this boot's number, enum bh_fault_store, faults ever logged. */
void fault_store_summary(u32 *count, u32 *boot, u32 *store, u32 *seq);
/* Entry i, 0 the newest: 0, or -1 past the last. */
int fault_store_entry(u32 i, struct fl_entry *out);

#endif
