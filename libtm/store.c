/* SPDX-License-Identifier: MIT */
/* The translation memory in one SQLite file: open/close, transactions,
 * put, delete, origins and headers. Reading a unit is in store-get.c, the
 * merge of a duplicate in store-merge.c, the cursor in store-cursor.c (what
 * they share: store-impl.h); the schema and its migrations live in
 * store-schema.c, statistics in store-stats.c.
 *
 * Speed matters on the put path (a million units per import): every
 * statement is prepared once per handle, nothing asks the schema per put,
 * and a TMX import is one transaction. */
#include "store-impl.h"
#include "index-private.h"
#include "tmx-extra-private.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Inserts say OR ROLLBACK and the foreign keys are deferred: a statement
 * that cannot abort half-way needs no statement journal, which SQLite
 * otherwise writes to a temporary file for every put (12 writes a put,
 * 8x slower). A constraint failure rolls back the whole transaction,
 * which is what change_end() does anyway. */
static const char *const stmt_sql[N_STMT] = {
        [S_DUP_FIND] = "SELECT id FROM tu WHERE dup_hash = ?1 ORDER BY id",
        [S_DUP_ALL] = "SELECT id, dup_hash FROM tu",
        [S_DUP_PAIRS] = "SELECT lang, coalesce(markup, plain) AS m FROM tuv "
                        "WHERE tu_id = ?1 ORDER BY lang, m",
        [S_TU_INSERT] = "INSERT OR ROLLBACK INTO tu(origin, tuid, created, "
                        "created_by, changed, changed_by, usage_count, "
                        "last_used, attrs, "
                        "extra, dup_hash, added) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                        "?12)",
        [S_TUV_INSERT] = "INSERT OR ROLLBACK INTO tuv(tu_id, lang, lang_base, "
                         "markup, plain, key, ctx_prev, ctx_next, attrs, "
                         "key_hash) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        [S_PROP_INSERT] = "INSERT OR ROLLBACK INTO prop(tu_id, tuv_id, type, "
                          "lang, value) VALUES (?1, ?2, ?3, ?4, ?5)",
        [S_NOTE_INSERT] = "INSERT OR ROLLBACK INTO note(tu_id, tuv_id, lang, "
                          "text) VALUES (?1, ?2, ?3, ?4)",
        [S_TU_GET] = "SELECT origin, attrs, extra FROM tu WHERE id = ?1",
        [S_TUV_GET] = "SELECT id, lang, markup, plain, attrs FROM tuv "
                      "WHERE tu_id = ?1 ORDER BY id",
        [S_PROP_GET] = "SELECT tuv_id, type, lang, value FROM prop "
                       "WHERE tu_id = ?1 ORDER BY id",
        [S_NOTE_GET] = "SELECT tuv_id, lang, text FROM note "
                       "WHERE tu_id = ?1 ORDER BY id",
        [S_TU_UPDATE] = "UPDATE tu SET tuid = ?2, created = ?3, "
                        "created_by = ?4, changed = ?5, changed_by = ?6, "
                        "usage_count = ?7, last_used = ?8, attrs = ?9, "
                        "extra = ?10 WHERE id = ?1",
        [S_TUV_UPDATE] = "UPDATE tuv SET attrs = ?2, "
                         "ctx_prev = coalesce(ctx_prev, ?3), "
                         "ctx_next = coalesce(ctx_next, ?4) WHERE id = ?1",
        [S_PROP_DELETE] = "DELETE FROM prop WHERE tu_id = ?1",
        [S_NOTE_DELETE] = "DELETE FROM note WHERE tu_id = ?1",
        [S_TU_DELETE] = "DELETE FROM tu WHERE id = ?1",
        [S_BEGIN] = "BEGIN IMMEDIATE",
        [S_COMMIT] = "COMMIT",
        [S_ROLLBACK] = "ROLLBACK",
        [S_COUNT] = "SELECT count(*) FROM tu",
        [S_TUV_MAX] = "SELECT coalesce(max(id), 0) FROM tuv",
        [S_ORIGIN_FIND] = "SELECT id, attrs FROM origin WHERE name = ?1",
        [S_ORIGIN_INSERT] = "INSERT OR ROLLBACK INTO origin(name, attrs, "
                            "added) VALUES (?1, ?2, ?3)",
        [S_ORIGIN_UPDATE] = "UPDATE origin SET attrs = ?2 WHERE id = ?1",
        [S_ORIGIN_PROP_DELETE] = "DELETE FROM prop WHERE origin_id = ?1",
        [S_ORIGIN_NOTE_DELETE] = "DELETE FROM note WHERE origin_id = ?1",
        [S_ORIGIN_PROP_INSERT] = "INSERT OR ROLLBACK INTO prop(origin_id, "
                                 "type, lang, value) VALUES (?1, ?2, ?3, ?4)",
        [S_ORIGIN_NOTE_INSERT] = "INSERT OR ROLLBACK INTO note(origin_id, "
                                 "lang, text) VALUES (?1, ?2, ?3)",
        [S_ORIGIN_PROP_GET] = "SELECT type, lang, value FROM prop "
                              "WHERE origin_id = ?1 ORDER BY id",
        [S_ORIGIN_NOTE_GET] = "SELECT lang, text FROM note "
                              "WHERE origin_id = ?1 ORDER BY id",
        [S_ORIGIN_DELETE] = "DELETE FROM origin WHERE name = ?1",
};

sqlite3 *
tm__db_handle(tm_db *db)
{
	return db->h;
}

void
tm__db_set_bulk_min(tm_db *db, long long variants)
{
	db->bulk_min = variants;
}

bool
tm__db_writeback_running(const tm_db *db)
{
	return db->wb.running;
}

tm_status
tm__db_error(tm_db *db, int rc, const char *what)
{
	return tm__store_error(db->h, rc, db->path, what, db->timeout_ms);
}

tm__ix *
tm__db_ix(tm_db *db)
{
	return db->ix;
}

tm_status
tm__db_index(tm__ix **out, tm_db *db)
{
	tm_status st = tm__index_ready(db->ix);

	*out = st < 0 ? NULL : db->ix;
	return st;
}

/* tm__store_exec() on @db: its busy timeout in the message. */
static tm_status
db_exec(tm_db *db, const char *what, const char *sql)
{
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? TM_OK : tm__db_error(db, rc, what);
}

/* The cached statement @id (see store-impl.h). */
sqlite3_stmt *
tm__db_stmt(tm_db *db, int id)
{
	int rc;

	if (db->stmts[id])
		return db->stmts[id];
	rc = sqlite3_prepare_v3(db->h, stmt_sql[id], -1,
	                        SQLITE_PREPARE_PERSISTENT, &db->stmts[id],
	                        NULL);
	if (rc != SQLITE_OK) {
		tm__db_error(db, rc, "cannot prepare a statement");
		db->stmts[id] = NULL;
	}
	return db->stmts[id];
}

tm_status
tm__db_rstmt(sqlite3_stmt **out, tm_db *db, int slot, const char *sql)
{
	sqlite3_stmt **s = &db->rstmts[slot];
	int rc;

	*out = NULL;
	if (*s) {
		sqlite3_reset(*s);
		sqlite3_clear_bindings(*s);
		*out = *s;
		return TM_OK;
	}
	rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, s,
	                        NULL);
	if (rc != SQLITE_OK) {
		*s = NULL;
		return tm__db_error(db, rc, "cannot prepare a statement");
	}
	*out = *s;
	return TM_OK;
}

tm_status
tm_db_data_version(long long *out, tm_db *db)
{
	sqlite3_stmt *s;
	tm_status st;
	int rc;

	if (!out || !db)
		return tm__error_set(TM_EINVAL, "db: %s is NULL",
		                     !out ? "the output" : "the TM");
	*out = 0;
	if ((st = tm__db_rstmt(&s, db, TM__RS_DATA_VERSION,
	                       "PRAGMA data_version")) < 0)
		return st;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	else
		st = tm__db_error(db, rc, "cannot read the data version");
	sqlite3_reset(s);
	return st;
}

/* ---- opening and closing ---- */

static void
finalize_all(tm_db *db)
{
	tm__index_close(db->ix); /* its statements, its rollback hook */
	db->ix = NULL;
	for (int i = 0; i < N_STMT; i++) {
		sqlite3_finalize(db->stmts[i]);
		db->stmts[i] = NULL;
	}
	for (int i = 0; i < TM__RS_COUNT; i++) {
		sqlite3_finalize(db->rstmts[i]);
		db->rstmts[i] = NULL;
	}
}

static void
db_free(tm_db *db)
{
	tm__writeback_stop(&db->wb); /* before its descriptors close */
	finalize_all(db);
	sqlite3_close_v2(db->h);
	tm__dupmap_dispose(&db->dups);
	tm__free(db->path);
	tm__free(db);
}

