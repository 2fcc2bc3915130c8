/* SPDX-License-Identifier: MIT */
/* The SQLite store on real files in a temporary directory. */
#include <tm/tm.h>

#include "fnv-private.h"
#include "index-private.h"
#include "store-private.h"
#include "tmx-private.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifdef __linux__
#define ON_LINUX true
#else
#define ON_LINUX false
#endif

#include "tm-test.h"

static char dir[256];
static int nfile;

/* A fresh path in the temporary directory. */
static const char *
tmp_path(const char *name)
{
	static char p[8][512];
	static int k;
	char *s = p[k++ % 8];

	snprintf(s, 512, "%s/%d-%s", dir, ++nfile, name);
	return s;
}

static tm_db *
open_new(const char *name)
{
	tm_db *db = NULL;

	if (tm_db_open(&db, tmp_path(name), NULL) != TM_OK)
		printf("# open: %s\n", tm_errmsg());
	return db;
}

/* A bilingual unit with no metadata. */
static tm_unit *
pair(const char *l1, const char *s1, const char *l2, const char *s2)
{
	tm_unit *u = NULL;

	if (tm_unit_new(&u) != TM_OK)
		return NULL;
	tm_unit_add_variant(NULL, u, l1, NULL, s1);
	tm_unit_add_variant(NULL, u, l2, NULL, s2);
	return u;
}

static tm_put_result
put(tm_db *db, tm_unit *u, tm_dup_mode mode)
{
	tm_put_result r = (tm_put_result)-1;

	if (tm_db_put(&r, db, u, NULL, mode) != TM_OK)
		printf("# put: %s\n", tm_errmsg());
	return r;
}

static void
sql(const char *path, const char *q)
{
	sqlite3 *h = NULL;

	sqlite3_open(path, &h);
	if (sqlite3_exec(h, q, NULL, NULL, NULL) != SQLITE_OK)
		printf("# sql: %s\n", sqlite3_errmsg(h));
	sqlite3_close(h);
}

