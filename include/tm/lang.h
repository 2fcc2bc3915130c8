/* SPDX-License-Identifier: MIT */
/**
 * @file lang.h
 * BCP 47 language tags as TMX and the TM use them.
 */
#ifndef TM_LANG_H
#define TM_LANG_H

#include <stdbool.h>

#include "tm/common.h"
#include "tm/db.h"

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

/**
 * Whether @p tag is a language tag a user may give (the `tm` command's
 * -s/-t/-l, tm_lookup(), tm_concord()): BCP 47 syntax (RFC 5646, `_`
 * read as `-`, case ignored) whose primary language subtag is an ISO 639
 * language ICU knows, in its shortest form (`en`, `ko`, `ru`, `kr` for
 * Kanuri, `de-CH`, `sr-Latn`), or `und`, a local-use code (`qaa`-`qtz`)
 * or a private-use tag (`x-...`). `english`, `korean`, `xx` are not
 * (no such language), nor is `eng` (BCP 47 writes it `en`). TMX import
 * does not use this check: it keeps whatever a file says.
 * @retval TM_EINVAL  not such a tag; tm_errmsg() says why, for example
 *                    `lang: 'xx' is not a language tag (...)`
 * @since 0.1
 */
TM_API tm_status tm_lang_validate(const char *tag);

/**
 * Whether @p text (UTF-8, @p len bytes) is written in the script of
 * language @p tag: the script the tag names (`sr-Latn`), else the likely
 * script of its language (ICU's uloc_addLikelySubtags(): `ko` Hangul or
 * Han, `ru` Cyrillic, `en` and `kr` Latin). The text passes when one of
 * its letters is in that script, when it has no letters (numbers,
 * symbols), and when ICU knows no script for the language.
 * @retval TM_EINVAL    @p tag is not a language tag (tm_lang_validate()
 *                      is not applied: any syntactic tag is checked), or
 *                      the text has letters and none in the script:
 *                      `lang: the ko text 'Hello' has no Hangul or Han
 *                      letter`
 * @retval TM_EUNICODE  @p text is not valid UTF-8
 * @since 0.1
 */
TM_API tm_status tm_lang_check_text(const char *tag, const char *text,
                                    size_t len);

/**
 * The languages the TM @p db holds variants in: their primary subtags
 * (`en`, `ko`, `ru`), sorted, read from the candidate index (a few index
 * probes, whatever the TM's size). A language whose every variant was
 * deleted may be listed until the index is next rebuilt.
 * @param[out] out    Receives a NULL-terminated array; caller frees it
 *                    with tm_lang_list_free(). NULL on failure.
 * @param[out] out_count  Receives the number of languages (may be NULL).
 * @retval TM_EDB  the TM cannot be read
 * @since 0.1
 */
TM_API tm_status tm_db_langs(char ***out, size_t *out_count, tm_db *db);

/** Release an array from tm_db_langs(). NULL is a no-op. @since 0.1 */
TM_API void tm_lang_list_free(char **list);

/**
 * Check that @p tag is a language tag (tm_lang_validate()) and that @p db
 * holds variants in its language (its primary subtag, as lookups compare
 * languages). tm_lookup() and tm_concord() make this check themselves;
 * a program exporting or listing by language can make it first.
 * @retval TM_EINVAL     @p tag is not a language tag
 * @retval TM_ENOTFOUND  no variant in that language; tm_errmsg() lists
 *                       those there are: `lang: no units in 'kr'; this TM
 *                       has en, ko, ru` (or `this TM is empty`)
 * @retval TM_EDB        the TM cannot be read
 * @since 0.1
 */
TM_API tm_status tm_db_check_lang(tm_db *db, const char *tag);

TM_END_DECLS

#endif /* TM_LANG_H */
