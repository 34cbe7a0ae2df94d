// SPDX-License-Identifier: GPL-2.0
/*
 * How the root finds its SD hosts and GEMs (partitions/root/devices.c) in
 * its DTB: by compatible, skipping disabled nodes, with the parent's
 * #address-cells, the GEM's local-mac-address and interrupt, the first
 * disk and NIC serving the channels. The drivers are stubs here (their own
 * tests drive the registers: test_sdhci.c, test_gem.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "root_stubs.h"
#include <libfdt.h>
#include <bulkhead/fmt.h>
#include "gem.h"
#include "part.h"
#include "pci.h"
#include "root.h"
#include "sdhci.h"
#include "virtio_blk.h"
#include "virtio_net.h"
#include "../../partitions/root/devices.c"

struct part_info part;
static u64 sd_bases[8], gem_bases[8];
static u8 gem_macs[8][6];
static bool gem_mac_given[8];
static u32 nr_sd_inits, nr_gem_inits, irq_registered, irq_enabled;

u64 part_read_cells(const void *cells, int n)
{
	const fdt32_t *p = cells;
	u64 v = 0;

	for (int i = 0; i < n; i++)
		v = (v << 32) | fdt32_to_cpu(p[i]);
	return v;
}

/* Interrupts: the SPI number + 32, as the arm64 runtime gives a GIC specifier. */
u32 part_irq_of(int node)
{
	int len;
	const fdt32_t *v = fdt_getprop(part.fdt, node, "interrupts", &len);

	return v && len >= 8 ? fdt32_to_cpu(v[1]) + 32 : 0;
}

void irq_register(u32 intid, irq_handler_t fn)
{
	(void)fn;
	irq_registered = intid;
}

void irq_enable(u32 intid)
{
	irq_enabled = intid;
}

/* No virtio devices in these DTBs: the transports are never reached. */
int vio_mmio_probe(struct vio *d, u64 base)
{
	(void)d, (void)base;
	return -1;
}
int vblk_init(struct vblk *b)
{
	(void)b;
	return -1;
}
int vblk_read(struct vblk *b, u64 s, void *buf, u32 n)
{
	(void)b, (void)s, (void)buf, (void)n;
	return -1;
}
int vnet_init(struct vnet *n)
{
	(void)n;
	return -1;
}
void vio_irq_attach(struct vio *d, u32 intid)
{
	(void)d, (void)intid;
}
void vio_irq_report(void)
{
}
bool vio_pci_match(const struct pci_fn *f)
{
	(void)f;
	return false;
}
int vio_pci_probe(struct vio *d, const struct pci_fn *f)
{
	(void)d, (void)f;
	return -1;
}
int pci_scan(void (*found)(struct pci_fn *f))
{
	(void)found;
	return 0;
}
int pci_enable(struct pci_fn *f)
{
	(void)f;
	return -1;
}
u32 pci_irq(const struct pci_fn *f, u32 *line)
{
	(void)f, (void)line;
	return 0;
}
void pci_intx_on(const struct pci_fn *f)
{
	(void)f;
}

static int stub_disk_read(struct root_disk *d, u64 sector, void *buf, u32 count);
static int stub_disk_write(struct root_disk *d, u64 sector, const void *buf, u32 count);
static int stub_disk_flush(struct root_disk *d);
static const struct root_disk_ops no_disk_ops = {stub_disk_read, stub_disk_write, stub_disk_flush};
static const struct root_nic_ops no_nic_ops;

int sdhci_init(struct sdhci *s, u64 base)
{
	memset(s, 0, sizeof(*s));
	s->disk.ops = &no_disk_ops;
	sd_bases[nr_sd_inits++] = base;
	bh_snprintf(s->where, sizeof(s->where), "%llx", (unsigned long long)base);
	s->disk.capacity = 4096;
	s->kind = "SDHC";
	return 0;
}

/* The cards: a label in sector 0, or (card_mbr) an MBR whose entry 2 is card_type at sector 2048.
 */
static bool card_mbr;
static u8 card_type;
static u32 card_data_sectors;
static u64 sd_reads[16];
static u32 nr_sd_reads;

