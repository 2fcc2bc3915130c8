/* SPDX-License-Identifier: MIT */
/* Numbers as values: "3억" = "300 million" = "300 млн" = 3e8, "3,5" in
 * Russian = "3.5" in English, "16개월" = "16-month" = 16. Used by the
 * aligner's anchors; no ICU, plain UTF-8 scanning. */
#ifndef TM_NUMBERS_PRIVATE_H
#define TM_NUMBERS_PRIVATE_H

#include <stddef.h>

/* Which decimal mark a language writes. */
typedef enum tm__numstyle {
	TM__NUM_DOT = 0, /* en, ko: 3.5 and 3,500 */
	TM__NUM_COMMA    /* ru, de, fr...: 3,5 and 3 500 / 3.500 */
} tm__numstyle;

/* Style for a BCP 47 tag (primary subtag decides). */
tm__numstyle tm__numstyle_for(const char *lang);

/* Scan @len bytes of UTF-8 @text and store up to @max numeric values in
 * @out, in text order: digits with the language's separators, scaled by a
 * following magnitude word (thousand/million/billion/trillion, тыс./млн/
 * млрд/трлн, 천/만/억/조 and their sums as in "1조2000억"), percent signs
 * dropped, month names read as their month number. Returns how many values
 * were found (may exceed @max; only @max are stored). Never fails. */
size_t tm__numbers_extract(const char *text, size_t len, tm__numstyle style,
                           double *out, size_t max);

#endif
