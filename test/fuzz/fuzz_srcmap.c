// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the generator's reader of dtc's annotated output
 * (tools/gen/srcmap.c). That text is the user's description as dtc
 * prints it again, so the names, labels and strings in it are the
 * description's: the reader takes any line, finds positions and is asked
 * for nodes and properties as the generator's messages ask.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../../tools/gen/model.h"
#include "fuzz.h"

static char file[] = "/tmp/bh-fuzz-srcmap-XXXXXX";

/* REQ: BH-CFG-9 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[] = {"/", "/bulkhead", "/bulkhead/partition-a",
					    "/bulkhead/hypervisor", "/cpus/cpu@0"};
	struct g_srcmap *m;
	const char *f;
	FILE *out;
	int line;

	/* Once (the name mkstemp makes may itself end in "X"). */
	static bool made;

	if (!made) {
		int fd = mkstemp(file);

		if (fd < 0)
			abort();
		close(fd);
		made = true;
	}
	out = fopen(file, "w");
	if (!out || fwrite(data, 1, size, out) != size || fclose(out))
		abort();
	m = gen_srcmap_read(file, "/src/system.dts", "system.dts");
	for (unsigned i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		if (gen_srcmap_find(m, paths[i], NULL, 0, &f, &line) && (!f || line < 0))
			abort();
		if (gen_srcmap_find(m, paths[i], "memory", 6, &f, &line) && !f)
			abort();
	}
	gen_srcmap_free(m);
	return 0;
}
