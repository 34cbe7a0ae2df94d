// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the root's services (partitions/root/<class>_vsp.c) behind the
 * channel state machine, fed a hostile consumer ring. The input picks a
 * class and whether HELLO is already done, then is the ring's bytes. The
 * stubs below stand in for the devices and assert what must never happen:
 * a block request outside the channel's range or window, a frame on the
 * wire above MTU + 14 or from another address, an answer that overflows.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bulkhead/fault_log_abi.h>
#include <bulkhead/image_abi.h>
#include "bus.h"
#include "fuzz.h"
#include "part.h"
#include "root.h"

#define RING	     0x4000
#define WIN	     0x4000
#define RANGE_FIRST  2048 /* sectors */
#define RANGE_BLOCKS 256

struct part_info part;
struct part_chan part_chans[PART_MAX_CHANS];
u32 part_nr_chans;
static u8 region[2 * RING + 2 * WIN] __attribute__((aligned(4096)));
static u8 pkt[4096];

int printf(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

u64 timer_now(void)
{
	return 0;
}

u64 timer_freq(void)
{
	return 62500000;
}

/* A measurement log longer than one answer, so that paging is exercised. */
int part_image_measurement(u32 index, struct part_measurement *m)
{
	if (index >= 3 * PART_MAX_CHANS)
		return BH_IMAGE_NO_ENTRY;
	memset(m, 0, sizeof(*m));
	memset(m->name, 'p', 31);
	m->kind = index % 3;
	m->sha256[0] = (u8)index;
	return 0;
}

/* The fault log (BH_FAULT_LOG): longer than one answer, causes longer than one call. */
void hvc_call12(u64 x[12])
{
	const u32 entries = 3 * PART_MAX_CHANS;
	u64 off = x[2];

	if (x[0] != BH_FAULT_LOG) {
		x[0] = (u64)-1;
		return;
	}
	if ((u32)x[1] == BH_FAULT_SUMMARY) {
		x[0] = 0, x[1] = entries, x[2] = 2, x[3] = BH_FAULT_STORED, x[4] = entries;
		return;
	}
	if (x[1] >= entries) {
		x[0] = BH_FAULT_NO_ENTRY;
		return;
	}
	x[0] = 0, x[1] = 1 | (u64)(x[1] % 2 + 1) << 32, x[2] = 0x4a00104c, x[3] = 1234;
	for (int i = 4; i < 12; i++)
		x[i] = i >= 8 && off >= 64 ? 0 : 0x6161616161616161ULL; /* a 64-byte cause */
}

u64 hvc_call(u64 fn, u64 a1, u64 a2, u64 a3)
{
	(void)fn, (void)a1, (void)a2, (void)a3;
	return 0;
}

bool part_has_arg(const char *arg)
{
	(void)arg;
	return false;
}

/* No bootargs: the test-only hostile block answers (block_villain.c) stay off. */
bool part_arg_u64(const char *key, u64 *v)
{
	(void)key;
	(void)v;
	return false;
}

void part_sleep_ms(u32 ms)
{
	(void)ms;
}

void shell_break(void)
{
}

struct part_chan *bus_find(u32 cls, bool provider, u32 n)
{
	for (u32 i = 0; i < part_nr_chans; i++)
		if (part_chans[i].cfg.cls == cls && part_chans[i].cfg.provider == provider && !n--)
			return &part_chans[i];
	return NULL;
}

void bus_attach(struct part_chan *pc, u16 ver_min, u16 ver_max, vmbus_msg_fn on_msg,
		part_chan_fn on_open, void *priv)
{
	pc->on_msg = on_msg;
	pc->priv = pc->ch.priv = priv;
	vmbus_chan_open(&pc->ch, &pc->cfg, ver_min, ver_max, pkt, NULL, on_msg, 1);
	if (on_open)
		on_open(pc);
}

int bus_send(struct part_chan *pc, u16 type, u16 flags, u64 trans_id, const void *msg, u32 len,
	     const void *data, u32 data_len)
{
	return vmbus_chan_send(&pc->ch, type, flags, trans_id, msg, len, data, data_len);
}

static void in_range(u64 sector, const void *buf, u32 count)
{
	const u8 *b = buf;

	if (!count || sector < RANGE_FIRST || sector + count > RANGE_FIRST + RANGE_BLOCKS ||
	    b < region + 2 * RING || b + (u64)count * 512 > region + sizeof(region))
		abort();
}

static int disk_read(struct root_disk *b, u64 sector, void *buf, u32 count)
{
	(void)b;
	in_range(sector, buf, count);
	if ((u8 *)buf < region + 2 * RING + WIN) /* reads land in the p2c window only */
		abort();
	return 0;
}

static int disk_write(struct root_disk *b, u64 sector, const void *buf, u32 count)
{
	(void)b;
	in_range(sector, buf, count);
	return 0;
}

static int disk_flush(struct root_disk *b)
{
	(void)b;
	return 0;
}

static int nic_send(struct root_nic *n, const void *frame, u32 len)
{
	(void)n;
	if (len < 14 || len > 1500 + 14 || memcmp((const u8 *)frame + 6, part_chans[0].cfg.mac, 6))
		abort();
	return 0;
}

static u32 nic_recv(struct root_nic *n, void *frame, u32 cap)
{
	(void)n, (void)frame, (void)cap;
	return 0;
}

static bool nic_link(struct root_nic *n)
{
	(void)n;
	return true;
}

static const struct root_disk_ops disk_ops = {disk_read, disk_write, disk_flush};
static const struct root_nic_ops nic_ops = {nic_send, nic_recv, nic_link};
static struct root_disk disk = {&disk_ops, 8192};
static struct root_nic nic = {&nic_ops, {0}};

static void setup(u32 cls)
{
	struct vmbus_chan_cfg *c = &part_chans[0].cfg;

	memset(part_chans, 0, sizeof(part_chans));
	memset(region, 0, sizeof(region));
	part_nr_chans = 1;
	*c = (struct vmbus_chan_cfg){.name = "ch",
				     .peer = "villain",
				     .cls = cls,
				     .provider = true,
				     .base = region,
				     .rx_off = 0,
				     .rx_size = RING,
				     .tx_off = RING,
				     .tx_size = RING,
				     .rxw_off = 2 * RING,
				     .rxw_size = WIN,
				     .txw_off = 2 * RING + WIN,
				     .txw_size = WIN,
				     .max_packet = 2048,
				     .max_outstanding = 8,
				     .block_offset = RANGE_FIRST * 512ULL,
				     .block_size = RANGE_BLOCKS * 512ULL,
				     .mtu = 1500,
				     .mac = {2, 0, 0, 0, 0, 0x2a}};
	part_chans[0].ch.pkt = pkt;
	switch (cls) {
	case VMBUS_CLASS_CONSOLE:
		console_vsp_init();
		break;
	case VMBUS_CLASS_RPC:
		rpc_vsp_init();
		break;
	case VMBUS_CLASS_BLOCK:
		block_vsp_init(&disk);
		break;
	default:
		net_vsp_init(&nic);
		break;
	}
}

/* REQ: BH-BUS-4 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vmbus_ring_ctl *c2p = (struct vmbus_ring_ctl *)region;
	struct part_chan *pc = &part_chans[0];
	u32 w = 0;

	if (size < 5)
		return 0;
	setup(data[0] % VMBUS_NR_CLASSES);
	if (data[0] & 0x80) { /* HELLO done: straight to the class parser */
		pc->ch.state = VMBUS_CH_OPEN;
		pc->ch.version = 1;
	}
	memcpy(&w, data + 1, 4);
	size -= 5;
	memcpy(region + VMBUS_CTL_SIZE, data + 5,
	       size < RING - VMBUS_CTL_SIZE ? size : RING - VMBUS_CTL_SIZE);
	/* The window holds whatever the consumer likes, too. */
	memcpy(region + 2 * RING, data + 5, size < WIN ? size : WIN);
	c2p->write_index = w;
	for (int pass = 0; pass < 4; pass++)
		if (vmbus_chan_poll(&pc->ch, 64) < 0)
			break;
	return 0;
}
