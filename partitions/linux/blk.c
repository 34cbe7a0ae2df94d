// SPDX-License-Identifier: GPL-2.0
/*
 * The block class as a blk-mq disk: /dev/bhblk<unit> over the byte range of
 * the root's disk that the channel exports (include/vmbus/proto.h, block
 * version 1; the root's side is partitions/root/block_vsp.c).
 *
 * Window space: the windows are carved into per-tag slots, the same slot in
 * both (WRITE data at its offset in the c2p window, READ data back at its
 * offset in the p2c one). A slot holds the largest request (max_blocks from
 * GET_INFO, at most the window); the queue depth is what the windows hold
 * of such slots, at most the channel's max-outstanding. The data is copied
 * (bounce buffers): the windows are shared with the peer, the bio's pages
 * are not.
 *
 * Completions carry trans_id = generation << 16 | tag; a completion for a
 * tag that is not waiting, or of an older generation, is counted and
 * ignored. A reply of the wrong type, a non-OK status or a byte count other
 * than what was asked fails that request with an I/O error; a packet that
 * is no completion, or too short to be one, breaks the channel.
 *
 * The root restarting (on_down, then on_open with a new HELLO): requests in
 * flight are sent again once the channel is open again, their WRITE data
 * copied again into the fresh windows; READ data copied out while the root
 * was already going down (the region may be zeroed under the copy) is
 * not trusted: that READ is sent again too. The device has a volatile write
 * cache (the root's disk), so FLUSH reaches the root's disk and FUA is the
 * block layer's write + flush. A request unanswered for 30 s (the queue's
 * io_timeout, which sysfs may change) fails with an I/O error: the root
 * restarting that long; or up and silent, or stopped for good (DOWN, never
 * RESETTING: a halt policy), in which case the channel is broken (late
 * answers could land in reused window slots) until the root restarts.
 */
#include <linux/blk-mq.h>
#include <linux/completion.h>
#include <linux/module.h>
#include <linux/workqueue.h>
#include "bh_vmbus.h"

#define MAX_DEPTH   64U
#define REQ_TIMEOUT (30 * HZ)
#define PROBE_WAIT  (5 * HZ) /* for the first GET_INFO: the disk exists when insmod returns */
#define POLL_BUDGET 16
#define TAG_BITS    16
#define TAG_MASK    ((1U << TAG_BITS) - 1)

enum slot_state { SLOT_IDLE, SLOT_QUEUED, SLOT_SENT };

/* One per tag, and one more (the last) for GET_INFO. All under bc->lock. */
struct bh_blk_slot {
	struct request *rq; /* NULL: GET_INFO */
	u32 state;	    /* enum slot_state */
	u32 gen;	    /* of the trans_id in flight; bumped when it ends */
	u32 type, nblocks;
	u64 lba;
};

struct bh_blk_cmd {
	blk_status_t status;
};

struct bh_blk {
	struct bh_channel *bc;
	struct workqueue_struct *wq;
	struct work_struct poll_work, add_work;
	struct completion info_done; /* the first GET_INFO answered */
	struct blk_mq_tag_set tag_set;
	struct gendisk *disk;
	struct bh_blk_slot *slots; /* nslots - 1 request slots, then the GET_INFO slot */
	u32 nslots;
	u32 depth, slot_bytes; /* fixed once the disk exists */
	u64 capacity;	       /* from GET_INFO, in 512-byte blocks */
	u32 max_blocks;
	bool have_info, removing;
	/* Counters (sysfs vmbus_stats). */
	u32 stray, bad_replies, resent, held, timed_out;
	/* A line for the kernel log, said once bc->lock is dropped (say()). */
	char note[128];
	bool noted;
};

/*
 * Under bc->lock: never printk there (the kernel's console may be hvc0,
 * whose output takes its channel's lock): the first line waits in b->note.
 */
static __printf(2, 3) void note(struct bh_blk *b, const char *fmt, ...)
{
	va_list ap;

	if (b->noted)
		return;
	va_start(ap, fmt);
	vsnprintf(b->note, sizeof(b->note), fmt, ap);
	va_end(ap);
	b->noted = true;
}

