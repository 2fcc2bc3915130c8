/* SPDX-License-Identifier: MIT */
/* Concordance: every segment containing a phrase as a run of whole match
 * tokens starting at a word start, or a run of other forms of its words
 * (the same Snowball stem: Путина for Путин). Candidates are the
 * intersection of the posting lists of the two rarest term groups of the
 * phrase (a token's term, a syllable pair for Korean, a stem's terms),
 * then each is checked token by token on its key. Hits are ranked: exact
 * forms, inflected forms, cross-script, then newest first. */
#include "concord-private.h"
#include "fnv-private.h"
#include "match-private.h"
#include "stem-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_MAX 100

struct tm_concord_list {
	tm_concord_hit *v;
	size_t n, cap;
	uint64_t *hash;     /* of each hit's text and translation */
	size_t *slot, nslot; /* hash table of hit index + 1 (0: empty) */
	tm__pivot *pv;      /* borrowed from tm_concord(); NULL: no pivots */
	const char *tgt;    /* the translation's primary subtag, or ""; during
	                     * tm_concord() only */
};

/* A list whose hits lacking a translation in @tgt get one through @pv
 * (NULL: none). */
static tm_concord_list *
list_new(tm__pivot *pv, const char *tgt)
{
	tm_concord_list *l = tm__calloc(1, sizeof(*l));

	if (l) {
		l->pv = pv;
		l->tgt = tgt;
	}
	return l;
}

size_t
tm_concord_list_count(const tm_concord_list *l)
{
	return l ? l->n : 0;
}

const tm_concord_hit *
tm_concord_list_get(const tm_concord_list *l, size_t i)
{
	return l && i < l->n ? &l->v[i] : NULL;
}

void
tm_concord_list_free(tm_concord_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++) {
		tm__free((char *)l->v[i].text);
		tm__free((char *)l->v[i].lang);
		tm__free((char *)l->v[i].translation);
		tm__free((char *)l->v[i].target_lang);
		tm__free((char *)l->v[i].origin);
		tm__free((char *)l->v[i].changed);
		for (size_t k = 0; k < l->v[i].n_origins; k++)
			tm__free((char *)l->v[i].origins[k]);
		tm__free((void *)l->v[i].origins);
		tm__free((char *)l->v[i].pivot_lang);
	}
	tm__free(l->v);
	tm__free(l->hash);
	tm__free(l->slot);
	tm__free(l);
}

static char *
col_dup(sqlite3_stmt *s, int i)
{
	const char *v = (const char *)sqlite3_column_text(s, i);

	return v ? tm__strdup(v) : NULL;
}

/* The statement that fetches a candidate: ?1 the variant id, ?2 the
 * language base of the translation wanted ('' for the first other). */
static const char get_sql[] =
	"SELECT s.key, s.lang_base, s.plain, s.lang,"
	" s.tu_id, u.origin, u.changed,"
	" (SELECT t.plain || char(31) || t.lang FROM"
	" tuv t WHERE t.tu_id = s.tu_id AND"
	" t.lang_base <> s.lang_base AND"
	" (?2 = '' OR t.lang_base = ?2) ORDER BY t.id"
	" LIMIT 1)"
	" FROM tuv s JOIN tu u ON u.id = s.tu_id"
	" WHERE s.id = ?1";

static uint64_t
hit_hash(const char *text, const char *tr)
{
	uint64_t h = tm__fnv64_str(
	        tm__fnv64_byte(tm__fnv64_str(TM__FNV64_INIT, text), 0x1f),
	        tr ? tr : "");

	return (h ^ (h >> 29)) + (tr != NULL);
}

static tm_status
hit_add_origin(tm_concord_hit *hit, const char *name)
{
	char **v;

	if (!name)
		return TM_OK;
	for (size_t i = 0; i < hit->n_origins; i++)
		if (strcmp(hit->origins[i], name) == 0)
			return TM_OK;
	v = tm__realloc((void *)hit->origins, (hit->n_origins + 1) * sizeof(*v));
	if (!v)
		return tm__error_oom();
	hit->origins = (const char *const *)v;
	if (!(v[hit->n_origins] = tm__strdup(name)))
		return tm__error_oom();
	hit->n_origins++;
	return TM_OK;
}

/* The translation of the hit's unit @tu through a pivot: the first unit
 * stored sharing an exact variant in a third language with it. */
