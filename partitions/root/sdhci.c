// SPDX-License-Identifier: GPL-2.0
/*
 * SD host controller (SD Host Controller spec 3.0 register set) with one SD
 * memory card (SD physical layer 3.0): reset, clock at 400 kHz for the
 * card's identification, CMD0/CMD8/ACMD41/CMD2/CMD3/CMD9/CMD7, 4-bit bus,
 * 512-byte blocks, then 25 MHz. Reads and writes are single- or multi-block
 * (auto CMD12) by PIO through the buffer data port: no DMA address ever
 * reaches the controller. Everything the card answers is bounded before use
 * (CSD layout, RCA, R1 error bits) and every wait has a deadline, so a dead
 * or hostile controller costs a console line and an error, never a hang.
 */
#include <stdarg.h>
#include <string.h>
#include <bulkhead/fmt.h>
#include "mmio.h"
#include "part.h"
#include "sdhci.h"

/* Registers (32-bit accesses only: the controller and QEMU's model allow them). */
#define R_BLOCK	    0x04 /* block size [11:0], block count [31:16] */
#define R_ARG	    0x08
#define R_CMD	    0x0c /* transfer mode [15:0], command [31:16] */
#define R_RESP0	    0x10
#define R_DATA	    0x20
#define R_PRESENT   0x24
#define R_HOST	    0x28 /* host control [7:0], power control [15:8] */
#define R_CLOCK	    0x2c /* clock control [15:0], timeout [23:16], software reset [31:24] */
#define R_STATUS    0x30 /* normal [15:0], error [31:16]; write 1 to clear */
#define R_STATUS_EN 0x34
#define R_SIGNAL_EN 0x38
#define R_CAPS	    0x40
#define R_VERSION   0xfc /* host controller version [23:16] */

#define PRESENT_CMD_INHIBIT BIT(0)
#define PRESENT_DAT_INHIBIT BIT(1)
#define PRESENT_CARD	    BIT(16)
#define PRESENT_WRITABLE    BIT(19) /* the write-protect switch's pin: 1 = writes allowed */

#define HOST_4BIT BIT(1)
#define POWER_ON  BIT(8)
#define POWER_33V (7U << 9)
#define POWER_30V (6U << 9)
#define POWER_18V (5U << 9)

#define CLOCK_INT_EN BIT(0)
#define CLOCK_STABLE BIT(1)
#define CLOCK_SD_EN  BIT(2)
#define TIMEOUT_MAX  (0xeU << 16)
#define RESET_ALL    BIT(24)
#define RESET_CMD    BIT(25)
#define RESET_DAT    BIT(26)

#define ST_CMD_DONE	   BIT(0)
#define ST_XFER_DONE	   BIT(1)
#define ST_WRITE_READY	   BIT(4)
#define ST_READ_READY	   BIT(5)
#define ST_ERROR	   BIT(15)
#define ST_ERR_CMD_TIMEOUT BIT(16)
#define ST_ENABLE	   (0x03ff0000U | ST_CMD_DONE | ST_XFER_DONE | ST_WRITE_READY | ST_READ_READY)

#define CAPS_V33 BIT(24)
#define CAPS_V30 BIT(25)
#define CAPS_V18 BIT(26)

/* Command register: response type [1:0], CRC [3], index [4], data [5], index [13:8]. */
#define RSP_NONE     0x00
#define RSP_136	     0x09 /* R2: 136 bits, CRC checked */
#define RSP_48	     0x1a /* R1, R6, R7: CRC and index checked */
#define RSP_48_BUSY  0x1b /* R1b */
#define RSP_48_NOCRC 0x02 /* R3: the OCR has no CRC */
#define CMD_DATA     BIT(5)
#define MODE_BLKCNT  BIT(1)
#define MODE_ACMD12  BIT(2)
#define MODE_READ    BIT(4)
#define MODE_MULTI   BIT(5)

/* Card status (R1) bits that mean the command failed. */
#define R1_ERRORS     0xfdf90008U
#define R1_READY      BIT(8)
#define R1_STATE(r)   (((r) >> 9) & 0xf)
#define R1_STATE_TRAN 4

