// SPDX-License-Identifier: GPL-2.0
/*
 * virtio block device, one request at a time, polled: the root serves
 * block channels synchronously from its loop, so it needs no interrupts.
 */
#include "virtio_blk.h"

#define VIRTIO_BLK_F_FLUSH BIT(9)
#define T_IN		   0
#define T_OUT		   1
#define T_FLUSH		   4

struct blk_req {
	u32 type;
	u32 reserved;
	u64 sector;
};

/* A queue per disk (the first serves the block channels, the others only show their label). */
static struct virtq queues[VBLK_MAX_DISKS];
static u32 nr_queues;
static struct blk_req req;
static volatile u8 req_status;

static int disk_read(struct root_disk *d, u64 sector, void *buf, u32 count)
{
	return vblk_read(container_of(d, struct vblk, disk), sector, buf, count);
}

static int disk_write(struct root_disk *d, u64 sector, const void *buf, u32 count)
{
	return vblk_write(container_of(d, struct vblk, disk), sector, buf, count);
}

static int disk_flush(struct root_disk *d)
{
	return vblk_flush(container_of(d, struct vblk, disk));
}

static const struct root_disk_ops vblk_ops = {disk_read, disk_write, disk_flush};

int vblk_init(struct vblk *b)
{
	int rc = vio_init(&b->dev, VIRTIO_BLK_F_FLUSH);

	if (rc)
		return rc;
	if (nr_queues == VBLK_MAX_DISKS)
		return -4; /* no queue left for it */
	b->vq = &queues[nr_queues];
	if (vio_queue(&b->dev, 0, b->vq))
		return -3;
	nr_queues++;
	vio_ready(&b->dev);
	b->flush = (b->dev.features & VIRTIO_BLK_F_FLUSH) != 0;
	b->disk.ops = &vblk_ops;
	b->disk.capacity = (u64)vio_config32(&b->dev, 0) | (u64)vio_config32(&b->dev, 4) << 32;
	return 0;
}

static int request(struct vblk *b, u32 type, u64 sector, void *buf, u32 count)
{
	struct virtq *vq = b->vq;
	u32 head, len;

	req = (struct blk_req){type, 0, sector};
	req_status = 0xff;
	vq->desc[0] = (struct vring_desc){(u64)(uintptr_t)&req, sizeof(req), VRING_DESC_F_NEXT, 1};
	vq->desc[1] = (struct vring_desc){
	    (u64)(uintptr_t)buf, count * 512,
	    (u16)(VRING_DESC_F_NEXT | (type == T_IN ? VRING_DESC_F_WRITE : 0)), 2};
	vq->desc[2] = (struct vring_desc){(u64)(uintptr_t)&req_status, 1, VRING_DESC_F_WRITE, 0};
	if (!count) /* FLUSH: header and status only */
		vq->desc[0].next = 2;
	virtq_submit(vq, 0);
	vio_notify(&b->dev, 0);
	if (!virtq_wait(&b->dev, vq, 5000) || !virtq_take(vq, &head, &len))
		return -1;
	if (!b->dev.intid)
		vio_ack_irq(&b->dev);
	return req_status == 0 ? 0 : -2;
}

int vblk_read(struct vblk *b, u64 sector, void *buf, u32 count)
{
	return request(b, T_IN, sector, buf, count);
}

int vblk_write(struct vblk *b, u64 sector, const void *buf, u32 count)
{
	return request(b, T_OUT, sector, (void *)(uintptr_t)buf, count);
}

int vblk_flush(struct vblk *b)
{
	/* Without VIRTIO_BLK_F_FLUSH the device writes through: nothing to wait for. */
	return b->flush ? request(b, T_FLUSH, 0, NULL, 0) : 0;
}
