/* SPDX-License-Identifier: MIT */
/* Fuzzy lookup (docs/scores.md): exact matches through the key index,
 * candidates through the FTS5 token index with a count filter, exact
 * rescoring with a banded edit distance over token hashes. */
#include "fnv-private.h"
#include "index-private.h"
#include "match-private.h"
#include "numbers-private.h"
#include "store-private.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_QUERY_TOKENS 4096
#define DEFAULT_MIN 70.0
#define DEFAULT_MAX 5
/* Probe this many lists beyond the minimum: each raises the number of
 * hits a candidate needs by one, so fewer candidates reach rescoring. */
#define EXTRA_PROBES 2
/* Postings a later stage may read once the best match is known. */
#define STAGE_BUDGET 50000
/* Postings one lookup reads at most (beyond its rarest list). A query of
 * common words whose guarantee needs more (docs/scores.md, section 7)
 * reads its rarest lists up to this and rescores at most RESCORE_MAX
 * candidates, most hits first: its best match is then likely, not
 * certain, to be found. */
#ifndef READ_BUDGET
#define READ_BUDGET 100000
#endif
#ifndef RESCORE_MAX
#define RESCORE_MAX 2000
#endif

struct tm_match_list {
	tm_match *v;
	size_t n;
};

tm_status
tm__match_key(char **out, size_t *out_len, const char *text)
{
	return tm_normalize(out, out_len, text, strlen(text), TM_NORM_KEY);
}

uint64_t
tm__tok_hash(const char *s, size_t len)
{
	uint64_t h = tm__fnv64(TM__FNV64_INIT, s, len);

	return h ^ (h >> 29);
}

tm_status
tm__lang_base(char out[16], const char *tag)
{
	char *norm = NULL;
	tm_status st;
	size_t i;

	if (!tag || !*tag)
		return tm__error_set(TM_EINVAL, "match: no language given");
	st = tm_lang_normalize(&norm, tag);
	if (st < 0)
		return st;
	for (i = 0; norm[i] && norm[i] != '-' && i < 15; i++)
		out[i] = (char)tolower((unsigned char)norm[i]);
	out[i] = '\0';
	tm_free(norm);
	return TM_OK;
}

