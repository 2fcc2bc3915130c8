/* SPDX-License-Identifier: MIT */
/* The SQLite side of the store, shared by store.c, index.c, match.c and
 * concord.c (the only files that include <sqlite3.h>).
 *
 * Schema contract (store.c creates and migrates it; the others read it):
 *
 *   tu(id INTEGER PRIMARY KEY, origin TEXT, created TEXT, changed TEXT, ...)
 *   tuv(id INTEGER PRIMARY KEY,
 *       tu_id INTEGER NOT NULL REFERENCES tu(id) ON DELETE CASCADE,
 *       lang TEXT NOT NULL,      -- normalized BCP 47, "en-US"
 *       lang_base TEXT NOT NULL, -- primary subtag, lower case, "en"
 *       markup TEXT,             -- <seg> content as XML; NULL when it
 *                                -- equals plain (schema version 2)
 *       plain TEXT NOT NULL,     -- text without inline codes
 *       key TEXT NOT NULL,       -- tm_normalize(plain, TM_NORM_KEY)
 *       ctx_prev TEXT, ctx_next TEXT, -- keys of neighbouring segments
 *       attrs TEXT,
 *       key_hash INTEGER)        -- tm__db_key_hash(lang_base, key)
 *   index on tuv(key_hash) for exact matches (schema version 3; versions
 *   1 and 2 indexed tuv(lang_base, key)).
 *
 * Dates are TMX basic format, "20261127T205300Z".
 */
#ifndef TM_STORE_PRIVATE_H
#define TM_STORE_PRIVATE_H

#include <pthread.h>
#include <sqlite3.h>

#include "fnv-private.h"
#include "tm-private.h"

/* The SQLite handle of @db (for match.c, concord.c). */
sqlite3 *tm__db_handle(tm_db *db);

/* The candidate index of @db (index-private.h), which the handle owns
 * from its open to its close: ready for reading (tm__index_ready(): the
 * postings of the open transaction written, an index of its own for a
 * read-only open of a TM whose index is older) in *@out, borrowed. */
typedef struct tm__ix tm__ix;
tm_status tm__db_index(tm__ix **out, tm_db *db);
/* The same as it is, without getting it ready (tests). */
tm__ix *tm__db_ix(tm_db *db);

/* tm__store_error() for a failure on @db's connection: its path and busy
 * timeout in the message. */
tm_status tm__db_error(tm_db *db, int rc, const char *what);

/* ---- SQLite's failures in libtm's words (store-error.c) ---- */

/* The one translator of a SQLite failure on connection @h (result code
 * @rc, extended codes allowed; 0 or SQLITE_ERROR: the handle's own code)
 * into a status and the message "db: PATH: WHAT: cause". Causes said in
 * the user's words: another process holds the lock (TM_EBUSY; "waited N
 * ms" when @timeout_ms > 0), the TM is read-only (TM_EIO), a write failed
 * (TM_EIO), the file is not a TM at all (TM_EDB, without WHAT); else
 * SQLite's message with tm__store_status(). @h may be NULL (an open that
 * got no handle: out of memory). */
tm_status tm__store_error(sqlite3 *h, int rc, const char *path,
                          const char *what, int timeout_ms);

/* libtm status for a SQLite result code (extended codes allowed). */
tm_status tm__store_status(int rc);

/* Run @sql (one or more statements without results) on @h; on failure
 * tm__store_error() with @path and @what. */
tm_status tm__store_exec(sqlite3 *h, const char *path, const char *what,
                         const char *sql);

/* Statements of the read paths kept with the handle from their first use
 * until the TM is closed (a lookup runs half a dozen, and preparing one
 * costs more than running it): one slot each. */
enum {
	TM__RS_LOOKUP_EXACT,
	TM__RS_LOOKUP_FETCH,
	TM__RS_LOOKUP_TARGET,
	TM__RS_LOOKUP_SRC,
	TM__RS_LOOKUP_PAIR,
	TM__RS_LOOKUP_PAIR1,
	TM__RS_LOOKUP_STATUS,
	TM__RS_LANGS,
	TM__RS_DATA_VERSION,
	TM__RS_COUNT
};

/* The statement of @slot on @db into *@out, prepared from @sql on first
 * use (a slot is always given the same @sql), reset and unbound. The
 * caller resets it when done with it: a statement left stepping keeps its
 * read snapshot. A slot has one user at a time (a tm_db is used by one
 * thread at a time). @retval TM_EIO and the others of tm__db_error() */
tm_status tm__db_rstmt(sqlite3_stmt **out, tm_db *db, int slot,
                       const char *sql);

/* ---- store internals (store.c, store-schema.c) ---- */

/* "TMDB": PRAGMA application_id of every TM, so that another
 * application's SQLite file is refused rather than written into. */
#define TM__DB_APPLICATION_ID 0x544d4442

/* The schema version this libtm writes (PRAGMA user_version). */
#define TM__DB_SCHEMA_VERSION 3

/* The exact-match index of the schema contract (version 3): on
 * tuv.key_hash = tm__db_key_hash(lang_base, key), 8 bytes a variant
 * instead of a copy of every key. A transaction that more than doubles
 * the TM drops it and builds it again at commit (store.c), when it has
 * added at least this many variants. */
#define TM__DB_KEY_INDEX_SQL "CREATE INDEX tuv_key_hash ON tuv(key_hash)"
/* The duplicate index, as the schema makes it (store-schema.c). */
#define TM__DB_DUP_INDEX_SQL "CREATE INDEX tu_dup ON tu(dup_hash)"
#define TM__DB_BULK_MIN 20000

