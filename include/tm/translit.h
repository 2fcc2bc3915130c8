/* SPDX-License-Identifier: MIT */
/**
 * @file translit.h
 * Transliteration to Latin and cross-script match keys.
 *
 * A ::tm_translit holds opened ICU transliterators (expensive to open):
 * create one per thread and reuse it.
 */
#ifndef TM_TRANSLIT_H
#define TM_TRANSLIT_H

#include "tm/common.h"

TM_BEGIN_DECLS

typedef struct tm_translit tm_translit;

/** Flags for tm_translit_new(). */
#define TM_TRANSLIT_ASCII 0x1u /**< also fold diacritics to plain ASCII */

/**
 * Open a transliterator from @p lang's script to Latin.
 * @param lang  "ko" (Hangul), "ru" (Cyrillic), or NULL for any script
 *              (each run of a script is converted by its own rules).
 * @param[out] out  Receives the handle; caller owns it and releases it with
 *                  tm_translit_free(). NULL on failure.
 * The ICU transliterator is opened on the first tm_translit_text() (keys
 * need none), so a handle used only for keys costs no ICU start-up.
 * @retval TM_EINVAL  unsupported language
 * @retval TM_ENOMEM  out of memory
 * @since 0.1
 */
TM_API tm_status tm_translit_new(tm_translit **out, const char *lang,
                                 unsigned int flags);

/** Release @p tr. NULL is a no-op. @since 0.1 */
TM_API void tm_translit_free(tm_translit *tr);

/**
 * Transliterate @p len bytes of UTF-8 @p text to Latin script: Hangul with
 * ICU's Hangul-Latin (김정은 -> gimjeong-eun), Cyrillic with
 * Russian-Latin/BGN (Ким Чен Ын -> Kim Chen Yn), after NFC. Characters of
 * other scripts are left as they are (with a NULL language, every script is
 * converted). Line breaks and punctuation are kept.
 * @param[out] out  Receives the result; caller frees it with tm_free().
 * @retval TM_EUNICODE  invalid UTF-8 (message gives the byte offset)
 * @retval TM_EINVAL    @p tr or @p out is NULL
 * @retval TM_ERROR     ICU could not open the transliterator (on the
 *                      first call)
 * @since 0.1
 */
TM_API tm_status tm_translit_text(char **out, tm_translit *tr,
                                  const char *text, size_t len);

/**
 * The cross-script match key of a name or phrase: transliterate to Latin,
 * fold case and diacritics, drop hyphens, apostrophes and spaces, and apply
 * the documented spelling folds, so that `Путин`, `푸틴` and `Putin` give
 * comparable keys (all three: `ptn`). The key is a phonetic consonant
 * skeleton in the alphabet `a b d j k l m n p s t` plus digits; vowels are
 * dropped, so Russian case endings mostly vanish (`Путина` = `Путин`).
 * See docs/translit.md for the rules and for what it can and cannot equate
 * (exonyms such as Moscow/Москва never agree).
 *
 * Any script is accepted whatever language @p tr was opened for, and every
 * handle gives the same key for the same text. Latin, Cyrillic and Hangul
 * need no ICU call (a fraction of a microsecond per name); other scripts go
 * through ICU's Any-Latin, opened on first use and kept in @p tr.
 * @param[out] out  Receives the key (ASCII, possibly empty); caller frees it
 *                  with tm_free().
 * @param tr        A handle from tm_translit_new() (not NULL); not to be
 *                  used by two threads at once.
 * @retval TM_EUNICODE  invalid UTF-8
 * @retval TM_EINVAL    @p tr or @p out is NULL
 * @since 0.1
 */
TM_API tm_status tm_translit_key(char **out, tm_translit *tr,
                                 const char *text, size_t len);

/**
 * How alike two keys from tm_translit_key() are, from 0 (nothing in common,
 * or a key is empty) to 1 (equal). A weighted edit distance: the confusions
 * the scripts make cost half (b/p, d/t, s/j, a dropped l, h or initial
 * vowel), and so does each symbol of an ending that only one key has
 * (Путина, 푸틴은 against Putin). Names that agree across scripts but not
 * exactly (Carter, Картер, 카터) score about 0.8; unrelated names under 0.5.
 * Pure function of its arguments: no handle, thread-safe.
 * @since 0.1
 */
TM_API double tm_translit_key_similarity(const char *a, const char *b);

TM_END_DECLS

#endif /* TM_TRANSLIT_H */
