/*
 * Copying and hashing a partition's images on all of its CPUs. The images
 * are cut into work items, each a signed chunk (bulkhead,chunk-sha256) or a
 * whole image without chunk hashes (checked against hash-1); the CPU that
 * loads the partition (its vCPU 0's) and the partition's other CPUs, parked
 * while it is off, take items until none is left. Only the partition's own
 * CPUs touch its images, and nothing waits on another partition.
 */
#ifndef CORE_IMAGE_HASH_H
#define CORE_IMAGE_HASH_H
#include <bulkhead/hv_config.h>
#include <bulkhead/image_abi.h>
#include "crypto/crypto.h"

struct hash_piece {
	u32 kind;      /* BH_IMAGE_KERNEL, _FDT or _RAMDISK */
	const u8 *src; /* in the image store */
	u8 *dst;       /* in the partition's memory */
	u32 len;
	u32 chunk;	  /* bytes per item; len when the image is one item */
	const u8 *expect; /* SHA256_LEN bytes per item, signed */
	u32 first;	  /* index of its first item in the job */
};

struct hash_job {
	struct hash_piece img[BH_IMAGE_KINDS];
	u32 nimg, total;
	u64 ticket; /* generation << 32 | next item (HASH_CLOSED while set up) */
	u32 done;
	u32 bad; /* 1 + an item whose hash is not the signed one, 0 if none */
	u32 items_by[CONFIG_MAX_VCPUS_PER_PARTITION]; /* this load's, per vCPU's CPU */
	u8 whole[BH_IMAGE_KINDS][SHA256_LEN];	      /* by kind: a one-item image's hash */
};

/* Starts describing a new job: no images. */
void hash_job_reset(struct hash_job *j);
/* Adds image <kind>: len bytes src -> dst in chunk-byte items (0: one item). */
void hash_job_add(struct hash_job *j, u32 kind, const void *src, void *dst, u32 len, u32 chunk,
		  const u8 *expect);
/*
 * Opens the job to the partition's CPUs, works on it on this one (vCPU
 * <vcpu>) and returns once every item is done: 0, or 1 + a bad item.
 */
u32 hash_job_run(struct hash_job *j, u32 vcpu);
/* A parked CPU of the partition (vCPU <vcpu>): takes items of an open job. */
void hash_job_help(struct hash_job *j, u32 vcpu);
/* The piece (j->img[]) and byte offset that item <item> covers. */
u32 hash_job_where(const struct hash_job *j, u32 item, u32 *offset);

#endif
