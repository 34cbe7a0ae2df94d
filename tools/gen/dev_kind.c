// SPDX-License-Identifier: GPL-2.0
/*
 * What a board device is, as the parsers and the checks both ask it: the
 * console's UART driver, the board's interrupt controller, another
 * interrupt controller or MSI translator, a DMA master. Answers from the
 * DTB alone (and the GIC/IOAPIC parse_board.c found), so that checks
 * need no parser.
 */
#include <libfdt.h>
#include <stdio.h>
#include <string.h>
#include "model.h"

/* arm64: the console UART's driver (BH_UART_*) from its compatible; false: none. */
bool gen_uart_type(const void *fdt, int node, u32 *type)
{
	static const struct {
		const char *compat;
		u32 type;
	} uarts[] = {{"arm,pl011", BH_UART_PL011},
		     {"cdns,uart-r1p12", BH_UART_CDNS},
		     {"cdns,uart-r1p8", BH_UART_CDNS},
		     {"xlnx,xuartps", BH_UART_CDNS}};

	for (unsigned i = 0; i < sizeof(uarts) / sizeof(uarts[0]); i++)
		if (fdt_node_check_compatible(fdt, node, uarts[i].compat) == 0) {
			*type = uarts[i].type;
			return true;
		}
	return false;
}

/* The board's interrupt controller (arm64 GIC, x86 IOAPIC): the hypervisor's, never a partition's.
 */
bool gen_is_irq_controller(const struct g_sys *s, int node)
{
	return node >= 0 && (node == s->gic_node ||
			     (gen_x86(s) && gen_is_compatible(s->fdt, node, "intel,ioapic")));
}

/*
 * An interrupt controller or MSI translator other than the board's GIC /
 * IOAPIC (a GICv3 ITS, a GICv2m frame, a second GIC): what says so, else
 * NULL. An ITS keeps its tables in memory and writes them where it is told.
 */
const char *gen_irq_translator(const struct g_sys *s, int node)
{
	static const char *const compat[] = {"arm,gic-v3-its",
					     "arm,gic-v2m-frame",
					     "arm,gic-v3",
					     "arm,gic-400",
					     "arm,cortex-a15-gic",
					     "arm,cortex-a9-gic",
					     "arm,gic-",
					     "ioapic",
					     NULL};
	static char why[G_PATH];
	const char *c = gen_compatible_with(s->fdt, node, compat);

	if (c) {
		snprintf(why, sizeof(why), "\"%s\"", c);
		return why;
	}
	if (fdt_getprop(s->fdt, node, "msi-controller", NULL))
		return "msi-controller";
	if (fdt_getprop(s->fdt, node, "interrupt-controller", NULL))
		return "interrupt-controller";
	return NULL;
}

/*
 * Why a device can write memory by itself (bus-master DMA), else NULL:
 * docs/system-dt.md lists the rules. Without an IOMMU nothing bounds what
 * it writes.
 */
const char *gen_dma_capable(const struct g_sys *s, int node)
{
	static const char *const compat[] = {"virtio", "sdhci", "xhci", "ehci",	    "ohci",
					     "ahci",   "dwc2",	"dwc3", "ethernet", "nvme",
					     "pl330",  "dma",	NULL};
	static const char *const props[] = {"dma-coherent", "iommus",	  "iommu-map",
					    "#dma-cells",   "dma-ranges", NULL};
	static const char *const names[] = {"ethernet",	      "usb", "mmc", "sdhci", "sata",
					    "nvme",	      "ufs", "pci", "pcie",  "gpu",
					    "dma-controller", "dma", NULL};
	static char why[G_PATH];
	const char *dt = fdt_getprop(s->fdt, node, "device_type", NULL);
	const char *name = fdt_get_name(s->fdt, node, NULL), *c;

	if (dt && !strcmp(dt, "pci"))
		return "device_type \"pci\": the functions behind a PCI host are bus masters";
	if ((c = gen_compatible_with(s->fdt, node, compat))) {
		snprintf(why, sizeof(why), "compatible \"%s\"", c);
		return why;
	}
	for (const char *const *k = props; *k; k++)
		if (fdt_getprop(s->fdt, node, *k, NULL)) {
			snprintf(why, sizeof(why), "%s", *k);
			return why;
		}
	for (const char *const *k = names; name && *k; k++)
		if (!strncmp(name, *k, strlen(*k)) &&
		    (name[strlen(*k)] == '@' || name[strlen(*k)] == '\0')) {
			snprintf(why, sizeof(why), "node name \"%s\"", *k);
			return why;
		}
	return NULL;
}
