/* SPDX-License-Identifier: MIT */
/* check.c, check-numbers.c, check-names.c: translation QA through the
 * public API, on sentences written for the project. */
#include "tm-test.h"

#include <math.h>

#include <tm/tm.h>

static tm_glossary *gl;

/* The findings of one pair as "kind:severity" joined by ' ', and the
 * list itself in *out when wanted. */
static const char *
run_pair(const char *sl,
         const char *tl,
         const char *src,
         const char *tgt,
         tm_check_severity min,
         tm_check_list **keep)
{
	static char buf[2048];
	tm_check_options o = TM_CHECK_OPTIONS_INIT;
	tm_check_pair p = {src, tgt, NULL, 7};
	tm_checker *ck = NULL;
	tm_check_list *l = NULL;
	size_t n = 0;

	o.min_severity = min;
	o.glossary = gl;
	o.flags = TM_CHECK_NO_LENGTH;
	buf[0] = '\0';
	if (tm_checker_new(&ck, sl, tl, &o) < 0 ||
	    tm_check_pairs(&l, ck, &p, 1) < 0) {
		tm_checker_free(ck);
		return "(failed)";
	}
	for (size_t i = 0; i < tm_check_list_count(l); i++) {
		const tm_check_finding *f = tm_check_list_get(l, i);

		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s:%s",
		                      i ? " " : "", tm_check_kind_name(f->kind),
		                      tm_check_severity_name(f->severity));
	}
	if (keep)
		*keep = l;
	else
		tm_check_list_free(l);
	tm_checker_free(ck);
	return buf;
}

static const char *
check(const char *sl, const char *tl, const char *src, const char *tgt)
{
	return run_pair(sl, tl, src, tgt, TM_CHECK_INFO, NULL);
}

static void
test_check_numbers_notations(void)
{
	/* the same values, whatever the notation: nothing to report */
	CHECK_STR(check("en", "ko", "The plant cost $350 million.",
	                "이 공장에는 3억5천만 달러가 들었다."),
	          "");
	CHECK_STR(check("en", "ru", "The plant cost $350 million.",
	                "Завод обошёлся в 350 млн долларов."),
	          "");
	CHECK_STR(check("en", "ko", "Some 20,000 people marched.",
	                "2만 명이 행진했다."),
	          "");
	CHECK_STR(check("en", "ru", "Some 20,000 people marched.",
	                "Прошли маршем 20 000 человек."),
	          "");
	CHECK_STR(check("en", "ko", "Exports reached $1.5 billion.",
	                "수출은 15억 달러에 달했다."),
	          "");
	CHECK_STR(check("en", "ru", "Exports reached $1.5 billion.",
	                "Экспорт достиг 1,5 млрд долларов."),
	          "");
	CHECK_STR(check("en", "ko", "Spending rose 2.5 percent in 2022.",
	                "2022년 지출은 2.5% 늘었다."),
	          "");
	CHECK_STR(check("en", "ru", "The rate rose 0.25 percentage points.",
	                "Ставка выросла на 0,25 п.п."),
	          "");
	/* Korean units read whole, with spaces between the groups */
	CHECK_STR(check("en", "ko", "It reached 2.25 billion people.",
	                "22 억 5 천만 명에 이르렀다."),
	          "");
	CHECK_STR(check("en", "ko", "It paid $375,000 to the firm.",
	                "회사에 37만 5,000달러를 지불했다."),
	          "");
}

static void
test_check_numbers_dates_and_words(void)
{
	CHECK_STR(check("en", "ko", "The talks ended on Dec. 19 in Seoul.",
	                "회담은 12월 19일 서울에서 끝났다."),
	          "");
	CHECK_STR(check("en", "ru", "The talks ended on Dec. 19 in Seoul.",
	                "Переговоры завершились 19 декабря в Сеуле."),
	          "");
	/* a date shifted by a day */
	CHECK_STR(check("en", "ru", "The talks ended on Dec. 19 in Seoul.",
	                "Переговоры завершились 20 декабря в Сеуле."),
	          "number:error");
	/* a native Korean numeral before a counter, a number word */
	CHECK_STR(check("en", "ko", "The North fired three missiles.",
	                "북한은 미사일 세 발을 발사했다."),
	          "");
	CHECK_STR(check("en", "ru", "The North fired 3 missiles.",
	                "КНДР запустила три ракеты."),
	          "");
	/* the word turned into another number: "one in" is a number */
	CHECK_STR(check("en", "ko", "One in five children said so.",
	                "어린이 5명 중 10명이 그렇게 말했다."),
	          "number:error");
	/* "a year" is one */
	CHECK_STR(check("en", "ko", "He faces up to a year in prison.",
	                "그는 최대 징역 1년에 처해질 수 있다."),
	          "");
	CHECK_STR(check("en", "ko", "He faces up to a year in prison.",
	                "그는 최대 징역 8년에 처해질 수 있다."),
	          "number:error");
	/* but an article's one is not a day of the month the translation
	 * added (전년, "a year earlier"; 15일, "on the 15th"): a warning
	 * for the 15, no error for the year */
	CHECK_STR(check("en", "ko",
	                "Exports rose 21.9 percent from a year earlier.",
	                "15일 수출은 전년보다 21.9% 증가했다."),
	          "number:warning");
	/* "one" alone may be a pronoun: a warning */
	CHECK_STR(check("en", "ko", "One of the children said so.",
	                "어린이 10명이 그렇게 말했다."),
	          "number:warning");
	/* clock times on another clock are not reported */
	CHECK_STR(check("en", "ru", "The quake struck at 10:08 p.m. on Monday.",
	                "Землетрясение произошло в понедельник в 22:08."),
	          "");
	/* a name that begins like a month is no month */
	CHECK_STR(check("en", "ru", "It was sent by Martin Lewis.",
	                "Его прислал Мартин Льюис."),
	          "");
	/* a unit glued to its number is a measure, not a code */
	CHECK_STR(check("en", "ru", "The common format is 35mm.",
	                "Самый распространённый формат — 38 мм."),
	          "number:error");
	CHECK_STR(check("en", "ru", "The F1 season ended.",
	                "Сезон F2 завершился."),
	          "number:error");
	CHECK_STR(check("en", "ru", "The G7 leaders met in Rome.",
	                "Лидеры «семёрки» встретились в Риме."),
	          "number:warning");
	/* 오후 before a time with a dot */
	CHECK_STR(check("en", "ko", "The best time is 5.30pm on a Saturday.",
	                "가장 좋은 시간은 토요일 오후 5.37이다."),
	          "number:error");
	/* a century in Roman numerals */
	CHECK_STR(check("en", "ru", "The market dates from the 18th century.",
	                "Рынок построен в XVIII веке."),
	          "");
}

