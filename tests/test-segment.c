/* SPDX-License-Identifier: MIT */
/* Sentence segmentation: paragraphs, per-language exceptions, furniture,
 * errors. Project-own cases (Korean has no public gold set). */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <tm/tm.h>

#include "tm-test.h"

static tm_segmenter *en, *ko, *ru;

/* Segment @text with @seg and compare the texts with the NULL-terminated
 * list of expected sentences. */
static int
expect(tm_segmenter *seg, const char *text, ...)
{
	tm_segment_list *list = NULL;
	va_list ap;
	size_t i = 0;
	int ok = 1;
	const char *want;

	if (tm_segment_text(&list, seg, text, strlen(text)) != TM_OK) {
		printf("#   segment failed: %s\n", tm_errmsg());
		return 0;
	}
	va_start(ap, text);
	while ((want = va_arg(ap, const char *)) != NULL) {
		const tm_segment *sg = tm_segment_list_get(list, i++);

		if (!sg || strcmp(sg->text, want) != 0) {
			printf("#   segment %zu: got '%s'\n#   expected '%s'\n",
			       i - 1, sg ? sg->text : "(none)", want);
			ok = 0;
		}
	}
	va_end(ap);
	if (tm_segment_list_count(list) != i) {
		printf("#   %zu segments, expected %zu\n",
		       tm_segment_list_count(list), i);
		for (size_t k = 0; k < tm_segment_list_count(list); k++)
			printf("#     [%s]\n", tm_segment_list_get(list, k)->text);
		ok = 0;
	}
	tm_segment_list_free(list);
	return ok;
}

/* Kind of segment @i of @text. */
static int
kind_of(tm_segmenter *seg, const char *text, size_t i)
{
	tm_segment_list *list = NULL;
	const tm_segment *sg;
	int kind;

	if (tm_segment_text(&list, seg, text, strlen(text)) != TM_OK)
		return -1;
	sg = tm_segment_list_get(list, i);
	kind = sg ? (int)sg->kind : -1;
	tm_segment_list_free(list);
	return kind;
}

static void
test_segment_basic(void)
{
	CHECK(expect(en, "Hello World. My name is Jonas.", "Hello World.",
	             "My name is Jonas.", NULL));
	CHECK(expect(en, "What is your name? My name is Jonas!",
	             "What is your name?", "My name is Jonas!", NULL));
	CHECK(expect(en, "", NULL));
	CHECK(expect(en, "  \n\n \t\n", NULL));
	CHECK(expect(en, "   One sentence.   ", "One sentence.", NULL));
}

static void
test_segment_paragraphs(void)
{
	tm_segment_list *list = NULL;
	const char *text = "First line\nwrapped here. Second.\n\n  Third one.\n";
	const tm_segment *sg;

	REQUIRE(tm_segment_text(&list, en, text, strlen(text)) == TM_OK);
	REQUIRE(tm_segment_list_count(list) == 3);
	sg = tm_segment_list_get(list, 0);
	CHECK_STR(sg->text, "First line wrapped here.");
	CHECK(sg->paragraph == 0 && sg->offset == 0);
	CHECK(sg->len == strlen(sg->text));
	sg = tm_segment_list_get(list, 1);
	CHECK_STR(sg->text, "Second.");
	CHECK(sg->paragraph == 0 && sg->offset == 25);
	sg = tm_segment_list_get(list, 2);
	CHECK_STR(sg->text, "Third one.");
	CHECK(sg->paragraph == 1 && sg->offset == 36);
	CHECK(tm_segment_list_get(list, 3) == NULL);
	tm_segment_list_free(list);
	/* No sentence crosses a paragraph, even without punctuation. */
	CHECK(expect(en, "It was the Dr.\n\nSmith came.", "It was the Dr.",
	             "Smith came.", NULL));
	/* Space before a wrapped line collapses to one space; inner spacing
	 * elsewhere is kept. */
	CHECK(expect(en, "It was a cold \nnight  in the city.",
	             "It was a cold night  in the city.", NULL));
	CHECK(expect(en, "Windows\r\nline ends. Here.\r\n\r\nNext.",
	             "Windows line ends.", "Here.", "Next.", NULL));
}

static void
test_segment_english_abbreviations(void)
{
	CHECK(expect(en, "Mr. Smith met Dr. Jones at St. Mary's.",
	             "Mr. Smith met Dr. Jones at St. Mary's.", NULL));
	CHECK(expect(en, "Gen. Park and Sen. Kim spoke. Gov. Lee did not.",
	             "Gen. Park and Sen. Kim spoke.", "Gov. Lee did not.",
	             NULL));
	CHECK(expect(en, "I work for the U.S. Government in Virginia.",
	             "I work for the U.S. Government in Virginia.", NULL));
	CHECK(expect(en, "I live in the U.S. How about you?",
	             "I live in the U.S.", "How about you?", NULL));
	CHECK(expect(en, "The U.N. Security Council met at 10 a.m. Friday.",
	             "The U.N. Security Council met at 10 a.m. Friday.",
	             NULL));
	CHECK(expect(en, "It rose on Jan. 5 and fell in No. 2 spot.",
	             "It rose on Jan. 5 and fell in No. 2 spot.", NULL));
	CHECK(expect(en, "He said no. Then he left.", "He said no.",
	             "Then he left.", NULL));
	CHECK(expect(en, "My name is Jonas E. Smith. We make a good team, "
	                 "you and I. Did you see him?",
	             "My name is Jonas E. Smith.",
	             "We make a good team, you and I.", "Did you see him?",
	             NULL));
	CHECK(expect(en, "Use e.g. salt. Then stir.", "Use e.g. salt.",
	             "Then stir.", NULL));
	CHECK(expect(en, "They met Pitt, Briggs & Co. It closed.",
	             "They met Pitt, Briggs & Co.", "It closed.", NULL));
	CHECK(expect(en, "She works at Yahoo! in the accounting department.",
	             "She works at Yahoo! in the accounting department.",
	             NULL));
	/* ICU alone never breaks before a number and a lower-case word. */
	CHECK(expect(en, "The fire hit London. 5 people died there.",
	             "The fire hit London.", "5 people died there.", NULL));
}

