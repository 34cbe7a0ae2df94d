/* Signature primitives for image verification (mbedtls underneath). */
#ifndef CORE_CRYPTO_H
#define CORE_CRYPTO_H
#include <bulkhead/types.h>

#define SHA256_LEN 32

struct sha256_ctx {
	u64 opaque[16]; /* sha256.c's state (an mbedtls context inside); it checks the size */
};

/* A region of bytes to hash: the FIT's signed parts are several. */
struct crypto_region {
	const void *data;
	u32 size;
};

/*
 * These may use the CPU's FP/SIMD registers (arch_sha256_blocks): call them
 * only where no guest's FP/SIMD state is live on this CPU, as in image
 * loading, never on a hypercall or trap path.
 */
void sha256_start(struct sha256_ctx *c);
void sha256_update(struct sha256_ctx *c, const void *data, u32 len);
void sha256_finish(struct sha256_ctx *c, u8 out[SHA256_LEN]);
void sha256(const void *data, u32 len, u8 out[SHA256_LEN]);
void sha256_portable(const void *data, u32 len, u8 out[SHA256_LEN]); /* mbedtls, always */

/*
 * A CPU's SHA-256 compression: n 64-byte blocks of data into state (H0..H7
 * of FIPS 180-4, native-endian words). sha256_use() makes hashes started
 * from then on use it, after a known-answer test: 0, or -1 (it failed; the
 * portable code stays). Called once, before other CPUs hash.
 */
typedef void sha256_blocks_fn(u32 state[8], const u8 *data, size_t n);
int sha256_use(sha256_blocks_fn *fn, const char *name);
void sha256_use_portable(void); /* back to mbedtls (tests, benchmarks) */
#define SHA256_PORTABLE "portable (mbedtls)"
const char *sha256_impl(void); /* SHA256_PORTABLE or the name given */

enum crypto_key_type { KEY_ECDSA_P256 = 1, KEY_RSA = 2 };

/* A public key as it is compiled in (generated/signing_key.c). */
struct crypto_pubkey {
	enum crypto_key_type type;
	const char *name; /* the key-name-hint a signature must carry */
	const char *algo; /* the FIT algo it verifies, "sha256,ecdsa256" */
	const u8 *n;	  /* ECDSA: X || Y (64 bytes); RSA: modulus, big endian */
	u32 n_len;
	u32 e; /* RSA public exponent */
};

/* The key compiled into the hypervisor (generated/signing_key.c, bulkhead-pubkey). */
extern const struct crypto_pubkey bh_signing_key;

/*
 * 0 when sig is a valid signature of hash under key: ECDSA raw r || s
 * (64 bytes), RSA PKCS#1 v1.5 with a SHA-256 DigestInfo (modulus length).
 * CRYPTO_BAD_SIG for a wrong signature, CRYPTO_BAD_INPUT for a signature
 * or key of the wrong shape, CRYPTO_NO_MEM when the pool ran out.
 */
#define CRYPTO_BAD_SIG	 (-1)
#define CRYPTO_BAD_INPUT (-2)
#define CRYPTO_NO_MEM	 (-3)
int crypto_verify(const struct crypto_pubkey *key, const u8 hash[SHA256_LEN], const u8 *sig,
		  u32 sig_len);

#endif
