// SPDX-License-Identifier: GPL-2.0
/*
 * Generator: the /bulkhead/vmbus binding. Placement and per-role stage-2
 * permissions of a valid system, then each validation error by its exact
 * message.
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
#define PARTS                                                                                      \
	"root: partition-root { compatible = \"bulkhead,partition\"; bulkhead,root; "              \
	"cpus = <&cpu0>; memory = <0x0 0x44000000 0x0 0x04000000>; program = \"root\"; };"         \
	"c1: partition-c1 { compatible = \"bulkhead,partition\"; cpus = <&cpu1 &cpu2>; "           \
	"memory = <0x0 0x48000000 0x0 0x02000000>; program = \"hello\"; };"
#define CHAN(name, extra)                                                                          \
	name " { compatible = \"bulkhead,channel\"; class = \"console\"; provider = <&root>; "     \
	     "consumer = <&c1>; " extra " };"
#define BUS(chans) HV PARTS "vmbus { " chans " };"

static struct g_sys sys;
static char diag[8192];

static int check_opts(const char *body, int max_channels)
{
	struct gen_opts o = {.dts_name = "system.dts",
			     .arch = "arm64",
			     .programs = "root hello",
			     .nr_cpus = 4,
			     .max_partitions = 8,
			     .max_vcpus = 8,
			     .max_regions = 64,
			     .max_channels = max_channels,
			     .max_spi = 256};
	int n = gen_check_body(&sys, body, &o, diag, sizeof(diag));

	assert_true(n >= 0);
	return n;
}

static int check(const char *body)
{
	return check_opts(body, 16);
}

#define assert_diag(line) assert_non_null(strstr(diag, line "\n"))

/* REQ: BH-ISO-3 */
static void console_channel_placed_at_top_of_free_ram(void **state)
{
	struct g_chan *c = &sys.chan[0];

	(void)state;
	assert_int_equal(check(BUS(CHAN("console-c1", ""))), 0);
	assert_string_equal(diag, "");
	assert_int_equal(sys.nchan, 1);
	assert_string_equal(c->name, "console-c1");
	/* Default rings: 64 KiB per direction, placed below the end of RAM (0x80000000). */
	assert_int_equal(c->region.base, 0x7ffe0000);
	assert_int_equal(c->region.size, 0x20000);
	assert_int_equal(c->max_packet, 4096);
	assert_int_equal(c->local[0], 0);
	assert_int_equal(c->local[1], 0);
	/* Then each partition's event + status pages. */
	assert_int_equal(sys.part[0].bus.base, 0x7ffde000);
	assert_int_equal(sys.part[1].bus.base, 0x7ffdc000);
}

/* REQ: BH-ISO-3 */
static void pool_given_and_local_indices(void **state)
{
	(void)state;
	assert_int_equal(
	    check(HV PARTS "vmbus { memory = <0x0 0x60000000 0x0 0x100000>; " CHAN(
		"a",
		"ring-size = <0x4000>;") "b { compatible = \"bulkhead,channel\"; class = \"rpc\"; "
					 "provider = <&c1>; "
					 "consumer = <&root>; ring-size-c2p = <0x2000>; "
					 "ring-size-p2c = <0x3000>; "
					 "data-window-p2c = <0x1000>; max-packet-size = <1024>; };"
					 "};"),
	    0);
	assert_int_equal(sys.chan[0].region.base, 0x600f8000);
	assert_int_equal(sys.chan[1].region.base, 0x600f2000);
	assert_int_equal(sys.chan[1].region.size, 0x6000);
	/* root: provider of a (index 0), consumer of b (index 1); c1 the mirror. */
	assert_int_equal(sys.chan[1].local[0], 1);
	assert_int_equal(sys.chan[1].local[1], 1);
	assert_int_equal(sys.part[0].nchan, 2);
	/* Default max-packet-size: 4096, or what half of the smaller ring holds. */
	assert_int_equal(sys.chan[0].max_packet, 4096);
	assert_int_equal(check(BUS(CHAN("a", "ring-size = <0x2000>;"))), 0);
	assert_int_equal(sys.chan[0].max_packet, (0x1000 / 2 - 24) & ~7);
}

