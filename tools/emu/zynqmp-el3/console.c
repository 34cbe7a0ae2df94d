// SPDX-License-Identifier: GPL-2.0
/*
 * The stand-in's console: polled writes to Cadence UART0, used only for
 * its own errors, since the UART belongs to u-boot and then Bulkhead.
 */
#include "standin.h"

static void con_putc(char c)
{
	uint32_t cr = mmio_read32(UART0_BASE + UART_CR);

	/* Out of reset the transmitter is off; u-boot turns it on later. */
	if ((cr & UART_CR_TXDIS) || !(cr & UART_CR_TXEN))
		mmio_write32(UART0_BASE + UART_CR, (cr & ~UART_CR_TXDIS) | UART_CR_TXEN);
	while (mmio_read32(UART0_BASE + UART_SR) & UART_SR_TXFULL)
		;
	mmio_write32(UART0_BASE + UART_FIFO, (uint8_t)c);
}

void con_puts(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			con_putc('\r');
		con_putc(*s);
	}
}

void con_hex(uint64_t v)
{
	con_puts("0x");
	for (int shift = 60; shift >= 0; shift -= 4)
		con_putc("0123456789abcdef"[(v >> shift) & 0xf]);
}

/* A CPU index: one digit on this model. */
void con_cpu(unsigned int cpu)
{
	con_putc('0' + cpu % 10);
}

void report_bad_exception(uint64_t esr, uint64_t elr)
{
	con_puts("zynqmp-el3: unexpected exception on cpu");
	con_cpu(this_cpu());
	con_puts(", ESR_EL3 ");
	con_hex(esr);
	con_puts(", ELR_EL3 ");
	con_hex(elr);
	con_puts("; cpu parked\n");
	cpu_park();
}
