// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual local APIC, one per vCPU, in x2APIC mode (MSRs) as firmware
 * leaves it, or in xAPIC mode (the MMIO page, mmio_emul.c) once the guest
 * switches, as Linux does without interrupt remapping: fixed interrupts with
 * IRR/ISR/TPR priority, EOI, IPIs to the partition's own vCPUs (physical
 * and logical destinations, the shorthands, self IPI; INIT and start-up
 * IPIs start the partition's other vCPUs), and the
 * timer in one-shot, periodic and TSC-deadline mode. The timer counts at
 * the TSC rate before its divider (Bulkhead's CPUID leaf 0x40000010 says
 * so); its expiry is this CPU's physical LAPIC timer, which only this vCPU
 * uses (one vCPU per CPU), vCPU 0 shares with its partition's watchdog.
 *
 * Interrupts go in through EVENTINJ when the guest can take one; otherwise
 * a virtual-interrupt window (V_IRQ + the VINTR intercept) brings it back
 * the moment it can. An event whose delivery an exit interrupted is
 * injected again (EXITINTINFO) before anything new.
 */
#include <string.h>
#include <asm/io.h>
#include <asm/ioapic.h>
#include <asm/lapic.h>
#include <asm/svm.h>
#include <asm/vlapic.h>
#include "console.h"
#include "partition.h"
#include "x86.h"

#define LVT_MASKED	   BIT(16)
#define LVT_TIMER	   1
#define TIMER_MODE(lvt)	   (((lvt) >> 17) & 3)
#define MODE_ONESHOT	   0
#define MODE_PERIODIC	   1
#define MODE_DEADLINE	   2
#define MSR_TSC_DEADLINE   0x6e0
#define ICR_DM(icr)	   (((icr) >> 8) & 7)
#define ICR_LOGICAL	   BIT(11)
#define ICR_ASSERT	   BIT(14)
#define DM_FIXED	   0
#define DM_INIT		   5
#define DM_SIPI		   6
#define ICR_SHORTHAND(icr) (((icr) >> 18) & 3)
#define SVR_ENABLED	   BIT(8)

/* The APIC's state after a reset or a disable; mode stays the caller's. */
static void clear_state(struct vlapic *l)
{
	u32 mode = l->mode;

	memset(l, 0, sizeof(*l));
	l->mode = mode;
	l->svr = 0xff; /* software-disabled, as after reset */
	l->dfr = 0xffffffff;
	for (u32 i = 0; i < VLAPIC_NR_LVT; i++)
		l->lvt[i] = LVT_MASKED;
}

void vlapic_reset(struct vlapic *l)
{
	l->mode = VLAPIC_X2APIC; /* as firmware hands it over: x2APIC mode */
	clear_state(l);
}

static int highest(const u32 *bits)
{
	for (int w = 7; w >= 0; w--) {
		u32 x = __atomic_load_n(&bits[w], __ATOMIC_ACQUIRE);

		if (x)
			return w * 32 + 31 - __builtin_clz(x);
	}
	return -1;
}

static u32 ppr(const struct vlapic *l)
{
	int isr = highest(l->isr);
	u32 isrc = isr < 0 ? 0 : (u32)isr & 0xf0;

	return (l->tpr & 0xf0) >= isrc ? l->tpr & 0xff : isrc;
}

/* The vector the vCPU would take now, or -1. */
static int deliverable(const struct vlapic *l)
{
	int irr = highest(l->irr);

	if (irr < 0 || !(l->svr & SVR_ENABLED) || ((u32)irr & 0xf0) <= (ppr(l) & 0xf0))
		return -1;
	return irr;
}

void vlapic_raise(struct vcpu *v, u32 vector)
{
	if (vector < 16)
		return; /* illegal vectors are dropped, as the APIC does */
	__atomic_fetch_or(&v->arch.lapic.irr[vector / 32], BIT(vector % 32), __ATOMIC_RELEASE);
	if (v->pcpu != arch_cpu_id())
		arch_cpu_kick(v->pcpu);
}

