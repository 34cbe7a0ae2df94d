// SPDX-License-Identifier: GPL-2.0
/*
 * What a Linux partition's boot parameters leave to boot time: the TSC rate.
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

#define CMDLINE_MAX 0x1000 /* up to the ACPI tables the generator puts after it */

void linux_boot_fill(struct partition *p)
{
	const struct bh_partition *c = p->cfg;
	char *cmd = phys_to_virt(c->dtb_ipa + BH_X86_CMDLINE_OFFSET - c->ram_ipa + c->ram_pa);
	size_t len = strnlen(cmd, CMDLINE_MAX), slot = sizeof(BH_X86_TSC_KHZ_SLOT) - 1;
	size_t opt = sizeof(BH_X86_TSC_KHZ_OPTION) - 1;

	if (len == CMDLINE_MAX || len < slot || memcmp(cmd + len - slot, BH_X86_TSC_KHZ_SLOT, slot))
		return; /* the bootargs gave the rate themselves */
	bh_snprintf(cmd + len - slot + opt, slot - opt + 1, "%u",
		    (unsigned)(arch_counter_freq() / 1000));
}
