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
	/* no variant in the target language at all: an error naming those
	 * there are, not an empty answer */
	l = look(db, "The central bank raised its rates.", "en", "ru");
	CHECK(l == NULL);
	CHECK_STR(tm_errmsg(), "lang: no units in 'ru'; this TM has en, ko");
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

/* Korean units in the query, certainty, bad input (docs/numbers.md). */
static void
test_match_numbers_certainty(void)
{
	tm_db *db = fresh_db();
	tm_match_list *l;
	const tm_match *m;
	tm_lookup_options o = TM_LOOKUP_OPTIONS_INIT;

	REQUIRE(db);
	REQUIRE(put(db, "1,500 people died in the floods.", "홍수로 1천500명이 숨졌다.",
	            "В наводнениях погибли 1500 человек.", NULL, NULL) > 0);
	REQUIRE(put(db, "It costs 60,000 won a month.", "한 달에 6만원이 든다.",
	            "Это стоит 60" "\xc2\xa0" "000 вон в месяц.", NULL,
	            NULL) > 0);
	REQUIRE(put(db, "In 2022 the national assembly committee met 5 times in "
	            "the capital to discuss the new budget and the tax reform "
	            "plan for next year.", NULL,
	            "В 2022 году комитет национального собрания пять раз "
	            "собирался в столице, чтобы обсудить новый бюджет и план "
	            "налоговой реформы на следующий год.", NULL, NULL) > 0);
	REQUIRE(put(db, "1,500", "1,500", NULL, NULL, NULL) > 0);
	/* a query in Korean units: 99, the new figure in the English and the
	 * Russian notation */
	l = look(db, "홍수로 1천200명이 숨졌다.", "ko", "en");
	REQUIRE(l && tm_match_list_count(l) == 1);
	m = tm_match_list_get(l, 0);
	CHECK(m->score == 99);
	CHECK(m->flags & TM_MATCH_NUMBERS);
	CHECK_STR(m->proposed, "1,200 people died in the floods.");
	tm_match_list_free(l);
	l = look(db, "홍수로 1천200명이 숨졌다.", "ko", "ru");
	REQUIRE(l && tm_match_list_count(l) == 1);
	CHECK_STR(tm_match_list_get(l, 0)->proposed,
	          "В наводнениях погибли 1200 человек.");
	tm_match_list_free(l);
	/* the other way: 1,200 into 1천500 stays in Korean units */
	l = look(db, "1,200 people died in the floods.", "en", "ko");
	REQUIRE(l && tm_match_list_count(l) == 1);
	CHECK(tm_match_list_get(l, 0)->score == 99);
	CHECK_STR(tm_match_list_get(l, 0)->proposed, "홍수로 1천200명이 숨졌다.");
	tm_match_list_free(l);
	/* token counts differ (5만8천300 against 6만): still numbers only */
	l = look(db, "한 달에 5만8천300원이 든다.", "ko", "ru");
	REQUIRE(l && tm_match_list_count(l) == 1);
	m = tm_match_list_get(l, 0);
	CHECK(m->score == 99);
	CHECK(m->flags & TM_MATCH_NUMBERS);
	CHECK_STR(m->proposed, "Это стоит 58" "\xc2\xa0" "300 вон в месяц.");
	tm_match_list_free(l);
	l = look(db, "It costs 58,300 won a month.", "en", "ko");
	REQUIRE(l && tm_match_list_count(l) == 1);
	CHECK_STR(tm_match_list_get(l, 0)->proposed, "한 달에 5만8천300원이 든다.");
	tm_match_list_free(l);
	/* the target writes the figure in words: not certain, so no 99, no
	 * flag, the target as stored, and below 95 although the fuzzy score
	 * of one token in 28 is 96.43 */
	l = look(db, "In 2022 the national assembly committee met 6 times in "
	             "the capital to discuss the new budget and the tax reform "
	             "plan for next year.", "en", "ru");
	REQUIRE(l && tm_match_list_count(l) == 1);
	m = tm_match_list_get(l, 0);
	CHECK(m->score == 94);
	CHECK(!(m->flags & TM_MATCH_NUMBERS));
	CHECK(m->proposed == m->target);
	tm_match_list_free(l);
	/* a figure inside a word (4x103) is never put in: below 95 too */
	REQUIRE(put(db, "The Russian men's team managed to reach the final of "
	            "the 4x100 metre medley relay in swimming at the Olympics "
	            "in Rio de Janeiro.", NULL,
	            "Мужская сборная России сумела выйти в финал "
	            "комбинированной эстафеты 4 по 100 метров в плавании на "
	            "Олимпиаде в Рио-де-Жанейро.", NULL, NULL) > 0);
	l = look(db, "The Russian men's team managed to reach the final of the "
	             "4x103 metre medley relay in swimming at the Olympics in Rio "
	             "de Janeiro.", "en", "ru");
	REQUIRE(l && tm_match_list_count(l) == 1);
	CHECK(tm_match_list_get(l, 0)->score == 94);
	CHECK(tm_match_list_get(l, 0)->flags == 0);
	tm_match_list_free(l);
	/* a query of numbers only pairs with nothing */
	l = look(db, "1,200", "en", "ko");
	REQUIRE(l);
	CHECK(tm_match_list_count(l) == 0);
	tm_match_list_free(l);
	/* bad input: out of range, malformed: an answer, no 99 */
	l = look(db, "1234567890123456789012345678901234567890 people died in "
	             "the floods.", "en", "ko");
	REQUIRE(l);
	for (size_t i = 0; i < tm_match_list_count(l); i++) {
		CHECK(tm_match_list_get(l, i)->score < 95);
		CHECK(!(tm_match_list_get(l, i)->flags & TM_MATCH_NUMBERS));
	}
	tm_match_list_free(l);
	l = look(db, "1,50,0 people died in the floods.", "en", "ko");
	REQUIRE(l);
	for (size_t i = 0; i < tm_match_list_count(l); i++)
		CHECK(tm_match_list_get(l, i)->score < 95);
	tm_match_list_free(l);
	o.source_lang = "en";
	o.target_lang = "ko";
	l = NULL;
	CHECK(tm_lookup(&l, db, "!!! ... ???", &o) == TM_EINVAL);
	CHECK(l == NULL);
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
	CHECK_STR(h->target_lang, "ko");
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

/* Store a two-variant unit from @origin (TM_DUP_KEEP: every put is a unit
 * of its own, as an import and an alignment of one story make). */
static long long
put2(tm_db *db, const char *origin, const char *l1, const char *t1,
     const char *l2, const char *t2)
{
	tm_unit *u = NULL;
	long long id;

	if (tm_unit_new(&u) < 0)
		return -1;
	if (tm_unit_add_variant(NULL, u, l1, NULL, t1) < 0 ||
	    tm_unit_add_variant(NULL, u, l2, NULL, t2) < 0 ||
	    tm_db_put(NULL, db, u, origin, TM_DUP_KEEP) < 0) {
		printf("# put2: %s\n", tm_errmsg());
		tm_unit_free(u);
		return -1;
	}
	id = tm_unit_id(u);
	tm_unit_free(u);
	return id;
}

static tm_match_list *
look_flags(tm_db *db, const char *text, const char *src, const char *tgt,
           unsigned int flags, double min)
{
	tm_lookup_options o = TM_LOOKUP_OPTIONS_INIT;
	tm_match_list *l = NULL;

	o.source_lang = src;
	o.target_lang = tgt;
	o.max_results = 10;
	o.flags = flags;
	o.min_score = min;
	if (tm_lookup(&l, db, text, &o) < 0)
		printf("# lookup: %s\n", tm_errmsg());
	return l;
}

/* Desks align against English: en-ko and en-ru units. ko->ru goes through
 * the English they share. */
static void
test_match_pivot(void)
{
	tm_db *db = fresh_db();
	tm_match_list *l;
	const tm_match *m;
	long long ko1, ru1, ko2;

	REQUIRE(db);
	ko1 = put2(db, "story-ko", "en", "Putin arrived in Pyongyang on Tuesday.",
	           "ko", "푸틴은 화요일 평양에 도착했다.");
	ru1 = put2(db, "story-ru", "en", "PUTIN arrived in Pyongyang on Tuesday.",
	           "ru", "Путин прибыл в Пхеньян во вторник.");
	ko2 = put2(db, "story-ko", "en", "The talks lasted two hours.", "ko",
	           "회담은 두 시간 동안 계속됐다.");
	REQUIRE(ko1 > 0 && ru1 > 0 && ko2 > 0);
	REQUIRE(put2(db, "story-ru", "en", "The talks lasted three hours.",
	             "ru", "Переговоры длились три часа.") > 0);
	/* exact source: the pivot is at most 99, flagged, and says how */
	l = look_flags(db, "푸틴은 화요일 평양에 도착했다.", "ko", "ru", 0, 0);
	REQUIRE(l && tm_match_list_count(l) == 1);
	m = tm_match_list_get(l, 0);
	CHECK(m->score == 99);
	CHECK(m->flags & TM_MATCH_PIVOT);
	CHECK(m->flags & TM_MATCH_EXACT);
	CHECK(m->tu == ko1);
	CHECK(m->pivot_tu == ru1);
	CHECK_STR(m->pivot_lang, "en");
	CHECK_STR(m->pivot_text, "Putin arrived in Pyongyang on Tuesday.");
	CHECK_STR(m->source, "푸틴은 화요일 평양에 도착했다.");
	CHECK_STR(m->target, "Путин прибыл в Пхеньян во вторник.");
	CHECK_STR(m->target_lang, "ru");
	REQUIRE(m->n_origins == 2);
	CHECK_STR(m->origins[0], "story-ko");
	CHECK_STR(m->origins[1], "story-ru");
	tm_match_list_free(l);
	/* fuzzy source: the weaker link, the source's similarity */
	l = look_flags(db, "푸틴은 수요일 평양에 도착했다.", "ko", "ru", 0, 50);
	REQUIRE(l && tm_match_list_count(l) >= 1);
	m = tm_match_list_get(l, 0);
	{
		tm_match_list *d = look_flags(db, "푸틴은 수요일 평양에 도착했다.",
		                              "ko", "en", 0, 50);

		REQUIRE(d && tm_match_list_count(d) >= 1);
		CHECK(m->score <= tm_match_list_get(d, 0)->score);
		CHECK(m->score < 99);
		tm_match_list_free(d);
	}
	CHECK(m->flags & TM_MATCH_PIVOT);
	tm_match_list_free(l);
	/* other numbers: a pivot's translation gets none put in, so it
	 * keeps the stored figure and stays below 95, however long the
	 * sentence */
	REQUIRE(put2(db, "story-ko", "en",
	             "Russia and North Korea will resume the passenger train "
	             "service next month for the first time in six years.",
	             "ko",
	             "러시아와 북한을 잇는 모스크바 평양 직통 여객열차가 다음 달 "
	             "6년 만에 운행을 재개한다.") > 0);
	REQUIRE(put2(db, "story-ru", "en",
	             "Russia and North Korea will resume the passenger train "
	             "service next month for the first time in six years.",
	             "ru",
	             "Пассажирское сообщение возобновится в декабре впервые за "
	             "шесть лет.") > 0);
	l = look_flags(db,
	               "러시아와 북한을 잇는 모스크바 평양 직통 여객열차가 다음 달 "
	               "7년 만에 운행을 재개한다.",
	               "ko", "ru", 0, 50);
	REQUIRE(l && tm_match_list_count(l) >= 1);
	m = tm_match_list_get(l, 0);
	CHECK(m->flags & TM_MATCH_PIVOT);
	CHECK(!(m->flags & TM_MATCH_NUMBERS));
	CHECK(m->score <= 94);
	tm_match_list_free(l);
	/* the English differs (two hours, three hours): no pivot */
	l = look_flags(db, "회담은 두 시간 동안 계속됐다.", "ko", "ru", 0, 0);
	REQUIRE(l);
	CHECK(tm_match_list_count(l) == 0);
	tm_match_list_free(l);
	/* off */
	l = look_flags(db, "푸틴은 화요일 평양에 도착했다.", "ko", "ru",
	               TM_LOOKUP_NO_PIVOT, 0);
	REQUIRE(l);
	CHECK(tm_match_list_count(l) == 0);
	tm_match_list_free(l);
	/* a minimum of 100 wants exact matches: a pivot is none */
	l = look_flags(db, "푸틴은 화요일 평양에 도착했다.", "ko", "ru", 0, 100);
	REQUIRE(l);
	CHECK(tm_match_list_count(l) == 0);
	tm_match_list_free(l);
	tm_db_close(db);
}

/* A unit with its own translation answers with it, once: no pivot of the
 * same or of another unit sharing its English is added for it. */
static void
test_match_pivot_direct_first(void)
{
	tm_db *db = fresh_db();
	tm_match_list *l;
	const tm_match *m;
	tm_unit *u = NULL;
	long long full;

	REQUIRE(db);
	REQUIRE(tm_unit_new(&u) == TM_OK);
	REQUIRE(tm_unit_add_variant(NULL, u, "en", NULL, "Seoul stocks fell.") ==
	        TM_OK);
	REQUIRE(tm_unit_add_variant(NULL, u, "ko", NULL,
	                            "서울 증시가 하락했다.") == TM_OK);
	REQUIRE(tm_unit_add_variant(NULL, u, "ru", NULL,
	                            "Сеульские акции упали.") == TM_OK);
	REQUIRE(tm_db_put(NULL, db, u, "wire", TM_DUP_KEEP) == TM_OK);
	full = tm_unit_id(u);
	tm_unit_free(u);
	/* the same English with another Russian */
	REQUIRE(put2(db, "desk-ru", "en", "Seoul stocks fell.", "ru",
	             "Акции в Сеуле подешевели.") > 0);
	l = look_flags(db, "서울 증시가 하락했다.", "ko", "ru", 0, 0);
	REQUIRE(l && tm_match_list_count(l) == 1);
	m = tm_match_list_get(l, 0);
	CHECK(m->tu == full);
	CHECK(m->score == 100);
	CHECK(!(m->flags & TM_MATCH_PIVOT));
	CHECK_STR(m->target, "Сеульские акции упали.");
	CHECK(m->pivot_lang == NULL && m->pivot_tu == 0);
	tm_match_list_free(l);
	/* a ko-en unit with the same Korean: its pivot gives the same
	 * texts as the direct match, so it is the direct one's origin */
	REQUIRE(put2(db, "desk-ko", "en", "Seoul stocks fell.", "ko",
	             "서울 증시가 하락했다.") > 0);
	l = look_flags(db, "서울 증시가 하락했다.", "ko", "ru", 0, 0);
	REQUIRE(l && tm_match_list_count(l) == 2);
	m = tm_match_list_get(l, 0);
	CHECK(m->tu == full && m->score == 100);
	CHECK(!(m->flags & TM_MATCH_PIVOT));
	REQUIRE(m->n_origins == 2);
	CHECK_STR(m->origins[0], "wire");
	CHECK_STR(m->origins[1], "desk-ko");
	/* and the other Russian through the pivot, after it */
	m = tm_match_list_get(l, 1);
	CHECK(m->score == 99 && (m->flags & TM_MATCH_PIVOT));
	CHECK_STR(m->target, "Акции в Сеуле подешевели.");
	tm_match_list_free(l);
	tm_db_close(db);
}

/* A sentence imported from a TMX and aligned from its story is one match
 * listing both origins; max_results counts such matches. */
static void
test_match_duplicates_once(void)
{
	tm_db *db = fresh_db();
	tm_lookup_options o = TM_LOOKUP_OPTIONS_INIT;
	tm_tmx_import_options io = TM_TMX_IMPORT_OPTIONS_INIT;
	tm_concord_options co = TM_CONCORD_OPTIONS_INIT;
	tm_concord_list *c = NULL;
	tm_match_list *l = NULL;
	const tm_match *m;
	FILE *f = fopen("test-match-dup.tmx", "w");

	REQUIRE(db && f);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<tmx version=\"1.4\"><header creationtool=\"t\" "
	      "creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"none\" "
	      "adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\"/><body>\n"
	      "<tu><tuv xml:lang=\"en\"><seg>The bank cut its rate.</seg></tuv>"
	      "<tuv xml:lang=\"ko\"><seg>은행이 금리를 내렸다.</seg></tuv></tu>\n"
	      "</body></tmx>\n",
	      f);
	fclose(f);
	io.dup = TM_DUP_KEEP;
	REQUIRE(tm_tmx_import(NULL, db, "test-match-dup.tmx", &io) == TM_OK);
	REQUIRE(put2(db, "rate-decision.txt", "en", "The bank cut its rate.",
	             "ko", "은행이 금리를 내렸다.") > 0);
	REQUIRE(put2(db, "other.txt", "en", "The bank cut its rates.", "ko",
	             "은행이 금리들을 내렸다.") > 0);
	o.source_lang = "en";
	o.target_lang = "ko";
	o.max_results = 1;
	REQUIRE(tm_lookup(&l, db, "The bank cut its rate.", &o) == TM_OK);
	REQUIRE(tm_match_list_count(l) == 1);
	m = tm_match_list_get(l, 0);
	CHECK(m->score == 100);
	REQUIRE(m->n_origins == 2);
	CHECK_STR(m->origins[0], "rate-decision.txt"); /* the newest first */
	CHECK_STR(m->origins[1], "test-match-dup.tmx");
	CHECK_STR(m->origin, m->origins[0]);
	tm_match_list_free(l);
	/* two places: the duplicate takes none of them */
	o.max_results = 2;
	o.min_score = 50;
	REQUIRE(tm_lookup(&l, db, "The bank cut its rate.", &o) == TM_OK);
	REQUIRE(tm_match_list_count(l) == 2);
	CHECK_STR(tm_match_list_get(l, 1)->target, "은행이 금리들을 내렸다.");
	tm_match_list_free(l);
	/* concordance: one hit with both origins (the newest first, as
	 * its candidates are read), then "cut its rates", an inflected
	 * form */
	co.lang = "en";
	co.target_lang = "ko";
	REQUIRE(tm_concord(&c, db, "cut its rate", &co) == TM_OK);
	REQUIRE(tm_concord_list_count(c) == 2);
	CHECK(tm_concord_list_get(c, 1)->match_kind ==
	      TM_CONCORD_HIT_INFLECTED);
	{
		const tm_concord_hit *h = tm_concord_list_get(c, 0);

		CHECK(h->match_kind == TM_CONCORD_HIT_EXACT);
		REQUIRE(h->n_origins == 2);
		CHECK_STR(h->origins[0], "rate-decision.txt");
		CHECK_STR(h->origins[1], "test-match-dup.tmx");
		CHECK(h->span_len == strlen("cut its rate"));
		CHECK(!(h->flags & TM_MATCH_PIVOT));
	}
	tm_concord_list_free(c);
	/* max_results counts distinct hits */
	co.max_results = 2;
	REQUIRE(tm_concord(&c, db, "bank", &co) == TM_OK);
	CHECK(tm_concord_list_count(c) == 2);
	tm_concord_list_free(c);
	unlink("test-match-dup.tmx");
	tm_db_close(db);
}

