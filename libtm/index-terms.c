/* SPDX-License-Identifier: MIT */
/* The terms of the candidate index (index-private.h): what a variant is
 * found by. Made by the connection's generator, on the index's own
 * thread in a big transaction (index-feed.c), else on the writer's. */
#include "index-private.h"
#include "stem-private.h"
#include "tokenize-private.h"

#include <stdlib.h>
#include <string.h>

#define IX_MAX_TOKEN 255 /* longer tokens are scored but not indexed */

/* Word -> its transliteration key term (possibly none): a key costs an
 * ICU transliteration (most of the term generation's time), and a TM
 * repeats its words. Bounded: it starts over when full. */
#define XKEY_CACHE_MAX (1u << 17)

/* The word, then its term, then its stem: in the slot when they fit
 * (nearly always), so that a hit costs one cache miss. The stem rides in
 * the same slot as the key because the words of an English or Russian
 * variant are nearly all one-token cross-script words: one probe gives
 * both, and a Snowball stem (about 170 ns) is made once per word. */
#define XKEY_INLINE 48

struct xkey_ent {
	uint64_t hash;
	uint16_t wlen, tlen; /* wlen 0: an empty slot */
	uint16_t slen;       /* the stem's bytes; 0: the word is its stem */
	uint8_t slang;       /* the stem's language (stem_lang()), 0: none */
	uint8_t pad;
	union {
		char inl[XKEY_INLINE];
		char *ptr;
	} d;
};

static inline size_t
xkey_size(const struct xkey_ent *e)
{
	return (size_t)e->wlen + e->tlen + e->slen;
}

static inline const char *
xkey_data(const struct xkey_ent *e)
{
	return xkey_size(e) <= XKEY_INLINE ? e->d.inl : e->d.ptr;
}

_Static_assert(sizeof(struct xkey_ent) == 64, "a slot is a cache line");

struct xkey_cache {
	struct xkey_ent *v; /* 2 * XKEY_CACHE_MAX slots, once used */
	void *raw;          /* the allocation v is in */
	size_t n;
	size_t nptr;        /* slots whose word and term are malloc()ed */
};

/* A variant's cross-script word and its hash (see gen_terms()). */
struct xword_h {
	uint32_t off, len;
	uint64_t hash;
	uint32_t tok, ntok;
};

/* Languages whose stems the cache holds: an id of 1 to STEM_LANGS. */
#define STEM_LANGS 15

struct tm__ix_gen {
	tm__toks toks;
	tm__buf term, pack, prefix, sprefix;
	tm_translit *tr;
	tm__stems *stems;
	char stem_langs[STEM_LANGS][16];
	struct xkey_cache xkeys;
	struct xword_h *xw;
	size_t xw_cap;
};

tm_status
tm__ix_term(tm__buf *b, const char *lang, const char *tok, size_t len)
{
	tm_status st;

	b->len = 0;
	if ((st = tm__buf_append_str(b, lang)) < 0 ||
	    (st = tm__buf_append(b, ":", 1)) < 0)
		return st;
	return tm__buf_append(b, tok, len);
}

tm_status
tm__ix_translit_open(tm_translit **tr)
{
	/* Any handle gives the same keys; "ru" is the cheapest to open. */
	return *tr ? TM_OK : tm_translit_new(tr, "ru", 0);
}

static void
xkey_cache_clear(struct xkey_cache *c)
{
	/* only when a slot holds malloc()ed data: reading every slot
	 * would fault in the pages that no word ever touched */
	for (size_t i = 0; c->nptr && i < 2 * XKEY_CACHE_MAX; i++)
		if (c->v[i].wlen && xkey_size(&c->v[i]) > XKEY_INLINE)
			free(c->v[i].d.ptr);
	free(c->raw);
	memset(c, 0, sizeof(*c));
}

/* The slots, allocated on first use: 64-byte slots on 64-byte
 * boundaries, so that a probe costs one cache line, not two. calloc():
 * memory fresh from the kernel is zeroed already, so the 16 MB are not
 * written (a page fault each 4 KB) before the first word; aligned by
 * hand. */
static bool
xkey_cache_alloc(struct xkey_cache *c)
{
	size_t size = 2 * XKEY_CACHE_MAX * sizeof(*c->v);

	if (c->v)
		return true;
	if (!(c->raw = calloc(1, size + 64)))
		return false;
	c->v = (struct xkey_ent *)(((uintptr_t)c->raw + 63) &
	                           ~(uintptr_t)63);
	return true;
}

