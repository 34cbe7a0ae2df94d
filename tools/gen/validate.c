// SPDX-License-Identifier: GPL-2.0
/*
 * Cross-checks of a parsed system: exactly one root, limits from Kconfig,
 * memory inside RAM and page aligned, no overlap between partitions, the
 * hypervisor, its image store and device MMIO, and no MMIO page shared by
 * devices of different partitions.
 */
#include <libfdt.h>
#include <stdio.h>
#include <string.h>
#include <bulkhead/root_limits.h>
#include "model.h"

#define R(r) (unsigned long long)(r).base, (unsigned long long)(r).size

static bool inside_ram(struct g_sys *s, struct g_range r)
{
	for (int i = 0; i < s->nram; i++)
		if (r.base >= s->ram[i].base && r.size <= s->ram[i].size &&
		    r.base - s->ram[i].base <= s->ram[i].size - r.size)
			return true;
	return false;
}

static void ram_desc(struct g_sys *s, char *buf, size_t len)
{
	size_t o = 0;

	buf[0] = '\0';
	for (int i = 0; i < s->nram && o < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s0x%llx+0x%llx", i ? ", " : "",
				      R(s->ram[i]));
}

static bool wraps(struct g_range r)
{
	return r.base + r.size < r.base;
}

/* Alignment, RAM bounds and device overlap, common to every RAM region. */
static void check_region(struct g_sys *s, const char *path, const char *what, struct g_range r)
{
	char ram[256];

	if (!r.size) {
		gen_error(s, path, "%s has size 0", what);
		return;
	}
	if (wraps(r)) {
		gen_error(s, path, "%s 0x%llx+0x%llx wraps around the address space", what, R(r));
		return;
	}
	if (!IS_ALIGNED(r.base, G_PAGE) || !IS_ALIGNED(r.size, G_PAGE))
		gen_error(s, path, "%s 0x%llx+0x%llx is not aligned to the 4 KiB page size", what,
			  R(r));
	if (!inside_ram(s, r)) {
		ram_desc(s, ram, sizeof(ram));
		gen_error(s, path, "%s 0x%llx+0x%llx is outside the board's RAM (%s)", what, R(r),
			  ram);
	}
	if (r.base + r.size > (1ULL << 39))
		gen_error(s, path,
			  "%s 0x%llx+0x%llx ends beyond the 39-bit physical space Bulkhead maps",
			  what, R(r));
	for (int d = 0; d < s->ndev; d++)
		for (int k = 0; k < s->dev[d].nreg; k++)
			if (ranges_overlap(r, s->dev[d].reg[k])) {
				gen_error(s, path, "%s 0x%llx+0x%llx overlaps device %s", what,
					  R(r), s->dev[d].path);
				k = s->dev[d].nreg;
			}
}

/* RAM the hypervisor uses beside its own (image stores, AP trampoline). */
static void check_hv_ram(struct g_sys *s, const char *what, struct g_range r)
{
	const char *hp = "/bulkhead/hypervisor";

	check_region(s, hp, what, r);
	if (s->has_hv_mem && ranges_overlap(r, s->hv_mem))
		gen_error(s, hp, "%s 0x%llx+0x%llx overlaps the hypervisor's memory", what, R(r));
}

void gen_check_hv_overlap(struct g_sys *s, const char *path, const char *what, struct g_range r)
{
	if (s->has_hv_mem && ranges_overlap(r, s->hv_mem))
		gen_error(s, path, "%s 0x%llx+0x%llx overlaps /bulkhead/hypervisor", what, R(r));
	if (s->has_store && ranges_overlap(r, s->store))
		gen_error(s, path,
			  "%s 0x%llx+0x%llx overlaps the image-store of /bulkhead/hypervisor", what,
			  R(r));
	if (s->has_store_b && ranges_overlap(r, s->store_b))
		gen_error(s, path,
			  "%s 0x%llx+0x%llx overlaps the image-store-b of /bulkhead/hypervisor",
			  what, R(r));
	if (s->has_trampoline && ranges_overlap(r, s->trampoline))
		gen_error(s, path,
			  "%s 0x%llx+0x%llx overlaps the ap-trampoline of /bulkhead/hypervisor",
			  what, R(r));
}

/*
 * x86 starts every CPU but the boot CPU with INIT-SIPI-SIPI: in real mode,
 * at a page below 1 MiB (the SIPI vector is its page number), from where
 * 32-bit code jumps into the hypervisor, which must therefore lie below 4 GiB.
 */
