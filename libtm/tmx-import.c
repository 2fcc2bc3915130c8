/* SPDX-License-Identifier: MIT */
/* TMX <-> TM glue: a file is read with the streaming reader and stored
 * through the public db API in one transaction; an export walks a cursor
 * into the streaming writer. No libxml2 or SQLite here. */
#include "tm-private.h"
#include "tmx-private.h"

#include <pthread.h>
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
		tm__free(s->messages[i]);
	tm__free(s->messages);
	version = s->version;
	memset(s, 0, sizeof(*s));
	s->version = version;
}

/* The versions of an import's or export's stats and options (@version
 * NULL: no options), so that a caller built against another layout of
 * them is refused before anything is read or written. */
static tm_status
check_versions(const tm_tmx_stats *stats, const unsigned int *version,
               unsigned int want, const char *what)
{
	if (stats && stats->version != TM_TMX_STATS_VERSION)
		return tm__error_set(TM_EINVAL,
		                     "tmx: unknown tm_tmx_stats version %u",
		                     stats->version);
	if (version && *version != want)
		return tm__error_set(TM_EINVAL, "tmx: unknown %s version %u",
		                     what, *version);
	return TM_OK;
}

static void
stats_add_message(tm_tmx_stats *s, const char *msg)
{
	char **m;

	if (!s || s->message_count >= MAX_MESSAGES)
		return;
	m = tm__realloc(s->messages, (s->message_count + 2) * sizeof(char *));
	if (!m)
		return;
	s->messages = m;
	m[s->message_count] = tm__strdup(msg);
	if (m[s->message_count])
		s->message_count++;
	m[s->message_count] = NULL;
}

/* The import runs on two threads: this one reads the TMX and prepares
 * each unit (tm__db_put_prepare(): language tags, normalized keys,
 * attributes), the caller's thread writes them into the TM. A bounded
 * queue between them keeps the memory flat; everything the database sees
 * happens on the caller's thread, in the same order, in one transaction.
 * Messages (reader warnings, rejected units) are all made on the reading
 * thread, so they come out in file order.
 *
 * Items cross the queue in batches, and a waiting side is woken only
 * when the other has made enough room or work for it: handing over one
 * unit at a time cost two futex calls per unit (a fifth of a 100k-unit
 * import's time on a virtual machine). The queue holds 4096 units (9 MB
 * at most for a million-unit file): while the writer writes a segment of
 * the index (a quarter of a second), the reading thread goes on; 512 were
 * full in 10 ms. 16384 gained nothing more for 27 MB more. */
#define QUEUE_CAP 4096
#define BATCH 32

enum item_kind { ITEM_UNIT, ITEM_END, ITEM_READ_ERROR };

typedef struct item {
	enum item_kind kind;
	tm_unit *u;
	tm__put *put;
	tm_status st;      /* preparing failed (unit) or reading failed */
	bool rejected;     /* a bad unit skipped with --keep-going */
	bool hostile;      /* ITEM_READ_ERROR: tm__tmx_reader_hostile() */
	long long units;   /* units read so far */
	double progress;   /* tm_tmx_reader_progress(), when wanted */
	char *err;         /* tm_errmsg() of the failure */
} item;

/* Items on one side of the queue, not yet handed over (reader) or not
 * yet written (writer). */
typedef struct batch {
	item v[BATCH];
	size_t n, next;
} batch;

typedef struct import_ctx {
	const tm_tmx_import_options *opts;
	tm_tmx_stats *stats;
	tm_db *db;
	tm_tmx_reader *r;
	const char *path, *origin;
	bool keep_going;
	bool want_progress;
	pthread_mutex_t msg_lock; /* stats messages, the warn callback */
	pthread_mutex_t lock;
	pthread_cond_t not_empty, not_full;
	item q[QUEUE_CAP];
	size_t head, n;
	bool reader_waits, writer_waits;
	bool stop; /* the writer gave up: the reader stops */
	batch got; /* the writer's */
	/* Units the writer is done with, freed by the reader: they were
	 * allocated on its thread, and a free on another thread takes the
	 * reader's malloc arena lock (contention on every unit). */
	batch done;   /* the writer's, not yet handed back */
	item spent[QUEUE_CAP];
	size_t nspent;
	item freeing[QUEUE_CAP]; /* the reader's copy of spent, to free */
} import_ctx;

