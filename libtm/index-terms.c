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
	size_t nptr;        /* slots whose word and term are tm__malloc()ed */
};

/* A variant's cross-script word and its hash (see gen_terms()). */
struct xword_h {
	uint32_t off, len;
	uint64_t hash;
};

struct tm__ix_gen {
	tm__toks toks;
	tm__buf term, pack, prefix;
	bool bare; /* the variant's terms are packed bare (tm__ix_terms) */
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
	/* only when a slot holds tm__malloc()ed data: reading every slot
	 * would fault in the pages that no word ever touched */
	for (size_t i = 0; c->nptr && i < 2 * XKEY_CACHE_MAX; i++)
		if (c->v[i].wlen + c->v[i].tlen > XKEY_INLINE)
			tm__free(c->v[i].d.ptr);
	tm__free(c->raw);
	memset(c, 0, sizeof(*c));
}

/* The slots, allocated on first use: 64-byte slots on 64-byte
 * boundaries, so that a probe costs one cache line, not two. tm__calloc():
 * memory fresh from the kernel is zeroed already, so the 16 MB are not
 * written (a page fault each 4 KB) before the first word; aligned by
 * hand. */
static bool
xkey_cache_alloc(struct xkey_cache *c)
{
	size_t size = 2 * XKEY_CACHE_MAX * sizeof(*c->v);

	if (c->v)
		return true;
	if (!(c->raw = tm__calloc(1, size + 64)))
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
	else if ((d = e->d.ptr = tm__malloc(wlen + term->len)))
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

/* A variant of more tokens than this (a segment of a megabyte has a few
 * hundred thousand) packs its terms bare (tm__ix_terms); with more
 * cross-script words than this, it makes their keys without the cache
 * (gen_xkeys_local()). */
#define GEN_MANY 8192
#define XW_CHUNK 65536

static int
by_xword_hash(const void *a, const void *b)
{
	const struct xword_h *x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return (x->len > y->len) - (x->len < y->len);
}

/* Sort the @n words @v by hash, then length: a heapsort, in place
 * (qsort() takes a copy of the array). */
static void
sort_xwords(struct xword_h *v, size_t n)
{
	for (size_t end = n, start = n / 2;;) {
		size_t root, child;
		struct xword_h t;

		if (start > 0) {
			start--;
		} else if (end > 1) {
			end--;
			t = v[end];
			v[end] = v[0];
			v[0] = t;
		} else {
			break;
		}
		for (root = start; (child = 2 * root + 1) < end; root = child) {
			if (child + 1 < end &&
			    by_xword_hash(&v[child], &v[child + 1]) < 0)
				child++;
			if (by_xword_hash(&v[root], &v[child]) >= 0)
				break;
			t = v[root];
			v[root] = v[child];
			v[child] = t;
		}
	}
}

static tm_status pack(tm__buf *b, bool bare, const char *pre, size_t npre,
                      const char *t, size_t n);

/* The key terms of the @nxw words g->xw of @key, for a variant of many
 * (a segment of a megabyte): each distinct word's key once, made without
 * the cache, whose 16 MB of slots such a variant would fill with words
 * of its own (0.77 MB of distinct words: 16 MB of its 90). A word the
 * cache has already is taken from it. The words are sorted by hash:
 * equal words are then adjacent, or only apart when another word has the
 * same hash, which costs a term packed twice (the postings keep one). */
static tm_status
gen_xkeys_local(tm__ix_gen *g, const char *key, size_t nxw)
{
	const size_t mask = 2 * XKEY_CACHE_MAX - 1;
	tm_status st;

	sort_xwords(g->xw, nxw);
	for (size_t i = 0; i < nxw; i++) {
		const struct xword_h *w = &g->xw[i], *p = &g->xw[i - (i > 0)];
		const char *word = key + w->off;

		if (i > 0 && p->hash == w->hash && p->len == w->len &&
		    memcmp(key + p->off, word, w->len) == 0)
			continue;
		if (g->xkeys.v) {
			const struct xkey_ent *e = NULL;

			for (size_t j = w->hash & mask; g->xkeys.v[j].wlen;
			     j = (j + 1) & mask)
				if (g->xkeys.v[j].hash == w->hash &&
				    g->xkeys.v[j].wlen == w->len &&
				    tm__bytes_eq(xkey_data(&g->xkeys.v[j]), word,
				                 w->len)) {
					e = &g->xkeys.v[j];
					break;
				}
			if (e) {
				if (e->tlen &&
				    (st = pack(&g->pack, g->bare, "", 0,
				               xkey_data(e) + e->wlen, e->tlen)) < 0)
					return st;
				continue;
			}
		}
		if ((st = tm__ix_translit_open(&g->tr)) < 0 ||
		    (st = tm__xkey_term(&g->term, g->tr, word, w->len)) < 0)
			return st;
		if (g->term.len &&
		    (st = pack(&g->pack, g->bare, "", 0, g->term.data,
		               g->term.len)) < 0)
			return st;
	}
	return TM_OK;
}

/* Append the term made of @pre (@npre bytes) then @t (@n bytes) to the
 * packed terms: two bytes of length (little-endian), its hash (8 bytes,
 * native order; not with @bare), its bytes. Written in place: tens of
 * millions of terms an import. */
static tm_status
pack(tm__buf *b, bool bare, const char *pre, size_t npre, const char *t,
     size_t n)
{
	size_t len = npre + n, hdr = bare ? 2 : 10;
	uint64_t h;
	char *d;
	tm_status st;

	if (b->len + hdr + len >= b->cap &&
	    (st = tm__buf_grow(b, hdr + len)) < 0)
		return st;
	d = b->data + b->len;
	d[0] = (char)(len & 0xff);
	d[1] = (char)(len >> 8);
	memcpy(d + hdr, pre, npre);
	memcpy(d + hdr + npre, t, n);
	if (!bare) {
		h = tm__hash_bytes(d + 10, len);
		memcpy(d + 2, &h, sizeof(h));
	}
	b->len += hdr + len;
	b->data[b->len] = '\0';
	return TM_OK;
}

/* Buffers of the generator bigger than this are freed after use (the
 * tokens, the words) or at the next variant (the terms, which the caller
 * reads meanwhile): only a variant of a megabyte grows them that far, and
 * the connection keeps its generator. */
#define GEN_KEEP ((size_t)1 << 20)

/* The code point of @s when its @len bytes are exactly one character of
 * UTF-8 (the key is valid UTF-8), else 0x110000. */
static uint32_t
one_char(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	if (len == 1 && u[0] < 0x80)
		return u[0];
	if (len == 2 && (u[0] & 0xe0) == 0xc0)
		return (uint32_t)(u[0] & 0x1f) << 6 | (u[1] & 0x3f);
	if (len == 3 && (u[0] & 0xf0) == 0xe0)
		return (uint32_t)(u[0] & 0x0f) << 12 |
		       (uint32_t)(u[1] & 0x3f) << 6 | (u[2] & 0x3f);
	if (len == 4 && (u[0] & 0xf8) == 0xf0)
		return (uint32_t)(u[0] & 0x07) << 18 |
		       (uint32_t)(u[1] & 0x3f) << 12 |
		       (uint32_t)(u[2] & 0x3f) << 6 | (u[3] & 0x3f);
	return 0x110000;
}

/* "<lang>:<token>": @prefix is "<lang>:". */
static tm_status
pack_token(tm__ix_gen *g, const tm__buf *prefix, const char *s, size_t len)
{
	if (len > IX_MAX_TOKEN)
		return TM_OK;
	return pack(&g->pack, g->bare, prefix->data, prefix->len, s, len);
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
	uint64_t *seen = NULL;
	size_t nxw;
	tm_status st = TM_OK;

	/* room for the tm__ix_terms header: tm__ix_gen_terms() gives the
	 * buffer itself, no copy */
	if (g->pack.cap > GEN_KEEP)
		tm__buf_dispose(&g->pack);
	g->pack.len = 0;
	if ((st = tm__buf_grow(&g->pack, offsetof(tm__ix_terms, data))) < 0)
		return st;
	g->pack.len = offsetof(tm__ix_terms, data);
	if ((st = tm__tokenize(toks, key, n)) < 0 ||
	    (st = tm__ix_term(&g->prefix, lang, "", 0)) < 0)
		return st;
	g->bare = toks->n > GEN_MANY;
	/* A bare variant packs each syllable or ideograph once: a page of
	 * Korean repeats a few thousand syllables (a third of its terms;
	 * the postings keep one of each anyway). A bit per code point. */
	if (g->bare && !(seen = tm__calloc(0x110000 / 64, sizeof(*seen))))
		return tm__error_oom();
	for (size_t i = 0; i < toks->n; i++) {
		const tm__tok *k = &toks->v[i];
		bool dup = false;
		uint32_t c;

		if (seen && k->kind == TM__TOK_CHAR &&
		    (c = one_char(key + k->off, k->len)) < 0x110000) {
			dup = seen[c / 64] >> (c % 64) & 1;
			seen[c / 64] |= (uint64_t)1 << (c % 64);
		}
		if (!dup &&
		    (st = pack_token(g, &g->prefix, key + k->off, k->len)) < 0)
			break;
		if (k->kind == TM__TOK_CHAR && i + 1 < toks->n &&
		    toks->v[i + 1].joined &&
		    toks->v[i + 1].kind == TM__TOK_CHAR &&
		    (st = pack_token(g, &g->prefix, key + k->off,
		                     toks->v[i + 1].off + toks->v[i + 1].len -
		                             k->off)) < 0)
			break;
	}
	tm__free(seen);
	if (st < 0)
		return st;
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
		/* a bare variant's words a chunk at a time: 1 MB of them at
		 * most, a word's key made again in each chunk it is in */
		if (++nxw == XW_CHUNK && g->bare) {
			if ((st = gen_xkeys_local(g, key, nxw)) < 0)
				return st;
			nxw = 0;
		}
	}
	if (g->bare)
		return gen_xkeys_local(g, key, nxw);
	for (size_t i = 0; i < nxw; i++) {
		const struct xword_h *w = &g->xw[i];
		const char *t;
		size_t tlen;

		if ((st = tm__ix_translit_open(&g->tr)) < 0 ||
		    (st = xkey_cached(&t, &tlen, g, key + w->off, w->len,
		                      w->hash)) < 0)
			return st;
		if (tlen && (st = pack(&g->pack, g->bare, "", 0, t, tlen)) < 0)
			return st;
	}
	return TM_OK;
}

