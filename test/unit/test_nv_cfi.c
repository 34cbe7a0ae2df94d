// SPDX-License-Identifier: GPL-2.0
/*
 * core/nv_cfi.c, the rollback store's CFI flash driver, against a model of
 * an Intel/Sharp command-set NOR bank (as QEMU's pflash_cfi01): the driver
 * reaches the bank through plain loads and stores, so the bank is a page
 * the test keeps inaccessible; each access faults, the model answers it
 * (a read gets the array, the query table or the status; a write is a
 * command or the data of a program), and the CPU's trap flag steps the
 * one instruction (x86-64 Linux hosts; elsewhere the tests are skipped).
 * The console is core/console.c's, its lines checked as the board shows
 * them.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <cmocka.h>
#include "arch.h"
#include "console.h"
#include "nvstore.h"

#if defined(__x86_64__) && defined(__linux__)
#define HAVE_TRAPS 1
#else
#define HAVE_TRAPS 0
#endif

#define BANK	  0x10000 /* the bank the driver sees */
#define TRAP_FLAG 0x100	  /* EFLAGS.TF: a debug trap after one instruction */

enum mode { ARRAY, QUERY, STATUS, ERASE_SETUP, PROGRAM_SETUP };

/* The model: one bank of bw / cw chips side by side, each cw bytes wide. */
static struct {
	u32 bw, cw, chip_block, regions, cmd_set;
	bool absent;	   /* no CFI flash: reads as memory that ignores commands */
	bool fail_erase;   /* the next erase ends with the erase error bit */
	bool fail_program; /* the next program ends with the program error bit */
	bool busy;	   /* the status never says ready */
	u32 stuck;	   /* bits that read 0 whatever is programmed (worn cells) */
	enum mode mode;
	u32 status; /* each chip's, low byte */
	u8 data[BANK];
	u32 erases, programs, bad_cmds, queries_off_bank;
} cfi;

static u8 *bank;    /* the inaccessible window */
static u64 pending; /* the access being stepped */
static bool pending_write;

/* A byte in the low lane of every chip of the bank. */
static u32 rep(u32 b)
{
	u32 v = 0;

	for (u32 i = 0; i < cfi.bw; i += cfi.cw)
		v |= b << (8 * i);
	return v;
}

/* The CFI query table: "QRY", the command set, one region of uniform blocks. */
static u32 query_byte(u32 q)
{
	switch (q) {
	case 0x10:
		return 'Q';
	case 0x11:
		return 'R';
	case 0x12:
		return 'Y';
	case 0x13:
		return cfi.cmd_set & 0xff;
	case 0x14:
		return cfi.cmd_set >> 8;
	case 0x2c:
		return cfi.regions;
	case 0x2f:
		return (cfi.chip_block / 256) & 0xff;
	case 0x30:
		return (cfi.chip_block / 256) >> 8;
	default:
		return 0;
	}
}

static u32 block(void)
{
	return cfi.chip_block * (cfi.bw / cfi.cw);
}

static u32 model_read(u64 off)
{
	u32 v = 0;

	if (cfi.absent || cfi.mode == ARRAY) {
		memcpy(&v, &cfi.data[off], cfi.bw);
		return v & ~cfi.stuck;
	}
	if (cfi.mode == QUERY)
		return rep(query_byte((u32)(off / cfi.bw)));
	return cfi.busy ? 0 : rep(cfi.status);
}

static void model_write(u64 off, u32 v)
{
	u32 c = v & 0xff;

	if (cfi.absent) {
		memcpy(&cfi.data[off], &v, cfi.bw);
		return;
	}
	if (cfi.mode == PROGRAM_SETUP) {
		/* NOR: programming only clears bits. */
		for (u32 i = 0; i < cfi.bw && !cfi.fail_program; i++)
			cfi.data[off + i] &= (u8)(v >> (8 * i));
		cfi.status = cfi.fail_program ? 0x90 : 0x80;
		cfi.fail_program = false;
		cfi.mode = STATUS;
		cfi.programs++;
		return;
	}
	for (u32 i = 0; i < cfi.bw; i += cfi.cw)
		if (((v >> (8 * i)) & 0xff) != c)
			cfi.bad_cmds++; /* every chip must get the command */
	if (cfi.mode == ERASE_SETUP && c == 0xd0) {
		u64 b = off / block() * block();

		if (!cfi.fail_erase)
			memset(&cfi.data[b], 0xff, block());
		cfi.status = cfi.fail_erase ? 0xa0 : 0x80;
		cfi.fail_erase = false;
		cfi.mode = STATUS;
		cfi.erases++;
		return;
	}
	switch (c) {
	case 0xff:
		cfi.mode = ARRAY;
		break;
	case 0x98:
		cfi.mode = QUERY;
		break;
	case 0x70:
		cfi.mode = STATUS;
		break;
	case 0x50:
		cfi.status &= ~0x3aU;
		break;
	case 0x20:
		cfi.mode = ERASE_SETUP;
		break;
	case 0x40:
		cfi.mode = PROGRAM_SETUP;
		break;
	default:
		cfi.bad_cmds++;
	}
}

