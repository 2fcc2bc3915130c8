/* SPDX-License-Identifier: MIT */
/* Translation QA (docs/check.md): the checker, the findings list, a story
 * and its translation (segmented, aligned, each link checked), stored
 * pairs, and the checks that need no language knowledge: missing and
 * added sentences, untranslated segments, length, consistency. Numbers are
 * in check-numbers.c, names and the glossary in check-names.c. */
#include "check-private.h"
#include "align-private.h"
#include "array-private.h"
#include "fnv-private.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- small helpers ---------------------------------------------------- */

uint32_t
tm__ck_decode(const char *s, size_t n, size_t *adv)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c;
	size_t k;

	if (u[0] < 0x80) {
		*adv = 1;
		return u[0];
	}
	if ((u[0] & 0xE0) == 0xC0) {
		c = u[0] & 0x1F;
		k = 2;
	} else if ((u[0] & 0xF0) == 0xE0) {
		c = u[0] & 0x0F;
		k = 3;
	} else if ((u[0] & 0xF8) == 0xF0) {
		c = u[0] & 0x07;
		k = 4;
	} else {
		*adv = 1;
		return 0xFFFD;
	}
	if (k > n) {
		*adv = 1;
		return 0xFFFD;
	}
	for (size_t i = 1; i < k; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*adv = 1;
			return 0xFFFD;
		}
		c = (c << 6) | (u[i] & 0x3F);
	}
	*adv = k;
	return c;
}

tm__script
tm__ck_letter_script(uint32_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
	    (c >= 0x1E00 && c <= 0x1EFF))
		return TM__SCRIPT_LATIN;
	if (c >= 0x400 && c <= 0x4FF)
		return TM__SCRIPT_CYRILLIC;
	if ((c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) ||
	    (c >= 0x3130 && c <= 0x318F))
		return TM__SCRIPT_HANGUL;
	return TM__SCRIPT_OTHER;
}

bool
tm__ck_is_upper(uint32_t c)
{
	return (c >= 'A' && c <= 'Z') ||
	       (c >= 0xC0 && c <= 0xDE && c != 0xD7) ||
	       (c >= 0x410 && c <= 0x42F) || c == 0x401;
}

tm__script
tm__script_of_lang(const char *lang)
{
	char p[8];
	size_t i = 0;

	while (lang[i] && lang[i] != '-' && lang[i] != '_' &&
	       i < sizeof(p) - 1) {
		p[i] = (char)(lang[i] | 0x20);
		i++;
	}
	p[i] = '\0';
	if (strcmp(p, "ko") == 0)
		return TM__SCRIPT_HANGUL;
	if (strcmp(p, "ru") == 0 || strcmp(p, "uk") == 0 ||
	    strcmp(p, "be") == 0 || strcmp(p, "bg") == 0 ||
	    strcmp(p, "sr") == 0 || strcmp(p, "kk") == 0 ||
	    strcmp(p, "mk") == 0)
		return TM__SCRIPT_CYRILLIC;
	if (strcmp(p, "ja") == 0 || strcmp(p, "zh") == 0 ||
	    strcmp(p, "ar") == 0 || strcmp(p, "he") == 0 ||
	    strcmp(p, "el") == 0 || strcmp(p, "th") == 0 ||
	    strcmp(p, "hi") == 0)
		return TM__SCRIPT_OTHER;
	return TM__SCRIPT_LATIN;
}

/* ---- names of kinds and severities ------------------------------------ */

TM_API const char *
tm_check_kind_name(tm_check_kind kind)
{
	static const char *const names[] = {
	        "number",       "name",   "missing",     "added",
	        "untranslated", "length", "consistency", "document"};

	if ((unsigned)kind >= TM_ARRAY_SIZE(names))
		return "unknown";
	return names[kind];
}

TM_API const char *
tm_check_severity_name(tm_check_severity s)
{
	switch (s) {
	case TM_CHECK_INFO:
		return "info";
	case TM_CHECK_WARNING:
		return "warning";
	case TM_CHECK_ERROR:
		return "error";
	}
	return "unknown";
}

TM_API tm_status
tm_check_severity_parse(tm_check_severity *out, const char *name)
{
	static const tm_check_severity all[] = {TM_CHECK_INFO, TM_CHECK_WARNING,
	                                        TM_CHECK_ERROR};

	for (size_t i = 0; name && i < TM_ARRAY_SIZE(all); i++) {
		if (strcmp(name, tm_check_severity_name(all[i])) == 0) {
			*out = all[i];
			return TM_OK;
		}
	}
	return tm__error_set(TM_EINVAL,
	                     "check: unknown severity '%s' (info, warning, "
	                     "error)",
	                     name ? name : "(null)");
}

/* ---- the list ----------------------------------------------------------- */

TM_API size_t
tm_check_list_count(const tm_check_list *l)
{
	return l ? l->n : 0;
}

TM_API const tm_check_finding *
tm_check_list_get(const tm_check_list *l, size_t i)
{
	if (!l || i >= l->n)
		return NULL;
	return &l->v[i];
}

TM_API void
tm_check_list_free(tm_check_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++) {
		tm__free((char *)l->v[i].message);
		tm__free((char *)l->v[i].src_text);
		tm__free((char *)l->v[i].tgt_text);
		tm__free((char *)l->v[i].group);
	}
	tm__free(l->v);
	tm__free(l);
}

/* Line of byte @off of one side of @p. */
static size_t
line_at(const char *text,
        const size_t *brk,
        const size_t *lines,
        size_t nb,
        size_t off)
{
	size_t k = 0, line;

	if (!nb || !lines)
		return 0;
	while (k + 1 < nb && brk[k + 1] <= off)
		k++;
	line = lines[k];
	for (size_t i = brk[k]; i < off && text[i]; i++)
		if (text[i] == '\n')
			line++;
	return line;
}

tm_status
tm__check_emit(const tm__ckpair *p,
               tm_check_kind kind,
               tm_check_severity sev,
               size_t ss,
               size_t sl,
               size_t ts,
               size_t tl,
               double sv,
               double tv,
               const char *fmt,
               ...)
{
	tm_check_list *l = p->out;
	tm_check_finding *f;
	char buf[1024];
	va_list ap;

	if (sev < p->ck->min)
		return TM_OK;
	if (!TM__ARRAY_GROW(l->v, l->cap, l->n + 1, 16))
		return tm__error_oom();
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	f = &l->v[l->n];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->severity = sev;
	f->pair = p->pair;
	f->src_first = p->src_first;
	f->src_count = p->src_count;
	f->tgt_first = p->tgt_first;
	f->tgt_count = p->tgt_count;
	f->src_start = ss;
	f->src_len = sl;
	f->tgt_start = ts;
	f->tgt_len = tl;
	f->src_line = line_at(p->src, p->sbreak, p->sline, p->nsb, ss);
	f->tgt_line = line_at(p->tgt, p->tbreak, p->tline, p->ntb, ts);
	f->src_value = sv;
	f->tgt_value = tv;
	f->id = p->id;
	f->message = tm__strdup(buf);
	f->src_text = tm__strndup(p->src, p->slen);
	f->tgt_text = tm__strndup(p->tgt, p->tlen);
	f->group = p->group ? tm__strdup(p->group) : NULL;
	if (!f->message || !f->src_text || !f->tgt_text ||
	    (p->group && !f->group)) {
		tm__free((char *)f->message);
		tm__free((char *)f->src_text);
		tm__free((char *)f->tgt_text);
		tm__free((char *)f->group);
		return tm__error_oom();
	}
	l->n++;
	return TM_OK;
}

/* ---- the checker -------------------------------------------------------- */

