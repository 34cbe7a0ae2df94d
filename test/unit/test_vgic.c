// SPDX-License-Identifier: GPL-2.0
/*
 * vGIC register model: the emulated distributor and redistributors as a
 * partition sees them, with the physical GIC replaced by recorders.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include <asm/gic.h>
#include "../../core/partition.h"

/* Recorders for what the model does to the physical GIC. */
static u32 phys_enabled[8], last_route_intid, raised_intid, raised_vcpu;
static u64 last_route_mpidr;
static int raises;

void gic_spi_enable(u32 intid, bool on)
{
	if (on)
		phys_enabled[intid / 32] |= 1U << (intid % 32);
	else
		phys_enabled[intid / 32] &= ~(1U << (intid % 32));
}

void gic_spi_route(u32 intid, u64 mpidr)
{
	last_route_intid = intid;
	last_route_mpidr = mpidr;
}

void gic_spi_config(u32 intid, bool edge)
{
	(void)intid;
	(void)edge;
}

void vgic_raise(struct vcpu *v, u32 intid)
{
	raised_intid = intid;
	raised_vcpu = v->index;
	raises++;
}

/* An enable must make the vCPUs look at their pending interrupts again. */
static u32 marked; /* bit per vCPU index */

void vgic_mark(struct vcpu *v)
{
	marked |= 1U << v->index;
}

void vpl011_recheck(struct partition *p)
{
	(void)p;
}

static const u32 cpus[2] = { 1, 3 };
static const u32 spis[1] = { 79 };
static const u64 mpidr[4] = { 0, 1, 2, 3 };
static const struct bh_partition cfg = { .name = "p", .nr_vcpus = 2, .cpus = cpus,
					 .nr_spis = 1, .spis = spis, .vuart_intid = 33 };
const struct bh_system bh_system = { .nr_cpus = 4, .cpu_mpidr = mpidr };
static struct partition part;

static int setup(void **state)
{
	(void)state;
	memset(&part, 0, sizeof(part));
	memset(phys_enabled, 0, sizeof(phys_enabled));
	raises = 0;
	part.cfg = &cfg;
	for (u32 i = 0; i < 2; i++) {
		part.vcpu[i].part = &part;
		part.vcpu[i].index = i;
		part.vcpu[i].pcpu = cpus[i];
	}
	return 0;
}

static u64 dist(u64 off, u32 size)
{
	u64 v = 0;

	assert_int_equal(vgic_dist_access(&part.vcpu[0], off, false, size, &v), 0);
	return v;
}

static void dist_w(u64 off, u32 size, u64 v)
{
	assert_int_equal(vgic_dist_access(&part.vcpu[0], off, true, size, &v), 0);
}

static void identification(void **state)
{
	(void)state;
	assert_int_equal(dist(GICD_TYPER, 4) & 0x1f, (CONFIG_ARM64_GIC_MAX_SPI + 32) / 32 - 1);
	assert_int_equal(dist(GICD_TYPER, 4) & BIT(17), 0); /* no LPIs */
	assert_int_equal(dist(GICD_CTLR, 4) & (BIT(4) | BIT(6)), BIT(4) | BIT(6));
	assert_int_equal(dist(GICD_PIDR2, 4), 0x3b);
	dist_w(GICD_CTLR, 4, 0xffffffff);
	assert_int_equal(dist(GICD_CTLR, 4), BIT(1) | BIT(4) | BIT(6));
}

static void only_owned_spis_enable(void **state)
{
	(void)state;
	/* INTIDs 64..95: 79 is ours (pass-through), everything else is not. */
	marked = 0;
	dist_w(GICD_ISENABLER + 8, 4, 0xffffffff);
	assert_int_equal(dist(GICD_ISENABLER + 8, 4), 1U << (79 - 64));
	assert_int_equal(phys_enabled[2], 1U << (79 - 64));
	assert_int_equal(marked, 3); /* both vCPUs look at their pending SPIs again */
	/* The virtual UART's SPI is virtual only: no physical write. */
	dist_w(GICD_ISENABLER + 4, 4, 1U << (33 - 32));
	assert_int_equal(dist(GICD_ISENABLER + 4, 4), 1U << 1);
	assert_int_equal(phys_enabled[1], 0);
	dist_w(GICD_ICENABLER + 8, 4, 0xffffffff);
	assert_int_equal(phys_enabled[2], 0);
	assert_int_equal(dist(GICD_ISENABLER + 8, 4), 0);
}

