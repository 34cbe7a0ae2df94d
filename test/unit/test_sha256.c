// SPDX-License-Identifier: GPL-2.0
/*
 * SHA-256 as the hypervisor hashes images (core/crypto/sha256.c): the CPU's
 * block function, chosen by arch/arm64/sha256.c from ID_AA64ISAR0_EL1 (a
 * fake register here), must agree with mbedtls's portable code (Debian's
 * libmbedcrypto, the hypervisor's release) and with FIPS 180-2's examples,
 * for every length from 0 to 200 bytes, fed whole and in pieces, and for
 * large buffers. On an arm64 host the block function is the real
 * sha256_armv8.S; elsewhere a stand-in made of mbedtls's compression, so
 * that the dispatch, buffering and padding are still what is tested.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <mbedtls/sha256.h>
#include <asm/sha256_armv8.h>
#include "arch.h"

u64 fake_id_aa64isar0_el1, fake_id_aa64pfr1_el1, fake_tpidr_el2;
int fake_smstops;
static int stand_in_blocks;

#ifndef HOST_SHA256_ARMV8
void sha256_armv8_blocks(u32 state[8], const u8 *data, size_t n)
{
	mbedtls_sha256_context c;

	mbedtls_sha256_init(&c);
	memcpy(c.state, state, sizeof(c.state));
	for (; n; n--, data += 64) {
		mbedtls_internal_sha256_process(&c, data);
		stand_in_blocks++;
	}
	memcpy(state, c.state, sizeof(c.state));
}
#endif

static void hex(const char *h, u8 *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned v;

		sscanf(h + 2 * i, "%2x", &v);
		out[i] = (u8)v;
	}
}

/* The hypervisor's choice for a CPU with these ID registers. */
static void boot_with(u64 isar0, u64 pfr1)
{
	const char *name = NULL;
	sha256_blocks_fn *fn;

	fake_id_aa64isar0_el1 = isar0;
	fake_id_aa64pfr1_el1 = pfr1;
	sha256_use_portable();
	fn = arch_sha256_blocks(&name);
	if (fn)
		assert_int_equal(sha256_use(fn, name), 0);
}

static void portable(const void *d, u32 len, u8 out[32])
{
	mbedtls_sha256_ret(d, len, out, 0);
}

/* REQ: BH-IMG-2 */
static void test_id_register(void **state)
{
	(void)state;
	assert_false(sha256_armv8_present(0));
	assert_true(sha256_armv8_present(0x1000)); /* SHA256H & co */
	assert_true(sha256_armv8_present(0x2000)); /* and SHA-512 */
	/* Every other field set (AES, SHA1, CRC32, atomics, ...), SHA2 clear. */
	assert_false(sha256_armv8_present(~0xf000ULL));

	boot_with(0x0000000000010000ULL, 0); /* CRC32 only: the portable code */
	assert_string_equal(sha256_impl(), "portable (mbedtls)");
	boot_with(0x0000000000011120ULL, 0); /* AES, SHA1, SHA2, CRC32: a Cortex-A53 */
	assert_string_equal(sha256_impl(), "armv8 instructions");
}

/* REQ: BH-IMG-2 */
static void test_fips_vectors(void **state)
{
	static const struct {
		const char *msg, *digest;
	} v[] = {
	    {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
	    {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
	    {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
	    {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmno"
	     "pqr"
	     "lmnopqrsmnopqrstnopqrstu",
	     "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
	};
	u8 d[32], want[32];
	u8 *million = malloc(1000000);

	(void)state;
	memset(million, 'a', 1000000);
	for (int impl = 0; impl < 2; impl++) {
		boot_with(impl ? 0x1000 : 0, 0);
		for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
			sha256(v[i].msg, (u32)strlen(v[i].msg), d);
			hex(v[i].digest, want, 32);
			assert_memory_equal(d, want, 32);
		}
		sha256(million, 1000000, d); /* FIPS 180-2 B.3: a million 'a' */
		hex("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", want, 32);
		assert_memory_equal(d, want, 32);
	}
	free(million);
}

/* Every length 0..200, whole and split at every point, against mbedtls. */
/* REQ: BH-IMG-2 */
static void test_lengths_and_pieces(void **state)
{
	u8 buf[200], d[32], want[32];
	struct sha256_ctx c;

	(void)state;
	for (int i = 0; i < 200; i++)
		buf[i] = (u8)(i * 131 + 7);
	boot_with(0x1000, 0);
	stand_in_blocks = 0;
	for (u32 len = 0; len <= 200; len++) {
		portable(buf, len, want);
		sha256(buf, len, d);
		assert_memory_equal(d, want, 32);
		for (u32 cut = 0; cut <= len; cut++) {
			sha256_start(&c);
			sha256_update(&c, buf, cut);
			sha256_update(&c, buf + cut, len - cut);
			sha256_finish(&c, d);
			assert_memory_equal(d, want, 32);
		}
	}
#ifndef HOST_SHA256_ARMV8
	assert_true(stand_in_blocks > 0); /* the CPU's function did the work */
#endif
}

/* Large and odd-sized, at odd addresses, in uneven pieces: the image path. */
/* REQ: BH-IMG-2 */
static void test_large_buffer(void **state)
{
	u32 len = (27u << 20) + 37; /* a Debian kernel's size, not a block multiple */
	u8 *buf = malloc(len + 1), d[32], want[32];
	struct sha256_ctx c;

	(void)state;
	for (u32 i = 0; i <= len; i++)
		buf[i] = (u8)(i ^ (i >> 8) ^ (i >> 16));
	portable(buf + 1, len, want);
	boot_with(0x1000, 0);
	sha256(buf + 1, len, d);
	assert_memory_equal(d, want, 32);
	sha256_start(&c);
	for (u32 at = 0, step = 1; at < len; at += step, step = step * 3 + 1) {
		u32 n = at + step > len ? len - at : step;

		sha256_update(&c, buf + 1 + at, n);
		if (n < step)
			break;
	}
	sha256_finish(&c, d);
	assert_memory_equal(d, want, 32);
	free(buf);
}

/* A block function that gets it wrong is refused; the portable code stays. */
static void broken_blocks(u32 state[8], const u8 *data, size_t n)
{
	sha256_armv8_blocks(state, data, n);
	state[3] ^= 1;
}

/* REQ: BH-IMG-2 */
static void test_self_test(void **state)
{
	u8 d[32], want[32];

	(void)state;
	sha256_use_portable();
	assert_int_equal(sha256_use(broken_blocks, "broken"), -1);
	assert_string_equal(sha256_impl(), "portable (mbedtls)");
	sha256("abc", 3, d);
	portable("abc", 3, want);
	assert_memory_equal(d, want, 32);
}

/* SME: streaming mode is left before the instructions run, only where SME is. */
/* REQ: BH-IMG-2 */
static void test_sme_streaming(void **state)
{
	u8 d[32];

	(void)state;
	boot_with(0x1000, 0);
	fake_smstops = 0;
	sha256("abc", 3, d);
	assert_int_equal(fake_smstops, 0);
	boot_with(0x1000, 1ULL << 24); /* ID_AA64PFR1_EL1.SME */
	fake_smstops = 0;
	sha256("abc", 3, d);
	assert_true(fake_smstops > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_id_register),	       cmocka_unit_test(test_fips_vectors),
	    cmocka_unit_test(test_lengths_and_pieces), cmocka_unit_test(test_large_buffer),
	    cmocka_unit_test(test_self_test),	       cmocka_unit_test(test_sme_streaming),
	};

	return cmocka_run_group_tests_name("sha256", tests, NULL, NULL);
}
