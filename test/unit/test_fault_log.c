// SPDX-License-Identifier: GPL-2.0
/*
 * core/fault_log.c: the record the hypervisor keeps beside the rollback
 * minima. Which copy is believed, how the oldest entry goes, and that no
 * flash content (cut writes, bit flips, hostile bytes) gets past decode
 * with a count or a string that would lead a reader off its entry.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "fault_log.h"
#include "nv_copy.h"

static struct fl_record flash[2];

static enum fl_decode decode(struct fl_record *out)
{
	return fault_log_decode(out, &flash[0], &flash[1], sizeof(flash[0]));
}

static void erase_both(void)
{
	memset(flash, 0xff, sizeof(flash));
}

/* The hypervisor's order: log, seal, write to the copy the rollback record frees. */
static void store(struct fl_record *r, int to)
{
	fault_log_seal(r);
	flash[to] = *r;
}

/* REQ: BH-FLT-7 */
static void test_erased_is_empty(void **state)
{
	struct fl_record r;

	(void)state;
	erase_both();
	assert_int_equal(decode(&r), FL_EMPTY);
	assert_int_equal(r.count, 0);
	assert_int_equal(r.magic, FL_MAGIC);
	memset(&flash[1], 0, sizeof(flash[1]));
	assert_int_equal(decode(&r), FL_NONE);
	assert_int_equal(r.count, 0);
	assert_int_equal(fault_log_decode(&r, &flash[0], &flash[1], sizeof(flash[0]) - 1), FL_NONE);
}

/* REQ: BH-FLT-7 */
static void test_round_trip_newest_wins(void **state)
{
	struct fl_record r, got;

	(void)state;
	erase_both();
	fault_log_init(&r);
	fault_log_add(&r, 1, "crash", "data abort: read of 0x4b000000 at 0x4a00104c", 0x4a00104c, 3,
		      1234);
	store(&r, 1);
	/* Unused entries stored as erased flash (nothing to program), zero for readers. */
	assert_int_equal(flash[1].entry[1].addr, ~0ULL);
	assert_int_equal(decode(&got), FL_VALID);
	assert_int_equal(got.entry[1].addr, 0);
	assert_int_equal(got.count, 1);
	assert_string_equal(got.entry[0].name, "crash");
	assert_string_equal(got.entry[0].cause, "data abort: read of 0x4b000000 at 0x4a00104c");
	assert_int_equal(got.entry[0].addr, 0x4a00104c);
	assert_int_equal(got.entry[0].epoch, 3);
	assert_int_equal(got.entry[0].boot, 1);
	assert_int_equal(got.entry[0].time_ms, 1234);
	assert_int_equal(got.entry[0].seq, 1);
	assert_int_equal(got.boots, 1);
	/* The next boot logs another into the other copy: that one is newer. */
	fault_log_add(&got, 2, "oops", "SError", 0x100, 1, 5);
	store(&got, 0);
	assert_int_equal(decode(&r), FL_VALID);
	assert_int_equal(r.count, 2);
	assert_string_equal(r.entry[1].name, "oops");
	assert_int_equal(r.boots, 2);
	/* That write cut short (a power cut): the older copy is believed. */
	((u8 *)&flash[0])[200] ^= 0x10;
	assert_int_equal(decode(&r), FL_VALID);
	assert_int_equal(r.count, 1);
	assert_string_equal(r.entry[0].name, "crash");
}

/* REQ: BH-FLT-7 */
static void test_generation_wraps(void **state)
{
	struct fl_record r, got;

	(void)state;
	fault_log_init(&r);
	r.generation = 0xfffffffeU;
	fault_log_add(&r, 1, "a", "x", 0, 1, 0);
	store(&r, 0); /* generation 0xffffffff */
	fault_log_add(&r, 1, "b", "y", 0, 1, 0);
	store(&r, 1); /* generation 0 */
	assert_int_equal(decode(&got), FL_VALID);
	assert_int_equal(got.generation, 0);
	assert_int_equal(got.count, 2);
}

/* REQ: BH-FLT-7 */
static void test_full_drops_oldest(void **state)
{
	struct fl_record r;
	char name[8];

	(void)state;
	fault_log_init(&r);
	for (int i = 0; i < FL_MAX_ENTRIES + 3; i++) {
		snprintf(name, sizeof(name), "p%d", i);
		fault_log_add(&r, 1, name, "fault", (u64)i, 1, 0);
	}
	assert_int_equal(r.count, FL_MAX_ENTRIES);
	assert_int_equal(r.seq, FL_MAX_ENTRIES + 3);
	assert_string_equal(r.entry[0].name, "p3");
	assert_string_equal(r.entry[FL_MAX_ENTRIES - 1].name, "p18");
	assert_int_equal(r.entry[FL_MAX_ENTRIES - 1].seq, FL_MAX_ENTRIES + 3);
}

