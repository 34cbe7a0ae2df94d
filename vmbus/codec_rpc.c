// SPDX-License-Identifier: GPL-2.0
/* The rpc class codec (include/vmbus/proto.h). */
#include <string.h>
#include <vmbus/proto.h>

int vmbus_parse_rpc(const void *msg, u32 len, struct vmbus_rpc *out, const u8 **payload)
{
	if (len < sizeof(*out))
		return -1;
	memcpy(out, msg, sizeof(*out));
	if ((out->h.type != VMBUS_RPC_REQUEST && out->h.type != VMBUS_RPC_EVENT) || out->flags ||
	    out->len > len - sizeof(*out))
		return -1;
	*payload = (const u8 *)msg + sizeof(*out);
	return 0;
}
