/*
 * The bare-metal partition runtime: start-up at EL1 (MMU on, vectors),
 * console through the (emulated) PL011, the partition's own DTB, PSCI,
 * GICv3 CPU interface and the virtual timer. Programs implement main().
 */
#ifndef PART_H
#define PART_H
#include <bulkhead/types.h>
#include "part_arch.h"

/* Stacks for as many vCPUs as a partition may have (the generator refuses more). */
#ifdef CONFIG_MAX_VCPUS_PER_PARTITION
#define PART_MAX_CPUS CONFIG_MAX_VCPUS_PER_PARTITION
#else
#define PART_MAX_CPUS 8
#endif

struct part_info {
	const void *fdt;
	const char *name;
	u32 nr_cpus;
	u64 mem_base, mem_size;
	u64 uart_base;
	bool uart_cdns;	 /* arm64: a Cadence UART (bare ZCU102), not the PL011 Bulkhead emulates */
	u32 uart_irq;	 /* its interrupt (arm64 INTID, x86 vector), 0 if the DTB names none */
	u32 gic_version; /* arm64: 3 or 2, from the DTB's GIC */
	u64 gicd_base, gicr_base; /* gicr: GICv3 */
	u64 gicc_base;		  /* GICv2: the CPU interface */
	const char *bootargs;	  /* /chosen/bootargs, "" if none */
};

extern struct part_info part;
extern u64 part_boot_tick;

int main(void);
void secondary_main(u32 cpu); /* weak default: idles */

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void puts_raw(const char *s);
void part_uart_putc(char c);	/* arch: one character to the console UART */
int part_uart_getc(void);	/* arch: the next typed character, -1 if none */
void part_uart_rx_irq(bool on); /* arch: the UART interrupts on received data */
/* A UART node's registers: its MMIO address, or (x86) its first I/O port; 0 if none. */
u64 part_uart_base_of(int node);
/*
 * A device node's interrupt as this CPU takes it (arm64 an INTID, x86 a
 * vector): its bulkhead,vector, else its first interrupt on its interrupt
 * parent (x86: routed to this vCPU by its IOAPIC); 0 if none.
 */
u32 part_irq_of(int node);
u32 part_prop_u32(int node, const char *name, u32 dflt); /* a one-cell property of its DTB */
/* arch: an interrupt specifier (cells big-endian DT cells) of controller node ctrl, as part_irq_of;
 * 0 if unusable. */
u32 part_irq_spec(int ctrl, const void *spec, int cells);
/* arch: s written, polled, to another UART of the console's kind at base (one it owns). */
void part_uart_puts_at(u64 base, const char *s);
int part_uart_getc_at(u64 base);	     /* arch: its next received byte, -1 if none */
void part_uart_rx_irq_at(u64 base, bool on); /* arch: its interrupt on received data */
void part_cpu_setup(bool primary);	     /* arch: MMU, vectors; primary: the boot vCPU */
void console_bus_attach(void); /* console lines over VMBus when the DTB has a console channel */
u32 this_cpu(void);
bool part_has_arg(const char *word);	       /* is word one of the bootargs? */
bool part_arg_u64(const char *key, u64 *v);    /* "key=<number>" in the bootargs (0x: hex) */
u64 part_read_cells(const void *cells, int n); /* n big-endian DT cells as one number */
void part_sort_u64(u64 *v, u32 n);	       /* ascending, in place */
__attribute__((noreturn)) void idle(void);

/* PSCI */
s64 psci_cpu_on(u64 mpidr, u64 entry, u64 ctx);
__attribute__((noreturn)) void psci_system_off(void);
u64 hvc_call(u64 fn, u64 a1, u64 a2, u64 a3);
void hvc_call12(u64 x[12]); /* x[0] the function, x[1..3] arguments; x[0..11] the results */
/*
 * The call fn made in a way the hypervisor must refuse with -1: arm64 HVC
 * with a non-zero immediate, x86 VMMCALL at CPL 3 (vCPU 0 only).
 */
s64 part_hypercall_malformed(u64 fn);

/* One entry of the hypervisor's measurement log (root only; bulkhead/image_abi.h). */
struct part_measurement {
	char name[33];
	u32 partition, kind, slot, version, size;
	u8 sha256[32];
};
/* 0, BH_IMAGE_NO_ENTRY (past the end) or BH_IMAGE_PENDING (ask again later). */
int part_image_measurement(u32 index, struct part_measurement *m);
/* "measured: <name> <kind> slot <A|B> version <v> size <n> sha256 <hex>" */
void part_print_measurement(const char *name, u32 kind, u32 slot, u32 version, u32 size,
			    const u8 *sha256);

/* Interrupts: one handler per INTID. */
typedef void (*irq_handler_t)(u32 intid);
void irq_init(void); /* distributor (once) + this CPU's interface */
void irq_register(u32 intid, irq_handler_t fn);
void irq_enable(u32 intid);
irq_handler_t irq_handler(u32 intid); /* NULL: none registered */

/*
 * Sleeps until *v == want or the counter passes deadline; false on timeout.
 * Waits for an interrupt with the timer as the alarm when the program does
 * not use the timer itself, else polls (arm64: WFE bounded by the counter
 * event stream).
 */
bool part_wait_until(volatile u32 *v, u32 want, u64 deadline);
void part_sleep_ms(u32 ms);

/* The partition's timer (its interrupt: TIMER_IRQ, part_arch.h); one-shot. */
u64 timer_freq(void);
u64 timer_now(void);
void timer_arm(u64 ticks_from_now);
void timer_set(u64 deadline); /* fires once timer_now() reaches deadline */
void timer_stop(void);

extern char secondary_entry[];

#endif
