// SPDX-License-Identifier: GPL-2.0
/*
 * The SP805 watchdog (ARM DDI 0270) a partition with watchdog = <ms> sees:
 * the registers Linux's sp805_wdt driver and the AMBA bus touch. It counts
 * a WDOGCLK of BH_WATCHDOG_CLOCK_HZ (the partition DTB's fixed clock) down
 * from WdogLoad; at zero it sets its interrupt status and reloads; at zero
 * again with the status still set and RESEN on, the partition is stopped
 * with its restart policy. A reload (WdogLoad, WdogIntClr, INTEN 0 -> 1)
 * is a feed. The interrupt itself is not delivered (sp805_wdt uses none).
 *
 * Unlike the hardware, it is running when the partition starts: INTEN and
 * RESEN set, WdogLoad half the timeout, so a guest that hangs before it
 * ever feeds it is caught (Linux sees it running and its watchdog core
 * feeds it). The guest may reprogram it and, as on the hardware, stop it
 * by clearing INTEN or RESEN; the console says so.
 *
 * The expiry is checked on the partition's vCPU 0 CPU with the EL2
 * physical timer (CNTHP, free while a vCPU runs: arch_wait_until uses it
 * only on a parked CPU), armed at the moment of expiry: no other CPU and
 * no polling is involved.
 */
#include <asm/gic.h>
#include <asm/sysreg.h>
#include "partition.h"
#include "watchdog.h"

#define WDOG_LOAD	0x000
#define WDOG_VALUE	0x004
#define WDOG_CONTROL	0x008
#define WDOG_INTCLR	0x00c
#define WDOG_RIS	0x010
#define WDOG_MIS	0x014
#define WDOG_LOCK	0xc00
#define WDOG_UNLOCK_KEY 0x1acce551U

#define CTL_INTEN BIT(0)
#define CTL_RESEN BIT(1)

#define NEVER (~0ULL)