TM_API tm_status
tm_checker_new(tm_checker **out,
               const char *src_lang,
               const char *tgt_lang,
               const tm_check_options *opts)
{
	tm_check_options def = TM_CHECK_OPTIONS_INIT;
	tm_checker *ck;
	tm_status rc;

	if (!out)
		return tm__error_set(TM_EINVAL, "check: no output pointer");
	*out = NULL;
	if (!opts)
		opts = &def;
	if (opts->version != TM_CHECK_OPTIONS_VERSION)
		return tm__error_set(TM_EINVAL,
		                     "check: unknown options version %u",
		                     opts->version);
	if (!src_lang || !tgt_lang)
		return tm__error_set(TM_EINVAL, "check: a language is missing");
	ck = tm__calloc(1, sizeof(*ck));
	if (!ck)
		return tm__error_oom();
	rc = tm_lang_normalize(&ck->src_lang, src_lang);
	if (rc == TM_OK)
		rc = tm_lang_normalize(&ck->tgt_lang, tgt_lang);
	if (rc < 0) {
		tm_checker_free(ck);
		return rc;
	}
	ck->sstyle = tm__numstyle_for(ck->src_lang);
	ck->tstyle = tm__numstyle_for(ck->tgt_lang);
	ck->sscript = tm__script_of_lang(ck->src_lang);
	ck->tscript = tm__script_of_lang(ck->tgt_lang);
	ck->sgl = tm__gl_lang_index(ck->src_lang);
	ck->tgl = tm__gl_lang_index(ck->tgt_lang);
	ck->flags = opts->flags;
	ck->min = opts->min_severity;
	ck->gl = opts->glossary;
	rc = tm_translit_new(&ck->tr, NULL, 0);
	if (rc == TM_OK)
		rc = tm__check_glossary_keys(ck);
	if (rc == TM_OK)
		rc = tm__check_facts_compile(ck);
	if (rc < 0) {
		tm_checker_free(ck);
		return rc;
	}
	*out = ck;
	return TM_OK;
}

TM_API void
tm_checker_free(tm_checker *ck)
{
	if (!ck)
		return;
	if (ck->glkeys) {
		for (size_t i = 0; ck->gl && i < 2 * ck->gl->n; i++)
			tm_free(ck->glkeys[i]);
		tm__free(ck->glkeys);
	}
	tm__free(ck->ff);
	tm_translit_free(ck->tr);
	tm_aligner_free(ck->al);
	tm_checker_free(ck->rev);
	tm__ckwords_free(ck->words);
	tm_segmenter_free(ck->sseg);
	tm_segmenter_free(ck->tseg);
	tm__free(ck->src_lang);
	tm__free(ck->tgt_lang);
	tm__free(ck);
}

/* ---- checks that need no language knowledge ---------------------------- */

/* Letters of @len bytes of @s by script; words (runs of letters). */
static void
count_letters(const char *s, size_t len, size_t by[4], size_t *words)
{
	bool in = false;

	memset(by, 0, 4 * sizeof(size_t));
	*words = 0;
	for (size_t i = 0; i < len;) {
		size_t adv;
		uint32_t c = tm__ck_decode(s + i, len - i, &adv);
		tm__script sc = tm__ck_letter_script(c);

		if (sc != TM__SCRIPT_OTHER ||
		    (c > 0x7F && c != 0xFFFD && c != 0xA0 && c < 0x2000 &&
		     !(c >= 0x300 && c <= 0x36F))) {
			by[sc]++;
			if (!in)
				(*words)++;
			in = true;
		} else {
			in = false;
		}
		i += adv;
	}
}

/* The pair's bytes without leading and trailing white space. */
static void
trim(const char **s, size_t *len)
{
	while (*len && ((*s)[0] == ' ' || (*s)[0] == '\t' || (*s)[0] == '\n' ||
	                (*s)[0] == '\r')) {
		(*s)++;
		(*len)--;
	}
	while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' ||
	                (*s)[*len - 1] == '\n' || (*s)[*len - 1] == '\r'))
		(*len)--;
}

static tm_status
check_untranslated(const tm__ckpair *p)
{
	tm_checker *ck = p->ck;
	const char *s = p->src, *t = p->tgt;
	size_t sl = p->slen, tl = p->tlen, by[4], words;

	trim(&s, &sl);
	trim(&t, &tl);
	count_letters(t, tl, by, &words);
	if (!by[0] && !by[1] && !by[2] && !by[3])
		return TM_OK; /* numbers, punctuation: nothing to translate */
	if (sl == tl && memcmp(s, t, sl) == 0 &&
	    strcmp(ck->src_lang, ck->tgt_lang) != 0)
		return tm__check_emit(p, TM_CHECK_UNTRANSLATED,
		                      words >= 3 ? TM_CHECK_ERROR
		                                 : TM_CHECK_INFO,
		                      0, p->slen, 0, p->tlen, NAN, NAN,
		                      "the translation is the source itself");
	if (ck->sscript != ck->tscript && ck->sscript != TM__SCRIPT_OTHER) {
		size_t all = by[0] + by[1] + by[2] + by[3];

		if (by[ck->sscript] >= 8 && by[ck->sscript] * 10 >= all * 9)
			return tm__check_emit(
			        p, TM_CHECK_UNTRANSLATED,
			        words >= 4 ? TM_CHECK_ERROR : TM_CHECK_WARNING,
			        0, 0, 0, p->tlen, NAN, NAN,
			        "the translation is in the source's script");
	}
	return TM_OK;
}

/* Length in characters without spaces. */
static size_t
char_len(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c & 0xC0) != 0x80 && c != ' ' && c != '\t' && c != '\n')
			n++;
	}
	return n;
}

/* The document's own spread of length ratios: a link is flagged when its
 * log ratio lies further from the median than LEN_WIDTH robust standard
 * deviations (and than LEN_MIN_DEV), so a language pair's usual ratio
 * and a translator's style never are. */
#define LEN_WIDTH 5.0
#define LEN_MIN_DEV 0.9
#define LEN_MIN_CHARS 20
#define LEN_MIN_LINKS 8

typedef struct lenstat {
	bool ok;          /* enough links to flag lengths */
	bool have_median; /* enough to know the usual ratio (3 links) */
	double median, dev;
} lenstat;

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
log_ratio(const char *s, size_t sl, const char *t, size_t tl)
{
	return log((double)(char_len(t, tl) + 1) /
	           (double)(char_len(s, sl) + 1));
}

static bool
len_counts(const char *s, size_t sl, const char *t, size_t tl)
{
	return char_len(s, sl) >= LEN_MIN_CHARS ||
	       char_len(t, tl) >= LEN_MIN_CHARS;
}

static tm_status
len_stats(lenstat *st, const tm__ckpair *ps, size_t n)
{
	double *r = tm__malloc((n ? n : 1) * sizeof(double));
	size_t m = 0;

	st->ok = false;
	if (!r)
		return tm__error_oom();
	for (size_t i = 0; i < n; i++)
		if (ps[i].src && ps[i].tgt &&
		    len_counts(ps[i].src, ps[i].slen, ps[i].tgt, ps[i].tlen))
			r[m++] = log_ratio(ps[i].src, ps[i].slen, ps[i].tgt,
			                   ps[i].tlen);
	st->have_median = false;
	if (m >= 3) {
		qsort(r, m, sizeof(double), cmp_double);
		st->median = r[m / 2];
		for (size_t i = 0; i < m; i++)
			r[i] = fabs(r[i] - st->median);
		qsort(r, m, sizeof(double), cmp_double);
		st->dev = 1.4826 * r[m / 2];
		st->have_median = true;
		st->ok = m >= LEN_MIN_LINKS;
		if (!st->ok || st->dev < 0.1)
			st->dev = fmax(st->dev, 0.15);
	}
	tm__free(r);
	return TM_OK;
}

