/* SPDX-License-Identifier: MIT */
/* The candidate index on a real SQLite file with the store's schema
 * (white-box: the store's tables are created here as store-private.h
 * describes them, so the index is tested on its own). */
#include "tm-test.h"

#include <ctype.h>
#include <unistd.h>

#include "index-private.h"
#include "tokenize-private.h"

/* The index state of the test's connection (a test has one open at a
 * time), as a tm_db holds it. */
static tm__ix *cur;

/* tm__index_open() on @h, the state of an earlier open freed. */
static tm_status
ix_open(sqlite3 *h)
{
	tm__index_close(cur);
	cur = NULL;
	return tm__index_open(&cur, h, "test.db");
}

/* Close @h and its index state, as tm_db_close() does. */
static void
db_close(sqlite3 *h)
{
	tm__index_close(cur);
	cur = NULL;
	sqlite3_close(h);
}

static sqlite3 *
open_db(const char *path)
{
	sqlite3 *h = NULL;

	unlink(path);
	if (sqlite3_open(path, &h) != SQLITE_OK)
		return NULL;
	sqlite3_exec(h,
	             "CREATE TABLE tu(id INTEGER PRIMARY KEY, origin TEXT,"
	             " created TEXT, changed TEXT);"
	             "CREATE TABLE tuv(id INTEGER PRIMARY KEY, tu_id INTEGER,"
	             " lang TEXT, lang_base TEXT, markup TEXT, plain TEXT,"
	             " key TEXT, ctx_prev TEXT, ctx_next TEXT);",
	             NULL, NULL, NULL);
	return h;
}

/* A tuv row as the store writes it. */
static void
insert_row(sqlite3 *h, long long id, const char *lang, const char *key)
{
	sqlite3_stmt *st = NULL;

	REQUIRE(sqlite3_prepare_v2(h,
	                           "INSERT INTO tuv(id, tu_id, lang, lang_base,"
	                           " markup, plain, key) VALUES (?1, ?1, ?2,"
	                           " ?2, '', '', ?3)",
	                           -1, &st, NULL) == SQLITE_OK);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, key, -1, SQLITE_STATIC);
	CHECK(sqlite3_step(st) == SQLITE_DONE);
	sqlite3_finalize(st);
}

/* A row inserted and indexed as the store does. */
static void
add(sqlite3 *h, long long id, const char *lang, const char *key)
{
	insert_row(h, id, lang, key);
	CHECK(tm__index_add(cur, id, lang, key, strlen(key)) == TM_OK);
}

/* @ids as "id,id,..." (static storage). */
static const char *
ids_str(const tm__ids *ids)
{
	static char out[1024];
	size_t n = 0;

	out[0] = '\0';
	for (size_t i = 0; i < ids->n && n < sizeof(out) - 32; i++)
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%lld",
		                      i ? "," : "", ids->v[i]);
	return out;
}

/* The list of @term as "id,id,..." ("" when empty, "error" on error). */
static const char *
list(sqlite3 *h, const char *term)
{
	tm__ix *ix = NULL;
	tm__ids ids = { 0 };
	const char *out = "error";

	if (tm__index_ready(cur) == TM_OK && (ix = cur) &&
	    tm__ix_list(&ids, ix, term, strlen(term)) == TM_OK)
		out = ids_str(&ids);
	free(ids.v);
	return out;
}

/* The ids query @q finds, as list() gives them. */
static const char *
query(sqlite3 *h, const char *q)
{
	tm__ix *ix = NULL;
	tm__ids ids = { 0 };
	const char *out = "error";

	if (tm__index_ready(cur) == TM_OK && (ix = cur) &&
	    tm__ix_query(&ids, ix, q, strlen(q)) == TM_OK)
		out = ids_str(&ids);
	free(ids.v);
	return out;
}

static long long
df(sqlite3 *h, const char *term)
{
	tm__ix *ix = NULL;
	long long n = -1;

	if (tm__index_ready(cur) < 0 || !(ix = cur) ||
	    tm__ix_df(&n, ix, term, strlen(term)) < 0)
		return -2;
	return n;
}

