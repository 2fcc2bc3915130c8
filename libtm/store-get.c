/* SPDX-License-Identifier: MIT */
/* Reading a unit back from the store (moved from store.c). */
#include "store-impl.h"
#include "index-private.h"
#include "tmx-extra-private.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- reading a unit ---- */

void
tm__store_vids_dispose(vids *v)
{
	tm__free(v->ids);
	v->ids = NULL;
	v->n = v->cap = 0;
}

static tm_status
vids_add(vids *v, long long id)
{
	if (!TM__ARRAY_GROW(v->ids, v->cap, v->n + 1, 8))
		return tm__error_oom();
	v->ids[v->n++] = id;
	return TM_OK;
}

/* The metadata a prop/note row belongs to: the unit's when @tuv_id is
 * NULL, else its variant's; NULL when the variant is not in @u (a
 * language filter left it out). */
tm_meta *
tm__store_meta_for(tm_unit *u, const vids *v, sqlite3_stmt *s, int col)
{
	long long tuv_id;

	if (sqlite3_column_type(s, col) == SQLITE_NULL)
		return tm_unit_meta(u);
	tuv_id = sqlite3_column_int64(s, col);
	for (size_t i = 0; i < v->n; i++)
		if (v->ids[i] == tuv_id)
			return tm_variant_meta(tm_unit_variant(u, i));
	return NULL;
}

/* Whether language @lang passes the cursor's ranges (NULL: all). */
bool
tm__store_lang_wanted(char *const *ranges, const char *lang)
{
	if (!ranges)
		return true;
	for (size_t i = 0; ranges[i]; i++)
		if (tm_lang_matches(ranges[i], lang))
			return true;
	return false;
}

/* Add the variant of a row (id, lang, markup, plain, attrs at @col..)
 * of tuv to @u and its id to @v. */
tm_status
tm__store_add_variant_row(tm_unit *u, vids *v, sqlite3_stmt *s, int col)
{
	tm_variant *var;
	int mcol = sqlite3_column_type(s, col + 2) == SQLITE_NULL ? col + 3
	                                                          : col + 2;
	tm_status st = tm_unit_add_variant(&var, u, col_text(s, col + 1),
	                                   col_text(s, mcol),
	                                   col_text(s, col + 3));

	if (st == TM_OK)
		st = vids_add(v, sqlite3_column_int64(s, col));
	if (st == TM_OK)
		st = tm__store_attrs_decode(tm_variant_meta(var), col_text(s, col + 4));
	return st;
}

/* Read variants, props and notes of unit @id into @u (which has its
 * unit attributes already). @ranges limits the variants. */
static tm_status
load_rest(tm_db *db,
          tm_unit *u,
          vids *v,
          long long id,
          int extra,
          char *const *ranges)
{
	sqlite3_stmt *s = stmt(db, S_TUV_GET);
	tm_status st = TM_OK;
	int rc;

	if (!s)
		return TM_EDB;
	sqlite3_bind_int64(s, 1, id);
	while (st == TM_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (tm__store_lang_wanted(ranges, col_text(s, 1)))
			st = tm__store_add_variant_row(u, v, s, 0);
	}
	done(s);
	if (st < 0)
		return st;
	if (rc != SQLITE_DONE)
		return tm__db_error(db, rc, "cannot read a unit");
	if ((extra & EXTRA_PROPS) && !(s = stmt(db, S_PROP_GET)))
		return TM_EDB;
	if (extra & EXTRA_PROPS) {
		sqlite3_bind_int64(s, 1, id);
		while (st == TM_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
			tm_meta *m = tm__store_meta_for(u, v, s, 0);

			if (m)
				st = tm_meta_add_prop(m, col_text(s, 1),
				                      col_text(s, 2),
				                      col_text(s, 3));
		}
		done(s);
		if (st == TM_OK && rc != SQLITE_DONE)
			st = tm__db_error(db, rc, "cannot read a unit");
	}
	if (st == TM_OK && (extra & EXTRA_NOTES) && !(s = stmt(db, S_NOTE_GET)))
		return TM_EDB;
	if (st == TM_OK && (extra & EXTRA_NOTES)) {
		sqlite3_bind_int64(s, 1, id);
		while (st == TM_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
			tm_meta *m = tm__store_meta_for(u, v, s, 0);

			if (m)
				st = tm_meta_add_note(m, col_text(s, 1),
				                      col_text(s, 2));
		}
		done(s);
		if (st == TM_OK && rc != SQLITE_DONE)
			st = tm__db_error(db, rc, "cannot read a unit");
	}
	return st;
}

/* A unit built from a row (origin, attrs, extra at @col..) of tu. */
static tm_status
load_unit(tm_unit **out,
          vids *v,
          tm_db *db,
          long long id,
          sqlite3_stmt *row,
          int col,
          char *const *ranges)
{
	tm_unit *u = NULL;
	tm_status st = tm_unit_new(&u);

	*out = NULL;
	if (st == TM_OK)
		st = tm_unit_set_origin(u, col_text(row, col));
	if (st == TM_OK)
		st = tm__store_attrs_decode(tm_unit_meta(u), col_text(row, col + 1));
	if (st == TM_OK)
		st = load_rest(db, u, v, id, sqlite3_column_int(row, col + 2),
		               ranges);
	if (st < 0) {
		tm_unit_free(u);
		return st;
	}
	tm__unit_set_id(u, id);
	*out = u;
	return TM_OK;
}

tm_status
tm__store_get_unit(tm_unit **out, vids *v, tm_db *db, long long id)
{
	sqlite3_stmt *s = stmt(db, S_TU_GET);
	tm_status st;
	int rc;

	*out = NULL;
	if (!s)
		return TM_EDB;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) {
		done(s);
		return tm__error_set(TM_ENOTFOUND, "db: %s: no unit %lld",
		                     db->path, id);
	}
	if (rc != SQLITE_ROW) {
		done(s);
		return tm__db_error(db, rc, "cannot read a unit");
	}
	/* load_unit() reads other statements; S_TU_GET stays on its row. */
	st = load_unit(out, v, db, id, s, 0, NULL);
	done(s);
	return st;
}

tm_status
tm_db_get(tm_unit **out, tm_db *db, long long id)
{
	vids v = {0};
	tm_status st = tm__store_get_unit(out, &v, db, id);

	tm__store_vids_dispose(&v);
	return st;
}
