// SPDX-License-Identifier: GPL-2.0
/*
 * wdfeed: drives its partition's emulated SP805 watchdog (watchdog = <ms>
 * in the system DT) the way Linux's sp805_wdt pings it: unlock, WdogLoad
 * again, WdogIntClr, lock. Bootargs: period-ms=<n> (default 100), and
 * feeds=<n>: it feeds every period that many times (0: never), then stops
 * feeding and goes on printing "alive <k>" every period, so a test sees
 * how long it lived unfed. Its first line says what it read of the device.
 */
#include <libfdt.h>
#include "mmio.h"
#include "part.h"

#define WDOG_LOAD	0x000
#define WDOG_CONTROL	0x008
#define WDOG_INTCLR	0x00c
#define WDOG_LOCK	0xc00
#define WDOG_UNLOCK_KEY 0x1acce551U

static u64 base, period;
static u64 feeds, fed, alive;

static u32 amba_id(u64 at)
{
	u32 id = 0;

	for (u32 i = 0; i < 4; i++)
		id |= (readl(base + at + 4 * i) & 0xff) << (8 * i);
	return id;
}

static void feed(void)
{
	writel(base + WDOG_LOCK, WDOG_UNLOCK_KEY);
	writel(base + WDOG_LOAD, readl(base + WDOG_LOAD));
	writel(base + WDOG_INTCLR, 1);
	writel(base + WDOG_LOCK, 0);
}

static void on_tick(u32 intid)
{
	(void)intid;
	timer_arm(period);
	if (fed < feeds) {
		feed();
		printf("fed %llu\n", (unsigned long long)++fed);
		if (fed == feeds)
			printf("stopped feeding after %llu feeds\n", (unsigned long long)fed);
		return;
	}
	printf("alive %llu\n", (unsigned long long)++alive);
}

int main(void)
{
	int node = fdt_node_offset_by_compatible(part.fdt, -1, "arm,sp805");
	const void *reg = node >= 0 ? fdt_getprop(part.fdt, node, "reg", NULL) : NULL;
	u64 ms = 100;

	if (!reg) {
		printf("wdfeed: no arm,sp805 node in my device tree\n");
		idle();
	}
	base = part_read_cells(reg, 2);
	if (!part_arg_u64("period-ms", &ms) || !ms || ms > 60000)
		ms = 100;
	if (!part_arg_u64("feeds", &feeds))
		feeds = 0;
	period = timer_freq() * ms / 1000;
	printf("wdfeed on %s: sp805 at 0x%llx, periph id 0x%08x, cell id 0x%08x, control 0x%x, "
	       "load %u; %llu feeds every %llu ms\n",
	       part.name, (unsigned long long)base, amba_id(0xfe0), amba_id(0xff0),
	       readl(base + WDOG_CONTROL), readl(base + WDOG_LOAD), (unsigned long long)feeds,
	       (unsigned long long)ms);
	if (!feeds)
		printf("never feeding\n");
	irq_register(TIMER_IRQ, on_tick);
	irq_init();
	irq_enable(TIMER_IRQ);
	timer_arm(period);
	idle();
}
