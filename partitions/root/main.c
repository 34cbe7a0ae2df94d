// SPDX-License-Identifier: GPL-2.0
/*
 * root: the root partition. It owns the board's devices; here it finds its
 * virtio-mmio block device in its DTB, reads sector 0 and prints the disk's
 * label (the NUL- or newline-terminated text at its start). Its services
 * (VSPs) come with VMBus.
 */
#include <libfdt.h>
#include "part.h"
#include "virtio_blk.h"

static u8 sector0[512] __attribute__((aligned(64)));

static void print_label(const u8 *s)
{
	char label[65];
	int n = 0;

	while (n < 64 && s[n] >= 0x20 && s[n] < 0x7f) {
		label[n] = (char)s[n];
		n++;
	}
	label[n] = '\0';
	if (n)
		printf("disk label: %s\n", label);
	else
		printf("disk label: (none)\n");
}

int main(void)
{
	struct vblk blk;
	int node, found = 0;

	printf("root partition %s: cpus %u memory 0x%llx+0x%llx\n", part.name, part.nr_cpus,
	       (unsigned long long)part.mem_base, (unsigned long long)part.mem_size);
	for (node = fdt_node_offset_by_compatible(part.fdt, -1, "virtio,mmio"); node >= 0;
	     node = fdt_node_offset_by_compatible(part.fdt, node, "virtio,mmio")) {
		int len, rc;
		const fdt32_t *reg = fdt_getprop(part.fdt, node, "reg", &len);
		u64 base;

		if (!reg || len < 16)
			continue;
		base = (u64)fdt32_to_cpu(reg[0]) << 32 | fdt32_to_cpu(reg[1]);
		rc = vblk_probe(&blk, base);
		if (rc == -1)
			continue;
		if (rc) {
			printf("virtio-blk at 0x%llx: set-up failed (%d)\n", (unsigned long long)base, rc);
			continue;
		}
		found++;
		printf("virtio-blk at 0x%llx: %llu sectors (virtio-mmio v%u)\n",
		       (unsigned long long)base, (unsigned long long)blk.capacity, blk.version);
		if (vblk_read(&blk, 0, sector0, 1))
			printf("virtio-blk at 0x%llx: reading sector 0 failed\n",
			       (unsigned long long)base);
		else
			print_label(sector0);
	}
	if (!found)
		printf("no block device\n");
	printf("root ready\n");
	idle();
}
