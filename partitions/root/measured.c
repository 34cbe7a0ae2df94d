// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor's measurement log: what it verified before each partition
 * ran (SHA-256 of the copy, security version, slot). The root prints it at
 * start-up, one line per image, so that a HIL log records what ran.
 */
#include <bulkhead/image_abi.h>
#include <string.h>
#include <vmbus/proto.h>
#include "part.h"
#include "root.h"

#define PENDING_WAIT_MS 2000 /* a child's CPU that never came up must not hold the root */

void measurements_print(void)
{
	struct part_measurement m;
	u64 give_up = timer_now() + timer_freq() / 1000 * PENDING_WAIT_MS;
	u32 i = 0;
	int rc;

	while ((rc = part_image_measurement(i, &m)) != BH_IMAGE_NO_ENTRY) {
		if (rc == BH_IMAGE_PENDING) {
			if (timer_now() > give_up) {
				printf("measured: partitions still loading after %u ms; log "
				       "incomplete\n",
				       PENDING_WAIT_MS);
				break;
			}
			part_sleep_ms(1);
			continue;
		}
		if (rc) {
			printf("measured: the hypervisor gives no measurement log (%d)\n", rc);
			return;
		}
		i++;
		part_print_measurement(m.name, m.kind, m.slot, m.version, m.size, m.sha256);
	}
	if (!i)
		printf("measured: no entries\n");
}

/*
 * The rpc measurement service: entries from "first" on, as many as fit in
 * cap bytes, straight from the hypervisor (nothing cached, so nothing to go
 * stale). A log still growing with nothing new yet is BUSY: ask again.
 */
u32 measurements_get(u32 first, struct rpc_measurement *out, u32 cap, u32 *n)
{
	struct part_measurement m;
	int rc = 0;

	*n = 0;
	while ((*n + 1) * sizeof(*out) <= cap && !(rc = part_image_measurement(first + *n, &m))) {
		struct rpc_measurement *e = &out[(*n)++];

		memset(e, 0, sizeof(*e));
		memcpy(e->name, m.name, MIN(strlen(m.name), sizeof(e->name) - 1));
		e->version = m.version;
		e->size = m.size;
		e->kind = (u8)m.kind;
		e->slot = (u8)m.slot;
		memcpy(e->sha256, m.sha256, sizeof(e->sha256));
	}
	if (*n || rc == 0 || rc == BH_IMAGE_NO_ENTRY)
		return VMBUS_ST_OK;
	return rc == BH_IMAGE_PENDING ? VMBUS_ST_BUSY : VMBUS_ST_IO;
}

/*
 * Every running partition booted its verified image: its security version
 * becomes the stored minimum (anti-rollback). This root confirms once its
 * own services are up; a product root would first run its own health
 * checks. Bootarg "no-confirm" leaves the boot a trial.
 */
void images_confirm(void)
{
	u64 rc;

	if (part_has_arg("no-confirm")) {
		printf("images not confirmed (no-confirm)\n");
		return;
	}
	rc = hvc_call(BH_IMAGE_CONFIRM, BH_IMAGE_ALL, 0, 0);
	if (rc == BH_IMAGE_NO_STORE)
		printf("images confirmed; the board keeps no rollback minima\n");
	else if (rc)
		printf("confirming images failed (%llu)\n", (unsigned long long)rc);
	else
		printf("images confirmed\n");
}
