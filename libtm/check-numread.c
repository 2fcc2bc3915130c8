/* SPDX-License-Identifier: MIT */
/* The numbers of one side of a pair for the number check
 * (check-numbers-private.h) as its items: numbers.c's readings grouped
 * into classes, and what only a check wants of them: soft items for the
 * words numbers.c reads loosely (tm__numbers_word() and its kin) and for
 * Roman numerals, clock times, imperial units and their conversion,
 * decades, glued letters. These stay here, not in numbers.c, because the
 * lookup would mask and rewrite them (a Roman "I", a "세" that is a tax,
 * one part of 10:08) and the anchors would meet them by chance; a soft
 * item only pairs, it is never reported alone (docs/check.md). */
#include "check-numbers-private.h"
#include "array-private.h"

#include <math.h>
#include <stdlib.h>

static tm_status
items_push(tm__ckitems *it, const tm__ckitem *x)
{
	if (!TM__ARRAY_GROW(it->v, it->cap, it->n + 1, 16))
		return tm__error_oom();
	it->v[it->n++] = *x;
	return TM_OK;
}

static uint8_t
cls_of(uint8_t kind)
{
	switch (kind) {
	case TM__NUMK_PERCENT:
	case TM__NUMK_POINTS:
		return TM__CLS_PCT;
	case TM__NUMK_YEAR:
		return TM__CLS_YEAR;
	case TM__NUMK_DATE:
	case TM__NUMK_MONTH:
		return TM__CLS_DATE;
	default:
		return TM__CLS_QTY;
	}
}
/* Whether the text before @i (spaces skipped) ends in a digit. */
static bool
after_digit(const char *s, size_t i)
{
	while (i > 0 && s[i - 1] == ' ')
		i--;
	return i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9';
}

/* Add a number word, unless numbers.c has read it (it reads English
 * number words too): then its reading stands if it read as much (twenty-
 * five), and the word's kind (cardinal) is added to it. */
static tm_status
push_word(tm__ckitems *it, const tm__ckitem *x)
{
	for (size_t k = 0; k < it->n; k++) {
		tm__ckitem *y = &it->v[k];

		if (y->off == x->off) {
			if (y->len >= x->len) {
				y->cardinal = x->cardinal;
				y->soft = true;
			} else {
				*y = *x;
			}
			return TM_OK;
		}
		if (y->off < x->off + x->len && x->off < y->off + y->len)
			return TM_OK; /* inside a number numbers.c read */
	}
	return items_push(it, x);
}

/* A word of @s at @i: letters (ASCII or Cyrillic) lower-cased into @buf.
 * Returns its length in bytes of @s, 0 when @i does not start a word. */
static size_t
word_at(const char *s, size_t len, size_t i, char *buf, size_t cap)
{
	size_t j = i, o = 0;

	while (j < len) {
		size_t adv;
		uint32_t c = tm__ck_decode(s + j, len - j, &adv);

		if (c >= 'A' && c <= 'Z')
			c += 32;
		else if (c >= 0x410 && c <= 0x42F)
			c += 32;
		else if (c == 0x401)
			c = 0x451;
		if (!((c >= 'a' && c <= 'z') || (c >= 0x430 && c <= 0x451)))
			break;
		if (o + 3 < cap) {
			if (c < 0x80) {
				buf[o++] = (char)c;
			} else {
				buf[o++] = (char)(0xC0 | (c >> 6));
				buf[o++] = (char)(0x80 | (c & 0x3F));
			}
		}
		j += adv;
	}
	buf[o] = '\0';
	return j - i;
}

