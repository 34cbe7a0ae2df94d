// SPDX-License-Identifier: GPL-2.0
/*
 * The root's SD host driver (partitions/root/sdhci.c) against a register-level
 * fake of an SDHCI 3.0 controller with one SD card: the set-up's command
 * sequence, block (SDHC) and byte (SDSC) addressing, single and multi-block
 * PIO transfers, and what a broken or hostile card or controller gets: a
 * console line and an error, within the deadline, never a hang.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "root_stubs.h"
#include <bulkhead/fmt.h>
#include "mmio.h"
#include "part.h"
#include "sdhci.h"

#define BASE	     0xff170000ULL
#define CARD_SECTORS 4096 /* 2 MiB image */

/* ---- the fake: controller registers + card state machine ---- */
static struct {
	/* controller */
	u32 block, arg, cmd, resp[4], present, host, clock, status, status_en, caps;
	/* what the test makes it do */
	bool no_card, clock_never_stable, stall_data, r1_error_on_data, rca_zero;
	bool ocr_never_ready, v1_card, csd_mismatch;
	int csd_structure; /* -1: as the card is */
	u32 csd_bl_len;
	/* card */
	bool high_capacity, app, selected;
	u32 rca, state;
	u8 image[CARD_SECTORS * 512];
	/* the data phase */
	bool reading, writing;
	u32 blocks_left, pos;
	u64 addr; /* byte offset on the card */
	u8 buf[512];
	/* what the driver did */
	u32 cmds[64], args[64], modes[64], nr_cmds;
} f;

static void set_status(u32 bits)
{
	f.status |= bits & f.status_en;
	if (f.status & 0xffff0000U)
		f.status |= BIT(15);
}

static u32 csd_word(u32 *r, u32 hi, u32 lo, u32 v)
{
	for (u32 b = lo; b <= hi; b++, v >>= 1) {
		u32 i = (b - 8) / 32, s = (b - 8) % 32;

		r[i] = (r[i] & ~(1U << s)) | ((v & 1) << s);
	}
	return 0;
}

static void make_csd(u32 *r)
{
	int structure = f.csd_structure >= 0 ? f.csd_structure : f.high_capacity ? 1 : 0;

	memset(r, 0, 16);
	csd_word(r, 127, 126, (u32)structure);
	if (structure == 1) {
		csd_word(r, 69, 48, CARD_SECTORS / 1024 - 1);
	} else {
		/* (C_SIZE + 1) << (MULT + 2) blocks of 2^BL_LEN bytes */
		u32 bl = f.csd_bl_len ? f.csd_bl_len : 9;

		csd_word(r, 83, 80, bl);
		csd_word(r, 49, 47, 0);
		csd_word(r, 73, 62, CARD_SECTORS / 4 - 1);
	}
}

static void load_block(void)
{
	memcpy(f.buf, f.image + f.addr, 512);
	f.pos = 0;
	if (!f.stall_data)
		set_status(BIT(5));
}

static void command_issued(void)
{
	u32 index = f.cmd >> 24, flags = (f.cmd >> 16) & 0xff, mode = f.cmd & 0xffff;
	u32 r1 = (f.state << 9) | BIT(8);
	bool timeout = false;

	if (f.nr_cmds < 64) {
		f.cmds[f.nr_cmds] = index;
		f.args[f.nr_cmds] = f.arg;
		f.modes[f.nr_cmds++] = mode;
	}
	memset(f.resp, 0, sizeof(f.resp));
	if (f.app) {
		f.app = false;
		if (index == 41) {
			u32 ocr = 0x00ff8000U;

			if (!f.ocr_never_ready)
				ocr |= BIT(31);
			if (f.high_capacity && (f.arg & BIT(30)) && (ocr & BIT(31)))
				ocr |= BIT(30);
			if (f.csd_mismatch)
				ocr ^= BIT(30);
			f.resp[0] = ocr;
			f.state = 1;
		} else if (index == 6) {
			f.resp[0] = r1;
		}
		goto done;
	}
	switch (index) {
	case 0:
		f.state = 0;
		break;
	case 8:
		if (f.v1_card)
			timeout = true;
		else
			f.resp[0] = f.arg & 0xfff;
		break;
	case 55:
		f.app = true;
		f.resp[0] = r1 | BIT(5);
		break;
	case 2:
		f.resp[0] = 0x12345678;
		f.state = 2;
		break;
	case 3:
		f.rca = f.rca_zero ? 0 : 0xb368;
		f.resp[0] = f.rca << 16;
		f.state = 3;
		break;
	case 9:
		make_csd(f.resp);
		break;
	case 7:
		f.selected = (f.arg >> 16) == f.rca;
		f.state = 4;
		f.resp[0] = r1;
		break;
	case 12:
	case 13:
	case 16:
		f.resp[0] = r1;
		break;
	case 17:
	case 18:
	case 24:
	case 25:
		if (!(flags & BIT(5))) { /* no data-present flag: the controller moves nothing */
			timeout = true;
			break;
		}
		f.resp[0] = r1 | (f.r1_error_on_data ? BIT(30) : 0);
		f.addr = f.high_capacity ? (u64)f.arg * 512 : f.arg;
		f.blocks_left = index == 17 || index == 24 ? 1 : f.block >> 16;
		f.present |= BIT(1);
		if (index == 17 || index == 18) {
			f.reading = true;
			load_block();
		} else {
			f.writing = true;
			f.pos = 0;
			if (!f.stall_data)
				set_status(BIT(4));
		}
		break;
	default:
		timeout = true;
	}
done:
	if (timeout)
		set_status(BIT(16));
	else
		set_status(BIT(0));
}

