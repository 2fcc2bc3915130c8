/* SPDX-License-Identifier: MIT */
/* Benchmark of tm_lookup() and tm_concord() on a large generated TM.
 *
 *   bench-lookup build DB N       build a TM of N bilingual units
 *   bench-lookup lookup DB Q      Q edited queries: speed, and recall
 *                                 against an exhaustive in-memory scan
 *                                 (BENCH_PIVOT=1: Korean sentences looked
 *                                 up in Russian, which the en-ko and en-ru
 *                                 units of FLORES and NTREX answer through
 *                                 their shared English; BENCH_NO_PIVOT=1:
 *                                 lookups without pivots)
 *   bench-lookup concord DB Q     Q phrases: concordance speed
 *                                 (BENCH_TRANSLIT=1: one word each,
 *                                 across scripts)
 *   bench-lookup size DB          index size against stored plain text
 *   bench-lookup reindex DB       rebuild an index written by an older libtm
 *   bench-lookup queries - Q      print the queries (TSV: lang, text)
 *   bench-lookup dump - N         print the first N units (TSV: lang, en,
 *                                 other) for tests/bench/bench-tmdb.py
 *
 * Data: the real sentence pairs of $TM_SHARED_DATA/parallel (en-ru WMT
 * news 2016-2019, NTREX and FLORES en-ru and en-ko, Korean-English news).
 * Unit i is pair i mod P; for i >= P it is varied with a generator seeded
 * by i: every number is replaced by another (the same in both languages),
 * and with probability 1/2 an English word is dropped, with 1/3 two
 * adjacent English words are swapped, with 1/2 a capitalised English word
 * is replaced by a name from a list (the translation is left as it was).
 * Queries: a random real English sentence with 1-3 edits (a word replaced
 * by a word of another sentence, a word added, a word dropped, a number
 * changed). Not a meson test: run by hand (see docs/scores.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>
#include <tm/tm.h>

#include "match-private.h"
#include "numbers-private.h"
#include "tokenize-private.h"

struct pair {
	char *en, *other;
	const char *lang;
};

static struct pair *pairs;
static size_t npairs, cappairs;

static uint64_t rng_state;

static uint64_t
rnd(void)
{
	uint64_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return rng_state = x;
}

static char **
read_lines(const char *path, size_t *n)
{
	FILE *f = fopen(path, "r");
	char **v = NULL, *line = NULL;
	size_t cap = 0, lc = 0, vc = 0;
	ssize_t got;

	*n = 0;
	if (!f)
		return NULL;
	while ((got = getline(&line, &lc, f)) >= 0) {
		while (got && (line[got - 1] == '\n' || line[got - 1] == '\r'))
			line[--got] = '\0';
		if (vc == cap) {
			cap = cap ? cap * 2 : 1024;
			v = realloc(v, cap * sizeof(*v));
		}
		v[vc++] = strdup(line);
	}
	free(line);
	fclose(f);
	*n = vc;
	return v;
}

static void
add_files(const char *dir, const char *en, const char *other,
          const char *lang)
{
	char p1[1024], p2[1024];
	size_t n1, n2;
	char **a, **b;

	snprintf(p1, sizeof(p1), "%s/%s", dir, en);
	snprintf(p2, sizeof(p2), "%s/%s", dir, other);
	a = read_lines(p1, &n1);
	b = read_lines(p2, &n2);
	if (!a || !b || n1 != n2) {
		fprintf(stderr, "skip %s (%zu/%zu lines)\n", p1, n1, n2);
		return;
	}
	for (size_t i = 0; i < n1; i++) {
		if (!*a[i] || !*b[i])
			continue;
		if (npairs == cappairs) {
			cappairs = cappairs ? cappairs * 2 : 4096;
			pairs = realloc(pairs, cappairs * sizeof(*pairs));
		}
		pairs[npairs++] = (struct pair){ a[i], b[i], lang };
	}
	free(a);
	free(b);
}

static void
load_pairs(void)
{
	const char *d = getenv("TM_SHARED_DATA");
	char base[1024];

	if (!d)
		d = "/work/shared/data";
	snprintf(base, sizeof(base), "%s/parallel/ru-en/wmt-newstest", d);
	add_files(base, "newstest2016.en", "newstest2016.ru", "ru");
	add_files(base, "newstest2017.en", "newstest2017.ru", "ru");
	add_files(base, "newstest2018.en", "newstest2018.ru", "ru");
	add_files(base, "newstest2019-ruen.en", "newstest2019-ruen.ru", "ru");
	add_files(base, "newstest2020-ruen.en", "newstest2020-ruen.ru", "ru");
	snprintf(base, sizeof(base), "%s/parallel/en-ko-ru/ntrex128", d);
	add_files(base, "newstest2019-src.eng.txt", "newstest2019-ref.rus.txt",
	          "ru");
	add_files(base, "newstest2019-src.eng.txt", "newstest2019-ref.kor.txt",
	          "ko");
	snprintf(base, sizeof(base), "%s/parallel/en-ko-ru/flores200-devtest",
	         d);
	add_files(base, "eng_Latn.devtest", "rus_Cyrl.devtest", "ru");
	add_files(base, "eng_Latn.devtest", "kor_Hang.devtest", "ko");
	snprintf(base, sizeof(base),
	         "%s/parallel/ko-en/korean-english-news-v1", d);
	add_files(base, "korean-english-park.test.en",
	          "korean-english-park.test.ko", "ko");
	add_files(base, "korean-english-park.dev.en",
	          "korean-english-park.dev.ko", "ko");
	fprintf(stderr, "%zu real pairs\n", npairs);
}

/* Split on spaces into words (the sentence is rebuilt with spaces). */
static size_t
split(char *s, char **w, size_t max)
{
	size_t n = 0;

	for (char *t = strtok(s, " "); t && n < max; t = strtok(NULL, " "))
		w[n++] = t;
	return n;
}