/* tuv.key_hash of a variant: 64-bit FNV-1a of @lang_base, a 0x1f byte
 * and the @len bytes of @key (tm__fnv64_pair()). Exact matches ask
 * "key_hash = ? AND lang_base = ? AND key = ?": the hash finds the rows,
 * the comparison of the key itself rules out collisions. Stored: never
 * change it. */
static inline long long
tm__db_key_hash(const char *lang_base, const char *key, size_t len)
{
	return (long long)tm__fnv64_pair(lang_base, strlen(lang_base), key,
	                                 len);
}

/* Change that threshold on one handle (tests). */
void tm__db_set_bulk_min(tm_db *db, long long variants);
/* Whether @db's bulk load has its writeback thread running (tests). */
bool tm__db_writeback_running(const tm_db *db);

/* The units' tu.dup_hash values with their ids (store-dupmap.c), kept
 * by a bulk load in place of the tu_dup index. */
typedef struct tm__dupmap {
	uint64_t *slots; /* tag << 32 | id; 0: empty */
	size_t cap, n;   /* slots; units added */
} tm__dupmap;

/* Empty the map (disposing of what it held), sized for @entries units
 * before it grows. TM_ENOMEM, TM_EINVAL (too many) leave it disposed. */
tm_status tm__dupmap_init(tm__dupmap *m, size_t entries);
void tm__dupmap_dispose(tm__dupmap *m);
/* Add unit @id of hash @h. TM_ENOMEM; TM_EINVAL for an id the map cannot
 * hold (above 2^32 - 1): the caller goes back to the index. */
tm_status tm__dupmap_add(tm__dupmap *m, uint64_t h, long long id);
/* Into @ids, in ascending order, up to @max ids among those of the units
 * that may have hash @h: every one that has it (when there are no more
 * than @max), and rarely one that does not. Returns how many. */
size_t tm__dupmap_find(const tm__dupmap *m, uint64_t h, long long *ids,
                       size_t max);

/* Early writeback of a bulk load's pages (store-writeback.c): a thread
 * that asks the kernel, every @interval_ms, to start writing the dirty
 * pages of the TM file and its WAL, through SQLite's own descriptors. */
#define TM__WRITEBACK_MAX_FDS 8
typedef struct tm__writeback {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int fds[TM__WRITEBACK_MAX_FDS];
	size_t nfds;
	long interval_ms;
	bool running, stop;
	unsigned long rounds; /* requests made (under mu; for tests) */
} tm__writeback;

/* Start the thread for the file @path (and @path-wal) with a period of
 * @interval_ms (0: 250 ms). Best effort: when no descriptor of the file
 * is open in this process, or a thread cannot be made, or the system is
 * not Linux, nothing runs (w->running false) and nothing fails. */
void tm__writeback_start(tm__writeback *w, const char *path,
                         long interval_ms);
/* Stop and join the thread, if it runs. Closes no descriptor. */
void tm__writeback_stop(tm__writeback *w);

/* Page cache of a handle: 32 MiB. */
#define TM__DB_CACHE_SQL "PRAGMA cache_size = -32768"

/* Check that the open connection @h is a TM of a version this libtm can
 * use, and create (empty file, version 0) or migrate (older version: copy
 * to PATH.bak-vN first, then one transaction) its schema. A read-only
 * connection is only checked. @path names the file in messages. */
tm_status tm__store_schema_prepare(sqlite3 *h, const char *path,
                                   bool readonly);

/* Refuse a file that is not a TM or is newer than this libtm; give its
 * schema version (0: an empty file) in *@out (may be NULL). */
tm_status tm__store_schema_check(sqlite3 *h, const char *path,
                                 long long *out);


/* Props of the origins and alignment links of a unit (docs/store.md,
 * "Origins"): each other document a unit was merged from, and one record
 * per document that linked the unit's variants ("LINK STATUS CONFIDENCE
 * ORIGIN"), from which the store derives the unit's status and
 * confidence. */
#define TM__ORIGIN_PROP "x-libtm-origin"
#define TM__LINK_PROP "x-libtm-link"
#define TM__STATUS_PROP "x-libtm-status"
#define TM__CONFIDENCE_PROP "x-libtm-confidence"

/* Whether @db is inside tm_db_begin(). */
bool tm__db_in_txn(const tm_db *db);

/* Take document @origin off the TM, as one change (inside the caller's
 * transaction when there is one): units it alone holds are deleted
 * (*@deleted), units other documents hold too lose its name and its link
 * records (*@kept); its header goes. */
tm_status tm__db_release_origin(tm_db *db, const char *origin,
                                long long *deleted, long long *kept);

/* tm__db_release_origin() of the units of @origin in one language pair
 * only: those with a variant of @source_lang's base and one of
 * @target_lang's. A document aligned with two translations (en-ko,
 * en-ru) is two alignments under one origin: storing one again replaces
 * that one, not the other. Its header goes when no unit is left. */
tm_status tm__db_release_origin_pair(tm_db *db, const char *origin,
                                     const char *source_lang,
                                     const char *target_lang,
                                     long long *deleted, long long *kept);

/* Set unit @id's x-libtm-status and x-libtm-confidence props from its
 * x-libtm-link records (none: no such props). Inside a change. */
tm_status tm__db_link_refresh(tm_db *db, long long id);

#endif
