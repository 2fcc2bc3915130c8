/* SPDX-License-Identifier: MIT */
/* The aligner through its public API: link types, confidence, the
 * translation check, bad input; white-box (align-private.h) where a cost
 * must be set by hand. */
#include "tm-test.h"

#include <tm/tm.h>

#include <math.h>
#include <unistd.h>

#include "align-private.h"
#include "test-align-fixture.h"

#define MAXS 64

typedef struct side {
	tm_align_sentence s[MAXS];
	size_t n;
} side;

static void
add(side *d, const char *text, unsigned para)
{
	d->s[d->n].text = text;
	d->s[d->n].len = strlen(text);
	d->s[d->n].paragraph = para;
	d->n++;
}

/* The translation check's stories: three sentences of an English story
 * about a bridge closed for repairs (bridge_en()), their Russian
 * translation (bridge_ru()) and three of a Russian story about football
 * (football_ru()), each added to the side given. */
static void
bridge_en(side *en_side)
{
	add(en_side, "The old bridge over the river was closed for repairs "
	             "last week.", 0);
	add(en_side, "Drivers now take a long road through the hills to reach "
	             "the town.", 0);
	add(en_side, "Shop owners say that fewer customers come to the "
	             "market.", 0);
}

static void
bridge_ru(side *ru_side)
{
	add(ru_side, "Старый мост через реку на прошлой неделе закрыли на "
	             "ремонт.", 0);
	add(ru_side, "Теперь водители добираются до города по длинной дороге "
	             "через холмы.", 0);
	add(ru_side, "Владельцы магазинов говорят, что покупателей на рынке "
	             "стало меньше.", 0);
}

static void
football_ru(side *ru_side)
{
	add(ru_side, "Футбольный клуб купил нового вратаря перед началом "
	             "сезона.", 0);
	add(ru_side, "Матч прошёл при пустых трибунах из-за сильного и "
	             "холодного дождя.", 0);
	add(ru_side, "Тренер отказался от комментариев после игры в субботу "
	             "вечером.", 0);
}

/* The football story's Korean (words with particles and endings run
 * together: 축구구단측은, 골키퍼들을, 논평하기를). */
static void
football_ko(side *ko_side)
{
	add(ko_side, "축구구단측은 시즌개막 직전에 골키퍼들을 새로 영입했다.",
	    0);
	add(ko_side, "경기장은 폭우때문에 관중석이 텅 비었다.", 0);
	add(ko_side, "감독님은 시합후 저녁식사 자리에서 논평하기를 거부했고 "
	             "구단주들도 침묵했다.",
	    0);
}

/* Two English sentences (@src) and a Russian translation in its own words
 * (@tgt: a third longer; few of the words a lexicon knows meet their
 * partners). */
static void
council_pair(side *src, side *tgt)
{
	add(src, "The council is no longer a family of friends.", 0);
	add(src, "It has no patience for those who say what they think.", 0);
	add(tgt, "Городской совет в нынешнем составе больше не похож на "
	        "дружную компанию давних единомышленников.", 0);
	add(tgt, "Там теперь не терпят людей, открыто высказывающих своё "
	        "собственное мнение.", 0);
}

/* The translation check's verdict on @a against @b. */
static tm_align_verdict
verdict(tm_aligner *al, const side *a, const side *b)
{
	tm_align_result *r = NULL;
	tm_align_verdict v;

	REQUIRE(tm_align_run(&r, al, a->s, a->n, b->s, b->n) == TM_OK);
	v = tm_align_result_verdict(r);
	tm_align_result_free(r);
	return v;
}

static tm_aligner *
open_aligner(const char *s, const char *t)
{
	tm_aligner *al = NULL;

	REQUIRE(tm_aligner_new(&al, s, t, NULL) == TM_OK);
	return al;
}

/* An aligner without the built-in core lexicon: for the tests of what a
 * dictionary, learned pairs or the anchors alone do (the core lexicon
 * knows the words of their stories). */
static tm_aligner *
open_bare(const char *s, const char *t)
{
	tm_aligner *al = NULL;
	tm_align_options o = TM_ALIGN_OPTIONS_INIT;

	o.flags = TM_ALIGN_NO_CORE_LEXICON;
	REQUIRE(tm_aligner_new(&al, s, t, &o) == TM_OK);
	return al;
}

static void
test_align_one_to_one(void)
{
	side a = {0}, b = {0};
	tm_aligner *al = open_aligner("en", "ru");
	tm_align_result *r = NULL;

	for (size_t i = 0; i < 6; i++) {
		add(&a, en[i], 0);
		add(&b, ru[i], 0);
	}
	REQUIRE(tm_align_run(&r, al, a.s, a.n, b.s, b.n) == TM_OK);
	CHECK_STR(links(r), "[0]:[0] [1]:[1] [2]:[2] [3]:[3] [4]:[4] [5]:[5]");
	for (size_t i = 0; i < tm_align_result_count(r); i++) {
		const tm_align_link *l = tm_align_result_link(r, i);

		CHECK(l->confidence >= 0 && l->confidence <= 1);
	}
	CHECK(tm_align_result_score(r) > 0.5);
	CHECK(tm_align_result_link(r, 6) == NULL);
	tm_align_result_free(r);
	tm_aligner_free(al);
}

static void
test_align_merge_and_deletion(void)
{
	side a = {0}, b = {0};
	tm_aligner *al = open_aligner("en", "ru");
	tm_align_result *r = NULL;
	static char merged[512];

	/* ru merges sentences 1 and 2 and drops sentence 4 */
	snprintf(merged, sizeof(merged), "%s %s", ru[1], ru[2]);
	for (size_t i = 0; i < 6; i++)
		add(&a, en[i], 0);
	add(&b, ru[0], 0);
	add(&b, merged, 0);
	add(&b, ru[3], 0);
	add(&b, ru[5], 0);
	REQUIRE(tm_align_run(&r, al, a.s, a.n, b.s, b.n) == TM_OK);
	CHECK_STR(links(r), "[0]:[0] [1,2]:[1] [3]:[2] [4]:[] [5]:[3]");
	tm_align_result_free(r);
	tm_aligner_free(al);
}

static void
test_align_split(void)
{
	side a = {0}, b = {0};
	tm_aligner *al = open_aligner("ru", "en");
	tm_align_result *r = NULL;
	static char merged[512];

	snprintf(merged, sizeof(merged), "%s %s", ru[2], ru[3]);
	add(&a, ru[0], 0);
	add(&a, ru[1], 0);
	add(&a, merged, 0);
	add(&a, ru[4], 0);
	for (size_t i = 0; i < 5; i++)
		add(&b, en[i], 0);
	REQUIRE(tm_align_run(&r, al, a.s, a.n, b.s, b.n) == TM_OK);
	CHECK_STR(links(r), "[0]:[0] [1]:[1] [2]:[2,3] [3]:[4]");
	tm_align_result_free(r);
	tm_aligner_free(al);
}

static void
test_align_empty_sides(void)
{
	side a = {0}, b = {0};
	tm_aligner *al = open_aligner("en", "ru");
	tm_align_result *r = NULL;

	add(&a, en[0], 0);
	add(&a, en[1], 0);
	REQUIRE(tm_align_run(&r, al, a.s, a.n, b.s, 0) == TM_OK);
	CHECK_STR(links(r), "[0]:[] [1]:[]");
	CHECK(tm_align_result_score(r) == 0);
	tm_align_result_free(r);
	REQUIRE(tm_align_run(&r, al, NULL, 0, NULL, 0) == TM_OK);
	CHECK(tm_align_result_count(r) == 0);
	tm_align_result_free(r);
	tm_aligner_free(al);
}

/* A band narrower than the other side (fuzz-align finding): with no
 * source sentence the programme has a single row, which must run from
 * column 0 (the start) to the last target sentence, not only around it. */
static void
test_align_empty_side_narrow_band(void)
{
	side a = {0}, b = {0};
	tm_align_options o = TM_ALIGN_OPTIONS_INIT;
	tm_aligner *al = NULL;
	tm_align_result *r = NULL;

	o.band = 1;
	REQUIRE(tm_aligner_new(&al, "en", "ru", &o) == TM_OK);
	for (size_t i = 0; i < 6; i++) {
		add(&a, en[i], 0);
		add(&b, ru[i], 0);
	}
	REQUIRE(tm_align_run(&r, al, NULL, 0, b.s, b.n) == TM_OK);
	CHECK_STR(links(r), "[]:[0] []:[1] []:[2] []:[3] []:[4] []:[5]");
	tm_align_result_free(r);
	REQUIRE(tm_align_run(&r, al, a.s, a.n, NULL, 0) == TM_OK);
	CHECK_STR(links(r), "[0]:[] [1]:[] [2]:[] [3]:[] [4]:[] [5]:[]");
	tm_align_result_free(r);
	tm_aligner_free(al);
}

static void
test_align_not_a_translation(void)
{
	side a = {0}, b = {0};
	tm_aligner *al = open_aligner("en", "ru");
	tm_align_result *r = NULL, *good = NULL;
	static const char *const other[] = {
	        "Футбольный клуб купил нового вратаря.",
	        "Матч прошёл при пустых трибунах.",
	        "Тренер отказался от комментариев после игры в субботу.",
	        "Болельщики собрались у стадиона вечером.",
	        "Следующая игра состоится через неделю.",
	        "Клуб основан более ста лет назад.",
	};

	for (size_t i = 0; i < 6; i++) {
		add(&a, en[i], 0);
		add(&b, other[i], 0);
	}
	REQUIRE(tm_align_run(&r, al, a.s, a.n, b.s, b.n) == TM_OK);
	b.n = 0;
	for (size_t i = 0; i < 6; i++)
		add(&b, ru[i], 0);
	REQUIRE(tm_align_run(&good, al, a.s, a.n, b.s, b.n) == TM_OK);
	CHECK(tm_align_result_score(r) < tm_align_result_score(good));
	CHECK(tm_align_result_score(r) < 0.3);
	/* the verdict: refused, and no link left above 0.5 for a caller
	 * storing by confidence */
	CHECK(tm_align_result_verdict(r) == TM_ALIGN_NOT_TRANSLATION);
	CHECK(tm_align_result_verdict(good) == TM_ALIGN_TRANSLATION);
	CHECK(tm_align_result_score(good) >= 0.5);
	for (size_t i = 0; i < tm_align_result_count(r); i++)
		CHECK(tm_align_result_link(r, i)->confidence < 0.5);
	tm_align_result_free(r);
	tm_align_result_free(good);
	tm_aligner_free(al);
}

/* The verdict survives tm_align_run_apart(): a sentence set apart (an
 * end mark) does not make a pair that is not a translation storable. */
static void
test_align_verdict_apart(void)
{
	side a = {0}, b = {0};
	tm_aligner *al = open_aligner("en", "ru");
	tm_align_result *r = NULL;
	unsigned char apart[7] = {0, 0, 0, 0, 0, 0, 1};
	static const char *const other[] = {
	        "Футбольный клуб купил нового вратаря.",
	        "Матч прошёл при пустых трибунах.",
	        "Тренер отказался от комментариев после игры в субботу.",
	        "Болельщики собрались у стадиона вечером.",
	        "Следующая игра состоится через неделю.",
	        "Клуб основан более ста лет назад.",
	};

	for (size_t i = 0; i < 6; i++) {
		add(&a, en[i], 0);
		add(&b, other[i], 0);
	}
	add(&b, "(Конец)", 0);
	REQUIRE(tm_align_run_apart(&r, al, a.s, a.n, NULL, b.s, b.n, apart) ==
	        TM_OK);
	CHECK(tm_align_result_verdict(r) == TM_ALIGN_NOT_TRANSLATION);
	CHECK(tm_align_result_score(r) < 0.12);
	tm_align_result_free(r);
	tm_aligner_free(al);
}

/* Without numbers or names, the documents' length ratio is the evidence:
 * a translation of four plain sentences keeps the ratio of its language
 * pair (en-ru about 1.07) and is not refused (nor vouched for: its
 * sentences of like lengths align about as well reversed); the same
 * English against four short Russian sentences (a third of the length) is
 * refused. */
static void
test_align_verdict_length(void)
{
	side a = {0}, b = {0}, c = {0};
	tm_aligner *al = open_bare("en", "ru");
	tm_align_result *r = NULL;

	bridge_en(&a);
	add(&a, "The town council will discuss the matter next month.", 0);
	bridge_ru(&b);
	add(&b, "Городской совет обсудит этот вопрос в следующем месяце.", 0);
	REQUIRE(tm_align_run(&r, al, a.s, a.n, b.s, b.n) == TM_OK);
	CHECK(tm_align_result_verdict(r) == TM_ALIGN_UNSURE);
	CHECK(tm_align_result_score(r) > 0.5);
	tm_align_result_free(r);
	add(&c, "Дождь шёл весь день.", 0);
	add(&c, "Дети остались дома.", 0);
	add(&c, "Вечером стало тише.", 0);
	add(&c, "Ночью пошёл снег.", 0);
	CHECK(verdict(al, &a, &c) == TM_ALIGN_NOT_TRANSLATION);
	tm_aligner_free(al);
}

/* Too little evidence either way: one sentence without a number or a
 * name on each side, or an empty side, is neither refused nor vouched
 * for. */
static void
test_align_verdict_unsure(void)
{
	side a = {0}, b = {0};
	tm_aligner *al = open_aligner("en", "ru");
	tm_align_result *r = NULL;

	add(&a, "Analysts expect another cut.", 0);
	add(&b, "Матч прошёл при пустых трибунах.", 0);
	CHECK(verdict(al, &a, &b) == TM_ALIGN_UNSURE);
	REQUIRE(tm_align_run(&r, al, a.s, a.n, b.s, 0) == TM_OK);
	CHECK(tm_align_result_verdict(r) == TM_ALIGN_UNSURE);
	tm_align_result_free(r);
	CHECK(tm_align_result_verdict(NULL) == TM_ALIGN_UNSURE);
	tm_aligner_free(al);
}

/* One sentence with the same numbers on both sides is evidence enough:
 * a translation; with other numbers, refused. */
static void
test_align_verdict_numbers(void)
{
	side a = {0}, b = {0}, c = {0};
	tm_aligner *al = open_aligner("en", "ru");

	add(&a, en[3], 0); /* Exports rose 12 percent to $58 billion ... */
	add(&b, ru[3], 0);
	CHECK(verdict(al, &a, &b) == TM_ALIGN_TRANSLATION);
	add(&c, "В 1998 году выпуск упал на 47% до 310 млн тонн, а 2 400 "
	        "рабочих ушли с 19 заводов.",
	    0);
	CHECK(verdict(al, &a, &c) == TM_ALIGN_NOT_TRANSLATION);
	tm_aligner_free(al);
}

/* A true translation missing most of its text (a newsroom's short
 * version: three of eight sentences kept, with their numbers) is far from
 * the pair's length ratio and lacks five of the source's numbers; that
 * evidence is what a lost sentence leaves, and alone it must not refuse
 * the pair: unsure, not refused. The same short version bringing a number
 * of its own that the source lacks is not explained by lost sentences,
 * and is refused as before. */
