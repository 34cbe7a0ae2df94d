// SPDX-License-Identifier: GPL-2.0
/*
 * virtio-mmio block device, legacy (version 1) and modern (version 2)
 * transports, one queue of 8 descriptors, polled: the root reads its disk
 * with interrupts off, so it needs nothing but the device's registers.
 */
#include <string.h>
#include <asm/sysreg.h>
#include "virtio_blk.h"

#define MAGIC 0x000
#define VERSION 0x004
#define DEVICE_ID 0x008
#define DEVICE_FEATURES 0x010
#define DEVICE_FEATURES_SEL 0x014
#define DRIVER_FEATURES 0x020
#define DRIVER_FEATURES_SEL 0x024
#define GUEST_PAGE_SIZE 0x028
#define QUEUE_SEL 0x030
#define QUEUE_NUM_MAX 0x034
#define QUEUE_NUM 0x038
#define QUEUE_ALIGN 0x03c
#define QUEUE_PFN 0x040
#define QUEUE_READY 0x044
#define QUEUE_NOTIFY 0x050
#define INTERRUPT_STATUS 0x060
#define INTERRUPT_ACK 0x064
#define STATUS 0x070
#define QUEUE_DESC_LOW 0x080
#define QUEUE_DESC_HIGH 0x084
#define QUEUE_AVAIL_LOW 0x090
#define QUEUE_AVAIL_HIGH 0x094
#define QUEUE_USED_LOW 0x0a0
#define QUEUE_USED_HIGH 0x0a4
#define CONFIG 0x100

#define ST_ACK 1
#define ST_DRIVER 2
#define ST_DRIVER_OK 4
#define ST_FEATURES_OK 8

#define QSZ 8
#define VRING_DESC_F_NEXT 1
#define VRING_DESC_F_WRITE 2

struct vring_desc {
	u64 addr;
	u32 len;
	u16 flags;
	u16 next;
};

struct blk_req {
	u32 type;
	u32 reserved;
	u64 sector;
};

/* Legacy layout: descriptors and avail in one page, used in the next. */
static struct {
	struct vring_desc desc[QSZ];
	struct {
		u16 flags, idx, ring[QSZ], used_event;
	} avail;
	u8 pad[4096 - QSZ * 16 - (2 * 3 + 2 * QSZ)];
	struct {
		u16 flags, idx;
		struct {
			u32 id, len;
		} ring[QSZ];
		u16 avail_event;
	} used;
} vq __attribute__((aligned(4096)));

static struct blk_req req;
static volatile u8 req_status;
static u16 last_used;

static u32 rd(struct vblk *b, u32 off)
{
	return mmio_read32(b->base + off);
}

static void wr(struct vblk *b, u32 off, u32 v)
{
	mmio_write32(b->base + off, v);
}

int vblk_probe(struct vblk *b, u64 base)
{
	b->base = base;
	if (rd(b, MAGIC) != 0x74726976 || rd(b, DEVICE_ID) != 2)
		return -1;
	b->version = rd(b, VERSION);
	wr(b, STATUS, 0);
	wr(b, STATUS, ST_ACK | ST_DRIVER);
	/* VIRTIO_BLK_F_FLUSH when offered: FLUSH then means "on the medium". */
	wr(b, DEVICE_FEATURES_SEL, 0);
	b->flush = (rd(b, DEVICE_FEATURES) & BIT(9)) != 0;
	wr(b, DRIVER_FEATURES_SEL, 0);
	wr(b, DRIVER_FEATURES, b->flush ? (u32)BIT(9) : 0);
	if (b->version >= 2) {
		wr(b, DRIVER_FEATURES_SEL, 1);
		wr(b, DRIVER_FEATURES, 1); /* VIRTIO_F_VERSION_1 */
		wr(b, STATUS, ST_ACK | ST_DRIVER | ST_FEATURES_OK);
		if (!(rd(b, STATUS) & ST_FEATURES_OK))
			return -2;
	} else {
		wr(b, GUEST_PAGE_SIZE, 4096);
	}
	wr(b, QUEUE_SEL, 0);
	if (rd(b, QUEUE_NUM_MAX) < QSZ)
		return -3;
	memset(&vq, 0, sizeof(vq));
	last_used = 0;
	wr(b, QUEUE_NUM, QSZ);
	if (b->version >= 2) {
		u64 d = (u64)(uintptr_t)&vq.desc, a = (u64)(uintptr_t)&vq.avail;
		u64 u = (u64)(uintptr_t)&vq.used;

		wr(b, QUEUE_DESC_LOW, (u32)d);
		wr(b, QUEUE_DESC_HIGH, (u32)(d >> 32));
		wr(b, QUEUE_AVAIL_LOW, (u32)a);
		wr(b, QUEUE_AVAIL_HIGH, (u32)(a >> 32));
		wr(b, QUEUE_USED_LOW, (u32)u);
		wr(b, QUEUE_USED_HIGH, (u32)(u >> 32));
		wr(b, QUEUE_READY, 1);
	} else {
		wr(b, QUEUE_ALIGN, 4096);
		wr(b, QUEUE_PFN, (u32)((uintptr_t)&vq >> 12));
	}
	wr(b, STATUS, rd(b, STATUS) | ST_DRIVER_OK);
	b->capacity = (u64)rd(b, CONFIG) | (u64)rd(b, CONFIG + 4) << 32;
	return 0;
}

static int request(struct vblk *b, u32 type, u64 sector, void *buf, u32 count)
{
	u32 spins = 0;

	req.type = type;
	req.reserved = 0;
	req.sector = sector;
	req_status = 0xff;
	vq.desc[0] = (struct vring_desc){ (u64)(uintptr_t)&req, sizeof(req), VRING_DESC_F_NEXT, 1 };
	vq.desc[1] = (struct vring_desc){ (u64)(uintptr_t)buf, count * 512,
					  (u16)(VRING_DESC_F_NEXT | (type == 0 ? VRING_DESC_F_WRITE : 0)),
					  2 };
	vq.desc[2] = (struct vring_desc){ (u64)(uintptr_t)&req_status, 1, VRING_DESC_F_WRITE, 0 };
	if (!count) /* FLUSH: header and status only */
		vq.desc[0].next = 2;
	vq.avail.ring[vq.avail.idx % QSZ] = 0;
	__asm__ volatile("dmb sy" ::: "memory");
	vq.avail.idx++;
	__asm__ volatile("dmb sy" ::: "memory");
	wr(b, QUEUE_NOTIFY, 0);
	while (READ_ONCE(vq.used.idx) == last_used)
		if (++spins > 100000000)
			return -1;
	last_used++;
	wr(b, INTERRUPT_ACK, rd(b, INTERRUPT_STATUS));
	return req_status == 0 ? 0 : -2;
}

int vblk_read(struct vblk *b, u64 sector, void *buf, u32 count)
{
	return request(b, 0, sector, buf, count);
}

int vblk_write(struct vblk *b, u64 sector, const void *buf, u32 count)
{
	return request(b, 1, sector, (void *)(uintptr_t)buf, count);
}

int vblk_flush(struct vblk *b)
{
	/* Without VIRTIO_BLK_F_FLUSH the device writes through: nothing to wait for. */
	return b->flush ? request(b, 4, 0, NULL, 0) : 0;
}
