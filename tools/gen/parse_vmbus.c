// SPDX-License-Identifier: GPL-2.0
/*
 * /bulkhead/vmbus -> model: one g_chan per channel node. Only what one node
 * says is checked here; checks across channels and partitions (limits,
 * target vCPUs, duplicates, placement) are in vmbus_layout.c.
 */
#include <libfdt.h>
#include <stdio.h>
#include <string.h>
#include <bulkhead/hv_config.h>
#include <vmbus/bus.h>
#include "model.h"

const char *const gen_class_name[VMBUS_NR_CLASSES] = {"console", "rpc", "block", "net"};
/* Class GUIDs: Bulkhead's own, one per class protocol (version in HELLO). */
const char *const gen_class_guid[VMBUS_NR_CLASSES] = {
    "8d6f2a10-4b1e-4c5a-9e3b-6b756c6b0001",
    "8d6f2a10-4b1e-4c5a-9e3b-6b756c6b0002",
    "8d6f2a10-4b1e-4c5a-9e3b-6b756c6b0003",
    "8d6f2a10-4b1e-4c5a-9e3b-6b756c6b0004",
};

#define DEFAULT_RING	    0x10000U
#define DEFAULT_MAX_PACKET  4096U
#define DEFAULT_OUTSTANDING 32U
#define DEFAULT_RATE	    100000U

static bool get_u32(struct g_sys *s, int node, const char *path, const char *prop, u32 *v)
{
	int len;
	const fdt32_t *p = fdt_getprop(s->fdt, node, prop, &len);

	if (!p)
		return false;
	if (len != 4) {
		gen_error(s, path, "%s must be one 32-bit cell", prop);
		return false;
	}
	*v = fdt32_to_cpu(*p);
	return true;
}

static int part_by_phandle(struct g_sys *s, int node, const char *path, const char *prop)
{
	int len, pn;
	const fdt32_t *p = fdt_getprop(s->fdt, node, prop, &len);
	char tp[G_PATH];

	if (!p) {
		gen_error(s, path, "no %s (the partition that runs the %s)", prop,
			  strcmp(prop, "provider") ? "client, VSC" : "service, VSP");
		return -1;
	}
	if (len != 4) {
		gen_error(s, path, "%s must be one phandle", prop);
		return -1;
	}
	pn = gen_phandle_node(s, fdt32_to_cpu(*p), tp, sizeof(tp));
	for (int i = 0; i < s->npart && i < G_MAX_PARTS; i++)
		if (s->part[i].node == pn && pn >= 0)
			return i;
	gen_error(s, path, "%s: %s is not a partition", prop, tp);
	return -1;
}

/* "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", hex digits in either case. */
static bool valid_guid(const char *g)
{
	if (strlen(g) != 36)
		return false;
	for (int i = 0; i < 36; i++) {
		char c = g[i];
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;

		if (dash ? c != '-'
			 : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
			     (c >= 'A' && c <= 'F')))
			return false;
	}
	return true;
}

/* A per-direction size: "<name>-c2p"/"<name>-p2c", else "<name>" for both. */
static void sizes(struct g_sys *s, struct g_chan *c, const char *name, u32 dflt, u32 out[2])
{
	char prop[40];
	u32 both = dflt;

	get_u32(s, c->node, c->path, name, &both);
	out[0] = out[1] = both;
	snprintf(prop, sizeof(prop), "%s-c2p", name);
	get_u32(s, c->node, c->path, prop, &out[0]);
	snprintf(prop, sizeof(prop), "%s-p2c", name);
	get_u32(s, c->node, c->path, prop, &out[1]);
}

static void check_sizes(struct g_sys *s, struct g_chan *c)
{
	static const char *const dir[2] = {"c2p", "p2c"};

	for (int d = 0; d < 2; d++) {
		if (c->ring[d] % G_PAGE || c->ring[d] < 2 * G_PAGE)
			gen_error(s, c->path,
				  "ring-size (%s) 0x%x: must be a multiple of 4 KiB and at "
				  "least 8 KiB (4 KiB control page + data)",
				  dir[d], c->ring[d]);
		if (c->win[d] % G_PAGE)
			gen_error(s, c->path, "data-window (%s) 0x%x: not a multiple of 4 KiB",
				  dir[d], c->win[d]);
	}
}

