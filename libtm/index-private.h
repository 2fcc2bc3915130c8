/* SPDX-License-Identifier: MIT */
/* The candidate index for fuzzy lookup and concordance (index.c), kept in
 * the SQLite file and updated by store.c inside the same transaction as
 * the rows, so the two never disagree. */
#ifndef TM_INDEX_PRIVATE_H
#define TM_INDEX_PRIVATE_H

#include <sqlite3.h>

#include "tm-private.h"

/* Create the index tables when absent and register anything the
 * connection needs (functions, tokenizers). Called by store.c on every
 * open, after the schema exists; idempotent. */
tm_status tm__index_open(sqlite3 *h);

/* Index the variant @tuv_id (language base @lang_base, plain text @plain).
 * Called by store.c right after inserting the tuv row. */
tm_status tm__index_add(sqlite3 *h, long long tuv_id, const char *lang_base,
                        const char *plain);

/* Forget the variant @tuv_id. Called by store.c before deleting it. */
tm_status tm__index_remove(sqlite3 *h, long long tuv_id);

#endif