static long long
int_of(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long n = -1;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return -2;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Every term and its list, in term order: the whole index as a string
 * (freed with free()). */
static char *
dump(sqlite3 *h)
{
	sqlite3_stmt *st = NULL;
	tm__buf b = { 0 };

	if (sqlite3_prepare_v2(h,
	                       "SELECT DISTINCT term FROM tm_ix_post"
	                       " ORDER BY term",
	                       -1, &st, NULL) != SQLITE_OK)
		return NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);

		tm__buf_append_str(&b, t);
		tm__buf_append_str(&b, "=");
		tm__buf_append_str(&b, list(h, t));
		tm__buf_append_str(&b, " ");
	}
	sqlite3_finalize(st);
	if (!b.data)
		return strdup("");
	return b.data;
}

/* Close @h after marking its index as an older libtm's, and open @path
 * again: tm__index_open() rebuilds the index from the rows. NULL when
 * the open or the rebuild fails. */
static sqlite3 *
reopen_old_index(sqlite3 *h, const char *path)
{
	sqlite3_exec(h, "UPDATE tm_ix_meta SET v = '0' WHERE k = 'version'",
	             NULL, NULL, NULL);
	db_close(h);
	if (sqlite3_open(path, &h) != SQLITE_OK ||
	    ix_open(h) != TM_OK) {
		db_close(h);
		return NULL;
	}
	return h;
}

static void
test_index_tokens(void)
{
	tm__toks t = { 0 };
	const char *s = "putin's 3.5 million, 2,000 푸틴은 $5";
	const char *want[] = { "putin", "s", "3.5", "million", "2,000",
	                       "푸", "틴", "은", "$", "5" };

	REQUIRE(tm__tokenize(&t, s, strlen(s)) == TM_OK);
	CHECK(t.n == TM_ARRAY_SIZE(want));
	for (size_t i = 0; i < t.n && i < TM_ARRAY_SIZE(want); i++) {
		char buf[64];

		snprintf(buf, sizeof(buf), "%.*s", (int)t.v[i].len,
		         s + t.v[i].off);
		CHECK_STR(buf, want[i]);
	}
	CHECK(t.v[2].kind == TM__TOK_NUM);
	CHECK(t.v[3].kind == TM__TOK_WORD);
	CHECK(t.v[5].kind == TM__TOK_CHAR && !t.v[5].joined);
	CHECK(t.v[6].joined && t.v[7].joined);
	CHECK(t.v[9].joined);
	/* every letter of U+0400..U+045F (a fast path) is inside a word,
	 * as ICU's general category says */
	for (unsigned c = 0x0400; c <= 0x045F; c++) {
		char w[8] = { 'x', (char)(0xC0 | c >> 6),
			      (char)(0x80 | (c & 0x3F)), 'y', 0 };

		REQUIRE(tm__tokenize(&t, w, 4) == TM_OK);
		CHECK(t.n == 1 && t.v[0].len == 4 &&
		      t.v[0].kind == TM__TOK_WORD);
	}
	/* after a letter, ASCII letters and digits (the fast path's other
	 * half) continue the word; any other ASCII character ends it */
	for (int c = 0x21; c < 0x7F; c++) {
		char w[4] = { 'x', (char)c, 'y', 0 };

		REQUIRE(tm__tokenize(&t, w, 3) == TM_OK);
		CHECK((t.n == 1 && t.v[0].len == 3) == (isalnum(c) != 0));
	}
	/* a letter anywhere in the run makes a word, digits alone a
	 * number; U+0460 is past the fast path and still a letter */
	s = "2022 7g 7\u0401 \u0436\u0460x";
	REQUIRE(tm__tokenize(&t, s, strlen(s)) == TM_OK);
	CHECK(t.n == 4);
	CHECK(t.n == 4 && t.v[0].kind == TM__TOK_NUM && t.v[0].len == 4 &&
	      t.v[1].kind == TM__TOK_WORD && t.v[1].len == 2 &&
	      t.v[2].kind == TM__TOK_WORD && t.v[2].len == 3 &&
	      t.v[3].kind == TM__TOK_WORD && t.v[3].len == 5);
	tm__toks_dispose(&t);
}

