// SPDX-License-Identifier: GPL-2.0
/*
 * ticker: "tick <n>" from the virtual timer interrupt, every period-ms=<n>
 * of its bootargs (default 100 ms; the shipped systems say 1000, calm
 * enough to type at a console beside it).
 */
#include "part.h"

static u64 period;
static u32 ticks;

static void on_tick(u32 intid)
{
	(void)intid;
	timer_arm(period);
	printf("tick %u\n", ++ticks);
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
	printf("ticker on %s: %llu Hz counter, a tick every %llu counts\n", part.name,
	       (unsigned long long)timer_freq(), (unsigned long long)period);
	irq_register(TIMER_IRQ, on_tick);
	irq_init();
	irq_enable(TIMER_IRQ);
	timer_arm(period);
	idle();
}
