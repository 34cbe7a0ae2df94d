/* The watchdog wdfeed drives, per architecture (arch/<arch>/wdog.c). */
#ifndef WDFEED_H
#define WDFEED_H
#include <bulkhead/types.h>

/* Finds it in the partition DTB and puts what it read of it in desc; false: there is none. */
bool wdog_probe(char *desc, u32 size);
void wdog_feed(void);

#endif
