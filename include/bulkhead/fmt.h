/*
 * printf-style formatting shared by the hypervisor and the partition runtime
 * (lib/fmt.c). Supports %s %c %d %i %u %x %X %p %% with l/ll/z, width and 0.
 */
#ifndef BULKHEAD_FMT_H
#define BULKHEAD_FMT_H
#include <stdarg.h>
#include <stddef.h>

typedef void (*fmt_out_fn)(void *ctx, char c);
void fmt_format(fmt_out_fn out, void *ctx, const char *fmt, va_list ap);
int bh_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int bh_snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