static void
test_check_numbers_errors(void)
{
	tm_check_list *l = NULL;
	const tm_check_finding *f;

	/* a number changed: the compiler-style message and the values */
	CHECK_STR(run_pair("en", "ko", "The toll rose to 1,950 on Friday.",
	                   "사망자는 금요일 1,896명으로 늘었다.", TM_CHECK_INFO,
	                   &l),
	          "number:error");
	f = tm_check_list_get(l, 0);
	REQUIRE(f);
	CHECK_STR(f->message, "number 1,950 in the source is not in the "
	                      "translation (it has 1,896)");
	CHECK(f->src_value == 1950 && f->tgt_value == 1896);
	CHECK(f->src_len == 5 &&
	      memcmp(f->src_text + f->src_start, "1,950", 5) == 0);
	CHECK(f->tgt_len == 5 &&
	      memcmp(f->tgt_text + f->tgt_start, "1,896", 5) == 0);
	CHECK(f->id == 7 && f->pair == 0 && f->src_line == 0);
	tm_check_list_free(l);
	/* a magnitude slipped by ten, by a 만/억, by млн/млрд */
	CHECK_STR(check("en", "ko", "Some 20,000 people marched.",
	                "2천 명이 행진했다."),
	          "number:error");
	CHECK_STR(check("en", "ko", "The plant cost $350 million.",
	                "이 공장에는 3만5천 달러가 들었다."),
	          "number:error");
	CHECK_STR(check("en", "ru", "Exports reached $1.5 billion.",
	                "Экспорт достиг 1,5 млн долларов."),
	          "number:error");
	/* a year pairs with the year, not with a quantity */
	CHECK_STR(run_pair("en", "ko", "In 2019, 2,000 people came.",
	                   "2018년 2000명이 왔다.", TM_CHECK_INFO, &l),
	          "number:error");
	f = tm_check_list_get(l, 0);
	REQUIRE(f);
	CHECK(f->src_value == 2019 && f->tgt_value == 2018);
	tm_check_list_free(l);
	/* a number only the translation has: a warning */
	CHECK_STR(check("en", "ru", "Prices rose sharply.",
	                "Цены выросли на 15%."),
	          "number:warning");
	/* a large number left out: an error; a small one: a warning, it is
	 * often written in words */
	CHECK_STR(check("en", "ru", "More than 1,500 people were hurt.",
	                "Пострадали многие."),
	          "number:error");
	CHECK_STR(check("en", "ru", "He had 4 cents on him.",
	                "У него было четыре цента."),
	          "");
	CHECK_STR(check("en", "ru", "He had 6 cents on him.",
	                "У него было немного денег."),
	          "number:warning");
}

static void
test_check_numbers_rounding_and_units(void)
{
	tm_check_list *l = NULL;

	/* a rounding flagged by about/약/около: a warning */
	CHECK_STR(run_pair("en", "ko", "The toll rose to 1,896.",
	                   "사망자는 약 1,900명으로 늘었다.", TM_CHECK_INFO,
	                   &l),
	          "number:warning");
	CHECK_STR(tm_check_list_get(l, 0)->message,
	          "number 1,896 in the source is rounded to 1,900 in the "
	          "translation");
	tm_check_list_free(l);
	CHECK_STR(check("en", "ru", "The toll rose to 1,896.",
	                "Число погибших выросло около 1900."),
	          "number:warning");
	/* not rounder: an error */
	CHECK_STR(
	        check("en", "ko", "About 70 km away.", "약 77km 떨어져 있다."),
	        "number:error");
	/* a converted unit is a warning, a wrong one an error */
	CHECK_STR(check("en", "ru", "Up to 10 inches of rain fell.",
	                "Выпало до 25 см осадков."),
	          "number:warning");
	CHECK_STR(check("en", "ru", "Up to 10 inches of rain fell.",
	                "Выпало до 100 дюймов осадков."),
	          "number:error");
	/* severity filter */
	CHECK_STR(run_pair("en", "ko", "The toll rose to 1,896.",
	                   "사망자는 약 1,900명으로 늘었다.", TM_CHECK_ERROR,
	                   NULL),
	          "");
}

