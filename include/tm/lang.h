/* SPDX-License-Identifier: MIT */
/**
 * @file lang.h
 * BCP 47 language tags as TMX and the TM use them.
 */
#ifndef TM_LANG_H
#define TM_LANG_H

#include <stdbool.h>

#include "tm/common.h"

TM_BEGIN_DECLS

/**
 * Normalize a language tag to BCP 47 case conventions:
 * `EN-us` -> `en-US`, `en_gb` -> `en-GB`, `zh-hant-tw` -> `zh-Hant-TW`.
 * Underscores become hyphens; the tag must look like a language tag
 * (2-8 letter primary subtag, alphanumeric subtags of 1-8 characters).
 * @param[out] out  Receives the normalized tag; caller frees it with tm_free().
 *                  NULL on failure.
 * @retval TM_EINVAL  @p tag is empty or not shaped like a language tag
 * @since 0.1
 */
TM_API tm_status tm_lang_normalize(char **out, const char *tag);

/**
 * Whether the language range @p range matches @p tag (both normalized or
 * not): `en` matches `en`, `en-US` and `en-GB`; `en-US` matches only `en-US`.
 * Comparison ignores case and treats `_` as `-`.
 * @since 0.1
 */
TM_API bool tm_lang_matches(const char *range, const char *tag);

TM_END_DECLS

#endif /* TM_LANG_H */
