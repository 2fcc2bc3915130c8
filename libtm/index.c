/* SPDX-License-Identifier: MIT */
/* The candidate index (index-private.h): each transaction's postings are
 * gathered in memory (index-gather.c), then written as one segment, a row
 * per term in term order: the rows written are the distinct terms of a
 * segment, not the postings. */
#include "index-private.h"
#include "stem-private.h"
#include "store-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bump when the terms or the tables change: an older index is rebuilt on
 * open. */
#define IX_VERSION "5"
/* A commit merges the rows of each term it wrote that has this many:
 * a list read costs a B-tree seek per row. */
#define IX_MERGE_AT 8
/* Segment numbers stay below this (a counter at or past it is damage:
 * 2^62 segments would take longer than the file can live). */
#define IX_SEG_MAX (1LL << 62)
/* The index is rebuilt once more variants than this were deleted since
 * it was built, and more than are left. */
#define IX_STALE_MIN 10000
/* A transaction gathers its postings on a thread of its own (index-feed.c)
 * once it has added this many variants: a few puts are not worth one. */
#define IX_FEED_MIN 4096

struct df_ent {
	char *key;
	size_t len;
	uint64_t hash;
	long long val;
};

enum ix_stmt {
	S_LIST,
	S_DF,
	S_RANGE,
	S_INSERT,
	S_ROWS,
	S_DELETE,
	S_SIZES,
	S_LIST_EXCEPT,
	S_META_GET,
	S_META_SET,
	S_TERMS,
	N_IX_STMT
};

static const char *const ix_sql[N_IX_STMT] = {
	/* the lists' readers take n too: read_rows() checks it */
	[S_LIST] = "SELECT ids, n FROM tm_ix_post WHERE term = ?1 ORDER BY seg",
	/* n clamped to what the row can hold (an id takes a byte at
	 * least): a tampered count must not overflow the sums made of it */
	[S_DF] = "SELECT sum(min(max(n, 0), length(ids))) FROM tm_ix_post"
	         " WHERE term = ?1",
	[S_RANGE] = "SELECT ids, n FROM tm_ix_post WHERE term >= ?1"
	            " AND term < ?2",
	[S_INSERT] = "INSERT INTO tm_ix_post(term, seg, n, ids)"
	             " VALUES (?1, ?2, ?3, ?4)",
	[S_ROWS] = "SELECT count(*) FROM (SELECT 1 FROM tm_ix_post"
	           " WHERE term = ?1 LIMIT ?2)",
	[S_DELETE] = "DELETE FROM tm_ix_post WHERE term = ?1 AND seg != ?2",
	[S_SIZES] = "SELECT seg, min(max(n, 0), length(ids)) FROM tm_ix_post"
	            " WHERE term = ?1",
	[S_LIST_EXCEPT] = "SELECT ids, n FROM tm_ix_post WHERE term = ?1"
	                  " AND seg != ?2 ORDER BY seg",
	[S_META_GET] = "SELECT v FROM tm_ix_meta WHERE k = ?1",
	[S_META_SET] = "INSERT OR REPLACE INTO tm_ix_meta(k, v)"
	               " VALUES (?1, ?2)",
	[S_TERMS] = "SELECT term, sum(n) FROM tm_ix_post"
	            " WHERE term >= ?1 AND term < ?2 GROUP BY term",
};

struct tm__ix {
	bool ready;  /* index present and current */
	bool mapped; /* mmap_size set for the reads */
	sqlite3 *h;  /* the connection */
	const char *path; /* its file, for messages (the store's, borrowed) */
	size_t batch; /* a test's segment size in variants, or 0 */
	size_t feed_min; /* IX_FEED_MIN, or a test's */
	bool load;       /* tm__index_set_load() */
	tm_translit *tr; /* for concordance, opened on first use */
	tm__stems *stems; /* for concordance, created on first use */
	tm__ix_gen *gen; /* the feed's while it runs (tm__ix_feed_start()) */
	sqlite3_stmt *stmt[N_IX_STMT];
	struct df_ent *df;
	size_t df_cap, df_n;
	tm__ix_pl *pend; /* the postings gathered since the last segment */
	tm__ix_feed *feed; /* gathers into pend, in a big transaction */
};

/* --- the document frequency cache --- */

static void
df_clear(tm__ix *ix)
{
	for (size_t i = 0; i < ix->df_cap; i++)
		tm__free(ix->df[i].key);
	tm__free(ix->df);
	ix->df = NULL;
	ix->df_cap = ix->df_n = 0;
}

static long long
df_get(tm__ix *ix, const char *term, size_t len)
{
	uint64_t h;

	if (!ix->df_cap)
		return -1;
	h = tm__hash_bytes(term, len);
	for (size_t i = h & (ix->df_cap - 1);; i = (i + 1) & (ix->df_cap - 1)) {
		struct df_ent *e = &ix->df[i];

		if (!e->key)
			return -1;
		if (e->hash == h && e->len == len &&
		    memcmp(e->key, term, len) == 0)
			return e->val;
	}
}

