// SPDX-License-Identifier: GPL-2.0
/*
 * The rpc class: the root's time, partition-status and measurement services
 * (include/vmbus/proto.h, partitions/root/rpc_vsp.c) for a Linux child.
 *
 * - The clock: whenever the channel opens, CLOCK_REALTIME is set to the
 *   root's clock. The root knows no date: its clock is the shared system
 *   counter over its frequency, the seconds since the board started, and
 *   Linux's realtime is that many seconds after the Unix epoch (the root's
 *   "time" command prints the same number).
 * - sysfs, on the channel's device: "partitions" (the root, then every peer
 *   of the root: name state epoch), "measurements" (the hypervisor's log,
 *   one line per image as the root prints its "measured:" lines), "clock"
 *   (the root's clock now) and "events" (status events so far). A status
 *   event notifies "partitions" (poll/select) and sends a change uevent.
 *
 * Requests sleep, so only process context asks: a slot per request in
 * flight, its trans_id the slot's index and a generation (a late answer
 * for a slot since reused is dropped), every answer length-checked with
 * vmbus_parse_rpc. A root that stops fails the requests in flight with
 * -EIO; new ones wait (up to their timeout) for the channel to open again.
 */
#include <linux/delay.h>
#include <linux/math64.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include "bh_vmbus.h"

#define RPC_SLOTS	8
#define RPC_TIMEOUT_MS	5000 /* a root under TCG on a loaded host may take a while */
#define RPC_POLL_BUDGET 32
#define MEASURE_PAGES	64 /* the log is a handful of entries; bound the root's paging */
#define MEASURE_BUSY_MS 10

enum { SLOT_FREE, SLOT_WAITING, SLOT_DONE, SLOT_FAILED };

struct rpc_slot {
	u32 state; /* under bc->lock; read locklessly only to end a wait */
	u16 gen;
	u32 len;
	u8 *reply; /* max_packet bytes: the completion as the ring gave it */
};

struct bh_rpc {
	struct bh_channel *bc;
	u32 nslots;
	struct rpc_slot slot[RPC_SLOTS];
	wait_queue_head_t wq;		/* a slot finished or freed, the channel opened */
	struct work_struct open_work;	/* set the clock, tell userspace */
	struct work_struct status_work; /* a status event: tell userspace */
	struct work_struct poll_work;	/* what the interrupt's budget left */
	atomic_t events;
	u32 stray; /* completions for no request in flight (late ones after a timeout) */
	bool gone; /* removed: requests fail at once (under bc->lock) */
};

/* ---------------------------------------------------------------- the channel */

/* Under bc->lock. */
static void fail_all_locked(struct bh_rpc *r)
{
	for (u32 i = 0; i < r->nslots; i++)
		if (r->slot[i].state == SLOT_WAITING)
			WRITE_ONCE(r->slot[i].state, SLOT_FAILED);
	wake_up_all(&r->wq);
}

/* Under bc->lock. trans_id: generation << 16 | slot; anything else is stray. */
static void completed(struct bh_rpc *r, u64 trans_id, const u8 *msg, u32 len)
{
	u32 i = trans_id & 0xffff;
	struct rpc_slot *s = i < r->nslots ? &r->slot[i] : NULL;

	if (!s || trans_id >> 32 || (u16)(trans_id >> 16) != s->gen || s->state != SLOT_WAITING ||
	    len > r->bc->cfg.max_packet) {
		r->stray++;
		return;
	}
	memcpy(s->reply, msg, len);
	s->len = len;
	WRITE_ONCE(s->state, SLOT_DONE);
	wake_up_all(&r->wq);
}

