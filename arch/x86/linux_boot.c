// SPDX-License-Identifier: GPL-2.0
/*
 * What a Linux partition's boot parameters leave to boot time: the TSC rate
 * and the reset vector's stub.
 *
 * The generator ends the command line with BH_X86_TSC_KHZ_SLOT unless the
 * bootargs give the rate; each boot writes the rate this hypervisor measured
 * (tsc.c) over its number. The verified, measured image holds the slot.
 */
#include <string.h>
#include <bulkhead/fmt.h>
#include <bulkhead/hv_config.h>
#include "arch.h"
#include "partition.h"
#include "x86.h"

#define CMDLINE_MAX  0x1000  /* up to the ACPI tables the generator puts after it */
#define RESET_VECTOR 0xffff0 /* F000:FFF0, in the legacy hole the E820 map reserves */
/* mov dx, 0xcf9; mov al, 6; out dx, al; hlt; jmp to the hlt */
#define RESET_STUB "\xba\xf9\x0c\xb0\x06\xee\xf4\xeb\xfd"
_Static_assert((BH_X86_RESET_PORT == 0xcf9) && (BH_X86_RESET_VALUE == 0x06),
	       "RESET_STUB's operands");

/*
 * A PC restarts at the reset vector, in its firmware; a partition has none
 * there. Linux jumps there (in real mode) when its other ways to reboot did
 * nothing: on a hardware-reduced ACPI platform it tries EFI first, finds
 * none, and goes there. So a stub writes the reset register (vacpi.c: the
 * partition stops, its restart policy applies); without it the vCPU would
 * run the hole's zeros forever.
 */
static void reset_vector_fill(struct partition *p)
{
	const struct bh_partition *c = p->cfg;
	u64 len = sizeof(RESET_STUB) - 1;

	/* Only into the partition's own RAM (a Linux partition's starts at 0). */
	if (RESET_VECTOR < c->ram_ipa || RESET_VECTOR + len > c->ram_ipa + c->ram_size)
		return;
	memcpy(phys_to_virt(c->ram_pa + RESET_VECTOR - c->ram_ipa), RESET_STUB, len);
}

void linux_boot_fill(struct partition *p)
{
	const struct bh_partition *c = p->cfg;
	char *cmd = phys_to_virt(c->dtb_ipa + BH_X86_CMDLINE_OFFSET - c->ram_ipa + c->ram_pa);
	size_t len = strnlen(cmd, CMDLINE_MAX), slot = sizeof(BH_X86_TSC_KHZ_SLOT) - 1;
	size_t opt = sizeof(BH_X86_TSC_KHZ_OPTION) - 1;

	reset_vector_fill(p);
	if (len == CMDLINE_MAX || len < slot || memcmp(cmd + len - slot, BH_X86_TSC_KHZ_SLOT, slot))
		return; /* the bootargs gave the rate themselves */
	bh_snprintf(cmd + len - slot + opt, slot - opt + 1, "%u",
		    (unsigned)(arch_counter_freq() / 1000));
}
