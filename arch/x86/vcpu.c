// SPDX-License-Identifier: GPL-2.0
/*
 * Running a vCPU under SVM and handling its exits. A vCPU starts in 64-bit
 * long mode, paging on through an identity map (1 GiB pages) that the
 * hypervisor writes into the first 8 KiB of the partition's RAM, RIP at its
 * entry, RDI = its DTB: the x86 counterpart of the arm64 boot protocol.
 *
 * Hypercalls: VMMCALL with the arm64 numbers (core/hypercall.c); x0..x11
 * are RAX, RBX, RCX, RDX, RSI, RDI, R8..R13.
 * Exits the hypervisor cannot handle stop this partition only.
 */
#include <string.h>
#include <asm/io.h>
#include <asm/ioapic.h>
#include <asm/lapic.h>
#include <asm/svm.h>
#include <asm/vlapic.h>
#include <vmbus/bus.h>
#include "console.h"
#include "partition.h"
#include "x86.h"

struct vcpu *current_vcpu[CONFIG_NR_CPUS];
u32 ioapic_pins; /* the board IOAPIC's, for the partitions' virtual ones */

void arch_system_init(void)
{
	if (svm_check()) {
		for (;;)
			__asm__ volatile("cli; hlt");
	}
	svm_cpu_init(arch_cpu_id());
	ioapic_pins = ioapic_init();
}

static void set_seg(struct vmcb *vm, u32 off, u16 sel, u16 attr, u32 limit, u64 base)
{
	VMCB16(vm, off) = sel;
	VMCB16(vm, off + 2) = attr;
	VMCB32(vm, off + 4) = limit;
	VMCB64(vm, off + 8) = base;
}

/* Identity map of the partition's first 512 GiB of guest-physical space. */
static void write_boot_tables(struct partition *p)
{
	u64 *pml4 = phys_to_virt(p->cfg->ram_pa), *pdpt = pml4 + 512;

	memset(pml4, 0, BH_X86_BOOT_TABLES_SIZE);
	pml4[0] = (p->cfg->ram_ipa + 0x1000) | 0x7;
	for (u64 i = 0; i < 512; i++)
		pdpt[i] = (i << 30) | 0x87; /* P, RW, US, PS */
}

/* The state a SIPI leaves a CPU in: real mode, CS:IP = (page >> 4):0. */
static void real_mode_start(struct vmcb *vm, u64 page)
{
	set_seg(vm, VMCB_CS, (u16)(page >> 4), 0x9b, 0xffff, page);
	set_seg(vm, VMCB_DS, 0, 0x93, 0xffff, 0);
	set_seg(vm, VMCB_ES, 0, 0x93, 0xffff, 0);
	set_seg(vm, VMCB_SS, 0, 0x93, 0xffff, 0);
	set_seg(vm, VMCB_FS, 0, 0x93, 0xffff, 0);
	set_seg(vm, VMCB_GS, 0, 0x93, 0xffff, 0);
	set_seg(vm, VMCB_TR, 0, 0x8b, 0xffff, 0);
	set_seg(vm, VMCB_LDTR, 0, 0x82, 0xffff, 0);
	set_seg(vm, VMCB_GDTR, 0, 0, 0xffff, 0);
	set_seg(vm, VMCB_IDTR, 0, 0, 0xffff, 0);
	VMCB64(vm, VMCB_EFER) = EFER_SVME; /* VMRUN's requirement; the guest reads 0 */
	VMCB64(vm, VMCB_CR0) = 0x10;	   /* ET: no paging, no protection */
	VMCB64(vm, VMCB_CR3) = 0;
	VMCB64(vm, VMCB_CR4) = 0;
	VMCB64(vm, VMCB_RIP) = 0;
	VMCB64(vm, VMCB_RSP) = 0;
	VMCB8(vm, VMCB_CPL) = 0;
}

