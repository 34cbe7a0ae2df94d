// SPDX-License-Identifier: GPL-2.0
/*
 * The emulated IB700 (arch/x86/vib700.c) on the host: its two ports as
 * Linux's ib700wdt writes them, its timing on a fake counter, the alarm it
 * asks of vCPU 0's LAPIC timer, and what it does to the partition. Kicks
 * and console lines are counted; partition_fault records the reason and
 * jumps back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <bulkhead/hv_config.h>
#include "../../arch/x86/x86.h"
#include "../../core/console.h"
#include "../../core/partition.h"

#define FREQ  1000000000ULL /* a 1 GHz TSC */
#define MS    (FREQ / 1000)
#define STOP  BH_X86_WDOG_STOP_PORT
#define START BH_X86_WDOG_START_PORT

unsigned int test_cpu_id;
unsigned long long test_tsc;
static u64 now;
static int kicks, logs;
static char reason[200], logged[200];
static jmp_buf stopped;

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
	return 0x10201234;
}

void arch_cpu_kick(u32 cpu)
{
	assert_int_equal(cpu, 3); /* vCPU 0's */
	kicks++;
}

void log_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(logged, sizeof(logged), fmt, ap);
	va_end(ap);
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

static struct bh_partition cfg = {.name = "p", .nr_vcpus = 2, .watchdog_ms = 1000};
static struct partition part;

static int setup(void **state)
{
	(void)state;
	memset(&part, 0, sizeof(part));
	part.cfg = &cfg;
	part.epoch = 1;
	part.vcpu[0].part = part.vcpu[1].part = &part;
	part.vcpu[0].pcpu = 3;
	part.vcpu[1].index = 1;
	part.vcpu[1].pcpu = 2;
	now = 1000 * MS;
	kicks = logs = 0;
	reason[0] = logged[0] = '\0';
	vib700_reset(&part);
	return 0;
}

static void out(u32 v_index, u16 port, u32 val)
{
	assert_int_equal(vib700_io(&part.vcpu[v_index], port, false, 1, &val), 0);
}

/* vCPU 0 looked at t (before an entry, or woken while halted): true when it stopped. */
static bool check_at(u64 t)
{
	now = t;
	if (setjmp(stopped))
		return true;
	vib700_check(&part.vcpu[0]);
	return false;
}

/* Running from the start with the DT's timeout; vCPU 0's timer takes the sooner alarm. */
/* REQ: BH-FLT-8 */
static void running_at_start(void **state)
{
	(void)state;
	assert_int_equal(part.arch.wdog.expire_at, 2000 * MS);
	assert_int_equal(vib700_alarm(&part.vcpu[0], 0), 2000 * MS); /* no timer of its own */
	assert_int_equal(vib700_alarm(&part.vcpu[0], 1500 * MS), 1500 * MS);
	assert_int_equal(vib700_alarm(&part.vcpu[0], 2500 * MS), 2000 * MS);
	assert_int_equal(vib700_alarm(&part.vcpu[1], 0), 0); /* only vCPU 0's CPU watches */
	assert_int_equal(vib700_alarm(&part.vcpu[1], 2500 * MS), 2500 * MS);
	/* A second entry of vCPU 0 in the same start does not feed it. */
	now += 300 * MS;
	vib700_reset(&part);
	assert_int_equal(part.arch.wdog.expire_at, 2000 * MS);
}

/* Unfed: stopped at the timeout from the start, not a tick before; only vCPU 0 stops it. */
/* REQ: BH-FLT-8 */
static void unfed_expires_at_timeout(void **state)
{
	(void)state;
	assert_false(check_at(2000 * MS - 1));
	now = 2000 * MS + 3 * MS;
	vib700_check(&part.vcpu[1]); /* another vCPU: nothing, vCPU 0's CPU is woken by its timer */
	assert_true(check_at(2000 * MS + 3 * MS));
	assert_string_equal(reason, "watchdog expired (no feed for 1003 ms) at 0x10201234");
	assert_int_equal(vib700_alarm(&part.vcpu[0], 0), 0); /* done: nothing more to wake for */
}

/* A feed (a write to 0x443) sets the timeout its low four bits select, 30 - 2 * value s. */
/* REQ: BH-FLT-8 */
static void feed_selects_the_guest_timeout(void **state)
{
	(void)state;
	now += 700 * MS;
	out(0, START, 14); /* ib700wdt's value for timeout 1 or 2: 2 s */
	assert_int_equal(part.arch.wdog.expire_at, 1700 * MS + 2000 * MS);
	assert_false(check_at(2000 * MS)); /* the DT's expiry: moved on */
	out(0, START, 0);		   /* 30 s */
	assert_int_equal(part.arch.wdog.expire_at, 2000 * MS + 30000 * MS);
	out(0, START, 0x1e); /* the high bits are not the card's: 14 again */
	assert_int_equal(part.arch.wdog.expire_at, 2000 * MS + 2000 * MS);
	assert_false(check_at(4000 * MS - 1));
	assert_true(check_at(4000 * MS));
	assert_string_equal(reason, "watchdog expired (no feed for 2000 ms) at 0x10201234");
	/* 15 is 0 s: expired at once, as the card resets at once. */
	setup(state);
	out(0, START, 15);
	assert_true(check_at(now));
	assert_string_equal(reason, "watchdog expired (no feed for 0 ms) at 0x10201234");
	assert_int_equal(logs, 0);
}

