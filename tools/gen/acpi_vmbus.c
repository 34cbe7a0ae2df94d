// SPDX-License-Identifier: GPL-2.0
/*
 * The VMBus of an x86 Linux partition in its DSDT: Debian's amd64 kernels
 * have no device tree (CONFIG_OF off), so the bus the partition DTB gives
 * an arm64 kernel is an ACPI device here (docs/vmbus.md §Linux on x86):
 *
 *   Scope (\_SB) { Device (VMBS) {
 *     Name (_HID, "BLKH0001")  Name (_UID, 0)
 *     Name (_CRS, ResourceTemplate () {
 *       QWordMemory (...)      the event and status pages: Memory resource 0
 *       QWordMemory (...)      each channel's region: Memory resource 1 + k
 *       Interrupt (ResourceConsumer, Edge, ActiveHigh, Exclusive) { bus GSI } })
 *     Name (_DSD, Package () {
 *       ToUUID (device properties) Package () { "bulkhead,abi-version", 1 }
 *       ToUUID (hierarchical data) Package () { { "<channel name>", "CHxx" }, ... } })
 *     Name (CHxx, Package () { ToUUID (device properties), Package () {
 *       the channel node's properties of the DTB, by the same names,
 *       and "bulkhead,memory-resource" (its Memory resource's index) } })
 *   } }
 *
 * so that one driver reads both through Linux's device-property API. The
 * bus interrupt is a pin of the partition's virtual IOAPIC (arch/x86/
 * vioapic.c), listed in its MADT (x86_acpi.c). AML written byte by byte:
 * the generator runs on the build host without an ASL compiler.
 */
#include <stdio.h>
#include <string.h>
#include <vmbus/bus.h>
#include "model.h"

#define AML_NAME      0x08
#define AML_BYTE      0x0a
#define AML_WORD      0x0b
#define AML_DWORD     0x0c
#define AML_STRING    0x0d
#define AML_QWORD     0x0e
#define AML_SCOPE     0x10
#define AML_BUFFER    0x11
#define AML_PACKAGE   0x12
#define AML_EXT	      0x5b
#define AML_DEVICE    0x82
#define GSI_FIRST     16 /* above the ISA interrupts' identity-mapped GSIs */
#define RES_QWORD     0x8a
#define RES_QWORD_LEN 43
#define RES_IRQ	      0x89
#define RES_END	      0x79

/* Device properties (_DSD), and hierarchical data extension (data subnodes). */
static const unsigned char uuid_props[16] = {0x14, 0xd8, 0xff, 0xda, 0xba, 0x6e, 0x8c, 0x4d,
					     0x8a, 0x91, 0xbc, 0x9b, 0xbf, 0x4a, 0xa3, 0x01};
static const unsigned char uuid_nodes[16] = {0xe6, 0xe3, 0xb8, 0xdb, 0x86, 0x58, 0xa6, 0x4b,
					     0x87, 0x95, 0x13, 0x19, 0xf5, 0x2a, 0x96, 0x6b};

struct aml {
	unsigned char *b;
	size_t len, max;
	bool overflow;
};

static void put(struct aml *a, const void *p, size_t n)
{
	if (a->overflow || a->len + n > a->max) {
		a->overflow = true;
		return;
	}
	memcpy(a->b + a->len, p, n);
	a->len += n;
}

static void byte(struct aml *a, unsigned char v)
{
	put(a, &v, 1);
}

static void le(struct aml *a, u64 v, int n)
{
	for (int i = 0; i < n; i++)
		byte(a, (unsigned char)(v >> (8 * i)));
}

/*
 * A package-length object (Scope, Device, Package, Buffer) opened at start:
 * its contents are written first, then moved up behind the opcode and the
 * PkgLength, whose size depends on theirs.
 */
static size_t open_pkg(struct aml *a)
{
	return a->len;
}

