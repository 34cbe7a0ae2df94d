// SPDX-License-Identifier: GPL-2.0
/*
 * The root's SD host and GEM drivers on QEMU's xlnx-zcu102 without the
 * hypervisor (it does not run on that board yet): a bare program, MMU off,
 * console on the Cadence UART0. It sets up the card on SD1 and reads its
 * label, writes 8 sectors at sector 64 and reads them back, then sets up
 * GEM0, sends one frame and waits for one back (test_zcu102_drivers.py is
 * the peer). Every line is checked by the test.
 */
#include <stdarg.h>
#include <string.h>
#include <bulkhead/fmt.h>
#include "gem.h"
#include "mmio.h"
#include "part.h"
#include "sdhci.h"

#define UART0		0xff000000ULL
#define SD1		0xff170000ULL
#define GEM0		0xff0b0000ULL
#define ETH_TEST	0x88b5 /* IEEE local experimental EtherType */
#define PSCI_SYSTEM_OFF 0x84000008U

u64 psci_smc(u64 fn);

static void putc_uart(void *ctx, char c)
{
	(void)ctx;
	if (c == '\n')
		putc_uart(ctx, '\r');
	while (readl(UART0 + 0x2c) & BIT(4)) /* TX FIFO full */
		;
	writel(UART0 + 0x30, (u8)c);
}

int printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fmt_format(putc_uart, NULL, fmt, ap);
	va_end(ap);
	return 0;
}

u64 timer_now(void)
{
	u64 v;

	__asm__ volatile("isb\n\tmrs %0, cntpct_el0" : "=r"(v));
	return v;
}

u64 timer_freq(void)
{
	u64 v;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
	return v;
}

static u8 sector0[512] __attribute__((aligned(64)));
static u8 out[8 * 512] __attribute__((aligned(64))), back[8 * 512] __attribute__((aligned(64)));
static struct sdhci sd;
static struct gem gem;

static void label(const u8 *s)
{
	char l[65];
	int n = 0;

	while (n < 64 && s[n] >= 0x20 && s[n] < 0x7f) {
		l[n] = (char)s[n];
		n++;
	}
	l[n] = '\0';
	printf("disk label: %s\n", n ? l : "(none)");
}

static void disk(void)
{
	if (sdhci_init(&sd, SD1))
		return;
	printf("sdhci at %s: %llu sectors (%s%s)\n", sd.where, (unsigned long long)sd.disk.capacity,
	       sd.kind, sd.read_only ? ", write-protected" : "");
	if (root_disk_read(&sd.disk, 0, sector0, 1))
		return;
	label(sector0);
	for (u32 i = 0; i < sizeof(out); i++)
		out[i] = (u8)(i / 512 + 0x40);
	memcpy(out, "WRITTEN-BY-DRVTEST", 18);
	if (root_disk_write(&sd.disk, 64, out, 8) || root_disk_flush(&sd.disk) ||
	    root_disk_read(&sd.disk, 64, back, 8))
		return;
	printf("sd rw: 8 sectors at 64 %s\n",
	       memcmp(out, back, sizeof(out)) ? "differ" : "read back");
}

static void net(void)
{
	static const u8 mac[6] = {0x02, 0x00, 0x00, 0x5a, 0x00, 0x01};
	static const char msg[] = "bulkhead gem tx";
	u8 f[ROOT_FRAME_MAX];
	u64 end;
	u32 n;

	if (gem_init(&gem, GEM0, mac))
		return;
	printf("gem at %s: mac %02x:%02x:%02x:%02x:%02x:%02x, %s\n", gem.where, gem.nic.mac[0],
	       gem.nic.mac[1], gem.nic.mac[2], gem.nic.mac[3], gem.nic.mac[4], gem.nic.mac[5],
	       gem.phy == GEM_NO_PHY	 ? "no PHY"
	       : root_nic_link(&gem.nic) ? "link up"
					 : "link down");
	memset(f, 0, 60);
	memset(f, 0xff, 6);
	memcpy(f + 6, mac, 6);
	f[12] = ETH_TEST >> 8;
	f[13] = ETH_TEST & 0xff;
	memcpy(f + 14, msg, sizeof(msg));
	if (root_nic_send(&gem.nic, f, 60)) {
		printf("gem tx: refused\n");
		return;
	}
	printf("gem tx: 60 bytes\n");
	end = timer_now() + timer_freq() * 20;
	while (timer_now() < end)
		if ((n = root_nic_recv(&gem.nic, f, sizeof(f))) >= 14 && f[12] == ETH_TEST >> 8 &&
		    f[13] == (ETH_TEST & 0xff)) {
			f[n < sizeof(f) ? n : sizeof(f) - 1] = '\0';
			printf("gem rx: %u bytes: %s\n", n, (const char *)f + 14);
			return;
		}
	printf("gem rx: nothing in 20 s\n");
}

int main(void)
{
	writel(UART0 + 0x00, BIT(4) | BIT(2)); /* TX and RX enabled */
	printf("drvtest: start\n");
	disk();
	net();
	printf("drvtest: done\n");
	psci_smc(PSCI_SYSTEM_OFF);
	return 0;
}
