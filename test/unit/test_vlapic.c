// SPDX-License-Identifier: GPL-2.0
/*
 * The x86 virtual local APIC (arch/x86/vlapic.c) as a partition sees it
 * through MSRs and the xAPIC page, and what it puts into the VMCB: its
 * modes, priorities, EOI, the interrupt
 * window, IPIs within the partition, and the timer's three modes. The TSC,
 * the CPU index, kicks and the physical timer are test stand-ins.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <asm/lapic.h>
#include <asm/svm.h>
#include <asm/vlapic.h>
#include "../../core/console.h"
#include "../../core/partition.h"
#include "../../arch/x86/x86.h"

unsigned int test_cpu_id;
unsigned long long test_tsc;
static u32 kicked; /* bit per physical CPU */
static u64 armed;  /* the last lapic_timer_arm() */
static char logged[256];

void arch_cpu_kick(u32 cpu)
{
	kicked |= 1U << cpu;
}

void lapic_timer_arm(u64 deadline)
{
	armed = deadline;
}

/* No watchdog here (test_vib700): the physical timer takes the vCPU's own deadline. */
u64 vib700_alarm(struct vcpu *v, u64 deadline)
{
	(void)v;
	return deadline;
}

/* The vIOAPIC's side of a level-triggered EOI: test_vioapic covers it. */
void vioapic_eoi(struct partition *p, u32 vector)
{
	(void)p;
	(void)vector;
}

static u64 started_target = ~0ULL, started_entry;

int vcpu_cpu_on(struct partition *p, u64 target, u64 entry, u64 ctx)
{
	(void)ctx;
	p->vcpu[target].state = VCPU_ON_PENDING;
	started_target = target;
	started_entry = entry;
	return 0;
}

void log_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(logged, sizeof(logged), fmt, ap);
	va_end(ap);
}

static const u32 cpus[3] = {0, 1, 2};
static const struct bh_partition cfg = {.name = "p", .nr_vcpus = 3, .cpus = cpus};
static struct partition part;
static struct vmcb vmcb;

static int setup(void **state)
{
	(void)state;
	memset(&part, 0, sizeof(part));
	memset(&vmcb, 0, sizeof(vmcb));
	part.cfg = &cfg;
	for (u32 i = 0; i < 3; i++) {
		part.vcpu[i].part = &part;
		part.vcpu[i].index = i;
		part.vcpu[i].pcpu = cpus[i];
		vlapic_reset(&part.vcpu[i].arch.lapic);
	}
	test_cpu_id = 0;
	test_tsc = 1000000;
	kicked = 0;
	armed = 0;
	logged[0] = '\0';
	VMCB64(&vmcb, VMCB_RFLAGS) = BIT(9); /* IF = 1 */
	return 0;
}

static u64 rd(u32 vcpu, u32 msr)
{
	u64 val = 0;
	bool gp;

	assert_true(vlapic_msr(&part.vcpu[vcpu], msr, false, &val, &gp));
	assert_false(gp);
	return val;
}

static bool wr(u32 vcpu, u32 msr, u64 val)
{
	bool gp;

	assert_true(vlapic_msr(&part.vcpu[vcpu], msr, true, &val, &gp));
	return !gp;
}

/* Enters vCPU 0 and returns the injected vector, -1 for none; then "delivers" it. */
static int enter(void)
{
	u64 inj;

	vlapic_enter(&part.vcpu[0], &vmcb);
	inj = VMCB64(&vmcb, VMCB_EVENTINJ);
	VMCB64(&vmcb, VMCB_EVENTINJ) = 0;
	return (inj & EVENTINJ_VALID) ? (int)(inj & 0xff) : -1;
}

static void priority_and_eoi(void **state)
{
	(void)state;
	vlapic_raise(&part.vcpu[0], 0x50);
	vlapic_raise(&part.vcpu[0], 0xec);
	assert_int_equal(enter(), -1); /* software-disabled: nothing */
	assert_true(wr(0, 0x80f, 0x1ff));
	assert_int_equal(enter(), 0xec);		/* the higher class first */
	assert_int_equal(rd(0, 0x817), BIT(0xec % 32)); /* ISR */
	assert_int_equal(rd(0, 0x80a), 0xe0);		/* PPR */
	assert_int_equal(enter(), -1); /* 0x50 waits below the interrupt in service */
	assert_false(wr(0, 0x80b, 1)); /* EOI takes only 0 */
	assert_true(wr(0, 0x80b, 0));
	assert_int_equal(rd(0, 0x817), 0);
	assert_true(wr(0, 0x808, 0x60)); /* TPR above 0x50's class */
	assert_int_equal(enter(), -1);
	assert_true(wr(0, 0x808, 0));
	assert_int_equal(enter(), 0x50);
	assert_int_equal(rd(0, 0x822), 0); /* IRR empty now */
}

