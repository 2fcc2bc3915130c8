/* SPDX-License-Identifier: MIT */
/* The terms of the candidate index (index-private.h): what a variant is
 * found by. Made by the connection's generator, on the index's own
 * thread in a big transaction (index-feed.c), else on the writer's. */
#include "index-private.h"
#include "tokenize-private.h"

#include <stdlib.h>
#include <string.h>

#define IX_MAX_TOKEN 255 /* longer tokens are scored but not indexed */

/* Word -> its transliteration key term (possibly none): a key costs an
 * ICU transliteration (most of the term generation's time), and a TM
 * repeats its words. Bounded: it starts over when full. */
#define XKEY_CACHE_MAX (1u << 17)

/* The word, then its term: in the slot when they fit (nearly always),
 * so that a hit costs one cache miss. */
#define XKEY_INLINE 48

struct xkey_ent {
	uint64_t hash;
	uint32_t wlen, tlen; /* wlen 0: an empty slot */
	union {
		char inl[XKEY_INLINE];
		char *ptr;
	} d;
};

static inline const char *
xkey_data(const struct xkey_ent *e)
{
	return e->wlen + e->tlen <= XKEY_INLINE ? e->d.inl : e->d.ptr;
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
};

struct tm__ix_gen {
	tm__toks toks;
	tm__buf term, pack, prefix;
	tm_translit *tr;
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
		if (c->v[i].wlen + c->v[i].tlen > XKEY_INLINE)
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

/* The key term of @word (@h its hash), through g's cache: into *@out
 * and *@outlen, valid until the next call (empty: the word has none). */
static tm_status
xkey_cached(const char **out, size_t *outlen, tm__ix_gen *g,
            const char *word, size_t wlen, uint64_t h)
{
	struct xkey_cache *cache = &g->xkeys;
	tm__buf *term = &g->term;
	struct xkey_ent *e;
	char *d;
	tm_status st;

	*out = "";
	*outlen = 0;
	/* longer words get no key term (and wlen 0 marks an empty slot) */
	if (wlen == 0 || wlen > UINT16_MAX) {
		st = tm__xkey_term(term, g->tr, word, wlen);
		goto computed;
	}
	e = xkey_slot(cache, word, wlen, h);
	if (e && e->wlen) {
		*out = xkey_data(e) + wlen;
		*outlen = e->tlen;
		return TM_OK;
	}
	if ((st = tm__xkey_term(term, g->tr, word, wlen)) < 0 || !e ||
	    term->len > UINT16_MAX)
		goto computed;
	if (cache->n >= XKEY_CACHE_MAX) {
		xkey_cache_clear(cache);
		if (!(e = xkey_slot(cache, word, wlen, h)))
			goto computed;
	}
	if (wlen + term->len <= XKEY_INLINE)
		d = e->d.inl;
	else if ((d = e->d.ptr = malloc(wlen + term->len)))
		cache->nptr++;
	else
		goto computed; /* a cache: failing to remember is harmless */
	memcpy(d, word, wlen);
	if (term->len)
		memcpy(d + wlen, term->data, term->len);
	e->hash = h;
	e->wlen = (uint32_t)wlen;
	e->tlen = (uint32_t)term->len;
	cache->n++;
computed:
	if (st >= 0) {
		*out = term->data ? term->data : "";
		*outlen = term->len;
	}
	return st;
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

/* The terms of @key in language @lang into g->pack: "<lang>:<token>" for
 * each match token, "<lang>:<syllable><syllable>" for adjacent Han or
 * Hangul syllables, then "~<key>", the transliteration key of each
 * cross-script word (tokenize-private.h), for tm_concord()'s
 * TM_CONCORD_TRANSLIT. */
static tm_status
gen_terms(tm__ix_gen *g, const char *lang, const char *key, size_t n)
{
	tm__toks *toks = &g->toks;
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
		if (!TM__ARRAY_GROW(g->xw, g->xw_cap, nxw + 1, 64))
			return tm__error_oom();
		g->xw[nxw] = (struct xword_h){ w.off, w.len,
			                       tm__hash_bytes(key + w.off,
			                                      w.len) };
		if (g->xkeys.v)
			__builtin_prefetch(&g->xkeys.v[g->xw[nxw].hash &
			                               (2 * XKEY_CACHE_MAX -
			                                1)]);
		nxw++;
	}
	for (size_t i = 0; i < nxw; i++) {
		const struct xword_h *w = &g->xw[i];
		const char *t;
		size_t tlen;

		if ((st = tm__ix_translit_open(&g->tr)) < 0 ||
		    (st = xkey_cached(&t, &tlen, g, key + w->off, w->len,
		                      w->hash)) < 0)
			return st;
		if (tlen && (st = pack(&g->pack, "", 0, t, tlen)) < 0)
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
	tm_translit_free(g->tr);
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