/* Under bc->lock, interrupts off. */
static void on_msg(struct vmbus_chan *ch, const struct vmbus_desc *d, const u8 *msg, u32 len)
{
	struct bh_rpc *r = ch->priv;
	struct vmbus_rpc h;
	const u8 *pl;

	if (d->type == VMBUS_PKT_COMP) {
		completed(r, d->trans_id, msg, len);
		return;
	}
	if (d->type != VMBUS_PKT_INBAND || vmbus_parse_rpc(msg, len, &h, &pl)) {
		vmbus_chan_break(ch, "malformed rpc message");
		return;
	}
	if (h.h.type == VMBUS_RPC_EVENT && h.service == RPC_SVC_STATUS &&
	    h.method == RPC_EVENT_CHANGED) {
		atomic_inc(&r->events);
		schedule_work(&r->status_work);
	} else if (d->flags & VMBUS_PKT_FLAG_COMPLETION) {
		/* This side offers no services. */
		h.h.status = VMBUS_ST_UNKNOWN;
		h.len = 0;
		vmbus_chan_send(ch, VMBUS_PKT_COMP, 0, d->trans_id, &h, sizeof(h), NULL, 0);
	}
}

/*
 * The channel (re)opened on a fresh region: what is still in flight went
 * to the root's previous run (a restart seen only as a new epoch never
 * called on_down), and no answer will come.
 */
static void on_open(struct bh_channel *bc)
{
	struct bh_rpc *r = bc->ch.priv;

	fail_all_locked(r); /* and wakes the requests waiting for the channel */
	schedule_work(&r->open_work);
}

static void on_down(struct bh_channel *bc)
{
	fail_all_locked(bc->ch.priv);
}

static void poll_some(struct bh_rpc *r)
{
	unsigned long f;
	int n = bh_chan_poll(r->bc, RPC_POLL_BUDGET);

	if (n < 0) { /* broken: nothing in flight will be answered */
		spin_lock_irqsave(&r->bc->lock, f);
		fail_all_locked(r);
		spin_unlock_irqrestore(&r->bc->lock, f);
	} else if (n >= RPC_POLL_BUDGET) {
		schedule_work(&r->poll_work);
	}
	wake_up_all(&r->wq); /* the root may have made room in the ring */
}

/* The bus interrupt, hard IRQ: a budget here, the rest in a work item. */
static void event(struct bh_channel *bc)
{
	poll_some(bc->ch.priv);
}

static void poll_work_fn(struct work_struct *w)
{
	poll_some(container_of(w, struct bh_rpc, poll_work));
}

/* ---------------------------------------------------------------- requests */

/*
 * Under the lock: a free slot, and the request sent on an open channel.
 * The slot's index, -EAGAIN to wait (not open yet, no slot, ring full), or
 * -EIO for a channel that broke.
 */
static int try_send(struct bh_rpc *r, const struct vmbus_rpc *h, const void *req, u32 len)
{
	struct bh_channel *bc = r->bc;
	struct rpc_slot *s = NULL;
	unsigned long f;
	int rc = -EAGAIN;
	u32 i;

	spin_lock_irqsave(&bc->lock, f);
	if (r->gone) {
		rc = -ENODEV;
		goto out;
	}
	if (bc->ch.state == VMBUS_CH_BROKEN) {
		rc = -EIO;
		goto out;
	}
	if (bc->ch.state != VMBUS_CH_OPEN)
		goto out;
	for (i = 0; i < r->nslots && !s; i++)
		if (r->slot[i].state == SLOT_FREE)
			s = &r->slot[i];
	if (!s)
		goto out;
	i = s - r->slot;
	s->gen++;
	s->len = 0;
	rc = vmbus_chan_send(&bc->ch, VMBUS_PKT_INBAND, VMBUS_PKT_FLAG_COMPLETION,
			     (u64)s->gen << 16 | i, h, sizeof(*h), req, len);
	if (!rc) {
		s->state = SLOT_WAITING;
		rc = i;
	} else {
		rc = rc == -VMBUS_FULL ? -EAGAIN : -EIO;
	}
out:
	spin_unlock_irqrestore(&bc->lock, f);
	return rc;
}

/*
 * One request: the answer's payload (up to cap bytes) into resp, its length
 * into *rlen. Returns the root's status (VMBUS_ST_*, >= 0) or -errno:
 * -ETIMEDOUT, -EIO (the root stopped or broke the channel), -EPROTO (an
 * answer that does not parse), -EINTR. Process context only.
 */
