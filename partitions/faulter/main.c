// SPDX-License-Identifier: GPL-2.0
/* faulter: reads the first byte past the end of its own memory. */
#include "part.h"

int main(void)
{
	volatile u8 *past = (volatile u8 *)(uintptr_t)(part.mem_base + part.mem_size);

	printf("faulter on %s: reading 0x%llx, past the end of my memory\n", part.name,
	       (unsigned long long)(uintptr_t)past);
	(void)*past;
	printf("faulter: still running, isolation is broken\n");
	idle();
}