/* Concordance shows a translation through a pivot the same way. */
static void
test_match_concord_pivot(void)
{
	tm_db *db = fresh_db();
	tm_concord_options co = TM_CONCORD_OPTIONS_INIT;
	tm_concord_list *c = NULL;
	const tm_concord_hit *h;

	REQUIRE(db);
	REQUIRE(put2(db, "story-ko", "en", "Putin arrived in Pyongyang.", "ko",
	             "푸틴은 평양에 도착했다.") > 0);
	REQUIRE(put2(db, "story-ru", "en", "Putin arrived in Pyongyang.", "ru",
	             "Путин прибыл в Пхеньян.") > 0);
	co.lang = "ko";
	co.target_lang = "ru";
	REQUIRE(tm_concord(&c, db, "평양", &co) == TM_OK);
	REQUIRE(tm_concord_list_count(c) == 1);
	h = tm_concord_list_get(c, 0);
	CHECK_STR(h->translation, "Путин прибыл в Пхеньян.");
	CHECK_STR(h->target_lang, "ru");
	CHECK(h->flags & TM_MATCH_PIVOT);
	CHECK_STR(h->pivot_lang, "en");
	tm_concord_list_free(c);
	co.flags = TM_CONCORD_NO_PIVOT;
	REQUIRE(tm_concord(&c, db, "평양", &co) == TM_OK);
	REQUIRE(tm_concord_list_count(c) == 1);
	h = tm_concord_list_get(c, 0);
	CHECK(h->translation == NULL && !(h->flags & TM_MATCH_PIVOT));
	tm_concord_list_free(c);
	/* the searched language's own variants are no pivot: en hits
	 * with ru wanted get their own Russian or the pivot through
	 * nothing else */
	co.flags = 0;
	co.lang = "en";
	REQUIRE(tm_concord(&c, db, "Pyongyang", &co) == TM_OK);
	REQUIRE(tm_concord_list_count(c) == 2);
	/* the newest unit first */
	CHECK(tm_concord_list_get(c, 1)->translation == NULL);
	CHECK_STR(tm_concord_list_get(c, 0)->translation,
	          "Путин прибыл в Пхеньян.");
	tm_concord_list_free(c);
	tm_db_close(db);
}

