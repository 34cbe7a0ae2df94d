// SPDX-License-Identifier: GPL-2.0
/*
 * /bulkhead/partition-<name> -> model. One reader per group of properties,
 * each with the same arguments, called in order by gen_parse_partition
 * (the order of the messages); a new property adds its name to known[]
 * and its reader (in its own file, as parse_restart.c) to that list.
 * Checks across partitions and against the hypervisor are validate.c's.
 */
#include <libfdt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "model.h"

/*
 * A file the description names (image, initrd). Its name reaches make's
 * fragment (system.mk) and mkimage's source (/incbin/("...")): a control
 * character, a quote or a backslash there could end a line or a string and
 * add rules or nodes of the description's choosing, so it is refused.
 */
static const char *file_name(struct g_sys *s, int node, const char *path, const char *prop)
{
	const char *v = gen_get_string(s, node, path, prop);

	if (!v)
		return NULL;
	for (const unsigned char *c = (const unsigned char *)v; *c; c++)
		if (*c < 0x20 || *c == 0x7f || *c == '"' || *c == '\\') {
			gen_error(s, path,
				  "%s: a file name with a control character, a double quote or "
				  "a backslash (at byte %u) is refused",
				  prop, (unsigned)(c - (const unsigned char *)v));
			return NULL;
		}
	return v;
}

static bool program_known(const struct gen_opts *o, const char *p)
{
	const char *l = o->programs ? o->programs : "";
	size_t n = strlen(p);

	while (*l) {
		while (*l == ' ')
			l++;
		if (!strncmp(l, p, n) && (l[n] == ' ' || l[n] == '\0'))
			return true;
		while (*l && *l != ' ')
			l++;
	}
	return false;
}

/* An unknown program, with a hint if one of CONFIG_PROGRAMS is close. */
static void program_error(struct g_sys *s, const char *path, const char *v)
{
	char list[512], h[G_PATH];
	const char *known[64];
	int n = 0;

	snprintf(list, sizeof(list), "%s", s->opt->programs ? s->opt->programs : "");
	for (char *t = strtok(list, " "); t && n < 63; t = strtok(NULL, " "))
		known[n++] = t;
	known[n] = NULL;
	gen_error(s, path, "unknown program '%s' (CONFIG_PROGRAMS: %s)%s", v,
		  s->opt->programs ? s->opt->programs : "", gen_hint(h, sizeof(h), v, known));
}

/*
 * A relative image path starts at the DTS's folder; failing that, at the
 * build folder, where fetched or built guest images live (e.g. linux/Image
 * from scripts/fetch-linux-guest). A file found in neither resolves into the
 * build folder so that make can build or fetch it there.
 */
static void resolve_file(const struct gen_opts *o, const char *f, char *out, size_t len)
{
	struct stat st;

	if (f[0] == '/' || (!o->dts_dir && !o->search_dir)) {
		snprintf(out, len, "%s", f);
		return;
	}
	if (o->dts_dir) {
		snprintf(out, len, "%s/%s", o->dts_dir, f);
		if (!stat(out, &st) || !o->search_dir)
			return;
	}
	snprintf(out, len, "%s/%s", o->search_dir, f);
}

/*
 * A property naming one of choices, the first being what its absence means:
 * the index of the one named, or 0 after an error that lists them (listed)
 * and suggests a close one.
 */
static int parse_choice(struct g_sys *s, int node, const char *path, const char *prop,
			const char *const *choices, const char *listed)
{
	const char *v = gen_get_string(s, node, path, prop);
	char h[G_PATH];

	if (!v)
		return 0;
	for (int i = 0; choices[i]; i++)
		if (!strcmp(v, choices[i]))
			return i;
	gen_error(s, path, "unknown %s '%s' (%s)%s", prop, v, listed,
		  gen_hint(h, sizeof(h), v, choices));
	return 0;
}

/* compatible, bulkhead,root, bulkhead,trusted-dma. */
static void parse_kind(struct g_sys *s, int node, const char *path, struct g_part *p)
{
	if (!gen_is_compatible(s->fdt, node, "bulkhead,partition"))
		gen_error(s, path, "compatible must be \"bulkhead,partition\"");
	p->root = fdt_getprop(s->fdt, node, "bulkhead,root", NULL) != NULL;
	p->trusted_dma = fdt_getprop(s->fdt, node, "bulkhead,trusted-dma", NULL) != NULL;
}

