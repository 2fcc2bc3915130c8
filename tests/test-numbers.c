/* SPDX-License-Identifier: MIT */
/* numbers.c: numbers as values, spans and notations across en, ko, ru,
 * and the substitution the lookup makes with them (white-box; tables). */
#include "tm-test.h"

#include <math.h>

#include "match-private.h"
#include "numbers-private.h"

/* The values found in @text, as a comparable string "v1 v2 ...". */
static const char *
vals(const char *text, const char *lang)
{
	static char buf[512];
	double v[16];
	size_t n = tm__numbers_extract(text, strlen(text),
	                               tm__numstyle_for(lang), v, 16);
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && i < 16; i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%.10g",
		                      i ? " " : "", v[i]);
	return buf;
}

/* Every number of @text: value, {span}, then a mark of its kind (% p y d
 * M o r f) and flags (~ approximate, w word, i in a word, ! malformed,
 * H too long, - range start). */
static const char *
describe(const char *text, const char *lang)
{
	static char buf[1024];
	static const char kinds[] = " %pydMorf";
	tm__nums nums = { 0 };
	size_t o = 0;

	buf[0] = '\0';
	if (tm__numbers_scan(&nums, text, strlen(text),
	                     tm__numstyle_for(lang)) < 0)
		return "(oom)";
	for (size_t i = 0; i < nums.n && o < sizeof(buf) - 128; i++) {
		const tm__num *x = &nums.v[i];

		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%.10g{%.*s}",
		                      i ? " " : "", x->value, (int)x->len,
		                      text + x->off);
		if (x->kind)
			buf[o++] = kinds[x->kind];
		if (x->flags & TM__NUMF_APPROX)
			buf[o++] = '~';
		if (x->flags & TM__NUMF_WORD)
			buf[o++] = 'w';
		if (x->flags & TM__NUMF_INWORD)
			buf[o++] = 'i';
		if (x->flags & TM__NUMF_ODD)
			buf[o++] = '!';
		if (x->flags & TM__NUMF_HUGE)
			buf[o++] = 'H';
		if (x->flags & TM__NUMF_RANGE)
			buf[o++] = '-';
		buf[o] = '\0';
	}
	tm__nums_dispose(&nums);
	return buf;
}

/* A matching key read as the lookup reads it. */
static int
read_key(tm__numtext *t, const char *text, const char *lang)
{
	return tm__numtext_read_text(t, text, tm__numstyle_for(lang)) == TM_OK;
}

/* What the lookup proposes for query @q against stored source @s (both
 * in @sl) with target @t (in @tl): "+" or "-" (whether the two differ
 * only in numbers), then the new target, "=" (no value differs) or "?"
 * (not certain: nothing put in). */
static const char *
propose(const char *sl, const char *q, const char *s, const char *tl,
        const char *t)
{
	static char buf[1024];
	tm__numtext qt = { 0 }, st = { 0 };
	tm__numsub res;
	char *out = NULL;

	snprintf(buf, sizeof(buf), "(error)");
	if (read_key(&qt, q, sl) && read_key(&st, s, sl) &&
	    tm__numbers_propose(&res, &out, &qt, &st, t, tl) == TM_OK)
		snprintf(buf, sizeof(buf), "%c%s",
		         tm__numtext_same_words(&qt, &st) ? '+' : '-',
		         res == TM__NUMSUB_DONE ? out :
		         res == TM__NUMSUB_SAME ? "=" : "?");
	free(out);
	tm__numtext_dispose(&qt);
	tm__numtext_dispose(&st);
	return buf;
}

/* @value written like the first number of @like (language @lang). */
static const char *
write_like(double value, const char *like, const char *lang)
{
	static char buf[128];
	tm__nums nums = { 0 };

	snprintf(buf, sizeof(buf), "(no number)");
	if (tm__numbers_scan(&nums, like, strlen(like),
	                     tm__numstyle_for(lang)) == TM_OK && nums.n &&
	    !tm__numbers_write(buf, sizeof(buf), value, &nums.v[0], like, lang,
	                       0))
		snprintf(buf, sizeof(buf), "(cannot)");
	tm__nums_dispose(&nums);
	return buf;
}

static size_t ncases;

static void
test_numbers_plain(void)
{
	CHECK_STR(vals("It rose 5 points to 123.", "en"), "5 123");
	CHECK_STR(vals("no numbers here", "en"), "");
	CHECK_STR(vals("", "ru"), "");
}

static void
test_numbers_decimal_marks(void)
{
	CHECK_STR(vals("3.5 percent", "en"), "3.5");
	CHECK_STR(vals("3,5%", "ru"), "3.5");
	CHECK_STR(vals("3,500 people", "en"), "3500");
	CHECK_STR(vals("1 896 трлн", "ru"), "1.896e+15");
	CHECK_STR(vals("1,384.5 won", "en"), "1384.5");
	CHECK_STR(vals("1384,5 вон", "ru"), "1384.5");
	/* the other mark, not followed by three digits, is a decimal too */
	CHECK_STR(vals("3,25%", "en"), "3.25");
	CHECK_STR(vals("3.25%", "ru"), "3.25");
	CHECK_STR(vals("3.500 Meter", "de"), "3500");
}

static void
test_numbers_magnitudes(void)
{
	CHECK_STR(vals("$300 million", "en"), "300000000");
	CHECK_STR(vals("3.5 million", "en"), "3500000");
	CHECK_STR(vals("$1.2bn", "en"), "1200000000");
	CHECK_STR(vals("300 млн долларов", "ru"), "300000000");
	CHECK_STR(vals("3,5 млрд", "ru"), "3500000000");
	CHECK_STR(vals("12 тыс. человек", "ru"), "12000");
	CHECK_STR(vals("два миллиона", "ru"), "");
	CHECK_STR(vals("2 миллиона", "ru"), "2000000");
	CHECK_STR(vals("3 Millionen", "de"), "3000000");
}

static void
test_numbers_korean(void)
{
	CHECK_STR(vals("3억 달러", "ko"), "300000000");
	CHECK_STR(vals("16개월", "ko"), "16");
	CHECK_STR(vals("300만 명", "ko"), "3000000");
	CHECK_STR(vals("1조2000억원", "ko"), "1.2e+12");
	CHECK_STR(vals("3억 5천만", "ko"), "350000000");
	CHECK_STR(vals("1만2천800가구", "ko"), "12800");
	CHECK_STR(vals("1천896조원", "ko"), "1.896e+15");
	CHECK_STR(vals("5천만", "ko"), "50000000");
	CHECK_STR(vals("3천400여명", "ko"), "3400");
	CHECK_STR(vals("11월 27일", "ko"), "11 27");
}

static void
test_numbers_compounds_and_dates(void)
{
	CHECK_STR(vals("a 16-month high", "en"), "16");
	CHECK_STR(vals("16-месячного", "ru"), "16");
	CHECK_STR(vals("on Nov. 27", "en"), "11 27");
	CHECK_STR(vals("27 ноября", "ru"), "27 11");
	CHECK_STR(vals("9. September 1988", "de"), "9 9 1988");
	CHECK_STR(vals("9 septembre 1988", "fr"), "9 9 1988");
	/* month words only as whole words */
	CHECK_STR(vals("Octopus and Decimal", "en"), "");
}

