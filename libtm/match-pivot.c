/* SPDX-License-Identifier: MIT */
/* Pivot translations (docs/scores.md, "Pivot matches and duplicates"): a
 * unit that lacks the wanted language borrows the translation of another
 * unit with which it shares a variant in a third language, equal on the
 * normalized key (tuv.key, what an exact match compares). Desks that
 * each align against English make en-ko and en-ru units; ko->ru then goes
 * through the English both share.
 *
 * Cost: per third-language variant of the unit, one probe of the
 * exact-match index (tuv_key_hash) and one probe of tuv_tu per unit
 * sharing it, at most PIVOT_SHARERS of them, so that a text shared by
 * thousands of units ("Photo:") costs a bounded read. A shared text that
 * gave nothing is remembered for the rest of the lookup: the units of
 * one story often share their wire copy's English. */
#include "match-private.h"
#include "store-private.h"

#include <stdlib.h>
#include <string.h>

/* Units sharing a variant examined for a translation, per variant. */
#define PIVOT_SHARERS 32
#define STR_(x) #x
#define STR(x) STR_(x)
/* Shared texts remembered as giving nothing, per lookup. */
#define PIVOT_MISSES 64

struct tm__pivot {
	tm_db *db;
	/* prepared on first use: most lookups need no pivot */
	sqlite3_stmt *s_vars, *s_sharers, *s_target;
	long long misses[PIVOT_MISSES];
	size_t nmisses;
};

/* ?1 the unit lacking the target, ?2 the language looked up from (its
 * variants are the query's side), ?3 the target: the other variants. */
static const char vars_sql[] =
	"SELECT lang, plain, key_hash, lang_base, key FROM tuv"
	" WHERE tu_id = ?1 AND lang_base <> ?2 AND lang_base <> ?3";
/* The units sharing a variant (equal key), in the index's order (the
 * first stored first), but ?4, the unit itself. */
static const char sharers_sql[] =
	"SELECT tu_id FROM tuv WHERE key_hash = ?1 AND lang_base = ?2"
	" AND key = ?3 AND tu_id <> ?4 LIMIT " STR(PIVOT_SHARERS);
/* A unit's variant in the target language ?2, the first. */
static const char target_sql[] =
	"SELECT id, plain, lang FROM tuv WHERE tu_id = ?1 AND lang_base = ?2"
	" ORDER BY id LIMIT 1";

tm_status
tm__pivot_open(tm__pivot **out, tm_db *db)
{
	tm__pivot *p = tm__calloc(1, sizeof(*p));

	*out = NULL;
	if (!p)
		return tm__error_oom();
	p->db = db;
	*out = p;
	return TM_OK;
}

void
tm__pivot_free(tm__pivot *p)
{
	if (!p)
		return;
	sqlite3_finalize(p->s_vars);
	sqlite3_finalize(p->s_sharers);
	sqlite3_finalize(p->s_target);
	tm__free(p);
}

void
tm__pivot_hit_dispose(tm__pivot_hit *h)
{
	tm__free(h->via_lang);
	tm__free(h->via_text);
	tm__free(h->text);
	tm__free(h->lang);
	memset(h, 0, sizeof(*h));
}

static tm_status
prepare(tm__pivot *p)
{
	sqlite3 *h = tm__db_handle(p->db);
	int rc = SQLITE_OK;

	if (p->s_vars)
		return TM_OK;
	if ((rc = sqlite3_prepare_v2(h, vars_sql, -1, &p->s_vars, NULL)) !=
	            SQLITE_OK ||
	    (rc = sqlite3_prepare_v2(h, sharers_sql, -1, &p->s_sharers,
	                             NULL)) != SQLITE_OK ||
	    (rc = sqlite3_prepare_v2(h, target_sql, -1, &p->s_target, NULL)) !=
	            SQLITE_OK) {
		sqlite3_finalize(p->s_vars);
		sqlite3_finalize(p->s_sharers);
		p->s_vars = p->s_sharers = NULL;
		return tm__db_error(p->db, rc, "pivot");
	}
	return TM_OK;
}

