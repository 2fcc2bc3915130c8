/* SPDX-License-Identifier: MIT */
/* The candidate index on a real SQLite file with the store's schema
 * (white-box: the store's tables are created here as store-private.h
 * describes them, so the index is tested on its own). */
#include "tm-test.h"

#include <unistd.h>

#include "index-private.h"
#include "tokenize-private.h"

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

static long long
count(sqlite3 *h, const char *term)
{
	sqlite3_stmt *st = NULL;
	long long n = -1;
	char q[256];

	snprintf(q, sizeof(q), "\"%s\"", term);
	if (sqlite3_prepare_v2(h, "SELECT count(*) FROM tm_ix WHERE tm_ix MATCH ?",
	                       -1, &st, NULL) != SQLITE_OK)
		return -2;
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
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
	tm__toks_dispose(&t);
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

static void
test_index_triggers(void)
{
	const char *path = "test-index.db";
	sqlite3 *h = open_db(path);

	REQUIRE(h);
	REQUIRE(tm__index_open(h) == TM_OK);
	REQUIRE(tm__index_open(h) == TM_OK); /* idempotent */
	CHECK(sqlite3_exec(h,
	                   "INSERT INTO tuv(id, tu_id, lang, lang_base, markup,"
	                   " plain, key) VALUES"
	                   " (1, 1, 'en', 'en', '', '', 'putin met kim'),"
	                   " (2, 1, 'ko', 'ko', '', '', '푸틴은 평양에'),"
	                   " (3, 2, 'en', 'en', '', '', 'putin left')",
	                   NULL, NULL, NULL) == SQLITE_OK);
	/* staged until the store flushes before its commit */
	CHECK(count(h, "en:putin") == 0);
	REQUIRE(tm__index_flush(h) == TM_OK);
	CHECK(count(h, "en:putin") == 2);
	CHECK(count(h, "ko:푸틴") == 1);
	CHECK(count(h, "ko:평") == 1);
	CHECK(count(h, "ko:틴은") == 1);
	CHECK(count(h, "ko:은평") == 0); /* not across words */
	CHECK(count(h, "ru:putin") == 0);
	/* transliteration keys, in no language: putin = ptn, 푸틴은 = ptnn,
	 * 평양에 = pnn; keys under 2 symbols are not indexed */
	CHECK(count(h, "~ptn") == 2);
	CHECK(count(h, "~ptnn") == 1);
	CHECK(count(h, "~pnn") == 1);
	CHECK(count(h, "~km") == 1);
	CHECK(count(h, "~lpt") == 1); /* left */
	CHECK(sqlite3_exec(h, "DELETE FROM tuv WHERE id = 3", NULL, NULL,
	                   NULL) == SQLITE_OK);
	CHECK(count(h, "en:putin") == 1);
	CHECK(sqlite3_exec(h, "UPDATE tuv SET key = 'medvedev' WHERE id = 1",
	                   NULL, NULL, NULL) == SQLITE_OK);
	CHECK(count(h, "en:putin") == 0);
	CHECK(count(h, "en:medvedev") == 0);
	/* a staged variant deleted before the flush leaves no trace */
	CHECK(sqlite3_exec(h,
	                   "INSERT INTO tuv(id, tu_id, lang, lang_base, markup,"
	                   " plain, key) VALUES (4, 3, 'en', 'en', '', '',"
	                   " 'gone'); DELETE FROM tuv WHERE id = 4",
	                   NULL, NULL, NULL) == SQLITE_OK);
	REQUIRE(tm__index_flush(h) == TM_OK);
	CHECK(count(h, "en:gone") == 0);
	CHECK(count(h, "en:medvedev") == 1);

	/* A writer that did not flush: the next open does. */
	CHECK(sqlite3_exec(h,
	                   "INSERT INTO tuv(id, tu_id, lang, lang_base, markup,"
	                   " plain, key) VALUES (5, 4, 'en', 'en', '', '',"
	                   " 'late')", NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(h);
	REQUIRE(sqlite3_open(path, &h) == SQLITE_OK);
	REQUIRE(tm__index_open(h) == TM_OK);
	CHECK(count(h, "en:late") == 1);
	/* Reopen: the index is current and kept; another connection works. */
	REQUIRE(sqlite3_open(path, &h) == SQLITE_OK);
	REQUIRE(tm__index_open(h) == TM_OK);
	CHECK(count(h, "en:medvedev") == 1);
	/* An older index version is rebuilt from the rows. */
	sqlite3_exec(h, "UPDATE tm_ix_meta SET v = '0'", NULL, NULL, NULL);
	sqlite3_close(h);
	REQUIRE(sqlite3_open(path, &h) == SQLITE_OK);
	REQUIRE(tm__index_open(h) == TM_OK);
	CHECK(count(h, "en:medvedev") == 1);
	CHECK(count(h, "ko:푸틴") == 1);
	CHECK(count(h, "~ptnn") == 1);
	sqlite3_close(h);
	unlink(path);
}

static long long
df(sqlite3 *h, const char *term)
{
	sqlite3_stmt *st = NULL;
	long long n = 0;

	if (sqlite3_prepare_v2(h, "SELECT df FROM tm_ix_df WHERE term = ?", -1,
	                       &st, NULL) != SQLITE_OK)
		return -2;
	sqlite3_bind_text(st, 1, term, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* A tuv row as the store writes it (the index's triggers stage it). */
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

static void
add(sqlite3 *h, long long id, const char *lang, const char *key)
{
	insert_row(h, id, lang, key);
	CHECK(tm__index_add(h, id, NULL) == TM_OK);
}

/* Term counts: kept in memory across batches, written at the last flush,
 * added to what the table holds, and dropped with a rolled back
 * transaction. */
static void
test_index_df(void)
{
	const char *path = "test-index-df.db";
	sqlite3 *h = open_db(path);

	REQUIRE(h);
	REQUIRE(tm__index_open(h) == TM_OK);
	tm__index_set_batch(h, 2);
	REQUIRE(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK);
	add(h, 1, "en", "the cat and the dog");
	add(h, 2, "en", "a dog");
	add(h, 3, "ko", "푸틴은");
	/* two variants went to FTS5, their counts are still in memory */
	CHECK(count(h, "en:dog") == 2);
	CHECK(df(h, "en:dog") == 0);
	REQUIRE(tm__index_flush(h) == TM_OK);
	CHECK(df(h, "en:dog") == 2);
	CHECK(df(h, "en:the") == 2); /* occurrences, not variants */
	CHECK(df(h, "ko:틴은") == 1);
	REQUIRE(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);

	REQUIRE(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK);
	add(h, 4, "en", "dog days");
	add(h, 5, "en", "rolled back");
	add(h, 6, "en", "dog");
	REQUIRE(sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL) == SQLITE_OK);
	REQUIRE(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK);
	add(h, 4, "en", "hot dog");
	REQUIRE(tm__index_flush(h) == TM_OK);
	REQUIRE(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
	CHECK(df(h, "en:dog") == 3);
	CHECK(df(h, "en:days") == 0);
	CHECK(df(h, "en:rolled") == 0);
	CHECK(df(h, "en:hot") == 1);
	CHECK(count(h, "en:dog") == 3);
	CHECK(count(h, "en:days") == 0);
	sqlite3_close(h);
	unlink(path);
}

static void
add_premade(sqlite3 *h, tm__ix_gen *g, long long id, const char *lang,
            const char *row_key, const char *made_from)
{
	tm__ix_terms *t = NULL;

	REQUIRE(tm__ix_gen_terms(&t, g, lang, made_from) == TM_OK);
	insert_row(h, id, lang, row_key);
	CHECK(tm__index_add(h, id, t) == TM_OK);
}

/* Terms made ahead (the importer's reading thread) index a row exactly as
 * tokenizing it would, are used only for the text they were made from,
 * and their counts reach tm_ix_df through tm__index_add_counts(). */
static void
test_index_premade(void)
{
	const char *path = "test-index-premade.db";
	sqlite3 *h = open_db(path);
	tm__ix_gen *g = NULL;
	tm__ix_counts *c = NULL;

	REQUIRE(h);
	REQUIRE(tm__ix_gen_new(&g) == TM_OK);
	REQUIRE(tm__index_open(h) == TM_OK);
	REQUIRE(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK);
	add_premade(h, g, 1, "en", "putin met the press", "putin met the press");
	add_premade(h, g, 2, "ko", "푸틴은 평양", "푸틴은 평양");
	/* made from another text than the row has: the row's text wins */
	add_premade(h, g, 3, "en", "dog days", "other words");
	add_premade(h, g, 4, "ru", "путин", "путин");
	/* a staged row deleted before the flush: its terms are dropped */
	REQUIRE(sqlite3_exec(h, "DELETE FROM tuv WHERE id = 4", NULL, NULL,
	                     NULL) == SQLITE_OK);
	add_premade(h, g, 5, "en", "press", "press");
	CHECK(!tm__ix_gen_full(g));
	REQUIRE(tm__ix_gen_take(&c, g) == TM_OK);
	REQUIRE(c);
	CHECK(tm__index_add_counts(h, c) == TM_OK);
	REQUIRE(tm__ix_gen_take(&c, g) == TM_OK);
	CHECK(c == NULL); /* taken: the generator starts over */
	REQUIRE(tm__index_flush(h) == TM_OK);
	REQUIRE(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
	CHECK(count(h, "en:putin") == 1);
	CHECK(count(h, "en:press") == 2);
	CHECK(count(h, "ko:푸틴") == 1);
	CHECK(count(h, "ko:평양") == 1);
	CHECK(count(h, "~ptn") == 1);
	CHECK(count(h, "en:dog") == 1);
	CHECK(count(h, "en:other") == 0);
	CHECK(count(h, "ru:путин") == 0);
	/* the counts are those made ahead (a dropped row's included: a
	 * count too high only costs speed) */
	CHECK(df(h, "en:press") == 2);
	CHECK(df(h, "en:other") == 1);
	/* the same index as tokenizing: rebuild from the rows, compare */
	{
		sqlite3_stmt *st = NULL;
		char *before = NULL, *after = NULL;
		const char *q = "SELECT group_concat(term || '=' || doc, ' ')"
		                " FROM (SELECT term, doc FROM tm_ix_vocab"
		                " ORDER BY term)";

		REQUIRE(sqlite3_prepare_v2(h, q, -1, &st, NULL) == SQLITE_OK);
		if (sqlite3_step(st) == SQLITE_ROW)
			before = strdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		sqlite3_exec(h, "UPDATE tm_ix_meta SET v = '0'", NULL, NULL,
		             NULL);
		sqlite3_close(h);
		REQUIRE(sqlite3_open(path, &h) == SQLITE_OK);
		REQUIRE(tm__index_open(h) == TM_OK);
		REQUIRE(sqlite3_prepare_v2(h, q, -1, &st, NULL) == SQLITE_OK);
		if (sqlite3_step(st) == SQLITE_ROW)
			after = strdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		REQUIRE(before && after);
		CHECK_STR(before, after);
		free(before);
		free(after);
	}
	tm__ix_gen_free(g);
	sqlite3_close(h);
	unlink(path);
}

int
main(void)
{
	RUN(test_index_tokens);
	RUN(test_index_xwords);
	RUN(test_index_triggers);
	RUN(test_index_df);
	RUN(test_index_premade);
	return tm_test_done();
}