static long long
sql_int(const char *path, const char *q)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *s = NULL;
	long long v = -1;

	sqlite3_open(path, &h);
	if (sqlite3_prepare_v2(h, q, -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(h);
	return v;
}

static void
test_store_round_trip(void)
{
	tm_db *db = open_new("rt.db");
	tm_unit *u = NULL, *g = NULL;
	tm_variant *v;
	const tm_meta *m;
	const char *name, *value;

	REQUIRE(db);
	REQUIRE(tm_unit_new(&u) == TM_OK);
	m = tm_unit_meta(u);
	tm_meta_set_attr(tm_unit_meta(u), "tuid", "42");
	tm_meta_set_attr(tm_unit_meta(u), "creationdate", "20240101T000000Z");
	tm_meta_set_attr(tm_unit_meta(u), "x-odd", "tab\there\nnl \\ bs");
	tm_meta_set_attr(tm_unit_meta(u), "creationid", "ann");
	tm_meta_set_attr(tm_unit_meta(u), "changedate", "20240202T000000Z");
	tm_meta_set_attr(tm_unit_meta(u), "changeid", "bob");
	tm_meta_set_attr(tm_unit_meta(u), "usagecount", "3");
	tm_meta_set_attr(tm_unit_meta(u), "lastusagedate", "20240303T000000Z");
	tm_meta_add_prop(tm_unit_meta(u), "x-domain", NULL, "politics");
	tm_meta_add_prop(tm_unit_meta(u), "x-region", "en", "Asia");
	tm_meta_add_note(tm_unit_meta(u), NULL, "checked");
	REQUIRE(tm_unit_add_variant(&v, u, "EN-us", "Hello <b>you</b>",
	                            "Hello you") == TM_OK);
	tm_meta_set_attr(tm_variant_meta(v), "o-encoding", "utf-8");
	tm_meta_add_prop(tm_variant_meta(v), "x-context-pre", NULL, "Before.");
	tm_meta_add_note(tm_variant_meta(v), "en", "a note");
	REQUIRE(tm_unit_add_variant(NULL, u, "ko", NULL, "안녕 & <you>") ==
	        TM_OK);
	REQUIRE(tm_unit_add_variant(NULL, u, "ru", NULL, "Привет") == TM_OK);
	REQUIRE(tm_db_put(NULL, db, u, "wire.tmx", TM_DUP_MERGE) == TM_OK);
	CHECK(tm_unit_id(u) > 0);

	REQUIRE(tm_db_get(&g, db, tm_unit_id(u)) == TM_OK);
	CHECK(tm_unit_id(g) == tm_unit_id(u));
	CHECK_STR(tm_unit_origin(g), "wire.tmx");
	m = tm_unit_meta_const(g);
	REQUIRE(tm_meta_attr_count(m) == 8);
	tm_meta_attr_at(&name, &value, m, 0);
	CHECK_STR(name, "tuid");
	tm_meta_attr_at(&name, &value, m, 2);
	CHECK_STR(name, "x-odd");
	CHECK_STR(value, "tab\there\nnl \\ bs");
	CHECK_STR(tm_meta_attr(m, "lastusagedate"), "20240303T000000Z");
	REQUIRE(tm_meta_prop_count(m) == 2);
	CHECK_STR(tm_meta_prop(m, 1)->type, "x-region");
	CHECK_STR(tm_meta_prop(m, 1)->lang, "en");
	CHECK_STR(tm_meta_prop(m, 1)->value, "Asia");
	CHECK(tm_meta_prop(m, 0)->lang == NULL);
	REQUIRE(tm_meta_note_count(m) == 1);
	CHECK_STR(tm_meta_note(m, 0)->text, "checked");
	REQUIRE(tm_unit_variant_count(g) == 3);
	v = tm_unit_variant(g, 0);
	CHECK_STR(tm_variant_lang(v), "en-US");
	CHECK_STR(tm_variant_markup(v), "Hello <b>you</b>");
	CHECK_STR(tm_variant_plain(v), "Hello you");
	CHECK_STR(tm_meta_attr(tm_variant_meta(v), "o-encoding"), "utf-8");
	CHECK(tm_meta_prop_count(tm_variant_meta(v)) == 1);
	CHECK(tm_meta_note_count(tm_variant_meta(v)) == 1);
	CHECK_STR(tm_meta_note(tm_variant_meta(v), 0)->lang, "en");
	v = tm_unit_variant(g, 1);
	CHECK_STR(tm_variant_markup(v), "안녕 &amp; &lt;you&gt;");
	CHECK_STR(tm_variant_plain(v), "안녕 & <you>");
	CHECK(tm_meta_prop_count(tm_variant_meta(v)) == 0);
	CHECK_STR(tm_variant_lang(tm_unit_variant(g, 2)), "ru");
	tm_unit_free(g);

	/* The columns other modules read directly. */
	{
		char *p = strdup(tm_db_path(db));

		tm_unit_free(u);
		CHECK(tm_db_close(db) == TM_OK);
		CHECK(sql_int(p, "SELECT count(*) FROM tuv WHERE lang_base = "
		                 "'en' AND lang = 'en-US'") == 1);
		CHECK(sql_int(p, "SELECT count(*) FROM tuv WHERE "
		                 "ctx_prev IS NOT NULL") == 1);
		CHECK(sql_int(p, "SELECT usage_count FROM tu") == 3);
		CHECK(sql_int(p, "PRAGMA user_version") ==
		      tm_db_schema_version());
		free(p);
	}
}

/* tm_db_put() with a NULL origin keeps the unit's own. */
static void
test_store_unit_origin(void)
{
	tm_db *db = open_new("origin.db");
	tm_unit *u = pair("en", "x", "ko", "엑스"), *g = NULL;
	tm_db_query q = TM_DB_QUERY_INIT;
	tm_db_cursor *c = NULL;

	REQUIRE(db && u);
	REQUIRE(tm_unit_set_origin(u, "story-7") == TM_OK);
	REQUIRE(tm_db_put(NULL, db, u, NULL, TM_DUP_MERGE) == TM_OK);
	REQUIRE(tm_db_get(&g, db, tm_unit_id(u)) == TM_OK);
	CHECK_STR(tm_unit_origin(g), "story-7");
	tm_unit_free(g);
	q.origin = "story-7";
	REQUIRE(tm_db_cursor_new(&c, db, &q) == TM_OK);
	CHECK(tm_db_cursor_next(&g, c) == TM_OK);
	CHECK(g && tm_unit_id(g) == tm_unit_id(u));
	tm_unit_free(g);
	CHECK(tm_db_cursor_next(&g, c) == TM_DONE);
	CHECK(g == NULL);
	tm_db_cursor_free(c);
	tm_unit_free(u);
	tm_db_close(db);
}

/* tm_db_data_version(): moved by what another handle commits, not by
 * the handle's own writes nor by a transaction still open elsewhere. */
static void
test_store_data_version(void)
{
	tm_db *a = open_new("dv.db"), *b = NULL;
	tm_unit *u = pair("en", "Seoul", "ko", "서울");
	tm_unit *v = pair("en", "Busan", "ko", "부산");
	tm_unit *w = pair("en", "Incheon", "ko", "인천");
	long long d0 = -1, d1 = -1, d2 = -1, d3 = -1;

	CHECK(a && u && v && w);
	CHECK(tm_db_open(&b, tm_db_path(a), NULL) == TM_OK);
	CHECK(tm_db_data_version(&d0, a) == TM_OK);
	put(a, u, TM_DUP_MERGE);
	CHECK(tm_db_data_version(&d1, a) == TM_OK && d1 == d0);
	CHECK(tm_db_begin(b) == TM_OK);
	put(b, v, TM_DUP_MERGE);
	CHECK(tm_db_data_version(&d2, a) == TM_OK && d2 == d0);
	CHECK(tm_db_commit(b) == TM_OK);
	CHECK(tm_db_data_version(&d3, a) == TM_OK && d3 != d2);
	put(b, w, TM_DUP_MERGE);
	CHECK(tm_db_data_version(&d0, a) == TM_OK && d0 != d3);
	CHECK(tm_db_data_version(NULL, a) == TM_EINVAL);
	CHECK(tm_db_data_version(&d0, NULL) == TM_EINVAL);
	tm_unit_free(u);
	tm_unit_free(v);
	tm_unit_free(w);
	tm_db_close(b);
	tm_db_close(a);
}

static void
test_store_get_missing(void)
{
	tm_db *db = open_new("missing.db");
	tm_unit *u = (tm_unit *)1;

	REQUIRE(db);
	CHECK(tm_db_get(&u, db, 99) == TM_ENOTFOUND);
	CHECK(u == NULL);
	CHECK(strstr(tm_errmsg(), "no unit 99") != NULL);
	CHECK(tm_db_delete(db, 99) == TM_ENOTFOUND);
	tm_db_close(db);
}

static void
test_store_bad_units(void)
{
	tm_db *db = open_new("bad.db");
	tm_unit *u = NULL;

	REQUIRE(db);
	tm_unit_new(&u);
	CHECK(tm_db_put(NULL, db, u, NULL, TM_DUP_MERGE) == TM_EINVAL);
	tm_unit_add_variant(NULL, u, "en", NULL, "a");
	tm_unit_add_variant(NULL, u, "not a tag!", NULL, "b");
	CHECK(tm_db_put(NULL, db, u, NULL, TM_DUP_MERGE) == TM_EINVAL);
	CHECK(strstr(tm_errmsg(), "bad language tag 'not a tag!'") != NULL);
	CHECK(tm_db_unit_count(db) == 0);
	tm_unit_free(u);
	tm_db_close(db);
}

/* The store normalizes a variant's tag in place when it fits, else in an
 * allocation: both give the same tag, and both refuse a bad one. */
static void
test_store_long_lang_tag(void)
{
	tm_db *db = open_new("longtag.db");
	tm_unit *u = NULL, *g = NULL;

	REQUIRE(db);
	REQUIRE(tm_unit_new(&u) == TM_OK);
	tm_unit_add_variant(NULL, u, "DE_de", NULL, "a");
	tm_unit_add_variant(NULL, u, "EN-latn-us-x-private1-private2", NULL,
	                    "b");
	REQUIRE(tm_db_put(NULL, db, u, NULL, TM_DUP_MERGE) == TM_OK);
	REQUIRE(tm_db_get(&g, db, tm_unit_id(u)) == TM_OK);
	REQUIRE(tm_unit_variant_count(g) == 2);
	CHECK_STR(tm_variant_lang(tm_unit_variant(g, 0)), "de-DE");
	CHECK_STR(tm_variant_lang(tm_unit_variant(g, 1)),
	          "en-Latn-US-x-private1-private2");
	tm_unit_free(g);
	tm_unit_free(u);

	REQUIRE(tm_unit_new(&u) == TM_OK);
	tm_unit_add_variant(NULL, u, "en", NULL, "c");
	tm_unit_add_variant(NULL, u, "en-x-private1-private2-toolong123", NULL,
	                    "d");
	CHECK(tm_db_put(NULL, db, u, NULL, TM_DUP_MERGE) == TM_EINVAL);
	CHECK(strstr(tm_errmsg(),
	             "bad language tag "
	             "'en-x-private1-private2-toolong123'") != NULL);
	CHECK(tm_db_unit_count(db) == 1);
	tm_unit_free(u);
	tm_db_close(db);
}

static void
test_store_dup_merge(void)
{
	tm_db *db = open_new("dup.db");
	tm_unit *a = pair("en", "Hi", "ko", "안녕");
	tm_unit *b = pair("ko", "안녕", "en-us", "Hi"); /* other order */
	tm_unit *c = pair("en", "Hi", "ko", "안녕하세요");
	tm_unit *g = NULL;
	const tm_meta *m;

	REQUIRE(db && a && b && c);
	tm_meta_set_attr(tm_unit_meta(a), "creationdate", "20240105T000000Z");
	tm_meta_set_attr(tm_unit_meta(a), "creationid", "late");
	tm_meta_set_attr(tm_unit_meta(a), "changedate", "20240110T000000Z");
	tm_meta_set_attr(tm_unit_meta(a), "usagecount", "2");
	tm_meta_add_prop(tm_unit_meta(a), "x-domain", NULL, "news");
	tm_meta_set_attr(tm_unit_meta(b), "creationdate", "20240101T000000Z");
	tm_meta_set_attr(tm_unit_meta(b), "creationid", "early");
	tm_meta_set_attr(tm_unit_meta(b), "changedate", "20240120T000000Z");
	tm_meta_set_attr(tm_unit_meta(b), "changeid", "editor");
	tm_meta_set_attr(tm_unit_meta(b), "usagecount", "5");
	tm_meta_set_attr(tm_unit_meta(b), "x-new", "1");
	tm_meta_add_prop(tm_unit_meta(b), "x-domain", NULL, "news");
	tm_meta_add_prop(tm_unit_meta(b), "x-domain", NULL, "sport");
	tm_meta_add_note(tm_unit_meta(b), NULL, "from b");
	tm_meta_add_note(tm_variant_meta(tm_unit_variant(b, 0)), NULL, "kn");
	/* "en" and "en-us" differ: not a duplicate. */
	CHECK(put(db, a, TM_DUP_MERGE) == TM_PUT_ADDED);
	CHECK(put(db, b, TM_DUP_MERGE) == TM_PUT_ADDED);
	tm_unit_free(b);
	b = pair("ko", "안녕", "en", "Hi");
	tm_meta_set_attr(tm_unit_meta(b), "creationdate", "20240101T000000Z");
	tm_meta_set_attr(tm_unit_meta(b), "creationid", "early");
	tm_meta_set_attr(tm_unit_meta(b), "changedate", "20240120T000000Z");
	tm_meta_set_attr(tm_unit_meta(b), "changeid", "editor");
	tm_meta_set_attr(tm_unit_meta(b), "usagecount", "5");
	tm_meta_set_attr(tm_unit_meta(b), "x-new", "1");
	tm_meta_add_prop(tm_unit_meta(b), "x-domain", NULL, "news");
	tm_meta_add_prop(tm_unit_meta(b), "x-domain", NULL, "sport");
	tm_meta_add_note(tm_unit_meta(b), NULL, "from b");
	tm_meta_add_note(tm_variant_meta(tm_unit_variant(b, 0)), NULL, "kn");
	CHECK(put(db, b, TM_DUP_MERGE) == TM_PUT_MERGED);
	CHECK(tm_unit_id(b) == tm_unit_id(a));
	CHECK(put(db, c, TM_DUP_MERGE) == TM_PUT_ADDED);
	CHECK(tm_db_unit_count(db) == 3);

	REQUIRE(tm_db_get(&g, db, tm_unit_id(a)) == TM_OK);
	m = tm_unit_meta_const(g);
	CHECK_STR(tm_meta_attr(m, "creationdate"), "20240101T000000Z");
	CHECK_STR(tm_meta_attr(m, "creationid"), "early");
	CHECK_STR(tm_meta_attr(m, "changedate"), "20240120T000000Z");
	CHECK_STR(tm_meta_attr(m, "changeid"), "editor");
	CHECK_STR(tm_meta_attr(m, "usagecount"), "7");
	CHECK_STR(tm_meta_attr(m, "x-new"), "1");
	CHECK(tm_meta_prop_count(m) == 2);
	CHECK(tm_meta_note_count(m) == 1);
	/* The Korean variant of the stored unit got the note of b's. */
	CHECK_STR(tm_variant_lang(tm_unit_variant(g, 1)), "ko");
	CHECK(tm_meta_note_count(tm_variant_meta(tm_unit_variant(g, 1))) == 1);
	CHECK(tm_meta_note_count(tm_variant_meta(tm_unit_variant(g, 0))) == 0);
	tm_unit_free(g);

	/* Merging the same again adds no prop twice, sums usage. */
	CHECK(put(db, b, TM_DUP_MERGE) == TM_PUT_MERGED);
	REQUIRE(tm_db_get(&g, db, tm_unit_id(a)) == TM_OK);
	CHECK(tm_meta_prop_count(tm_unit_meta(g)) == 2);
	CHECK_STR(tm_meta_attr(tm_unit_meta(g), "usagecount"), "12");
	tm_unit_free(g);

	tm_unit_free(a);
	tm_unit_free(b);
	tm_unit_free(c);
	tm_db_close(db);
}

static void
test_store_dup_keep_and_skip(void)
{
	tm_db *db = open_new("keep.db");
	tm_unit *a = pair("en", "Rain", "ru", "Дождь");
	tm_unit *g = NULL;

	REQUIRE(db && a);
	tm_meta_set_attr(tm_unit_meta(a), "changedate", "20240110T000000Z");
	CHECK(put(db, a, TM_DUP_MERGE) == TM_PUT_ADDED);
	CHECK(put(db, a, TM_DUP_KEEP) == TM_PUT_ADDED);
	CHECK(tm_db_unit_count(db) == 2);
	tm_db_close(db);

	db = open_new("skip.db");
	REQUIRE(db);
	CHECK(put(db, a, TM_DUP_SKIP_NEWER) == TM_PUT_ADDED);
	/* Same date: the stored one is as new, skipped. */
	CHECK(put(db, a, TM_DUP_SKIP_NEWER) == TM_PUT_SKIPPED);
	tm_meta_set_attr(tm_unit_meta(a), "changedate", "20230101T000000Z");
	tm_meta_set_attr(tm_unit_meta(a), "changeid", "old");
	CHECK(put(db, a, TM_DUP_SKIP_NEWER) == TM_PUT_SKIPPED);
	tm_meta_set_attr(tm_unit_meta(a), "changedate", "20250101T000000Z");
	tm_meta_set_attr(tm_unit_meta(a), "changeid", "new");
	CHECK(put(db, a, TM_DUP_SKIP_NEWER) == TM_PUT_MERGED);
	CHECK(tm_db_unit_count(db) == 1);
	REQUIRE(tm_db_get(&g, db, tm_unit_id(a)) == TM_OK);
	CHECK_STR(tm_meta_attr(tm_unit_meta(g), "changedate"),
	          "20250101T000000Z");
	CHECK_STR(tm_meta_attr(tm_unit_meta(g), "changeid"), "new");
	tm_unit_free(g);
	tm_unit_free(a);
	tm_db_close(db);
}

/* Units of a cursor, as "id:lang,lang" strings joined by spaces. */
static void
cursor_list(char *buf, size_t size, tm_db *db, const tm_db_query *q)
{
	tm_db_cursor *c = NULL;
	tm_unit *u;
	size_t n = 0;

	buf[0] = '\0';
	if (tm_db_cursor_new(&c, db, q) != TM_OK) {
		snprintf(buf, size, "error: %s", tm_errmsg());
		return;
	}
	while (tm_db_cursor_next(&u, c) == TM_OK) {
		n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? " " : "",
		                      tm_variant_plain(tm_unit_variant(u, 0)));
		for (size_t i = 0; i < tm_unit_variant_count(u); i++)
			n += (size_t)snprintf(
			        buf + n, size - n, "%s%s", i ? "," : ":",
			        tm_variant_lang(tm_unit_variant(u, i)));
		tm_unit_free(u);
	}
	tm_db_cursor_free(c);
}