/* cpus: the board's CPUs it runs on, each one partition's. */
static void parse_cpus(struct g_sys *s, int node, const char *path, struct g_part *p)
{
	int len, idx = (int)(p - s->part);
	const fdt32_t *list = fdt_getprop(s->fdt, node, "cpus", &len);

	if (list && len % 4)
		gen_error(s, path, "cpus must be a list of phandles");
	for (int i = 0; list && i < len / 4; i++) {
		u32 ph = fdt32_to_cpu(list[i]);
		char tp[G_PATH];
		int cn = gen_phandle_node(s, ph, tp, sizeof(tp)), c = -1;

		for (int k = 0; k < s->ncpu && cn >= 0; k++)
			if (s->cpu[k].node == cn)
				c = k;
		if (c < 0) {
			gen_error(s, path, "cpus: %s is not a CPU of the board", tp);
			continue;
		}
		if (c >= s->opt->nr_cpus) {
			gen_error(s, path, "cpus: %s is beyond the %d CPUs of CONFIG_NR_CPUS",
				  s->cpu[c].path, s->opt->nr_cpus);
			continue;
		}
		if (s->cpu[c].owner >= 0) {
			gen_error(s, path, "cpu %s is already assigned to %s", s->cpu[c].path,
				  s->part[s->cpu[c].owner].path);
			continue;
		}
		s->cpu[c].owner = idx;
		if (p->ncpu < G_MAX_CPUS)
			p->cpu[p->ncpu++] = c;
	}
	if (!list || !len)
		gen_error(s, path, "no cpus");
}

/* memory, and ipa-base: where the partition sees it (default: where it is). */
static void parse_memory(struct g_sys *s, int node, const char *path, struct g_part *p)
{
	int l;
	const fdt32_t *ib;

	p->has_mem = gen_read_range(s, node, path, "memory", &p->mem);
	if (!p->has_mem && !fdt_getprop(s->fdt, node, "memory", NULL))
		gen_error(s, path, "no memory");
	p->ipa_base = p->mem.base;
	ib = fdt_getprop(s->fdt, node, "ipa-base", &l);
	if (ib && l == s->addr_cells * 4)
		p->ipa_base = gen_read_cells(ib, s->addr_cells);
	else if (ib)
		gen_error(s, path, "ipa-base must be one address (%d cells)", s->addr_cells);
	if (ib && !IS_ALIGNED(p->ipa_base, G_PAGE))
		gen_error(s, path, "ipa-base 0x%llx: not aligned to the 4 KiB page size",
			  (unsigned long long)p->ipa_base);
}

/*
 * devices: board devices it owns, each one partition's; never the
 * hypervisor's console or an interrupt controller (dev_kind.c).
 */
static void parse_devices(struct g_sys *s, int node, const char *path, struct g_part *p)
{
	int len, idx = (int)(p - s->part);
	const fdt32_t *list = fdt_getprop(s->fdt, node, "devices", &len);
	const char *why;

	if (list && len % 4)
		gen_error(s, path, "devices must be a list of phandles");
	for (int i = 0; list && i < len / 4; i++) {
		u32 ph = fdt32_to_cpu(list[i]);
		char tp[G_PATH];
		int dn = gen_phandle_node(s, ph, tp, sizeof(tp)), d;

		if (dn < 0) {
			gen_error(s, path, "devices: %s is not a device", tp);
			continue;
		}
		d = gen_dev_by_node(s, dn);
		if (d < 0) {
			gen_error(s, path, "devices: %s is not a device (no memory-mapped reg)",
				  tp);
			continue;
		}
		if (s->dev[d].nio && !gen_x86(s)) {
			gen_error(s, path, "devices: %s has I/O ports, which only x86 boards have",
				  tp);
			continue;
		}
		if (d == s->console_dev) {
			gen_error(s, path, "devices: %s is the hypervisor's console", tp);
			continue;
		}
		if (gen_is_irq_controller(s, dn)) {
			gen_error(s, path,
				  "devices: %s is the interrupt controller (partitions get a "
				  "virtual one)",
				  tp);
			continue;
		}
		if ((why = gen_irq_translator(s, dn))) {
			gen_error(
			    s, path,
			    "devices: %s is an interrupt controller (%s): only the "
			    "hypervisor may program it (an ITS or MSI frame writes and signals "
			    "wherever it is told)",
			    tp, why);
			continue;
		}
		if (s->dev[d].owner >= 0) {
			gen_error(s, path, "device %s is already assigned to %s", tp,
				  s->part[s->dev[d].owner].path);
			continue;
		}
		s->dev[d].owner = idx;
		if (p->ndev < G_MAX_DEVS)
			p->dev[p->ndev++] = d;
	}
}