static tm_status
check_length(const tm__ckpair *p, const lenstat *st)
{
	double r, d;

	if (!st->ok || !len_counts(p->src, p->slen, p->tgt, p->tlen))
		return TM_OK;
	r = log_ratio(p->src, p->slen, p->tgt, p->tlen);
	d = fabs(r - st->median);
	if (d <= LEN_WIDTH * st->dev || d <= LEN_MIN_DEV)
		return TM_OK;
	return tm__check_emit(p, TM_CHECK_LENGTH, TM_CHECK_WARNING, 0, 0, 0, 0,
	                      NAN, NAN,
	                      "the translation is %.1f times %s than the "
	                      "document's usual ratio",
	                      exp(d), r > st->median ? "longer" : "shorter");
}

/* All the checks of one link or pair. */
static tm_status
check_pair(const tm__ckpair *p, const lenstat *st)
{
	tm_checker *ck = p->ck;
	tm_status rc = TM_OK;

	if (!(ck->flags & TM_CHECK_NO_UNTRANSLATED))
		rc = check_untranslated(p);
	if (rc == TM_OK && !(ck->flags & TM_CHECK_NO_NUMBERS))
		rc = tm__check_numbers(p);
	if (rc == TM_OK && !(ck->flags & TM_CHECK_NO_NAMES))
		rc = tm__check_names(p);
	if (rc == TM_OK && !(ck->flags & TM_CHECK_NO_LENGTH))
		rc = check_length(p, st);
	return rc;
}

/* ---- names rendered elsewhere ------------------------------------------- */

/* The first pass of the name check over @n links or pairs: the names each
 * group renders somewhere; the pairs then look there (p->known). */
static tm_status
learn_names(tm__ckpair *ps, size_t n, tm__nameset *known)
{
	tm_status rc = TM_OK;

	for (size_t i = 0; i < n && rc == TM_OK; i++) {
		if (!ps[i].ck || (ps[i].ck->flags & TM_CHECK_NO_NAMES) ||
		    !ps[i].src_count || !ps[i].tgt_count)
			continue;
		ps[i].learn = known;
		rc = tm__check_names(&ps[i]);
		ps[i].learn = NULL;
	}
	tm__nameset_seal(known);
	for (size_t i = 0; i < n; i++)
		ps[i].known = known;
	return rc;
}

/* ---- stored pairs ------------------------------------------------------ */

/* Consistency: one normalized source within one group, translated into
 * normalized targets that differ. */
typedef struct seen {
	char *key, *tkey, *group;
	size_t pair;
	long long id;
} seen;

/* The first pair of each (group, source) seen: entries in @tab, found
 * through an open-addressing table of @cap slots (index + 1, 0 empty) so
 * a TM of a million units is checked in one pass. */
typedef struct seenset {
	seen *tab;
	size_t n;
	uint32_t *slot;
	size_t cap; /* a power of two, at least twice the pairs */
} seenset;

static uint64_t
hash_str(uint64_t h, const char *s)
{
	return tm__fnv64_byte(tm__fnv64_str(h, s), 0xff);
}

static tm_status
check_consistency(const tm__ckpair *p, seenset *ss)
{
	char *k = NULL, *tk = NULL;
	size_t kl, tkl, words, by[4], h;
	seen *tab = ss->tab;
	tm_status rc;

	count_letters(p->src, p->slen, by, &words);
	if (words < 3)
		return TM_OK; /* "Yes." has many right translations */
	rc = tm_normalize(&k, &kl, p->src, p->slen, TM_NORM_KEY);
	if (rc == TM_OK)
		rc = tm_normalize(&tk, &tkl, p->tgt, p->tlen, TM_NORM_KEY);
	if (rc < 0) {
		tm_free(k);
		tm_free(tk);
		return rc;
	}
	h = (size_t)hash_str(
	            hash_str(TM__FNV64_INIT, p->group ? p->group : ""),
	            k) &
	    (ss->cap - 1);
	for (;; h = (h + 1) & (ss->cap - 1)) {
		size_t i;

		if (!ss->slot[h])
			break;
		i = ss->slot[h] - 1;
		if (strcmp(tab[i].key, k) != 0 ||
		    strcmp(tab[i].group ? tab[i].group : "",
		           p->group ? p->group : "") != 0)
			continue;
		if (strcmp(tab[i].tkey, tk) != 0) {
			if (tab[i].id >= 0)
				rc = tm__check_emit(p, TM_CHECK_CONSISTENCY,
				                    TM_CHECK_WARNING, 0,
				                    p->slen, 0, p->tlen, NAN,
				                    NAN,
				                    "the same source is "
				                    "translated otherwise "
				                    "in unit %lld",
				                    tab[i].id);
			else
				rc = tm__check_emit(p, TM_CHECK_CONSISTENCY,
				                    TM_CHECK_WARNING, 0,
				                    p->slen, 0, p->tlen, NAN,
				                    NAN,
				                    "the same source is "
				                    "translated otherwise "
				                    "in pair %zu",
				                    tab[i].pair + 1);
		}
		tm_free(k);
		tm_free(tk);
		return rc;
	}
	tab[ss->n].key = k;
	tab[ss->n].tkey = tk;
	tab[ss->n].group = (char *)p->group;
	tab[ss->n].pair = p->pair;
	tab[ss->n].id = p->id;
	ss->n++;
	ss->slot[h] = (uint32_t)ss->n;
	return TM_OK;
}

TM_API tm_status
tm_check_pairs(tm_check_list **out,
               tm_checker *ck,
               const tm_check_pair *pairs,
               size_t n)
{
	tm_check_list *l;
	tm__ckpair *ps = NULL;
	seenset ss = {0};
	tm__nameset known = {0};
	lenstat st;
	tm_status rc = TM_OK;

	if (!out || !ck || (!pairs && n))
		return tm__error_set(TM_EINVAL, "check: missing argument");
	*out = NULL;
	for (size_t i = 0; i < n; i++) {
		size_t bad;

		if (!pairs[i].src || !pairs[i].tgt)
			return tm__error_set(
			        TM_EINVAL, "check: pair %zu lacks its %s", i,
			        pairs[i].src ? "target" : "source");
		if (tm_utf8_validate(&bad, pairs[i].src, strlen(pairs[i].src)) <
		            0 ||
		    tm_utf8_validate(&bad, pairs[i].tgt, strlen(pairs[i].tgt)) <
		            0)
			return tm__error_set(
			        TM_EUNICODE,
			        "check: pair %zu: invalid UTF-8 at "
			        "byte %zu",
			        i, bad);
	}
	if (n >= UINT32_MAX / 4)
		return tm__error_set(TM_EINVAL, "check: too many pairs (%zu)",
		                     n);
	l = tm__calloc(1, sizeof(*l));
	ps = tm__calloc(n ? n : 1, sizeof(*ps));
	ss.cap = 16;
	while (ss.cap < 2 * n)
		ss.cap *= 2;
	ss.tab = tm__calloc(n ? n : 1, sizeof(*ss.tab));
	ss.slot = tm__calloc(ss.cap, sizeof(*ss.slot));
	if (!l || !ps || !ss.tab || !ss.slot) {
		rc = tm__error_oom();
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		tm__ckpair *p = &ps[i];

		p->src = pairs[i].src;
		p->tgt = pairs[i].tgt;
		p->slen = strlen(p->src);
		p->tlen = strlen(p->tgt);
		p->pair = p->src_first = p->tgt_first = i;
		p->src_count = p->tgt_count = 1;
		p->group = pairs[i].group;
		p->id = pairs[i].id;
		p->out = l;
		p->ck = ck;
	}
	rc = len_stats(&st, ps, n);
	if (rc == TM_OK)
		rc = learn_names(ps, n, &known);
	for (size_t i = 0; i < n && rc == TM_OK; i++) {
		rc = check_pair(&ps[i], &st);
		if (rc == TM_OK && !(ck->flags & TM_CHECK_NO_CONSISTENCY))
			rc = check_consistency(&ps[i], &ss);
	}
out:
	for (size_t i = 0; ss.tab && i < ss.n; i++) {
		tm_free(ss.tab[i].key);
		tm_free(ss.tab[i].tkey);
	}
	tm__free(ss.tab);
	tm__free(ss.slot);
	tm__free(ps);
	tm__nameset_dispose(&known);
	if (rc < 0) {
		tm_check_list_free(l);
		return rc;
	}
	*out = l;
	return TM_OK;
}