static void
test_segment_english_lists_ellipses(void)
{
	CHECK(expect(en, "1. The first item 2. The second item",
	             "1. The first item", "2. The second item", NULL));
	CHECK(expect(en, "a) here it is b) another c) one more",
	             "a) here it is", "b) another", "c) one more", NULL));
	CHECK(expect(en, "I never meant that.... She left the store.",
	             "I never meant that....", "She left the store.", NULL));
	CHECK(expect(en, "Hello world.Today is Tuesday.", "Hello world.",
	             "Today is Tuesday.", NULL));
	CHECK(expect(en, "Her email is Jane.Doe@example.com. I wrote.",
	             "Her email is Jane.Doe@example.com.", "I wrote.", NULL));
	/* A date after a month abbreviation is not a list. */
	CHECK(expect(en, "It opens Dec. 1. The fee rises Dec. 2.",
	             "It opens Dec. 1.", "The fee rises Dec. 2.", NULL));
}

static void
test_segment_russian(void)
{
	CHECK(expect(ru, "В 2010 г. Виктор посетил г. Волгоград. Это было "
	                 "давно.",
	             "В 2010 г. Виктор посетил г. Волгоград.",
	             "Это было давно.", NULL));
	CHECK(expect(ru, "Президент В. В. Путин прибыл в Москву.",
	             "Президент В. В. Путин прибыл в Москву.", NULL));
	CHECK(expect(ru, "Это т.е. вагон. Он ушёл в 5 ч. утра.",
	             "Это т.е. вагон.", "Он ушёл в 5 ч. утра.", NULL));
	CHECK(expect(ru, "Бюджет — 5 млн. руб. Университет им. Ломоносова "
	                 "ок. 1755 г. основан.",
	             "Бюджет — 5 млн. руб.",
	             "Университет им. Ломоносова ок. 1755 г. основан.", NULL));
	CHECK(expect(ru, "«Где ты?» — спросила она. Он молчал.",
	             "«Где ты?» — спросила она.", "Он молчал.", NULL));
	CHECK(expect(ru, "«Я приду поздно», — сказал Андрей.",
	             "«Я приду поздно», — сказал Андрей.", NULL));
	CHECK(expect(ru, "Это было 5 янв. 2020 года.",
	             "Это было 5 янв. 2020 года.", NULL));
}

static void
test_segment_korean(void)
{
	CHECK(expect(ko, "금리를 3.5%로 올렸다. 시장은 안정됐다.",
	             "금리를 3.5%로 올렸다.", "시장은 안정됐다.", NULL));
	CHECK(expect(ko, "그는 \"회의는 끝났다.\"라고 말했다. 이어 떠났다.",
	             "그는 \"회의는 끝났다.\"라고 말했다.", "이어 떠났다.",
	             NULL));
	CHECK(expect(ko, "정말인가? 그렇다! 확인했다.", "정말인가?",
	             "그렇다!", "확인했다.", NULL));
	CHECK(expect(ko, "경제성장률은 2.1%다. 물가는 3.0% 올랐다.",
	             "경제성장률은 2.1%다.", "물가는 3.0% 올랐다.", NULL));
	CHECK(expect(ko, "미국 Apple Inc. 주가가 올랐다.",
	             "미국 Apple Inc. 주가가 올랐다.", NULL));
	CHECK(expect(ko, "그는 '좋다.'고 답했다.",
	             "그는 '좋다.'고 답했다.", NULL));
	CHECK(expect(ko, "조지 W. 부시 대통령이 도착했다. 미국 U.S. 스틸 주가가 올랐다.",
	             "조지 W. 부시 대통령이 도착했다.",
	             "미국 U.S. 스틸 주가가 올랐다.", NULL));
	CHECK(expect(ko, "그는 \"경제가 좋다. 투자가 늘었다\"고 말했다. 다음 날 떠났다.",
	             "그는 \"경제가 좋다. 투자가 늘었다\"고 말했다.",
	             "다음 날 떠났다.", NULL));
	CHECK(expect(ko, "1. 첫째 항목 2. 둘째 항목", "1. 첫째 항목", "2. 둘째 항목",
	             NULL));
	CHECK(expect(ko, "회의는 오전 10시에 열린다... 결과는 미정이다.",
	             "회의는 오전 10시에 열린다...", "결과는 미정이다.", NULL));
	CHECK(expect(ko, "환율은 1,350.5원으로 마감했다! 정말인가?",
	             "환율은 1,350.5원으로 마감했다!", "정말인가?", NULL));
	/* A wrapped line inside a Korean paragraph. */
	CHECK(expect(ko, "정부는 오늘\n발표했다. 끝.", "정부는 오늘 발표했다.",
	             "끝.", NULL));
}

static void
test_segment_furniture(void)
{
	const char *story =
	        "Rail link to reopen\n\n"
	        "SEOUL, Nov. 27 (Yonhap) -- The line reopens. It is new.\n\n"
	        "▶ Related: more news\n"
	        "(END)";

	CHECK(expect(en, story, "Rail link to reopen",
	             "SEOUL, Nov. 27 (Yonhap) --", "The line reopens.",
	             "It is new.", "▶ Related: more news", "(END)", NULL));
	CHECK(kind_of(en, story, 0) == TM_SEG_HEADLINE);
	CHECK(kind_of(en, story, 1) == TM_SEG_DATELINE);
	CHECK(kind_of(en, story, 2) == TM_SEG_SENTENCE);
	CHECK(kind_of(en, story, 4) == TM_SEG_MARKER);
	CHECK(kind_of(en, story, 5) == TM_SEG_END);
	CHECK(expect(en, "MOSCOW (Reuters) - Talks ended.",
	             "MOSCOW (Reuters) -", "Talks ended.", NULL));
	CHECK(kind_of(en, "MOSCOW (Reuters) - Talks ended.", 0) ==
	      TM_SEG_DATELINE);
	CHECK(expect(ko, "(서울=연합뉴스) 김철수 기자 = 정부가 발표했다.",
	             "(서울=연합뉴스) 김철수 기자 =", "정부가 발표했다.", NULL));
	CHECK(kind_of(ko, "(서울=연합뉴스) 김철수 기자 = 정부가 발표했다.", 0) ==
	      TM_SEG_BYLINE);
	CHECK(expect(ko, "정부가 발표했다.\n<저작권자(c) 연합뉴스, 무단 전재-재배포 "
	                 "금지>",
	             "정부가 발표했다.",
	             "<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>", NULL));
	CHECK(kind_of(ko, "정부가 발표했다.\n<저작권자(c) 연합뉴스, 무단 "
	                  "전재-재배포 금지>", 1) == TM_SEG_CREDIT);
	CHECK(expect(ru, "МОСКВА, 27 ноя — РИА Новости. Переговоры "
	                 "завершились.",
	             "МОСКВА, 27 ноя — РИА Новости.",
	             "Переговоры завершились.", NULL));
	CHECK(kind_of(ru, "МОСКВА, 27 ноя — РИА Новости. Переговоры.", 0) ==
	      TM_SEG_DATELINE);
	CHECK(kind_of(en, "By Jane Doe\nThe talks ended.", 0) == TM_SEG_BYLINE);
	CHECK(kind_of(en, "Photo: Reuters\n\nThe talks ended.", 0) ==
	      TM_SEG_CREDIT);
	{
		static const char ko_story[] =
		        "정부, 내년 예산 600조 편성\n\n"
		        "(세종=연합뉴스) 김철수 기자 = 정부가 예산안을 "
		        "확정했다. 총지출은 3.2% 늘었다.\n"
		        "[연합뉴스 자료사진]\n\n"
		        "▶ 제보는 카카오톡 okjebo\n"
		        "김철수 기자 kcs@yna.co.kr\n"
		        "<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>\n"
		        "(끝)";
		static const int kinds[] = {
		        TM_SEG_HEADLINE, TM_SEG_BYLINE, TM_SEG_SENTENCE,
		        TM_SEG_SENTENCE, TM_SEG_CREDIT, TM_SEG_MARKER,
		        TM_SEG_BYLINE, TM_SEG_CREDIT, TM_SEG_END};

		CHECK(expect(ko, ko_story, "정부, 내년 예산 600조 편성",
		             "(세종=연합뉴스) 김철수 기자 =",
		             "정부가 예산안을 확정했다.", "총지출은 3.2% 늘었다.",
		             "[연합뉴스 자료사진]", "▶ 제보는 카카오톡 okjebo",
		             "김철수 기자 kcs@yna.co.kr",
		             "<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>", "(끝)",
		             NULL));
		for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
			CHECK(kind_of(ko, ko_story, i) == kinds[i]);
	}
	CHECK_STR(tm_seg_kind_name(TM_SEG_DATELINE), "dateline");
	CHECK_STR(tm_seg_kind_name(TM_SEG_CREDIT), "credit");
}

