/* SPDX-License-Identifier: MIT */
/* Replays every input the fuzzers ever broke on
 * (tests/data/fuzz-regressions/<target>/<finding>) through the same target
 * function as the fuzzer (tests/fuzz/target-<target>.c), in the normal
 * test suite and under the sanitizer build: one TAP line per file. */
#include "fuzz/fuzz-targets.h"
#include "tm-test.h"

#include <dirent.h>
#include <errno.h>

static const struct {
	const char *name;
	tm_fuzz_fn fn;
} targets[] = {
#ifdef TM_FUZZ_HAVE_SEGMENT
	{ "segment", tm_fuzz_segment },
#endif
#ifdef TM_FUZZ_HAVE_SRX
	{ "srx", tm_fuzz_srx },
#endif
#ifdef TM_FUZZ_HAVE_TMX
	{ "tmx", tm_fuzz_tmx },
#endif
#ifdef TM_FUZZ_HAVE_ALIGN
	{ "align", tm_fuzz_align },
#endif
#ifdef TM_FUZZ_HAVE_LOOKUP
	{ "lookup", tm_fuzz_lookup },
#endif
#ifdef TM_FUZZ_HAVE_TMFILE
	{ "tmfile", tm_fuzz_tmfile },
#endif
#ifdef TM_FUZZ_HAVE_SERVE
	{ "serve", tm_fuzz_serve },
#endif
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 &&
	    /* exactly the input's size, as libFuzzer gives it: a read one
	     * past the end must hit the sanitizer's redzone */
	    (buf = malloc(n ? (size_t)n : 1))) {
		*len = fread(buf, 1, (size_t)n, f);
		if (*len != (size_t)n) {
			free(buf);
			buf = NULL;
		}
	}
	fclose(f);
	return buf;
}

/* One TAP line per finding of @fn in @dir; returns how many there were. */
static size_t
replay(const char *target, tm_fuzz_fn fn, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			names = realloc(names, cap * sizeof(*names));
			if (!names)
				abort();
		}
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		size_t plen = strlen(dir) + strlen(names[i]) + 2;
		char *path = malloc(plen);
		unsigned char *data = NULL;
		size_t len = 0;
		const char *broken = NULL;

		tm_test_case_failed = 0;
		if (!path)
			abort();
		snprintf(path, plen, "%s/%s", dir, names[i]);
		data = slurp(path, &len);
		if (!data)
			printf("#   %s: %s\n", path, strerror(errno));
		else if ((broken = fn(data, len)))
			printf("#   %s: %s\n", path, broken);
		CHECK(data && !broken);
		tm_test_n++;
		if (tm_test_case_failed)
			tm_test_failed++;
		printf("%s %d - %s/%s\n", tm_test_case_failed ? "not ok" : "ok",
		       tm_test_n, target, names[i]);
		fflush(stdout);
		free(path);
		free(data);
		free(names[i]);
	}
	free(names);
	return n;
}

int
main(void)
{
	const char *root = getenv("TM_SOURCE_ROOT");
	size_t total = 0;

	(void)tm_test_jmp; /* no REQUIRE here: one TAP line per file */

	if (!root)
		tm_test_skip_all("TM_SOURCE_ROOT is not set");
	for (size_t i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
		char dir[4096];

		snprintf(dir, sizeof(dir), "%s/tests/data/fuzz-regressions/%s",
		         root, targets[i].name);
		total += replay(targets[i].name, targets[i].fn, dir);
	}
	if (total == 0)
		tm_test_skip_all("no fuzz findings to replay");
	return tm_test_done();
}