int sdhci_read(struct sdhci *s, u64 sector, void *buf, u32 count)
{
	u8 *b = buf;

	(void)s, (void)count;
	sd_reads[nr_sd_reads++ % 16] = sector;
	memset(buf, 0, 512);
	if (card_mbr && sector == 0) {
		u8 *e = b + 446 + 16;

		e[4] = card_type;
		e[9] = 2048 >> 8;
		e[12] = card_data_sectors & 0xff;
		e[13] = card_data_sectors >> 8;
		b[510] = 0x55;
		b[511] = 0xaa;
	} else if (card_mbr && sector == 2048) {
		memcpy(buf, "DATA-LABEL", 10);
	} else {
		memcpy(buf, "SD-LABEL", 8);
	}
	return 0;
}

int sdhci_write(struct sdhci *s, u64 sector, const void *buf, u32 count)
{
	(void)s, (void)buf, (void)count;
	sd_reads[nr_sd_reads++ % 16] = sector | 1ULL << 63;
	return 0;
}

static int stub_disk_read(struct root_disk *d, u64 sector, void *buf, u32 count)
{
	return sdhci_read(container_of(d, struct sdhci, disk), sector, buf, count);
}

static int stub_disk_write(struct root_disk *d, u64 sector, const void *buf, u32 count)
{
	return sdhci_write(container_of(d, struct sdhci, disk), sector, buf, count);
}

static int stub_disk_flush(struct root_disk *d)
{
	(void)d;
	return 0;
}

int gem_init(struct gem *g, u64 base, const u8 *mac)
{
	memset(g, 0, sizeof(*g));
	g->nic.ops = &no_nic_ops;
	bh_snprintf(g->where, sizeof(g->where), "%llx", (unsigned long long)base);
	gem_bases[nr_gem_inits] = base;
	gem_mac_given[nr_gem_inits] = mac != NULL;
	if (mac) {
		memcpy(gem_macs[nr_gem_inits], mac, 6);
		memcpy(g->nic.mac, mac, 6);
	}
	nr_gem_inits++;
	g->phy = 23;
	return 0;
}

bool gem_link(struct gem *g)
{
	(void)g;
	return true;
}

void gem_ack_irq(struct gem *g)
{
	(void)g;
}

void gem_irq_enable(struct gem *g, u32 intid)
{
	g->intid = intid;
}

static void *compile(const char *dts)
{
	char path[] = "/tmp/test_root_devices_XXXXXX";
	int fd = mkstemp(path);
	FILE *in, *out;
	static char dtb[16384];
	char cmd[128];
	size_t n;

	assert_true(fd >= 0);
	in = fdopen(fd, "w");
	fputs(dts, in);
	fclose(in);
	snprintf(cmd, sizeof(cmd), "dtc -q -I dts -O dtb %s", path);
	out = popen(cmd, "r");
	assert_non_null(out);
	n = fread(dtb, 1, sizeof(dtb), out);
	assert_int_equal(pclose(out), 0);
	unlink(path);
	assert_true(n > 0);
	return dtb;
}

static const char zcu102[] =
    "/dts-v1/;\n"
    "/ { #address-cells = <2>; #size-cells = <2>;\n"
    "  mmc@ff160000 { compatible = \"xlnx,zynqmp-8.9a\", \"arasan,sdhci-8.9a\";\n"
    "    reg = <0 0xff160000 0 0x1000>; status = \"disabled\"; };\n"
    "  mmc@ff170000 { compatible = \"xlnx,zynqmp-8.9a\", \"arasan,sdhci-8.9a\";\n"
    "    reg = <0 0xff170000 0 0x1000>; status = \"okay\"; };\n"
    "  ethernet@ff0b0000 { compatible = \"cdns,zynqmp-gem\", \"cdns,gem\";\n"
    "    reg = <0 0xff0b0000 0 0x1000>; interrupts = <0 57 4>;\n"
    "    local-mac-address = [02 aa bb cc dd ee]; };\n"
    "  ethernet@ff0e0000 { compatible = \"cdns,zynqmp-gem\", \"cdns,gem\";\n"
    "    reg = <0 0xff0e0000 0 0x1000>; };\n"
    "  soc { #address-cells = <1>; #size-cells = <1>;\n"
    "    sdhci@1000 { compatible = \"sdhci\"; reg = <0x1000 0x100>; }; };\n"
    "  broken { compatible = \"cdns,gem\"; };\n"
    "};\n";