static void
join(char *out, size_t size, char **w, size_t n)
{
	size_t o = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n && o + 1 < size; i++)
		o += (size_t)snprintf(out + o, size - o, "%s%s", i ? " " : "",
		                      w[i]);
}

static bool
has_digit(const char *s)
{
	for (; *s; s++)
		if (*s >= '0' && *s <= '9')
			return true;
	return false;
}

/* Replace every digit run by another number, the same in both texts. */
static void
vary_numbers(char *en, size_t ensize, char *other, size_t osize)
{
	char buf[8192], obuf[8192];
	size_t o = 0;

	for (const char *p = en; *p && o + 16 < sizeof(buf);) {
		if (*p >= '0' && *p <= '9') {
			char old[32], neu[32];
			size_t n = 0;
			char *hit;

			while (*p >= '0' && *p <= '9' && n < 31)
				old[n++] = *p++;
			old[n] = '\0';
			snprintf(neu, sizeof(neu), "%llu",
			         (unsigned long long)(rnd() % (n >= 4 ? 9000 :
			                                      n == 1 ? 9 : 99)) +
			                 (n >= 4 ? 1000 : 1));
			o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s",
			                      neu);
			if ((hit = strstr(other, old)) &&
			    strlen(other) + 32 < sizeof(obuf)) {
				size_t pre = (size_t)(hit - other);

				snprintf(obuf, sizeof(obuf), "%.*s%s%s",
				         (int)pre, other, neu, hit + n);
				snprintf(other, osize, "%s", obuf);
			}
		} else {
			buf[o++] = *p++;
		}
	}
	buf[o] = '\0';
	snprintf(en, ensize, "%s", buf);
}

static const char *names[] = { "Smith",  "Ivanov", "Kim",     "Lee",
	                       "Park",   "Brown",  "Petrov",  "Johnson",
	                       "Garcia", "Moon",   "Sokolov", "Choi" };

