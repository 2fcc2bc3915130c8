/* SPDX-License-Identifier: MIT */
/* Matching keys: NFC, case folding, punctuation and space folds. */
#include <tm/tm.h>

#include <stdint.h>

#include "tm-test.h"

/* The UTF-8 of @c (below U+10000) at @out: its length. */
static int
u8(char *out, uint32_t c)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	out[0] = (char)(0xE0 | c >> 12);
	out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[2] = (char)(0x80 | (c & 0x3F));
	return 3;
}

/* tm_normalize() of a C string with @flags; the caller frees. */
static char *
norm(const char *s, unsigned int flags)
{
	char *out = NULL;
	size_t len = 99;

	if (tm_normalize(&out, &len, s, strlen(s), flags) != TM_OK)
		return NULL;
	if (len != strlen(out)) {
		tm_free(out);
		return NULL;
	}
	return out;
}

#define CHECK_NORM(in, flags, want)                                            \
	do {                                                                   \
		char *got_ = norm((in), (flags));                              \
		CHECK_STR(got_, (want));                                       \
		tm_free(got_);                                                 \
	} while (0)

static void
test_normalize_ascii_key(void)
{
	CHECK_NORM("  Hello,\tWORLD \r\n ok  ", TM_NORM_KEY, "hello, world ok");
	CHECK_NORM("", TM_NORM_KEY, "");
	CHECK_NORM("   ", TM_NORM_KEY, "");
	CHECK_NORM("A-B 'c' \"D\"", TM_NORM_KEY, "a-b 'c' \"d\"");
	/* no flags: ASCII comes back as it was */
	CHECK_NORM("  Hello  World ", 0, "  Hello  World ");
}

static void
test_normalize_typographic_quotes_and_dashes(void)
{
	CHECK_NORM("\xe2\x80\x9cHello\xe2\x80\x9d \xe2\x80\x94 World",
	           TM_NORM_KEY, "\"hello\" - world");
	CHECK_NORM("\"hello\" - world", TM_NORM_KEY, "\"hello\" - world");
	/* „ « » ‘ ’ ‚ ‹ › */
	CHECK_NORM("\xe2\x80\x9e"
	           "a"
	           "\xc2\xab"
	           "b"
	           "\xc2\xbb"
	           "\xe2\x80\x98"
	           "c"
	           "\xe2\x80\x99"
	           "\xe2\x80\x9a"
	           "\xe2\x80\xb9"
	           "d"
	           "\xe2\x80\xba",
	           TM_NORM_PUNCT, "\"a\"b\"'c'''d'");
	/* – — ― − and the non-breaking hyphen */
	CHECK_NORM("1\xe2\x80\x93"
	           "2\xe2\x80\x94"
	           "3\xe2\x80\x95"
	           "4\xe2\x88\x92"
	           "5\xe2\x80\x91"
	           "6",
	           TM_NORM_PUNCT, "1-2-3-4-5-6");
	/* ellipsis, soft hyphen */
	CHECK_NORM("Wait\xe2\x80\xa6 in\xc2\xad"
	           "for\xc2\xad"
	           "ma\xc2\xad"
	           "tion",
	           TM_NORM_PUNCT, "Wait... information");
	/* without TM_NORM_PUNCT the quotes stay */
	CHECK_NORM("\xe2\x80\x9cHi\xe2\x80\x9d", TM_NORM_CASEFOLD,
	           "\xe2\x80\x9chi\xe2\x80\x9d");
}

static void
test_normalize_spaces(void)
{
	/* NBSP, thin space, narrow NBSP, ideographic space, line separator */
	CHECK_NORM("\xc2\xa0"
	           "10\xe2\x80\x89"
	           "000\xe2\x80\xaf"
	           "won"
	           "\xe3\x80\x80\xe3\x80\x80"
	           "ok\xe2\x80\xa8",
	           TM_NORM_KEY, "10 000 won ok");
	/* spaces alone collapse every White_Space character */
	CHECK_NORM("a\xc2\xa0\xc2\xa0 b\xe3\x80\x80", TM_NORM_SPACES, "a b");
	/* punctuation alone maps them to a space but does not collapse */
	CHECK_NORM("a\xc2\xa0\xc2\xa0"
	           "b",
	           TM_NORM_PUNCT, "a  b");
	/* zero width space and BOM are dropped with the spaces */
	CHECK_NORM("\xef\xbb\xbf"
	           "ab\xe2\x80\x8b"
	           "c",
	           TM_NORM_SPACES, "abc");
}