static void vmcb_reset(struct vcpu *v, struct vmcb *vm, u64 entry, u64 arg)
{
	struct partition *p = v->part;

	memset(vm, 0, sizeof(*vm));
	VMCB32(vm, VMCB_INTERCEPT1) = INT1_INTR | INT1_NMI | INT1_INIT | INT1_CPUID | INT1_HLT |
				      INT1_IOIO | INT1_MSR | INT1_SHUTDOWN;
	VMCB32(vm, VMCB_INTERCEPT2) = INT2_VMRUN | INT2_VMMCALL | INT2_VMLOAD | INT2_VMSAVE |
				      INT2_STGI | INT2_CLGI | INT2_SKINIT | INT2_XSETBV;
	VMCB64(vm, VMCB_IOPM_PA) = p->arch.iopm_pa;
	VMCB64(vm, VMCB_MSRPM_PA) = (u64)(uintptr_t)svm_msrpm;
	VMCB32(vm, VMCB_ASID) = p->cfg->id + 1;
	VMCB8(vm, VMCB_TLB_CTL) = 1; /* flush this ASID on the first VMRUN */
	VMCB64(vm, VMCB_INT_CTL) = INT_CTL_V_INTR_MASKING;
	VMCB64(vm, VMCB_NP_CTL) = 1;
	VMCB64(vm, VMCB_NCR3) = p->arch.ncr3;

	set_seg(vm, VMCB_CS, 0x08, 0x29b, 0xffffffff, 0); /* 64-bit code, DPL 0 */
	set_seg(vm, VMCB_DS, 0x10, 0xc93, 0xffffffff, 0);
	set_seg(vm, VMCB_ES, 0x10, 0xc93, 0xffffffff, 0);
	set_seg(vm, VMCB_SS, 0x10, 0xc93, 0xffffffff, 0);
	set_seg(vm, VMCB_FS, 0x10, 0xc93, 0xffffffff, 0);
	set_seg(vm, VMCB_GS, 0x10, 0xc93, 0xffffffff, 0);
	set_seg(vm, VMCB_TR, 0, 0x8b, 0x67, 0);
	set_seg(vm, VMCB_LDTR, 0, 0x82, 0, 0);
	set_seg(vm, VMCB_GDTR, 0, 0, 0, 0);
	set_seg(vm, VMCB_IDTR, 0, 0, 0, 0);
	VMCB64(vm, VMCB_EFER) = EFER_LME | EFER_LMA | EFER_NXE | EFER_SVME;
	VMCB64(vm, VMCB_CR0) = 0x80000031ULL; /* PG, NE, ET, PE */
	VMCB64(vm, VMCB_CR3) = p->cfg->ram_ipa;
	VMCB64(vm, VMCB_CR4) = BIT(5); /* PAE */
	VMCB64(vm, VMCB_DR7) = 0x400;
	VMCB64(vm, VMCB_DR6) = 0xffff0ff0;
	VMCB64(vm, VMCB_RFLAGS) = 2;
	VMCB64(vm, VMCB_RIP) = entry;
	VMCB64(vm, VMCB_RSP) = 0;
	VMCB64(vm, VMCB_RAX) = 0;
	VMCB64(vm, VMCB_G_PAT) = 0x0007040600070406ULL;
	memset(&v->arch.regs, 0, sizeof(v->arch.regs));
	vlapic_reset(&v->arch.lapic);
	if (v->arch.real_mode) {
		real_mode_start(vm, entry);
		v->arch.real_mode = false;
		return;
	}
	if (p->cfg->boot == BH_BOOT_LINUX_X86) {
		v->arch.regs.rsi = arg; /* struct boot_params; RDI is nothing to Linux */
	} else {
		v->arch.regs.rdi = arg;
		v->arch.regs.rsi = v->index;
	}
}

static void inject_exception(struct vmcb *vm, u32 vec, bool err, u32 code)
{
	VMCB64(vm, VMCB_EVENTINJ) =
	    EVENTINJ_VALID | EVENTINJ_EXC | vec | (err ? EVENTINJ_ERR | (u64)code << 32 : 0);
}