static void
vary(char *en, size_t ensize, char *other, size_t osize)
{
	char copy[8192], *w[512];
	size_t n;

	vary_numbers(en, ensize, other, osize);
	snprintf(copy, sizeof(copy), "%s", en);
	n = split(copy, w, 512);
	if (n > 3 && rnd() % 2 == 0) {
		size_t i = rnd() % n;

		memmove(&w[i], &w[i + 1], (n - i - 1) * sizeof(*w));
		n--;
	}
	if (n > 3 && rnd() % 3 == 0) {
		size_t i = rnd() % (n - 1);
		char *t = w[i];

		w[i] = w[i + 1];
		w[i + 1] = t;
	}
	if (n > 3 && rnd() % 2 == 0) {
		for (int tries = 0; tries < 4; tries++) {
			size_t i = 1 + rnd() % (n - 1);

			if (w[i][0] >= 'A' && w[i][0] <= 'Z') {
				w[i] = (char *)names[rnd() % 12];
				break;
			}
		}
	}
	join(en, ensize, w, n);
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double
cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
report(const char *what, double *v, size_t n)
{
	double sum = 0;

	if (!n)
		return;
	qsort(v, n, sizeof(*v), cmp_double);
	for (size_t i = 0; i < n; i++)
		sum += v[i];
	printf("%s: n=%zu median=%.3f ms p90=%.3f ms p99=%.3f ms "
	       "mean=%.3f ms max=%.3f ms\n",
	       what, n, v[n / 2], v[n * 9 / 10], v[n * 99 / 100], sum / n,
	       v[n - 1]);
}

static int
build(const char *path, long n)
{
	tm_db *db = NULL;
	char en[8192], other[8192];
	double t0 = now_ms();

	remove(path);
	if (tm_db_open(&db, path, NULL) < 0 || tm_db_begin(db) < 0) {
		fprintf(stderr, "open: %s\n", tm_errmsg());
		return 1;
	}
	for (long i = 0; i < n; i++) {
		const struct pair *p = &pairs[(size_t)i % npairs];
		tm_unit *u = NULL;

		rng_state = 0x9E3779B97F4A7C15ull ^ (uint64_t)(i + 1) * 7919;
		snprintf(en, sizeof(en), "%s", p->en);
		snprintf(other, sizeof(other), "%s", p->other);
		if ((size_t)i >= npairs)
			vary(en, sizeof(en), other, sizeof(other));
		if (tm_unit_new(&u) < 0 ||
		    tm_unit_add_variant(NULL, u, "en", NULL, en) < 0 ||
		    tm_unit_add_variant(NULL, u, p->lang, NULL, other) < 0 ||
		    tm_db_put(NULL, db, u, "bench", TM_DUP_KEEP) < 0) {
			fprintf(stderr, "put %ld: %s\n", i, tm_errmsg());
			return 1;
		}
		tm_unit_free(u);
		if (i % 100000 == 0 && i)
			fprintf(stderr, "%ld units, %.1f s\n", i,
			        (now_ms() - t0) / 1e3);
	}
	if (tm_db_commit(db) < 0) {
		fprintf(stderr, "commit: %s\n", tm_errmsg());
		return 1;
	}
	printf("build: %ld units in %.1f s\n", n, (now_ms() - t0) / 1e3);
	tm_db_close(db);
	return 0;
}

/* BENCH_PIVOT: a real Korean sentence, a word dropped from half of them,
 * to look up in Russian. */
static void
make_pivot_query(char *out, size_t size)
{
	char copy[8192], *w[512];
	const struct pair *p;
	size_t n, o = 0, drop;

	do {
		p = &pairs[rnd() % npairs];
		if (strcmp(p->lang, "ko") != 0)
			continue;
		snprintf(copy, sizeof(copy), "%s", p->other);
		n = split(copy, w, 500);
	} while (strcmp(p->lang, "ko") != 0 || n < 4);
	drop = rnd() % 2 ? rnd() % n : n;
	out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		if (i != drop)
			o += (size_t)snprintf(out + o, size - o, "%s%s",
			                      o ? " " : "", w[i]);
}

/* An edited real sentence: 1-3 edits. */
static void
make_query(char *out, size_t size, const char **lang)
{
	char copy[8192], donor[8192], *w[512], *dw[512];
	const struct pair *p;
	size_t n, nd;
	int edits;

	/* BENCH_POOL=N draws the queries from the first N pairs only (the
	 * units of a small TM, for bench-tmdb.py) */
	size_t pool = getenv("BENCH_POOL") ? (size_t)atol(getenv("BENCH_POOL")) :
	                                     npairs;

	if (pool == 0 || pool > npairs)
		pool = npairs;
	do {
		p = &pairs[rnd() % pool];
		snprintf(copy, sizeof(copy), "%s", p->en);
		n = split(copy, w, 500);
	} while (n < 4);
	snprintf(donor, sizeof(donor), "%s", pairs[rnd() % pool].en);
	nd = split(donor, dw, 500);
	*lang = p->lang;
	edits = 1 + (int)(rnd() % 3);
	for (int e = 0; e < edits; e++) {
		switch (rnd() % 4) {
		case 0: /* change a word */
			if (nd)
				w[rnd() % n] = dw[rnd() % nd];
			break;
		case 1: /* add a word */
			if (nd && n < 500) {
				size_t i = rnd() % (n + 1);

				memmove(&w[i + 1], &w[i], (n - i) * sizeof(*w));
				w[i] = dw[rnd() % nd];
				n++;
			}
			break;
		case 2: /* drop a word */
			if (n > 3) {
				size_t i = rnd() % n;

				memmove(&w[i], &w[i + 1],
				        (n - i - 1) * sizeof(*w));
				n--;
			}
			break;
		default: /* change a number, else a word */
			for (size_t i = 0; i < n; i++)
				if (has_digit(w[i])) {
					w[i] = (char *)"1917";
					break;
				}
			break;
		}
	}
	join(out, size, w, n);
}

/* The whole TM's English side in memory, for the exhaustive check. */
struct seg {
	uint64_t *h;
	uint8_t *kind;
	uint32_t n;
	char lang[4];
	char *key;
	long long tu;
};

static struct seg *segs;
static size_t nsegs;
static sqlite3 *seg_db;        /* for the targets of the numbers rule */
static sqlite3_stmt *seg_target;

static int
load_segs(const char *path)
{
	sqlite3 *h;
	sqlite3_stmt *s;
	tm__toks t = { 0 };
	size_t cap = 0;

	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_open_v2(path, &seg_db, SQLITE_OPEN_READONLY, NULL) !=
	            SQLITE_OK ||
	    sqlite3_prepare_v2(seg_db,
	                       "SELECT plain FROM tuv WHERE tu_id = ?1 AND"
	                       " lang_base = ?2 ORDER BY id LIMIT 1",
	                       -1, &seg_target, NULL) != SQLITE_OK)
		return -1;
	sqlite3_prepare_v2(h,
	                   "SELECT s.key, t.lang_base, s.tu_id FROM tuv s JOIN tuv t"
	                   " ON t.tu_id = s.tu_id AND t.lang_base <> 'en'"
	                   " WHERE s.lang_base = 'en'",
	                   -1, &s, NULL);
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(s, 0);
		struct seg *g;

		if (nsegs == cap) {
			cap = cap ? cap * 2 : 1 << 16;
			segs = realloc(segs, cap * sizeof(*segs));
		}
		g = &segs[nsegs++];
		tm__tokenize(&t, k, strlen(k));
		g->n = (uint32_t)t.n;
		g->h = malloc((t.n + 1) * sizeof(*g->h));
		g->kind = malloc(t.n + 1);
		for (size_t i = 0; i < t.n; i++) {
			g->h[i] = tm__tok_hash(k + t.v[i].off, t.v[i].len);
			g->kind[i] = t.v[i].kind;
		}
		snprintf(g->lang, sizeof(g->lang), "%s",
		         (const char *)sqlite3_column_text(s, 1));
		g->key = strdup(k);
		g->tu = sqlite3_column_int64(s, 2);
	}
	sqlite3_finalize(s);
	sqlite3_close(h);
	tm__toks_dispose(&t);
	fprintf(stderr, "%zu English segments in memory\n", nsegs);
	return 0;
}

