/* SPDX-License-Identifier: MIT */
/* What a TM holds (tm_db_stats_read()): counts per language, per language
 * pair and per origin, and the size of the file. Read-only queries over
 * the whole TM, so none of this is on the put path. */
#include "store-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static tm_status
stats_error(tm_db *db, int rc)
{
	return tm__db_error(db, rc, "cannot count");
}

/* Run @sql and hand each row to @row; grows nothing itself. */
static tm_status
each_row(tm_db *db,
         const char *sql,
         tm_status (*row)(void *ctx, sqlite3_stmt *s),
         void *ctx)
{
	sqlite3_stmt *s = NULL;
	tm_status st = TM_OK;
	int rc = sqlite3_prepare_v2(tm__db_handle(db), sql, -1, &s, NULL);

	if (rc != SQLITE_OK)
		return stats_error(db, rc);
	while (st == TM_OK && (rc = sqlite3_step(s)) == SQLITE_ROW)
		st = row(ctx, s);
	sqlite3_finalize(s);
	if (st == TM_OK && rc != SQLITE_DONE)
		st = stats_error(db, rc);
	return st;
}

static char *
dup_col(sqlite3_stmt *s, int i)
{
	const char *v = (const char *)sqlite3_column_text(s, i);

	return v ? tm__strdup(v) : NULL;
}

/* The capacity of an array of tm_db_stats, which keeps none: implied by
 * its count @n, in powers of two from 4. */
static size_t
implied_cap(size_t n)
{
	size_t c = 4;

	if (!n)
		return 0;
	while (c < n)
		c *= 2;
	return c;
}

static tm_status
totals_row(void *ctx, sqlite3_stmt *s)
{
	tm_db_stats *out = ctx;

	out->units = sqlite3_column_int64(s, 0);
	out->variants = sqlite3_column_int64(s, 1);
	return TM_OK;
}

static tm_status
origin_row(void *ctx, sqlite3_stmt *s)
{
	tm_db_stats *out = ctx;
	tm_db_origin_stat *o;
	size_t cap = implied_cap(out->norigins);

	if (!TM__ARRAY_GROW(out->origins, cap, out->norigins + 1, 4))
		return tm__error_oom();
	o = &out->origins[out->norigins];
	o->name = NULL;
	if (sqlite3_column_type(s, 0) != SQLITE_NULL &&
	    !(o->name = dup_col(s, 0)))
		return tm__error_oom();
	o->units = sqlite3_column_int64(s, 1);
	o->has_header = sqlite3_column_int(s, 2);
	out->norigins++;
	return TM_OK;
}

/* ---- languages and pairs in one pass ----
 * A GROUP BY per language and a self-join per pair read the variants
 * twice and the pairs' join grows with the square of the variants of a
 * unit: 3.6 s for 500,000 units in 3 languages. One scan of (tu_id, lang)
 * in unit order (the tuv(tu_id) index), counted here, takes a tenth. */

/* What the scan gathers: the languages met (in order of meeting), their
 * counts, and an NL x NL matrix of pair counts ([i][j], i < j by name
 * order is settled at the end). */
typedef struct lang_agg {
	char **names;
	long long *units, *vars;
	size_t n, cap;
	long long *pu, *pv; /* pair units, pair variants: [i * cap + j] */
	/* the current unit: its languages (indices) and variants in each */
	size_t *ul;
	long long *uc;
	size_t un;
} lang_agg;

/* Index of language @lang (@len bytes), added when new; -1 when out of
 * memory. The languages of a TM are few: a linear search from the last
 * one found costs less than hashing. */