/* Datelines without an agency and captions' credits (issue #18): forms
 * of real wire copy, and prose that looks like them. */
static void
test_segment_furniture_forms(void)
{
	static const char ru_story[] =
	        "СЕУЛ, 26 ноября. Банк Кореи снизил ставку. Это первое "
	        "снижение.";
	static const char caption[] =
	        "A fallen tree blocks a road on Sept. 3, 2026. (Yonhap)";
	static const char ko_caption[] = "쓰러진 나무가 도로를 막고 있다. 2026.9.3";

	/* Russian: city, day, month, and a full stop or a dash */
	CHECK(expect(ru, ru_story, "СЕУЛ, 26 ноября.",
	             "Банк Кореи снизил ставку.", "Это первое снижение.", NULL));
	CHECK(kind_of(ru, ru_story, 0) == TM_SEG_DATELINE);
	CHECK(kind_of(ru, ru_story, 1) == TM_SEG_SENTENCE);
	CHECK(expect(ru, "СЕУЛ, 26 ноя — Банк Кореи снизил ставку.",
	             "СЕУЛ, 26 ноя —", "Банк Кореи снизил ставку.", NULL));
	CHECK(kind_of(ru, "СЕУЛ, 26 ноя — Банк Кореи снизил ставку.", 0) ==
	      TM_SEG_DATELINE);
	/* with an agency as before; a sentence after the dash is not one */
	CHECK(expect(ru, "МОСКВА, 27 ноября. /ТАСС/. Текст.",
	             "МОСКВА, 27 ноября. /ТАСС/.", "Текст.", NULL));
	CHECK(expect(ru, "СЕУЛ, 26 ноя — РИА Новости. Ставка снижена.",
	             "СЕУЛ, 26 ноя — РИА Новости.", "Ставка снижена.", NULL));
	/* prose: no date, a date without its full stop, not a month */
	CHECK(kind_of(ru, "МОСКВА – столица России.", 0) == TM_SEG_SENTENCE);
	CHECK(kind_of(ru, "МОСКВА, 27 ноября, прошла встреча.", 0) ==
	      TM_SEG_SENTENCE);
	CHECK(expect(ru, "МОСКВА, 27 человек. Встреча прошла.",
	             "МОСКВА, 27 человек.", "Встреча прошла.", NULL));
	CHECK(kind_of(ru, "МОСКВА, 27 человек. Встреча прошла.", 0) ==
	      TM_SEG_SENTENCE);
	/* English: a date and a dash without an agency; CNN's bracketed
	 * agency without a dash, before a capital or Hangul */
	CHECK(kind_of(en, "SEOUL, Nov. 26 -- Rates fell.", 0) ==
	      TM_SEG_DATELINE);
	CHECK(expect(en, "LONDON, England (CNN) Singer Amy Winehouse was "
	                 "rushed to a hospital.",
	             "LONDON, England (CNN)",
	             "Singer Amy Winehouse was rushed to a hospital.", NULL));
	CHECK(kind_of(en, "WASHINGTON (CNN) Only a few left.", 0) ==
	      TM_SEG_DATELINE);
	CHECK(kind_of(ko, "HONG KONG (CNN) 양조위가 결혼식을 올렸다.", 0) ==
	      TM_SEG_DATELINE);
	CHECK(kind_of(en, "BOGOTA, Colombia (CNN) &#8212; Sen. Smith spoke.",
	              0) == TM_SEG_DATELINE);
	CHECK(kind_of(en, "NATO (North Atlantic Treaty Organization) said so.",
	              0) == TM_SEG_SENTENCE);
	CHECK(kind_of(en, "NATO (AP) said so.", 0) == TM_SEG_SENTENCE);
	CHECK(expect(en, "(CNN) A weakened typhoon neared Taiwan.", "(CNN)",
	             "A weakened typhoon neared Taiwan.", NULL));
	CHECK(kind_of(en, "(CNN) A weakened typhoon neared Taiwan.", 0) ==
	      TM_SEG_DATELINE);
	CHECK(kind_of(en, "(CNN) he said.", 0) == TM_SEG_SENTENCE);
	CHECK(kind_of(en, "(The end came in 2020.) It was late.", 0) ==
	      TM_SEG_SENTENCE);
	CHECK(kind_of(ko, "(서울=연합뉴스) 김철수 기자 = 정부가 발표했다.", 0) ==
	      TM_SEG_BYLINE);
	CHECK(kind_of(en, "MINNEAPOLIS -- The season was bad.", 0) ==
	      TM_SEG_SENTENCE);
	/* a caption's credit and Yonhap's Korean caption date */
	CHECK(expect(en, caption,
	             "A fallen tree blocks a road on Sept. 3, 2026.",
	             "(Yonhap)", NULL));
	CHECK(kind_of(en, caption, 0) == TM_SEG_SENTENCE);
	CHECK(kind_of(en, caption, 1) == TM_SEG_CREDIT);
	CHECK(kind_of(en, "A tree blocks a road. (AP Photo/Ahn Young-joon)",
	              1) == TM_SEG_CREDIT);
	CHECK(kind_of(en, "Rates fell.\n(Reuters)", 1) == TM_SEG_CREDIT);
	CHECK(kind_of(ko, ko_caption, 0) == TM_SEG_SENTENCE);
	CHECK(kind_of(ko, ko_caption, 1) == TM_SEG_CREDIT);
	/* prose: an agency inside a sentence, numbers that are not a date */
	CHECK(kind_of(en, "He cited a report (Reuters) on Monday.", 0) ==
	      TM_SEG_SENTENCE);
	CHECK(kind_of(en, "It rose. (The agency said so.)", 1) ==
	      TM_SEG_SENTENCE);
	CHECK(kind_of(en, "2026 was a good year.", 0) == TM_SEG_SENTENCE);
	CHECK(kind_of(ko, "성장률은 2.1%였다. 2026.9.3 기준이다.", 1) ==
	      TM_SEG_SENTENCE);
}