/* The numbers rule of docs/scores.md section 4 for segment @g against
 * the query @q (tokens @qh, @n of them), whose fuzzy score is *@sc (or
 * below the band: -1): 99 when the two differ only in numbers and every
 * differing value goes into the target with certainty; at most 94 when a
 * value cannot; the score unchanged otherwise. */
static void
numbers_rule(const tm__numtext *q, const uint64_t *qh, size_t n,
             const struct seg *g, double *sc)
{
	static tm__numtext c;
	static tm__toks t;
	tm__numsub res = TM__NUMSUB_SAME;
	char *out = NULL;
	bool same = false;

	if (!tm__numtext_has_numbers(q))
		return;
	if (tm__numtext_may_match(q, g->h, g->n)) {
		tm__tokenize(&t, g->key, strlen(g->key));
		tm__numtext_read(&c, g->key, strlen(g->key), &t, g->h,
		                 TM__NUM_DOT);
		same = tm__numtext_same_words(q, &c);
	}
	if (!same && *sc < 95 - 1e-9)
		return;
	if (same) {
		size_t l = g->n > n ? g->n : n;

		*sc = tm__similarity(tm__edit_distance(qh, n, g->h, g->n, l), n,
		                     g->n);
	} else {
		tm__tokenize(&t, g->key, strlen(g->key));
		tm__numtext_read(&c, g->key, strlen(g->key), &t, g->h,
		                 TM__NUM_DOT);
	}
	if (tm__numtext_values_differ(q, &c)) {
		sqlite3_reset(seg_target);
		sqlite3_bind_int64(seg_target, 1, g->tu);
		sqlite3_bind_text(seg_target, 2, g->lang, -1, SQLITE_STATIC);
		if (sqlite3_step(seg_target) != SQLITE_ROW)
			return;
		tm__numbers_propose(&res, &out, q, &c,
		                    (const char *)sqlite3_column_text(seg_target,
		                                                      0),
		                    g->lang);
		free(out);
	}
	if (res == TM__NUMSUB_UNSURE)
		*sc = *sc > 94 ? 94 : *sc;
	else if (same)
		*sc = 99;
}

