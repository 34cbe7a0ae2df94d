// SPDX-License-Identifier: GPL-2.0
/*
 * Decoding the one kind of instruction a guest touches an emulated MMIO
 * page with: a MOV between a register (or an immediate) and memory, and
 * MOVZX loads. SVM under QEMU gives neither the instruction's length
 * (nRIP) nor its bytes (decode assists) on a nested page fault, so the
 * exit handler fetches them from guest memory and asks here. The bytes are
 * the guest's: every length is checked against what was fetched, anything
 * else is refused rather than guessed.
 */
#include <asm/insn.h>

#define REX_W 0x08
#define REX_R 0x04

static bool is_legacy_prefix(u8 b)
{
	return b == 0x66 || b == 0x67 || b == 0x2e || b == 0x3e || b == 0x26 || b == 0x36 ||
	       b == 0x64 || b == 0x65;
}

/* Bytes after the ModRM byte: SIB and displacement; -1 for a register operand. */
static int modrm_tail(const u8 *b, u32 n, u32 at)
{
	u8 modrm, mod, rm;
	int len = 0;

	if (at >= n)
		return -1;
	modrm = b[at];
	mod = modrm >> 6;
	rm = modrm & 7;
	if (mod == 3)
		return -1;
	if (rm == 4) {
		if (at + 1 >= n)
			return -1;
		len = 1;
		if (mod == 0 && (b[at + 1] & 7) == 5)
			len += 4; /* no base: disp32 */
	} else if (mod == 0 && rm == 5) {
		len += 4; /* RIP-relative */
	}
	if (mod == 1)
		len += 1;
	else if (mod == 2)
		len += 4;
	return len;
}

int insn_decode_mov(const u8 *b, u32 n, struct insn_mov *out)
{
	u32 i = 0, size;
	bool opsize16 = false;
	u8 rex = 0, op;
	int tail;

	if (n > INSN_MAX)
		n = INSN_MAX;
	while (i < n && is_legacy_prefix(b[i])) {
		if (b[i] == 0x66)
			opsize16 = true;
		i++;
	}
	if (i < n && (b[i] & 0xf0) == 0x40)
		rex = b[i++];
	if (i >= n)
		return -1;
	op = b[i++];
	size = (rex & REX_W) ? 8 : opsize16 ? 2 : 4;
	out->has_imm = false;
	out->imm = 0;
	out->zero_extend = false;
	switch (op) {
	case 0x88: /* mov r/m8, r8 */
	case 0x8a: /* mov r8, r/m8 */
		size = 1;
		/* fall through */
	case 0x89: /* mov r/m, r */
	case 0x8b: /* mov r, r/m */
		out->store = op == 0x88 || op == 0x89;
		break;
	case 0xc6: /* mov r/m8, imm8 */
	case 0xc7: /* mov r/m, imm16/32 (sign-extended for 64) */
		if (i >= n || ((b[i] >> 3) & 7) != 0)
			return -1;
		if (op == 0xc6)
			size = 1;
		out->store = true;
		out->has_imm = true;
		break;
	case 0x0f: /* movzx r, r/m8 / r/m16 */
		if (i >= n || (b[i] != 0xb6 && b[i] != 0xb7))
			return -1;
		out->dst_size = (u8)size;
		size = b[i] == 0xb6 ? 1 : 2;
		out->store = false;
		out->zero_extend = true;
		i++;
		break;
	default:
		return -1;
	}
	if (i >= n)
		return -1;
	out->reg = (u8)(((b[i] >> 3) & 7) | ((rex & REX_R) ? 8 : 0));
	/* AH, CH, DH, BH: byte registers 4-7 without a REX prefix. */
	out->high8 = size == 1 && !rex && out->reg >= 4 && !out->zero_extend;
	tail = modrm_tail(b, n, i);
	if (tail < 0 || i + 1 + (u32)tail > n)
		return -1;
	i += 1 + (u32)tail;
	if (out->has_imm) {
		u32 isz = size == 1 ? 1 : size == 2 ? 2 : 4;
		u64 v = 0;

		if (i + isz > n)
			return -1;
		for (u32 k = 0; k < isz; k++)
			v |= (u64)b[i + k] << (8 * k);
		if (size == 8 && (v & BIT(31)))
			v |= 0xffffffff00000000ULL;
		out->imm = v;
		i += isz;
	}
	if (!out->zero_extend)
		out->dst_size = (u8)size;
	out->size = (u8)size;
	out->len = (u8)i;
	return 0;
}
