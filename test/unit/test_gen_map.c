// SPDX-License-Identifier: GPL-2.0
/*
 * Generator: the system map make prints, the Graphviz picture make
 * diagram draws and the JSON programs read (emit_map.c, emit_dot.c,
 * emit_json.c), from a small system with a
 * device, an ipa-base and channels both ways; and the checks make diagram
 * runs, which must not need the partitions' images.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "../../tools/gen/model.h"
#include "dtc_helper.h"

#define HV                                                                                         \
	"hypervisor { memory = <0x0 0x40000000 0x0 0x00800000>; "                                  \
	"image-store = <0x0 0x40800000 0x0 0x03800000>; console = <&uart0>; "                      \
	"rollback-store = <0x0 0x07f80000 0x0 0x00080000>; };"
#define ROOT                                                                                       \
	"root: partition-root { compatible = \"bulkhead,partition\"; bulkhead,root; "              \
	"cpus = <&cpu0>; memory = <0x0 0x44000000 0x0 0x04000000>; program = \"root\"; "           \
	"devices = <&virtio_mmio31>; };"
#define C1                                                                                         \
	"c1: partition-c1 { compatible = \"bulkhead,partition\"; cpus = <&cpu1 &cpu2>; "           \
	"memory = <0x0 0x48000000 0x0 0x02000000>; ipa-base = <0x0 0x40000000>; "                  \
	"program = \"hello\"; watchdog = <2500>; };"
#define BUS                                                                                        \
	"vmbus { console-c1 { compatible = \"bulkhead,channel\"; class = \"console\"; "            \
	"provider = <&root>; consumer = <&c1>; ring-size = <0x4000>; }; "                          \
	"rpc-c1 { compatible = \"bulkhead,channel\"; class = \"rpc\"; provider = <&c1>; "          \
	"consumer = <&root>; ring-size = <0x4000>; }; };"

static struct g_sys sys;
static char diag[8192];

static struct gen_opts opts(void)
{
	struct gen_opts o = {.dts_name = "small.dts",
			     .arch = "arm64",
			     .programs = "root hello",
			     .nr_cpus = 4,
			     .max_partitions = 8,
			     .max_vcpus = 8,
			     .max_regions = 64,
			     .max_channels = 16,
			     .max_spi = 256};
	return o;
}

/* What a writer printed, as a string (freed by the caller). */
static char *written(int (*write)(const struct g_sys *, FILE *))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(write(&sys, f), 0);
	fclose(f);
	return buf;
}

static void map_lines(void **state)
{
	struct gen_opts o = opts();
	char *map;

	(void)state;
	assert_int_equal(gen_check_body(&sys, HV ROOT C1 BUS, &o, diag, sizeof(diag)), 0);
	map = written(gen_write_map);
	assert_string_equal(
	    map,
	    "  MAP      small.dts: 2 partitions, 2 channels\n"
	    "    hypervisor  RAM 0x40000000+8 MiB, console pl011@9000000\n"
	    "                image store 0x40800000+56 MiB\n"
	    "                rollback store 0x7f80000+512 KiB\n"
	    "    root        cpu@0        RAM 0x44000000+64 MiB   devices virtio_mmio@a003e00\n"
	    "    c1          cpu@1 cpu@2  RAM 0x48000000+32 MiB at 0x40000000   watchdog 2500 ms\n"
	    "    channels    console-c1  root -> c1  console  0x7fff8000+32 KiB\n"
	    "                rpc-c1      c1 -> root  rpc      0x7fff0000+32 KiB\n");
	free(map);
}

/* x86: the console on I/O ports, the AP start-up page among the hypervisor's own. */
static void map_and_dot_x86(void **state)
{
	struct gen_opts o = opts();
	char *map, *dot;

	(void)state;
	o.arch = "x86";
	o.programs = "hello";
	assert_int_equal(
	    gen_check_body(&sys,
			   "hypervisor { memory = <0x0 0x01000000 0x0 0x00800000>; "
			   "image-store = <0x0 0x02000000 0x0 0x03800000>; console = <&com1>; "
			   "ap-trampoline = <0x0 0x8000 0x0 0x1000>; };"
			   "partition-root { compatible = \"bulkhead,partition\"; "
			   "bulkhead,root; cpus = <&cpu0 &cpu1>; memory = <0x0 0x10000000 "
			   "0x0 0x04000000>; program = \"hello\"; };",
			   &o, diag, sizeof(diag)),
	    0);
	map = written(gen_write_map);
	assert_string_equal(map, "  MAP      small.dts: 1 partition, 0 channels\n"
				 "    hypervisor  RAM 0x1000000+8 MiB, console serial@3f8\n"
				 "                image store 0x2000000+56 MiB\n"
				 "                AP start-up page 0x8000+4 KiB\n"
				 "    root        cpu@0 cpu@1  RAM 0x10000000+64 MiB\n");
	dot = written(gen_write_dot);
	assert_non_null(strstr(dot,
			       "label=<serial@3f8<BR/><FONT POINT-SIZE=\"8\">I/O ports 0x3f8+0x8"
			       "</FONT>>];\n"));
	assert_null(strstr(dot, "channel-"));
	free(map);
	free(dot);
}