static void
df_put(tm__ix *ix, const char *term, size_t len, long long df)
{
	uint64_t h = tm__hash_bytes(term, len);
	size_t i;

	/* A bounded cache: start over rather than grow without end. */
	if (ix->df_n >= 1u << 20)
		df_clear(ix);
	if (2 * (ix->df_n + 1) > ix->df_cap) {
		size_t cap = ix->df_cap ? ix->df_cap * 2 : 4096;
		struct df_ent *t = tm__calloc(cap, sizeof(*t));

		if (!t)
			return; /* a cache: failing to remember is harmless */
		for (size_t j = 0; j < ix->df_cap; j++) {
			struct df_ent *e = &ix->df[j];

			if (!e->key)
				continue;
			for (i = e->hash & (cap - 1); t[i].key;
			     i = (i + 1) & (cap - 1))
				;
			t[i] = *e;
		}
		tm__free(ix->df);
		ix->df = t;
		ix->df_cap = cap;
	}
	for (i = h & (ix->df_cap - 1); ix->df[i].key;
	     i = (i + 1) & (ix->df_cap - 1)) {
		if (ix->df[i].hash == h && ix->df[i].len == len &&
		    memcmp(ix->df[i].key, term, len) == 0) {
			ix->df[i].val = df;
			return;
		}
	}
	ix->df[i].key = tm__strndup(term, len);
	if (!ix->df[i].key)
		return;
	ix->df[i].len = len;
	ix->df[i].hash = h;
	ix->df[i].val = df;
	ix->df_n++;
}

/* --- statements --- */

/* A SQLite failure of the index, in the store's words (store-error.c). */
static tm_status
sql_error(const tm__ix *ix, const char *what)
{
	return tm__store_error(ix->h, 0, ix->path, what, 0);
}

/* Statement @i of the connection, reset (prepared on first use). */
static sqlite3_stmt *
stmt(tm__ix *ix, enum ix_stmt i)
{
	if (!ix->stmt[i]) {
		if (sqlite3_prepare_v3(ix->h, ix_sql[i], -1,
		                       SQLITE_PREPARE_PERSISTENT, &ix->stmt[i],
		                       NULL) != SQLITE_OK)
			return NULL;
	} else {
		sqlite3_reset(ix->stmt[i]);
		sqlite3_clear_bindings(ix->stmt[i]);
	}
	return ix->stmt[i];
}

static void
finalize_all(tm__ix *ix)
{
	for (int i = 0; i < N_IX_STMT; i++) {
		sqlite3_finalize(ix->stmt[i]);
		ix->stmt[i] = NULL;
	}
}

