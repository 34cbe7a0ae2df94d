// SPDX-License-Identifier: GPL-2.0
/*
 * "villain-block=<block>" in the root's bootargs: a hostile block provider,
 * for the tests of a consumer's checks (test_linux_vmbus_x86.py). It answers
 * a READ of exactly 8 blocks (4 KiB: a consumer's page-aligned direct read)
 * at <block> + 8 k, done as asked, by k, so that the consumer picks each
 * case with one read:
 *
 *   0  a completion for no request in flight (the trans_id's generation,
 *      bits 16 and up in the Linux and bare-metal clients, plus one), then
 *      the true answer
 *   1  the true answer with a byte count twice the request's
 *   2  an answer that ends after its header (status OK)
 *   3  the true answer twice: the second is for no request in flight
 *
 * Every other request is served as usual. The consumer must report and
 * ignore 0 and 3 (its read succeeds) and fail 1 and 2 with an I/O error,
 * and go on.
 */
#include "bus.h"
#include "part.h"
#include "root.h"

#define VILLAIN_BLOCKS 8U
#define VILLAIN_CASES  4U

bool block_villain;
static u64 first;

void block_villain_init(void)
{
	block_villain = part_arg_u64("villain-block", &first);
	if (block_villain)
		printf("block: villain-block: 4 KiB READs at block %llu + 8 k (k < 4) get hostile "
		       "answers (a test mode)\n",
		       (unsigned long long)first);
}

bool block_villain_reply(struct vmbus_chan *ch, u64 trans_id, const struct vmbus_blk_req *r,
			 struct vmbus_blk_reply *a)
{
	static const char *const what[VILLAIN_CASES] = {
	    "a completion for no request first", "twice the bytes asked",
	    "a reply cut after its header", "the answer twice"};
	u64 k;

	if (!block_villain || r->h.type != VMBUS_BLK_READ || r->nblocks != VILLAIN_BLOCKS ||
	    a->h.status != VMBUS_ST_OK || r->lba < first || (r->lba - first) % VILLAIN_BLOCKS ||
	    (r->lba - first) / VILLAIN_BLOCKS >= VILLAIN_CASES)
		return false;
	k = (r->lba - first) / VILLAIN_BLOCKS;
	printf("block: villain-block: READ of block %llu: %s\n", (unsigned long long)r->lba,
	       what[k]);
	switch (k) {
	case 0:
		vmbus_chan_complete(ch, trans_id + (1ULL << 16), a, sizeof(*a));
		vmbus_chan_complete(ch, trans_id, a, sizeof(*a));
		break;
	case 1:
		a->bytes *= 2;
		vmbus_chan_complete(ch, trans_id, a, sizeof(*a));
		break;
	case 2:
		vmbus_chan_complete(ch, trans_id, a, sizeof(a->h));
		break;
	default:
		vmbus_chan_complete(ch, trans_id, a, sizeof(*a));
		vmbus_chan_complete(ch, trans_id, a, sizeof(*a));
		break;
	}
	return true;
}
