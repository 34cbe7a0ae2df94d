// SPDX-License-Identifier: GPL-2.0
/* The fake-arch system's tables and memory (fake_system.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmbus/bus.h>
#include "fake_arch.h"
#include "fake_nvstore.h"
#include "fake_system.h"

u8 fs_ram[FS_PARTS][FS_RAM] __attribute__((aligned(4096)));
u8 fs_bus[2][0x2000] __attribute__((aligned(4096)));
u8 fs_store[2][FS_STORE] __attribute__((aligned(8)));
u8 fs_chan[FS_CHAN_SIZE] __attribute__((aligned(4096)));

#define PA(x) ((u64)(uintptr_t)(x))

static const u32 cpus_root[] = {0}, cpus_app[] = {1, 2}, cpus_halter[] = {3};
static const s32 cpu_partition[] = {FS_ROOT, FS_APP, FS_APP, FS_HALTER};
static const u32 cpu_vcpu[] = {0, 0, 1, 0};
static const u64 cpu_mpidr[] = {0, 1, 2, 3};

/* Channel "con": root's bit 1 on its vCPU 0, app's bit 1 on its vCPU 0. */
static const struct bh_chan_end root_chans[] = {
    {.peer = FS_APP, .peer_vcpu = 0, .peer_bit = 1, .peer_index = 0, .channel = 0},
};
static const struct bh_chan_end app_chans[] = {
    {.peer = FS_ROOT,
     .peer_vcpu = 0,
     .peer_bit = 1,
     .peer_index = 0,
     .rate_limit = 1000,
     .channel = 0},
};
static const struct bh_channel channels[] = {
    {.name = "con",
     .pa = PA(fs_chan),
     .size = FS_CHAN_SIZE,
     .provider = FS_ROOT,
     .consumer = FS_APP,
     .ring_c2p = 0x2000,
     .ring_p2c = 0x2000},
};

struct bh_partition fs_part[FS_PARTS];

static const struct bh_partition part_template[FS_PARTS] = {
    [FS_ROOT] = {.name = "root",
		 .id = FS_ROOT,
		 .is_root = 1,
		 .restart = BH_RESTART_RESTART,
		 .restart_delay_ms = 10,
		 .restart_delay_max_ms = 1000,
		 .restart_stable_ms = 60000,
		 .nr_vcpus = 1,
		 .cpus = cpus_root,
		 .fit_config = "partition-root",
		 .nr_chans = 1,
		 .chans = root_chans,
		 .bus_pa = PA(fs_bus[0])},
    [FS_APP] = {.name = "app",
		.id = FS_APP,
		.restart = BH_RESTART_RESTART,
		.restart_limit = 3,
		.restart_delay_ms = 10,
		.restart_delay_max_ms = 40,
		.restart_stable_ms = 1000,
		.nr_vcpus = 2,
		.cpus = cpus_app,
		.fit_config = "partition-app",
		.has_initrd = 1,
		.nr_chans = 1,
		.chans = app_chans,
		.bus_pa = PA(fs_bus[1])},
    [FS_HALTER] = {.name = "halter",
		   .id = FS_HALTER,
		   .restart = BH_RESTART_HALT,
		   .nr_vcpus = 1,
		   .cpus = cpus_halter,
		   .fit_config = "partition-newer"},
};

const struct bh_system bh_system = {
    .store_base = PA(fs_store[0]),
    .store_size = FS_STORE,
    .store_b_base = PA(fs_store[1]),
    .store_b_size = FS_STORE,
    .rollback_pa = 0x1000000,
    .rollback_size = 2 * FAKE_NV_COPY,
    .nr_cpus = 4,
    .cpu_mpidr = cpu_mpidr,
    .cpu_partition = cpu_partition,
    .cpu_vcpu = cpu_vcpu,
    .nr_partitions = FS_PARTS,
    .partitions = fs_part,
    .nr_channels = 1,
    .channels = channels,
};

/* core/main.c's console input for a partition (the arch's UART model). */
void vuart_input(int part, char c)
{
	(void)part;
	(void)c;
}

u8 *fs_at(u32 part, u64 off)
{
	return &fs_ram[part][off];
}

static void load_store(void)
{
	FILE *f = fopen(CORE_FIT, "rb");
	size_t n;

	if (!f)
		abort();
	n = fread(fs_store[0], 1, FS_STORE, f);
	fclose(f);
	if (!n || n == FS_STORE)
		abort(); /* the store must hold it whole */
	memcpy(fs_store[1], fs_store[0], FS_STORE);
}

void fs_boot(void)
{
	memcpy(fs_part, part_template, sizeof(fs_part));
	for (u32 i = 0; i < FS_PARTS; i++) {
		struct bh_partition *c = &fs_part[i];

		c->ram_ipa = FS_RAM_IPA;
		c->ram_pa = PA(fs_ram[i]);
		c->ram_size = FS_RAM;
		c->entry_ipa = c->image_ipa = FS_RAM_IPA;
		c->image_max = FS_DTB_OFF;
		c->dtb_ipa = FS_RAM_IPA + FS_DTB_OFF;
		c->dtb_max = FS_INITRD_OFF - FS_DTB_OFF;
		c->initrd_ipa = FS_RAM_IPA + FS_INITRD_OFF;
		c->initrd_max = FS_RAM - FS_INITRD_OFF;
	}
	memset(partitions, 0, sizeof(partitions));
	memset(fs_ram, 0x5a, sizeof(fs_ram)); /* the boot loader's leftovers */
	load_store();
}
