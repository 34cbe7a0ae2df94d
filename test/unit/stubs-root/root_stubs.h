/*
 * What the root's drivers take from the partition runtime, for their unit
 * tests (root_stubs.c): printf collects into console[] (a test empties it),
 * and the counter moves 10 ticks per read at 1 MHz, so a driver's deadline
 * of 1 ms is 100 reads of it.
 */
#ifndef ROOT_STUBS_H
#define ROOT_STUBS_H
#include <bulkhead/types.h>

extern char console[4096];
extern u64 now;

#endif