static void skip(struct vmcb *vm, u32 len)
{
	VMCB64(vm, VMCB_RIP) += len; /* TCG has no nRIP: the lengths are fixed per exit */
	VMCB64(vm, VMCB_INT_SHADOW) = 0;
}

/* x0..x11 of core/hypercall.c, from and back to the guest's registers. */
static void do_hypercall(struct vcpu *v, struct vmcb *vm)
{
	struct guest_gprs *g = &v->arch.regs;
	u64 x[12] = {VMCB64(vm, VMCB_RAX),
		     g->rbx,
		     g->rcx,
		     g->rdx,
		     g->rsi,
		     g->rdi,
		     g->r8,
		     g->r9,
		     g->r10,
		     g->r11,
		     g->r12,
		     g->r13};

	skip(vm, 3);
	/* Only the partition's kernel may call: CPL 3 code gets NOT_SUPPORTED, as HVC is UNDEFINED
	 * at EL0. */
	if (VMCB8(vm, VMCB_CPL)) {
		VMCB64(vm, VMCB_RAX) = (u64)-1;
		return;
	}
	hypercall(v, x);
	VMCB64(vm, VMCB_RAX) = x[0];
	g->rbx = x[1], g->rcx = x[2], g->rdx = x[3], g->rsi = x[4], g->rdi = x[5];
	g->r8 = x[6], g->r9 = x[7], g->r10 = x[8], g->r11 = x[9], g->r12 = x[10], g->r13 = x[11];
}

/*
 * CPUID policy: the host's answers, minus what partitions must not use
 * (SVM itself, MONITOR) or that is not virtualised (machine checks, MTRRs,
 * TSC_AUX), plus the emulated x2APIC with TSC deadline, APIC
 * IDs = vCPU indices, the hypervisor bit and leaf 0x40000000 naming Bulkhead.
 */
static void do_cpuid(struct vcpu *v, struct vmcb *vm)
{
	struct guest_gprs *g = &v->arch.regs;
	u32 leaf = (u32)VMCB64(vm, VMCB_RAX), sub = (u32)g->rcx, a, b, c, d;

	if (leaf >= 0x40000000 && leaf < 0x40000100) {
		/* 0x40000000: the highest leaf and "BulkheadHV  "; 0x40000010: TSC kHz. */
		a = b = c = d = 0;
		if (leaf == 0x40000000) {
			a = 0x40000010;
			memcpy(&b, "Bulk", 4);
			memcpy(&c, "head", 4);
			memcpy(&d, "HV  ", 4);
		} else if (leaf == 0x40000010) {
			a = (u32)(arch_counter_freq() / 1000);
			b = a; /* the local APIC timer's input clock: the TSC's */
		}
	} else {
		cpuid(leaf, sub, &a, &b, &c, &d);
		if (leaf == 1 || leaf == 0x80000001)
			d &= ~(BIT(7) | BIT(12) | BIT(14)); /* MCE, MTRR, MCA: not virtualised */
		if (leaf == 1) {
			c &= ~(BIT(3) | BIT(5));	  /* MONITOR, VMX */
			c |= BIT(21) | BIT(24) | BIT(31); /* x2APIC, TSC deadline, hypervisor */
			b = (b & 0x00ffffff) | v->index << 24;
		} else if (leaf == 0xb || leaf == 0x1f) {
			d = v->index; /* the x2APIC ID */
		} else if (leaf == 7 && sub == 0) {
			c &= ~BIT(22); /* RDPID: TSC_AUX is not switched per partition */
		} else if (leaf == 0x80000001) {
			c &= ~BIT(2);  /* SVM */
			d &= ~BIT(27); /* RDTSCP, as RDPID */
		} else if (leaf == 0x8000000a) {
			a = b = c = d = 0;
		}
	}
	VMCB64(vm, VMCB_RAX) = a;
	g->rbx = b, g->rcx = c, g->rdx = d;
	skip(vm, 2);
}

