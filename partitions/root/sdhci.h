/*
 * The root's SD host controller driver (SDHCI 2.0/3.0: the Arasan controller
 * of the Zynq UltraScale+ and its QEMU model) with one SD memory card: the
 * card set up in 4-bit default speed, data by PIO through the buffer data
 * port, polled with a deadline on every wait.
 */
#ifndef ROOT_SDHCI_H
#define ROOT_SDHCI_H
#include "root_dev.h"

#define SDHCI_MAX 2 /* the ZynqMP has two controllers */

struct sdhci {
	struct root_disk disk; /* what the services use; capacity from the card's CSD */
	u64 base;
	char where[20];	  /* for messages: "ff170000" */
	u32 rca;	  /* the card's relative address (CMD3) */
	bool block_addr;  /* SDHC/SDXC: the argument is a sector; SDSC: a byte address */
	const char *kind; /* "SDSC", "SDHC", "SDXC" */
	bool read_only;	  /* the card's write-protect switch is on: writes refused */
	u32 errors;	  /* failed transfers */
	u32 unreported;	  /* error lines not printed (after the first few failed transfers) */
};

/*
 * Resets the controller at base and sets up its card: 0 when the card is
 * ready, else negative with the reason on the console ("sdhci at <where>: ...").
 */
int sdhci_init(struct sdhci *s, u64 base);
int sdhci_read(struct sdhci *s, u64 sector, void *buf, u32 count);
int sdhci_write(struct sdhci *s, u64 sector, const void *buf, u32 count);
int sdhci_flush(struct sdhci *s); /* waits until the card is ready for data again */

#endif
