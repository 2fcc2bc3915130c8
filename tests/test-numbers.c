/* SPDX-License-Identifier: MIT */
/* numbers.c: numbers as values across en, ko, ru (white-box). */
#include "tm-test.h"

#include <math.h>

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
	return tm_test_done();
}
