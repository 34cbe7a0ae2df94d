// SPDX-License-Identifier: GPL-2.0
/* virtio-mmio transport, legacy version 1 and modern version 2 (virtio.h). */
#include <string.h>
#include <bulkhead/fmt.h>
#include "mmio.h"
#include "part.h"
#include "virtio.h"

#define MAGIC		    0x000
#define VERSION		    0x004
#define DEVICE_ID	    0x008
#define DEVICE_FEATURES	    0x010
#define DEVICE_FEATURES_SEL 0x014
#define DRIVER_FEATURES	    0x020
#define DRIVER_FEATURES_SEL 0x024
#define GUEST_PAGE_SIZE	    0x028
#define QUEUE_SEL	    0x030
#define QUEUE_NUM_MAX	    0x034
#define QUEUE_NUM	    0x038
#define QUEUE_ALIGN	    0x03c
#define QUEUE_PFN	    0x040
#define QUEUE_READY	    0x044
#define QUEUE_NOTIFY	    0x050
#define INTERRUPT_STATUS    0x060
#define INTERRUPT_ACK	    0x064
#define STATUS		    0x070
#define QUEUE_DESC_LOW	    0x080
#define QUEUE_AVAIL_LOW	    0x090
#define QUEUE_USED_LOW	    0x0a0
#define CONFIG		    0x100

static u32 rd(struct vio *d, u32 off)
{
	return readl(d->base + off);
}

static void wr(struct vio *d, u32 off, u32 v)
{
	writel(d->base + off, v);
}

static void wr64(struct vio *d, u32 off, u64 v)
{
	wr(d, off, (u32)v);
	wr(d, off + 4, (u32)(v >> 32));
}

static u8 get_status(struct vio *d)
{
	return (u8)rd(d, STATUS);
}

static void set_status(struct vio *d, u8 s)
{
	wr(d, STATUS, s);
}

static u32 get_features(struct vio *d, u32 word)
{
	wr(d, DEVICE_FEATURES_SEL, word);
	return rd(d, DEVICE_FEATURES);
}

static void set_features(struct vio *d, u32 word, u32 bits)
{
	wr(d, DRIVER_FEATURES_SEL, word);
	wr(d, DRIVER_FEATURES, bits);
}

static int queue(struct vio *d, u32 index, struct virtq *vq)
{
	wr(d, QUEUE_SEL, index);
	if (rd(d, QUEUE_NUM_MAX) < VQ_SIZE)
		return -1;
	wr(d, QUEUE_NUM, VQ_SIZE);
	if (d->modern) {
		wr64(d, QUEUE_DESC_LOW, (u64)(uintptr_t)&vq->desc);
		wr64(d, QUEUE_AVAIL_LOW, (u64)(uintptr_t)&vq->avail);
		wr64(d, QUEUE_USED_LOW, (u64)(uintptr_t)&vq->used);
		wr(d, QUEUE_READY, 1);
	} else {
		wr(d, QUEUE_ALIGN, 4096);
		wr(d, QUEUE_PFN, (u32)((uintptr_t)vq >> 12));
	}
	return 0;
}

static void notify(struct vio *d, u32 index)
{
	wr(d, QUEUE_NOTIFY, index);
}

static u8 config8(struct vio *d, u32 off)
{
	return readb(d->base + CONFIG + off);
}

static u32 config32(struct vio *d, u32 off)
{
	return rd(d, CONFIG + off);
}

static u32 ack_irq(struct vio *d)
{
	u32 s = rd(d, INTERRUPT_STATUS);

	wr(d, INTERRUPT_ACK, s);
	return s;
}

static const struct vio_ops mmio_ops = {get_status, set_status, get_features, set_features, queue,
					notify,	    config8,	config32,     ack_irq};

int vio_mmio_probe(struct vio *d, u64 base)
{
	memset(d, 0, sizeof(*d));
	d->base = base;
	if (rd(d, MAGIC) != 0x74726976 || !rd(d, DEVICE_ID))
		return -1;
	d->ops = &mmio_ops;
	d->device_id = rd(d, DEVICE_ID);
	d->version = rd(d, VERSION);
	d->modern = d->version >= 2;
	bh_snprintf(d->where, sizeof(d->where), "0x%llx", (unsigned long long)base);
	bh_snprintf(d->transport, sizeof(d->transport), "virtio-mmio v%u", d->version);
	if (!d->modern)
		wr(d, GUEST_PAGE_SIZE, 4096);
	return 0;
}
