// SPDX-License-Identifier: GPL-2.0
/* Parsers for HELLO and the console class (include/vmbus/proto.h). */
#include <string.h>
#include <vmbus/bus.h>
#include <vmbus/proto.h>

int vmbus_parse_hello(const void *msg, u32 len, struct vmbus_hello *out)
{
	if (len < sizeof(*out))
		return -1;
	memcpy(out, msg, sizeof(*out));
	return out->h.type == VMBUS_MSG_HELLO && out->cls < VMBUS_NR_CLASSES ? 0 : -1;
}

int vmbus_parse_console(const void *msg, u32 len, u32 type, const char **text, u32 *text_len)
{
	struct vmbus_console_data d;

	if (len < sizeof(d))
		return -1;
	memcpy(&d, msg, sizeof(d));
	if (d.h.type != type || d.len > len - sizeof(d))
		return -1;
	*text = (const char *)msg + sizeof(d);
	*text_len = d.len;
	return 0;
}

const char *vmbus_status_str(u32 status)
{
	static const char *const s[] = {"ok",
					"no common version",
					"protocol error",
					"invalid message",
					"out of range",
					"busy",
					"I/O error",
					"unknown service or method"};

	return status < ARRAY_SIZE(s) ? s[status] : "unknown status";
}
