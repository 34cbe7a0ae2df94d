// SPDX-License-Identifier: GPL-2.0
/*
 * Cadence GEM Ethernet (the Zynq UltraScale+ GEM0..3; QEMU's cadence_gem).
 * The rings and buffers are the root's own static memory; descriptors have
 * 64-bit addresses when the GEM supports them (DESCONF6), as the ZynqMP's
 * do. Extra priority queues get a descriptor that is never the device's, so
 * they neither send nor take frames. The device writes the receive
 * descriptors: their length and flags are bounded before a byte is copied,
 * the buffer address is always the driver's own, never the descriptor's.
 */
#include <string.h>
#include <bulkhead/fmt.h>
#include "gem.h"
#include "mmio.h"
#include "part.h"

#define NWCTRL	  0x000
#define NWCFG	  0x004
#define NWSTATUS  0x008
#define DMACFG	  0x010
#define TXSTATUS  0x014
#define RXQBASE	  0x018
#define TXQBASE	  0x01c
#define RXSTATUS  0x020
#define ISR	  0x024
#define IER	  0x028
#define IDR	  0x02c
#define PHYMNTNC  0x034
#define SPADDR1LO 0x088
#define SPADDR1HI 0x08c
#define DESCONF6  0x294
#define TXQ1BASE  0x440 /* queue n (1..7): + 4 * (n - 1) */
#define RXQ1BASE  0x480
#define TBQPH	  0x4c8
#define RBQPH	  0x4d4

#define NWCTRL_RE	   BIT(2)
#define NWCTRL_TE	   BIT(3)
#define NWCTRL_MPE	   BIT(4)
#define NWCTRL_CLRSTAT	   BIT(5)
#define NWCTRL_TSTART	   BIT(9)
#define NWCFG_SPD100	   BIT(0)
#define NWCFG_FD	   BIT(1)
#define NWCFG_PROMISC	   BIT(4)
#define NWCFG_RX1536	   BIT(8)
#define NWCFG_GIGE	   BIT(10)
#define NWCFG_FCS_REMOVE   BIT(17)
#define NWCFG_KEEP	   (7U << 18 | 3U << 21) /* MDC clock divider, data bus width: the SoC's */
#define NWSTATUS_MDIO_IDLE BIT(2)
#define DMACFG_RXBUF_SHIFT 16
#define DMACFG_RXBUF_MASK  (0xffU << 16)
#define DMACFG_ENDIAN	   (3U << 6)
#define DMACFG_BD_EXT	   (3U << 28)
#define DMACFG_ADDR64	   BIT(30)
#define DESCONF6_ADDR64	   BIT(23)
#define DESCONF6_QUEUES	   0xfeU /* bit n: priority queue n exists */
#define RXSTATUS_NOBUF	   BIT(0)
#define INT_RXCMPL	   BIT(1)
#define INT_ALL		   0x07ffffffU

/* Descriptors: word 0 address (RX: | wrap | ours), word 1 control/status, word 2 address high. */
#define RX_OURS BIT(0) /* set by the device once it filled the buffer */
#define RX_WRAP BIT(1)
#define RX_LEN	0x1fffU
#define RX_SOF	BIT(14)
#define RX_EOF	BIT(15)
#define TX_LAST BIT(15)
#define TX_WRAP BIT(30)
#define TX_USED BIT(31) /* set: the driver's (the device sets it once sent) */

#define MII_BMCR       0
#define MII_BMSR       1
#define MII_PHYID1     2
#define BMCR_ANENABLE  BIT(12)
#define BMCR_ANRESTART BIT(9)
#define BMSR_LINK      BIT(2)

#define BUF	2048U /* one frame per buffer (at most 1536 received), 64-byte multiple */
#define MDIO_MS 10

static struct {
	u32 rx[GEM_RX_RING * 4];
	u32 tx[GEM_TX_RING * 4];
	u32 rx_idle[4], tx_idle[4]; /* the other priority queues' only descriptor */
	u8 rxbuf[GEM_RX_RING][BUF];
	u8 txbuf[GEM_TX_RING][BUF];
} mem __attribute__((aligned(4096)));
static bool mem_used;