static int rpc_call(struct bh_rpc *r, u32 service, u16 method, const void *req, u32 len, void *resp,
		    u32 cap, u32 *rlen)
{
	struct vmbus_rpc h = {{VMBUS_RPC_REQUEST, 0}, service, method, 0, len, 0};
	long left = msecs_to_jiffies(RPC_TIMEOUT_MS);
	struct rpc_slot *s;
	const u8 *pl;
	unsigned long f;
	int i = -EAGAIN, rc;

	might_sleep();
	if (len > r->bc->cfg.max_packet - sizeof(h))
		return -EMSGSIZE;
	left = wait_event_interruptible_timeout(r->wq, (i = try_send(r, &h, req, len)) != -EAGAIN,
						left);
	if (left < 0)
		return -EINTR;
	if (i < 0)
		return i == -EAGAIN ? -ETIMEDOUT : i;
	s = &r->slot[i];
	left = wait_event_interruptible_timeout(r->wq, READ_ONCE(s->state) != SLOT_WAITING,
						max(left, 1L));
	spin_lock_irqsave(&r->bc->lock, f);
	if (s->state == SLOT_DONE) {
		/* A bare status header is an answer too (the root's INVALID). */
		if (!vmbus_parse_rpc(s->reply, s->len, &h, &pl) && h.service == service &&
		    h.method == method) {
			*rlen = min(h.len, cap);
			memcpy(resp, pl, *rlen);
			rc = h.h.status;
		} else if (s->len >= sizeof(struct vmbus_msg_hdr) &&
			   ((struct vmbus_msg_hdr *)s->reply)->status != VMBUS_ST_OK) {
			*rlen = 0;
			rc = ((struct vmbus_msg_hdr *)s->reply)->status;
		} else {
			rc = -EPROTO;
		}
	} else {
		rc = s->state == SLOT_FAILED ? -EIO : left < 0 ? -EINTR : -ETIMEDOUT;
	}
	s->gen++; /* whatever still comes for this use of the slot is stray */
	s->state = SLOT_FREE;
	spin_unlock_irqrestore(&r->bc->lock, f);
	wake_up_all(&r->wq); /* a slot is free */
	return rc;
}

/* An rpc status as -errno for userspace. */
static int rpc_errno(int rc)
{
	if (rc <= 0)
		return rc;
	return rc == VMBUS_ST_BUSY ? -EBUSY : rc == VMBUS_ST_UNKNOWN ? -EOPNOTSUPP : -EIO;
}

/* ---------------------------------------------------------------- the clock */

/* The root's clock: its counter over its frequency, as a timespec. */
static int root_clock(struct bh_rpc *r, struct timespec64 *ts, struct rpc_time *t, s64 *rtt_ns)
{
	ktime_t t0, t1;
	u64 sec, rem;
	u32 n = 0;
	int rc;

	t0 = ktime_get();
	rc = rpc_call(r, RPC_SVC_TIME, RPC_METHOD_GET, NULL, 0, t, sizeof(*t), &n);
	t1 = ktime_get();
	if (rc)
		return rpc_errno(rc);
	/* The root's numbers: a frequency below 1 kHz or a century of uptime is no clock. */
	if (n != sizeof(*t) || t->frequency < 1000)
		return -EPROTO;
	sec = div64_u64_rem(t->counter, t->frequency, &rem);
	if (sec > 100ULL * 366 * 86400)
		return -EPROTO;
	ts->tv_sec = sec;
	ts->tv_nsec = mul_u64_u64_div_u64(rem, NSEC_PER_SEC, t->frequency);
	*rtt_ns = ktime_to_ns(ktime_sub(t1, t0));
	return 0;
}

static void set_clock(struct bh_rpc *r)
{
	struct device *dev = &r->bc->dev;
	struct timespec64 ts;
	struct rpc_time t;
	s64 rtt;
	int rc = root_clock(r, &ts, &t, &rtt);

	if (rc) {
		dev_warn(dev, "the root's time service: %d; the clock stays as it is\n", rc);
		return;
	}
	/* The root read its counter somewhere within the round trip: take the middle. */
	timespec64_add_ns(&ts, rtt / 2);
	rc = do_settimeofday64(&ts);
	if (rc)
		dev_warn(dev, "setting the clock to %lld.%09ld: %d\n", (long long)ts.tv_sec,
			 ts.tv_nsec, rc);
	else
		dev_info(dev, "clock set to the root's: %lld.%09ld s (counter %llu at %llu Hz)\n",
			 (long long)ts.tv_sec, ts.tv_nsec, t.counter, t.frequency);
}