/* Translators' and editors' notes and end marks (issue #18): segments of
 * their own with kinds of their own, on a line of their own or after the
 * last sentence of a line; prose in brackets stays prose. */
static void
test_segment_notes_and_end_marks(void)
{
	static const char en_story[] =
	        "The council met on Friday. It approved the budget. "
	        "(Translator's note: the council is the city's.)\n\n"
	        "(Editor's note: An earlier version gave a wrong date.)\n\n"
	        "(END)";
	static const char ko_story[] =
	        "시의회가 금요일 예산안을 승인했다. (역주: 시의회는 서울시의회다.)\n\n"
	        "(편집자주: 날짜를 바로잡았습니다.)\n"
	        "(끝)";
	static const char ru_story[] =
	        "Совет одобрил бюджет в пятницу.\n"
	        "(Прим. пер.: речь идёт о городском совете.)\n\n"
	        "(Прим. ред.: в первой версии была неверная дата.)\n\n"
	        "(Конец)";

	CHECK(expect(en, en_story, "The council met on Friday.",
	             "It approved the budget.",
	             "(Translator's note: the council is the city's.)",
	             "(Editor's note: An earlier version gave a wrong date.)",
	             "(END)", NULL));
	CHECK(kind_of(en, en_story, 1) == TM_SEG_SENTENCE);
	CHECK(kind_of(en, en_story, 2) == TM_SEG_NOTE);
	CHECK(kind_of(en, en_story, 3) == TM_SEG_NOTE);
	CHECK(kind_of(en, en_story, 4) == TM_SEG_END);
	CHECK(expect(ko, ko_story, "시의회가 금요일 예산안을 승인했다.",
	             "(역주: 시의회는 서울시의회다.)",
	             "(편집자주: 날짜를 바로잡았습니다.)", "(끝)", NULL));
	CHECK(kind_of(ko, ko_story, 0) == TM_SEG_SENTENCE);
	CHECK(kind_of(ko, ko_story, 1) == TM_SEG_NOTE);
	CHECK(kind_of(ko, ko_story, 2) == TM_SEG_NOTE);
	CHECK(kind_of(ko, ko_story, 3) == TM_SEG_END);
	CHECK(kind_of(ko, "(역자 주: 원문에는 없다.)", 0) == TM_SEG_NOTE);
	CHECK(kind_of(ko, "(옮긴이 주: 원문에는 없다.)", 0) == TM_SEG_NOTE);
	CHECK(kind_of(ko, "예산이 늘었다.\n-- 끝 --", 1) == TM_SEG_END);
	CHECK(kind_of(ko, "예산이 늘었다.\n[끝]", 1) == TM_SEG_END);
	CHECK(expect(ru, ru_story, "Совет одобрил бюджет в пятницу.",
	             "(Прим. пер.: речь идёт о городском совете.)",
	             "(Прим. ред.: в первой версии была неверная дата.)",
	             "(Конец)", NULL));
	CHECK(kind_of(ru, ru_story, 0) == TM_SEG_SENTENCE);
	CHECK(kind_of(ru, ru_story, 1) == TM_SEG_NOTE);
	CHECK(kind_of(ru, ru_story, 2) == TM_SEG_NOTE);
	CHECK(kind_of(ru, ru_story, 3) == TM_SEG_END);
	CHECK(kind_of(ru, "(Примечание переводчика: так в оригинале.)", 0) ==
	      TM_SEG_NOTE);
	/* a note of several sentences on a line of its own is one segment */
	CHECK(expect(ru, "Ставка выросла.\n(Прим. пер.: речь идёт о ставке. "
	                 "Она выросла в 2020 г.)",
	             "Ставка выросла.",
	             "(Прим. пер.: речь идёт о ставке. Она выросла в 2020 г.)",
	             NULL));
	CHECK(kind_of(ru, "Бюджет вырос.\n— конец —", 1) == TM_SEG_END);
	CHECK(kind_of(en, "Budget up.\n###", 1) == TM_SEG_END);
	CHECK(kind_of(en, "Budget up.\n-30-", 1) == TM_SEG_END);
	CHECK(kind_of(en, "Budget up. (END)", 1) == TM_SEG_END);
	/* prose in brackets, and a note named inside prose, stay prose */
	CHECK(kind_of(en, "(The council declined to comment.)", 0) ==
	      TM_SEG_SENTENCE);
	CHECK(kind_of(en, "The editor's note said little.", 0) ==
	      TM_SEG_SENTENCE);
	CHECK(kind_of(en, "(The end came in 2020, officials said.)", 0) ==
	      TM_SEG_SENTENCE);
	CHECK(kind_of(ru, "(Конец года был трудным.)", 0) == TM_SEG_SENTENCE);
	CHECK_STR(tm_seg_kind_name(TM_SEG_NOTE), "note");
	CHECK_STR(tm_seg_kind_name(TM_SEG_END), "end");
}

/* Kind of every segment of @text: "sentence note end ..." compared with
 * @want (kind names separated by one space). */
static int
kinds_are(tm_segmenter *seg, const char *text, const char *want)
{
	tm_segment_list *list = NULL;
	char got[512] = "";
	size_t len = 0;

	if (tm_segment_text(&list, seg, text, strlen(text)) != TM_OK)
		return 0;
	for (size_t i = 0; i < tm_segment_list_count(list); i++) {
		const tm_segment *sg = tm_segment_list_get(list, i);

		len += (size_t)snprintf(got + len, sizeof(got) - len, "%s%s",
		                        i ? " " : "",
		                        tm_seg_kind_name(sg->kind));
		if (len >= sizeof(got))
			break;
	}
	tm_segment_list_free(list);
	if (strcmp(got, want) != 0) {
		printf("#   kinds of '%s':\n#   got      %s\n#   expected %s\n",
		       text, got, want);
		return 0;
	}
	return 1;
}

