/*
 * List registers for vgic.c, in the GICv3 layout whatever the GIC: the
 * version's header reads and writes them (vgic_v3_lr.h: ICH_*_EL2;
 * vgic_v2_lr.h: GICH_*, converted).
 */
#ifndef VGIC_LR_H
#define VGIC_LR_H
#include <bulkhead/types.h>

#define LR_PENDING (1ULL << 62)
#define LR_HW	   BIT(61)
#define LR_GROUP1  BIT(60)
#define LR_EOI	   BIT(41)
#define LR_STATE   (3ULL << 62)

#define HCR_EN	BIT(0) /* virtual CPU interface on */
#define HCR_UIE BIT(1) /* maintenance interrupt when few list registers hold anything */

#ifdef CONFIG_ARM64_GICV2
#include "vgic_v2_lr.h"
#else
#include "vgic_v3_lr.h"
#endif

#endif
