/* A partition's 8254 counter 2 and port 0x61 (vpit.c). */
#ifndef ASM_VPIT_H
#define ASM_VPIT_H
#include <bulkhead/types.h>

struct vpit {
	u64 start;  /* TSC when counting (re)started */
	u64 frozen; /* PIT clocks counted before the gate last went low */
	u16 count;  /* as loaded; 0 means 0x10000 */
	u16 latch;
	u8 mode, access;
	bool loaded, counting, gate, speaker, refresh, latched, read_hi, write_hi;
};

void vpit_reset(struct vpit *t);
/* Port I/O at now (TSC, tsc_hz a second): 0 if port is one of the PIT's, -1 if not. */
int vpit_io(struct vpit *t, u64 now, u64 tsc_hz, u16 port, bool in, u32 *val);

#endif