/* Notes without brackets around them, at the start of a line (issue #18,
 * item 6): the label and everything after it on the line is one note,
 * several sentences included; a wrapped note goes on over the next lines
 * while a line does not end a sentence. */
static void
test_segment_note_labels(void)
{
	CHECK(expect(en, "Rates rose.\n\nEDITOR'S NOTE: This story was "
	                 "updated to correct the date.",
	             "Rates rose.",
	             "EDITOR'S NOTE: This story was updated to correct the "
	             "date.", NULL));
	CHECK(kinds_are(en, "Rates rose.\n\nEDITOR'S NOTE: This story was "
	                    "updated to correct the date.", "sentence note"));
	/* AP's form, a paragraph of two sentences: one note */
	CHECK(expect(en, "EDITOR'S NOTE — This story is part of a series. It "
	                 "runs weekly.\n\nRates rose.",
	             "EDITOR'S NOTE — This story is part of a series. It "
	             "runs weekly.", "Rates rose.", NULL));
	CHECK(kinds_are(en, "EDITOR'S NOTE — This story is part of a series. "
	                    "It runs weekly.\n\nRates rose.",
	                "note sentence"));
	CHECK(kinds_are(en, "Editor's note: It was updated. It had a wrong "
	                    "date.\nRates rose.", "note sentence"));
	CHECK(kinds_are(en, "Editor’s Note - It was updated.", "note"));
	CHECK(kinds_are(en, "Translator's note: the council is the city's.",
	                "note"));
	CHECK(kinds_are(en, "Ed. note: the council is the city's.", "note"));
	/* wrapped: the note goes on while a line does not end a sentence,
	 * or the next one starts in lower case */
	CHECK(expect(en, "Editor's note: This story was updated and it\nhad "
	                 "the wrong date. It is\nfixed.\nRates rose.",
	             "Editor's note: This story was updated and it had the "
	             "wrong date. It is fixed.", "Rates rose.", NULL));
	CHECK(kinds_are(en, "Editor's note: This story was updated and it\nhad "
	                    "the wrong date. It is\nfixed.\nRates rose.",
	                "note sentence"));
	CHECK(kinds_are(en, "EDITOR'S NOTE:\nThis story was updated.\n\nRates "
	                    "rose.", "note sentence"));
	CHECK(kinds_are(ko, "금리가 올랐다.\n\n[편집자 주] 이 기사는 시리즈의 "
	                    "일부입니다. 매주 연재됩니다.", "sentence note"));
	CHECK(expect(ko, "[편집자 주] 이 기사는 시리즈의 일부입니다. 매주 "
	                 "연재됩니다.",
	             "[편집자 주] 이 기사는 시리즈의 일부입니다. 매주 "
	             "연재됩니다.", NULL));
	CHECK(kinds_are(ko, "[역주] 부산항은 한국 최대의 항구다.", "note"));
	CHECK(kinds_are(ko, "[편집자주] 날짜를 바로잡았습니다.", "note"));
	CHECK(kinds_are(ko, "<편집자 주> 날짜를 바로잡았습니다.", "note"));
	/* ※ makes a marker line, but not before a note label */
	CHECK(kinds_are(ko, "※ 역주: 부산항은 한국 최대의 항구다.", "note"));
	CHECK(kinds_are(ko, "※ 제보는 카카오톡 okjebo", "marker"));
	CHECK(kinds_are(ko, "편집자 주 = 날짜를 바로잡았습니다.", "note"));
	CHECK(kinds_are(ko, "[※ 편집자 주 = 연합뉴스는 매주 연재합니다. 많은 "
	                    "관심 바랍니다.]", "note"));
	CHECK(kinds_are(ru, "Примечание редакции: дата исправлена.", "note"));
	CHECK(kinds_are(ru, "От редакции: дата исправлена. Приносим "
	                    "извинения.", "note"));
	CHECK(kinds_are(ru, "ОТ РЕДАКЦИИ — дата исправлена.", "note"));
	CHECK(kinds_are(ru, "Прим. пер.: Пусан — крупнейший порт Кореи.",
	                "note"));
	CHECK(kinds_are(ru, "Ставка выросла.\nПримечание переводчика: так в "
	                    "оригинале.", "sentence note"));
	/* guards: a label needs its separator and the start of a line */
	CHECK(kinds_are(en, "Editor's note said little.", "sentence"));
	CHECK(kinds_are(en, "Rates rose. Editor's note: none.",
	                "sentence sentence"));
	/* "Note:" is the writer's own, translated with the story */
	CHECK(kinds_are(en, "Note: the figures are provisional. Rates rose.",
	                "sentence sentence"));
	CHECK(kinds_are(ko, "역주를 펼친 그는 우승했다.", "sentence"));
	CHECK(kinds_are(ko, "역주행 논란이 일었다. 지역주민들이 모였다.",
	                "sentence sentence"));
	CHECK(kinds_are(ko, "(주)삼성전자가 발표했다.", "sentence"));
	CHECK(kinds_are(ru, "От редакции газеты пришёл ответ.", "sentence"));
	CHECK(kinds_are(ru, "Примечательно, что ставка выросла.", "sentence"));
}

/* End marks the agencies write besides (END) and (끝) (issue #18, item
 * 6), on a line of their own or after the last sentence of a line; the
 * same words in prose stay prose. */