static void window_when_interrupts_are_masked(void **state)
{
	(void)state;
	assert_true(wr(0, 0x80f, 0x1ff));
	vlapic_raise(&part.vcpu[0], 0x40);
	VMCB64(&vmcb, VMCB_RFLAGS) = 0;
	assert_int_equal(enter(), -1);
	assert_true(VMCB64(&vmcb, VMCB_INT_CTL) & INT_CTL_V_IRQ);
	assert_true(VMCB32(&vmcb, VMCB_INTERCEPT1) & INT1_VINTR);
	assert_false(vlapic_wakes(&part.vcpu[0], &vmcb)); /* HLT with IF = 0 sleeps on */
	VMCB64(&vmcb, VMCB_RFLAGS) = BIT(9);
	assert_true(vlapic_wakes(&part.vcpu[0], &vmcb));
	assert_int_equal(enter(), 0x40);
	assert_false(VMCB64(&vmcb, VMCB_INT_CTL) & INT_CTL_V_IRQ);
	assert_false(VMCB32(&vmcb, VMCB_INTERCEPT1) & INT1_VINTR);
}

static void interrupted_delivery_injected_again(void **state)
{
	(void)state;
	assert_true(wr(0, 0x80f, 0x1ff));
	vlapic_raise(&part.vcpu[0], 0x60);
	VMCB64(&vmcb, VMCB_EXITINTINFO) = EVENTINJ_VALID | 0x31;
	assert_int_equal(enter(), 0x31); /* the cut-short event first, 0x60 still pending */
	assert_int_equal(rd(0, 0x823), BIT(0x60 % 32));
}

/* REQ: BH-ISO-5 */
static void ipis_within_the_partition(void **state)
{
	(void)state;
	assert_true(wr(0, 0x830, 2ULL << 32 | 0x41)); /* physical, to APIC ID 2 */
	assert_int_equal(rd(2, 0x822), BIT(0x41 % 32));
	assert_int_equal(kicked, BIT(2));
	assert_true(wr(0, 0x830, 3U << 18 | 0x42)); /* all but self */
	assert_int_equal(rd(0, 0x822), 0);
	assert_int_equal(rd(1, 0x822), BIT(0x42 % 32));
	assert_int_equal(rd(2, 0x822), BIT(0x41 % 32) | BIT(0x42 % 32));
	assert_int_equal(rd(1, 0x80d), BIT(1));			  /* LDR: cluster 0, bit 1 */
	assert_true(wr(0, 0x830, 0x4ULL << 32 | BIT(11) | 0x43)); /* logical: cluster 0, bit 2 */
	assert_int_equal(rd(1, 0x822), BIT(0x42 % 32));
	assert_int_equal(rd(2, 0x822), BIT(0x41 % 32) | BIT(0x42 % 32) | BIT(0x43 % 32));
	assert_true(wr(0, 0x83f, 0x44)); /* self IPI */
	assert_int_equal(rd(0, 0x822), BIT(0x44 % 32));
	assert_true(wr(0, 0x830, 1ULL << 32 | 4U << 8)); /* NMI: not emulated, said so */
	assert_string_equal(logged, "p: vCPU 0 sent an IPI of delivery mode 4, which Bulkhead does "
				    "not emulate (fixed, INIT and start-up are)");
	assert_int_equal(rd(1, 0x822), BIT(0x42 % 32));
}

static void timer_tsc_deadline(void **state)
{
	(void)state;
	assert_true(wr(0, 0x80f, 0x1ff));
	assert_true(wr(0, 0x832, 2U << 17 | 0xec));
	assert_true(wr(0, 0x6e0, test_tsc + 100));
	assert_int_equal(rd(0, 0x6e0), 1000100);
	test_tsc += 50;
	assert_int_equal(enter(), -1);
	assert_int_equal(armed, 1000100); /* the physical timer takes the deadline */
	test_tsc += 50;
	assert_int_equal(enter(), 0xec);
	assert_int_equal(rd(0, 0x6e0), 0); /* fired: disarmed */
	assert_int_equal(armed, 0);
	assert_false(wr(0, 0x832, 3U << 17)); /* timer mode 3 is reserved */
}

