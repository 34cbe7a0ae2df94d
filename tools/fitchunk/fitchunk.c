// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead-fitchunk: adds signed-to-be chunk hashes to a FIT's partition
 * images, so that the hypervisor can copy and check one image on several
 * CPUs at once (a SHA-256 over the whole image is one sequential chain).
 *
 *   bulkhead-fitchunk <fit> <chunk bytes>
 *
 * Every image node under /images that carries bulkhead,security-version
 * (the partitions' images) and holds more than one chunk of data gets
 * bulkhead,chunk-size = <chunk bytes> and bulkhead,chunk-sha256, the
 * SHA-256 of each chunk in order (the last one may be short). Run before
 * `mkimage -F -k`: the configuration signatures then cover both properties
 * with the rest of the image node (docs/signing.md). Nodes with chunk
 * hashes already are hashed again, so the tool can run twice.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <mbedtls/sha256.h>
#include <mbedtls/version.h>

#define MIN_CHUNK 4096 /* the hypervisor's FIT_MIN_CHUNK */

static void sha256(const unsigned char *d, size_t n, unsigned char out[32])
{
#if MBEDTLS_VERSION_MAJOR >= 3
	mbedtls_sha256(d, n, out, 0);
#else
	mbedtls_sha256_ret(d, n, out, 0);
#endif
}

static int die(const char *fit, const char *what, const char *detail)
{
	fprintf(stderr, "bulkhead-fitchunk: %s: %s%s%s\n", fit, what, detail ? ": " : "",
		detail ? detail : "");
	return 1;
}

static unsigned char *read_file(const char *name, size_t *len)
{
	FILE *f = fopen(name, "rb");
	unsigned char *b = NULL;
	long n;

	if (!f)
		return NULL;
	if (!fseek(f, 0, SEEK_END) && (n = ftell(f)) > 0 && !fseek(f, 0, SEEK_SET)) {
		b = malloc((size_t)n);
		if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
			free(b);
			b = NULL;
		}
		*len = (size_t)n;
	}
	fclose(f);
	return b;
}

int main(int argc, char **argv)
{
	unsigned char *in, *fdt, *list;
	size_t in_len, room = 0;
	unsigned long chunk;
	int images, node, err, added = 0;
	char *end;
	FILE *out;

	if (argc != 3)
		return fprintf(stderr, "usage: bulkhead-fitchunk <fit> <chunk bytes>\n"), 2;
	chunk = strtoul(argv[2], &end, 0);
	if (*end || chunk < MIN_CHUNK || chunk % 64 || chunk > 0x40000000ul)
		return die(argv[1], "the chunk size must be a multiple of 64 from 4096 to 1 GiB",
			   argv[2]);
	in = read_file(argv[1], &in_len);
	if (!in)
		return die(argv[1], "cannot read it", strerror(errno));
	if (fdt_check_header(in) || fdt_totalsize(in) > in_len)
		return die(argv[1], "not a FIT (flattened device tree)", NULL);
	/* Room for every image's list: 32 bytes per chunk of the whole file, plus names. */
	room = fdt_totalsize(in) + fdt_totalsize(in) / chunk * 32 + 64 * 1024;
	fdt = malloc(room);
	if (!fdt || fdt_open_into(in, fdt, (int)room))
		return die(argv[1], "cannot open it", NULL);
	images = fdt_path_offset(fdt, "/images");
	if (images < 0)
		return die(argv[1], "no /images node", NULL);
	fdt_for_each_subnode(node, fdt, images) {
		const unsigned char *data;
		size_t n;
		int len;

		if (!fdt_getprop(fdt, node, "bulkhead,security-version", NULL))
			continue;
		data = fdt_getprop(fdt, node, "data", &len);
		if (!data || (unsigned long)len <= chunk) {
			/* One chunk is hash-1 itself; a re-run must not leave a stale list. */
			fdt_delprop(fdt, node, "bulkhead,chunk-sha256");
			fdt_delprop(fdt, node, "bulkhead,chunk-size");
			continue;
		}
		n = ((size_t)len + chunk - 1) / chunk;
		list = malloc(n * 32);
		if (!list)
			return die(argv[1], "out of memory", NULL);
		for (size_t i = 0; i < n; i++) {
			size_t off = i * chunk,
			       sz = (size_t)len - off < chunk ? (size_t)len - off : chunk;

			sha256(data + off, sz, list + i * 32);
		}
		/* data moves when a property grows: the hashes are taken first. */
		err = fdt_setprop_u32(fdt, node, "bulkhead,chunk-size", (uint32_t)chunk);
		if (!err)
			err = fdt_setprop(fdt, node, "bulkhead,chunk-sha256", list, (int)(n * 32));
		free(list);
		if (err)
			return die(argv[1], "cannot add the chunk hashes", fdt_strerror(err));
		added++;
	}
	fdt_pack(fdt);
	out = fopen(argv[1], "wb");
	if (!out || fwrite(fdt, 1, fdt_totalsize(fdt), out) != fdt_totalsize(fdt) || fclose(out))
		return die(argv[1], "cannot write it", strerror(errno));
	free(in);
	free(fdt);
	(void)added;
	return 0;
}
