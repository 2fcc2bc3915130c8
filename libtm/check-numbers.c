/* SPDX-License-Identifier: MIT */
/* The number check (docs/check.md): the numbers of both sides, read by
 * numbers.c as values whatever their notation, compared as multisets.
 * Numbers written in words are soft: they may pair with anything, and
 * none is reported when left over, since a translation writes "two" as
 * "2", "두" or nothing at all ("one of the..."). */
#include "check-numbers-private.h"

#include <math.h>
#include <stdlib.h>

typedef tm__ckitem item;
typedef tm__ckitems items;

bool
tm__check_has_number(const char *text, size_t len, tm__numstyle style)
{
	items it = {0};
	bool any = false;

	if (tm__ck_read_items(&it, text, len, style, TM__SCRIPT_OTHER, false) <
	    0) {
		tm__free(it.v);
		return true; /* out of memory: say it may carry one */
	}
	for (size_t i = 0; i < it.n && !any; i++)
		any = !it.v[i].soft;
	tm__free(it.v);
	return any;
}

static bool
same_value(double a, double b)
{
	return fabs(a - b) <= 1e-9 * fmax(fabs(a), fabs(b));
}

/* tm__check_numbers_found() from side @from (0 the source, 1 the target)
 * of the checker's pair to the other side. */
static int
numbers_found(tm_checker *ck, int from, const char *text, size_t len,
              const char *tgt, size_t tlen)
{
	items s = {0}, t = {0};
	size_t hard = 0, found = 0;
	tm__numstyle ss = from ? ck->tstyle : ck->sstyle,
	             ts = from ? ck->sstyle : ck->tstyle;
	tm__script sc = from ? ck->tscript : ck->sscript,
	           tc = from ? ck->sscript : ck->tscript;
	int res;

	if (tm__ck_read_items(&s, text, len, ss, sc, false) < 0 ||
	    tm__ck_read_items(&t, tgt, tlen, ts, tc, false) < 0) {
		tm__free(s.v);
		tm__free(t.v);
		return -1; /* out of memory: no opinion */
	}
	for (size_t i = 0; i < s.n; i++) {
		bool in = false;

		if (s.v[i].soft || s.v[i].time)
			continue;
		hard++;
		for (size_t j = 0; j < t.n && !in; j++)
			in = same_value(s.v[i].v, t.v[j].v);
		found += in;
	}
	res = !hard ? -1 : !found ? 0 : found == hard ? 1 : 2;
	tm__free(s.v);
	tm__free(t.v);
	return res;
}

int
tm__check_numbers_found(tm_checker *ck, const char *text, size_t len,
                        const char *tgt, size_t tlen)
{
	return numbers_found(ck, 0, text, len, tgt, tlen);
}

int
tm__check_numbers_back(tm_checker *ck, const char *text, size_t len,
                       const char *src, size_t slen)
{
	return numbers_found(ck, 1, text, len, src, slen);
}

/* Pair equal values: first within a class, then across (a year written
 * as a plain number, a month read as a day). */
static void
pair_equal(items *s, items *t, bool same_cls, bool soft_too)
{
	for (size_t i = 0; i < s->n; i++) {
		item *a = &s->v[i];

		if (a->used || (a->soft && !soft_too))
			continue;
		for (size_t j = 0; j < t->n; j++) {
			item *b = &t->v[j];

			if (b->used || (b->soft && !soft_too) ||
			    (same_cls && a->cls != b->cls) ||
			    !same_value(a->v, b->v))
				continue;
			a->used = b->used = true;
			break;
		}
	}
}

/* Words with words: "two songs" and 두 곡; cardinal words first, so
 * that "the fourth minute" leaves 4분 to "four minutes later" */
static void
pair_soft(items *s, items *t)
{
	for (size_t k = 0; k < 2 * s->n; k++) {
		item *a = &s->v[k % s->n];

		if ((k < s->n) != a->cardinal)
			continue;

		for (size_t j = 0; !a->used && a->soft && j < t->n; j++) {
			item *b = &t->v[j];

			if (!b->used && b->soft && same_value(a->v, b->v))
				a->used = b->used = true;
		}
	}
}

/* The digits of @x as written (no separators). */
static size_t
digits_of(const item *x, const char *text, char *buf, size_t cap)
{
	size_t o = 0;

	for (size_t i = 0; i < x->len && o + 1 < cap; i++)
		if (text[x->off + i] >= '0' && text[x->off + i] <= '9')
			buf[o++] = text[x->off + i];
	buf[o] = '\0';
	return o;
}

