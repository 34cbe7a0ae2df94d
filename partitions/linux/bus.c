// SPDX-License-Identifier: GPL-2.0
/*
 * bh_vmbus: Bulkhead's VMBus in a Linux child (bh_vmbus.h). A platform
 * driver for the DTB's "bulkhead,vmbus" node (arm64) or the ACPI device
 * BLKH0001 (x86, whose Debian kernels have no device tree; tools/gen/
 * acpi_vmbus.c): it maps the event and status pages and each channel's
 * region, registers one device per channel on the bus "bulkhead_vmbus" for
 * the class drivers, takes the bus interrupt (arm64: a PPI, per CPU; x86:
 * an IOAPIC GSI) and rings doorbells with the hypercall. Both descriptions
 * carry the same properties, read through the device-property API.
 *
 * One module holds the bus and every class driver (hvc.c, rpc.c, ...): the class
 * drivers call vmbus/'s functions directly, and the module exports nothing
 * that could meet Linux's own Hyper-V vmbus symbols.
 *
 * The DTB is the hypervisor's and trusted for geometry; the regions are
 * shared with the peer and are not: they are touched only through vmbus/'s
 * ring library and channel state machine. Epochs, as in the bare-metal
 * runtime (partitions/lib/bus.c): the hypervisor zeroes a region at boot
 * and whenever one end restarts; RESETTING: read what the peer left, let go
 * and acknowledge; UP again (or a new epoch >= 2): open on the fresh region.
 */
#include <linux/acpi.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/platform_device.h>
#include <linux/property.h>
#include <linux/slab.h>
#include "bh_vmbus.h"
#include "hypercall.h"

#define BH_MAX_CHANNELS 63 /* event bits 1..63 of the first word of an area */

struct bh_bus {
	struct device *dev;
	u8 *pages; /* event page, then status page */
	int irq;
	bool percpu; /* arm64: the PPI, enabled on each CPU */
	unsigned int nr;
	struct bh_channel *chans[BH_MAX_CHANNELS];
};

static struct bh_bus *the_bus; /* one bus per partition */
static int __percpu *irq_cookie;

static const char *const class_compat[VMBUS_NR_CLASSES] = {
    "bulkhead,vmbus-console", "bulkhead,vmbus-rpc", "bulkhead,vmbus-block", "bulkhead,vmbus-net"};
static const char *const class_name[VMBUS_NR_CLASSES] = {"console", "rpc", "block", "net"};

/* ---------------------------------------------------------------- the bus type */

static int bh_match(struct device *dev, struct device_driver *drv)
{
	struct bh_channel *bc = to_bh_channel(dev);
	struct bh_driver *d = container_of(drv, struct bh_driver, driver);

	return bc->cfg.cls == d->cls && !bc->cfg.provider;
}

static int bh_probe(struct device *dev)
{
	struct bh_driver *d = container_of(dev->driver, struct bh_driver, driver);

	return d->probe(to_bh_channel(dev));
}

static void bh_remove(struct device *dev)
{
	struct bh_driver *d = container_of(dev->driver, struct bh_driver, driver);
	struct bh_channel *bc = to_bh_channel(dev);

	bh_chan_detach(bc);
	if (d->remove)
		d->remove(bc);
}

static ssize_t state_show(struct device *dev, struct device_attribute *a, char *buf)
{
	struct bh_channel *bc = to_bh_channel(dev);

	return sysfs_emit(buf, "%s\n", vmbus_chan_state_str(READ_ONCE(bc->ch.state)));
}
static DEVICE_ATTR_RO(state);

static ssize_t class_show(struct device *dev, struct device_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%s\n", class_name[to_bh_channel(dev)->cfg.cls]);
}
static DEVICE_ATTR_RO(class);

static ssize_t peer_show(struct device *dev, struct device_attribute *a, char *buf)
{
	struct bh_channel *bc = to_bh_channel(dev);

	return sysfs_emit(buf, "%s\n", bc->cfg.peer ? bc->cfg.peer : "");
}
static DEVICE_ATTR_RO(peer);

static ssize_t epoch_show(struct device *dev, struct device_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(to_bh_channel(dev)->peer_epoch));
}
static DEVICE_ATTR_RO(epoch);

static ssize_t version_show(struct device *dev, struct device_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(to_bh_channel(dev)->ch.version));
}
static DEVICE_ATTR_RO(version);

static struct attribute *bh_chan_attrs[] = {
    &dev_attr_state.attr, &dev_attr_class.attr,	  &dev_attr_peer.attr,
    &dev_attr_epoch.attr, &dev_attr_version.attr, NULL,
};
ATTRIBUTE_GROUPS(bh_chan);