static void
test_check_numbers_restated(void)
{
	/* what a translation rewrites on purpose: a warning, not an error */
	/* a currency conversion after an amount the translation has */
	CHECK_STR(check("en", "ko",
	                "It will invest 270 billion won (US$194 million) in "
	                "the line.",
	                "새 라인에 2천700억원을 투자한다."),
	          "number:warning");
	CHECK_STR(check("en", "ru",
	                "A berth will cost 74,500 rubles, or about 920 dollars.",
	                "Место обойдется в 74 500 руб."),
	          "number:warning");
	/* without the amount before it, a number left out is an error */
	CHECK_STR(check("en", "ru", "A berth will cost about 920 dollars.",
	                "Место обойдется недорого."),
	          "number:error");
	/* a year as last year */
	CHECK_STR(check("en", "ko", "Exports hit a record in 2025.",
	                "지난해 수출이 사상 최대를 기록했다."),
	          "number:warning");
	CHECK_STR(check("en", "ko", "Exports hit a record in 2025.",
	                "수출이 사상 최대를 기록했다."),
	          "number:error");
	/* the year of a date whose day is there */
	CHECK_STR(check("en", "ko", "A tree fell on a road on Sept. 3, 2026.",
	                "3일 도로에 나무가 쓰러졌다."),
	          "number:warning number:warning");
	/* a count of years as the year it began */
	CHECK_STR(check("en", "ko",
	                "The contract is the largest in the company's "
	                "11-year history.",
	                "2015년 창사 이래 최대 규모의 계약이다."),
	          "number:warning");
	/* a time given again in another zone is no other time */
	CHECK_STR(check("en", "ru", "The meeting began at 9 a.m. on Monday.",
	                "Заседание началось в понедельник в 9.00 по местному времени "
	                "(3.00 мск)."),
	          "");
}

static void
test_check_names(void)
{
	CHECK_STR(check("en", "ru", "The talks with Vladimir Putin ended.",
	                "Переговоры с Владимиром Путиным завершились."),
	          "");
	CHECK_STR(check("en", "ko", "He met Putin in Moscow on Friday.",
	                "그는 금요일 모스크바에서 푸틴을 만났다."),
	          "");
	/* another name in its place, in a Russian translation: likely, not
	 * certain (a warning) */
	CHECK_STR(check("en", "ru", "The talks with Vladimir Putin ended.",
	                "Переговоры с Дональдом Трампом завершились."),
	          "name:warning");
	/* not found, nothing in its place: info (names get translated) */
	CHECK_STR(check("en", "ko", "He met Putin in Moscow on Friday.",
	                "그는 금요일 모스크바에서 대통령을 만났다."),
	          "name:info");
}

static void
test_check_names_facts(void)
{
	tm_check_list *l = NULL;

	/* known equivalents whose keys cannot agree (check-facts.c) */
	CHECK_STR(check("en", "ru",
	                "Exchanges between Russia and North Korea must not "
	                "violate U.N. Security Council resolutions.",
	                "Обмены между Россией и КНДР не должны нарушать "
	                "резолюции Совета Безопасности ООН."),
	          "");
	CHECK_STR(check("en", "ko", "Germany and Japan signed the deal.",
	                "독일과 일본이 협정에 서명했다."),
	          "");
	CHECK_STR(check("en", "ru", "Germany signed the deal.",
	                "Германия подписала соглашение."),
	          "");
	/* a capital standing for its country */
	CHECK_STR(check("en", "ko", "He compared Washington's approaches.",
	                "그는 미국의 접근법을 비교했다."),
	          "");
	/* none of its forms: info, never above (the country, 그 나라) */
	CHECK_STR(run_pair("en", "ko", "Germany signed the deal.",
	                   "그 나라가 협정에 서명했다.", TM_CHECK_INFO, &l),
	          "name:info");
	CHECK_STR(tm_check_list_get(l, 0)->message,
	          "name Germany is not in the translation (as 독일 or the "
	          "like), unless it is rephrased");
	tm_check_list_free(l);
	/* a Russian capitalised word a fact covers is no stray name */
	CHECK_STR(run_pair("en", "ru", "The Moon pulls the Sagittarius galaxy.",
	                   "Луна притягивает галактику в Стрельце и Землю.",
	                   TM_CHECK_WARNING, NULL),
	          "");
}

static void
test_check_names_spellings(void)
{
	/* English spellings as Korean and Russian write them: soft g, no
	 * r after a vowel, w as у, a possessive, New with York */
	CHECK_STR(check("en", "ru", "He met George Kent.",
	                "Он встретился с Джорджем Кентом."),
	          "");
	CHECK_STR(check("en", "ko", "He met Jimmy Carter.",
	                "그는 지미 카터를 만났다."),
	          "");
	CHECK_STR(check("en", "ru", "He met Elizabeth Warren.",
	                "Он встретился с Элизабет Уоррен."),
	          "");
	CHECK_STR(check("en", "ko", "It was Cownie's equaliser.",
	                "코니가 동점골을 넣었다."),
	          "");
	CHECK_STR(check("en", "ko", "He flew to New York City.",
	                "그는 뉴욕시로 날아갔다."),
	          "");
}

