/*
 * Class protocols: what travels in the payload of a ring packet. Every
 * message starts with {type, status}; all fields are little-endian and the
 * layout keeps 8-byte alignment. The parsers (vmbus/codec_*.c) take bytes
 * already copied out of the ring and check every length before use.
 */
#ifndef VMBUS_PROTO_H
#define VMBUS_PROTO_H
#include <bulkhead/types.h>

struct vmbus_msg_hdr {
	u32 type;
	u32 status; /* 0 in requests; enum vmbus_msg_status in completions */
};

enum vmbus_msg_status {
	VMBUS_ST_OK = 0,
	VMBUS_ST_VERSION = 1,  /* no version both sides speak */
	VMBUS_ST_PROTOCOL = 2, /* a message this state does not allow */
	VMBUS_ST_INVALID = 3,  /* malformed or unknown message */
	VMBUS_ST_RANGE = 4,    /* outside what the channel exports */
	VMBUS_ST_BUSY = 5,     /* too many requests outstanding */
	VMBUS_ST_IO = 6,       /* the device behind the service failed */
	VMBUS_ST_UNKNOWN = 7,  /* no such service or method */
};

/* Every class: HELLO first (type 1, COMPLETION_REQUESTED), answered by a COMP. */
#define VMBUS_MSG_HELLO 1
struct vmbus_hello {
	struct vmbus_msg_hdr h;
	u32 cls;              /* enum vmbus_class the sender expects */
	u16 ver_min, ver_max; /* request: range offered; reply: ver_min = ver_max = chosen */
	u64 features;
};

/* console (class 0), version 1: lines from the consumer; no completions. */
#define VMBUS_CONSOLE_VERSION 1
#define VMBUS_CONSOLE_DATA 2
struct vmbus_console_data {
	struct vmbus_msg_hdr h;
	u32 len; /* bytes of text that follow */
	u32 reserved;
};

int vmbus_parse_hello(const void *msg, u32 len, struct vmbus_hello *out);
/* The text of a console DATA message: *text points into msg. */
int vmbus_parse_console(const void *msg, u32 len, const char **text, u32 *text_len);
const char *vmbus_status_str(u32 status);

#endif
