/* SPDX-License-Identifier: MIT */
/* Anchor features of sentences for the aligner: lengths, words, and items
 * a translation keeps (numbers, names, cognates, rare punctuation, words
 * that a dictionary or the first pass pairs). Items of both sides live in
 * one id space: a source item and a target item with the same id match. */
#ifndef TM_ANCHORS_PRIVATE_H
#define TM_ANCHORS_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tm-private.h"

/* One item of a sentence; duplicates are merged with their weights added,
 * and two sentences share min(w_src, w_tgt) of an item. */
typedef struct tm__item {
	uint32_t id;
	float w;
} tm__item;

/* The kind of an item, in the two low bits of its id (the rest is a
 * hash): the translation check weighs numbers and names apart, as a
 * translation keeps nearly all of them and another story almost none. */
#define TM__ITEM_OTHER 0u  /* punctuation, cognates, dictionary pairs */
#define TM__ITEM_NAME 1u   /* cross-script key of a name */
#define TM__ITEM_NUMBER 2u /* a number's value */
#define TM__ITEM_OF(hash, kind) (((uint32_t)(hash) & ~3u) | (kind))
#define TM__ITEM_KIND(id) ((id) & 3u)

/* Interned words of one side: folded text -> dense id. */
typedef struct tm__lex {
	char **words;     /* id -> folded word (owned) */
	uint32_t *hashes; /* id -> hash */
	uint32_t *lens;   /* id -> length in bytes */
	uint32_t count;
	size_t cap;       /* of words, hashes and lens */
	uint32_t *table; /* open addressing, id + 1, 0 = empty */
	uint32_t tcap;   /* power of two */
} tm__lex;

/* Cross-script key of a word (Latin, ASCII, folded), or NULL when there is
 * none; returned string is freed with tm_free(). */
typedef char *(*tm__keyfn)(void *ctx, const char *word, size_t len);

/* The features of one side of a document. */
typedef struct tm__side {
	size_t n;
	/* length in characters (no spaces), per sentence: the letters of
	 * the language's own script (native), and what a translation keeps
	 * one for one (universal: digits, punctuation, Latin letters in a
	 * text of another script); the aligner turns them into one length */
	float *len;         /* native */
	float *ulen;        /* universal */
	unsigned *para;     /* paragraph number per sentence */
	size_t *word_off;   /* n + 1 offsets into words */
	uint32_t *words;    /* lexicon ids */
	size_t *base_off;   /* n + 1 offsets into base */
	tm__item *base;     /* numbers, names, punctuation: fixed */
	/* cross-script keys of the other words (Latin or Cyrillic, five
	 * letters or more): loanwords and international words (minister,
	 * министр; hurricane, 허리케인) that a translation keeps. In the items
	 * only when with_wkeys is set: the translation check was fitted
	 * without them */
	size_t *wkey_off;   /* n + 1 offsets into wkeys */
	tm__item *wkeys;
	bool with_wkeys;
	size_t *item_off;   /* n + 1 offsets into items */
	tm__item *items;    /* base + dictionary items, sorted by id */
	float *weight;      /* total item weight per sentence */
	/* per sentence: the weight of its numbers that occur nowhere in
	 * the other document (dropped from its items): what a sentence the
	 * translation left out has, and a translated one rarely (names are
	 * not counted: a Korean word's key often misses its English name,
	 * docs/alignment.md) */
	float *lost;
	/* per sentence, with a lexicon: the weight of its words that have
	 * translations in the lexicon none of which occurs in the other
	 * document (added to lost; NULL: none) */
	float *lost_lex;
	/* per sentence, with the core lexicon: how many distinct words it
	 * has whose core lexicon partners all lack in the other document
	 * (NULL: none) */
	float *lost_core;
	/* items of two and three consecutive sentences (entry i starts at
	 * sentence i), merged, so a 2-1 or 3-1 link is scored exactly */
	size_t *off2, *off3;
	tm__item *items2, *items3;
	tm__lex lex;
	/* reduced forms (stems, a Korean word less its particle) of the
	 * lexicon's words: red[lexicon id] is an id of rlex. NULL until
	 * tm__side_reduce(); word pairs (dictionary, lexicon, learned) are
	 * then by reduced ids, so that inflected forms meet */
	uint32_t *red;
	tm__lex rlex;
	uint8_t *word_cap;  /* per lexicon id: seen capitalized (a name?) */
	/* per sentence: the items of its words that a core lexicon pair
	 * (TM__WPAIR_CORE) pairs with a word of the other document (one id
	 * per pair, as in items), and how many distinct such words it has
	 * (its known words); empty without core pairs */
	size_t *known_off;
	tm__item *known_items;
	float *known;
	/* a sentence has a known word or a lost_core one (set with the
	 * items) */
	bool core_words;
	/* per sentence, set by the aligner (NULL: none): the sentence ends
	 * on a comma, a semicolon, a colon or a dash and the next one of its
	 * paragraph goes on with it (one sentence given as two lines) */
	uint8_t *cont;
	/* source side, set by the aligner (NULL: none): what the core
	 * lexicon says of each sentence's words (align-split.c), for the
	 * merged links a dropped sentence was absorbed into; owned */
	struct tm__split_ev *split_ev;
} tm__side;

