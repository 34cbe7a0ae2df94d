// SPDX-License-Identifier: GPL-2.0
/*
 * PSCI 1.1 for the emulated ZCU102: QEMU stops answering PSCI itself once
 * the machine has EL3 (secure=on), so u-boot's reset and Bulkhead's CPU_ON
 * and restart policies need an answer here.
 *
 * CPUs are powered on and off through the model's own controls: APU RVBAR
 * (reset vector) and CRF_APB RST_FPD_APU (bit n holds CPU n in reset; QEMU
 * powers the CPU off while it is set and resets it when cleared).
 */
#include "standin.h"

#define PSCI_VERSION	       0x84000000
#define PSCI_CPU_OFF	       0x84000002
#define PSCI_CPU_ON	       0x84000003
#define PSCI_AFFINITY_INFO     0x84000004
#define PSCI_MIGRATE_INFO_TYPE 0x84000006
#define PSCI_SYSTEM_OFF	       0x84000008
#define PSCI_SYSTEM_RESET      0x84000009
#define PSCI_FEATURES	       0x8400000a
#define SMC64		       0x40000000 /* CPU_ON, AFFINITY_INFO: SMC64 forms too */

#define PSCI_SUCCESS		0
#define PSCI_NOT_SUPPORTED	(-1)
#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_ALREADY_ON		(-4)
#define PSCI_ON_PENDING		(-5)
#define PSCI_INTERNAL_FAILURE	(-6)
#define PSCI_INVALID_ADDRESS	(-9)

/* AFFINITY_INFO's answers double as the CPU states. */
#define STATE_ON	 0
#define STATE_OFF	 1
#define STATE_ON_PENDING 2

#define BOOT_WAIT_MS 100 /* per release attempt; a loaded host stalls vCPUs */
#define BOOT_TRIES   50

extern char secondary_entry[];

static volatile uint32_t state[NR_CPUS];
static uint64_t entry[NR_CPUS], context[NR_CPUS];
static uint32_t lock;

static void lock_take(void)
{
	while (__atomic_exchange_n(&lock, 1, __ATOMIC_ACQUIRE))
		;
}

static void lock_give(void)
{
	__atomic_store_n(&lock, 0, __ATOMIC_RELEASE);
}

static uint64_t now_ms(void)
{
	uint64_t cnt, frq;

	__asm__ volatile("isb; mrs %0, cntpct_el0" : "=r"(cnt));
	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(frq));
	return cnt / (frq / 1000);
}

static void apu_reset(unsigned int cpu, int hold)
{
	uint32_t v = mmio_read32(CRF_RST_FPD_APU);

	mmio_write32(CRF_RST_FPD_APU, hold ? v | (1u << cpu) : v & ~(1u << cpu));
}

void psci_init(void)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		state[cpu] = cpu == 0 ? STATE_ON : STATE_OFF;
}

/* A released CPU in secondary_entry: its hand-off, and now it counts as on. */
struct handoff secondary_cpu_on(unsigned int cpu)
{
	struct handoff h;

	lock_take();
	h.entry = entry[cpu];
	h.context = context[cpu];
	state[cpu] = STATE_ON;
	lock_give();
	/* PSCI: the CPU arrives with EL2's MMU and caches off. */
	__asm__ volatile("msr sctlr_el2, %0; isb" : : "r"(0x30c50830UL));
	return h;
}

/*
 * Release the CPU and wait until it runs the stand-in. A CPU that did
 * CPU_OFF set its own reset bit, but QEMU powers it off only at its next
 * instruction block; a release before that is lost (QEMU: "already on").
 * Holding it in reset again and releasing it once more is always safe:
 * the lock keeps it from passing the hand-off meanwhile.
 */
static int release(unsigned int cpu)
{
	mmio_write32(APU_RVBAR_LO(cpu), (uint32_t)(uintptr_t)secondary_entry);
	mmio_write32(APU_RVBAR_HI(cpu), 0);
	for (int tries = 0; tries < BOOT_TRIES; tries++) {
		apu_reset(cpu, 1);
		apu_reset(cpu, 0);
		lock_give();
		uint64_t end = now_ms() + BOOT_WAIT_MS;
		while (state[cpu] == STATE_ON_PENDING && now_ms() < end)
			;
		lock_take();
		if (state[cpu] != STATE_ON_PENDING)
			return PSCI_SUCCESS;
	}
	apu_reset(cpu, 1);
	state[cpu] = STATE_OFF;
	con_puts("zynqmp-el3: CPU_ON: cpu");
	con_cpu(cpu);
	con_puts(" did not start; it stays off (INTERNAL_FAILURE)\n");
	return PSCI_INTERNAL_FAILURE;
}

