// SPDX-License-Identifier: GPL-2.0
/*
 * The ring library: framing byte for byte, wrap-around, full and empty,
 * pending_send_sz flow control, the signal rules, and a hostile peer's
 * indices and descriptors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include <vmbus/ring.h>

#define RING_BYTES (2 * 4096) /* control page + 4 KiB of data */
#define MAXP	   1024

static u8 mem[RING_BYTES] __attribute__((aligned(4096)));
static struct vmbus_ring w, rd;
static u8 buf[MAXP];

static int setup(void **state)
{
	(void)state;
	memset(mem, 0, sizeof(mem));
	assert_int_equal(vmbus_ring_init(&w, mem, RING_BYTES, MAXP, true), 0);
	assert_int_equal(vmbus_ring_init(&rd, mem, RING_BYTES, MAXP, false), 0);
	vmbus_ring_unmask(&rd);
	return 0;
}

static struct vmbus_ring_ctl *ctl(void)
{
	return (struct vmbus_ring_ctl *)mem;
}

static int put(const void *p, u32 n, bool *sig)
{
	struct vmbus_iov iov = {p, n};

	return vmbus_ring_write(&w, VMBUS_PKT_INBAND, VMBUS_PKT_FLAG_COMPLETION,
				0x1122334455667788ULL, &iov, 1, sig);
}

/* REQ: BH-BUS-1 */
static void control_page_layout_is_hyper_v(void **state)
{
	(void)state;
	assert_int_equal(sizeof(struct vmbus_ring_ctl), 4096);
	assert_int_equal(offsetof(struct vmbus_ring_ctl, write_index), 0);
	assert_int_equal(offsetof(struct vmbus_ring_ctl, read_index), 4);
	assert_int_equal(offsetof(struct vmbus_ring_ctl, interrupt_mask), 8);
	assert_int_equal(offsetof(struct vmbus_ring_ctl, pending_send_sz), 12);
	assert_int_equal(offsetof(struct vmbus_ring_ctl, feature_bits), 64);
	assert_int_equal(sizeof(struct vmbus_desc), 16);
	assert_int_equal(ctl()->feature_bits, VMBUS_FEAT_PENDING_SEND_SZ);
}

/* REQ: BH-BUS-1 */
static void packet_bytes_on_the_wire(void **state)
{
	const u8 *d = mem + 4096;
	u64 trailer;
	bool sig;

	(void)state;
	assert_int_equal(put("hello", 5, &sig), 0);
	/* type 6, offset8 2, len8 (16 + 8) / 8 = 3, flags 1, trans_id. */
	assert_int_equal(d[0] | d[1] << 8, 6);
	assert_int_equal(d[2] | d[3] << 8, 2);
	assert_int_equal(d[4] | d[5] << 8, 3);
	assert_int_equal(d[6] | d[7] << 8, 1);
	assert_memory_equal(d + 16, "hello\0\0\0", 8);
	memcpy(&trailer, d + 24, 8);
	assert_int_equal(trailer, 0); /* previous write index 0, << 32 */
	assert_int_equal(ctl()->write_index, 32);
}

/* REQ: BH-BUS-1 */
static void round_trip_and_empty(void **state)
{
	struct vmbus_desc d;
	u32 len;
	bool sig;

	(void)state;
	assert_int_equal(vmbus_ring_read(&rd, &d, buf, sizeof(buf), &len), -VMBUS_EMPTY);
	vmbus_ring_read_done(&rd);
	assert_int_equal(put("abcdefgh-ijk", 12, &sig), 0);
	assert_true(sig); /* empty -> non-empty, unmasked */
	assert_int_equal(vmbus_ring_read(&rd, &d, buf, sizeof(buf), &len), 0);
	assert_int_equal(len, 16); /* padded payload */
	assert_memory_equal(buf, "abcdefgh-ijk", 12);
	assert_int_equal(d.trans_id, 0x1122334455667788ULL);
	assert_int_equal(d.flags, VMBUS_PKT_FLAG_COMPLETION);
	assert_int_equal(vmbus_ring_read(&rd, &d, buf, sizeof(buf), &len), -VMBUS_EMPTY);
	assert_false(vmbus_ring_read_done(&rd));
	assert_int_equal(ctl()->read_index, ctl()->write_index);
}

