/* SPDX-License-Identifier: MIT */
/* The cursor over the units of a TM (moved from store.c). */
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

/* ---- cursor ---- */

static void
ranges_free(char **r)
{
	for (size_t i = 0; r && r[i]; i++)
		tm_free(r[i]);
	tm__free(r);
}

/* Whether units were merged from document @origin (x-libtm-origin props
 * name it). Without the partial index no merge across documents ever
 * happened (tm__store_ensure_origin_index()). */
static tm_status
origin_merged(bool *out, tm_db *db, const char *origin)
{
	static const char *const q[2] = {
	        "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = "
	        "'prop_other_origin'",
	        "SELECT 1 FROM prop WHERE tuv_id IS NULL AND type = '"
	        TM__ORIGIN_PROP "' AND value = ?1 LIMIT 1"};
	int rc = SQLITE_ROW;

	/* two statements, not one AND: the second would scan every prop
	 * when there is no index */
	for (int i = 0; i < 2 && rc == SQLITE_ROW; i++) {
		sqlite3_stmt *s = NULL;

		rc = sqlite3_prepare_v2(db->h, q[i], -1, &s, NULL);
		if (rc == SQLITE_OK) {
			if (i)
				bind_text(s, 1, origin);
			rc = sqlite3_step(s);
		}
		sqlite3_finalize(s);
	}
	*out = rc == SQLITE_ROW;
	return rc == SQLITE_ROW || rc == SQLITE_DONE
	               ? TM_OK
	               : tm__db_error(db, rc, "cannot read units");
}

tm_status
tm_db_cursor_new(tm_db_cursor **out, tm_db *db, const tm_db_query *q)
{
	static const tm_db_query all = TM_DB_QUERY_INIT;
	tm_db_cursor *c;
	tm__buf sql = {0};
	size_t nr = 0;
	tm_status st = TM_OK;
	int rc, arg = 1;
	bool merged = false;

	*out = NULL;
	if (!q)
		q = &all;
	if (q->version != TM_DB_QUERY_VERSION)
		return tm__error_set(TM_EINVAL,
		                     "db: unknown tm_db_query version %u",
		                     q->version);
	c = tm__calloc(1, sizeof(*c));
	if (!c)
		return tm__error_oom();
	c->db = db;
	while (q->langs && q->langs[nr])
		nr++;
	if (nr) {
		c->ranges = tm__calloc(nr + 1, sizeof(char *));
		if (!c->ranges)
			st = tm__error_oom();
		for (size_t i = 0; st == TM_OK && i < nr; i++)
			if (tm_lang_normalize(&c->ranges[i], q->langs[i]) < 0)
				st = tm__error_set(TM_EINVAL,
				                   "db: bad language tag '%s'",
				                   q->langs[i]);
	}
	c->only_langs = nr && (q->flags & TM_DB_QUERY_ONLY_LANGS);
	if (st == TM_OK)
		st = tm__buf_append_str(
		        &sql, "SELECT tu.id, tu.origin, tu.attrs, tu.extra, "
		              "v.id, v.lang, v.markup, v.plain, v.attrs "
		              "FROM tu LEFT JOIN tuv AS v ON v.tu_id = tu.id "
		              "WHERE 1");
	if (st == TM_OK && q->origin)
		st = origin_merged(&merged, db, q->origin);
	/* Units merged from the document too; the OR costs a sort (the
	 * tu_origin index alone gives the units in id order), so only when
	 * there are any (20% of an export of a large origin). */
	if (st == TM_OK && q->origin)
		st = tm__buf_append_str(
		        &sql, merged ? " AND (tu.origin = ?1 OR tu.id IN (SELECT "
		                       "tu_id FROM prop WHERE tuv_id IS NULL AND "
		                       "type = '" TM__ORIGIN_PROP "' AND value = "
		                       "?1))"
		                     : " AND tu.origin = ?1");
	if (st == TM_OK && q->since)
		st = tm__buf_append_str(
		        &sql,
		        " AND coalesce(tu.changed, tu.created, tu.added) >= ?");
	/* A range with a subtag matches the tag and its extensions ("en-US"
	 * finds "en-US-x-news"); a bare language matches lang_base. */
	for (size_t i = 0; st == TM_OK && i < nr; i++) {
		char cond[256];
		int k = (q->origin ? 1 : 0) + (q->since ? 1 : 0) + (int)i + 1;

		if (strchr(c->ranges[i], '-'))
			snprintf(cond, sizeof(cond),
			         " AND EXISTS (SELECT 1 FROM tuv WHERE "
			         "tuv.tu_id = tu.id AND (tuv.lang = ?%d OR "
			         "substr(tuv.lang, 1, length(?%d) + 1) = "
			         "?%d || '-'))",
			         k, k, k);
		else
			snprintf(cond, sizeof(cond),
			         " AND EXISTS (SELECT 1 FROM tuv WHERE "
			         "tuv.tu_id = tu.id AND tuv.lang_base = ?%d)",
			         k);
		st = tm__buf_append_str(&sql, cond);
	}
	/* One streaming query for units and variants (the tuv_tu index
	 * gives them in this order without sorting) instead of a query per
	 * unit: half the cost of an export. */
	if (st == TM_OK)
		st = tm__buf_append_str(&sql, " ORDER BY tu.id, v.id");
	if (st == TM_OK) {
		rc = sqlite3_prepare_v2(db->h, sql.data, -1, &c->s, NULL);
		if (rc != SQLITE_OK)
			st = tm__db_error(db, rc, "cannot read units");
	}
	tm__buf_dispose(&sql);
	if (st < 0) {
		ranges_free(c->ranges);
		tm__free(c);
		return st;
	}
	if (q->origin)
		bind_text(c->s, arg++, q->origin);
	if (q->since)
		bind_text(c->s, arg++, q->since);
	for (size_t i = 0; i < nr; i++)
		bind_text(c->s, arg++, c->ranges[i]);
	db->ncursors++;
	*out = c;
	return TM_OK;
}