static void data_done(void)
{
	f.reading = f.writing = false;
	f.present &= ~BIT(1);
	set_status(BIT(1));
}

u32 readl(u64 a)
{
	u32 v, off = (u32)(a - BASE);

	switch (off) {
	case 0x04:
		return f.block;
	case 0x10:
	case 0x14:
	case 0x18:
	case 0x1c:
		return f.resp[(off - 0x10) / 4];
	case 0x20:
		if (!f.reading)
			return 0;
		memcpy(&v, f.buf + f.pos, 4);
		f.pos += 4;
		if (f.pos == 512) {
			f.addr += 512;
			if (--f.blocks_left)
				load_block();
			else
				data_done();
		}
		return v;
	case 0x24:
		return f.present;
	case 0x28:
		return f.host;
	case 0x2c:
		return f.clock;
	case 0x30:
		return f.status;
	case 0x40:
		return f.caps;
	default:
		return 0;
	}
}

void writel(u64 a, u32 v)
{
	u32 off = (u32)(a - BASE);

	switch (off) {
	case 0x04:
		f.block = v;
		break;
	case 0x08:
		f.arg = v;
		break;
	case 0x0c:
		f.cmd = v;
		command_issued();
		break;
	case 0x20:
		if (!f.writing)
			break;
		memcpy(f.buf + f.pos, &v, 4);
		f.pos += 4;
		if (f.pos == 512) {
			memcpy(f.image + f.addr, f.buf, 512);
			f.addr += 512;
			f.pos = 0;
			if (--f.blocks_left)
				set_status(BIT(4));
			else
				data_done();
		}
		break;
	case 0x28:
		f.host = v;
		break;
	case 0x2c:
		if (v & BIT(24)) { /* reset all */
			f.status = f.status_en = 0;
			f.host = 0;
			v = 0;
		}
		if (v & (BIT(25) | BIT(26))) {
			f.reading = f.writing = false;
			f.present &= ~3U;
		}
		v &= 0x00ffffffU;
		if ((v & BIT(0)) && !f.clock_never_stable)
			v |= BIT(1);
		f.clock = v;
		break;
	case 0x30:
		f.status &= ~v;
		if (!(f.status & 0xffff0000U))
			f.status &= ~BIT(15);
		break;
	case 0x34:
		f.status_en = v;
		break;
	default:
		break;
	}
}

static int setup(void **state)
{
	(void)state;
	memset(&f, 0, sizeof(f));
	f.csd_structure = -1;
	f.caps = 0x37ec6481U; /* QEMU's ZynqMP SDHCI: 100 MHz base, 3.3/3.0/1.8 V */
	f.present = BIT(16) | BIT(17) | BIT(18) | BIT(19); /* card in, writable */
	f.high_capacity = true;
	for (u32 i = 0; i < sizeof(f.image); i++)
		f.image[i] = (u8)(i * 7 + i / 512);
	console[0] = '\0';
	return 0;
}

static struct sdhci sd;

static void expect_console(const char *line)
{
	if (!strstr(console, line))
		fail_msg("console lacks \"%s\"; it has:\n%s", line, console);
}

/* SDHC: the spec's sequence, and sectors as the commands' argument. */
static void test_init_sdhc(void **state)
{
	static const u32 seq[] = {0, 8, 55, 41, 2, 3, 9, 7, 55, 6, 16};
	u8 buf[512];

	(void)state;
	assert_int_equal(sdhci_init(&sd, BASE), 0);
	assert_string_equal(console, "");
	assert_int_equal(f.nr_cmds, ARRAY_SIZE(seq));
	for (u32 i = 0; i < ARRAY_SIZE(seq); i++)
		assert_int_equal(f.cmds[i], seq[i]);
	assert_int_equal(f.args[1], 0x1aa);
	assert_true(f.args[3] & BIT(30)); /* ACMD41 asks for high capacity */
	assert_int_equal(f.args[7], 0xb368U << 16);
	assert_int_equal(f.args[9], 2); /* 4-bit */
	assert_true(f.host & BIT(1));
	assert_true(f.selected);
	assert_true(sd.block_addr);
	assert_string_equal(sd.kind, "SDHC");
	assert_string_equal(sd.where, "ff170000");
	assert_int_equal(sd.disk.capacity, CARD_SECTORS);

	f.nr_cmds = 0;
	assert_int_equal(root_disk_read(&sd.disk, 5, buf, 1), 0);
	assert_int_equal(f.cmds[0], 17);
	assert_int_equal(f.args[0], 5);
	assert_memory_equal(buf, f.image + 5 * 512, 512);
}

