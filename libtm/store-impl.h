/* SPDX-License-Identifier: MIT */
/* What the files of the store share inside: the handle, the cursor, the
 * cached statements and the small helpers over them. store.c opens, closes,
 * puts and deletes; store-get.c reads a unit, store-merge.c merges
 * duplicates, store-cursor.c walks the units. Included by those alone. */
#ifndef TM_STORE_IMPL_H
#define TM_STORE_IMPL_H

#include "store-private.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <sys/types.h>
#include <time.h>

/* Bits of tu.extra: which metadata tables hold rows for the unit, so that
 * reading a unit without props or notes costs no query for them. */
#define EXTRA_PROPS 0x1
#define EXTRA_NOTES 0x2

enum {
	S_DUP_FIND,
	S_DUP_PAIRS,
	S_DUP_ALL,
	S_TU_INSERT,
	S_TUV_INSERT,
	S_PROP_INSERT,
	S_NOTE_INSERT,
	S_TU_GET,
	S_TUV_GET,
	S_PROP_GET,
	S_NOTE_GET,
	S_TU_UPDATE,
	S_TUV_UPDATE,
	S_PROP_DELETE,
	S_NOTE_DELETE,
	S_TU_DELETE,
	S_BEGIN,
	S_COMMIT,
	S_ROLLBACK,
	S_COUNT,
	S_TUV_MAX,
	S_ORIGIN_FIND,
	S_ORIGIN_INSERT,
	S_ORIGIN_UPDATE,
	S_ORIGIN_PROP_DELETE,
	S_ORIGIN_NOTE_DELETE,
	S_ORIGIN_PROP_INSERT,
	S_ORIGIN_NOTE_INSERT,
	S_ORIGIN_PROP_GET,
	S_ORIGIN_NOTE_GET,
	S_ORIGIN_DELETE,
	N_STMT
};

struct tm_db {
	sqlite3 *h;
	char *path;
	tm__ix *ix; /* the candidate index of h (index.c), owned */
	bool readonly;
	bool in_txn; /* between tm_db_begin() and commit/rollback */
	/* Bulk loading (see bulk_check()): variants when the transaction
	 * began, variants added since, and whether tuv_key_hash is dropped. */
	long long txn_base, txn_added, bulk_min;
	bool key_index_dropped;
	/* A load's transaction (tm__db_begin_load()): foreign keys off */
	bool load;
	/* Every unit's dup_hash and id during a bulk load, in place of the
	 * tu_dup index it dropped (slots NULL otherwise) */
	tm__dupmap dups;
	/* A bulk load's early writeback of its pages (running or not) */
	tm__writeback wb;
	/* Created by this open: in rollback-journal mode until its first
	 * commit (see wal_switch()). */
	bool wal_pending;
	int ncursors;
	int timeout_ms;
	time_t now_t; /* see now_tmx() */
	char now[32];
	/* The file opened (see same_file()); st_ino 0 when unknown. */
	dev_t dev;
	ino_t ino;
	sqlite3_stmt *stmts[N_STMT];
	sqlite3_stmt *rstmts[TM__RS_COUNT]; /* tm__db_rstmt() */
};

/* A second statement of a cursor, over prop or note rows ordered by
 * (tu_id, id), walked alongside the units (see stream_seek()). */
typedef struct mstream {
	sqlite3_stmt *s;
	int rc;         /* last sqlite3_step(): SQLITE_ROW, SQLITE_DONE, or
	                   0 before the first */
	long long from; /* the tu_id it was started at */
} mstream;

/* Variant ids of a unit being read, in variant order. */
typedef struct vids {
	long long *ids;
	size_t n, cap;
} vids;

struct tm_db_cursor {
	tm_db *db;
	sqlite3_stmt *s; /* tu LEFT JOIN tuv, ordered by (tu.id, tuv.id) */
	bool on_row;     /* s holds the first row of the next unit */
	bool at_end;     /* s returned SQLITE_DONE (stepping again would
	                    start it over) */
	mstream props, notes;
	vids v;
	char **ranges; /* normalized language ranges, NULL-terminated */
	bool only_langs;
};

