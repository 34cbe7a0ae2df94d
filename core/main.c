// SPDX-License-Identifier: GPL-2.0
/*
 * Boot sequence. The boot CPU sets up the console, the global interrupt
 * state and the partition table, starts every other CPU that a partition
 * owns, then all CPUs do the same: a CPU that carries a partition's vCPU 0
 * loads and starts that partition, the others wait for PSCI CPU_ON. No
 * partition starts before every CPU has been tried, so that CPU_ON on a
 * vCPU whose CPU did not start fails instead of pending forever.
 */
#include <bulkhead/hv_config.h>
#include <bulkhead/version.h>
#include "bench.h"
#include "doorbell.h"
#include "console.h"
#include "image.h"
#include "partition.h"
#include "rollback_store.h"

static const char *part_name(int i)
{
	return i >= 0 && (u32)i < bh_system.nr_partitions ? bh_system.partitions[i].name : NULL;
}

u64 hv_entry_tick;	 /* written by the entry code, after it cleared BSS */
static u32 cpus_started; /* the boot CPU tried to start every CPU a partition owns */

static const struct console_ops con_ops = {
    .putc = arch_console_putc,
    .input = vuart_input,
    .name = part_name,
};

static int root_index(void)
{
	for (u32 i = 0; i < bh_system.nr_partitions; i++)
		if (bh_system.partitions[i].is_root)
			return (int)i;
	return 0;
}

__attribute__((noreturn)) static void cpu_main(u32 cpu)
{
	s32 pi = bh_system.cpu_partition[cpu];
	struct partition *p;
	struct vcpu *v;

	if (pi < 0) {
		for (;;)
			arch_wait_event();
	}
	p = &partitions[pi];
	v = &p->vcpu[bh_system.cpu_vcpu[cpu]];
	if (v->index == 0)
		partition_boot(p);
	vcpu_park(v);
}

/* The CPU's SHA-256 instructions for image hashing where it has them. */
static void sha256_setup(void)
{
	const char *name = NULL;
	sha256_blocks_fn *fn = arch_sha256_blocks(&name);

	if (fn && sha256_use(fn, name))
		log_printf("sha256: %s failed the self-test; not used", name);
	log_info("sha256: %s", sha256_impl());
	bench_sha256();
}

__attribute__((noreturn)) void hv_primary_main(u32 cpu)
{
	int err;

	arch_console_init();
	console_setup(&con_ops, (int)bh_system.nr_partitions, root_index());
	log_printf("Bulkhead " BULKHEAD_VERSION " (" CONFIG_ARCH ", " CONFIG_BOARD
		   "), %u CPUs, %u partitions",
		   bh_system.nr_cpus, bh_system.nr_partitions);
	arch_cpu_init(cpu, true);
	arch_system_init();
	sha256_setup(); /* before any CPU hashes an image */
	rollback_store_init();
	image_stores_init();
	partition_init_all();
	bus_init();
	for (u32 c = 0; c < bh_system.nr_cpus; c++) {
		if (c == cpu || bh_system.cpu_partition[c] < 0)
			continue;
		err = arch_cpu_start(c);
		if (err)
			partition_cpu_lost(c, err);
	}
	/* Every CPU's fate is known before any partition runs (and asks for a CPU). */
	__atomic_store_n(&cpus_started, 1, __ATOMIC_RELEASE);
	arch_send_event();
	log_info("console input goes to %s; Ctrl-] <n> gives it to partition n",
		 part_name(console_focus()));
	cpu_main(cpu);
}

__attribute__((noreturn)) void hv_secondary_main(u32 cpu)
{
	arch_cpu_init(cpu, false);
	while (!__atomic_load_n(&cpus_started, __ATOMIC_ACQUIRE))
		arch_wait_event();
	cpu_main(cpu);
}
