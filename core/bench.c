// SPDX-License-Identifier: GPL-2.0
/*
 * Boot figures the hypervisor takes for make bench (CONFIG_BENCH only), in
 * ns of the system counter, which under QEMU -icount shift=0 are
 * instructions: SHA-256 cost per byte of both codes, and for a partition
 * that is not the bench program (a Linux kernel) the time from the
 * hypervisor's entry to its first instruction and to its first shell prompt.
 */
#include <string.h>
#include "bench.h"
#include "console.h"
#include "partition.h"

#define SHA256_BENCH_BYTES (256u << 10)

static u64 ns(u64 ticks)
{
	return ticks * 1000000 / (arch_counter_freq() / 1000);
}

/*
 * Hashes the image store's first 256 KiB with each code. It runs on the
 * boot CPU before any partition (no guest FP/SIMD state anywhere yet), and
 * the boot figures do not see it: the entry time moves on by what it took.
 */
void bench_sha256(void)
{
	const void *buf = phys_to_virt(bh_system.store_base);
	u32 len = (u32)MIN((u64)SHA256_BENCH_BYTES, bh_system.store_size);
	u64 t0 = arch_counter(), t1, t2;
	u8 d[SHA256_LEN];

	if (!len)
		return;
	sha256_portable(buf, len, d);
	t1 = arch_counter();
	sha256(buf, len, d);
	t2 = arch_counter();
	log_printf("bench: sha256_bytes %u", len);
	log_printf("bench: sha256_portable %llu", (unsigned long long)ns(t1 - t0));
	if (strcmp(sha256_impl(), SHA256_PORTABLE))
		log_printf("bench: sha256_accel %llu", (unsigned long long)ns(t2 - t1));
	hv_entry_tick += arch_counter() - t0;
}

static u64 entry_tick[CONFIG_MAX_PARTITIONS];
static bool prompted[CONFIG_MAX_PARTITIONS];

/*
 * Taken just before the EL1 reset and the ERET (a few hundred instructions),
 * printed only with the prompt: a line now would count in the bench
 * program's own boot figure.
 */
void bench_entry(const struct partition *p)
{
	entry_tick[p->cfg->id] = arch_counter();
}

void bench_prompt(int part)
{
	const struct partition *p;
	u64 t = arch_counter();

	if (part < 0 || part >= (int)bh_system.nr_partitions || prompted[part])
		return;
	prompted[part] = true;
	p = &partitions[part];
	log_printf("bench: entry_%s %llu", p->cfg->name,
		   (unsigned long long)ns(entry_tick[part] - hv_entry_tick));
	log_printf("bench: scrub_%s %llu", p->cfg->name, (unsigned long long)ns(p->scrub_ticks));
	log_printf("bench: load_%s %llu", p->cfg->name, (unsigned long long)ns(p->copy_ticks));
	log_printf("bench: verify_%s %llu", p->cfg->name, (unsigned long long)ns(p->verify_ticks));
	log_printf("bench: hash_%s_ns %llu", p->cfg->name, (unsigned long long)ns(p->hash_ticks));
	log_printf("bench: hash_%s_bytes %llu", p->cfg->name, (unsigned long long)p->hash_bytes);
	log_printf("bench: prompt_%s %llu", p->cfg->name,
		   (unsigned long long)ns(t - hv_entry_tick));
}