static void
test_align_verdict_shortened(void)
{
	side a = {0}, b = {0}, c = {0};
	tm_aligner *al = open_aligner("en", "ru");

	add(&a, "The port of Varna handled 14.2 million tonnes of cargo in "
	        "2023.",
	    0);
	add(&a, "Grain made up 38 percent of the total.", 0);
	add(&a, "The harbour master said two new cranes arrived in March.", 0);
	add(&a, "Container traffic grew 9 percent to 210,000 units.", 1);
	add(&a, "A new rail link to the terminal is due in 2026.", 1);
	add(&a, "It will cost 85 million euros.", 1);
	add(&a, "Fishermen complained about the noise of the night shifts.", 2);
	add(&a, "The city will hold a hearing on 17 April.", 2);
	add(&b, "Порт Варны в 2023 году обработал 14,2 млн тонн грузов.", 0);
	add(&b, "Контейнерные перевозки выросли на 9% до 210 000 единиц.", 1);
	add(&b, "Городские власти проведут слушания 17 апреля.", 2);
	CHECK(verdict(al, &a, &b) != TM_ALIGN_NOT_TRANSLATION);
	add(&c, b.s[0].text, 0);
	add(&c, b.s[1].text, 1);
	add(&c, "Городские власти проведут слушания 17 апреля в 19:30.", 2);
	CHECK(verdict(al, &a, &c) == TM_ALIGN_NOT_TRANSLATION);
	tm_aligner_free(al);
}

/* A short true translation that lost a sentence (the wire copy a desk
 * stores: background dropped) is not refused: five English sentences,
 * four Russian ones without the long second sentence, whose length and
 * four numbers only the English has refused it (evidence -2.77, score
 * 0.06) before the check weighed the pair without the link it leaves
 * alone too (align-judge.c, judge_hole()). The same English against four
 * sentences of another story is still refused. */
static void
test_align_verdict_dropped_sentence(void)
{
	side a = {0}, b = {0}, c = {0};
	tm_aligner *al = open_aligner("en", "ru");

	add(&a, "The city council approved the new budget on Monday.", 0);
	add(&a, "The plan sets aside money for schools, roads and the old "
	        "harbour, and it raises the tax on tourist flats by a third, "
	        "which hotel owners in the old town had asked for since 2019.",
	    0);
	add(&a, "The mayor called it a fair deal.", 0);
	add(&a, "Critics said it came too late.", 0);
	add(&a, "A final vote is due next week.", 0);
	add(&b, "Городской совет в понедельник одобрил новый бюджет.", 0);
	add(&b, "Мэр назвал его честной сделкой.", 0);
	add(&b, "Критики заявили, что он запоздал.", 0);
	add(&b, "Окончательное голосование пройдёт на следующей неделе.", 0);
	CHECK(verdict(al, &a, &b) != TM_ALIGN_NOT_TRANSLATION);
	add(&c, "Дождь шёл весь день.", 0);
	add(&c, "Дети остались дома.", 0);
	add(&c, "Вечером стало тише.", 0);
	add(&c, "Ночью пошёл снег.", 0);
	CHECK(verdict(al, &a, &c) == TM_ALIGN_NOT_TRANSLATION);
	tm_aligner_free(al);
}

/* An English side of the sentence @a and, unless NULL, @b, in one
 * paragraph. */
static void
build_side(tm__side *out, const char *a, const char *b)
{
	const char *texts[2] = {a, b};
	size_t lens[2] = {strlen(a), b ? strlen(b) : 0};
	unsigned paras[2] = {0, 0};
	tm__side_opts so = {"en", false, true, false, NULL, NULL, false};

	REQUIRE(tm__side_build(out, texts, lens, paras, b ? 2 : 1, &so) ==
	        TM_OK);
}

/* A 2-2 link only where its split into two 1-1 links does not score near
 * it: a number repeated in neighbouring sentences (3 p.m. twice) must not
 * glue them. Here the 2-2 is a little cheaper than the split (its merged
 * lengths agree better), so without the margin it wins. */
static void
test_align_no_glued_22(void)
{
	tm__side S, T;
	tm__align_params p = tm__align_default_params;
	tm__plink *l = NULL;
	size_t n = 0;

	build_side(&S, "abc abc abc abc abc abc abc abc abc abc 7",
	           "abc abc abc abc abc abc abc 7");
	build_side(&T, "abc abc abc abc abc abc abc abc abc 7",
	           "abc abc abc abc abc abc abc abc 7");
	REQUIRE(tm__sides_set_pairs(&S, &T, NULL, 0) == TM_OK);
	p.merge22 = 0;
	p.split22 = 0;
	REQUIRE(tm__align_dp(&l, &n, &S, &T, 0, 2, 0, 2, 1.0, 0.35, &p, 0,
	                     false, NULL) == TM_OK);
	CHECK(n == 1 && l[0].a == 2 && l[0].b == 2);
	free(l);
	l = NULL;
	n = 0;
	p.split22 = 1.0;
	REQUIRE(tm__align_dp(&l, &n, &S, &T, 0, 2, 0, 2, 1.0, 0.35, &p, 0,
	                     false, NULL) == TM_OK);
	CHECK(n == 2 && l[0].a == 1 && l[0].b == 1 && l[1].a == 1 &&
	      l[1].b == 1);
	free(l);
	tm__side_dispose(&S);
	tm__side_dispose(&T);
}

/* A sentence whose numbers the other document lacks was most likely left
 * out: its deletion costs less than a deletion of a sentence without
 * them, so that it is not absorbed into its neighbour's link (a 2-1
 * where the truth is a 1-1 and a 1-0). Here the target sentence is as
 * long as both source sentences, so that without the lost numbers the
 * 2-1 wins. */
static void
test_align_lost_numbers_deleted(void)
{
	tm__side S, T;
	tm__align_params p = tm__align_default_params;
	tm__plink *l = NULL;
	size_t n = 0;

	build_side(&S, "abcd abcd abcd abcd abcd abcd abcd abcd abcd abcd 7",
	           "In 1945 some 500 of the villagers were left behind there.");
	build_side(&T, "abcd abcd abcd abcd abcd abcd abcd abcd abcd abcd "
	               "abcd abcd abcd abcd abcd abcd abcd abcd abcd abcd "
	               "abcd 7",
	           NULL);
	REQUIRE(tm__sides_set_pairs(&S, &T, NULL, 0) == TM_OK);
	CHECK(S.lost[0] == 0 && S.lost[1] > 0 && T.lost[0] == 0);
	p.wlost = 0;
	REQUIRE(tm__align_dp(&l, &n, &S, &T, 0, 2, 0, 1, 1.0, 0.35, &p, 0,
	                     false, NULL) == TM_OK);
	CHECK(n == 1 && l[0].a == 2 && l[0].b == 1);
	free(l);
	l = NULL;
	n = 0;
	p.wlost = tm__align_default_params.wlost;
	REQUIRE(tm__align_dp(&l, &n, &S, &T, 0, 2, 0, 1, 1.0, 0.35, &p, 0,
	                     false, NULL) == TM_OK);
	CHECK(n == 2 && l[0].a == 1 && l[0].b == 1 && l[1].a == 1 &&
	      l[1].b == 0);
	free(l);
	tm__side_dispose(&S);
	tm__side_dispose(&T);
}

/* A sentence the translation split in two (a 1-2): the tail, `which rose
 * 0.8 percent` as `같은 날 코스닥지수는 0.8% 상승했다`, carries the
 * source's number and words whose listed translations the source lacks
 * (`같은`, and `상승` for `rose`: the lexicon's lost weight, 4.0 for two
 * core words). Counted whole, that weight makes its 0-1 cheaper than the
 * split (here 1-1 + 0-1 cost -1.28 against the 1-2's -0.99;
 * samples/chip-export, where tm check then reported 0.8 missing); every
 * anchor the tail has (the number, weight 1.0) is in the source sentence
 * next to it and takes back as much (-0.78), so the split is kept. A tail
 * with a number of its own (5, which the source lacks) keeps the weight
 * and stays alone. */
static void
test_align_split_tail_kept(void)
{
	/* the tail: all it has is in the source; a number of its own (5) */
	static const char *const tails[] = {"wxyz wxyz wxyz wxyz wxyz 8",
	                                    "wxyz wxyz wxyz wxyz wxyz 8 5"};
	static const char *const want[] = {"1-2", "1-1 0-1"};

	for (size_t k = 0; k < TM_ARRAY_SIZE(tails); k++) {
		tm__side S, T;
		tm__align_params p = tm__align_default_params;
		tm__plink *l = NULL;
		size_t n = 0;
		char got[32] = "";

		build_side(&S, "abcd abcd abcd abcd abcd abcd abcd abcd abcd "
		               "abcd abcd abcd abcd abcd 14 abcd abcd abcd 8",
		           NULL);
		build_side(&T, "wxyz wxyz wxyz wxyz wxyz wxyz wxyz wxyz wxyz "
		               "wxyz wxyz wxyz wxyz 14",
		           tails[k]);
		T.lost_lex = tm__calloc(2, sizeof(*T.lost_lex));
		REQUIRE(T.lost_lex);
		T.lost_lex[1] = 4.0f;
		REQUIRE(tm__sides_set_pairs(&S, &T, NULL, 0) == TM_OK);
		REQUIRE(tm__align_dp(&l, &n, &S, &T, 0, 1, 0, 2, 1.0, 0.35, &p,
		                     0, false, NULL) == TM_OK);
		for (size_t q = 0; q < n; q++)
			snprintf(got + strlen(got), sizeof(got) - strlen(got),
			         "%s%u-%u", q ? " " : "", l[q].a, l[q].b);
		CHECK_STR(got, want[k]);
		free(l);
		tm__side_dispose(&S);
		tm__side_dispose(&T);
	}
}

/* Two sentences joined by the translation, the second short and sharing
 * nothing: the programme's 1-1 and 1-0 cost a little less than the 2-1
 * (3.27 against 3.5), but the 1-1's target is longer than its source (log
 * 0.24 with the length term's smoothing) and fits both (0.04): joined
 * into a 2-1 (join21). A sentence alone that loses a number stays alone
 * (test_align_lost_numbers_deleted). */
static void
test_align_join_broken_merge(void)
{
	tm__side S, T;
	tm__align_params p = tm__align_default_params;
	tm__plink *l = NULL;
	size_t n = 0;

	/* 80 and 20 characters of words, spaces left out; 105 */
	build_side(&S, "abcd abcd abcd abcd abcd abcd abcd abcd abcd abcd abcd "
	               "abcd abcd abcd abcd abcd abcd abcd abcd abcd",
	           "abcd abcd abcd abcd abcd");
	build_side(&T, "wxyzq wxyzq wxyzq wxyzq wxyzq wxyzq wxyzq wxyzq "
	               "wxyzq wxyzq wxyzq wxyzq wxyzq wxyzq wxyzq wxyzq "
	               "wxyzq wxyzq wxyzq wxyzq wxyzq",
	           NULL);
	REQUIRE(tm__sides_set_pairs(&S, &T, NULL, 0) == TM_OK);
	p.join21 = 0;
	REQUIRE(tm__align_dp(&l, &n, &S, &T, 0, 2, 0, 1, 1.0, 0.35, &p, 0,
	                     false, NULL) == TM_OK);
	CHECK(n == 2 && l[0].a == 1 && l[0].b == 1 && l[1].a == 1 &&
	      l[1].b == 0);
	free(l);
	l = NULL;
	n = 0;
	p.join21 = tm__align_default_params.join21;
	REQUIRE(tm__align_dp(&l, &n, &S, &T, 0, 2, 0, 1, 1.0, 0.35, &p, 0,
	                     false, NULL) == TM_OK);
	CHECK(n == 1 && l[0].a == 2 && l[0].b == 1 && l[0].s == 0 &&
	      l[0].t == 0 && l[0].vi == 0 && l[0].vj == 0);
	free(l);
	tm__side_dispose(&S);
	tm__side_dispose(&T);
}

static char *
test_key(void *ctx, const char *w, size_t len)
{
	char *k = NULL;

	return tm_translit_key(&k, ctx, w, len) < 0 ? NULL : k;
}

/* The keys of words other than names (loanwords: minister, министр)
 * are items of a cross-script pair when asked for (word_keys), and count
 * only once with_wkeys is set: the translation check weighs the items
 * without them. */
static void
test_align_word_keys(void)
{
	const char *en_t[1] = {"the minister spoke about the internet"};
	const char *ru_t[1] = {"министр говорил об интернете"};
	size_t el[1] = {strlen(en_t[0])}, rl[1] = {strlen(ru_t[0])};
	unsigned pa[1] = {0};
	tm_translit *te = NULL, *tr = NULL;

	REQUIRE(tm_translit_new(&te, NULL, 0) == TM_OK);
	REQUIRE(tm_translit_new(&tr, "ru", 0) == TM_OK);
	for (int on = 0; on < 2; on++) {
		tm__side_opts se = {"en", true, true, false, test_key, te, on};
		tm__side_opts sr = {"ru", true, false, false, test_key, tr, on};
		tm__side S, T;

		REQUIRE(tm__side_build(&S, en_t, el, pa, 1, &se) == TM_OK);
		REQUIRE(tm__side_build(&T, ru_t, rl, pa, 1, &sr) == TM_OK);
		REQUIRE(tm__sides_set_pairs(&S, &T, NULL, 0) == TM_OK);
		CHECK(tm__items_shared(S.items, S.item_off[1], T.items,
		                       T.item_off[1]) == 0);
		S.with_wkeys = T.with_wkeys = true;
		REQUIRE(tm__sides_set_pairs(&S, &T, NULL, 0) == TM_OK);
		/* minister, internet; not the short words */
		if (on)
			CHECK(tm__items_shared(S.items, S.item_off[1], T.items,
			                       T.item_off[1]) >= 1.5);
		else
			CHECK(tm__items_shared(S.items, S.item_off[1], T.items,
			                       T.item_off[1]) == 0);
		tm__side_dispose(&S);
		tm__side_dispose(&T);
	}
	tm_translit_free(te);
	tm_translit_free(tr);
}

/* Learned word pairs: what chance explains is taken off. In a short
 * document's confident links a frequent word of each side (an article, a
 * preposition) co-occurs in nearly every link; its Dice coefficient is
 * high, and as an item it rewarded any link, merges and shifted links
 * most (a dropped sentence glued to its neighbour). Two rare words seen
 * together twice keep nearly all of theirs. */
