/*
 * Kernel-context stand-in for include/bulkhead/types.h, found first on the
 * modules' include path: the kernel's own types (u8..u64, bool, size_t are
 * the same C types) and its ARRAY_SIZE, BIT, IS_ALIGNED, READ_ONCE and
 * WRITE_ONCE; only what the kernel lacks is defined here, with the same
 * meaning as the original.
 */
#ifndef BULKHEAD_TYPES_H
#define BULKHEAD_TYPES_H
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/minmax.h>

#define ALIGN_UP(x, a) ALIGN((x), (a))
#ifndef MIN /* some kernels define them, with the same meaning */
#define MIN(a, b) min_t(__typeof__((a) + (b)), (a), (b))
#endif
#ifndef MAX
#define MAX(a, b) max_t(__typeof__((a) + (b)), (a), (b))
#endif
#define __noinit

#endif