#define MSR_AMD_NB_CFG 0xc001001fU

/*
 * MSRs held in the VMCB are the guest's own, the x2APIC's are emulated
 * (vlapic.c), a few are answered; the rest #GP.
 */
static void do_msr(struct vcpu *v, struct vmcb *vm)
{
	struct guest_gprs *g = &v->arch.regs;
	bool wr = VMCB64(vm, VMCB_EXITINFO1) & 1;
	u32 msr = (u32)g->rcx;
	u64 val = (g->rdx << 32) | (u32)VMCB64(vm, VMCB_RAX);
	u32 off = 0;
	bool refuse;

	if (vlapic_msr(v, msr, wr, &val, &refuse)) {
		if (refuse)
			goto gp;
		goto done;
	}
	switch (msr) {
	case MSR_EFER:
		if (wr)
			val |= EFER_SVME; /* required by VMRUN; the guest never sees it */
		else
			val = VMCB64(vm, VMCB_EFER) & ~EFER_SVME;
		off = VMCB_EFER;
		break;
	case MSR_PAT:
		off = VMCB_G_PAT;
		break;
	case MSR_FS_BASE:
		off = VMCB_FS + 8;
		break;
	case MSR_GS_BASE:
		off = VMCB_GS + 8;
		break;
	case 0xc0000102:
		off = VMCB_KERNEL_GS_BASE;
		break;
	case 0xc0000081:
		off = VMCB_STAR;
		break;
	case 0xc0000082:
		off = VMCB_LSTAR;
		break;
	case 0xc0000083:
		off = VMCB_CSTAR;
		break;
	case 0xc0000084:
		off = VMCB_SFMASK;
		break;
	case 0x174:
		off = VMCB_SYSENTER_CS;
		break;
	case 0x175:
		off = VMCB_SYSENTER_ESP;
		break;
	case 0x176:
		off = VMCB_SYSENTER_EIP;
		break;
	case MSR_AMD_NB_CFG: /* Linux sets a northbridge option there is none of: read 0, drop */
		val = 0;
		break;
	case 0x10: /* TSC */
		if (wr)
			goto gp;
		val = rdtsc();
		break;
	case MSR_APIC_BASE:
		if (!vlapic_apic_base(v, wr, &val))
			goto gp;
		break;
	default:
		goto gp;
	}
	if (off && wr)
		VMCB64(vm, off) = val;
	else if (off && msr != MSR_EFER)
		val = VMCB64(vm, off);
done:
	if (!wr) {
		VMCB64(vm, VMCB_RAX) = (u32)val;
		g->rdx = val >> 32;
	}
	skip(vm, 2);
	return;
gp:
	inject_exception(vm, 13, true, 0);
}

static int pit_io(struct partition *p, u16 port, bool in, u32 size, u32 *val)
{
	int r;

	if (size != 1)
		return -1;
	spin_lock(&p->arch.pit_lock);
	r = vpit_io(&p->arch.pit, rdtsc(), arch_counter_freq(), port, in, val);
	spin_unlock(&p->arch.pit_lock);
	return r;
}

/* Port I/O: the emulated 16550, PIT counter 2, ACPI registers and the watchdog; other ports read
 * as absent hardware, writes are dropped. */