static void
test_store_cursor_filters(void)
{
	tm_db *db = open_new("cursor.db");
	tm_unit *u;
	char got[1024];
	tm_db_query q = TM_DB_QUERY_INIT;
	const char *en[] = {"en", NULL};
	const char *engb_ru[] = {"EN-gb", "ru", NULL};
	const char *ko[] = {"ko", NULL};
	tm_db_cursor *c = NULL;

	REQUIRE(db);
	u = pair("en-US", "one", "ko", "하나");
	tm_meta_set_attr(tm_unit_meta(u), "changedate", "20240101T000000Z");
	tm_db_put(NULL, db, u, "a.tmx", TM_DUP_MERGE);
	tm_unit_free(u);
	u = pair("en-GB", "two", "ru", "два");
	tm_meta_set_attr(tm_unit_meta(u), "creationdate", "20250101T000000Z");
	tm_db_put(NULL, db, u, "b.tmx", TM_DUP_MERGE);
	tm_unit_free(u);
	u = pair("ko", "셋", "ru", "три");
	tm_meta_set_attr(tm_unit_meta(u), "changedate", "20230101T000000Z");
	tm_db_put(NULL, db, u, "a.tmx", TM_DUP_MERGE);
	tm_unit_free(u);

	cursor_list(got, sizeof(got), db, NULL);
	CHECK_STR(got, "one:en-US,ko two:en-GB,ru 셋:ko,ru");
	q.langs = en;
	cursor_list(got, sizeof(got), db, &q);
	CHECK_STR(got, "one:en-US,ko two:en-GB,ru");
	q.langs = engb_ru;
	cursor_list(got, sizeof(got), db, &q);
	CHECK_STR(got, "two:en-GB,ru");
	q.langs = ko;
	q.flags = TM_DB_QUERY_ONLY_LANGS;
	cursor_list(got, sizeof(got), db, &q);
	CHECK_STR(got, "하나:ko 셋:ko");
	q.langs = NULL;
	q.flags = 0;
	q.origin = "a.tmx";
	cursor_list(got, sizeof(got), db, &q);
	CHECK_STR(got, "one:en-US,ko 셋:ko,ru");
	q.origin = NULL;
	q.since = "20240101T000000Z";
	cursor_list(got, sizeof(got), db, &q);
	CHECK_STR(got, "one:en-US,ko two:en-GB,ru");
	q.origin = "a.tmx";
	cursor_list(got, sizeof(got), db, &q);
	CHECK_STR(got, "one:en-US,ko");

	/* Children before parents. */
	REQUIRE(tm_db_cursor_new(&c, db, NULL) == TM_OK);
	CHECK(tm_db_close(db) == TM_EBUSY);
	CHECK(strstr(tm_errmsg(), "1 cursor still open") != NULL);
	tm_db_cursor_free(c);
	CHECK(tm_db_close(db) == TM_OK);
}

static void
test_store_delete(void)
{
	tm_db *db = open_new("del.db");
	tm_unit *u;
	long long n = -1, id;
	tm_meta *h = NULL;
	const char *p;

	REQUIRE(db);
	REQUIRE(tm_meta_new(&h) == TM_OK);
	tm_meta_set_attr(h, "srclang", "en");
	tm_meta_add_prop(h, "x-feed", NULL, "wire");
	CHECK(tm_db_put_header(db, "a.tmx", h) == TM_OK);
	tm_meta_free(h);
	u = pair("en", "one", "ko", "하나");
	tm_meta_add_prop(tm_unit_meta(u), "x-p", NULL, "v");
	tm_db_put(NULL, db, u, "a.tmx", TM_DUP_MERGE);
	id = tm_unit_id(u);
	tm_unit_free(u);
	u = pair("en", "two", "ko", "둘");
	tm_db_put(NULL, db, u, "a.tmx", TM_DUP_MERGE);
	tm_unit_free(u);
	u = pair("en", "three", "ko", "셋");
	tm_db_put(NULL, db, u, "b.tmx", TM_DUP_MERGE);
	tm_unit_free(u);

	CHECK(tm_db_delete(db, id) == TM_OK);
	CHECK(tm_db_get(&u, db, id) == TM_ENOTFOUND);
	CHECK(tm_db_unit_count(db) == 2);
	CHECK(tm_db_delete_origin(&n, db, "a.tmx") == TM_OK);
	CHECK(n == 1);
	CHECK(tm_db_unit_count(db) == 1);
	CHECK(tm_db_header(&h, db, "a.tmx") == TM_ENOTFOUND);
	CHECK(tm_db_delete_origin(&n, db, "nope") == TM_OK);
	CHECK(n == 0);
	p = strdup(tm_db_path(db));
	tm_db_close(db);
	/* Cascades leave nothing behind. */
	CHECK(sql_int(p, "SELECT count(*) FROM tuv") == 2);
	CHECK(sql_int(p, "SELECT count(*) FROM prop") == 0);
	CHECK(sql_int(p, "SELECT count(*) FROM origin") == 0);
	free((char *)p);
}

static void
test_store_header(void)
{
	tm_db *db = open_new("hdr.db");
	tm_meta *h = NULL, *g = NULL;

	REQUIRE(db);
	REQUIRE(tm_meta_new(&h) == TM_OK);
	tm_meta_set_attr(h, "creationtool", "X");
	tm_meta_set_attr(h, "srclang", "*all*");
	tm_meta_add_prop(h, "x-a", "en", "1");
	tm_meta_add_note(h, NULL, "header note");
	CHECK(tm_db_put_header(db, "x.tmx", h) == TM_OK);
	REQUIRE(tm_db_header(&g, db, "x.tmx") == TM_OK);
	CHECK(tm_meta_attr_count(g) == 2);
	CHECK_STR(tm_meta_attr(g, "srclang"), "*all*");
	CHECK(tm_meta_prop_count(g) == 1);
	CHECK_STR(tm_meta_prop(g, 0)->lang, "en");
	CHECK(tm_meta_note_count(g) == 1);
	tm_meta_free(g);
	/* Replacing, not appending. */
	tm_meta_clear(h);
	tm_meta_set_attr(h, "creationtool", "Y");
	CHECK(tm_db_put_header(db, "x.tmx", h) == TM_OK);
	REQUIRE(tm_db_header(&g, db, "x.tmx") == TM_OK);
	CHECK(tm_meta_attr_count(g) == 1);
	CHECK(tm_meta_prop_count(g) == 0);
	CHECK_STR(tm_meta_attr(g, "creationtool"), "Y");
	tm_meta_free(g);
	CHECK(tm_db_header(&g, db, "y.tmx") == TM_ENOTFOUND);
	CHECK(g == NULL);
	tm_meta_free(h);
	tm_db_close(db);
}

static void
test_store_transaction(void)
{
	tm_db *db = open_new("txn.db");
	tm_unit *u = pair("en", "a", "ko", "가");

	REQUIRE(db && u);
	CHECK(tm_db_begin(db) == TM_OK);
	CHECK(put(db, u, TM_DUP_MERGE) == TM_PUT_ADDED);
	CHECK(tm_db_unit_count(db) == 1);
	CHECK(tm_db_rollback(db) == TM_OK);
	CHECK(tm_db_unit_count(db) == 0);
	CHECK(tm_db_begin(db) == TM_OK);
	CHECK(put(db, u, TM_DUP_MERGE) == TM_PUT_ADDED);
	/* A failing put inside the transaction undoes only itself. */
	{
		tm_unit *bad = pair("en", "b", "??", "x");

		CHECK(tm_db_put(NULL, db, bad, NULL, TM_DUP_MERGE) ==
		      TM_EINVAL);
		tm_unit_free(bad);
	}
	CHECK(tm_db_commit(db) == TM_OK);
	CHECK(tm_db_unit_count(db) == 1);
	tm_unit_free(u);
	tm_db_close(db);
}

static void
test_store_open_errors(void)
{
	tm_db *db = (tm_db *)1;
	tm_db_options o = TM_DB_OPTIONS_INIT;
	const char *p = tmp_path("absent.db");
	char msg[1024];
	FILE *f;

	o.flags = 0;
	CHECK(tm_db_open(&db, p, &o) == TM_ENOTFOUND);
	CHECK(db == NULL);
	snprintf(msg, sizeof(msg), "db: %s: no such translation memory", p);
	CHECK_STR(tm_errmsg(), msg);
	CHECK(access(p, F_OK) != 0);

	p = tmp_path("text.db");
	f = fopen(p, "w");
	fputs("this is not a database, just some text that is long enough "
	      "to have a header of one hundred bytes or so: xxxxxxxxxxxxxx\n",
	      f);
	fclose(f);
	CHECK(tm_db_open(&db, p, NULL) == TM_EDB);
	snprintf(msg, sizeof(msg),
	         "db: %s: not a translation memory (not an SQLite database)",
	         p);
	CHECK_STR(tm_errmsg(), msg);

	p = tmp_path("other.db");
	sql(p, "CREATE TABLE t(x); INSERT INTO t VALUES (1)");
	CHECK(tm_db_open(&db, p, NULL) == TM_EDB);
	snprintf(msg, sizeof(msg),
	         "db: %s: not a translation memory (an SQLite database of "
	         "another application)",
	         p);
	CHECK_STR(tm_errmsg(), msg);
	/* ...and it was left alone (still a rollback journal file). */
	CHECK(sql_int(p, "SELECT count(*) FROM pragma_journal_mode "
	                 "WHERE journal_mode = 'delete'") == 1);
	CHECK(sql_int(p, "SELECT count(*) FROM t") == 1);
}

static void
test_store_migrate_empty(void)
{
	const char *p = tmp_path("empty.db");
	FILE *f = fopen(p, "w");
	tm_db *db = NULL;
	char bak[600];

	REQUIRE(f);
	fclose(f);
	/* An empty file is schema version 0: created in place. */
	REQUIRE(tm_db_open(&db, p, NULL) == TM_OK);
	CHECK(tm_db_unit_count(db) == 0);
	tm_db_close(db);
	CHECK(sql_int(p, "PRAGMA user_version") == tm_db_schema_version());
	CHECK(sql_int(p, "PRAGMA application_id") == 0x544d4442);
	snprintf(bak, sizeof(bak), "%s.bak-v0", p);
	CHECK(access(bak, F_OK) != 0);
	/* Opening again changes nothing. */
	REQUIRE(tm_db_open(&db, p, NULL) == TM_OK);
	tm_db_close(db);
}

