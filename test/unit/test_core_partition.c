// SPDX-License-Identifier: GPL-2.0
/*
 * The partition life cycle (core/partition.c, core/restart_backoff.c,
 * core/main.c, PSCI in core/hypercall.c) on the fake arch (test/fakearch):
 * the core as built for a board, its noreturn paths caught by the fake's
 * arch_vcpu_run and waits, time moved by the test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include "fake_core.h"
#include "fault_store.h"

#define PSCI_CPU_OFF	   0x84000002U
#define PSCI_CPU_ON	   0xc4000003U
#define PSCI_AFFINITY_INFO 0x84000004U
#define PSCI_SYSTEM_OFF	   0x84000008U
#define PSCI_SYSTEM_RESET  0x84000009U

/* REQ: BH-IMG-1, BH-IMG-2, BH-FLT-3 */
static void boot_enters_root_verified(void **state)
{
	struct partition *root = &partitions[FS_ROOT];

	(void)state;
	assert_int_equal(fc_power_on(false), FAKE_RAN);
	assert_ptr_equal(fake.ran, &root->vcpu[0]);
	assert_int_equal(fake.ran_entry, FS_RAM_IPA);
	assert_int_equal(fake.ran_arg, FS_RAM_IPA + FS_DTB_OFF); /* x0: its DTB */
	assert_int_equal(root->state, PART_RUNNING);
	assert_int_equal(root->epoch, 1);
	assert_int_equal(root->arch.inits, 1);
	assert_memory_equal(fs_at(FS_ROOT, 0), "root kernel\n", 12);
	assert_int_equal(*fs_at(FS_ROOT, 12), 0); /* scrubbed: the boot loader wrote 0x5a */
	assert_true(
	    fake_said("[bulkhead] root: verified (sha256,ecdsa256, key test, slot A, security "
		      "version 2)\n"));
	assert_true(fake_said("root: 1 vCPU, memory "));
}

/* REQ: BH-FLT-1, BH-FLT-2, BH-FLT-3, BH-FLT-6 */
static void fault_restarts_after_first_delay(void **state)
{
	struct partition *app = &partitions[FS_APP];

	(void)state;
	fc_all_up();
	assert_memory_equal(fs_at(FS_APP, FS_INITRD_OFF), "app initrd\n", 11);
	*fs_at(FS_APP, 0x9000) = 0x77; /* what the run left behind */
	fake.wait_budget = 1;	       /* one wait: the back-off timer */
	assert_int_equal(fc_fault(FS_APP, 0, 0x40001234, "data abort at 0xdead"), FAKE_RAN);
	assert_ptr_equal(fake.ran, &app->vcpu[0]);
	assert_int_equal(app->epoch, 2);
	assert_int_equal(app->stops, 1);
	assert_string_equal(app->last_stop, "data abort at 0xdead");
	assert_int_equal(app->restart_wait_ms, 10);
	assert_int_equal(fake.deadline, app->restart_at); /* it slept on its timer until then */
	assert_int_equal(fake.kicks[2], 1);		  /* its other vCPU's CPU */
	assert_int_equal(*fs_at(FS_APP, 0x9000), 0);
	assert_true(fake_said("app: data abort at 0xdead; restarting\n"));
	assert_true(fake_said("app: restarting in 10 ms (restart 1 in a row)\n"));
	assert_true(fake_said("app: started again (start 2)\n"));
	/* The others were not touched. */
	assert_int_equal(partitions[FS_ROOT].state, PART_RUNNING);
	assert_int_equal(partitions[FS_ROOT].epoch, 1);
	assert_int_equal(partitions[FS_HALTER].state, PART_RUNNING);
}

/* REQ: BH-FLT-6 */
static void restart_limit_leaves_it_halted(void **state)
{
	struct partition *app = &partitions[FS_APP];
	const u32 waits[] = {10, 20, 40}; /* doubling, capped at 40 */

	(void)state;
	fc_all_up();
	for (int i = 0; i < 3; i++) {
		fake.wait_budget = 1;
		assert_int_equal(fc_fault(FS_APP, 0, 0x40000000, "undefined instruction"),
				 FAKE_RAN);
		assert_int_equal(app->restart_wait_ms, waits[i]);
	}
	assert_int_equal(fc_fault(FS_APP, 0, 0x40000000, "undefined instruction"), FAKE_WAITED);
	assert_int_equal(app->state, PART_HALTED);
	assert_int_equal(app->epoch, 4);
	assert_string_equal(app->last_stop, "restart limit reached: undefined instruction");
	assert_true(fake_said("app: undefined instruction; halted (restart limit reached)\n"));
	assert_true(fake_said("app: 3 restarts in a row, none ran 1000 ms: it stays halted\n"));
	/* Parked for good: another wait does not start it. */
	fake.wait_budget = 3;
	fake_cpu = 1;
	assert_int_equal(fake_run((void (*)(void *))vcpu_park, &app->vcpu[0]), FAKE_WAITED);
	assert_int_equal(app->epoch, 4);
}