tm_status
tm__ix_gen_new(tm__ix_gen **out)
{
	*out = tm__calloc(1, sizeof(**out));
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
	tm__free(g->xw);
	tm__free(g);
}

tm_status
tm__ix_gen_terms(const tm__ix_terms **out, tm__ix_gen *g,
                 const char *lang_base, const char *key, size_t len)
{
	tm__ix_terms *t;
	tm_status st;

	*out = NULL;
	st = gen_terms(g, lang_base, key, len);
	if (g->toks.cap * sizeof(*g->toks.v) > GEN_KEEP)
		tm__toks_dispose(&g->toks);
	if (g->xw_cap * sizeof(*g->xw) > GEN_KEEP) {
		tm__free(g->xw);
		g->xw = NULL;
		g->xw_cap = 0;
	}
	if (st < 0)
		return st == TM_ENOMEM ?
		               st :
		               tm__error_set(TM_EUNICODE,
		                             "index: cannot make the terms of "
		                             "'%.*s'",
		                             (int)(len > 200 ? 200 : len), key);
	t = (tm__ix_terms *)(void *)g->pack.data;
	t->len = g->pack.len - offsetof(tm__ix_terms, data);
	t->bare = g->bare;
	*out = t;
	return TM_OK;
}

bool
tm__ix_terms_next(const tm__ix_terms *t, size_t *pos, tm__ix_term_ref *out)
{
	const unsigned char *p = (const unsigned char *)t->data + *pos;

	if (t->bare) {
		if (*pos + 2 > t->len)
			return false;
		out->len = (size_t)(p[0] | p[1] << 8);
		out->s = (const char *)p + 2;
		out->hash = tm__hash_bytes(out->s, out->len);
		*pos += 2 + out->len;
		return true;
	}
	if (*pos + 10 > t->len)
		return false;
	out->len = (size_t)(p[0] | p[1] << 8);
	memcpy(&out->hash, p + 2, sizeof(out->hash));
	out->s = (const char *)p + 10;
	*pos += 10 + out->len;
	return true;
}
