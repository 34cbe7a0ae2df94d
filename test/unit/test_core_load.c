// SPDX-License-Identifier: GPL-2.0
/*
 * The boot and the stores on the fake arch (core/main.c, core/image.c,
 * core/rollback_store.c, core/fault_store.c): images in signed chunks,
 * FITs that are signed but not what a partition can load, image stores
 * without a FIT, a store that cannot be written or read, CPUs that do not
 * start, a CPU SHA-256 that fails its self-test. FITs of other shapes are
 * made from make-core-fit's by libfdt and signed again with its key
 * (mkimage -F), as the build signs.
 */
#define _GNU_SOURCE /* memmem */
#include <libgen.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <libfdt.h>
#include "fake_core.h"
#include "fault_store.h"
#include "image.h"
#include "rollback.h"

#define PSCI_SYSTEM_RESET 0x84000009U

/*
 * Slot A becomes make-core-fit's FIT changed by edit, then signed again
 * with its key unless sign is false (after fc_board, before the boot).
 */
static void fit_edit(void (*edit)(void *fit), bool sign)
{
	static char fit[FS_STORE];
	char path[] = "/tmp/bh-unit-fit-XXXXXX", keys[512], cmd[1200], dir[512];
	FILE *f;
	size_t n;
	int fd;

	f = fopen(CORE_FIT, "rb");
	assert_non_null(f);
	n = fread(fit, 1, sizeof(fit), f);
	fclose(f);
	assert_true(n > 0 && n < sizeof(fit));
	assert_int_equal(fdt_open_into(fit, fit, sizeof(fit)), 0);
	edit(fit);
	assert_int_equal(fdt_pack(fit), 0);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, fit, fdt_totalsize(fit)), (ssize_t)fdt_totalsize(fit));
	close(fd);
	snprintf(dir, sizeof(dir), "%s", CORE_FIT);
	snprintf(keys, sizeof(keys), "%s/keys", dirname(dir));
	snprintf(cmd, sizeof(cmd), "mkimage -F -k %s %s >/dev/null", keys, path);
	if (sign)
		assert_int_equal(system(cmd), 0);
	f = fopen(path, "rb");
	assert_non_null(f);
	memset(fs_store[0], 0, FS_STORE);
	n = fread(fs_store[0], 1, FS_STORE, f);
	fclose(f);
	unlink(path);
	assert_true(n > 0 && n < FS_STORE);
}

static int node(void *fit, const char *path)
{
	int n = fdt_path_offset(fit, path);

	assert_true(n >= 0);
	return n;
}

/* app's kernel (5000 bytes) in 4 KiB chunks: their SHA-256 as fitchunk writes them. */
static void add_chunks(void *fit)
{
	int k = node(fit, "/images/app-k"), len;
	const u8 *d = fdt_getprop(fit, k, "data", &len);
	u8 h[2 * SHA256_LEN];

	assert_int_equal(len, 5000);
	sha256(d, 4096, h);
	sha256(d + 4096, 5000 - 4096, h + SHA256_LEN);
	assert_int_equal(fdt_setprop_u32(fit, k, "bulkhead,chunk-size", 4096), 0);
	assert_int_equal(fdt_setprop(fit, k, "bulkhead,chunk-sha256", h, sizeof(h)), 0);
}

/*
 * An image in signed chunks is copied and checked chunk by chunk (the
 * pieces shared out to the partition's CPUs: here its vCPU 0's took them
 * all); a changed byte is found in its chunk, which is named.
 */
/* REQ: BH-IMG-2 */
static void chunked_image_checked_by_chunk(void **state)
{
	u8 *p;

	(void)state;
	fc_board(false);
	fit_edit(add_chunks, true);
	assert_int_equal(fc_primary(), FAKE_RAN);
	assert_int_equal(fc_start(FS_APP), FAKE_RAN);
	assert_true(fake_said("[bulkhead] app: 4 pieces copied and hashed by 1 CPU (4 + 0)\n"));
	assert_int_equal(*fs_at(FS_APP, 4999), 'a');

	fc_board(false);
	fit_edit(add_chunks, true);
	p = memmem(fs_store[0], FS_STORE, "aaaaaaaaaaaaaaaa", 16);
	assert_non_null(p);
	p[4096 + 10] = 'b'; /* in the second chunk */
	assert_int_equal(fc_primary(), FAKE_RAN);
	assert_int_equal(fc_start(FS_APP), FAKE_WAITED);
	assert_true(
	    fake_said("[bulkhead] app: the SHA-256 of its image's chunk at 0x1000 is not the "
		      "signed one\n"));
	assert_true(fake_said("[bulkhead] app: image rejected: hash mismatch\n"));
	assert_int_equal(partitions[FS_APP].state, PART_HALTED);
}

