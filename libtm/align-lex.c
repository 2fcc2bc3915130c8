/* SPDX-License-Identifier: MIT */
/* The aligner's lexicon: word pairs given (a bilingual dictionary) or
 * learned from sentence pairs (tm_aligner_learn()), kept on reduced forms
 * so that inflection meets: a Snowball stem (en, ru, de, fr, ...), a
 * Korean word less its particle (concord-xscript.c's list). A news story
 * alone is too short to learn its words' translations from (the second
 * pass's pairs are mostly chance there); a batch of stories, or the TM's
 * units, are not. See docs/alignment.md, "Lexicon". */
#include "align-private.h"
#include "concord-private.h"
#include "fnv-private.h"
#include "stem-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- reduced forms ---------------------------------------------------- */

tm_status
tm__reducer_init(tm__reducer *r, tm__stems *stems, const char *lang)
{
	char base[16];
	size_t n = 0;
	tm_status st;

	memset(r, 0, sizeof(*r));
	while (lang[n] && lang[n] != '-' && lang[n] != '_' &&
	       n + 1 < sizeof(base)) {
		base[n] = (char)(lang[n] | 0x20);
		n++;
	}
	base[n] = '\0';
	r->korean = strcmp(base, "ko") == 0;
	if (r->korean)
		return TM_OK;
	st = tm__stems_get(&r->st, stems, base);
	return st < 0 ? st : TM_OK;
}

void
tm__reducer_use_core(tm__reducer *r, const tm__core_ref *core, int side)
{
	if (!r->korean)
		return;
	r->prefixes = core->t;
	r->prefix_col = side ^ (int)core->reversed;
}

size_t
tm__hangul_lead(const char *w, size_t len)
{
	const unsigned char *p = (const unsigned char *)w;
	size_t n = 0;

	while (3 * n + 2 < len) {
		const unsigned char *c = p + 3 * n;
		unsigned u = (unsigned)(c[0] & 0x0f) << 12 |
		             (unsigned)(c[1] & 0x3f) << 6 | (c[2] & 0x3f);

		if ((c[0] & 0xf0) != 0xe0 || u < 0xac00 || u > 0xd7a3)
			break;
		n++;
	}
	return n;
}

/* The bytes of the longest start of @w of two Hangul syllables or more
 * (the whole word included) that column @col of @prefixes holds; 0 when
 * none. */
static size_t
korean_start(const tm__core_table *prefixes, int col, const char *w,
             size_t len)
{
	size_t n;

	if (!prefixes)
		return 0;
	for (n = tm__hangul_lead(w, len); n >= 2; n--)
		if (tm__core_has(prefixes, col, w, 3 * n))
			return 3 * n;
	return 0;
}

size_t
tm__reduce(tm__reducer *r, const char *w, size_t len, char *out, size_t cap)
{
	const unsigned char *p = (const unsigned char *)w;
	const char *s = w;
	size_t sl = len;

	if (r->korean && len >= 3 && p[0] >= 0xea && p[0] <= 0xed) {
		size_t k = korean_start(r->prefixes, r->prefix_col, w, len);

		/* 발표했다: 발표 (a word start a lexicon lists), else
		 * 평양에서, 평양을: 평양 (never the whole word) */
		sl = k ? k : len - tm__ko_particle_len(w, len);
	} else if (r->st && tm__stem(&s, &sl, r->st, w, len) < 0) {
		return 0;
	}
	if (sl + 1 > cap)
		sl = cap - 1;
	memcpy(out, s, sl);
	out[sl] = '\0';
	return sl;
}

tm_status
tm__side_reduce(tm__side *s, tm__reducer *r)
{
	char buf[256];

	if (s->red)
		return TM_OK;
	s->red = tm__malloc((s->lex.count ? s->lex.count : 1) * sizeof(*s->red));
	if (!s->red)
		return tm__error_oom();
	for (uint32_t id = 0; id < s->lex.count; id++) {
		size_t n = tm__reduce(r, s->lex.words[id], s->lex.lens[id], buf,
		                      sizeof(buf));

		if (!n) {
			memcpy(buf, s->lex.words[id], s->lex.lens[id]);
			n = s->lex.lens[id];
		}
		s->red[id] = tm__lex_intern(&s->rlex, buf, n);
		if (s->red[id] == TM__LEX_NONE)
			return tm__error_oom();
	}
	return TM_OK;
}