void vlapic_raise_level(struct vcpu *v, u32 vector)
{
	if (vector < 16)
		return;
	__atomic_fetch_or(&v->arch.lapic.tmr[vector / 32], BIT(vector % 32), __ATOMIC_RELAXED);
	vlapic_raise(v, vector);
}

static u32 ldr(u32 id)
{
	return (id >> 4) << 16 | BIT(id & 15);
}

/* Whether the target's APIC accepts an IPI of icr, sent in the sender's mode. */
static bool ipi_targets(const struct vlapic *from, u64 icr, u32 self, const struct vcpu *t)
{
	const struct vlapic *to = &t->arch.lapic;
	u32 dest = (u32)(icr >> 32), id = t->index;

	switch (ICR_SHORTHAND(icr)) {
	case 1:
		return id == self;
	case 2:
		return true;
	case 3:
		return id != self;
	default: /* 0: no shorthand, the destination field decides */
		break;
	}
	if (from->mode == VLAPIC_XAPIC) { /* 8-bit destinations, flat or cluster logical */
		u32 logical = to->ldr_x >> 24;

		dest &= 0xff;
		if (!(icr & ICR_LOGICAL))
			return dest == 0xff || dest == id;
		if ((from->dfr >> 28) == 0xf)
			return logical & dest;
		return (logical >> 4) == (dest >> 4) && (logical & dest & 0xf);
	}
	if (!(icr & ICR_LOGICAL))
		return dest == 0xffffffff || dest == id;
	return (dest >> 16) == (ldr(id) >> 16) && (dest & ldr(id) & 0xffff);
}

/*
 * INIT then SIPI, as an OS starts its other CPUs: INIT makes an off vCPU
 * wait for a SIPI, which starts it in real mode at the vector's page (the
 * core's CPU_ON path). INIT to a running vCPU, and a SIPI not after an
 * INIT, are ignored, as a CPU not in wait-for-SIPI ignores them.
 */
static void start_ipi(struct vcpu *v, u64 icr, struct vcpu *t)
{
	if (t == v)
		return;
	if (ICR_DM(icr) == DM_INIT) {
		if ((icr & ICR_ASSERT) && READ_ONCE(t->state) == VCPU_OFF)
			t->arch.wait_sipi = true;
		return;
	}
	if (!t->arch.wait_sipi || READ_ONCE(t->state) != VCPU_OFF)
		return;
	t->arch.wait_sipi = false;
	t->arch.real_mode = true;
	if (vcpu_cpu_on(v->part, t->index, (icr & 0xff) << 12, 0))
		t->arch.real_mode = false;
}

static void send_ipi(struct vcpu *v, u64 icr)
{
	struct partition *p = v->part;
	u32 dm = ICR_DM(icr);

	if (dm != DM_FIXED && dm != DM_INIT && dm != DM_SIPI) {
		if (!v->arch.lapic.warned++)
			log_printf(
			    "%s: vCPU %u sent an IPI of delivery mode %u, which Bulkhead does "
			    "not emulate (fixed, INIT and start-up are)",
			    p->cfg->name, v->index, dm);
		return;
	}
	for (u32 i = 0; i < p->cfg->nr_vcpus; i++) {
		if (!ipi_targets(&v->arch.lapic, icr, v->index, &p->vcpu[i]))
			continue;
		if (dm == DM_FIXED)
			vlapic_raise(&p->vcpu[i], (u32)icr & 0xff);
		else
			start_ipi(v, icr, &p->vcpu[i]);
	}
}

static u64 divisor(const struct vlapic *l)
{
	u32 d = (l->tdcr & 3) | ((l->tdcr >> 1) & 4);

	return d == 7 ? 1 : 2ULL << d;
}