static tm_status
pivot_translation(tm_concord_list *l, tm_concord_hit *hit, const char *lb)
{
	tm__pivot_hit ph;
	size_t n = 0;
	tm_status st;

	if ((st = tm__pivot_find(&ph, 1, &n, l->pv, hit->tu, lb, l->tgt)) < 0 ||
	    !n)
		return st;
	hit->translation = ph.text;
	hit->target_lang = ph.lang;
	hit->pivot_lang = ph.via_lang;
	hit->flags |= TM_MATCH_PIVOT;
	ph.text = ph.lang = ph.via_lang = NULL;
	tm__pivot_hit_dispose(&ph);
	return TM_OK;
}

/* Append the hit of the row @s_get is on (span not set). A hit with the
 * same text and translation as an earlier one is not appended: its
 * origin joins the earlier one's, and TM_DONE says so (the caller then
 * sets no span). */
static tm_status
append_hit(tm_concord_list *l, sqlite3_stmt *s_get)
{
	tm_concord_hit *hit;
	const char *tr, *lb;
	tm_status st;

	if (l->n == l->cap) {
		/* two arrays of one capacity, each grown from it */
		size_t cap = l->cap;

		if (!TM__ARRAY_GROW(l->v, cap, l->n + 1, 16))
			return tm__error_oom();
		cap = l->cap;
		if (!TM__ARRAY_GROW(l->hash, cap, l->n + 1, 16))
			return tm__error_oom();
		l->cap = cap;
	}
	hit = &l->v[l->n];
	memset(hit, 0, sizeof(*hit));
	hit->tu = sqlite3_column_int64(s_get, 4);
	hit->text = col_dup(s_get, 2);
	hit->lang = col_dup(s_get, 3);
	hit->origin = col_dup(s_get, 5);
	hit->changed = col_dup(s_get, 6);
	lb = (const char *)sqlite3_column_text(s_get, 1);
	tr = (const char *)sqlite3_column_text(s_get, 7);
	l->n++; /* owned by the list from here, freed with it on failure */
	if (tr) {
		const char *sep = strchr(tr, 0x1f);

		hit->translation =
		        tm__strndup(tr, sep ? (size_t)(sep - tr) : strlen(tr));
		hit->target_lang = tm__strdup(sep ? sep + 1 : "");
	} else if (l->pv && l->tgt && *l->tgt && lb) {
		if ((st = pivot_translation(l, hit, lb)) < 0)
			return st;
	}
	if (!hit->text || !hit->lang ||
	    (tr && (!hit->translation || !hit->target_lang)))
		return tm__error_oom();
	l->hash[l->n - 1] = hit_hash(hit->text, hit->translation);
	/* a table of the hits by hash, at most half full: "all hits" (-n 0)
	 * of a common word may be a hundred thousand */
	if (2 * l->n > l->nslot) {
		size_t ns = l->nslot ? 2 * l->nslot : 64;
		size_t *sl = tm__calloc(ns, sizeof(*sl));

		if (!sl)
			return tm__error_oom();
		for (size_t i = 0; i + 1 < l->n; i++) {
			size_t k = (size_t)l->hash[i] & (ns - 1);

			while (sl[k])
				k = (k + 1) & (ns - 1);
			sl[k] = i + 1;
		}
		tm__free(l->slot);
		l->slot = sl;
		l->nslot = ns;
	}
	for (size_t k = (size_t)l->hash[l->n - 1] & (l->nslot - 1);;
	     k = (k + 1) & (l->nslot - 1)) {
		tm_concord_hit *o;
		size_t i;

		if (!l->slot[k]) {
			l->slot[k] = l->n;
			break;
		}
		i = l->slot[k] - 1;
		o = &l->v[i];
		if (l->hash[i] != l->hash[l->n - 1] ||
		    strcmp(o->text, hit->text) != 0 ||
		    (!o->translation != !hit->translation) ||
		    (o->translation &&
		     strcmp(o->translation, hit->translation) != 0))
			continue;
		/* the same hit again (a TMX import and an alignment of
		 * one story): one hit, every origin */
		st = hit_add_origin(o, hit->origin);
		l->n--;
		tm__free((char *)hit->text);
		tm__free((char *)hit->lang);
		tm__free((char *)hit->translation);
		tm__free((char *)hit->target_lang);
		tm__free((char *)hit->origin);
		tm__free((char *)hit->changed);
		tm__free((char *)hit->pivot_lang);
		return st < 0 ? st : TM_DONE;
	}
	return hit_add_origin(hit, hit->origin);
}

/* --- the phrase and its forms ------------------------------------- */

/* Kinds while searching (the order of the ranking). */
enum { K_NONE = -1, K_EXACT = TM_CONCORD_HIT_EXACT,
       K_INFLECTED = TM_CONCORD_HIT_INFLECTED,
       K_TRANSLIT = TM_CONCORD_HIT_TRANSLIT };

