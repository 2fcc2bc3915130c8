/* SPDX-License-Identifier: MIT */
/* Transliteration to Latin (ICU transliterators, opened once per handle) and
 * cross-script match keys.
 *
 * The key is a phonetic skeleton, not a spelling: Hangul and Cyrillic go
 * through built-in tables (no ICU call on the hot path, and the Korean rules
 * need the jamo, not a romanized string: an epenthetic ㅡ, a silent
 * initial ㅇ), Latin through a few English spelling rules, and any other
 * script through ICU's Any-Latin first. Every script ends in the same small
 * alphabet of consonant classes, so the key of a name does not depend on the
 * script it was written in. docs/translit.md explains every rule and what
 * the key can and cannot equate; tests/test-translit.c holds the name table
 * that measures it. */
#include "text-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

struct tm_translit {
	unsigned int flags;
	/* the language's script -> Latin, opened on the first
	 * tm_translit_text(): keys need no ICU transliterator for Hangul,
	 * Cyrillic or Latin, and opening one costs milliseconds (most of a
	 * one-sentence `tm align` of en-ko) */
	UTransliterator *text;
	char chain[160]; /* its ICU id */
	UTransliterator *any;  /* keys: other scripts -> ASCII, opened lazily */
	tm__ubuf in;
	tm__ubuf work;
	tm__buf word; /* keys: the Latin spelling of the current word */
	tm__buf key;  /* keys: the key being built */
};

/* ------------------------------------------------------------------ */
/* Opening and text transliteration                                    */

static tm_status
open_utrans(UTransliterator **out, const char *id)
{
	UErrorCode err = U_ZERO_ERROR;
	UParseError pe;
	UChar uid[128];

	u_uastrncpy(uid, id, (int32_t)TM_ARRAY_SIZE(uid));
	*out = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, &pe, &err);
	if (U_FAILURE(err)) {
		*out = NULL;
		return tm__error_set(TM_ERROR,
		                     "translit: cannot open ICU transliterator "
		                     "'%s': %s",
		                     id, u_errorName(err));
	}
	return TM_OK;
}

/* The primary subtag of @lang, lower-cased, if it is two or three letters. */
static bool
primary_subtag(char out[4], const char *lang)
{
	size_t n = 0;

	while (lang[n] && lang[n] != '-' && lang[n] != '_') {
		char c = lang[n];

		if (n >= 3)
			return false;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c < 'a' || c > 'z')
			return false;
		out[n++] = c;
	}
	out[n] = '\0';
	return n >= 2;
}

tm_status
tm_translit_new(tm_translit **out, const char *lang, unsigned int flags)
{
	tm_translit *tr;
	const char *id;
	char tag[4];

	if (!out)
		return tm__error_set(TM_EINVAL, "translit: NULL argument");
	*out = NULL;
	if (!lang) {
		id = "Any-Latin";
	} else if (!primary_subtag(tag, lang)) {
		return tm__error_set(TM_EINVAL,
		                     "translit: '%s' is not a language tag",
		                     lang);
	} else if (strcmp(tag, "ko") == 0) {
		/* Hangul-Latin, not Korean-Latin/BGN: the latter leaves Hangul
		 * as it is in ICU 72 (and drops vowels after NFD). */
		id = "Hangul-Latin";
	} else if (strcmp(tag, "ru") == 0) {
		id = "Russian-Latin/BGN";
	} else {
		return tm__error_set(
		        TM_EINVAL,
		        "translit: no transliteration for language "
		        "'%s' (known: ko, ru)",
		        lang);
	}
	tr = tm__calloc(1, sizeof(*tr));
	if (!tr)
		return tm__error_oom();
	tr->flags = flags;
	/* NFC first: decomposed Hangul jamo and Cyrillic й/ё written with
	 * combining marks must read like their composed forms. */
	snprintf(tr->chain, sizeof(tr->chain), "NFC; %s%s", id,
	         (flags & TM_TRANSLIT_ASCII) ? "; Latin-ASCII" : "");
	*out = tr;
	return TM_OK;
}

