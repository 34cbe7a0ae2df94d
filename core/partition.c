// SPDX-License-Identifier: GPL-2.0
/*
 * Partition life cycle: load (scrub memory, copy and verify image, DTB and
 * initrd from the FIT, core/image.c), start vCPU 0, stop on request or
 * fault, then apply the restart policy once every vCPU of the partition has
 * parked. A partition's vCPU 0 CPU does all of it, its other CPUs help
 * copy and hash the images (core/image_hash.c); other partitions are never
 * touched.
 */
#include <bulkhead/fmt.h>
#include <libfdt.h>
#include <stdarg.h>
#include <string.h>
#include "bench.h"
#include "doorbell.h"
#include "console.h"
#include "fault_store.h"
#include "image.h"
#include "partition.h"
#include "restart_backoff.h"

struct partition partitions[CONFIG_MAX_PARTITIONS];

static const char *const action_name[] = {"halted", "restarting", "resetting the board"};

void partition_init_all(void)
{
	fault_store_init(); /* the faults before this boot, from the store */
	for (u32 i = 0; i < bh_system.nr_partitions; i++) {
		struct partition *p = &partitions[i];

		p->cfg = &bh_system.partitions[i];
		p->state = PART_OFF;
		for (u32 v = 0; v < p->cfg->nr_vcpus; v++) {
			p->vcpu[v].part = p;
			p->vcpu[v].index = v;
			p->vcpu[v].pcpu = p->cfg->cpus[v];
			p->vcpu[v].state = VCPU_OFF;
		}
	}
}

void partition_cpu_lost(u32 cpu, int err)
{
	s32 pi = bh_system.cpu_partition[cpu];
	struct partition *p;
	struct vcpu *v;

	if (pi < 0)
		return;
	p = &partitions[pi];
	v = &p->vcpu[bh_system.cpu_vcpu[cpu]];
	WRITE_ONCE(v->lost, 1);
	if (v->index == 0) {
		/* Halted, not off: the measurement log must not wait for it. */
		__atomic_store_n(&p->state, PART_HALTED, __ATOMIC_RELEASE);
		log_printf("%s: cpu%u did not start (error %d); the partition will not run",
			   p->cfg->name, cpu, err);
	} else {
		log_printf("%s: cpu%u did not start (error %d); its vCPU %u will not run "
			   "(CPU_ON answers INTERNAL_FAILURE)",
			   p->cfg->name, cpu, err, v->index);
	}
}

static int load(struct partition *p)
{
	const struct bh_partition *c = p->cfg;
	u64 t0 = arch_counter(), t1;
	int len;

	/* Nothing of an earlier run or of the boot loader survives. */
	arch_clear_memory(phys_to_virt(c->ram_pa), c->ram_size);
	t1 = arch_counter();
	len = image_load(p);
	if (len < 0)
		return -1;
	if (c->boot == BH_BOOT_DTB &&
	    fdt_check_header(phys_to_virt(c->dtb_ipa - c->ram_ipa + c->ram_pa))) {
		log_printf("%s: its device tree is not valid", c->name);
		return -1;
	}
	if (!p->epoch) {
		p->scrub_ticks = t1 - t0;
		p->copy_ticks = arch_counter() - t1;
	}
	return len;
}