/* A variant ready to be written: normalized language, key, context. */
typedef struct pvar {
	tm_variant *v;
	char *lang; /* lang_local, or allocated for a long tag */
	char lang_local[24];
	char base[12];
	char *key;
	char *ctx_prev, *ctx_next;
	char *attrs;
	/* Worked out with the rest by the import's reading thread, not by
	 * the writer: the lengths of the plain text and key, the markup
	 * (NULL when it is the plain text), the key's hash. */
	const char *markup;
	size_t markup_len, plain_len, key_len;
	long long key_hash;
} pvar;

typedef struct pput {
	tm_unit *u;
	const char *origin;
	size_t n;
	pvar *vars;
	size_t *order; /* variants sorted by (lang, markup) */
	char *attrs;
	long long hash;
} pput;

/* store-get.c: reading a unit. */
void tm__store_vids_dispose(vids *v);
/* The metadata a prop/note row belongs to: the unit's when @tuv_id is
 * NULL, else its variant's; NULL when the variant is not in @u (a
 * language filter left it out). */
tm_meta *tm__store_meta_for(tm_unit *u, const vids *v, sqlite3_stmt *s,
                            int col);
/* Whether language @lang passes the cursor's ranges (NULL: all). */
bool tm__store_lang_wanted(char *const *ranges, const char *lang);
/* Add the variant of a row (id, lang, markup, plain, attrs at @col..)
 * of tuv to @u and its id to @v. */
tm_status tm__store_add_variant_row(tm_unit *u, vids *v, sqlite3_stmt *s,
                                    int col);

/* store.c: decode an attrs column (see "metadata encoding") into @m. */
tm_status tm__store_attrs_decode(tm_meta *m, const char *text);

/* store.c: encode the attributes of @m; *out is NULL when there are
 * none (free with tm_free()). */
tm_status tm__store_attrs_encode(char **out, const tm_meta *m);
/* store.c: bind the columns derived from unit attributes: ?2..?8. */
void tm__store_bind_derived(sqlite3_stmt *s, const tm_meta *m);
/* store.c: the tu.extra bits (EXTRA_PROPS, EXTRA_NOTES) of @u. */
unsigned int tm__store_extra_of(const tm_unit *u);
/* store.c: insert the props and notes of one level: @tuv_id 0 is the
 * unit. */
tm_status tm__store_insert_meta(tm_db *db, long long tu_id,
                                long long tuv_id, const tm_meta *m);
/* store-get.c: read unit @id into *@out, its variant ids into @v. */
tm_status tm__store_get_unit(tm_unit **out, vids *v, tm_db *db,
                             long long id);

/* store-merge.c: the partial index the merge of origins needs. */
tm_status tm__store_ensure_origin_index(tm_db *db);
/* Merge @p into stored unit @id, or skip it (TM_DUP_SKIP_NEWER). */
tm_status tm__store_merge_unit(tm_put_result *res, tm_db *db, const pput *p,
                               long long id, tm_dup_mode mode);

/* The cached statement @id (store.c), reset and unbound by the previous
 * user; NULL with the error set when it cannot be prepared. */
sqlite3_stmt *tm__db_stmt(tm_db *db, int id);

static inline sqlite3_stmt *
stmt(tm_db *db, int id)
{
	return tm__db_stmt(db, id);
}

static inline void
done(sqlite3_stmt *s)
{
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
}

/* Step a statement without result rows and reset it. */
static inline tm_status
run(tm_db *db, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);

	done(s);
	if (rc == SQLITE_DONE)
		return TM_OK;
	return tm__db_error(db, rc, what);
}

static inline tm_status
run_id(tm_db *db, int id, const char *what)
{
	sqlite3_stmt *s = stmt(db, id);

	return s ? run(db, s, what) : TM_EDB;
}

static inline void
bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

/* bind_text() of a length known already. */
static inline void
bind_text_n(sqlite3_stmt *s, int i, const char *v, size_t n)
{
	if (v)
		sqlite3_bind_text64(s, i, v, n, SQLITE_STATIC, SQLITE_UTF8);
	else
		sqlite3_bind_null(s, i);
}

static inline char *
col_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *v = sqlite3_column_text(s, i);

	return v ? tm__strdup((const char *)v) : NULL;
}

static inline const char *
col_text(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

/* Whether two strings, either NULL, are equal. */
static inline bool
str_eq(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

#endif
