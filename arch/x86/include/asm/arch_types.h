/* x86 parts of the partition and vCPU state (embedded in core's structs). */
#ifndef ASM_ARCH_TYPES_H
#define ASM_ARCH_TYPES_H
#include <bulkhead/types.h>
#include <asm/pgtable.h>
#include <asm/spinlock.h>
#include <bulkhead/uart_rx.h>
#include <asm/ioapic.h>
#include <asm/vlapic.h>
#include <asm/vpit.h>

struct vuart16550 {
	spinlock_t lock;
	struct uart_rx rx;
	u8 ier, lcr, mcr, scr, dll, dlm;
	bool thre; /* a transmitter-empty interrupt waits for an IIR read or a write */
	bool sent; /* a byte went out since the last IIR read */
};

/* The emulated IB700 watchdog (vib700.c); times in arch_counter() ticks. */
struct vib700 {
	spinlock_t lock;
	u32 epoch;	  /* the partition start it was reset for */
	u32 stopped_said; /* the guest's stop was reported (this start) */
	u64 fed_at;	  /* the start or the last feed */
	u64 expire_at;	  /* when the partition is stopped; ~0: never (stopped) */
};

/* General-purpose registers VMRUN does not save (RAX and RSP live in the VMCB). */
struct guest_gprs {
	u64 rbx, rcx, rdx, rsi, rdi, rbp;
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
};

struct arch_vcpu {
	struct vmcb *vmcb;
	struct guest_gprs regs;
	struct vlapic lapic;
	bool wait_sipi; /* INIT received while off: the next SIPI starts it */
	bool real_mode; /* its next start is a SIPI's: real mode at the vector's page */
};

struct arch_partition {
	struct pgtable npt;
	u64 ncr3;
	u64 iopm_pa; /* its I/O permission map (iopm.c) */
	struct vuart16550 uart;
	spinlock_t pit_lock; /* its vCPUs share the PIT */
	struct vpit pit;
	struct vioapic ioapic; /* its devices' interrupt pins (vioapic.c) */
	struct vib700 wdog;    /* its watchdog = <ms> (vib700.c) */
};

#endif