static bool
missed(const tm__pivot *p, long long key_hash)
{
	for (size_t i = 0; i < p->nmisses; i++)
		if (p->misses[i] == key_hash)
			return true;
	return false;
}

static char *
col(sqlite3_stmt *s, int i)
{
	const char *v = (const char *)sqlite3_column_text(s, i);

	return tm__strdup(v ? v : "");
}

/* The target variant of unit @tu, if any, as hit @h linked by the
 * variant on @p->s_vars's row. */
static tm_status
target_of(tm__pivot *p, long long tu, const char *tgt, tm__pivot_hit *h,
          bool *found)
{
	int rc;

	*found = false;
	sqlite3_reset(p->s_target);
	sqlite3_bind_int64(p->s_target, 1, tu);
	sqlite3_bind_text(p->s_target, 2, tgt, -1, SQLITE_STATIC);
	rc = sqlite3_step(p->s_target);
	if (rc == SQLITE_DONE)
		return TM_OK;
	if (rc != SQLITE_ROW)
		return tm__db_error(p->db, rc, "pivot");
	memset(h, 0, sizeof(*h));
	h->tu = tu;
	h->tuv = sqlite3_column_int64(p->s_target, 0);
	h->text = col(p->s_target, 1);
	h->lang = col(p->s_target, 2);
	h->via_lang = col(p->s_vars, 0);
	h->via_text = col(p->s_vars, 1);
	*found = true;
	sqlite3_reset(p->s_target);
	if (!h->text || !h->lang || !h->via_lang || !h->via_text)
		return tm__error_oom();
	return TM_OK;
}

tm_status
tm__pivot_find(tm__pivot_hit *out, size_t max, size_t *n, tm__pivot *p,
               long long tu, const char *from, const char *tgt)
{
	tm_status st;
	int rc = SQLITE_DONE;

	*n = 0;
	if ((st = prepare(p)) < 0)
		return st;
	sqlite3_reset(p->s_vars);
	sqlite3_bind_int64(p->s_vars, 1, tu);
	sqlite3_bind_text(p->s_vars, 2, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(p->s_vars, 3, tgt, -1, SQLITE_STATIC);
	while (st >= 0 && *n < max &&
	       (rc = sqlite3_step(p->s_vars)) == SQLITE_ROW) {
		long long kh = sqlite3_column_int64(p->s_vars, 2);
		size_t before = *n;

		if (missed(p, kh))
			continue;
		sqlite3_reset(p->s_sharers);
		sqlite3_bind_int64(p->s_sharers, 1, kh);
		sqlite3_bind_value(p->s_sharers, 2,
		                   sqlite3_column_value(p->s_vars, 3));
		sqlite3_bind_value(p->s_sharers, 3,
		                   sqlite3_column_value(p->s_vars, 4));
		sqlite3_bind_int64(p->s_sharers, 4, tu);
		while (st >= 0 && *n < max &&
		       (rc = sqlite3_step(p->s_sharers)) == SQLITE_ROW) {
			bool found;

			st = target_of(p, sqlite3_column_int64(p->s_sharers, 0),
			               tgt, &out[*n], &found);
			if (found)
				(*n)++;
		}
		if (st >= 0 && rc != SQLITE_ROW && rc != SQLITE_DONE)
			st = tm__db_error(p->db, rc, "pivot");
		sqlite3_reset(p->s_sharers);
		if (st >= 0 && *n == before && p->nmisses < PIVOT_MISSES)
			p->misses[p->nmisses++] = kh;
	}
	if (st >= 0 && *n < max && rc != SQLITE_DONE)
		st = tm__db_error(p->db, rc, "pivot");
	sqlite3_reset(p->s_vars);
	if (st < 0) {
		for (size_t i = 0; i < *n; i++)
			tm__pivot_hit_dispose(&out[i]);
		*n = 0;
	}
	return st;
}