/* ---- the lexicon ------------------------------------------------------ */

void
tm__lexicon_dispose(tm__lexicon *L)
{
	tm__lex_dispose(&L->src);
	tm__lex_dispose(&L->tgt);
	for (size_t i = 0; i < L->nsurf_s; i++)
		tm__free(L->surf_s[i]);
	for (size_t i = 0; i < L->nsurf_t; i++)
		tm__free(L->surf_t[i]);
	tm__free(L->surf_s);
	tm__free(L->surf_t);
	tm__free(L->e);
	tm__free(L->first);
	memset(L, 0, sizeof(*L));
}

/* Intern reduced form @f (of surface form @w) on one side; the first
 * surface form seen stands for it in a written lexicon. */
static uint32_t
form_intern(tm__lex *lex, char ***surf, size_t *nsurf, const char *f,
            size_t fl, const char *w, size_t wl)
{
	uint32_t id = tm__lex_intern(lex, f, fl);

	if (id == TM__LEX_NONE)
		return id;
	if (id >= *nsurf) {
		char **v = tm__realloc(*surf, ((size_t)id + 1) * sizeof(**surf));

		if (!v)
			return TM__LEX_NONE;
		*surf = v;
		v[id] = tm__strndup(w, wl);
		if (!v[id])
			return TM__LEX_NONE;
		*nsurf = (size_t)id + 1;
	}
	return id;
}

/* Append the pair of interned forms @s, @t (TM__LEX_NONE: their
 * interning ran out of memory) of weight @w and kind @kind. */
static tm_status
entry_push(tm__lexicon *L, uint32_t s, uint32_t t, float w, int kind)
{
	if (s == TM__LEX_NONE || t == TM__LEX_NONE ||
	    !TM__ARRAY_GROW(L->e, L->cap, L->n + 1, 256))
		return tm__error_oom();
	L->e[L->n].s = s;
	L->e[L->n].t = t;
	L->e[L->n].w = w;
	L->e[L->n].given = kind != TM__LEX_LEARNED;
	L->e[L->n].core = kind == TM__LEX_CORE;
	L->e[L->n].dict = kind == TM__LEX_GIVEN ||
	                  kind == TM__LEX_GIVEN_ALIGNING;
	L->e[L->n].judge = kind == TM__LEX_CORE || kind == TM__LEX_GIVEN;
	L->n++;
	L->indexed = false;
	return TM_OK;
}

tm_status
tm__lexicon_add(tm__lexicon *L, tm__reducer *rs, tm__reducer *rt,
                const char *src, size_t sl, const char *tgt, size_t tl,
                float w, int kind)
{
	char fs[256], ft[256];
	size_t fsl = tm__reduce(rs, src, sl, fs, sizeof(fs));
	size_t ftl = tm__reduce(rt, tgt, tl, ft, sizeof(ft));
	uint32_t s, t;

	if (!fsl || !ftl)
		return TM_OK;
	s = form_intern(&L->src, &L->surf_s, &L->nsurf_s, fs, fsl, src, sl);
	t = form_intern(&L->tgt, &L->surf_t, &L->nsurf_t, ft, ftl, tgt, tl);
	return entry_push(L, s, t, w, kind);
}

tm_status
tm__lexicon_add_reduced(tm__lexicon *L, const char *fs, size_t fsl,
                        const char *ft, size_t ftl, float w, int kind)
{
	uint32_t s, t;

	s = form_intern(&L->src, &L->surf_s, &L->nsurf_s, fs, fsl, fs, fsl);
	t = form_intern(&L->tgt, &L->surf_t, &L->nsurf_t, ft, ftl, ft, ftl);
	return entry_push(L, s, t, w, kind);
}

static int
ent_cmp(const void *a, const void *b)
{
	const tm__lexent *x = a, *y = b;

	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return 0;
}

