// SPDX-License-Identifier: GPL-2.0
/*
 * The x86 partition console (arch/x86/vuart_16550.c) as a driver sees it
 * through port I/O: receive and transmitter-empty interrupts by IER, their
 * identification and priority in IIR, acknowledgement by reading RBR or
 * IIR or writing THR, and the vector each new reason raises in vCPU 0.
 * The console mux and the virtual LAPIC are test stand-ins.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <bulkhead/hv_config.h>
#include "../../arch/x86/x86.h"
#include "../../core/console.h"
#include "../../core/partition.h"

struct partition partitions[CONFIG_MAX_PARTITIONS];
static const struct bh_partition cfg = {.name = "p", .nr_vcpus = 1, .vuart_ipa = 0x3f8};
const struct bh_system bh_system = {.nr_partitions = 1, .partitions = &cfg};
static u32 raised, last_vector; /* vlapic_raise calls */
static char sent[64];
static u32 nsent;

void vlapic_raise(struct vcpu *v, u32 vector)
{
	assert_ptr_equal(v, &partitions[0].vcpu[0]);
	raised++;
	last_vector = vector;
}

void console_part_putc(int part, char c)
{
	assert_int_equal(part, 0);
	if (nsent < sizeof(sent))
		sent[nsent++] = c;
}

void console_part_flush(int part)
{
	(void)part;
}

void console_part_reads(int part)
{
	(void)part;
}

void log_printf(const char *fmt, ...)
{
	(void)fmt;
}

static u32 in(u32 reg)
{
	u32 v = 0xdead;

	assert_int_equal(vuart_io(&partitions[0].vcpu[0], (u16)(0x3f8 + reg), true, 1, &v), 0);
	return v;
}

static void out(u32 reg, u32 v)
{
	assert_int_equal(vuart_io(&partitions[0].vcpu[0], (u16)(0x3f8 + reg), false, 1, &v), 0);
}

static int setup(void **state)
{
	(void)state;
	memset(partitions, 0, sizeof(partitions));
	partitions[0].cfg = &cfg;
	partitions[0].state = PART_RUNNING;
	partitions[0].vcpu[0].part = &partitions[0];
	vuart_reset(&partitions[0]);
	raised = last_vector = nsent = 0;
	return 0;
}

#define IER 1
#define IIR 2
#define LCR 3
#define LSR 5

static void receive_interrupt(void **state)
{
	(void)state;
	assert_int_equal(in(IIR), 0xc1); /* nothing pending */
	out(IER, 0x01);
	assert_int_equal(raised, 0); /* enabled with nothing received */
	vuart_input(0, 'a');
	assert_int_equal(raised, 1);
	assert_int_equal(last_vector, BH_X86_VUART_VECTOR);
	assert_int_equal(in(IIR), 0xc4);
	assert_int_equal(in(LSR)&1, 1);
	assert_int_equal(in(0), 'a'); /* reading the data ends the interrupt */
	assert_int_equal(in(IIR), 0xc1);
	assert_int_equal(in(LSR)&1, 0);
	/* Every character raises: an edge per byte, the driver drains to "none". */
	vuart_input(0, 'b');
	vuart_input(0, 'c');
	assert_int_equal(raised, 3);
}

static void disabled_receive_raises_when_enabled(void **state)
{
	(void)state;
	vuart_input(0, 'x');
	assert_int_equal(raised, 0);
	assert_int_equal(in(IIR), 0xc1); /* data waits, no interrupt asked for */
	out(IER, 0x01);
	assert_int_equal(raised, 1); /* the waiting data interrupts once enabled */
	assert_int_equal(in(IIR), 0xc4);
	out(IER, 0x00);
	assert_int_equal(in(IIR), 0xc1);
	assert_int_equal(in(0), 'x');
}

static void transmit_empty_interrupt(void **state)
{
	(void)state;
	out(IER, 0x02);
	assert_int_equal(raised, 1); /* the holding register is empty at once */
	assert_int_equal(in(IIR), 0xc2);
	assert_int_equal(in(IIR), 0xc1); /* reading IIR acknowledged it */
	out(0, 'h');
	assert_int_equal(nsent, 1);
	assert_int_equal(sent[0], 'h');
	assert_int_equal(raised, 2); /* sent, empty again */
	assert_int_equal(in(IIR), 0xc2);
	/* Received data comes first; transmitter empty is still there after it. */
	out(0, 'i');
	out(IER, 0x03);
	vuart_input(0, 'z');
	assert_int_equal(in(IIR), 0xc4);
	assert_int_equal(in(0), 'z');
	assert_int_equal(in(IIR), 0xc2);
	assert_int_equal(in(IIR), 0xc1);
}

/* REQ: BH-ISO-8 */
static void divisor_latch_hides_ier(void **state)
{
	(void)state;
	out(LCR, 0x83);
	out(IER, 0x01); /* DLM, not IER */
	assert_int_equal(in(IER), 0x01);
	out(LCR, 0x03);
	assert_int_equal(in(IER), 0x00);
	vuart_input(0, 'q');
	assert_int_equal(raised, 0);
}

/* REQ: BH-FLT-3 */
static void stopped_partition_is_not_interrupted(void **state)
{
	(void)state;
	out(IER, 0x01);
	partitions[0].state = PART_HALTED;
	vuart_input(0, 'r');
	assert_int_equal(raised, 0);
	assert_int_equal(in(IIR), 0xc4); /* the state is kept for when it runs */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(receive_interrupt, setup),
	    cmocka_unit_test_setup(disabled_receive_raises_when_enabled, setup),
	    cmocka_unit_test_setup(transmit_empty_interrupt, setup),
	    cmocka_unit_test_setup(divisor_latch_hides_ier, setup),
	    cmocka_unit_test_setup(stopped_partition_is_not_interrupted, setup),
	};

	return cmocka_run_group_tests_name("vuart16550", tests, NULL, NULL);
}
