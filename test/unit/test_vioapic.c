// SPDX-License-Identifier: GPL-2.0
/*
 * The x86 virtual IOAPIC (arch/x86/vioapic.c) with the real virtual local
 * APIC behind it: which pins a partition may route, what reaches the
 * physical IOAPIC (host vector, the CPU of the vCPU named, the mask), an
 * edge and a level interrupt from the host vector to the guest's vector,
 * the level pin held masked until the guest's EOI (local APIC or the
 * IOAPIC's EOI register), a reset, and the virtual VMBus pin (bus_gsi).
 * The physical IOAPIC, kicks, the TSC and the CPU index are test stand-ins.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <asm/ioapic.h>
#include <asm/lapic.h>
#include <asm/svm.h>
#include <asm/vlapic.h>
#include "../../core/console.h"
#include "../../core/partition.h"
#include "../../arch/x86/x86.h"

unsigned int test_cpu_id;
unsigned long long test_tsc;
static char logged[256];
static u64 phys[BH_X86_MAX_GSI]; /* the physical IOAPIC's entries as written */
static u32 writes;

void arch_cpu_kick(u32 cpu)
{
	(void)cpu;
}

void lapic_timer_arm(u64 deadline)
{
	(void)deadline;
}

/* No watchdog here (test_vib700): the physical timer takes the vCPU's own deadline. */
u64 vib700_alarm(struct vcpu *v, u64 deadline)
{
	(void)v;
	return deadline;
}

int vcpu_cpu_on(struct partition *p, u64 target, u64 entry, u64 ctx)
{
	(void)p, (void)target, (void)entry, (void)ctx;
	return 0;
}

void log_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(logged, sizeof(logged), fmt, ap);
	va_end(ap);
}

void ioapic_write_rte(u32 pin, u64 rte)
{
	phys[pin] = rte;
	writes++;
}

void ioapic_mask(u32 pin, bool masked)
{
	phys[pin] = masked ? phys[pin] | RTE_MASKED : phys[pin] & ~RTE_MASKED;
}

/* Physical CPUs 0..3 with APIC IDs 0x10..0x13; the partition runs on CPUs 2 and 3. */
static const u64 mpidr[4] = {0x10, 0x11, 0x12, 0x13};
const struct bh_system bh_system = {.nr_cpus = 4, .cpu_mpidr = mpidr};
static const u32 cpus[2] = {2, 3};
static const u32 pins[3] = {5, 20, 30}; /* 30: beyond a 24-pin IOAPIC */
static const struct bh_partition cfg = {
    .name = "p", .nr_vcpus = 2, .cpus = cpus, .nr_spis = 3, .spis = pins};
/* The same with the VMBus interrupt on virtual pin 16 (a Linux partition). */
static const struct bh_partition cfg_bus = {
    .name = "p", .nr_vcpus = 2, .cpus = cpus, .nr_spis = 3, .spis = pins, .bus_gsi = 16};
static struct partition part;
static struct vmcb vmcb;

static int setup_with(const struct bh_partition *c)
{
	memset(&part, 0, sizeof(part));
	memset(&vmcb, 0, sizeof(vmcb));
	memset(phys, 0, sizeof(phys));
	logged[0] = '\0';
	part.cfg = c;
	part.state = PART_RUNNING;
	for (u32 i = 0; i < 2; i++) {
		part.vcpu[i].part = &part;
		part.vcpu[i].index = i;
		part.vcpu[i].pcpu = cpus[i];
		vlapic_reset(&part.vcpu[i].arch.lapic);
	}
	test_cpu_id = 2;
	test_tsc = 1000000;
	VMCB64(&vmcb, VMCB_RFLAGS) = BIT(9); /* IF = 1 */
	vioapic_init(&part, 24);
	vioapic_reset(&part);
	writes = 0;
	return 0;
}

static int setup(void **state)
{
	(void)state;
	return setup_with(&cfg);
}

static int setup_bus(void **state)
{
	(void)state;
	return setup_with(&cfg_bus);
}

static u32 io_rd(u32 reg)
{
	u64 v = reg;

	assert_true(vioapic_mmio(&part.vcpu[0], 0x00, true, 4, &v));
	assert_true(vioapic_mmio(&part.vcpu[0], 0x10, false, 4, &v));
	return (u32)v;
}

static void io_wr(u32 reg, u32 val)
{
	u64 v = reg;

	assert_true(vioapic_mmio(&part.vcpu[0], 0x00, true, 4, &v));
	v = val;
	assert_true(vioapic_mmio(&part.vcpu[0], 0x10, true, 4, &v));
}

