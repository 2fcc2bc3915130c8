/* SPDX-License-Identifier: MIT */
/* check-words.c (white-box): the core lexicon's words that a lone source
 * and a lone target sentence share, the evidence tm check needs before it
 * reads the two as one sentence translated loosely. */
#include "tm-test.h"

#include <tm/tm.h>

#include "../libtm/check-private.h"

/* tm__check_words_shared() of @src and @tgt for @sl to @tl. */
static int
shared(const char *sl, const char *tl, const char *src, const char *tgt)
{
	tm_check_options o = TM_CHECK_OPTIONS_INIT;
	tm_checker *ck = NULL;
	int n;

	if (tm_checker_new(&ck, sl, tl, &o) < 0)
		return -2;
	n = tm__check_words_shared(ck, src, strlen(src), tgt, strlen(tgt));
	tm_checker_free(ck);
	return n;
}

/* A listed word meets its listed translation, inflected, from each side. */
static void
test_check_words_listed(void)
{
	CHECK(shared("en", "ru", "Police said the flood was severe.",
	             "Полиция заявила, что наводнение было сильным.") >= 4);
	/* a Korean word with its particle, either way round */
	CHECK(shared("en", "ko", "The police found the shark.",
	             "경찰은 상어를 발견했다.") >= 4);
	CHECK(shared("ko", "en", "경찰은 상어를 발견했다.",
	             "The police found the shark.") >= 4);
}

/* A loose translation meets a word derived from a listed one (friendship:
 * дружба listed, дружеских written), a sentence of another story nothing;
 * a listed translation shorter than four letters (год) derives nothing. */
static void
test_check_words_derived(void)
{
	const char *en = "And it could mean the end of a long friendship.";

	CHECK(shared("en", "ru", en,
	             "Кроме того, речь идет о разрыве давних дружеских "
	             "отношений.") == 2);
	CHECK(shared("en", "ru", en,
	             "Спасатели всю ночь искали пропавших туристов в горах.") ==
	      0);
	CHECK(shared("en", "ru", "The year ended.", "Годовщину отметили.") ==
	      0);
}

/* Korean to Russian reads its own table (and the one through English):
 * the police, the shark and found (발견, найти) meet, either way round;
 * another story's sentence meets nothing. */
static void
test_check_words_korean_russian(void)
{
	CHECK(shared("ko", "ru", "경찰은 상어를 발견했다.",
	             "Полиция нашла акулу.") >= 4);
	CHECK(shared("ru", "ko", "Полиция нашла акулу.",
	             "경찰은 상어를 발견했다.") >= 4);
	CHECK(shared("ko", "ru", "경찰은 상어를 발견했다.",
	             "Фермеры жалуются на засуху и низкие цены.") == 0);
}

int
main(void)
{
	RUN(test_check_words_listed);
	RUN(test_check_words_derived);
	RUN(test_check_words_korean_russian);
	return tm_test_done();
}
