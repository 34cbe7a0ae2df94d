// SPDX-License-Identifier: GPL-2.0
/*
 * virtio-pci transport, modern (virtio 1.x) only: the device's vendor
 * capabilities point at its common, notify, ISR and device configuration
 * structures in its memory BARs. Legacy devices need I/O ports, which the
 * root does not get.
 */
#include <string.h>
#include <bulkhead/fmt.h>
#include "mmio.h"
#include "part.h"
#include "pci.h"
#include "virtio.h"

#define VENDOR_VIRTIO 0x1af4
#define CAP_VENDOR    0x09
#define CFG_COMMON    1
#define CFG_NOTIFY    2
#define CFG_ISR	      3
#define CFG_DEVICE    4

/* Common configuration (virtio 1.2, 4.1.4.3). */
#define DFSELECT 0x00
#define DF	 0x04
#define GFSELECT 0x08
#define GF	 0x0c
#define STATUS	 0x14
#define Q_SELECT 0x16
#define Q_SIZE	 0x18
#define Q_MSIX	 0x1a
#define Q_ENABLE 0x1c
#define Q_NOFF	 0x1e
#define Q_DESC	 0x20
#define Q_DRIVER 0x28
#define Q_DEVICE 0x30

static u8 get_status(struct vio *d)
{
	return readb(d->common + STATUS);
}

static void set_status(struct vio *d, u8 s)
{
	writeb(d->common + STATUS, s);
}

static u32 get_features(struct vio *d, u32 word)
{
	writel(d->common + DFSELECT, word);
	return readl(d->common + DF);
}

static void set_features(struct vio *d, u32 word, u32 bits)
{
	writel(d->common + GFSELECT, word);
	writel(d->common + GF, bits);
}

/* 64-bit fields as two 32-bit halves, low first (the spec allows it, some devices need it). */
static void wr64(u64 addr, u64 v)
{
	writel(addr, (u32)v);
	writel(addr + 4, (u32)(v >> 32));
}

static int queue(struct vio *d, u32 index, struct virtq *vq)
{
	u16 max;
	u64 off;

	if (index >= ARRAY_SIZE(d->queue_notify))
		return -1;
	writew(d->common + Q_SELECT, (u16)index);
	max = readw(d->common + Q_SIZE);
	if (max < VQ_SIZE)
		return -1;
	writew(d->common + Q_SIZE, VQ_SIZE);
	writew(d->common + Q_MSIX, 0xffff); /* no MSI-X vector: the driver polls */
	wr64(d->common + Q_DESC, (u64)(uintptr_t)&vq->desc);
	wr64(d->common + Q_DRIVER, (u64)(uintptr_t)&vq->avail);
	wr64(d->common + Q_DEVICE, (u64)(uintptr_t)&vq->used);
	off = (u64)readw(d->common + Q_NOFF) * d->notify_mult;
	if (d->notify_len < 2 || off > d->notify_len - 2)
		return -1; /* the device's offset points outside its notify structure */
	d->queue_notify[index] = d->notify + off;
	writew(d->common + Q_ENABLE, 1);
	return 0;
}

static void notify(struct vio *d, u32 index)
{
	if (index < ARRAY_SIZE(d->queue_notify))
		writew(d->queue_notify[index], (u16)index);
}

static u8 config8(struct vio *d, u32 off)
{
	return readb(d->device + off);
}

static u32 config32(struct vio *d, u32 off)
{
	return readl(d->device + off);
}

static u32 ack_irq(struct vio *d)
{
	return readb(d->isr); /* reading clears it */
}

static const struct vio_ops pci_ops = {get_status, set_status, get_features, set_features, queue,
				       notify,	   config8,    config32,     ack_irq};

/* Where a capability's structure is, if it lies inside the BAR it names. */
static u64 cap_addr(const struct pci_fn *f, u32 cap, u64 *len)
{
	u8 bar = pci_read8(f, cap + 4);
	u32 off = pci_read32(f, cap + 8);

	*len = pci_read32(f, cap + 12);
	if (bar >= 6 || !f->bar_size[bar] || off > f->bar_size[bar] ||
	    *len > f->bar_size[bar] - off)
		return 0;
	return f->bar_cpu[bar] + off;
}

bool vio_pci_match(const struct pci_fn *f)
{
	return f->vendor == VENDOR_VIRTIO && f->device >= 0x1000 && f->device <= 0x107f;
}

int vio_pci_probe(struct vio *d, const struct pci_fn *f)
{
	u32 cap;
	int hops = 0;

	if (!vio_pci_match(f))
		return -1;
	memset(d, 0, sizeof(*d));
	d->ops = &pci_ops;
	d->modern = true;
	/* Transitional devices (0x1000-0x103f) name the device type in the subsystem ID. */
	d->device_id = f->device >= 0x1040 ? f->device - 0x1040u : pci_read16(f, 0x2e);
	bh_snprintf(d->where, sizeof(d->where), "pci %02x:%02x.%x", f->bus, f->dev, f->fn);
	bh_snprintf(d->transport, sizeof(d->transport), "virtio-pci");
	if (!(pci_read16(f, 0x06) & BIT(4))) /* no capability list */
		return -3;
	/* The list is the device's: bounded, each pointer masked to the header's dwords. */
	for (cap = pci_read8(f, 0x34) & 0xfc; cap >= 0x40 && hops < 48;
	     cap = pci_read8(f, cap + 1) & 0xfc, hops++) {
		u64 len, a;
		u8 type;

		if (pci_read8(f, cap) != CAP_VENDOR)
			continue;
		type = pci_read8(f, cap + 3);
		a = cap_addr(f, cap, &len);
		if (!a)
			continue;
		if (type == CFG_COMMON && !d->common && len >= 0x38)
			d->common = a;
		else if (type == CFG_NOTIFY && !d->notify) {
			d->notify = a;
			d->notify_len = len;
			d->notify_mult = pci_read32(f, cap + 16);
		} else if (type == CFG_ISR && !d->isr)
			d->isr = a;
		else if (type == CFG_DEVICE && !d->device)
			d->device = a;
	}
	if (!d->common || !d->notify || !d->isr || !d->device)
		return -3; /* legacy only: its registers are I/O ports */
	return 0;
}
