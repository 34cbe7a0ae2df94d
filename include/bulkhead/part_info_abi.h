/*
 * The root's read-only view of every partition (SMCCC vendor hypervisor
 * range, fast call; on x86 the same number through VMMCALL). Root only: the
 * root is the trusted, device-owning partition; others get NOT_SUPPORTED.
 *
 * BH_PART_INFO  x1 = partition id, x2 = byte offset into its last-stop text
 *   -> x0 = 0, x1 = state | vCPUs << 8 | running vCPUs << 16, x2 = starts
 *      since boot (the epoch its peers see), x3 = stops since boot,
 *      x4..x7 = name (NUL padded), x8..x11 = 32 bytes of the last stop's
 *      reason (the console's "<name>: <reason>" text, a fault's included)
 *      from offset x2 on, NUL padded: all NUL past its end or if it never
 *      stopped; 8 bytes per register, in the order that storing the register
 *      to little-endian memory gives;
 *      x0 = BH_PART_NO_ENTRY past the last partition.
 */
#ifndef BULKHEAD_PART_INFO_ABI_H
#define BULKHEAD_PART_INFO_ABI_H

#define BH_PART_INFO	  0xC6000030U
#define BH_PART_NO_ENTRY  1U
#define BH_PART_STOP_TEXT 96 /* bytes of the last stop's reason kept, NUL included */

/* BH_PART_WAITING: stopped, its restart waits out the back-off (docs/system-dt.md). */
enum bh_part_state {
	BH_PART_OFF,
	BH_PART_RUNNING,
	BH_PART_STOPPING,
	BH_PART_HALTED,
	BH_PART_WAITING
};

#endif
