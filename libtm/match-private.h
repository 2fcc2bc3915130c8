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

#endif
