/*
 * The fault log: the last faults of any partition (name, cause, address,
 * start number, time), kept in the hypervisor's non-volatile store beside
 * the anti-rollback minima (nv_copy.h) so that it survives a board reset.
 * Pure logic here (unit tested and fuzzed on the host): flash contents are
 * checked in full before one byte of them is believed.
 */
#ifndef CORE_FAULT_LOG_H
#define CORE_FAULT_LOG_H
#include <bulkhead/types.h>

#define FL_MAGIC       0x4c464842U /* "BHFL" */
#define FL_FORMAT      1U
#define FL_MAX_ENTRIES 16
#define FL_NAME_LEN    32
#define FL_CAUSE_LEN   96

/* As stored, little-endian. Strings are NUL terminated and NUL padded. */
struct fl_entry {
	char name[FL_NAME_LEN];	  /* the partition */
	char cause[FL_CAUSE_LEN]; /* the console's "<cause> at <pc>" text, cut to fit */
	u64 addr;		  /* its PC at the fault */
	u64 time_ms;		  /* since that boot's hypervisor entry */
	u32 epoch;		  /* the partition's start (1: its first) */
	u32 boot;		  /* which boot that logged a fault (fl_record.boots then) */
	u32 seq;		  /* faults logged since the store was new, this one included */
	u32 reserved;		  /* 0 */
};

/* The CRC-32 (rb_crc32) covers everything before it; entries oldest first. */
struct fl_record {
	u32 magic, format, generation, count;
	u32 boots; /* boots that logged a fault */
	u32 seq;   /* faults logged ever (entries beyond FL_MAX_ENTRIES were dropped) */
	struct fl_entry entry[FL_MAX_ENTRIES];
	u32 crc;
	u32 reserved;
};

enum fl_decode {
	FL_EMPTY, /* both copies erased: nothing logged yet (or a store from before the log) */
	FL_VALID, /* the newer valid copy is in *out */
	FL_NONE,  /* something written, nothing valid: the log starts again */
};

/* A fresh, empty record. */
void fault_log_init(struct fl_record *r);
/* The newer valid record of two copies of len bytes each (len >= sizeof(struct fl_record)). */
enum fl_decode fault_log_decode(struct fl_record *out, const void *copy0, const void *copy1,
				u32 len);
/* Appends a fault logged during boot number boot; the oldest goes when the record is full. */
void fault_log_add(struct fl_record *r, u32 boot, const char *name, const char *cause, u64 addr,
		   u32 epoch, u64 time_ms);
/* Ready to store: generation + 1 (serial order, as the rollback record), CRC. */
void fault_log_seal(struct fl_record *r);
/* Is generation a later than b (serial-number order, across a wrap)? */
static inline bool fault_log_newer(u32 a, u32 b)
{
	return (s32)(a - b) > 0;
}

#endif
