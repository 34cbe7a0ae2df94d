// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead-gen as make runs it (tools/gen/main.c, included with its main
 * renamed): a system description through cpp and dtc into a build folder,
 * then the files it writes read back: the hypervisor's tables
 * (hv_config.c, layout.lds), each partition's DTB, the FIT source, the make
 * fragment, and its exit status and messages for every way a run can fail.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <libfdt.h>
#include "../../tools/gen/model.h"
#include "dtc_helper.h"

/* main.c's exit() (usage) comes back here instead of ending the test. */
__attribute__((noreturn)) void gen_exit(int status);
int gen_main(int argc, char **argv);
#define exit gen_exit
#define main gen_main
#include "../../tools/gen/main.c"
#undef main
#undef exit

static jmp_buf exit_jmp;

void gen_exit(int status)
{
	longjmp(exit_jmp, 0x100 | status);
}

static char tmp[64];	   /* this test's folder */
static char err[32768];	   /* what the last run said on stderr */
static char paths[8][600]; /* at()'s answers */
static int next_path;

/* <tmp>/<rel> (formatted); valid for the next 7 calls. */
static const char *at(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static const char *at(const char *fmt, ...)
{
	char *p = paths[next_path++ % 8];
	va_list ap;
	int n = snprintf(p, 600, "%s/", tmp);

	va_start(ap, fmt);
	vsnprintf(p + n, (size_t)(600 - n), fmt, ap);
	va_end(ap);
	return p;
}

/* bulkhead-gen with these arguments (NULL-terminated): its exit status, stderr in err. */
static int gen_argv(const char *const *args)
{
	char *argv[64];
	int argc = 0, saved;
	volatile int rc;
	FILE *t = tmpfile();
	size_t n;

	argv[argc++] = (char *)"bulkhead-gen";
	while (*args && argc < 63)
		argv[argc++] = (char *)*args++;
	argv[argc] = NULL;
	assert_non_null(t);
	fflush(stderr);
	saved = dup(2);
	dup2(fileno(t), 2);
	rc = setjmp(exit_jmp);
	if (!rc)
		rc = gen_main(argc, argv);
	else
		rc &= 0xff;
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(t);
	n = fread(err, 1, sizeof(err) - 1, t);
	err[n] = '\0';
	fclose(t);
	return rc;
}
#define gen(...) gen_argv((const char *const[]){__VA_ARGS__, NULL})

static void put_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

/* A whole file, NUL-terminated (freed by the caller); NULL if it cannot be read. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return buf;
}

static void sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	assert_int_equal(system(cmd), 0);
}

/*
 * <tmp>/<name>.dts through cpp and dtc as the Makefile runs them:
 * <name>.dtb and dtc's annotated output <name>.dtb.srcpos.
 */
static void build(const char *name, const char *dts)
{
	const char *src = getenv("BH_SRCTREE") ? getenv("BH_SRCTREE") : ".";

	put_file(at("%s.dts", name), dts, strlen(dts));
	sh("cd %s && cpp -nostdinc -undef -x assembler-with-cpp -I%s/configs/boards -o %s.pre "
	   "%s/%s.dts && dtc -q -I dts -O dtb -o %s.dtb %s.pre && "
	   "dtc -q -I dts -O dts -T -T -o %s.dtb.srcpos %s.pre",
	   tmp, src, name, tmp, name, name, name, name, name);
}

/* An arm64 Image header (also our programs'): text offset and size, "ARM\x64" at 0x38. */
static void write_image(const char *path, u64 text_offset, u64 image_size)
{
	unsigned char h[4096] = {0};

	for (int i = 0; i < 8; i++) {
		h[8 + i] = (unsigned char)(text_offset >> (8 * i));
		h[16 + i] = (unsigned char)(image_size >> (8 * i));
	}
	memcpy(h + 0x38, "ARM\x64", 4);
	put_file(path, h, sizeof(h));
}

static int setup(void **state)
{
	(void)state;
	snprintf(tmp, sizeof(tmp), "/tmp/bh-unit-gen-XXXXXX");
	if (!mkdtemp(tmp))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmp);
	return system(cmd);
}

#define HV                                                                                         \
	"hypervisor { memory = <0x0 0x40000000 0x0 0x00800000>; "                                  \
	"image-store = <0x0 0x40800000 0x0 0x03800000>; "                                          \
	"image-store-b = <0x0 0x4c000000 0x0 0x03800000>; "                                        \
	"rollback-store = <0x0 0x07f80000 0x0 0x00080000>; console = <&uart0>; };\n"
#define ROOT                                                                                       \
	"root: partition-root { compatible = \"bulkhead,partition\"; bulkhead,root; "              \
	"cpus = <&cpu0>; memory = <0x0 0x44000000 0x0 0x04000000>; program = \"root\"; "           \
	"devices = <&virtio_mmio31>; restart = \"halt\"; };\n"
/* A Linux-like child: external image and initrd, its memory seen at 0x40000000. */
#define APP                                                                                        \
	"app: partition-app { compatible = \"bulkhead,partition\"; cpus = <&cpu1 &cpu2>; "         \
	"memory = <0x0 0x48000000 0x0 0x02000000>; ipa-base = <0x0 0x40000000>; "                  \
	"image = \"app.img\"; initrd = \"app.cpio\"; bootargs = \"console=ttyAMA0 quiet\"; "       \
	"restart = \"restart\"; watchdog = <2500>; security-version = <7>; "                       \
	"on-verify-fail = \"fallback\"; on-bad-access = \"abort\"; };\n"
#define BUS                                                                                        \
	"vmbus {\n"                                                                                \
	"console-app { compatible = \"bulkhead,channel\"; class = \"console\"; "                   \
	"provider = <&root>; consumer = <&app>; ring-size = <0x4000>; };\n"                        \
	"net-app { compatible = \"bulkhead,channel\"; class = \"net\"; provider = <&root>; "       \
	"consumer = <&app>; ring-size = <0x8000>; data-window = <0x4000>; "                        \
	"mac-address = [02 00 5e 00 00 07]; mtu = <9000>; "                                        \
	"instance-guid = \"0123abcd-0000-4000-8000-00000000c0de\"; };\n"                           \
	"disk-app { compatible = \"bulkhead,channel\"; class = \"block\"; provider = <&root>; "    \
	"consumer = <&app>; block-range = <0x0 0x100000 0x0 0x200000>; };\n"                       \
	"};\n"
#define SYSTEM(body)                                                                               \
	"#include \"qemu_arm64.dtsi\"\n/ {\nbulkhead {\ncompatible = "                             \
	"\"bulkhead,system-v1\";\n" body "};\n};\n"