/* system.json: the fixed schema, integers, partitions by index, strings escaped. */
static void json_schema(void **state)
{
	struct gen_opts o = opts();
	char *json;

	(void)state;
	o.board = "qemu_arm64";
	o.version = "0.1";
	o.dts_name = "my \"small\"\\.dts";
	assert_int_equal(gen_check_body(&sys, HV ROOT C1 BUS, &o, diag, sizeof(diag)), 0);
	json = written(gen_write_json);
	assert_string_equal(
	    json,
	    "{\"board\": \"qemu_arm64\", \"arch\": \"arm64\", \"nr_cpus\": 4, \"version\": "
	    "\"0.1\",\n"
	    " \"source\": \"my \\\"small\\\"\\\\.dts\",\n"
	    " \"hypervisor\": {\"ram\": {\"base\": 1073741824, \"size\": 8388608}, "
	    "\"console\": \"pl011@9000000\", \"image_stores\": [{\"base\": 1082130432, "
	    "\"size\": 58720256}], \"rollback_store\": {\"base\": 133693440, \"size\": 524288}},\n"
	    " \"partitions\": [\n"
	    "  {\"index\": 0, \"name\": \"root\", \"role\": \"root\", \"program\": \"root\", "
	    "\"cpus\": [0], \"ram\": {\"base\": 1140850688, \"size\": 67108864}, "
	    "\"devices\": [\"virtio_mmio@a003e00\"]},\n"
	    "  {\"index\": 1, \"name\": \"c1\", \"role\": \"child\", \"program\": \"hello\", "
	    "\"cpus\": [1, 2], \"ram\": {\"base\": 1207959552, \"size\": 33554432}, "
	    "\"devices\": []}\n"
	    " ],\n"
	    " \"channels\": [\n"
	    "  {\"name\": \"console-c1\", \"provider\": \"root\", \"client\": \"c1\", "
	    "\"class\": \"console\"},\n"
	    "  {\"name\": \"rpc-c1\", \"provider\": \"c1\", \"client\": \"root\", \"class\": "
	    "\"rpc\"}\n"
	    " ]}\n");
	free(json);
}

/* What the generator is not told is null; so is a rollback store the system lacks. */
static void json_unknowns(void **state)
{
	struct gen_opts o = opts();
	char *json;

	(void)state;
	o.dts_name = "ctl\x01.dts";
	assert_int_equal(gen_check_body(&sys,
					"hypervisor { memory = <0x0 0x40000000 0x0 0x00800000>; "
					"image-store = <0x0 0x40800000 0x0 0x03800000>; "
					"console = <&uart0>; };" ROOT,
					&o, diag, sizeof(diag)),
			 0);
	json = written(gen_write_json);
	assert_non_null(strstr(json, "{\"board\": null, \"arch\": \"arm64\", \"nr_cpus\": 4, "
				     "\"version\": null,\n \"source\": \"ctl\\u0001.dts\",\n"));
	assert_non_null(strstr(json,
			       "\"image_stores\": [{\"base\": 1082130432, \"size\": 58720256}], "
			       "\"rollback_store\": null},\n"));
	assert_non_null(strstr(json, " \"channels\": [\n ]}\n"));
	free(json);
}

/* Sizes in the largest unit that divides them, else in hex. */
static void sizes(void **state)
{
	char b[24];

	(void)state;
	assert_string_equal(gen_size_str(0x40000000, b, sizeof(b)), "1 GiB");
	assert_string_equal(gen_size_str(0x4000, b, sizeof(b)), "16 KiB");
	assert_string_equal(gen_size_str(0x200, b, sizeof(b)), "0x200");
	assert_string_equal(gen_size_str(0, b, sizeof(b)), "0x0");
}

