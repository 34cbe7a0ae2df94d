// SPDX-License-Identifier: GPL-2.0
/*
 * Generator validation: each error of the system DT binding, checked by
 * its exact message, and that several errors are all reported.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <libfdt.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../../tools/gen/model.h"
#include "dtc_helper.h"

#define HV_WITH(extra)                                                                             \
	"hypervisor { memory = <0x0 0x40000000 0x0 0x00800000>; "                                  \
	"image-store = <0x0 0x40800000 0x0 0x03800000>; console = <&uart0>; " extra " };"
#define RB_STORE "rollback-store = <0x0 0x07f80000 0x0 0x00080000>;"
#define HV	 HV_WITH(RB_STORE)
#define ROOT                                                                                       \
	"partition-root { compatible = \"bulkhead,partition\"; bulkhead,root; "                    \
	"cpus = <&cpu0>; memory = <0x0 0x44000000 0x0 0x04000000>; program = \"root\"; "           \
	"devices = <&virtio_mmio31>; };"
#define PART(name, cpus, mem, extra)                                                               \
	"partition-" name " { compatible = \"bulkhead,partition\"; cpus = <" cpus ">; "            \
	"memory = <" mem ">; program = \"hello\"; " extra " };"

static struct g_sys sys;
static char diag[8192];

static struct gen_opts default_opts(void)
{
	struct gen_opts o = {.dts_name = "system.dts",
			     .arch = "arm64",
			     .programs = "root hello ticker faulter",
			     .nr_cpus = 4,
			     .max_partitions = 8,
			     .max_vcpus = 8,
			     .max_regions = 64,
			     .max_channels = 16,
			     .max_spi = 256};
	return o;
}

/* Runs the generator's checks on the board + a /bulkhead body; returns errors. */
static int check_with(const char *body, struct gen_opts o)
{
	int n = gen_check_body(&sys, body, &o, diag, sizeof(diag));

	assert_true(n >= 0);
	return n;
}

static int check(const char *body)
{
	return check_with(body, default_opts());
}

#define assert_diag(line) assert_non_null(strstr(diag, line "\n"))

/* REQ: BH-ISO-1 */
static void valid_system(void **state)
{
	(void)state;
	assert_int_equal(
	    check(HV ROOT PART("a", "&cpu1 &cpu3", "0x0 0x48000000 0x0 0x2000000", "")), 0);
	assert_string_equal(diag, "");
	assert_int_equal(sys.npart, 2);
	assert_string_equal(sys.part[1].name, "a");
	assert_int_equal(sys.part[1].ncpu, 2);
}

/*
 * Stage-2 table pages, counted with the hypervisor's own builder: the root
 * partition's 64 MiB at a 1 GiB-region start needs one level-2 table (2 MiB
 * blocks), its virtio page a level-2 and a level-3 table; a 2 MiB-aligned
 * child one table; one that starts 4 KiB off alignment a level-2 table and
 * level-3 tables at both ragged ends.
 */
/* REQ: BH-CFG-10 */
static void stage2_pages_counted(void **state)
{
	(void)state;
	assert_int_equal(check(HV ROOT PART("a", "&cpu1", "0x0 0x48000000 0x0 0x2000000", "")
				   PART("b", "&cpu2", "0x0 0x4a001000 0x0 0x400000", "")),
			 0);
	assert_int_equal(sys.part[0].s2_pages, 3);
	assert_int_equal(sys.part[1].s2_pages, 1);
	assert_int_equal(sys.part[2].s2_pages, 1 + 2);
}

/* Adjacent register ranges of one device (QEMU's two flash banks): one region. */
/* REQ: BH-CFG-3 */
static void device_ranges_merged(void **state)
{
	struct g_region reg[8];
	int n;

	(void)state;
	assert_int_equal(check(HV_WITH("") ROOT PART("a", "&cpu1", "0x0 0x48000000 0x0 0x2000000",
						     "devices = <&flash>;")),
			 0);
	n = gen_part_regions(&sys, &sys.part[1], reg, 8);
	assert_int_equal(n, 2);
	assert_int_equal(reg[0].flags, BH_REGION_RAM);
	assert_int_equal(reg[1].flags, BH_REGION_DEVICE);
	assert_int_equal(reg[1].ipa, 0x0);
	assert_int_equal(reg[1].size, 0x8000000);
	assert_int_equal(sys.part[1].s2_pages, 1 + 1); /* level 2 for each 1 GiB: 64 MiB blocks */
}

/* The anti-rollback store: a CFI flash block nobody else can reach. */
/* REQ: BH-RB-5 */
static void rollback_store(void **state)
{
	(void)state;
	assert_int_equal(check(HV ROOT), 0);
	assert_int_equal(sys.rollback_bank, 0x4000000);
	assert_int_equal(sys.rollback_bank_width, 4);
	assert_int_equal(check(HV_WITH("") ROOT), 0);
	assert_diag(
	    "system.dts: /bulkhead/hypervisor: warning: no rollback-store: minimum security "
	    "versions are not kept across boots");
	assert_int_equal(check(HV_WITH("rollback-store = <0x0 0x47f80000 0x0 0x80000>;") ROOT), 1);
	assert_diag("system.dts: /bulkhead/hypervisor: rollback-store 0x47f80000+0x80000 is not "
		    "inside a CFI flash (compatible \"cfi-flash\") of the board");
	assert_int_equal(check(HV_WITH("rollback-store = <0x0 0x07fff000 0x0 0x2000>;") ROOT), 1);
	assert_diag("system.dts: /bulkhead/hypervisor: rollback-store 0x7fff000+0x2000 is not "
		    "inside a CFI flash (compatible \"cfi-flash\") of the board");
	assert_int_equal(check(HV_WITH("rollback-store = <0x0 0x07f00800 0x0 0x40000>;") ROOT), 1);
	assert_diag("system.dts: /bulkhead/hypervisor: rollback-store 0x7f00800+0x40000 is not "
		    "aligned to the 4 KiB page size");
	assert_int_equal(check(HV ROOT PART("a", "&cpu1", "0x0 0x48000000 0x0 0x2000000",
					    "devices = <&flash>;")),
			 1);
	assert_diag("system.dts: /bulkhead/hypervisor: rollback-store lies in /flash@0, which "
		    "/bulkhead/partition-a owns: the hypervisor's store must not be reachable "
		    "from a partition");
}

/* Slot B and the per-partition policy that uses it. */
static void image_store_b(void **state)
{
	(void)state;
	assert_int_equal(check(HV_WITH(RB_STORE "image-store-b = <0x0 0x4c000000 0x0 0x3800000>;")
				   ROOT PART("a", "&cpu1", "0x0 0x48000000 0x0 0x2000000",
					     "on-verify-fail = \"fallback\";")),
			 0);
	assert_true(sys.has_store_b);
	assert_true(sys.part[1].fallback);
	assert_false(sys.part[0].fallback);
	assert_int_equal(check(HV ROOT PART("a", "&cpu1", "0x0 0x48000000 0x0 0x2000000",
					    "on-verify-fail = \"fallback\";")),
			 1);
	assert_diag("system.dts: /bulkhead/partition-a: on-verify-fail = \"fallback\" needs an "
		    "image-store-b in /bulkhead/hypervisor (the slot to fall back to)");
	assert_int_equal(check(HV ROOT PART("a", "&cpu1", "0x0 0x48000000 0x0 0x2000000",
					    "on-verify-fail = \"retry\";")),
			 1);
	assert_diag("system.dts: /bulkhead/partition-a: unknown on-verify-fail 'retry' (halt or "
		    "fallback)");
	assert_int_equal(
	    check(HV_WITH(RB_STORE "image-store-b = <0x0 0x42000000 0x0 0x3800000>;") ROOT),
	    2); /* and the root's memory overlaps it */
	assert_diag("system.dts: /bulkhead/hypervisor: image-store-b 0x42000000+0x3800000 overlaps "
		    "the image-store");
	assert_int_equal(
	    check(HV_WITH(RB_STORE "image-store-b = <0x0 0x4c000000 0x0 0x100000>;") ROOT), 1);
	assert_diag(
	    "system.dts: /bulkhead/hypervisor: image-store-b 0x4c000000+0x100000 is smaller "
	    "than the image-store: either slot must hold the same FIT");
	assert_int_equal(
	    check(HV_WITH(RB_STORE "image-store-b = <0x0 0x46000000 0x0 0x3800000>;") ROOT), 1);
	assert_diag(
	    "system.dts: /bulkhead/partition-root: memory 0x44000000+0x4000000 overlaps the "
	    "image-store-b of /bulkhead/hypervisor");
}

/* REQ: BH-CFG-1 */
static void overlap_partitions(void **state)
{
	(void)state;
	assert_int_equal(check(HV ROOT PART("b", "&cpu1", "0x0 0x46000000 0x0 0x4000000", "")), 1);
	assert_diag("system.dts: /bulkhead/partition-b: memory 0x46000000+0x4000000 overlaps "
		    "/bulkhead/partition-root");
}

/* REQ: BH-CFG-1 */
static void overlap_hypervisor(void **state)
{
	(void)state;
	assert_int_equal(check(HV ROOT PART("b", "&cpu1", "0x0 0x40400000 0x0 0x100000", "")), 1);
	assert_diag("system.dts: /bulkhead/partition-b: memory 0x40400000+0x100000 overlaps "
		    "/bulkhead/hypervisor");
}

/* REQ: BH-CFG-1 */
static void overlap_image_store(void **state)
{
	(void)state;
	assert_int_equal(check(HV ROOT PART("b", "&cpu1", "0x0 0x43f00000 0x0 0x100000", "")), 1);
	assert_diag("system.dts: /bulkhead/partition-b: memory 0x43f00000+0x100000 overlaps the "
		    "image-store of /bulkhead/hypervisor");
}

/* REQ: BH-CFG-1 */
static void overlap_device(void **state)
{
	(void)state;
	assert_int_equal(check(HV ROOT PART("b", "&cpu1", "0x0 0x09000000 0x0 0x1000", "")), 2);
	assert_diag("system.dts: /bulkhead/partition-b: memory 0x9000000+0x1000 overlaps device "
		    "/pl011@9000000");
	assert_diag("system.dts: /bulkhead/partition-b: memory 0x9000000+0x1000 is outside the "
		    "board's RAM (0x40000000+0x40000000)");
}

/* REQ: BH-CFG-1 */
static void outside_ram(void **state)
{
	(void)state;
	assert_int_equal(check(HV ROOT PART("b", "&cpu1", "0x0 0x7ff00000 0x0 0x200000", "")), 1);
	assert_diag("system.dts: /bulkhead/partition-b: memory 0x7ff00000+0x200000 is outside the "
		    "board's RAM (0x40000000+0x40000000)");
}

/* REQ: BH-CFG-1 */
static void not_page_aligned(void **state)
{
	(void)state;
	assert_int_equal(check(HV ROOT PART("b", "&cpu1", "0x0 0x48000800 0x0 0x100000", "")), 1);
	assert_diag("system.dts: /bulkhead/partition-b: memory 0x48000800+0x100000 is not aligned "
		    "to the 4 KiB page size");
}

/* REQ: BH-CFG-2, BH-TMP-1 */
static void cpu_twice(void **state)
{
	(void)state;
	assert_int_equal(check(HV ROOT PART("b", "&cpu0", "0x0 0x48000000 0x0 0x100000", "")), 1);
	assert_diag("system.dts: /bulkhead/partition-b: cpu /cpus/cpu@0 is already assigned to "
		    "/bulkhead/partition-root");
}

/* REQ: BH-CFG-2 */
static void cpu_not_on_board(void **state)
{
	(void)state;
	assert_int_equal(check(HV ROOT PART("b", "&cpu1 &gic", "0x0 0x48000000 0x0 0x100000", "")),
			 1);
	assert_diag(
	    "system.dts: /bulkhead/partition-b: cpus: /intc@8000000 is not a CPU of the board");
	/* Messages name nodes; a raw number only when no node has it. */
	assert_int_equal(check(HV ROOT PART("b", "&cpu1 0x4444", "0x0 0x48000000 0x0 0x100000",
					    "devices = <0x5555>;")),
			 2);
	assert_diag(
	    "system.dts: /bulkhead/partition-b: cpus: <0x4444> (no node has this phandle) is "
	    "not a CPU of the board");
	assert_diag(
	    "system.dts: /bulkhead/partition-b: devices: <0x5555> (no node has this phandle) "
	    "is not a device");
	assert_int_equal(
	    check("hypervisor { memory = <0x0 0x40000000 0x0 0x00800000>; "
		  "image-store = <0x0 0x40800000 0x0 0x03800000>; console = <&cpu1>; " RB_STORE
		  " };" ROOT),
	    1);
	assert_diag("system.dts: /bulkhead/hypervisor: console: /cpus/cpu@1 is not a device with "
		    "registers");
}

/* REQ: BH-CFG-2 */
static void cpu_beyond_nr_cpus(void **state)
{
	struct gen_opts o = default_opts();

	(void)state;
	o.nr_cpus = 2;
	assert_int_equal(
	    check_with(HV ROOT PART("b", "&cpu3", "0x0 0x48000000 0x0 0x100000", ""), o), 1);
	assert_diag("system.dts: /bulkhead/partition-b: cpus: /cpus/cpu@3 is beyond the 2 CPUs of "
		    "CONFIG_NR_CPUS");
}

/* REQ: BH-CFG-3 */
static void device_twice(void **state)
{
	(void)state;
	assert_int_equal(check(HV ROOT PART("b", "&cpu1", "0x0 0x48000000 0x0 0x100000",
					    "devices = <&virtio_mmio31>;")),
			 1);
	assert_diag("system.dts: /bulkhead/partition-b: device /virtio_mmio@a003e00 is already "
		    "assigned to /bulkhead/partition-root");
}

/* REQ: BH-CFG-3 */
static void device_not_a_device(void **state)
{
	(void)state;
	assert_int_equal(
	    check(HV ROOT PART("b", "&cpu1", "0x0 0x48000000 0x0 0x100000", "devices = <&cpu2>;")),
	    1);
	assert_diag("system.dts: /bulkhead/partition-b: devices: /cpus/cpu@2 is not a device (no "
		    "memory-mapped reg)");
}

/* REQ: BH-CFG-3 */
static void device_is_console(void **state)
{
	(void)state;
	assert_int_equal(
	    check(HV ROOT PART("b", "&cpu1", "0x0 0x48000000 0x0 0x100000", "devices = <&uart0>;")),
	    1);
	assert_diag("system.dts: /bulkhead/partition-b: devices: /pl011@9000000 is the "
		    "hypervisor's console");
}

/* REQ: BH-CFG-3 */
static void device_shares_page(void **state)
{
	(void)state;
	assert_int_equal(check(HV ROOT PART("b", "&cpu1", "0x0 0x48000000 0x0 0x100000",
					    "bulkhead,trusted-dma; devices = <&virtio_mmio30>;")),
			 1);
	assert_diag("system.dts: /bulkhead/partition-b: device /virtio_mmio@a003c00 shares a 4 KiB "
		    "page with /virtio_mmio@a003e00 (/bulkhead/partition-root)");
}

/* REQ: BH-CFG-6 */
static void no_root(void **state)
{
	(void)state;
	assert_int_equal(check(HV PART("b", "&cpu1", "0x0 0x48000000 0x0 0x100000", "")), 1);
	assert_diag("system.dts: /bulkhead: no root partition (exactly one needs bulkhead,root)");
}

