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

struct tm_concord_list {
	tm_concord_hit *v;
	size_t n, cap;
	uint64_t *hash;     /* of each hit's text and translation */
	size_t *slot, nslot; /* hash table of hit index + 1 (0: empty) */
	tm__pivot *pv;      /* borrowed from tm_concord(); NULL: no pivots */
	const char *tgt;    /* the translation's primary subtag, or ""; during
	                     * tm_concord() only */
};

/* A list whose hits lacking a translation in @tgt get one through @pv
 * (NULL: none). */
static tm_concord_list *
list_new(tm__pivot *pv, const char *tgt)
{
	tm_concord_list *l = calloc(1, sizeof(*l));

	if (l) {
		l->pv = pv;
		l->tgt = tgt;
	}
	return l;
}

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
		for (size_t k = 0; k < l->v[i].n_origins; k++)
			free((char *)l->v[i].origins[k]);
		free((void *)l->v[i].origins);
		free((char *)l->v[i].pivot_lang);
	}
	free(l->v);
	free(l->hash);
	free(l->slot);
	free(l);
}

struct term {
	char *text;
	size_t len;
	long long df;
};

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

/* The statement that fetches a candidate: ?1 the variant id, ?2 the
 * language base of the translation wanted ('' for the first other). */
static const char get_sql[] =
	"SELECT s.key, s.lang_base, s.plain, s.lang,"
	" s.tu_id, u.origin, u.changed,"
	" (SELECT t.plain || char(31) || t.lang FROM"
	" tuv t WHERE t.tu_id = s.tu_id AND"
	" t.lang_base <> s.lang_base AND"
	" (?2 = '' OR t.lang_base = ?2) ORDER BY t.id"
	" LIMIT 1)"
	" FROM tuv s JOIN tu u ON u.id = s.tu_id"
	" WHERE s.id = ?1";