/* Undo what version 3 changed: the tuv(lang_base, key) index instead of
 * tuv.key_hash and its index. */
static void
make_v2(const char *p)
{
	sqlite3 *h = NULL;

	REQUIRE(sqlite3_open(p, &h) == SQLITE_OK);
	CHECK(sqlite3_exec(h,
	                   "DROP INDEX tuv_key_hash;"
	                   "ALTER TABLE tuv DROP COLUMN key_hash;"
	                   "CREATE INDEX tuv_key ON tuv(lang_base, key);"
	                   "PRAGMA user_version = 2;",
	                   NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(h);
}

/* Whether every variant's key_hash is that of its language and key. */
static bool
key_hashes_right(const char *p)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *s = NULL;
	bool ok = true;
	int n = 0;

	if (sqlite3_open(p, &h) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "SELECT lang_base, key, key_hash FROM tuv",
	                       -1, &s, NULL) != SQLITE_OK) {
		sqlite3_close(h);
		return false;
	}
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(s, 1);

		n++;
		if (sqlite3_column_type(s, 2) != SQLITE_INTEGER ||
		    sqlite3_column_int64(s, 2) !=
		            tm__db_key_hash(
		                    (const char *)sqlite3_column_text(s, 0), k,
		                    strlen(k)))
			ok = false;
	}
	sqlite3_finalize(s);
	sqlite3_close(h);
	return ok && n > 0;
}

/* A version 2 file (tuv(lang_base, key) index, no key_hash) is copied to
 * PATH.bak-v2 and migrated: every variant gets its key_hash, the old
 * index goes, exact lookups go through the new one. */
static void
test_store_migrate_v2(void)
{
	tm_db *db = open_new("v2.db");
	tm_unit *u = pair("en", "Hello World", "ko", "안녕 세계"), *w;
	tm_lookup_options lo = TM_LOOKUP_OPTIONS_INIT;
	tm_match_list *res = NULL;
	char p[600], bak[700];

	REQUIRE(db && u);
	put(db, u, TM_DUP_MERGE);
	w = pair("en", "Another line", "ru", "Другая строка");
	put(db, w, TM_DUP_MERGE);
	snprintf(p, sizeof(p), "%s", tm_db_path(db));
	tm_db_close(db);
	make_v2(p);
	REQUIRE(sql_int(p, "SELECT count(*) FROM pragma_table_info('tuv') "
	                   "WHERE name = 'key_hash'") == 0);

	REQUIRE(tm_db_open(&db, p, NULL) == TM_OK);
	CHECK(put(db, w, TM_DUP_MERGE) == TM_PUT_MERGED);
	lo.source_lang = "en";
	lo.target_lang = "ko";
	REQUIRE(tm_lookup(&res, db, "HELLO world", &lo) == TM_OK);
	CHECK(tm_match_list_count(res) == 1);
	CHECK(tm_match_list_count(res) == 1 &&
	      (tm_match_list_get(res, 0)->flags & TM_MATCH_EXACT));
	tm_match_list_free(res);
	tm_db_close(db);
	CHECK(sql_int(p, "PRAGMA user_version") == 3);
	CHECK(key_hashes_right(p));
	CHECK(sql_int(p, "SELECT count(*) FROM sqlite_master WHERE name = "
	                 "'tuv_key'") == 0);
	CHECK(sql_int(p, "SELECT count(*) FROM sqlite_master WHERE name = "
	                 "'tuv_key_hash'") == 1);
	snprintf(bak, sizeof(bak), "%s.bak-v2", p);
	CHECK(access(bak, F_OK) == 0);
	CHECK(sql_int(bak, "PRAGMA user_version") == 2);
	tm_unit_free(u);
	tm_unit_free(w);
}

/* The one FNV-1a gives the published test vectors, and every hash that
 * files hold what main's build (75e3e7c) wrote before it: a variant's
 * key hash, a unit's duplicate hash (both in the TM), the review file's
 * check, the tie of an x-libtm-extra item. A TM of an earlier build
 * must find its exact matches and duplicates as before. */
static void
test_store_hashes_kept(void)
{
	tm_db *db = open_new("hashes.db");
	tm_unit *u = pair("en", "Hello World", "ko-KR", "안녕 <b>세계</b>");
	const char *ko = "안녕 세계", *ru = "строка 42";
	char p[600];

	CHECK(tm__fnv32(TM__FNV32_INIT, "", 0) == 0x811c9dc5u);
	CHECK(tm__fnv32(TM__FNV32_INIT, "a", 1) == 0xe40c292cu);
	CHECK(tm__fnv32_str(TM__FNV32_INIT, "foobar") == 0xbf9cf968u);
	CHECK(tm__fnv64(TM__FNV64_INIT, "", 0) == 0xcbf29ce484222325ull);
	CHECK(tm__fnv64(TM__FNV64_INIT, "a", 1) == 0xaf63dc4c8601ec8cull);
	CHECK(tm__fnv64_str(TM__FNV64_INIT, "foobar") ==
	      0x85944171f73967e8ull);
	CHECK(tm__fnv64_byte(tm__fnv64_str(TM__FNV64_INIT, "foo"), 'b') ==
	      tm__fnv64_str(TM__FNV64_INIT, "foob"));

	CHECK(tm__db_key_hash("en", "hello world", 11) ==
	      -1718768416676413779LL);
	CHECK(tm__db_key_hash("ko", ko, strlen(ko)) == 5411209866939473869LL);
	CHECK(tm__db_key_hash("ru", ru, strlen(ru)) == 1185276859633981561LL);
	CHECK(tm__fnv64_pair("The port reopened on Monday.",
	                     strlen("The port reopened on Monday."),
	                     "Порт вновь открылся в понедельник.",
	                     strlen("Порт вновь открылся в понедельник.")) ==
	      0x204049ec88238968ull);
	CHECK(tm__tmx_text_hash("Translated by A. Smith") == 3391058024ul);

	REQUIRE(db && u);
	put(db, u, TM_DUP_MERGE);
	snprintf(p, sizeof(p), "%s", tm_db_path(db));
	tm_db_close(db);
	CHECK(sql_int(p, "SELECT dup_hash FROM tu") == 3982333157860319592LL);
	CHECK(sql_int(p, "SELECT key_hash FROM tuv WHERE lang_base = 'ko'") ==
	      1755191586020553920LL);
	tm_unit_free(u);
}

/* A SQLite failure of the index is said by the store's one translator:
 * the status of its code, the file named, what failed ("db: PATH: cannot
 * read the index: ..."), as for the store's own statements. */
static void
test_store_index_error_named(void)
{
	tm_db *db = open_new("ixerr.db");
	tm_unit *u = pair("en", "Hello World", "ko", "안녕 세계");
	tm_lookup_options lo = TM_LOOKUP_OPTIONS_INIT;
	tm_match_list *res = NULL;
	char p[600], want[700];

	REQUIRE(db && u);
	put(db, u, TM_DUP_MERGE);
	snprintf(p, sizeof(p), "%s", tm_db_path(db));
	tm_db_close(db);
	/* an index table the index cannot read (its version still says
	 * current, so it is not rebuilt) */
	sql(p, "CREATE TABLE t AS SELECT term, seg, n FROM tm_ix_post;"
	       "DROP TABLE tm_ix_post; ALTER TABLE t RENAME TO tm_ix_post;");
	REQUIRE(tm_db_open(&db, p, NULL) == TM_OK);
	lo.source_lang = "en";
	lo.target_lang = "ko";
	CHECK(tm_lookup(&res, db, "hello there world", &lo) == TM_EDB);
	snprintf(want, sizeof(want), "db: %s: cannot read the index: ", p);
	CHECK(strncmp(tm_errmsg(), want, strlen(want)) == 0);
	if (strncmp(tm_errmsg(), want, strlen(want)) != 0)
		printf("# %s\n", tm_errmsg());
	tm_match_list_free(res);
	tm_db_close(db);
	tm_unit_free(u);
}

/* Give the TM at @p the FTS5 index of libtm before its own (ed6d8ca):
 * a table tm_ix tokenized by "tm", a trigger on tuv naming it, an older
 * index version. The table is made with a tokenizer SQLite has, then its
 * schema says "tm", as the file of those versions does. */
static void
make_fts5_index(const char *p)
{
	sql(p, "CREATE VIRTUAL TABLE tm_ix USING fts5(t, content='',"
	       " detail=none, columnsize=0, tokenize='unicode61');"
	       "CREATE TRIGGER tm_ix_au AFTER UPDATE OF key, lang_base ON tuv"
	       " BEGIN INSERT INTO tm_ix(tm_ix, rowid, t)"
	       " SELECT 'delete', old.id, old.lang_base || char(31) || old.key;"
	       " END;"
	       "DROP TABLE tm_ix_post;"
	       "UPDATE tm_ix_meta SET v = '4' WHERE k = 'version';"
	       "PRAGMA writable_schema = ON;"
	       "UPDATE sqlite_master SET sql = replace(sql, 'unicode61', 'tm')"
	       " WHERE name = 'tm_ix';"
	       "PRAGMA writable_schema = OFF;");
}

/* A version 2 TM indexed with FTS5 by an earlier libtm: SQLite cannot
 * even drop its table without the tokenizer; read-only, lookups answer
 * from an index of their own; opened for writing, it is migrated and the
 * FTS5 table and its trigger give way to the index. */
static void
test_store_migrate_fts5(void)
{
	tm_db *db = open_new("fts5.db");
	tm_db_options o = TM_DB_OPTIONS_INIT;
	tm_unit *u = pair("en", "Hello World", "ko", "안녕 세계");
	tm_lookup_options lo = TM_LOOKUP_OPTIONS_INIT;
	tm_match_list *res = NULL;
	sqlite3 *h = NULL;
	char p[600];

	REQUIRE(db && u);
	put(db, u, TM_DUP_MERGE);
	snprintf(p, sizeof(p), "%s", tm_db_path(db));
	tm_db_close(db);
	make_v2(p);
	make_fts5_index(p);
	REQUIRE(sql_int(p, "SELECT count(*) FROM sqlite_master WHERE name = "
	                   "'tm_ix' AND sql LIKE '%tokenize=''tm''%'") == 1);
	REQUIRE(sqlite3_open(p, &h) == SQLITE_OK);
	CHECK(sqlite3_exec(h, "DROP TABLE tm_ix", NULL, NULL, NULL) !=
	      SQLITE_OK);
	sqlite3_close(h);

	lo.source_lang = "en";
	lo.target_lang = "ko";
	REQUIRE(tm_db_open(&db, p, NULL) == TM_OK);
	REQUIRE(tm_lookup(&res, db, "hello world", &lo) == TM_OK);
	CHECK(tm_match_list_count(res) == 1);
	tm_match_list_free(res);
	tm_db_close(db);
	CHECK(sql_int(p, "PRAGMA user_version") == tm_db_schema_version());
	CHECK(sql_int(p, "SELECT count(*) FROM sqlite_master WHERE name "
	                 "LIKE 'tm_ix%' AND name NOT IN ('tm_ix_meta', "
	                 "'tm_ix_post', 'tm_ix_bd')") == 0);
	CHECK(key_hashes_right(p));

	/* a version 3 file with the FTS5 index, opened read-only */
	make_fts5_index(p);
	o.flags = TM_DB_READONLY;
	REQUIRE(tm_db_open(&db, p, &o) == TM_OK);
	REQUIRE(tm_lookup(&res, db, "hello world", &lo) == TM_OK);
	CHECK(tm_match_list_count(res) == 1);
	tm_match_list_free(res);
	tm_db_close(db);
	CHECK(sql_int(p, "SELECT count(*) FROM sqlite_master WHERE name = "
	                 "'tm_ix'") == 1);
	tm_unit_free(u);
}

