// SPDX-License-Identifier: GPL-2.0
/*
 * The root's devices: virtio block and network devices on any transport
 * its DTB describes (virtio-mmio nodes, PCI ECAM hosts), then SD host
 * controllers and Cadence GEMs by their compatible strings. The first disk
 * backs the block channels, the first NIC the network channels; each disk
 * found has its label (sector 0) printed. Of an SD card the root serves
 * only its data partition (disk_part.h), whose first sector is the label.
 */
#include <string.h>
#include <libfdt.h>
#include "disk_part.h"
#include "gem.h"
#include "part.h"
#include "pci.h"
#include "root.h"
#include "sdhci.h"
#include "virtio_blk.h"
#include "virtio_net.h"

struct root_disk *root_blk;
struct root_nic *root_net;

static struct vblk vdisk; /* the first virtio disk (the others only show their label) */
static struct vnet vnic;
static struct sdhci sd[SDHCI_MAX];
static u32 nr_sd;
static struct gem gem;
static struct disk_part sd_data; /* the first SD card's data partition */

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
	bool first = !root_blk;

	if (rc == -4) {
		printf("virtio-blk at %s: not used (the root sets up %u disks at most)\n", d->where,
		       VBLK_MAX_DISKS);
		return false;
	}
	if (rc) {
		printf("virtio-blk at %s: set-up failed (%d)\n", d->where, rc);
		return false;
	}
	printf("virtio-blk at %s: %llu sectors (%s)\n", d->where,
	       (unsigned long long)blk.disk.capacity, d->transport);
	if (first) {
		vdisk = blk;
		root_blk = &vdisk.disk;
		if (intid)
			vio_irq_attach(&vdisk.dev, intid);
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

	if (root_net)
		return false; /* one NIC serves the network channels */
	vnic = (struct vnet){.dev = *d};
	rc = vnet_init(&vnic);
	if (rc) {
		printf("virtio-net at %s: set-up failed (%d)\n", d->where, rc);
		return false;
	}
	root_net = &vnic.nic;
	if (intid)
		vio_irq_attach(&vnic.dev, intid);
	printf("virtio-net at %s: mac %02x:%02x:%02x:%02x:%02x:%02x\n", d->where, vnic.nic.mac[0],
	       vnic.nic.mac[1], vnic.nic.mac[2], vnic.nic.mac[3], vnic.nic.mac[4], vnic.nic.mac[5]);
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
		       d.device_id == VIRTIO_ID_BLOCK ? "virtio-blk" : "virtio-net", d.where, line,
		       irq);
	}
}

/* A node's first register range, with its parent's #address-cells; 0 if it has none. */
static u64 reg_base(int node)
{
	int len, cells = fdt_address_cells(part.fdt, fdt_parent_offset(part.fdt, node));
	const fdt32_t *reg = fdt_getprop(part.fdt, node, "reg", &len);

	if (!reg || cells < 1 || cells > 2 || len < cells * 4)
		return 0;
	return part_read_cells(reg, cells);
}

/* Absent status or "okay": the device is there (a board file may list disabled ones). */
static bool available(int node)
{
	const char *st = fdt_getprop(part.fdt, node, "status", NULL);

	return !st || !strcmp(st, "okay") || !strcmp(st, "ok");
}

static bool compatible(int node, const char *const *names)
{
	for (; *names; names++)
		if (!fdt_node_check_compatible(part.fdt, node, *names))
			return true;
	return false;
}

static const char *const sdhci_compat[] = {"xlnx,zynqmp-8.9a", "arasan,sdhci-8.9a", "sdhci", NULL};
static const char *const gem_compat[] = {"cdns,zynqmp-gem", "cdns,gem", NULL};

