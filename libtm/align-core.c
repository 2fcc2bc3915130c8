/* SPDX-License-Identifier: MIT */
/* The built-in core lexicon: a few thousand word pairs of the frequent
 * content words of news, written by hand for en-ko and en-ru
 * (data/lexicon-<src>-<tgt>.tsv, compiled in by data/gen-lexicon.py with
 * their words already reduced as the aligner reduces a document's). A
 * story aligned alone has no other source of word pairs: its sentences
 * without numbers or names are told apart by length only (a dropped
 * sentence is absorbed into a neighbour's link), and the translation
 * check has nothing lexical to weigh in a short excerpt. Nothing is
 * loaded up front (a one-sentence call must stay cheap): for each document
 * the aligner looks its reduced words up in the sorted table and adds the
 * pairs it meets to its lexicon as TM__LEX_CORE entries
 * (tm__core_load_forms()); a Korean word is reduced to the longest word
 * start the table lists (`발표` for `발표했다`, `발표하고`: the reducer,
 * align-lex.c). See docs/alignment.md, "Lexicon". */
#include "align-private.h"
#include "array-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The primary subtag of @lang, lower case, into @out (at most 8). */
static void
primary(char out[9], const char *lang)
{
	size_t n = 0;

	while (lang[n] && lang[n] != '-' && lang[n] != '_' && n < 8) {
		out[n] = (char)(lang[n] | 0x20);
		n++;
	}
	out[n] = '\0';
}

static const tm__core_table *
table_of(const char *src, const char *tgt)
{
	for (size_t i = 0; i < tm__core_table_count; i++) {
		const tm__core_table *t = &tm__core_tables[i];

		if (t->n && strcmp(t->src, src) == 0 && strcmp(t->tgt, tgt) == 0)
			return t;
	}
	return NULL;
}

bool
tm__core_find(tm__core_ref *out, const char *src_lang, const char *tgt_lang)
{
	char s[9], t[9];

	memset(out, 0, sizeof(*out));
	if (!src_lang || !tgt_lang)
		return false;
	primary(s, src_lang);
	primary(t, tgt_lang);
	if ((out->t = table_of(s, t)) != NULL)
		return true;
	if ((out->t = table_of(t, s)) != NULL) {
		out->reversed = true;
		return true;
	}
	/* through English: the Korean and the Russian of one English word
	 * (the table is built Korean to Russian, or the first to the second
	 * in byte order) */
	if (strcmp(s, "en") != 0 && strcmp(t, "en") != 0 &&
	    table_of("en", s) && table_of("en", t)) {
		out->reversed = strcmp(s, t) > 0;
		out->via[0] = table_of("en", out->reversed ? t : s);
		out->via[1] = table_of("en", out->reversed ? s : t);
		return true;
	}
	return false;
}

/* A pair of the table through English: its two words and where it
 * sorts. */
typedef struct pivot_pair {
	const char *a, *b;
	uint32_t i;
} pivot_pair;

static int
pivot_ab_cmp(const void *x, const void *y)
{
	const pivot_pair *p = x, *q = y;
	int c = strcmp(p->a, q->a);

	return c ? c : strcmp(p->b, q->b);
}

static int
pivot_ba_cmp(const void *x, const void *y)
{
	const pivot_pair *p = x, *q = y;
	int c = strcmp(p->b, q->b);

	return c ? c : strcmp(p->a, q->a);
}

/* The English word of the @k-th pair of @t and its translation. */
#define EN(t, k) ((t)->text + (t)->pairs[k].src)
#define TR(t, k) ((t)->text + (t)->pairs[k].tgt)

/* Translations of one English word taken through it, at most, a side
 * (every pairing of a word's senses: the composed ko-ru gold of the
 * samples, strict F1 0.711 without the table, 0.727 with one a side,
 * 0.730 with two, 0.742 with all, four at most in the files) */
#define PIVOT_PER_WORD 4

