# SPDX-License-Identifier: GPL-2.0
#
# Bulkhead top-level Makefile (Kbuild style, non-recursive).
#
#   make <board>_defconfig   pick a board (configs/*_defconfig)
#   make menuconfig          tune it
#   make                     build build/bulkhead.itb
#   make run                 boot it in QEMU
#   make test                unit + integration + fuzz smoke tests
#
# O=<dir> build folder (default: build), V=1 full commands,
# SYSTEM_DTS=<file> system description instead of CONFIG_SYSTEM_DTS.

MAKEFLAGS += --no-print-directory -rR
.SUFFIXES:
.DELETE_ON_ERROR:

srctree := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
O ?= build
objtree := $(abspath $(O))
DEFAULT_BOARD := qemu_arm64
PYTHON := /usr/bin/python3
comma := ,
export srctree objtree

# Every C build (hypervisor, partitions, generator, tests, emulation
# firmware) takes these with -Werror: a function other files call is
# declared in a header, one used only in its file is static.
PROTO_WARNINGS := -Wmissing-prototypes -Wmissing-declarations -Wstrict-prototypes

ifeq ($(V),1)
  Q :=
  quiet = @:
else
  Q := @
  quiet = @printf '  %-8s %s\n'
endif

config-targets := %config %_defconfig menuconfig olddefconfig savedefconfig
no-config-targets := help clean distclean mrproper setup-host fetch sources emu-firmware

# Kbuild's mixed-targets rule: "make qemu_x86_64_defconfig run" must
# configure first and then build the new board. One make cannot: it reads
# the old auto.conf (and remakes it from the old .config) before any goal
# runs. So a command line that mixes config goals with others runs each
# goal in a make of its own, in order.
mixed-targets :=
ifneq ($(filter $(config-targets),$(MAKECMDGOALS)),)
  ifneq ($(filter-out $(config-targets),$(MAKECMDGOALS)),)
    mixed-targets := 1
  endif
  ifneq ($(words $(filter $(config-targets),$(MAKECMDGOALS))),1)
    mixed-targets := 1
  endif
endif

ifeq ($(mixed-targets),1)
$(MAKECMDGOALS): __build_one_by_one
	@:
__build_one_by_one:
	$(Q)set -e; for goal in $(MAKECMDGOALS); do $(MAKE) -f $(srctree)/Makefile $$goal; done
.PHONY: __build_one_by_one
else # !mixed-targets

need-config := 1
ifneq ($(MAKECMDGOALS),)
  ifeq ($(filter-out $(config-targets) $(no-config-targets),$(MAKECMDGOALS)),)
    need-config :=
  endif
endif

KCONFIG_CONFIG := $(objtree)/.config
AUTOCONF := $(objtree)/include/config/auto.conf
AUTOHEADER := $(objtree)/include/generated/autoconf.h
KCONFIG_ENV := KCONFIG_CONFIG=$(KCONFIG_CONFIG) KCONFIG_AUTOCONFIG=$(AUTOCONF) \
	KCONFIG_AUTOHEADER=$(AUTOHEADER) srctree=$(srctree)

HOST_STAMP := $(objtree)/.host-ok

all:

# ---------------------------------------------------------------- host set-up
$(HOST_STAMP): $(srctree)/scripts/setup-host
	$(Q)mkdir -p $(objtree)
	$(Q)$(srctree)/scripts/setup-host
	$(Q)touch $@

setup-host:
	$(Q)$(srctree)/scripts/setup-host

# ---------------------------------------------------------------- downloads
# Every Debian source and package a build takes (libfdt, mbedtls, the Linux
# guests' kernels and busybox) is downloaded once into BH_DL_DIR and taken
# from there. "make fetch" fills it for every board; with BH_OFFLINE=1 a
# build never downloads and names what the cache lacks (docs/offline.md).
BH_DL_DIR ?= $(objtree)/dl
override BH_DL_DIR := $(abspath $(BH_DL_DIR))
export BH_DL_DIR BH_OFFLINE
# Debian's cloud kernel (small: virtio, PL011, GIC) for the QEMU boards, its
# generic one (every SoC's drivers: ZynqMP's too) for a real board.
LINUX_FLAVOUR ?= $(if $(filter zcu102,$(BOARD)),generic,cloud)
fetch sources: | $(HOST_STAMP)
	$(Q)$(srctree)/scripts/fetch-source --download libfdt
	$(Q)$(srctree)/scripts/fetch-source --download mbedtls
	$(Q)$(srctree)/scripts/fetch-source --download tf-a
	$(Q)$(srctree)/scripts/fetch-source --download u-boot
	$(Q)for arch in arm64 amd64; do \
		$(srctree)/scripts/fetch-linux-guest --download $(LINUX_FLAVOUR) $$arch || exit 1; done
	$(Q)$(srctree)/scripts/fetch-linux-guest --download generic arm64
	@echo "download cache $(BH_DL_DIR): $$(du -sh $(BH_DL_DIR) | cut -f1);" \
		"builds take everything from it (BH_OFFLINE=1: never download)"
.PHONY: fetch sources

# ---------------------------------------------------------------- emulation firmware
# make emu-firmware: the EL3 stand-in QEMU's ZCU102 needs under u-boot
# (emulation only, never on a board: tools/emu/zynqmp-el3/README.md).
include $(srctree)/tools/emu/zynqmp-el3/Makefile.emu

# ---------------------------------------------------------------- Kconfig
# Debian's kconfiglib refuses what kconfig-conf takes silently: unknown
# symbols, values out of range or of another board (scripts/kconfig-check).
KCONFIG_CHECK = srctree=$(srctree) $(PYTHON) $(srctree)/scripts/kconfig-check $(srctree)/Kconfig

