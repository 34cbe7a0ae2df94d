// SPDX-License-Identifier: GPL-2.0
/*
 * Physical CPUs: our own GDT, TSS and IDT (u-boot's are unusable in long
 * mode), identification by APIC ID, per-CPU state, kicks between CPUs,
 * exceptions (fatal in the hypervisor: it never takes a fault by design),
 * board reset and power-off.
 */
#include <string.h>
#include <bulkhead/hv_config.h>
#include <asm/desc.h>
#include <asm/io.h>
#include <asm/ioapic.h>
#include <asm/lapic.h>
#include "arch.h"
#include "console.h"
#include "x86.h"

#define SEL_TSS 0x18

u8 hv_stacks[CONFIG_NR_CPUS][CONFIG_HV_STACK_SIZE] __attribute__((aligned(16))) __noinit;

struct tss {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3, iomap_base;
} __attribute__((packed));

struct trap_frame {
	u64 r15, r14, r13, r12, r11, r10, r9, r8, rbp, rdi, rsi, rdx, rcx, rbx, rax;
	u64 vector, error, rip, cs, rflags, rsp, ss;
};

static u64 gdt[CONFIG_NR_CPUS][5] __attribute__((aligned(16)));
static struct tss tss[CONFIG_NR_CPUS] __attribute__((aligned(16)));
static struct idt_gate idt[256] __attribute__((aligned(16)));
/* A fault on a broken stack (double fault) still gets a stack of its own. */
static u8 df_stacks[CONFIG_NR_CPUS][1024] __attribute__((aligned(16))) __noinit;

_Static_assert(BH_X86_GSI_HOST_VECTOR == 0x20 && BH_X86_MAX_GSI == 0x40,
	       "head.S has the stubs of vectors 0x20..0x5f");

static void load_tables(u32 cpu)
{
	u64 t = (u64)(uintptr_t)&tss[cpu];

	gdt[cpu][0] = 0;
	gdt[cpu][1] = GDT_CODE64;
	gdt[cpu][2] = GDT_DATA;
	gdt[cpu][3] = (sizeof(struct tss) - 1) | (t & 0xffffff) << 16 | 0x89ULL << 40 |
		      (t >> 24 & 0xff) << 56;
	gdt[cpu][4] = t >> 32;
	tss[cpu].ist[0] = (u64)(uintptr_t)(df_stacks[cpu] + sizeof(df_stacks[cpu]));
	tss[cpu].iomap_base = sizeof(struct tss);
	load_idt(idt, sizeof(idt));
	load_gdt(gdt[cpu], sizeof(gdt[cpu]));
	__asm__ volatile("movl %0, %%fs\n\tmovl %0, %%gs\n\tltr %w1"
			 :
			 : "r"(0), "r"((u16)SEL_TSS)
			 : "memory");
	wrmsr(MSR_GS_BASE, cpu); /* arch_cpu_id() */
}

/* This CPU's index in bh_system, from its APIC ID; -1 if it is not there. */
static s64 own_cpu_index(void)
{
	u32 a, b, c, d, id;

	cpuid(1, 0, &a, &b, &c, &d);
	id = b >> 24;
	for (u32 i = 0; i < bh_system.nr_cpus; i++)
		if (bh_system.cpu_mpidr[i] == id)
			return i;
	return -1;
}

/* head.S, on the boot stack, before anything can fault. */
s64 x86_early_init(void)
{
	s64 cpu = own_cpu_index();

	for (u32 v = 0; v < 32; v++)
		idt[v] = idt_gate(x86_trap_stubs + 16 * v, v == 8 ? 1 : 0);
	for (u32 v = 0xf0; v < 0x100; v++)
		idt[v] = idt_gate(x86_irq_stubs + 16 * (v - 0xf0), 0);
	for (u32 v = 0; v < BH_X86_MAX_GSI; v++)
		idt[BH_X86_GSI_HOST_VECTOR + v] = idt_gate(x86_gsi_stubs + 16 * v, 0);
	load_tables(cpu < 0 ? 0 : (u32)cpu);
	return cpu;
}

u64 stack_top(u64 cpu)
{
	return (u64)(uintptr_t)(hv_stacks[cpu] + CONFIG_HV_STACK_SIZE);
}

static const char *const exc_name[32] = {
    "divide error",
    "debug",
    "NMI",
    "breakpoint",
    "overflow",
    "bound range",
    "invalid opcode",
    "device not available",
    "double fault",
    "",
    "invalid TSS",
    "segment not present",
    "stack fault",
    "general protection",
    "page fault",
    "",
    "x87 error",
    "alignment check",
    "machine check",
    "SIMD error",
    "virtualization",
    "control protection",
};

void x86_trap(struct trap_frame *f)
{
	if (f->vector >= BH_X86_GSI_HOST_VECTOR &&
	    f->vector < BH_X86_GSI_HOST_VECTOR + BH_X86_MAX_GSI) {
		vioapic_host_irq((u32)f->vector - BH_X86_GSI_HOST_VECTOR); /* a partition's pin */
		lapic_eoi();
		return;
	}
	if (f->vector >= 0xf0) { /* kicks, timer, spurious: waking up was the point */
		if (f->vector == VEC_TIMER)
			lapic_timer_fired();
		if (f->vector != VEC_SPURIOUS)
			lapic_eoi();
		return;
	}
	if (f->vector == 2)
		return; /* NMI: nothing sends one on purpose */
	log_printf("fatal: %s (vector %llu, error 0x%llx) in the hypervisor at 0x%llx, cpu%u",
		   exc_name[f->vector & 31], (unsigned long long)f->vector,
		   (unsigned long long)f->error, (unsigned long long)f->rip, arch_cpu_id());
	if (f->vector == 14) {
		u64 cr2;

		__asm__ volatile("mov %%cr2, %0" : "=r"(cr2));
		log_printf("fatal: faulting address 0x%llx", (unsigned long long)cr2);
	}
	for (;;)
		__asm__ volatile("cli; hlt");
}

