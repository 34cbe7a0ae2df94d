/*
 * A partition vCPU's local APIC, emulated in x2APIC mode (MSRs 0x800-0x8ff)
 * or xAPIC mode (the page at 0xfee00000, decoded by mmio_emul.c), with the
 * TSC deadline MSR. APIC ID = vCPU index.
 */
#ifndef ASM_VLAPIC_H
#define ASM_VLAPIC_H
#include <bulkhead/types.h>

/* CMCI (0x82f), timer, thermal, perf, LINT0, LINT1, error (0x832-0x837) */
#define VLAPIC_NR_LVT 7

enum { VLAPIC_X2APIC, VLAPIC_XAPIC, VLAPIC_OFF };

struct vlapic {
	u32 mode;   /* VLAPIC_*: what IA32_APIC_BASE says */
	u32 irr[8]; /* any CPU sets bits (atomically); the vCPU's own CPU takes them */
	u32 isr[8];
	u32 tmr[8]; /* level-triggered (IOAPIC pins): their EOI goes on to the vIOAPIC */
	u32 tpr, svr, esr, tdcr, tmict;
	u32 lvt[VLAPIC_NR_LVT];
	u64 icr;
	u32 ldr_x, dfr, icr_hi; /* xAPIC mode: logical ID and model, ICR destination */
	u64 deadline;		/* TSC value the timer fires at; 0: not armed */
	u64 period;		/* periodic mode: TSC ticks between interrupts */
	u64 tsc_deadline;	/* MSR 0x6e0 as the guest sees it */
	u32 warned;		/* an unsupported IPI was reported */
};

struct vcpu;
struct vmcb;

void vlapic_reset(struct vlapic *l);
/* An MSR in the x2APIC range or the TSC deadline: true if it is ours (*gp: refuse it). */
bool vlapic_msr(struct vcpu *v, u32 msr, bool wr, u64 *val, bool *gp);
/* IA32_APIC_BASE; false: refuse (#GP). */
bool vlapic_apic_base(struct vcpu *v, bool wr, u64 *val);
/* An access to the xAPIC page at offset off: false if the APIC is not in xAPIC mode. */
bool vlapic_mmio(struct vcpu *v, u32 off, bool wr, u32 size, u64 *val);
void vlapic_raise(struct vcpu *v, u32 vector); /* from any CPU */
/* A level-triggered pin's vector (TMR set): its EOI tells the vIOAPIC. */
void vlapic_raise_level(struct vcpu *v, u32 vector);
/* Before VMRUN: fire a due timer, inject the best interrupt or ask for a window, arm the CPU's
 * timer. */
void vlapic_enter(struct vcpu *v, struct vmcb *vm);
bool vlapic_wakes(struct vcpu *v, struct vmcb *vm); /* HLT: an interrupt it would take */

/* mmio_emul.c: a nested page fault on a modelled MMIO page; false: not emulated. */
bool mmio_emulate(struct vcpu *v, struct vmcb *vm, u64 gpa, bool write);
bool mmio_unbacked(struct vcpu *v, struct vmcb *vm, bool write); /* reads all-ones, drops writes */

#endif