/* Pairs of one group (a story, a TMX file), checked together. */
static const char *
run_group(const char *tl, const tm_check_pair *p, size_t n, size_t *last)
{
	static char buf[1024];
	tm_checker *ck = NULL;
	tm_check_list *l = NULL;
	tm_check_options o = TM_CHECK_OPTIONS_INIT;
	size_t k = 0;

	o.flags = TM_CHECK_NO_LENGTH | TM_CHECK_NO_NUMBERS;
	o.min_severity = TM_CHECK_WARNING;
	buf[0] = '\0';
	if (tm_checker_new(&ck, "en", tl, &o) < 0 ||
	    tm_check_pairs(&l, ck, p, n) < 0) {
		tm_checker_free(ck);
		return "(failed)";
	}
	*last = tm_check_list_count(l);
	for (size_t i = 0; i < tm_check_list_count(l); i++) {
		const tm_check_finding *f = tm_check_list_get(l, i);

		k += (size_t)snprintf(buf + k, sizeof(buf) - k, "%s%lld:%s:%s",
		                      i ? "\n" : "", f->id,
		                      tm_check_severity_name(f->severity),
		                      f->message);
	}
	tm_check_list_free(l);
	tm_checker_free(ck);
	return buf;
}

static void
test_check_names_korean(void)
{
	size_t n = 0;
	/* the story renders Obama twice; a third pair has 오바마 where the
	 * source has Trump: another name in its place */
	tm_check_pair p[] = {
	        {"He said Obama would visit Seoul.",
	         "그는 오바마가 서울을 방문할 것이라고 말했다.", NULL, 1},
	        {"Aides of Obama met there.",
	         "오바마의 보좌관들이 그곳에서 만났다.", NULL, 2},
	        {"The envoy met Trump on Friday.",
	         "특사는 금요일 오바마를 만났다.", NULL, 3},
	};
	/* a name the story transliterates twice, left out of a third pair */
	tm_check_pair q[] = {
	        {"On Monday the judge Brett Kavanaugh spoke to senators.",
	         "월요일 브렛 캐버노 판사가 상원의원들에게 말했다.", NULL, 1},
	        {"Senators questioned Kavanaugh.",
	         "상원의원들은 캐버노를 심문했다.", NULL, 2},
	        {"Later the senators praised Kavanaugh.",
	         "이후 상원의원들은 그를 칭찬했다.", NULL, 3},
	};
	/* a rendering glossed with another name's original */
	tm_check_pair r[] = {
	        {"The crash happened on Evelyn Street.",
	         "사고는 트럼프(Evelyn) 가에서 일어났다.", NULL, 1},
	        {"The crash on Evelyn Street was reported.",
	         "에벌린(Evelyn) 가의 사고가 보고되었다.", NULL, 2},
	};

	CHECK_STR(run_group("ko", p, 3, &n),
	          "3:warning:name Trump in the source is not in the translation "
	          "(it has 오바마를)");
	CHECK_STR(run_group("ko", p, 2, &n), "");
	/* learnt once only: maybe an accident of the keys, not reported */
	CHECK_STR(run_group("ko", p + 1, 2, &n), "");
	CHECK_STR(run_group("ko", q, 3, &n),
	          "3:warning:name Kavanaugh is not in the translation, though "
	          "rendered 2 times elsewhere in it");
	/* once elsewhere is only a hint (info) */
	CHECK_STR(run_group("ko", q + 1, 2, &n), "");
	CHECK_STR(run_group("ko", r, 2, &n),
	          "1:warning:the translation renders Evelyn as 트럼프, whose "
	          "key differs");
}

static void
test_check_names_elsewhere(void)
{
	tm_check_pair p[2] = {
	        {"The judge Brett Kavanaugh spoke on Friday.",
	         "Судья Бретт Кавано выступил в пятницу.", "story", 1},
	        {"Later that day the judge met Kavanaugh again.",
	         "Позже в тот день судья снова встретился с ним.", "story", 2},
	};
	tm_checker *ck = NULL;
	tm_check_list *l = NULL;
	const tm_check_finding *f;

	REQUIRE(tm_checker_new(&ck, "en", "ru", NULL) == TM_OK);
	REQUIRE(tm_check_pairs(&l, ck, p, 2) == TM_OK);
	REQUIRE(tm_check_list_count(l) == 1);
	f = tm_check_list_get(l, 0);
	CHECK(f->kind == TM_CHECK_NAME && f->severity == TM_CHECK_INFO &&
	      f->id == 2);
	CHECK_STR(f->message,
	          "name Kavanaugh is not in the translation, though "
	          "rendered elsewhere in it");
	tm_check_list_free(l);
	/* another group renders it: nothing learnt for this one */
	p[0].group = "other";
	REQUIRE(tm_check_pairs(&l, ck, p, 2) == TM_OK);
	REQUIRE(tm_check_list_count(l) == 1);
	CHECK_STR(tm_check_list_get(l, 0)->message,
	          "name Kavanaugh is not in the translation (unless it is "
	          "translated)");
	tm_check_list_free(l);
	tm_checker_free(ck);
}

