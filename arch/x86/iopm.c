// SPDX-License-Identifier: GPL-2.0
/*
 * The I/O permission map a partition runs with. Every port is intercepted
 * (svm_iopm: the emulated 16550, absent hardware) unless the partition owns
 * a device on ports (the system DT's devices); those ports it reaches
 * without an exit. A map per partition that owns ports, made at boot.
 */
#include <string.h>
#include "console.h"
#include "partition.h"
#include "x86.h"

#define IOPM_SIZE (3 * 4096) /* 64 K ports, one bit each, plus the wrap-around bytes */

static u8 part_iopm[CONFIG_MAX_PARTITIONS][IOPM_SIZE] __noinit __attribute__((aligned(4096)));

void iopm_init(struct partition *p)
{
	const struct bh_partition *c = p->cfg;
	u8 *m = part_iopm[c->id];

	if (!c->nr_io) {
		p->arch.iopm_pa = (u64)(uintptr_t)svm_iopm;
		return;
	}
	memset(m, 0xff, IOPM_SIZE);
	for (u32 i = 0; i < c->nr_io; i++) {
		u32 first = c->io[i].base, end = first + c->io[i].size;

		for (u32 port = first; port < end && port < 0x10000; port++)
			m[port / 8] &= (u8) ~(1U << (port % 8));
		log_info("%s: I/O ports 0x%x-0x%x passed through", c->name, first, end - 1);
	}
	p->arch.iopm_pa = (u64)(uintptr_t)m;
}