tm_status
tm__core_pivot(tm__core_ref *ref)
{
	const tm__core_table *A = ref->via[0], *B = ref->via[1];
	pivot_pair *v = NULL;
	size_t n = 0, cap = 0, i = 0, j = 0, size = 0, o = 0;
	tm__core_table *T = NULL;
	tm__core_pair *pairs = NULL;
	uint32_t *by = NULL;
	char *text = NULL;

	if (ref->t || !A || !B)
		return TM_OK;
	while (i < A->n && j < B->n) {
		int c = strcmp(EN(A, i), EN(B, j));
		size_t ie = i, je = j;

		if (c) {
			if (c < 0)
				i++;
			else
				j++;
			continue;
		}
		while (ie < A->n && strcmp(EN(A, ie), EN(A, i)) == 0)
			ie++;
		while (je < B->n && strcmp(EN(B, je), EN(B, j)) == 0)
			je++;
		for (size_t p = i; p < ie && p < i + PIVOT_PER_WORD; p++)
			for (size_t q = j; q < je && q < j + PIVOT_PER_WORD;
			     q++) {
				if (!TM__ARRAY_GROW(v, cap, n + 1, 1024))
					goto oom;
				v[n].a = TR(A, p);
				v[n].b = TR(B, q);
				n++;
			}
		i = ie;
		j = je;
	}
	if (n)
		qsort(v, n, sizeof(*v), pivot_ab_cmp);
	for (size_t k = 0; k < n; k++) /* unique pairs */
		if (!o || pivot_ab_cmp(&v[o - 1], &v[k]) != 0)
			v[o++] = v[k];
	n = o;
	for (size_t k = 0; k < n; k++)
		size += strlen(v[k].a) + strlen(v[k].b) + 2;
	T = tm__calloc(1, sizeof(*T));
	pairs = tm__malloc((n ? n : 1) * sizeof(*pairs));
	by = tm__malloc((n ? n : 1) * sizeof(*by));
	text = tm__malloc(size ? size : 1);
	if (!T || !pairs || !by || !text)
		goto oom;
	o = 0;
	for (size_t k = 0; k < n; k++) {
		size_t la = strlen(v[k].a) + 1, lb = strlen(v[k].b) + 1;

		pairs[k].src = (uint32_t)o;
		memcpy(text + o, v[k].a, la);
		o += la;
		pairs[k].tgt = (uint32_t)o;
		memcpy(text + o, v[k].b, lb);
		o += lb;
		v[k].i = (uint32_t)k;
	}
	if (n)
		qsort(v, n, sizeof(*v), pivot_ba_cmp);
	for (size_t k = 0; k < n; k++)
		by[k] = v[k].i;
	T->src = A->tgt;
	T->tgt = B->tgt;
	T->text = text;
	T->pairs = pairs;
	T->by_tgt = by;
	T->n = n;
	ref->built = T;
	ref->t = T;
	tm__free(v);
	return TM_OK;
oom:
	tm__free(v);
	tm__free(T);
	tm__free(pairs);
	tm__free(by);
	tm__free(text);
	return tm__error_oom();
}

void
tm__core_dispose(tm__core_ref *ref)
{
	if (ref->built) {
		tm__free((char *)ref->built->text);
		tm__free((tm__core_pair *)ref->built->pairs);
		tm__free((uint32_t *)ref->built->by_tgt);
		tm__free(ref->built);
	}
	memset(ref, 0, sizeof(*ref));
}

/* The form of the @k-th pair in column @col's order. */
static const char *
col_form(const tm__core_table *t, int col, size_t k)
{
	return t->text + (col ? t->pairs[t->by_tgt[k]].tgt : t->pairs[k].src);
}

/* Compare the form @f with the @len bytes of @w, as strcmp() would
 * compare @f with them NUL-terminated. */