/* The stems that make a word's forms one word: a form is a token whose
 * stem is one of them. Its stem S, the word itself, and S's own stem:
 * Snowball does not always give one stem to the six cases of a foreign
 * name (Пхеньян and Пхеньяна: пхенья; Пхеньяну, Пхеньяне: пхеньян;
 * Китай: кита, Китая: кит), and for these the word or its stem's stem
 * is the other cases' stem. */
#define NFORMS 8

struct pforms {
	char *v[NFORMS];
	size_t len[NFORMS];
	size_t n; /* 0: the token is compared exactly only */
	size_t pre; /* bytes every form's token begins with */
	bool longer; /* a stem one letter longer than v[0] is one too */
};

/* The first letter of 4 or more: a stem one letter longer than the
 * word's is one of its forms (Пхеньяна: пхенья, Пхеньяну: пхеньян). */
#define STEM_LONGER_MIN 4

/* The phrase: its key's tokens, each with its hash and, for a word of a
 * language that has a Snowball stemmer, its forms' stems. */
struct phrase {
	char *key;
	size_t klen;
	tm__toks toks;
	uint64_t *ph;
	struct pforms *f; /* per token */
	tm__stemmer *st; /* the language's, or NULL */
	tm_status err;   /* a stemmer's failure while comparing */
};

static void
phrase_dispose(struct phrase *p)
{
	for (size_t i = 0; p->f && i < p->toks.n; i++)
		for (size_t j = 0; j < p->f[i].n; j++)
			tm__free(p->f[i].v[j]);
	tm__free(p->f);
	tm__free(p->ph);
	tm__free(p->key);
	tm__toks_dispose(&p->toks);
}

/* Add the stem @s (@n bytes) to @f unless it has it. */
static tm_status
pforms_add(struct pforms *f, const char *s, size_t n)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->len[i] == n && memcmp(f->v[i], s, n) == 0)
			return TM_OK;
	if (f->n == NFORMS)
		return TM_OK;
	if (!(f->v[f->n] = tm__strndup(s, n)))
		return tm__error_oom();
	f->len[f->n++] = n;
	return TM_OK;
}

/* Whether the 2 bytes at @s are a Cyrillic vowel (lower case). */
static bool
cyr_vowel(const char *s)
{
	static const char v[] = "аеёиоуыэюя";

	for (size_t i = 0; i + 1 < sizeof(v); i += 2)
		if (memcmp(s, v + i, 2) == 0)
			return true;
	return false;
}

/* Russian stems Snowball leaves apart: a fleeting о or е (рынок:
 * рынк-а, день: дн-я, церковь: церкв-и) and the nouns in -мя (время:
 * времен-и). The stem @s (@n bytes of Cyrillic) with the vowel taken out
 * or put in before its last letter, and a -мя noun's other stem. */
static tm_status
pforms_russian(struct pforms *f, const char *w, size_t wn)
{
	char buf[256];
	const char *s = f->v[0];
	size_t n = f->len[0];
	tm_status ret = TM_OK;

	if (n < 4 || n + 2 > sizeof(buf) || (n & 1) ||
	    (unsigned char)s[n - 2] < 0xD0)
		return TM_OK;
	if (n >= 6 && !cyr_vowel(s + n - 2) &&
	    (memcmp(s + n - 4, "о", 2) == 0 || memcmp(s + n - 4, "е", 2) == 0)) {
		memcpy(buf, s, n - 4);
		memcpy(buf + n - 4, s + n - 2, 2);
		ret = pforms_add(f, buf, n - 2);
	} else if (!cyr_vowel(s + n - 2) && !cyr_vowel(s + n - 4)) {
		for (int i = 0; i < 2 && ret >= 0 && f->n < NFORMS; i++) {
			memcpy(buf, s, n - 2);
			memcpy(buf + n - 2, i ? "е" : "о", 2);
			memcpy(buf + n, s + n - 2, 2);
			ret = pforms_add(f, buf, n + 2);
		}
	}
	if (ret >= 0 && f->n < NFORMS && wn >= 4 &&
	    memcmp(w + wn - 4, "мя", 4) == 0 && n + 4 <= sizeof(buf)) {
		memcpy(buf, s, n);
		memcpy(buf + n, "ен", 4);
		ret = pforms_add(f, buf, n + 4);
	} else if (ret >= 0 && f->n < NFORMS && n >= 8 &&
	           memcmp(s + n - 6, "мен", 6) == 0) {
		ret = pforms_add(f, s, n - 4);
	}
	return ret;
}

/* The forms of the word @w (@n bytes) into @f; with @russian, also the
 * stems of pforms_russian(). */
