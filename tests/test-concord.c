/* SPDX-License-Identifier: MIT */
/* tm_concord() on a real TM file: the inflected forms of a word (Snowball
 * stems), a Korean phrase at a word start, the cross-script search's
 * precision (whole words, no prefix of a longer word, spellings shown by
 * the TM's own units) and the ranking of the hits. */
#include "tm-test.h"

#include <stdbool.h>
#include <unistd.h>

#include <tm/tm.h>

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static const char *db_path = "test-concord.db";

static tm_db *
fresh_db(void)
{
	tm_db *db = NULL;

	unlink(db_path);
	if (tm_db_open(&db, db_path, NULL) < 0)
		return NULL;
	return db;
}

/* Store a unit: en/ko/ru texts (NULL to leave out), its TMX changedate
 * (or NULL). */
static long long
put(tm_db *db, const char *en, const char *ko, const char *ru,
    const char *changed)
{
	tm_unit *u = NULL;
	long long id;

	if (tm_unit_new(&u) < 0)
		return -1;
	if (en)
		tm_unit_add_variant(NULL, u, "en", NULL, en);
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

/* The hits of @phrase in @lang (with @flags), all of them. */
static tm_concord_list *
concord(tm_db *db, const char *phrase, const char *lang, unsigned int flags)
{
	tm_concord_options co = TM_CONCORD_OPTIONS_INIT;
	tm_concord_list *c = NULL;

	co.lang = lang;
	co.flags = flags;
	co.max_results = -1;
	if (tm_concord(&c, db, phrase, &co) < 0) {
		printf("# concord %s: %s\n", phrase, tm_errmsg());
		return NULL;
	}
	return c;
}

/* Hit @i of @c as "lang:span:kind" (static storage). */
static const char *
hit(const tm_concord_list *c, size_t i)
{
	static char buf[512];
	static const char *kinds[] = { "exact", "inflected", "translit" };
	const tm_concord_hit *h = tm_concord_list_get(c, i);

	if (!h)
		return "(no hit)";
	snprintf(buf, sizeof(buf), "%s:%.*s:%s", h->lang, (int)h->span_len,
	         h->text + h->span_start,
	         h->match_kind < 3 ? kinds[h->match_kind] : "?");
	return buf;
}

/* Whether some hit of @c has the span @span (any language). */
static bool
has_span(const tm_concord_list *c, const char *span)
{
	for (size_t i = 0; i < tm_concord_list_count(c); i++) {
		const tm_concord_hit *h = tm_concord_list_get(c, i);

		if (h->span_len == strlen(span) &&
		    memcmp(h->text + h->span_start, span, h->span_len) == 0)
			return true;
	}
	return false;
}

/* Whether some hit of @c is in a segment containing @word. */
static bool
has_text(const tm_concord_list *c, const char *word)
{
	for (size_t i = 0; i < tm_concord_list_count(c); i++)
		if (strstr(tm_concord_list_get(c, i)->text, word))
			return true;
	return false;
}

/* Every case of Путин, Пхеньян and банк is found, the nominative as the
 * exact form and the others as inflected forms, each span on the form;
 * any case finds the others. */
static void
test_concord_russian_cases(void)
{
	static const char *putin[] = { "Путин", "Путина", "Путину",
		                       "Путиным", "Путине" };
	static const char *pyongyang[] = { "Пхеньян", "Пхеньяна",
		                           "Пхеньяну", "Пхеньяном",
		                           "Пхеньяне" };
	static const char *bank[] = { "банк", "банка", "банку", "банком",
		                      "банке", "банки", "банков", "банкам",
		                      "банками", "банках" };
	static const struct {
		const char *const *forms;
		size_t n;
	} words[] = { { putin, 5 }, { pyongyang, 5 }, { bank, 10 } };
	tm_db *db = fresh_db();
	char text[128];

	REQUIRE(db);
	for (size_t w = 0; w < N_OF(words); w++)
		for (size_t i = 0; i < words[w].n; i++) {
			snprintf(text, sizeof(text), "Речь о %s шла вчера.",
			         words[w].forms[i]);
			REQUIRE(put(db, NULL, NULL, text, NULL) > 0);
		}
	/* words that begin like them are other words */
	REQUIRE(put(db, NULL, NULL, "Путинизм и путь.", NULL) > 0);
	REQUIRE(put(db, NULL, NULL, "Банкет и банкир.", NULL) > 0);
	for (size_t w = 0; w < N_OF(words); w++)
		for (size_t q = 0; q < words[w].n; q++) {
			const char *const *f = words[w].forms;
			tm_concord_list *c = concord(db, f[q], "ru", 0);
			char want[128];

			REQUIRE(c);
			CHECK(tm_concord_list_count(c) == words[w].n);
			if (tm_concord_list_count(c) != words[w].n)
				printf("# %s: %zu hits\n", f[q],
				       tm_concord_list_count(c));
			/* the phrase's own form first */
			snprintf(want, sizeof(want), "ru:%s:exact", f[q]);
			CHECK_STR(hit(c, 0), want);
			for (size_t i = 0; i < words[w].n; i++) {
				CHECK(has_span(c, f[i]));
				if (!has_span(c, f[i]))
					printf("# %s does not find %s\n", f[q],
					       f[i]);
			}
			for (size_t i = 1; i < tm_concord_list_count(c); i++)
				CHECK(tm_concord_list_get(c, i)->match_kind ==
				      TM_CONCORD_HIT_INFLECTED);
			CHECK(!has_text(c, "Путинизм") && !has_text(c, "Банкет"));
			tm_concord_list_free(c);
		}
	tm_db_close(db);
}

/* English forms through the English stemmer; a phrase of several words
 * with one inflected; Korean matches from a word start with anything
 * after (a particle) and never inside a word. */
static void
test_concord_forms(void)
{
	tm_db *db = fresh_db();
	tm_concord_list *c;

	REQUIRE(db);
	REQUIRE(put(db, "The central banks raised rates.", "중앙은행들이 금리를 "
	            "올렸다.", NULL, NULL) > 0);
	REQUIRE(put(db, "The central bank waited.", "태평양은 넓다.", NULL,
	            NULL) > 0);
	REQUIRE(put(db, "Pyongyang is far.", "평양은 멀다.", NULL, NULL) > 0);
	REQUIRE(put(db, "He flew from Pyongyang.", "그는 평양에서 왔다.", NULL,
	            NULL) > 0);
	REQUIRE((c = concord(db, "central bank", "en", 0)));
	REQUIRE(tm_concord_list_count(c) == 2);
	CHECK_STR(hit(c, 0), "en:central bank:exact");
	CHECK_STR(hit(c, 1), "en:central banks:inflected");
	tm_concord_list_free(c);
	REQUIRE((c = concord(db, "평양", "ko", 0)));
	CHECK(tm_concord_list_count(c) == 2);
	CHECK(has_text(c, "평양은") && has_text(c, "평양에서"));
	CHECK(!has_text(c, "태평양"));
	CHECK_STR(hit(c, 0), "ko:평양:exact");
	tm_concord_list_free(c);
	tm_db_close(db);
}

/* Ranking: exact forms, inflected forms, other scripts; within a kind
 * the most recently changed unit first, units without a date last, then
 * the newest unit. */
static void
test_concord_ranking(void)
{
	tm_db *db = fresh_db();
	tm_concord_list *c;
	long long old, recent, undated, infl_old, infl_new;

	REQUIRE(db);
	REQUIRE((recent = put(db, "Putin spoke.", NULL, "Путин выступил.",
	                      "20250101T000000Z")) > 0);
	REQUIRE((old = put(db, "Putin left.", NULL, "Путин уехал.",
	                   "20200101T000000Z")) > 0);
	REQUIRE((infl_new = put(db, "Putin was asked.", NULL,
	                        "Путина спросили.", "20260101T000000Z")) > 0);
	REQUIRE((undated = put(db, "Putin came.", NULL, "Путин приехал.",
	                       NULL)) > 0);
	REQUIRE((infl_old = put(db, "With Putin.", NULL, "С Путиным.",
	                        "20190101T000000Z")) > 0);
	REQUIRE((c = concord(db, "Путин", "ru", TM_CONCORD_TRANSLIT)));
	REQUIRE(tm_concord_list_count(c) == 10);
	CHECK(tm_concord_list_get(c, 0)->tu == recent);
	CHECK(tm_concord_list_get(c, 1)->tu == old);
	CHECK(tm_concord_list_get(c, 2)->tu == undated);
	CHECK(tm_concord_list_get(c, 3)->tu == infl_new);
	CHECK(tm_concord_list_get(c, 4)->tu == infl_old);
	CHECK_STR(hit(c, 0), "ru:Путин:exact");
	CHECK_STR(hit(c, 3), "ru:Путина:inflected");
	CHECK_STR(hit(c, 4), "ru:Путиным:inflected");
	for (size_t i = 5; i < 10; i++)
		CHECK(tm_concord_list_get(c, i)->match_kind ==
		      TM_CONCORD_HIT_TRANSLIT);
	CHECK(tm_concord_list_get(c, 5)->tu == infl_new);
	CHECK(tm_concord_list_get(c, 9)->tu == undated);
	tm_concord_list_free(c);
	/* at most N: the best N */
	{
		tm_concord_options co = TM_CONCORD_OPTIONS_INIT;

		co.lang = "ru";
		co.max_results = 2;
		co.flags = TM_CONCORD_TRANSLIT;
		REQUIRE(tm_concord(&c, db, "Путин", &co) == TM_OK);
		REQUIRE(tm_concord_list_count(c) == 2);
		CHECK(tm_concord_list_get(c, 0)->tu == recent);
		CHECK(tm_concord_list_get(c, 1)->tu == old);
		tm_concord_list_free(c);
	}
	tm_db_close(db);
}

/* The noise of issue #17 across scripts: words whose transliteration key
 * begins with (or equals) Putin's or Pyongyang's are not found; the
 * names in every script and case are. */
static void
test_concord_translit_precise(void)
{
	tm_db *db = fresh_db();
	tm_concord_list *c;
	static const char *putin_noise[] = { "пятницу", "fighting", "파트너",
		                             "putting", "Patton", "Питание" };
	static const char *pyongyang_noise[] = { "편안", "파는",
		                                 "финансовые" };
	static const char *queries[][2] = {
		{ "en", "Putin" }, { "ru", "Путин" }, { "ko", "푸틴" },
		{ "ru", "Путина" },
	};

	REQUIRE(db);
	/* the names, aligned */
	REQUIRE(put(db, "Putin arrived in Pyongyang.",
	            "푸틴은 평양에 도착했다.", "Путин прибыл в Пхеньян.",
	            NULL) > 0);
	REQUIRE(put(db, "Talks with Putin ended in Pyongyang.",
	            "푸틴과의 회담이 평양에서 끝났다.",
	            "Переговоры с Путиным завершились в Пхеньяне.",
	            NULL) > 0);
	REQUIRE(put(db, "Putin's envoy left.", "푸틴의 특사가 떠났다.",
	            "Посланник Путина уехал.", NULL) > 0);
	/* the noise */
	REQUIRE(put(db, "See you on Friday.", "금요일에 보자.",
	            "Увидимся в пятницу.", NULL) > 0);
	REQUIRE(put(db, "The fighting went on, and he was putting it off.",
	            "전투는 계속되었다.", "Бои продолжались.", NULL) > 0);
	REQUIRE(put(db, "She came with her partner.", "그녀는 파트너와 왔다.",
	            "Она моя партнёрша.", NULL) > 0);
	REQUIRE(put(db, "General Patton won.", "패튼 장군이 이겼다.",
	            "Генерал Паттон победил.", NULL) > 0);
	REQUIRE(put(db, "Nutrition matters.", "영양이 중요하다.",
	            "Питание важно.", NULL) > 0);
	REQUIRE(put(db, "He felt at ease.", "그는 편안했다. 마음이 편안",
	            "Ему было спокойно.", NULL) > 0);
	REQUIRE(put(db, "A shop that sells bread.", "빵을 파는 가게.",
	            "Магазин, где продают хлеб.", NULL) > 0);
	REQUIRE(put(db, "Financial markets fell.", "금융 시장이 하락했다.",
	            "Финансовые рынки упали, финансовые потери.", NULL) > 0);
	REQUIRE(put(db, "The Pacific Ocean is wide.", "태평양은 넓다.",
	            "Тихий океан широк.", NULL) > 0);
	for (size_t q = 0; q < N_OF(queries); q++) {
		REQUIRE((c = concord(db, queries[q][1], queries[q][0],
		                     TM_CONCORD_TRANSLIT)));
		CHECK(tm_concord_list_count(c) == 9);
		if (tm_concord_list_count(c) != 9)
			for (size_t i = 0; i < tm_concord_list_count(c); i++)
				printf("# %s: %s\n", queries[q][1], hit(c, i));
		for (size_t i = 0; i < N_OF(putin_noise); i++) {
			CHECK(!has_text(c, putin_noise[i]));
			if (has_text(c, putin_noise[i]))
				printf("# %s finds %s\n", queries[q][1],
				       putin_noise[i]);
		}
		CHECK(has_span(c, "Putin") && has_span(c, "푸틴") &&
		      has_span(c, "Путин") && has_span(c, "Путиным") &&
		      has_span(c, "Путина"));
		tm_concord_list_free(c);
	}
	queries[0][1] = "Pyongyang";
	queries[1][1] = "Пхеньян";
	queries[2][1] = "평양";
	queries[3][1] = "Пхеньяне";
	for (size_t q = 0; q < N_OF(queries); q++) {
		REQUIRE((c = concord(db, queries[q][1], queries[q][0],
		                     TM_CONCORD_TRANSLIT)));
		CHECK(tm_concord_list_count(c) == 6);
		if (tm_concord_list_count(c) != 6)
			for (size_t i = 0; i < tm_concord_list_count(c); i++)
				printf("# %s: %s\n", queries[q][1], hit(c, i));
		for (size_t i = 0; i < N_OF(pyongyang_noise); i++) {
			CHECK(!has_text(c, pyongyang_noise[i]));
			if (has_text(c, pyongyang_noise[i]))
				printf("# %s finds %s\n", queries[q][1],
				       pyongyang_noise[i]);
		}
		CHECK(!has_text(c, "태평양"));
		CHECK(has_span(c, "Pyongyang") && has_span(c, "평양") &&
		      has_span(c, "Пхеньян") && has_span(c, "Пхеньяне"));
		tm_concord_list_free(c);
	}
	tm_db_close(db);
}

/* Without a unit that holds the phrase in its own language (no evidence
 * of the name's spellings), the rules alone: a whole word after its
 * particle or ending, a capital in a cased script; a key equal by
 * accident (파트너 = ptn) then is a hit, as docs/translit.md says. */
static void
test_concord_translit_no_evidence(void)
{
	tm_db *db = fresh_db();
	tm_concord_list *c;

	REQUIRE(db);
	REQUIRE(put(db, NULL, "푸틴은 평양에 도착했다.", NULL, NULL) > 0);
	REQUIRE(put(db, NULL, "빵을 파는 가게.", NULL, NULL) > 0);
	REQUIRE(put(db, NULL, NULL, "Визит Путина.", NULL) > 0);
	REQUIRE(put(db, NULL, NULL, "Увидимся в пятницу. Пятницу ждём.",
	            NULL) > 0);
	REQUIRE(put(db, NULL, NULL, "Питание важно, а путина нет.", NULL) >
	        0);
	REQUIRE(put(db, NULL, "그녀는 내 파트너다.", NULL, NULL) > 0);
	REQUIRE((c = concord(db, "Putin", "en", TM_CONCORD_TRANSLIT)));
	CHECK(has_span(c, "푸틴") && has_span(c, "Путина"));
	/* the limit: keys equal by accident, 파트너 (partner) and, with
	 * its capital at the start of a sentence, Питание (its stem питан) */
	CHECK(has_text(c, "파트너") && has_text(c, "Питание"));
	CHECK(!has_text(c, "пятницу"));
	CHECK(tm_concord_list_count(c) == 4);
	tm_concord_list_free(c);
	REQUIRE((c = concord(db, "Pyongyang", "en", TM_CONCORD_TRANSLIT)));
	CHECK(tm_concord_list_count(c) == 1);
	CHECK(has_span(c, "평양") && !has_text(c, "파는"));
	tm_concord_list_free(c);
	tm_db_close(db);
}

/* The language given with a phrase written in another script (a search
 * box set to English, Путин typed): that language's segments are searched
 * across scripts too, so Putin is found beside 푸틴. */
static void
test_concord_translit_other_script(void)
{
	tm_db *db = fresh_db();
	tm_concord_list *c;

	REQUIRE(db);
	REQUIRE(put(db, "Putin met Kim in Pyongyang.", NULL,
	            "Путин встретился с Кимом в Пхеньяне.", NULL) > 0);
	REQUIRE(put(db, "Putin arrived in Pyongyang.",
	            "푸틴이 평양에 도착했다.", NULL, NULL) > 0);
	REQUIRE((c = concord(db, "Путин", "en", TM_CONCORD_TRANSLIT)));
	CHECK(has_span(c, "Putin") && has_span(c, "푸틴") &&
	      has_span(c, "Путин"));
	CHECK(tm_concord_list_count(c) == 4);
	tm_concord_list_free(c);
	/* in its own script, a language's hits are not listed twice */
	REQUIRE((c = concord(db, "Путин", "ru", TM_CONCORD_TRANSLIT)));
	CHECK(tm_concord_list_count(c) == 4);
	CHECK(strcmp(hit(c, 0), "ru:Путин:exact") == 0);
	tm_concord_list_free(c);
	tm_db_close(db);
}

int
main(void)
{
	RUN(test_concord_russian_cases);
	RUN(test_concord_forms);
	RUN(test_concord_ranking);
	RUN(test_concord_translit_precise);
	RUN(test_concord_translit_no_evidence);
	RUN(test_concord_translit_other_script);
	unlink(db_path);
	return tm_test_done();
}
