// SPDX-License-Identifier: GPL-2.0
/* Partition runtime start-up: MMU, vectors, what the partition's DTB says. */
#include <libfdt.h>
#include <string.h>
#include <asm/sysreg.h>
#include "bus.h"
#include "part.h"

struct part_info part;
u64 part_boot_tick; /* the counter at entry (start.S), for the boot benchmark */
u8 part_stacks[PART_MAX_CPUS][16384] __attribute__((aligned(16)));
extern char part_vectors[];

/* Identity map: 1 GiB blocks (device), 2 MiB blocks inside RAM's gigabytes (normal). */
static u64 l1[512] __attribute__((aligned(4096)));
static u64 l2[4][512] __attribute__((aligned(4096)));

#define BLK_NORMAL ((1ULL << 2) | (3ULL << 8) | (1ULL << 10) | 1) /* attr1 WB, ISH, AF */
#define BLK_DEVICE ((0ULL << 2) | (1ULL << 10) | (1ULL << 54) | 1) /* attr0 nGnRE, AF, XN */

/* Normal memory, 2 MiB granular: RAM and the VMBus regions (rings need WB, as the peer maps them). */
static u64 nbase[PART_MAX_CHANS + 2], nsize[PART_MAX_CHANS + 2];
static u32 nr_normal;

static bool normal_2m(u64 a, u64 len)
{
	for (u32 i = 0; i < nr_normal; i++)
		if (a < nbase[i] + nsize[i] && nbase[i] < a + len)
			return true;
	return false;
}

static void mmu_build(void)
{
	u32 used = 0;

	nbase[0] = part.mem_base;
	nsize[0] = part.mem_size;
	nr_normal = 1 + bus_shared_ranges(nbase + 1, nsize + 1, PART_MAX_CHANS + 1);
	for (u64 g = 0; g < 512; g++) {
		u64 gb = g << 30;

		if (!normal_2m(gb, 1ULL << 30) || used == 4) {
			l1[g] = gb | BLK_DEVICE;
			continue;
		}
		for (u64 m = 0; m < 512; m++) {
			u64 a = gb + (m << 21);

			l2[used][m] = a | (normal_2m(a, 1ULL << 21) ? BLK_NORMAL : BLK_DEVICE);
		}
		l1[g] = (u64)(uintptr_t)l2[used++] | 3;
	}
}

static void mmu_on(void)
{
	write_sysreg(mair_el1, 0xff04UL); /* attr0 Device-nGnRE, attr1 Normal WB */
	write_sysreg(tcr_el1, 25UL | (1UL << 8) | (1UL << 10) | (3UL << 12) | (1UL << 23) |
				      (2UL << 32)); /* T0SZ 39 bits, no TTBR1 walks, 40-bit PA */
	write_sysreg(ttbr0_el1, (u64)(uintptr_t)l1);
	dsb_sy();
	__asm__ volatile("tlbi vmalle1\n dsb nsh\n isb" ::: "memory");
	write_sysreg(sctlr_el1, read_sysreg(sctlr_el1) | BIT(0) | BIT(2) | BIT(12));
	isb();
}

static void cpu_setup(void)
{
	write_sysreg(vbar_el1, (u64)(uintptr_t)part_vectors);
	write_sysreg(cpacr_el1, 3UL << 20);
	/* Counter event stream (EVNTEN, bit 14: every 2^15 ticks): bounds every WFE wait. */
	write_sysreg(cntkctl_el1, read_sysreg(cntkctl_el1) | BIT(2) | (14UL << 4));
	isb();
	mmu_on();
}

u64 part_read_cells(const void *cells, int n)
{
	const fdt32_t *p = cells;
	u64 v = 0;

	for (int i = 0; i < n; i++)
		v = (v << 32) | fdt32_to_cpu(p[i]);
	return v;
}

