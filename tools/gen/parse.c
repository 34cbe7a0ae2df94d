// SPDX-License-Identifier: GPL-2.0
/*
 * System DTB -> model: the board (parse_board.c), then each child of
 * /bulkhead (parse_hypervisor.c, parse_partition.c, parse_vmbus.c). Every
 * problem is reported, then parsing goes on so that the user sees all
 * errors of one description in one run. Parsing only builds the model:
 * validate.c and the other passes check it, in the order gen_check
 * (check.c) gives.
 */
#include <libfdt.h>
#include <stdio.h>
#include <string.h>
#include <bulkhead/fdt_check.h>
#include "model.h"

/*
 * A child of /bulkhead that is none of its kinds: a hint when the name is
 * close to one (for partition-<name>, the part before the first '-').
 */
static void node_error(struct g_sys *s, const char *path, const char *name)
{
	static const char *const kinds[] = {"hypervisor", "vmbus", "partition", NULL};
	char head[G_PATH], h[G_PATH + 32];
	const char *dash = strchr(name, '-'), *k;

	snprintf(head, sizeof(head), "%.*s", (int)(dash ? dash - name : (long)strlen(name)), name);
	k = gen_close_name(dash ? head : name, kinds);
	if (k && !strcmp(k, "partition") != (dash != NULL))
		k = NULL; /* "partition" needs its -<name>, the others have none */
	if (k)
		snprintf(h, sizeof(h), "; did you mean '%s%s'?", k, dash ? dash : "");
	gen_error(s, path, "unknown node (expected hypervisor, partition-<name> or vmbus)%s",
		  k ? h : "");
}

static void parse_bulkhead(struct g_sys *s)
{
	static const char *const known[] = {"compatible", NULL};
	int bh = fdt_path_offset(s->fdt, "/bulkhead"), node, hv = -1;

	s->bulkhead_node = bh;
	s->console_dev = -1;
	s->root = -1;
	if (bh < 0) {
		gen_error(s, "/", "no /bulkhead node: nothing assigns the board to partitions");
		return;
	}
	gen_check_props(s, bh, "/bulkhead", known);
	if (!gen_is_compatible(s->fdt, bh, "bulkhead,system-v1"))
		gen_error(s, "/bulkhead", "compatible must be \"bulkhead,system-v1\"");

	hv = fdt_subnode_offset(s->fdt, bh, "hypervisor");
	if (hv < 0)
		gen_error(s, "/bulkhead", "no hypervisor node");
	else
		gen_parse_hypervisor(s, hv, "/bulkhead/hypervisor");

	fdt_for_each_subnode(node, s->fdt, bh) {
		const char *name = fdt_get_name(s->fdt, node, NULL);
		char path[G_PATH];

		if (!name)
			continue;
		snprintf(path, sizeof(path), "/bulkhead/%s", name);
		if (!strcmp(name, "hypervisor"))
			continue;
		if (!strncmp(name, "partition-", strlen("partition-")))
			gen_parse_partition(s, node, path, name);
		else if (!strcmp(name, "vmbus"))
			s->vmbus_node = node;
		else
			node_error(s, path, name);
	}
	/* Channels name partitions: parse them once every partition is known. */
	if (s->vmbus_node >= 0)
		gen_parse_vmbus(s, s->vmbus_node);
}

int gen_parse(struct g_sys *s, const void *fdt, size_t size, const struct gen_opts *opt)
{
	memset(s, 0, sizeof(*s));
	s->fdt = fdt;
	s->opt = opt;
	s->gic_node = -1;
	s->ioapic_node = -1;
	s->console_dev = -1;
	s->root = -1;
	s->bulkhead_node = -1;
	s->vmbus_node = -1;
	if (bh_fdt_check(fdt, size) != 0) {
		gen_error(s, "/", "not a valid device tree blob");
		return s->errors;
	}
	if (!gen_check_board_arch(s))
		return s->errors;
	gen_parse_board(s);
	parse_bulkhead(s);
	return s->errors;
}
