/* SPDX-License-Identifier: MIT */
/* The candidate index (index-private.h): an FTS5 table without content and
 * without positions, fed by triggers on tuv, tokenized by libtm's match
 * tokenizer. FTS5 buffers a transaction's postings in memory and merges
 * its segments incrementally, so a million puts in one transaction cost
 * one sequential write of the postings instead of a B-tree insert per
 * token; triggers run inside the store's own statements, so the index can
 * never disagree with the rows and needs no statement of its own. */
#include "index-private.h"
#include "tokenize-private.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Bump when the terms change: an older index is rebuilt on open. */
#define IX_VERSION "4"
/* Move staged variants into FTS5 in batches this large: FTS5 writes one
 * segment per savepoint, and the store wraps each put in one. */
#define IX_FLUSH_EVERY 65536
#define IX_MAX_TOKEN 255 /* longer tokens are scored but not indexed */
/* Distinct terms counted in memory before they go to tm_ix_df (about
 * 100 bytes each). */
#define IX_PEND_MAX (1u << 18)

struct df_ent {
	char *key;
	size_t len;
	uint64_t hash;
	long long val;
};

/* Term counts (term -> occurrences): open addressing, power-of-2 size. */
struct counter {
	struct df_ent *v;
	size_t cap, n;
};

struct tm__ix {
	bool ready;       /* index present and current */
	size_t batch;     /* IX_FLUSH_EVERY, or a test's value */
	bool counting;    /* the tokenizer counts terms into pend */
	sqlite3 *h;       /* the connection (registry key) */
	size_t staged;    /* variants staged since the last flush (at most) */
	tm__toks toks;    /* scratch for the tokenizer */
	tm__buf term;     /* scratch for one term */
	tm_translit *tr;  /* for the transliteration key terms, opened on
	                     first use */
	struct df_ent *df;
	size_t df_cap, df_n;
	/* Document frequencies of the variants moved into FTS5 in this
	 * transaction, not yet added to tm_ix_df: written in term order at
	 * the flush before COMMIT (or when it grows past IX_PEND_MAX), so
	 * that the table sees one sorted pass instead of a random upsert per
	 * term and batch. A rollback drops them (rollback hook). */
	struct counter pend;
};

static uint64_t
hash_bytes(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

static void
df_clear(tm__ix *ix)
{
	for (size_t i = 0; i < ix->df_cap; i++)
		free(ix->df[i].key);
	free(ix->df);
	ix->df = NULL;
	ix->df_cap = ix->df_n = 0;
}

long long
tm__ix_df_get(tm__ix *ix, const char *term, size_t len)
{
	uint64_t h;

	if (!ix->df_cap)
		return -1;
	h = hash_bytes(term, len);
	for (size_t i = h & (ix->df_cap - 1);; i = (i + 1) & (ix->df_cap - 1)) {
		struct df_ent *e = &ix->df[i];

		if (!e->key)
			return -1;
		if (e->hash == h && e->len == len &&
		    memcmp(e->key, term, len) == 0)
			return e->val;
	}
}

void
tm__ix_df_put(tm__ix *ix, const char *term, size_t len, long long df)
{
	uint64_t h = hash_bytes(term, len);
	size_t i;

	/* A bounded cache: start over rather than grow without end. */
	if (ix->df_n >= 1u << 20)
		df_clear(ix);
	if (2 * (ix->df_n + 1) > ix->df_cap) {
		size_t cap = ix->df_cap ? ix->df_cap * 2 : 4096;
		struct df_ent *t = calloc(cap, sizeof(*t));

		if (!t)
			return; /* a cache: failing to remember is harmless */
		for (size_t j = 0; j < ix->df_cap; j++) {
			struct df_ent *e = &ix->df[j];

			if (!e->key)
				continue;
			for (i = e->hash & (cap - 1); t[i].key;
			     i = (i + 1) & (cap - 1))
				;
			t[i] = *e;
		}
		free(ix->df);
		ix->df = t;
		ix->df_cap = cap;
	}
	for (i = h & (ix->df_cap - 1); ix->df[i].key;
	     i = (i + 1) & (ix->df_cap - 1)) {
		if (ix->df[i].hash == h && ix->df[i].len == len &&
		    memcmp(ix->df[i].key, term, len) == 0) {
			ix->df[i].val = df;
			return;
		}
	}
	ix->df[i].key = tm__strndup(term, len);
	if (!ix->df[i].key)
		return;
	ix->df[i].len = len;
	ix->df[i].hash = h;
	ix->df[i].val = df;
	ix->df_n++;
}

tm_status
tm__ix_term(tm__buf *b, const char *lang, const char *tok, size_t len)
{
	tm_status st;

	b->len = 0;
	if ((st = tm__buf_append_str(b, lang)) < 0 ||
	    (st = tm__buf_append(b, ":", 1)) < 0)
		return st;
	return tm__buf_append(b, tok, len);
}

/* --- the FTS5 tokenizer "tm" --- */

static void reg_set(sqlite3 *h, tm__ix *ix);

static void
counter_clear(struct counter *c)
{
	for (size_t i = 0; i < c->cap; i++)
		free(c->v[i].key);
	free(c->v);
	memset(c, 0, sizeof(*c));
}

static void
ix_destroy(void *p)
{
	tm__ix *ix = p;

	if (!ix)
		return;
	if (ix->h)
		reg_set(ix->h, NULL);
	tm__toks_dispose(&ix->toks);
	tm__buf_dispose(&ix->term);
	tm_translit_free(ix->tr);
	df_clear(ix);
	counter_clear(&ix->pend);
	free(ix);
}

static int
tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	*out = ctx; /* one state per connection, owned by the registration */
	return SQLITE_OK;
}