/* REQ: BH-CFG-6 */
static void two_roots(void **state)
{
	(void)state;
	assert_int_equal(
	    check(HV ROOT PART("b", "&cpu1", "0x0 0x48000000 0x0 0x100000", "bulkhead,root;")), 1);
	assert_diag("system.dts: /bulkhead/partition-b: second root partition "
		    "(/bulkhead/partition-root is root already)");
}

/* REQ: BH-CFG-2 */
static void no_cpus_no_memory(void **state)
{
	(void)state;
	assert_int_equal(
	    check(HV ROOT
		  "partition-b { compatible = \"bulkhead,partition\"; program = \"hello\"; };"),
	    2);
	assert_diag("system.dts: /bulkhead/partition-b: no cpus");
	assert_diag("system.dts: /bulkhead/partition-b: no memory");
}

/* REQ: BH-CFG-6 */
static void unknown_property(void **state)
{
	(void)state;
	assert_int_equal(
	    check(HV ROOT PART("b", "&cpu1", "0x0 0x48000000 0x0 0x100000", "colour = \"blue\";")),
	    1);
	assert_diag("system.dts: /bulkhead/partition-b: unknown property 'colour'");
}

/*
 * With the Makefile's source map, each message starts with the user's
 * file:line: of the property involved (memory, cpus, an unknown one) or
 * of the node; a board node's in the board's .dtsi. Body line 1 is line 3.
 */
/* REQ: BH-CFG-7 */
static void errors_carry_source_positions(void **state)
{
	struct gen_opts o = default_opts();

	(void)state;
	o.dts_name = "configs/x.dts";
	assert_int_equal(
	    gen_check_body_srcmap(
		&sys,
		HV "\n" ROOT "\n"
		   "partition-b {\n compatible = \"bulkhead,partition\";\n cpus = <&cpu0>;\n"
		   " memory = <0x0 0x46000000 0x0 0x4000000>;\n devices = <&flash>;\n"
		   " colour = \"blue\";\n restart = \"sometimes\";\n};",
		&o, diag, sizeof(diag)),
	    6);
	assert_diag("configs/x.dts:10: /bulkhead/partition-b: unknown property 'colour'");
	assert_diag(
	    "configs/x.dts:7: /bulkhead/partition-b: cpu /cpus/cpu@0 is already assigned to "
	    "/bulkhead/partition-root");
	assert_diag("configs/x.dts:11: /bulkhead/partition-b: unknown restart 'sometimes' (halt, "
		    "restart or system-reset)");
	assert_diag("configs/x.dts:8: /bulkhead/partition-b: memory 0x46000000+0x4000000 overlaps "
		    "/bulkhead/partition-root");
	/* No property named: the node's line; another node: its own. */
	assert_diag("configs/x.dts:5: /bulkhead/partition-b: no program or image");
	assert_non_null(strstr(diag,
			       "configs/x.dts:3: /bulkhead/hypervisor: rollback-store lies in "
			       "/flash@0, which /bulkhead/partition-b owns"));
	/* Without a map (a DTB handed over directly): "file: /path: message". */
	assert_int_equal(
	    check(HV ROOT PART("b", "&cpu1", "0x0 0x48000000 0x0 0x100000", "colour = \"blue\";")),
	    1);
	assert_diag("system.dts: /bulkhead/partition-b: unknown property 'colour'");
}

/* REQ: BH-CFG-6 */
static void unknown_program(void **state)
{
	(void)state;
	assert_int_equal(check(HV ROOT
			       "partition-b { compatible = \"bulkhead,partition\"; cpus = <&cpu1>; "
			       "memory = <0x0 0x48000000 0x0 0x100000>; program = \"nope\"; };"),
			 1);
	assert_diag("system.dts: /bulkhead/partition-b: unknown program 'nope' (CONFIG_PROGRAMS: "
		    "root hello ticker faulter)");
}

/* REQ: BH-CFG-6 */
static void unknown_restart(void **state)
{
	(void)state;
	assert_int_equal(check(HV ROOT PART("b", "&cpu1", "0x0 0x48000000 0x0 0x100000",
					    "restart = \"sometimes\";")),
			 1);
	assert_diag("system.dts: /bulkhead/partition-b: unknown restart 'sometimes' (halt, restart "
		    "or system-reset)");
}

#define B_PART(extra) PART("b", "&cpu1", "0x0 0x48000000 0x0 0x100000", extra)

/* Restart back-off: the defaults, the values given, a longer first wait as the cap. */
/* REQ: BH-CFG-7, BH-FLT-6 */
static void restart_backoff_values(void **state)
{
	(void)state;
	assert_int_equal(check(HV ROOT B_PART("restart = \"restart\";")), 0);
	assert_int_equal(sys.part[1].restart_limit, 0);
	assert_int_equal(sys.part[1].restart_delay_ms, BH_RESTART_DELAY_MS_DEFAULT);
	assert_int_equal(sys.part[1].restart_delay_max_ms, BH_RESTART_DELAY_MAX_MS_DEFAULT);
	assert_int_equal(sys.part[1].restart_stable_ms, BH_RESTART_STABLE_MS_DEFAULT);
	assert_int_equal(
	    check(HV ROOT B_PART("restart = \"restart\"; restart-limit = <4>; "
				 "restart-delay-ms = <200>; restart-delay-max-ms = <1000>; "
				 "restart-stable-ms = <5000>;")),
	    0);
	assert_int_equal(sys.part[1].restart_limit, 4);
	assert_int_equal(sys.part[1].restart_delay_ms, 200);
	assert_int_equal(sys.part[1].restart_delay_max_ms, 1000);
	assert_int_equal(sys.part[1].restart_stable_ms, 5000);
	assert_int_equal(
	    check(HV ROOT B_PART("restart = \"restart\"; restart-delay-ms = <30000>;")), 0);
	assert_int_equal(sys.part[1].restart_delay_max_ms, 30000);
	assert_int_equal(check(HV ROOT B_PART("restart = \"restart\"; restart-delay-ms = <0>;")),
			 0);
	assert_int_equal(sys.part[1].restart_delay_ms, 0);
}

/* Each bad value names its property and the conflict; all are reported. */
/* REQ: BH-CFG-7, BH-FLT-6 */
static void restart_backoff_errors(void **state)
{
	(void)state;
	assert_int_equal(check(HV ROOT B_PART("restart = \"restart\"; restart-limit = <0>; "
					      "restart-delay-ms = <3600001>; "
					      "restart-stable-ms = <0>;")),
			 3);
	assert_diag("system.dts: /bulkhead/partition-b: restart-limit 0: a partition that must not "
		    "restart takes restart = \"halt\"");
	assert_diag("system.dts: /bulkhead/partition-b: restart-delay-ms 3600001 is outside 0 to "
		    "3600000 (one hour)");
	assert_diag(
	    "system.dts: /bulkhead/partition-b: restart-stable-ms 0 is outside 1 to 3600000 "
	    "(one hour)");
	assert_int_equal(check(HV ROOT B_PART("restart = \"restart\"; restart-delay-ms = <500>; "
					      "restart-delay-max-ms = <100>;")),
			 1);
	assert_diag("system.dts: /bulkhead/partition-b: restart-delay-max-ms 100 is less than "
		    "restart-delay-ms 500");
	assert_int_equal(check(HV ROOT B_PART("restart = \"restart\"; restart-limit = <1 2>;")), 1);
	assert_diag("system.dts: /bulkhead/partition-b: restart-limit must be one 32-bit cell");
	assert_int_equal(check(HV ROOT B_PART("restart-limit = <3>;")), 1);
	assert_diag("system.dts: /bulkhead/partition-b: restart-limit applies only to restart = "
		    "\"restart\" (this partition's restart is \"halt\")");
	assert_int_equal(check(HV ROOT B_PART("restart = \"system-reset\"; "
					      "restart-delay-ms = <10>;")),
			 1);
	assert_diag("system.dts: /bulkhead/partition-b: restart-delay-ms applies only to restart = "
		    "\"restart\" (this partition's restart is \"system-reset\")");
}

/* REQ: BH-CFG-6 */
static void on_bad_access(void **state)
{
	(void)state;
	assert_int_equal(check(HV ROOT PART("b", "&cpu1", "0x0 0x48000000 0x0 0x100000",
					    "on-bad-access = \"abort\";")
				   PART("c", "&cpu2", "0x0 0x49000000 0x0 0x100000",
					"on-bad-access = \"stop\";")),
			 0);
	assert_true(sys.part[1].bad_access_abort);
	assert_false(sys.part[2].bad_access_abort);
	assert_false(sys.part[0].bad_access_abort); /* default: stop */
	assert_int_equal(check(HV ROOT PART("b", "&cpu1", "0x0 0x48000000 0x0 0x100000",
					    "on-bad-access = \"ignore\";")),
			 1);
	assert_diag(
	    "system.dts: /bulkhead/partition-b: unknown on-bad-access 'ignore' (stop or abort)");
}

/* REQ: BH-CFG-6 */
static void too_many_partitions(void **state)
{
	struct gen_opts o = default_opts();

	(void)state;
	o.max_partitions = 2;
	assert_int_equal(check_with(HV ROOT PART("b", "&cpu1", "0x0 0x48000000 0x0 0x100000", "")
					PART("c", "&cpu2", "0x0 0x49000000 0x0 0x100000", ""),
				    o),
			 1);
	assert_diag("system.dts: /bulkhead: 3 partitions, more than CONFIG_MAX_PARTITIONS=2");
}

/* REQ: BH-CFG-6 */
static void missing_image(void **state)
{
	(void)state;
	assert_int_equal(
	    check(HV ROOT
		  "partition-b { compatible = \"bulkhead,partition\"; cpus = <&cpu1>; "
		  "memory = <0x0 0x48000000 0x0 0x100000>; image = \"/nonexistent/Image\"; };"),
	    1);
	assert_diag("system.dts: /bulkhead/partition-b: image '/nonexistent/Image': No such file "
		    "or directory");
}

/* REQ: BH-CFG-6 */
static void unknown_node(void **state)
{
	(void)state;
	assert_int_equal(check(HV ROOT "guest-b { };"), 1);
	assert_diag("system.dts: /bulkhead/guest-b: unknown node (expected hypervisor, "
		    "partition-<name> or vmbus)");
}

/*
 * A misspelt name gets "did you mean" when exactly one known name is close
 * (a letter wrong, missing, extra, or two swapped); none when two are
 * close or none is.
 */
/* REQ: BH-CFG-7 */
static void misspelt_names_get_a_hint(void **state)
{
	struct gen_opts o = default_opts();

	(void)state;
	assert_int_equal(
	    check(HV ROOT PART("b", "&cpu1", "0x0 0x48000000 0x0 0x100000",
			       "restrat = \"halt\"; devcies = <&flash>; ipa-bse = <0x0 0x0>; "
			       "memroy = <0x0 0x0 0x0 0x0>;")),
	    4);
	assert_diag("system.dts: /bulkhead/partition-b: unknown property 'restrat'; did you mean "
		    "'restart'?");
	assert_diag("system.dts: /bulkhead/partition-b: unknown property 'devcies'; did you mean "
		    "'devices'?");
	assert_diag("system.dts: /bulkhead/partition-b: unknown property 'ipa-bse'; did you mean "
		    "'ipa-base'?");
	assert_diag("system.dts: /bulkhead/partition-b: unknown property 'memroy'; did you mean "
		    "'memory'?");
	assert_int_equal(check(HV_WITH("ap-trampolin = <0x0 0x8000 0x0 0x1000>;") ROOT
			       "partiton-b { }; hypervsior { }; vmbsu { };"),
			 4);
	assert_diag(
	    "system.dts: /bulkhead/hypervisor: unknown property 'ap-trampolin'; did you mean "
	    "'ap-trampoline'?");
	assert_diag("system.dts: /bulkhead/partiton-b: unknown node (expected hypervisor, "
		    "partition-<name> or vmbus); did you mean 'partition-b'?");
	assert_diag("system.dts: /bulkhead/hypervsior: unknown node (expected hypervisor, "
		    "partition-<name> or vmbus); did you mean 'hypervisor'?");
	assert_diag("system.dts: /bulkhead/vmbsu: unknown node (expected hypervisor, "
		    "partition-<name> or vmbus); did you mean 'vmbus'?");
	/* Values: restart, on-verify-fail, program. */
	assert_int_equal(
	    check(HV ROOT PART("b", "&cpu1", "0x0 0x48000000 0x0 0x100000",
			       "restart = \"restrat\"; on-verify-fail = \"fallbak\";")),
	    2);
	assert_diag(
	    "system.dts: /bulkhead/partition-b: unknown restart 'restrat' (halt, restart or "
	    "system-reset); did you mean 'restart'?");
	assert_diag("system.dts: /bulkhead/partition-b: unknown on-verify-fail 'fallbak' (halt or "
		    "fallback); did you mean 'fallback'?");
	o.programs = "root hello hallo";
	assert_int_equal(check_with(HV ROOT
				    "partition-b { compatible = \"bulkhead,partition\"; "
				    "cpus = <&cpu1>; memory = <0x0 0x48000000 0x0 0x100000>; "
				    "program = \"rot\"; };",
				    o),
			 1);
	assert_diag("system.dts: /bulkhead/partition-b: unknown program 'rot' (CONFIG_PROGRAMS: "
		    "root hello hallo); did you mean 'root'?");
	/* Two close names (hello, hallo): no guess. Nothing close: no hint. */
	assert_int_equal(check_with(HV ROOT
				    "partition-b { compatible = \"bulkhead,partition\"; "
				    "cpus = <&cpu1>; memory = <0x0 0x48000000 0x0 0x100000>; "
				    "program = \"hullo\"; colour = \"blue\"; };",
				    o),
			 2);
	assert_diag("system.dts: /bulkhead/partition-b: unknown program 'hullo' (CONFIG_PROGRAMS: "
		    "root hello hallo)");
	assert_diag("system.dts: /bulkhead/partition-b: unknown property 'colour'");
}

/* REQ: BH-CFG-7 */
static void all_errors_reported(void **state)
{
	(void)state;
	/* One partition with four problems, and a second root: five lines. */
	assert_int_equal(
	    check(HV ROOT
		  "partition-b { compatible = \"bulkhead,partition\"; bulkhead,root; "
		  "cpus = <&cpu0>; memory = <0x0 0x46000000 0x0 0x4000000>; program = \"nope\"; "
		  "restart = \"never\"; };"),
	    5);
	assert_diag("system.dts: /bulkhead/partition-b: cpu /cpus/cpu@0 is already assigned to "
		    "/bulkhead/partition-root");
	assert_diag("system.dts: /bulkhead/partition-b: unknown program 'nope' (CONFIG_PROGRAMS: "
		    "root hello ticker faulter)");
	assert_diag("system.dts: /bulkhead/partition-b: unknown restart 'never' (halt, restart or "
		    "system-reset)");
	assert_diag("system.dts: /bulkhead/partition-b: second root partition "
		    "(/bulkhead/partition-root is root already)");
	assert_diag("system.dts: /bulkhead/partition-b: memory 0x46000000+0x4000000 overlaps "
		    "/bulkhead/partition-root");
}

/* The q35 board: CPUs by APIC ID, COM1 on I/O ports as the console, no GIC needed. */
#define X86_HV(console)                                                                            \
	"hypervisor { memory = <0x0 0x01000000 0x0 0x00800000>; "                                  \
	"image-store = <0x0 0x02000000 0x0 0x03800000>; console = <" console ">; };"
