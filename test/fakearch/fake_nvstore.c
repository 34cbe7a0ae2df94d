// SPDX-License-Identifier: GPL-2.0
/* The fake arch's store (fake_nvstore.h): flash that survives a "board reset". */
#include <string.h>
#include "fake_nvstore.h"
#include "nvstore.h"

struct fake_nv fake_nv;

void fake_nv_erase(void)
{
	memset(&fake_nv, 0, sizeof(fake_nv));
	memset(fake_nv.copy, 0xff, sizeof(fake_nv.copy));
}

int nvstore_init(u64 bank_pa, u64 pa, u64 size, u32 bank_width)
{
	(void)bank_pa;
	(void)pa;
	(void)size;
	(void)bank_width;
	return fake_nv.init_rc;
}

int nvstore_read(int copy, void *buf, u32 len)
{
	if (fake_nv.read_rc || len > FAKE_NV_COPY)
		return -1;
	memcpy(buf, fake_nv.copy[copy], len);
	return 0;
}

u32 nvstore_copy_size(void)
{
	return FAKE_NV_COPY;
}

int nvstore_write(int copy, const void *buf, u32 len)
{
	if (fake_nv.write_rc || len > FAKE_NV_COPY)
		return -1;
	memset(fake_nv.copy[copy], 0xff, FAKE_NV_COPY);
	memcpy(fake_nv.copy[copy], buf, len);
	fake_nv.writes++;
	return 0;
}
