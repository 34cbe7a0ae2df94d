// SPDX-License-Identifier: GPL-2.0
/*
 * Work sharing for image hashing (image_hash.h). One word hands out items:
 * a compare-and-swap on generation << 32 | next, so a CPU that read an
 * older job's word can never take an item of a newer one; the loader
 * closes the word before it rewrites the descriptors and opens it (release)
 * after. A job is replaced only once all its items are done, so an item in
 * progress always reads the descriptors it was handed out under.
 */
#include <string.h>
#include "arch.h"
#include "image_hash.h"

#define HASH_CLOSED 0xffffffffu

void hash_job_reset(struct hash_job *j)
{
	u32 gen = (u32)(__atomic_load_n(&j->ticket, __ATOMIC_RELAXED) >> 32) + 1;

	__atomic_store_n(&j->ticket, (u64)gen << 32 | HASH_CLOSED, __ATOMIC_SEQ_CST);
	j->nimg = 0;
	__atomic_store_n(&j->total, 0, __ATOMIC_RELAXED);
}

void hash_job_add(struct hash_job *j, u32 kind, const void *src, void *dst, u32 len, u32 chunk,
		  const u8 *expect)
{
	struct hash_piece *m = &j->img[j->nimg];

	j->nimg++;

	m->kind = kind;
	m->src = src;
	m->dst = dst;
	m->len = len;
	m->chunk = chunk && chunk < len ? chunk : len;
	m->expect = expect;
	m->first = j->total;
	/* Read by CPUs still polling the closed word (work()). */
	__atomic_store_n(&j->total,
			 j->total + (m->chunk ? len / m->chunk + (len % m->chunk != 0) : 1),
			 __ATOMIC_RELAXED);
}

u32 hash_job_where(const struct hash_job *j, u32 item, u32 *offset)
{
	u32 k = 0;

	while (k + 1 < j->nimg && item >= j->img[k + 1].first)
		k++;
	*offset = (item - j->img[k].first) * j->img[k].chunk;
	return k;
}

static void do_item(struct hash_job *j, u32 item, u32 vcpu)
{
	u32 off, k = hash_job_where(j, item, &off);
	const struct hash_piece *m = &j->img[k];
	u32 n = m->len - off < m->chunk ? m->len - off : m->chunk;
	u8 digest[SHA256_LEN];
	u32 none = 0;

	/* Hashed while the copy is still in the cache: the bytes that run are the bytes checked. */
	memcpy(m->dst + off, m->src + off, n);
	sha256(m->dst + off, n, digest);
	if (memcmp(digest, m->expect + (u64)(item - m->first) * SHA256_LEN, SHA256_LEN) != 0)
		__atomic_compare_exchange_n(&j->bad, &none, item + 1, false, __ATOMIC_RELAXED,
					    __ATOMIC_RELAXED);
	if (m->chunk == m->len)
		memcpy(j->whole[m->kind], digest, SHA256_LEN);
	j->items_by[vcpu]++;
	if (__atomic_add_fetch(&j->done, 1, __ATOMIC_RELEASE) == j->total)
		arch_send_event(); /* the loader may be waiting */
}

static void work(struct hash_job *j, u32 vcpu)
{
	for (;;) {
		u64 t = __atomic_load_n(&j->ticket, __ATOMIC_ACQUIRE);

		do {
			if ((u32)t == HASH_CLOSED ||
			    (u32)t >= __atomic_load_n(&j->total, __ATOMIC_RELAXED))
				return;
		} while (!__atomic_compare_exchange_n(&j->ticket, &t, t + 1, false,
						      __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE));
		do_item(j, (u32)t, vcpu);
	}
}

u32 hash_job_run(struct hash_job *j, u32 vcpu)
{
	u64 gen = __atomic_load_n(&j->ticket, __ATOMIC_RELAXED) >> 32;

	j->done = 0;
	j->bad = 0;
	memset(j->items_by, 0, sizeof(j->items_by));
	__atomic_store_n(&j->ticket, gen << 32, __ATOMIC_RELEASE);
	arch_send_event(); /* the partition's parked CPUs */
	work(j, vcpu);
	while (__atomic_load_n(&j->done, __ATOMIC_ACQUIRE) != j->total)
		arch_wait_event();
	return j->bad;
}

void hash_job_help(struct hash_job *j, u32 vcpu)
{
	work(j, vcpu);
}