void
tm_translit_free(tm_translit *tr)
{
	if (!tr)
		return;
	if (tr->text)
		utrans_close(tr->text);
	if (tr->any)
		utrans_close(tr->any);
	tm__ubuf_dispose(&tr->in);
	tm__ubuf_dispose(&tr->work);
	tm__buf_dispose(&tr->word);
	tm__buf_dispose(&tr->key);
	tm__free(tr);
}

/* Run @t over @len units of @src into tr->work. */
static tm_status
run_utrans(tm_translit *tr, UTransliterator *t, const UChar *src, int32_t len)
{
	/* A Hangul syllable gives at most 7 Latin letters ("gyeong-"), a Han
	 * character a pinyin syllable and a space; 8 per unit is plenty, and
	 * a retry covers anything else. */
	int64_t cap = (int64_t)len * 8 + 64;

	for (int attempt = 0; attempt < 4; attempt++, cap *= 2) {
		UErrorCode err = U_ZERO_ERROR;
		int32_t n = len, limit = len;
		tm_status st;

		if (cap > INT32_MAX / 2)
			break;
		st = tm__ubuf_reserve(&tr->work, (int32_t)cap);
		if (st < 0)
			return st;
		memcpy(tr->work.data, src, (size_t)len * sizeof(UChar));
		utrans_transUChars(t, tr->work.data, &n, tr->work.cap, 0,
		                   &limit, &err);
		if (U_SUCCESS(err) && n < tr->work.cap) {
			tr->work.len = n;
			return TM_OK;
		}
		if (U_FAILURE(err) && err != U_BUFFER_OVERFLOW_ERROR)
			return tm__error_set(TM_ERROR,
			                     "translit: ICU failed: %s",
			                     u_errorName(err));
	}
	return tm__error_set(TM_ENOMEM, "translit: result too large");
}

tm_status
tm_translit_text(char **out, tm_translit *tr, const char *text, size_t len)
{
	tm_status st;

	if (!out || !tr || (!text && len))
		return tm__error_set(TM_EINVAL, "translit: NULL argument");
	*out = NULL;
	if (!tr->text) {
		st = open_utrans(&tr->text, tr->chain);
		if (st < 0)
			return st;
	}
	st = tm__utf8_to_utf16(&tr->in, text ? text : "", len);
	if (st < 0)
		return st;
	st = run_utrans(tr, tr->text, tr->in.data, tr->in.len);
	if (st < 0)
		return st;
	return tm__utf16_to_utf8(out, tr->work.data, tr->work.len, NULL);
}

/* ------------------------------------------------------------------ */
/* Match keys: the phone stream                                        */

/* The key alphabet: 'a' (the name starts with a vowel), the consonant
 * classes b d j k l m n p s t, and digits. */
typedef struct keyer {
	tm__buf *out;
	bool started;   /* something was emitted */
	char last;      /* last consonant class, 0 after a vowel or digit */
	long word_last; /* index of the current word's final consonant, or -1
	                 * once a vowel follows it */
	tm_status st;
} keyer;

static void
put(keyer *k, char c)
{
	if (k->st >= 0)
		k->st = tm__buf_append(k->out, &c, 1);
}

static void
vowel(keyer *k)
{
	if (!k->started)
		put(k, 'a');
	k->started = true;
	k->last = 0;
	k->word_last = -1;
}

static void
cons(keyer *k, char c)
{
	k->started = true;
	/* Doubled letters and the same sound across a syllable edge
	 * (젤렌 = zel-len, Muhammad) count once. */
	if (c != k->last) {
		put(k, c);
		k->last = c;
	}
	k->word_last = (long)k->out->len - 1;
}

static void
digit(keyer *k, char c)
{
	k->started = true;
	put(k, c);
	k->last = 0;
	k->word_last = -1;
}

/* Word end: a final b or d is devoiced (Lavrov = Лавров = 라브로프). */
static void
end_word(keyer *k)
{
	if (k->word_last >= 0 && k->st >= 0 &&
	    (size_t)k->word_last < k->out->len) {
		char *c = &k->out->data[k->word_last];

		if (*c == 'b')
			*c = 'p';
		else if (*c == 'd')
			*c = 't';
		if ((size_t)k->word_last == k->out->len - 1)
			k->last = *c;
	}
	k->word_last = -1;
}

