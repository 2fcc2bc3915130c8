/* SPDX-License-Identifier: MIT */
/**
 * @file tmx.h
 * TMX exchange: a streaming reader and writer, and import into / export
 * from a TM.
 *
 * The reader pulls one ::tm_unit at a time from a TMX file (1.1 to 1.4b,
 * UTF-8 or UTF-16, plain, `.gz` or a `.zip` holding one `.tmx`) without
 * building the document in memory: memory stays flat whatever the file
 * size. The `<header>` is offered as a ::tm_meta. Inline markup is kept
 * as it came (the `<seg>` content serialized as XML) beside the plain
 * text. No DTD or external entity is ever loaded; entity references other
 * than the predefined ones and character references are refused.
 *
 * The writer streams TMX 1.4b (level 2 by default, level 1 on request)
 * into a temporary file beside the target and renames it at the end, so a
 * failure never leaves a half-written file under the target name.
 *
 * See docs/tmx-mapping.md for how each TMX element and attribute maps
 * into the TM and back.
 */
#ifndef TM_TMX_H
#define TM_TMX_H

#include "tm/common.h"
#include "tm/db.h"
#include "tm/unit.h"

TM_BEGIN_DECLS

typedef struct tm_tmx_reader tm_tmx_reader;
typedef struct tm_tmx_writer tm_tmx_writer;

/** What a message of the reader or the import is about. */
typedef enum tm_tmx_message_kind {
	TM_TMX_MSG_WARNING = 0, /**< a lenient repair: the unit was kept */
	TM_TMX_MSG_SKIPPED = 1  /**< a bad unit was skipped
	                             (::TM_TMX_KEEP_GOING) */
} tm_tmx_message_kind;

/**
 * Called for each warning (a lenient repair) and, with
 * ::TM_TMX_KEEP_GOING, for each skipped unit; @p kind tells which.
 * @p message is "FILE:LINE:COLUMN: what" (a skipped unit's ends in
 * "; unit skipped") and is borrowed for the call only. It runs on the
 * thread that reads the file: for tm_tmx_import() that is a thread of
 * the import's own, not the caller's (docs/threading.md); calls never
 * overlap.
 */
typedef void (*tm_tmx_message_cb)(void *payload,
                                  tm_tmx_message_kind kind,
                                  const char *message);

/** Flags of ::tm_tmx_read_options and ::tm_tmx_import_options. */
#define TM_TMX_KEEP_GOING 0x1u /**< skip bad units instead of failing */

/** Options for tm_tmx_reader_open(). */
typedef struct tm_tmx_read_options {
	unsigned int version;   /**< ::TM_TMX_READ_OPTIONS_VERSION */
	unsigned int flags;     /**< TM_TMX_* */
	tm_tmx_message_cb warn; /**< warnings and skipped units; may be NULL */
	void *warn_payload;
} tm_tmx_read_options;

#define TM_TMX_READ_OPTIONS_VERSION 1
/* clang-format off */
#define TM_TMX_READ_OPTIONS_INIT { TM_TMX_READ_OPTIONS_VERSION, 0, NULL, NULL }
/* clang-format on */

/**
 * Fill @p out as ::TM_TMX_READ_OPTIONS_INIT does, for callers that cannot
 * use the macro (bindings); @p version is the caller's
 * ::TM_TMX_READ_OPTIONS_VERSION.
 * @retval TM_EINVAL  @p out is NULL, or @p version is not this libtm's
 * @since 0.1
 */
TM_API tm_status tm_tmx_read_options_init(tm_tmx_read_options *out,
                                          unsigned int version);

/**
 * Open a TMX file for streaming. Nothing is parsed yet.
 * The container is recognized from the content: gzip, a zip archive
 * holding exactly one `*.tmx` entry, or plain XML. "-" reads stdin
 * (plain or gzip).
 * @param[out] out  Receives the reader; caller owns it, release with
 *                  tm_tmx_reader_free(). NULL on failure.
 * @param opts      NULL for defaults.
 * @retval TM_ENOTFOUND  no such file
 * @retval TM_EIO        cannot read it
 * @retval TM_EPARSE     a zip without a single `.tmx` entry
 * @since 0.1
 */
