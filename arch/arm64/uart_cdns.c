// SPDX-License-Identifier: GPL-2.0
/*
 * The board's Cadence UART (Zynq, Zynq UltraScale+: "cdns,uart-r1p12"),
 * owned by the hypervisor; u-boot already set its baud rate and enabled
 * it. Its interrupt status bits latch, so a drained receive FIFO clears
 * them, or the interrupt would stay asserted.
 */
#include <bulkhead/hv_config.h>
#include <asm/sysreg.h>
#include "uart.h"

#define CDNS_CR	   0x00
#define CDNS_IER   0x08
#define CDNS_ISR   0x14 /* write 1 to clear */
#define CDNS_RXWM  0x20 /* receive trigger level */
#define CDNS_SR	   0x2c
#define CDNS_FIFO  0x30
#define CR_RXEN	   BIT(2)
#define CR_TXEN	   BIT(4)
#define CR_EN_MASK 0x3c /* RXEN, RXDIS, TXEN, TXDIS */
#define SR_RXEMPTY BIT(1)
#define SR_TXFULL  BIT(4)
#define IXR_RXTRIG BIT(0)
#define IXR_TOUT   BIT(8)

void cdns_init(u64 base)
{
	u32 cr = mmio_read32(base + CDNS_CR);

	/* Enabled as a loader leaves it; from reset (a loader that never used it) both are off. */
	mmio_write32(base + CDNS_CR, (cr & ~CR_EN_MASK) | CR_RXEN | CR_TXEN);
	mmio_write32(base + CDNS_RXWM, 1); /* an interrupt for every byte: it is a console */
	mmio_write32(base + CDNS_ISR, ~0U);
	mmio_write32(base + CDNS_IER, IXR_RXTRIG | IXR_TOUT);
}

void cdns_putc(u64 base, char c)
{
	while (mmio_read32(base + CDNS_SR) & SR_TXFULL)
		cpu_relax();
	mmio_write32(base + CDNS_FIFO, (u8)c);
}

int cdns_getc(u64 base)
{
	if (mmio_read32(base + CDNS_SR) & SR_RXEMPTY) {
		mmio_write32(base + CDNS_ISR, IXR_RXTRIG | IXR_TOUT);
		return -1;
	}
	return (int)(mmio_read32(base + CDNS_FIFO) & 0xff);
}
