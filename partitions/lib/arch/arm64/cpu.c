// SPDX-License-Identifier: GPL-2.0
/* arm64 side of the partition runtime: MMU, vectors, timer waits, the PL011. */
#include <asm/sysreg.h>
#include "bus.h"
#include "entry.h"
#include "part.h"

/* Identity map: 1 GiB blocks (device), 2 MiB blocks inside RAM's gigabytes (normal). */
static u64 l1[512] __attribute__((aligned(4096)));
static u64 l2[4][512] __attribute__((aligned(4096)));

#define BLK_NORMAL ((1ULL << 2) | (3ULL << 8) | (1ULL << 10) | 1)  /* attr1 WB, ISH, AF */
#define BLK_DEVICE ((0ULL << 2) | (1ULL << 10) | (1ULL << 54) | 1) /* attr0 nGnRE, AF, XN */

/* Normal memory, 2 MiB granular: RAM and the VMBus regions (rings need WB, as the peer maps them).
 */
static u64 nbase[PART_MAX_CHANS + 2], nsize[PART_MAX_CHANS + 2];
static u32 nr_normal;

static bool normal_2m(u64 a, u64 len)
{
	for (u32 i = 0; i < nr_normal; i++)
		if (a < nbase[i] + nsize[i] && nbase[i] < a + len)
			return true;
	return false;
}

static void mmu_build(void)
{
	u32 used = 0;

	nbase[0] = part.mem_base;
	nsize[0] = part.mem_size;
	nr_normal = 1 + bus_shared_ranges(nbase + 1, nsize + 1, PART_MAX_CHANS + 1);
	for (u64 g = 0; g < 512; g++) {
		u64 gb = g << 30;

		if (!normal_2m(gb, 1ULL << 30) || used == 4) {
			l1[g] = gb | BLK_DEVICE;
			continue;
		}
		for (u64 m = 0; m < 512; m++) {
			u64 a = gb + (m << 21);

			l2[used][m] = a | (normal_2m(a, 1ULL << 21) ? BLK_NORMAL : BLK_DEVICE);
		}
		l1[g] = (u64)(uintptr_t)l2[used++] | 3;
	}
}

static void mmu_on(void)
{
	write_sysreg(mair_el1, 0xff04UL); /* attr0 Device-nGnRE, attr1 Normal WB */
	write_sysreg(tcr_el1, 25UL | (1UL << 8) | (1UL << 10) | (3UL << 12) | (1UL << 23) |
				  (2UL << 32)); /* T0SZ 39 bits, no TTBR1 walks, 40-bit PA */
	write_sysreg(ttbr0_el1, (u64)(uintptr_t)l1);
	dsb_sy();
	__asm__ volatile("tlbi vmalle1\n dsb nsh\n isb" ::: "memory");
	write_sysreg(sctlr_el1, read_sysreg(sctlr_el1) | BIT(0) | BIT(2) | BIT(12));
	isb();
}

void part_cpu_setup(bool primary)
{
	write_sysreg(vbar_el1, (u64)(uintptr_t)part_vectors);
	write_sysreg(cpacr_el1, 3UL << 20);
	/* Counter event stream (EVNTEN, bit 14: every 2^15 ticks): bounds every WFE wait. */
	write_sysreg(cntkctl_el1, read_sysreg(cntkctl_el1) | BIT(2) | (14UL << 4));
	isb();
	if (primary) /* MMU off until here: the DTB reads stay aligned (-mstrict-align) */
		mmu_build();
	mmu_on();
}

u32 this_cpu(void)
{
	return (u32)(read_sysreg(mpidr_el1) & 0xff);
}

void idle(void)
{
	for (;;)
		wfi();
}

void fatal_exception(u64 esr, u64 elr, u64 far)
{
	printf("fatal exception: ESR 0x%llx at 0x%llx (FAR 0x%llx)\n", (unsigned long long)esr,
	       (unsigned long long)elr, (unsigned long long)far);
	idle();
}

int part_uart_getc_at(u64 base)
{
	if (!base || (mmio_read32(base + 0x18) & BIT(4))) /* RXFE */
		return -1;
	return (int)(mmio_read32(base) & 0xff);
}

int part_uart_getc(void)
{
	return part_uart_getc_at(part.uart_base);
}

void part_uart_rx_irq_at(u64 base, bool on)
{
	if (base) /* IMSC: receive and receive-timeout interrupts */
		mmio_write32(base + 0x38, on ? (u32)(BIT(4) | BIT(6)) : 0);
}

void part_uart_rx_irq(bool on)
{
	part_uart_rx_irq_at(part.uart_base, on);
}

static void pl011_putc(u64 base, char c)
{
	while (mmio_read32(base + 0x18) & BIT(5)) /* TXFF */
		;
	mmio_write32(base, (u8)c);
}

/*
 * A Cadence UART: only a board's own DTB names one (the bench program on
 * bare QEMU's ZCU102, no firmware before it), so its transmitter is
 * enabled here; partitions under Bulkhead see the emulated PL011.
 */
static void cdns_putc(u64 base, char c)
{
	static bool enabled;

	if (!enabled) {
		mmio_write32(base, BIT(2) | BIT(4)); /* CR: RXEN, TXEN */
		enabled = true;
	}
	while (mmio_read32(base + 0x2c) & BIT(4)) /* SR: TXFULL */
		;
	mmio_write32(base + 0x30, (u8)c); /* FIFO */
}

void part_uart_putc(char c)
{
	if (part.uart_base && part.uart_cdns)
		cdns_putc(part.uart_base, c);
	else if (part.uart_base)
		pl011_putc(part.uart_base, c);
}

void part_uart_puts_at(u64 base, const char *s)
{
	while (base && *s)
		pl011_putc(base, *s++);
}
