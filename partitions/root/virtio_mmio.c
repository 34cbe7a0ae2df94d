// SPDX-License-Identifier: GPL-2.0
/* virtio-mmio transport and split virtqueues (virtio_mmio.h). */
#include <string.h>
#include <asm/sysreg.h>
#include "part.h"
#include "virtio_mmio.h"

#define MAGIC 0x000
#define VERSION 0x004
#define DEVICE_ID 0x008
#define DEVICE_FEATURES 0x010
#define DEVICE_FEATURES_SEL 0x014
#define DRIVER_FEATURES 0x020
#define DRIVER_FEATURES_SEL 0x024
#define GUEST_PAGE_SIZE 0x028
#define QUEUE_SEL 0x030
#define QUEUE_NUM_MAX 0x034
#define QUEUE_NUM 0x038
#define QUEUE_ALIGN 0x03c
#define QUEUE_PFN 0x040
#define QUEUE_READY 0x044
#define QUEUE_NOTIFY 0x050
#define INTERRUPT_STATUS 0x060
#define INTERRUPT_ACK 0x064
#define STATUS 0x070
#define QUEUE_DESC_LOW 0x080
#define QUEUE_DESC_HIGH 0x084
#define QUEUE_AVAIL_LOW 0x090
#define QUEUE_AVAIL_HIGH 0x094
#define QUEUE_USED_LOW 0x0a0
#define QUEUE_USED_HIGH 0x0a4
#define CONFIG 0x100

#define ST_ACK 1
#define ST_DRIVER 2
#define ST_DRIVER_OK 4
#define ST_FEATURES_OK 8

static u32 rd(struct vio *d, u32 off)
{
	return mmio_read32(d->base + off);
}

static void wr(struct vio *d, u32 off, u32 v)
{
	mmio_write32(d->base + off, v);
}

int vio_probe(struct vio *d, u64 base, u32 device_id, u32 want)
{
	d->base = base;
	if (rd(d, MAGIC) != 0x74726976 || rd(d, DEVICE_ID) != device_id)
		return -1;
	d->version = rd(d, VERSION);
	wr(d, STATUS, 0);
	wr(d, STATUS, ST_ACK | ST_DRIVER);
	wr(d, DEVICE_FEATURES_SEL, 0);
	d->features = rd(d, DEVICE_FEATURES) & want;
	wr(d, DRIVER_FEATURES_SEL, 0);
	wr(d, DRIVER_FEATURES, d->features);
	if (d->version >= 2) {
		wr(d, DRIVER_FEATURES_SEL, 1);
		wr(d, DRIVER_FEATURES, 1); /* VIRTIO_F_VERSION_1 */
		wr(d, STATUS, ST_ACK | ST_DRIVER | ST_FEATURES_OK);
		if (!(rd(d, STATUS) & ST_FEATURES_OK))
			return -2;
	} else {
		wr(d, GUEST_PAGE_SIZE, 4096);
	}
	return 0;
}

int vio_queue(struct vio *d, u32 index, struct virtq *vq)
{
	wr(d, QUEUE_SEL, index);
	if (rd(d, QUEUE_NUM_MAX) < VQ_SIZE)
		return -1;
	memset(vq, 0, sizeof(*vq));
	wr(d, QUEUE_NUM, VQ_SIZE);
	if (d->version >= 2) {
		u64 a = (u64)(uintptr_t)&vq->desc, b = (u64)(uintptr_t)&vq->avail;
		u64 c = (u64)(uintptr_t)&vq->used;

		wr(d, QUEUE_DESC_LOW, (u32)a);
		wr(d, QUEUE_DESC_HIGH, (u32)(a >> 32));
		wr(d, QUEUE_AVAIL_LOW, (u32)b);
		wr(d, QUEUE_AVAIL_HIGH, (u32)(b >> 32));
		wr(d, QUEUE_USED_LOW, (u32)c);
		wr(d, QUEUE_USED_HIGH, (u32)(c >> 32));
		wr(d, QUEUE_READY, 1);
	} else {
		wr(d, QUEUE_ALIGN, 4096);
		wr(d, QUEUE_PFN, (u32)((uintptr_t)vq >> 12));
	}
	return 0;
}

void vio_ready(struct vio *d)
{
	wr(d, STATUS, rd(d, STATUS) | ST_DRIVER_OK);
}

void vio_notify(struct vio *d, u32 index)
{
	wr(d, QUEUE_NOTIFY, index);
}

u32 vio_config32(struct vio *d, u32 off)
{
	return rd(d, CONFIG + off);
}

u8 vio_config8(struct vio *d, u32 off)
{
	return *(volatile u8 *)(uintptr_t)(d->base + CONFIG + off);
}

void vio_ack_irq(struct vio *d)
{
	wr(d, INTERRUPT_ACK, rd(d, INTERRUPT_STATUS));
}

void virtq_submit(struct virtq *vq, u16 head)
{
	vq->avail.ring[vq->avail.idx % VQ_SIZE] = head;
	__asm__ volatile("dmb sy" ::: "memory"); /* descriptors before the index */
	WRITE_ONCE(vq->avail.idx, (u16)(vq->avail.idx + 1));
	__asm__ volatile("dmb sy" ::: "memory"); /* the index before the notify */
}

bool virtq_take(struct virtq *vq, u32 *head, u32 *len)
{
	if (READ_ONCE(vq->used.idx) == vq->last_used)
		return false;
	__asm__ volatile("dmb sy" ::: "memory");
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

			/* IRQs masked: a completion that comes before the WFI still ends it. */
			if (READ_ONCE(vq->used.idx) == vq->last_used)
				cpu_wait_irq();
			irq_restore(f);
		}
	}
	return true;
}

static struct vio *irq_devs[8];

static void vio_irq(u32 intid)
{
	for (u32 i = 0; i < ARRAY_SIZE(irq_devs); i++)
		if (irq_devs[i] && irq_devs[i]->intid == intid)
			vio_ack_irq(irq_devs[i]);
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