static tm_status
add_words(tm__ckitems *it, const char *s, size_t len)
{
	char w[64], m[64];
	size_t i = 0;

	while (i < len) {
		size_t adv, wl;
		uint32_t c = tm__ck_decode(s + i, len - i, &adv);
		bool start = i == 0 || !((unsigned char)s[i - 1] >= 0x80 ||
		                         ((s[i - 1] | 0x20) >= 'a' &&
		                          (s[i - 1] | 0x20) <= 'z'));

		if (!start || tm__ck_letter_script(c) == TM__SCRIPT_OTHER) {
			i += adv;
			continue;
		}
		wl = word_at(s, len, i, w, sizeof(w));
		if (!wl) {
			i += adv;
			continue;
		}
		/* "a year", "a million": one, which a translation writes
		 * (1년, 100만) */
		if ((wl == 1 && (s[i] == 'a' || s[i] == 'A')) ||
		    (wl == 2 && (s[i] == 'a' || s[i] == 'A') &&
		     s[i + 1] == 'n')) {
			/* and "a hundred", "a million" (numbers.c's words) */
			static const struct {
				const char *w;
				double v;
			} one[] = {{"year", 1},    {"month", 1},
			           {"week", 1},    {"day", 1},
			           {"hour", 1},    {"minute", 1},
			           {"decade", 10}, {"century", 100},
			           {"dozen", 12}};
			size_t j = i + wl, ml2;
			char m2[64];
			double ov = 0;

			while (j < len && s[j] == ' ')
				j++;
			ml2 = word_at(s, len, j, m2, sizeof(m2));
			for (size_t q = 0; ml2 && !ov && q < TM_ARRAY_SIZE(one);
			     q++)
				if (strcmp(m2, one[q].w) == 0)
					ov = one[q].v;
			if (ml2 && !ov)
				ov = tm__numbers_word_mag(m2);
			if (ov) {
				tm__ckitem x = {0};

				x.v = ov;
				x.off = (uint32_t)i;
				x.len = (uint32_t)(j + ml2 - i);
				x.soft = x.cardinal = x.article = true;
				if (push_word(it, &x) < 0)
					return TM_ENOMEM;
			}
		}
		{
			tm__ckitem x = {0};
			size_t j = i + wl, ml;
			double wv, mv;
			bool card, dummy;

			if (!tm__numbers_word(w, &wv, &card))
				goto next;
			/* "2.4 million": numbers.c has read it with its number
			 */
			if (wv >= 1000 && after_digit(s, i))
				goto next;
			x.v = wv;
			x.off = (uint32_t)i;
			x.len = (uint32_t)wl;
			x.soft = true;
			x.cardinal = card;
			while (j < len && (s[j] == ' ' || s[j] == '-'))
				j++;
			ml = word_at(s, len, j, m, sizeof(m));
			/* "one percent", "one in five": a number after all */
			if (ml && (strcmp(m, "percent") == 0 ||
			           strcmp(m, "per") == 0 ||
			           strcmp(m, "процент") == 0))
				x.cardinal = true;
			/* "one in five", "one in 10" (not "the final one in
			 * the show") */
			if (ml && strcmp(m, "in") == 0) {
				size_t nx = j + ml;
				char m3[64];

				while (nx < len && s[nx] == ' ')
					nx++;
				if (nx < len && s[nx] >= '0' && s[nx] <= '9')
					x.cardinal = true;
				else if (word_at(s, len, nx, m3, sizeof(m3)) &&
				         tm__numbers_word(m3, &mv, &dummy))
					x.cardinal = true;
			}
			if (ml && (mv = tm__numbers_word_mag(m)) > 0) {
				x.v *= mv;
				x.len = (uint32_t)(j + ml - i);
				x.cardinal = true;
			}
			if (push_word(it, &x) < 0)
				return TM_ENOMEM;
		}
	next:
		i += wl;
	}
	return TM_OK;
}

/* ---- what numbers.c leaves to the reader ------------------------------ */

static bool
starts_with(const char *s, size_t len, size_t i, const char *w)
{
	size_t n = strlen(w);

	return i + n <= len && memcmp(s + i, w, n) == 0;
}

/* Whether the bytes at @i begin a word that ends before a letter. */
static bool
word_is(const char *s, size_t len, size_t i, const char *w)
{
	size_t n = strlen(w);

	if (!starts_with(s, len, i, w))
		return false;
	if (i + n < len) {
		size_t adv;
		uint32_t c = tm__ck_decode(s + i + n, len - i - n, &adv);

		if (tm__ck_letter_script(c) != TM__SCRIPT_OTHER)
			return false;
	}
	return true;
}

