// SPDX-License-Identifier: GPL-2.0
/*
 * core/rollback.c: which of two flash copies is believed, how minima only
 * go up, and what a power cut or a bit flip in a copy leaves behind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "rollback.h"

static struct rb_record flash[2];

static void erase(int c)
{
	memset(&flash[c], 0xff, sizeof(flash[c]));
}

static enum rb_decode decode(struct rb_state *st)
{
	return rollback_decode(st, &flash[0], &flash[1], sizeof(flash[0]));
}

/* What the hypervisor does: raise, then write the next record to its copy. */
static void commit(struct rb_state *st)
{
	struct rb_record r;
	int to = rollback_next(st, &r);

	flash[to] = r;
	rollback_written(st, &r, to);
}

/* REQ: BH-RB-3 */
static void test_crc32_kat(void **state)
{
	(void)state;
	/* The CRC-32 check value of ITU-T V.42 / IEEE 802.3. */
	assert_int_equal(rb_crc32("123456789", 9), 0xcbf43926);
	assert_int_equal(rb_crc32("", 0), 0);
}

/* REQ: BH-RB-3 */
static void test_empty_store(void **state)
{
	struct rb_state st;

	(void)state;
	erase(0);
	erase(1);
	assert_int_equal(decode(&st), RB_EMPTY);
	assert_int_equal(st.current, -1);
	assert_int_equal(rollback_min(&st, "child1"), 0);
}

/* REQ: BH-RB-4 */
static void test_zeroed_store_is_corrupt(void **state)
{
	struct rb_state st;

	(void)state;
	memset(flash, 0, sizeof(flash));
	assert_int_equal(decode(&st), RB_CORRUPT);
	erase(0);
	flash[1].magic = RB_MAGIC; /* a record half written, never completed */
	assert_int_equal(decode(&st), RB_CORRUPT);
}

/* REQ: BH-RB-2 */
static void test_raise_only_up_and_alternates(void **state)
{
	struct rb_state st;

	(void)state;
	erase(0);
	erase(1);
	decode(&st);
	assert_int_equal(rollback_raise(&st, "child1", 0), 0); /* 0 needs no entry */
	assert_int_equal(st.rec.count, 0);
	assert_int_equal(rollback_raise(&st, "child1", 3), 1);
	commit(&st);
	assert_int_equal(st.current, 0);
	assert_int_equal(st.rec.generation, 1);
	assert_int_equal(rollback_raise(&st, "child1", 2), 0); /* never down */
	assert_int_equal(rollback_raise(&st, "child1", 3), 0);
	assert_int_equal(rollback_raise(&st, "root", 7), 1);
	commit(&st);
	assert_int_equal(st.current, 1);
	assert_int_equal(rollback_raise(&st, "child1", 5), 1);
	commit(&st);
	assert_int_equal(st.current, 0);
	assert_int_equal(decode(&st), RB_VALID);
	assert_int_equal(st.rec.generation, 3);
	assert_int_equal(rollback_min(&st, "child1"), 5);
	assert_int_equal(rollback_min(&st, "root"), 7);
	assert_int_equal(rollback_min(&st, "child"), 0); /* names match exactly */
	assert_int_equal(rollback_min(&st, "child10"), 0);
}

/* REQ: BH-RB-3 */
static void test_power_cut_keeps_previous(void **state)
{
	struct rb_state st;
	struct rb_record r;
	int to;

	(void)state;
	erase(0);
	erase(1);
	decode(&st);
	rollback_raise(&st, "child1", 2);
	commit(&st);
	/* The next write is cut after its erase and part of its data. */
	rollback_raise(&st, "child1", 4);
	to = rollback_next(&st, &r);
	erase(to);
	memcpy(&flash[to], &r, sizeof(r) / 2);
	assert_int_equal(decode(&st), RB_VALID);
	assert_int_equal(rollback_min(&st, "child1"), 2);
	/* A flipped bit in the newest copy: the older one stands. */
	commit(&st);
	rollback_raise(&st, "child1", 6);
	commit(&st);
	flash[st.current].entry[0].min_version ^= 0x100;
	assert_int_equal(decode(&st), RB_VALID);
	assert_int_equal(rollback_min(&st, "child1"), 2);
}

