/*
 * CONFIG_BENCH only: figures the hypervisor takes itself for make bench
 * (docs/bench.md), each printed as "[bulkhead] bench: <key> <value>".
 * Without CONFIG_BENCH the calls compile to nothing.
 */
#ifndef CORE_BENCH_H
#define CORE_BENCH_H
#include <bulkhead/types.h>

struct partition;

#ifdef CONFIG_BENCH
void bench_sha256(void);		     /* both SHA-256 codes, once at boot */
void bench_entry(const struct partition *p); /* about to enter its vCPU 0, first start */
void bench_prompt(int part);		     /* it waits for input behind a shell prompt */
#else
static inline void bench_sha256(void)
{
}
static inline void bench_entry(const struct partition *p)
{
	(void)p;
}
static inline void bench_prompt(int part)
{
	(void)part;
}
#endif

#endif
