// SPDX-License-Identifier: GPL-2.0
/*
 * EL2 test payload for the ZynqMP EL3 stand-in: makes the calls u-boot and
 * Bulkhead make and prints each answer on UART0, one line each, for
 * test/integration/test_zynqmp_el3.py. The last call is SYSTEM_OFF, or
 * SYSTEM_RESET when QEMU's loader put 1 at STOP_MODE_ADDR; with 2 there,
 * CPUs 1-3 are stopped and started CYCLES times first.
 */
#include <stdint.h>

#define UART0	       0xff000000UL
#define GICD	       0xf9010000UL
#define GICC	       0xf9020000UL
#define STOP_MODE_ADDR 0x9000000UL
#define CYCLES	       300
#define QUIET	       0x1000 /* context bit: a cycle's start, not printed */

#define PSCI_VERSION	   0x84000000U
#define PSCI_CPU_OFF	   0x84000002U
#define PSCI_CPU_ON	   0xc4000003U
#define PSCI_AFFINITY_INFO 0xc4000004U
#define PSCI_SYSTEM_OFF	   0x84000008U
#define PSCI_SYSTEM_RESET  0x84000009U
#define PSCI_FEATURES	   0x8400000aU
#define PSCI_CPU_SUSPEND   0xc4000001U

extern char secondary[];

static volatile uint32_t started[4], off_request[4];

static inline uint32_t rd(uintptr_t a)
{
	return *(volatile uint32_t *)a;
}

static inline void wr(uintptr_t a, uint32_t v)
{
	*(volatile uint32_t *)a = v;
}

static void putc_(char c)
{
	while (rd(UART0 + 0x2c) & (1 << 4)) /* TXFULL */
		;
	wr(UART0 + 0x30, (uint8_t)c);
}

static void puts_(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			putc_('\r');
		putc_(*s);
	}
}

static void hex(uint64_t v)
{
	int shift = 60;

	puts_("0x");
	while (shift > 0 && !(v >> shift))
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		putc_("0123456789abcdef"[(v >> shift) & 0xf]);
}

static void dec(int64_t v)
{
	char buf[24];
	int i = sizeof(buf) - 1;
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;

	buf[i] = 0;
	do {
		buf[--i] = '0' + u % 10;
		u /= 10;
	} while (u);
	if (v < 0)
		buf[--i] = '-';
	puts_(&buf[i]);
}

struct res {
	uint64_t x0, x1, x2;
};

static struct res smc(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
	register uint64_t x0 __asm__("x0") = a0;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;

	__asm__ volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
	return (struct res){x0, x1, x2};
}

static int64_t psci(uint32_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
	struct res r = smc(fid, a1, a2, a3);

	return fid & 0x40000000 ? (int64_t)r.x0 : (int32_t)r.x0;
}

static uint64_t sysreg_el(void)
{
	uint64_t el;

	__asm__ volatile("mrs %0, CurrentEL" : "=r"(el));
	return el >> 2;
}

static uint64_t mpidr(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, mpidr_el1" : "=r"(v));
	return v;
}

/* PM call: prints "<name>: status S payload P[ P2]". */
static struct res pm(const char *name, uint32_t api, uint64_t x1, uint64_t x2, int two)
{
	struct res r = smc(0xc2000000U | api, x1, x2, 0);

	puts_("el3-test: ");
	puts_(name);
	puts_(": status ");
	dec((int32_t)r.x0);
	puts_(" payload ");
	hex(r.x0 >> 32);
	if (two) {
		puts_(" ");
		hex((uint32_t)r.x1);
	}
	puts_("\n");
	return r;
}

/*
 * The GIC as non-secure EL2 sees it: the priority mask takes a write, and
 * an SGI to this CPU is group 1 (a non-secure SGIR write raises only group
 * 1 SGIs) and is acknowledged through the non-secure GICC.
 */
static void gic_check(unsigned int cpu)
{
	uint32_t iar;

	wr(GICD + 0x000, 1); /* GICD_CTLR (NS): EnableGrp1 */
	wr(GICC + 0x000, 1); /* GICC_CTLR (NS): EnableGrp1 */
	wr(GICC + 0x004, 0xf0);
	wr(GICD + 0x400, 0xa0a0a0a0); /* SGI 0-3 priority */
	wr(GICD + 0x100, 0xffff);     /* SGIs enabled */
	/* Drop what is pending already (u-boot's bootm kicks every CPU with SGI 0). */
	for (int n = 0; n < 64 && ((iar = rd(GICC + 0x00c)) & 0x3ff) != 1023; n++)
		wr(GICC + 0x010, iar);
	wr(GICD + 0xf00, (2u << 24) | 1); /* SGI 1 to this CPU */
	iar = rd(GICC + 0x00c);
	if ((iar & 0x3ff) != 1023)
		wr(GICC + 0x010, iar);
	puts_("el3-test: cpu ");
	dec(cpu);
	puts_(" GIC: PMR ");
	hex(rd(GICC + 0x004));
	puts_(", SGI 1 acknowledged as ");
	dec(iar & 0x3ff);
	puts_("\n");
}