/* ---- documents ---------------------------------------------------------- */

/* One side of a document: its sentences, where they are, their lines. */
typedef struct ckdoc {
	const char *text;
	size_t len;
	tm_segment_list *segs;
	tm_align_sentence *sent;
	size_t *off;  /* byte offset of each sentence in text */
	size_t *line; /* its 1-based line */
	bool *prose;  /* a sentence or a headline, not wire furniture */
	/* per sentence: its class of wire furniture for
	 * tm_align_run_apart() (2 a dateline or byline, 3 a credit, 4 a
	 * marker; 0 prose), as tm align has it */
	unsigned char *apart;
	bool *head;   /* a headline */
	size_t n, cap;
	size_t lastline;
} ckdoc;

static void
ckdoc_dispose(ckdoc *d)
{
	tm_segment_list_free(d->segs);
	tm__free(d->sent);
	tm__free(d->off);
	tm__free(d->line);
	tm__free(d->prose);
	tm__free(d->apart);
	tm__free(d->head);
}

/* Append a sentence of @kind (a note or an end mark is never pushed: it
 * is left out); a sentence or a headline is prose, the rest wire
 * furniture. */
static tm_status
ckdoc_push(ckdoc *d,
           const char *s,
           size_t len,
           size_t off,
           unsigned para,
           tm_seg_kind kind,
           bool head)
{
	if (d->n == d->cap) {
		/* six arrays of one length: each grown from the shared
		 * capacity, which moves once all six have room */
		size_t c[6] = {d->cap, d->cap, d->cap, d->cap, d->cap, d->cap};

		if (!TM__ARRAY_GROW(d->sent, c[0], d->n + 1, 64) ||
		    !TM__ARRAY_GROW(d->off, c[1], d->n + 1, 64) ||
		    !TM__ARRAY_GROW(d->line, c[2], d->n + 1, 64) ||
		    !TM__ARRAY_GROW(d->prose, c[3], d->n + 1, 64) ||
		    !TM__ARRAY_GROW(d->head, c[4], d->n + 1, 64) ||
		    !TM__ARRAY_GROW(d->apart, c[5], d->n + 1, 64))
			return tm__error_oom();
		d->cap = c[0];
	}
	d->sent[d->n] = (tm_align_sentence){s, len, para};
	d->off[d->n] = off;
	d->prose[d->n] = kind == TM_SEG_SENTENCE || kind == TM_SEG_HEADLINE;
	d->apart[d->n] = tm_seg_kind_apart(kind);
	d->head[d->n] = head;
	d->n++;
	return TM_OK;
}

/* Number the lines of the sentences (offsets are increasing). */
static void
ckdoc_lines(ckdoc *d)
{
	size_t line = 1, pos = 0;

	for (size_t i = 0; i < d->n; i++) {
		for (; pos < d->off[i] && pos < d->len; pos++)
			if (d->text[pos] == '\n')
				line++;
		d->line[i] = line;
	}
	for (; pos < d->len; pos++)
		if (d->text[pos] == '\n' && pos + 1 < d->len)
			line++;
	d->lastline = line;
}

/* A headline, by the layout the segmenter (run over the whole text,
 * d->segs) sees: every segment that starts between bytes @s and @t of the
 * line is one. Without segments, not. */
static bool
line_is_headline(const ckdoc *d, size_t s, size_t t)
{
	size_t n = 0, heads = 0;

	for (size_t i = 0; i < tm_segment_list_count(d->segs); i++) {
		const tm_segment *g = tm_segment_list_get(d->segs, i);

		if (g->offset < s || g->offset >= t)
			continue;
		n++;
		heads += g->kind == TM_SEG_HEADLINE;
	}
	return n && heads == n;
}

/* One sentence a line (--presegmented), a blank line between paragraphs.
 * A line's kind is tm_segment_kind()'s (@seg NULL: a language without a
 * segmenter, every line a sentence), the owner of what a whole line of
 * wire furniture is: a note or an end mark is left out as in a segmented
 * text (its paragraph still counts, so the next line's is right), a
 * dateline, a byline, a credit or a marker is no prose. */
static tm_status
ckdoc_lines_split(ckdoc *d, tm_segmenter *seg)
{
	size_t i = 0;
	unsigned para = 0;
	bool blank = false, any = false;
	tm_status rc;

	while (i < d->len) {
		size_t e = i, s = i, t;

		while (e < d->len && d->text[e] != '\n')
			e++;
		t = e;
		while (t > s &&
		       (d->text[t - 1] == '\r' || d->text[t - 1] == ' ' ||
		        d->text[t - 1] == '\t'))
			t--;
		while (s < t && (d->text[s] == ' ' || d->text[s] == '\t'))
			s++;
		if (s == t) {
			blank = true;
		} else {
			tm_seg_kind kind = TM_SEG_SENTENCE;

			if (blank && any)
				para++;
			blank = false;
			any = true;
			if (seg &&
			    (rc = tm_segment_kind(&kind, seg, d->text + s,
			                          t - s)) < 0)
				return rc;
			if (kind != TM_SEG_NOTE && kind != TM_SEG_END &&
			    (rc = ckdoc_push(d, d->text + s, t - s, s, para,
			                     kind,
			                     kind == TM_SEG_SENTENCE &&
			                             line_is_headline(d, s, t))) <
			            0)
				return rc;
		}
		i = e + 1;
	}
	return TM_OK;
}

static tm_status
ckdoc_load(ckdoc *d,
           tm_checker *ck,
           tm_segmenter **seg,
           const char *lang,
           const char *text,
           size_t len,
           const char *side)
{
	size_t bad;
	tm_status rc;

	memset(d, 0, sizeof(*d));
	d->text = text;
	d->len = len;
	if (tm_utf8_validate(&bad, text, len) < 0)
		return tm__error_set(TM_EUNICODE,
		                     "check: %s: invalid UTF-8 at byte %zu",
		                     side, bad);
	if (ck->flags & TM_CHECK_PRESEGMENTED) {
		/* each line is a sentence; the segmenter (when it knows the
		 * language) gives each its kind, and the whole text's layout
		 * tells the headlines */
		if ((*seg || tm_segmenter_new(seg, lang, NULL) == TM_OK) &&
		    tm_segment_text(&d->segs, *seg, text, len) == TM_ENOMEM)
			return TM_ENOMEM;
		tm__error_clear();
		rc = ckdoc_lines_split(d, *seg);
	} else {
		if (!*seg && (rc = tm_segmenter_new(seg, lang, NULL)) < 0)
			return rc;
		rc = tm_segment_text(&d->segs, *seg, text, len);
		for (size_t i = 0;
		     rc == TM_OK && i < tm_segment_list_count(d->segs); i++) {
			const tm_segment *s = tm_segment_list_get(d->segs, i);

			/* a translator's note and an end mark belong to one
			 * edition: not checked, not aligned */
			if (s->kind == TM_SEG_NOTE || s->kind == TM_SEG_END)
				continue;
			rc = ckdoc_push(d, s->text, s->len, s->offset,
			                s->paragraph, s->kind,
			                s->kind == TM_SEG_HEADLINE);
		}
	}
	if (rc == TM_OK)
		ckdoc_lines(d);
	return rc;
}

/* A link's sentences joined with a space, and where each starts. */
typedef struct joined {
	char *text;
	size_t len;
	size_t brk[4], line[4];
	size_t n;
	bool prose;
	bool head; /* every sentence a headline */
} joined;

