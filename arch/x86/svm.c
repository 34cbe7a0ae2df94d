// SPDX-License-Identifier: GPL-2.0
/*
 * SVM on each physical CPU: checked once on the boot CPU (SVM and nested
 * paging present and not disabled by firmware), then EFER.SVME, the host
 * save area and one VMCB per physical CPU (a CPU runs one vCPU, so the
 * VMCB belongs to the CPU). The I/O and MSR permission maps intercept
 * everything and are shared read-only by all VMCBs.
 */
#include <string.h>
#include <bulkhead/hv_config.h>
#include <asm/io.h>
#include <asm/svm.h>
#include "console.h"
#include "x86.h"

static u8 hsave[CONFIG_NR_CPUS][4096] __attribute__((aligned(4096))) __noinit;
static u8 host_state[CONFIG_NR_CPUS][4096] __attribute__((aligned(4096))) __noinit;
static struct vmcb vmcbs[CONFIG_NR_CPUS] __noinit;
u8 svm_iopm[3 * 4096] __attribute__((aligned(4096)));
u8 svm_msrpm[2 * 4096] __attribute__((aligned(4096)));
u32 svm_nr_asids;

/* 0, or -1 after saying why this machine cannot run partitions. */
int svm_check(void)
{
	u32 a, b, c, d;

	cpuid(0x80000001, 0, &a, &b, &c, &d);
	if (!(c & BIT(2))) {
		log_printf("fatal: this CPU has no AMD SVM (run QEMU with -cpu EPYC)");
		return -1;
	}
	if (rdmsr(MSR_VM_CR) & VM_CR_SVMDIS) {
		log_printf("fatal: SVM is disabled by the firmware (VM_CR.SVMDIS)");
		return -1;
	}
	cpuid(0x8000000a, 0, &a, &b, &c, &d);
	if (!(d & BIT(0))) {
		log_printf("fatal: this CPU's SVM has no nested paging (run QEMU with -cpu EPYC)");
		return -1;
	}
	svm_nr_asids = b;
	if (bh_system.nr_partitions >= svm_nr_asids) {
		log_printf("fatal: %u partitions, but the CPU has only %u ASIDs",
			   bh_system.nr_partitions, svm_nr_asids);
		return -1;
	}
	memset(svm_iopm, 0xff, sizeof(svm_iopm));
	memset(svm_msrpm, 0xff, sizeof(svm_msrpm));
	log_info("AMD SVM with nested paging, %u ASIDs", svm_nr_asids);
	return 0;
}

void svm_cpu_init(u32 cpu)
{
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SVME);
	wrmsr(MSR_VM_HSAVE_PA, (u64)(uintptr_t)hsave[cpu]);
}

struct vmcb *svm_vmcb(u32 cpu)
{
	return &vmcbs[cpu];
}

u64 svm_host_state(u32 cpu)
{
	return (u64)(uintptr_t)host_state[cpu];
}