static long
agg_lang(lang_agg *a, const char *lang, size_t len, size_t *last)
{
	for (size_t k = 0; k < a->n; k++) {
		size_t i = (*last + k) % a->n;

		if (strlen(a->names[i]) == len &&
		    memcmp(a->names[i], lang, len) == 0)
			return (long)(*last = i);
	}
	if (a->n == a->cap) {
		/* arrays of one capacity, each grown from it (one that grew
		 * before another failed is only bigger than a->cap says) */
		size_t n = a->n + 1, cap = a->cap, c;
		long long *pu = NULL, *pv = NULL;
		bool ok = true;

		c = cap, ok = TM__ARRAY_GROW(a->names, c, n, 8) && ok;
		c = cap, ok = TM__ARRAY_GROW(a->units, c, n, 8) && ok;
		c = cap, ok = TM__ARRAY_GROW(a->vars, c, n, 8) && ok;
		c = cap, ok = TM__ARRAY_GROW(a->ul, c, n, 8) && ok;
		c = cap, ok = TM__ARRAY_GROW(a->uc, c, n, 8) && ok;
		cap = c;
		if (ok && cap <= SIZE_MAX / cap) {
			pu = tm__calloc(cap * cap, sizeof(*pu));
			pv = tm__calloc(cap * cap, sizeof(*pv));
		}
		if (!ok || !pu || !pv) {
			tm__free(pu);
			tm__free(pv);
			return -1;
		}
		for (size_t i = 0; i < a->n; i++)
			for (size_t j = 0; j < a->n; j++) {
				pu[i * cap + j] = a->pu[i * a->cap + j];
				pv[i * cap + j] = a->pv[i * a->cap + j];
			}
		tm__free(a->pu);
		tm__free(a->pv);
		a->pu = pu;
		a->pv = pv;
		a->cap = cap;
	}
	if (!(a->names[a->n] = tm__strndup(lang, len)))
		return -1;
	a->units[a->n] = a->vars[a->n] = 0;
	*last = a->n;
	return (long)a->n++;
}

/* The unit gathered in a->ul/uc is complete: count it. */
static void
agg_unit(lang_agg *a)
{
	for (size_t x = 0; x < a->un; x++) {
		size_t i = a->ul[x];

		a->units[i]++;
		a->vars[i] += a->uc[x];
		for (size_t y = x + 1; y < a->un; y++) {
			size_t j = a->ul[y];
			size_t lo = i < j ? i : j, hi = i < j ? j : i;

			a->pu[lo * a->cap + hi]++;
			a->pv[lo * a->cap + hi] += a->uc[x] + a->uc[y];
		}
	}
	a->un = 0;
}

static void
agg_dispose(lang_agg *a)
{
	for (size_t i = 0; i < a->n; i++)
		tm__free(a->names[i]);
	tm__free(a->names);
	tm__free(a->units);
	tm__free(a->vars);
	tm__free(a->pu);
	tm__free(a->pv);
	tm__free(a->ul);
	tm__free(a->uc);
}

static const lang_agg *sort_agg;

static int
cmp_name(const void *x, const void *y)
{
	return strcmp(sort_agg->names[*(const size_t *)x],
	              sort_agg->names[*(const size_t *)y]);
}

/* The gathered counts into @out, languages and pairs in name order (as
 * SQLite's ORDER BY lang gave them). */
static tm_status
agg_output(tm_db_stats *out, lang_agg *a)
{
	size_t *ord = tm__malloc((a->n ? a->n : 1) * sizeof(*ord));

	if (!ord)
		return tm__error_oom();
	for (size_t i = 0; i < a->n; i++)
		ord[i] = i;
	sort_agg = a;
	qsort(ord, a->n, sizeof(*ord), cmp_name);
	out->langs = tm__calloc(a->n ? a->n : 1, sizeof(*out->langs));
	out->pairs = tm__calloc(a->n > 1 ? a->n * (a->n - 1) / 2 : 1,
	                    sizeof(*out->pairs));
	if (!out->langs || !out->pairs) {
		tm__free(ord);
		return tm__error_oom();
	}
	for (size_t x = 0; x < a->n; x++) {
		size_t i = ord[x];
		tm_db_lang_stat *l = &out->langs[out->nlangs];

		if (!(l->lang = tm__strdup(a->names[i]))) {
			tm__free(ord);
			return tm__error_oom();
		}
		l->units = a->units[i];
		l->variants = a->vars[i];
		out->nlangs++;
	}
	for (size_t x = 0; x < a->n; x++)
		for (size_t y = x + 1; y < a->n; y++) {
			size_t i = ord[x], j = ord[y];
			size_t lo = i < j ? i : j, hi = i < j ? j : i;
			tm_db_pair_stat *p = &out->pairs[out->npairs];

			if (!a->pu[lo * a->cap + hi])
				continue;
			p->lang1 = tm__strdup(a->names[i]);
			p->lang2 = tm__strdup(a->names[j]);
			if (!p->lang1 || !p->lang2) {
				tm__free((char *)p->lang1);
				tm__free((char *)p->lang2);
				tm__free(ord);
				return tm__error_oom();
			}
			p->units = a->pu[lo * a->cap + hi];
			p->variants = a->pv[lo * a->cap + hi];
			out->npairs++;
		}
	tm__free(ord);
	return TM_OK;
}