static struct bus_type bh_bus_type = {
    .name = "bulkhead_vmbus",
    .match = bh_match,
    .probe = bh_probe,
    .remove = bh_remove,
    .dev_groups = bh_chan_groups,
};

int bh_driver_register(struct bh_driver *drv)
{
	drv->driver.bus = &bh_bus_type;
	return driver_register(&drv->driver);
}

void bh_driver_unregister(struct bh_driver *drv)
{
	driver_unregister(&drv->driver);
}

/* ---------------------------------------------------------------- channels */

static void doorbell(struct vmbus_chan *ch)
{
	bh_hypercall(BH_CHAN_SIGNAL, ch->cfg->index, 0);
}

static u64 status_of(struct bh_channel *bc)
{
	const u64 *st = (const u64 *)(the_bus->pages + 0x1000);

	return smp_load_acquire(&st[bc->cfg.index]);
}

/* Under bc->lock. */
static void open_locked(struct bh_channel *bc)
{
	vmbus_chan_open(&bc->ch, &bc->cfg, bc->ch.ver_min, bc->ch.ver_max, bc->pkt, doorbell,
			bc->ch.on_msg, bc->peer_epoch);
	bc->reported = false;
	if (bc->on_open)
		bc->on_open(bc);
}

/* What check_status saw, for the kernel log once the lock is dropped. */
enum { NOTE_NONE, NOTE_DOWN, NOTE_BACK };

/*
 * The status page, under bc->lock (partitions/lib/bus.c check_status).
 * Nothing is printed under the lock: the kernel's console may be this
 * bus's hvc, whose output takes the same lock. Returns a NOTE_*.
 */
static int check_status(struct bh_channel *bc)
{
	switch (vmbus_peer_update(&bc->peer_epoch, &bc->peer_state, status_of(bc))) {
	case VMBUS_PEER_GONE:
		vmbus_chan_drain_down(&bc->ch);
		if (bc->on_down)
			bc->on_down(bc);
		/* Acknowledged for an unbound channel too: the root waits for it. */
		bh_hypercall(BH_CHAN_RESET_ACK, bc->cfg.index, bc->peer_epoch);
		return NOTE_DOWN;
	case VMBUS_PEER_BACK:
		if (!test_bit(BH_CHAN_ATTACHED, &bc->flags))
			return NOTE_NONE;
		open_locked(bc);
		return NOTE_BACK;
	default:
		return NOTE_NONE;
	}
}

static void report(struct bh_channel *bc, int note, int n)
{
	if (note == NOTE_DOWN)
		dev_info(&bc->dev, "%s restarts: channel down\n", bc->cfg.peer);
	else if (note == NOTE_BACK)
		dev_info(&bc->dev, "%s is back (epoch %u): channel %s\n", bc->cfg.peer,
			 READ_ONCE(bc->peer_epoch), vmbus_chan_state_str(READ_ONCE(bc->ch.state)));
	if (n < 0 && !bc->reported) {
		bc->reported = true;
		dev_err(&bc->dev, "%s broke the channel: %s; it stays stopped until %s restarts\n",
			bc->cfg.peer, bc->ch.why ? bc->ch.why : "?", bc->cfg.peer);
	}
}

void bh_chan_attach(struct bh_channel *bc, u16 ver_min, u16 ver_max, vmbus_msg_fn on_msg,
		    void (*event)(struct bh_channel *bc), void *priv)
{
	unsigned long f;
	u64 st = status_of(bc);

	spin_lock_irqsave(&bc->lock, f);
	bc->ch.priv = priv;
	bc->ch.ver_min = ver_min;
	bc->ch.ver_max = ver_max;
	bc->ch.on_msg = on_msg;
	bc->event = event;
	bc->peer_epoch = (u32)(st >> 32);
	bc->peer_state = (u32)st;
	/* Nothing touched the region since the hypervisor zeroed it for this boot. */
	open_locked(bc);
	set_bit(BH_CHAN_ATTACHED, &bc->flags);
	spin_unlock_irqrestore(&bc->lock, f);
}

void bh_chan_detach(struct bh_channel *bc)
{
	unsigned long f;

	spin_lock_irqsave(&bc->lock, f);
	clear_bit(BH_CHAN_ATTACHED, &bc->flags);
	bc->event = NULL;
	bc->on_open = bc->on_down = NULL;
	vmbus_chan_down(&bc->ch);
	spin_unlock_irqrestore(&bc->lock, f);
}