static bool
lat_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ||
	       c == 'y';
}

/* One word of lower-case ASCII letters, spelled the English way (Cyrillic
 * is first spelled in Latin letters, see cyr_spell()). */
static void
latin_word(keyer *k, const char *w, size_t n)
{
#define AT(j) ((j) < n ? w[(j)] : '\0')
	for (size_t i = 0; i < n;) {
		char c = w[i], c1 = AT(i + 1), c2 = AT(i + 2), c3 = AT(i + 3);

		switch (c) {
		case 'a':
		case 'e':
		case 'i':
		case 'o':
		case 'u':
		case 'y':
			vowel(k);
			i++;
			break;
		case 'b':
			cons(k, 'b');
			i++;
			break;
		case 'c':
			if (c1 == 'h') {
				/* Christopher, Chloe: Greek ch is k */
				cons(k, c2 == 'r' || c2 == 'l' ? 'k' : 'j');
				i += 2;
			} else if (c1 == 'k' || c1 == 'q') {
				cons(k, 'k');
				i += 2;
			} else if (c1 == 'z') {
				cons(k, 'j');
				i += 2;
			} else {
				cons(k, c1 == 'e' || c1 == 'i' || c1 == 'y'
				                ? 's'
				                : 'k');
				i++;
			}
			break;
		case 'd':
			if (c1 == 'z' && c2 == 'h') {
				cons(k, 'j');
				i += 3;
			} else if (c1 == 'j' || c1 == 'z') {
				cons(k, 'j');
				i += 2;
			} else {
				cons(k, 'd');
				i++;
			}
			break;
		case 'f':
			cons(k, 'p');
			i++;
			break;
		case 'g':
			if (c1 == 'h') {
				/* Ghana, but Hugh, Knight */
				if (lat_vowel(c2))
					cons(k, 'k');
				i += 2;
			} else {
				cons(k, 'k');
				i++;
			}
			break;
		case 'h':
			/* Hamas = ХАМАС = 하마스; a silent h (Sarah) goes */
			if (lat_vowel(c1))
				cons(k, 'k');
			i++;
			break;
		case 'j':
			cons(k, 'j');
			i++;
			break;
		case 'k':
			cons(k, 'k');
			i += c1 == 'h' ? 2 : 1;
			break;
		case 'l':
			cons(k, 'l');
			i++;
			break;
		case 'm':
			cons(k, 'm');
			i++;
			break;
		case 'n':
			/* ng is one sound (Pyongyang, Jong-un) unless a vowel
			 * follows (Angela, Singapore) */
			cons(k, 'n');
			if (c1 == 'g' && (!lat_vowel(c2) || c2 == 'y'))
				i += 2;
			else
				i++;
			break;
		case 'p':
			cons(k, 'p');
			i += c1 == 'h' ? 2 : 1;
			break;
		case 'q':
			cons(k, 'k');
			if (c1 == 'u' && lat_vowel(c2)) {
				cons(k, 'b'); /* Quebec = Квебек = 퀘벡 */
				i += 2;
			} else {
				i++;
			}
			break;
		case 'r':
			cons(k, 'l');
			i += c1 == 'h' ? 2 : 1;
			break;
		case 's':
			cons(k, 's');
			if (c1 == 'h' && c2 == 'c' && c3 == 'h')
				i += 4;
			else if (c1 == 'c' && c2 == 'h')
				i += 3;
			else if (c1 == 'h')
				i += 2;
			else
				i++;
			break;
		case 't':
			if (c1 == 'h') {
				cons(k, 't');
				i += 2;
			} else if (c1 == 'c' && c2 == 'h') {
				cons(k, 'j');
				i += 3;
			} else if (c1 == 's' && c2 == 'c' && c3 == 'h') {
				cons(k, 'j');
				i += 4;
			} else if ((c1 == 's' && c2 != 'h') || c1 == 'z') {
				cons(k, 'j');
				i += 2;
			} else {
				cons(k, 't');
				i++;
			}
			break;
		case 'v':
			cons(k, 'b');
			i++;
			break;
		case 'w':
			if (c1 == 'h' && lat_vowel(c2)) {
				cons(k, 'b');
				i += 2;
			} else {
				/* a w before a vowel is a consonant; after one
				 * (Moscow, Andrew) it is part of the vowel */
				if (lat_vowel(c1))
					cons(k, 'b');
				i++;
			}
			break;
		case 'x':
			/* pinyin x (Xi, Xinjiang) at the start of a word */
			if (i > 0)
				cons(k, 'k');
			cons(k, 's');
			i++;
			break;
		case 'z':
			cons(k, 'j');
			i += c1 == 'h' ? 2 : 1;
			break;
		default:
			i++;
			break;
		}
	}
#undef AT
}

