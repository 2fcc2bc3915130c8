/* SPDX-License-Identifier: MIT */
/* libFuzzer entry point of one target; meson compiles it once per target
 * with -DTM_FUZZ_TARGET=tm_fuzz_<name>. */
#include "fuzz-targets.h"

#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *broken = TM_FUZZ_TARGET(data, size);

	if (broken) {
		/* An invariant the sanitizers cannot see: make libFuzzer
		 * save the input like a crash. */
		fprintf(stderr, "fuzz: invariant broken: %s\n", broken);
		abort();
	}
	return 0;
}
