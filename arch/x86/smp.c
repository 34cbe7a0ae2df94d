// SPDX-License-Identifier: GPL-2.0
/*
 * Starting the CPUs partitions own (core/main.c asks for each in turn):
 * INIT-SIPI-SIPI through the local APIC to the page the system DT names as
 * ap-trampoline, then ap_boot.S takes the CPU to hv_secondary_main. One CPU
 * at a time: they share one mailbox, which a CPU takes only if it is
 * addressed to its own APIC ID, so a late riser cannot take another's stack.
 */
#include <string.h>
#include <bulkhead/hv_config.h>
#include <asm/io.h>
#include <asm/lapic.h>
#include "arch.h"
#include "console.h"
#include "x86.h"

#define ICR_INIT	     0x500
#define ICR_STARTUP	     0x600
#define ICR_ASSERT	     BIT(14)
#define ICR_LEVEL	     BIT(15)
#define AP_ERR_NO_TRAMPOLINE -1
#define AP_ERR_NO_ANSWER     -2
/* 200 µs between the SIPIs as the MP spec asks; then time for a slow (emulated) CPU. */
#define SIPI_GAP_US 200
#define ANSWER_US   100000

/* The mailbox ap_boot.S reads; written only by the boot CPU, before the SIPI. */
u64 ap_boot_cr3, ap_boot_stack;
u32 ap_boot_cpu, ap_boot_apic_id;
u32 ap_boot_taken;

/*
 * The local APIC timer is kept armed 50 µs ahead while we wait (interrupts
 * stay off; only the pending timer matters): QEMU's single-threaded icount
 * mode runs a spinning CPU until the next timer event, and with none the
 * CPU being started would never run within the wait.
 */
static bool taken_within(u64 us)
{
	u64 tick = arch_counter_freq() / 20000;
	u64 now = arch_counter(), end = now + arch_counter_freq() / 1000000 * us;
	u64 next = now;
	bool taken = false;

	while (!taken) {
		now = arch_counter();
		if (now >= end)
			break;
		if (now >= next) {
			next = now + tick;
			lapic_timer_arm(next);
		}
		taken = __atomic_load_n(&ap_boot_taken, __ATOMIC_ACQUIRE);
	}
	lapic_timer_arm(0);
	return taken || __atomic_load_n(&ap_boot_taken, __ATOMIC_ACQUIRE);
}

int arch_cpu_start(u32 cpu)
{
	u64 page = bh_system.ap_trampoline_pa;
	u32 apic = (u32)bh_system.cpu_mpidr[cpu];

	if (!bh_system.ap_trampoline_size) {
		log_printf("cpu%u: no ap-trampoline in /bulkhead/hypervisor to start it from", cpu);
		return AP_ERR_NO_TRAMPOLINE;
	}
	memcpy(phys_to_virt(page), ap_trampoline, (size_t)(ap_trampoline_end - ap_trampoline));
	ap_boot_cr3 = mmu_root();
	ap_boot_stack = stack_top(cpu);
	ap_boot_cpu = cpu;
	ap_boot_apic_id = apic;
	__atomic_store_n(&ap_boot_taken, 0, __ATOMIC_RELEASE);
	/* The ICR writes below are uncached stores, ordered after these. */
	lapic_ipi(apic, ICR_INIT | ICR_ASSERT | ICR_LEVEL);
	lapic_ipi(apic, ICR_INIT | ICR_LEVEL);
	/* No 10 ms after INIT: SVM-capable CPUs (family 0xf on) do not need it (as Linux). */
	for (int i = 0; i < 2; i++) {
		lapic_ipi(apic, ICR_STARTUP | (u32)(page >> 12));
		if (taken_within(i ? ANSWER_US : SIPI_GAP_US))
			return 0;
	}
	/* Back to wait-for-SIPI: it must not wake later on a mailbox meant for another. */
	lapic_ipi(apic, ICR_INIT | ICR_ASSERT | ICR_LEVEL);
	lapic_ipi(apic, ICR_INIT | ICR_LEVEL);
	log_printf("cpu%u (APIC ID %u) did not answer INIT-SIPI-SIPI within %u ms", cpu, apic,
		   ANSWER_US / 1000);
	return AP_ERR_NO_ANSWER;
}
