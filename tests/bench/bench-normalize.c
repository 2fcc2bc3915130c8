/* SPDX-License-Identifier: MIT */
/* Speed of tm_normalize(TM_NORM_KEY) and tm_translit_key() on real news
 * sentences (the en/ko/ru NTREX-128 files of the shared data).
 *
 *   ninja -C build tests/bench/bench-normalize
 *   build/tests/bench/bench-normalize [DATA_DIR] [SEGMENTS]
 *
 * DATA_DIR defaults to $TM_SHARED_DATA, SEGMENTS to 1000000. It prints
 * segments per second for: normalize (all three languages mixed, pure
 * ASCII lines, each language alone), translit keys of whole sentences, and
 * translit keys of name-like tokens (capitalized Latin/Cyrillic words, Hangul
 * words). Rates are per second of CPU time: the machine is shared. */
#include <tm/tm.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct lines {
	char **v;
	size_t *len;
	size_t n, cap;
} lines;

static void
add(lines *l, const char *s, size_t n)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 1024;
		l->v = realloc(l->v, l->cap * sizeof(*l->v));
		l->len = realloc(l->len, l->cap * sizeof(*l->len));
		if (!l->v || !l->len)
			exit(1);
	}
	l->v[l->n] = malloc(n + 1);
	if (!l->v[l->n])
		exit(1);
	memcpy(l->v[l->n], s, n);
	l->v[l->n][n] = '\0';
	l->len[l->n++] = n;
}

static void
load(lines *l, const char *path)
{
	FILE *f = fopen(path, "rb");
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;

	if (!f) {
		fprintf(stderr, "bench: %s: cannot open\n", path);
		exit(77);
	}
	while ((got = getline(&line, &cap, f)) > 0) {
		size_t n = (size_t)got;

		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		if (n)
			add(l, line, n);
	}
	free(line);
	fclose(f);
}

/* Name-like tokens: words that start with an upper-case Latin or Cyrillic
 * letter, and Hangul words (Korean has no case). */
static void
tokens(lines *out, const lines *in)
{
	for (size_t i = 0; i < in->n; i++) {
		const unsigned char *s = (const unsigned char *)in->v[i];
		size_t n = in->len[i], j = 0;

		while (j < n) {
			size_t start;

			while (j < n && (s[j] == ' ' || s[j] == ',' ||
			                 s[j] == '.' || s[j] == '"'))
				j++;
			start = j;
			while (j < n && s[j] != ' ' && s[j] != ',' &&
			       s[j] != '.' && s[j] != '"')
				j++;
			if (j == start)
				continue;
			if ((s[start] >= 'A' && s[start] <= 'Z') ||
			    (s[start] == 0xD0 && start + 1 < n &&
			     s[start + 1] >= 0x90 && s[start + 1] <= 0xAF) ||
			    (s[start] >= 0xEA && s[start] <= 0xED))
				add(out, (const char *)s + start, j - start);
		}
	}
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
run_normalize(const lines *l, size_t total)
{
	double t0 = now();

	for (size_t i = 0; i < total; i++) {
		char *out = NULL;

		if (tm_normalize(&out, NULL, l->v[i % l->n], l->len[i % l->n],
		                 TM_NORM_KEY) < 0)
			exit(1);
		tm_free(out);
	}
	return (double)total / (now() - t0);
}

static double
run_key(tm_translit *tr, const lines *l, size_t total)
{
	double t0 = now();

	for (size_t i = 0; i < total; i++) {
		char *out = NULL;

		if (tm_translit_key(&out, tr, l->v[i % l->n],
		                    l->len[i % l->n]) < 0)
			exit(1);
		tm_free(out);
	}
	return (double)total / (now() - t0);
}

int
main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : getenv("TM_SHARED_DATA");
	size_t total = argc > 2 ? strtoul(argv[2], NULL, 10) : 1000000;
	static const char *const files[] = {
	        "newstest2019-src.eng.txt",
	        "newstest2019-ref.kor.txt",
	        "newstest2019-ref.rus.txt",
	};
	static const char *const langs[] = {"en", "ko", "ru"};
	lines all = {0}, ascii = {0}, names = {0}, one[3] = {{0}};
	tm_translit *tr = NULL;
	size_t bytes = 0;

	if (!dir) {
		fprintf(stderr, "bench: give DATA_DIR or set TM_SHARED_DATA\n");
		return 77;
	}
	for (size_t i = 0; i < 3; i++) {
		char path[4096];

		snprintf(path, sizeof(path), "%s/parallel/en-ko-ru/ntrex128/%s",
		         dir, files[i]);
		load(&all, path);
		load(&one[i], path);
	}
	for (size_t i = 0; i < all.n; i++) {
		size_t j = 0;

		bytes += all.len[i];
		while (j < all.len[i] && (unsigned char)all.v[i][j] < 0x80)
			j++;
		if (j == all.len[i])
			add(&ascii, all.v[i], all.len[i]);
	}
	tokens(&names, &all);
	printf("corpus: %zu sentences (%zu pure ASCII), mean %.0f bytes; "
	       "%zu name-like tokens\n",
	       all.n, ascii.n, (double)bytes / (double)all.n, names.n);
	printf("tm_normalize KEY, mixed en/ko/ru: %.0f segments/s\n",
	       run_normalize(&all, total));
	if (ascii.n)
		printf("tm_normalize KEY, ASCII lines:    %.0f segments/s\n",
		       run_normalize(&ascii, total));
	for (size_t i = 0; i < 3; i++)
		printf("tm_normalize KEY, %s only:         %.0f segments/s\n",
		       langs[i], run_normalize(&one[i], total));
	if (tm_translit_new(&tr, NULL, 0) < 0)
		return 1;
	printf("tm_translit_key, whole sentences:  %.0f sentences/s\n",
	       run_key(tr, &all, total / 10));
	printf("tm_translit_key, name tokens:      %.0f tokens/s\n",
	       run_key(tr, &names, total));
	tm_translit_free(tr);
	return 0;
}
