// SPDX-License-Identifier: GPL-2.0
/*
 * x86: the partition's emulated IB700 (arch/x86/vib700.c), fed the way
 * Linux's ib700wdt pings it with timeout = the node's timeout-sec: the
 * value 15 - (timeout + 1) / 2 written to the start port, which selects
 * 30 - 2 * value seconds (timeout-sec 1: 0xe, 2 s). Its description:
 * its ports (stop, start) and what it feeds.
 */
#include <libfdt.h>
#include <asm/io.h>
#include <bulkhead/fmt.h>
#include "part.h"
#include "../../wdfeed.h"

static u16 start_port;
static u8 value;

bool wdog_probe(char *desc, u32 size)
{
	int node = fdt_node_offset_by_compatible(part.fdt, -1, "bulkhead,ib700");
	int len = 0;
	const fdt32_t *reg = node >= 0 ? fdt_getprop(part.fdt, node, "reg", &len) : NULL;
	u32 timeout;

	if (!reg || len != 6 * 4) { /* <1 stop 1>, <1 start 1> on the ISA bus */
		bh_snprintf(desc, size, "no bulkhead,ib700 node in my device tree");
		return false;
	}
	start_port = (u16)fdt32_to_cpu(reg[4]);
	timeout = part_prop_u32(node, "timeout-sec", 30);
	value = (u8)(15 - (MIN(timeout, 30U) + 1) / 2);
	bh_snprintf(desc, size, "ib700 at ports 0x%x and 0x%x, timeout-sec %u, feeding 0x%x (%u s)",
		    fdt32_to_cpu(reg[1]), start_port, timeout, value, 30U - 2U * value);
	return true;
}

void wdog_feed(void)
{
	outb(start_port, value);
}