static void timer_periodic_and_masked(void **state)
{
	(void)state;
	assert_true(wr(0, 0x80f, 0x1ff));
	assert_true(wr(0, 0x83e, 0x1));		    /* divide by 4 */
	assert_true(wr(0, 0x832, 1U << 17 | 0x30)); /* periodic */
	assert_true(wr(0, 0x838, 250));		    /* 1000 TSC ticks */
	test_tsc += 400;
	assert_int_equal(rd(0, 0x839), 150); /* current count */
	test_tsc += 600;
	assert_int_equal(enter(), 0x30);
	assert_true(wr(0, 0x80b, 0));
	assert_int_equal(armed, 1002000);		      /* the next period */
	assert_true(wr(0, 0x832, 1U << 17 | BIT(16) | 0x30)); /* masked: counts, raises nothing */
	test_tsc += 1000;
	assert_int_equal(enter(), -1);
	assert_true(wr(0, 0x838, 0)); /* stopped */
	assert_int_equal(enter(), -1);
	assert_int_equal(armed, 0);
}

/* REQ: BH-ISO-8 */
static void unknown_registers_refused(void **state)
{
	u64 v = 0;
	bool gp;

	(void)state;
	assert_true(vlapic_msr(&part.vcpu[0], 0x8ff, false, &v, &gp));
	assert_true(gp);
	assert_false(wr(0, 0x802, 5));				       /* the ID is read-only */
	assert_false(vlapic_msr(&part.vcpu[0], 0x10, false, &v, &gp)); /* not an APIC MSR */
	assert_int_equal(rd(1, 0x802), 1);
}

static bool base(u32 vcpu, bool write, u64 *val)
{
	return vlapic_apic_base(&part.vcpu[vcpu], write, val);
}

static u32 mmio_rd(u32 vcpu, u32 off)
{
	u64 v = 0;

	assert_true(vlapic_mmio(&part.vcpu[vcpu], off, false, 4, &v));
	return (u32)v;
}

static void mmio_wr(u32 vcpu, u32 off, u32 val)
{
	u64 v = val;

	assert_true(vlapic_mmio(&part.vcpu[vcpu], off, true, 4, &v));
}

/* x2APIC -> disabled -> xAPIC as Linux does without interrupt remapping; the reverse refused. */
static void apic_base_transitions(void **state)
{
	u64 v = 0;

	(void)state;
	assert_true(base(0, false, &v));
	assert_int_equal(v, 0xfee00000ULL | BIT(11) | BIT(10) | BIT(8));
	assert_true(base(1, false, &v));
	assert_int_equal(v, 0xfee00000ULL | BIT(11) | BIT(10));	      /* not the BSP */
	assert_false(vlapic_mmio(&part.vcpu[0], 0x20, false, 4, &v)); /* no page in x2APIC mode */
	v = 0xfee00000ULL | BIT(11) | BIT(8);
	assert_false(base(0, true, &v)); /* x2APIC -> xAPIC directly: invalid */
	v = 0xfed00000ULL | BIT(11) | BIT(10) | BIT(8);
	assert_false(base(0, true, &v)); /* the page does not move */
	v = 0xfee00000ULL | BIT(8);
	assert_true(base(0, true, &v)); /* disabled */
	v = 0xfee00000ULL | BIT(11) | BIT(10) | BIT(8);
	assert_false(base(0, true, &v)); /* disabled -> x2APIC: invalid */
	v = 0xfee00000ULL | BIT(11) | BIT(8);
	assert_true(base(0, true, &v)); /* xAPIC */
	assert_int_equal(mmio_rd(0, 0x20), 0);
	assert_false(wr(0, 0x808, 0)); /* x2APIC MSRs #GP in xAPIC mode */
	v = 0xfee00000ULL | BIT(11) | BIT(10) | BIT(8);
	assert_true(base(0, true, &v)); /* and back up to x2APIC */
	assert_int_equal(rd(0, 0x802), 0);
}

static void to_xapic(u32 vcpu)
{
	u64 v = 0xfee00000ULL | (vcpu == 0 ? BIT(8) : 0);

	assert_true(base(vcpu, true, &v));
	v |= BIT(11);
	assert_true(base(vcpu, true, &v));
}