/* A version 1 file (markup NOT NULL, always stored) is copied to
 * PATH.bak-v1, then migrated in place; its units read the same. */
static void
test_store_migrate_v1(void)
{
	tm_db *db = open_new("v1.db");
	tm_db_options o = TM_DB_OPTIONS_INIT;
	tm_unit *u = pair("en", "plain", "ko", "평문"), *g = NULL;
	tm_unit *w = NULL;
	char p[600], bak[700], msg[1024];

	REQUIRE(db && u);
	REQUIRE(tm_unit_new(&w) == TM_OK);
	tm_unit_add_variant(NULL, w, "en", "a <b>bold</b> &amp; c",
	                    "a bold & c");
	tm_unit_add_variant(NULL, w, "ru", NULL, "жирный");
	put(db, u, TM_DUP_MERGE);
	put(db, w, TM_DUP_MERGE);
	snprintf(p, sizeof(p), "%s", tm_db_path(db));
	tm_db_close(db);
	/* Make it what libtm 0.1 with schema version 1 wrote. */
	make_v2(p);
	sql(p, "UPDATE tuv SET markup = plain WHERE markup IS NULL;"
	       "PRAGMA writable_schema = ON;"
	       "UPDATE sqlite_master SET sql = replace(sql, 'markup TEXT,', "
	       "'markup TEXT NOT NULL,') WHERE name = 'tuv';"
	       "PRAGMA writable_schema = OFF;"
	       "PRAGMA user_version = 1;");
	REQUIRE(sql_int(p, "SELECT count(*) FROM tuv WHERE markup IS NULL") ==
	        0);
	REQUIRE(sql_int(p, "SELECT count(*) FROM sqlite_master WHERE name = "
	                   "'tuv' AND sql LIKE '%markup TEXT NOT NULL%'") == 1);

	o.flags = TM_DB_READONLY;
	CHECK(tm_db_open(&db, p, &o) == TM_EDB);
	snprintf(msg, sizeof(msg),
	         "db: %s: schema version 1 is older than this libtm's (%d); "
	         "open it for writing once to migrate it",
	         p, tm_db_schema_version());
	CHECK_STR(tm_errmsg(), msg);

	REQUIRE(tm_db_open(&db, p, NULL) == TM_OK);
	REQUIRE(tm_db_get(&g, db, tm_unit_id(w)) == TM_OK);
	CHECK_STR(tm_variant_markup(tm_unit_variant(g, 0)),
	          "a <b>bold</b> &amp; c");
	CHECK_STR(tm_variant_markup(tm_unit_variant(g, 1)), "жирный");
	tm_unit_free(g);
	/* Duplicates are still found across the migration. */
	CHECK(put(db, u, TM_DUP_MERGE) == TM_PUT_MERGED);
	tm_db_close(db);
	CHECK(sql_int(p, "PRAGMA user_version") == tm_db_schema_version());
	CHECK(sql_int(p, "SELECT count(*) FROM tuv WHERE markup IS NULL") ==
	      3);
	CHECK(sql_int(p, "SELECT count(*) FROM sqlite_master WHERE type = "
	                 "'trigger' AND tbl_name = 'tuv'") > 0);
	CHECK(key_hashes_right(p));
	snprintf(bak, sizeof(bak), "%s.bak-v1", p);
	CHECK(access(bak, F_OK) == 0);
	CHECK(sql_int(bak, "PRAGMA user_version") == 1);
	CHECK(sql_int(bak, "SELECT count(*) FROM tuv WHERE markup IS NULL") ==
	      0);
	tm_unit_free(u);
	tm_unit_free(w);
}

static void
test_store_newer_version(void)
{
	tm_db *db = open_new("newer.db");
	char p[600], msg[1024];

	REQUIRE(db);
	snprintf(p, sizeof(p), "%s", tm_db_path(db));
	tm_db_close(db);
	sql(p, "PRAGMA user_version = 99");
	CHECK(tm_db_open(&db, p, NULL) == TM_EDB);
	snprintf(msg, sizeof(msg),
	         "db: %s: schema version 99 is newer than this libtm "
	         "supports (%d)",
	         p, tm_db_schema_version());
	CHECK_STR(tm_errmsg(), msg);
	CHECK(sql_int(p, "PRAGMA user_version") == 99);
}

static void
test_store_readonly(void)
{
	tm_db *db = open_new("ro.db");
	tm_db_options o = TM_DB_OPTIONS_INIT;
	tm_unit *u = pair("en", "a", "ko", "가"), *g = NULL;
	char p[600];

	REQUIRE(db && u);
	snprintf(p, sizeof(p), "%s", tm_db_path(db));
	put(db, u, TM_DUP_MERGE);
	tm_db_close(db);

	o.flags = TM_DB_READONLY;
	REQUIRE(tm_db_open(&db, p, &o) == TM_OK);
	CHECK(tm_db_get(&g, db, tm_unit_id(u)) == TM_OK);
	tm_unit_free(g);
	CHECK(tm_db_put(NULL, db, u, NULL, TM_DUP_KEEP) == TM_EIO);
	CHECK(strstr(tm_errmsg(), "read-only") != NULL);
	tm_db_close(db);

	/* A file without write permission: reads work, writes fail. */
	if (geteuid() != 0) {
		chmod(p, 0444);
		REQUIRE(tm_db_open(&db, p, NULL) == TM_OK);
		CHECK(tm_db_unit_count(db) == 1);
		CHECK(tm_db_put(NULL, db, u, NULL, TM_DUP_KEEP) < 0);
		tm_db_close(db);
		chmod(p, 0644);
	}
	tm_unit_free(u);
}

static void
test_store_busy(void)
{
	tm_db *a = open_new("busy.db"), *b = NULL;
	tm_db_options o = TM_DB_OPTIONS_INIT;
	tm_unit *u = pair("en", "a", "ko", "가");

	REQUIRE(a && u);
	o.busy_timeout_ms = 100;
	REQUIRE(tm_db_open(&b, tm_db_path(a), &o) == TM_OK);
	REQUIRE(tm_db_begin(a) == TM_OK);
	CHECK(tm_db_put(NULL, b, u, NULL, TM_DUP_MERGE) == TM_EBUSY);
	CHECK(strstr(tm_errmsg(), "locked by another process (waited 100 "
	                          "ms)") != NULL);
	/* Readers are not blocked by the writer (WAL). */
	CHECK(tm_db_unit_count(b) == 0);
	CHECK(tm_db_rollback(a) == TM_OK);
	CHECK(put(b, u, TM_DUP_MERGE) == TM_PUT_ADDED);
	tm_unit_free(u);
	tm_db_close(b);
	tm_db_close(a);
}

static void
test_store_stats(void)
{
	tm_db *db = open_new("stats.db");
	tm_db_stats s = TM_DB_STATS_INIT;
	tm_unit *u;
	tm_meta *h = NULL;

	REQUIRE(db);
	u = pair("en", "one", "ko", "하나");
	tm_unit_add_variant(NULL, u, "ru", NULL, "один");
	tm_db_put(NULL, db, u, "a.tmx", TM_DUP_MERGE);
	tm_unit_free(u);
	u = pair("en", "two", "ko", "둘");
	tm_db_put(NULL, db, u, NULL, TM_DUP_MERGE);
	tm_unit_free(u);
	tm_meta_new(&h);
	tm_db_put_header(db, "h.tmx", h);
	tm_meta_free(h);
	REQUIRE(tm_db_stats_read(&s, db) == TM_OK);
	CHECK(s.units == 2);
	CHECK(s.variants == 5);
	CHECK(s.file_bytes > 0);
	REQUIRE(s.nlangs == 3);
	CHECK_STR(s.langs[0].lang, "en");
	CHECK(s.langs[0].units == 2);
	CHECK_STR(s.langs[2].lang, "ru");
	CHECK(s.langs[2].variants == 1);
	REQUIRE(s.npairs == 3);
	CHECK_STR(s.pairs[0].lang1, "en");
	CHECK_STR(s.pairs[0].lang2, "ko");
	CHECK(s.pairs[0].units == 2);
	CHECK(s.pairs[0].variants == 4);
	CHECK_STR(s.pairs[2].lang1, "ko");
	CHECK_STR(s.pairs[2].lang2, "ru");
	CHECK(s.pairs[2].units == 1);
	REQUIRE(s.norigins == 3);
	CHECK_STR(s.origins[0].name, "a.tmx");
	CHECK(s.origins[0].units == 1);
	CHECK(s.origins[0].has_header == 0);
	CHECK_STR(s.origins[1].name, "h.tmx");
	CHECK(s.origins[1].units == 0);
	CHECK(s.origins[1].has_header == 1);
	CHECK(s.origins[2].name == NULL);
	CHECK(s.origins[2].units == 1);
	tm_db_stats_dispose(&s);
	tm_db_stats_dispose(NULL);
	tm_db_close(db);
}

/* The matching key is tm_normalize(plain, TM_NORM_KEY), as the contract
 * of store-private.h says: match.c looks it up through tuv(lang_base,
 * key). */