/* The arm64 system above built as make builds it; 0 and nothing said. */
static int gen_arm64(void)
{
	mkdir(at("out"), 0777);
	mkdir(at("out/partitions"), 0777);
	mkdir(at("out/partitions/root"), 0777);
	write_image(at("out/partitions/root/root.bin"), 0, 0x20000);
	write_image(at("app.img"), 0x80000, 0x100000); /* beside the description */
	put_file(at("out/app.cpio"), "07070", 5);      /* in the build folder */
	put_file(at("out/bulkhead.bin"), "hv", 2);
	build("system", SYSTEM(HV ROOT APP BUS));
	return gen("--dts", "system.dts", "--dtb", at("system.dtb"), "--out", at("out"), "--arch",
		   "arm64", "--nr-cpus", "4", "--max-partitions", "8", "--max-vcpus", "8",
		   "--max-regions", "32", "--max-spi", "256", "--gic", "3", "--programs",
		   "root hello", "--max-channels", "8", "--sign", "sha256,ecdsa256", "--key-name",
		   "dev", "--dts-dir", tmp, "--search-dir", at("out"), "--srcmap",
		   at("system.dtb.srcpos"), "--system-json", at("out/generated/system.json"),
		   "--board", "qemu_arm64", "--version", "9.9");
}

#define assert_has(text, s) assert_non_null(strstr(text, s))

/* A partition DTB the last run wrote (freed by the caller), checked by libfdt. */
static void *dtb_of(const char *name)
{
	size_t len;
	void *fdt = slurp(at("out/partitions/%s.dtb", name), &len);

	assert_non_null(fdt);
	assert_int_equal(fdt_check_full(fdt, len), 0);
	return fdt;
}

static int node(const void *fdt, const char *path)
{
	int n = fdt_path_offset(fdt, path);

	if (n < 0)
		fail_msg("no node %s", path);
	return n;
}

static const char *str_at(const void *fdt, const char *path, const char *prop)
{
	const char *v = fdt_getprop(fdt, node(fdt, path), prop, NULL);

	if (!v)
		fail_msg("no %s in %s", prop, path);
	return v;
}

/* Property prop of path as big-endian cells, compared with n expected values. */
static void assert_cells(const void *fdt, const char *path, const char *prop, int n, ...)
{
	int len;
	const fdt32_t *v = fdt_getprop(fdt, node(fdt, path), prop, &len);
	va_list ap;

	if (!v)
		fail_msg("no %s in %s", prop, path);
	assert_int_equal(len, n * 4);
	va_start(ap, n);
	for (int i = 0; i < n; i++)
		assert_int_equal(fdt32_to_cpu(v[i]), va_arg(ap, unsigned int));
	va_end(ap);
}

static bool has_prop(const void *fdt, const char *path, const char *prop)
{
	return fdt_getprop(fdt, node(fdt, path), prop, NULL) != NULL;
}

/*
 * The hypervisor's tables: the load address for u-boot, each partition's
 * CPUs, regions (RAM where it sees it, its device page, its channels),
 * policies and load addresses, the CPUs' owners, the stores; and they are C
 * that builds against the hypervisor's own hv_config.h.
 */
/* REQ: BH-ISO-1 */
static void arm64_hypervisor_tables(void **state)
{
	const char *src = getenv("BH_SRCTREE") ? getenv("BH_SRCTREE") : ".";
	char *c;

	(void)state;
	assert_int_equal(gen_arm64(), 0);
	assert_string_equal(err, "");
	c = slurp(at("out/generated/layout.lds"), NULL);
	assert_non_null(c);
	assert_string_equal(c, "/* Generated by bulkhead-gen from system.dts. Do not edit. */\n"
			       "HV_BASE = 0x40000000;\nHV_SIZE = 0x800000;\n"
			       "HV_TEXT_OFFSET = 0x0;\nHV_UART_TX = 0x9000000;\n");
	free(c);
	c = slurp(at("out/generated/hv_config.c"), NULL);
	assert_non_null(c);
	assert_has(c, "static const u32 p0_cpus[] = { 0, };\n");
	assert_has(c, "static const u32 p1_cpus[] = { 1, 2, };\n");
	/* The root: its RAM identity mapped, then the virtio page. */
	assert_has(c, "static const struct bh_region p0_regions[] = {\n"
		      "\t{ 0x44000000, 0x44000000, 0x4000000, 0x1 },\n"
		      "\t{ 0xa003000, 0xa003000, 0x1000, 0x2 }, /* /virtio_mmio@a003e00 */\n");
	/* app's RAM where it sees it; no device. */
	assert_has(c, "static const struct bh_region p1_regions[] = {\n"
		      "\t{ 0x40000000, 0x48000000, 0x2000000, 0x1 },\n");
	/* app's channel ends: each doorbell to the root's vCPU 0, its event bit = index + 1. */
	assert_has(c, "static const struct bh_chan_end p1_chans[] = {\n"
		      "\t{ .peer = 0, .peer_vcpu = 0, .peer_bit = 1, .peer_index = 0, "
		      ".rate_limit = 100000, .channel = 0 }, /* console-app */\n"
		      "\t{ .peer = 0, .peer_vcpu = 0, .peer_bit = 2, .peer_index = 1, "
		      ".rate_limit = 100000, .channel = 1 }, /* net-app */\n"
		      "\t{ .peer = 0, .peer_vcpu = 0, .peer_bit = 3, .peer_index = 2, "
		      ".rate_limit = 100000, .channel = 2 }, /* disk-app */\n"
		      "\t{ 0 }\n};\n");
	assert_has(c, "static const u32 p1_spis[] = { 0 };\n");
	assert_has(c, "static const u32 p0_spis[] = { 79, };\n"); /* virtio 31: SPI 47 */
	assert_has(c, "\t\t.name = \"app\",\n\t\t.id = 1,\n\t\t.is_root = 0,\n"
		      "\t\t.restart = 1,\n\t\t.nr_vcpus = 2,\n\t\t.cpus = p1_cpus,\n");
	assert_has(c, "\t\t.on_bad_access = BH_BAD_ACCESS_ABORT,\n");
	assert_has(c, "\t\t.ram_ipa = 0x40000000,\n\t\t.ram_pa = 0x48000000,\n"
		      "\t\t.ram_size = 0x2000000,\n\t\t.boot = BH_BOOT_DTB,\n"
		      "\t\t.entry_ipa = 0x40080000,\n\t\t.image_ipa = 0x40080000,\n");
	/* DTB in the top 64 KiB, the 5-byte initrd in the page below it. */
	assert_has(c, "\t\t.dtb_ipa = 0x41ff0000,\n\t\t.dtb_max = 0x10000,\n"
		      "\t\t.initrd_ipa = 0x41fef000,\n\t\t.initrd_max = 0x1000,\n"
		      "\t\t.fit_config = \"partition-app\",\n\t\t.has_initrd = 1,\n"
		      "\t\t.security_version = 7,\n\t\t.fallback = 1,\n");
	assert_has(c, "\t\t.watchdog_ms = 2500,\n");
	assert_has(c, "\t\t.nr_chans = 3,\n\t\t.chans = p1_chans,\n");
	assert_has(c, "static const s32 cpu_partition[] = { 0, 1, 1, -1, };\n"
		      "static const u32 cpu_vcpu[] = { 0, 0, 1, 0, };\n");
	assert_has(c, "\t.store_b_base = 0x4c000000,\n\t.store_b_size = 0x3800000,\n");
	assert_has(c, "\t.rollback_pa = 0x7f80000,\n\t.rollback_size = 0x80000,\n"
		      "\t.rollback_bank_pa = 0x4000000,\n\t.rollback_bank_width = 4,\n");
	assert_has(c, "\t.nr_partitions = 2,\n\t.partitions = partitions,\n");
	assert_has(c, "\t.nr_channels = 3,\n\t.channels = channels,\n};\n");
	free(c);
	/* What the hypervisor's build compiles. */
	sh("gcc -fsyntax-only -Wall -Werror -I%s/include -I%s/include/hw/arm64 "
	   "-DCONFIG_MAX_PARTITIONS=8 %s",
	   src, src, at("out/generated/hv_config.c"));
}

