/*
 * bulkhead-gen's view of a system description: the board's hardware as
 * found in the system DTB plus the /bulkhead assignment, after parsing and
 * before emitting anything.
 */
#ifndef GEN_MODEL_H
#define GEN_MODEL_H
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include <bulkhead/types.h>
#include <bulkhead/hv_config.h>

#define G_MAX_CPUS	 64
#define G_MAX_PARTS	 64
#define G_MAX_DEVS	 256
#define G_MAX_REGS	 8
#define G_MAX_IRQS	 32
#define G_MAX_RAM	 8
#define G_PATH		 256
#define G_NAME		 32
#define G_PAGE		 0x1000ULL
#define G_MAX_CHANS	 256
#define G_MAX_PART_CHANS 64 /* per partition, the most CONFIG_VMBUS_MAX_CHANNELS allows */
/* A partition's stage-2 regions: RAM, its devices' registers, its channels, the GICv2 CPU
 * interface. */
#define G_MAX_PART_REGIONS (1 + G_MAX_DEVS * G_MAX_REGS + 6 * G_MAX_PART_CHANS + 2 + 1)

struct g_range {
	u64 base, size;
};

struct g_cpu {
	int node;
	char path[G_PATH];
	u32 phandle;
	u64 mpidr;
	int owner; /* partition index, -1 */
};

struct g_dev {
	int node;
	char path[G_PATH];
	char name[G_PATH];
	struct g_range reg[G_MAX_REGS];
	int nreg;
	struct g_range io[G_MAX_REGS]; /* x86 I/O port ranges (ISA bus, space 1) */
	int nio;
	/*
	 * A PCI host bridge's memory windows (its "ranges", space 2 and 3) follow
	 * its own reg in reg[]: reg[nown..nreg) are mapped like registers, and
	 * the partition DTB gets them back as ranges with the bus address.
	 */
	int nown;
	u32 win_space[G_MAX_REGS]; /* the child address's first cell (space, prefetchable) */
	u64 win_bus[G_MAX_REGS];   /* the window's PCI bus address */
	u32 spi[G_MAX_IRQS];	   /* its interrupts: arm64 SPI INTIDs, x86 IOAPIC pins (GSIs) */
	int nspi;
	char irq_err[200]; /* why its interrupts cannot be read; reported if a partition owns it */
	int owner;
};

/* Where a UART's registers are: its first MMIO range, else its first I/O port. */
static inline u64 gen_dev_base(const struct g_dev *d)
{
	return d->nreg ? d->reg[0].base : d->nio ? d->io[0].base : 0;
}

struct g_part {
	int node;
	char path[G_PATH];
	char name[G_NAME];
	bool root;
	bool trusted_dma;    /* bulkhead,trusted-dma: may own DMA-capable devices */
	int cpu[G_MAX_CPUS]; /* index into sys.cpu */
	int ncpu;
	bool has_mem;
	struct g_range mem;
	u64 ipa_base;
	int dev[G_MAX_DEVS];
	int ndev;
	char program[64];
	bool program_ok;
	char image[512];			/* resolved path of the image file */
	char initrd[512];			/* resolved path, or "" */
	char image_name[256], initrd_name[256]; /* as the DTS wrote them */
	char bootargs[1024];
	int restart;
	/* restart-limit, restart-delay-ms, restart-delay-max-ms, restart-stable-ms
	 * (parse_restart.c) */
	u32 restart_limit, restart_delay_ms, restart_delay_max_ms, restart_stable_ms;
	u32 watchdog_ms;       /* watchdog = <ms> (parse_watchdog.c); 0: none */
	u64 watchdog_ipa;      /* arm64: the emulated SP805's page (x86: fixed ports, 0) */
	bool fallback;	       /* on-verify-fail = "fallback": try slot B */
	bool bad_access_abort; /* on-bad-access = "abort" */
	u32 security_version;  /* anti-rollback: bulkhead,security-version in the FIT */
	/* Layout, computed once the image is known. */
	u64 image_size, text_offset, entry_ipa, dtb_ipa, initrd_ipa, initrd_size;
	/* x86 bzImage (x86_linux.c): the kernel's setup header, for its boot parameters. */
	bool linux_x86;
	unsigned char setup_hdr[0xa0];
	int setup_hdr_len;
	u32 cmdline_size;
	int s2_pages; /* stage-2 table pages below the root (stage2_size.c) */
	/* VMBus: channel ends by local index (index into sys.chan), bus pages. */
	int chan[G_MAX_PART_CHANS];
	int nchan;
	struct g_range bus; /* event + status page; size 0: no channels */
};