/* A read-only TM whose WAL index (-shm) cannot be created: the open
 * failed for the -shm file, the directory is not writable (permission
 * or a read-only file system) and there is no -wal or -journal file whose
 * content an immutable open would ignore. */
static bool
can_be_immutable(tm_db *db, const char *path)
{
	char *dir, *slash, *wal;
	size_t n = strlen(path);
	bool ok;

	int ext = sqlite3_extended_errcode(db->h);

	/* CANTOPEN on a read-only file system; READONLY_CANTINIT or
	 * READONLY_DIRECTORY when only the permissions forbid it. */
	if ((ext & 0xff) != SQLITE_CANTOPEN && (ext & 0xff) != SQLITE_READONLY)
		return false;
	dir = tm__strdup(path);
	wal = tm__malloc(n + 9);
	if (!dir || !wal) {
		tm__free(dir);
		tm__free(wal);
		return false;
	}
	slash = strrchr(dir, '/');
	if (slash)
		slash[slash == dir ? 1 : 0] = '\0';
	memcpy(wal, path, n);
	memcpy(wal + n, "-wal", 5);
	ok = access(slash ? dir : ".", W_OK) != 0 && access(wal, F_OK) != 0;
	/* nor a rollback journal, which it would ignore too */
	memcpy(wal + n, "-journal", 9);
	ok = ok && access(wal, F_OK) != 0;
	tm__free(dir);
	tm__free(wal);
	return ok;
}

/* Open @path read-only with the URI parameter immutable=1. */
static int
open_immutable(sqlite3 **h, const char *path, int flags)
{
	char *uri = tm__malloc(strlen(path) * 3 + 32), *p;
	int rc;

	if (!uri)
		return SQLITE_NOMEM;
	p = uri + sprintf(uri, "file:");
	for (const char *c = path; *c; c++) {
		/* Escape what a URI path gives a meaning to. */
		if (*c == '%' || *c == '?' || *c == '#')
			p += sprintf(p, "%%%02X", (unsigned char)*c);
		else
			*p++ = *c;
	}
	strcpy(p, "?immutable=1");
	rc = sqlite3_open_v2(uri, h,
	                     (flags & ~(SQLITE_OPEN_READWRITE |
	                                SQLITE_OPEN_CREATE)) |
	                             SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
	                     NULL);
	tm__free(uri);
	return rc;
}

/* Before a commit: is @db's path still the file it opened? A failed
 * first import removes the TM it created (tm import), and a process that
 * opened that file meanwhile would otherwise commit into a file nobody
 * can open any more, and say it succeeded. */
static tm_status
same_file(tm_db *db)
{
	struct stat sb;

	if (!db->ino)
		return TM_OK;
	if (stat(db->path, &sb) == 0 && sb.st_dev == db->dev &&
	    sb.st_ino == db->ino)
		return TM_OK;
	return tm__error_set(TM_EIO,
	                     "db: %s: the file was removed or replaced while "
	                     "open; nothing was written",
	                     db->path);
}

/* PATH with its directory's links resolved, and the file's own when it
 * exists; NULL when the directory does not exist either. Malloc'd. */
static char *
resolved(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir, *rdir, *out;
	size_t n;

	if ((out = realpath(path, NULL)) != NULL)
		return out;
	if (!slash)
		dir = tm__strdup(".");
	else if (slash == path)
		dir = tm__strdup("/");
	else
		dir = tm__strndup(path, (size_t)(slash - path));
	if (!dir)
		return NULL;
	rdir = realpath(dir, NULL);
	tm__free(dir);
	if (!rdir)
		return NULL;
	slash = slash ? slash + 1 : path;
	n = strlen(rdir) + strlen(slash) + 2;
	out = tm__malloc(n);
	if (out)
		snprintf(out, n, "%s/%s", rdir, slash);
	tm__free(rdir);
	return out;
}

tm_status
tm__db_check_not_own_file(tm_db *db, const char *path)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	const char *main = sqlite3_db_filename(db->h, "main");
	struct stat out_sb, sb;
	bool have_out;
	char *rout = NULL, *rmain = NULL;
	tm_status st = TM_OK;

	if (!main || !*main)
		return TM_OK; /* a memory database */
	if (strcmp(path, "-") == 0) {
		have_out = fstat(STDOUT_FILENO, &out_sb) == 0;
	} else {
		have_out = stat(path, &out_sb) == 0;
		rout = resolved(path);
	}
	rmain = resolved(main);
	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		char name[PATH_MAX + 16];
		bool same = false;

		snprintf(name, sizeof(name), "%s%s", rmain ? rmain : main,
		         suffix[i]);
		if (have_out && stat(name, &sb) == 0 &&
		    sb.st_dev == out_sb.st_dev && sb.st_ino == out_sb.st_ino)
			same = true;
		if (rout && strcmp(rout, name) == 0)
			same = true;
		if (same) {
			st = tm__error_set(TM_EINVAL,
			                   "tmx: %s: is the TM itself (%s); "
			                   "give another output file",
			                   strcmp(path, "-") == 0 ? "<stdout>"
			                                          : path,
			                   name);
			break;
		}
	}
	tm__free(rout);
	tm__free(rmain);
	return st;
}

/* Switch the file to WAL mode (persistent: it is in the file's header).
 * A connection of another process in the middle of a rollback-journal
 * transaction (a new TM's first import) holds a lock that makes this
 * busy: go on in the mode the file has, and switch on a later open. */
static tm_status
wal_mode(tm_db *db)
{
	int rc = sqlite3_exec(db->h, "PRAGMA journal_mode = WAL", NULL, NULL,
	                      NULL);

	if (rc == SQLITE_OK || (sqlite3_extended_errcode(db->h) & 0xff) ==
	                               SQLITE_BUSY)
		return TM_OK;
	return db_exec(db, "cannot switch to WAL", "PRAGMA journal_mode = WAL");
}

/* After the first commit of a TM created by this open: from now on
 * readers and a writer go side by side (WAL). Failing is harmless (a
 * reader of another process has it open): the next open switches. */
static void
wal_switch(tm_db *db)
{
	if (!db->wal_pending || db->in_txn)
		return;
	db->wal_pending = false;
	wal_mode(db);
}

/* A write in rollback-journal mode (a new TM's first transaction) was
 * interrupted: its journal must be rolled back before the file can be
 * read, which a read-only connection cannot do. Do what any writer's
 * open would: open it for writing, read, close. */
static bool
roll_back_hot_journal(const char *path)
{
	sqlite3 *h = NULL;
	int rc = sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_exec(h, "SELECT count(*) FROM sqlite_master", NULL,
		                  NULL, NULL);
	sqlite3_close(h);
	return rc == SQLITE_OK;
}

tm_status
tm_db_open(tm_db **out, const char *path, const tm_db_options *opts)
{
	static const tm_db_options defaults = TM_DB_OPTIONS_INIT;
	tm_db *db;
	struct stat sb;
	int flags, rc, timeout;
	long long version = 0;
	bool immutable = false, rolled_back = false;
	tm_status st;

	*out = NULL;
	if (!opts)
		opts = &defaults;
	if (!path || !*path)
		return tm__error_set(TM_EINVAL, "db: no file name given");
	if (opts->version != TM_DB_OPTIONS_VERSION)
		return tm__error_set(TM_EINVAL,
		                     "db: unknown tm_db_options version %u",
		                     opts->version);
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT)
			return tm__error_set(TM_EIO, "db: %s: %s", path,
			                     strerror(errno));
		if (!(opts->flags & TM_DB_CREATE) ||
		    (opts->flags & TM_DB_READONLY))
			return tm__error_set(
			        TM_ENOTFOUND,
			        "db: %s: no such translation memory", path);
	} else if (!S_ISREG(sb.st_mode)) {
		/* /dev/null, a FIFO: SQLite would write a schema and a
		 * journal beside it, or block reading */
		return tm__error_set(TM_EIO, S_ISDIR(sb.st_mode) ?
		                     "db: %s: is a directory" :
		                     "db: %s: not a regular file", path);
	}
	db = tm__calloc(1, sizeof(*db));
	if (!db || !(db->path = tm__strdup(path))) {
		tm__free(db);
		return tm__error_oom();
	}
	db->readonly = opts->flags & TM_DB_READONLY;
	db->bulk_min = TM__DB_BULK_MIN;
	flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
	if (db->readonly)
		flags |= SQLITE_OPEN_READONLY;
	else
		flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	rc = sqlite3_open_v2(path, &db->h, flags, NULL);
