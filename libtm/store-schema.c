/* SPDX-License-Identifier: MIT */
/* The schema of the TM file: its creation, its version check and the
 * migrations from every earlier version. Adding version N+1 is one more
 * function in migrations[] and TM__DB_SCHEMA_VERSION bumped. */
#include "store-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Version 1 (migrate_1_to_2() changes it). Columns of tu other than attrs are derived copies of the
 * attributes that queries need (dates, usage, tuid); attrs is the
 * lossless, ordered record every read goes through. */
static const char schema_v1[] =
        "CREATE TABLE origin("
        " id INTEGER PRIMARY KEY,"
        " name TEXT NOT NULL UNIQUE,"
        " attrs TEXT,"
        " added TEXT NOT NULL);"
        "CREATE TABLE tu("
        " id INTEGER PRIMARY KEY,"
        " origin TEXT,"
        " tuid TEXT,"
        " created TEXT, created_by TEXT,"
        " changed TEXT, changed_by TEXT,"
        " usage_count INTEGER NOT NULL DEFAULT 0,"
        " last_used TEXT,"
        " attrs TEXT,"
        " extra INTEGER NOT NULL DEFAULT 0,"
        " dup_hash INTEGER NOT NULL,"
        " added TEXT NOT NULL);"
        "CREATE INDEX tu_dup ON tu(dup_hash);"
        "CREATE INDEX tu_origin ON tu(origin);"
        "CREATE TABLE tuv("
        " id INTEGER PRIMARY KEY,"
        " tu_id INTEGER NOT NULL REFERENCES tu(id) ON DELETE CASCADE"
        " DEFERRABLE INITIALLY DEFERRED,"
        " lang TEXT NOT NULL,"
        " lang_base TEXT NOT NULL,"
        " markup TEXT NOT NULL,"
        " plain TEXT NOT NULL,"
        " key TEXT NOT NULL,"
        " ctx_prev TEXT, ctx_next TEXT,"
        " attrs TEXT);"
        "CREATE INDEX tuv_tu ON tuv(tu_id);"
        "CREATE INDEX tuv_key ON tuv(lang_base, key);"
        "CREATE TABLE prop("
        " id INTEGER PRIMARY KEY,"
        " tu_id INTEGER REFERENCES tu(id) ON DELETE CASCADE"
        " DEFERRABLE INITIALLY DEFERRED,"
        " tuv_id INTEGER,"
        " origin_id INTEGER REFERENCES origin(id) ON DELETE CASCADE"
        " DEFERRABLE INITIALLY DEFERRED,"
        " type TEXT NOT NULL, lang TEXT, value TEXT NOT NULL);"
        "CREATE INDEX prop_tu ON prop(tu_id);"
        "CREATE INDEX prop_origin ON prop(origin_id);"
        "CREATE TABLE note("
        " id INTEGER PRIMARY KEY,"
        " tu_id INTEGER REFERENCES tu(id) ON DELETE CASCADE"
        " DEFERRABLE INITIALLY DEFERRED,"
        " tuv_id INTEGER,"
        " origin_id INTEGER REFERENCES origin(id) ON DELETE CASCADE"
        " DEFERRABLE INITIALLY DEFERRED,"
        " lang TEXT, text TEXT NOT NULL);"
        "CREATE INDEX note_tu ON note(tu_id);"
        "CREATE INDEX note_origin ON note(origin_id);";

typedef tm_status (*migrate_fn)(sqlite3 *h, const char *path);

static tm_status query_int(sqlite3 *h, const char *path, const char *sql,
                           long long *out);

/* Version 0 is an empty SQLite file: create everything. */
static tm_status
migrate_0_to_1(sqlite3 *h, const char *path)
{
	return tm__store_exec(h, path, "cannot create the schema", schema_v1);
}

/* Version 2: tuv.markup is NULL when it equals plain (no inline codes,
 * nothing escaped), which is most segments. Dropping a NOT NULL
 * constraint leaves the file format as it is, so the table keeps its
 * rows, indexes and triggers: the documented writable_schema edit
 * (sqlite.org/lang_altertable.html, "other kinds of schema changes"),
 * then the schema cookie bumped so that every connection reloads it. */
