// SPDX-License-Identifier: GPL-2.0
/*
 * The hypercalls every partition sees, on every architecture: PSCI 1.0 and
 * SMCCC 1.1 numbers (arm64 HVC/SMC; x86 VMMCALL with the same numbers and
 * the register mapping of arch/x86/vcpu.c), the VMBus doorbells and the
 * image calls, the root's view of partitions. x[0..11] are the call's registers, results written
 * back. CPU_ON reaches only the partition's own vCPUs; SYSTEM_OFF and SYSTEM_RESET stop the
 * partition and apply its restart policy. Unknown calls return NOT_SUPPORTED (-1), as SMCCC
 * requires.
 */
#include <vmbus/bus.h>
#include <string.h>
#include "doorbell.h"
#include "fault_store.h"
#include "image.h"
#include "partition.h"

#define PSCI_VERSION	       0x84000000U
#define PSCI_CPU_SUSPEND       0x84000001U
#define PSCI_CPU_OFF	       0x84000002U
#define PSCI_CPU_ON	       0x84000003U
#define PSCI_AFFINITY_INFO     0x84000004U
#define PSCI_MIGRATE	       0x84000005U
#define PSCI_MIGRATE_INFO_TYPE 0x84000006U
#define PSCI_SYSTEM_OFF	       0x84000008U
#define PSCI_SYSTEM_RESET      0x84000009U
#define PSCI_FEATURES	       0x8400000aU
#define PSCI64		       0x40000000U /* SMC64 variant bit */

#define SMCCC_VERSION	    0x80000000U
#define SMCCC_ARCH_FEATURES 0x80000001U
#define HYP_CALL_COUNT	    0x8600ff00U
#define HYP_CALL_UID	    0x8600ff01U
#define HYP_REVISION	    0x8600ff03U

/* Bulkhead vendor calls (SMCCC vendor-specific hypervisor service range). */
#define BULKHEAD_BENCH_BOOT 0xc60000f0U /* CONFIG_BENCH only: boot timestamps */

#define NOT_SUPPORTED ((u64)-1)

/* "Bulkhead" vendor hypervisor UID (SMCCC Call UID query). */
static const u32 bulkhead_uid[4] = {0x6b6c7542, 0x64616568, 0x4848b1e7, 0x5a1c0001};

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
static void measurement(const struct partition *p, u64 *x)
{
	struct measurement m;
	char name[32] = {0};

	if (!p->cfg->is_root) {
		x[0] = NOT_SUPPORTED;
		return;
	}
	x[0] = image_measurement((u32)x[1], &m);
	if (x[0])
		return;
	memcpy(name, bh_system.partitions[m.partition].name,
	       strnlen(bh_system.partitions[m.partition].name, sizeof(name) - 1));
	x[1] = m.partition | m.kind << 8 | m.slot << 16;
	x[2] = m.security_version;
	x[3] = m.size;
	for (int i = 0; i < 4; i++) {
		x[4 + i] = pack_bytes(m.sha256 + 8 * i, 8);
		x[8 + i] = pack_bytes((const u8 *)name + 8 * i, 8);
	}
}

/* One partition's state for the root (include/bulkhead/part_info_abi.h). */
static void part_info(const struct partition *root, u64 *x)
{
	struct partition *p;
	char name[32] = {0}, text[32] = {0};
	u32 running = 0, off = (u32)x[2];

	if (!root->cfg->is_root) {
		x[0] = NOT_SUPPORTED;
		return;
	}
	if (x[1] >= bh_system.nr_partitions) {
		x[0] = BH_PART_NO_ENTRY;
		return;
	}
	p = &partitions[array_index_nospec(x[1], bh_system.nr_partitions)];
	memcpy(name, p->cfg->name, strnlen(p->cfg->name, sizeof(name) - 1));
	for (u32 i = 0; i < p->cfg->nr_vcpus; i++)
		running += READ_ONCE(p->vcpu[i].state) == VCPU_RUNNING;
	/* Under its lock: a stop on another CPU rewrites the text. */
	spin_lock(&p->lock);
	x[1] = READ_ONCE(p->state) | p->cfg->nr_vcpus << 8 | running << 16;
	x[2] = READ_ONCE(p->epoch);
	x[3] = p->stops;
	if (off < sizeof(p->last_stop))
		memcpy(text, p->last_stop + off,
		       strnlen(p->last_stop + off, MIN(sizeof(text), sizeof(p->last_stop) - off)));
	spin_unlock(&p->lock);
	x[0] = 0;
	for (int i = 0; i < 4; i++) {
		x[4 + i] = pack_bytes((const u8 *)name + 8 * i, 8);
		x[8 + i] = pack_bytes((const u8 *)text + 8 * i, 8);
	}
}

