/*
 * The narrow interface between core/ (arch-independent) and arch/<arch>/.
 * Everything core/ needs from a CPU architecture goes through these calls.
 */
#ifndef CORE_ARCH_H
#define CORE_ARCH_H
#include <bulkhead/types.h>
#include <asm/arch_types.h>
#include <asm/percpu.h> /* static inline u32 arch_cpu_id(void): this CPU's index */
#include "crypto/crypto.h"

struct partition;
struct vcpu;

/* Board console (the UART the hypervisor owns). */
void arch_console_init(void);
void arch_console_putc(char c);
int arch_console_getc(void); /* -1: nothing waiting */
/* A character the operator typed, to partition part's emulated UART. */
void vuart_input(int part, char c);

/* CPUs. */
void arch_cpu_init(u32 cpu, bool primary); /* MMU, vectors, interrupt controller */
/* Starts a physical CPU in the hypervisor: 0, or an error code (arm64: PSCI's). */
int arch_cpu_start(u32 cpu);
void arch_cpu_kick(u32 cpu); /* interrupt it (stop/notify requests) */
void arch_wait_event(void);  /* sleep until kicked or an event */
/* The same, and awake again soon after arch_counter() reaches deadline (this CPU's own timer). */
void arch_wait_until(u64 deadline);
void arch_send_event(void);
void arch_system_init(void); /* once, on the boot CPU, before others start */
u64 arch_counter(void);	     /* the system counter (the partitions' time base) */
u64 arch_counter_freq(void); /* its ticks per second */
__attribute__((noreturn)) void arch_system_reset(void);
__attribute__((noreturn)) void arch_system_off(void);

/* Partitions and vCPUs. */
int arch_partition_init(struct partition *p); /* stage-2 tables etc., once */
__attribute__((noreturn)) void arch_vcpu_run(struct vcpu *v, u64 entry, u64 arg);
void arch_vcpu_irq_poll(void);		/* handle pending IRQs while parked */
void arch_vcpu_bus_irq(struct vcpu *v); /* raise the VMBus interrupt in any vCPU */
u64 arch_vcpu_pc(struct vcpu *v);	/* its PC at the exit being handled (v's CPU) */

/* Zeroes RAM fast (whole cache blocks where the CPU allows); any size. */
void arch_clear_memory(void *p, u64 size);

/*
 * The CPU's own SHA-256 block function (its name in *name), or NULL for the
 * portable code. It may use FP/SIMD registers: called only in image
 * loading, where no guest's FP/SIMD state is live on the CPU (arm64/sha256.c).
 */
sha256_blocks_fn *arch_sha256_blocks(const char **name);

/* Each arch's hypervisor.lds: the image's start, end of text, end of rodata. */
extern char _head_start[], __text_end[], __rodata_end[];

/* core/main.c: where the arch's entry code (head.S) enters C on each CPU. */
__attribute__((noreturn)) void hv_primary_main(u32 cpu);
__attribute__((noreturn)) void hv_secondary_main(u32 cpu);

/* Memory the hypervisor writes into on a partition's behalf (identity map). */
static inline void *phys_to_virt(u64 pa)
{
	return (void *)(uintptr_t)pa;
}

#endif
