/* SPDX-License-Identifier: MIT */
/* The TM as files on disk and the storage engine's process-wide state:
 * the one place that knows SQLite keeps a write-ahead log, a
 * shared-memory index and a rollback journal beside the TM
 * (tm_db_remove()), and its memory statistics (tm_global_set()). */
#include "store-private.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

tm_status
tm__db_memory_stats(bool on)
{
	if (sqlite3_config(SQLITE_CONFIG_MEMSTATUS, on ? 1 : 0) != SQLITE_OK)
		return tm__error_set(TM_EINVAL,
		                     "global: the storage engine is in use "
		                     "already: its memory statistics stay %s",
		                     on ? "off" : "on");
	return TM_OK;
}

/* Whether @path is a TM, or an SQLite file with nothing in it yet (what
 * tm_db_open() leaves when it fails before its schema): its application
 * id, read on a read-only connection of its own. */
static tm_status
check_is_tm(const char *path)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *s = NULL;
	long long app = -1, objects = -1;
	int rc;

	rc = sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(h,
		                        "SELECT (SELECT application_id FROM "
		                        "pragma_application_id), (SELECT "
		                        "count(*) FROM sqlite_master)",
		                        -1, &s, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		app = sqlite3_column_int64(s, 0);
		objects = sqlite3_column_int64(s, 1);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	sqlite3_close(h);
	if (rc == SQLITE_OK &&
	    (app == TM__DB_APPLICATION_ID || (app == 0 && objects == 0)))
		return TM_OK;
	return tm__error_set(TM_EDB,
	                     "db: %s: not a translation memory; nothing "
	                     "removed",
	                     path);
}

tm_status
tm_db_remove(const char *path)
{
	static const char *const side[] = {"-wal", "-shm", "-journal"};
	char p[4096];
	tm_status st;

	if (!path || !*path)
		return tm__error_set(TM_EINVAL, "db: no TM to remove");
	if (strlen(path) + sizeof("-journal") > sizeof(p))
		return tm__error_set(TM_EINVAL, "db: %.64s...: path too long",
		                     path);
	if (access(path, F_OK) != 0)
		return tm__error_set(TM_ENOTFOUND, "db: %s: no such TM", path);
	if ((st = check_is_tm(path)) < 0)
		return st;
	if (unlink(path) != 0)
		return tm__error_set(TM_EIO, "db: %s: cannot remove it: %s",
		                     path, strerror(errno));
	/* The side files go too; one that is absent is no error, one that
	 * stays would be read as the log of a later TM of the same name. */
	for (size_t i = 0; i < TM_ARRAY_SIZE(side); i++) {
		snprintf(p, sizeof(p), "%s%s", path, side[i]);
		if (unlink(p) != 0 && errno != ENOENT)
			return tm__error_set(TM_EIO,
			                     "db: %s: cannot remove it: %s", p,
			                     strerror(errno));
	}
	return TM_OK;
}
