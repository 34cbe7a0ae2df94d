// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../../tools/gen/model.h"
#include "dtc_helper.h"

void *compile_dts(const char *dts, size_t *size)
{
	char src[] = "/tmp/bh-unit-XXXXXX.dts", cmd[1024], out[64];
	int fd = mkstemps(src, 4);
	FILE *f;
	void *buf;
	long n;

	if (fd < 0)
		return NULL;
	if (write(fd, dts, strlen(dts)) != (ssize_t)strlen(dts)) {
		close(fd);
		return NULL;
	}
	close(fd);
	snprintf(out, sizeof(out), "%s.dtb", src);
	snprintf(cmd, sizeof(cmd),
		 "cpp -nostdinc -undef -x assembler-with-cpp -I%s/configs/boards %s | "
		 "dtc -q -I dts -O dtb -o %s -",
		 getenv("BH_SRCTREE") ? getenv("BH_SRCTREE") : ".", src, out);
	if (system(cmd)) {
		unlink(src);
		return NULL;
	}
	unlink(src);
	f = fopen(out, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	unlink(out);
	*size = (size_t)n;
	return buf;
}

int gen_run_dts(gen_check_fn check, struct g_sys *sys, const char *dts, struct gen_opts *o,
		char *diag, size_t len)
{
	size_t size;
	void *fdt;
	FILE *f;
	int n;

	fdt = compile_dts(dts, &size);
	if (!fdt)
		return -1;
	memset(diag, 0, len);
	f = fmemopen(diag, len - 1, "w");
	o->err = f;
	n = check(sys, fdt, size, o);
	fclose(f);
	free(fdt);
	return n;
}

int gen_check_body(struct g_sys *sys, const char *body, struct gen_opts *o, char *diag, size_t len)
{
	static char dts[16384];

	snprintf(dts, sizeof(dts),
		 "#include \"%s.dtsi\"\n/ { bulkhead { compatible = "
		 "\"bulkhead,system-v1\";\n%s\n}; };\n",
		 strcmp(o->arch, "x86") ? "qemu_arm64" : "qemu_x86_64", body);
	return gen_run_dts(gen_check, sys, dts, o, diag, len);
}

/*
 * As gen_check_body, with the source map the Makefile makes (cpp keeps its
 * line markers, dtc annotates positions): the body starts on line 3 of
 * o->dts_name.
 */
int gen_check_body_srcmap(struct g_sys *sys, const char *body, struct gen_opts *o, char *diag,
			  size_t len)
{
	char dir[] = "/tmp/bh-unit-XXXXXX", src[64], cmd[1024], pre[80], pos[80];
	struct g_srcmap *m;
	FILE *f;
	int n;

	if (!mkdtemp(dir))
		return -1;
	snprintf(src, sizeof(src), "%s/system.dts", dir);
	snprintf(pre, sizeof(pre), "%s.pre", src);
	snprintf(pos, sizeof(pos), "%s.srcpos", src);
	f = fopen(src, "w");
	if (!f)
		return -1;
	fprintf(f,
		"#include \"%s.dtsi\"\n/ { bulkhead { compatible = \"bulkhead,system-v1\";\n%s\n}; "
		"};\n",
		strcmp(o->arch, "x86") ? "qemu_arm64" : "qemu_x86_64", body);
	fclose(f);
	snprintf(cmd, sizeof(cmd),
		 "cpp -nostdinc -undef -x assembler-with-cpp -I%s/configs/boards -o %s %s && "
		 "dtc -q -I dts -O dts -T -T -o %s %s",
		 getenv("BH_SRCTREE") ? getenv("BH_SRCTREE") : ".", pre, src, pos, pre);
	n = system(cmd);
	m = n ? NULL : gen_srcmap_read(pos, src, o->dts_name);
	unlink(pre);
	unlink(pos);
	unlink(src);
	rmdir(dir);
	if (!m)
		return -1;
	o->srcmap = m;
	n = gen_check_body(sys, body, o, diag, len);
	o->srcmap = NULL;
	gen_srcmap_free(m);
	return n;
}

/* A bzImage with the setup header fields bulkhead-gen reads: 4 setup sectors, then the kernel. */
void write_bzimage(const char *path, unsigned version, unsigned char xloadflags)
{
	static unsigned char img[5 * 512 + 4096];
	FILE *f;

	memset(img, 0, sizeof(img));
	img[0x1f1] = 4;
	img[0x1fe] = 0x55;
	img[0x1ff] = 0xaa;
	img[0x200] = 0xeb;
	img[0x201] = 0x6a; /* the header ends at 0x26c */
	memcpy(img + 0x202, "HdrS", 4);
	img[0x206] = version & 0xff;
	img[0x207] = (unsigned char)(version >> 8);
	img[0x211] = 1;	   /* LOADED_HIGH */
	img[0x232] = 0x20; /* kernel_alignment 2 MiB */
	img[0x234] = 1;	   /* relocatable */
	img[0x236] = xloadflags;
	img[0x238] = 0xff; /* cmdline_size 2047 */
	img[0x239] = 0x07;
	img[0x25b] = 0x01; /* pref_address 16 MiB */
	img[0x263] = 0x02; /* init_size 32 MiB */
	f = fopen(path, "wb");
	if (!f)
		abort();
	if (fwrite(img, 1, sizeof(img), f) != sizeof(img))
		abort();
	fclose(f);
}
