// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the ring library as the root sees a child's rings. The
 * input is the whole ring as a hostile peer could write it (control page
 * words, then the data area); the reader drains with a bounded budget and
 * the writer answers into a ring whose read_index the peer also controls.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <vmbus/ring.h>
#include "fuzz.h"

#define RING_BYTES (3 * 4096)
#define MAXP	   2048

static uint8_t ring[RING_BYTES] __attribute__((aligned(4096)));
static uint8_t buf[MAXP];

/* REQ: BH-BUS-1 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vmbus_ring r, w;
	struct vmbus_ring_ctl *c = (struct vmbus_ring_ctl *)ring;
	uint32_t words[4] = {0};
	size_t n;

	memset(ring, 0, sizeof(ring));
	if (vmbus_ring_init(&r, ring, RING_BYTES, MAXP, false))
		abort();
	memcpy(words, data, size < sizeof(words) ? size : sizeof(words));
	n = size > sizeof(words) ? size - sizeof(words) : 0;
	memcpy(ring + 4096, data + sizeof(words), n < RING_BYTES - 4096 ? n : RING_BYTES - 4096);
	c->write_index = words[0];
	c->pending_send_sz = words[3];
	vmbus_ring_unmask(&r);

	/* Bounded work per wake-up, as every service does it. */
	for (int i = 0; i < 64; i++) {
		struct vmbus_desc d;
		uint32_t len;
		int rc = vmbus_ring_read(&r, &d, buf, sizeof(buf), &len);

		if (r.index >= r.size || (r.index & 7))
			abort();
		if (rc)
			break;
		if (len > MAXP || (d.type != VMBUS_PKT_INBAND && d.type != VMBUS_PKT_COMP))
			abort();
	}
	vmbus_ring_read_done(&r);

	/* The same bytes as a ring we write into, the peer owning read_index. */
	if (vmbus_ring_init(&w, ring, RING_BYTES, MAXP, true))
		abort();
	c->read_index = words[1];
	c->interrupt_mask = words[2];
	for (int i = 0; i < 8; i++) {
		struct vmbus_iov iov = {buf, (words[2] >> (i * 4)) & 0x7ff};
		bool sig;

		if (vmbus_ring_write(&w, VMBUS_PKT_COMP, 0, (uint64_t)i, &iov, 1, &sig))
			break;
		if (w.index >= w.size || (w.index & 7))
			abort();
	}
	return 0;
}
