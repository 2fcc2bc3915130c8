/* SPDX-License-Identifier: MIT */
/* Numbers as values, spans and notations (docs/numbers.md): "3억" = "300
 * million" = "300 млн" = 3e8, "3,5" in Russian = "3.5" in English, "16개월"
 * = "16-month" = 16. numbers.c is the one owner of what a number is and of
 * how a value is written back in a given notation: the aligner's anchors
 * read values (tm__numbers_extract()), the lookup masks numbers to find
 * matches that differ only in them and writes the query's values into the
 * stored target (tm__numbers_propose()). The scanner is plain UTF-8
 * scanning, without ICU. */
#ifndef TM_NUMBERS_PRIVATE_H
#define TM_NUMBERS_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tokenize-private.h"

/* Which decimal mark a language writes. */
typedef enum tm__numstyle {
	TM__NUM_DOT = 0, /* en, ko: 3.5 and 3,500 */
	TM__NUM_COMMA    /* ru, de, fr...: 3,5 and 3 500 / 3.500 */
} tm__numstyle;

/* Style for a BCP 47 tag (primary subtag decides). */
tm__numstyle tm__numstyle_for(const char *lang);

/* What a number counts. */
typedef enum tm__numkind {
	TM__NUMK_QUANTITY = 0,
	TM__NUMK_PERCENT,   /* 5%, 5 percent, 5 процентов, 5퍼센트 */
	TM__NUMK_POINTS,    /* percentage points: 0.25 percentage points,
	                       0,25 п.п., 0.25%포인트, 0.25%p */
	TM__NUMK_YEAR,      /* 2022, 2022년 */
	TM__NUMK_DATE,      /* a month or day of a date: 12월 19일, 27 ноября,
	                       Nov. 27 */
	TM__NUMK_MONTH,     /* a month name read as its number (a word) */
	TM__NUMK_ORDINAL,   /* 1st, 5-й, 제3 */
	TM__NUMK_RANGE_END, /* the second number of 10-20, 10~20 */
	TM__NUMK_FRACTION   /* a third, 3분의 1, треть */
} tm__numkind;

/* Flags of a number. */
#define TM__NUMF_APPROX 0x01u /* about/약/около before it, 여 after it */
#define TM__NUMF_WORD 0x02u   /* written in words: month, fraction, native
                                 Korean numeral */
#define TM__NUMF_INWORD 0x04u /* digits inside a word of Latin or
                                 Cyrillic letters: G7, COVID19, 4x4, 12З4
                                 (a unit after them is not: 5kg, 400mm) */
#define TM__NUMF_ODD 0x08u    /* malformed: 1,23,4, a power 10^30 */
#define TM__NUMF_HUGE 0x10u   /* more than 15 significant digits: its
                                 value is not exact */
#define TM__NUMF_RANGE 0x20u  /* the first number of a range */

/* How a number is written. */
typedef enum tm__numhow {
	TM__NUMH_DIGITS = 0, /* 1,200.5 / 74 500 / 2022 */
	TM__NUMH_MAG,        /* digits and a magnitude word: 3.5 million,
	                        $350m, 2bn, 1 896 трлн, 3 миллиона, 1.5억 */
	TM__NUMH_KO_UNITS,   /* Korean units: 5만8천300, 3억5천만, 1조2000억,
	                        350만, 1천200 */
	TM__NUMH_KO_NATIVE,  /* a native Korean numeral before a counter:
	                        세 발, 두 곳 */
	TM__NUMH_MONTH,      /* a month name: December, Nov, ноября */
	TM__NUMH_EN_WORD     /* an English number word, one to twenty */
} tm__numhow;

/* Korean unit style (TM__NUMH_KO_UNITS). */
#define TM__NUMKO_THOUSAND 0x1u /* 천 inside a group: 5만8천300 */
#define TM__NUMKO_DIGITS 0x2u   /* a group of 4 digits: 1조2000억 */
#define TM__NUMKO_SPACED 0x4u   /* spaces between groups: 3억 5천만 */

