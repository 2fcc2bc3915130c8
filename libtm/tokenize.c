/* SPDX-License-Identifier: MIT */
/* Match tokens (docs/scores.md, "Tokens"). Words are runs of letters, marks
 * and digits; Hangul syllables, Han ideographs and kana are one token each,
 * because Korean attaches particles to words (푸틴은, 푸틴이) and counting
 * syllables keeps a changed particle a small edit; symbols are one token
 * each; punctuation and spaces only separate. Numbers keep their inner
 * decimal and group separators so "3.5" and "2,000" are one token. */
#include "tokenize-private.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

enum cls { C_SEP, C_LETTER, C_DIGIT, C_MARK, C_CHAR, C_SYM };

static bool
is_single_char_script(UChar32 c)
{
	if (c < 0x1100)
		return false;
	return (c >= 0xAC00 && c <= 0xD7A3) ||  /* Hangul syllables */
	       (c >= 0x1100 && c <= 0x11FF) ||  /* Hangul jamo */
	       (c >= 0x3130 && c <= 0x318F) ||  /* compatibility jamo */
	       (c >= 0x3040 && c <= 0x30FF) ||  /* hiragana, katakana */
	       (c >= 0x3400 && c <= 0x4DBF) ||  /* Han extension A */
	       (c >= 0x4E00 && c <= 0x9FFF) ||  /* Han */
	       (c >= 0xF900 && c <= 0xFAFF) ||  /* Han compatibility */
	       (c >= 0x20000 && c <= 0x3FFFF);  /* Han supplementary */
}

static enum cls
classify(UChar32 c)
{
	if (c < 0)
		return C_SEP;
	if (c < 0x80) {
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			return C_LETTER;
		if (c >= '0' && c <= '9')
			return C_DIGIT;
		if (c == '$' || c == '%' || c == '+' || c == '<' || c == '=' ||
		    c == '>' || c == '^' || c == '|' || c == '~' || c == '`')
			return C_SYM;
		return C_SEP;
	}
	/* basic Cyrillic (all letters), without a property lookup */
	if (c >= 0x0400 && c <= 0x045F)
		return C_LETTER;
	if (is_single_char_script(c))
		return C_CHAR;
	switch (u_charType(c)) {
	case U_UPPERCASE_LETTER:
	case U_LOWERCASE_LETTER:
	case U_TITLECASE_LETTER:
	case U_MODIFIER_LETTER:
	case U_OTHER_LETTER:
	case U_LETTER_NUMBER:
	case U_OTHER_NUMBER:
		return C_LETTER;
	case U_DECIMAL_DIGIT_NUMBER:
		return C_DIGIT;
	case U_NON_SPACING_MARK:
	case U_ENCLOSING_MARK:
	case U_COMBINING_SPACING_MARK:
		return C_MARK;
	case U_MATH_SYMBOL:
	case U_CURRENCY_SYMBOL:
	case U_MODIFIER_SYMBOL:
	case U_OTHER_SYMBOL:
		return C_SYM;
	default:
		return C_SEP;
	}
}

void
tm__toks_dispose(tm__toks *t)
{
	if (!t)
		return;
	tm__free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}

static tm_status
push(tm__toks *t, size_t off, size_t len, int kind, bool joined)
{
	if (!TM__ARRAY_GROW(t->v, t->cap, t->n + 1, 32))
		return tm__error_oom();
	t->v[t->n].off = (uint32_t)off;
	t->v[t->n].len = (uint32_t)len;
	t->v[t->n].kind = (uint8_t)kind;
	t->v[t->n].joined = joined;
	t->n++;
	return TM_OK;
}

static bool
digit_at(const char *s, size_t len, size_t i)
{
	UChar32 c;

	if (i >= len)
		return false;
	U8_NEXT(s, i, len, c);
	return classify(c) == C_DIGIT;
}

/* The end of the run of ASCII letters and digits and basic Cyrillic
 * letters at @i (most of a key): what continues an open word, found
 * without decoding each code point and looking up its class. Clears
 * *@all_digits at a letter. */
