/*
 * Which image slot a partition loads from: slot A first; slot B only after
 * A was refused, when the partition's on-verify-fail is "fallback" and the
 * system has a slot B; nothing after B. Pure logic, unit-tested.
 */
#ifndef CORE_SLOT_POLICY_H
#define CORE_SLOT_POLICY_H
#include <stdbool.h>

#define SLOT_A	  0
#define SLOT_B	  1
#define SLOT_NONE (-1)

/* The slot to try after <refused> was refused, or SLOT_NONE. */
static inline int slot_after(int refused, bool fallback, bool have_b)
{
	return refused == SLOT_A && fallback && have_b ? SLOT_B : SLOT_NONE;
}

#endif