/* Telephone numbers and codes: 0800 555 111 is three numbers in English
 * and one (grouped by spaces) in Russian. A left-over number of one side
 * whose digits are those of two or three consecutive left-over numbers of
 * the other pairs with them. */
static void
pair_digit_runs(items *s, const char *st, items *t, const char *tt)
{
	for (int side = 0; side < 2; side++) {
		items *one = side ? s : t, *many = side ? t : s;
		const char *ot = side ? st : tt, *mt = side ? tt : st;

		for (size_t i = 0; i < one->n; i++) {
			char a[64], b[64];
			size_t al;

			if (one->v[i].used || one->v[i].soft)
				continue;
			al = digits_of(&one->v[i], ot, a, sizeof(a));
			if (al < 4)
				continue;
			for (size_t j = 0; j < many->n; j++) {
				size_t o = 0, k;

				for (k = j; k < many->n && k < j + 3 && o < al;
				     k++) {
					if (many->v[k].used)
						break;
					o += digits_of(&many->v[k], mt, b + o,
					               sizeof(b) - o);
				}
				if (k - j >= 2 && o == al &&
				    memcmp(a, b, al) == 0) {
					one->v[i].used = true;
					for (size_t q = j; q < k; q++)
						many->v[q].used = true;
					break;
				}
			}
		}
	}
}

/* The left-over target number nearest to @a in value: of its class if
 * there is one, else of any. */
static item *
nearest(const item *a, items *t)
{
	item *best = NULL;
	double bd = INFINITY;

	for (int pass = 0; pass < 2 && !best; pass++) {
		for (size_t j = 0; j < t->n; j++) {
			item *b = &t->v[j];
			double d;

			if (b->used || b->soft ||
			    (pass == 0 && b->cls != a->cls))
				continue;
			d = fabs(log(fabs(a->v) + 1e-9) -
			         log(fabs(b->v) + 1e-9));
			if (d < bd) {
				bd = d;
				best = b;
			}
		}
	}
	return best;
}

/* Significant digits of a value (1 for 20,000; 3 for 1,896). */
static int
sig_digits(double v)
{
	double x = fabs(v);
	int n = 0;

	if (x == 0)
		return 1;
	while (x >= 1e15)
		x /= 10;
	/* to an integer of its digits, then strip trailing zeros */
	while (x != floor(x) && n < 12) {
		x *= 10;
		n++;
	}
	x = floor(x + 0.5);
	n = 0;
	while (x >= 1 && fmod(x, 10) == 0)
		x /= 10;
	while (x >= 1) {
		x = floor(x / 10);
		n++;
	}
	return n ? n : 1;
}

/* A rounding: one side says about/약/около and the translation's value
 * @b is the rounder one (fewer significant digits), within 15% of the
 * source's @a. */
static bool
rounded(const item *a, const item *b)
{
	double m = fmax(fabs(a->v), fabs(b->v));

	if (m <= 0 || fabs(a->v - b->v) > 0.15 * m)
		return false;
	return (a->approx || b->approx) && sig_digits(b->v) < sig_digits(a->v);
}

/* Times compared on a 12-hour dial (19:30 = 7시 30분 = 7:30 p.m.); a
 * source time whose place a different time takes is an error, a time
 * left out is not reported (a translation may say "in the evening"). */
static tm_status
check_times(const tm__ckpair *p)
{
	tm__cktime st[TM__CK_MAX_TIMES], tt[TM__CK_MAX_TIMES];
	size_t ns = tm__ck_read_times(st, p->src, p->slen, p->ck->sscript);
	size_t nt = tm__ck_read_times(tt, p->tgt, p->tlen, p->ck->tscript);
	tm_status rc = TM_OK;

	for (size_t i = 0; i < ns; i++)
		for (size_t j = 0; j < nt && !st[i].used; j++)
			if (!tt[j].used &&
			    (st[i].min == tt[j].min ||
			     (st[i].min < 1440 && tt[j].min < 1440 &&
			      st[i].min % 720 == tt[j].min % 720)))
				st[i].used = tt[j].used = true;
	for (size_t i = 0, j = 0; i < ns && rc == TM_OK; i++) {
		if (st[i].used)
			continue;
		/* a time given again in Moscow time (20.00 мск) is no
		 * time in its place */
		while (j < nt && (tt[j].used || tt[j].zone))
			j++;
		if (j == nt)
			break;
		tt[j].used = true;
		rc = tm__check_emit(p, TM_CHECK_NUMBER, TM_CHECK_ERROR,
		                    st[i].off, st[i].len, tt[j].off, tt[j].len,
		                    st[i].min, tt[j].min,
		                    "time %.*s in the source is not in the "
		                    "translation (it has %.*s)",
		                    (int)st[i].len, p->src + st[i].off,
		                    (int)tt[j].len, p->tgt + tt[j].off);
	}
	return rc;
}

