// SPDX-License-Identifier: GPL-2.0
/* PCI ECAM hosts, function scan and BAR placement for the root (pci.h). */
#include <libfdt.h>
#include <string.h>
#include <bulkhead/root_limits.h>
#include "mmio.h"
#include "part.h"
#include "pci.h"

#define MAX_HOSTS    BH_ROOT_MAX_PCI_HOSTS /* the generator refuses more */
#define CMD	     0x04
#define CMD_MEM	     BIT(1)
#define CMD_MASTER   BIT(2)
#define CMD_INTX_OFF BIT(10)
#define HDR_TYPE     0x0e
#define INT_PIN	     0x3d
#define BAR0	     0x10

static struct pci_host hosts[MAX_HOSTS];
static u32 nr_hosts;

static u64 cfg(const struct pci_fn *f, u32 off)
{
	return f->host->ecam + ((u64)(f->bus - f->host->bus_first) << 20) + ((u64)f->dev << 15) +
	       ((u64)f->fn << 12) + (off & 0xfff);
}

u8 pci_read8(const struct pci_fn *f, u32 off)
{
	return readb(cfg(f, off));
}

u16 pci_read16(const struct pci_fn *f, u32 off)
{
	return readw(cfg(f, off));
}

u32 pci_read32(const struct pci_fn *f, u32 off)
{
	return readl(cfg(f, off));
}

void pci_write16(const struct pci_fn *f, u32 off, u16 v)
{
	writew(cfg(f, off), v);
}

void pci_write32(const struct pci_fn *f, u32 off, u32 v)
{
	writel(cfg(f, off), v);
}

/* A memory BAR's bus address, size and kind; false for I/O, absent or host-bridge BARs. */
static bool bar_read(const struct pci_fn *f, u32 i, u64 *addr, u64 *size, bool *is64, bool *pref)
{
	u32 lo = pci_read32(f, BAR0 + i * 4), hi = 0, slo, shi = 0xffffffff;
	u16 cmd = pci_read16(f, CMD);
	u64 mask;

	if (lo & 1)
		return false; /* I/O space: not passed through */
	*is64 = ((lo >> 1) & 3) == 2 && i < 5;
	*pref = (lo & 8) != 0;
	/*
	 * No memory decoding while sizing (I/O decoding stays: the LPC bridge
	 * decodes the hypervisor's console UART). Host bridges are left as they
	 * are, as Linux does: some decode RAM through their command register.
	 */
	if (f->host_bridge)
		return false;
	pci_write16(f, CMD, cmd & (u16)~CMD_MEM);
	pci_write32(f, BAR0 + i * 4, 0xffffffff);
	slo = pci_read32(f, BAR0 + i * 4);
	pci_write32(f, BAR0 + i * 4, lo);
	if (*is64) {
		hi = pci_read32(f, BAR0 + i * 4 + 4);
		pci_write32(f, BAR0 + i * 4 + 4, 0xffffffff);
		shi = pci_read32(f, BAR0 + i * 4 + 4);
		pci_write32(f, BAR0 + i * 4 + 4, hi);
	}
	pci_write16(f, CMD, cmd);
	if (!(slo & ~0xfU) && (!*is64 || !shi))
		return false; /* no bits to size: not implemented */
	mask = ((u64)shi << 32 | slo) & ~0xfULL;
	*size = ~mask + 1;
	*addr = ((u64)hi << 32 | lo) & ~0xfULL;
	return *size != 0;
}

static struct pci_window *window_of(struct pci_host *h, u64 addr, u64 size)
{
	for (u32 w = 0; w < h->nwin; w++) {
		struct pci_window *pw = &h->win[w];

		if (addr && addr >= pw->bus && size <= pw->size &&
		    addr - pw->bus <= pw->size - size)
			return pw;
	}
	return NULL;
}

