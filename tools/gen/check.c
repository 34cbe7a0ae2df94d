// SPDX-License-Identifier: GPL-2.0
/*
 * The order of the passes over a system description: parse builds the
 * model, validate.c and the passes after it check and place what the model
 * holds. No pass calls another; only these do, so that each reads the
 * model as the ones before it left it. (Beside main.c, not in it: the unit
 * tests and the fuzzer run the same passes without bulkhead-gen's main.)
 */
#include "model.h"

int gen_check(struct g_sys *s, const void *fdt, size_t size, const struct gen_opts *opt)
{
	gen_parse(s, fdt, size, opt);
	if (s->bulkhead_node < 0)
		return s->errors;
	gen_validate(s);
	gen_layout(s);
	gen_vmbus_layout(s);
	gen_check_isolation(s);
	if (!s->errors)
		gen_stage2_size(s);
	return s->errors;
}

/*
 * make diagram: every check but the image layout, which needs the programs
 * built and external images fetched; the picture needs neither.
 */
int gen_check_diagram(struct g_sys *s, const void *fdt, size_t size, const struct gen_opts *o)
{
	gen_parse(s, fdt, size, o);
	if (s->bulkhead_node < 0)
		return s->errors;
	gen_validate(s);
	gen_vmbus_layout(s);
	return s->errors;
}
