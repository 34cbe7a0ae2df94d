/* Minimal virtio-mmio block driver of the root partition (polled). */
#ifndef ROOT_VIRTIO_BLK_H
#define ROOT_VIRTIO_BLK_H
#include <bulkhead/types.h>

struct vblk {
	u64 base;
	u32 version;
	u64 capacity; /* sectors of 512 bytes */
	bool flush;   /* VIRTIO_BLK_F_FLUSH negotiated */
};

/* Probes a virtio-mmio transport; 0 if it is a block device now ready. */
int vblk_probe(struct vblk *b, u64 base);
int vblk_read(struct vblk *b, u64 sector, void *buf, u32 count);
int vblk_write(struct vblk *b, u64 sector, const void *buf, u32 count);
int vblk_flush(struct vblk *b); /* the device's write cache to the medium */

#endif