/* The best score of docs/scores.md over every segment (>= 70 or 0). */
static double
exhaustive_best(const char *query, const char *lang)
{
	char *key = NULL;
	size_t klen;
	tm__toks t = { 0 };
	tm__numtext qn = { 0 };
	uint64_t *qh;
	double best = 0;

	tm__match_key(&key, &klen, query);
	tm__tokenize(&t, key, klen);
	qh = malloc((t.n + 1) * sizeof(*qh));
	for (size_t i = 0; i < t.n; i++)
		qh[i] = tm__tok_hash(key + t.v[i].off, t.v[i].len);
	tm__numtext_read(&qn, key, klen, &t, qh, TM__NUM_DOT);
	for (size_t i = 0; i < nsegs; i++) {
		const struct seg *g = &segs[i];
		double thr = best > 70 ? best : 70, sc = -1;
		size_t l = g->n > t.n ? g->n : t.n, k, d;
		size_t lo = g->n < t.n ? g->n : t.n;

		if (strcmp(g->lang, lang) != 0 || l == 0)
			continue;
		if (strcmp(g->key, key) == 0) {
			sc = 100;
		} else if (100.0 * (double)lo / (double)l >= thr - 1e-9) {
			k = (size_t)floor((1.0 - thr / 100.0) * (double)l + 1e-9);
			d = tm__edit_distance(qh, t.n, g->h, g->n, k);
			if (d <= k)
				sc = d == 0 ? 99 : tm__similarity(d, t.n, g->n);
			if (d > 0 && d <= k)
				numbers_rule(&qn, qh, t.n, g, &sc);
		}
		if (sc < 0 && best < 99)
			/* numbers only: 99 whatever the distance (several
			 * numbers may differ), so before the band prunes it */
			numbers_rule(&qn, qh, t.n, g, &sc);
		if (sc > best)
			best = sc;
	}
	free(qh);
	free(key);
	tm__numtext_dispose(&qn);
	tm__toks_dispose(&t);
	return best;
}

