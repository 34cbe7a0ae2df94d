// SPDX-License-Identifier: GPL-2.0
/* Helpers of the fake-arch core tests (fake_core.h). */
#include <string.h>
#include "fake_core.h"

void hv_primary_main(u32 cpu) __attribute__((noreturn)); /* core/main.c, from the arch's entry */

u64 fc_x[12];

static void primary(void *ctx)
{
	(void)ctx;
	hv_primary_main(0);
}

void fc_board(bool keep_store)
{
	fake_reset();
	if (!keep_store)
		fake_nv_erase();
	fs_boot();
}

enum fake_exit fc_primary(void)
{
	return fake_run(primary, NULL);
}

enum fake_exit fc_power_on(bool keep_store)
{
	fc_board(keep_store);
	return fc_primary();
}

static void boot(void *p)
{
	partition_boot(p);
}

enum fake_exit fc_start(u32 part)
{
	fake_cpu = fs_part[part].cpus[0];
	return fake_run(boot, &partitions[part]);
}

void fc_all_up(void)
{
	if (fc_power_on(false) != FAKE_RAN || fc_start(FS_APP) != FAKE_RAN ||
	    fc_start(FS_HALTER) != FAKE_RAN)
		__builtin_trap();
}

static void set_regs(u32 part, u32 vcpu, u64 fn, u64 a1, u64 a2, u64 a3)
{
	memset(fc_x, 0, sizeof(fc_x));
	fc_x[0] = fn;
	fc_x[1] = a1;
	fc_x[2] = a2;
	fc_x[3] = a3;
	fake_cpu = fs_part[part].cpus[vcpu];
}

u64 fc_call(u32 part, u32 vcpu, u64 fn, u64 a1, u64 a2, u64 a3)
{
	set_regs(part, vcpu, fn, a1, a2, a3);
	hypercall(&partitions[part].vcpu[vcpu], fc_x);
	return fc_x[0];
}

static struct vcpu *call_vcpu;

static void call(void *ctx)
{
	(void)ctx;
	hypercall(call_vcpu, fc_x);
}

enum fake_exit fc_call_noreturn(u32 part, u32 vcpu, u64 fn)
{
	set_regs(part, vcpu, fn, 0, 0, 0);
	call_vcpu = &partitions[part].vcpu[vcpu];
	return fake_run(call, NULL);
}

static const char *fault_why;

static void fault(void *v)
{
	partition_fault(v, "%s", fault_why);
}

enum fake_exit fc_fault(u32 part, u32 vcpu, u64 pc, const char *why)
{
	fake.pc = pc;
	fault_why = why;
	fake_cpu = fs_part[part].cpus[vcpu];
	return fake_run(fault, &partitions[part].vcpu[vcpu]);
}
