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
	return false;
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

bool
tm__core_has(const tm__core_table *t, int col, const char *w, size_t len)
{
	size_t lo, hi;

	col_range(t, col, w, len, &lo, &hi);
	return hi > lo;
}

tm_status
tm__core_load_forms(tm__lexicon *L, uint8_t *loaded, const tm__core_ref *ref,
                    const tm__lex *rlex, int side)
{
	const tm__core_table *t = ref->t;
	int col = side ^ (int)ref->reversed;

	if (!t)
		return TM_OK;
	for (uint32_t r = 0; r < rlex->count; r++) {
		size_t lo, hi;

		col_range(t, col, rlex->words[r], rlex->lens[r], &lo, &hi);
		for (size_t k = lo; k < hi; k++) {
			size_t i = col ? t->by_tgt[k] : k;
			const tm__core_pair *p = &t->pairs[i];
			const char *s = t->text + (ref->reversed ? p->tgt : p->src);
			const char *g = t->text + (ref->reversed ? p->src : p->tgt);
			tm_status st;

			if (loaded[i])
				continue;
			loaded[i] = 1;
			st = tm__lexicon_add_reduced(L, s, strlen(s), g,
			                             strlen(g), 1.0f,
			                             TM__LEX_CORE);
			if (st < 0)
				return st;
		}
	}
	return TM_OK;
}