static void short_chunk_list(void *fit)
{
	u8 h[SHA256_LEN] = {0};
	int k = node(fit, "/images/app-k");

	assert_int_equal(fdt_setprop_u32(fit, k, "bulkhead,chunk-size", 4096), 0);
	assert_int_equal(fdt_setprop(fit, k, "bulkhead,chunk-sha256", h, sizeof(h)), 0);
}

static void no_version(void *fit)
{
	assert_int_equal(fdt_delprop(fit, node(fit, "/images/app-k"), "bulkhead,security-version"),
			 0);
}

static void sha1_hash(void *fit)
{
	assert_int_equal(fdt_setprop_string(fit, node(fit, "/images/app-k/hash-1"), "algo", "sha1"),
			 0);
}

static void missing_image(void *fit)
{
	assert_int_equal(
	    fdt_setprop_string(fit, node(fit, "/configurations/partition-app"), "kernel", "nope"),
	    0);
}

static void bad_dtb(void *fit)
{
	assert_int_equal(
	    fdt_setprop(fit, node(fit, "/images/app-f"), "data", "not a device tree", 17), 0);
}

/* The app partition booted from the edited slot A: the lines it was refused with. */
static void app_refused(void (*edit)(void *), bool sign, const char *detail, const char *reason)
{
	char line[256];

	fc_board(false);
	if (edit)
		fit_edit(edit, sign);
	assert_int_equal(fc_primary(), FAKE_RAN);
	assert_int_equal(fc_start(FS_APP), FAKE_WAITED);
	snprintf(line, sizeof(line), "[bulkhead] app: %s\n[bulkhead] app: image rejected: %s\n",
		 detail, reason);
	if (!fake_said(line))
		fail_msg("no \"%s\" in:\n%s", line, fake.out);
	assert_int_equal(partitions[FS_APP].state, PART_HALTED);
}

/*
 * A configuration that is signed but cannot be loaded is refused, each
 * with its reason: chunk hashes that do not match the image's length, no
 * security version, a hash that is not SHA-256, an image larger than its
 * place, a DTB that is none, a configuration naming an image that is not
 * there or lacking the initrd the partition is built for.
 */
/* REQ: BH-IMG-3, BH-IMG-4, BH-CON-4 */
static void loadable_fits_only(void **state)
{
	(void)state;
	app_refused(short_chunk_list, true,
		    "the chunk hashes of its image do not fit its 0x1388 bytes", "malformed FIT");
	app_refused(no_version, true, "its image has no bulkhead,security-version",
		    "malformed FIT");
	app_refused(sha1_hash, true, "its image has no sha256 hash-1", "malformed FIT");
	app_refused(missing_image, false,
		    "/configurations/partition-app or its images are not well formed",
		    "malformed FIT");
	/* Signed, but what it loads as its DTB is none. */
	fc_board(false);
	fit_edit(bad_dtb, true);
	assert_int_equal(fc_primary(), FAKE_RAN);
	assert_int_equal(fc_start(FS_APP), FAKE_WAITED);
	assert_true(fake_said("[bulkhead] app: its device tree is not valid\n"));
	assert_int_equal(partitions[FS_APP].state, PART_HALTED);
	fc_board(false);
	fs_part[FS_APP].image_max = 0x1000;
	assert_int_equal(fc_primary(), FAKE_RAN);
	assert_int_equal(fc_start(FS_APP), FAKE_WAITED);
	assert_true(
	    fake_said("[bulkhead] app: its image is 0x1388 bytes, larger than the 0x1000 it "
		      "may take\n[bulkhead] app: image rejected: too large\n"));
	fc_board(false);
	fs_part[FS_HALTER].has_initrd = 1; /* partition-newer has none */
	assert_int_equal(fc_primary(), FAKE_RAN);
	assert_int_equal(fc_start(FS_HALTER), FAKE_WAITED);
	assert_true(
	    fake_said("[bulkhead] halter: /configurations/partition-newer or its images are "
		      "not well formed\n"));
}