#define X86_HV_TRAMP(t)                                                                            \
	"hypervisor { memory = <0x0 0x01000000 0x0 0x00800000>; "                                  \
	"image-store = <0x0 0x02000000 0x0 0x03800000>; console = <&com1>; "                       \
	"ap-trampoline = <" t ">; };"
#define X86_ROOT                                                                                   \
	"partition-root { compatible = \"bulkhead,partition\"; bulkhead,root; "                    \
	"cpus = <&cpu0>; memory = <0x0 0x10000000 0x0 0x04000000>; program = \"hello\"; };"

static struct gen_opts x86_opts(void)
{
	struct gen_opts o = default_opts();

	o.arch = "x86";
	return o;
}

static void x86_system(void **state)
{
	const struct g_dev *con;

	(void)state;
	assert_int_equal(check_with(X86_HV_TRAMP("0x0 0x8000 0x0 0x1000") X86_ROOT PART(
					"a", "&cpu3", "0x0 0x14000000 0x0 0x2000000", ""),
				    x86_opts()),
			 0);
	assert_int_equal(sys.ncpu, 4);
	assert_int_equal(sys.cpu[3].mpidr, 3); /* the APIC ID */
	con = &sys.dev[sys.console_dev];
	assert_int_equal(con->nreg, 0);
	assert_int_equal(con->nio, 1);
	assert_int_equal(con->io[0].base, 0x3f8);
	assert_int_equal(con->io[0].size, 8);
	assert_int_equal(gen_dev_base(con), 0x3f8);
}

/* watchdog = <ms>: its timeout, and the SP805's page after the console UART's. */
/* REQ: BH-CFG-7, BH-FLT-8 */
static void watchdog_values(void **state)
{
	(void)state;
	assert_int_equal(check(HV ROOT B_PART("")), 0);
	assert_int_equal(sys.part[1].watchdog_ms, 0);
	assert_int_equal(check(HV ROOT B_PART("restart = \"restart\"; watchdog = <1000>;")), 0);
	assert_int_equal(sys.part[1].watchdog_ms, 1000);
	assert_int_equal(sys.part[1].watchdog_ipa, 0x9001000);
	assert_int_equal(check(HV ROOT B_PART("watchdog = <10>;")), 0);
	assert_int_equal(sys.part[1].watchdog_ms, BH_WATCHDOG_MS_MIN);
	assert_int_equal(check(HV ROOT B_PART("watchdog = <3600000>;")), 0);
	assert_int_equal(sys.part[1].watchdog_ms, BH_WATCHDOG_MS_MAX);
	/* x86: an IB700 at its fixed ports, nothing placed in the address space. */
	assert_int_equal(check_with(X86_HV_TRAMP("0x0 0x8000 0x0 0x1000")
					X86_ROOT PART("a", "&cpu3", "0x0 0x14000000 0x0 0x2000000",
						      "watchdog = <1000>;"),
				    x86_opts()),
			 0);
	assert_int_equal(sys.part[1].watchdog_ms, 1000);
	assert_int_equal(sys.part[1].watchdog_ipa, 0);
}

/* x86: a root with a watchdog (extra) owning the 16550 of X86_ISA2 (the body closes it). */
#define X86_WDOG_PORT_OWNER(extra)                                                                 \
	"partition-root { compatible = \"bulkhead,partition\"; bulkhead,root; cpus = <&cpu0>; "    \
	"memory = <0x0 0x10000000 0x0 0x04000000>; program = \"hello\"; " extra                    \
	"devices = <&odd>; };"
/* A second ISA bus with one 16550 at port (the body closes /bulkhead to add it). */
#define X86_ISA2(port)                                                                             \
	"}; isa2 { compatible = \"isa\"; #address-cells = <2>; "                                   \
	"#size-cells = <1>; odd: serial@" port " { compatible = \"ns16550a\"; reg = <1 0x" port    \
	" 8>; }; }; spare {"

/* Each bad watchdog names the partition and the conflict. */
/* REQ: BH-CFG-7, BH-FLT-8 */
static void watchdog_errors(void **state)
{
	(void)state;
	assert_int_equal(check(HV ROOT B_PART("watchdog = <9>;")), 1);
	assert_diag("system.dts: /bulkhead/partition-b: watchdog 9 ms is outside 10 to 3600000 "
		    "(one hour)");
	assert_int_equal(check(HV ROOT B_PART("watchdog = <3600001>;")), 1);
	assert_diag("system.dts: /bulkhead/partition-b: watchdog 3600001 ms is outside 10 to "
		    "3600000 (one hour)");
	assert_int_equal(check(HV ROOT B_PART("watchdog = <0 1000>;")), 1);
	assert_diag("system.dts: /bulkhead/partition-b: watchdog must be one 32-bit cell (the "
		    "timeout in ms)");
	assert_int_equal(check(HV ROOT B_PART("watchdog = \"1s\";")), 1);
	assert_diag("system.dts: /bulkhead/partition-b: watchdog must be one 32-bit cell (the "
		    "timeout in ms)");
	/* Its RAM moved over the watchdog's page. */
	assert_int_equal(check(HV ROOT B_PART("watchdog = <1000>; ipa-base = <0x0 0x09001000>;")),
			 1);
	assert_diag("system.dts: /bulkhead/partition-b: ipa-base 0x9001000: memory "
		    "0x9001000+0x100000 overlaps the emulated watchdog 0x9001000+0x1000 in the "
		    "partition's address space");
	/* A device it owns on that page. */
	assert_int_equal(check(HV ROOT B_PART("watchdog = <1000>; devices = <&wd>; }; }; wd: "
					      "wd@9001000 { reg = <0x0 0x09001000 0x0 0x1000>; }; "
					      "spare { x {")),
			 1);
	assert_diag("system.dts: /bulkhead/partition-b: device /wd@9001000 0x9001000+0x1000 "
		    "overlaps the emulated watchdog 0x9001000+0x1000 in the partition's address "
		    "space");
	/* x86: the same range; a port device of its own over the IB700's ports. */
	assert_int_equal(check_with(X86_HV_TRAMP("0x0 0x8000 0x0 0x1000")
					X86_ROOT PART("a", "&cpu3", "0x0 0x14000000 0x0 0x2000000",
						      "watchdog = <3600001>;"),
				    x86_opts()),
			 1);
	assert_diag("system.dts: /bulkhead/partition-a: watchdog 3600001 ms is outside 10 to "
		    "3600000 (one hour)");
	assert_int_equal(check_with(X86_HV("&com1") X86_WDOG_PORT_OWNER("watchdog = <1000>; ")
					X86_ISA2("443"),
				    x86_opts()),
			 1);
	assert_diag("system.dts: /bulkhead/partition-root: device /isa2/serial@443: ports "
		    "0x443+0x8 include the emulated watchdog's port 0x443 (watchdog = <ms>)");
	assert_int_equal(
	    check_with(X86_HV("&com1") X86_WDOG_PORT_OWNER("") X86_ISA2("443"), x86_opts()),
	    0); /* no watchdog: the ports are free */
}

/* x86 takes "abort" too (reads all-ones, writes dropped: a PC's bus). */
/* REQ: BH-CFG-6 */
static void x86_on_bad_access(void **state)
{
	(void)state;
	assert_int_equal(check_with(X86_HV_TRAMP("0x0 0x8000 0x0 0x1000")
					X86_ROOT PART("a", "&cpu3", "0x0 0x14000000 0x0 0x2000000",
						      "on-bad-access = \"abort\";"),
				    x86_opts()),
			 0);
	assert_true(sys.part[1].bad_access_abort);
	assert_int_equal(check_with(X86_HV_TRAMP("0x0 0x8000 0x0 0x1000")
					X86_ROOT PART("a", "&cpu3", "0x0 0x14000000 0x0 0x2000000",
						      "on-bad-access = \"halt\";"),
				    x86_opts()),
			 1);
	assert_diag(
	    "system.dts: /bulkhead/partition-a: unknown on-bad-access 'halt' (stop or abort)");
}

/* A PCI host's memory windows are mapped with its ECAM; the I/O window is not. */
/* REQ: BH-CFG-3 */
static void x86_pci_host_windows(void **state)
{
	const struct g_dev *d = NULL;
	struct g_region r[16];
	int n;

	(void)state;
	assert_int_equal(
	    check_with(
		X86_HV("&com1") "partition-root { compatible = "
				"\"bulkhead,partition\"; bulkhead,root; cpus = <&cpu0>; memory = "
				"<0x0 0x10000000 0x0 0x04000000>; program = \"hello\"; devices = "
				"<&pcie>; };",
		x86_opts()),
	    0);
	for (int i = 0; i < sys.ndev; i++)
		if (!strcmp(sys.dev[i].path, "/pcie@e0000000"))
			d = &sys.dev[i];
	assert_non_null(d);
	assert_int_equal(d->nown, 1);
	assert_int_equal(d->nreg, 3);
	assert_int_equal(d->reg[1].base, 0xc0000000);
	assert_int_equal(d->reg[1].size, 0x10000000);
	assert_int_equal(d->win_space[2], 0x42000000);
	assert_int_equal(d->win_bus[2], 0xd0000000);
	n = gen_part_regions(&sys, &sys.part[0], r, 16);
	/* RAM; ECAM with the prefetchable window (which touches it); the 32-bit window. */
	assert_int_equal(n, 3);
	assert_int_equal(r[1].pa, 0xd0000000);
	assert_int_equal(r[1].size, 0x20000000);
	assert_int_equal(r[2].pa, 0xc0000000);
	assert_int_equal(r[2].size, 0x10000000);

	/* Another partition's RAM inside a window is refused like inside a register range. */
	assert_int_equal(
	    check_with(
		X86_HV("&com1") "partition-root { compatible = "
				"\"bulkhead,partition\"; bulkhead,root; cpus = <&cpu0>; memory = "
				"<0x0 0x10000000 0x0 0x04000000>; program = \"hello\"; devices = "
				"<&pcie>; ipa-base = <0x0 0xc0000000>; };",
		x86_opts()),
	    1);
	assert_diag(
	    "system.dts: /bulkhead/partition-root: ipa-base 0xc0000000: memory "
	    "0xc0000000+0x4000000 overlaps device /pcie@e0000000 0xc0000000+0x10000000 in the "
	    "partition's address space");
}

/*
 * Everything a partition sees in its own address space is disjoint: RAM
 * moved by ipa-base over what the hypervisor emulates there (arm64: vGIC
 * distributor and redistributors, console UART; x86: local APIC, IOAPIC)
 * or over a device it owns.
 */
/* REQ: BH-CFG-4 */
static void own_address_space_disjoint(void **state)
{
	(void)state;
	/* 0x8000000+0x2000000 covers the GIC's frames and the UART at 0x9000000. */
	assert_int_equal(check(HV ROOT PART("a", "&cpu1 &cpu2", "0x0 0x48000000 0x0 0x2000000",
					    "ipa-base = <0x0 0x08000000>;")),
			 3);
	assert_diag("system.dts: /bulkhead/partition-a: ipa-base 0x8000000: memory "
		    "0x8000000+0x2000000 overlaps the virtual GIC distributor 0x8000000+0x10000 in "
		    "the partition's address space");
	assert_diag("system.dts: /bulkhead/partition-a: ipa-base 0x8000000: memory "
		    "0x8000000+0x2000000 overlaps the virtual GIC redistributors 0x80a0000+0x40000 "
		    "(2 vCPUs) in the partition's address space");
	assert_diag(
	    "system.dts: /bulkhead/partition-a: ipa-base 0x8000000: memory "
	    "0x8000000+0x2000000 overlaps the emulated console UART 0x9000000+0x1000 in the "
	    "partition's address space");
	/* A device it owns, only partly inside: its pages count, not its base. */
	assert_int_equal(
	    check(HV_WITH("") ROOT PART("a", "&cpu1", "0x0 0x48000000 0x0 0x2000000",
					"ipa-base = <0x0 0x03000000>; devices = <&flash>;")),
	    2);
	assert_diag("system.dts: /bulkhead/partition-a: ipa-base 0x3000000: memory "
		    "0x3000000+0x2000000 overlaps device /flash@0 0x0+0x4000000 in the partition's "
		    "address space");
	assert_diag("system.dts: /bulkhead/partition-a: ipa-base 0x3000000: memory "
		    "0x3000000+0x2000000 overlaps device /flash@0 0x4000000+0x4000000 in the "
		    "partition's address space");
	/* x86: 0xfe000000+0x2000000 covers the IOAPIC and local APIC pages. */
	assert_int_equal(
	    check_with(X86_HV_TRAMP("0x0 0x8000 0x0 0x1000") X86_ROOT
		       "partition-a { "
		       "compatible = \"bulkhead,partition\"; cpus = <&cpu1>; memory = <0x0 "
		       "0x14000000 0x0 0x2000000>; program = \"hello\"; ipa-base = <0x0 "
		       "0xfe000000>; };",
		       x86_opts()),
	    2);
	assert_diag("system.dts: /bulkhead/partition-a: ipa-base 0xfe000000: memory "
		    "0xfe000000+0x2000000 overlaps the virtual local APIC 0xfee00000+0x1000 in the "
		    "partition's address space");
	assert_diag("system.dts: /bulkhead/partition-a: ipa-base 0xfe000000: memory "
		    "0xfe000000+0x2000000 overlaps the virtual IOAPIC 0xfec00000+0x1000 in the "
		    "partition's address space");
}

/*
 * A device passed through reaches nothing the hypervisor or another
 * partition owns: a second node over the rollback store's flash, a device
 * over channel memory that partition is no end of.
 */
/* REQ: BH-CFG-3 */
static void devices_reach_nothing_of_others(void **state)
{
	(void)state;
	assert_int_equal(
	    check(HV ROOT PART("a", "&cpu1", "0x0 0x48000000 0x0 0x2000000",
			       "devices = <&alias>; }; }; alias: alias@7f00000 { reg = "
			       "<0x0 0x07f00000 0x0 0x100000>; }; spare { x {")),
	    1);
	assert_diag("system.dts: /bulkhead/partition-a: device /alias@7f00000 0x7f00000+0x100000 "
		    "covers the rollback-store 0x7f80000+0x80000 of /bulkhead/hypervisor");
	/* Channels go to the top of free RAM: where this board node sits. */
	assert_int_equal(
	    check(HV "root: " ROOT "c1: " PART("c1", "&cpu1", "0x0 0x48000000 0x0 0x2000000", "")
		      PART("b", "&cpu2", "0x0 0x4a000000 0x0 0x2000000",
			   "devices = <&top>;") "vmbus { x { compatible = \"bulkhead,channel\"; "
						"class = \"console\"; "
						"provider = <&root>; consumer = <&c1>; }; }; }; "
						"top: top@7ff00000 { "
						"reg = <0x0 0x7ff00000 0x0 0x100000>; }; spare {"),
	    3);
	assert_diag("system.dts: /bulkhead/partition-b: device /top@7ff00000 0x7ff00000+0x100000 "
		    "covers the region 0x7ffe0000+0x20000 of channel /bulkhead/vmbus/x");
	assert_diag("system.dts: /bulkhead/partition-b: device /top@7ff00000 0x7ff00000+0x100000 "
		    "covers the VMBus event and status pages 0x7ffde000+0x2000 of "
		    "/bulkhead/partition-root");
	assert_diag("system.dts: /bulkhead/partition-b: device /top@7ff00000 0x7ff00000+0x100000 "
		    "covers the VMBus event and status pages 0x7ffdc000+0x2000 of "
		    "/bulkhead/partition-c1");
}

/*
 * Interrupt controllers and MSI translators (the GIC's ITS; any node with
 * interrupt-controller or msi-controller) are never passed through, not
 * even to the root.
 */