/* A VMBus channel. Direction 0 is consumer->provider (c2p), 1 is p2c. */
struct g_chan {
	int node;
	char path[G_PATH];
	char name[G_NAME];
	int cls;		/* enum vmbus_class */
	int provider, consumer; /* partition indices, -1 until known */
	u32 ring[2], win[2];	/* bytes per direction; rings include the control page */
	u32 max_packet, max_outstanding, rate_limit;
	u32 target[2]; /* vCPU interrupted at the provider [0] and the consumer [1] */
	char guid[40]; /* instance GUID, "" if none given */
	bool has_range;
	struct g_range range; /* block: the bytes of the provider's disk it exports */
	bool has_mac;
	u8 mac[6]; /* net */
	u32 mtu;
	int local[2];	       /* local index at the provider [0] and the consumer [1] */
	struct g_range region; /* placed by vmbus_layout.c */
};

/* One stage-2 mapping of a partition: RAM, device pages, then bus memory. */
struct g_region {
	u64 ipa, pa, size;
	u32 flags;	  /* BH_REGION_* */
	const char *what; /* device path or channel name; NULL for RAM */
};

struct g_srcmap;

struct gen_opts {
	const char *dts_name;	       /* as the user named it, for messages */
	const struct g_srcmap *srcmap; /* node/property -> file:line (srcmap.c); NULL: none */
	const char *dts_dir;	       /* where relative image paths start */
	const char *search_dir;	       /* second place for them: the build folder */
	const char *arch;
	const char *board;     /* CONFIG_BOARD, for system.json; NULL: unknown */
	const char *version;   /* the banner's Bulkhead version, for system.json */
	const char *programs;  /* space separated */
	const char *prog_dir;  /* <objtree>/partitions; NULL: don't read images */
	const char *sign_algo; /* FIT signature algorithm, NULL: images unsigned */
	const char *key_name;  /* mkimage key-name-hint */
	int nr_cpus, max_partitions, max_vcpus, max_regions, max_channels;
	u32 max_spi;
	int gic_version; /* arm64: the GIC the build is configured for (2 or 3) */
	FILE *err;	 /* diagnostics (stderr) */
	bool quiet;	 /* errors only: another run of the same description warns */
};

struct g_sys {
	const void *fdt;
	const struct gen_opts *opt;
	int errors, warnings;
	int addr_cells, size_cells;
	struct g_range ram[G_MAX_RAM];
	int nram;
	struct g_cpu cpu[G_MAX_CPUS];
	int ncpu;
	struct g_dev dev[G_MAX_DEVS];
	int ndev;
	int gic_node;
	char gic_path[G_PATH];
	struct g_range gicd, gicr; /* gicr: GICv3 */
	int gic_version;	   /* of the board's GIC: 2 or 3 */
	u32 uart_type;		   /* arm64: the console's BH_UART_* */
	const char *gic_compat;	   /* its first compatible, for the partitions' DTBs */
	/* GICv2: the 8 KiB CPU interface, hypervisor control and virtual CPU interface. */
	struct g_range gicc, gich, gicv;
	int ioapic_node; /* x86: the board's IOAPIC, -1: none */
	char ioapic_path[G_PATH];
	struct g_range ioapic;
	/* x86: bulkhead,x86-acpi-fixed-hardware; port 0: not described. */
	u32 reset_port, reset_value, pm1a_port, s5_type;
	u32 pm_enable_cfg, pm_enable_bits; /* 0xcf8 address of a config byte, bits to set */
	char acpi_path[G_PATH];
	int timer_node;
	int bulkhead_node;
	bool has_hv_mem, has_store, has_store_b, has_rollback, has_trampoline;
	struct g_range hv_mem, store, store_b; /* image stores: slot A, slot B */
	struct g_range trampoline;	       /* x86: the page application processors start in */
	struct g_range rollback;	       /* anti-rollback store, inside a CFI flash */
	int rollback_dev;		       /* index into dev, -1 */
	u64 rollback_bank;		       /* base of the flash bank (reg entry) it lies in */
	u32 rollback_bank_width;
	int console_dev; /* index into dev */
	struct g_part part[G_MAX_PARTS];
	int npart;
	int root;
	int vmbus_node;
	bool has_bus_pool;
	struct g_range bus_pool; /* vmbus memory: where channels go; else free RAM */
	struct g_chan chan[G_MAX_CHANS];
	int nchan;
};

/* The target is x86-64 (--arch x86); otherwise arm64. */
static inline bool gen_x86(const struct g_sys *s)
{
	return !strcmp(s->opt->arch, "x86");
}

