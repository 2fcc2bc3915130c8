/* SPDX-License-Identifier: MIT */
/* The duplicate hashes (tu.dup_hash) of a TM's units with their ids, kept
 * by a bulk load (store.c) in place of the tu_dup index, which it drops
 * and builds again, sorted, at commit: inserting a million hashes at
 * random places of that index was the writer's biggest index cost, and
 * past the page cache (two million units) a page read and write each.
 *
 * A slot is 8 bytes: the top 32 bits of the mixed hash (the tag) and the
 * unit's id; a tag that matches gives a candidate, which the caller
 * compares in full (two hashes share a tag once in four billion). Open
 * addressing, linear probing, the slot of a tag by multiply-shift, so
 * that the table can be any size: it grows by half when three quarters
 * full, 11 MB for a million units. */
#include "store-private.h"

#include <stdlib.h>
#include <string.h>

/* splitmix64's finalizer: FNV's bits are too regular to index by. */
static uint32_t
tag_of(uint64_t h)
{
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	return (uint32_t)(h >> 32);
}

static size_t
home(uint32_t tag, size_t cap)
{
	return (size_t)(((uint64_t)tag * cap) >> 32);
}

static void
place(uint64_t *slots, size_t cap, uint64_t v)
{
	size_t i = home((uint32_t)(v >> 32), cap);

	while (slots[i])
		i = i + 1 == cap ? 0 : i + 1;
	slots[i] = v;
}

static tm_status
resize(tm__dupmap *m, size_t cap)
{
	uint64_t *slots = tm__calloc(cap, sizeof(*slots));

	if (!slots)
		return tm__error_oom();
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i])
			place(slots, cap, m->slots[i]);
	tm__free(m->slots);
	m->slots = slots;
	m->cap = cap;
	return TM_OK;
}

tm_status
tm__dupmap_init(tm__dupmap *m, size_t entries)
{
	tm__dupmap_dispose(m);
	if (entries > (size_t)UINT32_MAX / 2)
		return tm__error_set(TM_EINVAL, "db: too many units to map");
	return resize(m, entries / 3 * 4 + 64);
}

void
tm__dupmap_dispose(tm__dupmap *m)
{
	tm__free(m->slots);
	memset(m, 0, sizeof(*m));
}

tm_status
tm__dupmap_add(tm__dupmap *m, uint64_t h, long long id)
{
	tm_status st;

	if (id <= 0 || id > (long long)UINT32_MAX)
		return tm__error_set(TM_EINVAL, "db: unit id %lld out of the "
		                                "map's range", id);
	if (4 * (m->n + 1) > 3 * m->cap) {
		if (m->cap > (size_t)UINT32_MAX / 3)
			return tm__error_set(TM_EINVAL,
			                     "db: too many units to map");
		if ((st = resize(m, m->cap + m->cap / 2)) < 0)
			return st;
	}
	place(m->slots, m->cap, (uint64_t)tag_of(h) << 32 | (uint64_t)id);
	m->n++;
	return TM_OK;
}

static int
by_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

size_t
tm__dupmap_find(const tm__dupmap *m, uint64_t h, long long *ids,
                size_t max)
{
	uint32_t tag = tag_of(h);
	size_t n = 0;

	if (!m->cap)
		return 0;
	for (size_t i = home(tag, m->cap); m->slots[i] && n < max;
	     i = i + 1 == m->cap ? 0 : i + 1)
		if ((uint32_t)(m->slots[i] >> 32) == tag)
			ids[n++] = (long long)(m->slots[i] & UINT32_MAX);
	/* the tu_dup lookup it replaces gave them in id order */
	qsort(ids, n, sizeof(*ids), by_id);
	return n;
}
