/* SPDX-License-Identifier: MIT */
/* Numbers as values, spans and notations (docs/numbers.md). A translation
 * keeps quantities but not their spelling: "3억 달러", "$300 million" and
 * "300 млн долларов" all say 3e8; "3,5 %" in Russian is "3.5%" in English;
 * "16개월" is "16-month". Reading the value, not the string, makes the
 * aligner's anchors meet; reading the notation too lets the lookup write a
 * new value the way the stored target wrote the old one. This file is the
 * one owner of both: no other keeps a table of magnitude words. */
#include "numbers-private.h"

#include "fnv-private.h"
#include "match-private.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

tm__numstyle
tm__numstyle_for(const char *lang)
{
	static const char *const comma[] = {
	        "ru", "uk", "be", "bg", "de", "fr", "es", "it", "pt", "pl",
	        "cs", "sk", "nl", "sv", "da", "nb", "no", "fi", "tr", "el",
	        "hu", "ro", "hr", "sr", "sl", "kk", "lt", "lv", "et",
	};
	size_t n = 0;

	if (!lang)
		return TM__NUM_DOT;
	while (lang[n] && lang[n] != '-' && lang[n] != '_')
		n++;
	for (size_t i = 0; i < sizeof(comma) / sizeof(comma[0]); i++)
		if (strlen(comma[i]) == n && strncmp(comma[i], lang, n) == 0)
			return TM__NUM_COMMA;
	return TM__NUM_DOT;
}

/* --- UTF-8 helpers -------------------------------------------------- */

static bool
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Length of the UTF-8 sequence starting at @p (1 for stray bytes). */
static size_t
u8len(const unsigned char *p, const unsigned char *end)
{
	size_t n = 1;

	if (*p >= 0xf0)
		n = 4;
	else if (*p >= 0xe0)
		n = 3;
	else if (*p >= 0xc0)
		n = 2;
	return (size_t)(end - p) < n ? (size_t)(end - p) : n;
}

/* A letter of any script (ASCII letters or a non-ASCII code point that is
 * not one of the common punctuation/space blocks). Enough to find word
 * edges around magnitude words. */