static void
tok_delete(Fts5Tokenizer *t)
{
}

typedef int (*emit_fn)(void *, int, const char *, int, int, int);

static int
emit(tm__buf *term, void *ctx, emit_fn fn, const char *lang, const char *s,
     size_t off, size_t len)
{
	if (len > IX_MAX_TOKEN)
		return SQLITE_OK;
	if (tm__ix_term(term, lang, s + off, len) < 0)
		return SQLITE_NOMEM;
	return fn(ctx, 0, term->data, (int)term->len, (int)off,
	          (int)(off + len));
}

static tm_status
translit_open(tm_translit **tr)
{
	/* Any handle gives the same keys; "ru" is the cheapest to open. */
	return *tr ? TM_OK : tm_translit_new(tr, "ru", 0);
}

tm_status
tm__ix_translit(tm_translit **out, tm__ix *ix)
{
	tm_status st = translit_open(&ix->tr);

	*out = ix->tr;
	return st;
}

/* The index terms of "<lang> 0x1f <key>": what FTS5 stores and what the
 * frequency table counts. Then a transliteration key term per
 * cross-script word (tokenize-private.h), for tm_concord()'s
 * TM_CONCORD_TRANSLIT. */
static int
gen_terms(tm__toks *toks, tm__buf *term, tm_translit **tr, const char *text,
          size_t n, void *ctx, emit_fn fn)
{
	const char *sep = memchr(text, 0x1f, n), *s;
	char lang[16];
	size_t ll = sep ? (size_t)(sep - text) : 0, len;
	int rc = SQLITE_OK;

	if (ll >= sizeof(lang))
		ll = sizeof(lang) - 1;
	memcpy(lang, text, ll);
	lang[ll] = '\0';
	s = sep ? sep + 1 : text;
	len = n - (size_t)(s - text);
	if (tm__tokenize(toks, s, len) < 0)
		return SQLITE_NOMEM;
	for (size_t i = 0; i < toks->n && rc == SQLITE_OK; i++) {
		const tm__tok *k = &toks->v[i];

		rc = emit(term, ctx, fn, lang, s, k->off, k->len);
		if (rc == SQLITE_OK && k->kind == TM__TOK_CHAR &&
		    i + 1 < toks->n && toks->v[i + 1].joined &&
		    toks->v[i + 1].kind == TM__TOK_CHAR)
			rc = emit(term, ctx, fn, lang, s, k->off,
			          toks->v[i + 1].off + toks->v[i + 1].len -
			                  k->off);
	}
	for (size_t i = 0; i < toks->n && rc == SQLITE_OK;) {
		tm__xword w;

		i = tm__xword_next(toks, i, &w);
		if (!w.ntok)
			break;
		if (translit_open(tr) < 0 ||
		    tm__xkey_term(term, *tr, s + w.off, w.len) < 0)
			return SQLITE_ERROR;
		if (term->len)
			rc = fn(ctx, 0, term->data, (int)term->len, (int)w.off,
			        (int)(w.off + w.len));
	}
	return rc;
}