/*
 * Each partition's DTB holds its own share alone: its vCPUs, its memory
 * where it sees it, a redistributor per vCPU, its devices (the board's
 * wiring dropped), the console, its watchdog, its channel ends with the
 * rings this end writes and reads, and the root alone learns where its
 * disk's blocks are and which MAC its consumer has.
 */
static void arm64_partition_dtbs(void **state)
{
	void *app, *root;
	const u8 *mac;
	int len;

	(void)state;
	assert_int_equal(gen_arm64(), 0);
	app = dtb_of("app");
	assert_string_equal(str_at(app, "/chosen", "bulkhead,partition-name"), "app");
	assert_cells(app, "/chosen", "bulkhead,partition-id", 1, 1);
	assert_string_equal(str_at(app, "/chosen", "bootargs"), "console=ttyAMA0 quiet");
	assert_string_equal(str_at(app, "/chosen", "stdout-path"), "/pl011@9000000");
	assert_string_equal(str_at(app, "/aliases", "serial0"), "/pl011@9000000");
	assert_cells(app, "/chosen", "linux,initrd-start", 2, 0, 0x41fef000);
	assert_cells(app, "/chosen", "linux,initrd-end", 2, 0, 0x41fef005);
	assert_string_equal(str_at(app, "/cpus/cpu@1", "enable-method"), "psci");
	assert_true(fdt_path_offset(app, "/cpus/cpu@2") < 0);
	assert_string_equal(str_at(app, "/psci", "method"), "hvc");
	assert_cells(app, "/memory@40000000", "reg", 4, 0, 0x40000000, 0, 0x2000000);
	assert_cells(app, "/intc@8000000", "reg", 8, 0, 0x8000000, 0, 0x10000, 0, 0x80a0000, 0,
		     2 * 0x20000);
	assert_cells(app, "/watchdog@9001000", "timeout-sec", 1, 2); /* 2500 ms: whole seconds */
	assert_cells(app, "/watchdog-clk", "phandle", 1, 0xfe);
	assert_true(fdt_path_offset(app, "/virtio_mmio@a003e00") < 0);
	assert_string_equal(str_at(app, "/vmbus/net-app@1", "bulkhead,role"), "consumer");
	assert_string_equal(str_at(app, "/vmbus/net-app@1", "bulkhead,peer"), "root");
	assert_cells(app, "/vmbus/net-app@1", "bulkhead,tx-ring", 2, 0, 0x8000);
	assert_cells(app, "/vmbus/net-app@1", "bulkhead,rx-ring", 2, 0x8000, 0x8000);
	assert_cells(app, "/vmbus/net-app@1", "bulkhead,tx-window", 2, 0x10000, 0x4000);
	assert_cells(app, "/vmbus/net-app@1", "bulkhead,rx-window", 2, 0x14000, 0x4000);
	assert_cells(app, "/vmbus/net-app@1", "bulkhead,mtu", 1, 9000);
	assert_string_equal(str_at(app, "/vmbus/net-app@1", "bulkhead,instance-guid"),
			    "0123abcd-0000-4000-8000-00000000c0de");
	mac = fdt_getprop(app, node(app, "/vmbus/net-app@1"), "local-mac-address", &len);
	assert_int_equal(len, 6);
	assert_memory_equal(mac, "\x02\x00\x5e\x00\x00\x07", 6);
	assert_false(has_prop(app, "/vmbus/disk-app@2", "bulkhead,block-offset"));
	assert_cells(app, "/reserved-memory/bulkhead-chan@7ffe0000", "reg", 4, 0, 0x7ffe0000, 0,
		     0x18000);

	root = dtb_of("root");
	assert_false(has_prop(root, "/chosen", "bootargs"));
	assert_false(has_prop(root, "/chosen", "linux,initrd-start"));
	assert_true(fdt_path_offset(root, "/watchdog@9001000") < 0);
	assert_cells(root, "/virtio_mmio@a003e00", "reg", 4, 0, 0xa003e00, 0, 0x200);
	assert_cells(root, "/virtio_mmio@a003e00", "interrupts", 3, 0, 47, 1);
	assert_string_equal(str_at(root, "/virtio_mmio@a003e00", "status"), "okay");
	assert_false(has_prop(root, "/virtio_mmio@a003e00", "interrupt-parent"));
	assert_string_equal(str_at(root, "/vmbus/net-app@1", "bulkhead,role"), "provider");
	mac = fdt_getprop(root, node(root, "/vmbus/net-app@1"), "bulkhead,peer-mac-address", &len);
	assert_int_equal(len, 6);
	assert_memory_equal(mac, "\x02\x00\x5e\x00\x00\x07", 6);
	assert_cells(root, "/vmbus/disk-app@2", "bulkhead,block-offset", 2, 0, 0x100000);
	assert_cells(root, "/vmbus/disk-app@2", "bulkhead,block-size", 2, 0, 0x200000);
	/* The UART's clock, copied with the phandle the copied UART refers to. */
	assert_cells(root, "/pl011@9000000", "clocks", 2, 2, 2);
	assert_cells(root, "/apb-pclk", "phandle", 1, 2);
	free(app);
	free(root);
}