static int
form_cmp(const char *f, const char *w, size_t len)
{
	int c = strncmp(f, w, len);

	if (c)
		return c;
	return f[len] ? 1 : 0;
}

/* The positions [*lo, *hi) of column @col holding @w. */
static void
col_range(const tm__core_table *t, int col, const char *w, size_t len,
          size_t *lo, size_t *hi)
{
	size_t a = 0, b = t->n;

	while (a < b) { /* first position not below @w */
		size_t m = a + (b - a) / 2;

		if (form_cmp(col_form(t, col, m), w, len) < 0)
			a = m + 1;
		else
			b = m;
	}
	*lo = a;
	while (a < t->n && form_cmp(col_form(t, col, a), w, len) == 0)
		a++;
	*hi = a;
}

void
tm__core_range(const tm__core_table *t, int col, const char *w, size_t len,
               size_t *lo, size_t *hi)
{
	col_range(t, col, w, len, lo, hi);
}

const char *
tm__core_partner(const tm__core_table *t, int col, size_t k)
{
	const tm__core_pair *p = &t->pairs[col ? t->by_tgt[k] : k];

	return t->text + (col ? p->src : p->tgt);
}

bool
tm__core_has(const tm__core_table *t, int col, const char *w, size_t len)
{
	size_t lo, hi;

	col_range(t, col, w, len, &lo, &hi);
	return hi > lo;
}

/* Add the pairs [@lo, @hi) of column @col's order to @L with the aligner's
 * source and target words; @form (@len bytes) stands for the word of
 * column @col when not NULL (a German compound met by a part). */
static tm_status
add_range(tm__lexicon *L, uint8_t *loaded, const tm__core_ref *ref, int col,
          size_t lo, size_t hi, const char *form, size_t len)
{
	const tm__core_table *t = ref->t;

	for (size_t k = lo; k < hi; k++) {
		size_t i = col ? t->by_tgt[k] : k;
		const tm__core_pair *p = &t->pairs[i];
		const char *s = t->text + (ref->reversed ? p->tgt : p->src);
		const char *g = t->text + (ref->reversed ? p->src : p->tgt);
		size_t sl = strlen(s), gl = strlen(g);
		tm_status st;

		if (form) {
			/* the compound's own pair: the part's flag stays
			 * for the part itself */
			if (col ^ (int)ref->reversed) {
				g = form;
				gl = len;
			} else {
				s = form;
				sl = len;
			}
		} else {
			if (loaded[i])
				continue;
			loaded[i] = 1;
		}
		st = tm__lexicon_add_reduced(L, s, sl, g, gl, 1.0f,
		                             TM__LEX_CORE);
		if (st < 0)
			return st;
	}
	return TM_OK;
}

/* A German word's parts the table may know (compounds: Gipfelmannschaft
 * by Mannschaft, Gletscherspalte by Spalte and Gletscher): its longest
 * end of CPD_PART bytes or more leaving CPD_REST before it, and its
 * longest start of CPD_PART bytes or more leaving CPD_REST after it. */
#define CPD_PART 4
#define CPD_REST 3

static bool
char_start(const char *w, size_t i)
{
	return ((unsigned char)w[i] & 0xc0) != 0x80;
}

static tm_status
load_compound(tm__lexicon *L, uint8_t *loaded, const tm__core_ref *ref,
              int col, const char *w, size_t len)
{
	const tm__core_table *t = ref->t;
	size_t lo, hi;
	tm_status st;

	if (len < CPD_PART + CPD_REST)
		return TM_OK;
#ifdef TM_ALIGN_TUNING
	if (getenv("TM_ALIGN_TUNE_NO_CPD"))
		return TM_OK;
#endif
	for (size_t i = CPD_REST; i + CPD_PART <= len; i++) {
		if (!char_start(w, i))
			continue;
		col_range(t, col, w + i, len - i, &lo, &hi);
		if (hi > lo) {
			st = add_range(L, loaded, ref, col, lo, hi, w, len);
			if (st < 0)
				return st;
			break;
		}
	}
	for (size_t n = len - CPD_REST; n >= CPD_PART; n--) {
		if (!char_start(w, n))
			continue;
		col_range(t, col, w, n, &lo, &hi);
		if (hi > lo)
			return add_range(L, loaded, ref, col, lo, hi, w, len);
	}
	return TM_OK;
}

