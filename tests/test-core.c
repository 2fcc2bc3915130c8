/* SPDX-License-Identifier: MIT */
/* The error model, UTF-8 validation, language tags and the unit model. */
#include <tm/tm.h>

#include "tm-test.h"

/* header-only: the growable array of libtm and tm */
#include "../libtm/array-private.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

static void
test_core_strerror_covers_every_status(void)
{
	for (int st = TM_EBUSY; st <= TM_DONE; st++)
		CHECK(strcmp(tm_strerror((tm_status)st), "unknown status") != 0);
	CHECK_STR(tm_strerror((tm_status)-99), "unknown status");
}

static void
test_core_utf8_validate_reports_offset(void)
{
	size_t off = 99;

	CHECK(tm_utf8_validate("abc", 3, &off) == TM_OK);
	CHECK(tm_utf8_validate("\xed\x95\x9c\xea\xb8\x80", 6, &off) == TM_OK);
	CHECK(tm_utf8_validate("ab\xff", 3, &off) == TM_EUNICODE);
	CHECK(off == 2);
	CHECK_STR(tm_errmsg(), "text: invalid UTF-8 at byte 2");
	/* overlong '/', a UTF-16 surrogate, a truncated sequence */
	CHECK(tm_utf8_validate("\xc0\xaf", 2, &off) == TM_EUNICODE);
	CHECK(tm_utf8_validate("x\xed\xa0\x80", 4, &off) == TM_EUNICODE);
	CHECK(off == 1);
	CHECK(tm_utf8_validate("\xe2\x82", 2, &off) == TM_EUNICODE);
	CHECK(tm_utf8_validate("\xf4\x90\x80\x80", 4, &off) == TM_EUNICODE);
	/* ASCII is skipped 8 bytes at a time: a bad byte, or a good
	 * sequence, at every offset of runs around that width */
	for (size_t pre = 0; pre < 20; pre++) {
		char buf[40];
		bool ok = true;

		memset(buf, 'a', sizeof(buf));
		buf[pre] = (char)0xff;
		ok &= tm_utf8_validate(buf, sizeof(buf), &off) == TM_EUNICODE &&
		      off == pre;
		ok &= tm_utf8_validate(buf, pre, &off) == TM_OK;
		memcpy(buf + pre, "\xed\x95\x9c", 3);
		ok &= tm_utf8_validate(buf, sizeof(buf), &off) == TM_OK;
		buf[pre + 2] = 'a'; /* truncated: bad at its first byte */
		ok &= tm_utf8_validate(buf, sizeof(buf), &off) == TM_EUNICODE &&
		      off == pre;
		CHECK(ok);
	}
}

static void
test_core_lang_normalize(void)
{
	static const char *cases[][2] = {
	        {"EN-us", "en-US"},         {"en_gb", "en-GB"},
	        {"ko", "ko"},               {"RU-ru", "ru-RU"},
	        {"zh-hant-tw", "zh-Hant-TW"}, {"eng-GB", "eng-GB"},
	        {"DA-01", "da-01"},
	};
	char *out = NULL;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		REQUIRE(tm_lang_normalize(&out, cases[i][0]) == TM_OK);
		CHECK_STR(out, cases[i][1]);
		tm_free(out);
	}
	CHECK(tm_lang_normalize(&out, "") == TM_EINVAL);
	CHECK(out == NULL);
	CHECK(tm_lang_normalize(&out, "e n") == TM_EINVAL);
	CHECK_STR(tm_errmsg(), "lang: 'e n' is not a language tag");
	CHECK(tm_lang_normalize(&out, "*all*") == TM_EINVAL);
}

static void
test_core_lang_matches_range(void)
{
	CHECK(tm_lang_matches("en", "en-US"));
	CHECK(tm_lang_matches("en", "EN_gb"));
	CHECK(tm_lang_matches("en", "en"));
	CHECK(!tm_lang_matches("en", "eng-GB"));
	CHECK(!tm_lang_matches("en-US", "en-GB"));
	CHECK(!tm_lang_matches("en-US", "en"));
}