#define OCR_BUSY      BIT(31) /* set: power-up done */
#define OCR_CCS	      BIT(30) /* card capacity status: block addressed */
#define OCR_HCS	      BIT(30)
#define OCR_VDD_27_36 0x00ff8000U

#define SDHC_MAX    (32ULL << 21) /* sectors: SDHC cards hold up to 32 GiB */
#define BLOCK	    512U
#define CHUNK	    0xffffU /* block count register: 16 bits */
#define CMD_MS	    100	    /* a command and its response */
#define DATA_MS	    1000    /* a block moved, or a write's busy */
#define INIT_MS	    1000    /* ACMD41 power-up, as the SD spec allows */
#define QUIET_AFTER 8	    /* failed transfers reported one by one */

/*
 * A line about this controller. After QUIET_AFTER failed transfers the card
 * is plainly broken: further lines would only flood the console (every
 * block request of every child would add some), so they are counted instead.
 */
static void say(struct sdhci *s, const char *fmt, ...)
{
	char line[160];
	va_list ap;

	if (s->errors >= QUIET_AFTER) {
		s->unreported++;
		return;
	}
	va_start(ap, fmt);
	bh_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	printf("sdhci at %s: %s", s->where, line);
}

static u32 rd(struct sdhci *s, u32 off)
{
	return readl(s->base + off);
}

static void wr(struct sdhci *s, u32 off, u32 v)
{
	writel(s->base + off, v);
}

static u64 deadline_ms(u32 ms)
{
	return timer_now() + timer_freq() / 1000 * ms;
}

/* Until (reg & mask) == want; false at the deadline. */
static bool wait_reg(struct sdhci *s, u32 off, u32 mask, u32 want, u32 ms)
{
	u64 end = deadline_ms(ms);

	while ((rd(s, off) & mask) != want)
		if (timer_now() > end)
			return false;
	return true;
}

/* A reset of the given lines (RESET_*), bounded: the bits clear when done. */
static bool reset_lines(struct sdhci *s, u32 lines)
{
	wr(s, R_CLOCK, (rd(s, R_CLOCK) & 0x00ffffffU) | lines);
	return wait_reg(s, R_CLOCK, lines, 0, CMD_MS);
}

/*
 * Waits for any status bit in want, or an error. 0, -1 on an error
 * (reported, lines reset), -2 on timeout (reported, lines reset).
 */
static int wait_status(struct sdhci *s, u32 want, u32 ms, const char *what)
{
	u64 end = deadline_ms(ms);
	u32 st;

	while (!((st = rd(s, R_STATUS)) & (want | ST_ERROR)))
		if (timer_now() > end) {
			say(s, "%s timed out (status 0x%x)\n", what, st);
			reset_lines(s, RESET_CMD | RESET_DAT);
			return -2;
		}
	if (st & ST_ERROR) {
		/* CMD8's silence is how an SD 1.x card answers: the caller decides. */
		if ((st >> 16) != (ST_ERR_CMD_TIMEOUT >> 16) || strcmp(what, "CMD8"))
			say(s, "%s failed (error status 0x%x)\n", what, st >> 16);
		wr(s, R_STATUS, st);
		reset_lines(s, RESET_CMD | RESET_DAT);
		return -1;
	}
	wr(s, R_STATUS, st & want);
	return 0;
}