/* Sort the entries by source form, one entry a pair (a pair given and
 * learned is given; learned twice, the higher weight), and index them. */
static tm_status
lexicon_index(tm__lexicon *L)
{
	size_t o = 0;

	if (L->indexed)
		return TM_OK;
	if (L->n)
		qsort(L->e, L->n, sizeof(*L->e), ent_cmp);
	for (size_t i = 0; i < L->n; i++) {
		if (o && L->e[o - 1].s == L->e[i].s && L->e[o - 1].t == L->e[i].t) {
			tm__lexent *p = &L->e[o - 1];
			uint8_t core = p->core | L->e[i].core;
			uint8_t dict = p->dict | L->e[i].dict;
			uint8_t judge = p->judge | L->e[i].judge;

			if (L->e[i].given && !p->given)
				*p = L->e[i];
			else if (L->e[i].given == p->given && L->e[i].w > p->w)
				p->w = L->e[i].w;
			p->core = core;
			p->dict = dict;
			p->judge = judge;
			continue;
		}
		L->e[o++] = L->e[i];
	}
	L->n = o;
	tm__free(L->first);
	L->first = tm__calloc((size_t)L->src.count + 1, sizeof(*L->first));
	if (!L->first)
		return tm__error_oom();
	for (size_t i = 0; i < L->n; i++)
		L->first[L->e[i].s + 1] = i + 1;
	for (uint32_t s = 1; s <= L->src.count; s++)
		if (L->first[s] < L->first[s - 1])
			L->first[s] = L->first[s - 1];
	L->indexed = true;
	return TM_OK;
}

size_t
tm__lexicon_count(const tm__lexicon *L, bool learned)
{
	size_t k = 0;

	for (size_t i = 0; i < L->n; i++)
		k += learned ? !L->e[i].given : L->e[i].dict;
	return k;
}

size_t
tm__lexicon_count_core(const tm__lexicon *L)
{
	size_t k = 0;

	for (size_t i = 0; i < L->n; i++)
		k += L->e[i].core;
	return k;
}

/* Sentences of @X holding each of its reduced forms (rlex ids); NULL when
 * out of memory. */
static uint32_t *
form_df(const tm__side *X)
{
	uint32_t *df = tm__calloc((size_t)X->rlex.count + 1, sizeof(*df));
	size_t *last = tm__calloc((size_t)X->rlex.count + 1, sizeof(*last));

	if (!df || !last) {
		tm__free(df);
		tm__free(last);
		return NULL;
	}
	for (size_t k = 0; k < X->n; k++)
		for (size_t q = X->word_off[k]; q < X->word_off[k + 1]; q++) {
			uint32_t r = X->red[X->words[q]];

			if (last[r] != k + 1) {
				last[r] = k + 1;
				df[r]++;
			}
		}
	tm__free(last);
	return df;
}

float
tm__given_weight(size_t dfs, size_t ns, size_t dft, size_t nt)
{
	double fs = ns ? (double)dfs / (double)ns : 1;
	double ft = nt ? (double)dft / (double)nt : 1;
	double f = fs > ft ? fs : ft;
	double n = (double)(ns > nt ? ns : nt);
	double w;

	if (f <= 0 || n < 1)
		return 1.0f;
	w = log(1 + 1 / f) / log(1 + n);
	return (float)(w > 1 ? 1 : w);
}