/* Hangul: initial, medial and final jamo straight to the key alphabet. */
static const char ko_initial[19] = {
        'k', 'k', 'n', 'd', 't', 'l', 'm', 'b', 'p', 's',
        's', 0,   'j', 'j', 'j', 'k', 't', 'p', 'k',
};
/* Finals as pronounced at the end of a syllable (ㅅ, ㅈ, ㅎ -> t). */
static const char ko_final[28] = {
        0,   'k', 'k', 'k', 'n', 'n', 'n', 't', 'l', 'k', 'm', 'l', 'l', 'l',
        'p', 'l', 'm', 'p', 'p', 't', 't', 'n', 't', 't', 'k', 't', 'p', 't',
};

/* @next_consonant: the next syllable starts with a consonant. A final ㅅ
 * there writes a doubled consonant of Japanese (삿포로 = Sapporo, 닛산 =
 * Nissan), not a sound of its own. */
static void
hangul_syllable(keyer *k, UChar32 c, bool next_consonant)
{
	int s = (int)(c - 0xAC00);
	int l = s / (21 * 28), v = (s / 28) % 21, t = s % 28;

	if (ko_initial[l])
		cons(k, ko_initial[l]);
	/* ㅡ in an open syllable after a consonant is the vowel Korean adds
	 * to write a foreign consonant cluster (트럼프 = Trump): no vowel.
	 * So is the one in 를 (베를린 = Berlin). */
	if (v == 18 && l != 11 && (t == 0 || (l == 5 && t == 8))) {
		/* nothing */
	} else {
		/* wa, wae, wo, we, wi: the glide is a consonant at the start
		 * of a syllable or after k/h (워싱턴 = Washington =
		 * Вашингтон, 권 = Kwon, 퀘벡 = Quebec); after other
		 * consonants ㅟ writes a French or German u (에마뉘엘). */
		if ((v == 9 || v == 10 || v == 14 || v == 15 || v == 16) &&
		    (l == 11 || l == 0 || l == 1 || l == 15 || l == 18))
			cons(k, 'b');
		vowel(k);
	}
	if (ko_final[t] && !(t == 19 && next_consonant))
		cons(k, ko_final[t]);
}

/* Cyrillic, spelled in Latin letters the way English spells Russian names,
 * so that latin_word() treats Ким and Kim alike. NULL: not handled here. */
static const char *
cyr_spell(UChar32 c)
{
	static const char *const basic[32] = {
	        "a",  "b",  "v",  "g",  "d", "e", "zh", "z", "i",  "y",  "k",
	        "l",  "m",  "n",  "o",  "p", "r", "s",  "t", "u",  "f",  "kh",
	        "ts", "ch", "sh", "sh", "",  "y", "",   "e", "yu", "ya",
	};

	if (c >= 0x0410 && c <= 0x042F)
		return basic[c - 0x0410];
	if (c >= 0x0430 && c <= 0x044F)
		return basic[c - 0x0430];
	switch (c) {
	case 0x0401:
	case 0x0451:
		return "e"; /* Ё */
	case 0x0404:
	case 0x0454:
		return "ye"; /* Є */
	case 0x0406:
	case 0x0456:
		return "i"; /* І */
	case 0x0407:
	case 0x0457:
		return "yi"; /* Ї */
	case 0x040E:
	case 0x045E:
		return "w"; /* Ў */
	case 0x0490:
	case 0x0491:
		return "g"; /* Ґ */
	case 0x0408:
	case 0x0458:
		return "y"; /* Ј */
	case 0x0409:
	case 0x0459:
		return "ly"; /* Љ */
	case 0x040A:
	case 0x045A:
		return "ny"; /* Њ */
	case 0x0402:
	case 0x0452:
		return "dj"; /* Ђ */
	case 0x040B:
	case 0x045B:
		return "ch"; /* Ћ */
	case 0x040F:
	case 0x045F:
		return "dzh"; /* Џ */
	default:
		return NULL;
	}
}

