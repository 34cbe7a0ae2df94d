/*
 * The bus ABI between partitions and the hypervisor: doorbell hypercalls,
 * the per-partition event and status pages, channel classes. Shared by the
 * hypervisor, the generator, the partition runtime and Linux drivers later;
 * docs/vmbus.md describes it for users.
 */
#ifndef VMBUS_BUS_H
#define VMBUS_BUS_H
#include <bulkhead/types.h>

#define VMBUS_ABI_VERSION 1

/* SMCCC fast calls, vendor-specific hypervisor range (x1, x2 = arguments). */
#define BH_CHAN_SIGNAL		   0xC6000010U /* x1 = local channel index, x2 = 0 */
#define BH_CHAN_SIGNAL_MASK	   0xC6000011U /* x1 = base (multiple of 64), x2 = mask */
#define BH_CHAN_RESET_ACK	   0xC6000012U /* x1 = local channel index, x2 = epoch seen */
#define BH_SMCCC_INVALID_PARAMETER (-3)
#define BH_SIGNAL_RATE_LIMITED	   (-4) /* the event bit is set; no interrupt was sent */

/* The bus interrupt: one PPI per partition (INTID 16 + n). */
#define VMBUS_BUS_PPI	3
#define VMBUS_BUS_INTID (16 + VMBUS_BUS_PPI)
/* x86: the bus interrupt is this vector in every partition. */
#define VMBUS_BUS_VECTOR 0x50

/*
 * Event page (4 KiB, the partition's, written atomically by the hypervisor):
 * a 256-byte pending area per vCPU, then one mask bit per event bit. Bit 0
 * of each area: "the status page changed". Status page (4 KiB, read-only
 * for the partition): per local channel index, the peer's state and epoch.
 */
#define VMBUS_EVENT_AREA_BYTES	256
#define VMBUS_EVENT_MAX_VCPUS	8
#define VMBUS_EVENT_MASK_OFFSET 0x800
#define VMBUS_EVENT_STATUS_BIT	0
#define VMBUS_BUS_PAGES_SIZE	0x2000 /* event page + status page */

enum vmbus_peer_state {
	VMBUS_PEER_DOWN = 0,
	VMBUS_PEER_UP = 1,
	VMBUS_PEER_RESETTING = 2,
};

struct vmbus_status {
	u32 state; /* enum vmbus_peer_state */
	u32 epoch; /* the peer's starts; a change means: rebuild the channel */
};

#define VMBUS_MAX_CHANNELS_PER_PART (0x1000 / sizeof(struct vmbus_status))

enum vmbus_class {
	VMBUS_CLASS_CONSOLE = 0,
	VMBUS_CLASS_RPC = 1,
	VMBUS_CLASS_BLOCK = 2,
	VMBUS_CLASS_NET = 3,
	VMBUS_NR_CLASSES
};

#endif
