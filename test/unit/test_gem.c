// SPDX-License-Identifier: GPL-2.0
/*
 * The root's Cadence GEM driver (partitions/root/gem.c, included: its static
 * rings are what the fake's "DMA" reads and writes) against a register-level
 * fake of a ZynqMP GEM with a PHY on MDIO: the set-up, transmit and receive
 * rings and their wrap, the priority queue kept idle, a full receive ring
 * restarted, and a hostile device's descriptors (lengths, flags, addresses)
 * bounded before a byte is copied.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "root_stubs.h"
#include "../../partitions/root/gem.c"

#define BASE	 0xff0e0000ULL
#define PHY_ADDR 23 /* where QEMU's ZynqMP GEMs have their PHY */

static struct {
	u32 regs[0x800 / 4];
	u32 rx_cur, tx_cur; /* the device's current descriptor (low 32 bits) */
	bool no_phy, mdio_stuck, tx_stall;
	u16 bmsr;
	/* what went on the wire */
	u8 sent[64][ROOT_FRAME_MAX];
	u32 sent_len[64], nr_sent, q1_sent;
	u32 nwctrl_re_writes;
} f;

#define R(off) f.regs[(off) / 4]

static bool addr64(void)
{
	return R(DMACFG) & DMACFG_ADDR64;
}

static u32 dwords(void)
{
	return addr64() ? 4 : 2;
}

static u32 *dma(u32 hi_reg, u32 lo32)
{
	return (u32 *)(uintptr_t)(((u64)(addr64() ? R(hi_reg) : 0) << 32) | lo32);
}

static u8 *buf_of(const u32 *d, bool rx)
{
	u64 a = (rx ? d[0] & ~3U : d[0]) | (addr64() ? (u64)d[2] << 32 : 0);

	return (u8 *)(uintptr_t)a;
}

static void transmit(void)
{
	u32 *d;

	/* Queue 1 first, as QEMU does: it must hold nothing to send. */
	d = dma(TBQPH, R(TXQ1BASE));
	if (!(d[1] & TX_USED))
		f.q1_sent++;
	if (f.tx_stall)
		return;
	for (;;) {
		u32 len;

		d = dma(TBQPH, f.tx_cur);
		if (d[1] & TX_USED)
			break;
		len = d[1] & 0x3fff;
		assert_true(d[1] & TX_LAST);
		assert_true(len <= ROOT_FRAME_MAX);
		if (f.nr_sent < 64) {
			memcpy(f.sent[f.nr_sent], buf_of(d, false), len);
			f.sent_len[f.nr_sent] = len;
		}
		f.nr_sent++;
		d[1] |= TX_USED;
		f.tx_cur = d[1] & TX_WRAP ? R(TXQBASE) : f.tx_cur + 4 * dwords();
	}
}

/*
 * The device receives a frame into its current descriptor: status is what it
 * writes in word 1 (0: a well-formed one), addr_junk what it leaves in word 0.
 */
static bool receive(const u8 *frame, u32 len, u32 status, u32 addr_junk)
{
	u32 *d = dma(RBQPH, f.rx_cur);

	if (!(R(NWCTRL) & NWCTRL_RE) || (d[0] & RX_OURS)) {
		R(RXSTATUS) |= RXSTATUS_NOBUF;
		return false;
	}
	memcpy(buf_of(d, true), frame, len);
	d[1] = status ? status : len | RX_SOF | RX_EOF;
	d[0] |= RX_OURS | addr_junk;
	f.rx_cur = d[0] & RX_WRAP ? R(RXQBASE) : f.rx_cur + 4 * dwords();
	R(ISR) |= INT_RXCMPL;
	return true;
}

static u16 phy_read(u32 reg)
{
	switch (reg) {
	case MII_BMSR:
		return f.bmsr;
	case MII_PHYID1:
		return 0x0141;
	default:
		return 0;
	}
}