static void timer_start(struct vlapic *l)
{
	u32 mode = TIMER_MODE(l->lvt[LVT_TIMER]);
	u64 ticks = (u64)l->tmict * divisor(l);

	l->deadline = 0;
	l->period = 0;
	if (mode == MODE_DEADLINE || !l->tmict)
		return;
	l->deadline = rdtsc() + ticks;
	if (mode == MODE_PERIODIC)
		l->period = ticks;
}

static void timer_fire(struct vcpu *v)
{
	struct vlapic *l = &v->arch.lapic;
	u64 now = rdtsc();

	if (!l->deadline || now < l->deadline)
		return;
	if (!(l->lvt[LVT_TIMER] & LVT_MASKED))
		vlapic_raise(v, l->lvt[LVT_TIMER] & 0xff);
	if (l->period) {
		l->deadline += l->period;
		if (l->deadline <= now) /* fell behind (a long exit): no burst of catch-up ticks */
			l->deadline = now + l->period;
	} else {
		l->deadline = 0;
		l->tsc_deadline = 0;
	}
}

static bool lapic_read(struct vcpu *v, u32 reg, u64 *val)
{
	struct vlapic *l = &v->arch.lapic;

	switch (reg) {
	case 0x02:
		*val = v->index;
		break;
	case 0x03:
		*val = (VLAPIC_NR_LVT - 1) << 16 | 0x14;
		break;
	case 0x08:
		*val = l->tpr;
		break;
	case 0x0a:
		*val = ppr(l);
		break;
	case 0x0d:
		*val = ldr(v->index);
		break;
	case 0x0f:
		*val = l->svr;
		break;
	case 0x10 ... 0x17:
		*val = __atomic_load_n(&l->isr[reg - 0x10], __ATOMIC_RELAXED);
		break;
	case 0x18 ... 0x1f:
		*val = __atomic_load_n(&l->tmr[reg - 0x18], __ATOMIC_RELAXED);
		break;
	case 0x20 ... 0x27:
		*val = __atomic_load_n(&l->irr[reg - 0x20], __ATOMIC_RELAXED);
		break;
	case 0x28:
		*val = l->esr;
		break;
	case 0x2f:
		*val = l->lvt[0];
		break;
	case 0x30:
		*val = l->icr;
		break;
	case 0x32 ... 0x37:
		*val = l->lvt[reg - 0x31];
		break;
	case 0x38:
		*val = l->tmict;
		break;
	case 0x39: /* current count: one-shot and periodic only */
		timer_fire(v);
		*val = 0;
		if (l->deadline && TIMER_MODE(l->lvt[LVT_TIMER]) != MODE_DEADLINE) {
			u64 now = rdtsc();

			*val = l->deadline > now ? (l->deadline - now) / divisor(l) : 0;
		}
		break;
	case 0x3e:
		*val = l->tdcr;
		break;
	default:
		return false;
	}
	return true;
}

static bool lapic_write(struct vcpu *v, u32 reg, u64 val)
{
	struct vlapic *l = &v->arch.lapic;
	int isr;

	switch (reg) {
	case 0x08:
		l->tpr = (u32)val & 0xff;
		break;
	case 0x0b: /* EOI */
		if (val)
			return false;
		isr = highest(l->isr);
		if (isr < 0)
			break;
		l->isr[isr / 32] &= ~BIT(isr % 32);
		if (__atomic_load_n(&l->tmr[isr / 32], __ATOMIC_RELAXED) & BIT(isr % 32)) {
			__atomic_fetch_and(&l->tmr[isr / 32], ~BIT(isr % 32), __ATOMIC_RELAXED);
			vioapic_eoi(v->part, (u32)isr);
		}
		break;
	case 0x0f:
		l->svr = (u32)val & 0x11ff;
		break;
	case 0x28:
		if (val)
			return false;
		l->esr = 0;
		break;
	case 0x2f:
		l->lvt[0] = (u32)val & 0x107ff;
		break;
	case 0x30:
		l->icr = val & ~BIT(12);
		send_ipi(v, l->icr);
		break;
	case 0x32: /* timer: a mode change stops it */
		if (TIMER_MODE(val) == 3)
			return false;
		if (TIMER_MODE(val) != TIMER_MODE(l->lvt[LVT_TIMER])) {
			l->deadline = l->period = l->tsc_deadline = 0;
			l->tmict = 0;
		}
		l->lvt[LVT_TIMER] = (u32)val & 0x700ff;
		break;
	case 0x33 ... 0x37:
		l->lvt[reg - 0x31] = (u32)val & 0x1a7ff;
		break;
	case 0x38:
		l->tmict = (u32)val;
		timer_start(l);
		break;
	case 0x3e:
		l->tdcr = (u32)val & 0xb;
		break;
	case 0x3f:
		vlapic_raise(v, (u32)val & 0xff);
		break;
	default:
		return false;
	}
	return true;
}

