// SPDX-License-Identifier: GPL-2.0
/*
 * Traps from partitions. Synchronous exceptions: HVC/SMC (PSCI, SMCCC),
 * stage-2 data aborts on emulated devices (UART, GIC), GIC system
 * registers. Anything the hypervisor cannot handle stops the partition that
 * caused it, and only that one. IRQs: physical interrupts arrive here and
 * are forwarded to the vCPU that owns them. Every exit first samples the
 * lines of the level-sensitive hardware PPIs (vgic_level.c).
 */
#include <asm/gic.h>
#include <asm/regs.h>
#include <asm/sysreg.h>
#include "arm64.h"
#include "console.h"
#include "partition.h"

static u64 fault_ipa(void)
{
	return ((read_sysreg(hpfar_el2) >> 4) << 12) | (read_sysreg(far_el2) & 0xfff);
}

static void skip_insn(struct guest_regs *r, u64 esr)
{
	r->elr += (esr & BIT(25)) ? 4 : 2;
}

static u64 get_reg(struct guest_regs *r, u32 n)
{
	return n == 31 ? 0 : r->x[n];
}

static void set_reg(struct guest_regs *r, u32 n, u64 v)
{
	if (n != 31)
		r->x[n] = v;
}

typedef int (*mmio_fn)(struct vcpu *v, u64 off, bool write, u32 size, u64 *val);

static mmio_fn emulated(struct vcpu *v, u64 ipa, u64 *off)
{
	const struct bh_partition *c = v->part->cfg;

	if (ipa - c->vuart_ipa < 0x1000) {
		*off = ipa - c->vuart_ipa;
		return vpl011_access;
	}
	if (c->watchdog_ms && ipa - c->watchdog_ipa < 0x1000) {
		*off = ipa - c->watchdog_ipa;
		return vsp805_access;
	}
	if (ipa - c->vgicd_ipa < 0x10000) {
		*off = ipa - c->vgicd_ipa;
		return vgic_dist_access;
	}
#ifndef CONFIG_ARM64_GICV2 /* a GICv2 has no redistributors; its CPU interface is mapped */
	if (ipa - c->vgicr_ipa < (u64)GICR_FRAME * c->nr_vcpus) {
		*off = ipa - c->vgicr_ipa;
		return vgic_redist_access;
	}
#endif
	return NULL;
}

/*
 * An access outside the partition's memory and devices: its on-bad-access
 * policy decides. "abort" injects an external abort, as hardware would,
 * and reports the first of each start on the console; "stop" stops it.
 */
static void bad_access(struct vcpu *v, struct guest_regs *r, u64 esr, const char *what, u64 ipa)
{
	struct partition *p = v->part;

	if (p->cfg->on_bad_access != BH_BAD_ACCESS_ABORT)
		partition_fault(v, "%s of 0x%llx, outside its memory and devices at 0x%llx", what,
				(unsigned long long)ipa, (unsigned long long)r->elr);
	if (!__atomic_exchange_n(&p->bad_access_reported, 1, __ATOMIC_RELAXED))
		log_printf("%s: %s of 0x%llx, outside its memory and devices at 0x%llx; external "
			   "abort injected (reported once)",
			   p->cfg->name, what, (unsigned long long)ipa, (unsigned long long)r->elr);
	arch_inject_external_abort(r, esr, read_sysreg(far_el2));
}