static void
test_store_key_column(void)
{
	tm_db *db = open_new("key.db");
	tm_unit *u = pair("en", "\u201cHello\u201d \u2014  World", "ru",
	                  "\u041f\u0420\u0418\u0412\u0415\u0422");
	sqlite3_stmt *s = NULL;
	char *k1 = NULL, *k2 = NULL;
	int n = 0;

	REQUIRE(db && u);
	REQUIRE(put(db, u, TM_DUP_MERGE) == TM_PUT_ADDED);
	REQUIRE(tm_normalize(&k1, NULL, tm_variant_plain(tm_unit_variant(u, 0)),
	                     strlen(tm_variant_plain(tm_unit_variant(u, 0))),
	                     TM_NORM_KEY) == TM_OK);
	REQUIRE(tm_normalize(&k2, NULL, tm_variant_plain(tm_unit_variant(u, 1)),
	                     strlen(tm_variant_plain(tm_unit_variant(u, 1))),
	                     TM_NORM_KEY) == TM_OK);
	REQUIRE(sqlite3_prepare_v2(tm__db_handle(db),
	                           "SELECT lang_base, key FROM tuv ORDER BY id",
	                           -1, &s, NULL) == SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW) {
		CHECK_STR((const char *)sqlite3_column_text(s, 0),
		          n == 0 ? "en" : "ru");
		CHECK_STR((const char *)sqlite3_column_text(s, 1),
		          n == 0 ? k1 : k2);
		n++;
	}
	CHECK(n == 2);
	CHECK(strcmp(k1, "\"hello\" - world") == 0);
	sqlite3_finalize(s);
	tm_free(k1);
	tm_free(k2);
	tm_unit_free(u);
	tm_db_close(db);
}

static bool
has_index(tm_db *db, const char *name)
{
	sqlite3_stmt *s = NULL;
	bool yes = false;

	if (sqlite3_prepare_v2(tm__db_handle(db),
	                       "SELECT 1 FROM sqlite_master WHERE type = "
	                       "'index' AND name = ?1",
	                       -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC) == SQLITE_OK)
		yes = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return yes;
}

static bool
has_key_index(tm_db *db)
{
	return has_index(db, "tuv_key_hash");
}

static void
put_many(tm_db *db, int from, int n)
{
	char a[32], b[32];

	for (int i = from; i < from + n; i++) {
		tm_unit *u;

		snprintf(a, sizeof(a), "Line %d", i);
		snprintf(b, sizeof(b), "Строка %d", i);
		u = pair("en", a, "ru", b);
		put(db, u, TM_DUP_MERGE);
		tm_unit_free(u);
	}
}

/* A transaction that more than doubles the TM drops the key index and
 * builds it at commit; a rollback brings it back. */
static void
test_store_bulk_key_index(void)
{
	tm_db *db = open_new("bulk.db");
	tm_db_cursor *c = NULL;
	tm_unit *u = NULL;
	sqlite3_stmt *s = NULL;

	REQUIRE(db);
	tm__db_set_bulk_min(db, 40);
	put_many(db, 0, 10); /* 20 variants, outside a transaction */
	REQUIRE(tm_db_begin(db) == TM_OK);
	put_many(db, 10, 10); /* 40 variants: not more than 20 + threshold */
	CHECK(has_key_index(db));
	put_many(db, 20, 15);
	CHECK(!has_key_index(db));
	CHECK(tm__db_writeback_running(db) == ON_LINUX);
	CHECK(tm_db_rollback(db) == TM_OK);
	CHECK(!tm__db_writeback_running(db));
	CHECK(has_key_index(db));
	CHECK(tm_db_unit_count(db) == 10);

	REQUIRE(tm_db_begin(db) == TM_OK);
	put_many(db, 10, 40);
	CHECK(!has_key_index(db));
	CHECK(tm__db_writeback_running(db) == ON_LINUX);
	CHECK(tm_db_commit(db) == TM_OK);
	CHECK(!tm__db_writeback_running(db));
	CHECK(has_key_index(db));
	CHECK(tm_db_unit_count(db) == 50);
	/* The rebuilt index answers exact lookups. */
	REQUIRE(sqlite3_prepare_v2(
	                tm__db_handle(db),
	                "SELECT count(*) FROM tuv INDEXED BY tuv_key_hash "
	                "WHERE key_hash = ?1 AND lang_base = 'ru' AND key = "
	                "'строка 42'",
	                -1, &s, NULL) == SQLITE_OK);
	sqlite3_bind_int64(s, 1,
	                   tm__db_key_hash("ru", "строка 42",
	                                   strlen("строка 42")));
	REQUIRE(sqlite3_step(s) == SQLITE_ROW);
	CHECK(sqlite3_column_int(s, 0) == 1);
	sqlite3_finalize(s);
	/* Duplicates were still found during the bulk load. */
	REQUIRE(tm_db_begin(db) == TM_OK);
	put_many(db, 0, 50);
	CHECK(tm_db_commit(db) == TM_OK);
	CHECK(tm_db_unit_count(db) == 50);
	REQUIRE(tm_db_cursor_new(&c, db, NULL) == TM_OK);
	REQUIRE(tm_db_cursor_next(&u, c) == TM_OK);
	CHECK_STR(tm_variant_plain(tm_unit_variant(u, 0)), "Line 0");
	tm_unit_free(u);
	tm_db_cursor_free(c);
	tm_db_close(db);
}

/* The bulk load's writeback thread asks the kernel to write the file's
 * dirty pages through the descriptors the process has open on it, and
 * closes none of them: closing one would drop every POSIX lock of the
 * process on the file (SQLite's). A child process checks that the lock
 * taken here is still held after the thread is stopped. */
static void
test_store_writeback(void)
{
	const char *p = tmp_path("wb.bin");
	static char block[1 << 16];
	struct flock lk = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	tm__writeback w;
	unsigned long rounds = 0;
	int fd, status = -1;
	pid_t child;

	tm__writeback_start(&w, p, 1); /* no such file: nothing runs */
	CHECK(!w.running);
	fd = open(p, O_RDWR | O_CREAT, 0644);
	REQUIRE(fd >= 0);
	REQUIRE(fcntl(fd, F_SETLK, &lk) == 0);
	memset(block, 'x', sizeof(block));
	for (int i = 0; i < 64; i++)
		REQUIRE(write(fd, block, sizeof(block)) == (ssize_t)sizeof(block));
	tm__writeback_start(&w, p, 1);
	if (!ON_LINUX) {
		CHECK(!w.running);
		close(fd);
		return;
	}
	REQUIRE(w.running);
	CHECK(w.nfds == 1 && w.fds[0] == fd);
	for (int i = 0; i < 5000 && rounds < 3; i++) {
		usleep(1000);
		pthread_mutex_lock(&w.mu);
		rounds = w.rounds;
		pthread_mutex_unlock(&w.mu);
	}
	CHECK(rounds >= 3);
	tm__writeback_stop(&w);
	CHECK(!w.running);
	tm__writeback_stop(&w); /* stopping twice is harmless */
	CHECK(fcntl(fd, F_GETFD) != -1);
	child = fork();
	REQUIRE(child >= 0);
	if (child == 0) {
		int cfd = open(p, O_RDWR);
		struct flock q = { .l_type = F_WRLCK, .l_whence = SEEK_SET };

		_exit(cfd >= 0 && fcntl(cfd, F_GETLK, &q) == 0 &&
		              q.l_type == F_WRLCK && q.l_pid == getppid() ?
		      0 :
		      1);
	}
	REQUIRE(waitpid(child, &status, 0) == child);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(fd);
}

/* Puts of units "Line i" / "Строка i", from @from on, counting those
 * that were merged into a stored unit. */
static int
put_many_merged(tm_db *db, int from, int n)
{
	char a[32], b[32];
	int merged = 0;

	for (int i = from; i < from + n; i++) {
		tm_put_result r = TM_PUT_ADDED;
		tm_unit *u;

		snprintf(a, sizeof(a), "Line %d", i);
		snprintf(b, sizeof(b), "Строка %d", i);
		u = pair("en", a, "ru", b);
		CHECK(tm_db_put(&r, db, u, NULL, TM_DUP_MERGE) == TM_OK);
		merged += r == TM_PUT_MERGED;
		tm_unit_free(u);
	}
	return merged;
}

/* A bulk load looks for duplicates through a map of the units' hashes
 * (grown as it fills) in place of the tu_dup index, built again at
 * commit and back after a rollback: units stored before the transaction,
 * before the bulk load began and during it are all still found. */
static void
test_store_bulk_duplicates(void)
{
	tm_db *db = open_new("bulk-dups.db");

	REQUIRE(db);
	tm__db_set_bulk_min(db, 10);
	CHECK(put_many_merged(db, 0, 100) == 0);
	REQUIRE(tm_db_begin(db) == TM_OK);
	CHECK(put_many_merged(db, 100, 2900) == 0);
	/* the map stands in for the duplicate index, grown five times */
	CHECK(!has_key_index(db));
	CHECK(!has_index(db, "tu_dup"));
	CHECK(put_many_merged(db, 0, 3000) == 3000);
	CHECK(put_many_merged(db, 2990, 20) == 10);
	CHECK(tm_db_commit(db) == TM_OK);
	CHECK(has_index(db, "tu_dup"));
	CHECK(tm_db_unit_count(db) == 3010);
	/* without a bulk load, the index finds them */
	CHECK(put_many_merged(db, 2000, 20) == 20);
	/* A rolled-back bulk load leaves no hash behind: its units are
	 * added again, not merged into units that are gone. */
	REQUIRE(tm_db_begin(db) == TM_OK);
	CHECK(put_many_merged(db, 5000, 3100) == 0); /* it doubles the TM */
	CHECK(!has_index(db, "tu_dup"));
	CHECK(tm_db_rollback(db) == TM_OK);
	CHECK(has_index(db, "tu_dup"));
	REQUIRE(tm_db_begin(db) == TM_OK);
	CHECK(put_many_merged(db, 5000, 3100) == 0);
	CHECK(put_many_merged(db, 5000, 5) == 5);
	CHECK(put_many_merged(db, 0, 5) == 5);
	CHECK(tm_db_commit(db) == TM_OK);
	CHECK(tm_db_unit_count(db) == 6110);
	tm_db_close(db);
}

static const char journal_is_wal[] =
        "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'";

/* A new TM takes its first transaction in rollback-journal mode (its
 * pages written once, not to the WAL and again by the checkpoint), and is
 * in WAL mode once it is committed. A rollback still leaves it as it was. */
