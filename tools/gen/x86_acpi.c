// SPDX-License-Identifier: GPL-2.0
/*
 * The ACPI tables an x86 Linux partition finds through its boot parameters:
 * what a PC's firmware would give it, cut to the partition. A hardware-
 * reduced FADT (no SCI, no 8259) with the emulated PM timer Linux measures
 * its TSC against and sleep and reset registers (vacpi.c), a MADT with one local APIC
 * per vCPU (APIC ID = vCPU index, as the CPUID policy says) and, only for
 * a partition with VMBus channels, the virtual IOAPIC whose pin carries the
 * bus interrupt, and a DSDT naming the console 16550 with its ports and no
 * interrupt, so Linux drives it polled, and the VMBus device (acpi_vmbus.c).
 * Built at build time like the partition DTB.
 */
#include <string.h>
#include "model.h"

#define HDR_LEN		      36
#define OEM_ID		      "BLKHD "
#define OEM_TABLE	      "BULKHEAD"
#define FADT_LEN	      276
#define FADT_HW_REDUCED	      BIT(20)
#define FADT_TMR_VAL_EXT      BIT(8) /* the PM timer counts 32 bits */
#define FADT_RESET_REG_SUP    BIT(10)
#define BOOT_ARCH_NO_VGA      BIT(2)
#define BOOT_ARCH_NO_CMOS_RTC BIT(5)
#define MADT_LAPIC	      0
#define MADT_LAPIC_LEN	      8
#define LAPIC_BASE_ADDR	      0xfee00000U
#define MADT_IOAPIC	      1
#define MADT_IOAPIC_LEN	      12
#define AML_MAX		      0xc000 /* 48 KiB: 63 net channels with GUIDs take 39 KB */

struct acpi_buf {
	unsigned char *b;
	size_t len, max;
	bool overflow;
};

static unsigned char *take(struct acpi_buf *a, size_t n)
{
	unsigned char *p;

	if (a->len + n > a->max) {
		a->overflow = true;
		return NULL;
	}
	p = a->b + a->len;
	memset(p, 0, n);
	a->len += n;
	return p;
}

