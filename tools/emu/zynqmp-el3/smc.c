// SPDX-License-Identifier: GPL-2.0
/*
 * Boot-CPU set-up and the SMC dispatcher: SMCCC arch calls, PSCI, the
 * platform-management SiP calls; anything else answers NOT_SUPPORTED.
 */
#include "standin.h"

#define SMCCC_VERSION	    0x80000000
#define SMCCC_ARCH_FEATURES 0x80000001
#define OWNER_SIP	    2

#ifndef NEXT_ENTRY
#error "NEXT_ENTRY: the next stage's EL2 entry (Makefile: ZYNQMP_EL3_NEXT)"
#endif

/* CPU0, after its own cpu_init: once-only state; returns the EL2 entry. */
uint64_t boot_cpu_init(void)
{
	gic_dist_init();
	psci_init();
	/* The model's reset value holds CPU0 in reset although it runs: say it is out. */
	mmio_write32(CRF_RST_FPD_APU, mmio_read32(CRF_RST_FPD_APU) & ~1u);
	return NEXT_ENTRY;
}

void smc_dispatch(struct smc_frame *f)
{
	uint32_t fid = (uint32_t)f->x[0];
	unsigned int owner = (fid >> 24) & 0x3f;

	if (!(fid & 0x80000000)) {
		f->x[0] = (uint64_t)SMCCC_NOT_SUPPORTED; /* yielding calls: none here */
		return;
	}
	if (fid == SMCCC_VERSION) {
		f->x[0] = 0x10001; /* 1.1 */
		return;
	}
	if (fid == SMCCC_ARCH_FEATURES) {
		uint32_t q = (uint32_t)f->x[1];

		/* No ARCH_WORKAROUND_*: a Cortex-A53 needs none of them. */
		f->x[0] = q == SMCCC_VERSION || q == SMCCC_ARCH_FEATURES
			      ? 0
			      : (uint64_t)SMCCC_NOT_SUPPORTED;
		return;
	}
	if (psci_handle(fid, f))
		return;
	if (owner == OWNER_SIP && (fid & 0xffff0000) == 0xc2000000) {
		sip_handle(fid, f);
		return;
	}
	f->x[0] = (uint64_t)SMCCC_NOT_SUPPORTED;
}