static void
test_core_unit_variants_and_meta(void)
{
	tm_unit *u = NULL;
	tm_variant *v = NULL;
	const char *name = NULL, *value = NULL;

	REQUIRE(tm_unit_new(&u) == TM_OK);
	REQUIRE(tm_unit_add_variant(&v, u, "en-US", NULL, "a < b & c") ==
	        TM_OK);
	CHECK_STR(tm_variant_markup(v), "a &lt; b &amp; c");
	CHECK_STR(tm_variant_plain(v), "a < b & c");
	REQUIRE(tm_unit_add_variant(NULL, u, "ko", "<ph x=\"1\"/>서울",
	                            "서울") == TM_OK);
	CHECK(tm_unit_variant_count(u) == 2);
	CHECK(tm_unit_variant_by_lang(u, "en") == v);
	CHECK(tm_unit_variant_by_lang(u, "ru") == NULL);
	CHECK(tm_unit_add_variant(NULL, u, NULL, NULL, "x") == TM_EINVAL);

	CHECK(tm_meta_set_attr(tm_unit_meta(u), "tuid", "1") == TM_OK);
	CHECK(tm_meta_set_attr(tm_unit_meta(u), "usagecount", "3") == TM_OK);
	CHECK(tm_meta_set_attr(tm_unit_meta(u), "tuid", "2") == TM_OK);
	CHECK_STR(tm_meta_attr(tm_unit_meta(u), "tuid"), "2");
	CHECK(tm_meta_attr_count(tm_unit_meta(u)) == 2);
	CHECK(tm_meta_attr_at(tm_unit_meta(u), 1, &name, &value) == TM_OK);
	CHECK_STR(name, "usagecount");
	CHECK(tm_meta_set_attr(tm_unit_meta(u), "tuid", NULL) == TM_OK);
	CHECK(tm_meta_attr(tm_unit_meta(u), "tuid") == NULL);
	CHECK(tm_meta_attr_at(tm_unit_meta(u), 1, &name, &value) ==
	      TM_ENOTFOUND);

	CHECK(tm_meta_add_prop(tm_variant_meta(v), "x-context", NULL, "p") ==
	      TM_OK);
	CHECK(tm_meta_add_note(tm_variant_meta(v), "en", "checked") == TM_OK);
	CHECK_STR(tm_meta_prop_value(tm_variant_meta(v), "x-context"), "p");
	CHECK_STR(tm_meta_note(tm_variant_meta(v), 0)->lang, "en");
	CHECK(tm_meta_prop(tm_variant_meta(v), 1) == NULL);
	tm_unit_free(u);
	tm_unit_free(NULL);
}

/* unit.c keeps each record (variant and its strings, attribute, prop,
 * note) in one block and the first variants inline: what a unit holds must
 * not depend on that. */