static void
test_align_pair_weight_chance(void)
{
	double frequent =
	        tm__align_pair_weight(17, 18, 18, 20, TM__ALIGN_LEARN_CHANCE);
	double rare = tm__align_pair_weight(2, 2, 2, 20, TM__ALIGN_LEARN_CHANCE);

	CHECK(frequent < 0.6 * (2.0 * 17 / 36));
	CHECK(frequent > 0.3);
	CHECK(rare > 0.9 && rare <= 1.0);
	/* a pair no more frequent together than chance says weighs 0.5 of
	 * its Dice at most, never below 0 */
	CHECK(tm__align_pair_weight(5, 10, 10, 20, TM__ALIGN_LEARN_CHANCE) <=
	      0.5 * 0.5 + 1e-9);
	CHECK(tm__align_pair_weight(1, 20, 20, 20, TM__ALIGN_LEARN_CHANCE) >= 0);
	CHECK(tm__align_pair_weight(0, 3, 3, 20, TM__ALIGN_LEARN_CHANCE) == 0);
	CHECK(tm__align_pair_weight(2, 2, 2, 0, TM__ALIGN_LEARN_CHANCE) == 0);
}

/* Gale and Church: the length term of a long link weighs more than that
 * of a short one with the same ratio (the variance of the difference
 * grows with the length, the log ratio's shrinks). Measured on the
 * programme's own link costs: sentences of 300 and 30 letters against
 * 390 and 39. */
static void
test_align_length_variance(void)
{
	char l300[400], l390[500];
	const char *S_txt[2], *T_txt[2];
	double ratio[2];
	tm__side S, T;
	tm__align_params p = tm__align_default_params;
	tm__side_opts so = {"en", false, true, false, NULL, NULL, false};
	size_t lens[2];
	unsigned paras[2] = {0, 0};

	CHECK(tm__align_len_factor(0, 500, 100) == 1);
	CHECK(tm__align_len_factor(0.5, 100, 100) == 1);
	CHECK(tm__align_len_factor(0.5, 400, 100) > 1.5);
	CHECK(tm__align_len_factor(0.5, 1e6, 100) == 4);
	CHECK(tm__align_len_factor(0.5, 0, 1e6) == 0.25);
	memset(l300, 0, sizeof(l300));
	memset(l390, 0, sizeof(l390));
	for (size_t k = 0; k < 75; k++)
		memcpy(l300 + 5 * k, "abcd ", 5);
	for (size_t k = 0; k < 97; k++)
		memcpy(l390 + 5 * k, "wxyz ", 5);
	S_txt[0] = l300;
	S_txt[1] = "abcd abcd abcd abcd abcd abcd";
	T_txt[0] = l390;
	T_txt[1] = "wxyz wxyz wxyz wxyz wxyz wxyz wxyz wxyz";
	for (unsigned v = 0; v < 2; v++) {
		tm__plink *l = NULL;
		size_t n = 0;

		lens[0] = strlen(S_txt[0]);
		lens[1] = strlen(S_txt[1]);
		REQUIRE(tm__side_build(&S, S_txt, lens, paras, 2, &so) == TM_OK);
		lens[0] = strlen(T_txt[0]);
		lens[1] = strlen(T_txt[1]);
		REQUIRE(tm__side_build(&T, T_txt, lens, paras, 2, &so) == TM_OK);
		REQUIRE(tm__sides_set_pairs(&S, &T, NULL, 0) == TM_OK);
		p.lenvar = v ? 0.5 : 0;
		REQUIRE(tm__align_dp(&l, &n, &S, &T, 0, 2, 0, 2, 1.0, 0.35, &p,
		                     0, false, NULL) == TM_OK);
		REQUIRE(n == 2 && l[0].a == 1 && l[0].b == 1);
		CHECK(l[1].cost > 0);
		ratio[v] = l[0].cost / l[1].cost;
		free(l);
		tm__side_dispose(&S);
		tm__side_dispose(&T);
	}
	CHECK(ratio[1] > 1.5 * ratio[0]);
}

static void
test_align_check_script(void)
{
	side ko = {0}, ko2 = {0}, ruside = {0}, enside = {0}, tiny = {0};

	add(&ko, "한국은행은 화요일 기준금리를 3.25%로 인하했다. 16개월 만의 "
	         "첫 인하로, Samsung Electronics와 LG 주가가 올랐다.",
	    0);
	add(&ko2, "한국은행은 화요일 기준금리를 3.25%로 인하했다. 16개월 만의 "
	          "첫 인하다.",
	    0);
	for (size_t i = 0; i < 6; i++) {
		add(&ruside, ru[i], 0);
		add(&enside, en[i], 0);
	}
	add(&tiny, "CNN", 0);
	CHECK(tm_align_check_script(ko.s, ko.n, "ko") == TM_OK);
	CHECK(tm_align_check_script(ruside.s, ruside.n, "ru") == TM_OK);
	CHECK(tm_align_check_script(enside.s, enside.n, "en") == TM_OK);
	CHECK(tm_align_check_script(enside.s, enside.n, "de") == TM_OK);
	/* a Russian file given as Korean, an English one as Russian */
	CHECK(tm_align_check_script(ruside.s, ruside.n, "ko") == TM_EINVAL);
	CHECK(strstr(tm_errmsg(), "mostly Cyrillic letters (100%), not Hangul "
	                          "as 'ko' expects") != NULL);
	CHECK(tm_align_check_script(enside.s, enside.n, "ru-RU") == TM_EINVAL);
	CHECK(strstr(tm_errmsg(), "mostly Latin") != NULL);
	CHECK(tm_align_check_script(ko2.s, ko2.n, "en") == TM_EINVAL);
	CHECK(strstr(tm_errmsg(), "mostly Hangul letters (100%)") != NULL);
	/* too few letters to judge; a language whose script is not known */
	CHECK(tm_align_check_script(tiny.s, tiny.n, "ko") == TM_OK);
	CHECK(tm_align_check_script(ko.s, ko.n, "xx") == TM_OK);
	CHECK(tm_align_check_script(NULL, 0, "ko") == TM_OK);
	CHECK(tm_align_check_script(NULL, 1, "ko") == TM_EINVAL);
}

static void
test_align_bad_input(void)
{
	side a = {0};
	tm_aligner *al = NULL;
	tm_align_result *r = NULL;
	tm_align_options o = TM_ALIGN_OPTIONS_INIT;

	CHECK(tm_aligner_new(&al, "", "ru", NULL) == TM_EINVAL);
	CHECK(al == NULL);
	CHECK(tm_aligner_new(&al, "en", "r1", NULL) == TM_EINVAL);
	o.version = 99;
	CHECK(tm_aligner_new(&al, "en", "ru", &o) == TM_EINVAL);
	al = open_aligner("en", "ru");
	add(&a, "ok", 0);
	add(&a, "bad \xc3\x28 byte", 0);
	CHECK(tm_align_run(&r, al, a.s, a.n, a.s, 1) == TM_EUNICODE);
	CHECK(r == NULL);
	CHECK(strstr(tm_errmsg(), "source sentence 1: invalid UTF-8 at byte 4") !=
	      NULL);
	CHECK(tm_align_run(&r, al, NULL, 2, a.s, 1) == TM_EINVAL);
	CHECK(tm_align_run(NULL, al, a.s, 1, a.s, 1) == TM_EINVAL);
	CHECK(tm_align_run(&r, NULL, a.s, 1, a.s, 1) == TM_EINVAL);
	CHECK(r == NULL);
	CHECK(tm_aligner_dict_add(al, "", "x") == TM_EINVAL);
	CHECK(tm_aligner_dict_load(NULL, al, "/nonexistent/dict") == TM_ENOTFOUND);
	tm_aligner_free(al);
	tm_aligner_free(NULL);
	tm_align_result_free(NULL);
}

static void
test_align_dictionary(void)
{
	side a = {0}, b = {0};
	tm_aligner *al = open_aligner("en", "ru");
	tm_align_result *r = NULL;
	double without, with;

	add(&a, "Dogs bark loudly.", 0);
	add(&b, "Собаки громко лают.", 0);
	REQUIRE(tm_align_run(&r, al, a.s, a.n, b.s, b.n) == TM_OK);
	CHECK_STR(links(r), "[0]:[0]");
	without = tm_align_result_link(r, 0)->confidence;
	tm_align_result_free(r);
	REQUIRE(tm_aligner_dict_add(al, "dogs", "собаки") == TM_OK);
	REQUIRE(tm_aligner_dict_add(al, "bark loudly", "громко лают") == TM_OK);
	REQUIRE(tm_align_run(&r, al, a.s, a.n, b.s, b.n) == TM_OK);
	CHECK_STR(links(r), "[0]:[0]");
	with = tm_align_result_link(r, 0)->confidence;
	CHECK(with > without);
	tm_align_result_free(r);
	tm_aligner_free(al);
}

/* Confidence of the only link of a one-sentence pair, with @al. */
static double
one_link_confidence(tm_aligner *al, const char *src, const char *tgt)
{
	side a = {0}, b = {0};
	tm_align_result *r = NULL;
	double c;

	add(&a, src, 0);
	add(&b, tgt, 0);
	REQUIRE(tm_align_run(&r, al, a.s, a.n, b.s, b.n) == TM_OK);
	REQUIRE(tm_align_result_count(r) == 1);
	c = tm_align_result_link(r, 0)->confidence;
	tm_align_result_free(r);
	return c;
}

/* A dictionary entry meets the inflected forms of its words (Snowball
 * stems; a Korean word less its particle): it was matched on the exact
 * folded word, so `treaty @ договор` missed `treaties` and `договора`. */
static void
test_align_dictionary_stems(void)
{
	tm_aligner *al = open_bare("en", "ru");
	tm_aligner *ko = open_bare("en", "ko");
	const char *s = "The treaties were signed.";
	const char *t = "Подписание договора состоялось.";
	double without = one_link_confidence(al, s, t), with;

	REQUIRE(tm_aligner_dict_add(al, "treaty", "договор") == TM_OK);
	with = one_link_confidence(al, s, t);
	CHECK(with > without);
	CHECK(tm_aligner_lexicon_count(al, 0) == 1);
	without = one_link_confidence(ko, "The school closed early.",
	                              "학교가 일찍 문을 닫았다.");
	REQUIRE(tm_aligner_dict_add(ko, "school", "학교") == TM_OK);
	with = one_link_confidence(ko, "The school closed early.",
	                           "학교가 일찍 문을 닫았다.");
	CHECK(with > without);
	tm_aligner_free(al);
	tm_aligner_free(ko);
}

/* tm_aligner_learn(): pairs that occur together beyond chance are learned
 * (on reduced forms: `dogs` and `dog`, `собаки` and `собака` meet), words
 * seen together no more than chance has them are not, and a learned pair
 * then weighs in the alignment. */
static void
test_align_learn(void)
{
	static const char *const en_w[] = {"dogs", "cats", "horses", "birds",
	                                   "fish", "cows"};
	static const char *const ru_w[] = {"собаки", "кошки", "лошади",
	                                   "птицы", "рыбы", "коровы"};
	tm_align_sentence src[36], tgt[36];
	char sb[36][96], tb[36][96];
	tm_aligner *al = open_bare("en", "ru");
	size_t n = 0, learned = 0;
	char path[] = "/tmp/test-align-lexXXXXXX";
	int fd;
	FILE *f;
	char line[256], all[8192] = "";
	double without;

	for (size_t i = 0; i < 6; i++)
		for (size_t j = 0; j < 6; j++) {
			if (i == j)
				continue;
			snprintf(sb[n], sizeof(sb[n]), "The %s saw the %s.",
			         en_w[i], en_w[j]);
			snprintf(tb[n], sizeof(tb[n]), "%s увидели %s.", ru_w[i],
			         ru_w[j]);
			src[n] = (tm_align_sentence){sb[n], strlen(sb[n]), 0};
			tgt[n] = (tm_align_sentence){tb[n], strlen(tb[n]), 0};
			n++;
		}
	without = one_link_confidence(al, "A dog.", "Собака.");
	CHECK(tm_aligner_learn(&learned, al, src, tgt, n) == TM_OK);
	CHECK(learned >= 6);
	CHECK(tm_aligner_lexicon_count(al, 1) == learned);
	CHECK(tm_aligner_lexicon_count(al, 0) == 0);
	/* `dog` and `собака` meet `dogs` and `собаки`: the link shares a
	 * learned pair now */
	CHECK(one_link_confidence(al, "A dog.", "Собака.") > without);
	fd = mkstemp(path);
	REQUIRE(fd >= 0);
	close(fd);
	REQUIRE(tm_aligner_lexicon_write(NULL, al, path) == TM_OK);
	f = fopen(path, "r");
	REQUIRE(f != NULL);
	while (fgets(line, sizeof(line), f))
		strncat(all, line, sizeof(all) - strlen(all) - 1);
	fclose(f);
	unlink(path);
	CHECK(strstr(all, "собаки @ dogs\n") != NULL);
	CHECK(strstr(all, "кошки @ cats\n") != NULL);
	/* `the` and `увидели` are in every pair: chance explains them */
	CHECK(strstr(all, "увидели @ the\n") == NULL);
	CHECK(strstr(all, "собаки @ cats\n") == NULL);
	CHECK(tm_aligner_learn(NULL, al, NULL, NULL, 1) == TM_EINVAL);
	src[0].text = "\xff";
	src[0].len = 1;
	CHECK(tm_aligner_learn(NULL, al, src, tgt, 1) == TM_EUNICODE);
	tm_aligner_free(al);
}

/* The association a learned pair weighs: 1 when the two words always
 * occur together, 0 when they meet as often as chance has them meet. */
static void
test_align_lex_weight(void)
{
	CHECK(fabs(tm__lex_weight(10, 10, 10, 100, true) - 1.0) < 1e-9);
	CHECK(fabs(tm__lex_weight(25, 50, 50, 100, true)) < 1e-9);
	CHECK(tm__lex_weight(5, 10, 10, 100, true) > 0.4);
	CHECK(tm__lex_weight(5, 10, 10, 100, true) < 0.5);
	CHECK(tm__lex_weight(0, 10, 10, 100, true) == 0);
}

/* A dictionary's pair weighs by how rare its words are in the documents:
 * 1 for words found once, ln 2 / ln(1 + n) for words in every sentence
 * (und/et), the larger share of the two sides deciding. */
static void
test_align_given_weight(void)
{
	CHECK(fabs(tm__given_weight(1, 450, 1, 450) - 1.0) < 1e-6);
	CHECK(tm__given_weight(1, 400, 1, 450) > 0.97);
	CHECK(fabs(tm__given_weight(400, 400, 450, 450) -
	           log(2.0) / log(451.0)) < 1e-6);
	CHECK(tm__given_weight(20, 400, 20, 450) < 0.6);
	CHECK(tm__given_weight(20, 400, 20, 450) > 0.4);
	/* a word frequent on one side only is as common as its pair gets */
	CHECK(fabs(tm__given_weight(1, 400, 450, 450) -
	           tm__given_weight(400, 400, 1, 450)) < 0.01);
	CHECK(tm__given_weight(1, 400, 450, 450) < 0.2);
	CHECK(tm__given_weight(1, 1, 1, 1) == 1.0f);
}

/* The lexical lost weight counts learned pairs only: a dictionary's pair
 * whose partner the other document lacks weighs nothing (a general
 * dictionary lists translations a translator need not use), but a
 * dictionary's partner present still keeps a word from counting. */
