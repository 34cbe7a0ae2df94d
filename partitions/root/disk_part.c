// SPDX-License-Identifier: GPL-2.0
/*
 * A window of a disk: the data partition of the root's SD card
 * (disk_part.h). Requests are already bounded by the block service against
 * the window's capacity; the window adds its first sector.
 */
#include "disk_part.h"

static u32 le32(const u8 *b)
{
	return b[0] | (u32)b[1] << 8 | (u32)b[2] << 16 | (u32)b[3] << 24;
}

static int part_read(struct root_disk *d, u64 sector, void *buf, u32 count)
{
	struct disk_part *p = container_of(d, struct disk_part, disk);

	return root_disk_read(p->whole, p->first + sector, buf, count);
}

static int part_write(struct root_disk *d, u64 sector, const void *buf, u32 count)
{
	struct disk_part *p = container_of(d, struct disk_part, disk);

	return root_disk_write(p->whole, p->first + sector, buf, count);
}

static int part_flush(struct root_disk *d)
{
	return root_disk_flush(container_of(d, struct disk_part, disk)->whole);
}

static const struct root_disk_ops part_ops = {part_read, part_write, part_flush};

int disk_part_find(struct disk_part *p, struct root_disk *whole, const u8 *sector0)
{
	if (sector0[510] != 0x55 || sector0[511] != 0xaa)
		return 0;
	for (u32 i = 0; i < 4; i++) {
		const u8 *e = sector0 + 446 + 16 * i;
		u64 first = le32(e + 8), n = le32(e + 12);

		if (e[4] != DISK_PART_DATA_TYPE)
			continue;
		/* An entry off the disk is not served: requests would fail or wrap. */
		if (!first || !n || first >= whole->capacity || n > whole->capacity - first)
			return -1;
		*p = (struct disk_part){
		    .disk = {&part_ops, n}, .whole = whole, .first = first, .index = i + 1};
		return 1;
	}
	return -1;
}