/* REQ: BH-FLT-6 */
static void a_stable_run_ends_the_row(void **state)
{
	struct partition *app = &partitions[FS_APP];

	(void)state;
	fc_all_up();
	fake.wait_budget = 1;
	assert_int_equal(fc_fault(FS_APP, 0, 0, "fault one"), FAKE_RAN);
	fake.wait_budget = 1;
	assert_int_equal(fc_fault(FS_APP, 0, 0, "fault two"), FAKE_RAN);
	assert_int_equal(app->restart_wait_ms, 20);
	fake.counter += 1000 * (fake.freq / 1000); /* it ran 1 s: restart-stable-ms */
	fake.wait_budget = 1;
	assert_int_equal(fc_fault(FS_APP, 0, 0, "fault three"), FAKE_RAN);
	assert_int_equal(app->restart_wait_ms, 10);
	assert_int_equal(app->backoff.in_row, 1);
}

/* REQ: BH-FLT-1, BH-CON-4 */
static void system_off_halts_only_the_caller(void **state)
{
	struct partition *h = &partitions[FS_HALTER];

	(void)state;
	fc_all_up();
	assert_int_equal(fc_call_noreturn(FS_HALTER, 0, PSCI_SYSTEM_OFF), FAKE_WAITED);
	assert_int_equal(h->state, PART_HALTED);
	assert_true(fake_said("halter: powered off (PSCI SYSTEM_OFF); halted\n"));
	assert_int_equal(partitions[FS_ROOT].state, PART_RUNNING);
	assert_int_equal(partitions[FS_APP].state, PART_RUNNING);
	/* No fault log entry for an orderly stop. */
	assert_int_equal(fc_call(FS_ROOT, 0, BH_FAULT_LOG, BH_FAULT_SUMMARY, 0, 0), 0);
	assert_int_equal(fc_x[1], 0);
}

/* REQ: BH-FLT-7 */
static void fault_log_survives_system_reset(void **state)
{
	(void)state;
	fc_all_up();
	fs_part[FS_HALTER].restart = BH_RESTART_SYSTEM_RESET;
	assert_int_equal(fc_fault(FS_HALTER, 0, 0x40000abc, "watchdog expired"), FAKE_RESET);
	assert_true(fake_said("halter: watchdog expired; resetting the board\n"));
	assert_true(fake_nv.writes > 0); /* written before the reset */
	/* The board resets: the store is all that is left. */
	assert_int_equal(fc_power_on(true), FAKE_RAN);
	assert_true(fake_said("fault log: 1 kept of 1 logged; the newest: halter, boot 1, start "
			      "1: watchdog expired\n"));
	assert_int_equal(fc_call(FS_ROOT, 0, BH_FAULT_LOG, 0, 0, 0), 0);
	assert_int_equal(fc_x[1], 1 | 1ULL << 32); /* start 1 of boot 1 */
	assert_int_equal(fc_x[2], 0x40000abc);
	assert_memory_equal(&fc_x[4], "halter\0", 7);
	assert_memory_equal(&fc_x[8], "watchdog expired", 16);
	assert_int_equal(fc_call(FS_ROOT, 0, BH_FAULT_LOG, 1, 0, 0), BH_FAULT_NO_ENTRY);
	assert_int_equal(fc_call(FS_APP, 0, BH_FAULT_LOG, 0, 0, 0), (u64)-1); /* root only */
}

static void cpu_on_from_vcpu0(void *ctx)
{
	(void)ctx;
	assert_int_equal(fc_call(FS_APP, 0, PSCI_CPU_ON, FS_MPIDR(1), 0x40000100, 7), 0);
	assert_int_equal(fc_call(FS_APP, 0, PSCI_CPU_ON, FS_MPIDR(1), 0x40000100, 7), (u64)-4);
	assert_int_equal(fc_call(FS_APP, 0, PSCI_AFFINITY_INFO, FS_MPIDR(1), 0, 0), 2);
	fake_cpu = 2; /* back on the woken CPU */
}

