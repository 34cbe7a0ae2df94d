// SPDX-License-Identifier: GPL-2.0
/*
 * Doorbells, event and status pages (core/doorbell.c) and the hypercalls that
 * reach them and the root's views (core/hypercall.c), on the fake arch:
 * the pages are host memory the test reads as the partitions would.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include <vmbus/bus.h>
#include "doorbell.h"
#include "fake_core.h"
#include "fault_store.h"
#include "image.h"

/* Root's event word of vCPU 0 (channel con is its bit 1), its mask, its status word 0. */
#define ROOT_EVENTS ((volatile u64 *)fs_bus[0])
#define ROOT_MASK   ((volatile u64 *)(fs_bus[0] + VMBUS_EVENT_MASK_OFFSET))
#define ROOT_STATUS ((volatile u64 *)(fs_bus[0] + 0x1000))

static u32 root_irqs(void)
{
	return partitions[FS_ROOT].vcpu[0].arch.bus_irqs;
}

/* REQ: BH-TMP-3, BH-ISO-4 */
static void doorbell_sets_the_bit_and_interrupts_once(void **state)
{
	u32 irqs;

	(void)state;
	fc_all_up();
	*ROOT_EVENTS = 0;
	irqs = root_irqs();
	assert_int_equal(fc_call(FS_APP, 0, BH_CHAN_SIGNAL, 0, 0, 0), 0);
	assert_int_equal(*ROOT_EVENTS, BIT(1));
	assert_int_equal(root_irqs(), irqs + 1);
	/* Still pending: the bit alone, no second interrupt. */
	assert_int_equal(fc_call(FS_APP, 0, BH_CHAN_SIGNAL, 0, 0, 0), 0);
	assert_int_equal(root_irqs(), irqs + 1);
	/* Masked by the peer: the bit, no interrupt. */
	*ROOT_EVENTS = 0;
	*ROOT_MASK = BIT(1);
	assert_int_equal(fc_call(FS_APP, 0, BH_CHAN_SIGNAL, 0, 0, 0), 0);
	assert_int_equal(*ROOT_EVENTS, BIT(1));
	assert_int_equal(root_irqs(), irqs + 1);
	*ROOT_MASK = 0;
	/* Only its own channels, no reserved bits. */
	assert_int_equal(fc_call(FS_APP, 0, BH_CHAN_SIGNAL, 1, 0, 0),
			 (u64)BH_SMCCC_INVALID_PARAMETER);
	assert_int_equal(fc_call(FS_APP, 0, BH_CHAN_SIGNAL, 0, 1, 0),
			 (u64)BH_SMCCC_INVALID_PARAMETER);
	assert_int_equal(fc_call(FS_HALTER, 0, BH_CHAN_SIGNAL, 0, 0, 0),
			 (u64)BH_SMCCC_INVALID_PARAMETER);
	/* The mask form: base a multiple of 64 inside its channels, no bit past them. */
	*ROOT_EVENTS = 0;
	assert_int_equal(fc_call(FS_APP, 0, BH_CHAN_SIGNAL_MASK, 0, 1, 0), 0);
	assert_int_equal(*ROOT_EVENTS, BIT(1));
	assert_int_equal(fc_call(FS_APP, 0, BH_CHAN_SIGNAL_MASK, 0, 2, 0),
			 (u64)BH_SMCCC_INVALID_PARAMETER);
	assert_int_equal(fc_call(FS_APP, 0, BH_CHAN_SIGNAL_MASK, 64, 1, 0),
			 (u64)BH_SMCCC_INVALID_PARAMETER);
	/* The vector's fast path: the CPU's current vCPU (root on CPU 0, its bit in app). */
	fake_cpu = 0;
	assert_int_equal(bus_signal_fast(0, 0), 0);
	assert_int_equal(*(volatile u64 *)fs_bus[1] & BIT(1), BIT(1));
}

/* REQ: BH-TMP-3 */
static void doorbells_above_the_rate_are_bits_only(void **state)
{
	u32 irqs, limited = 0;

	(void)state;
	fc_all_up();
	irqs = root_irqs();
	for (int i = 0; i < 3000; i++) {
		*ROOT_EVENTS = 0; /* the root takes every event at once */
		limited +=
		    fc_call(FS_APP, 0, BH_CHAN_SIGNAL, 0, 0, 0) == (u64)BH_SIGNAL_RATE_LIMITED;
		assert_int_equal(*ROOT_EVENTS, BIT(1)); /* the bit always */
	}
	/* A burst of 100 (a tenth of the rate), then 1000/s: the loop takes a few ms. */
	assert_int_equal(root_irqs() - irqs, 3000 - limited);
	assert_in_range(root_irqs() - irqs, 100, 110);
	assert_true(fake_said("app: channel con: doorbells above its rate limit of 1000/s; the "
			      "peer finds the events when it polls\n"));
}

