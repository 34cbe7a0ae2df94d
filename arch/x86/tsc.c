// SPDX-License-Identifier: GPL-2.0
/*
 * The system counter is the TSC (invariant on the CPUs we support, shared
 * by all CPUs and read by partitions without an exit). Its frequency is
 * measured once against the 8254 PIT's channel 2, which every PC has.
 */
#include <asm/io.h>
#include "arch.h"
#include "x86.h"

#define PIT_HZ 1193182ULL
/* 2 ms: 2386 PIT ticks, a 0.04 % rate error at most; boot spends no more on it. */
#define CAL_MS 2

static u64 tsc_hz;

void tsc_calibrate(void)
{
	u16 count = (u16)(PIT_HZ * CAL_MS / 1000);
	u64 t0, t1;

	outb(0x61, (inb(0x61) & ~0x02) | 0x01); /* gate channel 2 on, speaker off */
	outb(0x43, 0xb0);			/* channel 2, lobyte/hibyte, mode 0 */
	outb(0x42, count & 0xff);
	outb(0x42, count >> 8);
	t0 = rdtsc();
	while (!(inb(0x61) & 0x20)) /* OUT2 goes high when the count reaches 0 */
		;
	t1 = rdtsc();
	tsc_hz = (t1 - t0) * 1000 / CAL_MS;
	if (!tsc_hz)
		tsc_hz = 1000000000ULL; /* a frozen TSC: keep the arithmetic defined */
}

u64 arch_counter(void)
{
	return rdtsc();
}

u64 arch_counter_freq(void)
{
	return tsc_hz;
}