/* REQ: BH-BUS-5 */
static void signal_only_on_empty_to_non_empty(void **state)
{
	bool sig;

	(void)state;
	assert_int_equal(put("a", 1, &sig), 0);
	assert_true(sig);
	assert_int_equal(put("b", 1, &sig), 0);
	assert_false(sig); /* the reader has not caught up: it will see it */
	vmbus_ring_mask(&rd);
	setup(NULL);
	vmbus_ring_mask(&rd);
	assert_int_equal(put("c", 1, &sig), 0);
	assert_false(sig);		     /* masked */
	assert_true(vmbus_ring_unmask(&rd)); /* the re-check after unmasking finds it */
}

/* REQ: BH-BUS-1 */
static void wrap_around_keeps_bytes(void **state)
{
	u8 pkt[600], out[MAXP];
	struct vmbus_desc d;
	u32 len;
	bool sig;

	(void)state;
	/* 600-byte payloads take 624 bytes: the 7th crosses the 4 KiB end. */
	for (int i = 0; i < 40; i++) {
		for (u32 k = 0; k < sizeof(pkt); k++)
			pkt[k] = (u8)(i * 7 + k);
		assert_int_equal(put(pkt, sizeof(pkt), &sig), 0);
		assert_int_equal(vmbus_ring_read(&rd, &d, out, sizeof(out), &len), 0);
		assert_int_equal(len, 600);
		assert_memory_equal(out, pkt, sizeof(pkt));
		vmbus_ring_read_done(&rd);
	}
	assert_true(ctl()->write_index < 4096 && ctl()->write_index % 8 == 0);
}

/* REQ: BH-BUS-5 */
static void full_ring_sets_pending_and_reader_signals(void **state)
{
	u8 pkt[1000] = {0};
	struct vmbus_desc d;
	u32 len;
	bool sig;
	int n = 0;

	(void)state;
	/* 1024 bytes each: three fit in 4096 (never completely full), the fourth does not. */
	while (put(pkt, sizeof(pkt), &sig) == 0)
		n++;
	assert_int_equal(n, 3);
	assert_int_equal(put(pkt, sizeof(pkt), &sig), -VMBUS_FULL);
	assert_int_equal(ctl()->pending_send_sz, 1024 + 8);
	/* Reading one frees 1024: free goes from 1024 to 2048, past the threshold. */
	assert_int_equal(vmbus_ring_read(&rd, &d, buf, sizeof(buf), &len), 0);
	assert_true(vmbus_ring_read_done(&rd));
	assert_int_equal(put(pkt, sizeof(pkt), &sig), 0);
	assert_int_equal(ctl()->pending_send_sz, 0);
	/* No waiting writer: no signal. */
	assert_int_equal(vmbus_ring_read(&rd, &d, buf, sizeof(buf), &len), 0);
	assert_false(vmbus_ring_read_done(&rd));
}

/*
 * The writer fills the ring while a batch runs: the batch began with room
 * to spare, yet the writer now waits; its end must signal, or the next
 * batch (begun after this one freed space) never would.
 */
/* REQ: BH-BUS-5 */
static void writer_blocked_during_batch_is_signalled(void **state)
{
	u8 pkt[1000] = {0};
	struct vmbus_desc d;
	u32 len;
	bool sig;

	(void)state;
	assert_int_equal(put(pkt, sizeof(pkt), &sig), 0);
	assert_int_equal(vmbus_ring_read(&rd, &d, buf, sizeof(buf), &len), 0); /* batch: 1 of 1 */
	assert_int_equal(put(pkt, sizeof(pkt), &sig), 0);
	assert_int_equal(put(pkt, sizeof(pkt), &sig), 0);
	assert_int_equal(put(pkt, sizeof(pkt), &sig), -VMBUS_FULL); /* the first is not published */
	assert_true(vmbus_ring_read_done(&rd));
	/* The next batch reads the rest; the writer already has its doorbell. */
	assert_int_equal(vmbus_ring_read(&rd, &d, buf, sizeof(buf), &len), 0);
	assert_int_equal(vmbus_ring_read(&rd, &d, buf, sizeof(buf), &len), 0);
	assert_int_equal(vmbus_ring_read(&rd, &d, buf, sizeof(buf), &len), -VMBUS_EMPTY);
	assert_int_equal(put(pkt, sizeof(pkt), &sig), 0);
	assert_false(vmbus_ring_read_done(&rd)); /* pending cleared by the write */
}

