/* Freestanding stdlib.h: only what libfdt's headers name. No allocation. */
#ifndef _BULKHEAD_STDLIB_H
#define _BULKHEAD_STDLIB_H
#include <stddef.h>
unsigned long strtoul(const char *s, char **end, int base);
#endif