tm_status
tm__lexicon_pairs(tm__wpair **pairs, size_t *npairs, tm__lexicon *L,
                  const tm__side *S, const tm__side *T, bool given_only,
                  float wlearned, float wcore)
{
	tm_status st = TM_OK;
	uint32_t *dfs = NULL, *dft = NULL;

	if (!L->n || !S->red || !T->red)
		return TM_OK;
	st = lexicon_index(L);
	if (st < 0)
		return st;
	/* a given pair weighs by how rare its words are in the documents
	 * (tm__given_weight()) */
	dfs = form_df(S);
	dft = form_df(T);
	if (!dfs || !dft) {
		st = tm__error_oom();
		goto out;
	}
	for (uint32_t r = 0; r < S->rlex.count; r++) {
		uint32_t s = tm__lex_find(&L->src, S->rlex.words[r],
		                          S->rlex.lens[r]);

		if (s == TM__LEX_NONE)
			continue;
		for (size_t q = L->first[s]; q < L->first[s + 1]; q++) {
			const tm__lexent *e = &L->e[q];
			uint32_t t;
			tm__wpair *np;

			if (given_only && !e->given)
				continue;
			t = tm__lex_find(&T->rlex, L->tgt.words[e->t],
			                 L->tgt.lens[e->t]);
			if (t == TM__LEX_NONE)
				continue;
			np = tm__realloc(*pairs, (*npairs + 1) * sizeof(*np));
			if (!np) {
				st = tm__error_oom();
				goto out;
			}
			*pairs = np;
			np[*npairs].src = r;
			np[*npairs].tgt = t;
			np[*npairs].w = e->given ? tm__given_weight(dfs[r], S->n,
			                                            dft[t], T->n)
			                         : e->w * wlearned;
			np[*npairs].from = e->core ? TM__WPAIR_CORE
			                           : TM__WPAIR_LEXICON;
			if (e->core)
				np[*npairs].w *= wcore;
			(*npairs)++;
		}
	}
out:
	tm__free(dfs);
	tm__free(dft);
	return st;
}

/* ---- learning ----------------------------------------------------------- */

static uint64_t
mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

bool
tm__pair_tab_add(tm__pair_tab *t, uint64_t key)
{
	size_t i;

	if ((t->n + 1) * 2 > t->cap) {
		size_t nc = t->cap ? t->cap * 2 : 4096;
		uint64_t *nk = tm__calloc(nc, sizeof(*nk));
		uint32_t *ncn = tm__calloc(nc, sizeof(*ncn));

		if (!nk || !ncn) {
			tm__free(nk);
			tm__free(ncn);
			return false;
		}
		for (size_t k = 0; k < t->cap; k++) {
			if (!t->keys[k])
				continue;
			i = mix64(t->keys[k]) & (nc - 1);
			while (nk[i])
				i = (i + 1) & (nc - 1);
			nk[i] = t->keys[k];
			ncn[i] = t->counts[k];
		}
		tm__free(t->keys);
		tm__free(t->counts);
		t->keys = nk;
		t->counts = ncn;
		t->cap = nc;
	}
	key++;
	for (i = mix64(key) & (t->cap - 1); t->keys[i] && t->keys[i] != key;
	     i = (i + 1) & (t->cap - 1))
		;
	if (!t->keys[i]) {
		t->keys[i] = key;
		t->n++;
	}
	t->counts[i]++;
	return true;
}


/* The reduced forms of one side of the sentence pairs, each sentence's
 * unique ones, in a lexicon of their own. */
typedef struct lex_side {
	tm__lex lex;
	char **surf;
	size_t nsurf;
	uint32_t *ids;
	size_t *off;
	size_t n, cap;
	uint32_t *cnt; /* per form: sentences it occurs in */
} lex_side;

static void
lex_side_dispose(lex_side *x)
{
	tm__lex_dispose(&x->lex);
	for (size_t i = 0; i < x->nsurf; i++)
		tm__free(x->surf[i]);
	tm__free(x->surf);
	tm__free(x->ids);
	tm__free(x->off);
	tm__free(x->cnt);
}

static int
u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Words of one sentence kept for learning: a longer sentence is read to
 * this many (its pairs grow with the square). */
#define LEX_MAX_WORDS 64