/* Whether column @col of @ref's table is German's. */
static bool
german_col(const tm__core_ref *ref, int col)
{
	const tm__core_table *t = ref->t;

	return strcmp(col ? t->tgt : t->src, "de") == 0;
}

tm_status
tm__core_load_forms(tm__lexicon *L, uint8_t *loaded, const tm__core_ref *ref,
                    const tm__lex *rlex, int side)
{
	const tm__core_table *t = ref->t;
	int col = side ^ (int)ref->reversed;
	bool german;

	if (!t)
		return TM_OK;
	german = german_col(ref, col);
	for (uint32_t r = 0; r < rlex->count; r++) {
		size_t lo, hi;
		tm_status st;

		col_range(t, col, rlex->words[r], rlex->lens[r], &lo, &hi);
		if (hi > lo)
			st = add_range(L, loaded, ref, col, lo, hi, NULL, 0);
		else if (german)
			st = load_compound(L, loaded, ref, col, rlex->words[r],
			                   rlex->lens[r]);
		else
			st = TM_OK;
		if (st < 0)
			return st;
	}
	return TM_OK;
}

/* Whether @a and @b are, by primary subtag, @x and @y in either order. */
static bool
pair_is(const char *a, const char *b, const char *x, const char *y)
{
	char s[9], t[9];

	primary(s, a);
	primary(t, b);
	return (strcmp(s, x) == 0 && strcmp(t, y) == 0) ||
	       (strcmp(s, y) == 0 && strcmp(t, x) == 0);
}

void
tm__core_params(tm__align_params *ap, const char *src_lang,
                const char *tgt_lang)
{
	if (!src_lang || !tgt_lang)
		return;
	if (pair_is(src_lang, tgt_lang, "de", "fr")) {
		/* Bleualign's de-fr dev set (docs/alignment.md, "de-fr core
		 * lexicon"): its translations condense and split sentences but
		 * seldom drop one, so what keeps a dropped news sentence apart
		 * (a listed word untranslated is lost weight, a link sharing
		 * none of its listed words costs more, a sentence split off a
		 * merge on that evidence) left short sentences alone that the
		 * gold merges (dev strict F1 single 0.895 with the three
		 * off, 0.891 with lexcore, 0.887 with droplex; wnomatch
		 * changes no link there and cost a sixth of the dev pair's
		 * time) */
		ap->lexcore = 0;
		ap->droplex = 0;
		ap->wnomatch = 0;
		/* its pairs weigh a little more than a news dictionary's
		 * (dev 0.891 / 0.900 single / batch at 1, 0.895 / 0.903 at
		 * 1.25, the same from 1.25 to 1.5), and the story's learned
		 * pairs lose the share of chance as without a core lexicon
		 * (TM__ALIGN_LEARN_CHANCE: the frequent words they would
		 * kill mattered for dropped news sentences) */
		ap->wcore = 1.25;
		ap->chance_core = TM__ALIGN_LEARN_CHANCE;
		/* a story alone learns from itself as a batch does
		 * (align-self.c) */
		ap->selflearn = 1;
	}
#ifdef TM_ALIGN_TUNING
	{
		const char *e = getenv("TM_ALIGN_TUNE_CORE");

		if (e)
			sscanf(e, "%lf,%lf,%lf,%lf,%lf,%lf", &ap->wcore,
			       &ap->lexcore, &ap->wnomatch, &ap->chance_core,
			       &ap->droplex, &ap->selflearn);
	}
#endif
}