/* REQ: BH-FLT-4 */
static void peers_see_restarts_and_get_zeroed_channels(void **state)
{
	(void)state;
	fc_all_up();
	assert_int_equal(*ROOT_STATUS, 1ULL << 32 | VMBUS_PEER_UP); /* app, start 1 */
	fs_chan[0] = 0x33;
	fake.wait_budget = 1;
	assert_int_equal(fc_fault(FS_APP, 0, 0, "fault"), FAKE_RAN);
	assert_true(fake_said("app: root did not acknowledge the reset of channel con within "
			      "100 ms; zeroed anyway\n"));
	assert_int_equal(fs_chan[0], 0);
	assert_int_equal(*ROOT_STATUS, 2ULL << 32 | VMBUS_PEER_UP);
	/* This time the root acknowledges start 3 first: no complaint. */
	assert_int_equal(fc_call(FS_ROOT, 0, BH_CHAN_RESET_ACK, 0, 3, 0), 0);
	assert_int_equal(fc_call(FS_ROOT, 0, BH_CHAN_RESET_ACK, 0, 1ULL << 32, 0),
			 (u64)BH_SMCCC_INVALID_PARAMETER);
	assert_int_equal(fc_call(FS_ROOT, 0, BH_CHAN_RESET_ACK, 5, 3, 0),
			 (u64)BH_SMCCC_INVALID_PARAMETER);
	fake_out_clear();
	fs_chan[0] = 0x33;
	fake.wait_budget = 1;
	assert_int_equal(fc_fault(FS_APP, 0, 0, "fault"), FAKE_RAN);
	assert_false(fake_said("did not acknowledge"));
	assert_int_equal(fs_chan[0], 0);
	assert_int_equal(*ROOT_STATUS, 3ULL << 32 | VMBUS_PEER_UP);
	/* Halted for good: the root is told it is down. */
	fs_part[FS_APP].restart = BH_RESTART_HALT;
	assert_int_equal(fc_fault(FS_APP, 0, 0, "fault"), FAKE_WAITED);
	assert_int_equal(*ROOT_STATUS, 3ULL << 32 | VMBUS_PEER_DOWN);
}

/* REQ: BH-ISO-4 */
static void standard_calls_answer_as_smccc_says(void **state)
{
	(void)state;
	fc_all_up();
	assert_int_equal(fc_call(FS_APP, 0, 0x84000000, 0, 0, 0), 0x10000);    /* PSCI 1.0 */
	assert_int_equal(fc_call(FS_APP, 0, 0x80000000, 0, 0, 0), 0x10001);    /* SMCCC 1.1 */
	assert_int_equal(fc_call(FS_APP, 0, 0x8400000a, 0xc4000003, 0, 0), 0); /* CPU_ON */
	assert_int_equal(fc_call(FS_APP, 0, 0x8400000a, 0x84000005, 0, 0), (u64)-1);
	assert_int_equal(fc_call(FS_APP, 0, 0x84000001, 0, 0, 0), 0); /* CPU_SUSPEND */
	assert_int_equal(fc_call(FS_APP, 0, 0x84000006, 0, 0, 0), 2); /* no trusted OS */
	assert_int_equal(fc_call(FS_APP, 0, 0x8600ff00, 0, 0, 0), 5);
	assert_int_equal(fc_call(FS_APP, 0, 0x8600ff01, 0, 0, 0), 0x6b6c7542); /* "Bulk" */
	assert_int_equal(fc_x[1], 0x64616568);
	assert_int_equal(fc_call(FS_APP, 0, 0x8600ff03, 0, 0, 0), 0);
	assert_int_equal(fc_x[1], 1);
	assert_int_equal(fc_call(FS_APP, 0, 0xc6001234, 0, 0, 0), (u64)-1);
}

/* REQ: BH-ISO-4, BH-IMG-6 */
static void the_root_alone_sees_partitions(void **state)
{
	(void)state;
	fc_all_up();
	fake.wait_budget = 1;
	assert_int_equal(fc_fault(FS_APP, 0, 0, "bad access at 0x1000"), FAKE_RAN);
	assert_int_equal(fc_call(FS_ROOT, 0, BH_PART_INFO, FS_APP, 0, 0), 0);
	assert_int_equal(fc_x[1], PART_RUNNING | 2 << 8 | 1 << 16); /* 2 vCPUs, 1 running */
	assert_int_equal(fc_x[2], 2);				    /* start 2 */
	assert_int_equal(fc_x[3], 1);				    /* one stop */
	assert_memory_equal(&fc_x[4], "app\0", 4);
	assert_memory_equal(&fc_x[8], "bad access at 0x1000\0", 21);
	assert_int_equal(fc_call(FS_ROOT, 0, BH_PART_INFO, FS_APP, 4, 0), 0); /* from byte 4 */
	assert_memory_equal(&fc_x[8], "access at 0x1000\0", 17);
	assert_int_equal(fc_call(FS_ROOT, 0, BH_PART_INFO, FS_PARTS, 0, 0), BH_PART_NO_ENTRY);
	assert_int_equal(fc_call(FS_APP, 0, BH_PART_INFO, FS_ROOT, 0, 0), (u64)-1);
	assert_int_equal(fc_call(FS_APP, 0, BH_IMAGE_MEASUREMENT, 0, 0, 0), (u64)-1);
	assert_int_equal(fc_call(FS_APP, 0, BH_IMAGE_CONFIRM, FS_APP, 0, 0), (u64)-1);
	assert_int_equal(fc_call(FS_ROOT, 0, BH_FAULT_LOG, BH_FAULT_SUMMARY, 0, 0), 0);
	assert_int_equal(fc_x[1], 1); /* one fault kept */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(doorbell_sets_the_bit_and_interrupts_once),
	    cmocka_unit_test(doorbells_above_the_rate_are_bits_only),
	    cmocka_unit_test(peers_see_restarts_and_get_zeroed_channels),
	    cmocka_unit_test(standard_calls_answer_as_smccc_says),
	    cmocka_unit_test(the_root_alone_sees_partitions),
	};

	return cmocka_run_group_tests_name("core-bus", tests, NULL, NULL);
}
