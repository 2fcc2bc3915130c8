/* SPDX-License-Identifier: MIT */
/* Pieces of the matcher shared with concord.c and the white-box tests. */
#ifndef TM_MATCH_PRIVATE_H
#define TM_MATCH_PRIVATE_H

#include "tm-private.h"
#include "tokenize-private.h"

/* The matching key of @text (tm_normalize() with TM_NORM_KEY). */
tm_status tm__match_key(char **out, size_t *out_len, const char *text);

/* The primary subtag of @tag, lower case ("en-US" -> "en"), into @out. */
tm_status tm__lang_base(char out[16], const char *tag);

/* Levenshtein distance between token-hash sequences @a and @b, or @k + 1
 * when it exceeds @k (banded, O((n + m) k)). */
size_t tm__edit_distance(const uint64_t *a, size_t n, const uint64_t *b,
                         size_t m, size_t k);

uint64_t tm__tok_hash(const char *s, size_t len);

/* The similarity of docs/scores.md for a distance @d between sequences of
 * @n and @m tokens. */
double tm__similarity(size_t d, size_t n, size_t m);

/* --- match-langs.c --- */

/* TM_OK when the TM holds variants whose primary subtags are each of the
 * @n @bases (of the tags @tags, for the message); else TM_ENOTFOUND for
 * the first missing, "lang: no units in 'kr'; this TM has en, ko, ru".
 * The index must be current (tm__db_index()). */
tm_status tm__db_require_langs(tm_db *db, const char *const *tags,
                               const char *const *bases, size_t n);

/* --- match-pivot.c --- */

/* Finds translations through a third language; prepared once a lookup. */
typedef struct tm__pivot tm__pivot;

/* One translation through a pivot: the unit @tu and variant @tuv giving
 * the translation @text, linked by the variant of language @via_lang and
 * text @via_text that both units hold (equal keys). Strings malloc()ed;
 * release with tm__pivot_hit_dispose(). */
typedef struct tm__pivot_hit {
	long long tu, tuv;
	char *via_lang, *via_text, *text, *lang;
} tm__pivot_hit;

tm_status tm__pivot_open(tm__pivot **out, tm_db *db);
void tm__pivot_free(tm__pivot *p);
void tm__pivot_hit_dispose(tm__pivot_hit *h);

/* The translations into @tgt (a primary subtag) of unit @tu, which has
 * none, through its variants in languages other than @from and @tgt:
 * up to @max into @out, oldest first; *@n of them. */
tm_status tm__pivot_find(tm__pivot_hit *out, size_t max, size_t *n,
                         tm__pivot *p, long long tu, const char *from,
                         const char *tgt);

#endif
