/* The root's virtio block driver (polled, one request at a time), on either transport. */
#ifndef ROOT_VIRTIO_BLK_H
#define ROOT_VIRTIO_BLK_H
#include "virtio.h"

struct vblk {
	struct vio dev;
	u64 capacity; /* sectors of 512 bytes */
	bool flush;   /* VIRTIO_BLK_F_FLUSH negotiated */
};

/* Sets up the block device in b->dev (found by a transport); 0 when it is ready. */
int vblk_init(struct vblk *b);
int vblk_read(struct vblk *b, u64 sector, void *buf, u32 count);
int vblk_write(struct vblk *b, u64 sector, const void *buf, u32 count);
int vblk_flush(struct vblk *b); /* the device's write cache to the medium */

#endif