size_t
tm__edit_distance(const uint64_t *a, size_t n, const uint64_t *b, size_t m,
                  size_t k)
{
	size_t *prev, *cur, *heap = NULL, big = k + 1, best;
	size_t buf[2 * 257];

	if ((n > m ? n - m : m - n) > k)
		return big;
	if (n == 0 || m == 0)
		return n + m;
	if (m + 1 <= 257) {
		prev = buf;
		cur = buf + 257;
	} else {
		prev = heap = tm__malloc(2 * (m + 1) * sizeof(*prev));
		if (!prev)
			return big;
		cur = prev + m + 1;
	}
	for (size_t j = 0; j <= m; j++)
		prev[j] = j <= k ? j : big;
	for (size_t i = 1; i <= n; i++) {
		size_t lo = i > k ? i - k : 1;
		size_t hi = i + k < m ? i + k : m;
		size_t *t;

		cur[lo - 1] = lo == 1 && i <= k ? i : big;
		best = cur[lo - 1];
		for (size_t j = lo; j <= hi; j++) {
			size_t v = prev[j - 1] + (a[i - 1] != b[j - 1]);

			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (v > big)
				v = big;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		if (hi < m)
			cur[hi + 1] = big;
		if (best > k) {
			tm__free(heap);
			return big;
		}
		t = prev;
		prev = cur;
		cur = t;
	}
	best = prev[m];
	tm__free(heap);
	return best > k ? big : best;
}

double
tm__similarity(size_t d, size_t n, size_t m)
{
	size_t l = n > m ? n : m;

	if (l == 0)
		return 100.0;
	if (d >= l)
		return 0.0;
	return 100.0 * (double)(l - d) / (double)l;
}

/* --- candidate set: tuv id -> hits ---------------------------------- */

struct cand {
	long long id;
	int hits;
	bool done; /* rescored */
};

struct cset {
	struct cand *v;
	size_t cap, n;
};

static struct cand *
cset_find(struct cset *c, long long id, bool add)
{
	size_t i;

	if (add && 2 * (c->n + 1) > c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 1024;
		struct cand *v = tm__calloc(cap, sizeof(*v));

		if (!v)
			return NULL;
		for (size_t j = 0; j < c->cap; j++) {
			if (!c->v[j].id)
				continue;
			for (i = ((uint64_t)c->v[j].id * 0x9E3779B97F4A7C15ull) &
			         (cap - 1);
			     v[i].id; i = (i + 1) & (cap - 1))
				;
			v[i] = c->v[j];
		}
		tm__free(c->v);
		c->v = v;
		c->cap = cap;
	}
	if (!c->cap)
		return NULL;
	for (i = ((uint64_t)id * 0x9E3779B97F4A7C15ull) & (c->cap - 1);
	     c->v[i].id; i = (i + 1) & (c->cap - 1))
		if (c->v[i].id == id)
			return &c->v[i];
	if (!add)
		return NULL;
	c->v[i].id = id;
	c->n++;
	return &c->v[i];
}

/* --- the lookup ---------------------------------------------------- */

struct qtok {
	uint64_t h;
	const char *s;
	uint32_t len;
	uint8_t kind;
	long long df; /* -1: not indexed */
	int count;    /* occurrences in the query */
	int numcount; /* of those, inside a number (docs/numbers.md) */
	bool first;   /* first occurrence of its text */
};

struct scored {
	long long tuv, tu;
	double score;
	unsigned int flags;
	bool ctx;
	char *changed;
	int status; /* see unit_status(); final order only */
	char *proposed; /* the target with the query's numbers, or NULL */
	/* the target: unit and variant (ttu != tu: through a pivot; 0: a
	 * pivot still to be found, -1: one that found none) */
	long long ttu, ttuv;
	uint64_t pair; /* hash of the source and target plain texts */
	bool dup;      /* another result has the same texts and ranks first */
	/* a pivot's shared variant: owned when found by results_at_least(),
	 * borrowed when by build_list() */
	char *via_lang, *via_text;
};

struct lk {
	tm_db *db;
	sqlite3 *h;
	tm__ix *ix;
	char src[16], tgt[16];
	double min;
	size_t max;
	char *key;
	size_t key_len;
	tm__toks toks;
	struct qtok *q;
	uint64_t *qh;
	size_t n;
	char *ctx_prev, *ctx_next;
	sqlite3_stmt *s_fetch, *s_has_tgt;
	struct scored *res;
	size_t nres, capres;
	tm__toks ctoks;
	uint64_t *ch;
	size_t chcap;
	tm__buf term;
	tm__numtext qnum, cnum; /* numbers of the query, of a candidate */
	bool qnum_any;          /* the query has a number in digits */
	/* the target variant of one unit (unit_target()): the unit (0:
	 * none read), the variant (0: the unit has none), its text */
	long long tc_tu, tc_tuv;
	char *tc_plain;
	sqlite3_stmt *s_src; /* a variant's plain text (exhaustive()) */
	sqlite3_stmt *s_pair1; /* pair1_sql (build_list()) */
	tm_status err;       /* of a pivot found by results_at_least() */
	tm__pivot *pivot;    /* NULL: TM_LOOKUP_NO_PIVOT */
};

static tm_status
prep(struct lk *lk, sqlite3_stmt **s, const char *sql)
{
	int rc = sqlite3_prepare_v2(lk->h, sql, -1, s, NULL);

	return rc == SQLITE_OK ? TM_OK : tm__db_error(lk->db, rc, "lookup");
}

/* The handle's statement of @slot (tm__db_rstmt(): kept from one lookup
 * to the next), into *@s. */
static tm_status
kept(struct lk *lk, sqlite3_stmt **s, int slot, const char *sql)
{
	return tm__db_rstmt(s, lk->db, slot, sql);
}

/* Done with a kept statement: reset (its snapshot let go) and unbound
 * (its text bindings point into the lookup's memory). */
static void
unkeep(sqlite3_stmt *s)
{
	if (s) {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
	}
}

static void
bind_str(sqlite3_stmt *s, int i, const char *v, size_t n)
{
	sqlite3_bind_text(s, i, v, (int)n, SQLITE_STATIC);
}

static int
qtok_by_df(const void *a, const void *b)
{
	const struct qtok *x = *(const struct qtok *const *)a;
	const struct qtok *y = *(const struct qtok *const *)b;
	long long dx = x->df < 0 ? LLONG_MAX : x->df;
	long long dy = y->df < 0 ? LLONG_MAX : y->df;

	return dx < dy ? -1 : dx > dy;
}

/* The worst score still wanted: min until the list is full, then the
 * @max-th best so far (ties still compete on context and date). */
static double
threshold(const struct lk *lk)
{
	return lk->min;
}

/* A pivot match is never certified exact: two translations chained,
 * which nobody checked against each other (docs/scores.md). */
#define PIVOT_SCORE_MAX 99.0
/* Units a pivot may borrow a translation from, per unit looked up. */
#define PIVOT_UNITS 8

static uint64_t
pair_hash(const char *a, const char *b)
{
	uint64_t h = tm__fnv64_str(
	        tm__fnv64_byte(tm__fnv64_str(TM__FNV64_INIT, a), 0x1f), b);

	return h ^ (h >> 29);
}

/* Whether result @a ranks before @b with the same texts: a higher score,
 * else a direct match before a pivot. */
static bool
ranks_before(const struct scored *a, const struct scored *b)
{
	if (a->score != b->score)
		return a->score > b->score;
	return !(a->flags & TM_MATCH_PIVOT) && (b->flags & TM_MATCH_PIVOT);
}

/* Append @r; of two results with the same texts, the one ranking after
 * the other is marked dup: it counts for no place in the list, and gives
 * build_list() its origin. A pivot still to be found (ttu 0) is left
 * out of this: its texts are not known yet. */
static tm_status
push_result(struct lk *lk, struct scored *r)
{
	for (size_t i = 0; r->ttu > 0 && i < lk->nres; i++) {
		if (lk->res[i].dup || lk->res[i].ttu <= 0 ||
		    lk->res[i].pair != r->pair)
			continue;
		if (ranks_before(r, &lk->res[i]))
			lk->res[i].dup = true;
		else
			r->dup = true;
		break;
	}
	if (!TM__ARRAY_GROW(lk->res, lk->capres, lk->nres + 1, 16))
		return tm__error_oom();
	lk->res[lk->nres++] = *r;
	return TM_OK;
}

/* Step @s (bound by the caller) to its row; false at its end. */
static tm_status
step_row(struct lk *lk, sqlite3_stmt *s, bool *row)
{
	int rc = sqlite3_step(s);

	*row = rc == SQLITE_ROW;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return tm__db_error(lk->db, rc, "lookup");
	return TM_OK;
}

/* The target variant of unit @tu, the first in the target language by
 * id: into *@tuv (0 when the unit has none) and *@plain (borrowed until
 * the next call). The last unit's is remembered: the numbers rule asks
 * for a candidate's target, then add_result() for the same unit, and one
 * query serves both. */
static tm_status
unit_target(struct lk *lk, long long tu, long long *tuv, const char **plain)
{
	tm_status st = TM_OK;
	bool row;

	if (lk->tc_tu != tu) {
		tm__free(lk->tc_plain);
		lk->tc_plain = NULL;
		lk->tc_tu = lk->tc_tuv = 0;
		sqlite3_reset(lk->s_has_tgt);
		sqlite3_bind_int64(lk->s_has_tgt, 1, tu);
		if ((st = step_row(lk, lk->s_has_tgt, &row)) >= 0 && row) {
			const char *t = (const char *)sqlite3_column_text(
			        lk->s_has_tgt, 1);

			if (!t || !(lk->tc_plain = tm__strdup(t)))
				st = tm__error_oom();
			else
				lk->tc_tuv =
				        sqlite3_column_int64(lk->s_has_tgt, 0);
		}
		sqlite3_reset(lk->s_has_tgt);
		if (st < 0)
			return st;
		lk->tc_tu = tu;
	}
	*tuv = lk->tc_tuv;
	*plain = lk->tc_plain;
	return TM_OK;
}

/* Add a result; @proposed (or NULL) is taken over. */
static tm_status
add_result(struct lk *lk, long long tuv, long long tu, double score,
           unsigned int flags, char *proposed)
{
	struct scored r = { tuv, tu, score, flags, false, NULL, 1, NULL, tu,
		            0, 0, false, NULL, NULL };
	bool seen = false, row;
	const char *src, *tgt_plain;
	tm_status st;

	/* another variant of a unit already there (en-US and en-GB): the
	 * better score */
	for (size_t i = 0; i < lk->nres; i++) {
		struct scored *o = &lk->res[i];
		double sc = o->ttu != tu ? fmin(score, PIVOT_SCORE_MAX) : score;

		if (o->tu != tu)
			continue;
		seen = true;
		if (sc > o->score) {
			o->score = sc;
			o->tuv = tuv;
			o->flags = flags | (o->flags & TM_MATCH_PIVOT);
			/* the proposal is for the unit's own target */
			if (o->ttu == tu) {
				tm__free(o->proposed);
				o->proposed = proposed;
				proposed = NULL;
			}
		}
	}
	if (seen) {
		tm__free(proposed);
		return TM_OK;
	}
	/* only units with a translation count (and fill the list) */
	if ((st = unit_target(lk, tu, &r.ttuv, &tgt_plain)) < 0)
		goto done;
	if (!r.ttuv) {
		/* Through a pivot, maybe: found by build_list() only if
		 * it can place (a text shared by many units would cost a
		 * probe each for every such result). It counts for no
		 * place meanwhile, so the search goes on as without it. */
		r.score = fmin(score, PIVOT_SCORE_MAX);
		r.flags |= TM_MATCH_PIVOT;
		r.ttu = 0; /* its proposal is build_list()'s */
		if (lk->pivot && r.score >= lk->min - 1e-9)
			st = push_result(lk, &r);
		goto done;
	}
	/* the source text: on the row fetch_and_score() is on (it selects
	 * the plain text too, for this), else read again (exhaustive()) */
	if (sqlite3_stmt_busy(lk->s_fetch) &&
	    sqlite3_column_int64(lk->s_fetch, 3) == tuv) {
		src = (const char *)sqlite3_column_text(lk->s_fetch, 4);
	} else {
		if (!lk->s_src &&
		    (st = kept(lk, &lk->s_src, TM__RS_LOOKUP_SRC,
		               "SELECT plain FROM tuv WHERE id = ?1")) < 0)
			goto done;
		sqlite3_reset(lk->s_src);
		sqlite3_bind_int64(lk->s_src, 1, tuv);
		if ((st = step_row(lk, lk->s_src, &row)) < 0 || !row)
			goto done;
		src = (const char *)sqlite3_column_text(lk->s_src, 0);
	}
	r.pair = pair_hash(src ? src : "", tgt_plain);
	r.proposed = proposed;
	proposed = NULL;
	if ((st = push_result(lk, &r)) < 0)
		tm__free(r.proposed);
done:
	tm__free(proposed);
	if (lk->s_src)
		sqlite3_reset(lk->s_src);
	return st;
}

/* --- numbers (docs/numbers.md, docs/scores.md sections 4 and 5) --- */

/* The numbers rule for a candidate @key that scored *@sc against a query
 * with numbers (the key's numbers are in lk->cnum when @same): a key that
 * differs from the query only in numbers (@same) scores 99 and is flagged
 * `numbers` when every differing value was put into the stored target
 * with certainty (*@proposed); a fuzzy match of 95 or more is flagged when
 * its values were put in; either stays below 95 when they could not be. */
static tm_status
numbers_rule(struct lk *lk, long long tu, const char *key, size_t klen,
             bool same, double *sc, unsigned int *flags, char **proposed)
{
	tm__numsub res;
	const char *target;
	long long ttuv;
	tm_status st;

	if (!same && *sc < 95 - 1e-9)
		return TM_OK; /* build_list() proposes what it can */
	if (!same && (st = tm__numtext_read(&lk->cnum, key, klen, &lk->ctoks,
	                                    lk->ch,
	                                    tm__numstyle_for(lk->src))) < 0)
		return st;
	if (!tm__numtext_values_differ(&lk->qnum, &lk->cnum)) {
		if (same) { /* written differently, the same values */
			*sc = 99;
			*flags |= TM_MATCH_NUMBERS;
		}
		return TM_OK;
	}
	if ((st = unit_target(lk, tu, &ttuv, &target)) < 0)
		return st;
	if (!ttuv) {
		/* no translation of its own: answered through a pivot if at
		 * all, and a pivot's translation gets no values put in, so
		 * it carries the stored figures */
		if (*sc > 94)
			*sc = 94;
		return TM_OK;
	}
	st = tm__numbers_propose(&res, proposed, &lk->qnum, &lk->cnum, target,
	                         lk->tgt);
	if (st < 0)
		return st;
	if (res == TM__NUMSUB_UNSURE) {
		if (*sc > 94)
			*sc = 94;
	} else if (same) {
		*sc = 99;
		*flags |= TM_MATCH_NUMBERS;
	} else if (res == TM__NUMSUB_DONE) {
		*flags |= TM_MATCH_NUMBERS;
	}
	return TM_OK;
}

/* The proposal of match @m (result @r): the one the numbers rule made,
 * else, for a fuzzy match, the target with the query's values where they
 * pair with certainty (the `numbers` flag then), else the target. */
static tm_status
numbers_proposal(struct lk *lk, struct scored *r, tm_match *m)
{
	tm__numsub res = TM__NUMSUB_SAME;
	char *p = NULL;
	tm_status st;

	m->proposed = m->target;
	if (r->proposed) {
		m->proposed = r->proposed;
		r->proposed = NULL;
		return TM_OK;
	}
	if (!tm__numtext_has_numbers(&lk->qnum) ||
	    (r->flags & (TM_MATCH_EXACT | TM_MATCH_PUNCT | TM_MATCH_NUMBERS)))
		return TM_OK;
	if ((st = tm__numtext_read_text(&lk->cnum, m->source,
	                                tm__numstyle_for(lk->src))) < 0 ||
	    (st = tm__numbers_propose(&res, &p, &lk->qnum, &lk->cnum,
	                              m->target, lk->tgt)) < 0)
		return st;
	if (res == TM__NUMSUB_DONE) {
		m->proposed = p;
		m->flags |= TM_MATCH_NUMBERS;
	}
	return TM_OK;
}

/* Score stored key @key of variant @tuv (unit @tu) against the query. */
static tm_status
score_one(struct lk *lk, long long tuv, long long tu, const char *key,
          size_t klen)
{
	tm_status st;
	size_t m, l, k, d;
	double sc, t = threshold(lk);
	unsigned int flags = 0;
	char *proposed = NULL;
	bool lenok, same = false;

	if ((st = tm__tokenize(&lk->ctoks, key, klen)) < 0)
		return st;
	m = lk->ctoks.n;
	/* Length filter: max(n, m) - |n - m| tokens at best agree. */
	l = m > lk->n ? m : lk->n;
	lenok = l > 0 && 100.0 * (double)(l - (l - (m < lk->n ? m : lk->n))) /
	                         (double)l >= t - 1e-9;
	if (!lenok && !lk->qnum.nmasked)
		return TM_OK;
	if (m > lk->chcap) {
		uint64_t *v = tm__realloc(lk->ch, m * sizeof(*v));

		if (!v)
			return tm__error_oom();
		lk->ch = v;
		lk->chcap = m;
	}
	for (size_t i = 0; i < m; i++)
		lk->ch[i] = tm__tok_hash(key + lk->ctoks.v[i].off,
		                         lk->ctoks.v[i].len);
	/* A key that differs from the query only in numbers is scored
	 * whatever its distance: 5만8천300원 against 6만원 is 3 tokens. */
	if (tm__numtext_may_match(&lk->qnum, lk->ch, m)) {
		if ((st = tm__numtext_read(&lk->cnum, key, klen, &lk->ctoks,
		                           lk->ch, tm__numstyle_for(lk->src))) <
		    0)
			return st;
		same = tm__numtext_same_words(&lk->qnum, &lk->cnum);
	}
	if (!lenok && !same)
		return TM_OK;
	k = same ? l : (size_t)floor((1.0 - t / 100.0) * (double)l + 1e-9);
	d = tm__edit_distance(lk->qh, lk->n, lk->ch, m, k);
	if (d > k)
		return TM_OK;
	sc = tm__similarity(d, lk->n, m);
	if (klen == lk->key_len && memcmp(key, lk->key, klen) == 0) {
		sc = 100;
		flags |= TM_MATCH_EXACT;
	} else if (d == 0) {
		sc = 99;
		flags |= TM_MATCH_PUNCT;
	} else if (lk->qnum_any &&
	           (st = numbers_rule(lk, tu, key, klen, same, &sc, &flags,
	                              &proposed)) < 0) {
		return st;
	}
	if (sc < lk->min - 1e-9) {
		tm__free(proposed);
		return TM_OK;
	}
	return add_result(lk, tuv, tu, sc, flags, proposed);
}

static tm_status
fetch_and_score(struct lk *lk, long long tuv)
{
	int rc;
	tm_status st = TM_OK;

	sqlite3_reset(lk->s_fetch);
	sqlite3_bind_int64(lk->s_fetch, 1, tuv);
	rc = sqlite3_step(lk->s_fetch);
	if (rc == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(lk->s_fetch,
		                                                    0);
		size_t klen = (size_t)sqlite3_column_bytes(lk->s_fetch, 0);
		const char *lb = (const char *)sqlite3_column_text(lk->s_fetch,
		                                                   2);

		if (key && lb && strcmp(lb, lk->src) == 0)
			st = score_one(lk, tuv,
			               sqlite3_column_int64(lk->s_fetch, 1), key,
			               klen);
	} else if (rc != SQLITE_DONE) {
		st = tm__db_error(lk->db, rc, "lookup");
	}
	sqlite3_reset(lk->s_fetch);
	return st;
}

static tm_status
lookup_df(struct lk *lk, struct qtok *t)
{
	tm_status st;

	if ((st = tm__ix_term(&lk->term, lk->src, t->s, t->len)) < 0)
		return st;
	return tm__ix_df(&t->df, lk->ix, lk->term.data, lk->term.len);
}

static int
cand_by_hits(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->hits != y->hits)
		return y->hits - x->hits;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Read the posting list of @t, adding its query count to each hit. */
static tm_status
read_list(struct lk *lk, struct cset *cs, const struct qtok *t,
          tm__ids *ids)
{
	tm_status st;

	if ((st = tm__ix_term(&lk->term, lk->src, t->s, t->len)) < 0 ||
	    (st = tm__ix_list(ids, lk->ix, lk->term.data, lk->term.len)) < 0)
		return st;
	for (size_t i = 0; i < ids->n; i++) {
		struct cand *c = cset_find(cs, ids->v[i], true);

		if (!c)
			return tm__error_oom();
		c->hits += t->count;
	}
	return TM_OK;
}

static size_t
count_at_least(const struct lk *lk, double t)
{
	size_t n = 0;

	for (size_t i = 0; i < lk->nres; i++)
		n += !lk->res[i].dup && lk->res[i].ttu > 0 &&
		     lk->res[i].score >= t - 1e-9;
	return n;
}

/* Find the pivots of pending result @i (ttu 0): a result for each (which
 * counts for a place), or none; the pending one is then spent (ttu -1,
 * dup). */
static tm_status
resolve_pivot(struct lk *lk, size_t i)
{
	tm__pivot_hit hits[PIVOT_UNITS];
	struct scored r = lk->res[i];
	size_t nh = 0;
	const char *src;
	bool row;
	tm_status st;

	lk->res[i].ttu = -1;
	lk->res[i].dup = true;
	if ((st = tm__pivot_find(hits, PIVOT_UNITS, &nh, lk->pivot, r.tu,
	                         lk->src, lk->tgt)) < 0 ||
	    !nh)
		return st;
	if (!lk->s_src && (st = kept(lk, &lk->s_src, TM__RS_LOOKUP_SRC,
	                             "SELECT plain FROM tuv WHERE id = ?1")) <
	                          0)
		goto done;
	sqlite3_reset(lk->s_src);
	sqlite3_bind_int64(lk->s_src, 1, r.tuv);
	if ((st = step_row(lk, lk->s_src, &row)) < 0 || !row)
		goto done;
	src = (const char *)sqlite3_column_text(lk->s_src, 0);
	for (size_t k = 0; k < nh && st >= 0; k++) {
		struct scored p = r;
		char *vl = hits[k].via_lang, *vt = hits[k].via_text;

		p.ttu = hits[k].tu;
		p.ttuv = hits[k].tuv;
		p.pair = pair_hash(src ? src : "", hits[k].text);
		p.via_lang = vl;
		p.via_text = vt;
		/* owned by the result from here (freed by tm_lookup()) */
		hits[k].via_lang = hits[k].via_text = NULL;
		if ((st = push_result(lk, &p)) < 0) {
			tm__free(vl);
			tm__free(vt);
		}
	}
done:
	for (size_t k = 0; k < nh; k++)
		tm__pivot_hit_dispose(&hits[k]);
	sqlite3_reset(lk->s_src);
	return st;
}

/* Results of at least @t with a variant in the target language,
 * duplicates left out. When they are fewer than the list wants, the
 * pivots still pending at @t are found, best first, until they are not:
 * so a lookup answered through pivots stops as early as one answered
 * directly. An error there is kept in lk->err. */
static size_t
results_at_least(struct lk *lk, double t)
{
	size_t n = count_at_least(lk, t);

	while (n < lk->max && lk->err >= 0) {
		size_t best = lk->nres;

		for (size_t i = 0; i < lk->nres; i++)
			if (lk->res[i].ttu == 0 &&
			    lk->res[i].score >= t - 1e-9 &&
			    (best == lk->nres ||
			     lk->res[i].score > lk->res[best].score))
				best = i;
		if (best == lk->nres)
			break;
		lk->err = resolve_pivot(lk, best);
		n = count_at_least(lk, t);
	}
	return n;
}

static tm_status
candidates(struct lk *lk)
{
	sqlite3_stmt *s_exact = NULL;
	struct qtok **order = NULL;
	struct cset cs = { 0 };
	struct cand *list = NULL;
	size_t nidx = 0, nread = 0, npos = 0, npos_num = 0, nscored = 0;
	long long nposting = 0;
	bool capped = false;
	/* Search complete above 95, then above 85, then above the minimum:
	 * the lists needed grow as the threshold falls, and a TM that has
	 * enough close matches is done after the first stage. */
	double stages[3] = { 95, 85, 0 }, done_t = 0;
	tm__ids ids = { 0 };
	tm_status st;
	int rc;

	stages[2] = lk->min;
	if ((st = kept(lk, &s_exact, TM__RS_LOOKUP_EXACT,
	               "SELECT id FROM tuv WHERE key_hash = ?3"
	                             " AND lang_base = ?1 AND key = ?2")) < 0)
		goto done;
	/* Exact matches through the key index, whatever the tokens. */
	bind_str(s_exact, 1, lk->src, strlen(lk->src));
	bind_str(s_exact, 2, lk->key, lk->key_len);
	sqlite3_bind_int64(s_exact, 3,
	                   tm__db_key_hash(lk->src, lk->key, lk->key_len));
	while ((rc = sqlite3_step(s_exact)) == SQLITE_ROW)
		if ((st = fetch_and_score(lk, sqlite3_column_int64(s_exact, 0)))
		            < 0)
			goto done;
	if (rc != SQLITE_DONE) {
		st = tm__db_error(lk->db, rc, "lookup");
		goto done;
	}
	order = tm__malloc(lk->n * sizeof(*order));
	if (!order) {
		st = tm__error_oom();
		goto done;
	}
	for (size_t i = 0; i < lk->n; i++) {
		struct qtok *t = &lk->q[i];

		t->df = -1;
		if (!t->first || t->len > 255)
			continue;
		if ((st = lookup_df(lk, t)) < 0)
			goto done;
		order[nidx++] = t;
	}
	if (nidx > 1)
		qsort(order, nidx, sizeof(*order), qtok_by_df);

	for (size_t stage = 0; stage < 3; stage++) {
		double t = stages[stage], s = t / 100.0;
		size_t kmax, need = 1, nl = 0;

		if (t < lk->min || (stage < 2 && t <= lk->min))
			continue;
		/* A candidate within distance k of the query keeps at least
		 * P - k of any P query positions, each a token it contains;
		 * k is at most (1 - s) n / s (a longer candidate needs more
		 * insertions than it can afford). Above 100 (a minimum of
		 * 101: exact with context) no edit is allowed, and the bound
		 * would be negative. */
		kmax = s >= 1.0 ? 0 :
		       (size_t)floor((1.0 - s) * (double)lk->n / s + 1e-9);
		/* The best match is already certain when an earlier stage
		 * found one at or above its threshold (that stage found all
		 * of them): go on for the rest of the list only while the
		 * lists still to read are cheap. */
		if (done_t > 0 && results_at_least(lk, done_t) > 0) {
			long long cost = 0;
			size_t pos = npos;

			for (size_t j = nread;
			     j < nidx && pos < kmax + 1 + EXTRA_PROBES; j++) {
				cost += order[j]->df;
				pos += (size_t)order[j]->count;
			}
			if (cost > STAGE_BUDGET)
				break;
		}
		while (!capped && nread < nidx &&
		       npos < kmax + 1 + EXTRA_PROBES) {
			long long df = order[nread]->df;

			if (nread > 0 && nposting + df > READ_BUDGET) {
				capped = true;
				break;
			}
			if ((st = read_list(lk, &cs, order[nread], &ids)) < 0)
				goto done;
			nposting += df;
			npos += (size_t)order[nread]->count;
			npos_num += (size_t)order[nread]->numcount;
			nread++;
		}
		if (npos > kmax)
			need = npos - kmax;
		/* else: too few indexed tokens to guarantee anything; any
		 * hit is a candidate */
		tm__free(list);
		list = tm__malloc((cs.n ? cs.n : 1) * sizeof(*list));
		if (!list) {
			st = tm__error_oom();
			goto done;
		}
		for (size_t i = 0; i < cs.cap; i++)
			if (cs.v[i].id && cs.v[i].hits >= (int)need)
				list[nl++] = cs.v[i];
		if (nl > 1)
			qsort(list, nl, sizeof(*list), cand_by_hits);
		for (size_t i = 0; i < nl; i++) {
			/* matched tokens <= hits + unprobed positions (+ the
			 * probed positions inside the query's numbers, for a
			 * key that has every probed word: one that differs
			 * only in numbers scores 99 whatever it has there) */
			size_t hits = (size_t)list[i].hits;
			size_t slack = hits + npos_num >= npos ? npos_num : 0;
			double ub = 100.0 *
			            (double)(hits + lk->n - npos + slack) /
			            (double)lk->n;
			struct cand *c;

			if (ub < t - 1e-9)
				break;
			c = cset_find(&cs, list[i].id, false);
			if (c->done)
				continue;
			if (capped && nscored >= RESCORE_MAX)
				break;
			nscored++;
			c->done = true;
			if ((st = fetch_and_score(lk, list[i].id)) < 0)
				goto done;
		}
		if (results_at_least(lk, t) >= lk->max)
			break;
		done_t = t;
	}
	st = TM_OK;
done:
	unkeep(s_exact);
	tm__free(order);
	tm__free(cs.v);
	tm__free(list);
	tm__free(ids.v);
	return st;
}

static tm_status
exhaustive(struct lk *lk)
{
	sqlite3_stmt *s = NULL;
	tm_status st = prep(lk, &s, "SELECT id, tu_id, key FROM tuv"
	                            " WHERE lang_base = ?1");
	int rc;

	if (st < 0)
		return st;
	bind_str(s, 1, lk->src, strlen(lk->src));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		st = score_one(lk, sqlite3_column_int64(s, 0),
		               sqlite3_column_int64(s, 1),
		               (const char *)sqlite3_column_text(s, 2),
		               (size_t)sqlite3_column_bytes(s, 2));
		if (st < 0)
			break;
	}
	if (st >= 0 && rc != SQLITE_DONE)
		st = tm__db_error(lk->db, rc, "lookup");
	sqlite3_finalize(s);
	return st;
}