/* Whether @len bytes of @s end at @e with the word @w (a space or the
 * start before it). */
static bool
ends_word(const char *s, size_t e, const char *w)
{
	size_t n = strlen(w);

	return e >= n && memcmp(s + e - n, w, n) == 0 &&
	       (e == n || s[e - n - 1] == ' ' || s[e - n - 1] == '(');
}

/* Whether source number @a (index @ai of @s) converts an amount just
 * before it into another currency, as translations leave out: 270
 * billion won (US$194 million), 74,500 rubles, or about 920 dollars.
 * Before it (past currency signs and about): a bracket or "or", and
 * within 40 bytes before that a number the translation has
 * (@paired). */
static bool
conversion(const char *src, size_t slen, const items *s, size_t ai,
           const bool *paired)
{
	const item *a = &s->v[ai];
	size_t q = a->off, e = a->off + a->len;
	bool money = false, changed = true;
	static const char *const cur[] = {" dollar", " euro", " won", " pound",
	                                  " yen", " ruble", " yuan"};

	while (changed) {
		static const char *const skip[] = {"about", "approximately",
		                                   "around", "some", "nearly",
		                                   "roughly", "US", "U.S."};

		changed = false;
		while (q > 0 && src[q - 1] == ' ')
			q--, changed = true;
		if (q > 0 && src[q - 1] == '$') {
			q--;
			money = changed = true;
		} else if (q >= 2 && (unsigned char)src[q - 2] == 0xC2 &&
		           (unsigned char)src[q - 1] == 0xA3) {
			q -= 2; /* £ */
			money = changed = true;
		} else if (q >= 3 && (unsigned char)src[q - 3] == 0xE2 &&
		           (unsigned char)src[q - 2] == 0x82) {
			q -= 3; /* € ₩ */
			money = changed = true;
		}
		for (size_t k = 0; k < TM_ARRAY_SIZE(skip) && !changed; k++)
			if (ends_word(src, q, skip[k]) ||
			    (q >= strlen(skip[k]) &&
			     memcmp(src + q - strlen(skip[k]), skip[k],
			            strlen(skip[k])) == 0 &&
			     (q == strlen(skip[k]) ||
			      src[q - strlen(skip[k]) - 1] == '('))) {
				q -= strlen(skip[k]);
				changed = true;
			}
	}
	for (size_t k = 0; k < TM_ARRAY_SIZE(cur) && !money; k++)
		money = e + strlen(cur[k]) <= slen &&
		        memcmp(src + e, cur[k], strlen(cur[k])) == 0;
	if (!money || q == 0)
		return false;
	if (src[q - 1] == '(') {
		q--;
	} else if (ends_word(src, q, "or")) {
		q -= 2;
		while (q > 0 && (src[q - 1] == ' ' || src[q - 1] == ','))
			q--;
	} else {
		return false;
	}
	for (size_t i = 0; i < ai; i++) {
		size_t end = s->v[i].off + s->v[i].len;

		/* the amount, and the currency word after it */
		if (paired[i] && end <= q && q - end <= 40)
			return true;
	}
	return false;
}

/* Whether the translation (@len bytes at @t) says a year relative to
 * the present: 작년, в прошлом году, this year. A year the source writes
 * may be rendered so. */
static bool
relative_year(const char *t, size_t len)
{
	static const char *const rel[] = {
	        "작년",        "지난해",       "올해",          "내년",
	        "금년",        "전년",         "прошлом году",  "прошлого года",
	        "этом году",   "этого года",   "текущем году",  "текущего года",
	        "следующем году", "следующего года", "нынешнем году",
	        "минувшем году", "минувшего года", "будущем году",
	        "last year",   "this year",    "next year",
	};

	for (size_t k = 0; k < TM_ARRAY_SIZE(rel); k++) {
		size_t n = strlen(rel[k]);

		for (size_t i = 0; i + n <= len; i++)
			if (memcmp(t + i, rel[k], n) == 0)
				return true;
	}
	return false;
}

