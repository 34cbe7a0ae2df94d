// SPDX-License-Identifier: GPL-2.0
/*
 * Channels across the system: limits, target vCPUs, duplicates, each
 * partition's local channel indices, and placement. Every channel region
 * and every partition's bus pages (event + status) go outside all partition
 * RAM, the hypervisor and its image store: into /bulkhead/vmbus's memory
 * when given, else into free board RAM from the top down. They are
 * identity mapped (IPA = PA) into exactly the two partitions of a channel.
 */
#include <stdio.h>
#include <string.h>
#include <bulkhead/hv_config.h>
#include <vmbus/bus.h>
#include "model.h"

#define R(r) (unsigned long long)(r).base, (unsigned long long)(r).size

static u64 chan_bytes(const struct g_chan *c)
{
	return (u64)c->ring[0] + c->ring[1] + c->win[0] + c->win[1];
}

static void check_channels(struct g_sys *s)
{
	int n = MIN(s->nchan, G_MAX_CHANS);

	for (int i = 0; i < n; i++) {
		struct g_chan *c = &s->chan[i];
		const int end[2] = {c->provider, c->consumer};
		static const char *const who[2] = {"provider", "consumer"};

		for (int j = 0; j < i; j++) {
			if (!strcmp(c->name, s->chan[j].name))
				gen_error(s, c->path, "channel name '%s' is taken by %s", c->name,
					  s->chan[j].path);
			if (c->guid[0] && !strcasecmp(c->guid, s->chan[j].guid))
				gen_error(s, c->path, "instance-guid %s is taken by %s", c->guid,
					  s->chan[j].path);
			if (c->has_range && s->chan[j].has_range &&
			    c->provider == s->chan[j].provider &&
			    ranges_overlap(c->range, s->chan[j].range))
				gen_error(s, c->path, "block-range 0x%llx+0x%llx overlaps %s's",
					  R(c->range), s->chan[j].path);
		}
		for (int e = 0; e < 2; e++) {
			if (end[e] < 0)
				continue;
			if (c->target[e] >= (u32)s->part[end[e]].ncpu && s->part[end[e]].ncpu)
				gen_error(s, c->path, "%s-target-cpu %u: %s has %d vCPU%s", who[e],
					  c->target[e], s->part[end[e]].path, s->part[end[e]].ncpu,
					  s->part[end[e]].ncpu == 1 ? "" : "s");
			else if (c->target[e] >= VMBUS_EVENT_MAX_VCPUS)
				gen_error(s, c->path,
					  "%s-target-cpu %u: event pages serve vCPUs 0 to %d",
					  who[e], c->target[e], VMBUS_EVENT_MAX_VCPUS - 1);
		}
	}
}

/* Local indices: each partition numbers its channel ends in DT order. */
static void assign_local(struct g_sys *s)
{
	int lim = MIN(s->opt->max_channels, G_MAX_PART_CHANS);

	for (int i = 0; i < MIN(s->nchan, G_MAX_CHANS); i++) {
		struct g_chan *c = &s->chan[i];
		const int end[2] = {c->provider, c->consumer};

		for (int e = 0; e < 2; e++) {
			struct g_part *p = end[e] >= 0 ? &s->part[end[e]] : NULL;

			if (!p)
				continue;
			if (p->nchan == lim)
				gen_error(s, c->path,
					  "%s has more than CONFIG_VMBUS_MAX_CHANNELS=%d "
					  "channels",
					  p->path, s->opt->max_channels);
			if (p->nchan >= lim) {
				p->nchan++;
				continue;
			}
			c->local[e] = p->nchan;
			p->chan[p->nchan++] = i;
		}
	}
}

/* Memory nothing else may use: the hypervisor's, partitions' (PA and IPA), placed regions. */
static bool taken(struct g_sys *s, struct g_range r, u64 *below)
{
	struct g_range t[3 * G_MAX_PARTS + 4 + G_MAX_CHANS];
	int n = 0;
	bool hit = false;

	if (s->has_hv_mem)
		t[n++] = s->hv_mem;
	if (s->has_store)
		t[n++] = s->store;
	if (s->has_store_b)
		t[n++] = s->store_b;
	if (s->has_trampoline)
		t[n++] = s->trampoline;
	for (int i = 0; i < MIN(s->npart, G_MAX_PARTS); i++) {
		struct g_part *p = &s->part[i];

		if (p->has_mem) {
			t[n++] = p->mem;
			t[n++] = (struct g_range){p->ipa_base, p->mem.size};
		}
		if (p->bus.size)
			t[n++] = p->bus;
	}
	for (int i = 0; i < MIN(s->nchan, G_MAX_CHANS); i++)
		if (s->chan[i].region.size)
			t[n++] = s->chan[i].region;
	for (int i = 0; i < n; i++)
		if (t[i].size && ranges_overlap(r, t[i])) {
			if (!hit || t[i].base < *below)
				*below = t[i].base;
			hit = true;
		}
	return hit;
}