static int
by_score(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;
	int c;

	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	if (x->ctx != y->ctx)
		return x->ctx ? -1 : 1;
	if (x->status != y->status)
		return x->status > y->status ? -1 : 1;
	if ((x->flags ^ y->flags) & TM_MATCH_PIVOT)
		return x->flags & TM_MATCH_PIVOT ? 1 : -1;
	c = strcmp(y->changed ? y->changed : "", x->changed ? x->changed : "");
	if (c)
		return c;
	return x->tu < y->tu ? 1 : x->tu > y->tu ? -1 : 0;
}

static char *
col_dup(sqlite3_stmt *s, int i)
{
	const char *v = (const char *)sqlite3_column_text(s, i);

	return v ? tm__strdup(v) : NULL;
}

static bool
ctx_agrees(const char *want, const char *stored)
{
	return !want || (stored && strcmp(want, stored) == 0);
}

/* Release what @m owns (a match of a list or one being built). */
static void
match_dispose(tm_match *m)
{
	if (m->proposed != m->target)
		tm__free((char *)m->proposed);
	tm__free((char *)m->source);
	tm__free((char *)m->target);
	tm__free((char *)m->source_lang);
	tm__free((char *)m->target_lang);
	tm__free((char *)m->origin);
	tm__free((char *)m->created);
	tm__free((char *)m->changed);
	for (size_t i = 0; i < m->n_origins; i++)
		tm__free((char *)m->origins[i]);
	tm__free((void *)m->origins);
	tm__free((char *)m->pivot_lang);
	tm__free((char *)m->pivot_text);
	memset(m, 0, sizeof(*m));
}