static void
test_align_lost_given_pairs(void)
{
	const char *ts[2] = {"alpha beta", "gamma"}, *tt[2] = {"delta", "omega"};
	size_t ls[2] = {10, 5}, lt[2] = {5, 5};
	unsigned paras[2] = {0, 0};
	tm__side_opts so = {"xx", false, true, false, NULL, NULL, false};
	tm__side S, T;
	tm__reducer r = {NULL, false, NULL, 0};
	tm__lexicon L = {0};

	REQUIRE(tm__side_build(&S, ts, ls, paras, 2, &so) == TM_OK);
	REQUIRE(tm__side_build(&T, tt, lt, paras, 2, &so) == TM_OK);
	REQUIRE(tm__side_reduce(&S, &r) == TM_OK);
	REQUIRE(tm__side_reduce(&T, &r) == TM_OK);
	/* alpha: a given partner, absent; beta: a learned partner absent, a
	 * given one present; gamma: a learned partner, absent */
	REQUIRE(tm__lexicon_add(&L, &r, &r, "alpha", 5, "zeta", 4, 1.0f,
	                        true) == TM_OK);
	REQUIRE(tm__lexicon_add(&L, &r, &r, "beta", 4, "kappa", 5, 0.8f,
	                        false) == TM_OK);
	REQUIRE(tm__lexicon_add(&L, &r, &r, "beta", 4, "delta", 5, 1.0f,
	                        true) == TM_OK);
	REQUIRE(tm__lexicon_add(&L, &r, &r, "gamma", 5, "theta", 5, 0.8f,
	                        false) == TM_OK);
	REQUIRE(tm__lexicon_lost(&L, &S, &T, 1.0f, 0.0f, 4.0f) == TM_OK);
	CHECK(S.lost_lex[0] == 0.0f);
	CHECK(fabs(S.lost_lex[1] - 3.2) < 1e-5);
	tm__lexicon_dispose(&L);
	tm__side_dispose(&S);
	tm__side_dispose(&T);
}

/* A one-sentence paragraph with nothing to anchor it (no number, no name)
 * moved past its neighbour: no paragraph is its mutual best match, but it
 * is left over just before an anchor on one side and just after it on the
 * other, so it is found and aligned with its partner (crossing links). */
static void
test_align_moved_orphan_paragraph(void)
{
	side a = {0}, b = {0};
	tm_aligner *al = open_aligner("en", "ru");
	tm_align_result *r = NULL;

	add(&a, en[0], 0);
	add(&a, en[1], 1);
	add(&a, "Markets were calm in the morning.", 2);
	add(&a, en[3], 3);
	add(&a, en[5], 4);
	add(&b, ru[0], 0);
	add(&b, ru[1], 1);
	add(&b, ru[3], 2);
	add(&b, "Утром на рынках было спокойно.", 3);
	add(&b, ru[5], 4);
	REQUIRE(tm_align_run(&r, al, a.s, a.n, b.s, b.n) == TM_OK);
	CHECK_STR(links(r), "[0]:[0] [1]:[1] [2]:[3] [3]:[2] [4]:[4]");
	tm_align_result_free(r);
	/* in place, it stays in place */
	b.n = 2;
	add(&b, "Утром на рынках было спокойно.", 2);
	add(&b, ru[3], 3);
	add(&b, ru[5], 4);
	REQUIRE(tm_align_run(&r, al, a.s, a.n, b.s, b.n) == TM_OK);
	CHECK_STR(links(r), "[0]:[0] [1]:[1] [2]:[2] [3]:[3] [4]:[4]");
	tm_align_result_free(r);
	tm_aligner_free(al);
}

/* A paragraph moved to the front, and a later source paragraph matched by
 * chance (444 children in the wrong target paragraph) to the paragraph of
 * the one the move jumped over: the longest chain of paragraph pairs in
 * order then ties between the true move and a wrong one, and picked the
 * wrong one (the jumped-over paragraph left unlinked, the last linked to
 * its neighbour's translation). Each pair alone is tried as the move too,
 * and the cheapest alignment is the true one. */
static void
test_align_moved_paragraph_chance_tie(void)
{
	side a = {0}, b = {0};
	tm_aligner *al = open_aligner("en", "ru");
	tm_align_result *r = NULL;

	add(&a, "The council approved a budget of 111 million dollars on "
	        "Monday.", 0);
	add(&a, "Residents said they were happy with the decision and thanked "
	        "the mayor.", 1);
	add(&a, "The new bridge will open in 2027 after 333 days of work.", 2);
	add(&a, "The project employs 444 workers and uses steel.", 3);
	add(&b, "Новый мост откроется в 2027 году после 333 дней работ.", 0);
	add(&b, "В понедельник совет утвердил бюджет в 111 миллионов "
	        "долларов.", 1);
	add(&b, "Жители сказали, что довольны решением, и поблагодарили мэра, "
	        "и 444 ребенка.", 2);
	add(&b, "На проекте заняты рабочие, используется сталь.", 3);
	REQUIRE(tm_align_run(&r, al, a.s, a.n, b.s, b.n) == TM_OK);
	CHECK_STR(links(r), "[0]:[1] [1]:[2] [2]:[0] [3]:[3]");
	tm_align_result_free(r);
	tm_aligner_free(al);
}

static void
test_align_long_linear(void)
{
	/* 6,000 sentences a side must not take quadratic memory or time:
	 * the band keeps it to a few MB */
	enum { N = 6000 };
	tm_align_sentence *a = calloc(N, sizeof(*a)), *b = calloc(N, sizeof(*b));
	tm_aligner *al = open_aligner("en", "ru");
	tm_align_result *r = NULL;
	size_t good = 0;

	REQUIRE(a && b);
	for (size_t i = 0; i < N; i++) {
		a[i].text = en[i % 6];
		a[i].len = strlen(en[i % 6]);
		b[i].text = ru[i % 6];
		b[i].len = strlen(ru[i % 6]);
	}
	REQUIRE(tm_align_run(&r, al, a, N, b, N) == TM_OK);
	for (size_t i = 0; i < tm_align_result_count(r); i++) {
		const tm_align_link *l = tm_align_result_link(r, i);

		good += l->nsrc == 1 && l->ntgt == 1 && l->src == l->tgt;
	}
	CHECK(good == N);
	tm_align_result_free(r);
	tm_aligner_free(al);
	free(a);
	free(b);
}

/* TM_ALIGN_STOP_UNRELATED: a pair of a million sentence pairs judged not
 * a translation gets its verdict and score and no link (tm align refuses
 * it unless --force); a translation is aligned as without the flag. */
static void
test_align_stop_unrelated(void)
{
	enum { N = 1000 };
	static const char *const other[] = {
	        "Футбольный клуб купил нового вратаря.",
	        "Матч прошёл при пустых трибунах.",
	        "Тренер отказался от комментариев после игры в субботу.",
	        "Болельщики собрались у стадиона вечером.",
	        "Следующая игра состоится через неделю.",
	        "Клуб основан более ста лет назад.",
	};
	tm_align_options o = TM_ALIGN_OPTIONS_INIT;
	tm_align_sentence *a = calloc(N, sizeof(*a)), *b = calloc(N, sizeof(*b)),
	                  *c = calloc(N, sizeof(*c));
	tm_aligner *plain = open_aligner("en", "ru"), *stop = NULL;
	tm_align_result *r = NULL, *rs = NULL, *t = NULL, *ts = NULL;

	REQUIRE(a && b && c);
	o.flags = TM_ALIGN_STOP_UNRELATED;
	REQUIRE(tm_aligner_new(&stop, "en", "ru", &o) == TM_OK);
	for (size_t i = 0; i < N; i++) {
		a[i] = (tm_align_sentence){ .text = en[i % 6],
			                    .len = strlen(en[i % 6]) };
		b[i] = (tm_align_sentence){ .text = other[i % 6],
			                    .len = strlen(other[i % 6]) };
		c[i] = (tm_align_sentence){ .text = ru[i % 6],
			                    .len = strlen(ru[i % 6]) };
	}
	REQUIRE(tm_align_run(&r, plain, a, N, b, N) == TM_OK);
	REQUIRE(tm_align_run(&rs, stop, a, N, b, N) == TM_OK);
	CHECK(tm_align_result_verdict(r) == TM_ALIGN_NOT_TRANSLATION);
	CHECK(tm_align_result_verdict(rs) == TM_ALIGN_NOT_TRANSLATION);
	CHECK(tm_align_result_score(rs) == tm_align_result_score(r));
	CHECK(tm_align_result_count(r) > 0);
	CHECK(tm_align_result_count(rs) == 0);
	REQUIRE(tm_align_run(&t, plain, a, N, c, N) == TM_OK);
	REQUIRE(tm_align_run(&ts, stop, a, N, c, N) == TM_OK);
	CHECK(tm_align_result_verdict(ts) == TM_ALIGN_TRANSLATION);
	CHECK(tm_align_result_count(ts) == tm_align_result_count(t));
	tm_align_result_free(r);
	tm_align_result_free(rs);
	tm_align_result_free(t);
	tm_align_result_free(ts);
	tm_aligner_free(plain);
	tm_aligner_free(stop);
	free(a);
	free(b);
	free(c);
}

/* Whether every sentence of both sides is in exactly one link of @r,
 * the links come in order, and no flagged sentence is in a link with
 * both sides (and each is alone in a link of confidence 1.0). */
static bool
apart_ok(const tm_align_result *r, const unsigned char *sa, size_t ns,
         const unsigned char *ta, size_t nt)
{
	size_t es = 0, et = 0;

	for (size_t i = 0; i < tm_align_result_count(r); i++) {
		const tm_align_link *l = tm_align_result_link(r, i);

		if (l->nsrc && l->src != es)
			return false;
		if (l->ntgt && l->tgt != et)
			return false;
		for (size_t k = 0; k < l->nsrc; k++)
			if (sa[l->src + k] && (l->ntgt || l->nsrc > 1 ||
			                       l->confidence != 1.0))
				return false;
		for (size_t k = 0; k < l->ntgt; k++)
			if (ta[l->tgt + k] && (l->nsrc || l->ntgt > 1 ||
			                       l->confidence != 1.0))
				return false;
		es += l->nsrc;
		et += l->ntgt;
	}
	return es == ns && et == nt;
}

/* Notes and end marks (issue #18) are never linked: 1-0/0-1 links at
 * their place, the rest aligned as without them. */
static void
test_align_apart(void)
{
	side a = {0}, b = {0};
	tm_aligner *al = open_aligner("en", "ru");
	tm_align_result *r = NULL;
	unsigned char sa[MAXS] = {0}, ta[MAXS] = {0};
	static char merged[512];

	for (size_t i = 0; i < 6; i++)
		add(&a, en[i], 0);
	add(&a, "(END)", 1);
	sa[6] = 1;
	for (size_t i = 0; i < 6; i++) {
		add(&b, ru[i], 0);
		if (i == 2) {
			add(&b, "(Прим. пер.: Хан - управляющий банка.)", 0);
			ta[3] = 1;
		}
	}
	add(&b, "(Конец)", 1);
	ta[7] = 1;
	REQUIRE(tm_align_run_apart(&r, al, a.s, a.n, sa, b.s, b.n, ta) ==
	        TM_OK);
	CHECK_STR(links(r), "[0]:[0] [1]:[1] [2]:[2] []:[3] [3]:[4] [4]:[5] "
	                    "[5]:[6] [6]:[] []:[7]");
	CHECK(apart_ok(r, sa, a.n, ta, b.n));
	CHECK(tm_align_result_link(r, 3)->src == 3);
	CHECK(tm_align_result_link(r, 7)->tgt == 7);
	tm_align_result_free(r);
	/* without flags it is tm_align_run() */
	{
		tm_align_result *r2 = NULL;
		char want[2048];

		REQUIRE(tm_align_run(&r2, al, a.s, 6, b.s, 3) == TM_OK);
		snprintf(want, sizeof(want), "%s", links(r2));
		REQUIRE(tm_align_run_apart(&r, al, a.s, 6, NULL, b.s, 3,
		                           NULL) == TM_OK);
		CHECK_STR(links(r), want);
		tm_align_result_free(r2);
		tm_align_result_free(r);
	}
	/* a note inside what the other side merged: never in a link with
	 * both sides, whatever the programme makes of the rest */
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	memset(sa, 0, sizeof(sa));
	memset(ta, 0, sizeof(ta));
	snprintf(merged, sizeof(merged), "%s %s", ru[1], ru[2]);
	add(&a, en[0], 0);
	add(&a, en[1], 0);
	add(&a, "(Editor's note: Han is the governor.)", 0);
	sa[2] = 1;
	add(&a, en[2], 0);
	add(&a, en[3], 0);
	add(&b, ru[0], 0);
	add(&b, merged, 0);
	add(&b, ru[3], 0);
	REQUIRE(tm_align_run_apart(&r, al, a.s, a.n, sa, b.s, b.n, ta) ==
	        TM_OK);
	CHECK(apart_ok(r, sa, a.n, ta, b.n));
	CHECK_STR(links(r), "[0]:[0] [1]:[1] [2]:[] [3]:[] [4]:[2]");
	tm_align_result_free(r);
	/* flags anywhere, merged sentences on the target side, paragraphs:
	 * the invariants hold for every draw (a fixed generator: the same
	 * draws each run) */
	{
		unsigned long x = 12345;
		int bad = 0;
		static char m2[6][512];

		for (int round = 0; round < 300; round++) {
			memset(&a, 0, sizeof(a));
			memset(&b, 0, sizeof(b));
			memset(sa, 0, sizeof(sa));
			memset(ta, 0, sizeof(ta));
			for (size_t i = 0; i < 6; i++) {
				x = x * 6364136223846793005ul + 1442695040888963407ul;
				if ((x >> 33) % 4 == 0) {
					sa[a.n] = 1;
					add(&a, "(Editor's note: see above.)",
					    (unsigned)i / 3);
				}
				add(&a, en[i], (unsigned)i / 3);
				x = x * 6364136223846793005ul + 1442695040888963407ul;
				if ((x >> 33) % 5 == 0 && i + 1 < 6) {
					snprintf(m2[i], sizeof(m2[i]), "%s %s",
					         ru[i], ru[i + 1]);
					add(&b, m2[i], (unsigned)i / 3);
					i++;
					add(&a, en[i], (unsigned)i / 3);
				} else {
					add(&b, ru[i], (unsigned)i / 3);
				}
				x = x * 6364136223846793005ul + 1442695040888963407ul;
				if ((x >> 33) % 4 == 0) {
					ta[b.n] = 1;
					add(&b, "(Прим. пер.: см. выше.)",
					    (unsigned)i / 3);
				}
			}
			if (tm_align_run_apart(&r, al, a.s, a.n, sa, b.s, b.n,
			                       ta) != TM_OK ||
			    !apart_ok(r, sa, a.n, ta, b.n)) {
				if (!bad++)
					printf("#   round %d: %s\n", round,
					       r ? links(r) : tm_errmsg());
			}
			tm_align_result_free(r);
			r = NULL;
		}
		CHECK(bad == 0);
	}
	tm_aligner_free(al);
}