static void open_work_fn(struct work_struct *w)
{
	struct bh_rpc *r = container_of(w, struct bh_rpc, open_work);

	set_clock(r);
	/* The root (re)started: its peers' status is news. */
	schedule_work(&r->status_work);
}

static void status_work_fn(struct work_struct *w)
{
	struct bh_rpc *r = container_of(w, struct bh_rpc, status_work);

	sysfs_notify(&r->bc->dev.kobj, NULL, "partitions");
	kobject_uevent(&r->bc->dev.kobj, KOBJ_CHANGE);
}

/* ---------------------------------------------------------------- sysfs */

static struct bh_rpc *rpc_of(struct device *dev)
{
	return to_bh_channel(dev)->ch.priv;
}

/* The root's bytes as a name: printable, no spaces, terminated here. */
static void copy_name(char *out, const char *in, size_t n)
{
	size_t i;

	for (i = 0; i < n && in[i]; i++)
		out[i] = in[i] > ' ' && in[i] < 0x7f ? in[i] : '?';
	out[i] = '\0';
}

static const char *peer_state_str(u32 s)
{
	static const char *const names[] = {"down", "up", "resetting"};

	return s < ARRAY_SIZE(names) ? names[s] : "?";
}

/* "name state epoch": the root as this channel's status page shows it, then the root's peers. */
static ssize_t partitions_show(struct device *dev, struct device_attribute *a, char *buf)
{
	struct bh_channel *bc = to_bh_channel(dev);
	struct bh_rpc *r = rpc_of(dev);
	struct rpc_status_entry *e;
	u32 cap = bc->cfg.max_packet, n = 0;
	int rc, len;

	e = kmalloc(cap, GFP_KERNEL);
	if (!e)
		return -ENOMEM;
	rc = rpc_call(r, RPC_SVC_STATUS, RPC_METHOD_GET, NULL, 0, e, cap, &n);
	if (rc) {
		kfree(e);
		return rpc_errno(rc);
	}
	len = sysfs_emit(buf, "%s %s %u\n", bc->cfg.peer, peer_state_str(READ_ONCE(bc->peer_state)),
			 READ_ONCE(bc->peer_epoch));
	/* Whole lines only: a line is at most 24 + 10 + 10 + 3 bytes. */
	for (u32 i = 0; i < n / sizeof(*e) && len + 48 < PAGE_SIZE; i++) {
		char name[sizeof(e->name) + 1];

		copy_name(name, e[i].name, sizeof(e[i].name));
		len += sysfs_emit_at(buf, len, "%s %s %u\n", name, peer_state_str(e[i].state),
				     e[i].epoch);
	}
	kfree(e);
	return len;
}
static DEVICE_ATTR_RO(partitions);

/* One line as partitions/lib/measurement.c prints it after "measured: ". */
static int emit_measurement(char *buf, int at, const struct rpc_measurement *m)
{
	static const char *const kinds[] = {"image", "fdt", "initrd"};
	char name[sizeof(m->name) + 1], line[160];
	int n;

	copy_name(name, m->name, sizeof(m->name));
	n = scnprintf(line, sizeof(line), "%s %s slot %c version %u size %u sha256 %*phN\n", name,
		      m->kind < ARRAY_SIZE(kinds) ? kinds[m->kind] : "?",
		      m->slot < 2 ? 'A' + m->slot : '?', m->version, m->size,
		      (int)sizeof(m->sha256), m->sha256);
	if (at + n >= PAGE_SIZE)
		return -ENOSPC; /* whole lines only */
	return sysfs_emit_at(buf, at, "%s", line);
}