/* The fault log, for the root only (include/bulkhead/fault_log_abi.h). */
static void fault_log(const struct partition *root, u64 *x)
{
	struct fl_entry e;
	char name[32] = {0}, text[32] = {0};
	u32 count, boot, store, seq, off = (u32)x[2];

	if (!root->cfg->is_root) {
		x[0] = NOT_SUPPORTED;
		return;
	}
	if ((u32)x[1] == BH_FAULT_SUMMARY) {
		fault_store_summary(&count, &boot, &store, &seq);
		x[0] = 0;
		x[1] = count;
		x[2] = boot;
		x[3] = store;
		x[4] = seq;
		return;
	}
	if (x[1] > 0xffffffffULL || fault_store_entry((u32)x[1], &e)) {
		x[0] = BH_FAULT_NO_ENTRY;
		return;
	}
	memcpy(name, e.name, strnlen(e.name, sizeof(name) - 1));
	if (off < sizeof(e.cause))
		memcpy(text, e.cause + off,
		       strnlen(e.cause + off, MIN(sizeof(text), sizeof(e.cause) - off)));
	x[0] = 0;
	x[1] = e.epoch | (u64)e.boot << 32;
	x[2] = e.addr;
	x[3] = e.time_ms;
	for (int i = 0; i < 4; i++) {
		x[4 + i] = pack_bytes((const u8 *)name + 8 * i, 8);
		x[8 + i] = pack_bytes((const u8 *)text + 8 * i, 8);
	}
}

void hypercall(struct vcpu *v, u64 *x)
{
	u32 fn = (u32)x[0];
	struct partition *p = v->part;

	switch (fn) {
	case PSCI_VERSION:
		x[0] = 0x10000; /* 1.0 */
		return;
	case PSCI_CPU_SUSPEND:
	case PSCI_CPU_SUSPEND | PSCI64:
		x[0] = 0; /* standby: return at once, as a WFI would */
		return;
	case PSCI_CPU_OFF:
		vcpu_park(v);
	case PSCI_CPU_ON:
	case PSCI_CPU_ON | PSCI64:
		x[0] = (u64)(s64)vcpu_cpu_on(p, x[1], x[2], x[3]);
		return;
	case PSCI_AFFINITY_INFO:
	case PSCI_AFFINITY_INFO | PSCI64:
		x[0] = x[2] ? (u64)-2 : (u64)(s64)vcpu_affinity_info(p, x[1]);
		return;
	case PSCI_MIGRATE_INFO_TYPE:
		x[0] = 2; /* no trusted OS to migrate */
		return;
	case PSCI_SYSTEM_OFF:
		partition_stop(v, (enum bh_restart)p->cfg->restart,
			       "powered off (PSCI SYSTEM_OFF)");
	case PSCI_SYSTEM_RESET:
		partition_stop(v, (enum bh_restart)p->cfg->restart, "reset (PSCI SYSTEM_RESET)");
	case PSCI_FEATURES:
		x[0] = features((u32)x[1]);
		return;
	case SMCCC_VERSION:
		x[0] = 0x10001; /* 1.1 */
		return;
	case HYP_CALL_COUNT:
		x[0] = 5;
		return;
	case HYP_CALL_UID:
		for (int i = 0; i < 4; i++)
			x[i] = bulkhead_uid[i];
		return;
	case HYP_REVISION:
		x[0] = 0;
		x[1] = 1;
		return;
	case BH_CHAN_SIGNAL:
		x[0] = (u64)bus_signal(v, x[1], x[2]);
		return;
	case BH_CHAN_SIGNAL_MASK:
		x[0] = (u64)bus_signal_mask(v, x[1], x[2]);
		return;
	case BH_CHAN_RESET_ACK:
		x[0] = (u64)bus_reset_ack(v, x[1], x[2]);
		return;
	case BH_IMAGE_MEASUREMENT:
		measurement(p, x);
		return;
	case BH_IMAGE_CONFIRM:
		x[0] = p->cfg->is_root ? image_confirm((u32)x[1]) : NOT_SUPPORTED;
		return;
	case BH_PART_INFO:
		part_info(p, x);
		return;
	case BH_FAULT_LOG:
		fault_log(p, x);
		return;
#ifdef CONFIG_BENCH
	case BULKHEAD_BENCH_BOOT:
		x[0] = hv_entry_tick;
		x[1] = p->scrub_ticks;
		x[2] = p->copy_ticks;
		x[3] = p->cfg->ram_size;
		x[4] = p->verify_ticks;
		x[5] = p->hash_ticks;
		x[6] = p->hash_bytes;
		return;
#endif
	default:
		x[0] = NOT_SUPPORTED;
		return;
	}
}