/* How a side builds its items. */
typedef struct tm__side_opts {
	const char *lang;
	bool cross_script; /* the other side writes another script */
	bool latin;        /* the language writes Latin script */
	/* the other language writes a name of several words as one (Korean
	 * 김정은 for Kim Jong-un): key runs of capitalised words too */
	bool join_names;
	tm__keyfn key;     /* cross-script keys of names, may be NULL */
	void *key_ctx;
	bool word_keys;    /* with key: the keys of other words too (wkeys) */
} tm__side_opts;

/* Build @out from @n sentences (texts and lengths in bytes, paragraphs). */
tm_status tm__side_build(tm__side *out, const char *const *texts,
                         const size_t *lens, const unsigned *paras, size_t n,
                         const tm__side_opts *opts);
void tm__side_dispose(tm__side *s);

uint32_t tm__lex_find(const tm__lex *lex, const char *w, size_t len);
uint32_t tm__lex_intern(tm__lex *lex, const char *w, size_t len);
#define TM__LEX_NONE UINT32_MAX
void tm__lex_dispose(tm__lex *lex);

/* Fold one word for matching: lower case, Latin diacritics dropped, ё->е.
 * Writes at most @cap - 1 bytes and a NUL to @out; returns the length. */
size_t tm__fold_word(char *out, size_t cap, const char *w, size_t len);

/* The next word of @text from byte *@pos, as the side's lexicon holds it
 * (tm__fold_word(); words of digits only are skipped: numbers are items
 * of their own): its folded form in @fold (at most @cap - 1 bytes and a
 * NUL) and its length; 0 at the end. *@pos moves past it. */
size_t tm__next_word(const char *text, size_t len, size_t *pos, char *fold,
                     size_t cap);

/* The lexicon id's reduced class when the side has reduced forms. */
static inline uint32_t
tm__side_word(const tm__side *s, uint32_t lexid)
{
	return s->red ? s->red[lexid] : lexid;
}

/* A translation pair of words, by lexicon ids, with its weight. */
typedef struct tm__wpair {
	uint32_t src, tgt;
	float w;
	/* where the pair comes from: TM__WPAIR_* */
	uint8_t from;
} tm__wpair;

/* A word pair learned from the story's own links (the second pass), or
 * given as written (a dictionary, for the translation check) */
#define TM__WPAIR_OTHER 0
/* a pair of the aligner's lexicon: learned from other stories or a TM,
 * or a dictionary's: its words meeting in a link is evidence */
#define TM__WPAIR_LEXICON 1
/* a pair of the built-in core lexicon (align-core.c): its words are the
 * sentences' known words (tm__side.known) */
#define TM__WPAIR_CORE 2

/* Rebuild the items of both sides: base items plus one shared item per
 * pair in @pairs (a target word may carry several). */
tm_status tm__sides_set_pairs(tm__side *src, tm__side *tgt,
                              const tm__wpair *pairs, size_t npairs);

/* Items of @n (1..3) consecutive sentences from @first: array and count. */
const tm__item *tm__side_span(const tm__side *s, size_t first, unsigned n,
                              size_t *count);

/* Weight two sentences share: sum over common ids of min(w). */
float tm__items_shared(const tm__item *a, size_t na, const tm__item *b,
                       size_t nb);

#endif
