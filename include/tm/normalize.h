/* SPDX-License-Identifier: MIT */
/**
 * @file normalize.h
 * Matching keys: the one normalization every comparison in libtm goes
 * through (exact match, fuzzy match, concordance, alignment anchors).
 */
#ifndef TM_NORMALIZE_H
#define TM_NORMALIZE_H

#include "tm/common.h"

TM_BEGIN_DECLS

/** Flags for tm_normalize(). */
#define TM_NORM_CASEFOLD 0x1u   /**< full Unicode case folding */
#define TM_NORM_SPACES 0x2u     /**< collapse and trim white space */
#define TM_NORM_PUNCT 0x4u      /**< fold typographic quotes, dashes, ... */
/** What matching keys use: NFC + case fold + spaces + punctuation. */
#define TM_NORM_KEY (TM_NORM_CASEFOLD | TM_NORM_SPACES | TM_NORM_PUNCT)

/**
 * Normalize @p len bytes of UTF-8 @p text: always NFC, then the folds
 * selected by @p flags. With ::TM_NORM_KEY the result is the matching key:
 * `“Hello” — World` and `"hello" - world` give the same key.
 * @param[out] out      Receives the result; caller frees it with tm_free().
 * @param[out] out_len  Receives its length in bytes (may be NULL).
 * @retval TM_EUNICODE  @p text is not valid UTF-8 (message gives the offset)
 * @retval TM_ENOMEM    out of memory
 * @since 0.1
 */
TM_API tm_status tm_normalize(char **out, size_t *out_len, const char *text,
                              size_t len, unsigned int flags);

TM_END_DECLS

#endif /* TM_NORMALIZE_H */