static tm_status
pforms_of(struct pforms *f, tm__stemmer *st, const char *w, size_t n,
          bool russian)
{
	const char *r;
	size_t rl;
	tm_status ret;

	if ((ret = tm__stem(&r, &rl, st, w, n)) < 0 ||
	    (ret = pforms_add(f, r, rl)) < 0 || (ret = pforms_add(f, w, n)) < 0 ||
	    (ret = tm__stem(&r, &rl, st, f->v[0], f->len[0])) < 0)
		return ret;
	/* the stem's stem, when it is the stem less its last letter
	 * (Пхеньяне: пхеньян, пхенья; not решение: решен, реш) */
	if (rl < f->len[0] && memcmp(r, f->v[0], rl) == 0 &&
	    tm__utf8_chars(f->v[0] + rl, f->len[0] - rl) == 1 &&
	    (ret = pforms_add(f, r, rl)) < 0)
		return ret;
	if (russian && (ret = pforms_russian(f, w, n)) < 0)
		return ret;
	/* A Snowball stem is the word less an ending, its last letter
	 * changed at most (English cry: cri): a token that does not begin
	 * like the shortest stem less two bytes is not stemmed, which is
	 * most of them. */
	f->pre = f->len[0];
	for (size_t i = 1; i < f->n; i++)
		if (f->len[i] < f->pre)
			f->pre = f->len[i];
	f->pre = f->pre > 2 ? f->pre - 2 : 1;
	for (size_t i = 1; i < f->n; i++)
		if (memcmp(f->v[i], f->v[0], f->pre) != 0)
			f->pre = 0;
	f->longer = tm__utf8_chars(f->v[0], f->len[0]) >= STEM_LONGER_MIN;
	return TM_OK;
}

static tm_status
phrase_init(struct phrase *p, tm__ix *ix, const char *lang, const char *text)
{
	tm__stems *stems;
	tm_status st;

	memset(p, 0, sizeof(*p));
	if ((st = tm__match_key(&p->key, &p->klen, text)) < 0 ||
	    (st = tm__tokenize(&p->toks, p->key, p->klen)) < 0)
		return st;
	if (p->toks.n == 0)
		return tm__error_set(TM_EINVAL,
		                     "concord: no word in the phrase");
	p->ph = tm__calloc(p->toks.n, sizeof(*p->ph));
	p->f = tm__calloc(p->toks.n, sizeof(*p->f));
	if (!p->ph || !p->f)
		return tm__error_oom();
	if ((st = tm__ix_stems(&stems, ix)) < 0 ||
	    (st = tm__stems_get(&p->st, stems, lang)) < 0)
		return st;
	for (size_t i = 0; i < p->toks.n; i++) {
		const tm__tok *k = &p->toks.v[i];

		p->ph[i] = tm__tok_hash(p->key + k->off, k->len);
		if (p->st && k->kind == TM__TOK_WORD && k->len <= 255 &&
		    (st = pforms_of(&p->f[i], p->st, p->key + k->off, k->len,
		                    strcmp(lang, "ru") == 0)) < 0)
			return st;
	}
	return TM_OK;
}

/* How the @len key bytes at @s agree with phrase token @i: K_EXACT (the
 * same bytes), K_INFLECTED (a stem of its forms) or K_NONE. */
static int
tok_agrees(struct phrase *p, size_t i, const char *s, size_t len)
{
	const struct pforms *f = &p->f[i];
	const char *r;
	size_t rl;

	if (tm__tok_hash(s, len) == p->ph[i])
		return K_EXACT;
	if (!f->n || len < f->pre || memcmp(s, f->v[0], f->pre) != 0)
		return K_NONE;
	if (tm__stem(&r, &rl, p->st, s, len) < 0) {
		p->err = TM_ENOMEM;
		return K_NONE;
	}
	for (size_t j = 0; j < f->n; j++)
		if (rl == f->len[j] && memcmp(r, f->v[j], rl) == 0)
			return K_INFLECTED;
	if (f->longer && rl > f->len[0] && memcmp(r, f->v[0], f->len[0]) == 0 &&
	    tm__utf8_chars(r + f->len[0], rl - f->len[0]) == 1)
		return K_INFLECTED;
	return K_NONE;
}

/* Whether token @i of @t begins a word: a phrase matches at a word start
 * only, so that 평양 (Pyongyang) is not found inside 태평양 (Pacific) while
 * 평양은 and 평양에서 (the name with a particle after it) still are. A
 * token glued to a letter, syllable or digit before it is inside a word;
 * one after a symbol ("$5") is not. */
static bool
word_start(const tm__toks *t, size_t i)
{
	return i == 0 || !t->v[i].joined || t->v[i - 1].kind == TM__TOK_SYM;
}