/*
 * The FIT source mkimage packs: every image hashed and signed with the
 * configured algorithm and key, each carrying its partition's security
 * version; one signed configuration per partition covering its kernel,
 * DTB and initrd; and it compiles, each data the file it names.
 */
/* REQ: BH-IMG-1 */
static void arm64_fit_source(void **state)
{
	char *its, *itb;
	size_t len;
	int n, cfg;
	const char *v;

	(void)state;
	assert_int_equal(gen_arm64(), 0);
	its = slurp(at("out/generated/bulkhead.its"), NULL);
	assert_non_null(its);
	assert_has(its, "\t\t\tload = <0x0 0x40000000>;\n\t\t\tentry = <0x0 0x40000000>;\n");
	assert_has(its, "\t\tapp-initrd {\n\t\t\tdescription = \"initrd\";\n");
	assert_has(its, "\t\t\ttype = \"ramdisk\";\n\t\t\tarch = \"arm64\";\n");
	assert_has(its, "\t\t\tbulkhead,security-version = <7>;\n\t\t\thash-1 {\n"
			"\t\t\t\talgo = \"sha256\";\n\t\t\t};\n\t\t\tsignature-1 {\n"
			"\t\t\t\talgo = \"sha256,ecdsa256\";\n\t\t\t\tkey-name-hint = \"dev\";\n");
	free(its);
	sh("cd %s && dtc -q -I dts -O dtb -o bulkhead.itb generated/bulkhead.its", at("out"));
	itb = slurp(at("out/bulkhead.itb"), &len);
	assert_non_null(itb);
	assert_int_equal(fdt_check_full(itb, len), 0);
	assert_string_equal(str_at(itb, "/configurations", "default"), "hypervisor");
	cfg = node(itb, "/configurations/partition-app/signature-1");
	assert_int_equal(fdt_stringlist_count(itb, cfg, "sign-images"), 3);
	assert_string_equal(fdt_stringlist_get(itb, cfg, "sign-images", 2, NULL), "ramdisk");
	assert_string_equal(str_at(itb, "/configurations/partition-app", "ramdisk"), "app-initrd");
	assert_string_equal(str_at(itb, "/configurations/partition-root", "fdt"), "root-fdt");
	assert_true(fdt_path_offset(itb, "/configurations/partition-root/ramdisk") < 0);
	cfg = node(itb, "/configurations/partition-root/signature-1");
	assert_int_equal(fdt_stringlist_count(itb, cfg, "sign-images"), 2);
	/* The data: the image beside the description, the initrd from the build folder. */
	assert_non_null(fdt_getprop(itb, node(itb, "/images/app"), "data", &n));
	assert_int_equal(n, 4096);
	v = fdt_getprop(itb, node(itb, "/images/app-initrd"), "data", &n);
	assert_int_equal(n, 5);
	assert_memory_equal(v, "07070", 5);
	assert_string_equal(str_at(itb, "/images/app", "description"), "external image");
	assert_string_equal(str_at(itb, "/images/root", "description"), "root");
	free(itb);

	/* Unsigned: hashes only, and a key-name default when signing without one. */
	assert_int_equal(gen("--dts", "system.dts", "--dtb", at("system.dtb"), "--out", at("out"),
			     "--programs", "root", "--max-channels", "8", "--dts-dir", tmp,
			     "--search-dir", at("out"), "--sign", ""),
			 0);
	its = slurp(at("out/generated/bulkhead.its"), NULL);
	assert_null(strstr(its, "signature-1"));
	assert_has(its, "\t\t\thash-1 {\n");
	free(its);
	assert_int_equal(gen("--dts", "system.dts", "--dtb", at("system.dtb"), "--out", at("out"),
			     "--programs", "root", "--max-channels", "8", "--dts-dir", tmp,
			     "--search-dir", at("out"), "--sign", "sha256,rsa3072"),
			 0);
	its = slurp(at("out/generated/bulkhead.its"), NULL);
	assert_has(its,
		   "\t\t\t\talgo = \"sha256,rsa3072\";\n\t\t\t\tkey-name-hint = \"bulkhead\";\n");
	free(its);
}

/*
 * How a run ends: usage errors exit 2, every other failure 1 with one
 * message naming what failed; a description with errors leaves no FIT
 * source behind and counts its errors.
 */