static tm_status
lex_side_add(lex_side *x, tm__reducer *r, const tm_align_sentence *v,
             size_t k)
{
	char fold[256], red[256];
	size_t pos = 0, fl, from = x->n, o;
	const char *text = v->text ? v->text : "";

	while (x->n - from < LEX_MAX_WORDS &&
	       (fl = tm__next_word(text, v->len, &pos, fold, sizeof(fold)))) {
		size_t rl = tm__reduce(r, fold, fl, red, sizeof(red));
		uint32_t id;

		if (!rl)
			continue;
		id = form_intern(&x->lex, &x->surf, &x->nsurf, red, rl, fold, fl);
		if (id == TM__LEX_NONE ||
		    !TM__ARRAY_GROW(x->ids, x->cap, x->n + 1, 1024))
			return tm__error_oom();
		x->ids[x->n++] = id;
	}
	if (x->n > from)
		qsort(x->ids + from, x->n - from, sizeof(*x->ids), u32_cmp);
	o = from;
	for (size_t q = from; q < x->n; q++)
		if (o == from || x->ids[o - 1] != x->ids[q])
			x->ids[o++] = x->ids[q];
	x->n = o;
	x->off[k + 1] = o;
	return TM_OK;
}

tm_status
tm__lexicon_learn(size_t *out_added, tm__lexicon *L, tm__reducer *rs,
                  tm__reducer *rt, const tm_align_sentence *src,
                  const tm_align_sentence *tgt, size_t n,
                  const tm__lex_params *lp)
{
	lex_side xs = {0}, xt = {0};
	tm__pair_tab tab = {0};
	tm__lexent *cand = NULL;
	size_t ncand = 0, cap = 0, used = 0, added = 0;
	uint32_t *best_s = NULL, *best_t = NULL;
	tm_status st = TM_OK;

	if (out_added)
		*out_added = 0;
	xs.off = tm__calloc(n + 1, sizeof(*xs.off));
	xt.off = tm__calloc(n + 1, sizeof(*xt.off));
	if (!xs.off || !xt.off) {
		st = tm__error_oom();
		goto out;
	}
	for (size_t k = 0; k < n; k++) {
		st = lex_side_add(&xs, rs, &src[k], k);
		if (st >= 0)
			st = lex_side_add(&xt, rt, &tgt[k], k);
		if (st < 0)
			goto out;
	}
	xs.cnt = tm__calloc((size_t)xs.lex.count + 1, sizeof(*xs.cnt));
	xt.cnt = tm__calloc((size_t)xt.lex.count + 1, sizeof(*xt.cnt));
	if (!xs.cnt || !xt.cnt) {
		st = tm__error_oom();
		goto out;
	}
	for (size_t k = 0; k < n; k++) {
		if (xs.off[k] == xs.off[k + 1] || xt.off[k] == xt.off[k + 1])
			continue;
		used++;
		for (size_t q = xs.off[k]; q < xs.off[k + 1]; q++)
			xs.cnt[xs.ids[q]]++;
		for (size_t q = xt.off[k]; q < xt.off[k + 1]; q++)
			xt.cnt[xt.ids[q]]++;
	}
	/* co-occurrences of the forms seen often enough to be counted */
	for (size_t k = 0; k < n; k++) {
		if (xs.off[k] == xs.off[k + 1] || xt.off[k] == xt.off[k + 1])
			continue;
		for (size_t q = xs.off[k]; q < xs.off[k + 1]; q++) {
			if (xs.cnt[xs.ids[q]] < lp->min_count)
				continue;
			for (size_t r = xt.off[k]; r < xt.off[k + 1]; r++) {
				if (xt.cnt[xt.ids[r]] < lp->min_count)
					continue;
				if (!tm__pair_tab_add(&tab,
				                      ((uint64_t)xs.ids[q] << 32) |
				                              xt.ids[r])) {
					st = tm__error_oom();
					goto out;
				}
			}
		}
	}
	for (size_t k = 0; k < tab.cap; k++) {
		uint32_t c = tab.counts[k], ws, wt;
		double w;

		if (!tab.keys[k] || c < lp->min_count)
			continue;
		ws = (uint32_t)((tab.keys[k] - 1) >> 32);
		wt = (uint32_t)(tab.keys[k] - 1);
		w = tm__lex_weight(c, xs.cnt[ws], xt.cnt[wt], used, lp->kappa);
		if (w < lp->min_weight)
			continue;
		if (!TM__ARRAY_GROW(cand, cap, ncand + 1, 1024)) {
			st = tm__error_oom();
			goto out;
		}
		cand[ncand].s = ws;
		cand[ncand].t = wt;
		cand[ncand].w = (float)w;
		cand[ncand].given = 0;
		ncand++;
	}
	/* each form keeps its best translations only: a word's weaker
	 * partners are mostly the words its translation's sentences share
	 * with it by topic */
	best_s = tm__calloc((size_t)xs.lex.count + 1, sizeof(*best_s));
	best_t = tm__calloc((size_t)xt.lex.count + 1, sizeof(*best_t));
	if (!best_s || !best_t) {
		st = tm__error_oom();
		goto out;
	}
	if (ncand)
		qsort(cand, ncand, sizeof(*cand), tm__lexent_weight_cmp);
	for (size_t k = 0; k < ncand; k++) {
		const tm__lexent *e = &cand[k];
		const char *ss, *ts;

		if (best_s[e->s] >= lp->max_per_word ||
		    best_t[e->t] >= lp->max_per_word)
			continue;
		best_s[e->s]++;
		best_t[e->t]++;
		ss = xs.surf[e->s];
		ts = xt.surf[e->t];
		st = tm__lexicon_add(L, rs, rt, ss, strlen(ss), ts, strlen(ts),
		                     e->w, false);
		if (st < 0)
			goto out;
		added++;
	}
	if (out_added)
		*out_added = added;
out:
	lex_side_dispose(&xs);
	lex_side_dispose(&xt);
	tm__free(tab.keys);
	tm__free(tab.counts);
	tm__free(cand);
	tm__free(best_s);
	tm__free(best_t);
	return st;
}