TM_API tm_status tm_tmx_reader_open(tm_tmx_reader **out,
                                    const char *path,
                                    const tm_tmx_read_options *opts);

/**
 * Like tm_tmx_reader_open() over @p len bytes at @p data (plain XML),
 * which must stay valid until tm_tmx_reader_free(). @p name is used in
 * messages.
 * @since 0.1
 */
TM_API tm_status tm_tmx_reader_open_memory(tm_tmx_reader **out,
                                           const char *data,
                                           size_t len,
                                           const char *name,
                                           const tm_tmx_read_options *opts);

/**
 * Read the next translation unit.
 * Units that are skipped with ::TM_TMX_KEEP_GOING are reported through
 * the warning callback and counted by tm_tmx_reader_skipped().
 * @param[out] out  Receives the unit; caller owns it (tm_unit_free()).
 *                  NULL at the end or on error.
 * @retval TM_OK      a unit was returned
 * @retval TM_DONE    no more units
 * @retval TM_EPARSE  malformed XML or TMX; tm_errmsg() gives
 *                    "tmx: FILE:LINE:COLUMN: what". With
 *                    ::TM_TMX_KEEP_GOING only malformed XML is an error.
 * @retval TM_EIO     read error
 * @since 0.1
 */
TM_API tm_status tm_tmx_reader_next(tm_unit **out, tm_tmx_reader *r);

/**
 * The `<header>`: its attributes, props and notes (and each `<ude>` as a
 * prop of type `x-libtm-ude` holding its XML). Available once the first
 * tm_tmx_reader_next() returned; empty before. The XML comments and
 * processing instructions that follow the last unit (see
 * docs/tmx-mapping.md) join it only once tm_tmx_reader_next() returned
 * ::TM_DONE. Borrowed until tm_tmx_reader_free().
 * @since 0.1
 */
TM_API const tm_meta *tm_tmx_reader_header(const tm_tmx_reader *r);

/** The `version` attribute of `<tmx>` (borrowed), "" when absent. @since 0.1 */
TM_API const char *tm_tmx_reader_version(const tm_tmx_reader *r);

/** Fraction of the input read so far, 0 to 1. @since 0.1 */
TM_API double tm_tmx_reader_progress(const tm_tmx_reader *r);

/** Number of units skipped so far (::TM_TMX_KEEP_GOING). @since 0.1 */
TM_API long long tm_tmx_reader_skipped(const tm_tmx_reader *r);

/** Release @p r. NULL is a no-op. @since 0.1 */
TM_API void tm_tmx_reader_free(tm_tmx_reader *r);

/** Flags of ::tm_tmx_write_options and ::tm_tmx_export_options. */
#define TM_TMX_LEVEL1 0x1u /**< plain text only, no inline markup */

/** Options for tm_tmx_writer_new(). */
typedef struct tm_tmx_write_options {
	unsigned int version;     /**< ::TM_TMX_WRITE_OPTIONS_VERSION */
	unsigned int flags;       /**< TM_TMX_LEVEL1 */
	const char *srclang;      /**< header srclang; NULL: from @p header,
	                               else `*all*` */
	const char *const *langs; /**< NULL-terminated: write only variants
	                               matching these ranges; NULL = all */
	const tm_meta *header;    /**< stored header defaults (segtype, o-tmf,
	                               adminlang, datatype, dates, props, notes,
	                               and the comments and PIs around header
	                               and body, see docs/tmx-mapping.md); may
	                               be NULL. creationtool is always libtm.
	                               Read by tm_tmx_writer_new() only */
} tm_tmx_write_options;

#define TM_TMX_WRITE_OPTIONS_VERSION 1
/* clang-format off */
#define TM_TMX_WRITE_OPTIONS_INIT \
	{ TM_TMX_WRITE_OPTIONS_VERSION, 0, NULL, NULL, NULL }
/* clang-format on */

/**
 * Fill @p out as ::TM_TMX_WRITE_OPTIONS_INIT does, for callers that cannot
 * use the macro (bindings); @p version is the caller's
 * ::TM_TMX_WRITE_OPTIONS_VERSION.
 * @retval TM_EINVAL  @p out is NULL, or @p version is not this libtm's
 * @since 0.1
 */