static void
on_message(void *payload, tm_tmx_message_kind kind, const char *msg)
{
	import_ctx *c = payload;

	pthread_mutex_lock(&c->msg_lock);
	stats_add_message(c->stats, msg);
	if (c->opts && c->opts->warn)
		c->opts->warn(c->opts->warn_payload, kind, msg);
	pthread_mutex_unlock(&c->msg_lock);
}

static void
item_dispose(item *it)
{
	tm__put_free(it->put);
	tm_unit_free(it->u);
	tm__free(it->err);
	memset(it, 0, sizeof(*it));
}

static void
batch_dispose(batch *b)
{
	for (size_t i = b->next; i < b->n; i++)
		item_dispose(&b->v[i]);
	b->n = b->next = 0;
}

/* Queue the reader's batch (taking its items over); false when the
 * writer has stopped. */
static bool
push(import_ctx *c, batch *b)
{
	size_t nspent;
	bool ok;

	pthread_mutex_lock(&c->lock);
	while (QUEUE_CAP - c->n < b->n && !c->stop) {
		c->reader_waits = true;
		pthread_cond_wait(&c->not_full, &c->lock);
	}
	c->reader_waits = false;
	ok = !c->stop;
	if (ok) {
		for (size_t i = 0; i < b->n; i++)
			c->q[(c->head + c->n + i) % QUEUE_CAP] = b->v[i];
		c->n += b->n;
		if (c->writer_waits)
			pthread_cond_signal(&c->not_empty);
		b->n = 0;
	}
	nspent = c->nspent;
	memcpy(c->freeing, c->spent, nspent * sizeof(*c->spent));
	c->nspent = 0;
	pthread_mutex_unlock(&c->lock);
	for (size_t i = 0; i < nspent; i++)
		item_dispose(&c->freeing[i]);
	if (!ok)
		batch_dispose(b);
	return ok;
}

/* Add @it to the reader's batch, handing the batch over when it is full
 * or @it ends the file. */
static bool
put_item(import_ctx *c, batch *b, item *it)
{
	b->v[b->n++] = *it;
	if (b->n < BATCH && it->kind == ITEM_UNIT)
		return true;
	return push(c, b);
}

/* The next item for the writer, from its batch or the queue. */
static void
pop(import_ctx *c, batch *b, item *out)
{
	if (b->next == b->n) {
		b->n = b->next = 0;
		pthread_mutex_lock(&c->lock);
		while (c->n == 0) {
			c->writer_waits = true;
			pthread_cond_wait(&c->not_empty, &c->lock);
		}
		c->writer_waits = false;
		if (c->nspent + c->done.n <= QUEUE_CAP) {
			memcpy(c->spent + c->nspent, c->done.v,
			       c->done.n * sizeof(*c->done.v));
			c->nspent += c->done.n;
			c->done.n = 0;
		}
		for (; b->n < BATCH && c->n > 0; b->n++, c->n--) {
			b->v[b->n] = c->q[c->head];
			c->head = (c->head + 1) % QUEUE_CAP;
		}
		/* Wake the reader only with room for many batches. */
		if (c->reader_waits && c->n <= QUEUE_CAP / 2)
			pthread_cond_signal(&c->not_full);
		pthread_mutex_unlock(&c->lock);
		batch_dispose(&c->done); /* no room: free them here */
	}
	*out = b->v[b->next++];
}