static int count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void dot_boxes_and_arrows(void **state)
{
	struct gen_opts o = opts();
	char *dot;

	(void)state;
	assert_int_equal(gen_check_body(&sys, HV ROOT C1 BUS, &o, diag, sizeof(diag)), 0);
	dot = written(gen_write_dot);
	assert_non_null(strstr(dot, "digraph bulkhead {\n"));
	/* A box per partition with its CPUs and RAM; the root coloured apart. */
	assert_non_null(strstr(dot, "p0 [id=\"partition-root\", fillcolor=\"#c9daf8\", "
				    "label=<<B>root</B><BR/>cpu@0<BR/>RAM 0x44000000+64 MiB<BR/>"
				    "<I>program root</I>>];\n"));
	assert_non_null(strstr(dot, "p1 [id=\"partition-c1\", fillcolor=\"#d9ead3\", "
				    "label=<<B>c1</B><BR/>cpu@1 cpu@2<BR/>RAM 0x48000000+32 MiB at "
				    "0x40000000<BR/><I>program hello</I>>];\n"));
	/* Its device under it, in its cluster; the console under the hypervisor. */
	assert_non_null(strstr(dot, "p0 -> d32 [arrowhead=none, style=dashed, color=gray50];\n"));
	assert_non_null(strstr(dot, "hv -> d35 [arrowhead=none, style=dashed, color=gray50];\n"));
	/* One arrow per channel, provider to consumer, labelled with its class. */
	assert_int_equal(count(dot, "[id=\"channel-"), 2);
	assert_non_null(strstr(dot, "\tp0 -> p1 [id=\"channel-console-c1\", label=<console<BR/>"));
	assert_non_null(strstr(dot, "\tp1 -> p0 [id=\"channel-rpc-c1\", label=<rpc<BR/>"));
	assert_true(dot[strlen(dot) - 2] == '}');
	free(dot);
}

/* Runs check (gen_check or gen_check_diagram) on the board + a /bulkhead body. */
static int check_fdt(gen_check_fn check, const char *body)
{
	static char dts[8192];
	struct gen_opts o = opts();
	int n;

	snprintf(dts, sizeof(dts),
		 "#include \"qemu_arm64.dtsi\"\n/ { bulkhead { "
		 "compatible = \"bulkhead,system-v1\";\n%s\n}; };\n",
		 body);
	memset(&sys, 0, sizeof(sys));
	n = gen_run_dts(check, &sys, dts, &o, diag, sizeof(diag));
	assert_true(n >= 0);
	return n;
}

/*
 * make diagram runs every check except the image layout: an external image
 * not fetched yet is fine there (the full generation names it), a
 * description error is not.
 */
static void diagram_checks_without_images(void **state)
{
	const char *external = HV ROOT "partition-l { compatible = \"bulkhead,partition\"; "
				       "cpus = <&cpu1>; memory = <0x0 0x48000000 0x0 0x02000000>; "
				       "image = \"/nonexistent/Image\"; };";
	const char *clash = HV ROOT "partition-x { compatible = \"bulkhead,partition\"; "
				    "cpus = <&cpu0>; memory = <0x0 0x48000000 0x0 0x02000000>; "
				    "program = \"hello\"; };";

	(void)state;
	assert_int_equal(check_fdt(gen_check_diagram, external), 0);
	assert_string_equal(diag, "");
	assert_int_equal(sys.npart, 2);
	assert_int_equal(check_fdt(gen_check, external), 1);
	assert_non_null(strstr(diag, "/nonexistent/Image"));
	assert_int_equal(check_fdt(gen_check_diagram, clash), 1);
	assert_non_null(strstr(diag, "small.dts: /bulkhead/partition-x: cpu /cpus/cpu@0 is already "
				     "assigned to /bulkhead/partition-root\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(map_lines),
	    cmocka_unit_test(map_and_dot_x86),
	    cmocka_unit_test(json_schema),
	    cmocka_unit_test(json_unknowns),
	    cmocka_unit_test(sizes),
	    cmocka_unit_test(dot_boxes_and_arrows),
	    cmocka_unit_test(diagram_checks_without_images),
	};

	return cmocka_run_group_tests_name("generator-map", tests, NULL, NULL);
}