retry:
	if (rc != SQLITE_OK) {
		st = tm__store_error(db->h, rc, path, "cannot open", 0);
		db_free(db);
		return st;
	}
	timeout = opts->busy_timeout_ms > 0 ? opts->busy_timeout_ms : 5000;
	db->timeout_ms = timeout;
	sqlite3_busy_timeout(db->h, timeout);
	/* A file without write permission opens read-only without telling:
	 * remember it, so that writes fail with a clear message. */
	if (sqlite3_db_readonly(db->h, "main") == 1)
		db->readonly = true;
	st = tm__store_exec(db->h, path, "cannot configure",
	                    "PRAGMA foreign_keys = ON");
	/* Check that it is a TM before switching another application's file
	 * to WAL; journal_mode is set outside any transaction. */
	if (st == TM_OK && !db->readonly)
		st = tm__store_schema_check(db->h, path, &version);
	/* 16 KiB pages: bigger pages halve the system calls and the B-tree
	 * overhead of rows of a few hundred bytes. Only takes effect on a
	 * file without pages yet. */
	if (st == TM_OK && !db->readonly)
		st = tm__store_exec(db->h, path, "cannot configure",
		                    "PRAGMA page_size = 16384");
	/* A TM created here stays in rollback-journal mode until its first
	 * commit. That transaction (typically the first import) then writes
	 * each page once: SQLite journals no page the file did not have
	 * when the transaction began, and a rollback truncates them away.
	 * In WAL mode every page goes to the WAL and is copied again into
	 * the file by the checkpoint: 6-8 s of a million-unit import. */
	db->wal_pending = st == TM_OK && !db->readonly && version == 0;
	if (st == TM_OK && !db->readonly)
		st = tm__store_exec(db->h, path, "cannot configure",
		                    "PRAGMA synchronous = NORMAL");
	if (st == TM_OK && !db->readonly && !db->wal_pending)
		st = wal_mode(db);
	/* The FTS5 index of a TM written by libtm 0.1 before its own index:
	 * a migration's ALTER TABLE parses its triggers, and the index's
	 * build drops its tables; both need its tokenizer. */
	if (st == TM_OK && !db->readonly)
		st = tm__index_legacy_prepare(db->h, path);
	if (st == TM_OK)
		st = tm__store_schema_prepare(db->h, path, db->readonly);
	if (st == TM_OK)
		st = tm__index_open(&db->ix, db->h, db->path);
	/* The page cache bounds the memory of a million-unit import. Set
	 * last: a schema change on the connection (creation, migration)
	 * drops the setting. */
	if (st == TM_OK)
		st = tm__store_exec(db->h, path, "cannot configure",
		                    TM__DB_CACHE_SQL);
	if (st < 0 && db->readonly && !rolled_back &&
	    sqlite3_extended_errcode(db->h) == SQLITE_READONLY_ROLLBACK) {
		rolled_back = true;
		if (roll_back_hot_journal(path)) {
			finalize_all(db);
			sqlite3_close_v2(db->h);
			db->h = NULL;
			rc = sqlite3_open_v2(path, &db->h, flags, NULL);
			goto retry;
		}
		st = tm__error_set(TM_EIO,
		                   "db: %s: an interrupted write left a journal "
		                   "to roll back, which needs write access to "
		                   "the file and its directory",
		                   path);
	}
	if (st < 0 && !immutable && db->readonly && can_be_immutable(db, path)) {
		/* Reading a WAL file needs its -shm file, which cannot be
		 * created in a read-only directory or file system: open it as
		 * immutable then (nobody can write it there either). */
		finalize_all(db);
		sqlite3_close_v2(db->h);
		db->h = NULL;
		immutable = true;
		rc = open_immutable(&db->h, path, flags);
		goto retry;
	}
	if (st < 0)
		goto fail;
	if (stat(path, &sb) == 0) {
		db->dev = sb.st_dev;
		db->ino = sb.st_ino;
	}
	*out = db;
	return TM_OK;
fail:
	db_free(db);
	return st;
}

tm_status
tm_db_close(tm_db *db)
{
	if (!db)
		return TM_OK;
	if (db->ncursors > 0)
		return tm__error_set(TM_EBUSY, "db: %s: %d cursor%s still open",
		                     db->path, db->ncursors,
		                     db->ncursors == 1 ? "" : "s");
	if (db->in_txn)
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	db->in_txn = false;
	wal_switch(db);
	db_free(db);
	return TM_OK;
}

const char *
tm_db_path(const tm_db *db)
{
	return db->path;
}

int
tm_db_schema_version(void)
{
	return TM__DB_SCHEMA_VERSION;
}

/* ---- transactions ---- */

static tm_status
check_writable(tm_db *db)
{
	if (db->readonly)
		return tm__error_set(TM_EIO,
		                     "db: %s: the translation memory is "
		                     "read-only",
		                     db->path);
	return TM_OK;
}

tm_status
tm_db_begin(tm_db *db)
{
	tm_status st = check_writable(db);
	sqlite3_stmt *s;

	if (st < 0)
		return st;
	if (db->in_txn)
		return tm__error_set(TM_EINVAL,
		                     "db: %s: a transaction is already open",
		                     db->path);
	st = run_id(db, S_BEGIN, "cannot start a transaction");
	if (st < 0)
		return st;
	db->in_txn = true;
	db->txn_added = 0;
	db->key_index_dropped = false;
	db->txn_base = 0;
	if ((s = stmt(db, S_TUV_MAX)) && sqlite3_step(s) == SQLITE_ROW)
		db->txn_base = sqlite3_column_int64(s, 0);
	if (s)
		done(s);
	return TM_OK;
}

/* Fill db->dups, sized for @cap units, from every unit of the TM, and
 * drop the tu_dup index it replaces. When the map cannot be had, the
 * index stays. */
