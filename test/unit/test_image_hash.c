// SPDX-License-Identifier: GPL-2.0
/*
 * Copying and hashing a partition's images on several CPUs
 * (core/image_hash.c): threads stand in for the partition's parked CPUs
 * and take items while the "loader" runs job after job, as on restarts.
 * Every byte is copied, every chunk checked against its own hash, a bad
 * chunk is named, and no item of a new job goes to a CPU still looking at
 * an old one.
 */
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "arch.h"
#include "image_hash.h"

#define HELPERS 3
#define SRC_LEN (300 * 1024 + 77)
#define CHUNK	4096

static u8 src[SRC_LEN], dst[SRC_LEN], small[100], small_dst[100];
static u8 expect[(SRC_LEN + CHUNK - 1) / CHUNK][SHA256_LEN], small_hash[SHA256_LEN];
static struct hash_job job;
static volatile int stop;

void arch_send_event(void)
{
}

void arch_wait_event(void)
{
	sched_yield();
}

static void *helper(void *arg)
{
	u32 vcpu = (u32)(uintptr_t)arg;

	while (!stop) {
		hash_job_help(&job, vcpu);
		sched_yield();
	}
	return NULL;
}

static int setup(void **state)
{
	(void)state;
	for (u32 i = 0; i < SRC_LEN; i++)
		src[i] = (u8)(i * 131 + (i >> 9));
	for (u32 i = 0; i < sizeof(expect) / SHA256_LEN; i++) {
		u32 n = SRC_LEN - i * CHUNK < CHUNK ? SRC_LEN - i * CHUNK : CHUNK;

		sha256(src + i * CHUNK, n, expect[i]);
	}
	memset(small, 'd', sizeof(small));
	sha256(small, sizeof(small), small_hash);
	return 0;
}

static u32 run_job(u32 chunk)
{
	memset(dst, 0, sizeof(dst));
	memset(small_dst, 0, sizeof(small_dst));
	hash_job_reset(&job);
	hash_job_add(&job, BH_IMAGE_KERNEL, src, dst, SRC_LEN, chunk, &expect[0][0]);
	hash_job_add(&job, BH_IMAGE_FDT, small, small_dst, sizeof(small), 0, small_hash);
	return hash_job_run(&job, 0);
}

/* REQ: BH-IMG-2 */
static void test_items_and_pieces(void **state)
{
	u32 off;

	(void)state;
	assert_int_equal(run_job(CHUNK), 0);
	assert_int_equal(job.total, sizeof(expect) / SHA256_LEN + 1);
	assert_memory_equal(dst, src, SRC_LEN);
	assert_memory_equal(small_dst, small, sizeof(small));
	assert_memory_equal(job.whole[BH_IMAGE_FDT], small_hash, SHA256_LEN);
	assert_int_equal(hash_job_where(&job, 0, &off), 0);
	assert_int_equal(off, 0);
	assert_int_equal(hash_job_where(&job, 5, &off), 0);
	assert_int_equal(off, 5 * CHUNK);
	assert_int_equal(hash_job_where(&job, job.total - 1, &off), 1);
	assert_int_equal(off, 0);
}

/* Many jobs back to back while the helpers poll: all of them finish, all correct. */
/* REQ: BH-IMG-2 */
static void test_shared_by_cpus(void **state)
{
	pthread_t t[HELPERS];
	u32 by[HELPERS + 1] = {0};

	(void)state;
	stop = 0;
	for (uintptr_t i = 0; i < HELPERS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, helper, (void *)(i + 1)), 0);
	for (int round = 0; round < 200; round++) {
		u32 sum = 0;

		assert_int_equal(run_job(CHUNK), 0);
		assert_memory_equal(dst, src, SRC_LEN);
		assert_memory_equal(small_dst, small, sizeof(small));
		for (u32 v = 0; v <= HELPERS; v++) {
			sum += job.items_by[v];
			by[v] += job.items_by[v];
		}
		assert_int_equal(sum, job.total);
	}
	stop = 1;
	for (int i = 0; i < HELPERS; i++)
		pthread_join(t[i], NULL);
	print_message("items per CPU over 200 jobs: %u %u %u %u\n", by[0], by[1], by[2], by[3]);
	assert_true(by[1] + by[2] + by[3] > 0); /* the parked CPUs took part */
}

/* REQ: BH-IMG-2 */
static void test_bad_chunk_named(void **state)
{
	u32 bad, off;

	(void)state;
	src[7 * CHUNK + 9] ^= 1;
	bad = run_job(CHUNK);
	src[7 * CHUNK + 9] ^= 1;
	assert_int_equal(bad, 7 + 1);
	assert_int_equal(hash_job_where(&job, bad - 1, &off), 0);
	assert_int_equal(off, 7 * CHUNK);
	/* A whole-image piece: its own item, its signed hash. */
	small[50] ^= 1;
	bad = run_job(CHUNK);
	small[50] ^= 1;
	assert_int_equal(bad, job.total);
}

/* The last chunk is short; an empty image is one item of nothing. */
/* REQ: BH-IMG-2 */
static void test_short_last_chunk_and_empty(void **state)
{
	u8 none[SHA256_LEN];

	(void)state;
	assert_int_equal(run_job(CHUNK), 0);
	assert_memory_equal(dst + SRC_LEN - 77, src + SRC_LEN - 77, 77);
	sha256(small, 0, none);
	hash_job_reset(&job);
	hash_job_add(&job, BH_IMAGE_RAMDISK, small, small_dst, 0, 0, none);
	assert_int_equal(job.total, 1);
	assert_int_equal(hash_job_run(&job, 0), 0);
	assert_memory_equal(job.whole[BH_IMAGE_RAMDISK], none, SHA256_LEN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_items_and_pieces),
	    cmocka_unit_test(test_shared_by_cpus),
	    cmocka_unit_test(test_bad_chunk_named),
	    cmocka_unit_test(test_short_last_chunk_and_empty),
	};

	return cmocka_run_group_tests_name("image-hash", tests, setup, NULL);
}
