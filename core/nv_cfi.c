// SPDX-License-Identifier: GPL-2.0
/*
 * CFI NOR flash (Intel/Sharp command set, as QEMU's pflash_cfi01) for the
 * rollback store: probed with the CFI query, so the chip width, interleave
 * and erase block size come from the chip, not from the config. Commands
 * go to every chip of the bank at once, each in its low byte lane.
 */
#include <string.h>
#include "arch.h"
#include "console.h"
#include "nvstore.h"

#define CMD_READ_ARRAY	 0xff
#define CMD_READ_STATUS	 0x70
#define CMD_CLEAR_STATUS 0x50
#define CMD_QUERY	 0x98
#define CMD_ERASE	 0x20
#define CMD_CONFIRM	 0xd0
#define CMD_PROGRAM	 0x40
#define SR_READY	 0x80
#define SR_ERROR	 0x3a /* erase, program, Vpp, locked */
#define TIMEOUT_S	 10   /* NOR block erase: typically 1 s, 5 s worst case */

static struct {
	volatile u8 *chip; /* the flash bank: where CFI queries go */
	volatile u8 *base; /* the store inside it */
	u64 size;
	u32 bw;	   /* bank width in bytes */
	u32 cw;	   /* chip width: bw / cw chips side by side */
	u32 block; /* erase block as the bus sees it */
	u32 copy;  /* bytes per copy: whole blocks */
} nv;

/* One bus-width access at base + off (the bank for queries, else the store). */
static u32 rd_at(volatile u8 *base, u64 off)
{
	volatile u8 *a = base + off;

	switch (nv.bw) {
	case 1:
		return *a;
	case 2:
		return *(volatile u16 *)a;
	default:
		return *(volatile u32 *)a;
	}
}

static void wr_at(volatile u8 *base, u64 off, u32 v)
{
	volatile u8 *a = base + off;

	switch (nv.bw) {
	case 1:
		*a = (u8)v;
		break;
	case 2:
		*(volatile u16 *)a = (u16)v;
		break;
	default:
		*(volatile u32 *)a = v;
		break;
	}
}

static u32 rd(u64 off)
{
	return rd_at(nv.base, off);
}

static void wr(u64 off, u32 v)
{
	wr_at(nv.base, off, v);
}

/* b in the low byte lane of every chip of the bank. */
static u32 rep(u32 b, u32 cw)
{
	u32 v = 0;

	for (u32 i = 0; i < nv.bw; i += cw)
		v |= b << (8 * i);
	return v;
}

static void cmd(u64 off, u32 c)
{
	wr(off, rep(c, nv.cw));
}

/* Queries go to the bank's base, every other command into the store. */
static u32 chip_rd(u64 off)
{
	return rd_at(nv.chip, off);
}

static void chip_cmd(u64 off, u32 c)
{
	wr_at(nv.chip, off, rep(c, nv.cw));
}

/* A CFI query byte: the first chip's low lane. */
static u32 query(u32 q)
{
	return chip_rd((u64)q * nv.bw) & 0xff;
}

static int fail(const char *what, u64 off, u32 sr)
{
	cmd(0, CMD_READ_ARRAY);
	log_printf("rollback store: %s at 0x%llx failed (status 0x%x)", what,
		   (unsigned long long)((uintptr_t)nv.base + off), sr);
	return -1;
}

/* Waits until every chip is ready; 0, or -1 after saying what failed. */
static int wait_ready(u64 off, const char *what)
{
	u32 ready = rep(SR_READY, nv.cw), err = rep(SR_ERROR, nv.cw);
	u64 end = arch_counter() + arch_counter_freq() * TIMEOUT_S;
	u32 sr;

	cmd(off, CMD_READ_STATUS);
	while (((sr = rd(off)) & ready) != ready)
		if (arch_counter() > end)
			return fail(what, off, sr);
	if (sr & err) {
		cmd(off, CMD_CLEAR_STATUS);
		return fail(what, off, sr);
	}
	return 0;
}

