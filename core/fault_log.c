// SPDX-License-Identifier: GPL-2.0
/*
 * Fault log record logic (fault_log.h). A copy is believed only whole: the
 * magic, the format, a count within the table, the CRC, and every string
 * terminated inside its field, so that no reader walks off an entry.
 */
#include <stddef.h>
#include <string.h>
#include "fault_log.h"
#include "rollback.h"

#define FL_CRC_LEN ((u32)offsetof(struct fl_record, crc))

void fault_log_init(struct fl_record *r)
{
	memset(r, 0, sizeof(*r));
	r->magic = FL_MAGIC;
	r->format = FL_FORMAT;
}

static bool erased(const u8 *p, u32 len)
{
	for (u32 i = 0; i < len; i++)
		if (p[i] != 0xff)
			return false;
	return true;
}

static bool valid(const struct fl_record *r)
{
	if (r->magic != FL_MAGIC || r->format != FL_FORMAT || r->count > FL_MAX_ENTRIES ||
	    rb_crc32(r, FL_CRC_LEN) != r->crc)
		return false;
	for (u32 i = 0; i < r->count; i++) {
		const struct fl_entry *e = &r->entry[i];
		size_t n = strnlen(e->name, FL_NAME_LEN);

		if (n == 0 || n == FL_NAME_LEN || strnlen(e->cause, FL_CAUSE_LEN) == FL_CAUSE_LEN)
			return false;
	}
	return true;
}

enum fl_decode fault_log_decode(struct fl_record *out, const void *copy0, const void *copy1,
				u32 len)
{
	const void *copy[2] = {copy0, copy1};
	struct fl_record r[2];
	bool ok[2], blank = true;
	int pick;

	fault_log_init(out);
	if (len < sizeof(struct fl_record))
		return FL_NONE;
	for (int i = 0; i < 2; i++) {
		memcpy(&r[i], copy[i], sizeof(r[i])); /* aligned, and read once */
		ok[i] = valid(&r[i]);
		blank = blank && erased(copy[i], sizeof(r[i]));
	}
	if (!ok[0] && !ok[1])
		return blank ? FL_EMPTY : FL_NONE;
	pick = !ok[0] || (ok[1] && fault_log_newer(r[1].generation, r[0].generation));
	*out = r[pick];
	/* Unused entries as a fresh record has them: nothing stale reaches a reader. */
	memset(&out->entry[out->count], 0, (FL_MAX_ENTRIES - out->count) * sizeof(out->entry[0]));
	return FL_VALID;
}

static void copy_str(char *dst, size_t size, const char *src)
{
	size_t n = strnlen(src, size - 1);

	memset(dst, 0, size);
	memcpy(dst, src, n);
}

void fault_log_add(struct fl_record *r, u32 boot, const char *name, const char *cause, u64 addr,
		   u32 epoch, u64 time_ms)
{
	struct fl_entry *e;

	if (r->count == FL_MAX_ENTRIES) {
		memmove(&r->entry[0], &r->entry[1], (FL_MAX_ENTRIES - 1) * sizeof(r->entry[0]));
		r->count--;
	}
	e = &r->entry[r->count++];
	memset(e, 0, sizeof(*e));
	copy_str(e->name, sizeof(e->name), name[0] ? name : "?");
	copy_str(e->cause, sizeof(e->cause), cause);
	e->addr = addr;
	e->time_ms = time_ms;
	e->epoch = epoch;
	e->boot = boot;
	e->seq = ++r->seq;
	r->boots = boot;
}

void fault_log_seal(struct fl_record *r)
{
	r->magic = FL_MAGIC;
	r->format = FL_FORMAT;
	if (r->count > FL_MAX_ENTRIES)
		r->count =
		    FL_MAX_ENTRIES; /* only fault_log_add counts: never, but never past the table */
	/* Unused entries as erased flash holds them: nvstore_write need not program them. */
	memset(&r->entry[r->count], 0xff, (FL_MAX_ENTRIES - r->count) * sizeof(r->entry[0]));
	r->generation++;
	r->reserved = 0;
	r->crc = rb_crc32(r, FL_CRC_LEN);
}