/* A write to 0x441 stops it (said once per start); a feed starts it again. */
/* REQ: BH-FLT-8 */
static void guest_stops_and_restarts_it(void **state)
{
	(void)state;
	out(0, STOP, 0);
	assert_int_equal(logs, 1);
	assert_string_equal(
	    logged, "p: watchdog stopped by the partition (port 0x441): it is no longer watched");
	assert_int_equal(vib700_alarm(&part.vcpu[0], 0), 0);
	assert_false(check_at(now + 3600000 * MS));
	out(0, STOP, 0);   /* already stopped: nothing more to say */
	out(0, START, 13); /* 4 s */
	assert_int_equal(part.arch.wdog.expire_at, now + 4000 * MS);
	out(1, STOP, 0);
	assert_int_equal(logs, 1); /* once per start */
	/* The next start: running again with the DT's timeout, and a stop is said again. */
	part.epoch = 2;
	vib700_reset(&part);
	assert_int_equal(part.arch.wdog.expire_at, now + 1000 * MS);
	out(0, STOP, 0);
	assert_int_equal(logs, 2);
}

/* A feed on another vCPU that brings the expiry closer kicks vCPU 0's CPU to re-arm. */
/* REQ: BH-FLT-8 */
static void other_vcpu_sooner_kicks(void **state)
{
	(void)state;
	out(1, START, 14); /* 2 s: later than the DT's 1 s, vCPU 0's timer finds it moved */
	assert_int_equal(kicks, 0);
	out(1, START, 15); /* 0 s: sooner */
	assert_int_equal(kicks, 1);
	assert_int_equal(vib700_alarm(&part.vcpu[0], 5000 * MS), 1000 * MS);
	assert_true(check_at(now));
}

/* Past its expiry no late feed undoes it, whoever writes: vCPU 0 stops the partition. */
/* REQ: BH-FLT-8 */
static void late_feed_does_not_undo_expiry(void **state)
{
	(void)state;
	now = 2000 * MS + 1;
	out(1, START, 0);
	assert_int_equal(kicks, 1);
	out(0, START, 0);
	out(0, STOP, 0);
	assert_int_equal(logs, 0);
	assert_true(check_at(now));
	assert_string_equal(reason, "watchdog expired (no feed for 1000 ms) at 0x10201234");
}

/* Without watchdog = <ms> its ports are not claimed; with it they are write-only. */
/* REQ: BH-FLT-8 */
static void unclaimed_and_reads(void **state)
{
	static const struct bh_partition none = {.name = "n", .nr_vcpus = 1};
	u32 v = 0;

	(void)state;
	assert_int_equal(vib700_io(&part.vcpu[0], START, true, 1, &v), -1); /* reads: no device */
	assert_int_equal(vib700_io(&part.vcpu[0], STOP, true, 1, &v), -1);
	assert_int_equal(vib700_io(&part.vcpu[0], 0x442, false, 1, &v), -1);
	assert_int_equal(vib700_io(&part.vcpu[0], START, false, 2, &v), 0); /* OUT DX,AX too */
	part.cfg = &none;
	part.epoch = 2;
	vib700_reset(&part);
	assert_int_equal(vib700_io(&part.vcpu[0], START, false, 1, &v), -1);
	assert_int_equal(vib700_io(&part.vcpu[0], STOP, false, 1, &v), -1);
	assert_int_equal(vib700_alarm(&part.vcpu[0], 1234), 1234);
	assert_false(check_at(~0ULL - 1));
	assert_int_equal(logs, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(running_at_start, setup),
	    cmocka_unit_test_setup(unfed_expires_at_timeout, setup),
	    cmocka_unit_test_setup(feed_selects_the_guest_timeout, setup),
	    cmocka_unit_test_setup(guest_stops_and_restarts_it, setup),
	    cmocka_unit_test_setup(other_vcpu_sooner_kicks, setup),
	    cmocka_unit_test_setup(late_feed_does_not_undo_expiry, setup),
	    cmocka_unit_test_setup(unclaimed_and_reads, setup),
	};

	return cmocka_run_group_tests_name("vib700", tests, NULL, NULL);
}