/* The notation of a written number: what substitution copies. */
typedef struct tm__numnote {
	uint32_t group;    /* grouping code point (',', '.', ' ', U+00A0,
	                      U+202F, U+2009) or 0 */
	char dec;          /* decimal mark written, or 0 */
	uint8_t decimals;  /* digits written after it */
	uint8_t intdigits; /* digits of the integer part (capped at 255) */
	uint8_t how;       /* tm__numhow */
	uint8_t ko;        /* TM__NUMKO_* */
	uint8_t ru;        /* Russian word agreeing with its number: 0 none,
	                      1 тысяча (f), 2 миллион/миллиард/триллион (m) */
	double mag;        /* value of the magnitude word, 1 without one;
	                      with TM__NUMH_DIGITS, that of the next number's
	                      word, which this one shares (the 4.2 of
	                      "4.2-3.9 million"; written back without it) */
	uint32_t word_off; /* the magnitude word as written, the space before
	                      it included (bytes of the text) */
	uint32_t word_len;
	uint32_t stem_len; /* Russian agreeing word: bytes before its ending */
} tm__numnote;

/* One number of a text. */
typedef struct tm__num {
	double value;  /* the magnitude word and Korean units included */
	uint32_t off;  /* byte span in the text: digits, Korean units, the */
	uint32_t len;  /* magnitude word, an ordinal suffix, a glued unit
	                  (400mm, 9AM) */
	uint32_t dig_len; /* bytes from off up to the magnitude word or
	                     ordinal suffix */
	uint8_t kind;  /* tm__numkind */
	uint8_t flags; /* TM__NUMF_* */
	uint32_t spell; /* hash of the span's bytes: malformed and too long
	                   numbers are compared as written */
	tm__numnote note;
} tm__num;

typedef struct tm__nums {
	tm__num *v;
	size_t n, cap;
} tm__nums;

/* Read every number of @len bytes of UTF-8 @text (any of en, ko, ru; the
 * decimal mark of @style decides 3,500 against 3,5), in text order,
 * replacing the contents of @out. Numbers in words are read as far as
 * docs/numbers.md says (month names, fraction words, native Korean
 * numerals 1-10 before a counter). Ill-formed bytes are skipped.
 * @retval TM_ENOMEM */
tm_status tm__numbers_scan(tm__nums *out, const char *text, size_t len,
                           tm__numstyle style);
/* Free the list's array and zero @n (reusable after). */
void tm__nums_dispose(tm__nums *n);

/* Number words read loosely, for the check's soft readings (docs/
 * numbers.md, "Words read loosely"): whether @w (a lower-case UTF-8 word,
 * NUL-terminated) is an English or Russian number word (two, twenty,
 * third, half, twice, три, двух, тысяча); its value into *@value, and
 * into *@cardinal whether it says a number and nothing else (not "one",
 * an ordinal, a half, "once", a bare "thousand"). */
bool tm__numbers_word(const char *w, double *value, bool *cardinal);
/* The value of the magnitude word @w (lower case) after a number word:
 * hundred, thousand, million, billion, trillion, decades, тысяч(а/и),
 * миллион(а/ов), миллиард(а/ов); 0 for any other word. */
double tm__numbers_word_mag(const char *w);
/* A native Korean numeral (한 두 세 ... 열, 스무 서른 마흔 쉰) at the start
 * of @len bytes of @s with a space after it, before any word (두 골): its
 * value, its byte length into *@n; 0 when there is none. tm__numbers_scan()
 * reads them only before the counters it knows (세 대학 is no number). */
int tm__numbers_ko_native(const char *s, size_t len, size_t *n);
/* A Sino-Korean number in letters at the start of @len bytes of @s (일만,
 * 삼천: digit and unit syllables, at least one of each, the whole word):
 * its byte length, and its value into *@value; 0 when there is none. */
size_t tm__numbers_ko_sino(const char *s, size_t len, double *value);

/* Whether the @len bytes at @w are, as a whole word, an English month
 * name or its abbreviation (January, Jan, Sept, May; any case): its month
 * 1-12, else 0. For the name check, which does not take a month for a
 * name; the table is numbers.c's. */
int tm__numbers_en_month(const char *w, size_t len);

/* The numbers of @a and @b compared as multisets of values (for a check
 * of a translation's figures): each number of @a takes the first number
 * of @b of the same value not yet taken. @a_left and @b_left (a->n and
 * b->n entries, or NULL) are set true for the numbers left without a
 * partner. Returns how many were left on both sides together. */
size_t tm__numbers_unmatched(const tm__nums *a, const tm__nums *b,
                             bool *a_left, bool *b_left);

