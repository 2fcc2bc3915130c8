/* SPDX-License-Identifier: MIT */
/* The candidate index for fuzzy lookup and concordance, kept in the
 * SQLite file and written inside the same transactions as the rows.
 *
 * It is an inverted index of its own: for each term, the sorted ids of
 * the variants (tuv.id) that contain it, as delta-coded varints, in rows
 * of the table tm_ix_post(term, seg, n, ids). A transaction's postings
 * are gathered in memory (index.c) and written as one segment: one row
 * per term, in term order, when the transaction commits or the memory
 * they take passes a bound. A term's rows are merged into one when it
 * has too many. A term's document frequency is the sum of its rows' n.
 *
 * The terms (index-terms.c) are "<lang_base>:<token>" for each match
 * token of the key (tokenize-private.h) and, for Han and Hangul,
 * "<lang_base>:<syllable><syllable>" for adjacent pairs, so that short
 * Korean names (푸틴, 평양) have a term of their own; and "~<key>", the
 * transliteration key of each cross-script word, in no language, for the
 * cross-script concordance.
 *
 * Deleting a variant leaves its id in the lists: every reader fetches
 * the row of each candidate and checks it (lookup scores it, concordance
 * finds the phrase in it), so a stale id only costs a row read. The
 * count of deleted variants is kept, and the index is rebuilt once they
 * outnumber the variants left. */
#ifndef TM_INDEX_PRIVATE_H
#define TM_INDEX_PRIVATE_H

#include <sqlite3.h>

#include "tm-private.h"

/* Per-connection state of the index: the handle's statements, the
 * postings gathered since the last segment, the feed's thread, caches.
 * The tm_db owns it (store.c), from its open to its close. */
typedef struct tm__ix tm__ix;

/* The index of the connection @h into *@out: its tables created when
 * absent, or the index rebuilt when an older libtm wrote it (inside a
 * savepoint); on a read-only connection only looked at (see
 * tm__index_ready()). @path names the file in messages, borrowed: it
 * outlives the state. Called by store.c on every open, after the schema
 * exists. Free with tm__index_close() before closing @h. TM_ENOMEM, or a
 * database error. */
tm_status tm__index_open(tm__ix **out, sqlite3 *h, const char *path);

/* Stop the feed's thread, finalize the statements, free @ix (NULL:
 * nothing): before closing its connection. */
void tm__index_close(tm__ix *ix);

/* Before a writable open migrates or indexes a TM that an earlier libtm
 * indexed with FTS5 (a table tm_ix and triggers naming its tokenizer
 * "tm"): register that tokenizer, which SQLite needs to parse those
 * triggers (ALTER TABLE) and to drop the table (tm__index_open()). Does
 * nothing on any other file. TM_EDB when this SQLite lacks FTS5. */
tm_status tm__index_legacy_prepare(sqlite3 *h, const char *path);

/* Index the variant @tuv_id of language @lang_base and key @key
 * (@key_len bytes, as the caller knows them), right after inserting its
 * row. In a big transaction its terms are made and
 * gathered on the index's own thread (index-feed.c). TM_ENOMEM,
 * TM_EUNICODE, or a database error when a segment had to be written. */
tm_status tm__index_add(tm__ix *ix, long long tuv_id, const char *lang_base,
                        const char *key, size_t key_len);

/* Write the postings gathered in memory as a segment. Called by store.c
 * right before COMMIT (tm_db_commit() and each change made outside a
 * transaction). Also rebuilds the index when deleted variants outnumber
 * the others. */
tm_status tm__index_flush(tm__ix *ix);

/* Write a segment every @variants variants instead of when the memory
 * bound is reached (tests; 0 restores the default). */
void tm__index_set_batch(tm__ix *ix, size_t variants);

/* Gather postings on a thread of their own once a transaction has added
 * @variants (tests: 1 from the first; 0 restores the default). The
 * batch a feed started with stays until it stops. */
void tm__index_set_feed_min(tm__ix *ix, size_t variants);

/* While @on, the connection's transaction is a load (a TMX import): its
 * postings are gathered on the feed's thread from the first variant, so
 * that the thread, not the writer, makes the first terms and opens the
 * transliterator (a tenth of a second of ICU, while the import's reading
 * thread waited for the writer). */
void tm__index_set_load(tm__ix *ix, bool on);

/* Whether the feed's thread runs (tests). */
bool tm__index_feed_running(const tm__ix *ix);

/* --- for match.c and concord.c --- */

/* Make @ix ready for reading: the postings of its open transaction
 * written, so that its reads see them; on a read-only connection to a TM
 * whose index is missing or older (an earlier libtm's), an index of its
 * own built in temporary tables, once. match.c and concord.c get it
 * through tm__db_index(). TM_ENOMEM, or a database error. */
