// SPDX-License-Identifier: GPL-2.0
/* The transport-independent half of virtio: status, features, split virtqueues. */
#include <string.h>
#include "part.h"
#include "virtio.h"

#define ST_ACK	       1
#define ST_DRIVER      2
#define ST_DRIVER_OK   4
#define ST_FEATURES_OK 8

int vio_init(struct vio *d, u32 want)
{
	const struct vio_ops *o = d->ops;

	o->set_status(d, 0);
	o->set_status(d, ST_ACK | ST_DRIVER);
	d->features = o->get_features(d, 0) & want;
	o->set_features(d, 0, d->features);
	if (d->modern) {
		if (!(o->get_features(d, 1) & 1)) /* VIRTIO_F_VERSION_1 */
			return -2;
		o->set_features(d, 1, 1);
		o->set_status(d, ST_ACK | ST_DRIVER | ST_FEATURES_OK);
		if (!(o->get_status(d) & ST_FEATURES_OK))
			return -2;
	}
	return 0;
}

int vio_queue(struct vio *d, u32 index, struct virtq *vq)
{
	memset(vq, 0, sizeof(*vq));
	return d->ops->queue(d, index, vq);
}

void vio_ready(struct vio *d)
{
	d->ops->set_status(d, d->ops->get_status(d) | ST_DRIVER_OK);
}

void vio_notify(struct vio *d, u32 index)
{
	d->ops->notify(d, index);
}

u32 vio_config32(struct vio *d, u32 off)
{
	return d->ops->config32(d, off);
}

u8 vio_config8(struct vio *d, u32 off)
{
	return d->ops->config8(d, off);
}

void vio_ack_irq(struct vio *d)
{
	d->ops->ack_irq(d);
}

void virtq_submit(struct virtq *vq, u16 head)
{
	vq->avail.ring[vq->avail.idx % VQ_SIZE] = head;
	dma_mb(); /* descriptors before the index */
	WRITE_ONCE(vq->avail.idx, (u16)(vq->avail.idx + 1));
	dma_mb(); /* the index before the notify */
}

bool virtq_take(struct virtq *vq, u32 *head, u32 *len)
{
	if (READ_ONCE(vq->used.idx) == vq->last_used)
		return false;
	dma_mb();
	*head = vq->used.ring[vq->last_used % VQ_SIZE].id;
	*len = vq->used.ring[vq->last_used % VQ_SIZE].len;
	vq->last_used++;
	return true;
}

bool virtq_wait(struct vio *d, struct virtq *vq, u32 timeout_ms)
{
	u64 deadline = timer_now() + timer_freq() / 1000 * timeout_ms;

	while (READ_ONCE(vq->used.idx) == vq->last_used) {
		if (timer_now() > deadline)
			return false;
		if (d->intid) {
			u64 f = irq_save();

			/* IRQs masked: a completion that comes before the wait still ends it. */
			if (READ_ONCE(vq->used.idx) == vq->last_used)
				cpu_wait_irq();
			irq_restore(f);
		}
	}
	return true;
}

static struct vio *irq_devs[8];

/* Every device on the interrupt (PCI INTx lines are shared): each acknowledges its own. */
static void vio_irq(u32 intid)
{
	for (u32 i = 0; i < ARRAY_SIZE(irq_devs); i++)
		if (irq_devs[i] && irq_devs[i]->intid == intid) {
			irq_devs[i]
			    ->irqs++; /* taken on its line (the driver may have acked it polling) */
			vio_ack_irq(irq_devs[i]);
		}
}

void vio_irq_report(void)
{
	for (u32 i = 0; i < ARRAY_SIZE(irq_devs); i++)
		if (irq_devs[i])
			printf(
			    "%s at %s: interrupt %u, %u taken\n",
			    irq_devs[i]->device_id == VIRTIO_ID_BLOCK ? "virtio-blk" : "virtio-net",
			    irq_devs[i]->where, irq_devs[i]->intid, READ_ONCE(irq_devs[i]->irqs));
}

void vio_irq_attach(struct vio *d, u32 intid)
{
	for (u32 i = 0; i < ARRAY_SIZE(irq_devs); i++)
		if (!irq_devs[i]) {
			irq_devs[i] = d;
			d->intid = intid;
			irq_register(intid, vio_irq);
			irq_enable(intid);
			return;
		}
}
