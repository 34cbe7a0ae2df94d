/*
 * The part of a disk the root serves block channels from. An SD card the
 * board boots from holds the FAT boot partition (BOOT.BIN, boot.scr, the
 * FITs) and a data partition, MBR type 0xda, after it (scripts/make-sd-image):
 * the root serves only the data partition, so that no block channel can
 * reach the boot files. A card without an MBR is served whole; a card with
 * an MBR but no data partition is not served.
 */
#ifndef ROOT_DISK_PART_H
#define ROOT_DISK_PART_H
#include "root_dev.h"

#define DISK_PART_DATA_TYPE 0xda /* MBR "non-file-system data" */

struct disk_part {
	struct root_disk disk; /* sectors first .. first + capacity - 1 of whole */
	struct root_disk *whole;
	u64 first;
	u32 index; /* MBR entry, 1-4 */
};

/*
 * From the disk's sector 0: 1 and p set up when it is an MBR with a data
 * partition that lies on the disk, 0 when sector 0 is no MBR, -1 when it is
 * an MBR without a (usable) data partition.
 */
int disk_part_find(struct disk_part *p, struct root_disk *whole, const u8 *sector0);

#endif
