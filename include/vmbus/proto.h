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
	u32 cls;	      /* enum vmbus_class the sender expects */
	u16 ver_min, ver_max; /* request: range offered; reply: ver_min = ver_max = chosen */
	u64 features;
};

/*
 * console (class 0), no completions. Version 1: text from the consumer
 * (DATA). Version 2 adds typed input from the provider (INPUT, the same
 * layout), for consumers that run a shell on it (Linux's hvc0).
 */
#define VMBUS_CONSOLE_VERSION	    1
#define VMBUS_CONSOLE_VERSION_INPUT 2
#define VMBUS_CONSOLE_DATA	    2
#define VMBUS_CONSOLE_INPUT	    3
struct vmbus_console_data {
	struct vmbus_msg_hdr h;
	u32 len; /* bytes of text that follow */
	u32 reserved;
};

/*
 * rpc (class 1), version 1. REQUEST (COMPLETION_REQUESTED) is answered by a
 * COMP with the same trans_id carrying the same header (status set) and the
 * result; EVENT is one-way, either direction. payload follows the header.
 */
#define VMBUS_RPC_VERSION 1
#define VMBUS_RPC_REQUEST 2
#define VMBUS_RPC_EVENT	  3
struct vmbus_rpc {
	struct vmbus_msg_hdr h;
	u32 service;
	u16 method;
	u16 flags; /* 0 */
	u32 len;   /* payload bytes */
	u32 reserved;
};

/* Services the root offers. */
#define RPC_SVC_ECHO	1 /* method 1: the payload back */
#define RPC_SVC_TIME	2 /* method 1: struct rpc_time */
#define RPC_SVC_STATUS	3 /* method 1: struct rpc_status_entry[]; event 2: a peer changed */
#define RPC_SVC_MEASURE 4 /* method 1, payload u32 first (or none: 0): rpc_measurement[] */
#define RPC_SVC_FAULTS	5 /* method 1, payload u32 first (or none: 0): rpc_fault[], newest first */

#define RPC_METHOD_GET	  1
#define RPC_EVENT_CHANGED 2

struct rpc_time {
	u64 counter;   /* the system counter (all partitions share it) */
	u64 frequency; /* its ticks per second */
};

struct rpc_status_entry {
	char name[24]; /* partition name, NUL-padded */
	u32 state;     /* enum vmbus_peer_state */
	u32 epoch;     /* its starts */
};

/*
 * One entry of the hypervisor's measurement log, from entry "first" on, as
 * many as fit in one answer; an answer without entries is the end. The log
 * only grows while partitions load, so paging by index sees each entry once.
 */
struct rpc_measurement {
	char name[32]; /* partition name (up to 31 characters), NUL-padded */
	u32 version;   /* signed security version */
	u32 size;      /* bytes verified and copied */
	u8 kind;       /* enum bh_image_kind: 0 image, 1 fdt, 2 initrd */
	u8 slot;       /* 0 = A, 1 = B */
	u16 reserved;
	u32 reserved2;
	u8 sha256[32]; /* of the copy that runs */
};

/*
 * One entry of the hypervisor's fault log (docs/boot-flow.md#fault-log),
 * newest first, from entry "first" on, as many as fit in one answer; an
 * answer without entries is the end. A root without this service answers
 * VMBUS_ST_UNKNOWN: the rpc version stays 1, services are found by asking.
 */
#define RPC_FAULT_THIS_BOOT 1U /* flags: logged since the board last started */
struct rpc_fault {
	char name[32];	/* partition name (up to 31 characters), NUL-padded */
	char cause[96]; /* the console's text of the fault, NUL-terminated */
	u64 addr;	/* the partition's PC at the fault */
	u64 time_ms;	/* from the start of the boot it happened in */
	u32 epoch;	/* the partition's start it ended (1: its first) */
	u32 boot;	/* boots that logged a fault, counted by the hypervisor's store */
	u32 flags;	/* RPC_FAULT_* */
	u32 reserved;
};

/*
 * block (class 2), version 1: virtio-blk-like, on the byte range of the
 * provider's disk that the channel exports. Data travels in the windows:
 * WRITE data at win_off of the c2p window, READ data to win_off of the p2c
 * window. Every request asks for a completion.
 */
#define VMBUS_BLOCK_VERSION 1
#define VMBUS_BLK_GET_INFO  2
#define VMBUS_BLK_READ	    3
#define VMBUS_BLK_WRITE	    4
#define VMBUS_BLK_FLUSH	    5
#define VMBUS_BLK_SECTOR    512U
struct vmbus_blk_req {
	struct vmbus_msg_hdr h;
	u64 lba; /* in 512-byte blocks from the start of the channel's range */
	u32 nblocks;
	u32 win_off; /* byte offset in the window */
};

struct vmbus_blk_reply {
	struct vmbus_msg_hdr h;
	u64 capacity;	/* GET_INFO: blocks in the range */
	u32 max_blocks; /* GET_INFO: largest nblocks of one request */
	u32 bytes;	/* READ/WRITE: bytes moved */
};

/*
 * net (class 3), version 1: Ethernet frames inline, both directions, no
 * completions (a full ring drops the frame, as a NIC would). The consumer's
 * MAC address and the MTU come from the DT; the link is always up.
 */
#define VMBUS_NET_VERSION 1
#define VMBUS_NET_FRAME	  2
#define VMBUS_ETH_HLEN	  14
struct vmbus_net_frame {
	struct vmbus_msg_hdr h;
	u32 len; /* frame bytes that follow (no FCS) */
	u32 reserved;
};

int vmbus_parse_hello(const void *msg, u32 len, struct vmbus_hello *out);
/* The text of a console message of this type (DATA or INPUT): *text points into msg. */
int vmbus_parse_console(const void *msg, u32 len, u32 type, const char **text, u32 *text_len);
/* An rpc message: header into *out, *payload points into msg. */
int vmbus_parse_rpc(const void *msg, u32 len, struct vmbus_rpc *out, const u8 **payload);
int vmbus_parse_block(const void *msg, u32 len, struct vmbus_blk_req *out);
/* A frame of at least an Ethernet header and at most max bytes; *frame points into msg. */
int vmbus_parse_net(const void *msg, u32 len, u32 max, const u8 **frame, u32 *frame_len);
const char *vmbus_status_str(u32 status);

#endif