static void
test_segment_more_end_marks(void)
{
	static const char *const en_marks[] = {
		"(ENDS)", "(END).", "/END/", "-0-", "ENDS", "END", "Enditem",
		"# # #", "- 30 -", "-ENDS-", "- ENDS -", "==Kyodo", "[End]",
	};
	static const char *const ko_marks[] = {
		"<끝>", "‹끝>", "(끝).", "〈끝〉", "（끝）", "끝.", "/끝/", "-끝-",
	};
	static const char *const ru_marks[] = {
		"Конец.", "КОНЕЦ", "— КОНЕЦ —", "/Конец/", "(Конец).", "-0-",
	};
	char buf[128];

	for (size_t i = 0; i < sizeof(en_marks) / sizeof(*en_marks); i++) {
		snprintf(buf, sizeof(buf), "Rates rose.\n%s", en_marks[i]);
		CHECK(kinds_are(en, buf, "sentence end"));
		snprintf(buf, sizeof(buf), "Rates rose.\n\n%s", en_marks[i]);
		CHECK(kinds_are(en, buf, "sentence end"));
		snprintf(buf, sizeof(buf), "Rates rose. %s", en_marks[i]);
		CHECK(kinds_are(en, buf, "sentence end"));
	}
	for (size_t i = 0; i < sizeof(ko_marks) / sizeof(*ko_marks); i++) {
		snprintf(buf, sizeof(buf), "금리가 올랐다.\n%s", ko_marks[i]);
		CHECK(kinds_are(ko, buf, "sentence end"));
		snprintf(buf, sizeof(buf), "금리가 올랐다. %s", ko_marks[i]);
		CHECK(kinds_are(ko, buf, "sentence end"));
	}
	for (size_t i = 0; i < sizeof(ru_marks) / sizeof(*ru_marks); i++) {
		snprintf(buf, sizeof(buf), "Ставка выросла.\n%s", ru_marks[i]);
		CHECK(kinds_are(ru, buf, "sentence end"));
		snprintf(buf, sizeof(buf), "Ставка выросла. %s", ru_marks[i]);
		CHECK(kinds_are(ru, buf, "sentence end"));
	}
	/* Xinhua's Russian service: the mark on the last sentence's line */
	CHECK(expect(ru, "Работа центра началась. -0-",
	             "Работа центра началась.", "-0-", NULL));
	/* Yonhap: the mark with the reporter's e-mail on one line */
	CHECK(expect(ko, "금리가 올랐다.\n(끝) kcs@yna.co.kr", "금리가 올랐다.",
	             "(끝)", "kcs@yna.co.kr", NULL));
	CHECK(kinds_are(ko, "금리가 올랐다.\n(끝) kcs@yna.co.kr",
	                "sentence end byline"));
	CHECK(expect(ko, "금리가 올랐다.\n김철수 기자 kcs@yna.co.kr (끝)",
	             "금리가 올랐다.", "김철수 기자 kcs@yna.co.kr", "(끝)",
	             NULL));
	CHECK(kinds_are(ko, "금리가 올랐다.\n김철수 기자 kcs@yna.co.kr (끝)",
	                "sentence byline end"));
	/* the end of a Reuters story: its byline, then the line that ends
	 * every story online; AP's rule before the writers' credit */
	CHECK(kinds_are(en, "Rates rose.\n(Reporting by Jane Doe in Seoul; "
	                    "Editing by John Smith)\n\nOur Standards: The "
	                    "Thomson Reuters Trust Principles.",
	                "sentence byline end"));
	CHECK(kinds_are(en, "Rates rose. Our Standards: The Thomson Reuters "
	                    "Trust Principles.", "sentence end"));
	CHECK(kinds_are(en, "Rates rose.\n\n___\n\nAP writer Kim in Seoul "
	                    "contributed.", "sentence marker sentence"));
	CHECK(kinds_are(en, "(Reporting by the team, the city said.) It rose.",
	                "sentence sentence"));
	/* after a line's last words: a mark in dashes or brackets needs no
	 * sentence end before it, a word does */
	CHECK(kinds_are(ru, "Ставка выросла — КОНЕЦ —", "sentence end"));
	CHECK(kinds_are(ko, "금리가 올랐다 〈끝〉", "sentence end"));
	CHECK(kinds_are(en, "This is the END", "headline"));
	CHECK(kinds_are(ru, "Ставка выросла Конец", "headline"));
	/* guards: the words in prose, a headline */
	CHECK(kinds_are(ru, "Конец войны близок. Все рады.",
	                "sentence sentence"));
	CHECK(kinds_are(ru, "Ставка выросла. Конец войны близок.",
	                "sentence sentence"));
	CHECK(kinds_are(en, "STRIKE ENDS AT HYUNDAI", "headline"));
	CHECK(kinds_are(en, "END OF AN ERA", "headline"));
	CHECK(kinds_are(en, "Strike ENDS today. Talks END.",
	                "sentence sentence"));
	CHECK(kinds_are(en, "He wrote (END) on the page.", "sentence"));
	CHECK(kinds_are(en, "The team went 5-0-0 this year.", "sentence"));
	CHECK(kinds_are(ko, "그는 끝까지 싸우겠다고 했다. 경기는 끝났다.",
	                "sentence sentence"));
	CHECK(kinds_are(ko, "끝까지 싸운다", "headline"));
}

static void
test_segment_presegmented(void)
{
	tm_segmenter_options o = TM_SEGMENTER_OPTIONS_INIT;
	tm_segmenter *p = NULL;

	o.flags = TM_SEG_FLAG_PRESEGMENTED;
	REQUIRE(tm_segmenter_new(&p, "en", &o) == TM_OK);
	CHECK(expect(p, "One. Two.\n Three\n\nFour", "One. Two.", "Three",
	             "Four", NULL));
	/* a line that is wholly furniture, a note or an end mark has that
	 * kind (tm_segment_kind()); nothing is split */
	CHECK(expect(p, "SEOUL, Nov. 26 (Yonhap) --\nIt fell.\n(END)",
	             "SEOUL, Nov. 26 (Yonhap) --", "It fell.", "(END)", NULL));
	CHECK(kind_of(p, "SEOUL, Nov. 26 (Yonhap) --\nIt fell.\n(END)", 0) ==
	      TM_SEG_DATELINE);
	CHECK(kind_of(p, "SEOUL, Nov. 26 (Yonhap) --\nIt fell.\n(END)", 1) ==
	      TM_SEG_SENTENCE);
	CHECK(kind_of(p, "SEOUL, Nov. 26 (Yonhap) --\nIt fell.\n(END)", 2) ==
	      TM_SEG_END);
	CHECK(expect(p, "SEOUL, Nov. 26 (Yonhap) -- It fell.",
	             "SEOUL, Nov. 26 (Yonhap) -- It fell.", NULL));
	CHECK(kind_of(p, "SEOUL, Nov. 26 (Yonhap) -- It fell.", 0) ==
	      TM_SEG_SENTENCE);
	tm_segmenter_free(p);
}

