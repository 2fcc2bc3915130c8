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
		if (st != -5) /* not used (it was TM_EEXISTS) */
			CHECK(strcmp(tm_strerror((tm_status)st),
			             "unknown status") != 0);
	CHECK_STR(tm_strerror((tm_status)-5), "unknown status");
	CHECK_STR(tm_strerror((tm_status)-99), "unknown status");
}

static void
test_core_utf8_validate_reports_offset(void)
{
	size_t off = 99;

	CHECK(tm_utf8_validate(&off, "abc", 3) == TM_OK);
	CHECK(tm_utf8_validate(&off, "\xed\x95\x9c\xea\xb8\x80", 6) == TM_OK);
	CHECK(tm_utf8_validate(&off, "ab\xff", 3) == TM_EUNICODE);
	CHECK(off == 2);
	CHECK_STR(tm_errmsg(), "text: invalid UTF-8 at byte 2");
	/* overlong '/', a UTF-16 surrogate, a truncated sequence */
	CHECK(tm_utf8_validate(&off, "\xc0\xaf", 2) == TM_EUNICODE);
	CHECK(tm_utf8_validate(&off, "x\xed\xa0\x80", 4) == TM_EUNICODE);
	CHECK(off == 1);
	CHECK(tm_utf8_validate(&off, "\xe2\x82", 2) == TM_EUNICODE);
	CHECK(tm_utf8_validate(&off, "\xf4\x90\x80\x80", 4) == TM_EUNICODE);
	/* ASCII is skipped 8 bytes at a time: a bad byte, or a good
	 * sequence, at every offset of runs around that width */
	for (size_t pre = 0; pre < 20; pre++) {
		char buf[40];
		bool ok = true;

		memset(buf, 'a', sizeof(buf));
		buf[pre] = (char)0xff;
		ok &= tm_utf8_validate(&off, buf, sizeof(buf)) == TM_EUNICODE &&
		      off == pre;
		ok &= tm_utf8_validate(&off, buf, pre) == TM_OK;
		memcpy(buf + pre, "\xed\x95\x9c", 3);
		ok &= tm_utf8_validate(&off, buf, sizeof(buf)) == TM_OK;
		buf[pre + 2] = 'a'; /* truncated: bad at its first byte */
		ok &= tm_utf8_validate(&off, buf, sizeof(buf)) == TM_EUNICODE &&
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
	/* the read-only views of a const unit give the same variants */
	{
		const tm_unit *cu = u;

		CHECK(tm_unit_variant_const(cu, 0) == v);
		CHECK(tm_unit_variant_const(cu, 2) == NULL);
		CHECK(tm_unit_variant_by_lang_const(cu, "en") == v);
		CHECK(tm_unit_variant_by_lang_const(cu, "ko") ==
		      tm_unit_variant(u, 1));
		CHECK(tm_unit_variant_by_lang_const(cu, "ru") == NULL);
	}
	CHECK(tm_unit_add_variant(NULL, u, NULL, NULL, "x") == TM_EINVAL);

	CHECK(tm_meta_set_attr(tm_unit_meta(u), "tuid", "1") == TM_OK);
	CHECK(tm_meta_set_attr(tm_unit_meta(u), "usagecount", "3") == TM_OK);
	CHECK(tm_meta_set_attr(tm_unit_meta(u), "tuid", "2") == TM_OK);
	CHECK_STR(tm_meta_attr(tm_unit_meta(u), "tuid"), "2");
	CHECK(tm_meta_attr_count(tm_unit_meta(u)) == 2);
	CHECK(tm_meta_attr_at(&name, &value, tm_unit_meta(u), 1) == TM_OK);
	CHECK_STR(name, "usagecount");
	CHECK(tm_meta_set_attr(tm_unit_meta(u), "tuid", NULL) == TM_OK);
	CHECK(tm_meta_attr(tm_unit_meta(u), "tuid") == NULL);
	CHECK(tm_meta_attr_at(&name, &value, tm_unit_meta(u), 1) ==
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
	CHECK(tm_meta_attr_at(&name, &value, m, 0) == TM_OK);
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
		CHECK(tm_meta_attr_at(&name, &value, m, i) == TM_OK);
		CHECK_STR(name, n);
		CHECK_STR(value, v);
	}
	tm_unit_free(u);
}

/* Each struct's _init() gives what its _INIT macro gives (compared
 * member by member through a second struct set by the macro: padding
 * bytes make memcmp unreliable, so the structs are compared after a
 * memset of both and a copy of every member), refuses another version
 * and a NULL struct. */
#define INIT_SAME(type, fn, VERSION, ...)                                    \
	do {                                                                 \
		type want = __VA_ARGS__, got, junk;                          \
                                                                             \
		memset(&got, 0x5a, sizeof(got));                             \
		memset(&junk, 0x5a, sizeof(junk));                           \
		CHECK(fn(&got, VERSION) == TM_OK);                           \
		CHECK(got.version == (VERSION));                             \
		CHECK(memcmp(&got, &junk, sizeof(got)) != 0);                \
		CHECK(fn(&junk, (VERSION) + 1) == TM_EINVAL);                \
		CHECK(strstr(tm_errmsg(), #fn ": unknown version") != NULL); \
		CHECK(fn(NULL, VERSION) == TM_EINVAL);                       \
		CHECK(want.version == got.version);                          \
		fields_##type(&want, &got);                                  \
	} while (0)

static void
fields_tm_align_options(const tm_align_options *a, const tm_align_options *b)
{
	CHECK(a->flags == b->flags && a->band == b->band);
}

static void
fields_tm_check_options(const tm_check_options *a, const tm_check_options *b)
{
	CHECK(a->flags == b->flags && a->min_severity == b->min_severity &&
	      !b->glossary);
}

static void
fields_tm_db_options(const tm_db_options *a, const tm_db_options *b)
{
	CHECK(a->flags == b->flags && b->flags == TM_DB_CREATE &&
	      a->busy_timeout_ms == b->busy_timeout_ms);
}

static void
fields_tm_db_links_options(const tm_db_links_options *a,
                           const tm_db_links_options *b)
{
	CHECK(!b->source_lang && !b->target_lang && !b->origin && !b->date &&
	      a->min_confidence == b->min_confidence);
}

static void
fields_tm_db_links_stats(const tm_db_links_stats *a,
                         const tm_db_links_stats *b)
{
	CHECK(a->added == b->added && b->added == 0 && b->released == 0);
}

static void
fields_tm_db_query(const tm_db_query *a, const tm_db_query *b)
{
	CHECK(!b->langs && !b->since && !b->origin && a->flags == b->flags);
}

static void
fields_tm_db_stats(const tm_db_stats *a, const tm_db_stats *b)
{
	CHECK(!b->langs && !b->pairs && !b->origins && b->units == a->units);
}

static void
fields_tm_lookup_options(const tm_lookup_options *a,
                         const tm_lookup_options *b)
{
	CHECK(!b->source_lang && !b->target_lang && !b->ctx_prev &&
	      a->min_score == b->min_score && a->max_results == b->max_results);
}

static void
fields_tm_concord_options(const tm_concord_options *a,
                          const tm_concord_options *b)
{
	CHECK(!b->lang && !b->target_lang && a->flags == b->flags);
}

static void
fields_tm_segmenter_options(const tm_segmenter_options *a,
                            const tm_segmenter_options *b)
{
	CHECK(!b->srx_path && a->flags == b->flags);
}

static void
fields_tm_tmx_read_options(const tm_tmx_read_options *a,
                           const tm_tmx_read_options *b)
{
	CHECK(!b->warn && !b->warn_payload && a->flags == b->flags);
}

static void
fields_tm_tmx_write_options(const tm_tmx_write_options *a,
                            const tm_tmx_write_options *b)
{
	CHECK(!b->srclang && !b->langs && !b->header && a->flags == b->flags);
}

static void
fields_tm_tmx_stats(const tm_tmx_stats *a, const tm_tmx_stats *b)
{
	CHECK(!b->messages && b->message_count == 0 && a->units == b->units);
}

static void
fields_tm_tmx_import_options(const tm_tmx_import_options *a,
                             const tm_tmx_import_options *b)
{
	CHECK(b->dup == TM_DUP_MERGE && !b->origin && !b->warn &&
	      !b->progress && a->flags == b->flags);
}

static void
fields_tm_tmx_export_options(const tm_tmx_export_options *a,
                             const tm_tmx_export_options *b)
{
	CHECK(!b->srclang && !b->targets && !b->since && !b->origin &&
	      !b->progress && a->flags == b->flags);
}

static void
test_core_options_init_functions(void)
{
	INIT_SAME(tm_align_options, tm_align_options_init,
	          TM_ALIGN_OPTIONS_VERSION, TM_ALIGN_OPTIONS_INIT);
	INIT_SAME(tm_check_options, tm_check_options_init,
	          TM_CHECK_OPTIONS_VERSION, TM_CHECK_OPTIONS_INIT);
	INIT_SAME(tm_db_options, tm_db_options_init, TM_DB_OPTIONS_VERSION,
	          TM_DB_OPTIONS_INIT);
	INIT_SAME(tm_db_links_options, tm_db_links_options_init,
	          TM_DB_LINKS_OPTIONS_VERSION, TM_DB_LINKS_OPTIONS_INIT);
	INIT_SAME(tm_db_links_stats, tm_db_links_stats_init,
	          TM_DB_LINKS_STATS_VERSION, TM_DB_LINKS_STATS_INIT);
	INIT_SAME(tm_db_query, tm_db_query_init, TM_DB_QUERY_VERSION,
	          TM_DB_QUERY_INIT);
	INIT_SAME(tm_db_stats, tm_db_stats_init, TM_DB_STATS_VERSION,
	          TM_DB_STATS_INIT);
	INIT_SAME(tm_lookup_options, tm_lookup_options_init,
	          TM_LOOKUP_OPTIONS_VERSION, TM_LOOKUP_OPTIONS_INIT);
	INIT_SAME(tm_concord_options, tm_concord_options_init,
	          TM_CONCORD_OPTIONS_VERSION, TM_CONCORD_OPTIONS_INIT);
	INIT_SAME(tm_segmenter_options, tm_segmenter_options_init,
	          TM_SEGMENTER_OPTIONS_VERSION, TM_SEGMENTER_OPTIONS_INIT);
	INIT_SAME(tm_tmx_read_options, tm_tmx_read_options_init,
	          TM_TMX_READ_OPTIONS_VERSION, TM_TMX_READ_OPTIONS_INIT);
	INIT_SAME(tm_tmx_write_options, tm_tmx_write_options_init,
	          TM_TMX_WRITE_OPTIONS_VERSION, TM_TMX_WRITE_OPTIONS_INIT);
	INIT_SAME(tm_tmx_stats, tm_tmx_stats_init, TM_TMX_STATS_VERSION,
	          TM_TMX_STATS_INIT);
	INIT_SAME(tm_tmx_import_options, tm_tmx_import_options_init,
	          TM_TMX_IMPORT_OPTIONS_VERSION, TM_TMX_IMPORT_OPTIONS_INIT);
	INIT_SAME(tm_tmx_export_options, tm_tmx_export_options_init,
	          TM_TMX_EXPORT_OPTIONS_VERSION, TM_TMX_EXPORT_OPTIONS_INIT);
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
	RUN(test_core_options_init_functions);
	RUN(test_core_array_grow);
	return tm_test_done();
}
