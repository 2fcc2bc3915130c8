/* SPDX-License-Identifier: MIT */
/* Concordance: every segment containing a phrase as a run of whole match
 * tokens starting at a word start. Candidates are the intersection of the posting lists of the two
 * rarest index terms of the phrase (a syllable pair for Korean), then each
 * is checked token by token on its key. */
#include "index-private.h"
#include "match-private.h"
#include "store-private.h"

#include <stdlib.h>
#include <string.h>

#define DEFAULT_MAX 100
#define CHUNK 2048

struct tm_concord_list {
	tm_concord_hit *v;
	size_t n, cap;
};

size_t
tm_concord_list_count(const tm_concord_list *l)
{
	return l ? l->n : 0;
}

const tm_concord_hit *
tm_concord_list_get(const tm_concord_list *l, size_t i)
{
	return l && i < l->n ? &l->v[i] : NULL;
}

void
tm_concord_list_free(tm_concord_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free((char *)l->v[i].text);
		free((char *)l->v[i].lang);
		free((char *)l->v[i].translation);
		free((char *)l->v[i].translation_lang);
		free((char *)l->v[i].origin);
		free((char *)l->v[i].changed);
	}
	free(l->v);
	free(l);
}

struct term {
	char *text;
	size_t len;
	long long df;
};

struct ids {
	long long *v;
	size_t n, cap;
};

static tm_status
ids_push(struct ids *a, long long id)
{
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 1024;
		long long *v = realloc(a->v, cap * sizeof(*v));

		if (!v)
			return tm__error_oom();
		a->v = v;
		a->cap = cap;
	}
	a->v[a->n++] = id;
	return TM_OK;
}

