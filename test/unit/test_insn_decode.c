// SPDX-License-Identifier: GPL-2.0
/*
 * The MMIO instruction decoder (arch/x86/insn_decode.c) on the encodings
 * guests use, Linux's xAPIC accessors among them, and on what it must
 * refuse: register operands, other opcodes, bytes cut short.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include <asm/insn.h>

static struct insn_mov d(const u8 *b, u32 n)
{
	struct insn_mov i;

	memset(&i, 0xaa, sizeof(i));
	assert_int_equal(insn_decode_mov(b, n, &i), 0);
	return i;
}

/* REQ: BH-ISO-8 */
static void linux_xapic_accessors(void **state)
{
	/* native_apic_mem_read: mov 0xffffffffff5fd000(%rdi),%eax */
	static const u8 rd[] = {0x8b, 0x87, 0x00, 0xd0, 0x5f, 0xff, 0xe9};
	/* native_apic_mem_write: mov %esi,0xffffffffff5fd000(%rdi) */
	static const u8 wr[] = {0x89, 0xb7, 0x00, 0xd0, 0x5f, 0xff};
	struct insn_mov i;

	(void)state;
	i = d(rd, sizeof(rd));
	assert_int_equal(i.len, 6);
	assert_false(i.store);
	assert_int_equal(i.size, 4);
	assert_int_equal(i.dst_size, 4);
	assert_int_equal(i.reg, 0); /* eax */
	i = d(wr, sizeof(wr));
	assert_int_equal(i.len, 6);
	assert_true(i.store);
	assert_false(i.has_imm);
	assert_int_equal(i.reg, 6); /* esi */
}

/* REQ: BH-ISO-8 */
static void addressing_forms(void **state)
{
	static const u8 rip_rel[] = {0x8b, 0x05, 1, 2, 3, 4};	/* mov 0x04030201(%rip),%eax */
	static const u8 sib_disp8[] = {0x89, 0x44, 0x24, 0x08}; /* mov %eax,8(%rsp) */
	static const u8 sib_nobase[] = {0x8b, 0x0c, 0x25, 0,
					0,    0xe0, 0xfe};	 /* mov 0xfee00000,%ecx */
	static const u8 rex_r[] = {0x44, 0x89, 0x00};		 /* mov %r8d,(%rax) */
	static const u8 rex_w[] = {0x48, 0x8b, 0x10};		 /* mov (%rax),%rdx */
	static const u8 seg_and_16[] = {0x65, 0x66, 0x89, 0x18}; /* mov %bx,%gs:(%rax) */

	(void)state;
	assert_int_equal(d(rip_rel, sizeof(rip_rel)).len, 6);
	assert_int_equal(d(sib_disp8, sizeof(sib_disp8)).len, 4);
	assert_int_equal(d(sib_nobase, sizeof(sib_nobase)).len, 7);
	assert_int_equal(d(sib_nobase, sizeof(sib_nobase)).reg, 1);
	assert_int_equal(d(rex_r, sizeof(rex_r)).reg, 8);
	assert_int_equal(d(rex_w, sizeof(rex_w)).size, 8);
	assert_int_equal(d(rex_w, sizeof(rex_w)).reg, 2);
	assert_int_equal(d(seg_and_16, sizeof(seg_and_16)).size, 2);
	assert_int_equal(d(seg_and_16, sizeof(seg_and_16)).len, 4);
}

/* REQ: BH-ISO-8 */
static void immediates_bytes_and_movzx(void **state)
{
	static const u8 imm32[] = {0xc7, 0x40, 0x10, 0x78,
				   0x56, 0x34, 0x12}; /* movl $0x12345678,16(%rax) */
	static const u8 imm64[] = {0x48, 0xc7, 0x00, 0xff, 0xff, 0xff, 0xff}; /* movq $-1,(%rax) */
	static const u8 imm8[] = {0xc6, 0x00, 0x5a};   /* movb $0x5a,(%rax) */
	static const u8 ah[] = {0x88, 0x20};	       /* mov %ah,(%rax) */
	static const u8 spl[] = {0x40, 0x88, 0x20};    /* mov %spl,(%rax) */
	static const u8 movzwl[] = {0x0f, 0xb7, 0x08}; /* movzwl (%rax),%ecx */
	struct insn_mov i;

	(void)state;
	i = d(imm32, sizeof(imm32));
	assert_true(i.has_imm);
	assert_int_equal(i.imm, 0x12345678);
	assert_int_equal(i.len, 7);
	i = d(imm64, sizeof(imm64));
	assert_int_equal(i.imm, 0xffffffffffffffffULL);
	assert_int_equal(i.size, 8);
	i = d(imm8, sizeof(imm8));
	assert_int_equal(i.imm, 0x5a);
	assert_int_equal(i.size, 1);
	assert_int_equal(i.len, 3);
	assert_true(d(ah, sizeof(ah)).high8);
	assert_false(d(spl, sizeof(spl)).high8);
	i = d(movzwl, sizeof(movzwl));
	assert_true(i.zero_extend);
	assert_int_equal(i.size, 2);
	assert_int_equal(i.dst_size, 4);
	assert_int_equal(i.reg, 1);
}

/* REQ: BH-ISO-8 */
static void refused(void **state)
{
	static const u8 reg_reg[] = {0x89, 0xc0}; /* mov %eax,%eax: no memory operand */
	static const u8 other[] = {0x01, 0x00};	  /* add */
	static const u8 c7_not_0[] = {0xc7, 0x08, 0, 0, 0, 0}; /* c7 /1 */
	static const u8 short_disp[] = {0x8b, 0x87, 0x00, 0xd0};
	static const u8 short_imm[] = {0xc7, 0x00, 0x01, 0x02};
	static const u8 prefixes_only[15] = {0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
					     0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66};
	static const u8 too_long[16] = {0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
					0x66, 0x66, 0x66, 0x66, 0x66, 0x89, 0x87, 0x00};
	struct insn_mov i;

	(void)state;
	assert_int_equal(insn_decode_mov(reg_reg, sizeof(reg_reg), &i), -1);
	assert_int_equal(insn_decode_mov(other, sizeof(other), &i), -1);
	assert_int_equal(insn_decode_mov(c7_not_0, sizeof(c7_not_0), &i), -1);
	assert_int_equal(insn_decode_mov(short_disp, sizeof(short_disp), &i), -1);
	assert_int_equal(insn_decode_mov(short_imm, sizeof(short_imm), &i), -1);
	assert_int_equal(insn_decode_mov(prefixes_only, sizeof(prefixes_only), &i), -1);
	assert_int_equal(insn_decode_mov(too_long, sizeof(too_long), &i), -1); /* past 15 bytes */
	assert_int_equal(insn_decode_mov(reg_reg, 0, &i), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(linux_xapic_accessors),
	    cmocka_unit_test(addressing_forms),
	    cmocka_unit_test(immediates_bytes_and_movzx),
	    cmocka_unit_test(refused),
	};

	return cmocka_run_group_tests_name("insn-decode", tests, NULL, NULL);
}