/* Latin letters with diacritics and the few that do not decompose. */
static const char *
latin_special(UChar32 c)
{
	switch (c) {
	case 0x00DF:
		return "ss"; /* ß */
	case 0x00C6:
	case 0x00E6:
		return "ae";
	case 0x0152:
	case 0x0153:
		return "oe";
	case 0x00D8:
	case 0x00F8:
		return "o";
	case 0x0141:
	case 0x0142:
		return "l";
	case 0x0110:
	case 0x0111:
	case 0x00D0:
	case 0x00F0:
		return "d";
	case 0x00DE:
	case 0x00FE:
		return "th";
	case 0x0131:
		return "i";
	case 0x014A:
	case 0x014B:
		return "ng";
	case 0x0132:
	case 0x0133:
		return "ij";
	case 0x017F:
		return "s";
	default:
		return NULL;
	}
}

/* A letter of the Latin script beyond ASCII: accented letters, Vietnamese,
 * full-width forms, ligatures. They stay inside the current word. */
static bool
latin_letter(UChar32 c)
{
	UErrorCode err = U_ZERO_ERROR;

	if (c < 0x80 || !u_isalpha(c))
		return false;
	if (c <= 0x024F)
		return true;
	return uscript_getScript(c, &err) == USCRIPT_LATIN && U_SUCCESS(err);
}

static void word_add(tm_translit *tr, keyer *k, const char *s);

/* Spell a Latin letter with the ASCII letters of its compatibility
 * decomposition: é -> e, ễ -> e, ｆ -> f, ﬁ -> fi. */
static void
latin_fold(tm_translit *tr, keyer *k, UChar32 c)
{
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfkd = unorm2_getNFKDInstance(&err);
	UChar d[16];
	int32_t n = 0;

	if (U_SUCCESS(err))
		n = unorm2_getDecomposition(nfkd, c, d, 16, &err);
	if (U_FAILURE(err) || n <= 0)
		return;
	for (int32_t i = 0; i < n; i++) {
		UChar32 b = d[i];

		if (b >= 'A' && b <= 'Z')
			b += 'a' - 'A';
		if (b >= 'a' && b <= 'z') {
			char one[2] = {(char)b, '\0'};

			word_add(tr, k, one);
		}
	}
}

static bool
is_apostrophe(UChar32 c)
{
	return c == '\'' || c == '`' || c == 0x2018 || c == 0x2019 ||
	       c == 0x02BC || c == 0x02B9 || c == 0x00B4;
}

static void
flush_word(tm_translit *tr, keyer *k)
{
	if (tr->word.len) {
		latin_word(k, tr->word.data, tr->word.len);
		tr->word.len = 0;
	}
	end_word(k);
}

static void
word_add(tm_translit *tr, keyer *k, const char *s)
{
	if (k->st >= 0)
		k->st = tm__buf_append_str(&tr->word, s);
}

static tm_status
key_other_script(tm_translit *tr, keyer *k, const UChar *s, int32_t len);

/* Feed UTF-16 text into the key. @icu: other scripts may go through ICU
 * (false for ICU's own output, so that nothing loops). */
