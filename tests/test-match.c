/* SPDX-License-Identifier: MIT */
/* tm_lookup() and tm_concord() on real TM files built with tm_db_put(). */
#include "tm-test.h"

#include <math.h>
#include <unistd.h>

#include <tm/tm.h>

static const char *db_path = "test-match.db";

static tm_db *
fresh_db(void)
{
	tm_db *db = NULL;

	unlink(db_path);
	if (tm_db_open(&db, db_path, NULL) < 0)
		return NULL;
	return db;
}

/* Store a unit: en/ko/ru texts (NULL to leave out), optional context. */
static long long
put(tm_db *db, const char *en, const char *ko, const char *ru,
    const char *prev, const char *changed)
{
	tm_unit *u = NULL;
	tm_variant *v = NULL;
	long long id;

	if (tm_unit_new(&u) < 0)
		return -1;
	if (en && tm_unit_add_variant(&v, u, "en", NULL, en) == TM_OK && prev)
		tm_meta_add_prop(tm_variant_meta(v), "x-context-pre", NULL,
		                 prev);
	if (ko)
		tm_unit_add_variant(NULL, u, "ko", NULL, ko);
	if (ru)
		tm_unit_add_variant(NULL, u, "ru", NULL, ru);
	if (changed)
		tm_meta_set_attr(tm_unit_meta(u), "changedate", changed);
	if (tm_db_put(NULL, db, u, "test", TM_DUP_KEEP) < 0) {
		printf("# put: %s\n", tm_errmsg());
		tm_unit_free(u);
		return -1;
	}
	id = tm_unit_id(u);
	tm_unit_free(u);
	return id;
}

static tm_match_list *
look(tm_db *db, const char *text, const char *src, const char *tgt)
{
	tm_lookup_options o = TM_LOOKUP_OPTIONS_INIT;
	tm_match_list *l = NULL;

	o.source_lang = src;
	o.target_lang = tgt;
	o.max_results = 10;
	if (tm_lookup(&l, db, text, &o) < 0)
		printf("# lookup: %s\n", tm_errmsg());
	return l;
}

static bool
near(double a, double b)
{
	return fabs(a - b) < 0.005;
}

static void
test_match_score_definition(void)
{
	tm_db *db = fresh_db();
	tm_match_list *l;
	const tm_match *m;

	REQUIRE(db);
	REQUIRE(put(db, "The central bank raised its rates.",
	            "중앙은행이 금리를 올렸다.", NULL, NULL, NULL) > 0);
	REQUIRE(put(db, "Putin arrived in Pyongyang", "푸틴은 평양에 갔다", NULL,
	            NULL, NULL) > 0);
	/* 2 insertions over max(4, 6) tokens: 100 * 4 / 6 */
	l = look(db, "the bank raised rates", "en", "ko");
	REQUIRE(l);
	CHECK(tm_match_list_count(l) == 0); /* 66.67 < 70 */
	tm_match_list_free(l);
	{
		tm_lookup_options o = TM_LOOKUP_OPTIONS_INIT;

		o.source_lang = "en";
		o.target_lang = "ko";
		o.min_score = 60;
		REQUIRE(tm_lookup(&l, db, "the bank raised rates", &o) ==
		        TM_OK);
		REQUIRE(tm_match_list_count(l) == 1);
		CHECK(near(tm_match_list_get(l, 0)->score, 100.0 * 4 / 6));
		tm_match_list_free(l);
	}
	/* Korean counts syllables: one particle of 8 syllables */
	l = look(db, "푸틴이 평양에 갔다", "ko", "en");
	REQUIRE(l && tm_match_list_count(l) == 1);
	m = tm_match_list_get(l, 0);
	CHECK(near(m->score, 100.0 * 7 / 8));
	CHECK_STR(m->target, "Putin arrived in Pyongyang");
	CHECK_STR(m->source, "푸틴은 평양에 갔다");
	CHECK(m->flags == 0);
	tm_match_list_free(l);
	/* case and spacing fold into the key: exact */
	l = look(db, "  THE central   bank raised its rates.", "en", "ko");
	REQUIRE(l && tm_match_list_count(l) == 1);
	CHECK(tm_match_list_get(l, 0)->score == 100);
	CHECK(tm_match_list_get(l, 0)->flags & TM_MATCH_EXACT);
	tm_match_list_free(l);
	/* same tokens, other punctuation: 99 */
	l = look(db, "The central bank raised its rates!", "en", "ko");
	REQUIRE(l && tm_match_list_count(l) == 1);
	CHECK(tm_match_list_get(l, 0)->score == 99);
	CHECK(tm_match_list_get(l, 0)->flags & TM_MATCH_PUNCT);
	tm_match_list_free(l);
	/* no variant in the target language: nothing */
	l = look(db, "The central bank raised its rates.", "en", "ru");
	CHECK(l && tm_match_list_count(l) == 0);
	tm_match_list_free(l);
	tm_db_close(db);
}