static void close_pkg(struct aml *a, size_t start, const unsigned char *op, size_t oplen)
{
	size_t body = a->len - start, n, total;
	unsigned char hdr[8];

	if (a->overflow)
		return;
	n = body + 1 < 0x40 ? 1 : body + 2 < 0x1000 ? 2 : body + 3 < 0x100000 ? 3 : 4;
	total = body + n; /* PkgLength counts itself */
	if (n == 1) {
		hdr[oplen] = (unsigned char)total;
	} else {
		hdr[oplen] = (unsigned char)((n - 1) << 6 | (total & 0xf));
		for (size_t i = 1; i < n; i++)
			hdr[oplen + i] = (unsigned char)(total >> (4 + 8 * (i - 1)));
	}
	memcpy(hdr, op, oplen);
	if (a->len + oplen + n > a->max) {
		a->overflow = true;
		return;
	}
	memmove(a->b + start + oplen + n, a->b + start, body);
	memcpy(a->b + start, hdr, oplen + n);
	a->len += oplen + n;
}

static void integer(struct aml *a, u64 v)
{
	if (v <= 1) {
		byte(a, (unsigned char)v); /* ZeroOp, OneOp */
	} else if (v <= 0xff) {
		byte(a, AML_BYTE);
		le(a, v, 1);
	} else if (v <= 0xffff) {
		byte(a, AML_WORD);
		le(a, v, 2);
	} else if (v <= 0xffffffffULL) {
		byte(a, AML_DWORD);
		le(a, v, 4);
	} else {
		byte(a, AML_QWORD);
		le(a, v, 8);
	}
}

static void string(struct aml *a, const char *s)
{
	byte(a, AML_STRING);
	put(a, s, strlen(s) + 1);
}

static void name(struct aml *a, const char *seg)
{
	byte(a, AML_NAME);
	put(a, seg, 4);
}

static void uuid(struct aml *a, const unsigned char *u)
{
	size_t b = open_pkg(a);
	static const unsigned char op = AML_BUFFER;

	integer(a, 16);
	put(a, u, 16);
	close_pkg(a, b, &op, 1);
}

/* Package () { "key", value } of an integer, a string, or integers. */
static size_t prop_open(struct aml *a, const char *key, int *count)
{
	size_t b = open_pkg(a);

	byte(a, 2); /* NumElements */
	string(a, key);
	(*count)++;
	return b;
}

static void pkg_close(struct aml *a, size_t b)
{
	static const unsigned char op = AML_PACKAGE;

	close_pkg(a, b, &op, 1);
}

static void prop_int(struct aml *a, int *count, const char *key, u64 v)
{
	size_t b = prop_open(a, key, count);

	integer(a, v);
	pkg_close(a, b);
}

static void prop_str(struct aml *a, int *count, const char *key, const char *v)
{
	size_t b = prop_open(a, key, count);

	string(a, v);
	pkg_close(a, b);
}

static void prop_ints(struct aml *a, int *count, const char *key, const u64 *v, int n)
{
	size_t b = prop_open(a, key, count), p = open_pkg(a);

	byte(a, (unsigned char)n);
	for (int i = 0; i < n; i++)
		integer(a, v[i]);
	pkg_close(a, p);
	pkg_close(a, b);
}

static void prop_pair(struct aml *a, int *count, const char *key, u32 off, u32 size)
{
	u64 v[2] = {off, size};

	prop_ints(a, count, key, v, 2);
}

/*
 * The properties package's element count is a byte written before them:
 * it is patched once they are all out (at most 255 of them).
 */
static void patch_count(struct aml *a, size_t at, int count)
{
	if (!a->overflow)
		a->b[at] = (unsigned char)count;
}

static void chan_name(char *seg, int k)
{
	static const char hex[] = "0123456789ABCDEF";

	seg[0] = 'C';
	seg[1] = 'H';
	seg[2] = hex[(k >> 4) & 0xf];
	seg[3] = hex[k & 0xf];
}