void
tm_match_list_free(tm_match_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		match_dispose(&l->v[i]);
	tm__free(l->v);
	tm__free(l);
}

size_t
tm_match_list_count(const tm_match_list *l)
{
	return l ? l->n : 0;
}

const tm_match *
tm_match_list_get(const tm_match_list *l, size_t i)
{
	return l && i < l->n ? &l->v[i] : NULL;
}

/* Whether stored markup has an inline tag: an XML comment or processing
 * instruction kept from the TMX (<!-- ... -->, <?...?>) is none. */
static bool
has_tag(const char *markup)
{
	const char *p = markup;

	while ((p = strchr(p, '<'))) {
		bool pi = p[1] == '?';
		const char *end;

		if (!pi && strncmp(p, "<!--", 4) != 0)
			return true;
		end = strstr(p + 2, pi ? "?>" : "-->");
		if (!end)
			return true;
		p = end + 2;
	}
	return false;
}

/* How far a reviewer vouches for each unit of @r (its x-libtm-status
 * prop, set by tm_db_put_links()), into its status: 2 confirmed, 1 no
 * status (typed or imported by a person), 0 auto (an aligner's guess).
 * Among matches of one score, a higher one ranks first. One statement
 * for the list; a unit whose status cannot be read keeps 1. */
static void
unit_statuses(struct lk *lk, struct scored *r, size_t n)
{
	sqlite3_stmt *s = NULL;

	if (n < 2 || kept(lk, &s, TM__RS_LOOKUP_STATUS,
	                  "SELECT value FROM prop WHERE tu_id = ?1 AND tuv_id"
	                  " IS NULL AND type = '" TM__STATUS_PROP "' LIMIT 1") <
	                     0)
		return;
	for (size_t i = 0; i < n; i++) {
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, r[i].tu);
		if (sqlite3_step(s) == SQLITE_ROW) {
			const char *v = (const char *)sqlite3_column_text(s, 0);

			r[i].status = v && strcmp(v, "confirmed") == 0 ? 2
			              : v && strcmp(v, "auto") == 0    ? 0
			                                               : 1;
		}
	}
	unkeep(s);
}

