// SPDX-License-Identifier: GPL-2.0
/* Minimal printf engine: one implementation for hypervisor and partitions. */
#include <bulkhead/fmt.h>
#include <bulkhead/types.h>
#include <string.h>

static void out_num(fmt_out_fn out, void *ctx, unsigned long long v, unsigned base, bool upper,
		    int width, char pad, bool neg)
{
	char buf[24];
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int n = 0;

	do {
		buf[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (neg)
		width--;
	if (neg && pad == '0')
		out(ctx, '-');
	for (; width > n; width--)
		out(ctx, pad);
	if (neg && pad != '0')
		out(ctx, '-');
	while (n)
		out(ctx, buf[--n]);
}

void fmt_format(fmt_out_fn out, void *ctx, const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		int width = 0, lng = 0;
		char pad = ' ';
		bool left = false;

		if (*fmt != '%') {
			out(ctx, *fmt);
			continue;
		}
		fmt++;
		if (*fmt == '-') {
			left = true;
			fmt++;
		}
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l' || *fmt == 'z') {
			lng++;
			fmt++;
		}
		switch (*fmt) {
		case 's': {
			const char *s = va_arg(ap, const char *);
			int len;

			if (!s)
				s = "(null)";
			len = (int)strnlen(s, 4096);
			if (!left)
				for (; width > len; width--)
					out(ctx, ' ');
			while (*s)
				out(ctx, *s++);
			for (; width > len; width--)
				out(ctx, ' ');
			break;
		}
		case 'c':
			out(ctx, (char)va_arg(ap, int));
			break;
		case 'd':
		case 'i': {
			long long v = lng ? va_arg(ap, long long) : va_arg(ap, int);

			out_num(out, ctx, v < 0 ? -(unsigned long long)v : (unsigned long long)v,
				10, false, width, pad, v < 0);
			break;
		}
		case 'u':
		case 'x':
		case 'X': {
			unsigned long long v =
			    lng ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned int);

			out_num(out, ctx, v, *fmt == 'u' ? 10 : 16, *fmt == 'X', width, pad, false);
			break;
		}
		case 'p':
			out(ctx, '0');
			out(ctx, 'x');
			out_num(out, ctx, (uintptr_t)va_arg(ap, void *), 16, false, 0, ' ', false);
			break;
		case '%':
			out(ctx, '%');
			break;
		case '\0':
			return;
		default:
			out(ctx, '%');
			out(ctx, *fmt);
		}
	}
}

struct sbuf {
	char *buf;
	size_t size, len;
};

static void sbuf_out(void *ctx, char c)
{
	struct sbuf *b = ctx;

	if (b->len + 1 < b->size)
		b->buf[b->len] = c;
	b->len++;
}

int bh_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sbuf b = {buf, size, 0};

	fmt_format(sbuf_out, &b, fmt, ap);
	if (size)
		buf[b.len < size ? b.len : size - 1] = '\0';
	return (int)b.len;
}

int bh_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = bh_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
