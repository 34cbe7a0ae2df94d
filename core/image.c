// SPDX-License-Identifier: GPL-2.0
/*
 * A partition's images, verified before it runs. The configuration
 * /configurations/partition-<name> is checked against the compiled-in key
 * and its signed security version against the stored minimum; its images
 * are then copied into the (stopped, scrubbed) partition memory and the
 * SHA-256 of each copy is compared with the signed hash, per signed chunk
 * where the image has chunk hashes, on all the partition's CPUs
 * (image_hash.c): the bytes that run are the bytes that were checked,
 * whatever happens to the image store afterwards.
 */
#include <bulkhead/fmt.h>
#include <libfdt.h>
#include <stdarg.h>
#include <string.h>
#include "console.h"
#include "fit_verify.h"
#include "image.h"
#include "image_hash.h"
#include "rollback_store.h"
#include "slot_policy.h"

#define COVER_PATH 96 /* "/images/<name>-initrd/hash-1" with a 32-byte name */

static struct fit stores[2]; /* slot A, slot B */
static const char slot_name[] = "AB";
/*
 * The measurement log, in the order entries first appeared, so that the
 * root reading it by index while other partitions still load never sees an
 * entry twice or skips one. A reload (restart) updates its entries in place.
 */
#define MLOG_LEN (CONFIG_MAX_PARTITIONS * BH_IMAGE_KINDS)
static struct measurement mlog[MLOG_LEN];
static u16 mlog_order[MLOG_LEN];
static u32 mlog_len;
static spinlock_t mlog_lock;

static const char *const prop_of_kind[BH_IMAGE_KINDS] = {"kernel", "fdt", "ramdisk"};
static const char *const what_of_kind[BH_IMAGE_KINDS] = {"image", "device tree", "initrd"};

/* A bzImage's boot parameters take the DTB's place, as the FIT's x86 "setup" image. */
static const char *prop_of(const struct bh_partition *c, int k)
{
	return k == BH_IMAGE_FDT && c->boot == BH_BOOT_LINUX_X86 ? "setup" : prop_of_kind[k];
}

static const char *what_of(const struct bh_partition *c, int k)
{
	return k == BH_IMAGE_FDT && c->boot == BH_BOOT_LINUX_X86 ? "boot parameters"
								 : what_of_kind[k];
}

void image_stores_init(void)
{
	const u64 base[2] = {bh_system.store_base, bh_system.store_b_base};
	const u64 size[2] = {bh_system.store_size, bh_system.store_b_size};

	for (int i = 0; i < 2; i++) {
		int err;

		if (!size[i])
			continue;
		err = fit_open(&stores[i], phys_to_virt(base[i]), size[i]);
		if (err)
			log_printf("image store %c at 0x%llx: no valid FIT: %s", slot_name[i],
				   (unsigned long long)base[i], fit_strerror(err));
	}
}

/*
 * "<name>: image rejected: <reason>", the reason one of a fixed set
 * (docs/signing.md); a detail line first when there is more to say.
 */
static int reject(const struct partition *p, const char *reason, const char *detail, ...)
{
	char buf[128];
	va_list ap;

	if (detail) {
		va_start(ap, detail);
		bh_vsnprintf(buf, sizeof(buf), detail, ap);
		va_end(ap);
		log_printf("%s: %s", p->cfg->name, buf);
	}
	log_printf("%s: image rejected: %s", p->cfg->name, reason);
	return -1;
}

struct blob {
	int node;
	u64 ipa, max;
	const void *data;
	u32 len;
	const u8 *sha256; /* the signed value */
};

/* Finds the configuration's images and what the signature must cover. */
static int find_blobs(const struct fit *f, const struct bh_partition *c, int conf, struct blob *b,
		      char (*cover)[COVER_PATH], int *n_cover)
{
	const u64 ipa[] = {c->image_ipa, c->dtb_ipa, c->initrd_ipa};
	const u64 max[] = {c->image_max, c->dtb_max, c->initrd_max};

	*n_cover = 0;
	for (int k = 0; k < BH_IMAGE_KINDS; k++) {
		const char *name = fit_string(f, conf, prop_of(c, k));
		bool wanted = k != BH_IMAGE_RAMDISK || c->has_initrd;

		b[k].node = -1;
		if (!name != !wanted)
			return -1;
		if (!name)
			continue;
		b[k].node = fit_image_node(f, name);
		b[k].ipa = ipa[k];
		b[k].max = max[k];
		if (b[k].node < 0 || fit_data(f, b[k].node, &b[k].data, &b[k].len) ||
		    bh_snprintf(cover[*n_cover], COVER_PATH, "/images/%s", name) >= COVER_PATH ||
		    bh_snprintf(cover[*n_cover + 1], COVER_PATH, "/images/%s/hash-1", name) >=
			COVER_PATH)
			return -1;
		*n_cover += 2;
	}
	return 0;
}