/* A result's source variant ?1 and target variant ?2 (of another unit
 * for a pivot), with their units. */
static const char pair_sql[] =
	"SELECT s.plain, s.lang, s.markup, s.ctx_prev, s.ctx_next, u.origin,"
	" u.created, u.changed, t.plain, t.lang, v.origin"
	" FROM tuv s CROSS JOIN tu u CROSS JOIN tuv t CROSS JOIN tu v"
	" WHERE s.id = ?1 AND u.id = s.tu_id AND t.id = ?2"
	" AND v.id = t.tu_id";
/* The same for a direct match, whose target variant ?2 is of the same
 * unit as ?1 (v = u): one unit row read instead of two. */
static const char pair1_sql[] =
	"SELECT s.plain, s.lang, s.markup, s.ctx_prev, s.ctx_next, u.origin,"
	" u.created, u.changed, t.plain, t.lang, u.origin"
	" FROM tuv s CROSS JOIN tu u CROSS JOIN tuv t"
	" WHERE s.id = ?1 AND u.id = s.tu_id AND t.id = ?2";

/* The match of result @r into @m (the texts, the tags and context
 * adjustments), and the origin of its target's unit when a pivot's into
 * *@tgt_origin; false in *@found when a row is gone. */
static tm_status
fetch_match(struct lk *lk, sqlite3_stmt *ss, struct scored *r, tm_match *m,
            char **tgt_origin, bool *found)
{
	const char *markup, *plain;
	bool row;
	tm_status st;

	memset(m, 0, sizeof(*m));
	*tgt_origin = NULL;
	*found = false;
	/* a direct match: its target is of the same unit, read once */
	if (r->ttu == r->tu && lk->s_pair1)
		ss = lk->s_pair1;
	sqlite3_reset(ss);
	sqlite3_bind_int64(ss, 1, r->tuv);
	sqlite3_bind_int64(ss, 2, r->ttuv);
	if ((st = step_row(lk, ss, &row)) < 0 || !row)
		return st;
	*found = true;
	r->ctx = (lk->ctx_prev || lk->ctx_next) &&
	         ctx_agrees(lk->ctx_prev,
	                    (const char *)sqlite3_column_text(ss, 3)) &&
	         ctx_agrees(lk->ctx_next,
	                    (const char *)sqlite3_column_text(ss, 4));
	markup = (const char *)sqlite3_column_text(ss, 2);
	plain = (const char *)sqlite3_column_text(ss, 0);
	m->score = r->score;
	m->flags = r->flags;
	m->tu = r->tu;
	m->source = col_dup(ss, 0);
	m->source_lang = col_dup(ss, 1);
	m->origin = col_dup(ss, 5);
	m->created = col_dup(ss, 6);
	m->changed = col_dup(ss, 7);
	m->target = col_dup(ss, 8);
	m->target_lang = col_dup(ss, 9);
	m->proposed = m->target;
	if (r->ttu != r->tu) {
		*tgt_origin = col_dup(ss, 10);
		m->pivot_tu = r->ttu;
		m->pivot_lang = tm__strdup(r->via_lang ? r->via_lang : "");
		m->pivot_text = tm__strdup(r->via_text ? r->via_text : "");
		if (!m->pivot_lang || !m->pivot_text)
			return tm__error_oom();
	}
	if (!m->source || !m->target || !m->source_lang || !m->target_lang)
		return tm__error_oom();
	if (markup && plain && has_tag(markup) &&
	    (m->flags & TM_MATCH_EXACT)) {
		m->flags |= TM_MATCH_TAGS;
		m->score = fmin(m->score, 99);
	}
	if (r->ctx) {
		m->flags |= TM_MATCH_CONTEXT;
		if (m->score == 100)
			m->score = 101;
	}
	return TM_OK;
}

