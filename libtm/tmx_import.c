/* SPDX-License-Identifier: MIT */
/* TMX <-> TM glue: a file is read with the streaming reader and stored
 * through the public db API in one transaction; an export walks a cursor
 * into the streaming writer. No libxml2 or SQLite here. */
#include "tm-private.h"
#include "tmx-private.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_MESSAGES 1000

void
tm_tmx_stats_dispose(tm_tmx_stats *s)
{
	unsigned int version;

	if (!s)
		return;
	for (size_t i = 0; i < s->message_count; i++)
		free(s->messages[i]);
	free(s->messages);
	version = s->version;
	memset(s, 0, sizeof(*s));
	s->version = version;
}

static void
stats_add_message(tm_tmx_stats *s, const char *msg)
{
	char **m;

	if (!s || s->message_count >= MAX_MESSAGES)
		return;
	m = realloc(s->messages, (s->message_count + 2) * sizeof(char *));
	if (!m)
		return;
	s->messages = m;
	m[s->message_count] = tm__strdup(msg);
	if (m[s->message_count])
		s->message_count++;
	m[s->message_count] = NULL;
}

typedef struct import_ctx {
	const tm_tmx_import_options *opts;
	tm_tmx_stats *stats;
} import_ctx;

static void
on_message(void *payload, const char *msg)
{
	import_ctx *c = payload;

	stats_add_message(c->stats, msg);
	if (c->opts && c->opts->warn)
		c->opts->warn(c->opts->warn_payload, msg);
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

tm_status
tm_tmx_import(tm_db *db,
              const char *path,
              const tm_tmx_import_options *opts,
              tm_tmx_stats *stats)
{
	tm_tmx_read_options ro = TM_TMX_READ_OPTIONS_INIT;
	tm_tmx_stats local = TM_TMX_STATS_INIT;
	tm_tmx_reader *r = NULL;
	import_ctx c;
	tm_dup_mode dup = opts ? opts->dup : TM_DUP_MERGE;
	const char *origin;
	bool keep_going = opts && (opts->flags & TM_TMX_KEEP_GOING);
	tm_status st;
	char *errcopy = NULL;

	if (!db || !path)
		return tm__error_set(TM_EINVAL, "tmx: import needs a TM and a "
		                                "file");
	if (!stats)
		stats = &local;
	c.opts = opts;
	c.stats = stats;
	origin = opts && opts->origin     ? opts->origin
	         : strcmp(path, "-") == 0 ? "stdin"
	                                  : base_name(path);
	ro.flags = keep_going ? TM_TMX_KEEP_GOING : 0;
	ro.warn = on_message;
	ro.warn_payload = &c;
	st = tm_tmx_reader_open(&r, path, &ro);
	if (st < 0)
		goto out;
	st = tm_db_begin(db);
	if (st < 0)
		goto out;
	for (;;) {
		tm_unit *u = NULL;
		tm_put_result res = TM_PUT_ADDED;

		st = tm_tmx_reader_next(&u, r);
		if (st == TM_DONE) {
			st = TM_OK;
			break;
		}
		if (st < 0) {
			if (keep_going && st == TM_EPARSE &&
			    !tm__tmx_reader_hostile(r)) {
				/* The XML broke off: keep what came before. */
				stats->truncated = 1;
				stats->rejected++;
				const char *m = tm_errmsg();

				if (strncmp(m, "tmx: ", 5) == 0)
					m += 5;
				stats_add_message(stats, m);
				st = TM_OK;
			}
			break;
		}
		stats->units++;
		st = tm_db_put(&res, db, u, origin, dup);
		tm_unit_free(u);
		if (st < 0) {
			if (keep_going && st == TM_EINVAL) {
				char msg[1100];

				snprintf(msg, sizeof(msg), "%s: unit %lld: %s",
				         path, stats->units, tm_errmsg());
				on_message(&c, msg);
				stats->rejected++;
				continue;
			}
			break;
		}
		if (res == TM_PUT_ADDED)
			stats->added++;
		else if (res == TM_PUT_MERGED)
			stats->merged++;
		else
			stats->skipped++;
		if (opts && opts->progress && stats->units % 1000 == 0)
			opts->progress(opts->progress_payload, stats->units,
			               tm_tmx_reader_progress(r));
	}
	if (st == TM_OK)
		st = tm_db_put_header(db, origin, tm_tmx_reader_header(r));
	if (st < 0) {
		errcopy = tm__strdup(tm_errmsg());
		tm_db_rollback(db);
		goto out;
	}
	stats->rejected += tm_tmx_reader_skipped(r);
	stats->warnings = tm__tmx_reader_warnings(r);
	st = tm_db_commit(db);
out:
	tm_tmx_reader_free(r);
	if (stats == &local)
		tm_tmx_stats_dispose(&local);
	if (errcopy) {
		tm__error_set(st, "%s", errcopy);
		free(errcopy);
	}
	return st;
}

/* The header an export starts from: that of --origin, else that of the
 * only origin of the TM; none when the TM mixes documents. */
static tm_status
load_header(tm_meta **out, tm_db *db, const char *origin)
{
	char *only = NULL;
	tm_status st;

	*out = NULL;
	if (!origin) {
		st = tm__db_sole_origin(&only, db);
		if (st < 0 || !only)
			return st;
		origin = only;
	}
	st = tm_db_header(out, db, origin);
	tm_free(only);
	if (st == TM_ENOTFOUND) {
		*out = NULL;
		return TM_OK;
	}
	return st;
}

static bool
has_any(const tm_unit *u, const char *const *ranges)
{
	for (size_t i = 0; i < tm_unit_variant_count(u); i++)
		for (size_t k = 0; ranges[k]; k++)
			if (tm_lang_matches(
			            ranges[k],
			            tm_variant_lang(tm_unit_variant(u, i))))
				return true;
	return false;
}

tm_status
tm_tmx_export(tm_db *db,
              const char *path,
              const tm_tmx_export_options *opts,
              tm_tmx_stats *stats)
{
	tm_tmx_write_options wo = TM_TMX_WRITE_OPTIONS_INIT;
	tm_db_query q = TM_DB_QUERY_INIT;
	tm_tmx_writer *w = NULL;
	tm_db_cursor *cur = NULL;
	tm_meta *header = NULL;
	const char **langs = NULL, **src_only = NULL;
	size_t nt = 0;
	tm_status st;

	if (!db || !path)
		return tm__error_set(TM_EINVAL, "tmx: export needs a TM and a "
		                                "file");
	if (opts) {
		while (opts->targets && opts->targets[nt])
			nt++;
		wo.flags = opts->flags;
		wo.srclang = opts->srclang;
		q.since = opts->since;
		q.origin = opts->origin;
		if (opts->srclang || nt) {
			size_t k = 0;

			/* langs = {source, targets..., NULL}; the query asks
			 * for the source only, the targets are checked here
			 * (any one of them will do). */
			langs = calloc(nt + 2, sizeof(char *));
			src_only = calloc(2, sizeof(char *));
			if (!langs || !src_only) {
				free(langs);
				free(src_only);
				return tm__error_oom();
			}
			if (opts->srclang)
				langs[k++] = opts->srclang;
			for (size_t i = 0; i < nt; i++)
				langs[k++] = opts->targets[i];
			src_only[0] = opts->srclang;
			q.langs = opts->srclang ? src_only : NULL;
			wo.langs = langs;
		}
	}
	st = load_header(&header, db, q.origin);
	if (st < 0)
		goto out;
	wo.header = header;
	st = tm_db_cursor_new(&cur, db, &q);
	if (st < 0)
		goto out;
	st = tm_tmx_writer_new(&w, path, &wo);
	if (st < 0)
		goto out;
	for (;;) {
		tm_unit *u = NULL;

		st = tm_db_cursor_next(&u, cur);
		if (st == TM_DONE)
			break;
		if (st < 0)
			goto out;
		if (nt && !has_any(u, opts->targets)) {
			tm_unit_free(u);
			continue;
		}
		st = tm_tmx_writer_write_unit(w, u);
		tm_unit_free(u);
		if (st < 0)
			goto out;
		if (opts && opts->progress &&
		    tm_tmx_writer_count(w) % 10000 == 0)
			opts->progress(opts->progress_payload,
			               tm_tmx_writer_count(w), 0);
	}
	st = tm_tmx_writer_finish(w);
	if (stats)
		stats->units = tm_tmx_writer_count(w);
out:
	tm_tmx_writer_free(w);
	tm_db_cursor_free(cur);
	tm_meta_free(header);
	free(langs);
	free(src_only);
	return st;
}
