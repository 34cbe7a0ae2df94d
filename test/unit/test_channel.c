// SPDX-License-Identifier: GPL-2.0
/*
 * The channel state machine on a real region shared by a provider and a
 * consumer: HELLO negotiation, nothing before it, a second HELLO, version
 * mismatches, a peer that corrupts the ring, and the console codec.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include <vmbus/bus.h>
#include <vmbus/channel.h>

#define RING 0x2000
static u8 region[2 * RING] __attribute__((aligned(4096)));
static u8 pkt_p[1024], pkt_c[1024];
static struct vmbus_chan_cfg cfg_p, cfg_c;
static struct vmbus_chan prov, cons;
static int bells_p, bells_c, msgs;
static u8 last[1024];
static u32 last_len;
static struct vmbus_desc last_desc;

static void bell(struct vmbus_chan *ch)
{
	if (ch == &prov)
		bells_p++;
	else
		bells_c++;
}

static void on_msg(struct vmbus_chan *ch, const struct vmbus_desc *d, const u8 *msg, u32 len)
{
	(void)ch;
	msgs++;
	memcpy(last, msg, len);
	last_len = len;
	last_desc = *d;
}

static void cfgs(u32 cls)
{
	cfg_p = (struct vmbus_chan_cfg){.name = "ch",
					.peer = "child",
					.cls = cls,
					.provider = true,
					.base = region,
					.tx_off = RING,
					.tx_size = RING,
					.rx_off = 0,
					.rx_size = RING,
					.max_packet = 1024};
	cfg_c = cfg_p;
	cfg_c.provider = false;
	cfg_c.peer = "root";
	cfg_c.tx_off = 0;
	cfg_c.rx_off = RING;
}

static int setup(void **state)
{
	(void)state;
	memset(region, 0, sizeof(region));
	bells_p = bells_c = msgs = 0;
	cfgs(VMBUS_CLASS_RPC);
	assert_int_equal(vmbus_chan_open(&prov, &cfg_p, 1, 3, pkt_p, bell, on_msg, 1), 0);
	return 0;
}

/* REQ: BH-BUS-3 */
static void hello_negotiates_highest_common_version(void **state)
{
	(void)state;
	assert_int_equal(prov.state, VMBUS_CH_WAIT_HELLO);
	assert_int_equal(vmbus_chan_open(&cons, &cfg_c, 2, 5, pkt_c, bell, on_msg, 1), 0);
	assert_int_equal(cons.state, VMBUS_CH_HELLO_SENT);
	assert_int_equal(bells_c, 1); /* the provider's ring went non-empty */
	assert_int_equal(vmbus_chan_poll(&prov, 8), 1);
	assert_int_equal(prov.state, VMBUS_CH_OPEN);
	assert_int_equal(prov.version, 3);
	assert_int_equal(vmbus_chan_poll(&cons, 8), 1);
	assert_int_equal(cons.state, VMBUS_CH_OPEN);
	assert_int_equal(cons.version, 3);
	assert_int_equal(msgs, 0); /* HELLO is the state machine's, not the class's */
}

/* REQ: BH-BUS-3 */
static void nothing_before_hello(void **state)
{
	struct vmbus_msg_hdr req = {7, 0};
	struct vmbus_msg_hdr *rep = (void *)last;

	(void)state;
	/* A consumer that skips HELLO: its request gets a PROTOCOL error completion. */
	assert_int_equal(vmbus_ring_init(&cons.tx, region, RING, 1024, true), 0);
	cons.cfg = &cfg_c;
	cons.state = VMBUS_CH_OPEN;
	cons.doorbell = bell;
	assert_int_equal(vmbus_ring_init(&cons.rx, region + RING, RING, 1024, false), 0);
	cons.pkt = pkt_c;
	cons.on_msg = on_msg;
	assert_int_equal(vmbus_chan_send(&cons, VMBUS_PKT_INBAND, VMBUS_PKT_FLAG_COMPLETION, 42,
					 &req, sizeof(req), NULL, 0),
			 0);
	assert_int_equal(vmbus_chan_poll(&prov, 8), 1);
	assert_int_equal(msgs, 0);
	assert_int_equal(prov.state, VMBUS_CH_WAIT_HELLO);
	assert_int_equal(vmbus_chan_poll(&cons, 8), 1);
	assert_int_equal(msgs, 1);
	assert_int_equal(last_desc.type, VMBUS_PKT_COMP);
	assert_int_equal(last_desc.trans_id, 42);
	assert_int_equal(rep->type, 7);
	assert_int_equal(rep->status, VMBUS_ST_PROTOCOL);
}

