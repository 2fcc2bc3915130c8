/* SPDX-License-Identifier: MIT */
/* The SQLite side of the store, shared by store.c, index.c, match.c and
 * concord.c (the only files that include <sqlite3.h>).
 *
 * Schema contract (store.c creates and migrates it; the others read it):
 *
 *   tu(id INTEGER PRIMARY KEY, origin TEXT, created TEXT, changed TEXT, ...)
 *   tuv(id INTEGER PRIMARY KEY,
 *       tu_id INTEGER NOT NULL REFERENCES tu(id) ON DELETE CASCADE,
 *       lang TEXT NOT NULL,      -- normalized BCP 47, "en-US"
 *       lang_base TEXT NOT NULL, -- primary subtag, lower case, "en"
 *       markup TEXT NOT NULL,    -- <seg> content as XML
 *       plain TEXT NOT NULL,     -- text without inline codes
 *       key TEXT NOT NULL,       -- tm_normalize(plain, TM_NORM_KEY)
 *       ctx_prev TEXT, ctx_next TEXT, -- keys of neighbouring segments
 *       ...)
 *   index on tuv(lang_base, key) for exact matches.
 *
 * Dates are TMX basic format, "20261127T205300Z".
 */
#ifndef TM_STORE_PRIVATE_H
#define TM_STORE_PRIVATE_H

#include <sqlite3.h>

#include "tm-private.h"

/* The SQLite handle of @db (for match.c, concord.c). */
sqlite3 *tm__db_handle(tm_db *db);

/* Translate a SQLite failure into a libtm status and message,
 * "db: <what>: <sqlite message>". */
tm_status tm__db_error(tm_db *db, int rc, const char *what);

#endif