static tm_status
join(joined *j, const ckdoc *d, size_t first, size_t n)
{
	size_t len = 0, o = 0;

	memset(j, 0, sizeof(*j));
	j->prose = true;
	j->head = n > 0;
	for (size_t k = 0; k < n; k++)
		len += d->sent[first + k].len + 1;
	j->text = tm__malloc(len + 1);
	if (!j->text)
		return tm__error_oom();
	for (size_t k = 0; k < n; k++) {
		const tm_align_sentence *s = &d->sent[first + k];

		if (k)
			j->text[o++] = ' ';
		if (k < 4) {
			j->brk[k] = o;
			j->line[k] = d->line[first + k];
			j->n = k + 1;
		}
		memcpy(j->text + o, s->text, s->len);
		o += s->len;
		if (!d->prose[first + k])
			j->prose = false;
		if (!d->head[first + k])
			j->head = false;
	}
	j->text[o] = '\0';
	j->len = o;
	return TM_OK;
}

/* Missing (side 0, a 1-0 link) or added (side 1, a 0-1 link) sentence
 * @i of @d. @loose: the sentence @partner of @other, lone in the same gap,
 * may translate it loosely (lone_partners()): info, naming both. */
static tm_status
check_lone(const tm__ckpair *p, int side, const ckdoc *d, size_t i,
           const ckdoc *other, bool loose, size_t partner)
{
	tm_checker *ck = p->ck;
	const tm_align_sentence *s = &d->sent[i];
	tm__numstyle style = side ? ck->tstyle : ck->sstyle;
	bool num = tm__check_has_number(s->text, s->len, style);
	bool name = tm__check_has_name(ck, side, s->text, s->len);
	tm_check_severity sev;
	const char *why = num && name ? " (it carries a number and a name)"
	                  : num       ? " (it carries a number)"
	                  : name      ? " (it carries a name)"
	                              : "";

	if (!d->prose[i])
		sev = TM_CHECK_INFO;
	else if (side == 0)
		sev = num || name ? TM_CHECK_ERROR : TM_CHECK_WARNING;
	else
		sev = TM_CHECK_WARNING;
	/* its numbers and names are all elsewhere in the translation: what
	 * it said may have moved there (제12호 태풍 in the lead) */
	if (side == 0 && num && sev == TM_CHECK_ERROR &&
	    tm__check_numbers_found(ck, s->text, s->len, other->text,
	                            other->len) == 1 &&
	    (!name || tm__check_names_found(ck, s->text, s->len, other->text,
	                                    other->len))) {
		sev = TM_CHECK_WARNING;
		why = " (its numbers and names are elsewhere in the "
		      "translation)";
	}
	/* a sentence replaced or translated loosely, not one left out: the
	 * reader is told at the lower severity, with the pair to compare */
	if (loose && d->prose[i]) {
		if (side == 0)
			return tm__check_emit(
			        p, TM_CHECK_MISSING, TM_CHECK_INFO, 0, p->slen,
			        0, 0, NAN, NAN,
			        "source sentence %zu is not in the translation "
			        "unless target sentence %zu, alone beside it, "
			        "translates it loosely%s",
			        i + 1, partner + 1, why);
		return tm__check_emit(p, TM_CHECK_ADDED, TM_CHECK_INFO, 0, 0, 0,
		                      p->tlen, NAN, NAN,
		                      "target sentence %zu has no source unless "
		                      "it translates source sentence %zu, alone "
		                      "beside it, loosely%s",
		                      i + 1, partner + 1, why);
	}
	if (side == 0)
		return tm__check_emit(p, TM_CHECK_MISSING, sev, 0, p->slen, 0,
		                      0, NAN, NAN,
		                      "source sentence %zu is not in the "
		                      "translation%s",
		                      i + 1, why);
	return tm__check_emit(p, TM_CHECK_ADDED, sev, 0, 0, 0, p->tlen, NAN,
	                      NAN, "target sentence %zu has no source%s", i + 1,
	                      why);
}

/* A sentence the aligner folded into a link whose translation has no room
 * for it: in a 2-1 link, the target is about as long as one source
 * sentence would give at the document's ratio and much shorter than both.
 * The aligner prefers such a link to a 1-0 one when the neighbours are
 * short; the number check still sees what the lost sentence carried. */
static tm_status
check_merged(const tm__ckpair *p, const ckdoc *s, const lenstat *st)
{
	double r, e[2], tl, d0, d1;
	size_t keep, lost, at;

	if (p->src_count != 2 || p->tgt_count != 1)
		return TM_OK;
	/* the numbers say which: one sentence's are all in the target, the
	 * other's none */
	{
		int f[2];

		for (size_t k = 0; k < 2; k++) {
			const tm_align_sentence *x = &s->sent[p->src_first + k];

			f[k] = tm__check_numbers_found(p->ck, x->text, x->len,
			                               p->tgt, p->tlen);
		}
		if ((f[0] == 0 && f[1] != 0) || (f[1] == 0 && f[0] != 0)) {
			lost = p->src_first + (f[0] == 0 ? 0 : 1);
			at = f[0] == 0 ? 0 : s->sent[p->src_first].len + 1;
			return tm__check_emit(
			        p, TM_CHECK_MISSING, TM_CHECK_WARNING, at,
			        s->sent[lost].len, 0, 0, NAN, NAN,
			        "source sentence %zu seems not to be in the "
			        "translation (none of its numbers is)",
			        lost + 1);
		}
		/* the same with names: one sentence's are all there, the
		 * other's none */
		for (size_t k = 0; k < 2; k++) {
			const tm_align_sentence *x = &s->sent[p->src_first + k];

			f[k] = tm__check_names_in(p->ck, x->text, x->len,
			                          p->tgt, p->tlen);
		}
		if ((f[0] == 0 && f[1] == 1) || (f[1] == 0 && f[0] == 1)) {
			lost = p->src_first + (f[0] == 0 ? 0 : 1);
			at = f[0] == 0 ? 0 : s->sent[p->src_first].len + 1;
			return tm__check_emit(
			        p, TM_CHECK_MISSING, TM_CHECK_WARNING, at,
			        s->sent[lost].len, 0, 0, NAN, NAN,
			        "source sentence %zu seems not to be in the "
			        "translation (none of its names is)",
			        lost + 1);
		}
	}
	if (!st->have_median)
		return TM_OK;
	r = exp(st->median);
	tl = (double)char_len(p->tgt, p->tlen);
	for (size_t k = 0; k < 2; k++) {
		const tm_align_sentence *x = &s->sent[p->src_first + k];

		e[k] = (double)char_len(x->text, x->len) * r;
	}
	d0 = fabs(log((tl + 1) / (e[0] + 1)));
	d1 = fabs(log((tl + 1) / (e[1] + 1)));
	keep = d1 < d0;
	/* the target fits one sentence and not both */
	if (tl > 0.7 * (e[0] + e[1]) || fmin(d0, d1) > fmax(2 * st->dev, 0.3))
		return TM_OK;
	if (fabs(d0 - d1) < 0.15)
		return tm__check_emit(
		        p, TM_CHECK_MISSING, TM_CHECK_WARNING, 0, p->slen, 0, 0,
		        NAN, NAN,
		        "source sentence %zu or %zu seems not to be "
		        "in the translation (their link is 2-1 and "
		        "short)",
		        p->src_first + 1, p->src_first + 2);
	lost = p->src_first + (keep ? 0 : 1);
	/* its place in the joined text: first, or after the first and a
	 * space */
	at = keep ? 0 : s->sent[p->src_first].len + 1;
	return tm__check_emit(p, TM_CHECK_MISSING, TM_CHECK_WARNING, at,
	                      s->sent[lost].len, 0, 0, NAN, NAN,
	                      "source sentence %zu seems not to be in the "
	                      "translation (its link is 2-1 and short)",
	                      lost + 1);
}

/* repair_lone(): the weight of a length that does not fit against a
 * number (2) or a name (1) that does, and how much better another place
 * for the gap must be (measured on tests/bench/eval-check.py's
 * documents) */
#define LEN_WEIGHT 0.5
#define REPAIR_MARGIN 1.5

