/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ZynqMP EL3 stand-in (QEMU emulation only): shared constants.
 * Included from assembly and C.
 */
#ifndef ZYNQMP_EL3_H
#define ZYNQMP_EL3_H

#define NR_CPUS	   4
#define STACK_SIZE 2048 /* per CPU: one SMC frame plus C calls */

/* SCR_EL3: lower ELs non-secure, EL2 AArch64 with HVC; SMC enabled (SMD=0). */
#define SCR_NS	      (1 << 0)
#define SCR_RES1      (3 << 4)
#define SCR_HCE	      (1 << 8)
#define SCR_RW	      (1 << 10)
#define SCR_EL3_VALUE (SCR_NS | SCR_RES1 | SCR_HCE | SCR_RW)

/* SPSR for the hand-off: EL2h, D, A, I, F masked. */
#define SPSR_EL2H_DAIF 0x3c9

/* GIC-400 (QEMU: security extensions when secure=on). */
#define GICD_BASE    0xf9010000
#define GICC_BASE    0xf9020000
#define GICD_CTLR    0x000
#define GICD_TYPER   0x004
#define GICD_IGROUPR 0x080
#define GICC_CTLR    0x000
#define GICC_PMR     0x004

/* APU control: reset vector per CPU (lo, hi). */
#define APU_RVBAR_LO(n) (0xfd5c0040 + 8 * (n))
#define APU_RVBAR_HI(n) (0xfd5c0044 + 8 * (n))
/* CRF_APB RST_FPD_APU: bit n holds APU CPU n in reset (QEMU powers it off). */
#define CRF_RST_FPD_APU 0xfd1a0104

/* Cadence UART0: only for the stand-in's own fatal messages. */
#define UART0_BASE     0xff000000
#define UART_CR	       0x00
#define UART_CR_TXEN   (1 << 4)
#define UART_CR_TXDIS  (1 << 5)
#define UART_SR	       0x2c
#define UART_SR_TXFULL (1 << 4)
#define UART_FIFO      0x30

#endif
