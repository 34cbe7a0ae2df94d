/* SPDX-License-Identifier: GPL-2.0 */
/* ZynqMP EL3 stand-in: interfaces between its files. */
#ifndef ZYNQMP_STANDIN_H
#define ZYNQMP_STANDIN_H

#include <stdint.h>
#include "el3.h"

/* The lower EL's registers at the SMC, as start.S saved them. */
struct smc_frame {
	uint64_t x[32];
};

/* SMCCC return codes. */
#define SMCCC_NOT_SUPPORTED (-1L)

static inline uint32_t mmio_read32(uintptr_t addr)
{
	return *(volatile uint32_t *)addr;
}

static inline void mmio_write32(uintptr_t addr, uint32_t val)
{
	*(volatile uint32_t *)addr = val;
}

static inline unsigned int this_cpu(void)
{
	uint64_t mpidr;

	__asm__ volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
	return mpidr & 0xff;
}

/* start.S */
void cpu_park(void) __attribute__((noreturn));
void semihost_exit(const uint64_t *block);

/* C that start.S calls. */
uint64_t boot_cpu_init(void);		/* smc.c: CPU0, once; returns the EL2 entry */
void smc_dispatch(struct smc_frame *f); /* smc.c: an SMC, its registers in the frame */
void report_bad_exception(uint64_t esr, uint64_t elr); /* console.c */
/* psci.c: a CPU released into secondary_entry; returned in x0, x1. */
struct handoff {
	uint64_t entry, context;
};
struct handoff secondary_cpu_on(unsigned int cpu);

/* console.c: the stand-in's own messages (errors only). */
void con_puts(const char *s);
void con_hex(uint64_t v);
void con_cpu(unsigned int cpu);

/* gic.c */
void gic_dist_init(void);
void gic_cpu_init(void);

/* psci.c */
void psci_init(void);
int psci_handle(uint32_t fid, struct smc_frame *f);

/* sip.c: the platform-management (PMU firmware) calls. */
void sip_handle(uint32_t fid, struct smc_frame *f);

#endif
