/*
 * Fixed limits of the reference root runtime (partitions/root) that depend
 * on the system description, so that the generator refuses a description
 * the runtime would serve only in part. (Channels and vCPUs follow Kconfig:
 * partitions/lib sizes its tables from CONFIG_VMBUS_MAX_CHANNELS and
 * CONFIG_MAX_VCPUS_PER_PARTITION.)
 */
#ifndef BULKHEAD_ROOT_LIMITS_H
#define BULKHEAD_ROOT_LIMITS_H

/* PCI ECAM hosts ("pci-host-ecam-generic") the root scans. */
#define BH_ROOT_MAX_PCI_HOSTS 2

#endif
