/* SPDX-License-Identifier: MIT */
/* A Bloom filter of the duplicate hashes (tu.dup_hash) of a TM, kept by a
 * bulk load (store.c): a unit none of whose hashes is there has no
 * duplicate, and needs no lookup in the tu_dup index (a statement run,
 * 2.4 µs a unit, a tenth of a million-unit import's writing thread).
 *
 * Blocked: the four bits of a hash lie in one 64-byte block, so that a
 * test costs one cache miss. Sixteen bits an entry give about one false
 * positive in 400, which costs the lookup it would have made anyway. */
#include "store-private.h"

#include <stdlib.h>
#include <string.h>

#define BITS_PER_ENTRY 16
#define BLOCK_WORDS 8 /* 512 bits */

/* splitmix64's finalizer: FNV's low bits are too regular to index by. */
static uint64_t
mix(uint64_t h)
{
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	return h;
}

tm_status
tm__dupfilter_init(tm__dupfilter *f, size_t cap)
{
	size_t blocks = 1;

	tm__dupfilter_dispose(f);
	if (cap < 64)
		cap = 64;
	while (blocks * BLOCK_WORDS * 64 < cap * BITS_PER_ENTRY)
		blocks *= 2;
	f->bits = aligned_alloc(64, blocks * BLOCK_WORDS * sizeof(uint64_t));
	if (!f->bits)
		return tm__error_oom();
	memset(f->bits, 0, blocks * BLOCK_WORDS * sizeof(uint64_t));
	f->mask = blocks - 1;
	f->cap = cap;
	f->n = 0;
	return TM_OK;
}

void
tm__dupfilter_dispose(tm__dupfilter *f)
{
	free(f->bits);
	memset(f, 0, sizeof(*f));
}

/* The block of @h, and its four bits there: 9 bits each (a word of
 * the block, a bit of the word) from the mixed hash's top 36. */
static uint64_t *
block(const tm__dupfilter *f, uint64_t m)
{
	return f->bits + (size_t)(m & f->mask) * BLOCK_WORDS;
}

static unsigned
probe(uint64_t m, unsigned k)
{
	return (unsigned)(m >> (28 + 9 * k)) & 511;
}

void
tm__dupfilter_add(tm__dupfilter *f, uint64_t h)
{
	uint64_t m = mix(h), *b = block(f, m);

	for (unsigned k = 0; k < 4; k++)
		b[probe(m, k) >> 6] |= 1ULL << (probe(m, k) & 63);
	f->n++;
}

bool
tm__dupfilter_maybe(const tm__dupfilter *f, uint64_t h)
{
	uint64_t m = mix(h);
	const uint64_t *b = block(f, m);

	for (unsigned k = 0; k < 4; k++)
		if (!(b[probe(m, k) >> 6] & 1ULL << (probe(m, k) & 63)))
			return false;
	return true;
}
