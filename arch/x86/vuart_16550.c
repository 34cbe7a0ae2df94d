// SPDX-License-Identifier: GPL-2.0
/*
 * The 16550 each partition sees as its console, at the board UART's ports:
 * the registers Linux's 8250 driver and a polled console touch. Transmit is
 * immediate (into the console mux), receive comes from the board console
 * when the partition has input focus. Interrupts as a 16550 on an edge-
 * triggered ISA line gives them: received data (IER bit 0) before
 * transmitter empty (IER bit 1), identified by IIR; each new reason raises
 * BH_X86_VUART_VECTOR in vCPU 0 (a driver drains until IIR says none).
 */
#include <bulkhead/hv_config.h>
#include <asm/vlapic.h>
#include "console.h"
#include "partition.h"
#include "x86.h"

#define RBR_THR	 0
#define IER	 1
#define IIR_FCR	 2
#define LCR	 3
#define MCR	 4
#define LSR	 5
#define MSR	 6
#define SCR	 7
#define LCR_DLAB BIT(7)
#define LSR_DR	 BIT(0)
#define LSR_OE	 BIT(1)
#define LSR_THRE BIT(5)
#define LSR_TEMT BIT(6)
#define IER_RDI	 BIT(0)
#define IER_THRI BIT(1)
#define IIR_NONE 0xc1 /* FIFOs on, no interrupt pending */
#define IIR_RDI	 0xc4
#define IIR_THRI 0xc2

/* The interrupt identification, highest priority first; with the lock held. */
static u8 iir(struct vuart16550 *u)
{
	if ((u->ier & IER_RDI) && !uart_rx_empty(&u->rx))
		return IIR_RDI;
	if ((u->ier & IER_THRI) && u->thre)
		return IIR_THRI;
	return IIR_NONE;
}

/* Only where the partition DTB names the vector: a Linux partition polls it (no IOAPIC). */
static void raise(struct partition *p)
{
	if (p->state == PART_RUNNING && p->cfg->boot == BH_BOOT_DTB)
		vlapic_raise(&p->vcpu[0], BH_X86_VUART_VECTOR);
}

/* Board console input for partition part (any CPU). */
void vuart_input(int part, char c)
{
	struct partition *p;
	struct vuart16550 *u;
	bool report, pending;

	if (part < 0 || (u32)part >= bh_system.nr_partitions)
		return;
	p = &partitions[part];
	u = &p->arch.uart;
	console_part_flush(part);
	spin_lock(&u->lock);
	report = uart_rx_push(&u->rx, (u8)c);
	pending = iir(u) == IIR_RDI;
	spin_unlock(&u->lock);
	if (report)
		log_printf("%s: console input dropped: the partition does not read its UART",
			   p->cfg->name);
	if (pending)
		raise(p);
}

/* 0 if port is the emulated UART's (*val read or written), -1 if not. */
int vuart_io(struct vcpu *v, u16 port, bool in, u32 size, u32 *val)
{
	struct partition *p = v->part;
	struct vuart16550 *u = &p->arch.uart;
	u32 reg = (u32)(port - (u16)p->cfg->vuart_ipa), r = 0;
	bool raise_it = false;
	u8 was;

	if (reg >= 8 || size != 1)
		return -1;
	/*
	 * Reading input, or a polling driver's look at IIR with nothing sent
	 * since its last look (a prompt, not a line still being written): the
	 * partition waits for input, so its partial line is shown. So does
	 * (re-)enabling the receive interrupt, as on the PL011 (an echo).
	 */
	if ((in && ((reg == RBR_THR && !(u->lcr & LCR_DLAB)) ||
		    (reg == IIR_FCR && !__atomic_exchange_n(&u->sent, false, __ATOMIC_RELAXED)))) ||
	    (!in && reg == IER && !(u->lcr & LCR_DLAB) && (*val & IER_RDI)))
		console_part_flush((int)p->cfg->id);
	/* Reading input or enabling its interrupt: typed bytes will be read. */
	if (!(u->lcr & LCR_DLAB) &&
	    ((in && reg == RBR_THR) || (!in && reg == IER && (*val & IER_RDI))))
		console_part_reads((int)p->cfg->id);
	if (!in && reg == RBR_THR && !(u->lcr & LCR_DLAB)) {
		console_part_putc((int)p->cfg->id, (char)*val);
		__atomic_store_n(&u->sent, true, __ATOMIC_RELAXED);
		spin_lock(&u->lock);
		u->thre = true; /* sent at once: the holding register is empty again */
		raise_it = iir(u) == IIR_THRI;
		spin_unlock(&u->lock);
		if (raise_it)
			raise(p);
		return 0;
	}
	spin_lock(&u->lock);
	switch (reg) {
	case RBR_THR:
		if (u->lcr & LCR_DLAB) {
			if (in)
				r = u->dll;
			else
				u->dll = (u8)*val;
		} else {
			r = uart_rx_pop(&u->rx);
		}
		break;
	case IER:
		if (u->lcr & LCR_DLAB) {
			if (in)
				r = u->dlm;
			else
				u->dlm = (u8)*val;
		} else if (in) {
			r = u->ier;
		} else {
			was = iir(u);
			if (!(u->ier & IER_THRI) && (*val & IER_THRI))
				u->thre = true; /* enabled while empty: it interrupts at once */
			u->ier = (u8)(*val & 0x0f);
			raise_it = iir(u) != IIR_NONE && iir(u) != was;
		}
		break;
	case IIR_FCR:
		if (in) {
			r = iir(u);
			if (r == IIR_THRI)
				u->thre = false; /* reading IIR acknowledges transmitter empty */
		}
		break;
	case LCR:
		if (in)
			r = u->lcr;
		else
			u->lcr = (u8)*val;
		break;
	case MCR:
		if (in)
			r = u->mcr;
		else
			u->mcr = (u8)(*val & 0x1f);
		break;
	case LSR:
		r = LSR_THRE | LSR_TEMT | (uart_rx_empty(&u->rx) ? 0 : LSR_DR) |
		    (u->rx.overflow ? LSR_OE : 0);
		break;
	case MSR:
		r = 0xb0; /* CTS, DSR, DCD */
		break;
	case SCR:
		if (in)
			r = u->scr;
		else
			u->scr = (u8)*val;
		break;
	default:
		break;
	}
	spin_unlock(&u->lock);
	if (in)
		*val = r;
	if (raise_it)
		raise(p);
	return 0;
}

void vuart_reset(struct partition *p)
{
	struct vuart16550 *u = &p->arch.uart;

	spin_lock(&u->lock);
	uart_rx_reset(&u->rx);
	u->ier = u->mcr = u->scr = 0;
	u->thre = false;
	u->lcr = 0x03;
	u->dll = 1;
	u->dlm = 0;
	spin_unlock(&u->lock);
}
