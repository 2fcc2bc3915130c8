/* SPDX-License-Identifier: MIT */
/* Numbers as values, for alignment anchors. A translation keeps quantities
 * but not their spelling: "3억 달러", "$300 million" and "300 млн долларов"
 * all say 3e8; "3,5 %" in Russian is "3.5%" in English; "16개월" is
 * "16-month". Reading the value, not the string, makes them match. */
#include "numbers-private.h"

#include <stdbool.h>
#include <stdint.h>
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

/* Spaces allowed between a number and its magnitude word. */
static size_t
space_len(const unsigned char *p, const unsigned char *end)
{
	if (p < end && *p == ' ')
		return 1;
	if (end - p >= 2 && p[0] == 0xc2 && p[1] == 0xa0)
		return 2;
	if (end - p >= 3 && p[0] == 0xe2 && p[1] == 0x80 &&
	    (p[2] == 0xaf || p[2] == 0x89))
		return 3; /* narrow no-break space, thin space */
	return 0;
}

static unsigned char
ascii_lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

/* Whether @word (lower case UTF-8) starts at @p, ignoring ASCII case; the
 * match length goes to @n. */
static bool
starts_with(const unsigned char *p, const unsigned char *end,
            const char *word, size_t *n)
{
	size_t len;

	if (p >= end) /* a magnitude word looked for after the last byte */
		return false;
	/* most words fail on their first byte: no strlen for them (this
	 * runs for every word of every sentence, over two tables) */
	if ((unsigned char)word[0] < 0x80 ? ascii_lower(*p) != (unsigned char)word[0]
	                                  : *p < 0x80)
		return false;
	len = strlen(word);

	if ((size_t)(end - p) < len)
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = p[i];
		unsigned char w = (unsigned char)word[i];

		/* Cyrillic capitals А-П (d0 90-9f) and Р-Я (d0 a0-af) */
		if (i + 1 < len && c == 0xd0 && (w == 0xd0 || w == 0xd1) &&
		    p[i + 1] >= 0x90 && p[i + 1] <= 0xaf) {
			unsigned char lo = p[i + 1] < 0xa0
			                           ? (unsigned char)(p[i + 1] + 0x20)
			                           : (unsigned char)(p[i + 1] - 0x20);
			unsigned char lead = p[i + 1] < 0xa0 ? 0xd0 : 0xd1;

			if ((unsigned char)word[i] != lead ||
			    (unsigned char)word[i + 1] != lo)
				return false;
			i++;
			continue;
		}
		if (ascii_lower(c) != w)
			return false;
	}
	*n = len;
	return true;
}

typedef struct magword {
	const char *word;
	double value;
	bool prefix; /* may be followed by more letters (inflection) */
} magword;

/* Magnitude words after a number. Case-insensitive for ASCII; Russian in
 * lower case (as written after numbers). German "Billion" (1e12) is left
 * out: it collides with English "billion" (1e9). */
static const magword magwords[] = {
        {"thousand", 1e3, true},
        {"million", 1e6, true}, /* en, de Millionen, fr millions */
        {"milliard", 1e9, true}, /* fr milliard(s), de Milliarde(n) */
        {"billion", 1e9, true},
        {"trillion", 1e12, true},
        {"bn", 1e9, false},
        {"mln", 1e6, false},
        {"mio", 1e6, false},
        {"mrd", 1e9, false},
        {"tausend", 1e3, false},
        {"mille", 1e3, false},
        {"тыс", 1e3, true},
        {"млн", 1e6, false},
        {"млрд", 1e9, false},
        {"трлн", 1e12, false},
        {"миллион", 1e6, true},
        {"миллиард", 1e9, true},
        {"триллион", 1e12, true},
};

static double
magnitude_word(const unsigned char **pp, const unsigned char *end)
{
	const unsigned char *p = *pp;
	size_t sp = space_len(p, end);

	p += sp;
	for (size_t i = 0; i < sizeof(magwords) / sizeof(magwords[0]); i++) {
		size_t n;

		if (!starts_with(p, end, magwords[i].word, &n))
			continue;
		if (!magwords[i].prefix && is_letter_at(p + n, end))
			continue;
		p += n;
		while (magwords[i].prefix && is_letter_at(p, end))
			p += u8len(p, end);
		*pp = p;
		return magwords[i].value;
	}
	return 0;
}

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

static double parse_digits(const unsigned char **pp, const unsigned char *end,
                           tm__numstyle style);

/* A Korean group: digits with 십/백/천 adding up ("1천896" = 1896, "3천2백"
 * = 3200), then the closing 만/억/조 multiplier, if any, in *@bigu (else
 * 0). *@unit tells whether a Hangul unit was read at all. */