/* REQ: BH-CFG-3 */
static void interrupt_translators_refused(void **state)
{
	(void)state;
	assert_int_equal(
	    check(HV "partition-root { compatible = \"bulkhead,partition\"; "
		     "bulkhead,root; cpus = <&cpu0>; memory = <0x0 0x44000000 0x0 0x04000000>; "
		     "program = \"root\"; devices = <&its>; };"),
	    1);
	assert_diag(
	    "system.dts: /bulkhead/partition-root: devices: /intc@8000000/its@8080000 is an "
	    "interrupt controller (\"arm,gic-v3-its\"): only the hypervisor may program it (an "
	    "ITS or MSI frame writes and signals wherever it is told)");
	/* By property, whatever its compatible says. */
	assert_int_equal(
	    check(HV ROOT PART("a", "&cpu1", "0x0 0x48000000 0x0 0x2000000",
			       "devices = <&mine &msi>; }; }; mine: ic@a100000 { "
			       "compatible = \"acme,intc\"; interrupt-controller; reg = "
			       "<0x0 0x0a100000 0x0 0x1000>; }; msi: frame@a200000 { "
			       "compatible = \"acme,msi\"; msi-controller; reg = <0x0 "
			       "0x0a200000 0x0 0x1000>; }; spare { x {")),
	    2);
	assert_diag(
	    "system.dts: /bulkhead/partition-a: devices: /ic@a100000 is an interrupt "
	    "controller (interrupt-controller): only the hypervisor may program it (an ITS or "
	    "MSI frame writes and signals wherever it is told)");
	assert_diag(
	    "system.dts: /bulkhead/partition-a: devices: /frame@a200000 is an interrupt "
	    "controller (msi-controller): only the hypervisor may program it (an ITS or MSI "
	    "frame writes and signals wherever it is told)");
	/* Nor a page of one through another node. */
	assert_int_equal(
	    check(HV ROOT PART("a", "&cpu1", "0x0 0x48000000 0x0 0x2000000",
			       "devices = <&snoop>; }; }; snoop: snoop@8081000 { reg = "
			       "<0x0 0x08081000 0x0 0x100>; }; spare { x {")),
	    1);
	assert_diag("system.dts: /bulkhead/partition-a: device /snoop@8081000 shares a 4 KiB page "
		    "with /intc@8000000/its@8080000 (the hypervisor's)");
}

/*
 * A DMA-capable device (it writes any memory: no IOMMU yet) goes to the
 * root, or to a partition with bulkhead,trusted-dma, which the build
 * warns about. Not DMA-capable (a flash): anyone.
 */
/* REQ: BH-CFG-5 */
static void dma_capable_devices_root_only(void **state)
{
	(void)state;
	assert_int_equal(check(HV ROOT PART("a", "&cpu1", "0x0 0x48000000 0x0 0x2000000",
					    "devices = <&virtio_mmio0 &pcie>;")),
			 3);
	assert_diag(
	    "system.dts: /bulkhead/partition-a: device /pcie@10000000 ends beyond the 39-bit "
	    "IPA space");
	assert_diag(
	    "system.dts: /bulkhead/partition-a: device /virtio_mmio@a000000 can do DMA "
	    "(compatible \"virtio,mmio\") and there is no IOMMU: it could write any memory, "
	    "the hypervisor's included; only the root may own it, or a partition with "
	    "bulkhead,trusted-dma");
	assert_diag("system.dts: /bulkhead/partition-a: device /pcie@10000000 can do DMA "
		    "(device_type \"pci\": the functions behind a PCI host are bus masters) and "
		    "there is no IOMMU: it could write any memory, the hypervisor's included; only "
		    "the root may own it, or a partition with bulkhead,trusted-dma");
	/* By property or generic node name, whatever the compatible. */
	assert_int_equal(
	    check(HV ROOT PART("a", "&cpu1", "0x0 0x48000000 0x0 0x2000000",
			       "devices = <&e &c>; }; }; e: ethernet@a100000 { compatible "
			       "= \"acme,mac\"; reg = <0x0 0x0a100000 0x0 0x1000>; }; c: "
			       "crypto@a200000 { compatible = \"acme,aes\"; dma-coherent; "
			       "reg = <0x0 0x0a200000 0x0 0x1000>; }; spare { x {")),
	    2);
	assert_diag("system.dts: /bulkhead/partition-a: device /ethernet@a100000 can do DMA (node "
		    "name \"ethernet\") and there is no IOMMU: it could write any memory, the "
		    "hypervisor's included; only the root may own it, or a partition with "
		    "bulkhead,trusted-dma");
	assert_non_null(strstr(diag,
			       "system.dts: /bulkhead/partition-a: device /crypto@a200000 can "
			       "do DMA (dma-coherent) and there is no IOMMU"));
	/* Opted in: a warning naming partition and device; the root: nothing. */
	assert_int_equal(check(HV ROOT PART("a", "&cpu1", "0x0 0x48000000 0x0 0x2000000",
					    "bulkhead,trusted-dma; devices = <&virtio_mmio0>;")),
			 0);
	assert_diag(
	    "system.dts: /bulkhead/partition-a: warning: device /virtio_mmio@a000000 can do "
	    "DMA (compatible \"virtio,mmio\") and there is no IOMMU: bulkhead,trusted-dma "
	    "trusts this partition with all memory");
	assert_int_equal(check(HV ROOT), 0);
	assert_string_equal(diag, "");
}

/*
 * The reference root runtime scans BH_ROOT_MAX_PCI_HOSTS PCI hosts: a
 * "root" program given more is refused, not served in part; another
 * program (its own drivers) is not limited.
 */
/* REQ: BH-CFG-6 */
static void root_runtime_limits(void **state)
{
#define HOSTS                                                                                      \
	"devices = <&p1 &p2 &p3>; }; }; "                                                          \
	"p1: pcie@1f000000 { compatible = \"pci-host-ecam-generic\"; device_type = \"pci\"; "      \
	"reg = <0x0 0x1f000000 0x0 0x100000>; }; "                                                 \
	"p2: pcie@20000000 { compatible = \"pci-host-ecam-generic\"; device_type = \"pci\"; "      \
	"reg = <0x0 0x20000000 0x0 0x100000>; }; p3: pcie@21000000 { compatible = "                \
	"\"pci-host-ecam-generic\"; device_type = \"pci\"; reg = <0x0 0x21000000 0x0 0x100000>; "  \
	"}; spare {"
	(void)state;
	assert_int_equal(
	    check(HV "partition-root { compatible = \"bulkhead,partition\"; "
		     "bulkhead,root; cpus = <&cpu0>; memory = <0x0 0x44000000 0x0 0x04000000>; "
		     "program = \"root\"; " HOSTS),
	    1);
	assert_diag(
	    "system.dts: /bulkhead/partition-root: devices: 3 PCI hosts "
	    "(\"pci-host-ecam-generic\"); program \"root\" serves 2 (BH_ROOT_MAX_PCI_HOSTS)");
	assert_int_equal(
	    check(HV "partition-root { compatible = \"bulkhead,partition\"; "
		     "bulkhead,root; cpus = <&cpu0>; memory = <0x0 0x44000000 0x0 0x04000000>; "
		     "program = \"hello\"; " HOSTS),
	    0);
#undef HOSTS
}

/* The local APIC and the IOAPIC stay the hypervisor's: no window over them, no passing through. */
/* REQ: BH-CFG-3 */
static void x86_interrupt_controllers_stay_the_hypervisors(void **state)
{
	(void)state;
	/*
	 * A second PCI host whose window covers the local APIC page and the
	 * IOAPIC (the body closes /bulkhead to add the board node, then opens
	 * an empty node the template closes).
	 */
	assert_int_equal(
	    check_with(
		X86_HV(
		    "&com1") "partition-root { compatible = "
			     "\"bulkhead,partition\"; bulkhead,root; cpus = <&cpu0>; memory = "
			     "<0x0 0x10000000 0x0 0x04000000>; program = \"hello\"; devices = "
			     "<&wide>; }; }; wide: pcie@f0000000 { compatible = "
			     "\"pci-host-ecam-generic\"; device_type = \"pci\"; reg = <0x0 "
			     "0xf0000000 0x0 0x100000>; #address-cells = <3>; #size-cells = <2>; "
			     "ranges = <0x02000000 0x0 0xfe000000 0x0 0xfe000000 0x0 0x1000000>; "
			     "}; "
			     "spare {",
		x86_opts()),
	    2);
	assert_diag("system.dts: /bulkhead/partition-root: device /pcie@f0000000 at "
		    "0xfe000000+0x1000000 covers the local APIC at 0xfee00000, which only the "
		    "hypervisor may touch");
	assert_diag("system.dts: /bulkhead/partition-root: device /pcie@f0000000 shares a 4 KiB "
		    "page with /interrupt-controller@fec00000 (the hypervisor's)");

	assert_int_equal(
	    check_with(
		X86_HV("&com1") "partition-root { compatible = "
				"\"bulkhead,partition\"; bulkhead,root; cpus = <&cpu0>; memory = "
				"<0x0 0x10000000 0x0 0x04000000>; program = \"hello\"; devices = "
				"<&ioapic>; };",
		x86_opts()),
	    1);
	assert_diag("system.dts: /bulkhead/partition-root: devices: /interrupt-controller@fec00000 "
		    "is the interrupt controller (partitions get a virtual one)");
}

#define X86_PORT_OWNER(devs)                                                                       \
	"partition-root { compatible = \"bulkhead,partition\"; "                                   \
	"bulkhead,root; cpus = <&cpu0>; memory = <0x0 0x10000000 0x0 0x04000000>; program = "      \
	"\"hello\"; devices = <" devs ">; };"

/* Devices on I/O ports are passed through on x86: theirs alone, never the console's or 0xcf8. */
/* REQ: BH-CFG-3, BH-ISO-6 */
static void x86_port_devices(void **state)
{
	const struct g_dev *d = NULL;

	(void)state;
	assert_int_equal(check_with(X86_HV("&com1") X86_PORT_OWNER("&com2"), x86_opts()), 0);
	for (int i = 0; i < sys.ndev; i++)
		if (!strcmp(sys.dev[i].path, "/isa/serial@2f8"))
			d = &sys.dev[i];
	assert_non_null(d);
	assert_int_equal(d->owner, 0);
	assert_int_equal(d->nio, 1);
	assert_int_equal(d->io[0].base, 0x2f8);

	assert_int_equal(
	    check_with(X86_HV("&com1") X86_PORT_OWNER("&odd") X86_ISA2("3fc"), x86_opts()), 1);
	assert_diag("system.dts: /bulkhead/partition-root: device /isa2/serial@3fc: ports "
		    "0x3fc+0x8 overlap the hypervisor's console /isa/serial@3f8");

	assert_int_equal(
	    check_with(X86_HV("&com1") X86_PORT_OWNER("&odd") X86_ISA2("cf8"), x86_opts()), 1);
	assert_diag("system.dts: /bulkhead/partition-root: device /isa2/serial@cf8: ports "
		    "0xcf8+0x8 include the PCI configuration and reset ports 0xcf8-0xcff, which "
		    "only the hypervisor may touch");

	/* Two owners of overlapping ports. */
	assert_int_equal(check_with(X86_HV_TRAMP("0x0 0x8000 0x0 0x1000") X86_PORT_OWNER("&com2")
					PART("a", "&cpu1", "0x0 0x14000000 0x0 0x2000000",
					     "devices = <&odd>;") X86_ISA2("2fc"),
				    x86_opts()),
			 1);
	assert_diag(
	    "system.dts: /bulkhead/partition-root: device /isa/serial@2f8: ports "
	    "0x2f8+0x8 overlap those of /isa2/serial@2fc, which /bulkhead/partition-a owns");

	/* Ports the hypervisor emulates for every partition (PIT counter 2, port B, ACPI PM). */
	assert_int_equal(
	    check_with(X86_HV("&com1") X86_PORT_OWNER("&odd") X86_ISA2("60"), x86_opts()), 1);
	assert_diag("system.dts: /bulkhead/partition-root: device /isa2/serial@60: ports 0x60+0x8 "
		    "overlap the emulated port B (PIT gate) ports 0x61+0x1 in the partition's I/O "
		    "space");
	assert_int_equal(
	    check_with(X86_HV("&com1") X86_PORT_OWNER("&odd") X86_ISA2("604"), x86_opts()), 1);
	assert_diag("system.dts: /bulkhead/partition-root: device /isa2/serial@604: ports "
		    "0x604+0x8 overlap the emulated ACPI PM1a and PM timer ports 0x600+0xc in the "
		    "partition's I/O space");
}

/* ISA bus 2 with one 16550 at port on IOAPIC pin irq (the body closes /bulkhead to add it). */
#define X86_ISA2_IRQ(port, irq)                                                                    \
	"}; isa2 { compatible = \"isa\"; #address-cells = <2>; "                                   \
	"#size-cells = <1>; odd: serial@" port " { compatible = \"ns16550a\"; reg = <1 0x" port    \
	" 8>; interrupts = <" irq ">; }; }; spare {"

static const struct g_dev *dev_at(const char *path)
{
	for (int i = 0; i < sys.ndev; i++)
		if (!strcmp(sys.dev[i].path, path))
			return &sys.dev[i];
	return NULL;
}

/*
 * x86 device interrupts are IOAPIC pins: an ISA device's <pin flags>, a PCI
 * host's interrupt-map (every pin it names goes with the host); one owner
 * per pin, never the console's, within the pins Bulkhead routes.
 */
/* REQ: BH-CFG-3 */
static void x86_device_interrupts(void **state)
{
	const struct g_dev *pcie, *com2;

	(void)state;
	assert_int_equal(
	    check_with(X86_HV_TRAMP("0x0 0x8000 0x0 0x1000") X86_PORT_OWNER("&pcie")
			   PART("a", "&cpu1", "0x0 0x14000000 0x0 0x2000000", "devices = <&com2>;"),
		       x86_opts()),
	    0);
	pcie = dev_at("/pcie@e0000000");
	com2 = dev_at("/isa/serial@2f8");
	assert_non_null(pcie);
	assert_non_null(com2);
	assert_int_equal(pcie->nspi, 4); /* PIRQ E..H: pins 20..23, each once */
	for (int i = 0; i < 4; i++)
		assert_int_equal(pcie->spi[i], 20 + i);
	assert_int_equal(com2->nspi, 1);
	assert_int_equal(com2->spi[0], 3);

	/* A second owner on a pin of the PCI host's map. */
	assert_int_equal(check_with(X86_HV_TRAMP("0x0 0x8000 0x0 0x1000") X86_PORT_OWNER("&pcie")
					PART("a", "&cpu1", "0x0 0x14000000 0x0 0x2000000",
					     "devices = <&odd>;") X86_ISA2_IRQ("2e8", "21 1"),
				    x86_opts()),
			 1);
	assert_diag("system.dts: /bulkhead/partition-root: device /pcie@e0000000 shares interrupt "
		    "21 with /isa2/serial@2e8 (/bulkhead/partition-a)");

	/* The console's pin. */
	assert_int_equal(check_with(X86_HV("&com1") X86_PORT_OWNER("&odd")
					X86_ISA2_IRQ("2e8", "4 0"),
				    x86_opts()),
			 1);
	assert_diag("system.dts: /bulkhead/partition-root: device /isa2/serial@2e8 shares "
		    "interrupt 4 with /isa/serial@3f8 (the hypervisor's console)");

	/* Beyond the pins Bulkhead routes; a specifier that is not <pin flags>. */
	assert_int_equal(check_with(X86_HV("&com1") X86_PORT_OWNER("&odd")
					X86_ISA2_IRQ("2e8", "64 0"),
				    x86_opts()),
			 1);
	assert_diag("system.dts: /bulkhead/partition-root: device /isa2/serial@2e8 uses IOAPIC pin "
		    "64; Bulkhead routes pins 0..63");
	assert_int_equal(
	    check_with(X86_HV("&com1") X86_PORT_OWNER("&odd") X86_ISA2_IRQ("2e8", "5"), x86_opts()),
	    1);
	assert_diag("system.dts: /isa2/serial@2e8: interrupts must be <pin flags> pairs of "
		    "/interrupt-controller@fec00000");
}

