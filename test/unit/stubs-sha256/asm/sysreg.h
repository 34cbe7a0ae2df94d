/* Host stand-in for arm64 system registers: test_sha256 sets the ID registers. */
#ifndef ASM_SYSREG_H
#define ASM_SYSREG_H
#include <bulkhead/types.h>

extern u64 fake_id_aa64isar0_el1, fake_id_aa64pfr1_el1, fake_tpidr_el2;
extern int fake_smstops;
#define read_sysreg(r) fake_##r
static inline void sme_stop_streaming(void)
{
	fake_smstops++;
}
#endif
