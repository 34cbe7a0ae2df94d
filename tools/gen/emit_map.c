// SPDX-License-Identifier: GPL-2.0
/*
 * Writes generated/system.map: a few lines that say where everything went
 * (the hypervisor's RAM and stores, each partition's CPUs, RAM and devices,
 * each channel's ends, class and region). make prints it once after a
 * generation, so an integrator sees the system the build made without
 * reading tables or DTBs.
 */
#include <stdio.h>
#include "model.h"

const char *gen_size_str(u64 size, char *buf, size_t n)
{
	if (size && !(size & ((1ULL << 30) - 1)))
		snprintf(buf, n, "%llu GiB", (unsigned long long)(size >> 30));
	else if (size && !(size & ((1ULL << 20) - 1)))
		snprintf(buf, n, "%llu MiB", (unsigned long long)(size >> 20));
	else if (size && !(size & ((1ULL << 10) - 1)))
		snprintf(buf, n, "%llu KiB", (unsigned long long)(size >> 10));
	else
		snprintf(buf, n, "0x%llx", (unsigned long long)size);
	return buf;
}

const char *gen_range_str(struct g_range r, char *buf, size_t n)
{
	char sz[24];

	snprintf(buf, n, "0x%llx+%s", (unsigned long long)r.base,
		 gen_size_str(r.size, sz, sizeof(sz)));
	return buf;
}

const char *gen_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash && slash[1] ? slash + 1 : path;
}

static void hypervisor_lines(FILE *f, const struct g_sys *s)
{
	char a[48], b[48];

	fprintf(f, "    %-11s RAM %s", "hypervisor", gen_range_str(s->hv_mem, a, sizeof(a)));
	if (s->console_dev >= 0)
		fprintf(f, ", console %s", gen_basename(s->dev[s->console_dev].path));
	fputc('\n', f);
	if (s->has_store_b)
		fprintf(f, "    %-11s image stores %s (A), %s (B)\n", "",
			gen_range_str(s->store, a, sizeof(a)),
			gen_range_str(s->store_b, b, sizeof(b)));
	else if (s->has_store)
		fprintf(f, "    %-11s image store %s\n", "", gen_range_str(s->store, a, sizeof(a)));
	if (s->has_rollback || s->has_trampoline)
		fprintf(f, "    %-11s", "");
	if (s->has_rollback)
		fprintf(f, " rollback store %s%s", gen_range_str(s->rollback, a, sizeof(a)),
			s->has_trampoline ? "," : "");
	if (s->has_trampoline)
		fprintf(f, " AP start-up page %s", gen_range_str(s->trampoline, a, sizeof(a)));
	if (s->has_rollback || s->has_trampoline)
		fputc('\n', f);
}

static void partition_line(FILE *f, const struct g_sys *s, const struct g_part *p, int name_w)
{
	char name[G_NAME + 8], cpus[128] = "", ram[64];
	size_t len = 0;

	snprintf(name, sizeof(name), "%s%s", p->name,
		 p->root && strcmp(p->name, "root") ? " (root)" : "");
	for (int i = 0; i < p->ncpu && len < sizeof(cpus); i++)
		len += (size_t)snprintf(cpus + len, sizeof(cpus) - len, "%s%s", i ? " " : "",
					gen_basename(s->cpu[p->cpu[i]].path));
	gen_range_str(p->mem, ram, sizeof(ram));
	fprintf(f, "    %-*s %-12s RAM %s", name_w, name, cpus, ram);
	if (p->ipa_base != p->mem.base)
		fprintf(f, " at 0x%llx", (unsigned long long)p->ipa_base);
	for (int i = 0; i < p->ndev; i++)
		fprintf(f, "%s%s", i ? ", " : "   devices ", gen_basename(s->dev[p->dev[i]].path));
	if (p->watchdog_ms)
		fprintf(f, "   watchdog %u ms", p->watchdog_ms);
	fputc('\n', f);
}

int gen_write_map(const struct g_sys *s, FILE *f)
{
	int name_w = 11, chan_w = 0, ends_w = 0;
	char r[48];

	for (int i = 0; i < s->npart; i++) {
		int w = (int)strlen(s->part[i].name) + (s->part[i].root ? 7 : 0);

		name_w = w > name_w ? w : name_w;
	}
	for (int i = 0; i < s->nchan; i++) {
		const struct g_chan *c = &s->chan[i];
		size_t ends = strlen(s->part[c->provider].name) + strlen(s->part[c->consumer].name);
		int w = (int)strlen(c->name), e = (int)ends + 4; /* "a -> b" */

		chan_w = w > chan_w ? w : chan_w;
		ends_w = e > ends_w ? e : ends_w;
	}
	fprintf(f, "  MAP      %s: %d partition%s, %d channel%s\n", s->opt->dts_name, s->npart,
		s->npart == 1 ? "" : "s", s->nchan, s->nchan == 1 ? "" : "s");
	hypervisor_lines(f, s);
	for (int i = 0; i < s->npart; i++)
		partition_line(f, s, &s->part[i], name_w);
	for (int i = 0; i < s->nchan; i++) {
		const struct g_chan *c = &s->chan[i];
		char ends[2 * G_NAME + 8];

		snprintf(ends, sizeof(ends), "%s -> %s", s->part[c->provider].name,
			 s->part[c->consumer].name);
		fprintf(f, "    %-*s %-*s  %-*s  %-7s  %s\n", 11, i ? "" : "channels", chan_w,
			c->name, ends_w, ends, gen_class_name[c->cls],
			gen_range_str(c->region, r, sizeof(r)));
	}
	return ferror(f) ? -1 : 0;
}

int gen_emit_map(const struct g_sys *s, const char *out_dir)
{
	char path[600];
	FILE *f;
	int rc;

	snprintf(path, sizeof(path), "%s/system.map", out_dir);
	f = fopen(path, "w");
	if (!f)
		return -1;
	rc = gen_write_map(s, f);
	return fclose(f) || rc ? -1 : 0;
}