/* Visits every function of a host; header type 0 functions get their BARs read. */
static void walk(struct pci_host *h, void (*fn)(struct pci_fn *f))
{
	for (u32 b = h->bus_first; b <= h->bus_last; b++)
		for (u8 d = 0; d < 32; d++)
			for (u8 n = 0; n < 8; n++) {
				struct pci_fn f = {.host = h, .bus = (u8)b, .dev = d, .fn = n};
				u8 hdr;

				f.vendor = pci_read16(&f, 0);
				if (f.vendor == 0xffff) {
					if (!n)
						break;
					continue;
				}
				f.device = pci_read16(&f, 2);
				f.host_bridge =
				    pci_read16(&f, 0x0a) == 0x0600; /* class: host bridge */
				hdr = pci_read8(&f, HDR_TYPE);
				if ((hdr & 0x7f) == 0)
					fn(&f);
				if (!n && !(hdr & 0x80))
					break; /* single-function device */
			}
}

/* Firmware's BARs: new ones go above every BAR already in a window. */
static void reserve(struct pci_fn *f)
{
	for (u32 i = 0; i < 6; i++) {
		u64 a, sz;
		bool is64, pref;
		struct pci_window *w;

		if (!bar_read(f, i, &a, &sz, &is64, &pref))
			continue;
		w = window_of(f->host, a, sz);
		if (w && a + sz > w->next)
			w->next = a + sz;
		i += is64;
	}
}

static bool host_init(struct pci_host *h, int node)
{
	const void *fdt = part.fdt;
	int len, pac = fdt_address_cells(fdt, 0), csc = fdt_size_cells(fdt, node);
	const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);
	const fdt32_t *br, *r;
	u64 ecam_size;

	h->node = node;
	if (!reg || len < 16 || pac != 2 || csc < 1 || csc > 2)
		return false;
	h->ecam = part_read_cells(reg, 2);
	ecam_size = part_read_cells(reg + 2, 2);
	h->bus_first = 0;
	h->bus_last = 255;
	br = fdt_getprop(fdt, node, "bus-range", &len);
	if (br && len == 8) {
		h->bus_first = fdt32_to_cpu(br[0]);
		h->bus_last = fdt32_to_cpu(br[1]);
	}
	if (h->bus_last > 255)
		h->bus_last = 255;
	/* Only buses whose configuration space the ECAM window (1 MiB each) covers. */
	if (h->bus_last >= h->bus_first + (ecam_size >> 20))
		h->bus_last = h->bus_first + (u32)(ecam_size >> 20) - 1;
	if ((ecam_size >> 20) == 0 || h->bus_first > h->bus_last)
		return false;
	r = fdt_getprop(fdt, node, "ranges", &len);
	for (int i = 0; r && i < len / (4 * (3 + 2 + csc)) && h->nwin < PCI_MAX_WINDOWS; i++) {
		const fdt32_t *e = r + i * (3 + 2 + csc);
		u32 space = fdt32_to_cpu(e[0]);
		struct pci_window *w = &h->win[h->nwin];

		if (((space >> 24) & 3) < 2)
			continue;
		w->bus = part_read_cells(e + 1, 2);
		w->cpu = part_read_cells(e + 3, 2);
		w->size = part_read_cells(e + 5, csc);
		w->next = w->bus;
		w->pref = (space & BIT(30)) != 0;
		w->is64 = ((space >> 24) & 3) == 3;
		h->nwin++;
	}
	walk(h, reserve);
	return true;
}

int pci_scan(void (*found)(struct pci_fn *f))
{
	int node;

	if (!nr_hosts)
		for (node = fdt_node_offset_by_compatible(part.fdt, -1, "pci-host-ecam-generic");
		     node >= 0 && nr_hosts < MAX_HOSTS;
		     node = fdt_node_offset_by_compatible(part.fdt, node, "pci-host-ecam-generic"))
			if (host_init(&hosts[nr_hosts], node))
				nr_hosts++;
	for (u32 i = 0; i < nr_hosts; i++)
		walk(&hosts[i], found);
	return (int)nr_hosts;
}