static void
test_normalize_nfc(void)
{
	/* e + combining acute -> é; Hangul jamo -> syllables */
	CHECK_NORM("Cafe\xcc\x81", 0, "Caf\xc3\xa9");
	CHECK_NORM("\xe1\x84\x89\xe1\x85\xa5\xe1\x84\x8b\xe1\x85\xae"
	           "\xe1\x86\xaf",
	           0, "\xec\x84\x9c\xec\x9a\xb8");
	/* decomposed and composed give the same key */
	{
		char *a = norm("CAFE\xcc\x81 \xe2\x80\x94 Se\xcc\x81oul",
		               TM_NORM_KEY);
		char *b = norm("caf\xc3\xa9 - s\xc3\xa9oul", TM_NORM_KEY);

		CHECK_STR(a, b);
		tm_free(a);
		tm_free(b);
	}
}

static void
test_normalize_full_case_folding(void)
{
	CHECK_NORM("Stra\xc3\x9f"
	           "e",
	           TM_NORM_CASEFOLD, "strasse");
	CHECK_NORM("\xd0\x9f\xd0\xa3\xd0\xa2\xd0\x98\xd0\x9d", TM_NORM_KEY,
	           "\xd0\xbf\xd1\x83\xd1\x82\xd0\xb8\xd0\xbd"); /* ПУТИН */
	/* ΣΊΣΥΦΟΣ -> σίσυφοσ (folding, not lower-casing: final sigma too) */
	CHECK_NORM("\xce\xa3\xce\x8a\xce\xa3\xce\xa5\xce\xa6\xce\x9f\xce\xa3",
	           TM_NORM_CASEFOLD,
	           "\xcf\x83\xce\xaf\xcf\x83\xcf\x85\xcf\x86\xce\xbf\xcf\x83");
	/* Hangul has no case */
	CHECK_NORM("\xed\x8f\x89\xec\x96\x91", TM_NORM_KEY,
	           "\xed\x8f\x89\xec\x96\x91");
	/* default (non-Turkic) folding: İ -> i + combining dot */
	CHECK_NORM("\xc4\xb0", TM_NORM_CASEFOLD, "i\xcc\x87");
	/* ǰ folds to j + caron, which NFC composes back: the key is NFC */
	CHECK_NORM("\xc7\xb0", TM_NORM_CASEFOLD, "\xc7\xb0");
}

static void
test_normalize_idempotent(void)
{
	static const char *const texts[] = {
	        "  \xe2\x80\x9cHello\xe2\x80\x9d \xe2\x80\x94 "
	        "World\xe2\x80\xa6",
	        "Stra\xc3\x9f"
	        "e \xc4\xb0stanbul \xc7\xb0",
	        "\xd0\x9f\xd1\x83\xd1\x82\xd0\xb8\xd0\xbd \xc2\xab\xd0\x9c\xd0"
	        "\xb8\xd1\x80\xc2\xbb",
	        "Cafe\xcc\x81\xc2\xa0\xc2\xa0\xef\xbc\x82x\xef\xbc\x82",
	};

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		char *once = norm(texts[i], TM_NORM_KEY);
		char *twice = once ? norm(once, TM_NORM_KEY) : NULL;

		CHECK_STR(once, twice);
		tm_free(once);
		tm_free(twice);
	}
}

static void
test_normalize_length_not_nul(void)
{
	char *out = NULL;
	size_t len = 0;

	/* only the first @len bytes count, NULs included */
	REQUIRE(tm_normalize(&out, &len,
	                     "AB\xc2\xa0"
	                     "CD",
	                     4, TM_NORM_KEY) == TM_OK);
	CHECK_STR(out, "ab"); /* the no-break space is trailing: trimmed */
	CHECK(len == 2);
	tm_free(out);
	REQUIRE(tm_normalize(&out, &len, "a\0b", 3, 0) == TM_OK);
	CHECK(len == 3 && memcmp(out, "a\0b", 3) == 0);
	tm_free(out);
	REQUIRE(tm_normalize(&out, NULL, "", 0, TM_NORM_KEY) == TM_OK);
	CHECK_STR(out, "");
	tm_free(out);
}