/* Position of the phrase in the tokens @t of the key @s, or -1, and the
 * kind of the run into *@kind: the first run of the phrase's own tokens,
 * else the first run of its words' forms. */
static long
find_run(struct phrase *p, const char *s, const tm__toks *t, int *kind)
{
	size_t np = p->toks.n;
	long first = -1;

	*kind = K_NONE;
	for (size_t i = 0; i + np <= t->n; i++) {
		int k = K_EXACT;
		size_t j = 0;

		if (!word_start(t, i))
			continue;
		for (; j < np; j++) {
			int a = tok_agrees(p, j, s + t->v[i + j].off,
			                   t->v[i + j].len);

			if (a == K_NONE)
				break;
			if (a == K_INFLECTED)
				k = K_INFLECTED;
		}
		if (j < np)
			continue;
		if (k == K_EXACT) {
			*kind = K_EXACT;
			return (long)i;
		}
		if (first < 0)
			first = (long)i;
	}
	if (first >= 0)
		*kind = K_INFLECTED;
	return first;
}

/* Mark the phrase in the stored plain text: its tokens, each folded like
 * the key, compared with the phrase's; the first run of kind @want (an
 * inflected run may hold exact tokens). */
static void
find_span(size_t *start, size_t *len, const char *plain, struct phrase *p,
          int want)
{
	size_t np = p->toks.n;
	tm__toks t = { 0 };

	*start = *len = 0;
	if (tm__tokenize(&t, plain, strlen(plain)) < 0)
		return;
	for (size_t i = 0; i + np <= t.n; i++) {
		int k = K_EXACT;
		size_t j = 0;

		if (!word_start(&t, i))
			continue;
		for (; j < np; j++) {
			char *key = NULL, *tok;
			size_t kl = 0;
			int a = K_NONE;

			tok = tm__strndup(plain + t.v[i + j].off,
			                  t.v[i + j].len);
			if (tok && tm__match_key(&key, &kl, tok) >= 0)
				a = tok_agrees(p, j, key, kl);
			tm__free(tok);
			tm__free(key);
			if (a == K_NONE)
				break;
			if (a == K_INFLECTED)
				k = K_INFLECTED;
		}
		if (j == np && (k == want || want == K_INFLECTED)) {
			*start = t.v[i].off;
			*len = t.v[i + np - 1].off + t.v[i + np - 1].len -
			       t.v[i].off;
			break;
		}
	}
	tm__toks_dispose(&t);
}

/* A group of index terms whose lists are read as one: a token's term, a
 * syllable pair's, or for a word with stems "<lang>:<stem>" OR
 * "<lang>=<stem>" for each of its forms' stems (every token with that
 * stem: the stem itself as a token, the others under their stem term,
 * index-private.h). */
struct term {
	char *text; /* a term, or with @query an index query */
	size_t len;
	bool query;
	long long df;
};

static int
by_df(const void *a, const void *b)
{
	const struct term *x = a, *y = b;

	return x->df < y->df ? -1 : x->df > y->df;
}

static tm_status
term_list(tm__ids *out, tm__ix *ix, const struct term *t)
{
	return t->query ? tm__ix_query(out, ix, t->text, t->len) :
	                  tm__ix_list(out, ix, t->text, t->len);
}

/* What a walk over the index's terms gathers for a phrase word: the
 * terms whose token is one of its forms, as an index query. */
struct form_walk {
	struct phrase *p;
	size_t i;
	size_t skip; /* bytes of "<lang>:" */
	tm__buf q;
	long long df;
};

static tm_status
form_walk_term(void *payload, const char *term, size_t len, long long df)
{
	struct form_walk *fw = payload;
	tm_status st;

	if (len <= fw->skip || len > 255 + fw->skip || df <= 0 ||
	    tok_agrees(fw->p, fw->i, term + fw->skip, len - fw->skip) ==
	            K_NONE)
		return fw->p->err;
	fw->df += df;
	if ((fw->q.len && (st = tm__buf_append_str(&fw->q, " OR ")) < 0) ||
	    (st = tm__buf_append_str(&fw->q, "\"")) < 0 ||
	    (st = tm__buf_append(&fw->q, term, len)) < 0)
		return st;
	return tm__buf_append_str(&fw->q, "\"");
}

/* The group of phrase word @i, into @t: the index terms whose token is
 * one of its forms (a Snowball stem among its forms' stems), found by a
 * walk over the terms that begin with each of its forms' stems of 3
 * letters or more (Путин: путин...; рынок: рынок..., рынк...; a stem
 * that begins with another is that one's walk), a shorter one being a
 * term itself (день: дн). The index has no stem terms: they would cost
 * every import 12% more CPU for 18% more postings (measured at 200,000
 * units). */