static int
lookup(const char *path, int nq, bool check)
{
	tm_db *db = NULL;
	tm_db_options o = TM_DB_OPTIONS_INIT;
	double *times = calloc((size_t)nq, sizeof(double));
	double *cpu = calloc((size_t)nq, sizeof(double));
	double *cpu_hit = calloc((size_t)nq, sizeof(double));
	double *cpu_miss = calloc((size_t)nq, sizeof(double));
	size_t nhit = 0, nmiss = 0;
	int eligible = 0, found = 0, with_match = 0, with_pivot = 0;
	bool pivot = getenv("BENCH_PIVOT") != NULL;
	char q[8192];

	o.flags = TM_DB_READONLY;
	if (tm_db_open(&db, path, &o) < 0) {
		fprintf(stderr, "open: %s\n", tm_errmsg());
		return 1;
	}
	if (check && load_segs(path) < 0)
		return 1;
	rng_state = 12345;
	for (int i = 0; i < nq; i++) {
		tm_lookup_options lo = TM_LOOKUP_OPTIONS_INIT;
		tm_match_list *l = NULL;
		const char *lang;
		double t0, c0, best;

		if (pivot) {
			make_pivot_query(q, sizeof(q));
			lo.source_lang = "ko";
			lo.target_lang = "ru";
		} else {
			make_query(q, sizeof(q), &lang);
			lo.source_lang = "en";
			lo.target_lang = lang;
		}
		if (getenv("BENCH_NO_PIVOT"))
			lo.flags |= TM_LOOKUP_NO_PIVOT;
		t0 = now_ms();
		c0 = cpu_ms();
		if (tm_lookup(&l, db, q, &lo) < 0) {
			fprintf(stderr, "lookup: %s\n", tm_errmsg());
			return 1;
		}
		times[i] = now_ms() - t0;
		cpu[i] = cpu_ms() - c0;
		with_match += tm_match_list_count(l) > 0;
		if (tm_match_list_count(l))
			cpu_hit[nhit++] = cpu[i];
		else
			cpu_miss[nmiss++] = cpu[i];
		with_pivot += tm_match_list_count(l) > 0 &&
		              (tm_match_list_get(l, 0)->flags & TM_MATCH_PIVOT);
		/* BENCH_SLOW=MS: name the queries that took more CPU */
		if (getenv("BENCH_SLOW") && cpu[i] > atof(getenv("BENCH_SLOW")))
			fprintf(stderr, "SLOW %.1f ms cpu, best %.2f: %s\n",
			        cpu[i],
			        tm_match_list_count(l) ?
			                tm_match_list_get(l, 0)->score :
			                0,
			        q);
		if (check && !pivot) {
			double got = tm_match_list_count(l) ?
			                     tm_match_list_get(l, 0)->score :
			                     0;

			best = exhaustive_best(q, lang);
			if (best >= 70) {
				eligible++;
				if (fabs(got - best) < 1e-6)
					found++;
				else
					fprintf(stderr,
					        "MISS best %.2f got %.2f: %s\n",
					        best, got, q);
			}
		}
		tm_match_list_free(l);
	}
	report("lookup wall", times, (size_t)nq);
	report("lookup cpu", cpu, (size_t)nq);
	report("lookup cpu, queries with a match", cpu_hit, nhit);
	report("lookup cpu, queries without", cpu_miss, nmiss);
	free(cpu_hit);
	free(cpu_miss);
	printf("queries with a match: %d/%d (best through a pivot: %d)\n",
	       with_match, nq, with_pivot);
	if (check && !pivot)
		printf("recall: %d/%d = %.2f%% of queries with an exhaustive "
		       "best >= 70 got that best score\n",
		       found, eligible, eligible ? 100.0 * found / eligible : 0);
	free(times);
	tm_db_close(db);
	return 0;
}

/* The first @n generated units as TSV "lang TAB en TAB other", for a
 * peer to load the same TM. */
static int
dump(long n)
{
	char en[8192], other[8192];

	for (long i = 0; i < n; i++) {
		const struct pair *p = &pairs[(size_t)i % npairs];

		rng_state = 0x9E3779B97F4A7C15ull ^ (uint64_t)(i + 1) * 7919;
		snprintf(en, sizeof(en), "%s", p->en);
		snprintf(other, sizeof(other), "%s", p->other);
		if ((size_t)i >= npairs)
			vary(en, sizeof(en), other, sizeof(other));
		for (char *c = en; *c; c++)
			if (*c == '\t')
				*c = ' ';
		for (char *c = other; *c; c++)
			if (*c == '\t')
				*c = ' ';
		printf("%s\t%s\t%s\n", p->lang, en, other);
	}
	return 0;
}

static int
queries(int nq)
{
	char q[8192];

	rng_state = 12345;
	for (int i = 0; i < nq; i++) {
		const char *lang;

		make_query(q, sizeof(q), &lang);
		printf("%s\t%s\n", lang, q);
	}
	return 0;
}

