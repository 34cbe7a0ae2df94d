/* The anti-rollback minima as the hypervisor keeps them (rollback.h, nvstore.h). */
#ifndef CORE_ROLLBACK_STORE_H
#define CORE_ROLLBACK_STORE_H
#include <bulkhead/types.h>

/* Reads the store named by the system DT; says on the console what it found. */
void rollback_store_init(void);
/* The partition's minimum security version; -1 when the store is configured but unusable. */
int rollback_store_min(const char *name, u32 *min);
/* Raises the stored minimum to version; 0, BH_IMAGE_NO_STORE or BH_IMAGE_STORE_FAILED. */
u32 rollback_store_raise(const char *name, u32 version);

#endif
