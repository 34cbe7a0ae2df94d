// SPDX-License-Identifier: GPL-2.0
/*
 * hwcheck on x86: an access past its memory with on-bad-access = "abort"
 * completes as on a PC, where no device answers: the read gives all-ones,
 * the write is dropped. One console line for test_hwcheck.py.
 */
#include "part.h"

int main(void)
{
	volatile u32 *p = (volatile u32 *)(uintptr_t)(part.mem_base + part.mem_size);
	u32 first, second;

	printf("hwcheck on %s: %u vCPUs\n", part.name, part.nr_cpus);
	first = *p;
	*p = 0x12345678;
	second = *p;
	printf("bad read: 0x%x, after a write 0x%x\n", first, second);
	printf("hwcheck: done\n");
	idle();
}
