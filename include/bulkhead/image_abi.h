/*
 * Hypercalls about verified images (SMCCC vendor hypervisor range, fast
 * calls; on x86 the same numbers through VMMCALL). Root partition only.
 *
 * BH_IMAGE_MEASUREMENT  x1 = entry index
 *   -> x0 = 0, x1 = partition id | kind << 8 | slot << 16, x2 = security
 *      version, x3 = size in bytes, x4..x7 = SHA-256, x8..x11 = partition
 *      name (NUL padded); 8 bytes per register, in the order that storing
 *      the register to little-endian memory gives;
 *      x0 = BH_IMAGE_NO_ENTRY past the last entry, BH_IMAGE_PENDING past the
 *      last entry while some partition is still being loaded or started
 *      (ask again).
 *
 * BH_IMAGE_CONFIRM  x1 = partition id, or BH_IMAGE_ALL
 *   The partition booted well: its running security version becomes its
 *   stored minimum (anti-rollback). -> x0 = 0, BH_IMAGE_NO_ENTRY (no such
 *   partition, or it is not running a verified image), BH_IMAGE_NO_STORE
 *   (the board has no rollback store) or BH_IMAGE_STORE_FAILED.
 */
#ifndef BULKHEAD_IMAGE_ABI_H
#define BULKHEAD_IMAGE_ABI_H

#define BH_IMAGE_MEASUREMENT  0xC6000020U
#define BH_IMAGE_NO_ENTRY     1U
#define BH_IMAGE_PENDING      2U
#define BH_IMAGE_NO_STORE     3U
#define BH_IMAGE_STORE_FAILED 4U

#define BH_IMAGE_CONFIRM 0xC6000021U
#define BH_IMAGE_ALL	 0xffffffffU

enum bh_image_kind { BH_IMAGE_KERNEL, BH_IMAGE_FDT, BH_IMAGE_RAMDISK, BH_IMAGE_KINDS };

#endif
