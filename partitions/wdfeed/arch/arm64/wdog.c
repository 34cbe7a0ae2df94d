// SPDX-License-Identifier: GPL-2.0
/*
 * arm64: the partition's emulated SP805 (arch/arm64/vsp805.c), fed the way
 * Linux's sp805_wdt pings it: unlock, WdogLoad again, WdogIntClr, lock.
 * Its description: where it is, the AMBA IDs Linux's amba bus matches,
 * and the control and load it runs with from the start.
 */
#include <libfdt.h>
#include <bulkhead/fmt.h>
#include "mmio.h"
#include "part.h"
#include "../../wdfeed.h"

#define WDOG_LOAD	0x000
#define WDOG_CONTROL	0x008
#define WDOG_INTCLR	0x00c
#define WDOG_LOCK	0xc00
#define WDOG_UNLOCK_KEY 0x1acce551U

static u64 base;

static u32 amba_id(u64 at)
{
	u32 id = 0;

	for (u32 i = 0; i < 4; i++)
		id |= (readl(base + at + 4 * i) & 0xff) << (8 * i);
	return id;
}

bool wdog_probe(char *desc, u32 size)
{
	int node = fdt_node_offset_by_compatible(part.fdt, -1, "arm,sp805");
	const void *reg = node >= 0 ? fdt_getprop(part.fdt, node, "reg", NULL) : NULL;

	if (!reg) {
		bh_snprintf(desc, size, "no arm,sp805 node in my device tree");
		return false;
	}
	base = part_read_cells(reg, 2);
	bh_snprintf(desc, size,
		    "sp805 at 0x%llx, periph id 0x%08x, cell id 0x%08x, control 0x%x, load %u",
		    (unsigned long long)base, amba_id(0xfe0), amba_id(0xff0),
		    readl(base + WDOG_CONTROL), readl(base + WDOG_LOAD));
	return true;
}

void wdog_feed(void)
{
	writel(base + WDOG_LOCK, WDOG_UNLOCK_KEY);
	writel(base + WDOG_LOAD, readl(base + WDOG_LOAD));
	writel(base + WDOG_INTCLR, 1);
	writel(base + WDOG_LOCK, 0);
}
