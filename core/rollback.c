// SPDX-License-Identifier: GPL-2.0
/*
 * Anti-rollback record logic (rollback.h). The store is hypervisor-owned,
 * but a flash can still hold garbage after a power cut or a fault, so every
 * copy is checked in full before one is believed.
 */
#include <stddef.h>
#include <string.h>
#include "rollback.h"

#define RB_CRC_LEN ((u32)offsetof(struct rb_record, crc))

/* CRC-32 (IEEE 802.3, reflected), bitwise: a few hundred bytes, rarely. */
u32 rb_crc32(const void *data, u32 len)
{
	const u8 *p = data;
	u32 crc = 0xffffffffU;

	while (len--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320U & (0U - (crc & 1)));
	}
	return ~crc;
}

static bool erased(const u8 *p, u32 len)
{
	for (u32 i = 0; i < len; i++)
		if (p[i] != 0xff)
			return false;
	return true;
}

static bool valid(const struct rb_record *r)
{
	if (r->magic != RB_MAGIC || r->format != RB_FORMAT || r->count > RB_MAX_ENTRIES ||
	    rb_crc32(r, RB_CRC_LEN) != r->crc)
		return false;
	for (u32 i = 0; i < r->count; i++) {
		size_t n = strnlen(r->entry[i].name, RB_NAME_LEN);

		if (n == 0 || n == RB_NAME_LEN)
			return false;
	}
	return true;
}

enum rb_decode rollback_decode(struct rb_state *st, const void *copy0, const void *copy1, u32 len)
{
	const void *copy[2] = {copy0, copy1};
	struct rb_record r[2];
	bool ok[2];
	bool blank = true;

	memset(st, 0, sizeof(*st));
	st->current = -1;
	st->rec.magic = RB_MAGIC;
	st->rec.format = RB_FORMAT;
	if (len < sizeof(struct rb_record))
		return RB_CORRUPT;
	for (int i = 0; i < 2; i++) {
		memcpy(&r[i], copy[i], sizeof(r[i])); /* aligned, and read once */
		ok[i] = valid(&r[i]);
		blank = blank && erased(copy[i], sizeof(r[i]));
	}
	if (!ok[0] && !ok[1])
		return blank ? RB_EMPTY : RB_CORRUPT;
	/* Serial-number order: the later generation wins, even across a wrap. */
	st->current = !ok[0] || (ok[1] && (s32)(r[1].generation - r[0].generation) > 0);
	st->rec = r[st->current];
	return RB_VALID;
}

static struct rb_entry *find(const struct rb_record *r, const char *name)
{
	for (u32 i = 0; i < r->count; i++)
		if (!strncmp(r->entry[i].name, name, RB_NAME_LEN))
			return (struct rb_entry *)&r->entry[i];
	return NULL;
}

u32 rollback_min(const struct rb_state *st, const char *name)
{
	const struct rb_entry *e = find(&st->rec, name);

	return e ? e->min_version : 0;
}

int rollback_raise(struct rb_state *st, const char *name, u32 version)
{
	struct rb_entry *e = find(&st->rec, name);
	size_t n = strnlen(name, RB_NAME_LEN);

	if (!e) {
		if (!version)
			return 0; /* 0 is every name's minimum already */
		if (st->rec.count >= RB_MAX_ENTRIES || n == 0 || n == RB_NAME_LEN)
			return -1;
		e = &st->rec.entry[st->rec.count++];
		memset(e->name, 0, sizeof(e->name));
		memcpy(e->name, name, n);
		e->min_version = 0;
	}
	if (e->min_version >= version)
		return 0;
	e->min_version = version;
	return 1;
}

int rollback_next(const struct rb_state *st, struct rb_record *out)
{
	*out = st->rec;
	/* Unused entries as erased flash holds them: nvstore_write need not program them. */
	memset(&out->entry[out->count], 0xff,
	       (RB_MAX_ENTRIES - out->count) * sizeof(out->entry[0]));
	out->magic = RB_MAGIC;
	out->format = RB_FORMAT;
	out->generation = st->current < 0 ? 1 : st->rec.generation + 1;
	out->crc = rb_crc32(out, RB_CRC_LEN);
	return st->current == 0 ? 1 : 0;
}

void rollback_written(struct rb_state *st, const struct rb_record *rec, int copy)
{
	st->rec = *rec;
	st->current = copy;
}