/* A PCI host's interrupt-map must lead to the IOAPIC, entry by entry, whole. */
/* REQ: BH-CFG-3 */
static void x86_interrupt_map_checked(void **state)
{
	(void)state;
	assert_int_equal(
	    check_with(X86_HV("&com1") X86_PORT_OWNER(
			   "&pcie") "}; }; &pcie { "
				    "interrupt-map = <0x0 0x0 0x0 0x1 &hpet 20 1>; }; / { spare {",
		       x86_opts()),
	    1);
	assert_diag(
	    "system.dts: /pcie@e0000000: interrupt-map: entry 0 does not lead to the IOAPIC "
	    "/interrupt-controller@fec00000");
	assert_int_equal(
	    check_with(X86_HV("&com1") X86_PORT_OWNER(
			   "&pcie") "}; }; &pcie { "
				    "interrupt-map = <0x0 0x0 0x0 0x1 &ioapic 20 1 0x800 0x0 0x0 "
				    "0x1 &ioapic 21>; }; / { spare {",
		       x86_opts()),
	    1);
	assert_diag("system.dts: /pcie@e0000000: interrupt-map: entry 1 is cut short");
	/* A map nobody is given is the board's business (a legacy PIC, say): no error. */
	assert_int_equal(check_with(X86_HV("&com1") X86_ROOT
				    "}; }; &pcie { "
				    "interrupt-map = <0x0 0x0 0x0 0x1 &hpet 20 1>; }; / { spare {",
				    x86_opts()),
			 0);
}

/* The board's reset and S5 registers come from its DT; partitions never own those ports. */
static void x86_acpi_fixed_hardware(void **state)
{
	(void)state;
	assert_int_equal(check_with(X86_HV("&com1") X86_ROOT, x86_opts()), 0);
	assert_int_equal(sys.reset_port, 0xcf9);
	assert_int_equal(sys.reset_value, 0x06);
	assert_int_equal(sys.pm1a_port, 0xe404);
	assert_int_equal(sys.s5_type, 0);
	assert_int_equal(sys.pm_enable_cfg, 0x8000f844);
	assert_int_equal(sys.pm_enable_bits, 0x80);

	assert_int_equal(
	    check_with(X86_HV("&com1") X86_PORT_OWNER("&odd") X86_ISA2("e400"), x86_opts()), 1);
	assert_diag("system.dts: /bulkhead/partition-root: device /isa2/serial@e400: ports "
		    "0xe400+0x8 include the board's PM1a control register 0xe404 "
		    "(/acpi-fixed-hardware), which only the hypervisor may touch");

	assert_int_equal(check_with(X86_HV("&com1") X86_ROOT
				    "}; }; &{/acpi-fixed-hardware} { "
				    "reset-register = <0x10000 0x6>; pm1a-control = <0x604 8>; "
				    "sleep = <1>; pm-enable = <0 32 0 0x44 0x80>; }; / { spare {",
				    x86_opts()),
			 4);
	assert_diag("system.dts: /acpi-fixed-hardware: reset-register must be <port value>: an I/O "
		    "port 1..0xfffe and a value up to 0xff");
	assert_diag("system.dts: /acpi-fixed-hardware: pm1a-control must be <port value>: an I/O "
		    "port 1..0xfffe and a value up to 0x7");
	assert_diag("system.dts: /acpi-fixed-hardware: unknown property 'sleep'");
	assert_diag(
	    "system.dts: /acpi-fixed-hardware: pm-enable must be <bus device function "
	    "register bits>: a PCI configuration byte (bus < 256, device < 32, function < 8, "
	    "register < 256) and the bits (1..0xff) to set in it");
	assert_int_equal(sys.reset_port, 0);
	assert_int_equal(sys.pm1a_port, 0);
}

/* REQ: BH-CFG-6 */
static void x86_console_must_be_a_16550_on_ports(void **state)
{
	(void)state;
	assert_int_equal(check_with(X86_HV("&hpet") X86_ROOT, x86_opts()), 1);
	assert_diag("system.dts: /bulkhead/hypervisor: console /timer@fed00000 is not a 16550 on "
		    "I/O ports (\"ns16550a\" on an \"isa\" bus, reg = <1 port 8>)");
}

#define X86_TWO PART("a", "&cpu1", "0x0 0x14000000 0x0 0x2000000", "")

static unsigned char sum8(const unsigned char *p, size_t n)
{
	unsigned char s = 0;

	while (n--)
		s = (unsigned char)(s + *p++);
	return s;
}

