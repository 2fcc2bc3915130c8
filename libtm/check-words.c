/* SPDX-License-Identifier: MIT */
/* The core lexicon's word evidence on one sentence pair, for tm check's
 * loose translations (check.c, loose_pair()): a source sentence left
 * alone beside a lone target sentence is read as translated loosely only
 * when the words of the two say so. The aligner weighs the same words over
 * a whole document (align-core.c, align-judge.c) and left these two apart:
 * what it saw was too little to link them, not nothing. Here the two
 * sentences are reduced as the aligner reduces them (a Snowball stem, a
 * Korean word to its longest start the core lexicon lists) and each word
 * the lexicon lists is looked for among the other sentence's words by its
 * listed translations, or a word derived from one: a loose translation
 * says `дружеских отношений` for `friendship` (the lexicon lists `дружба`),
 * `засушливый` for `drought` (`засуха`), `солнечных` for `sun`. */
#include "check-private.h"
#include "align-private.h"
#include "stem-private.h"

#include <string.h>

/* The most words of one sentence looked at, and the bytes of their
 * reduced forms. */
#define WORDS_MAX 128
#define WORDS_BUF 4096

/* A listed translation of DERIVED_MIN characters or more meets a word
 * that starts with all of it but its last character, and with at least
 * DERIVED_MIN (`дружб`, `дружеск`: a derived word, its stem cut by
 * Snowball elsewhere); not a Korean one, which the reducer takes to the
 * longest start the lexicon lists already. With 5, one of the four loose
 * pairs of eval-check.py's correct en-ru documents (part 0) met nothing;
 * with 3, a replaced sentence met one by chance (docs/check.md). */
#define DERIVED_MIN 4

/* The distinct reduced forms of one sentence, NUL-terminated in buf. */
typedef struct forms {
	char buf[WORDS_BUF];
	size_t off[WORDS_MAX], len[WORDS_MAX], n, used;
} forms;

struct tm__ckwords {
	tm__stems *stems;
	tm__reducer red[2];
	tm__core_ref core;
	bool ready; /* the pair has its own table and its reducers */
};

void
tm__ckwords_free(tm__ckwords *w)
{
	if (!w)
		return;
	tm__core_dispose(&w->core);
	tm__stems_free(w->stems);
	tm__free(w);
}

/* The checker's words, made on first need; NULL when out of memory. Not
 * ready for a pair without a core lexicon of its own. Korean to Russian
 * reads its own table merged with the one through English, as the aligner
 * does (tm__core_pivot(); chance measured in docs/check.md). */
static tm__ckwords *
ckwords(tm_checker *ck)
{
	tm__ckwords *w = ck->words;

	if (w)
		return w;
	if (!(w = tm__calloc(1, sizeof(*w))))
		return NULL;
	ck->words = w;
	if (!tm__core_find(&w->core, ck->src_lang, ck->tgt_lang) ||
	    !w->core.t || tm__core_pivot(&w->core) < 0)
		return w;
	if (tm__stems_new(&w->stems) < 0 ||
	    tm__reducer_init(&w->red[0], w->stems, ck->src_lang) < 0 ||
	    tm__reducer_init(&w->red[1], w->stems, ck->tgt_lang) < 0)
		return w;
	for (int x = 0; x < 2; x++)
		tm__reducer_use_core(&w->red[x], &w->core, x);
	w->ready = true;
	return w;
}

/* The reduced forms of @len bytes of @text by @r, each once, into @f. */
static void
read_forms(forms *f, tm__reducer *r, const char *text, size_t len)
{
	char fold[256], red[256];
	size_t pos = 0, fl;

	f->n = f->used = 0;
	while (f->n < WORDS_MAX &&
	       (fl = tm__next_word(text, len, &pos, fold, sizeof(fold)))) {
		size_t rl = tm__reduce(r, fold, fl, red, sizeof(red)), k;

		if (!rl || f->used + rl + 1 > WORDS_BUF)
			continue;
		for (k = 0; k < f->n; k++)
			if (f->len[k] == rl &&
			    memcmp(f->buf + f->off[k], red, rl) == 0)
				break;
		if (k < f->n)
			continue;
		memcpy(f->buf + f->used, red, rl + 1);
		f->off[f->n] = f->used;
		f->len[f->n++] = rl;
		f->used += rl + 1;
	}
}

/* Characters of the longest common start of @a and @b (whole ones). */
static size_t
common_start(const char *a, size_t al, const char *b, size_t bl)
{
	size_t i = 0, last = 0;

	while (i < al && i < bl && a[i] == b[i]) {
		i++;
		if (i == al || i == bl || ((unsigned char)a[i] & 0xC0) != 0x80)
			last = i;
	}
	return tm__utf8_chars(a, last);
}

/* Whether @f holds the form @g, or a word derived from it (DERIVED_MIN). */
static bool
meets(const forms *f, const char *g)
{
	size_t gl = strlen(g), gc = tm__utf8_chars(g, gl);
	bool hangul = gl && (unsigned char)g[0] >= 0xEA &&
	              (unsigned char)g[0] <= 0xED;

	for (size_t k = 0; k < f->n; k++) {
		const char *w = f->buf + f->off[k];
		size_t c;

		if (f->len[k] == gl && memcmp(w, g, gl) == 0)
			return true;
		if (hangul || gc < DERIVED_MIN)
			continue;
		c = common_start(w, f->len[k], g, gl);
		if (c >= DERIVED_MIN && c + 1 >= gc)
			return true;
	}
	return false;
}

/* How many of the forms @a of side @x the core lexicon lists with a
 * translation among @b (meets()). */
static unsigned
count_side(const tm__ckwords *w, int x, const forms *a, const forms *b)
{
	const tm__core_table *t = w->core.t;
	int col = x ^ (int)w->core.reversed;
	unsigned hit = 0;

	for (size_t k = 0; k < a->n; k++) {
		size_t lo, hi;
		bool found = false;

		tm__core_range(t, col, a->buf + a->off[k], a->len[k], &lo, &hi);
		for (size_t q = lo; q < hi && !found; q++)
			found = meets(b, tm__core_partner(t, col, q));
		hit += found;
	}
	return hit;
}

int
tm__check_words_shared(tm_checker *ck, const char *a, size_t alen,
                       const char *b, size_t blen)
{
	tm__ckwords *w = ckwords(ck);
	forms *f;
	unsigned hit;

	if (!w || !w->ready || !(f = tm__malloc(2 * sizeof(*f))))
		return -1;
	read_forms(&f[0], &w->red[0], a, alen);
	read_forms(&f[1], &w->red[1], b, blen);
	hit = count_side(w, 0, &f[0], &f[1]) + count_side(w, 1, &f[1], &f[0]);
	tm__free(f);
	return (int)hit;
}
