/*
 * Client (VSC) side of a request/response channel: synchronous calls whose
 * transaction ids index a fixed table of max-outstanding slots
 * (slot | generation << 16), so a completion is accepted only for a call
 * that is still waiting for it. rpc and block clients build on it.
 */
#ifndef PART_VSC_H
#define PART_VSC_H
#include "bus.h"

#define VSC_MAX_SLOTS 32

struct vsc_slot {
	volatile u32 state; /* free, waiting, done */
	u16 gen;
	void *reply;
	u32 cap, len;
};

struct vsc {
	struct part_chan *pc;
	struct vsc_slot slot[VSC_MAX_SLOTS];
	u32 nslots;
	u32 stray;	       /* completions that matched no waiting call */
	vmbus_msg_fn on_event; /* INBAND messages from the provider; may be NULL */
	volatile u32 events;   /* of those, the ones the class client counted */
};

/* Binds the n-th channel of class cls this partition consumes; -1 if none. */
int vsc_init(struct vsc *c, u32 cls, u32 n, u16 ver_min, u16 ver_max);
/*
 * Sends msg (+ data) and waits up to timeout_ms for its completion, whose
 * bytes (at most cap) land in reply. Returns 0, or -1 (channel not open,
 * ring full, no free slot, timeout).
 */
int vsc_call(struct vsc *c, const void *msg, u32 len, const void *data, u32 data_len, void *reply,
	     u32 cap, u32 *reply_len, u32 timeout_ms);
/* Waits until the channel is open (HELLO answered); false on timeout. */
bool vsc_wait_open(struct vsc *c, u32 timeout_ms);

#endif
