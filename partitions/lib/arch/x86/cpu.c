// SPDX-License-Identifier: GPL-2.0
/*
 * x86-64 side of the partition runtime: its own GDT and IDT (the boot
 * state has neither), interrupt handlers by vector with the x2APIC's EOI,
 * the TSC as the counter (frequency from Bulkhead's CPUID leaf 0x40000010)
 * and its deadline as the timer, and the 16550 console on I/O ports.
 */
#include <bulkhead/types.h>
#include <asm/desc.h>
#include <asm/io.h>
#include "entry.h"
#include "part.h"

struct trap_frame {
	u64 r11, r10, r9, r8, rdi, rsi, rdx, rcx, rax;
	u64 vector, error, rip, cs, rflags, rsp, ss;
};

/* Kernel code and data, user data and code (for part_hypercall_malformed), a TSS. */
static u64 gdt[7] = {0, GDT_CODE64, GDT_DATA, GDT_DATA | BIT(45) | BIT(46),
		     GDT_CODE64 | BIT(45) | BIT(46)};
static struct {
	u32 reserved;
	u64 rsp0; /* the stack an interrupt from CPL 3 switches to */
	u8 rest[92];
} __attribute__((packed)) tss;
static u8 tss_stack[4096] __attribute__((aligned(16)));
static struct idt_gate idt[256] __attribute__((aligned(16)));
static irq_handler_t handlers[256];
static u64 tsc_hz;

void part_cpu_setup(bool primary)
{
	u32 a, b, c, d;

	if (primary) {
		for (u32 v = 0; v < 32; v++)
			idt[v] = idt_gate(part_trap_stubs + 16 * v, 0);
		for (u32 v = 32; v < 256; v++)
			idt[v] = idt_gate(part_irq_stubs + 16 * (v - 32), 0);
		idt[USER_RETURN_VECTOR] = idt_gate(part_user_return, 0);
		idt[USER_RETURN_VECTOR].type = 0xee; /* DPL 3: CPL 3 code may raise it */
		{
			u64 b = (u64)(uintptr_t)&tss, l = sizeof(tss) - 1;

			tss.rsp0 = (u64)(uintptr_t)(tss_stack + sizeof(tss_stack));
			gdt[5] = (l & 0xffff) | (b & 0xffffff) << 16 | 0x89ULL << 40 |
				 ((l >> 16) & 0xf) << 48 | ((b >> 24) & 0xff) << 56;
			gdt[6] = b >> 32;
		}
		cpuid(0x40000000, 0, &a, &b, &c, &d);
		if (a >= 0x40000010) {
			cpuid(0x40000010, 0, &a, &b, &c, &d);
			tsc_hz = (u64)a * 1000;
		}
		if (!tsc_hz)
			tsc_hz =
			    1000000000ULL; /* not under Bulkhead: a guess beats a division by 0 */
	}
	load_gdt(gdt, sizeof(gdt));
	load_idt(idt, sizeof(idt));
	if (primary)
		__asm__ volatile("ltr %w0"
				 :
				 : "r"(SEL_TSS)); /* one TSS: CPL 3 trips on vCPU 0 only */
	/*
	 * This CPU's x2APIC (Bulkhead starts it in x2APIC mode) on, its timer in
	 * TSC-deadline mode: a wait's alarm must wake HLT even before irq_init.
	 */
	wrmsr(X2APIC_SVR, BIT(8) | 0xff);
	wrmsr(X2APIC_LVT_TIMER, (2U << 17) | TIMER_IRQ);
}

const void *part_set_vector(u32 vector, const void *handler)
{
	struct idt_gate *g = &idt[vector & 0xff];
	const void *old =
	    (const void *)(uintptr_t)((u64)g->off_hi << 32 | (u64)g->off_mid << 16 | g->off_lo);

	*g = idt_gate(handler, 0);
	return old;
}

void part_trap(struct trap_frame *f)
{
	if (f->vector >= 32) {
		irq_handler_t h = handlers[f->vector & 0xff];

		if (h)
			h((u32)f->vector);
		if (f->vector != 0xff) /* the spurious vector takes no EOI */
			wrmsr(X2APIC_EOI, 0);
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
	(void)intid; /* every vector is open; the local APIC's TPR stays 0 */
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

void timer_set(u64 deadline)
{
	wrmsr(MSR_TSC_DEADLINE, deadline ? deadline : 1); /* 0 would disarm it */
}

void timer_stop(void)
{
	wrmsr(MSR_TSC_DEADLINE, 0);
}

u32 this_cpu(void)
{
	u32 a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	return b >> 24;
}

/* Interrupts stay on, as WFI leaves them on arm64: handlers keep running. */
void idle(void)
{
	for (;;)
		__asm__ volatile("sti; hlt" ::: "memory");
}

int part_uart_getc_at(u64 base)
{
	u16 port = (u16)base;

	if (!port || !(inb(port + 5) & 0x01)) /* LSR: data ready */
		return -1;
	return inb(port);
}

int part_uart_getc(void)
{
	return part_uart_getc_at(part.uart_base);
}

void part_uart_rx_irq_at(u64 base, bool on)
{
	u16 port = (u16)base;

	if (!port)
		return;
	outb(port + 4,
	     on ? inb(port + 4) | 0x08 : inb(port + 4) & ~0x08); /* MCR OUT2: the PC's IRQ gate */
	outb(port + 1, on ? 1 : 0);				 /* IER: received data */
}

void part_uart_rx_irq(bool on)
{
	part_uart_rx_irq_at(part.uart_base, on);
}

static void ns16550_putc(u16 port, char c)
{
	while (!(inb(port + 5) & 0x20)) /* LSR: THR empty */
		;
	outb(port, (u8)c);
}

void part_uart_putc(char c)
{
	if (part.uart_base)
		ns16550_putc((u16)part.uart_base, c);
}

void part_uart_puts_at(u64 base, const char *s)
{
	while (base && *s)
		ns16550_putc((u16)base, *s++);
}