static u32 rd(struct gem *g, u32 off)
{
	return readl(g->base + off);
}

static void wr(struct gem *g, u32 off, u32 v)
{
	writel(g->base + off, v);
}

static u32 lo(const void *p)
{
	return (u32)(uintptr_t)p;
}

static u32 hi(const void *p)
{
	return (u32)((u64)(uintptr_t)p >> 32);
}

static bool mdio_idle(struct gem *g)
{
	u64 end = timer_now() + timer_freq() / 1000 * MDIO_MS;

	while (!(rd(g, NWSTATUS) & NWSTATUS_MDIO_IDLE))
		if (timer_now() > end)
			return false;
	return true;
}

/* Clause 22 frame: start 01, op (1 write, 2 read), PHY, register, turnaround 10. */
static int mdio(struct gem *g, u32 op, u32 phy, u32 reg, u32 data)
{
	if (!mdio_idle(g))
		return -1;
	wr(g, PHYMNTNC,
	   BIT(30) | op << 28 | (phy & 31) << 23 | (reg & 31) << 18 | BIT(17) | (data & 0xffff));
	if (!mdio_idle(g))
		return -1;
	return (int)(rd(g, PHYMNTNC) & 0xffff);
}

/* The first MDIO address that answers (nobody drives the bus: all ones). */
static u32 find_phy(struct gem *g)
{
	for (u32 a = 0; a < 32; a++) {
		int id = mdio(g, 2, a, MII_PHYID1, 0);

		if (id < 0) {
			printf("gem at %s: MDIO does not go idle\n", g->where);
			return GEM_NO_PHY;
		}
		if (id != 0xffff && id != 0)
			return a;
	}
	return GEM_NO_PHY;
}

static u32 *rx_desc(struct gem *g, u32 i)
{
	return &mem.rx[i * g->dwords];
}

static u32 *tx_desc(struct gem *g, u32 i)
{
	return &mem.tx[i * g->dwords];
}

/* Gives receive descriptor i (back) to the device, always with the driver's own buffer. */
static void rx_give(struct gem *g, u32 i)
{
	u32 *d = rx_desc(g, i);

	if (g->dwords == 4)
		d[2] = hi(mem.rxbuf[i]);
	d[1] = 0;
	dma_mb(); /* the rest before the ownership */
	WRITE_ONCE(d[0], lo(mem.rxbuf[i]) | (i == GEM_RX_RING - 1 ? RX_WRAP : 0));
}

static void rings_init(struct gem *g)
{
	memset(mem.rx, 0, sizeof(mem.rx));
	memset(mem.tx, 0, sizeof(mem.tx));
	for (u32 i = 0; i < GEM_RX_RING; i++)
		rx_give(g, i);
	for (u32 i = 0; i < GEM_TX_RING; i++) {
		u32 *d = tx_desc(g, i);

		d[0] = lo(mem.txbuf[i]);
		if (g->dwords == 4)
			d[2] = hi(mem.txbuf[i]);
		d[1] = TX_USED | (i == GEM_TX_RING - 1 ? TX_WRAP : 0);
	}
	memset(mem.rx_idle, 0, sizeof(mem.rx_idle));
	memset(mem.tx_idle, 0, sizeof(mem.tx_idle));
	mem.rx_idle[0] = RX_OURS | RX_WRAP; /* full: the device never writes it */
	mem.tx_idle[1] = TX_USED | TX_WRAP; /* empty: the device never sends from it */
	g->rx_next = g->tx_head = g->tx_tail = 0;
	dma_mb();
}

static int nic_send(struct root_nic *n, const void *frame, u32 len)
{
	return gem_send(container_of(n, struct gem, nic), frame, len);
}

static u32 nic_recv(struct root_nic *n, void *frame, u32 cap)
{
	return gem_recv(container_of(n, struct gem, nic), frame, cap);
}

static bool nic_link(struct root_nic *n)
{
	return gem_link(container_of(n, struct gem, nic));
}

static const struct root_nic_ops gem_ops = {nic_send, nic_recv, nic_link};

