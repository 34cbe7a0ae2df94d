// SPDX-License-Identifier: GPL-2.0
/*
 * The part of a PC's 8254 timer a guest measures its TSC against: counter
 * 2 with its gate and output on port 0x61, as Linux's PIT calibration (and
 * Bulkhead's own, tsc.c) uses it. The count follows the TSC at the PIT's
 * 1.193182 MHz. Counters 0 and 1 (the old tick and DRAM refresh) are not
 * modelled; their ports read as absent hardware. Pure: the caller passes
 * the time and holds the partition's lock.
 */
#include <asm/vpit.h>

#define PIT_HZ	     1193182ULL
#define PORT_CH2     0x42
#define PORT_CTRL    0x43
#define PORT_B	     0x61
#define B_GATE2	     BIT(0)
#define B_SPEAKER    BIT(1)
#define B_REFRESH    BIT(4)
#define B_OUT2	     BIT(5)
#define ACCESS_LATCH 0
#define ACCESS_LO    1
#define ACCESS_HI    2
#define ACCESS_LOHI  3

void vpit_reset(struct vpit *t)
{
	*t = (struct vpit){0};
	t->access = ACCESS_LOHI;
}

/* PIT clocks since the count was loaded, counting only while the gate was high. */
static u64 elapsed(const struct vpit *t, u64 now, u64 tsc_hz)
{
	if (!t->loaded || !tsc_hz)
		return 0;
	if (!t->counting)
		return t->frozen;
	return t->frozen + (u64)((unsigned __int128)(now - t->start) * PIT_HZ / tsc_hz);
}

/* The counter: one-shot (mode 0) counts down from the count and wraps on. */
static u16 current(const struct vpit *t, u64 now, u64 tsc_hz)
{
	u32 n = t->count ? t->count : 0x10000;

	return (u16)((n - elapsed(t, now, tsc_hz)) & 0xffff);
}

static bool out2(const struct vpit *t, u64 now, u64 tsc_hz)
{
	u32 n = t->count ? t->count : 0x10000;

	if (!t->loaded)
		return false;
	if (t->mode == 0 || t->mode == 1)
		return elapsed(t, now, tsc_hz) >= n;
	return true; /* the other modes' output is high most of the time */
}

static void load(struct vpit *t, u64 now)
{
	t->loaded = true;
	t->frozen = 0;
	t->counting = t->gate;
	t->start = now;
}

int vpit_io(struct vpit *t, u64 now, u64 tsc_hz, u16 port, bool in, u32 *val)
{
	u8 v = (u8)*val;

	switch (port) {
	case PORT_B:
		if (in) {
			t->refresh ^=
			    1; /* toggles as DRAM refresh would; some delay loops watch it */
			*val = (t->gate ? B_GATE2 : 0) | (t->speaker ? B_SPEAKER : 0) |
			       (t->refresh ? B_REFRESH : 0) | (out2(t, now, tsc_hz) ? B_OUT2 : 0);
			return 0;
		}
		if ((v & B_GATE2) && !t->gate && t->loaded) {
			t->counting = true;
			t->start = now;
		} else if (!(v & B_GATE2) && t->gate && t->counting) {
			t->frozen = elapsed(t, now, tsc_hz);
			t->counting = false;
		}
		t->gate = v & B_GATE2;
		t->speaker = (v & B_SPEAKER) != 0;
		return 0;
	case PORT_CTRL:
		if (in) {
			*val = 0xff; /* write-only */
			return 0;
		}
		if ((v >> 6) != 2)
			return 0; /* counters 0 and 1, read-back: not modelled */
		if (((v >> 4) & 3) == ACCESS_LATCH) {
			if (!t->latched) {
				t->latch = current(t, now, tsc_hz);
				t->latched = true;
				t->read_hi = false;
			}
			return 0;
		}
		t->access = (v >> 4) & 3;
		t->mode = (v >> 1) & 7;
		t->loaded = false;
		t->latched = false;
		t->read_hi = t->write_hi = false;
		return 0;
	case PORT_CH2:
		if (in) {
			u16 c = t->latched ? t->latch : current(t, now, tsc_hz);
			bool hi =
			    t->access == ACCESS_HI || (t->access == ACCESS_LOHI && t->read_hi);

			*val = hi ? c >> 8 : c & 0xff;
			if (t->access == ACCESS_LOHI)
				t->read_hi = !t->read_hi;
			if (t->latched && (t->access != ACCESS_LOHI || !t->read_hi))
				t->latched = false;
			return 0;
		}
		if (t->access == ACCESS_LO) {
			t->count = v;
		} else if (t->access == ACCESS_HI) {
			t->count = (u16)(v << 8);
		} else if (!t->write_hi) {
			t->count = (t->count & 0xff00) | v;
			t->write_hi = true;
			return 0; /* counting starts with the second byte */
		} else {
			t->count = (u16)((t->count & 0xff) | v << 8);
			t->write_hi = false;
		}
		load(t, now);
		return 0;
	default:
		break;
	}
	return -1;
}