/* The largest packet both rings carry: at most half of the smaller data area. */
static u32 max_packet_limit(const struct g_chan *c)
{
	u32 data = MIN(c->ring[0], c->ring[1]) - (u32)G_PAGE;

	return data / 2 >= 24 ? ((data / 2 - 24) & ~7U) : 0;
}

static void parse_class_props(struct g_sys *s, struct g_chan *c)
{
	int len;
	const u8 *mac = fdt_getprop(s->fdt, c->node, "mac-address", &len);

	if (gen_read_range(s, c->node, c->path, "block-range", &c->range))
		c->has_range = true;
	if (c->has_range && c->cls != VMBUS_CLASS_BLOCK)
		gen_error(s, c->path, "block-range is for class \"block\" only");
	if (c->cls == VMBUS_CLASS_BLOCK && !c->has_range &&
	    !fdt_getprop(s->fdt, c->node, "block-range", NULL))
		gen_error(s, c->path,
			  "a block channel needs block-range = <offset size> on the "
			  "provider's disk");
	if (c->has_range && (!c->range.size || c->range.base % 512 || c->range.size % 512 ||
			     c->range.base + c->range.size < c->range.base))
		gen_error(s, c->path,
			  "block-range 0x%llx+0x%llx: offset and size must be non-zero "
			  "multiples of 512",
			  (unsigned long long)c->range.base, (unsigned long long)c->range.size);
	if (mac) {
		if (c->cls != VMBUS_CLASS_NET)
			gen_error(s, c->path, "mac-address is for class \"net\" only");
		else if (len != 6)
			gen_error(s, c->path, "mac-address must be 6 bytes");
		else {
			memcpy(c->mac, mac, 6);
			c->has_mac = true;
		}
	}
	c->mtu = 1500;
	if (get_u32(s, c->node, c->path, "mtu", &c->mtu)) {
		if (c->cls != VMBUS_CLASS_NET)
			gen_error(s, c->path, "mtu is for class \"net\" only");
		else if (c->mtu < 68 || c->mtu > 9000)
			gen_error(s, c->path, "mtu %u: must be 68 to 9000", c->mtu);
	}
}

