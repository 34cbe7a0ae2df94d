/*
 * The MOVs a guest reaches an emulated MMIO page with (insn_decode.c),
 * decoded for 64-bit mode (32-bit addressing prefixes included).
 */
#ifndef ASM_INSN_H
#define ASM_INSN_H
#include <bulkhead/types.h>

#define INSN_MAX 15 /* the longest x86 instruction */

struct insn_mov {
	u8 len;		  /* bytes, prefixes included */
	u8 size;	  /* bytes of memory accessed: 1, 2, 4 or 8 */
	u8 dst_size;	  /* a load: bytes of the register written (MOVZX: wider than size) */
	u8 reg;		  /* the register operand, 0-15 in encoding order (RAX, RCX, ...) */
	bool high8;	  /* reg 4-7 are AH, CH, DH, BH (a byte access without REX) */
	bool store;	  /* register or immediate to memory */
	bool has_imm;	  /* a store of imm (already sign-extended to size) */
	bool zero_extend; /* MOVZX */
	u64 imm;
};

/* 0 and *out for a supported MOV in b[0..n), -1 for anything else. */
int insn_decode_mov(const u8 *b, u32 n, struct insn_mov *out);

#endif