static void do_io(struct vcpu *v, struct vmcb *vm)
{
	u64 info = VMCB64(vm, VMCB_EXITINFO1);
	u16 port = (u16)(info >> 16);
	bool in = info & 1;
	u32 size = (info & BIT(6)) ? 4 : (info & BIT(5)) ? 2 : 1;
	u32 val = (u32)VMCB64(vm, VMCB_RAX);

	if (info & BIT(2)) /* INS/OUTS: nothing the partitions need; refuse */
		partition_fault(v, "string port I/O at port 0x%x at 0x%llx", port,
				(unsigned long long)VMCB64(vm, VMCB_RIP));
	if (vuart_io(v, port, in, size, &val) && pit_io(v->part, port, in, size, &val) &&
	    vacpi_io(v, port, in, size, &val) && vib700_io(v, port, in, size, &val) && in)
		val = 0xffffffff;
	if (in) {
		u64 mask = size == 4 ? 0xffffffffULL : (1ULL << (8 * size)) - 1;

		VMCB64(vm, VMCB_RAX) = (VMCB64(vm, VMCB_RAX) & ~mask) | (val & mask);
	}
	VMCB64(vm, VMCB_RIP) = VMCB64(vm, VMCB_EXITINFO2); /* the next instruction */
}

/* Physical interrupts wait under GIF = 0; a short IF window takes them here. */
static void take_host_irqs(void)
{
	__asm__ volatile("sti; nop; cli" ::: "memory");
}

/* HLT: sleep until this vCPU has an interrupt it takes, or must stop. */
static void do_hlt(struct vcpu *v, struct vmcb *vm)
{
	skip(vm, 1);
	while (!vlapic_wakes(v, vm) && !partition_stop_requested(v)) {
		vib700_check(v); /* its expiry is what woke it, maybe */
		arch_vcpu_irq_poll();
		arch_wait_event();
	}
}

/*
 * A guest-physical access its nested page table refuses: a modelled MMIO
 * page, an access to nothing its on-bad-access policy lets complete, or
 * the partition stops (as arm64's).
 */
static void do_npf(struct vcpu *v, struct vmcb *vm)
{
	u64 info = VMCB64(vm, VMCB_EXITINFO1), gpa = VMCB64(vm, VMCB_EXITINFO2);
	unsigned long long rip = VMCB64(vm, VMCB_RIP);
	const char *how = (info & BIT(4)) ? "execute" : (info & BIT(1)) ? "write" : "read";

	if (!(info & BIT(4)) && mmio_emulate(v, vm, gpa, info & BIT(1)))
		return; /* the xAPIC page, the IOAPIC's */
	if ((info & BIT(0)) && (info & BIT(1)))
		partition_fault(v,
				"nested page fault: write of 0x%llx, which it may only read, at "
				"0x%llx",
				(unsigned long long)gpa, rip);
	if (info & BIT(0))
		partition_fault(v,
				"nested page fault: %s of 0x%llx, which it may not %s, at 0x%llx",
				how, (unsigned long long)gpa, how, rip);
	/* on-bad-access = "abort": a MOV to nothing completes as on a PC; a fetch stops it. */
	if (v->part->cfg->on_bad_access == BH_BAD_ACCESS_ABORT && !(info & BIT(4)) &&
	    mmio_unbacked(v, vm, info & BIT(1))) {
		if (!__atomic_exchange_n(&v->part->bad_access_reported, 1, __ATOMIC_RELAXED))
			log_printf("%s: nested page fault: %s of 0x%llx, outside its memory and "
				   "devices at 0x%llx; no device answers: reads all-ones, writes "
				   "dropped (reported once)",
				   v->part->cfg->name, how, (unsigned long long)gpa, rip);
		return;
	}
	partition_fault(v,
			"nested page fault: %s of 0x%llx, outside its memory and devices at "
			"0x%llx",
			how, (unsigned long long)gpa, rip);
}

