// SPDX-License-Identifier: GPL-2.0
/*
 * The emulated SP805 (arch/arm64/vsp805.c) on the host: its registers as
 * sp805_wdt and the AMBA bus read them, its timing on a fake counter, and
 * what it does to the EL2 timer and the partition. The system registers
 * are recorders; partition_fault records the reason and jumps back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <asm/gic.h>
#include <asm/sysreg.h>
#include "../../core/partition.h"
#include "../../core/console.h"

#define FREQ 62500000ULL /* QEMU virt's counter before 9.0 */
#define MS   (FREQ / 1000)

static u64 now, fake_cnthp_cval_el2, fake_cnthp_ctl_el2;
static int kicks, logs;
static char reason[200];
static jmp_buf stopped;

#undef write_sysreg
#define write_sysreg(r, v) (fake_##r = (u64)(v))
#define isb()		   ((void)0)

u64 arch_counter(void)
{
	return now;
}

u64 arch_counter_freq(void)
{
	return FREQ;
}

u64 arch_vcpu_pc(struct vcpu *v)
{
	(void)v;
	return 0x40001234;
}

void arch_cpu_kick(u32 cpu)
{
	(void)cpu;
	kicks++;
}

void gic_ppi_enable(u32 intid, bool on)
{
	(void)intid;
	(void)on;
}

void log_printf(const char *fmt, ...)
{
	(void)fmt;
	logs++;
}

void partition_fault(struct vcpu *v, const char *fmt, ...)
{
	va_list ap;

	(void)v;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	longjmp(stopped, 1);
}

#include "../../arch/arm64/vsp805.c"

static struct bh_partition cfg = {
    .name = "p", .nr_vcpus = 2, .watchdog_ms = 1000, .watchdog_ipa = 0x9001000};
static struct partition part;

static int setup(void **state)
{
	(void)state;
	memset(&part, 0, sizeof(part));
	part.cfg = &cfg;
	part.epoch = 1;
	part.vcpu[0].part = part.vcpu[1].part = &part;
	part.vcpu[1].index = 1;
	now = 1000 * MS;
	kicks = logs = 0;
	reason[0] = '\0';
	fake_cnthp_ctl_el2 = fake_cnthp_cval_el2 = 0;
	vsp805_reset(&part);
	vsp805_arm(&part);
	return 0;
}

static u32 rd(u32 off)
{
	u64 v = 0;

	assert_int_equal(vsp805_access(&part.vcpu[0], off, false, 4, &v), 0);
	return (u32)v;
}

static void wr(u32 v_index, u32 off, u32 val)
{
	u64 v = val;

	assert_int_equal(vsp805_access(&part.vcpu[v_index], off, true, 4, &v), 0);
}

/* The timer fired at t: true when the partition was stopped. */
static bool fire_at(u64 t)
{
	now = t;
	if (setjmp(stopped))
		return true;
	vsp805_timer(&part.vcpu[0]);
	return false;
}

/* Running from the start, with the IDs the AMBA bus matches (0x00141805). */
/* REQ: BH-FLT-8 */
static void running_at_start(void **state)
{
	u32 periph = 0, cell = 0;

	(void)state;
	for (u32 i = 0; i < 4; i++) {
		periph |= rd(0xfe0 + 4 * i) << (8 * i);
		cell |= rd(0xff0 + 4 * i) << (8 * i);
	}
	assert_int_equal(periph, 0x00141805);
	assert_int_equal(cell, 0xb105f00d);
	assert_int_equal(rd(WDOG_CONTROL), CTL_INTEN | CTL_RESEN);
	assert_int_equal(rd(WDOG_LOAD), 499999); /* half the timeout at 1 MHz, less one */
	assert_int_equal(rd(WDOG_LOCK), 0);
	/* The EL2 timer is set to the expiry: the timeout from the start. */
	assert_int_equal(fake_cnthp_ctl_el2, 1);
	assert_int_equal(fake_cnthp_cval_el2, 1000 * MS + 1000 * MS);
	/* A second entry of vCPU 0 in the same start does not feed it. */
	now += 300 * MS;
	vsp805_reset(&part);
	assert_int_equal(part.arch.wdog.expire_at, 2000 * MS);
}

/* Unfed: RIS at half the timeout, stopped at the timeout, not a tick before. */
/* REQ: BH-FLT-8 */
static void unfed_expires_at_timeout(void **state)
{
	(void)state;
	now += 499 * MS;
	assert_int_equal(rd(WDOG_RIS), 0);
	now += 1 * MS;
	assert_int_equal(rd(WDOG_RIS), 1);
	assert_int_equal(rd(WDOG_MIS), 1);
	assert_false(fire_at(2000 * MS - 1));
	assert_int_equal(fake_cnthp_cval_el2, 2000 * MS); /* re-armed, same moment */
	assert_true(fire_at(2000 * MS + 3 * MS));
	assert_string_equal(reason, "watchdog expired (no feed for 1003 ms) at 0x40001234");
	assert_int_equal(fake_cnthp_ctl_el2, 0);
}

