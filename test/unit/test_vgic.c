// SPDX-License-Identifier: GPL-2.0
/*
 * vGIC register model: the emulated distributor and redistributors (GICv3)
 * or distributor with its per-vCPU bank 0 (GICv2, built with
 * -DCONFIG_ARM64_GICV2) as a partition sees them, with the physical GIC
 * replaced by recorders. The shared cases run against both back ends.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include <asm/gic.h>
#include "../../arch/arm64/arm64.h"
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
	if (intid < 32) /* as the real one: the bitmap until a list register takes it */
		v->arch.vgic.pending |= 1U << intid;
}

/*
 * This CPU's list registers: lr_intid[n] with state lr_state[n] (1 pending,
 * 2 active); the physical GIC: deactivations and SPI pending bits recorded.
 */
static u32 lr_intid[4], lr_st[4], deactivated_cpu, deactivations, phys_pending[8];
static u32 deactivated[8];

bool vgic_lr_unpend(u32 intid)
{
	for (int n = 0; n < 4; n++)
		if (lr_st[n] == 1 && lr_intid[n] == intid) {
			lr_st[n] = 0;
			return true;
		}
	return false;
}

u32 vgic_lr_state(u32 intid)
{
	for (int n = 0; n < 4; n++)
		if (lr_st[n] && lr_intid[n] == intid)
			return lr_st[n];
	return 0;
}

u32 vgic_lr_ppis(bool active)
{
	u32 bits = 0;

	for (int n = 0; n < 4; n++)
		if (lr_intid[n] < 32 && (lr_st[n] & (active ? 2 : 1)))
			bits |= 1U << lr_intid[n];
	return bits;
}

void gic_ppi_deactivate(u32 cpu, u32 intid)
{
	deactivated_cpu = cpu;
	deactivated[intid / 32] |= 1U << (intid % 32);
	deactivations++;
}

void gic_spi_deactivate(u32 intid)
{
	deactivated[intid / 32] |= 1U << (intid % 32);
	deactivations++;
}