static void
test_normalize_long_input(void)
{
	/* longer than the stack buffers: the heap path */
	size_t n = 5000;
	char *in = malloc(n * 3 + 1), *out = NULL, *want = malloc(n + 1);
	size_t len = 0;

	REQUIRE(in && want);
	for (size_t i = 0; i < n; i++) {
		memcpy(in + 3 * i, "\xe2\x80\x94", 3); /* — */
		want[i] = '-';
	}
	want[n] = '\0';
	REQUIRE(tm_normalize(&out, &len, in, n * 3, TM_NORM_KEY) == TM_OK);
	CHECK(len == n);
	CHECK_STR(out, want);
	tm_free(out);
	/* ellipses triple in length */
	for (size_t i = 0; i < n; i++)
		memcpy(in + 3 * i, "\xe2\x80\xa6", 3);
	REQUIRE(tm_normalize(&out, &len, in, n * 3, TM_NORM_KEY) == TM_OK);
	CHECK(len == 3 * n);
	CHECK(out[0] == '.' && out[3 * n - 1] == '.');
	tm_free(out);
	free(in);
	free(want);
}

/* The ICU path converts into a stack buffer first and sizes its heap
 * buffers when the text does not fit (ellipses counted): lengths on both
 * sides of every boundary. */
static void
test_normalize_icu_buffer_sizes(void)
{
	static const size_t sizes[] = {1,   100, 170, 171, 172, 255,  256,
	                               341, 342, 511, 512, 513, 1000, 3000};

	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		size_t k = sizes[s], len = 0;
		/* "É…" k times then "Ab": É needs ICU, … grows */
		char *in = malloc(5 * k + 3), *want = malloc(5 * k + 3);
		char *hin = malloc(3 * k + 1), *out = NULL;

		REQUIRE(in && want && hin);
		for (size_t i = 0; i < k; i++) {
			memcpy(in + 5 * i, "\xc3\x89\xe2\x80\xa6", 5);
			memcpy(want + 5 * i, "\xc3\xa9...", 5);
			memcpy(hin + 3 * i, "\xed\x95\x9c", 3); /* 한 */
		}
		memcpy(in + 5 * k, "Ab", 3);
		memcpy(want + 5 * k, "ab", 3);
		hin[3 * k] = '\0';
		REQUIRE(tm_normalize(&out, &len, in, 5 * k + 2, TM_NORM_KEY) ==
		        TM_OK);
		CHECK(len == 5 * k + 2);
		CHECK_STR(out, want);
		tm_free(out);
		CHECK_NORM(hin, TM_NORM_KEY, hin);
		free(in);
		free(want);
		free(hin);
	}
}

/* ASCII with typographic punctuation, Hangul syllables and basic
 * Cyrillic take a path without ICU; text with any other character takes
 * ICU's. Both must fold the same way. */
static void
test_normalize_fast_and_icu_paths_agree(void)
{
	static const char *const folds[] = {
	        "\xe2\x80\x9cQ\xe2\x80\x9d",
	        "\xc2\xab"
	        "A\xc2\xbb",
	        "it\xe2\x80\x99s",
	        "1\xe2\x80\x93"
	        "2",
	        "x\xe2\x80\xa6",
	        "a\xc2\xa0\xe2\x80\x89 B",
	        "so\xc2\xad"
	        "ft",
	        "\xef\xbb\xbf"
	        "Z\xe2\x80\x8b"
	        "w",
	        " \xe3\x80\x80 ",
	};
	unsigned int flags[] = {0, TM_NORM_CASEFOLD, TM_NORM_SPACES,
	                        TM_NORM_PUNCT, TM_NORM_KEY};

	for (size_t f = 0; f < sizeof(flags) / sizeof(flags[0]); f++)
		for (size_t i = 0; i < sizeof(folds) / sizeof(folds[0]); i++) {
			char with[64], *a, *b, *want;

			/* a trailing Han character forces the ICU path */
			snprintf(with, sizeof(with), "%s\xe4\xb8\xad",
			         folds[i]);
			a = norm(folds[i], flags[f]);
			b = norm(with, flags[f]);
			REQUIRE(a && b);
			want = malloc(strlen(a) + 8);
			REQUIRE(want);
			sprintf(want, "%s\xe4\xb8\xad", a);
			/* a trailing space before the character is kept */
			if (strcmp(b, want) != 0) {
				sprintf(want, "%s \xe4\xb8\xad", a);
				CHECK_STR(b, want);
			}
			free(want);
			tm_free(a);
			tm_free(b);
		}
}

