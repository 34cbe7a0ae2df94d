/*
 * mbedtls configuration for the hypervisor: SHA-256, ECDSA P-256 verify or
 * (CONFIG_SIGN_RSA3072) RSA PKCS#1 v1.5 verify, nothing else. Memory comes
 * from a fixed static pool (memory_buffer_alloc) that crypto.c hands to
 * mbedtls before the first verification; no heap, files or entropy.
 */
#ifndef BULKHEAD_MBEDTLS_CONFIG_H
#define BULKHEAD_MBEDTLS_CONFIG_H

#define MBEDTLS_HAVE_ASM
#define MBEDTLS_NO_UDBL_DIVISION /* no __int128 division helpers (libgcc only) */
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY
#define MBEDTLS_PLATFORM_NO_STD_FUNCTIONS
#define MBEDTLS_MEMORY_BUFFER_ALLOC_C
/* The pool allocator "exits" on a corrupted pool: the hypervisor stops. */
#define MBEDTLS_PLATFORM_EXIT_MACRO crypto_pool_corrupt
void crypto_pool_corrupt(int status) __attribute__((noreturn));

#define MBEDTLS_BIGNUM_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA256_SMALLER /* a loop, not unrolled: smaller code */
#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_NIST_OPTIM
#define MBEDTLS_ECP_WINDOW_SIZE	      4
#define MBEDTLS_ECP_FIXED_POINT_OPTIM 0 /* no precomputed tables in the pool */
#define MBEDTLS_ECP_NO_INTERNAL_RNG	/* verification handles public data only */
#define MBEDTLS_ECDSA_C
#ifdef CONFIG_SIGN_RSA3072
#define MBEDTLS_RSA_C
#define MBEDTLS_PKCS1_V15
#endif
#define MBEDTLS_MPI_MAX_SIZE 512 /* RSA up to 4096 bits */

#endif