/* REQ: BH-BUS-3 */
static void impossible_versions_refused(void **state)
{
	(void)state;
	/* 9..12 against the provider's 1..3: refused, the consumer breaks, the provider waits on.
	 */
	assert_int_equal(vmbus_chan_open(&cons, &cfg_c, 9, 12, pkt_c, bell, on_msg, 1), 0);
	vmbus_chan_poll(&prov, 8);
	assert_int_equal(prov.state, VMBUS_CH_WAIT_HELLO);
	assert_int_equal(vmbus_chan_poll(&cons, 8), -1);
	assert_int_equal(cons.state, VMBUS_CH_BROKEN);
	assert_string_equal(cons.why, "the provider refused our HELLO");
	/* min > max is no better. */
	setup(NULL);
	assert_int_equal(vmbus_chan_open(&cons, &cfg_c, 3, 1, pkt_c, bell, on_msg, 1), 0);
	vmbus_chan_poll(&prov, 8);
	assert_int_equal(prov.state, VMBUS_CH_WAIT_HELLO);
}

/* REQ: BH-FLT-4, BH-BUS-3 */
static void second_hello_renegotiates(void **state)
{
	struct vmbus_hello h = {{VMBUS_MSG_HELLO, 0}, VMBUS_CLASS_RPC, 1, 1, 0};

	(void)state;
	assert_int_equal(vmbus_chan_open(&cons, &cfg_c, 1, 3, pkt_c, bell, on_msg, 1), 0);
	vmbus_chan_poll(&prov, 8);
	assert_int_equal(prov.version, 3);
	assert_int_equal(vmbus_chan_send(&cons, VMBUS_PKT_INBAND, VMBUS_PKT_FLAG_COMPLETION, 1, &h,
					 sizeof(h), NULL, 0),
			 0);
	vmbus_chan_poll(&prov, 8);
	assert_int_equal(prov.state, VMBUS_CH_OPEN);
	assert_int_equal(prov.version, 1);
}

/* REQ: BH-BUS-3 */
static void wrong_class_hello_is_invalid(void **state)
{
	(void)state;
	cfgs(VMBUS_CLASS_BLOCK);
	cfg_p.cls = VMBUS_CLASS_RPC;
	assert_int_equal(vmbus_chan_open(&cons, &cfg_c, 1, 1, pkt_c, bell, on_msg, 1), 0);
	vmbus_chan_poll(&prov, 8);
	assert_int_equal(prov.state, VMBUS_CH_WAIT_HELLO);
	assert_int_equal(vmbus_chan_poll(&cons, 8), -1); /* an INVALID answer */
}

/* REQ: BH-BUS-2 */
static void corrupt_ring_breaks_channel(void **state)
{
	struct vmbus_ring_ctl *c2p = (void *)region;

	(void)state;
	assert_int_equal(vmbus_chan_open(&cons, &cfg_c, 1, 3, pkt_c, bell, on_msg, 1), 0);
	c2p->write_index = 0x12345; /* out of range and misaligned */
	assert_int_equal(vmbus_chan_poll(&prov, 8), -1);
	assert_int_equal(prov.state, VMBUS_CH_BROKEN);
	assert_string_equal(prov.why, "peer index outside the ring or not 8-byte aligned");
	/* Broken stays broken: no more reads, no sends. */
	assert_int_equal(vmbus_chan_poll(&prov, 8), -1);
	assert_true(vmbus_chan_complete(&prov, 1, "x", 1) < 0);
}