%_defconfig: $(HOST_STAMP) FORCE
	$(Q)test -f $(srctree)/configs/$@ || { echo "error: no board config configs/$@" \
		"(there are: $(patsubst $(srctree)/configs/%,%,$(wildcard $(srctree)/configs/*_defconfig)))" >&2; exit 1; }
	$(Q)$(KCONFIG_CHECK) $(srctree)/configs/$@
	$(Q)mkdir -p $(objtree)
	$(Q)$(KCONFIG_ENV) kconfig-conf --defconfig=$(srctree)/configs/$@ $(srctree)/Kconfig >/dev/null
	@echo "configured $(patsubst %_defconfig,%,$@) in $(O)/.config"

menuconfig: $(HOST_STAMP) FORCE
	$(Q)mkdir -p $(objtree)
	$(Q)$(KCONFIG_ENV) kconfig-mconf $(srctree)/Kconfig

olddefconfig: $(HOST_STAMP) FORCE
	$(Q)mkdir -p $(objtree)
	$(Q)if [ -f $(KCONFIG_CONFIG) ]; then $(KCONFIG_CHECK) --config $(KCONFIG_CONFIG); fi
	$(Q)$(KCONFIG_ENV) kconfig-conf --olddefconfig $(srctree)/Kconfig >/dev/null

savedefconfig: $(HOST_STAMP) FORCE
	$(Q)$(KCONFIG_ENV) kconfig-conf --savedefconfig=$(objtree)/defconfig $(srctree)/Kconfig
	@echo "wrote $(O)/defconfig"

ifdef need-config
# A fresh tree builds the default board, so that "make run" works at once.
$(KCONFIG_CONFIG): | $(HOST_STAMP)
	@echo "no $(O)/.config: using configs/$(DEFAULT_BOARD)_defconfig"
	$(Q)mkdir -p $(objtree)
	$(Q)$(KCONFIG_ENV) kconfig-conf --defconfig=$(srctree)/configs/$(DEFAULT_BOARD)_defconfig \
		$(srctree)/Kconfig >/dev/null

# The tree's Kconfig files: not those in build folders inside it (a u-boot
# source tree the download cache is building has hundreds, coming and going).
KCONFIG_FILES := $(shell find $(srctree) \( -path '$(objtree)' -o -name 'build*' -o -name dl -o \
	-name '.work-*' -o -name .git \) -prune -o -name Kconfig -print)
$(AUTOCONF) $(AUTOHEADER) &: $(KCONFIG_CONFIG) $(KCONFIG_FILES)
	$(Q)mkdir -p $(objtree)/include/config $(objtree)/include/generated
	@# Options newer than the .config take their defaults (as olddefconfig).
	$(Q)$(KCONFIG_ENV) kconfig-conf --olddefconfig $(srctree)/Kconfig >/dev/null
	$(Q)cd $(objtree) && $(KCONFIG_ENV) kconfig-conf --silentoldconfig $(srctree)/Kconfig
	$(Q)touch $(AUTOCONF) $(AUTOHEADER)

# A .config edited since auto.conf was made is checked before make reads
# anything from it: an unknown symbol is an error, not silently dropped.
ifneq ($(wildcard $(KCONFIG_CONFIG)),)
ifneq ($(shell test -e $(AUTOCONF) -a ! $(KCONFIG_CONFIG) -nt $(AUTOCONF) || echo stale),)
ifneq ($(shell $(KCONFIG_CHECK) --config $(KCONFIG_CONFIG) >&2; echo $$?),0)
$(error $(O)/.config is not valid (menuconfig or a defconfig writes a valid one))
endif
endif
endif

-include $(AUTOCONF)
endif