int bh_chan_poll(struct bh_channel *bc, int budget)
{
	unsigned long f;
	int n = 0, note = NOTE_NONE;

	spin_lock_irqsave(&bc->lock, f);
	if (test_and_clear_bit(BH_CHAN_STATUS, &bc->flags))
		note = check_status(bc);
	if (!test_bit(BH_CHAN_ATTACHED, &bc->flags))
		goto out;
	n = vmbus_chan_poll(&bc->ch, budget);
	/* The peer restarted under us (the status event is still to come): not its fault. */
	if (n < 0 && status_of(bc) != ((u64)bc->peer_epoch << 32 | bc->peer_state)) {
		note = check_status(bc) ?: note;
		n = vmbus_chan_poll(&bc->ch, budget);
	}
out:
	spin_unlock_irqrestore(&bc->lock, f);
	report(bc, note, n);
	return n;
}

int bh_chan_send(struct bh_channel *bc, u16 type, u16 flags, u64 trans_id, const void *msg, u32 len,
		 const void *data, u32 data_len)
{
	unsigned long f;
	int rc;

	spin_lock_irqsave(&bc->lock, f);
	rc = vmbus_chan_send(&bc->ch, type, flags, trans_id, msg, len, data, data_len);
	spin_unlock_irqrestore(&bc->lock, f);
	return rc;
}

bool bh_chan_open(struct bh_channel *bc)
{
	return READ_ONCE(bc->ch.state) == VMBUS_CH_OPEN;
}

bool bh_chan_peer_same(struct bh_channel *bc)
{
	smp_rmb(); /* the caller's reads of the region before the status */
	return status_of(bc) == ((u64)bc->peer_epoch << 32 | bc->peer_state);
}

/* ---------------------------------------------------------------- the interrupt */

static void kick(struct bh_channel *bc)
{
	void (*event)(struct bh_channel * bc) = READ_ONCE(bc->event);

	if (event)
		event(bc);
	else
		bh_chan_poll(bc, 16);
}

/*
 * The bus interrupt (arm64: the PPI; x86: the GSI). Event bits land in the
 * area of the vCPU a channel targets; taking every vCPU's area here costs a
 * few atomic exchanges and keeps the driver free of any guess about how
 * Linux numbers the partition's vCPUs.
 */
static irqreturn_t bh_bus_irq(int irq, void *cookie)
{
	struct bh_bus *bus = the_bus;
	u64 bits = 0;

	if (!bus)
		return IRQ_NONE;
	for (unsigned int v = 0; v < VMBUS_EVENT_MAX_VCPUS; v++)
		bits |= xchg((u64 *)(bus->pages + v * VMBUS_EVENT_AREA_BYTES), 0);
	for (unsigned int i = 0; i < bus->nr; i++) {
		struct bh_channel *bc = bus->chans[i];

		if (bits & BIT(VMBUS_EVENT_STATUS_BIT))
			set_bit(BH_CHAN_STATUS, &bc->flags);
		if (bits & (BIT(VMBUS_EVENT_STATUS_BIT) | BIT(bc->cfg.event_bit)))
			kick(bc);
	}
	return IRQ_HANDLED;
}

static void enable_irq_here(void *data)
{
	enable_percpu_irq(*(int *)data, IRQ_TYPE_NONE);
}

static void disable_irq_here(void *data)
{
	disable_percpu_irq(*(int *)data);
}

/* ---------------------------------------------------------------- probe */

/*
 * The memory of the bus (its pages) or of a channel: DT: the reserved-memory
 * node its memory-region names; ACPI: the Memory resource of the bus
 * device's _CRS its "bulkhead,memory-resource" says (the bus's own: 0).
 */
static void *map_region(struct device *dev, struct fwnode_handle *np, resource_size_t *size)
{
	struct resource res;

	if (is_of_node(np)) {
		struct device_node *r = of_parse_phandle(to_of_node(np), "memory-region", 0);
		int rc;

		if (!r)
			return NULL;
		rc = of_address_to_resource(r, 0, &res);
		of_node_put(r);
		if (rc)
			return NULL;
	} else {
		struct resource *r;
		u32 i = 0;

		fwnode_property_read_u32(np, "bulkhead,memory-resource", &i);
		r = platform_get_resource(to_platform_device(dev), IORESOURCE_MEM, i);
		if (!r)
			return NULL;
		res = *r;
	}
	*size = resource_size(&res);
	/* Normal cacheable memory, as the peer maps it: stage 2 makes it so. */
	return devm_memremap(dev, res.start, *size, MEMREMAP_WB);
}

