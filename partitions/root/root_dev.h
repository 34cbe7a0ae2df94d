/*
 * The root's disk and NIC as its services (block_vsp.c, net_vsp.c, bench.c)
 * see them, whatever driver is behind: virtio (virtio_blk.c, virtio_net.c),
 * the SD host controller (sdhci.c), the Cadence GEM (gem.c). Each driver
 * embeds one of these and fills in its ops; the services call only these.
 */
#ifndef ROOT_DEV_H
#define ROOT_DEV_H
#include <bulkhead/types.h>

#define ROOT_SECTOR 512

/* The driver's own struct from the root_disk/root_nic embedded in it. */
#ifndef container_of
#define container_of(p, type, member) ((type *)((char *)(p) - __builtin_offsetof(type, member)))
#endif

struct root_disk;
struct root_disk_ops {
	/* 0, or a negative driver code (reported on the console by the driver). */
	int (*read)(struct root_disk *d, u64 sector, void *buf, u32 count);
	int (*write)(struct root_disk *d, u64 sector, const void *buf, u32 count);
	int (*flush)(struct root_disk *d); /* the write cache on the medium */
};

struct root_disk {
	const struct root_disk_ops *ops;
	u64 capacity; /* sectors of ROOT_SECTOR bytes */
};

static inline int root_disk_read(struct root_disk *d, u64 sector, void *buf, u32 count)
{
	return d->ops->read(d, sector, buf, count);
}

static inline int root_disk_write(struct root_disk *d, u64 sector, const void *buf, u32 count)
{
	return d->ops->write(d, sector, buf, count);
}

static inline int root_disk_flush(struct root_disk *d)
{
	return d->ops->flush(d);
}

#define ROOT_FRAME_MAX 1518 /* Ethernet frame with a VLAN tag, no FCS */

struct root_nic;
struct root_nic_ops {
	/* Queues one frame (no FCS); -1 if every transmit slot is in flight. */
	int (*send)(struct root_nic *n, const void *frame, u32 len);
	/* The next received frame (at most cap bytes); 0 if none. */
	u32 (*recv)(struct root_nic *n, void *frame, u32 cap);
	bool (*link)(struct root_nic *n); /* carrier up (true if the device cannot tell) */
};

struct root_nic {
	const struct root_nic_ops *ops;
	u8 mac[6];
};

static inline int root_nic_send(struct root_nic *n, const void *frame, u32 len)
{
	return n->ops->send(n, frame, len);
}

static inline u32 root_nic_recv(struct root_nic *n, void *frame, u32 cap)
{
	return n->ops->recv(n, frame, cap);
}

static inline bool root_nic_link(struct root_nic *n)
{
	return n->ops->link(n);
}

#endif
