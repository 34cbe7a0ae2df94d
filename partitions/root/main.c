// SPDX-License-Identifier: GPL-2.0
/*
 * root: the root partition. It owns the board's devices (here it finds its
 * virtio-mmio block device, reads sector 0 and prints the disk's label) and
 * serves the children over VMBus: one event loop polls every channel with a
 * bounded budget, woken by the bus interrupt or a 10 ms tick (which also
 * picks up events a rate-limited doorbell did not signal), and reads
 * operator commands from its console.
 */
#include <libfdt.h>
#include "bus.h"
#include "part.h"
#include "root.h"
#include "virtio_blk.h"
#include "virtio_net.h"

#define BUDGET 32 /* packets per channel per pass */

static volatile u32 kicked, ticked;
static u64 tick;

/* Interrupts only wake the loop; all work happens in it. */
void bus_event(void)
{
	kicked = 1;
}

static void on_tick(u32 intid)
{
	(void)intid;
	timer_arm(tick);
	kicked = ticked = 1;
}

static __attribute__((noreturn)) void serve(void)
{
	u32 changes = bus_status_changes;

	tick = timer_freq() / 100;
	irq_register(TIMER_IRQ, on_tick);
	irq_init();
	irq_enable(TIMER_IRQ);
	timer_arm(tick);
	for (;;) {
		bool more;
		u64 flags;

		kicked = 0;
		more = bus_poll(BUDGET);
		if (READ_ONCE(bus_status_changes) != changes) {
			changes = READ_ONCE(bus_status_changes);
			rpc_vsp_status_event();
		}
		more |= net_vsp_poll();
		if (ticked) { /* every channel, and the UART: typing is slow */
			ticked = 0;
			more |= bus_poll_all(BUDGET);
			shell_poll();
		}
		flags = irq_save();
		if (!more && !kicked)
			cpu_wait_irq(); /* IRQs masked: one that arrived since the poll still wakes us */
		irq_restore(flags);
	}
}

static u8 sector0[512] __attribute__((aligned(64)));

static void print_label(const u8 *s)
{
	char label[65];
	int n = 0;

	while (n < 64 && s[n] >= 0x20 && s[n] < 0x7f) {
		label[n] = (char)s[n];
		n++;
	}
	label[n] = '\0';
	if (n)
		printf("disk label: %s\n", label);
	else
		printf("disk label: (none)\n");
}

static struct vblk disk;

/* The INTID of a node's first SPI (GIC three-cell interrupts), 0 if none. */
static u32 spi_of(int node)
{
	int len;
	const fdt32_t *irq = fdt_getprop(part.fdt, node, "interrupts", &len);

	return irq && len >= 12 && fdt32_to_cpu(irq[0]) == 0 ? 32 + fdt32_to_cpu(irq[1]) : 0;
}
static struct vnet nic;
static bool have_nic;

int main(void)
{
	struct vblk blk;
	int node, found = 0;

	printf("root partition %s: cpus %u memory 0x%llx+0x%llx\n", part.name, part.nr_cpus,
	       (unsigned long long)part.mem_base, (unsigned long long)part.mem_size);
	irq_init(); /* the devices' interrupts end the drivers' waits */
	measurements_print();
	for (node = fdt_node_offset_by_compatible(part.fdt, -1, "virtio,mmio"); node >= 0;
	     node = fdt_node_offset_by_compatible(part.fdt, node, "virtio,mmio")) {
		int len, rc;
		const fdt32_t *reg = fdt_getprop(part.fdt, node, "reg", &len);
		u64 base;

		if (!reg || len < 16)
			continue;
		base = (u64)fdt32_to_cpu(reg[0]) << 32 | fdt32_to_cpu(reg[1]);
		rc = vblk_probe(&blk, base);
		if (rc == -1 && !have_nic && !vnet_probe(&nic, base)) {
			have_nic = true;
			if (spi_of(node))
				vio_irq_attach(&nic.dev, spi_of(node));
			printf("virtio-net at 0x%llx: mac %02x:%02x:%02x:%02x:%02x:%02x\n",
			       (unsigned long long)base, nic.mac[0], nic.mac[1], nic.mac[2], nic.mac[3],
			       nic.mac[4], nic.mac[5]);
			continue;
		}
		if (rc == -1)
			continue;
		if (rc) {
			printf("virtio-blk at 0x%llx: set-up failed (%d)\n", (unsigned long long)base, rc);
			continue;
		}
		if (!found++) {
			disk = blk; /* the first disk backs the block channels */
			if (spi_of(node))
				vio_irq_attach(&disk.dev, spi_of(node));
		}
		printf("virtio-blk at 0x%llx: %llu sectors (virtio-mmio v%u)\n",
		       (unsigned long long)base, (unsigned long long)blk.capacity, blk.dev.version);
		if (vblk_read(&blk, 0, sector0, 1))
			printf("virtio-blk at 0x%llx: reading sector 0 failed\n",
			       (unsigned long long)base);
		else
			print_label(sector0);
	}
	if (!found)
		printf("no block device\n");
	root_bench = part_has_arg("bench");
	if (root_bench)
		root_bench_direct(found ? &disk : NULL);
	console_vsp_init();
	rpc_vsp_init();
	block_vsp_init(found ? &disk : NULL);
	net_vsp_init(have_nic ? &nic : NULL);
	images_confirm();
	printf("root ready\n");
	serve();
}
