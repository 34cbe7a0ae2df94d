/* Between the shared distributor model (vgic_dist.c) and each GIC version's (vgic_v3.c, vgic_v2.c).
 */
#ifndef VGIC_DIST_H
#define VGIC_DIST_H
#include <bulkhead/types.h>

struct partition;
struct vcpu;

#define VGIC_TYPER_LINES (((VGIC_NR_SPI + 32) / 32) - 1)

/*
 * The version's own distributor registers: true when off is one of them
 * (a read's value in *r); false hands it to the shared model.
 */
bool vgic_dist_version(struct vcpu *v, u64 off, bool write, u32 size, u64 *r, u64 val);
u32 vgic_owned_mask(struct partition *p, u32 first); /* p's SPIs among 32 from first */
void vgic_spi_set_target(struct partition *p, u32 intid, u32 vcpu);
void vgic_sgi_send(struct vcpu *v, u32 intid, u32 targets, bool others);

#endif