static void
key_feed(tm_translit *tr, keyer *k, const UChar *s, int32_t len, bool icu)
{
	UChar32 prev = 0;
	bool in_hangul = false;

	for (int32_t i = 0; i < len && k->st >= 0;) {
		int32_t start = i;
		UChar32 c;
		const char *sp;

		U16_NEXT(s, i, len, c);
		if (c >= 0xAC00 && c <= 0xD7A3) {
			if (!in_hangul)
				flush_word(tr, k);
			in_hangul = true;
			hangul_syllable(
			        k, c,
			        i < len && s[i] >= 0xAC00 && s[i] <= 0xD7A3 &&
			                (s[i] - 0xAC00) / (21 * 28) != 11);
			prev = c;
			continue;
		}
		if (in_hangul) {
			end_word(k);
			in_hangul = false;
		}
		if (c < 0x80) {
			char ch = (char)c;

			if (ch >= 'A' && ch <= 'Z')
				ch = (char)(ch - 'A' + 'a');
			if (ch >= 'a' && ch <= 'z') {
				char one[2] = {ch, '\0'};

				word_add(tr, k, one);
			} else if (ch >= '0' && ch <= '9') {
				flush_word(tr, k);
				digit(k, ch);
			} else if (!is_apostrophe(c)) {
				flush_word(tr, k);
			}
		} else if ((sp = cyr_spell(c)) != NULL) {
			/* Пхеньян, Инчхон: Russian writes Korean aspirates
			 * as п/т/к/ч + х; the х is no sound of its own. */
			bool aspirate = (c == 0x0445 || c == 0x0425) &&
			                (u_tolower(prev) == 0x043F ||
			                 u_tolower(prev) == 0x0442 ||
			                 u_tolower(prev) == 0x043A ||
			                 u_tolower(prev) == 0x0447);

			if (!aspirate)
				word_add(tr, k, sp);
		} else if (is_apostrophe(c) || u_getCombiningClass(c) != 0 ||
		           u_charType(c) == U_NON_SPACING_MARK) {
			/* O’Brien, Д’Артаньян; combining accents */
		} else if ((sp = latin_special(c)) != NULL) {
			word_add(tr, k, sp);
		} else if (latin_letter(c)) {
			latin_fold(tr, k, c);
		} else if (icu && u_isalpha(c)) {
			/* a run of another script: ICU's Any-Latin */
			int32_t end = i;

			while (end < len) {
				int32_t j = end;
				UChar32 d;

				U16_NEXT(s, j, len, d);
				if ((d >= 0xAC00 && d <= 0xD7A3) || d < 0x80 ||
				    latin_letter(d) || cyr_spell(d) ||
				    !(u_isalpha(d) ||
				      u_charType(d) == U_NON_SPACING_MARK ||
				      u_charType(d) ==
				              U_COMBINING_SPACING_MARK))
					break;
				end = j;
			}
			flush_word(tr, k);
			k->st = key_other_script(tr, k, s + start, end - start);
			flush_word(tr, k);
			i = end;
		} else if (!u_isalpha(c) && !u_isdigit(c)) {
			flush_word(tr, k);
		}
		prev = c;
	}
	if (in_hangul)
		end_word(k);
	flush_word(tr, k);
}

static tm_status
key_other_script(tm_translit *tr, keyer *k, const UChar *s, int32_t len)
{
	tm_status st;
	UChar *copy;

	if (!tr->any) {
		st = open_utrans(&tr->any, "Any-Latin; Latin-ASCII");
		if (st < 0)
			return st;
	}
	st = run_utrans(tr, tr->any, s, len);
	if (st < 0)
		return st;
	/* tr->work is reused by nested calls: feed a copy. */
	copy = tm__malloc((size_t)tr->work.len * sizeof(UChar) + 1);
	if (!copy)
		return tm__error_oom();
	memcpy(copy, tr->work.data, (size_t)tr->work.len * sizeof(UChar));
	key_feed(tr, k, copy, tr->work.len, false);
	tm__free(copy);
	return k->st;
}

/* Decomposed Hangul (conjoining jamo) must be composed before the syllable
 * arithmetic; it is rare, so only then is the text sent through NFC. */
static bool
has_conjoining_jamo(const UChar *s, int32_t len)
{
	for (int32_t i = 0; i < len; i++)
		if ((s[i] >= 0x1100 && s[i] <= 0x11FF) ||
		    (s[i] >= 0xA960 && s[i] <= 0xA97F) ||
		    (s[i] >= 0xD7B0 && s[i] <= 0xD7FF))
			return true;
	return false;
}

