/*
 * Anti-rollback minima: one minimum security version per partition name,
 * kept as a record in two erase blocks of a non-volatile store written in
 * turn, so that a power cut while one is written leaves the other valid.
 * Pure logic here (unit tested on the host); the store is nvstore.h's.
 */
#ifndef CORE_ROLLBACK_H
#define CORE_ROLLBACK_H
#include <bulkhead/types.h>

#define RB_MAGIC       0x42524842U /* "BHRB" */
#define RB_FORMAT      1U
#define RB_MAX_ENTRIES 64
#define RB_NAME_LEN    32

struct rb_entry {
	char name[RB_NAME_LEN]; /* NUL padded */
	u32 min_version;
};

/* As stored, little-endian; the CRC-32 covers everything before it. */
struct rb_record {
	u32 magic, format, generation, count;
	struct rb_entry entry[RB_MAX_ENTRIES];
	u32 crc;
};

struct rb_state {
	struct rb_record rec; /* the newest valid record (count 0 when none) */
	int current;	      /* copy it came from: 0 or 1; -1 none */
};

enum rb_decode {
	RB_EMPTY,   /* both copies erased: a new store, every minimum 0 */
	RB_VALID,   /* at least one copy valid */
	RB_CORRUPT, /* something written, nothing valid: minima unknown */
};

u32 rb_crc32(const void *data, u32 len);
/* Picks the newest valid of two copies (len bytes each, len >= sizeof(struct rb_record)). */
enum rb_decode rollback_decode(struct rb_state *st, const void *copy0, const void *copy1, u32 len);
/* The stored minimum for a partition name; 0 when none is stored. */
u32 rollback_min(const struct rb_state *st, const char *name);
/* 1 when the minimum went up, 0 when it already was >= version, -1 when the record is full. */
int rollback_raise(struct rb_state *st, const char *name, u32 version);
/* The next record to write (generation + 1, CRC); returns the copy it goes to (0 or 1). */
int rollback_next(const struct rb_state *st, struct rb_record *out);
/* After that record was written and read back. */
void rollback_written(struct rb_state *st, const struct rb_record *rec, int copy);

#endif