static void
test_store_new_tm_journal(void)
{
	tm_db *db = open_new("journal.db"), *b = NULL;
	tm_db_options o = TM_DB_OPTIONS_INIT;
	char p[600];

	REQUIRE(db);
	snprintf(p, sizeof(p), "%s", tm_db_path(db));
	CHECK(sql_int(p, journal_is_wal) == 0);
	REQUIRE(tm_db_begin(db) == TM_OK);
	put_many(db, 0, 2000);
	CHECK(tm_db_rollback(db) == TM_OK);
	CHECK(tm_db_unit_count(db) == 0);
	CHECK(sql_int(p, "SELECT count(*) FROM tuv") == 0);
	REQUIRE(tm_db_begin(db) == TM_OK);
	put_many(db, 0, 2000);
	/* Another process opening it meanwhile cannot switch it to WAL
	 * (the writer's lock): it opens all the same, and waits like any
	 * second writer. */
	o.busy_timeout_ms = 100;
	REQUIRE(tm_db_open(&b, p, &o) == TM_OK);
	{
		tm_unit *u = pair("en", "x", "ko", "가");

		CHECK(tm_db_put(NULL, b, u, NULL, TM_DUP_MERGE) == TM_EBUSY);
		tm_unit_free(u);
	}
	CHECK(tm_db_commit(db) == TM_OK);
	CHECK(sql_int(p, journal_is_wal) == 1);
	CHECK(tm_db_unit_count(b) == 2000);
	tm_db_close(b);
	tm_db_close(db);
	CHECK(sql_int(p, "SELECT count(*) FROM tuv") == 4000);
	/* A TM closed before its first commit is in WAL mode too. */
	db = open_new("journal2.db");
	REQUIRE(db);
	snprintf(p, sizeof(p), "%s", tm_db_path(db));
	tm_db_close(db);
	CHECK(sql_int(p, journal_is_wal) == 1);
}

/* A TM whose file was removed while open (a failed first import's
 * clean-up in another process) refuses to commit into the lost file. */
static void
test_store_removed_file(void)
{
	tm_db *db = open_new("gone.db");
	tm_unit *u = pair("en", "a", "ko", "가");
	char p[600], msg[700];

	REQUIRE(db && u);
	snprintf(p, sizeof(p), "%s", tm_db_path(db));
	REQUIRE(tm_db_begin(db) == TM_OK);
	CHECK(put(db, u, TM_DUP_MERGE) == TM_PUT_ADDED);
	REQUIRE(unlink(p) == 0);
	CHECK(tm_db_commit(db) == TM_EIO);
	snprintf(msg, sizeof(msg),
	         "db: %s: the file was removed or replaced while open; "
	         "nothing was written",
	         p);
	CHECK_STR(tm_errmsg(), msg);
	/* outside a transaction too */
	CHECK(tm_db_put(NULL, db, u, NULL, TM_DUP_MERGE) == TM_EIO);
	tm_unit_free(u);
	tm_db_close(db);
}

/* Make the write of a variant whose plain text is @plain fail on @db's
 * connection ("disk on fire"), as a full disk would: a temporary
 * trigger. */
static bool
fail_writes_of(tm_db *db, const char *plain)
{
	char *sql = sqlite3_mprintf("CREATE TEMP TRIGGER boom AFTER INSERT ON "
	                            "tuv WHEN new.plain = %Q BEGIN SELECT "
	                            "RAISE(ABORT, 'disk on fire'); END",
	                            plain);
	bool ok = sql && sqlite3_exec(tm__db_handle(db), sql, NULL, NULL,
	                              NULL) == SQLITE_OK;

	sqlite3_free(sql);
	return ok;
}

