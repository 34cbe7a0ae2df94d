/* The root's virtio block driver (polled, one request at a time), on either transport. */
#ifndef ROOT_VIRTIO_BLK_H
#define ROOT_VIRTIO_BLK_H
#include "root_dev.h"
#include "virtio.h"

#define VBLK_MAX_DISKS 4

struct vblk {
	struct root_disk disk; /* what the services use; its capacity in sectors of 512 bytes */
	struct vio dev;
	struct virtq *vq; /* its request queue */
	bool flush;	  /* VIRTIO_BLK_F_FLUSH negotiated */
};

/*
 * Sets up the block device in b->dev (found by a transport); 0 when it is
 * ready, -4 when VBLK_MAX_DISKS disks are set up already.
 */
int vblk_init(struct vblk *b);
int vblk_read(struct vblk *b, u64 sector, void *buf, u32 count);
int vblk_write(struct vblk *b, u64 sector, const void *buf, u32 count);
int vblk_flush(struct vblk *b); /* the device's write cache to the medium */

#endif