/* REQ: BH-CFG-7 */
static void run_failures(void **state)
{
	char want[1200];

	(void)state;
	assert_int_equal(gen("--check"), 2);
	assert_has(err, "usage: bulkhead-gen --dts NAME --dtb FILE --out DIR");
	assert_int_equal(gen("--dtb"), 2); /* no value */
	assert_int_equal(gen("--dtb", "x", "--frobnicate", "1"), 2);
	assert_int_equal(gen("--dtb", "x"), 2); /* nothing to write, no --check */

	assert_int_equal(gen("--dts", "a*/b.dts", "--dtb", "x", "--check"), 1);
	assert_string_equal(err, "bulkhead-gen: a system description named with a control "
				 "character or \"*/\" is refused\n");
	assert_int_equal(gen("--dts", "a\nb.dts", "--dtb", "x", "--check"), 1);
	assert_has(err, "a system description named with a control character");

	assert_int_equal(gen("--dtb", at("none.dtb"), "--check"), 1);
	snprintf(want, sizeof(want), "bulkhead-gen: %s: No such file or directory\n",
		 at("none.dtb"));
	assert_string_equal(err, want);
	assert_int_equal(gen("--dtb", tmp, "--check"), 1);
	snprintf(want, sizeof(want), "bulkhead-gen: %s: Is a directory\n", tmp);
	assert_string_equal(err, want);

	/* Errors at their lines (the source map), counted; nothing written. */
	build("bad", SYSTEM(HV ROOT "partition-x { compatible = \"bulkhead,partition\";\n"
				    "cpus = <&cpu0>;\nmemory = <0x0 0x48000000 0x0 0x2000000>;\n"
				    "program = \"hello\"; restart = \"reboot\"; };\n"));
	assert_int_equal(gen("--dts", "bad.dts", "--dtb", at("bad.dtb"), "--out", at("nothing"),
			     "--dts-dir", tmp, "--srcmap", at("bad.dtb.srcpos"), "--programs",
			     "root hello"),
			 1);
	snprintf(
	    want, sizeof(want),
	    "bad.dts:8: /bulkhead/partition-x: cpu /cpus/cpu@0 is already assigned to "
	    "/bulkhead/partition-root\n"
	    "bad.dts:10: /bulkhead/partition-x: unknown restart 'reboot' (halt, restart or "
	    "system-reset)\n"
	    "bad.dts:6: /bulkhead/partition-root: image '%s/nothing/partitions/root/root.bin': "
	    "No such file or directory\n"
	    "bad.dts:7: /bulkhead/partition-x: image '%s/nothing/partitions/hello/hello.bin': "
	    "No such file or directory\n"
	    "bad.dts: 4 errors in the system description\n",
	    tmp, tmp);
	assert_string_equal(err, want);
	assert_int_equal(access(at("nothing"), F_OK), -1);
	/* One error; a source map that cannot be read: the messages without lines. */
	build("bad1", SYSTEM(HV ROOT "partition-x { compatible = \"bulkhead,partition\"; "
				     "cpus = <&cpu1>; memory = <0x0 0x48000000 0x0 0x2000000>; "
				     "program = \"hello\"; restart = \"reboot\"; };\n"));
	assert_int_equal(gen("--dts", "bad1.dts", "--dtb", at("bad1.dtb"), "--check", "--srcmap",
			     at("none.srcpos"), "--programs", "root hello"),
			 1);
	assert_string_equal(err, "bad1.dts: /bulkhead/partition-x: unknown restart 'reboot' "
				 "(halt, restart or system-reset)\n"
				 "bad1.dts: 1 error in the system description\n");

	/* Checked only: nothing written, nothing said. */
	assert_int_equal(gen_arm64(), 0);
	assert_int_equal(gen("--dts", "system.dts", "--dtb", at("system.dtb"), "--check",
			     "--programs", "root", "--max-channels", "8", "--dts-dir", tmp,
			     "--search-dir", at("out")),
			 0);
	assert_string_equal(err, "");

	/* A build folder it cannot write into. */
	mkdir(at("ro"), 0777);
	mkdir(at("ro/partitions"), 0777);
	mkdir(at("ro/partitions/root"), 0777);
	write_image(at("ro/partitions/root/root.bin"), 0, 0x20000);
	put_file(at("ro/generated"), "", 0); /* a file where the folder goes */
	assert_int_equal(gen("--dts", "system.dts", "--dtb", at("system.dtb"), "--out", at("ro"),
			     "--programs", "root", "--max-channels", "8", "--dts-dir", tmp,
			     "--search-dir", at("out")),
			 1);
	snprintf(want, sizeof(want), "bulkhead-gen: cannot write the generated files in %s\n",
		 at("ro"));
	assert_string_equal(err, want);
}

/*
 * The make fragment read before anything is built: the addresses make run
 * needs and the files the description pulls in (not the programs make
 * builds itself), each escaped for make and given an empty rule. It is
 * written even for a description with errors, silently: the full run
 * reports them.
 */
static void system_mk(void **state)
{
	char *mk, want[2048];

	(void)state;
	build("mk",
	      SYSTEM(HV ROOT
		     "partition-app { compatible = \"bulkhead,partition\"; cpus = <&cpu1>; "
		     "memory = <0x0 0x48000000 0x0 0x2000000>; image = \"my dir/a#b:c$d.img\"; "
		     "initrd = \"/abs/initrd.cpio\"; restart = \"reboot\"; };\n"));
	assert_int_equal(gen("--dts", "mk.dts", "--dtb", at("mk.dtb"), "--system-mk", at("mk.mk"),
			     "--dts-dir", tmp, "--programs", "root"),
			 0);
	assert_string_equal(err, "");
	mk = slurp(at("mk.mk"), NULL);
	assert_non_null(mk);
	snprintf(want, sizeof(want),
		 "# Generated by bulkhead-gen from mk.dts. Do not edit.\n"
		 "HV_BASE := 0x40000000\nHV_STORE_BASE := 0x40800000\n"
		 "HV_STORE_SIZE := 0x3800000\nHV_STORE_B_BASE := 0x4c000000\n"
		 "GEN_INPUTS := \\\n\t%s/my\\ dir/a\\#b\\:c$$d.img \\\n\t/abs/initrd.cpio\n"
		 "%s/my\\ dir/a\\#b\\:c$$d.img:\n/abs/initrd.cpio:\n",
		 tmp, tmp);
	assert_string_equal(mk, want);
	free(mk);
	assert_int_equal(
	    gen("--dts", "mk.dts", "--dtb", at("mk.dtb"), "--system-mk", at("no/such/dir/mk.mk")),
	    1);
	snprintf(want, sizeof(want), "bulkhead-gen: cannot write %s: No such file or directory\n",
		 at("no/such/dir/mk.mk"));
	assert_string_equal(err, want);
}

/* make diagram: the picture of a checked description; no images needed. */
static void diagram(void **state)
{
	char *dot, want[700];

	(void)state;
	build("system", SYSTEM(HV ROOT APP BUS));
	assert_int_equal(gen("--dts", "system.dts", "--dtb", at("system.dtb"), "--dot",
			     at("system.dot"), "--programs", "root", "--max-channels", "8", "--out",
			     at("unused")),
			 0);
	assert_string_equal(err, "");
	dot = slurp(at("system.dot"), NULL);
	assert_non_null(dot);
	assert_true(!strncmp(dot,
			     "/* Generated by bulkhead-gen from system.dts. Do not edit. */\n"
			     "digraph bulkhead {\n",
			     81));
	assert_has(dot, "net-app");
	free(dot);
	assert_int_equal(access(at("unused"), F_OK), -1);
	assert_int_equal(gen("--dts", "system.dts", "--dtb", at("system.dtb"), "--dot",
			     at("no/system.dot"), "--programs", "root", "--max-channels", "8",
			     "--quiet"),
			 1);
	snprintf(want, sizeof(want), "bulkhead-gen: cannot write %s: No such file or directory\n",
		 at("no/system.dot"));
	assert_string_equal(err, want);
	/* The same checks as a build, but images are not looked for. */
	assert_int_equal(gen("--dts", "system.dts", "--dtb", at("system.dtb"), "--dot",
			     at("system.dot"), "--programs", "root", "--max-channels", "2"),
			 1);
	assert_string_equal(err,
			    "system.dts: /bulkhead/vmbus/disk-app: /bulkhead/partition-root "
			    "has more than CONFIG_VMBUS_MAX_CHANNELS=2 channels\n"
			    "system.dts: /bulkhead/vmbus/disk-app: /bulkhead/partition-app has "
			    "more than CONFIG_VMBUS_MAX_CHANNELS=2 channels\n"
			    "system.dts: 2 errors in the system description\n");
}

