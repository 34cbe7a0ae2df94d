// SPDX-License-Identifier: GPL-2.0
/*
 * Linux's x86 boot protocol (Documentation/arch/x86/boot.rst) for a
 * partition whose image is a bzImage: the protected-mode kernel is placed
 * at an aligned address and entered at its 64-bit entry (+0x200); in place
 * of the partition DTB the partition gets its boot parameters ("zero page"):
 * the kernel's own setup header, the command line, the initrd, an E820
 * map of exactly the partition's RAM and its ACPI tables (x86_acpi.c). All
 * of it is fixed at build time.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "model.h"

/* Offsets in the bzImage and in struct boot_params (they share the header). */
#define HDR_START	 0x1f1 /* setup_sects: where the setup header begins */
#define HDR_END_MAX	 0x290 /* edd_mbr_sig_buffer: the header ends before it */
#define OFF_JUMP	 0x200 /* a short jump over the header: its length */
#define OFF_MAGIC	 0x202 /* "HdrS" */
#define OFF_VERSION	 0x206
#define OFF_LOADER	 0x210 /* type_of_loader */
#define OFF_LOADFLAGS	 0x211
#define OFF_RAMDISK	 0x218 /* ramdisk_image, ramdisk_size */
#define OFF_CMDLINE	 0x228 /* cmd_line_ptr */
#define OFF_ALIGN	 0x230 /* kernel_alignment */
#define OFF_RELOC	 0x234 /* relocatable_kernel */
#define OFF_XLOAD	 0x236 /* xloadflags */
#define OFF_CMDLINE_SIZE 0x238
#define OFF_PREF	 0x258 /* pref_address */
#define OFF_INIT_SIZE	 0x260
#define OFF_EXT_RAMDISK	 0x0c0
#define OFF_EXT_CMDLINE	 0x0c8
#define OFF_E820_ENTRIES 0x1e8
#define OFF_E820	 0x2d0
#define LOADED_HIGH	 0x01
#define XLF_KERNEL_64	 0x01
#define ENTRY_64	 0x200 /* the 64-bit entry, from the protected-mode kernel's start */
#define OFF_ACPI_RSDP	 0x070
#define CMDLINE_AT	 BH_X86_CMDLINE_OFFSET /* the command line follows the zero page */
#define ACPI_AT		 0x2000		       /* then the ACPI tables (x86_acpi.c) */
#define PARAMS_MAX	 0x10000ULL
#define E820_RAM	 1
#define E820_RESERVED	 2
#define LEGACY_HOLE	 0xa0000ULL /* VGA memory and BIOS ROMs on a PC, up to 1 MiB */
#define SZ_1M		 0x100000ULL
#define MIN_RAM		 0x4000000ULL /* 64 MiB: what Debian's kernel and an initramfs need at least */

