/* SPDX-License-Identifier: MIT */
/* The number check (docs/check.md): the numbers of both sides, read by
 * numbers.c as values whatever their notation, compared as multisets.
 * Numbers written in words are soft: they may pair with anything, and
 * none is reported when left over, since a translation writes "two" as
 * "2", "두" or nothing at all ("one of the..."). */
#include "check-private.h"

#include <math.h>
#include <stdlib.h>

/* What a number is, for pairing: a month name and a day are both part of
 * a date; percent and percentage points both read "%". */
enum { CLS_QTY, CLS_PCT, CLS_YEAR, CLS_DATE };

typedef struct item {
	double v;
	uint32_t off, len;
	uint8_t cls;
	bool approx;
	bool soft;   /* a word: pairs freely, never reported */
	bool inword; /* G7, 5G, MH17: part of a name; only warned about */
	bool used;
} item;

typedef struct items {
	item *v;
	size_t n, cap;
} items;

static tm_status
items_push(items *it, const item *x)
{
	if (it->n == it->cap) {
		size_t nc = it->cap ? it->cap * 2 : 16;
		item *v = realloc(it->v, nc * sizeof(*v));

		if (!v)
			return tm__error_oom();
		it->v = v;
		it->cap = nc;
	}
	it->v[it->n++] = *x;
	return TM_OK;
}

static uint8_t
cls_of(uint8_t kind)
{
	switch (kind) {
	case TM__NUMK_PERCENT:
	case TM__NUMK_POINTS:
		return CLS_PCT;
	case TM__NUMK_YEAR:
		return CLS_YEAR;
	case TM__NUMK_DATE:
	case TM__NUMK_MONTH:
		return CLS_DATE;
	default:
		return CLS_QTY;
	}
}

/* Number words numbers.c leaves to the reader (it reads digits, Korean
 * units and native Korean numerals): English and Russian one to twelve,
 * with a magnitude word after them ("two million", "три миллиона"). They
 * are soft items, there only to pair with a translation's digits. */
static const struct {
	const char *w;
	double v;
} words[] = {
        {"one", 1},      {"two", 2},       {"three", 3},     {"four", 4},
        {"five", 5},     {"six", 6},       {"seven", 7},     {"eight", 8},
        {"nine", 9},     {"ten", 10},      {"eleven", 11},   {"twelve", 12},
        {"twenty", 20},  {"thirty", 30},   {"forty", 40},    {"fifty", 50},
        {"hundred", 100}, {"dozen", 12},   {"half", 0.5},    {"once", 1},
        {"twice", 2},    {"first", 1},     {"second", 2},    {"third", 3},
        {"один", 1},     {"одна", 1},      {"одно", 1},      {"одного", 1},
        {"одной", 1},    {"два", 2},       {"две", 2},       {"двух", 2},
        {"три", 3},      {"трех", 3},      {"трёх", 3},      {"четыре", 4},
        {"четырех", 4},  {"пять", 5},      {"пяти", 5},      {"шесть", 6},
        {"шести", 6},    {"семь", 7},      {"семи", 7},      {"восемь", 8},
        {"восьми", 8},   {"девять", 9},    {"девяти", 9},    {"десять", 10},
        {"десяти", 10},  {"двенадцать", 12}, {"двадцать", 20},
        {"тридцать", 30}, {"сто", 100},    {"половина", 0.5},
        {"первый", 1},   {"первая", 1},    {"первое", 1},    {"второй", 2},
        {"третий", 3},   {"дважды", 2},
};

static const struct {
	const char *w;
	double v;
} mags[] = {
        {"hundred", 1e2},   {"thousand", 1e3},   {"million", 1e6},
        {"billion", 1e9},   {"trillion", 1e12},  {"тысяч", 1e3},
        {"тысячи", 1e3},    {"тысяча", 1e3},     {"миллион", 1e6},
        {"миллиона", 1e6},  {"миллионов", 1e6},  {"миллиард", 1e9},
        {"миллиарда", 1e9}, {"миллиардов", 1e9},
};

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
add_words(items *it, const char *s, size_t len)
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
		for (size_t k = 0; k < TM_ARRAY_SIZE(words); k++) {
			item x = {0};
			size_t j = i + wl, ml;

			if (strcmp(w, words[k].w) != 0)
				continue;
			x.v = words[k].v;
			x.off = (uint32_t)i;
			x.len = (uint32_t)wl;
			x.soft = true;
			while (j < len && (s[j] == ' ' || s[j] == '-'))
				j++;
			ml = word_at(s, len, j, m, sizeof(m));
			for (size_t q = 0; ml && q < TM_ARRAY_SIZE(mags); q++)
				if (strcmp(m, mags[q].w) == 0) {
					x.v *= mags[q].v;
					x.len = (uint32_t)(j + ml - i);
				}
			if (items_push(it, &x) < 0)
				return TM_ENOMEM;
			break;
		}
		i += wl;
	}
	return TM_OK;
}