/* REQ: BH-BUS-4 */
static void console_codec(void **state)
{
	u8 m[64];
	struct vmbus_console_data d = {{VMBUS_CONSOLE_DATA, 0}, 5, 0};
	const char *t;
	u32 n;

	(void)state;
	memcpy(m, &d, sizeof(d));
	memcpy(m + sizeof(d), "hello", 5);
	assert_int_equal(vmbus_parse_console(m, sizeof(d) + 8, VMBUS_CONSOLE_DATA, &t, &n), 0);
	assert_int_equal(n, 5);
	assert_memory_equal(t, "hello", 5);
	d.len = 9; /* more text than the packet holds */
	memcpy(m, &d, sizeof(d));
	assert_int_equal(vmbus_parse_console(m, sizeof(d) + 8, VMBUS_CONSOLE_DATA, &t, &n), -1);
	assert_int_equal(vmbus_parse_console(m, 8, VMBUS_CONSOLE_DATA, &t, &n), -1);
	d.h.type = 3;
	d.len = 1;
	memcpy(m, &d, sizeof(d));
	assert_int_equal(vmbus_parse_console(m, sizeof(d) + 8, VMBUS_CONSOLE_DATA, &t, &n), -1);
	/* The same bytes are the provider's typed input (version 2). */
	assert_int_equal(vmbus_parse_console(m, sizeof(d) + 8, VMBUS_CONSOLE_INPUT, &t, &n), 0);
	assert_int_equal(n, 1);
}

/* REQ: BH-BUS-4 */
static void rpc_block_net_codecs(void **state)
{
	u8 m[128] = {0};
	struct vmbus_rpc r = {{VMBUS_RPC_REQUEST, 0}, RPC_SVC_ECHO, 1, 0, 8, 0}, o;
	struct vmbus_blk_req b = {{VMBUS_BLK_READ, 0}, 7, 2, 512}, bo;
	struct vmbus_net_frame f = {{VMBUS_NET_FRAME, 0}, 60, 0};
	const u8 *p;
	u32 n;

	(void)state;
	/* rpc: the payload must lie inside the message, flags must be 0. */
	memcpy(m, &r, sizeof(r));
	assert_int_equal(vmbus_parse_rpc(m, sizeof(r) + 8, &o, &p), 0);
	assert_ptr_equal(p, m + sizeof(r));
	assert_int_equal(vmbus_parse_rpc(m, sizeof(r) + 7, &o, &p), -1);
	assert_int_equal(vmbus_parse_rpc(m, sizeof(r) - 1, &o, &p), -1);
	r.flags = 1;
	memcpy(m, &r, sizeof(r));
	assert_int_equal(vmbus_parse_rpc(m, sizeof(r) + 8, &o, &p), -1);
	r.flags = 0;
	r.h.type = 9;
	memcpy(m, &r, sizeof(r));
	assert_int_equal(vmbus_parse_rpc(m, sizeof(r) + 8, &o, &p), -1);
	/* block: whole request, known types; ranges are the service's business. */
	memcpy(m, &b, sizeof(b));
	assert_int_equal(vmbus_parse_block(m, sizeof(b), &bo), 0);
	assert_int_equal(bo.lba, 7);
	assert_int_equal(vmbus_parse_block(m, sizeof(b) - 1, &bo), -1);
	b.h.type = 6;
	memcpy(m, &b, sizeof(b));
	assert_int_equal(vmbus_parse_block(m, sizeof(b), &bo), -1);
	/* net: at least an Ethernet header, at most the limit, inside the message. */
	memcpy(m, &f, sizeof(f));
	assert_int_equal(vmbus_parse_net(m, sizeof(f) + 60, 1514, &p, &n), 0);
	assert_int_equal(n, 60);
	assert_int_equal(vmbus_parse_net(m, sizeof(f) + 59, 1514, &p, &n), -1);
	assert_int_equal(vmbus_parse_net(m, sizeof(f) + 60, 59, &p, &n), -1);
	f.len = 13;
	memcpy(m, &f, sizeof(f));
	assert_int_equal(vmbus_parse_net(m, sizeof(f) + 60, 1514, &p, &n), -1);
	assert_int_equal(vmbus_parse_net(m, sizeof(f) - 1, 1514, &p, &n), -1);
	assert_string_equal(vmbus_status_str(VMBUS_ST_RANGE), "out of range");
}