/* REQ: BH-BUS-1 */
static void oversized_packet_refused(void **state)
{
	u8 big[MAXP + 8] = {0};
	bool sig;

	(void)state;
	assert_int_equal(put(big, MAXP + 1, &sig), -VMBUS_TOOBIG);
	assert_int_equal(put(big, MAXP, &sig), 0);
	assert_int_equal(ctl()->write_index, 16 + MAXP + 8);
}

/* REQ: BH-BUS-1 */
static void hostile_read_index_marks_writer_corrupt(void **state)
{
	bool sig;

	(void)state;
	ctl()->read_index = 4096; /* == data size: out of range */
	assert_int_equal(put("x", 1, &sig), -VMBUS_BAD_INDEX);
	assert_int_equal(w.error, VMBUS_BAD_INDEX);
	ctl()->read_index = 0;
	assert_int_equal(put("x", 1, &sig), -VMBUS_BAD_INDEX); /* sticks */
	setup(NULL);
	ctl()->read_index = 12; /* misaligned */
	assert_int_equal(put("x", 1, &sig), -VMBUS_BAD_INDEX);
}

/* REQ: BH-BUS-1 */
static void hostile_write_index_marks_reader_corrupt(void **state)
{
	struct vmbus_desc d;
	u32 len;

	(void)state;
	ctl()->write_index = 0xfffffff8;
	assert_int_equal(vmbus_ring_read(&rd, &d, buf, sizeof(buf), &len), -VMBUS_BAD_INDEX);
	assert_false(vmbus_ring_pending(&rd));
	setup(NULL);
	ctl()->write_index = 13;
	assert_int_equal(vmbus_ring_read(&rd, &d, buf, sizeof(buf), &len), -VMBUS_BAD_INDEX);
}

/* Writes a raw descriptor followed by zeroes and publishes write_index. */
static void raw(u16 type, u16 off8, u16 len8, u16 flags, u32 publish)
{
	struct vmbus_desc d = {type, off8, len8, flags, 7};

	memcpy(mem + 4096, &d, sizeof(d));
	ctl()->write_index = publish;
}

static int read_one(void)
{
	struct vmbus_desc d;
	u32 len;

	return vmbus_ring_read(&rd, &d, buf, sizeof(buf), &len);
}

/* REQ: BH-BUS-1 */
static void hostile_descriptors_rejected(void **state)
{
	(void)state;
	raw(6, 2, 0, 0, 64);
	assert_int_equal(read_one(), -VMBUS_BAD_LEN); /* len 0 */
	setup(NULL);
	raw(6, 2, 8, 0, 64); /* 64 bytes + trailer > the 64 written */
	assert_int_equal(read_one(), -VMBUS_BAD_LEN);
	setup(NULL);
	raw(6, 2, 0xffff, 0, 4088);
	assert_int_equal(read_one(), -VMBUS_BAD_LEN); /* beyond the ring */
	setup(NULL);
	raw(6, 2, MAXP / 8 + 3, 0, 2048); /* fits in the data but above max-packet-size */
	assert_int_equal(read_one(), -VMBUS_BAD_LEN);
	setup(NULL);
	raw(6, 3, 4, 0, 40);
	assert_int_equal(read_one(), -VMBUS_BAD_OFFSET);
	setup(NULL);
	raw(9, 2, 4, 0, 40); /* GPA direct: not on this bus */
	assert_int_equal(read_one(), -VMBUS_BAD_TYPE);
	setup(NULL);
	raw(6, 2, 4, 2, 40);
	assert_int_equal(read_one(), -VMBUS_BAD_FLAGS);
	setup(NULL);
	raw(6, 2, 4, 0, 16); /* fewer bytes than a descriptor + trailer */
	assert_int_equal(read_one(), -VMBUS_BAD_LEN);
	setup(NULL);
	raw(6, 2, 4, 0, 40);
	assert_int_equal(read_one(), 0); /* the same, well formed */
}

/* REQ: BH-BUS-1 */
static void header_changed_after_read_is_not_seen(void **state)
{
	struct vmbus_desc d;
	u32 len;
	bool sig;

	(void)state;
	assert_int_equal(put("12345678", 8, &sig), 0);
	assert_int_equal(vmbus_ring_read(&rd, &d, buf, sizeof(buf), &len), 0);
	/* The peer rewrites len8 after the copy: the private copy is what counts. */
	mem[4096 + 4] = 0xff;
	assert_int_equal(len, 8);
	assert_memory_equal(buf, "12345678", 8);
	assert_int_equal(rd.index, 32);
}