/* One byte of a file changed (a header field of a test image). */
static void patch(const char *path, long off, unsigned char v)
{
	FILE *f = fopen(path, "r+b");

	assert_non_null(f);
	fseek(f, off, SEEK_SET);
	fputc(v, f);
	fclose(f);
}

/* An x86-64 partition image: our programs' header with the "BH86" magic. */
static void write_bh86(const char *path, u64 text_offset)
{
	write_image(path, text_offset, 0x10000);
	patch(path, 0x38, 'B');
	patch(path, 0x39, 'H');
	patch(path, 0x3a, '8');
	patch(path, 0x3b, '6');
}

#define X86_SYSTEM(body)                                                                           \
	"#include \"qemu_x86_64.dtsi\"\n/ {\nbulkhead {\ncompatible = \"bulkhead,system-v1\";\n"   \
	"hypervisor { memory = <0x0 0x01000000 0x0 0x00800000>; "                                  \
	"image-store = <0x0 0x02000000 0x0 0x03800000>; "                                          \
	"rollback-store = <0x0 0xffe00000 0x0 0x00010000>; console = <&com1>; "                    \
	"ap-trampoline = <0x0 0x8000 0x0 0x1000>; };\n"                                            \
	"root: partition-root { compatible = \"bulkhead,partition\"; bulkhead,root; "              \
	"cpus = <&cpu0>; memory = <0x0 0x10000000 0x0 0x04000000>; devices = <&pcie &com2>; "      \
	"program = \"root\"; };\n" body "};\n};\n"
#define X86_LINUX                                                                                  \
	"linux: partition-linux { compatible = \"bulkhead,partition\"; cpus = <&cpu2 &cpu3>; "     \
	"memory = <0x0 0x18000000 0x0 0x10000000>; ipa-base = <0x0 0x0>; image = \"bzImage\"; "    \
	"initrd = \"initrd.cpio\"; bootargs = \"console=ttyS0\"; };\n"                             \
	"vmbus {\n"                                                                                \
	"blk-linux { compatible = \"bulkhead,channel\"; class = \"block\"; provider = <&root>; "   \
	"consumer = <&linux>; data-window = <0x40000>; block-range = <0x0 0x100000 0x0 "           \
	"0x800000>; "                                                                              \
	"instance-guid = \"0123abcd-0000-4000-8000-00000000b10c\"; };\n"                           \
	"net-linux { compatible = \"bulkhead,channel\"; class = \"net\"; provider = <&root>; "     \
	"consumer = <&linux>; mac-address = [02 00 00 00 00 2b]; };\n"                             \
	"};\n"

/* The x86 system above: a root that owns the PCI host and COM2, a Linux partition. */
static int gen_x86_system(void)
{
	mkdir(at("x86"), 0777);
	mkdir(at("x86/partitions"), 0777);
	mkdir(at("x86/partitions/root"), 0777);
	write_bh86(at("x86/partitions/root/root.bin"), 0x2000);
	write_bzimage(at("bzImage"), 0x20f, 1);
	put_file(at("initrd.cpio"), "070701", 6);
	put_file(at("x86/bulkhead.bin"), "hv", 2);
	build("x86", X86_SYSTEM(X86_LINUX));
	return gen("--dts", "x86.dts", "--dtb", at("x86.dtb"), "--out", at("x86"), "--arch", "x86",
		   "--programs", "root", "--max-channels", "8", "--dts-dir", tmp);
}

/*
 * x86: the tables with the Linux boot protocol, the AP trampoline, the
 * ACPI fixed hardware, the root's ports and IOAPIC pins; the root's DTB
 * with its virtual IOAPIC, its ports on the ISA bus beside the emulated
 * console and the PCI host's interrupt map routed to that IOAPIC; the
 * Linux partition's boot parameters in place of a DTB, in the FIT too.
 */