/* The slot of @word: its entry, or the empty slot where it would go
 * (NULL when the table cannot be allocated). */
static struct xkey_ent *
xkey_slot(struct xkey_cache *c, const char *word, size_t wlen, uint64_t h)
{
	size_t mask = 2 * XKEY_CACHE_MAX - 1, i;

	if (!xkey_cache_alloc(c))
		return NULL;
	for (i = h & mask; c->v[i].wlen; i = (i + 1) & mask)
		if (c->v[i].hash == h && c->v[i].wlen == wlen &&
		    tm__bytes_eq(xkey_data(&c->v[i]), word, wlen))
			break;
	return &c->v[i];
}

/* What the cache gives for a word: its key term (empty: none) and,
 * when asked for, its stem (empty: the word is its own stem, no term). */
struct xkey_res {
	const char *t, *s;
	size_t tlen, slen;
};

/* The stem of @word by @stem into @r (empty when it is the word). */
static tm_status
stem_of(struct xkey_res *r, tm__stemmer *stem, const char *word, size_t wlen)
{
	tm_status st = tm__stem(&r->s, &r->slen, stem, word, wlen);

	if (st >= 0 && r->slen == wlen && memcmp(r->s, word, wlen) == 0)
		r->slen = 0;
	return st;
}

/* The key term of @word (@h its hash), and with @stem (language id
 * @slang, 1 or more) its stem, through g's cache: into @r, valid until
 * the next call. */
static tm_status
xkey_cached(struct xkey_res *r, tm__ix_gen *g, const char *word, size_t wlen,
            uint64_t h, tm__stemmer *stem, uint8_t slang)
{
	struct xkey_cache *cache = &g->xkeys;
	tm__buf *term = &g->term;
	struct xkey_ent *e = NULL;
	size_t size;
	bool stemmed = false;
	char *d;
	tm_status st;

	*r = (struct xkey_res){ "", "", 0, 0 };
	/* longer words get no key term (and wlen 0 marks an empty slot) */
	if (wlen == 0 || wlen > UINT16_MAX) {
		st = tm__xkey_term(term, g->tr, word, wlen);
		goto computed;
	}
	e = xkey_slot(cache, word, wlen, h);
	if (e && e->wlen) {
		r->t = xkey_data(e) + wlen;
		r->tlen = e->tlen;
		if (!stem)
			return TM_OK;
		if (e->slang == slang) {
			r->s = r->t + e->tlen;
			r->slen = e->slen;
			return TM_OK;
		}
		/* the word was met in another language: its stem here is
		 * made each time (rare: a name in both) */
		return stem_of(r, stem, word, wlen);
	}
	if ((st = tm__xkey_term(term, g->tr, word, wlen)) < 0 || !e ||
	    term->len > UINT16_MAX)
		goto computed;
	if (stem) {
		stemmed = true;
		if ((st = stem_of(r, stem, word, wlen)) < 0 ||
		    r->slen > UINT16_MAX)
			goto computed;
	}
	if (cache->n >= XKEY_CACHE_MAX) {
		xkey_cache_clear(cache);
		if (!(e = xkey_slot(cache, word, wlen, h)))
			goto computed;
	}
	size = wlen + term->len + r->slen;
	if (size <= XKEY_INLINE)
		d = e->d.inl;
	else if ((d = e->d.ptr = malloc(size)))
		cache->nptr++;
	else
		goto computed; /* a cache: failing to remember is harmless */
	memcpy(d, word, wlen);
	if (term->len)
		memcpy(d + wlen, term->data, term->len);
	if (r->slen)
		memcpy(d + wlen + term->len, r->s, r->slen);
	e->hash = h;
	e->wlen = (uint16_t)wlen;
	e->tlen = (uint16_t)term->len;
	e->slen = (uint16_t)r->slen;
	e->slang = stem ? slang : 0;
	cache->n++;
	r->s = d + wlen + term->len;
computed:
	if (st >= 0) {
		r->t = term->data ? term->data : "";
		r->tlen = term->len;
		if (stem && !stemmed)
			st = stem_of(r, stem, word, wlen);
	}
	return st;
}

/* The cache's id of language @lang (1 to STEM_LANGS), 0 when the table is
 * full (the stems are then made each time). */