static void le(unsigned char *p, u64 v, int n)
{
	for (int i = 0; i < n; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static unsigned char sum(const unsigned char *p, size_t n)
{
	unsigned char s = 0;

	while (n--)
		s = (unsigned char)(s + *p++);
	return (unsigned char)-s;
}

/* A table header; the table is len bytes from it, checksummed by finish(). */
static unsigned char *table(struct acpi_buf *a, const char *sig, size_t len, u8 rev)
{
	unsigned char *t = take(a, len);

	if (!t)
		return NULL;
	memcpy(t, sig, 4);
	le(t + 4, len, 4);
	t[8] = rev;
	memcpy(t + 10, OEM_ID, 6);
	memcpy(t + 16, OEM_TABLE, 8);
	le(t + 24, 1, 4);
	memcpy(t + 28, "BLKH", 4);
	le(t + 32, 1, 4);
	return t;
}

/* A Generic Address Structure for an I/O port register of bits width. */
static void gas_io(unsigned char *g, u8 bits, u16 port)
{
	g[0] = 1; /* system I/O space */
	g[1] = bits;
	g[3] = bits == 32 ? 3 : 1; /* dword or byte access */
	le(g + 4, port, 8);
}

static void finish(unsigned char *t)
{
	u32 len = (u32)t[4] | (u32)t[5] << 8 | (u32)t[6] << 16 | (u32)t[7] << 24;

	t[9] = 0;
	t[9] = sum(t, len);
}

/*
 * Scope (\_SB) { Device (COM1) { Name (_HID, EisaId ("PNP0501")) Name (_UID, 0)
 *   Name (_CRS, ResourceTemplate () { IO (Decode16, port, port, 1, 8) }) } }
 * Name (_S5, Package () { 5, 5 }): the sleep type that powers off
 */
static size_t dsdt_aml(unsigned char *p, u16 port)
{
	/* clang-format off */
	static const unsigned char head[] = {
		0x10, 0x30, '\\', '_', 'S', 'B', '_',                  /* Scope, PkgLength 48 */
		0x5b, 0x82, 0x28, 'C', 'O', 'M', '1',                  /* Device, PkgLength 40 */
		0x08, '_', 'H', 'I', 'D', 0x0c, 0x41, 0xd0, 0x05, 0x01, /* "PNP0501" */
		0x08, '_', 'U', 'I', 'D', 0x00,
		0x08, '_', 'C', 'R', 'S', 0x11, 0x0d, 0x0a, 0x0a,       /* Buffer of 10 */
		0x47, 0x01, 0, 0, 0, 0, 0x01, 0x08,                     /* I/O ports, 8 of them */
		0x79, 0x00,                                             /* end tag */
		0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x02,             /* Name (_S5, Package (2) */
		0x0a, BH_X86_SLP_TYP_S5, 0x0a, BH_X86_SLP_TYP_S5,       /*   { S5, S5 }) */
	};
	/* clang-format on */

	memcpy(p, head, sizeof(head));
	le(p + 41, port, 2);
	le(p + 43, port, 2);
	return sizeof(head);
}

/* The tables for p at guest-physical address at; returns their length, 0 if max is short. */
size_t gen_x86_acpi(const struct g_sys *s, const struct g_part *p, u64 at, unsigned char *buf,
		    size_t max)
{
	struct acpi_buf a = {buf, 0, max, false};
	static unsigned char aml[AML_MAX];
	unsigned char *rsdp, *xsdt, *fadt, *madt, *dsdt;
	size_t aml_len = dsdt_aml(aml, (u16)gen_dev_base(&s->dev[s->console_dev])), bus_len;
	u64 fadt_at, madt_at, dsdt_at;
	bool ioapic = gen_x86_bus_gsi(s, p) != 0;

	bus_len = gen_acpi_vmbus(s, p, aml + aml_len, sizeof(aml) - aml_len);
	if (ioapic && !bus_len)
		return 0;
	aml_len += bus_len;

	rsdp = take(&a, 36);
	xsdt = table(&a, "XSDT", HDR_LEN + 16, 1);
	fadt_at = at + a.len;
	fadt = table(&a, "FACP", FADT_LEN, 6);
	madt_at = at + a.len;
	madt = table(
	    &a, "APIC",
	    HDR_LEN + 8 + (size_t)p->ncpu * MADT_LAPIC_LEN + (ioapic ? MADT_IOAPIC_LEN : 0), 3);
	dsdt_at = at + a.len;
	dsdt = table(&a, "DSDT", HDR_LEN + aml_len, 2);
	if (a.overflow)
		return 0;

	memcpy(rsdp, "RSD PTR ", 8);
	memcpy(rsdp + 9, OEM_ID, 6);
	rsdp[15] = 2; /* ACPI 2.0+: the XSDT */
	le(rsdp + 20, 36, 4);
	le(rsdp + 24, at + 36, 8);
	rsdp[8] = sum(rsdp, 20);
	rsdp[32] = sum(rsdp, 36);

	le(xsdt + HDR_LEN, fadt_at, 8);
	le(xsdt + HDR_LEN + 8, madt_at, 8);
	finish(xsdt);

	le(fadt + 40, dsdt_at, 4);
	le(fadt + 76, BH_X86_PM_TIMER_PORT, 4); /* PM_TMR_BLK, 4 bytes (PM_TMR_LEN) */
	fadt[91] = 4;
	gas_io(fadt + 208, 32, BH_X86_PM_TIMER_PORT); /* X_PM_TMR_BLK */
	gas_io(fadt + 116, 8, BH_X86_RESET_PORT);     /* RESET_REG */
	fadt[128] = BH_X86_RESET_VALUE;
	gas_io(fadt + 244, 8, BH_X86_SLEEP_CTL_PORT); /* SLEEP_CONTROL_REG */
	gas_io(fadt + 256, 8, BH_X86_SLEEP_STS_PORT); /* SLEEP_STATUS_REG */
	le(fadt + 109, BOOT_ARCH_NO_VGA | BOOT_ARCH_NO_CMOS_RTC, 2);
	le(fadt + 112, FADT_HW_REDUCED | FADT_TMR_VAL_EXT | FADT_RESET_REG_SUP, 4);
	le(fadt + 140, dsdt_at, 8);
	memcpy(fadt + 268, "Bulkhead", 8); /* hypervisor vendor identity */
	finish(fadt);

	le(madt + HDR_LEN, LAPIC_BASE_ADDR, 4);
	for (int i = 0; i < p->ncpu; i++) {
		unsigned char *e = madt + HDR_LEN + 8 + i * MADT_LAPIC_LEN;

		e[0] = MADT_LAPIC;
		e[1] = MADT_LAPIC_LEN;
		e[2] = (unsigned char)i; /* processor UID */
		e[3] = (unsigned char)i; /* APIC ID: the vCPU index */
		le(e + 4, 1, 4);	 /* enabled */
	}
	if (ioapic) { /* the virtual one (vioapic.c), GSIs from 0; ID 0 as its register says */
		unsigned char *e = madt + HDR_LEN + 8 + p->ncpu * MADT_LAPIC_LEN;

		e[0] = MADT_IOAPIC;
		e[1] = MADT_IOAPIC_LEN;
		le(e + 4, s->ioapic.base, 4);
	}
	finish(madt);

	memcpy(dsdt + HDR_LEN, aml, aml_len);
	finish(dsdt);
	return a.len;
}
