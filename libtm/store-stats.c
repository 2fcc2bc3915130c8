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

/* Room for item @n of an array whose capacity doubles from 4. */
static bool
grow(void **items, size_t n, size_t size)
{
	void *p;

	if (n != 0 && (n < 4 || (n & (n - 1)) != 0))
		return true;
	p = realloc(*items, (n ? n * 2 : 4) * size);
	if (!p)
		return false;
	*items = p;
	return true;
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
lang_row(void *ctx, sqlite3_stmt *s)
{
	tm_db_stats *out = ctx;
	tm_db_lang_stat *l;

	if (!grow((void **)&out->langs, out->nlangs, sizeof(*l)))
		return tm__error_oom();
	l = &out->langs[out->nlangs];
	l->lang = dup_col(s, 0);
	if (!l->lang)
		return tm__error_oom();
	l->units = sqlite3_column_int64(s, 1);
	l->variants = sqlite3_column_int64(s, 2);
	out->nlangs++;
	return TM_OK;
}

static tm_status
pair_row(void *ctx, sqlite3_stmt *s)
{
	tm_db_stats *out = ctx;
	tm_db_pair_stat *p;

	if (!grow((void **)&out->pairs, out->npairs, sizeof(*p)))
		return tm__error_oom();
	p = &out->pairs[out->npairs];
	p->lang1 = dup_col(s, 0);
	p->lang2 = dup_col(s, 1);
	if (!p->lang1 || !p->lang2) {
		free((char *)p->lang1);
		free((char *)p->lang2);
		return tm__error_oom();
	}
	p->units = sqlite3_column_int64(s, 2);
	p->variants = sqlite3_column_int64(s, 3);
	out->npairs++;
	return TM_OK;
}

static tm_status
origin_row(void *ctx, sqlite3_stmt *s)
{
	tm_db_stats *out = ctx;
	tm_db_origin_stat *o;

	if (!grow((void **)&out->origins, out->norigins, sizeof(*o)))
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
		st = each_row(db,
		              "SELECT lang, count(DISTINCT tu_id), count(*)"
		              " FROM tuv GROUP BY lang ORDER BY lang",
		              lang_row, out);
	/* Pairs only for units with more than one variant (most of them):
	 * the self-join goes through the tuv(tu_id) index. */
	if (st == TM_OK)
		st = each_row(
		        db,
		        "SELECT a.lang, b.lang, count(DISTINCT a.tu_id),"
		        " count(DISTINCT a.id) + count(DISTINCT b.id)"
		        " FROM tuv a JOIN tuv b ON b.tu_id = a.tu_id"
		        " AND b.lang > a.lang"
		        " GROUP BY a.lang, b.lang ORDER BY a.lang, b.lang",
		        pair_row, out);
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
		free((char *)s->langs[i].lang);
	for (size_t i = 0; i < s->npairs; i++) {
		free((char *)s->pairs[i].lang1);
		free((char *)s->pairs[i].lang2);
	}
	for (size_t i = 0; i < s->norigins; i++)
		free((char *)s->origins[i].name);
	free(s->langs);
	free(s->pairs);
	free(s->origins);
	s->langs = NULL;
	s->pairs = NULL;
	s->origins = NULL;
	s->nlangs = s->npairs = s->norigins = 0;
}