bool gic_spi_pending(u32 intid)
{
	return phys_pending[intid / 32] & (1U << (intid % 32));
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

static const u32 cpus[2] = {1, 3};
static const u32 spis[1] = {79};
static const u64 mpidr[4] = {0, 1, 2, 3};
static const struct bh_partition cfg = {
    .name = "p", .nr_vcpus = 2, .cpus = cpus, .nr_spis = 1, .spis = spis, .vuart_intid = 33};
const struct bh_system bh_system = {.nr_cpus = 4, .cpu_mpidr = mpidr};
static struct partition part;

static int setup(void **state)
{
	(void)state;
	memset(&part, 0, sizeof(part));
	memset(phys_enabled, 0, sizeof(phys_enabled));
	memset(lr_intid, 0, sizeof(lr_intid));
	memset(lr_st, 0, sizeof(lr_st));
	memset(deactivated, 0, sizeof(deactivated));
	memset(phys_pending, 0, sizeof(phys_pending));
	deactivations = 0;
	deactivated_cpu = ~0U;
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

#ifdef CONFIG_ARM64_GICV2
/* A vCPU's own SGI/PPI registers: bank 0 of the distributor, as that vCPU reads it. */
static u64 redist_r(struct vcpu *by, u32 frame, u64 off)
{
	u64 v = 0;

	(void)by;
	assert_int_equal(vgic_dist_access(&part.vcpu[frame], off, false, 4, &v), 0);
	return v;
}

/* REQ: BH-ISO-8 */
static void identification(void **state)
{
	(void)state;
	assert_int_equal(dist(GICD_TYPER, 4) & 0x1f, (CONFIG_ARM64_GIC_MAX_SPI + 32) / 32 - 1);
	assert_int_equal((dist(GICD_TYPER, 4) >> 5) & 7, 1); /* CPUNumber: 2 vCPUs */
	assert_int_equal(dist(GICD_TYPER, 4) & BIT(10), 0);  /* no security extensions */
	assert_int_equal(dist(GICD_IIDR, 4), 0x0200143b);    /* GIC-400 */
	assert_int_equal(dist(0xfe8, 4), 0x2b);		     /* ArchRev 2 */
	dist_w(GICD_CTLR, 4, 0xffffffff);
	assert_int_equal(dist(GICD_CTLR, 4), 1);
	dist_w(GICD_IGROUPR + 8, 4, 0xffffffff); /* group 0 only */
	assert_int_equal(dist(GICD_IGROUPR + 8, 4), 0);
}

/* GICD_ITARGETSR: bank 0 names the reader; an SPI's byte is its target vCPU. */
/* REQ: BH-TMP-2 */
static void routing_follows_the_vcpu(void **state)
{
	u64 v = 0;

	(void)state;
	assert_int_equal(dist(GICD_ITARGETSR, 4), 0x01010101);
	assert_int_equal(vgic_dist_access(&part.vcpu[1], GICD_ITARGETSR + 28, false, 4, &v), 0);
	assert_int_equal(v, 0x02020202);
	dist_w(GICD_ITARGETSR + 79, 1, 2); /* to vCPU 1 */
	assert_int_equal(last_route_intid, 79);
	assert_int_equal(last_route_mpidr, 3); /* vCPU 1 runs on physical CPU 3 */
	assert_int_equal(dist(GICD_ITARGETSR + 76, 4), 0x02000000);
	last_route_intid = 0;
	dist_w(GICD_ITARGETSR + 79, 1, 0x10); /* no vCPU 4: ignored */
	dist_w(GICD_ITARGETSR + 80, 1, 1);    /* not ours: ignored */
	dist_w(GICD_ITARGETSR + 79, 1, 0);    /* no target: ignored */
	assert_int_equal(last_route_intid, 0);
	assert_int_equal(vgic_spi_target(&part, 79)->index, 1);
	assert_int_equal(dist(GICD_ITARGETSR + 80, 4), 0);
}

static void sgir(u32 from, u32 filter, u32 list, u32 intid)
{
	u64 v = filter << 24 | list << 16 | intid;

	assert_int_equal(vgic_dist_access(&part.vcpu[from], GICD_SGIR, true, 4, &v), 0);
}

/* GICD_SGIR: a list of vCPUs, all but the sender, or the sender. */
/* REQ: BH-ISO-5 */
static void sgis_through_sgir(void **state)
{
	(void)state;
	sgir(1, 0, 1, 5); /* list: vCPU 0 */
	assert_int_equal(raises, 1);
	assert_int_equal(raised_vcpu, 0);
	assert_int_equal(raised_intid, 5);
	sgir(0, 1, 0, 6); /* all but vCPU 0 */
	assert_int_equal(raises, 2);
	assert_int_equal(raised_vcpu, 1);
	assert_int_equal(raised_intid, 6);
	sgir(1, 2, 0, 7); /* vCPU 1 itself */
	assert_int_equal(raises, 3);
	assert_int_equal(raised_vcpu, 1);
	sgir(0, 0, 4, 5); /* no vCPU 2 */
	sgir(0, 3, 1, 5); /* reserved filter */
	assert_int_equal(raises, 3);
	assert_int_equal(raised_vcpu, 1);
}

/* A vCPU's bank 0 is its own: vCPU 1 enabling a PPI does not enable vCPU 0's. */
/* REQ: BH-ISO-5 */
static void bank0_is_per_vcpu(void **state)
{
	u64 v = 1U << 27;

	(void)state;
	marked = 0;
	assert_int_equal(vgic_dist_access(&part.vcpu[1], GICD_ISENABLER, true, 4, &v), 0);
	assert_int_equal(part.vcpu[1].arch.vgic.enabled, 1U << 27);
	assert_int_equal(part.vcpu[0].arch.vgic.enabled, 0);
	assert_int_equal(marked, 2);
	assert_int_equal(dist(GICD_ISENABLER, 4), 0);
	dist_w(GICD_IPRIORITYR + 27, 1, 0x80);
	assert_int_equal(part.vcpu[0].arch.vgic.prio[27], 0x80);
	assert_int_equal(part.vcpu[1].arch.vgic.prio[27], 0);
	assert_int_equal(dist(GICD_ICFGR, 4), 0xaaaaaaaa); /* SGIs are edge */
}
#else
/* REQ: BH-ISO-8 */
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

/* REQ: BH-TMP-2 */
static void routing_follows_the_vcpu(void **state)
{
	(void)state;
	dist_w(GICD_IROUTER + 79 * 8, 8, 1); /* to vCPU 1 (affinity 0.0.0.1) */
	assert_int_equal(last_route_intid, 79);
	assert_int_equal(last_route_mpidr, 3); /* vCPU 1 runs on physical CPU 3 */
	assert_int_equal(dist(GICD_IROUTER + 79 * 8, 8), 1);
	last_route_intid = 0;
	dist_w(GICD_IROUTER + 79 * 8, 8, 5); /* no vCPU 5: ignored */
	dist_w(GICD_IROUTER + 80 * 8, 8, 0); /* not ours: ignored */
	assert_int_equal(last_route_intid, 0);
	assert_int_equal(vgic_spi_target(&part, 79)->index, 1);
}

/* REQ: BH-ISO-8 */
static void redistributor_frames(void **state)
{
	u64 v = 0;

	(void)state;
	assert_int_equal(vgic_redist_access(&part.vcpu[0], GICR_TYPER, false, 8, &v), 0);
	assert_int_equal(v >> 32, 0);
	assert_int_equal(v & BIT(4), 0);
	assert_int_equal(vgic_redist_access(&part.vcpu[0], GICR_FRAME + GICR_TYPER, false, 8, &v),
			 0);
	assert_int_equal(v >> 32, 1);
	assert_true(v & BIT(4)); /* Last */
	assert_int_equal(vgic_redist_access(&part.vcpu[0], 2 * GICR_FRAME, false, 4, &v), -1);
	v = 1U << 27;
	marked = 0;
	assert_int_equal(
	    vgic_redist_access(&part.vcpu[0], GICR_FRAME + GICR_SGI + GICD_ISENABLER, true, 4, &v),
	    0);
	assert_int_equal(part.vcpu[1].arch.vgic.enabled, 1U << 27);
	assert_int_equal(marked, 2); /* the redistributor's own vCPU, 1 */
	assert_int_equal(part.vcpu[0].arch.vgic.enabled, 0);
	v = 0;
	assert_int_equal(vgic_redist_access(&part.vcpu[0], GICR_WAKER, true, 4, &v), 0);
	assert_int_equal(vgic_redist_access(&part.vcpu[0], GICR_WAKER, false, 4, &v), 0);
	assert_int_equal(v, 0);
}

static u64 redist_r(struct vcpu *by, u32 frame, u64 off)
{
	u64 v = 0;

	assert_int_equal(vgic_redist_access(by, frame * GICR_FRAME + GICR_SGI + off, false, 4, &v),
			 0);
	return v;
}
#endif

/* REQ: BH-ISO-5 */
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

/* REQ: BH-ISO-5 */
static void pending_only_for_virtual_lines(void **state)
{
	(void)state;
	dist_w(GICD_ISPENDR + 4, 4, 1U << 1); /* SPI 33: the virtual UART */
	assert_int_equal(raises, 1);
	assert_int_equal(raised_intid, 33);
	dist_w(GICD_ISPENDR + 8, 4, 1U << 15); /* SPI 79: hardware, left alone */
	assert_int_equal(raises, 1);
}

/* REQ: BH-FLT-3 */
static void timer_lines_follow_their_registers(void **state)
{
	(void)state;
	/* CNTx_CTL: ENABLE 1, IMASK 2, ISTATUS 4: asserted only when enabled, met and unmasked. */
	assert_int_equal(vgic_hw_ppi_lines(5, 0, false), BIT(27));
	assert_int_equal(vgic_hw_ppi_lines(7, 0, false), 0);
	assert_int_equal(vgic_hw_ppi_lines(4, 0, false), 0);
	assert_int_equal(vgic_hw_ppi_lines(1, 0, false), 0);
	assert_int_equal(vgic_hw_ppi_lines(0, 5, false), BIT(30));
	assert_int_equal(vgic_hw_ppi_lines(0, 0, true), BIT(23));
}

/* The guest disables its timer while the interrupt waits (not enabled at the vGIC). */
/* REQ: BH-FLT-3 */
static void vtimer_drop_ends_pending_in_the_bitmap(void **state)
{
	struct vcpu *v = &part.vcpu[0];

	(void)state;
	vgic_ppi_assert(v, 27);
	assert_int_equal(redist_r(v, 0, GICD_ISPENDR), BIT(27));
	vgic_ppi_sync(v, vgic_hw_ppi_lines(5, 0, false)); /* still high: stays */
	assert_int_equal(redist_r(v, 0, GICD_ISPENDR), BIT(27));
	assert_int_equal(deactivations, 0);
	vgic_ppi_sync(v, vgic_hw_ppi_lines(0, 0, false)); /* CNTV_CTL.ENABLE cleared */
	assert_int_equal(redist_r(v, 0, GICD_ISPENDR), 0);
	assert_int_equal(deactivations, 1); /* the physical one fires again on the next assertion */
	assert_int_equal(deactivated[0], BIT(27));
	assert_int_equal(deactivated_cpu, 1);
	assert_int_equal(v->arch.vgic.hw_asserted, 0);
	vgic_ppi_sync(v, 0); /* nothing asserted: nothing more to do */
	assert_int_equal(deactivations, 1);
}

/* Already in a list register (the guest masked IRQs): pending there until the line drops. */
/* REQ: BH-FLT-3 */
static void ptimer_drop_ends_pending_in_a_list_register(void **state)
{
	struct vcpu *v = &part.vcpu[0];

	(void)state;
	vgic_ppi_assert(v, 30);
	v->arch.vgic.pending = 0; /* vgic_flush moved it */
	lr_intid[2] = 30;
	lr_st[2] = 1;
	assert_int_equal(redist_r(v, 0, GICD_ISPENDR), BIT(30));
	assert_int_equal(redist_r(v, 0, GICD_ISACTIVER), 0);
	vgic_ppi_sync(v, vgic_hw_ppi_lines(0, 7, false)); /* CNTP_CTL.IMASK set */
	assert_int_equal(lr_st[2], 0);
	assert_int_equal(redist_r(v, 0, GICD_ISPENDR), 0);
	assert_int_equal(deactivated[0], BIT(30));
}

/* Active: the guest is handling it; its EOI deactivates the physical interrupt. */
/* REQ: BH-FLT-3 */
static void active_interrupt_is_left_to_the_guest(void **state)
{
	struct vcpu *v = &part.vcpu[0];

	(void)state;
	vgic_ppi_assert(v, 23);
	v->arch.vgic.pending = 0;
	lr_intid[0] = 23;
	lr_st[0] = 2;
	vgic_ppi_sync(v, 0);
	assert_int_equal(lr_st[0], 2);
	assert_int_equal(deactivations, 0);
	assert_int_equal(v->arch.vgic.hw_asserted, 0);
	assert_int_equal(redist_r(v, 0, GICD_ISACTIVER), BIT(23));
	assert_int_equal(redist_r(v, 0, GICD_ISPENDR), 0);
}

#ifndef CONFIG_ARM64_GICV2
/* Another vCPU's redistributor: its bitmap only, and ICPENDR0 deactivates on its CPU. */
/* REQ: BH-ISO-5 */
static void remote_redistributor(void **state)
{
	u64 bits = BIT(30) | BIT(5);

	(void)state;
	lr_intid[0] = 27; /* this CPU's (vCPU 0's) list register: not vCPU 1's */
	lr_st[0] = 1;
	vgic_ppi_assert(&part.vcpu[1], 30);
	assert_int_equal(redist_r(&part.vcpu[0], 1, GICD_ISPENDR), BIT(30));
	assert_int_equal(
	    vgic_redist_access(&part.vcpu[0], GICR_FRAME + GICR_SGI + GICD_ICPENDR, true, 4, &bits),
	    0);
	assert_int_equal(redist_r(&part.vcpu[0], 1, GICD_ISPENDR), 0);
	assert_int_equal(deactivated[0], BIT(30));
	assert_int_equal(deactivated_cpu, 3);
	assert_int_equal(lr_st[0], 1);
}
#endif

/* A pass-through SPI: pending as the physical line says, stale level entries dropped. */
/* REQ: BH-ISO-5 */
static void passthrough_spi_pending_follows_the_line(void **state)
{
	(void)state;
	lr_intid[1] = 79; /* forwarded, then the device dropped its line */
	lr_st[1] = 1;
	assert_int_equal(dist(GICD_ISPENDR + 8, 4), 0);
	assert_int_equal(lr_st[1], 0);
	assert_int_equal(deactivated[2], 1U << (79 - 64));
	phys_pending[2] = 1U << (79 - 64);
	assert_int_equal(dist(GICD_ISPENDR + 8, 4), 1U << (79 - 64));
	/* Edge-triggered: the entry is an event the guest has not taken; it stays. */
	phys_pending[2] = 0;
	deactivations = 0;
	dist_w(GICD_ICFGR + 4 * (79 / 16), 4, 2U << (2 * (79 % 16)));
	lr_st[1] = 1;
	assert_int_equal(dist(GICD_ISPENDR + 8, 4), 1U << (79 - 64));
	assert_int_equal(lr_st[1], 1);
	assert_int_equal(deactivations, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(identification, setup),
	    cmocka_unit_test_setup(only_owned_spis_enable, setup),
	    cmocka_unit_test_setup(priorities_bytewise_and_private, setup),
	    cmocka_unit_test_setup(routing_follows_the_vcpu, setup),
	    cmocka_unit_test_setup(pending_only_for_virtual_lines, setup),
#ifdef CONFIG_ARM64_GICV2
	    cmocka_unit_test_setup(sgis_through_sgir, setup),
	    cmocka_unit_test_setup(bank0_is_per_vcpu, setup),
#else
	    cmocka_unit_test_setup(redistributor_frames, setup),
#endif
	    cmocka_unit_test_setup(timer_lines_follow_their_registers, setup),
	    cmocka_unit_test_setup(vtimer_drop_ends_pending_in_the_bitmap, setup),
	    cmocka_unit_test_setup(ptimer_drop_ends_pending_in_a_list_register, setup),
	    cmocka_unit_test_setup(active_interrupt_is_left_to_the_guest, setup),
#ifndef CONFIG_ARM64_GICV2
	    cmocka_unit_test_setup(remote_redistributor, setup),
#endif
	    cmocka_unit_test_setup(passthrough_spi_pending_follows_the_line, setup),
	};

#ifdef CONFIG_ARM64_GICV2
	return cmocka_run_group_tests_name("vgic-v2", tests, NULL, NULL);
#else
	return cmocka_run_group_tests_name("vgic", tests, NULL, NULL);
#endif
}
