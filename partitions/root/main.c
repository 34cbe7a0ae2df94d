// SPDX-License-Identifier: GPL-2.0
/*
 * root: the root partition. It owns the board's devices (devices.c finds its
 * disk and NIC: virtio on virtio-mmio or PCI, an SD card, a GEM; it prints
 * the disk's label) and
 * serves the children over VMBus: one event loop polls every channel with a
 * bounded budget, woken by the bus interrupt or a 10 ms tick (which also
 * picks up events a rate-limited doorbell did not signal), and reads
 * operator commands from its console (by its receive interrupt).
 */
#include "bus.h"
#include "part.h"
#include "root.h"

#define BUDGET 32 /* packets per channel per pass */

static volatile u32 kicked, ticked;
static u64 tick;

/* Interrupts only wake the loop; all work happens in it. */
void root_wake(void)
{
	kicked = 1;
}

void bus_event(void)
{
	root_wake();
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
	bool typing_irq = shell_init();

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
		if (typing_irq)
			shell_poll();
		if (ticked) { /* every channel, and a UART without an interrupt: typing is slow */
			ticked = 0;
			more |= bus_poll_all(BUDGET);
			if (!typing_irq)
				shell_poll();
		}
		flags = irq_save();
		if (!more && !kicked)
			cpu_wait_irq(); /* IRQs masked: one that arrived since the poll still wakes
					   us */
		irq_restore(flags);
	}
}

int main(void)
{
	printf("root partition %s: cpus %u memory 0x%llx+0x%llx\n", part.name, part.nr_cpus,
	       (unsigned long long)part.mem_base, (unsigned long long)part.mem_size);
	irq_init(); /* the devices' interrupts end the drivers' waits */
	measurements_print();
	root_find_devices();
	root_bench = part_has_arg("bench");
	if (root_bench)
		root_bench_direct(root_blk);
	block_villain_init();
	console_vsp_init();
	rpc_vsp_init();
	block_vsp_init(root_blk);
	net_vsp_init(root_net);
	images_confirm();
	printf("root ready\n");
	serve();
}
