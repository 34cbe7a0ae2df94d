// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the generator's parsing and validation of a system DTB,
 * as an arm64 and as an x86 board (each has parsers of its own: the GIC, or
 * the IOAPIC with PCI interrupt-maps, ISA I/O ports, the AP trampoline).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../tools/gen/model.h"
#include "fuzz.h"

/* REQ: BH-CFG-9 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct g_sys sys;
	static FILE *devnull;
	struct gen_opts o = {.dts_name = "fuzz.dts",
			     .arch = "arm64",
			     .programs = "root hello ticker faulter",
			     .nr_cpus = 4,
			     .max_partitions = 8,
			     .max_vcpus = 8,
			     .max_regions = 64,
			     .max_channels = 16,
			     .max_spi = 256};
	void *copy;

	if (!devnull)
		devnull = fopen("/dev/null", "w");
	o.err = devnull;
	/* libfdt wants the blob 8-byte aligned; fuzz data need not be. */
	copy = malloc(size ? size : 1);
	memcpy(copy, data, size);
	gen_check(&sys, copy, size, &o);
	o.arch = "x86";
	gen_check(&sys, copy, size, &o);
	free(copy);
	return 0;
}