__attribute__((noreturn, used)) static void vcpu_loop(struct vcpu *v, u64 entry, u64 arg)
{
	u32 cpu = arch_cpu_id();
	struct vmcb *vm = svm_vmcb(cpu);
	struct partition *p = v->part;

	current_vcpu[cpu] = v;
	v->arch.vmcb = vm;
	if (v->index == 0) {
		write_boot_tables(p);
		vuart_reset(p);
		vpit_reset(&p->arch.pit);
		vioapic_reset(p);
		vib700_reset(p); /* once per start */
		if (p->cfg->boot == BH_BOOT_LINUX_X86)
			linux_boot_fill(p);
	}
	vmcb_reset(v, vm, entry, arg);
	for (;;) {
		u32 code;

		vib700_check(v);
		vlapic_enter(v, vm);
		svm_run((u64)(uintptr_t)vm, &v->arch.regs, svm_host_state(cpu));
		VMCB8(vm, VMCB_TLB_CTL) = 0;
		VMCB64(vm, VMCB_EVENTINJ) = 0; /* delivered, or back in EXITINTINFO */
		code = (u32)VMCB64(vm, VMCB_EXITCODE);
		switch (code) {
		case EXIT_INTR:
		case EXIT_NMI:
			take_host_irqs();
			arch_vcpu_irq_poll();
			break;
		case EXIT_VINTR: /* the window vlapic_enter asked for: inject now */
			break;
		case EXIT_VMMCALL:
			do_hypercall(v, vm);
			break;
		case EXIT_CPUID:
			do_cpuid(v, vm);
			break;
		case EXIT_MSR:
			do_msr(v, vm);
			break;
		case EXIT_IOIO:
			do_io(v, vm);
			break;
		case EXIT_HLT:
			do_hlt(v, vm);
			break;
		case EXIT_VMRUN:
		case EXIT_VMLOAD:
		case EXIT_VMSAVE:
		case EXIT_STGI:
		case EXIT_CLGI:
		case EXIT_SKINIT:
		case EXIT_XSETBV:
			inject_exception(vm, 6, false, 0); /* #UD: no nested virtualization */
			break;
		case EXIT_SHUTDOWN:
			partition_stop(v, (enum bh_restart)p->cfg->restart,
				       "triple fault (shutdown)");
		case EXIT_NPF:
			do_npf(v, vm);
			break;
		case EXIT_INVALID:
			partition_fault(v, "its vCPU state was refused by VMRUN at 0x%llx",
					(unsigned long long)VMCB64(vm, VMCB_RIP));
		default:
			partition_fault(v, "unhandled exit 0x%x (info 0x%llx) at 0x%llx", code,
					(unsigned long long)VMCB64(vm, VMCB_EXITINFO1),
					(unsigned long long)VMCB64(vm, VMCB_RIP));
		}
		if (partition_stop_requested(v))
			vcpu_park(v);
	}
}

/*
 * Console input is polled: on every exit that waits and while parked, on
 * every CPU. One CPU drains at a time (the others go on): two reading the
 * UART at once would hand its bytes on out of order.
 */
void arch_vcpu_irq_poll(void)
{
	static u32 draining;
	int c;

	while (__atomic_load_n(&x86_all_stop, __ATOMIC_ACQUIRE))
		__asm__ volatile("cli; hlt"); /* the system is halted (arch_system_off) */

	if (__atomic_exchange_n(&draining, 1, __ATOMIC_ACQUIRE))
		return;
	while ((c = arch_console_getc()) >= 0)
		console_input_char((char)c);
	__atomic_store_n(&draining, 0, __ATOMIC_RELEASE);
}

u64 arch_vcpu_pc(struct vcpu *v)
{
	return VMCB64(v->arch.vmcb, VMCB_RIP);
}

void arch_vcpu_bus_irq(struct vcpu *v)
{
	if (v->part->arch.ioapic.bus)
		vioapic_bus_irq(v->part); /* a GSI, to the vCPU its IOAPIC entry names */
	else
		vlapic_raise(v, VMBUS_BUS_VECTOR);
}

/*
 * Each start of a vCPU begins on a fresh stack: a restart is called from
 * deep inside the previous run's exit handling, which never returns.
 */
void arch_vcpu_run(struct vcpu *v, u64 entry, u64 arg)
{
	__asm__ volatile("mov %0, %%rsp\n\tcall *%1"
			 :
			 : "r"(stack_top(arch_cpu_id())), "r"(vcpu_loop), "D"(v), "S"(entry),
			   "d"(arg)
			 : "memory");
	__builtin_unreachable();
}