static double
ko_group(const unsigned char **pp, const unsigned char *end,
         tm__numstyle style, double *bigu, bool *unit)
{
	const unsigned char *p = *pp;
	double total = 0;

	*bigu = 0;
	*unit = false;
	for (;;) {
		double v = parse_digits(&p, end, style);
		bool big = false;
		double u = hangul_unit(p, end, &big);

		if (u && !big) {
			*unit = true;
			total += v * u;
			p += 3;
			if (p < end && is_digit(*p))
				continue;
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

/* Count digits from @p. */
static size_t
digit_run(const unsigned char *p, const unsigned char *end)
{
	size_t n = 0;

	while (p + n < end && is_digit(p[n]))
		n++;
	return n;
}

/* Parse the digits at @p with the separators of @style. */
static double
parse_digits(const unsigned char **pp, const unsigned char *end,
             tm__numstyle style)
{
	const unsigned char *p = *pp;
	double v = 0;
	size_t n = digit_run(p, end);
	size_t first = n;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (p[i] - '0');
	p += n;
	/* thousands groups */
	for (;;) {
		size_t sep = 0, g;

		if (first > 3 && first != (size_t)-1)
			break;
		if (p < end && *p == (style == TM__NUM_DOT ? ',' : '.'))
			sep = 1;
		else if (style == TM__NUM_COMMA)
			sep = space_len(p, end);
		if (!sep)
			break;
		g = digit_run(p + sep, end);
		if (g != 3)
			break;
		for (size_t i = 0; i < 3; i++)
			v = v * 10 + (p[sep + i] - '0');
		p += sep + 3;
		first = (size_t)-1; /* later groups: any number of them */
	}
	/* decimal part */
	if (p + 1 < end && *p == (style == TM__NUM_DOT ? '.' : ',') &&
	    is_digit(p[1])) {
		double scale = 0.1;

		p++;
		while (p < end && is_digit(*p)) {
			v += (*p - '0') * scale;
			scale /= 10;
			p++;
		}
	} else if (p + 1 < end && (*p == '.' || *p == ',') && is_digit(p[1]) &&
	           digit_run(p + 1, end) != 3) {
		/* the other mark with not-three digits is a decimal too:
		 * "3.5" in a Russian text, "3,5" in an English one */
		double scale = 0.1;

		p++;
		while (p < end && is_digit(*p)) {
			v += (*p - '0') * scale;
			scale /= 10;
			p++;
		}
	}
	*pp = p;
	return v;
}

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

static int
month_at(const unsigned char **pp, const unsigned char *end)
{
	const unsigned char *p = *pp;

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
		*pp = q;
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
	double num;

	if ((size_t)(end - q) < sizeof(bunui) - 1 ||
	    memcmp(q, bunui, sizeof(bunui) - 1) != 0)
		return 0;
	q += sizeof(bunui) - 1;
	q += space_len(q, end);
	if (q >= end || !is_digit(*q))
		return 0;
	num = parse_digits(&q, end, style);
	*pp = q;
	return num;
}

size_t
tm__numbers_extract(const char *text, size_t len, tm__numstyle style,
                    double *out, size_t max)
{
	const unsigned char *p = (const unsigned char *)text;
	const unsigned char *end = p + len;
	size_t count = 0;
	bool prev_letter = false;

	while (p < end) {
		if (is_digit(*p)) {
			double total = 0, last_big = 0;

			for (;;) {
				double bu, bu2, v;
				bool unit, unit2;
				const unsigned char *q, *r;
				size_t sp;

				v = ko_group(&p, end, style, &bu, &unit);
				if (!bu) {
					double mag = unit ? 0 : magnitude_word(&p, end);

					total += mag ? v * mag : v;
					break;
				}
				total += v;
				last_big = bu;
				/* 1조2000억, 3억 5천만, 1만2천800: a smaller group */
				sp = space_len(p, end);
				q = p + sp;
				if (!(q < end && is_digit(*q)))
					break;
				r = q;
				ko_group(&r, end, style, &bu2, &unit2);
				if (!((bu2 && bu2 < last_big) ||
				      (!bu2 && unit2 && !sp)))
					break;
				p = q;
			}
			{
				double num = ko_fraction(&p, end, style);

				if (num && total)
					total = num / total;
			}
			if (count < max)
				out[count] = total;
			count++;
			prev_letter = false;
			continue;
		}
		if (!prev_letter && is_letter_at(p, end)) {
			double f = fraction_at(&p, end);
			int m = f ? 0 : month_at(&p, end);

			if (f) {
				if (count < max)
					out[count] = f;
				count++;
				prev_letter = false;
				continue;
			}

			if (m) {
				if (count < max)
					out[count] = m;
				count++;
				prev_letter = false;
				continue;
			}
		}
		prev_letter = is_letter_at(p, end);
		p += u8len(p, end);
	}
	return count;
}
