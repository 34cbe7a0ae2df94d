// SPDX-License-Identifier: GPL-2.0
/*
 * The platform-management calls Xilinx's u-boot makes to the PMU firmware
 * (through TF-A on the real board), answered as the ZCU102's firmware
 * would: SiP fast calls 0xC2000000 | api id, arguments two per register
 * (x1 = arg1 << 32 | arg0, x2 = arg3 << 32 | arg2), answers as
 * x0 = payload1 << 32 | status, x1 = payload3 << 32 | payload2.
 * The list was measured on u-boot 2023.01 (docs/zynqmp-el3 README).
 */
#include "standin.h"

#define PM_GET_API_VERSION   1
#define PM_SET_CONFIGURATION 2
#define PM_REQUEST_NODE	     13
#define PM_RESET_ASSERT	     17
#define PM_MMIO_WRITE	     19
#define PM_MMIO_READ	     20
#define PM_GET_CHIPID	     24
#define PM_IOCTL	     34
#define PM_FEATURE_CHECK     63

#define XST_PM_SUCCESS	  0
#define XST_PM_NO_FEATURE 19
#define XST_PM_NO_ACCESS  2002

#define PM_API_VERSION 0x00010001 /* v1.1: u-boot needs at least v1.0 */
#define ZU9EG_IDCODE   0x04738093
#define PS_VERSION_V3  3

/*
 * The registers u-boot reads or read-modify-writes through the firmware,
 * none of which QEMU 7.2 models (CRL_APB, CSU, IOU_SLCR). Values are the
 * ZCU102's after the vendor boot chain: SD1 boot, external reset, clocks
 * enabled. Other addresses in those blocks take a free slot on write.
 */
static struct shadow {
	uint32_t addr, val;
} shadow[40] = {
    {0xff5e0200, 0xe},		 /* CRL BOOT_MODE_USER: SD1 level-shifted (LVL_SHFT_SD_MODE1) */
    {0xff5e0220, 0x1},		 /* CRL RESET_REASON: external */
    {0xff5e0250, 0x0},		 /* CRL BOOT_PIN_CTRL */
    {0xff5e0020, 0x00015a00},	 /* CRL IOPLL_CTRL */
    {0xff5e0030, 0x00012d00},	 /* CRL RPLL_CTRL */
    {0xff5e004c, 0x01010f00},	 /* CRL USB3_DUAL_REF_CTRL */
    {0xff5e0060, 0x01010f00},	 /* CRL USB0_BUS_REF_CTRL */
    {0xff5e0068, 0x01010c00},	 /* CRL QSPI_REF_CTRL */
    {0xff5e006c, 0x01010800},	 /* CRL SDIO0_REF_CTRL */
    {0xff5e0070, 0x01010800},	 /* CRL SDIO1_REF_CTRL */
    {0xff5e0074, 0x01010f00},	 /* CRL UART0_REF_CTRL */
    {0xff5e0078, 0x01010f00},	 /* CRL UART1_REF_CTRL */
    {0xff5e0120, 0x01010f00},	 /* CRL I2C0_REF_CTRL */
    {0xff5e0124, 0x01010f00},	 /* CRL I2C1_REF_CTRL */
    {0xffca0000, 0x0},		 /* CSU_STATUS: not authenticated, not encrypted */
    {0xffca0010, 0x0},		 /* CSU MULTI_BOOT */
    {0xffca0044, PS_VERSION_V3}, /* CSU VERSION */
    {0xff180390, 0x0},		 /* IOU_SLCR TAPDLY_BYPASS */
};

static int in_pm_blocks(uint32_t addr)
{
	uint32_t block = addr & 0xffff0000;

	return !(addr & 3) && (block == 0xff5e0000 || block == 0xffca0000 || block == 0xff180000);
}

/* The slot of addr, a new one if alloc; NULL if none. */
static struct shadow *shadow_of(uint32_t addr, int alloc)
{
	struct shadow *free = 0;

	for (unsigned int i = 0; i < sizeof(shadow) / sizeof(shadow[0]); i++) {
		if (shadow[i].addr == addr)
			return &shadow[i];
		if (!shadow[i].addr && !free)
			free = &shadow[i];
	}
	if (alloc && free)
		free->addr = addr;
	return alloc ? free : 0;
}

static uint32_t mmio_access(int write, uint32_t addr, uint32_t mask, uint32_t val, uint32_t *out)
{
	struct shadow *s;

	/* As TF-A: only the blocks the firmware lets a caller reach. */
	if (!in_pm_blocks(addr))
		return XST_PM_NO_ACCESS;
	s = shadow_of(addr, write);
	if (write) {
		if (!s)
			return XST_PM_NO_ACCESS; /* table full: say so rather than lose a write */
		s->val = (s->val & ~mask) | (val & mask);
	} else {
		*out = s ? s->val : 0; /* unknown registers read as zero, as in the model */
	}
	return XST_PM_SUCCESS;
}

static int supported(uint32_t api)
{
	switch (api) {
	case PM_GET_API_VERSION:
	case PM_SET_CONFIGURATION:
	case PM_REQUEST_NODE:
	case PM_RESET_ASSERT:
	case PM_MMIO_WRITE:
	case PM_MMIO_READ:
	case PM_GET_CHIPID:
	case PM_IOCTL:
	case PM_FEATURE_CHECK:
		return 1;
	default:
		return 0;
	}
}

void sip_handle(uint32_t fid, struct smc_frame *f)
{
	uint32_t api = fid & 0xffff;
	uint32_t arg0 = (uint32_t)f->x[1], arg1 = f->x[1] >> 32, arg2 = (uint32_t)f->x[2];
	uint32_t status = XST_PM_SUCCESS, p1 = 0, p2 = 0, p3 = 0;

	switch (api) {
	case PM_GET_API_VERSION:
		p1 = PM_API_VERSION;
		break;
	case PM_GET_CHIPID:
		p1 = ZU9EG_IDCODE;
		p2 = PS_VERSION_V3;
		break;
	case PM_MMIO_READ:
		status = mmio_access(0, arg0, 0, 0, &p1);
		break;
	case PM_MMIO_WRITE:
		status = mmio_access(1, arg0, arg1, arg2, 0);
		break;
	case PM_SET_CONFIGURATION: /* nodes, resets and ioctls: nothing to do under QEMU */
	case PM_REQUEST_NODE:
	case PM_RESET_ASSERT:
	case PM_IOCTL:
		break;
	case PM_FEATURE_CHECK:
		/* Version 1 of each: u-boot then skips the v2-only queries. */
		if (supported(arg0))
			p1 = 1;
		else
			status = XST_PM_NO_FEATURE;
		break;
	default:
		f->x[0] = (uint64_t)SMCCC_NOT_SUPPORTED;
		return;
	}
	f->x[0] = (uint64_t)p1 << 32 | status;
	f->x[1] = (uint64_t)p3 << 32 | p2;
	f->x[2] = 0;
}