static tm_status
dups_load(tm_db *db, size_t cap)
{
	sqlite3_stmt *s;
	int rc;

	if (tm__dupmap_init(&db->dups, cap) < 0 ||
	    !(s = stmt(db, S_DUP_ALL))) {
		tm__dupmap_dispose(&db->dups);
		return TM_OK;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (tm__dupmap_add(&db->dups,
		                   (uint64_t)sqlite3_column_int64(s, 1),
		                   sqlite3_column_int64(s, 0)) < 0)
			break;
	done(s);
	if (rc != SQLITE_DONE) {
		tm__dupmap_dispose(&db->dups);
		return TM_OK;
	}
	return db_exec(db, "cannot prepare a bulk load",
	               "DROP INDEX IF EXISTS tu_dup");
}

/* Remember unit @id of hash @hash while db->dups is kept. When the map
 * cannot hold it (memory, an id past 32 bits), back to the tu_dup index,
 * built again from the rows. */
static tm_status
dups_add(tm_db *db, long long hash, long long id)
{
	if (!db->dups.slots ||
	    tm__dupmap_add(&db->dups, (uint64_t)hash, id) == TM_OK)
		return TM_OK;
	tm__dupmap_dispose(&db->dups);
	return db_exec(db, "cannot index duplicates", TM__DB_DUP_INDEX_SQL);
}

/* A transaction that more than doubles the TM (a first import) would
 * insert each key at a random place of the tuv_key_hash index, a page read
 * and write per variant once the index outgrows the cache. Dropping the
 * index and building it at commit sorts the keys once instead: 3x faster
 * for a million units. DDL is transactional, so a rollback restores it.
 * The tu_dup index likewise, replaced meanwhile by db->dups. */
static tm_status
bulk_check(tm_db *db, size_t variants)
{
	size_t cap;
	tm_status st;

	if (!db->in_txn || db->key_index_dropped)
		return TM_OK;
	db->txn_added += (long long)variants;
	if (db->txn_added < db->bulk_min || db->txn_added < db->txn_base)
		return TM_OK;
	db->key_index_dropped = true;
	/* Half the page cache: with neither random-order index left, the
	 * load appends, and the map takes that memory instead. */
	st = db_exec(db, "cannot prepare a bulk load",
	             "DROP INDEX IF EXISTS tuv_key_hash;"
	             "PRAGMA cache_size = -16384");
	/* room for what the TM holds, doubled, and at least a million units
	 * with the default threshold */
	cap = (size_t)(2 * (db->txn_base + db->txn_added));
	if (cap < (size_t)(50 * db->bulk_min))
		cap = (size_t)(50 * db->bulk_min);
	if (st == TM_OK)
		st = dups_load(db, cap);
	if (st == TM_OK)
		tm__writeback_start(&db->wb, db->path, 0);
	return st;
}

/* The transaction is over: what bulk_check() set up goes. */
static void
bulk_end(tm_db *db)
{
	if (db->key_index_dropped)
		sqlite3_exec(db->h, TM__DB_CACHE_SQL, NULL, NULL, NULL);
	db->key_index_dropped = false;
	tm__writeback_stop(&db->wb);
	tm__dupmap_dispose(&db->dups);
}

/* Write what the transaction gathered (the index's last segment, the
 * key index a bulk load dropped), then COMMIT, unless the file was
 * removed meanwhile. On failure the transaction is still open. */
static tm_status
commit(tm_db *db)
{
	tm_status st = tm__index_flush(db->ix);

	if (st == TM_OK)
		st = same_file(db);
	/* The index's sort takes runs of a small cache (they stay in the
	 * processor's cache) merged by a second thread (the import's reading
	 * thread is done by then): 2.3 -> 1.1 s for two million variants.
	 * The duplicate index, when db->dups stood in for it, likewise. */
	if (st == TM_OK && db->key_index_dropped) {
		st = db_exec(db, "cannot build the key index",
		             "PRAGMA cache_size = -2048;"
		             "PRAGMA threads = 1;" TM__DB_KEY_INDEX_SQL);
		if (st == TM_OK && db->dups.slots)
			st = db_exec(db, "cannot build the duplicate index",
			             TM__DB_DUP_INDEX_SQL);
		/* bulk_end() below puts the cache back */
		sqlite3_exec(db->h, "PRAGMA threads = 0", NULL, NULL, NULL);
	}
	bulk_end(db);
	if (st == TM_OK)
		st = run_id(db, S_COMMIT, "cannot commit");
	return st;
}

/* A load's transaction is over: foreign keys are enforced again (a
 * pragma that SQLite ignores inside a transaction, hence after it). */
static void
load_end(tm_db *db)
{
	if (!db->load)
		return;
	db->load = false;
	tm__index_set_load(db->ix, false);
	sqlite3_exec(db->h, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
}

tm_status
tm_db_commit(tm_db *db)
{
	tm_status st;

	if (!db->in_txn)
		return tm__error_set(TM_EINVAL,
		                     "db: %s: no transaction to commit",
		                     db->path);
	st = commit(db);
	if (st < 0) {
		/* A failed COMMIT (disk full) leaves the transaction open:
		 * undo it so that the TM stays as it was. */
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	}
	db->in_txn = false;
	load_end(db);
	if (st == TM_OK)
		wal_switch(db);
	return st;
}

tm_status
tm_db_rollback(tm_db *db)
{
	tm_status st = TM_OK;

	if (!db->in_txn)
		return TM_OK;
	db->in_txn = false;
	bulk_end(db);
	if (!sqlite3_get_autocommit(db->h))
		st = run_id(db, S_ROLLBACK, "cannot roll back");
	load_end(db);
	return st;
}

tm_status
tm__db_begin_load(tm_db *db)
{
	tm_status st = check_writable(db);

	if (st < 0)
		return st;
	if (db->in_txn)
		return tm_db_begin(db); /* its error */
	if (sqlite3_exec(db->h, "PRAGMA foreign_keys = OFF", NULL, NULL,
	                 NULL) != SQLITE_OK)
		return tm__db_error(db, sqlite3_errcode(db->h),
		                    "cannot start a transaction");
	db->load = true;
	tm__index_set_load(db->ix, true);
	st = tm_db_begin(db);
	if (st < 0)
		load_end(db);
	return st;
}

/* Every change is atomic. Outside tm_db_begin() it is its own
 * transaction. Inside, no savepoint per change: the candidate index
 * gathers the transaction's postings in memory, which ROLLBACK TO would
 * not reach (index.c drops them only on a full rollback). Everything
 * that can be wrong with a unit is checked before
 * the first write, so what fails after it is the database itself (disk
 * full, I/O); then the whole transaction is rolled back and the caller's
 * tm_db_commit() fails, leaving the TM as it was before tm_db_begin(). */
static tm_status
change_begin(tm_db *db)
{
	tm_status st = check_writable(db);

	if (st < 0)
		return st;
	if (db->in_txn)
		return TM_OK;
	return run_id(db, S_BEGIN, "cannot start a transaction");
}

static tm_status
change_end(tm_db *db, tm_status st)
{
	char msg[1024];

	if (st >= 0 && db->in_txn)
		return st;
	if (st >= 0) {
		tm_status st2 = commit(db);

		if (st2 == TM_OK) {
			wal_switch(db);
			return st;
		}
		st = st2;
	}
	/* Keep the first message: the rollback must not overwrite it. */
	snprintf(msg, sizeof(msg), "%s%s", tm_errmsg(),
	         db->in_txn ? " (transaction rolled back)" : "");
	if (!sqlite3_get_autocommit(db->h))
		run_id(db, S_ROLLBACK, "cannot roll back");
	db->in_txn = false;
	bulk_end(db);
	load_end(db);
	return tm__error_set(st, "%s", msg);
}

/* ---- metadata encoding ----
 * Attributes are kept in order in one TEXT column: "name TAB value" lines
 * with backslash, tab and newline escaped. Readable in the sqlite3 shell,
 * and one column instead of a row per attribute keeps puts fast. */

/* Encode the attributes of @m; *out is NULL when there are none. */
tm_status
tm__store_attrs_encode(char **out, const tm_meta *m)
{
	tm__buf b = {0};
	tm_status st = TM_OK;
	size_t n = tm_meta_attr_count(m);

	*out = NULL;
	for (size_t i = 0; st == TM_OK && i < n; i++) {
		const char *name, *value;

		tm_meta_attr_at(&name, &value, m, i);
		st = tm__extra_escape(&b, name);
		if (st == TM_OK)
			st = tm__buf_append(&b, "\t", 1);
		if (st == TM_OK)
			st = tm__extra_escape(&b, value);
		if (st == TM_OK)
			st = tm__buf_append(&b, "\n", 1);
	}
	if (st < 0) {
		tm__buf_dispose(&b);
		return st;
	}
	if (n > 0 && !(*out = tm__buf_steal(&b)))
		return tm__error_oom();
	return TM_OK;
}

tm_status
tm__store_attrs_decode(tm_meta *m, const char *text)
{
	char *copy, *line, *next;
	tm_status st = TM_OK;

	if (!text || !*text)
		return TM_OK;
	copy = tm__strdup(text);
	if (!copy)
		return tm__error_oom();
	for (line = copy; st == TM_OK && *line; line = next) {
		char *nl = strchr(line, '\n'), *tab;

		next = nl ? nl + 1 : line + strlen(line);
		if (nl)
			*nl = '\0';
		tab = strchr(line, '\t');
		if (!tab)
			continue;
		*tab = '\0';
		tm__extra_unescape(line, line, strlen(line));
		tm__extra_unescape(tab + 1, tab + 1, strlen(tab + 1));
		st = tm_meta_set_attr(m, line, tab + 1);
	}
	tm__free(copy);
	return st;
}

/* ---- put ---- */

static void
pput_dispose(pput *p)
{
	for (size_t i = 0; p->vars && i < p->n; i++) {
		if (p->vars[i].lang != p->vars[i].lang_local)
			tm_free(p->vars[i].lang);
		tm_free(p->vars[i].key);
		tm_free(p->vars[i].ctx_prev);
		tm_free(p->vars[i].ctx_next);
		tm_free(p->vars[i].attrs);
	}
	tm_free(p->attrs); /* vars and order belong to the tm__put */
}

static tm_status
make_key(char **out, size_t *len, const char *text, size_t n)
{
	return tm_normalize(out, len, text, n, TM_NORM_KEY);
}

/* The context prop of type @type for variant @pv: its own, else a
 * unit-level one in its language. */
static const char *
context_prop(const tm_unit *u, const pvar *pv, const char *type)
{
	const tm_meta *vm = tm_variant_meta_const(pv->v);
	const tm_meta *um = tm_unit_meta_const(u);
	const char *v = tm_meta_prop_value(vm, type);
	size_t n;

	if (v)
		return v;
	n = tm_meta_prop_count(um);
	for (size_t i = 0; i < n; i++) {
		const tm_prop *p = tm_meta_prop(um, i);

		if (strcmp(p->type, type) == 0 && p->lang &&
		    tm_lang_matches(p->lang, pv->lang))
			return p->value;
	}
	return NULL;
}

static int
cmp_pvar(const pvar *x, const pvar *y)
{
	int c = strcmp(x->lang, y->lang);

	return c ? c : strcmp(tm_variant_markup(x->v), tm_variant_markup(y->v));
}

/* Sort p->order by (lang, markup): insertion sort, a unit has a few
 * variants, and no global comparison context (the importer prepares
 * units on its own thread). */
static void
sort_order(pput *p)
{
	for (size_t i = 1; i < p->n; i++) {
		size_t k = p->order[i], j = i;

		for (; j > 0 && cmp_pvar(&p->vars[p->order[j - 1]],
		                         &p->vars[k]) > 0;
		     j--)
			p->order[j] = p->order[j - 1];
		p->order[j] = k;
	}
}

/* tm__db_key_hash() up to the key's bytes. */
static uint64_t
key_hash_start(const char *lang_base)
{
	return tm__fnv64_byte(tm__fnv64_str(TM__FNV64_INIT, lang_base), 0x1f);
}

/* FNV-1a steps of *@a over the @na bytes at @sa and of *@b over the @nb
 * bytes at @sb in one loop: two chains of multiplies the processor runs
 * side by side (a unit's key and markup hashes, a byte a step each, were
 * a tenth of an import's reading thread). */
static void
fnv_two(uint64_t *a, const char *sa, size_t na, uint64_t *b, const char *sb,
        size_t nb)
{
	uint64_t x = *a, y = *b;
	size_t i, n = na < nb ? na : nb;

	for (i = 0; i < n; i++) {
		x = tm__fnv64_byte(x, (unsigned char)sa[i]);
		y = tm__fnv64_byte(y, (unsigned char)sb[i]);
	}
	*a = tm__fnv64(x, sa + i, na - i);
	*b = tm__fnv64(y, sb + i, nb - i);
}

/* The duplicate hash (tu.dup_hash, stored) of a string: its bytes, then a
 * 0xff byte, which no UTF-8 text holds, so that ("ab","c") != ("a","bc").
 * It only needs to be well spread: candidates are compared in full. */
static uint64_t
fnv_end(uint64_t h)
{
	return tm__fnv64_byte(h, 0xff);
}

static tm_status
lang_base(char *out, size_t size, const char *lang)
{
	size_t n = strcspn(lang, "-");

	if (n >= size)
		return tm__error_set(TM_EINVAL, "db: bad language tag '%s'",
		                     lang);
	memcpy(out, lang, n);
	out[n] = '\0';
	return TM_OK;
}

/* The lengths, key, key hash and markup of variant @pv (see pvar). */
static tm_status
prepare_text(pvar *pv)
{
	const char *plain = tm_variant_plain(pv->v);
	tm_status st;

	pv->plain_len = strlen(plain);
	st = make_key(&pv->key, &pv->key_len, plain, pv->plain_len);
	if (st < 0)
		return st;
	pv->markup = tm_variant_markup(pv->v);
	pv->markup_len = strlen(pv->markup);
	/* NULL when it is the plain text (no inline codes, nothing
	 * escaped): most segments, a sixth of the file. */
	if (pv->markup_len == pv->plain_len &&
	    memcmp(pv->markup, plain, pv->plain_len) == 0)
		pv->markup = NULL;
	return TM_OK;
}

/* Validate and derive everything before the first write. @vars is zeroed
 * room for the unit's pvars followed by as many size_t (p->order). */
static tm_status
pput_prepare(pput *p, tm_db *db, tm_unit *u, const char *origin, pvar *vars)
{
	tm_status st = TM_OK;
	uint64_t h = TM__FNV64_INIT;

	memset(p, 0, sizeof(*p));
	p->u = u;
	p->origin = origin ? origin : tm_unit_origin(u);
	p->n = tm_unit_variant_count(u);
	if (p->n == 0)
		return tm__error_set(
		        TM_EINVAL, "db: %s: a unit needs a variant", db->path);
	p->vars = vars;
	p->order = (size_t *)(p->vars + p->n);
	for (size_t i = 0; st == TM_OK && i < p->n; i++) {
		pvar *pv = &p->vars[i];
		const char *ctx;
		tm_status ls;

		p->order[i] = i;
		pv->v = tm_unit_variant(u, i);
		/* most tags fit in the pvar: no allocation per variant */
		ls = tm__lang_normalize_to(pv->lang_local,
		                           sizeof(pv->lang_local),
		                           tm_variant_lang(pv->v));
		if (ls == TM_OK)
			pv->lang = pv->lang_local;
		else if (ls == TM_DONE)
			ls = tm_lang_normalize(&pv->lang,
			                       tm_variant_lang(pv->v));
		if (ls < 0)
			return tm__error_set(TM_EINVAL,
			                     "db: %s: bad language tag '%s'",
			                     db->path, tm_variant_lang(pv->v));
		st = lang_base(pv->base, sizeof(pv->base), pv->lang);
		if (st == TM_OK)
			st = prepare_text(pv);
		if (st == TM_OK && (ctx = context_prop(u, pv, "x-context-pre")))
			st = make_key(&pv->ctx_prev, NULL, ctx, strlen(ctx));
		if (st == TM_OK &&
		    (ctx = context_prop(u, pv, "x-context-post")))
			st = make_key(&pv->ctx_next, NULL, ctx, strlen(ctx));
		if (st == TM_OK)
			st = tm__store_attrs_encode(&pv->attrs,
			                  tm_variant_meta_const(pv->v));
	}
	if (st == TM_OK)
		st = tm__store_attrs_encode(&p->attrs, tm_unit_meta_const(u));
	if (st < 0)
		return st;
	sort_order(p);
	/* the duplicate hash of the variants in order, and each one's key
	 * hash alongside */
	for (size_t i = 0; i < p->n; i++) {
		pvar *pv = &p->vars[p->order[i]];
		uint64_t kh = key_hash_start(pv->base);

		h = fnv_end(tm__fnv64_str(h, pv->lang));
		fnv_two(&h, tm_variant_markup(pv->v), pv->markup_len, &kh,
		        pv->key, pv->key_len);
		h = fnv_end(h);
		pv->key_hash = (long long)kh;
	}
	p->hash = (long long)h;
	return TM_OK;
}

/* Whether stored unit @id has exactly the variants of @p. */
static tm_status
same_variants(bool *same, tm_db *db, const pput *p, long long id)
{
	sqlite3_stmt *s = stmt(db, S_DUP_PAIRS);
	size_t i = 0;
	int rc;

	*same = true;
	if (!s)
		return TM_EDB;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const pvar *pv;

		if (i >= p->n) {
			*same = false;
			break;
		}
		pv = &p->vars[p->order[i++]];
		if (strcmp((const char *)sqlite3_column_text(s, 0), pv->lang) ||
		    strcmp((const char *)sqlite3_column_text(s, 1),
		           tm_variant_markup(pv->v))) {
			*same = false;
			break;
		}
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		done(s);
		return tm__db_error(db, rc, "cannot look for duplicates");
	}
	done(s);
	if (i != p->n)
		*same = false;
	return TM_OK;
}

static tm_status
find_duplicate(long long *out, tm_db *db, const pput *p)
{
	sqlite3_stmt *s;
	long long ids[16];
	size_t n = 0;
	int rc;

	*out = 0;
	if (db->dups.slots) {
		n = tm__dupmap_find(&db->dups, (uint64_t)p->hash, ids,
		                    TM_ARRAY_SIZE(ids));
	} else {
		if (!(s = stmt(db, S_DUP_FIND)))
			return TM_EDB;
		sqlite3_bind_int64(s, 1, p->hash);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW &&
		       n < TM_ARRAY_SIZE(ids))
			ids[n++] = sqlite3_column_int64(s, 0);
		done(s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return tm__db_error(db, rc,
			                    "cannot look for duplicates");
	}
	for (size_t i = 0; i < n; i++) {
		bool same;
		tm_status st = same_variants(&same, db, p, ids[i]);

		if (st < 0)
			return st;
		if (same) {
			*out = ids[i];
			return TM_OK;
		}
	}
	return TM_OK;
}

unsigned int
tm__store_extra_of(const tm_unit *u)
{
	unsigned int extra = 0;
	const tm_meta *m = tm_unit_meta_const(u);
	size_t n = tm_unit_variant_count(u);

	if (tm_meta_prop_count(m))
		extra |= EXTRA_PROPS;
	if (tm_meta_note_count(m))
		extra |= EXTRA_NOTES;
	for (size_t i = 0; i < n; i++) {
		m = tm_variant_meta_const(tm_unit_variant_const(u, i));
		if (tm_meta_prop_count(m))
			extra |= EXTRA_PROPS;
		if (tm_meta_note_count(m))
			extra |= EXTRA_NOTES;
	}
	return extra;
}

/* Bind the columns derived from unit attributes: ?2..?8. */
void
tm__store_bind_derived(sqlite3_stmt *s, const tm_meta *m)
{
	const char *usage = tm_meta_attr(m, "usagecount");

	bind_text(s, 2, tm_meta_attr(m, "tuid"));
	bind_text(s, 3, tm_meta_attr(m, "creationdate"));
	bind_text(s, 4, tm_meta_attr(m, "creationid"));
	bind_text(s, 5, tm_meta_attr(m, "changedate"));
	bind_text(s, 6, tm_meta_attr(m, "changeid"));
	sqlite3_bind_int64(s, 7, usage ? strtoll(usage, NULL, 10) : 0);
	bind_text(s, 8, tm_meta_attr(m, "lastusagedate"));
}

/* Props and notes of one level: @tuv_id 0 is the unit. */
tm_status
tm__store_insert_meta(tm_db *db, long long tu_id, long long tuv_id, const tm_meta *m)
{
	size_t np = tm_meta_prop_count(m), nn = tm_meta_note_count(m);
	sqlite3_stmt *s;
	tm_status st = TM_OK;

	if (np && !(s = stmt(db, S_PROP_INSERT)))
		return TM_EDB;
	for (size_t i = 0; st == TM_OK && i < np; i++) {
		const tm_prop *p = tm_meta_prop(m, i);

		sqlite3_bind_int64(s, 1, tu_id);
		if (tuv_id)
			sqlite3_bind_int64(s, 2, tuv_id);
		bind_text(s, 3, p->type);
		bind_text(s, 4, p->lang);
		bind_text(s, 5, p->value);
		st = run(db, s, "cannot store a prop");
	}
	if (nn && !(s = stmt(db, S_NOTE_INSERT)))
		return TM_EDB;
	for (size_t i = 0; st == TM_OK && i < nn; i++) {
		const tm_note *n = tm_meta_note(m, i);

		sqlite3_bind_int64(s, 1, tu_id);
		if (tuv_id)
			sqlite3_bind_int64(s, 2, tuv_id);
		bind_text(s, 3, n->lang);
		bind_text(s, 4, n->text);
		st = run(db, s, "cannot store a note");
	}
	return st;
}

/* The time now in TMX format, formatted once a second (it is in every
 * unit's row). */
static const char *
now_tmx(tm_db *db)
{
	time_t t = time(NULL);
	struct tm g;

	if (t != db->now_t) {
		gmtime_r(&t, &g);
		strftime(db->now, sizeof(db->now), "%Y%m%dT%H%M%SZ", &g);
		db->now_t = t;
	}
	return db->now;
}

static tm_status
insert_unit(long long *out, tm_db *db, pput *p)
{
	sqlite3_stmt *s = stmt(db, S_TU_INSERT);
	const tm_meta *m = tm_unit_meta_const(p->u);
	long long id;
	tm_status st;

	if (!s)
		return TM_EDB;
	bind_text(s, 1, p->origin);
	tm__store_bind_derived(s, m);
	bind_text(s, 9, p->attrs);
	sqlite3_bind_int(s, 10, (int)tm__store_extra_of(p->u));
	sqlite3_bind_int64(s, 11, p->hash);
	bind_text(s, 12, now_tmx(db));
	st = run(db, s, "cannot store a unit");
	if (st < 0)
		return st;
	id = sqlite3_last_insert_rowid(db->h);
	st = tm__store_insert_meta(db, id, 0, m);
	if (st == TM_OK && !(s = stmt(db, S_TUV_INSERT)))
		st = TM_EDB;
	for (size_t i = 0; st == TM_OK && i < p->n; i++) {
		pvar *pv = &p->vars[i];
		long long vid;

		sqlite3_bind_int64(s, 1, id);
		bind_text(s, 2, pv->lang);
		bind_text(s, 3, pv->base);
		bind_text_n(s, 4, pv->markup, pv->markup_len);
		bind_text_n(s, 5, tm_variant_plain(pv->v), pv->plain_len);
		bind_text_n(s, 6, pv->key, pv->key_len);
		bind_text(s, 7, pv->ctx_prev);
		bind_text(s, 8, pv->ctx_next);
		bind_text(s, 9, pv->attrs);
		sqlite3_bind_int64(s, 10, pv->key_hash);
		st = run(db, s, "cannot store a variant");
		if (st < 0)
			break;
		vid = sqlite3_last_insert_rowid(db->h);
		st = tm__index_add(db->ix, vid, pv->base, pv->key,
		                   pv->key_len);
		if (st == TM_OK)
			st = tm__store_insert_meta(db, id, vid,
			                 tm_variant_meta_const(pv->v));
	}
	*out = id;
	return st;
}

/* One block per unit: the put, its pvars, then their order (pvar holds
 * pointers, so the size_t after them is aligned). */
struct tm__put {
	pput p;
	pvar vars[];
};

tm_status
tm__db_put_prepare(tm__put **out, tm_db *db, tm_unit *u, const char *origin)
{
	tm__put *put;
	tm_status st;
	size_t n;

	*out = NULL;
	if ((st = check_writable(db)) < 0)
		return st;
	n = tm_unit_variant_count(u);
	if (!(put = tm__calloc(1,
	                   sizeof(*put) + n * (sizeof(pvar) + sizeof(size_t)))))
		return tm__error_oom();
	st = pput_prepare(&put->p, db, u, origin, put->vars);
	if (st < 0) {
		tm__put_free(put);
		return st;
	}
	*out = put;
	return TM_OK;
}

void
tm__put_free(tm__put *put)
{
	if (!put)
		return;
	pput_dispose(&put->p);
	tm__free(put);
}

/* TM_EINVAL for a duplicate mode that is none of the three. */
static tm_status
check_dup_mode(tm_dup_mode mode)
{
	if (mode != TM_DUP_MERGE && mode != TM_DUP_KEEP &&
	    mode != TM_DUP_SKIP_NEWER)
		return tm__error_set(TM_EINVAL, "db: unknown duplicate mode %d",
		                     (int)mode);
	return TM_OK;
}

tm_status
tm__db_put_prepared(tm_put_result *out, tm_db *db, tm__put *put,
                    tm_dup_mode mode)
{
	tm_put_result res = TM_PUT_ADDED;
	long long id = 0, dup = 0;
	pput *p = &put->p;
	tm_status st;

	if (out)
		*out = TM_PUT_ADDED;
	if ((st = check_dup_mode(mode)) < 0)
		return st;
	st = change_begin(db);
	if (st < 0)
		return st;
	if (mode != TM_DUP_KEEP)
		st = find_duplicate(&dup, db, p);
	if (st == TM_OK && dup) {
		st = tm__store_merge_unit(&res, db, p, dup, mode);
		id = dup;
	} else if (st == TM_OK) {
		st = bulk_check(db, p->n);
		if (st == TM_OK)
			st = insert_unit(&id, db, p);
		if (st == TM_OK)
			st = dups_add(db, p->hash, id);
	}
	st = change_end(db, st);
	if (st < 0)
		return st;
	tm__unit_set_id(p->u, id);
	if (out)
		*out = res;
	return TM_OK;
}

tm_status
tm_db_put(tm_put_result *out,
          tm_db *db,
          tm_unit *u,
          const char *origin,
          tm_dup_mode mode)
{
	tm__put *put = NULL;
	tm_status st;

	if (out)
		*out = TM_PUT_ADDED;
	if ((st = check_dup_mode(mode)) < 0)
		return st;
	st = tm__db_put_prepare(&put, db, u, origin);
	if (st == TM_OK)
		st = tm__db_put_prepared(out, db, put, mode);
	tm__put_free(put);
	return st;
}

/* ---- delete ---- */

/* A delete inside a load's transaction, which enforces no foreign keys,
 * would leave the deleted units' variants, props and notes behind. */
static tm_status
load_refuses(tm_db *db)
{
	return tm__error_set(TM_EINVAL,
	                     "db: %s: no deletes inside an import's transaction",
	                     db->path);
}

tm_status
tm_db_delete(tm_db *db, long long id)
{
	sqlite3_stmt *s;
	tm_status st = db->load ? load_refuses(db) : change_begin(db);

	if (st < 0)
		return st;
	if (!(s = stmt(db, S_TU_DELETE)))
		st = TM_EDB;
	if (st == TM_OK) {
		sqlite3_bind_int64(s, 1, id);
		st = run(db, s, "cannot delete");
	}
	if (st == TM_OK && sqlite3_changes(db->h) == 0)
		st = tm__error_set(TM_ENOTFOUND, "db: %s: no unit %lld",
		                   db->path, id);
	return change_end(db, st);
}

/* Run @sql with ?1 = @id and ?2 = @text (when not NULL) to its end. */
static tm_status
exec_on(tm_db *db, const char *sql, long long id, const char *text)
{
	sqlite3_stmt *q = NULL;
	int rc = sqlite3_prepare_v2(db->h, sql, -1, &q, NULL);

	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(q, 1, id);
		if (text)
			bind_text(q, 2, text);
		while ((rc = sqlite3_step(q)) == SQLITE_ROW)
			;
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? TM_OK
	                         : tm__db_error(db, rc, "cannot release an origin");
}

static void bind_pair(sqlite3_stmt *q, const char *const *pair);

/* Ids of the units that the query @sql (?1 = @text, ?3 and ?4 @pair's
 * language bases: bind_pair()) gives, into *@ids. */
static tm_status
ids_of(tm_db *db, const char *sql, const char *text, const char *const *pair,
       long long **ids, size_t *n)
{
	sqlite3_stmt *q = NULL;
	size_t cap = 0;
	int rc = sqlite3_prepare_v2(db->h, sql, -1, &q, NULL);
	tm_status st = TM_OK;

	*ids = NULL;
	*n = 0;
	if (rc == SQLITE_OK) {
		bind_text(q, 1, text);
		bind_pair(q, pair);
		while (st == TM_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
			if (!TM__ARRAY_GROW(*ids, cap, *n + 1, 16)) {
				st = tm__error_oom();
				break;
			}
			(*ids)[(*n)++] = sqlite3_column_int64(q, 0);
		}
	}
	sqlite3_finalize(q);
	if (st == TM_OK && rc != SQLITE_DONE)
		st = tm__db_error(db, rc, "cannot release an origin");
	if (st < 0) {
		tm__free(*ids);
		*ids = NULL;
		*n = 0;
	}
	return st;
}

/* The origin a link record ("LINK STATUS CONFIDENCE ORIGIN") names. */
static const char *
link_origin(const char *v)
{
	for (int k = 0; v && k < 3; k++) {
		v = strchr(v, ' ');
		if (v)
			v++;
	}
	return v;
}

/* Delete unit @id's link records of document @origin. */
static tm_status
drop_links(tm_db *db, long long id, const char *origin)
{
	sqlite3_stmt *q = NULL;
	long long *del = NULL;
	size_t n = 0, cap = 0;
	tm_status st = TM_OK;
	int rc = sqlite3_prepare_v2(
	        db->h,
	        "SELECT id, value FROM prop WHERE tu_id = ?1 AND tuv_id IS NULL "
	        "AND type = '" TM__LINK_PROP "'",
	        -1, &q, NULL);

	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(q, 1, id);
		while (st == TM_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
			if (!str_eq(link_origin(col_text(q, 1)), origin))
				continue;
			if (!TM__ARRAY_GROW(del, cap, n + 1, 4)) {
				st = tm__error_oom();
				break;
			}
			del[n++] = sqlite3_column_int64(q, 0);
		}
	}
	sqlite3_finalize(q);
	if (st == TM_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
		st = tm__db_error(db, rc, "cannot release an origin");
	for (size_t i = 0; st == TM_OK && i < n; i++)
		st = exec_on(db, "DELETE FROM prop WHERE id = ?1", del[i], NULL);
	tm__free(del);
	return st;
}

bool
tm__db_in_txn(const tm_db *db)
{
	return db->in_txn;
}

tm_status
tm__db_link_refresh(tm_db *db, long long id)
{
	sqlite3_stmt *q = NULL;
	bool any = false, confirmed = false;
	double best = 0;
	char num[32];
	tm_status st = TM_OK;
	int rc = sqlite3_prepare_v2(
	        db->h,
	        "SELECT value FROM prop WHERE tu_id = ?1 AND tuv_id IS NULL "
	        "AND type = '" TM__LINK_PROP "' ORDER BY id",
	        -1, &q, NULL);

	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(q, 1, id);
		while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
			const char *v = col_text(q, 0);
			const char *sp = v ? strchr(v, ' ') : NULL;
			double c;

			if (!sp)
				continue;
			any = true;
			if (strncmp(sp + 1, "confirmed ", 10) == 0)
				confirmed = true;
			sp = strchr(sp + 1, ' ');
			c = sp ? strtod(sp + 1, NULL) : 0;
			if (c > best)
				best = c;
		}
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return tm__db_error(db, rc, "cannot store a link's status");
	st = exec_on(db,
	             "DELETE FROM prop WHERE tu_id = ?1 AND tuv_id IS NULL AND "
	             "type IN ('" TM__STATUS_PROP "', '" TM__CONFIDENCE_PROP "')",
	             id, NULL);
	if (st == TM_OK && any) {
		st = exec_on(db,
		             "INSERT OR ROLLBACK INTO prop(tu_id, type, value) "
		             "VALUES (?1, '" TM__STATUS_PROP "', ?2)",
		             id, confirmed ? "confirmed" : "auto");
		snprintf(num, sizeof(num), "%.3f", confirmed ? 1.0 : best);
		if (st == TM_OK)
			st = exec_on(db,
			             "INSERT OR ROLLBACK INTO prop(tu_id, type, "
			             "value) VALUES (?1, '" TM__CONFIDENCE_PROP
			             "', ?2)",
			             id, num);
	}
	/* extra's props bit (see EXTRA_PROPS) follows what is left */
	if (st == TM_OK)
		st = exec_on(db,
		             "UPDATE tu SET extra = (extra & ~1) | EXISTS (SELECT "
		             "1 FROM prop WHERE tu_id = ?1) WHERE id = ?1",
		             id, NULL);
	return st;
}

