// SPDX-License-Identifier: GPL-2.0
/*
 * A guest's access to an MMIO page the hypervisor models (the local APIC's
 * xAPIC page, the IOAPIC's) arrives as a nested page fault with the address only. The
 * instruction is fetched from guest memory through the guest's own page
 * tables (64-bit mode, 4-level paging, or paging off), decoded
 * (insn_decode.c), carried out on the model and skipped. Guest memory is
 * read only inside the partition's RAM; anything that is not a plain MOV
 * there is refused and the caller stops the partition. The same decoding
 * lets an access to nothing read all-ones (mmio_unbacked).
 */
#include <string.h>
#include <asm/insn.h>
#include <asm/io.h>
#include <asm/ioapic.h>
#include <asm/lapic.h>
#include <asm/svm.h>
#include <asm/vlapic.h>
#include "partition.h"

#define PTE_P	  BIT(0)
#define PTE_PS	  BIT(7)
#define PTE_ADDR  0x000ffffffffff000ULL
#define CR0_PG	  BIT(31)
#define CR4_LA57  BIT(12)
#define CS_ATTR_L BIT(9) /* the VMCB's segment attributes: 64-bit code */

/* The host address of len bytes of guest-physical gpa, if all in the partition's RAM. */
static void *guest_ram(const struct partition *p, u64 gpa, u64 len)
{
	const struct bh_partition *c = p->cfg;

	if (gpa < c->ram_ipa || len > c->ram_size || gpa - c->ram_ipa > c->ram_size - len)
		return NULL;
	return phys_to_virt(gpa - c->ram_ipa + c->ram_pa);
}

/* Guest-virtual to guest-physical, as the vCPU's paging would; -1 if not mapped. */
static int guest_walk(const struct vcpu *v, const struct vmcb *vm, u64 va, u64 *gpa)
{
	u64 table = VMCB64(vm, VMCB_CR3) & PTE_ADDR, e = 0;

	if (!(VMCB64(vm, VMCB_CR0) & CR0_PG)) {
		*gpa = va & 0xffffffffULL;
		return 0;
	}
	if (!(VMCB64(vm, VMCB_EFER) & EFER_LMA) || (VMCB64(vm, VMCB_CR4) & CR4_LA57))
		return -1; /* 32-bit paging and 5-level paging are not walked */
	for (int level = 3; level >= 0; level--) {
		const u64 *t = guest_ram(v->part, table, 4096);
		u32 shift = 12 + 9 * (u32)level;

		if (!t)
			return -1;
		e = READ_ONCE(t[(va >> shift) & 511]);
		if (!(e & PTE_P))
			return -1;
		if (level == 0 || ((level == 1 || level == 2) && (e & PTE_PS))) {
			u64 mask = (1ULL << shift) - 1;

			*gpa = ((e & PTE_ADDR) & ~mask) | (va & mask);
			return 0;
		}
		table = e & PTE_ADDR;
	}
	return -1;
}

/* Up to INSN_MAX bytes at the guest's RIP; how many could be read. */
static u32 fetch(const struct vcpu *v, const struct vmcb *vm, u8 *buf)
{
	u64 va = VMCB64(vm, VMCB_CS + 8) + VMCB64(vm, VMCB_RIP);
	u32 n = 0;

	while (n < INSN_MAX) {
		u64 gpa, chunk = 4096 - ((va + n) & 4095);
		const u8 *src;

		if (chunk > INSN_MAX - n)
			chunk = INSN_MAX - n;
		if (guest_walk(v, vm, va + n, &gpa))
			break;
		src = guest_ram(v->part, gpa, chunk);
		if (!src)
			break;
		memcpy(buf + n, src, chunk);
		n += (u32)chunk;
	}
	return n;
}