static void
test_match_numbers(void)
{
	tm_db *db = fresh_db();
	tm_match_list *l;
	const tm_match *m;

	REQUIRE(db);
	REQUIRE(put(db, "Exports reached 3.5 million tons in 2022.",
	            "2022년 수출은 350만 톤에 달했다.",
	            "В 2022 году экспорт достиг 3,5 млн тонн.", NULL,
	            NULL) > 0);
	l = look(db, "Exports reached 4.2 million tons in 2023.", "en", "ko");
	REQUIRE(l && tm_match_list_count(l) == 1);
	m = tm_match_list_get(l, 0);
	CHECK(m->score == 99);
	CHECK(m->flags & TM_MATCH_NUMBERS);
	CHECK_STR(m->target, "2022년 수출은 350만 톤에 달했다.");
	CHECK_STR(m->proposed, "2023년 수출은 420만 톤에 달했다.");
	tm_match_list_free(l);
	l = look(db, "Exports reached 4.2 million tons in 2023.", "en", "ru");
	REQUIRE(l && tm_match_list_count(l) == 1);
	CHECK_STR(tm_match_list_get(l, 0)->proposed,
	          "В 2023 году экспорт достиг 4,2 млн тонн.");
	tm_match_list_free(l);
	/* a word changed too: fuzzy score, numbers still put in */
	l = look(db, "Imports reached 3.5 million tons in 2023.", "en", "ko");
	REQUIRE(l && tm_match_list_count(l) == 1);
	m = tm_match_list_get(l, 0);
	CHECK(near(m->score, 100.0 * 5 / 7));
	CHECK_STR(m->proposed, "2023년 수출은 350만 톤에 달했다.");
	tm_match_list_free(l);
	tm_db_close(db);
}

static void
test_match_context(void)
{
	tm_db *db = fresh_db();
	tm_lookup_options o = TM_LOOKUP_OPTIONS_INIT;
	tm_match_list *l = NULL;
	long long a, b;

	REQUIRE(db);
	/* b is newer: without context it ranks first */
	a = put(db, "He declined to comment.", "그는 논평을 거부했다.", NULL,
	        "The minister resigned on Friday.", "20200101T000000Z");
	b = put(db, "He declined to comment.", "그는 언급을 피했다.", NULL,
	        "The coach left the club.", "20240101T000000Z");
	REQUIRE(a > 0 && b > 0);
	l = look(db, "He declined to comment.", "en", "ko");
	REQUIRE(l && tm_match_list_count(l) == 2);
	CHECK(tm_match_list_get(l, 0)->tu == b);
	CHECK(tm_match_list_get(l, 0)->score == 100);
	tm_match_list_free(l);
	o.source_lang = "en";
	o.target_lang = "ko";
	o.ctx_prev = "The minister resigned on Friday.";
	REQUIRE(tm_lookup(&l, db, "He declined to comment.", &o) == TM_OK);
	REQUIRE(tm_match_list_count(l) == 2);
	CHECK(tm_match_list_get(l, 0)->tu == a);
	CHECK(tm_match_list_get(l, 0)->score == 101);
	CHECK(tm_match_list_get(l, 0)->flags & TM_MATCH_CONTEXT);
	CHECK(tm_match_list_get(l, 1)->score == 100);
	tm_match_list_free(l);
	tm_db_close(db);
}

