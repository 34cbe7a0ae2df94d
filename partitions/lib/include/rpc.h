/* rpc client (VSC): calls to a provider's services (include/vmbus/proto.h). */
#ifndef PART_RPC_H
#define PART_RPC_H
#include "vsc.h"

/* Binds the n-th rpc channel this partition consumes; -1 if there is none. */
int rpc_client_init(struct vsc *c, u32 n);
/*
 * One call; waits up to timeout_ms. Returns the service's status (0 ok) or
 * -1 (channel not open, ring full, timeout). *rlen: payload bytes of the answer.
 */
int rpc_call(struct vsc *c, u32 service, u16 method, const void *req, u32 len, void *resp, u32 cap,
	     u32 *rlen, u32 timeout_ms);

#endif
