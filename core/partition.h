/* Run-time state of partitions and their vCPUs (static, one per table entry). */
#ifndef CORE_PARTITION_H
#define CORE_PARTITION_H
#include <bulkhead/hv_config.h>
#include <bulkhead/part_info_abi.h>
#include <asm/spinlock.h>
#include "arch.h"
#include "image_hash.h"
#include "restart_backoff.h"

enum part_state { /* the root sees them as enum bh_part_state */
		  PART_OFF = BH_PART_OFF,
		  PART_RUNNING = BH_PART_RUNNING,
		  PART_STOPPING = BH_PART_STOPPING, /* a stop was requested; vCPUs are parking */
		  PART_HALTED = BH_PART_HALTED,
		  PART_WAITING = BH_PART_WAITING, /* stopped; restarts at restart_at (back-off) */
};

enum vcpu_state {
	VCPU_OFF,
	VCPU_ON_PENDING,
	VCPU_RUNNING,
};

struct vcpu {
	struct partition *part;
	u32 index; /* within the partition */
	u32 pcpu;  /* physical CPU it is pinned to */
	volatile u32 state;
	u32 lost; /* its physical CPU did not start: it can never run */
	u64 start_entry, start_ctx;
	struct arch_vcpu arch;
};

struct partition {
	const struct bh_partition *cfg;
	volatile u32 state;
	u32 epoch;	 /* starts counted since boot */
	u32 stop_action; /* enum bh_restart applied once every vCPU parked */
	u32 stops;	 /* since boot; with last_stop under lock, for BH_PART_INFO */
	char last_stop[BH_PART_STOP_TEXT];
	u32 bad_access_reported; /* an injected external abort was reported (this start) */
	u64 run_start;		 /* arch_counter() when this start ran its first instruction */
	u32 restart_wait_ms; /* back-off of the stop under way (its restart policy restarts it) */
	u64 restart_at;	     /* PART_WAITING: when it starts again */
	struct restart_backoff backoff;
	spinlock_t lock;
	u64 scrub_ticks, copy_ticks;		  /* the first load's, for the boot benchmark */
	u64 verify_ticks, hash_ticks, hash_bytes; /* of copy_ticks: signature, copy + SHA-256 */
	struct hash_job hash; /* its images' copy and hash, shared by its CPUs */
	struct vcpu vcpu[CONFIG_MAX_VCPUS_PER_PARTITION];
	struct arch_partition arch;
};

extern struct partition partitions[CONFIG_MAX_PARTITIONS];
extern u64 hv_entry_tick; /* arch_counter() at the hypervisor's first instruction */

/* The vCPU this CPU runs (set when it enters one; NULL before). */
extern struct vcpu *current_vcpu[CONFIG_NR_CPUS];
static inline struct vcpu *this_vcpu(void)
{
	return current_vcpu[arch_cpu_id()];
}
void partition_init_all(void);
struct pgtable;
/*
 * For arch_partition_init: p's regions into pt (its stage-2 or nested page
 * table, named space in the message) from its slice of the table pool; -1
 * (said on the console) if one cannot be mapped.
 */
int partition_map(struct partition *p, struct pgtable *pt, const char *space);
/* CPU cpu did not start (error err): its vCPU is lost, the partition too if it is vCPU 0. */
void partition_cpu_lost(u32 cpu, int err);
__attribute__((noreturn)) void partition_boot(struct partition *p);
__attribute__((noreturn)) void partition_fault(struct vcpu *v, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
__attribute__((noreturn)) void partition_stop(struct vcpu *v, enum bh_restart action,
					      const char *why);
static inline bool partition_stop_requested(struct vcpu *v)
{
	return READ_ONCE(v->part->state) == PART_STOPPING;
}

__attribute__((noreturn)) void vcpu_park(struct vcpu *v);
/* A partition's hypercall: x[0] the function, x[1..] its arguments; x[0..11] the results. */
void hypercall(struct vcpu *v, u64 *x);
int vcpu_cpu_on(struct partition *p, u64 target, u64 entry, u64 ctx);
int vcpu_affinity_info(struct partition *p, u64 target);
struct vcpu *vcpu_by_mpidr(struct partition *p, u64 mpidr);

#endif
