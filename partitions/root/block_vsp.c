// SPDX-License-Identifier: GPL-2.0
/*
 * The block service (VSP): each block channel exports its own byte range of
 * the root's disk (block-offset/size in the root's DTB; virtio-blk or SD). Every
 * request is checked against the range and the window with overflow-safe
 * arithmetic before the disk sees it; the device moves the data straight
 * between the disk and the channel's window (the bytes are never parsed).
 * FLUSH completes once the device reports its cache on the medium.
 */
#include "bus.h"
#include "part.h"
#include "root.h"

#define MAX_BLOCKS 128U /* 64 KiB per request */

struct blk_vsp {
	struct root_disk *disk;
	u64 first, blocks; /* the range, in disk sectors */
	u32 max_blocks;
	u32 refused; /* requests outside the range or window */
};

static struct blk_vsp vsp[PART_MAX_CHANS];

static bool window_ok(u32 win_size, u32 off, u32 nblocks)
{
	return off <= win_size && (u64)nblocks * VMBUS_BLK_SECTOR <= win_size - off;
}

static u32 do_request(struct vmbus_chan *ch, struct blk_vsp *b, const struct vmbus_blk_req *r,
		      struct vmbus_blk_reply *a)
{
	const struct vmbus_chan_cfg *c = ch->cfg;
	u8 *win;
	u32 wsize;

	switch (r->h.type) {
	case VMBUS_BLK_GET_INFO:
		a->capacity = b->blocks;
		a->max_blocks = b->max_blocks;
		return VMBUS_ST_OK;
	case VMBUS_BLK_FLUSH:
		return root_disk_flush(b->disk) ? VMBUS_ST_IO : VMBUS_ST_OK;
	default:
		break;
	}
	/* READ lands in the p2c window (ours, tx), WRITE comes from the c2p one (rx). */
	win = r->h.type == VMBUS_BLK_READ ? ch->tx_win : ch->rx_win;
	wsize = r->h.type == VMBUS_BLK_READ ? c->txw_size : c->rxw_size;
	if (!r->nblocks || r->nblocks > b->max_blocks || r->lba >= b->blocks ||
	    r->nblocks > b->blocks - r->lba || !win || !window_ok(wsize, r->win_off, r->nblocks)) {
		if (b->refused++ == 0)
			printf("block: %s asked for %u blocks at %llu (window offset 0x%x): "
			       "outside its "
			       "%llu blocks or its window; refused\n",
			       c->peer, r->nblocks, (unsigned long long)r->lba, r->win_off,
			       (unsigned long long)b->blocks);
		return VMBUS_ST_RANGE;
	}
	if (r->h.type == VMBUS_BLK_READ
		? root_disk_read(b->disk, b->first + r->lba, win + r->win_off, r->nblocks)
		: root_disk_write(b->disk, b->first + r->lba, win + r->win_off, r->nblocks))
		return VMBUS_ST_IO;
	a->bytes = r->nblocks * VMBUS_BLK_SECTOR;
	return VMBUS_ST_OK;
}

static void on_msg(struct vmbus_chan *ch, const struct vmbus_desc *d, const u8 *msg, u32 len)
{
	struct blk_vsp *b = ch->priv;
	struct vmbus_blk_req r;
	struct vmbus_blk_reply a = {{0, VMBUS_ST_INVALID}, 0, 0, 0};

	if (!(d->flags & VMBUS_PKT_FLAG_COMPLETION))
		return; /* nobody to answer: drop */
	if (d->type == VMBUS_PKT_INBAND && !vmbus_parse_block(msg, len, &r)) {
		a.h.type = r.h.type;
		a.h.status = do_request(ch, b, &r, &a);
		if (block_villain_reply(ch, d->trans_id, &r, &a))
			return;
	}
	vmbus_chan_complete(ch, d->trans_id, &a, sizeof(a));
}

void block_vsp_init(struct root_disk *disk)
{
	struct part_chan *pc;

	for (u32 i = 0; (pc = bus_find(VMBUS_CLASS_BLOCK, true, i)); i++) {
		struct blk_vsp *b = &vsp[pc - part_chans];
		const struct vmbus_chan_cfg *c = &pc->cfg;
		u64 first = c->block_offset / VMBUS_BLK_SECTOR,
		    n = c->block_size / VMBUS_BLK_SECTOR;

		if (!disk || first >= disk->capacity || n > disk->capacity - first) {
			printf("block: %s: range 0x%llx+0x%llx is not on the disk (%llu bytes); "
			       "channel not served\n",
			       c->name, (unsigned long long)c->block_offset,
			       (unsigned long long)c->block_size,
			       (unsigned long long)(disk ? disk->capacity * VMBUS_BLK_SECTOR : 0));
			continue;
		}
		b->disk = disk;
		b->first = first;
		b->blocks = n;
		b->max_blocks = MIN(MAX_BLOCKS, MAX(c->txw_size, c->rxw_size) / VMBUS_BLK_SECTOR);
		bus_attach(pc, VMBUS_BLOCK_VERSION, VMBUS_BLOCK_VERSION, on_msg, NULL, b);
	}
}