/* Units a translation converts (2 to 4 inches, 5 до 10 см). */
static const struct {
	const char *w;
	double f;  /* metric units per unit; 0 for degrees Fahrenheit */
	double f2; /* a second metric unit (cm and mm, m and cm), or 0 */
} imperial[] = {
        {"inches", 2.54, 25.4},
        {"inch", 2.54, 25.4},
        {"in.", 2.54, 25.4},
        {"feet", 0.3048, 30.48},
        {"foot", 0.3048, 30.48},
        {"ft", 0.3048, 30.48},
        {"miles", 1.609, 0},
        {"mile", 1.609, 0},
        {"mph", 1.609, 0},
        {"pounds", 0.4536, 0},
        {"pound", 0.4536, 0},
        {"lbs", 0.4536, 0},
        {"lb", 0.4536, 0},
        {"ounces", 28.35, 0},
        {"ounce", 28.35, 0},
        {"oz", 28.35, 0},
        {"gallons", 3.785, 0},
        {"gallon", 3.785, 0},
        {"yards", 0.9144, 0},
        {"yard", 0.9144, 0},
        {"acres", 0.4047, 0},
        {"acre", 0.4047, 0},
        {"knots", 1.852, 0},
        {"degrees", 0, 0},
        {"°F", 0, 0},
        {"Fahrenheit", 0, 0},
        {"F", 0, 0},
        {"fahrenheit", 0, 0},
};

/* The entry of degrees Fahrenheit in imperial[]. */
#define FAHRENHEIT 23

/* Clock times: 10:08, 4.40 am, 3 p.m., 1200 GMT. A translation writes
 * them on a 24-hour clock or in words (오후 7시 30분), so they pair but
 * are never reported. */
static const char *const clock_after[] = {
        "a.m.", "p.m.",        "am",
        "pm",   "GMT",         "UTC",
        "BST",  "EST",         "EDT",
        "CST",  "CDT",         "PST",
        "PDT",  "MDT",         "MST",
        "KST",  "CET",         "CEST",
        "AEST", "a.m",         "p.m",
        "утра", "вечера",      "дня",
        "ночи", "по Гринвичу", "по московскому",
};

static void
mark_context(tm__ckitems *it,
             const char *s,
             size_t len,
             tm__script script,
             bool clock_soft)
{
	for (size_t k = 0; k < it->n; k++) {
		tm__ckitem *x = &it->v[k];
		size_t e = x->off + x->len, j = e;

		if (x->soft)
			continue;
		/* 10:08, 07:19: both numbers of a clock time */
		if ((e + 1 < len && s[e] == ':' && s[e + 1] >= '0' &&
		     s[e + 1] <= '9') ||
		    (x->off >= 2 && s[x->off - 1] == ':' &&
		     s[x->off - 2] >= '0' && s[x->off - 2] <= '9')) {
			x->soft = x->time = true;
			continue;
		}
		while (j < len && (s[j] == ' ' || s[j] == '-'))
			j++;
		for (size_t q = 0; q < TM_ARRAY_SIZE(clock_after); q++)
			if (word_is(s, len, j, clock_after[q]) ||
			    (clock_after[q][0] == 'a' ||
			                     clock_after[q][0] == 'p'
			             ? false
			             : starts_with(s, len, j, clock_after[q])))
				x->soft = x->time = true;
		for (size_t q = 0; q < TM_ARRAY_SIZE(imperial); q++)
			if (word_is(s, len, j, imperial[q].w)) {
				x->imperial = true;
				x->unit = (uint8_t)q;
			}
		if (script == TM__SCRIPT_HANGUL &&
		    (starts_with(s, len, j, "시") ||
		     starts_with(s, len, j, "분") ||
		     starts_with(s, len, j, "초"))) {
			x->clock = true;
			if (clock_soft)
				x->soft = true;
		}
	}
	/* the first number of a range takes the unit of the second: 2 to 4
	 * inches */
	for (size_t k = it->n; k-- > 1;) {
		tm__ckitem *a = &it->v[k - 1], *b = &it->v[k];
		size_t ae = a->off + a->len;
		static const char *const joins[] = {
		        "-",    "–",     " - ", " – ", " to ",
		        " or ", " and ", "—",   "~",   " до "};
		bool range = false;

		if (a->soft || b->soft || b->off < ae)
			continue;
		for (size_t q = 0; q < TM_ARRAY_SIZE(joins) && !range; q++)
			range = b->off - ae == strlen(joins[q]) &&
			        memcmp(s + ae, joins[q], b->off - ae) == 0;
		if (!range)
			continue;
		if (b->imperial) {
			a->imperial = true;
			a->unit = b->unit;
		}
		/* numbers.c gives 4.2 of "4.2-3.9 million" the million */
	}
}

