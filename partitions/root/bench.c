// SPDX-License-Identifier: GPL-2.0
/*
 * The root's part in `make bench` (bootargs "bench"): the baseline the
 * block figure is compared with, the same 64 KiB reads as vmbench makes
 * through the block channel, straight from the root's disk.
 */
#include "part.h"
#include "pmu.h"
#include "root.h"

#define READS  64
#define BLOCKS 128  /* 64 KiB */
#define FIRST  2048 /* sector 2048 = 1 MiB, where the bench's block channel range starts */

bool root_bench;

void root_bench_direct(struct root_disk *disk)
{
	static u8 buf[BLOCKS * 512] __attribute__((aligned(4096)));
	u64 t0, c0;
	u32 errors = 0;

	pmu_init();
	if (!disk || disk->capacity < FIRST + READS * BLOCKS)
		return;
	t0 = pmu_all();
	c0 = timer_now();
	for (u32 i = 0; i < READS; i++)
		errors += root_disk_read(disk, FIRST + i * BLOCKS, buf, BLOCKS) != 0;
	printf("bench: blk_direct_instr %llu\n", (unsigned long long)(pmu_all() - t0));
	printf("bench: blk_direct_ns %llu\n",
	       (unsigned long long)((timer_now() - c0) * 1000000000ULL / timer_freq()));
	printf("bench: blk_direct_bytes %u\n", READS * BLOCKS * 512);
	if (errors)
		printf("bench: blk_direct_errors %u\n", errors);
}