/* How well source sentence @a and target sentence @b go together, by
 * what the check can see: their numbers, their names, their lengths at
 * the document's ratio @r. */
static double
pair_evidence(tm_checker *ck, const tm_align_sentence *a,
              const tm_align_sentence *b, double r)
{
	static const double num[] = {0, -2, 2, 1}, name[] = {0, -1, 1, 0.5};
	int n = tm__check_numbers_found(ck, a->text, a->len, b->text, b->len);
	int m = tm__check_names_in(ck, a->text, a->len, b->text, b->len);
	double e = num[n + 1] + name[m + 1];

	return e - LEN_WEIGHT * fabs(log((char_len(b->text, b->len) + 1.0) /
	                                 (char_len(a->text, a->len) * r + 1.0)));
}

#define REPAIR_SPAN 8

/* The documents' length ratio: target characters per source character. */
static double
doc_ratio(const ckdoc *s, const ckdoc *t)
{
	size_t sc = 0, tc = 0;

	for (size_t i = 0; i < s->n; i++)
		sc += char_len(s->sent[i].text, s->sent[i].len);
	for (size_t i = 0; i < t->n; i++)
		tc += char_len(t->sent[i].text, t->sent[i].len);
	return sc ? (double)tc / (double)sc : 1;
}

/* A lone source sentence (a 1-0 link) next to a run of 1-1 links: the
 * aligner may have put the gap a few sentences off (it has little to go
 * on in a short story). Each place for the gap within the run is scored
 * by the numbers, names and lengths of the pairs it makes
 * (pair_evidence()); the links are moved when another place is clearly
 * better, so that the missing sentence reported is the one the evidence
 * says. */
static void
repair_lone(tm_checker *ck, tm_align_link *lk, size_t n, const ckdoc *s,
            const ckdoc *t)
{
	double r = doc_ratio(s, t);

	for (size_t i = 0; i < n; i++) {
		if (lk[i].nsrc != 1 || lk[i].ntgt != 0)
			continue;
		for (int side = -1; side <= 1; side += 2) {
			size_t m = 0, first, lone, s0, t0, best_g = 0;
			double cur = 0, best = -INFINITY;

			/* the run of 1-1 links next to it: source and target
			 * sentences consecutive */
			for (;;) {
				size_t j, k = m + 1;

				if (m == REPAIR_SPAN || (side < 0 && i < k) ||
				    (side > 0 && i + k >= n))
					break;
				j = side > 0 ? i + k : i - k;
				if (lk[j].nsrc != 1 || lk[j].ntgt != 1 ||
				    lk[j].src != (side > 0 ? lk[i].src + k
				                           : lk[i].src - k) ||
				    (m && lk[j].tgt != (side > 0
				                                ? lk[i + 1].tgt + m
				                                : lk[i - 1].tgt - m)))
					break;
				m++;
			}
			if (!m)
				continue;
			/* links first..first+m: source sentences s0.., targets
			 * t0..t0+m-1, the lone sentence now at @lone */
			first = side > 0 ? i : i - m;
			lone = side > 0 ? 0 : m;
			s0 = lk[first].src;
			t0 = lk[side > 0 ? i + 1 : first].tgt;
			for (size_t g = 0; g <= m; g++) {
				double sum = 0;

				for (size_t k = 0; k <= m; k++)
					if (k != g)
						sum += pair_evidence(
						        ck, &s->sent[s0 + k],
						        &t->sent[t0 + (k < g ? k : k - 1)],
						        r);
				if (g == lone)
					cur = sum;
				if (sum > best) {
					best = sum;
					best_g = g;
				}
			}
			if (best_g == lone || best < cur + REPAIR_MARGIN)
				continue;
			for (size_t k = 0; k <= m; k++) {
				tm_align_link *x = &lk[first + k];

				x->src = s0 + k;
				x->nsrc = 1;
				x->tgt = t0 + (k <= best_g ? k : k - 1);
				x->ntgt = k == best_g ? 0 : 1;
			}
			break;
		}
	}
}

/* The length ratio of the linked sentences (@lk, @n), target characters
 * per source character: the lone sentences left out (a long one dropped
 * lowers the whole documents' ratio); the whole documents' ratio when
 * nothing is linked. */
static double
linked_ratio(const tm_align_link *lk, size_t n, const ckdoc *s,
             const ckdoc *t)
{
	size_t sc = 0, tc = 0;

	for (size_t i = 0; i < n; i++) {
		if (!lk[i].nsrc || !lk[i].ntgt)
			continue;
		for (size_t k = 0; k < lk[i].nsrc; k++)
			sc += char_len(s->sent[lk[i].src + k].text,
			               s->sent[lk[i].src + k].len);
		for (size_t k = 0; k < lk[i].ntgt; k++)
			tc += char_len(t->sent[lk[i].tgt + k].text,
			               t->sent[lk[i].tgt + k].len);
	}
	return sc && tc ? (double)tc / (double)sc : doc_ratio(s, t);
}

/* The most lone sentences of a side in one gap that lone_partners()
 * pairs (a longer gap is a passage left out or added: left as it is). */
#define GAP_MAX 16

/* How far (log of the lengths, the source's scaled by the linked
 * sentences' ratio) the two sides of a loose translation may lie apart:
 * the four such pairs of eval-check.py's correct documents (part 0) lie
 * within 0.28; a sentence of another story, within 0.3 about one time in
 * three (docs/check.md). No evidence on its own: a condition the words'
 * evidence must meet as well (loose_pair()). */
#define LOOSE_LEN 0.3

/* Whether lone sentence @x of side @side (0 the source @s, 1 the target
 * @t) has evidence of its own that the other document lacks it: numbers
 * or names the other has nowhere (a target sentence's names looked for by
 * the checker of the pair the other way round, ck->rev, opened here on
 * first need: a Korean sentence has none to look for). Such a sentence
 * was left out, or added, for certain. */
static bool
lone_for_certain(tm_checker *ck, int side, const tm_align_sentence *x,
                 const ckdoc *s, const ckdoc *t)
{
	if (side) {
		if (tm__check_numbers_back(ck, x->text, x->len, s->text,
		                           s->len) == 0)
			return true;
		if (!ck->rev) {
			tm_check_options o = TM_CHECK_OPTIONS_INIT;

			o.glossary = ck->gl;
			if (tm_checker_new(&ck->rev, ck->tgt_lang, ck->src_lang,
			                   &o) < 0)
				return false;
		}
		return tm__check_names_in(ck->rev, x->text, x->len, s->text,
		                          s->len) == 0;
	}
	return tm__check_numbers_found(ck, x->text, x->len, t->text, t->len) ==
	               0 ||
	       tm__check_names_in(ck, x->text, x->len, t->text, t->len) == 0;
}

/* Whether the lone source sentence @a and the lone target sentence @b of
 * one gap, neither lone for certain (lone_for_certain()), may be one
 * sentence translated loosely rather than a sentence left out beside one
 * added (@r: the linked sentences' length ratio). Only positive evidence
 * that they translate each other lowers the two findings: a number they
 * share, or, where the gap's other lone sentences are all lone for
 * certain (@even), a word of one that the core lexicon lists meeting a
 * listed translation in the other (tm__check_words_shared()) with lengths
 * that fit one sentence's translation. A sentence of another story meets
 * one by chance (a reporting verb, a year) in 7-14% of pairs, and one
 * whose length fits as well in 3-5% (docs/check.md); a name shared is no
 * evidence: another sentence of the same story names the same people, and
 * the names' keys meet across scripts by chance (18 of part 0's replaced
 * sentences let through). Where more lone sentences are left on one side,
 * which of them is the loose translation and which the one left out is a
 * guess (a story's sentence dropped beside a loosely translated one,
 * tests/cli/test-check.sh), and only a shared number pairs them. */