/* REQ: BH-BUS-1 */
static void snapshot_once_per_batch(void **state)
{
	struct vmbus_desc d;
	u32 len;
	bool sig;

	(void)state;
	assert_int_equal(put("a", 1, &sig), 0);
	assert_int_equal(read_one(), 0);
	assert_int_equal(put("b", 1, &sig), 0);
	/* Written after the batch's snapshot: the next batch sees it. */
	assert_int_equal(vmbus_ring_read(&rd, &d, buf, sizeof(buf), &len), -VMBUS_EMPTY);
	vmbus_ring_read_done(&rd);
	assert_int_equal(read_one(), 0);
	assert_int_equal(buf[0], 'b');
}

/* REQ: BH-BUS-1 */
static void bad_geometry_refused(void **state)
{
	struct vmbus_ring r;

	(void)state;
	assert_int_equal(vmbus_ring_init(&r, mem, 4096, 8, true), -VMBUS_TOOBIG);
	assert_int_equal(vmbus_ring_init(&r, mem, 4096 + 100, 8, true), -VMBUS_TOOBIG);
	assert_int_equal(vmbus_ring_init(&r, mem, RING_BYTES, 2048, true), -VMBUS_TOOBIG);
	assert_int_equal(vmbus_ring_init(&r, mem, RING_BYTES, 100, true), -VMBUS_TOOBIG);
	assert_int_equal(vmbus_ring_init(&r, mem, RING_BYTES, 2048 - 24, true), 0);
	assert_string_equal(vmbus_ring_strerror(-VMBUS_BAD_TYPE),
			    "packet type is neither INBAND nor COMP");
}

/*
 * A reader that failed stays failed, and reads only into a buffer for
 * the largest packet; a reservation above the maximum or on a failed ring
 * is refused; a read_done without a read tells no one.
 */
/* REQ: BH-BUS-1 */
static void failed_reader_and_small_buffers(void **state)
{
	struct vmbus_desc d;
	bool sig;
	u32 len;

	(void)state;
	assert_false(vmbus_ring_read_done(&rd)); /* no batch */
	assert_int_equal(put("x", 1, &sig), 0);
	assert_int_equal(vmbus_ring_read(&rd, &d, buf, MAXP - 8, &len), -VMBUS_SMALL_BUF);
	assert_int_equal(rd.error, 0);
	assert_false(vmbus_ring_reserve(&w, MAXP + 8));
	assert_true(vmbus_ring_reserve(&w, MAXP));
	ctl()->write_index = 13;
	ctl()->read_index = 12;
	assert_int_equal(vmbus_ring_read(&rd, &d, buf, sizeof(buf), &len), -VMBUS_BAD_INDEX);
	ctl()->write_index = 0;
	assert_int_equal(vmbus_ring_read(&rd, &d, buf, sizeof(buf), &len), -VMBUS_BAD_INDEX);
	assert_false(vmbus_ring_reserve(&w, 8)); /* the read index it sees is misaligned */
	assert_false(vmbus_ring_reserve(&w, 8)); /* and stays refused */
	assert_string_equal(vmbus_ring_strerror(-77), "unknown ring status");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(control_page_layout_is_hyper_v, setup),
	    cmocka_unit_test_setup(packet_bytes_on_the_wire, setup),
	    cmocka_unit_test_setup(round_trip_and_empty, setup),
	    cmocka_unit_test_setup(signal_only_on_empty_to_non_empty, setup),
	    cmocka_unit_test_setup(wrap_around_keeps_bytes, setup),
	    cmocka_unit_test_setup(full_ring_sets_pending_and_reader_signals, setup),
	    cmocka_unit_test_setup(writer_blocked_during_batch_is_signalled, setup),
	    cmocka_unit_test_setup(oversized_packet_refused, setup),
	    cmocka_unit_test_setup(hostile_read_index_marks_writer_corrupt, setup),
	    cmocka_unit_test_setup(hostile_write_index_marks_reader_corrupt, setup),
	    cmocka_unit_test_setup(hostile_descriptors_rejected, setup),
	    cmocka_unit_test_setup(header_changed_after_read_is_not_seen, setup),
	    cmocka_unit_test_setup(snapshot_once_per_batch, setup),
	    cmocka_unit_test_setup(bad_geometry_refused, setup),
	    cmocka_unit_test_setup(failed_reader_and_small_buffers, setup),
	};

	return cmocka_run_group_tests_name("ring", tests, NULL, NULL);
}
