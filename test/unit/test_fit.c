// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor's FIT checks (core/fit.c, core/fit_verify.c) on a FIT that
 * mkimage signed (test/unit/make-fit-fixture) and on malformed and tampered
 * copies of it. The signature verifying at all shows that the signed
 * regions are computed exactly as mkimage computed them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <libfdt.h>
#include "fit_verify.h"

#define SLACK 4096

static u8 *fixture;
static size_t fixture_len;
static u8 buf[1 << 16];

/* A private copy of the fixture with room to grow. */
static struct fit copy(void)
{
	struct fit f;

	assert_int_equal(fdt_open_into(fixture, buf, (int)(fixture_len + SLACK)), 0);
	f.blob = buf;
	f.size = fdt_totalsize(buf);
	return f;
}

static int node(const char *path)
{
	int n = fdt_path_offset(buf, path);

	assert_true(n >= 0);
	return n;
}

static enum fit_verdict verify(const struct fit *f, const char *part, const char *k, const char *fd)
{
	char conf[64], c[4][64];
	const char *cover[4] = {c[0], c[1], c[2], c[3]};
	int n;

	sprintf(conf, "partition-%s", part);
	n = fit_config_node(f, conf);
	assert_true(n >= 0);
	sprintf(c[0], "/images/%s", k);
	sprintf(c[1], "/images/%s/hash-1", k);
	sprintf(c[2], "/images/%s", fd);
	sprintf(c[3], "/images/%s/hash-1", fd);
	return fit_verify_config(f, n, &bh_signing_key, cover, 4);
}

/* REQ: BH-IMG-1 */
static void test_good_fit_verifies(void **state)
{
	struct fit f;
	const void *d;
	u32 len, v;
	u8 h[32];

	(void)state;
	assert_int_equal(fit_open(&f, fixture, fixture_len), 0);
	assert_int_equal(verify(&f, "p1", "k1", "f1"), FIT_OK);
	assert_int_equal(verify(&f, "p2", "k2", "f2"), FIT_OK);
	/* The signed hash is the data's; the version is the signed one. */
	assert_int_equal(fit_data(&f, fit_image_node(&f, "k2"), &d, &len), 0);
	assert_int_equal(len, 5000);
	sha256(d, len, h);
	assert_memory_equal(h, fit_sha256(&f, fit_image_node(&f, "k2")), 32);
	assert_int_equal(fit_u32(&f, fit_image_node(&f, "k1"), "bulkhead,security-version", &v), 0);
	assert_int_equal(v, 3);
	assert_string_equal(fit_string(&f, fit_config_node(&f, "partition-p2"), "ramdisk"), "r2");
}

/* REQ: BH-IMG-1 */
static void test_unsigned_and_other_key(void **state)
{
	struct fit f;

	(void)state;
	assert_int_equal(fit_open(&f, fixture, fixture_len), 0);
	assert_int_equal(verify(&f, "p3", "k3", "f1"), FIT_UNSIGNED);
	assert_int_equal(verify(&f, "p4", "k4", "f1"), FIT_UNKNOWN_KEY);
	/* Claiming our key's name does not make another key's signature ours. */
	f = copy();
	assert_int_equal(fdt_setprop_string(buf, node("/configurations/partition-p4/signature-1"),
					    "key-name-hint", "test"),
			 0);
	f.size = fdt_totalsize(buf);
	assert_int_equal(verify(&f, "p4", "k4", "f1"), FIT_BAD_SIG);
	/* An empty signature value is no signature. */
	f = copy();
	assert_int_equal(
	    fdt_setprop(buf, node("/configurations/partition-p1/signature-1"), "value", "", 0), 0);
	assert_int_equal(verify(&f, "p1", "k1", "f1"), FIT_UNSIGNED);
}

/* REQ: BH-IMG-1 */
static void test_tampering_is_per_partition(void **state)
{
	struct fit f = copy();
	const void *d;
	u32 len;
	u8 h[32];

	(void)state;
	/* A raised security version breaks p1's signature, not p2's. */
	assert_int_equal(
	    fdt_setprop_inplace_u32(buf, node("/images/k1"), "bulkhead,security-version", 9), 0);
	assert_int_equal(verify(&f, "p1", "k1", "f1"), FIT_BAD_SIG);
	assert_int_equal(verify(&f, "p2", "k2", "f2"), FIT_OK);
	/* So does another hash value, or another image named in the configuration. */
	f = copy();
	((u8 *)fit_sha256(&f, fit_image_node(&f, "f1")))[7] ^= 0x20;
	assert_int_equal(verify(&f, "p1", "k1", "f1"), FIT_BAD_SIG);
	f = copy();
	assert_int_equal(
	    fdt_setprop_inplace(buf, node("/configurations/partition-p1"), "kernel", "k3", 3), 0);
	assert_int_equal(verify(&f, "p1", "k3", "f1"), FIT_MALFORMED); /* k3 not hashed */
	/* A flipped data bit leaves the signature intact and the hash differs. */
	f = copy();
	assert_int_equal(fit_data(&f, fit_image_node(&f, "k2"), &d, &len), 0);
	((u8 *)d)[1234] ^= 1;
	assert_int_equal(verify(&f, "p2", "k2", "f2"), FIT_OK);
	sha256(d, len, h);
	assert_memory_not_equal(h, fit_sha256(&f, fit_image_node(&f, "k2")), 32);
	/* The signature itself, one bit. */
	f = copy();
	{
		int l;
		u8 *v = (u8 *)fdt_getprop(buf, node("/configurations/partition-p2/signature-1"),
					  "value", &l);

		assert_int_equal(l, 64);
		v[40] ^= 0x80;
	}
	assert_int_equal(verify(&f, "p2", "k2", "f2"), FIT_BAD_SIG);
}

