/*
 * The hypervisor's static configuration tables. bulkhead-gen (tools/gen)
 * writes build/generated/hv_config.c from the validated system DT; the
 * hypervisor only reads them (const), never derives policy at run time.
 */
#ifndef BULKHEAD_HV_CONFIG_H
#define BULKHEAD_HV_CONFIG_H
#include <bulkhead/types.h>

/* How vCPU 0 is entered, with what at dtb_ipa. */
enum bh_boot {
	BH_BOOT_DTB = 0,       /* x0 / RDI = the partition DTB (design §4) */
	BH_BOOT_LINUX_X86 = 1, /* Linux's 64-bit boot protocol: RSI = its boot parameters */
};

enum bh_restart {
	BH_RESTART_HALT = 0,	     /* stop the partition, leave it stopped */
	BH_RESTART_RESTART = 1,	     /* scrub, reload the pristine image, start */
	BH_RESTART_SYSTEM_RESET = 2, /* reset the whole board */
};

/*
 * Restart back-off defaults (restart = "restart" without the restart-*
 * properties) and the longest time any of them may name (one hour).
 */
#define BH_RESTART_DELAY_MS_DEFAULT	10
#define BH_RESTART_DELAY_MAX_MS_DEFAULT 1000
#define BH_RESTART_STABLE_MS_DEFAULT	60000
#define BH_RESTART_MS_MAX		3600000

/*
 * A partition's watchdog (watchdog = <ms>): the longest timeout, and the
 * clock the emulated device says it counts (arm64: the SP805's WDOGCLK,
 * a fixed clock in the partition DTB). x86: an IB700's I/O ports, a write
 * to START starts or feeds it, one to STOP stops it.
 */
#define BH_WATCHDOG_MS_MIN     10
#define BH_WATCHDOG_MS_MAX     3600000
#define BH_WATCHDOG_CLOCK_HZ   1000000
#define BH_X86_WDOG_STOP_PORT  0x441
#define BH_X86_WDOG_START_PORT 0x443

/* A partition's access outside its memory and devices (on-bad-access). */
enum bh_bad_access {
	BH_BAD_ACCESS_STOP = 0,	 /* a fault: stop it, then its restart policy */
	BH_BAD_ACCESS_ABORT = 1, /* as hardware: arm64 a synchronous external abort in the
				  * partition, x86 reads all-ones and writes dropped */
};

/*
 * x86: a vCPU starts with an identity map the hypervisor writes into the
 * first bytes of its partition's RAM (PML4 + PDPT); images load above it.
 */
#define BH_X86_BOOT_TABLES_SIZE 0x2000
/*
 * x86: the emulated 16550's interrupt, a fixed vector of vCPU 0's virtual
 * x2APIC (0x20 + ISA IRQ 4, COM1's); the partition DTB names it.
 */
#define BH_X86_VUART_VECTOR 0x24

/* The hypervisor's console UART (arm64), from its compatible in the system DT. */
#define BH_UART_PL011 0 /* "arm,pl011" */
#define BH_UART_CDNS  1 /* "cdns,uart-r1p12", "xlnx,xuartps": Zynq, ZynqMP */
/*
 * x86: device interrupts are IOAPIC pins (GSIs). A partition's pins are
 * those of its devices (their interrupts, a PCI host's interrupt-map);
 * the hypervisor takes each pin on a vector of its own (this base + GSI)
 * and hands it to the vector the partition's virtual IOAPIC names.
 */
#define BH_X86_MAX_GSI	       64
#define BH_X86_GSI_HOST_VECTOR 0x20
/*
 * x86: the ACPI fixed hardware ports a Linux partition's FADT names (ICH9's
 * PM block and the PC reset port) and the S5 sleep type its DSDT gives.
 */
#define BH_X86_PM_TIMER_PORT  0x608
#define BH_X86_SLEEP_STS_PORT 0x600
#define BH_X86_SLEEP_CTL_PORT 0x604
#define BH_X86_RESET_PORT     0xcf9
#define BH_X86_RESET_VALUE    0x06
#define BH_X86_SLP_TYP_S5     5
/*
 * x86 Linux: the command line sits this far into the boot parameters and
 * ends with this option unless the bootargs name it; the hypervisor writes
 * the TSC rate it measured over the number at boot (a PM-timer calibration
 * under a loaded host can fail, and then Linux has no clock).
 */
#define BH_X86_CMDLINE_OFFSET 0x1000
#define BH_X86_TSC_KHZ_OPTION "tsc_early_khz="
#define BH_X86_TSC_KHZ_SLOT   BH_X86_TSC_KHZ_OPTION "4294967295"

/* Region kinds mapped into a partition's stage-2 space. */
#define BH_REGION_RAM	 BIT(0) /* normal memory, read/write/execute */
#define BH_REGION_DEVICE BIT(1) /* device memory, read/write, never execute */
#define BH_REGION_RO	 BIT(2) /* no writes */
#define BH_REGION_XN	 BIT(3) /* normal memory, never executed (bus rings, windows) */

struct bh_region {
	u64 ipa;
	u64 pa;
	u64 size;
	u32 flags;
};

/* One end of a channel, as the partition at this end sees it (local index order). */
struct bh_chan_end {
	u16 peer;	/* partition id of the other end */
	u16 peer_vcpu;	/* the vCPU its doorbell interrupts */
	u16 peer_bit;	/* event bit in that vCPU's area of the peer's event page */
	u16 peer_index; /* the channel's local index in the peer */
	u32 rate_limit; /* doorbells per second that may interrupt the peer; 0: no limit */
	u32 channel;	/* index in bh_system.channels */
};