static void
test_match_korean_short(void)
{
	tm_db *db = fresh_db();
	tm_concord_options co = TM_CONCORD_OPTIONS_INIT;
	tm_concord_list *c = NULL;
	const tm_concord_hit *h;
	tm_match_list *l;

	REQUIRE(db);
	REQUIRE(put(db, "Putin arrived in Pyongyang.", "푸틴은 평양에 도착했다.",
	            NULL, NULL, NULL) > 0);
	REQUIRE(put(db, "Putin", "푸틴", NULL, NULL, NULL) > 0);
	REQUIRE(put(db, "Pyongyang", "평양", NULL, NULL, NULL) > 0);
	co.lang = "ko";
	co.target_lang = "en";
	REQUIRE(tm_concord(&c, db, "푸틴", &co) == TM_OK);
	REQUIRE(tm_concord_list_count(c) == 2);
	h = tm_concord_list_get(c, 1); /* the newest unit first */
	CHECK_STR(h->text, "푸틴은 평양에 도착했다.");
	CHECK(h->span_start == 0 && h->span_len == strlen("푸틴"));
	CHECK_STR(h->translation, "Putin arrived in Pyongyang.");
	tm_concord_list_free(c);
	REQUIRE(tm_concord(&c, db, "평양", &co) == TM_OK);
	CHECK(tm_concord_list_count(c) == 2);
	tm_concord_list_free(c);
	/* reverse lookup: search the English side */
	co.lang = "en";
	co.target_lang = NULL;
	REQUIRE(tm_concord(&c, db, "arrived in", &co) == TM_OK);
	REQUIRE(tm_concord_list_count(c) == 1);
	h = tm_concord_list_get(c, 0);
	CHECK(h->span_start == 6 && h->span_len == 10);
	CHECK_STR(h->translation_lang, "ko");
	tm_concord_list_free(c);
	/* a two-syllable query is served by lookup too */
	l = look(db, "평양", "ko", "en");
	REQUIRE(l && tm_match_list_count(l) == 1);
	CHECK_STR(tm_match_list_get(l, 0)->target, "Pyongyang");
	tm_match_list_free(l);
	tm_db_close(db);
}

/* A Korean phrase matches at a word start: 평양 (Pyongyang) is not found
 * inside 태평양 (Pacific), but is with a particle after it. */
static void
test_match_concord_word_start(void)
{
	tm_db *db = fresh_db();
	tm_concord_options co = TM_CONCORD_OPTIONS_INIT;
	tm_concord_list *c = NULL;
	long long pacific, seen, from;

	REQUIRE(db);
	REQUIRE((pacific = put(db, "The Pacific is wide.", "태평양은 넓다.", NULL,
	                       NULL, NULL)) > 0);
	REQUIRE((seen = put(db, "Pyongyang is far.", "평양은 멀다.", NULL,
	                    NULL, NULL)) > 0);
	REQUIRE((from = put(db, "He flew from Pyongyang across the Pacific.",
	                    "그는 평양에서 태평양을 건넜다.", NULL, NULL, NULL)) >
	        0);
	co.lang = "ko";
	REQUIRE(tm_concord(&c, db, "평양", &co) == TM_OK);
	REQUIRE(tm_concord_list_count(c) == 2);
	/* the newest unit first */
	CHECK(tm_concord_list_get(c, 1)->tu == seen);
	CHECK(tm_concord_list_get(c, 1)->span_start == 0);
	CHECK(tm_concord_list_get(c, 0)->tu == from);
	/* the span is the word-initial 평양, not the one in 태평양 */
	CHECK(tm_concord_list_get(c, 0)->span_start == strlen("그는 "));
	CHECK(tm_concord_list_get(c, 0)->span_len == strlen("평양"));
	tm_concord_list_free(c);
	REQUIRE(tm_concord(&c, db, "태평양", &co) == TM_OK);
	REQUIRE(tm_concord_list_count(c) == 2);
	CHECK(tm_concord_list_get(c, 1)->tu == pacific);
	CHECK(tm_concord_list_get(c, 0)->span_start ==
	      strlen("그는 평양에서 "));
	tm_concord_list_free(c);
	tm_db_close(db);
}

/* The span of hit @i of @c, as a string. */
static const char *
span_of(const tm_concord_list *c, size_t i)
{
	static char buf[256];
	const tm_concord_hit *h = tm_concord_list_get(c, i);

	if (!h)
		return "(no hit)";
	snprintf(buf, sizeof(buf), "%s:%.*s", h->lang, (int)h->span_len,
	         h->text + h->span_start);
	return buf;
}

/* Cross-script concordance: a name in one script finds it in the others
 * through the index's transliteration key terms, span marked. */