int nvstore_init(u64 bank_pa, u64 pa, u64 size, u32 bank_width)
{
	u32 regions, block, cmd_set;

	nv.chip = phys_to_virt(bank_pa);
	nv.base = phys_to_virt(pa);
	nv.size = size;
	nv.bw = bank_width;
	if (bank_width != 1 && bank_width != 2 && bank_width != 4) {
		log_printf("rollback store: bank width %u is not 1, 2 or 4", bank_width);
		return -1;
	}
	/* The chip width is the one whose replicated query answer reads back. */
	for (nv.cw = 1; nv.cw <= nv.bw; nv.cw *= 2) {
		chip_cmd(0, CMD_READ_ARRAY);
		chip_cmd(0x55 * nv.bw, CMD_QUERY);
		if (chip_rd(0x10 * nv.bw) == rep('Q', nv.cw) &&
		    chip_rd(0x11 * nv.bw) == rep('R', nv.cw) &&
		    chip_rd(0x12 * nv.bw) == rep('Y', nv.cw))
			break;
	}
	if (nv.cw > nv.bw) {
		cmd(0, CMD_READ_ARRAY);
		log_printf("rollback store at 0x%llx: no CFI flash answers",
			   (unsigned long long)pa);
		return -1;
	}
	cmd_set = query(0x13) | query(0x14) << 8;
	if (cmd_set != 1 && cmd_set != 3) {
		log_printf("rollback store at 0x%llx: CFI command set 0x%x is not Intel's (1 or 3)",
			   (unsigned long long)pa, cmd_set);
		cmd(0, CMD_READ_ARRAY);
		return -1;
	}
	regions = query(0x2c);
	block = (query(0x2f) | query(0x30) << 8) * 256;
	cmd(0, CMD_READ_ARRAY);
	if (regions != 1 || !block) {
		log_printf("rollback store at 0x%llx: %u erase block regions; only uniform blocks "
			   "are supported",
			   (unsigned long long)pa, regions);
		return -1;
	}
	nv.block = block * (nv.bw / nv.cw);
	/* Offsets are relative to the region, which must start on a block. */
	if ((pa - bank_pa) % nv.block || size < 2ULL * nv.block) {
		log_printf("rollback store 0x%llx+0x%llx: must be block aligned and hold two "
			   "erase blocks of 0x%x bytes",
			   (unsigned long long)pa, (unsigned long long)size, nv.block);
		return -1;
	}
	nv.copy = (u32)(size / 2 / nv.block * nv.block);
	return 0;
}

/* Word by word: device memory takes no unaligned or paired loads. */
int nvstore_read(int copy, void *buf, u32 len)
{
	u64 start = (u64)copy * nv.copy;
	u8 *dst = buf;

	if (len > nv.copy)
		return fail("read (too long)", start, 0);
	for (u32 o = 0; o < len; o += nv.bw) {
		u32 w = rd(start + o);

		memcpy(dst + o, &w, len - o < nv.bw ? len - o : nv.bw);
	}
	return 0;
}

u32 nvstore_copy_size(void)
{
	return nv.copy;
}

int nvstore_write(int copy, const void *buf, u32 len)
{
	u64 start = (u64)copy * nv.copy;
	const u8 *src = buf;

	if (len > nv.copy)
		return fail("write (too long)", start, 0);
	for (u64 b = 0; b < nv.copy; b += nv.block) {
		cmd(start + b, CMD_CLEAR_STATUS);
		cmd(start + b, CMD_ERASE);
		cmd(start + b, CMD_CONFIRM);
		if (wait_ready(start + b, "erase"))
			return -1;
	}
	for (u32 o = 0; o < len; o += nv.bw) {
		u32 w = 0xffffffffU;

		memcpy(&w, src + o, len - o < nv.bw ? len - o : nv.bw);
		if (w == 0xffffffffU)
			continue; /* erased already: the records leave unused entries so */
		cmd(start + o, CMD_PROGRAM);
		wr(start + o, w);
		if (wait_ready(start + o, "program"))
			return -1;
	}
	cmd(0, CMD_READ_ARRAY);
	for (u32 o = 0; o < len; o += nv.bw) {
		u32 w = rd(start + o), want = 0xffffffffU;

		memcpy(&want, src + o, len - o < nv.bw ? len - o : nv.bw);
		if ((w ^ want) & (0xffffffffU >> (8 * (4 - nv.bw))))
			return fail("read-back", start + o, 0);
	}
	return 0;
}
