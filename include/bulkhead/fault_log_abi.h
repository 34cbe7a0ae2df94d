/*
 * The hypervisor's fault log for the root (SMCCC vendor hypervisor range,
 * fast call; on x86 the same number through VMMCALL). Root only; others
 * get NOT_SUPPORTED. docs/boot-flow.md#fault-log.
 *
 * BH_FAULT_LOG  x1 = BH_FAULT_SUMMARY
 *   -> x0 = 0, x1 = entries kept (at most 16), x2 = this boot's number
 *      (boots that logged a fault, this one counted), x3 = enum
 *      bh_fault_store, x4 = faults logged ever (kept or dropped).
 * BH_FAULT_LOG  x1 = entry (0 the newest), x2 = byte offset into its cause
 *   -> x0 = 0, x1 = start number | boot << 32, x2 = the partition's PC at
 *      the fault, x3 = milliseconds from that boot's start, x4..x7 =
 *      partition name (NUL padded), x8..x11 = 32 bytes of the cause text
 *      from offset x2 on (NUL padded; all NUL past its end); 8 bytes per
 *      register, in the order that storing the register to little-endian
 *      memory gives; x0 = BH_FAULT_NO_ENTRY past the last entry.
 */
#ifndef BULKHEAD_FAULT_LOG_ABI_H
#define BULKHEAD_FAULT_LOG_ABI_H

#define BH_FAULT_LOG	    0xC6000032U
#define BH_FAULT_SUMMARY    0xffffffffU
#define BH_FAULT_NO_ENTRY   1U
#define BH_FAULT_CAUSE_TEXT 96 /* bytes of a cause kept, NUL included */

enum bh_fault_store {
	BH_FAULT_MEMORY,   /* no store on this board: this boot's faults only */
	BH_FAULT_STORED,   /* kept in the hypervisor's store across board resets */
	BH_FAULT_UNUSABLE, /* the store is unusable: this boot's faults only */
};

#endif
