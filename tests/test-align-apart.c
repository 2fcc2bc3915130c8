/* SPDX-License-Identifier: MIT */
/* tm_align_run_apart() with classes of furniture (flags of 2 and more):
 * kept out of the alignment like notes (flag 1), then linked by their
 * place to the furniture of the same class between the same two links on
 * the other side; never where which goes with which would be a guess.
 * Through the public API. */
#include "tm-test.h"

#include <tm/tm.h>

#include "test-align-fixture.h"

#define MAXS 32

typedef struct side {
	tm_align_sentence s[MAXS];
	unsigned char apart[MAXS];
	size_t n;
} side;

static void
add(side *d, const char *text, unsigned para, unsigned char apart)
{
	d->s[d->n].text = text;
	d->s[d->n].len = strlen(text);
	d->s[d->n].paragraph = para;
	d->apart[d->n] = apart;
	d->n++;
}

static tm_align_result *
run(tm_aligner *al, const side *a, const side *b)
{
	tm_align_result *r = NULL;

	REQUIRE(tm_align_run_apart(&r, al, a->s, a->n, a->apart, b->s, b->n,
	                           b->apart) == TM_OK);
	return r;
}

/* Every sentence in exactly one link, links in source order. */
static bool
cover_ok(const tm_align_result *r, size_t ns, size_t nt)
{
	size_t es = 0, nsum = 0;

	for (size_t i = 0; i < tm_align_result_count(r); i++) {
		const tm_align_link *l = tm_align_result_link(r, i);

		if (l->nsrc && l->src != es)
			return false;
		es += l->nsrc;
		nsum += l->ntgt;
	}
	return es == ns && nsum == nt;
}

/* A dateline with the translation's dateline, a credit with a credit:
 * each pair between the same two links, each linked; the prose aligned
 * as without them; the end mark (flag 1) alone. The paired link is as
 * sure as the lower of the links around it. */
static void
test_apart_pairs(void)
{
	tm_aligner *al = NULL;
	side a = {0}, b = {0};
	tm_align_result *r;
	double lo;

	REQUIRE(tm_aligner_new(&al, "en", "ru", NULL) == TM_OK);
	add(&a, en[0], 0, 0);
	add(&a, "SEOUL, Nov. 27 (Yonhap) --", 1, 2);
	for (size_t i = 1; i < 6; i++)
		add(&a, en[i], 1, 0);
	add(&a, "Photo: Yonhap", 2, 3);
	add(&a, "(END)", 3, 1);
	add(&b, ru[0], 0, 0);
	add(&b, "СЕУЛ, 27 ноя — РИА Новости.", 1, 2);
	for (size_t i = 1; i < 6; i++)
		add(&b, ru[i], 1, 0);
	add(&b, "Фото: Yonhap", 2, 3);
	r = run(al, &a, &b);
	CHECK_STR(links(r), "[0]:[0] [1]:[1] [2]:[2] [3]:[3] [4]:[4] [5]:[5] "
	                    "[6]:[6] [7]:[7] [8]:[]");
	CHECK(cover_ok(r, a.n, b.n));
	lo = tm_align_result_link(r, 0)->confidence;
	if (tm_align_result_link(r, 2)->confidence < lo)
		lo = tm_align_result_link(r, 2)->confidence;
	CHECK(tm_align_result_link(r, 1)->confidence == lo);
	CHECK(tm_align_result_link(r, 7)->confidence ==
	      tm_align_result_link(r, 6)->confidence);
	CHECK(tm_align_result_link(r, 8)->confidence == 1.0);
	tm_align_result_free(r);
	tm_aligner_free(al);
}

/* Where the pairing would be a guess or a mismatch, each stays alone:
 * classes that differ, two runs of one class between the same links,
 * furniture with no link on either side. */
static void
test_apart_alone(void)
{
	tm_aligner *al = NULL;
	side a = {0}, b = {0};
	tm_align_result *r;

	REQUIRE(tm_aligner_new(&al, "en", "ru", NULL) == TM_OK);
	/* a credit and a marker between the same links */
	add(&a, en[0], 0, 0);
	add(&a, "Photo: Yonhap", 1, 3);
	add(&a, en[1], 2, 0);
	add(&b, ru[0], 0, 0);
	add(&b, "***", 1, 4);
	add(&b, ru[1], 2, 0);
	r = run(al, &a, &b);
	CHECK_STR(links(r), "[0]:[0] [1]:[] []:[1] [2]:[2]");
	tm_align_result_free(r);
	/* two bylines of the source apart (a dropped sentence between
	 * them), one of the target: which one? */
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	add(&a, en[0], 0, 0);
	add(&a, "By Jane Doe", 1, 2);
	add(&a, "It was a long day in the markets.", 1, 0);
	add(&a, "By John Roe", 1, 2);
	add(&a, en[1], 2, 0);
	add(&b, ru[0], 0, 0);
	add(&b, "Анна Петрова", 1, 2);
	add(&b, ru[1], 2, 0);
	r = run(al, &a, &b);
	CHECK(cover_ok(r, a.n, b.n));
	for (size_t i = 0; i < tm_align_result_count(r); i++) {
		const tm_align_link *l = tm_align_result_link(r, i);

		CHECK(!(l->ntgt && l->tgt == 1 && l->nsrc));
	}
	tm_align_result_free(r);
	/* nothing but furniture: no link to place it by */
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	add(&a, "SEOUL, Nov. 27 (Yonhap) --", 0, 2);
	add(&b, "СЕУЛ, 27 ноя — РИА Новости.", 0, 2);
	r = run(al, &a, &b);
	CHECK_STR(links(r), "[0]:[] []:[0]");
	tm_align_result_free(r);
	tm_aligner_free(al);
}