/* Put stream @m on its first row with tu_id >= @id: a few steps forward
 * when it is close (an export reads every unit), a new start when it is
 * far behind or ahead (a filtered export skips many). */
static tm_status
stream_seek(tm_db_cursor *c, mstream *m, const char *sql, long long id)
{
	int rc;

	if (!m->s) {
		rc = sqlite3_prepare_v2(c->db->h, sql, -1, &m->s, NULL);
		if (rc != SQLITE_OK)
			return tm__db_error(c->db, rc, "cannot read units");
	}
	if (m->rc && m->from <= id) {
		for (int k = 0; m->rc == SQLITE_ROW && k < 64 &&
		                sqlite3_column_int64(m->s, 0) < id;
		     k++)
			m->rc = sqlite3_step(m->s);
		if (m->rc == SQLITE_DONE ||
		    (m->rc == SQLITE_ROW && sqlite3_column_int64(m->s, 0) >= id))
			return TM_OK;
		if (m->rc != SQLITE_ROW)
			return tm__db_error(c->db, m->rc, "cannot read units");
	}
	sqlite3_reset(m->s);
	sqlite3_bind_int64(m->s, 1, id);
	m->from = id;
	m->rc = sqlite3_step(m->s);
	if (m->rc != SQLITE_ROW && m->rc != SQLITE_DONE)
		return tm__db_error(c->db, m->rc, "cannot read units");
	return TM_OK;
}

/* Props (@notes false) or notes of unit @id from the cursor's stream. */
static tm_status
stream_meta(tm_db_cursor *c, tm_unit *u, long long id, bool notes)
{
	mstream *m = notes ? &c->notes : &c->props;
	tm_status st = stream_seek(
	        c, m,
	        notes ? "SELECT tu_id, tuv_id, lang, text FROM note "
	                "WHERE tu_id >= ?1 ORDER BY tu_id, id"
	              : "SELECT tu_id, tuv_id, type, lang, value FROM prop "
	                "WHERE tu_id >= ?1 ORDER BY tu_id, id",
	        id);

	while (st == TM_OK && m->rc == SQLITE_ROW &&
	       sqlite3_column_int64(m->s, 0) == id) {
		tm_meta *meta = tm__store_meta_for(u, &c->v, m->s, 1);

		if (meta && notes)
			st = tm_meta_add_note(meta, col_text(m->s, 2),
			                      col_text(m->s, 3));
		else if (meta)
			st = tm_meta_add_prop(meta, col_text(m->s, 2),
			                      col_text(m->s, 3),
			                      col_text(m->s, 4));
		if (st == TM_OK)
			m->rc = sqlite3_step(m->s);
	}
	if (st == TM_OK && m->rc != SQLITE_ROW && m->rc != SQLITE_DONE)
		st = tm__db_error(c->db, m->rc, "cannot read units");
	return st;
}