void secondary_main(uint64_t ctx);
void secondary_main(uint64_t ctx)
{
	unsigned int cpu = ctx & 3;

	if (ctx & QUIET)
		goto started;
	puts_("el3-test: cpu ");
	dec(cpu);
	puts_(" at EL");
	dec(sysreg_el());
	puts_(", MPIDR ");
	hex(mpidr());
	puts_(", context ");
	hex(ctx);
	puts_("\n");
	gic_check(cpu);
started:
	started[cpu]++;
	while (!off_request[cpu])
		;
	off_request[cpu] = 0;
	psci(PSCI_CPU_OFF, 0, 0, 0);
	puts_("el3-test: CPU_OFF returned\n");
}

static void cpu_on(unsigned int cpu, uint64_t ctx)
{
	uint32_t before = started[cpu];
	int64_t ret = psci(PSCI_CPU_ON, cpu, (uintptr_t)secondary, ctx);

	/* The CPU's own lines first: two CPUs never print at once. */
	if (ret == 0)
		while (started[cpu] == before)
			;
	puts_("el3-test: CPU_ON cpu ");
	dec(cpu);
	puts_(": ");
	dec(ret);
	puts_("\n");
}

static void affinity(unsigned int cpu)
{
	puts_("el3-test: AFFINITY_INFO cpu ");
	dec(cpu);
	puts_(": ");
	dec(psci(PSCI_AFFINITY_INFO, cpu, 0, 0));
	puts_("\n");
}

/*
 * CPU_OFF, then CPU_ON as soon as AFFINITY_INFO says off: the window in
 * which QEMU has not yet powered the CPU off (the stand-in retries).
 */
static void cycles(void)
{
	int failed = 0;

	for (int i = 0; i < CYCLES; i++) {
		unsigned int cpu = 1 + i % 3;
		uint32_t before = started[cpu];

		off_request[cpu] = 1;
		while (psci(PSCI_AFFINITY_INFO, cpu, 0, 0) != 1)
			;
		if (psci(PSCI_CPU_ON, cpu, (uintptr_t)secondary, cpu | QUIET))
			failed++;
		else
			while (started[cpu] == before)
				;
	}
	puts_("el3-test: ");
	dec(CYCLES);
	puts_(" CPU_OFF/CPU_ON cycles, ");
	dec(failed);
	puts_(" failed\n");
}

void payload_main(uint64_t x0);
void payload_main(uint64_t x0)
{
	uint32_t mode = rd(STOP_MODE_ADDR);
	int reset = mode == 1;

	wr(UART0 + 0x00, 0x14); /* CR: transmitter and receiver on (reset: off) */

	puts_("el3-test: cpu 0 at EL");
	dec(sysreg_el());
	puts_(", MPIDR ");
	hex(mpidr());
	puts_(", x0 ");
	hex(x0);
	puts_("\n");

	pm("PM_GET_API_VERSION", 1, 0, 0, 0);
	pm("PM_MMIO_READ BOOT_MODE_USER", 20, 0xff5e0200, 0, 0);
	pm("PM_MMIO_WRITE BOOT_PIN_CTRL", 19, 0xf0fULL << 32 | 0xff5e0250, 0x200, 0);
	pm("PM_MMIO_READ BOOT_PIN_CTRL", 20, 0xff5e0250, 0, 0);
	pm("PM_MMIO_READ CRF RST_FPD_APU", 20, 0xfd1a0104, 0, 0);
	pm("PM_GET_CHIPID", 24, 0, 0, 1);
	pm("PM_FEATURE_CHECK PM_IOCTL", 63, 34, 0, 0);
	pm("PM_REQUEST_NODE UART0", 13, 1ULL << 32 | 0x21, 2ULL << 32 | 100, 0);
	pm("PM api 99", 99, 0, 0, 0);

	puts_("el3-test: PSCI_VERSION: ");
	hex(psci(PSCI_VERSION, 0, 0, 0));
	puts_("\nel3-test: PSCI_FEATURES CPU_ON: ");
	dec(psci(PSCI_FEATURES, PSCI_CPU_ON, 0, 0));
	puts_(", CPU_SUSPEND: ");
	dec(psci(PSCI_FEATURES, PSCI_CPU_SUSPEND, 0, 0));
	puts_("\n");
	gic_check(0);

	for (unsigned int cpu = 1; cpu < 4; cpu++)
		cpu_on(cpu, cpu);
	cpu_on(2, 2); /* again: ALREADY_ON */
	cpu_on(4, 4); /* no such CPU: INVALID_PARAMETERS */
	for (unsigned int cpu = 1; cpu < 4; cpu++)
		affinity(cpu);

	off_request[1] = 1;
	while (psci(PSCI_AFFINITY_INFO, 1, 0, 0) != 1)
		;
	affinity(1);
	cpu_on(1, 0x101); /* back from CPU_OFF: a fresh reset */
	affinity(1);
	if (mode == 2)
		cycles();

	puts_(reset ? "el3-test: SYSTEM_RESET\n" : "el3-test: SYSTEM_OFF\n");
	psci(reset ? PSCI_SYSTEM_RESET : PSCI_SYSTEM_OFF, 0, 0, 0);
	puts_("el3-test: SYSTEM_OFF returned\n");
}