/* REQ: BH-FLT-7 */
static void test_long_strings_cut(void **state)
{
	struct fl_record r, got;
	char longname[64], longcause[200];

	(void)state;
	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	memset(longcause, 'c', sizeof(longcause) - 1);
	longcause[sizeof(longcause) - 1] = '\0';
	fault_log_init(&r);
	fault_log_add(&r, 1, longname, longcause, 0, 1, 0);
	fault_log_add(&r, 1, "", "", 0, 1, 0);
	assert_int_equal(strlen(r.entry[0].name), FL_NAME_LEN - 1);
	assert_int_equal(strlen(r.entry[0].cause), FL_CAUSE_LEN - 1);
	assert_string_equal(r.entry[1].name, "?"); /* never an empty name: decode refuses those */
	erase_both();
	store(&r, 0);
	assert_int_equal(decode(&got), FL_VALID);
	assert_int_equal(got.count, 2);
}

/* Records with a valid CRC but contents no writer makes: refused whole. */
/* REQ: BH-FLT-7 */
static void test_hostile_records(void **state)
{
	struct fl_record r, got;

	(void)state;
	erase_both();
	fault_log_init(&r);
	fault_log_add(&r, 1, "crash", "fault", 0, 1, 0);
	fault_log_seal(&r);
	r.count = FL_MAX_ENTRIES + 1;
	r.crc = rb_crc32(&r, offsetof(struct fl_record, crc));
	flash[0] = r;
	assert_int_equal(decode(&got), FL_NONE);
	fault_log_seal(&r); /* and sealing never runs past the table */
	assert_int_equal(r.count, FL_MAX_ENTRIES);
	r.count = 1;
	memset(r.entry[0].name, 'x', FL_NAME_LEN); /* no NUL */
	store(&r, 0);
	assert_int_equal(decode(&got), FL_NONE);
	memset(r.entry[0].name, 0, FL_NAME_LEN); /* empty */
	store(&r, 0);
	assert_int_equal(decode(&got), FL_NONE);
	strcpy(r.entry[0].name, "crash");
	memset(r.entry[0].cause, 'c', FL_CAUSE_LEN); /* no NUL */
	store(&r, 0);
	assert_int_equal(decode(&got), FL_NONE);
	r.entry[0].cause[0] = '\0';
	r.format = FL_FORMAT + 1; /* a later format: not this reader's to believe */
	r.crc = rb_crc32(&r, offsetof(struct fl_record, crc));
	flash[0] = r;
	assert_int_equal(decode(&got), FL_NONE);
	/* Bytes past count are garbage in flash, zero for the reader. */
	r.format = FL_FORMAT;
	r.count = 1;
	memset(&r.entry[1], 'z', sizeof(r.entry[1]));
	r.crc = rb_crc32(&r, offsetof(struct fl_record, crc));
	flash[0] = r;
	assert_int_equal(decode(&got), FL_VALID);
	assert_int_equal(got.entry[1].name[0], 0);
	assert_int_equal(got.entry[1].addr, 0);
}

/* A store from before the fault log: the minima stay valid, the log is empty. */
/* REQ: BH-FLT-7 */
static void test_old_store_layout(void **state)
{
	static struct nv_copy c[2];
	struct rb_state st;
	struct fl_record got;

	(void)state;
	memset(c, 0xff, sizeof(c));
	rollback_decode(&st, &c[0].rb, &c[1].rb, sizeof(c[0].rb));
	assert_int_equal(rollback_raise(&st, "hello1", 3), 1);
	rollback_next(&st, &c[0].rb);
	assert_int_equal(rollback_decode(&st, &c[0].rb, &c[1].rb, sizeof(c[0].rb)), RB_VALID);
	assert_int_equal(rollback_min(&st, "hello1"), 3);
	assert_int_equal(fault_log_decode(&got, &c[0].fl, &c[1].fl, sizeof(c[0].fl)), FL_EMPTY);
	assert_int_equal(offsetof(struct nv_copy, fl), 2328);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_erased_is_empty),  cmocka_unit_test(test_round_trip_newest_wins),
	    cmocka_unit_test(test_generation_wraps), cmocka_unit_test(test_full_drops_oldest),
	    cmocka_unit_test(test_long_strings_cut), cmocka_unit_test(test_hostile_records),
	    cmocka_unit_test(test_old_store_layout),
	};

	return cmocka_run_group_tests_name("fault-log", tests, NULL, NULL);
}
