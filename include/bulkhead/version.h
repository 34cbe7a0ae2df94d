/*
 * Bulkhead's version as the boot banner prints it. The Makefile reads it
 * from here too (generated/system.json), so there is one place to change.
 */
#ifndef BULKHEAD_VERSION_H
#define BULKHEAD_VERSION_H
#define BULKHEAD_VERSION "0.1"
#endif
