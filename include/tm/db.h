/* SPDX-License-Identifier: MIT */
/**
 * @file db.h
 * The translation memory: one SQLite file (WAL), the embedded default.
 *
 * Every change is one transaction: a failing call leaves the TM as it was.
 * Readers never block on a writer (WAL); writers wait on each other up to
 * the busy timeout.
 */
#ifndef TM_DB_H
#define TM_DB_H

#include "tm/common.h"
#include "tm/unit.h"

TM_BEGIN_DECLS

typedef struct tm_db tm_db;
typedef struct tm_db_cursor tm_db_cursor;

/** Flags of ::tm_db_options. */
#define TM_DB_CREATE 0x1u   /**< create the file when it does not exist */
#define TM_DB_READONLY 0x2u /**< open for reading only */

/** Options for tm_db_open(). */
typedef struct tm_db_options {
	unsigned int version;    /**< ::TM_DB_OPTIONS_VERSION */
	unsigned int flags;      /**< TM_DB_* */
	int busy_timeout_ms;     /**< wait for a writer lock; 0 = 5000 ms */
} tm_db_options;

#define TM_DB_OPTIONS_VERSION 1
/* clang-format off */
#define TM_DB_OPTIONS_INIT { TM_DB_OPTIONS_VERSION, TM_DB_CREATE, 0 }
/* clang-format on */

/**
 * Open (and with ::TM_DB_CREATE create) the TM at @p path, migrating an
 * older schema in one transaction after a backup copy (`PATH.bak-vN`).
 * @param[out] out  Receives the handle; caller owns it, release with
 *                  tm_db_close(). NULL on failure.
 * @param opts      NULL for ::TM_DB_OPTIONS_INIT.
 * @retval TM_ENOTFOUND  no file and ::TM_DB_CREATE not set
 * @retval TM_EDB        not a TM, corrupt, or written by a newer libtm
 * @retval TM_EBUSY      locked by another process beyond the timeout
 * @since 0.1
 */
TM_API tm_status tm_db_open(tm_db **out, const char *path,
                            const tm_db_options *opts);

/**
 * Close @p db. NULL is a no-op.
 * @retval TM_EBUSY  cursors are still open (the handle stays open)
 * @since 0.1
 */
TM_API tm_status tm_db_close(tm_db *db);

/** Path the TM was opened with (borrowed until tm_db_close()). @since 0.1 */
TM_API const char *tm_db_path(const tm_db *db);

/**
 * Start a write transaction grouping several changes (one TMX file, one
 * alignment). Without it each change is its own transaction.
 * @retval TM_EBUSY  another writer holds the lock beyond the timeout
 * @since 0.1
 */
TM_API tm_status tm_db_begin(tm_db *db);
/** Commit the transaction of tm_db_begin(). @retval TM_EIO disk full. @since 0.1 */
TM_API tm_status tm_db_commit(tm_db *db);
/** Roll back the transaction of tm_db_begin(); harmless without one. @since 0.1 */
TM_API tm_status tm_db_rollback(tm_db *db);

/** What to do with a unit whose variants all equal a stored unit's. */
typedef enum tm_dup_mode {
	TM_DUP_MERGE = 0,   /**< merge into it: dates, usage, props reconciled */
	TM_DUP_KEEP,        /**< store it again as a separate unit */
	TM_DUP_SKIP_NEWER   /**< skip it when the stored one is newer */
} tm_dup_mode;

/** What tm_db_put() did. */
typedef enum tm_put_result {
	TM_PUT_ADDED = 0,
	TM_PUT_MERGED,
	TM_PUT_SKIPPED
} tm_put_result;

/**
 * Store unit @p u (all its variants and metadata) with document name
 * @p origin (may be NULL). Language tags are normalized; each variant's
 * plain text gets its matching key; the search index is updated in the
 * same transaction. Sets the unit's id (tm_unit_set_id()).
 * @param[out] out  Receives what was done (may be NULL).
 * @retval TM_EINVAL  the unit has no variant, or a bad language tag
 * @retval TM_EIO     write failed (disk full, read-only)
 * @since 0.1
 */
TM_API tm_status tm_db_put(tm_put_result *out, tm_db *db, tm_unit *u,
                           const char *origin, tm_dup_mode mode);

/**
 * Read unit @p id with all its variants and metadata.
 * @param[out] out  Receives the unit; caller owns it (tm_unit_free()).
 * @retval TM_ENOTFOUND  no such unit
 * @since 0.1
 */
TM_API tm_status tm_db_get(tm_unit **out, tm_db *db, long long id);

/**
 * Delete unit @p id.
 * @retval TM_ENOTFOUND  no such unit
 * @since 0.1
 */
TM_API tm_status tm_db_delete(tm_db *db, long long id);

/**
 * Delete every unit stored with origin @p origin.
 * @param[out] out_count  Receives the number deleted (may be NULL).
 * @since 0.1
 */
TM_API tm_status tm_db_delete_origin(long long *out_count, tm_db *db,
                                     const char *origin);

/** Filter for tm_db_cursor_new(); NULL fields match everything. */
typedef struct tm_db_query {
	unsigned int version;       /**< ::TM_DB_QUERY_VERSION */
	const char *const *langs;   /**< NULL-terminated language ranges: a
	                                 unit matches when it has a variant in
	                                 each of them */
	const char *since;          /**< TMX date: units changed at/after it */
	const char *origin;         /**< only this origin */
} tm_db_query;

#define TM_DB_QUERY_VERSION 1
/* clang-format off */
#define TM_DB_QUERY_INIT { TM_DB_QUERY_VERSION, NULL, NULL, NULL }
/* clang-format on */

/**
 * Iterate units in id order (deterministic).
 * @param[out] out  Receives the cursor; caller owns it, release with
 *                  tm_db_cursor_free() before tm_db_close().
 * @since 0.1
 */
TM_API tm_status tm_db_cursor_new(tm_db_cursor **out, tm_db *db,
                                  const tm_db_query *q);

/**
 * Next unit.
 * @param[out] out  Receives the unit; caller owns it (tm_unit_free()).
 * @retval TM_OK    a unit was returned
 * @retval TM_DONE  no more units (*out is NULL)
 * @since 0.1
 */
TM_API tm_status tm_db_cursor_next(tm_unit **out, tm_db_cursor *c);

/** Release @p c. NULL is a no-op. @since 0.1 */
TM_API void tm_db_cursor_free(tm_db_cursor *c);

/** Number of units in the TM. @since 0.1 */
TM_API long long tm_db_unit_count(tm_db *db);

TM_END_DECLS

#endif /* TM_DB_H */