/* A true pair whose last paragraph the translation moved to the front
 * (five sentences naming the same two people): in the document's order a
 * monotone path meets either the moved paragraph or the rest, and the
 * target read backwards aligns better than forwards (the order evidence
 * said "not a translation", score 0.04). With the target's paragraphs put
 * back in the source's order, it is a translation. The English against
 * another story in paragraphs is still refused. */
static void
test_align_verdict_moved_paragraph(void)
{
	side a = {0}, b = {0}, c = {0};
	tm_aligner *al = open_aligner("en", "ru");
	static const char *const other[] = {
	        "Футбольный клуб купил нового вратаря.",
	        "Матч прошёл при пустых трибунах.",
	        "Тренер отказался от комментариев после игры в субботу.",
	        "Болельщики собрались у стадиона вечером.",
	        "Следующая игра состоится через неделю.",
	        "Клуб основан более ста лет назад.",
	        "Новый стадион построят к осени.",
	};

	add(&a, "Mayor Orlov opened the new library in Kazan on a cold "
	        "morning.", 0);
	add(&a, "Hundreds of readers waited outside before the doors opened.",
	    0);
	add(&a, "The building was designed by the architect Ivanov.", 1);
	add(&a, "He said the reading rooms face the river on purpose.", 1);
	add(&a, "Teachers from Sochi came to see the children's section.", 2);
	add(&a, "Many of them want a similar library in their own town.", 2);
	add(&a, "Deputy Petrov and his ally Lebedev called the project too "
	        "expensive.", 3);
	add(&a, "Petrov said the money should have gone to schools, and "
	        "Lebedev agreed.", 3);
	add(&a, "Lebedev wrote to the governor, and Petrov signed the letter "
	        "too.", 3);
	add(&a, "Petrov and Lebedev will raise the matter again in the "
	        "spring.", 3);
	add(&a, "Lebedev told reporters that Petrov would speak for both of "
	        "them.", 3);
	add(&b, "Депутат Петров и его союзник Лебедев назвали проект слишком "
	        "дорогим.", 0);
	add(&b, "Петров сказал, что эти деньги следовало направить школам, и "
	        "Лебедев согласился.", 0);
	add(&b, "Лебедев написал губернатору, и Петров тоже подписал письмо.",
	    0);
	add(&b, "Петров и Лебедев снова поднимут этот вопрос весной.", 0);
	add(&b, "Лебедев сказал журналистам, что Петров будет говорить за "
	        "обоих.", 0);
	add(&b, "Мэр Орлов открыл новую библиотеку в Казани холодным утром.",
	    1);
	add(&b, "Сотни читателей ждали у входа, пока не открылись двери.", 1);
	add(&b, "Здание спроектировал архитектор Иванов.", 2);
	add(&b, "По его словам, читальные залы нарочно выходят окнами на "
	        "реку.", 2);
	add(&b, "Учителя из Сочи приехали посмотреть детский отдел.", 3);
	add(&b, "Многие из них хотят такую же библиотеку в своём городе.", 3);
	CHECK(verdict(al, &a, &b) == TM_ALIGN_TRANSLATION);
	for (size_t i = 0; i < 7; i++)
		add(&c, other[i], (unsigned)i / 2);
	CHECK(verdict(al, &a, &c) == TM_ALIGN_NOT_TRANSLATION);
	tm_aligner_free(al);
}

/* A dictionary's missing words: three plain sentences (no number, no
 * name) against three of another story of like lengths are unsure
 * without a dictionary (nothing to weigh but lengths); with a dictionary
 * that knows a dozen words of each side and pairs none of them across, it
 * is refused, while the true translation with the same dictionary is a
 * translation. A dictionary that knows only four words of each side of a
 * translation in its own words says nothing against it, and one that
 * knows the English words but none of the translation's forms (other
 * inflections) nothing against the translation. */
static void
test_align_verdict_dictionary(void)
{
	side a = {0}, b = {0}, c = {0}, d, e;
	tm_aligner *al = open_bare("en", "ru"), *other = NULL;
	static const char *const dict[][2] = {
	        {"bridge", "мост"},       {"river", "реку"},
	        {"repairs", "ремонт"},    {"week", "неделе"},
	        {"drivers", "водители"},  {"road", "дороге"},
	        {"hills", "холмы"},       {"town", "города"},
	        {"shop", "магазинов"},    {"owners", "владельцы"},
	        {"customers", "покупателей"}, {"market", "рынке"},
	        {"club", "клуб"},         {"goalkeeper", "вратаря"},
	        {"season", "сезона"},     {"match", "матч"},
	        {"stands", "трибунах"},   {"rain", "дождя"},
	        {"coach", "тренер"},      {"game", "игры"},
	        {"saturday", "субботу"},  {"evening", "вечером"},
	};
	static const char *const own[][2] = {
	        {"family", "семья"},   {"friends", "друзья"},
	        {"patience", "терпение"}, {"think", "думают"},
	        {"company", "компанию"}, {"opinion", "мнение"},
	        {"people", "людей"},   {"own", "собственное"},
	};
	static const char *const forms[][2] = {
	        {"bridge", "мосту"},      {"river", "река"},
	        {"repairs", "ремонта"},   {"week", "неделя"},
	        {"drivers", "водителей"}, {"road", "дорога"},
	        {"hills", "холмов"},      {"town", "город"},
	        {"owners", "владельцев"}, {"customers", "покупатели"},
	        {"market", "рынок"},
	};

	bridge_en(&a);
	bridge_ru(&b);
	football_ru(&c);
	CHECK(verdict(al, &a, &c) == TM_ALIGN_UNSURE);
	for (size_t i = 0; i < TM_ARRAY_SIZE(dict); i++)
		REQUIRE(tm_aligner_dict_add(al, dict[i][0], dict[i][1]) == TM_OK);
	CHECK(verdict(al, &a, &c) == TM_ALIGN_NOT_TRANSLATION);
	CHECK(verdict(al, &a, &b) == TM_ALIGN_TRANSLATION);
	/* a translation in its own words (a third longer than the pair's
	 * ratio: unsure without a dictionary) with a dictionary that knows
	 * four words of each side and pairs none across: a translation
	 * misses all four too often for that to count against it */
	other = open_bare("en", "ru");
	for (size_t i = 0; i < TM_ARRAY_SIZE(own); i++)
		REQUIRE(tm_aligner_dict_add(other, own[i][0], own[i][1]) ==
		        TM_OK);
	memset(&d, 0, sizeof(d));
	memset(&e, 0, sizeof(e));
	council_pair(&d, &e);
	CHECK(verdict(other, &d, &e) == TM_ALIGN_UNSURE);
	tm_aligner_free(other);
	other = open_bare("en", "ru");
	for (size_t i = 0; i < TM_ARRAY_SIZE(forms); i++)
		REQUIRE(tm_aligner_dict_add(other, forms[i][0], forms[i][1]) ==
		        TM_OK);
	CHECK(verdict(other, &a, &b) != TM_ALIGN_NOT_TRANSLATION);
	tm_aligner_free(other);
	tm_aligner_free(al);
}

/* Teaches @al 400 sentence pairs of five words of @voc each (the
 * English word, then its translation, in the same order), the words
 * drawn by a linear congruential generator from @seed; returns how many
 * word pairs it learned. */
static size_t
teach_vocabulary(tm_aligner *al, const char *const (*voc)[2], size_t nv,
                 unsigned seed)
{
	enum { NP = 400, NW = 5 };
	static char es[NP][128], ts[NP][160];
	static tm_align_sentence src[NP], tgt[NP];
	unsigned x = seed;
	size_t learned = 0;

	for (size_t k = 0; k < NP; k++) {
		size_t eo = 0, to = 0;

		for (int w = 0; w < NW; w++) {
			size_t v;

			x = x * 1103515245u + 12345u;
			v = (x >> 16) % nv;
			eo += (size_t)snprintf(es[k] + eo, sizeof(es[k]) - eo,
			                       "%s%s", w ? " " : "", voc[v][0]);
			to += (size_t)snprintf(ts[k] + to, sizeof(ts[k]) - to,
			                       "%s%s", w ? " " : "", voc[v][1]);
		}
		src[k].text = es[k];
		src[k].len = eo;
		tgt[k].text = ts[k];
		tgt[k].len = to;
	}
	REQUIRE(tm_aligner_learn(&learned, al, src, tgt, NP) == TM_OK);
	return learned;
}

/* The translation check with a learned lexicon (tm_aligner_learn()): it
 * weighs the words the lexicon knows on reduced forms, against the share
 * of them a translation matched on the pairs it learned from. Three
 * sentences of one story against three of another, without numbers or
 * names, are unsure without it and refused with it (none of the words it
 * knows on either side has its partner on the other); a translation in
 * its own words, where it knows five English words and only one Russian
 * one, is not refused (too few known words on a side to count against
 * the pair). */
static void
test_align_verdict_learned_lexicon(void)
{
	static const char *const voc[][2] = {
	        {"bridge", "мост"},          {"river", "реку"},
	        {"repairs", "ремонт"},       {"week", "неделе"},
	        {"drivers", "водители"},     {"road", "дороге"},
	        {"hills", "холмы"},          {"town", "города"},
	        {"owners", "владельцы"},     {"customers", "покупателей"},
	        {"market", "рынке"},         {"football", "футбольный"},
	        {"club", "клуб"},            {"goalkeeper", "вратаря"},
	        {"season", "сезона"},        {"match", "матч"},
	        {"stands", "трибунах"},      {"rain", "дождя"},
	        {"coach", "тренер"},         {"comments", "комментариев"},
	        {"game", "игры"},            {"evening", "вечером"},
	        {"council", "совет"},        {"family", "семья"},
	        {"friends", "друзья"},       {"patience", "терпение"},
	};
	enum { NV = TM_ARRAY_SIZE(voc) };
	tm_aligner *al = open_bare("en", "ru");
	side a = {0}, c = {0}, d = {0}, e = {0};

	bridge_en(&a);
	football_ru(&c);
	council_pair(&d, &e);
	CHECK(verdict(al, &a, &c) == TM_ALIGN_UNSURE);
	CHECK(teach_vocabulary(al, voc, NV, 12345) >= NV);
	CHECK(verdict(al, &a, &c) == TM_ALIGN_NOT_TRANSLATION);
	CHECK(verdict(al, &d, &e) != TM_ALIGN_NOT_TRANSLATION);
	tm_aligner_free(al);
}

/* A learned lexicon knows a Korean stem (발표 from 발표를) more often than
 * the word with its ending (발표했다): the check counts a Hangul word by
 * its longest prefix the lexicon knows, so that a short Korean excerpt
 * with verb endings and compounds has enough known words to be told
 * apart from another story's. The lexicon below has learned the stems
 * alone; the Korean stories write none of them bare. A shorter one,
 * whose six known words match none of the English's eleven, is refused
 * too (ten known words of one side and five of the other are enough
 * when nothing matched). */
static void
test_align_verdict_korean_stems(void)
{
	static const char *const voc[][2] = {
	        {"bridge", "교량"},     {"river", "하천"},
	        {"repairs", "보수"},    {"week", "주간"},
	        {"drivers", "운전자"},  {"road", "도로"},
	        {"hills", "언덕"},      {"town", "마을"},
	        {"owners", "주인"},     {"customers", "손님"},
	        {"market", "시장"},     {"football", "축구"},
	        {"club", "구단"},       {"goalkeeper", "골키퍼"},
	        {"season", "시즌"},     {"match", "경기"},
	        {"stands", "관중"},     {"rain", "폭우"},
	        {"coach", "감독"},      {"comments", "논평"},
	        {"game", "시합"},       {"evening", "저녁"},
	        {"council", "의회"},    {"family", "가족"},
	        {"friends", "친구"},    {"patience", "인내"},
	};
	enum { NV = TM_ARRAY_SIZE(voc) };
	tm_aligner *al = open_bare("en", "ko");
	side a = {0}, c = {0}, d = {0}, e = {0}, f = {0}, g = {0};

	bridge_en(&a);
	/* a football story: 축구구단, 시즌개막, 골키퍼들, 경기장, 폭우때문,
	 * 관중석, 감독님, 시합후, 저녁식사, 논평하기, 구단주들 */
	football_ko(&c);
	/* fewer words known (6): enough when none of either side matched */
	add(&f, "경기장은 폭우때문에 사람들이 거의 없이 텅 비어 있었다.", 0);
	add(&f, "감독님은 시합후 저녁식사 자리에서 논평하기를 거부했다.", 0);
	add(&f, "선수들은 조용히 버스를 타고 숙소로 돌아갔다.", 0);
	add(&d, "The council is no longer a family of friends.", 0);
	add(&d, "It has no patience for those who say what they think.", 0);
	add(&e, "시의회는 더 이상 오랜 친구들끼리의 가족같은 모임이 아니다.", 0);
	add(&e, "이제는 자기 생각을 솔직하게 말하는 사람들을 인내하지 "
	        "않는다.",
	    0);
	CHECK(verdict(al, &a, &c) == TM_ALIGN_UNSURE);
	CHECK(teach_vocabulary(al, voc, NV, 54321) >= NV);
	CHECK(verdict(al, &a, &c) == TM_ALIGN_NOT_TRANSLATION);
	CHECK(verdict(al, &a, &f) == TM_ALIGN_NOT_TRANSLATION);
	CHECK(verdict(al, &d, &e) != TM_ALIGN_NOT_TRANSLATION);
	/* another football story with a word of the bridge story's, 마을
	 * (town), by chance, and fewer than ten known words on the Korean
	 * side. A learned lexicon's evidence follows en-ko's rules (six
	 * words of a side and three of the other, a translation's share
	 * varying: tm__judge_pair_rules()), not the ten a side it asked for
	 * any language pair, which left this pair unsure (score 0.61; now
	 * 0.01) */
	add(&g, "선수들은 지난주 내내 폭우 속에서 훈련을 계속했고 모두 지쳐 "
	        "있었다.",
	    0);
	add(&g, "감독님은 시합후 저녁식사 자리에서 오랫동안 논평하기를 "
	        "거부했다고 한다.",
	    0);
	add(&g, "구단 관계자들은 마을 주민들에게 다음 시즌을 기대해 달라고 "
	        "부탁했다.",
	    0);
	CHECK(verdict(al, &a, &g) == TM_ALIGN_NOT_TRANSLATION);
	tm_aligner_free(al);
}

/* The built-in core lexicon: a table for en-ko and en-ru, found for
 * either direction, none for de-it, de-fr's own, ko-ru's own merged with
 * the one through English. */