bool vlapic_msr(struct vcpu *v, u32 msr, bool wr, u64 *val, bool *gp)
{
	struct vlapic *l = &v->arch.lapic;

	*gp = false;
	if (msr == MSR_TSC_DEADLINE) {
		if (!wr) {
			*val = l->tsc_deadline;
		} else if (TIMER_MODE(l->lvt[LVT_TIMER]) == MODE_DEADLINE) {
			l->tsc_deadline = *val;
			l->deadline = *val; /* 0 disarms; a past value fires at once */
			l->period = 0;
		}
		return true;
	}
	if (msr < 0x800 || msr > 0x8ff)
		return false;
	if (l->mode != VLAPIC_X2APIC) {
		*gp = true;
		return true;
	}
	*gp = wr ? !lapic_write(v, msr - 0x800, *val) : !lapic_read(v, msr - 0x800, val);
	return true;
}

#define APIC_BASE_BSP  BIT(8)
#define APIC_BASE_EXTD BIT(10)
#define APIC_BASE_EN   BIT(11)

/*
 * IA32_APIC_BASE: x2APIC from the start; the guest may go x2APIC ->
 * disabled -> xAPIC (-> x2APIC), the transitions the SDM allows, and not
 * move the page.
 */
bool vlapic_apic_base(struct vcpu *v, bool wr, u64 *val)
{
	struct vlapic *l = &v->arch.lapic;
	static const u64 bits[] = {[VLAPIC_X2APIC] = APIC_BASE_EN | APIC_BASE_EXTD,
				   [VLAPIC_XAPIC] = APIC_BASE_EN,
				   [VLAPIC_OFF] = 0};
	u64 bsp = v->index == 0 ? APIC_BASE_BSP : 0;
	u32 to;

	if (!wr) {
		*val = LAPIC_BASE | bits[l->mode] | bsp;
		return true;
	}
	if ((*val & ~(APIC_BASE_EN | APIC_BASE_EXTD)) != (LAPIC_BASE | bsp))
		return false;
	if ((*val & (APIC_BASE_EN | APIC_BASE_EXTD)) == APIC_BASE_EXTD)
		return false; /* x2APIC without the APIC enabled: reserved */
	to = (*val & APIC_BASE_EXTD) ? VLAPIC_X2APIC
	     : (*val & APIC_BASE_EN) ? VLAPIC_XAPIC
				     : VLAPIC_OFF;
	if (to == l->mode)
		return true;
	if ((l->mode == VLAPIC_X2APIC && to == VLAPIC_XAPIC) ||
	    (l->mode == VLAPIC_OFF && to == VLAPIC_X2APIC))
		return false;
	if (to == VLAPIC_OFF)
		clear_state(l);
	l->mode = to;
	return true;
}