void early_puts(const char *s)
{
	while (*s)
		arch_console_putc(*s++);
}

/*
 * The CPUs this hypervisor runs (the boot CPU and every AP it started): the
 * only ones an event may wake. A CPU no partition owns stays where the
 * firmware left it (u-boot parks its APs in its own code), and an interrupt
 * there runs the firmware's handler: seen as u-boot SPL crashing on a
 * broadcast kick, its dump on the board UART (NR_CPUS is at most 64).
 */
static u64 cpus_running;

void arch_cpu_init(u32 cpu, bool primary)
{
	u64 cr0, cr4;

	if (!primary)
		load_tables(cpu);
	__asm__ volatile("mov %%cr0, %0" : "=r"(cr0));
	cr0 |= BIT(16);		     /* WP: no writes to read-only pages, even here */
	cr0 &= ~(BIT(29) | BIT(30)); /* NW, CD: INIT leaves the caches off */
	__asm__ volatile("mov %0, %%cr0" : : "r"(cr0));
	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	cr4 |= BIT(9) | BIT(10); /* OSFXSR, OSXMMEXCPT: guests may use SSE */
	__asm__ volatile("mov %0, %%cr4" : : "r"(cr4));
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
	if (primary) {
		outb(0x21, 0xff); /* both 8259s masked: u-boot leaves them open */
		outb(0xa1, 0xff);
		mmu_init();
		tsc_calibrate();
	}
	mmu_enable();
	lapic_init();
	if (!primary)
		svm_cpu_init(cpu); /* the boot CPU's comes with the check, in arch_system_init */
	__atomic_fetch_or(&cpus_running, BIT(cpu), __ATOMIC_RELEASE);
}

void arch_wait_event(void)
{
	/* STI's one-instruction shadow: a kick between the two still ends the HLT. */
	__asm__ volatile("sti; hlt; cli" ::: "memory");
}

/* No vCPU runs on this CPU while it waits: its LAPIC timer is free to wake it. */
void arch_wait_until(u64 deadline)
{
	lapic_timer_arm(deadline);
	if (arch_counter() < deadline)
		arch_wait_event();
}

void arch_send_event(void)
{
	u64 others = __atomic_load_n(&cpus_running, __ATOMIC_ACQUIRE) & ~BIT(arch_cpu_id());

	while (others) {
		u32 cpu = (u32)__builtin_ctzll(others);

		others &= others - 1;
		lapic_ipi((u32)bh_system.cpu_mpidr[cpu], VEC_KICK);
	}
}

void arch_cpu_kick(u32 cpu)
{
	if (cpu < bh_system.nr_cpus && cpu != arch_cpu_id())
		lapic_ipi((u32)bh_system.cpu_mpidr[cpu], VEC_KICK);
}

void arch_clear_memory(void *p, u64 size)
{
	__asm__ volatile("rep stosb" : "+D"(p), "+c"(size) : "a"(0) : "memory");
}

/*
 * The board's reset register as its system DT gives it (the FADT's), then
 * the keyboard controller's reset line; a triple fault if neither works.
 */
__attribute__((noreturn)) void arch_system_reset(void)
{
	if (bh_system.x86_reset_port)
		outb(bh_system.x86_reset_port, bh_system.x86_reset_value);
	outb(0x64, 0xfe);
	load_idt(NULL, 0);
	__asm__ volatile("int3");
	for (;;)
		__asm__ volatile("cli; hlt");
}

/*
 * ACPI S5: SLP_TYP and SLP_EN into PM1a control, as the system DT gives the
 * register (after turning on the chipset's PM decode where it says so). If
 * the board stays on, every other CPU is stopped so that nothing runs on
 * in a halted system.
 */
u32 x86_all_stop;

__attribute__((noreturn)) void arch_system_off(void)
{
	u32 cfg = bh_system.x86_pm_enable_cfg;

	if (bh_system.x86_pm_enable_bits) {
		u16 port = (u16)(0xcfc + (cfg & 3));

		outl(0xcf8, cfg & ~3U);
		outb(port, inb(port) | bh_system.x86_pm_enable_bits);
	}
	if (bh_system.x86_pm1a_cnt_port) {
		u64 end = arch_counter() + arch_counter_freq() / 10;

		outw(bh_system.x86_pm1a_cnt_port,
		     (u16)(BIT(13) | bh_system.x86_s5_sleep_type << 10));
		while (arch_counter() < end) /* the board goes off a moment after the write */
			cpu_relax();
	}
	__atomic_store_n(&x86_all_stop, 1, __ATOMIC_RELEASE);
	arch_send_event(); /* each CPU stops at its next exit (arch_vcpu_irq_poll) */
	log_printf("%s; all CPUs stopped", bh_system.x86_pm1a_cnt_port
					       ? "power-off did not take effect"
					       : "the board's system DT describes no power-off "
						 "(pm1a-control)");
	for (;;)
		__asm__ volatile("cli; hlt");
}

/*
 * No SHA-NI yet: it would be the hypervisor's first use of XMM registers
 * (the guest's, which SVM does not switch), and QEMU 7.2's TCG does not
 * implement it ("TCG doesn't support requested feature: sha-ni"), so it
 * could not be tested here. Images are hashed with mbedtls's portable code.
 */
sha256_blocks_fn *arch_sha256_blocks(const char **name)
{
	(void)name;
	return NULL;
}
