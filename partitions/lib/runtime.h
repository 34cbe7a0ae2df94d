/* The runtime's C that each arch's start.S enters: nothing for programs. */
#ifndef PART_RUNTIME_H
#define PART_RUNTIME_H
#include <bulkhead/types.h>

void runtime_start(const void *fdt); /* the boot vCPU, with its DTB */
void runtime_secondary(u32 cpu);     /* any other vCPU, after PSCI CPU_ON */

#endif
