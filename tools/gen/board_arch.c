// SPDX-License-Identifier: GPL-2.0
/*
 * Which architecture a system description's board is, from what only one
 * architecture has: a GIC or an IOAPIC, Arm or x86 CPUs. A description of
 * the other architecture than the build's then fails in one line instead
 * of a list of follow-on errors about CPUs, consoles and controllers.
 */
#include <string.h>
#include <libfdt.h>
#include "model.h"

/* "arm64", "x86" or NULL (nothing tells); *why names the node that told. */
static const char *board_arch(const void *fdt, char *why, int len)
{
	static const struct {
		const char *compat, *arch;
		bool prefix;
	} signs[] = {
	    {"arm,gic", "arm64", true}, /* arm,gic-v3, arm,gic-400 */
	    {"arm,cortex-a15-gic", "arm64", false},
	    {"intel,ce4100-ioapic", "x86", false},
	    {"arm,", "arm64", true}, /* CPUs: arm,cortex-a53, arm,arm-v8 */
	    {"amd,", "x86", true},
	    {"intel,", "x86", true},
	};

	for (unsigned i = 0; i < sizeof(signs) / sizeof(signs[0]); i++) {
		for (int node = fdt_next_node(fdt, -1, NULL); node >= 0;
		     node = fdt_next_node(fdt, node, NULL)) {
			const char *c;
			int n;

			c = fdt_getprop(fdt, node, "compatible", &n);
			if (!c || n <= 0)
				continue;
			/* Prefix signs (CPUs) only count for CPU nodes. */
			if (signs[i].prefix && strncmp(signs[i].compat, "arm,gic", 7)) {
				const char *t = fdt_getprop(fdt, node, "device_type", NULL);

				if (!t || strcmp(t, "cpu"))
					continue;
			}
			for (int at = 0; at < n; at += (int)strnlen(c + at, (size_t)(n - at)) + 1) {
				bool hit = signs[i].prefix ? !strncmp(c + at, signs[i].compat,
								      strlen(signs[i].compat))
							   : !strcmp(c + at, signs[i].compat);

				if (hit) {
					if (fdt_get_path(fdt, node, why, len))
						snprintf(why, (size_t)len, "?");
					return signs[i].arch;
				}
			}
		}
	}
	return NULL;
}

bool gen_check_board_arch(struct g_sys *s)
{
	const char *want = s->opt && s->opt->arch ? s->opt->arch : "arm64";
	char why[G_PATH];
	const char *arch = board_arch(s->fdt, why, sizeof(why));

	if (!arch || !strcmp(arch, want))
		return true;
	gen_error(s, "/",
		  "describes an %s board (see %s), but the build is configured for %s:"
		  " configure a board of that architecture (make <board>_defconfig), or use a"
		  " system description for %s",
		  arch, why, want, want);
	return false;
}
