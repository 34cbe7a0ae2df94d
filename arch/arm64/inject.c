// SPDX-License-Identifier: GPL-2.0
/*
 * A synchronous external abort injected into a partition (its
 * on-bad-access = "abort"): what a CPU takes when its access finds nothing
 * at the address, and what KVM injects. Taken to EL1 as the architecture
 * takes it: ESR_EL1 (the abort's class for the EL it came from, FSC 0x10),
 * FAR_EL1, ELR_EL1 and SPSR_EL1 written, PSTATE to EL1h with DAIF masked,
 * the PC to the guest's vector for its EL and stack pointer.
 */
#include <asm/regs.h>
#include <asm/sysreg.h>
#include "arm64.h"
#include "partition.h"

#define FSC_SEA	    0x10 /* synchronous external abort, not on a table walk */
#define ESR_IL	    BIT(25)
#define ESR_WNR	    BIT(6)
#define PSR_AARCH32 BIT(4)
#define PSR_SSBS    BIT(12)
#define PSR_PAN	    BIT(22)
#define SCTLR_SPAN  BIT(23)
#define SCTLR_DSSBS BIT(44)

void arch_inject_external_abort(struct guest_regs *r, u64 esr, u64 far)
{
	bool iabt = ESR_EC(esr) == EC_IABT_LOW;
	u64 m = r->spsr & 0xf, sctlr = read_sysreg(sctlr_el1), off, spsr;

	if (r->spsr & PSR_AARCH32)
		off = 0x600; /* lower EL, AArch32 */
	else if (!(m & 0xc))
		off = 0x400; /* lower EL (EL0), AArch64 */
	else
		off = (m & 1) ? 0x200 : 0; /* current EL with SP_EL1, with SP_EL0 */
	/* From EL1 the "same EL" classes (0x21, 0x25), from EL0 the lower-EL ones. */
	write_sysreg(esr_el1, ((iabt ? EC_IABT_LOW : EC_DABT_LOW) + (off < 0x400 ? 1UL : 0)) << 26 |
				  (esr & ESR_IL) | (iabt ? 0 : esr & ESR_WNR) | FSC_SEA);
	write_sysreg(far_el1, far);
	write_sysreg(elr_el1, r->elr);
	write_sysreg(spsr_el1, r->spsr);
	spsr = SPSR_EL1H | SPSR_DAIF;
	/* Where they exist: PAN set unless SCTLR_EL1.SPAN, SSBS from SCTLR_EL1.DSSBS. */
	if ((read_sysreg(id_aa64mmfr1_el1) >> 20) & 0xf)
		spsr |= (!(sctlr & SCTLR_SPAN) || (r->spsr & PSR_PAN)) ? PSR_PAN : 0;
	if ((read_sysreg(id_aa64pfr1_el1) >> 4) & 0xf)
		spsr |= (sctlr & SCTLR_DSSBS) ? PSR_SSBS : 0;
	r->spsr = spsr;
	r->elr = read_sysreg(vbar_el1) + off;
}