/* Scan @len bytes of UTF-8 @text and store up to @max numeric values in
 * @out, in text order: digits with the language's separators, scaled by a
 * following magnitude word (thousand/million/billion/trillion, тыс./млн/
 * млрд/трлн, 천/만/억/조 and their sums as in "1조2000억"), percent signs
 * dropped, month names read as their month number, fraction words; native
 * Korean numerals are left out. Returns how many values were found (may
 * exceed @max; only @max are stored). Never fails (0 on memory
 * exhaustion). For the aligner's anchors. */
size_t tm__numbers_extract(const char *text, size_t len, tm__numstyle style,
                           double *out, size_t max);

/* A matching key read for the lookup: its numbers, and its token hashes
 * with each number written in digits (or a native Korean numeral)
 * replaced by one placeholder, so that "1천200명" and "1천500명", or
 * "5만8천300원" and "6만원", give equal sequences. Zero-initialise; reuse;
 * dispose with tm__numtext_dispose(). */
typedef struct tm__numtext {
	tm__nums nums;
	uint64_t *h;      /* masked token hashes */
	size_t nh, caph;
	size_t *masked;   /* indices into nums of the masked numbers */
	size_t nmasked, capm;
	size_t words;     /* tokens left unmasked */
	bool partial;     /* a number cut a token: not maskable */
	bool *inmask;     /* per token of the key: inside a masked number */
	size_t capi;
} tm__numtext;

/* Read @len bytes of @key whose tokens are @toks and their hashes @hashes
 * (tm__tok_hash()), in the style of @style. @retval TM_ENOMEM */
tm_status tm__numtext_read(tm__numtext *t, const char *key, size_t len,
                           const tm__toks *toks, const uint64_t *hashes,
                           tm__numstyle style);
/* Free what @t holds and zero it. */
void tm__numtext_dispose(tm__numtext *t);

/* The same for a text that is not yet a key: its matching key
 * (tm__match_key()), tokens and hashes are made here. @retval TM_ENOMEM,
 * TM_EUNICODE */
tm_status tm__numtext_read_text(tm__numtext *t, const char *text,
                                tm__numstyle style);

/* Whether @a and @b differ at most in their numbers: equal masked
 * sequences with at least one word and one number, no number cutting a
 * token. */
bool tm__numtext_same_words(const tm__numtext *a, const tm__numtext *b);

/* Whether a key of @m tokens with hashes @h could pass
 * tm__numtext_same_words() against the query @q: its first and last
 * tokens agree with @q's where those are words. O(1); for the lookup to
 * skip reading most candidates' numbers. */
bool tm__numtext_may_match(const tm__numtext *q, const uint64_t *h,
                           size_t m);

/* Whether the masked numbers of @q and @s differ in count or in a value
 * (or, malformed or too long, as written), or their other numbers in
 * digits (G7, 4x103, a number cutting a token) are not written alike. */
bool tm__numtext_values_differ(const tm__numtext *q, const tm__numtext *s);

/* Whether @t has a number in digits (or a native Korean numeral). */
bool tm__numtext_has_numbers(const tm__numtext *t);

/* Result of tm__numbers_propose(). */
typedef enum tm__numsub {
	TM__NUMSUB_SAME = 0, /* no value differs: nothing to put in */
	TM__NUMSUB_DONE,     /* every differing value was put in: *out */
	TM__NUMSUB_UNSURE    /* some value could not be put in with
	                        certainty: nothing was */
} tm__numsub;

/* Put the values of the query @q into @target (language @tlang) where
 * they differ from the stored source @s's: the masked numbers of @q and
 * @s pair in order (both must have as many); the others must be written
 * alike. Each old value must occur in
 * the source only at paired places that all change to one new value, and
 * in the target as often as in the source, each time as a number that can
 * be rewritten; it is then written in the target number's notation
 * (docs/numbers.md). *@res says what happened; *@out (caller frees) is
 * the new target for TM__NUMSUB_DONE, else NULL. @retval TM_ENOMEM */
tm_status tm__numbers_propose(tm__numsub *res, char **out,
                              const tm__numtext *q, const tm__numtext *s,
                              const char *target, const char *tlang);

/* Write @value in the notation of @like, number of @text (language
 * @tlang), into @buf of @size bytes: the text that replaces @like's span.
 * At least @mindec decimals (the query's 130.0 into 130,9 gives 130,0);
 * more when the value needs them. Returns false when the notation cannot
 * hold the value exactly (or the buffer is too small). */
bool tm__numbers_write(char *buf, size_t size, double value,
                       const tm__num *like, const char *text,
                       const char *tlang, int mindec);

#endif
