// SPDX-License-Identifier: GPL-2.0
/*
 * The PL011 each partition sees as its console: the registers Linux's
 * amba-pl011 driver and earlycon touch. Transmit is immediate (into the
 * console mux), receive comes from the board console when the partition has
 * input focus. The interrupt is level-triggered: raised while
 * (RIS & IMSC) != 0.
 */
#include <asm/gic.h>
#include "console.h"
#include "arm64.h"
#include "partition.h"

#define DR    0x000
#define RSR   0x004
#define FR    0x018
#define ILPR  0x020
#define IBRD  0x024
#define FBRD  0x028
#define LCR_H 0x02c
#define CR    0x030
#define IFLS  0x034
#define IMSC  0x038
#define RIS   0x03c
#define MIS   0x040
#define ICR   0x044
#define DMACR 0x048

#define INT_RX BIT(4)
#define INT_TX BIT(5)
#define INT_RT BIT(6)

static const u8 id_regs[8] = {0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

static u32 ris(struct vpl011 *u)
{
	u32 r = INT_TX; /* the transmit FIFO is always empty */

	if (!uart_rx_empty(&u->rx))
		r |= INT_RX | INT_RT;
	return r & ~u->ris_extra;
}

void vpl011_recheck(struct partition *p)
{
	struct vpl011 *u = &p->arch.uart;

	if (p->cfg->vuart_intid && (ris(u) & u->imsc) && p->state == PART_RUNNING)
		vgic_raise(vgic_spi_target(p, p->cfg->vuart_intid), p->cfg->vuart_intid);
}

/* Board console input for partition part (any CPU). */
void vuart_input(int part, char c)
{
	struct partition *p;
	struct vpl011 *u;
	bool report;

	if (part < 0 || (u32)part >= bh_system.nr_partitions)
		return;
	p = &partitions[part];
	u = &p->arch.uart;
	console_part_flush(part);
	spin_lock(&u->lock);
	report = uart_rx_push(&u->rx, (u8)c);
	u->ris_extra &= ~(INT_RX | INT_RT);
	spin_unlock(&u->lock);
	if (report)
		log_printf("%s: console input dropped: the partition does not read its UART",
			   p->cfg->name);
	vpl011_recheck(p);
}

int vpl011_access(struct vcpu *v, u64 off, bool write, u32 size, u64 *val)
{
	struct partition *p = v->part;
	struct vpl011 *u = &p->arch.uart;
	u64 r = 0;

	(void)size;
	/* Reading received data or re-arming interrupts: it waits for input. */
	if ((off == DR && !write) || (off == IMSC && write))
		console_part_flush((int)p->cfg->id);
	if ((off == DR && !write) || (off == IMSC && write && (*val & (INT_RX | INT_RT))))
		console_part_reads((int)p->cfg->id);
	spin_lock(&u->lock);
	switch (off) {
	case DR:
		if (write) {
			u->ris_extra &= ~INT_TX;
			spin_unlock(&u->lock);
			console_part_putc((int)p->cfg->id, (char)*val);
			vpl011_recheck(p);
			return 0;
		}
		r = uart_rx_pop(&u->rx);
		break;
	case RSR:
		break;
	case FR:
		r = BIT(7) | (uart_rx_empty(&u->rx) ? BIT(4) : 0); /* TXFE, RXFE */
		break;
	case ILPR:
		break;
	case IBRD:
		if (write)
			u->ibrd = (u32)*val & 0xffff;
		r = u->ibrd;
		break;
	case FBRD:
		if (write)
			u->fbrd = (u32)*val & 0x3f;
		r = u->fbrd;
		break;
	case LCR_H:
		if (write)
			u->lcr_h = (u32)*val & 0xff;
		r = u->lcr_h;
		break;
	case CR:
		if (write)
			u->cr = (u32)*val & 0xffff;
		r = u->cr;
		break;
	case IFLS:
		if (write)
			u->ifls = (u32)*val & 0x3f;
		r = u->ifls;
		break;
	case IMSC:
		if (write)
			u->imsc = (u32)*val & 0x7ff;
		r = u->imsc;
		break;
	case RIS:
		r = ris(u);
		break;
	case MIS:
		r = ris(u) & u->imsc;
		break;
	case ICR:
		/* Clearing TX acknowledges it until the next write; RX stays while data waits. */
		if (write)
			u->ris_extra |= (u32)*val & INT_TX;
		break;
	case DMACR:
		if (write)
			u->dmacr = (u32)*val & 7;
		r = u->dmacr;
		break;
	default:
		if (off >= 0xfe0 && off < 0x1000)
			r = id_regs[(off - 0xfe0) / 4];
		break;
	}
	spin_unlock(&u->lock);
	if (!write)
		*val = r;
	vpl011_recheck(p);
	return 0;
}

void vpl011_reset(struct partition *p)
{
	struct vpl011 *u = &p->arch.uart;

	spin_lock(&u->lock);
	uart_rx_reset(&u->rx);
	u->cr = 0x300;
	u->lcr_h = u->ibrd = u->fbrd = u->ifls = u->imsc = u->dmacr = u->ris_extra = 0;
	spin_unlock(&u->lock);
}
