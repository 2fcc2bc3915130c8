/* SPDX-License-Identifier: MIT */
/* Internals of sentence segmentation shared by segment.c, srx.c and the
 * generated list of abbreviations (libtm/data/gen-abbrev.py). */
#ifndef TM_SEGMENT_PRIVATE_H
#define TM_SEGMENT_PRIVATE_H

#include <unicode/utypes.h>

#include "tm-private.h"

/* Classes of the entries of libtm/data/abbrev-<lang>.txt (bit flags: one
 * token may be in several sections). */
enum {
	TM__AB_TITLE = 1,   /* before a name: never ends a sentence */
	TM__AB_NUMBER = 2,  /* before a number: no break before a digit */
	TM__AB_GENERAL = 4, /* ends a sentence only before a capital */
	TM__AB_STARTER = 8,  /* a word that begins sentences */
	TM__AB_NONSTARTER = 16 /* capitalised, yet goes on a sentence
	                        * after "a.m." or "Co." (Friday, GMT) */
};

typedef struct tm__abbrev_entry {
	const char *lang; /* primary language subtag */
	int cls;          /* one TM__AB_* */
	const char *text; /* UTF-8, without the final period */
} tm__abbrev_entry;

/* Generated from libtm/data/abbrev-*.txt at build time. */
extern const tm__abbrev_entry tm__abbrev_data[];
extern const size_t tm__abbrev_count;

/* SRX 2.0 rules (srx.c). A tm__srx is a parsed file; tm__srx_rules are the
 * rules selected for one language, compiled to ICU regular expressions. */
typedef struct tm__srx tm__srx;
typedef struct tm__srx_rules tm__srx_rules;

tm_status tm__srx_load(tm__srx **out, const char *path);
void tm__srx_free(tm__srx *srx);

/* Compile the rules the language maps select for @lang (cascading when the
 * file says so). An empty selection is not an error. */
tm_status tm__srx_select(tm__srx_rules **out, const tm__srx *srx,
                         const char *lang);
void tm__srx_rules_free(tm__srx_rules *rules);

/* Whether the file asks for ICU's breaks as the base (Okapi extension
 * useIcu4jBreakRules="yes"): then SRX rules only veto or add breaks. */
bool tm__srx_uses_icu(const tm__srx_rules *rules);

/* Decide every position of @s (UTF-16, @len units): dec[i] for i in
 * 1..len becomes 1 when the first matching rule breaks before unit i,
 * -1 when it forbids a break there, 0 when no rule matches. @dec has
 * len + 1 entries and is cleared by the call. */
tm_status tm__srx_apply(tm__srx_rules *rules, const UChar *s, int32_t len,
                        signed char *dec);

#endif
