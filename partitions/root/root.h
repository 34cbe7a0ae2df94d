/* The root partition's services and drivers. */
#ifndef ROOT_H
#define ROOT_H
#include "root_dev.h"

void console_vsp_init(void);
void rpc_vsp_init(void);
void rpc_vsp_status_event(void); /* tells rpc clients that the partition status changed */
void block_vsp_init(struct root_disk *disk); /* disk: NULL if the root has none */
void net_vsp_init(struct root_nic *nic);     /* nic: NULL if the root has none */
bool net_vsp_poll(void);		     /* true: more frames may wait */
int console_vsp_dump(const char *peer);	     /* -1: no console channel from that partition */
/* Typed input to a child's console (version 2); -1, reported, if it cannot take it. */
int console_vsp_send(const char *peer, const char *text, u32 len);

/*
 * Devices (devices.c): virtio on every transport the DTB names, SD host
 * controllers, GEM Ethernet; labels printed. The first disk and the first
 * NIC serve the channels (NULL: none).
 */
extern struct root_disk *root_blk;
extern struct root_nic *root_net;
void root_find_devices(void);
void root_devices_report(void); /* "devices": each device's interrupt and how many it took */

/* Started with "bench" in its bootargs: the direct-read baseline of `make bench`. */
extern bool root_bench;
void root_bench_direct(struct root_disk *disk);

/*
 * Started with "villain-block=<block>" in its bootargs: the block service
 * answers 4 KiB READs there hostilely (block_villain.c, for tests). The
 * reply: true if it answered.
 */
extern bool block_villain;
void block_villain_init(void);
struct vmbus_chan;
struct vmbus_blk_req;
struct vmbus_blk_reply;
bool block_villain_reply(struct vmbus_chan *ch, u64 trans_id, const struct vmbus_blk_req *r,
			 struct vmbus_blk_reply *a);

/* Operator commands typed on the root's console. */
bool shell_init(void); /* true: input comes by interrupt, shell_poll on every wake-up */
void shell_poll(void);
void shell_break(void);	       /* before a line of the root's own: ends a partly typed command */
void partitions_print(void);   /* "partitions": each one's state from the hypervisor */
void root_wake(void);	       /* from interrupt handlers: the loop looks again */
void measurements_print(void); /* the hypervisor's log of verified images */
void images_confirm(void);     /* running versions become the rollback minima */
struct rpc_measurement;
u32 measurements_get(u32 first, struct rpc_measurement *out, u32 cap, u32 *n); /* VMBUS_ST_* */
void faults_print(void); /* "faults": the hypervisor's fault log */
struct rpc_fault;
u32 faults_get(u32 first, struct rpc_fault *out, u32 cap, u32 *n); /* VMBUS_ST_* */

/* The 8 bytes of each of n registers, as storing them to little-endian memory gives them. */
static inline void unpack_regs(const u64 *r, u32 n, char *out)
{
	for (u32 i = 0; i < n * 8; i++)
		out[i] = (char)(r[i / 8] >> (8 * (i % 8)));
}

#endif
