/* SPDX-License-Identifier: MIT */
/* Term occurrence counts (termcount.c): a hash table from term bytes to a
 * count, for the candidate index's document frequencies (index.c). It is
 * on the import's hot path, once per index term: terms up to
 * TM__TCOUNT_INLINE bytes (nearly all) live in the slot itself, so that
 * counting one costs one cache miss instead of two. */
#ifndef TM_TERMCOUNT_PRIVATE_H
#define TM_TERMCOUNT_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "tm-private.h"

#define TM__TCOUNT_INLINE 24

/* FNV-1a, 64 bits: the hash of the term tables (here and index.c). */
static inline uint64_t
tm__hash_bytes(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

typedef struct tm__tcount_ent {
	uint64_t hash;
	uint32_t len;
	uint32_t val; /* 0: empty slot */
	union {
		char inl[TM__TCOUNT_INLINE];
		char *ptr;
	} k;
} tm__tcount_ent;

/* Zero-initialise; dispose with tm__tcount_clear(). */
typedef struct tm__tcount {
	tm__tcount_ent *v;
	size_t cap, n; /* slots (a power of 2), terms */
} tm__tcount;

/* Count one occurrence of term @t of @n bytes. TM_ENOMEM. */
tm_status tm__tcount_add(tm__tcount *c, const char *t, size_t n);

/* The bytes of entry @e's term (e->len of them). */
static inline const char *
tm__tcount_key(const tm__tcount_ent *e)
{
	return e->len <= TM__TCOUNT_INLINE ? e->k.inl : e->k.ptr;
}

/* The terms in byte order, shorter first on a common prefix (SQLite's
 * BINARY collation): an array of c->n pointers into @c, freed with
 * free(). TM_ENOMEM. */
tm_status tm__tcount_sorted(tm__tcount_ent ***out, const tm__tcount *c);

/* Forget every term and free the table. */
void tm__tcount_clear(tm__tcount *c);

#endif