static tm_status
postings(struct ids *out, tm_db *db, sqlite3_stmt *s, const struct term *t)
{
	tm__buf q = { 0 };
	tm_status st;
	int rc;

	if ((st = tm__buf_append(&q, "\"", 1)) < 0 ||
	    (st = tm__buf_append(&q, t->text, t->len)) < 0 ||
	    (st = tm__buf_append(&q, "\"", 1)) < 0)
		goto done;
	sqlite3_reset(s);
	sqlite3_bind_text(s, 1, q.data, (int)q.len, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((st = ids_push(out, sqlite3_column_int64(s, 0))) < 0)
			goto done;
	if (rc != SQLITE_DONE)
		st = tm__db_error(db, rc, "concord");
	sqlite3_reset(s);
done:
	tm__buf_dispose(&q);
	return st;
}

static int
cmp_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

static int
by_df(const void *a, const void *b)
{
	const struct term *x = a, *y = b;

	return x->df < y->df ? -1 : x->df > y->df;
}

/* Whether token @i of @t begins a word: a phrase matches at a word start
 * only, so that 평양 (Pyongyang) is not found inside 태평양 (Pacific) while
 * 평양은 and 평양에서 (the name with a particle after it) still are. A
 * token glued to a letter, syllable or digit before it is inside a word;
 * one after a symbol ("$5") is not. */
static bool
word_start(const tm__toks *t, size_t i)
{
	return i == 0 || !t->v[i].joined || t->v[i - 1].kind == TM__TOK_SYM;
}

/* Position of the phrase's token hashes @ph (@np of them) in the tokens
 * of @s, or -1. */
static long
find_run(const uint64_t *ph, size_t np, const char *s, const tm__toks *t)
{
	for (size_t i = 0; i + np <= t->n; i++) {
		size_t j = 0;

		if (!word_start(t, i))
			continue;
		while (j < np && tm__tok_hash(s + t->v[i + j].off,
		                              t->v[i + j].len) == ph[j])
			j++;
		if (j == np)
			return (long)i;
	}
	return -1;
}

/* Mark the phrase in the stored plain text: its tokens, each folded like
 * the key, compared with the phrase's. */
static void
find_span(size_t *start, size_t *len, const char *plain, const uint64_t *ph,
          size_t np)
{
	tm__toks t = { 0 };

	*start = *len = 0;
	if (tm__tokenize(&t, plain, strlen(plain)) < 0)
		return;
	for (size_t i = 0; i + np <= t.n; i++) {
		size_t j = 0;

		if (!word_start(&t, i))
			continue;
		for (; j < np; j++) {
			char *k = NULL, *tok;
			size_t kl = 0;
			bool same;

			tok = tm__strndup(plain + t.v[i + j].off,
			                  t.v[i + j].len);
			if (!tok || tm__match_key(&k, &kl, tok) < 0) {
				free(tok);
				break;
			}
			same = tm__tok_hash(k, kl) == ph[j];
			free(tok);
			free(k);
			if (!same)
				break;
		}
		if (j == np) {
			*start = t.v[i].off;
			*len = t.v[i + np - 1].off + t.v[i + np - 1].len -
			       t.v[i].off;
			break;
		}
	}
	tm__toks_dispose(&t);
}

static char *
col_dup(sqlite3_stmt *s, int i)
{
	const char *v = (const char *)sqlite3_column_text(s, i);

	return v ? tm__strdup(v) : NULL;
}

tm_status
tm_concord(tm_concord_list **out, tm_db *db, const char *phrase,
           const tm_concord_options *opts)
{
	char src[16], tgt[16] = "";
	char *key = NULL;
	size_t klen = 0, nterms = 0, limit;
	tm__toks toks = { 0 }, ctoks = { 0 };
	uint64_t *ph = NULL;
	struct term *terms = NULL;
	struct ids a = { 0 }, b = { 0 };
	sqlite3_stmt *s_df = NULL, *s_post = NULL, *s_get = NULL;
	sqlite3_stmt *s_chunk = NULL;
	long long last = 0;
	bool have_b = false, more = false, staged_done = false;
	bool in_txn = false;
	tm_concord_list *l = NULL;
	tm__ix *ix;
	sqlite3 *h;
	tm_status st;
	tm__buf term = { 0 };

	if (!out)
		return tm__error_set(TM_EINVAL, "concord: no output pointer");
	*out = NULL;
	if (!db || !phrase || !opts ||
	    opts->version != TM_CONCORD_OPTIONS_VERSION)
		return tm__error_set(TM_EINVAL, "concord: %s",
		                     !db       ? "the TM is NULL" :
		                     !phrase   ? "the phrase is NULL" :
		                     !opts     ? "the options are NULL" :
		                                 "unknown options version");
	if ((st = tm__lang_base(src, opts->lang)) < 0)
		return st;
	if (opts->target_lang && (st = tm__lang_base(tgt, opts->target_lang)) <
	                                 0)
		return st;
	if (opts->flags & TM_CONCORD_TRANSLIT)
		return tm__error_set(TM_EINVAL,
		                     "concord: cross-script search is not "
		                     "available yet (no transliteration index)");
	limit = opts->max_results == 0 ? DEFAULT_MAX :
	        opts->max_results < 0  ? (size_t)-1 :
	                                 (size_t)opts->max_results;
	h = tm__db_handle(db);
	if ((st = tm__index_get(&ix, h)) < 0)
		return st;
	/* one snapshot and one set of WAL locks for the whole search */
	if (sqlite3_get_autocommit(h)) {
		if (sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
			return tm__db_error(db, sqlite3_errcode(h), "concord");
		in_txn = true;
	}
	if ((st = tm__match_key(&key, &klen, phrase)) < 0 ||
	    (st = tm__tokenize(&toks, key, klen)) < 0)
		goto done;
	if (toks.n == 0) {
		st = tm__error_set(TM_EINVAL, "concord: no word in the phrase");
		goto done;
	}
	ph = calloc(toks.n, sizeof(*ph));
	terms = calloc(2 * toks.n, sizeof(*terms));
	if (!ph || !terms) {
		st = tm__error_oom();
		goto done;
	}
	if (sqlite3_prepare_v2(h, "SELECT doc FROM tm_ix_vocab WHERE term = ?1",
	                       -1, &s_df, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "SELECT rowid FROM tm_ix WHERE tm_ix MATCH ?1",
	                       -1, &s_post, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h,
	                       "SELECT rowid FROM tm_ix WHERE tm_ix MATCH ?1"
	                       " AND rowid > ?2 ORDER BY rowid LIMIT ?3",
	                       -1, &s_chunk, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h,
	                       "SELECT s.key, s.lang_base, s.plain, s.lang,"
	                       " s.tu_id, u.origin, u.changed,"
	                       " (SELECT t.plain || char(31) || t.lang FROM"
	                       " tuv t WHERE t.tu_id = s.tu_id AND"
	                       " t.lang_base <> s.lang_base AND"
	                       " (?2 = '' OR t.lang_base = ?2) ORDER BY t.id"
	                       " LIMIT 1)"
	                       " FROM tuv s JOIN tu u ON u.id = s.tu_id"
	                       " WHERE s.id = ?1",
	                       -1, &s_get, NULL) != SQLITE_OK) {
		st = tm__db_error(db, sqlite3_errcode(h), "concord");
		goto done;
	}
	/* Index terms of the phrase with their frequencies. */
	for (size_t i = 0; i < toks.n; i++) {
		const tm__tok *k = &toks.v[i];
		size_t spans[2] = { k->len, 0 };

		ph[i] = tm__tok_hash(key + k->off, k->len);
		if (k->kind == TM__TOK_CHAR && i + 1 < toks.n &&
		    toks.v[i + 1].joined && toks.v[i + 1].kind == TM__TOK_CHAR)
			spans[1] = toks.v[i + 1].off + toks.v[i + 1].len -
			           k->off;
		for (int j = 0; j < 2; j++) {
			struct term *t = &terms[nterms];
			long long df;
			int rc;

			if (!spans[j] || spans[j] > 255)
				continue;
			if ((st = tm__ix_term(&term, src, key + k->off,
			                      spans[j])) < 0)
				goto done;
			t->text = tm__strndup(term.data, term.len);
			if (!t->text) {
				st = tm__error_oom();
				goto done;
			}
			t->len = term.len;
			nterms++;
			df = tm__ix_df_get(ix, t->text, t->len);
			if (df < 0) {
				sqlite3_reset(s_df);
				sqlite3_bind_text(s_df, 1, t->text, (int)t->len,
				                  SQLITE_STATIC);
				rc = sqlite3_step(s_df);
				df = rc == SQLITE_ROW ?
				             sqlite3_column_int64(s_df, 0) :
				             0;
				sqlite3_reset(s_df);
				tm__ix_df_put(ix, t->text, t->len, df);
			}
			t->df = df;
		}
	}
	l = calloc(1, sizeof(*l));
	if (!l) {
		st = tm__error_oom();
		goto done;
	}
	if (!nterms)
		goto staged; /* only overlong words: nothing indexed */
	if (nterms > 1)
		qsort(terms, nterms, sizeof(*terms), by_df);
	if (terms[0].df == 0)
		goto staged;
	/* A second list small enough is read whole and intersected. */
	if (nterms > 1 && terms[1].df < 8 * terms[0].df + 10000) {
		if ((st = postings(&b, db, s_post, &terms[1])) < 0)
			goto done;
		have_b = true;
	}
next_chunk:
	/* The rarest list in chunks, so that a common word stops reading
	 * once enough segments are found. */
	a.n = 0;
	{
		tm__buf q = { 0 };
		int rc, nrows = 0;

		if ((st = tm__buf_append(&q, "\"", 1)) < 0 ||
		    (st = tm__buf_append(&q, terms[0].text, terms[0].len)) <
		            0 ||
		    (st = tm__buf_append(&q, "\"", 1)) < 0) {
			tm__buf_dispose(&q);
			goto done;
		}
		sqlite3_reset(s_chunk);
		sqlite3_bind_text(s_chunk, 1, q.data, (int)q.len,
		                  SQLITE_TRANSIENT);
		sqlite3_bind_int64(s_chunk, 2, last);
		sqlite3_bind_int(s_chunk, 3, CHUNK);
		tm__buf_dispose(&q);
		while ((rc = sqlite3_step(s_chunk)) == SQLITE_ROW) {
			long long id = sqlite3_column_int64(s_chunk, 0);

			last = id;
			nrows++;
			if (have_b && !bsearch(&id, b.v, b.n, sizeof(*b.v),
			                       cmp_id))
				continue;
			if ((st = ids_push(&a, id)) < 0)
				goto done;
		}
		if (rc != SQLITE_DONE) {
			st = tm__db_error(db, rc, "concord");
			goto done;
		}
		more = nrows == CHUNK;
	}
	goto found_list;
staged:
	/* Variants a writer staged but has not flushed (normally none). */
	staged_done = true;
	more = false;
	a.n = 0;
	{
		sqlite3_stmt *ss = NULL;

		if (sqlite3_prepare_v2(h, "SELECT id FROM tm_ix_stage", -1, &ss,
		                       NULL) == SQLITE_OK) {
			while (sqlite3_step(ss) == SQLITE_ROW)
				if ((st = ids_push(&a, sqlite3_column_int64(
				                               ss, 0))) < 0)
					break;
		}
		sqlite3_finalize(ss);
		if (st < 0)
			goto done;
	}
found_list:
	for (size_t i = 0; i < a.n && l->n < limit; i++) {
		int rc;
		const char *k, *lb, *tr;

		sqlite3_reset(s_get);
		sqlite3_bind_int64(s_get, 1, a.v[i]);
		sqlite3_bind_text(s_get, 2, tgt, -1, SQLITE_STATIC);
		rc = sqlite3_step(s_get);
		if (rc == SQLITE_DONE)
			continue;
		if (rc != SQLITE_ROW) {
			st = tm__db_error(db, rc, "concord");
			goto done;
		}
		k = (const char *)sqlite3_column_text(s_get, 0);
		lb = (const char *)sqlite3_column_text(s_get, 1);
		if (!k || !lb || strcmp(lb, src) != 0)
			continue;
		if ((st = tm__tokenize(&ctoks, k, strlen(k))) < 0)
			goto done;
		if (find_run(ph, toks.n, k, &ctoks) < 0)
			continue;
		if (l->n == l->cap) {
			size_t cap = l->cap ? l->cap * 2 : 16;
			tm_concord_hit *v = realloc(l->v, cap * sizeof(*v));

			if (!v) {
				st = tm__error_oom();
				goto done;
			}
			l->v = v;
			l->cap = cap;
		}
		{
			tm_concord_hit *hit = &l->v[l->n++];

			memset(hit, 0, sizeof(*hit));
			hit->tu = sqlite3_column_int64(s_get, 4);
			hit->text = col_dup(s_get, 2);
			hit->lang = col_dup(s_get, 3);
			hit->origin = col_dup(s_get, 5);
			hit->changed = col_dup(s_get, 6);
			tr = (const char *)sqlite3_column_text(s_get, 7);
			if (tr) {
				const char *sep = strchr(tr, 0x1f);

				hit->translation = tm__strndup(
				        tr, sep ? (size_t)(sep - tr) :
				                  strlen(tr));
				hit->translation_lang =
				        tm__strdup(sep ? sep + 1 : "");
			}
			if (!hit->text || !hit->lang ||
			    (tr && (!hit->translation ||
			            !hit->translation_lang))) {
				st = tm__error_oom();
				goto done;
			}
			find_span(&hit->span_start, &hit->span_len, hit->text,
			          ph, toks.n);
		}
	}
	if (l->n < limit && more)
		goto next_chunk;
	if (l->n < limit && !staged_done)
		goto staged;
	*out = l;
	l = NULL;
	st = TM_OK;
done:
	for (size_t i = 0; i < nterms; i++)
		free(terms[i].text);
	free(terms);
	free(ph);
	free(a.v);
	free(b.v);
	free(key);
	tm__buf_dispose(&term);
	tm__toks_dispose(&toks);
	tm__toks_dispose(&ctoks);
	sqlite3_finalize(s_df);
	sqlite3_finalize(s_post);
	sqlite3_finalize(s_chunk);
	sqlite3_finalize(s_get);
	if (in_txn)
		sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
	tm_concord_list_free(l);
	return st;
}