static void
test_match_concord_translit(void)
{
	tm_db *db = fresh_db();
	tm_concord_options co = TM_CONCORD_OPTIONS_INIT;
	tm_concord_list *c = NULL;
	long long a, b, k, pac;

	REQUIRE(db);
	REQUIRE((a = put(db, "Putin arrived in Pyongyang on Tuesday.",
	                 "푸틴은 화요일 평양에 도착했다.",
	                 "Путин прибыл в Пхеньян во вторник.", NULL, NULL)) > 0);
	REQUIRE((b = put(db, "Talks with Putin's envoy ended.", NULL,
	                 "Переговоры с посланником Путина завершились.", NULL,
	                 NULL)) > 0);
	REQUIRE(put(db, "He put in a request.", NULL, "Он подал запрос.", NULL,
	            NULL) > 0);
	REQUIRE((k = put(db, "Kim Jong-un met the envoy.",
	                 "김정은 위원장이 특사를 만났다.",
	                 "Ким Чен Ын встретился с посланником.", NULL, NULL)) >
	        0);
	REQUIRE((pac = put(db, "The Pacific Ocean is wide.", "태평양은 넓다.",
	                   "Тихий океан широк.", NULL, NULL)) > 0);
	co.lang = "en";
	co.flags = TM_CONCORD_TRANSLIT;
	REQUIRE(tm_concord(&c, db, "Putin", &co) == TM_OK);
	REQUIRE(tm_concord_list_count(c) == 5);
	/* the phrase's own language first, then the other scripts, each
	 * newest unit first */
	CHECK_STR(span_of(c, 0), "en:Putin"); /* Putin's */
	CHECK_STR(span_of(c, 1), "en:Putin");
	CHECK_STR(span_of(c, 2), "ru:Путина"); /* genitive */
	CHECK_STR(span_of(c, 3), "ko:푸틴"); /* not its particle 은 */
	CHECK_STR(span_of(c, 4), "ru:Путин");
	CHECK(tm_concord_list_get(c, 2)->tu == b);
	CHECK_STR(tm_concord_list_get(c, 2)->translation,
	          "Talks with Putin's envoy ended.");
	tm_concord_list_free(c);
	/* the same from Russian and Korean; -t picks the translation */
	co.lang = "ko";
	co.target_lang = "en";
	REQUIRE(tm_concord(&c, db, "푸틴", &co) == TM_OK);
	CHECK(tm_concord_list_count(c) == 5);
	CHECK_STR(span_of(c, 4), "ru:Путин");
	CHECK_STR(tm_concord_list_get(c, 4)->translation,
	          "Putin arrived in Pyongyang on Tuesday.");
	tm_concord_list_free(c);
	co.lang = "ru";
	co.target_lang = NULL;
	REQUIRE(tm_concord(&c, db, "Пхеньян", &co) == TM_OK);
	REQUIRE(tm_concord_list_count(c) == 3);
	CHECK_STR(span_of(c, 0), "ru:Пхеньян");
	CHECK_STR(span_of(c, 1), "en:Pyongyang");
	CHECK_STR(span_of(c, 2), "ko:평양");
	CHECK(tm_concord_list_get(c, 1)->tu == a);
	tm_concord_list_free(c);
	/* a name that is one Korean word and three English or Russian ones */
	co.lang = "ko";
	REQUIRE(tm_concord(&c, db, "김정은", &co) == TM_OK);
	REQUIRE(tm_concord_list_count(c) == 3);
	CHECK_STR(span_of(c, 0), "ko:김정은");
	CHECK_STR(span_of(c, 1), "en:Kim Jong-un");
	CHECK_STR(span_of(c, 2), "ru:Ким Чен Ын");
	tm_concord_list_free(c);
	co.lang = "en";
	REQUIRE(tm_concord(&c, db, "Kim Jong-un", &co) == TM_OK);
	CHECK(tm_concord_list_count(c) == 3);
	CHECK(tm_concord_list_get(c, 0)->tu == k);
	tm_concord_list_free(c);
	/* a word start, as without --translit: 태평양 (Pacific) is not
	 * Pyongyang */
	REQUIRE(tm_concord(&c, db, "Pyongyang", &co) == TM_OK);
	CHECK(tm_concord_list_count(c) == 3);
	for (size_t i = 0; i < tm_concord_list_count(c); i++)
		CHECK(tm_concord_list_get(c, i)->tu != pac);
	tm_concord_list_free(c);
	co.max_results = 2;
	REQUIRE(tm_concord(&c, db, "Putin", &co) == TM_OK);
	CHECK(tm_concord_list_count(c) == 2);
	tm_concord_list_free(c);
	/* a key of one symbol would match half the TM */
	CHECK(tm_concord(&c, db, "Lee", &co) == TM_EINVAL);
	CHECK_STR(tm_errmsg(),
	          "concord: the cross-script key of the phrase ('l') is too "
	          "short to search (at least 2 symbols)");
	CHECK(c == NULL);
	CHECK(tm_concord(&c, db, "...", &co) == TM_EINVAL);
	CHECK_STR(tm_errmsg(), "concord: no word in the phrase");
	tm_db_close(db);
}

