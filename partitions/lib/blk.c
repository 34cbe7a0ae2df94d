// SPDX-License-Identifier: GPL-2.0
/* block client (include/blk.h) on the request/response client. */
#include "blk.h"
#include "part.h"

#define TIMEOUT_MS 10000

int blk_request(struct blk_client *b, u32 type, u64 lba, u32 nblocks, u32 win_off)
{
	struct vmbus_blk_req r = {{type, 0}, lba, nblocks, win_off};
	struct vmbus_blk_reply a;
	u32 n;

	if (vsc_call(&b->vsc, &r, sizeof(r), NULL, 0, &a, sizeof(a), &n, TIMEOUT_MS))
		return -1;
	if (n < sizeof(a.h))
		return VMBUS_ST_INVALID;
	if (type == VMBUS_BLK_GET_INFO && !a.h.status && n >= sizeof(a)) {
		b->blocks = a.capacity;
		b->max_blocks = a.max_blocks;
	}
	return (int)a.h.status;
}

int blk_client_init(struct blk_client *b, u32 n)
{
	const struct vmbus_chan_cfg *c;

	if (vsc_init(&b->vsc, VMBUS_CLASS_BLOCK, n, VMBUS_BLOCK_VERSION, VMBUS_BLOCK_VERSION))
		return -1;
	c = &b->vsc.pc->cfg;
	b->tx_win = c->base + c->txw_off;
	b->tx_size = c->txw_size;
	b->rx_win = c->base + c->rxw_off;
	b->rx_size = c->rxw_size;
	return blk_request(b, VMBUS_BLK_GET_INFO, 0, 0, 0) ? -1 : 0;
}