tm_status tm__index_ready(tm__ix *ix);

/* A sorted set of variant ids. Zero-initialise; free v with free(). */
typedef struct tm__ids {
	long long *v;
	size_t n, cap;
} tm__ids;

/* @a := the ids of @a that are also in @b (both ascending). */
void tm__ids_and(tm__ids *a, const tm__ids *b);

/* The document frequency of @term (the length of its list, stale ids
 * included), through a per-connection cache: stale counts only cost
 * speed, since candidate generation is correct for any order. */
tm_status tm__ix_df(long long *out, tm__ix *ix, const char *term,
                    size_t len);

/* The ids of the variants containing @term, ascending, into @out
 * (replacing its contents). TM_ENOMEM, TM_EDB. */
tm_status tm__ix_list(tm__ids *out, tm__ix *ix, const char *term,
                      size_t len);

/* The ids matching the query @q, ascending, into @out: a query is
 * `"term"`, `"prefix"*` (every term that starts with prefix), `(q)`,
 * `q AND q` and `q OR q` (AND binds tighter). TM_EINVAL for a query
 * outside that grammar. */
tm_status tm__ix_query(tm__ids *out, tm__ix *ix, const char *q, size_t len);

/* Call @cb for every term starting with @prefix (@len bytes), in term
 * order, with its document frequency; a negative return stops the walk
 * and is returned. The terms a concordance word's forms may be among
 * (concord.c): a walk over the term index, no list read. TM_EDB. */
typedef tm_status (*tm__ix_term_cb)(void *payload, const char *term,
                                    size_t len, long long df);
tm_status tm__ix_prefix_terms(tm__ix *ix, const char *prefix, size_t len,
                              tm__ix_term_cb cb, void *payload);

/* The connection's transliteration handle (for key terms), opened on
 * first use; borrowed from @ix. */
tm_status tm__ix_translit(tm_translit **out, tm__ix *ix);

/* The connection's stemmers (stem-private.h), created on first use;
 * borrowed from @ix. TM_ENOMEM. */
typedef struct tm__stems tm__stems;
tm_status tm__ix_stems(tm__stems **out, tm__ix *ix);

/* --- index-terms.c --- */

/* Append the index term of token bytes @tok to @b: "<lang>:<tok>". */
tm_status tm__ix_term(tm__buf *b, const char *lang, const char *tok,
                      size_t len);

/* Open *@tr (any language: the keys are the same) when still NULL. */
tm_status tm__ix_translit_open(tm_translit **tr);

/* A variant's terms: packed, each as two bytes of length
 * (little-endian), its tm__hash_bytes() (8 bytes) and its bytes; with
 * @bare (a variant of thousands of tokens, whose hashes would take a
 * third of the memory), without the hash. */
typedef struct tm__ix_terms {
	size_t len;
	bool bare;
	char data[];
} tm__ix_terms;

/* A term generator: its buffers and its cache of transliteration keys
 * (8 MB once used). It belongs to one thread at a time. */
typedef struct tm__ix_gen tm__ix_gen;
tm_status tm__ix_gen_new(tm__ix_gen **out);
void tm__ix_gen_free(tm__ix_gen *g);
/* The terms of key @key (@len bytes) in language @lang_base: *@out is
 * g's buffer, valid until the next call. TM_ENOMEM, TM_EUNICODE. */
tm_status tm__ix_gen_terms(const tm__ix_terms **out, tm__ix_gen *g,
                           const char *lang_base, const char *key,
                           size_t len);

typedef struct tm__ix_term_ref {
	const char *s;
	size_t len;
	uint64_t hash;
} tm__ix_term_ref;

/* The term of @t at *@pos (start at 0) into @out, advancing *@pos
 * (its hash computed when @t is bare); false after the last. */
bool tm__ix_terms_next(const tm__ix_terms *t, size_t *pos,
                       tm__ix_term_ref *out);

/* --- index-gather.c --- */

/* Postings gathered in memory, to be written as one segment: for each
 * term, the ascending ids of the variants that have it (the connection's
 * state gathers the variants put through it). */
typedef struct tm__ix_pl tm__ix_pl;

/* The list of one term: 64 bytes, one cache line of a table allocated on
 * a 64-byte boundary. Terms up to TM__PL_INLINE bytes (nearly all) live
 * in the slot: a probe that finds its term costs one cache miss. */
#define TM__PL_INLINE 24