static void
test_numbers_fractions(void)
{
	/* "about a third" = "약 3분의 1" = "около трети" */
	CHECK_STR(vals("about a third of exports", "en"), "0.3333333333");
	CHECK_STR(vals("약 3분의 1을 차지한다", "ko"), "0.3333333333");
	CHECK_STR(vals("3분의2", "ko"), "0.6666666667");
	CHECK_STR(vals("около трети экспорта", "ru"), "0.3333333333");
	CHECK_STR(vals("Треть экспорта", "ru"), "0.3333333333");
	CHECK_STR(vals("две трети", "ru"), "0.6666666667");
	CHECK_STR(vals("half of them", "en"), "0.5");
	CHECK_STR(vals("ein Drittel", "de"), "0.3333333333");
	CHECK_STR(vals("un tiers", "fr"), "0.3333333333");
	/* ordinals and "half" alone are no fractions */
	CHECK_STR(vals("the third quarter, second half", "en"), "");
	CHECK_STR(vals("третий квартал", "ru"), "");
	CHECK_STR(vals("3분기", "ko"), "3");
}

static void
test_numbers_styles(void)
{
	CHECK(tm__numstyle_for("en") == TM__NUM_DOT);
	CHECK(tm__numstyle_for("ko") == TM__NUM_DOT);
	CHECK(tm__numstyle_for("ru") == TM__NUM_COMMA);
	CHECK(tm__numstyle_for("ru-RU") == TM__NUM_COMMA);
	CHECK(tm__numstyle_for("de") == TM__NUM_COMMA);
	CHECK(tm__numstyle_for(NULL) == TM__NUM_DOT);
}

static void
test_numbers_cap(void)
{
	double v[2];

	CHECK(tm__numbers_extract("1 2 3 4", 7, TM__NUM_DOT, v, 2) == 4);
	CHECK(v[0] == 1 && v[1] == 2);
	/* a lone byte of a broken sequence does not run off the end */
	CHECK(tm__numbers_extract("5\xe2", 2, TM__NUM_DOT, v, 2) == 1);
}

/* --- words read loosely (for the check) -------------------------------- */

static const struct loose_case {
	const char *word;
	double value; /* 0: not a number word */
	bool cardinal;
	double mag;   /* tm__numbers_word_mag() */
} loose_cases[] = {
	{ "two", 2, true, 0 },
	{ "twenty", 20, true, 0 },
	{ "one", 1, false, 0 },          /* a pronoun too */
	{ "third", 3, false, 0 },        /* an ordinal */
	{ "half", 0.5, false, 0 },
	{ "twice", 2, false, 0 },
	{ "thousand", 1e3, false, 1e3 }, /* a bare magnitude word */
	{ "million", 1e6, false, 1e6 },
	{ "trillion", 0, false, 1e12 },
	{ "decades", 0, false, 10 },
	{ "три", 3, true, 0 },
	{ "двух", 2, true, 0 },
	{ "одна", 1, false, 0 },
	{ "тысячу", 1e3, false, 0 },
	{ "миллиардов", 0, false, 1e9 },
	{ "people", 0, false, 0 },
	{ "", 0, false, 0 },
};

static const struct sino_case {
	const char *text;
	size_t len; /* bytes read, 0: none */
	double value;
} sino_cases[] = {
	{ "일만 년", 6, 1e4 },
	{ "삼천 명", 6, 3000 },
	{ "이십오 세", 9, 25 },
	{ "오억", 6, 5e8 },
	{ "삼십만", 9, 3e5 },
	{ "일", 0, 0 },        /* a digit alone: a word (day, work) */
	{ "만", 0, 0 },        /* a unit alone */
	{ "이삼천", 0, 0 },    /* two digits in a row */
	{ "삼천명", 0, 0 },    /* not the whole word */
	{ "사천만원", 0, 0 },
};

static const struct native_case {
	const char *text;
	size_t len;
	int value;
} native_cases[] = {
	{ "두 골", 3, 2 },
	{ "다섯 경기", 6, 5 },
	{ "스무 살", 6, 20 },
	{ "쉰 번", 3, 50 },
	{ "두", 0, 0 },      /* no word after it */
	{ "두번", 0, 0 },    /* not a word of its own */
	{ "세금", 0, 0 },
};

static void
test_numbers_loose_table(void)
{
	for (size_t i = 0; i < TM_ARRAY_SIZE(native_cases); i++) {
		const struct native_case *c = &native_cases[i];
		size_t n = 0;

		CHECK(tm__numbers_ko_native(c->text, strlen(c->text), &n) ==
		      c->value);
		CHECK(n == c->len);
		ncases++;
	}
	for (size_t i = 0; i < TM_ARRAY_SIZE(loose_cases); i++) {
		const struct loose_case *c = &loose_cases[i];
		double v = 0;
		bool card = false;
		bool is = tm__numbers_word(c->word, &v, &card);

		CHECK(is == (c->value != 0));
		if (is) {
			CHECK(v == c->value);
			CHECK(card == c->cardinal);
		}
		CHECK(tm__numbers_word_mag(c->word) == c->mag);
		ncases++;
	}
	/* month names as whole words, for the name check */
	CHECK(tm__numbers_en_month("December", 8) == 12);
	CHECK(tm__numbers_en_month("Sept", 4) == 9);
	CHECK(tm__numbers_en_month("May", 3) == 5);
	CHECK(tm__numbers_en_month("MARCH", 5) == 3);
	CHECK(tm__numbers_en_month("Marching", 8) == 0);
	CHECK(tm__numbers_en_month("Mayor", 5) == 0);
	CHECK(tm__numbers_en_month("Decimal", 7) == 0);
	ncases += 7;
	for (size_t i = 0; i < TM_ARRAY_SIZE(sino_cases); i++) {
		const struct sino_case *c = &sino_cases[i];
		double v = 0;

		CHECK(tm__numbers_ko_sino(c->text, strlen(c->text), &v) ==
		      c->len);
		if (c->len)
			CHECK(v == c->value);
		ncases++;
	}
}

#define NBSP "\xc2\xa0"
#define THIN "\xe2\x80\x89"
#define NNBSP "\xe2\x80\xaf"

/* --- reading: what a number is ---------------------------------------- */

