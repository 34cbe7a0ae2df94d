/*
 * Console multiplexer: every partition's output appears line by line as
 * "[<name>] <line>", the hypervisor's as "[bulkhead] <line>". Input goes to
 * one partition at a time; the escape character switches. That partition's
 * bytes reach the terminal raw, everyone else's control bytes escaped.
 */
#ifndef CORE_CONSOLE_H
#define CORE_CONSOLE_H
#include <bulkhead/types.h>

#define CONSOLE_LINE_MAX 256
#define CONSOLE_HV	 (-1)

struct console_ops {
	void (*putc)(char c);		 /* the board UART */
	void (*input)(int part, char c); /* deliver input to a partition */
	const char *(*name)(int part);	 /* NULL: no such partition */
};

void console_setup(const struct console_ops *ops, int nr_parts, int focus);
void console_part_putc(int part, char c);
void console_part_reset(int part);
void console_part_flush(int part); /* show a partial line: it waits for input */
void console_part_reads(int part); /* it read its UART or armed its receive interrupt */
void console_input_char(char c);
int console_focus(void);
void log_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * CONFIG_LOG_LEVEL: 0 errors (log_printf, always), 1 warnings, 2 the boot
 * report, 3 debug. Filtered at build time: a quiet build carries no strings
 * it never prints.
 */
#ifndef CONFIG_LOG_LEVEL
#define CONFIG_LOG_LEVEL 2
#endif
#define log_at(level, ...)                                                                         \
	do {                                                                                       \
		if (CONFIG_LOG_LEVEL >= (level))                                                   \
			log_printf(__VA_ARGS__);                                                   \
	} while (0)
#define log_warn(...)  log_at(1, __VA_ARGS__)
#define log_info(...)  log_at(2, __VA_ARGS__)
#define log_debug(...) log_at(3, __VA_ARGS__)

#endif