/* One command and its response (resp: 4 words for R2, else 1); no data. */
static int command(struct sdhci *s, u32 index, u32 arg, u32 flags, u32 mode, u32 *resp)
{
	char what[8];
	u32 inhibit = PRESENT_CMD_INHIBIT;
	int rc;

	bh_snprintf(what, sizeof(what), "CMD%u", index);
	if ((flags & CMD_DATA) || (flags & 3) == (RSP_48_BUSY & 3))
		inhibit |= PRESENT_DAT_INHIBIT;
	if (!wait_reg(s, R_PRESENT, inhibit, 0, CMD_MS)) {
		say(s, "%s: controller busy (present state 0x%x)\n", what, rd(s, R_PRESENT));
		reset_lines(s, RESET_CMD | RESET_DAT);
		return -2;
	}
	wr(s, R_STATUS, 0xffffffffU);
	wr(s, R_ARG, arg);
	wr(s, R_CMD, (index << 24) | (flags << 16) | mode);
	rc = wait_status(s, ST_CMD_DONE, CMD_MS, what);
	if (rc)
		return rc;
	if (resp) {
		resp[0] = rd(s, R_RESP0);
		if ((flags & 3) == (RSP_136 & 3))
			for (u32 i = 1; i < 4; i++)
				resp[i] = rd(s, R_RESP0 + 4 * i);
	}
	/* R1b: the card holds DAT0 low while busy; the controller shows it as DAT inhibit. */
	if ((flags & 3) == (RSP_48_BUSY & 3) &&
	    !wait_reg(s, R_PRESENT, PRESENT_DAT_INHIBIT, 0, DATA_MS)) {
		say(s, "%s: card busy too long\n", what);
		return -2;
	}
	return 0;
}

/* An R1 command whose card status must show no error. */
static int command_r1(struct sdhci *s, u32 index, u32 arg, u32 flags)
{
	u32 r1;
	int rc = command(s, index, arg, flags, 0, &r1);

	if (!rc && (r1 & R1_ERRORS)) {
		say(s, "CMD%u: card status 0x%x\n", index, r1);
		return -3;
	}
	return rc;
}

static int app_command(struct sdhci *s, u32 index, u32 arg, u32 flags, u32 *resp)
{
	int rc = command_r1(s, 55, s->rca << 16, RSP_48);

	return rc ? rc : command(s, index, arg, flags, 0, resp);
}

/* SDCLK = base / (2 * div), div 10 bits (0: base itself); base from the capabilities. */
static int set_clock(struct sdhci *s, u32 hz)
{
	u32 caps = rd(s, R_CAPS), base = ((caps >> 8) & 0xff) * 1000000U, div = 0, clk;

	if (!base)
		base = 50000000U; /* not in the capabilities: the spec's usual SD base */
	if (hz < base)
		div = MIN((base + 2 * hz - 1) / (2 * hz), 0x3ffU);
	clk = ((div & 0xff) << 8) | ((div >> 8) << 6);
	wr(s, R_CLOCK, TIMEOUT_MAX | clk | CLOCK_INT_EN);
	if (!wait_reg(s, R_CLOCK, CLOCK_STABLE, CLOCK_STABLE, CMD_MS)) {
		say(s, "internal clock not stable\n");
		return -2;
	}
	wr(s, R_CLOCK, TIMEOUT_MAX | clk | CLOCK_INT_EN | CLOCK_SD_EN);
	return 0;
}

/* Bits [hi:lo] of a 128-bit register as the controller stores R2 (CRC dropped: bit n at n - 8). */
static u32 csd_bits(const u32 *r, u32 hi, u32 lo)
{
	u32 v = 0;

	for (u32 b = hi + 1; b-- > lo;)
		v = v << 1 | ((r[(b - 8) / 32] >> ((b - 8) % 32)) & 1);
	return v;
}

/* Sectors from the CSD; 0 if its layout is one this driver does not know. */
static u64 csd_capacity(struct sdhci *s, const u32 *csd)
{
	u32 structure = csd_bits(csd, 127, 126);

	if (structure == 1) /* CSD 2.0: SDHC/SDXC, (C_SIZE + 1) * 512 KiB */
		return ((u64)csd_bits(csd, 69, 48) + 1) * 1024;
	if (structure == 0) { /* CSD 1.0: SDSC */
		u32 c_size = csd_bits(csd, 73, 62), mult = csd_bits(csd, 49, 47);
		u32 bl_len = csd_bits(csd, 83, 80);

		if (bl_len < 9 || bl_len > 11) {
			say(s, "CSD block length 2^%u not supported\n", bl_len);
			return 0;
		}
		return ((u64)c_size + 1) << (mult + 2 + bl_len - 9);
	}
	say(s, "CSD structure %u not supported\n", structure);
	return 0;
}