/* Every letter of the fast path (Hangul syllables, U+0400..U+045F), alone
 * and next to another one, folds as ICU folds it; a combining mark or a
 * conjoining jamo after one still composes with it (ICU's path). */
static void
test_normalize_fast_letters(void)
{
	unsigned int flags[] = {0, TM_NORM_CASEFOLD, TM_NORM_KEY};

	for (size_t f = 0; f < sizeof(flags) / sizeof(flags[0]); f++) {
		for (uint32_t c = 0x0400; c <= 0xD7A3; c++) {
			char in[32], with[40], *a, *b;
			int n;

			if (c == 0x0460)
				c = 0xAC00;
			n = u8(in, c);
			n += u8(in + n, c == 0xD7A3 ? 0x0400 : c + 1);
			in[n] = '\0';
			snprintf(with, sizeof(with), "%s\xe4\xb8\xad", in);
			a = norm(in, flags[f]);
			b = norm(with, flags[f]);
			REQUIRE(a && b);
			if (strlen(b) != strlen(a) + 3 ||
			    strncmp(a, b, strlen(a)) != 0) {
				printf("# U+%04X, flags %u: '%s' vs '%s'\n",
				       (unsigned)c, flags[f], a, b);
				CHECK(false);
			}
			tm_free(a);
			tm_free(b);
		}
	}
	/* и + combining breve -> й; 가 + final ㄱ (U+11A8) -> 각 */
	CHECK_NORM("\xd0\xb8\xcc\x86", 0, "\xd0\xb9");
	CHECK_NORM("\xd0\x98\xcc\x86", TM_NORM_KEY, "\xd0\xb9");
	CHECK_NORM("\xea\xb0\x80\xe1\x86\xa8", 0, "\xea\xb0\x81");
	/* a capital that is neither: Greek and Ukrainian Ґ fold by ICU */
	CHECK_NORM("\xd2\x90\xce\x91", TM_NORM_KEY, "\xd2\x91\xce\xb1");
}

static void
test_normalize_invalid_utf8(void)
{
	char *out = (char *)"x";
	size_t len = 7;

	CHECK(tm_normalize(&out, &len, "ab\xc3(", 4, TM_NORM_KEY) ==
	      TM_EUNICODE);
	CHECK(out == NULL);
	CHECK(len == 0);
	CHECK_STR(tm_errmsg(), "normalize: invalid UTF-8 at byte 2");
	CHECK(tm_normalize(&out, NULL, "\xed\x95\x9c\xff", 4, 0) ==
	      TM_EUNICODE);
	CHECK_STR(tm_errmsg(), "normalize: invalid UTF-8 at byte 3");
	/* after a character of the fast path */
	CHECK(tm_normalize(&out, NULL, "\xe2\x80\x94\xe2\x80", 5, 0) ==
	      TM_EUNICODE);
	CHECK_STR(tm_errmsg(), "normalize: invalid UTF-8 at byte 3");
	/* a surrogate */
	CHECK(tm_normalize(&out, NULL, "a\xed\xa0\x80", 4, 0) == TM_EUNICODE);
	CHECK_STR(tm_errmsg(), "normalize: invalid UTF-8 at byte 1");
	CHECK(tm_normalize(NULL, NULL, "a", 1, 0) == TM_EINVAL);
}

int
main(void)
{
	RUN(test_normalize_ascii_key);
	RUN(test_normalize_icu_buffer_sizes);
	RUN(test_normalize_typographic_quotes_and_dashes);
	RUN(test_normalize_spaces);
	RUN(test_normalize_nfc);
	RUN(test_normalize_full_case_folding);
	RUN(test_normalize_idempotent);
	RUN(test_normalize_length_not_nul);
	RUN(test_normalize_long_input);
	RUN(test_normalize_fast_and_icu_paths_agree);
	RUN(test_normalize_fast_letters);
	RUN(test_normalize_invalid_utf8);
	return tm_test_done();
}