static void
test_match_bad_input(void)
{
	tm_db *db = fresh_db();
	tm_lookup_options o = TM_LOOKUP_OPTIONS_INIT;
	tm_concord_options co = TM_CONCORD_OPTIONS_INIT;
	tm_match_list *l = NULL;
	tm_concord_list *c = NULL;
	char *big;

	REQUIRE(db);
	REQUIRE(put(db, "A quiet day.", "조용한 날.", NULL, NULL, NULL) > 0);
	o.source_lang = "en";
	CHECK(tm_lookup(&l, db, "day", &o) == TM_EINVAL);
	CHECK_STR(tm_errmsg(),
	          "match: both a source and a target language are needed");
	CHECK(l == NULL);
	o.target_lang = "ko";
	CHECK(tm_lookup(&l, db, "", &o) == TM_EINVAL);
	CHECK_STR(tm_errmsg(), "match: empty query (no word in it)");
	CHECK(tm_lookup(&l, db, " ... ", &o) == TM_EINVAL);
	CHECK(tm_lookup(&l, db, "bad \xff byte", &o) == TM_EUNICODE);
	big = malloc(100 * 1024 + 1);
	REQUIRE(big);
	for (size_t i = 0; i < 100 * 1024; i += 2)
		memcpy(big + i, "a ", 2);
	big[100 * 1024] = '\0';
	CHECK(tm_lookup(&l, db, big, &o) == TM_EINVAL);
	CHECK_STR(tm_errmsg(),
	          "match: query too long (51200 tokens, at most 4096)");
	free(big);
	/* another script: a clear empty answer */
	REQUIRE(tm_lookup(&l, db, "Тихий день.", &o) == TM_OK);
	CHECK(tm_match_list_count(l) == 0);
	tm_match_list_free(l);
	o.version = 99;
	CHECK(tm_lookup(&l, db, "day", &o) == TM_EINVAL);
	co.lang = "en";
	CHECK(tm_concord(&c, db, "!!!", &co) == TM_EINVAL);
	CHECK_STR(tm_errmsg(), "concord: no word in the phrase");
	co.lang = NULL;
	CHECK(tm_concord(&c, db, "day", &co) == TM_EINVAL);
	CHECK(c == NULL);
	tm_match_list_free(NULL);
	tm_concord_list_free(NULL);
	CHECK(tm_match_list_count(NULL) == 0);
	CHECK(tm_match_list_get(NULL, 0) == NULL);
	tm_db_close(db);
}

/* A reader is not blocked by a writer in the middle of a transaction and
 * does not see its uncommitted units (WAL). */
static void
test_match_reader_during_import(void)
{
	tm_db *w = fresh_db(), *r = NULL;
	tm_db_options ro = TM_DB_OPTIONS_INIT;
	tm_match_list *l;

	REQUIRE(w);
	REQUIRE(put(w, "Markets closed higher on Monday.", "증시가 상승 마감했다.", NULL,
	            NULL, NULL) > 0);
	ro.flags = TM_DB_READONLY;
	REQUIRE(tm_db_open(&r, db_path, &ro) == TM_OK);
	REQUIRE(tm_db_begin(w) == TM_OK);
	REQUIRE(put(w, "Markets closed lower on Monday.", "증시가 하락 마감했다.", NULL,
	            NULL, NULL) > 0);
	l = look(r, "Markets closed lower on Monday.", "en", "ko");
	REQUIRE(l);
	CHECK(tm_match_list_count(l) == 1);
	CHECK(tm_match_list_get(l, 0)->score < 100);
	tm_match_list_free(l);
	/* the writer sees its own staged unit */
	l = look(w, "Markets closed lower on Monday.", "en", "ko");
	REQUIRE(l && tm_match_list_count(l) == 2);
	CHECK(tm_match_list_get(l, 0)->score == 100);
	tm_match_list_free(l);
	REQUIRE(tm_db_commit(w) == TM_OK);
	l = look(r, "Markets closed lower on Monday.", "en", "ko");
	REQUIRE(l && tm_match_list_count(l) == 2);
	CHECK(tm_match_list_get(l, 0)->score == 100);
	tm_match_list_free(l);
	tm_db_close(r);
	tm_db_close(w);
}

