/* Compiles a DTS snippet (with the board dtsi on the include path) for a test. */
#ifndef DTC_HELPER_H
#define DTC_HELPER_H
#include <stddef.h>
void *compile_dts(const char *dts, size_t *size);

struct g_sys;
struct gen_opts;
typedef int (*gen_check_fn)(struct g_sys *, const void *, size_t, const struct gen_opts *);
/*
 * Compiles a whole DTS and runs check (gen_check, gen_check_diagram) on it,
 * the diagnostics into diag; returns the number of errors, -1 when dtc fails.
 */
int gen_run_dts(gen_check_fn check, struct g_sys *sys, const char *dts, struct gen_opts *o,
		char *diag, size_t len);
/*
 * Runs the generator's checks on the QEMU board of o->arch + a /bulkhead body, the
 * diagnostics into diag; returns the number of errors.
 */
int gen_check_body(struct g_sys *sys, const char *body, struct gen_opts *o, char *diag, size_t len);
/* The same with the source map of the Makefile (file:line in messages). */
int gen_check_body_srcmap(struct g_sys *sys, const char *body, struct gen_opts *o, char *diag,
			  size_t len);
/* A bzImage with the setup header fields bulkhead-gen reads: 4 setup sectors, then the kernel. */
void write_bzimage(const char *path, unsigned version, unsigned char xloadflags);
#endif