/* The in-memory tables' term comparison: every length from 0 to 40,
 * equal, and unequal at each byte. */
static void
test_index_bytes_eq(void)
{
	char a[48], b[48];

	for (size_t n = 0; n <= 40; n++) {
		for (size_t i = 0; i < sizeof(a); i++)
			a[i] = b[i] = (char)('a' + (i * 7 + n) % 26);
		CHECK(tm__bytes_eq(a, b, n));
		b[n] = 'X'; /* past the end: not compared */
		CHECK(tm__bytes_eq(a, b, n));
		for (size_t i = 0; i < n; i++) {
			memcpy(b, a, sizeof(b));
			b[i] = 'X';
			CHECK(!tm__bytes_eq(a, b, n));
		}
	}
}

/* Cross-script words: a Korean word keeps its particles, a hyphen or a
 * number ends a word. */
static void
test_index_xwords(void)
{
	tm__toks t = { 0 };
	const char *s = "kim jong-un 평양에서 3 g7정상 $x";
	const char *want[] = { "kim", "jong", "un", "평양에서", "g7정상", "x" };
	size_t i = 0, n = 0;
	tm__xword w;

	REQUIRE(tm__tokenize(&t, s, strlen(s)) == TM_OK);
	while ((i = tm__xword_next(&t, i, &w)), w.ntok) {
		char buf[64];

		snprintf(buf, sizeof(buf), "%.*s", (int)w.len, s + w.off);
		if (n < TM_ARRAY_SIZE(want))
			CHECK_STR(buf, want[n]);
		n++;
	}
	CHECK(n == TM_ARRAY_SIZE(want));
	CHECK(i == t.n);
	tm__toks_dispose(&t);
}

/* The terms of a variant, what the writer's own reads see, what a
 * deletion leaves, reopening and rebuilding. */