/* sp805_wdt's ping (unlock, load, intclr, lock) moves the expiry; locked writes do not. */
/* REQ: BH-FLT-8 */
static void feeding_and_lock(void **state)
{
	(void)state;
	now += 700 * MS;
	wr(0, WDOG_LOCK, WDOG_UNLOCK_KEY);
	wr(0, WDOG_LOAD, 999999); /* 2 s: Linux's load for timeout 2 */
	wr(0, WDOG_INTCLR, 1);
	wr(0, WDOG_LOCK, 0);
	assert_int_equal(rd(WDOG_LOCK), 1);
	assert_int_equal(rd(WDOG_RIS), 0);
	assert_int_equal(fake_cnthp_cval_el2, 1700 * MS + 2000 * MS);
	/* Locked: writes are ignored. */
	wr(0, WDOG_LOAD, 10);
	wr(0, WDOG_CONTROL, 0);
	assert_int_equal(rd(WDOG_LOAD), 999999);
	assert_int_equal(rd(WDOG_CONTROL), CTL_INTEN | CTL_RESEN);
	now += 250 * MS;
	assert_in_range(rd(WDOG_VALUE), 749999, 750000);
	assert_false(fire_at(2000 * MS)); /* the old expiry: moved on */
	assert_true(fire_at(3700 * MS));
	assert_string_equal(reason, "watchdog expired (no feed for 2000 ms) at 0x40001234");
}

/* The guest may stop it as on the hardware (said once); turning INTEN on again feeds it. */
/* REQ: BH-FLT-8 */
static void guest_stops_and_restarts_it(void **state)
{
	(void)state;
	wr(0, WDOG_CONTROL, CTL_RESEN);
	assert_int_equal(logs, 1);
	assert_int_equal(fake_cnthp_ctl_el2, 0);
	now += 5000 * MS;
	assert_int_equal(rd(WDOG_VALUE), 499999); /* INTEN off: the count is stopped */
	wr(0, WDOG_CONTROL, CTL_INTEN | CTL_RESEN);
	assert_int_equal(fake_cnthp_cval_el2, 6000 * MS + 1000 * MS);
	/* RESEN off: it only sets its status, counting on. */
	wr(0, WDOG_CONTROL, CTL_INTEN);
	assert_int_equal(logs, 1); /* once per start */
	now += 5000 * MS;
	assert_int_equal(rd(WDOG_RIS), 1);
	assert_false(fire_at(now));
}

/* A shorter load written on another vCPU: vCPU 0's CPU is kicked to re-arm sooner. */
/* REQ: BH-FLT-8 */
static void other_vcpu_sooner_kicks(void **state)
{
	(void)state;
	wr(1, WDOG_LOAD, 49999); /* 100 ms to the stop */
	assert_int_equal(kicks, 1);
	assert_int_equal(part.arch.wdog.rearm, 1);
	assert_int_equal(fake_cnthp_cval_el2, 2000 * MS); /* not this CPU's timer */
	vsp805_arm(&part);
	assert_int_equal(fake_cnthp_cval_el2, 1100 * MS);
	assert_int_equal(part.arch.wdog.rearm, 0);
	wr(1, WDOG_LOAD, 499999); /* later: no kick, vCPU 0's timer finds it moved */
	assert_int_equal(kicks, 1);
}

/* Only aligned 32-bit accesses, as on its APB; no watchdog: nothing armed. */
/* REQ: BH-FLT-8 */
static void bad_access_and_none(void **state)
{
	u64 v = 0;
	static const struct bh_partition none = {.name = "n", .nr_vcpus = 1};

	(void)state;
	assert_int_equal(vsp805_access(&part.vcpu[0], WDOG_LOAD, false, 8, &v), -1);
	assert_int_equal(vsp805_access(&part.vcpu[0], WDOG_LOAD + 2, false, 2, &v), -1);
	part.cfg = &none;
	part.epoch = 2;
	fake_cnthp_ctl_el2 = 1;
	vsp805_reset(&part);
	vsp805_arm(&part);
	assert_int_equal(fake_cnthp_ctl_el2, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(running_at_start, setup),
	    cmocka_unit_test_setup(unfed_expires_at_timeout, setup),
	    cmocka_unit_test_setup(feeding_and_lock, setup),
	    cmocka_unit_test_setup(guest_stops_and_restarts_it, setup),
	    cmocka_unit_test_setup(other_vcpu_sooner_kicks, setup),
	    cmocka_unit_test_setup(bad_access_and_none, setup),
	};

	return cmocka_run_group_tests_name("vsp805", tests, NULL, NULL);
}