/* Whether the links with a target side come in target order. */
static bool
target_ordered(const tm_align_result *r)
{
	size_t et = 0;

	for (size_t i = 0; i < tm_align_result_count(r); i++) {
		const tm_align_link *l = tm_align_result_link(r, i);

		if (l->ntgt && l->tgt != et)
			return false;
		et += l->ntgt;
	}
	return true;
}

/* The paired link keeps the source order, and the target order where it
 * held: a sentence the translator added after the target's furniture
 * stays after the paired link, one added before it stays before. */
static void
test_apart_order(void)
{
	tm_aligner *al = NULL;
	side a = {0}, b = {0};
	tm_align_result *r;

	REQUIRE(tm_aligner_new(&al, "en", "ru", NULL) == TM_OK);
	add(&a, en[0], 0, 0);
	add(&a, "SEOUL, Nov. 27 (Yonhap) --", 1, 2);
	add(&a, en[1], 1, 0);
	add(&a, en[2], 1, 0);
	add(&b, ru[0], 0, 0);
	add(&b, "СЕУЛ, 27 ноя — РИА Новости.", 1, 2);
	add(&b, "Решение было ожидаемым для всех участников рынка.", 1, 0);
	add(&b, ru[1], 1, 0);
	add(&b, ru[2], 1, 0);
	r = run(al, &a, &b);
	CHECK_STR(links(r), "[0]:[0] [1]:[1] []:[2] [2]:[3] [3]:[4]");
	CHECK(cover_ok(r, a.n, b.n));
	CHECK(target_ordered(r));
	tm_align_result_free(r);
	memset(&b, 0, sizeof(b));
	add(&b, ru[0], 0, 0);
	add(&b, "Решение было ожидаемым для всех участников рынка.", 1, 0);
	add(&b, "СЕУЛ, 27 ноя — РИА Новости.", 1, 2);
	add(&b, ru[1], 1, 0);
	add(&b, ru[2], 1, 0);
	r = run(al, &a, &b);
	CHECK_STR(links(r), "[0]:[0] []:[1] [1]:[2] [2]:[3] [3]:[4]");
	CHECK(cover_ok(r, a.n, b.n));
	CHECK(target_ordered(r));
	tm_align_result_free(r);
	/* two classes in the other order on each side: both linked, the
	 * links in source order (the target's cannot be) */
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	add(&a, en[0], 0, 0);
	add(&a, "SEOUL, Nov. 27 (Yonhap) --", 1, 2);
	add(&a, "Photo: Yonhap", 1, 3);
	add(&a, en[1], 1, 0);
	add(&b, ru[0], 0, 0);
	add(&b, "Фото: Yonhap", 1, 3);
	add(&b, "СЕУЛ, 27 ноя — РИА Новости.", 1, 2);
	add(&b, ru[1], 1, 0);
	r = run(al, &a, &b);
	CHECK_STR(links(r), "[0]:[0] [1]:[2] [2]:[1] [3]:[3]");
	CHECK(cover_ok(r, a.n, b.n));
	tm_align_result_free(r);
	tm_aligner_free(al);
}

/* Flags of 1 keep their meaning: never linked, whatever is around. */
static void
test_apart_notes_alone(void)
{
	tm_aligner *al = NULL;
	side a = {0}, b = {0};
	tm_align_result *r;

	REQUIRE(tm_aligner_new(&al, "en", "ru", NULL) == TM_OK);
	add(&a, en[0], 0, 0);
	add(&a, "(END)", 1, 1);
	add(&b, ru[0], 0, 0);
	add(&b, "(Конец)", 1, 1);
	r = run(al, &a, &b);
	CHECK_STR(links(r), "[0]:[0] [1]:[] []:[1]");
	tm_align_result_free(r);
	tm_aligner_free(al);
}

int
main(void)
{
	RUN(test_apart_pairs);
	RUN(test_apart_alone);
	RUN(test_apart_order);
	RUN(test_apart_notes_alone);
	return tm_test_done();
}