static int card_init(struct sdhci *s)
{
	u32 r[4], ocr = 0, hcs = OCR_HCS;
	u64 end;
	int rc;

	if ((rc = command(s, 0, 0, RSP_NONE, 0, NULL)))
		return rc;
	/* CMD8: an SD 2.0+ card echoes the check pattern; an SD 1.x card stays silent. */
	rc = command(s, 8, 0x1aa, RSP_48, 0, r);
	if (rc == -1)
		hcs = 0;
	else if (rc)
		return rc;
	else if ((r[0] & 0xfff) != 0x1aa) {
		say(s, "CMD8 echoed 0x%x, not 0x1aa\n", r[0] & 0xfff);
		return -3;
	}
	end = deadline_ms(INIT_MS);
	do {
		if ((rc = app_command(s, 41, hcs | OCR_VDD_27_36, RSP_48_NOCRC, &ocr)))
			return rc;
		if (timer_now() > end) {
			say(s, "card did not power up (OCR 0x%x)\n", ocr);
			return -2;
		}
	} while (!(ocr & OCR_BUSY));
	if ((rc = command(s, 2, 0, RSP_136, 0, r)) || (rc = command(s, 3, 0, RSP_48, 0, r)))
		return rc;
	s->rca = r[0] >> 16;
	if (!s->rca) {
		say(s, "card published address 0\n");
		return -3;
	}
	if ((rc = command(s, 9, s->rca << 16, RSP_136, 0, r)))
		return rc;
	s->disk.capacity = csd_capacity(s, r);
	if (!s->disk.capacity)
		return -3;
	s->block_addr = (ocr & OCR_CCS) != 0;
	if (s->block_addr != (csd_bits(r, 127, 126) == 1)) {
		say(s, "OCR and CSD disagree on the card's addressing\n");
		return -3;
	}
	s->kind = !s->block_addr ? "SDSC" : s->disk.capacity > SDHC_MAX ? "SDXC" : "SDHC";
	if ((rc = command_r1(s, 7, s->rca << 16, RSP_48_BUSY)) ||
	    (rc = app_command(s, 6, 2, RSP_48, r)))
		return rc;
	wr(s, R_HOST, rd(s, R_HOST) | HOST_4BIT);
	if ((rc = command_r1(s, 16, BLOCK, RSP_48)))
		return rc;
	return set_clock(s, 25000000U);
}

static int disk_read(struct root_disk *d, u64 sector, void *buf, u32 count)
{
	return sdhci_read(container_of(d, struct sdhci, disk), sector, buf, count);
}

static int disk_write(struct root_disk *d, u64 sector, const void *buf, u32 count)
{
	return sdhci_write(container_of(d, struct sdhci, disk), sector, buf, count);
}

static int disk_flush(struct root_disk *d)
{
	return sdhci_flush(container_of(d, struct sdhci, disk));
}

static const struct root_disk_ops sdhci_ops = {disk_read, disk_write, disk_flush};

int sdhci_init(struct sdhci *s, u64 base)
{
	u32 caps, power;
	int rc;

	memset(s, 0, sizeof(*s));
	s->base = base;
	s->disk.ops = &sdhci_ops;
	bh_snprintf(s->where, sizeof(s->where), "%llx", (unsigned long long)base);
	if (!reset_lines(s, RESET_ALL)) {
		say(s, "controller did not come out of reset\n");
		return -2;
	}
	if (!(rd(s, R_PRESENT) & PRESENT_CARD)) {
		say(s, "no card\n");
		return -4;
	}
	s->read_only = !(rd(s, R_PRESENT) & PRESENT_WRITABLE);
	caps = rd(s, R_CAPS);
	power = caps & CAPS_V33 ? POWER_33V : caps & CAPS_V30 ? POWER_30V : POWER_18V;
	wr(s, R_HOST, power | POWER_ON);
	wr(s, R_STATUS_EN, ST_ENABLE);
	wr(s, R_SIGNAL_EN, 0); /* polled */
	if ((rc = set_clock(s, 400000U)))
		return rc;
	wr(s, R_BLOCK, BLOCK);
	return card_init(s);
}

