/*
 *
 * Automatically generated file; DO NOT EDIT.
 * Bulkhead hypervisor configuration
 *
 */
#define CONFIG_SIGNING_KEY_NAME "bulkhead"
#define CONFIG_SIGN_ECDSA256 1
#define CONFIG_ARCH "x86"
#define CONFIG_BOARD_QEMU_X86_64 1
#define CONFIG_PROGRAMS "root hello ticker faulter bench echo blkcheck netecho villain vmbench"
#define CONFIG_MAX_PARTITIONS 8
#define CONFIG_MAX_VCPUS_PER_PARTITION 8
#define CONFIG_SIGNING_KEY_DIR ""
#define CONFIG_MAX_REGIONS_PER_PARTITION 64
#define CONFIG_BOARD "qemu_x86_64"
#define CONFIG_LOG_LEVEL 2
#define CONFIG_HV_STACK_SIZE 0x4000
#define CONFIG_CONSOLE_ESCAPE_CHAR 0x1d
#define CONFIG_PAGE_SIZE 0x1000
#define CONFIG_NR_CPUS 4
#define CONFIG_SYSTEM_DTS "configs/qemu_x86_64.dts"
#define CONFIG_NVSTORE_CFI 1
#define CONFIG_VMBUS_MAX_CHANNELS 16
#define CONFIG_CROSS_COMPILE ""
#define CONFIG_ARCH_X86_64 1