/* REQ: BH-ISO-6 */
static void x86_generated_files(void **state)
{
	const char *src = getenv("BH_SRCTREE") ? getenv("BH_SRCTREE") : ".";
	const fdt32_t *map;
	char *c, *root;
	unsigned char *zp;
	size_t len;
	int n;

	(void)state;
	assert_int_equal(gen_x86_system(), 0);
	assert_string_equal(err, "");
	c = slurp(at("x86/generated/hv_config.c"), NULL);
	assert_non_null(c);
	assert_has(c, "static const u32 p0_spis[] = { 20, 21, 22, 23, 3, };\n"
		      "static const struct bh_io_range p0_io[] = { { 0x2f8, 0x8 }, };\n");
	assert_has(c, "static const struct bh_io_range p1_io[] = { { 0, 0 } };\n");
	assert_has(c, "\t\t.nr_spis = 5,\n\t\t.spis = p0_spis,\n\t\t.nr_io = 1,\n");
	assert_has(c, "\t\t.boot = BH_BOOT_LINUX_X86,\n");
	assert_has(c, "\t\t.bus_gsi = 16,\n");
	assert_has(c, "\t.ap_trampoline_pa = 0x8000,\n\t.ap_trampoline_size = 0x1000,\n");
	assert_has(c, "\t.rollback_bank_pa = 0xffe00000,\n\t.rollback_bank_width = 1,\n");
	assert_has(c, "\t.ioapic_pa = 0xfec00000,\n\t.x86_reset_port = 0xcf9,\n"
		      "\t.x86_reset_value = 0x6,\n\t.x86_pm1a_cnt_port = 0xe404,\n");
	free(c);
	sh("gcc -fsyntax-only -Wall -Werror -I%s/include -I%s/include/hw/x86 "
	   "-DCONFIG_MAX_PARTITIONS=8 %s",
	   src, src, at("x86/generated/hv_config.c"));
	c = slurp(at("x86/generated/layout.lds"), NULL);
	assert_has(c, "HV_BASE = 0x1000000;\nHV_SIZE = 0x800000;\n"
		      "HV_TEXT_OFFSET = 0x1000000;\nHV_UART_TX = 0x3f8;\n");
	free(c);

	root = slurp(at("x86/partitions/root.dtb"), &len);
	assert_non_null(root);
	assert_int_equal(fdt_check_full(root, len), 0);
	assert_cells(root, "/", "interrupt-parent", 1, 1);
	assert_cells(root, "/interrupt-controller@fec00000", "phandle", 1, 1);
	assert_string_equal(str_at(root, "/chosen", "stdout-path"), "/isa/serial@3f8");
	assert_cells(root, "/isa/serial@3f8", "bulkhead,vector", 1, BH_X86_VUART_VECTOR);
	assert_false(has_prop(root, "/isa/serial@3f8", "interrupts"));
	assert_cells(root, "/isa/serial@2f8", "reg", 3, 1, 0x2f8, 8);
	assert_cells(root, "/isa/serial@2f8", "interrupts", 2, 3, 0);
	assert_false(has_prop(root, "/cpus/cpu@0", "enable-method"));
	assert_true(fdt_path_offset(root, "/psci") < 0);
	/* The map's parent is the partition's IOAPIC (no unit address): 7 cells an entry. */
	map = fdt_getprop(root, node(root, "/pcie@e0000000"), "interrupt-map", &n);
	assert_non_null(map);
	assert_int_equal(n, 16 * 7 * 4);
	for (int i = 0; i < 7; i++)
		assert_int_equal(fdt32_to_cpu(map[7 + i]),
				 ((const u32[]){0, 0, 0, 2, 1, 21, 1})[i]);
	assert_cells(root, "/pcie@e0000000", "ranges", 14, 0x02000000, 0, 0xc0000000, 0, 0xc0000000,
		     0, 0x10000000, 0x42000000, 0, 0xd0000000, 0, 0xd0000000, 0, 0x10000000);
	assert_cells(root, "/pcie@e0000000", "reg", 4, 0, 0xe0000000, 0, 0x10000000);
	free(root);

	/* Linux: boot parameters, no DTB; its initrd where hv_config.c says. */
	assert_int_equal(access(at("x86/partitions/linux.dtb"), F_OK), 0); /* unused, written */
	zp = (unsigned char *)slurp(at("x86/partitions/linux.params"), &len);
	assert_non_null(zp);
	assert_int_equal(zp[0x210], 0xff); /* a loader without an ID */
	assert_int_equal(zp[0x1e8], 4);	   /* E820 entries */
	assert_int_equal(zp[0x21c], 6);	   /* ramdisk_size */
	assert_int_equal(zp[0x218] | zp[0x219] << 8 | zp[0x21a] << 16 | zp[0x21b] << 24,
			 0x0ffef000); /* the page below the parameters' 64 KiB */
	free(zp);
	c = slurp(at("x86/generated/bulkhead.its"), NULL);
	assert_has(c, "\t\tlinux-setup {\n\t\t\tdescription = \"Linux boot parameters\";\n");
	assert_has(c, "\t\t\ttype = \"x86_setup\";\n\t\t\tarch = \"x86_64\";\n");
	assert_has(c, "\t\t\tkernel = \"linux\";\n\t\t\tsetup = \"linux-setup\";\n"
		      "\t\t\tramdisk = \"linux-initrd\";\n");
	free(c);

	/* Parameters that cannot be written: said, and the run fails. */
	remove(at("x86/partitions/linux.params"));
	mkdir(at("x86/partitions/linux.params"), 0777);
	assert_int_equal(gen("--dts", "x86.dts", "--dtb", at("x86.dtb"), "--out", at("x86"),
			     "--arch", "x86", "--programs", "root", "--max-channels", "8",
			     "--dts-dir", tmp),
			 1);
	c = malloc(2048);
	snprintf(c, 2048,
		 "bulkhead-gen: %s: Is a directory\n"
		 "bulkhead-gen: cannot write the generated files in %s\n",
		 at("x86/partitions/linux.params"), at("x86"));
	assert_string_equal(err, c);
	free(c);
	rmdir(at("x86/partitions/linux.params"));
}

/*
 * A board whose console is a Cadence UART and whose GIC is a GIC-400: the
 * partition sees the PL011 it emulates there (with a clock of its own) and
 * the GICv2's 8 KiB CPU interface; the board's fixed clocks come along
 * under new phandles, another clock is left out with a warning, a
 * device's subnodes are copied whole.
 */
static void zcu102_generated_files(void **state)
{
	void *root;
	char *c;
	size_t len;

	(void)state;
	mkdir(at("zcu"), 0777);
	mkdir(at("zcu/partitions"), 0777);
	mkdir(at("zcu/partitions/root"), 0777);
	write_image(at("zcu/partitions/root/root.bin"), 0, 0x20000);
	build("zcu", "#include \"zcu102.dtsi\"\n/ {\n"
		     "pll: clock-controller@fd1a0000 { compatible = \"xlnx,zynqmp-clk\"; "
		     "#clock-cells = <1>; reg = <0x0 0xfd1a0000 0x0 0x1000>; };\n"
		     "bulkhead {\ncompatible = \"bulkhead,system-v1\";\n"
		     "hypervisor { memory = <0x0 0x10000000 0x0 0x00800000>; "
		     "image-store = <0x0 0x10800000 0x0 0x03800000>; console = <&uart0>; };\n"
		     "partition-root { compatible = \"bulkhead,partition\"; bulkhead,root; "
		     "cpus = <&cpu0>; memory = <0x0 0x20000000 0x0 0x04000000>; "
		     "devices = <&sdhci1 &gem3 &rtc &qspi>; program = \"root\"; };\n"
		     "};\n};\n&rtc { clocks = <&pll 5>; };\n");
	assert_int_equal(gen("--dts", "zcu.dts", "--dtb", at("zcu.dtb"), "--out", at("zcu"),
			     "--gic", "2", "--programs", "root"),
			 0);
	assert_string_equal(err,
			    "zcu.dts: /bulkhead/hypervisor: warning: no rollback-store: minimum "
			    "security versions are not kept across boots\n"
			    "zcu.dts: /bulkhead/partition-root: warning: device rtc@ffa60000: "
			    "clock 0 is not a fixed clock; left out of the partition DTB\n");
	c = slurp(at("zcu/generated/layout.lds"), NULL);
	assert_has(c, "HV_TEXT_OFFSET = 0x10000000;\nHV_UART_TX = 0xff000030;\n"); /* its TX FIFO */
	free(c);
	c = slurp(at("zcu/generated/hv_config.c"), NULL);
	assert_has(c, "\t.gicc_pa = 0xf902f000,\n\t.gich_pa = 0xf9040000,\n");
	assert_has(c, "\t.uart_pa = 0xff000000,\n\t.uart_intid = 53,\n\t.uart_type = 1,\n");
	free(c);
	root = slurp(at("zcu/partitions/root.dtb"), &len);
	assert_int_equal(fdt_check_full(root, len), 0);
	assert_string_equal(str_at(root, "/serial@ff000000", "compatible"), "arm,pl011");
	assert_cells(root, "/serial@ff000000", "reg", 4, 0, 0xff000000, 0, 0x1000);
	assert_cells(root, "/serial@ff000000", "interrupts", 3, 0, 21, 4);
	assert_cells(root, "/serial@ff000000", "clocks", 2, 0xff, 0xff);
	assert_cells(root, "/vuart-clk", "clock-frequency", 1, 24000000);
	assert_cells(root, "/vuart-clk", "phandle", 1, 0xff);
	assert_string_equal(str_at(root, "/intc@f9010000", "compatible"), "arm,gic-400");
	assert_cells(root, "/intc@f9010000", "reg", 8, 0, 0xf9010000, 0, 0x1000, 0, 0xf902f000, 0,
		     0x2000);
	assert_false(has_prop(root, "/intc@f9010000", "#redistributor-regions"));
	assert_cells(root, "/mmc@ff170000", "clocks", 2, 2, 2);
	assert_cells(root, "/clock-sd", "phandle", 1, 2);
	assert_cells(root, "/ethernet@ff0e0000", "clocks", 3, 3, 3, 3);
	assert_cells(root, "/clock-gem", "clock-frequency", 1, 125000000);
	assert_false(has_prop(root, "/rtc@ffa60000", "clocks"));
	assert_true(fdt_path_offset(root, "/clock-controller@fd1a0000") < 0);
	assert_string_equal(str_at(root, "/spi@ff0f0000/flash@0", "compatible"), "m25p80");
	assert_cells(root, "/spi@ff0f0000", "reg", 8, 0, 0xff0f0000, 0, 0x1000, 0, 0xc0000000, 0,
		     0x8000000);
	free(root);
}

