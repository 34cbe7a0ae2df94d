/* x86-64 runtime: what start.S and user_call.S and the C of this folder refer to across. */
#ifndef PART_X86_ENTRY_H
#define PART_X86_ENTRY_H
#include <bulkhead/types.h>

struct trap_frame;

/* start.S: the IDT's stubs; user_call.S: the way back from CPL 3. */
extern char part_trap_stubs[], part_irq_stubs[], part_user_return[];

/* Called from the stubs with the frame they pushed. */
void part_trap(struct trap_frame *f);

#endif
