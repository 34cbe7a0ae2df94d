/* The local APIC in xAPIC mode (MMIO at its architectural base). */
#ifndef ASM_LAPIC_H
#define ASM_LAPIC_H
#include <bulkhead/types.h>

#define LAPIC_BASE   0xfee00000ULL
#define VEC_KICK     0xf0 /* wakes a CPU (arch_cpu_kick, arch_send_event) */
#define VEC_TIMER    0xf1 /* this CPU's timer: the expiry of its vCPU's virtual timer */
#define VEC_SPURIOUS 0xff

void lapic_init(void);
u32 lapic_id(void);
void lapic_eoi(void);
void lapic_ipi(u32 apic_id, u32 icr_low); /* waits until the previous one is sent */
/* One-shot interrupt (VEC_TIMER) at TSC value deadline; 0 stops it. Cheap when unchanged. */
void lapic_timer_arm(u64 deadline);
void lapic_timer_fired(void); /* from the VEC_TIMER handler */

#endif