static tm_status
meta_get(tm__ix *ix, const char *k, long long *out)
{
	sqlite3_stmt *s = stmt(ix, S_META_GET);
	int rc;

	*out = 0;
	if (!s)
		return sql_error(ix, "cannot read the index");
	sqlite3_bind_text(s, 1, k, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ?
	               TM_OK :
	               sql_error(ix, "cannot read the index");
}

static tm_status
meta_set(tm__ix *ix, const char *k, long long v)
{
	sqlite3_stmt *s = stmt(ix, S_META_SET);
	int rc;

	if (!s)
		return sql_error(ix, "cannot update the index");
	sqlite3_bind_text(s, 1, k, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, v);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? TM_OK : sql_error(ix, "cannot update the index");
}

/* The segment counter, checked and advanced: a tampered tm_ix_meta (a
 * counter out of range) must not overflow; index_current() sends such an
 * index to a rebuild at open, this catches what changes it later. */
static tm_status
next_seg(tm__ix *ix, long long *seg)
{
	tm_status st = meta_get(ix, "seg", seg);

	if (st < 0)
		return st;
	if (*seg < 0 || *seg >= IX_SEG_MAX)
		return tm__error_set(TM_EDB,
		                     "index: segment counter %lld out of range "
		                     "(tm_ix_meta): the index is damaged",
		                     *seg);
	return meta_set(ix, "seg", ++*seg);
}

/* --- posting lists: delta-coded ids, 7 bits a byte, low bits first --- */

static tm_status
put_varint(tm__buf *b, uint64_t v)
{
	tm_status st;

	if (b->len + 10 > b->cap && (st = tm__buf_grow(b, 10)) < 0)
		return st;
	b->len += tm__ix_varint_put((unsigned char *)b->data + b->len, v);
	return TM_OK;
}

static tm_status
ids_push(tm__ids *s, long long id)
{
	if (!TM__ARRAY_GROW(s->v, s->cap, s->n + 1, 64))
		return tm__error_oom();
	s->v[s->n++] = id;
	return TM_OK;
}

static int
cmp_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* Sort @s and drop repeated ids. */
static void
ids_normalize(tm__ids *s)
{
	size_t k = 0;

	if (s->n < 2)
		return;
	qsort(s->v, s->n, sizeof(*s->v), cmp_id);
	for (size_t i = 0; i < s->n; i++)
		if (k == 0 || s->v[i] != s->v[k - 1])
			s->v[k++] = s->v[i];
	s->n = k;
}

/* A list the index cannot have written: damage, or an edit. Nothing
 * cheap finds it at open (index_current()), so the message says how to
 * have the index rebuilt: without its version, the next writing open
 * builds it again (a read-only one, a temporary index). */
static tm_status
damaged_list(const tm__ix *ix)
{
	const char *path = ix->path && *ix->path ? ix->path : "the TM";

	return tm__error_set(TM_EDB,
	                     "db: %s: a damaged posting list in the index "
	                     "(tm_ix_post); to rebuild the index, delete its "
	                     "version (sqlite3 %s \"DELETE FROM tm_ix_meta "
	                     "WHERE k = 'version'\") and open the TM for "
	                     "writing (tm add, tm import)",
	                     path, path);
}

/* Append the ids of list @p (@len bytes), which holds @n of them, to @s;
 * *@sorted becomes false when they do not all follow the ids already
 * there. */
static tm_status
decode(const tm__ix *ix, tm__ids *s, const unsigned char *p, size_t len,
       long long n, bool *sorted)
{
	long long id = 0;
	size_t i = 0, first = s->n;
	tm_status st;

	while (i < len) {
		uint64_t d = 0;
		unsigned shift = 0;

		bool end = false;

		while (i < len && shift < 64) {
			unsigned char c = p[i++];

			d |= (uint64_t)(c & 0x7f) << shift;
			shift += 7;
			if (!(c & 0x80)) {
				end = true;
				break;
			}
		}
		/* a list the index did not write (a damaged or edited file):
		 * a cut varint, a zero step, an id past INT64_MAX */
		if (!end || d == 0 || d > (uint64_t)(INT64_MAX - id))
			return damaged_list(ix);
		id += (long long)d;
		if (s->n && id <= s->v[s->n - 1])
			*sorted = false;
		if ((st = ids_push(s, id)) < 0)
			return st;
	}
	/* a list cut at a varint's end, or a count changed: ids lost */
	if ((long long)(s->n - first) != n)
		return damaged_list(ix);
	return TM_OK;
}

/* Append the ids of every row statement @s gives (column 0, the list;
 * column 1, its count), then sort them if rows overlapped. */
static tm_status
read_rows(tm__ids *out, tm__ix *ix, sqlite3_stmt *s)
{
	bool sorted = true;
	tm_status st = TM_OK;
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((st = decode(ix, out, sqlite3_column_blob(s, 0),
		                 (size_t)sqlite3_column_bytes(s, 0),
		                 sqlite3_column_int64(s, 1), &sorted)) < 0)
			break;
	sqlite3_reset(s);
	if (st < 0)
		return st;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sql_error(ix, "cannot read the index");
	if (!sorted)
		ids_normalize(out);
	return TM_OK;
}

static tm_status
insert_row(tm__ix *ix, const char *term, size_t tlen, long long seg,
           size_t n, const void *ids, size_t len)
{
	sqlite3_stmt *s = stmt(ix, S_INSERT);
	int rc;

	if (!s)
		return sql_error(ix, "cannot update the index");
	sqlite3_bind_text(s, 1, term, (int)tlen, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, seg);
	sqlite3_bind_int64(s, 3, (long long)n);
	sqlite3_bind_blob(s, 4, ids, (int)len, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? TM_OK : sql_error(ix, "cannot update the index");
}

/* When @term has IX_MERGE_AT rows, merge them into one; but keep its
 * biggest row out of the merge when it holds more ids than the others
 * together, so that a frequent term's long list is not written again
 * every few small commits (each id is rewritten O(log n) times). Adds
 * the change in the table's rows to *@rows. */
static tm_status
merge_rows(tm__ix *ix, const char *term, size_t len, tm__ids *ids,
           tm__buf *enc, long long *rows_delta)
{
	sqlite3_stmt *s = stmt(ix, S_ROWS);
	long long rows = 0, seg, prev = 0, big = -1, big_n = -1, others = 0;
	int rc;
	tm_status st;

	if (!s)
		return sql_error(ix, "cannot read the index");
	sqlite3_bind_text(s, 1, term, (int)len, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, IX_MERGE_AT);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		rows = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return sql_error(ix, "cannot read the index");
	if (rows < IX_MERGE_AT)
		return TM_OK;
	if (!(s = stmt(ix, S_SIZES)))
		return sql_error(ix, "cannot read the index");
	sqlite3_bind_text(s, 1, term, (int)len, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		long long n = sqlite3_column_int64(s, 1);

		if (n > big_n) {
			others += big_n;
			big_n = n;
			big = sqlite3_column_int64(s, 0);
		} else {
			others += n;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return sql_error(ix, "cannot read the index");
	if (big_n <= others)
		big = -1; /* no segment number: merge every row */
	ids->n = 0;
	if (!(s = stmt(ix, S_LIST_EXCEPT)))
		return sql_error(ix, "cannot read the index");
	sqlite3_bind_text(s, 1, term, (int)len, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, big);
	if ((st = read_rows(ids, ix, s)) < 0)
		return st;
	enc->len = 0;
	for (size_t i = 0; i < ids->n; i++) {
		if ((st = put_varint(enc, (uint64_t)(ids->v[i] - prev))) < 0)
			return st;
		prev = ids->v[i];
	}
	if (!(s = stmt(ix, S_DELETE)))
		return sql_error(ix, "cannot update the index");
	sqlite3_bind_text(s, 1, term, (int)len, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, big);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return sql_error(ix, "cannot update the index");
	*rows_delta -= sqlite3_changes64(ix->h);
	/* a number of its own: the row kept out may be this segment's */
	if ((st = next_seg(ix, &seg)) < 0 ||
	    (st = insert_row(ix, term, len, seg, ids->n, enc->data,
	                     enc->len)) < 0)
		return st;
	++*rows_delta;
	return TM_OK;
}

/* The count of tm_ix_post's rows kept in tm_ix_meta ('rows'), moved by
 * @delta: every change the index makes to the table moves it, so that
 * index_current() can tell rows deleted or added by anything else. */
static tm_status
rows_add(tm__ix *ix, long long delta)
{
	long long rows;
	tm_status st = meta_get(ix, "rows", &rows);

	if (st < 0 || delta == 0)
		return st;
	return meta_set(ix, "rows", rows + delta);
}

/* The connection's cache_size (0 when it cannot be read). */
static long long
cache_get(sqlite3 *h)
{
	sqlite3_stmt *s = NULL;
	long long v = 0;

	if (sqlite3_prepare_v2(h, "PRAGMA cache_size", -1, &s, NULL) ==
	            SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static void
cache_set(sqlite3 *h, long long v)
{
	char sql[64];

	if (v == 0)
		return;
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = %lld", v);
	sqlite3_exec(h, sql, NULL, NULL, NULL);
}

/* Write the variant @pl holds on its own (tm__ix_pl_solo(): one of
 * thousands of terms) as a segment, a row of its one id per distinct term
 * in term order, and clear @pl; @merge as for write_segment(). */
static tm_status
write_solo(tm__ix *ix, tm__ix_pl *pl, bool merge)
{
	tm__ids ids = { 0 };
	tm__buf enc = { 0 };
	unsigned char one[10];
	long long id, seg, rows = 0, cache;
	const char *term;
	size_t pos = 0, tlen, n1;
	tm_status st;

	tm__ix_pl_solo(pl, &id);
	n1 = tm__ix_varint_put(one, (uint64_t)id);
	/* A megabyte of distinct words makes a few hundred thousand rows,
	 * whose pages the transaction would keep in its cache (13 MB of
	 * its 32, at a megabyte of Korean): a small cache spills them to the
	 * journal as they fill instead. */
	cache = cache_get(ix->h);
	sqlite3_exec(ix->h, "PRAGMA cache_size = -1024", NULL, NULL, NULL);
	if ((st = next_seg(ix, &seg)) == TM_OK && seg < IX_MERGE_AT)
		merge = false;
	while (st == TM_OK && tm__ix_pl_solo_next(pl, &pos, &term, &tlen)) {
		st = insert_row(ix, term, tlen, seg, 1, one, n1);
		rows += st == TM_OK;
		if (st == TM_OK && merge)
			st = merge_rows(ix, term, tlen, &ids, &enc, &rows);
	}
	if (st == TM_OK)
		st = rows_add(ix, rows);
	cache_set(ix->h, cache);
	tm__free(ids.v);
	tm__buf_dispose(&enc);
	tm__ix_pl_clear(pl);
	return st;
}

/* Write @pl as a new segment, in term order (each B-tree page is
 * visited once), and clear it. With @merge (the segment a commit
 * writes), merge the rows of its terms that have many: a term gets a row
 * per transaction that adds to it. */
static tm_status
write_segment(tm__ix *ix, tm__ix_pl *pl, bool merge)
{
	const tm__ix_plist **order = NULL;
	tm__ids ids = { 0 };
	tm__buf enc = { 0 };
	long long seg, rows = 0;
	size_t k = 0;
	tm_status st;

	if (tm__ix_pl_solo(pl, &seg))
		return write_solo(ix, pl, merge);
	if ((st = tm__ix_pl_sorted(&order, &k, pl)) < 0 || !k)
		goto done;
	if ((st = next_seg(ix, &seg)) < 0)
		goto done;
	/* A term's rows have distinct numbers, none above the counter
	 * (reset only with the table): while it is below IX_MERGE_AT no term
	 * can have that many rows, and a query per term would say so (a
	 * first import's last segment: a hundred thousand queries). */
	if (seg < IX_MERGE_AT)
		merge = false;
	for (size_t i = 0; i < k && st == TM_OK; i++) {
		const tm__ix_plist *p = order[i];

		st = insert_row(ix, tm__ix_plist_term(p), p->tlen, seg, p->n,
		                (const char *)p->ids, p->len);
		rows += st == TM_OK;
		/* only worth checking for a term with few postings here (a
		 * big segment's frequent terms are big rows already) */
		if (st == TM_OK && merge && p->n < 4096)
			st = merge_rows(ix, tm__ix_plist_term(p), p->tlen, &ids,
			                &enc, &rows);
	}
	if (st == TM_OK)
		st = rows_add(ix, rows);
done:
	tm__free(ids.v);
	tm__buf_dispose(&enc);
	tm__free(order);
	tm__ix_pl_clear(pl);
	return st;
}

/* --- the connection's state --- */

/* Stop the feed's thread, dropping what it did not read. */
static void
feed_stop(tm__ix *ix)
{
	tm__ix_feed_stop(ix->feed);
	ix->feed = NULL;
}

/* A rolled back transaction's postings must not reach the next one. */
static void
on_rollback(void *p)
{
	tm__ix *ix = p;

	feed_stop(ix);
	tm__ix_pl_clear(ix->pend);
}

void
tm__index_close(tm__ix *ix)
{
	if (!ix)
		return;
	sqlite3_rollback_hook(ix->h, NULL, NULL);
	feed_stop(ix); /* before what its thread uses */
	finalize_all(ix);
	tm_translit_free(ix->tr);
	tm__stems_free(ix->stems);
	tm__ix_gen_free(ix->gen);
	df_clear(ix);
	tm__ix_pl_free(ix->pend);
	tm__free(ix);
}

/* --- the FTS5 index of earlier versions --- */

/* Before its own index (ed6d8ca), libtm indexed in an FTS5 table, tm_ix,
 * with a tokenizer "tm" of its own, which its triggers on tuv name too.
 * A migration's ALTER TABLE parses them again, and the build drops the
 * table (drop_sql): SQLite needs the tokenizer for both. Registered
 * here, for files that still have that table, making no terms: nothing
 * is added to it any more. */
static char legacy_tok; /* the tokenizer's handle: it has no state */

static int
tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	*out = (Fts5Tokenizer *)&legacy_tok;
	return SQLITE_OK;
}

static void
tok_delete(Fts5Tokenizer *t)
{
}

static int
tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text,
             int n, int (*fn)(void *, int, const char *, int, int, int))
{
	return SQLITE_OK;
}

static fts5_api *
get_fts5(sqlite3 *h)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(h, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

tm_status
tm__index_legacy_prepare(sqlite3 *h, const char *path)
{
	static fts5_tokenizer tok = { tok_create, tok_delete, tok_tokenize };
	sqlite3_stmt *st = NULL;
	fts5_api *api;
	bool legacy;
	int rc;

	if (sqlite3_prepare_v2(h,
	                       "SELECT 1 FROM sqlite_master WHERE name = 'tm_ix'",
	                       -1, &st, NULL) != SQLITE_OK)
		return tm__store_error(h, 0, path, "cannot read the schema", 0);
	rc = sqlite3_step(st);
	legacy = rc == SQLITE_ROW;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return tm__store_error(h, rc, path, "cannot read the schema", 0);
	if (!legacy)
		return TM_OK;
	if (!(api = get_fts5(h)))
		return tm__error_set(TM_EDB,
		                     "db: %s: its index, written by an earlier "
		                     "libtm, needs SQLite's FTS5, which this "
		                     "SQLite lacks",
		                     path);
	if (api->xCreateTokenizer(api, "tm", NULL, &tok, NULL) != SQLITE_OK)
		return tm__store_error(h, 0, path,
		                       "cannot read the index of an earlier "
		                       "libtm",
		                       0);
	return TM_OK;
}

/* --- building --- */

static const char drop_sql[] =
	/* the FTS5 index of earlier versions */
	"DROP TRIGGER IF EXISTS tm_ix_ai;"
	"DROP TRIGGER IF EXISTS tm_ix_bd;"
	"DROP TRIGGER IF EXISTS tm_ix_au;"
	"DROP TABLE IF EXISTS tm_ix_vocab;"
	"DROP TABLE IF EXISTS tm_ix;"
	"DROP TABLE IF EXISTS tm_ix_stage;"
	"DROP TABLE IF EXISTS tm_ix_df;"
	"DROP TABLE IF EXISTS tm_ix_post;";

static const char create_sql[] =
	"CREATE TABLE IF NOT EXISTS tm_ix_meta(k TEXT PRIMARY KEY, v)"
	" WITHOUT ROWID;"
	/* n: how many ids the row holds; ids: delta-coded varints */
	"CREATE TABLE tm_ix_post(term TEXT NOT NULL, seg INTEGER NOT NULL,"
	" n INTEGER NOT NULL, ids BLOB NOT NULL, PRIMARY KEY(term, seg));"
	/* deleted variants stay in the lists; count them */
	"CREATE TRIGGER tm_ix_bd AFTER DELETE ON tuv BEGIN"
	" UPDATE tm_ix_meta SET v = v + 1 WHERE k = 'stale'; END;"
	"INSERT OR REPLACE INTO tm_ix_meta(k, v) VALUES ('stale', 0);"
	"INSERT OR REPLACE INTO tm_ix_meta(k, v) VALUES ('seg', 0);"
	/* tm_ix_post's rows (rows_add()) */
	"INSERT OR REPLACE INTO tm_ix_meta(k, v) VALUES ('rows', 0);";

/* The index of a read-only connection to a TM whose index is missing or
 * older: the same tables in the connection's temporary schema, which
 * unqualified names reach before the file's (SQLite searches temp first)
 * and which a read-only open may write. */
static const char create_temp_sql[] =
	"CREATE TEMP TABLE tm_ix_meta(k TEXT PRIMARY KEY, v) WITHOUT ROWID;"
	"CREATE TEMP TABLE tm_ix_post(term TEXT NOT NULL, seg INTEGER NOT NULL,"
	" n INTEGER NOT NULL, ids BLOB NOT NULL, PRIMARY KEY(term, seg));"
	"INSERT INTO temp.tm_ix_meta(k, v) VALUES ('stale', 0), ('seg', 0),"
	" ('rows', 0);";

/* Whether the index's counters are what the index itself could have
 * written: integers, 'seg' in [0, IX_SEG_MAX) and 'stale' >= 0. A file
 * edited by hand or damaged fails, and its index is built again. */
static bool
meta_sane(sqlite3 *h)
{
	sqlite3_stmt *st = NULL;
	bool ok = false;

	if (sqlite3_prepare_v2(h,
	                       "SELECT count(*) = 2 FROM tm_ix_meta WHERE"
	                       " (k = 'seg' AND typeof(v) = 'integer' AND"
	                       "  v >= 0 AND v < ?1) OR"
	                       " (k = 'stale' AND typeof(v) = 'integer' AND"
	                       "  v >= 0)",
	                       -1, &st, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_int64(st, 1, IX_SEG_MAX);
	ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
	sqlite3_finalize(st);
	return ok;
}

/* Whether tm_ix_post has the rows the index wrote: the count kept in
 * tm_ix_meta (rows_add()) against the table's, in one statement (one
 * snapshot: a writer's commit cannot fall between the two). Rows deleted
 * by hand lose matches silently. An index without the count was written
 * before the count was kept (libtm 0.1 before December 2026): it passes,
 * as it did then, rather than being built again in memory by every
 * read-only open (20 s for a million units); a writable open records its
 * count (rows_record()). The count walks the table's key index: 5 ms for
 * a million units (12 MB). */
static bool
rows_match(sqlite3 *h, bool *counted)
{
	sqlite3_stmt *st = NULL;
	bool ok = false;

	*counted = true;
	if (sqlite3_prepare_v2(h,
	                       "SELECT EXISTS (SELECT 1 FROM tm_ix_meta"
	                       " WHERE k = 'rows'), (SELECT v FROM tm_ix_meta"
	                       " WHERE k = 'rows') IS (SELECT count(*) FROM"
	                       " tm_ix_post)",
	                       -1, &st, NULL) != SQLITE_OK)
		return false;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*counted = sqlite3_column_int(st, 0) == 1;
		ok = !*counted || sqlite3_column_int(st, 1) == 1;
	}
	sqlite3_finalize(st);
	return ok;
}

/* An index written before its row count was kept (rows_match(): not
 * *@counted) gets it on a writable open, so that rows deleted from now on
 * are found. A failure (another writer holds the lock) leaves it for the
 * next open. */
static void
rows_record(sqlite3 *h)
{
	sqlite3_exec(h,
	             "INSERT OR IGNORE INTO tm_ix_meta(k, v)"
	             " SELECT 'rows', count(*) FROM tm_ix_post",
	             NULL, NULL, NULL);
}

static bool
index_current(sqlite3 *h, bool *counted)
{
	sqlite3_stmt *st = NULL;
	bool ok = false;

	if (sqlite3_prepare_v2(h,
	                       "SELECT v FROM tm_ix_meta WHERE k = 'version'"
	                       " AND EXISTS (SELECT 1 FROM sqlite_master"
	                       " WHERE name = 'tm_ix_post')",
	                       -1, &st, NULL) != SQLITE_OK)
		return false;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);

		ok = v && strcmp(v, IX_VERSION) == 0;
	}
	sqlite3_finalize(st);
	*counted = true;
	return ok && meta_sane(h) && rows_match(h, counted);
}

/* The feed says the postings want the writer (a segment is due, or it
 * stopped at a variant): write them while it holds, then let it go on. */
static tm_status
feed_segment(tm__ix *ix)
{
	tm_status st = tm__ix_feed_hold(ix->feed, false);

	if (st >= 0)
		st = write_segment(ix, ix->pend, false);
	tm__ix_feed_resume(ix->feed);
	return st;
}

/* Every variant queued is in ix->pend, and the feed's thread is gone
 * (until the next big transaction). */
static tm_status
feed_finish(tm__ix *ix)
{
	tm_status st = TM_OK;

	if (!ix->feed)
		return TM_OK;
	while ((st = tm__ix_feed_hold(ix->feed, true)) == TM_DONE) {
		if ((st = write_segment(ix, ix->pend, false)) < 0)
			break;
		tm__ix_feed_resume(ix->feed);
	}
	feed_stop(ix);
	return st;
}

static tm_status
add(tm__ix *ix, long long id, const char *lang_base, const char *key,
    size_t key_len)
{
	const tm__ix_terms *terms;
	tm_status st;

	if (!ix->gen && (st = tm__ix_gen_new(&ix->gen)) < 0)
		return st;
	/* A transaction past IX_FEED_MIN variants, or a load from its first,
	 * makes terms and gathers postings on the feed's thread (failing to
	 * start it only costs speed); the generator is the feed's until it
	 * stops. */
	if (!ix->feed &&
	    (ix->load || tm__ix_pl_variants(ix->pend) >= ix->feed_min) &&
	    tm__ix_feed_start(&ix->feed, ix->pend, ix->gen, ix->batch) < 0)
		ix->feed = NULL;
	if (ix->feed) {
		st = tm__ix_feed_add(ix->feed, id, lang_base, key, key_len);
		return st == TM_DONE ? feed_segment(ix) : st;
	}
	if ((st = tm__ix_gen_terms(&terms, ix->gen, lang_base, key,
	                           key_len)) < 0)
		return st;
	st = tm__ix_pl_add(ix->pend, id, terms);
	if (st == TM_DONE && (st = write_segment(ix, ix->pend, false)) == TM_OK)
		st = tm__ix_pl_add(ix->pend, id, terms);
	if (st < 0)
		return st;
	if (tm__ix_pl_due(ix->pend, ix->batch))
		return write_segment(ix, ix->pend, false);
	return TM_OK;
}

/* Drop any index and index every variant again, inside the caller's
 * transaction or savepoint; with @temp, into temporary tables instead
 * (create_temp_sql), leaving the file alone. */
static tm_status
build(tm__ix *ix, bool temp)
{
	sqlite3_stmt *s = NULL;
	tm_status st = TM_OK;
	int rc;

	feed_stop(ix);
	tm__ix_pl_clear(ix->pend);
	finalize_all(ix); /* their tables are dropped */
	df_clear(ix);
	if (temp)
		rc = sqlite3_exec(ix->h, create_temp_sql, NULL, NULL, NULL);
	else if ((rc = sqlite3_exec(ix->h, drop_sql, NULL, NULL, NULL)) ==
	         SQLITE_OK)
		rc = sqlite3_exec(ix->h, create_sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK ||
	    sqlite3_prepare_v2(ix->h,
	                       "SELECT id, lang_base, key FROM tuv ORDER BY id",
	                       -1, &s, NULL) != SQLITE_OK)
		return sql_error(ix, "cannot build the index");
	while (st == TM_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(s, 2);

		st = add(ix, sqlite3_column_int64(s, 0),
		         (const char *)sqlite3_column_text(s, 1), key,
		         (size_t)sqlite3_column_bytes(s, 2));
	}
	sqlite3_finalize(s);
	if (st == TM_OK && rc != SQLITE_DONE)
		st = sql_error(ix, "cannot build the index");
	if (st == TM_OK)
		st = feed_finish(ix);
	if (st == TM_OK)
		st = write_segment(ix, ix->pend, false);
	if (st == TM_OK)
		st = meta_set(ix, "stale", 0);
	if (st == TM_OK &&
	    sqlite3_exec(ix->h,
	                 "INSERT OR REPLACE INTO tm_ix_meta(k, v)"
	                 " VALUES ('version', '" IX_VERSION "')",
	                 NULL, NULL, NULL) != SQLITE_OK)
		st = sql_error(ix, "cannot build the index");
	if (st < 0)
		tm__ix_pl_clear(ix->pend);
	return st;
}

/* Create or rebuild the index in the file, unless it is current. */
static tm_status
index_prepare(tm__ix *ix)
{
	tm_status st;
	bool counted;

	ix->ready = index_current(ix->h, &counted);
	if (ix->ready && !counted && sqlite3_db_readonly(ix->h, "main") != 1)
		rows_record(ix->h);
	if (ix->ready || sqlite3_db_readonly(ix->h, "main") == 1)
		return TM_OK;
	if (sqlite3_exec(ix->h, "SAVEPOINT tm_ix_build", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return sql_error(ix, "cannot build the index");
	if ((st = build(ix, false)) < 0) {
		sqlite3_exec(ix->h,
		             "ROLLBACK TO tm_ix_build; RELEASE tm_ix_build",
		             NULL, NULL, NULL);
		return st;
	}
	if (sqlite3_exec(ix->h, "RELEASE tm_ix_build", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return sql_error(ix, "cannot build the index");
	ix->ready = true;
	return TM_OK;
}

tm_status
tm__index_open(tm__ix **out, sqlite3 *h, const char *path)
{
	tm__ix *ix = tm__calloc(1, sizeof(*ix));
	tm_status st;

	*out = NULL;
	if (!ix || tm__ix_pl_new(&ix->pend) < 0) {
		tm__free(ix);
		return tm__error_oom();
	}
	ix->h = h;
	ix->path = path;
	ix->feed_min = IX_FEED_MIN;
	sqlite3_rollback_hook(h, on_rollback, ix);
	if ((st = index_prepare(ix)) < 0) {
		tm__index_close(ix);
		return st;
	}
	*out = ix;
	return TM_OK;
}

tm_status
tm__index_add(tm__ix *ix, long long tuv_id, const char *lang_base,
              const char *key, size_t key_len)
{
	return add(ix, tuv_id, lang_base, key, key_len);
}

/* Rebuild when deleted variants outnumber the ones left. */
static tm_status
rebuild_if_stale(tm__ix *ix)
{
	sqlite3_stmt *s = NULL;
	long long stale, live = 0;
	tm_status st;

	if ((st = meta_get(ix, "stale", &stale)) < 0 || stale <= IX_STALE_MIN)
		return st;
	if (sqlite3_prepare_v2(ix->h, "SELECT count(*) FROM tuv", -1, &s,
	                       NULL) != SQLITE_OK)
		return sql_error(ix, "cannot read the index");
	if (sqlite3_step(s) == SQLITE_ROW)
		live = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return stale > live ? build(ix, false) : TM_OK;
}

tm_status
tm__index_flush(tm__ix *ix)
{
	tm_status st;

	if (!ix->ready)
		return TM_OK;
	if ((st = feed_finish(ix)) == TM_OK &&
	    (st = write_segment(ix, ix->pend, true)) == TM_OK)
		st = rebuild_if_stale(ix);
	return st;
}

void
tm__index_set_batch(tm__ix *ix, size_t variants)
{
	ix->batch = variants;
}

void
tm__index_set_load(tm__ix *ix, bool on)
{
	ix->load = on;
}

bool
tm__index_feed_running(const tm__ix *ix)
{
	return ix->feed != NULL;
}

void
tm__index_set_feed_min(tm__ix *ix, size_t variants)
{
	ix->feed_min = variants ? variants : IX_FEED_MIN;
}

/* --- reading --- */

tm_status
tm__index_ready(tm__ix *ix)
{
	tm_status st;

	/* A read-only open of a TM whose index is missing or older (an
	 * earlier libtm's) cannot rebuild it in the file: it builds one for
	 * itself, in temporary tables, on its first read of the index. */
	if (!ix->ready) {
		if ((st = build(ix, true)) < 0) {
			sqlite3_exec(ix->h,
			             "DROP TABLE IF EXISTS temp.tm_ix_post;"
			             "DROP TABLE IF EXISTS temp.tm_ix_meta",
			             NULL, NULL, NULL);
			return st;
		}
		ix->ready = true;
	}
	/* the writer's own reads see what it added */
	if ((st = feed_finish(ix)) < 0 ||
	    (st = write_segment(ix, ix->pend, false)) < 0)
		return st;
	/* Lookups read long lists spread over overflow pages: through a
	 * memory map, without a read() and a copy per page (a tenth of the
	 * CPU of a 1M-unit lookup, and its p90 from 16 to 9 ms). Only on
	 * connections that read the index: an export or an import touching
	 * the whole file through a map would count it in its memory. A map
	 * that cannot be made only costs speed. */
	if (!ix->mapped) {
		sqlite3_exec(ix->h, "PRAGMA mmap_size = 1073741824", NULL, NULL,
		             NULL);
		ix->mapped = true;
	}
	return TM_OK;
}

tm_status
tm__ix_translit(tm_translit **out, tm__ix *ix)
{
	tm_status st = tm__ix_translit_open(&ix->tr);

	*out = ix->tr;
	return st;
}

tm_status
tm__ix_stems(tm__stems **out, tm__ix *ix)
{
	tm_status st = ix->stems ? TM_OK : tm__stems_new(&ix->stems);

	*out = ix->stems;
	return st;
}

tm_status
tm__ix_df(long long *out, tm__ix *ix, const char *term, size_t len)
{
	sqlite3_stmt *s;
	int rc;

	if ((*out = df_get(ix, term, len)) >= 0)
		return TM_OK;
	if (!(s = stmt(ix, S_DF)))
		return sql_error(ix, "cannot read the index");
	sqlite3_bind_text(s, 1, term, (int)len, SQLITE_STATIC);
	rc = sqlite3_step(s);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return sql_error(ix, "cannot read the index");
	df_put(ix, term, len, *out);
	return TM_OK;
}

tm_status
tm__ix_list(tm__ids *out, tm__ix *ix, const char *term, size_t len)
{
	sqlite3_stmt *s = stmt(ix, S_LIST);

	out->n = 0;
	if (!s)
		return sql_error(ix, "cannot read the index");
	sqlite3_bind_text(s, 1, term, (int)len, SQLITE_STATIC);
	return read_rows(out, ix, s);
}

/* The ids of every term starting with @prefix. */
static tm_status
prefix_list(tm__ids *out, tm__ix *ix, const char *prefix, size_t len)
{
	sqlite3_stmt *s = stmt(ix, S_RANGE);
	tm__buf hi = { 0 };
	tm_status st;

	out->n = 0;
	if (!s)
		return sql_error(ix, "cannot read the index");
	/* 0xff follows every byte of UTF-8 */
	if ((st = tm__buf_append(&hi, prefix, len)) < 0 ||
	    (st = tm__buf_append(&hi, "\xff", 1)) < 0) {
		tm__buf_dispose(&hi);
		return st;
	}
	sqlite3_bind_text(s, 1, prefix, (int)len, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, hi.data, (int)hi.len, SQLITE_STATIC);
	st = read_rows(out, ix, s);
	/* lists of different terms overlap: read_rows() sorts only when
	 * it sees one out of order, which includes any overlap */
	tm__buf_dispose(&hi);
	return st;
}

tm_status
tm__ix_prefix_terms(tm__ix *ix, const char *prefix, size_t len,
                    tm__ix_term_cb cb, void *payload)
{
	sqlite3_stmt *s = stmt(ix, S_TERMS);
	tm__buf hi = { 0 };
	tm_status st;
	int rc;

	if (!s)
		return sql_error(ix, "cannot read the index");
	if ((st = tm__buf_append(&hi, prefix, len)) < 0 ||
	    (st = tm__buf_append(&hi, "\xff", 1)) < 0) {
		tm__buf_dispose(&hi);
		return st;
	}
	sqlite3_bind_text(s, 1, prefix, (int)len, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, hi.data, (int)hi.len, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && st >= 0)
		st = cb(payload, (const char *)sqlite3_column_text(s, 0),
		        (size_t)sqlite3_column_bytes(s, 0),
		        sqlite3_column_int64(s, 1));
	if (st >= 0 && rc != SQLITE_DONE && rc != SQLITE_ROW)
		st = sql_error(ix, "cannot read the index");
	sqlite3_reset(s);
	tm__buf_dispose(&hi);
	return st;
}

/* --- queries: "term", "prefix"*, ( ), AND, OR --- */

struct qp {
	tm__ix *ix;
	const char *s, *end;
};

static void
q_space(struct qp *p)
{
	while (p->s < p->end && *p->s == ' ')
		p->s++;
}

static bool
q_word(struct qp *p, const char *w)
{
	size_t n = strlen(w);

	q_space(p);
	if ((size_t)(p->end - p->s) > n && memcmp(p->s, w, n) == 0 &&
	    p->s[n] == ' ') {
		p->s += n;
		return true;
	}
	return false;
}

static tm_status
q_bad(const struct qp *p)
{
	return tm__error_set(TM_EINVAL, "index: bad query at '%.*s'",
	                     (int)(p->end - p->s), p->s);
}

void
tm__ids_and(tm__ids *a, const tm__ids *b)
{
	size_t i = 0, j = 0, k = 0;

	while (i < a->n && j < b->n) {
		if (a->v[i] < b->v[j])
			i++;
		else if (a->v[i] > b->v[j])
			j++;
		else {
			a->v[k++] = a->v[i++];
			j++;
		}
	}
	a->n = k;
}

/* @a := @a OR @b (both sorted). */
static tm_status
ids_or(tm__ids *a, const tm__ids *b)
{
	tm_status st;

	for (size_t j = 0; j < b->n; j++)
		if ((st = ids_push(a, b->v[j])) < 0)
			return st;
	ids_normalize(a);
	return TM_OK;
}

static tm_status q_or(tm__ids *out, struct qp *p);

static tm_status
q_prim(tm__ids *out, struct qp *p)
{
	const char *t;
	tm_status st;

	q_space(p);
	if (p->s < p->end && *p->s == '(') {
		p->s++;
		if ((st = q_or(out, p)) < 0)
			return st;
		q_space(p);
		if (p->s >= p->end || *p->s != ')')
			return q_bad(p);
		p->s++;
		return TM_OK;
	}
	if (p->s >= p->end || *p->s != '"')
		return q_bad(p);
	t = ++p->s;
	while (p->s < p->end && *p->s != '"')
		p->s++;
	if (p->s >= p->end)
		return q_bad(p);
	p->s++;
	if (p->s < p->end && *p->s == '*') {
		p->s++;
		return prefix_list(out, p->ix, t, (size_t)(p->s - 2 - t));
	}
	return tm__ix_list(out, p->ix, t, (size_t)(p->s - 1 - t));
}

static tm_status
q_and(tm__ids *out, struct qp *p)
{
	tm__ids b = { 0 };
	tm_status st = q_prim(out, p);

	while (st == TM_OK && q_word(p, "AND"))
		if ((st = q_prim(&b, p)) == TM_OK)
			tm__ids_and(out, &b);
	tm__free(b.v);
	return st;
}

static tm_status
q_or(tm__ids *out, struct qp *p)
{
	tm__ids b = { 0 };
	tm_status st = q_and(out, p);

	while (st == TM_OK && q_word(p, "OR"))
		if ((st = q_and(&b, p)) == TM_OK)
			st = ids_or(out, &b);
	tm__free(b.v);
	return st;
}

tm_status
tm__ix_query(tm__ids *out, tm__ix *ix, const char *q, size_t len)
{
	struct qp p = { ix, q, q + len };
	tm_status st;

	out->n = 0;
	if ((st = q_or(out, &p)) < 0)
		return st;
	q_space(&p);
	return p.s == p.end ? TM_OK : q_bad(&p);
}
