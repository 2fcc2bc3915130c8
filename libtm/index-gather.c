/* SPDX-License-Identifier: MIT */
/* Postings gathered in memory (index-private.h): a hash table of terms,
 * each with the growing delta-coded list of the variants that have it.
 * Inverting costs a table probe and a few bytes per posting; index.c
 * writes the lists as one segment. */
#include "index-private.h"

#include <stdlib.h>
#include <string.h>

/* Memory gathered before a segment is written in the middle of a
 * transaction: bounds an import's memory (a posting takes one to three
 * bytes), and a bigger segment means fewer rows per term. Each segment
 * writes a row for nearly every term, while the import's other threads
 * wait: a million-unit import writes 4 segments (6 at 48 MB, 5% slower;
 * at 80 MB a 1 GB file's import passed 200 MB). */
#define PL_MEM_MAX ((size_t)64 << 20)

_Static_assert(sizeof(struct tm__ix_plist) == 64, "a slot is a cache line");

/* The id lists live in chunks of their own, by power-of-two size class
 * (16 bytes to SLAB_MAX): a list that grows takes a block of the next
 * class and leaves its old block for another list; a clear frees a few
 * dozen chunks instead of each list (a hundred thousand tm__free() calls,
 * cache misses each, while the other threads wait for the segment).
 * Longer lists are tm__malloc()ed. */
#define SLAB_MIN_SHIFT 4
#define SLAB_MAX ((size_t)64 << 10)
#define SLAB_CLASSES 13 /* 16 << 12 == SLAB_MAX */
#define CHUNK_SIZE ((size_t)1 << 20)

_Static_assert((size_t)1 << (SLAB_MIN_SHIFT + SLAB_CLASSES - 1) == SLAB_MAX,
               "the classes end at SLAB_MAX");

struct chunk {
	struct chunk *next;
	size_t used;
	_Alignas(16) unsigned char data[];
};

/* A variant of more than PL_BATCH terms, held on its own until it is
 * written as a segment of its own (add_solo()). */
struct solo {
	long long id;
	unsigned char *terms; /* its distinct terms in term order, each as
	                         2 bytes of length (little-endian) and its
	                         bytes; NULL: none held */
	size_t len;           /* bytes of terms */
	size_t n;             /* distinct terms */
};

struct tm__ix_pl {
	struct tm__ix_plist *v; /* cap slots, open addressing */
	size_t cap, n, mem;
	size_t variants;             /* added since the last clear */
	struct tm__ix_plist **found; /* add()'s slots of a variant's terms */
	size_t found_cap;
	struct chunk *chunks;          /* newest first */
	void *free_[SLAB_CLASSES];     /* blocks left by lists that grew */
	struct solo solo;
};

tm_status
tm__ix_pl_new(tm__ix_pl **out)
{
	*out = tm__calloc(1, sizeof(**out));
	return *out ? TM_OK : tm__error_oom();
}

void
tm__ix_pl_clear(tm__ix_pl *pl)
{
	if (!pl)
		return;
	for (size_t i = 0; i < pl->cap; i++) {
		if (pl->v[i].tlen > TM__PL_INLINE)
			tm__free(pl->v[i].t.ptr);
		if (pl->v[i].cap > SLAB_MAX)
			tm__free(pl->v[i].ids);
	}
	while (pl->chunks) {
		struct chunk *next = pl->chunks->next;

		tm__free(pl->chunks);
		pl->chunks = next;
	}
	memset(pl->free_, 0, sizeof(pl->free_));
	tm__free(pl->v);
	pl->v = NULL;
	tm__free(pl->solo.terms);
	memset(&pl->solo, 0, sizeof(pl->solo));
	pl->cap = pl->n = pl->mem = pl->variants = 0;
}

void
tm__ix_pl_free(tm__ix_pl *pl)
{
	if (!pl)
		return;
	tm__ix_pl_clear(pl);
	tm__free(pl->found);
	tm__free(pl);
}

size_t
tm__ix_pl_variants(const tm__ix_pl *pl)
{
	return pl->variants;
}

bool
tm__ix_pl_due(const tm__ix_pl *pl, size_t batch)
{
	if (pl->solo.terms)
		return true;
	return batch ? pl->variants >= batch : pl->mem >= PL_MEM_MAX;
}