static void found_sdhci(u64 base)
{
	struct sdhci *s;

	if (nr_sd == SDHCI_MAX) {
		printf("sdhci at %llx: not used (the root sets up %u SD hosts at most)\n",
		       (unsigned long long)base, SDHCI_MAX);
		return;
	}
	s = &sd[nr_sd];
	if (sdhci_init(s, base))
		return; /* the driver said why */
	nr_sd++;
	printf("sdhci at %s: %llu sectors (%s%s)\n", s->where, (unsigned long long)s->disk.capacity,
	       s->kind, s->read_only ? ", write-protected" : "");
	if (sdhci_read(s, 0, sector0, 1)) {
		printf("sdhci at %s: reading sector 0 failed\n", s->where);
		return;
	}
	switch (root_blk ? 0 : disk_part_find(&sd_data, &s->disk, sector0)) {
	case 1:
		printf("sdhci at %s: data partition %u: sectors %llu+%llu\n", s->where,
		       sd_data.index, (unsigned long long)sd_data.first,
		       (unsigned long long)sd_data.disk.capacity);
		root_blk = &sd_data.disk;
		if (sdhci_read(s, sd_data.first, sector0, 1)) {
			printf("sdhci at %s: reading sector %llu failed\n", s->where,
			       (unsigned long long)sd_data.first);
			return;
		}
		break;
	case -1:
		/* Partitioned, but none for data: the boot files are never a block channel's. */
		printf(
		    "sdhci at %s: no data partition (MBR type 0xda); block channels not served\n",
		    s->where);
		return;
	default:
		if (!root_blk)
			root_blk = &s->disk;
	}
	print_label(sector0);
}

static void gem_irq(u32 intid)
{
	(void)intid;
	gem_ack_irq(&gem);
}

static void found_gem(int node, u64 base)
{
	int len;
	const u8 *mac = fdt_getprop(part.fdt, node, "local-mac-address", &len);
	u32 intid;

	if (root_net) {
		printf("gem at %llx: not used (the first NIC serves the net channels)\n",
		       (unsigned long long)base);
		return;
	}
	if (!mac || len != 6)
		mac = fdt_getprop(part.fdt, node, "mac-address", &len);
	if (gem_init(&gem, base, mac && len == 6 ? mac : NULL))
		return;
	root_net = &gem.nic;
	printf("gem at %s: mac %02x:%02x:%02x:%02x:%02x:%02x, %s\n", gem.where, gem.nic.mac[0],
	       gem.nic.mac[1], gem.nic.mac[2], gem.nic.mac[3], gem.nic.mac[4], gem.nic.mac[5],
	       gem.phy == GEM_NO_PHY ? "no PHY"
	       : gem_link(&gem)	     ? "link up"
				     : "link down");
	intid = part_irq_of(node);
	if (intid) {
		irq_register(intid, gem_irq);
		irq_enable(intid);
		gem_irq_enable(&gem, intid);
	}
}

/* SD hosts and GEMs, in DTB order. */
static void find_soc_devices(void)
{
	int node;

	for (node = fdt_next_node(part.fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(part.fdt, node, NULL)) {
		bool is_sd = compatible(node, sdhci_compat),
		     is_gem = !is_sd && compatible(node, gem_compat);
		u64 base;

		if ((!is_sd && !is_gem) || !available(node))
			continue;
		base = reg_base(node);
		if (!base) {
			printf("%s: %s has no usable reg; not used\n", is_sd ? "sdhci" : "gem",
			       fdt_get_name(part.fdt, node, NULL));
			continue;
		}
		if (is_sd)
			found_sdhci(base);
		else
			found_gem(node, base);
	}
}

void root_devices_report(void)
{
	vio_irq_report();
	for (u32 i = 0; i < nr_sd; i++)
		printf("sdhci at %s: polled, %u failed transfers\n", sd[i].where, sd[i].errors);
	if (gem.intid)
		printf("gem at %s: interrupt %u, %u taken\n", gem.where, gem.intid,
		       READ_ONCE(gem.irqs));
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
	find_soc_devices();
	if (!root_blk)
		printf("no block device\n");
}