u32 readl(u64 a)
{
	u32 off = (u32)(a - BASE), v;

	assert_true(off < sizeof(f.regs));
	v = f.regs[off / 4];
	switch (off) {
	case ISR:
		R(ISR) = 0;
		break;
	case NWSTATUS:
		v = f.mdio_stuck ? 0 : NWSTATUS_MDIO_IDLE;
		break;
	case PHYMNTNC:
		if ((v >> 28 & 3) == 2) {
			u32 phy = v >> 23 & 31;

			v = (v & 0xffff0000U) |
			    (f.no_phy || phy != PHY_ADDR ? 0xffff : phy_read(v >> 18 & 31));
		}
		break;
	}
	return v;
}

void writel(u64 a, u32 v)
{
	u32 off = (u32)(a - BASE);

	assert_true(off < sizeof(f.regs));
	switch (off) {
	case TXSTATUS:
	case RXSTATUS:
		R(off) &= ~v;
		return;
	case IER:
		R(0x30) &= ~v;
		return;
	case IDR:
		R(0x30) |= v;
		return;
	case RXQBASE:
		f.rx_cur = v;
		break;
	case TXQBASE:
		f.tx_cur = v;
		break;
	case NWCTRL:
		R(NWCTRL) = v & ~(NWCTRL_TSTART | NWCTRL_CLRSTAT);
		if (v & NWCTRL_RE)
			f.nwctrl_re_writes++;
		if (v & NWCTRL_TSTART)
			transmit();
		return;
	}
	f.regs[off / 4] = v;
}

static int setup(void **state)
{
	(void)state;
	memset(&f, 0, sizeof(f));
	mem_used = false;
	R(DESCONF6) = DESCONF6_ADDR64 | BIT(1); /* 64-bit DMA, one priority queue */
	R(NWCFG) = 0x00080000;
	R(DMACFG) = 0x00020784;
	R(SPADDR1LO) = 0x56341200;
	R(SPADDR1HI) = 0x0000bc9a;
	f.bmsr = 0x796d; /* link up, auto-negotiation done */
	console[0] = '\0';
	return 0;
}

static struct gem g;

static void frame_of(u8 *b, u32 len, u32 seq)
{
	for (u32 i = 0; i < len; i++)
		b[i] = (u8)(seq * 31 + i);
}

static void test_init(void **state)
{
	static const u8 mac[6] = {0x02, 0x11, 0x22, 0x33, 0x44, 0x55};

	(void)state;
	assert_int_equal(gem_init(&g, BASE, mac), 0);
	assert_string_equal(console, "");
	assert_string_equal(g.where, "ff0e0000");
	assert_memory_equal(g.nic.mac, mac, 6);
	assert_int_equal(R(SPADDR1LO), 0x33221102);
	assert_int_equal(R(SPADDR1HI), 0x5544);
	assert_int_equal(g.dwords, 4);
	assert_int_equal(R(DMACFG) & (DMACFG_ADDR64 | DMACFG_RXBUF_MASK),
			 DMACFG_ADDR64 | 32U << 16);
	assert_int_equal(R(NWCFG) & (NWCFG_PROMISC | NWCFG_FCS_REMOVE),
			 NWCFG_PROMISC | NWCFG_FCS_REMOVE);
	assert_int_equal(R(NWCFG) & NWCFG_KEEP, 0x00080000);
	assert_int_equal(R(NWCTRL) & (NWCTRL_RE | NWCTRL_TE), NWCTRL_RE | NWCTRL_TE);
	/* The priority queue: a full receive and an empty transmit descriptor. */
	assert_true(*dma(RBQPH, R(RXQ1BASE)) & RX_OURS);
	assert_true(dma(TBQPH, R(TXQ1BASE))[1] & TX_USED);
	assert_int_equal(g.phy, PHY_ADDR);
	assert_true(root_nic_link(&g.nic));
	f.bmsr &= (u16)~BMSR_LINK;
	assert_false(root_nic_link(&g.nic));
}

