/* SPDX-License-Identifier: MIT */
/* Merging a unit into its duplicate at put time (moved from store.c). */
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

/* ---- merging duplicates ---- */

static bool
is_merged_attr(const char *name)
{
	static const char *const names[] = {
	        "creationdate", "creationid",    "changedate",
	        "changeid",     "lastusagedate", "usagecount",
	};

	for (size_t i = 0; i < TM_ARRAY_SIZE(names); i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

/* Reconcile @src into @dst (see tm_db_put()). */
static tm_status
merge_meta(tm_meta *dst, const tm_meta *src)
{
	const char *sd, *dd;
	/* the o-encodings and comments of what src brings, renumbered */
	const char *sx = tm_meta_attr(src, TM__TMX_EXTRA_ATTR);
	tm__buf extra = { 0 };
	tm_status st = TM_OK;
	size_t n;

	sd = tm_meta_attr(src, "creationdate");
	dd = tm_meta_attr(dst, "creationdate");
	if (sd && (!dd || strcmp(sd, dd) < 0)) {
		st = tm_meta_set_attr(dst, "creationdate", sd);
		if (st == TM_OK && tm_meta_attr(src, "creationid"))
			st = tm_meta_set_attr(dst, "creationid",
			                      tm_meta_attr(src, "creationid"));
	}
	sd = tm_meta_attr(src, "changedate");
	dd = tm_meta_attr(dst, "changedate");
	if (st == TM_OK && sd && (!dd || strcmp(sd, dd) > 0)) {
		st = tm_meta_set_attr(dst, "changedate", sd);
		if (st == TM_OK && tm_meta_attr(src, "changeid"))
			st = tm_meta_set_attr(dst, "changeid",
			                      tm_meta_attr(src, "changeid"));
	}
	sd = tm_meta_attr(src, "lastusagedate");
	dd = tm_meta_attr(dst, "lastusagedate");
	if (st == TM_OK && sd && (!dd || strcmp(sd, dd) > 0))
		st = tm_meta_set_attr(dst, "lastusagedate", sd);
	sd = tm_meta_attr(src, "usagecount");
	dd = tm_meta_attr(dst, "usagecount");
	if (st == TM_OK && sd) {
		char sum[32];

		snprintf(sum, sizeof(sum), "%lld",
		         strtoll(sd, NULL, 10) +
		                 (dd ? strtoll(dd, NULL, 10) : 0));
		st = tm_meta_set_attr(dst, "usagecount", sum);
	}
	n = tm_meta_attr_count(src);
	for (size_t i = 0; st == TM_OK && i < n; i++) {
		const char *name, *value;

		tm_meta_attr_at(&name, &value, src, i);
		/* src's own numbering and order: moved item by item below,
		 * and the stored unit's order stands */
		if (strcmp(name, TM__TMX_EXTRA_ATTR) == 0 ||
		    strcmp(name, TM__TMX_ORDER_ATTR) == 0)
			continue;
		if (!is_merged_attr(name) && !tm_meta_attr(dst, name))
			st = tm_meta_set_attr(dst, name, value);
	}
	if (st == TM_OK && sx && tm_meta_attr(dst, TM__TMX_EXTRA_ATTR))
		st = tm__buf_append_str(&extra,
		                        tm_meta_attr(dst, TM__TMX_EXTRA_ATTR));
	if (st == TM_OK && extra.len && extra.data[extra.len - 1] != '\n')
		st = tm__buf_append(&extra, "\n", 1);
	n = tm_meta_prop_count(src);
	for (size_t i = 0; st == TM_OK && i < n; i++) {
		const tm_prop *p = tm_meta_prop(src, i);
		size_t m = tm_meta_prop_count(dst), k;

		for (k = 0; k < m; k++) {
			const tm_prop *q = tm_meta_prop(dst, k);

			if (str_eq(p->type, q->type) &&
			    str_eq(p->lang, q->lang) &&
			    str_eq(p->value, q->value))
				break;
		}
		if (k == m)
			st = tm_meta_add_prop(dst, p->type, p->lang, p->value);
		if (st == TM_OK && sx)
			st = tm__extra_move(&extra, sx, 'p', i, k);
	}
	n = tm_meta_note_count(src);
	for (size_t i = 0; st == TM_OK && i < n; i++) {
		const tm_note *p = tm_meta_note(src, i);
		size_t m = tm_meta_note_count(dst), k;

		for (k = 0; k < m; k++) {
			const tm_note *q = tm_meta_note(dst, k);

			if (str_eq(p->lang, q->lang) &&
			    str_eq(p->text, q->text))
				break;
		}
		if (k == m)
			st = tm_meta_add_note(dst, p->lang, p->text);
		if (st == TM_OK && sx)
			st = tm__extra_move(&extra, sx, 'n', i, k);
	}
	if (st == TM_OK && extra.len)
		st = tm_meta_set_attr(dst, TM__TMX_EXTRA_ATTR, extra.data);
	tm__buf_dispose(&extra);
	return st;
}

/* The date that says how new a unit is: changedate, else creationdate. */
static const char *
unit_date(const tm_unit *u)
{
	const tm_meta *m = tm_unit_meta_const(u);
	const char *d = tm_meta_attr(m, "changedate");

	return d ? d : tm_meta_attr(m, "creationdate");
}

/* Write the merged metadata of @s (stored unit @id, variant ids @v). */
static tm_status
rewrite_meta(
        tm_db *db, tm_unit *s, const vids *v, const pput *p, const size_t *map)
{
	sqlite3_stmt *q = stmt(db, S_TU_UPDATE);
	char *attrs = NULL;
	tm_status st;

	if (!q)
		return TM_EDB;
	st = tm__store_attrs_encode(&attrs, tm_unit_meta_const(s));
	if (st < 0)
		return st;
	sqlite3_bind_int64(q, 1, tm_unit_id(s));
	tm__store_bind_derived(q, tm_unit_meta_const(s));
	bind_text(q, 9, attrs);
	sqlite3_bind_int(q, 10, (int)tm__store_extra_of(s));
	st = run(db, q, "cannot merge a unit");
	tm_free(attrs);
	if (st == TM_OK && !(q = stmt(db, S_TUV_UPDATE)))
		st = TM_EDB;
	for (size_t i = 0; st == TM_OK && i < v->n; i++) {
		const pvar *pv = &p->vars[map[i]];

		st = tm__store_attrs_encode(&attrs,
		                  tm_variant_meta_const(tm_unit_variant(s, i)));
		if (st < 0)
			break;
		sqlite3_bind_int64(q, 1, v->ids[i]);
		bind_text(q, 2, attrs);
		bind_text(q, 3, pv->ctx_prev);
		bind_text(q, 4, pv->ctx_next);
		st = run(db, q, "cannot merge a unit");
		tm_free(attrs);
		attrs = NULL;
	}
	/* Props and notes are few: rewriting them all keeps their order. */
	if (st == TM_OK && (q = stmt(db, S_PROP_DELETE))) {
		sqlite3_bind_int64(q, 1, tm_unit_id(s));
		st = run(db, q, "cannot merge a unit");
	}
	if (st == TM_OK && (q = stmt(db, S_NOTE_DELETE))) {
		sqlite3_bind_int64(q, 1, tm_unit_id(s));
		st = run(db, q, "cannot merge a unit");
	}
	if (st == TM_OK)
		st = tm__store_insert_meta(db, tm_unit_id(s), 0, tm_unit_meta_const(s));
	for (size_t i = 0; st == TM_OK && i < v->n; i++)
		st = tm__store_insert_meta(db, tm_unit_id(s), v->ids[i],
		                 tm_variant_meta_const(tm_unit_variant(s, i)));
	return st;
}

/* A unit merged from another document than its own keeps that document's
 * name as an x-libtm-origin prop (once): tm_db_delete_origin() and the
 * replacement of an alignment (tm_db_put_links()) of either document then
 * leave it to the other, and a cursor for either finds it. */
static tm_status
add_origin(tm_unit *s, const char *origin)
{
	const tm_meta *m = tm_unit_meta_const(s);
	size_t n = tm_meta_prop_count(m);

	if (!origin || !*origin || str_eq(tm_unit_origin(s), origin))
		return TM_OK;
	for (size_t i = 0; i < n; i++) {
		const tm_prop *q = tm_meta_prop(m, i);

		if (str_eq(q->type, TM__ORIGIN_PROP) &&
		    str_eq(q->value, origin))
			return TM_OK;
	}
	return tm_meta_add_prop(tm_unit_meta(s), TM__ORIGIN_PROP, NULL, origin);
}

/* The partial index of x-libtm-origin props, made by the first merge
 * across documents (or removal of a document): it finds the units a
 * document was merged into without a scan of every prop, and its absence
 * tells a cursor that there are none (see origin_merged()). DDL is
 * transactional: a rollback takes it back with the props. */
tm_status
tm__store_ensure_origin_index(tm_db *db)
{
	int rc = sqlite3_exec(db->h,
	                      "CREATE INDEX IF NOT EXISTS prop_other_origin ON "
	                      "prop(value) WHERE type = '" TM__ORIGIN_PROP
	                      "' AND tuv_id IS NULL",
	                      NULL, NULL, NULL);

	return rc == SQLITE_OK ? TM_OK
	                       : tm__db_error(db, rc, "cannot index origins");
}

/* Merge @p into stored unit @id, or skip it (TM_DUP_SKIP_NEWER). */
tm_status
tm__store_merge_unit(tm_put_result *res,
           tm_db *db,
           const pput *p,
           long long id,
           tm_dup_mode mode)
{
	tm_unit *s = NULL;
	vids v = {0};
	size_t *map = NULL;
	tm_status st;

	st = tm__store_get_unit(&s, &v, db, id);
	if (st < 0)
		return st;
	if (mode == TM_DUP_SKIP_NEWER) {
		const char *sd = unit_date(s), *ud = unit_date(p->u);

		if (!ud || (sd && strcmp(sd, ud) >= 0) || (!sd && !ud)) {
			*res = TM_PUT_SKIPPED;
			goto out;
		}
	}
	/* Pair each stored variant with the incoming one of the same
	 * language and markup: both sides sort the same way. */
	map = tm__calloc(v.n ? v.n : 1, sizeof(*map));
	if (!map) {
		st = tm__error_oom();
		goto out;
	}
	{
		size_t *sorder = tm__calloc(v.n ? v.n : 1, sizeof(*sorder));
		bool *used = tm__calloc(p->n, sizeof(*used));

		for (size_t i = 0; sorder && used && i < v.n; i++) {
			tm_variant *sv = tm_unit_variant(s, i);

			for (size_t k = 0; k < p->n; k++) {
				const pvar *pv = &p->vars[k];

				if (!used[k] &&
				    strcmp(pv->lang, tm_variant_lang(sv)) ==
				            0 &&
				    strcmp(tm_variant_markup(pv->v),
				           tm_variant_markup(sv)) == 0) {
					used[k] = true;
					map[i] = k;
					break;
				}
			}
		}
		if (!sorder || !used)
			st = tm__error_oom();
		tm__free(sorder);
		tm__free(used);
	}
	if (st == TM_OK)
		st = merge_meta(tm_unit_meta(s), tm_unit_meta_const(p->u));
	if (st == TM_OK) {
		size_t before = tm_meta_prop_count(tm_unit_meta_const(s));

		st = add_origin(s, p->origin);
		if (st == TM_OK &&
		    tm_meta_prop_count(tm_unit_meta_const(s)) > before)
			st = tm__store_ensure_origin_index(db);
	}
	for (size_t i = 0; st == TM_OK && i < v.n; i++)
		st = merge_meta(tm_variant_meta(tm_unit_variant(s, i)),
		                tm_variant_meta_const(p->vars[map[i]].v));
	if (st == TM_OK)
		st = rewrite_meta(db, s, &v, p, map);
	/* the union of two units' x-libtm-status props (a TM importing
	 * libtm's export of units it holds) would say two things: derive
	 * them again from the link records */
	if (st == TM_OK && tm_meta_prop_value(tm_unit_meta_const(p->u),
	                                      TM__LINK_PROP))
		st = tm__db_link_refresh(db, id);
	*res = TM_PUT_MERGED;
out:
	tm__free(map);
	tm__store_vids_dispose(&v);
	tm_unit_free(s);
	return st;
}
