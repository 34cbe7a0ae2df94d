// SPDX-License-Identifier: GPL-2.0
/*
 * The FIT is untrusted: the header is checked against the image store
 * before anything else is read, the whole structure block once with
 * bh_fdt_check (libfdt's lookups alone trust property lengths), and
 * lookups match node names exactly.
 */
#include <bulkhead/fdt_check.h>
#include <string.h>
#include "fit.h"

static bool has_unit_address(const char *name, int len)
{
	return memchr(name, '@', (size_t)len) != NULL;
}

/* Children of a FIT directory node: no '@', no two with one name. */
static int check_dir(const void *fdt, const char *path)
{
	int dir = fdt_path_offset(fdt, path), a, b;

	if (dir == -FDT_ERR_NOTFOUND)
		return 0;
	if (dir < 0)
		return dir;
	fdt_for_each_subnode(a, fdt, dir) {
		int la, lb;
		const char *na = fdt_get_name(fdt, a, &la);

		if (!na || has_unit_address(na, la))
			return -FDT_ERR_BADSTRUCTURE;
		for (b = fdt_next_subnode(fdt, a); b >= 0; b = fdt_next_subnode(fdt, b)) {
			const char *nb = fdt_get_name(fdt, b, &lb);

			if (!nb || (la == lb && !memcmp(na, nb, (size_t)la)))
				return -FDT_ERR_BADSTRUCTURE;
		}
	}
	return 0;
}

int fit_open(struct fit *f, const void *blob, u64 store_size)
{
	int err;

	f->blob = NULL;
	err = bh_fdt_check(blob, store_size);
	if (!err)
		err = check_dir(blob, "/images");
	if (!err)
		err = check_dir(blob, "/configurations");
	if (err)
		return err;
	f->blob = blob;
	f->size = fdt_totalsize(blob);
	return 0;
}

int fit_subnode(const struct fit *f, int parent, const char *name)
{
	int node, found = -FDT_ERR_NOTFOUND;
	size_t n = strlen(name);

	if (!f->blob)
		return -FDT_ERR_BADSTATE;
	if (parent < 0)
		return parent;
	fdt_for_each_subnode(node, f->blob, parent) {
		int l;
		const char *s = fdt_get_name(f->blob, node, &l);

		if (s && (size_t)l == n && !memcmp(s, name, n)) {
			if (found >= 0)
				return -FDT_ERR_BADSTRUCTURE;
			found = node;
		}
	}
	return found;
}

static int dir_child(const struct fit *f, const char *dir, const char *name)
{
	if (!f->blob)
		return -FDT_ERR_BADSTATE;
	return fit_subnode(f, fdt_path_offset(f->blob, dir), name);
}

int fit_image_node(const struct fit *f, const char *name)
{
	return dir_child(f, "/images", name);
}

int fit_config_node(const struct fit *f, const char *name)
{
	return dir_child(f, "/configurations", name);
}

static const void *prop(const struct fit *f, int node, const char *name, int *len)
{
	const u8 *d = fdt_getprop(f->blob, node, name, len);

	/* Belt and braces: the value must lie inside the blob. */
	if (!d || *len < 0 || d < (const u8 *)f->blob ||
	    (u64)(d - (const u8 *)f->blob) + (u64)*len > f->size)
		return NULL;
	return d;
}

int fit_data(const struct fit *f, int image, const void **data, u32 *len)
{
	int l;
	const void *d;

	/* External data (mkimage -E) is not signed the way we check it. */
	if (fdt_getprop(f->blob, image, "data-offset", NULL) ||
	    fdt_getprop(f->blob, image, "data-position", NULL))
		return -FDT_ERR_BADSTRUCTURE;
	d = prop(f, image, "data", &l);
	if (!d)
		return -FDT_ERR_NOTFOUND;
	*data = d;
	*len = (u32)l;
	return 0;
}

const u8 *fit_sha256(const struct fit *f, int image)
{
	int hash = fit_subnode(f, image, "hash-1"), l;
	const char *algo;
	const u8 *v;

	if (hash < 0)
		return NULL;
	algo = fit_string(f, hash, "algo");
	if (!algo || strcmp(algo, "sha256"))
		return NULL;
	v = prop(f, hash, "value", &l);
	return v && l == 32 ? v : NULL;
}

