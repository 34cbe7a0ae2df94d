// SPDX-License-Identifier: GPL-2.0
/*
 * The console class as an hvc backend. The first console channel is
 * hvc0 and, with console=hvc0, the kernel's console: the kernel's lines and
 * the shell's reach the root, which prints them as "[root] <child>: <line>";
 * what the operator types into the root ("send", "attach") comes back as
 * INPUT messages (console version 2) and is the tty's input.
 *
 * Output goes through a private FIFO as large as the kernel's log buffer
 * (1 << CONFIG_LOG_BUF_SHIFT), drained into the ring whenever there is room
 * (the root's read signals us) and when the channel opens again: the log
 * the kernel replays when hvc0 becomes its console fits whole, whatever the
 * ring's size, and a root that restarts loses none of what was written
 * meanwhile, up to the FIFO's size; past it the tty waits, and only the
 * kernel's own console messages (which must never block) are dropped, and
 * counted.
 */
#include <linux/kfifo.h>
#include <linux/module.h>
#include "bh_vmbus.h"
#include "hvc_api.h"

#define OUT_FIFO   (1U << CONFIG_LOG_BUF_SHIFT)
#define IN_FIFO	   1024
#define VTERM_BASE 0x62680000U /* "bh": vterm numbers are the backend's to choose */
#define MAX_HVC	   4

struct bh_hvc {
	struct bh_channel *bc;
	struct hvc_struct *hp;
	DECLARE_KFIFO_PTR(out, u8);	/* under bc->lock */
	DECLARE_KFIFO(in, u8, IN_FIFO); /* under bc->lock */
	u32 dropped_in, dropped_out;
};

static struct bh_hvc *terms[MAX_HVC];

static struct bh_hvc *term_of(uint32_t vtermno)
{
	u32 i = vtermno - VTERM_BASE;

	return i < MAX_HVC ? READ_ONCE(terms[i]) : NULL;
}

/* Under bc->lock: as much of the FIFO as the ring takes, a message at a time. */
static void drain_locked(struct bh_hvc *t)
{
	struct bh_channel *bc = t->bc;
	u32 room = bc->cfg.max_packet - sizeof(struct vmbus_console_data);
	u8 buf[256];

	while (bc->ch.state == VMBUS_CH_OPEN && !kfifo_is_empty(&t->out)) {
		u32 n = kfifo_out_peek(&t->out, buf, min_t(u32, room, sizeof(buf)));
		struct vmbus_console_data d = {{VMBUS_CONSOLE_DATA, 0}, n, 0};

		if (vmbus_chan_send(&bc->ch, VMBUS_PKT_INBAND, 0, 0, &d, sizeof(d), buf, n))
			break;			/* full: the root's read brings the doorbell back */
		n = kfifo_out(&t->out, buf, n); /* sent: consume what was peeked */
	}
}

static void drain(struct bh_hvc *t)
{
	unsigned long f;

	spin_lock_irqsave(&t->bc->lock, f);
	drain_locked(t);
	spin_unlock_irqrestore(&t->bc->lock, f);
}

static int put_chars(uint32_t vtermno, const char *buf, int count)
{
	struct bh_hvc *t = term_of(vtermno);
	unsigned long f;
	int n;

	if (!t)
		return -ENODEV;
	spin_lock_irqsave(&t->bc->lock, f);
	n = kfifo_in(&t->out, (const u8 *)buf, count);
	drain_locked(t);
	if (!n)
		t->dropped_out += count;
	spin_unlock_irqrestore(&t->bc->lock, f);
	/* 0: hvc keeps a tty's bytes and tries again; the console drops them. */
	return n;
}

static int get_chars(uint32_t vtermno, char *buf, int count)
{
	struct bh_hvc *t = term_of(vtermno);
	unsigned long f;
	int n;

	if (!t)
		return -ENODEV;
	bh_chan_poll(t->bc, 16); /* what the interrupt's budget left */
	spin_lock_irqsave(&t->bc->lock, f);
	n = kfifo_out(&t->in, (u8 *)buf, count);
	spin_unlock_irqrestore(&t->bc->lock, f);
	return n;
}

static const struct hv_ops bh_hv_ops = {
    .get_chars = get_chars,
    .put_chars = put_chars,
};

/* Under bc->lock. */
static void on_msg(struct vmbus_chan *ch, const struct vmbus_desc *d, const u8 *msg, u32 len)
{
	struct bh_hvc *t = ch->priv;
	const char *text;
	u32 n;

	if (d->type != VMBUS_PKT_INBAND ||
	    vmbus_parse_console(msg, len, VMBUS_CONSOLE_INPUT, &text, &n)) {
		vmbus_chan_break(ch, "malformed console message");
		return;
	}
	t->dropped_in += n - kfifo_in(&t->in, (const u8 *)text, n);
}

static void on_open(struct bh_channel *bc)
{
	drain_locked(bc->ch.priv);
}

static void event(struct bh_channel *bc)
{
	struct bh_hvc *t = bc->ch.priv;

	bh_chan_poll(bc, 64);
	drain(t);
	if (!kfifo_is_empty(&t->in))
		hvc_kick();
}

static int probe(struct bh_channel *bc)
{
	struct bh_hvc *t;
	uint32_t vt = VTERM_BASE + bc->unit;

	if (bc->unit >= MAX_HVC) {
		dev_warn(&bc->dev, "console %u: only %u are hvc terminals\n", bc->unit, MAX_HVC);
		return -ENOSPC;
	}
	t = devm_kzalloc(&bc->dev, sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	if (kfifo_alloc(&t->out, OUT_FIFO, GFP_KERNEL))
		return -ENOMEM;
	INIT_KFIFO(t->in);
	t->bc = bc;
	bc->on_open = on_open;
	bh_chan_attach(bc, VMBUS_CONSOLE_VERSION, VMBUS_CONSOLE_VERSION_INPUT, on_msg, event, t);
	WRITE_ONCE(terms[bc->unit], t);
	/* hvc<unit>; the first is also the kernel's console when console=hvc0 names it. */
	hvc_instantiate(vt, bc->unit, &bh_hv_ops);
	t->hp = hvc_alloc(vt, 0, &bh_hv_ops, 256);
	if (IS_ERR(t->hp)) {
		WRITE_ONCE(terms[bc->unit], NULL);
		bh_chan_detach(bc);
		kfifo_free(&t->out);
		return PTR_ERR(t->hp);
	}
	dev_info(&bc->dev, "hvc%u to %s, console version %u..%u\n", bc->unit, bc->cfg.peer,
		 VMBUS_CONSOLE_VERSION, VMBUS_CONSOLE_VERSION_INPUT);
	return 0;
}

static void remove(struct bh_channel *bc)
{
	struct bh_hvc *t = bc->ch.priv;

	hvc_remove(t->hp);
	WRITE_ONCE(terms[bc->unit], NULL);
	kfifo_free(&t->out);
}

struct bh_driver bh_hvc_driver = {
    .driver = {.name = "bh_hvc", .owner = THIS_MODULE},
    .cls = VMBUS_CLASS_CONSOLE,
    .probe = probe,
    .remove = remove,
};
