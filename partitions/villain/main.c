// SPDX-License-Identifier: GPL-2.0
/*
 * villain: a hostile child. It attacks its own channels, the doorbells and
 * the hypercall interface, one numbered case at a time ("case N: ..."),
 * while honest children use the same root. The root and the hypervisor
 * must survive every case; the villain's bad requests get error answers or
 * the villain is stopped.
 *
 * Channels it expects (consumer of each, in this order in its DTB):
 * console, rpc x8 (one per case that breaks a channel), block, net.
 * With "fatal" in its bootargs it runs instead the cases that must stop it,
 * one per start (its epoch, asked from the root's status service): a write
 * to a ring page it may only read, a read of the root's memory (at
 * root-memory=<address> from its bootargs), a read of a channel region it
 * is not part of.
 */
#include <bulkhead/part_info_abi.h>
#include <string.h>
#include "blk.h"
#include "bus.h"
#include "part.h"
#include "rpc.h"

#define NR_RPC 8
/* How long an answer may take: the root's is immediate, but a loaded host can stall its CPU. */
#define ANSWER_MS 2000

static struct part_chan *rpc[NR_RPC], *net;
static struct blk_client blk;

static struct vmbus_ring_ctl *tx_ctl(struct part_chan *pc)
{
	return (struct vmbus_ring_ctl *)(pc->cfg.base + pc->cfg.tx_off);
}

static struct vmbus_ring_ctl *rx_ctl(struct part_chan *pc)
{
	return (struct vmbus_ring_ctl *)(pc->cfg.base + pc->cfg.rx_off);
}

static void ring(struct part_chan *pc)
{
	hvc_call(BH_CHAN_SIGNAL, pc->cfg.index, 0, 0);
}

/* Opens an rpc channel by hand (the villain drives it without the bus poll). */
static void open_raw(struct part_chan *pc, u16 vmin, u16 vmax)
{
	vmbus_chan_open(&pc->ch, &pc->cfg, vmin, vmax, pc->ch.pkt, bus_doorbell, NULL, 0);
}

/* Waits up to ms for the root's answer on a raw channel; its status, or -1. */
static int answer(struct part_chan *pc, u32 ms, struct vmbus_desc *d)
{
	u64 end = timer_now() + timer_freq() / 1000 * ms;

	while (timer_now() < end) {
		u32 len;
		int rc = vmbus_ring_read(&pc->ch.rx, d, pc->ch.pkt, pc->cfg.max_packet, &len);

		if (rc == 0) {
			vmbus_ring_read_done(&pc->ch.rx);
			return len >= sizeof(struct vmbus_msg_hdr)
				   ? (int)((struct vmbus_msg_hdr *)pc->ch.pkt)->status
				   : -1;
		}
		vmbus_ring_read_done(&pc->ch.rx);
		if (rc != -VMBUS_EMPTY)
			return -1;
		cpu_wait_event();
	}
	return -1;
}

static int echo_request(struct part_chan *pc, const void *data, u32 len)
{
	struct vmbus_rpc r = {{VMBUS_RPC_REQUEST, 0}, RPC_SVC_ECHO, RPC_METHOD_GET, 0, len, 0};
	struct vmbus_iov iov[2] = {{&r, sizeof(r)}, {data, len}};
	bool sig;
	int rc = vmbus_ring_write(&pc->ch.tx, VMBUS_PKT_INBAND, VMBUS_PKT_FLAG_COMPLETION, 7, iov,
				  2, &sig);

	if (!rc)
		ring(pc);
	return rc;
}

/* A descriptor written by hand at the start of the (fresh) ring, published to `publish`. */
static void raw_packet(struct part_chan *pc, u16 len8, u32 publish)
{
	struct vmbus_desc d = {VMBUS_PKT_INBAND, 2, len8, VMBUS_PKT_FLAG_COMPLETION, 1};
	u8 *data = pc->cfg.base + pc->cfg.tx_off + VMBUS_CTL_SIZE;

	memcpy(data, &d, sizeof(d));
	__atomic_store_n(&tx_ctl(pc)->write_index, publish, __ATOMIC_RELEASE);
	ring(pc);
}

static void settle(void)
{
	u64 end = timer_now() + timer_freq() / 20; /* 50 ms: let the root look */

	while (timer_now() < end)
		cpu_wait_event();
}