static void
test_align_core_tables(void)
{
	static const char *const pairs[][2] = {
	        {"en", "ko"}, {"en", "ru"}, {"ko", "en"}, {"ru-RU", "en-US"}};
	tm__core_ref ref;
	size_t own;

	for (size_t i = 0; i < TM_ARRAY_SIZE(pairs); i++) {
		CHECK(tm__core_find(&ref, pairs[i][0], pairs[i][1]));
		CHECK(ref.t != NULL && ref.t->n >= 1000);
		CHECK(ref.reversed == (pairs[i][0][0] != 'e'));
	}
	CHECK(!tm__core_find(&ref, "de", "it"));
	CHECK(ref.t == NULL);
	/* German-French, either direction: folded (ä as a, é as e) and
	 * stemmed, with the regular forms of its words (data/inflect.py) */
	REQUIRE(tm__core_find(&ref, "fr", "de"));
	CHECK(ref.t != NULL && ref.t->n >= 1000 && ref.reversed);
	CHECK(tm__core_has(ref.t, 0, "gletsch", 7));
	CHECK(tm__core_has(ref.t, 0, "hutt", 4));      /* Hütte */
	CHECK(tm__core_has(ref.t, 0, "gestieg", 7));   /* gestiegen */
	CHECK(tm__core_has(ref.t, 1, "glaci", 5));
	CHECK(tm__core_has(ref.t, 1, "arriverent", 10)); /* arrivèrent */
	CHECK(!tm__core_has(ref.t, 0, "nicht", 5));    /* no function word */
	/* ko-ru: its own table (lexicon-ko-ru.tsv), Korean to Russian, and
	 * on first use the union of it and the one through English */
	REQUIRE(tm__core_find(&ref, "ru", "ko"));
	REQUIRE(ref.t != NULL && ref.reversed);
	CHECK(strcmp(ref.t->src, "ko") == 0 && ref.t->n >= 1000);
	own = ref.t->n;
	CHECK(tm__core_has(ref.t, 0, "줄었", 6)); /* its own: сократиться */
	CHECK(!tm__core_has(ref.t, 0, "묘사", 6)); /* through English only */
	REQUIRE(tm__core_pivot(&ref) == TM_OK);
	CHECK(ref.t != NULL && ref.t->n > own && ref.reversed);
	CHECK(tm__core_has(ref.t, 0, "정부", 6));
	CHECK(tm__core_has(ref.t, 0, "줄었", 6));
	CHECK(tm__core_has(ref.t, 0, "묘사", 6));
	CHECK(tm__core_has(ref.t, 1, "правительств", 24));
	tm__core_dispose(&ref);
	/* the words are stored as a document's words reduce */
	REQUIRE(tm__core_find(&ref, "en", "ru"));
	CHECK(tm__core_has(ref.t, 0, "govern", 6));
	CHECK(!tm__core_has(ref.t, 0, "government", 10));
	CHECK(tm__core_has(ref.t, 1, "правительств", 24));
}

/* A Korean word meets the core lexicon's word start it begins with
 * (`발표` in `발표했다`, `발표하고`; `혐의` in `혐의를`), and a word it
 * does not list loses its particle as before. */
static void
test_align_core_korean_prefix(void)
{
	tm__core_ref ref;
	tm__reducer r = {NULL, true, NULL, 0};
	char out[64];
	const char *w;

	REQUIRE(tm__core_find(&ref, "en", "ko"));
	r.prefixes = ref.t;
	r.prefix_col = 1;
	w = "발표했다";
	CHECK(tm__reduce(&r, w, strlen(w), out, sizeof(out)) == 6);
	CHECK_STR(out, "발표");
	w = "발표하고";
	tm__reduce(&r, w, strlen(w), out, sizeof(out));
	CHECK_STR(out, "발표");
	w = "정부는";
	tm__reduce(&r, w, strlen(w), out, sizeof(out));
	CHECK_STR(out, "정부");
	/* 혐의 (charge) ends in the particle 의: kept whole */
	w = "혐의를";
	tm__reduce(&r, w, strlen(w), out, sizeof(out));
	CHECK_STR(out, "혐의");
	w = "혐의";
	tm__reduce(&r, w, strlen(w), out, sizeof(out));
	CHECK_STR(out, "혐의");
	/* not listed: the particle stripped */
	w = "평양에서";
	tm__reduce(&r, w, strlen(w), out, sizeof(out));
	CHECK_STR(out, "평양");
	r.prefixes = NULL;
	w = "혐의";
	tm__reduce(&r, w, strlen(w), out, sizeof(out));
	CHECK_STR(out, "혐");
}

/* A short en-ko story without numbers or names whose translation dropped
 * its third sentence: lengths alone put the deletion one sentence early;
 * the core lexicon's words (teacher, school: 교사, 학교, nowhere in the
 * translation) put it where it belongs, and the off switch takes it
 * away. */
static void
test_align_core_dropped_sentence(void)
{
	side a = {0}, b = {0};
	tm_aligner *al = open_aligner("en", "ko"), *bare = open_bare("en", "ko");
	tm_align_result *r = NULL;

	add(&a, "The farmers waited for rain all week.", 0);
	add(&a, "The river rose near the old bridge.", 0);
	add(&a, "Teachers closed the school early today.", 0);
	add(&a, "The market had higher prices for bread.", 0);
	add(&a, "Children played on the road by the village.", 0);
	add(&a, "Doctors at the hospital worked all night.", 0);
	add(&a, "The train left the station very late.", 0);
	add(&b, "농부들은 일주일 내내 비를 기다렸다.", 0);
	add(&b, "강물이 오래된 다리 근처에서 불어났다.", 0);
	add(&b, "시장에서는 빵 가격이 올랐다.", 0);
	add(&b, "아이들은 마을 옆 도로에서 놀았다.", 0);
	add(&b, "병원의 의사들은 밤새 일했다.", 0);
	add(&b, "기차는 역을 매우 늦게 떠났다.", 0);
	REQUIRE(tm_align_run(&r, al, a.s, a.n, b.s, b.n) == TM_OK);
	CHECK_STR(links(r), "[0]:[0] [1]:[1] [2]:[] [3]:[2] [4]:[3] [5]:[4] "
	                    "[6]:[5]");
	tm_align_result_free(r);
	REQUIRE(tm_align_run(&r, bare, a.s, a.n, b.s, b.n) == TM_OK);
	CHECK(strstr(links(r), "[2]:[] ") == NULL);
	tm_align_result_free(r);
	/* the reverse direction has the table too */
	tm_aligner_free(al);
	al = open_aligner("ko", "en");
	REQUIRE(tm_align_run(&r, al, b.s, b.n, a.s, a.n) == TM_OK);
	CHECK_STR(links(r), "[0]:[0] [1]:[1] []:[2] [2]:[3] [3]:[4] [4]:[5] "
	                    "[5]:[6]");
	tm_align_result_free(r);
	tm_aligner_free(al);
	tm_aligner_free(bare);
}

/* A mountain story without numbers or names, and its French translation,
 * which left out the guide's family (the German's third sentence). */
static void
mountain_de(side *a)
{
	add(a, "Früh am Morgen verließen wir die Hütte.", 0);
	add(a, "Der Weg führte steil durch den dunklen Wald hinauf.", 0);
	add(a, "Unser Führer erzählte uns von seiner Familie und seinen "
	       "Kindern.", 0);
	add(a, "Über dem Gletscher lag dichter Nebel.", 0);
	add(a, "Gegen Mittag erreichten wir endlich den Gipfel.", 0);
	add(a, "Der Abstieg über den Grat dauerte drei Stunden.", 0);
}

static void
mountain_fr(side *b)
{
	add(b, "Tôt le matin, nous quittâmes la cabane.", 0);
	add(b, "Le sentier montait en pente raide à travers la sombre "
	       "forêt.", 0);
	add(b, "Un épais brouillard couvrait le glacier.", 0);
	add(b, "Vers midi, nous atteignîmes enfin le sommet.", 0);
	add(b, "La descente par l'arête dura trois heures.", 0);
}

/* German-French has a core lexicon too: a mountain story without numbers
 * or names whose translation dropped the guide's family (its third
 * sentence); lengths alone drop the first sentence and shift the rest,
 * the listed words (Hütte cabane, Wald forêt, Gletscher glacier, Gipfel
 * sommet, drei trois...) put the deletion where it belongs, in either
 * direction; without the table (--no-core-lexicon) it is lost. */
static void
test_align_core_german_french(void)
{
	side a = {0}, b = {0};
	tm_aligner *al = open_aligner("de", "fr"), *bare = open_bare("de", "fr");
	tm_align_result *r = NULL;

	mountain_de(&a);
	mountain_fr(&b);
	REQUIRE(tm_align_run(&r, al, a.s, a.n, b.s, b.n) == TM_OK);
	CHECK_STR(links(r), "[0]:[0] [1]:[1] [2]:[] [3]:[2] [4]:[3] [5]:[4]");
	tm_align_result_free(r);
	REQUIRE(tm_align_run(&r, bare, a.s, a.n, b.s, b.n) == TM_OK);
	CHECK(strstr(links(r), "[2]:[] ") == NULL);
	tm_align_result_free(r);
	tm_aligner_free(al);
	al = open_aligner("fr", "de");
	REQUIRE(tm_align_run(&r, al, b.s, b.n, a.s, a.n) == TM_OK);
	CHECK_STR(links(r), "[0]:[0] [1]:[1] []:[2] [2]:[3] [3]:[4] [4]:[5]");
	tm_align_result_free(r);
	tm_aligner_free(al);
	tm_aligner_free(bare);
}

/* A dropped sentence absorbed into its neighbour's 2-1 is split off on the
 * core lexicon's evidence: the translation left out the study's sentence
 * (its eleven listed words, study, show, rich, organ, sugar..., have no
 * translation in the link's target) at the start of a paragraph whose
 * translation starts with the next one, which shares the word vitamin with
 * it (the target says витамин twice), so the programme merged the two; the
 * rest of the link fits the target's length better than both. The true
 * merge of the third paragraph ([3,4]:[2]) stays. */
static void
test_align_dropped_split_off_merge(void)
{
	side a = {0}, b = {0};
	tm_aligner *al = open_aligner("en", "ru");
	tm_align_result *r = NULL;

	add(&a, "Doctors explained how carrots help fight the diseases of old "
	        "age", 0);
	add(&a, "The study showed that carrots are rich in vitamins, which "
	        "help the organs of the body to work better and lower the "
	        "level of sugar.", 1);
	add(&a, "The orange vegetable contains vitamins A and K, calcium, "
	        "potassium, magnesium, lutein, folic and ascorbic acids.", 1);
	add(&a, "All these elements help the organs of the body to work.", 2);
	add(&a, "Moreover, carrots help fight the diseases of old age.", 2);
	add(&a, "Because they have a lot of fiber, they are good for the "
	        "stomach, and if eaten every day they can also help prevent "
	        "diabetes and heart attacks.", 2);
	add(&a, "However, to get the most from them, it is better to boil the "
	        "vegetable than to fry it in butter.", 2);
	add(&a, "The Daily Mirror wrote earlier that carrots can be bad for "
	        "people with allergies, as can other foods with a lot of "
	        "sugar.", 3);
	add(&a, "These are foods with carbohydrates that quickly turn into "
	        "sugars, such as sweets, sweet drinks, white rice and white "
	        "bread.", 3);
	add(&b, "Врачи рассказали, как морковь помогает в борьбе с болезнями "
	        "старости", 0);
	add(&b, "В этом оранжевом корнеплоде содержатся витамины группы A, "
	        "витамин K, а также кальций, калий, магний, лютеин, фолиевая и "
	        "аскорбиновая кислоты.", 1);
	add(&b, "Все эти элементы помогают работать органам тела. Кроме того, "
	        "морковь помогает в борьбе с болезнями старости.", 2);
	add(&b, "Однако чтобы получить от неё наибольшую пользу, корнеплод "
	        "лучше варить, а не жарить на масле.", 2);
	add(&b, "Ранее газета The Daily Mirror писала, что морковь может быть "
	        "вредна для людей с аллергией, как и другие продукты с большим "
	        "количеством сахара.", 3);
	add(&b, "Это продукты с углеводами, которые быстро превращаются в "
	        "сахара, такие как сладости, сладкие напитки, белый рис и "
	        "белый хлеб.", 3);
	REQUIRE(tm_align_run(&r, al, a.s, a.n, b.s, b.n) == TM_OK);
	CHECK_STR(links(r), "[0]:[0] [1]:[] [2]:[1] [3,4]:[2] [5]:[] [6]:[3] "
	                    "[7]:[4] [8]:[5]");
	tm_align_result_free(r);
	tm_aligner_free(al);
}

/* An en-ru story without numbers or names whose translation dropped its
 * fifth sentence (borrowing from foreign banks) and took in its place one
 * of another story (a football club's coach), as long: lengths alone link
 * the two 1-1, and the second pass's pairs of frequent words (the, в),
 * which meet in any two sentences of the story, made the link look
 * shared. The core lexicon knows words of both (warn, country, borrow,
 * money, bank; клуб, тренер, команда, матч) and pairs none of them:
 * wnomatch's cost (6 and 7 core words, all without a partner in the
 * other document: 3.5), and the story's pairs corrected for all that
 * chance explains (chance_core), each leave both alone; without both (as
 * before) the 1-1 link. */
static void
test_align_core_dropped_inserted(void)
{
	side a = {0}, b = {0};
	tm_aligner *al = open_aligner("en", "ru");
	tm__align_params *p = tm__aligner_params(al);
	tm_align_result *r = NULL;
	const char *want = "[0]:[0] [1]:[1] [2]:[2] [3]:[3] []:[4] [4]:[] "
	                   "[5]:[5] [6]:[6]";
	const char *old = "[0]:[0] [1]:[1] [2]:[2] [3]:[3] [4]:[4] [5]:[5] "
	                  "[6]:[6]";

	add(&a, "The government announced a new plan to build more schools "
	        "in the north.", 0);
	add(&a, "The minister said the plan would help poor families in "
	        "small villages.", 0);
	add(&a, "Teachers welcomed the decision but asked for higher "
	        "wages.", 0);
	add(&a, "The opposition criticised the plan and called it too "
	        "expensive.", 0);
	add(&a, "Critics warned that the country would have to borrow more "
	        "money from foreign banks.", 0);
	add(&a, "Parliament will vote on the budget next month.", 0);
	add(&a, "The first schools are expected to open next year.", 0);
	add(&b, "Правительство объявило новый план строительства школ на "
	        "севере.", 0);
	add(&b, "Министр сказал, что план поможет бедным семьям в небольших "
	        "деревнях.", 0);
	add(&b, "Учителя приветствовали решение, но попросили повысить "
	        "зарплату.", 0);
	add(&b, "Оппозиция раскритиковала план и назвала его слишком "
	        "дорогим.", 0);
	add(&b, "Футбольный клуб уволил тренера после поражения команды в "
	        "воскресном матче.", 0);
	add(&b, "Парламент проголосует за бюджет в следующем месяце.", 0);
	add(&b, "Первые школы должны открыться в следующем году.", 0);
	REQUIRE(tm_align_run(&r, al, a.s, a.n, b.s, b.n) == TM_OK);
	CHECK_STR(links(r), want);
	tm_align_result_free(r);
	p->wnomatch = 0;
	p->chance_core = TM__ALIGN_LEARN_CHANCE;
	REQUIRE(tm_align_run(&r, al, a.s, a.n, b.s, b.n) == TM_OK);
	CHECK_STR(links(r), old);
	tm_align_result_free(r);
	p->wnomatch = tm__align_default_params.wnomatch;
	REQUIRE(tm_align_run(&r, al, a.s, a.n, b.s, b.n) == TM_OK);
	CHECK_STR(links(r), want);
	tm_align_result_free(r);
	p->wnomatch = 0;
	p->chance_core = tm__align_default_params.chance_core;
	REQUIRE(tm_align_run(&r, al, a.s, a.n, b.s, b.n) == TM_OK);
	CHECK_STR(links(r), want);
	tm_align_result_free(r);
	tm_aligner_free(al);
}