static uint64_t
hit_hash(const char *text, const char *tr)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (const char *p = text; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ull;
	h = (h ^ 0x1f) * 0x100000001b3ull;
	for (const char *p = tr ? tr : ""; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ull;
	return (h ^ (h >> 29)) + (tr != NULL);
}

static tm_status
hit_add_origin(tm_concord_hit *hit, const char *name)
{
	char **v;

	if (!name)
		return TM_OK;
	for (size_t i = 0; i < hit->n_origins; i++)
		if (strcmp(hit->origins[i], name) == 0)
			return TM_OK;
	v = realloc((void *)hit->origins, (hit->n_origins + 1) * sizeof(*v));
	if (!v)
		return tm__error_oom();
	hit->origins = (const char *const *)v;
	if (!(v[hit->n_origins] = tm__strdup(name)))
		return tm__error_oom();
	hit->n_origins++;
	return TM_OK;
}

/* The translation of the hit's unit @tu through a pivot: the first unit
 * stored sharing an exact variant in a third language with it. */
static tm_status
pivot_translation(tm_concord_list *l, tm_concord_hit *hit, const char *lb)
{
	tm__pivot_hit ph;
	size_t n = 0;
	tm_status st;

	if ((st = tm__pivot_find(&ph, 1, &n, l->pv, hit->tu, lb, l->tgt)) < 0 ||
	    !n)
		return st;
	hit->translation = ph.text;
	hit->translation_lang = ph.lang;
	hit->pivot_lang = ph.via_lang;
	hit->flags |= TM_MATCH_PIVOT;
	ph.text = ph.lang = ph.via_lang = NULL;
	tm__pivot_hit_dispose(&ph);
	return TM_OK;
}

/* Append the hit of the row @s_get is on (span not set). A hit with the
 * same text and translation as an earlier one is not appended: its
 * origin joins the earlier one's, and TM_DONE says so (the caller then
 * sets no span). */
static tm_status
append_hit(tm_concord_list *l, sqlite3_stmt *s_get)
{
	tm_concord_hit *hit;
	const char *tr, *lb;
	uint64_t *hv;
	tm_status st;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		tm_concord_hit *v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return tm__error_oom();
		l->v = v;
		hv = realloc(l->hash, cap * sizeof(*hv));
		if (!hv)
			return tm__error_oom();
		l->hash = hv;
		l->cap = cap;
	}
	hit = &l->v[l->n];
	memset(hit, 0, sizeof(*hit));
	hit->tu = sqlite3_column_int64(s_get, 4);
	hit->text = col_dup(s_get, 2);
	hit->lang = col_dup(s_get, 3);
	hit->origin = col_dup(s_get, 5);
	hit->changed = col_dup(s_get, 6);
	lb = (const char *)sqlite3_column_text(s_get, 1);
	tr = (const char *)sqlite3_column_text(s_get, 7);
	l->n++; /* owned by the list from here, freed with it on failure */
	if (tr) {
		const char *sep = strchr(tr, 0x1f);

		hit->translation =
		        tm__strndup(tr, sep ? (size_t)(sep - tr) : strlen(tr));
		hit->translation_lang = tm__strdup(sep ? sep + 1 : "");
	} else if (l->pv && l->tgt && *l->tgt && lb) {
		if ((st = pivot_translation(l, hit, lb)) < 0)
			return st;
	}
	if (!hit->text || !hit->lang ||
	    (tr && (!hit->translation || !hit->translation_lang)))
		return tm__error_oom();
	l->hash[l->n - 1] = hit_hash(hit->text, hit->translation);
	/* a table of the hits by hash, at most half full: "all hits" (-n 0)
	 * of a common word may be a hundred thousand */
	if (2 * l->n > l->nslot) {
		size_t ns = l->nslot ? 2 * l->nslot : 64;
		size_t *sl = calloc(ns, sizeof(*sl));

		if (!sl)
			return tm__error_oom();
		for (size_t i = 0; i + 1 < l->n; i++) {
			size_t k = (size_t)l->hash[i] & (ns - 1);

			while (sl[k])
				k = (k + 1) & (ns - 1);
			sl[k] = i + 1;
		}
		free(l->slot);
		l->slot = sl;
		l->nslot = ns;
	}
	for (size_t k = (size_t)l->hash[l->n - 1] & (l->nslot - 1);;
	     k = (k + 1) & (l->nslot - 1)) {
		tm_concord_hit *o;
		size_t i;

		if (!l->slot[k]) {
			l->slot[k] = l->n;
			break;
		}
		i = l->slot[k] - 1;
		o = &l->v[i];
		if (l->hash[i] != l->hash[l->n - 1] ||
		    strcmp(o->text, hit->text) != 0 ||
		    (!o->translation != !hit->translation) ||
		    (o->translation &&
		     strcmp(o->translation, hit->translation) != 0))
			continue;
		/* the same hit again (a TMX import and an alignment of
		 * one story): one hit, every origin */
		st = hit_add_origin(o, hit->origin);
		l->n--;
		free((char *)hit->text);
		free((char *)hit->lang);
		free((char *)hit->translation);
		free((char *)hit->translation_lang);
		free((char *)hit->origin);
		free((char *)hit->changed);
		free((char *)hit->pivot_lang);
		return st < 0 ? st : TM_DONE;
	}
	return hit_add_origin(hit, hit->origin);
}

/* --- cross-script search (TM_CONCORD_TRANSLIT) ----------------------
 *
 * The index has a term "~<key>" for the transliteration key of each
 * cross-script word (a Korean word with its particles is one), in every
 * language. A phrase with key K finds the segments where the key of a run
 * of words equals K, or, when K has 3 symbols or more, starts with K and
 * has at most 2 symbols more (a Russian case ending, a Korean particle:
 * Путиным, 푸틴은 against Putin). See docs/translit.md. */

#define XMAX_ENDING 2   /* symbols a word's key may have beyond K */
#define XMAX_SPLIT 10   /* longest K tried as several words */

struct xwords {
	tm__xword *v;
	size_t n, cap;
};

