// SPDX-License-Identifier: GPL-2.0
/*
 * PSCI 1.0 and SMCCC 1.1 as partitions see them, over HVC or SMC. CPU_ON
 * reaches only the partition's own vCPUs; SYSTEM_OFF and SYSTEM_RESET stop
 * the partition and apply its restart policy. Unknown calls return
 * NOT_SUPPORTED (-1), as SMCCC requires.
 */
#include <asm/regs.h>
#include <vmbus/bus.h>
#include "bus.h"
#include "partition.h"

#define PSCI_VERSION 0x84000000U
#define PSCI_CPU_SUSPEND 0x84000001U
#define PSCI_CPU_OFF 0x84000002U
#define PSCI_CPU_ON 0x84000003U
#define PSCI_AFFINITY_INFO 0x84000004U
#define PSCI_MIGRATE 0x84000005U
#define PSCI_MIGRATE_INFO_TYPE 0x84000006U
#define PSCI_SYSTEM_OFF 0x84000008U
#define PSCI_SYSTEM_RESET 0x84000009U
#define PSCI_FEATURES 0x8400000aU
#define PSCI64 0x40000000U /* SMC64 variant bit */

#define SMCCC_VERSION 0x80000000U
#define SMCCC_ARCH_FEATURES 0x80000001U
#define HYP_CALL_COUNT 0x8600ff00U
#define HYP_CALL_UID 0x8600ff01U
#define HYP_REVISION 0x8600ff03U

/* Bulkhead vendor calls (SMCCC vendor-specific hypervisor service range). */
#define BULKHEAD_BENCH_BOOT 0xc60000f0U /* CONFIG_BENCH only: boot timestamps */

#define NOT_SUPPORTED ((u64)-1)

/* "Bulkhead" vendor hypervisor UID (SMCCC Call UID query). */
static const u32 bulkhead_uid[4] = { 0x6b6c7542, 0x64616568, 0x4848b1e7, 0x5a1c0001 };

static u64 features(u32 fn)
{
	switch (fn) {
	case PSCI_VERSION:
	case PSCI_CPU_SUSPEND:
	case PSCI_CPU_SUSPEND | PSCI64:
	case PSCI_CPU_OFF:
	case PSCI_CPU_ON:
	case PSCI_CPU_ON | PSCI64:
	case PSCI_AFFINITY_INFO:
	case PSCI_AFFINITY_INFO | PSCI64:
	case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case PSCI_FEATURES:
	case SMCCC_VERSION:
		return 0;
	default:
		return NOT_SUPPORTED;
	}
}

void smccc_call(struct vcpu *v, struct guest_regs *r)
{
	u32 fn = (u32)r->x[0];
	struct partition *p = v->part;

	switch (fn) {
	case PSCI_VERSION:
		r->x[0] = 0x10000; /* 1.0 */
		return;
	case PSCI_CPU_SUSPEND:
	case PSCI_CPU_SUSPEND | PSCI64:
		r->x[0] = 0; /* standby: return at once, as a WFI would */
		return;
	case PSCI_CPU_OFF:
		vcpu_park(v);
	case PSCI_CPU_ON:
	case PSCI_CPU_ON | PSCI64:
		r->x[0] = (u64)(s64)vcpu_cpu_on(p, r->x[1], r->x[2], r->x[3]);
		return;
	case PSCI_AFFINITY_INFO:
	case PSCI_AFFINITY_INFO | PSCI64:
		r->x[0] = r->x[2] ? (u64)-2 : (u64)(s64)vcpu_affinity_info(p, r->x[1]);
		return;
	case PSCI_MIGRATE_INFO_TYPE:
		r->x[0] = 2; /* no trusted OS to migrate */
		return;
	case PSCI_SYSTEM_OFF:
		partition_stop(v, (enum bh_restart)p->cfg->restart, "powered off (PSCI SYSTEM_OFF)");
	case PSCI_SYSTEM_RESET:
		partition_stop(v, (enum bh_restart)p->cfg->restart, "reset (PSCI SYSTEM_RESET)");
	case PSCI_FEATURES:
		r->x[0] = features((u32)r->x[1]);
		return;
	case SMCCC_VERSION:
		r->x[0] = 0x10001; /* 1.1 */
		return;
	case HYP_CALL_COUNT:
		r->x[0] = 3;
		return;
	case HYP_CALL_UID:
		for (int i = 0; i < 4; i++)
			r->x[i] = bulkhead_uid[i];
		return;
	case HYP_REVISION:
		r->x[0] = 0;
		r->x[1] = 1;
		return;
	case BH_CHAN_SIGNAL:
		r->x[0] = (u64)bus_signal(v, r->x[1], r->x[2]);
		return;
	case BH_CHAN_SIGNAL_MASK:
		r->x[0] = (u64)bus_signal_mask(v, r->x[1], r->x[2]);
		return;
	case BH_CHAN_RESET_ACK:
		r->x[0] = (u64)bus_reset_ack(v, r->x[1], r->x[2]);
		return;
#ifdef CONFIG_BENCH
	case BULKHEAD_BENCH_BOOT:
		r->x[0] = hv_entry_tick;
		r->x[1] = p->scrub_ticks;
		r->x[2] = p->copy_ticks;
		r->x[3] = p->cfg->ram_size;
		return;
#endif
	default:
		r->x[0] = NOT_SUPPORTED;
		return;
	}
}