/* Routes pin to vector at APIC ID dest (physical destination) with the low-word flags. */
static void route(u32 pin, u32 vector, u32 flags, u32 dest)
{
	io_wr(0x11 + 2 * pin, dest << 24);
	io_wr(0x10 + 2 * pin, vector | flags);
}

static u32 irr(u32 vcpu, u32 vector)
{
	return part.vcpu[vcpu].arch.lapic.irr[vector / 32] & BIT(vector % 32);
}

/* REQ: BH-ISO-5 */
static void only_its_own_pins(void **state)
{
	(void)state;
	assert_int_equal(io_rd(0x01), 0x170020); /* version 0x20, 24 pins */
	assert_string_equal(logged, "p: its devices' IOAPIC pin 30 is beyond the board IOAPIC's 24 "
				    "pins; not routed");
	assert_int_equal(io_rd(0x10 + 2 * 7), RTE_MASKED); /* pin 7 is not its own */
	route(7, 0x40, 0, 0);
	assert_int_equal(io_rd(0x10 + 2 * 7), RTE_MASKED);
	assert_int_equal(writes, 0); /* nothing reached the board's IOAPIC */
	route(5, 0x41, RTE_MASKED, 0);
	assert_int_equal(io_rd(0x10 + 2 * 5), 0x41 | RTE_MASKED);
	assert_int_equal(phys[5], (BH_X86_GSI_HOST_VECTOR + 5) | RTE_MASKED | 0x12ULL << 56);
	/* Only 32-bit accesses at IOREGSEL, IOWIN and EOI are registers. */
	u64 v = 0;
	assert_false(vioapic_mmio(&part.vcpu[0], 0x10, false, 8, &v));
	assert_false(vioapic_mmio(&part.vcpu[0], 0x20, false, 4, &v));
}

/* REQ: BH-TMP-2 */
static void edge_pin_to_the_vcpu_named(void **state)
{
	(void)state;
	route(5, 0x41, 0, 1); /* edge, active high, to vCPU 1 */
	assert_int_equal(phys[5], (BH_X86_GSI_HOST_VECTOR + 5) | 0x13ULL << 56); /* CPU 3's APIC */
	vioapic_host_irq(5);
	assert_true(irr(1, 0x41));
	assert_false(irr(0, 0x41));
	assert_false(phys[5] & RTE_MASKED); /* edge: nothing to wait for */
	route(5, 0x42, RTE_LOGICAL, 0x1);   /* logical mask bit 0: vCPU 0 */
	assert_int_equal(phys[5] >> 56, 0x12);
}

/* REQ: BH-TMP-2 */
static void level_pin_masked_until_eoi(void **state)
{
	u64 zero = 0, v;
	bool gp;

	(void)state;
	route(20, 0x51, RTE_LEVEL | RTE_LOW, 0);
	assert_int_equal(phys[20],
			 (BH_X86_GSI_HOST_VECTOR + 20) | RTE_LEVEL | RTE_LOW | 0x12ULL << 56);
	vioapic_host_irq(20);
	assert_true(irr(0, 0x51));
	assert_true(phys[20] & RTE_MASKED); /* held off until the guest's EOI */
	assert_true(io_rd(0x10 + 2 * 20) & RTE_REMOTE_IRR);
	assert_true(vlapic_msr(&part.vcpu[0], 0x80f, true, &(u64){0x1ff}, &gp)); /* APIC on */
	vlapic_enter(&part.vcpu[0], &vmcb);
	assert_int_equal(VMCB64(&vmcb, VMCB_EVENTINJ) & 0xff, 0x51);
	assert_true(vlapic_msr(&part.vcpu[0], 0x818 + 0x51 / 32, false, &v, &gp)); /* TMR */
	assert_int_equal(v, BIT(0x51 % 32));
	assert_true(vlapic_msr(&part.vcpu[0], 0x80b, true, &zero, &gp)); /* EOI */
	assert_false(phys[20] & RTE_MASKED);
	assert_false(io_rd(0x10 + 2 * 20) & RTE_REMOTE_IRR);
	/* Again, ended through the IOAPIC's own EOI register this time. */
	vioapic_host_irq(20);
	assert_true(phys[20] & RTE_MASKED);
	v = 0x51;
	assert_true(vioapic_mmio(&part.vcpu[0], 0x40, true, 4, &v));
	assert_false(phys[20] & RTE_MASKED);
	/* The guest reading or writing the read-only bits changes nothing. */
	io_wr(0x10 + 2 * 20, 0x51 | RTE_LEVEL | RTE_REMOTE_IRR | RTE_PENDING);
	assert_false(io_rd(0x10 + 2 * 20) & (RTE_REMOTE_IRR | RTE_PENDING));
}