static void
test_core_unit_records_packed(void)
{
	static const char *const langs[] = {"en", "de", "fr", "ko",
	                                    "ru", "ja", "pt-BR"};
	const size_t NLANGS = sizeof(langs) / sizeof(langs[0]);
	tm_unit *u = NULL;
	tm_meta *m;
	const char *name = NULL, *value = NULL;

	REQUIRE(tm_unit_new(&u) == TM_OK);
	for (size_t i = 0; i < NLANGS; i++)
		REQUIRE(tm_unit_add_variant(NULL, u, langs[i],
		                            i % 2 ? NULL : "<b>x</b>",
		                            langs[i]) == TM_OK);
	REQUIRE(tm_unit_variant_count(u) == NLANGS);
	for (size_t i = 0; i < NLANGS; i++) {
		tm_variant *v = tm_unit_variant(u, i);

		CHECK_STR(tm_variant_lang(v), langs[i]);
		CHECK_STR(tm_variant_plain(v), langs[i]);
		CHECK_STR(tm_variant_markup(v), i % 2 ? langs[i] : "<b>x</b>");
	}
	CHECK(tm_unit_variant_by_lang(u, "pt") == tm_unit_variant(u, 6));

	m = tm_variant_meta(tm_unit_variant(u, 5));
	CHECK(tm_meta_set_attr(m, "a", "1") == TM_OK);
	CHECK(tm_meta_set_attr(m, "b", "") == TM_OK);
	CHECK(tm_meta_set_attr(m, "a", "a longer value than before") == TM_OK);
	CHECK(tm_meta_attr_at(m, 0, &name, &value) == TM_OK);
	CHECK_STR(name, "a");
	CHECK_STR(value, "a longer value than before");
	CHECK_STR(tm_meta_attr(m, "b"), "");
	CHECK(tm_meta_add_prop(m, "x-t", "en", "v1") == TM_OK);
	CHECK(tm_meta_add_prop(m, "x-u", NULL, "") == TM_OK);
	CHECK(tm_meta_add_note(m, NULL, "n1") == TM_OK);
	CHECK(tm_meta_add_note(m, "de", "n2") == TM_OK);
	CHECK_STR(tm_meta_prop(m, 0)->type, "x-t");
	CHECK_STR(tm_meta_prop(m, 0)->lang, "en");
	CHECK_STR(tm_meta_prop(m, 0)->value, "v1");
	CHECK(tm_meta_prop(m, 1)->lang == NULL);
	CHECK_STR(tm_meta_prop(m, 1)->value, "");
	CHECK(tm_meta_note(m, 0)->lang == NULL);
	CHECK_STR(tm_meta_note(m, 0)->text, "n1");
	CHECK_STR(tm_meta_note(m, 1)->lang, "de");
	CHECK_STR(tm_meta_note(m, 1)->text, "n2");
	tm_meta_clear(m);
	CHECK(tm_meta_attr_count(m) == 0 && tm_meta_prop_count(m) == 0 &&
	      tm_meta_note_count(m) == 0);
	CHECK(tm_meta_set_attr(m, "c", "3") == TM_OK);
	CHECK_STR(tm_meta_attr(m, "c"), "3");

	/* past the inline attribute slots, twice over, then one removed */
	m = tm_unit_meta(u);
	for (int i = 0; i < 9; i++) {
		char n[8], v[8];

		snprintf(n, sizeof(n), "n%d", i);
		snprintf(v, sizeof(v), "v%d", i);
		CHECK(tm_meta_set_attr(m, n, v) == TM_OK);
	}
	CHECK(tm_meta_set_attr(m, "n3", NULL) == TM_OK);
	REQUIRE(tm_meta_attr_count(m) == 8);
	for (size_t i = 0; i < 8; i++) {
		char n[8], v[8];

		snprintf(n, sizeof(n), "n%zu", i < 3 ? i : i + 1);
		snprintf(v, sizeof(v), "v%zu", i < 3 ? i : i + 1);
		CHECK(tm_meta_attr_at(m, i, &name, &value) == TM_OK);
		CHECK_STR(name, n);
		CHECK_STR(value, v);
	}
	tm_unit_free(u);
}

/* TM__ARRAY_GROW(): doubling from its minimum, at least what is needed,
 * nothing when there is room; a size that would overflow, or a block the
 * allocator refuses, fails and leaves the array as it was (its owner
 * still frees it). */
static void
test_core_array_grow(void)
{
	struct item {
		long long a, b;
	} *v = NULL, *old;
	size_t cap = 0;

	REQUIRE(TM__ARRAY_GROW(v, cap, 1, 16));
	CHECK(v != NULL && cap == 16);
	old = v;
	CHECK(TM__ARRAY_GROW(v, cap, 16, 16) && v == old && cap == 16);
	REQUIRE(TM__ARRAY_GROW(v, cap, 17, 16));
	CHECK(cap == 32);
	REQUIRE(TM__ARRAY_GROW(v, cap, 100, 16));
	CHECK(cap == 100);
	v[99].a = 7; /* the room is there */
	old = v;
	CHECK(!TM__ARRAY_GROW(v, cap, SIZE_MAX / 8, 16));
	CHECK(v == old && cap == 100 && v[99].a == 7);
	CHECK(!TM__ARRAY_GROW(v, cap, SIZE_MAX, 16));
	CHECK(v == old && cap == 100);
#ifndef UNDER_ASAN
	/* fits in size_t, no allocator gives it: realloc() fails */
	CHECK(!TM__ARRAY_GROW(v, cap, SIZE_MAX / 16 - 1, 16));
	CHECK(v == old && cap == 100 && v[99].a == 7);
#endif
	free(v);
}

int
main(void)
{
	RUN(test_core_strerror_covers_every_status);
	RUN(test_core_utf8_validate_reports_offset);
	RUN(test_core_lang_normalize);
	RUN(test_core_lang_matches_range);
	RUN(test_core_unit_variants_and_meta);
	RUN(test_core_unit_records_packed);
	RUN(test_core_array_grow);
	return tm_test_done();
}