/* One property of the table (vmbus_cfg_props) from the node, or NULL if absent. */
static const u64 *cfg_prop(struct fwnode_handle *np, const struct vmbus_cfg_prop *pp, u64 v[2])
{
	u32 a[2] = {0, 0};

	switch (pp->kind) {
	case VMBUS_CFG_U32:
		if (fwnode_property_read_u32(np, pp->name, a))
			return NULL;
		break;
	case VMBUS_CFG_PAIR:
		if (fwnode_property_read_u32_array(np, pp->name, a, 2))
			return NULL;
		break;
	default:
		return fwnode_property_read_u64(np, pp->name, v) ? NULL : v;
	}
	v[0] = a[0];
	v[1] = a[1];
	return v;
}

static void bh_chan_release(struct device *dev)
{
	/* Freed with the platform device (devm). */
}

/* One channel node; the geometry is checked against the region it maps. */
static int add_channel(struct bh_bus *bus, struct fwnode_handle *np, unsigned int *units)
{
	struct device *dev = bus->dev;
	struct bh_channel *bc;
	struct vmbus_chan_cfg *c;
	const char *role = NULL, *peer = NULL, *why;
	resource_size_t size;
	unsigned int k;
	int cls;

	for (cls = 0; cls < VMBUS_NR_CLASSES; cls++)
		if (fwnode_property_match_string(np, "compatible", class_compat[cls]) >= 0)
			break;
	if (cls == VMBUS_NR_CLASSES) {
		dev_warn(dev, "%pfwP: no class this driver knows; left out\n", np);
		return 0;
	}
	if (bus->nr == BH_MAX_CHANNELS) {
		dev_warn(dev, "%pfwP: more than %u channels; left out\n", np, BH_MAX_CHANNELS);
		return 0;
	}
	bc = devm_kzalloc(dev, sizeof(*bc), GFP_KERNEL);
	if (!bc)
		return -ENOMEM;
	c = &bc->cfg;
	c->cls = cls;
	c->base = map_region(dev, np, &size);
	if (!c->base) {
		dev_err(dev, "%pfwP: cannot map its memory\n", np);
		return -EINVAL;
	}
	/* The node's name without a DT unit address: the channel's name in the system. */
	strscpy(bc->name, fwnode_get_name(np) ?: "?", sizeof(bc->name));
	bc->name[strcspn(bc->name, "@")] = 0;
	c->name = bc->name;
	fwnode_property_read_string(np, "bulkhead,peer", &peer);
	c->peer = peer ? devm_kstrdup(dev, peer, GFP_KERNEL) : "?";
	fwnode_property_read_string(np, "bulkhead,role", &role);
	c->provider = role && !strcmp(role, "provider");
	for (k = 0; k < VMBUS_CFG_NR_PROPS; k++) {
		u64 v[2];

		vmbus_cfg_store(c, &vmbus_cfg_props[k], cfg_prop(np, &vmbus_cfg_props[k], v));
	}
	/* DT: 6 bytes; ACPI: a package of 6 integers. Anything else: no address. */
	if (fwnode_property_count_u8(np, "local-mac-address") == 6)
		fwnode_property_read_u8_array(np, "local-mac-address", c->mac, 6);
	/* Everything the rings and windows reach lies inside the region. */
	why = vmbus_cfg_check(c, size);
	if (!why && (c->event_bit == 0 || c->event_bit > 63 || c->max_packet < 64))
		why = "its event bit or packet size is out of this driver's range";
	if (why) {
		dev_err(dev, "%s: %s (a %pa-byte region); left out\n", bc->name, why, &size);
		return 0;
	}
	bc->pkt = devm_kzalloc(dev, c->max_packet, GFP_KERNEL);
	if (!bc->pkt)
		return -ENOMEM;
	spin_lock_init(&bc->lock);
	bc->unit = units[cls]++;
	bc->dev.parent = dev;
	bc->dev.bus = &bh_bus_type;
	bc->dev.release = bh_chan_release;
	device_set_node(&bc->dev, np);
	dev_set_name(&bc->dev, "%s", bc->name);
	bus->chans[bus->nr++] = bc;
	return 0;
}