static tm_status
migrate_1_to_2(sqlite3 *h, const char *path)
{
	long long cookie = 0;
	char sql[256];
	tm_status st;

	st = tm__store_exec(h, path, "cannot migrate to version 2",
	                    "PRAGMA writable_schema = ON;"
	                    "UPDATE sqlite_master SET sql = replace(sql, "
	                    "'markup TEXT NOT NULL', 'markup TEXT') "
	                    "WHERE type = 'table' AND name = 'tuv';"
	                    "PRAGMA writable_schema = OFF");
	if (st == TM_OK)
		st = query_int(h, path, "PRAGMA schema_version", &cookie);
	if (st == TM_OK) {
		snprintf(sql, sizeof(sql), "PRAGMA schema_version = %lld",
		         cookie + 1);
		st = tm__store_exec(h, path, "cannot migrate to version 2",
		                    sql);
	}
	if (st == TM_OK)
		st = tm__store_exec(h, path, "cannot migrate to version 2",
		                    "UPDATE tuv SET markup = NULL "
		                    "WHERE markup = plain");
	return st;
}

static void
key_hash_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *lang = (const char *)sqlite3_value_text(argv[0]);
	const char *key = (const char *)sqlite3_value_text(argv[1]);

	(void)argc;
	if (!lang || !key) {
		sqlite3_result_null(ctx);
		return;
	}
	sqlite3_result_int64(ctx,
	                     tm__db_key_hash(lang, key,
	                                     (size_t)sqlite3_value_bytes(
	                                             argv[1])));
}

/* Version 3: the exact-match index holds an 8-byte hash of (lang_base,
 * key) instead of a copy of both (a fifth of the file). The hash is
 * computed in C (a function registered for the migration only, so that
 * the schema names no function other tools lack). */
static tm_status
migrate_2_to_3(sqlite3 *h, const char *path)
{
	int rc = sqlite3_create_function(h, "tm_key_hash", 2,
	                                 SQLITE_UTF8 | SQLITE_DETERMINISTIC,
	                                 NULL, key_hash_fn, NULL, NULL);
	tm_status st;

	if (rc != SQLITE_OK)
		return tm__store_error(h, rc, path,
		                       "cannot migrate to version 3", 0);
	st = tm__store_exec(h, path, "cannot migrate to version 3",
	                    "DROP INDEX IF EXISTS tuv_key;"
	                    "ALTER TABLE tuv ADD COLUMN key_hash INTEGER;"
	                    "UPDATE tuv SET key_hash = "
	                    "tm_key_hash(lang_base, key);" TM__DB_KEY_INDEX_SQL);
	sqlite3_create_function(h, "tm_key_hash", 2, SQLITE_UTF8, NULL, NULL,
	                        NULL, NULL);
	return st;
}

/* migrations[v] takes the schema from version v to v + 1. */
static const migrate_fn migrations[] = {
	migrate_0_to_1,
	migrate_1_to_2,
	migrate_2_to_3,
};

_Static_assert(sizeof(migrations) / sizeof(migrations[0]) ==
                       TM__DB_SCHEMA_VERSION,
               "one migration per schema version");

/* One integer from a PRAGMA or a count. */
static tm_status
query_int(sqlite3 *h, const char *path, const char *sql, long long *out)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(h, sql, -1, &s, NULL);

	if (rc == SQLITE_OK) {
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int64(s, 0);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_OK)
		return TM_OK;
	return tm__store_error(h, rc, path, "cannot read the schema", 0);
}

/* Read application id, schema version and whether the file is empty. */
static tm_status
read_version(sqlite3 *h, const char *path, long long *version)
{
	long long app = 0, objects = 0;
	tm_status st;

	st = query_int(h, path, "PRAGMA application_id", &app);
	if (st == TM_OK)
		st = query_int(h, path, "PRAGMA user_version", version);
	if (st == TM_OK)
		st = query_int(h, path, "SELECT count(*) FROM sqlite_master",
		               &objects);
	if (st < 0)
		return st;
	if (app == TM__DB_APPLICATION_ID)
		return TM_OK;
	if (app == 0 && objects == 0 && *version == 0)
		return TM_OK;
	return tm__error_set(TM_EDB,
	                     "db: %s: not a translation memory (an SQLite "
	                     "database of another application)",
	                     path);
}

