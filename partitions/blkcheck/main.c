// SPDX-License-Identifier: GPL-2.0
/*
 * blkcheck: writes a pattern over the whole range its block channel
 * exports, flushes, reads everything back, compares, and prints the CRC-32
 * of the range (the same as zlib's crc32 of those bytes of the disk image).
 * The pattern: 32-bit little-endian words, word i of the range =
 * i * 2654435761 ^ seed, seed = 0xb10c0000 + the channel's local index.
 */
#include <string.h>
#include "blk.h"
#include "part.h"

static struct blk_client blk;

static u32 crc32_update(u32 crc, const u8 *p, u32 n)
{
	crc = ~crc;
	while (n--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320U & (0U - (crc & 1)));
	}
	return ~crc;
}

static void fill(u8 *w, u64 first_word, u32 bytes, u32 seed)
{
	u32 *p = (u32 *)w;

	for (u32 i = 0; i < bytes / 4; i++)
		p[i] = (u32)((first_word + i) * 2654435761U) ^ seed;
}

int main(void)
{
	u32 seed, chunk, errors = 0, crc = 0;
	u64 done;

	if (blk_client_init(&blk, 0)) {
		printf("blkcheck: no block channel, or GET_INFO failed\n");
		idle();
	}
	seed = 0xb10c0000U + blk.vsc.pc->cfg.index;
	chunk = MIN(blk.max_blocks, MIN(blk.tx_size, blk.rx_size) / VMBUS_BLK_SECTOR);
	printf("blkcheck: %llu blocks of 512 bytes, %u per request\n",
	       (unsigned long long)blk.blocks, chunk);
	for (done = 0; done < blk.blocks; done += chunk) {
		u32 n = (u32)MIN((u64)chunk, blk.blocks - done);

		fill(blk.tx_win, done * 128, n * 512, seed);
		if (blk_request(&blk, VMBUS_BLK_WRITE, done, n, 0))
			errors++;
	}
	if (blk_request(&blk, VMBUS_BLK_FLUSH, 0, 0, 0))
		errors++;
	for (done = 0; done < blk.blocks; done += chunk) {
		u32 n = (u32)MIN((u64)chunk, blk.blocks - done);

		/* The p2c window is read-only here; what the last chunk left differs anyway. */
		if (blk_request(&blk, VMBUS_BLK_READ, done, n, 0)) {
			errors++;
			continue;
		}
		fill(blk.tx_win, done * 128, n * 512, seed);
		if (memcmp(blk.tx_win, blk.rx_win, n * 512))
			errors++;
		crc = crc32_update(crc, blk.rx_win, n * 512);
	}
	/* One past the end must be refused. */
	printf("blkcheck: past the end: %s\n",
	       vmbus_status_str((u32)blk_request(&blk, VMBUS_BLK_READ, blk.blocks, 1, 0)));
	printf("blkcheck: wrote, flushed and read back %llu bytes, %u errors, crc32 0x%08x\n",
	       (unsigned long long)blk.blocks * 512, errors, crc);
	idle();
}