/* Name (CHxx, Package () { ToUUID, Package () { properties } }): emit_dtb.c's channel node. */
static void channel(struct aml *a, const struct g_sys *s, const struct g_part *p, int k)
{
	const struct g_chan *ch = &s->chan[p->chan[k]];
	int e = &s->part[ch->provider] == p ? 0 : 1; /* 0: provider, 1: consumer */
	u32 tx = e ? 0 : 1;
	u32 ring_off[2] = {0, ch->ring[0]}, win_off[2];
	char seg[4], compat[48];
	size_t outer, props, count_at;
	int n = 0;

	win_off[0] = ch->ring[0] + ch->ring[1];
	win_off[1] = win_off[0] + ch->win[0];
	chan_name(seg, k);
	name(a, seg);
	outer = open_pkg(a);
	byte(a, 2);
	uuid(a, uuid_props);
	props = open_pkg(a);
	count_at = a->len;
	byte(a, 0);
	snprintf(compat, sizeof(compat), "bulkhead,vmbus-%s", gen_class_name[ch->cls]);
	prop_str(a, &n, "compatible", compat);
	prop_int(a, &n, "bulkhead,memory-resource", 1 + (u64)k);
	prop_int(a, &n, "bulkhead,channel", (u64)k);
	prop_int(a, &n, "bulkhead,event-bit", (u64)k + 1);
	prop_str(a, &n, "bulkhead,role", e ? "consumer" : "provider");
	prop_str(a, &n, "bulkhead,peer", s->part[e ? ch->provider : ch->consumer].name);
	prop_pair(a, &n, "bulkhead,tx-ring", ring_off[tx], ch->ring[tx]);
	prop_pair(a, &n, "bulkhead,rx-ring", ring_off[!tx], ch->ring[!tx]);
	if (ch->win[tx])
		prop_pair(a, &n, "bulkhead,tx-window", win_off[tx], ch->win[tx]);
	if (ch->win[!tx])
		prop_pair(a, &n, "bulkhead,rx-window", win_off[!tx], ch->win[!tx]);
	prop_int(a, &n, "bulkhead,max-packet-size", ch->max_packet);
	prop_int(a, &n, "bulkhead,max-outstanding", ch->max_outstanding);
	prop_int(a, &n, "bulkhead,target-cpu", ch->target[e]);
	prop_str(a, &n, "bulkhead,class-guid", gen_class_guid[ch->cls]);
	if (ch->guid[0])
		prop_str(a, &n, "bulkhead,instance-guid", ch->guid);
	if (ch->has_range && !e) {
		prop_int(a, &n, "bulkhead,block-offset", ch->range.base);
		prop_int(a, &n, "bulkhead,block-size", ch->range.size);
	}
	if (ch->cls == VMBUS_CLASS_NET) {
		u8 mac[6] = {0x02, 0x42, 0x48, 0x00, (u8)(ch - s->chan), 0x01};
		u64 v[6];

		if (ch->has_mac)
			memcpy(mac, ch->mac, 6);
		for (int i = 0; i < 6; i++)
			v[i] = mac[i];
		prop_ints(a, &n, e ? "local-mac-address" : "bulkhead,peer-mac-address", v, 6);
		prop_int(a, &n, "bulkhead,mtu", ch->mtu);
	}
	patch_count(a, count_at, n);
	pkg_close(a, props);
	pkg_close(a, outer);
}

static void qword_memory(struct aml *a, u64 base, u64 size)
{
	byte(a, RES_QWORD);
	le(a, RES_QWORD_LEN, 2);
	byte(a, 0);    /* memory */
	byte(a, 0x0d); /* consumer, positive decode, min and max fixed */
	byte(a, 0x03); /* read-write, cacheable: normal memory, shared with the peer */
	le(a, 0, 8);   /* granularity */
	le(a, base, 8);
	le(a, base + size - 1, 8);
	le(a, 0, 8); /* translation */
	le(a, size, 8);
}