static void priorities_bytewise_and_private(void **state)
{
	(void)state;
	dist_w(GICD_IPRIORITYR + 76, 4, 0x40302010); /* INTIDs 76..79 */
	assert_int_equal(dist(GICD_IPRIORITYR + 76, 4), 0x40000000);
	dist_w(GICD_IPRIORITYR + 79, 1, 0x80);
	assert_int_equal(dist(GICD_IPRIORITYR + 79, 1), 0x80);
	assert_int_equal(dist(GICD_IPRIORITYR + 80, 1), 0);
}

static void routing_follows_the_vcpu(void **state)
{
	(void)state;
	dist_w(GICD_IROUTER + 79 * 8, 8, 1); /* to vCPU 1 (affinity 0.0.0.1) */
	assert_int_equal(last_route_intid, 79);
	assert_int_equal(last_route_mpidr, 3); /* vCPU 1 runs on physical CPU 3 */
	assert_int_equal(dist(GICD_IROUTER + 79 * 8, 8), 1);
	last_route_intid = 0;
	dist_w(GICD_IROUTER + 79 * 8, 8, 5);        /* no vCPU 5: ignored */
	dist_w(GICD_IROUTER + 80 * 8, 8, 0);        /* not ours: ignored */
	assert_int_equal(last_route_intid, 0);
	assert_int_equal(vgic_spi_target(&part, 79)->index, 1);
}

static void pending_only_for_virtual_lines(void **state)
{
	(void)state;
	dist_w(GICD_ISPENDR + 4, 4, 1U << 1); /* SPI 33: the virtual UART */
	assert_int_equal(raises, 1);
	assert_int_equal(raised_intid, 33);
	dist_w(GICD_ISPENDR + 8, 4, 1U << 15); /* SPI 79: hardware, left alone */
	assert_int_equal(raises, 1);
}

static void redistributor_frames(void **state)
{
	u64 v = 0;

	(void)state;
	assert_int_equal(vgic_redist_access(&part.vcpu[0], GICR_TYPER, false, 8, &v), 0);
	assert_int_equal(v >> 32, 0);
	assert_int_equal(v & BIT(4), 0);
	assert_int_equal(vgic_redist_access(&part.vcpu[0], GICR_FRAME + GICR_TYPER, false, 8, &v), 0);
	assert_int_equal(v >> 32, 1);
	assert_true(v & BIT(4)); /* Last */
	assert_int_equal(vgic_redist_access(&part.vcpu[0], 2 * GICR_FRAME, false, 4, &v), -1);
	v = 1U << 27;
	marked = 0;
	assert_int_equal(vgic_redist_access(&part.vcpu[0], GICR_FRAME + GICR_SGI + GICD_ISENABLER,
					    true, 4, &v), 0);
	assert_int_equal(part.vcpu[1].arch.vgic.enabled, 1U << 27);
	assert_int_equal(marked, 2); /* the redistributor's own vCPU, 1 */
	assert_int_equal(part.vcpu[0].arch.vgic.enabled, 0);
	v = 0;
	assert_int_equal(vgic_redist_access(&part.vcpu[0], GICR_WAKER, true, 4, &v), 0);
	assert_int_equal(vgic_redist_access(&part.vcpu[0], GICR_WAKER, false, 4, &v), 0);
	assert_int_equal(v, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(identification, setup),
		cmocka_unit_test_setup(only_owned_spis_enable, setup),
		cmocka_unit_test_setup(priorities_bytewise_and_private, setup),
		cmocka_unit_test_setup(routing_follows_the_vcpu, setup),
		cmocka_unit_test_setup(pending_only_for_virtual_lines, setup),
		cmocka_unit_test_setup(redistributor_frames, setup),
	};

	return cmocka_run_group_tests_name("vgic", tests, NULL, NULL);
}