/*
 * Slot A without a FIT is said at boot; partitions with the fallback
 * policy start from slot B, the others are refused.
 */
/* REQ: BH-IMG-4, BH-IMG-5 */
static void store_without_fit(void **state)
{
	char line[128];

	(void)state;
	fc_board(false);
	memset(fs_store[0], 0x5a, FS_STORE);
	fs_part[FS_ROOT].fallback = 1;
	assert_int_equal(fc_primary(), FAKE_RAN);
	snprintf(line, sizeof(line), "[bulkhead] image store A at 0x%llx: no valid FIT: FDT_ERR_",
		 (unsigned long long)(uintptr_t)fs_store[0]);
	assert_true(fake_said(line));
	assert_true(fake_said("[bulkhead] root: image store A holds no valid FIT\n"
			      "[bulkhead] root: image rejected: malformed FIT\n"
			      "[bulkhead] root: falling back to slot B\n"));
	assert_true(fake_said("root: verified (sha256,ecdsa256, key test, slot B, security "
			      "version 2)"));
	assert_int_equal(fc_start(FS_APP), FAKE_WAITED);
	assert_true(fake_said("[bulkhead] app: image rejected: malformed FIT\n"));
}

/*
 * A CPU that does not start is said with its partition's name, before
 * any partition runs; the others start. A CPU's SHA-256 that fails the
 * self-test is not used.
 */
/* REQ: BH-FLT-5 */
static void boot_with_a_lost_cpu(void **state)
{
	(void)state;
	fc_board(false);
	fake.cpu_start_rc[3] = -5;
	fake.cpu_start_rc[2] = -1;
	assert_int_equal(fc_primary(), FAKE_RAN);
	assert_true(fake_said("[bulkhead] app: cpu2 did not start (error -1); its vCPU 1 will not "
			      "run (CPU_ON answers INTERNAL_FAILURE)\n"));
	assert_true(
	    fake_said("[bulkhead] halter: cpu3 did not start (error -5); the partition will "
		      "not run\n"));
	assert_int_equal(partitions[FS_HALTER].state, PART_HALTED);
	assert_int_equal(partitions[FS_ROOT].state, PART_RUNNING);
}

static void broken_blocks(u32 state[8], const u8 *data, size_t n)
{
	(void)data;
	(void)n;
	state[0] ^= 1;
}

static void secondary(void *cpu)
{
	hv_secondary_main((u32)(uintptr_t)cpu);
}

/*
 * A CPU the boot CPU started waits until every CPU was tried (the first
 * test of this program: the core's "every CPU tried" lives on across its
 * boots, as its other static state).
 */
/* REQ: BH-FLT-5 */
static void secondary_waits_for_the_boot_cpu(void **state)
{
	(void)state;
	fc_board(false);
	fake_cpu = 1;
	assert_int_equal(fake_run(secondary, (void *)1), FAKE_WAITED);
	assert_int_equal(fake.waits, 1);
	assert_int_equal(fake.runs, 0);
	assert_int_equal(partitions[FS_APP].state, PART_OFF);
}

/*
 * The other CPUs enter once the boot CPU has tried them all: one that
 * carries a vCPU 0 starts its partition, another parks its vCPU.
 */
/* REQ: BH-TMP-1 */
static void secondary_cpus(void **state)
{
	(void)state;
	fc_board(false);
	fake.sha256_blocks = broken_blocks;
	assert_int_equal(fc_primary(), FAKE_RAN);
	assert_true(fake_said("[bulkhead] sha256: fake-sha2 failed the self-test; not used\n"
			      "[bulkhead] sha256: portable (mbedtls)\n"));
	fake_cpu = 1;
	assert_int_equal(fake_run(secondary, (void *)1), FAKE_RAN);
	assert_ptr_equal(fake.ran, &partitions[FS_APP].vcpu[0]);
	fake_cpu = 2;
	assert_int_equal(fake_run(secondary, (void *)2), FAKE_WAITED);
	assert_int_equal(partitions[FS_APP].vcpu[1].state, VCPU_OFF);
	assert_int_equal(partitions[FS_APP].vcpu[1].pcpu, 2);
}