/* Publishes a partition's verified blobs, all at once. */
static void mlog_record(u32 id, const struct measurement *meas)
{
	spin_lock(&mlog_lock);
	for (u32 k = 0; k < BH_IMAGE_KINDS; k++) {
		u32 e = id * BH_IMAGE_KINDS + k;

		if (!meas[k].valid)
			continue;
		if (!mlog[e].valid)
			mlog_order[mlog_len++] = (u16)e;
		mlog[e] = meas[k];
	}
	spin_unlock(&mlog_lock);
	/* Before the partition's state moves on (see image_measurement). */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

static bool chunked(const struct hash_job *j, u32 kind)
{
	for (u32 i = 0; i < j->nimg; i++)
		if (j->img[i].kind == kind)
			return j->img[i].chunk != j->img[i].len;
	return false;
}

/* Which of the partition's CPUs took part: each vCPU's CPU's share of the items. */
static void report_sharing(const struct partition *p)
{
	const struct hash_job *j = &p->hash;
	char list[8 * CONFIG_MAX_VCPUS_PER_PARTITION];
	u32 cpus = 0, at = 0;

	if (j->total <= j->nimg)
		return; /* no image in chunks: one item each */
	list[0] = '\0';
	for (u32 i = 0; i < p->cfg->nr_vcpus && at < sizeof(list); i++) {
		cpus += j->items_by[i] != 0;
		at += (u32)bh_snprintf(list + at, sizeof(list) - at, "%s%u", i ? " + " : "",
				       j->items_by[i]);
	}
	log_info("%s: %u pieces copied and hashed by %u CPU%s (%s)", p->cfg->name, j->total, cpus,
		 cpus == 1 ? "" : "s", list);
}

/* 0 with the image length in *len, or -1 after saying why. */
static int load_slot(struct partition *p, u32 slot, u32 *len)
{
	const struct bh_partition *c = p->cfg;
	const struct fit *f = &stores[slot];
	char cover[2 * BH_IMAGE_KINDS][COVER_PATH];
	const char *cover_p[2 * BH_IMAGE_KINDS];
	struct measurement meas[BH_IMAGE_KINDS];
	struct blob b[BH_IMAGE_KINDS];
	enum fit_verdict v;
	u32 version, min_version, bad;
	int conf, n_cover;
	u64 t;

	p->hash_ticks = p->hash_bytes = 0; /* the benchmark's: the last load's */
	if (!f->blob)
		return reject(p, "malformed FIT", "image store %c holds no valid FIT",
			      slot_name[slot]);
	conf = fit_config_node(f, c->fit_config);
	if (conf == -FDT_ERR_NOTFOUND)
		return reject(p, "not in the image store", "no /configurations/%s in slot %c",
			      c->fit_config, slot_name[slot]);
	if (conf < 0 || find_blobs(f, c, conf, b, cover, &n_cover))
		return reject(p, "malformed FIT",
			      "/configurations/%s or its images are not"
			      " well formed",
			      c->fit_config);
	for (int i = 0; i < n_cover; i++)
		cover_p[i] = cover[i];
	t = arch_counter();
	v = fit_verify_config(f, conf, &bh_signing_key, cover_p, n_cover);
	p->verify_ticks = arch_counter() - t;
	if (v != FIT_OK)
		return reject(p, fit_verdict_str(v), NULL);
	/* Signed from here on: the hash values and the version are the signer's. */
	if (fit_u32(f, b[0].node, "bulkhead,security-version", &version))
		return reject(p, "malformed FIT", "its image has no bulkhead,security-version");
	if (rollback_store_min(c->name, &min_version))
		return reject(p, "rollback store unreadable", NULL);
	if (version < min_version) {
		char why[48];

		bh_snprintf(why, sizeof(why), "security version %u < %u", version, min_version);
		return reject(p, why, NULL);
	}
	hash_job_reset(&p->hash);
	for (int k = 0; k < BH_IMAGE_KINDS; k++) {
		const u8 *chunks = NULL;
		u32 chunk = 0;
		int n;

		if (b[k].node < 0)
			continue;
		b[k].sha256 = fit_sha256(f, b[k].node);
		if (!b[k].sha256)
			return reject(p, "malformed FIT", "its %s has no sha256 hash-1",
				      what_of(c, k));
		if (b[k].len > b[k].max)
			return reject(p, "too large",
				      "its %s is 0x%x bytes, larger than the 0x%llx"
				      " it may take",
				      what_of(c, k), b[k].len, (unsigned long long)b[k].max);
		n = fit_chunks(f, b[k].node, b[k].len, &chunk, &chunks);
		if (n < 0)
			return reject(p, "malformed FIT",
				      "the chunk hashes of its %s do not fit its 0x%x bytes",
				      what_of(c, k), b[k].len);
		hash_job_add(&p->hash, (u32)k, b[k].data,
			     phys_to_virt(b[k].ipa - c->ram_ipa + c->ram_pa), b[k].len,
			     n ? chunk : 0, n ? chunks : b[k].sha256);
	}
	t = arch_counter();
	bad = hash_job_run(&p->hash, 0);
	p->hash_ticks = arch_counter() - t;
	if (bad) {
		u32 off, i = hash_job_where(&p->hash, bad - 1, &off);
		const struct hash_piece *m = &p->hash.img[i];

		if (m->chunk == m->len)
			return reject(p, "hash mismatch",
				      "the SHA-256 of its %s is not the signed one",
				      what_of(c, (int)m->kind));
		return reject(p, "hash mismatch",
			      "the SHA-256 of its %s's chunk at 0x%x is not the signed one",
			      what_of(c, (int)m->kind), off);
	}
	report_sharing(p);
	for (int k = 0; k < BH_IMAGE_KINDS; k++) {
		struct measurement *m = &meas[k];

		m->valid = 0;
		if (b[k].node < 0)
			continue;
		/*
		 * A chunked image's every byte matched the signed chunk hashes;
		 * the same signature covers its hash-1, the whole image's.
		 */
		memcpy(m->sha256, chunked(&p->hash, (u32)k) ? b[k].sha256 : p->hash.whole[k],
		       SHA256_LEN);
		p->hash_bytes += b[k].len;
		m->partition = c->id;
		m->kind = (u32)k;
		m->slot = slot;
		m->security_version = version;
		m->size = b[k].len;
		m->valid = 1;
	}
	mlog_record(c->id, meas);
	*len = b[0].len;
	log_info("%s: verified (%s, key %s, slot %c, security version %u)", c->name,
		 bh_signing_key.algo, bh_signing_key.name, slot_name[slot], version);
	return 0;
}

int image_load(struct partition *p)
{
	const struct bh_partition *c = p->cfg;
	u32 len;

	for (int slot = SLOT_A; slot != SLOT_NONE;) {
		if (!load_slot(p, (u32)slot, &len))
			return (int)len;
		/* Nothing of a rejected image stays in the partition's memory. */
		arch_clear_memory(phys_to_virt(c->ram_pa), c->ram_size);
		slot = slot_after(slot, c->fallback, bh_system.store_b_size != 0);
		if (slot != SLOT_NONE)
			log_warn("%s: falling back to slot %c", c->name, slot_name[slot]);
	}
	return -1;
}

u32 image_measurement(u32 index, struct measurement *m)
{
	u32 rc = BH_IMAGE_NO_ENTRY;

	/*
	 * Looked at before the log: a partition records its entries before it
	 * leaves PART_OFF (running, or halted when refused), so "none pending"
	 * means the log is complete, and every partition the root may confirm
	 * is already running (its epoch alone moves on a little earlier).
	 */
	for (u32 i = 0; i < bh_system.nr_partitions; i++)
		if (__atomic_load_n(&partitions[i].state, __ATOMIC_ACQUIRE) == PART_OFF)
			rc = BH_IMAGE_PENDING;
	spin_lock(&mlog_lock);
	if (index < mlog_len) {
		*m = mlog[mlog_order[index]];
		rc = 0;
	}
	spin_unlock(&mlog_lock);
	return rc;
}

/* The running security version of a partition that booted a verified image. */
static int running_version(u32 id, u32 *version)
{
	const struct measurement *m = &mlog[id * BH_IMAGE_KINDS + BH_IMAGE_KERNEL];
	int ok;

	spin_lock(&mlog_lock);
	ok = m->valid && READ_ONCE(partitions[id].state) == PART_RUNNING;
	*version = m->security_version;
	spin_unlock(&mlog_lock);
	return ok ? 0 : -1;
}

u32 image_confirm(u32 id)
{
	u32 version, rc = 0;

	if (id != BH_IMAGE_ALL) {
		if (id >= bh_system.nr_partitions || running_version(id, &version))
			return BH_IMAGE_NO_ENTRY;
		return rollback_store_raise(bh_system.partitions[id].name, version);
	}
	for (u32 i = 0; i < bh_system.nr_partitions && !rc; i++)
		if (!running_version(i, &version))
			rc = rollback_store_raise(bh_system.partitions[i].name, version);
	return rc;
}