/* REQ: BH-ISO-3, BH-BUS-6 */
static void stage2_permissions_by_role(void **state)
{
	struct g_region r[16];
	const u32 rw = BH_REGION_RAM | BH_REGION_XN, ro = rw | BH_REGION_RO;
	int n;

	(void)state;
	assert_int_equal(check(BUS(CHAN("ch", "ring-size = <0x3000>; data-window = <0x2000>;"))),
			 0);
	/* Region: c2p ctl, c2p data (8K), p2c ctl, p2c data, c2p window, p2c window. */
	n = gen_part_bus_regions(&sys, &sys.part[1], r, 16); /* the consumer */
	assert_int_equal(n, 6);
	u64 b = sys.chan[0].region.base;
	/* Its c2p ring and the p2c control page: one read/write run. */
	assert_int_equal(r[0].pa, b);
	assert_int_equal(r[0].size, 0x4000);
	assert_int_equal(r[0].flags, rw);
	assert_int_equal(r[1].pa, b + 0x4000); /* p2c data: the provider's */
	assert_int_equal(r[1].size, 0x2000);
	assert_int_equal(r[1].flags, ro);
	assert_int_equal(r[2].pa, b + 0x6000); /* c2p window */
	assert_int_equal(r[2].flags, rw);
	assert_int_equal(r[3].flags, ro); /* p2c window */
	assert_string_equal(r[4].what, "event page");
	assert_int_equal(r[4].pa, sys.part[1].bus.base);
	assert_int_equal(r[4].flags, rw);
	assert_int_equal(r[5].flags, ro);		     /* status page */
	n = gen_part_bus_regions(&sys, &sys.part[0], r, 16); /* the provider */
	assert_int_equal(n, 7);
	assert_int_equal(r[0].size, 0x1000); /* c2p control */
	assert_int_equal(r[1].flags, ro);    /* c2p data */
	assert_int_equal(r[2].pa, b + 0x3000);
	assert_int_equal(r[2].size, 0x3000); /* its p2c ring */
	assert_int_equal(r[2].flags, rw);
	assert_int_equal(r[3].flags, ro); /* c2p window */
	assert_int_equal(r[4].flags, rw); /* p2c window */
}

/* REQ: BH-CFG-8 */
static void provider_consumer_errors(void **state)
{
	(void)state;
	assert_int_equal(check(BUS("x { compatible = \"bulkhead,channel\"; class = \"rpc\"; "
				   "consumer = <&c1>; };")),
			 1);
	assert_diag("system.dts: /bulkhead/vmbus/x: no provider (the partition that runs the "
		    "service, VSP)");
	assert_int_equal(check(BUS("x { compatible = \"bulkhead,channel\"; class = \"rpc\"; "
				   "provider = <&c1>; consumer = <&c1>; };")),
			 1);
	assert_diag(
	    "system.dts: /bulkhead/vmbus/x: provider and consumer are both /bulkhead/partition-c1");
	assert_int_equal(check(BUS("x { compatible = \"bulkhead,channel\"; class = \"rpc\"; "
				   "provider = <&root>; consumer = <&cpu3>; };")),
			 1);
	assert_diag("system.dts: /bulkhead/vmbus/x: consumer: /cpus/cpu@3 is not a partition");
	/* A raw number that is nobody's phandle: said so, not as a node. */
	assert_int_equal(check(BUS("x { compatible = \"bulkhead,channel\"; class = \"rpc\"; "
				   "provider = <&root>; consumer = <0x7777>; };")),
			 1);
	assert_diag(
	    "system.dts: /bulkhead/vmbus/x: consumer: <0x7777> (no node has this phandle) is "
	    "not a partition");
}

