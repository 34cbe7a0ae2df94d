/*
 * PCI for the root: ECAM host bridges from its DTB (the system DT's PCI
 * host, its memory windows mapped by the hypervisor), functions found by
 * a scan of each host's buses, and BARs kept where firmware put them when
 * they lie in a window, else placed in one.
 */
#ifndef ROOT_PCI_H
#define ROOT_PCI_H
#include <bulkhead/types.h>

#define PCI_MAX_WINDOWS 4

struct pci_window {
	u64 bus, cpu, size; /* bus address, CPU address, length */
	u64 next;	    /* bus address the next BAR placed here may take */
	bool pref, is64;
};

struct pci_host {
	int node; /* in the partition DTB */
	u64 ecam;
	u32 bus_first, bus_last;
	struct pci_window win[PCI_MAX_WINDOWS];
	u32 nwin;
};

struct pci_fn {
	struct pci_host *host;
	u8 bus, dev, fn;
	u16 vendor, device;
	bool host_bridge;	     /* class 06/00: its BARs are not sized or moved */
	u64 bar_cpu[6], bar_size[6]; /* memory BARs as the CPU reaches them; size 0: none */
};

u8 pci_read8(const struct pci_fn *f, u32 off);
u16 pci_read16(const struct pci_fn *f, u32 off);
u32 pci_read32(const struct pci_fn *f, u32 off);
void pci_write16(const struct pci_fn *f, u32 off, u16 v);
void pci_write32(const struct pci_fn *f, u32 off, u32 v);

/*
 * Calls found() for every function of every ECAM host in the DTB (bridges
 * are not configured: functions behind them stay unseen). Returns the
 * number of hosts.
 */
int pci_scan(void (*found)(struct pci_fn *f));
/*
 * Places the function's memory BARs (each one inside a window) and enables
 * memory decoding and bus mastering, with INTx off until pci_intx_on.
 * 0, or -1 with the reason printed.
 */
int pci_enable(struct pci_fn *f);
/*
 * The function's INTx as this CPU takes it, through its host's
 * interrupt-map (routed by part_irq_spec); 0 if it has none or the map
 * names none. *line: the controller's line (x86: the IOAPIC pin).
 */
u32 pci_irq(const struct pci_fn *f, u32 *line);
void pci_intx_on(const struct pci_fn *f);

#endif
