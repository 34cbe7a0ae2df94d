// SPDX-License-Identifier: GPL-2.0
/* One line of the hypervisor's measurement log, as the root and its children print it. */
#include <bulkhead/fmt.h>
#include "part.h"

void part_print_measurement(const char *name, u32 kind, u32 slot, u32 version, u32 size,
			    const u8 *sha256)
{
	static const char *const kinds[] = {"image", "fdt", "initrd"};
	char hex[65];

	for (int k = 0; k < 32; k++)
		bh_snprintf(hex + 2 * k, 3, "%02x", sha256[k]);
	printf("measured: %s %s slot %c version %u size %u sha256 %s\n", name,
	       kind < ARRAY_SIZE(kinds) ? kinds[kind] : "?", slot < 2 ? (char)('A' + slot) : '?',
	       version, size, hex);
}