unquote = $(subst ",,$(1))

ifneq ($(CONFIG_ARCH),)
ARCH := $(call unquote,$(CONFIG_ARCH))
BOARD := $(call unquote,$(CONFIG_BOARD))
# The toolchain follows the architecture: CONFIG_CROSS_COMPILE empty takes
# Debian's for it (none needed when the host is of that architecture).
HOST_ARCH := $(shell uname -m)
ARCH_TRIPLET_arm64 := aarch64
ARCH_TRIPLET_x86 := x86_64
DEFAULT_CROSS := $(if $(filter $(ARCH_TRIPLET_$(ARCH)),$(HOST_ARCH)),,$(ARCH_TRIPLET_$(ARCH))-linux-gnu-)
CROSS_COMPILE ?= $(or $(call unquote,$(CONFIG_CROSS_COMPILE)),$(DEFAULT_CROSS))

# ---------------------------------------------------------------- toolchains
CC := $(CROSS_COMPILE)gcc
LD := $(CROSS_COMPILE)ld
OBJCOPY := $(CROSS_COMPILE)objcopy
HOSTCC := gcc
DTC := dtc
MKIMAGE := mkimage

GCC_INC := $(shell $(CC) -print-file-name=include 2>/dev/null)
# A prefix left from another architecture (menuconfig keeps strings) fails
# here in one line instead of with the compiler's unknown options.
CC_MACHINE := $(shell $(CC) -dumpmachine 2>/dev/null)
ifeq ($(filter $(ARCH_TRIPLET_$(ARCH))-%,$(CC_MACHINE)),)
$(error $(if $(CC_MACHINE),$(CC) builds for $(CC_MACHINE)$(comma) not for $(ARCH),no compiler $(CC) for $(ARCH)):\
 set CONFIG_CROSS_COMPILE (now "$(call unquote,$(CONFIG_CROSS_COMPILE))") empty in menuconfig$(comma)\
 or to a $(ARCH_TRIPLET_$(ARCH)) toolchain's prefix)
endif

# Flags shared by everything that runs on the target (hypervisor, partitions).
TARGET_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror $(PROTO_WARNINGS) -ffreestanding -fno-builtin \
	-nostdinc -isystem $(GCC_INC) -I$(srctree)/include/libc -I$(srctree)/include \
	-I$(objtree)/include -include $(AUTOHEADER) -fno-common -fno-stack-protector \
	-fno-strict-aliasing -ffunction-sections -fdata-sections -MMD -MP
ifeq ($(ARCH),arm64)
# Armv8.0 (no LSE): atomics as inline exclusive-access loops, not calls to
# libgcc's outline helpers (about ten instructions more each: make bench).
TARGET_CFLAGS += -mgeneral-regs-only -mstrict-align \
	$(if $(CONFIG_ARM64_LSE_ATOMICS),-march=armv8.1-a,-march=armv8-a -mno-outline-atomics)
endif
ifeq ($(ARCH),x86)
# No SSE before the code enables it, no red zone under interrupts, no CET notes.
TARGET_CFLAGS += -m64 -mgeneral-regs-only -mno-red-zone -fcf-protection=none \
	-fno-asynchronous-unwind-tables
endif

HV_CFLAGS := $(TARGET_CFLAGS) -fno-pie -fno-pic -mcmodel=small -D__BULKHEAD_HV__ \
	-I$(srctree)/core -I$(srctree)/arch/$(ARCH)/include -I$(srctree)/include/hw/$(ARCH) -I$(objtree)/generated \
	-I$(objtree)/src/libfdt
# Each object's frame sizes and calls (.su, .ci beside the .o) for the
# worst-case stack check of make check (scripts/stack-check, docs/safety/stack.md).
HV_CFLAGS += -fstack-usage -fcallgraph-info=su
PART_CFLAGS := $(TARGET_CFLAGS) -fpie -D__BULKHEAD_PARTITION__ -I$(srctree)/include/hw/$(ARCH) \
	-I$(srctree)/partitions/lib/include -I$(srctree)/partitions/lib/arch/$(ARCH) \
	-I$(objtree)/src/libfdt
HOST_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror $(PROTO_WARNINGS) -Wno-format-truncation -I$(srctree)/include -MMD -MP

# ---------------------------------------------------------------- objects
# Each directory's Kbuild lists its objects in obj-y (obj-$(CONFIG_X) works).
define collect
obj-y :=
include $(srctree)/$(1)/Kbuild
$(2) += $$(addprefix $(objtree)/$(1)/,$$(obj-y))
endef

hv-objs :=
$(eval $(call collect,arch/$(ARCH),hv-objs))
$(eval $(call collect,core,hv-objs))
$(eval $(call collect,lib,hv-objs))
hv-objs += $(objtree)/generated/hv_config.o $(objtree)/generated/signing_key.o

LIBFDT_OBJS := fdt.o fdt_ro.o fdt_wip.o fdt_sw.o fdt_rw.o fdt_strerror.o fdt_addresses.o
hv-libfdt := $(addprefix $(objtree)/hv/libfdt/,$(LIBFDT_OBJS))
part-libfdt := $(addprefix $(objtree)/part/libfdt/,$(LIBFDT_OBJS))
LIBFDT_STAMP := $(objtree)/src/libfdt/.fetched

# mbedtls for image verification: the modules core/crypto/mbedtls_config.h enables.
MBEDTLS_OBJS := sha256.o bignum.o ecp.o ecp_curves.o ecdsa.o rsa.o rsa_internal.o \
	constant_time.o platform.o platform_util.o memory_buffer_alloc.o
hv-mbedtls := $(addprefix $(objtree)/hv/mbedtls/,$(MBEDTLS_OBJS))
MBEDTLS_STAMP := $(objtree)/src/mbedtls/.fetched
MBEDTLS_CFLAGS := -DMBEDTLS_CONFIG_FILE='"mbedtls_config.h"' -I$(srctree)/core/crypto \
	-I$(srctree)/core/crypto/libc -I$(objtree)/src/mbedtls/include

part-lib-objs :=
$(eval $(call collect,partitions/lib,part-lib-objs))
$(eval $(call collect,partitions/lib/arch/$(ARCH),part-lib-objs))
$(eval $(call collect,vmbus,part-lib-objs))
part-lib-objs := $(patsubst $(objtree)/%,$(objtree)/part/%,$(part-lib-objs))
# The partitions share lib/ (string, printf) with the hypervisor, built PIE.
part-lib-objs += $(patsubst $(objtree)/lib/%,$(objtree)/part/lib/%,$(filter $(objtree)/lib/%,$(hv-objs)))

PROGRAMS := $(call unquote,$(CONFIG_PROGRAMS))
prog-bin = $(objtree)/partitions/$(1)/$(1).bin
define program
$(1)-objs :=
obj-y :=
include $(srctree)/partitions/$(1)/Kbuild
$(1)-objs := $$(addprefix $(objtree)/part/partitions/$(1)/,$$(obj-y))
$(objtree)/part/partitions/$(1)/$(1).elf: $$($(1)-objs) $(part-lib-objs) $(part-libfdt) \
		$(srctree)/partitions/lib/arch/$(ARCH)/partition.lds
	$$(quiet) LD $$@
	$$(Q)mkdir -p $$(dir $$@)
	$$(Q)$$(CC) -nostdlib -static-pie -Wl,--no-dynamic-linker -Wl,-z,norelro -Wl,--gc-sections \
		-Wl,--build-id=none -Wl,--no-warn-rwx-segments -T $(srctree)/partitions/lib/arch/$(ARCH)/partition.lds \
		-o $$@ $$($(1)-objs) $(part-lib-objs) $(part-libfdt) -lgcc
$(call prog-bin,$(1)): $(objtree)/part/partitions/$(1)/$(1).elf
	$$(Q)mkdir -p $$(dir $$@)
	$$(quiet) OBJCOPY $$@
	$$(Q)$$(OBJCOPY) -O binary $$< $$@
ALL_PART_OBJS += $$($(1)-objs)
endef
ALL_PART_OBJS :=
$(foreach p,$(PROGRAMS),$(eval $(call program,$(p))))
PROG_BINS := $(foreach p,$(PROGRAMS),$(call prog-bin,$(p)))

# ---------------------------------------------------------------- compile rules
$(objtree)/%.o: $(srctree)/%.c $(AUTOHEADER) | $(LIBFDT_STAMP)
	$(Q)mkdir -p $(dir $@)
	$(quiet) CC $@
	$(Q)$(CC) $(HV_CFLAGS) -c -o $@ $<

$(objtree)/%.o: $(srctree)/%.S $(AUTOHEADER)
	$(Q)mkdir -p $(dir $@)
	$(quiet) AS $@
	$(Q)$(CC) $(HV_CFLAGS) -D__ASSEMBLY__ -c -o $@ $<

$(objtree)/generated/%.o: $(objtree)/generated/%.c $(AUTOHEADER)
	$(quiet) CC $@
	$(Q)$(CC) $(HV_CFLAGS) -c -o $@ $<

$(objtree)/hv/libfdt/%.o: $(LIBFDT_STAMP)
	$(Q)mkdir -p $(dir $@)
	$(quiet) CC $@
	$(Q)$(CC) $(HV_CFLAGS) -Wno-sign-compare -c -o $@ $(objtree)/src/libfdt/$*.c

$(objtree)/hv/mbedtls/%.o: $(MBEDTLS_STAMP) $(srctree)/core/crypto/mbedtls_config.h $(AUTOHEADER)
	$(Q)mkdir -p $(dir $@)
	$(quiet) CC $@
	$(Q)$(CC) $(HV_CFLAGS) $(MBEDTLS_CFLAGS) -c -o $@ $(objtree)/src/mbedtls/$*.c

$(objtree)/core/crypto/%.o: HV_CFLAGS += $(MBEDTLS_CFLAGS)
$(filter $(objtree)/core/crypto/%,$(hv-objs)): | $(MBEDTLS_STAMP)

$(objtree)/part/libfdt/%.o: $(LIBFDT_STAMP)
	$(Q)mkdir -p $(dir $@)
	$(quiet) CC $@
	$(Q)$(CC) $(PART_CFLAGS) -Wno-sign-compare -c -o $@ $(objtree)/src/libfdt/$*.c

$(objtree)/part/%.o: $(srctree)/%.c $(AUTOHEADER) | $(LIBFDT_STAMP)
	$(Q)mkdir -p $(dir $@)
	$(quiet) CC $@
	$(Q)$(CC) $(PART_CFLAGS) -c -o $@ $<

$(objtree)/part/%.o: $(srctree)/%.S $(AUTOHEADER)
	$(Q)mkdir -p $(dir $@)
	$(quiet) AS $@
	$(Q)$(CC) $(PART_CFLAGS) -D__ASSEMBLY__ -c -o $@ $<

# libfdt and mbedtls, freestanding, from Debian's source packages (never committed).
.PRECIOUS: $(objtree)/src/%/.fetched
$(objtree)/src/%/.fetched: $(srctree)/scripts/fetch-source | $(HOST_STAMP)
	$(quiet) UNPACK $*
	$(Q)$(srctree)/scripts/fetch-source $(objtree)/src $*
	$(Q)touch $@

# ---------------------------------------------------------------- system description
ifeq ($(origin SYSTEM_DTS),command line)
  SYSTEM_DTS_PATH := $(abspath $(SYSTEM_DTS))
  SYSTEM_DTS_NAME := $(SYSTEM_DTS)
else
  SYSTEM_DTS_NAME := $(or $(call unquote,$(CONFIG_SYSTEM_DTS)),configs/$(BOARD).dts)
  SYSTEM_DTS_PATH := $(if $(filter /%,$(SYSTEM_DTS_NAME)),$(SYSTEM_DTS_NAME),$(srctree)/$(SYSTEM_DTS_NAME))
endif
# make splits names at blanks and reads a colon as a rule: say so, instead
# of "no such system description" or "target pattern contains no '%'".
ifneq ($(words $(SYSTEM_DTS_NAME))$(findstring :,$(SYSTEM_DTS_PATH)),1)
$(error system description '$(SYSTEM_DTS_NAME)': make cannot handle a path with blanks or\
 colons; rename it or link it from a path without any)
endif
DTS_SEL := $(objtree)/system-dts.path
ifdef need-config
$(shell mkdir -p $(objtree); echo '$(SYSTEM_DTS_PATH)' | cmp -s - $(DTS_SEL) || echo '$(SYSTEM_DTS_PATH)' > $(DTS_SEL))
endif

# A missing description must fail even when an old system.dtb exists; a
# build folder from before the source map (system.dtb.srcpos) gets one.
$(objtree)/system.dtb: $(if $(wildcard $(SYSTEM_DTS_PATH)),$(SYSTEM_DTS_PATH),FORCE) $(DTS_SEL) \
		$(if $(wildcard $(objtree)/system.dtb.srcpos),,FORCE) | $(HOST_STAMP)
	$(quiet) DTC $@
	$(Q)test -f $(SYSTEM_DTS_PATH) || { echo "error: $(SYSTEM_DTS_NAME): no such system description" >&2; exit 1; }
	$(Q)cpp -nostdinc -undef -x assembler-with-cpp -I$(srctree)/configs/boards \
		-I$(srctree)/include/dt-bindings -I$(dir $(SYSTEM_DTS_PATH)) \
		-MD -MP -MF $@.d -MT $@ -o $@.pre $(SYSTEM_DTS_PATH) || { rm -f $@.d; exit 1; }
	@# -MP leaves the main file out: a description that moved (or a temporary one
	@# dtc then refused) must not break the next build with "No rule to make target".
	$(Q)echo '$(SYSTEM_DTS_PATH):' >> $@.d
	$(Q)$(DTC) -q -I dts -O dtb -o $@ $@.pre
	@# Source positions for the generator's messages (file:line, tools/gen/srcmap.c).
	$(Q)$(DTC) -q -I dts -O dts -T -T -o $@.srcpos $@.pre
-include $(objtree)/system.dtb.d

# ---------------------------------------------------------------- generator
GEN := $(objtree)/tools/bulkhead-gen
gen-objs :=
$(eval $(call collect,tools/gen,gen-objs))
gen-objs := $(patsubst $(objtree)/%,$(objtree)/host/%,$(gen-objs))
# The generator sizes stage-2 tables with the hypervisor's own region loop
# and builder, in the format of whichever arch the board is: both arches'
# descriptors, each built with its own headers.
gen-objs += $(objtree)/host/core/pgtable.o $(objtree)/host/core/pt_regions.o
$(gen-objs) $(objtree)/host/tools/gen/main.o: HOST_CFLAGS += -I$(srctree)/arch/$(ARCH)/include \
	-I$(srctree)/include/hw/$(ARCH)
gen-pt-descs := $(objtree)/host/arch/arm64/pgtable_desc.o $(objtree)/host/arch/x86/pgtable_desc.o
$(objtree)/host/arch/arm64/pgtable_desc.o: HOST_CFLAGS += -I$(srctree)/arch/arm64/include
$(objtree)/host/arch/x86/pgtable_desc.o: HOST_CFLAGS += -I$(srctree)/arch/x86/include

$(objtree)/host/%.o: $(srctree)/%.c | $(HOST_STAMP)
	$(Q)mkdir -p $(dir $@)
	$(quiet) HOSTCC $@
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -c -o $@ $<

$(GEN): $(gen-objs) $(gen-pt-descs) $(objtree)/host/tools/gen/main.o
	$(Q)mkdir -p $(dir $@)
	$(quiet) HOSTLD $@
	$(Q)$(HOSTCC) -o $@ $^ -lfdt

GEN_ARGS = --dts '$(SYSTEM_DTS_NAME)' --dtb $(objtree)/system.dtb --out $(objtree) \
	--arch $(ARCH) --nr-cpus $(CONFIG_NR_CPUS) --max-partitions $(CONFIG_MAX_PARTITIONS) \
	--max-vcpus $(CONFIG_MAX_VCPUS_PER_PARTITION) --max-regions $(CONFIG_MAX_REGIONS_PER_PARTITION) \
	--max-spi $(or $(CONFIG_ARM64_GIC_MAX_SPI),988) --gic $(if $(CONFIG_ARM64_GICV2),2,3) --programs '$(PROGRAMS)' \
	--max-channels $(CONFIG_VMBUS_MAX_CHANNELS) \
	--sign '$(SIGN_ALGO)' --key-name '$(KEY_NAME)' \
	--dts-dir $(patsubst %/,%,$(dir $(SYSTEM_DTS_PATH))) --search-dir $(objtree) \
	--srcmap $(objtree)/system.dtb.srcpos

# Read before anything is built: the board addresses (HV_BASE,
# HV_STORE_BASE) and GEN_INPUTS, the files the description pulls in (images,
# initrds), as gcc -MD lists headers.
SYSTEM_MK := $(objtree)/generated/system.mk
$(SYSTEM_MK): $(GEN) $(objtree)/system.dtb
	$(Q)mkdir -p $(dir $@)
	$(Q)$(GEN) $(GEN_ARGS) --system-mk $@
# A failed cpp or dtc must stop make at its own message: "include" (not
# "-include", after which make went on to say "No rule to make target
# system.dtb"), and an empty, ancient placeholder so that a fresh build
# folder does not add "system.mk: No such file or directory" either.
ifdef need-config
$(shell test -f $(SYSTEM_MK) || { mkdir -p $(dir $(SYSTEM_MK)) && touch -d @0 $(SYSTEM_MK); })
endif
include $(SYSTEM_MK)

# A Debian kernel + busybox initramfs for Linux partitions: a DTS names them
# as image = "linux/Image" (x86: "linux/bzImage"); initrd = "linux/initramfs.cpio.gz";
LINUX_GUEST_DIR := $(objtree)/linux
LINUX_ARCH := $(if $(filter x86,$(ARCH)),amd64,arm64)
LINUX_KERNEL := $(LINUX_GUEST_DIR)/$(if $(filter x86,$(ARCH)),bzImage,Image)
# Which kernel is there: another board's flavour is fetched again.
$(LINUX_GUEST_DIR)/flavour: FORCE
	$(Q)mkdir -p $(dir $@)
	$(Q)echo '$(LINUX_FLAVOUR)-$(LINUX_ARCH)' | cmp -s - $@ || echo '$(LINUX_FLAVOUR)-$(LINUX_ARCH)' > $@
$(LINUX_KERNEL) $(LINUX_GUEST_DIR)/initramfs-base.cpio.gz &: $(srctree)/scripts/fetch-linux-guest \
		$(LINUX_GUEST_DIR)/flavour | $(HOST_STAMP)
	$(quiet) LINUX "Debian linux-image-$(LINUX_FLAVOUR)-$(LINUX_ARCH) + headers + busybox-static initramfs"
	$(Q)$(srctree)/scripts/fetch-linux-guest $(LINUX_GUEST_DIR) $(LINUX_FLAVOUR) $(LINUX_ARCH)
# Bulkhead's VMBus drivers (partitions/linux/), built against that kernel's
# headers and appended to its initramfs.
LINUX_MODULE_SRCS := $(wildcard $(srctree)/partitions/linux/* $(srctree)/partitions/linux/include/*/* \
	$(srctree)/partitions/linux/include/*.h $(srctree)/vmbus/*.c $(srctree)/include/vmbus/*.h)
$(LINUX_GUEST_DIR)/initramfs.cpio.gz: $(LINUX_GUEST_DIR)/initramfs-base.cpio.gz $(LINUX_MODULE_SRCS) \
		$(srctree)/scripts/build-linux-modules
	$(quiet) KMOD "partitions/linux against $$(cat $(LINUX_GUEST_DIR)/KHEADERS | sed 's|.*/||')"
	$(Q)$(srctree)/scripts/build-linux-modules $(LINUX_GUEST_DIR) $(srctree) $(LINUX_ARCH) >/dev/null
linux-guest: $(LINUX_KERNEL) $(LINUX_GUEST_DIR)/initramfs.cpio.gz
.PHONY: linux-guest

GEN_OUT := $(objtree)/generated/hv_config.c
SYSTEM_MAP := $(objtree)/generated/system.map
# The generated system for programs (tests, make lava-job): written with the
# map, by the same run, so the two always describe the same build.
SYSTEM_JSON := $(objtree)/generated/system.json
VERSION_H := $(srctree)/include/bulkhead/version.h
BH_VERSION := $(shell sed -n 's/^\#define BULKHEAD_VERSION "\(.*\)"$$/\1/p' $(VERSION_H))
$(GEN_OUT) $(objtree)/generated/layout.lds $(SYSTEM_MAP) $(SYSTEM_JSON) &: $(GEN) $(objtree)/system.dtb \
		$(PROG_BINS) $(AUTOCONF) $(GEN_INPUTS) $(srctree)/Makefile $(VERSION_H)
	$(quiet) GEN $(SYSTEM_DTS_NAME)
	$(Q)mkdir -p $(objtree)/generated
	$(Q)$(GEN) $(GEN_ARGS) --system-json $(SYSTEM_JSON) --board '$(BOARD)' --version '$(BH_VERSION)'

# The system's map, printed once per generation after the FIT (not under
# make -s), and its picture: make diagram checks the description and draws
# it without building anything else. Only the picture needs Graphviz.
$(objtree)/generated/.map-shown: $(SYSTEM_MAP) | $(objtree)/bulkhead.itb
	$(Q)$(if $(findstring s,$(firstword -$(MAKEFLAGS))),:,cat $<)
	$(Q)touch $@
$(objtree)/generated/system.dot: $(GEN) $(objtree)/system.dtb $(AUTOCONF) $(srctree)/Makefile
	$(Q)mkdir -p $(dir $@)
	@# Warnings only for make diagram: in a build the generation itself warns.
	$(Q)$(GEN) $(GEN_ARGS) $(if $(filter diagram,$(MAKECMDGOALS)),,--quiet) --dot $@
$(objtree)/system.svg: $(objtree)/generated/system.dot
	$(quiet) DOT $@
	$(Q)command -v dot >/dev/null || { echo "error: no 'dot' to draw $@: install Debian's" \
		"graphviz (scripts/setup-host does)" >&2; exit 1; }
	$(Q)dot -Tsvg -o $@ $<
diagram: $(objtree)/system.svg
# A description with errors stops the build before anything is compiled:
# the check of make diagram (it needs no images) runs first.
$(ALL_PART_OBJS) $(part-lib-objs) $(filter-out $(objtree)/generated/%,$(hv-objs)) $(hv-libfdt) \
	$(part-libfdt) $(hv-mbedtls): \
	| $(objtree)/generated/system.dot
all: $(if $(shell command -v dot),$(objtree)/system.svg,no-dot) $(objtree)/generated/.map-shown $(SYSTEM_JSON)
no-dot:
	@echo "warning: no 'dot': $(O)/system.svg not drawn (install Debian's graphviz;" \
		"scripts/setup-host does)" >&2
.PHONY: diagram no-dot

# ---------------------------------------------------------------- hypervisor
HV_LDS := $(srctree)/arch/$(ARCH)/hypervisor.lds
$(objtree)/bulkhead.elf: $(hv-objs) $(hv-libfdt) $(hv-mbedtls) $(HV_LDS) $(objtree)/generated/layout.lds
	$(quiet) LD $@
	$(Q)$(CC) -nostdlib -static -Wl,--gc-sections -Wl,--build-id=none -Wl,-z,norelro -Wl,--no-warn-rwx-segments \
		-Wl,-L$(objtree)/generated -T $(HV_LDS) -o $@ $(hv-objs) $(hv-libfdt) $(hv-mbedtls) -lgcc

$(objtree)/bulkhead.bin: $(objtree)/bulkhead.elf
	$(quiet) OBJCOPY $@
	$(Q)$(OBJCOPY) -O binary $< $@

# The tables reach the hypervisor's code only through hv_config.o and the
# link: another system description remakes those, not every object.
$(hv-objs): | $(GEN_OUT)

# ---------------------------------------------------------------- FIT
# Partition images are signed (mkimage -k); without CONFIG_SIGNING_KEY_DIR
# with a development key made once in $(O)/keys (docs/signing.md).
SIGN_ALGO := $(if $(CONFIG_SIGN_RSA3072),sha256$(comma)rsa3072,sha256$(comma)ecdsa256)
KEY_NAME := $(or $(call unquote,$(CONFIG_SIGNING_KEY_NAME)),bulkhead)
KEY_DIR := $(or $(call unquote,$(CONFIG_SIGNING_KEY_DIR)),$(objtree)/keys)
DEV_KEY := $(if $(call unquote,$(CONFIG_SIGNING_KEY_DIR)),,$(objtree)/keys/$(KEY_NAME).pem)
$(objtree)/keys/$(KEY_NAME).pem: | $(HOST_STAMP)
	$(quiet) KEYGEN "development key $@"
	$(Q)$(srctree)/scripts/make-dev-key $(objtree)/keys $(KEY_NAME) $(if $(CONFIG_SIGN_RSA3072),rsa3072,ecdsa256)

# The public half of the signing key, compiled into the hypervisor.
PUBKEY_TOOL := $(objtree)/tools/bulkhead-pubkey
$(PUBKEY_TOOL): $(objtree)/host/tools/pubkey/pubkey.o
	$(Q)mkdir -p $(dir $@)
	$(quiet) HOSTLD $@
	$(Q)$(HOSTCC) -o $@ $^ -lmbedx509 -lmbedcrypto
KEY_FILE = $(firstword $(wildcard $(KEY_DIR)/$(KEY_NAME).crt) $(KEY_DIR)/$(KEY_NAME).pem)
$(objtree)/generated/signing_key.c: $(PUBKEY_TOOL) $(DEV_KEY) $(AUTOCONF) $(wildcard $(KEY_DIR)/$(KEY_NAME).*)
	$(quiet) PUBKEY $(KEY_FILE)
	$(Q)mkdir -p $(dir $@)
	$(Q)test -f $(KEY_FILE) || { echo "error: no signing key $(KEY_DIR)/$(KEY_NAME).crt or .pem" \
		"(CONFIG_SIGNING_KEY_DIR, CONFIG_SIGNING_KEY_NAME; docs/signing.md)" >&2; exit 1; }
	$(Q)$(PUBKEY_TOOL) $(KEY_FILE) $(KEY_NAME) $(if $(CONFIG_SIGN_RSA3072),rsa3072,ecdsa256) $@
$(objtree)/generated/signing_key.o: HV_CFLAGS += -I$(srctree)/core

# The u-boot a board builds, and the FIT source with the signature it checks.
include $(srctree)/scripts/Makefile.uboot

# Chunk hashes of the partition images go in before the signatures, which
# cover them (tools/fitchunk, CONFIG_IMAGE_CHUNK_KIB).
FITCHUNK_TOOL := $(objtree)/tools/bulkhead-fitchunk
$(FITCHUNK_TOOL): $(objtree)/host/tools/fitchunk/fitchunk.o
	$(Q)mkdir -p $(dir $@)
	$(quiet) HOSTLD $@
	$(Q)$(HOSTCC) -o $@ $^ -lfdt -lmbedcrypto
IMAGE_CHUNK := $(shell echo $$(( $(or $(CONFIG_IMAGE_CHUNK_KIB),0) * 1024 )))

$(objtree)/bulkhead.itb: $(objtree)/bulkhead.bin $(GEN_OUT) $(GEN_INPUTS) $(DEV_KEY) $(FIT_ITS) $(FIT_KEYS) \
		$(if $(filter-out 0,$(IMAGE_CHUNK)),$(FITCHUNK_TOOL))
	$(quiet) MKIMAGE $@
	$(Q)rm -f $@.tmp && { $(if $(filter-out 0,$(IMAGE_CHUNK)),\
		$(MKIMAGE) -f $(FIT_ITS) $@.tmp && $(FITCHUNK_TOOL) $@.tmp $(IMAGE_CHUNK) && \
		$(MKIMAGE) -F -k $(KEY_DIR) $@.tmp,\
		$(MKIMAGE) -f $(FIT_ITS) -k $(KEY_DIR) $@.tmp); } >$(objtree)/mkimage.log 2>&1 \
		|| { cat $(objtree)/mkimage.log >&2; rm -f $@.tmp; exit 1; }
	$(Q)mv $@.tmp $@
	$(if $(DEV_KEY),@echo "warning: $(notdir $@) is signed with a development key ($(DEV_KEY));" \
		"set CONFIG_SIGNING_KEY_DIR for a product (docs/signing.md)" >&2)
	$(Q)size=$$(stat -c %s $@); if [ $$size -gt $$(($(HV_STORE_SIZE))) ]; then \
		echo "$(SYSTEM_DTS_NAME): /bulkhead/hypervisor: bulkhead.itb ($$size bytes) does not" \
			"fit into the image-store $(HV_STORE_BASE)+$(HV_STORE_SIZE)" >&2; rm -f $@; exit 1; fi

all: $(objtree)/bulkhead.itb

# make sign: re-sign a FIT with another key, nothing rebuilt (docs/signing.md).
SIGN_ITB ?= $(objtree)/bulkhead.itb
SIGN_KEY_DIR ?= $(KEY_DIR)
SIGN_KEY_NAME ?= $(KEY_NAME)
SIGN_UBOOT_KEY_DIR ?= $(if $(UBOOT_KEY_NAME),$(UBOOT_KEY_DIR))
SIGN_UBOOT_KEY_NAME ?= $(UBOOT_KEY_NAME)
sign: | $(HOST_STAMP)
	$(Q)$(srctree)/scripts/sign-fit '$(SIGN_ITB)' '$(SIGN_KEY_DIR)' '$(SIGN_KEY_NAME)' '$(SIGN_ENGINE)' \
		'$(SIGN_UBOOT_KEY_DIR)' '$(SIGN_UBOOT_KEY_NAME)'
.PHONY: sign

# ---------------------------------------------------------------- run
include $(srctree)/scripts/Makefile.run

# ---------------------------------------------------------------- LAVA
include $(srctree)/scripts/Makefile.lava

# ---------------------------------------------------------------- tests
include $(srctree)/test/Makefile.test

-include $(shell find $(objtree) -name '*.d' 2>/dev/null)

else ifdef need-config
# First pass on a fresh tree: make the configuration; make restarts itself.
all run test unit fuzz integration hil bench flash tftp-script boot-bin tf-a lava-job \
	check misra misra-update stack trace trace-update format format-check: $(AUTOCONF)
endif

# ---------------------------------------------------------------- misc

clean:
	$(Q)rm -rf $(objtree)/hv $(objtree)/part $(objtree)/host $(objtree)/core $(objtree)/arch \
		$(objtree)/lib $(objtree)/partitions $(objtree)/generated $(objtree)/tools \
		$(objtree)/tests $(objtree)/bulkhead.* $(objtree)/system.dtb* $(objtree)/system.svg $(objtree)/qemu \
		$(objtree)/emu $(objtree)/u-boot $(objtree)/lava

distclean mrproper:
	$(Q)rm -rf $(objtree)

help:
	@echo 'Configuration:'
	@echo '  <board>_defconfig  - use configs/<board>_defconfig ($(patsubst $(srctree)/configs/%,%,$(wildcard $(srctree)/configs/*_defconfig)))'
	@echo '  menuconfig         - change the configuration (kconfig-mconf)'
	@echo '  olddefconfig       - update .config, new options at their defaults'
	@echo '  savedefconfig      - write a minimal $(O)/defconfig'
	@echo 'Build:'
	@echo '  all (default)      - $(O)/bulkhead.itb: hypervisor, partition images and DTBs;'
	@echo '                       $(O)/system.svg; prints the system map after a generation'
	@echo '  uboot              - the board'"'"'s own u-boot with its key ($(O)/u-boot/u-boot.bin; Kconfig "Boot firmware")'
	@echo '  sign               - re-sign SIGN_ITB (default the build'"'"'s) with SIGN_KEY_DIR/SIGN_KEY_NAME'
	@echo '  flash              - write the board'"'"'s boot medium ($(O)/flash/<board>/: boot.img or sd.img, pflash1.img);'
	@echo '                       DEVICE=/dev/<card> also writes it to a card (docs/flashing.md)'
	@echo '  tftp-script        - $(O)/tftp/: a u-boot script that boots the FITs from a TFTP server'
	@echo '  boot-bin / tf-a    - Zynq UltraScale+ BOOT.BIN (PMUFW=, ZYNQMP_SPL= or FSBL=, ZYNQMP_UBOOT=) / TF-A'
	@echo '  run                - boot the build in QEMU (u-boot -> Bulkhead); Ctrl-A X quits'
	@echo '  lava-job           - LAVA jobs for the build in $(O)/lava/: <board>-job.yaml + <board>-device.yaml'
	@echo '                       (qemu device type); zcu102: zcu102-qemu-*.yaml and the lab job zcu102-job.yaml;'
	@echo '                       LAVA_URL=<base URL> where a lab fetches the files (docs/hil.md#the-farm-lava)'
	@echo '  test               - unit, fuzz-smoke and integration tests, the trace check'
	@echo '  unit / fuzz / integration - one layer of the tests'
	@echo '  trace / trace-update - check requirements against code and test tags / rewrite their Tests: lines'
	@echo '  check              - coding rules: format (format-check), MISRA C:2012 (misra), worst-case stack (stack); docs/safety/'
	@echo '  format             - rewrite the C sources that drift from .clang-format'
	@echo '  misra-update       - record today'"'"'s MISRA findings as deviations (docs/safety/misra-deviations.md)'
	@echo '  hil LG_ENV=<env.yaml> - the integration suite on a labgrid rig (docs/hil.md; HIL_ARGS= more pytest arguments)'
	@echo '  bench              - instruction-count benchmarks (BENCH_STRICT=1: a missed target fails; ZYNQMP_UBOOT=: zcu102 through u-boot; BENCH_ONLY=linux|exits: a part)'
	@echo '  diagram            - check the system description, draw it into $(O)/system.svg'
	@echo '  emu-firmware       - $(O)/emu/zynqmp-el3.elf: the EL3 stand-in for QEMU'"'"'s ZCU102 (emulation only)'
	@echo '  linux-guest        - Debian'"'"'s kernel + a busybox initramfs with Bulkhead'"'"'s VMBus modules for the build'"'"'s arch into $(O)/linux'
	@echo '  fetch (sources)    - download every Debian source and package builds need into BH_DL_DIR'
	@echo '  clean / distclean  - remove build products / the whole build folder'
	@echo '  setup-host         - install missing Debian host packages'
	@echo 'Variables: O=<dir> build folder, V=1 verbose, SYSTEM_DTS=<file> system description,'
	@echo '  BH_DL_DIR=<dir> download cache (default $(O)/dl), BH_OFFLINE=1 never download'
	@echo '  (docs/configuration.md, docs/offline.md)'

.PHONY: all clean distclean mrproper help menuconfig olddefconfig savedefconfig setup-host FORCE
FORCE:

endif # !mixed-targets
