/*
 * What the files of arch/arm64 offer one another, and what its assembly
 * and its C call across. What core/ calls is in core/arch.h.
 */
#ifndef ARCH_ARM64_H
#define ARCH_ARM64_H
#include <bulkhead/types.h>

struct guest_regs;
struct partition;
struct vcpu;

/* head.S, vectors.S: entry points and tables C refers to. */
extern char hv_vectors[];      /* the EL2 vector table (VBAR_EL2) */
extern char secondary_entry[]; /* where PSCI CPU_ON starts a secondary CPU */
__attribute__((noreturn)) void guest_enter(struct guest_regs *frame);

/* cpu.c: each CPU's hypervisor stack; head.S sets SP to its top. */
extern u8 hv_stacks[CONFIG_NR_CPUS][CONFIG_HV_STACK_SIZE];

/* C called from head.S and vectors.S. */
s64 own_cpu_index(void); /* which bh_system CPU this is, or -1 */
void handle_guest_sync(struct guest_regs *r);
void handle_guest_irq(struct guest_regs *r);
void handle_guest_serror(struct guest_regs *r);
__attribute__((noreturn)) void hv_exception(u64 kind, u64 esr, u64 elr, u64 far);

/* mmu.c: the hypervisor's own EL2 tables. */
void mmu_init_tables(void);
void mmu_enable(void);

/* stage2.c: VTCR_EL2 for the stage-2 tables it builds. */
u64 stage2_vtcr(void);

/* inject.c: an external abort into the guest, as hardware would. */
void arch_inject_external_abort(struct guest_regs *r, u64 esr, u64 far);

/* vpl011.c: the emulated PL011. */
int vpl011_access(struct vcpu *v, u64 off, bool write, u32 size, u64 *val);
void vpl011_recheck(struct partition *p); /* its interrupt line again, after a change */
void vpl011_reset(struct partition *p);

/* vsp805.c: the emulated SP805 watchdog (a partition's `watchdog`). */
int vsp805_access(struct vcpu *v, u64 off, bool write, u32 size, u64 *val);
void vsp805_reset(struct partition *p); /* running again with the DT timeout, at each start */
void vsp805_arm(struct partition *p);	/* its expiry on this CPU's EL2 timer */
void vsp805_timer(struct vcpu *v);	/* the EL2 timer fired on vCPU 0's CPU */

#endif