static void check_trampoline(struct g_sys *s)
{
	const char *hp = "/bulkhead/hypervisor";
	struct g_range t = s->trampoline;
	int used = 0;

	for (int c = 0; c < s->ncpu; c++)
		used += s->cpu[c].owner >= 0;
	if (!gen_x86(s)) {
		if (s->has_trampoline)
			gen_error(
			    s, hp,
			    "ap-trampoline is for x86 boards; arm64 starts CPUs through PSCI");
		return;
	}
	if (!s->has_trampoline) {
		if (used > 1)
			gen_error(
			    s, hp,
			    "partitions use %d CPUs but there is no ap-trampoline: x86 starts "
			    "the other CPUs in a 4 KiB page of RAM below 1 MiB (e.g. "
			    "ap-trampoline = <0x0 0x8000 0x0 0x1000>)",
			    used);
		return;
	}
	if (t.size != G_PAGE || t.base >= 0x100000 || !IS_ALIGNED(t.base, G_PAGE)) {
		gen_error(s, hp,
			  "ap-trampoline 0x%llx+0x%llx must be one 4 KiB page below 1 MiB "
			  "(the SIPI vector is its page number)",
			  R(t));
		return;
	}
	check_hv_ram(s, "ap-trampoline", t);
	/* The copied stub would overwrite part of the FIT. */
	if (s->has_store && ranges_overlap(t, s->store))
		gen_error(s, hp, "ap-trampoline 0x%llx+0x%llx overlaps the image-store", R(t));
	if (s->has_store_b && ranges_overlap(t, s->store_b))
		gen_error(s, hp, "ap-trampoline 0x%llx+0x%llx overlaps the image-store-b", R(t));
	if (s->has_hv_mem && s->hv_mem.base + s->hv_mem.size > 0x100000000ULL)
		gen_error(s, hp,
			  "memory 0x%llx+0x%llx must lie below 4 GiB on x86: application "
			  "processors enter the hypervisor from 32-bit code",
			  R(s->hv_mem));
}

static void check_hypervisor(struct g_sys *s)
{
	const char *hp = "/bulkhead/hypervisor";

	if (s->has_hv_mem)
		check_region(s, hp, "memory", s->hv_mem);
	if (s->has_store)
		check_hv_ram(s, "image-store", s->store);
	if (s->has_store_b) {
		check_hv_ram(s, "image-store-b", s->store_b);
		if (s->has_store && ranges_overlap(s->store_b, s->store))
			gen_error(s, hp, "image-store-b 0x%llx+0x%llx overlaps the image-store",
				  R(s->store_b));
		if (s->has_store && s->store_b.size < s->store.size)
			gen_error(s, hp,
				  "image-store-b 0x%llx+0x%llx is smaller than the image-store: "
				  "either slot must hold the same FIT",
				  R(s->store_b));
	}
	if (s->has_rollback) {
		const struct g_dev *d = &s->dev[s->rollback_dev];

		if (!s->rollback.size || !IS_ALIGNED(s->rollback.base, G_PAGE) ||
		    !IS_ALIGNED(s->rollback.size, G_PAGE))
			gen_error(s, hp,
				  "rollback-store 0x%llx+0x%llx is not aligned to the 4 KiB "
				  "page size",
				  R(s->rollback));
		if (d->owner >= 0)
			gen_error(s, hp,
				  "rollback-store lies in %s, which %s owns: the hypervisor's "
				  "store must not be reachable from a partition",
				  d->path, s->part[d->owner].path);
		if (s->rollback_dev == s->console_dev)
			gen_error(s, hp, "rollback-store lies in the console device %s", d->path);
	} else if (s->has_hv_mem) {
		gen_warn(s, hp,
			 "no rollback-store: minimum security versions are not kept "
			 "across boots");
	}
	check_trampoline(s);
	if (s->has_hv_mem && s->hv_mem.size < 0x100000)
		gen_error(s, hp,
			  "memory 0x%llx+0x%llx is smaller than the 1 MiB the hypervisor needs",
			  R(s->hv_mem));
}

/* x86: the local APIC's architectural address (each CPU sees its own there). */
static const struct g_range x86_lapic = {0xfee00000ULL, 0x1000};

/* What the reference root runtime (program "root") serves of its devices: all or refused. */
static void check_root_runtime(struct g_sys *s, struct g_part *p)
{
	int hosts = 0;

	if (strcmp(p->program, "root"))
		return;
	for (int k = 0; k < p->ndev; k++)
		hosts += !fdt_node_check_compatible(s->fdt, s->dev[p->dev[k]].node,
						    "pci-host-ecam-generic");
	if (hosts > BH_ROOT_MAX_PCI_HOSTS)
		gen_error(s, p->path,
			  "devices: %d PCI hosts (\"pci-host-ecam-generic\"); program "
			  "\"root\" serves %d (BH_ROOT_MAX_PCI_HOSTS)",
			  hosts, BH_ROOT_MAX_PCI_HOSTS);
}

