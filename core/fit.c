// SPDX-License-Identifier: GPL-2.0
/*
 * The FIT is untrusted input: libfdt checks every structure offset against
 * the blob's header, and the header itself is checked against the size of
 * the image store before anything else is read.
 */
#include <libfdt.h>
#include "fit.h"

static const void *fit;

int fit_init(u64 base, u64 size)
{
	const void *blob = (const void *)(uintptr_t)base;
	int err;

	if (size < FDT_V17_SIZE)
		return -FDT_ERR_TRUNCATED;
	err = fdt_check_header(blob);
	if (err)
		return err;
	if (fdt_totalsize(blob) > size)
		return -FDT_ERR_TRUNCATED;
	/*
	 * The whole structure block, once: libfdt's lookups alone trust
	 * property lengths (the fuzzer found a length of -1 getting through).
	 */
	err = fdt_check_full(blob, fdt_totalsize(blob));
	if (err)
		return err;
	fit = blob;
	return 0;
}

int fit_image(const char *name, const void **data, u32 *len)
{
	int images, node, l;
	const void *d;

	if (!fit)
		return -FDT_ERR_BADSTATE;
	images = fdt_path_offset(fit, "/images");
	if (images < 0)
		return images;
	node = fdt_subnode_offset(fit, images, name);
	if (node < 0)
		return node;
	d = fdt_getprop(fit, node, "data", &l);
	if (!d)
		return l;
	/* Belt and braces: the data must lie inside the blob. */
	if (l < 0 || (const u8 *)d < (const u8 *)fit ||
	    (u64)((const u8 *)d - (const u8 *)fit) + (u64)l > fdt_totalsize(fit))
		return -FDT_ERR_BADSTRUCTURE;
	*data = d;
	*len = (u32)l;
	return 0;
}

const char *fit_strerror(int err)
{
	return fdt_strerror(err);
}
