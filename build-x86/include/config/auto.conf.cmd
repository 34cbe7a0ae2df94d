deps_config := \
	test/Kconfig \
	partitions/Kconfig \
	core/Kconfig \
	arch/arm64/Kconfig \
	arch/Kconfig \
	/work/main/Kconfig

/work/main/build-x86/include/config/auto.conf: \
	$(deps_config)


$(deps_config): ;