int gem_init(struct gem *g, u64 base, const u8 *mac)
{
	u32 conf6, dmacfg, queues, lo_mac, hi_mac;

	memset(g, 0, sizeof(*g));
	g->base = base;
	g->nic.ops = &gem_ops;
	bh_snprintf(g->where, sizeof(g->where), "%llx", (unsigned long long)base);
	if (mem_used) {
		printf("gem at %s: not used (the root drives one GEM)\n", g->where);
		return -4;
	}
	wr(g, NWCTRL, 0); /* receive and transmit off: the queue pointers may change */
	wr(g, IDR, INT_ALL);
	(void)rd(g, ISR);
	wr(g, TXSTATUS, 0x1ff);
	wr(g, RXSTATUS, 0xf);
	wr(g, NWCTRL, NWCTRL_CLRSTAT);
	conf6 = rd(g, DESCONF6);
	g->dwords = conf6 & DESCONF6_ADDR64 ? 4 : 2;
	if (g->dwords == 2 && hi(&mem)) {
		printf("gem at %s: no 64-bit DMA and the root's memory is above 4 GiB\n", g->where);
		return -3;
	}
	/* One upper half for each ring and its buffers (TBQPH/RBQPH hold it). */
	if (hi(&mem) != hi((u8 *)&mem + sizeof(mem) - 1)) {
		printf("gem at %s: its rings cross a 4 GiB boundary\n", g->where);
		return -3;
	}
	mem_used = true;
	rings_init(g);
	dmacfg =
	    rd(g, DMACFG) & ~(DMACFG_RXBUF_MASK | DMACFG_ENDIAN | DMACFG_BD_EXT | DMACFG_ADDR64);
	dmacfg |= (BUF / 64) << DMACFG_RXBUF_SHIFT | (g->dwords == 4 ? DMACFG_ADDR64 : 0);
	wr(g, DMACFG, dmacfg);
	if (g->dwords == 4) {
		wr(g, TBQPH, hi(mem.tx));
		wr(g, RBQPH, hi(mem.rx));
	}
	wr(g, RXQBASE, lo(mem.rx));
	wr(g, TXQBASE, lo(mem.tx));
	queues = conf6 & DESCONF6_QUEUES;
	for (u32 q = 1; q < 8; q++)
		if (queues & BIT(q)) {
			wr(g, TXQ1BASE + 4 * (q - 1), lo(mem.tx_idle));
			wr(g, RXQ1BASE + 4 * (q - 1), lo(mem.rx_idle));
		}
	if (mac) {
		memcpy(g->nic.mac, mac, 6);
	} else {
		lo_mac = rd(g, SPADDR1LO);
		hi_mac = rd(g, SPADDR1HI);
		for (u32 i = 0; i < 4; i++)
			g->nic.mac[i] = (u8)(lo_mac >> (8 * i));
		g->nic.mac[4] = (u8)hi_mac;
		g->nic.mac[5] = (u8)(hi_mac >> 8);
	}
	if (!(g->nic.mac[0] | g->nic.mac[1] | g->nic.mac[2] | g->nic.mac[3] | g->nic.mac[4] |
	      g->nic.mac[5]) ||
	    (g->nic.mac[0] & 1)) {
		/* None usable: a locally administered one from its address, stable across boots. */
		static const u8 local[6] = {0x02, 0x42, 0x48, 0x00, 0x00, 0x00};

		memcpy(g->nic.mac, local, 6);
		g->nic.mac[4] = (u8)(base >> 24);
		g->nic.mac[5] = (u8)(base >> 16);
	}
	wr(g, SPADDR1LO,
	   (u32)g->nic.mac[0] | (u32)g->nic.mac[1] << 8 | (u32)g->nic.mac[2] << 16 |
	       (u32)g->nic.mac[3] << 24);
	wr(g, SPADDR1HI, (u32)g->nic.mac[4] | (u32)g->nic.mac[5] << 8); /* activates the filter */
	wr(g, NWCFG,
	   (rd(g, NWCFG) & NWCFG_KEEP) | NWCFG_SPD100 | NWCFG_FD | NWCFG_PROMISC | NWCFG_RX1536 |
	       NWCFG_GIGE | NWCFG_FCS_REMOVE);
	wr(g, NWCTRL, NWCTRL_MPE);
	g->phy = find_phy(g);
	if (g->phy != GEM_NO_PHY)
		mdio(g, 1, g->phy, MII_BMCR, BMCR_ANENABLE | BMCR_ANRESTART);
	wr(g, NWCTRL, NWCTRL_MPE | NWCTRL_RE | NWCTRL_TE);
	return 0;
}