static void check_partition(struct g_sys *s, int i)
{
	struct g_part *p = &s->part[i];

	check_root_runtime(s, p);

	if (p->fallback && !s->has_store_b)
		gen_error(s, p->path,
			  "on-verify-fail = \"fallback\" needs an image-store-b in "
			  "/bulkhead/hypervisor (the slot to fall back to)");
	if (p->ncpu > s->opt->max_vcpus)
		gen_error(s, p->path, "%d cpus, more than CONFIG_MAX_VCPUS_PER_PARTITION=%d",
			  p->ncpu, s->opt->max_vcpus);
	/* A GICv2 names CPUs by an 8-bit mask (ITARGETSR, SGIR), the virtual one too. */
	if (s->gic_version == 2 && s->gic_node >= 0 && p->ncpu > 8)
		gen_error(s, p->path, "%d cpus, but a GICv2 serves 8 CPU interfaces at most",
			  p->ncpu);
	if (p->has_mem) {
		check_region(s, p->path, "memory", p->mem);
		gen_check_hv_overlap(s, p->path, "memory", p->mem);
		for (int j = 0; j < i; j++)
			if (s->part[j].has_mem && ranges_overlap(p->mem, s->part[j].mem))
				gen_error(s, p->path, "memory 0x%llx+0x%llx overlaps %s", R(p->mem),
					  s->part[j].path);
		if (p->ipa_base + p->mem.size < p->ipa_base ||
		    p->ipa_base + p->mem.size > (1ULL << 39))
			gen_error(s, p->path,
				  "ipa-base 0x%llx: memory ends beyond the 39-bit IPA space",
				  (unsigned long long)p->ipa_base);
	}
	for (int k = 0; k < p->ndev; k++) {
		struct g_dev *d = &s->dev[p->dev[k]];

		if (d->irq_err[0])
			gen_error(s, d->path, "%s", d->irq_err);
		for (int r = 0; r < d->nreg; r++) {
			/* Over its memory as it sees it (ipa-base): isolation.c. */
			if (d->reg[r].base + d->reg[r].size > (1ULL << 39))
				gen_error(s, p->path, "device %s ends beyond the 39-bit IPA space",
					  d->path);
			/* Its MMIO would reach the CPU's own local APIC (IPIs to every core). */
			if (gen_x86(s) && ranges_overlap(d->reg[r], x86_lapic))
				gen_error(s, p->path,
					  "device %s at 0x%llx+0x%llx covers the local APIC "
					  "at 0x%llx, which only the hypervisor may touch",
					  d->path, R(d->reg[r]),
					  (unsigned long long)x86_lapic.base);
		}
		for (int q = 0; q < d->nspi; q++)
			if (gen_x86(s) && d->spi[q] >= BH_X86_MAX_GSI)
				gen_error(s, p->path,
					  "device %s uses IOAPIC pin %u; Bulkhead routes "
					  "pins 0..%u",
					  d->path, d->spi[q], BH_X86_MAX_GSI - 1);
			else if (!gen_x86(s) && d->spi[q] >= s->opt->max_spi)
				gen_error(s, p->path,
					  "device %s uses interrupt %u, above "
					  "CONFIG_ARM64_GIC_MAX_SPI=%u",
					  d->path, d->spi[q], s->opt->max_spi);
	}
}

/*
 * An interrupt line goes to one partition: two owners' devices on one line
 * (PCI slots sharing a pin, a line the console uses) cannot be told apart.
 */
static void check_shared_irqs(struct g_sys *s)
{
	for (int a = 0; a < s->ndev; a++) {
		struct g_dev *da = &s->dev[a];

		if (da->owner < 0)
			continue;
		for (int b = 0; b < s->ndev; b++) {
			struct g_dev *db = &s->dev[b];

			if (b == a || db->owner == da->owner ||
			    (db->owner < 0 && b != s->console_dev) || (db->owner >= 0 && b < a))
				continue;
			for (int i = 0; i < da->nspi; i++)
				for (int j = 0; j < db->nspi; j++)
					if (da->spi[i] == db->spi[j])
						gen_error(s, s->part[da->owner].path,
							  "device %s "
							  "shares interrupt %u with %s (%s)",
							  da->path, da->spi[i], db->path,
							  db->owner >= 0
							      ? s->part[db->owner].path
							      : "the hypervisor's console");
		}
	}
}

