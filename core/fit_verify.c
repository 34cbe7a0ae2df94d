// SPDX-License-Identifier: GPL-2.0
/*
 * A configuration signature covers the configuration node, the image nodes
 * and hash nodes it names ("hashed-nodes") and the strings block; the image
 * data itself is covered through the hash nodes' values, which the caller
 * compares with the SHA-256 of the copy it made. "hashed-nodes" is not
 * signed itself, so it must name everything the caller relies on.
 */
#include <libfdt.h>
#include <string.h>
#include "fit_verify.h"

#define MAX_HASHED_NODES 32

static const char *const verdict_str[] = {
    [FIT_OK] = "verified",
    [FIT_UNSIGNED] = "unsigned",
    [FIT_UNKNOWN_KEY] = "unknown key",
    [FIT_BAD_SIG] = "signature mismatch",
    [FIT_MALFORMED] = "malformed FIT",
    [FIT_NO_MEMORY] = "out of crypto memory",
};

const char *fit_verdict_str(enum fit_verdict v)
{
	return (unsigned)v < sizeof(verdict_str) / sizeof(verdict_str[0]) ? verdict_str[v] : "?";
}

static void hash_region(void *ctx, const void *data, u32 len)
{
	sha256_update(ctx, data, len);
}

/* The signature node made with our key, FIT_UNSIGNED/_UNKNOWN_KEY if none. */
static int find_signature(const struct fit *f, int conf, const struct crypto_pubkey *key)
{
	int node, verdict = -FIT_UNSIGNED;

	fdt_for_each_subnode(node, f->blob, conf) {
		const char *name = fdt_get_name(f->blob, node, NULL);
		const char *algo, *hint;

		if (!name || strncmp(name, "signature", 9))
			continue;
		algo = fit_string(f, node, "algo");
		hint = fit_string(f, node, "key-name-hint");
		if (algo && hint && !strcmp(algo, key->algo) && !strcmp(hint, key->name))
			return node;
		verdict = -FIT_UNKNOWN_KEY;
	}
	return verdict;
}

enum fit_verdict fit_verify_config(const struct fit *f, int conf, const struct crypto_pubkey *key,
				   const char *const *cover, int n_cover)
{
	const char *nodes[MAX_HASHED_NODES], *list, *sig;
	char conf_path[FIT_MAX_PATH_LEN];
	struct sha256_ctx c;
	u8 digest[SHA256_LEN];
	int node, len, sig_len, n = 0, err;
	const fdt32_t *strings;

	node = find_signature(f, conf, key);
	if (node < 0)
		return (enum fit_verdict) - node;
	sig = fdt_getprop(f->blob, node, "value", &sig_len);
	list = fdt_getprop(f->blob, node, "hashed-nodes", &len);
	strings = fdt_getprop(f->blob, node, "hashed-strings", &err);
	if (!sig || sig_len <= 0)
		return FIT_UNSIGNED;
	if (!list || len <= 0 || list[len - 1] || !strings || err != 8 ||
	    fdt32_to_cpu(strings[0]) != 0 ||
	    fdt32_to_cpu(strings[1]) > fdt_size_dt_strings(f->blob))
		return FIT_MALFORMED;
	for (const char *s = list; s < list + len; s += strlen(s) + 1) {
		if (n == MAX_HASHED_NODES)
			return FIT_MALFORMED;
		nodes[n++] = s;
	}
	if (fdt_get_path(f->blob, conf, conf_path, sizeof(conf_path)))
		return FIT_MALFORMED;
	for (int i = -1; i < n_cover; i++)
		if (!fit_in_list(i < 0 ? conf_path : cover[i], nodes, n))
			return FIT_MALFORMED;
	sha256_start(&c);
	err = fit_signed_regions(f, nodes, n, hash_region, &c);
	sha256_update(&c, (const u8 *)f->blob + fdt_off_dt_strings(f->blob),
		      fdt32_to_cpu(strings[1]));
	sha256_finish(&c, digest);
	if (err)
		return FIT_MALFORMED;
	err = crypto_verify(key, digest, (const u8 *)sig, (u32)sig_len);
	return !err		       ? FIT_OK
	       : err == CRYPTO_NO_MEM  ? FIT_NO_MEMORY
	       : err == CRYPTO_BAD_SIG ? FIT_BAD_SIG
				       : FIT_MALFORMED;
}
