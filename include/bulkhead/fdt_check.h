/*
 * One structural check for every untrusted blob (the generator's system
 * DTB, the hypervisor's FIT). Version 17 is required before libfdt's own
 * fdt_check_full runs: for versions below 16, libfdt 1.6.1's fdt_check_full
 * dereferences the NULL that fdt_get_name returns for a root node name
 * without '/', so an old-version header alone would crash the checker.
 */
#ifndef BULKHEAD_FDT_CHECK_H
#define BULKHEAD_FDT_CHECK_H
#include <libfdt.h>

static inline int bh_fdt_check(const void *fdt, size_t bufsize)
{
	int err;

	if (bufsize < FDT_V17_SIZE)
		return -FDT_ERR_TRUNCATED;
	err = fdt_check_header(fdt);
	if (err)
		return err;
	if (fdt_version(fdt) < 17)
		return -FDT_ERR_BADVERSION;
	if (fdt_totalsize(fdt) > bufsize)
		return -FDT_ERR_TRUNCATED;
	return fdt_check_full(fdt, fdt_totalsize(fdt));
}

#endif
