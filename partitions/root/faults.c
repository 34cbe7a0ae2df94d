// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor's fault log (hypercall BH_FAULT_LOG, root only): the
 * shell's "faults" and the rpc service RPC_SVC_FAULTS. Entries come
 * newest first; a cause comes 32 bytes a call.
 */
#include <bulkhead/fault_log_abi.h>
#include <string.h>
#include <vmbus/proto.h>
#include "part.h"
#include "root.h"

struct summary {
	u32 count, boot, store, seq;
};

static int summary(struct summary *s)
{
	u64 x[12] = {BH_FAULT_LOG, BH_FAULT_SUMMARY};

	hvc_call12(x);
	if (x[0])
		return -1;
	s->count = (u32)x[1];
	s->boot = (u32)x[2];
	s->store = (u32)x[3];
	s->seq = (u32)x[4];
	return 0;
}

/* Entry i: 0, or -1 past the last (or when the hypervisor does not say). */
static int entry(u32 i, u32 this_boot, struct rpc_fault *f)
{
	u64 x[12] = {BH_FAULT_LOG, i, 0};

	hvc_call12(x);
	if (x[0])
		return -1;
	memset(f, 0, sizeof(*f));
	f->epoch = (u32)x[1];
	f->boot = (u32)(x[1] >> 32);
	f->flags = f->boot == this_boot ? RPC_FAULT_THIS_BOOT : 0;
	f->addr = x[2];
	f->time_ms = x[3];
	unpack_regs(x + 4, 4, f->name);
	f->name[sizeof(f->name) - 1] = '\0';
	for (u32 off = 0; off < sizeof(f->cause); off += 32) {
		u64 y[12] = {BH_FAULT_LOG, i, off};

		hvc_call12(y);
		if (y[0])
			break;
		unpack_regs(y + 8, 4, f->cause + off);
		if (memchr(f->cause + off, '\0', 32))
			break;
	}
	f->cause[sizeof(f->cause) - 1] = '\0';
	return 0;
}

u32 faults_get(u32 first, struct rpc_fault *out, u32 cap, u32 *n)
{
	struct summary s;

	*n = 0;
	if (summary(&s))
		return VMBUS_ST_UNKNOWN;
	while ((*n + 1) * sizeof(*out) <= cap && !entry(first + *n, s.boot, &out[*n]))
		(*n)++;
	return VMBUS_ST_OK;
}

void faults_print(void)
{
	static const char *const kept[] = {"this boot only: no store on this board",
					   "kept across board resets",
					   "this boot only: the store is unusable"};
	struct summary s;
	struct rpc_fault f;

	if (summary(&s)) {
		printf("faults: the hypervisor does not say\n");
		return;
	}
	printf("fault log: %u kept of %u logged (%s); this is boot %u\n", s.count, s.seq,
	       s.store < ARRAY_SIZE(kept) ? kept[s.store] : "?", s.boot);
	for (u32 i = 0; !entry(i, s.boot, &f); i++)
		printf("fault %u: boot %u at %llu.%03llu s, %s start %u, pc 0x%llx: %s\n", i,
		       f.boot, (unsigned long long)(f.time_ms / 1000),
		       (unsigned long long)(f.time_ms % 1000), f.name, f.epoch,
		       (unsigned long long)f.addr, f.cause);
}
