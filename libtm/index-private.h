/* SPDX-License-Identifier: MIT */
/* The candidate index for fuzzy lookup and concordance (index.c), kept in
 * the SQLite file and updated inside the same transaction as the rows, so
 * the two never disagree.
 *
 * It is an FTS5 table (contentless, detail=none) fed by triggers on tuv
 * through a staging table flushed at commit (tm__index_flush()),
 * with libtm's own tokenizer "tm": its terms are "<lang_base>:<token>" for
 * each match token of the key (tokenize-private.h) and, for Han and Hangul,
 * "<lang_base>:<syllable><syllable>" for adjacent pairs, so that short
 * Korean names (푸틴, 평양) have a term of their own, and "~<key>", the
 * transliteration key of each cross-script word (tokenize-private.h), in
 * no language, for the cross-script concordance. */
#ifndef TM_INDEX_PRIVATE_H
#define TM_INDEX_PRIVATE_H

#include <sqlite3.h>

#include "tm-private.h"

/* Create the index tables and triggers when absent (rebuilding an index
 * written by an older libtm), and register the "tm" tokenizer on the
 * connection. Called by store.c on every open, after the schema exists;
 * idempotent. On a read-only connection it only registers the tokenizer. */
tm_status tm__index_open(sqlite3 *h);

/* Register the "tm" tokenizer on the connection (idempotent; done by
 * tm__index_open()). Statements that re-check the schema, such as ALTER
 * TABLE in a migration, need it for the triggers that name tm_ix. */
tm_status tm__index_register(sqlite3 *h);

/* Index the variant @tuv_id. Called by store.c right after inserting the
 * tuv row. The insert trigger has already staged it (tm_ix_stage); this
 * moves a large batch into FTS5. FTS5 writes a segment at each
 * savepoint, and the store makes one per put: staging keeps that to one
 * segment per batch. @terms (taken over, may be NULL) are its terms made
 * ahead by tm__ix_gen_terms(), already counted: the flush uses them
 * instead of tokenizing (and counting) the row again, as long as the row
 * still has the text they were made from. */
tm_status tm__index_add(sqlite3 *h, long long tuv_id, tm__ix_terms *terms);

/* Add the term counts @c (taken over, may be NULL) to tm_ix_df, inside
 * the open transaction. */
tm_status tm__index_add_counts(sqlite3 *h, tm__ix_counts *c);

/* Move the variants staged by the triggers into the index and add their
 * term counts to tm_ix_df. Called by store.c right before COMMIT
 * (tm_db_commit() and each change made outside a transaction); also done
 * every 16384 variants (the counts then stay in memory, see
 * write_pend()) and, for a writer that did not, on the next
 * tm__index_open(). */
tm_status tm__index_flush(sqlite3 *h);

/* Flush every @variants staged variants instead of every 16384 (tests;
 * 0 restores the default). */
void tm__index_set_batch(sqlite3 *h, size_t variants);

/* Forget the variant @tuv_id. Called by store.c before deleting it (the
 * delete trigger does the work). */
tm_status tm__index_remove(sqlite3 *h, long long tuv_id);

/* --- for match.c and concord.c --- */

/* Per-connection state of the index (lives as long as the connection). */
typedef struct tm__ix tm__ix;

/* The state of connection @h; TM_EDB when the index is missing or out of
 * date (a read-only open of a TM written by an older libtm). */
tm_status tm__index_get(tm__ix **out, sqlite3 *h);

/* Document frequency cache: -1 when @term is not cached. Stale counts
 * only cost speed: candidate generation is correct for any order. */
long long tm__ix_df_get(tm__ix *ix, const char *term, size_t len);
void tm__ix_df_put(tm__ix *ix, const char *term, size_t len, long long df);

/* The connection's transliteration handle (for key terms), opened on
 * first use; borrowed from @ix. */
tm_status tm__ix_translit(tm_translit **out, tm__ix *ix);

/* Append the index term of token bytes @tok to @b: "<lang>:<tok>". */
tm_status tm__ix_term(tm__buf *b, const char *lang, const char *tok,
                      size_t len);

#endif