static void hypercalls(void)
{
	static const u32 unknown[] = {0xc6000013, 0xc60000f0, 0xc600ffff, 0x86000000, 0x8600ff02,
				      0x84000030, 0xc4000099, 0xf0000000, 0x0,	      0xffffffff};
	u32 ok = 0, n = 0;

	for (u32 i = 0; i < ARRAY_SIZE(unknown); i++, n++)
		ok += (s64)hvc_call(unknown[i], 1, 2, 3) == -1;
	ok += part_hypercall_malformed(BH_CHAN_SIGNAL) == -1, n++;
	ok += (s64)hvc_call(BH_CHAN_SIGNAL_MASK, 1, 1, 0) == BH_SMCCC_INVALID_PARAMETER, n++;
	ok += (s64)hvc_call(BH_CHAN_SIGNAL_MASK, 0, ~0ULL, 0) == BH_SMCCC_INVALID_PARAMETER, n++;
	ok += (s64)hvc_call(BH_CHAN_RESET_ACK, 999, 1, 0) == BH_SMCCC_INVALID_PARAMETER, n++;
	ok += (s64)hvc_call(BH_CHAN_RESET_ACK, 0, 1ULL << 40, 0) == BH_SMCCC_INVALID_PARAMETER, n++;
	ok += (s64)hvc_call(0xc4000003, 7, 0, 0) == -2, n++;   /* CPU_ON of a vCPU it lacks */
	ok += (s64)hvc_call(BH_PART_INFO, 0, 0, 0) == -1, n++; /* the root's alone */
	printf("case 9: unknown and malformed hypercalls: %u of %u refused as expected\n", ok, n);
}

static void block_cases(void)
{
	static const struct {
		u32 type;
		u64 lba;
		u32 n, off;
		const char *what;
	} bad[] = {
	    {VMBUS_BLK_READ, 0, 1, 0, "past the end"},
	    {VMBUS_BLK_READ, ~0ULL, 2, 0, "lba + n wraps"},
	    {VMBUS_BLK_WRITE, 0, 0, 0, "zero blocks"},
	    {VMBUS_BLK_WRITE, 0, 0x7fffffff, 0, "huge count"},
	    {VMBUS_BLK_READ, 0, 1, 0xfffffe00, "window offset beyond the window"},
	    {9, 0, 1, 0, "unknown request"},
	};

	if (blk_client_init(&blk, 0)) {
		printf("case 14: no block channel\n");
		return;
	}
	for (u32 i = 0; i < ARRAY_SIZE(bad); i++) {
		u64 lba = bad[i].lba ? bad[i].lba : (i == 0 ? blk.blocks : 0);

		printf("case 14: block %s: %s\n", bad[i].what,
		       vmbus_status_str(
			   (u32)blk_request(&blk, bad[i].type, lba, bad[i].n, bad[i].off)));
	}
}

static void net_cases(void)
{
	static u8 f[VMBUS_ETH_HLEN + 2000];
	struct vmbus_net_frame h = {{VMBUS_NET_FRAME, 0}, 0, 0};

	if (!net) {
		printf("case 15: no net channel\n");
		return;
	}
	bus_attach(net, VMBUS_NET_VERSION, VMBUS_NET_VERSION, NULL, NULL, NULL);
	memset(f, 0xff, 6);
	memcpy(f + 6, net->cfg.mac, 6);
	h.len = net->cfg.mtu + VMBUS_ETH_HLEN + 1;
	bus_send(net, VMBUS_PKT_INBAND, 0, 0, &h, sizeof(h), f, h.len);
	f[6] ^= 0x40; /* someone else's source address */
	h.len = 60;
	bus_send(net, VMBUS_PKT_INBAND, 0, 0, &h, sizeof(h), f, h.len);
	h.len = 4000; /* more than the packet holds */
	bus_send(net, VMBUS_PKT_INBAND, 0, 0, &h, sizeof(h), f, 60);
	printf("case 15: oversized, spoofed and truncated net frames sent\n");
}

