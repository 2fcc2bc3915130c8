/* SPDX-License-Identifier: MIT */
/* Storing an alignment (tm_db_put_links()): the document's earlier units
 * replaced, each link a unit with its context, dates, link record and
 * status, all in one transaction. The SQL lives in store.c; this file
 * builds units and keeps the counts. */
#include "store-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* Add @text as prop @type of @m when there is one. */
static tm_status
add_prop(tm_meta *m, const char *type, const char *text)
{
	if (!text || !*text)
		return TM_OK;
	return tm_meta_add_prop(m, type, NULL, text);
}

/* The unit of link @l, ready for tm_db_put(). */
static tm_status
link_unit(tm_unit **out, const tm_db_link *l, const tm_db_links_options *o,
          const char *date)
{
	tm_unit *u = NULL;
	tm_variant *vs, *vt;
	tm_meta *m;
	char rec[512];
	double conf = l->status == TM_LINK_CONFIRMED ? 1.0 : l->confidence;
	tm_status st;

	*out = NULL;
	if ((st = tm_unit_new(&u)) < 0)
		return st;
	m = tm_unit_meta(u);
	/* memoQ's prop names, which the store turns into tuv.ctx_prev and
	 * ctx_next and the TMX writer exports as they are */
	if ((st = tm_unit_add_variant(&vs, u, o->source_lang, NULL,
	                              l->src_text)) < 0 ||
	    (st = tm_unit_add_variant(&vt, u, o->target_lang, NULL,
	                              l->tgt_text)) < 0 ||
	    (st = add_prop(tm_variant_meta(vs), "x-context-pre", l->src_prev)) <
	            0 ||
	    (st = add_prop(tm_variant_meta(vs), "x-context-post",
	                   l->src_next)) < 0 ||
	    (st = add_prop(tm_variant_meta(vt), "x-context-pre", l->tgt_prev)) <
	            0 ||
	    (st = add_prop(tm_variant_meta(vt), "x-context-post",
	                   l->tgt_next)) < 0 ||
	    (st = tm_meta_set_attr(m, "creationdate", date)) < 0 ||
	    (l->edited && (st = tm_meta_set_attr(m, "changedate", date)) < 0))
		goto fail;
	snprintf(rec, sizeof(rec), "%s %s %.3f ",
	         l->link && *l->link ? l->link : "-",
	         l->status == TM_LINK_CONFIRMED ? "confirmed" : "auto",
	         isnan(conf) ? 0.0 : conf);
	{
		tm__buf b = {0};

		st = tm__buf_append_str(&b, rec);
		if (st == TM_OK)
			st = tm__buf_append_str(&b, o->origin);
		if (st == TM_OK)
			st = tm_meta_add_prop(m, TM__LINK_PROP, NULL, b.data);
		tm__buf_dispose(&b);
	}
	if (st < 0)
		goto fail;
	*out = u;
	return TM_OK;
fail:
	tm_unit_free(u);
	return st;
}

static tm_status
check_options(const tm_db_links_options *o, const tm_db_link *links,
              size_t n)
{
	if (!o || o->version != TM_DB_LINKS_OPTIONS_VERSION)
		return tm__error_set(TM_EINVAL, "db: %s tm_db_links_options",
		                     o ? "unknown version of" : "no");
	if (!o->source_lang || !o->target_lang)
		return tm__error_set(TM_EINVAL, "db: links need a source and a "
		                                "target language");
	if (!o->origin || !*o->origin)
		return tm__error_set(TM_EINVAL, "db: links need an origin");
	if (n && !links)
		return tm__error_set(TM_EINVAL, "db: NULL links");
	for (size_t i = 0; i < n; i++)
		if (!links[i].src_text || !links[i].tgt_text)
			return tm__error_set(TM_EINVAL,
			                     "db: link %zu has no text", i);
	return TM_OK;
}

static tm_status
put_all(tm_db_links_stats *c, tm_db *db, const tm_db_link *links, size_t n,
        const tm_db_links_options *o, const char *date)
{
	/* the document's earlier alignment into the same language: its
	 * alignment into another stays (tm__db_release_origin_pair()) */
	tm_status st = tm__db_release_origin_pair(db, o->origin, o->source_lang,
	                                          o->target_lang, &c->replaced,
	                                          &c->released);

	for (size_t i = 0; st == TM_OK && i < n; i++) {
		const tm_db_link *l = &links[i];
		tm_put_result res;
		tm_unit *u;

		if (l->status != TM_LINK_CONFIRMED &&
		    !(l->confidence >= o->min_confidence)) {
			c->skipped++;
			continue;
		}
		if ((st = link_unit(&u, l, o, date)) < 0)
			break;
		st = tm_db_put(&res, db, u, o->origin, TM_DUP_MERGE);
		if (st == TM_OK)
			st = tm__db_link_refresh(db, tm_unit_id(u));
		tm_unit_free(u);
		if (st == TM_OK && res == TM_PUT_ADDED)
			c->added++;
		else if (st == TM_OK)
			c->merged++;
	}
	return st;
}

tm_status
tm_db_put_links(tm_db_links_stats *out, tm_db *db, const tm_db_link *links,
                size_t n, const tm_db_links_options *opts)
{
	tm_db_links_stats c = TM_DB_LINKS_STATS_INIT;
	char now[32];
	const char *date;
	bool own;
	tm_status st;

	if (out)
		*out = c;
	if (!db)
		return tm__error_set(TM_EINVAL, "db: no TM");
	if ((st = check_options(opts, links, n)) < 0)
		return st;
	date = opts->date;
	if (!date) {
		time_t t = time(NULL);
		struct tm g;

		gmtime_r(&t, &g);
		strftime(now, sizeof(now), "%Y%m%dT%H%M%SZ", &g);
		date = now;
	}
	own = !tm__db_in_txn(db);
	if (own && (st = tm_db_begin(db)) < 0)
		return st;
	st = put_all(&c, db, links, n, opts, date);
	if (own && st == TM_OK)
		st = tm_db_commit(db);
	else if (own) {
		/* keep the first message: the rollback must not overwrite it */
		char msg[1024];

		snprintf(msg, sizeof(msg), "%s", tm_errmsg());
		tm_db_rollback(db);
		tm__error_set(st, "%s", msg);
	}
	if (st == TM_OK && out)
		*out = c;
	return st;
}
