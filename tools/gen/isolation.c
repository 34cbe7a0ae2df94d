// SPDX-License-Identifier: GPL-2.0
/*
 * Isolation checks over whole address spaces, after channels are placed:
 *
 * - everything one partition sees in its own (intermediate-physical)
 *   address space is disjoint: its RAM at ipa-base, its devices, its
 *   channel regions and bus pages, and what the hypervisor emulates there
 *   (arm64: vGIC distributor and redistributors, the console UART; x86:
 *   the local APIC and IOAPIC pages). Stage 2 maps one thing per page;
 *   a second one there is either unreachable or reaches what it should not.
 * - a device passed through reaches nothing the hypervisor or another
 *   partition owns, compared page by page (stage 2 maps whole pages).
 *
 * Pairs that another check reports already (validate.c: RAM over a
 * device's registers, pages shared with the console or the interrupt
 * controller, the local APIC) are left to it: one message per problem.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <bulkhead/hv_config.h>
#include "model.h"

/* What arch/arm64/traps.c emulates: a 64 KiB distributor, a 128 KiB redistributor per vCPU. */
#define VGICD_SIZE  0x10000ULL
#define VGICR_FRAME 0x20000ULL

#define R(r)	 (unsigned long long)(r).base, (unsigned long long)(r).size
#define MAX_SEEN (1 + G_MAX_DEVS * G_MAX_REGS + G_MAX_PART_CHANS + 1 + 3 + 1)

/* x86: the local APIC's architectural address (each CPU sees its own there). */
static const struct g_range x86_lapic = {0xfee00000ULL, 0x1000};

enum seen_kind {
	SEEN_RAM,
	SEEN_DEV,
	SEEN_CHAN,
	SEEN_BUS,
	SEEN_EMUL,
	SEEN_LAPIC /* added as EMUL */,
	SEEN_WDOG /* placed by the generator: checked against everything */
};

struct seen {
	enum seen_kind kind;
	struct g_range r;     /* as the partition sees it */
	struct g_range board; /* emulated: the board's range; device: its exact registers */
	bool board_is_dev;    /* board is a device node's (validate.c checks RAM against those) */
	char what[G_PATH + 64];
};

static struct g_range pages(struct g_range r)
{
	u64 b = r.base & ~(G_PAGE - 1);

	return (struct g_range){b, ALIGN_UP(r.base + r.size, G_PAGE) - b};
}