static void run_cases(void)
{
	struct vmbus_desc d;
	u8 payload[64] = {1, 2, 3};
	int rc;

	/* 1: write_index beyond the ring. */
	open_raw(rpc[0], 1, 1);
	__atomic_store_n(&tx_ctl(rpc[0])->write_index, rpc[0]->cfg.tx_size, __ATOMIC_RELEASE);
	ring(rpc[0]);
	printf("case 1: write_index 0x%x, beyond the ring\n", rpc[0]->cfg.tx_size);
	settle();

	/* 2: read_index of the ring the root writes, out of range, then a request. */
	open_raw(rpc[1], 1, 1);
	__atomic_store_n(&rx_ctl(rpc[1])->read_index, 0xfff0 + 4, __ATOMIC_RELEASE);
	echo_request(rpc[1], payload, 8);
	printf("case 2: read_index 0xfff4 on the root's ring, then a request\n");
	settle();

	/* 3: indices moved backwards after an answered request. */
	open_raw(rpc[2], 1, 1);
	answer(rpc[2], ANSWER_MS, &d); /* HELLO's */
	echo_request(rpc[2], payload, 8);
	rc = answer(rpc[2], ANSWER_MS, &d);
	__atomic_store_n(&tx_ctl(rpc[2])->write_index, 0, __ATOMIC_RELEASE);
	ring(rpc[2]);
	__atomic_store_n(&rx_ctl(rpc[2])->read_index, 0, __ATOMIC_RELEASE);
	printf("case 3: indices moved backwards (the request before was answered: %s)\n",
	       rc == 0 ? "yes" : "no");
	settle();

	/* 4 and 5: packet lengths of 0 and beyond the ring. */
	open_raw(rpc[3], 1, 1);
	memset(rpc[3]->cfg.base + rpc[3]->cfg.tx_off + VMBUS_CTL_SIZE, 0, 64);
	raw_packet(rpc[3], 0, 64);
	printf("case 4: packet length 0\n");
	open_raw(rpc[4], 1, 1);
	raw_packet(rpc[4], 0xffff, 64);
	printf("case 5: packet length 0x7fff8, beyond the ring\n");
	settle();

	/* 6: the header changes after the doorbell (double fetch). */
	open_raw(rpc[5], 1, 1);
	answer(rpc[5], ANSWER_MS, &d);
	{
		volatile u16 *len8 = (u16 *)(rpc[5]->cfg.base + rpc[5]->cfg.tx_off +
					     VMBUS_CTL_SIZE + rpc[5]->ch.tx.index + 4);
		u16 good;

		echo_request(rpc[5], payload, 32);
		good = *len8;
		for (u32 i = 0; i < 200000; i++)
			*len8 = (i & 1) ? good : 0xffff;
		*len8 = good;
		rc = answer(rpc[5], ANSWER_MS, &d);
		printf("case 6: header flipped 200000 times after the doorbell: %s\n",
		       rc == 0 ? "the root answered the request it copied" : "the root refused it");
	}

	/* 7: a doorbell flood for a second (honest children work meanwhile), then an echo. */
	open_raw(rpc[6], 1, 1);
	answer(rpc[6], ANSWER_MS, &d);
	{
		u32 limited = 0, n = 0;
		u64 end = timer_now() + timer_freq();

		for (; timer_now() < end; n++)
			limited += (s64)hvc_call(BH_CHAN_SIGNAL, rpc[6]->cfg.index, 0, 0) ==
				   BH_SIGNAL_RATE_LIMITED;
		echo_request(rpc[6], payload, 16);
		rc = answer(rpc[6], ANSWER_MS, &d);
		printf(
		    "case 7: a second of doorbells (%s of them rate-limited), then an echo: %s\n",
		    limited ? "some" : "none", rc == 0 ? "answered" : "no answer");
	}

	/* 8: doorbells on channels it does not have. */
	printf("case 8: doorbells on channels 99, -1 and with x2 set: %lld %lld %lld\n",
	       (long long)(s64)hvc_call(BH_CHAN_SIGNAL, 99, 0, 0),
	       (long long)(s64)hvc_call(BH_CHAN_SIGNAL, ~0ULL, 0, 0),
	       (long long)(s64)hvc_call(BH_CHAN_SIGNAL, 0, 1, 0));

	hypercalls();

	/* 13: HELLO with versions the root cannot speak. */
	open_raw(rpc[7], 40, 60);
	rc = answer(rpc[7], ANSWER_MS, &d);
	printf("case 13: HELLO for versions 40..60: %s\n",
	       rc < 0 ? "no answer" : vmbus_status_str((u32)rc));
	/* ... and one with min > max, on the same rings. */
	{
		struct vmbus_hello h = {{VMBUS_MSG_HELLO, 0}, VMBUS_CLASS_RPC, 5, 2, 0};
		struct vmbus_iov iov = {&h, sizeof(h)};
		bool sig;

		if (!vmbus_ring_write(&rpc[7]->ch.tx, VMBUS_PKT_INBAND, VMBUS_PKT_FLAG_COMPLETION,
				      1, &iov, 1, &sig))
			ring(rpc[7]);
	}
	rc = answer(rpc[7], ANSWER_MS, &d);
	printf("case 13: HELLO for versions 5..2: %s\n",
	       rc < 0 ? "no answer" : vmbus_status_str((u32)rc));

	block_cases();
	net_cases();

	/* 18: console bytes that would drive a terminal, and a malformed line. */
	printf("case 18: escape \x1b[2J\x1b]0;pwned\x07 bell\n");
	part_uart_puts_at(part.uart_base,
			  "case 18: on its UART: escape \x1b[2J\x1b]0;pwned\x07 bell\r\n");
	{
		struct part_chan *con = bus_find(VMBUS_CLASS_CONSOLE, false, 0);
		struct vmbus_console_data m = {{VMBUS_CONSOLE_DATA, 0}, 3000, 0};

		if (con)
			bus_send(con, VMBUS_PKT_INBAND, 0, 0, &m, sizeof(m), "short", 5);
	}

	/* 17: requests without ever reading the answers, until the ring is full. */
	{
		u32 sent = 0;

		while (sent < 10000 && echo_request(rpc[6], payload, 64) == 0)
			sent++;
		printf("case 17: %u requests sent without reading an answer; the ring is full\n",
		       sent);
	}
	settle();

	/* 16: stop with a request in flight. */
	{
		struct vmbus_blk_req r = {{VMBUS_BLK_READ, 0}, 0, 1, 0};

		if (blk.vsc.pc)
			bus_send(blk.vsc.pc, VMBUS_PKT_INBAND, VMBUS_PKT_FLAG_COMPLETION, 0xdead,
				 &r, sizeof(r), NULL, 0);
		printf("case 16: powering off with a block request in flight\n");
		printf("villain: done\n");
		psci_system_off();
	}
}