/* Languages and pairs of @db into @out in one scan. */
static tm_status
langs_and_pairs(tm_db_stats *out, tm_db *db)
{
	sqlite3_stmt *s = NULL;
	lang_agg a = {0};
	long long cur = 0;
	size_t last = 0;
	tm_status st = TM_OK;
	int rc = sqlite3_prepare_v2(tm__db_handle(db),
	                            "SELECT tu_id, lang FROM tuv ORDER BY tu_id",
	                            -1, &s, NULL);

	if (rc != SQLITE_OK)
		return stats_error(db, rc);
	while (st == TM_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(s, 0);
		const char *lang = (const char *)sqlite3_column_text(s, 1);
		size_t len = (size_t)sqlite3_column_bytes(s, 1), x;
		long i;

		if (id != cur) {
			agg_unit(&a);
			cur = id;
		}
		if (!lang)
			continue;
		if ((i = agg_lang(&a, lang, len, &last)) < 0) {
			st = tm__error_oom();
			break;
		}
		for (x = 0; x < a.un && a.ul[x] != (size_t)i; x++)
			;
		if (x == a.un) {
			a.ul[a.un] = (size_t)i;
			a.uc[a.un++] = 0;
		}
		a.uc[x]++;
	}
	sqlite3_finalize(s);
	if (st == TM_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
		st = stats_error(db, rc);
	if (st == TM_OK) {
		agg_unit(&a);
		st = agg_output(out, &a);
	}
	agg_dispose(&a);
	return st;
}

static long long
file_size(const char *path, const char *suffix)
{
	char p[4096];
	struct stat sb;

	if ((size_t)snprintf(p, sizeof(p), "%s%s", path, suffix) >= sizeof(p))
		return 0;
	return stat(p, &sb) == 0 ? (long long)sb.st_size : 0;
}

tm_status
tm_db_stats_read(tm_db_stats *out, tm_db *db)
{
	tm_status st;

	if (!out || out->version != TM_DB_STATS_VERSION)
		return tm__error_set(TM_EINVAL,
		                     "db: unknown tm_db_stats version");
	out->units = out->variants = out->file_bytes = 0;
	out->nlangs = out->npairs = out->norigins = 0;
	out->langs = NULL;
	out->pairs = NULL;
	out->origins = NULL;
	out->schema_version = TM__DB_SCHEMA_VERSION;
	st = each_row(db,
	              "SELECT (SELECT count(*) FROM tu),"
	              " (SELECT count(*) FROM tuv)",
	              totals_row, out);
	if (st == TM_OK)
		st = langs_and_pairs(out, db);
	if (st == TM_OK)
		st = each_row(
		        db,
		        "SELECT o, sum(n), max(h) FROM ("
		        " SELECT origin AS o, count(*) AS n, 0 AS h FROM tu"
		        " GROUP BY origin"
		        " UNION ALL SELECT name, 0, 1 FROM origin)"
		        " GROUP BY o ORDER BY o IS NULL, o",
		        origin_row, out);
	if (st < 0)
		return st;
	out->file_bytes = file_size(tm_db_path(db), "") +
	                  file_size(tm_db_path(db), "-wal");
	return TM_OK;
}

void
tm_db_stats_dispose(tm_db_stats *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nlangs; i++)
		tm__free((char *)s->langs[i].lang);
	for (size_t i = 0; i < s->npairs; i++) {
		tm__free((char *)s->pairs[i].lang1);
		tm__free((char *)s->pairs[i].lang2);
	}
	for (size_t i = 0; i < s->norigins; i++)
		tm__free((char *)s->origins[i].name);
	tm__free(s->langs);
	tm__free(s->pairs);
	tm__free(s->origins);
	s->langs = NULL;
	s->pairs = NULL;
	s->origins = NULL;
	s->nlangs = s->npairs = s->norigins = 0;
}