/*
 * The store: a confirmation that cannot be written keeps the minimum for
 * this boot only; a fault log that cannot be written stays in memory; at
 * most 32 writes a boot (flash wear); records that are not valid fail
 * closed (rollback) or start again (fault log).
 */
/* REQ: BH-RB-2, BH-RB-4, BH-FLT-7 */
static void store_failures(void **state)
{
	u32 before;
	bool said = false;

	(void)state;
	fc_all_up();
	fake_nv.write_rc = -1;
	assert_int_equal(fc_call(FS_ROOT, 0, BH_IMAGE_CONFIRM, FS_HALTER, 0, 0),
			 BH_IMAGE_STORE_FAILED);
	assert_true(fake_said("[bulkhead] halter: minimum security version 5 not stored; it holds "
			      "for this boot only\n"));
	assert_int_equal(fc_fault(FS_HALTER, 0, 0, "undefined instruction"), FAKE_WAITED);
	assert_true(fake_said("[bulkhead] fault log: not stored; this boot's faults are kept in "
			      "memory only\n"));
	fake_nv.write_rc = 0;
	/* The writes a boot may make (some made already by this program's boots). */
	for (int i = 0; i < 32 && !said; i++) {
		fault_store_add(&partitions[FS_APP], "test fault", 0);
		fault_store_sync();
		said =
		    fake_said("[bulkhead] fault log: written 32 times this boot; later faults are "
			      "kept in memory only (flash wear)\n");
	}
	assert_true(said);
	before = fake_nv.writes;
	fault_store_add(&partitions[FS_APP], "test fault", 0);
	fault_store_sync();
	assert_int_equal(fake_nv.writes, before);

	/* Both copies zeroed: no valid record, nothing starts. */
	fc_board(false);
	memset(fake_nv.copy, 0, sizeof(fake_nv.copy));
	assert_int_equal(fc_primary(), FAKE_OFF);
	assert_true(fake_said("[bulkhead] rollback store at 0x1000000: neither copy holds a valid "
			      "record; no partition can start until it is restored or erased\n"));
	assert_true(fake_said("[bulkhead] root: image rejected: rollback store unreadable\n"));

	/* A valid minimum beside a fault log that is not: the log starts again. */
	assert_int_equal(fc_power_on(false), FAKE_RAN);
	assert_int_equal(fc_call(FS_ROOT, 0, BH_IMAGE_CONFIRM, FS_ROOT, 0, 0), 0);
	for (int c = 0; c < 2; c++)
		memset(fake_nv.copy[c] + sizeof(struct rb_record) + 4, 0x00, 64);
	assert_int_equal(fc_power_on(true), FAKE_RAN);
	assert_true(
	    fake_said("[bulkhead] fault log: the store held no valid log; it starts again\n"));
	assert_true(fake_said("minima stored: 1"));
}

/* PSCI SYSTEM_RESET from a partition: its own restart policy, not the board's. */
/* REQ: BH-FLT-1, BH-CON-4 */
static void partition_system_reset(void **state)
{
	(void)state;
	fc_all_up();
	assert_int_equal(fc_call_noreturn(FS_HALTER, 0, PSCI_SYSTEM_RESET), FAKE_WAITED);
	assert_true(fake_said("[bulkhead] halter: reset (PSCI SYSTEM_RESET); halted\n"));
	assert_int_equal(partitions[FS_HALTER].state, PART_HALTED);
	assert_int_equal(partitions[FS_ROOT].state, PART_RUNNING);
	/* The measurement log is the root's alone. */
	assert_int_equal(fc_call(FS_APP, 0, BH_IMAGE_MEASUREMENT, 0, 0, 0), (u64)-1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(secondary_waits_for_the_boot_cpu), /* first */
	    cmocka_unit_test(chunked_image_checked_by_chunk),
	    cmocka_unit_test(loadable_fits_only),
	    cmocka_unit_test(store_without_fit),
	    cmocka_unit_test(boot_with_a_lost_cpu),
	    cmocka_unit_test(secondary_cpus),
	    cmocka_unit_test(store_failures),
	    cmocka_unit_test(partition_system_reset),
	};

	return cmocka_run_group_tests_name("core-load", tests, NULL, NULL);
}