/* Without bc->lock: the line note() kept, if any. */
static void say(struct bh_blk *b)
{
	char line[sizeof(b->note)];
	unsigned long f;
	bool have;

	spin_lock_irqsave(&b->bc->lock, f);
	have = b->noted;
	if (have)
		memcpy(line, b->note, sizeof(line));
	b->noted = false;
	spin_unlock_irqrestore(&b->bc->lock, f);
	if (have)
		dev_warn(&b->bc->dev, "%s\n", line);
}

/* A new generation for the slot's next trans_id; never 0 (HELLO's trans_id is 1). */
static void next_gen(struct bh_blk_slot *s)
{
	if (!++s->gen)
		s->gen = 1;
}

static struct bh_blk_slot *info_slot(struct bh_blk *b)
{
	return &b->slots[b->nslots - 1];
}

static bool sendable(struct bh_channel *bc)
{
	u32 st = bc->ch.state;

	/* The ring keeps order: requests after our HELLO wait behind it. */
	return st == VMBUS_CH_OPEN || st == VMBUS_CH_HELLO_SENT;
}

static void copy_to_win(struct request *rq, u8 *dst)
{
	struct req_iterator it;
	struct bio_vec bv;

	rq_for_each_segment(bv, rq, it) {
		memcpy_from_bvec((char *)dst, &bv);
		dst += bv.bv_len;
	}
}

static void copy_from_win(struct request *rq, const u8 *src)
{
	struct req_iterator it;
	struct bio_vec bv;

	rq_for_each_segment(bv, rq, it) {
		memcpy_to_bvec(&bv, (const char *)src);
		src += bv.bv_len;
	}
}

/* Under bc->lock: sends the slot, or leaves it QUEUED for the next chance. */
static void send_slot(struct bh_blk *b, struct bh_blk_slot *s)
{
	struct bh_channel *bc = b->bc;
	u32 tag = s - b->slots;
	struct vmbus_blk_req r = {{s->type, 0}, s->lba, s->nblocks, 0};

	s->state = SLOT_QUEUED;
	if (!sendable(bc))
		return;
	if (s->rq) {
		r.win_off = tag * b->slot_bytes;
		/* Again on every send: a restart zeroes the windows. */
		if (s->type == VMBUS_BLK_WRITE)
			copy_to_win(s->rq, bh_chan_tx_window(bc) + r.win_off);
	}
	if (vmbus_chan_send(&bc->ch, VMBUS_PKT_INBAND, VMBUS_PKT_FLAG_COMPLETION,
			    (u64)s->gen << TAG_BITS | tag, &r, sizeof(r), NULL, 0))
		return; /* full, or down: the next poll or on_open sends it */
	s->state = SLOT_SENT;
}

/* Under bc->lock. */
static void send_queued(struct bh_blk *b)
{
	for (u32 i = 0; i < b->nslots && sendable(b->bc); i++)
		if (b->slots[i].state == SLOT_QUEUED)
			send_slot(b, &b->slots[i]);
}

/* Under bc->lock: the request in s ends with status st. */
static void end_slot(struct bh_blk *b, struct bh_blk_slot *s, blk_status_t st)
{
	struct request *rq = s->rq;

	s->state = SLOT_IDLE;
	next_gen(s); /* a late answer for this trans_id is stray from now on */
	s->rq = NULL;
	if (!rq)
		return;
	((struct bh_blk_cmd *)blk_mq_rq_to_pdu(rq))->status = st;
	blk_mq_complete_request(rq);
}

/* Under bc->lock: every request in flight fails (the channel broke, or goes away). */
static void fail_all(struct bh_blk *b)
{
	for (u32 i = 0; i < b->nslots; i++)
		if (b->slots[i].state != SLOT_IDLE)
			end_slot(b, &b->slots[i], BLK_STS_IOERR);
}