static void
test_check_glossary(void)
{
	size_t n = 0;
	const char tsv[] =
	        "# names\nen\tko\tru\nKim Jong-un\t김정은\tКим Чен Ын\n"
	        "Pyongyang\t평양\t\n";
	tm_check_list *l = NULL;

	REQUIRE(tm_glossary_new(&gl) == TM_OK);
	REQUIRE(tm_glossary_load_memory(&n, gl, tsv, sizeof(tsv) - 1,
	                                "g.tsv") == TM_OK);
	CHECK(n == 2 && tm_glossary_count(gl) == 2);
	CHECK_STR(check("en", "ko", "Kim Jong-un visited a farm.",
	                "김정은이 농장을 방문했다."),
	          "");
	/* a rendering whose key agrees, but not the glossary's: warning */
	CHECK_STR(run_pair("en", "ko", "Kim Jong-un visited a farm.",
	                   "김정운이 농장을 방문했다.", TM_CHECK_INFO, &l),
	          "name:warning");
	CHECK_STR(tm_check_list_get(l, 0)->message,
	          "name Kim Jong-un is rendered as 김정운이; the glossary has "
	          "김정은");
	tm_check_list_free(l);
	/* left out: error */
	CHECK_STR(check("en", "ko", "Kim Jong-un visited a farm.",
	                "그가 농장을 방문했다."),
	          "name:error");
	/* a name in capitals is no common word */
	REQUIRE(tm_glossary_add(gl, "Rapid", "라피트", NULL) == TM_OK);
	CHECK_STR(check("en", "ko", "The river was rapid there.",
	                "그곳의 강은 빨랐다."),
	          "");
	/* two entries for one term: either rendering will do */
	REQUIRE(tm_glossary_add(gl, "Arizona", "애리조나", NULL) == TM_OK);
	REQUIRE(tm_glossary_add(gl, "Arizona", "아리조나", NULL) == TM_OK);
	CHECK_STR(check("en", "ko", "Rain fell in Arizona.",
	                "아리조나에 비가 내렸다."),
	          "");
	/* from Korean: the glossary finds the name */
	CHECK_STR(check("ko", "ru", "김정은이 평양에서 연설했다.",
	                "Ким Чен Ын выступил с речью."),
	          "");
	CHECK_STR(check("ko", "en", "김정은이 평양에서 연설했다.",
	                "He spoke in Pyongyang."),
	          "name:error");
	tm_glossary_free(gl);
	gl = NULL;
}

static void
test_check_glossary_errors(void)
{
	tm_glossary *g = NULL;
	size_t n = 9;

	REQUIRE(tm_glossary_new(&g) == TM_OK);
	CHECK(tm_glossary_load_memory(&n, g, "en\tko\nSeoul\t서울\tСеул\tx\n",
	                              29, "g.tsv") == TM_EPARSE);
	CHECK_STR(tm_errmsg(),
	          "glossary: g.tsv:2: more than three columns (en, ko, ru)");
	CHECK(tm_glossary_load_memory(&n, g, "Seoul\t\t\n", 8, "h.tsv") ==
	      TM_EPARSE);
	CHECK_STR(tm_errmsg(), "glossary: h.tsv:1: an entry needs two forms");
	CHECK(tm_glossary_add(g, "Seoul", NULL, NULL) == TM_EINVAL);
	CHECK(tm_glossary_add(g, "Seoul", "서울", NULL) == TM_OK);
	CHECK(tm_glossary_load(NULL, g, "/nonexistent/g.tsv") == TM_ENOTFOUND);
	CHECK(tm_glossary_count(g) == 1);
	tm_glossary_free(g);
	tm_glossary_free(NULL);
}

static void
test_check_untranslated(void)
{
	CHECK_STR(check("en", "ko", "The meeting was postponed to next week.",
	                "The meeting was postponed to next week."),
	          "untranslated:error");
	CHECK_STR(check("en", "ru", "The meeting was postponed to next week.",
	                "The meeting was postponed until next week."),
	          "untranslated:error");
	/* a short name kept as it is: info */
	CHECK_STR(check("en", "ko", "BBC", "BBC"), "untranslated:info");
}

/* Sentences of a story and its translation, one a line. */
static const char story_en[] =
        "North Korea fired two missiles on Monday.\n"
        "About 1,200 troops and 80 tanks took part in the drills near "
        "Wonsan, the agency said.\n"
        "The launch came 3 days after talks between Moon Jae-in and Joe "
        "Biden in Seoul on May 21.\n"
        "Officials gave no further details.\n";
static const char story_ko_missing[] =
        "북한이 월요일 미사일 두 발을 발사했다.\n"
        "이번 발사는 5월 21일 서울에서 문재인과 조 바이든의 회담이 열린 지 "
        "3일 만에 이뤄졌다.\n"
        "당국자들은 더 이상의 세부 사항을 밝히지 않았다.\n";
static const char story_ko_plain_missing[] =
        "북한이 월요일 미사일 두 발을 발사했다.\n"
        "통신은 원산 인근 훈련에 병력 약 1,200명과 탱크 80대가 "
        "참가했다고 전했다.\n"
        "이번 발사는 5월 21일 서울에서 문재인과 조 바이든의 회담이 열린 지 "
        "3일 만에 이뤄졌다.\n";