/* REQ: BH-IMG-1 */
static void test_hashed_nodes_must_cover(void **state)
{
	static const char short_list[] = "/\0/configurations/partition-p1\0/images/k1\0/images/f1";
	static const char no_conf[] =
	    "/\0/images/k1\0/images/k1/hash-1\0/images/f1\0/images/f1/hash-1";
	struct fit f = copy();
	int sig = node("/configurations/partition-p1/signature-1");
	fdt32_t strings[2];

	(void)state;
	assert_int_equal(fdt_setprop(buf, sig, "hashed-nodes", short_list, sizeof(short_list)), 0);
	assert_int_equal(verify(&f, "p1", "k1", "f1"), FIT_MALFORMED);
	f = copy();
	sig = node("/configurations/partition-p1/signature-1");
	assert_int_equal(fdt_setprop(buf, sig, "hashed-nodes", no_conf, sizeof(no_conf)), 0);
	assert_int_equal(verify(&f, "p1", "k1", "f1"), FIT_MALFORMED);
	/* Not NUL-terminated; a strings size beyond the strings block. */
	f = copy();
	sig = node("/configurations/partition-p1/signature-1");
	assert_int_equal(fdt_setprop(buf, sig, "hashed-nodes", "/images", 7), 0);
	assert_int_equal(verify(&f, "p1", "k1", "f1"), FIT_MALFORMED);
	f = copy();
	sig = node("/configurations/partition-p1/signature-1");
	strings[0] = 0;
	strings[1] = cpu_to_fdt32(fdt_size_dt_strings(buf) + 1);
	assert_int_equal(fdt_setprop(buf, sig, "hashed-strings", strings, 8), 0);
	assert_int_equal(verify(&f, "p1", "k1", "f1"), FIT_MALFORMED);
	f = copy();
	sig = node("/configurations/partition-p1/signature-1");
	assert_int_equal(fdt_delprop(buf, sig, "hashed-strings"), 0);
	assert_int_equal(verify(&f, "p1", "k1", "f1"), FIT_MALFORMED);
}

/* REQ: BH-IMG-4 */
static void test_malformed_structure(void **state)
{
	struct fit f;
	int images;

	(void)state;
	/* Truncated: the store is smaller than the FIT says it is. */
	assert_int_equal(fit_open(&f, fixture, fixture_len - 1), -FDT_ERR_TRUNCATED);
	assert_int_equal(fit_open(&f, fixture, 20), -FDT_ERR_TRUNCATED);
	assert_null(f.blob);
	/* A unit address that a lookup of "k1" would match too. */
	copy();
	images = node("/images");
	assert_true(fdt_add_subnode(buf, images, "k1@0") >= 0);
	assert_int_equal(fit_open(&f, buf, sizeof(buf)), -FDT_ERR_BADSTRUCTURE);
	/* Two configurations of one name. */
	copy();
	assert_int_equal(fdt_set_name(buf, node("/configurations/partition-p3"), "partition-p1"),
			 0);
	assert_int_equal(fit_open(&f, buf, sizeof(buf)), -FDT_ERR_BADSTRUCTURE);
	/* A bad magic, a structure block running past the end. */
	copy();
	buf[0] ^= 1;
	assert_int_equal(fit_open(&f, buf, sizeof(buf)), -FDT_ERR_BADMAGIC);
	copy();
	((fdt32_t *)buf)[2] = cpu_to_fdt32(fdt_totalsize(buf)); /* off_dt_struct */
	assert_int_not_equal(fit_open(&f, buf, sizeof(buf)), 0);
	/* A pre-16 header, which libfdt 1.6.1's fdt_check_full would crash on. */
	copy();
	fdt_set_version(buf, 15);
	fdt_set_last_comp_version(buf, 2);
	assert_int_equal(fit_open(&f, buf, sizeof(buf)), -FDT_ERR_BADVERSION);
	/* External data is refused rather than read from elsewhere. */
	f = copy();
	assert_int_equal(fdt_setprop_u32(buf, node("/images/k1"), "data-offset", 0), 0);
	{
		const void *d;
		u32 len;

		f.size = fdt_totalsize(buf);
		assert_int_equal(fit_data(&f, node("/images/k1"), &d, &len), -FDT_ERR_BADSTRUCTURE);
	}
}

