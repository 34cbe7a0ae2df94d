/*
 * What the files of arch/x86 offer one another, and what its assembly and
 * its C call across. What core/ calls is in core/arch.h.
 */
#ifndef ARCH_X86_H
#define ARCH_X86_H
#include <bulkhead/types.h>

struct partition;
struct trap_frame;
struct vcpu;
struct vmcb;

/* head.S, ap_boot.S: code C copies or points the IDT at. */
extern char x86_trap_stubs[], x86_irq_stubs[], x86_gsi_stubs[];
extern const char ap_trampoline[], ap_trampoline_end[];

/* cpu.c, C called from head.S and ap_boot.S. */
s64 x86_early_init(void); /* IDT and GDT on the boot stack; this CPU's index or -1 */
u64 stack_top(u64 cpu);	  /* the top of a CPU's hypervisor stack */
void x86_trap(struct trap_frame *f);
void early_puts(const char *s); /* the console before anything is set up */
extern u32 x86_all_stop;	/* set: every CPU stops (reset, power-off) */

/* mmu.c: the hypervisor's own page tables. */
void mmu_init(void);
void mmu_enable(void);
u64 mmu_root(void); /* for CR3 of the CPUs started later */

/* tsc.c */
void tsc_calibrate(void);

/* svm.c */
int svm_check(void); /* 0, or -1 after saying why this machine cannot run partitions */
void svm_cpu_init(u32 cpu);
struct vmcb *svm_vmcb(u32 cpu);
u64 svm_host_state(u32 cpu);
extern u8 svm_msrpm[]; /* every MSR intercepted */
extern u8 svm_iopm[];  /* every port intercepted */

/* vcpu.c: the board IOAPIC's pins, for the partitions' virtual ones. */
extern u32 ioapic_pins;

/* iopm.c: a partition's I/O permission map. */
void iopm_init(struct partition *p);

/* Port I/O emulation: the 16550 (vuart_16550.c) and the ACPI ports (vacpi.c). */
int vuart_io(struct vcpu *v, u16 port, bool in, u32 size, u32 *val);
void vuart_reset(struct partition *p);
int vacpi_io(struct vcpu *v, u16 port, bool in, u32 size, u32 *val);

/*
 * vib700.c: the emulated IB700 watchdog (a partition's `watchdog`). Its
 * expiry is vCPU 0's CPU's LAPIC timer, shared with the virtual timer:
 * vlapic arms it at vib700_alarm, vcpu.c checks before each entry.
 */
int vib700_io(struct vcpu *v, u16 port, bool in, u32 size, u32 *val);
void vib700_reset(struct partition *p); /* running again with the DT timeout, at each start */
u64 vib700_alarm(struct vcpu *v, u64 deadline); /* the sooner of deadline (0: none) and expiry */
void vib700_check(struct vcpu *v);		/* vCPU 0: stops its partition once expired */

/* linux_boot.c: a Linux partition's boot parameters and reset vector, at each start. */
void linux_boot_fill(struct partition *p);

#endif