#if HAVE_TRAPS
static u8 *page_of(u64 off)
{
	return bank + (off & ~0xfffULL);
}

/* An access to the bank: answer a read, let a write land; step the instruction. */
static void on_fault(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	u8 *a = si->si_addr;

	(void)sig;
	if (a < bank || a >= bank + BANK) {
		signal(SIGSEGV, SIG_DFL); /* a real fault: it happens again, and kills */
		return;
	}
	pending = (u64)(a - bank) & ~(u64)(cfi.bw - 1);
	pending_write = uc->uc_mcontext.gregs[REG_ERR] & 2;
	mprotect(page_of(pending), 0x1000, PROT_READ | PROT_WRITE);
	if (!pending_write) {
		u32 v = model_read(pending);

		memcpy(bank + pending, &v, cfi.bw);
		mprotect(page_of(pending), 0x1000, PROT_READ);
	}
	uc->uc_mcontext.gregs[REG_EFL] |= TRAP_FLAG;
}

static void on_step(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	(void)sig;
	(void)si;
	if (pending_write) {
		u32 v = 0;

		memcpy(&v, bank + pending, cfi.bw);
		model_write(pending, v);
	}
	mprotect(page_of(pending), 0x1000, PROT_NONE);
	uc->uc_mcontext.gregs[REG_EFL] &= ~(long long)TRAP_FLAG;
}

static struct sigaction old_segv, old_trap;
#endif

/* The fake arch's counter: 1 MHz, moved on by tick at each read. */
static u64 counter, tick = 1;

u64 arch_counter(void)
{
	counter += tick;
	return counter;
}

u64 arch_counter_freq(void)
{
	return 1000000;
}

static char out[4096];
static u32 out_len;

static void out_putc(char c)
{
	if (out_len + 1 < sizeof(out))
		out[out_len++] = c;
	out[out_len] = '\0';
}

static const struct console_ops ops = {.putc = out_putc};

