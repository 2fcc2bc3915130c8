/* SPDX-License-Identifier: MIT */
/* A bilingual dictionary in dictd's format, as FreeDict publishes them
 * (Debian's dict-freedict-* packages: /usr/share/dictd/freedict-deu-fra.
 * {index,dict.dz}), read for the aligner's lexicon (tm_aligner_dict_load()).
 * The .index has one line an entry, `headword TAB offset TAB length`, the
 * numbers in dictd's base 64; the .dict (or .dict.dz, gzip with a
 * dictzip header: zlib reads it as one stream) holds the entries:
 *
 *     schwer /ʃveːɐ̯/ <adj>
 *     1. lourd, gros
 *     ein hohes Gewicht habend
 *     2. difficile 2.
 *     Eigenschaft von etwas, das nur mit großem Wissen ...
 *
 * The line after the headword, and every line starting with a sense's
 * number, lists translations (comma-separated; a trailing ` 2.` numbers
 * the next gloss); the other lines are glosses in the headword's language.
 * Only entries of one word on each side are kept: hunalign's format pairs
 * the words of a phrase in order, which is wrong as often as right for a
 * dictionary's phrases (`à arrière`, `n forme de`). */
#include "align-private.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

bool
tm__dictd_path(const char *path)
{
	size_t n = strlen(path);
	static const char *const ext[] = {".index", ".dict.dz", ".dict"};

	for (size_t k = 0; k < TM_ARRAY_SIZE(ext); k++) {
		size_t e = strlen(ext[k]);

		if (n > e && strcmp(path + n - e, ext[k]) == 0)
			return true;
	}
	return false;
}

/* The largest dictionary read, uncompressed: FreeDict's largest are tens
 * of megabytes; a .dict.dz that inflates past this is refused rather
 * than read into memory (a gzip bomb stops here, not at the OOM killer). */
#define DICTD_MAX_BYTES ((size_t)256 << 20)

/* The whole of @path, gzip or plain (zlib reads both). */
static tm_status
read_all(const char *path, char **out, size_t *len)
{
	gzFile gz = gzopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;

	*out = NULL;
	*len = 0;
	if (!gz)
		return tm__error_set(TM_ENOTFOUND, "align: %s: cannot open",
		                     path);
	for (;;) {
		int got;

		if (!TM__ARRAY_GROW(buf, cap, n + 65536 + 1, 65536)) {
			gzclose(gz);
			tm__free(buf);
			return tm__error_oom();
		}
		got = gzread(gz, buf + n, 65536);
		if (got < 0) {
			int zerr;
			const char *m = gzerror(gz, &zerr);

			tm__error_set(TM_EIO, "align: %s: %s", path, m);
			gzclose(gz);
			tm__free(buf);
			return TM_EIO;
		}
		if (got == 0)
			break;
		n += (size_t)got;
		if (n > DICTD_MAX_BYTES) {
			gzclose(gz);
			tm__free(buf);
			return tm__error_set(TM_EPARSE,
			                     "align: %s: larger than %zu MB "
			                     "uncompressed, not read as a "
			                     "dictionary",
			                     path, DICTD_MAX_BYTES >> 20);
		}
	}
	gzclose(gz);
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return TM_OK;
}

/* A number in dictd's base 64 (A-Z a-z 0-9 + /). */
static bool
b64_number(const char *s, size_t n, size_t *v)
{
	static const char digits[] =
	        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t x = 0;

	if (!n || n > 8)
		return false;
	for (size_t i = 0; i < n; i++) {
		const char *d = s[i] ? strchr(digits, s[i]) : NULL;

		if (!d)
			return false;
		x = x * 64 + (size_t)(d - digits);
	}
	*v = x;
	return true;
}

/* ISO 639-1 codes and the 639-2 codes (both B and T) a FreeDict file name
 * may use for them. */
