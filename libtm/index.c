/* SPDX-License-Identifier: MIT */
/* The candidate index (index-private.h): an FTS5 table without content and
 * without positions, fed by triggers on tuv, tokenized by libtm's match
 * tokenizer. FTS5 buffers a transaction's postings in memory and merges
 * its segments incrementally, so a million puts in one transaction cost
 * one sequential write of the postings instead of a B-tree insert per
 * token; triggers run inside the store's own statements, so the index can
 * never disagree with the rows and needs no statement of its own. */
#include "index-private.h"
#include "termcount-private.h"
#include "tokenize-private.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Bump when the terms change: an older index is rebuilt on open. */
#define IX_VERSION "4"
/* Move staged variants into FTS5 in batches this large: one INSERT ...
 * SELECT per batch instead of one per variant, and it bounds the terms
 * made ahead that wait for the flush (a few hundred bytes a variant). */
#define IX_FLUSH_EVERY 16384
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
	tm__tcount pend;
	/* Terms made ahead (tm__ix_gen_terms()) of the variants staged
	 * since the last flush, in insertion (= id) order: the flush's
	 * tokenizer calls take them (from pre_next on) instead of
	 * tokenizing again, and the flush ends by dropping them all. */
	struct premade *pre;
	size_t pre_next, pre_n, pre_cap;
};

/* The terms of one variant, made ahead: its text ("<lang> 0x1f <key>",
 * to check that the row is still what they were made from), then each
 * term as two bytes of length (little-endian) and its bytes. */
struct tm__ix_terms {
	size_t text_len, len;
	char data[];
};

struct premade {
	long long id;
	tm__ix_terms *t;
};

/* Word -> transliteration key term cache (xkey_cached()). */
struct xkey_ent {
	uint64_t hash;
	size_t wlen, tlen;
	char *data; /* the word, then the term */
};

struct xkey_cache {
	struct xkey_ent *v; /* 2 * XKEY_CACHE_MAX slots, once used */
	size_t n;
};

/* Term generation off the writer's thread (tm-private.h). */
struct tm__ix_gen {
	tm__toks toks;
	tm__buf term, text, pack;
	tm_translit *tr;
	struct xkey_cache xkeys;
	tm__tcount counts;
};

struct tm__ix_counts {
	tm__tcount c;
};

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
	h = tm__hash_bytes(term, len);
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
	uint64_t h = tm__hash_bytes(term, len);
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
pre_clear(tm__ix *ix)
{
	for (size_t i = ix->pre_next; i < ix->pre_n; i++)
		free(ix->pre[i].t);
	ix->pre_next = ix->pre_n = 0;
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
	tm__tcount_clear(&ix->pend);
	pre_clear(ix);
	free(ix->pre);
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

/* Word -> its transliteration key term (possibly none), for the terms
 * made ahead: a key costs an ICU transliteration (most of the term
 * generation's time), and a TM repeats its words. Bounded: it starts over
 * when full. */
#define XKEY_CACHE_MAX (1u << 16)

static void
xkey_cache_clear(struct xkey_cache *c)
{
	for (size_t i = 0; c->v && i < 2 * XKEY_CACHE_MAX; i++)
		free(c->v[i].data);
	free(c->v);
	memset(c, 0, sizeof(*c));
}

/* The slot of @word: its entry, or the empty slot where it would go
 * (NULL when the table cannot be allocated). */
static struct xkey_ent *
xkey_slot(struct xkey_cache *c, const char *word, size_t wlen, uint64_t h)
{
	size_t mask = 2 * XKEY_CACHE_MAX - 1, i;

	if (!c->v && !(c->v = calloc(mask + 1, sizeof(*c->v))))
		return NULL;
	for (i = h & mask; c->v[i].data; i = (i + 1) & mask)
		if (c->v[i].hash == h && c->v[i].wlen == wlen &&
		    memcmp(c->v[i].data, word, wlen) == 0)
			break;
	return &c->v[i];
}

/* The key term of @word into @term, through @cache when there is one. */
static tm_status
xkey_cached(tm__buf *term, struct xkey_cache *cache, tm_translit *tr,
            const char *word, size_t wlen)
{
	uint64_t h;
	struct xkey_ent *e;
	tm_status st;

	if (!cache)
		return tm__xkey_term(term, tr, word, wlen);
	h = tm__hash_bytes(word, wlen);
	e = xkey_slot(cache, word, wlen, h);
	if (e && e->data) {
		term->len = 0;
		return tm__buf_append(term, e->data + wlen, e->tlen);
	}
	if ((st = tm__xkey_term(term, tr, word, wlen)) < 0 || !e)
		return st;
	if (cache->n >= XKEY_CACHE_MAX) {
		xkey_cache_clear(cache);
		if (!(e = xkey_slot(cache, word, wlen, h)))
			return TM_OK;
	}
	/* a cache: failing to remember is harmless */
	if ((e->data = malloc(wlen + term->len + 1))) {
		memcpy(e->data, word, wlen);
		if (term->len)
			memcpy(e->data + wlen, term->data, term->len);
		e->hash = h;
		e->wlen = wlen;
		e->tlen = term->len;
		cache->n++;
	}
	return TM_OK;
}

/* The index terms of "<lang> 0x1f <key>": what FTS5 stores and what the
 * frequency table counts. Then a transliteration key term per
 * cross-script word (tokenize-private.h), for tm_concord()'s
 * TM_CONCORD_TRANSLIT. */
static int
gen_terms(tm__toks *toks, tm__buf *term, tm_translit **tr,
          struct xkey_cache *cache, const char *text, size_t n, void *ctx,
          emit_fn fn)
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
		    xkey_cached(term, cache, *tr, s + w.off, w.len) < 0)
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
	tm__tcount *c;
};

