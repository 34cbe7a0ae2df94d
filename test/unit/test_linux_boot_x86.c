// SPDX-License-Identifier: GPL-2.0
/*
 * What an x86 Linux partition finds at each start (arch/x86/linux_boot.c)
 * and the ACPI registers its FADT names (arch/x86/vacpi.c): the reset
 * vector's stub, whose write stops the partition with its restart policy
 * as Linux's own write of the reset register does; the TSC rate over the
 * command line's slot; S5. The partition's RAM is a buffer here; the
 * counter and the stop are test stand-ins.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "../../arch/x86/x86.h"
#include "../../core/partition.h"

#define RAM_SIZE 0x200000
#define PARAMS	 0x100000 /* the boot parameters (dtb_ipa); the command line 4 KiB on */
#define RESET_AT 0xffff0
#define TSC_HZ	 2468362000ULL
#define SLOT	 "tsc_early_khz=4294967295"

unsigned int test_cpu_id;
unsigned long long test_tsc;
static unsigned char ram[RAM_SIZE] __attribute__((aligned(4096)));
static jmp_buf stopped;
static char why[128];
static u32 action;

u64 arch_counter(void)
{
	return 0;
}

u64 arch_counter_freq(void)
{
	return TSC_HZ;
}

void partition_stop(struct vcpu *v, enum bh_restart act, const char *reason)
{
	(void)v;
	action = act;
	snprintf(why, sizeof(why), "%s", reason);
	longjmp(stopped, 1);
}

static struct bh_partition cfg = {
    .name = "linux", .boot = BH_BOOT_LINUX_X86, .restart = BH_RESTART_RESTART, .dtb_ipa = PARAMS};
static struct partition part = {.cfg = &cfg};
static struct vcpu vcpu = {.part = &part};

static char *cmdline(void)
{
	return (char *)ram + PARAMS + BH_X86_CMDLINE_OFFSET;
}

static int setup(void **state)
{
	(void)state;
	memset(ram, 0, sizeof(ram));
	cfg.ram_pa = (u64)(uintptr_t)ram;
	cfg.ram_size = RAM_SIZE;
	strcpy(cmdline(), "console=hvc0 nokaslr " SLOT);
	why[0] = '\0';
	action = ~0U;
	return 0;
}

/* Writes val to port as the partition would; whether that stopped it. */
static bool io_write(u16 port, u32 size, u32 val)
{
	if (setjmp(stopped))
		return true;
	vacpi_io(&vcpu, port, false, size, &val);
	return false;
}

/* REQ: BH-FLT-2 */
static void reset_vector_writes_the_reset_register(void **state)
{
	const unsigned char *b = ram + RESET_AT;
	u16 port;

	(void)state;
	linux_boot_fill(&part);
	/* mov dx, port; mov al, value; out dx, al (then hlt, in a loop) */
	assert_int_equal(b[0], 0xba);
	assert_int_equal(b[3], 0xb0);
	assert_int_equal(b[5], 0xee);
	assert_memory_equal(b + 6, "\xf4\xeb\xfd", 3);
	port = (u16)(b[1] | b[2] << 8);
	assert_int_equal(port, 0xcf9);
	assert_true(io_write(port, 1, b[4]));
	assert_int_equal(action, BH_RESTART_RESTART);
	assert_string_equal(why, "reset (ACPI reset register)");
	/* Within the 16 bytes before 1 MiB; nothing else written below the parameters. */
	for (size_t i = 0; i < PARAMS; i++)
		if (i < RESET_AT || i >= RESET_AT + 9)
			assert_int_equal(ram[i], 0);
	/* Each start writes it again (a restart scrubbed the RAM), whatever the policy. */
	memset(ram + RESET_AT, 0, 16);
	cfg.restart = BH_RESTART_HALT;
	linux_boot_fill(&part);
	assert_true(io_write(port, 1, b[4]));
	assert_int_equal(action, BH_RESTART_HALT);
	cfg.restart = BH_RESTART_RESTART;
}

/* REQ: BH-FLT-2 */
static void acpi_registers_stop_only_when_asked(void **state)
{
	u32 v = 0x12345678;

	(void)state;
	assert_false(io_write(0xcf9, 1, 0x02));			    /* no CPU-reset bit */
	assert_int_equal(vacpi_io(&vcpu, 0xcf9, false, 4, &v), -1); /* 0xcf8's dword: PCI */
	assert_int_equal(vacpi_io(&vcpu, 0xcf9, true, 1, &v), 0);
	assert_int_equal(v, 0);
	assert_false(io_write(0x604, 1, (BH_X86_SLP_TYP_S5 << 2))); /* SLP_EN not set */
	assert_true(io_write(0x604, 1, (BH_X86_SLP_TYP_S5 << 2) | 0x20));
	assert_string_equal(why, "powered off (ACPI S5)");
	/* A partition booted with a DTB has none of it. */
	cfg.boot = BH_BOOT_DTB;
	assert_int_equal(vacpi_io(&vcpu, 0xcf9, false, 1, &v), -1);
	cfg.boot = BH_BOOT_LINUX_X86;
}

static void tsc_rate_over_the_slot(void **state)
{
	(void)state;
	linux_boot_fill(&part);
	assert_string_equal(cmdline(), "console=hvc0 nokaslr tsc_early_khz=2468362");
	/* Bootargs that give the rate themselves stay as they are. */
	strcpy(cmdline(), "console=hvc0 tsc_early_khz=1000000");
	linux_boot_fill(&part);
	assert_string_equal(cmdline(), "console=hvc0 tsc_early_khz=1000000");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(reset_vector_writes_the_reset_register, setup),
	    cmocka_unit_test_setup(acpi_registers_stop_only_when_asked, setup),
	    cmocka_unit_test_setup(tsc_rate_over_the_slot, setup),
	};

	return cmocka_run_group_tests_name("linux-boot-x86", tests, NULL, NULL);
}
