// SPDX-License-Identifier: GPL-2.0
/* The block class codec (include/vmbus/proto.h); ranges are the VSP's to check. */
#include <string.h>
#include <vmbus/proto.h>

int vmbus_parse_block(const void *msg, u32 len, struct vmbus_blk_req *out)
{
	if (len < sizeof(*out))
		return -1;
	memcpy(out, msg, sizeof(*out));
	return out->h.type >= VMBUS_BLK_GET_INFO && out->h.type <= VMBUS_BLK_FLUSH ? 0 : -1;
}