static void got_info(struct bh_blk *b, const struct vmbus_blk_reply *a, u32 len)
{
	struct bh_channel *bc = b->bc;

	if (len < sizeof(*a) || a->h.status != VMBUS_ST_OK || !a->capacity ||
	    a->max_blocks < PAGE_SIZE / VMBUS_BLK_SECTOR) {
		b->bad_replies++;
		note(b, "GET_INFO: %s, %llu blocks of at most %u a request: unusable",
		     len < sizeof(*a) ? "short reply" : vmbus_status_str(a->h.status),
		     len < sizeof(*a) ? 0ULL : a->capacity, len < sizeof(*a) ? 0 : a->max_blocks);
		return;
	}
	if (b->have_info && (a->capacity != b->capacity || a->max_blocks < b->max_blocks))
		note(b, "%s now exports %llu blocks of at most %u a request (was %llu, %u)",
		     bc->cfg.peer, a->capacity, a->max_blocks, b->capacity, b->max_blocks);
	b->capacity = a->capacity;
	b->max_blocks = a->max_blocks;
	b->have_info = true;
	queue_work(b->wq, &b->add_work); /* creates the disk, or updates its capacity */
	complete(&b->info_done);
}

/* Whether a READ/WRITE/FLUSH reply says the request was done as asked. */
static bool reply_ok(const struct bh_blk_slot *s, const struct vmbus_blk_reply *a, u32 len)
{
	if (a->h.type != s->type || a->h.status != VMBUS_ST_OK)
		return false;
	if (s->type == VMBUS_BLK_FLUSH)
		return true;
	return len >= sizeof(*a) && a->bytes == s->nblocks * VMBUS_BLK_SECTOR;
}

/* Under bc->lock: a completion, matched to its slot by trans_id. */
static void on_msg(struct vmbus_chan *ch, const struct vmbus_desc *d, const u8 *msg, u32 len)
{
	struct bh_blk *b = ch->priv;
	struct vmbus_blk_reply a = {};
	u32 tag = (u32)(d->trans_id & TAG_MASK);
	u64 gen = d->trans_id >> TAG_BITS;
	struct bh_blk_slot *s;

	if (d->type != VMBUS_PKT_COMP || len < sizeof(a.h)) {
		vmbus_chan_break(ch, d->type != VMBUS_PKT_COMP
					 ? "a block provider sent a request"
					 : "a block completion without a header");
		return;
	}
	s = tag < b->nslots ? &b->slots[tag] : NULL;
	if (!s || s->state != SLOT_SENT || gen != s->gen) {
		if (b->stray++ < 4)
			note(b, "completion 0x%llx matches no request: ignored", d->trans_id);
		return;
	}
	memcpy(&a, msg, min_t(u32, len, sizeof(a)));
	if (!s->rq) {
		end_slot(b, s, BLK_STS_OK);
		got_info(b, &a, len);
		return;
	}
	if (!reply_ok(s, &a, len)) {
		if (b->bad_replies++ < 4)
			note(b, "request type %u, %u blocks at %llu: %s, %u bytes: I/O error",
			     s->type, s->nblocks, s->lba, vmbus_status_str(a.h.status), a.bytes);
		end_slot(b, s, BLK_STS_IOERR);
		return;
	}
	if (s->type == VMBUS_BLK_READ) {
		copy_from_win(s->rq, bh_chan_rx_window(b->bc) + tag * b->slot_bytes);
		/*
		 * The root went down meanwhile: the window may be zeroed under
		 * the copy. It stays SENT: on_down / on_open send it again.
		 */
		if (!bh_chan_peer_same(b->bc))
			return;
	}
	end_slot(b, s, BLK_STS_OK);
}

/*
 * Under bc->lock: what the root did not answer is sent again on open. From
 * on_down (RESETTING), and from on_open too: a restart seen only as a new
 * epoch comes without on_down, and the region is fresh either way.
 */