static int count_term(void *ctx, int flags, const char *t, int n, int a,
                      int b);

/* Pass a term to FTS5 and count it (tm__index_flush()'s inserts). */
struct tee {
	void *ctx;
	emit_fn fn;
	struct counter *c;
};

static int
tee_term(void *ctx, int flags, const char *t, int n, int a, int b)
{
	struct tee *tee = ctx;
	int rc = count_term(tee->c, flags, t, n, a, b);

	return rc == SQLITE_OK ? tee->fn(tee->ctx, flags, t, n, a, b) : rc;
}

static int
tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text,
             int n, emit_fn fn)
{
	tm__ix *ix = (tm__ix *)t;
	struct tee tee = { ctx, fn, &ix->pend };

	if (n <= 0)
		return SQLITE_OK;
	/* Queries name index terms verbatim ("en:putin"): match.c and
	 * concord.c build them with tm__ix_term(). */
	if (flags & FTS5_TOKENIZE_QUERY)
		return fn(ctx, 0, text, n, 0, n);
	/* Counting while FTS5 tokenizes saves tokenizing every variant a
	 * second time for tm_ix_df. */
	if (ix->counting)
		return gen_terms(&ix->toks, &ix->term, &ix->tr, text, (size_t)n,
		                 &tee, tee_term);
	return gen_terms(&ix->toks, &ix->term, &ix->tr, text, (size_t)n, ctx,
	                 fn);
}

static fts5_api *
get_fts5(sqlite3 *h)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(h, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

static tm__ix *
find_state(fts5_api *api)
{
	void *ud = NULL;
	fts5_tokenizer tok;

	if (api->xFindTokenizer(api, "tm", &ud, &tok) != SQLITE_OK)
		return NULL;
	return ud;
}

static tm_status
sql_error(sqlite3 *h, const char *what)
{
	int rc = sqlite3_errcode(h);

	return tm__error_set(rc == SQLITE_BUSY || rc == SQLITE_LOCKED ?
	                             TM_EBUSY :
	                             TM_EDB,
	                     "index: %s: %s", what, sqlite3_errmsg(h));
}

static bool
index_current(sqlite3 *h)
{
	sqlite3_stmt *st = NULL;
	bool ok = false;

	if (sqlite3_prepare_v2(h,
	                       "SELECT v FROM tm_ix_meta WHERE k = 'version'"
	                       " AND EXISTS (SELECT 1 FROM sqlite_master"
	                       " WHERE name = 'tm_ix')",
	                       -1, &st, NULL) != SQLITE_OK)
		return false;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);

		ok = v && strcmp(v, IX_VERSION) == 0;
	}
	sqlite3_finalize(st);
	return ok;
}

