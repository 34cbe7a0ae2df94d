/* block client (VSC): the range of the root's disk a block channel exports. */
#ifndef PART_BLK_H
#define PART_BLK_H
#include "vsc.h"

struct blk_client {
	struct vsc vsc;
	u64 blocks;	     /* 512-byte blocks in the range */
	u32 max_blocks;	     /* per request */
	u8 *tx_win, *rx_win; /* where WRITE data goes / READ data arrives */
	u32 tx_size, rx_size;
};

/* Binds the n-th block channel and asks for its geometry; -1 on failure. */
int blk_client_init(struct blk_client *b, u32 n);
/* A request at window offset win_off; returns the status (0 ok) or -1. */
int blk_request(struct blk_client *b, u32 type, u64 lba, u32 nblocks, u32 win_off);

#endif