/* An integer that @q gives on @db's own connection (-1: none). */
static long long
conn_int(tm_db *db, const char *q)
{
	sqlite3_stmt *s = NULL;
	long long v = -1;

	if (sqlite3_prepare_v2(tm__db_handle(db), q, -1, &s, NULL) ==
	            SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* A load's transaction (the TMX import's) enforces no foreign keys,
 * refuses deletes, and leaves them enforced however it ends: committed,
 * rolled back, or rolled back by a failed put. What it wrote references
 * what it should. */
static void
test_store_load_transaction(void)
{
	tm_db *db = open_new("load.db");
	tm_unit *bad = pair("en", "boom", "ko", "가");
	long long n = 0;

	REQUIRE(db && bad);
	put_many(db, 0, 2);
	CHECK(conn_int(db, "PRAGMA foreign_keys") == 1);
	CHECK(!tm__index_feed_running(tm__db_ix(db)));
	REQUIRE(tm__db_begin_load(db) == TM_OK);
	CHECK(conn_int(db, "PRAGMA foreign_keys") == 0);
	CHECK(tm__db_begin_load(db) == TM_EINVAL); /* one at a time */
	put_many(db, 2, 1);
	/* a load's postings go to the index's thread from the first */
	CHECK(tm__index_feed_running(tm__db_ix(db)));
	put_many(db, 3, 2);
	put_many(db, 0, 1); /* merged: its props and notes rewritten */
	CHECK(tm_db_delete(db, 1) == TM_EINVAL);
	CHECK(strstr(tm_errmsg(), "no deletes inside an import") != NULL);
	CHECK(tm_db_delete_origin(&n, db, "x") == TM_EINVAL);
	CHECK(tm_db_commit(db) == TM_OK);
	CHECK(!tm__index_feed_running(tm__db_ix(db)));
	CHECK(conn_int(db, "PRAGMA foreign_keys") == 1);
	CHECK(conn_int(db, "SELECT count(*) FROM pragma_foreign_key_check") ==
	      0);
	/* an ordinary transaction of a few puts starts no thread */
	REQUIRE(tm_db_begin(db) == TM_OK);
	put_many(db, 20, 2);
	CHECK(!tm__index_feed_running(tm__db_ix(db)));
	CHECK(tm_db_rollback(db) == TM_OK);
	CHECK(tm_db_unit_count(db) == 5);
	/* enforced again: a delete takes the unit's variants with it */
	CHECK(tm_db_delete(db, 1) == TM_OK);
	CHECK(conn_int(db, "SELECT count(*) FROM tuv WHERE tu_id = 1") == 0);

	REQUIRE(tm__db_begin_load(db) == TM_OK);
	put_many(db, 10, 2);
	CHECK(tm_db_rollback(db) == TM_OK);
	CHECK(conn_int(db, "PRAGMA foreign_keys") == 1);
	CHECK(tm_db_unit_count(db) == 4);

	REQUIRE(fail_writes_of(db, "boom"));
	REQUIRE(tm__db_begin_load(db) == TM_OK);
	put_many(db, 10, 2);
	CHECK(tm_db_put(NULL, db, bad, NULL, TM_DUP_MERGE) == TM_EDB);
	CHECK(conn_int(db, "PRAGMA foreign_keys") == 1);
	CHECK(tm_db_commit(db) == TM_EINVAL); /* rolled back already */
	CHECK(tm_db_unit_count(db) == 4);
	tm_unit_free(bad);
	tm_db_close(db);
}

/* SQLite's memory statistics go off before its first use
 * (tm_global_set(TM_GLOBAL_MEMORY_STATS, 0)), and stay as they are once
 * it is in use; unknown options and values are refused. */
static void
test_store_memstats(void)
{
	tm_db *db;

	CHECK(tm_global_set(TM_GLOBAL_MEMORY_STATS, 2) == TM_EINVAL);
	CHECK(tm_global_set((tm_global_option)99, 0) == TM_EINVAL);
	CHECK_STR(tm_errmsg(), "global: unknown option 99 or value 0");
	CHECK(tm_global_set(TM_GLOBAL_MEMORY_STATS, 0) == TM_OK);
	REQUIRE((db = open_new("memstats.db")));
	put_many(db, 0, 2);
	CHECK(sqlite3_memory_used() == 0);
	CHECK(tm_global_set(TM_GLOBAL_MEMORY_STATS, 1) == TM_EINVAL);
	CHECK(strstr(tm_errmsg(), "in use already") != NULL);
	tm_db_close(db);
}

static void
touch(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* tm_db_remove() takes a TM with its -wal, -shm and -journal files, and
 * leaves alone what is not a TM. */
static void
test_store_remove(void)
{
	static const char *const side[] = {"-wal", "-shm", "-journal"};
	char path[512], p[600];
	tm_db *db = NULL;
	sqlite3 *h = NULL;

	snprintf(path, sizeof(path), "%s", tmp_path("remove.db"));
	REQUIRE(tm_db_open(&db, path, NULL) == TM_OK);
	put_many(db, 0, 3);
	tm_db_close(db);
	for (size_t i = 0; i < 3; i++) {
		snprintf(p, sizeof(p), "%s%s", path, side[i]);
		touch(p, "");
	}
	CHECK(tm_db_remove(path) == TM_OK);
	CHECK(access(path, F_OK) != 0);
	for (size_t i = 0; i < 3; i++) {
		snprintf(p, sizeof(p), "%s%s", path, side[i]);
		CHECK(access(p, F_OK) != 0);
	}
	CHECK(tm_db_remove(path) == TM_ENOTFOUND);
	CHECK(tm_db_remove(NULL) == TM_EINVAL);

	/* a text file, and another application's database, stay */
	touch(path, "not a TM\n");
	snprintf(p, sizeof(p), "%s-wal", path);
	touch(p, "");
	CHECK(tm_db_remove(path) == TM_EDB);
	CHECK(strstr(tm_errmsg(), "not a translation memory") != NULL);
	CHECK(access(path, F_OK) == 0 && access(p, F_OK) == 0);
	unlink(path);
	unlink(p);
	REQUIRE(sqlite3_open(path, &h) == SQLITE_OK);
	CHECK(sqlite3_exec(h, "CREATE TABLE t(x)", NULL, NULL, NULL) ==
	      SQLITE_OK);
	sqlite3_close(h);
	CHECK(tm_db_remove(path) == TM_EDB);
	CHECK(access(path, F_OK) == 0);
	unlink(path);
}

/* A failure after the first write of a put (here: the disk, simulated by
 * a trigger) rolls back the whole transaction and says so. */
static void
test_store_failed_write_rolls_back(void)
{
	tm_db *db = open_new("fail.db");
	tm_unit *u = pair("en", "a", "ko", "가"),
	        *v = pair("en", "b", "ko", "나");
	char p[600];

	REQUIRE(db && u && v);
	snprintf(p, sizeof(p), "%s", tm_db_path(db));
	put(db, u, TM_DUP_MERGE);
	REQUIRE(fail_writes_of(db, "b"));
	REQUIRE(tm_db_begin(db) == TM_OK);
	put_many(db, 0, 3);
	CHECK(tm_db_put(NULL, db, v, NULL, TM_DUP_MERGE) == TM_EDB);
	CHECK(strstr(tm_errmsg(), "disk on fire") != NULL);
	CHECK(strstr(tm_errmsg(), "(transaction rolled back)") != NULL);
	CHECK(tm_db_commit(db) == TM_EINVAL);
	CHECK(tm_db_unit_count(db) == 1);
	/* Outside a transaction the failed put alone is undone. */
	CHECK(tm_db_put(NULL, db, v, NULL, TM_DUP_MERGE) == TM_EDB);
	CHECK(tm_db_unit_count(db) == 1);
	tm_unit_free(u);
	tm_unit_free(v);
	tm_db_close(db);
	CHECK(sql_int(p, "SELECT count(*) FROM tuv") == 2);
}

/* Props of type @type of unit @id, "v1|v2|..." (unit level). */
static const char *
props_of(const char *path, long long id, const char *type)
{
	static char out[1024];
	sqlite3 *h = NULL;
	sqlite3_stmt *s = NULL;
	size_t o = 0;

	out[0] = '\0';
	sqlite3_open(path, &h);
	sqlite3_prepare_v2(h, "SELECT value FROM prop WHERE tu_id = ?1 AND "
	                      "tuv_id IS NULL AND type = ?2 ORDER BY id",
	                   -1, &s, NULL);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, type, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW && o < sizeof(out) - 1)
		o += (size_t)snprintf(out + o, sizeof(out) - o, "%s%s",
		                      o ? "|" : "",
		                      (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(h);
	return out;
}

/* An alignment of document @origin: links "en TAB ru" at confidence
 * @conf, status @st. */
static tm_status
put_story(tm_db_links_stats *out, tm_db *db, const char *origin,
          const char *const *pairs, size_t n, double conf, tm_link_status st)
{
	tm_db_links_options o = TM_DB_LINKS_OPTIONS_INIT;
	tm_db_link l[8] = {{0}};
	char text[8][2][128], lk[8][32];

	o.source_lang = "en";
	o.target_lang = "ru";
	o.origin = origin;
	o.min_confidence = 0.5;
	o.date = "20261201T100000Z";
	for (size_t i = 0; i < n && i < 8; i++) {
		const char *tab = strchr(pairs[i], '\t');

		snprintf(text[i][0], 128, "%.*s", (int)(tab - pairs[i]), pairs[i]);
		snprintf(text[i][1], 128, "%s", tab + 1);
		snprintf(lk[i], 32, "[%zu]:[%zu]", i, i);
		l[i].src_text = text[i][0];
		l[i].tgt_text = text[i][1];
		l[i].src_prev = i ? text[i - 1][0] : NULL;
		l[i].link = lk[i];
		l[i].confidence = conf;
		l[i].status = st;
	}
	return tm_db_put_links(out, db, l, n, &o);
}

/* Issue #18: storing an alignment replaces what its document stored
 * before, in one transaction; a unit it shares with another document (a
 * TMX import) stays with that document's data. */
static void
test_store_links_replace(void)
{
	static const char *const a1[] = {"One.\tОдин.", "Two.\tДва.",
	                                 "Three.\tТри."};
	static const char *const a2[] = {"One.\tОдин.", "Four.\tЧетыре."};
	static const char *const bad[] = {"Five.\tПять.", "Six.\t\xff"};
	tm_db *db = open_new("links.db");
	tm_db_links_stats st = TM_DB_LINKS_STATS_INIT;
	tm_unit *u = pair("en", "Two.", "ru", "Два.");
	long long shared, d = -1, k = -1;
	tm_db_query q = TM_DB_QUERY_INIT;
	tm_db_cursor *c = NULL;
	char path[600];
	int n = 0;

	REQUIRE(db && u);
	snprintf(path, sizeof(path), "%s", tm_db_path(db));
	tm_meta_add_prop(tm_unit_meta(u), "client", NULL, "city");
	REQUIRE(tm_db_put(NULL, db, u, "mem.tmx", TM_DUP_MERGE) == TM_OK);
	shared = tm_unit_id(u);
	tm_unit_free(u);

	/* first alignment: one link merged into the TMX unit */
	CHECK(put_story(&st, db, "a/en.txt", a1, 3, 0.8, TM_LINK_AUTO) ==
	      TM_OK);
	CHECK(st.added == 2 && st.merged == 1 && st.skipped == 0 &&
	      st.replaced == 0 && st.released == 0);
	CHECK(tm_db_unit_count(db) == 3);
	CHECK_STR(props_of(path, shared, "x-libtm-origin"), "a/en.txt");
	CHECK_STR(props_of(path, shared, "x-libtm-link"),
	          "[1]:[1] auto 0.800 a/en.txt");
	CHECK_STR(props_of(path, shared, "x-libtm-status"), "auto");
	CHECK_STR(props_of(path, shared, "x-libtm-confidence"), "0.800");
	CHECK(tm_db_get(&u, db, shared) == TM_OK);
	CHECK_STR(tm_unit_origin(u), "mem.tmx");
	CHECK_STR(tm_meta_attr(tm_unit_meta_const(u), "creationdate"),
	          "20261201T100000Z");
	tm_unit_free(u);
	/* a cursor for the story finds the shared unit too */
	q.origin = "a/en.txt";
	REQUIRE(tm_db_cursor_new(&c, db, &q) == TM_OK);
	while (tm_db_cursor_next(&u, c) == TM_OK) {
		n++;
		tm_unit_free(u);
	}
	tm_db_cursor_free(c);
	CHECK(n == 3);

	/* a failure half-way leaves the TM as it was: the replacement of
	 * the earlier units is undone with the rest */
	CHECK(put_story(&st, db, "a/en.txt", bad, 2, 0.9, TM_LINK_AUTO) ==
	      TM_EUNICODE);
	CHECK(st.added == 0 && st.replaced == 0);
	CHECK(tm_db_unit_count(db) == 3);
	CHECK_STR(props_of(path, shared, "x-libtm-origin"), "a/en.txt");
	CHECK(sql_int(path, "SELECT count(*) FROM tuv WHERE plain = 'Five.'") ==
	      0);
	/* the same inside the caller's transaction: the caller rolls back */
	REQUIRE(tm_db_begin(db) == TM_OK);
	CHECK(put_story(&st, db, "a/en.txt", bad, 2, 0.9, TM_LINK_AUTO) ==
	      TM_EUNICODE);
	CHECK(tm_db_rollback(db) == TM_OK);
	CHECK(tm_db_unit_count(db) == 3);

	/* the review replaces the automatic links: Two. leaves the story,
	 * its unit goes back to the TMX alone */
	CHECK(put_story(&st, db, "a/en.txt", a2, 2, 0.2, TM_LINK_CONFIRMED) ==
	      TM_OK);
	CHECK(st.added == 2 && st.merged == 0 && st.replaced == 2 &&
	      st.released == 1);
	CHECK(tm_db_unit_count(db) == 3);
	CHECK_STR(props_of(path, shared, "x-libtm-origin"), "");
	CHECK_STR(props_of(path, shared, "x-libtm-link"), "");
	CHECK_STR(props_of(path, shared, "x-libtm-status"), "");
	CHECK_STR(props_of(path, shared, "client"), "city");
	CHECK(sql_int(path, "SELECT count(*) FROM tuv WHERE plain = 'Three.'") ==
	      0);
	CHECK(sql_int(path, "SELECT count(*) FROM prop WHERE type = "
	                    "'x-libtm-status' AND value = 'confirmed'") == 2);
	CHECK(sql_int(path, "SELECT count(*) FROM prop WHERE type = "
	                    "'x-libtm-confidence' AND value = '1.000'") == 2);

	/* another story holding One. too: two link records, one status; the
	 * unit's first origin is a/en.txt, which then leaves */
	CHECK(put_story(&st, db, "b/en.txt", a2, 1, 0.7, TM_LINK_AUTO) ==
	      TM_OK);
	CHECK(st.merged == 1 && st.replaced == 0);
	CHECK(sql_int(path, "SELECT count(*) FROM prop WHERE type = "
	                    "'x-libtm-link'") == 3);
	CHECK(tm_db_remove_origin(&d, &k, db, "a/en.txt") == TM_OK);
	CHECK(d == 1 && k == 1);
	CHECK(sql_int(path, "SELECT count(*) FROM tu WHERE origin = "
	                    "'b/en.txt'") == 1);
	CHECK(sql_int(path, "SELECT count(*) FROM prop WHERE type = "
	                    "'x-libtm-origin'") == 0);
	CHECK(sql_int(path, "SELECT count(*) FROM prop WHERE type = "
	                    "'x-libtm-status' AND value = 'auto'") == 1);
	CHECK(sql_int(path, "SELECT count(*) FROM prop WHERE type = "
	                    "'x-libtm-confidence' AND value = '0.700'") == 1);
	/* links below min_confidence are skipped unless confirmed */
	CHECK(put_story(&st, db, "c.txt", a1, 3, 0.4, TM_LINK_AUTO) == TM_OK);
	CHECK(st.skipped == 3 && st.added == 0);
	/* bad options */
	CHECK(put_story(&st, db, "", a1, 1, 0.9, TM_LINK_AUTO) == TM_EINVAL);
	tm_db_close(db);
}

int
main(void)
{
	char cmd[300];

	snprintf(dir, sizeof(dir), "/tmp/test-store-XXXXXX");
	if (!mkdtemp(dir))
		tm_test_skip_all("cannot make a temporary directory");
	RUN(test_store_memstats); /* first: before any use of SQLite */
	RUN(test_store_round_trip);
	RUN(test_store_remove);
	RUN(test_store_hashes_kept);
	RUN(test_store_unit_origin);
	RUN(test_store_get_missing);
	RUN(test_store_bad_units);
	RUN(test_store_long_lang_tag);
	RUN(test_store_dup_merge);
	RUN(test_store_dup_keep_and_skip);
	RUN(test_store_cursor_filters);
	RUN(test_store_delete);
	RUN(test_store_header);
	RUN(test_store_transaction);
	RUN(test_store_open_errors);
	RUN(test_store_migrate_empty);
	RUN(test_store_migrate_v1);
	RUN(test_store_migrate_v2);
	RUN(test_store_migrate_fts5);
	RUN(test_store_index_error_named);
	RUN(test_store_newer_version);
	RUN(test_store_readonly);
	RUN(test_store_busy);
	RUN(test_store_new_tm_journal);
	RUN(test_store_removed_file);
	RUN(test_store_stats);
	RUN(test_store_key_column);
	RUN(test_store_bulk_key_index);
	RUN(test_store_bulk_duplicates);
	RUN(test_store_writeback);
	RUN(test_store_load_transaction);
	RUN(test_store_failed_write_rolls_back);
	RUN(test_store_links_replace);
	RUN(test_store_data_version);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return tm_test_done();
}