void partition_boot(struct partition *p)
{
	const struct bh_partition *c = p->cfg;
	struct vcpu *v0 = &p->vcpu[0];
	int len;

	if (p->epoch == 0)
		for (u32 i = 0; i < c->nr_regions; i++)
			log_debug("%s: maps 0x%llx+0x%llx at 0x%llx (flags 0x%x)", c->name,
				  (unsigned long long)c->regions[i].pa,
				  (unsigned long long)c->regions[i].size,
				  (unsigned long long)c->regions[i].ipa, c->regions[i].flags);
	if (p->epoch == 0 && arch_partition_init(p)) {
		log_printf("%s: cannot set up its address space; not started", c->name);
		p->state = PART_HALTED;
		vcpu_park(v0);
	}
	if (p->epoch)
		bus_partition_restarting(p); /* peers quiesce while the memory is scrubbed */
	len = load(p);
	if (len < 0 && c->is_root) {
		/* Children without their root have no devices and no services. */
		log_printf("fatal: root partition %s cannot start; system halted", c->name);
		arch_system_off();
	}
	if (len < 0) {
		log_printf("%s: not started", c->name);
		p->state = PART_HALTED;
		vcpu_park(v0);
	}
	p->epoch++;
	if (p->epoch == 1)
		log_info("%s: %u vCPU%s, memory 0x%llx+0x%llx, image 0x%x bytes, entry 0x%llx",
			 c->name, c->nr_vcpus, c->nr_vcpus == 1 ? "" : "s",
			 (unsigned long long)c->ram_pa, (unsigned long long)c->ram_size, len,
			 (unsigned long long)c->entry_ipa);
	else
		log_warn("%s: started again (start %u)", c->name, p->epoch);
	for (u32 i = 1; i < c->nr_vcpus; i++)
		p->vcpu[i].state = VCPU_OFF;
	p->bad_access_reported = 0;
	bus_partition_start(p);
	p->state = PART_RUNNING;
	v0->state = VCPU_RUNNING;
	if (p->epoch == 1)
		bench_entry(p);
	p->run_start = arch_counter();
	arch_vcpu_run(v0, c->entry_ipa, c->dtb_ipa);
}

/*
 * At a stop that its policy restarts: how long the restart waits (ms), or
 * -1 when restart-limit restarts in a row are used up and it stays halted.
 */
static s64 restart_delay(struct partition *p)
{
	const struct bh_partition *c = p->cfg;
	u64 per_ms = arch_counter_freq() / 1000;
	u64 run_ms = (arch_counter() - p->run_start) / (per_ms ? per_ms : 1);

	return restart_backoff_next(&p->backoff, run_ms, c->restart_limit, c->restart_delay_ms,
				    c->restart_delay_max_ms, c->restart_stable_ms);
}

/* A stop; a fault's (fault: its PC in addr) goes into the fault log. */
__attribute__((noreturn)) static void stop(struct vcpu *v, enum bh_restart action, const char *why,
					   bool fault, u64 addr)
{
	struct partition *p = v->part;
	const char *limit = "";
	s64 delay = 0;
	bool first = false;

	spin_lock(&p->lock);
	if (p->state == PART_RUNNING) {
		if (action == BH_RESTART_RESTART && (delay = restart_delay(p)) < 0) {
			action = BH_RESTART_HALT;
			limit = " (restart limit reached)";
		}
		p->state = PART_STOPPING;
		p->stop_action = action;
		p->restart_wait_ms = delay > 0 ? (u32)delay : 0;
		p->stops++;
		bh_snprintf(p->last_stop, sizeof(p->last_stop), "%s%s",
			    limit[0] ? "restart limit "
				       "reached: "
				     : "",
			    why);
		first = true;
	}
	spin_unlock(&p->lock);
	if (first && fault)
		fault_store_add(p, why, addr);
	if (first) {
		log_printf("%s: %s; %s%s", p->cfg->name, why, action_name[p->stop_action], limit);
		if (limit[0])
			log_printf("%s: %u restarts in a row, none ran %u ms: it stays halted",
				   p->cfg->name, p->cfg->restart_limit, p->cfg->restart_stable_ms);
		else if (delay > 0)
			log_warn("%s: restarting in %lld ms (restart %u in a row)", p->cfg->name,
				 (long long)delay, p->backoff.in_row);
		for (u32 i = 0; i < p->cfg->nr_vcpus; i++)
			if (i != v->index)
				arch_cpu_kick(p->vcpu[i].pcpu);
		arch_send_event();
	}
	vcpu_park(v);
}

void partition_stop(struct vcpu *v, enum bh_restart action, const char *why)
{
	stop(v, action, why, false, 0);
}

void partition_fault(struct vcpu *v, const char *fmt, ...)
{
	char why[160];
	va_list ap;

	va_start(ap, fmt);
	bh_vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	stop(v, (enum bh_restart)v->part->cfg->restart, why, true, arch_vcpu_pc(v));
}

