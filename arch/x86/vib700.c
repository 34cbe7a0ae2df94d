// SPDX-License-Identifier: GPL-2.0
/*
 * The IB700 watchdog a partition with watchdog = <ms> sees on x86, as
 * Linux's ib700wdt drives it (and QEMU's ib700 models it): a write to I/O
 * port 0x443 starts or feeds it with the timeout its low four bits select
 * (30 - 2 * value seconds: 0 is 30 s, 14 is 2 s, 15 is 0 s, at once); a
 * write to 0x441 stops it. Both are write-only; reads see no device.
 *
 * Unlike the card, it is running when the partition starts (each start),
 * with the DT's timeout: a guest that hangs before it ever feeds it is
 * caught. The first feed replaces that timeout with the guest's own. The
 * guest may stop it as on the card; the console says so, once per start.
 *
 * The expiry is checked on the partition's vCPU 0 CPU: its LAPIC timer,
 * which the vCPU's virtual timer also uses, is armed at the sooner of the
 * two (vib700_alarm), and vCPU 0 looks before each entry and while it
 * halts (vib700_check). A feed from another vCPU that brings the expiry
 * closer kicks vCPU 0's CPU, which re-arms on its way back in.
 */
#include <bulkhead/hv_config.h>
#include "partition.h"
#include "watchdog.h"
#include "x86.h"

#define NEVER (~0ULL)

/* The timeout a value written to the start port selects, in counter ticks. */
static u64 timeout_ticks(u32 val)
{
	return (30U - 2U * (val & 0xfU)) * arch_counter_freq();
}

void vib700_reset(struct partition *p)
{
	struct vib700 *w = &p->arch.wdog;

	if (!p->cfg->watchdog_ms || w->epoch == p->epoch)
		return;
	spin_lock(&w->lock);
	w->epoch = p->epoch;
	w->stopped_said = 0;
	w->fed_at = arch_counter();
	WRITE_ONCE(w->expire_at, w->fed_at + (u64)p->cfg->watchdog_ms * arch_counter_freq() / 1000);
	spin_unlock(&w->lock);
}

u64 vib700_alarm(struct vcpu *v, u64 deadline)
{
	u64 at;

	if (v->index != 0 || !v->part->cfg->watchdog_ms)
		return deadline;
	at = READ_ONCE(v->part->arch.wdog.expire_at);
	return at == NEVER || (deadline && deadline < at) ? deadline : at;
}

void vib700_check(struct vcpu *v)
{
	struct vib700 *w = &v->part->arch.wdog;
	u64 now, fed_at;

	if (v->index != 0 || !v->part->cfg->watchdog_ms)
		return;
	now = arch_counter();
	if (now < READ_ONCE(w->expire_at))
		return;
	spin_lock(&w->lock);
	if (now < w->expire_at) { /* fed meanwhile by another vCPU, before its expiry */
		spin_unlock(&w->lock);
		return;
	}
	fed_at = w->fed_at;
	WRITE_ONCE(w->expire_at, NEVER);
	spin_unlock(&w->lock);
	watchdog_expired(v, fed_at, now);
}

int vib700_io(struct vcpu *v, u16 port, bool in, u32 size, u32 *val)
{
	struct partition *p = v->part;
	struct vib700 *w = &p->arch.wdog;
	u64 now, before, after;
	bool stopped;

	(void)size; /* the card decodes its two ports whatever the width (its manual: OUT DX,AX) */
	if (!p->cfg->watchdog_ms || in ||
	    (port != BH_X86_WDOG_START_PORT && port != BH_X86_WDOG_STOP_PORT))
		return -1;
	now = arch_counter();
	spin_lock(&w->lock);
	before = w->expire_at;
	if (now >= before) { /* expired: no late feed undoes it; vCPU 0 stops the partition */
		spin_unlock(&w->lock);
		if (v->index != 0)
			arch_cpu_kick(p->vcpu[0].pcpu);
		return 0;
	}
	if (port == BH_X86_WDOG_START_PORT) {
		w->fed_at = now;
		after = now + timeout_ticks(*val);
	} else {
		after = NEVER;
	}
	WRITE_ONCE(w->expire_at, after);
	stopped = after == NEVER && before != NEVER && !w->stopped_said;
	if (stopped)
		w->stopped_said = 1;
	spin_unlock(&w->lock);
	if (stopped)
		watchdog_stopped(p, "port", BH_X86_WDOG_STOP_PORT);
	if (v->index != 0 && after < before)
		arch_cpu_kick(p->vcpu[0].pcpu); /* sooner than its CPU's timer is armed for */
	return 0;
}