static void
test_check_missing_sentences(void)
{
	tm_check_options o = TM_CHECK_OPTIONS_INIT;
	tm_checker *ck = NULL;
	tm_check_list *l = NULL;
	const tm_check_finding *f = NULL;

	o.flags = TM_CHECK_PRESEGMENTED;
	o.min_severity = TM_CHECK_WARNING;
	REQUIRE(tm_checker_new(&ck, "en", "ko", &o) == TM_OK);
	REQUIRE(tm_check_texts(&l, ck, story_en, strlen(story_en),
	                       story_ko_missing,
	                       strlen(story_ko_missing)) == TM_OK);
	for (size_t i = 0; i < tm_check_list_count(l); i++)
		if (tm_check_list_get(l, i)->kind == TM_CHECK_MISSING)
			f = tm_check_list_get(l, i);
	REQUIRE(f);
	/* it carries a number: an error, with its line in each text */
	CHECK(f->severity == TM_CHECK_ERROR);
	CHECK(f->src_first == 1 && f->src_count == 1 && f->tgt_count == 0);
	CHECK(f->src_line == 2 && f->tgt_line == 2);
	CHECK_STR(f->message, "source sentence 2 is not in the translation (it "
	                      "carries a number and a name)");
	CHECK(strncmp(f->src_text, "About 1,200 troops", 18) == 0);
	CHECK_STR(f->tgt_text, "");
	/* nothing else: the May 21 of one is the 5월 21일 of the other */
	CHECK(tm_check_list_count(l) == 1);
	tm_check_list_free(l);
	/* the last sentence, with neither number nor name: a warning */
	REQUIRE(tm_check_texts(&l, ck, story_en, strlen(story_en),
	                       story_ko_plain_missing,
	                       strlen(story_ko_plain_missing)) == TM_OK);
	f = NULL;
	for (size_t i = 0; i < tm_check_list_count(l); i++)
		if (tm_check_list_get(l, i)->kind == TM_CHECK_MISSING)
			f = tm_check_list_get(l, i);
	REQUIRE(f);
	CHECK(f->severity == TM_CHECK_WARNING && f->src_first == 3);
	tm_check_list_free(l);
	/* a sentence the aligner may fold into its neighbour's link (2-1):
	 * the one whose numbers are not in the target is reported */
	{
		static const char en2[] =
		        "The central bank met on Thursday and raised its rate.\n"
		        "It was the first rise in 16 months, to 3.5 percent.\n"
		        "Exports rose.\nThe won weakened.\n";
		static const char ru2[] =
		        "Центральный банк собрался в четверг и поднял ставку.\n"
		        "Экспорт вырос.\nВона ослабла.\n";

		tm_checker *ck2 = NULL;

		REQUIRE(tm_checker_new(&ck2, "en", "ru", &o) == TM_OK);
		REQUIRE(tm_check_texts(&l, ck2, en2, strlen(en2), ru2,
		                       strlen(ru2)) == TM_OK);
		tm_checker_free(ck2);
		/* four sentences against three, a number one side only:
		 * the translation check refuses or is unsure of so short a
		 * pair, a warning before the sentence findings
		 * (test_check_document) */
		f = tm_check_list_get(l, 0);
		REQUIRE(f);
		CHECK(f->kind == TM_CHECK_DOCUMENT &&
		      f->severity == TM_CHECK_WARNING);
		f = tm_check_list_get(l, 1);
		REQUIRE(f);
		/* since the aligner charges less for deleting a sentence
		 * whose numbers the target lacks, it links it 1-0; either
		 * way sentence 2 is the one reported */
		CHECK(f->kind == TM_CHECK_MISSING && f->src_line == 2);
		CHECK(strncmp(f->message, "source sentence 2 ", 18) == 0);
		tm_check_list_free(l);
	}
	/* the aligner puts the gap one sentence off; the numbers put it
	 * back: sentence 2 (3.5 percent) is the one missing */
	{
		static const char en3[] =
		        "The central bank met on Thursday.\n"
		        "It raised its rate to 3.5 percent, the first rise in 16 "
		        "months.\nExports rose.\nThe won weakened.\n";
		static const char ru3[] = "Центральный банк собрался в четверг.\n"
		                          "Экспорт вырос.\nВона ослабла.\n";
		tm_checker *ck3 = NULL;

		REQUIRE(tm_checker_new(&ck3, "en", "ru", &o) == TM_OK);
		REQUIRE(tm_check_texts(&l, ck3, en3, strlen(en3), ru3,
		                       strlen(ru3)) == TM_OK);
		tm_checker_free(ck3);
		REQUIRE(tm_check_list_count(l) == 2);
		CHECK(tm_check_list_get(l, 0)->kind == TM_CHECK_DOCUMENT);
		f = tm_check_list_get(l, 1);
		CHECK(f->kind == TM_CHECK_MISSING && f->src_first == 1 &&
		      f->severity == TM_CHECK_ERROR);
		tm_check_list_free(l);
	}
	/* an added sentence */
	REQUIRE(tm_check_texts(&l, ck, story_ko_missing,
	                       strlen(story_ko_missing), story_en,
	                       strlen(story_en)) == TM_OK);
	tm_check_list_free(l);
	tm_checker_free(ck);
	/* a translator's note and an end mark are not checked */
	{
		static const char en4[] = "Exports rose 12 percent in November.\n\n"
		                          "Imports fell 3 percent.\n";
		static const char ko4[] = "11월 수출은 12% 늘었다.\n\n"
		                          "수입은 3% 줄었다.\n\n(끝)\n";
		tm_checker *ck4 = NULL;

		REQUIRE(tm_checker_new(&ck4, "en", "ko", NULL) == TM_OK);
		REQUIRE(tm_check_texts(&l, ck4, en4, strlen(en4), ko4,
		                       strlen(ko4)) == TM_OK);
		for (size_t i = 0; i < tm_check_list_count(l); i++)
			CHECK(tm_check_list_get(l, i)->kind != TM_CHECK_ADDED);
		tm_check_list_free(l);
		tm_checker_free(ck4);
	}
	/* bad input */
	CHECK(tm_checker_new(&ck, "en", "ko", NULL) == TM_OK);
	CHECK(tm_check_texts(&l, ck, "\xff", 1, "a", 1) == TM_EUNICODE);
	CHECK(l == NULL);
	tm_checker_free(ck);
}

