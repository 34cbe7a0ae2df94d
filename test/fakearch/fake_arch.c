// SPDX-License-Identifier: GPL-2.0
/* The fake arch (fake_arch.h): core/arch.h on the host, recorded. */
#include <bulkhead/hv_config.h>
#include <stdlib.h>
#include <string.h>
#include "console.h"
#include "fake_arch.h"
#include "partition.h"

struct fake_arch fake;
u32 fake_cpu;
struct vcpu *current_vcpu[CONFIG_NR_CPUS]; /* the arch's: set as it enters a vCPU */

void fake_reset(void)
{
	memset(&fake, 0, sizeof(fake));
	fake.tick = 1;
	fake.freq = 1000000;
	fake_cpu = 0;
}

enum fake_exit fake_run(void (*fn)(void *ctx), void *ctx)
{
	int how = setjmp(fake.exit);

	if (how) {
		fake.armed = false;
		return (enum fake_exit)how;
	}
	fake.armed = true;
	fn(ctx);
	fake.armed = false;
	return FAKE_RETURNED;
}

__attribute__((noreturn)) static void leave(enum fake_exit how)
{
	if (!fake.armed)
		abort(); /* a noreturn path outside fake_run: the test is wrong */
	longjmp(fake.exit, (int)how);
}

void arch_console_init(void)
{
}

void arch_console_putc(char c)
{
	if (fake.out_len + 1 < FAKE_OUT_MAX)
		fake.out[fake.out_len++] = c;
}

int arch_console_getc(void)
{
	return -1;
}

void arch_cpu_init(u32 cpu, bool primary)
{
	(void)cpu;
	(void)primary;
}

int arch_cpu_start(u32 cpu)
{
	return cpu < FAKE_CPUS ? fake.cpu_start_rc[cpu] : 0;
}

void arch_cpu_kick(u32 cpu)
{
	if (cpu < FAKE_CPUS)
		fake.kicks[cpu]++;
}

static void wait(void)
{
	void (*hook)(void *) = fake.on_wait;

	fake.waits++;
	if (hook) {
		fake.on_wait = NULL;
		hook(fake.on_wait_ctx);
	}
	if (!fake.wait_budget)
		leave(FAKE_WAITED);
	fake.wait_budget--;
}

void arch_wait_event(void)
{
	wait();
}

void arch_wait_until(u64 deadline)
{
	fake.deadline = deadline;
	if (fake.counter < deadline)
		fake.counter = deadline;
	wait();
}

void arch_send_event(void)
{
	fake.events++;
}

void arch_system_init(void)
{
}

u64 arch_counter(void)
{
	fake.counter += fake.tick;
	return fake.counter;
}

u64 arch_counter_freq(void)
{
	return fake.freq;
}

void arch_system_reset(void)
{
	leave(FAKE_RESET);
}

void arch_system_off(void)
{
	leave(FAKE_OFF);
}

int arch_partition_init(struct partition *p)
{
	p->arch.inits++;
	fake.partition_inits++;
	return fake.partition_init_rc;
}

void arch_vcpu_run(struct vcpu *v, u64 entry, u64 arg)
{
	current_vcpu[fake_cpu] = v;
	fake.ran = v;
	fake.ran_entry = entry;
	fake.ran_arg = arg;
	fake.runs++;
	leave(FAKE_RAN);
}

void arch_vcpu_irq_poll(void)
{
	fake.irq_polls++;
}

void arch_vcpu_bus_irq(struct vcpu *v)
{
	v->arch.bus_irqs++;
}

u64 arch_vcpu_pc(struct vcpu *v)
{
	(void)v;
	return fake.pc;
}

void arch_clear_memory(void *p, u64 size)
{
	memset(p, 0, size);
	fake.clears++;
	fake.cleared_bytes += size;
}

sha256_blocks_fn *arch_sha256_blocks(const char **name)
{
	*name = fake.sha256_blocks ? "fake-sha2" : "portable";
	return fake.sha256_blocks;
}

/* The console's partitions, as core/main.c sets them up on a board. */
static const char *part_name(int part)
{
	return part >= 0 && (u32)part < bh_system.nr_partitions ? bh_system.partitions[part].name
								: NULL;
}

static void part_input(int part, char c)
{
	(void)part;
	(void)c;
}

static const struct console_ops fake_console_ops = {
    .putc = arch_console_putc,
    .input = part_input,
    .name = part_name,
};

void fake_console_setup(void)
{
	console_setup(&fake_console_ops, (int)bh_system.nr_partitions, 0);
}

bool fake_said(const char *s)
{
	fake.out[fake.out_len] = '\0';
	return strstr(fake.out, s) != NULL;
}

void fake_out_clear(void)
{
	fake.out_len = 0;
	fake.out[0] = '\0';
}