static size_t
word_run(const unsigned char *s, size_t i, size_t len, bool *all_digits)
{
	while (i < len) {
		unsigned b = s[i];

		if (b - '0' < 10u) {
			i++;
		} else if ((b | 0x20) - 'a' < 26u) {
			*all_digits = false;
			i++;
		} else if (i + 1 < len &&
		           ((b == 0xD0 && (s[i + 1] & 0xC0) == 0x80) ||
		            (b == 0xD1 && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F))) {
			/* U+0400-U+043F, U+0440-U+045F */
			*all_digits = false;
			i += 2;
		} else {
			break;
		}
	}
	return i;
}

tm_status
tm__tokenize(tm__toks *out, const char *s, size_t len)
{
	size_t i = 0;
	/* the open word token, if any */
	bool open = false, all_digits = true, prev_adjacent = false;
	bool open_joined = false;
	size_t start = 0;
	tm_status st;

	if (len > UINT32_MAX)
		return tm__error_set(TM_EINVAL, "match: text too long");
	out->n = 0;
	while (i < len) {
		size_t at;
		UChar32 c;
		enum cls k;

		if (open && (i = word_run((const unsigned char *)s, i, len,
		                          &all_digits)) == len)
			break;
		at = i;
		U8_NEXT(s, i, len, c);
		k = classify(c);
		if (open && (k == C_LETTER || k == C_DIGIT || k == C_MARK)) {
			if (k == C_LETTER)
				all_digits = false;
			continue;
		}
		/* "3.5", "2,000", "3,5": a separator between digits of a
		 * number stays inside it. */
		if (open && all_digits && (c == '.' || c == ',') &&
		    digit_at(s, len, i))
			continue;
		if (open) {
			st = push(out, start, at - start,
			          all_digits ? TM__TOK_NUM : TM__TOK_WORD,
			          open_joined);
			if (st < 0)
				return st;
			open = false;
			prev_adjacent = true;
		}
		switch (k) {
		case C_LETTER:
		case C_DIGIT:
			open = true;
			open_joined = prev_adjacent;
			start = at;
			all_digits = k == C_DIGIT;
			break;
		case C_MARK:
			/* a mark after a syllable or symbol belongs to it */
			if (out->n && prev_adjacent)
				out->v[out->n - 1].len = (uint32_t)(i -
				                       out->v[out->n - 1].off);
			break;
		case C_CHAR:
		case C_SYM:
			st = push(out, at, i - at,
			          k == C_CHAR ? TM__TOK_CHAR : TM__TOK_SYM,
			          prev_adjacent);
			if (st < 0)
				return st;
			prev_adjacent = true;
			break;
		case C_SEP:
			prev_adjacent = false;
			break;
		}
	}
	if (open)
		return push(out, start, len - start,
		            all_digits ? TM__TOK_NUM : TM__TOK_WORD,
		            open_joined);
	return TM_OK;
}

size_t
tm__xword_next(const tm__toks *t, size_t i, tm__xword *w)
{
	size_t j;

	memset(w, 0, sizeof(*w));
	while (i < t->n && t->v[i].kind != TM__TOK_WORD &&
	       t->v[i].kind != TM__TOK_CHAR)
		i++;
	if (i == t->n)
		return i;
	for (j = i + 1; j < t->n && t->v[j].joined &&
	                (t->v[j].kind == TM__TOK_WORD ||
	                 t->v[j].kind == TM__TOK_CHAR);
	     j++)
		;
	w->off = t->v[i].off;
	w->len = t->v[j - 1].off + t->v[j - 1].len - w->off;
	w->tok = (uint32_t)i;
	w->ntok = (uint32_t)(j - i);
	return j;
}

tm_status
tm__xkey_term(tm__buf *term, tm_translit *tr, const char *s, size_t len)
{
	char *key = NULL;
	tm_status st;
	size_t kl;

	term->len = 0;
	if (len > TM__XKEY_MAX_WORD)
		return TM_OK;
	if ((st = tm_translit_key(&key, tr, s, len)) < 0)
		return st;
	kl = strlen(key);
	if (kl >= 2 && ((st = tm__buf_append(term, (char[]){ TM__XKEY_MARK },
	                                     1)) < 0 ||
	                (st = tm__buf_append(term, key, kl)) < 0))
		term->len = 0;
	tm_free(key);
	return st < 0 ? st : TM_OK;
}