static u32 rd32(const unsigned char *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static u64 rd64(const unsigned char *p)
{
	return rd32(p) | (u64)rd32(p + 4) << 32;
}

static void wr32(unsigned char *p, u32 v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static void wr64(unsigned char *p, u64 v)
{
	wr32(p, (u32)v);
	wr32(p + 4, (u32)(v >> 32));
}

/* The bootargs, and the TSC rate the hypervisor fills in unless they give one. */
static bool needs_tsc_slot(const struct g_part *p)
{
	return !strstr(p->bootargs, BH_X86_TSC_KHZ_OPTION);
}

static size_t cmdline_len(const struct g_part *p)
{
	return strlen(p->bootargs) + (needs_tsc_slot(p) ? 1 + strlen(BH_X86_TSC_KHZ_SLOT) : 0);
}

bool gen_x86_is_bzimage(const unsigned char *h, size_t n)
{
	return n > OFF_INIT_SIZE + 4 && h[0x1fe] == 0x55 && h[0x1ff] == 0xaa &&
	       !memcmp(h + OFF_MAGIC, "HdrS", 4);
}

/*
 * Places the kernel: the protected-mode part at an address aligned as it
 * asks (its preferred one if the partition's RAM has it), the setup sectors
 * just below it (they come along in the one FIT image and are never run).
 */
bool gen_x86_linux_header(struct g_sys *s, struct g_part *p, const char *file,
			  const unsigned char *h, u64 file_size)
{
	u32 setup_sects = h[HDR_START] ? h[HDR_START] : 4;
	u64 setup_len = (u64)(setup_sects + 1) * 512, align = rd32(h + OFF_ALIGN);
	u64 pref = rd64(h + OFF_PREF), init_size = rd32(h + OFF_INIT_SIZE), pm_base;
	u32 hdr_end = OFF_MAGIC + h[OFF_JUMP + 1];
	u16 version = (u16)(h[OFF_VERSION] | h[OFF_VERSION + 1] << 8);

	if (version < 0x20c || !(h[OFF_XLOAD] & XLF_KERNEL_64) ||
	    !(h[OFF_LOADFLAGS] & LOADED_HIGH)) {
		gen_error(s, p->path,
			  "image '%s': a bzImage without the 64-bit entry point (boot "
			  "protocol 2.12 or later with XLF_KERNEL_64; this one is %u.%02u)",
			  file, version >> 8, version & 0xff);
		return false;
	}
	if (setup_len >= file_size || hdr_end > HDR_END_MAX || hdr_end <= OFF_INIT_SIZE + 4) {
		gen_error(s, p->path,
			  "image '%s': its setup header is malformed (%u setup sectors, "
			  "header end 0x%x)",
			  file, setup_sects, hdr_end);
		return false;
	}
	/* Linux on x86 wants RAM below 1 MiB (its real-mode trampoline, the SIPI page). */
	if (p->has_mem && (p->ipa_base != 0 || p->mem.size < MIN_RAM)) {
		gen_error(
		    s, p->path,
		    "image '%s' is a Linux bzImage: its memory must start at 0 as "
		    "the partition sees it (ipa-base = <0x0 0x0>) and be 64 MiB at least, not "
		    "0x%llx+0x%llx",
		    file, (unsigned long long)p->ipa_base, (unsigned long long)p->mem.size);
		return false;
	}
	if (align < G_PAGE || (align & (align - 1)))
		align = 0x200000; /* what Linux's own default is */
	pm_base = ALIGN_UP(p->ipa_base + BH_X86_BOOT_TABLES_SIZE + setup_len, align);
	if (pref > pm_base && pref - p->ipa_base < p->mem.size && IS_ALIGNED(pref, align))
		pm_base = pref;
	if (!h[OFF_RELOC] && pm_base != pref) {
		gen_error(s, p->path,
			  "image '%s': a kernel that is not relocatable must be at 0x%llx, "
			  "which is not in memory 0x%llx+0x%llx (as the partition sees it)",
			  file, (unsigned long long)pref, (unsigned long long)p->ipa_base,
			  (unsigned long long)p->mem.size);
		return false;
	}
	p->linux_x86 = true;
	for (int d = 0; d < p->ndev; d++)
		if (s->dev[p->dev[d]].nspi)
			gen_warn(s, p->path,
				 "device %s: its interrupts do not reach a Linux partition "
				 "yet (its ACPI tables list no IOAPIC); Linux must poll it",
				 s->dev[p->dev[d]].path);
	p->text_offset = pm_base - setup_len - p->ipa_base;
	p->image_size = setup_len + MAX(file_size - setup_len, init_size);
	p->entry_ipa = pm_base + ENTRY_64;
	p->setup_hdr_len = (int)(hdr_end - HDR_START);
	memcpy(p->setup_hdr, h + HDR_START, (size_t)p->setup_hdr_len);
	p->cmdline_size = rd32(h + OFF_CMDLINE_SIZE);
	if (cmdline_len(p) + 1 > MIN(p->cmdline_size + 1ULL, ACPI_AT - CMDLINE_AT))
		gen_error(s, p->path,
			  "bootargs: %zu bytes with \"" BH_X86_TSC_KHZ_SLOT "\", more "
			  "than the kernel in '%s' takes (%u)",
			  cmdline_len(p), file, p->cmdline_size);
	return true;
}

void gen_params_file(char *buf, size_t n, const char *out_dir, const struct g_part *p)
{
	snprintf(buf, n, "%s/partitions/%s.params", out_dir, p->name);
}

static void e820(unsigned char *zp, int i, u64 addr, u64 size, u32 type)
{
	unsigned char *e = zp + OFF_E820 + 20 * i;

	wr64(e, addr);
	wr64(e + 8, size);
	wr32(e + 16, type);
}

/* The zero page, the command line and ACPI tables: partitions/<name>.params. */
static int emit_one(const struct g_sys *s, const struct g_part *p, const char *file)
{
	static unsigned char zp[PARAMS_MAX];
	u64 cmdline = p->dtb_ipa + CMDLINE_AT;
	size_t acpi, len;
	FILE *f;

	memset(zp, 0, sizeof(zp));
	memcpy(zp + HDR_START, p->setup_hdr, (size_t)p->setup_hdr_len);
	zp[OFF_LOADER] = 0xff; /* a boot loader without an assigned ID */
	if (p->initrd_size) {
		wr32(zp + OFF_RAMDISK, (u32)p->initrd_ipa);
		wr32(zp + OFF_RAMDISK + 4, (u32)p->initrd_size);
		wr32(zp + OFF_EXT_RAMDISK, (u32)(p->initrd_ipa >> 32));
		wr32(zp + OFF_EXT_RAMDISK + 4, (u32)(p->initrd_size >> 32));
	}
	wr32(zp + OFF_CMDLINE, (u32)cmdline);
	wr32(zp + OFF_EXT_CMDLINE, (u32)(cmdline >> 32));
	snprintf((char *)zp + CMDLINE_AT, ACPI_AT - CMDLINE_AT, "%s%s%s", p->bootargs,
		 needs_tsc_slot(p) && p->bootargs[0] ? " " : "",
		 needs_tsc_slot(p) ? BH_X86_TSC_KHZ_SLOT : "");
	acpi = gen_x86_acpi(s, p, p->dtb_ipa + ACPI_AT, zp + ACPI_AT, PARAMS_MAX - ACPI_AT);
	if (!acpi) {
		errno = ENOSPC;
		return -1;
	}
	wr64(zp + OFF_ACPI_RSDP, p->dtb_ipa + ACPI_AT);
	/*
	 * A PC's map (Linux ignores a map of one entry): the legacy hole and
	 * these parameters (the ACPI tables stay in use) reserved.
	 */
	zp[OFF_E820_ENTRIES] = 4;
	e820(zp, 0, 0, LEGACY_HOLE, E820_RAM);
	e820(zp, 1, LEGACY_HOLE, SZ_1M - LEGACY_HOLE, E820_RESERVED);
	e820(zp, 2, SZ_1M, p->dtb_ipa - SZ_1M, E820_RAM);
	e820(zp, 3, p->dtb_ipa, p->ipa_base + p->mem.size - p->dtb_ipa, E820_RESERVED);
	len = ACPI_AT + acpi;
	f = fopen(file, "wb");
	if (!f)
		return -1;
	if (fwrite(zp, 1, len, f) != len) {
		fclose(f);
		return -1;
	}
	return fclose(f) ? -1 : 0;
}

int gen_emit_x86_params(struct g_sys *s, const char *out_dir)
{
	char file[600];

	for (int i = 0; i < s->npart; i++) {
		if (!s->part[i].linux_x86)
			continue;
		gen_params_file(file, sizeof(file), out_dir, &s->part[i]);
		if (emit_one(s, &s->part[i], file)) {
			fprintf(s->opt->err, "bulkhead-gen: %s: %s\n", file, strerror(errno));
			return -1;
		}
	}
	return 0;
}