/* The xAPIC page: 32-bit accesses to 16-byte aligned registers (others read 0, writes dropped). */
bool vlapic_mmio(struct vcpu *v, u32 off, bool wr, u32 size, u64 *val)
{
	struct vlapic *l = &v->arch.lapic;
	u32 reg = off >> 4;
	u64 x;

	if (l->mode != VLAPIC_XAPIC)
		return false; /* the page is not there in x2APIC mode or disabled */
	if (size != 4 || (off & 15)) {
		if (!wr)
			*val = 0;
		return true;
	}
	if (!wr) {
		switch (reg) {
		case 0x02:
			x = (u64)v->index << 24;
			break;
		case 0x0d:
			x = l->ldr_x;
			break;
		case 0x0e:
			x = l->dfr;
			break;
		case 0x31:
			x = l->icr_hi;
			break;
		case 0x30:
			x = (u32)l->icr;
			break;
		case 0x3f:
			x = 0;
			break; /* no self-IPI register in xAPIC mode */
		default:
			if (!lapic_read(v, reg, &x))
				x = 0;
		}
		*val = (u32)x;
		return true;
	}
	x = (u32)*val;
	switch (reg) {
	case 0x0d:
		l->ldr_x = (u32)x & 0xff000000U;
		break;
	case 0x0e:
		l->dfr = (u32)x | 0x0fffffffU;
		break;
	case 0x31:
		l->icr_hi = (u32)x & 0xff000000U;
		break;
	case 0x30:
		l->icr = ((u64)(l->icr_hi >> 24) << 32) | (x & ~BIT(12));
		send_ipi(v, l->icr);
		break;
	case 0x28:
		l->esr = 0;
		break; /* any write re-arms the error status */
	case 0x0b:
		lapic_write(v, reg, 0);
		break; /* EOI: the value does not matter */
	case 0x02:
	case 0x3f:
		break;
	default:
		lapic_write(v, reg, x); /* read-only and reserved registers ignore writes */
	}
	return true;
}

bool vlapic_wakes(struct vcpu *v, struct vmcb *vm)
{
	timer_fire(v);
	lapic_timer_arm(vib700_alarm(v, v->arch.lapic.deadline));
	return (VMCB64(vm, VMCB_RFLAGS) & BIT(9)) && deliverable(&v->arch.lapic) >= 0;
}

void vlapic_enter(struct vcpu *v, struct vmcb *vm)
{
	struct vlapic *l = &v->arch.lapic;
	u64 intinfo = VMCB64(vm, VMCB_EXITINTINFO);
	int vec;

	VMCB64(vm, VMCB_INT_CTL) &= ~(INT_CTL_V_IRQ | INT_CTL_V_IGN_TPR);
	VMCB32(vm, VMCB_INTERCEPT1) &= ~INT1_VINTR;
	VMCB64(vm, VMCB_EXITINTINFO) = 0;
	if ((intinfo & EVENTINJ_VALID) && !(VMCB64(vm, VMCB_EVENTINJ) & EVENTINJ_VALID))
		VMCB64(vm, VMCB_EVENTINJ) = intinfo; /* its delivery was cut short: again */
	timer_fire(v);
	lapic_timer_arm(vib700_alarm(v, l->deadline)); /* vCPU 0: or its watchdog's expiry */
	vec = deliverable(l);
	if (vec < 0)
		return;
	if (!(VMCB64(vm, VMCB_EVENTINJ) & EVENTINJ_VALID) && (VMCB64(vm, VMCB_RFLAGS) & BIT(9)) &&
	    !(VMCB64(vm, VMCB_INT_SHADOW) & 1)) {
		__atomic_fetch_and(&l->irr[vec / 32], ~BIT(vec % 32), __ATOMIC_ACQ_REL);
		l->isr[vec / 32] |= BIT(vec % 32);
		VMCB64(vm, VMCB_EVENTINJ) = EVENTINJ_VALID | (u32)vec; /* type 0: external */
		return;
	}
	/* Not now: exit as soon as the guest can take one. */
	VMCB64(vm, VMCB_INT_CTL) |= INT_CTL_V_IRQ | INT_CTL_V_IGN_TPR | INT_CTL_V_PRIO(15);
	VMCB32(vm, VMCB_INTERCEPT1) |= INT1_VINTR;
}