static tm_status
form_group(struct term *t, tm__ix *ix, struct phrase *p, size_t i,
           const char *src)
{
	const struct pforms *f = &p->f[i];
	struct form_walk fw = { p, i, strlen(src) + 1, { 0 }, 0 };
	tm__buf pre = { 0 };
	tm_status st = TM_OK;

	for (size_t j = 0; j < f->n && st >= 0; j++) {
		bool covered = false;

		for (size_t k = 0; k < f->n && !covered; k++)
			covered = k != j && f->len[k] < f->len[j] &&
			          tm__utf8_chars(f->v[k], f->len[k]) >= 3 &&
			          memcmp(f->v[k], f->v[j], f->len[k]) == 0;
		if (covered ||
		    (st = tm__ix_term(&pre, src, f->v[j], f->len[j])) < 0)
			continue;
		if (tm__utf8_chars(f->v[j], f->len[j]) >= 3) {
			st = tm__ix_prefix_terms(ix, pre.data, pre.len,
			                         form_walk_term, &fw);
		} else {
			long long df = 0;

			if ((st = tm__ix_df(&df, ix, pre.data, pre.len)) >= 0)
				st = form_walk_term(&fw, pre.data, pre.len,
				                    df);
		}
	}
	if (st < 0)
		goto done;
	t->query = true;
	t->df = fw.df;
	t->text = fw.q.len ? tm__strndup(fw.q.data, fw.q.len) : tm__strdup("");
	t->len = fw.q.len;
	if (!t->text)
		st = tm__error_oom();
done:
	tm__buf_dispose(&fw.q);
	tm__buf_dispose(&pre);
	return st;
}

/* The groups of the phrase's tokens into @terms (2 per token at most),
 * with their frequencies; with @forms, a word's group holds its forms. */
static tm_status
phrase_terms(struct term *terms, size_t *nterms, tm__ix *ix,
             struct phrase *p, const char *src, bool forms)
{
	tm__buf term = { 0 };
	tm_status st = TM_OK;

	*nterms = 0;
	for (size_t i = 0; i < p->toks.n && st >= 0; i++) {
		const tm__tok *k = &p->toks.v[i];
		const tm__tok *n = i + 1 < p->toks.n ? &p->toks.v[i + 1] : NULL;
		size_t spans[2] = { k->len, 0 };

		if (k->kind == TM__TOK_CHAR && n && n->joined &&
		    n->kind == TM__TOK_CHAR)
			spans[1] = n->off + n->len - k->off;
		for (int j = 0; j < 2; j++) {
			struct term *t = &terms[*nterms];

			if (!spans[j] || spans[j] > 255)
				continue;
			if (forms && j == 0 && p->f[i].n) {
				if ((st = form_group(t, ix, p, i, src)) < 0)
					break;
			} else {
				if ((st = tm__ix_term(&term, src,
				                      p->key + k->off,
				                      spans[j])) < 0 ||
				    (st = tm__ix_df(&t->df, ix, term.data,
				                    term.len)) < 0)
					break;
				t->text = tm__strndup(term.data, term.len);
				t->len = term.len;
			}
			if (!t->text) {
				st = tm__error_oom();
				break;
			}
			(*nterms)++;
		}
	}
	tm__buf_dispose(&term);
	return st;
}

tm_status
tm__concord_add_hit(tm_concord_list *l, sqlite3_stmt *s_get,
                    unsigned int kind, size_t start, size_t len)
{
	tm_status st = append_hit(l, s_get);

	if (st < 0 || st == TM_DONE)
		return st;
	l->v[l->n - 1].match_kind = (unsigned int)kind;
	l->v[l->n - 1].span_start = start;
	l->v[l->n - 1].span_len = len;
	return TM_OK;
}