static uint8_t
stem_lang(tm__ix_gen *g, const char *lang)
{
	for (int i = 0; i < STEM_LANGS; i++) {
		if (!g->stem_langs[i][0] && strlen(lang) < 16) {
			strcpy(g->stem_langs[i], lang);
			return (uint8_t)(i + 1);
		}
		if (strcmp(g->stem_langs[i], lang) == 0)
			return (uint8_t)(i + 1);
	}
	return 0;
}

/* Append the term made of @pre (@npre bytes) then @t (@n bytes) to the
 * packed terms: two bytes of length (little-endian), its hash (8 bytes,
 * native order), its bytes. Written in place: tens of millions of terms
 * an import. */
static tm_status
pack(tm__buf *b, const char *pre, size_t npre, const char *t, size_t n)
{
	size_t len = npre + n;
	uint64_t h;
	char *d;
	tm_status st;

	if (b->len + 10 + len >= b->cap &&
	    (st = tm__buf_grow(b, 10 + len)) < 0)
		return st;
	d = b->data + b->len;
	d[0] = (char)(len & 0xff);
	d[1] = (char)(len >> 8);
	memcpy(d + 10, pre, npre);
	memcpy(d + 10 + npre, t, n);
	h = tm__hash_bytes(d + 10, len);
	memcpy(d + 2, &h, sizeof(h));
	b->len += 10 + len;
	b->data[b->len] = '\0';
	return TM_OK;
}

/* "<lang>:<token>": @prefix is "<lang>:". */
static tm_status
pack_token(tm__ix_gen *g, const tm__buf *prefix, const char *s, size_t len)
{
	if (len > IX_MAX_TOKEN)
		return TM_OK;
	return pack(&g->pack, prefix->data, prefix->len, s, len);
}

/* The stem terms "<lang>=<stem>" of the word tokens of cross-script
 * word @w that is not one word token (made each time: rare in the
 * languages that have stems). */
static tm_status
pack_stems(tm__ix_gen *g, tm__stemmer *stem, const char *key,
           const struct xword_h *w)
{
	tm_status st;

	for (uint32_t i = w->tok; i < w->tok + w->ntok; i++) {
		const tm__tok *k = &g->toks.v[i];
		struct xkey_res r;

		if (k->kind != TM__TOK_WORD || k->len > IX_MAX_TOKEN)
			continue;
		if ((st = stem_of(&r, stem, key + k->off, k->len)) < 0 ||
		    (r.slen && (st = pack(&g->pack, g->sprefix.data,
		                          g->sprefix.len, r.s, r.slen)) < 0))
			return st;
	}
	return TM_OK;
}

/* The terms of @key in language @lang into g->pack: "<lang>:<token>" for
 * each match token, "<lang>:<syllable><syllable>" for adjacent Han or
 * Hangul syllables, then "~<key>", the transliteration key of each
 * cross-script word (tokenize-private.h), for tm_concord()'s
 * TM_CONCORD_TRANSLIT, and "<lang>=<stem>" for each word token whose
 * Snowball stem (stem-private.h) is not the word itself, for the
 * inflected forms in tm_concord(). */
