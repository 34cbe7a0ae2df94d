/*
 * rpc client (VSC): synchronous calls over an rpc channel. Transaction ids
 * index a fixed table of max-outstanding slots (slot | generation << 16),
 * so a completion is accepted only for a call that is still waiting for it.
 */
#ifndef PART_RPC_H
#define PART_RPC_H
#include "bus.h"

#define RPC_MAX_SLOTS 32

struct rpc_slot {
	volatile u32 state; /* free, waiting, done */
	u16 gen;
	u32 status;
	void *resp;
	u32 cap, len;
};

struct rpc_client {
	struct part_chan *pc;
	struct rpc_slot slot[RPC_MAX_SLOTS];
	u32 nslots;
	u32 stray; /* completions that matched no waiting call */
};

/* Binds the n-th rpc channel this partition consumes; -1 if there is none. */
int rpc_client_init(struct rpc_client *c, u32 n);
/*
 * One call; waits up to timeout_ms. Returns the service's status (0 ok) or
 * -1 (channel not open, ring full, timeout). *rlen: bytes of the answer.
 */
int rpc_call(struct rpc_client *c, u32 service, u16 method, const void *req, u32 len, void *resp,
	     u32 cap, u32 *rlen, u32 timeout_ms);

#endif
