/*
 * The hypervisor's non-volatile store for anti-rollback records: two
 * copies, each in its own erase block(s), never mapped into a partition.
 * nv_cfi.c drives a CFI NOR flash (QEMU's pflash); a board with RPMB or
 * OTP counters provides these three calls instead.
 */
#ifndef CORE_NVSTORE_H
#define CORE_NVSTORE_H
#include <bulkhead/types.h>

/*
 * The store pa+size inside a flash bank at bank_pa (where the chips answer
 * queries); 0, or -1 after saying on the console why it is unusable.
 */
int nvstore_init(u64 bank_pa, u64 pa, u64 size, u32 bank_width);
/* Reads len bytes of copy 0 or 1 (at most nvstore_copy_size()); 0 or -1. */
int nvstore_read(int copy, void *buf, u32 len);
u32 nvstore_copy_size(void);
/* Erases the copy and writes len bytes at its start, then reads them back; 0 or -1 (said why). */
int nvstore_write(int copy, const void *buf, u32 len);

#endif
