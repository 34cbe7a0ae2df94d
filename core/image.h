/* Loading a partition's verified images from the image store(s). */
#ifndef CORE_IMAGE_H
#define CORE_IMAGE_H
#include <bulkhead/image_abi.h>
#include "crypto/crypto.h"
#include "partition.h"

/* One measured blob: what the hypervisor verified and copied. */
struct measurement {
	u32 valid;
	u32 partition, kind, slot;
	u32 security_version;
	u32 size;
	u8 sha256[SHA256_LEN];
};

/* Opens every image store's FIT; a bad one is reported and left unused. */
void image_stores_init(void);
/*
 * Copies the partition's images into its memory, verified (signature,
 * hash of the copy, security version). The image's length, or -1 after
 * "<name>: image rejected: <why>" on the console.
 */
int image_load(struct partition *p);
/* Entry <index> of the measurement log: 0, BH_IMAGE_NO_ENTRY or BH_IMAGE_PENDING. */
u32 image_measurement(u32 index, struct measurement *m);
/* Makes a running partition's security version its stored minimum (BH_IMAGE_CONFIRM). */
u32 image_confirm(u32 id);

#endif