/* No address given: the GEM's own, else a locally administered one from its base. */
static void test_mac_fallback(void **state)
{
	static const u8 regs_mac[6] = {0x00, 0x12, 0x34, 0x56, 0x9a, 0xbc};
	static const u8 local[6] = {0x02, 0x42, 0x48, 0x00, 0xff, 0x0e};

	(void)state;
	assert_int_equal(gem_init(&g, BASE, NULL), 0);
	assert_memory_equal(g.nic.mac, regs_mac, 6);
	setup(NULL);
	R(SPADDR1LO) = R(SPADDR1HI) = 0;
	assert_int_equal(gem_init(&g, BASE, NULL), 0);
	assert_memory_equal(g.nic.mac, local, 6);
}

/* Three times round the transmit ring: every frame out once, in order, intact. */
static void test_tx_wrap(void **state)
{
	u8 b[ROOT_FRAME_MAX];

	(void)state;
	assert_int_equal(gem_init(&g, BASE, NULL), 0);
	for (u32 i = 0; i < 3 * GEM_TX_RING + 2; i++) {
		u32 len = 60 + i * 29;

		frame_of(b, len, i);
		assert_int_equal(root_nic_send(&g.nic, b, len), 0);
		assert_int_equal(f.nr_sent, i + 1);
		assert_int_equal(f.sent_len[i], len);
		assert_memory_equal(f.sent[i], b, len);
	}
	assert_int_equal(f.q1_sent, 0);
	assert_int_equal(g.tx_dropped, 0);
}

/* A device that sends nothing: the ring fills, then frames are refused, none overwritten. */
static void test_tx_full(void **state)
{
	u8 b[64] = {0};

	(void)state;
	assert_int_equal(gem_init(&g, BASE, NULL), 0);
	f.tx_stall = true;
	for (u32 i = 0; i < GEM_TX_RING - 1; i++)
		assert_int_equal(root_nic_send(&g.nic, b, sizeof(b)), 0);
	assert_int_equal(root_nic_send(&g.nic, b, sizeof(b)), -1);
	assert_int_equal(g.tx_dropped, 1);
	f.tx_stall = false;
	assert_int_equal(root_nic_send(&g.nic, b, sizeof(b)), 0);
	assert_int_equal(f.nr_sent, GEM_TX_RING);
	assert_int_equal(root_nic_send(&g.nic, b, ROOT_FRAME_MAX + 1), -1);
	assert_int_equal(root_nic_send(&g.nic, b, 0), -1);
}

/* Frame by frame, several times round the receive ring. */
static void test_rx_wrap(void **state)
{
	u8 b[ROOT_FRAME_MAX], got[ROOT_FRAME_MAX];

	(void)state;
	assert_int_equal(gem_init(&g, BASE, NULL), 0);
	assert_int_equal(root_nic_recv(&g.nic, got, sizeof(got)), 0);
	for (u32 i = 0; i < 3 * GEM_RX_RING + 5; i++) {
		u32 len = 60 + (i * 97) % (ROOT_FRAME_MAX - 60);

		frame_of(b, len, i);
		assert_true(receive(b, len, 0, 0));
		assert_int_equal(root_nic_recv(&g.nic, got, sizeof(got)), len);
		assert_memory_equal(got, b, len);
		assert_int_equal(root_nic_recv(&g.nic, got, sizeof(got)), 0);
	}
	assert_int_equal(g.rx_dropped, 0);
}

/*
 * A hostile device: lengths past the buffer or the caller's room, too short,
 * a frame split over descriptors, its own address left in the descriptor.
 * Each is dropped and its descriptor given back with the driver's buffer.
 */