static void parse_dtb(const void *fdt)
{
	int node, len;
	const fdt32_t *reg;
	const char *path;

	part.fdt = fdt;
	node = fdt_path_offset(fdt, "/chosen");
	part.name = node >= 0 ? fdt_getprop(fdt, node, "bulkhead,partition-name", NULL) : NULL;
	if (!part.name)
		part.name = "?";
	part.bootargs = node >= 0 ? fdt_getprop(fdt, node, "bootargs", NULL) : NULL;
	if (!part.bootargs)
		part.bootargs = "";
	path = node >= 0 ? fdt_getprop(fdt, node, "stdout-path", NULL) : NULL;
	if (path) {
		int u = fdt_path_offset(fdt, path);

		reg = u >= 0 ? fdt_getprop(fdt, u, "reg", &len) : NULL;
		if (reg && len >= 16)
			part.uart_base = part_read_cells(reg, 2);
	}
	node = fdt_path_offset(fdt, "/cpus");
	if (node >= 0) {
		int c;

		fdt_for_each_subnode(c, fdt, node) {
			const char *dt = fdt_getprop(fdt, c, "device_type", NULL);

			if (dt && !strcmp(dt, "cpu"))
				part.nr_cpus++;
		}
	}
	node = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory", sizeof("memory"));
	reg = node >= 0 ? fdt_getprop(fdt, node, "reg", &len) : NULL;
	if (reg && len >= 16) {
		part.mem_base = part_read_cells(reg, 2);
		part.mem_size = part_read_cells(reg + 2, 2);
	}
	node = fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3");
	reg = node >= 0 ? fdt_getprop(fdt, node, "reg", &len) : NULL;
	if (reg && len >= 32) {
		part.gicd_base = part_read_cells(reg, 2);
		part.gicr_base = part_read_cells(reg + 4, 2);
	}
	bus_parse_dtb(fdt);
}

void runtime_start(const void *fdt)
{
	/* MMU off: keep the DTB reads aligned (libfdt is; -mstrict-align). */
	parse_dtb(fdt);
	mmu_build();
	cpu_setup();
	if (part_nr_chans) {
		irq_init();
		bus_irq_enable();
		console_bus_attach();
	}
	main();
	idle();
}

__attribute__((weak)) void secondary_main(u32 cpu)
{
	(void)cpu;
	idle();
}

void runtime_secondary(u32 cpu)
{
	cpu_setup();
	secondary_main(cpu);
	idle();
}

static void alarm_rang(u32 intid)
{
	(void)intid;
	write_sysreg(cntv_ctl_el0, 2UL); /* IMASK: the condition stays, the interrupt goes */
}

bool part_wait_until(volatile u32 *v, u32 want, u64 deadline)
{
	irq_handler_t h = irq_handler(VTIMER_PPI);
	bool alarm = !h || h == alarm_rang;
	bool ok = true;

	if (alarm) {
		if (!h) { /* once: enabling it traps to the hypervisor */
			irq_register(VTIMER_PPI, alarm_rang);
			irq_enable(VTIMER_PPI);
		}
		write_sysreg(cntv_cval_el0, deadline);
		write_sysreg(cntv_ctl_el0, 1UL);
		isb();
	}
	while (__atomic_load_n(v, __ATOMIC_ACQUIRE) != want) {
		if (timer_now() >= deadline) {
			ok = false;
			break;
		}
		if (alarm) {
			u64 f = irq_save();

			/* IRQs masked: one that arrives before the WFI still ends it. */
			if (__atomic_load_n(v, __ATOMIC_ACQUIRE) != want)
				cpu_wait_irq();
			irq_restore(f);
		} else {
			cpu_wait_event();
		}
	}
	if (alarm)
		write_sysreg(cntv_ctl_el0, 0UL);
	return ok;
}

void part_sleep_ms(u32 ms)
{
	static volatile u32 never;

	part_wait_until(&never, 1, timer_now() + timer_freq() / 1000 * ms);
}

bool part_has_arg(const char *word)
{
	size_t n = strlen(word);

	for (const char *a = part.bootargs; *a;) {
		while (*a == ' ')
			a++;
		if (!strncmp(a, word, n) && (a[n] == ' ' || a[n] == '\0'))
			return true;
		while (*a && *a != ' ')
			a++;
	}
	return false;
}

u32 this_cpu(void)
{
	return (u32)(read_sysreg(mpidr_el1) & 0xff);
}

void idle(void)
{
	for (;;)
		wfi();
}

void fatal_exception(u64 esr, u64 elr, u64 far)
{
	printf("fatal exception: ESR 0x%llx at 0x%llx (FAR 0x%llx)\n", (unsigned long long)esr,
	       (unsigned long long)elr, (unsigned long long)far);
	idle();
}