static tm_status
xwords_of(struct xwords *w, const tm__toks *t)
{
	w->n = 0;
	for (size_t i = 0; i < t->n;) {
		tm__xword x;

		i = tm__xword_next(t, i, &x);
		if (!x.ntok)
			break;
		if (w->n == w->cap) {
			size_t cap = w->cap ? w->cap * 2 : 32;
			tm__xword *v = realloc(w->v, cap * sizeof(*v));

			if (!v)
				return tm__error_oom();
			w->v = v;
			w->cap = cap;
		}
		w->v[w->n++] = x;
	}
	return TM_OK;
}

/* Does the key @c of a run of words beginning with the byte @lead agree
 * with K? Endings are for the scripts whose words carry them (Путина,
 * 푸틴은); a Latin-script word may add only an s (Putins, Kims): else
 * Putin (ptn) would find patient (ptnt). UTF-8 lead
 * bytes below 0xCA are ASCII and Latin-1 to Latin Extended-B. */
static bool
xagrees(const char *k, size_t kl, const char *c, size_t cl,
        unsigned char lead)
{
	if (cl < kl || memcmp(c, k, kl) != 0)
		return false;
	if (cl == kl)
		return true;
	if (lead < 0xCA)
		return kl >= 3 && cl == kl + 1 && c[kl] == 's';
	return kl >= 3 && cl - kl <= XMAX_ENDING;
}

/* Append the FTS5 string of the key term "~<a><key>", a prefix query when
 * @prefix. */
static tm_status
xterm(tm__buf *e, const char *a, const char *key, size_t len, bool prefix)
{
	tm_status st;

	if ((st = tm__buf_append_str(e, "\"~")) < 0 ||
	    (st = tm__buf_append_str(e, a)) < 0 ||
	    (st = tm__buf_append(e, key, len)) < 0)
		return st;
	return tm__buf_append_str(e, prefix ? "\"*" : "\"");
}

/* A later word of a split key: its own key is the piece, or "a" and the
 * piece when it starts with a vowel (only a word's first vowel is kept). */
static tm_status
xpiece(tm__buf *e, const char *p, size_t len, bool last)
{
	tm_status st;

	if ((st = tm__buf_append_str(e, "(")) < 0 ||
	    (len >= 2 && ((st = xterm(e, "", p, len, last && len >= 3)) < 0 ||
	                  (st = tm__buf_append_str(e, " OR ")) < 0)) ||
	    (st = xterm(e, "a", p, len, last && len + 1 >= 3)) < 0)
		return st;
	return tm__buf_append_str(e, ")");
}

/* The FTS5 expression that finds every segment the phrase can agree with:
 * a word whose key starts with K; the phrase's words, each with its own
 * key; and, for a one-word Korean or Chinese phrase (김정은), the words K
 * splits into (Kim Jong-un: km, jn, an). */
