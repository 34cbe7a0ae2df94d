// SPDX-License-Identifier: GPL-2.0
/* libFuzzer target: the hypervisor's FIT lookup (core/fit.c) on hostile blobs. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "../../core/fit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "hypervisor", "root", "root-fdt", "hello1", "x" };
	void *copy = malloc(size ? size : 1);

	memcpy(copy, data, size);
	if (fit_init((u64)(uintptr_t)copy, size) == 0) {
		for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			const void *d;
			u32 len;

			if (fit_image(names[i], &d, &len) == 0) {
				/* The data must lie inside the blob. */
				if ((const uint8_t *)d < (const uint8_t *)copy ||
				    (const uint8_t *)d + len > (const uint8_t *)copy + size)
					abort();
				volatile uint8_t sum = 0;

				for (u32 k = 0; k < len; k++)
					sum ^= ((const uint8_t *)d)[k];
			}
		}
	}
	free(copy);
	return 0;
}