/* REQ: BH-BUS-5 */
static void doorbell_only_when_needed(void **state)
{
	struct vmbus_msg_hdr req = {9, 0};

	(void)state;
	assert_int_equal(vmbus_chan_open(&cons, &cfg_c, 1, 3, pkt_c, bell, on_msg, 1), 0);
	vmbus_chan_poll(&prov, 8);
	vmbus_chan_poll(&cons, 8);
	bells_c = 0;
	/* Two requests in a row: one doorbell (empty -> non-empty). */
	vmbus_chan_send(&cons, VMBUS_PKT_INBAND, 0, 2, &req, sizeof(req), NULL, 0);
	vmbus_chan_send(&cons, VMBUS_PKT_INBAND, 0, 3, &req, sizeof(req), NULL, 0);
	assert_int_equal(bells_c, 1);
	assert_int_equal(vmbus_chan_poll(&prov, 1), 1); /* budget 1: one now ... */
	assert_int_equal(msgs, 1);
	assert_int_equal(vmbus_chan_poll(&prov, 8), 1); /* ... the other on the next pass */
	assert_int_equal(msgs, 2);
}

/* REQ: BH-BUS-5 */
static void packet_after_snapshot_is_not_missed(void **state)
{
	struct vmbus_msg_hdr req = {9, 0};
	struct vmbus_desc d;
	u32 len;

	(void)state;
	assert_int_equal(vmbus_chan_open(&cons, &cfg_c, 1, 3, pkt_c, bell, on_msg, 1), 0);
	vmbus_chan_poll(&prov, 8);
	vmbus_chan_poll(&cons, 8);
	/* The provider takes a snapshot (a read that finds one packet) ... */
	vmbus_chan_send(&cons, VMBUS_PKT_INBAND, 0, 2, &req, sizeof(req), NULL, 0);
	assert_int_equal(vmbus_ring_read(&prov.rx, &d, pkt_p, sizeof(pkt_p), &len), 0);
	/* ... the consumer writes again before read_index moves: no doorbell ... */
	bells_c = 0;
	vmbus_chan_send(&cons, VMBUS_PKT_INBAND, 0, 3, &req, sizeof(req), NULL, 0);
	assert_int_equal(bells_c, 0);
	/* ... so one poll must find it anyway. */
	assert_int_equal(vmbus_chan_poll(&prov, 8), 1);
	assert_int_equal(msgs, 1);
	assert_int_equal(last_desc.trans_id, 3);
}

static u64 status(u32 epoch, u32 state)
{
	return (u64)epoch << 32 | state;
}

/* REQ: BH-FLT-4 */
static void peer_restart_steps(void **state)
{
	u32 epoch = 1, st = VMBUS_PEER_UP;

	(void)state;
	/* Nothing new: nothing to do. */
	assert_int_equal(vmbus_peer_update(&epoch, &st, status(1, VMBUS_PEER_UP)), VMBUS_PEER_SAME);
	/* The peer stops and restarts: drain, go down, acknowledge; then open again. */
	assert_int_equal(vmbus_peer_update(&epoch, &st, status(1, VMBUS_PEER_RESETTING)),
			 VMBUS_PEER_GONE);
	assert_int_equal(st, VMBUS_PEER_RESETTING);
	assert_int_equal(vmbus_peer_update(&epoch, &st, status(2, VMBUS_PEER_UP)), VMBUS_PEER_BACK);
	assert_int_equal(epoch, 2);
	/* A whole restart between two looks: up in a later epoch is back too. */
	assert_int_equal(vmbus_peer_update(&epoch, &st, status(3, VMBUS_PEER_UP)), VMBUS_PEER_BACK);
	/* The peer stays down (halted): recorded, nothing to open. */
	assert_int_equal(vmbus_peer_update(&epoch, &st, status(3, VMBUS_PEER_DOWN)),
			 VMBUS_PEER_CHANGED);
	assert_int_equal(st, VMBUS_PEER_DOWN);
	/* The first start (epoch 1) was opened for at attach: not a restart. */
	epoch = 0;
	st = VMBUS_PEER_DOWN;
	assert_int_equal(vmbus_peer_update(&epoch, &st, status(1, VMBUS_PEER_UP)),
			 VMBUS_PEER_CHANGED);
}

