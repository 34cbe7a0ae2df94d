// SPDX-License-Identifier: GPL-2.0
/*
 * Signature verification over mbedtls (SHA-256 is sha256.c). In the hypervisor,
 * mbedtls allocates from one static pool, so verifications are serialised
 * by a lock (they run when a partition is loaded, never on a hot path).
 * The same file builds on the host against Debian's libmbedcrypto for the
 * known-answer tests.
 */
#include <string.h>
#include <mbedtls/bignum.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/ecp.h>
#include <mbedtls/rsa.h>
#include "crypto.h"

static int mbedtls_to_crypto(int ret)
{
	switch (ret) {
	case 0:
		return 0;
	case MBEDTLS_ERR_ECP_VERIFY_FAILED:
	case MBEDTLS_ERR_RSA_VERIFY_FAILED:
	case MBEDTLS_ERR_RSA_PUBLIC_FAILED:
		return CRYPTO_BAD_SIG;
	case MBEDTLS_ERR_MPI_ALLOC_FAILED:
	case MBEDTLS_ERR_ECP_ALLOC_FAILED:
		return CRYPTO_NO_MEM;
	default:
		return CRYPTO_BAD_INPUT;
	}
}

static int ecdsa_p256_verify(const struct crypto_pubkey *key, const u8 hash[SHA256_LEN],
			     const u8 *sig, u32 sig_len)
{
	mbedtls_ecp_group grp;
	mbedtls_ecp_point q;
	mbedtls_mpi r, s;
	int ret;

	if (key->n_len != 64 || sig_len != 64)
		return CRYPTO_BAD_INPUT;
	mbedtls_ecp_group_init(&grp);
	mbedtls_ecp_point_init(&q);
	mbedtls_mpi_init(&r);
	mbedtls_mpi_init(&s);
	ret = mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP256R1);
	if (!ret)
		ret = mbedtls_mpi_read_binary(&q.X, key->n, 32);
	if (!ret)
		ret = mbedtls_mpi_read_binary(&q.Y, key->n + 32, 32);
	if (!ret)
		ret = mbedtls_mpi_lset(&q.Z, 1);
	if (!ret)
		ret = mbedtls_ecp_check_pubkey(&grp, &q);
	if (!ret)
		ret = mbedtls_mpi_read_binary(&r, sig, 32);
	if (!ret)
		ret = mbedtls_mpi_read_binary(&s, sig + 32, 32);
	if (!ret)
		ret = mbedtls_ecdsa_verify(&grp, hash, SHA256_LEN, &q, &r, &s);
	mbedtls_mpi_free(&s);
	mbedtls_mpi_free(&r);
	mbedtls_ecp_point_free(&q);
	mbedtls_ecp_group_free(&grp);
	return mbedtls_to_crypto(ret);
}

/* RSA only where it is used: the hypervisor carries one algorithm's code. */
#if !defined(__BULKHEAD_HV__) || defined(CONFIG_SIGN_RSA3072)
#define WITH_RSA 1
/* EMSA-PKCS1-v1_5 (RFC 8017 9.2): 00 01 FF..FF 00 DigestInfo(SHA-256) hash. */
static const u8 sha256_digest_info[19] = {
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
    0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
};

static int rsa_verify(const struct crypto_pubkey *key, const u8 hash[SHA256_LEN], const u8 *sig,
		      u32 sig_len)
{
	static u8 em[MBEDTLS_MPI_MAX_SIZE];
	u8 e[4] = {(u8)(key->e >> 24), (u8)(key->e >> 16), (u8)(key->e >> 8), (u8)key->e};
	mbedtls_rsa_context rsa;
	u32 pad, bad = 0;
	int ret;

	if (key->n_len < 256 || key->n_len > sizeof(em) || sig_len != key->n_len)
		return CRYPTO_BAD_INPUT;
	mbedtls_rsa_init(&rsa, MBEDTLS_RSA_PKCS_V15, 0);
	ret = mbedtls_rsa_import_raw(&rsa, key->n, key->n_len, NULL, 0, NULL, 0, NULL, 0, e,
				     sizeof(e));
	if (!ret)
		ret = mbedtls_rsa_complete(&rsa);
	if (!ret)
		ret = mbedtls_rsa_check_pubkey(&rsa);
	if (!ret)
		ret = mbedtls_rsa_public(&rsa, sig, em);
	mbedtls_rsa_free(&rsa);
	if (ret)
		return mbedtls_to_crypto(ret);
	pad = sig_len - SHA256_LEN - sizeof(sha256_digest_info) - 1;
	bad |= em[0] | (em[1] ^ 1u) | em[pad];
	for (u32 i = 2; i < pad; i++)
		bad |= em[i] ^ 0xffu;
	bad |= (u32)memcmp(em + pad + 1, sha256_digest_info, sizeof(sha256_digest_info));
	bad |= (u32)memcmp(em + sig_len - SHA256_LEN, hash, SHA256_LEN);
	return bad ? CRYPTO_BAD_SIG : 0;
}
#endif

#ifdef __BULKHEAD_HV__
#include <mbedtls/memory_buffer_alloc.h>
#include <asm/spinlock.h>
#include "arch.h"
#include "console.h"

/* P-256 verify peaks near 4 KiB, RSA-4096 near 10 KiB; room to spare. */
static unsigned char pool[32 * 1024] __attribute__((aligned(16)));
static spinlock_t pool_lock;
static bool pool_ready;

void crypto_pool_corrupt(int status)
{
	log_printf("fatal: the crypto pool is corrupted (%d); stopping", status);
	arch_system_off();
}

static void pool_take(void)
{
	spin_lock(&pool_lock);
	if (!pool_ready) {
		mbedtls_memory_buffer_alloc_init(pool, sizeof(pool));
		pool_ready = true;
	}
}

static void pool_give(void)
{
	spin_unlock(&pool_lock);
}
#else
/* Host tests: Debian's libmbedcrypto allocates with calloc. */
static void pool_take(void)
{
}
static void pool_give(void)
{
}
#endif

int crypto_verify(const struct crypto_pubkey *key, const u8 hash[SHA256_LEN], const u8 *sig,
		  u32 sig_len)
{
	int ret = CRYPTO_BAD_INPUT;

	pool_take();
	if (key->type == KEY_ECDSA_P256)
		ret = ecdsa_p256_verify(key, hash, sig, sig_len);
#ifdef WITH_RSA
	else if (key->type == KEY_RSA)
		ret = rsa_verify(key, hash, sig, sig_len);
#endif
	pool_give();
	return ret;
}
