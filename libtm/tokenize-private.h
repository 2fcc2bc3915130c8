/* SPDX-License-Identifier: MIT */
/* Match tokens: the units the fuzzy score counts edits in (docs/scores.md).
 * tokenize.c is on the ICU side of the wall (character properties); the
 * index, the matcher and the concordance call it and never see ICU. */
#ifndef TM_TOKENIZE_PRIVATE_H
#define TM_TOKENIZE_PRIVATE_H

#include "tm-private.h"

typedef enum tm__tok_kind {
	TM__TOK_WORD = 0, /* run of letters, marks and digits: "putin", "g7" */
	TM__TOK_NUM,      /* digits with inner . or , : "2022", "3.5", "3,5" */
	TM__TOK_CHAR,     /* one Hangul syllable, Han ideograph or kana */
	TM__TOK_SYM       /* one symbol character: "%", "$", "€" */
} tm__tok_kind;

typedef struct tm__tok {
	uint32_t off;  /* byte offset in the text */
	uint32_t len;  /* byte length */
	uint8_t kind;  /* tm__tok_kind */
	uint8_t joined; /* no separator between this token and the one
	                   before (syllables of one Korean word) */
} tm__tok;

/* A growable token array. Zero-initialise; dispose with tm__toks_dispose. */
typedef struct tm__toks {
	tm__tok *v;
	size_t n;
	size_t cap;
} tm__toks;

/* A cross-script word: a maximal run of word and syllable tokens with no
 * separator between them, so a Korean word keeps its particles (평양에서)
 * and "Jong-un" is two words. Numbers and symbols end a word. */
typedef struct tm__xword {
	uint32_t off, len; /* bytes of the text */
	uint32_t tok, ntok; /* its tokens */
} tm__xword;

/* The first cross-script word of @t at or after token @i, into @w; returns
 * the token after it, or t->n with w->ntok = 0 when there is none. */
size_t tm__xword_next(const tm__toks *t, size_t i, tm__xword *w);

/* Words longer than this get no transliteration key term (no name is). */
#define TM__XKEY_MAX_WORD 64
/* First byte of a transliteration key term: "~ptn". Language tags never
 * contain it, so key terms never collide with "<lang>:<token>" terms. */
#define TM__XKEY_MARK '~'

/* The index term of the transliteration key (tm_translit_key()) of the
 * @len bytes at @s into @term: "~" and the key. term->len is 0 when the
 * word gets no term (longer than TM__XKEY_MAX_WORD, or a key of fewer
 * than 2 symbols: too common to be worth a posting list). */
tm_status tm__xkey_term(tm__buf *term, tm_translit *tr, const char *s,
                        size_t len);

/* Tokenize @len bytes of UTF-8 @s (a matching key or plain text),
 * replacing the contents of @out. Ill-formed bytes separate tokens. */
tm_status tm__tokenize(tm__toks *out, const char *s, size_t len);
void tm__toks_dispose(tm__toks *t);

#endif