/* Whether source number @a counts years: -year, years, year-old after
 * it (11-year history, 30 years). */
static bool
years_after(const char *src, size_t slen, const item *a)
{
	size_t e = a->off + a->len;

	while (e < slen && (src[e] == '-' || src[e] == ' '))
		e++;
	return e + 4 <= slen && memcmp(src + e, "year", 4) == 0;
}

tm_status
tm__check_numbers(const tm__ckpair *p)
{
	tm_checker *ck = p->ck;
	items s = {0}, t = {0};
	bool src_time = false, *paired = NULL;
	tm_status rc;

	rc = tm__ck_read_items(&s, p->src, p->slen, ck->sstyle, ck->sscript,
	                       false);
	for (size_t i = 0; i < s.n; i++)
		src_time = src_time || s.v[i].time;
	if (rc == TM_OK)
		rc = tm__ck_read_items(&t, p->tgt, p->tlen, ck->tstyle,
		                       ck->tscript, src_time);
	if (rc < 0)
		goto out;
	/* the numbers of a clock time the time check compares (오후 5.37)
	 * are not compared again as numbers */
	if (src_time) {
		tm__cktime tt[TM__CK_MAX_TIMES];
		size_t nt = tm__ck_read_times(tt, p->tgt, p->tlen, ck->tscript);

		for (size_t j = 0; j < t.n; j++)
			for (size_t k = 0; k < nt; k++)
				if (t.v[j].off >= tt[k].off &&
				    t.v[j].off < tt[k].off + tt[k].len)
					t.v[j].soft = t.v[j].time = true;
	}
	pair_equal(&s, &t, true, false);
	pair_equal(&s, &t, false, false);
	/* words pair with words, then with what digits are left */
	pair_soft(&s, &t);
	pair_equal(&s, &t, false, true);
	pair_digit_runs(&s, p->src, &t, p->tgt);
	paired = tm__calloc(s.n ? s.n : 1, sizeof(*paired));
	if (!paired) {
		rc = tm__error_oom();
		goto out;
	}
	for (size_t i = 0; i < s.n; i++)
		paired[i] = s.v[i].used;
	for (size_t i = 0; i < s.n && rc == TM_OK; i++) {
		item *a = &s.v[i], *b;
		tm_check_severity sev;
		const char *why = "";

		if (a->used || a->soft)
			continue;
		a->used = true;
		b = NULL;
		/* the 1930s as 30-е годы, the 1800s as 19 век */
		for (size_t j = 0; a->decade && j < t.n && !b; j++)
			if (!t.v[j].used && (t.v[j].v == fmod(a->v, 100) ||
			                     t.v[j].v == floor(a->v / 100) + 1))
				b = &t.v[j];
		if (b) {
			b->used = true;
			continue;
		}
		/* an imperial number: its metric conversion first */
		for (size_t j = 0; a->imperial && j < t.n && !b; j++)
			if (!t.v[j].used && !t.v[j].soft &&
			    tm__ck_converted(a, &t.v[j]))
				b = &t.v[j];
		if (!b)
			b = nearest(a, &t);
		if (b && rounded(a, b)) {
			b->used = true;
			rc = tm__check_emit(p, TM_CHECK_NUMBER,
			                    TM_CHECK_WARNING, a->off, a->len,
			                    b->off, b->len, a->v, b->v,
			                    "number %.*s in the source is "
			                    "rounded to %.*s in "
			                    "the translation",
			                    (int)a->len, p->src + a->off,
			                    (int)b->len, p->tgt + b->off);
			continue;
		}
		sev = TM_CHECK_ERROR;
		/* G7 against nothing like it, a converted unit, an imperial
		 * number left out (50 km (31 miles)): often right */
		if ((a->inword && !(b && b->inword)) || (a->imperial && !b) ||
		    (b && tm__ck_converted(a, b)))
			sev = TM_CHECK_WARNING;
		/* a month name the translation leaves out (30th September) */
		if (!b && a->month)
			sev = TM_CHECK_WARNING;
		/* nothing in its place: numbers under 100 are often written
		 * in words (четырьмя, сорока восьми, 열 다섯) */
		if (!b && a->cls == TM__CLS_QTY && a->v < 100 &&
		    a->v == floor(a->v))
			sev = TM_CHECK_WARNING;
		/* a currency conversion after an amount the translation has:
		 * Korean and Russian copy often leaves it out */
		if (!b && sev == TM_CHECK_ERROR &&
		    conversion(p->src, p->slen, &s, i, paired)) {
			sev = TM_CHECK_WARNING;
			why = " (a conversion of the amount before it)";
		}
		/* a year as last year, this year (작년, в этом году) */
		if (a->cls == TM__CLS_YEAR && sev == TM_CHECK_ERROR &&
		    (!b || b->cls != TM__CLS_YEAR) &&
		    relative_year(p->tgt, p->tlen)) {
			sev = TM_CHECK_WARNING;
			why = " (written as a year relative to now?)";
			b = NULL;
		}
		/* the year of a date whose day the translation has (on Sept.
		 * 3, 2026: 3일) */
		if (a->cls == TM__CLS_YEAR && !b && i > 0 && paired[i - 1] &&
		    s.v[i - 1].cls == TM__CLS_DATE &&
		    a->off - (s.v[i - 1].off + s.v[i - 1].len) <= 3) {
			sev = TM_CHECK_WARNING;
			why = " (the year of a date)";
		}
		/* a count of years as the year it began (11-year history:
		 * 2015년 창사 이래): a restatement. Not the other way: 2010 as
		 * 201년 is a slip */
		if (b && sev == TM_CHECK_ERROR && a->cls == TM__CLS_QTY &&
		    b->cls == TM__CLS_YEAR && a->v < 200 && b->v >= 1000 &&
		    years_after(p->src, p->slen, a))
			sev = TM_CHECK_WARNING;
		/* a headline is rewritten rather than translated */
		if (p->headline && sev == TM_CHECK_ERROR) {
			sev = TM_CHECK_WARNING;
			if (!*why)
				why = " (a headline)";
		}
		if (b) {
			b->used = true;
			rc = tm__check_emit(
			        p, TM_CHECK_NUMBER, sev, a->off, a->len, b->off,
			        b->len, a->v, b->v,
			        "number %.*s in the source is not in the "
			        "translation (it has %.*s)",
			        (int)a->len, p->src + a->off, (int)b->len,
			        p->tgt + b->off);
		} else {
			rc = tm__check_emit(
			        p, TM_CHECK_NUMBER, sev, a->off, a->len, 0, 0,
			        a->v, NAN,
			        "number %.*s in the source is not in the "
			        "translation%s",
			        (int)a->len, p->src + a->off, why);
		}
	}
	for (size_t j = 0; j < t.n && rc == TM_OK; j++) {
		item *b = &t.v[j];

		if (b->used || b->soft)
			continue;
		/* the source has a number in words it does not: "one in
		 * five" as 5명 중 10명. A warning: "their two children" and
		 * "Louis XVI" as 두 아이 and 루이 16세 look the same. An
		 * article's one ("a year earlier", often 전년) only against a
		 * number of its kind: 15일, a day of the month, is not it */
		const item *w = NULL;

		for (size_t i = 0; i < s.n && !w; i++)
			if (!s.v[i].used && s.v[i].soft && !s.v[i].time &&
			    (s.v[i].cls == b->cls ||
			     (s.v[i].cardinal && !s.v[i].article)) &&
			    !b->time && !b->clock)
				w = &s.v[i];
		if (w) {
			((item *)w)->used = true;
			rc = tm__check_emit(
			        p, TM_CHECK_NUMBER,
			        w->cardinal ? TM_CHECK_ERROR : TM_CHECK_WARNING,
			        w->off, w->len, b->off, b->len, w->v, b->v,
			        "number %.*s in the source is not in the "
			        "translation (it has %.*s)",
			        (int)w->len, p->src + w->off, (int)b->len,
			        p->tgt + b->off);
			continue;
		}
		rc = tm__check_emit(
		        p, TM_CHECK_NUMBER, TM_CHECK_WARNING, 0, 0, b->off,
		        b->len, NAN, b->v,
		        "number %.*s in the translation is not in the "
		        "source",
		        (int)b->len, p->tgt + b->off);
	}
	if (rc == TM_OK && src_time)
		rc = check_times(p);
out:
	tm__free(paired);
	tm__free(s.v);
	tm__free(t.v);
	return rc;
}
