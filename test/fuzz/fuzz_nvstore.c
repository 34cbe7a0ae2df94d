// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the hypervisor's non-volatile store as it reads it at
 * boot (core/rollback_store.c): two copies of struct nv_copy, each the
 * anti-rollback record and the fault log, from flash that a power cut, a
 * worn block or someone with a flash programmer may have written. Decode
 * both records, then use them as the hypervisor does (look a minimum up,
 * raise one, log a fault, seal): nothing may read outside the copies (ASan)
 * or overflow (UBSan), and every string believed must end inside its field.
 * The first byte says which CRCs to make right before decoding, so that
 * the fuzzer gets past them to the checks behind.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "../../core/nv_copy.h"
#include "fuzz.h"

/* REQ: BH-FLT-7, BH-RB-4 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nv_copy *c = malloc(2 * sizeof(*c));
	struct rb_state st;
	struct fl_record fl;
	u8 fix = size ? data[0] : 0;
	size_t n;

	if (size) {
		data++;
		size--;
	}
	n = size < 2 * sizeof(*c) ? size : 2 * sizeof(*c);
	memset(c, 0xff, 2 * sizeof(*c));
	memcpy(c, data, n);
	for (int i = 0; i < 2; i++) {
		if (fix & (1 << i))
			c[i].rb.crc = rb_crc32(&c[i].rb, offsetof(struct rb_record, crc));
		if (fix & (4 << i))
			c[i].fl.crc = rb_crc32(&c[i].fl, offsetof(struct fl_record, crc));
	}
	if (rollback_decode(&st, &c[0].rb, &c[1].rb, sizeof(c[0].rb)) == RB_VALID) {
		(void)rollback_min(&st, "root");
		if (rollback_raise(&st, "hello1", 7) >= 0)
			(void)rollback_next(&st, &c[0].rb);
	}
	if (fault_log_decode(&fl, &c[0].fl, &c[1].fl, sizeof(c[0].fl)) == FL_VALID) {
		if (fl.count > FL_MAX_ENTRIES)
			abort();
		for (u32 i = 0; i < fl.count; i++)
			if (!memchr(fl.entry[i].name, 0, FL_NAME_LEN) ||
			    !memchr(fl.entry[i].cause, 0, FL_CAUSE_LEN) || !fl.entry[i].name[0])
				abort();
	}
	fault_log_add(&fl, fl.boots + 1, "crash", "data abort", 0x1000, 2, 3);
	fault_log_seal(&fl);
	free(c);
	return 0;
}
