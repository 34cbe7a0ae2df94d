// SPDX-License-Identifier: GPL-2.0
/*
 * x86-64 side of the partition runtime: its own GDT and IDT (the boot
 * state has neither), interrupt handlers by vector, the TSC as the
 * counter (frequency from Bulkhead's CPUID leaf 0x40000010), and the
 * 16550 console on I/O ports.
 */
#include <bulkhead/types.h>
#include "part.h"

struct trap_frame {
	u64 r11, r10, r9, r8, rdi, rsi, rdx, rcx, rax;
	u64 vector, error, rip, cs, rflags, rsp, ss;
};

struct idt_gate {
	u16 off_lo, sel;
	u8 ist, type;
	u16 off_mid;
	u32 off_hi, reserved;
};

static const u64 gdt[3] = { 0, 0x00af9a000000ffffULL, 0x00cf92000000ffffULL };
static struct idt_gate idt[256] __attribute__((aligned(16)));
static irq_handler_t handlers[256];
static u64 tsc_hz;
extern char part_trap_stubs[], part_irq_stub[];

static inline void outb(u16 port, u8 v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline u8 inb(u16 port)
{
	u8 v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static void cpuid(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
	__asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(0));
}

static void set_gate(u32 vec, void *handler)
{
	u64 a = (u64)(uintptr_t)handler;

	idt[vec] = (struct idt_gate){ (u16)a, 0x08, 0, 0x8e, (u16)(a >> 16), (u32)(a >> 32), 0 };
}

void part_cpu_setup(bool primary)
{
	struct {
		u16 limit;
		u64 base;
	} __attribute__((packed)) g = { sizeof(gdt) - 1, (u64)(uintptr_t)gdt },
				  i = { sizeof(idt) - 1, (u64)(uintptr_t)idt };
	u32 a, b, c, d;

	if (primary) {
		for (u32 v = 0; v < 32; v++)
			set_gate(v, part_trap_stubs + 16 * v);
		set_gate(PART_BUS_IRQ, part_irq_stub);
		cpuid(0x40000000, &a, &b, &c, &d);
		if (a >= 0x40000010) {
			cpuid(0x40000010, &a, &b, &c, &d);
			tsc_hz = (u64)a * 1000;
		}
		if (!tsc_hz)
			tsc_hz = 1000000000ULL; /* not under Bulkhead: a guess beats a division by 0 */
	}
	__asm__ volatile("lgdt %0\n\t"
			 "pushq $0x08\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\tmovl $0x10, %%eax\n\t"
			 "movl %%eax, %%ds\n\tmovl %%eax, %%es\n\tmovl %%eax, %%ss\n\t"
			 "lidt %1"
			 :
			 : "m"(g), "m"(i)
			 : "rax", "memory");
}

void part_trap(struct trap_frame *f)
{
	if (f->vector >= 32) {
		irq_handler_t h = handlers[f->vector & 0xff];

		if (h)
			h((u32)f->vector);
		return;
	}
	printf("fatal exception: vector %llu, error 0x%llx at 0x%llx\n",
	       (unsigned long long)f->vector, (unsigned long long)f->error,
	       (unsigned long long)f->rip);
	idle();
}

void irq_init(void)
{
	__asm__ volatile("sti" ::: "memory");
}

void irq_register(u32 intid, irq_handler_t fn)
{
	if (intid < 256)
		handlers[intid] = fn;
}

void irq_enable(u32 intid)
{
	(void)intid; /* the vector is always open; the hypervisor raises it */
}

irq_handler_t irq_handler(u32 intid)
{
	return intid < 256 ? handlers[intid] : NULL;
}

u64 timer_now(void)
{
	u32 lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (u64)hi << 32 | lo;
}

u64 timer_freq(void)
{
	return tsc_hz;
}

/* No virtual timer yet: waits poll the counter. */
bool part_wait_until(volatile u32 *v, u32 want, u64 deadline)
{
	while (__atomic_load_n(v, __ATOMIC_ACQUIRE) != want)
		if (timer_now() >= deadline)
			return false;
		else
			cpu_wait_event();
	return true;
}

u32 this_cpu(void)
{
	u32 a, b, c, d;

	cpuid(1, &a, &b, &c, &d);
	return b >> 24;
}

void idle(void)
{
	for (;;)
		__asm__ volatile("cli; hlt" ::: "memory");
}

void part_uart_putc(char c)
{
	u16 port = (u16)part.uart_base;

	if (!port)
		return;
	while (!(inb(port + 5) & 0x20)) /* LSR: THR empty */
		;
	outb(port, (u8)c);
}