/* What the device has sent: it marks a frame's descriptor used again. */
static void reclaim(struct gem *g)
{
	while (g->tx_tail != g->tx_head && (READ_ONCE(tx_desc(g, g->tx_tail)[1]) & TX_USED))
		g->tx_tail = (g->tx_tail + 1) % GEM_TX_RING;
}

int gem_send(struct gem *g, const void *frame, u32 len)
{
	u32 *d;

	reclaim(g);
	if ((g->tx_head + 1) % GEM_TX_RING == g->tx_tail) {
		/* Full: the device may have stopped at a descriptor it read before it was ready. */
		wr(g, NWCTRL, NWCTRL_MPE | NWCTRL_RE | NWCTRL_TE | NWCTRL_TSTART);
		reclaim(g);
	}
	if ((g->tx_head + 1) % GEM_TX_RING == g->tx_tail || !len || len > ROOT_FRAME_MAX) {
		g->tx_dropped++;
		return -1;
	}
	d = tx_desc(g, g->tx_head);
	memcpy(mem.txbuf[g->tx_head], frame, len);
	d[0] = lo(mem.txbuf[g->tx_head]); /* the driver's own buffer, whatever the device wrote */
	if (g->dwords == 4)
		d[2] = hi(mem.txbuf[g->tx_head]);
	dma_mb(); /* the frame and the address before the descriptor is the device's */
	WRITE_ONCE(d[1], len | TX_LAST | (g->tx_head == GEM_TX_RING - 1 ? TX_WRAP : 0));
	g->tx_head = (g->tx_head + 1) % GEM_TX_RING;
	dma_mb();
	wr(g, NWCTRL, NWCTRL_MPE | NWCTRL_RE | NWCTRL_TE | NWCTRL_TSTART);
	return 0;
}

u32 gem_recv(struct gem *g, void *frame, u32 cap)
{
	u32 got = 0;

	/* At most one ring's worth per call: bad frames are skipped, not looped on forever. */
	for (u32 n = 0; n < GEM_RX_RING && !got; n++) {
		u32 i = g->rx_next, *d = rx_desc(g, i), st, len;

		if (!(READ_ONCE(d[0]) & RX_OURS))
			break;
		dma_mb(); /* the status and the data after the ownership */
		st = READ_ONCE(d[1]);
		len = st & RX_LEN;
		/* The device's length and flags: one whole frame, within our buffer and the
		 * caller's. */
		if ((st & (RX_SOF | RX_EOF)) == (RX_SOF | RX_EOF) && len >= 14 && len <= BUF &&
		    len <= cap) {
			memcpy(frame, mem.rxbuf[i], len);
			got = len;
		} else {
			g->rx_dropped++;
		}
		rx_give(g, i);
		g->rx_next = (i + 1) % GEM_RX_RING;
	}
	/* The device stopped on a full ring: it looks at the descriptor again when told. */
	if (rd(g, RXSTATUS) & RXSTATUS_NOBUF) {
		wr(g, RXSTATUS, RXSTATUS_NOBUF);
		dma_mb();
		wr(g, NWCTRL, NWCTRL_MPE | NWCTRL_RE | NWCTRL_TE);
	}
	return got;
}

bool gem_link(struct gem *g)
{
	int s;

	if (g->phy == GEM_NO_PHY)
		return true;
	mdio(g, 2, g->phy, MII_BMSR, 0); /* the link bit latches low: the second read is now */
	s = mdio(g, 2, g->phy, MII_BMSR, 0);
	return s >= 0 && (s & BMSR_LINK);
}

void gem_ack_irq(struct gem *g)
{
	(void)rd(g, ISR);
	g->irqs++;
}

void gem_irq_enable(struct gem *g, u32 intid)
{
	g->intid = intid;
	(void)rd(g, ISR);
	wr(g, IER, INT_RXCMPL);
}