static const char build_sql[] =
	"DROP TRIGGER IF EXISTS tm_ix_ai;"
	"DROP TRIGGER IF EXISTS tm_ix_bd;"
	"DROP TRIGGER IF EXISTS tm_ix_au;"
	"DROP TABLE IF EXISTS tm_ix_vocab;"
	"DROP TABLE IF EXISTS tm_ix;"
	"DROP TABLE IF EXISTS tm_ix_stage;"
	"DROP TABLE IF EXISTS tm_ix_df;"
	"CREATE TABLE IF NOT EXISTS tm_ix_meta(k TEXT PRIMARY KEY, v TEXT)"
	" WITHOUT ROWID;"
	"CREATE VIRTUAL TABLE tm_ix USING fts5(t, content='', detail=none,"
	" columnsize=0, tokenize='tm');"
	"CREATE VIRTUAL TABLE tm_ix_vocab USING fts5vocab(tm_ix, 'row');"
	/* variants added in this transaction, not yet in tm_ix */
	"CREATE TABLE tm_ix_stage(id INTEGER PRIMARY KEY);"
	/* how often each term occurs, to probe the rarest lists first;
	 * never decremented: a stale count only costs speed */
	"CREATE TABLE tm_ix_df(term TEXT PRIMARY KEY, df INTEGER NOT NULL)"
	" WITHOUT ROWID;"
	"CREATE TRIGGER tm_ix_ai AFTER INSERT ON tuv BEGIN"
	" INSERT OR IGNORE INTO tm_ix_stage(id) VALUES (new.id); END;"
	"CREATE TRIGGER tm_ix_bd BEFORE DELETE ON tuv BEGIN"
	" INSERT INTO tm_ix(tm_ix, rowid, t)"
	" SELECT 'delete', old.id, old.lang_base || char(31) || old.key"
	" WHERE NOT EXISTS (SELECT 1 FROM tm_ix_stage WHERE id = old.id);"
	" DELETE FROM tm_ix_stage WHERE id = old.id; END;"
	"CREATE TRIGGER tm_ix_au AFTER UPDATE OF key, lang_base ON tuv BEGIN"
	" INSERT INTO tm_ix(tm_ix, rowid, t)"
	" SELECT 'delete', old.id, old.lang_base || char(31) || old.key"
	" WHERE NOT EXISTS (SELECT 1 FROM tm_ix_stage WHERE id = old.id);"
	" INSERT OR IGNORE INTO tm_ix_stage(id) VALUES (new.id); END;"
	"INSERT INTO tm_ix_stage(id) SELECT id FROM tuv;"
	"INSERT OR REPLACE INTO tm_ix_meta(k, v) VALUES ('version', '" IX_VERSION
	"');";

static const char flush_sql[] =
	"INSERT INTO tm_ix(rowid, t)"
	" SELECT v.id, v.lang_base || char(31) || v.key"
	" FROM tm_ix_stage s JOIN tuv v ON v.id = s.id;"
	"DELETE FROM tm_ix_stage;";

/* Connections and their state, for the hooks that only get the handle.
 * An entry leaves when SQLite destroys the tokenizer at close. */
static struct {
	sqlite3 *h;
	tm__ix *ix;
} reg[64];
static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;

static void
reg_set(sqlite3 *h, tm__ix *ix)
{
	size_t i, slot = TM_ARRAY_SIZE(reg);

	pthread_mutex_lock(&reg_lock);
	for (i = 0; i < TM_ARRAY_SIZE(reg); i++) {
		if (reg[i].h == h)
			break;
		if (!reg[i].h && slot == TM_ARRAY_SIZE(reg))
			slot = i;
	}
	if (i == TM_ARRAY_SIZE(reg))
		i = ix ? slot : i;
	/* More than 64 open connections: the extra ones flush at commit
	 * only, which is still correct. */
	if (i < TM_ARRAY_SIZE(reg)) {
		reg[i].h = ix ? h : NULL;
		reg[i].ix = ix;
	}
	if (ix)
		ix->h = h;
	pthread_mutex_unlock(&reg_lock);
}

static tm__ix *
reg_get(sqlite3 *h)
{
	tm__ix *ix = NULL;

	pthread_mutex_lock(&reg_lock);
	for (size_t i = 0; i < TM_ARRAY_SIZE(reg); i++)
		if (reg[i].h == h) {
			ix = reg[i].ix;
			break;
		}
	pthread_mutex_unlock(&reg_lock);
	return ix;
}