TM_API tm_status tm_tmx_write_options_init(tm_tmx_write_options *out,
                                           unsigned int version);

/**
 * Start writing TMX 1.4b to @p path ("-" is stdout). The XML declaration,
 * `<tmx>` and `<header>` are written at once. The output goes to a
 * temporary file in the same directory, renamed to @p path by
 * tm_tmx_writer_finish().
 * @param[out] out  Receives the writer; caller owns it, release with
 *                  tm_tmx_writer_free(). NULL on failure.
 * @retval TM_EIO  cannot create the temporary file
 * @since 0.1
 */
TM_API tm_status tm_tmx_writer_new(tm_tmx_writer **out,
                                   const char *path,
                                   const tm_tmx_write_options *opts);

/**
 * Write one unit (its variants filtered by the options' languages).
 * A unit left without variant is not written (returns ::TM_DONE).
 * @retval TM_EIO       write failed (disk full)
 * @retval TM_EUNICODE  a string is not valid UTF-8
 * @since 0.1
 */
TM_API tm_status tm_tmx_writer_write_unit(tm_tmx_writer *w, const tm_unit *u);

/** Number of units written so far. @since 0.1 */
TM_API long long tm_tmx_writer_count(const tm_tmx_writer *w);

/**
 * Close `<body>` and `<tmx>`, flush, and rename the temporary file to the
 * target name.
 * @retval TM_EIO  write, flush or rename failed (the target is untouched)
 * @since 0.1
 */
TM_API tm_status tm_tmx_writer_finish(tm_tmx_writer *w);

/**
 * Release @p w; when tm_tmx_writer_finish() did not succeed, the
 * temporary file is removed. NULL is a no-op.
 * @since 0.1
 */
TM_API void tm_tmx_writer_free(tm_tmx_writer *w);

/** Counts of an import or export. Caller-allocated; dispose with
 * tm_tmx_stats_dispose(). Zero-initialise with ::TM_TMX_STATS_INIT. */
typedef struct tm_tmx_stats {
	unsigned int version; /**< ::TM_TMX_STATS_VERSION */
	long long units;      /**< units read (import) or written (export) */
	long long added;      /**< import: stored as new units */
	long long merged;     /**< import: merged into stored units */
	long long skipped;    /**< import: duplicates skipped
	                           (::TM_DUP_SKIP_NEWER) */
	long long rejected;   /**< import: bad units skipped (keep-going) */
	long long warnings;   /**< lenient repairs */
	int truncated;        /**< import: the XML broke off (keep-going) */
	char **messages;      /**< NULL-terminated messages of rejected
	                           units and warnings (first 1000), owned */
	size_t message_count;
} tm_tmx_stats;

#define TM_TMX_STATS_VERSION 1
/* clang-format off */
#define TM_TMX_STATS_INIT { TM_TMX_STATS_VERSION, 0, 0, 0, 0, 0, 0, 0, NULL, 0 }
/* clang-format on */

/**
 * Fill @p out as ::TM_TMX_STATS_INIT does, for callers that cannot
 * use the macro (bindings); @p version is the caller's
 * ::TM_TMX_STATS_VERSION.
 * @retval TM_EINVAL  @p out is NULL, or @p version is not this libtm's
 * @since 0.1
 */
TM_API tm_status tm_tmx_stats_init(tm_tmx_stats *out, unsigned int version);

/** Release what @p s owns and zero its counts. NULL is a no-op. @since 0.1 */
TM_API void tm_tmx_stats_dispose(tm_tmx_stats *s);

/** Progress callback: units so far and fraction of the input read. */
typedef void (*tm_tmx_progress_cb)(void *payload,
                                   long long units,
                                   double fraction);