static bool
loose_pair(tm_checker *ck, const tm_align_sentence *a,
           const tm_align_sentence *b, double r, bool even)
{
	int k = tm__check_numbers_found(ck, a->text, a->len, b->text, b->len);

	if (k == 1 || k == 2)
		return true;
	if (!even || fabs(log((char_len(b->text, b->len) + 1.0) /
	                      (char_len(a->text, a->len) * r + 1.0))) >
	                     LOOSE_LEN)
		return false;
	return tm__check_words_shared(ck, a->text, a->len, b->text, b->len) >
	       0;
}

/* Append the prose sentences among @count from @first of @d to @v (*@n
 * of them, at most GAP_MAX); false when some did not fit. */
static bool
gap_take(const ckdoc *d, size_t first, size_t count, size_t *v, size_t *n)
{
	bool fit = true;

	for (size_t k = first; k < first + count; k++)
		if (d->prose[k]) {
			if (*n == GAP_MAX)
				fit = false;
			else
				v[(*n)++] = k;
		}
	return fit;
}

/* A 1-0 link and a 0-1 link in the same gap between two linked pairs are
 * most often one sentence translated so loosely that the aligner could
 * not tie its two sides (the missing-sentence false alarms of
 * tests/bench/eval-check.py's correct documents, docs/check.md), and
 * seldom a sentence left out beside one added. Within each gap the lone
 * source and target prose sentences are paired in order, as many as the
 * shorter side has, the pairs chosen by pair_evidence() (numbers, names,
 * length); a pair that loose_pair() accepts sets @spart (per source
 * sentence: its lone partner, SIZE_MAX none) and @tpart. */
static void
lone_partners(tm_checker *ck, const tm_align_link *lk, size_t n,
              const ckdoc *s, const ckdoc *t, size_t *spart, size_t *tpart)
{
	double r = linked_ratio(lk, n, s, t);

	for (size_t i = 0; i < s->n; i++)
		spart[i] = SIZE_MAX;
	for (size_t i = 0; i < t->n; i++)
		tpart[i] = SIZE_MAX;
	for (size_t i = 0; i < n;) {
		size_t a[GAP_MAX], b[GAP_MAX], na = 0, nb = 0, j = i;
		bool over = false;
		/* best[x][y]: most pairs, then the best evidence, of a[0..x)
		 * with b[0..y) */
		struct {
			unsigned pairs;
			double ev;
			unsigned char from; /* 0 skip a, 1 skip b, 2 pair */
		} best[GAP_MAX + 1][GAP_MAX + 1];

		while (j < n && (!lk[j].nsrc || !lk[j].ntgt)) {
			over |= !gap_take(s, lk[j].src, lk[j].nsrc, a, &na);
			over |= !gap_take(t, lk[j].tgt, lk[j].ntgt, b, &nb);
			j++;
		}
		i = j > i ? j : i + 1;
		if (over || !na || !nb)
			continue;
		/* the sentences lone for certain take no part (looked at
		 * only here: each reads the whole other document) */
		{
			size_t m = 0;

			for (size_t k = 0; k < na; k++)
				if (!lone_for_certain(ck, 0, &s->sent[a[k]], s,
				                      t))
					a[m++] = a[k];
			na = m;
			m = 0;
			for (size_t k = 0; k < nb; k++)
				if (!lone_for_certain(ck, 1, &t->sent[b[k]], s,
				                      t))
					b[m++] = b[k];
			nb = m;
		}
		if (!na || !nb)
			continue;
		for (size_t x = 0; x <= na; x++)
			for (size_t y = 0; y <= nb; y++) {
				unsigned m;
				double e;

				best[x][y].pairs = 0;
				best[x][y].ev = 0;
				best[x][y].from = x ? 0 : 1;
				if (!x || !y)
					continue;
				best[x][y] = best[x - 1][y];
				best[x][y].from = 0;
				m = best[x][y - 1].pairs;
				e = best[x][y - 1].ev;
				if (m > best[x][y].pairs ||
				    (m == best[x][y].pairs && e > best[x][y].ev)) {
					best[x][y].pairs = m;
					best[x][y].ev = e;
					best[x][y].from = 1;
				}
				m = best[x - 1][y - 1].pairs + 1;
				e = best[x - 1][y - 1].ev +
				    pair_evidence(ck, &s->sent[a[x - 1]],
				                  &t->sent[b[y - 1]], r);
				if (m > best[x][y].pairs ||
				    (m == best[x][y].pairs && e > best[x][y].ev)) {
					best[x][y].pairs = m;
					best[x][y].ev = e;
					best[x][y].from = 2;
				}
			}
		for (size_t x = na, y = nb; x && y;) {
			if (best[x][y].from == 2) {
				x--;
				y--;
				if (loose_pair(ck, &s->sent[a[x]], &t->sent[b[y]],
				               r, na == nb)) {
					spart[a[x]] = b[y];
					tpart[b[y]] = a[x];
				}
			} else if (best[x][y].from == 0) {
				x--;
			} else {
				y--;
			}
		}
	}
}

/* A pair the translation check refuses is an error, its sentence
 * findings left out, only when both sides have this many sentences. The
 * check refuses a true translation that lost a sentence now and then when
 * it is short: eval-check.py's NTREX documents with one sentence dropped
 * or replaced by another story's, en-ru, parts 0 and 1 (and 2 for six
 * sentences), were refused 6 times in 600 copies of six sentences
 * (scores 0.002 to 0.104; two of them lines such as "Oh, no." that
 * nothing ties), 2 in 320 of seven, 3 in 320 of eight, none in 320 of
 * ten (--sentences); four sentences with one dropped at 0.04
 * (tests/cli/test-check.sh). No complete true pair of the judge set or of
 * the samples is refused, whatever its length. A shorter pair refused is
 * a warning, its sentence findings kept: they are few, and the missing
 * sentence is among them (docs/check.md, "Not a translation"). */
#define DOCUMENT_MIN_SENTENCES 10

/* The aligner's translation check on the whole pair, as a finding of
 * its own, before any other (docs/check.md, "Not a translation"): a
 * target judged not a translation of the source is an error, and
 * *@unrelated tells the caller to leave the sentence findings out (two
 * different stories: every one of them would be wrong), unless
 * TM_CHECK_KEEP_UNRELATED; a short pair so judged
 * (DOCUMENT_MIN_SENTENCES) is a warning, its findings kept; so is an
 * unsure verdict (a true pair can be unsure: a shortened translation).
 * An empty side has no verdict: its sentences are all missing or added,
 * which the sentence findings say. @retval TM_ENOMEM */
static tm_status
check_document(tm_checker *ck, tm_check_list *l, const tm_align_result *r,
               size_t ns, size_t nt, bool *unrelated)
{
	tm_align_verdict v = tm_align_result_verdict(r);
	double score = tm_align_result_score(r);
	bool keep = ck->flags & TM_CHECK_KEEP_UNRELATED;
	tm__ckpair p = {0};

	*unrelated = false;
	if (!ns || !nt || v == TM_ALIGN_TRANSLATION)
		return TM_OK;
	p.src = p.tgt = "";
	p.src_count = ns;
	p.tgt_count = nt;
	p.id = -1;
	p.out = l;
	p.ck = ck;
	if (v == TM_ALIGN_UNSURE)
		return tm__check_emit(&p, TM_CHECK_DOCUMENT, TM_CHECK_WARNING,
		                      0, 0, 0, 0, score, NAN,
		                      "the translation check is unsure whether "
		                      "this translates the source (document "
		                      "score %.2f)",
		                      score);
	if (ns < DOCUMENT_MIN_SENTENCES || nt < DOCUMENT_MIN_SENTENCES)
		return tm__check_emit(&p, TM_CHECK_DOCUMENT, TM_CHECK_WARNING,
		                      0, 0, 0, 0, score, NAN,
		                      "probably not a translation of the "
		                      "source (document score %.2f; a short "
		                      "pair, its sentence findings follow)",
		                      score);
	*unrelated = !keep;
	return tm__check_emit(&p, TM_CHECK_DOCUMENT, TM_CHECK_ERROR, 0, 0, 0, 0,
	                      score, NAN,
	                      "not a translation of the source (document "
	                      "score %.2f); %s",
	                      score,
	                      keep ? "its sentence findings follow, all "
	                             "doubtful"
	                           : "sentence findings left out");
}

