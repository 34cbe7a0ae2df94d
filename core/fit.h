/* Finding partition images in the FIT that u-boot left in the image store. */
#ifndef CORE_FIT_H
#define CORE_FIT_H
#include <bulkhead/types.h>

int fit_init(u64 base, u64 size);
/* Finds /images/<name>: 0 with data and len set, or a negative libfdt error. */
int fit_image(const char *name, const void **data, u32 *len);
const char *fit_strerror(int err);

#endif