static const struct parse_case {
	const char *lang, *text, *want;
} parse_cases[] = {
	/* English */
	{ "en", "It rose 5 points to 123.", "5{5} 123{123}" },
	{ "en", "It paid $350m for it.", "350000000{350m}" },
	{ "en", "a $1.2bn deal", "1200000000{1.2bn}" },
	{ "en", "2bn won", "2000000000{2bn}" },
	{ "en", "20k runners", "20000{20k}" },
	{ "en", "1.2 million people", "1200000{1.2 million}" },
	{ "en", "350 million dollars", "350000000{350 million}" },
	{ "en", "1.25 billion", "1250000000{1.25 billion}" },
	{ "en", "12 thousand", "12000{12 thousand}" },
	{ "en", "2 trillion won", "2e+12{2 trillion}" },
	{ "en", "3,500 people", "3500{3,500}" },
	{ "en", "1,384.5 won", "1384.5{1,384.5}" },
	{ "en", "1,234,567 votes", "1234567{1,234,567}" },
	{ "en", "rose 5%", "5{5}%" },
	{ "en", "rose 5 percent", "5{5}%" },
	{ "en", "rose 5 per cent", "5{5}%" },
	{ "en", "by 0.25 percentage points", "0.25{0.25}p" },
	{ "en", "10-20 people", "10{10}- 20{20}r" },
	/* the first of two numbers shares the second's magnitude word */
	{ "en", "4.2-3.9 million", "4200000{4.2}- 3900000{3.9 million}r" },
	{ "en", "2 to 4 million", "2000000{2} 4000000{4 million}" },
	{ "en", "in 2019-20 million", "2019{2019}y- 20000000{20 million}r" },
	{ "en", "5 to 4.5 percent", "5{5} 4.5{4.5}%" },
	{ "en", "10–20 people", "10{10}- 20{20}r" },
	{ "en", "in 2019-2020", "2019{2019}y- 2020{2020}r" },
	{ "en", "the 1st round", "1{1st}o" },
	{ "en", "the 22nd time", "22{22nd}o" },
	{ "en", "the 23rd", "23{23rd}o" },
	{ "en", "the 11th hour", "11{11th}o" },
	{ "en", "in 2022", "2022{2022}y" },
	{ "en", "about 300 people", "300{300}~" },
	{ "en", "around $5 million", "5000000{5 million}~" },
	{ "en", "approximately 40%", "40{40}%~" },
	{ "en", "on Nov. 27", "11{Nov}Mw 27{27}d" },
	{ "en", "December 19, 2022", "12{December}Mw 19{19}d 2022{2022}y" },
	/* a month's case says whether it is one (not in a folded key) */
	{ "en", "they march on", "" },
	{ "en", "prices may rise 5%", "5{5}%" },
	{ "en", "on March 3", "3{March}Mw 3{3}d" },
	{ "en", "on May 21", "5{May}Mw 21{21}d" },
	{ "en", "on 21 May 2020", "21{21}d 5{May}Mw 2020{2020}y" },
	{ "en", "May rose 5%", "5{5}%" },
	{ "en", "the G7 summit", "7{7}i" },
	{ "en", "5kg of rice", "5{5kg}" },
	{ "en", "the 100m sprint", "100{100m}" },
	{ "en", "a 4x4 truck", "4{4}i 4{4}i" },
	{ "en", "COVID19", "19{19}i" },
	{ "en", "two thirds of them", "0.6666666667{two thirds}fw" },
	{ "en", "Seventeen people died", "17{Seventeen}w" },
	{ "en", "twenty-five and someone", "" },
	{ "en", "1,23,4", "1.23{1,23}! 4{4}!" },
	{ "ru", "от 16.02.2009", "16.02{16.02}! 2009{2009}y!" },
	{ "en", "10^30", "10{10}! 30{30}!" },
	{ "en", "1234567890123456789012345678901234567890 atoms",
	  "1.23456789e+39{1234567890123456789012345678901234567890}H" },
	{ "en", "no numbers here", "" },
	{ "en", "", "" },
	{ "en", "!!! ... ???", "" },
	/* Korean */
	{ "ko", "5만8천300원", "58300{5만8천300}" },
	{ "ko", "1천896조원", "1.896e+15{1천896조}" },
	{ "ko", "3억5천만 달러", "350000000{3억5천만}" },
	{ "ko", "3억 5천만 달러", "350000000{3억 5천만}" },
	/* spaces inside a Korean number */
	{ "ko", "22 억 5 천만 달러", "2250000000{22 억 5 천만}" },
	{ "ko", "7만 6천 명", "76000{7만 6천}" },
	{ "ko", "37만 5,000 명", "375000{37만 5,000}" },
	{ "ko", "1억 4천 2백만 원", "142000000{1억 4천 2백만}" },
	{ "ko", "3천 5백 명", "3500{3천 5백}" },
	{ "ko", "10 만에 처음", "10{10}" },
	{ "ko", "2만 5 명", "20000{2만} 5{5}" },
	{ "ko", "1조2천억원", "1.2e+12{1조2천억}" },
	{ "ko", "1조2000억원", "1.2e+12{1조2000억}" },
	{ "ko", "1.5억 달러", "150000000{1.5억}" },
	{ "ko", "2만 명", "20000{2만}" },
	{ "ko", "350만 톤", "3500000{350만}" },
	{ "ko", "1천200명", "1200{1천200}" },
	{ "ko", "1만2800가구", "12800{1만2800}" },
	{ "ko", "1만2천800가구", "12800{1만2천800}" },
	{ "ko", "약 3천400여명", "3400{3천400}~" },
	{ "ko", "8천 여명의 팬", "8000{8천}~" },
	{ "ko", "8천 여성", "8000{8천}" },
	{ "ko", "세 발을 쐈다", "3{세}w" },
	{ "ko", "두 곳에서", "2{두}w" },
	{ "ko", "한 명이", "1{한}w" },
	{ "ko", "열 차례", "10{열}w" },
	{ "ko", "세 대학", "" },
	{ "ko", "세금", "" },
	{ "ko", "12월 19일", "12{12}d 19{19}d" },
	{ "ko", "2022년", "2022{2022}y" },
	{ "ko", "4년 동안", "4{4}" },
	{ "ko", "998년", "998{998}" },
	{ "ko", "0.25%포인트", "0.25{0.25}p" },
	{ "ko", "0.25%p", "0.25{0.25}p" },
	{ "ko", "5퍼센트", "5{5}%" },
	{ "ko", "3분의 1", "0.3333333333{3분의 1}fw" },
	{ "ko", "제3차", "3{3}o" },
	{ "ko", "10~20명", "10{10}- 20{20}r" },
	{ "ko", "1,200명", "1200{1,200}" },
	{ "ko", "16개월", "16{16}" },
	/* Russian */
	{ "ru", "74 500 руб.", "74500{74 500}" },
	{ "ru", "74" NBSP "500 руб.", "74500{74" NBSP "500}" },
	{ "ru", "74" THIN "500 руб.", "74500{74" THIN "500}" },
	{ "ru", "74" NNBSP "500 руб.", "74500{74" NNBSP "500}" },
	{ "ru", "1 896 трлн руб.", "1.896e+15{1 896 трлн}" },
	{ "ru", "3,5 млрд", "3500000000{3,5 млрд}" },
	{ "ru", "12 тыс. человек", "12000{12 тыс}" },
	{ "ru", "2 миллиона", "2000000{2 миллиона}" },
	{ "ru", "5 миллиардов", "5000000000{5 миллиардов}" },
	{ "ru", "1,2 тысячи", "1200{1,2 тысячи}" },
	{ "ru", "с 3 миллионами", "3000000{3 миллионами}" },
	{ "ru", "3,5%", "3.5{3,5}%" },
	{ "ru", "5 процентов", "5{5}%" },
	{ "ru", "0,25 п.п.", "0.25{0,25}p" },
	{ "ru", "на 0,5 процентного пункта", "0.5{0,5}p" },
	{ "ru", "27 ноября", "27{27}d 11{ноября}Mw" },
	{ "ru", "5-й тур", "5{5-й}o" },
	{ "ru", "5 или 6 тысяч", "5000{5} 6000{6 тысяч}" },
	{ "ru", "25-тысячную толпу", "25000{25-тысячную}" },
	{ "ru", "2-миллионный город", "2000000{2-миллионный}" },
	{ "ru", "5-тыс", "5{5}" },
	{ "ru", "фильм Мартина Скорсезе", "" },
	{ "ru", "Мая Плисецкая", "" },
	{ "ru", "в марте 2020", "3{марте}Mw 2020{2020}y" },
	{ "ru", "Март 2020", "3{Март}Mw 2020{2020}y" },
	{ "ru", "27 Ноября", "27{27}d 11{Ноября}Mw" },
	{ "ru", "около 300 человек", "300{300}~" },
	{ "ru", "примерно 40%", "40{40}%~" },
	{ "ru", "Примерно 40%", "40{40}%~" },
	{ "ru", "порядка 5 млн", "5000000{5 млн}~" },
	{ "ru", "приблизительно 12 тыс.", "12000{12 тыс}~" },
	/* a bound, not an approximation (docs/numbers.md) */
	{ "ru", "почти 300 человек", "300{300}" },
	{ "en", "nearly 300 people", "300{300}" },
	{ "ko", "거의 300명", "300{300}" },
	{ "ru", "1.234,5", "1234.5{1.234,5}" },
	{ "ru", "16-месячного", "16{16}" },
	{ "ru", "в 2022 году", "2022{2022}y" },
	{ "ru", "12\xd0\x97" "4 штуки", "12{12}i 4{4}i" }, /* Cyrillic З */
	{ "ru", "в 12 150 домах", "12150{12 150}" },
	{ "ru", "2022 150", "2022{2022}y 150{150}" },
	/* other scripts: not read as digits */
	{ "en", "\xef\xbc\x91\xef\xbc\x92", "" },          /* fullwidth 12 */
	{ "en", "1\xd9\xa2" "3", "1{1} 3{3}" },            /* 1٢3 */
};