int
tm__lexent_weight_cmp(const void *a, const void *b)
{
	const tm__lexent *x = a, *y = b;

	if (x->w != y->w)
		return x->w > y->w ? -1 : 1;
	return ent_cmp(a, b);
}

double
tm__lex_weight(unsigned c, unsigned ns, unsigned nt, size_t n, bool kappa)
{
	double e, top;

	if (!c || !n)
		return 0;
	if (!kappa)
		return tm__align_pair_weight(c, ns, nt, n,
		                             TM__ALIGN_LEARN_CHANCE);
	/* agreement beyond chance over the most there could be: 1 when the
	 * two always occur together, 0 when they meet as often as chance
	 * has them meet */
	e = (double)ns * nt / (double)n;
	top = 0.5 * (ns + nt) - e;
	return top > 0 ? (c - e) / top : 0;
}

tm_status
tm__lexicon_write(size_t *out_count, tm__lexicon *L, const char *path,
                  double min_weight)
{
	FILE *f;
	size_t count = 0;
	tm_status st;

	if (out_count)
		*out_count = 0;
	st = lexicon_index(L);
	if (st < 0)
		return st;
	f = fopen(path, "w");
	if (!f)
		return tm__error_set(TM_EIO, "align: %s: cannot write", path);
	for (size_t i = 0; i < L->n; i++) {
		const tm__lexent *e = &L->e[i];

		if ((!e->given && e->w < min_weight) || (e->core && !e->dict))
			continue;
		fprintf(f, "%s @ %s\n", L->surf_t[e->t], L->surf_s[e->s]);
		count++;
	}
	if (fclose(f) != 0)
		return tm__error_set(TM_EIO, "align: %s: write failed", path);
	if (out_count)
		*out_count = count;
	return TM_OK;
}

/* Per reduced form of @X (rlex ids): the best weight of the lexicon's
 * pairs of the form (on the side @src or not) when the lexicon has some
 * and none of their partners occurs in @O; and in *@core, whether the
 * form has core lexicon pairs and none of their partners occurs in @O. */
