// SPDX-License-Identifier: GPL-2.0
/*
 * Writes generated/system.json: the generated system in a form programs
 * read (the integration tests, make lava-job): board, banner facts, the
 * hypervisor's memory, each partition by the index the hypervisor gives it
 * (its console and shell use that number) and each channel. Tests take
 * their expectations from it instead of tables per board. Numbers are JSON
 * integers; the schema is fixed (docs/hil-farm.md).
 */
#include <stdio.h>
#include "model.h"

/* A JSON string: quotes, backslashes and control bytes escaped (RFC 8259 §7); NULL: null. */
static void put_str(FILE *f, const char *s)
{
	if (!s) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void put_range(FILE *f, struct g_range r)
{
	fprintf(f, "{\"base\": %llu, \"size\": %llu}", (unsigned long long)r.base,
		(unsigned long long)r.size);
}

static void hypervisor(FILE *f, const struct g_sys *s)
{
	fputs("\"hypervisor\": {\"ram\": ", f);
	put_range(f, s->hv_mem);
	fputs(", \"console\": ", f);
	put_str(f, s->console_dev >= 0 ? gen_basename(s->dev[s->console_dev].path) : NULL);
	fputs(", \"image_stores\": [", f);
	if (s->has_store)
		put_range(f, s->store);
	if (s->has_store_b) {
		fputs(", ", f);
		put_range(f, s->store_b);
	}
	fputs("], \"rollback_store\": ", f);
	if (s->has_rollback)
		put_range(f, s->rollback);
	else
		fputs("null", f);
	fputs("}", f);
}

static void partition(FILE *f, const struct g_sys *s, int i)
{
	const struct g_part *p = &s->part[i];

	fprintf(f, "  {\"index\": %d, \"name\": ", i);
	put_str(f, p->name);
	fprintf(f, ", \"role\": \"%s\", \"program\": ", p->root ? "root" : "child");
	put_str(f, p->program[0] ? p->program : NULL);
	fputs(", \"cpus\": [", f);
	for (int k = 0; k < p->ncpu; k++)
		fprintf(f, "%s%d", k ? ", " : "", p->cpu[k]);
	fputs("], \"ram\": ", f);
	put_range(f, p->mem);
	fputs(", \"devices\": [", f);
	for (int k = 0; k < p->ndev; k++) {
		fputs(k ? ", " : "", f);
		put_str(f, gen_basename(s->dev[p->dev[k]].path));
	}
	fputs("]}", f);
}

int gen_write_json(const struct g_sys *s, FILE *f)
{
	const struct gen_opts *o = s->opt;

	fputs("{\"board\": ", f);
	put_str(f, o->board);
	fputs(", \"arch\": ", f);
	put_str(f, o->arch);
	/* As the banner counts them: the CPUs the build supports that the board has. */
	fprintf(f, ", \"nr_cpus\": %d, \"version\": ", MIN(o->nr_cpus, s->ncpu));
	put_str(f, o->version);
	fputs(",\n \"source\": ", f);
	put_str(f, o->dts_name);
	fputs(",\n ", f);
	hypervisor(f, s);
	fputs(",\n \"partitions\": [\n", f);
	for (int i = 0; i < s->npart; i++) {
		partition(f, s, i);
		fputs(i + 1 < s->npart ? ",\n" : "\n", f);
	}
	fputs(" ],\n \"channels\": [\n", f);
	for (int i = 0; i < s->nchan; i++) {
		const struct g_chan *c = &s->chan[i];

		fputs("  {\"name\": ", f);
		put_str(f, c->name);
		fputs(", \"provider\": ", f);
		put_str(f, s->part[c->provider].name);
		fputs(", \"client\": ", f);
		put_str(f, s->part[c->consumer].name);
		fputs(", \"class\": ", f);
		put_str(f, gen_class_name[c->cls]);
		fputs(i + 1 < s->nchan ? "},\n" : "}\n", f);
	}
	fputs(" ]}\n", f);
	return ferror(f) ? -1 : 0;
}

int gen_emit_json(const struct g_sys *s, const char *file)
{
	FILE *f = fopen(file, "w");
	int rc;

	if (!f)
		return -1;
	rc = gen_write_json(s, f);
	return fclose(f) || rc ? -1 : 0;
}