/* REQ: BH-RB-3 */
static void test_generation_wraps(void **state)
{
	struct rb_state st;

	(void)state;
	erase(0);
	erase(1);
	decode(&st);
	rollback_raise(&st, "a", 1);
	st.rec.generation = 0xfffffffeU; /* as if written that often */
	st.current = 1;
	commit(&st); /* generation 0xffffffff into copy 0 */
	rollback_raise(&st, "a", 2);
	commit(&st); /* generation 0 into copy 1: later, despite being smaller */
	assert_int_equal(decode(&st), RB_VALID);
	assert_int_equal(st.current, 1);
	assert_int_equal(st.rec.generation, 0);
	assert_int_equal(rollback_min(&st, "a"), 2);
}

/* REQ: BH-RB-3 */
static void test_hostile_records(void **state)
{
	struct rb_state st;
	struct rb_record r;
	char name[RB_NAME_LEN + 1];

	(void)state;
	erase(0);
	erase(1);
	decode(&st);
	rollback_raise(&st, "a", 1);
	rollback_next(&st, &r);
	/* A count past the table, with a CRC that matches it. */
	r.count = RB_MAX_ENTRIES + 1;
	r.crc = rb_crc32(&r, offsetof(struct rb_record, crc));
	flash[0] = r;
	assert_int_equal(decode(&st), RB_CORRUPT);
	/* A name with no NUL. */
	rollback_next(&st, &r);
	r.count = 1;
	memset(r.entry[0].name, 'x', RB_NAME_LEN);
	r.crc = rb_crc32(&r, offsetof(struct rb_record, crc));
	flash[0] = r;
	assert_int_equal(decode(&st), RB_CORRUPT);
	/* Another format. */
	rollback_next(&st, &r);
	r.format = RB_FORMAT + 1;
	r.crc = rb_crc32(&r, offsetof(struct rb_record, crc));
	flash[0] = r;
	assert_int_equal(decode(&st), RB_CORRUPT);
	/* Too short a store. */
	assert_int_equal(rollback_decode(&st, &flash[0], &flash[1], 16), RB_CORRUPT);
	/* Names the table cannot hold. */
	erase(0);
	decode(&st);
	memset(name, 'n', RB_NAME_LEN);
	name[RB_NAME_LEN] = '\0';
	assert_int_equal(rollback_raise(&st, name, 1), -1);
	assert_int_equal(rollback_raise(&st, "", 1), -1);
}

/* REQ: BH-RB-2 */
static void test_full_table(void **state)
{
	struct rb_state st;
	char name[16];

	(void)state;
	erase(0);
	erase(1);
	decode(&st);
	for (int i = 0; i < RB_MAX_ENTRIES; i++) {
		snprintf(name, sizeof(name), "p%d", i);
		assert_int_equal(rollback_raise(&st, name, 1), 1);
	}
	assert_int_equal(rollback_raise(&st, "one-more", 1), -1);
	assert_int_equal(rollback_raise(&st, "p3", 9), 1); /* known names still rise */
	commit(&st);
	assert_int_equal(decode(&st), RB_VALID);
	assert_int_equal(st.rec.count, RB_MAX_ENTRIES);
	assert_int_equal(rollback_min(&st, "p3"), 9);
	assert_int_equal(rollback_min(&st, "p63"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_crc32_kat),
	    cmocka_unit_test(test_empty_store),
	    cmocka_unit_test(test_zeroed_store_is_corrupt),
	    cmocka_unit_test(test_raise_only_up_and_alternates),
	    cmocka_unit_test(test_power_cut_keeps_previous),
	    cmocka_unit_test(test_generation_wraps),
	    cmocka_unit_test(test_hostile_records),
	    cmocka_unit_test(test_full_table),
	};

	return cmocka_run_group_tests_name("rollback", tests, NULL, NULL);
}