static void requeue_sent(struct bh_blk *b)
{
	for (u32 i = 0; i < b->nslots; i++) {
		struct bh_blk_slot *s = &b->slots[i];

		if (s->state == SLOT_SENT) {
			s->state = SLOT_QUEUED;
			next_gen(s);
			b->resent++;
		}
	}
}

static void on_down(struct bh_channel *bc)
{
	requeue_sent(bc->ch.priv);
}

/* Under bc->lock: opened (again), our HELLO is in the ring. */
static void on_open(struct bh_channel *bc)
{
	struct bh_blk *b = bc->ch.priv;
	struct bh_blk_slot *s = info_slot(b);

	requeue_sent(b);
	if (s->state == SLOT_IDLE) {
		s->type = VMBUS_BLK_GET_INFO;
		s->state = SLOT_QUEUED;
	}
	send_queued(b);
}

static void poll_work(struct work_struct *w)
{
	struct bh_blk *b = container_of(w, struct bh_blk, poll_work);
	struct bh_channel *bc = b->bc;
	unsigned long f;
	int n;

	do {
		n = bh_chan_poll(bc, POLL_BUDGET);
		spin_lock_irqsave(&bc->lock, f);
		if (bc->ch.state == VMBUS_CH_BROKEN)
			fail_all(b);
		else
			send_queued(b); /* what a full ring refused */
		spin_unlock_irqrestore(&bc->lock, f);
		say(b);
		cond_resched();
	} while (n >= POLL_BUDGET);
}

/* The bus interrupt (hard IRQ): the copies happen in the work item. */
static void event(struct bh_channel *bc)
{
	struct bh_blk *b = bc->ch.priv;

	queue_work(b->wq, &b->poll_work);
}

static blk_status_t queue_rq(struct blk_mq_hw_ctx *hctx, const struct blk_mq_queue_data *bd)
{
	struct bh_blk *b = hctx->queue->queuedata;
	struct request *rq = bd->rq;
	struct bh_channel *bc = b->bc;
	struct bh_blk_slot *s;
	unsigned long f;
	u32 type;

	switch (req_op(rq)) {
	case REQ_OP_READ:
		type = VMBUS_BLK_READ;
		break;
	case REQ_OP_WRITE:
		type = VMBUS_BLK_WRITE;
		break;
	case REQ_OP_FLUSH:
		type = VMBUS_BLK_FLUSH;
		break;
	default:
		return BLK_STS_NOTSUPP;
	}
	if (rq->tag < 0 || (u32)rq->tag >= b->depth || blk_rq_bytes(rq) > b->slot_bytes)
		return BLK_STS_IOERR;
	blk_mq_start_request(rq);
	spin_lock_irqsave(&bc->lock, f);
	if (bc->ch.state == VMBUS_CH_BROKEN || b->removing) {
		spin_unlock_irqrestore(&bc->lock, f);
		return BLK_STS_IOERR;
	}
	s = &b->slots[rq->tag];
	s->rq = rq;
	s->type = type;
	s->lba = type == VMBUS_BLK_FLUSH ? 0 : blk_rq_pos(rq);
	s->nblocks = type == VMBUS_BLK_FLUSH ? 0 : blk_rq_sectors(rq);
	if (!sendable(bc))
		b->held++; /* QUEUED until the channel opens (again) */
	send_slot(b, s);
	spin_unlock_irqrestore(&bc->lock, f);
	return BLK_STS_OK;
}

static void rq_complete(struct request *rq)
{
	blk_mq_end_request(rq, ((struct bh_blk_cmd *)blk_mq_rq_to_pdu(rq))->status);
}

static enum blk_eh_timer_return rq_timeout(struct request *rq)
{
	struct bh_blk *b = rq->q->queuedata;
	struct bh_channel *bc = b->bc;
	struct bh_blk_slot *s = &b->slots[rq->tag];
	/* The queue's io_timeout: REQ_TIMEOUT unless set in sysfs. */
	u32 secs = DIV_ROUND_UP(jiffies_to_msecs(rq->q->rq_timeout), 1000);
	unsigned long f;

