// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the hypervisor's FIT checks as image loading uses them
 * (core/fit.c, core/fit_verify.c): open the blob, find each partition's
 * configuration and images, compute the signed regions and verify them
 * with the fixture key (test/unit/make-fit-fixture). Nothing may read
 * outside the blob (ASan) or overflow (UBSan); image data must lie inside it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../core/fit_verify.h"
#include "fuzz.h"

static void sink(void *ctx, const void *data, u32 len)
{
	volatile u8 *sum = ctx;

	for (u32 i = 0; i < len; i++)
		*sum ^= ((const u8 *)data)[i];
}

/* REQ: BH-IMG-4 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const confs[] = {"partition-p1", "partition-p2", "partition-root",
					    "partition-hello1"};
	static const char *const kinds[] = {"kernel", "fdt", "ramdisk"};
	void *blob = malloc(size ? size : 1);
	struct fit f;
	volatile u8 sum = 0;

	memcpy(blob, data, size);
	if (fit_open(&f, blob, size) == 0) {
		for (unsigned i = 0; i < sizeof(confs) / sizeof(confs[0]); i++) {
			char cover[6][FIT_MAX_PATH_LEN];
			const char *cp[6];
			int conf = fit_config_node(&f, confs[i]), n = 0;

			if (conf < 0)
				continue;
			for (unsigned k = 0; k < 3; k++) {
				const char *name = fit_string(&f, conf, kinds[k]);
				int img = name ? fit_image_node(&f, name) : -1;
				const void *d;
				u32 len;

				if (img < 0)
					continue;
				if (fit_data(&f, img, &d, &len) == 0) {
					const u8 *list;
					u32 chunk;
					int n;

					if ((const u8 *)d < (const u8 *)blob ||
					    (const u8 *)d + len > (const u8 *)blob + size)
						abort();
					sink((void *)&sum, d, len);
					/* The chunk list, all of it, inside the blob. */
					n = fit_chunks(&f, img, len, &chunk, &list);
					if (n > 0) {
						if (list < (const u8 *)blob ||
						    list + (size_t)n * 32 >
							(const u8 *)blob + size ||
						    chunk < FIT_MIN_CHUNK ||
						    (u64)(n - 1) * chunk >= len)
							abort();
						sink((void *)&sum, list, (u32)n * 32);
					}
				}
				if (fit_sha256(&f, img))
					sum ^= fit_sha256(&f, img)[31];
				snprintf(cover[n], FIT_MAX_PATH_LEN, "/images/%s", name);
				snprintf(cover[n + 1], FIT_MAX_PATH_LEN, "/images/%s/hash-1", name);
				cp[n] = cover[n];
				cp[n + 1] = cover[n + 1];
				n += 2;
			}
			fit_signed_regions(&f, cp, n, sink, (void *)&sum);
			fit_verify_config(&f, conf, &bh_signing_key, cp, n);
		}
	}
	free(blob);
	return 0;
}
