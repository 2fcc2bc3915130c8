/* SPDX-License-Identifier: MIT */
/* Word stems, for the concordance to find the inflected forms of a word
 * (Путин: Путина, Путину, Путиным; bank: banks) and for the cross-script
 * concordance to compare a word without its ending. A wrapper of the
 * Snowball stemmers (libstemmer): stem.c is the only file that includes
 * libstemmer.h. A well-kept library of stemmers written by linguists
 * beats a hand-written suffix list, and it covers every language
 * Snowball has (en, ru, de, fr, ...); Korean has none (its particles are
 * separate syllable tokens, see docs/scores.md). */
#ifndef TM_STEM_PRIVATE_H
#define TM_STEM_PRIVATE_H

#include "tm-private.h"

/* The stemmers of one thread, one per language, each created on first
 * use (a few allocations; reused for every word after). Not to be shared
 * between threads: a stemmer keeps the last word's stem in itself. */
typedef struct tm__stems tm__stems;

/* One language's stemmer, borrowed from its tm__stems. */
typedef struct tm__stemmer tm__stemmer;

/* An empty set into *@out (free with tm__stems_free()). TM_ENOMEM. */
tm_status tm__stems_new(tm__stems **out);
void tm__stems_free(tm__stems *s);

/* The stemmer of language @lang_base ("en", "ru": a primary subtag, lower
 * case) into *@out, created on first use; NULL when Snowball has none for
 * it (Korean). TM_ENOMEM. */
tm_status tm__stems_get(tm__stemmer **out, tm__stems *s,
                        const char *lang_base);

/* The stem of @word (@len bytes of a case-folded match token, as the
 * keys hold them) into *@out and *@outlen: borrowed from @st, valid
 * until its next call. A word the stemmer leaves alone is its own stem.
 * TM_ENOMEM. */
tm_status tm__stem(const char **out, size_t *outlen, tm__stemmer *st,
                   const char *word, size_t len);

#endif