/* program or image (one of them), initrd, bootargs. */
static void parse_software(struct g_sys *s, int node, const char *path, struct g_part *p)
{
	const char *v = gen_get_string(s, node, path, "program");

	if (v) {
		snprintf(p->program, sizeof(p->program), "%s", v);
		p->program_ok = program_known(s->opt, v);
		if (!p->program_ok)
			program_error(s, path, v);
	}
	v = file_name(s, node, path, "image");
	if (v) {
		snprintf(p->image_name, sizeof(p->image_name), "%s", v);
		resolve_file(s->opt, v, p->image, sizeof(p->image));
	}
	if (p->program[0] && p->image[0])
		gen_error(s, path, "both program and image given; choose one");
	if (!fdt_getprop(s->fdt, node, "program", NULL) &&
	    !fdt_getprop(s->fdt, node, "image", NULL))
		gen_error(s, path, "no program or image");
	v = file_name(s, node, path, "initrd");
	if (v) {
		snprintf(p->initrd_name, sizeof(p->initrd_name), "%s", v);
		resolve_file(s->opt, v, p->initrd, sizeof(p->initrd));
	}
	v = gen_get_string(s, node, path, "bootargs");
	if (v)
		snprintf(p->bootargs, sizeof(p->bootargs), "%s", v);
}

/* security-version: the anti-rollback version its FIT images carry. */
static void parse_security_version(struct g_sys *s, int node, const char *path, struct g_part *p)
{
	int l;
	const fdt32_t *sv = fdt_getprop(s->fdt, node, "security-version", &l);

	if (sv && l == 4)
		p->security_version = fdt32_to_cpu(*sv);
	else if (sv)
		gen_error(s, path, "security-version must be one 32-bit cell");
}

/* restart: what a fault or a stop leads to (its back-off: parse_restart.c). */
static void parse_restart_policy(struct g_sys *s, int node, const char *path, struct g_part *p)
{
	static const char *const restarts[] = {"halt", "restart", "system-reset", NULL};
	static const u32 restart_of[] = {BH_RESTART_HALT, BH_RESTART_RESTART,
					 BH_RESTART_SYSTEM_RESET};

	p->restart = restart_of[parse_choice(s, node, path, "restart", restarts,
					     "halt, restart or system-reset")];
}

/* on-bad-access and on-verify-fail. */
static void parse_fault_policies(struct g_sys *s, int node, const char *path, struct g_part *p)
{
	static const char *const verify_fail[] = {"halt", "fallback", NULL};
	static const char *const bad_access[] = {"stop", "abort", NULL};

	p->bad_access_abort =
	    parse_choice(s, node, path, "on-bad-access", bad_access, "stop or abort") == 1;
	p->fallback =
	    parse_choice(s, node, path, "on-verify-fail", verify_fail, "halt or fallback") == 1;
}

void gen_parse_partition(struct g_sys *s, int node, const char *path, const char *nodename)
{
	static const char *const known[] = {"compatible",
					    "bulkhead,root",
					    "cpus",
					    "memory",
					    "devices",
					    "program",
					    "image",
					    "initrd",
					    "bootargs",
					    "restart",
					    "ipa-base",
					    "security-version",
					    "on-verify-fail",
					    "on-bad-access",
					    "bulkhead,trusted-dma",
					    "restart-limit",
					    "restart-delay-ms",
					    "restart-delay-max-ms",
					    "restart-stable-ms",
					    "watchdog",
					    NULL};
	const char *name = nodename + strlen("partition-");
	struct g_part *p;

	if (s->npart >= G_MAX_PARTS) {
		if (s->npart == G_MAX_PARTS)
			gen_error(s, path, "more than %d partitions", G_MAX_PARTS);
		s->npart++;
		return;
	}
	p = &s->part[s->npart++];
	memset(p, 0, sizeof(*p));
	p->node = node;
	snprintf(p->path, sizeof(p->path), "%s", path);
	snprintf(p->name, sizeof(p->name), "%s", name);
	if (!gen_valid_name(name))
		gen_error(s, path,
			  "partition name '%s' must be 1 to %d characters of a-z, 0-9, - and _",
			  name, G_NAME - 1);

	gen_check_props(s, node, path, known);
	parse_kind(s, node, path, p);
	parse_cpus(s, node, path, p);
	parse_memory(s, node, path, p);
	parse_devices(s, node, path, p);
	parse_software(s, node, path, p);
	parse_security_version(s, node, path, p);
	parse_restart_policy(s, node, path, p);
	gen_parse_restart(s, node, path, p); /* after restart: its properties depend on it */
	gen_parse_watchdog(s, node, path, p);
	parse_fault_policies(s, node, path, p);
}