/* Add @name to the origins of @m unless NULL or there already. */
static tm_status
add_origin(tm_match *m, const char *name)
{
	char **v;

	if (!name)
		return TM_OK;
	for (size_t i = 0; i < m->n_origins; i++)
		if (strcmp(m->origins[i], name) == 0)
			return TM_OK;
	v = tm__realloc((void *)m->origins, (m->n_origins + 1) * sizeof(*v));
	if (!v)
		return tm__error_oom();
	m->origins = (const char *const *)v;
	if (!(v[m->n_origins] = tm__strdup(name)))
		return tm__error_oom();
	m->n_origins++;
	return TM_OK;
}

/* The match of result @r and of the results with the same texts (marked
 * dup): the best of them (result *@best_ri), with every origin. *@found
 * false when @r's rows are gone. */
static tm_status
group_match(struct lk *lk, sqlite3_stmt *ss, size_t ri, tm_match *out,
            bool *found, size_t *best_ri)
{
	struct scored *r = &lk->res[ri];
	size_t n = 0, best = 0;
	tm_match *v = NULL;
	char **tor = NULL;
	size_t *idx = NULL;
	tm_status st = TM_OK;

	*found = false;
	*best_ri = ri;
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < lk->nres; i++)
		n += i == ri || (lk->res[i].dup && lk->res[i].ttu > 0 &&
		                 lk->res[i].pair == r->pair);
	v = tm__calloc(n, sizeof(*v));
	tor = tm__calloc(n, sizeof(*tor));
	idx = tm__calloc(n, sizeof(*idx));
	if (!v || !tor || !idx) {
		n = 0; /* nothing in them to dispose of */
		st = tm__error_oom();
		goto done;
	}
	n = 0;
	for (size_t i = 0; i < lk->nres; i++) {
		bool ok;

		if (i != ri && !(lk->res[i].dup && lk->res[i].ttu > 0 &&
		                 lk->res[i].pair == r->pair))
			continue;
		if ((st = fetch_match(lk, ss, &lk->res[i], &v[n], &tor[n],
		                      &ok)) < 0) {
			n++;
			goto done;
		}
		if (!ok) {
			match_dispose(&v[n]);
			continue;
		}
		/* a hash that met another pair's is no duplicate */
		if (n && (strcmp(v[n].source, v[0].source) != 0 ||
		          strcmp(v[n].target, v[0].target) != 0)) {
			match_dispose(&v[n]);
			tm__free(tor[n]);
			tor[n] = NULL;
			continue;
		}
		idx[n++] = i;
	}
	if (!n)
		goto done;
	/* the best: score (tags and context counted), context, direct
	 * before pivot, newest, highest id */
	for (size_t i = 1; i < n; i++) {
		struct scored a = { 0, v[i].tu, v[i].score, v[i].flags,
			            lk->res[idx[i]].ctx, (char *)v[i].changed,
			            1, NULL, 0, 0, 0, false, NULL, NULL };
		struct scored b = { 0, v[best].tu, v[best].score,
			            v[best].flags, lk->res[idx[best]].ctx,
			            (char *)v[best].changed, 1, NULL, 0, 0, 0,
			            false, NULL, NULL };

		if (by_score(&a, &b) < 0)
			best = i;
	}
	if ((st = add_origin(&v[best], v[best].origin)) < 0 ||
	    (st = add_origin(&v[best], tor[best])) < 0)
		goto done;
	for (size_t i = 0; i < n && st >= 0; i++)
		if (i != best && (st = add_origin(&v[best], v[i].origin)) >= 0)
			st = add_origin(&v[best], tor[i]);
	if (st < 0)
		goto done;
	lk->res[ri].ctx = lk->res[idx[best]].ctx;
	*best_ri = idx[best];
	*out = v[best];
	memset(&v[best], 0, sizeof(v[best]));
	*found = true;