static void
test_numbers_parse_table(void)
{
	for (size_t i = 0; i < TM_ARRAY_SIZE(parse_cases); i++) {
		const struct parse_case *c = &parse_cases[i];

		CHECK_STR(describe(c->text, c->lang), c->want);
		ncases++;
	}
}

/* --- the notation a number keeps ------------------------------------ */

static const tm__num *
first_num(tm__nums *nums, const char *text, const char *lang)
{
	if (tm__numbers_scan(nums, text, strlen(text),
	                     tm__numstyle_for(lang)) < 0 || !nums->n)
		return NULL;
	return &nums->v[0];
}

static void
test_numbers_notation(void)
{
	tm__nums nums = { 0 };
	const tm__num *x;

	REQUIRE((x = first_num(&nums, "74" NBSP "500 руб.", "ru")));
	CHECK(x->note.group == 0xa0 && x->note.how == TM__NUMH_DIGITS);
	REQUIRE((x = first_num(&nums, "1 896,5 трлн", "ru")));
	CHECK(x->note.group == ' ' && x->note.dec == ',' &&
	      x->note.decimals == 1 && x->note.how == TM__NUMH_MAG &&
	      x->note.mag == 1e12);
	CHECK(x->note.word_len == strlen(" трлн"));
	REQUIRE((x = first_num(&nums, "5만8천300원", "ko")));
	CHECK(x->note.how == TM__NUMH_KO_UNITS &&
	      (x->note.ko & TM__NUMKO_THOUSAND));
	REQUIRE((x = first_num(&nums, "1조2000억원", "ko")));
	CHECK(x->note.how == TM__NUMH_KO_UNITS &&
	      (x->note.ko & TM__NUMKO_DIGITS));
	REQUIRE((x = first_num(&nums, "3억 5천만", "ko")));
	CHECK(x->note.ko & TM__NUMKO_SPACED);
	REQUIRE((x = first_num(&nums, "1.5억", "ko")));
	CHECK(x->note.how == TM__NUMH_MAG && x->note.mag == 1e8 &&
	      x->dig_len == 3);
	REQUIRE((x = first_num(&nums, "$350m", "en")));
	CHECK(x->note.how == TM__NUMH_MAG && x->note.word_len == 1);
	REQUIRE((x = first_num(&nums, "3 миллиона", "ru")));
	CHECK(x->note.ru != 0);
	REQUIRE((x = first_num(&nums, "두 곳", "ko")));
	CHECK(x->note.how == TM__NUMH_KO_NATIVE);
	tm__nums_dispose(&nums);
}

/* --- writing a value in a stored number's notation ------------------- */

