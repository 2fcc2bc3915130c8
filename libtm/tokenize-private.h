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

/* Tokenize @len bytes of UTF-8 @s (a matching key or plain text),
 * replacing the contents of @out. Ill-formed bytes separate tokens. */
tm_status tm__tokenize(tm__toks *out, const char *s, size_t len);
void tm__toks_dispose(tm__toks *t);

#endif