/* REQ: BH-FLT-4 */
static void drain_down_reads_what_was_left(void **state)
{
	struct vmbus_rpc req = {{VMBUS_RPC_REQUEST, 0}, RPC_SVC_ECHO, 1, 0, 0, 0};

	(void)state;
	assert_int_equal(vmbus_chan_open(&cons, &cfg_c, 1, 1, pkt_c, bell, on_msg, 1), 0);
	vmbus_chan_poll(&prov, 8);
	vmbus_chan_poll(&cons, 8);
	assert_int_equal(cons.state, VMBUS_CH_OPEN);
	msgs = 0;
	/* The provider's last words before it stopped are still delivered. */
	assert_int_equal(vmbus_chan_send(&prov, VMBUS_PKT_INBAND, 0, 7, &req, sizeof(req), NULL, 0),
			 0);
	vmbus_chan_drain_down(&cons);
	assert_int_equal(msgs, 1);
	assert_int_equal(last_desc.trans_id, 7);
	assert_int_equal(cons.state, VMBUS_CH_DOWN);
}

/* A property the node has: its cells; one it lacks: NULL (the table's default). */
static const u64 *node_prop(const char *name, u64 v[2])
{
	if (!strcmp(name, "bulkhead,channel")) {
		v[0] = 5;
		return v;
	}
	if (!strcmp(name, "bulkhead,tx-ring") || !strcmp(name, "bulkhead,rx-ring")) {
		v[0] = name[9] == 't' ? 0x1000 : 0x3000;
		v[1] = 0x2000;
		return v;
	}
	if (!strcmp(name, "bulkhead,block-size")) {
		v[0] = 0x123456789ULL;
		return v;
	}
	return NULL;
}

/* REQ: BH-BUS-1 */
static void channel_properties_from_one_table(void **state)
{
	struct vmbus_chan_cfg c;

	(void)state;
	memset(&c, 0xa5, sizeof(c));
	for (u32 k = 0; k < VMBUS_CFG_NR_PROPS; k++) {
		u64 v[2];

		vmbus_cfg_store(&c, &vmbus_cfg_props[k], node_prop(vmbus_cfg_props[k].name, v));
	}
	assert_int_equal(c.index, 5);
	assert_int_equal(c.event_bit, 6); /* absent: the index + 1 */
	assert_int_equal(c.tx_off, 0x1000);
	assert_int_equal(c.rx_off, 0x3000);
	assert_int_equal(c.rx_size, 0x2000);
	assert_int_equal(c.txw_off | c.txw_size | c.rxw_off | c.rxw_size, 0);
	assert_int_equal(c.max_packet, 4096);
	assert_int_equal(c.max_outstanding, 32);
	assert_int_equal(c.mtu, 1500);
	assert_int_equal(c.block_offset, 0);
	assert_true(c.block_size == 0x123456789ULL);

	assert_null(vmbus_cfg_check(&c, 0x5000));
	assert_string_equal(vmbus_cfg_check(&c, 0x4fff), "its rings reach outside its region");
	c.rxw_off = 0xffffffffU; /* no 32-bit wrap-around hides it */
	c.rxw_size = 2;
	assert_string_equal(vmbus_cfg_check(&c, 0x5000),
			    "its data windows reach outside its region");
	c.rxw_off = c.rxw_size = 0;
	c.index = VMBUS_MAX_CHANNELS_PER_PART;
	assert_string_equal(vmbus_cfg_check(&c, 0x5000), "its index is beyond the status page");
}

/* Both ends open at version 3. */
static void open_both(void)
{
	assert_int_equal(vmbus_chan_open(&cons, &cfg_c, 1, 3, pkt_c, bell, on_msg, 1), 0);
	assert_int_equal(vmbus_chan_poll(&prov, 8), 1);
	assert_int_equal(vmbus_chan_poll(&cons, 8), 1);
	assert_int_equal(cons.state, VMBUS_CH_OPEN);
}

/*
 * A provider whose answers would not fit takes no request: it waits (the
 * consumer's reads then ring its doorbell, budget-limited pass or not) and
 * serves it once there is room; a consumer that corrupts the reply ring's
 * read index breaks the channel instead.
 */