static void
test_check_length_and_consistency(void)
{
	tm_check_pair p[10];
	tm_checker *ck = NULL;
	tm_check_list *l = NULL;
	size_t len = 0, cons = 0;
	static const char *const en[] = {
	        "The committee met on the third floor of the building.",
	        "The weather was cold and the streets were almost empty.",
	        "Residents of the city were asked to stay inside at night.",
	        "The ministry published its annual report on the economy.",
	        "Schools in the northern district will reopen next week.",
	        "The weather was cold and the streets were almost empty.",
	        "Farmers in the south said the harvest had been poor.",
	        "A new bridge across the river is planned for the spring.",
	        "The museum will stay closed while its roof is repaired.",
	        "The mayor thanked the volunteers who cleared the snow.",
	};
	static const char *const ru[] = {
	        "Комитет собрался на третьем этаже здания.",
	        "Было холодно, и улицы были почти пусты.",
	        "Жителей города попросили не выходить ночью.",
	        "Министерство опубликовало годовой доклад об экономике.",
	        "Школы в северном районе вновь откроются на следующей неделе.",
	        "Стояла холодная погода, улицы опустели.",
	        "Фермеры на юге сказали, что урожай был плохим.",
	        "Новый мост через реку планируют построить весной.",
	        "Музей",
	        "Мэр поблагодарил добровольцев, которые убирали снег.",
	};

	for (size_t i = 0; i < 10; i++)
		p[i] = (tm_check_pair){en[i], ru[i], "story-1",
		                       (long long)i + 100};
	REQUIRE(tm_checker_new(&ck, "en", "ru", NULL) == TM_OK);
	REQUIRE(tm_check_pairs(&l, ck, p, 10) == TM_OK);
	for (size_t i = 0; i < tm_check_list_count(l); i++) {
		const tm_check_finding *f = tm_check_list_get(l, i);

		if (f->kind == TM_CHECK_LENGTH) {
			len++;
			CHECK(f->pair == 8 && f->severity == TM_CHECK_WARNING);
		}
		if (f->kind == TM_CHECK_CONSISTENCY) {
			cons++;
			CHECK(f->pair == 5 && f->id == 105);
			CHECK_STR(f->message, "the same source is translated "
			                      "otherwise in unit 101");
			CHECK_STR(f->group, "story-1");
		}
	}
	CHECK(len == 1 && cons == 1);
	tm_check_list_free(l);
	/* another group: no conflict */
	p[5].group = "story-2";
	REQUIRE(tm_check_pairs(&l, ck, p, 10) == TM_OK);
	for (size_t i = 0; i < tm_check_list_count(l); i++)
		CHECK(tm_check_list_get(l, i)->kind != TM_CHECK_CONSISTENCY);
	tm_check_list_free(l);
	p[2].tgt = NULL;
	CHECK(tm_check_pairs(&l, ck, p, 10) == TM_EINVAL);
	CHECK_STR(tm_errmsg(), "check: pair 2 lacks its target");
	tm_checker_free(ck);
}

/* The file @name of samples/@story, NUL-terminated (caller frees), or NULL
 * (the sources are absent: the test skips). */
