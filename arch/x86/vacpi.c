// SPDX-License-Identifier: GPL-2.0
/*
 * The ACPI fixed hardware a Linux partition's FADT names (x86_acpi.c), at
 * ICH9's ports: the PM timer, a free-running 32-bit count at 3.579545 MHz
 * derived from the TSC (Linux measures its TSC against it; a PIT
 * calibration cannot work once every read of the PIT is an exit); the
 * sleep control and status registers, where S5 ("power off") stops the
 * partition; the reset register at 0xcf9. Power-off and reset apply the
 * partition's restart policy, as PSCI SYSTEM_OFF and SYSTEM_RESET do on
 * arm64. Partitions booted with a DTB have none of it.
 */
#include <bulkhead/hv_config.h>
#include "arch.h"
#include "partition.h"
#include "x86.h"

#define PM_TIMER_HZ 3579545ULL
#define SLP_TYP(v)  (((v) >> 2) & 7)
#define SLP_EN	    BIT(5)
#define RST_CPU	    BIT(2)

int vacpi_io(struct vcpu *v, u16 port, bool in, u32 size, u32 *val)
{
	u64 hz = arch_counter_freq();

	if (v->part->cfg->boot != BH_BOOT_LINUX_X86)
		return -1;
	switch (port) {
	case BH_X86_PM_TIMER_PORT: /* any width reads the count's low bytes; writes dropped */
		if (in)
			*val = hz ? (u32)((unsigned __int128)arch_counter() * PM_TIMER_HZ / hz) : 0;
		return 0;
	case BH_X86_SLEEP_CTL_PORT:
		if (!in && size == 1 && (*val & SLP_EN) && SLP_TYP(*val) == BH_X86_SLP_TYP_S5)
			partition_stop(v, (enum bh_restart)v->part->cfg->restart,
				       "powered off (ACPI S5)");
		if (in)
			*val = 0; /* other sleep states do nothing */
		return 0;
	case BH_X86_SLEEP_STS_PORT:
		if (in)
			*val = 0;
		return 0;
	case BH_X86_RESET_PORT:
		if (size != 1)
			return -1; /* 0xcf8 as a dword is PCI configuration, not this */
		if (!in && (*val & RST_CPU))
			partition_stop(v, (enum bh_restart)v->part->cfg->restart,
				       "reset (ACPI reset register)");
		if (in)
			*val = 0;
		return 0;
	default:
		break;
	}
	return -1;
}