/* The command's argument for a sector: SDSC cards take byte addresses. */
static u32 card_addr(struct sdhci *s, u64 sector)
{
	return (u32)(s->block_addr ? sector : sector * BLOCK);
}

static int transfer(struct sdhci *s, u64 sector, u8 *buf, u32 count, bool write)
{
	u32 mode = MODE_BLKCNT | (write ? 0 : MODE_READ), index, r1;
	int rc;

	if (count > 1)
		mode |= MODE_MULTI | MODE_ACMD12;
	index = write ? (count > 1 ? 25 : 24) : (count > 1 ? 18 : 17);
	wr(s, R_BLOCK, (count << 16) | BLOCK);
	rc = command(s, index, card_addr(s, sector), RSP_48 | CMD_DATA, mode, &r1);
	if (!rc && (r1 & R1_ERRORS)) {
		say(s, "CMD%u: card status 0x%x\n", index, r1);
		reset_lines(s, RESET_CMD | RESET_DAT);
		rc = -3;
	}
	for (u32 b = 0; !rc && b < count; b++) {
		rc = wait_status(s, write ? ST_WRITE_READY : ST_READ_READY, DATA_MS,
				 write ? "writing a block" : "reading a block");
		for (u32 i = 0; !rc && i < BLOCK / 4; i++) {
			u32 w;

			if (write) {
				memcpy(&w, buf + b * BLOCK + i * 4, 4);
				wr(s, R_DATA, w);
			} else {
				w = rd(s, R_DATA);
				memcpy(buf + b * BLOCK + i * 4, &w, 4);
			}
		}
	}
	if (!rc)
		rc = wait_status(s, ST_XFER_DONE, DATA_MS, write ? "write" : "read");
	if (rc && count > 1) /* the card may still be sending or receiving: stop it */
		command(s, 12, 0, RSP_48_BUSY, 0, &r1);
	return rc;
}

static int rw(struct sdhci *s, u64 sector, u8 *buf, u32 count, bool write)
{
	int rc = 0;

	if (!count || sector >= s->disk.capacity || count > s->disk.capacity - sector) {
		say(s, "%u sectors at %llu are outside the card (%llu sectors)\n", count,
		    (unsigned long long)sector, (unsigned long long)s->disk.capacity);
		return -5;
	}
	if (write && s->read_only) {
		say(s, "the card is write-protected; write refused\n");
		return -6;
	}
	while (!rc && count) {
		u32 n = MIN(count, CHUNK);

		rc = transfer(s, sector, buf, n, write);
		sector += n;
		buf += (u64)n * BLOCK;
		count -= n;
	}
	if (rc && ++s->errors == QUIET_AFTER)
		printf(
		    "sdhci at %s: %u failed transfers; further errors are counted, not reported\n",
		    s->where, QUIET_AFTER);
	return rc;
}

int sdhci_read(struct sdhci *s, u64 sector, void *buf, u32 count)
{
	return rw(s, sector, buf, count, false);
}

int sdhci_write(struct sdhci *s, u64 sector, const void *buf, u32 count)
{
	return rw(s, sector, (u8 *)(uintptr_t)buf, count, true);
}

/* SD cards in default mode have no volatile cache: done once the card is back in "tran". */
int sdhci_flush(struct sdhci *s)
{
	u64 end = deadline_ms(DATA_MS);
	u32 r1;
	int rc;

	do {
		if ((rc = command(s, 13, s->rca << 16, RSP_48, 0, &r1)))
			return rc;
		if (r1 & R1_ERRORS) {
			say(s, "CMD13: card status 0x%x\n", r1);
			return -3;
		}
		if ((r1 & R1_READY) && R1_STATE(r1) == R1_STATE_TRAN)
			return 0;
	} while (timer_now() <= end);
	say(s, "card not ready after a flush (status 0x%x)\n", r1);
	return -2;
}