static const char *const iso3[][3] = {
        {"en", "eng", NULL}, {"de", "deu", "ger"}, {"fr", "fra", "fre"},
        {"ru", "rus", NULL}, {"ko", "kor", NULL}, {"es", "spa", NULL},
        {"it", "ita", NULL}, {"nl", "nld", "dut"}, {"pt", "por", NULL},
        {"pl", "pol", NULL}, {"sv", "swe", NULL}, {"da", "dan", NULL},
        {"fi", "fin", NULL}, {"cs", "ces", "cze"}, {"uk", "ukr", NULL},
        {"ja", "jpn", NULL}, {"zh", "zho", "chi"}, {"tr", "tur", NULL},
        {"el", "ell", "gre"}, {"hu", "hun", NULL}, {"bg", "bul", NULL},
        {"ro", "ron", "rum"}, {"hr", "hrv", NULL}, {"sr", "srp", NULL},
        {"sk", "slk", "slo"}, {"sl", "slv", NULL}, {"lt", "lit", NULL},
        {"lv", "lav", NULL}, {"et", "est", NULL}, {"ar", "ara", NULL},
        {"he", "heb", NULL}, {"hi", "hin", NULL}, {"no", "nor", "nob"},
        {"ga", "gle", NULL}, {"la", "lat", NULL}, {"ca", "cat", NULL},
        {"eu", "eus", "baq"}, {"is", "isl", "ice"}, {"sq", "sqi", "alb"},
};

/* Whether the code [@c, @c + @n) of a file name names language @lang
 * (`de`, `de-CH`). */
static bool
code_is(const char *c, size_t n, const char *lang)
{
	char base[4];
	size_t b = 0;

	while (lang[b] && lang[b] != '-' && lang[b] != '_' && b < 3) {
		base[b] = (char)tolower((unsigned char)lang[b]);
		b++;
	}
	base[b] = '\0';
	if (n == b && strncmp(c, base, n) == 0)
		return true;
	for (size_t k = 0; k < TM_ARRAY_SIZE(iso3); k++) {
		if (strcmp(iso3[k][0], base) != 0)
			continue;
		for (size_t q = 1; q < 3 && iso3[k][q]; q++)
			if (n == 3 && strncmp(c, iso3[k][q], 3) == 0)
				return true;
	}
	return false;
}

/* Whether a 2- or 3-letter code names any language of the table. */
static bool
code_known(const char *c, size_t n)
{
	for (size_t k = 0; k < TM_ARRAY_SIZE(iso3); k++)
		for (size_t q = 0; q < 3 && iso3[k][q]; q++)
			if (strlen(iso3[k][q]) == n && strncmp(c, iso3[k][q], n) == 0)
				return true;
	return false;
}

/* Which side the headwords of the dictionary @base (its file name without
 * the extension) are: 1 the source, -1 the target (freedict-fra-deu for
 * -s de -t fr), 0 when the name names no pair of languages (the
 * headwords are taken as the source), -2 when it names another pair. */
static int
direction(const char *base, const char *src_lang, const char *tgt_lang)
{
	const char *name = strrchr(base, '/');
	const char *tok[16];
	size_t len[16], nt = 0;

	name = name ? name + 1 : base;
	/* the name's hyphen-separated tokens; the codes are the last two
	 * neighbours of two or three letters (freedict-deu-fra, de-fr) */
	for (const char *p = name; *p && nt < TM_ARRAY_SIZE(tok);) {
		const char *e = strchr(p, '-');

		if (!e)
			e = p + strlen(p);
		tok[nt] = p;
		len[nt] = (size_t)(e - p);
		nt++;
		p = *e ? e + 1 : e;
	}
	for (size_t k = nt; k >= 2; k--) {
		const char *a = tok[k - 2], *b = tok[k - 1];
		size_t la = len[k - 2], lb = len[k - 1];
		bool letters = true;

		for (size_t i = 0; i < la; i++)
			letters = letters && isalpha((unsigned char)a[i]);
		for (size_t i = 0; i < lb; i++)
			letters = letters && isalpha((unsigned char)b[i]);
		if (!letters || !code_known(a, la) || !code_known(b, lb))
			continue;
		if (code_is(a, la, src_lang) && code_is(b, lb, tgt_lang))
			return 1;
		if (code_is(a, la, tgt_lang) && code_is(b, lb, src_lang))
			return -1;
		return -2;
	}
	return 0;
}