tm_status
tm_translit_key(char **out, tm_translit *tr, const char *text, size_t len)
{
	keyer k = {0};
	tm_status st;
	const UChar *s;
	int32_t n;

	if (!out || !tr || (!text && len))
		return tm__error_set(TM_EINVAL, "translit: NULL argument");
	*out = NULL;
	st = tm__utf8_to_utf16(&tr->in, text ? text : "", len);
	if (st < 0)
		return st;
	s = tr->in.data;
	n = tr->in.len;
	if (has_conjoining_jamo(s, n)) {
		UErrorCode err = U_ZERO_ERROR;
		const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);

		st = tm__ubuf_reserve(&tr->work, n + 1);
		if (st < 0)
			return st;
		if (U_SUCCESS(err))
			n = unorm2_normalize(nfc, s, n, tr->work.data,
			                     tr->work.cap, &err);
		if (U_FAILURE(err))
			return tm__error_set(TM_EUNICODE,
			                     "translit: NFC "
			                     "failed: %s",
			                     u_errorName(err));
		/* swap so that tr->in holds the composed text */
		{
			tm__ubuf tmp = tr->in;

			tr->in = tr->work;
			tr->work = tmp;
			tr->in.len = n;
			s = tr->in.data;
		}
	}
	tr->key.len = 0;
	tr->word.len = 0;
	k.out = &tr->key;
	k.word_last = -1;
	st = tm__buf_grow(&tr->key, 16);
	if (st < 0)
		return st;
	key_feed(tr, &k, s, n, true);
	if (k.st < 0)
		return k.st;
	tr->key.data[tr->key.len] = '\0';
	*out = tm__strndup(tr->key.data, tr->key.len);
	return *out ? TM_OK : tm__error_oom();
}

/* ------------------------------------------------------------------ */
/* Key similarity                                                      */

/* Symbols that the scripts often add or drop: the liquid (Korean drops an
 * English r after a vowel: Carter = 카터), the initial-vowel mark and the
 * h/k class (a silent or dropped h). */
static double
indel_cost(char c)
{
	return c == 'l' || c == 'a' || c == 'k' ? 0.5 : 1.0;
}

static double
sub_cost(char x, char y)
{
	if (x == y)
		return 0.0;
	if ((x == 'b' && y == 'p') || (x == 'p' && y == 'b') ||
	    (x == 'd' && y == 't') || (x == 't' && y == 'd') ||
	    (x == 's' && y == 'j') || (x == 'j' && y == 's'))
		return 0.5;
	return 1.0;
}

double
tm_translit_key_similarity(const char *a, const char *b)
{
	size_t n, m;
	double *row, *prev, best, d;

	if (!a || !b)
		return 0.0;
	n = strlen(a);
	m = strlen(b);
	if (n == 0 || m == 0)
		return 0.0;
	if (n > 256 || m > 256)
		return strcmp(a, b) == 0 ? 1.0 : 0.0;
	row = tm__malloc((m + 1) * 2 * sizeof(double));
	if (!row)
		return strcmp(a, b) == 0 ? 1.0 : 0.0;
	prev = row + m + 1;
	prev[0] = 0.0;
	for (size_t j = 1; j <= m; j++)
		prev[j] = prev[j - 1] + indel_cost(b[j - 1]);
	/* best: the whole of a against a prefix of b, or a prefix of a
	 * against the whole of b, the rest counted as an ending (Путина,
	 * 푸틴은) at half the cost. */
	best = 1e300;
	for (size_t i = 1; i <= n; i++) {
		row[0] = prev[0] + indel_cost(a[i - 1]);
		for (size_t j = 1; j <= m; j++) {
			d = prev[j - 1] + sub_cost(a[i - 1], b[j - 1]);
			if (prev[j] + indel_cost(a[i - 1]) < d)
				d = prev[j] + indel_cost(a[i - 1]);
			if (row[j - 1] + indel_cost(b[j - 1]) < d)
				d = row[j - 1] + indel_cost(b[j - 1]);
			row[j] = d;
		}
		if (row[m] + 0.5 * (double)(n - i) < best)
			best = row[m] + 0.5 * (double)(n - i);
		memcpy(prev, row, (m + 1) * sizeof(double));
	}
	for (size_t j = 0; j <= m; j++)
		if (prev[j] + 0.5 * (double)(m - j) < best)
			best = prev[j] + 0.5 * (double)(m - j);
	tm__free(row);
	d = 1.0 - best / (double)(n > m ? n : m);
	return d < 0.0 ? 0.0 : d;
}