static tm_status
grow(tm__ix_pl *pl)
{
	size_t cap = pl->cap ? 2 * pl->cap : 4096;
	struct tm__ix_plist *v = aligned_alloc(64, cap * sizeof(*v));

	if (!v)
		return tm__error_oom();
	memset(v, 0, cap * sizeof(*v));
	for (size_t j = 0; j < pl->cap; j++) {
		size_t i;

		if (!pl->v[j].tlen)
			continue;
		for (i = pl->v[j].hash & (cap - 1); v[i].tlen;
		     i = (i + 1) & (cap - 1))
			;
		v[i] = pl->v[j];
	}
	pl->mem += (cap - pl->cap) * sizeof(*v);
	tm__free(pl->v);
	pl->v = v;
	pl->cap = cap;
	return TM_OK;
}

/* The list of term @t, added when absent (the table has room). */
static struct tm__ix_plist *
get(tm__ix_pl *pl, const tm__ix_term_ref *t)
{
	struct tm__ix_plist *p;
	size_t i;

	if (t->len > UINT32_MAX || t->len == 0)
		return NULL;
	for (i = t->hash & (pl->cap - 1); pl->v[i].tlen;
	     i = (i + 1) & (pl->cap - 1)) {
		p = &pl->v[i];
		if (p->hash == t->hash && p->tlen == t->len &&
		    tm__bytes_eq(tm__ix_plist_term(p), t->s, t->len))
			return p;
	}
	p = &pl->v[i];
	if (t->len > TM__PL_INLINE) {
		if (!(p->t.ptr = tm__malloc(t->len)))
			return NULL;
		memcpy(p->t.ptr, t->s, t->len);
	} else {
		memcpy(p->t.inl, t->s, t->len);
	}
	p->tlen = (uint32_t)t->len;
	p->hash = t->hash;
	pl->n++;
	pl->mem += t->len;
	return p;
}

/* The size class of @size, a power of two from 16 to SLAB_MAX. */
static unsigned
slab_class(size_t size)
{
	return (unsigned)__builtin_ctzll(size) - SLAB_MIN_SHIFT;
}

/* A block of @size bytes (a power of two, at most SLAB_MAX). */
static void *
slab_alloc(tm__ix_pl *pl, size_t size)
{
	unsigned c = slab_class(size);
	void *b = pl->free_[c];

	if (b) {
		memcpy(&pl->free_[c], b, sizeof(void *));
		return b;
	}
	if (!pl->chunks || pl->chunks->used + size > CHUNK_SIZE) {
		struct chunk *k = tm__malloc(sizeof(*k) + CHUNK_SIZE);

		if (!k)
			return NULL;
		k->next = pl->chunks;
		k->used = 0;
		pl->chunks = k;
	}
	b = pl->chunks->data + pl->chunks->used;
	pl->chunks->used += size;
	return b;
}

static void
slab_free(tm__ix_pl *pl, void *b, size_t size)
{
	unsigned c = slab_class(size);

	memcpy(b, &pl->free_[c], sizeof(void *));
	pl->free_[c] = b;
}

/* Append @v to @p's ids as a varint. */
static tm_status
put(tm__ix_pl *pl, struct tm__ix_plist *p, uint64_t v)
{
	if (p->len + 10 > p->cap) {
		size_t cap = p->cap ? 2 * (size_t)p->cap : 16;
		unsigned char *d;

		if (cap > UINT32_MAX)
			return tm__error_oom();
		if (cap <= SLAB_MAX)
			d = slab_alloc(pl, cap);
		else if (p->cap > SLAB_MAX)
			d = tm__realloc(p->ids, cap);
		else
			d = tm__malloc(cap);
		if (!d)
			return tm__error_oom();
		if (p->cap && p->cap <= SLAB_MAX) {
			memcpy(d, p->ids, p->len);
			slab_free(pl, p->ids, p->cap);
		}
		pl->mem += cap - p->cap;
		p->ids = d;
		p->cap = (uint32_t)cap;
	}
	p->len += (uint32_t)tm__ix_varint_put(p->ids + p->len, v);
	return TM_OK;
}

/* Terms in a variant above which tm__ix_pl_add holds it on its own. */
#define PL_BATCH 8192

/* The packed terms of a solo variant: their bytes, and the bytes before
 * each term's (its length, and its hash unless bare). */
struct solo_ctx {
	const unsigned char *base;
	size_t hdr;
};