static bool
staged_any(sqlite3 *h)
{
	sqlite3_stmt *st = NULL;
	bool any = true; /* when in doubt, flush */

	if (sqlite3_prepare_v2(h, "SELECT EXISTS (SELECT 1 FROM tm_ix_stage)",
	                       -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		any = sqlite3_column_int(st, 0) != 0;
	sqlite3_finalize(st);
	return any;
}

static int
count_term(void *ctx, int flags, const char *t, int n, int a, int b)
{
	struct counter *c = ctx;
	uint64_t hv = hash_bytes(t, (size_t)n);
	size_t i;

	if (2 * (c->n + 1) > c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 4096;
		struct df_ent *v = calloc(cap, sizeof(*v));

		if (!v)
			return SQLITE_NOMEM;
		for (size_t j = 0; j < c->cap; j++) {
			if (!c->v[j].key)
				continue;
			for (i = c->v[j].hash & (cap - 1); v[i].key;
			     i = (i + 1) & (cap - 1))
				;
			v[i] = c->v[j];
		}
		free(c->v);
		c->v = v;
		c->cap = cap;
	}
	for (i = hv & (c->cap - 1); c->v[i].key; i = (i + 1) & (c->cap - 1))
		if (c->v[i].hash == hv && c->v[i].len == (size_t)n &&
		    memcmp(c->v[i].key, t, (size_t)n) == 0) {
			c->v[i].val++;
			return SQLITE_OK;
		}
	if (!(c->v[i].key = tm__strndup(t, (size_t)n)))
		return SQLITE_NOMEM;
	c->v[i].len = (size_t)n;
	c->v[i].hash = hv;
	c->v[i].val = 1;
	c->n++;
	return SQLITE_OK;
}

static int
cmp_ent(const void *a, const void *b)
{
	const struct df_ent *x = *(struct df_ent *const *)a;
	const struct df_ent *y = *(struct df_ent *const *)b;
	int c = memcmp(x->key, y->key, x->len < y->len ? x->len : y->len);

	return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* Add the pending counts to tm_ix_df, in the table's order (BINARY
 * collation: bytes, then length), so that each page is visited once. */
static tm_status
write_pend(sqlite3 *h, tm__ix *ix)
{
	struct counter *c = &ix->pend;
	struct df_ent **order = NULL;
	sqlite3_stmt *up = NULL;
	tm_status st = TM_OK;
	size_t k = 0;

	if (!c->n)
		return TM_OK;
	if (!(order = malloc(c->n * sizeof(*order)))) {
		counter_clear(c);
		return tm__error_oom();
	}
	for (size_t i = 0; i < c->cap; i++)
		if (c->v[i].key)
			order[k++] = &c->v[i];
	qsort(order, k, sizeof(*order), cmp_ent);
	if (sqlite3_prepare_v2(h,
	                       "INSERT INTO tm_ix_df(term, df) VALUES (?1, ?2)"
	                       " ON CONFLICT(term) DO UPDATE SET"
	                       " df = df + excluded.df",
	                       -1, &up, NULL) != SQLITE_OK) {
		st = sql_error(h, "cannot update");
		goto done;
	}
	for (size_t i = 0; i < k; i++) {
		sqlite3_bind_text(up, 1, order[i]->key, (int)order[i]->len,
		                  SQLITE_STATIC);
		sqlite3_bind_int64(up, 2, order[i]->val);
		if (sqlite3_step(up) != SQLITE_DONE) {
			st = sql_error(h, "cannot update");
			goto done;
		}
		sqlite3_reset(up);
	}
done:
	sqlite3_finalize(up);
	free(order);
	counter_clear(c);
	return st;
}

/* Move the staged variants into FTS5, counting their terms; with @final
 * (the flush before COMMIT) or too many pending terms, add the counts to
 * tm_ix_df. */
static tm_status
flush(sqlite3 *h, bool final)
{
	tm__ix *ix = reg_get(h);
	int rc;

	/* Cheaper than the flush statement when nothing is staged (each
	 * put outside a transaction commits). */
	if (staged_any(h)) {
		if (ix)
			ix->counting = true;
		rc = sqlite3_exec(h, flush_sql, NULL, NULL, NULL);
		if (ix)
			ix->counting = false;
		if (rc != SQLITE_OK)
			return sql_error(h, "cannot update");
		if (ix)
			ix->staged = 0;
	}
	if (!ix || (!final && ix->pend.n < IX_PEND_MAX))
		return TM_OK;
	return write_pend(h, ix);
}

/* A rolled back transaction's counts must not reach the next one. */
static void
on_rollback(void *p)
{
	counter_clear(&((tm__ix *)p)->pend);
}

tm_status
tm__index_flush(sqlite3 *h)
{
	return flush(h, true);
}

tm_status
tm__index_register(sqlite3 *h)
{
	fts5_api *api = get_fts5(h);
	tm__ix *ix;

	if (!api)
		return tm__error_set(TM_EDB, "index: this SQLite lacks FTS5");
	if (find_state(api))
		return TM_OK;
	ix = calloc(1, sizeof(*ix));
	if (!ix)
		return tm__error_oom();
	if (api->xCreateTokenizer(api, "tm", ix,
	                          &(fts5_tokenizer){ tok_create, tok_delete,
	                                             tok_tokenize },
	                          ix_destroy) != SQLITE_OK) {
		ix_destroy(ix);
		return sql_error(h, "cannot register the tokenizer");
	}
	reg_set(h, ix);
	sqlite3_rollback_hook(h, on_rollback, ix);
	return TM_OK;
}

tm_status
tm__index_open(sqlite3 *h)
{
	tm__ix *ix;
	tm_status st = tm__index_register(h);

	if (st < 0)
		return st;
	ix = find_state(get_fts5(h));
	if (!ix)
		return tm__error_set(TM_EDB, "index: cannot find the tokenizer");
	ix->ready = index_current(h);
	if (sqlite3_db_readonly(h, "main") == 1)
		return TM_OK;
	if (ix->ready) /* a writer that did not flush before committing */
		return tm__index_flush(h);
	if (sqlite3_exec(h, "SAVEPOINT tm_ix_build", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return sql_error(h, "cannot build");
	if (sqlite3_exec(h, build_sql, NULL, NULL, NULL) != SQLITE_OK ||
	    tm__index_flush(h) < 0) {
		st = sql_error(h, "cannot build");
		sqlite3_exec(h, "ROLLBACK TO tm_ix_build; RELEASE tm_ix_build",
		             NULL, NULL, NULL);
		counter_clear(&ix->pend);
		return st;
	}
	if (sqlite3_exec(h, "RELEASE tm_ix_build", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return sql_error(h, "cannot build");
	ix->ready = true;
	return TM_OK;
}

tm_status
tm__index_add(sqlite3 *h, long long tuv_id, const char *lang_base,
              const char *plain)
{
	tm__ix *ix = reg_get(h);

	if (!ix)
		return TM_OK;
	if (++ix->staged >= (ix->batch ? ix->batch : IX_FLUSH_EVERY))
		return flush(h, false);
	return TM_OK;
}

void
tm__index_set_batch(sqlite3 *h, size_t variants)
{
	tm__ix *ix = reg_get(h);

	if (ix)
		ix->batch = variants;
}

tm_status
tm__index_remove(sqlite3 *h, long long tuv_id)
{
	return TM_OK;
}

tm_status
tm__index_get(tm__ix **out, sqlite3 *h)
{
	fts5_api *api = get_fts5(h);
	tm__ix *ix = api ? find_state(api) : NULL;
	tm_status st;

	*out = NULL;
	/* A read-only open may not have registered the tokenizer. */
	if (api && !ix) {
		if ((st = tm__index_open(h)) < 0)
			return st;
		ix = find_state(api);
	}
	if (!ix)
		return tm__error_set(TM_EDB, "index: not opened on this "
		                             "connection");
	if (!ix->ready)
		return tm__error_set(TM_EDB,
		                     "index: missing or written by an older "
		                     "libtm; open the TM once for writing to "
		                     "rebuild it");
	*out = ix;
	return TM_OK;
}