/* SDSC: byte addresses. */
static void test_init_sdsc(void **state)
{
	u8 buf[512];

	(void)state;
	f.high_capacity = false;
	assert_int_equal(sdhci_init(&sd, BASE), 0);
	assert_false(sd.block_addr);
	assert_string_equal(sd.kind, "SDSC");
	assert_int_equal(sd.disk.capacity, CARD_SECTORS);
	f.nr_cmds = 0;
	assert_int_equal(sdhci_read(&sd, 5, buf, 1), 0);
	assert_int_equal(f.args[0], 5 * 512);
	assert_memory_equal(buf, f.image + 5 * 512, 512);
}

/* An SD 1.x card does not answer CMD8: ACMD41 without HCS, no console noise. */
static void test_v1_card(void **state)
{
	(void)state;
	f.v1_card = true;
	f.high_capacity = false;
	assert_int_equal(sdhci_init(&sd, BASE), 0);
	assert_string_equal(console, "");
	assert_int_equal(f.cmds[1], 8);
	assert_int_equal(f.cmds[3], 41);
	assert_false(f.args[3] & BIT(30));
}

/* Multi-block: CMD18/CMD25 with block count and auto CMD12; the data lands where it should. */
static void test_multi_block(void **state)
{
	static u8 buf[8 * 512], back[8 * 512];

	(void)state;
	assert_int_equal(sdhci_init(&sd, BASE), 0);
	f.nr_cmds = 0;
	assert_int_equal(sdhci_read(&sd, 100, buf, 8), 0);
	assert_int_equal(f.cmds[0], 18);
	assert_int_equal(f.modes[0] & 0x36, 0x36); /* multi, read, auto CMD12, block count */
	assert_int_equal(f.block >> 16, 8);
	assert_memory_equal(buf, f.image + 100 * 512, sizeof(buf));

	for (u32 i = 0; i < sizeof(buf); i++)
		buf[i] = (u8)(0xa5 ^ i);
	f.nr_cmds = 0;
	assert_int_equal(root_disk_write(&sd.disk, 200, buf, 8), 0);
	assert_int_equal(f.cmds[0], 25);
	assert_int_equal(f.modes[0] & 0x36, 0x26); /* multi, write, auto CMD12, block count */
	assert_memory_equal(f.image + 200 * 512, buf, sizeof(buf));
	assert_int_equal(sdhci_read(&sd, 200, back, 8), 0);
	assert_memory_equal(back, buf, sizeof(buf));
	f.nr_cmds = 0;
	assert_int_equal(root_disk_write(&sd.disk, 7, buf, 1), 0);
	assert_int_equal(f.cmds[0], 24);
	assert_int_equal(root_disk_flush(&sd.disk), 0);
	assert_int_equal(f.cmds[1], 13);
}

static void test_no_card(void **state)
{
	(void)state;
	f.present = 0;
	assert_int_equal(sdhci_init(&sd, BASE), -4);
	assert_string_equal(console, "sdhci at ff170000: no card\n");
}

static void test_clock_never_stable(void **state)
{
	(void)state;
	f.clock_never_stable = true;
	assert_int_equal(sdhci_init(&sd, BASE), -2);
	expect_console("sdhci at ff170000: internal clock not stable\n");
}

static void test_ocr_never_ready(void **state)
{
	(void)state;
	f.ocr_never_ready = true;
	assert_int_equal(sdhci_init(&sd, BASE), -2);
	expect_console("sdhci at ff170000: card did not power up (OCR 0xff8000)\n");
}

static void test_rca_zero(void **state)
{
	(void)state;
	f.rca_zero = true;
	assert_int_equal(sdhci_init(&sd, BASE), -3);
	expect_console("sdhci at ff170000: card published address 0\n");
}

static void test_csd_hostile(void **state)
{
	(void)state;
	f.csd_structure = 3;
	assert_int_equal(sdhci_init(&sd, BASE), -3);
	expect_console("sdhci at ff170000: CSD structure 3 not supported\n");

	setup(NULL);
	f.high_capacity = false;
	f.csd_bl_len = 15;
	assert_int_equal(sdhci_init(&sd, BASE), -3);
	expect_console("sdhci at ff170000: CSD block length 2^15 not supported\n");

	setup(NULL);
	f.csd_mismatch = true;
	assert_int_equal(sdhci_init(&sd, BASE), -3);
	expect_console("sdhci at ff170000: OCR and CSD disagree on the card's addressing\n");
}