static tm_status
xexpr(tm__buf *e, tm_translit *tr, const char *k, size_t kl,
      const char *pkey, const tm__toks *pt, const struct xwords *pw)
{
	bool cjk = pw->n == 1 && pt->v[pw->v[0].tok].kind == TM__TOK_CHAR;
	tm__buf t = { 0 };
	tm_status st;
	size_t nand = 0;

	e->len = 0;
	if ((st = xterm(e, "", k, kl, kl >= 3)) < 0)
		goto done;
	if (pw->n > 1) {
		tm__buf a = { 0 };

		for (size_t i = 0; i < pw->n && st >= 0; i++) {
			const tm__xword *w = &pw->v[i];

			if ((st = tm__xkey_term(&t, tr, pkey + w->off,
			                        w->len)) < 0 ||
			    !t.len)
				continue;
			if ((nand++ && (st = tm__buf_append_str(&a, " AND ")) <
			                       0) ||
			    (st = xterm(&a, "", t.data + 1, t.len - 1,
			                i + 1 == pw->n && t.len - 1 >= 3)) < 0)
				break;
		}
		if (st >= 0 && nand &&
		    (st = tm__buf_append_str(e, " OR (")) >= 0 &&
		    (st = tm__buf_append(e, a.data, a.len)) >= 0)
			st = tm__buf_append_str(e, ")");
		tm__buf_dispose(&a);
		if (st < 0)
			goto done;
	}
	/* only a Korean or Chinese word (the script writes no spaces
	 * between the parts of a name): for "tarpaulin" they would cost
	 * much and find junk */
	if (pw->n == 1 && kl >= 4 && kl <= XMAX_SPLIT && cjk) {
		for (size_t i = 2; i < kl && st >= 0; i++) {
			/* two words: k[0, i) k[i, kl) */
			if ((st = tm__buf_append_str(e, " OR (")) < 0 ||
			    (st = xterm(e, "", k, i, false)) < 0 ||
			    (st = tm__buf_append_str(e, " AND ")) < 0 ||
			    (st = xpiece(e, k + i, kl - i, true)) < 0 ||
			    (st = tm__buf_append_str(e, ")")) < 0)
				break;
			/* three words: k[0, i) k[i, j) k[j, kl) */
			for (size_t j = i + 1; j < kl && st >= 0; j++)
				if ((st = tm__buf_append_str(e, " OR (")) < 0 ||
				    (st = xterm(e, "", k, i, false)) < 0 ||
				    (st = tm__buf_append_str(e, " AND ")) <
				            0 ||
				    (st = xpiece(e, k + i, j - i, false)) < 0 ||
				    (st = tm__buf_append_str(e, " AND ")) <
				            0 ||
				    (st = xpiece(e, k + j, kl - j, true)) < 0 ||
				    (st = tm__buf_append_str(e, ")")) < 0)
					break;
		}
	}
done:
	tm__buf_dispose(&t);
	return st;
}

/* The length of the shortest run of syllables at the start of word @w
 * whose key is K, or @n (the whole word) when none is. */
static size_t
xtrim(tm_translit *tr, const tm__toks *t, const tm__xword *w,
      const char *plain, const char *k, size_t kl, size_t n)
{
	for (uint32_t i = 1; i < w->ntok; i++) {
		const tm__tok *last = &t->v[w->tok + i - 1];
		size_t len = last->off + last->len - w->off;
		char *c = NULL;
		bool eq;

		if (tm_translit_key(&c, tr, plain + w->off, len) < 0)
			return n;
		eq = strlen(c) == kl && memcmp(c, k, kl) == 0;
		tm_free(c);
		if (eq)
			return len;
	}
	return n;
}

/* The first run of words of @plain whose key agrees with K (the shortest
 * run at the first place), as a byte span; *@len = 0 when none does. A
 * run of several words must need its last word (Ким Чен Ын for 김정은),
 * so "Putin said" is not a longer match of Putin, and its first. */
static tm_status
xfind(size_t *start, size_t *len, tm_translit *tr, tm__toks *t,
      struct xwords *w, const char *plain, const char *k, size_t kl,
      size_t pwords)
{
	tm_status st;

	*start = *len = 0;
	if ((st = tm__tokenize(t, plain, strlen(plain))) < 0 ||
	    (st = xwords_of(w, t)) < 0)
		return st;
	for (size_t i = 0; i < w->n; i++) {
		size_t prev = 0;

		for (size_t j = i; j < w->n && j < i + pwords + 3; j++) {
			size_t off = w->v[i].off;
			size_t n = w->v[j].off + w->v[j].len - off, cl;
			char *c = NULL;
			bool ok, more;

			if (n > 4 * TM__XKEY_MAX_WORD)
				break;
			if ((st = tm_translit_key(&c, tr, plain + off, n)) < 0)
				return st;
			cl = strlen(c);
			ok = xagrees(k, kl, c, cl,
			             (unsigned char)plain[off]) &&
			     (j == i || prev < kl);
			/* a longer run can agree only if this one's key
			 * begins K (a run's key is its words' keys in
			 * order) */
			more = cl < kl && memcmp(c, k, cl) == 0;
			tm_free(c);
			if (ok && j > i) {
				/* "в Пхеньян" is pnn too (a doubled sound
				 * counts once): the first word must count */
				size_t o2 = w->v[i + 1].off;

				if ((st = tm_translit_key(&c, tr, plain + o2,
				                          off + n - o2)) < 0)
					return st;
				ok = !xagrees(k, kl, c, strlen(c),
				              (unsigned char)plain[o2]);
				tm_free(c);
			}
			if (ok && j == i && w->v[i].ntok > 1)
				/* 푸틴은: mark the name, not its particle,
				 * as the plain concordance does */
				n = xtrim(tr, t, &w->v[i], plain, k, kl, n);
			if (ok) {
				*start = off;
				*len = n;
				return TM_OK;
			}
			if (!more)
				break;
			prev = cl;
		}
	}
	return TM_OK;
}