/* Language tags: malformed ones are TM_EINVAL, absent ones
 * TM_ENOTFOUND naming those the TM has. */
static void
test_match_lang_tags(void)
{
	tm_db *db = fresh_db();
	tm_lookup_options o = TM_LOOKUP_OPTIONS_INIT;
	tm_concord_options co = TM_CONCORD_OPTIONS_INIT;
	tm_match_list *l = NULL;
	tm_concord_list *c = NULL;
	char **langs = NULL;
	size_t n = 9;

	REQUIRE(db);
	REQUIRE(tm_db_langs(&langs, &n, db) == TM_OK);
	CHECK(n == 0 && langs && langs[0] == NULL);
	tm_lang_list_free(langs);
	CHECK(tm_db_check_lang(db, "en") == TM_ENOTFOUND);
	CHECK_STR(tm_errmsg(), "lang: no units in 'en'; this TM is empty");
	REQUIRE(put(db, "A quiet day.", "조용한 날.", "Тихий день.", NULL,
	            NULL) > 0);
	REQUIRE(tm_db_langs(&langs, &n, db) == TM_OK);
	REQUIRE(n == 3);
	CHECK_STR(langs[0], "en");
	CHECK_STR(langs[1], "ko");
	CHECK_STR(langs[2], "ru");
	CHECK(langs[3] == NULL);
	tm_lang_list_free(langs);
	tm_lang_list_free(NULL);
	/* well-formed, known */
	CHECK(tm_lang_validate("en") == TM_OK);
	CHECK(tm_lang_validate("EN_us") == TM_OK);
	CHECK(tm_lang_validate("sr-Latn-RS") == TM_OK);
	CHECK(tm_lang_validate("kr") == TM_OK); /* Kanuri */
	CHECK(tm_lang_validate("x-newsroom") == TM_OK);
	CHECK(tm_lang_validate("qaa") == TM_OK);
	CHECK(tm_lang_validate("und") == TM_OK);
	/* malformed */
	CHECK(tm_lang_validate("english") == TM_EINVAL);
	CHECK_STR(tm_errmsg(), "lang: 'english' is not a language tag (no ISO "
	                       "639 language has the code of its first part; "
	                       "en, ko, ru are)");
	CHECK(tm_lang_validate("korean") == TM_EINVAL);
	CHECK(tm_lang_validate("xx") == TM_EINVAL);
	CHECK(tm_lang_validate("eng") == TM_EINVAL);
	CHECK_STR(tm_errmsg(), "lang: 'eng' is not a language tag (BCP 47 "
	                       "writes 'eng' as 'en')");
	CHECK(tm_lang_validate("en--US") == TM_EINVAL);
	CHECK(tm_lang_validate("en-US-") == TM_EINVAL);
	CHECK(tm_lang_validate("not a tag") == TM_EINVAL);
	CHECK(tm_lang_validate("") == TM_EINVAL);
	CHECK(tm_lang_validate(NULL) == TM_EINVAL);
	/* lookup and concordance */
	o.source_lang = "en";
	o.target_lang = "kr";
	CHECK(tm_lookup(&l, db, "A quiet day.", &o) == TM_ENOTFOUND);
	CHECK_STR(tm_errmsg(), "lang: no units in 'kr'; this TM has en, ko, ru");
	CHECK(l == NULL);
	o.target_lang = "korean";
	CHECK(tm_lookup(&l, db, "A quiet day.", &o) == TM_EINVAL);
	o.source_lang = "english";
	o.target_lang = "ko";
	CHECK(tm_lookup(&l, db, "A quiet day.", &o) == TM_EINVAL);
	o.source_lang = "en-GB"; /* its language is there */
	REQUIRE(tm_lookup(&l, db, "A quiet day.", &o) == TM_OK);
	CHECK(tm_match_list_count(l) == 1);
	tm_match_list_free(l);
	co.lang = "xx";
	CHECK(tm_concord(&c, db, "day", &co) == TM_EINVAL);
	co.lang = "en";
	co.target_lang = "kr";
	CHECK(tm_concord(&c, db, "day", &co) == TM_ENOTFOUND);
	CHECK_STR(tm_errmsg(), "lang: no units in 'kr'; this TM has en, ko, ru");
	co.lang = "kr";
	co.target_lang = NULL;
	CHECK(tm_concord(&c, db, "day", &co) == TM_ENOTFOUND);
	co.flags = TM_CONCORD_TRANSLIT; /* every language searched */
	REQUIRE(tm_concord(&c, db, "quiet", &co) == TM_OK);
	tm_concord_list_free(c);
	CHECK(tm_db_check_lang(db, "ru-RU") == TM_OK);
	CHECK(tm_db_check_lang(db, "english") == TM_EINVAL);
	/* scripts */
	CHECK(tm_lang_check_text("ko", "서울 G20", 10) == TM_OK);
	CHECK(tm_lang_check_text("ko", "Seoul", 5) == TM_EINVAL);
	CHECK_STR(tm_errmsg(),
	          "lang: the ko text 'Seoul' has no Hangul or Han letter");
	CHECK(tm_lang_check_text("ko", "漢字", strlen("漢字")) == TM_OK);
	CHECK(tm_lang_check_text("ru", "Moscow", 6) == TM_EINVAL);
	CHECK(tm_lang_check_text("ru", "Москва", strlen("Москва")) == TM_OK);
	CHECK(tm_lang_check_text("en", "Москва", strlen("Москва")) ==
	      TM_EINVAL);
	CHECK(tm_lang_check_text("kr", "안녕", strlen("안녕")) == TM_EINVAL);
	CHECK_STR(tm_errmsg(), "lang: the kr text '안녕' has no Latin letter");
	CHECK(tm_lang_check_text("sr-Latn", "Beograd", 7) == TM_OK);
	CHECK(tm_lang_check_text("sr-Cyrl", "Beograd", 7) == TM_EINVAL);
	CHECK(tm_lang_check_text("ko", "2024 - 3.5%", 11) == TM_OK);
	CHECK(tm_lang_check_text("ko", "bad \xff", 5) == TM_EUNICODE);
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
		SKIP("no shared data");
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
		SKIP("newstest2016 absent");
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
	RUN(test_match_numbers_certainty);
	RUN(test_match_context);
	RUN(test_match_korean_short);
	RUN(test_match_concord_word_start);
	RUN(test_match_concord_translit);
	RUN(test_match_bad_input);
	RUN(test_match_pivot);
	RUN(test_match_pivot_direct_first);
	RUN(test_match_duplicates_once);
	RUN(test_match_concord_pivot);
	RUN(test_match_lang_tags);
	RUN(test_match_reader_during_import);
	RUN(test_match_recall_real);
	unlink(db_path);
	return tm_test_done();
}
