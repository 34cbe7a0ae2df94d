// SPDX-License-Identifier: GPL-2.0
/*
 * ticker: "tick <n>" from the virtual timer interrupt, every period-ms=<n>
 * of its bootargs (default 100 ms; the shipped systems say 1000, calm
 * enough to type at a console beside it). With the word show-gap, each
 * line also says the time since the tick before ("tick <n> gap <us> us"):
 * tests read from it that nothing beside the ticker delayed it.
 */
#include "part.h"

static u64 period, last;
static u32 ticks;
static bool show_gap;

static void on_tick(u32 intid)
{
	u64 now = timer_now();

	(void)intid;
	timer_arm(period);
	if (show_gap)
		printf("tick %u gap %llu us\n", ++ticks,
		       (unsigned long long)((now - last) * 1000000 / timer_freq()));
	else
		printf("tick %u\n", ++ticks);
	last = now;
}

int main(void)
{
	u64 ms = ~0ULL; /* left alone: no period-ms at all */

	if (!part_arg_u64("period-ms", &ms) || !ms || ms > 60000) {
		if (ms != ~0ULL)
			printf("ticker: period-ms takes 1 to 60000 (ms); ticking every 100 ms\n");
		ms = 100;
	}
	period = timer_freq() * ms / 1000;
	show_gap = part_has_arg("show-gap");
	printf("ticker on %s: %llu Hz counter, a tick every %llu counts\n", part.name,
	       (unsigned long long)timer_freq(), (unsigned long long)period);
	irq_register(TIMER_IRQ, on_tick);
	irq_init();
	irq_enable(TIMER_IRQ);
	last = timer_now();
	timer_arm(period);
	idle();
}