/* Copy the whole file to PATH.bak-vN before a migration touches it. */
static tm_status
backup(sqlite3 *h, const char *path, long long version)
{
	char bak[4096];
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	int rc;

	if ((size_t)snprintf(bak, sizeof(bak), "%s.bak-v%lld", path, version) >=
	    sizeof(bak))
		return tm__error_set(TM_EINVAL, "db: %s: path too long", path);
	rc = sqlite3_open_v2(bak, &dst,
	                     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc == SQLITE_OK) {
		b = sqlite3_backup_init(dst, "main", h, "main");
		if (!b) {
			rc = sqlite3_errcode(dst);
		} else {
			rc = sqlite3_backup_step(b, -1);
			sqlite3_backup_finish(b);
			rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
		}
	}
	if (rc != SQLITE_OK) {
		tm_status st = tm__error_set(
		        tm__store_status(rc),
		        "db: %s: cannot back up to %s before migrating: %s",
		        path, bak, dst ? sqlite3_errmsg(dst) : "out of memory");
		sqlite3_close(dst);
		return st;
	}
	sqlite3_close(dst);
	return TM_OK;
}

tm_status
tm__store_schema_check(sqlite3 *h, const char *path, long long *out)
{
	long long version = 0;
	tm_status st = read_version(h, path, &version);

	if (st < 0)
		return st;
	if (version < 0)
		return tm__error_set(
		        TM_EDB,
		        "db: %s: schema version %lld is not a version of "
		        "libtm (0 to %d): a damaged file; not opened",
		        path, version, TM__DB_SCHEMA_VERSION);
	if (version > TM__DB_SCHEMA_VERSION)
		return tm__error_set(
		        TM_EDB,
		        "db: %s: schema version %lld is newer than "
		        "this libtm supports (%d)",
		        path, version, TM__DB_SCHEMA_VERSION);
	if (out)
		*out = version;
	return TM_OK;
}

tm_status
tm__store_schema_prepare(sqlite3 *h, const char *path, bool readonly)
{
	long long version = 0;
	tm_status st;
	char sql[128];

	st = tm__store_schema_check(h, path, &version);
	if (st < 0)
		return st;
	if (version == TM__DB_SCHEMA_VERSION)
		return TM_OK;
	if (readonly && version == 0)
		return tm__error_set(TM_EDB,
		                     "db: %s: not a translation memory (empty "
		                     "file)",
		                     path);
	if (readonly)
		return tm__error_set(
		        TM_EDB,
		        "db: %s: schema version %lld is older than "
		        "this libtm's (%d); open it for writing once "
		        "to migrate it",
		        path, version, TM__DB_SCHEMA_VERSION);
	if (version > 0) {
		st = backup(h, path, version);
		if (st < 0)
			return st;
	}
	st = tm__store_exec(h, path, "cannot lock for migration",
	                    "BEGIN IMMEDIATE");
	if (st < 0)
		return st;
	/* Another process may have migrated it while we waited. */
	st = tm__store_schema_check(h, path, &version);
	for (; st == TM_OK && version < TM__DB_SCHEMA_VERSION; version++)
		st = migrations[version](h, path);
	if (st == TM_OK) {
		snprintf(sql, sizeof(sql),
		         "PRAGMA application_id = %d; PRAGMA user_version = %d",
		         TM__DB_APPLICATION_ID, TM__DB_SCHEMA_VERSION);
		st = tm__store_exec(h, path, "cannot migrate", sql);
	}
	if (st == TM_OK)
		st = tm__store_exec(h, path, "cannot commit the migration",
		                    "COMMIT");
	if (st < 0)
		sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
	return st;
}
