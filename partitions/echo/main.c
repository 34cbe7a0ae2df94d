// SPDX-License-Identifier: GPL-2.0
/*
 * echo: rpc round trips to the root. 1000 echo calls with payloads of 0 to
 * the channel's maximum, each answer compared byte for byte; then the time,
 * partition-status and measurement services. Prints one summary line per
 * service and the measurement log as the root gave it, with a progress line
 * every PROGRESS calls. With
 * "poweroff" in its bootargs it then powers off, so that a partition with
 * restart = "restart" does it all again on a fresh channel (the restart test).
 */
#include <string.h>
#include "part.h"
#include "rpc.h"

#define CALLS	 1000
#define PROGRESS 200 /* a line every this many calls: a test sees it working meanwhile */

static struct vsc rpc;
static u8 req[4096], resp[4096];

/* The measurement log, page by page; every byte is the root's, so bound it all. */
static void print_measurements(void)
{
	struct rpc_measurement m[16];
	u32 first = 0, rlen, pages = 0;
	int rc = 0;

	while (pages++ < 64) {
		rc = rpc_call(&rpc, RPC_SVC_MEASURE, RPC_METHOD_GET, &first, sizeof(first), m,
			      sizeof(m), &rlen, 1000);
		if (rc == VMBUS_ST_BUSY) {
			part_sleep_ms(10); /* still loading: ask again */
			continue;
		}
		if (rc || rlen < sizeof(m[0]))
			break;
		for (u32 i = 0; i < rlen / sizeof(m[0]); i++, first++) {
			char name[sizeof(m[i].name) + 1];

			memcpy(name, m[i].name, sizeof(m[i].name));
			name[sizeof(m[i].name)] =
			    '\0'; /* the root's bytes: terminate them ourselves */
			part_print_measurement(name, m[i].kind, m[i].slot, m[i].version, m[i].size,
					       m[i].sha256);
		}
	}
	if (rc)
		printf("measured: call failed (%s)\n", vmbus_status_str((u32)rc));
	printf("measured: %u entries\n", first);
}

int main(void)
{
	u32 max, errors = 0, biggest = 0, rlen;
	u64 t0, ticks;
	struct rpc_time t;
	struct rpc_status_entry st[16];
	int rc;

	if (rpc_client_init(&rpc, 0)) {
		printf("echo: no rpc channel in my device tree\n");
		idle();
	}
	/* Calls before the root's service opened the channel would fail at once. */
	if (!vsc_wait_open(&rpc, 30000))
		printf("echo: the rpc channel did not open within 30 s\n");
	max = MIN(rpc.pc->cfg.max_packet - (u32)sizeof(struct vmbus_rpc), (u32)sizeof(req));
	t0 = timer_now();
	for (u32 i = 0; i < CALLS; i++) {
		u32 len = (i * 97) % (max + 1);

		for (u32 k = 0; k < len; k++)
			req[k] = (u8)(i + k * 7);
		rlen = 0;
		/*
		 * 5 s: a host that stalls the root's vCPU (TCG, loaded CI) must not
		 * count as an error; a root the villains hurt stays silent for good.
		 */
		rc = rpc_call(&rpc, RPC_SVC_ECHO, RPC_METHOD_GET, req, len, resp, sizeof(resp),
			      &rlen, 5000);
		if (rc || rlen != len || memcmp(req, resp, len)) {
			if (errors++ < 3)
				printf("echo: call %u (%u bytes): status %d, %u bytes back\n", i,
				       len, rc, rlen);
			continue;
		}
		biggest = MAX(biggest, len);
		if ((i + 1) % PROGRESS == 0 && i + 1 < CALLS)
			printf("echo: %u of %u round trips, %u errors\n", i + 1, CALLS, errors);
	}
	ticks = timer_now() - t0;
	printf("echo: %u round trips, %u errors, payloads up to %u bytes, %llu ns each\n", CALLS,
	       errors, biggest, (unsigned long long)(ticks * 1000000000ULL / timer_freq() / CALLS));

	rc = rpc_call(&rpc, RPC_SVC_TIME, RPC_METHOD_GET, NULL, 0, &t, sizeof(t), &rlen, 1000);
	if (!rc && rlen == sizeof(t))
		printf("time: counter at %llu Hz, %s mine\n", (unsigned long long)t.frequency,
		       t.counter <= timer_now() && t.frequency == timer_freq() ? "consistent with"
									       : "differs from");
	else
		printf("time: call failed (%d)\n", rc);

	rc = rpc_call(&rpc, RPC_SVC_STATUS, RPC_METHOD_GET, NULL, 0, st, sizeof(st), &rlen, 1000);
	for (u32 i = 0; !rc && i < rlen / sizeof(st[0]); i++) {
		char name[sizeof(st[i].name) + 1];

		memcpy(name, st[i].name, sizeof(st[i].name));
		name[sizeof(st[i].name)] = '\0'; /* the root's bytes: terminate them ourselves */
		printf("status: %s %s, epoch %u\n", name,
		       st[i].state == VMBUS_PEER_UP ? "up" : "down", st[i].epoch);
	}
	if (rc)
		printf("status: call failed (%d)\n", rc);
	print_measurements();
	rc = rpc_call(&rpc, 99, 1, NULL, 0, NULL, 0, &rlen, 1000);
	printf("unknown service: %s\n", vmbus_status_str((u32)rc));
	printf("status events: %u\n", rpc.events);
	if (part_has_arg("poweroff"))
		psci_system_off();
	idle();
}