/* A channel region: c2p ring, p2c ring, then the data windows. */
struct bh_channel {
	const char *name;
	u64 pa, size;
	u32 provider, consumer; /* partition ids */
	u32 ring_c2p, ring_p2c; /* bytes, control page included */
};

/* x86: I/O ports of a device a partition owns, reached without an exit. */
struct bh_io_range {
	u16 base, size;
};

struct bh_partition {
	const char *name;
	u32 id; /* index in bh_system.partitions; VMID = id + 1 */
	u32 is_root;
	u32 restart; /* enum bh_restart */
	/* restart = "restart": back-off and limit (docs/system-dt.md, core/restart_backoff.h). */
	u32 restart_limit;	  /* restarts in a row before it stays halted; 0: no limit */
	u32 restart_delay_ms;	  /* wait before the first restart in a row; doubles each time */
	u32 restart_delay_max_ms; /* the most it waits */
	u32 restart_stable_ms;	  /* a run this long ends a row */
	u32 on_bad_access;	  /* enum bh_bad_access */
	u32 nr_vcpus;
	const u32 *cpus; /* physical CPU index of each vCPU */
	u32 nr_regions;
	const struct bh_region *regions; /* RAM first, then devices */
	u32 nr_spis;
	const u32 *spis; /* pass-through interrupts: arm64 SPI INTIDs, x86 IOAPIC GSIs */
	u32 nr_io;
	const struct bh_io_range *io; /* x86: pass-through I/O port ranges */
	u64 ram_ipa, ram_pa, ram_size;
	u32 boot;	      /* enum bh_boot */
	u64 entry_ipa;	      /* where vCPU 0 starts */
	u64 image_ipa;	      /* where the image is loaded (entry_ipa but for a bzImage) */
	u64 image_max;	      /* bytes available to the image from image_ipa */
	u64 dtb_ipa, dtb_max; /* its DTB, or a bzImage's boot parameters */
	u64 initrd_ipa, initrd_max;
	const char *fit_config; /* its signed configuration under /configurations */
	u32 has_initrd;
	u32 security_version; /* of the image built with this table */
	u32 fallback;	      /* on-verify-fail = "fallback": try image store B */
	u64 vuart_ipa;	      /* emulated console UART */
	u32 vuart_intid;
	u64 vgicd_ipa, vgicr_ipa; /* vgicr_ipa: GICv3 only */
	u32 watchdog_ms;	  /* its watchdog's timeout from the start; 0: no watchdog */
	u64 watchdog_ipa;	  /* the emulated watchdog's page (arm64 SP805; x86: 0) */
	u32 s2_first;		  /* its stage-2 root in bh_system.s2_tables; tables follow */
	u32 s2_pages;		  /* tables below the root, as bulkhead-gen counted them */
	u32 nr_chans;		  /* VMBus channel ends, by local index */
	const struct bh_chan_end *chans;
	u64 bus_pa; /* event page, status page after it; 0: no channels */
	/*
	 * x86: the pin of its virtual IOAPIC that carries the VMBus interrupt
	 * (a GSI its ACPI tables name; no physical pin behind it), for a kernel
	 * that cannot take a fixed vector (Linux); 0: the vector VMBUS_BUS_VECTOR.
	 */
	u32 bus_gsi;
};

struct bh_system {
	u64 hv_base, hv_size;
	u64 store_base, store_size;	/* where the bootloader put the FIT (slot A) */
	u64 store_b_base, store_b_size; /* slot B's FIT; size 0: no slot B */
	u64 rollback_pa, rollback_size; /* anti-rollback store (NOR flash); size 0: none */
	u64 rollback_bank_pa;		/* the flash bank it lies in */
	u32 rollback_bank_width;
	u64 ap_trampoline_pa, ap_trampoline_size; /* x86: where APs start (SIPI); size 0: none */
	u64 uart_pa;
	u32 uart_intid;
	u32 uart_type;			 /* arm64: BH_UART_PL011 or BH_UART_CDNS */
	u64 gicd_pa, gicr_pa, gicr_size; /* gicr: GICv3 */
	u64 gicc_pa, gich_pa;		 /* GICv2: CPU interface (8 KiB), hypervisor control */
	u64 ioapic_pa;			 /* x86: the IOAPIC's registers; 0: none */
	/*
	 * x86: the board's ACPI fixed hardware (reset register, PM1a control;
	 * port 0: none), and a PCI configuration byte (0xcf8 address) whose
	 * bits must be set before the PM registers answer (mask 0: none).
	 */
	u16 x86_reset_port, x86_pm1a_cnt_port;
	u8 x86_reset_value, x86_s5_sleep_type;
	u32 x86_pm_enable_cfg;
	u8 x86_pm_enable_bits;
	u32 nr_cpus;
	const u64 *cpu_mpidr;	  /* affinity of each physical CPU */
	const s32 *cpu_partition; /* owning partition per CPU, -1: unused */
	const u32 *cpu_vcpu;	  /* vCPU index within its partition */
	u32 nr_ram;
	const struct bh_region *ram; /* board RAM banks */
	u32 nr_partitions;
	const struct bh_partition *partitions;
	u64 (*s2_tables)[512]; /* every partition's stage-2 pages (not zeroed at boot) */
	u32 nr_channels;
	const struct bh_channel *channels;
};

extern const struct bh_system bh_system;

#endif
