/* SPDX-License-Identifier: MIT */
/* A tiny TAP harness: each test_<concern>_<case>() is a function; CHECK
 * records a failure and goes on; REQUIRE stops the current test.
 *
 *   static void test_x_y(void) { CHECK(1 + 1 == 2); }
 *   int main(void) { RUN(test_x_y); return tm_test_done(); }
 *
 * A test that cannot run here (its data absent) says SKIP("why"): TAP's
 * "ok N - name # SKIP why", which meson counts as skipped rather than
 * passed. A whole program may skip with tm_test_skip_all("why"): a "1..0 # SKIP"
 * plan and exit status 0, which meson counts as a skip under TAP (77 is
 * the skip code of exit-code tests only). */
#ifndef TM_TEST_H
#define TM_TEST_H

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tm_test_n, tm_test_failed, tm_test_case_failed;
static const char *tm_test_skip_why;
static jmp_buf tm_test_jmp;

/* Stop the current test and report it skipped, saying why. */
#define SKIP(why)                                                            \
	do {                                                                 \
		tm_test_skip_why = (why);                                    \
		longjmp(tm_test_jmp, 1);                                     \
	} while (0)

#define CHECK(cond)                                                          \
	do {                                                                 \
		if (!(cond)) {                                               \
			printf("#   %s:%d: CHECK(%s) failed\n", __FILE__,    \
			       __LINE__, #cond);                             \
			tm_test_case_failed = 1;                             \
		}                                                            \
	} while (0)

#define REQUIRE(cond)                                                        \
	do {                                                                 \
		if (!(cond)) {                                               \
			printf("#   %s:%d: REQUIRE(%s) failed\n", __FILE__,  \
			       __LINE__, #cond);                             \
			tm_test_case_failed = 1;                             \
			longjmp(tm_test_jmp, 1);                             \
		}                                                            \
	} while (0)

/* Compare strings, printing both on mismatch (NULL-safe). */
#define CHECK_STR(a, b)                                                      \
	do {                                                                 \
		const char *tm_a_ = (a), *tm_b_ = (b);                       \
		if (!tm_a_ || !tm_b_ || strcmp(tm_a_, tm_b_) != 0) {         \
			printf("#   %s:%d: '%s' != '%s'\n", __FILE__,        \
			       __LINE__, tm_a_ ? tm_a_ : "(null)",           \
			       tm_b_ ? tm_b_ : "(null)");                    \
			tm_test_case_failed = 1;                             \
		}                                                            \
	} while (0)

#define RUN(fn)                                                              \
	do {                                                                 \
		tm_test_case_failed = 0;                                     \
		tm_test_skip_why = NULL;                                     \
		if (setjmp(tm_test_jmp) == 0)                                \
			fn();                                                \
		tm_test_n++;                                                 \
		if (tm_test_case_failed)                                     \
			tm_test_failed++;                                    \
		printf("%s %d - %s%s%s\n",                                  \
		       tm_test_case_failed ? "not ok" : "ok", tm_test_n, #fn, \
		       tm_test_skip_why && !tm_test_case_failed ? " # SKIP "  \
		                                                : "",         \
		       tm_test_skip_why && !tm_test_case_failed              \
		               ? tm_test_skip_why                            \
		               : "");                                        \
		fflush(stdout);                                              \
	} while (0)

static inline int
tm_test_done(void)
{
	(void)tm_test_skip_why; /* used by RUN() and SKIP() */
	printf("1..%d\n", tm_test_n);
	return tm_test_failed ? 1 : 0;
}

static inline void
tm_test_skip_all(const char *why)
{
	printf("1..0 # SKIP %s\n", why);
	exit(0);
}

/* The public evaluation data: $TM_SHARED_DATA, else the build's default.
 * Returns NULL when the folder is absent. */
static inline const char *
tm_test_shared_data(void)
{
	const char *p = getenv("TM_SHARED_DATA");
	FILE *f;
	char probe[4096];

	if (!p || !*p)
		return NULL;
	snprintf(probe, sizeof(probe), "%s/SOURCES.md", p);
	f = fopen(probe, "r");
	if (!f)
		return NULL;
	fclose(f);
	return p;
}

#endif