/* tm_segment_kind(): the kind of a text taken whole */
static void
test_segment_kind(void)
{
	static const struct {
		tm_segmenter **seg;
		const char *text;
		tm_seg_kind kind;
	} cases[] = {
	        {&en, "(END)", TM_SEG_END},
	        {&en, "  (END)  \r", TM_SEG_END},
	        {&ko, "(끝)", TM_SEG_END},
	        {&ko, "kcs@yna.co.kr (끝)", TM_SEG_END},
	        {&ko, "(끝) kcs@yna.co.kr", TM_SEG_END},
	        {&ko, "kcs@yna.co.kr", TM_SEG_BYLINE},
	        {&ko, "(서울=연합뉴스) 김민수 기자 =", TM_SEG_BYLINE},
	        {&ko, "(역주: 기준금리는 2023년 1월부터 동결돼 왔다.)",
	         TM_SEG_NOTE},
	        {&ru, "(Прим. пер.: ставка не менялась с января 2023 года.)",
	         TM_SEG_NOTE},
	        {&en, "SEOUL, Nov. 26 (Yonhap) --", TM_SEG_DATELINE},
	        {&ru, "СЕУЛ, 26 ноя — РИА Новости.", TM_SEG_DATELINE},
	        {&en, "***", TM_SEG_MARKER},
	        {&en, "Photo: Yonhap", TM_SEG_CREDIT},
	        /* prose: a dateline with its sentence, (END) inside */
	        {&en, "SEOUL, Nov. 26 (Yonhap) -- The bank cut its rate.",
	         TM_SEG_SENTENCE},
	        {&en, "Every story ends with (END) on a line of its own.",
	         TM_SEG_SENTENCE},
	        {&en, "It fell. (END)", TM_SEG_SENTENCE},
	        {&en, "BOK cuts key rate to 3.25 pct", TM_SEG_SENTENCE},
	        {&en, "", TM_SEG_SENTENCE},
	};
	tm_seg_kind k;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		k = TM_SEG_HEADLINE;
		CHECK(tm_segment_kind(&k, *cases[i].seg, cases[i].text,
		                      strlen(cases[i].text)) == TM_OK);
		if (k != cases[i].kind)
			printf("#   %s: %s, expected %s\n", cases[i].text,
			        tm_seg_kind_name(k),
			        tm_seg_kind_name(cases[i].kind));
		CHECK(k == cases[i].kind);
	}
	CHECK(tm_segment_kind(&k, en, "(END)\xff", 6) == TM_EUNICODE);
	CHECK(strstr(tm_errmsg(), "byte 5") != NULL);
	CHECK(k == TM_SEG_SENTENCE);
	CHECK(tm_segment_kind(NULL, en, "(END)", 5) == TM_EINVAL);
	CHECK(tm_segment_kind(&k, NULL, "(END)", 5) == TM_EINVAL);
	CHECK(tm_segment_kind(&k, en, NULL, 5) == TM_EINVAL);
	CHECK(tm_segment_kind(&k, en, NULL, 0) == TM_OK);
	/* other languages: the patterns know one side's forms only */
	{
		tm_segmenter *fr = NULL;

		REQUIRE(tm_segmenter_new(&fr, "fr", NULL) == TM_OK);
		CHECK(tm_segment_kind(&k, fr, "Photo : Jean Dupont", 19) ==
		      TM_OK);
		CHECK(k == TM_SEG_SENTENCE);
		CHECK(tm_segment_kind(&k, en, "Photo : Jean Dupont", 19) ==
		      TM_OK);
		CHECK(k == TM_SEG_CREDIT);
		tm_segmenter_free(fr);
	}
}

static void
test_segment_errors(void)
{
	tm_segmenter *s = NULL;
	tm_segment_list *list = NULL;

	CHECK(tm_segmenter_new(&s, "xx", NULL) == TM_EINVAL);
	CHECK(s == NULL);
	CHECK(tm_segmenter_new(&s, "not a tag", NULL) == TM_EINVAL);
	CHECK(tm_segment_text(&list, en, "ab\xff", 3) == TM_EUNICODE);
	CHECK(list == NULL);
	CHECK(strstr(tm_errmsg(), "byte 2") != NULL);
	/* Other languages ICU knows work without lists. */
	CHECK(tm_segmenter_new(&s, "de", NULL) == TM_OK);
	CHECK(expect(s, "Hallo Welt. Wie geht's?", "Hallo Welt.",
	             "Wie geht's?", NULL));
	tm_segmenter_free(s);
	tm_segmenter_free(NULL);
	tm_segment_list_free(NULL);
	CHECK(tm_segment_list_count(NULL) == 0);
}