/* The condition that unit @ID has a variant of the language ?3 and one
 * of ?4 (the bases of a language pair), or true when ?3 is unbound:
 * release_origin() of one pair of a document's alignments only. */
#define PAIR_SQL(ID)                                                        \
	" AND (?3 IS NULL OR (EXISTS (SELECT 1 FROM tuv WHERE tuv.tu_id = " \
	ID " AND tuv.lang_base = ?3) AND EXISTS (SELECT 1 FROM tuv WHERE "  \
	"tuv.tu_id = " ID " AND tuv.lang_base = ?4)))"

/* exec_on() or ids_of() statement @q with ?3 and ?4 bound to @pair's
 * language bases (none when @pair is NULL: every unit). */
static void
bind_pair(sqlite3_stmt *q, const char *const *pair)
{
	if (pair) {
		bind_text(q, 3, pair[0]);
		bind_text(q, 4, pair[1]);
	}
}

/* exec_on() for release_origin()'s statements that take the pair. */
static tm_status
exec_pair(tm_db *db, const char *sql, const char *text,
          const char *const *pair)
{
	sqlite3_stmt *q = NULL;
	int rc = sqlite3_prepare_v2(db->h, sql, -1, &q, NULL);

	if (rc == SQLITE_OK) {
		bind_text(q, 2, text);
		bind_pair(q, pair);
		while ((rc = sqlite3_step(q)) == SQLITE_ROW)
			;
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? TM_OK
	                         : tm__db_error(db, rc, "cannot release an origin");
}

/* See tm__db_release_origin(); inside a change. @pair: NULL for every
 * unit of the origin, else the language bases of the units to release
 * (tm__db_release_origin_pair()). */
static tm_status
release_origin(tm_db *db, const char *origin, const char *const *pair,
               long long *deleted, long long *kept)
{
	long long *ids = NULL;
	size_t n = 0;
	tm_status st;
	sqlite3_stmt *s;

	/* The units a document was merged into are found by their
	 * x-libtm-origin prop through a partial index that holds only those
	 * rows (none in most TMs), instead of a scan of every prop at each
	 * removal (a TM of a million units has millions). */
	st = tm__store_ensure_origin_index(db);
	/* units of the origin alone */
	if (st == TM_OK)
		st = exec_pair(db,
	             "DELETE FROM tu WHERE origin = ?2 AND NOT EXISTS (SELECT "
	             "1 FROM prop WHERE prop.tu_id = tu.id AND tuv_id IS NULL "
	             "AND type = '" TM__ORIGIN_PROP "')" PAIR_SQL("tu.id"),
	             origin, pair);
	if (st == TM_OK)
		*deleted += sqlite3_changes(db->h);
	/* units it holds first, with others: the next one takes its place */
	if (st == TM_OK)
		st = ids_of(db, "SELECT id FROM tu WHERE origin = ?1"
		            PAIR_SQL("tu.id") " ORDER BY id",
		            origin, pair, &ids, &n);
	for (size_t i = 0; st == TM_OK && i < n; i++) {
		st = exec_on(db,
		             "UPDATE tu SET origin = (SELECT value FROM prop WHERE "
		             "tu_id = ?1 AND tuv_id IS NULL AND type = '"
		             TM__ORIGIN_PROP "' ORDER BY id LIMIT 1) WHERE id = ?1",
		             ids[i], NULL);
		if (st == TM_OK)
			st = exec_on(db,
			             "DELETE FROM prop WHERE id = (SELECT id FROM "
			             "prop WHERE tu_id = ?1 AND tuv_id IS NULL AND "
			             "type = '" TM__ORIGIN_PROP "' ORDER BY id "
			             "LIMIT 1)",
			             ids[i], NULL);
		if (st == TM_OK)
			st = drop_links(db, ids[i], origin);
		if (st == TM_OK)
			st = tm__db_link_refresh(db, ids[i]);
		*kept += st == TM_OK;
	}
	tm__free(ids);
	ids = NULL;
	/* units it was merged into */
	if (st == TM_OK)
		st = ids_of(db,
		            "SELECT DISTINCT tu_id FROM prop WHERE tuv_id IS NULL "
		            "AND type = '" TM__ORIGIN_PROP "' AND value = ?1"
		            PAIR_SQL("prop.tu_id") " ORDER BY tu_id",
		            origin, pair, &ids, &n);
	for (size_t i = 0; st == TM_OK && i < n; i++) {
		st = exec_on(db,
		             "DELETE FROM prop WHERE tu_id = ?1 AND tuv_id IS NULL "
		             "AND type = '" TM__ORIGIN_PROP "' AND value = ?2",
		             ids[i], origin);
		if (st == TM_OK)
			st = drop_links(db, ids[i], origin);
		if (st == TM_OK)
			st = tm__db_link_refresh(db, ids[i]);
		*kept += st == TM_OK;
	}
	tm__free(ids);
	/* the header goes with the document: with one pair released, only
	 * when no unit of the document is left */
	if (st == TM_OK && pair) {
		long long *left = NULL;
		size_t nleft = 0;

		st = ids_of(db,
		            "SELECT id FROM tu WHERE origin = ?1 UNION SELECT "
		            "tu_id FROM prop WHERE tuv_id IS NULL AND type = '"
		            TM__ORIGIN_PROP "' AND value = ?1 LIMIT 1",
		            origin, NULL, &left, &nleft);
		tm__free(left);
		if (st == TM_OK && nleft)
			return TM_OK;
	}
	if (st == TM_OK && !(s = stmt(db, S_ORIGIN_DELETE)))
		st = TM_EDB;
	if (st == TM_OK) {
		bind_text(s, 1, origin);
		st = run(db, s, "cannot delete");
	}
	return st;
}

/* tm__db_release_origin() and tm__db_release_origin_pair(). */
static tm_status
release_origin_change(tm_db *db, const char *origin, const char *const *pair,
                      long long *deleted, long long *kept)
{
	long long d = 0, k = 0;
	tm_status st;

	*deleted = *kept = 0;
	if (!origin)
		return tm__error_set(TM_EINVAL, "db: no origin given");
	st = db->load ? load_refuses(db) : change_begin(db);
	if (st < 0)
		return st;
	st = change_end(db, release_origin(db, origin, pair, &d, &k));
	if (st == TM_OK) {
		*deleted = d;
		*kept = k;
	}
	return st;
}

tm_status
tm__db_release_origin(tm_db *db, const char *origin, long long *deleted,
                      long long *kept)
{
	return release_origin_change(db, origin, NULL, deleted, kept);
}

tm_status
tm__db_release_origin_pair(tm_db *db, const char *origin,
                           const char *source_lang, const char *target_lang,
                           long long *deleted, long long *kept)
{
	char *ns = NULL, *nt = NULL, bs[64], bt[64];
	const char *pair[2] = {bs, bt};
	tm_status st;

	/* the bases the store keeps in tuv.lang_base (store_variant()) */
	if ((st = tm_lang_normalize(&ns, source_lang)) >= 0 &&
	    (st = tm_lang_normalize(&nt, target_lang)) >= 0 &&
	    (st = lang_base(bs, sizeof(bs), ns)) >= 0 &&
	    (st = lang_base(bt, sizeof(bt), nt)) >= 0)
		st = release_origin_change(db, origin, pair, deleted, kept);
	tm_free(ns);
	tm_free(nt);
	return st;
}

tm_status
tm_db_delete_origin(long long *out_count, tm_db *db, const char *origin)
{
	long long kept;

	return tm_db_remove_origin(out_count, &kept, db, origin);
}

tm_status
tm_db_remove_origin(long long *out_deleted, long long *out_kept, tm_db *db,
                    const char *origin)
{
	long long d, k;
	tm_status st = tm__db_release_origin(db, origin, &d, &k);

	if (out_deleted)
		*out_deleted = st == TM_OK ? d : 0;
	if (out_kept)
		*out_kept = st == TM_OK ? k : 0;
	return st;
}

/* ---- TMX header per origin ---- */

static tm_status
insert_header_meta(tm_db *db, long long oid, const tm_meta *m)
{
	size_t np = tm_meta_prop_count(m), nn = tm_meta_note_count(m);
	sqlite3_stmt *s;
	tm_status st = TM_OK;

	if (np && !(s = stmt(db, S_ORIGIN_PROP_INSERT)))
		return TM_EDB;
	for (size_t i = 0; st == TM_OK && i < np; i++) {
		const tm_prop *p = tm_meta_prop(m, i);

		sqlite3_bind_int64(s, 1, oid);
		bind_text(s, 2, p->type);
		bind_text(s, 3, p->lang);
		bind_text(s, 4, p->value);
		st = run(db, s, "cannot store the header");
	}
	if (nn && !(s = stmt(db, S_ORIGIN_NOTE_INSERT)))
		return TM_EDB;
	for (size_t i = 0; st == TM_OK && i < nn; i++) {
		const tm_note *n = tm_meta_note(m, i);

		sqlite3_bind_int64(s, 1, oid);
		bind_text(s, 2, n->lang);
		bind_text(s, 3, n->text);
		st = run(db, s, "cannot store the header");
	}
	return st;
}

/* Find origin @name: *oid is 0 when it has no row. */
static tm_status
find_origin(long long *oid, char **attrs, tm_db *db, const char *name)
{
	sqlite3_stmt *s = stmt(db, S_ORIGIN_FIND);
	tm_status st = TM_OK;
	int rc;

	*oid = 0;
	if (attrs)
		*attrs = NULL;
	if (!s)
		return TM_EDB;
	bind_text(s, 1, name);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*oid = sqlite3_column_int64(s, 0);
		if (attrs && sqlite3_column_type(s, 1) != SQLITE_NULL &&
		    !(*attrs = col_dup(s, 1)))
			st = tm__error_oom();
	} else if (rc != SQLITE_DONE) {
		st = tm__db_error(db, rc, "cannot read the header");
	}
	done(s);
	return st;
}

