// SPDX-License-Identifier: GPL-2.0
/*
 * x86-64 side of the partition runtime: its own GDT and IDT (the boot
 * state has neither), interrupt handlers by vector, the TSC as the
 * counter (frequency from Bulkhead's CPUID leaf 0x40000010), and the
 * 16550 console on I/O ports.
 */
#include <bulkhead/types.h>
#include <asm/desc.h>
#include <asm/io.h>
#include "part.h"

struct trap_frame {
	u64 r11, r10, r9, r8, rdi, rsi, rdx, rcx, rax;
	u64 vector, error, rip, cs, rflags, rsp, ss;
};

static const u64 gdt[3] = { 0, GDT_CODE64, GDT_DATA };
static struct idt_gate idt[256] __attribute__((aligned(16)));
static irq_handler_t handlers[256];
static u64 tsc_hz;
extern char part_trap_stubs[], part_irq_stub[];

void part_cpu_setup(bool primary)
{
	u32 a, b, c, d;

	if (primary) {
		for (u32 v = 0; v < 32; v++)
			idt[v] = idt_gate(part_trap_stubs + 16 * v, 0);
		idt[PART_BUS_IRQ] = idt_gate(part_irq_stub, 0);
		cpuid(0x40000000, 0, &a, &b, &c, &d);
		if (a >= 0x40000010) {
			cpuid(0x40000010, 0, &a, &b, &c, &d);
			tsc_hz = (u64)a * 1000;
		}
		if (!tsc_hz)
			tsc_hz = 1000000000ULL; /* not under Bulkhead: a guess beats a division by 0 */
	}
	load_gdt(gdt, sizeof(gdt));
	load_idt(idt, sizeof(idt));
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
	return rdtsc();
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

	cpuid(1, 0, &a, &b, &c, &d);
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