static bool
is_letter_at(const unsigned char *p, const unsigned char *end)
{
	if (p >= end)
		return false;
	if (*p < 0x80)
		return (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z');
	if (*p == 0xc2)
		return false; /* Latin-1 punctuation, NBSP */
	if (*p == 0xe2)
		return false; /* general punctuation, arrows, symbols */
	if (*p == 0xe3 && p + 1 < end && p[1] == 0x80)
		return false; /* CJK punctuation */
	return true;
}

/* A Latin or Cyrillic letter at @p: digits glued to one are part of a
 * word (G7, 5kg, 12З4), not a number of their own. */
static bool
is_latcyr_at(const unsigned char *p, const unsigned char *end)
{
	if (p >= end)
		return false;
	if (*p < 0x80)
		return (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z');
	return (*p == 0xd0 || *p == 0xd1) && p + 1 < end &&
	       (p[1] & 0xc0) == 0x80;
}

/* The start of the code point before @p (@p > @begin). */
static const unsigned char *
u8prev(const unsigned char *begin, const unsigned char *p)
{
	do
		p--;
	while (p > begin && (*p & 0xc0) == 0x80);
	return p;
}

/* A Hangul syllable at @p (U+AC00-U+D7A3: EA B0 80 - ED 9E A3). */
static bool
is_hangul_at(const unsigned char *p, const unsigned char *end)
{
	return end - p >= 3 && *p >= 0xea && *p <= 0xed;
}

/* Spaces allowed inside a number and between it and its magnitude word;
 * the code point goes to *@cp. */
static size_t
space_len(const unsigned char *p, const unsigned char *end, uint32_t *cp)
{
	uint32_t dummy;

	if (!cp)
		cp = &dummy;
	if (p < end && *p == ' ') {
		*cp = ' ';
		return 1;
	}
	if (end - p >= 2 && p[0] == 0xc2 && p[1] == 0xa0) {
		*cp = 0xa0;
		return 2;
	}
	if (end - p >= 3 && p[0] == 0xe2 && p[1] == 0x80 &&
	    (p[2] == 0xaf || p[2] == 0x89)) {
		*cp = p[2] == 0xaf ? 0x202f : 0x2009; /* narrow no-break, thin */
		return 3;
	}
	return 0;
}

static unsigned char
ascii_lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

/* starts_with() past its first byte (which may match). */
static bool
starts_with_rest(const unsigned char *p, const unsigned char *end,
                 const unsigned char *w, size_t *n)
{
	size_t i;

	for (i = 0; w[i]; i++) {
		unsigned char c;

		if (p + i >= end)
			return false;
		c = p[i];
		/* Cyrillic capitals А-П (d0 90-9f) and Р-Я (d0 a0-af) */
		if (w[i + 1] && c == 0xd0 && (w[i] == 0xd0 || w[i] == 0xd1) &&
		    p + i + 1 < end && p[i + 1] >= 0x90 && p[i + 1] <= 0xaf) {
			unsigned char lo = p[i + 1] < 0xa0
			                           ? (unsigned char)(p[i + 1] + 0x20)
			                           : (unsigned char)(p[i + 1] - 0x20);
			unsigned char lead = p[i + 1] < 0xa0 ? 0xd0 : 0xd1;

			if (w[i] != lead || w[i + 1] != lo)
				return false;
			i++;
			continue;
		}
		if (ascii_lower(c) != w[i])
			return false;
	}
	*n = i;
	return true;
}

/* Whether @word (lower case UTF-8) starts at @p, ignoring ASCII and
 * Cyrillic case; the match length goes to @n. Inline: most words fail on
 * their first byte, told here without a call or a strlen (this runs for
 * every word of every sentence over several tables, and for every
 * candidate of a lookup): an ASCII letter in either case, a non-ASCII
 * lead byte as it is, or 0xd0 of a Cyrillic capital for a word that
 * begins with 0xd0 or 0xd1. */
static inline bool
starts_with(const unsigned char *p, const unsigned char *end,
            const char *word, size_t *n)
{
	const unsigned char *w = (const unsigned char *)word;

	if (p >= end) /* a word looked for after the last byte */
		return false;
	if (w[0] < 0x80 ? ascii_lower(*p) != w[0]
	                : *p != w[0] && !(*p == 0xd0 && (w[0] & 0xfe) == 0xd0))
		return false;
	return starts_with_rest(p, end, w, n);
}

/* The bytes a word of a table may begin with as written (those that pass
 * starts_with()'s first test), 256 bits: a word whose first byte is not
 * in its table's set is none of them, told without walking the table
 * (the Korean words of a lookup's targets begin with no month's byte). */
typedef struct firstset {
	uint64_t b[4];
} firstset;

static void
firstset_add(firstset *f, const char *word)
{
	unsigned char c = (unsigned char)word[0];

	f->b[c >> 6] |= 1ull << (c & 63);
	if (c >= 'a' && c <= 'z')
		f->b[(c - 32) >> 6] |= 1ull << ((c - 32) & 63);
	if (c == 0xd1) /* Cyrillic capitals Р-Я are 0xd0 0xa0-0xaf */
		f->b[0xd0 >> 6] |= 1ull << (0xd0 & 63);
}

static inline bool
firstset_has(const firstset *f, const unsigned char *p,
             const unsigned char *end)
{
	return p < end && (f->b[*p >> 6] >> (*p & 63) & 1);
}

/* Whether a whole word @word ends right before @q (after @begin). */
static bool
word_before(const unsigned char *begin, const unsigned char *q,
            const char *word)
{
	size_t len = strlen(word), n;
	const unsigned char *w;

	if ((size_t)(q - begin) < len)
		return false;
	w = q - len;
	if (!starts_with(w, q, word, &n))
		return false;
	return w == begin || !is_letter_at(u8prev(begin, w), q);
}

/* --- magnitude words ------------------------------------------------ */

/* Russian words that agree with their number (docs/numbers.md). */
#define RU_F 1 /* тысяча, тысячи, тысяч */
#define RU_M 2 /* миллион, миллиона, миллионов */

typedef struct magword {
	const char *word;
	double value;
	bool prefix; /* may be followed by more letters (inflection) */
	uint8_t ru;  /* RU_F, RU_M: a Russian word agreeing with its number */
} magword;

/* Magnitude words after a number. Case-insensitive for ASCII and
 * Cyrillic. German "Billion" (1e12) is left out: it collides with English
 * "billion" (1e9). The full Russian words come before "тыс", which
 * would take "тысяча" for itself. Korean units (천 만 억 조) are read by
 * hangul_unit(), glued to the digits. */
static const magword magwords[] = {
        {"thousand", 1e3, true, 0},
        {"million", 1e6, true, 0}, /* en, de Millionen, fr millions */
        {"milliard", 1e9, true, 0}, /* fr milliard(s), de Milliarde(n) */
        {"billion", 1e9, true, 0},
        {"trillion", 1e12, true, 0},
        {"bn", 1e9, false, 0},
        {"bln", 1e9, false, 0}, /* agency style: US$1.52 bln */
        {"mln", 1e6, false, 0},
        {"mio", 1e6, false, 0},
        {"mrd", 1e9, false, 0},
        {"tausend", 1e3, false, 0},
        {"mille", 1e3, false, 0},
        {"тысяч", 1e3, true, RU_F},
        {"миллион", 1e6, true, RU_M},
        {"миллиард", 1e9, true, RU_M},
        {"триллион", 1e12, true, RU_M},
        {"тыс", 1e3, true, 0},
        {"млн", 1e6, false, 0},
        {"млрд", 1e9, false, 0},
        {"трлн", 1e12, false, 0},
};

/* A currency sign right before @p: "$350m" is million, "350m" metres. */
static bool
currency_before(const unsigned char *begin, const unsigned char *p)
{
	if (p > begin && p[-1] == '$')
		return true;
	if (p - begin >= 2 && p[-2] == 0xc2 && p[-1] == 0xa3)
		return true; /* £ */
	return p - begin >= 3 && p[-3] == 0xe2 && p[-2] == 0x82 &&
	       (p[-1] == 0xac || p[-1] == 0xa9); /* € ₩ */
}

/* The magnitude word after the digits at *@pp (started at @start): its
 * value (0: none), *@pp moved past it, its spelling into @note. */
static double
magnitude_word(const unsigned char **pp, const unsigned char *end,
               const unsigned char *begin, const unsigned char *start,
               tm__numnote *note)
{
	const unsigned char *p = *pp, *w;
	size_t sp = space_len(p, end, NULL), hy;

	/* 20k, $350m: glued, one letter, nothing after */
	if (!sp && p < end && (*p == 'k' || *p == 'm') &&
	    !is_letter_at(p + 1, end) &&
	    (*p == 'k' || currency_before(begin, start))) {
		note->word_off = (uint32_t)(p - begin);
		note->word_len = 1;
		*pp = p + 1;
		return *p == 'k' ? 1e3 : 1e6;
	}
	/* 25-тысячную, 2-миллионный: a Russian word after a hyphen */
	hy = !sp && end - p >= 3 && *p == '-' && (p[1] == 0xd0 || p[1] == 0xd1);
	w = p + sp + hy;
	for (size_t i = 0; i < sizeof(magwords) / sizeof(magwords[0]); i++) {
		size_t n;
		const unsigned char *q;

		if (hy && !magwords[i].ru)
			continue;
		if (!starts_with(w, end, magwords[i].word, &n))
			continue;
		if (!magwords[i].prefix && is_letter_at(w + n, end))
			continue;
		q = w + n;
		while (magwords[i].prefix && is_letter_at(q, end))
			q += u8len(q, end);
		note->word_off = (uint32_t)(p - begin);
		note->word_len = (uint32_t)(q - p);
		note->ru = magwords[i].ru;
		note->stem_len = (uint32_t)(sp + hy + n);
		*pp = q;
		return magwords[i].value;
	}
	return 0;
}

/* --- digits and Korean units ---------------------------------------- */

/* Korean units right after digits: 십 백 천 multiply within a group, 만 억
 * 조 close a group. UTF-8 of 십 EC 8B AD, 백 EB B0 B1, 천 EC B2 9C, 만 EB A7
 * 8C, 억 EC 96 B5, 조 EC A1 B0. */
static double
hangul_unit(const unsigned char *p, const unsigned char *end, bool *big)
{
	static const struct {
		unsigned char b[3];
		double v;
		bool big;
	} units[] = {
	        {{0xec, 0x8b, 0xad}, 10, false},
	        {{0xeb, 0xb0, 0xb1}, 100, false},
	        {{0xec, 0xb2, 0x9c}, 1e3, false},
	        {{0xeb, 0xa7, 0x8c}, 1e4, true},
	        {{0xec, 0x96, 0xb5}, 1e8, true},
	        {{0xec, 0xa1, 0xb0}, 1e12, true},
	};

	if (end - p < 3)
		return 0;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (memcmp(p, units[i].b, 3) == 0) {
			*big = units[i].big;
			return units[i].v;
		}
	return 0;
}

/* What parse_digits() saw. */
struct dig {
	uint32_t group;  /* grouping code point, or 0 */
	char dec;        /* decimal mark, or 0 */
	size_t decimals; /* digits after it */
	size_t intdigits;
	size_t sig;      /* significant digits */
};

/* Count digits from @p. */
static size_t
digit_run(const unsigned char *p, const unsigned char *end)
{
	size_t n = 0;

	while (p + n < end && is_digit(p[n]))
		n++;
	return n;
}

/* Add the decimals after the mark at *@pp to *@v, digit by digit (the
 * order of the additions decides the last bit, and the anchors compare
 * values exactly). */
static void
read_decimals(const unsigned char **pp, const unsigned char *end,
              struct dig *d, double *v)
{
	const unsigned char *p = *pp + 1;
	double scale = 0.1;

	d->dec = (char)**pp;
	while (p < end && is_digit(*p)) {
		*v += (*p - '0') * scale;
		scale /= 10;
		d->decimals++;
		d->sig++;
		p++;
	}
	*pp = p;
}

/* Parse the digits at @p with the separators of @style: thousands groups
 * of three after a first group of one to three digits, all with the same
 * separator, then decimals. */
static double
parse_digits(const unsigned char **pp, const unsigned char *end,
             tm__numstyle style, struct dig *d)
{
	const unsigned char *p = *pp;
	double v = 0;
	size_t n = digit_run(p, end);
	bool grouped = false;

	memset(d, 0, sizeof(*d));
	for (size_t i = 0; i < n; i++) {
		v = v * 10 + (p[i] - '0');
		if (d->sig || p[i] != '0')
			d->sig++;
	}
	d->intdigits = n;
	p += n;
	/* thousands groups */
	for (;;) {
		size_t sep = 0, g;
		uint32_t cp = 0;

		if (n > 3 && !grouped)
			break;
		if (p < end && *p == (style == TM__NUM_DOT ? ',' : '.')) {
			sep = 1;
			cp = *p;
		} else if (style == TM__NUM_COMMA) {
			sep = space_len(p, end, &cp);
		}
		if (!sep || (grouped && cp != d->group))
			break;
		g = digit_run(p + sep, end);
		if (g != 3)
			break;
		for (size_t i = 0; i < 3; i++) {
			v = v * 10 + (p[sep + i] - '0');
			if (d->sig || p[sep + i] != '0')
				d->sig++;
		}
		p += sep + 3;
		d->intdigits += 3;
		d->group = cp;
		grouped = true; /* later groups: any number of them */
	}
	/* decimal part */
	if (p + 1 < end && *p == (style == TM__NUM_DOT ? '.' : ',') &&
	    is_digit(p[1]))
		read_decimals(&p, end, d, &v);
	else if (p + 1 < end && (*p == '.' || *p == ',') && is_digit(p[1]) &&
	         digit_run(p + 1, end) != 3)
		/* the other mark with not-three digits is a decimal too:
		 * "3.5" in a Russian text, "3,5" in an English one */
		read_decimals(&p, end, d, &v);
	*pp = p;
	return v;
}

/* A Korean group: digits with 십/백/천 adding up ("1천896" = 1896, "3천2백"
 * = 3200), then the closing 만/억/조 multiplier, if any, in *@bigu (else
 * 0). *@unit tells whether a Hangul unit was read at all, *@thou whether
 * 천 was; @d gets the first digits' notation. */
/* Whether Korean units at @q are the units of digits a space before
 * them (22 억, 5 천만): not "만에" (10 만에, "in ten"). */
static bool
spaced_unit(const unsigned char *q, const unsigned char *end)
{
	bool big;

	if (!hangul_unit(q, end, &big))
		return false;
	while (hangul_unit(q, end, &big))
		q += 3;
	return !(end - q >= 3 && memcmp(q, "\xec\x97\x90", 3) == 0); /* 에 */
}

/* Whether digits at @q and a unit smaller than @u after them (a space
 * between allowed) go on the group before: 4천 2백만. */
static bool
smaller_unit_after(const unsigned char *q, const unsigned char *end,
                   double u)
{
	bool big;
	double u2;

	q += digit_run(q, end);
	if (q < end && *q == ' ')
		q++;
	u2 = hangul_unit(q, end, &big);
	return u2 && !big && u2 < u;
}

static double
ko_group(const unsigned char **pp, const unsigned char *end,
         tm__numstyle style, double *bigu, bool *unit, bool *thou,
         struct dig *d, bool *spc)
{
	const unsigned char *p = *pp;
	double total = 0;
	bool first = true;

	*bigu = 0;
	*unit = false;
	*thou = false;
	*spc = false;
	for (;;) {
		struct dig dd;
		double v = parse_digits(&p, end, style, &dd);
		bool big = false;
		double u;

		/* 22 억, 5 천만: a space between the digits and their unit */
		if (p + 1 < end && *p == ' ' && spaced_unit(p + 1, end)) {
			p++;
			*spc = true;
		}
		u = hangul_unit(p, end, &big);

		if (first)
			*d = dd;
		first = false;
		if (u && !big) {
			*unit = true;
			*thou |= u == 1e3;
			total += v * u;
			p += 3;
			if (p < end && is_digit(*p))
				continue;
			/* 1억 4천 2백만: a smaller unit, a space before */
			if (p + 1 < end && *p == ' ' && is_digit(p[1]) &&
			    smaller_unit_after(p + 1, end, u)) {
				p++;
				*spc = true;
				continue;
			}
			u = hangul_unit(p, end, &big);
			if (u && big) {
				total *= u;
				p += 3;
				*bigu = u;
			}
			break;
		}
		total += v;
		if (u && big) {
			*unit = true;
			total *= u;
			p += 3;
			*bigu = u;
		}
		break;
	}
	*pp = p;
	return total;
}

/* --- words: months, fractions, native Korean numerals --------------- */

typedef struct monthword {
	const char *stem;
	int month;
	bool whole; /* must be the whole word (or followed by '.') */
} monthword;

/* Month names (en, ru genitive/nominative stems, de, fr). Dates are the
 * commonest numbers of news, and "Nov. 27" must meet "11월 27일". */
static const monthword months[] = {
        {"january", 1, false},   {"jan", 1, true},      {"february", 2, false},
        {"feb", 2, true},        {"march", 3, true},    {"april", 4, true},
        {"apr", 4, true},        {"june", 6, true},     {"july", 7, true},
        {"august", 8, true},     {"aug", 8, true},      {"september", 9, true},
        {"sept", 9, true},       {"sep", 9, true},      {"october", 10, true},
        {"oct", 10, true},       {"november", 11, true}, {"nov", 11, true},
        {"december", 12, true},  {"dec", 12, true},     {"januar", 1, true},
        {"februar", 2, true},    {"märz", 3, true},     {"juni", 6, true},
        {"juli", 7, true},       {"oktober", 10, true}, {"dezember", 12, true},
        {"janvier", 1, true},    {"février", 2, true},  {"avril", 4, true},
        {"juin", 6, true},       {"juillet", 7, true},  {"août", 8, true},
        {"septembre", 9, true},  {"octobre", 10, true}, {"novembre", 11, true},
        {"décembre", 12, true},  {"январ", 1, false},   {"феврал", 2, false},
        {"март", 3, false},      {"апрел", 4, false},   {"мая", 5, true},
        {"май", 5, true},        {"июн", 6, false},     {"июл", 7, false},
        {"август", 8, false},    {"сентябр", 9, false}, {"октябр", 10, false},
        {"ноябр", 11, false},    {"декабр", 12, false},
};

/* Entries of months[] before this one are English. */
#define EN_MONTHS 20

/* The month named at *@pp (0: none), *@pp moved past it. With @cased
 * (text as written, not a case-folded key) an English month must be
 * capitalised ("march", "may" are verbs); see also ru_month_fits(). */
static firstset months_first, fracs_first, en_words_first;
static pthread_once_t firstsets_once = PTHREAD_ONCE_INIT;
static void firstsets_init(void);

static int
month_at(const unsigned char **pp, const unsigned char *end, bool cased)
{
	const unsigned char *p = *pp;

	pthread_once(&firstsets_once, firstsets_init);
	if (!firstset_has(&months_first, p, end))
		return 0;
	for (size_t i = 0; i < sizeof(months) / sizeof(months[0]); i++) {
		size_t n;
		const unsigned char *q;

		if (!starts_with(p, end, months[i].stem, &n))
			continue;
		q = p + n;
		if (months[i].whole) {
			if (is_letter_at(q, end))
				continue;
		} else {
			while (is_letter_at(q, end))
				q += u8len(q, end);
		}
		if (cased && i < EN_MONTHS && *p >= 'a' && *p <= 'z')
			continue;
		*pp = q;
		return months[i].month;
	}
	return 0;
}

int
tm__numbers_en_month(const char *w, size_t len)
{
	const unsigned char *p = (const unsigned char *)w, *end = p + len;
	size_t m;

	/* "May" is no entry of months[]: may_at() reads it by its context */
	if (len == 3 && starts_with(p, end, "may", &m))
		return 5;
	for (size_t i = 0; i < EN_MONTHS; i++) {
		size_t n;

		if (starts_with(p, end, months[i].stem, &n) && p + n == end)
			return months[i].month;
	}
	return 0;
}

/* Fractions written as words, which a translation often writes another
 * way: "a third" = "3분의 1" = "треть" = "ein Drittel" = "un tiers". Whole
 * words only; ordinals (third, третий) and "half" alone (first half =
 * 상반기) are left out: they mean something else as often. */
typedef struct fracword {
	const char *text;
	double value;
} fracword;

static const fracword fracwords[] = {
        {"a third", 1.0 / 3},      {"one third", 1.0 / 3},
        {"two thirds", 2.0 / 3},   {"a quarter", 0.25},
        {"one quarter", 0.25},     {"three quarters", 0.75},
        {"a fifth", 0.2},          {"one fifth", 0.2},
        {"a half", 0.5},           {"one half", 0.5},
        {"half of", 0.5},          {"две трети", 2.0 / 3},
        {"треть", 1.0 / 3},        {"трети", 1.0 / 3},
        {"третью", 1.0 / 3},       {"четверть", 0.25},
        {"четверти", 0.25},        {"четвертью", 0.25},
        {"половина", 0.5},         {"половины", 0.5},
        {"половину", 0.5},         {"половиной", 0.5},
        {"половине", 0.5},         {"zwei drittel", 2.0 / 3},
        {"drittel", 1.0 / 3},      {"viertel", 0.25},
        {"hälfte", 0.5},           {"deux tiers", 2.0 / 3},
        {"tiers", 1.0 / 3},        {"moitié", 0.5},
        {"절반", 0.5},
};

static double
fraction_at(const unsigned char **pp, const unsigned char *end)
{
	pthread_once(&firstsets_once, firstsets_init);
	if (!firstset_has(&fracs_first, *pp, end))
		return 0;
	for (size_t i = 0; i < sizeof(fracwords) / sizeof(fracwords[0]); i++) {
		size_t n;

		if (starts_with(*pp, end, fracwords[i].text, &n) &&
		    !is_letter_at(*pp + n, end)) {
			*pp += n;
			return fracwords[i].value;
		}
	}
	return 0;
}

/* Korean "3분의 1" (one third): after the denominator, "분의" and the
 * numerator. Returns the numerator, 0 when not there. */
static double
ko_fraction(const unsigned char **pp, const unsigned char *end,
            tm__numstyle style)
{
	static const char bunui[] = "분의";
	const unsigned char *q = *pp;
	struct dig d;
	double num;

	if ((size_t)(end - q) < sizeof(bunui) - 1 ||
	    memcmp(q, bunui, sizeof(bunui) - 1) != 0)
		return 0;
	q += sizeof(bunui) - 1;
	q += space_len(q, end, NULL);
	if (q >= end || !is_digit(*q))
		return 0;
	num = parse_digits(&q, end, style, &d);
	*pp = q;
	return num;
}

/* Native Korean numerals in their form before a counter (한 명, 두 곳, 세
 * 발): 1 to 10. Alone they are too ambiguous (세 is also tax, age), so
 * they count only before a counter from the list below. */
static const char *const ko_native[] = {
        "한", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉", "열",
};

static const char *const ko_counters[] = {
        "명", "개국", "개", "발", "곳", "차례", "번", "가지", "마리", "대",
        "척", "채", "권", "잔", "살", "시간", "달", "사람", "군데", "건",
};

/* Particles that may follow a counter (곳에서, 명이). */
static const char *const ko_particles[] = {
        "에서", "으로", "이", "가", "을", "를", "은", "는", "의", "에",
        "로", "도", "만", "씩", "과", "와", "째", "",
};

static int
ko_native_at(const unsigned char *p, const unsigned char *end, size_t *len)
{
	for (size_t i = 0; i < TM_ARRAY_SIZE(ko_native); i++) {
		size_t n, sp;
		const unsigned char *q;

		if (!starts_with(p, end, ko_native[i], &n))
			continue;
		q = p + n;
		if (!(sp = space_len(q, end, NULL)))
			continue;
		q += sp;
		for (size_t c = 0; c < TM_ARRAY_SIZE(ko_counters); c++) {
			size_t m;
			const unsigned char *r;

			if (!starts_with(q, end, ko_counters[c], &m))
				continue;
			r = q + m;
			for (size_t k = 0; k < TM_ARRAY_SIZE(ko_particles);
			     k++) {
				size_t pl = strlen(ko_particles[k]);

				if (pl &&
				    !starts_with(r, end, ko_particles[k], &m))
					continue;
				if (is_hangul_at(r + pl, end))
					continue;
				*len = n;
				return (int)i + 1;
			}
			break;
		}
	}
	return 0;
}

/* English numbers in words, one to twenty (news style spells out one to
 * nine). Whole words only, not joined by a hyphen: not twenty-five,
 * two-thirds. */
static const char *const en_words[] = {
        "one",     "two",     "three",     "four",     "five",
        "six",     "seven",   "eight",     "nine",     "ten",
        "eleven",  "twelve",  "thirteen",  "fourteen", "fifteen",
        "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
};

static void
firstsets_init(void)
{
	for (size_t i = 0; i < TM_ARRAY_SIZE(months); i++)
		firstset_add(&months_first, months[i].stem);
	for (size_t i = 0; i < TM_ARRAY_SIZE(fracwords); i++)
		firstset_add(&fracs_first, fracwords[i].text);
	for (size_t i = 0; i < TM_ARRAY_SIZE(en_words); i++)
		firstset_add(&en_words_first, en_words[i]);
}

static int
en_word_at(const unsigned char *p, const unsigned char *end, size_t *len)
{
	pthread_once(&firstsets_once, firstsets_init);
	if (!firstset_has(&en_words_first, p, end))
		return 0;
	for (size_t i = TM_ARRAY_SIZE(en_words); i-- > 0;) {
		size_t n;

		if (!starts_with(p, end, en_words[i], &n) ||
		    is_letter_at(p + n, end) || (p + n < end && p[n] == '-'))
			continue;
		*len = n;
		return (int)i + 1;
	}
	return 0;
}

/* --- what a number counts -------------------------------------------- */

/* Korean 여 (some, more than) after a number: glued (3천400여명), or after
 * a space before a counter or a unit (8천 여명, 20 여년); 8천 여성 is no
 * approximation. */
static bool
yeo_after(const unsigned char *p, const unsigned char *end)
{
	static const char *const units[] = { "년", "일", "만", "억", "톤", "원",
		                             "달러", "가구", "개월" };
	const unsigned char *q = p + (p < end && *p == ' ');
	size_t n;

	if (end - q < 3 || memcmp(q, "여", 3) != 0)
		return false;
	q += 3;
	if (q == p + 3 || !is_hangul_at(q, end))
		return true;
	for (size_t i = 0; i < TM_ARRAY_SIZE(ko_counters); i++)
		if (starts_with(q, end, ko_counters[i], &n))
			return true;
	for (size_t i = 0; i < TM_ARRAY_SIZE(units); i++)
		if (starts_with(q, end, units[i], &n))
			return true;
	return false;
}

/* --- number words read loosely (tm__numbers_word()) ------------------- */

/* English and Russian number words, ordinals, halves and magnitude words
 * alone, which tm__numbers_scan() does not read (a pronoun "one", "the
 * second half", "a thousand" mean something else as often): the check
 * pairs them, softly, with a translation's digits (docs/check.md). */
static const struct {
	const char *w;
	double v;
} loose_words[] = {
        {"one", 1},        {"two", 2},        {"three", 3},
        {"four", 4},       {"five", 5},       {"six", 6},
        {"seven", 7},      {"eight", 8},      {"nine", 9},
        {"ten", 10},       {"eleven", 11},    {"twelve", 12},
        {"twenty", 20},    {"thirty", 30},    {"forty", 40},
        {"fifty", 50},     {"hundred", 100},  {"dozen", 12},
        {"half", 0.5},     {"once", 1},       {"twice", 2},
        {"first", 1},      {"second", 2},     {"third", 3},
        {"fourth", 4},     {"fifth", 5},      {"sixth", 6},
        {"seventh", 7},    {"eighth", 8},     {"ninth", 9},
        {"tenth", 10},     {"eleventh", 11},  {"twelfth", 12},
        {"decade", 10},    {"один", 1},       {"одна", 1},
        {"одно", 1},       {"одного", 1},     {"одной", 1},
        {"два", 2},        {"две", 2},        {"двух", 2},
        {"три", 3},        {"трех", 3},       {"трёх", 3},
        {"четыре", 4},     {"четырех", 4},    {"пять", 5},
        {"пяти", 5},       {"шесть", 6},      {"шести", 6},
        {"семь", 7},       {"семи", 7},       {"восемь", 8},
        {"восьми", 8},     {"девять", 9},     {"девяти", 9},
        {"десять", 10},    {"десяти", 10},    {"двенадцать", 12},
        {"двадцать", 20},  {"тридцать", 30},  {"сто", 100},
        {"половина", 0.5}, {"thousand", 1e3}, {"million", 1e6},
        {"billion", 1e9},  {"тысяча", 1e3},   {"тысячи", 1e3},
        {"тысяч", 1e3},    {"тысячу", 1e3},   {"миллион", 1e6},
        {"миллиард", 1e9}, {"тысячный", 1e3}, {"тысячная", 1e3},
        {"тысячное", 1e3}, {"первый", 1},     {"первая", 1},
        {"первое", 1},     {"второй", 2},     {"третий", 3},
        {"дважды", 2},
};

static const struct {
	const char *w;
	double v;
} loose_mags[] = {
        {"hundred", 1e2},  {"thousand", 1e3},  {"million", 1e6},
        {"billion", 1e9},  {"trillion", 1e12}, {"decades", 10},
        {"тысяч", 1e3},    {"тысячи", 1e3},    {"тысяча", 1e3},
        {"миллион", 1e6},  {"миллиона", 1e6},  {"миллионов", 1e6},
        {"миллиард", 1e9}, {"миллиарда", 1e9}, {"миллиардов", 1e9},
};

/* Number words that say a number and nothing else: not "one" (a
 * pronoun), not ordinals, halves, "once", nor a bare "thousand". */
static bool
loose_cardinal(const char *w)
{
	static const char *const not_card[] = {
	        "one",      "half",     "once",     "twice",   "first",
	        "second",   "third",    "fourth",   "fifth",   "sixth",
	        "seventh",  "eighth",   "ninth",    "tenth",   "eleventh",
	        "twelfth",  "thousand", "million",  "billion", "hundred",
	        "один",     "одна",     "одно",     "одного",  "одной",
	        "половина", "первый",   "первая",   "первое",  "второй",
	        "третий",   "дважды",   "тысяча",   "тысячи",  "тысяч",
	        "тысячу",   "миллион",  "миллиард", "сто",
	};

	for (size_t i = 0; i < TM_ARRAY_SIZE(not_card); i++)
		if (strcmp(w, not_card[i]) == 0)
			return false;
	return true;
}

bool
tm__numbers_word(const char *w, double *value, bool *cardinal)
{
	for (size_t i = 0; i < TM_ARRAY_SIZE(loose_words); i++)
		if (strcmp(w, loose_words[i].w) == 0) {
			*value = loose_words[i].v;
			*cardinal = loose_cardinal(w);
			return true;
		}
	return false;
}

double
tm__numbers_word_mag(const char *w)
{
	for (size_t i = 0; i < TM_ARRAY_SIZE(loose_mags); i++)
		if (strcmp(w, loose_mags[i].w) == 0)
			return loose_mags[i].v;
	return 0;
}

int
tm__numbers_ko_native(const char *s, size_t len, size_t *n)
{
	static const struct {
		const char *w;
		int v;
	} tens[] = { { "스무", 20 }, { "서른", 30 }, { "마흔", 40 },
		     { "쉰", 50 } };

	for (size_t q = 0; q < TM_ARRAY_SIZE(ko_native); q++) {
		size_t k = strlen(ko_native[q]);

		if (k < len && memcmp(s, ko_native[q], k) == 0 && s[k] == ' ') {
			*n = k;
			return (int)q + 1;
		}
	}
	for (size_t q = 0; q < TM_ARRAY_SIZE(tens); q++) {
		size_t k = strlen(tens[q].w);

		if (k < len && memcmp(s, tens[q].w, k) == 0 && s[k] == ' ') {
			*n = k;
			return tens[q].v;
		}
	}
	return 0;
}

size_t
tm__numbers_ko_sino(const char *s, size_t len, double *value)
{
	static const struct {
		const char *u;
		double v;
	} syl[] = {{"일", 1},   {"이", 2},  {"삼", 3},   {"사", 4},
	           {"오", 5},   {"육", 6},  {"칠", 7},   {"팔", 8},
	           {"구", 9},   {"십", 10}, {"백", 100}, {"천", 1e3},
	           {"만", 1e4}, {"억", 1e8}};
	size_t j = 0;
	double total = 0, group = 0, digit = 0;
	bool unit = false, dig = false;

	while (j + 3 <= len) {
		size_t q;

		for (q = 0; q < TM_ARRAY_SIZE(syl); q++)
			if (memcmp(s + j, syl[q].u, 3) == 0)
				break;
		if (q == TM_ARRAY_SIZE(syl))
			break;
		if (syl[q].v < 10) {
			if (digit)
				return 0; /* 이삼: two digits in a row */
			digit = syl[q].v;
			dig = true;
		} else if (syl[q].v < 1e4) {
			group += (digit ? digit : 1) * syl[q].v;
			digit = 0;
			unit = true;
		} else {
			total += (group + digit ? group + digit : 1) * syl[q].v;
			group = digit = 0;
			unit = true;
		}
		j += 3;
	}
	/* a whole word: followed by a space, punctuation or the end */
	if (!unit || !dig || j < 6 || (j < len && (unsigned char)s[j] >= 0x80))
		return 0;
	*value = total + group + digit;
	return j;
}

static const char *const approx_words[] = {
        "about", "around", "approximately", "roughly", "some",
        "약", "около", "примерно", "порядка", "приблизительно",
};

/* An approximation word before the number starting at @start. */
static bool
approx_before(const unsigned char *begin, const unsigned char *start)
{
	const unsigned char *q = start;
	size_t sp;

	if (currency_before(begin, q))
		q = q[-1] == '$' ? q - 1 : q[-1] == 0xa3 ? q - 2 : q - 3;
	if (q - begin >= 2 && q[-2] == 0xc2 && q[-1] == 0xa0)
		sp = 2;
	else
		sp = q > begin && q[-1] == ' ';
	if (!sp)
		return false;
	q -= sp;
	for (size_t i = 0; i < TM_ARRAY_SIZE(approx_words); i++)
		if (word_before(begin, q, approx_words[i]))
			return true;
	return false;
}

/* What follows a number: percent, points, a Korean date or year, a
 * Russian month. */
static tm__numkind
kind_after(const unsigned char *p, const unsigned char *end)
{
	size_t n, sp = space_len(p, end, NULL);
	const unsigned char *q = p + sp;

	if (q < end && *q == '%') {
		q++;
		if (starts_with(q, end, "포인트", &n) ||
		    (starts_with(q, end, "p", &n) && !is_letter_at(q + 1, end)))
			return TM__NUMK_POINTS;
		return TM__NUMK_PERCENT;
	}
	if (!sp) {
		if (starts_with(q, end, "퍼센트", &n))
			return TM__NUMK_PERCENT;
		if (starts_with(q, end, "포인트", &n))
			return TM__NUMK_POINTS;
		if (starts_with(q, end, "월", &n) ||
		    starts_with(q, end, "일", &n))
			return TM__NUMK_DATE;
		if (starts_with(q, end, "년", &n))
			return TM__NUMK_YEAR;
		return TM__NUMK_QUANTITY;
	}
	if (starts_with(q, end, "percentage point", &n) ||
	    starts_with(q, end, "п.п.", &n) || starts_with(q, end, "п. п.", &n))
		return TM__NUMK_POINTS;
	if (starts_with(q, end, "процентн", &n)) {
		const unsigned char *r = q + n;

		while (is_letter_at(r, end))
			r += u8len(r, end);
		r += space_len(r, end, NULL);
		if (starts_with(r, end, "пункт", &n))
			return TM__NUMK_POINTS;
	}
	if (starts_with(q, end, "percent", &n) ||
	    starts_with(q, end, "per cent", &n) ||
	    starts_with(q, end, "pct", &n) ||
	    starts_with(q, end, "процент", &n) ||
	    starts_with(q, end, "퍼센트", &n))
		return TM__NUMK_PERCENT;
	if (starts_with(q, end, "년", &n))
		return TM__NUMK_YEAR;
	if (is_letter_at(q, end) && *q >= 0x80 && month_at(&q, end, false))
		return TM__NUMK_DATE; /* 27 ноября */
	return TM__NUMK_QUANTITY;
}

/* English ordinal suffixes, and Russian ones after a hyphen (5-й, 3-го). */
static size_t
ordinal_suffix(const unsigned char *p, const unsigned char *end, bool *en)
{
	static const char *const ensuf[] = { "st", "nd", "rd", "th" };
	static const char *const rusuf[] = {
	        "й", "я", "е", "го", "му", "м", "х", "ми", "ю",
	        "ой", "ый", "ий", "ая", "ое", "ых", "ого", "ому",
	};
	size_t n;

	*en = false;
	for (size_t i = 0; i < TM_ARRAY_SIZE(ensuf); i++)
		if (starts_with(p, end, ensuf[i], &n) &&
		    !is_letter_at(p + n, end) &&
		    !(p + n < end && is_digit(p[n]))) {
			*en = true;
			return n;
		}
	if (p < end && *p == '-')
		for (size_t i = TM_ARRAY_SIZE(rusuf); i-- > 0;)
			if (starts_with(p + 1, end, rusuf[i], &n) &&
			    !is_letter_at(p + 1 + n, end))
				return n + 1;
	return 0;
}

/* --- the scanner ----------------------------------------------------- */

static tm_status
push(tm__nums *out, const tm__num *x)
{
	if (!TM__ARRAY_GROW(out->v, out->cap, out->n + 1, 16))
		return tm__error_oom();
	out->v[out->n++] = *x;
	return TM_OK;
}

/* Read the number whose first digit is at @p into @x; returns where it
 * ends. */
static const unsigned char *
read_number(const unsigned char *begin, const unsigned char *p,
            const unsigned char *end, tm__numstyle style, tm__num *x)
{
	const unsigned char *start = p, *q, *dig_end;
	double total = 0, last_big = 0, mag = 0;
	struct dig d0 = { 0 };
	bool ko = false, thou = false, kodig = false, spaced = false;
	bool decimal_later = false, en = false;
	size_t groups = 0, sig = 0, n;

	memset(x, 0, sizeof(*x));
	x->note.mag = 1;
	for (;;) {
		struct dig d;
		double bu, bu2, v, v2;
		bool unit, unit2, thou1, thou2, spc, spc2;
		const unsigned char *r;
		size_t sp;

		v = ko_group(&p, end, style, &bu, &unit, &thou1, &d, &spc);
		spaced |= spc;
		if (!groups)
			d0 = d;
		else if (d.dec)
			decimal_later = true;
		groups++;
		sig += d.sig;
		ko |= unit;
		thou |= thou1;
		if (!bu) {
			if (groups > 1 && !unit && d.intdigits >= 4)
				kodig = true; /* 1만2800 */
			total += v;
			break;
		}
		if (!thou1 && d.intdigits >= 4)
			kodig = true; /* 1조2000억 */
		total += v;
		last_big = bu;
		/* 1조2000억, 3억 5천만, 1만2천800, 1만2800: a smaller group */
		sp = space_len(p, end, NULL);
		q = p + sp;
		if (!(q < end && is_digit(*q)))
			break;
		r = q;
		{
			struct dig dd;

			v2 = ko_group(&r, end, style, &bu2, &unit2, &thou2, &dd,
			              &spc2);
			/* a last group after a space: 7만 6천, 37만 5,000 (four
			 * digits, below the unit) */
			if (!((bu2 && bu2 < last_big) || (!bu2 && !sp) ||
			      (!bu2 && sp && v2 < 1e4 &&
			       (unit2 || (dd.intdigits == 4 && !dd.dec)))))
				break;
		}
		spaced |= sp > 0;
		p = q;
	}
	dig_end = p;
	x->note.group = d0.group;
	x->note.dec = d0.dec;
	x->note.decimals = (uint8_t)(d0.decimals > 255 ? 255 : d0.decimals);
	x->note.intdigits = (uint8_t)(d0.intdigits > 255 ? 255 : d0.intdigits);
	if (sig > 15)
		x->flags |= TM__NUMF_HUGE;
	if (ko) {
		bool big;

		x->note.how = TM__NUMH_KO_UNITS;
		x->note.ko = (uint8_t)((thou ? TM__NUMKO_THOUSAND : 0) |
		                       (kodig ? TM__NUMKO_DIGITS : 0) |
		                       (spaced ? TM__NUMKO_SPACED : 0));
		const unsigned char *u = start;

		while (u < dig_end && *u < 0x80)
			u++;
		if (d0.dec && groups == 1 && dig_end - u == 3 &&
		    (mag = hangul_unit(u, end, &big))) {
			/* 1.5억: digits and one unit, as a magnitude word */
			x->note.how = TM__NUMH_MAG;
			x->note.mag = mag;
			x->note.word_off = (uint32_t)(u - begin);
			x->note.word_len = 3;
			x->dig_len = (uint32_t)(u - start);
		} else if (d0.dec || decimal_later) {
			x->flags |= TM__NUMF_ODD; /* 1.5천2백, 1만2.5 */
		}
	} else {
		/* a separator and digits left over: 1,23,4, 16.02.2009; the
		 * rest is read as numbers of their own (the anchors want the
		 * year), malformed too */
		if (p + 1 < end && (*p == ',' || *p == '.') && is_digit(p[1])) {
			x->flags |= TM__NUMF_ODD;
		} else if ((mag = magnitude_word(&p, end, begin, start,
		                                 &x->note))) {
			total *= mag;
			x->note.how = TM__NUMH_MAG;
			x->note.mag = mag;
			x->dig_len = (uint32_t)(dig_end - start);
		}
	}
	if (!x->dig_len)
		x->dig_len = (uint32_t)(dig_end - start);
	{
		double num = ko_fraction(&p, end, style);

		if (num && total) {
			total = num / total;
			x->kind = TM__NUMK_FRACTION;
			x->flags |= TM__NUMF_WORD;
		}
	}
	/* powers: 10^30; the rest of 1,23,4 */
	if ((p < end && *p == '^') || (start > begin && start[-1] == '^') ||
	    (start - begin >= 2 && (start[-1] == ',' || start[-1] == '.') &&
	     is_digit(start[-2])))
		x->flags |= TM__NUMF_ODD;
	/* glued to letters: G7, 5kg, 12З4; but 1st, 5-й are ordinals */
	if (start > begin && is_latcyr_at(u8prev(begin, start), end))
		x->flags |= TM__NUMF_INWORD;
	if (x->note.how == TM__NUMH_DIGITS && !x->note.dec &&
	    !(x->flags & TM__NUMF_INWORD) &&
	    (n = ordinal_suffix(p, end, &en))) {
		x->kind = TM__NUMK_ORDINAL;
		p += n;
	} else if (is_latcyr_at(p, end)) {
		/* a glued unit (400mm, 9AM, 5кг) is part of the span and is
		 * written back as it was; letters then digits (4x4) make a
		 * word */
		const unsigned char *u = p;

		while (is_latcyr_at(u, end))
			u += u8len(u, end);
		if (u < end && is_digit(*u))
			x->flags |= TM__NUMF_INWORD;
		else if (!(x->flags & TM__NUMF_INWORD))
			p = u;
	}
	x->value = total;
	x->off = (uint32_t)(start - begin);
	x->len = (uint32_t)(p - start);
	x->spell = tm__fnv32(TM__FNV32_INIT, start, (size_t)(p - start));
	if (p < end && !x->kind) {
		x->kind = kind_after(p, end);
		/* 4년, 3년 동안: under 1000, a number of years, not a year */
		if (x->kind == TM__NUMK_YEAR && total < 1000)
			x->kind = TM__NUMK_QUANTITY;
		/* 3천400여명, 8천 여명: about 3,400, about 8,000 */
		if (yeo_after(p, end))
			x->flags |= TM__NUMF_APPROX;
	}
	if (!x->kind && x->note.how == TM__NUMH_DIGITS && !x->note.group &&
	    !x->note.dec && x->note.intdigits == 4 && total >= 1900 &&
	    total <= 2100)
		x->kind = TM__NUMK_YEAR;
	if (approx_before(begin, start))
		x->flags |= TM__NUMF_APPROX;
	if (start - begin >= 3 && memcmp(start - 3, "제", 3) == 0)
		x->kind = TM__NUMK_ORDINAL; /* 제3 */
	return p;
}

/* Whether only a range mark (- – — ~ ～, spaces around the last three)
 * lies between @a and @b. */
static bool
range_between(const unsigned char *a, const unsigned char *b)
{
	size_t sa = space_len(a, b, NULL);

	if (b - a == 1 && (*a == '-' || *a == '~'))
		return true;
	a += sa;
	while (b > a && b[-1] == ' ')
		b--;
	if (b - a == 1 && *a == '~')
		return true;
	return b - a == 3 && a[0] == 0xe2 && a[1] == 0x80 &&
	       (a[2] == 0x93 || a[2] == 0x94); /* en and em dash */
}

/* Whether the first of two numbers with @a..@b between them shares the
 * magnitude word of the second: 4.2-3.9 million, 2 to 4 million, 5 или 6
 * тысяч. */
static bool
mag_shared_between(const unsigned char *a, const unsigned char *b)
{
	static const char *const joins[] = { " to ", " or ", " and ", " до ",
		                             " или ", " и " };

	if (range_between(a, b))
		return true;
	for (size_t i = 0; i < TM_ARRAY_SIZE(joins); i++)
		if ((size_t)(b - a) == strlen(joins[i]) &&
		    memcmp(a, joins[i], (size_t)(b - a)) == 0)
			return true;
	return false;
}

/* Whether only spaces, '.' and ',' lie between @a and @b (Nov. 27). */
static bool
date_between(const unsigned char *a, const unsigned char *b)
{
	if (a == b)
		return false;
	for (; a < b; a++)
		if (*a != ' ' && *a != '.' && *a != ',')
			return false;
	return true;
}

/* Whether a word beginning with byte @c may be a month, a fraction or a
 * number word: the ASCII letters those tables begin with, and
 * any non-ASCII lead byte. Most English words are skipped at once (the
 * lookup scans every candidate of a query with numbers). */
static bool
may_start_word(unsigned char c)
{
	switch (ascii_lower(c)) {
	case 'a': case 'd': case 'e': case 'f': case 'h': case 'j':
	case 'm': case 'n': case 'o': case 's': case 't': case 'v':
	case 'z':
		return true;
	default:
		return c >= 0x80;
	}
}

/* Whether a Russian month name from @p to @q is one by its case: in
 * lower case, or capitalised next to a number (Март 2020, 27 Ноября);
 * "Мартина" (Martina's) and "Мая" (Maya) alone are names. */
static bool
ru_month_fits(const unsigned char *begin, const unsigned char *p,
              const unsigned char *q, const unsigned char *end)
{
	if (end - p < 2 || p[0] != 0xd0 ||
	    !((p[1] >= 0x90 && p[1] <= 0xaf) || p[1] == 0x81))
		return true;
	if (end - q >= 2 && *q == ' ' && is_digit(q[1]))
		return true;
	return p - begin >= 2 && p[-1] == ' ' && is_digit(p[-2]);
}

/* "May" (a verb too) as a month: capitalised, with a day after it or
 * before it (May 21, 21 May). Returns its length, or 0. */
static size_t
may_at(const unsigned char *begin, const unsigned char *p,
       const unsigned char *end)
{
	if (end - p < 3 || memcmp(p, "May", 3) != 0 ||
	    is_letter_at(p + 3, end))
		return 0;
	if (end - p >= 5 && p[3] == ' ' && is_digit(p[4]))
		return 3;
	if (p - begin >= 2 && p[-1] == ' ' && is_digit(p[-2]))
		return 3;
	return 0;
}

/* tm__numbers_scan(); @cased: @text is as written, not a case-folded key
 * (month_at(), may_at()). */
static tm_status
scan_text(tm__nums *out, const char *text, size_t len, tm__numstyle style,
          bool cased)
{
	const unsigned char *begin = (const unsigned char *)text;
	const unsigned char *p = begin, *end = begin + len;
	bool prev_letter = false;
	tm_status st;

	out->n = 0;
	while (p < end) {
		tm__num x;

		if (is_digit(*p)) {
			const unsigned char *q =
			        read_number(begin, p, end, style, &x);

			if (out->n) {
				tm__num *prev = &out->v[out->n - 1];
				const unsigned char *pe = begin + prev->off +
				                          prev->len;

				/* 4.2-3.9 million: the first is millions too */
				if (x.note.how == TM__NUMH_MAG &&
				    prev->note.how == TM__NUMH_DIGITS &&
				    prev->note.mag == 1 &&
				    prev->kind == TM__NUMK_QUANTITY &&
				    !(prev->flags & (TM__NUMF_WORD |
				                     TM__NUMF_INWORD |
				                     TM__NUMF_ODD | TM__NUMF_HUGE)) &&
				    mag_shared_between(pe, p)) {
					prev->value *= x.note.mag;
					prev->note.mag = x.note.mag;
				}
				if (!(prev->flags & TM__NUMF_WORD) &&
				    range_between(pe, p)) {
					prev->flags |= TM__NUMF_RANGE;
					if (x.kind == TM__NUMK_QUANTITY ||
					    x.kind == TM__NUMK_YEAR)
						x.kind = TM__NUMK_RANGE_END;
				} else if (prev->kind == TM__NUMK_MONTH &&
				           date_between(pe, p) &&
				           x.kind == TM__NUMK_QUANTITY) {
					x.kind = TM__NUMK_DATE;
				}
			}
			if ((st = push(out, &x)) < 0)
				return st;
			p = q;
			prev_letter = false;
			continue;
		}
		if (!prev_letter && is_letter_at(p, end) && may_start_word(*p)) {
			const unsigned char *q = p;
			double f = fraction_at(&q, end);
			int m = f ? 0 : month_at(&q, end, cased);
			size_t nl = 0;
			int nat = 0;

			if (m && cased && !ru_month_fits(begin, p, q, end))
				m = 0;
			if (!f && !m && cased && (nl = may_at(begin, p, end))) {
				m = 5;
				q = p + nl;
			}

			if (!f && !m && is_hangul_at(p, end) &&
			    (p == begin || (p[-1] < 0x80 && !is_digit(p[-1]))))
				nat = ko_native_at(p, end, &nl);
			if (!f && !m && !nat && *p < 0x80 &&
			    (p == begin || p[-1] != '-') &&
			    (nat = en_word_at(p, end, &nl)))
				nat += 100; /* an English word, not a native one */
			if (f || m || nat) {
				memset(&x, 0, sizeof(x));
				x.off = (uint32_t)(p - begin);
				x.note.mag = 1;
				x.flags = TM__NUMF_WORD;
				if (f) {
					x.value = f;
					x.kind = TM__NUMK_FRACTION;
				} else if (m) {
					x.value = m;
					x.kind = TM__NUMK_MONTH;
					x.note.how = TM__NUMH_MONTH;
					/* 21 May, 21 March: the day before */
					if (cased && out->n &&
					    out->v[out->n - 1].kind ==
					            TM__NUMK_QUANTITY &&
					    out->v[out->n - 1].off +
					                    out->v[out->n - 1].len + 1 ==
					            x.off &&
					    p[-1] == ' ')
						out->v[out->n - 1].kind =
						        TM__NUMK_DATE;
				} else {
					x.value = nat % 100;
					x.note.how = nat > 100 ? TM__NUMH_EN_WORD
					                       : TM__NUMH_KO_NATIVE;
					q = p + nl;
					if (approx_before(begin, p))
						x.flags |= TM__NUMF_APPROX;
				}
				x.len = x.dig_len = (uint32_t)(q - p);
				x.spell = tm__fnv32(TM__FNV32_INIT, p,
				                    (size_t)(q - p));
				if ((st = push(out, &x)) < 0)
					return st;
				p = q;
				prev_letter = false;
				continue;
			}
		}
		prev_letter = is_letter_at(p, end);
		p += u8len(p, end);
	}
	return TM_OK;
}

tm_status
tm__numbers_scan(tm__nums *out, const char *text, size_t len,
                 tm__numstyle style)
{
	return scan_text(out, text, len, style, true);
}

void
tm__nums_dispose(tm__nums *n)
{
	tm__free(n->v);
	memset(n, 0, sizeof(*n));
}

size_t
tm__numbers_extract(const char *text, size_t len, tm__numstyle style,
                    double *out, size_t max)
{
	tm__nums nums = { 0 };
	size_t count = 0;

	/* Case aside, as the lookup reads: the anchors lost on the
	 * Bleualign de-fr set (F1 0.874 -> 0.873) when French "sept" (seven)
	 * stopped being read as September, a wrong anchor that happened to
	 * help. Read as written when a test set says it helps. */
	if (scan_text(&nums, text, len, style, false) < 0) {
		tm__nums_dispose(&nums);
		return 0;
	}
	for (size_t i = 0; i < nums.n; i++) {
		if (nums.v[i].note.how == TM__NUMH_KO_NATIVE ||
		    nums.v[i].note.how == TM__NUMH_EN_WORD)
			continue;
		if (count < max)
			out[count] = nums.v[i].value;
		count++;
	}
	tm__nums_dispose(&nums);
	return count;
}

static bool unmasked_alike(const tm__numtext *q, const tm__numtext *s);

static bool
same_value(double a, double b)
{
	return fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

size_t
tm__numbers_unmatched(const tm__nums *a, const tm__nums *b, bool *a_left,
                      bool *b_left)
{
	size_t left = 0, nb = b->n;
	bool small[64], *taken = nb <= 64 ? small : tm__calloc(nb, sizeof(*taken));

	if (!taken) /* no memory: say nothing matched rather than guess */
		nb = 0;
	else
		memset(taken, 0, nb * sizeof(*taken));
	for (size_t i = 0; i < a->n; i++) {
		size_t j = 0;

		while (j < nb && (taken[j] || !same_value(a->v[i].value,
		                                          b->v[j].value)))
			j++;
		if (j < nb)
			taken[j] = true;
		else
			left++;
		if (a_left)
			a_left[i] = j >= nb;
	}
	for (size_t j = 0; j < b->n; j++) {
		bool l = j >= nb || !taken[j];

		left += l;
		if (b_left)
			b_left[j] = l;
	}
	if (taken != small)
		tm__free(taken);
	return left;
}

/* --- masking, for the lookup ----------------------------------------- */

bool
tm__numtext_values_differ(const tm__numtext *q, const tm__numtext *s)
{
	if (q->nmasked != s->nmasked || !unmasked_alike(q, s))
		return true;
	for (size_t i = 0; i < q->nmasked; i++) {
		const tm__num *a = &q->nums.v[q->masked[i]];
		const tm__num *b = &s->nums.v[s->masked[i]];

		if (!same_value(a->value, b->value) ||
		    ((a->flags | b->flags) & (TM__NUMF_ODD | TM__NUMF_HUGE) &&
		     a->spell != b->spell))
			return true;
	}
	return false;
}

/* A number the lookup may pair and rewrite: written in digits (or a
 * native Korean numeral or a month name), not inside a word. Fraction
 * words stay words. */
static bool
maskable(const tm__num *x)
{
	if (x->flags & TM__NUMF_INWORD)
		return false;
	return !(x->flags & TM__NUMF_WORD) ||
	       x->note.how == TM__NUMH_KO_NATIVE ||
	       x->note.how == TM__NUMH_EN_WORD || x->note.how == TM__NUMH_MONTH;
}

#define MASK_HASH 0x6e756d6265722121ull /* one token for one number */

tm_status
tm__numtext_read(tm__numtext *t, const char *key, size_t len,
                 const tm__toks *toks, const uint64_t *hashes,
                 tm__numstyle style)
{
	tm_status st = scan_text(&t->nums, key, len, style, false);
	size_t j = 0, last = (size_t)-1;

	t->nh = t->nmasked = t->words = 0;
	t->partial = false;
	if (st < 0)
		return st;
	if (toks->n > t->caph) {
		uint64_t *h = tm__realloc(t->h, toks->n * sizeof(*h));

		if (!h)
			return tm__error_oom();
		t->h = h;
		t->caph = toks->n;
	}
	if (toks->n > t->capi) {
		bool *m = tm__realloc(t->inmask, toks->n * sizeof(*m));

		if (!m)
			return tm__error_oom();
		t->inmask = m;
		t->capi = toks->n;
	}
	if (t->nums.n > t->capm) {
		size_t *m = tm__realloc(t->masked, t->nums.n * sizeof(*m));

		if (!m)
			return tm__error_oom();
		t->masked = m;
		t->capm = t->nums.n;
	}
	for (size_t i = 0; i < toks->n; i++) {
		size_t to = toks->v[i].off, te = to + toks->v[i].len;
		const tm__num *x;

		while (j < t->nums.n &&
		       (!maskable(&t->nums.v[j]) ||
		        (size_t)t->nums.v[j].off + t->nums.v[j].len <= to))
			j++;
		x = j < t->nums.n ? &t->nums.v[j] : NULL;
		t->inmask[i] = false;
		if (x && x->off < te) {
			if (to >= x->off && te <= (size_t)x->off + x->len) {
				t->inmask[i] = true;
				if (last != j) {
					t->h[t->nh++] = MASK_HASH;
					t->masked[t->nmasked++] = j;
					last = j;
				}
				continue;
			}
			t->partial = true;
		}
		t->h[t->nh++] = hashes[i];
		t->words++;
	}
	return TM_OK;
}

tm_status
tm__numtext_read_text(tm__numtext *t, const char *text, tm__numstyle style)
{
	tm__toks toks = { 0 };
	uint64_t *h = NULL;
	char *key = NULL;
	size_t klen;
	tm_status st;

	if ((st = tm__match_key(&key, &klen, text)) < 0 ||
	    (st = tm__tokenize(&toks, key, klen)) < 0)
		goto done;
	if (!(h = tm__malloc((toks.n ? toks.n : 1) * sizeof(*h)))) {
		st = tm__error_oom();
		goto done;
	}
	for (size_t i = 0; i < toks.n; i++)
		h[i] = tm__tok_hash(key + toks.v[i].off, toks.v[i].len);
	st = tm__numtext_read(t, key, klen, &toks, h, style);
done:
	tm__free(key);
	tm__free(h);
	tm__toks_dispose(&toks);
	return st;
}

void
tm__numtext_dispose(tm__numtext *t)
{
	tm__nums_dispose(&t->nums);
	tm__free(t->h);
	tm__free(t->masked);
	tm__free(t->inmask);
	memset(t, 0, sizeof(*t));
}

bool
tm__numtext_has_numbers(const tm__numtext *t)
{
	for (size_t i = 0; i < t->nums.n; i++)
		if (!(t->nums.v[i].flags & TM__NUMF_WORD) ||
		    t->nums.v[i].note.how == TM__NUMH_KO_NATIVE ||
		    t->nums.v[i].note.how == TM__NUMH_EN_WORD)
			return true;
	return false;
}

/* The next number of @t that was not masked (in a word: G7, 4x103;
 * cutting a token; a fraction word), from *@i, *@m walking t->masked;
 * NULL at the end. */
static const tm__num *
next_unmasked(const tm__numtext *t, size_t *i, size_t *m)
{
	for (; *i < t->nums.n; (*i)++) {
		const tm__num *x = &t->nums.v[*i];

		while (*m < t->nmasked && t->masked[*m] < *i)
			(*m)++;
		if (*m < t->nmasked && t->masked[*m] == *i)
			continue;
		(*i)++;
		return x;
	}
	return NULL;
}

/* Whether the numbers of @q and @s that were not masked are written
 * alike, in the same order: those are never put in. */
static bool
unmasked_alike(const tm__numtext *q, const tm__numtext *s)
{
	size_t qi = 0, qm = 0, si = 0, sm = 0;

	for (;;) {
		const tm__num *a = next_unmasked(q, &qi, &qm);
		const tm__num *b = next_unmasked(s, &si, &sm);

		if (!a || !b)
			return !a && !b;
		if (a->spell != b->spell)
			return false;
	}
}

bool
tm__numtext_may_match(const tm__numtext *q, const uint64_t *h, size_t m)
{
	if (!q->nmasked || !q->words || m < q->nh)
		return false;
	if (q->h[0] != MASK_HASH && h[0] != q->h[0])
		return false;
	return q->h[q->nh - 1] == MASK_HASH || h[m - 1] == q->h[q->nh - 1];
}

bool
tm__numtext_same_words(const tm__numtext *a, const tm__numtext *b)
{
	return !a->partial && !b->partial && a->nmasked > 0 && a->words > 0 &&
	       a->nh == b->nh &&
	       memcmp(a->h, b->h, a->nh * sizeof(*a->h)) == 0;
}

/* --- writing a value in a notation ----------------------------------- */


/* Decimals needed to write @x exactly, at most @max; -1 if more. */
static int
decimals_needed(double x, int max)
{
	double p = 1;

	for (int d = 0; d <= max; d++, p *= 10)
		if (fabs(round(x * p) / p - x) <= 1e-9 * fmax(1.0, fabs(x)))
			return d;
	return -1;
}

/* Append the UTF-8 of @cp to @buf at *@o (room checked by the caller). */
static void
put_cp(char *buf, size_t *o, uint32_t cp)
{
	if (cp < 0x80) {
		buf[(*o)++] = (char)cp;
	} else if (cp < 0x800) {
		buf[(*o)++] = (char)(0xc0 | (cp >> 6));
		buf[(*o)++] = (char)(0x80 | (cp & 0x3f));
	} else {
		buf[(*o)++] = (char)(0xe0 | (cp >> 12));
		buf[(*o)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		buf[(*o)++] = (char)(0x80 | (cp & 0x3f));
	}
}

/* Write @x with @decimals decimals after @dec, its integer part grouped
 * by @group (0: not grouped). */
static bool
put_fixed(char *buf, size_t size, size_t *o, double x, int decimals,
          char dec, uint32_t group)
{
	char tmp[64], *dot;
	size_t intlen, len;
	int w = snprintf(tmp, sizeof(tmp), "%.*f", decimals, x);

	if (w <= 0 || (size_t)w >= sizeof(tmp))
		return false;
	len = (size_t)w;
	dot = strchr(tmp, '.');
	intlen = dot ? (size_t)(dot - tmp) : len;
	if (*o + len + intlen / 3 * 3 + 2 > size)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (tmp + i == dot) {
			buf[(*o)++] = dec;
			continue;
		}
		if (group && i > 0 && i < intlen && (intlen - i) % 3 == 0)
			put_cp(buf, o, group);
		buf[(*o)++] = tmp[i];
	}
	buf[*o] = '\0';
	return true;
}

static bool
put_str(char *buf, size_t size, size_t *o, const char *s, size_t n)
{
	if (*o + n + 1 > size)
		return false;
	memcpy(buf + *o, s, n);
	*o += n;
	buf[*o] = '\0';
	return true;
}

/* @v (an integer below 10^16) in Korean units: 5만8천300, 3억5천만; a
 * group of four digits grouped by @group ("," or NULL) when the target's
 * was (7,000억). */
static bool
put_ko_units(char *buf, size_t size, size_t *o, double v, unsigned ko,
             const char *group)
{
	static const char *const unit[] = { "조", "억", "만", "" };
	unsigned long long n = (unsigned long long)llround(v), g[4];
	bool any = false;
	bool thou = (ko & TM__NUMKO_THOUSAND) || !(ko & TM__NUMKO_DIGITS);

	g[0] = n / 1000000000000ull;
	g[1] = n / 100000000ull % 10000;
	g[2] = n / 10000 % 10000;
	g[3] = n % 10000;
	if (!n)
		return put_str(buf, size, o, "0", 1);
	for (int i = 0; i < 4; i++) {
		char tmp[48];
		int w;

		if (!g[i])
			continue;
		if (any && (ko & TM__NUMKO_SPACED) &&
		    !put_str(buf, size, o, " ", 1))
			return false;
		if (thou && g[i] >= 1000 && g[i] < 10000)
			w = g[i] % 1000
			            ? snprintf(tmp, sizeof(tmp), "%llu천%llu",
			                       g[i] / 1000, g[i] % 1000)
			            : snprintf(tmp, sizeof(tmp), "%llu천",
			                       g[i] / 1000);
		else if (group && g[i] >= 1000)
			w = snprintf(tmp, sizeof(tmp), "%llu%s%03llu",
			             g[i] / 1000, group,
			             g[i] % 1000); /* 7,000억 */
		else
			w = snprintf(tmp, sizeof(tmp), "%llu", g[i]);
		if (w <= 0 || !put_str(buf, size, o, tmp, (size_t)w) ||
		    !put_str(buf, size, o, unit[i], strlen(unit[i])))
			return false;
		any = true;
	}
	return true;
}

/* The default grouping of @tlang for an integer part of @v, when the
 * stored number was too short to show one (docs/numbers.md). */
static uint32_t
default_group(double v, const char *tlang)
{
	if (tm__numstyle_for(tlang) == TM__NUM_COMMA)
		return v >= 10000 ? ' ' : 0;
	return v >= 1000 && (!strncmp(tlang, "en", 2) ||
	                     !strncmp(tlang, "ko", 2))
	               ? ','
	               : 0;
}

/* Whether @old is an ending of a Russian word of class @cls that agrees
 * with its number (тысяча/тысячи/тысяч, миллион/миллиона/миллионов), not
 * another case (миллионами), which is kept as written. */
static bool
ru_agreeing(uint8_t cls, const char *old, size_t oldlen)
{
	static const char *const f[] = { "а", "и", "" };
	static const char *const m[] = { "", "а", "ов" };
	const char *const *e = cls == RU_F ? f : m;

	for (int i = 0; i < 3; i++)
		if (strlen(e[i]) == oldlen && !memcmp(e[i], old, oldlen))
			return true;
	return false;
}

/* The ending of a Russian word of class @cls after the number @x. */
static const char *
ru_ending(double x, uint8_t cls)
{
	static const char *const f[] = { "а", "и", "" };
	static const char *const m[] = { "", "а", "ов" };
	const char *const *e = cls == RU_F ? f : m;
	long long n;

	if (x != floor(x))
		return e[1]; /* 1,5 миллиона, 2,5 тысячи */
	n = (long long)x;
	if (n % 100 >= 11 && n % 100 <= 14)
		return e[2];
	if (n % 10 == 1)
		return e[0];
	if (n % 10 >= 2 && n % 10 <= 4)
		return e[1];
	return e[2];
}

/* Magnitude words that replace each other when a value grows or shrinks
 * past them: 1e3, 1e6, 1e9, 1e12. */
typedef struct magfamily {
	const char *word[4];
	uint8_t ru[4]; /* agreeing Russian words: their stems, and class */
} magfamily;

static const magfamily families[] = {
        { { "thousand", "million", "billion", "trillion" }, { 0 } },
        { { "k", "m", "bn", NULL }, { 0 } },
        { { "тысяч", "миллион", "миллиард", "триллион" },
          { RU_F, RU_M, RU_M, RU_M } },
        { { "тыс", "млн", "млрд", "трлн" }, { 0 } },
};

/* The family of the magnitude word @w (@len bytes, no space before it)
 * and its place in it, or NULL. */
static const magfamily *
mag_family(const char *w, size_t len, size_t *idx)
{
	const unsigned char *p = (const unsigned char *)w;

	for (size_t f = 0; f < TM_ARRAY_SIZE(families); f++)
		for (size_t i = 0; i < 4; i++) {
			size_t n;

			if (!families[f].word[i] ||
			    !starts_with(p, p + len, families[f].word[i], &n) ||
			    (!families[f].ru[i] && n != len))
				continue;
			*idx = i;
			return &families[f];
		}
	return NULL;
}

/* Month @m (1-12) written like the month name @old (@n bytes): English
 * full or abbreviated, Russian in the same case (ноября -> декабря,
 * ноябре -> декабре), the first letter's case kept. German and French
 * names are not written. */
static bool
put_month(char *buf, size_t size, size_t *o, int m, const char *old,
          size_t n)
{
	static const char *const en[] = {
	        "january", "february", "march",     "april",   "may",
	        "june",    "july",     "august",    "september", "october",
	        "november", "december",
	};
	static const char *const en3[] = { "jan", "feb", "mar", "apr",
		                           "may", "jun", "jul", "aug",
		                           "sep", "oct", "nov", "dec" };
	/* stems and their class: 0 soft (январь), 1 hard (март), 2 май */
	static const char *const ru[] = {
	        "январ", "феврал", "март",    "апрел",   "ма",     "июн",
	        "июл",   "август", "сентябр", "октябр", "ноябр", "декабр",
	};
	static const unsigned char cls[] = { 0, 0, 1, 0, 2, 0,
		                             0, 1, 0, 0, 0, 0 };
	static const char *const endings[3][4] = {
	        { "ь", "я", "е", "ем" },
	        { "", "а", "е", "ом" },
	        { "й", "я", "е", "ем" },
	};
	const unsigned char *u = (const unsigned char *)old;
	size_t at = *o, k;

	if (!n)
		return false;
	if (u[0] < 0x80) {
		bool full = false, upper = u[0] >= 'A' && u[0] <= 'Z';
		const char *w;

		for (int i = 0; i < 12; i++)
			full |= strlen(en[i]) == n && starts_with(u, u + n, en[i], &k);
		w = full ? en[m - 1] : en3[m - 1];
		if (!put_str(buf, size, o, w, strlen(w)))
			return false;
		if (upper)
			buf[at] = (char)(buf[at] - 32);
		return true;
	}
	for (int i = 0; i < 12; i++) {
		const char *rest;
		size_t rl;
		int c = -1;

		if (!starts_with(u, u + n, ru[i], &k))
			continue;
		rest = old + k;
		rl = n - k;
		for (int e = 0; e < 4; e++)
			if (strlen(endings[cls[i]][e]) == rl &&
			    !memcmp(endings[cls[i]][e], rest, rl))
				c = e;
		if (c < 0)
			return false; /* another case: not written */
		if (!put_str(buf, size, o, ru[m - 1], strlen(ru[m - 1])) ||
		    !put_str(buf, size, o, endings[cls[m - 1]][c],
		             strlen(endings[cls[m - 1]][c])))
			return false;
		if (u[0] == 0xd0 && u[1] >= 0x90 && u[1] <= 0xaf) {
			/* capital: а-п d0 b0-bf -> d0 90-9f, р-я d1 80-8f ->
			 * d0 a0-af */
			unsigned char *b = (unsigned char *)buf + at;

			if (b[0] == 0xd0)
				b[1] = (unsigned char)(b[1] - 0x20);
			else {
				b[0] = 0xd0;
				b[1] = (unsigned char)(b[1] + 0x20);
			}
		}
		return true;
	}
	return false;
}

bool
tm__numbers_write(char *buf, size_t size, double value, const tm__num *like,
                  const char *text, const char *tlang, int mindec)
{
	const tm__numnote *nt = &like->note;
	char dec = nt->dec                                    ? nt->dec
	           : tm__numstyle_for(tlang) == TM__NUM_COMMA ? ','
	                                                      : '.';
	size_t o = 0;
	int need;

	if (!size)
		return false;
	buf[0] = '\0';
	if (!isfinite(value) || value < 0 || value > 9e15 ||
	    (like->flags & (TM__NUMF_ODD | TM__NUMF_HUGE | TM__NUMF_INWORD)))
		return false;
	switch (nt->how) {
	case TM__NUMH_MONTH:
		if (value != floor(value) || value < 1 || value > 12)
			return false;
		return put_month(buf, size, &o, (int)value,
		                 text + like->off, like->len);
	case TM__NUMH_EN_WORD: {
		/* not to or from one: the noun after it would change number
		 * (one shot, two shots) */
		const char *w;

		if (value != floor(value) || value < 2 || value > 20 ||
		    like->value == 1)
			return false;
		w = en_words[(int)value - 1];
		if (!put_str(buf, size, &o, w, strlen(w)))
			return false;
		if (text[like->off] >= 'A' && text[like->off] <= 'Z')
			buf[0] = (char)(buf[0] - 32);
		return true;
	}
	case TM__NUMH_KO_NATIVE:
		if (value != floor(value) || value < 1 || value > 10)
			return false;
		return put_str(buf, size, &o, ko_native[(int)value - 1],
		               strlen(ko_native[(int)value - 1]));
	case TM__NUMH_KO_UNITS:
		if (value != floor(value))
			return false;
		return put_ko_units(buf, size, &o, value, nt->ko,
		                    nt->group == ',' ? "," : NULL);
	case TM__NUMH_MAG: {
		double x = value / nt->mag;
		bool ko_word = nt->word_len == 3 &&
		               (unsigned char)text[nt->word_off] >= 0xea;
		uint32_t group = nt->group;
		const char *w = text + nt->word_off;
		size_t sp = space_len((const unsigned char *)w,
		                      (const unsigned char *)w + nt->word_len,
		                      NULL);
		const magfamily *fam = NULL;
		size_t idx = 0, idx0;
		const char *end;
		uint8_t ru = nt->ru;

		if (ko_word) {
			need = x < 10000 ? decimals_needed(x, 2) : -1;
			if (need < 0)
				return value == floor(value) &&
				       put_ko_units(buf, size, &o, value, 0,
				                    NULL);
		} else {
			/* 1.2 billion into "350 млн": 1,2 млрд, not 1200 млн
			 * (a target that wrote 1200 млн keeps млн) */
			fam = mag_family(w + sp, nt->word_len - sp, &idx);
			idx0 = idx;
			while (fam && x >= 1000 && nt->intdigits <= 3 &&
			       idx + 1 < 4 && fam->word[idx + 1]) {
				idx++;
				x /= 1000;
			}
			while (fam && x > 0 && x < 1 && idx > 0 &&
			       like->value / nt->mag >= 1) {
				idx--;
				x *= 1000;
			}
			if (fam && idx == idx0)
				fam = NULL;
			need = decimals_needed(x, 3);
			if (need < 0)
				return false;
			if (!fam && need < mindec && mindec <= 3)
				need = mindec;
		}
		if (!group && nt->intdigits <= 3)
			group = default_group(x, tlang);
		if (!put_fixed(buf, size, &o, x, need, dec, group))
			return false;
		if (ru && !ru_agreeing(ru, w + nt->stem_len,
		                       nt->word_len - nt->stem_len)) {
			if (fam)
				return false; /* миллионами: no other word */
			ru = 0;
		}
		if (fam) { /* another word of the same family */
			const char *nw = fam->word[idx];
			size_t at = o + sp;

			if (!put_str(buf, size, &o, w, sp) ||
			    !put_str(buf, size, &o, nw, strlen(nw)))
				return false;
			if (w[sp] >= 'A' && w[sp] <= 'Z') /* Million: Billion */
				buf[at] = (char)(buf[at] - 32);
			return !fam->ru[idx] ||
			       put_str(buf, size, &o,
			               ru_ending(x, fam->ru[idx]),
			               strlen(ru_ending(x, fam->ru[idx])));
		}
		if (ru) {
			end = ru_ending(x, ru);
			return put_str(buf, size, &o, w, nt->stem_len) &&
			       put_str(buf, size, &o, end, strlen(end));
		}
		return put_str(buf, size, &o, w, nt->word_len);
	}
	default:
		break;
	}
	/* digits; the magnitude word of the range's second number (4.2 of
	 * 4.2-3.9 million) stays there */
	if (nt->mag > 1)
		value /= nt->mag;
	need = decimals_needed(value, 6);
	if (need < 0)
		return false;
	if (need < mindec && mindec <= 6)
		need = mindec;
	{
		uint32_t group = nt->group;

		if (!group && nt->intdigits <= 3 &&
		    like->kind != TM__NUMK_YEAR &&
		    like->kind != TM__NUMK_DATE &&
		    like->kind != TM__NUMK_ORDINAL)
			group = default_group(value, tlang);
		if (!put_fixed(buf, size, &o, value, need, dec, group))
			return false;
	}
	if (like->len > like->dig_len) { /* 1st, 5-й, 400mm */
		const char *suf = text + like->off + like->dig_len;
		size_t sl = like->len - like->dig_len;

		if (like->kind == TM__NUMK_ORDINAL && suf[0] != '-') {
			/* English: 1st 2nd 3rd 4th 11th */
			long long n = (long long)value;

			if (value != floor(value))
				return false;
			suf = n % 100 >= 11 && n % 100 <= 13 ? "th" :
			      n % 10 == 1                    ? "st" :
			      n % 10 == 2                    ? "nd" :
			      n % 10 == 3                    ? "rd" :
			                                       "th";
			sl = 2;
		}
		return put_str(buf, size, &o, suf, sl);
	}
	return true;
}

/* --- putting the query's values into the target ---------------------- */

/* A target number that can be rewritten. */
static bool
writable(const tm__num *x)
{
	return (maskable(x) || x->note.how == TM__NUMH_MONTH) &&
	       !(x->flags & (TM__NUMF_ODD | TM__NUMF_HUGE));
}

tm_status
tm__numbers_propose(tm__numsub *res, char **out, const tm__numtext *q,
                    const tm__numtext *s, const char *target,
                    const char *tlang)
{
	tm__nums tn = { 0 };
	tm__buf b = { 0 };
	double *newv = NULL;
	int *newdec = NULL;
	size_t n = q->nmasked, changes = 0, done = 0;
	tm_status st = TM_OK;

	*res = TM__NUMSUB_SAME;
	*out = NULL;
	if (!unmasked_alike(q, s)) { /* 4x103 against 4x100: not ours */
		*res = TM__NUMSUB_UNSURE;
		return TM_OK;
	}
	if (!n)
		return TM_OK; /* no number of the query to put in */
	if (n != s->nmasked) {
		*res = TM__NUMSUB_UNSURE;
		return TM_OK;
	}
	for (size_t i = 0; i < n; i++) {
		const tm__num *qa = &q->nums.v[q->masked[i]];
		const tm__num *sa = &s->nums.v[s->masked[i]];

		if ((qa->flags | sa->flags) & (TM__NUMF_ODD | TM__NUMF_HUGE)) {
			/* 1,23,4 or 40 digits: equal only as written */
			if (qa->spell == sa->spell &&
			    same_value(qa->value, sa->value))
				continue;
			*res = TM__NUMSUB_UNSURE;
			return TM_OK;
		}
		if (same_value(qa->value, sa->value))
			continue;
		changes++;
	}
	if (!changes)
		return TM_OK;
	*res = TM__NUMSUB_UNSURE;
	/* Each old value: every source number of that value is a paired one
	 * that changes, all to one new value. */
	for (size_t i = 0; i < n; i++) {
		const tm__num *qa = &q->nums.v[q->masked[i]];
		const tm__num *sa = &s->nums.v[s->masked[i]];
		size_t paired = 0, all = 0;

		if (same_value(qa->value, sa->value))
			continue;
		for (size_t j = 0; j < n; j++) {
			const tm__num *qb = &q->nums.v[q->masked[j]];
			const tm__num *sb = &s->nums.v[s->masked[j]];

			if (!same_value(sb->value, sa->value))
				continue;
			if (!same_value(qb->value, qa->value))
				return TM_OK; /* one value, two new ones */
			paired++;
		}
		for (size_t j = 0; j < s->nums.n; j++)
			all += same_value(s->nums.v[j].value, sa->value);
		if (all != paired)
			return TM_OK; /* also written where it is not paired */
	}
	/* read as the source key is, case aside (scan_text()) */
	if ((st = scan_text(&tn, target, strlen(target),
	                    tm__numstyle_for(tlang), false)) < 0)
		goto done;
	if (!(newv = tm__malloc((tn.n ? tn.n : 1) * sizeof(*newv))) ||
	    !(newdec = tm__malloc((tn.n ? tn.n : 1) * sizeof(*newdec)))) {
		st = tm__error_oom();
		goto done;
	}
	/* Each old value is in the target as often as in the source, each
	 * time as a number that can be rewritten. */
	for (size_t j = 0; j < tn.n; j++)
		newv[j] = -1;
	for (size_t i = 0; i < n; i++) {
		const tm__num *qa = &q->nums.v[q->masked[i]];
		const tm__num *sa = &s->nums.v[s->masked[i]];
		size_t in_src = 0, in_tgt = 0;

		if (same_value(qa->value, sa->value))
			continue;
		for (size_t j = 0; j < n; j++)
			in_src += same_value(s->nums.v[s->masked[j]].value,
			                     sa->value);
		for (size_t j = 0; j < tn.n; j++) {
			if (!same_value(tn.v[j].value, sa->value))
				continue;
			/* 20여명 (about 20) for an exact 20: 21여명 would
			 * be neither */
			if (!writable(&tn.v[j]) ||
			    ((tn.v[j].flags ^ sa->flags) & TM__NUMF_APPROX))
				goto done;
			in_tgt++;
			newv[j] = qa->value;
			/* as many decimals as both the query and the
			 * target wrote, where they count the same unit */
			newdec[j] = qa->note.decimals < tn.v[j].note.decimals
			                    ? qa->note.decimals
			                    : tn.v[j].note.decimals;
			if (qa->note.mag != tn.v[j].note.mag)
				newdec[j] = 0;
		}
		if (in_tgt != in_src)
			goto done;
	}
	for (size_t j = 0; j < tn.n; j++) {
		char text[96];

		if (newv[j] < 0)
			continue;
		if (!tm__numbers_write(text, sizeof(text), newv[j], &tn.v[j],
		                       target, tlang, newdec[j]))
			goto done;
		if ((st = tm__buf_append(&b, target + done,
		                         tn.v[j].off - done)) < 0 ||
		    (st = tm__buf_append_str(&b, text)) < 0)
			goto done;
		done = tn.v[j].off + tn.v[j].len;
	}
	if ((st = tm__buf_append_str(&b, target + done)) < 0)
		goto done;
	*out = tm__buf_steal(&b);
	*res = TM__NUMSUB_DONE;
done:
	tm__buf_dispose(&b);
	tm__nums_dispose(&tn);
	tm__free(newv);
	tm__free(newdec);
	return st;
}
