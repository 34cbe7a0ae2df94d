/* arm64 parts of the partition and vCPU state (embedded in core's structs). */
#ifndef ASM_ARCH_TYPES_H
#define ASM_ARCH_TYPES_H
#include <bulkhead/types.h>
#include <asm/pgtable.h>
#include <asm/spinlock.h>
#include <bulkhead/uart_rx.h>

#define VGIC_NR_SPI    CONFIG_ARM64_GIC_MAX_SPI
#define VGIC_SPI_WORDS ((VGIC_NR_SPI + 63) / 64)

struct vgic_cpu {
	u32 dirty;	      /* something to look at on the next flush (atomic) */
	bool uie;	      /* ICH_HCR_EL2.UIE as last written */
	volatile u32 pending; /* SGIs/PPIs waiting for a list register */
	u32 hw_asserted;      /* hardware PPIs forwarded whose line may still be high */
	u32 enabled;	      /* GICR_ISENABLER0 as the guest wrote it */
	u32 cfg1;	      /* GICR_ICFGR1 */
	u32 waker;
	u8 prio[32];
	volatile u32 spi_words; /* which spi_pending words may be non-zero */
	volatile u64 spi_pending[VGIC_SPI_WORDS];
};

struct vgic_dist {
	u32 ctlr;
	u32 enabled[VGIC_NR_SPI / 32];
	u32 cfg[VGIC_NR_SPI / 16];
	u8 prio[VGIC_NR_SPI];
	u8 route[VGIC_NR_SPI]; /* target vCPU of each SPI */
};

struct vpl011 {
	spinlock_t lock;
	struct uart_rx rx;
	u32 cr, lcr_h, ibrd, fbrd, ifls, imsc, dmacr, ris_extra;
};

/* The emulated SP805 watchdog (vsp805.c); times in arch_counter() ticks. */
struct vsp805 {
	spinlock_t lock;
	u32 epoch; /* the partition start it was reset for */
	u32 load, control, ris, locked;
	u32 stopped_said; /* the guest's stop was reported (this start) */
	u64 period;	  /* one count from load to zero */
	u64 zero_at;	  /* when the count next reaches zero */
	u64 fed_at;	  /* the last reload */
	u64 expire_at;	  /* when the partition is stopped; ~0: never */
	u32 rearm;	  /* another vCPU moved expire_at sooner: vCPU 0 re-arms its timer */
};

struct arch_vcpu {
	struct vgic_cpu vgic;
};

struct arch_partition {
	struct pgtable s2;
	u64 vttbr;
	struct vgic_dist vgic;
	struct vpl011 uart;
	struct vsp805 wdog;
};

#endif