/* Chunk hashes (tools/fitchunk): read back exactly, malformed ones refused, covered by the
 * signature. */
/* REQ: BH-IMG-1, BH-IMG-4 */
static void test_chunk_hashes(void **state)
{
	u8 list[3 * 32];
	const u8 *l;
	struct fit f;
	u32 chunk;
	int k2;

	(void)state;
	memset(list, 0x5a, sizeof(list));
	f = copy();
	k2 = node("/images/k2"); /* 5000 bytes: two 4 KiB chunks */
	assert_int_equal(fit_chunks(&f, k2, 5000, &chunk, &l), 0);
	assert_int_equal(fdt_setprop_u32(buf, k2, "bulkhead,chunk-size", 4096), 0);
	assert_int_equal(fit_chunks(&f, k2, 5000, &chunk, &l), -FDT_ERR_BADVALUE); /* no list */
	assert_int_equal(fdt_setprop(buf, k2, "bulkhead,chunk-sha256", list, 64), 0);
	f.size = fdt_totalsize(buf);
	assert_int_equal(fit_chunks(&f, k2, 5000, &chunk, &l), 2);
	assert_int_equal(chunk, 4096);
	assert_memory_equal(l, list, 64);
	assert_int_equal(fit_chunks(&f, k2, 8192, &chunk, &l), 2);
	assert_int_equal(fit_chunks(&f, k2, 8193, &chunk, &l), -FDT_ERR_BADVALUE); /* 3 needed */
	assert_int_equal(fit_chunks(&f, k2, 4096, &chunk, &l), -FDT_ERR_BADVALUE); /* 1 needed */
	assert_int_equal(fit_chunks(&f, k2, 0, &chunk, &l), -FDT_ERR_BADVALUE);
	/* Added after signing: p2's signature no longer matches. */
	assert_int_equal(verify(&f, "p2", "k2", "f2"), FIT_BAD_SIG);
	assert_int_equal(verify(&f, "p1", "k1", "f1"), FIT_OK);
	for (u32 bad = 0; bad < 4; bad++) {
		static const u32 sizes[] = {4095, 2048, 4160 + 1, 0};

		assert_int_equal(fdt_setprop_u32(buf, k2, "bulkhead,chunk-size", sizes[bad]), 0);
		assert_int_equal(fit_chunks(&f, k2, 5000, &chunk, &l), -FDT_ERR_BADVALUE);
	}
	assert_int_equal(fdt_delprop(buf, k2, "bulkhead,chunk-size"), 0);
	assert_int_equal(fit_chunks(&f, k2, 5000, &chunk, &l), -FDT_ERR_BADVALUE); /* list alone */
}

/* REQ: BH-IMG-4 */
static void test_lookups_are_exact(void **state)
{
	struct fit f;

	(void)state;
	assert_int_equal(fit_open(&f, fixture, fixture_len), 0);
	assert_int_equal(fit_image_node(&f, "k"), -FDT_ERR_NOTFOUND);
	assert_int_equal(fit_image_node(&f, "k11"), -FDT_ERR_NOTFOUND);
	assert_true(fit_image_node(&f, "k1") >= 0);
	assert_int_equal(fit_config_node(&f, "partition-p"), -FDT_ERR_NOTFOUND);
	assert_null(fit_string(&f, fit_image_node(&f, "k1"), "bulkhead,security-version"));
	{
		struct fit none = {0};

		assert_int_equal(fit_image_node(&none, "k1"), -FDT_ERR_BADSTATE);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_good_fit_verifies),
	    cmocka_unit_test(test_unsigned_and_other_key),
	    cmocka_unit_test(test_tampering_is_per_partition),
	    cmocka_unit_test(test_hashed_nodes_must_cover),
	    cmocka_unit_test(test_malformed_structure),
	    cmocka_unit_test(test_lookups_are_exact),
	    cmocka_unit_test(test_chunk_hashes),
	};
	FILE *fp = fopen(FIT_FIXTURE, "rb");

	if (!fp) {
		perror(FIT_FIXTURE);
		return 1;
	}
	fixture = malloc(sizeof(buf));
	fixture_len = fread(fixture, 1, sizeof(buf) - SLACK, fp);
	fclose(fp);
	return cmocka_run_group_tests_name("fit", tests, NULL, NULL);
}
