// SPDX-License-Identifier: GPL-2.0
/*
 * The ACPI power-management timer a Linux partition's FADT names: a free-
 * running 32-bit counter at 3.579545 MHz, read with IN from one port,
 * derived from the TSC. Linux measures its TSC against it; a PIT
 * calibration cannot work once every read of the PIT is an exit.
 */
#include <bulkhead/hv_config.h>
#include "arch.h"
#include "partition.h"

#define PM_TIMER_HZ 3579545ULL

int vpm_timer_io(struct partition *p, u16 port, bool in, u32 size, u32 *val)
{
	u64 hz = arch_counter_freq(), now = arch_counter();

	if (port != BH_X86_PM_TIMER_PORT || p->cfg->boot != BH_BOOT_LINUX_X86)
		return -1;
	if (in)
		*val = hz ? (u32)((unsigned __int128)now * PM_TIMER_HZ / hz) : 0;
	(void)size; /* any width reads the low bytes of the count; writes are ignored */
	return 0;
}