/* The Leeds school story of the dropped-sentence tests: seven English
 * sentences whose fourth is @dropped, against the Russian of the first
 * three, @added (a sentence of another story, or NULL), the translation
 * @her of `She is not a racist.` and the last two. */
static void
leeds_en(side *a, const char *dropped)
{
	add(a, "A school teacher in Leeds was suspended on Friday after a "
	       "message she sent to parents was called racist.", 0);
	add(a, "The message was about a school trip to the museum and asked "
	       "parents to pay for the tickets.", 1);
	add(a, "Several parents complained to the school and to the local "
	       "newspaper.", 1);
	add(a, dropped, 1);
	add(a, "She is not a racist.", 1);
	add(a, "The school said it would decide next week whether the "
	       "teacher could return to work.", 1);
	add(a, "The local council is also looking into the complaints.", 2);
}

static void
leeds_ru(side *b, const char *added, const char *her)
{
	add(b, "В пятницу учительницу школы в Лидсе отстранили от работы "
	       "после того, как сообщение, которое она отправила родителям, "
	       "назвали расистским.", 0);
	add(b, "Сообщение касалось школьной поездки в музей, и в нём "
	       "родителей просили оплатить билеты.", 1);
	add(b, "Несколько родителей пожаловались в школу и в местную "
	       "газету.", 1);
	if (added)
		add(b, added, 1);
	add(b, her, 1);
	add(b, "В школе заявили, что на следующей неделе решат, сможет ли "
	       "учительница вернуться к работе.", 1);
	add(b, "Местный совет также изучает жалобы.", 2);
}

/* The Leeds story with @dropped left out of its translation and `She is
 * not a racist.` translated as @her, expanded: the dropped sentence gives
 * the expanded translation back to its source, [3]:[] [4]:[3]
 * (shift_dropped()); with shiftmargin out of reach, it keeps it, a shift
 * by one. */
static void
leeds_shifted_back(const char *dropped, const char *her)
{
	side a = {0}, b = {0};
	tm_aligner *al = open_aligner("en", "ru");
	tm__align_params *p = tm__aligner_params(al);
	tm_align_result *r = NULL;

	leeds_en(&a, dropped);
	leeds_ru(&b, NULL, her);
	REQUIRE(tm_align_run(&r, al, a.s, a.n, b.s, b.n) == TM_OK);
	CHECK_STR(links(r), "[0]:[0] [1]:[1] [2]:[2] [3]:[] [4]:[3] [5]:[4] "
	                    "[6]:[5]");
	tm_align_result_free(r);
	p->shiftmargin = -1e9;
	REQUIRE(tm_align_run(&r, al, a.s, a.n, b.s, b.n) == TM_OK);
	CHECK_STR(links(r), "[0]:[0] [1]:[1] [2]:[2] [3]:[3] [4]:[] [5]:[4] "
	                    "[6]:[5]");
	tm_align_result_free(r);
	tm_aligner_free(al);
}

/* An en-ru story whose translation dropped a sentence of the parents'
 * complaint (`Some parents said the school trip to the museum cost too
 * much.`, every listed word of it translated elsewhere in the story, so
 * leaving it alone costs the full deletion) and expanded the next one (`She
 * is not a racist.` as `Она не расистка, и все, кто её знает, могут это
 * подтвердить.`): by length the dropped sentence fits the expanded
 * translation better, and the programme linked it there, leaving the true
 * source alone (a shift by one). Its four listed words, none translated by
 * that target, against none of the neighbour's, hand the target back
 * (shift_dropped()); with shiftmargin out of reach, the shift as before. */
static void
test_align_dropped_shift(void)
{
	leeds_shifted_back("Some parents said the school trip to the museum "
	                   "cost too much.",
	                   "Она не расистка, и все, кто её знает, могут это "
	                   "подтвердить.");
}

/* The shift also takes a dropped sentence whose listed words its wrong
 * target meets once by chance: the story above, whose dropped sentence is
 * longer (twelve listed words) and whose expanded translation of `She is
 * not a racist.` says that the parents who know her (родители) can
 * confirm it, her husband is sure. One of the dropped sentence's listed
 * words (`parents`) is then met, which the rule of two listed words none
 * met turned away; its eleven others, unmet, still say it was the one
 * dropped (docs/alignment.md, "Absorbed deletions, a third round"). */
static void
test_align_dropped_shift_chance_word(void)
{
	leeds_shifted_back("Some parents said the school trip to the museum "
	                   "in the city centre cost too much money for poor "
	                   "families this year.",
	                   "Она не расистка, и все родители, кто её знает, "
	                   "могут это подтвердить, уверен её муж.");
}

/* ...but not a true link whose loose translation meets fewer of its
 * listed words (2 of 10: `Museum staff predict...` as `По прогнозам,
 * модное шоу...`) to the dropped sentence before it, which meets one
 * (`huge`, огромные) by chance: asked only two unmet words' worth of
 * evidence, the shift gave the translation to the dropped sentence
 * (docs/alignment.md, "Absorbed deletions, a third round"). */
static void
test_align_dropped_shift_loose_kept(void)
{
	side a = {0}, b = {0};
	tm_aligner *al = open_aligner("en", "ru");
	tm_align_result *r = NULL;

	add(&a, "The city museum opened a new exhibition of old masks on "
	        "Saturday.", 0);
	add(&a, "Many of the masks were made by artists from small villages "
	        "in the north.", 0);
	add(&a, "One mask looked like a bird with long red feathers, while "
	        "another looked like a fish.", 0);
	add(&a, "And if you like huge hats, you are in luck.", 0);
	add(&a, "Museum staff predict that the huge exhibition could attract "
	        "thousands of visitors to the old building this winter.", 0);
	add(&a, "Tickets cost ten pounds for adults and are free for "
	        "children.", 0);
	add(&b, "В субботу городской музей открыл новую выставку старинных "
	        "масок.", 0);
	add(&b, "Многие маски сделали художники из небольших деревень на "
	        "севере.", 0);
	add(&b, "Одна маска была похожа на птицу с длинными красными перьями, "
	        "другая — на рыбу.", 0);
	add(&b, "По прогнозам, модное шоу станет настоящим хитом сезона и "
	        "соберёт огромные очереди.", 0);
	add(&b, "Билеты стоят десять фунтов для взрослых, дети проходят "
	        "бесплатно.", 0);
	REQUIRE(tm_align_run(&r, al, a.s, a.n, b.s, b.n) == TM_OK);
	CHECK_STR(links(r), "[0]:[0] [1]:[1] [2]:[2] [3]:[] [4]:[3] [5]:[4]");
	tm_align_result_free(r);
	tm_aligner_free(al);
}

/* A 2-2 link of a sentence the translation dropped, a sentence it added
 * from another story (a football match) and their neighbours is taken
 * apart into a 1-0, a 0-1 and a 1-1 link: the dropped sentence's listed
 * words are not translated by the two targets, the added one's have no
 * partner in the English story (docs/alignment.md, "Absorbed deletions, a
 * third round"). The programme is made to take the 2-2 (merge22 2.5
 * and split22 0, as the restructured sets' long neighbours make it: the
 * dropped sentence and the one before it, the added one and the
 * translation before it); with dropmargin out of reach it stays. */
static void
test_align_dropped_added_22(void)
{
	side a = {0}, b = {0};
	tm_aligner *al = open_aligner("en", "ru");
	tm__align_params *p = tm__aligner_params(al);
	tm_align_result *r = NULL;

	leeds_en(&a, "Some parents said the school trip to the museum cost "
	             "too much.");
	leeds_ru(&b,
	         "Футбольный клуб выиграл вчерашний матч на своём стадионе "
	         "благодаря голу на последней минуте.",
	         "Она не расистка.");
	p->merge22 = 2.5;
	p->split22 = 0;
	p->shiftmargin = -1e9;
	REQUIRE(tm_align_run(&r, al, a.s, a.n, b.s, b.n) == TM_OK);
	CHECK_STR(links(r), "[0]:[0] [1]:[1] [2]:[2] [3]:[] []:[3] [4]:[4] "
	                    "[5]:[5] [6]:[6]");
	tm_align_result_free(r);
	p->dropmargin = -1e9;
	REQUIRE(tm_align_run(&r, al, a.s, a.n, b.s, b.n) == TM_OK);
	CHECK_STR(links(r), "[0]:[0] [1]:[1] [2,3]:[2,3] [4]:[4] [5]:[5] "
	                    "[6]:[6]");
	tm_align_result_free(r);
	tm_aligner_free(al);
}

/* The translation check weighs the core lexicon by default: another
 * story of three sentences without a number or name (a bridge closed, a
 * football match) is unsure without it and refused with it (none of the
 * words it knows meets its translation), while the true translation is
 * accepted. */
static void
test_align_core_verdict(void)
{
	side a = {0}, b = {0}, c = {0}, d = {0}, e = {0};
	tm_aligner *al = open_aligner("en", "ru"), *bare = open_bare("en", "ru");

	bridge_en(&a);
	bridge_ru(&b);
	football_ru(&c);
	CHECK(verdict(bare, &a, &c) == TM_ALIGN_UNSURE);
	CHECK(verdict(al, &a, &c) == TM_ALIGN_NOT_TRANSLATION);
	CHECK(verdict(al, &a, &b) == TM_ALIGN_TRANSLATION);
	/* a translation in its own words (few of the words the core
	 * lexicon knows meet their listed partners) is not refused */
	council_pair(&d, &e);
	CHECK(verdict(al, &d, &e) != TM_ALIGN_NOT_TRANSLATION);
	tm_aligner_free(al);
	tm_aligner_free(bare);
}

/* The translation check weighs the de-fr core lexicon too (its shares
 * measured on the Bleualign dev set): the mountain story against a town
 * council's report (no number, no name) is refused, and against its own
 * translation accepted; without the table both are unsure. */
static void
test_align_core_verdict_german_french(void)
{
	side a = {0}, b = {0}, c = {0};
	tm_aligner *al = open_aligner("de", "fr"), *bare = open_bare("de", "fr");

	mountain_de(&a);
	mountain_fr(&b);
	add(&c, "Le conseil municipal a voté hier soir le nouveau budget de "
	        "la ville.", 0);
	add(&c, "Les impôts locaux ne changeront pas cette année.", 0);
	add(&c, "Le maire a promis de rénover la piscine et la "
	        "bibliothèque.", 0);
	add(&c, "Les commerçants du centre demandent plus de places de "
	        "parc.", 0);
	add(&c, "La séance a duré jusqu'à minuit.", 0);
	CHECK(verdict(bare, &a, &c) == TM_ALIGN_UNSURE);
	CHECK(verdict(bare, &a, &b) == TM_ALIGN_UNSURE);
	CHECK(verdict(al, &a, &c) == TM_ALIGN_NOT_TRANSLATION);
	CHECK(verdict(al, &a, &b) == TM_ALIGN_TRANSLATION);
	tm_aligner_free(al);
	tm_aligner_free(bare);
}

/* The core lexicon's evidence against a pair is the mean of what its two
 * sides say: the English of a story about a factory closing (31 words the
 * core lexicon knows) against the Korean of a story about a film shoot
 * (6 known words) shares only `report` and `say` (보도, 말했), by chance;
 * two of six is what a translation's Korean matches, so that side says
 * "for" while the English side's two of 31 says "against" far more
 * strongly. Weighing nothing when the sides disagree, the check was
 * unsure of the pair (evidence -0.23); now it refuses it (-3.10), and
 * the factory story's own translation is still accepted. */
static void
test_align_core_verdict_sides(void)
{
	side src = {0}, ko = {0}, other = {0};
	tm_aligner *al = open_aligner("en", "ko");

	add(&src, "Local reports say the old paper factory near the lake will "
	         "close after the winter.", 0);
	add(&src, "Workers fear they will lose their jobs, and shop owners "
	         "expect fewer customers in the town.", 0);
	add(&src, "The company blamed high energy costs and weak demand from "
	         "abroad.", 0);
	add(&src, "The mayor promised to help families and to bring new "
	         "industry to the region.", 0);
	add(&ko, "현지 보도에 따르면 호숫가 근처의 오래된 제지 공장이 겨울이 "
	         "지나면 문을 닫는다고 한다.", 0);
	add(&ko, "노동자들은 일자리를 잃을까 걱정하고, 상점 주인들은 마을에 "
	         "손님이 줄어들 것으로 예상한다.", 0);
	add(&ko, "회사는 높은 에너지 비용과 해외 수요 부진을 원인으로 꼽았다.",
	    0);
	add(&ko, "시장은 가족들을 돕고 지역에 새로운 산업을 유치하겠다고 "
	         "약속했다.", 0);
	add(&other, "보도에 의하면 그 배우는 첫 촬영 날 내내 웃음을 참지 "
	            "못했다고 한다.", 0);
	add(&other, "그는 그 장면이 꿈처럼 느껴졌다고 말했다.", 0);
	add(&other, "촬영장 스태프들도 덩달아 웃음을 터뜨렸고 감독은 영화 "
	            "음악을 틀었다.", 0);
	add(&other, "밤늦게 끝난 촬영 뒤에 모두 떡볶이를 나눠 먹었다.", 0);
	CHECK(verdict(al, &src, &ko) == TM_ALIGN_TRANSLATION);
	CHECK(verdict(al, &src, &other) == TM_ALIGN_NOT_TRANSLATION);
	tm_aligner_free(al);
}

/* ko-ru's check weighs the core lexicon composed through English, with
 * the shares and rules measured for ko-ru (align-judge.c's core_measured;
 * before, it weighed the alignment's evidence alone): the Korean football
 * story against the Russian bridge story is not refused without it
 * (score 0.66, unsure) and refused with it (0.05), either way round; against its own
 * Russian it is a translation (0.98; 0.67 without), and the council's
 * Korean and Russian, each in its own words, are not refused (0.34). */