/* REQ: BH-ISO-4, BH-TMP-1 */
static void cpu_on_starts_own_vcpu_only(void **state)
{
	struct partition *app = &partitions[FS_APP];

	(void)state;
	fc_all_up();
	assert_int_equal(fc_call(FS_APP, 0, PSCI_AFFINITY_INFO, FS_MPIDR(1), 0, 0), 1); /* off */
	assert_int_equal(fc_call(FS_APP, 0, PSCI_CPU_ON, FS_MPIDR(2), 0x40000100, 0), (u64)-2);
	assert_int_equal(fc_call(FS_APP, 0, PSCI_CPU_ON, 1ULL << 8, 0x40000100, 0), (u64)-2);
	/* vCPU 1 waits parked on CPU 2 while vCPU 0 (CPU 1) turns it on. */
	fake.on_wait = cpu_on_from_vcpu0;
	fake.wait_budget = 1;
	fake_cpu = 2;
	assert_int_equal(fake_run((void (*)(void *))vcpu_park, &app->vcpu[1]), FAKE_RAN);
	assert_ptr_equal(fake.ran, &app->vcpu[1]);
	assert_int_equal(fake.ran_entry, 0x40000100);
	assert_int_equal(fake.ran_arg, 7);
	assert_int_equal(fake.kicks[2], 1);
	assert_int_equal(fc_call(FS_APP, 0, PSCI_AFFINITY_INFO, FS_MPIDR(1), 0, 0), 0);
	assert_int_equal(fc_call(FS_APP, 0, PSCI_AFFINITY_INFO, FS_MPIDR(1), 1, 0), (u64)-2);
	/* CPU_OFF parks it again. */
	assert_int_equal(fc_call_noreturn(FS_APP, 1, PSCI_CPU_OFF), FAKE_WAITED);
	assert_int_equal(fc_call(FS_APP, 0, PSCI_AFFINITY_INFO, FS_MPIDR(1), 0, 0), 1);
}

/* REQ: BH-FLT-5 */
static void a_lost_cpu_costs_only_its_vcpu(void **state)
{
	(void)state;
	fc_all_up();
	partition_cpu_lost(2, -5);
	assert_true(fake_said("app: cpu2 did not start (error -5); its vCPU 1 will not run"));
	assert_int_equal(fc_call(FS_APP, 0, PSCI_CPU_ON, FS_MPIDR(1), 0x40000100, 0), (u64)-6);
	partition_cpu_lost(3, -5);
	assert_int_equal(partitions[FS_HALTER].state, PART_HALTED);
	assert_true(fake_said("halter: cpu3 did not start (error -5); the partition will not run"));
	assert_int_equal(partitions[FS_ROOT].state, PART_RUNNING);
}

/* REQ: BH-IMG-3 */
static void refused_root_halts_the_system(void **state)
{
	(void)state;
	fc_board(false);
	fs_part[FS_ROOT].fit_config = "partition-unsigned";
	assert_int_equal(fc_primary(), FAKE_OFF);
	assert_true(fake_said("root: image rejected: unsigned\n"));
	assert_true(fake_said("fatal: root partition root cannot start; system halted\n"));
	assert_int_equal(*fs_at(FS_ROOT, 0), 0); /* nothing of the refused image stays */
}

/* REQ: BH-IMG-3, BH-CON-4 */
static void refused_partition_stays_down(void **state)
{
	(void)state;
	assert_int_equal(fc_power_on(false), FAKE_RAN);
	fs_part[FS_APP].fit_config = "partition-missing";
	assert_int_equal(fc_start(FS_APP), FAKE_WAITED);
	assert_int_equal(partitions[FS_APP].state, PART_HALTED);
	assert_true(fake_said("app: no /configurations/partition-missing in slot A\n"));
	assert_true(fake_said("app: image rejected: not in the image store\n"));
	assert_true(fake_said("app: not started\n"));
	/* An address space that cannot be built: not started either. */
	fake.partition_init_rc = -1;
	assert_int_equal(fc_start(FS_HALTER), FAKE_WAITED);
	assert_true(fake_said("halter: cannot set up its address space; not started\n"));
	assert_int_equal(partitions[FS_HALTER].state, PART_HALTED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(boot_enters_root_verified),
	    cmocka_unit_test(fault_restarts_after_first_delay),
	    cmocka_unit_test(restart_limit_leaves_it_halted),
	    cmocka_unit_test(a_stable_run_ends_the_row),
	    cmocka_unit_test(system_off_halts_only_the_caller),
	    cmocka_unit_test(fault_log_survives_system_reset),
	    cmocka_unit_test(cpu_on_starts_own_vcpu_only),
	    cmocka_unit_test(a_lost_cpu_costs_only_its_vcpu),
	    cmocka_unit_test(refused_root_halts_the_system),
	    cmocka_unit_test(refused_partition_stays_down),
	};

	return cmocka_run_group_tests_name("core-partition", tests, NULL, NULL);
}
