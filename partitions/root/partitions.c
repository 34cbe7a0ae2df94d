// SPDX-License-Identifier: GPL-2.0
/*
 * The shell's "partitions": every partition's state as the hypervisor sees
 * it now (hypercall BH_PART_INFO, root only), one line each.
 */
#include <bulkhead/part_info_abi.h>
#include <string.h>
#include "part.h"
#include "root.h"

void partitions_print(void)
{
	static const char *const states[] = {"off", "running", "stopping", "halted",
					     "waiting to restart"};

	for (u32 id = 0;; id++) {
		u64 x[12] = {BH_PART_INFO, id, 0};
		char name[33] = {0}, why[BH_PART_STOP_TEXT + 1] = {0};
		u32 state, starts, stops;

		hvc_call12(x);
		if (x[0] == BH_PART_NO_ENTRY)
			return;
		if (x[0]) {
			printf("partitions: the hypervisor does not say (%lld)\n", (long long)x[0]);
			return;
		}
		state = x[1] & 0xff;
		starts = (u32)x[2];
		stops = (u32)x[3];
		unpack_regs(x + 4, 4, name);
		/* The reason, 32 bytes a call, until it ends. */
		for (u32 off = 0; off < BH_PART_STOP_TEXT; off += 32) {
			u64 y[12] = {BH_PART_INFO, id, off};

			hvc_call12(y);
			if (y[0])
				break;
			unpack_regs(y + 8, 4, why + off);
			if (memchr(why + off, '\0', 32))
				break;
		}
		printf("partition %u %s: %s, vCPUs %u/%u, epoch %u, restarts %u, stops %u, "
		       "last stop: %s\n",
		       id, name, state < ARRAY_SIZE(states) ? states[state] : "?",
		       (u32)(x[1] >> 16 & 0xff), (u32)(x[1] >> 8 & 0xff), starts,
		       starts > 1 ? starts - 1 : 0, stops, why[0] ? why : "none");
	}
}
