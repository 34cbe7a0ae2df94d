/*
 * Descriptor tables, as both the hypervisor and x86 partitions load them:
 * a flat 64-bit code and data segment, interrupt gates, and the loads.
 */
#ifndef ASM_DESC_H
#define ASM_DESC_H
#include <bulkhead/types.h>

#define GDT_CODE64 0x00af9a000000ffffULL /* selector 0x08 */
#define GDT_DATA   0x00cf92000000ffffULL /* selector 0x10 */
#define SEL_CODE   0x08
#define SEL_DATA   0x10

struct idt_gate {
	u16 off_lo, sel;
	u8 ist, type;
	u16 off_mid;
	u32 off_hi, reserved;
};

struct desc_ptr {
	u16 limit;
	u64 base;
} __attribute__((packed));

/* An interrupt gate (IF cleared on entry) to handler; ist 0: the current stack. */
static inline struct idt_gate idt_gate(const void *handler, u8 ist)
{
	u64 a = (u64)(uintptr_t)handler;

	return (struct idt_gate){(u16)a, SEL_CODE, ist, 0x8e, (u16)(a >> 16), (u32)(a >> 32), 0};
}

/* Loads gdt (selectors as above) and reloads CS, DS, ES and SS from it. */
static inline void load_gdt(const u64 *gdt, u16 bytes)
{
	struct desc_ptr g = {(u16)(bytes - 1), (u64)(uintptr_t)gdt};

	__asm__ volatile("lgdt %0\n\t"
			 "pushq %1\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\tmovl %2, %%eax\n\t"
			 "movl %%eax, %%ds\n\tmovl %%eax, %%es\n\tmovl %%eax, %%ss"
			 :
			 : "m"(g), "i"(SEL_CODE), "i"(SEL_DATA)
			 : "rax", "memory");
}

static inline void load_idt(const struct idt_gate *idt, u16 bytes)
{
	struct desc_ptr i = {(u16)(bytes - 1), (u64)(uintptr_t)idt};

	__asm__ volatile("lidt %0" : : "m"(i) : "memory");
}

#endif
