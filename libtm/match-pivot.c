/* SPDX-License-Identifier: MIT */
/* Pivot translations (docs/scores.md, "Pivot matches and duplicates"): a
 * unit that lacks the wanted language borrows the translation of another
 * unit with which it shares a variant in a third language, equal on the
 * normalized key (tuv.key, what an exact match compares). Desks that
 * each align against English make en-ko and en-ru units; ko->ru then goes
 * through the English both share. One probe of the exact-match index
 * (tuv_key_hash) per third-language variant of the unit. */
#include "match-private.h"
#include "store-private.h"

#include <stdlib.h>
#include <string.h>

struct tm__pivot {
	tm_db *db;
	sqlite3_stmt *s;
};

/* ?1 the unit lacking the target, ?2 the language searched or looked up
 * from (its variants are no pivot: they are the query's side), ?3 the
 * target. The shared variant p/q is neither; the newest translations
 * first. */
static const char pivot_sql[] =
	"SELECT p.lang, p.plain, q.tu_id, t.id, t.plain, t.lang"
	" FROM tuv p"
	" JOIN tuv q ON q.key_hash = p.key_hash AND q.lang_base = p.lang_base"
	" AND q.key = p.key AND q.tu_id <> p.tu_id"
	" JOIN tuv t ON t.tu_id = q.tu_id AND t.lang_base = ?3"
	" WHERE p.tu_id = ?1 AND p.lang_base <> ?2 AND p.lang_base <> ?3"
	" ORDER BY t.id DESC LIMIT ?4";

tm_status
tm__pivot_open(tm__pivot **out, tm_db *db)
{
	tm__pivot *p = calloc(1, sizeof(*p));
	int rc;

	*out = NULL;
	if (!p)
		return tm__error_oom();
	p->db = db;
	rc = sqlite3_prepare_v2(tm__db_handle(db), pivot_sql, -1, &p->s, NULL);
	if (rc != SQLITE_OK) {
		free(p);
		return tm__db_error(db, rc, "pivot");
	}
	*out = p;
	return TM_OK;
}

void
tm__pivot_free(tm__pivot *p)
{
	if (!p)
		return;
	sqlite3_finalize(p->s);
	free(p);
}

void
tm__pivot_hit_dispose(tm__pivot_hit *h)
{
	free(h->via_lang);
	free(h->via_text);
	free(h->text);
	free(h->lang);
	memset(h, 0, sizeof(*h));
}

tm_status
tm__pivot_find(tm__pivot_hit *out, size_t max, size_t *n, tm__pivot *p,
               long long tu, const char *from, const char *tgt)
{
	tm_status st = TM_OK;
	int rc = SQLITE_DONE;

	*n = 0;
	sqlite3_reset(p->s);
	sqlite3_bind_int64(p->s, 1, tu);
	sqlite3_bind_text(p->s, 2, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(p->s, 3, tgt, -1, SQLITE_STATIC);
	sqlite3_bind_int64(p->s, 4, (long long)max);
	while (*n < max && (rc = sqlite3_step(p->s)) == SQLITE_ROW) {
		tm__pivot_hit *h = &out[*n];
		const char *vl = (const char *)sqlite3_column_text(p->s, 0);
		const char *vt = (const char *)sqlite3_column_text(p->s, 1);
		const char *t = (const char *)sqlite3_column_text(p->s, 4);
		const char *tl = (const char *)sqlite3_column_text(p->s, 5);

		memset(h, 0, sizeof(*h));
		h->tu = sqlite3_column_int64(p->s, 2);
		h->tuv = sqlite3_column_int64(p->s, 3);
		h->via_lang = tm__strdup(vl ? vl : "");
		h->via_text = tm__strdup(vt ? vt : "");
		h->text = tm__strdup(t ? t : "");
		h->lang = tm__strdup(tl ? tl : "");
		(*n)++;
		if (!h->via_lang || !h->via_text || !h->text || !h->lang) {
			st = tm__error_oom();
			break;
		}
	}
	if (st >= 0 && *n < max && rc != SQLITE_DONE)
		st = tm__db_error(p->db, rc, "pivot");
	sqlite3_reset(p->s);
	if (st < 0) {
		for (size_t i = 0; i < *n; i++)
			tm__pivot_hit_dispose(&out[i]);
		*n = 0;
	}
	return st;
}