/* PeriphID0..3 (part 0x805, designer 0x41, revision 1: AMBA ID 0x00141805), PCellID0..3. */
static const u8 id_regs[8] = {0x05, 0x18, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

void vsp805_reset(struct partition *p);
void vsp805_arm(struct partition *p);
void vsp805_timer(struct vcpu *v);
int vsp805_access(struct vcpu *v, u64 off, bool write, u32 size, u64 *val);

/* Counter ticks of n WDOGCLK cycles. */
static u64 to_ticks(u64 n)
{
	return n * arch_counter_freq() / BH_WATCHDOG_CLOCK_HZ;
}

/* When the partition is stopped if nothing feeds it: the second zero. */
static u64 expiry(const struct vsp805 *w)
{
	if ((w->control & (CTL_INTEN | CTL_RESEN)) != (CTL_INTEN | CTL_RESEN))
		return NEVER;
	return w->ris ? w->zero_at : w->zero_at + w->period;
}

/* Brings the count down to now: the first zero sets RIS; without RESEN it counts on. */
static void advance(struct vsp805 *w, u64 now)
{
	if (!(w->control & CTL_INTEN) || now < w->zero_at)
		return;
	if (w->ris && (w->control & CTL_RESEN))
		return; /* expired: the timer stops the partition */
	if (!w->ris) {
		w->ris = 1;
		w->zero_at += w->period;
		if (now < w->zero_at || (w->control & CTL_RESEN))
			return;
	}
	w->zero_at += ((now - w->zero_at) / w->period + 1) * w->period;
}

static void reload(struct vsp805 *w, u64 now)
{
	w->period = to_ticks((u64)w->load + 1);
	if (!w->period)
		w->period = 1;
	w->zero_at = now + w->period;
	w->fed_at = now;
}

/* The value register: WDOGCLK cycles left to the next zero. */
static u32 value(const struct vsp805 *w, u64 now)
{
	u64 left;

	if (!(w->control & CTL_INTEN))
		return w->load;
	if (now >= w->zero_at)
		return 0;
	left = (w->zero_at - now) * BH_WATCHDOG_CLOCK_HZ / arch_counter_freq();
	return left > w->load ? w->load : (u32)left;
}

/* At every start (vCPU 0's first entry of each epoch): running with the DT's timeout. */
void vsp805_reset(struct partition *p)
{
	struct vsp805 *w = &p->arch.wdog;
	u64 half = (u64)p->cfg->watchdog_ms * (BH_WATCHDOG_CLOCK_HZ / 1000) / 2;

	if (!p->cfg->watchdog_ms || w->epoch == p->epoch)
		return;
	spin_lock(&w->lock);
	w->epoch = p->epoch;
	w->load = (u32)(half ? half - 1 : 0);
	w->control = CTL_INTEN | CTL_RESEN;
	w->ris = 0;
	w->locked = 0;
	w->stopped_said = 0;
	reload(w, arch_counter());
	WRITE_ONCE(w->expire_at, expiry(w));
	WRITE_ONCE(w->rearm, 0);
	spin_unlock(&w->lock);
}

/* On vCPU 0's CPU: the EL2 timer at the expiry, or off. */
void vsp805_arm(struct partition *p)
{
	u64 at = READ_ONCE(p->arch.wdog.expire_at);

	WRITE_ONCE(p->arch.wdog.rearm, 0);
	if (!p->cfg->watchdog_ms || at == NEVER) {
		write_sysreg(cnthp_ctl_el2, 0UL);
		isb();
		return;
	}
	write_sysreg(cnthp_cval_el2, at);
	write_sysreg(cnthp_ctl_el2, 1UL); /* ENABLE, interrupt not masked */
	isb();
	gic_ppi_enable(GIC_PPI_HTIMER, true);
}

/* The EL2 timer fired on vCPU 0's CPU: expired, or moved by a feed. */
void vsp805_timer(struct vcpu *v)
{
	struct partition *p = v->part;
	struct vsp805 *w = &p->arch.wdog;
	u64 now = arch_counter();

	if (!p->cfg->watchdog_ms || now < READ_ONCE(w->expire_at)) {
		vsp805_arm(p);
		return;
	}
	write_sysreg(cnthp_ctl_el2, 0UL); /* its line drops before the partition parks */
	isb();
	WRITE_ONCE(w->expire_at, NEVER);
	watchdog_expired(v, w->fed_at, now);
}

static void write_reg(struct vsp805 *w, u64 off, u32 val, u64 now)
{
	if (w->locked && off != WDOG_LOCK)
		return;
	switch (off) {
	case WDOG_LOAD:
		w->load = val;
		reload(w, now);
		break;
	case WDOG_CONTROL:
		if ((val & CTL_INTEN) && !(w->control & CTL_INTEN))
			reload(w, now);
		w->control = val & (CTL_INTEN | CTL_RESEN);
		break;
	case WDOG_INTCLR:
		w->ris = 0;
		reload(w, now);
		break;
	case WDOG_LOCK:
		w->locked = val != WDOG_UNLOCK_KEY;
		break;
	default:
		break;
	}
}

static u32 read_reg(const struct vsp805 *w, u64 off, u64 now)
{
	switch (off) {
	case WDOG_LOAD:
		return w->load;
	case WDOG_VALUE:
		return value(w, now);
	case WDOG_CONTROL:
		return w->control;
	case WDOG_RIS:
		return w->ris;
	case WDOG_MIS:
		return w->ris & w->control & CTL_INTEN;
	case WDOG_LOCK:
		return w->locked;
	default:
		if (off >= 0xfe0 && off < 0x1000)
			return id_regs[(off - 0xfe0) / 4];
		return 0;
	}
}

int vsp805_access(struct vcpu *v, u64 off, bool write, u32 size, u64 *val)
{
	struct partition *p = v->part;
	struct vsp805 *w = &p->arch.wdog;
	u64 now = arch_counter(), before, after;
	bool stopped = false;

	if (size != 4 || (off & 3))
		return -1; /* 32-bit registers only, as on the hardware's APB */
	spin_lock(&w->lock);
	advance(w, now);
	before = w->expire_at;
	if (write) {
		write_reg(w, off, (u32)*val, now);
		after = expiry(w);
		WRITE_ONCE(w->expire_at, after);
		stopped = after == NEVER && before != NEVER && !w->stopped_said;
		if (stopped)
			w->stopped_said = 1;
	} else {
		*val = read_reg(w, off, now);
		after = before;
	}
	spin_unlock(&w->lock);
	if (stopped)
		watchdog_stopped(p, "control", w->control);
	if (after == before)
		return 0;
	if (v->index == 0) {
		vsp805_arm(p);
	} else if (after < before) {
		/* Sooner than vCPU 0's timer is set for: its CPU re-arms it. */
		WRITE_ONCE(w->rearm, 1);
		arch_cpu_kick(p->vcpu[0].pcpu);
	}
	return 0;
}
