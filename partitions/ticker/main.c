// SPDX-License-Identifier: GPL-2.0
/* ticker: "tick <n>" ten times a second from the virtual timer interrupt. */
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
	period = timer_freq() / 10;
	printf("ticker on %s: %u Hz counter, a tick every %llu counts\n", part.name,
	       (unsigned)timer_freq(), (unsigned long long)period);
	irq_register(TIMER_IRQ, on_tick);
	irq_init();
	irq_enable(TIMER_IRQ);
	timer_arm(period);
	idle();
}
