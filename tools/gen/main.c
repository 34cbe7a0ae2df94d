// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead-gen: validates a compiled system DTB and generates the
 * hypervisor's static tables, each partition's DTB and the FIT source.
 * Exit status 1 with every error on stderr when the description is wrong.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "model.h"

static void usage(void)
{
	fprintf(
	    stderr,
	    "usage: bulkhead-gen --dts NAME --dtb FILE --out DIR [--arch A] [--nr-cpus N]\n"
	    "       [--max-partitions N] [--max-vcpus N] [--max-regions N] [--max-spi N] [--gic "
	    "2|3]\n"
	    "       [--max-channels N] [--sign sha256,ecdsa256|sha256,rsa3072] [--key-name K]\n"
	    "       [--programs \"a b\"] [--dts-dir DIR] [--search-dir DIR] [--check] [--quiet]\n"
	    "       [--srcmap FILE]  dtc -O dts -T -T output: messages get file:line\n"
	    "       [--system-mk FILE]  only write the make fragment (addresses, inputs)\n"
	    "       [--dot FILE]        only check and write the Graphviz picture\n"
	    "       [--system-json FILE [--board B] [--version V]]  also write the system as "
	    "JSON\n");
	exit(2);
}

static void *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	void *buf;
	long n;

	if (!f)
		return NULL;
	/* A folder opens and seeks too, to a size no allocation takes: say what it is. */
	if (!fstat(fileno(f), &st) && S_ISDIR(st.st_mode)) {
		fclose(f);
		errno = EISDIR;
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return NULL;
	}
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*size = (size_t)n;
	return buf;
}

int main(int argc, char **argv)
{
	static struct g_sys sys;
	struct gen_opts o = {.dts_name = "system.dts",
			     .arch = "arm64",
			     .nr_cpus = 4,
			     .max_partitions = 8,
			     .max_vcpus = 8,
			     .max_regions = 32,
			     .max_channels = 16,
			     .max_spi = 256,
			     .programs = "",
			     .err = stderr}; /* gen_emit_x86_params reports there too */
	const char *dtb = NULL, *out = NULL, *system_mk = NULL, *dot = NULL, *srcmap = NULL;
	const char *json = NULL;
	char dir[600], progdir[600], hvbin[600];
	bool check_only = false;
	size_t size;
	void *fdt;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--check")) {
			check_only = true;
			continue;
		}
		if (!strcmp(a, "--quiet")) {
			o.quiet = true;
			continue;
		}
		if (!v)
			usage();
		i++;
		if (!strcmp(a, "--dts"))
			o.dts_name = v;
		else if (!strcmp(a, "--dtb"))
			dtb = v;
		else if (!strcmp(a, "--out"))
			out = v;
		else if (!strcmp(a, "--arch"))
			o.arch = v;
		else if (!strcmp(a, "--nr-cpus"))
			o.nr_cpus = atoi(v);
		else if (!strcmp(a, "--max-partitions"))
			o.max_partitions = atoi(v);
		else if (!strcmp(a, "--max-vcpus"))
			o.max_vcpus = atoi(v);
		else if (!strcmp(a, "--max-regions"))
			o.max_regions = atoi(v);
		else if (!strcmp(a, "--sign"))
			o.sign_algo = *v ? v : NULL;
		else if (!strcmp(a, "--key-name"))
			o.key_name = v;
		else if (!strcmp(a, "--max-channels"))
			o.max_channels = atoi(v);
		else if (!strcmp(a, "--gic"))
			o.gic_version = atoi(v);
		else if (!strcmp(a, "--max-spi"))
			o.max_spi = (u32)atoi(v);
		else if (!strcmp(a, "--programs"))
			o.programs = v;
		else if (!strcmp(a, "--dts-dir"))
			o.dts_dir = v;
		else if (!strcmp(a, "--search-dir"))
			o.search_dir = v;
		else if (!strcmp(a, "--srcmap"))
			srcmap = v;
		else if (!strcmp(a, "--system-mk"))
			system_mk = v;
		else if (!strcmp(a, "--dot"))
			dot = v;
		else if (!strcmp(a, "--system-json"))
			json = v;
		else if (!strcmp(a, "--board"))
			o.board = v;
		else if (!strcmp(a, "--version"))
			o.version = v;
		else
			usage();
	}
	if (!dtb || (!out && !check_only && !system_mk && !dot))
		usage();
	/* The name is written into C and ITS comments: it must not end one. */
	for (const char *c = o.dts_name; *c; c++)
		if ((unsigned char)*c < 0x20 || (c[0] == '*' && c[1] == '/')) {
			fprintf(stderr, "bulkhead-gen: a system description named with a control "
					"character or \"*/\" is refused\n");
			return 1;
		}
	fdt = read_file(dtb, &size);
	if (!fdt) {
		fprintf(stderr, "bulkhead-gen: %s: %s\n", dtb, strerror(errno));
		return 1;
	}
	if (system_mk) {
		/* Silent: the full run that follows reports what is wrong. */
		o.err = fopen("/dev/null", "w");
		gen_parse(&sys, fdt, size, &o);
		if (gen_emit_system_mk(&sys, system_mk)) {
			fprintf(stderr, "bulkhead-gen: cannot write %s: %s\n", system_mk,
				strerror(errno));
			return 1;
		}
		return 0;
	}
	if (srcmap) {
		/* cpp named the description by its full path: dts-dir/<its file name>. */
		const char *base = strrchr(o.dts_name, '/');
		char main_path[1200];

		snprintf(main_path, sizeof(main_path), "%s/%s", o.dts_dir ? o.dts_dir : ".",
			 base ? base + 1 : o.dts_name);
		/* A build folder from before the map existed: messages without lines. */
		o.srcmap = gen_srcmap_read(srcmap, main_path, o.dts_name);
	}
	if (out && !dot) {
		snprintf(progdir, sizeof(progdir), "%s/partitions", out);
		o.prog_dir = progdir;
	}
	if (dot ? gen_check_diagram(&sys, fdt, size, &o) : gen_check(&sys, fdt, size, &o)) {
		fprintf(stderr, "%s: %d error%s in the system description\n", o.dts_name,
			sys.errors, sys.errors == 1 ? "" : "s");
		return 1;
	}
	if (check_only)
		return 0;
	if (dot) {
		if (!gen_emit_dot(&sys, dot))
			return 0;
		fprintf(stderr, "bulkhead-gen: cannot write %s: %s\n", dot, strerror(errno));
		return 1;
	}
	snprintf(dir, sizeof(dir), "%s/generated", out);
	mkdir(dir, 0777);
	snprintf(hvbin, sizeof(hvbin), "%s/bulkhead.bin", out);
	if (gen_emit_c(&sys, dir) || gen_emit_dtbs(&sys, out) || gen_emit_x86_params(&sys, out) ||
	    gen_emit_its(&sys, out, hvbin) || gen_emit_map(&sys, dir) ||
	    (json && gen_emit_json(&sys, json))) {
		fprintf(stderr, "bulkhead-gen: cannot write the generated files in %s\n", out);
		return 1;
	}
	return 0;
}