typedef struct tm__ix_plist {
	uint64_t hash;
	long long last;     /* the last id added */
	unsigned char *ids; /* delta-coded varints */
	uint32_t len, cap;  /* of ids */
	uint32_t n;         /* ids */
	uint32_t tlen;      /* 0: an empty slot (a term is "lang:..") */
	union {
		char inl[TM__PL_INLINE];
		char *ptr;
	} t;
} tm__ix_plist;

/* Write @v as a varint (7 bits a byte, low first) at @d, which has room
 * for 10 bytes; returns the bytes written. */
static inline size_t
tm__ix_varint_put(unsigned char *d, uint64_t v)
{
	size_t n = 0;

	while (v >= 0x80) {
		d[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	d[n++] = (unsigned char)v;
	return n;
}

static inline const char *
tm__ix_plist_term(const tm__ix_plist *p)
{
	return p->tlen <= TM__PL_INLINE ? p->t.inl : p->t.ptr;
}

/* An empty set of postings into *@out (free with tm__ix_pl_free()). */
tm_status tm__ix_pl_new(tm__ix_pl **out);
void tm__ix_pl_free(tm__ix_pl *pl);
/* Forget every posting (the table's memory too). */
void tm__ix_pl_clear(tm__ix_pl *pl);
/* Add variant @id's terms @t. TM_DONE, nothing added, when the postings
 * must be written and cleared first: @id is below an id gathered for one
 * of its terms (a deleted row's id used again), or the variant or the one
 * held has thousands of terms (such a variant is held on its own, see
 * tm__ix_pl_solo(), and due at once). TM_ENOMEM. */
tm_status tm__ix_pl_add(tm__ix_pl *pl, long long id, const tm__ix_terms *t);
/* The variant held on its own, when there is one: its id into *@id and
 * the number of its distinct terms (0: none held; the lists are then in
 * tm__ix_pl_sorted()). */
size_t tm__ix_pl_solo(const tm__ix_pl *pl, long long *id);
/* Its next term in term order, from *@pos (start at 0), into *@s and
 * *@len (valid until @pl changes); false after the last. */
bool tm__ix_pl_solo_next(const tm__ix_pl *pl, size_t *pos, const char **s,
                         size_t *len);
/* Variants added since the last clear. */
size_t tm__ix_pl_variants(const tm__ix_pl *pl);
/* Whether they are to be written as a segment now: @batch variants
 * gathered (a test's), or with @batch 0 enough memory held. */
bool tm__ix_pl_due(const tm__ix_pl *pl, size_t batch);
/* The lists in term order: *@out an array of *@n pointers into @pl, valid
 * until it changes, for the caller to free. TM_ENOMEM. */
tm_status tm__ix_pl_sorted(const tm__ix_plist ***out, size_t *n,
                           const tm__ix_pl *pl);

/* --- index-feed.c --- */

/* A thread that makes variants' terms and adds their postings to a
 * tm__ix_pl, for the big transactions: the writer queues each variant (a
 * copy of its language and key) and goes on. While the thread runs, only
 * it touches the postings and the generator; the writer works on the
 * postings (writes a segment) only between tm__ix_feed_hold() and
 * tm__ix_feed_resume(). */
typedef struct tm__ix_feed tm__ix_feed;

/* Start the thread on @pl, making terms with @gen (borrowed: the caller
 * leaves it alone until tm__ix_feed_stop()); it says a segment is due
 * when @batch variants are gathered (see tm__ix_pl_due()). TM_ENOMEM. */
tm_status tm__ix_feed_start(tm__ix_feed **out, tm__ix_pl *pl,
                            tm__ix_gen *gen, size_t batch);
/* Queue variant @id of language @lang_base and key @key (@key_len bytes;
 * both copied).
 * TM_DONE when the postings want the writer: a segment is due, or the
 * thread stopped at a variant (see tm__ix_feed_hold()). TM_ENOMEM. */
tm_status tm__ix_feed_add(tm__ix_feed *f, long long id, const char *lang_base,
                          const char *key, size_t key_len);
/* Wait until the thread holds: it reads no variant, and will read none
 * before tm__ix_feed_resume(). With @drain, first until it has read every
 * variant queued. TM_OK; TM_DONE when it stopped at a variant whose id is
 * below one gathered (write the postings as a segment, resume: it reads
 * that variant again); or the error that stopped it (TM_ENOMEM,
 * TM_EUNICODE). */
tm_status tm__ix_feed_hold(tm__ix_feed *f, bool drain);
/* Let the thread go on, with the postings' segment no longer due. */
void tm__ix_feed_resume(tm__ix_feed *f);
/* Stop the thread and free @f, dropping what was not read (NULL: none). */
void tm__ix_feed_stop(tm__ix_feed *f);

#endif
