// SPDX-License-Identifier: GPL-2.0
/* Partition runtime start-up: what the partition's DTB says, then main(). */
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>
#include "bus.h"
#include "part.h"
#include "runtime.h"

struct part_info part;
u64 part_boot_tick; /* the counter at entry (start.S), for the boot benchmark */
u8 part_stacks[PART_MAX_CPUS][16384] __attribute__((aligned(16)));

u64 part_read_cells(const void *cells, int n)
{
	const fdt32_t *p = cells;
	u64 v = 0;

	for (int i = 0; i < n; i++)
		v = (v << 32) | fdt32_to_cpu(p[i]);
	return v;
}

u64 part_uart_base_of(int node)
{
	int len;
	const fdt32_t *reg = node >= 0 ? fdt_getprop(part.fdt, node, "reg", &len) : NULL;

	if (reg && len == 12 && fdt32_to_cpu(reg[0]) == 1)
		return fdt32_to_cpu(reg[1]); /* ISA I/O port (x86) */
	if (reg && len >= 16)
		return part_read_cells(reg, 2);
	return 0;
}

u32 part_prop_u32(int node, const char *name, u32 dflt)
{
	int len;
	const fdt32_t *v = fdt_getprop(part.fdt, node, name, &len);

	return v && len == 4 ? fdt32_to_cpu(*v) : dflt;
}

u32 part_irq_of(int node)
{
	int len;
	const fdt32_t *v = fdt_getprop(part.fdt, node, "bulkhead,vector", &len);

	if (v && len == 4)
		return fdt32_to_cpu(*v);
	v = fdt_getprop(part.fdt, node, "interrupts", &len);
	if (!v)
		return 0;
	/* The interrupt parent: the nearest interrupt-parent up the tree. */
	for (int n = node; n >= 0; n = fdt_parent_offset(part.fdt, n)) {
		u32 ph = part_prop_u32(n, "interrupt-parent", 0), cells;
		int ctrl;

		if (!ph)
			continue;
		ctrl = fdt_node_offset_by_phandle(part.fdt, ph);
		cells = ctrl < 0 ? 0 : part_prop_u32(ctrl, "#interrupt-cells", 0);
		if (cells < 1 || cells > 4 || len < (int)cells * 4)
			return 0;
		return part_irq_spec(ctrl, v, (int)cells);
	}
	return 0;
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

		part.uart_base = part_uart_base_of(u);
		part.uart_cdns = u >= 0 && !fdt_node_check_compatible(fdt, u, "cdns,uart-r1p12");
		part.uart_irq = u >= 0 ? part_irq_of(u) : 0;
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
	part.gic_version = 3;
	node = fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3");
	if (node < 0) {
		node = fdt_node_offset_by_compatible(fdt, -1, "arm,gic-400");
		if (node < 0)
			node = fdt_node_offset_by_compatible(fdt, -1, "arm,cortex-a15-gic");
		part.gic_version = node >= 0 ? 2 : 0;
	}
	reg = node >= 0 ? fdt_getprop(fdt, node, "reg", &len) : NULL;
	if (reg && len >= 32) {
		part.gicd_base = part_read_cells(reg, 2);
		if (part.gic_version == 2)
			part.gicc_base = part_read_cells(reg + 4, 2);
		else
			part.gicr_base = part_read_cells(reg + 4, 2);
	}
	bus_parse_dtb(fdt);
}

void runtime_start(const void *fdt)
{
	parse_dtb(fdt);
	part_cpu_setup(true);
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
	part_cpu_setup(false);
	secondary_main(cpu);
	idle();
}

void timer_arm(u64 ticks_from_now)
{
	timer_set(timer_now() + ticks_from_now);
}

static void alarm_rang(u32 intid)
{
	(void)intid;
	timer_stop();
}

bool part_wait_until(volatile u32 *v, u32 want, u64 deadline)
{
	irq_handler_t h = irq_handler(TIMER_IRQ);
	bool alarm = !h || h == alarm_rang;
	bool ok = true;

	if (alarm) {
		if (!h) { /* once: enabling it traps to the hypervisor */
			irq_register(TIMER_IRQ, alarm_rang);
			irq_enable(TIMER_IRQ);
		}
		timer_set(deadline);
	}
	while (__atomic_load_n(v, __ATOMIC_ACQUIRE) != want) {
		if (timer_now() >= deadline) {
			ok = false;
			break;
		}
		if (alarm) {
			u64 f = irq_save();

			/*
			 * IRQs masked: one that arrives before the wait still ends it.
			 * The alarm may have rung (and stopped the timer) between the
			 * deadline check above and the mask: look again, or the wait
			 * has nothing left to end it.
			 */
			if (__atomic_load_n(v, __ATOMIC_ACQUIRE) != want && timer_now() < deadline)
				cpu_wait_irq();
			irq_restore(f);
		} else {
			cpu_wait_event();
		}
	}
	if (alarm)
		timer_stop();
	return ok;
}

void part_sleep_ms(u32 ms)
{
	static volatile u32 never;

	part_wait_until(&never, 1, timer_now() + timer_freq() / 1000 * ms);
}

/* The bootargs word that is word itself (eq false) or starts with "word=" (eq true). */
static const char *find_arg(const char *word, bool eq)
{
	size_t n = strlen(word);

	for (const char *a = part.bootargs; *a;) {
		while (*a == ' ')
			a++;
		if (!strncmp(a, word, n) && (eq ? a[n] == '=' : (a[n] == ' ' || a[n] == '\0')))
			return a + n + eq;
		while (*a && *a != ' ')
			a++;
	}
	return NULL;
}

bool part_has_arg(const char *word)
{
	return find_arg(word, false) != NULL;
}

bool part_arg_u64(const char *key, u64 *v)
{
	const char *a = find_arg(key, true);
	char *end;

	if (!a)
		return false;
	*v = strtoul(a, &end, 0);
	return end != a && (*end == ' ' || *end == '\0');
}
