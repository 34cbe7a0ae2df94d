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
		 "dtc -q -I dts -O dtb -o %s -", getenv("BH_SRCTREE") ? getenv("BH_SRCTREE") : ".",
		 src, out);
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

int gen_check_body(struct g_sys *sys, const char *body, struct gen_opts *o, char *diag,
		   size_t len)
{
	static char dts[16384];
	size_t size;
	void *fdt;
	FILE *f;
	int n;

	snprintf(dts, sizeof(dts),
		 "#include \"%s.dtsi\"\n/ { bulkhead { compatible = \"bulkhead,system-v1\";\n%s\n}; };\n",
		 strcmp(o->arch, "x86") ? "qemu_arm64" : "qemu_x86_64", body);
	fdt = compile_dts(dts, &size);
	if (!fdt)
		return -1;
	memset(diag, 0, len);
	f = fmemopen(diag, len - 1, "w");
	o->err = f;
	n = gen_check(sys, fdt, size, o);
	fclose(f);
	free(fdt);
	return n;
}
