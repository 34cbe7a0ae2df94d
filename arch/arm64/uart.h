/* The console UART drivers (uart.c picks one by bh_system.uart_type). */
#ifndef ARM64_UART_H
#define ARM64_UART_H
#include <bulkhead/types.h>

void pl011_init(u64 base);
void pl011_putc(u64 base, char c);
int pl011_getc(u64 base); /* -1: nothing waiting */
void cdns_init(u64 base);
void cdns_putc(u64 base, char c);
int cdns_getc(u64 base);

#endif