/* Highest free, page-aligned [base, base + size) inside one of the areas. */
static bool place(struct g_sys *s, const struct g_range *area, int nareas, u64 size, u64 *out)
{
	bool found = false;

	for (int a = 0; a < nareas; a++) {
		u64 lo = ALIGN_UP(area[a].base, G_PAGE),
		    end = (area[a].base + area[a].size) & ~(G_PAGE - 1);

		while (end >= lo + size && end > lo) {
			u64 below = 0;
			struct g_range r = {end - size, size};

			if (!taken(s, r, &below)) {
				if (!found || r.base > *out)
					*out = r.base;
				found = true;
				break;
			}
			end = below & ~(G_PAGE - 1);
		}
	}
	return found;
}

static void check_pool(struct g_sys *s)
{
	const char *vp = "/bulkhead/vmbus";
	bool in_ram = false;

	if (!s->bus_pool.size || !IS_ALIGNED(s->bus_pool.base | s->bus_pool.size, G_PAGE) ||
	    s->bus_pool.base + s->bus_pool.size < s->bus_pool.base) {
		gen_error(s, vp, "memory 0x%llx+0x%llx: must be non-empty and 4 KiB aligned",
			  R(s->bus_pool));
		return;
	}
	for (int i = 0; i < s->nram; i++)
		if (s->bus_pool.base >= s->ram[i].base &&
		    s->bus_pool.base + s->bus_pool.size <= s->ram[i].base + s->ram[i].size)
			in_ram = true;
	if (!in_ram)
		gen_error(s, vp, "memory 0x%llx+0x%llx is outside the board's RAM", R(s->bus_pool));
	gen_check_hv_overlap(s, vp, "memory", s->bus_pool);
	for (int i = 0; i < MIN(s->npart, G_MAX_PARTS); i++)
		if (s->part[i].has_mem && ranges_overlap(s->bus_pool, s->part[i].mem))
			gen_error(s, vp, "memory 0x%llx+0x%llx overlaps %s", R(s->bus_pool),
				  s->part[i].path);
}

static void place_all(struct g_sys *s)
{
	const struct g_range *area = s->has_bus_pool ? &s->bus_pool : s->ram;
	int nareas = s->has_bus_pool ? 1 : s->nram;
	char where[96];

	if (s->has_bus_pool)
		snprintf(where, sizeof(where), "the vmbus memory 0x%llx+0x%llx", R(s->bus_pool));
	else
		snprintf(where, sizeof(where), "the board's free RAM");
	for (int i = 0; i < MIN(s->nchan, G_MAX_CHANS); i++) {
		struct g_chan *c = &s->chan[i];
		u64 size = chan_bytes(c), at;

		if (!place(s, area, nareas, size, &at)) {
			gen_error(s, c->path,
				  "its region (0x%llx bytes of rings and windows) does not "
				  "fit into %s",
				  (unsigned long long)size, where);
			return;
		}
		c->region = (struct g_range){at, size};
	}
	for (int i = 0; i < MIN(s->npart, G_MAX_PARTS); i++) {
		struct g_part *p = &s->part[i];
		u64 at;

		if (!p->nchan)
			continue;
		if (!place(s, area, nareas, VMBUS_BUS_PAGES_SIZE, &at)) {
			gen_error(s, p->path, "its VMBus event and status pages do not fit into %s",
				  where);
			return;
		}
		p->bus = (struct g_range){at, VMBUS_BUS_PAGES_SIZE};
	}
}

void gen_vmbus_layout(struct g_sys *s)
{
	if (!s->nchan)
		return;
	check_channels(s);
	assign_local(s);
	if (s->has_bus_pool)
		check_pool(s);
	if (!s->errors)
		place_all(s);
}

static int add(struct g_region *out, int n, int max, u64 pa, u64 size, u32 flags, const char *what)
{
	if (!size)
		return n;
	if (n && out[n - 1].pa + out[n - 1].size == pa && out[n - 1].flags == flags) {
		out[n - 1].size += size;
		return n;
	}
	if (n < max)
		out[n++] = (struct g_region){pa, pa, size, flags, what};
	return n;
}

/*
 * A partition's bus memory with the permissions of its role: control pages
 * read/write for both ends, ring data and windows writable by their writer
 * only, the status page read-only. Never executable.
 */
int gen_part_bus_regions(const struct g_sys *s, const struct g_part *p, struct g_region *out,
			 int max)
{
	const u32 rw = BH_REGION_RAM | BH_REGION_XN, ro = rw | BH_REGION_RO;
	int n = 0;

	for (int k = 0; k < p->nchan && k < G_MAX_PART_CHANS; k++) {
		const struct g_chan *c = &s->chan[p->chan[k]];
		bool prov = &s->part[c->provider] == p;
		u64 b = c->region.base;
		u32 mine[2] = {prov ? ro : rw, prov ? rw : ro}; /* c2p, p2c */

		if (!c->region.size)
			continue;
		for (int d = 0; d < 2; d++) {
			n = add(out, n, max, b, G_PAGE, rw, c->name);
			n = add(out, n, max, b + G_PAGE, c->ring[d] - G_PAGE, mine[d], c->name);
			b += c->ring[d];
		}
		n = add(out, n, max, b, c->win[0], mine[0], c->name);
		n = add(out, n, max, b + c->win[0], c->win[1], mine[1], c->name);
	}
	if (p->bus.size) {
		n = add(out, n, max, p->bus.base, G_PAGE, rw, "event page");
		n = add(out, n, max, p->bus.base + G_PAGE, G_PAGE, ro, "status page");
	}
	return n;
}