static tm_status
gen_terms(tm__ix_gen *g, const char *lang, const char *key, size_t n)
{
	tm__toks *toks = &g->toks;
	tm__stemmer *stem = NULL;
	uint8_t slang = 0;
	size_t nxw;
	tm_status st;

	/* room for the tm__ix_terms header: tm__ix_gen_terms() gives the
	 * buffer itself, no copy */
	g->pack.len = 0;
	if ((st = tm__buf_grow(&g->pack, sizeof(tm__ix_terms))) < 0)
		return st;
	g->pack.len = sizeof(tm__ix_terms);
	if ((st = tm__tokenize(toks, key, n)) < 0 ||
	    (st = tm__ix_term(&g->prefix, lang, "", 0)) < 0)
		return st;
	if (!g->stems && (st = tm__stems_new(&g->stems)) < 0)
		return st;
	if ((st = tm__stems_get(&stem, g->stems, lang)) < 0)
		return st;
	if (stem) {
		g->sprefix.len = 0;
		if ((st = tm__buf_append_str(&g->sprefix, lang)) < 0 ||
		    (st = tm__buf_append(&g->sprefix, "=", 1)) < 0)
			return st;
		slang = stem_lang(g, lang);
	}
	for (size_t i = 0; i < toks->n; i++) {
		const tm__tok *k = &toks->v[i];

		if ((st = pack_token(g, &g->prefix, key + k->off, k->len)) < 0)
			return st;
		if (k->kind == TM__TOK_CHAR && i + 1 < toks->n &&
		    toks->v[i + 1].joined &&
		    toks->v[i + 1].kind == TM__TOK_CHAR &&
		    (st = pack_token(g, &g->prefix, key + k->off,
		                     toks->v[i + 1].off + toks->v[i + 1].len -
		                             k->off)) < 0)
			return st;
	}
	/* The words' cache slots are misses in a table of 8 MB: ask for
	 * all of them first, so that the misses overlap. */
	nxw = 0;
	for (size_t i = 0; i < toks->n;) {
		tm__xword w;

		i = tm__xword_next(toks, i, &w);
		if (!w.ntok)
			break;
		if (nxw == g->xw_cap) {
			size_t cap = g->xw_cap ? 2 * g->xw_cap : 64;
			struct xword_h *v = realloc(g->xw, cap * sizeof(*v));

			if (!v)
				return tm__error_oom();
			g->xw = v;
			g->xw_cap = cap;
		}
		g->xw[nxw] = (struct xword_h){ w.off, w.len,
			                       tm__hash_bytes(key + w.off,
			                                      w.len),
			                       w.tok, w.ntok };
		if (g->xkeys.v)
			__builtin_prefetch(&g->xkeys.v[g->xw[nxw].hash &
			                               (2 * XKEY_CACHE_MAX -
			                                1)]);
		nxw++;
	}
	for (size_t i = 0; i < nxw; i++) {
		const struct xword_h *w = &g->xw[i];
		/* a word of one word token (nearly every one of an English
		 * or Russian variant) has its stem in the cache too */
		bool one = stem && w->ntok == 1 &&
		           toks->v[w->tok].kind == TM__TOK_WORD &&
		           w->len <= IX_MAX_TOKEN;
		struct xkey_res r;

		if ((st = tm__ix_translit_open(&g->tr)) < 0 ||
		    (st = xkey_cached(&r, g, key + w->off, w->len, w->hash,
		                      one && slang ? stem : NULL, slang)) < 0)
			return st;
		if (r.tlen && (st = pack(&g->pack, "", 0, r.t, r.tlen)) < 0)
			return st;
		if (one && !slang &&
		    (st = stem_of(&r, stem, key + w->off, w->len)) < 0)
			return st;
		if (one && r.slen &&
		    (st = pack(&g->pack, g->sprefix.data, g->sprefix.len, r.s,
		               r.slen)) < 0)
			return st;
		if (stem && !one && (st = pack_stems(g, stem, key, w)) < 0)
			return st;
	}
	return TM_OK;
}

tm_status
tm__ix_gen_new(tm__ix_gen **out)
{
	*out = calloc(1, sizeof(**out));
	return *out ? TM_OK : tm__error_oom();
}

void
tm__ix_gen_free(tm__ix_gen *g)
{
	if (!g)
		return;
	tm__toks_dispose(&g->toks);
	tm__buf_dispose(&g->term);
	tm__buf_dispose(&g->pack);
	tm__buf_dispose(&g->prefix);
	tm__buf_dispose(&g->sprefix);
	tm_translit_free(g->tr);
	tm__stems_free(g->stems);
	xkey_cache_clear(&g->xkeys);
	free(g->xw);
	free(g);
}

tm_status
tm__ix_gen_terms(const tm__ix_terms **out, tm__ix_gen *g,
                 const char *lang_base, const char *key, size_t len)
{
	tm__ix_terms *t;
	tm_status st;

	*out = NULL;
	if ((st = gen_terms(g, lang_base, key, len)) < 0)
		return st == TM_ENOMEM ?
		               st :
		               tm__error_set(TM_EUNICODE,
		                             "index: cannot make the terms of "
		                             "'%.*s'",
		                             (int)(len > 200 ? 200 : len), key);
	t = (tm__ix_terms *)(void *)g->pack.data;
	t->len = g->pack.len - sizeof(*t);
	*out = t;
	return TM_OK;
}

bool
tm__ix_terms_next(const tm__ix_terms *t, size_t *pos, tm__ix_term_ref *out)
{
	const unsigned char *p = (const unsigned char *)t->data + *pos;

	if (*pos + 10 > t->len)
		return false;
	out->len = (size_t)(p[0] | p[1] << 8);
	memcpy(&out->hash, p + 2, sizeof(out->hash));
	out->s = (const char *)p + 10;
	*pos += 10 + out->len;
	return true;
}