static int cpu_on(uint64_t mpidr, uint64_t ep, uint64_t ctx)
{
	unsigned int cpu = mpidr & 0xff;
	int ret;

	/* This model has one cluster: Aff1-3 zero, Aff0 0..3. */
	if ((mpidr & ~0xffUL) || cpu >= NR_CPUS)
		return PSCI_INVALID_PARAMETERS;
	if (ep & 3)
		return PSCI_INVALID_ADDRESS;
	lock_take();
	if (state[cpu] == STATE_ON)
		ret = PSCI_ALREADY_ON;
	else if (state[cpu] == STATE_ON_PENDING)
		ret = PSCI_ON_PENDING;
	else {
		entry[cpu] = ep;
		context[cpu] = ctx;
		state[cpu] = STATE_ON_PENDING;
		ret = release(cpu);
	}
	lock_give();
	return ret;
}

static void __attribute__((noreturn)) cpu_off(void)
{
	unsigned int cpu = this_cpu();

	lock_take();
	state[cpu] = STATE_OFF;
	apu_reset(cpu, 1); /* QEMU powers this CPU off within a few instructions */
	lock_give();
	cpu_park();
}

static int affinity_info(uint64_t mpidr, uint64_t level)
{
	unsigned int cpu = mpidr & 0xff;

	if (level != 0 || (mpidr & ~0xffUL) || cpu >= NR_CPUS)
		return PSCI_INVALID_PARAMETERS;
	return state[cpu];
}

/*
 * QEMU 7.2's ZCU102 models nothing that powers the machine off or resets
 * it (no CRL_APB, no PMU, no watchdog). With semihosting on, QEMU exits;
 * without it every CPU is held in reset (QEMU keeps running, idle) and
 * the harness stops QEMU.
 */
static void __attribute__((noreturn)) system_stop(void)
{
	static const uint64_t app_exit[2] = {0x20026,
					     0}; /* ADP_Stopped_ApplicationExit, status 0 */

	semihost_exit(app_exit);
	mmio_write32(CRF_RST_FPD_APU, mmio_read32(CRF_RST_FPD_APU) | ((1u << NR_CPUS) - 1));
	cpu_park();
}

static int features(uint32_t fid)
{
	switch (fid) {
	case PSCI_VERSION:
	case PSCI_CPU_OFF:
	case PSCI_CPU_ON:
	case PSCI_CPU_ON | SMC64:
	case PSCI_AFFINITY_INFO:
	case PSCI_AFFINITY_INFO | SMC64:
	case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case PSCI_FEATURES:
	case 0x80000000: /* SMCCC_VERSION */
		return PSCI_SUCCESS;
	default:
		return PSCI_NOT_SUPPORTED;
	}
}

/* Returns 0 if fid is not a PSCI call. */
int psci_handle(uint32_t fid, struct smc_frame *f)
{
	int64_t ret;
	int smc32 = !(fid & SMC64);

	switch (fid) {
	case PSCI_VERSION:
		ret = 0x10001; /* 1.1 */
		break;
	case PSCI_CPU_OFF:
		cpu_off();
	case PSCI_CPU_ON:
	case PSCI_CPU_ON | SMC64:
		ret = smc32 ? cpu_on((uint32_t)f->x[1], (uint32_t)f->x[2], (uint32_t)f->x[3])
			    : cpu_on(f->x[1], f->x[2], f->x[3]);
		break;
	case PSCI_AFFINITY_INFO:
	case PSCI_AFFINITY_INFO | SMC64:
		ret = smc32 ? affinity_info((uint32_t)f->x[1], (uint32_t)f->x[2])
			    : affinity_info(f->x[1], f->x[2]);
		break;
	case PSCI_MIGRATE_INFO_TYPE:
		ret = 2; /* no Trusted OS: nothing to migrate */
		break;
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
		system_stop();
	case PSCI_FEATURES:
		ret = features((uint32_t)f->x[1]);
		break;
	default:
		if ((fid & 0xbf000000) == 0x84000000) {
			ret = PSCI_NOT_SUPPORTED; /* CPU_SUSPEND, SYSTEM_RESET2, ... */
			break;
		}
		return 0;
	}
	f->x[0] = smc32 ? (uint32_t)ret : (uint64_t)ret;
	return 1;
}