	spin_lock_irqsave(&bc->lock, f);
	if (s->rq == rq && s->state != SLOT_IDLE) {
		b->timed_out++;
		if (s->state == SLOT_SENT) {
			/*
			 * Up and silent, or stopped for good (a halt policy: DOWN,
			 * never RESETTING): late answers must not meet reused slots.
			 */
			if (bc->peer_state == VMBUS_PEER_DOWN)
				note(b,
				     "%s stopped with a request unanswered for %u s: I/O error; "
				     "channel stopped until it restarts",
				     bc->cfg.peer, secs);
			else
				note(b,
				     "%s left a request unanswered for %u s: channel stopped until "
				     "it restarts",
				     bc->cfg.peer, secs);
			vmbus_chan_break(&bc->ch, "a block request went unanswered");
			fail_all(b);
		} else {
			note(b, "%s did not come back within %u s: I/O error", bc->cfg.peer, secs);
			end_slot(b, s, BLK_STS_IOERR);
		}
	}
	spin_unlock_irqrestore(&bc->lock, f);
	say(b);
	return BLK_EH_DONE; /* completed above, or its completion is under way */
}

static const struct blk_mq_ops mq_ops = {
    .queue_rq = queue_rq,
    .complete = rq_complete,
    .timeout = rq_timeout,
};

static const struct block_device_operations fops = {
    .owner = THIS_MODULE,
};

static ssize_t vmbus_stats_show(struct device *dev, struct device_attribute *a, char *buf)
{
	struct bh_blk *b = dev_to_disk(dev)->private_data;

	return sysfs_emit(buf, "depth %u slot %u stray %u bad %u resent %u held %u timedout %u\n",
			  b->depth, b->slot_bytes, READ_ONCE(b->stray), READ_ONCE(b->bad_replies),
			  READ_ONCE(b->resent), READ_ONCE(b->held), READ_ONCE(b->timed_out));
}
static DEVICE_ATTR_RO(vmbus_stats);

static struct attribute *disk_attrs[] = {&dev_attr_vmbus_stats.attr, NULL};
static const struct attribute_group disk_group = {.attrs = disk_attrs};
static const struct attribute_group *disk_groups[] = {&disk_group, NULL};

/* Geometry from GET_INFO and the windows; the disk once, its capacity after. */
static void add_work(struct work_struct *w)
{
	struct bh_blk *b = container_of(w, struct bh_blk, add_work);
	struct bh_channel *bc = b->bc;
	u32 win = min(bc->cfg.txw_size, bc->cfg.rxw_size), maxb;
	struct gendisk *disk;
	unsigned long f;
	u64 cap;
	int rc;

	spin_lock_irqsave(&bc->lock, f);
	cap = b->capacity;
	maxb = min(b->max_blocks, win / VMBUS_BLK_SECTOR);
	spin_unlock_irqrestore(&bc->lock, f);
	if (b->disk) {
		if (get_capacity(b->disk) != cap)
			set_capacity_and_notify(b->disk, cap);
		return;
	}
	maxb = rounddown(maxb, PAGE_SIZE / VMBUS_BLK_SECTOR);
	if (!maxb || !bh_chan_tx_window(bc) || !bh_chan_rx_window(bc)) {
		dev_err(&bc->dev, "windows of %u bytes hold no request: no disk\n", win);
		return;
	}
	b->slot_bytes = maxb * VMBUS_BLK_SECTOR;
	b->depth = min3(win / b->slot_bytes, bc->cfg.max_outstanding, b->nslots - 1);
	if (!b->depth)
		b->depth = 1;

	b->tag_set.ops = &mq_ops;
	b->tag_set.nr_hw_queues = 1;
	b->tag_set.queue_depth = b->depth;
	b->tag_set.numa_node = NUMA_NO_NODE;
	b->tag_set.cmd_size = sizeof(struct bh_blk_cmd);
	b->tag_set.flags = BLK_MQ_F_SHOULD_MERGE;
	b->tag_set.driver_data = b;
	rc = blk_mq_alloc_tag_set(&b->tag_set);
	if (rc)
		goto fail;
	disk = blk_mq_alloc_disk(&b->tag_set, b);
	if (IS_ERR(disk)) {
		rc = PTR_ERR(disk);
		goto no_disk;
	}
	snprintf(disk->disk_name, DISK_NAME_LEN, "bhblk%u", bc->unit);
	disk->fops = &fops;
	disk->private_data = b;
	blk_queue_logical_block_size(disk->queue, VMBUS_BLK_SECTOR);
	blk_queue_max_hw_sectors(disk->queue, maxb);
	blk_queue_max_segments(disk->queue, USHRT_MAX); /* copied: any shape fits a slot */
	blk_queue_max_segment_size(disk->queue, b->slot_bytes);
	blk_queue_write_cache(disk->queue, true, false);
	blk_queue_rq_timeout(disk->queue, REQ_TIMEOUT);
	set_capacity(disk, cap);
	rc = device_add_disk(&bc->dev, disk, disk_groups);
	if (rc)
		goto no_add;
	b->disk = disk;
	dev_info(&bc->dev, "%s: %llu blocks on %s, %u requests of up to %u KiB in flight\n",
		 disk->disk_name, cap, bc->cfg.peer, b->depth, b->slot_bytes / 1024);
	return;
no_add:
	put_disk(disk);
no_disk:
	blk_mq_free_tag_set(&b->tag_set);
fail:
	dev_err(&bc->dev, "no disk: %d\n", rc);
}

