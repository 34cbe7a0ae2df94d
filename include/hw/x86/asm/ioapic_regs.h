/* The IOAPIC's registers: the hypervisor's physical and virtual ones, and partitions' drivers. */
#ifndef ASM_IOAPIC_REGS_H
#define ASM_IOAPIC_REGS_H
#include <bulkhead/types.h>

/* Registers. */
#define IOAPIC_IOREGSEL	    0x00
#define IOAPIC_IOWIN	    0x10
#define IOAPIC_EOI	    0x40 /* version 0x20 and later */
#define IOAPIC_REG_ID	    0x00
#define IOAPIC_REG_VER	    0x01
#define IOAPIC_REG_RTE(pin) (0x10 + 2 * (pin)) /* low word; the high word follows */

/* Redirection entry bits. */
#define RTE_VECTOR     0xffULL
#define RTE_DELMODE    (7ULL << 8)
#define RTE_LOGICAL    BIT(11)
#define RTE_PENDING    BIT(12) /* delivery status (read-only) */
#define RTE_LOW	       BIT(13) /* active low */
#define RTE_REMOTE_IRR BIT(14) /* level: accepted, not yet EOIed (read-only) */
#define RTE_LEVEL      BIT(15)
#define RTE_MASKED     BIT(16)
#define RTE_DEST_SHIFT 56

#endif