static void data_abort(struct vcpu *v, struct guest_regs *r, u64 esr)
{
	u64 ipa = fault_ipa(), off, val;
	bool write = esr & BIT(6);
	u32 size = 1U << ((esr >> 22) & 3), rt = (esr >> 16) & 0x1f;
	mmio_fn fn = emulated(v, ipa, &off);

	if (!fn && (esr & 0x3c) == 0xc) /* DFSC: permission fault, the page is mapped */
		partition_fault(v, "data abort: write of 0x%llx, which it may only read, at 0x%llx",
				(unsigned long long)ipa, (unsigned long long)r->elr);
	if (!fn) {
		bad_access(v, r, esr, write ? "data abort: write" : "data abort: read", ipa);
		return;
	}
	if (!(esr & BIT(24)))
		partition_fault(v,
				"data abort: unsupported instruction for device 0x%llx at 0x%llx",
				(unsigned long long)ipa, (unsigned long long)r->elr);
	val = get_reg(r, rt);
	if (size < 8)
		val &= (1ULL << (8 * size)) - 1;
	if (fn(v, off, write, size, &val))
		partition_fault(v, "data abort: bad access to device 0x%llx at 0x%llx",
				(unsigned long long)ipa, (unsigned long long)r->elr);
	if (!write) {
		if ((esr & BIT(21)) && size < 8 && (val & (1ULL << (8 * size - 1))))
			val |= ~((1ULL << (8 * size)) - 1); /* sign extend */
		if (!(esr & BIT(15)))
			val &= 0xffffffffULL;
		set_reg(r, rt, val);
	}
	skip_insn(r, esr);
}

#define SYSREG(op0, op1, crn, crm, op2)                                                            \
	(((op0) << 20) | ((op2) << 17) | ((op1) << 14) | ((crn) << 10) | ((crm) << 1))
#define SYSREG_MASK SYSREG(3, 7, 15, 15, 7)
#define ICC_SGI1R   SYSREG(3, 0, 12, 11, 5)
#define ICC_ASGI1R  SYSREG(3, 0, 12, 11, 6)
#define ICC_SGI0R   SYSREG(3, 0, 12, 11, 7)

static void sysreg_trap(struct vcpu *v, struct guest_regs *r, u64 esr)
{
	u32 reg = (u32)esr & SYSREG_MASK, rt = (esr >> 5) & 0x1f;
	bool read = esr & 1;

	if (reg == ICC_SGI1R && !read) {
#ifdef CONFIG_ARM64_GICV3 /* a GICv2 CPU has no ICC registers: this never traps */
		vgic_sgi_write(v, get_reg(r, rt));
#else
		(void)rt;
#endif
	} else if ((reg == ICC_ASGI1R || reg == ICC_SGI0R) && !read) {
		/* Group 0 / other security state: no such thing in a partition. */
	} else {
		partition_fault(v, "trapped system register access (ESR 0x%llx) at 0x%llx",
				(unsigned long long)esr, (unsigned long long)r->elr);
	}
	skip_insn(r, esr);
}

static void check_requests(struct vcpu *v)
{
	if (partition_stop_requested(v))
		vcpu_park(v);
}

/* Levels the guest may have changed: none to sample while no hardware line is up. */
static inline void sync_lines(struct vcpu *v)
{
	if (v->arch.vgic.hw_asserted)
		vgic_sync_lines(v);
}

void handle_guest_sync(struct guest_regs *r)
{
	struct vcpu *v = this_vcpu();
	u64 esr = read_sysreg(esr_el2);

	sync_lines(v); /* before the GIC registers are read: levels the guest changed */
	switch (ESR_EC(esr)) {
	case EC_HVC64:
		if ((esr & 0xffff) == 0)
			hypercall(v, r->x);
		else
			r->x[0] = (u64)-1;
		break;
	case EC_SMC64:
		hypercall(v, r->x);
		skip_insn(r, esr);
		break;
	case EC_DABT_LOW:
		data_abort(v, r, esr);
		break;
	case EC_SYS64:
		sysreg_trap(v, r, esr);
		break;
	case EC_IABT_LOW:
		/* Not a permission fault (a device, a bus window): nothing is there. */
		if (v->part->cfg->on_bad_access == BH_BAD_ACCESS_ABORT && (esr & 0x3c) != 0xc &&
		    !emulated(v, fault_ipa(), &(u64){0})) {
			bad_access(v, r, esr, "instruction abort: fetch", fault_ipa());
			break;
		}
		partition_fault(v,
				"instruction abort: 0x%llx is not executable memory of the "
				"partition at 0x%llx",
				(unsigned long long)fault_ipa(), (unsigned long long)r->elr);
	case EC_WFX:
		skip_insn(r, esr);
		break;
	default:
		partition_fault(v, "unhandled exception (ESR 0x%llx) at 0x%llx",
				(unsigned long long)esr, (unsigned long long)r->elr);
	}
	check_requests(v);
	vgic_flush(v);
}

