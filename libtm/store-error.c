/* SPDX-License-Identifier: MIT */
/* SQLite's failures in libtm's words: the one place that turns a SQLite
 * result code into a tm_status and a message naming the file, for the
 * store (store*.c) and the index (index.c) alike. It depends on nothing
 * of theirs, so that neither depends on the other for its errors. */
#include "store-private.h"

tm_status
tm__store_status(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_ROW:
	case SQLITE_DONE:
		return TM_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return TM_EBUSY;
	case SQLITE_NOMEM:
		return TM_ENOMEM;
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		return TM_EIO;
	default:
		return TM_EDB;
	}
}

tm_status
tm__store_error(sqlite3 *h, int rc, const char *path, const char *what,
                int timeout_ms)
{
	int ext = h ? sqlite3_extended_errcode(h) : SQLITE_NOMEM;
	/* the code @rc says, unless it is the generic one (or none): then
	 * the handle's, which is more precise */
	int code = rc && (rc & 0xff) != SQLITE_ERROR ? rc : ext;

	if ((rc & 0xff) == SQLITE_NOTADB || (ext & 0xff) == SQLITE_NOTADB)
		return tm__error_set(TM_EDB,
		                     "db: %s: not a translation memory (not an "
		                     "SQLite database)",
		                     path);
	if ((rc & 0xff) == SQLITE_BUSY || (ext & 0xff) == SQLITE_BUSY) {
		if (timeout_ms > 0)
			return tm__error_set(TM_EBUSY,
			                     "db: %s: %s: locked by another "
			                     "process (waited %d ms)",
			                     path, what, timeout_ms);
		return tm__error_set(TM_EBUSY,
		                     "db: %s: %s: locked by another process",
		                     path, what);
	}
	if ((rc & 0xff) == SQLITE_READONLY || (ext & 0xff) == SQLITE_READONLY)
		return tm__error_set(TM_EIO,
		                     "db: %s: %s: the translation memory is "
		                     "read-only",
		                     path, what);
	/* SQLite reports a write refused for the file size limit (EFBIG,
	 * `ulimit -f`) as a bare "disk I/O error", and keeps no errno: say
	 * that a write failed, which is what the user can act on. */
	if (rc == SQLITE_IOERR_WRITE || ext == SQLITE_IOERR_WRITE)
		return tm__error_set(TM_EIO,
		                     "db: %s: %s: write failed (disk full, file "
		                     "size limit or I/O error)",
		                     path, what);
	return tm__error_set(tm__store_status(code), "db: %s: %s: %s", path,
	                     what, h ? sqlite3_errmsg(h) : "out of memory");
}

tm_status
tm__store_exec(sqlite3 *h, const char *path, const char *what, const char *sql)
{
	int rc = sqlite3_exec(h, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? TM_OK : tm__store_error(h, rc, path, what, 0);
}
