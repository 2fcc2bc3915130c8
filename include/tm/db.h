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
 * Fill @p out as ::TM_DB_OPTIONS_INIT does, for callers that cannot
 * use the macro (bindings); @p version is the caller's
 * ::TM_DB_OPTIONS_VERSION.
 * @retval TM_EINVAL  @p out is NULL, or @p version is not this libtm's
 * @since 0.1
 */
TM_API tm_status tm_db_options_init(tm_db_options *out, unsigned int version);

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
 * @p origin (NULL: the unit's own tm_unit_origin(), which may be NULL too).
 * Language tags are normalized; each variant's plain text gets its
 * matching key; the search index is updated in the same transaction.
 * Sets the unit's id (tm_unit_id()): the new unit's, or the stored
 * one's it was merged into or skipped for.
 *
 * Duplicates are units with the same variants (language and markup, in
 * any order). ::TM_DUP_MERGE reconciles their metadata: earliest
 * creationdate (with its creationid), latest changedate (with its
 * changeid) and lastusagedate, usagecount summed, other attributes kept
 * and missing ones added, props and notes unioned; when @p origin is
 * not the stored unit's, it is recorded as a unit prop `x-libtm-origin`
 * (once), so that the unit belongs to both documents (see
 * tm_db_remove_origin()). ::TM_DUP_SKIP_NEWER
 * skips the unit when the stored one's changedate (else creationdate) is
 * the same or later, and merges otherwise. A variant prop
 * `x-context-pre`/`x-context-post` (memoQ's names) gives the matching
 * key of the segment before/after it (tuv.ctx_prev, ctx_next).
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
 * Take document @p origin off the TM, in one transaction (or in the
 * caller's): the units it alone holds are deleted; a unit that other
 * documents hold too (a duplicate merged from another file, see
 * tm_db_put()) stays with theirs and loses @p origin's name and its
 * alignment link records (tm_db_put_links()); its stored header goes.
 * Same as tm_db_remove_origin() without the count of units kept.
 * @param[out] out_count  Receives the number deleted (may be NULL).
 * @retval TM_EINVAL  @p origin is NULL, or inside an import's transaction
 * @since 0.1
 */
TM_API tm_status tm_db_delete_origin(long long *out_count, tm_db *db,
                                     const char *origin);

/**
 * tm_db_delete_origin() that also says how many units stayed for their
 * other documents.
 * @param[out] out_deleted  Receives the units deleted (may be NULL).
 * @param[out] out_kept     Receives the units kept for other documents,
 *                          @p origin taken off them (may be NULL).
 * @retval TM_EINVAL  @p origin is NULL, or inside an import's transaction
 * @since 0.1
 */
TM_API tm_status tm_db_remove_origin(long long *out_deleted,
                                     long long *out_kept, tm_db *db,
                                     const char *origin);

/** How sure a stored alignment link is (prop `x-libtm-status`). */
typedef enum tm_link_status {
	TM_LINK_AUTO = 0,   /**< found by the aligner, not reviewed: `auto` */
	TM_LINK_CONFIRMED   /**< confirmed by a reviewer: `confirmed` */
} tm_link_status;

/** One link of an alignment for tm_db_put_links(). Strings are borrowed
 *  for the call. */
typedef struct tm_db_link {
	const char *src_text;  /**< the source sentences, UTF-8 */
	const char *tgt_text;  /**< their translation */
	const char *src_prev;  /**< the source sentence before, NULL at the
	                            start (context, see tm_db_put()) */
	const char *src_next;  /**< the source sentence after, or NULL */
	const char *tgt_prev;  /**< the target sentence before, or NULL */
	const char *tgt_next;  /**< the target sentence after, or NULL */
	const char *link;      /**< sentence numbers, `[0,1]:[0]` (no space) */
	double confidence;     /**< the aligner's, in [0,1] */
	tm_link_status status;
	int edited;            /**< a reviewer corrected a text: the unit gets
	                            a changedate */
} tm_db_link;

/** Options of tm_db_put_links(). */
typedef struct tm_db_links_options {
	unsigned int version;   /**< ::TM_DB_LINKS_OPTIONS_VERSION */
	const char *source_lang; /**< language of the source texts (required) */
	const char *target_lang; /**< language of the target texts (required) */
	const char *origin;     /**< the document (required, not empty) */
	double min_confidence;  /**< ::TM_LINK_AUTO links below it are not
	                             stored (counted as skipped) */
	const char *date;       /**< TMX date stored as creationdate (and the
	                             changedate of edited links); NULL: now */
} tm_db_links_options;

#define TM_DB_LINKS_OPTIONS_VERSION 1
/* clang-format off */
#define TM_DB_LINKS_OPTIONS_INIT { TM_DB_LINKS_OPTIONS_VERSION, NULL, NULL, NULL, 0, NULL }
/* clang-format on */

/**
 * Fill @p out as ::TM_DB_LINKS_OPTIONS_INIT does, for callers that cannot
 * use the macro (bindings); @p version is the caller's
 * ::TM_DB_LINKS_OPTIONS_VERSION.
 * @retval TM_EINVAL  @p out is NULL, or @p version is not this libtm's
 * @since 0.1
 */
TM_API tm_status tm_db_links_options_init(tm_db_links_options *out,
                                          unsigned int version);

/** What tm_db_put_links() did; caller-allocated, nothing to release. */
typedef struct tm_db_links_stats {
	unsigned int version; /**< ::TM_DB_LINKS_STATS_VERSION */
	long long added;      /**< new units */
	long long merged;     /**< links merged into a stored unit (another
	                           document's, or a repeated sentence pair) */
	long long skipped;    /**< automatic links below min_confidence */
	long long replaced;   /**< the document's earlier units deleted */
	long long released;   /**< earlier units kept for other documents */
} tm_db_links_stats;

#define TM_DB_LINKS_STATS_VERSION 1
/* clang-format off */
#define TM_DB_LINKS_STATS_INIT { TM_DB_LINKS_STATS_VERSION, 0, 0, 0, 0, 0 }
/* clang-format on */

/**
 * Fill @p out as ::TM_DB_LINKS_STATS_INIT does, for callers that cannot
 * use the macro (bindings); @p version is the caller's
 * ::TM_DB_LINKS_STATS_VERSION.
 * @retval TM_EINVAL  @p out is NULL, or @p version is not this libtm's
 * @since 0.1
 */
TM_API tm_status tm_db_links_stats_init(tm_db_links_stats *out,
                                        unsigned int version);

/**
 * Store the alignment of document opts->origin, replacing what an earlier
 * alignment (or import) stored under that name in the same language pair
 * (as tm_db_remove_origin() would, for the units with a variant of each
 * language: the document's alignment with another translation stays),
 * in one transaction: a failure leaves the TM as it was. Inside the
 * caller's tm_db_begin() it joins that transaction, and after a failure
 * the caller rolls back.
 *
 * Each link with both texts becomes a unit of two variants (merged with a
 * duplicate, see tm_db_put()) carrying: the context of its neighbours
 * (variant props `x-context-pre`/`x-context-post`), creationdate
 * opts->date (and changedate when edited), a link record, prop
 * `x-libtm-link` = `LINK STATUS CONFIDENCE ORIGIN` (one per document
 * that linked the unit), and the unit's status derived from its records:
 * props `x-libtm-status` (`confirmed` when a record is, else `auto`) and
 * `x-libtm-confidence` (1.000 when confirmed, else the highest, three
 * decimals). A confirmed link is stored whatever its confidence.
 * @param[out] out  Receives the counts (may be NULL; version set).
 * @retval TM_EINVAL    no language or origin, a link without a text, a
 *                      bad language tag, or an unknown options version
 * @retval TM_EUNICODE  a text is not valid UTF-8
 * @retval TM_EIO       write failed (disk full, read-only)
 * @since 0.1
 */
TM_API tm_status tm_db_put_links(tm_db_links_stats *out, tm_db *db,
                                 const tm_db_link *links, size_t n,
                                 const tm_db_links_options *opts);

/** Filter for tm_db_cursor_new(); NULL fields match everything. */
typedef struct tm_db_query {
	unsigned int version;       /**< ::TM_DB_QUERY_VERSION */
	const char *const *langs;   /**< NULL-terminated language ranges: a
	                                 unit matches when it has a variant in
	                                 each of them */
	const char *since;          /**< TMX date: units changed at/after it */
	const char *origin;         /**< only this origin's units: those
	                                 it stored first and those merged
	                                 from it (prop `x-libtm-origin`) */
	unsigned int flags;         /**< TM_DB_QUERY_* */
} tm_db_query;

/** Flag of ::tm_db_query: units come back with only the variants whose
 *  language matches one of @c langs (the others are left out). */
#define TM_DB_QUERY_ONLY_LANGS 0x1u

#define TM_DB_QUERY_VERSION 1
/* clang-format off */
#define TM_DB_QUERY_INIT { TM_DB_QUERY_VERSION, NULL, NULL, NULL, 0 }
/* clang-format on */

/**
 * Fill @p out as ::TM_DB_QUERY_INIT does, for callers that cannot
 * use the macro (bindings); @p version is the caller's
 * ::TM_DB_QUERY_VERSION.
 * @retval TM_EINVAL  @p out is NULL, or @p version is not this libtm's
 * @since 0.1
 */
TM_API tm_status tm_db_query_init(tm_db_query *out, unsigned int version);

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

/** Number of units in the TM (-1 after a database error). @since 0.1 */
TM_API long long tm_db_unit_count(tm_db *db);

/**
 * A number that moves whenever another handle, of this process or of
 * another, commits a change to the TM (SQLite's `PRAGMA data_version`):
 * two equal values read through @p db mean that nothing was committed by
 * others in between. A transaction still open elsewhere does not move
 * it, and neither do changes made through @p db itself. For a cache of
 * what was read (tm serve keeps answers while it holds). @since 0.1
 * @param[out] out  Receives the number.
 * @retval TM_EINVAL  a NULL argument
 * @retval TM_EIO     the TM could not be read
 */
TM_API tm_status tm_db_data_version(long long *out, tm_db *db);

/**
 * Store the TMX `<header>` metadata (attributes, props, notes) of the
 * document @p origin, replacing what was stored for it before. The TMX
 * importer calls it once per file, in the transaction of its units, so
 * that an export of that origin reproduces the header.
 * @param header  metadata to copy (see tm_meta_new()); nothing is kept.
 * @retval TM_EINVAL  @p origin is NULL or empty
 * @retval TM_EIO     write failed (disk full, read-only)
 * @since 0.1
 */
TM_API tm_status tm_db_put_header(tm_db *db, const char *origin,
                                  const tm_meta *header);

/**
 * Read the header metadata stored for document @p origin.
 * @param[out] out  Receives a copy; caller owns it (tm_meta_free()).
 * @retval TM_ENOTFOUND  no header stored for @p origin
 * @since 0.1
 */
TM_API tm_status tm_db_header(tm_meta **out, tm_db *db, const char *origin);

/** Units and variants in one language (see ::tm_db_stats). */
typedef struct tm_db_lang_stat {
	const char *lang;   /**< normalized tag, "en-US" */
	long long units;    /**< units with at least one variant in it */
	long long variants; /**< variants in it */
} tm_db_lang_stat;

/** Units holding both languages of a pair (see ::tm_db_stats). */
typedef struct tm_db_pair_stat {
	const char *lang1;  /**< the smaller tag in byte order */
	const char *lang2;
	long long units;    /**< units with a variant in each */
	long long variants; /**< their variants in either language */
} tm_db_pair_stat;

/** Units stored from one document (see ::tm_db_stats). */
typedef struct tm_db_origin_stat {
	const char *name;   /**< NULL for units stored without an origin */
	long long units;
	int has_header;     /**< 1 when tm_db_put_header() stored its header */
} tm_db_origin_stat;

/**
 * What a TM holds, filled by tm_db_stats_read(). The caller allocates it
 * (initialize with ::TM_DB_STATS_INIT) and releases what it points to
 * with tm_db_stats_dispose(). Arrays are sorted: languages and pairs by
 * tag, origins by name (units without origin last).
 */
typedef struct tm_db_stats {
	unsigned int version;       /**< ::TM_DB_STATS_VERSION */
	long long units;
	long long variants;
	long long file_bytes;       /**< the file plus its WAL */
	int schema_version;         /**< PRAGMA user_version */
	size_t nlangs;
	tm_db_lang_stat *langs;
	size_t npairs;
	tm_db_pair_stat *pairs;
	size_t norigins;
	tm_db_origin_stat *origins;
} tm_db_stats;

#define TM_DB_STATS_VERSION 1
/* clang-format off */
#define TM_DB_STATS_INIT { TM_DB_STATS_VERSION, 0, 0, 0, 0, 0, NULL, 0, NULL, 0, NULL }
/* clang-format on */

/**
 * Fill @p out as ::TM_DB_STATS_INIT does, for callers that cannot
 * use the macro (bindings); @p version is the caller's
 * ::TM_DB_STATS_VERSION.
 * @retval TM_EINVAL  @p out is NULL, or @p version is not this libtm's
 * @since 0.1
 */
TM_API tm_status tm_db_stats_init(tm_db_stats *out, unsigned int version);

/**
 * Count what @p db holds: units and variants per language, per language
 * pair and per origin, and the size of the file.
 * @param[out] out  A caller-allocated ::tm_db_stats (version set); filled
 *                  with arrays the caller releases with
 *                  tm_db_stats_dispose(), also after a failure.
 * @retval TM_EDB  a database error
 * @since 0.1
 */
TM_API tm_status tm_db_stats_read(tm_db_stats *out, tm_db *db);

/** Release the arrays of @p s (not @p s itself). NULL is a no-op. @since 0.1 */
TM_API void tm_db_stats_dispose(tm_db_stats *s);

/** Schema version this libtm writes (PRAGMA user_version). @since 0.1 */
TM_API int tm_db_schema_version(void);

/**
 * Remove the TM at @p path with the files the store keeps beside it
 * (its write-ahead log, shared-memory index and rollback journal): for a
 * TM a program created and then found it did not need. The file must
 * be a TM (or an empty database): anything else is left alone. Nothing
 * may have it open, in this process or another: the caller makes sure
 * (tm import removes only a TM it created itself and found empty).
 * @retval TM_ENOTFOUND  no file at @p path
 * @retval TM_EDB        the file is not a TM; nothing removed
 * @retval TM_EIO        a file could not be removed (permissions)
 * @since 0.1
 */
TM_API tm_status tm_db_remove(const char *path);

TM_END_DECLS

#endif /* TM_DB_H */