/* REQ: BH-BUS-5, BH-BUS-2 */
static void provider_waits_for_reply_room(void **state)
{
	struct vmbus_msg_hdr req = {9, 0};
	static u8 big[1000];

	(void)state;
	open_both();
	/* 3 packets of 1024 bytes in the 4 KiB reply ring: no room for a 1048-byte answer. */
	for (int i = 0; i < 3; i++)
		assert_int_equal(vmbus_chan_send(&prov, VMBUS_PKT_INBAND, 0, 10 + (u64)i, big,
						 sizeof(big), NULL, 0),
				 0);
	vmbus_chan_send(&cons, VMBUS_PKT_INBAND, 0, 2, &req, sizeof(req), NULL, 0);
	msgs = 0;
	assert_int_equal(vmbus_chan_poll(&prov, 8), 0);
	assert_int_equal(msgs, 0);
	assert_int_equal(prov.state, VMBUS_CH_OPEN);
	/* The consumer reads one (its budget): the provider is told there is room. */
	bells_c = 0;
	assert_int_equal(vmbus_chan_poll(&cons, 1), 1);
	assert_int_equal(bells_c, 1);
	assert_int_equal(vmbus_chan_poll(&prov, 8), 1);
	assert_int_equal(last_desc.trans_id, 2);
	/* It reads the rest to empty: no one waits, no doorbell. */
	bells_c = 0;
	assert_int_equal(vmbus_chan_poll(&cons, 8), 2);
	assert_int_equal(bells_c, 0);

	/* Blocked again, then reads to empty: the doorbell comes from the empty ring. */
	for (int i = 0; i < 3; i++)
		vmbus_chan_send(&prov, VMBUS_PKT_INBAND, 0, 20 + (u64)i, big, sizeof(big), NULL, 0);
	vmbus_chan_send(&cons, VMBUS_PKT_INBAND, 0, 3, &req, sizeof(req), NULL, 0);
	assert_int_equal(vmbus_chan_poll(&prov, 8), 0);
	bells_c = 0;
	assert_int_equal(vmbus_chan_poll(&cons, 8), 3);
	assert_int_equal(bells_c, 1);

	/* The reply ring's read index (the consumer's to write) corrupted. */
	((struct vmbus_ring_ctl *)(region + RING))->read_index = 0x12345;
	assert_int_equal(vmbus_chan_poll(&prov, 8), -1);
	assert_int_equal(prov.state, VMBUS_CH_BROKEN);
	assert_string_equal(prov.why, "peer index outside the ring or not 8-byte aligned");
}

/*
 * Sends that cannot go: a full ring or a packet above max-packet-size is
 * dropped and counted, a corrupted index breaks the channel; a channel
 * taken down (its peer stopped) sends and receives nothing until opened
 * again.
 */
/* REQ: BH-BUS-2, BH-FLT-4 */
static void sends_that_cannot_go(void **state)
{
	struct vmbus_msg_hdr req = {9, 0};
	static u8 big[1024];
	int rc = 0, n = 0;

	(void)state;
	open_both();
	while (!rc && n++ < 8)
		rc = vmbus_chan_send(&cons, VMBUS_PKT_INBAND, 0, 1, big, sizeof(big), NULL, 0);
	assert_int_equal(rc, -VMBUS_FULL);
	assert_int_equal(cons.dropped, 1);
	assert_int_equal(vmbus_chan_send(&cons, VMBUS_PKT_INBAND, 0, 1, big, sizeof(big), big, 8),
			 -VMBUS_TOOBIG);
	assert_int_equal(cons.dropped, 2);
	assert_int_equal(cons.state, VMBUS_CH_OPEN);
	((struct vmbus_ring_ctl *)region)->read_index = 4; /* the provider's, misaligned */
	assert_int_equal(vmbus_chan_send(&cons, VMBUS_PKT_INBAND, 0, 1, &req, sizeof(req), NULL, 0),
			 -VMBUS_BAD_INDEX);
	assert_int_equal(cons.state, VMBUS_CH_BROKEN);

	vmbus_chan_down(&prov);
	assert_int_equal(prov.state, VMBUS_CH_DOWN);
	assert_string_equal(vmbus_chan_state_str(prov.state), "down");
	assert_string_equal(vmbus_chan_state_str(VMBUS_CH_BROKEN), "broken");
	assert_string_equal(vmbus_chan_state_str(99), "?");
	assert_int_equal(vmbus_chan_poll(&prov, 8), 0);
	assert_int_equal(vmbus_chan_complete(&prov, 1, &req, sizeof(req)), -VMBUS_BAD_INDEX);
	vmbus_chan_down(&cons); /* broken: down too, to start over */
	assert_int_equal(cons.state, VMBUS_CH_DOWN);
}