int fit_chunks(const struct fit *f, int image, u32 len, u32 *chunk, const u8 **list)
{
	const u8 *v;
	u32 n;
	int l;

	if (!fdt_getprop(f->blob, image, "bulkhead,chunk-sha256", NULL) &&
	    !fdt_getprop(f->blob, image, "bulkhead,chunk-size", NULL))
		return 0;
	/*
	 * Both or neither; a chunk is whole SHA-256 blocks and at least a page,
	 * which bounds the list (and the work items) by the image's length.
	 */
	if (fit_u32(f, image, "bulkhead,chunk-size", chunk) || *chunk < FIT_MIN_CHUNK ||
	    *chunk % 64)
		return -FDT_ERR_BADVALUE;
	n = len / *chunk + (len % *chunk != 0);
	v = prop(f, image, "bulkhead,chunk-sha256", &l);
	if (!v || n == 0 || (u64)l != (u64)n * 32)
		return -FDT_ERR_BADVALUE;
	*list = v;
	return (int)n;
}

int fit_u32(const struct fit *f, int node, const char *name, u32 *out)
{
	int l;
	const fdt32_t *v = prop(f, node, name, &l);

	if (!v || l != 4)
		return -FDT_ERR_BADVALUE;
	*out = fdt32_to_cpu(*v);
	return 0;
}

const char *fit_string(const struct fit *f, int node, const char *name)
{
	int l;
	const char *s = prop(f, node, name, &l);

	return s && l > 0 && s[l - 1] == '\0' ? s : NULL;
}

const char *fit_strerror(int err)
{
	return fdt_strerror(err);
}

/* ------------------------------------------------------------------ signed regions */

#define FIT_MAX_DEPTH 32

bool fit_in_list(const char *s, const char *const *list, int n)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(s, list[i]))
			return true;
	return false;
}

static bool excluded_prop(const struct fit *f, int offset)
{
	static const char *const excluded[] = {"data", "data-size", "data-position", "data-offset"};
	const struct fdt_property *p = fdt_get_property_by_offset(f->blob, offset, NULL);
	const char *name = p ? fdt_string(f->blob, (int)fdt32_to_cpu(p->nameoff)) : NULL;

	return !name || fit_in_list(name, excluded, (int)(sizeof(excluded) / sizeof(excluded[0])));
}

/*
 * want: 2 inside a listed node (its properties count), 1 in a direct
 * subnode of one (only its begin/end tags count), 0 elsewhere. The same
 * walk as u-boot's fdt_find_regions(), emitting each included tag's bytes;
 * adjacent regions there are one run of bytes here, which hashes the same.
 */
int fit_signed_regions(const struct fit *f, const char *const *inc, int n_inc, fit_emit_fn emit,
		       void *ctx)
{
	const u8 *base;
	char path[FIT_MAX_PATH_LEN];
	int stack[FIT_MAX_DEPTH];
	int depth = -1, want = 0, next = 0, offset;
	size_t end = 0;
	bool root_done = false;
	u32 tag;

	if (!f->blob)
		return -FDT_ERR_BADSTATE;
	base = (const u8 *)f->blob + fdt_off_dt_struct(f->blob);
	path[0] = '\0';
	do {
		bool include = false;
		const char *name;
		int len;

		offset = next;
		tag = fdt_next_tag(f->blob, offset, &next);
		if (next < 0 || (root_done && tag != FDT_END))
			return -FDT_ERR_BADLAYOUT;
		switch (tag) {
		case FDT_PROP:
			include = want >= 2 && !excluded_prop(f, offset);
			break;
		case FDT_NOP:
			include = want >= 2;
			break;
		case FDT_BEGIN_NODE:
			if (++depth >= FIT_MAX_DEPTH)
				return -FDT_ERR_BADSTRUCTURE;
			name = fdt_get_name(f->blob, offset, &len);
			if (!name || (depth == 0 && len) || (depth > 0 && !len))
				return -FDT_ERR_BADLAYOUT;
			if (end + (size_t)len + 2 > sizeof(path))
				return -FDT_ERR_NOSPACE;
			if (end != 1)
				path[end++] = '/';
			memcpy(path + end, name, (size_t)len);
			end += (size_t)len;
			path[end] = '\0';
			stack[depth] = want;
			if (fit_in_list(path, inc, n_inc))
				want = 2;
			else if (want)
				want--;
			include = want > 0;
			break;
		case FDT_END_NODE:
			if (depth < 0)
				return -FDT_ERR_BADSTRUCTURE;
			include = want > 0;
			want = stack[depth--];
			while (end > 0 && path[--end] != '/')
				;
			path[end] = '\0';
			root_done = depth == -1;
			break;
		case FDT_END:
			include = true;
			break;
		default:
			return -FDT_ERR_BADSTRUCTURE;
		}
		if (include)
			emit(ctx, base + offset, (u32)(next - offset));
	} while (tag != FDT_END);
	if ((u32)next != fdt_size_dt_struct(f->blob) || !root_done)
		return -FDT_ERR_BADLAYOUT;
	return 0;
}