/* A window for a BAR firmware left out of every window: 32-bit BARs below 4 GiB. */
static struct pci_window *place(struct pci_host *h, u64 size, bool is64, bool pref, u64 *addr)
{
	for (int pass = 0; pass < 2; pass++)
		for (u32 w = 0; w < h->nwin; w++) {
			struct pci_window *pw = &h->win[w];
			u64 a = ALIGN_UP(pw->next, size);

			if (!pass && pw->pref != pref)
				continue; /* matching kind first */
			if (a < pw->next || a - pw->bus > pw->size ||
			    pw->size - (a - pw->bus) < size)
				continue;
			if (!is64 && a + size > 0x100000000ULL)
				continue;
			*addr = a;
			pw->next = a + size;
			return pw;
		}
	return NULL;
}

int pci_enable(struct pci_fn *f)
{
	u16 cmd = pci_read16(f, CMD);

	memset(f->bar_size, 0, sizeof(f->bar_size));
	for (u32 i = 0; i < 6; i++) {
		u64 a, sz;
		bool is64, pref;
		struct pci_window *w;

		if (!bar_read(f, i, &a, &sz, &is64, &pref))
			continue;
		w = window_of(f->host, a, sz);
		if (!w) {
			w = place(f->host, sz, is64, pref, &a);
			if (!w) {
				printf("pci %02x:%02x.%x: BAR%u (0x%llx bytes) fits in none of the "
				       "host's windows\n",
				       f->bus, f->dev, f->fn, i, (unsigned long long)sz);
				return -1;
			}
			pci_write16(f, CMD, cmd & (u16)~CMD_MEM);
			pci_write32(f, BAR0 + i * 4, (u32)a | (is64 ? 4 : 0) | (pref ? 8 : 0));
			if (is64)
				pci_write32(f, BAR0 + i * 4 + 4, (u32)(a >> 32));
		}
		f->bar_cpu[i] = w->cpu + (a - w->bus);
		f->bar_size[i] = sz;
		i += is64;
	}
	pci_write16(f, CMD, (u16)(cmd | CMD_MEM | CMD_MASTER | CMD_INTX_OFF));
	return 0;
}

/*
 * The DT PCI binding's interrupt-map: (unit address, pin) masked by
 * interrupt-map-mask, matched entry by entry; the first match wins.
 */
u32 pci_irq(const struct pci_fn *f, u32 *line)
{
	const void *fdt = part.fdt;
	int node = f->host->node, len, mlen, i = 0;
	const fdt32_t *map = fdt_getprop(fdt, node, "interrupt-map", &len);
	const fdt32_t *mask = fdt_getprop(fdt, node, "interrupt-map-mask", &mlen);
	u32 pin = pci_read8(f, INT_PIN), key[4];

	*line = 0;
	if (!pin || pin > 4 || !map || !mask || mlen != 16 ||
	    part_prop_u32(node, "#address-cells", 3) != 3 ||
	    part_prop_u32(node, "#interrupt-cells", 1) != 1)
		return 0;
	key[0] = ((u32)f->bus << 16 | (u32)f->dev << 11 | (u32)f->fn << 8) & fdt32_to_cpu(mask[0]);
	key[1] = 0;
	key[2] = 0;
	key[3] = pin & fdt32_to_cpu(mask[3]);
	len /= 4;
	while (len - i >= 5) {
		const fdt32_t *e = map + i;
		int ctrl = fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(e[4]));
		int pac = ctrl < 0 ? -1 : (int)part_prop_u32(ctrl, "#address-cells", 0);
		int pic = ctrl < 0 ? -1 : (int)part_prop_u32(ctrl, "#interrupt-cells", 0);
		bool hit = true;

		if (pac < 0 || pac > 3 || pic < 1 || pic > 4 || len - i < 5 + pac + pic)
			return 0;
		for (int k = 0; k < 4; k++)
			if ((fdt32_to_cpu(e[k]) & fdt32_to_cpu(mask[k])) != key[k])
				hit = false;
		if (hit) {
			*line = fdt32_to_cpu(e[5 + pac]);
			return part_irq_spec(ctrl, e + 5 + pac, pic);
		}
		i += 5 + pac + pic;
	}
	return 0;
}

void pci_intx_on(const struct pci_fn *f)
{
	pci_write16(f, CMD, pci_read16(f, CMD) & (u16)~CMD_INTX_OFF);
}