/* REQ: BH-ISO-5 */
static void masked_or_stopped_pins_stay_quiet(void **state)
{
	(void)state;
	route(5, 0x41, RTE_MASKED, 0);
	vioapic_host_irq(5); /* raced with the guest's mask */
	assert_false(irr(0, 0x41));
	assert_true(phys[5] & RTE_MASKED);
	route(5, 0x41, 0, 0);
	part.state = PART_STOPPING;
	vioapic_host_irq(5);
	assert_false(irr(0, 0x41));
	assert_true(phys[5] & RTE_MASKED);
	part.state = PART_RUNNING;
	route(5, 0x41, 4U << 8, 0); /* NMI delivery: not routed */
	assert_true(phys[5] & RTE_MASKED);
	vioapic_host_irq(7); /* nobody's pin: masked at the board */
	assert_true(phys[7] & RTE_MASKED);
}

/* REQ: BH-FLT-3 */
static void reset_masks_everything(void **state)
{
	(void)state;
	route(5, 0x41, 0, 0);
	route(20, 0x51, RTE_LEVEL, 0);
	vioapic_reset(&part);
	assert_true(phys[5] & RTE_MASKED);
	assert_true(phys[20] & RTE_MASKED);
	assert_int_equal(io_rd(0x10 + 2 * 5), RTE_MASKED);
}

/*
 * The bus pin: the guest programs it like any; no physical pin is behind it;
 * an interrupt while it is masked or in service waits for it, one at most.
 */
/* REQ: BH-ISO-5 */
static void bus_pin_is_virtual(void **state)
{
	u64 zero = 0, v;
	bool gp;

	(void)state;
	assert_int_equal(io_rd(0x01), 0x170020); /* still the board's 24 pins */
	assert_int_equal(io_rd(0x10 + 2 * 16), RTE_MASKED);
	vioapic_bus_irq(&part); /* before the guest took it: kept */
	vioapic_bus_irq(&part);
	assert_false(irr(0, 0x61) || irr(1, 0x61));
	route(16, 0x61, 0, 1); /* edge, to vCPU 1: what waited comes, once */
	assert_true(irr(1, 0x61));
	assert_false(irr(0, 0x61));
	assert_int_equal(writes, 0); /* the board's IOAPIC never saw it */
	part.vcpu[1].arch.lapic.irr[0x61 / 32] = 0;
	route(16, 0x61, 0, 1);
	assert_false(irr(1, 0x61));
	vioapic_bus_irq(&part);
	assert_true(irr(1, 0x61));

	/* Level: in service until the EOI, then what came meanwhile. */
	route(16, 0x62, RTE_LEVEL, 0);
	vioapic_bus_irq(&part);
	assert_true(irr(0, 0x62));
	assert_true(io_rd(0x10 + 2 * 16) & RTE_REMOTE_IRR);
	assert_true(vlapic_msr(&part.vcpu[0], 0x80f, true, &(u64){0x1ff}, &gp)); /* APIC on */
	vlapic_enter(&part.vcpu[0], &vmcb);
	assert_int_equal(VMCB64(&vmcb, VMCB_EVENTINJ) & 0xff, 0x62);
	vioapic_bus_irq(&part); /* in service: waits */
	assert_false(irr(0, 0x62));
	assert_true(vlapic_msr(&part.vcpu[0], 0x80b, true, &zero, &gp)); /* EOI */
	assert_true(irr(0, 0x62));
	v = 0x62; /* through the IOAPIC's EOI register: nothing waits now */
	assert_true(vioapic_mmio(&part.vcpu[0], 0x40, true, 4, &v));
	assert_int_equal(writes, 0);

	/* A reset forgets what waited; the pin is masked again. */
	route(16, 0x61, RTE_MASKED, 0);
	vioapic_bus_irq(&part);
	vioapic_reset(&part);
	assert_int_equal(phys[16], 0);
	part.vcpu[0].arch.lapic.irr[0x61 / 32] = 0;
	route(16, 0x61, 0, 0);
	assert_false(irr(0, 0x61));
	assert_int_equal(io_rd(0x10 + 2 * 7), RTE_MASKED); /* still not its own */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(only_its_own_pins, setup),
	    cmocka_unit_test_setup(edge_pin_to_the_vcpu_named, setup),
	    cmocka_unit_test_setup(level_pin_masked_until_eoi, setup),
	    cmocka_unit_test_setup(masked_or_stopped_pins_stay_quiet, setup),
	    cmocka_unit_test_setup(reset_masks_everything, setup),
	    cmocka_unit_test_setup(bus_pin_is_virtual, setup_bus),
	};

	return cmocka_run_group_tests_name("vioapic", tests, NULL, NULL);
}
