/* SPDX-License-Identifier: MIT */
/* The TMX reader and writer alone, without the TM: read FILE with the
 * streaming reader (keeping no unit), then read it again writing every
 * unit with the streaming writer to OUT. Reports TUs/s and peak RSS.
 *
 *   ninja -C build tests/bench-tmx-rw
 *   build/tests/bench-tmx-rw FILE.tmx [OUT.tmx]
 *
 * Not a meson test; tests/bench/bench-tmx.sh runs it. */
#include <tm/tm.h>

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
cpu(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

int
main(int argc, char **argv)
{
	tm_tmx_reader *r = NULL;
	tm_tmx_writer *w = NULL;
	tm_unit *u;
	tm_status st;
	long long n = 0;
	double t0, c0;
	struct rusage ru;
	const char *out = argc > 2 ? argv[2] : "bench-tmx-rw.out.tmx";

	if (argc < 2) {
		fprintf(stderr, "usage: bench-tmx-rw FILE.tmx [OUT.tmx]\n");
		return 2;
	}
	t0 = now();
	c0 = cpu();
	if (tm_tmx_reader_open(&r, argv[1], NULL) < 0)
		goto fail;
	while ((st = tm_tmx_reader_next(&u, r)) == TM_OK) {
		n++;
		tm_unit_free(u);
	}
	if (st < 0)
		goto fail;
	tm_tmx_reader_free(r);
	printf("read:  %lld TUs in %.2f s (cpu %.2f s): %.0f TUs/s\n", n,
	       now() - t0, cpu() - c0, n / (cpu() - c0));
	t0 = now();
	c0 = cpu();
	n = 0;
	if (tm_tmx_reader_open(&r, argv[1], NULL) < 0 ||
	    tm_tmx_writer_new(&w, out, NULL) < 0)
		goto fail;
	while ((st = tm_tmx_reader_next(&u, r)) == TM_OK) {
		n++;
		st = tm_tmx_writer_write_unit(w, u);
		tm_unit_free(u);
		if (st < 0)
			goto fail;
	}
	if (st < 0 || tm_tmx_writer_finish(w) < 0)
		goto fail;
	printf("read+write: %lld TUs in %.2f s (cpu %.2f s): %.0f TUs/s\n", n,
	       now() - t0, cpu() - c0, n / (cpu() - c0));
	tm_tmx_writer_free(w);
	tm_tmx_reader_free(r);
	getrusage(RUSAGE_SELF, &ru);
	printf("peak RSS: %ld KB\n", ru.ru_maxrss);
	return 0;
fail:
	fprintf(stderr, "bench-tmx-rw: %s\n", tm_errmsg());
	return 1;
}
