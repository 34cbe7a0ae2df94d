/*
 * Board console input waiting for a partition's emulated UART (arm64's
 * PL011, x86's 16550). Larger than any real FIFO: the board console cannot
 * hold input back, so a pasted line must fit while the guest drains it.
 * The owner's lock protects it.
 */
#ifndef BULKHEAD_UART_RX_H
#define BULKHEAD_UART_RX_H
#include <bulkhead/types.h>

#define UART_RX_SIZE 1024

struct uart_rx {
	u8 buf[UART_RX_SIZE];
	u32 head, tail;
	bool overflow; /* input was dropped; reported once until the guest drains it */
};

static inline bool uart_rx_empty(const struct uart_rx *r)
{
	return r->head == r->tail;
}

/* Queues c; true if it had to be dropped and nobody was told yet (report it). */
static inline bool uart_rx_push(struct uart_rx *r, u8 c)
{
	if ((r->tail + 1) % UART_RX_SIZE != r->head) {
		r->buf[r->tail] = c;
		r->tail = (r->tail + 1) % UART_RX_SIZE;
		return false;
	}
	if (r->overflow)
		return false;
	r->overflow = true;
	return true;
}

/* The oldest byte, 0 if none. */
static inline u8 uart_rx_pop(struct uart_rx *r)
{
	u8 c = 0;

	if (!uart_rx_empty(r)) {
		c = r->buf[r->head];
		r->head = (r->head + 1) % UART_RX_SIZE;
	}
	if (uart_rx_empty(r))
		r->overflow = false;
	return c;
}

static inline void uart_rx_reset(struct uart_rx *r)
{
	r->head = r->tail = 0;
	r->overflow = false;
}

#endif