/* Requests outside the card never reach it, whatever the arithmetic would wrap to. */
static void test_out_of_range(void **state)
{
	u8 buf[1024];

	(void)state;
	assert_int_equal(sdhci_init(&sd, BASE), 0);
	f.nr_cmds = 0;
	assert_int_equal(sdhci_read(&sd, CARD_SECTORS, buf, 1), -5);
	assert_int_equal(sdhci_read(&sd, CARD_SECTORS - 1, buf, 2), -5);
	assert_int_equal(sdhci_write(&sd, ~0ULL, buf, 2), -5);
	assert_int_equal(sdhci_read(&sd, 0, buf, 0), -5);
	assert_int_equal(f.nr_cmds, 0);
	expect_console(
	    "sdhci at ff170000: 2 sectors at 4095 are outside the card (4096 sectors)\n");
}

/* A card that never delivers the data: the deadline ends the wait, CMD12 stops the card. */
static void test_data_stall(void **state)
{
	u8 buf[4 * 512];

	(void)state;
	assert_int_equal(sdhci_init(&sd, BASE), 0);
	f.stall_data = true;
	f.nr_cmds = 0;
	assert_int_equal(sdhci_read(&sd, 0, buf, 4), -2);
	expect_console("sdhci at ff170000: reading a block timed out (status 0x0)\n");
	assert_int_equal(f.cmds[f.nr_cmds - 1], 12);
	assert_int_equal(sd.errors, 1);
	console[0] = '\0';
	assert_int_equal(sdhci_write(&sd, 0, buf, 1), -2);
	expect_console("sdhci at ff170000: writing a block timed out (status 0x0)\n");
}

static void test_card_status_error(void **state)
{
	u8 buf[512];

	(void)state;
	assert_int_equal(sdhci_init(&sd, BASE), 0);
	f.r1_error_on_data = true;
	assert_int_equal(sdhci_read(&sd, 3, buf, 1), -3);
	expect_console("sdhci at ff170000: CMD17: card status 0x40000900\n");
}

/* The write-protect switch: writes refused before the card sees a command, reads go on. */
static void test_write_protected(void **state)
{
	u8 buf[512];

	(void)state;
	f.present &= ~BIT(19);
	assert_int_equal(sdhci_init(&sd, BASE), 0);
	assert_true(sd.read_only);
	f.nr_cmds = 0;
	assert_int_equal(sdhci_write(&sd, 3, buf, 1), -6);
	assert_int_equal(f.nr_cmds, 0);
	assert_string_equal(console,
			    "sdhci at ff170000: the card is write-protected; write refused\n");
	assert_int_equal(sdhci_read(&sd, 3, buf, 1), 0);
}

/* A broken card under load: the first few failures are reported, then only counted. */
static void test_errors_quieted(void **state)
{
	u8 buf[512];
	const char *last;

	(void)state;
	assert_int_equal(sdhci_init(&sd, BASE), 0);
	f.r1_error_on_data = true;
	for (u32 i = 0; i < 100; i++)
		assert_int_equal(sdhci_read(&sd, 3, buf, 1), -3);
	assert_int_equal(sd.errors, 100);
	assert_int_equal(sd.unreported, 92);
	last = strrchr(console, '\n');
	assert_non_null(last);
	while (last > console && last[-1] != '\n')
		last--;
	assert_string_equal(last,
			    "sdhci at ff170000: 8 failed transfers; further errors are counted, "
			    "not reported\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_init_sdhc, setup),
	    cmocka_unit_test_setup(test_init_sdsc, setup),
	    cmocka_unit_test_setup(test_v1_card, setup),
	    cmocka_unit_test_setup(test_multi_block, setup),
	    cmocka_unit_test_setup(test_no_card, setup),
	    cmocka_unit_test_setup(test_clock_never_stable, setup),
	    cmocka_unit_test_setup(test_ocr_never_ready, setup),
	    cmocka_unit_test_setup(test_rca_zero, setup),
	    cmocka_unit_test_setup(test_csd_hostile, setup),
	    cmocka_unit_test_setup(test_out_of_range, setup),
	    cmocka_unit_test_setup(test_data_stall, setup),
	    cmocka_unit_test_setup(test_card_status_error, setup),
	    cmocka_unit_test_setup(test_write_protected, setup),
	    cmocka_unit_test_setup(test_errors_quieted, setup),
	};

	return cmocka_run_group_tests_name("sdhci", tests, NULL, NULL);
}
