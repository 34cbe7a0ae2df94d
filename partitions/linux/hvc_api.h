/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hypervisor-console (hvc) backend interface, as Linux 6.1 exports it
 * (hvc_alloc, hvc_instantiate, hvc_remove, hvc_kick; struct hv_ops).
 * Debian's headers packages do not ship drivers/tty/hvc/hvc_console.h,
 * so its exported declarations are restated here; the layout of hv_ops is
 * part of that interface and has been stable since 4.x (flush last added).
 */
#ifndef BH_HVC_API_H
#define BH_HVC_API_H
#include <linux/types.h>

struct hvc_struct;

struct hv_ops {
	int (*get_chars)(uint32_t vtermno, char *buf, int count);
	int (*put_chars)(uint32_t vtermno, const char *buf, int count);
	int (*flush)(uint32_t vtermno, bool wait);
	int (*notifier_add)(struct hvc_struct *hp, int irq);
	void (*notifier_del)(struct hvc_struct *hp, int irq);
	void (*notifier_hangup)(struct hvc_struct *hp, int irq);
	int (*tiocmget)(struct hvc_struct *hp);
	int (*tiocmset)(struct hvc_struct *hp, unsigned int set, unsigned int clear);
	void (*dtr_rts)(struct hvc_struct *hp, int raise);
};

int hvc_instantiate(uint32_t vtermno, int index, const struct hv_ops *ops);
struct hvc_struct *hvc_alloc(uint32_t vtermno, int data, const struct hv_ops *ops, int outbuf_size);
int hvc_remove(struct hvc_struct *hp);
void hvc_kick(void);

#endif