tm_status
tm_db_put_header(tm_db *db, const char *origin, const tm_meta *header)
{
	long long oid = 0;
	char *attrs = NULL;
	sqlite3_stmt *s;
	tm_status st;

	if (!origin || !*origin || !header)
		return tm__error_set(TM_EINVAL,
		                     "db: a header needs an origin name");
	st = tm__store_attrs_encode(&attrs, header);
	if (st < 0)
		return st;
	st = change_begin(db);
	if (st < 0) {
		tm_free(attrs);
		return st;
	}
	st = find_origin(&oid, NULL, db, origin);
	if (st == TM_OK && oid) {
		if (!(s = stmt(db, S_ORIGIN_UPDATE)))
			st = TM_EDB;
		if (st == TM_OK) {
			sqlite3_bind_int64(s, 1, oid);
			bind_text(s, 2, attrs);
			st = run(db, s, "cannot store the header");
		}
		if (st == TM_OK && !(s = stmt(db, S_ORIGIN_PROP_DELETE)))
			st = TM_EDB;
		if (st == TM_OK) {
			sqlite3_bind_int64(s, 1, oid);
			st = run(db, s, "cannot store the header");
		}
		if (st == TM_OK && !(s = stmt(db, S_ORIGIN_NOTE_DELETE)))
			st = TM_EDB;
		if (st == TM_OK) {
			sqlite3_bind_int64(s, 1, oid);
			st = run(db, s, "cannot store the header");
		}
	} else if (st == TM_OK) {
		if (!(s = stmt(db, S_ORIGIN_INSERT)))
			st = TM_EDB;
		if (st == TM_OK) {
			bind_text(s, 1, origin);
			bind_text(s, 2, attrs);
			bind_text(s, 3, now_tmx(db));
			st = run(db, s, "cannot store the header");
			oid = sqlite3_last_insert_rowid(db->h);
		}
	}
	if (st == TM_OK)
		st = insert_header_meta(db, oid, header);
	tm_free(attrs);
	return change_end(db, st);
}

