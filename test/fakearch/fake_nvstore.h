/* Fake arch: the hypervisor's non-volatile store (core/nvstore.h) in memory. */
#ifndef TEST_FAKEARCH_FAKE_NVSTORE_H
#define TEST_FAKEARCH_FAKE_NVSTORE_H
#include <bulkhead/types.h>

#define FAKE_NV_COPY 16384

struct fake_nv {
	u8 copy[2][FAKE_NV_COPY];	/* erased: 0xff */
	int init_rc, read_rc, write_rc; /* what the calls answer */
	u32 writes;
};

extern struct fake_nv fake_nv;

/* Both copies erased, every call succeeding. */
void fake_nv_erase(void);

#endif
