// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the x86 MMIO decoder on guest-chosen instruction bytes.
 * A decoded instruction must lie within the bytes given and be self-consistent.
 */
#include <stdlib.h>
#include <asm/insn.h>
#include "fuzz.h"

/* REQ: BH-ISO-8 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct insn_mov i;

	if (insn_decode_mov(data, (u32)(size > 64 ? 64 : size), &i))
		return 0;
	if (i.len == 0 || i.len > INSN_MAX || i.len > size || i.reg > 15 ||
	    (i.size != 1 && i.size != 2 && i.size != 4 && i.size != 8) || (i.has_imm && !i.store) ||
	    (i.high8 && (i.reg < 4 || i.reg > 7)))
		abort();
	return 0;
}
