// SPDX-License-Identifier: GPL-2.0
/*
 * A partition's watchdog (docs/system-dt.md): watchdog = <timeout in ms>.
 * arm64 partitions get an emulated SP805 (arch/arm64/vsp805.c) on the page
 * after the console UART's, which the hypervisor also emulates there;
 * isolation.c checks that page against the rest of the partition's
 * address space. x86 partitions get an emulated IB700 (arch/x86/vib700.c)
 * at its fixed I/O ports, which isolation.c keeps from their devices.
 */
#include <libfdt.h>
#include "model.h"

void gen_parse_watchdog(struct g_sys *s, int node, const char *path, struct g_part *p)
{
	int len;
	const fdt32_t *c = fdt_getprop(s->fdt, node, "watchdog", &len);
	u32 ms;

	p->watchdog_ms = 0;
	p->watchdog_ipa = 0;
	if (!c)
		return;
	if (len != 4) {
		gen_error(s, path, "watchdog must be one 32-bit cell (the timeout in ms)");
		return;
	}
	ms = fdt32_to_cpu(*c);
	if (ms < BH_WATCHDOG_MS_MIN || ms > BH_WATCHDOG_MS_MAX) {
		gen_error(s, path, "watchdog %u ms is outside %u to %u (one hour)", ms,
			  BH_WATCHDOG_MS_MIN, BH_WATCHDOG_MS_MAX);
		return;
	}
	if (gen_x86(s)) {
		p->watchdog_ms = ms; /* BH_X86_WDOG_*_PORT: nothing to place */
		return;
	}
	if (s->console_dev < 0 || !s->dev[s->console_dev].nreg) {
		gen_error(s, path,
			  "watchdog: the emulated watchdog goes on the page after the "
			  "console UART's, and the hypervisor has no console UART in MMIO");
		return;
	}
	p->watchdog_ms = ms;
	p->watchdog_ipa = (gen_dev_base(&s->dev[s->console_dev]) & ~(G_PAGE - 1)) + G_PAGE;
}
