// SPDX-License-Identifier: GPL-2.0
/*
 * The root's devices: virtio block and network devices on any transport
 * its DTB describes (virtio-mmio nodes, PCI ECAM hosts). The first disk
 * backs the block channels, the first NIC the network channels; each disk
 * found has its label (sector 0) printed.
 */
#include <libfdt.h>
#include "part.h"
#include "pci.h"
#include "root.h"

struct vblk root_disk;
struct vnet root_nic;
bool root_have_disk, root_have_nic;

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

/* Each returns whether the device's interrupt is attached (else it is polled, its line off). */
static bool found_disk(const struct vio *d, u32 intid)
{
	struct vblk blk = {.dev = *d};
	int rc = vblk_init(&blk);
	bool first = !root_have_disk;

	if (rc == -4) {
		printf("virtio-blk at %s: not used (the root sets up %u disks at most)\n", d->where,
		       VBLK_MAX_DISKS);
		return false;
	}
	if (rc) {
		printf("virtio-blk at %s: set-up failed (%d)\n", d->where, rc);
		return false;
	}
	printf("virtio-blk at %s: %llu sectors (%s)\n", d->where, (unsigned long long)blk.capacity,
	       d->transport);
	if (first) {
		root_disk = blk;
		root_have_disk = true;
		if (intid)
			vio_irq_attach(&root_disk.dev, intid);
	}
	if (vblk_read(&blk, 0, sector0, 1))
		printf("virtio-blk at %s: reading sector 0 failed\n", d->where);
	else
		print_label(sector0);
	return first && intid;
}

static bool found_nic(const struct vio *d, u32 intid)
{
	int rc;

	if (root_have_nic)
		return false; /* one NIC serves the network channels */
	root_nic = (struct vnet){.dev = *d};
	rc = vnet_init(&root_nic);
	if (rc) {
		printf("virtio-net at %s: set-up failed (%d)\n", d->where, rc);
		return false;
	}
	root_have_nic = true;
	if (intid)
		vio_irq_attach(&root_nic.dev, intid);
	printf("virtio-net at %s: mac %02x:%02x:%02x:%02x:%02x:%02x\n", d->where, root_nic.mac[0],
	       root_nic.mac[1], root_nic.mac[2], root_nic.mac[3], root_nic.mac[4], root_nic.mac[5]);
	return intid != 0;
}

static bool found(const struct vio *d, u32 intid)
{
	if (d->device_id == VIRTIO_ID_BLOCK)
		return found_disk(d, intid);
	if (d->device_id == VIRTIO_ID_NET)
		return found_nic(d, intid);
	return false;
}

static void found_pci(struct pci_fn *f)
{
	struct vio d;
	u32 line, irq;

	if (!vio_pci_match(f) || pci_enable(f))
		return;
	if (vio_pci_probe(&d, f)) {
		printf("virtio device at %s: not usable (legacy only: its registers are I/O "
		       "ports)\n",
		       d.where);
		return;
	}
	irq = pci_irq(f, &line);
	if (found(&d, irq)) {
		pci_intx_on(f);
		printf("%s at %s: INTx on line %u (interrupt %u)\n",
		       d.device_id == VIRTIO_ID_BLOCK ? "virtio-blk" : "virtio-net", d.where, line, irq);
	}
}

void root_find_devices(void)
{
	int node;

	for (node = fdt_node_offset_by_compatible(part.fdt, -1, "virtio,mmio"); node >= 0;
	     node = fdt_node_offset_by_compatible(part.fdt, node, "virtio,mmio")) {
		int len;
		const fdt32_t *reg = fdt_getprop(part.fdt, node, "reg", &len);
		struct vio d;

		if (reg && len >= 16 && !vio_mmio_probe(&d, part_read_cells(reg, 2)))
			found(&d, part_irq_of(node));
	}
	pci_scan(found_pci);
	if (!root_have_disk)
		printf("no block device\n");
}
