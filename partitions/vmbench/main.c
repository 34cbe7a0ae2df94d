// SPDX-License-Identifier: GPL-2.0
/*
 * vmbench: the VMBus half of `make bench`, a consumer next to a root
 * started with "bench". Under QEMU -icount the PMU's instruction counter
 * advances with the instructions of every CPU (one global count), so a
 * delta taken here covers both partitions and the hypervisor; the EL2-only
 * counter follows this CPU's EL2 time. Each figure is "bench: <key> <n>":
 *   rpc 0-byte echo round trips (both sides, all ELs), and this CPU's EL2
 *   instructions per round trip: one doorbell sent (HVC) and one received
 *   (interrupt), i.e. the hypervisor's doorbell path; then the same round
 *   trips one at a time (last, so that the figures before are taken as
 *   they were): median and maximum of a single one;
 *   net frames of 64 B, 1 KiB and 4 KiB streamed into the root: ring
 *   throughput in bytes per million instructions (the root parses and
 *   drops them; there is no NIC);
 *   64 KiB block reads through the block service, to compare with the
 *   root's direct reads (root/bench.c).
 */
#include <string.h>
#include "blk.h"
#include "bus.h"
#include "part.h"
#include "pmu.h"
#include "rpc.h"

#define RPC_CALLS 256
#define FRAMES	  256
#define READS	  64
#define BLOCKS	  128

static struct vsc rpc;
static struct blk_client blk;
static struct part_chan *net;
static u8 frame[4096];

static void report(const char *key, u64 v)
{
	printf("bench: %s %llu\n", key, (unsigned long long)v);
}

/*
 * RPC_CALLS round trips measured one at a time (apart from the averaged
 * loop, whose figures the counter reads here would change): median and
 * maximum of one, all ELs of both CPUs and this CPU's EL2 share.
 */
static void rpc_single(void)
{
	static u64 all[RPC_CALLS], el2[RPC_CALLS];

	/*
	 * The root first prints the lines reported so far (its console, a
	 * trapped UART write per character): a round trip meanwhile would
	 * wait for that, which is not the path's length.
	 */
	part_sleep_ms(1);
	for (u32 i = 0; i < 16; i++) /* warm, as for the averaged loop */
		rpc_call(&rpc, RPC_SVC_ECHO, RPC_METHOD_GET, NULL, 0, NULL, 0, NULL, 1000);
	for (u32 i = 0; i < RPC_CALLS; i++) {
		u64 t0 = pmu_all(), e0 = pmu_el2();

		rpc_call(&rpc, RPC_SVC_ECHO, RPC_METHOD_GET, NULL, 0, NULL, 0, NULL, 1000);
		el2[i] = pmu_el2() - e0;
		all[i] = pmu_all() - t0;
	}
	part_sort_u64(all, RPC_CALLS);
	part_sort_u64(el2, RPC_CALLS);
	report("rpc_rt_med", all[RPC_CALLS / 2]);
	report("rpc_rt_max", all[RPC_CALLS - 1]);
	if (PMU_HAS_EL2) {
		report("doorbell_el2_med", el2[RPC_CALLS / 2]);
		report("doorbell_el2_max", el2[RPC_CALLS - 1]);
	}
}

static void on_net(struct vmbus_chan *ch, const struct vmbus_desc *d, const u8 *msg, u32 len)
{
	(void)ch, (void)d, (void)msg, (void)len;
}

static void stream(u32 size, const char *key)
{
	struct vmbus_net_frame h = {{VMBUS_NET_FRAME, 0}, size, 0};
	const struct vmbus_ring_ctl *tx = (void *)(net->cfg.base + net->cfg.tx_off);
	u64 t0;

	memcpy(frame + 6, net->cfg.mac, 6);
	t0 = pmu_all();
	for (u32 i = 0; i < FRAMES;) {
		if (!bus_send(net, VMBUS_PKT_INBAND, 0, 0, &h, sizeof(h), frame, size))
			i++;
		else
			cpu_wait_event(); /* full: the root's doorbell when it has drained */
	}
	while (__atomic_load_n(&tx->read_index, __ATOMIC_ACQUIRE) != net->ch.tx.index)
		cpu_wait_event();
	report(key, (u64)FRAMES * size * 1000000ULL / (pmu_all() - t0));
}

int main(void)
{
	u64 t0, e0;
	int step;

	pmu_init();
	step = rpc_client_init(&rpc, 0)			      ? 1
	       : !vsc_wait_open(&rpc, 5000)		      ? 2
	       : blk_client_init(&blk, 0)		      ? 3
	       : !(net = bus_find(VMBUS_CLASS_NET, false, 0)) ? 4
							      : 0;
	if (step) {
		printf("bench: vmbench needs rpc, block and net channels to a root started with "
		       "\"bench\" (step %d failed)\n",
		       step);
		printf("bench: done\n");
		idle();
	}
	bus_attach(net, VMBUS_NET_VERSION, VMBUS_NET_VERSION, on_net, NULL, NULL);

	for (u32 i = 0; i < 16; i++) /* warm: first-use paths out of the way */
		rpc_call(&rpc, RPC_SVC_ECHO, RPC_METHOD_GET, NULL, 0, NULL, 0, NULL, 1000);
	t0 = pmu_all();
	e0 = pmu_el2();
	for (u32 i = 0; i < RPC_CALLS; i++)
		rpc_call(&rpc, RPC_SVC_ECHO, RPC_METHOD_GET, NULL, 0, NULL, 0, NULL, 1000);
	report("rpc_rt", (pmu_all() - t0) / RPC_CALLS);
	if (PMU_HAS_EL2)
		report("doorbell_el2", (pmu_el2() - e0) / RPC_CALLS);

	while (net->ch.state != VMBUS_CH_OPEN)
		cpu_wait_event();
	stream(64, "ring_64");
	stream(1024, "ring_1k");
	stream(4096, "ring_4k");

	t0 = pmu_all();
	e0 = timer_now();
	for (u32 i = 0; i < READS; i++)
		blk_request(&blk, VMBUS_BLK_READ, (u64)i * BLOCKS, BLOCKS, 0);
	report("blk_vsp_instr", pmu_all() - t0);
	report("blk_vsp_ns", (timer_now() - e0) * 1000000000ULL / timer_freq());
	report("blk_vsp_bytes", READS * BLOCKS * 512);
	rpc_single();
	printf("bench: done\n");
	idle();
}