/* The writer is done with @it: hand it back to the reader to free. */
static void
spend(import_ctx *c, item *it)
{
	if (c->done.n == BATCH)
		batch_dispose(&c->done);
	c->done.v[c->done.n++] = *it;
	memset(it, 0, sizeof(*it));
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* Refuse an origin that is not valid UTF-8 (a file name in a legacy
 * encoding): stored as it is, it could not be printed in JSON nor typed
 * for --origin. The message shows the name with \xNN for its bad bytes. */
static tm_status
check_origin(const char *path, const char *origin)
{
	char shown[256];
	size_t off = 0, k = 0;

	if (tm_utf8_validate(&off, origin, strlen(origin)) == TM_OK)
		return TM_OK;
	for (const unsigned char *p = (const unsigned char *)origin;
	     *p && k + 5 < sizeof(shown); p++) {
		if (*p >= 0x20 && *p < 0x7f)
			shown[k++] = (char)*p;
		else
			k += (size_t)snprintf(shown + k, sizeof(shown) - k,
			                      "\\x%02X", *p);
	}
	shown[k] = '\0';
	(void)path;
	return tm__error_set(TM_EUNICODE,
	                     "tmx: %s: the file name is not valid UTF-8 (byte "
	                     "%zu); it would be the units' origin: rename the "
	                     "file",
	                     shown, off);
}

static char *
errcopy(void)
{
	return tm__strdup(tm_errmsg());
}

/* The reading thread. Ends after queueing ITEM_END or ITEM_READ_ERROR,
 * or when the writer stops. */
static void *
reader_main(void *arg)
{
	import_ctx *c = arg;
	batch b = { .n = 0 };
	long long units = 0;

	for (;;) {
		item it = { 0 };
		tm_status st = tm_tmx_reader_next(&it.u, c->r);

		if (st == TM_DONE) {
			it.kind = ITEM_END;
			put_item(c, &b, &it);
			break;
		}
		if (st < 0) {
			it.kind = ITEM_READ_ERROR;
			it.st = st;
			it.err = errcopy();
			it.hostile = tm__tmx_reader_hostile(c->r);
			put_item(c, &b, &it);
			break;
		}
		it.kind = ITEM_UNIT;
		it.units = ++units;
		/* The writer reports every 1000 units; the position may cost
		 * a system call (gzoffset()). */
		if (c->want_progress && units % 1000 == 0)
			it.progress = tm_tmx_reader_progress(c->r);
		it.st = tm__db_put_prepare(&it.put, c->db, it.u, c->origin);
		if (it.st < 0 && c->keep_going && it.st == TM_EINVAL) {
			char msg[1100];

			snprintf(msg, sizeof(msg), "%s: unit %lld: %s", c->path,
			         units, tm_errmsg());
			on_message(c, TM_TMX_MSG_SKIPPED, msg);
			it.rejected = true;
		} else if (it.st < 0) {
			it.err = errcopy();
		}
		if (!put_item(c, &b, &it))
			break;
	}
	return NULL;
}

tm_status
tm_tmx_import(tm_tmx_stats *stats,
              tm_db *db,
              const char *path,
              const tm_tmx_import_options *opts)
{
	tm_tmx_read_options ro = TM_TMX_READ_OPTIONS_INIT;
	tm_tmx_stats local = TM_TMX_STATS_INIT;
	tm_tmx_reader *r = NULL;
	import_ctx *c;
	pthread_t thread;
	tm_dup_mode dup = opts ? opts->dup : TM_DUP_MERGE;
	const char *origin;
	bool keep_going = opts && (opts->flags & TM_TMX_KEEP_GOING);
	tm_status st;
	char *err = NULL;

	if (!db || !path)
		return tm__error_set(TM_EINVAL, "tmx: import needs a TM and a "
		                                "file");
	if ((st = check_versions(stats, opts ? &opts->version : NULL,
	                         TM_TMX_IMPORT_OPTIONS_VERSION,
	                         "tm_tmx_import_options")) < 0)
		return st;
	if (!stats)
		stats = &local;
	origin = opts && opts->origin     ? opts->origin
	         : strcmp(path, "-") == 0 ? "stdin"
	                                  : base_name(path);
	if ((st = check_origin(path, origin)) < 0)
		return st;
	if (!(c = tm__calloc(1, sizeof(*c))))
		return tm__error_oom();
	c->opts = opts;
	c->stats = stats;
	c->db = db;
	c->path = path;
	c->origin = origin;
	c->keep_going = keep_going;
	c->want_progress = opts && opts->progress;
	pthread_mutex_init(&c->msg_lock, NULL);
	pthread_mutex_init(&c->lock, NULL);
	pthread_cond_init(&c->not_empty, NULL);
	pthread_cond_init(&c->not_full, NULL);
	ro.flags = keep_going ? TM_TMX_KEEP_GOING : 0;
	ro.warn = on_message;
	ro.warn_payload = c;
	st = tm_tmx_reader_open(&r, path, &ro);
	if (st < 0)
		goto out;
	c->r = r;
	st = tm__db_begin_load(db);
	if (st < 0)
		goto out;
	if (pthread_create(&thread, NULL, reader_main, c) != 0) {
		st = tm__error_set(TM_ENOMEM, "tmx: %s: cannot start a thread",
		                   path);
		tm_db_rollback(db);
		goto out;
	}
	for (;;) {
		item it;
		tm_put_result res = TM_PUT_ADDED;
		double progress;

		pop(c, &c->got, &it);
		if (it.kind == ITEM_END) {
			st = TM_OK;
			break;
		}
		if (it.kind == ITEM_READ_ERROR) {
			st = it.st;
			tm__error_set(st, "%s", it.err ? it.err : "");
			if (keep_going && st == TM_EPARSE && !it.hostile) {
				/* The XML broke off: keep what came before. */
				const char *m = it.err ? it.err : "";

				stats->truncated = 1;
				stats->rejected++;
				if (strncmp(m, "tmx: ", 5) == 0)
					m += 5;
				pthread_mutex_lock(&c->msg_lock);
				stats_add_message(stats, m);
				pthread_mutex_unlock(&c->msg_lock);
				st = TM_OK;
			}
			item_dispose(&it);
			break;
		}
		stats->units = it.units;
		if (it.rejected) {
			stats->rejected++;
			item_dispose(&it);
			continue;
		}
		if (it.st < 0) {
			st = tm__error_set(it.st, "%s", it.err ? it.err : "");
			item_dispose(&it);
			break;
		}
		st = tm__db_put_prepared(&res, db, it.put, dup);
		progress = it.progress;
		spend(c, &it);
		if (st < 0)
			break;
		if (res == TM_PUT_ADDED)
			stats->added++;
		else if (res == TM_PUT_MERGED)
			stats->merged++;
		else
			stats->skipped++;
		if (opts && opts->progress && stats->units % 1000 == 0)
			opts->progress(opts->progress_payload, stats->units,
			               progress);
	}
	/* Stop the reader (when the writer gave up) and drop what it
	 * queued. */
	pthread_mutex_lock(&c->lock);
	c->stop = true;
	pthread_cond_signal(&c->not_full);
	pthread_mutex_unlock(&c->lock);
	pthread_join(thread, NULL);
	batch_dispose(&c->got);
	batch_dispose(&c->done);
	for (size_t i = 0; i < c->nspent; i++)
		item_dispose(&c->spent[i]);
	c->nspent = 0;
	while (c->n > 0) {
		item_dispose(&c->q[c->head]);
		c->head = (c->head + 1) % QUEUE_CAP;
		c->n--;
	}
	if (st == TM_OK)
		st = tm_db_put_header(db, origin, tm_tmx_reader_header(r));
	if (st < 0) {
		err = errcopy();
		tm_db_rollback(db);
		goto out;
	}
	stats->rejected += tm_tmx_reader_skipped(r);
	stats->warnings = tm__tmx_reader_warnings(r);
	st = tm_db_commit(db);
out:
	tm_tmx_reader_free(r);
	pthread_mutex_destroy(&c->msg_lock);
	pthread_mutex_destroy(&c->lock);
	pthread_cond_destroy(&c->not_empty);
	pthread_cond_destroy(&c->not_full);
	tm__free(c);
	if (stats == &local)
		tm_tmx_stats_dispose(&local);
	if (err) {
		tm__error_set(st, "%s", err);
		tm__free(err);
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
			if (tm_lang_matches(ranges[k],
			                    tm_variant_lang(
			                            tm_unit_variant_const(u, i))))
				return true;
	return false;
}

tm_status
tm_tmx_export(tm_tmx_stats *stats,
              tm_db *db,
              const char *path,
              const tm_tmx_export_options *opts)
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
	if ((st = check_versions(stats, opts ? &opts->version : NULL,
	                         TM_TMX_EXPORT_OPTIONS_VERSION,
	                         "tm_tmx_export_options")) < 0)
		return st;
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
			langs = tm__calloc(nt + 2, sizeof(char *));
			src_only = tm__calloc(2, sizeof(char *));
			if (!langs || !src_only) {
				tm__free(langs);
				tm__free(src_only);
				return tm__error_oom();
			}
			if (opts->srclang)
				langs[k++] = opts->srclang;
			for (size_t i = 0; i < nt; i++)
				langs[k++] = opts->targets[i];
			src_only[0] = opts->srclang;
			q.langs = opts->srclang ? src_only : NULL;
			/* a source alone selects units, not variants: every
			 * language of the units that have it is written */
			wo.langs = nt ? langs : NULL;
		}
	}
	/* Renaming a TMX over the TM (or its WAL) would destroy it. */
	st = tm__db_check_not_own_file(db, path);
	if (st < 0)
		goto out;
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
	tm__free(langs);
	tm__free(src_only);
	return st;
}