done:
	for (size_t i = 0; v && i < n; i++) {
		match_dispose(&v[i]);
		tm__free(tor[i]);
	}
	tm__free(v);
	tm__free(tor);
	tm__free(idx);
	sqlite3_reset(ss);
	return st;
}

/* The matches of the pending pivot @r (ttu 0): the target variants of
 * the units sharing a third-language variant with its unit, into @out
 * (room for PIVOT_UNITS), *@n of them. */
static tm_status
pivot_matches(struct lk *lk, sqlite3_stmt *ss, const struct scored *r,
              tm_match *out, size_t *n)
{
	tm__pivot_hit hits[PIVOT_UNITS];
	size_t nh = 0;
	tm_status st;

	*n = 0;
	if ((st = tm__pivot_find(hits, PIVOT_UNITS, &nh, lk->pivot, r->tu,
	                         lk->src, lk->tgt)) < 0)
		return st;
	for (size_t i = 0; i < nh; i++) {
		struct scored p = *r;
		char *tor = NULL;
		bool found = false;

		p.ttu = hits[i].tu;
		p.ttuv = hits[i].tuv;
		p.via_lang = hits[i].via_lang; /* borrowed */
		p.via_text = hits[i].via_text;
		if (st >= 0)
			st = fetch_match(lk, ss, &p, &out[*n], &tor, &found);
		if (st >= 0 && found &&
		    (st = add_origin(&out[*n], out[*n].origin)) >= 0)
			st = add_origin(&out[*n], tor);
		if (found || st < 0)
			(*n)++; /* disposed by the caller */
		else
			match_dispose(&out[*n]);
		tm__free(tor);
		tm__pivot_hit_dispose(&hits[i]);
	}
	sqlite3_reset(ss);
	return st;
}

/* When the list has a match with the texts of @m (found later, so not
 * before it), @m's origins join it and @m is released: true. */
static tm_status
merge_into_list(tm_match_list *l, tm_match *m, bool *merged)
{
	tm_status st = TM_OK;

	*merged = false;
	for (size_t i = 0; i < l->n; i++) {
		tm_match *o = &l->v[i];

		if (strcmp(o->source, m->source) != 0 ||
		    strcmp(o->target, m->target) != 0)
			continue;
		for (size_t k = 0; k < m->n_origins && st >= 0; k++)
			st = add_origin(o, m->origins[k]);
		match_dispose(m);
		*merged = true;
		break;
	}
	return st;
}

/* Details of the best results, in order, until @max distinct matches
 * (one per source and target text) are certain. */
static tm_status
build_list(struct lk *lk, tm_match_list **out)
{
	sqlite3_stmt *ss = NULL;
	tm_match_list *l = tm__calloc(1, sizeof(*l));
	tm_status st;
	size_t want, cap, groups = 0;

	if (!l)
		return tm__error_oom();
	if ((st = kept(lk, &ss, TM__RS_LOOKUP_PAIR, pair_sql)) < 0 ||
	    (st = kept(lk, &lk->s_pair1, TM__RS_LOOKUP_PAIR1, pair1_sql)) < 0)
		goto fail;
	if (lk->nres > 1)
		qsort(lk->res, lk->nres, sizeof(*lk->res), by_score);
	/* Context and dates break ties: fetch every result that can still
	 * place, then sort again. */
	want = 4 * lk->max + 16;
	cap = lk->nres < want ? lk->nres : want;
	cap = cap ? cap : 1;
	l->v = tm__calloc(cap, sizeof(*l->v));
	if (!l->v) {
		st = tm__error_oom();
		goto fail;
	}
	for (size_t i = 0; i < lk->nres && groups < want; i++) {
		struct scored *r = &lk->res[i];
		tm_match got[PIVOT_UNITS];
		size_t ngot = 0, g, best = i;
		bool found;
		/* whose numbers proposal a match takes: a pivot's none */
		struct scored pr = *r;

		if (r->dup)
			continue;
		if (l->n >= lk->max && r->score < l->v[lk->max - 1].score)
			break;
		groups++;
		memset(got, 0, sizeof(got));
		pr.proposed = NULL;
		if (!r->ttu) {
			st = pivot_matches(lk, ss, r, got, &ngot);
		} else {
			st = group_match(lk, ss, i, &got[0], &found, &best);
			ngot = found;
		}
		for (g = 0; g < ngot && st >= 0; g++) {
			tm_match *m;
			bool merged;

			if ((st = merge_into_list(l, &got[g], &merged)) < 0 ||
			    merged)
				continue;
			if (!TM__ARRAY_GROW(l->v, cap, l->n + 1, 1)) {
				st = tm__error_oom();
				break;
			}
			m = &l->v[l->n++];
			*m = got[g];
			memset(&got[g], 0, sizeof(got[g]));
			if ((st = numbers_proposal(lk, r->ttu ? &lk->res[best] :
			                                        &pr,
			                           m)) < 0)
				break;
			r->changed = (char *)m->changed;
		}
		for (g = 0; g < ngot; g++)
			match_dispose(&got[g]);
		if (st < 0)
			goto fail;
	}
	/* final order: score (101 first), context, status, direct before
	 * pivot, newest, highest id */
	{
		struct scored *tmp = tm__calloc(l->n ? l->n : 1, sizeof(*tmp));
		tm_match *v = tm__calloc(l->n ? l->n : 1, sizeof(*v));

		if (!tmp || !v) {
			tm__free(tmp);
			tm__free(v);
			st = tm__error_oom();
			goto fail;
		}
		for (size_t i = 0; i < l->n; i++)
			tmp[i] = (struct scored){ (long long)i, l->v[i].tu,
				                  l->v[i].score,
				                  l->v[i].flags & TM_MATCH_PIVOT,
				                  (l->v[i].flags &
				                   TM_MATCH_CONTEXT) != 0,
				                  (char *)l->v[i].changed, 1,
				                  NULL, 0, 0, 0, false, NULL,
				                  NULL };
		unit_statuses(lk, tmp, l->n);
		if (l->n > 1)
			qsort(tmp, l->n, sizeof(*tmp), by_score);
		for (size_t i = 0; i < l->n; i++)
			v[i] = l->v[tmp[i].tuv];
		tm__free(tmp);
		tm__free(l->v);
		l->v = v;
		if (l->n > lk->max) {
			for (size_t i = lk->max; i < l->n; i++)
				match_dispose(&l->v[i]);
			l->n = lk->max;
		}
	}
	for (size_t i = 0; i < lk->nres; i++)
		lk->res[i].changed = NULL;
	unkeep(ss);
	unkeep(lk->s_pair1);
	*out = l;
	return TM_OK;
fail:
	for (size_t i = 0; i < lk->nres; i++)
		lk->res[i].changed = NULL;
	unkeep(ss);
	unkeep(lk->s_pair1);
	tm_match_list_free(l);
	return st;
}