static int probe(struct bh_channel *bc)
{
	struct bh_blk *b;

	b = devm_kzalloc(&bc->dev, sizeof(*b), GFP_KERNEL);
	if (!b)
		return -ENOMEM;
	b->bc = bc;
	b->nslots = min(bc->cfg.max_outstanding, MAX_DEPTH) + 1;
	b->slots = devm_kcalloc(&bc->dev, b->nslots, sizeof(*b->slots), GFP_KERNEL);
	if (!b->slots)
		return -ENOMEM;
	for (u32 i = 0; i < b->nslots; i++)
		b->slots[i].gen = 1; /* trans_ids stay clear of HELLO's (1) */
	/* Reclaim may write through this disk: its completions must not wait for memory. */
	b->wq = alloc_workqueue("bhblk%u", WQ_HIGHPRI | WQ_MEM_RECLAIM, 0, bc->unit);
	if (!b->wq)
		return -ENOMEM;
	INIT_WORK(&b->poll_work, poll_work);
	INIT_WORK(&b->add_work, add_work);
	init_completion(&b->info_done);
	bc->on_open = on_open;
	bc->on_down = on_down;
	/* on_open sends GET_INFO; its answer creates the disk (add_work). */
	bh_chan_attach(bc, VMBUS_BLOCK_VERSION, VMBUS_BLOCK_VERSION, on_msg, event, b);
	/*
	 * Usually at once, before /init goes on (and its lines and ours do not
	 * cross on hvc0); a root that does not answer yet gets the disk later.
	 */
	if (wait_for_completion_timeout(&b->info_done, PROBE_WAIT))
		flush_work(&b->add_work);
	return 0;
}

/* The bus detached the channel before: nothing answers any more. */
static void remove(struct bh_channel *bc)
{
	struct bh_blk *b = bc->ch.priv;
	unsigned long f;

	cancel_work_sync(&b->poll_work);
	cancel_work_sync(&b->add_work);
	spin_lock_irqsave(&bc->lock, f);
	b->removing = true;
	fail_all(b);
	spin_unlock_irqrestore(&bc->lock, f);
	if (b->disk) {
		del_gendisk(b->disk);
		put_disk(b->disk);
		blk_mq_free_tag_set(&b->tag_set);
	}
	destroy_workqueue(b->wq);
}

struct bh_driver bh_blk_driver = {
    .driver = {.name = "bh_blk", .owner = THIS_MODULE},
    .cls = VMBUS_CLASS_BLOCK,
    .probe = probe,
    .remove = remove,
};