static bool all_parked(struct partition *p)
{
	for (u32 i = 0; i < p->cfg->nr_vcpus; i++)
		if (READ_ONCE(p->vcpu[i].state) != VCPU_OFF)
			return false;
	return true;
}

/* vCPU 0, once every vCPU of a stopping partition parked: its policy. */
static void stop_complete(struct partition *p)
{
	bus_partition_stop(p);
	fault_store_sync(); /* before a board reset, too: the log is for after it */
	if (p->stop_action == BH_RESTART_SYSTEM_RESET)
		arch_system_reset();
	if (p->stop_action == BH_RESTART_RESTART) {
		/* From now: the wait is the partition's time down, whatever the parking took. */
		p->restart_at = arch_counter() + p->restart_wait_ms * (arch_counter_freq() / 1000);
		WRITE_ONCE(p->state, PART_WAITING);
		return;
	}
	p->state = PART_HALTED;
	console_part_reset((int)p->cfg->id);
}

/*
 * A vCPU that is off waits here (on its own CPU) for CPU_ON or a restart;
 * vCPU 0 of a partition in its back-off wait sleeps until restart_at on
 * its CPU's own timer: no other CPU and no lock is involved.
 */
void vcpu_park(struct vcpu *v)
{
	struct partition *p = v->part;

	WRITE_ONCE(v->state, VCPU_OFF);
	arch_send_event();
	for (;;) {
		bool waiting;

		if (v->index == 0 && READ_ONCE(p->state) == PART_STOPPING && all_parked(p))
			stop_complete(p);
		waiting = v->index == 0 && READ_ONCE(p->state) == PART_WAITING;
		if (waiting && arch_counter() >= p->restart_at) {
			console_part_reset((int)p->cfg->id);
			partition_boot(p);
		}
		if (v->index != 0)
			hash_job_help(&p->hash, v->index); /* vCPU 0's CPU is loading */
		if (READ_ONCE(v->state) == VCPU_ON_PENDING && READ_ONCE(p->state) == PART_RUNNING) {
			WRITE_ONCE(v->state, VCPU_RUNNING);
			arch_vcpu_run(v, v->start_entry, v->start_ctx);
		}
		arch_vcpu_irq_poll();
		if (waiting)
			arch_wait_until(p->restart_at);
		else
			arch_wait_event();
	}
}

struct vcpu *vcpu_by_mpidr(struct partition *p, u64 mpidr)
{
	/* vCPU i has MPIDR affinity 0.0.0.i. */
	if ((mpidr & 0xff00ffff00ULL) || (mpidr & 0xff) >= p->cfg->nr_vcpus)
		return NULL;
	return &p->vcpu[mpidr & 0xff];
}

int vcpu_cpu_on(struct partition *p, u64 target, u64 entry, u64 ctx)
{
	struct vcpu *t = vcpu_by_mpidr(p, target);
	int rc = 0;

	if (!t)
		return -2; /* INVALID_PARAMETERS */
	spin_lock(&p->lock);
	if (READ_ONCE(t->lost))
		rc = -6; /* INTERNAL_FAILURE: its physical CPU never started */
	else if (t->state != VCPU_OFF)
		rc = -4; /* ALREADY_ON, also while another CPU_ON starts it (as KVM and QEMU) */
	else {
		t->start_entry = entry;
		t->start_ctx = ctx;
		WRITE_ONCE(t->state, VCPU_ON_PENDING);
	}
	spin_unlock(&p->lock);
	if (!rc) {
		arch_send_event();
		arch_cpu_kick(t->pcpu);
	}
	return rc;
}

int vcpu_affinity_info(struct partition *p, u64 target)
{
	struct vcpu *t = vcpu_by_mpidr(p, target);

	if (!t)
		return -2;
	switch (READ_ONCE(t->state)) {
	case VCPU_RUNNING:
		return 0;
	case VCPU_ON_PENDING:
		return 2;
	default:
		return 1;
	}
}
