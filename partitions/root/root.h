/* The root partition's services and drivers. */
#ifndef ROOT_H
#define ROOT_H
#include "virtio_blk.h"
#include "virtio_net.h"

void console_vsp_init(void);
void rpc_vsp_init(void);
void rpc_vsp_status_event(void); /* tells rpc clients that the partition status changed */
struct vblk;
void block_vsp_init(struct vblk *disk); /* disk: NULL if the root has none */
struct vnet;
void net_vsp_init(struct vnet *nic);    /* nic: NULL if the root has none */
bool net_vsp_poll(void);                /* true: more frames may wait */
int console_vsp_dump(const char *peer); /* -1: no console channel from that partition */

/* Devices (devices.c): found on every transport the DTB names, labels printed. */
extern struct vblk root_disk;
extern struct vnet root_nic;
extern bool root_have_disk, root_have_nic;
void root_find_devices(void);

/* Started with "bench" in its bootargs: the direct-read baseline of `make bench`. */
extern bool root_bench;
void root_bench_direct(struct vblk *disk);

/* Operator commands typed on the root's console. */
bool shell_init(void); /* true: input comes by interrupt, shell_poll on every wake-up */
void shell_poll(void);
void shell_break(void); /* before a line of the root's own: ends a partly typed command */
void partitions_print(void); /* "partitions": each one's state from the hypervisor */
void root_wake(void);  /* from interrupt handlers: the loop looks again */
void measurements_print(void); /* the hypervisor's log of verified images */
void images_confirm(void);     /* running versions become the rollback minima */
struct rpc_measurement;
u32 measurements_get(u32 first, struct rpc_measurement *out, u32 cap, u32 *n); /* VMBUS_ST_* */

#endif