static void parse_channel(struct g_sys *s, int node, const char *path, const char *nodename)
{
	static const char *const known[] = {"compatible",
					    "class",
					    "provider",
					    "consumer",
					    "ring-size",
					    "ring-size-c2p",
					    "ring-size-p2c",
					    "data-window",
					    "data-window-c2p",
					    "data-window-p2c",
					    "max-packet-size",
					    "max-outstanding",
					    "provider-target-cpu",
					    "consumer-target-cpu",
					    "doorbell-rate-limit",
					    "instance-guid",
					    "block-range",
					    "mac-address",
					    "mtu",
					    NULL};
	static const char *const classes[] = {"console", "rpc", "block", "net", NULL};
	struct g_chan *c;
	const char *v;
	char h[G_PATH];
	size_t n = strcspn(nodename, "@");

	if (s->nchan >= G_MAX_CHANS) {
		if (s->nchan++ == G_MAX_CHANS)
			gen_error(s, path, "more than %d channels", G_MAX_CHANS);
		return;
	}
	c = &s->chan[s->nchan++];
	memset(c, 0, sizeof(*c));
	c->node = node;
	c->cls = -1;
	c->local[0] = c->local[1] = -1;
	snprintf(c->path, sizeof(c->path), "%s", path);
	snprintf(c->name, sizeof(c->name), "%.*s", (int)MIN(n, (size_t)G_NAME - 1), nodename);
	if (n >= G_NAME || !gen_valid_name(c->name))
		gen_error(s, path,
			  "channel name '%.*s' must be 1 to %d characters of a-z, 0-9, - and _",
			  (int)n, nodename, G_NAME - 1);
	gen_check_props(s, node, path, known);
	if (fdt_node_check_compatible(s->fdt, node, "bulkhead,channel"))
		gen_error(s, path, "compatible must be \"bulkhead,channel\"");

	v = gen_get_string(s, node, path, "class");
	for (int k = 0; v && k < VMBUS_NR_CLASSES; k++)
		if (!strcmp(v, gen_class_name[k]))
			c->cls = k;
	if (!v && !fdt_getprop(s->fdt, node, "class", NULL))
		gen_error(s, path, "no class (console, rpc, block or net)");
	else if (v && c->cls < 0)
		gen_error(s, path, "unknown class '%s' (console, rpc, block or net)%s", v,
			  gen_hint(h, sizeof(h), v, classes));

	c->provider = part_by_phandle(s, node, path, "provider");
	c->consumer = part_by_phandle(s, node, path, "consumer");
	if (c->provider >= 0 && c->provider == c->consumer)
		gen_error(s, path, "provider and consumer are both %s", s->part[c->provider].path);

	sizes(s, c, "ring-size", DEFAULT_RING, c->ring);
	sizes(s, c, "data-window", 0, c->win);
	check_sizes(s, c);
	c->max_packet = MIN(DEFAULT_MAX_PACKET, max_packet_limit(c));
	if (get_u32(s, node, path, "max-packet-size", &c->max_packet)) {
		if (!c->max_packet || c->max_packet % 8)
			gen_error(s, path, "max-packet-size %u: must be a non-zero multiple of 8",
				  c->max_packet);
		else if (c->max_packet > max_packet_limit(c))
			gen_error(
			    s, path,
			    "max-packet-size %u does not fit: a packet (+24 bytes of "
			    "descriptor and trailer) may take at most half of a ring's %u data "
			    "bytes",
			    c->max_packet, MIN(c->ring[0], c->ring[1]) - (u32)G_PAGE);
	}
	c->max_outstanding = DEFAULT_OUTSTANDING;
	if (get_u32(s, node, path, "max-outstanding", &c->max_outstanding) &&
	    (!c->max_outstanding || c->max_outstanding > 1024))
		gen_error(s, path, "max-outstanding %u: must be 1 to 1024", c->max_outstanding);
	get_u32(s, node, path, "provider-target-cpu", &c->target[0]);
	get_u32(s, node, path, "consumer-target-cpu", &c->target[1]);
	c->rate_limit = DEFAULT_RATE;
	get_u32(s, node, path, "doorbell-rate-limit", &c->rate_limit);
	v = gen_get_string(s, node, path, "instance-guid");
	if (v && !valid_guid(v))
		gen_error(s, path,
			  "instance-guid '%s' is not a GUID "
			  "(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)",
			  v);
	else if (v)
		snprintf(c->guid, sizeof(c->guid), "%s", v);
	parse_class_props(s, c);
}

void gen_parse_vmbus(struct g_sys *s, int node)
{
	static const char *const known[] = {"compatible", "abi-version", "memory", NULL};
	const char *path = "/bulkhead/vmbus";
	u32 abi;
	int sub;

	gen_check_props(s, node, path, known);
	if (fdt_getprop(s->fdt, node, "compatible", NULL) &&
	    fdt_node_check_compatible(s->fdt, node, "bulkhead,vmbus-system"))
		gen_error(s, path, "compatible must be \"bulkhead,vmbus-system\"");
	if (get_u32(s, node, path, "abi-version", &abi) && abi != VMBUS_ABI_VERSION)
		gen_error(s, path, "abi-version %u: this Bulkhead implements version %d", abi,
			  VMBUS_ABI_VERSION);
	s->has_bus_pool = gen_read_range(s, node, path, "memory", &s->bus_pool);
	fdt_for_each_subnode(sub, s->fdt, node) {
		const char *name = fdt_get_name(s->fdt, sub, NULL);
		char p[G_PATH];

		if (!name)
			continue;
		snprintf(p, sizeof(p), "%s/%s", path, name);
		parse_channel(s, sub, p, name);
	}
}