/* Roman numerals of centuries (XVII веке, X–XI вв.) and, in Latin
 * script (@after_name), of kings and wars after a capitalised word
 * (Louis XVI, World War II): soft tm__ckitems. */
static tm_status
add_roman(tm__ckitems *it, const char *s, size_t len, bool after_name)
{
	for (size_t i = 0; i < len; i++) {
		size_t j = i;
		int v = 0, prev = 0;

		if (!strchr("IVXLC", s[i]) || s[i] == '\0' ||
		    (i > 0 &&
		     ((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z')))
			continue;
		while (j < len && s[j] && strchr("IVXLC", s[j]))
			j++;
		if (j < len) {
			size_t adv;

			if (tm__ck_letter_script(
			            tm__ck_decode(s + j, len - j, &adv)) !=
			    TM__SCRIPT_OTHER) {
				i = j;
				continue;
			}
		}
		if (j - i > 6) {
			i = j;
			continue;
		}
		for (size_t q = j; q > i; q--) {
			int d = s[q - 1] == 'I'   ? 1
			        : s[q - 1] == 'V' ? 5
			        : s[q - 1] == 'X' ? 10
			        : s[q - 1] == 'L' ? 50
			                          : 100;

			v += d < prev ? -d : d;
			if (d > prev)
				prev = d;
		}
		if (after_name) {
			/* "Louis XVI": a capitalised word and one space before
			 */
			size_t b = i;

			if (b < 3 || s[b - 1] != ' ' ||
			    !((s[b - 2] | 0x20) >= 'a' &&
			      (s[b - 2] | 0x20) <= 'z'))
				v = 0;
			else {
				while (b > 1 && (s[b - 2] | 0x20) >= 'a' &&
				       (s[b - 2] | 0x20) <= 'z')
					b--;
				if (!(s[b - 1] >= 'A' && s[b - 1] <= 'Z'))
					v = 0;
			}
			if (j - i < 2 && s[i] == 'I')
				v = 0; /* "I" */
		}
		if (v > 0 && v <= 30) {
			tm__ckitem x = {0};

			x.v = v;
			x.off = (uint32_t)i;
			x.len = (uint32_t)(j - i);
			x.soft = true;
			if (items_push(it, &x) < 0)
				return TM_ENOMEM;
		}
		i = j;
	}
	return TM_OK;
}

/* Native Korean numerals as words of their own (두 골, 세 명): numbers.c
 * reads them in text only before the counters it knows; here any word
 * after will do for a soft tm__ckitem (tm__numbers_ko_native()). */
static tm_status
add_ko_native(tm__ckitems *it, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		size_t n;
		int v;
		bool have = false;

		if (i > 0 && s[i - 1] != ' ')
			continue;
		if (!(v = tm__numbers_ko_native(s + i, len - i, &n)))
			continue;
		for (size_t k = 0; k < it->n && !have; k++)
			have = it->v[k].off == i;
		if (!have) {
			tm__ckitem x = {0};

			x.v = v;
			x.off = (uint32_t)i;
			x.len = (uint32_t)n;
			x.soft = true;
			if (items_push(it, &x) < 0)
				return TM_ENOMEM;
		}
	}
	return TM_OK;
}

/* Sino-Korean numbers in letters (일만 년, 삼천 명; numbers.c reads
 * them, tm__numbers_ko_sino()) as soft tm__ckitems. */
static tm_status
add_ko_words(tm__ckitems *it, const char *s, size_t len)
{
	for (size_t i = 0; i + 6 <= len; i++) {
		double v;
		size_t n;

		if (i > 0 && (unsigned char)s[i - 1] >= 0xE0)
			continue; /* not a word start (Hangul before) */
		if ((n = tm__numbers_ko_sino(s + i, len - i, &v))) {
			tm__ckitem x = {0};

			x.v = v;
			x.off = (uint32_t)i;
			x.len = (uint32_t)n;
			x.soft = true;
			if (items_push(it, &x) < 0)
				return TM_ENOMEM;
			i += n - 1;
		}
	}
	return TM_OK;
}

/* Whether a unit of measure is glued after a number at @i: 35mm, 70km/h,
 * 100m, 5kg (not 247sports, a name). */
static bool
unit_after(const char *s, size_t len, size_t i)
{
	static const char *const units[] = {
	        "mm",  "cm",  "km",  "m",  "kg", "g",  "mg",  "t",   "l",
	        "ml",  "kph", "mph", "ft", "in", "lb", "lbs", "oz",  "s",
	        "ms",  "h",   "min", "mi", "kw", "mw", "gw",  "kwh", "hz",
	        "khz", "mhz", "ghz", "gb", "mb", "tb", "kb",  "am",  "pm",
	        "bn",  "m2",  "km2", "st", "nd", "rd", "th",
	};
	size_t j = i;
	char w[8];

	while (j < len && j - i < 7 &&
	       (((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z')))
		j++;
	if (j == i || j - i >= 7 ||
	    (j < len && (((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z') ||
	                 (unsigned char)s[j] >= 0x80)))
		return false;
	for (size_t k = 0; k < j - i; k++)
		w[k] = (char)(s[i + k] | 0x20);
	w[j - i] = '\0';
	for (size_t k = 0; k < TM_ARRAY_SIZE(units); k++)
		if (strcmp(w, units[k]) == 0)
			return true;
	return false;
}

/* Whether @len bytes of @s contain @w. */
static bool
has_bytes(const char *s, size_t len, const char *w)
{
	size_t n = strlen(w);

	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(s + i, w, n) == 0)
			return true;
	return false;
}

tm_status
tm__ck_read_items(tm__ckitems *it,
                  const char *s,
                  size_t len,
                  tm__numstyle style,
                  tm__script script,
                  bool clock_soft)
{
	tm__nums n = {0};
	tm_status rc = tm__numbers_scan(&n, s, len, style);

	for (size_t i = 0; rc == TM_OK && i < n.n; i++) {
		const tm__num *x = &n.v[i];
		tm__ckitem y = {0};

		if (x->flags & (TM__NUMF_ODD | TM__NUMF_HUGE))
			continue; /* 1,23,4 or 10^30: no value to trust */
		y.v = x->value;
		y.mag = x->note.mag > 1 ? x->note.mag : 1;
		y.off = x->off;
		y.len = x->len;
		y.cls = cls_of(x->kind);
		y.approx = (x->flags & TM__NUMF_APPROX) != 0;
		/* a month name is a word, but a date's month a reader checks */
		y.soft =
		        (x->flags & TM__NUMF_WORD) && x->kind != TM__NUMK_MONTH;
		y.inword = (x->flags & TM__NUMF_INWORD) != 0;
		/* Letters glued after the digits: numbers.c puts them in the
		 * span (1800s, 35mm, 7.55am, 247sports) or leaves them after
		 * it; either way they say what the number is */
		{
			size_t so = x->off + x->dig_len, sl = 0;

			if (x->dig_len >= x->len)
				so = x->off + x->len;
			while (so + sl < len && sl < 12 &&
			       (((s[so + sl] | 0x20) >= 'a' &&
			         (s[so + sl] | 0x20) <= 'z')))
				sl++;
			if (sl &&
			    (so + sl == len ||
			     tm__ck_letter_script((unsigned char)s[so + sl]) ==
			             TM__SCRIPT_OTHER)) {
				if (sl == 1 && s[so] == 's' &&
				    fmod(x->value, 10) == 0)
					y.decade = true;
				else if (sl == 2 &&
				         ((s[so] | 0x20) == 'a' ||
				          (s[so] | 0x20) == 'p') &&
				         (s[so + 1] | 0x20) == 'm')
					y.soft = y.time = true; /* 7.55am */
				else if (!unit_after(s, so + sl, so))
					y.inword = true; /* 247sports, 5G */
				if (y.decade || unit_after(s, so + sl, so))
					y.inword =
					        x->off > 0 &&
					        ((s[x->off - 1] | 0x20) >=
					                 'a' &&
					         (s[x->off - 1] | 0x20) <= 'z');
			}
		}
		/* a decade (1980s, the 80s) is not a code: the 1930s are
		 * "30-е годы", the 1800s "19 век"; in the 80s (degrees, years
		 * of age) says too little to check */
		if (y.decade) {
			/* the 80s in degrees are 27 градусов; in his 40s is
			 * 40대 */
			if (x->value < 1000 && (has_bytes(s, len, "degree") ||
			                        has_bytes(s, len, "temperat") ||
			                        has_bytes(s, len, "warm") ||
			                        has_bytes(s, len, "heat") ||
			                        has_bytes(s, len, "°"))) {
				y.imperial = true;
				y.unit = (uint8_t)FAHRENHEIT;
			}
		}
		y.month = x->kind == TM__NUMK_MONTH;
		rc = items_push(it, &y);
	}
	tm__nums_dispose(&n);
	if (rc == TM_OK)
		rc = add_words(it, s, len);
	if (rc == TM_OK &&
	    (script == TM__SCRIPT_CYRILLIC || script == TM__SCRIPT_LATIN))
		rc = add_roman(it, s, len, script == TM__SCRIPT_LATIN);
	if (rc == TM_OK && script == TM__SCRIPT_HANGUL)
		rc = add_ko_words(it, s, len);
	if (rc == TM_OK && script == TM__SCRIPT_HANGUL)
		rc = add_ko_native(it, s, len);
	if (rc == TM_OK)
		mark_context(it, s, len, script, clock_soft);
	return rc;
}

/* Whether @b is @a converted from its imperial unit to a metric one:
 * inches to cm or mm, miles to km, pounds to kg..., degrees Fahrenheit
 * to Celsius, rounded as a translator rounds (8% or one unit, two
 * degrees). */
bool
tm__ck_converted(const tm__ckitem *a, const tm__ckitem *b)
{
	double f, f2;

	if (!a->imperial || a->v <= 0 || b->v <= 0)
		return false;
	f = imperial[a->unit].f;
	f2 = imperial[a->unit].f2;
	if (f == 0)
		return fabs((a->v - 32) * 5 / 9 - b->v) <= 2;
	/* 8%, or one unit for small values (1 inch is 2 см) */
	return fabs(b->v - a->v * f) <= fmax(0.08 * a->v * f, 1.0) ||
	       (f2 && fabs(b->v - a->v * f2) <= fmax(0.08 * a->v * f2, 1.0));
}

/* ---- clock times -------------------------------------------------------- */

static size_t
read_int(const char *s, size_t len, size_t i, int *v, size_t max_digits)
{
	size_t j = i;

	*v = 0;
	while (j < len && j - i < max_digits && s[j] >= '0' && s[j] <= '9')
		*v = *v * 10 + (s[j++] - '0');
	if (j < len && s[j] >= '0' && s[j] <= '9') {
		*v = 0;
		return 0; /* longer than wanted */
	}
	return j - i;
}

/* "pm" and the like after a time, at @j: 1 pm, 0 am, -1 none; *@end
 * receives the end of the word. */
static int
meridiem(const char *s, size_t len, size_t j, size_t *end)
{
	static const struct {
		const char *w;
		int pm;
	} m[] = {{"a.m.", 0},   {"p.m.", 1}, {"am", 0},   {"pm", 1},
	         {"AM", 0},     {"PM", 1},   {"утра", 0}, {"ночи", 0},
	         {"вечера", 1}, {"дня", 1}};

	while (j < len && s[j] == ' ')
		j++;
	for (size_t q = 0; q < TM_ARRAY_SIZE(m); q++)
		if (word_is(s, len, j, m[q].w) ||
		    (m[q].w[1] == '.' && starts_with(s, len, j, m[q].w))) {
			*end = j + strlen(m[q].w);
			return m[q].pm;
		}
	return -1;
}

/* The clock times of @s: 19:30, 7:30 p.m., 3 p.m., 4.40 am, 1200 GMT, and
 * in Korean (오전|오후) 7시 (30분). */
/* Whether a time zone follows position @e of @s (after spaces): 2 for
 * Moscow time (мск, по московскому), which a Russian translation adds to
 * a foreign time (9.00 по местному времени (3.00 мск)); 1 for another
 * (по местному времени, по Гринвичу, GMT, UTC); 0 for none. */
static int
zone_after(const char *s, size_t len, size_t e)
{
	static const char *const zone[] = {
	        "мск", "МСК", "по московскому", "по местному", "по Гринвичу",
	        "GMT", "UTC",
	};

	while (e < len && s[e] == ' ')
		e++;
	for (size_t k = 0; k < TM_ARRAY_SIZE(zone); k++)
		if (starts_with(s, len, e, zone[k]))
			return k < 3 ? 2 : 1;
	return 0;
}

size_t
tm__ck_read_times(tm__cktime *out, const char *s, size_t len, tm__script script)
{
	size_t n = 0;

	for (size_t i = 0; i < len && n < TM__CK_MAX_TIMES; i++) {
		int h, m = 0, pm = -1;
		size_t a, b, e, j;
		int zone = 0;

		if (!(s[i] >= '0' && s[i] <= '9') ||
		    (i > 0 &&
		     ((s[i - 1] >= '0' && s[i - 1] <= '9') || s[i - 1] == '.' ||
		      s[i - 1] == ',' || s[i - 1] == ':')))
			continue;
		a = read_int(s, len, i, &h, 4);
		if (!a) {
			while (i + 1 < len && s[i + 1] >= '0' &&
			       s[i + 1] <= '9')
				i++;
			continue;
		}
		e = i + a;
		if (a == 4) {
			/* 1200 GMT */
			size_t k = e;

			while (k < len && s[k] == ' ')
				k++;
			if (!(starts_with(s, len, k, "GMT") ||
			      starts_with(s, len, k, "UTC") ||
			      starts_with(s, len, k, "BST")))
				continue;
			m = h % 100;
			h /= 100;
		} else if (a <= 2 && e + 2 < len &&
		           (s[e] == ':' || s[e] == '.') &&
		           (b = read_int(s, len, e + 1, &m, 2)) == 2) {
			e += 3;
			pm = meridiem(s, len, e, &j);
			if (pm < 0 && i >= 7 &&
			    memcmp(s + i - 7, "오후", 6) == 0) {
				pm = 1;
				j = e;
			} else if (pm < 0 && i >= 7 &&
			           memcmp(s + i - 7, "오전", 6) == 0) {
				pm = 0;
				j = e;
			}
			/* 4.40 is a time only with am/pm, or a time zone
			 * after it (9.00 по местному времени, 3.00 мск) */
			zone = zone_after(s, len, e);
			/* в 6.40: Russian writes decimals with a comma */
			if (s[i + a] == '.' && pm < 0 && !zone &&
			    !(script == TM__SCRIPT_CYRILLIC && i >= 3 &&
			      memcmp(s + i - 3, "в ", 3) == 0))
				continue;
			if (pm >= 0)
				e = j;
		} else if (a <= 2 && (pm = meridiem(s, len, e, &j)) >= 0) {
			e = j;
		} else if (a <= 2 && script == TM__SCRIPT_HANGUL &&
		           starts_with(s, len, e, "시") &&
		           !starts_with(s, len, e + 3, "간")) {
			/* 7시, 7시 30분, after 오전/오후 */
			e += 3;
			if (e + 1 < len && s[e] == ' ' &&
			    (b = read_int(s, len, e + 1, &m, 2)) > 0 &&
			    starts_with(s, len, e + 1 + b, "분"))
				e += 1 + b + 3;
			if (i >= 7 && memcmp(s + i - 7, "오후", 6) == 0)
				pm = 1;
			else if (i >= 7 && memcmp(s + i - 7, "오전", 6) == 0)
				pm = 0;
		} else {
			continue;
		}
		/* 27:37 on a game clock is minutes and seconds: compared as
		 * written */
		if (m > 59 || (h > 24 && pm >= 0))
			continue;
		if (pm == 1 && h < 12)
			h += 12;
		if (pm == 0 && h == 12)
			h = 0;
		out[n].min = h * 60 + m;
		out[n].off = (uint32_t)i;
		out[n].len = (uint32_t)(e - i);
		out[n].used = false;
		out[n].zone = zone == 2;
		n++;
		i = e - 1;
	}
	return n;
}
