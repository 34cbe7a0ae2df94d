// SPDX-License-Identifier: GPL-2.0
/* The net class codec (include/vmbus/proto.h). */
#include <string.h>
#include <vmbus/proto.h>

int vmbus_parse_net(const void *msg, u32 len, u32 max, const u8 **frame, u32 *frame_len)
{
	struct vmbus_net_frame f;

	if (len < sizeof(f))
		return -1;
	memcpy(&f, msg, sizeof(f));
	if (f.h.type != VMBUS_NET_FRAME || f.len > len - sizeof(f) || f.len < VMBUS_ETH_HLEN ||
	    f.len > max)
		return -1;
	*frame = (const u8 *)msg + sizeof(f);
	*frame_len = f.len;
	return 0;
}
