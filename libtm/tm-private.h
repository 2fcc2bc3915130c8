/* SPDX-License-Identifier: MIT */
/* Internal helpers shared by every libtm source file. Never installed. */
#ifndef TM_PRIVATE_H
#define TM_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tm/tm.h"

/* libtm's arrays grow through its allocator (mem.c), so that the test
 * hook reaches them; the tool's, which cannot link it, through realloc() */
void *tm__realloc(void *p, size_t n);
#define TM__ARRAY_REALLOC tm__realloc
#include "array-private.h"

#define TM_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Code points of the @n bytes of valid UTF-8 at @s (its lead bytes). */
static inline size_t
tm__utf8_chars(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

#if defined(__GNUC__)
#define TM_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define TM_PRINTF(f, a)
#endif

/* Record an error message for tm_errmsg() and return @st. Messages name the
 * layer first: "db: cannot open 'x.db': ...". */
tm_status tm__error_set(tm_status st, const char *fmt, ...) TM_PRINTF(2, 3);
void tm__error_clear(void);
tm_status tm__error_oom(void);

/* The allocator of every libtm file (mem.c): malloc(), calloc(),
 * realloc() and free() of the C library, with a test hook. */
void *tm__malloc(size_t n);
void *tm__calloc(size_t n, size_t size);
void *tm__realloc(void *p, size_t n);
void tm__free(void *p);
char *tm__strdup(const char *s);
char *tm__strndup(const char *s, size_t n);

/* Test hook: fail the @n-th allocation from now on (counted across
 * threads; the others succeed), 0 to stop; tm__mem_failed() says whether
 * it was reached. Tests only: the library never sets it. */
void tm__mem_fail_at(long n);
long tm__mem_failed(void);

/* TM_GLOBAL_MEMORY_STATS of tm_global_set() (store-file.c, which may
 * include SQLite). */
tm_status tm__db_memory_stats(bool on);

/* Set the row id of @u (unit.c): only the store gives units their ids
 * (tm_db_put(), tm_db_get(), the cursor). */
void tm__unit_set_id(tm_unit *u, long long id);

/* tm_lang_normalize() into @out (lang.c), for callers that normalize a tag
 * per unit: TM_DONE, nothing written, when the tag needs @size bytes or
 * more. */
tm_status tm__lang_normalize_to(char *out, size_t size, const char *tag);

/* The hash of the index's in-memory term tables (index.c,
 * index-terms.c; never stored): eight bytes a step, where FNV-1a's byte a
 * step was a tenth of the import's term making. The low bits are well
 * spread (open addressing masks them). */
static inline uint64_t
tm__hash_bytes(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ull ^ n, w = 0;
	uint32_t a, b;

	for (; n > 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
		h ^= h >> 31;
	}
	/* The last 1 to 8 bytes without a loop (most terms are shorter
	 * than 8 bytes): two 4-byte loads that may overlap, or three
	 * single bytes. The length is in the seed, so that overlaps and
	 * what they repeat cannot make two inputs one. */
	if (n >= 4) {
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		w = (uint64_t)a | (uint64_t)b << 32;
	} else if (n) {
		w = (uint64_t)(unsigned char)s[0] |
		    (uint64_t)(unsigned char)s[n / 2] << 8 |
		    (uint64_t)(unsigned char)s[n - 1] << 16;
	}
	h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
	h ^= h >> 29;
	h *= 0x94d049bb133111ebull;
	return h ^ (h >> 32);
}

/* Whether the @n bytes at @a and @b are equal: for the in-memory term
 * tables, which compare a term after its hash and length matched (nearly
 * always equal, and short). Eight bytes a step, the last step overlapping
 * the one before: no call to memcmp() and its dispatch per probe. */
static inline bool
tm__bytes_eq(const char *a, const char *b, size_t n)
{
	uint64_t x, y;
	uint32_t u, v;

	if (n >= 8) {
		for (size_t i = 0; i + 8 < n; i += 8) {
			memcpy(&x, a + i, 8);
			memcpy(&y, b + i, 8);
			if (x != y)
				return false;
		}
		memcpy(&x, a + n - 8, 8);
		memcpy(&y, b + n - 8, 8);
		return x == y;
	}
	if (n >= 4) {
		memcpy(&u, a, 4);
		memcpy(&v, b, 4);
		if (u != v)
			return false;
		memcpy(&u, a + n - 4, 4);
		memcpy(&v, b + n - 4, 4);
		return u == v;
	}
	/* 0 to 3 bytes: the first, middle and last cover them all */
	return n == 0 || (a[0] == b[0] && a[n / 2] == b[n / 2] &&
	                  a[n - 1] == b[n - 1]);
}

/* A growable NUL-terminated byte buffer. Zero-initialise, then append. */
typedef struct tm__buf {
	char *data;
	size_t len;
	size_t cap;
} tm__buf;

tm_status tm__buf_grow(tm__buf *b, size_t extra);
tm_status tm__buf_append(tm__buf *b, const char *s, size_t n);
tm_status tm__buf_append_str(tm__buf *b, const char *s);
/* Hand the contents to the caller (free with tm_free) and reset @b. */
char *tm__buf_steal(tm__buf *b);
void tm__buf_dispose(tm__buf *b);

/* The origin every unit of @db shares (store.c, for tmx-import.c's
 * export header): a copy in *@out (free with tm_free()), NULL when the
 * units come from several documents, none, or none at all. Three index
 * probes, where tm_db_stats_read() scans the whole TM. */
tm_status tm__db_sole_origin(char **out, tm_db *db);

/* TM_OK when PATH (an output file, "-" for stdout) is none of the files
 * of DB: its SQLite file and the -wal, -shm and -journal beside it, by
 * inode (hard links, symlinks) and, for a file not made yet, by name
 * once links are resolved; else TM_EINVAL with "tmx: PATH: is the TM
 * itself (DBFILE)". (store.c, for tmx-import.c's export) */
tm_status tm__db_check_not_own_file(tm_db *db, const char *path);

/* tm_db_put() in two steps (store.c). Preparing checks the unit and
 * derives everything a put writes (language tags, keys, attributes,
 * duplicate hash) without touching the database, so the TMX importer
 * does it on its reading thread. The prepared put borrows @u and
 * @origin, which must outlive it; tm__db_put_prepared() then writes it
 * (same results and errors as tm_db_put()). */
typedef struct tm__put tm__put;
tm_status tm__db_put_prepare(tm__put **out, tm_db *db, tm_unit *u,
                             const char *origin);
tm_status tm__db_put_prepared(tm_put_result *out, tm_db *db, tm__put *put,
                              tm_dup_mode mode);
void tm__put_free(tm__put *put);

/* tm_db_begin() for a load (store.c; tmx-import.c): a transaction of
 * puts and headers, in which foreign keys are not enforced. A load
 * writes each unit before its variants, props and notes, so that every
 * reference holds by construction, and the check was a lookup of the
 * parent row for each of them (3-5% of a million-unit import).
 * tm_db_delete() and tm_db_delete_origin() refuse (TM_EINVAL) inside it;
 * commit or rollback enforce foreign keys again. Errors: those of
 * tm_db_begin(). */
tm_status tm__db_begin_load(tm_db *db);

#endif