/* A general-purpose register by its encoding number. */
static u64 *gpr(struct vcpu *v, struct vmcb *vm, u32 r)
{
	struct guest_gprs *g = &v->arch.regs;
	u64 *const regs[16] = {
	    (u64 *)&VMCB64(vm, VMCB_RAX),
	    &g->rcx,
	    &g->rdx,
	    &g->rbx,
	    (u64 *)&VMCB64(vm, VMCB_RSP),
	    &g->rbp,
	    &g->rsi,
	    &g->rdi,
	    &g->r8,
	    &g->r9,
	    &g->r10,
	    &g->r11,
	    &g->r12,
	    &g->r13,
	    &g->r14,
	    &g->r15,
	};

	return regs[r & 15];
}

static u64 size_mask(u32 size)
{
	return size == 8 ? ~0ULL : (1ULL << (8 * size)) - 1;
}

/* A register or immediate operand's value for a store of i->size bytes. */
static u64 store_value(struct vcpu *v, struct vmcb *vm, const struct insn_mov *i)
{
	if (i->has_imm)
		return i->imm & size_mask(i->size);
	if (i->high8)
		return (*gpr(v, vm, i->reg - 4) >> 8) & 0xff;
	return *gpr(v, vm, i->reg) & size_mask(i->size);
}

/* A load's result into its register, with the architecture's extension rules. */
static void load_result(struct vcpu *v, struct vmcb *vm, const struct insn_mov *i, u64 val)
{
	u64 *r;

	if (i->high8) {
		r = gpr(v, vm, i->reg - 4);
		*r = (*r & ~0xff00ULL) | (val & 0xff) << 8;
		return;
	}
	r = gpr(v, vm, i->reg);
	val &= size_mask(i->size);
	if (i->dst_size >= 4)
		*r = val & size_mask(i->dst_size); /* a 32-bit write clears the upper half */
	else
		*r = (*r & ~size_mask(i->dst_size)) | val;
}

/* The faulting instruction, if it is a MOV of the access's direction in 64-bit code. */
static bool decode(struct vcpu *v, struct vmcb *vm, bool write, struct insn_mov *i)
{
	u8 buf[INSN_MAX];
	u32 n;

	/* The decoder knows 64-bit code only (where OSes touch their APIC). */
	if (!(VMCB64(vm, VMCB_EFER) & EFER_LMA) || !(VMCB16(vm, VMCB_CS + 2) & CS_ATTR_L))
		return false;
	n = fetch(v, vm, buf);
	return !insn_decode_mov(buf, n, i) && i->store == write;
}

/*
 * An access where nothing answers (on-bad-access = "abort"): as a PC's bus
 * (a PCI master abort), a read gives all-ones and a write is dropped.
 */
bool mmio_unbacked(struct vcpu *v, struct vmcb *vm, bool write)
{
	struct insn_mov i;

	if (!decode(v, vm, write, &i))
		return false;
	if (!i.store)
		load_result(v, vm, &i, ~0ULL);
	VMCB64(vm, VMCB_RIP) += i.len;
	VMCB64(vm, VMCB_INT_SHADOW) = 0;
	return true;
}

bool mmio_emulate(struct vcpu *v, struct vmcb *vm, u64 gpa, bool write)
{
	struct insn_mov i;
	u64 val = 0;

	if (!decode(v, vm, write, &i))
		return false;
	if (i.store)
		val = store_value(v, vm, &i);
	if ((gpa & ~0xfffULL) == LAPIC_BASE) {
		if (!vlapic_mmio(v, (u32)(gpa & 0xfff), write, i.size, &val))
			return false;
	} else if (!bh_system.ioapic_pa || (gpa & ~0xfffULL) != bh_system.ioapic_pa ||
		   !vioapic_mmio(v, (u32)(gpa & 0xfff), write, i.size, &val)) {
		return false;
	}
	if (!i.store)
		load_result(v, vm, &i, val);
	VMCB64(vm, VMCB_RIP) += i.len;
	VMCB64(vm, VMCB_INT_SHADOW) = 0;
	return true;
}