static int add(struct seen *t, int n, enum seen_kind k, struct g_range r, struct g_range board,
	       const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static int add(struct seen *t, int n, enum seen_kind k, struct g_range r, struct g_range board,
	       const char *fmt, ...)
{
	va_list ap;

	if (!r.size || n >= MAX_SEEN)
		return n;
	/* Every board range but the local APIC's (no node of the board) is a device's. */
	t[n] = (struct seen){k, r, board, board.size && k != SEEN_LAPIC, ""};
	if (k == SEEN_LAPIC)
		t[n].kind = SEEN_EMUL;
	va_start(ap, fmt);
	vsnprintf(t[n].what, sizeof(t[n].what), fmt, ap);
	va_end(ap);
	return n + 1;
}

/* The ranges partition p sees, labelled for messages. */
static int collect(const struct g_sys *s, const struct g_part *p, struct seen *t)
{
	static const struct g_range none;
	int n = 0;

	if (p->has_mem) {
		struct g_range ram = {p->ipa_base, p->mem.size};

		if (p->ipa_base != p->mem.base)
			n = add(t, n, SEEN_RAM, ram, none, "ipa-base 0x%llx: memory 0x%llx+0x%llx",
				(unsigned long long)p->ipa_base, R(ram));
		else
			n = add(t, n, SEEN_RAM, ram, none, "memory 0x%llx+0x%llx", R(ram));
	}
	for (int k = 0; k < p->ndev; k++) {
		const struct g_dev *d = &s->dev[p->dev[k]];

		for (int r = 0; r < d->nreg; r++)
			n = add(t, n, SEEN_DEV, pages(d->reg[r]), d->reg[r],
				"device %s 0x%llx+0x%llx", d->path, R(d->reg[r]));
	}
	for (int k = 0; k < p->nchan && k < G_MAX_PART_CHANS; k++) {
		const struct g_chan *c = &s->chan[p->chan[k]];

		n = add(t, n, SEEN_CHAN, c->region, none, "channel %s 0x%llx+0x%llx", c->path,
			R(c->region));
	}
	n = add(t, n, SEEN_BUS, p->bus, none, "its VMBus event and status pages 0x%llx+0x%llx",
		R(p->bus));
	if (gen_x86(s)) {
		n = add(t, n, SEEN_LAPIC, x86_lapic, x86_lapic,
			"the virtual local APIC 0x%llx+0x%llx", R(x86_lapic));
		if (s->ioapic_node >= 0)
			n = add(t, n, SEEN_EMUL, pages(s->ioapic), s->ioapic,
				"the virtual IOAPIC 0x%llx+0x%llx", R(pages(s->ioapic)));
		return n; /* its UART is on I/O ports */
	}
	if (s->gic_node >= 0 && s->gic_version == 2) {
		struct g_range gicd = {s->gicd.base, VGICD_SIZE};

		n = add(t, n, SEEN_EMUL, gicd, s->gicd, "the virtual GIC distributor 0x%llx+0x%llx",
			R(gicd));
		n = add(t, n, SEEN_EMUL, s->gicc, s->gicc,
			"the GIC's virtual CPU interface 0x%llx+0x%llx", R(s->gicc));
	} else if (s->gic_node >= 0) {
		struct g_range gicd = {s->gicd.base, VGICD_SIZE};
		struct g_range gicr = {s->gicr.base, VGICR_FRAME * (u64)MAX(p->ncpu, 1)};

		n = add(t, n, SEEN_EMUL, gicd, s->gicd, "the virtual GIC distributor 0x%llx+0x%llx",
			R(gicd));
		n = add(t, n, SEEN_EMUL, gicr, s->gicr,
			"the virtual GIC redistributors 0x%llx+0x%llx (%d vCPU%s)", R(gicr),
			MAX(p->ncpu, 1), p->ncpu > 1 ? "s" : "");
	}
	if (s->console_dev >= 0 && s->dev[s->console_dev].nreg) {
		struct g_range u =
		    pages((struct g_range){gen_dev_base(&s->dev[s->console_dev]), 1});

		n = add(t, n, SEEN_EMUL, u, s->dev[s->console_dev].reg[0],
			"the emulated console UART 0x%llx+0x%llx", R(u));
	}
	if (p->watchdog_ms) {
		struct g_range w = {p->watchdog_ipa, G_PAGE};

		n = add(t, n, SEEN_WDOG, w, none, "the emulated watchdog 0x%llx+0x%llx", R(w));
	}
	return n;
}

/*
 * Reported elsewhere: two of its own devices (merged), a device over a
 * hypervisor device's page, identity-mapped RAM over a device's registers
 * (validate.c: "memory A+S overlaps device X").
 */
static bool skip_pair(const struct g_part *p, const struct seen *a, const struct seen *b)
{
	if (a->kind == SEEN_RAM && p->ipa_base == p->mem.base && b->kind != SEEN_CHAN &&
	    b->kind != SEEN_BUS)
		return b->board_is_dev && ranges_overlap(a->r, b->board);
	if (a->kind == SEEN_DEV && b->kind == SEEN_DEV)
		return true;
	if (a->kind == SEEN_DEV && b->kind == SEEN_EMUL)
		return ranges_overlap(a->r, b->board);
	if (a->kind == SEEN_EMUL && b->kind == SEEN_EMUL)
		return true; /* the hypervisor's own layout, from the board's GIC / UART */
	return false;
}

static void check_own_space(struct g_sys *s, struct g_part *p)
{
	static struct seen t[MAX_SEEN];
	int n = collect(s, p, t);

	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			if (!skip_pair(p, &t[i], &t[j]) && ranges_overlap(t[i].r, t[j].r))
				gen_error(s, p->path,
					  "%s overlaps %s in the partition's address "
					  "space",
					  t[i].what, t[j].what);
}

/*
 * What a passed-through device must not reach: the hypervisor's memory,
 * image stores, rollback store and trampoline, other partitions' RAM,
 * channels it is no end of and others' bus pages. Its RAM-side twin in
 * validate.c compares exact register ranges; here whole pages count.
 */
static void check_device_reach(struct g_sys *s, int di)
{
	const struct g_dev *d = &s->dev[di];
	const struct g_part *p = &s->part[d->owner];
	const char *hv = "/bulkhead/hypervisor";

	for (int r = 0; r < d->nreg; r++) {
		struct g_range pg = pages(d->reg[r]), dr = d->reg[r];

#define REACH(cond, range, what, of)                                                               \
	do {                                                                                       \
		if ((cond) && ranges_overlap(pg, range) && !ranges_overlap(dr, range))             \
			gen_error(s, p->path,                                                      \
				  "device %s 0x%llx+0x%llx covers %s 0x%llx+0x%llx "               \
				  "of %s",                                                         \
				  d->path, R(dr), what, R(range), of);                             \
	} while (0)
		REACH(s->has_hv_mem, s->hv_mem, "the memory", hv);
		REACH(s->has_store, s->store, "the image-store", hv);
		REACH(s->has_store_b, s->store_b, "the image-store-b", hv);
		REACH(s->has_trampoline, s->trampoline, "the ap-trampoline", hv);
		for (int i = 0; i < s->npart && i < G_MAX_PARTS; i++)
			REACH(&s->part[i] != p && s->part[i].has_mem, s->part[i].mem, "the memory",
			      s->part[i].path);
#undef REACH
		/* Inside the flash the store lies in, exact ranges count too: no copy of it is RAM.
		 */
		if (s->has_rollback && di != s->rollback_dev && ranges_overlap(pg, s->rollback))
			gen_error(s, p->path,
				  "device %s 0x%llx+0x%llx covers the rollback-store "
				  "0x%llx+0x%llx of %s",
				  d->path, R(dr), R(s->rollback), hv);
		for (int c = 0; c < s->nchan && c < G_MAX_CHANS; c++) {
			const struct g_chan *ch = &s->chan[c];

			if (ch->provider != d->owner && ch->consumer != d->owner &&
			    ranges_overlap(pg, ch->region))
				gen_error(s, p->path,
					  "device %s 0x%llx+0x%llx covers the region "
					  "0x%llx+0x%llx of channel %s",
					  d->path, R(dr), R(ch->region), ch->path);
		}
		for (int i = 0; i < s->npart && i < G_MAX_PARTS; i++)
			if (&s->part[i] != p && ranges_overlap(pg, s->part[i].bus))
				gen_error(s, p->path,
					  "device %s 0x%llx+0x%llx covers the VMBus event "
					  "and status pages 0x%llx+0x%llx of %s",
					  d->path, R(dr), R(s->part[i].bus), s->part[i].path);
	}
}

/*
 * x86 I/O space: ports the hypervisor emulates for every partition
 * (arch/x86/vpit.c: PIT counter 2 and port B for Linux's calibration;
 * arch/x86/vacpi.c: the ACPI PM1a status/control and PM timer block), and
 * for one with a watchdog (arch/x86/vib700.c) are intercepted; a device
 * owning them would take them over (its ports pass through the I/O
 * permission map). The console's and the reset and PCI
 * configuration ports are validate.c's.
 */
static void check_device_ports(struct g_sys *s, int di)
{
	static const struct {
		struct g_range r;
		const char *what;
	} emul[] = {
	    {{0x42, 2}, "PIT counter 2 and control"},
	    {{0x61, 1}, "port B (PIT gate)"},
	    {{BH_X86_SLEEP_STS_PORT, BH_X86_PM_TIMER_PORT + 4 - BH_X86_SLEEP_STS_PORT},
	     "ACPI PM1a and PM timer"},
	};
	/* arch/x86/vib700.c, for a partition with a watchdog. */
	static const struct g_range wdog[] = {{BH_X86_WDOG_STOP_PORT, 1},
					      {BH_X86_WDOG_START_PORT, 1}};
	const struct g_dev *d = &s->dev[di];

	for (int i = 0; i < d->nio; i++) {
		for (size_t k = 0; k < ARRAY_SIZE(emul); k++)
			if (ranges_overlap(d->io[i], emul[k].r))
				gen_error(s, s->part[d->owner].path,
					  "device %s: ports 0x%llx+0x%llx "
					  "overlap the emulated %s ports 0x%llx+0x%llx in the "
					  "partition's I/O space",
					  d->path, R(d->io[i]), emul[k].what, R(emul[k].r));
		for (size_t k = 0; s->part[d->owner].watchdog_ms && k < ARRAY_SIZE(wdog); k++)
			if (ranges_overlap(d->io[i], wdog[k]))
				gen_error(s, s->part[d->owner].path,
					  "device %s: ports 0x%llx+0x%llx include the emulated "
					  "watchdog's port 0x%llx (watchdog = <ms>)",
					  d->path, R(d->io[i]), (unsigned long long)wdog[k].base);
	}
}

/*
 * A DMA-capable device writes any physical memory (no SMMU yet): the root
 * only, or a partition the integrator trusts with bulkhead,trusted-dma
 * (the build says so, every time).
 */
static void check_dma(struct g_sys *s, int di)
{
	const struct g_dev *d = &s->dev[di];
	const struct g_part *p = &s->part[d->owner];
	const char *why = gen_dma_capable(s, d->node);

	if (!why || p->root)
		return;
	if (p->trusted_dma)
		gen_warn(s, p->path,
			 "device %s can do DMA (%s) and there is no IOMMU: "
			 "bulkhead,trusted-dma trusts this partition with all memory",
			 d->path, why);
	else
		gen_error(s, p->path,
			  "device %s can do DMA (%s) and there is no IOMMU: it could "
			  "write any memory, the hypervisor's included; only the root may own it, "
			  "or a partition with bulkhead,trusted-dma",
			  d->path, why);
}

void gen_check_isolation(struct g_sys *s)
{
	for (int i = 0; i < s->npart && i < G_MAX_PARTS; i++)
		check_own_space(s, &s->part[i]);
	for (int d = 0; d < s->ndev; d++)
		if (s->dev[d].owner >= 0 && s->dev[d].owner < G_MAX_PARTS) {
			check_device_reach(s, d);
			check_device_ports(s, d);
			check_dma(s, d);
		}
}