static tm_status
norm_key(char **out, const char *text)
{
	*out = NULL;
	if (!text)
		return TM_OK;
	return tm__match_key(out, NULL, text);
}

tm_status
tm_lookup(tm_match_list **out, tm_db *db, const char *text,
          const tm_lookup_options *opts)
{
	struct lk lk = { 0 };
	bool in_txn = false;
	tm_status st;

	if (!out)
		return tm__error_set(TM_EINVAL, "match: no output pointer");
	*out = NULL;
	if (!db || !text || !opts)
		return tm__error_set(TM_EINVAL, "match: %s is NULL",
		                     !db ? "the TM" : !text ? "the query" :
		                                             "the options");
	if (opts->version != TM_LOOKUP_OPTIONS_VERSION)
		return tm__error_set(TM_EINVAL,
		                     "match: unknown options version %u",
		                     opts->version);
	if (!opts->source_lang || !opts->target_lang)
		return tm__error_set(TM_EINVAL, "match: both a source and a "
		                                "target language are needed");
	if ((st = tm_lang_validate(opts->source_lang)) < 0 ||
	    (st = tm_lang_validate(opts->target_lang)) < 0 ||
	    (st = tm__lang_base(lk.src, opts->source_lang)) < 0 ||
	    (st = tm__lang_base(lk.tgt, opts->target_lang)) < 0)
		return st;
	lk.db = db;
	lk.h = tm__db_handle(db);
	lk.min = opts->min_score > 0 ? opts->min_score : DEFAULT_MIN;
	if (lk.min < 50)
		lk.min = 50;
	if (lk.min > 101)
		lk.min = 101;
	lk.max = opts->max_results > 0 ? (size_t)opts->max_results :
	                                 DEFAULT_MAX;
	if ((st = tm__db_index(&lk.ix, db)) < 0)
		return st;
	if ((st = tm__match_key(&lk.key, &lk.key_len, text)) < 0)
		goto done;
	if ((st = tm__tokenize(&lk.toks, lk.key, lk.key_len)) < 0)
		goto done;
	lk.n = lk.toks.n;
	if (lk.n == 0) {
		st = tm__error_set(TM_EINVAL, "match: empty query (no word in "
		                              "it)");
		goto done;
	}
	if (lk.n > MAX_QUERY_TOKENS) {
		st = tm__error_set(TM_EINVAL,
		                   "match: query too long (%zu tokens, at most "
		                   "%d)",
		                   lk.n, MAX_QUERY_TOKENS);
		goto done;
	}
	lk.q = tm__calloc(lk.n, sizeof(*lk.q));
	lk.qh = tm__calloc(lk.n, sizeof(*lk.qh));
	if (!lk.q || !lk.qh) {
		st = tm__error_oom();
		goto done;
	}
	for (size_t i = 0; i < lk.n; i++) {
		struct qtok *t = &lk.q[i];

		t->s = lk.key + lk.toks.v[i].off;
		t->len = lk.toks.v[i].len;
		t->kind = lk.toks.v[i].kind;
		t->h = lk.qh[i] = tm__tok_hash(t->s, t->len);
		t->first = true;
		t->count = 1;
		for (size_t j = 0; j < i; j++) {
			if (lk.q[j].h == t->h && lk.q[j].first) {
				t->first = false;
				lk.q[j].count++;
				break;
			}
		}
	}
	if ((st = tm__numtext_read(&lk.qnum, lk.key, lk.key_len, &lk.toks,
	                           lk.qh, tm__numstyle_for(lk.src))) < 0)
		goto done;
	lk.qnum_any = tm__numtext_has_numbers(&lk.qnum);
	for (size_t i = 0; i < lk.n; i++) {
		size_t j = i;

		if (!lk.qnum.inmask[i])
			continue;
		while (!lk.q[j].first || lk.q[j].h != lk.q[i].h)
			j--;
		lk.q[j].numcount++;
	}
	if ((st = norm_key(&lk.ctx_prev, opts->ctx_prev)) < 0 ||
	    (st = norm_key(&lk.ctx_next, opts->ctx_next)) < 0)
		goto done;
	if ((st = kept(&lk, &lk.s_fetch, TM__RS_LOOKUP_FETCH,
	               "SELECT key, tu_id, lang_base, id, plain FROM tuv"
	               " WHERE id = ?1")) < 0 ||
	    (st = kept(&lk, &lk.s_has_tgt, TM__RS_LOOKUP_TARGET,
	               "SELECT id, plain FROM tuv WHERE tu_id = ?1 AND"
	               " lang_base = ?2 ORDER BY id LIMIT 1")) < 0)
		goto done;
	if (!(opts->flags & TM_LOOKUP_NO_PIVOT) &&
	    (st = tm__pivot_open(&lk.pivot, db)) < 0)
		goto done;
	bind_str(lk.s_has_tgt, 2, lk.tgt, strlen(lk.tgt));
	/* One read transaction for the whole lookup: one snapshot, and
	 * the WAL locks taken once instead of at every statement. */
	if (sqlite3_get_autocommit(lk.h)) {
		if (sqlite3_exec(lk.h, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
			st = tm__db_error(db, sqlite3_errcode(lk.h), "lookup");
			goto done;
		}
		in_txn = true;
	}
	/* inside the read transaction: its snapshot and locks */
	{
		const char *tags[] = { opts->source_lang, opts->target_lang };
		const char *bases[] = { lk.src, lk.tgt };

		if ((st = tm__db_require_langs(db, tags, bases, 2)) < 0)
			goto done;
	}
	st = opts->flags & TM_LOOKUP_EXHAUSTIVE ? exhaustive(&lk) :
	                                          candidates(&lk);
	if (st >= 0 && lk.err < 0)
		st = lk.err;
	if (st >= 0)
		st = build_list(&lk, out);
done:
	unkeep(lk.s_fetch);
	if (in_txn)
		sqlite3_exec(lk.h, "COMMIT", NULL, NULL, NULL);
	unkeep(lk.s_has_tgt);
	tm__free(lk.tc_plain);
	unkeep(lk.s_src);
	tm__pivot_free(lk.pivot);
	for (size_t i = 0; i < lk.nres; i++) {
		tm__free(lk.res[i].proposed);
		if (lk.res[i].ttu > 0 && lk.res[i].ttu != lk.res[i].tu) {
			tm__free(lk.res[i].via_lang);
			tm__free(lk.res[i].via_text);
		}
	}
	tm__numtext_dispose(&lk.qnum);
	tm__numtext_dispose(&lk.cnum);
	tm__free(lk.key);
	tm__free(lk.q);
	tm__free(lk.qh);
	tm__free(lk.ch);
	tm__free(lk.res);
	tm__free(lk.ctx_prev);
	tm__free(lk.ctx_next);
	tm__toks_dispose(&lk.toks);
	tm__toks_dispose(&lk.ctoks);
	tm__buf_dispose(&lk.term);
	return st < 0 ? st : TM_OK;
}