/* Two terms of a solo variant, at offsets @a and @b, in term order. */
static int
by_solo_term(const uint32_t *a, const uint32_t *b, const struct solo_ctx *c)
{
	const unsigned char *x = c->base + *a, *y = c->base + *b;
	size_t xl = (size_t)(x[0] | x[1] << 8), yl = (size_t)(y[0] | y[1] << 8);
	int d = memcmp(x + c->hdr, y + c->hdr, xl < yl ? xl : yl);

	return d ? d : (xl > yl) - (xl < yl);
}

/* Sort the @n offsets @v into the packed terms @ctx in term order: a
 * heapsort, in place (qsort() takes a copy of the array, and has no
 * argument for @base). */
static void
sort_solo(uint32_t *v, size_t n, const struct solo_ctx *ctx)
{
	for (size_t end = n, start = n / 2;;) {
		size_t root, child;
		uint32_t t;

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
			    by_solo_term(&v[child], &v[child + 1], ctx) < 0)
				child++;
			if (by_solo_term(&v[root], &v[child], ctx) >= 0)
				break;
			t = v[root];
			v[root] = v[child];
			v[child] = t;
		}
	}
}

/* tm__ix_pl_add for a variant of @n terms, more than PL_BATCH (a segment
 * of a megabyte has a couple of hundred thousand), into an empty @pl:
 * held on its own, its distinct terms sorted and packed (about 12 bytes a
 * term), to be written as a segment of its own. In the table, each
 * distinct term took a 64-byte slot at half load, doubled as it grew:
 * 0.77 MB of distinct words took 90 MB to import. The sort is of 4-byte
 * offsets into @t, in place. */
static tm_status
add_solo(tm__ix_pl *pl, long long id, const tm__ix_terms *t, size_t n)
{
	const struct solo_ctx ctx = { (const unsigned char *)t->data,
		                      t->bare ? 2 : 10 };
	uint32_t *offs;
	tm__ix_term_ref r;
	size_t pos = 0, k = 0, distinct = 0, bytes = 0;
	unsigned char *d;

	if (t->len > UINT32_MAX)
		return tm__error_oom(); /* 4 GB of terms: not a segment's */
	if (!(offs = tm__malloc(n * sizeof(*offs))))
		return tm__error_oom();
	for (size_t at = pos; tm__ix_terms_next(t, &pos, &r); at = pos)
		if (r.len > 0 && k < n)
			offs[k++] = (uint32_t)at;
	sort_solo(offs, k, &ctx);
	for (size_t i = 0; i < k; i++)
		if (i == 0 ||
		    by_solo_term(&offs[distinct - 1], &offs[i], &ctx) != 0) {
			const unsigned char *p =
			        (const unsigned char *)t->data + offs[i];

			offs[distinct++] = offs[i];
			bytes += 2 + (size_t)(p[0] | p[1] << 8);
		}
	if (!(d = pl->solo.terms = tm__malloc(bytes ? bytes : 1))) {
		tm__free(offs);
		return tm__error_oom();
	}
	for (size_t i = 0; i < distinct; i++) {
		const unsigned char *p = (const unsigned char *)t->data + offs[i];
		size_t len = (size_t)(p[0] | p[1] << 8);

		d[0] = p[0];
		d[1] = p[1];
		memcpy(d + 2, p + ctx.hdr, len);
		d += 2 + len;
	}
	tm__free(offs);
	pl->solo.id = id;
	pl->solo.len = bytes;
	pl->solo.n = distinct;
	pl->mem += bytes;
	pl->variants++;
	return TM_OK;
}

size_t
tm__ix_pl_solo(const tm__ix_pl *pl, long long *id)
{
	*id = pl->solo.id;
	return pl->solo.terms ? pl->solo.n : 0;
}

bool
tm__ix_pl_solo_next(const tm__ix_pl *pl, size_t *pos, const char **s,
                    size_t *len)
{
	const unsigned char *p = pl->solo.terms + *pos;

	if (!pl->solo.terms || *pos + 2 > pl->solo.len)
		return false;
	*len = (size_t)(p[0] | p[1] << 8);
	*s = (const char *)p + 2;
	*pos += 2 + *len;
	return true;
}

/* Each term costs two cache misses in tables of megabytes, its slot and
 * the end of its list: three passes ask for the slots, then (having
 * found them) for the ends of the lists, then write, so that the misses
 * of a variant's terms overlap instead of following one another. */
