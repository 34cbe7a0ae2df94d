/*
 * The anti-rollback minima as the hypervisor keeps them (rollback.h,
 * nvstore.h), and the fault log stored beside them (nv_copy.h).
 */
#ifndef CORE_ROLLBACK_STORE_H
#define CORE_ROLLBACK_STORE_H
#include <bulkhead/types.h>
#include "fault_log.h"

/* Reads the store named by the system DT; says on the console what it found. */
void rollback_store_init(void);
/* The partition's minimum security version; -1 when the store is configured but unusable. */
int rollback_store_min(const char *name, u32 *min);
/* Raises the stored minimum to version; 0, BH_IMAGE_NO_STORE or BH_IMAGE_STORE_FAILED. */
u32 rollback_store_raise(const char *name, u32 version);
/*
 * The fault log the store held at boot into *out: 1, or 2 when what it held
 * was not a valid log (it starts again); 0 without a store, -1 when the
 * store is unusable (the log is kept in memory only).
 */
int rollback_store_faults(struct fl_record *out);
/* Stores a sealed fault log with the minima (an older generation is skipped); 0 or -1. */
int rollback_store_write_faults(const struct fl_record *log);

#endif
