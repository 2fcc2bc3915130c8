/* SPDX-License-Identifier: MIT */
/**
 * @file common.h
 * Status codes, error messages, memory release and version of libtm.
 *
 * Every function that can fail returns a ::tm_status: negative is an error,
 * 0 is success, positive is a non-error outcome (::TM_DONE ends iteration).
 * After a negative return, tm_errmsg() gives a one-line message that names
 * the layer and the cause, e.g. "tmx: a.tmx:42:7: <tuv> lacks xml:lang".
 *
 * Every function takes its out-parameters first, then the object, the
 * inputs, the options struct, a callback and its payload; options structs
 * are versioned, with an _INIT macro and an _init() function. The
 * conventions in full: docs/api.md; threads: docs/threading.md.
 */
#ifndef TM_COMMON_H
#define TM_COMMON_H

#include <stddef.h>

#ifdef __cplusplus
#define TM_BEGIN_DECLS extern "C" {
#define TM_END_DECLS }
#else
#define TM_BEGIN_DECLS
#define TM_END_DECLS
#endif

#if defined(__GNUC__)
#define TM_API __attribute__((visibility("default")))
#else
#define TM_API
#endif

TM_BEGIN_DECLS

/** Version of the library as a string, e.g. "0.1.0". */
#define TM_VERSION_STRING "0.1.0"

/** Outcome of a libtm call. */
typedef enum tm_status {
	TM_OK = 0,         /**< success */
	TM_DONE = 1,       /**< iteration finished (not an error) */
	TM_ERROR = -1,     /**< generic failure */
	TM_ENOMEM = -2,    /**< out of memory */
	TM_EINVAL = -3,    /**< invalid argument (bad language, option, ...) */
	TM_ENOTFOUND = -4, /**< file, unit or language not found */
	/* -5 is not used (it was TM_EEXISTS, which no call returned) */
	TM_EIO = -6,       /**< read or write failed (disk full, permission) */
	TM_EPARSE = -7,    /**< malformed input (XML, SRX, review file) */
	TM_EDB = -8,       /**< database error (corrupt, newer schema, ...) */
	TM_EUNICODE = -9,  /**< invalid UTF-8 or a Unicode conversion failure */
	TM_EBUSY = -10     /**< database locked or handle has open children */
} tm_status;

/**
 * Short static description of a status code.
 * @return static text, never NULL (unknown codes give "unknown status").
 * @since 0.1
 */
TM_API const char *tm_strerror(tm_status st);

/**
 * Detail of the last error on this thread.
 * Meaningful only right after a call returned a negative ::tm_status; it
 * stays valid until the next libtm call on the same thread.
 * @return borrowed thread-local text, never NULL ("" when none was set).
 * @since 0.1
 */
TM_API const char *tm_errmsg(void);

/**
 * Release memory that libtm returned as an owned `char *` or array.
 * NULL is a harmless no-op.
 * @since 0.1
 */
TM_API void tm_free(void *p);

/** Process-wide options of tm_global_set(). */
typedef enum tm_global_option {
	/** Whether the storage engine keeps statistics of its memory use:
	 * 1 (the default) keeps them, 0 turns them off. Off, each of its
	 * allocations and frees skips a global mutex and its counters, 3-4%
	 * of the CPU of a large import; the engine's own memory figures
	 * then read 0 and a soft heap limit set through it has no effect,
	 * for every user of the engine (SQLite) in the process. Only
	 * before the engine is first used (the `tm` command sets it first
	 * thing). */
	TM_GLOBAL_MEMORY_STATS = 1
} tm_global_option;

/**
 * Set process-wide option @p opt to @p value: one call for every such
 * setting, made before the process opens anything with libtm (not
 * thread-safe: call it from one thread, before the others start; see
 * docs/threading.md).
 * @retval TM_EINVAL  unknown option or value, or it can no longer change
 *                    (the message says so; nothing changed)
 * @since 0.1
 */
TM_API tm_status tm_global_set(tm_global_option opt, long long value);

/**
 * Version of the library that is running (may differ from the header's
 * ::TM_VERSION_STRING when linked dynamically).
 * @return static text, never NULL.
 * @since 0.1
 */
TM_API const char *tm_version(void);

TM_END_DECLS

#endif /* TM_COMMON_H */