static int
tee_term(void *ctx, int flags, const char *t, int n, int a, int b)
{
	struct tee *tee = ctx;
	int rc = count_term(tee->c, flags, t, n, a, b);

	return rc == SQLITE_OK ? tee->fn(tee->ctx, flags, t, n, a, b) : rc;
}

/* Pass the made-ahead terms of @t to FTS5. */
static int
emit_premade(const tm__ix_terms *t, void *ctx, emit_fn fn)
{
	const unsigned char *p = (const unsigned char *)t->data + t->text_len;
	const unsigned char *end = (const unsigned char *)t->data + t->len;
	int rc = SQLITE_OK;

	while (p + 2 <= end && rc == SQLITE_OK) {
		int n = p[0] | p[1] << 8;

		rc = fn(ctx, 0, (const char *)p + 2, n, 0, n);
		p += 2 + n;
	}
	return rc;
}

/* The made-ahead terms of variant @id if they were made from @text (the
 * caller frees them), else NULL. Entries of ids below @id belong to rows
 * deleted before the flush: dropped. */
static tm__ix_terms *
take_premade(tm__ix *ix, long long id, const char *text, size_t n)
{
	while (ix->pre_next < ix->pre_n) {
		struct premade *e = &ix->pre[ix->pre_next];
		tm__ix_terms *t = e->t;

		if (e->id > id)
			return NULL;
		ix->pre_next++;
		if (e->id == id && t->text_len == n &&
		    memcmp(t->data, text, n) == 0)
			return t;
		free(t);
		if (e->id == id)
			return NULL;
	}
	return NULL;
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
	/* The flush prefixes the row id, 0x1e <id> 0x1e, so that terms
	 * made ahead can be found (they were counted when made). */
	if (text[0] == 0x1e) {
		long long id = 0;
		int i = 1;
		tm__ix_terms *pre;

		while (i < n && text[i] >= '0' && text[i] <= '9')
			id = id * 10 + (text[i++] - '0');
		if (i < n && text[i] == 0x1e)
			i++;
		text += i;
		n -= i;
		pre = take_premade(ix, id, text, (size_t)n);
		if (pre) {
			int rc = emit_premade(pre, ctx, fn);

			free(pre);
			return rc;
		}
	}
	/* Counting while FTS5 tokenizes saves tokenizing every variant a
	 * second time for tm_ix_df. */
	if (ix->counting)
		return gen_terms(&ix->toks, &ix->term, &ix->tr, NULL, text,
		                 (size_t)n, &tee, tee_term);
	return gen_terms(&ix->toks, &ix->term, &ix->tr, NULL, text, (size_t)n,
	                 ctx, fn);
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
	" SELECT v.id, char(30) || v.id || char(30) || v.lang_base ||"
	" char(31) || v.key"
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
	(void)flags;
	(void)a;
	(void)b;
	return tm__tcount_add(ctx, t, (size_t)n) < 0 ? SQLITE_NOMEM
	                                              : SQLITE_OK;
}

/* Add the counts @c to tm_ix_df, in the table's order (BINARY
 * collation: bytes, then length), so that each page is visited once;
 * empties @c. */
