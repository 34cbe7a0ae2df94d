/*
 * Host stand-in for the partition runtime's register access: each test that
 * builds a driver of the root implements these over its fake device.
 */
#ifndef PART_MMIO_H
#define PART_MMIO_H
#include <bulkhead/types.h>

u32 readl(u64 addr);
void writel(u64 addr, u32 v);

#endif