static const struct write_case {
	const char *lang, *like;
	double value;
	const char *want;
} write_cases[] = {
	{ "ko", "3억5천만 달러", 420e6, "4억2천만" },
	{ "ko", "3억5천만 달러", 4e8, "4억" },
	{ "ko", "3억5천만 달러", 1.2e12, "1조2천억" },
	{ "ko", "6만원", 58300, "5만8천300" },
	{ "ko", "6만원", 60000, "6만" },
	{ "ko", "6만원", 8300, "8천300" },
	{ "ko", "6만원", 500, "500" },
	{ "ko", "120만명", 1.2e6, "120만" },
	{ "ko", "120만명", 1.25e6, "125만" },
	{ "ko", "1천896조원", 1.9e15, "1천900조" },
	{ "ko", "1천200명", 1500, "1천500" },
	{ "ko", "1천200명", 1.2e6, "120만" },
	{ "ko", "1조2000억원", 1.5e12, "1조5000억" },
	{ "ko", "1만2800가구", 12900, "1만2900" },
	{ "ko", "3억 5천만", 4.2e8, "4억 2천만" },
	{ "ko", "3억 5천만", 1.23456789e8, "1억 2천345만 6천789" },
	{ "ko", "1.5억", 1.6e8, "1.6억" },
	{ "ko", "1.5억", 1.25e8, "1.25억" },
	{ "ko", "1.5억", 123456789, "1억2천345만6천789" },
	{ "ko", "1.5억", 1.5e12, "1조5천억" },
	{ "ko", "세 발", 4, "네" },
	{ "ko", "두 곳", 10, "열" },
	{ "ko", "두 곳", 1, "한" },
	{ "ko", "두 곳", 12, "(cannot)" },
	{ "ko", "1,200명", 1500000, "1,500,000" },
	{ "ko", "1200명", 1500000, "1500000" },
	{ "ko", "7,000억 달러", 7.01e11, "7,010억" },
	{ "en", "400mm of rain", 401, "401mm" },
	{ "en", "at 9AM", 10, "10AM" },
	{ "ko", "2022년", 2023, "2023" },
	{ "ko", "3.2%", 5.5, "5.5" },
	{ "ko", "3%", 3.25, "3.25" },
	{ "ko", "6만원", 0.5, "(cannot)" },
	{ "en", "$350 million", 420e6, "420 million" },
	{ "en", "$350 million", 1.2e9, "1.2 billion" },
	{ "en", "$350 million", 1.25e9, "1.25 billion" },
	{ "en", "$1,200 million", 1.25e9, "1,250 million" },
	{ "en", "$2 billion", 5e8, "500 million" },
	{ "en", "$350 Million", 1.2e9, "1.2 Billion" },
	{ "en", "$350m", 420e6, "420m" },
	{ "en", "$350m", 1.5e9, "1.5bn" },
	{ "en", "2bn", 2.5e9, "2.5bn" },
	{ "en", "20k", 25000, "25k" },
	{ "en", "1.2 million", 1234567, "(cannot)" },
	{ "en", "3.50 million", 4.2e6, "4.2 million" },
	{ "en", "350", 4200, "4,200" },
	{ "en", "1,500", 1200, "1,200" },
	{ "en", "1500", 1200, "1200" },
	{ "en", "1,500", 1234567.5, "1,234,567.5" },
	{ "en", "in 2022", 2023, "2023" },
	{ "en", "the 1st", 2, "2nd" },
	{ "en", "the 1st", 3, "3rd" },
	{ "en", "the 1st", 11, "11th" },
	{ "en", "the 1st", 21, "21st" },
	{ "en", "the 2nd", 112, "112th" },
	{ "en", "1,23,4", 5, "(cannot)" },
	{ "en", "G7", 8, "(cannot)" },
	{ "en", "3.5", 1e20, "(cannot)" },
	{ "ru", "74 500 руб.", 74800, "74 800" },
	{ "ru", "74" NBSP "500 руб.", 1234567, "1" NBSP "234" NBSP "567" },
	{ "ru", "74" THIN "500 руб.", 80000, "80" THIN "000" },
	{ "ru", "1500 человек", 1200, "1200" },
	{ "ru", "150 человек", 12000, "12 000" },
	{ "ru", "150 человек", 1200, "1200" },
	{ "ru", "3,5 млрд", 1.25e9, "1,25 млрд" },
	{ "ru", "1 млрд", 1.25e9, "1,25 млрд" },
	{ "ru", "350 млн долларов", 1.2e9, "1,2 млрд" },
	{ "ru", "1200 млн", 1.25e9, "1250 млн" },
	{ "ru", "2 млрд", 5e8, "500 млн" },
	{ "ru", "7 млрд руб.", 0, "0 млрд" },
	{ "ru", "12 тыс. человек", 15000, "15 тыс" },
	{ "ru", "12 тыс. человек", 1.5e6, "1,5 млн" },
	{ "ru", "1 896 трлн", 1.9e15, "1 900 трлн" },
	{ "ru", "3 миллиона", 5e6, "5 миллионов" },
	{ "ru", "3 миллиона", 1e6, "1 миллион" },
	{ "ru", "3 миллиона", 21e6, "21 миллион" },
	{ "ru", "3 миллиона", 22e6, "22 миллиона" },
	{ "ru", "3 миллиона", 11e6, "11 миллионов" },
	{ "ru", "3 миллиона", 2.5e6, "2,5 миллиона" },
	{ "ru", "3 миллиона", 1.5e9, "1,5 миллиарда" },
	{ "ru", "5 миллиардов", 2e9, "2 миллиарда" },
	{ "ru", "3 тысячи", 5000, "5 тысяч" },
	{ "ru", "3 тысячи", 1000, "1 тысяча" },
	{ "ru", "3 тысячи", 2500, "2,5 тысячи" },
	{ "ru", "3 тысячи", 3e6, "3 миллиона" },
	{ "ru", "с 3 миллионами", 5e6, "5 миллионами" },
	{ "ru", "с 3 миллионами", 5e9, "(cannot)" },
	{ "ru", "3,5%", 3.75, "3,75" },
	{ "ru", "3%", 3.5, "3,5" },
	{ "ru", "5-й тур", 6, "6-й" },
	{ "ru", "в 2022 году", 2023, "2023" },
	{ "en", "six Libraries of Congress", 7, "seven" },
	{ "en", "Seventeen people", 18, "Eighteen" },
	{ "en", "one shot", 2, "(cannot)" },
	{ "en", "two shots", 1, "(cannot)" },
	{ "en", "two shots", 21, "(cannot)" },
	{ "ko", "7만 6천 명", 77000, "7만 7천" },
	{ "ko", "37만 5,000 명", 380000, "38만" },
	{ "ko", "37만 5,000 명", 376000, "37만 6000" },
	{ "ko", "1억 4천 2백만 원", 1.5e8, "1억 5천만" },
	{ "ko", "22 억 5 천만 달러", 2.3e9, "23억" },
	{ "en", "4.2-3.9 million", 4.5e6, "4.5" },
	{ "ru", "5 или 6 тысяч", 7000, "7" },
	{ "ru", "25-тысячную толпу", 30000, "30-тысячную" },
	{ "en", "December 19", 11, "November" },
	{ "en", "on Nov. 27", 12, "Dec" },
	{ "en", "DECEMBER", 1, "January" },
	{ "en", "December 19", 13, "(cannot)" },
	{ "ru", "ноября 2022", 12, "декабря" },
	{ "ru", "в ноябре", 3, "марте" },
	{ "ru", "Март 2020", 5, "Май" },
	{ "ru", "августа", 1, "января" },
	{ "ru", "с ноябрями", 1, "(cannot)" },
};

static void
test_numbers_write_table(void)
{
	for (size_t i = 0; i < TM_ARRAY_SIZE(write_cases); i++) {
		const struct write_case *c = &write_cases[i];

		CHECK_STR(write_like(c->value, c->like, c->lang), c->want);
		ncases++;
	}
}

/* --- substitution, every direction ---------------------------------- */