tm_status
tm__ix_pl_add(tm__ix_pl *pl, long long id, const tm__ix_terms *t)
{
	tm__ix_term_ref r;
	size_t pos = 0, n = 0;
	tm_status st;

	/* a solo variant is written before any other is added */
	if (pl->solo.terms)
		return TM_DONE;
	while (tm__ix_terms_next(t, &pos, &r))
		n++;
	if (n > PL_BATCH) {
		if (pl->n || pl->variants)
			return TM_DONE; /* these first: it goes alone */
		return add_solo(pl, id, t, n);
	}
	/* slots found must not move: room for all of them first */
	while (2 * (pl->n + n) > pl->cap)
		if (grow(pl) < 0)
			return tm__error_oom();
	if (n > pl->found_cap) {
		struct tm__ix_plist **v = tm__realloc(pl->found, n * sizeof(*v));

		if (!v)
			return tm__error_oom();
		pl->found = v;
		pl->found_cap = n;
	}
	pos = 0;
	while (tm__ix_terms_next(t, &pos, &r))
		__builtin_prefetch(&pl->v[r.hash & (pl->cap - 1)]);
	pos = 0;
	n = 0;
	while (tm__ix_terms_next(t, &pos, &r)) {
		struct tm__ix_plist *p = get(pl, &r);

		if (!p)
			return tm__error_oom();
		/* lists are ascending: the caller writes these first */
		if (p->n && id < p->last)
			return TM_DONE;
		if (p->ids)
			__builtin_prefetch(p->ids + p->len);
		pl->found[n++] = p;
	}
	for (size_t i = 0; i < n; i++) {
		struct tm__ix_plist *p = pl->found[i];

		if (p->n && p->last == id)
			continue; /* a term twice in the variant */
		if ((st = put(pl, p, (uint64_t)(id - (p->n ? p->last : 0)))) <
		    0)
			return st;
		p->last = id;
		p->n++;
	}
	pl->variants++;
	return TM_OK;
}

static int
by_term(const tm__ix_plist *x, const tm__ix_plist *y)
{
	int d = memcmp(tm__ix_plist_term(x), tm__ix_plist_term(y),
	               x->tlen < y->tlen ? x->tlen : y->tlen);

	return d ? d : (x->tlen > y->tlen) - (x->tlen < y->tlen);
}

/* A list and the first 8 bytes of its term, zero-padded, as a number
 * that compares as the bytes do: most comparisons of the sort stay in
 * the array instead of missing the cache twice in the table's slots. */
struct sort_ent {
	uint64_t prefix;
	const tm__ix_plist *p;
};

static int
by_prefix(const void *a, const void *b)
{
	const struct sort_ent *x = a, *y = b;

	if (x->prefix != y->prefix)
		return x->prefix < y->prefix ? -1 : 1;
	return by_term(x->p, y->p);
}

static uint64_t
term_prefix(const tm__ix_plist *p)
{
	const unsigned char *t = (const unsigned char *)tm__ix_plist_term(p);
	size_t n = p->tlen < 8 ? p->tlen : 8;
	uint64_t v = 0;

	for (size_t i = 0; i < 8; i++)
		v = v << 8 | (i < n ? t[i] : 0);
	return v;
}

tm_status
tm__ix_pl_sorted(const tm__ix_plist ***out, size_t *n, const tm__ix_pl *pl)
{
	const tm__ix_plist **order;
	struct sort_ent *ents;
	size_t k = 0;

	*out = NULL;
	*n = 0;
	if (!pl->n)
		return TM_OK;
	order = tm__malloc(pl->n * sizeof(*order));
	ents = tm__malloc(pl->n * sizeof(*ents));
	if (!order || !ents) {
		tm__free(order);
		tm__free(ents);
		return tm__error_oom();
	}
	for (size_t i = 0; i < pl->cap; i++)
		if (pl->v[i].n) { /* a slot whose first id failed has none */
			ents[k].prefix = term_prefix(&pl->v[i]);
			ents[k++].p = &pl->v[i];
		}
	qsort(ents, k, sizeof(*ents), by_prefix);
	for (size_t i = 0; i < k; i++)
		order[i] = ents[i].p;
	tm__free(ents);
	*out = order;
	*n = k;
	return TM_OK;
}
