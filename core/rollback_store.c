// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor's non-volatile store (nv_copy.h): the minima it enforces,
 * read once at boot and written back only when the root confirms a
 * partition that booted, and beside them the fault log (fault_store.c). A
 * store that is configured but unreadable fails closed: no image can be
 * checked against its minimum, so none starts (docs/signing.md).
 */
#include <bulkhead/hv_config.h>
#include <bulkhead/image_abi.h>
#include <string.h>
#include <asm/spinlock.h>
#include "console.h"
#include "nv_copy.h"
#include "nvstore.h"
#include "rollback.h"
#include "rollback_store.h"

static enum { STORE_NONE, STORE_OK, STORE_BROKEN } store;
static struct rb_state st;
static struct fl_record faults; /* the fault log as the store holds it */
static enum fl_decode faults_found;
static struct nv_copy copy[2], next;
static spinlock_t lock;

void rollback_store_init(void)
{
	enum rb_decode d;

	if (!bh_system.rollback_size) {
		log_warn("rollback store: none configured; security versions are checked "
			 "against 0 only");
		return;
	}
	store = STORE_BROKEN;
	if (nvstore_init(bh_system.rollback_bank_pa, bh_system.rollback_pa, bh_system.rollback_size,
			 bh_system.rollback_bank_width))
		return;
	if (nvstore_read(0, &copy[0], sizeof(copy[0])) ||
	    nvstore_read(1, &copy[1], sizeof(copy[1])))
		return;
	d = rollback_decode(&st, &copy[0].rb, &copy[1].rb, sizeof(copy[0].rb));
	if (d == RB_CORRUPT) {
		log_printf("rollback store at 0x%llx: neither copy holds a valid record; no "
			   "partition can start until it is restored or erased",
			   (unsigned long long)bh_system.rollback_pa);
		return;
	}
	store = STORE_OK;
	log_info("rollback store at 0x%llx: %s, generation %u, minima stored: %u",
		 (unsigned long long)bh_system.rollback_pa, d == RB_EMPTY ? "empty" : "valid",
		 st.rec.generation, st.rec.count);
	faults_found = fault_log_decode(&faults, &copy[0].fl, &copy[1].fl, sizeof(copy[0].fl));
}

int rollback_store_min(const char *name, u32 *min)
{
	if (store == STORE_BROKEN)
		return -1;
	spin_lock(&lock);
	*min = rollback_min(&st, name);
	spin_unlock(&lock);
	return 0;
}

/* Under the lock: both records, the rollback one as st holds it, to the copy not in use. */
static int write_next(void)
{
	int to;

	memset(&next, 0xff, sizeof(next));
	to = rollback_next(&st, &next.rb);
	next.fl = faults;
	if (nvstore_write(to, &next, sizeof(next)))
		return -1;
	rollback_written(&st, &next.rb, to);
	return 0;
}

u32 rollback_store_raise(const char *name, u32 version)
{
	u32 rc = 0;
	u32 old;
	int r;

	if (store != STORE_OK)
		return BH_IMAGE_NO_STORE;
	spin_lock(&lock);
	old = rollback_min(&st, name);
	r = rollback_raise(&st, name, version);
	if (r < 0) {
		log_printf("%s: rollback store full (%u names); minimum not raised", name,
			   RB_MAX_ENTRIES);
		rc = BH_IMAGE_STORE_FAILED;
	} else if (r > 0) {
		if (write_next()) {
			rc = BH_IMAGE_STORE_FAILED;
			log_warn("%s: minimum security version %u not stored; it holds for this "
				 "boot only",
				 name, version);
		} else {
			log_info("%s: minimum security version %u -> %u (stored, generation %u)",
				 name, old, version, next.rb.generation);
		}
	}
	spin_unlock(&lock);
	return rc;
}

int rollback_store_faults(struct fl_record *out)
{
	if (store != STORE_OK)
		return store == STORE_NONE ? 0 : -1;
	*out = faults;
	return faults_found == FL_NONE ? 2 : 1;
}

int rollback_store_write_faults(const struct fl_record *log)
{
	int rc = 0;

	if (store != STORE_OK)
		return -1;
	spin_lock(&lock);
	/* Two CPUs may flush at once: the later record wins, whichever is written last. */
	if (fault_log_newer(log->generation, faults.generation)) {
		faults = *log;
		rc = write_next();
	}
	spin_unlock(&lock);
	return rc;
}
