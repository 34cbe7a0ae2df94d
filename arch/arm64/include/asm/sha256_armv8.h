/*
 * The Armv8 SHA-256 block function (sha256_armv8.S) and when a CPU has it,
 * from its ID_AA64ISAR0_EL1: apart from arch/arm64/sha256.c so that host
 * tests can feed it any register value.
 */
#ifndef ASM_SHA256_ARMV8_H
#define ASM_SHA256_ARMV8_H
#include <bulkhead/types.h>

void sha256_armv8_blocks(u32 state[8], const u8 *data, size_t n);

/* ID_AA64ISAR0_EL1.SHA2, bits 15:12: 0 none, 1 SHA256H & co, 2 SHA-512 too. */
static inline bool sha256_armv8_present(u64 isar0)
{
	return ((isar0 >> 12) & 0xf) != 0;
}

#endif