TM_API tm_status
tm_check_texts(tm_check_list **out,
               tm_checker *ck,
               const char *src,
               size_t src_len,
               const char *tgt,
               size_t tgt_len)
{
	ckdoc s, t;
	tm_align_result *r = NULL;
	tm_check_list *l = NULL;
	tm__ckpair *ps = NULL;
	joined *js = NULL, *jt = NULL;
	tm_align_link *links = NULL;
	tm__nameset known = {0};
	size_t nl = 0, *spart = NULL, *tpart = NULL;
	lenstat st;
	tm_status rc;

	if (!out || !ck || (!src && src_len) || (!tgt && tgt_len))
		return tm__error_set(TM_EINVAL, "check: missing argument");
	*out = NULL;
	rc = ckdoc_load(&s, ck, &ck->sseg, ck->src_lang, src, src_len,
	                "source");
	if (rc == TM_OK)
		rc = ckdoc_load(&t, ck, &ck->tseg, ck->tgt_lang, tgt, tgt_len,
		                "target");
	else
		memset(&t, 0, sizeof(t));
	/* aligned as tm align aligns (for en-ko and en-ru with the
	 * built-in core lexicon; wire furniture taken apart and paired by
	 * its place), but without its 2-1 joins: the check must see a lone
	 * sentence (tm__aligner_keep_lone()). The core lexicon's words find
	 * a sentence left out where a short story has no number or name
	 * (tests/bench/eval-check.py --part 0: en-ko 78% -> 97% found); the
	 * split sentence's tail it once took out (samples/chip-export, 0.8
	 * reported missing) the aligner keeps (lex_lost_void() in align.c).
	 * With the furniture in the programme, samples/ramyeon-exports'
	 * Korean sentence 10 was reported added (the second pass learned
	 * other pairs, and a 2-1 won by 0.17) */
	if (rc == TM_OK && !ck->al &&
	    (rc = tm_aligner_new(&ck->al, ck->src_lang, ck->tgt_lang, NULL)) ==
	            TM_OK)
		tm__aligner_keep_lone(ck->al);
	if (rc == TM_OK)
		rc = tm_align_run_apart(&r, ck->al, s.sent, s.n, s.apart,
		                        t.sent, t.n, t.apart);
	if (rc < 0)
		goto out;
	l = tm__calloc(1, sizeof(*l));
	if (!l) {
		rc = tm__error_oom();
		goto out;
	}
	{
		bool unrelated;

		rc = check_document(ck, l, r, s.n, t.n, &unrelated);
		if (rc < 0 || unrelated)
			goto out;
	}
	nl = tm_align_result_count(r);
	ps = tm__calloc(nl ? nl : 1, sizeof(*ps));
	js = tm__calloc(nl ? nl : 1, sizeof(*js));
	jt = tm__calloc(nl ? nl : 1, sizeof(*jt));
	links = tm__calloc(nl ? nl : 1, sizeof(*links));
	if (!ps || !js || !jt || !links) {
		rc = tm__error_oom();
		goto out;
	}
	for (size_t i = 0; i < nl; i++)
		links[i] = *tm_align_result_link(r, i);
	if (!(ck->flags & TM_CHECK_NO_MISSING)) {
		repair_lone(ck, links, nl, &s, &t);
		spart = tm__malloc((s.n ? s.n : 1) * sizeof(*spart));
		tpart = tm__malloc((t.n ? t.n : 1) * sizeof(*tpart));
		if (!spart || !tpart) {
			rc = tm__error_oom();
			goto out;
		}
		lone_partners(ck, links, nl, &s, &t, spart, tpart);
	}
	for (size_t i = 0; i < nl && rc == TM_OK; i++) {
		const tm_align_link *lk = &links[i];
		tm__ckpair *p = &ps[i];

		rc = join(&js[i], &s, lk->src, lk->nsrc);
		if (rc == TM_OK)
			rc = join(&jt[i], &t, lk->tgt, lk->ntgt);
		p->src = js[i].text;
		p->slen = js[i].len;
		p->tgt = jt[i].text;
		p->tlen = jt[i].len;
		p->pair = i;
		p->src_first = lk->src;
		p->src_count = lk->nsrc;
		p->tgt_first = lk->tgt;
		p->tgt_count = lk->ntgt;
		p->sbreak = js[i].brk;
		p->sline = js[i].line;
		p->nsb = js[i].n;
		p->tbreak = jt[i].brk;
		p->tline = jt[i].line;
		p->ntb = jt[i].n;
		/* a lone sentence's other side: where it would fall */
		if (!lk->nsrc) {
			js[i].brk[0] = 0;
			js[i].line[0] =
			        lk->src < s.n ? s.line[lk->src] : s.lastline;
			p->nsb = 1;
		}
		if (!lk->ntgt) {
			jt[i].brk[0] = 0;
			jt[i].line[0] =
			        lk->tgt < t.n ? t.line[lk->tgt] : t.lastline;
			p->ntb = 1;
		}
		p->id = -1;
		p->headline = js[i].head;
		p->out = l;
		p->ck = ck;
	}
	if (rc < 0)
		goto out;
	/* the length spread of the prose links with both sides */
	{
		tm__ckpair *lp = tm__calloc(nl ? nl : 1, sizeof(*lp));
		size_t m = 0;

		if (!lp) {
			rc = tm__error_oom();
			goto out;
		}
		for (size_t i = 0; i < nl; i++)
			if (ps[i].src_count && ps[i].tgt_count && js[i].prose &&
			    jt[i].prose)
				lp[m++] = ps[i];
		rc = len_stats(&st, lp, m);
		tm__free(lp);
	}
	if (rc == TM_OK)
		rc = learn_names(ps, nl, &known);
	for (size_t i = 0; i < nl && rc == TM_OK; i++) {
		tm__ckpair *p = &ps[i];

		if (!p->src_count || !p->tgt_count) {
			if (ck->flags & TM_CHECK_NO_MISSING)
				continue;
			if (!p->tgt_count)
				for (size_t k = 0;
				     k < p->src_count && rc == TM_OK; k++) {
					size_t x = spart[p->src_first + k];

					rc = check_lone(p, 0, &s,
					                p->src_first + k, &t,
					                x != SIZE_MAX, x);
				}
			else
				for (size_t k = 0;
				     k < p->tgt_count && rc == TM_OK; k++) {
					size_t x = tpart[p->tgt_first + k];

					rc = check_lone(p, 1, &t,
					                p->tgt_first + k, &s,
					                x != SIZE_MAX, x);
				}
			continue;
		}
		/* wire furniture (datelines, bylines, credits) differs between
		 * the editions by design */
		if (!js[i].prose || !jt[i].prose)
			continue;
		if (!(ck->flags & TM_CHECK_NO_MISSING) &&
		    p->src_count > p->tgt_count)
			rc = check_merged(p, &s, &st);
		if (rc == TM_OK)
			rc = check_pair(p, &st);
	}
out:
	for (size_t i = 0; i < nl; i++) {
		if (js)
			tm__free(js[i].text);
		if (jt)
			tm__free(jt[i].text);
	}
	tm__free(js);
	tm__free(jt);
	tm__free(ps);
	tm__free(links);
	tm__free(spart);
	tm__free(tpart);
	tm__nameset_dispose(&known);
	tm_align_result_free(r);
	ckdoc_dispose(&s);
	ckdoc_dispose(&t);
	if (rc < 0) {
		tm_check_list_free(l);
		return rc;
	}
	*out = l;
	return TM_OK;
}