/** Options for tm_tmx_import(). */
typedef struct tm_tmx_import_options {
	unsigned int version;   /**< ::TM_TMX_IMPORT_OPTIONS_VERSION */
	unsigned int flags;     /**< ::TM_TMX_KEEP_GOING */
	tm_dup_mode dup;        /**< duplicates, see tm_db_put() */
	const char *origin;     /**< NULL: the file's base name */
	tm_tmx_message_cb warn; /**< live messages; may be NULL */
	void *warn_payload;
	tm_tmx_progress_cb progress; /**< every 1000 units; may be NULL */
	void *progress_payload;
} tm_tmx_import_options;

#define TM_TMX_IMPORT_OPTIONS_VERSION 1
/* clang-format off */
#define TM_TMX_IMPORT_OPTIONS_INIT { TM_TMX_IMPORT_OPTIONS_VERSION, 0, \
	TM_DUP_MERGE, NULL, NULL, NULL, NULL, NULL }
/* clang-format on */

/**
 * Fill @p out as ::TM_TMX_IMPORT_OPTIONS_INIT does, for callers that cannot
 * use the macro (bindings); @p version is the caller's
 * ::TM_TMX_IMPORT_OPTIONS_VERSION.
 * @retval TM_EINVAL  @p out is NULL, or @p version is not this libtm's
 * @since 0.1
 */
TM_API tm_status tm_tmx_import_options_init(tm_tmx_import_options *out,
                                            unsigned int version);

/**
 * Import the TMX file @p path into @p db in one transaction: on error
 * nothing is changed. With ::TM_TMX_KEEP_GOING bad units are skipped
 * (counted in @p stats->rejected, listed in its messages) and, when the
 * XML breaks off, the units before the break are kept
 * (@p stats->truncated); the call then still returns ::TM_OK.
 * @param stats  receives the counts (may be NULL); dispose it.
 * @retval TM_EPARSE     malformed TMX ("tmx: FILE:LINE:COLUMN: what")
 * @retval TM_ENOTFOUND  no such file
 * @retval TM_EDB        the TM refused a write
 * @since 0.1
 */
TM_API tm_status tm_tmx_import(tm_tmx_stats *out,
                               tm_db *db,
                               const char *path,
                               const tm_tmx_import_options *opts);

/** Options for tm_tmx_export(). */
typedef struct tm_tmx_export_options {
	unsigned int version;       /**< ::TM_TMX_EXPORT_OPTIONS_VERSION */
	unsigned int flags;         /**< ::TM_TMX_LEVEL1 */
	const char *srclang;        /**< source language (header srclang) or
	                                 NULL: only units having it; without
	                                 @c targets, every variant of them */
	const char *const *targets; /**< NULL-terminated target languages:
	                                 only units having the source and at
	                                 least one target, and only the
	                                 variants in these languages */
	const char *since;          /**< TMX date: units changed at/after it */
	const char *origin;         /**< only units of this origin */
	tm_tmx_progress_cb progress;
	void *progress_payload;
} tm_tmx_export_options;

#define TM_TMX_EXPORT_OPTIONS_VERSION 1
/* clang-format off */
#define TM_TMX_EXPORT_OPTIONS_INIT { TM_TMX_EXPORT_OPTIONS_VERSION, 0, \
	NULL, NULL, NULL, NULL, NULL, NULL }
/* clang-format on */

/**
 * Fill @p out as ::TM_TMX_EXPORT_OPTIONS_INIT does, for callers that cannot
 * use the macro (bindings); @p version is the caller's
 * ::TM_TMX_EXPORT_OPTIONS_VERSION.
 * @retval TM_EINVAL  @p out is NULL, or @p version is not this libtm's
 * @since 0.1
 */
TM_API tm_status tm_tmx_export_options_init(tm_tmx_export_options *out,
                                            unsigned int version);

/**
 * Export units of @p db to @p path ("-" is stdout) as TMX 1.4b, in unit
 * id order: the same TM gives the same bytes.
 * @param stats  receives the count of units written (may be NULL).
 * @retval TM_EIO   write failed (the target is untouched)
 * @retval TM_EINVAL a bad language or date
 * @since 0.1
 */
TM_API tm_status tm_tmx_export(tm_tmx_stats *out,
                               tm_db *db,
                               const char *path,
                               const tm_tmx_export_options *opts);

TM_END_DECLS

#endif /* TM_TMX_H */