static tm_status
write_counts(sqlite3 *h, tm__tcount *c)
{
	tm__tcount_ent **order = NULL;
	sqlite3_stmt *up = NULL;
	tm_status st;

	if (!c->n)
		return TM_OK;
	if ((st = tm__tcount_sorted(&order, c)) < 0) {
		tm__tcount_clear(c);
		return st;
	}
	if (sqlite3_prepare_v2(h,
	                       "INSERT INTO tm_ix_df(term, df) VALUES (?1, ?2)"
	                       " ON CONFLICT(term) DO UPDATE SET"
	                       " df = df + excluded.df",
	                       -1, &up, NULL) != SQLITE_OK) {
		st = sql_error(h, "cannot update");
		goto done;
	}
	for (size_t i = 0; i < c->n; i++) {
		sqlite3_bind_text(up, 1, tm__tcount_key(order[i]),
		                  (int)order[i]->len, SQLITE_STATIC);
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
	tm__tcount_clear(c);
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
	if (ix)
		pre_clear(ix); /* terms of rows that were not staged */
	if (!ix || (!final && ix->pend.n < IX_PEND_MAX))
		return TM_OK;
	return write_counts(h, &ix->pend);
}

/* A rolled back transaction's counts must not reach the next one. */
static void
on_rollback(void *p)
{
	tm__tcount_clear(&((tm__ix *)p)->pend);
	pre_clear(p);
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
		tm__tcount_clear(&ix->pend);
		return st;
	}
	if (sqlite3_exec(h, "RELEASE tm_ix_build", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return sql_error(h, "cannot build");
	ix->ready = true;
	return TM_OK;
}

tm_status
tm__index_add(sqlite3 *h, long long tuv_id, tm__ix_terms *terms)
{
	tm__ix *ix = reg_get(h);

	if (!ix) {
		free(terms);
		return TM_OK;
	}
	if (terms) {
		if (ix->pre_n == ix->pre_cap) {
			size_t cap = ix->pre_cap ? 2 * ix->pre_cap : 1024;
			struct premade *v = realloc(ix->pre, cap * sizeof(*v));

			if (!v) {
				free(terms);
				return tm__error_oom();
			}
			ix->pre = v;
			ix->pre_cap = cap;
		}
		ix->pre[ix->pre_n++] = (struct premade){ tuv_id, terms };
	}
	if (++ix->staged >= (ix->batch ? ix->batch : IX_FLUSH_EVERY))
		return flush(h, false);
	return TM_OK;
}

tm_status
tm__index_add_counts(sqlite3 *h, tm__ix_counts *c)
{
	tm_status st = TM_OK;

	if (c) {
		st = write_counts(h, &c->c);
		tm__ix_counts_free(c);
	}
	return st;
}

/* --- terms made ahead --- */

tm_status
tm__ix_gen_new(tm__ix_gen **out)
{
	*out = calloc(1, sizeof(**out));
	return *out ? TM_OK : tm__error_oom();
}

void
tm__ix_gen_free(tm__ix_gen *g)
{
	if (!g)
		return;
	tm__toks_dispose(&g->toks);
	tm__buf_dispose(&g->term);
	tm__buf_dispose(&g->text);
	tm__buf_dispose(&g->pack);
	tm_translit_free(g->tr);
	xkey_cache_clear(&g->xkeys);
	tm__tcount_clear(&g->counts);
	free(g);
}

static int
pack_term(void *ctx, int flags, const char *t, int n, int a, int b)
{
	tm__ix_gen *g = ctx;
	unsigned char len[2] = { (unsigned char)(n & 0xff),
		                 (unsigned char)(n >> 8) };

	(void)flags;
	(void)a;
	(void)b;
	if (tm__buf_append(&g->pack, (const char *)len, 2) < 0 ||
	    tm__buf_append(&g->pack, t, (size_t)n) < 0)
		return SQLITE_NOMEM;
	return count_term(&g->counts, 0, t, n, 0, 0);
}

tm_status
tm__ix_gen_terms(tm__ix_terms **out, tm__ix_gen *g, const char *lang_base,
                 const char *key)
{
	tm__ix_terms *t;
	tm_status st;

	*out = NULL;
	g->text.len = g->pack.len = 0;
	if ((st = tm__buf_append_str(&g->text, lang_base)) < 0 ||
	    (st = tm__buf_append(&g->text, "\x1f", 1)) < 0 ||
	    (st = tm__buf_append_str(&g->text, key)) < 0)
		return st;
	switch (gen_terms(&g->toks, &g->term, &g->tr, &g->xkeys, g->text.data,
	                  g->text.len, g, pack_term)) {
	case SQLITE_OK:
		break;
	case SQLITE_NOMEM:
		return tm__error_oom();
	default:
		return tm__error_set(TM_EUNICODE, "index: cannot make the "
		                                  "terms of '%s'", key);
	}
	t = malloc(sizeof(*t) + g->text.len + g->pack.len);
	if (!t)
		return tm__error_oom();
	t->text_len = g->text.len;
	t->len = g->text.len + g->pack.len;
	memcpy(t->data, g->text.data, g->text.len);
	if (g->pack.len)
		memcpy(t->data + g->text.len, g->pack.data, g->pack.len);
	*out = t;
	return TM_OK;
}

bool
tm__ix_gen_full(const tm__ix_gen *g)
{
	return g->counts.n >= IX_PEND_MAX;
}

tm_status
tm__ix_gen_take(tm__ix_counts **out, tm__ix_gen *g)
{
	*out = NULL;
	if (!g->counts.n)
		return TM_OK;
	if (!(*out = malloc(sizeof(**out))))
		return tm__error_oom();
	(*out)->c = g->counts;
	memset(&g->counts, 0, sizeof(g->counts));
	return TM_OK;
}

void
tm__ix_counts_free(tm__ix_counts *c)
{
	if (!c)
		return;
	tm__tcount_clear(&c->c);
	free(c);
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
