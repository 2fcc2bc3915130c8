/* SPDX-License-Identifier: MIT */
/* A per-process scratch file for targets whose API reads a path. */
#include "fuzz-targets.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char scratch[256];

static void
remove_scratch(void)
{
	unlink(scratch);
}

const char *
tm_fuzz_scratch_path(void)
{
	const char *dir;
	int fd;

	if (scratch[0])
		return scratch;
	/* tmpfs when there is one: the fuzzer writes it thousands of
	 * times a second. */
	dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
	snprintf(scratch, sizeof(scratch), "%s/tm-fuzz-XXXXXX",
	         dir ? dir : "/tmp");
	fd = mkstemp(scratch);
	if (fd < 0)
		abort();
	close(fd);
	atexit(remove_scratch);
	return scratch;
}