static int bh_vmbus_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct fwnode_handle *np;
	unsigned int units[VMBUS_NR_CLASSES] = {0};
	struct bh_bus *bus;
	resource_size_t size;
	u32 abi = 0;
	int rc;

	if (the_bus)
		return -EBUSY;
	device_property_read_u32(dev, "bulkhead,abi-version", &abi);
	if (abi != VMBUS_ABI_VERSION) {
		dev_err(dev, "bus ABI version %u; this driver speaks %u\n", abi, VMBUS_ABI_VERSION);
		return -EINVAL;
	}
	bus = devm_kzalloc(dev, sizeof(*bus), GFP_KERNEL);
	if (!bus)
		return -ENOMEM;
	bus->dev = dev;
	bus->pages = map_region(dev, dev_fwnode(dev), &size);
	if (!bus->pages || size < VMBUS_BUS_PAGES_SIZE) {
		dev_err(dev, "cannot map the event and status pages\n");
		return -EINVAL;
	}
	device_for_each_child_node(dev, np) {
		rc = add_channel(bus, np, units);
		if (rc) {
			fwnode_handle_put(np);
			return rc;
		}
	}
	bus->irq = platform_get_irq(pdev, 0);
	if (bus->irq < 0)
		return bus->irq;
	bus->percpu = is_of_node(dev_fwnode(dev));
	the_bus = bus;
	if (bus->percpu)
		rc = request_percpu_irq(bus->irq, bh_bus_irq, "bulkhead-vmbus", irq_cookie);
	else
		rc = request_irq(bus->irq, bh_bus_irq, 0, "bulkhead-vmbus", bus);
	if (rc) {
		the_bus = NULL;
		dev_err(dev, "bus interrupt %d: %d\n", bus->irq, rc);
		return rc;
	}
	if (bus->percpu)
		on_each_cpu(enable_irq_here, &bus->irq, 1);
	for (unsigned int i = 0; i < bus->nr; i++) {
		rc = device_register(&bus->chans[i]->dev);
		if (rc) {
			dev_err(dev, "%s: %d\n", bus->chans[i]->name, rc);
			put_device(&bus->chans[i]->dev);
			bus->chans[i] = NULL;
		}
	}
	/* Keep only the registered ones for the interrupt. */
	{
		unsigned int n = 0;

		for (unsigned int i = 0; i < bus->nr; i++)
			if (bus->chans[i])
				bus->chans[n++] = bus->chans[i];
		bus->nr = n;
	}
	dev_info(dev, "%u channels, bus interrupt %d\n", bus->nr, bus->irq);
	return 0;
}

static int bh_vmbus_remove(struct platform_device *pdev)
{
	struct bh_bus *bus = the_bus;

	if (bus->percpu) {
		on_each_cpu(disable_irq_here, &bus->irq, 1);
		free_percpu_irq(bus->irq, irq_cookie);
	} else {
		free_irq(bus->irq, bus);
	}
	for (unsigned int i = 0; i < bus->nr; i++)
		device_unregister(&bus->chans[i]->dev);
	the_bus = NULL;
	return 0;
}

static const struct of_device_id bh_vmbus_of[] = {{.compatible = "bulkhead,vmbus"}, {}};
MODULE_DEVICE_TABLE(of, bh_vmbus_of);

static const struct acpi_device_id bh_vmbus_acpi[] = {{"BLKH0001", 0}, {}};
MODULE_DEVICE_TABLE(acpi, bh_vmbus_acpi);

static struct platform_driver bh_vmbus_driver = {
    .probe = bh_vmbus_probe,
    .remove = bh_vmbus_remove,
    .driver = {.name = "bulkhead-vmbus",
	       .of_match_table = bh_vmbus_of,
	       .acpi_match_table = bh_vmbus_acpi},
};

static struct bh_driver *const class_drivers[] = {&bh_hvc_driver, &bh_rpc_driver, &bh_net_driver,
						  &bh_blk_driver};

static void unregister_classes(unsigned int n)
{
	while (n--)
		bh_driver_unregister(class_drivers[n]);
}

static int __init bh_vmbus_init(void)
{
	unsigned int n = 0;
	int rc;

	irq_cookie = alloc_percpu(int);
	if (!irq_cookie)
		return -ENOMEM;
	rc = bus_register(&bh_bus_type);
	if (rc)
		goto no_bus;
	for (; n < ARRAY_SIZE(class_drivers); n++) {
		rc = bh_driver_register(class_drivers[n]);
		if (rc)
			goto no_platform;
	}
	rc = platform_driver_register(&bh_vmbus_driver);
	if (!rc)
		return 0;
no_platform:
	unregister_classes(n);
	bus_unregister(&bh_bus_type);
no_bus:
	free_percpu(irq_cookie);
	return rc;
}

static void __exit bh_vmbus_exit(void)
{
	platform_driver_unregister(&bh_vmbus_driver);
	unregister_classes(ARRAY_SIZE(class_drivers));
	bus_unregister(&bh_bus_type);
	free_percpu(irq_cookie);
}

module_init(bh_vmbus_init);
module_exit(bh_vmbus_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Bulkhead VMBus: the channels of a child partition and their class drivers");