/* REQ: BH-CFG-8 */
static void size_errors(void **state)
{
	(void)state;
	assert_int_equal(check(BUS(CHAN("x", "ring-size = <0x2800>;"))), 2);
	assert_diag("system.dts: /bulkhead/vmbus/x: ring-size (c2p) 0x2800: must be a multiple of "
		    "4 KiB and at least 8 KiB (4 KiB control page + data)");
	assert_int_equal(check(BUS(CHAN("x", "ring-size-p2c = <0x1000>;"))), 1);
	assert_diag("system.dts: /bulkhead/vmbus/x: ring-size (p2c) 0x1000: must be a multiple of "
		    "4 KiB and at least 8 KiB (4 KiB control page + data)");
	assert_int_equal(check(BUS(CHAN("x", "data-window-c2p = <0x100>;"))), 1);
	assert_diag(
	    "system.dts: /bulkhead/vmbus/x: data-window (c2p) 0x100: not a multiple of 4 KiB");
	assert_int_equal(check(BUS(CHAN("x", "ring-size = <0x2000>; max-packet-size = <4096>;"))),
			 1);
	assert_diag(
	    "system.dts: /bulkhead/vmbus/x: max-packet-size 4096 does not fit: a packet (+24 bytes "
	    "of descriptor and trailer) may take at most half of a ring's 4096 data bytes");
	assert_int_equal(check(BUS(CHAN("x", "max-packet-size = <100>;"))), 1);
	assert_diag(
	    "system.dts: /bulkhead/vmbus/x: max-packet-size 100: must be a non-zero multiple of 8");
}

/* REQ: BH-CFG-8 */
static void class_errors(void **state)
{
	(void)state;
	assert_int_equal(check(BUS("x { compatible = \"bulkhead,channel\"; class = \"serial\"; "
				   "provider = <&root>; consumer = <&c1>; };")),
			 1);
	assert_diag(
	    "system.dts: /bulkhead/vmbus/x: unknown class 'serial' (console, rpc, block or net)");
	assert_int_equal(
	    check(BUS("x { compatible = \"bulkhead,channel\"; class = \"consle\"; "
		      "provider = <&root>; consumer = <&c1>; rign-size = <0x10000>; };")),
	    2);
	assert_diag("system.dts: /bulkhead/vmbus/x: unknown class 'consle' (console, rpc, block or "
		    "net); did you mean 'console'?");
	assert_diag("system.dts: /bulkhead/vmbus/x: unknown property 'rign-size'; did you mean "
		    "'ring-size'?");
	assert_int_equal(check(BUS("x { compatible = \"bulkhead,channel\"; "
				   "provider = <&root>; consumer = <&c1>; };")),
			 1);
	assert_diag("system.dts: /bulkhead/vmbus/x: no class (console, rpc, block or net)");
	assert_int_equal(check(BUS(CHAN("x", "speed = <1>;"))), 1);
	assert_diag("system.dts: /bulkhead/vmbus/x: unknown property 'speed'");
	assert_int_equal(check(BUS("x { compatible = \"bulkhead,channel\"; class = \"block\"; "
				   "provider = <&root>; consumer = <&c1>; };")),
			 1);
	assert_diag("system.dts: /bulkhead/vmbus/x: a block channel needs block-range = <offset "
		    "size> on the provider's disk");
	assert_int_equal(
	    check(BUS(
		"x { compatible = \"bulkhead,channel\"; class = \"block\"; "
		"provider = <&root>; consumer = <&c1>; block-range = <0 0 0 0x100000>; };"
		"y { compatible = \"bulkhead,channel\"; class = \"block\"; "
		"provider = <&root>; consumer = <&c1>; block-range = <0 0x80000 0 0x100000>; };")),
	    1);
	assert_diag("system.dts: /bulkhead/vmbus/y: block-range 0x80000+0x100000 overlaps "
		    "/bulkhead/vmbus/x's");
	assert_int_equal(check(BUS(CHAN("x", "mac-address = [02 00 00 00 00 01];"))), 1);
	assert_diag("system.dts: /bulkhead/vmbus/x: mac-address is for class \"net\" only");
}

