// SPDX-License-Identifier: GPL-2.0
/*
 * wdfeed: drives its partition's emulated watchdog (watchdog = <ms> in the
 * system DT; arm64 an SP805, x86 an IB700: arch/<arch>/wdog.c) the way
 * Linux's driver pings it. Bootargs: period-ms=<n> (default 100), and
 * feeds=<n>: it feeds every period that many times (0: never), then stops
 * feeding and goes on printing "alive <k>" every period, so a test sees
 * how long it lived unfed. Its first line says what it read of the device.
 */
#include "part.h"
#include "wdfeed.h"

static u64 period;
static u64 feeds, fed, alive;

static void on_tick(u32 intid)
{
	(void)intid;
	timer_arm(period);
	if (fed < feeds) {
		wdog_feed();
		printf("fed %llu\n", (unsigned long long)++fed);
		if (fed == feeds)
			printf("stopped feeding after %llu feeds\n", (unsigned long long)fed);
		return;
	}
	printf("alive %llu\n", (unsigned long long)++alive);
}

int main(void)
{
	char desc[160];
	u64 ms = 100;

	if (!wdog_probe(desc, sizeof(desc))) {
		printf("wdfeed: %s\n", desc);
		idle();
	}
	if (!part_arg_u64("period-ms", &ms) || !ms || ms > 60000)
		ms = 100;
	if (!part_arg_u64("feeds", &feeds))
		feeds = 0;
	period = timer_freq() * ms / 1000;
	printf("wdfeed on %s: %s; %llu feeds every %llu ms\n", part.name, desc,
	       (unsigned long long)feeds, (unsigned long long)ms);
	if (!feeds)
		printf("never feeding\n");
	irq_register(TIMER_IRQ, on_tick);
	irq_init();
	irq_enable(TIMER_IRQ);
	timer_arm(period);
	idle();
}
