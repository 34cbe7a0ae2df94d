/*
 * The fake-arch system (fake_system.c): the tables bulkhead-gen would write,
 * over host memory. root (1 vCPU on CPU 0, restart) and app (2 vCPUs on
 * CPUs 1-2, restart with back-off: limit 3, 10 ms doubling to 40 ms,
 * stable after 1 s) share channel "con" (root provides it; app's
 * doorbell rate limit 1000/s); halter (1 vCPU on CPU 3, halt) has none.
 * Both image store slots hold make-core-fit's FIT.
 */
#ifndef TEST_FAKEARCH_FAKE_SYSTEM_H
#define TEST_FAKEARCH_FAKE_SYSTEM_H
#include <bulkhead/hv_config.h>
#include "partition.h"

/* x1 of a PSCI call naming vCPU i of the caller's partition (MPIDR 0.0.0.i). */
#define FS_MPIDR(i) ((u64)(i))

enum { FS_ROOT, FS_APP, FS_HALTER, FS_PARTS };
#define FS_RAM	      0x10000
#define FS_RAM_IPA    0x40000000ULL
#define FS_DTB_OFF    0x8000
#define FS_INITRD_OFF 0xa000
#define FS_STORE      0x4000
#define FS_CHAN_SIZE  0x4000

extern struct bh_partition fs_part[FS_PARTS]; /* the tests change their policies */
extern u8 fs_ram[FS_PARTS][FS_RAM];
extern u8 fs_bus[2][0x2000];
extern u8 fs_store[2][FS_STORE];
extern u8 fs_chan[FS_CHAN_SIZE];

/* The hypervisor's boot as core/main.c does it, on the fake arch; fresh tables. */
void fs_boot(void);
/* Byte off of a partition's memory. */
u8 *fs_at(u32 part, u64 off);

#endif
