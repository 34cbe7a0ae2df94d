// SPDX-License-Identifier: GPL-2.0
/*
 * SHA-256 with the Armv8 SHA-2 instructions when this CPU has them, read
 * from ID_AA64ISAR0_EL1 at run time (never getauxval: there is no OS here).
 *
 * Why vector registers at EL2 are safe here: the hypervisor keeps no FP/SIMD
 * state (-mgeneral-regs-only, CPTR_EL2.TFP clear so EL2 may use them) and
 * switches none, as one CPU runs only its own partition's vCPU. SHA-256
 * runs only in image loading (core/image.c, core/image_hash.c), on the
 * partition's own CPUs: at boot before the partition ever ran, or on a
 * restart once all its vCPUs parked, when their FP/SIMD state is discarded
 * (the partition starts again from reset). No other partition's registers
 * live on those CPUs, and no exception handler at EL2 touches vector
 * registers. A restart may find a CPU in SME streaming mode (the guest's
 * PSTATE.SM stays as it left it), where SHA256H is illegal: streaming mode
 * is left first, which only clears state the restart throws away.
 */
#include <asm/sha256_armv8.h>
#include <asm/sysreg.h>
#include "arch.h"

static bool sme;

static void blocks_el2(u32 state[8], const u8 *data, size_t n)
{
	if (sme)
		sme_stop_streaming();
	sha256_armv8_blocks(state, data, n);
}

sha256_blocks_fn *arch_sha256_blocks(const char **name)
{
	if (!sha256_armv8_present(read_sysreg(id_aa64isar0_el1)))
		return NULL;
	sme = (read_sysreg(id_aa64pfr1_el1) >> 24) & 0xf;
	*name = "armv8 instructions";
	return blocks_el2;
}
