/*
 * One copy of the hypervisor's non-volatile store as it lies in flash: the
 * anti-rollback record, then the fault log. Both copies are written in
 * turn, each write carrying both records, so a cut write leaves the other
 * copy whole. A store written before the fault log existed has its area
 * erased: an empty log (fault_log_decode), the same minima.
 */
#ifndef CORE_NV_COPY_H
#define CORE_NV_COPY_H
#include <stddef.h>
#include "fault_log.h"
#include "rollback.h"

struct nv_copy {
	struct rb_record rb;
	u32 pad; /* 0xffffffff: the fault log 8-byte aligned */
	struct fl_record fl;
};

_Static_assert(offsetof(struct nv_copy, fl) == sizeof(struct rb_record) + 4,
	       "the fault log follows the rollback record");
_Static_assert(offsetof(struct nv_copy, fl) % 8 == 0, "the fault log is 8-byte aligned");

#endif