static void
test_align_core_verdict_koru(void)
{
	side ko = {0}, bridge = {0}, club = {0}, d = {0}, e = {0}, x = {0};
	tm_aligner *al = open_aligner("ko", "ru"), *bare = open_bare("ko", "ru");
	tm_aligner *back = open_aligner("ru", "ko");

	football_ko(&ko);
	bridge_ru(&bridge);
	football_ru(&club);
	council_pair(&x, &e);
	add(&d, "시의회는 더 이상 오랜 친구들끼리의 가족같은 모임이 아니다.", 0);
	add(&d, "이제는 자기 생각을 솔직하게 말하는 사람들을 인내하지 "
	        "않는다.",
	    0);
	CHECK(verdict(bare, &ko, &bridge) != TM_ALIGN_NOT_TRANSLATION);
	CHECK(verdict(al, &ko, &bridge) == TM_ALIGN_NOT_TRANSLATION);
	CHECK(verdict(back, &bridge, &ko) == TM_ALIGN_NOT_TRANSLATION);
	CHECK(verdict(al, &ko, &club) == TM_ALIGN_TRANSLATION);
	CHECK(verdict(al, &d, &e) != TM_ALIGN_NOT_TRANSLATION);
	CHECK(verdict(back, &e, &d) != TM_ALIGN_NOT_TRANSLATION);
	tm_aligner_free(al);
	tm_aligner_free(bare);
	tm_aligner_free(back);
}

/* ko-ru's own table (lexicon-ko-ru.tsv) beside the one through English:
 * a short economy story's Korean and its Russian share words that no
 * English entry pairs (줄었 / сократиться, 집값 / цены, 월급 / зарплата,
 * 세율 / ставка, 노동조합 / профсоюз), and another story's Russian (a
 * football team home after a final) shares none of the many it knows.
 * Through English alone both pairs were unsure (0.62 and 0.63); with
 * the pair's own table the translation is one (0.97) and the other story
 * is refused (0.06), either way round. */
static void
test_align_core_verdict_koru_own(void)
{
	side ko = {0}, tr = {0}, other = {0};
	tm_aligner *al = open_aligner("ko", "ru");
	tm_aligner *back = open_aligner("ru", "ko");

	add(&ko, "노동조합은 집값이 크게 올랐지만 월급은 오히려 줄었다고 "
	         "밝혔다.", 0);
	add(&ko, "중소기업들도 세율을 낮춰 달라고 정부에 요구했다.", 0);
	add(&tr, "Профсоюз заявил, что цены на жилье сильно выросли, а "
	         "зарплаты, наоборот, сократились.", 0);
	add(&tr, "Малый бизнес также потребовал от правительства снизить "
	         "налоговые ставки.", 0);
	add(&other, "Футболисты сборной вернулись домой после поражения в "
	            "финале.", 0);
	add(&other, "Тренер отказался отвечать на вопросы журналистов.", 0);
	CHECK(verdict(al, &ko, &tr) == TM_ALIGN_TRANSLATION);
	CHECK(verdict(back, &tr, &ko) == TM_ALIGN_TRANSLATION);
	CHECK(verdict(al, &ko, &other) == TM_ALIGN_NOT_TRANSLATION);
	CHECK(verdict(back, &other, &ko) == TM_ALIGN_NOT_TRANSLATION);
	tm_aligner_free(al);
	tm_aligner_free(back);
}

/* en-ko asks four known words of the side knowing fewer, when none
 * matched, before the core lexicon's evidence may refuse a pair (it asked
 * three): a one-sentence quote translated freely, its Korean naming who
 * answered (정부 관계자, 말했다), knows 3 English words and 10 or so
 * Korean ones with none matched. With three it was refused (score 0.02):
 * a true pair the desk could not store; now it is unsure (0.32). */
static void
test_align_core_verdict_few_known(void)
{
	side quote = {0}, ko = {0};
	tm_aligner *al = open_aligner("en", "ko");

	add(&quote, "We shall see, and I always like to keep the press "
	            "informed.", 0);
	add(&ko, "하지만 정부 관계자는 앞으로도 상황을 지켜보면서 기자 "
	         "여러분께 새로운 소식을 계속 전해 드리겠다고 말했다.", 0);
	CHECK(verdict(al, &quote, &ko) != TM_ALIGN_NOT_TRANSLATION);
	tm_aligner_free(al);
}

/* en-ru's rule for the core lexicon's evidence when both sides are against
 * the pair (lex_combine()): the weaker of the two, as a fixed share
 * (binomial) is sure of itself on each side, where en-ko, whose share
 * varies, takes their mean. A story about water pipes in Tver (34 words
 * the core lexicon knows, 6 matched) against a Russian text that shares
 * its council, plan, date, months and mayor's name but tells of noise,
 * cafes and a fair (22 known words, the same 6 matched): the English side
 * is far from a translation's share (evidence -8.3), the Russian side
 * barely (-0.8). The weaker of the two leaves the pair unsure (evidence
 * 0.61), not refused; their mean would refuse it (-3.15). */
static void
test_align_core_verdict_weaker_ru(void)
{
	side pipes = {0}, fair = {0};
	tm_aligner *al = open_aligner("en", "ru");

	add(&pipes, "The city council approved a new plan to repair the old "
	         "water pipes under the main streets of Tver.", 0);
	add(&pipes, "Officials said the work would start on 3 May and last for "
	         "24 months.", 0);
	add(&pipes, "Residents will have to boil their water during some weeks "
	         "of the repairs, and hospitals, schools and prisons will "
	         "get tanks from the army and police.", 0);
	add(&pipes, "Mayor Petrov said the pipes were laid more than a century "
	         "ago and often break in winter, costing the budget "
	         "millions.", 0);
	add(&fair, "Городской совет Твери одобрил этот план без долгих споров "
	         "и голосования.", 0);
	add(&fair, "Соседи жалуются на шум, пыль и грязь во дворах с 3 мая, а "
	         "собаки лают всю ночь.", 0);
	add(&fair, "Несколько кафе, музеев и булочных закроются на 24 месяца.",
	    0);
	add(&fair, "Петров надеется, что туристы и посетители вернутся осенью, "
	         "когда откроется ярмарка и начнётся фестиваль музыки.", 0);
	/* (unsure today; only the refusal is the rule's) */
	CHECK(verdict(al, &pipes, &fair) != TM_ALIGN_NOT_TRANSLATION);
	tm_aligner_free(al);
}

/* The lines of the file @dir/@name as sentences (one a line, presegmented
 * as `tm align --presegmented` reads Bleualign's files): *@buf holds the
 * text, *@out the sentences; both owned by the caller (free()). */
static size_t
read_lines(tm_align_sentence **out, char **buf, const char *dir,
           const char *name)
{
	char path[1024];
	FILE *f;
	long size;
	size_t n = 0;
	char *p;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	REQUIRE(f);
	REQUIRE(fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) > 0);
	rewind(f);
	*buf = malloc((size_t)size + 1);
	*out = calloc((size_t)size, sizeof(**out));
	REQUIRE(*buf && *out);
	REQUIRE(fread(*buf, 1, (size_t)size, f) == (size_t)size);
	fclose(f);
	(*buf)[size] = '\0';
	for (p = *buf; *p;) {
		char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);

		(*out)[n].text = p;
		(*out)[n].len = len;
		n++;
		if (!e)
			break;
		*e = '\0';
		p = e + 1;
	}
	return n;
}

/* Whether @a and @b hold the same links. */
static bool
same_links(const tm_align_result *a, const tm_align_result *b)
{
	if (tm_align_result_count(a) != tm_align_result_count(b))
		return false;
	for (size_t i = 0; i < tm_align_result_count(a); i++) {
		const tm_align_link *x = tm_align_result_link(a, i);
		const tm_align_link *y = tm_align_result_link(b, i);

		if (x->src != y->src || x->nsrc != y->nsrc || x->tgt != y->tgt ||
		    x->ntgt != y->ntgt)
			return false;
	}
	return true;
}

/* How many links of @r the gold file @dir/@name (Bleualign's
 * `[i, j]:[k]` lines, sentences counted from 0) holds as they are. */
static size_t
gold_matches(const tm_align_result *r, const char *dir, const char *name)
{
	char path[1024], line[4096];
	FILE *f;
	size_t hits = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "r");
	REQUIRE(f);
	while (fgets(line, sizeof(line), f)) {
		long v[2][2] = {{-1, -1}, {-1, -1}};
		char *p = line;

		for (int x = 0; x < 2; x++) {
			p = strchr(p, '[');
			REQUIRE(p);
			p++;
			while (*p && *p != ']') {
				char *e;
				long k = strtol(p, &e, 10);

				if (e == p) {
					p++;
					continue;
				}
				if (v[x][0] < 0)
					v[x][0] = k;
				v[x][1] = k;
				p = e;
			}
		}
		for (size_t i = 0; i < tm_align_result_count(r); i++) {
			const tm_align_link *l = tm_align_result_link(r, i);
			size_t ns = v[0][0] < 0 ? 0 : (size_t)(v[0][1] - v[0][0] + 1);
			size_t nt = v[1][0] < 0 ? 0 : (size_t)(v[1][1] - v[1][0] + 1);

			if (l->nsrc == ns && l->ntgt == nt && ns && nt &&
			    l->src == (size_t)v[0][0] && l->tgt == (size_t)v[1][0])
				hits++;
		}
	}
	fclose(f);
	return hits;
}

/* defr2 (align-self.c): a de-fr story aligned alone (Bleualign's dev
 * chronicle) learns word pairs from its own first alignment and is aligned
 * again with them: more of its links are the hand alignment's than an
 * aligner that aligns once (TM_ALIGN_NO_SELF_LEARN) finds (dev strict F1
 * 0.895 -> 0.903). The aligner is left without learned pairs (aligned
 * again, the same links), the verdict and score are the first
 * alignment's, and a story too short to learn from, or an aligner with a
 * dictionary, aligns once, as without. */
static void
test_align_defr_self_learn(void)
{
	const char *data = tm_test_shared_data();
	char dir[1024], *bde = NULL, *bfr = NULL;
	tm_align_sentence *de = NULL, *fr = NULL;
	size_t nde, nfr;
	tm_align_options o = TM_ALIGN_OPTIONS_INIT;
	tm_aligner *al, *once = NULL;
	tm_align_result *r = NULL, *again = NULL, *r1 = NULL;

	if (!data) {
		SKIP("TM_SHARED_DATA absent");
	}
	snprintf(dir, sizeof(dir), "%s/alignment/bleualign_de-fr", data);
	nde = read_lines(&de, &bde, dir, "dev.de");
	nfr = read_lines(&fr, &bfr, dir, "dev.fr");
	al = open_aligner("de", "fr");
	o.flags = TM_ALIGN_NO_SELF_LEARN;
	REQUIRE(tm_aligner_new(&once, "de", "fr", &o) == TM_OK);
	REQUIRE(tm_align_run(&r, al, de, nde, fr, nfr) == TM_OK);
	REQUIRE(tm_align_run(&r1, once, de, nde, fr, nfr) == TM_OK);
	CHECK(gold_matches(r, dir, "dev.defr") >
	      gold_matches(r1, dir, "dev.defr"));
	CHECK(tm_aligner_lexicon_count(al, 1) == 0);
	REQUIRE(tm_align_run(&again, al, de, nde, fr, nfr) == TM_OK);
	CHECK(same_links(r, again));
	CHECK(tm_align_result_verdict(r) == tm_align_result_verdict(r1));
	CHECK(tm_align_result_score(r) == tm_align_result_score(r1));
	tm_align_result_free(r);
	tm_align_result_free(again);
	tm_align_result_free(r1);
	/* three sentences: nothing to learn from */
	REQUIRE(tm_align_run(&r, al, de + 3, 3, fr + 3, 3) == TM_OK);
	REQUIRE(tm_align_run(&r1, once, de + 3, 3, fr + 3, 3) == TM_OK);
	CHECK(same_links(r, r1));
	tm_align_result_free(r);
	tm_align_result_free(r1);
	/* an aligner with a dictionary aligns once (with FreeDict the dev
	 * chronicle cut in 2, 4 or 8 stories lost 0.009-0.019 de-fr with
	 * self-learning) */
	REQUIRE(tm_aligner_dict_add(al, "Berg", "montagne") == TM_OK);
	REQUIRE(tm_aligner_dict_add(once, "Berg", "montagne") == TM_OK);
	REQUIRE(tm_align_run(&r, al, de, nde, fr, nfr) == TM_OK);
	REQUIRE(tm_align_run(&r1, once, de, nde, fr, nfr) == TM_OK);
	CHECK(same_links(r, r1));
	tm_align_result_free(r);
	tm_align_result_free(r1);
	tm_aligner_free(al);
	tm_aligner_free(once);
	free(de);
	free(fr);
	free(bde);
	free(bfr);
}

int
main(void)
{
	RUN(test_align_one_to_one);
	RUN(test_align_merge_and_deletion);
	RUN(test_align_split);
	RUN(test_align_empty_sides);
	RUN(test_align_empty_side_narrow_band);
	RUN(test_align_not_a_translation);
	RUN(test_align_verdict_apart);
	RUN(test_align_verdict_length);
	RUN(test_align_verdict_unsure);
	RUN(test_align_verdict_numbers);
	RUN(test_align_verdict_shortened);
	RUN(test_align_verdict_dropped_sentence);
	RUN(test_align_no_glued_22);
	RUN(test_align_lost_numbers_deleted);
	RUN(test_align_join_broken_merge);
	RUN(test_align_split_tail_kept);
	RUN(test_align_word_keys);
	RUN(test_align_pair_weight_chance);
	RUN(test_align_length_variance);
	RUN(test_align_check_script);
	RUN(test_align_bad_input);
	RUN(test_align_dictionary);
	RUN(test_align_dictionary_stems);
	RUN(test_align_learn);
	RUN(test_align_lex_weight);
	RUN(test_align_given_weight);
	RUN(test_align_lost_given_pairs);
	RUN(test_align_moved_orphan_paragraph);
	RUN(test_align_moved_paragraph_chance_tie);
	RUN(test_align_long_linear);
	RUN(test_align_stop_unrelated);
	RUN(test_align_apart);
	RUN(test_align_verdict_moved_paragraph);
	RUN(test_align_verdict_dictionary);
	RUN(test_align_verdict_learned_lexicon);
	RUN(test_align_verdict_korean_stems);
	RUN(test_align_core_tables);
	RUN(test_align_core_korean_prefix);
	RUN(test_align_core_dropped_sentence);
	RUN(test_align_core_german_french);
	RUN(test_align_dropped_split_off_merge);
	RUN(test_align_core_dropped_inserted);
	RUN(test_align_dropped_shift);
	RUN(test_align_dropped_shift_chance_word);
	RUN(test_align_dropped_shift_loose_kept);
	RUN(test_align_dropped_added_22);
	RUN(test_align_core_verdict);
	RUN(test_align_core_verdict_sides);
	RUN(test_align_core_verdict_few_known);
	RUN(test_align_core_verdict_weaker_ru);
	RUN(test_align_core_verdict_koru);
	RUN(test_align_core_verdict_koru_own);
	RUN(test_align_core_verdict_german_french);
	RUN(test_align_defr_self_learn);
	return tm_test_done();
}