/* The xAPIC page: ID in bits 24-31, the split ICR, flat logical destinations as Linux sets them. */
/* REQ: BH-ISO-5 */
static void xapic_page_and_flat_ipis(void **state)
{
	(void)state;
	for (u32 i = 0; i < 3; i++)
		to_xapic(i);
	assert_int_equal(mmio_rd(2, 0x20), 2U << 24);
	assert_int_equal(mmio_rd(0, 0x30) & 0xff, 0x14); /* version */
	assert_int_equal(mmio_rd(0, 0xe0), 0xffffffffU); /* DFR: flat after reset */
	for (u32 i = 0; i < 3; i++) {
		mmio_wr(i, 0xe0, 0xffffffffU);
		mmio_wr(i, 0xd0, BIT(i) << 24); /* LDR: one bit per CPU */
		assert_int_equal(mmio_rd(i, 0xd0), BIT(i) << 24);
	}
	mmio_wr(0, 0x310, 0x6U << 24); /* logical destination: CPUs 1 and 2 */
	mmio_wr(0, 0x300, BIT(11) | 0x51);
	assert_int_equal(mmio_rd(1, 0x220), BIT(0x51 % 32));
	assert_int_equal(mmio_rd(2, 0x220), BIT(0x51 % 32));
	assert_int_equal(mmio_rd(0, 0x220), 0);
	assert_int_equal(mmio_rd(0, 0x310), 0x6U << 24);
	mmio_wr(0, 0x310, 1U << 24); /* physical, APIC ID 1 */
	mmio_wr(0, 0x300, 0x52);
	assert_int_equal(mmio_rd(1, 0x220), BIT(0x51 % 32) | BIT(0x52 % 32));
	assert_int_equal(mmio_rd(2, 0x220), BIT(0x51 % 32));
	/* Task priority and EOI through the page; other widths read 0 and are dropped. */
	mmio_wr(0, 0xf0, 0x1ff); /* SVR: enabled */
	part.vcpu[0].arch.lapic.irr[0x60 / 32] |= BIT(0x60 % 32);
	assert_int_equal(enter(), 0x60);
	assert_int_equal(mmio_rd(0, 0x130), BIT(0x60 % 32)); /* ISR, vectors 0x60-0x7f */
	mmio_wr(0, 0xb0, 0x12345678);			     /* EOI: any value */
	assert_int_equal(mmio_rd(0, 0x130), 0);
	{
		u64 v = 0x55;

		assert_true(vlapic_mmio(&part.vcpu[0], 0x80, true, 1, &v));
		assert_int_equal(mmio_rd(0, 0x80), 0);
		assert_true(vlapic_mmio(&part.vcpu[0], 0x84, false, 4, &v));
		assert_int_equal(v, 0);
	}
}

/* INIT then SIPI starts an off vCPU in real mode at the vector's page; alone, neither does. */
static void init_sipi_starts_a_vcpu(void **state)
{
	(void)state;
	started_target = ~0ULL;
	part.vcpu[1].state = VCPU_OFF;
	part.vcpu[2].state = VCPU_RUNNING;
	assert_true(wr(0, 0x830, 1ULL << 32 | 6U << 8 | 0x9a)); /* SIPI without INIT */
	assert_int_equal(started_target, ~0ULL);
	assert_true(wr(0, 0x830, 1ULL << 32 | BIT(15) | BIT(14) | 5U << 8)); /* INIT, assert */
	assert_true(wr(0, 0x830, 1ULL << 32 | BIT(15) | 5U << 8));	     /* INIT, de-assert */
	assert_true(wr(0, 0x830, 1ULL << 32 | 6U << 8 | 0x9a)); /* SIPI, page 0x9a000 */
	assert_int_equal(started_target, 1);
	assert_int_equal(started_entry, 0x9a000);
	assert_true(part.vcpu[1].arch.real_mode);
	started_target = ~0ULL;
	assert_true(wr(0, 0x830, 1ULL << 32 | 6U << 8 | 0x9a)); /* the second SIPI: ignored */
	assert_int_equal(started_target, ~0ULL);
	assert_true(wr(0, 0x830, 2ULL << 32 | BIT(14) | 5U << 8)); /* INIT to a running vCPU */
	assert_true(wr(0, 0x830, 2ULL << 32 | 6U << 8 | 0x9a));
	assert_int_equal(started_target, ~0ULL);
	assert_string_equal(logged, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(priority_and_eoi, setup),
	    cmocka_unit_test_setup(window_when_interrupts_are_masked, setup),
	    cmocka_unit_test_setup(interrupted_delivery_injected_again, setup),
	    cmocka_unit_test_setup(ipis_within_the_partition, setup),
	    cmocka_unit_test_setup(timer_tsc_deadline, setup),
	    cmocka_unit_test_setup(timer_periodic_and_masked, setup),
	    cmocka_unit_test_setup(unknown_registers_refused, setup),
	    cmocka_unit_test_setup(apic_base_transitions, setup),
	    cmocka_unit_test_setup(xapic_page_and_flat_ipis, setup),
	    cmocka_unit_test_setup(init_sipi_starts_a_vcpu, setup),
	};

	return cmocka_run_group_tests_name("vlapic", tests, NULL, NULL);
}
