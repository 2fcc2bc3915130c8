/* SPDX-License-Identifier: MIT */
/* Speed of tm_segment_text on one core, in MB/s of UTF-8 input.
 *
 *   build/tests/bench-segment [-l LANG] [-r RUNS] [-k LINES] FILE...
 *
 * Each FILE holds one sentence a line (the parallel news sets in
 * $TM_SHARED_DATA/parallel). Every LINES lines (default 5) are joined with
 * spaces into a paragraph; paragraphs are separated by a blank line. The
 * text is segmented RUNS times (default 7) with one segmenter; the median
 * is reported, by wall clock and by the CPU time of the process (the
 * machine is shared: CPU time is what one core does). Not a meson test:
 * run it by hand. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <tm/tm.h>

static double
now(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int
main(int argc, char **argv)
{
	const char *lang = "en";
	int runs = 7, per = 5, i;
	char *text = NULL;
	size_t len = 0, cap = 0, nseg = 0;
	double mbps[64], cpu[64];
	tm_segmenter *seg = NULL;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-l") == 0 && i + 1 < argc)
			lang = argv[++i];
		else if (strcmp(argv[i], "-r") == 0 && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (strcmp(argv[i], "-k") == 0 && i + 1 < argc)
			per = atoi(argv[++i]);
		else
			break;
	}
	if (i >= argc || runs < 1 || runs > 64 || per < 1) {
		fprintf(stderr, "usage: bench-segment [-l LANG] [-r RUNS] "
		                "[-k LINES] FILE...\n");
		return 2;
	}
	for (; i < argc; i++) {
		FILE *f = fopen(argv[i], "r");
		char line[65536];
		int k = 0;

		if (!f) {
			perror(argv[i]);
			return 1;
		}
		while (fgets(line, sizeof(line), f)) {
			size_t n = strcspn(line, "\r\n");

			if (n == 0)
				continue;
			if (len + n + 4 > cap) {
				cap = (len + n + 4) * 2;
				text = realloc(text, cap);
				if (!text)
					return 1;
			}
			memcpy(text + len, line, n);
			len += n;
			if (++k == per) {
				memcpy(text + len, "\n\n", 2);
				len += 2;
				k = 0;
			} else {
				text[len++] = ' ';
			}
		}
		fclose(f);
	}
	if (tm_segmenter_new(&seg, lang, NULL) != TM_OK) {
		fprintf(stderr, "bench-segment: %s\n", tm_errmsg());
		return 1;
	}
	for (int r = 0; r < runs; r++) {
		tm_segment_list *list = NULL;
		double t0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
		double t, c;

		if (tm_segment_text(&list, seg, text, len) != TM_OK) {
			fprintf(stderr, "bench-segment: %s\n", tm_errmsg());
			return 1;
		}
		t = now(CLOCK_MONOTONIC) - t0;
		c = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
		nseg = tm_segment_list_count(list);
		tm_segment_list_free(list);
		mbps[r] = (double)len / 1e6 / t;
		cpu[r] = (double)len / 1e6 / c;
		printf("run %d: %.2f MB/s wall, %.2f MB/s cpu\n", r + 1,
		       mbps[r], cpu[r]);
	}
	qsort(mbps, (size_t)runs, sizeof(double), cmp_double);
	qsort(cpu, (size_t)runs, sizeof(double), cmp_double);
	printf("%s: %.2f MB, %zu segments, median %.2f MB/s wall, %.2f MB/s "
	       "cpu over %d runs\n", lang, (double)len / 1e6, nseg,
	       mbps[runs / 2], cpu[runs / 2], runs);
	tm_segmenter_free(seg);
	free(text);
	return 0;
}