/* A partition of the arm64 system whose image is the one given. */
#define IMG_PART(mem, extra)                                                                       \
	"partition-app { compatible = \"bulkhead,partition\"; cpus = <&cpu1>; "                    \
	"memory = <" mem ">; " extra " };\n"

/* --check of the arm64 system with partition app as given: the exit status, err the messages. */
static int check_app(const char *app)
{
	static char dts[4096];

	snprintf(dts, sizeof(dts), SYSTEM(HV ROOT "%s"), app);
	build("img", dts);
	return gen("--dts", "img.dts", "--dtb", at("img.dtb"), "--check", "--programs", "root",
		   "--dts-dir", tmp, "--search-dir", at("out"), "--quiet");
}

/*
 * What the layout refuses, by the images themselves: files that are not
 * there (and where they were looked for), an arm64 Image whose memory is
 * not 2 MiB aligned, an image that leaves no room for its DTB (the file's
 * size counts when the header says less), an x86 program over the boot
 * page tables.
 */
/* REQ: BH-CFG-1, BH-CFG-6 */
static void image_layout_errors(void **state)
{
	char want[1024];

	(void)state;
	assert_int_equal(gen_arm64(), 0);
	assert_int_equal(
	    check_app(IMG_PART("0x0 0x48000000 0x0 0x2000000", "image = \"missing.img\";")), 1);
	snprintf(want, sizeof(want),
		 "img.dts: /bulkhead/partition-app: image 'missing.img': No such file or directory "
		 "(looked in %s and %s)\nimg.dts: 1 error in the system description\n",
		 tmp, at("out"));
	assert_string_equal(err, want);
	assert_int_equal(check_app(IMG_PART("0x0 0x48000000 0x0 0x2000000",
					    "image = \"app.img\"; initrd = \"none.cpio\";")),
			 1);
	snprintf(want, sizeof(want),
		 "img.dts: /bulkhead/partition-app: initrd 'none.cpio': No such file or directory "
		 "(looked in %s and %s)\nimg.dts: 1 error in the system description\n",
		 tmp, at("out"));
	assert_string_equal(err, want);
	assert_int_equal(
	    check_app(IMG_PART("0x0 0x48100000 0x0 0x1000000", "image = \"app.img\";")), 1);
	assert_string_equal(err,
			    "img.dts: /bulkhead/partition-app: an arm64 Image needs its memory 2 "
			    "MiB aligned (as the partition sees it), not at 0x48100000\n"
			    "img.dts: 1 error in the system description\n");
	write_image(at("big.img"), 0x80000, 0x2000000);
	assert_int_equal(check_app(IMG_PART("0x0 0x48000000 0x0 0x2000000",
					    "image = \"big.img\"; initrd = \"app.cpio\";")),
			 1);
	assert_string_equal(err,
			    "img.dts: /bulkhead/partition-app: image (0x2000000 bytes at offset "
			    "0x80000), initrd and its 64 KiB DTB do not fit into memory "
			    "0x48000000+0x2000000\n"
			    "img.dts: 1 error in the system description\n");
	/* A header that says 16 bytes: the file's 64 KiB count. */
	{
		static unsigned char h[0x10000];

		memcpy(h + 0x38, "ARM\x64", 4);
		h[16] = 0x10;
		put_file(at("small.img"), h, sizeof(h));
	}
	assert_int_equal(
	    check_app(IMG_PART("0x0 0x48000000 0x0 0x18000", "image = \"small.img\";")), 1);
	assert_string_equal(err,
			    "img.dts: /bulkhead/partition-app: image (0x10000 bytes at offset "
			    "0x0) and its 64 KiB DTB do not fit into memory 0x48000000+0x18000\n"
			    "img.dts: 1 error in the system description\n");

	/* x86: our program's text must start above the boot page tables. */
	assert_int_equal(gen_x86_system(), 0);
	write_bh86(at("x86/partitions/root/root.bin"), 0x1000);
	assert_int_equal(gen("--dts", "x86.dts", "--dtb", at("x86.dtb"), "--out", at("x86"),
			     "--arch", "x86", "--programs", "root", "--max-channels", "8",
			     "--dts-dir", tmp),
			 1);
	snprintf(want, sizeof(want),
		 "x86.dts: /bulkhead/partition-root: image '%s': text offset 0x1000 overlaps the "
		 "boot page tables the hypervisor writes at the start of the partition's RAM "
		 "(0x2000 bytes)\nx86.dts: 1 error in the system description\n",
		 at("x86/partitions/root/root.bin"));
	assert_string_equal(err, want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(arm64_hypervisor_tables),
	    cmocka_unit_test(arm64_partition_dtbs),
	    cmocka_unit_test(arm64_fit_source),
	    cmocka_unit_test(run_failures),
	    cmocka_unit_test(system_mk),
	    cmocka_unit_test(diagram),
	    cmocka_unit_test(x86_generated_files),
	    cmocka_unit_test(zcu102_generated_files),
	    cmocka_unit_test(image_layout_errors),
	};

	return cmocka_run_group_tests_name("generator-emit", tests, setup, teardown);
}