/* Devices of different owners must not share an MMIO page: stage 2 maps pages. */
static void check_device_pages(struct g_sys *s)
{
	for (int a = 0; a < s->ndev; a++) {
		struct g_dev *da = &s->dev[a];

		if (da->owner < 0)
			continue;
		for (int b = 0; b < s->ndev; b++) {
			struct g_dev *db = &s->dev[b];
			bool hit = false;

			if (b == a || db->owner == da->owner)
				continue;
			/* Owned by another partition, the hypervisor (console, GIC) or nobody. */
			if (db->owner < 0 && b != s->console_dev &&
			    !gen_is_irq_controller(s, db->node) && !gen_irq_translator(s, db->node))
				continue;
			if (db->owner >= 0 && b < a)
				continue; /* reported once, on the first of the pair */
			for (int i = 0; i < da->nreg; i++)
				for (int j = 0; j < db->nreg; j++) {
					struct g_range pa = {
					    da->reg[i].base & ~(G_PAGE - 1),
					    ALIGN_UP(da->reg[i].base + da->reg[i].size, G_PAGE) -
						(da->reg[i].base & ~(G_PAGE - 1))};

					if (ranges_overlap(pa, db->reg[j]))
						hit = true;
				}
			if (hit)
				gen_error(s, s->part[da->owner].path,
					  "device %s shares a 4 KiB page with %s (%s)", da->path,
					  db->path,
					  db->owner >= 0 ? s->part[db->owner].path
							 : "the hypervisor's");
		}
	}
}

/*
 * x86 port pass-through: a partition's ports are its own (not the console's,
 * not another owner's) and never the PCI configuration and reset ports,
 * which reach every device and the board's reset.
 */
static void check_device_ports(struct g_sys *s)
{
	static const struct g_range pci_cfg = {0xcf8, 8};
	const struct g_dev *con = s->console_dev >= 0 ? &s->dev[s->console_dev] : NULL;

	for (int a = 0; a < s->ndev; a++) {
		const struct g_dev *da = &s->dev[a];

		if (da->owner < 0)
			continue;
		for (int i = 0; i < da->nio; i++) {
			const struct g_range r = da->io[i];

			if (ranges_overlap(r, pci_cfg))
				gen_error(
				    s, s->part[da->owner].path,
				    "device %s: ports 0x%llx+0x%llx "
				    "include the PCI configuration and reset ports 0xcf8-0xcff, "
				    "which only the hypervisor may touch",
				    da->path, R(r));
			/* (On a PC the reset register is 0xcf9: reported once, above.) */
			if (s->reset_port &&
			    ranges_overlap(r, (struct g_range){s->reset_port, 1}) &&
			    !ranges_overlap((struct g_range){s->reset_port, 1}, pci_cfg))
				gen_error(
				    s, s->part[da->owner].path,
				    "device %s: ports 0x%llx+0x%llx "
				    "include the board's reset register 0x%x (%s), which only the "
				    "hypervisor may touch",
				    da->path, R(r), s->reset_port, s->acpi_path);
			if (s->pm1a_port && ranges_overlap(r, (struct g_range){s->pm1a_port, 2}))
				gen_error(
				    s, s->part[da->owner].path,
				    "device %s: ports 0x%llx+0x%llx "
				    "include the board's PM1a control register 0x%x (%s), which "
				    "only the hypervisor may touch",
				    da->path, R(r), s->pm1a_port, s->acpi_path);
			for (int k = 0; con && k < con->nio; k++)
				if (a != s->console_dev && ranges_overlap(r, con->io[k]))
					gen_error(
					    s, s->part[da->owner].path,
					    "device %s: ports "
					    "0x%llx+0x%llx overlap the hypervisor's console %s",
					    da->path, R(r), con->path);
			for (int b = a + 1; b < s->ndev; b++) {
				const struct g_dev *db = &s->dev[b];

				if (db->owner < 0 || db->owner == da->owner)
					continue;
				for (int k = 0; k < db->nio; k++)
					if (ranges_overlap(r, db->io[k]))
						gen_error(
						    s, s->part[da->owner].path,
						    "device %s: ports "
						    "0x%llx+0x%llx overlap those of %s, which %s "
						    "owns",
						    da->path, R(r), db->path,
						    s->part[db->owner].path);
			}
		}
	}
}

void gen_validate(struct g_sys *s)
{
	int roots = 0;

	if (s->bulkhead_node < 0)
		return;
	check_hypervisor(s);
	if (s->npart > s->opt->max_partitions)
		gen_error(s, "/bulkhead", "%d partitions, more than CONFIG_MAX_PARTITIONS=%d",
			  s->npart, s->opt->max_partitions);
	if (s->npart > G_MAX_PARTS)
		s->npart = G_MAX_PARTS;
	for (int i = 0; i < s->npart; i++) {
		if (s->part[i].root) {
			if (roots++)
				gen_error(s, s->part[i].path,
					  "second root partition (%s is root already)",
					  s->part[s->root].path);
			else
				s->root = i;
		}
		check_partition(s, i);
	}
	if (s->npart == 0)
		gen_error(s, "/bulkhead", "no partitions");
	else if (!roots)
		gen_error(s, "/bulkhead", "no root partition (exactly one needs bulkhead,root)");
	check_device_pages(s);
	check_device_ports(s);
	check_shared_irqs(s);
}