static char *
sample(const char *story, const char *name)
{
	const char *root = getenv("TM_SOURCE_ROOT");
	char path[4096];
	char *buf = NULL;
	long n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/samples/%s/%s", root ? root : ".",
	         story, name);
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) &&
	    fread(buf, 1, (size_t)n, f) == (size_t)n)
		buf[n] = '\0';
	else {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

/* The translation check's verdict as the first finding: a story against
 * another story's translation is one document error and nothing else
 * (TM_CHECK_KEEP_UNRELATED keeps the sentence findings after it), a
 * story and its translation have no document finding. */
static void
test_check_document(void)
{
	char *en = sample("chip-export", "en.txt");
	char *ru = sample("rail-link", "ru.txt");
	char *ru_true = sample("chip-export", "ru.txt");
	tm_check_options o = TM_CHECK_OPTIONS_INIT;
	tm_checker *ck = NULL;
	tm_check_list *l = NULL;
	const tm_check_finding *f;

	if (!en || !ru || !ru_true) {
		free(en);
		free(ru);
		free(ru_true);
		SKIP("samples/ not found (TM_SOURCE_ROOT)");
	}
	o.min_severity = TM_CHECK_INFO;
	REQUIRE(tm_checker_new(&ck, "en", "ru", &o) == TM_OK);
	REQUIRE(tm_check_texts(&l, ck, en, strlen(en), ru, strlen(ru)) ==
	        TM_OK);
	REQUIRE(tm_check_list_count(l) == 1);
	f = tm_check_list_get(l, 0);
	CHECK(f->kind == TM_CHECK_DOCUMENT && f->severity == TM_CHECK_ERROR);
	CHECK(f->src_value >= 0 && f->src_value < 0.12 && isnan(f->tgt_value));
	CHECK(f->src_first == 0 && f->src_count > 8 && f->tgt_count > 8);
	CHECK(f->src_line == 0 && f->tgt_line == 0 && f->src_len == 0);
	CHECK_STR(f->src_text, "");
	CHECK(strncmp(f->message, "not a translation of the source (document "
	                          "score 0.",
	              50) == 0);
	CHECK(strstr(f->message, "; sentence findings left out") != NULL);
	tm_check_list_free(l);
	/* the true pair: no document finding */
	REQUIRE(tm_check_texts(&l, ck, en, strlen(en), ru_true,
	                       strlen(ru_true)) == TM_OK);
	for (size_t i = 0; i < tm_check_list_count(l); i++)
		CHECK(tm_check_list_get(l, i)->kind != TM_CHECK_DOCUMENT);
	tm_check_list_free(l);
	tm_checker_free(ck);
	/* the sentence findings kept on request, after the error */
	o.flags = TM_CHECK_KEEP_UNRELATED;
	REQUIRE(tm_checker_new(&ck, "en", "ru", &o) == TM_OK);
	REQUIRE(tm_check_texts(&l, ck, en, strlen(en), ru, strlen(ru)) ==
	        TM_OK);
	CHECK(tm_check_list_count(l) > 10);
	f = tm_check_list_get(l, 0);
	CHECK(f && f->kind == TM_CHECK_DOCUMENT &&
	      f->severity == TM_CHECK_ERROR);
	CHECK(f && strstr(f->message, "its sentence findings follow"));
	for (size_t i = 1; i < tm_check_list_count(l); i++)
		CHECK(tm_check_list_get(l, i)->kind != TM_CHECK_DOCUMENT);
	tm_check_list_free(l);
	/* an empty side has no verdict: its sentences are all missing */
	REQUIRE(tm_check_texts(&l, ck, en, strlen(en), "", 0) == TM_OK);
	for (size_t i = 0; i < tm_check_list_count(l); i++)
		CHECK(tm_check_list_get(l, i)->kind == TM_CHECK_MISSING);
	tm_check_list_free(l);
	tm_checker_free(ck);
	free(en);
	free(ru);
	free(ru_true);
}

static void
test_check_api(void)
{
	tm_check_options o = TM_CHECK_OPTIONS_INIT;
	tm_checker *ck = NULL;
	tm_check_severity s = TM_CHECK_INFO;

	CHECK_STR(tm_check_kind_name(TM_CHECK_NUMBER), "number");
	CHECK_STR(tm_check_kind_name(TM_CHECK_CONSISTENCY), "consistency");
	CHECK_STR(tm_check_kind_name(TM_CHECK_DOCUMENT), "document");
	CHECK_STR(tm_check_kind_name((tm_check_kind)99), "unknown");
	CHECK_STR(tm_check_severity_name(TM_CHECK_WARNING), "warning");
	CHECK(tm_check_severity_parse(&s, "error") == TM_OK &&
	      s == TM_CHECK_ERROR);
	CHECK(tm_check_severity_parse(&s, "fatal") == TM_EINVAL);
	CHECK_STR(tm_errmsg(),
	          "check: unknown severity 'fatal' (info, warning, "
	          "error)");
	o.version = 99;
	CHECK(tm_checker_new(&ck, "en", "ko", &o) == TM_EINVAL && !ck);
	CHECK(tm_checker_new(&ck, "en", "not a tag!", NULL) == TM_EINVAL);
	CHECK(tm_check_list_count(NULL) == 0);
	CHECK(tm_check_list_get(NULL, 0) == NULL);
	tm_check_list_free(NULL);
	tm_checker_free(NULL);
}

int
main(void)
{
	RUN(test_check_numbers_notations);
	RUN(test_check_numbers_dates_and_words);
	RUN(test_check_numbers_errors);
	RUN(test_check_numbers_rounding_and_units);
	RUN(test_check_numbers_restated);
	RUN(test_check_names);
	RUN(test_check_names_facts);
	RUN(test_check_names_spellings);
	RUN(test_check_names_korean);
	RUN(test_check_names_elsewhere);
	RUN(test_check_glossary);
	RUN(test_check_glossary_errors);
	RUN(test_check_untranslated);
	RUN(test_check_missing_sentences);
	RUN(test_check_length_and_consistency);
	RUN(test_check_document);
	RUN(test_check_api);
	return tm_test_done();
}