/*
 * Messages that are no message: empty (no header), or anything but
 * the HELLO answer while the consumer waits for it, get an error
 * completion and change nothing; ring sizes the library refuses break the
 * channel at open.
 */
/* REQ: BH-BUS-3, BH-BUS-4 */
static void malformed_and_early_messages(void **state)
{
	struct vmbus_msg_hdr req = {9, 0}, *rep = (void *)last;
	struct vmbus_chan_cfg small;

	(void)state;
	open_both();
	msgs = 0;
	assert_int_equal(vmbus_chan_send(&cons, VMBUS_PKT_INBAND, VMBUS_PKT_FLAG_COMPLETION, 7,
					 NULL, 0, NULL, 0),
			 0); /* an empty packet (payloads are whole 8-byte words) */
	assert_int_equal(vmbus_chan_poll(&prov, 8), 1);
	assert_int_equal(msgs, 0);
	assert_int_equal(vmbus_chan_poll(&cons, 8), 1);
	assert_int_equal(last_desc.trans_id, 7);
	assert_int_equal(rep->type, 0);
	assert_int_equal(rep->status, VMBUS_ST_INVALID);

	/* The provider speaks first, before answering HELLO: refused by the consumer. */
	setup(NULL);
	assert_int_equal(vmbus_chan_open(&cons, &cfg_c, 1, 3, pkt_c, bell, on_msg, 1), 0);
	assert_int_equal(vmbus_chan_send(&prov, VMBUS_PKT_INBAND, VMBUS_PKT_FLAG_COMPLETION, 5,
					 &req, sizeof(req), NULL, 0),
			 0);
	assert_int_equal(vmbus_chan_poll(&cons, 8), 1);
	assert_int_equal(cons.state, VMBUS_CH_HELLO_SENT);
	assert_int_equal(msgs, 0);
	assert_int_equal(vmbus_chan_poll(&prov, 8), 2); /* the HELLO, then the refusal */
	assert_int_equal(prov.state, VMBUS_CH_OPEN);
	assert_int_equal(last_desc.trans_id, 5);
	assert_int_equal(rep->type, 9);
	assert_int_equal(rep->status, VMBUS_ST_PROTOCOL);

	small = cfg_c;
	small.rx_size = 0x1000; /* the control page alone */
	assert_true(vmbus_chan_open(&cons, &small, 1, 3, pkt_c, bell, on_msg, 1) < 0);
	assert_int_equal(cons.state, VMBUS_CH_BROKEN);
	assert_string_equal(cons.why, "ring geometry refused");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(provider_waits_for_reply_room, setup),
	    cmocka_unit_test_setup(sends_that_cannot_go, setup),
	    cmocka_unit_test_setup(malformed_and_early_messages, setup),
	    cmocka_unit_test_setup(hello_negotiates_highest_common_version, setup),
	    cmocka_unit_test_setup(nothing_before_hello, setup),
	    cmocka_unit_test_setup(impossible_versions_refused, setup),
	    cmocka_unit_test_setup(second_hello_renegotiates, setup),
	    cmocka_unit_test_setup(wrong_class_hello_is_invalid, setup),
	    cmocka_unit_test_setup(corrupt_ring_breaks_channel, setup),
	    cmocka_unit_test_setup(console_codec, setup),
	    cmocka_unit_test_setup(doorbell_only_when_needed, setup),
	    cmocka_unit_test_setup(rpc_block_net_codecs, setup),
	    cmocka_unit_test_setup(packet_after_snapshot_is_not_missed, setup),
	    cmocka_unit_test_setup(peer_restart_steps, setup),
	    cmocka_unit_test_setup(drain_down_reads_what_was_left, setup),
	    cmocka_unit_test_setup(channel_properties_from_one_table, setup),
	};

	return cmocka_run_group_tests_name("channel", tests, NULL, NULL);
}
