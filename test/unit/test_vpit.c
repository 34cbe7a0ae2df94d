// SPDX-License-Identifier: GPL-2.0
/*
 * The emulated PIT counter 2 (arch/x86/vpit.c) driven as Linux's and
 * Bulkhead's TSC calibrations drive it, at a made-up 1 GHz TSC.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <asm/vpit.h>

#define HZ 1000000000ULL /* the TSC */

static struct vpit t;

static u32 io(u64 now, u16 port, bool in, u32 v)
{
	assert_int_equal(vpit_io(&t, now, HZ, port, in, &v), 0);
	return v;
}

/* Mode 0, gate on: OUT2 (port 0x61 bit 5) rises after count PIT clocks. */
/* REQ: BH-ISO-8 */
static void one_shot_out2(void **state)
{
	(void)state;
	vpit_reset(&t);
	io(0, 0x61, false, (io(0, 0x61, true, 0) & ~2U) | 1);
	io(0, 0x43, false, 0xb0);
	io(0, 0x42, false, 2386 & 0xff); /* 2 ms */
	io(0, 0x42, false, 2386 >> 8);
	assert_int_equal(io(1000000, 0x61, true, 0) & 0x20, 0); /* 1 ms */
	assert_int_equal(io(1999000, 0x61, true, 0) & 0x20, 0);
	assert_int_equal(io(2001000, 0x61, true, 0) & 0x21, 0x21); /* past 2 ms, gate still on */
}

/* Reading the live count LSB then MSB, as quick_pit_calibrate does; a latch freezes it. */
/* REQ: BH-ISO-8 */
static void count_reads_and_latch(void **state)
{
	u32 lsb, msb;

	(void)state;
	vpit_reset(&t);
	io(0, 0x61, false, 1);
	io(0, 0x43, false, 0xb0);
	io(0, 0x42, false, 0xff);
	io(0, 0x42, false, 0xff);
	/* 256 PIT clocks = 214.55 us later the MSB has gone down by one. */
	lsb = io(215000, 0x42, true, 0);
	msb = io(215000, 0x42, true, 0);
	assert_int_equal(msb, 0xfe);
	assert_true(lsb >= 0xfe);
	io(1000000, 0x43, false, 0x80); /* latch counter 2 */
	lsb = io(5000000, 0x42, true, 0);
	msb = io(5000000, 0x42, true, 0);
	assert_int_equal((msb << 8 | lsb), 0xffff - 1193); /* the value at 1 ms, not at 5 ms */
	msb = io(5000000, 0x42, true, 0); /* latch released: live again (LSB first) */
	msb = io(5000000, 0x42, true, 0);
	assert_int_equal(msb, (0xffff - 5965) >> 8);
}

/* Gate low pauses counting; the count starts only with its second byte. */
/* REQ: BH-ISO-8 */
static void gate_and_load(void **state)
{
	(void)state;
	vpit_reset(&t);
	io(0, 0x43, false, 0xb0);
	io(0, 0x42, false, 0x00);
	assert_int_equal(io(1000000000, 0x61, true, 0) & 0x20, 0); /* half loaded: nothing */
	io(0, 0x42, false, 0x10);				   /* 4096 clocks, gate off */
	assert_int_equal(io(1000000000, 0x61, true, 0) & 0x20, 0);
	io(1000000000, 0x61, false, 1);				      /* gate on at 1 s */
	assert_int_equal(io(1003000000, 0x61, true, 0) & 0x20, 0);    /* 3 ms: 3579 clocks */
	assert_int_equal(io(1004000000, 0x61, true, 0) & 0x20, 0x20); /* 4 ms: 4772 */
	/* Counters 0 and 1 and other ports are not the PIT model's. */
	io(0, 0x43, false, 0x30);
	{
		u32 v = 0;

		assert_int_equal(vpit_io(&t, 0, HZ, 0x40, true, &v), -1);
		assert_int_equal(vpit_io(&t, 0, HZ, 0x3f8, true, &v), -1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(one_shot_out2),
	    cmocka_unit_test(count_reads_and_latch),
	    cmocka_unit_test(gate_and_load),
	};

	return cmocka_run_group_tests_name("vpit", tests, NULL, NULL);
}