static bool
ids_has(const tm__ids *ids, long long id)
{
	size_t lo = 0, hi = ids->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ids->v[mid] == id)
			return true;
		if (ids->v[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* One pass of plain_search(): the candidates of the phrase's tokens
 * (@forms: of its words' forms), newest first, until *@nexact, the exact
 * hits (@forms: all hits), reaches @stop; those in @skip were checked by
 * the first pass. The candidates into @a. */
static tm_status
search_pass(tm_concord_list *l, tm_db *db, tm__ix *ix, sqlite3_stmt *s_get,
            struct phrase *p, const char *src, size_t stop, size_t *nexact,
            bool forms, const tm__ids *skip, tm__ids *a)
{
	struct term *terms;
	size_t nterms = 0;
	tm__ids b = { 0 };
	tm__toks ctoks = { 0 };
	tm_status st;

	a->n = 0;
	terms = tm__calloc(2 * p->toks.n, sizeof(*terms));
	if (!terms)
		return tm__error_oom();
	if ((st = phrase_terms(terms, &nterms, ix, p, src, forms)) < 0)
		goto done;
	/* only overlong words, or a word no variant has: nothing found */
	if (!nterms)
		goto done;
	if (nterms > 1)
		qsort(terms, nterms, sizeof(*terms), by_df);
	if (terms[0].df == 0)
		goto done;
	if ((st = term_list(a, ix, &terms[0])) < 0)
		goto done;
	/* A second list small enough is read whole and intersected. */
	if (nterms > 1 && terms[1].df < 8 * terms[0].df + 10000) {
		if ((st = term_list(&b, ix, &terms[1])) < 0)
			goto done;
		tm__ids_and(a, &b);
	}
	for (size_t i = a->n; i-- > 0 && *nexact < stop;) {
		const char *k, *lb;
		size_t start, len;
		int rc, kind;

		if (skip && ids_has(skip, a->v[i]))
			continue;
		sqlite3_reset(s_get);
		sqlite3_bind_int64(s_get, 1, a->v[i]);
		rc = sqlite3_step(s_get);
		if (rc == SQLITE_DONE)
			continue;
		if (rc != SQLITE_ROW) {
			st = tm__db_error(db, rc, "concord");
			goto done;
		}
		k = (const char *)sqlite3_column_text(s_get, 0);
		lb = (const char *)sqlite3_column_text(s_get, 1);
		if (!k || !lb || strcmp(lb, src) != 0)
			continue;
		if ((st = tm__tokenize(&ctoks, k, strlen(k))) < 0)
			goto done;
		if (find_run(p, k, &ctoks, &kind) < 0) {
			if ((st = p->err) < 0)
				goto done;
			continue;
		}
		find_span(&start, &len,
		          (const char *)sqlite3_column_text(s_get, 2), p,
		          kind);
		if ((st = p->err) < 0 ||
		    (st = tm__concord_add_hit(l, s_get, (unsigned int)kind,
		                               start, len)) < 0)
			goto done;
		*nexact += (forms || kind == K_EXACT) && st != TM_DONE;
	}
done:
	for (size_t i = 0; i < nterms; i++)
		tm__free(terms[i].text);
	tm__free(terms);
	tm__free(b.v);
	tm__toks_dispose(&ctoks);
	return st;
}

/* The segments of language @src holding the phrase or a form of it,
 * appended to @l: first the candidates of its own tokens, newest first,
 * until @stop exact hits (nothing after them can rank above them but by
 * date), which is all a common phrase costs; then, when fewer were found,
 * the candidates of its words' forms that pass did not read, newest
 * first, until @stop hits in all. */
static tm_status
plain_search(tm_concord_list *l, tm_db *db, tm__ix *ix, sqlite3_stmt *s_get,
             struct phrase *p, const char *src, size_t stop)
{
	tm__ids first = { 0 }, second = { 0 };
	size_t nexact = 0, n0 = l->n;
	bool forms = false;
	tm_status st;

	for (size_t i = 0; i < p->toks.n; i++)
		forms |= p->f[i].n > 0;
	if ((st = search_pass(l, db, ix, s_get, p, src, stop, &nexact, false,
	                      NULL, &first)) >= 0 &&
	    forms && nexact < stop) {
		/* every exact hit was among the first pass's candidates:
		 * the second finds inflected ones, which rank after them,
		 * and stops at @stop hits in all */
		nexact = l->n - n0;
		st = search_pass(l, db, ix, s_get, p, src, stop, &nexact, true,
		                 &first, &second);
	}
	tm__free(first.v);
	tm__free(second.v);
	return st;
}

/* Ranking: exact, inflected, cross-script; then the newest `changed`
 * first (a TMX date compares as a string; none last), then the newest
 * unit. */
static int
by_rank(const void *a, const void *b)
{
	const tm_concord_hit *x = a, *y = b;
	int c;

	if (x->match_kind != y->match_kind)
		return x->match_kind < y->match_kind ? -1 : 1;
	if (x->changed || y->changed) {
		if (!x->changed || !y->changed)
			return x->changed ? -1 : 1;
		if ((c = strcmp(x->changed, y->changed)) != 0)
			return -c;
	}
	if (x->tu != y->tu)
		return x->tu > y->tu ? -1 : 1;
	return strcmp(x->lang, y->lang);
}

/* Sort @l by rank and keep its first @limit hits. */
static tm_status
rank(tm_concord_list *l, size_t limit)
{
	tm_concord_list *rest;

	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), by_rank);
	if (l->n <= limit)
		return TM_OK;
	/* the hits dropped are freed as a list of their own, by the one
	 * function that knows what a hit owns */
	rest = tm__calloc(1, sizeof(*rest));
	if (!rest || !(rest->v = tm__malloc((l->n - limit) * sizeof(*l->v)))) {
		tm__free(rest);
		return tm__error_oom();
	}
	memcpy(rest->v, l->v + limit, (l->n - limit) * sizeof(*l->v));
	rest->n = rest->cap = l->n - limit;
	l->n = limit;
	tm_concord_list_free(rest);
	return TM_OK;
}

tm_status
tm_concord(tm_concord_list **out, tm_db *db, const char *phrase,
           const tm_concord_options *opts)
{
	char src[16], tgt[16] = "";
	size_t limit, nphrase;
	struct phrase p;
	sqlite3_stmt *s_get = NULL;
	bool in_txn = false;
	tm_concord_list *l = NULL;
	tm__pivot *pv = NULL;
	tm__ix *ix;
	sqlite3 *h;
	tm_status st;

	memset(&p, 0, sizeof(p));
	if (!out)
		return tm__error_set(TM_EINVAL, "concord: no output pointer");
	*out = NULL;
	if (!db || !phrase || !opts ||
	    opts->version != TM_CONCORD_OPTIONS_VERSION)
		return tm__error_set(TM_EINVAL, "concord: %s",
		                     !db       ? "the TM is NULL" :
		                     !phrase   ? "the phrase is NULL" :
		                     !opts     ? "the options are NULL" :
		                                 "unknown options version");
	if ((st = tm_lang_validate(opts->lang)) < 0 ||
	    (st = tm__lang_base(src, opts->lang)) < 0)
		return st;
	if (opts->target_lang &&
	    ((st = tm_lang_validate(opts->target_lang)) < 0 ||
	     (st = tm__lang_base(tgt, opts->target_lang)) < 0))
		return st;
	limit = opts->max_results == 0 ? DEFAULT_MAX :
	        opts->max_results < 0  ? (size_t)-1 :
	                                 (size_t)opts->max_results;
	h = tm__db_handle(db);
	if ((st = tm__db_index(&ix, db)) < 0)
		return st;
	{
		/* with TM_CONCORD_TRANSLIT every language is searched */
		bool any = opts->flags & TM_CONCORD_TRANSLIT;
		const char *tags[] = { any ? opts->target_lang : opts->lang,
			               opts->target_lang };
		const char *bases[] = { any ? tgt : src, tgt };
		size_t n = any ? (*tgt ? 1 : 0) : (*tgt ? 2 : 1);

		if ((st = tm__db_require_langs(db, tags, bases, n)) < 0)
			return st;
	}
	/* one snapshot and one set of WAL locks for the whole search */
	if (sqlite3_get_autocommit(h)) {
		if (sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
			return tm__db_error(db, sqlite3_errcode(h), "concord");
		in_txn = true;
	}
	if (*tgt && !(opts->flags & TM_CONCORD_NO_PIVOT) &&
	    (st = tm__pivot_open(&pv, db)) < 0)
		goto done;
	if ((st = phrase_init(&p, ix, src, phrase)) < 0)
		goto done;
	if (sqlite3_prepare_v2(h, get_sql, -1, &s_get, NULL) != SQLITE_OK) {
		st = tm__db_error(db, sqlite3_errcode(h), "concord");
		goto done;
	}
	sqlite3_bind_text(s_get, 2, tgt, -1, SQLITE_STATIC);
	l = list_new(pv, tgt);
	if (!l) {
		st = tm__error_oom();
		goto done;
	}
	/* with TM_CONCORD_TRANSLIT, more of the phrase's own hits: the
	 * units that hold it show how the name is written elsewhere */
	if ((st = plain_search(l, db, ix, s_get, &p, src,
	                       opts->flags & TM_CONCORD_TRANSLIT &&
	                                       limit < TM__CONCORD_EVIDENCE ?
	                               TM__CONCORD_EVIDENCE :
	                               limit)) < 0)
		goto done;
	nphrase = l->n;
	if (opts->flags & TM_CONCORD_TRANSLIT && nphrase < limit &&
	    (st = tm__concord_translit(l, db, ix, s_get, phrase, src,
	                           limit - nphrase)) < 0)
		goto done;
	if ((st = rank(l, limit)) < 0)
		goto done;
	*out = l;
	l = NULL;
	st = TM_OK;
done:
	phrase_dispose(&p);
	sqlite3_finalize(s_get);
	tm__pivot_free(pv);
	if (in_txn)
		sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
	tm_concord_list_free(l);
	return st;
}