static void test_rx_hostile(void **state)
{
	u8 b[ROOT_FRAME_MAX] = {1, 2, 3}, got[ROOT_FRAME_MAX];
	u32 first = f.rx_cur;

	(void)state;
	assert_int_equal(gem_init(&g, BASE, NULL), 0);
	first = f.rx_cur;
	assert_true(receive(b, 64, RX_LEN | RX_SOF | RX_EOF, 0)); /* 8191 bytes */
	assert_true(receive(b, 64, 5 | RX_SOF | RX_EOF, 0));	  /* shorter than a header */
	assert_true(receive(b, 64, 64 | RX_SOF, 0));		  /* no end */
	assert_true(receive(b, 64, 64 | RX_EOF, 0));		  /* no start */
	assert_true(receive(b, 64, 0, 0xdead0000U & ~3U));	  /* its own buffer address */
	assert_int_equal(root_nic_recv(&g.nic, got, sizeof(got)), 64);
	assert_int_equal(g.rx_dropped, 4);
	assert_true(receive(b, 200, 0, 0));
	assert_int_equal(root_nic_recv(&g.nic, got, 100), 0); /* more than the caller holds */
	assert_int_equal(g.rx_dropped, 5);
	/* Every descriptor it touched is the device's again, with the driver's buffer. */
	for (u32 i = 0; i < 6; i++) {
		u32 *d = rx_desc(&g, i);

		assert_false(d[0] & RX_OURS);
		assert_ptr_equal(buf_of(d, true), mem.rxbuf[i]);
	}
	assert_int_equal(first, lo(mem.rx));
}

/* A full receive ring stops the device; the driver restarts it once it has room. */
static void test_rx_full(void **state)
{
	u8 b[64] = {0}, got[ROOT_FRAME_MAX];
	u32 restarts;

	(void)state;
	assert_int_equal(gem_init(&g, BASE, NULL), 0);
	for (u32 i = 0; i < GEM_RX_RING; i++)
		assert_true(receive(b, sizeof(b), 0, 0));
	assert_false(receive(b, sizeof(b), 0, 0));
	restarts = f.nwctrl_re_writes;
	assert_int_equal(root_nic_recv(&g.nic, got, sizeof(got)), 64);
	assert_int_equal(f.nwctrl_re_writes, restarts + 1);
	assert_false(R(RXSTATUS) & RXSTATUS_NOBUF);
	assert_true(receive(b, sizeof(b), 0, 0));
	for (u32 i = 0; i < GEM_RX_RING; i++)
		assert_int_equal(root_nic_recv(&g.nic, got, sizeof(got)), 64);
	assert_int_equal(root_nic_recv(&g.nic, got, sizeof(got)), 0);
}

static void test_no_phy(void **state)
{
	(void)state;
	f.no_phy = true;
	assert_int_equal(gem_init(&g, BASE, NULL), 0);
	assert_int_equal(g.phy, GEM_NO_PHY);
	assert_true(root_nic_link(&g.nic));
	assert_string_equal(console, "");
}

/* MDIO that never finishes: reported, bounded, the GEM still usable without its PHY. */
static void test_mdio_stuck(void **state)
{
	(void)state;
	f.mdio_stuck = true;
	assert_int_equal(gem_init(&g, BASE, NULL), 0);
	assert_string_equal(console, "gem at ff0e0000: MDIO does not go idle\n");
	assert_int_equal(g.phy, GEM_NO_PHY);
}

static void test_second_gem(void **state)
{
	struct gem other;

	(void)state;
	assert_int_equal(gem_init(&g, BASE, NULL), 0);
	assert_int_equal(gem_init(&other, 0xff0b0000ULL, NULL), -4);
	assert_string_equal(console, "gem at ff0b0000: not used (the root drives one GEM)\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_init, setup),
	    cmocka_unit_test_setup(test_mac_fallback, setup),
	    cmocka_unit_test_setup(test_tx_wrap, setup),
	    cmocka_unit_test_setup(test_tx_full, setup),
	    cmocka_unit_test_setup(test_rx_wrap, setup),
	    cmocka_unit_test_setup(test_rx_hostile, setup),
	    cmocka_unit_test_setup(test_rx_full, setup),
	    cmocka_unit_test_setup(test_no_phy, setup),
	    cmocka_unit_test_setup(test_mdio_stuck, setup),
	    cmocka_unit_test_setup(test_second_gem, setup),
	};

	return cmocka_run_group_tests_name("gem", tests, NULL, NULL);
}