static void
test_index_terms(void)
{
	const char *path = "test-index.db";
	sqlite3 *h = open_db(path);

	REQUIRE(h);
	REQUIRE(ix_open(h) == TM_OK);
	REQUIRE(ix_open(h) == TM_OK); /* idempotent */
	REQUIRE(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK);
	add(h, 1, "en", "putin met kim");
	add(h, 2, "ko", "푸틴은 평양에");
	add(h, 3, "en", "putin left");
	/* in memory until the commit, but the writer's reads see them */
	CHECK(int_of(h, "SELECT count(*) FROM tm_ix_post") == 0);
	CHECK_STR(list(h, "en:putin"), "1,3");
	CHECK(int_of(h, "SELECT count(*) FROM tm_ix_post") > 0);
	REQUIRE(tm__index_flush(cur) == TM_OK);
	REQUIRE(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
	CHECK_STR(list(h, "en:putin"), "1,3");
	CHECK_STR(list(h, "ko:푸틴"), "2");
	CHECK_STR(list(h, "ko:평"), "2");
	CHECK_STR(list(h, "ko:틴은"), "2");
	CHECK_STR(list(h, "ko:은평"), ""); /* not across words */
	CHECK_STR(list(h, "ru:putin"), "");
	/* transliteration keys, in no language: putin = ptn, 푸틴은 = ptnn,
	 * 평양에 = pnn; keys under 2 symbols are not indexed */
	CHECK_STR(list(h, "~ptn"), "1,3");
	CHECK_STR(list(h, "~ptnn"), "2");
	CHECK_STR(list(h, "~pnn"), "2");
	CHECK_STR(list(h, "~km"), "1");
	CHECK_STR(list(h, "~lpt"), "3"); /* left */
	CHECK(df(h, "en:putin") == 2);
	CHECK(df(h, "en:nothing") == 0);
	/* a deleted variant stays in the lists (readers check each row)
	 * and is counted */
	CHECK(sqlite3_exec(h, "DELETE FROM tuv WHERE id = 3", NULL, NULL,
	                   NULL) == SQLITE_OK);
	CHECK_STR(list(h, "en:putin"), "1,3");
	CHECK(int_of(h, "SELECT v FROM tm_ix_meta WHERE k = 'stale'") == 1);
	db_close(h);

	/* Reopen: the index is current and kept. */
	REQUIRE(sqlite3_open(path, &h) == SQLITE_OK);
	REQUIRE(ix_open(h) == TM_OK);
	CHECK_STR(list(h, "en:putin"), "1,3");
	/* An older index version is rebuilt from the rows. */
	REQUIRE((h = reopen_old_index(h, path)));
	CHECK_STR(list(h, "en:putin"), "1");
	CHECK_STR(list(h, "ko:푸틴"), "2");
	CHECK_STR(list(h, "~ptnn"), "2");
	CHECK(int_of(h, "SELECT v FROM tm_ix_meta WHERE k = 'stale'") == 0);
	db_close(h);
	unlink(path);
}

/* Segments: several per transaction, lists ascending across them, a
 * rolled back transaction's postings dropped, a term's rows merged once
 * it has many, ids met out of order. */
static void
test_index_segments(void)
{
	const char *path = "test-index-seg.db";
	sqlite3 *h = open_db(path);
	char key[64];

	REQUIRE(h);
	REQUIRE(ix_open(h) == TM_OK);
	tm__index_set_batch(cur, 2);
	REQUIRE(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK);
	add(h, 1, "en", "the cat and the dog");
	add(h, 2, "en", "a dog");
	add(h, 3, "en", "dog");
	REQUIRE(tm__index_flush(cur) == TM_OK);
	REQUIRE(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
	CHECK(int_of(h, "SELECT count(*) FROM tm_ix_post"
	                " WHERE term = 'en:dog'") == 2);
	CHECK_STR(list(h, "en:dog"), "1,2,3");
	CHECK_STR(list(h, "en:the"), "1"); /* once per variant */
	CHECK(df(h, "en:dog") == 3);

	REQUIRE(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK);
	add(h, 4, "en", "dog days");
	add(h, 5, "en", "rolled back");
	add(h, 6, "en", "dog");
	REQUIRE(sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL) == SQLITE_OK);
	REQUIRE(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK);
	add(h, 4, "en", "hot dog");
	REQUIRE(tm__index_flush(cur) == TM_OK);
	REQUIRE(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
	CHECK_STR(list(h, "en:dog"), "1,2,3,4");
	CHECK_STR(list(h, "en:days"), "");
	CHECK_STR(list(h, "en:rolled"), "");

	/* one row per transaction until the merge */
	tm__index_set_batch(cur, 0);
	for (long long id = 10; id < 30; id++) {
		REQUIRE(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) ==
		        SQLITE_OK);
		snprintf(key, sizeof(key), "dog w%lld", id);
		add(h, id, "en", key);
		REQUIRE(tm__index_flush(cur) == TM_OK);
		REQUIRE(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) ==
		        SQLITE_OK);
	}
	CHECK(int_of(h, "SELECT count(*) FROM tm_ix_post"
	                " WHERE term = 'en:dog'") < 8);
	CHECK_STR(list(h, "en:dog"), "1,2,3,4,10,11,12,13,14,15,16,17,18,19,"
	                             "20,21,22,23,24,25,26,27,28,29");
	/* (df() would answer 3 from its cache: stale counts only cost
	 * speed) */
	CHECK(int_of(h, "SELECT sum(n) FROM tm_ix_post"
	                " WHERE term = 'en:dog'") == 24);

	/* a long list is kept out of the merge of the short ones */
	REQUIRE(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK);
	for (long long id = 100; id < 200; id++)
		add(h, id, "en", "cat");
	REQUIRE(tm__index_flush(cur) == TM_OK);
	REQUIRE(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
	for (long long id = 200; id < 208; id++) {
		REQUIRE(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) ==
		        SQLITE_OK);
		add(h, id, "en", "cat");
		REQUIRE(tm__index_flush(cur) == TM_OK);
		REQUIRE(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) ==
		        SQLITE_OK);
	}
	/* (row 1 has "cat" too) */
	CHECK(int_of(h, "SELECT count(*) FROM tm_ix_post"
	                " WHERE term = 'en:cat' AND n = 100") == 1);
	CHECK(int_of(h, "SELECT count(*) FROM tm_ix_post"
	                " WHERE term = 'en:cat'") < 8);
	CHECK(int_of(h, "SELECT sum(n) FROM tm_ix_post"
	                " WHERE term = 'en:cat'") == 109);
	CHECK(strncmp(list(h, "en:cat"), "1,100,101,", 10) == 0);

	/* ... also when the long list is the one this commit writes */
	for (long long id = 300; id < 307; id++) {
		REQUIRE(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) ==
		        SQLITE_OK);
		add(h, id, "en", "owl");
		REQUIRE(tm__index_flush(cur) == TM_OK);
		REQUIRE(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) ==
		        SQLITE_OK);
	}
	REQUIRE(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK);
	for (long long id = 307; id < 407; id++)
		add(h, id, "en", "owl");
	CHECK(tm__index_flush(cur) == TM_OK);
	REQUIRE(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
	CHECK(int_of(h, "SELECT count(*) FROM tm_ix_post"
	                " WHERE term = 'en:owl'") == 2);
	CHECK(int_of(h, "SELECT sum(n) FROM tm_ix_post"
	                " WHERE term = 'en:owl'") == 107);

	/* an id below one already gathered (a row deleted and its id used
	 * again) starts a new segment: lists stay ascending */
	REQUIRE(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK);
	add(h, 41, "en", "cow");
	add(h, 40, "en", "cow");
	REQUIRE(tm__index_flush(cur) == TM_OK);
	REQUIRE(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
	CHECK_STR(list(h, "en:cow"), "40,41");
	db_close(h);
	unlink(path);
}

/* Once the deleted variants outnumber the others, a commit rebuilds. */
static void
test_index_stale(void)
{
	const char *path = "test-index-stale.db";
	sqlite3 *h = open_db(path);
	char key[64];

	REQUIRE(h);
	REQUIRE(ix_open(h) == TM_OK);
	REQUIRE(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK);
	for (long long id = 1; id <= 10050; id++) {
		snprintf(key, sizeof(key), "word%lld shared", id);
		add(h, id, "en", key);
	}
	REQUIRE(tm__index_flush(cur) == TM_OK);
	REQUIRE(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
	REQUIRE(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK);
	REQUIRE(sqlite3_exec(h, "DELETE FROM tuv WHERE id > 2", NULL, NULL,
	                     NULL) == SQLITE_OK);
	CHECK(int_of(h, "SELECT v FROM tm_ix_meta WHERE k = 'stale'") ==
	      10048);
	REQUIRE(tm__index_flush(cur) == TM_OK);
	REQUIRE(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
	CHECK(int_of(h, "SELECT v FROM tm_ix_meta WHERE k = 'stale'") == 0);
	CHECK_STR(list(h, "en:shared"), "1,2");
	CHECK(int_of(h, "SELECT count(*) FROM tm_ix_post") == 6);
	db_close(h);
	unlink(path);
}

/* Queries: terms, prefixes, AND, OR, parentheses. */
static void
test_index_query(void)
{
	const char *path = "test-index-query.db";
	sqlite3 *h = open_db(path);

	REQUIRE(h);
	REQUIRE(ix_open(h) == TM_OK);
	REQUIRE(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK);
	add(h, 1, "en", "putin met kim");
	add(h, 2, "ru", "путин");
	add(h, 3, "en", "puttering about");
	add(h, 4, "en", "kim left");
	REQUIRE(tm__index_flush(cur) == TM_OK);
	REQUIRE(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
	CHECK_STR(query(h, "\"~ptn\""), "1,2");
	CHECK_STR(query(h, "\"~pt\"*"), "1,2,3");
	CHECK_STR(query(h, "\"~ptn\" AND \"~km\""), "1");
	CHECK_STR(query(h, "\"~ptn\" OR \"~km\""), "1,2,4");
	CHECK_STR(query(h, "\"~lpt\" OR (\"~ptn\" AND \"~km\")"), "1,4");
	CHECK_STR(query(h, "(\"~lpt\" OR \"~ptn\") AND \"~km\""), "1,4");
	CHECK_STR(query(h, "\"~zz\""), "");
	CHECK_STR(query(h, "\"~ptn\" AND"), "error");
	CHECK_STR(query(h, "(\"~ptn\""), "error");
	CHECK_STR(query(h, "~ptn"), "error");
	db_close(h);
	unlink(path);
}

/* Terms made on the feed's thread (a big transaction's: syllable pairs,
 * transliteration keys) index rows exactly as the writer's own thread
 * makes them: rebuild from the rows (no feed: too few) and compare. */
static void
test_index_feed_terms(void)
{
	const char *path = "test-index-feed-terms.db";
	sqlite3 *h = open_db(path);
	char *before, *after;

	REQUIRE(h);
	REQUIRE(ix_open(h) == TM_OK);
	tm__index_set_feed_min(cur, 1);
	REQUIRE(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK);
	add(h, 1, "en", "putin met the press");
	add(h, 2, "ko", "푸틴은 평양");
	add(h, 3, "ru", "путин 3.5 млн");
	add(h, 4, "en", "press");
	REQUIRE(tm__index_flush(cur) == TM_OK);
	REQUIRE(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
	CHECK_STR(list(h, "en:press"), "1,4");
	CHECK_STR(list(h, "~ptn"), "1,3");
	CHECK_STR(list(h, "ko:평양"), "2");
	before = dump(h);
	REQUIRE((h = reopen_old_index(h, path)));
	after = dump(h);
	REQUIRE(before && after);
	CHECK(strlen(before) > 100);
	CHECK_STR(before, after);
	free(before);
	free(after);
	db_close(h);
	unlink(path);
}

/* Postings gathered on the feed's thread (a big transaction's) give the
 * lists the writer's own thread gives: across segments it asks for, after
 * a rollback (which stops it), with an id below one it gathered (it stops
 * there until the writer writes a segment), and with the writer reading
 * its own postings in the middle of the transaction. */
static void
test_index_feed(void)
{
	const char *path = "test-index-feed.db";
	sqlite3 *h = open_db(path);
	char key[64], want[64];

	REQUIRE(h);
	REQUIRE(ix_open(h) == TM_OK);
	tm__index_set_feed_min(cur, 1);
	tm__index_set_batch(cur, 2);
	REQUIRE(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK);
	add(h, 1, "en", "the cat and the dog");
	add(h, 2, "en", "a dog");
	add(h, 3, "en", "dog");
	REQUIRE(tm__index_flush(cur) == TM_OK);
	REQUIRE(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
	CHECK_STR(list(h, "en:dog"), "1,2,3");
	CHECK_STR(list(h, "en:the"), "1");

	REQUIRE(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK);
	add(h, 4, "en", "dog days");
	add(h, 5, "en", "rolled back");
	REQUIRE(sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL) == SQLITE_OK);
	REQUIRE(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK);
	add(h, 100, "en", "hot dog");
	add(h, 50, "en", "cold dog"); /* below 100: a segment first */
	add(h, 101, "en", "dog");
	REQUIRE(tm__index_flush(cur) == TM_OK);
	REQUIRE(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
	CHECK_STR(list(h, "en:dog"), "1,2,3,50,100,101");
	CHECK_STR(list(h, "en:days"), "");
	CHECK_STR(list(h, "en:rolled"), "");

	/* thousands of variants, segments when the memory bound says */
	tm__index_set_batch(cur, 0);
	REQUIRE(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK);
	for (long long id = 1000; id < 21000; id++) {
		snprintf(key, sizeof(key), "w%lld word%lld", id % 7, id);
		add(h, id, "en", key);
		if (id == 15000) /* the writer reads what it added */
			CHECK_STR(list(h, "en:word14999"), "14999");
	}
	REQUIRE(tm__index_flush(cur) == TM_OK);
	REQUIRE(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
	{
		long long n3 = 0;

		for (long long id = 1000; id < 21000; id++)
			n3 += id % 7 == 3;
		CHECK(df(h, "en:w3") == n3);
	}
	for (long long id = 1000; id < 21000; id += 997) {
		snprintf(key, sizeof(key), "en:word%lld", id);
		snprintf(want, sizeof(want), "%lld", id);
		CHECK_STR(list(h, key), want);
	}
	tm__index_set_feed_min(cur, 0);
	db_close(h);
	unlink(path);
}

/* A variant of thousands of terms is held on its own and written as a
 * segment of its own (index-gather.c, add_solo()): between small ones in
 * one transaction, on the writer's thread and on the feed's, its lists
 * are those any variant gets, and the row count kept in tm_ix_meta
 * follows. */
static void
test_index_solo(void)
{
	const char *path = "test-index-solo.db";

	for (int feed = 0; feed < 2; feed++) {
		sqlite3 *h = open_db(path);
		tm__buf big = { 0 }, rep = { 0 };
		char w[32];

		REQUIRE(h);
		REQUIRE(ix_open(h) == TM_OK);
		if (feed)
			tm__index_set_feed_min(cur, 1);
		/* 12,000 distinct words; 9,000 times one word */
		tm__buf_append_str(&big, "dog");
		for (int i = 0; i < 12000; i++) {
			snprintf(w, sizeof(w), " w%d", i);
			tm__buf_append_str(&big, w);
		}
		for (int i = 0; i < 9000; i++)
			tm__buf_append_str(&rep, "cat ");
		tm__buf_append_str(&rep, "dog");
		REQUIRE(big.data && rep.data);
		REQUIRE(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) ==
		        SQLITE_OK);
		add(h, 1, "en", "dog cat");
		add(h, 2, "en", big.data);
		add(h, 3, "en", "dog");
		add(h, 4, "en", rep.data);
		add(h, 5, "en", "cat");
		add(h, 7, "en", big.data);
		add(h, 6, "en", "w7 dog"); /* below 7: written after it */
		REQUIRE(tm__index_flush(cur) == TM_OK);
		REQUIRE(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) ==
		        SQLITE_OK);
		CHECK(!tm__index_feed_running(cur));
		CHECK_STR(list(h, "en:dog"), "1,2,3,4,6,7");
		CHECK_STR(list(h, "en:cat"), "1,4,5");
		CHECK_STR(list(h, "en:w7"), "2,6,7");
		CHECK_STR(list(h, "en:w11999"), "2,7");
		CHECK(df(h, "en:w5000") == 2);
		CHECK(int_of(h, "SELECT count(*) FROM tm_ix_post WHERE"
		                " term = 'en:w5000'") == 2);
		CHECK(int_of(h, "SELECT (SELECT v FROM tm_ix_meta WHERE"
		                " k = 'rows') = (SELECT count(*) FROM"
		                " tm_ix_post)") == 1);
		tm__buf_dispose(&big);
		tm__buf_dispose(&rep);
		db_close(h);
		unlink(path);
	}
}

int
main(void)
{
	RUN(test_index_tokens);
	RUN(test_index_bytes_eq);
	RUN(test_index_xwords);
	RUN(test_index_terms);
	RUN(test_index_segments);
	RUN(test_index_feed);
	RUN(test_index_feed_terms);
	RUN(test_index_solo);
	RUN(test_index_stale);
	RUN(test_index_query);
	return tm_test_done();
}
