// SPDX-License-Identifier: GPL-2.0
/*
 * Device-tree helpers of the parsers: cells, reg and ranges translated to
 * CPU addresses, strings, phandles, unknown properties. Every property is
 * read defensively (the DTB may come from anywhere, and the fuzzer feeds
 * it garbage): lengths are checked before use.
 */
#include <libfdt.h>
#include <stdio.h>
#include <string.h>
#include "model.h"

void gen_node_path(const void *fdt, int node, char *buf, size_t len)
{
	if (fdt_get_path(fdt, node, buf, (int)len) < 0)
		snprintf(buf, len, "<node at offset %d>", node);
}

/* A cell-count property (#address-cells, ...); dflt when absent or malformed. */
int gen_cells_of(const void *fdt, int node, const char *name, int dflt)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	if (!p || len != 4)
		return dflt;
	return (int)fdt32_to_cpu(*p);
}

u64 gen_read_cells(const fdt32_t *p, int n)
{
	u64 v = 0;

	for (int i = 0; i < n; i++)
		v = (v << 32) | fdt32_to_cpu(p[i]);
	return v;
}

/* Reads <addr size> in the root's cell format (/bulkhead properties). */
bool gen_read_range(struct g_sys *s, int node, const char *path, const char *prop,
		    struct g_range *r)
{
	int len, ac = s->addr_cells, sc = s->size_cells;
	const fdt32_t *p = fdt_getprop(s->fdt, node, prop, &len);

	if (!p)
		return false;
	if (len != (ac + sc) * 4) {
		gen_error(s, path,
			  "%s must be one <address size> pair (%d + %d cells), not %d bytes", prop,
			  ac, sc, len);
		return false;
	}
	r->base = gen_read_cells(p, ac);
	r->size = gen_read_cells(p + ac, sc);
	return true;
}

/*
 * Translates a child bus address to the CPU's address space through each
 * ancestor's "ranges". Returns false if some ancestor has no ranges (the node
 * is not memory-mapped, e.g. below /cpus or an I2C bus).
 */
bool gen_translate(const void *fdt, int node, u64 *addr)
{
	int parent = fdt_parent_offset(fdt, node);

	while (parent > 0) {
		int len, gp = fdt_parent_offset(fdt, parent);
		int cac = gen_cells_of(fdt, parent, "#address-cells", 2);
		int csc = gen_cells_of(fdt, parent, "#size-cells", 1);
		int pac = gp >= 0 ? gen_cells_of(fdt, gp, "#address-cells", 2) : 2;
		const fdt32_t *r = fdt_getprop(fdt, parent, "ranges", &len);
		int entry = cac + pac + csc;
		bool found = false;

		if (!r)
			return false;
		if (len == 0) {
			node = parent;
			parent = gp;
			continue;
		}
		if (entry <= 0 || cac > 2 || pac > 2 || csc > 2 || len % (entry * 4))
			return false;
		for (int i = 0; i < len / (entry * 4); i++) {
			const fdt32_t *e = r + i * entry;
			u64 cb = gen_read_cells(e, cac), pb = gen_read_cells(e + cac, pac);
			u64 sz = gen_read_cells(e + cac + pac, csc);

			if (*addr >= cb && *addr - cb < sz) {
				*addr = *addr - cb + pb;
				found = true;
				break;
			}
		}
		if (!found)
			return false;
		node = parent;
		parent = gp;
	}
	return true;
}

/* reg of a node, translated to CPU addresses; -1 if not memory-mapped. */
int gen_read_reg(const void *fdt, int node, struct g_range *out, int max)
{
	int len, parent = fdt_parent_offset(fdt, node);
	int ac, sc, n;
	const fdt32_t *p = fdt_getprop(fdt, node, "reg", &len);

	if (!p || parent < 0)
		return -1;
	ac = gen_cells_of(fdt, parent, "#address-cells", 2);
	sc = gen_cells_of(fdt, parent, "#size-cells", 1);
	if (ac < 1 || ac > 2 || sc < 0 || sc > 2 || len % ((ac + sc) * 4))
		return -1;
	n = len / ((ac + sc) * 4);
	if (sc == 0)
		return -1; /* no size: not an MMIO window (cpu, i2c, ...) */
	for (int i = 0; i < n && i < max; i++) {
		u64 a = gen_read_cells(p + i * (ac + sc), ac);

		out[i].size = gen_read_cells(p + i * (ac + sc) + ac, sc);
		if (!gen_translate(fdt, node, &a))
			return -1;
		out[i].base = a;
	}
	return n < max ? n : max;
}

/* One of node's compatible strings is c. */
bool gen_is_compatible(const void *fdt, int node, const char *c)
{
	return fdt_node_check_compatible(fdt, node, c) == 0;
}

/* The first of its compatible strings that contains one of subs, else NULL. */
const char *gen_compatible_with(const void *fdt, int node, const char *const *subs)
{
	int len;
	const char *c = fdt_getprop(fdt, node, "compatible", &len);

	for (int o = 0; c && o < len;) {
		size_t n = strnlen(c + o, (size_t)(len - o));

		if (n == (size_t)(len - o))
			break; /* not terminated: no string to match */
		for (const char *const *k = subs; *k; k++)
			if (strstr(c + o, *k))
				return c + o;
		o += (int)n + 1;
	}
	return NULL;
}

/*
 * The node a phandle cell names, with its path in buf for messages (which
 * name nodes, never phandle numbers); -1 and a description of the cell if
 * no node has that phandle (a raw number written in the DTS).
 */
int gen_phandle_node(struct g_sys *s, u32 ph, char *buf, size_t len)
{
	int node = ph && ph != 0xffffffffU ? fdt_node_offset_by_phandle(s->fdt, ph) : -1;

	if (node >= 0)
		gen_node_path(s->fdt, node, buf, len);
	else
		snprintf(buf, len, "<0x%x> (no node has this phandle)", ph);
	return node;
}

/* Reports each property of node that known (NULL-terminated) lacks, with a close name if any. */
void gen_check_props(struct g_sys *s, int node, const char *path, const char *const *known)
{
	int off;

	fdt_for_each_property_offset(off, s->fdt, node) {
		const char *name;
		bool ok = false;

		if (!fdt_getprop_by_offset(s->fdt, off, &name, NULL))
			continue;
		for (const char *const *k = known; *k; k++)
			if (!strcmp(*k, name))
				ok = true;
		if (!ok && strcmp(name, "phandle") && strcmp(name, "linux,phandle")) {
			char h[G_PATH];

			gen_error(s, path, "unknown property '%s'%s", name,
				  gen_hint(h, sizeof(h), name, known));
		}
	}
}

/* A property that must be one string; NULL when absent or (reported) not one. */
const char *gen_get_string(struct g_sys *s, int node, const char *path, const char *prop)
{
	int len;
	const char *v = fdt_getprop(s->fdt, node, prop, &len);

	if (!v)
		return NULL;
	if (len < 1 || v[len - 1] != '\0' || strlen(v) + 1 != (size_t)len) {
		gen_error(s, path, "%s must be a single string", prop);
		return NULL;
	}
	return v;
}

/* A partition's or a channel's name: 1 to G_NAME - 1 characters of a-z, 0-9, - and _. */
bool gen_valid_name(const char *n)
{
	if (!*n || strlen(n) >= G_NAME)
		return false;
	for (; *n; n++)
		if (!((*n >= 'a' && *n <= 'z') || (*n >= '0' && *n <= '9') || *n == '-' ||
		      *n == '_'))
			return false;
	return true;
}
