// SPDX-License-Identifier: GPL-2.0
/*
 * SHA-256 of the images (FIPS 180-4). mbedtls's portable code does it
 * unless the CPU has a block function of its own (arch_sha256_blocks: the
 * Armv8 SHA-2 instructions), which sha256_use() accepts only after a
 * known-answer test; the buffering and padding around such a function is
 * here. The choice is made once, on the boot CPU, before other CPUs start;
 * a context keeps the block function it started with.
 */
#include <string.h>
#include <mbedtls/sha256.h>
#include "crypto.h"

struct sha256_state {
	sha256_blocks_fn *fn; /* NULL: mbedtls from start to finish */
	union {
		mbedtls_sha256_context m;
		struct {
			u32 h[8];
			u64 len; /* bytes so far */
			u8 buf[64];
		} a;
	};
};

_Static_assert(sizeof(struct sha256_ctx) >= sizeof(struct sha256_state),
	       "struct sha256_ctx too small for struct sha256_state");

static sha256_blocks_fn *use_fn;
static const char *use_name = SHA256_PORTABLE;

static const u32 h0[8] = {
    0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
    0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u,
};

static void start_with(struct sha256_ctx *c, sha256_blocks_fn *fn)
{
	struct sha256_state *s = (struct sha256_state *)c;

	s->fn = fn;
	if (!fn) {
		mbedtls_sha256_init(&s->m);
		mbedtls_sha256_starts_ret(&s->m, 0);
		return;
	}
	memcpy(s->a.h, h0, sizeof(h0));
	s->a.len = 0;
}

void sha256_start(struct sha256_ctx *c)
{
	start_with(c, use_fn);
}

void sha256_update(struct sha256_ctx *c, const void *data, u32 len)
{
	struct sha256_state *s = (struct sha256_state *)c;
	const u8 *d = data;
	u32 used, take;

	if (!s->fn) {
		mbedtls_sha256_update_ret(&s->m, d, len);
		return;
	}
	used = (u32)(s->a.len & 63);
	s->a.len += len;
	if (used) {
		take = MIN(64 - used, len);
		memcpy(s->a.buf + used, d, take);
		d += take;
		len -= take;
		if (used + take < 64)
			return;
		s->fn(s->a.h, s->a.buf, 1);
	}
	if (len >= 64) /* the bulk straight from the caller's buffer */
		s->fn(s->a.h, d, len / 64);
	d += len & ~63u;
	memcpy(s->a.buf, d, len & 63);
}

static void put_be32(u8 *p, u32 v)
{
	p[0] = (u8)(v >> 24);
	p[1] = (u8)(v >> 16);
	p[2] = (u8)(v >> 8);
	p[3] = (u8)v;
}

void sha256_finish(struct sha256_ctx *c, u8 out[SHA256_LEN])
{
	struct sha256_state *s = (struct sha256_state *)c;
	u32 used;
	u64 bits;

	if (!s->fn) {
		mbedtls_sha256_finish_ret(&s->m, out);
		mbedtls_sha256_free(&s->m);
		return;
	}
	used = (u32)(s->a.len & 63);
	bits = s->a.len * 8;
	s->a.buf[used++] = 0x80;
	if (used > 56) { /* no room for the length: one more block */
		memset(s->a.buf + used, 0, 64 - used);
		s->fn(s->a.h, s->a.buf, 1);
		used = 0;
	}
	memset(s->a.buf + used, 0, 56 - used);
	put_be32(s->a.buf + 56, (u32)(bits >> 32));
	put_be32(s->a.buf + 60, (u32)bits);
	s->fn(s->a.h, s->a.buf, 1);
	for (int i = 0; i < 8; i++)
		put_be32(out + 4 * i, s->a.h[i]);
}

void sha256(const void *data, u32 len, u8 out[SHA256_LEN])
{
	struct sha256_ctx c;

	sha256_start(&c);
	sha256_update(&c, data, len);
	sha256_finish(&c, out);
}

void sha256_portable(const void *data, u32 len, u8 out[SHA256_LEN])
{
	struct sha256_ctx c;

	start_with(&c, NULL);
	sha256_update(&c, data, len);
	sha256_finish(&c, out);
}

/*
 * FIPS 180-2 example B.2 (two blocks once padded), fed in pieces that go
 * through the partial-block path as well as the bulk one.
 */
static const char kat_msg[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
static const u8 kat_digest[SHA256_LEN] = {
    0x24, 0x8d, 0x6a, 0x61, 0xd2, 0x06, 0x38, 0xb8, 0xe5, 0xc0, 0x26, 0x93, 0x0c, 0x3e, 0x60, 0x39,
    0xa3, 0x3c, 0xe4, 0x59, 0x64, 0xff, 0x21, 0x67, 0xf6, 0xec, 0xed, 0xd4, 0x19, 0xdb, 0x06, 0xc1,
};

int sha256_use(sha256_blocks_fn *fn, const char *name)
{
	struct sha256_ctx c;
	u8 d[SHA256_LEN];

	if (!fn)
		return -1;
	start_with(&c, fn);
	sha256_update(&c, kat_msg, 5);
	sha256_update(&c, kat_msg + 5, sizeof(kat_msg) - 1 - 5);
	sha256_finish(&c, d);
	if (memcmp(d, kat_digest, SHA256_LEN))
		return -1;
	use_fn = fn;
	use_name = name;
	return 0;
}

void sha256_use_portable(void)
{
	use_fn = NULL;
	use_name = SHA256_PORTABLE;
}

const char *sha256_impl(void)
{
	return use_name;
}