u32 gen_x86_bus_gsi(const struct g_sys *s, const struct g_part *p)
{
	u32 gsi = GSI_FIRST;
	bool taken;

	if (!p->linux_x86 || !p->nchan || s->ioapic_node < 0) /* linux_x86: an x86 system */
		return 0;
	/* The first pin from 16 none of its own devices uses: the vIOAPIC's pin is virtual. */
	do {
		taken = false;
		for (int d = 0; d < p->ndev && !taken; d++)
			for (int i = 0; i < s->dev[p->dev[d]].nspi; i++)
				if (s->dev[p->dev[d]].spi[i] == gsi)
					taken = true;
	} while (taken && ++gsi < BH_X86_MAX_GSI);
	return gsi < BH_X86_MAX_GSI ? gsi : 0;
}

size_t gen_acpi_vmbus(const struct g_sys *s, const struct g_part *p, unsigned char *buf, size_t max)
{
	static const unsigned char scope_op = AML_SCOPE, device_op[2] = {AML_EXT, AML_DEVICE};
	static const unsigned char buffer_op = AML_BUFFER;
	struct aml a = {buf, 0, max, false};
	u32 gsi = gen_x86_bus_gsi(s, p);
	size_t scope, dev, crs, tmpl, dsd, links;
	int n = 0;

	if (!gsi)
		return 0;
	scope = open_pkg(&a);
	put(&a, "\\_SB_", 5);
	dev = open_pkg(&a);
	put(&a, "VMBS", 4);
	name(&a, "_HID");
	string(&a, "BLKH0001");
	name(&a, "_UID");
	integer(&a, 0);

	name(&a, "_CRS");
	crs = open_pkg(&a);
	tmpl = a.len;
	byte(&a, AML_WORD); /* the buffer size, patched below */
	le(&a, 0, 2);
	qword_memory(&a, p->bus.base, p->bus.size);
	for (int k = 0; k < p->nchan; k++)
		qword_memory(&a, s->chan[p->chan[k]].region.base, s->chan[p->chan[k]].region.size);
	byte(&a, RES_IRQ);
	le(&a, 6, 2);
	byte(&a, 0x03); /* consumer, edge, active high, exclusive: a doorbell per event */
	byte(&a, 1);
	le(&a, gsi, 4);
	byte(&a, RES_END);
	byte(&a, 0); /* checksum 0: none */
	if (!a.overflow) {
		size_t len = a.len - tmpl - 3;

		a.b[tmpl + 1] = (unsigned char)len;
		a.b[tmpl + 2] = (unsigned char)(len >> 8);
	}
	close_pkg(&a, crs, &buffer_op, 1);

	name(&a, "_DSD");
	dsd = open_pkg(&a);
	byte(&a, 4);
	uuid(&a, uuid_props);
	{
		size_t props = open_pkg(&a);

		byte(&a, 1);
		prop_int(&a, &n, "bulkhead,abi-version", VMBUS_ABI_VERSION);
		pkg_close(&a, props);
	}
	uuid(&a, uuid_nodes);
	links = open_pkg(&a);
	byte(&a, (unsigned char)p->nchan);
	for (int k = 0; k < p->nchan; k++) {
		size_t l = open_pkg(&a);
		char seg[5] = {0};

		byte(&a, 2);
		string(&a, s->chan[p->chan[k]].name);
		chan_name(seg, k);
		string(&a, seg); /* a path, relative to the device */
		pkg_close(&a, l);
	}
	pkg_close(&a, links);
	pkg_close(&a, dsd);

	for (int k = 0; k < p->nchan; k++)
		channel(&a, s, p, k);
	close_pkg(&a, dev, device_op, 2);
	close_pkg(&a, scope, &scope_op, 1);
	return a.overflow ? 0 : a.len;
}
