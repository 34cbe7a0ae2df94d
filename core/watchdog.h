/*
 * What a partition's emulated watchdog (arm64 vsp805.c, x86 vib700.c) says
 * on the console: the same words on every architecture, so tests, the
 * root's partition status and the fault log read one format.
 */
#ifndef CORE_WATCHDOG_H
#define CORE_WATCHDOG_H
#include <bulkhead/types.h>

struct partition;
struct vcpu;

/*
 * Expired: no feed since fed_at (arch_counter(); the start if none) up to
 * now. Stops v's partition with its restart policy, as a fault.
 */
__attribute__((noreturn)) void watchdog_expired(struct vcpu *v, u64 fed_at, u64 now);
/* The guest stopped it (by register what, value val); the caller says it once per start. */
void watchdog_stopped(const struct partition *p, const char *what, u32 val);

#endif