tm_status
tm_db_header(tm_meta **out, tm_db *db, const char *origin)
{
	tm_meta *m = NULL;
	long long oid = 0;
	char *attrs = NULL;
	sqlite3_stmt *s;
	tm_status st;
	int rc;

	*out = NULL;
	if (!origin)
		return tm__error_set(TM_EINVAL, "db: no origin given");
	st = find_origin(&oid, &attrs, db, origin);
	if (st == TM_OK && !oid)
		st = tm__error_set(TM_ENOTFOUND, "db: %s: no header for '%s'",
		                   db->path, origin);
	if (st == TM_OK)
		st = tm_meta_new(&m);
	if (st == TM_OK)
		st = tm__store_attrs_decode(m, attrs);
	tm_free(attrs);
	if (st == TM_OK && !(s = stmt(db, S_ORIGIN_PROP_GET)))
		st = TM_EDB;
	if (st == TM_OK) {
		sqlite3_bind_int64(s, 1, oid);
		while (st == TM_OK && (rc = sqlite3_step(s)) == SQLITE_ROW)
			st = tm_meta_add_prop(m, col_text(s, 0), col_text(s, 1),
			                      col_text(s, 2));
		done(s);
		if (st == TM_OK && rc != SQLITE_DONE)
			st = tm__db_error(db, rc, "cannot read the header");
	}
	if (st == TM_OK && !(s = stmt(db, S_ORIGIN_NOTE_GET)))
		st = TM_EDB;
	if (st == TM_OK) {
		sqlite3_bind_int64(s, 1, oid);
		while (st == TM_OK && (rc = sqlite3_step(s)) == SQLITE_ROW)
			st = tm_meta_add_note(m, col_text(s, 0),
			                      col_text(s, 1));
		done(s);
		if (st == TM_OK && rc != SQLITE_DONE)
			st = tm__db_error(db, rc, "cannot read the header");
	}
	if (st < 0) {
		tm_meta_free(m);
		return st;
	}
	*out = m;
	return TM_OK;
}