static u64 le_at(const unsigned char *p, int n)
{
	u64 v = 0;

	for (int i = n - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

#define X86_LINUX(ipa, file)                                                                       \
	"partition-linux { compatible = \"bulkhead,partition\"; "                                  \
	"cpus = <&cpu1 &cpu2>; memory = <0x0 0x18000000 0x0 0x10000000>; ipa-base = <" ipa ">; "   \
	"image = \"" file "\"; bootargs = \"console=ttyS0 tsc=reliable\"; };"
#define BZIMAGE "/tmp/bulkhead-test-bzImage"

/* Where needle first is in the n bytes at h, or NULL. */
static const unsigned char *find(const unsigned char *h, size_t n, const void *needle, size_t len)
{
	for (size_t i = 0; i + len <= n; i++)
		if (!memcmp(h + i, needle, len))
			return h + i;
	return NULL;
}

/* An AML PkgLength at p: the length it gives (counting itself); *n: its bytes. */
static size_t pkglen(const unsigned char *p, int *n)
{
	size_t len = p[0] & 0x3f;

	*n = 1 + (p[0] >> 6);
	if (*n > 1) {
		len = p[0] & 0xf;
		for (int i = 1; i < *n; i++)
			len |= (size_t)p[i] << (4 + 8 * (i - 1));
	}
	return len;
}

/* One byte of the test bzImage changed. */
static void patch_bzimage(long off, unsigned char v)
{
	FILE *f = fopen(BZIMAGE, "r+b");

	assert_non_null(f);
	fseek(f, off, SEEK_SET);
	fputc(v, f);
	fclose(f);
}

/*
 * The setup header decides where Linux goes: a kernel alignment that is no
 * power of two means Linux's default 2 MiB; what cannot be placed or
 * booted as its header says is refused.
 */
/* REQ: BH-CFG-6 */
static void x86_linux_bzimage_header(void **state)
{
	(void)state;
	write_bzimage(BZIMAGE, 0x20f, 1);
	patch_bzimage(0x232, 0); /* kernel_alignment 0 */
	patch_bzimage(0x25b, 0); /* no preferred address */
	assert_int_equal(check_with(X86_HV_TRAMP("0x0 0x8000 0x0 0x1000")
					X86_ROOT X86_LINUX("0x0 0x0", BZIMAGE),
				    x86_opts()),
			 0);
	/* Above the boot page tables and the 5 setup sectors, 2 MiB aligned. */
	assert_int_equal(sys.part[1].entry_ipa, 0x200000 + 0x200);
	assert_int_equal(sys.part[1].text_offset, 0x200000 - 5 * 512);

	patch_bzimage(0x234, 0);    /* not relocatable */
	patch_bzimage(0x25b, 0x20); /* and wanted at 512 MiB */
	assert_int_equal(check_with(X86_HV_TRAMP("0x0 0x8000 0x0 0x1000")
					X86_ROOT X86_LINUX("0x0 0x0", BZIMAGE),
				    x86_opts()),
			 1);
	assert_diag("system.dts: /bulkhead/partition-linux: image '" BZIMAGE
		    "': a kernel that is not relocatable must be at 0x20000000, which "
		    "is not in memory 0x0+0x10000000 (as the partition sees it)");

	write_bzimage(BZIMAGE, 0x20f, 1);
	patch_bzimage(0x1f1, 100); /* setup sectors beyond the file */
	assert_int_equal(check_with(X86_HV_TRAMP("0x0 0x8000 0x0 0x1000")
					X86_ROOT X86_LINUX("0x0 0x0", BZIMAGE),
				    x86_opts()),
			 1);
	assert_diag("system.dts: /bulkhead/partition-linux: image '" BZIMAGE
		    "': its setup header is malformed (100 setup sectors, header end "
		    "0x26c)");

	write_bzimage(BZIMAGE, 0x20f, 1);
	patch_bzimage(0x238, 16); /* cmdline_size */
	patch_bzimage(0x239, 0);
	assert_int_equal(check_with(X86_HV_TRAMP("0x0 0x8000 0x0 0x1000")
					X86_ROOT X86_LINUX("0x0 0x0", BZIMAGE),
				    x86_opts()),
			 1);
	assert_diag("system.dts: /bulkhead/partition-linux: bootargs: 51 bytes with "
		    "\"tsc_early_khz=4294967295\", more than the kernel in '" BZIMAGE
		    "' takes (16)");
	remove(BZIMAGE);
}

/*
 * An x86 Linux partition with a VMBus channel: its bus is an ACPI device
 * (tools/gen/acpi_vmbus.c) whose AML is well formed (each PkgLength covers
 * exactly what it holds, as `iasl -d` also reads it), with the bus pages,
 * the channel's region and the bus GSI in _CRS and the channel's properties
 * in a data subnode; the MADT lists the virtual IOAPIC; the hypervisor's
 * table names the pin.
 */
static void x86_linux_vmbus_acpi(void **state)
{
	/* clang-format off */
	static const unsigned char irq[] = { 0x89, 0x06, 0x00, 0x03, 0x01, 16, 0, 0, 0, 0x79, 0x00 };
	static const unsigned char props_uuid[] = { 0x11, 0x13, 0x0a, 0x10, 0x14, 0xd8, 0xff, 0xda,
						    0xba, 0x6e, 0x8c, 0x4d, 0x8a, 0x91 };
	static const unsigned char nodes_uuid[] = { 0x11, 0x13, 0x0a, 0x10, 0xe6, 0xe3, 0xb8, 0xdb,
						    0x86, 0x58, 0xa6, 0x4b, 0x87, 0x95 };
	static const unsigned char link[] = "\x12\x17\x02\x0d" "console-linux\0" "\x0d" "CH00";
	/* { "bulkhead,rx-ring", { 0x10000, 0x10000 } }: the default rings, dwords */
	static const unsigned char ring[] = "\x12\x21\x02\x0d" "bulkhead,rx-ring\0"
					    "\x12\x0c\x02\x0c\x00\x00\x01\x00\x0c\x00\x00\x01\x00";
	/* clang-format on */
	static unsigned char acpi[0x4000];
	const unsigned char *xsdt, *fadt, *madt, *dsdt, *a, *end, *crs;
	const struct g_part *p;
	const struct g_chan *ch;
	size_t len, dlen;
	int n;

	(void)state;
	write_bzimage(BZIMAGE, 0x20f, 1);
	assert_int_equal(
	    check_with(
		X86_HV_TRAMP("0x0 0x8000 0x0 0x1000") X86_ROOT X86_LINUX(
		    "0x0 0x0",
		    BZIMAGE) "vmbus { console-linux { compatible = \"bulkhead,channel\"; "
			     "class = \"console\"; provider = <&{/bulkhead/partition-root}>; "
			     "consumer = <&{/bulkhead/partition-linux}>; }; };",
		x86_opts()),
	    0);
	p = &sys.part[1];
	ch = &sys.chan[p->chan[0]];
	assert_int_equal(p->nchan, 1);
	assert_int_equal(gen_x86_bus_gsi(&sys, p), 16);
	assert_int_equal(gen_x86_bus_gsi(&sys, &sys.part[0]), 0); /* bare metal: the vector */

	len = gen_x86_acpi(&sys, p, 0xfff2000, acpi, sizeof(acpi));
	assert_true(len > 36);
	xsdt = acpi + (le_at(acpi + 24, 8) - 0xfff2000);
	fadt = acpi + (le_at(xsdt + 36, 8) - 0xfff2000);
	madt = acpi + (le_at(xsdt + 44, 8) - 0xfff2000);
	dsdt = acpi + (le_at(fadt + 140, 8) - 0xfff2000);
	/* The MADT: two local APICs, then the IOAPIC at the board's address, GSIs from 0. */
	assert_int_equal(le_at(madt + 4, 4), 44 + 2 * 8 + 12);
	assert_int_equal(sum8(madt, le_at(madt + 4, 4)), 0);
	assert_int_equal(madt[60], 1);
	assert_int_equal(madt[61], 12);
	assert_int_equal(le_at(madt + 64, 4), sys.ioapic.base);
	assert_int_equal(le_at(madt + 68, 4), 0);

	dlen = le_at(dsdt + 4, 4);
	assert_int_equal(sum8(dsdt, dlen), 0);
	end = dsdt + dlen;
	/* The bus device's scope closes the table, after the console's and _S5. */
	a = find(dsdt + 36 + 1, dlen - 37, "\x10", 1);
	while (a && memcmp(a + 1 + (pkglen(a + 1, &n), n), "\\_SB_\x5b\x82", 7))
		a = memchr(a + 1, 0x10, (size_t)(end - a - 1));
	assert_non_null(a);
	assert_ptr_equal(a + 1 + pkglen(a + 1, &n), end);
	a += 1 + n + 5;
	assert_ptr_equal(a + 2 + pkglen(a + 2, &n), end); /* Device (VMBS) */
	a += 2 + n;
	assert_memory_equal(a,
			    "VMBS\x08_HID\x0d"
			    "BLKH0001\0\x08_UID\x00\x08_CRS\x11",
			    31);
	a += 31;
	crs = a + pkglen(a, &n);
	a += n;
	assert_int_equal(a[0], 0x0b); /* the buffer's size: a word, all of it */
	assert_int_equal(le_at(a + 1, 2), crs - a - 3);
	a += 3;
	/* Memory resource 0: the event and status pages; 1: the channel's region. */
	assert_int_equal(a[0], 0x8a);
	assert_int_equal(le_at(a + 1, 2), 43);
	assert_int_equal(le_at(a + 14, 8), p->bus.base);
	assert_int_equal(le_at(a + 22, 8), p->bus.base + 0x2000 - 1);
	assert_int_equal(le_at(a + 38, 8), 0x2000);
	a += 46;
	assert_int_equal(le_at(a + 14, 8), ch->region.base);
	assert_int_equal(le_at(a + 38, 8), ch->region.size);
	a += 46;
	assert_memory_equal(a, irq, sizeof(irq)); /* Interrupt (Consumer, Edge, ActiveHigh) {16} */
	assert_ptr_equal(a + sizeof(irq), crs);
	/* _DSD: the bus's properties, then the channel as a data subnode named like its node. */
	a = crs;
	assert_memory_equal(a, "\x08_DSD\x12", 6);
	assert_non_null(find(a, (size_t)(end - a), props_uuid, sizeof(props_uuid)));
	assert_non_null(find(a, (size_t)(end - a), nodes_uuid, sizeof(nodes_uuid)));
	assert_non_null(find(a, (size_t)(end - a),
			     "\x0d"
			     "bulkhead,abi-version\0\x01",
			     23));
	assert_non_null(find(a, (size_t)(end - a), link, sizeof(link)));
	a = find(a, (size_t)(end - a),
		 "\x08"
		 "CH00\x12",
		 6);
	assert_non_null(a);
	assert_ptr_equal(a + 5 + 1 + pkglen(a + 6, &n), end); /* the last object */
	/* The consumer's end: it reads the second ring (the first is the provider's receive). */
	assert_non_null(find(a, (size_t)(end - a), ring, sizeof(ring) - 1));
	assert_non_null(find(a, (size_t)(end - a),
			     "\x0d"
			     "bulkhead,role\0\x0d"
			     "consumer",
			     24));
	assert_non_null(find(a, (size_t)(end - a),
			     "\x0d"
			     "bulkhead,memory-resource\0\x01",
			     27));
	assert_non_null(find(a, (size_t)(end - a),
			     "\x0d"
			     "compatible\0\x0d"
			     "bulkhead,vmbus-console\0",
			     35));
	/* Too small a buffer: refused, not cut. */
	assert_int_equal(gen_acpi_vmbus(&sys, p, acpi, 100), 0);
	assert_int_equal(gen_x86_acpi(&sys, p, 0xfff2000, acpi, 400), 0);
	remove(BZIMAGE);
}

/*
 * An x86 partition whose image is a bzImage: placed by its setup header,
 * entered at its 64-bit entry, given boot parameters (E820, command line)
 * and ACPI tables (one local APIC per vCPU, the console's ports, the PM
 * timer) that are well formed; what Linux cannot run with is refused.
 */
static void x86_linux_bzimage(void **state)
{
	static unsigned char zp[0x10000];
	const struct g_part *p;
	unsigned char acpi[4096];
	const unsigned char *xsdt, *fadt, *madt;
	char dir[] = "/tmp/bulkhead-test-XXXXXX", file[128];
	size_t len;
	FILE *f;

	(void)state;
	write_bzimage(BZIMAGE, 0x20f, 1);
	assert_int_equal(check_with(X86_HV_TRAMP("0x0 0x8000 0x0 0x1000")
					X86_ROOT X86_LINUX("0x0 0x0", BZIMAGE),
				    x86_opts()),
			 0);
	p = &sys.part[1];
	assert_true(p->linux_x86);
	assert_int_equal(p->entry_ipa, 0x1000200);
	assert_int_equal(p->ipa_base + p->text_offset, 0x1000000 - 5 * 512);
	assert_int_equal(p->dtb_ipa, 0xfff0000);

	len = gen_x86_acpi(&sys, p, 0xfff2000, acpi, sizeof(acpi));
	assert_true(len > 36);
	assert_memory_equal(acpi, "RSD PTR ", 8);
	assert_int_equal(sum8(acpi, 20), 0);
	assert_int_equal(sum8(acpi, 36), 0);
	xsdt = acpi + (le_at(acpi + 24, 8) - 0xfff2000);
	assert_memory_equal(xsdt, "XSDT", 4);
	assert_int_equal(sum8(xsdt, le_at(xsdt + 4, 4)), 0);
	fadt = acpi + (le_at(xsdt + 36, 8) - 0xfff2000);
	madt = acpi + (le_at(xsdt + 44, 8) - 0xfff2000);
	assert_memory_equal(fadt, "FACP", 4);
	assert_int_equal(sum8(fadt, le_at(fadt + 4, 4)), 0);
	assert_true(le_at(fadt + 112, 4) & (1U << 20)); /* hardware-reduced */
	assert_int_equal(le_at(fadt + 76, 4), BH_X86_PM_TIMER_PORT);
	assert_memory_equal(acpi + (le_at(fadt + 140, 8) - 0xfff2000), "DSDT", 4);
	assert_int_equal(le_at(acpi + (le_at(fadt + 140, 8) - 0xfff2000) + 36 + 41, 2), 0x3f8);
	assert_memory_equal(madt, "APIC", 4);
	assert_int_equal(le_at(madt + 4, 4), 44 + 2 * 8);
	assert_int_equal(sum8(madt, le_at(madt + 4, 4)), 0);
	assert_int_equal(madt[44 + 3], 0); /* APIC IDs: the vCPU indices */
	assert_int_equal(madt[52 + 3], 1);
	assert_int_equal(gen_x86_acpi(&sys, p, 0xfff2000, acpi, 100), 0); /* too small: refused */

	/* A device with an interrupt: passed through, its interrupt not (said so). */
	assert_int_equal(check_with(X86_HV_TRAMP("0x0 0x8000 0x0 0x1000") X86_ROOT
				    "partition-linux { compatible = \"bulkhead,partition\"; cpus = "
				    "<&cpu1>; memory = <0x0 0x18000000 0x0 0x10000000>; ipa-base = "
				    "<0x0 0x0>; image = \"" BZIMAGE "\"; devices = <&com2>; };",
				    x86_opts()),
			 0);
	assert_diag(
	    "system.dts: /bulkhead/partition-linux: warning: device /isa/serial@2f8: its "
	    "interrupts do not reach a Linux partition yet (its ACPI tables list no IOAPIC); "
	    "Linux must poll it");
	assert_int_equal(check_with(X86_HV_TRAMP("0x0 0x8000 0x0 0x1000")
					X86_ROOT X86_LINUX("0x0 0x0", BZIMAGE),
				    x86_opts()),
			 0);
	p = &sys.part[1];

	/* The boot parameters as written: loader, command line, ACPI, E820. */
	assert_non_null(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/partitions", dir);
	assert_int_equal(mkdir(file, 0755), 0);
	assert_int_equal(gen_emit_x86_params(&sys, dir), 0);
	snprintf(file, sizeof(file), "%s/partitions/linux.params", dir);
	f = fopen(file, "rb");
	assert_non_null(f);
	len = fread(zp, 1, sizeof(zp), f);
	fclose(f);
	remove(file);
	snprintf(file, sizeof(file), "%s/partitions", dir);
	rmdir(file);
	rmdir(dir);
	assert_true(len > 0x2000);
	assert_int_equal(zp[0x210], 0xff);
	assert_int_equal(le_at(zp + 0x228, 4), 0xfff1000);
	/* The bootargs, and the slot the hypervisor writes its TSC rate over. */
	assert_string_equal((const char *)zp + 0x1000,
			    "console=ttyS0 tsc=reliable tsc_early_khz=4294967295");
	assert_int_equal(le_at(zp + 0x70, 8), 0xfff2000);
	assert_memory_equal(zp + 0x1f1 + (0x202 - 0x1f1), "HdrS", 4);
	assert_int_equal(zp[0x1e8], 4);
	assert_int_equal(le_at(zp + 0x2d0 + 2 * 20, 8), 0x100000); /* RAM from 1 MiB */
	assert_int_equal(le_at(zp + 0x2d0 + 2 * 20 + 8, 8), 0xfff0000 - 0x100000); /* to here */
	assert_int_equal(le_at(zp + 0x2d0 + 2 * 20 + 16, 4), 1);
	assert_int_equal(le_at(zp + 0x2d0 + 3 * 20 + 16, 4), 2); /* these: reserved */

	/* Not seen from 0 (Linux needs RAM below 1 MiB); no 64-bit entry; neither format. */
	assert_int_equal(check_with(X86_HV_TRAMP("0x0 0x8000 0x0 0x1000")
					X86_ROOT X86_LINUX("0x0 0x18000000", BZIMAGE),
				    x86_opts()),
			 1);
	assert_diag(
	    "system.dts: /bulkhead/partition-linux: image '" BZIMAGE "' is a Linux bzImage: "
	    "its memory must start at 0 as the partition sees it (ipa-base = <0x0 0x0>) and "
	    "be 64 MiB at least, not 0x18000000+0x10000000");
	write_bzimage(BZIMAGE, 0x20b, 1);
	assert_int_equal(check_with(X86_HV_TRAMP("0x0 0x8000 0x0 0x1000")
					X86_ROOT X86_LINUX("0x0 0x0", BZIMAGE),
				    x86_opts()),
			 1);
	assert_diag(
	    "system.dts: /bulkhead/partition-linux: image '" BZIMAGE "': a bzImage without "
	    "the 64-bit entry point (boot protocol 2.12 or later with XLF_KERNEL_64; this one "
	    "is 2.11)");
	write_bzimage(BZIMAGE, 0x20f, 1);
	f = fopen(BZIMAGE, "r+b");
	assert_non_null(f);
	fseek(f, 0x202, SEEK_SET);
	fputs("NotH", f);
	fclose(f);
	assert_int_equal(check_with(X86_HV_TRAMP("0x0 0x8000 0x0 0x1000")
					X86_ROOT X86_LINUX("0x0 0x0", BZIMAGE),
				    x86_opts()),
			 1);
	assert_diag("system.dts: /bulkhead/partition-linux: image '" BZIMAGE "' is not an x86-64 "
		    "partition image (no \"BH86\" magic at 0x38) nor a Linux bzImage");
	remove(BZIMAGE);
}

/* x86 starts APs from a SIPI page: required once partitions use a second CPU, checked. */
/* REQ: BH-CFG-1 */
static void x86_ap_trampoline(void **state)
{
	(void)state;
	assert_int_equal(
	    check_with(X86_HV_TRAMP("0x0 0x8000 0x0 0x1000") X86_ROOT X86_TWO, x86_opts()), 0);
	assert_int_equal(sys.trampoline.base, 0x8000);

	assert_int_equal(check_with(X86_HV("&com1") X86_ROOT X86_TWO, x86_opts()), 1);
	assert_diag("system.dts: /bulkhead/hypervisor: partitions use 2 CPUs but there is no "
		    "ap-trampoline: x86 starts the other CPUs in a 4 KiB page of RAM below 1 MiB "
		    "(e.g. ap-trampoline = <0x0 0x8000 0x0 0x1000>)");

	assert_int_equal(
	    check_with(X86_HV_TRAMP("0x0 0x100000 0x0 0x1000") X86_ROOT X86_TWO, x86_opts()), 1);
	assert_diag("system.dts: /bulkhead/hypervisor: ap-trampoline 0x100000+0x1000 must be one "
		    "4 KiB page below 1 MiB (the SIPI vector is its page number)");
	assert_int_equal(
	    check_with(X86_HV_TRAMP("0x0 0x8000 0x0 0x2000") X86_ROOT X86_TWO, x86_opts()), 1);
	assert_diag("system.dts: /bulkhead/hypervisor: ap-trampoline 0x8000+0x2000 must be one "
		    "4 KiB page below 1 MiB (the SIPI vector is its page number)");

	/* In the legacy hole: not RAM. */
	assert_int_equal(
	    check_with(X86_HV_TRAMP("0x0 0xb0000 0x0 0x1000") X86_ROOT X86_TWO, x86_opts()), 1);
	assert_diag("system.dts: /bulkhead/hypervisor: ap-trampoline 0xb0000+0x1000 is outside "
		    "the board's RAM (0x0+0xa0000, 0x100000+0x3ff00000)");

	/* A partition's RAM over it. */
	assert_int_equal(check_with(X86_HV_TRAMP("0x0 0x8000 0x0 0x1000")
					X86_ROOT PART("a", "&cpu1", "0x0 0x0 0x0 0x10000", ""),
				    x86_opts()),
			 1);
	assert_diag("system.dts: /bulkhead/partition-a: memory 0x0+0x10000 overlaps the "
		    "ap-trampoline of /bulkhead/hypervisor");

	/* Under an image store: the copied stub would overwrite part of the FIT. */
	assert_int_equal(check_with("hypervisor { memory = <0x0 0x01000000 0x0 0x00800000>; "
				    "image-store = <0x0 0x0 0x0 0x00040000>; console = <&com1>; "
				    "ap-trampoline = <0x0 0x8000 0x0 0x1000>; };" X86_ROOT X86_TWO,
				    x86_opts()),
			 1);
	assert_diag("system.dts: /bulkhead/hypervisor: ap-trampoline 0x8000+0x1000 overlaps the "
		    "image-store");
	assert_int_equal(
	    check_with("hypervisor { memory = <0x0 0x01000000 0x0 0x00800000>; "
		       "image-store = <0x0 0x02000000 0x0 0x00040000>; "
		       "image-store-b = <0x0 0x00000000 0x0 0x00040000>; console = <&com1>; "
		       "ap-trampoline = <0x0 0x8000 0x0 0x1000>; };" X86_ROOT X86_TWO,
		       x86_opts()),
	    1);
	assert_diag("system.dts: /bulkhead/hypervisor: ap-trampoline 0x8000+0x1000 overlaps the "
		    "image-store-b");
	/* Inside the hypervisor's own memory (which is then also too small: two errors). */
	assert_int_equal(
	    check_with("hypervisor { memory = <0x0 0x0 0x0 0x00080000>; "
		       "image-store = <0x0 0x02000000 0x0 0x03800000>; console = <&com1>; "
		       "ap-trampoline = <0x0 0x8000 0x0 0x1000>; };" X86_ROOT X86_TWO,
		       x86_opts()),
	    2);
	assert_diag("system.dts: /bulkhead/hypervisor: ap-trampoline 0x8000+0x1000 overlaps the "
		    "hypervisor's memory");

	/* The hypervisor above 4 GiB is out of the 32-bit code's reach (RAM is 1 GiB: two errors).
	 */
	assert_int_equal(
	    check_with("hypervisor { memory = <0x1 0x0 0x0 0x00800000>; "
		       "image-store = <0x0 0x02000000 0x0 0x03800000>; console = <&com1>; "
		       "ap-trampoline = <0x0 0x8000 0x0 0x1000>; };" X86_ROOT X86_TWO,
		       x86_opts()),
	    2);
	assert_diag("system.dts: /bulkhead/hypervisor: memory 0x100000000+0x800000 must lie below "
		    "4 GiB on x86: application processors enter the hypervisor from 32-bit code");
}

/* REQ: BH-CFG-1 */
static void arm64_has_no_ap_trampoline(void **state)
{
	(void)state;
	assert_int_equal(
	    check(HV_WITH(RB_STORE " ap-trampoline = <0x0 0x40900000 0x0 0x1000>;") ROOT), 1);
	assert_diag("system.dts: /bulkhead/hypervisor: ap-trampoline is for x86 boards; arm64 "
		    "starts CPUs through PSCI");
}

/* arm64: the console must be a PL011 (the RTC has registers, but is none). */
/* REQ: BH-CFG-6 */
static void arm64_console_must_be_a_pl011(void **state)
{
	(void)state;
	assert_int_equal(
	    check("hypervisor { memory = <0x0 0x40000000 0x0 0x00800000>; "
		  "image-store = <0x0 0x40800000 0x0 0x03800000>; console = <&rtc>; };" ROOT),
	    1);
	assert_diag(
	    "system.dts: /bulkhead/hypervisor: console /pl031@9010000 is not a UART the "
	    "hypervisor drives: a PL011 (\"arm,pl011\") or a Cadence UART (\"cdns,uart-r1p12\")");
}

/* REQ: BH-CFG-6 */
static void garbage_blob(void **state)
{
	static const char junk[64] = "not a device tree";
	struct gen_opts o = default_opts();
	FILE *f;

	(void)state;
	f = fmemopen(diag, sizeof(diag) - 1, "w");
	o.err = f;
	assert_int_equal(gen_check(&sys, junk, sizeof(junk), &o), 1);
	fclose(f);
	assert_diag("system.dts: /: not a valid device tree blob");
}

/* A well-formed tree with a pre-16 header: libfdt's own check would crash. */
/* REQ: BH-CFG-6 */
static void old_version_blob(void **state)
{
	static char blob[256] __attribute__((aligned(8)));
	struct gen_opts o = default_opts();
	FILE *f;

	(void)state;
	assert_int_equal(fdt_create_empty_tree(blob, sizeof(blob)), 0);
	fdt_set_version(blob, 15);
	fdt_set_last_comp_version(blob, 2);
	f = fmemopen(diag, sizeof(diag) - 1, "w");
	o.err = f;
	assert_int_equal(gen_check(&sys, blob, sizeof(blob), &o), 1);
	fclose(f);
	assert_diag("system.dts: /: not a valid device tree blob");
}

/* A description of the other architecture's board: one line, nothing after it. */
static int check_board_as(const char *board, const char *arch)
{
	char dts[512];
	struct gen_opts o = default_opts();
	int n;

	snprintf(dts, sizeof(dts),
		 "#include \"%s.dtsi\"\n/ { bulkhead { compatible = "
		 "\"bulkhead,system-v1\"; partition-root { cpus = <&cpu0>; }; }; };\n",
		 board);
	o.arch = arch;
	n = gen_run_dts(gen_check, &sys, dts, &o, diag, sizeof(diag));
	assert_true(n >= 0);
	return n;
}

/* A GICv2 on the virt board (as configs/qemu_arm64_gicv2.dts), with reg as given. */
static int check_gicv2(const char *gic_reg, int gic_version)
{
	char dts[2048];
	struct gen_opts o = default_opts();
	int n;

	snprintf(dts, sizeof(dts),
		 "#include \"qemu_arm64.dtsi\"\n&pcie { /delete-property/ msi-map; };\n"
		 "/delete-node/ &its;\n&gic { compatible = \"arm,gic-400\"; reg = %s; "
		 "/delete-property/ #redistributor-regions; };\n"
		 "/ { bulkhead { compatible = \"bulkhead,system-v1\"; " HV ROOT " }; };\n",
		 gic_reg);
	o.gic_version = gic_version;
	n = gen_run_dts(gen_check, &sys, dts, &o, diag, sizeof(diag));
	assert_true(n >= 0);
	return n;
}

#define VIRT_GICV2_REG                                                                             \
	"<0x0 0x8000000 0x0 0x10000>, <0x0 0x8010000 0x0 0x10000>, "                               \
	"<0x0 0x8030000 0x0 0x10000>, <0x0 0x8040000 0x0 0x10000>"

/*
 * A GICv2: its CPU interface windows, the virtual one mapped where the
 * partition's GICC is; a GIC-400 described with 128 KiB regions (ZynqMP) has
 * its 8 KiB windows at +0xf000; the build's GIC version must be the board's.
 */
static void gicv2_board(void **state)
{
	struct g_region r[G_MAX_PART_REGIONS];
	int n;

	(void)state;
	assert_int_equal(check_gicv2(VIRT_GICV2_REG, 2), 0);
	assert_string_equal(diag, "");
	assert_int_equal(sys.gic_version, 2);
	assert_int_equal(sys.gicc.base, 0x8010000);
	assert_int_equal(sys.gich.base, 0x8030000);
	assert_int_equal(sys.gicv.base, 0x8040000);
	n = gen_part_regions(&sys, &sys.part[0], r, G_MAX_PART_REGIONS);
	assert_true(n >= 2);
	for (int i = 0; i < n; i++)
		if (r[i].what && !strcmp(r[i].what, "the GIC virtual CPU interface")) {
			assert_int_equal(r[i].ipa, 0x8010000);
			assert_int_equal(r[i].pa, 0x8040000);
			assert_int_equal(r[i].size, 0x2000);
			n = -1;
		}
	assert_int_equal(n, -1);

	assert_int_equal(check_gicv2("<0x0 0x8000000 0x0 0x10000>, <0x0 0x8020000 0x0 0x20000>, "
				     "<0x0 0x8040000 0x0 0x20000>, <0x0 0x8060000 0x0 0x20000>",
				     2),
			 0);
	assert_int_equal(sys.gicc.base, 0x802f000);
	assert_int_equal(sys.gicv.base, 0x806f000);

	/* A 4 KiB CPU interface: the partition's needs 8 KiB. */
	assert_int_equal(check_gicv2("<0x0 0x8000000 0x0 0x10000>, <0x0 0x8010000 0x0 0x1000>, "
				     "<0x0 0x8030000 0x0 0x1000>, <0x0 0x8040000 0x0 0x2000>",
				     2),
			 1);
	assert_string_equal(diag,
			    "system.dts: /intc@8000000: a GICv2's CPU interfaces span 8 KiB and "
			    "its hypervisor interface 4 KiB, but reg gives 0x1000, 0x2000 and "
			    "0x1000 bytes\n");
	assert_int_equal(check_gicv2("<0x0 0x8000000 0x0 0x10000>, <0x0 0x8010000 0x0 0x10000>", 2),
			 1);
	assert_string_equal(
	    diag, "system.dts: /intc@8000000: a GICv2 needs reg = <distributor>, "
		  "<CPU interface>, <hypervisor interface>, <virtual CPU interface>: the last "
		  "two are its virtualization extensions, which Bulkhead needs (reg has 2 "
		  "regions)\n");
	assert_int_equal(check_gicv2(VIRT_GICV2_REG, 3), 1);
	assert_string_equal(
	    diag, "system.dts: /intc@8000000: a GICv2 (\"arm,gic-400\"), but the build "
		  "is configured for a GICv3: choose \"GICv2\" under \"Interrupt controller\" in "
		  "menuconfig (CONFIG_ARM64_GICV2), or use the description of a board with a "
		  "GICv3\n");
}

/*
 * A file name reaches make (system.mk) and mkimage (/incbin/("...")): one
 * that could end a line or a string there is refused, and system.mk never
 * carries it (a newline would be make syntax of the description's choosing).
 */
/* REQ: BH-CFG-6 */
static void file_names_that_would_be_syntax_refused(void **state)
{
	static const char *const names[] = {"x\\nall:\\n\\ttouch pwned", "a\\\"b", "a\\\\b"};
	char body[2048], mk[] = "/tmp/bh-unit-mk-XXXXXX", text[512] = "";
	struct gen_opts o = default_opts();
	FILE *f;
	int fd;

	(void)state;
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(body, sizeof(body),
			 HV ROOT
			 "partition-a { compatible = \"bulkhead,partition\"; "
			 "cpus = <&cpu1>; memory = <0x0 0x48000000 0x0 0x2000000>; image = \"%s\"; "
			 "initrd = \"%s\"; };",
			 names[i], names[i]);
		assert_int_equal(check(body), 2);
		assert_non_null(
		    strstr(diag, "system.dts: /bulkhead/partition-a: image: a file name with a "
				 "control character, a double quote or a backslash (at byte 1) is "
				 "refused\n"));
		assert_non_null(
		    strstr(diag, "system.dts: /bulkhead/partition-a: initrd: a file name "));
	}
	fd = mkstemp(mk);
	assert_true(fd >= 0);
	close(fd);
	sys.opt = &o; /* check()'s options lived on its stack */
	assert_int_equal(gen_emit_system_mk(&sys, mk), 0);
	f = fopen(mk, "r");
	assert_non_null(f);
	assert_true(fread(text, 1, sizeof(text) - 1, f) > 0);
	fclose(f);
	unlink(mk);
	assert_null(strstr(text, "pwned"));
	assert_null(strstr(text, "\\b"));
}

/* Properties of a partition of the wrong shape, each by its exact message. */
/* REQ: BH-CFG-6 */
static void partition_property_shapes(void **state)
{
	(void)state;
	assert_int_equal(check(HV ROOT PART("Bad", "&cpu1", "0x0 0x48000000 0x0 0x2000000", "")),
			 1);
	assert_string_equal(diag,
			    "system.dts: /bulkhead/partition-Bad: partition name 'Bad' must be "
			    "1 to 31 characters of a-z, 0-9, - and _\n");
	assert_int_equal(check(HV ROOT
			       "partition-a { compatible = \"bulkhead,child\"; cpus = <&cpu1>; "
			       "memory = <0x0 0x48000000 0x0 0x2000000>; program = \"hello\"; };"),
			 1);
	assert_string_equal(diag, "system.dts: /bulkhead/partition-a: compatible must be "
				  "\"bulkhead,partition\"\n");
	assert_int_equal(check(HV ROOT PART("a", "&cpu1", "0x0 0x48000000 0x0 0x2000000",
					    "bootargs = \"a\", \"b\"; security-version = <0 1>;")),
			 2);
	assert_string_equal(diag,
			    "system.dts: /bulkhead/partition-a: bootargs must be a single string\n"
			    "system.dts: /bulkhead/partition-a: security-version must be one "
			    "32-bit cell\n");
	assert_int_equal(
	    check(HV ROOT PART("a", "&cpu1", "0x0 0x48000000 0x0 0x2000000", "image = \"a.img\";")),
	    1);
	assert_string_equal(diag,
			    "system.dts: /bulkhead/partition-a: both program and image given; "
			    "choose one\n");
	assert_int_equal(check(HV ROOT PART("a", "&cpu1", "0x0 0x48000000 0x0 0x2000000",
					    "ipa-base = <0x1000>;")),
			 1);
	assert_string_equal(diag, "system.dts: /bulkhead/partition-a: ipa-base must be one address "
				  "(2 cells)\n");
	assert_int_equal(check(HV ROOT PART("a", "&cpu1", "0x0 0x48000000 0x0 0x2000000",
					    "ipa-base = <0x0 0x40000800>;")),
			 1);
	assert_string_equal(diag, "system.dts: /bulkhead/partition-a: ipa-base 0x40000800: not "
				  "aligned to the 4 KiB page size\n");
	assert_int_equal(check(HV ROOT
			       "partition-a { compatible = \"bulkhead,partition\"; "
			       "cpus = [00 01]; devices = [00 00 01]; "
			       "memory = <0x0 0x48000000 0x2000000>; program = \"hello\"; };"),
			 3);
	assert_string_equal(diag,
			    "system.dts: /bulkhead/partition-a: cpus must be a list of phandles\n"
			    "system.dts: /bulkhead/partition-a: memory must be one <address size> "
			    "pair (2 + 2 cells), not 12 bytes\n"
			    "system.dts: /bulkhead/partition-a: devices must be a list of "
			    "phandles\n");
	assert_int_equal(check(HV ROOT PART("a", "&cpu1", "0x0 0x48000000 0x0 0x0", "")), 1);
	assert_string_equal(diag, "system.dts: /bulkhead/partition-a: memory has size 0\n");
	assert_int_equal(check(HV ROOT PART("a", "&cpu1", "0xffffffff 0xfffff000 0x0 0x2000", "")),
			 2);
	assert_string_equal(
	    diag, "system.dts: /bulkhead/partition-a: memory 0xfffffffffffff000+0x2000 "
		  "wraps around the address space\n"
		  "system.dts: /bulkhead/partition-a: ipa-base 0xfffffffffffff000: memory "
		  "ends beyond the 39-bit IPA space\n");
}

/* What the build's configuration allows, and a description with nothing to run. */
/* REQ: BH-CFG-2, BH-CFG-6 */
static void configured_limits(void **state)
{
	struct gen_opts o = default_opts();

	(void)state;
	o.max_vcpus = 2;
	assert_int_equal(
	    check_with(HV ROOT PART("a", "&cpu1 &cpu2 &cpu3", "0x0 0x48000000 0x0 0x2000000", ""),
		       o),
	    1);
	assert_string_equal(diag, "system.dts: /bulkhead/partition-a: 3 cpus, more than "
				  "CONFIG_MAX_VCPUS_PER_PARTITION=2\n");
	o = default_opts();
	o.max_spi = 64;
	assert_int_equal(check_with(HV ROOT, o), 1);
	assert_string_equal(diag,
			    "system.dts: /bulkhead/partition-root: device /virtio_mmio@a003e00 "
			    "uses interrupt 79, above CONFIG_ARM64_GIC_MAX_SPI=64\n");
	assert_int_equal(check(HV), 1);
	assert_string_equal(diag, "system.dts: /bulkhead: no partitions\n");
	/* An ISA bus on an arm64 board: its ports cannot be passed through. */
	assert_int_equal(check(HV ROOT PART("a", "&cpu1", "0x0 0x48000000 0x0 0x2000000",
					    "devices = <&odd>;") X86_ISA2("2f8")),
			 1);
	assert_string_equal(diag,
			    "system.dts: /bulkhead/partition-a: devices: /isa2/serial@2f8 has "
			    "I/O ports, which only x86 boards have\n");
}

/* A board of its own (not a QEMU dtsi), so that each part of it can be wrong. */
#define MINI_GIC                                                                                   \
	"gic: intc@8000000 { compatible = \"arm,gic-v3\"; #interrupt-cells = <3>; "                \
	"interrupt-controller; reg = <0 0x8000000 0 0x10000>, <0 0x80a0000 0 0xf60000>; };"
#define MINI_CPUS                                                                                  \
	"cpus { #address-cells = <1>; #size-cells = <0>; "                                         \
	"cpu0: cpu@0 { device_type = \"cpu\"; reg = <0>; }; "                                      \
	"cpu1: cpu@1 { device_type = \"cpu\"; reg = <1>; }; };"
#define MINI_MEM "memory@40000000 { device_type = \"memory\"; reg = <0 0x40000000 0 0x40000000>; };"
#define MINI_UART                                                                                  \
	"uart0: pl011@9000000 { compatible = \"arm,pl011\", \"arm,primecell\"; "                   \
	"reg = <0 0x9000000 0 0x1000>; interrupts = <0 1 4>; };"
#define MINI_HV(extra)                                                                             \
	"hypervisor { memory = <0x0 0x40000000 0x0 0x800000>; "                                    \
	"image-store = <0x0 0x40800000 0x0 0x3800000>; " extra " };"
#define MINI_ROOT(extra)                                                                           \
	"partition-root { compatible = \"bulkhead,partition\"; bulkhead,root; cpus = <&cpu0>; "    \
	"memory = <0x0 0x44000000 0x0 0x4000000>; program = \"root\"; " extra " };"

/* The board: root cells, its nodes, then /bulkhead with body; the errors. */
static int check_mini(const char *cells, const char *board, const char *body)
{
	static char dts[8192];
	struct gen_opts o = default_opts();
	int n;

	snprintf(dts, sizeof(dts),
		 "/dts-v1/;\n/ { %s interrupt-parent = <&gic>; %s\n"
		 "bulkhead { compatible = \"bulkhead,system-v1\"; %s }; };\n",
		 cells, board, body);
	n = gen_run_dts(gen_check, &sys, dts, &o, diag, sizeof(diag));
	assert_true(n >= 0);
	return n;
}
#define CELLS	  "#address-cells = <2>; #size-cells = <2>;"
#define MINI_BODY MINI_HV("console = <&uart0>;") MINI_ROOT("")
#define NO_RB_WARN                                                                                 \
	"system.dts: /bulkhead/hypervisor: warning: no rollback-store: minimum security versions " \
	"are not kept across boots\n"

/* The board's own description: cells, CPUs, RAM, the GIC, devices behind buses. */
/* REQ: BH-CFG-6 */
static void board_errors(void **state)
{
	(void)state;
	assert_int_equal(check_mini(CELLS, MINI_GIC MINI_CPUS MINI_MEM MINI_UART, MINI_BODY), 0);
	assert_string_equal(diag, NO_RB_WARN);
	/* Then nothing of the board reads as memory-mapped: the first error says why. */
	assert_int_equal(check_mini("#address-cells = <3>; #size-cells = <2>;",
				    MINI_GIC MINI_CPUS MINI_MEM MINI_UART, MINI_BODY),
			 7);
	assert_true(
	    !strncmp(diag, "system.dts: /: #address-cells/#size-cells must be 1 or 2\n", 57));
	assert_int_equal(
	    check_mini(
		CELLS, MINI_GIC MINI_MEM MINI_UART "c0: core { };",
		MINI_HV(
		    "console = <&uart0>;") "partition-root { compatible = \"bulkhead,partition\"; "
					   "bulkhead,root; cpus = <&c0>; memory = <0x0 0x44000000 "
					   "0x0 0x4000000>; program = \"root\"; };"),
	    2);
	assert_string_equal(diag,
			    "system.dts: /: the board has no /cpus node\n"
			    "system.dts: /bulkhead/partition-root: cpus: /core is not a CPU of "
			    "the board\n" NO_RB_WARN);
	assert_int_equal(check_mini(CELLS,
				    MINI_GIC MINI_MEM MINI_UART
				    "cpus { #address-cells = <1>; #size-cells = <0>; "
				    "cpu0: cpu@0 { device_type = \"cpu\"; reg = <0 0>; }; };",
				    MINI_BODY),
			 2);
	assert_diag("system.dts: /cpus/cpu@0: reg must hold the CPU's MPIDR in 1 cells");
	assert_int_equal(check_mini(CELLS, MINI_GIC MINI_CPUS MINI_UART, MINI_BODY), 4);
	assert_diag("system.dts: /: the board describes no RAM (no memory node with device_type = "
		    "\"memory\")");
	assert_int_equal(
	    check_mini(CELLS,
		       "gic: intc@8000000 { compatible = \"arm,gic-v3\"; "
		       "#interrupt-cells = <3>; interrupt-controller; "
		       "reg = <0 0x8000000 0 0x10000>; };" MINI_CPUS MINI_MEM MINI_UART,
		       MINI_BODY),
	    1);
	assert_diag(
	    "system.dts: /intc@8000000: a GICv3 needs reg = <distributor>, <redistributors>");
	assert_int_equal(
	    check_mini(CELLS,
		       "gic: intc@8000000 { compatible = \"arm,gic-v4\"; "
		       "#interrupt-cells = <3>; interrupt-controller; "
		       "reg = <0 0x8000000 0 0x10000>; };" MINI_CPUS MINI_MEM MINI_UART,
		       MINI_BODY),
	    1);
	assert_diag("system.dts: /: the board has no interrupt controller compatible with "
		    "\"arm,gic-v3\"");
}

/* /bulkhead/hypervisor missing what it needs. */
/* REQ: BH-CFG-6, BH-RB-5 */
static void hypervisor_node_errors(void **state)
{
	(void)state;
	assert_int_equal(
	    check_mini(
		CELLS, MINI_GIC MINI_CPUS MINI_MEM MINI_UART,
		"hypervisor { image-store = <0x0 0x40800000 0x0 0x3800000>; }; " MINI_ROOT("")),
	    2);
	assert_string_equal(diag, "system.dts: /bulkhead/hypervisor: no memory for the hypervisor\n"
				  "system.dts: /bulkhead/hypervisor: no console\n");
	assert_int_equal(check_mini(CELLS, MINI_GIC MINI_CPUS MINI_MEM MINI_UART,
				    MINI_HV("console = <&uart0 &uart0>;") MINI_ROOT("")),
			 1);
	assert_diag("system.dts: /bulkhead/hypervisor: console must be one phandle");
	assert_int_equal(
	    check_mini(CELLS,
		       MINI_GIC MINI_CPUS MINI_MEM MINI_UART
		       "flash@0 { compatible = \"cfi-flash\"; reg = <0 0 0 0x4000000>; };",
		       MINI_HV("console = <&uart0>; rollback-store = <0 0x100000 0 0x40000>;")
			   MINI_ROOT("")),
	    1);
	assert_string_equal(diag,
			    "system.dts: /bulkhead/hypervisor: rollback-store: flash /flash@0 "
			    "has no bank-width of 1, 2 or 4\n");
}

/*
 * Devices behind buses: reg translated through each ancestor's ranges; a
 * node whose address no range covers is not a device; a PCI host whose
 * ranges are not PCI's, or whose window no bus above it maps, is refused.
 */
/* REQ: BH-CFG-3 */
static void devices_behind_buses(void **state)
{
	struct g_region r[4];

	(void)state;
#define SOC(dev)                                                                                   \
	"soc { compatible = \"simple-bus\"; #address-cells = <1>; #size-cells = <1>; "             \
	"ranges = <0x0 0x0 0x9100000 0x100000>, <0x200000 0x0 0x9300000 0x10000>; " dev " };"
	assert_int_equal(check_mini(CELLS,
				    MINI_GIC MINI_CPUS MINI_MEM MINI_UART SOC(
					"t: timer@201000 { compatible = \"arm,sp804\"; "
					"reg = <0x201000 0x1000>; interrupts = <0 3 4>; };"),
				    MINI_HV("console = <&uart0>;") MINI_ROOT("devices = <&t>;")),
			 0);
	assert_int_equal(gen_part_regions(&sys, &sys.part[0], r, 4), 2);
	assert_int_equal(r[1].pa, 0x9301000);
	assert_int_equal(r[1].size, 0x1000);
	assert_int_equal(check_mini(CELLS,
				    MINI_GIC MINI_CPUS MINI_MEM MINI_UART SOC(
					"t: timer@300000 { compatible = \"arm,sp804\"; "
					"reg = <0x300000 0x1000>; };"),
				    MINI_HV("console = <&uart0>;") MINI_ROOT("devices = <&t>;")),
			 1);
	assert_diag("system.dts: /bulkhead/partition-root: devices: /soc/timer@300000 is not a "
		    "device (no memory-mapped reg)");
	assert_int_equal(
	    check_mini(CELLS,
		       MINI_GIC MINI_CPUS MINI_MEM MINI_UART
		       "pci: pcie@10000000 { device_type = \"pci\"; "
		       "compatible = \"pci-host-ecam-generic\"; #address-cells = <2>; "
		       "#size-cells = <2>; reg = <0 0x10000000 0 0x1000000>; "
		       "ranges = <0x02000000 0 0x20000000 0 0x20000000 0 0x1000000>; };",
		       MINI_BODY),
	    1);
	assert_diag("system.dts: /pcie@10000000: ranges of a PCI host must be <space bus-address "
		    "cpu-address size> (#address-cells = 3, #size-cells 1 or 2)");
	assert_int_equal(
	    check_mini(CELLS,
		       MINI_GIC MINI_CPUS MINI_MEM MINI_UART SOC(
			   "pci: pcie@10000 { device_type = \"pci\"; "
			   "compatible = \"pci-host-ecam-generic\"; #address-cells = <3>; "
			   "#size-cells = <1>; reg = <0x10000 0x1000>; "
			   "ranges = <0x02000000 0 0x80000 0x150000 0x10000>; };"),
		       MINI_BODY),
	    1);
	assert_diag(
	    "system.dts: /soc/pcie@10000: PCI window 0 at 0x150000 is not memory-mapped in the "
	    "CPU's address space");
#undef SOC
}

/* A whole description (the QEMU arm64 board) with body after the board. */
static int check_dts_body(const char *body)
{
	static char dts[8192];
	struct gen_opts o = default_opts();
	int n;

	snprintf(dts, sizeof(dts), "#include \"qemu_arm64.dtsi\"\n%s\n", body);
	n = gen_run_dts(gen_check, &sys, dts, &o, diag, sizeof(diag));
	assert_true(n >= 0);
	return n;
}

/* What every description needs: /bulkhead of its version, its hypervisor, an image store. */
/* REQ: BH-CFG-6 */
static void description_skeleton(void **state)
{
	(void)state;
	assert_int_equal(check_dts_body(""), 1);
	assert_string_equal(diag, "system.dts: /: no /bulkhead node: nothing assigns the board to "
				  "partitions\n");
	assert_int_equal(
	    check_dts_body("/ { bulkhead { compatible = \"bulkhead,system-v2\"; " ROOT " }; };"),
	    2);
	assert_string_equal(diag,
			    "system.dts: /bulkhead: compatible must be \"bulkhead,system-v1\"\n"
			    "system.dts: /bulkhead: no hypervisor node\n");
	assert_int_equal(check("hypervisor { memory = <0x0 0x40000000 0x0 0x00800000>; "
			       "console = <&uart0>; " RB_STORE " };" ROOT),
			 1);
	assert_string_equal(diag, "system.dts: /bulkhead/hypervisor: no image-store (the RAM where "
				  "the bootloader puts bulkhead.itb)\n");
	/* Memory beyond what stage 2 maps (and outside the board's RAM). */
	assert_int_equal(check(HV ROOT PART("a", "&cpu1", "0x100 0x0 0x0 0x200000", "")), 3);
	assert_diag(
	    "system.dts: /bulkhead/partition-a: memory 0x10000000000+0x200000 is outside the "
	    "board's RAM (0x40000000+0x40000000)");
	assert_diag(
	    "system.dts: /bulkhead/partition-a: memory 0x10000000000+0x200000 ends beyond the "
	    "39-bit physical space Bulkhead maps");
	assert_diag("system.dts: /bulkhead/partition-a: ipa-base 0x10000000000: memory ends beyond "
		    "the 39-bit IPA space");
	/* A channel pool that is not whole pages. */
	assert_int_equal(
	    check(HV ROOT PART(
		"a", "&cpu1", "0x0 0x48000000 0x0 0x2000000",
		"") "vmbus { memory = <0x0 0x60000800 0x0 0x10000>; con { compatible = "
		    "\"bulkhead,channel\"; class = \"console\"; provider = "
		    "<&{/bulkhead/partition-root}>; consumer = <&{/bulkhead/partition-a}>; "
		    "}; };"),
	    1);
	assert_string_equal(diag, "system.dts: /bulkhead/vmbus: memory 0x60000800+0x10000: must be "
				  "non-empty and 4 KiB aligned\n");
}

/* x86: a PCI host's interrupt map that cannot be read (the x86 watchdog: watchdog_errors). */
/* REQ: BH-CFG-3, BH-CFG-6 */
static void x86_refusals(void **state)
{
	(void)state;
	assert_int_equal(check_with(X86_HV("&com1") X86_PORT_OWNER(
					"&pcie") "}; }; &pcie { #interrupt-cells = <3>; "
						 "}; / { spare {",
				    x86_opts()),
			 1);
	assert_diag("system.dts: /pcie@e0000000: interrupt-map: malformed (cells or "
		    "length)");
	assert_int_equal(
	    check_with(X86_HV("&com1") X86_PORT_OWNER("&pcie") "}; }; &pcie { interrupt-map = <0x0 "
							       "0x0 0x0>; }; / { spare {",
		       x86_opts()),
	    1);
	assert_diag("system.dts: /pcie@e0000000: interrupt-map: entry 0 is cut short");
}

/* REQ: BH-CFG-6 */
static void board_of_another_arch(void **state)
{
	(void)state;
	assert_int_equal(check_board_as("qemu_x86_64", "arm64"), 1);
	assert_string_equal(diag,
			    "system.dts: /: describes an x86 board (see /cpus/cpu@0), but the "
			    "build is configured for arm64: configure a board of that architecture "
			    "(make <board>_defconfig), or use a system description for arm64\n");
	assert_int_equal(check_board_as("qemu_arm64", "x86"), 1);
	assert_non_null(strstr(diag, "system.dts: /: describes an arm64 board (see /intc@8000000), "
				     "but the build is configured for x86: "));
	assert_string_equal(strchr(diag, '\n'), "\n"); /* one line */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(valid_system),
	    cmocka_unit_test(rollback_store),
	    cmocka_unit_test(image_store_b),
	    cmocka_unit_test(overlap_partitions),
	    cmocka_unit_test(stage2_pages_counted),
	    cmocka_unit_test(device_ranges_merged),
	    cmocka_unit_test(overlap_hypervisor),
	    cmocka_unit_test(overlap_image_store),
	    cmocka_unit_test(overlap_device),
	    cmocka_unit_test(outside_ram),
	    cmocka_unit_test(not_page_aligned),
	    cmocka_unit_test(cpu_twice),
	    cmocka_unit_test(cpu_not_on_board),
	    cmocka_unit_test(cpu_beyond_nr_cpus),
	    cmocka_unit_test(device_twice),
	    cmocka_unit_test(device_not_a_device),
	    cmocka_unit_test(device_is_console),
	    cmocka_unit_test(device_shares_page),
	    cmocka_unit_test(no_root),
	    cmocka_unit_test(two_roots),
	    cmocka_unit_test(no_cpus_no_memory),
	    cmocka_unit_test(unknown_property),
	    cmocka_unit_test(errors_carry_source_positions),
	    cmocka_unit_test(unknown_program),
	    cmocka_unit_test(unknown_restart),
	    cmocka_unit_test(restart_backoff_values),
	    cmocka_unit_test(restart_backoff_errors),
	    cmocka_unit_test(watchdog_values),
	    cmocka_unit_test(watchdog_errors),
	    cmocka_unit_test(too_many_partitions),
	    cmocka_unit_test(missing_image),
	    cmocka_unit_test(unknown_node),
	    cmocka_unit_test(misspelt_names_get_a_hint),
	    cmocka_unit_test(all_errors_reported),
	    cmocka_unit_test(garbage_blob),
	    cmocka_unit_test(old_version_blob),
	    cmocka_unit_test(x86_linux_bzimage),
	    cmocka_unit_test(x86_linux_bzimage_header),
	    cmocka_unit_test(x86_linux_vmbus_acpi),
	    cmocka_unit_test(on_bad_access),
	    cmocka_unit_test(x86_on_bad_access),
	    cmocka_unit_test(x86_system),
	    cmocka_unit_test(x86_console_must_be_a_16550_on_ports),
	    cmocka_unit_test(arm64_console_must_be_a_pl011),
	    cmocka_unit_test(x86_ap_trampoline),
	    cmocka_unit_test(x86_pci_host_windows),
	    cmocka_unit_test(x86_interrupt_controllers_stay_the_hypervisors),
	    cmocka_unit_test(own_address_space_disjoint),
	    cmocka_unit_test(devices_reach_nothing_of_others),
	    cmocka_unit_test(interrupt_translators_refused),
	    cmocka_unit_test(dma_capable_devices_root_only),
	    cmocka_unit_test(root_runtime_limits),
	    cmocka_unit_test(x86_port_devices),
	    cmocka_unit_test(arm64_has_no_ap_trampoline),
	    cmocka_unit_test(x86_device_interrupts),
	    cmocka_unit_test(x86_interrupt_map_checked),
	    cmocka_unit_test(x86_acpi_fixed_hardware),
	    cmocka_unit_test(board_of_another_arch),
	    cmocka_unit_test(gicv2_board),
	    cmocka_unit_test(file_names_that_would_be_syntax_refused),
	    cmocka_unit_test(partition_property_shapes),
	    cmocka_unit_test(configured_limits),
	    cmocka_unit_test(board_errors),
	    cmocka_unit_test(hypervisor_node_errors),
	    cmocka_unit_test(devices_behind_buses),
	    cmocka_unit_test(description_skeleton),
	    cmocka_unit_test(x86_refusals),
	};

	return cmocka_run_group_tests_name("generator", tests, NULL, NULL);
}