/* REQ: BH-CFG-8 */
static void duplicate_errors(void **state)
{
	(void)state;
	assert_int_equal(check(BUS(CHAN("con@1", "") CHAN("con@2", ""))), 1);
	assert_diag("system.dts: /bulkhead/vmbus/con@2: channel name 'con' is taken by "
		    "/bulkhead/vmbus/con@1");
	assert_int_equal(
	    check(BUS(CHAN("a", "instance-guid = \"0c5e6a55-8d2b-4a8e-a3b4-5e2f0d9c1a10\";")
			  CHAN("b", "instance-guid = \"0C5E6A55-8D2B-4A8E-A3B4-5E2F0D9C1A10\";"))),
	    1);
	assert_diag("system.dts: /bulkhead/vmbus/b: instance-guid "
		    "0C5E6A55-8D2B-4A8E-A3B4-5E2F0D9C1A10 is taken by /bulkhead/vmbus/a");
	assert_int_equal(check(BUS(CHAN("a", "instance-guid = \"nope\";"))), 1);
	assert_diag("system.dts: /bulkhead/vmbus/a: instance-guid 'nope' is not a GUID "
		    "(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
}

/* REQ: BH-CFG-8 */
static void limit_errors(void **state)
{
	(void)state;
	assert_int_equal(check_opts(BUS(CHAN("a", "") CHAN("b", "")), 1), 2);
	assert_diag("system.dts: /bulkhead/vmbus/b: /bulkhead/partition-root has more than "
		    "CONFIG_VMBUS_MAX_CHANNELS=1 channels");
	assert_diag("system.dts: /bulkhead/vmbus/b: /bulkhead/partition-c1 has more than "
		    "CONFIG_VMBUS_MAX_CHANNELS=1 channels");
	assert_int_equal(check(BUS(CHAN("a", "consumer-target-cpu = <2>;"))), 1);
	assert_diag("system.dts: /bulkhead/vmbus/a: consumer-target-cpu 2: /bulkhead/partition-c1 "
		    "has 2 vCPUs");
	assert_int_equal(check(BUS(CHAN("a", "provider-target-cpu = <1>;"))), 1);
	assert_diag("system.dts: /bulkhead/vmbus/a: provider-target-cpu 1: "
		    "/bulkhead/partition-root has 1 vCPU");
}

/* REQ: BH-CFG-8 */
static void placement_errors(void **state)
{
	(void)state;
	assert_int_equal(
	    check(HV PARTS "vmbus { memory = <0x0 0x60000000 0x0 0x10000>; " CHAN("a", "") "};"),
	    1);
	assert_diag("system.dts: /bulkhead/vmbus/a: its region (0x20000 bytes of rings and "
		    "windows) does not fit into the vmbus memory 0x60000000+0x10000");
	assert_int_equal(
	    check(HV PARTS "vmbus { memory = <0x0 0x60000000 0x0 0x20000>; " CHAN("a", "") "};"),
	    1);
	assert_diag("system.dts: /bulkhead/partition-root: its VMBus event and status pages do not "
		    "fit into the vmbus memory 0x60000000+0x20000");
	assert_int_equal(
	    check(HV PARTS "vmbus { memory = <0x0 0x48000000 0x0 0x100000>; " CHAN("a", "") "};"),
	    1);
	assert_diag("system.dts: /bulkhead/vmbus: memory 0x48000000+0x100000 overlaps "
		    "/bulkhead/partition-c1");
	assert_int_equal(
	    check(HV PARTS "vmbus { memory = <0x0 0x90000000 0x0 0x100000>; " CHAN("a", "") "};"),
	    1);
	assert_diag(
	    "system.dts: /bulkhead/vmbus: memory 0x90000000+0x100000 is outside the board's RAM");
	/* 1 GiB rings cannot fit into the ~950 MiB of free RAM. */
	assert_int_equal(check(BUS(CHAN("a", "ring-size = <0x20000000>;"))), 1);
	assert_diag("system.dts: /bulkhead/vmbus/a: its region (0x40000000 bytes of rings and "
		    "windows) does not fit into the board's free RAM");
}

/* Properties of the wrong shape or out of range, each by its exact message. */
/* REQ: BH-CFG-8 */
static void value_errors(void **state)
{
	(void)state;
	assert_int_equal(check(BUS(CHAN("x", "ring-size = <0x0 0x4000>;"))), 1);
	assert_string_equal(diag,
			    "system.dts: /bulkhead/vmbus/x: ring-size must be one 32-bit cell\n");
	assert_int_equal(check(BUS("x { compatible = \"bulkhead,channel\"; class = \"rpc\"; "
				   "provider = <&root &c1>; consumer = <&c1>; };")),
			 1);
	assert_string_equal(diag, "system.dts: /bulkhead/vmbus/x: provider must be one phandle\n");
	assert_int_equal(check(BUS(CHAN("x", "block-range = <0x0 0x0 0x0 0x200>;"))), 1);
	assert_string_equal(
	    diag, "system.dts: /bulkhead/vmbus/x: block-range is for class \"block\" only\n");
	assert_int_equal(check(BUS("x { compatible = \"bulkhead,channel\"; class = \"block\"; "
				   "provider = <&root>; consumer = <&c1>; "
				   "block-range = <0x0 0x100 0x0 0x200>; };")),
			 1);
	assert_string_equal(diag, "system.dts: /bulkhead/vmbus/x: block-range 0x100+0x200: offset "
				  "and size must be non-zero multiples of 512\n");
	assert_int_equal(
	    check(BUS("x { compatible = \"bulkhead,channel\"; class = \"net\"; "
		      "provider = <&root>; consumer = <&c1>; mac-address = [02 00 00 00 01]; "
		      "mtu = <67>; };")),
	    2);
	assert_string_equal(diag, "system.dts: /bulkhead/vmbus/x: mac-address must be 6 bytes\n"
				  "system.dts: /bulkhead/vmbus/x: mtu 67: must be 68 to 9000\n");
	assert_int_equal(check(BUS(CHAN("x", "mtu = <1500>;"))), 1);
	assert_string_equal(diag, "system.dts: /bulkhead/vmbus/x: mtu is for class \"net\" only\n");
	assert_int_equal(
	    check(BUS(CHAN("x", "max-outstanding = <0>;") CHAN("y", "max-outstanding = <1025>;"))),
	    2);
	assert_string_equal(
	    diag, "system.dts: /bulkhead/vmbus/x: max-outstanding 0: must be 1 to 1024\n"
		  "system.dts: /bulkhead/vmbus/y: max-outstanding 1025: must be 1 to 1024\n");
	assert_int_equal(check(BUS("Con { compatible = \"bulkhead,serial\"; class = \"console\"; "
				   "provider = <&root>; consumer = <&c1>; };")),
			 2);
	assert_string_equal(diag,
			    "system.dts: /bulkhead/vmbus/Con: channel name 'Con' must be 1 to "
			    "31 characters of a-z, 0-9, - and _\n"
			    "system.dts: /bulkhead/vmbus/Con: compatible must be "
			    "\"bulkhead,channel\"\n");
	assert_int_equal(
	    check(HV PARTS "vmbus { compatible = \"bulkhead,vmbus\"; abi-version = <2>; " CHAN(
		"a", "") "};"),
	    2);
	assert_string_equal(diag,
			    "system.dts: /bulkhead/vmbus: compatible must be "
			    "\"bulkhead,vmbus-system\"\n"
			    "system.dts: /bulkhead/vmbus: abi-version 2: this Bulkhead implements "
			    "version 1\n");
	/* The right ones are accepted. */
	assert_int_equal(
	    check(HV PARTS
		  "vmbus { compatible = \"bulkhead,vmbus-system\"; abi-version = <1>; " CHAN(
		      "a", "") "};"),
	    0);
}

/* REQ: BH-ISO-3 */
static void free_ram_gaps_are_used(void **state)
{
	(void)state;
	/* A partition at the very top: channels go into the gap below it. */
	assert_int_equal(
	    check(HV PARTS
		  "partition-top { compatible = \"bulkhead,partition\"; "
		  "cpus = <&cpu3>; memory = <0x0 0x7ff00000 0x0 0x100000>; program = \"hello\"; };"
		  "vmbus { " CHAN("a", "") "};"),
	    0);
	assert_int_equal(sys.chan[0].region.base, 0x7fee0000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(console_channel_placed_at_top_of_free_ram),
	    cmocka_unit_test(pool_given_and_local_indices),
	    cmocka_unit_test(stage2_permissions_by_role),
	    cmocka_unit_test(provider_consumer_errors),
	    cmocka_unit_test(size_errors),
	    cmocka_unit_test(class_errors),
	    cmocka_unit_test(duplicate_errors),
	    cmocka_unit_test(limit_errors),
	    cmocka_unit_test(placement_errors),
	    cmocka_unit_test(value_errors),
	    cmocka_unit_test(free_ram_gaps_are_used),
	};

	return cmocka_run_group_tests_name("generator-vmbus", tests, NULL, NULL);
}