/* A fresh bank of bw / cw chips, erased, with chip blocks of chip_block bytes. */
static int setup(void **state)
{
	(void)state;
	if (!HAVE_TRAPS)
		return 0;
	memset(&cfi, 0, sizeof(cfi));
	cfi.bw = 4;
	cfi.cw = 2;
	cfi.chip_block = 0x1000;
	cfi.regions = 1;
	cfi.cmd_set = 1;
	cfi.status = 0x80;
	memset(cfi.data, 0xff, sizeof(cfi.data));
	bank = mmap(NULL, BANK, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (bank == MAP_FAILED)
		return -1;
	out_len = 0;
	out[0] = '\0';
	counter = 0;
	tick = 1;
	console_setup(&ops, 0, 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	if (!HAVE_TRAPS)
		return 0;
#if HAVE_TRAPS
	sigaction(SIGSEGV, &old_segv, NULL);
	sigaction(SIGTRAP, &old_trap, NULL);
#endif
	return munmap(bank, BANK);
}

/*
 * The bank's accesses trapped from here on (cmocka sets its own SIGSEGV
 * handler around each test and fixture: this runs in the test).
 */
static void traps_on(void)
{
#if HAVE_TRAPS
	struct sigaction sa = {.sa_flags = SA_SIGINFO | SA_NODEFER};

	sa.sa_sigaction = on_fault;
	sigaction(SIGSEGV, &sa, &old_segv);
	sa.sa_sigaction = on_step;
	sigaction(SIGTRAP, &sa, &old_trap);
#else
	skip();
#endif
}

#define PA(off)	     ((u64)(uintptr_t)(bank + (off)))
#define NEED_TRAPS() traps_on()

/* Printed on the board console, as a line of its own. */
static void assert_said(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void assert_said(const char *fmt, ...)
{
	char want[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(want, sizeof(want), fmt, ap);
	va_end(ap);
	if (!strstr(out, want))
		fail_msg("console has no \"%s\" but:\n%s", want, out);
}

/*
 * The chip width is probed, not configured: a bank of one, two or four
 * chips of 8, 16 or 32 bits answers the query with its own interleave,
 * and the store's copies are whole erase blocks of the bank as the bus sees
 * them. The chips are left reading their array.
 */
/* REQ: BH-RB-4 */
static void probes_each_geometry(void **state)
{
	static const u32 geo[][2] = {{1, 1}, {2, 1}, {2, 2}, {4, 1}, {4, 2}, {4, 4}};

	(void)state;
	NEED_TRAPS();
	for (unsigned i = 0; i < sizeof(geo) / sizeof(geo[0]); i++) {
		cfi.bw = geo[i][0];
		cfi.cw = geo[i][1];
		cfi.mode = ARRAY;
		/* Store at the second block, five blocks long: two whole blocks a copy. */
		assert_int_equal(nvstore_init(PA(0), PA(block()), 5ULL * block(), cfi.bw), 0);
		assert_int_equal(nvstore_copy_size(), 2 * block());
		assert_int_equal(cfi.mode, ARRAY);
		assert_int_equal(cfi.bad_cmds, 0);
	}
	assert_string_equal(out, "");
}

/*
 * A copy is erased block by block, programmed word by word (erased words
 * skipped: the records leave unused entries so), read back and compared;
 * the other copy is untouched; a read gives back what was written, a tail
 * shorter than the bus width too.
 */
/* REQ: BH-RB-3 */
static void write_then_read_back(void **state)
{
	u8 rec[38], got[38];
	u32 copy;

	(void)state;
	NEED_TRAPS();
	for (unsigned i = 0; i < sizeof(rec); i++)
		rec[i] = (u8)(0x11 * i + 1);
	memset(rec + 8, 0xff, 4); /* an erased word */
	assert_int_equal(nvstore_init(PA(0), PA(0x2000), 0x8000, 4), 0);
	copy = nvstore_copy_size();
	assert_int_equal(copy, 0x4000);
	memset(cfi.data + 0x2000, 0x00, copy); /* copy 0: written before */
	assert_int_equal(nvstore_write(1, rec, sizeof(rec)), 0);
	assert_int_equal(cfi.erases, 2);   /* its two 8 KiB bus blocks */
	assert_int_equal(cfi.programs, 9); /* 10 words, one of them erased */
	assert_memory_equal(cfi.data + 0x2000 + copy, rec, sizeof(rec));
	assert_int_equal(cfi.data[0x2000 + copy + sizeof(rec)], 0xff); /* the rest erased */
	assert_int_equal(cfi.data[0x2000 + 2 * copy - 1], 0xff);
	assert_int_equal(cfi.data[0x2000 + copy - 1], 0x00); /* copy 0 as it was */
	assert_int_equal(cfi.mode, ARRAY);
	assert_int_equal(cfi.bad_cmds, 0);
	memset(got, 0, sizeof(got));
	assert_int_equal(nvstore_read(1, got, sizeof(got)), 0);
	assert_memory_equal(got, rec, sizeof(rec));
	assert_int_equal(nvstore_read(0, got, 4), 0);
	assert_memory_equal(got, "\0\0\0\0", 4);
	assert_string_equal(out, "");
}

/*
 * What the driver cannot use is refused, said on the console: a bank width
 * it has no access for, no CFI flash, another command set, blocks of more
 * than one size, a store that is not whole blocks.
 */
/* REQ: BH-RB-4 */
static void refuses_what_it_cannot_drive(void **state)
{
	(void)state;
	NEED_TRAPS();
	assert_int_equal(nvstore_init(PA(0), PA(0x2000), 0x8000, 3), -1);
	assert_said("[bulkhead] rollback store: bank width 3 is not 1, 2 or 4\n");
	cfi.absent = true;
	assert_int_equal(nvstore_init(PA(0), PA(0x2000), 0x8000, 4), -1);
	assert_said("[bulkhead] rollback store at 0x%llx: no CFI flash answers\n",
		    (unsigned long long)PA(0x2000));
	cfi.absent = false;
	cfi.cmd_set = 2; /* AMD's */
	assert_int_equal(nvstore_init(PA(0), PA(0x2000), 0x8000, 4), -1);
	assert_said("[bulkhead] rollback store at 0x%llx: CFI command set 0x2 is not Intel's (1 or "
		    "3)\n",
		    (unsigned long long)PA(0x2000));
	assert_int_equal(cfi.mode, ARRAY);
	cfi.cmd_set = 3;
	cfi.regions = 2;
	assert_int_equal(nvstore_init(PA(0), PA(0x2000), 0x8000, 4), -1);
	assert_said("[bulkhead] rollback store at 0x%llx: 2 erase block regions; only uniform "
		    "blocks are supported\n",
		    (unsigned long long)PA(0x2000));
	cfi.regions = 1;
	assert_int_equal(nvstore_init(PA(0), PA(0x1000), 0x8000, 4), -1);
	assert_said("[bulkhead] rollback store 0x%llx+0x8000: must be block aligned and hold two "
		    "erase blocks of 0x2000 bytes\n",
		    (unsigned long long)PA(0x1000));
	assert_int_equal(nvstore_init(PA(0), PA(0x2000), 0x3000, 4), -1);
	assert_said("[bulkhead] rollback store 0x%llx+0x3000: must be block aligned and hold two "
		    "erase blocks of 0x2000 bytes\n",
		    (unsigned long long)PA(0x2000));
	assert_int_equal(cfi.mode, ARRAY);
}

/*
 * A write that fails says where and with which status (each chip's, side
 * by side), clears the error and leaves the chips reading their array:
 * an erase or a program the chip refuses, a chip that never gets ready
 * (after the 10 s an erase may take), cells that do not keep what was
 * programmed, and lengths beyond a copy.
 */
/* REQ: BH-RB-3, BH-RB-4 */
static void failed_writes_are_reported(void **state)
{
	u8 rec[16];

	(void)state;
	NEED_TRAPS();
	memset(rec, 0x5a, sizeof(rec));
	assert_int_equal(nvstore_init(PA(0), PA(0x2000), 0x8000, 4), 0);
	cfi.fail_erase = true;
	assert_int_equal(nvstore_write(0, rec, sizeof(rec)), -1);
	assert_said("[bulkhead] rollback store: erase at 0x%llx failed (status 0xa000a0)\n",
		    (unsigned long long)PA(0x2000));
	assert_int_equal(cfi.status, 0x80); /* cleared */
	assert_int_equal(cfi.mode, ARRAY);
	assert_int_equal(cfi.programs, 0);

	cfi.fail_program = true;
	assert_int_equal(nvstore_write(1, rec, sizeof(rec)), -1);
	assert_said("[bulkhead] rollback store: program at 0x%llx failed (status 0x900090)\n",
		    (unsigned long long)PA(0x6000));
	assert_int_equal(cfi.mode, ARRAY);

	cfi.busy = true;
	tick = 1000000; /* a second a read of the counter */
	counter = 0;
	assert_int_equal(nvstore_write(0, rec, sizeof(rec)), -1);
	assert_said("[bulkhead] rollback store: erase at 0x%llx failed (status 0x0)\n",
		    (unsigned long long)PA(0x2000));
	assert_true(counter > 10 * 1000000);
	assert_true(counter < 13 * 1000000);
	cfi.busy = false;
	tick = 1;

	cfi.stuck = 0x00000200; /* bit 9 of every word reads 0: 0x5a's bit 1 */
	assert_int_equal(nvstore_write(0, rec, sizeof(rec)), -1);
	assert_said("[bulkhead] rollback store: read-back at 0x%llx failed (status 0x0)\n",
		    (unsigned long long)PA(0x2000));
	cfi.stuck = 0;
	assert_int_equal(nvstore_write(0, rec, sizeof(rec)), 0);

	assert_int_equal(nvstore_write(1, rec, 0x4001), -1);
	assert_said("[bulkhead] rollback store: write (too long) at 0x%llx failed (status 0x0)\n",
		    (unsigned long long)PA(0x6000));
	assert_int_equal(nvstore_read(1, rec, 0x4001), -1);
	assert_said("[bulkhead] rollback store: read (too long) at 0x%llx failed (status 0x0)\n",
		    (unsigned long long)PA(0x6000));
	assert_int_equal(cfi.bad_cmds, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(probes_each_geometry, setup, teardown),
	    cmocka_unit_test_setup_teardown(write_then_read_back, setup, teardown),
	    cmocka_unit_test_setup_teardown(refuses_what_it_cannot_drive, setup, teardown),
	    cmocka_unit_test_setup_teardown(failed_writes_are_reported, setup, teardown),
	};

	return cmocka_run_group_tests_name("nv-cfi", tests, NULL, NULL);
}
