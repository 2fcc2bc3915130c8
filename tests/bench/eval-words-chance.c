/* SPDX-License-Identifier: MIT */
/* How often the core lexicon's words meet by chance in two sentences of
 * different stories (tm check's loose pairs, libtm/check-words.c,
 * docs/check.md "Missing and added sentences"):
 *
 *   ninja -C build tests/eval-words-chance
 *   build/tests/eval-words-chance en ru 997 SRC TGT [SRC TGT ...]
 *
 * The files are parallel, one sentence a line, read one after the other.
 * Each source sentence i is paired with target sentence i (a translation)
 * and with target sentence i + OFFSET (another story, the lines wrapping
 * round); for both it prints the share of pairs where a listed word meets
 * its translation (tm__check_words_shared() > 0), and of pairs where, as
 * well, the lengths lie within 0.3 (check.c's LOOSE_LEN) at the ratio of
 * all the translations. White-box: links the static library. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tm/tm.h>

#include "../../libtm/check-private.h"

typedef struct lines {
	char **v;
	size_t n, cap;
} lines;

static int
read_lines(lines *l, const char *path)
{
	FILE *f = fopen(path, "r");
	char buf[16384];

	if (!f) {
		perror(path);
		return -1;
	}
	while (fgets(buf, sizeof(buf), f)) {
		buf[strcspn(buf, "\n")] = '\0';
		if (l->n == l->cap) {
			l->cap = l->cap ? 2 * l->cap : 1024;
			l->v = realloc(l->v, l->cap * sizeof(*l->v));
			if (!l->v)
				exit(1);
		}
		l->v[l->n] = malloc(strlen(buf) + 1);
		if (!l->v[l->n])
			exit(1);
		strcpy(l->v[l->n++], buf);
	}
	fclose(f);
	return 0;
}

static size_t
chars(const char *s)
{
	size_t c = 0;

	for (; *s; s++)
		c += ((unsigned char)*s & 0xC0) != 0x80;
	return c;
}

int
main(int argc, char **argv)
{
	tm_check_options o = TM_CHECK_OPTIONS_INIT;
	tm_checker *ck = NULL;
	lines s = {0}, t = {0};
	size_t off, sc = 0, tc = 0;
	double r;

	if (argc < 6 || argc % 2) {
		fprintf(stderr, "usage: %s SL TL OFFSET SRC TGT [SRC TGT ...]\n",
		        argv[0]);
		return 2;
	}
	off = (size_t)strtoul(argv[3], NULL, 10);
	for (int i = 4; i < argc; i += 2)
		if (read_lines(&s, argv[i]) < 0 || read_lines(&t, argv[i + 1]) < 0)
			return 1;
	if (s.n != t.n || !s.n) {
		fprintf(stderr, "%zu source lines, %zu target lines\n", s.n, t.n);
		return 1;
	}
	if (tm_checker_new(&ck, argv[1], argv[2], &o) < 0) {
		fprintf(stderr, "%s\n", tm_errmsg());
		return 1;
	}
	for (size_t i = 0; i < s.n; i++) {
		sc += chars(s.v[i]);
		tc += chars(t.v[i]);
	}
	r = (double)tc / (double)sc;
	for (int pass = 0; pass < 2; pass++) {
		size_t met = 0, fit = 0, none = 0;

		for (size_t i = 0; i < s.n; i++) {
			const char *a = s.v[i], *b = t.v[(i + pass * off) % t.n];
			int k = tm__check_words_shared(ck, a, strlen(a), b,
			                               strlen(b));
			double d = fabs(log((chars(b) + 1.0) /
			                    (chars(a) * r + 1.0)));

			none += k < 0;
			met += k > 0;
			fit += k > 0 && d <= 0.3;
		}
		printf("%s-%s %s: %zu pairs, a listed word met %.1f%%, and the "
		       "lengths fit %.1f%%%s\n",
		       argv[1], argv[2],
		       pass ? "another story's sentence" : "translations", s.n,
		       100.0 * (double)met / (double)s.n,
		       100.0 * (double)fit / (double)s.n,
		       none ? " (no core lexicon: no opinion)" : "");
	}
	tm_checker_free(ck);
	return 0;
}
