/* SPDX-License-Identifier: MIT */
/* What ICU knows about a language tag: whether its primary language
 * subtag is a language at all (tm_lang_validate()), and which script its
 * text is written in (tm_lang_check_text()). lang.c stays free of ICU
 * (docs/architecture.md, "Rooms"); this file is the one place the locale
 * data is asked. */
#include "tm-private.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#define TAG_MAX 128

/* The primary subtag of the normalized tag @t, lower case, into @out. */
static void
primary_of(char out[16], const char *t)
{
	size_t i;

	for (i = 0; t[i] && t[i] != '-' && i < 15; i++)
		out[i] = (char)tolower((unsigned char)t[i]);
	out[i] = '\0';
}

/* qaa..qtz: ISO 639-2's range for local use, which BCP 47 keeps. */
static bool
local_use(const char *p)
{
	return strlen(p) == 3 && p[0] == 'q' && p[1] >= 'a' && p[1] <= 't' &&
	       p[2] >= 'a' && p[2] <= 'z';
}

static tm_status
not_a_tag(const char *tag, const char *why)
{
	return tm__error_set(TM_EINVAL,
	                     "lang: '%s' is not a language tag (%s)", tag, why);
}

/* Parse @tag into the ICU locale id @loc; the normalized tag in @norm. */
static tm_status
parse(char loc[TAG_MAX], char norm[TAG_MAX], const char *tag)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t parsed = 0;
	tm_status st;

	if (!tag || !*tag)
		return tm__error_set(TM_EINVAL, "lang: empty language tag");
	st = tm__lang_normalize_to(norm, TAG_MAX, tag);
	if (st == TM_DONE)
		return not_a_tag(tag, "too long");
	if (st < 0)
		return st;
	uloc_forLanguageTag(norm, loc, TAG_MAX, &parsed, &err);
	if (U_FAILURE(err) || err == U_STRING_NOT_TERMINATED_WARNING ||
	    (size_t)parsed != strlen(norm))
		return not_a_tag(tag, "BCP 47 syntax, RFC 5646");
	return TM_OK;
}

tm_status
tm_lang_validate(const char *tag)
{
	char loc[TAG_MAX], norm[TAG_MAX], p[16], lang[16] = "";
	UErrorCode err = U_ZERO_ERROR;
	tm_status st = parse(loc, norm, tag);

	if (st < 0)
		return st;
	primary_of(p, norm);
	/* private use (x-...), ISO 639's local-use range and "und" are
	 * languages by definition, whatever ICU's list says */
	if (strcmp(p, "x") == 0 || local_use(p) || strcmp(p, "und") == 0)
		return TM_OK;
	uloc_getLanguage(loc, lang, sizeof(lang), &err);
	if (U_FAILURE(err))
		return not_a_tag(tag, "BCP 47 syntax, RFC 5646");
	/* ICU reads "eng" as "en": BCP 47 has only the shortest ISO 639
	 * code, and a TM stores what it is given, so "eng" would find
	 * none of the "en" variants. A grandfathered "i-..." tag is read
	 * as its modern language. */
	if (*lang && strcmp(lang, p) != 0 && strcmp(p, "i") != 0)
		return tm__error_set(TM_EINVAL,
		                     "lang: '%s' is not a language tag (BCP 47 "
		                     "writes '%s' as '%s')",
		                     tag, p, lang);
	if (!*lang || !*uloc_getISO3Language(loc))
		return not_a_tag(tag, "no ISO 639 language has the code "
		                      "of its first part; en, ko, ru are");
	return TM_OK;
}

/* The scripts whose letters a text of script @sc may use: a code such as
 * Kore (Korean: Hangul and Han) names a mix. Returns how many. */
static size_t
scripts_of(UScriptCode sc, UScriptCode out[3])
{
	switch (sc) {
	case USCRIPT_KOREAN:
		out[0] = USCRIPT_HANGUL;
		out[1] = USCRIPT_HAN;
		return 2;
	case USCRIPT_JAPANESE:
		out[0] = USCRIPT_HIRAGANA;
		out[1] = USCRIPT_KATAKANA;
		out[2] = USCRIPT_HAN;
		return 3;
	case USCRIPT_SIMPLIFIED_HAN:
	case USCRIPT_TRADITIONAL_HAN:
		out[0] = USCRIPT_HAN;
		return 1;
	case USCRIPT_HAN_WITH_BOPOMOFO:
		out[0] = USCRIPT_HAN;
		out[1] = USCRIPT_BOPOMOFO;
		return 2;
	default:
		out[0] = sc;
		return 1;
	}
}

tm_status
tm_lang_check_text(const char *tag, const char *text, size_t len)
{
	char loc[TAG_MAX], norm[TAG_MAX], likely[TAG_MAX], script[16] = "";
	UErrorCode err = U_ZERO_ERROR;
	UScriptCode want[3], codes[1];
	size_t nwant, cut;
	bool letters = false;
	char names[64] = "";
	tm_status st = parse(loc, norm, tag);

	if (st < 0)
		return st;
	if (!text)
		return tm__error_set(TM_EINVAL, "lang: no text");
	if ((st = tm_utf8_validate(NULL, text, len)) < 0)
		return st;
	/* the script the tag names (sr-Latn), else its language's likely
	 * one (ko: Kore, ru: Cyrl, en: Latn) */
	uloc_addLikelySubtags(loc, likely, sizeof(likely), &err);
	if (U_FAILURE(err))
		return TM_OK;
	uloc_getScript(likely, script, sizeof(script), &err);
	if (U_FAILURE(err) || !*script ||
	    uscript_getCode(script, codes, 1, &err) != 1 || U_FAILURE(err))
		return TM_OK; /* ICU knows no script for it: nothing to say */
	nwant = scripts_of(codes[0], want);
	for (size_t i = 0; i < len;) {
		UChar32 c;
		UScriptCode sc;

		U8_NEXT((const uint8_t *)text, i, len, c);
		if (c < 0 || !u_isalpha(c))
			continue;
		err = U_ZERO_ERROR;
		sc = uscript_getScript(c, &err);
		if (U_FAILURE(err) || sc == USCRIPT_COMMON ||
		    sc == USCRIPT_INHERITED)
			continue;
		letters = true;
		for (size_t k = 0; k < nwant; k++)
			if (uscript_hasScript(c, want[k]))
				return TM_OK;
	}
	if (!letters)
		return TM_OK; /* digits and signs only: any language */
	/* quote at most 40 bytes, cut at a character's start */
	cut = len > 40 ? 40 : len;
	while (cut > 0 && cut < len && ((unsigned char)text[cut] & 0xC0) == 0x80)
		cut--;
	for (size_t k = 0; k < nwant; k++)
		snprintf(names + strlen(names), sizeof(names) - strlen(names),
		         "%s%s", k ? (k + 1 == nwant ? " or " : ", ") : "",
		         uscript_getName(want[k]));
	return tm__error_set(TM_EINVAL,
	                     "lang: the %s text '%.*s%s' has no %s letter",
	                     norm, (int)cut, text, cut < len ? "..." : "",
	                     names);
}