static int
concord(const char *path, int nq)
{
	tm_db *db = NULL;
	tm_db_options o = TM_DB_OPTIONS_INIT;
	double *times = calloc((size_t)nq, sizeof(double));
	double *cpu = calloc((size_t)nq, sizeof(double));
	long total = 0;

	o.flags = TM_DB_READONLY;
	if (tm_db_open(&db, path, &o) < 0) {
		fprintf(stderr, "open: %s\n", tm_errmsg());
		return 1;
	}
	rng_state = 777;
	for (int i = 0; i < nq; i++) {
		tm_concord_options co = TM_CONCORD_OPTIONS_INIT;
		tm_concord_list *l = NULL;
		const struct pair *p = &pairs[rnd() % npairs];
		bool en = rnd() % 2;
		char copy[8192], *w[512], phrase[256];
		size_t n;
		double t0, c0;

		snprintf(copy, sizeof(copy), "%s", en ? p->en : p->other);
		n = split(copy, w, 500);
		if (!n)
			continue;
		{
			size_t k = rnd() % n;

			/* BENCH_TRANSLIT: one word, searched across
			 * scripts (TM_CONCORD_TRANSLIT) */
			if (getenv("BENCH_TRANSLIT"))
				co.flags = TM_CONCORD_TRANSLIT;
			if (!co.flags && rnd() % 2 && k + 1 < n)
				snprintf(phrase, sizeof(phrase), "%s %s", w[k],
				         w[k + 1]);
			else
				snprintf(phrase, sizeof(phrase), "%s", w[k]);
		}
		co.lang = en ? "en" : p->lang;
		t0 = now_ms();
		c0 = cpu_ms();
		if (tm_concord(&l, db, phrase, &co) < 0) {
			times[i] = now_ms() - t0;
			cpu[i] = cpu_ms() - c0;
			continue; /* a phrase of punctuation only */
		}
		times[i] = now_ms() - t0;
		cpu[i] = cpu_ms() - c0;
		total += (long)tm_concord_list_count(l);
		if (getenv("BENCH_SLOW") && cpu[i] > atof(getenv("BENCH_SLOW")))
			fprintf(stderr, "SLOW %.1f ms cpu, %zu hits: %s\n",
			        cpu[i], tm_concord_list_count(l), phrase);
		tm_concord_list_free(l);
	}
	report("concord wall (first 100 hits)", times, (size_t)nq);
	report("concord cpu (first 100 hits)", cpu, (size_t)nq);
	printf("hits returned: %ld\n", total);
	free(times);
	free(cpu);
	tm_db_close(db);
	return 0;
}

static int
size(const char *path)
{
	sqlite3 *h;
	sqlite3_stmt *s;
	double plain = 0, ix = 0, file = 0;

	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return 1;
	sqlite3_prepare_v2(h, "SELECT sum(length(CAST(plain AS BLOB))) FROM tuv",
	                   -1, &s, NULL);
	if (sqlite3_step(s) == SQLITE_ROW)
		plain = sqlite3_column_double(s, 0);
	sqlite3_finalize(s);
	if (sqlite3_prepare_v2(h,
	                       "SELECT sum(pgsize) FROM dbstat WHERE name LIKE"
	                       " 'tm_ix%'",
	                       -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		ix = sqlite3_column_double(s, 0);
	sqlite3_finalize(s);
	sqlite3_prepare_v2(h,
	                   "SELECT page_count * page_size FROM"
	                   " pragma_page_count, pragma_page_size",
	                   -1, &s, NULL);
	if (sqlite3_step(s) == SQLITE_ROW)
		file = sqlite3_column_double(s, 0);
	sqlite3_finalize(s);
	printf("plain text %.1f MB, index %.1f MB (%.2fx), file %.1f MB\n",
	       plain / 1e6, ix / 1e6, plain ? ix / plain : 0, file / 1e6);
	sqlite3_close(h);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: bench-lookup build|lookup|concord|size"
		                "|queries DB [N]\n");
		return 2;
	}
	load_pairs();
	if (!npairs)
		return 77;
	if (strcmp(argv[1], "build") == 0)
		return build(argv[2], argc > 3 ? atol(argv[3]) : 1000000);
	if (strcmp(argv[1], "lookup") == 0)
		return lookup(argv[2], argc > 3 ? atoi(argv[3]) : 1000,
		              !getenv("BENCH_NO_CHECK"));
	if (strcmp(argv[1], "concord") == 0)
		return concord(argv[2], argc > 3 ? atoi(argv[3]) : 200);
	if (strcmp(argv[1], "size") == 0)
		return size(argv[2]);
	if (strcmp(argv[1], "queries") == 0)
		return queries(argc > 3 ? atoi(argv[3]) : 1000);
	if (strcmp(argv[1], "reindex") == 0) {
		/* a writable open rebuilds an index of an older version */
		tm_db *db = NULL;
		double t0 = now_ms();

		if (tm_db_open(&db, argv[2], NULL) < 0) {
			fprintf(stderr, "open: %s\n", tm_errmsg());
			return 1;
		}
		tm_db_close(db);
		printf("reindex: %.1f s\n", (now_ms() - t0) / 1e3);
		return 0;
	}
	if (strcmp(argv[1], "dump") == 0)
		return dump(argc > 3 ? atol(argv[3]) : 2000);
	return 2;
}
