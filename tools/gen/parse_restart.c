// SPDX-License-Identifier: GPL-2.0
/*
 * A partition's restart back-off (docs/system-dt.md): restart-limit,
 * restart-delay-ms, restart-delay-max-ms and restart-stable-ms. They only
 * mean something for restart = "restart"; on another policy they are a
 * conflict, not silently ignored.
 */
#include <libfdt.h>
#include "model.h"

/* One 32-bit cell: true and *v when present (errors reported here). */
static bool cell(struct g_sys *s, int node, const char *path, const char *prop, u32 *v)
{
	int len;
	const fdt32_t *c = fdt_getprop(s->fdt, node, prop, &len);

	if (!c)
		return false;
	if (len != 4) {
		gen_error(s, path, "%s must be one 32-bit cell", prop);
		return false;
	}
	*v = fdt32_to_cpu(*c);
	return true;
}

static bool ms(struct g_sys *s, int node, const char *path, const char *prop, u32 min, u32 *v)
{
	if (!cell(s, node, path, prop, v))
		return false;
	if (*v < min || *v > BH_RESTART_MS_MAX) {
		gen_error(s, path, "%s %u is outside %u to %u (one hour)", prop, *v, min,
			  BH_RESTART_MS_MAX);
		return false;
	}
	return true;
}

void gen_parse_restart(struct g_sys *s, int node, const char *path, struct g_part *p)
{
	static const char *const props[] = {"restart-limit", "restart-delay-ms",
					    "restart-delay-max-ms", "restart-stable-ms"};
	static const char *const policy[] = {"halt", "restart", "system-reset"};
	bool has_delay, has_max;

	p->restart_limit = 0;
	p->restart_delay_ms = BH_RESTART_DELAY_MS_DEFAULT;
	p->restart_delay_max_ms = BH_RESTART_DELAY_MAX_MS_DEFAULT;
	p->restart_stable_ms = BH_RESTART_STABLE_MS_DEFAULT;
	if (p->restart != BH_RESTART_RESTART) {
		for (unsigned i = 0; i < sizeof(props) / sizeof(props[0]); i++)
			if (fdt_getprop(s->fdt, node, props[i], NULL))
				gen_error(s, path,
					  "%s applies only to restart = \"restart\" (this "
					  "partition's restart is \"%s\")",
					  props[i], policy[p->restart]);
		return;
	}
	if (cell(s, node, path, "restart-limit", &p->restart_limit) && !p->restart_limit)
		gen_error(s, path,
			  "restart-limit 0: a partition that must not restart takes "
			  "restart = \"halt\"");
	has_delay = ms(s, node, path, "restart-delay-ms", 0, &p->restart_delay_ms);
	has_max = ms(s, node, path, "restart-delay-max-ms", 0, &p->restart_delay_max_ms);
	ms(s, node, path, "restart-stable-ms", 1, &p->restart_stable_ms);
	if (has_max && p->restart_delay_max_ms < p->restart_delay_ms)
		gen_error(s, path, "restart-delay-max-ms %u is less than restart-delay-ms %u",
			  p->restart_delay_max_ms, p->restart_delay_ms);
	else if (has_delay && !has_max && p->restart_delay_ms > p->restart_delay_max_ms)
		p->restart_delay_max_ms = p->restart_delay_ms; /* a long first wait is the cap */
}