static void test_zcu102_nodes(void **state)
{
	static const u8 mac[6] = {0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0xee};

	(void)state;
	part.fdt = compile(zcu102);
	root_find_devices();
	/* SD hosts: the enabled one, then the generic one with one address cell; the disabled one
	 * never. */
	assert_int_equal(nr_sd_inits, 2);
	assert_int_equal(sd_bases[0], 0xff170000ULL);
	assert_int_equal(sd_bases[1], 0x1000);
	/* The first GEM serves, with the DT's address and its interrupt (SPI 57). */
	assert_int_equal(nr_gem_inits, 1);
	assert_int_equal(gem_bases[0], 0xff0b0000ULL);
	assert_true(gem_mac_given[0]);
	assert_memory_equal(gem_macs[0], mac, 6);
	assert_int_equal(irq_registered, 89);
	assert_int_equal(irq_enabled, 89);
	assert_non_null(root_blk);
	assert_non_null(root_net);
	assert_int_equal(root_blk->capacity, 4096);
	assert_memory_equal(root_net->mac, mac, 6);
	assert_string_equal(console,
			    "sdhci at ff170000: 4096 sectors (SDHC)\n"
			    "disk label: SD-LABEL\n"
			    "gem at ff0b0000: mac 02:aa:bb:cc:dd:ee, link up\n"
			    "gem at ff0e0000: not used (the first NIC serves the net channels)\n"
			    "sdhci at 1000: 4096 sectors (SDHC)\n"
			    "disk label: SD-LABEL\n"
			    "gem: broken has no usable reg; not used\n");
	console[0] = '\0';
	root_devices_report();
	assert_string_equal(console, "sdhci at ff170000: polled, 0 failed transfers\n"
				     "sdhci at 1000: polled, 0 failed transfers\n"
				     "gem at ff0b0000: interrupt 89, 0 taken\n");
}

static const char one_sd[] =
    "/dts-v1/;\n"
    "/ { #address-cells = <2>; #size-cells = <2>;\n"
    "  mmc@ff170000 { compatible = \"xlnx,zynqmp-8.9a\"; reg = <0 0xff170000 0 0x1000>; };\n"
    "};\n";

static void reset(void)
{
	console[0] = '\0';
	root_blk = NULL;
	root_net = NULL;
	nr_sd = 0;
	memset(&gem, 0, sizeof(gem));
	nr_sd_inits = nr_gem_inits = nr_sd_reads = 0;
}

/* The boot card: the root serves its data partition only, sector 0 of it is the label. */
static void test_sd_data_partition(void **state)
{
	u8 buf[512];

	(void)state;
	reset();
	card_mbr = true;
	card_type = 0xda;
	card_data_sectors = 1024;
	part.fdt = compile(one_sd);
	root_find_devices();
	assert_string_equal(console, "sdhci at ff170000: 4096 sectors (SDHC)\n"
				     "sdhci at ff170000: data partition 2: sectors 2048+1024\n"
				     "disk label: DATA-LABEL\n");
	assert_non_null(root_blk);
	assert_int_equal(root_blk->capacity, 1024);
	nr_sd_reads = 0;
	assert_int_equal(root_disk_read(root_blk, 5, buf, 1), 0);
	assert_int_equal(root_disk_write(root_blk, 1023, buf, 1), 0);
	assert_int_equal(sd_reads[0], 2048 + 5);
	assert_int_equal(sd_reads[1], (2048 + 1023) | 1ULL << 63);
	card_mbr = false;
}

/* Partitioned without a data partition (the FAT alone), or one past the card: not served. */
static void test_sd_without_data_partition(void **state)
{
	static const struct {
		u8 type;
		u32 sectors;
	} cards[] = {{0x0c, 1024}, {0xda, 4000}};

	(void)state;
	for (u32 i = 0; i < 2; i++) {
		reset();
		card_mbr = true;
		card_type = cards[i].type;
		card_data_sectors = cards[i].sectors;
		part.fdt = compile(one_sd);
		root_find_devices();
		assert_string_equal(console,
				    "sdhci at ff170000: 4096 sectors (SDHC)\n"
				    "sdhci at ff170000: no data partition (MBR type 0xda); "
				    "block channels not served\n");
		assert_null(root_blk);
	}
	card_mbr = false;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_zcu102_nodes),
	    cmocka_unit_test(test_sd_data_partition),
	    cmocka_unit_test(test_sd_without_data_partition),
	};

	return cmocka_run_group_tests_name("root-devices", tests, NULL, NULL);
}