/* One word: no space inside, not empty. */
static bool
one_word(const char *s, size_t n)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (isspace((unsigned char)s[i]))
			return false;
	return true;
}

static void
trim(const char **s, size_t *n)
{
	while (*n && isspace((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

/* Length of a sense number `12.` at @s (0 if none). */
static size_t
sense_number(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	return i && i < n && s[i] == '.' ? i + 1 : 0;
}

typedef struct dictd_ctx {
	tm_aligner *al;
	bool swap; /* the headwords are the target */
	size_t count;
	char head[256], word[256];
} dictd_ctx;

/* Pair the headword with each translation of the line [@s, @s + @n). */
static tm_status
translations(dictd_ctx *x, const char *s, size_t n)
{
	size_t k;

	trim(&s, &n);
	k = sense_number(s, n);
	s += k;
	n -= k;
	/* a trailing number opens the next gloss: `difficile 2.` */
	trim(&s, &n);
	while (n && s[n - 1] == '.') {
		size_t e = n - 1;

		while (e && s[e - 1] >= '0' && s[e - 1] <= '9')
			e--;
		if (e == n - 1 || (e && !isspace((unsigned char)s[e - 1])))
			break;
		n = e;
		trim(&s, &n);
	}
	while (n) {
		const char *t = s;
		size_t tl = 0;
		tm_status st;

		while (tl < n && t[tl] != ',' && t[tl] != ';')
			tl++;
		s += tl < n ? tl + 1 : tl;
		n -= tl < n ? tl + 1 : tl;
		trim(&t, &tl);
		if (!one_word(t, tl) || tl >= sizeof(x->word))
			continue;
		memcpy(x->word, t, tl);
		x->word[tl] = '\0';
		if (tm_utf8_validate(NULL, x->word, tl) < 0)
			continue;
		st = x->swap ? tm__aligner_dict_add_aligning(x->al, x->word,
		                                             x->head)
		             : tm__aligner_dict_add_aligning(x->al, x->head,
		                                             x->word);
		if (st == TM_EINVAL)
			continue; /* no word in it: `-`, `…` */
		if (st < 0)
			return st;
		x->count++;
	}
	return TM_OK;
}

/* The entry [@e, @e + @n): headword, translations. */
static tm_status
entry(dictd_ctx *x, const char *e, size_t n)
{
	const char *end = e + n, *line = e, *nl;
	size_t hl = 0;
	bool first = true;

	nl = memchr(e, '\n', n);
	if (!nl)
		return TM_OK;
	/* the headword, before its pronunciation and part of speech */
	while (e + hl < nl && !(e[hl] == ' ' && e + hl + 1 < nl &&
	                        (e[hl + 1] == '/' || e[hl + 1] == '<')))
		hl++;
	trim(&e, &hl);
	if (!one_word(e, hl) || hl >= sizeof(x->head))
		return TM_OK;
	memcpy(x->head, e, hl);
	x->head[hl] = '\0';
	if (tm_utf8_validate(NULL, x->head, hl) < 0)
		return TM_OK;
	for (line = nl + 1; line < end; line = nl + 1) {
		size_t ll;
		tm_status st = TM_OK;

		nl = memchr(line, '\n', (size_t)(end - line));
		if (!nl)
			nl = end;
		ll = (size_t)(nl - line);
		if (first || sense_number(line, ll))
			st = translations(x, line, ll);
		first = false;
		if (st < 0)
			return st;
		if (nl == end)
			break;
	}
	return TM_OK;
}

typedef struct span {
	size_t off, len;
} span;

static int
span_cmp(const void *a, const void *b)
{
	const span *x = a, *y = b;

	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	return x->len < y->len ? -1 : x->len > y->len;
}

/* The entries of the index [@ix, @ix + @n), each once, sorted. */
static tm_status
index_spans(span **out, size_t *count, const char *ix, size_t n,
            const char *path)
{
	const char *p = ix, *end = ix + n;
	span *v = NULL;
	size_t k = 0, cap = 0, lineno = 0, u = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *t1, *t2;
		size_t off, len;

		if (!nl)
			nl = end;
		lineno++;
		t1 = memchr(p, '\t', (size_t)(nl - p));
		t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(nl - t1 - 1)) : NULL;
		if (nl > p && (!t1 || !t2 ||
		               !b64_number(t1 + 1, (size_t)(t2 - t1 - 1), &off) ||
		               !b64_number(t2 + 1,
		                           (size_t)(nl - t2 - 1) -
		                                   (nl[-1] == '\r'),
		                           &len))) {
			tm__free(v);
			return tm__error_set(TM_EPARSE,
			                     "align: %s:%zu: expected 'word TAB "
			                     "offset TAB length'",
			                     path, lineno);
		}
		/* dictd's own entries (00-database-info, ...) are no words */
		if (nl > p && strncmp(p, "00database", 10) != 0 &&
		    strncmp(p, "00-database", 11) != 0) {
			if (!TM__ARRAY_GROW(v, cap, k + 1, 1024)) {
				tm__free(v);
				return tm__error_oom();
			}
			v[k].off = off;
			v[k].len = len;
			k++;
		}
		p = nl + 1;
	}
	if (k)
		qsort(v, k, sizeof(*v), span_cmp);
	for (size_t i = 0; i < k; i++)
		if (!u || span_cmp(&v[u - 1], &v[i]) != 0)
			v[u++] = v[i];
	*out = v;
	*count = u;
	return TM_OK;
}

tm_status
tm__dictd_load(size_t *out_count, tm_aligner *al, const char *path,
               const char *src_lang, const char *tgt_lang)
{
	size_t n = strlen(path), bl, nix = 0, ndict = 0, nspans = 0;
	char *base, *name, *ix = NULL, *dict = NULL;
	span *spans = NULL;
	dictd_ctx x = {.al = al};
	tm_status st;
	int dir;

	if (out_count)
		*out_count = 0;
	bl = n >= 6 && strcmp(path + n - 6, ".index") == 0  ? n - 6
	     : n >= 8 && strcmp(path + n - 8, ".dict.dz") == 0 ? n - 8
	                                                       : n - 5;
	base = tm__malloc(bl + 10);
	name = tm__malloc(bl + 10);
	if (!base || !name) {
		tm__free(base);
		tm__free(name);
		return tm__error_oom();
	}
	memcpy(base, path, bl);
	base[bl] = '\0';
	dir = direction(base, src_lang, tgt_lang);
	if (dir == -2) {
		st = tm__error_set(TM_EINVAL,
		                   "align: %s: the file name names another "
		                   "language pair than %s-%s",
		                   path, src_lang, tgt_lang);
		goto out;
	}
	x.swap = dir == -1;
	memcpy(name, base, bl);
	memcpy(name + bl, ".index", 7);
	st = read_all(name, &ix, &nix);
	if (st < 0)
		goto out;
	memcpy(name + bl, ".dict.dz", 9);
	st = read_all(name, &dict, &ndict);
	if (st == TM_ENOTFOUND) {
		memcpy(name + bl, ".dict", 6);
		st = read_all(name, &dict, &ndict);
	}
	if (st < 0)
		goto out;
	memcpy(name + bl, ".index", 7);
	st = index_spans(&spans, &nspans, ix, nix, name);
	for (size_t k = 0; st >= 0 && k < nspans; k++) {
		if (spans[k].off > ndict || spans[k].len > ndict - spans[k].off) {
			memcpy(name + bl, ".index", 7);
			st = tm__error_set(TM_EPARSE,
			                   "align: %s: an entry lies past the end "
			                   "of the dictionary (offset %zu)",
			                   name, spans[k].off);
			break;
		}
		st = entry(&x, dict + spans[k].off, spans[k].len);
	}
	if (st >= 0 && out_count)
		*out_count = x.count;
out:
	tm__free(spans);
	tm__free(ix);
	tm__free(dict);
	tm__free(base);
	tm__free(name);
	return st;
}
