/*
 * Reading the FIT that the bootloader left in an image store. The FIT is
 * untrusted input: every offset and length is checked before use, node
 * names under /images and /configurations must be unique and free of unit
 * addresses (no "child1@0" that a lookup of "child1" would also match).
 */
#ifndef CORE_FIT_H
#define CORE_FIT_H
#include <bulkhead/types.h>

#define FIT_MAX_PATH_LEN 256 /* longest node path the checks accept */

struct fit {
	const void *blob;
	u32 size; /* the FDT's totalsize, checked against the store */
};

/* 0, or a negative libfdt error (-FDT_ERR_BADSTRUCTURE for bad names). */
int fit_open(struct fit *f, const void *blob, u64 store_size);
/* Offset of /images/<name> or /configurations/<name>; negative if absent. */
int fit_image_node(const struct fit *f, const char *name);
int fit_config_node(const struct fit *f, const char *name);
/* The subnode of <parent> called exactly <name> (only one may exist). */
int fit_subnode(const struct fit *f, int parent, const char *name);
/* An image's inline data: 0 with data and len, negative otherwise. */
int fit_data(const struct fit *f, int image, const void **data, u32 *len);
/* The SHA-256 value of an image's hash-1 node, or NULL. */
const u8 *fit_sha256(const struct fit *f, int image);
/*
 * An image's signed chunk hashes (bulkhead,chunk-size and -sha256, written
 * by tools/fitchunk): the number of <chunk>-byte pieces of its <len> data
 * bytes with their SHA-256 values at <list>, 0 when the image has none, a
 * negative libfdt error when they are malformed.
 */
#define FIT_MIN_CHUNK 4096
int fit_chunks(const struct fit *f, int image, u32 len, u32 *chunk, const u8 **list);
/* A one-cell property: 0, or negative when absent or not 4 bytes. */
int fit_u32(const struct fit *f, int node, const char *prop, u32 *out);
/* A string property, NUL-terminated within its length, or NULL. */
const char *fit_string(const struct fit *f, int node, const char *prop);
const char *fit_strerror(int err);

/* s is one of the n strings of list. */
bool fit_in_list(const char *s, const char *const *list, int n);

/*
 * The bytes a FIT configuration signature covers (u-boot's scheme, see
 * docs/signing.md): the structure tags of the nodes listed in <inc> with
 * their properties except data, the begin/end tags of their direct
 * subnodes, the END tag, in file order. <emit> is called per run of bytes.
 * 0, or a negative libfdt error for a malformed structure.
 */
typedef void (*fit_emit_fn)(void *ctx, const void *data, u32 len);
int fit_signed_regions(const struct fit *f, const char *const *inc, int n_inc, fit_emit_fn emit,
		       void *ctx);

#endif
