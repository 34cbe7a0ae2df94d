/* Checking a FIT configuration's signature against the compiled-in key. */
#ifndef CORE_FIT_VERIFY_H
#define CORE_FIT_VERIFY_H
#include "crypto/crypto.h"
#include "fit.h"

enum fit_verdict {
	FIT_OK,
	FIT_UNSIGNED,	 /* no signature node in the configuration */
	FIT_UNKNOWN_KEY, /* signed, but not with our key name and algorithm */
	FIT_BAD_SIG,	 /* our key, and the signature does not verify */
	FIT_MALFORMED,	 /* the signature node or what it covers is not well formed */
	FIT_NO_MEMORY,	 /* the crypto pool ran out (a build problem) */
};

const char *fit_verdict_str(enum fit_verdict v);

/*
 * Verifies the signature of configuration node <conf> with <key>: the
 * signature must list the configuration and every path of <cover> (the
 * image nodes and hash nodes the caller will use) among its hashed nodes.
 */
enum fit_verdict fit_verify_config(const struct fit *f, int conf, const struct crypto_pubkey *key,
				   const char *const *cover, int n_cover);

#endif