/* dev_kind.c: what a board device is, for the parsers and the checks alike. */
/* The board's interrupt controller (arm64 GIC, x86 IOAPIC): never a partition's. */
bool gen_is_irq_controller(const struct g_sys *s, int node);
/* Why a node is another interrupt controller or MSI translator (an ITS), else NULL. */
const char *gen_irq_translator(const struct g_sys *s, int node);
/* Why a board device can write memory by DMA, else NULL. */
const char *gen_dma_capable(const struct g_sys *s, int node);
/* arm64: the console UART's driver (BH_UART_*) from its compatible; false: none. */
bool gen_uart_type(const void *fdt, int node, u32 *type);

/* diag.c */
void gen_error(struct g_sys *s, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void gen_warn(struct g_sys *s, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* hint.c: the one known name (NULL-terminated list) close to a misspelt one, else NULL. */
const char *gen_close_name(const char *name, const char *const *known);
/* "; did you mean 'X'?" for such a name, else "" (buf holds it). */
const char *gen_hint(char *buf, size_t len, const char *name, const char *const *known);

/* srcmap.c: dtc -O dts -T -T output -> positions; NULL if file cannot be read. */
struct g_srcmap *gen_srcmap_read(const char *file, const char *main_path, const char *main_name);
void gen_srcmap_free(struct g_srcmap *m);
/* The position of path's property prop (plen bytes), or of the node itself (prop NULL). */
bool gen_srcmap_find(const struct g_srcmap *m, const char *path, const char *prop, size_t plen,
		     const char **file, int *line);

/* dt.c: the parsers' device-tree helpers; every length checked before use. */
void gen_node_path(const void *fdt, int node, char *buf, size_t len);
/* A cell-count property (#address-cells, ...); dflt when absent or malformed. */
int gen_cells_of(const void *fdt, int node, const char *name, int dflt);
/* n big-endian cells (at most 2) as one number. */
u64 gen_read_cells(const fdt32_t *p, int n);
/* A child bus address into the CPU's through the ancestors' ranges; false: not MMIO. */
bool gen_translate(const void *fdt, int node, u64 *addr);
int gen_read_reg(const void *fdt, int node, struct g_range *out, int max); /* -1: not MMIO */
/* <addr size> in the root's cells (/bulkhead properties); false: absent or reported. */
bool gen_read_range(struct g_sys *s, int node, const char *path, const char *prop,
		    struct g_range *r);
bool gen_is_compatible(const void *fdt, int node, const char *c);
/* The first of its compatible strings that contains one of subs, else NULL. */
const char *gen_compatible_with(const void *fdt, int node, const char *const *subs);
void gen_check_props(struct g_sys *s, int node, const char *path, const char *const *known);
const char *gen_get_string(struct g_sys *s, int node, const char *path, const char *prop);
/* The node a phandle names (its path in buf), or -1 (buf then describes the cell). */
int gen_phandle_node(struct g_sys *s, u32 ph, char *buf, size_t len);
bool gen_valid_name(const char *n);

/* board_arch.c: false (one error reported) when the board is of another architecture. */
bool gen_check_board_arch(struct g_sys *s);
/*
 * The parsers: the DTB into the model, every problem reported. parse.c
 * runs the board's, then one per /bulkhead child; none checks across
 * elements (validate.c and the passes after it do, in check.c's order).
 */
int gen_parse(struct g_sys *s, const void *fdt, size_t size, const struct gen_opts *opt);
/* parse_board.c: cells, interrupt controller, CPUs, RAM and devices. */
void gen_parse_board(struct g_sys *s);
/* The index of the board device at node; -1 if it is not one. */
int gen_dev_by_node(struct g_sys *s, int node);
/* The board's GIC (parse_gic.c): s->gic_*; errors when it is not the build's. */
void gen_parse_gic(struct g_sys *s);
/* GICv2: the 8 KiB CPU interface a partition sees (at the GICC's address, mapped to the GICV). */
#define VGICC_SIZE 0x2000ULL
/* parse_acpi_fixed.c: x86, bulkhead,x86-acpi-fixed-hardware (reset, sleep, PM enable). */
void gen_parse_acpi_fixed(struct g_sys *s);
/* parse_irq.c: a device's lines on the board's controller (d->spi; d->irq_err). */
void gen_parse_irqs(struct g_sys *s, struct g_dev *d);
/* parse_hypervisor.c: /bulkhead/hypervisor. */
void gen_parse_hypervisor(struct g_sys *s, int node, const char *path);
/* parse_partition.c: /bulkhead/partition-<name> (nodename: its node name). */
void gen_parse_partition(struct g_sys *s, int node, const char *path, const char *nodename);
/* parse_restart.c: a partition's restart back-off properties into *p (after its restart). */
void gen_parse_restart(struct g_sys *s, int node, const char *path, struct g_part *p);
/* parse_watchdog.c: a partition's watchdog property into *p (after the hypervisor node). */
void gen_parse_watchdog(struct g_sys *s, int node, const char *path, struct g_part *p);
/* parse_vmbus.c: the /bulkhead/vmbus node (after the partitions). */
void gen_parse_vmbus(struct g_sys *s, int node);

/* vmbus_layout.c: channel checks, local indices, placement; bus regions of a partition. */
void gen_vmbus_layout(struct g_sys *s);
int gen_part_bus_regions(const struct g_sys *s, const struct g_part *p, struct g_region *out,
			 int max);
extern const char *const gen_class_name[];
extern const char *const gen_class_guid[];
/* validate.c: cross-checks (overlaps, ownership, limits). */
void gen_validate(struct g_sys *s);
/* validate.c: reports r (what, at path) overlapping memory /bulkhead/hypervisor holds. */
void gen_check_hv_overlap(struct g_sys *s, const char *path, const char *what, struct g_range r);
/* isolation.c: each partition's own address space disjoint; devices reach nothing of others. */
void gen_check_isolation(struct g_sys *s);
/* layout.c: reads images, places image/initrd/DTB in each partition. */
void gen_layout(struct g_sys *s);
/* layout.c: the partition's stage-2 regions (device pages merged); count. */
int gen_part_regions(const struct g_sys *s, const struct g_part *p, struct g_region *out, int max);
struct pt_desc;
/* stage2_size.c: table pages each partition's stage 2 needs (p->s2_pages). */
void gen_stage2_size(struct g_sys *s);
/* stage2_size.c: the table format of the board's arch (pt_desc_arm64 or pt_desc_x86). */
const struct pt_desc *gen_stage2_format(const struct g_sys *s);
/*
 * stage2_size.c: the table pages below the root that the hypervisor's loop
 * takes for reg[0..n) in that format; errors reported at path; -1: no memory.
 */
int gen_stage2_pages(struct g_sys *s, const char *path, const struct g_region *reg, int n);
/* check.c: parse, then every pass in order; the number of errors. */
int gen_check(struct g_sys *s, const void *fdt, size_t size, const struct gen_opts *opt);
/* check.c: the checks the picture needs (make diagram: no images read). */
int gen_check_diagram(struct g_sys *s, const void *fdt, size_t size, const struct gen_opts *o);

/* emit_*.c */
int gen_emit_c(struct g_sys *s, const char *out_dir);
int gen_emit_dtbs(struct g_sys *s, const char *out_dir);
int gen_emit_its(struct g_sys *s, const char *out_dir, const char *hv_bin);
int gen_emit_system_mk(struct g_sys *s, const char *file);
/* emit_map.c: the short text map make prints; sizes and ranges as it writes them. */
int gen_write_map(const struct g_sys *s, FILE *f);
int gen_emit_map(const struct g_sys *s, const char *out_dir);
const char *gen_size_str(u64 size, char *buf, size_t n);
const char *gen_range_str(struct g_range r, char *buf, size_t n);
const char *gen_basename(const char *path);
/* emit_json.c: generated/system.json, the system for programs (tests, LAVA jobs). */
int gen_write_json(const struct g_sys *s, FILE *f);
int gen_emit_json(const struct g_sys *s, const char *file);
/* emit_dot.c: the Graphviz picture. */
int gen_write_dot(const struct g_sys *s, FILE *f);
int gen_emit_dot(const struct g_sys *s, const char *file);
/*
 * x86_linux.c: an x86 partition whose image is a bzImage, entered by Linux's
 * boot protocol; its boot parameters replace the partition DTB in the FIT.
 */
bool gen_x86_is_bzimage(const unsigned char *h, size_t n);
bool gen_x86_linux_header(struct g_sys *s, struct g_part *p, const char *file,
			  const unsigned char *h, u64 file_size);
void gen_params_file(char *buf, size_t n, const char *out_dir, const struct g_part *p);
int gen_emit_x86_params(struct g_sys *s, const char *out_dir);
/* x86_acpi.c: its ACPI tables for guest-physical address at; length, 0 if max is short. */
size_t gen_x86_acpi(const struct g_sys *s, const struct g_part *p, u64 at, unsigned char *buf,
		    size_t max);
/*
 * acpi_vmbus.c: the IOAPIC pin (GSI) of an x86 Linux partition's VMBus
 * interrupt, 0: none (no channels, or not such a partition); the AML of its
 * bus device for the DSDT: its length, 0 if none or max is short.
 */
u32 gen_x86_bus_gsi(const struct g_sys *s, const struct g_part *p);
size_t gen_acpi_vmbus(const struct g_sys *s, const struct g_part *p, unsigned char *buf,
		      size_t max);

bool ranges_overlap(struct g_range a, struct g_range b);

#endif
