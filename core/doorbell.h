/* The hypervisor's VMBus side (core/doorbell.c): doorbells, event and status pages. */
#ifndef CORE_DOORBELL_H
#define CORE_DOORBELL_H
#include <bulkhead/types.h>
#include <asm/nospec.h> /* array_index_nospec() */

struct vcpu;
struct partition;

void bus_init(void);				    /* boot CPU, before any partition runs */
void bus_partition_start(struct partition *p);	    /* before p's first instruction */
void bus_partition_stop(struct partition *p);	    /* once all of p's vCPUs parked */
void bus_partition_restarting(struct partition *p); /* before a restarted p is loaded */

/* Hypercalls (design §5): results as SMCCC wants them in x0 / RAX. */
s64 bus_signal(struct vcpu *v, u64 index, u64 reserved);
s64 bus_signal_mask(struct vcpu *v, u64 base, u64 mask);
s64 bus_signal_fast(u64 index, u64 reserved); /* from the vector: the current vCPU */
s64 bus_reset_ack(struct vcpu *v, u64 index, u64 epoch);

#endif
