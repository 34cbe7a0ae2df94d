// SPDX-License-Identifier: GPL-2.0
/*
 * Places each partition's image, initrd and DTB in its memory (as the
 * partition sees it) and checks that they fit. Images are arm64 "Image"
 * files (Linux's boot format; our own programs carry the same header).
 *
 *   ipa-base + text_offset   image (image_size bytes, BSS included)
 *   ...                      free
 *   below the DTB            initrd, 4 KiB aligned
 *   top 64 KiB               the partition's DTB
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "model.h"

#define DTB_MAX 0x10000ULL
#define SZ_2M	0x200000ULL

static u64 le64(const unsigned char *p)
{
	u64 v = 0;

	for (int i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

/* A file the DTS names that cannot be read: say where it was looked for. */
static void file_error(struct g_sys *s, struct g_part *p, const char *kind, const char *name,
		       const char *resolved)
{
	const struct gen_opts *o = s->opt;
	int err = errno;

	if (name[0] && name[0] != '/' && o->dts_dir && o->search_dir)
		gen_error(s, p->path, "%s '%s': %s (looked in %s and %s)", kind, name,
			  strerror(err), o->dts_dir, o->search_dir);
	else
		gen_error(s, p->path, "%s '%s': %s", kind, resolved, strerror(err));
}

/* arm64: the Linux Image header; x86: the same layout with our magic (lib/arch/x86/partition.lds).
 */
static const struct image_format {
	const char *magic, *shown, *kind;
} formats[2] = {{"ARM\x64", "ARM\\x64", "an arm64 Image"},
		{"BH86", "BH86", "an x86-64 partition image"}};

static bool read_image_header(struct g_sys *s, struct g_part *p, const char *file)
{
	const struct image_format *fmt = &formats[gen_x86(s)];
	unsigned char h[1024];
	struct stat st;
	FILE *f = fopen(file, "rb");
	size_t n;

	if (!f) {
		file_error(s, p, "image", p->program[0] ? "" : p->image_name, file);
		return false;
	}
	n = fstat(fileno(f), &st) ? 0 : fread(h, 1, sizeof(h), f);
	fclose(f);
	if (gen_x86(s) && !p->program[0] && gen_x86_is_bzimage(h, n))
		return gen_x86_linux_header(s, p, file, h, (u64)st.st_size);
	if (n < 64 || memcmp(h + 0x38, fmt->magic, 4)) {
		gen_error(s, p->path, "image '%s' is not %s (no \"%s\" magic at 0x38)%s", file,
			  fmt->kind, fmt->shown, gen_x86(s) ? " nor a Linux bzImage" : "");
		return false;
	}
	p->text_offset = le64(h + 8);
	p->image_size = le64(h + 16);
	if (p->image_size < (u64)st.st_size)
		p->image_size = (u64)st.st_size;
	if (gen_x86(s) && p->text_offset < BH_X86_BOOT_TABLES_SIZE) {
		gen_error(s, p->path,
			  "image '%s': text offset 0x%llx overlaps the boot page tables "
			  "the hypervisor writes at the start of the partition's RAM (0x%x bytes)",
			  file, (unsigned long long)p->text_offset, BH_X86_BOOT_TABLES_SIZE);
		return false;
	}
	p->entry_ipa = p->ipa_base + p->text_offset;
	return true;
}

static void place(struct g_sys *s, struct g_part *p)
{
	char file[600];
	struct stat st;
	u64 end = p->ipa_base + p->mem.size, low, image;

	if (p->program[0]) {
		if (!s->opt->prog_dir || !p->program_ok)
			return; /* unit tests and the fuzzer: no images to read */
		snprintf(file, sizeof(file), "%s/%s/%s.bin", s->opt->prog_dir, p->program,
			 p->program);
		snprintf(p->image, sizeof(p->image), "%s", file);
	} else if (p->image[0]) {
		snprintf(file, sizeof(file), "%s", p->image);
	} else {
		return;
	}
	if (p->initrd[0]) {
		if (stat(p->initrd, &st)) {
			file_error(s, p, "initrd", p->initrd_name, p->initrd);
			return;
		}
		p->initrd_size = (u64)st.st_size;
	}
	if (!read_image_header(s, p, file) || !p->has_mem)
		return;
	if (!p->program[0] && !p->linux_x86 && !IS_ALIGNED(p->ipa_base, SZ_2M))
		gen_error(s, p->path,
			  "an arm64 Image needs its memory 2 MiB aligned (as the "
			  "partition sees it), not at 0x%llx",
			  (unsigned long long)p->ipa_base);
	image = p->ipa_base + p->text_offset;
	p->dtb_ipa = end - DTB_MAX;
	p->initrd_ipa = (p->dtb_ipa - p->initrd_size) & ~(G_PAGE - 1);
	low = p->initrd_size ? p->initrd_ipa : p->dtb_ipa;
	if (p->mem.size < DTB_MAX + G_PAGE || p->initrd_size > p->mem.size ||
	    image + p->image_size > low || image + p->image_size < image)
		gen_error(s, p->path,
			  "image (0x%llx bytes at offset 0x%llx)%s and its 64 KiB %s do "
			  "not fit into memory 0x%llx+0x%llx",
			  (unsigned long long)p->image_size, (unsigned long long)p->text_offset,
			  p->initrd_size ? ", initrd" : "",
			  p->linux_x86 ? "boot parameters" : "DTB", (unsigned long long)p->mem.base,
			  (unsigned long long)p->mem.size);
}

/*
 * RAM first, then each device register range widened to whole pages, then
 * the bus memory (vmbus_layout.c).
 * Ranges that share a page (two registers of one device) become one region:
 * stage 2 maps a page once.
 */
int gen_part_regions(const struct g_sys *s, const struct g_part *p, struct g_region *out, int max)
{
	int n = 0;

	if (max < 1)
		return 0;
	out[n++] = (struct g_region){p->ipa_base, p->mem.base, p->mem.size, BH_REGION_RAM, NULL};
	for (int d = 0; d < p->ndev; d++) {
		const struct g_dev *dv = &s->dev[p->dev[d]];

		for (int r = 0; r < dv->nreg; r++) {
			u64 b = dv->reg[r].base & ~(G_PAGE - 1);
			u64 e = ALIGN_UP(dv->reg[r].base + dv->reg[r].size, G_PAGE);
			int k;

			for (k = 1; k < n; k++) {
				struct g_region *o = &out[k];

				if (b <= o->ipa + o->size && o->ipa <= e) {
					u64 lo = MIN(b, o->ipa), hi = MAX(e, o->ipa + o->size);

					o->ipa = o->pa = lo;
					o->size = hi - lo;
					break;
				}
			}
			if (k == n && n < max)
				out[n++] =
				    (struct g_region){b, b, e - b, BH_REGION_DEVICE, dv->path};
		}
	}
	/* GICv2: the virtual CPU interface, where the partition's DTB puts the GICC. */
	if (s->gic_version == 2 && s->gic_node >= 0 && n < max)
		out[n++] = (struct g_region){s->gicc.base, s->gicv.base, VGICC_SIZE,
					     BH_REGION_DEVICE, "the GIC virtual CPU interface"};
	return n + gen_part_bus_regions(s, p, out + n, max - n);
}

void gen_layout(struct g_sys *s)
{
	for (int i = 0; i < s->npart; i++)
		place(s, &s->part[i]);
}