/* Index lookup agrees with the exhaustive scan on real sentence pairs. */
static void
test_match_recall_real(void)
{
	const char *data = tm_test_shared_data();
	char path[1024], line[4096];
	FILE *fen, *fru;
	tm_db *db;
	int n = 0, checked = 0, agree = 0;
	char **en = NULL;

	if (!data) {
		printf("# no shared data: skipped\n");
		return;
	}
	snprintf(path, sizeof(path),
	         "%s/parallel/ru-en/wmt-newstest/newstest2016.en", data);
	fen = fopen(path, "r");
	snprintf(path, sizeof(path),
	         "%s/parallel/ru-en/wmt-newstest/newstest2016.ru", data);
	fru = fopen(path, "r");
	if (!fen || !fru) {
		if (fen)
			fclose(fen);
		if (fru)
			fclose(fru);
		printf("# newstest2016 absent: skipped\n");
		return;
	}
	db = fresh_db();
	REQUIRE(db);
	REQUIRE(tm_db_begin(db) == TM_OK);
	en = calloc(1000, sizeof(*en));
	while (n < 1000 && fgets(line, sizeof(line), fen)) {
		char ru[4096];

		if (!fgets(ru, sizeof(ru), fru))
			break;
		line[strcspn(line, "\n")] = '\0';
		ru[strcspn(ru, "\n")] = '\0';
		en[n] = strdup(line);
		put(db, line, NULL, ru, NULL, NULL);
		n++;
	}
	fclose(fen);
	fclose(fru);
	REQUIRE(tm_db_commit(db) == TM_OK);
	/* queries: sentence i with its 3rd word dropped and a word of
	 * sentence i + 1 appended */
	for (int i = 0; i < n; i += 5) {
		tm_lookup_options o = TM_LOOKUP_OPTIONS_INIT;
		tm_match_list *a = NULL, *b = NULL;
		char q[8192], *w3;

		snprintf(q, sizeof(q), "%s", en[i]);
		w3 = strchr(q, ' ');
		if (w3 && (w3 = strchr(w3 + 1, ' '))) {
			char *end = strchr(w3 + 1, ' ');

			if (end)
				memmove(w3, end, strlen(end) + 1);
		}
		if (i + 1 < n && strchr(en[i + 1], ' '))
			snprintf(q + strlen(q), sizeof(q) - strlen(q), " %.*s",
			         (int)(strchr(en[i + 1], ' ') - en[i + 1]),
			         en[i + 1]);
		o.source_lang = "en";
		o.target_lang = "ru";
		o.min_score = 50;
		REQUIRE(tm_lookup(&a, db, q, &o) == TM_OK);
		o.flags = TM_LOOKUP_EXHAUSTIVE;
		REQUIRE(tm_lookup(&b, db, q, &o) == TM_OK);
		if (tm_match_list_count(b)) {
			checked++;
			agree += tm_match_list_count(a) &&
			         tm_match_list_get(a, 0)->score ==
			                 tm_match_list_get(b, 0)->score;
		} else {
			CHECK(tm_match_list_count(a) == 0);
		}
		tm_match_list_free(a);
		tm_match_list_free(b);
	}
	printf("# recall: %d/%d queries got the exhaustive best score\n",
	       agree, checked);
	CHECK(checked > 100);
	CHECK(agree == checked);
	for (int i = 0; i < n; i++)
		free(en[i]);
	free(en);
	tm_db_close(db);
}

int
main(void)
{
	RUN(test_match_score_definition);
	RUN(test_match_numbers);
	RUN(test_match_context);
	RUN(test_match_korean_short);
	RUN(test_match_concord_word_start);
	RUN(test_match_concord_translit);
	RUN(test_match_bad_input);
	RUN(test_match_reader_during_import);
	RUN(test_match_recall_real);
	unlink(db_path);
	return tm_test_done();
}