static tm_status
read_items(items *it, const char *s, size_t len, tm__numstyle style)
{
	tm__nums n = {0};
	tm_status rc = tm__numbers_scan(&n, s, len, style);

	for (size_t i = 0; rc == TM_OK && i < n.n; i++) {
		const tm__num *x = &n.v[i];
		item y = {0};

		if (x->flags & (TM__NUMF_ODD | TM__NUMF_HUGE))
			continue; /* 1,23,4 or 10^30: no value to trust */
		y.v = x->value;
		y.off = x->off;
		y.len = x->len;
		y.cls = cls_of(x->kind);
		y.approx = (x->flags & TM__NUMF_APPROX) != 0;
		/* a month name is a word, but a date's month a reader checks */
		y.soft = (x->flags & TM__NUMF_WORD) && x->kind != TM__NUMK_MONTH;
		y.inword = (x->flags & TM__NUMF_INWORD) != 0;
		rc = items_push(it, &y);
	}
	tm__nums_dispose(&n);
	if (rc == TM_OK)
		rc = add_words(it, s, len);
	return rc;
}

bool
tm__check_has_number(const char *text, size_t len, tm__numstyle style)
{
	items it = {0};
	bool any = false;

	if (read_items(&it, text, len, style) < 0) {
		free(it.v);
		return true; /* out of memory: say it may carry one */
	}
	for (size_t i = 0; i < it.n && !any; i++)
		any = !it.v[i].soft;
	free(it.v);
	return any;
}

static bool
same_value(double a, double b)
{
	return fabs(a - b) <= 1e-9 * fmax(fabs(a), fabs(b));
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
			    (same_cls && a->cls != b->cls) || !same_value(a->v, b->v))
				continue;
			a->used = b->used = true;
			break;
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

			if (b->used || b->soft || (pass == 0 && b->cls != a->cls))
				continue;
			d = fabs(log(fabs(a->v) + 1e-9) - log(fabs(b->v) + 1e-9));
			if (d < bd) {
				bd = d;
				best = b;
			}
		}
	}
	return best;
}

/* A rounding: one side says about/약/около and the values are within 15%
 * of each other. */
static bool
rounded(const item *a, const item *b)
{
	double m = fmax(fabs(a->v), fabs(b->v));

	return (a->approx || b->approx) && m > 0 &&
	       fabs(a->v - b->v) <= 0.15 * m;
}

tm_status
tm__check_numbers(const tm__ckpair *p)
{
	tm_checker *ck = p->ck;
	items s = {0}, t = {0};
	tm_status rc;

	rc = read_items(&s, p->src, p->slen, ck->sstyle);
	if (rc == TM_OK)
		rc = read_items(&t, p->tgt, p->tlen, ck->tstyle);
	if (rc < 0)
		goto out;
	pair_equal(&s, &t, true, false);
	pair_equal(&s, &t, false, false);
	/* words pair with what digits are left */
	pair_equal(&s, &t, false, true);
	for (size_t i = 0; i < s.n && rc == TM_OK; i++) {
		item *a = &s.v[i], *b;
		tm_check_severity sev;

		if (a->used || a->soft)
			continue;
		a->used = true;
		b = nearest(a, &t);
		if (b && rounded(a, b)) {
			b->used = true;
			rc = tm__check_emit(
			        p, TM_CHECK_NUMBER, TM_CHECK_WARNING, a->off, a->len,
			        b->off, b->len, a->v, b->v,
			        "number %.*s in the source is rounded to %.*s in "
			        "the translation",
			        (int)a->len, p->src + a->off, (int)b->len,
			        p->tgt + b->off);
			continue;
		}
		sev = a->inword && !(b && b->inword) ? TM_CHECK_WARNING
		                                     : TM_CHECK_ERROR;
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
			        p, TM_CHECK_NUMBER, sev, a->off, a->len, 0, 0, a->v,
			        NAN,
			        "number %.*s in the source is not in the "
			        "translation",
			        (int)a->len, p->src + a->off);
		}
	}
	for (size_t j = 0; j < t.n && rc == TM_OK; j++) {
		item *b = &t.v[j];

		if (b->used || b->soft)
			continue;
		rc = tm__check_emit(p, TM_CHECK_NUMBER, TM_CHECK_WARNING, 0, 0,
		                    b->off, b->len, NAN, b->v,
		                    "number %.*s in the translation is not in the "
		                    "source",
		                    (int)b->len, p->tgt + b->off);
	}
out:
	free(s.v);
	free(t.v);
	return rc;
}