static const struct subst_case {
	const char *sl, *q, *s, *tl, *t, *want;
} subst_cases[] = {
	/* en -> ko */
	{ "en", "Exports reached 4.2 million tons in 2023.",
	  "Exports reached 3.5 million tons in 2022.", "ko",
	  "2022년 수출은 350만 톤에 달했다.",
	  "+2023년 수출은 420만 톤에 달했다." },
	{ "en", "It paid $420 million.", "It paid $350 million.", "ko",
	  "3억5천만 달러를 지불했다.", "+4억2천만 달러를 지불했다." },
	{ "en", "1.2 million people came.", "1 million people came.", "ko",
	  "100만명이 왔다.", "+120만명이 왔다." },
	{ "en", "1,200 people died.", "1,500 people died.", "ko",
	  "1천500명이 숨졌다.", "+1천200명이 숨졌다." },
	{ "en", "It costs 58,300 won.", "It costs 60,000 won.", "ko",
	  "6만원이 든다.", "+5만8천300원이 든다." },
	{ "en", "Debt hit 1,896 trillion won.", "Debt hit 1,800 trillion won.",
	  "ko", "부채는 1천800조원에 달했다.", "+부채는 1천896조원에 달했다." },
	{ "en", "It costs $1.5 billion.", "It costs $2 billion.", "ko",
	  "20억 달러가 든다.", "+15억 달러가 든다." },
	{ "en", "It costs $150 million.", "It costs $100 million.", "ko",
	  "1억 달러가 든다.", "+1억5천만 달러가 든다." },
	{ "en", "It costs $150 million.", "It costs $120 million.", "ko",
	  "1.2억 달러가 든다.", "+1.5억 달러가 든다." },
	{ "en", "It costs $123,456,789.", "It costs $120,000,000.", "ko",
	  "1.2억 달러가 든다.", "+1억2천345만6천789 달러가 든다." },
	{ "en", "3 shots were fired.", "2 shots were fired.", "ko",
	  "두 발이 발사됐다.", "+세 발이 발사됐다." },
	{ "en", "12 shots were fired.", "2 shots were fired.", "ko",
	  "두 발이 발사됐다.", "+?" },
	{ "en", "They met on December 20.", "They met on December 19.", "ko",
	  "그들은 12월 19일에 만났다.", "+그들은 12월 20일에 만났다." },
	{ "en", "Prices rose 5.5%.", "Prices rose 3.2%.", "ko",
	  "물가가 3.2% 올랐다.", "+물가가 5.5% 올랐다." },
	{ "en", "5 apples and 7 pears", "7 apples and 5 pears", "ko",
	  "사과 7개와 배 5개", "+사과 5개와 배 7개" },
	{ "en", "6 apples and 5 pears", "5 apples and 5 pears", "ko",
	  "사과 5개와 배 5개", "+?" },
	{ "en", "The 3 ministers met.", "The 2 ministers met.", "ko",
	  "두 장관이 만났다.", "+?" },
	{ "en", "1,500,000 people came.", "1,200,000 people came.", "ko",
	  "1,200,000명이 왔다.", "+1,500,000명이 왔다." },
	{ "en", "It rose 0.5 percentage points.",
	  "It rose 0.25 percentage points.", "ko", "0.25%포인트 올랐다.",
	  "+0.5%포인트 올랐다." },
	{ "en", "The 3rd round starts.", "The 2nd round starts.", "ko",
	  "제2 라운드가 시작된다.", "+제3 라운드가 시작된다." },
	/* en -> ru */
	{ "en", "Exports reached 4.2 million tons in 2023.",
	  "Exports reached 3.5 million tons in 2022.", "ru",
	  "В 2022 году экспорт достиг 3,5 млн тонн.",
	  "+В 2023 году экспорт достиг 4,2 млн тонн." },
	{ "en", "It cost 1.25 billion.", "It cost 1 billion.", "ru",
	  "Это стоило 1 млрд.", "+Это стоило 1,25 млрд." },
	{ "en", "It cost 1.2 billion dollars.", "It cost 350 million dollars.",
	  "ru", "Это стоило 350 млн долларов.",
	  "+Это стоило 1,2 млрд долларов." },
	{ "en", "It cost 1,250 million.", "It cost 1,200 million.", "ru",
	  "Это стоило 1200 млн.", "+Это стоило 1250 млн." },
	{ "en", "It costs 74,800 rubles.", "It costs 74,500 rubles.", "ru",
	  "Это стоит 74 500 руб.", "+Это стоит 74 800 руб." },
	{ "en", "It costs 74,800 rubles.", "It costs 74,500 rubles.", "ru",
	  "Это стоит 74" NBSP "500 руб.", "+Это стоит 74" NBSP "800 руб." },
	{ "en", "It has 5 million people.", "It has 3 million people.", "ru",
	  "Там живут 3 миллиона человек.",
	  "+Там живут 5 миллионов человек." },
	{ "en", "It has 21 million people.", "It has 3 million people.", "ru",
	  "Там живут 3 миллиона человек.", "+Там живут 21 миллион человек." },
	{ "en", "It has 2.5 thousand seats.", "It has 3 thousand seats.", "ru",
	  "Там 3 тысячи мест.", "+Там 2,5 тысячи мест." },
	{ "en", "The rate rose 3.75%.", "The rate rose 3.5%.", "ru",
	  "Ставка выросла на 3,5%.", "+Ставка выросла на 3,75%." },
	{ "en", "the 2nd round", "the 1st round", "ru", "1-й тур",
	  "+2-й тур" },
	{ "en", "12,000 people came.", "15,000 people came.", "ru",
	  "Пришли 15 тыс. человек.", "+Пришли 12 тыс. человек." },
	{ "en", "12,000 people came.", "15,000 people came.", "ru",
	  "Пришли 15" THIN "000 человек.", "+Пришли 12" THIN "000 человек." },
	{ "en", "It cost 0.5 billion.", "It cost 2 billion.", "ru",
	  "Это стоило 2 млрд.", "+Это стоило 500 млн." },
	{ "en", "with 5 million", "with 3 million", "ru", "с 3 миллионами",
	  "+с 5 миллионами" },
	{ "en", "The 2 sides met in 2023.", "The 2 sides met in 2022.", "ru",
	  "Две стороны встретились в 2022 году.",
	  "+Две стороны встретились в 2023 году." },
	{ "en", "3 sides met.", "2 sides met.", "ru", "Две стороны встретились.",
	  "+?" },
	/* ko -> en */
	{ "ko", "1천200명이 숨졌다.", "1천500명이 숨졌다.", "en",
	  "1,500 people died.", "+1,200 people died." },
	{ "ko", "5만8천300원이다.", "6만원이다.", "en", "It is 60,000 won.",
	  "+It is 58,300 won." },
	{ "ko", "3억5천만 달러를 냈다.", "3억 달러를 냈다.", "en",
	  "It paid $300 million.", "+It paid $350 million." },
	{ "ko", "세 발이 발사됐다.", "두 발이 발사됐다.", "en",
	  "2 shots were fired.", "+3 shots were fired." },
	{ "ko", "세 발이 발사됐다.", "두 발이 발사됐다.", "en",
	  "Two shots were fired.", "+Three shots were fired." },
	{ "ko", "한 발이 발사됐다.", "두 발이 발사됐다.", "en",
	  "Two shots were fired.", "+?" },
	{ "ko", "12월 20일에 만났다.", "12월 19일에 만났다.", "en",
	  "They met on December 19.", "+They met on December 20." },
	{ "ko", "1.5억 달러가 든다.", "1억 달러가 든다.", "en",
	  "It costs $100 million.", "+It costs $150 million." },
	{ "ko", "1조2천억원이 든다.", "1조원이 든다.", "en",
	  "It costs 1 trillion won.", "+It costs 1.2 trillion won." },
	{ "ko", "2023년에 열렸다.", "2022년에 열렸다.", "en", "It was held in 2022.",
	  "+It was held in 2023." },
	{ "ko", "약 3천400여명이 왔다.", "약 3천여명이 왔다.", "en",
	  "About 3,000 people came.", "+About 3,400 people came." },
	{ "ko", "0.5%포인트 올랐다.", "0.25%포인트 올랐다.", "en",
	  "It rose 0.25 percentage points.", "+It rose 0.5 percentage points." },
	{ "ko", "1만2천명이 왔다.", "1만명이 왔다.", "en", "10,000 people came.",
	  "+12,000 people came." },
	{ "ko", "350만 톤이다.", "300만 톤이다.", "en", "It is 3 million tons.",
	  "+It is 3.5 million tons." },
	{ "ko", "1천896조원이다.", "1천800조원이다.", "en",
	  "It is 1,800 trillion won.", "+It is 1,896 trillion won." },
	{ "ko", "4월 29일 대선", "3월 29일 대선", "en", "the March 29 election",
	  "+the April 29 election" },
	{ "en", "They met on November 19.", "They met on December 19.", "ko",
	  "그들은 12월 19일에 만났다.", "+그들은 11월 19일에 만났다." },
	{ "en", "They met on November 19.", "They met on December 19.", "ru",
	  "Они встретились 19 декабря.", "+Они встретились 19 ноября." },
	{ "en", "About a quarter of them came in 2022.",
	  "About a third of them came in 2022.", "ko",
	  "2022년에 그들 중 약 3분의 1이 왔다.", "-?" },
	/* ko -> ru */
	{ "ko", "12월 20일 회담", "11월 20일 회담", "ru", "переговоры 20 ноября",
	  "+переговоры 20 декабря" },
	{ "ko", "1천200명이 왔다.", "1천500명이 왔다.", "ru", "Пришли 1500 человек.",
	  "+Пришли 1200 человек." },
	{ "ko", "3억5천만 달러", "3억 달러", "ru", "300 млн долларов",
	  "+350 млн долларов" },
	{ "ko", "12억 달러", "3억 달러", "ru", "300 млн долларов",
	  "+1,2 млрд долларов" },
	{ "ko", "5만8천300원", "6만원", "ru", "60 000 вон", "+58 300 вон" },
	{ "ko", "3.5% 올랐다", "2.5% 올랐다", "ru", "вырос на 2,5%",
	  "+вырос на 3,5%" },
	{ "ko", "세 발을 쐈다", "두 발을 쐈다", "ru", "выпустил 2 ракеты",
	  "+выпустил 3 ракеты" },
	{ "ko", "2023년 12월", "2022년 12월", "ru", "в декабре 2022 года",
	  "+в декабре 2023 года" },
	{ "ko", "300만명이 산다", "200만명이 산다", "ru", "живут 2 миллиона человек",
	  "+живут 3 миллиона человек" },
	{ "ko", "500만명이 산다", "200만명이 산다", "ru", "живут 2 миллиона человек",
	  "+живут 5 миллионов человек" },
	{ "ko", "1조2천억원", "1조원", "ru", "1 трлн вон", "+1,2 трлн вон" },
	/* ru -> en */
	{ "ru", "Цена 74 800 руб.", "Цена 74 500 руб.", "en",
	  "The price is 74,500 rubles.", "+The price is 74,800 rubles." },
	{ "ru", "Цена 74" NBSP "800 руб.", "Цена 74" NBSP "500 руб.", "en",
	  "The price is 74,500 rubles.", "+The price is 74,800 rubles." },
	{ "ru", "Долг 1 896 трлн руб.", "Долг 1 800 трлн руб.", "en",
	  "Debt is 1,800 trillion rubles.", "+Debt is 1,896 trillion rubles." },
	{ "ru", "Ставка 3,75%.", "Ставка 3,5%.", "en", "The rate is 3.5%.",
	  "+The rate is 3.75%." },
	{ "ru", "Там 5 миллионов человек.", "Там 3 миллиона человек.", "en",
	  "There are 3 million people.", "+There are 5 million people." },
	{ "ru", "Это 1,2 млрд долларов.", "Это 350 млн долларов.", "en",
	  "It is 350 million dollars.", "+It is 1.2 billion dollars." },
	{ "ru", "Пришли 12 тыс. человек.", "Пришли 15 тыс. человек.", "en",
	  "15,000 people came.", "+12,000 people came." },
	{ "ru", "Это 5-й тур.", "Это 3-й тур.", "en", "It is the 3rd round.",
	  "+It is the 5th round." },
	{ "ru", "Встреча 27 ноября.", "Встреча 26 ноября.", "en",
	  "The meeting is on Nov. 26.", "+The meeting is on Nov. 27." },
	{ "ru", "Рост 0,5 п.п.", "Рост 0,25 п.п.", "en",
	  "A rise of 0.25 percentage points.",
	  "+A rise of 0.5 percentage points." },
	{ "ru", "В 2023 году.", "В 2022 году.", "en", "In 2022.", "+In 2023." },
	{ "ru", "Около 300 человек.", "Около 200 человек.", "en",
	  "About 200 people.", "+About 300 people." },
	/* ru -> ko */
	{ "ru", "Цена 74 800 руб.", "Цена 74 500 руб.", "ko",
	  "가격은 7만4천500루블이다.", "+가격은 7만4천800루블이다." },
	{ "ru", "Долг 1 896 трлн.", "Долг 1 800 трлн.", "ko", "부채는 1천800조원.",
	  "+부채는 1천896조원." },
	{ "ru", "Стоит 1,5 млрд.", "Стоит 1 млрд.", "ko", "10억이 든다.",
	  "+15억이 든다." },
	{ "ru", "Выпустил 3 ракеты.", "Выпустил 2 ракеты.", "ko",
	  "미사일 두 발을 쐈다.", "+미사일 세 발을 쐈다." },
	{ "ru", "Встреча 27 ноября.", "Встреча 26 ноября.", "ko",
	  "회담은 11월 26일.", "+회담은 11월 27일." },
	{ "ru", "Рост 3,5%.", "Рост 2,5%.", "ko", "2.5% 상승.", "+3.5% 상승." },
	{ "ru", "В 2023 году.", "В 2022 году.", "ko", "2022년에.", "+2023년에." },
	{ "ru", "Живут 3 млн человек.", "Живут 2 млн человек.", "ko",
	  "200만명이 산다.", "+300만명이 산다." },
	{ "ru", "Живут 58 300 человек.", "Живут 60 000 человек.", "ko",
	  "6만명이 산다.", "+5만8천300명이 산다." },
	{ "en", "It may get 401mm of rain.", "It may get 400mm of rain.", "ko",
	  "400mm의 비가 내릴 수 있다.", "+401mm의 비가 내릴 수 있다." },
	{ "en", "It may get 401mm of rain.", "It may get 400mm of rain.", "ko",
	  "40cm의 비가 내릴 수 있다.", "+?" },
	{ "en", "It can use the $701 billion fund.",
	  "It can use the $700 billion fund.", "ko",
	  "7,000억 달러의 기금을 쓸 수 있다.", "+7,010억 달러의 기금을 쓸 수 있다." },
	{ "en", "8,001 fans came.", "8,000 fans came.", "ko",
	  "팬 8천 여명이 왔다.", "+?" },
	{ "en", "It fell to 130.0% in 2016.", "It fell to 130.9% in 2016.", "ru",
	  "Он снизился до 130,9% в 2016 году.",
	  "+Он снизился до 130,0% в 2016 году." },
	{ "en", "It fell to 130% in 2016.", "It fell to 130.9% in 2016.", "ru",
	  "Он снизился до 130,9% в 2016 году.",
	  "+Он снизился до 130% в 2016 году." },
	{ "en", "She scored 15.430 on beam.", "She scored 15.433 on beam.", "ru",
	  "Она набрала 15,433 на бревне.", "+Она набрала 15,430 на бревне." },
	{ "en", "21 of the convicts were guilty.",
	  "20 of the convicts were guilty.", "ko",
	  "죄수 20여명이 유죄였다.", "+?" },
	/* nothing differs, or it is not only numbers */
	{ "en", "It paid $350 million.", "It paid $350 million.", "ko",
	  "3억5천만 달러를 지불했다.", "+=" },
	{ "en", "It paid 4,200,000 dollars.", "It paid 4.2 million dollars.",
	  "ko", "420만 달러를 지불했다.", "+=" },
	{ "en", "Imports reached 3.5 million tons in 2023.",
	  "Exports reached 3.5 million tons in 2022.", "ko",
	  "2022년 수출은 350만 톤에 달했다.",
	  "-2023년 수출은 350만 톤에 달했다." },
	{ "en", "Imports rose.", "Imports rose 5%.", "ko", "수입이 5% 늘었다.",
	  "-=" },
	{ "en", "The G8 met in 2023.", "The G7 met in 2022.", "ko",
	  "2022년 G7이 만났다.", "-?" },
	{ "en", "The G7 met in 2023.", "The G7 met in 2022.", "ko",
	  "2022년 G7이 만났다.", "+2023년 G7이 만났다." },
	{ "en", "5 people came.", "4 people came.", "ko",
	  "4명이 왔고 4명이 남았다.", "+?" },
	{ "en", "5 people came in 2022.", "4 people came in 2022.", "ko",
	  "2022년 4명이 왔다.", "+2022년 5명이 왔다." },
	/* bad input: no substitution, a clear answer */
	{ "en", "It is 10^30.", "It is 10^29.", "ko", "10^29이다.", "+?" },
	{ "en", "It is 1234567890123456789012345678901234567891.",
	  "It is 1234567890123456789012345678901234567890.", "ko",
	  "1234567890123456789012345678901234567890이다.", "+?" },
	{ "en", "It is 1,23,5.", "It is 1,23,4.", "ko", "1,23,4이다.", "-?" },
	{ "en", "1,200", "1,500", "ko", "1,500", "-1,200" },
	{ "en", "!!!", "???", "ko", "!!!", "-=" },
	{ "en", "Paid 1\xd9\xa2" "3 won", "Paid 123 won", "ko", "123원 지불", "-?" },
	{ "ru", "12\xd0\x97" "4 штуки", "12\xd0\x97" "5 штуки", "ko", "12З5개", "-?" },
	{ "en", "The 4x103 m relay", "The 4x100 m relay", "ru",
	  "Эстафета 4 по 100 м", "-?" },
	{ "en", "The 4x100 m relay in 2023", "The 4x100 m relay in 2022", "ru",
	  "Эстафета 4 по 100 м в 2022 году", "+Эстафета 4 по 100 м в 2023 году" },
	{ "en", "It is 1.234 million.", "It is 1.2 million.", "en",
	  "It is 1.2 million.", "+It is 1.234 million." },
	{ "en", "It is 1.2345678 million.", "It is 1.2 million.", "ru",
	  "Это 1,2 млн.", "+?" },
};