static tm_status
concord_translit(tm_concord_list **out, tm_db *db, tm__ix *ix,
                 const char *phrase, const char *tgt, size_t limit,
                 tm__pivot *pv)
{
	sqlite3 *h = tm__db_handle(db);
	sqlite3_stmt *s_get = NULL;
	tm_translit *tr;
	char *k = NULL, *pkey = NULL;
	size_t kl, pkl = 0;
	tm__toks t = { 0 };
	struct xwords pw = { 0 }, cw = { 0 };
	tm__buf e = { 0 };
	tm_concord_list *l = NULL;
	tm__ids ids = { 0 };
	tm_status st;
	int rc;

	if ((st = tm__ix_translit(&tr, ix)) < 0 ||
	    (st = tm_translit_key(&k, tr, phrase, strlen(phrase))) < 0 ||
	    (st = tm__match_key(&pkey, &pkl, phrase)) < 0 ||
	    (st = tm__tokenize(&t, pkey, pkl)) < 0 ||
	    (st = xwords_of(&pw, &t)) < 0)
		goto done;
	kl = strlen(k);
	if (!pw.n) {
		st = tm__error_set(TM_EINVAL, "concord: no word in the phrase");
		goto done;
	}
	if (kl < 2) {
		st = tm__error_set(TM_EINVAL,
		                   "concord: the cross-script key of the phrase "
		                   "('%s') is too short to search (at least 2 "
		                   "symbols)",
		                   k);
		goto done;
	}
	if ((st = xexpr(&e, tr, k, kl, pkey, &t, &pw)) < 0)
		goto done;
	if ((st = tm__ix_query(&ids, ix, e.data, e.len)) < 0)
		goto done;
	if (sqlite3_prepare_v2(h, get_sql, -1, &s_get, NULL) != SQLITE_OK) {
		st = tm__db_error(db, sqlite3_errcode(h), "concord");
		goto done;
	}
	l = list_new(pv, tgt);
	if (!l) {
		st = tm__error_oom();
		goto done;
	}
	sqlite3_bind_text(s_get, 2, tgt, -1, SQLITE_STATIC);
	for (size_t i = 0; i < ids.n && l->n < limit; i++) {
		size_t start, len;

		sqlite3_reset(s_get);
		sqlite3_bind_int64(s_get, 1, ids.v[i]);
		rc = sqlite3_step(s_get);
		if (rc == SQLITE_DONE)
			continue;
		if (rc != SQLITE_ROW) {
			st = tm__db_error(db, rc, "concord");
			goto done;
		}
		/* plain is NOT NULL in the schema; a damaged file may
		 * still hold one */
		if (!sqlite3_column_text(s_get, 2))
			continue;
		if ((st = xfind(&start, &len, tr, &t, &cw,
		                (const char *)sqlite3_column_text(s_get, 2), k,
		                kl, pw.n)) < 0)
			goto done;
		if (!len)
			continue;
		if ((st = append_hit(l, s_get)) < 0)
			goto done;
		if (st == TM_DONE)
			continue; /* merged into an earlier hit */
		l->v[l->n - 1].span_start = start;
		l->v[l->n - 1].span_len = len;
	}
	*out = l;
	l = NULL;
	st = TM_OK;
done:
	tm_free(k);
	free(pkey);
	free(pw.v);
	free(cw.v);
	tm__toks_dispose(&t);
	tm__buf_dispose(&e);
	sqlite3_finalize(s_get);
	free(ids.v);
	tm_concord_list_free(l);
	return st;
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
	tm__ids a = { 0 }, b = { 0 };
	sqlite3_stmt *s_get = NULL;
	bool in_txn = false;
	tm_concord_list *l = NULL;
	tm__pivot *pv = NULL;
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
	if ((st = tm_lang_validate(opts->lang)) < 0 ||
	    (st = tm__lang_base(src, opts->lang)) < 0)
		return st;
	if (opts->target_lang &&
	    ((st = tm_lang_validate(opts->target_lang)) < 0 ||
	     (st = tm__lang_base(tgt, opts->target_lang)) < 0))
		return st;
	limit = opts->max_results == 0 ? DEFAULT_MAX :
	        opts->max_results < 0  ? (size_t)-1 :
	                                 (size_t)opts->max_results;
	h = tm__db_handle(db);
	if ((st = tm__index_get(&ix, h)) < 0)
		return st;
	{
		/* with TM_CONCORD_TRANSLIT every language is searched */
		bool any = opts->flags & TM_CONCORD_TRANSLIT;
		const char *tags[] = { any ? opts->target_lang : opts->lang,
			               opts->target_lang };
		const char *bases[] = { any ? tgt : src, tgt };
		size_t n = any ? (*tgt ? 1 : 0) : (*tgt ? 2 : 1);

		if ((st = tm__db_require_langs(db, tags, bases, n)) < 0)
			return st;
	}
	/* one snapshot and one set of WAL locks for the whole search */
	if (sqlite3_get_autocommit(h)) {
		if (sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
			return tm__db_error(db, sqlite3_errcode(h), "concord");
		in_txn = true;
	}
	if (*tgt && !(opts->flags & TM_CONCORD_NO_PIVOT) &&
	    (st = tm__pivot_open(&pv, db)) < 0)
		goto done;
	if (opts->flags & TM_CONCORD_TRANSLIT) {
		st = concord_translit(out, db, ix, phrase, tgt, limit, pv);
		goto done;
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
	if (sqlite3_prepare_v2(h, get_sql, -1, &s_get, NULL) != SQLITE_OK) {
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
			if ((st = tm__ix_df(&t->df, ix, t->text, t->len)) < 0)
				goto done;
		}
	}
	l = list_new(pv, tgt);
	if (!l) {
		st = tm__error_oom();
		goto done;
	}
	/* only overlong words, or a word no variant has: nothing found */
	if (!nterms)
		goto found;
	if (nterms > 1)
		qsort(terms, nterms, sizeof(*terms), by_df);
	if (terms[0].df == 0)
		goto found;
	if ((st = tm__ix_list(&a, ix, terms[0].text, terms[0].len)) < 0)
		goto done;
	/* A second list small enough is read whole and intersected. */
	if (nterms > 1 && terms[1].df < 8 * terms[0].df + 10000) {
		if ((st = tm__ix_list(&b, ix, terms[1].text, terms[1].len)) <
		    0)
			goto done;
		tm__ids_and(&a, &b);
	}
	for (size_t i = 0; i < a.n && l->n < limit; i++) {
		int rc;
		const char *k, *lb;

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
		if ((st = append_hit(l, s_get)) < 0)
			goto done;
		if (st == TM_DONE)
			continue; /* merged into an earlier hit */
		{
			tm_concord_hit *hit = &l->v[l->n - 1];

			find_span(&hit->span_start, &hit->span_len, hit->text,
			          ph, toks.n);
		}
	}
found:
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
	sqlite3_finalize(s_get);
	tm__pivot_free(pv);
	if (in_txn)
		sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
	tm_concord_list_free(l);
	return st;
}