static ssize_t measurements_show(struct device *dev, struct device_attribute *a, char *buf)
{
	struct bh_rpc *r = rpc_of(dev);
	u32 cap = r->bc->cfg.max_packet, first = 0, n, busy = 0;
	struct rpc_measurement *m;
	int rc = 0, len = 0;

	m = kmalloc(cap, GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	for (u32 page = 0; page < MEASURE_PAGES;) {
		n = 0;
		rc =
		    rpc_call(r, RPC_SVC_MEASURE, RPC_METHOD_GET, &first, sizeof(first), m, cap, &n);
		if (rc == VMBUS_ST_BUSY && busy++ < 1000 / MEASURE_BUSY_MS) {
			msleep(MEASURE_BUSY_MS); /* partitions still loading: ask again */
			continue;
		}
		if (rc || n % sizeof(*m)) {
			rc = rc ? rpc_errno(rc) : -EPROTO;
			break;
		}
		if (!n)
			break; /* the end of the log */
		for (u32 i = 0; i < n / sizeof(*m) && rc >= 0; i++, first++) {
			rc = emit_measurement(buf, len, &m[i]);
			len += rc > 0 ? rc : 0;
		}
		if (rc < 0)
			break;
		rc = 0;
		page++;
	}
	kfree(m);
	/* A full page keeps what fits; an error after some lines keeps them too. */
	return len ? len : rc;
}
static DEVICE_ATTR_RO(measurements);

static ssize_t clock_show(struct device *dev, struct device_attribute *a, char *buf)
{
	struct timespec64 ts;
	struct rpc_time t;
	s64 rtt;
	int rc = root_clock(rpc_of(dev), &ts, &t, &rtt);

	if (rc)
		return rc;
	return sysfs_emit(buf, "%lld.%09ld\n", (long long)ts.tv_sec, ts.tv_nsec);
}
static DEVICE_ATTR_RO(clock);

static ssize_t events_show(struct device *dev, struct device_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%d\n", atomic_read(&rpc_of(dev)->events));
}
static DEVICE_ATTR_RO(events);

static struct attribute *rpc_attrs[] = {
    &dev_attr_partitions.attr,
    &dev_attr_measurements.attr,
    &dev_attr_clock.attr,
    &dev_attr_events.attr,
    NULL,
};
static const struct attribute_group rpc_group = {.attrs = rpc_attrs};

/* ---------------------------------------------------------------- probe */

static int probe(struct bh_channel *bc)
{
	struct bh_rpc *r;
	u8 *bufs;
	int rc;

	r = devm_kzalloc(&bc->dev, sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	r->bc = bc;
	r->nslots = clamp_t(u32, bc->cfg.max_outstanding, 1, RPC_SLOTS);
	bufs = devm_kcalloc(&bc->dev, r->nslots, bc->cfg.max_packet, GFP_KERNEL);
	if (!bufs)
		return -ENOMEM;
	for (u32 i = 0; i < r->nslots; i++)
		r->slot[i].reply = bufs + i * bc->cfg.max_packet;
	init_waitqueue_head(&r->wq);
	INIT_WORK(&r->open_work, open_work_fn);
	INIT_WORK(&r->status_work, status_work_fn);
	INIT_WORK(&r->poll_work, poll_work_fn);
	bc->ch.priv = r; /* the attributes find it there */
	rc = sysfs_create_group(&bc->dev.kobj, &rpc_group);
	if (rc)
		return rc;
	bc->on_open = on_open;
	bc->on_down = on_down;
	bh_chan_attach(bc, VMBUS_RPC_VERSION, VMBUS_RPC_VERSION, on_msg, event, r);
	dev_info(&bc->dev, "rpc to %s, %u requests in flight at most\n", bc->cfg.peer, r->nslots);
	return 0;
}

/* After bh_chan_detach: nothing calls on_msg or event any more. */
static void remove(struct bh_channel *bc)
{
	struct bh_rpc *r = bc->ch.priv;
	unsigned long f;

	spin_lock_irqsave(&bc->lock, f);
	r->gone = true;
	fail_all_locked(r);
	spin_unlock_irqrestore(&bc->lock, f);
	sysfs_remove_group(&bc->dev.kobj, &rpc_group); /* waits for readers, which now fail */
	cancel_work_sync(&r->poll_work);
	cancel_work_sync(&r->open_work);
	cancel_work_sync(&r->status_work);
}

struct bh_driver bh_rpc_driver = {
    .driver = {.name = "bh_rpc", .owner = THIS_MODULE},
    .cls = VMBUS_CLASS_RPC,
    .probe = probe,
    .remove = remove,
};