/* Write @text to a new temporary file; returns its path (static). */
static const char *
write_temp(const char *text)
{
	static char path[64];
	int fd;
	FILE *f;

	snprintf(path, sizeof(path), "/tmp/tm-test-srx-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		return NULL;
	f = fdopen(fd, "w");
	if (!f)
		return NULL;
	fputs(text, f);
	fclose(f);
	return path;
}

#define SRX_DOC(cascade)                                                     \
        "<?xml version=\"1.0\"?>\n" \
        "<srx xmlns=\"http://www.lisa.org/srx20\" version=\"2.0\">\n" \
        "<header segmentsubflows=\"yes\" cascade=\"" cascade "\"/>\n" \
        "<body><languagerules>\n" \
        "<languagerule languagerulename=\"English\">\n" \
        "<rule break=\"no\"><beforebreak>\\bDr\\.</beforebreak>" \
        "<afterbreak>\\s</afterbreak></rule>\n" \
        "</languagerule>\n" \
        "<languagerule languagerulename=\"Default\">\n" \
        "<rule break=\"yes\"><beforebreak>[.?!]+</beforebreak>" \
        "<afterbreak>\\s</afterbreak></rule>\n" \
        "</languagerule>\n" \
        "</languagerules><maprules>\n" \
        "<languagemap languagepattern=\"[Ee][Nn].*\" " \
        "languagerulename=\"English\"/>\n" \
        "<languagemap languagepattern=\".*\" languagerulename=\"Default\"/>\n" \
        "</maprules></body></srx>\n"

static void
test_segment_srx(void)
{
	tm_segmenter_options o = TM_SEGMENTER_OPTIONS_INIT;
	tm_segmenter *s = NULL;
	char doc[2048], want[256];
	const char *path;

	snprintf(doc, sizeof(doc), "%s", SRX_DOC("yes"));
	path = write_temp(doc);
	REQUIRE(path);
	o.srx_path = path;
	/* Cascade: English vetoes "Dr.", Default breaks elsewhere. */
	REQUIRE(tm_segmenter_new(&s, "en", &o) == TM_OK);
	CHECK(expect(s, "Dr. Who came. He left! Fine", "Dr. Who came.",
	             "He left!", "Fine", NULL));
	tm_segmenter_free(s);
	/* Other languages get only the Default rules. */
	REQUIRE(tm_segmenter_new(&s, "de", &o) == TM_OK);
	CHECK(expect(s, "Dr. Who came.", "Dr.", "Who came.", NULL));
	tm_segmenter_free(s);
	remove(path);
	/* Without cascade only the first matching map applies: no break
	 * rule at all for English. */
	snprintf(doc, sizeof(doc), "%s", SRX_DOC("no"));
	path = write_temp(doc);
	REQUIRE(path);
	o.srx_path = path;
	REQUIRE(tm_segmenter_new(&s, "en", &o) == TM_OK);
	CHECK(expect(s, "Dr. Who came. He left.", "Dr. Who came. He left.",
	             NULL));
	tm_segmenter_free(s);
	remove(path);

	/* Malformed XML: file, line and column. */
	path = write_temp("<srx>\n<body>\n<languagerules></body></srx>\n");
	REQUIRE(path);
	o.srx_path = path;
	s = NULL;
	CHECK(tm_segmenter_new(&s, "en", &o) == TM_EPARSE);
	CHECK(s == NULL);
	snprintf(want, sizeof(want), "srx: %s:3:", path);
	CHECK(strncmp(tm_errmsg(), want, strlen(want)) == 0);
	remove(path);
	/* A bad regular expression names its line. */
	path = write_temp("<srx><body><languagerules>\n"
	                  "<languagerule languagerulename=\"a\">\n"
	                  "<rule><beforebreak>(x</beforebreak></rule>\n"
	                  "</languagerule></languagerules><maprules>"
	                  "<languagemap languagepattern=\".*\" "
	                  "languagerulename=\"a\"/></maprules></body></srx>");
	REQUIRE(path);
	o.srx_path = path;
	CHECK(tm_segmenter_new(&s, "en", &o) == TM_EPARSE);
	snprintf(want, sizeof(want), "srx: %s:3:1: bad regular expression",
	         path);
	CHECK(strncmp(tm_errmsg(), want, strlen(want)) == 0);
	remove(path);
	/* Not SRX at all, and a map to a missing rule set. */
	path = write_temp("<tmx/>");
	REQUIRE(path);
	o.srx_path = path;
	CHECK(tm_segmenter_new(&s, "en", &o) == TM_EPARSE);
	remove(path);
	path = write_temp("<srx><body><languagerules><languagerule "
	                  "languagerulename=\"a\"/></languagerules><maprules>"
	                  "<languagemap languagepattern=\".*\" "
	                  "languagerulename=\"b\"/></maprules></body></srx>");
	REQUIRE(path);
	o.srx_path = path;
	CHECK(tm_segmenter_new(&s, "en", &o) == TM_EPARSE);
	CHECK(strstr(tm_errmsg(), "unknown <languagerule>") != NULL);
	remove(path);
	o.srx_path = "/nonexistent/rules.srx";
	CHECK(tm_segmenter_new(&s, "en", &o) == TM_ENOTFOUND);
}

static void
test_segment_srx_real_files(void)
{
	const char *data = tm_test_shared_data();
	tm_segmenter_options o = TM_SEGMENTER_OPTIONS_INIT;
	static const char *const langs[] = {"en", "ru", "ko", "de", "fr",
	                                    "pl", "ja", "es"};
	char okapi[1024], lt[1024];
	tm_segmenter *s = NULL;

	if (!data) {
		SKIP("TM_SHARED_DATA absent");
	}
	snprintf(okapi, sizeof(okapi),
	         "%s/segmentation/srx/okapi_default_icu4j.srx", data);
	snprintf(lt, sizeof(lt),
	         "%s/segmentation/srx/languagetool_segment_2017_with_korean.srx",
	         data);
	/* Every language of both files compiles with ICU. */
	for (size_t i = 0; i < sizeof(langs) / sizeof(langs[0]); i++) {
		o.srx_path = okapi;
		CHECK(tm_segmenter_new(&s, langs[i], &o) == TM_OK);
		tm_segmenter_free(s);
		o.srx_path = lt;
		CHECK(tm_segmenter_new(&s, langs[i], &o) == TM_OK);
		tm_segmenter_free(s);
	}
	/* Okapi: ICU proposes, the English rules veto "Dr." and "Mr.". */
	o.srx_path = okapi;
	REQUIRE(tm_segmenter_new(&s, "en", &o) == TM_OK);
	CHECK(expect(s, "Mr. Holmes is here. Is Dr. Watson from there too?",
	             "Mr. Holmes is here.",
	             "Is Dr. Watson from there too?", NULL));
	tm_segmenter_free(s);
	/* LanguageTool's Korean rules. */
	o.srx_path = lt;
	REQUIRE(tm_segmenter_new(&s, "ko", &o) == TM_OK);
	CHECK(expect(s, "정부가 발표했다. 시장은 안정됐다.", "정부가 발표했다.",
	             "시장은 안정됐다.", NULL));
	tm_segmenter_free(s);
}

static void
test_segment_large(void)
{
	/* 4 MB of text with some paragraphs: every sentence comes back. */
	const char *unit = "The bank raised rates by 0.25 percentage point. "
	                   "Mr. Lee said so.\n";
	size_t ul = strlen(unit), reps = 40000, n = 0, sentences = 0;
	char *big = malloc(ul * reps + reps / 10 + 1);
	tm_segment_list *list = NULL;

	REQUIRE(big);
	for (size_t i = 0; i < reps; i++) {
		memcpy(big + n, unit, ul);
		n += ul;
		if (i % 10 == 9)
			big[n++] = '\n';
	}
	REQUIRE(tm_segment_text(&list, en, big, n) == TM_OK);
	sentences = tm_segment_list_count(list);
	CHECK(sentences == reps * 2);
	CHECK(tm_segment_list_get(list, sentences - 1)->paragraph ==
	      reps / 10 - 1);
	tm_segment_list_free(list);
	free(big);
}

int
main(void)
{
	if (tm_segmenter_new(&en, "en", NULL) != TM_OK ||
	    tm_segmenter_new(&ko, "ko", NULL) != TM_OK ||
	    tm_segmenter_new(&ru, "ru", NULL) != TM_OK) {
		printf("Bail out! %s\n", tm_errmsg());
		return 1;
	}
	RUN(test_segment_basic);
	RUN(test_segment_paragraphs);
	RUN(test_segment_english_abbreviations);
	RUN(test_segment_english_lists_ellipses);
	RUN(test_segment_russian);
	RUN(test_segment_korean);
	RUN(test_segment_furniture);
	RUN(test_segment_furniture_forms);
	RUN(test_segment_notes_and_end_marks);
	RUN(test_segment_note_labels);
	RUN(test_segment_more_end_marks);
	RUN(test_segment_presegmented);
	RUN(test_segment_kind);
	RUN(test_segment_errors);
	RUN(test_segment_srx);
	RUN(test_segment_srx_real_files);
	RUN(test_segment_large);
	tm_segmenter_free(en);
	tm_segmenter_free(ko);
	tm_segmenter_free(ru);
	return tm_test_done();
}