static void
test_numbers_subst_table(void)
{
	for (size_t i = 0; i < TM_ARRAY_SIZE(subst_cases); i++) {
		const struct subst_case *c = &subst_cases[i];

		CHECK_STR(propose(c->sl, c->q, c->s, c->tl, c->t), c->want);
		ncases++;
	}
}

/* Random texts made of number pieces (and broken UTF-8): the scanner's
 * spans stay inside the text, in order, without overlap; writing and
 * proposing never fail but by saying so. */
static void
test_numbers_random(void)
{
	static const char *const piece[] = {
	        "1", "0", "7", "123", ",", ".", " ", NBSP, THIN, "만", "천",
	        "억", "조", "백", " million", " млн", "миллиона", "%", "-", "^",
	        "세 ", "발", "\xe2", "\xff", "st", "-й", "$", "k", "m", "bn",
	        "약 ", "about ", "ноября", "Nov.", "월", "일", "분의 ", "여",
	        "a third", "~", "\xd0", "G", "З", "퍼센트", "%p",
	};
	unsigned long long x = 88172645463325252ull;
	size_t bad = 0;

	for (int i = 0; i < 3000; i++) {
		char text[256], q[256], out[128];
		size_t o = 0, qo = 0, end = 0;
		tm__nums nums = { 0 };
		int n;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		n = (int)(x % 12) + 1;
		for (int k = 0; k < n; k++) {
			const char *pc = piece[(x >> (k * 5)) % TM_ARRAY_SIZE(piece)];
			const char *pq = piece[(x >> (k * 5 + 3)) %
			                       TM_ARRAY_SIZE(piece)];

			o += (size_t)snprintf(text + o, sizeof(text) - o, "%s", pc);
			qo += (size_t)snprintf(q + qo, sizeof(q) - qo, "%s",
			                       k % 3 ? pc : pq);
		}
		if (tm__numbers_scan(&nums, text, o, TM__NUM_COMMA) < 0) {
			bad++;
			continue;
		}
		for (size_t j = 0; j < nums.n; j++) {
			const tm__num *v = &nums.v[j];

			if (v->off < end || v->off + v->len > o ||
			    v->dig_len > v->len)
				bad++;
			end = v->off + v->len;
			if (tm__numbers_write(out, sizeof(out),
			                      (double)(x % 100000) / 7, v, text,
			                      "ru", (int)(x % 9)) &&
			    strlen(out) >= sizeof(out))
				bad++;
		}
		tm__nums_dispose(&nums);
		/* the query against the text as stored source and target */
		if (strstr(propose("ru", q, text, "ko", text), "(error)") &&
		    memchr(q, 0xff, qo) == NULL && memchr(text, 0xff, o) == NULL &&
		    memchr(q, 0xe2, qo) == NULL && memchr(text, 0xe2, o) == NULL &&
		    memchr(q, 0xd0, qo) == NULL && memchr(text, 0xd0, o) == NULL)
			bad++;
	}
	CHECK(bad == 0);
}

