/* SPDX-License-Identifier: MIT */
/* `tm serve`: the answers of read requests kept for the next client that
 * asks the same (serve.h, "cache"). CAT clients ask again and again for
 * the segments a team is translating (Weblate asks for a string each
 * time someone opens it, OmegaT when a translator comes back to a
 * segment); a lookup costs a millisecond or more of CPU, an answer
 * copied from here a few microseconds.
 *
 * Correctness: an answer is kept only while the TM is as it was when the
 * request began. Every write request through the server, whatever its
 * outcome, starts a new generation (srv_cache_changed(), called by
 * cmd-serve.c after it); a change committed through any other handle
 * (another worker's, a job's, another process's `tm import`) moves the
 * data version of the worker's own handle (tm_db_data_version()), which
 * the worker reads before it takes an answer from here: a new generation
 * when it moved, and on a worker's first look (its handle may be newer
 * than the answers). A transaction still open (an import half done)
 * moves nothing: the answers hold until it commits. An answer is stored
 * under the generation read before its request looked at the TM, and
 * refused when the generation moved on meanwhile: a lookup that read the
 * TM before a write committed cannot leave its answer for after it. */
#include "serve.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct centry {
	struct centry *next;          /* in its bucket */
	struct centry *newer, *older; /* insertion order, for eviction */
	uint64_t h;
	char *key;
	size_t klen;
	int status;
	const char *ctype; /* static */
	bool cacheable;
	char *body;
	size_t len;
} centry;

#define NBUCKETS 8192 /* a power of two */

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static centry *buckets[NBUCKETS];
static centry *newest, *oldest;
static size_t bytes, max_bytes;
static unsigned long long gen;

static uint64_t
hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
	return h ^ (h >> 29);
}

static size_t
cost(const centry *e)
{
	return sizeof(*e) + e->klen + e->len + 64;
}

/* Take @e out of the table and the order; the caller holds mu. */
static void
unlink_entry(centry *e)
{
	centry **p = &buckets[e->h & (NBUCKETS - 1)];

	while (*p != e)
		p = &(*p)->next;
	*p = e->next;
	if (e->newer)
		e->newer->older = e->older;
	else
		newest = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		oldest = e->newer;
	bytes -= cost(e);
	free(e->key);
	free(e->body);
	free(e);
}

static void
flush_locked(void)
{
	while (oldest)
		unlink_entry(oldest);
}

void
srv_cache_init(size_t max)
{
	pthread_mutex_lock(&mu);
	max_bytes = max;
	pthread_mutex_unlock(&mu);
}

void
srv_cache_free(void)
{
	pthread_mutex_lock(&mu);
	flush_locked();
	max_bytes = 0;
	pthread_mutex_unlock(&mu);
}

void
srv_cache_changed(void)
{
	pthread_mutex_lock(&mu);
	gen++;
	flush_locked();
	pthread_mutex_unlock(&mu);
}

bool
srv_cache_get(srv_worker *w, const char *key, srv_resp *rs,
              unsigned long long *g)
{
	size_t klen = strlen(key);
	uint64_t h = hash(key, klen);
	centry *e;
	char *body = NULL;
	bool hit = false, moved;
	long long dv;

	pthread_mutex_lock(&mu);
	*g = gen;
	if (!max_bytes) {
		pthread_mutex_unlock(&mu);
		return false;
	}
	pthread_mutex_unlock(&mu);
	/* what others committed since this worker last looked (its own
	 * writes start a generation of their own) */
	if (tm_db_data_version(&dv, w->db) < 0) {
		srv_cache_changed();
		w->dv_known = false;
		*g = ~0ull; /* nothing to keep either */
		return false;
	}
	moved = !w->dv_known || dv != w->dv;
	w->dv = dv;
	w->dv_known = true;
	pthread_mutex_lock(&mu);
	if (moved) {
		gen++;
		flush_locked();
	}
	*g = gen;
	for (e = buckets[h & (NBUCKETS - 1)]; e; e = e->next)
		if (e->h == h && e->klen == klen &&
		    memcmp(e->key, key, klen) == 0)
			break;
	if (e && (body = malloc(e->len + 1))) {
		memcpy(body, e->body, e->len);
		body[e->len] = '\0';
		free(rs->body);
		rs->body = body;
		rs->len = e->len;
		rs->status = e->status;
		rs->ctype = e->ctype;
		rs->cacheable = e->cacheable;
		rs->fd = -1;
		hit = true;
	}
	pthread_mutex_unlock(&mu);
	return hit;
}

void
srv_cache_put(const char *key, unsigned long long g, const srv_resp *rs)
{
	centry *e;

	if (rs->status != 200 || rs->fd >= 0 || !rs->body)
		return;
	if (!(e = calloc(1, sizeof(*e))))
		return;
	e->klen = strlen(key);
	e->h = hash(key, e->klen);
	e->key = malloc(e->klen + 1);
	e->body = malloc(rs->len ? rs->len : 1);
	if (!e->key || !e->body) {
		free(e->key);
		free(e->body);
		free(e);
		return;
	}
	memcpy(e->key, key, e->klen + 1);
	memcpy(e->body, rs->body, rs->len);
	e->len = rs->len;
	e->status = rs->status;
	e->ctype = rs->ctype;
	e->cacheable = rs->cacheable;
	pthread_mutex_lock(&mu);
	/* the TM changed since the request began, or the answer is more
	 * than the whole cache may hold: not kept */
	if (g != gen || !max_bytes || cost(e) > max_bytes / 4) {
		pthread_mutex_unlock(&mu);
		free(e->key);
		free(e->body);
		free(e);
		return;
	}
	/* another thread answered the same meanwhile: keep one */
	for (centry *o = buckets[e->h & (NBUCKETS - 1)]; o; o = o->next)
		if (o->h == e->h && o->klen == e->klen &&
		    memcmp(o->key, e->key, e->klen) == 0) {
			unlink_entry(o);
			break;
		}
	e->next = buckets[e->h & (NBUCKETS - 1)];
	buckets[e->h & (NBUCKETS - 1)] = e;
	e->older = newest;
	if (newest)
		newest->newer = e;
	newest = e;
	if (!oldest)
		oldest = e;
	bytes += cost(e);
	while (bytes > max_bytes && oldest)
		unlink_entry(oldest);
	pthread_mutex_unlock(&mu);
}