static tm_status
orphans(float **out, uint8_t **core, tm__lexicon *L, const tm__side *X,
        const tm__side *O, bool src, float wlearned, float wcore)
{
	float *best = tm__calloc((size_t)X->rlex.count + 1, sizeof(*best));
	bool *met = tm__calloc((size_t)X->rlex.count + 1, sizeof(*met));
	uint8_t *has = tm__calloc((size_t)X->rlex.count + 1, sizeof(*has));
	const tm__lex *mine = src ? &L->src : &L->tgt;
	const tm__lex *theirs = src ? &L->tgt : &L->src;
	uint32_t *map = NULL;

	*out = NULL;
	*core = NULL;
	if (!best || !met || !has)
		goto oom;
	/* the lexicon's form id -> X's rlex id (+1) */
	map = tm__calloc((size_t)mine->count + 1, sizeof(*map));
	if (!map)
		goto oom;
	for (uint32_t r = 0; r < X->rlex.count; r++) {
		uint32_t f = tm__lex_find(mine, X->rlex.words[r], X->rlex.lens[r]);

		if (f != TM__LEX_NONE)
			map[f] = r + 1;
	}
	for (size_t q = 0; q < L->n; q++) {
		const tm__lexent *e = &L->e[q];
		uint32_t f = src ? e->s : e->t, g = src ? e->t : e->s, r;
		/* a dictionary's pair finds a form's translation, but weighs
		 * nothing when missing: a general dictionary lists
		 * translations a translator need not use (FreeDict on the
		 * de-fr dev set in a batch: 0.854 weighing 1, 0.858 so) */
		float w = e->core ? wcore : e->given ? 0.0f : e->w * wlearned;

		if (!map[f])
			continue;
		r = map[f] - 1;
		if (w > best[r])
			best[r] = w;
		if (e->core)
			has[r] = 1;
		if (!met[r] && tm__lex_find(&O->rlex, theirs->words[g],
		                            theirs->lens[g]) != TM__LEX_NONE)
			met[r] = true;
	}
	for (uint32_t r = 0; r < X->rlex.count; r++)
		if (met[r]) {
			best[r] = 0;
			has[r] = 0;
		}
	tm__free(met);
	tm__free(map);
	*out = best;
	*core = has;
	return TM_OK;
oom:
	tm__free(best);
	tm__free(met);
	tm__free(has);
	tm__free(map);
	return tm__error_oom();
}

/* lost_lex of @X from the weights of its orphan forms @orph, and
 * lost_core from its core orphans @core: each sentence's unique ones
 * summed, counted. */
static tm_status
side_lost_lex(tm__side *X, const float *orph, const uint8_t *core,
              float scale)
{
	uint32_t buf[256];

	tm__free(X->lost_lex);
	tm__free(X->lost_core);
	X->lost_lex = tm__calloc(X->n ? X->n : 1, sizeof(*X->lost_lex));
	X->lost_core = tm__calloc(X->n ? X->n : 1, sizeof(*X->lost_core));
	if (!X->lost_lex || !X->lost_core)
		return tm__error_oom();
	for (size_t k = 0; k < X->n; k++) {
		size_t n = 0;
		float sum = 0, nc = 0;

		for (size_t q = X->word_off[k];
		     q < X->word_off[k + 1] && n < TM_ARRAY_SIZE(buf); q++)
			buf[n++] = X->red[X->words[q]];
		if (n)
			qsort(buf, n, sizeof(*buf), u32_cmp);
		for (size_t q = 0; q < n; q++)
			if (!q || buf[q] != buf[q - 1]) {
				sum += orph[buf[q]];
				nc += core[buf[q]];
			}
		X->lost_lex[k] = sum * scale;
		X->lost_core[k] = nc;
	}
	return TM_OK;
}

tm_status
tm__lexicon_lost(tm__lexicon *L, tm__side *S, tm__side *T, float wlearned,
                 float wcore, float scale)
{
	float *os = NULL, *ot = NULL;
	uint8_t *cs = NULL, *ct = NULL;
	tm_status st;

	if (!L->n || !S->red || !T->red)
		return TM_OK;
	st = orphans(&os, &cs, L, S, T, true, wlearned, wcore);
	if (st >= 0)
		st = orphans(&ot, &ct, L, T, S, false, wlearned, wcore);
	if (st >= 0)
		st = side_lost_lex(S, os, cs, scale);
	if (st >= 0)
		st = side_lost_lex(T, ot, ct, scale);
	tm__free(os);
	tm__free(ot);
	tm__free(cs);
	tm__free(ct);
	return st;
}