/* One fatal case per start; the root's status service says which start this is. */
static void fatal_case(void)
{
	struct vsc c;
	struct rpc_status_entry st[16];
	u32 n = 0, epoch = 0;
	u64 top = 0, root_mem;

	int rc = rpc_client_init(&c, 0);

	if (!rc)
		rc =
		    rpc_call(&c, RPC_SVC_STATUS, RPC_METHOD_GET, NULL, 0, st, sizeof(st), &n, 2000);
	if (rc) {
		printf("fatal: no status from the root (%d, channel %s)\n", rc,
		       c.pc ? vmbus_chan_state_str(c.pc->ch.state) : "missing");
		idle();
	}
	for (u32 i = 0; i < n / sizeof(st[0]); i++)
		if (!strncmp(st[i].name, part.name, sizeof(st[i].name)))
			epoch = st[i].epoch;
	for (u32 i = 0; i < part_nr_chans; i++)
		top = MAX(top, (u64)(uintptr_t)part_chans[i].cfg.base + part_chans[i].cfg.tx_size +
				   part_chans[i].cfg.rx_size);
	switch (epoch) {
	case 1:
		printf("case 10: writing the root's ring, which I may only read\n");
		*(volatile u32 *)(c.pc->cfg.base + c.pc->cfg.rx_off + VMBUS_CTL_SIZE) = 0xbad;
		break;
	case 2:
		if (!part_arg_u64("root-memory", &root_mem)) {
			printf("case 11: skipped: no root-memory=<address> in the bootargs\n");
			break;
		}
		printf("case 11: reading the root's memory at 0x%llx\n",
		       (unsigned long long)root_mem);
		(void)*(volatile u32 *)(uintptr_t)root_mem;
		break;
	case 3:
		printf("case 12: reading 0x%llx, a channel region that is not mine\n",
		       (unsigned long long)top);
		(void)*(volatile u32 *)(uintptr_t)top;
		break;
	default:
		printf("villain: fatal cases done\n");
		idle();
	}
	printf("villain: still running after a fatal case?!\n");
	idle();
}

int main(void)
{
	if (part_has_arg("fatal"))
		fatal_case();
	for (u32 i = 0; i < NR_RPC; i++)
		rpc[i] = bus_find(VMBUS_CLASS_RPC, false, i);
	net = bus_find(VMBUS_CLASS_NET, false, 0);
	for (u32 i = 0; i < NR_RPC; i++)
		if (!rpc[i]) {
			printf("villain: needs %u rpc channels, has %u\n", NR_RPC, i);
			idle();
		}
	printf("villain: starting\n");
	run_cases();
	idle();
}
