// SPDX-License-Identifier: GPL-2.0
/*
 * PSCI 1.0 and SMCCC 1.1 as partitions see them, over HVC or SMC. CPU_ON
 * reaches only the partition's own vCPUs; SYSTEM_OFF and SYSTEM_RESET stop
 * the partition and apply its restart policy. Unknown calls return
 * NOT_SUPPORTED (-1), as SMCCC requires.
 */
#include <asm/regs.h>
#include <vmbus/bus.h>
#include <string.h>
#include "bus.h"
#include "image.h"
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

/* n <= 8 bytes as a register that, stored to (little-endian) memory, gives them back. */
static u64 pack_bytes(const u8 *b, size_t n)
{
	u64 w = 0;

	for (size_t k = 0; k < n; k++)
		w |= (u64)b[k] << (8 * k);
	return w;
}

/* The measurement log, for the root only (include/bulkhead/image_abi.h). */
static void measurement(const struct partition *p, struct guest_regs *r)
{
	struct measurement m;
	char name[32] = { 0 };

	if (!p->cfg->is_root) {
		r->x[0] = NOT_SUPPORTED;
		return;
	}
	r->x[0] = image_measurement((u32)r->x[1], &m);
	if (r->x[0])
		return;
	memcpy(name, bh_system.partitions[m.partition].name,
	       strnlen(bh_system.partitions[m.partition].name, sizeof(name) - 1));
	r->x[1] = m.partition | m.kind << 8 | m.slot << 16;
	r->x[2] = m.security_version;
	r->x[3] = m.size;
	for (int i = 0; i < 4; i++) {
		r->x[4 + i] = pack_bytes(m.sha256 + 8 * i, 8);
		r->x[8 + i] = pack_bytes((const u8 *)name + 8 * i, 8);
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
		r->x[0] = 5;
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
	case BH_IMAGE_MEASUREMENT:
		measurement(p, r);
		return;
	case BH_IMAGE_CONFIRM:
		r->x[0] = p->cfg->is_root ? image_confirm((u32)r->x[1]) : NOT_SUPPORTED;
		return;
#ifdef CONFIG_BENCH
	case BULKHEAD_BENCH_BOOT:
		r->x[0] = hv_entry_tick;
		r->x[1] = p->scrub_ticks;
		r->x[2] = p->copy_ticks;
		r->x[3] = p->cfg->ram_size;
		r->x[4] = p->verify_ticks;
		r->x[5] = p->hash_ticks;
		r->x[6] = p->hash_bytes;
		return;
#endif
	default:
		r->x[0] = NOT_SUPPORTED;
		return;
	}
}