static void console_rx(void)
{
	int c;

	while ((c = arch_console_getc()) >= 0)
		console_input_char((char)c);
}

/*
 * Acknowledges and dispatches one physical interrupt. Another one pending
 * brings the CPU straight back here after the return to the guest; not
 * looking for it keeps the common, single-interrupt path short.
 */
static void dispatch_irq(struct vcpu *v)
{
	u32 intid = gic_ack();

	if (intid >= GIC_SPURIOUS)
		return;
	gic_eoi(intid);
	/* The doorbell first: it is the path VMBus measures (docs/bench.md). */
	if (intid == GIC_SGI_KICK) { /* a doorbell, a stop request: vgic_flush and the caller act */
		gic_deactivate(intid);
		if (READ_ONCE(v->part->arch.wdog.rearm) && v->index == 0)
			vsp805_arm(v->part); /* another vCPU moved the watchdog's expiry sooner */
		return;
	}
	if (intid == GIC_PPI_HTIMER) { /* only a running vCPU 0's watchdog uses it */
		gic_deactivate(intid);
		vsp805_timer(v);
		return;
	}
	if (intid < 32 && (VGIC_HW_PPIS & BIT(intid))) {
		/* Deactivated by the guest's EOI (HW bit) or when its line drops. */
		vgic_ppi_assert(v, intid);
		return;
	}
	if (intid >= 32 && intid != bh_system.uart_intid && vgic_spi_owned(v->part, intid)) {
		vgic_raise(vgic_spi_target(v->part, intid), intid);
		return;
	}
	if (intid == GIC_PPI_MAINT)
		vgic_maintenance(v);
	else if (intid == bh_system.uart_intid)
		console_rx();
	gic_deactivate(intid);
}

void handle_guest_irq(struct guest_regs *r)
{
	struct vcpu *v = this_vcpu();

	(void)r;
	sync_lines(v);
	dispatch_irq(v);
	check_requests(v);
	vgic_flush(v);
}

/* Still the trapped guest's: partition_fault runs inside the exit's handler. */
u64 arch_vcpu_pc(struct vcpu *v)
{
	(void)v;
	return read_sysreg(elr_el2);
}

void arch_vcpu_irq_poll(void)
{
	/*
	 * Parked: nothing to forward. A timer or PMU PPI of a stopped vCPU is
	 * dropped (its source silenced, the interrupt deactivated) rather than
	 * left active; the vCPU's next start resets them anyway.
	 */
	for (;;) {
		u32 intid = gic_ack();

		if (intid >= GIC_SPURIOUS)
			break;
		gic_eoi(intid);
		if (intid == bh_system.uart_intid)
			console_rx();
		if (intid == GIC_PPI_VTIMER)
			write_sysreg(cntv_ctl_el0, 0UL);
		if (intid == GIC_PPI_PTIMER)
			write_sysreg(cntp_ctl_el0, 0UL);
		if (intid == GIC_PPI_PMU)
			write_sysreg(pmintenclr_el1, ~0UL);
		if (intid == GIC_PPI_HTIMER) /* a stopped partition's watchdog */
			write_sysreg(cnthp_ctl_el2, 0UL);
		gic_deactivate(intid);
	}
}

void handle_guest_serror(struct guest_regs *r)
{
	partition_fault(this_vcpu(), "SError (ESR 0x%llx) at 0x%llx",
			(unsigned long long)read_sysreg(esr_el2), (unsigned long long)r->elr);
}

/* An exception taken in the hypervisor itself: a bug. Report and stop this CPU. */
__attribute__((noreturn)) void hv_exception(u64 kind, u64 esr, u64 elr, u64 far)
{
	log_printf("fatal: hypervisor exception %llu on cpu%u: ESR 0x%llx ELR 0x%llx FAR 0x%llx",
		   (unsigned long long)kind, arch_cpu_id(), (unsigned long long)esr,
		   (unsigned long long)elr, (unsigned long long)far);
	for (;;)
		wfi();
}