tm_status
tm_db_cursor_next(tm_unit **out, tm_db_cursor *c)
{
	sqlite3_stmt *s = c->s;
	tm_unit *u = NULL;
	long long id;
	int rc = SQLITE_ROW, extra;
	tm_status st;

	*out = NULL;
	if (c->at_end)
		return TM_DONE;
	if (!c->on_row) {
		rc = sqlite3_step(s);
		if (rc == SQLITE_DONE) {
			c->at_end = true;
			return TM_DONE;
		}
		if (rc != SQLITE_ROW)
			return tm__db_error(c->db, rc, "cannot read units");
	}
	c->on_row = false;
	c->v.n = 0;
	id = sqlite3_column_int64(s, 0);
	extra = sqlite3_column_int(s, 3);
	st = tm_unit_new(&u);
	if (st == TM_OK)
		st = tm_unit_set_origin(u, col_text(s, 1));
	if (st == TM_OK)
		st = tm__store_attrs_decode(tm_unit_meta(u), col_text(s, 2));
	/* the unit's variants: its rows up to the next unit's first */
	while (st == TM_OK && rc == SQLITE_ROW &&
	       sqlite3_column_int64(s, 0) == id) {
		if (sqlite3_column_type(s, 4) != SQLITE_NULL &&
		    (!c->only_langs || tm__store_lang_wanted(c->ranges, col_text(s, 5))))
			st = tm__store_add_variant_row(u, &c->v, s, 4);
		if (st == TM_OK)
			rc = sqlite3_step(s);
	}
	if (st == TM_OK) {
		if (rc == SQLITE_ROW)
			c->on_row = true;
		else if (rc == SQLITE_DONE)
			c->at_end = true;
		else
			st = tm__db_error(c->db, rc, "cannot read units");
	}
	if (st == TM_OK && (extra & EXTRA_PROPS))
		st = stream_meta(c, u, id, false);
	if (st == TM_OK && (extra & EXTRA_NOTES))
		st = stream_meta(c, u, id, true);
	if (st < 0) {
		tm_unit_free(u);
		return st;
	}
	tm__unit_set_id(u, id);
	*out = u;
	return TM_OK;
}

void
tm_db_cursor_free(tm_db_cursor *c)
{
	if (!c)
		return;
	sqlite3_finalize(c->s);
	sqlite3_finalize(c->props.s);
	sqlite3_finalize(c->notes.s);
	tm__store_vids_dispose(&c->v);
	ranges_free(c->ranges);
	c->db->ncursors--;
	tm__free(c);
}

tm_status
tm__db_sole_origin(char **out, tm_db *db)
{
	/* min() and max() are one probe each of the tu_origin index */
	static const char sql[] =
	        "SELECT (SELECT min(origin) FROM tu), "
	        "(SELECT max(origin) FROM tu), "
	        "EXISTS (SELECT 1 FROM tu WHERE origin IS NULL)";
	sqlite3_stmt *s = NULL;
	tm_status st = TM_OK;
	int rc = sqlite3_prepare_v2(db->h, sql, -1, &s, NULL);

	*out = NULL;
	if (rc == SQLITE_OK)
		rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		st = tm__db_error(db, rc, "cannot read origins");
	} else if (sqlite3_column_type(s, 0) != SQLITE_NULL &&
	           sqlite3_column_int(s, 2) == 0 &&
	           strcmp(col_text(s, 0), col_text(s, 1)) == 0) {
		*out = col_dup(s, 0);
		if (!*out)
			st = tm__error_oom();
	}
	sqlite3_finalize(s);
	return st;
}

long long
tm_db_unit_count(tm_db *db)
{
	sqlite3_stmt *s = stmt(db, S_COUNT);
	long long n = -1;
	int rc;

	if (!s)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	else
		tm__db_error(db, rc, "cannot count units");
	done(s);
	return n;
}