/* The multiset comparison a check of figures will use. */
static size_t
unmatched(const char *a, const char *al, const char *b, const char *bl,
          char *left, size_t size)
{
	tm__nums na = { 0 }, nb = { 0 };
	bool al_[16], bl_[16];
	size_t n = 0, o = 0;

	left[0] = '\0';
	if (tm__numbers_scan(&na, a, strlen(a), tm__numstyle_for(al)) < 0 ||
	    tm__numbers_scan(&nb, b, strlen(b), tm__numstyle_for(bl)) < 0 ||
	    na.n > 16 || nb.n > 16)
		return (size_t)-1;
	n = tm__numbers_unmatched(&na, &nb, al_, bl_);
	for (size_t i = 0; i < na.n; i++)
		if (al_[i])
			o += (size_t)snprintf(left + o, size - o, "a:%.*s ",
			                      (int)na.v[i].len, a + na.v[i].off);
	for (size_t i = 0; i < nb.n; i++)
		if (bl_[i])
			o += (size_t)snprintf(left + o, size - o, "b:%.*s ",
			                      (int)nb.v[i].len, b + nb.v[i].off);
	tm__nums_dispose(&na);
	tm__nums_dispose(&nb);
	return n;
}

static void
test_numbers_unmatched(void)
{
	char left[256];

	CHECK(unmatched("It paid $350 million in 2022.", "en",
	                "2022년 3억5천만 달러를 지불했다.", "ko", left,
	                sizeof(left)) == 0);
	CHECK(unmatched("It paid $350 million in 2022.", "en",
	                "В 2022 году заплатили 350 млн долларов.", "ru", left,
	                sizeof(left)) == 0);
	CHECK(unmatched("5 apples and 5 pears", "en", "사과 5개와 배 6개", "ko",
	                left, sizeof(left)) == 2);
	CHECK_STR(left, "a:5 b:6 ");
	CHECK(unmatched("Prices rose 3.5%.", "en", "Цены выросли на 3,6%.", "ru",
	                left, sizeof(left)) == 2);
	CHECK_STR(left, "a:3.5 b:3,6 ");
	CHECK(unmatched("no figures", "en", "", "ru", left, sizeof(left)) == 0);
}

static void
test_numbers_case_count(void)
{
	printf("# %zu table cases\n", ncases);
	CHECK(ncases >= 200);
}
int
main(void)
{
	RUN(test_numbers_plain);
	RUN(test_numbers_decimal_marks);
	RUN(test_numbers_magnitudes);
	RUN(test_numbers_korean);
	RUN(test_numbers_compounds_and_dates);
	RUN(test_numbers_fractions);
	RUN(test_numbers_styles);
	RUN(test_numbers_cap);
	RUN(test_numbers_parse_table);
	RUN(test_numbers_loose_table);
	RUN(test_numbers_notation);
	RUN(test_numbers_write_table);
	RUN(test_numbers_subst_table);
	RUN(test_numbers_random);
	RUN(test_numbers_unmatched);
	RUN(test_numbers_case_count);
	return tm_test_done();
}
