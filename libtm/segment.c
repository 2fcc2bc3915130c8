/* SPDX-License-Identifier: MIT */
/* Sentence segmentation: paragraphs and wrapped lines, wire-copy furniture,
 * ICU sentence breaks filtered by per-language lists and rules, or SRX. */
#include "fnv-private.h"
#include "segment-private.h"
#include "text-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "tm/segment.h"

/* Furniture patterns, compiled by a segmenter on first use (re_match()):
 * compiling the eight of them then (their \p{..} sets) was 80% of a one-
 * sentence `tm align`, and most texts never reach most of them. */
enum {
	RE_DATELINE,    /* SEOUL, Nov. 27 (Yonhap) -- / MOSCOW (Reuters) - */
	RE_DATELINE_RU, /* МОСКВА, 27 ноя — РИА Новости. */
	RE_BYLINE_PFX,  /* (서울=연합뉴스) 김철수 기자 = */
	RE_BYLINE_LINE, /* By Jane Doe / 김철수 기자 kcs@yna.co.kr */
	RE_CREDIT,      /* <저작권자(c) 연합뉴스 ...>, Photo: ..., (c) 2026 */
	RE_MARKER,      /* ▶ lines, ***, ___ (AP) */
	RE_END,         /* (END), (끝), (Конец), ###, -- 끝 --, -0-, ENDS */
	RE_NOTE,        /* (Editor's note: ...), (역주: ...), (Прим. пер.: ...) */
	RE_NOTE_LABEL,  /* EDITOR'S NOTE — ..., [편집자주] ..., От редакции: ... */
	RE_TRANSLATOR,  /* ( Traduit par L. S. ), (Übersetzung: ...) */
	RE_COUNT
};

/* Words of end marks and labels of notes, shared by the patterns. Their
 * cases are spelt out: (?i) over Cyrillic makes ICU build case closures,
 * which tripled the cost of compiling these patterns. */
#define END_WORD                                                           \
	"(?:[Ee][Nn][Dd][Ss]?|\\uB05D|[\\u041A\\u043A][\\u041E\\u043E]"      \
	"[\\u041D\\u043D][\\u0415\\u0435][\\u0426\\u0446])"
#define EN_NOTE                                                            \
	"(?:(?:[Tt]ranslator|TRANSLATOR|[Ee]ditor|EDITOR)(?:'|\\u2019)?"     \
	"[sS]?(?:'|\\u2019)?\\s+(?:[Nn]ote|NOTE)|(?:[Ee]d|ED)\\.\\s*"        \
	"(?:[Nn]ote|NOTE))"
#define KO_NOTE                                                            \
	"(?:\\uD3B8\\uC9D1\\uC790\\s*\\uC8FC|\\uC5ED\\s*\\uC790?\\s*\\uC8FC" \
	"|\\uC62E\\uAE34\\uC774\\s*\\uC8FC)"
/* прим. пер., Примечание редакции, ПРИМ. РЕД., прим. авт. */
#define RU_NOTE                                                            \
	"(?:(?:[\\u041F\\u043F]\\u0440\\u0438\\u043C|\\u041F\\u0420\\u0418"  \
	"\\u041C)(?:\\.|\\u0435\\u0447\\u0430\\u043D\\u0438\\u0435|\\u0415"  \
	"\\u0427\\u0410\\u041D\\u0418\\u0415)\\s*(?:\\u043F\\u0435\\u0440"   \
	"|\\u0440\\u0435\\u0434|\\u0430\\u0432\\u0442|\\u041F\\u0415\\u0420" \
	"|\\u0420\\u0415\\u0414|\\u0410\\u0412\\u0422)[\\u0400-\\u045F]*"    \
	"\\.?)"
/* От редакции, ОТ РЕДАКЦИИ */
#define RU_FROM_EDITORS                                                    \
	"(?:\\u041E\\u0442\\s+\\u0440\\u0435\\u0434\\u0430\\u043A\\u0446"    \
	"\\u0438\\u0438|\\u041E\\u0422\\s+\\u0420\\u0415\\u0414\\u0410"      \
	"\\u041A\\u0426\\u0418\\u0418)"

/* ICU regular expressions (UTF-16 text, anchored with lookingAt). */
static const char *const re_source[RE_COUNT] = {
	/* City in capitals, then a date and/or an agency, then a dash (in
	 * copy taken from web pages also `&#8212;`, `&mdash;`); or
	 * CNN's form, an agency of the list in brackets and no dash, before
	 * anything but a lower-case word (`LONDON, England (CNN) From
	 * Dallas ...`, `HONG KONG (CNN) 칸 영화제에서 ...`, korean-english-news),
	 * also without the city (`(CNN) A weakened typhoon ...`). */
	"(?:\\((?:CNN|AP|AFP|Reuters|Yonhap|UPI|Xinhua|Kyodo)\\)"
	"(?=\\s+[^\\s\\p{Ll}])|"
	"\\p{Lu}[\\p{Lu}\\p{M} .'\\u2019&-]{1,40}"
	"(?:,\\s*\\p{Lu}[\\p{L}\\p{M} .'\\u2019-]{1,30}?)?"
	"(?:(?:,?\\s*\\p{Lu}\\p{Ll}{2,8}\\.?\\s+\\d{1,2}(?:,\\s*\\d{4})?"
	"(?:\\s*\\([^()]{2,40}\\))?|\\s*\\([^()]{2,40}\\))"
	"\\s*(?:--|\\u2014|\\u2013|-|&#8212;|&mdash;)(?=\\s|$)"
	"|\\s*\\((?:CNN|AP|AFP|Reuters|Yonhap|UPI|Xinhua|Kyodo)\\)"
	"(?=\\s+[^\\s\\p{Ll}]|\\s*$)))",
	/* City in capitals, day and month, then an agency after a dash
	 * (capitalised words: `РИА Новости`, not `Банк Кореи снизил
	 * ставку`) or between slashes (`/ТАСС/`), or no agency: a full stop
	 * or a dash (`СЕУЛ, 26 ноября.`, `СЕУЛ, 26 ноя —`). The month is
	 * one of the twelve, so `МОСКВА – столица России.` stays prose. */
	"\\p{Lu}[\\p{Lu} -]{1,40},\\s*\\d{1,2}\\s+"
	"(?:\\u044F\\u043D\\u0432|\\u0444\\u0435\\u0432|\\u043C\\u0430\\u0440"
	"|\\u0430\\u043F\\u0440|\\u043C\\u0430[\\u0439\\u044F]|\\u0438\\u044E[\\u043D\\u043B]"
	"|\\u0430\\u0432\\u0433|\\u0441\\u0435\\u043D|\\u043E\\u043A\\u0442"
	"|\\u043D\\u043E\\u044F|\\u0434\\u0435\\u043A)\\p{Ll}{0,6}\\.?"
	"(?:\\s+\\d{4})?(?:\\s*(?:\\u2014|\\u2013|-)\\s*"
	"[\\p{Lu}\\p{N}\\u00AB\"][^\\s.]*(?:\\s+[\\p{Lu}\\p{N}\\u00AB\"][^\\s.]*){0,4}"
	"\\.|\\.?\\s*/[^/]{2,30}/\\.?|\\.|\\s*(?:\\u2014|\\u2013|-))(?=\\s|$)",
	/* (place=agency) [name 기자] = */
	"[\\[(][^()\\[\\]=]{1,20}=[^()\\[\\]]{1,20}[\\])]"
	"(?:\\s*(?:[^\\s=]{1,12}\\s+){0,3}"
	"(?:\\uAE30\\uC790|\\uD2B9\\uD30C\\uC6D0|\\uD1B5\\uC2E0\\uC6D0)"
	"\\s*=)?(?=\\s|$)",
	/* A whole line naming the writer. */
	"(?:By\\s+\\p{Lu}[\\p{L}\\p{M}.'\\u2019-]*"
	"(?:\\s+(?:\\p{Lu}[\\p{L}\\p{M}.'\\u2019-]*|and|&|de|van|von)){0,6}"
	"(?:,\\s*[\\p{L} ]{2,40})?"
	"|(?:\\S+\\s+){0,3}[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+"
	"|(?:Reporting|Writing|Editing|Additional reporting) by\\s.*"
	/* Reuters' last line: (Reporting by ...; Editing by ...) */
	"|\\((?:Reporting|Writing|Editing|Additional reporting|Compiled)"
	" by\\s[^()]*\\))\\s*$",
	/* Copyright and photo credits. */
	"(?i)(?:<?\\s*\\uC800\\uC791\\uAD8C\\uC790.*"
	"|.*\\uBB34\\uB2E8\\s*\\uC804\\uC7AC.*"
	"|[\\u00A9\\u24D2].*|\\(c\\)\\s*\\d{4}.*|copyright\\b.*"
	"|.*all rights reserved.*"
	"|(?:photo|photos|photo credit|\\u0444\\u043E\\u0442\\u043E)\\s*[:=/].*"
	"|\\[[^\\]]{0,30}\\uC0AC\\uC9C4[^\\]]{0,30}\\]"
	"|(?:REUTERS|AFP|AP|EPA|YONHAP|Yonhap|Reuters)\\s*/\\s*\\p{Lu}.*"
	/* A caption's credit in brackets, a segment of its own after
	 * the caption (`... on Sept. 3, 2026. (Yonhap)`, `(AP Photo/Ahn
	 * Young-joon)`), and the date that ends Yonhap's Korean captions
	 * (`... 가로막고 있다. 2026.9.3`). */
	"|\\((?:Yonhap|AP Photo|AP|AFP|Reuters|EPA|Xinhua|Kyodo)"
	"(?:\\s*/\\s*[^()]{1,60})?\\)\\.?"
	"|(?:19|20)\\d\\d\\.\\d{1,2}\\.\\d{1,2}\\.?)$",
	/* Arrows and section marks of wire copy. */
	"(?:[\\u25B6\\u25BA\\u25B7\\u25A0\\u25A1\\u25C6\\u25C7\\u25CF"
	"\\u203B\\u261E\\u25B2\\u25B3].*"
	"|\\*\\s*\\*\\s*\\*|_{3,})\\s*$",
	/* End marks, the whole segment. Words alone only as the agencies
	 * write them (ENDS of press releases, Enditem of Xinhua English,
	 * 끝. of Korean official documents, Конец.), so that a headline
	 * "STRIKE ENDS" or a sentence "Конец войны близок." stays prose;
	 * in brackets, slashes or dashes any case: (END), (ENDS), (끝),
	 * <끝>, ‹끝>, (END)., /END/, /Конец/, -- 끝 --, — КОНЕЦ —, -ENDS-;
	 * ###, # # #, -30-, - 30 -, -0- (Xinhua), ==Kyodo; the line that
	 * ends every Reuters story online, "Our Standards: The Thomson
	 * Reuters Trust Principles." (one side only, like an end mark). */
	"(?:(?:END|ENDS|ENDITEM|Enditem|\\uB05D"
	"|\\u041A\\u041E\\u041D\\u0415\\u0426|\\u041A\\u043E\\u043D\\u0435\\u0446)"
	"\\.?|==\\s*Kyodo"
	"|Our Standards: The Thomson Reuters Trust Principles\\.?"
	"|[(\\[<\\u2039\\u3008\\uFF08\\uFF1C]\\s*" END_WORD "\\s*"
	"[)\\]>\\u203A\\u3009\\uFF09\\uFF1E]\\.?"
	"|/\\s*" END_WORD "\\s*/\\.?"
	"|#(?:\\s?#){2,}|-\\s?30\\s?-|-0-"
	"|[-\\u2013\\u2014=]{1,3}\\s*" END_WORD "\\s*[-\\u2013\\u2014=]{1,3})"
	"\\s*$",
	/* A translator's or an editor's note in brackets, the whole segment:
	 * (Translator's note: ...), (Editor's note: ...), (Ed. note: ...),
	 * (역주: ...), (역자 주: ...), (편집자주: ...), (옮긴이 주: ...),
	 * [※ 편집자 주 = ...], (Прим. пер.: ...), (Прим. ред.: ...),
	 * (Примечание переводчика: ...). */
	"[(\\[<\\u3008\\u3010]\\s*\\u203B?\\s*(?:" EN_NOTE "|" KO_NOTE
	"|" RU_NOTE ")"
	"\\s*[:.\\-\\u2013\\u2014=]\\s*\\S.*[)\\]>\\u3009\\u3011]\\s*\\.?$",
	/* A note label at the start of a line, without brackets around the
	 * note: EDITOR'S NOTE — ..., Editor's note: ..., Translator's note:
	 * ..., [편집자 주] ..., [역주] ..., ※ 역주: ..., 편집자주 = ...,
	 * Примечание редакции: ..., Прим. пер.: ..., От редакции: ...
	 * A separator is required ("Editor's note said" is prose, 역주를
	 * is a sprint), or the label ends the line. */
	"(?:" EN_NOTE "\\s*(?::|--|[\\u2013\\u2014]|-(?=\\s)|$)"
	"|[(\\[<\\u3008\\u3010]\\s*\\u203B?\\s*" KO_NOTE
	"\\s*[)\\]>\\u3009\\u3011]"
	"|\\u203B?\\s*" KO_NOTE "\\s*(?:[:=]|$)"
	"|" RU_NOTE "\\s*[:.\\u2013\\u2014-]"
	"|" RU_FROM_EDITORS "\\s*[:\\u2013\\u2014-])",
	/* A translator's credit in brackets, the whole segment: the
	 * translation's own line, which the original never has (the French
	 * edition of a yearbook: `( Traduit par L. S. )`, `(Trad. R. C.)`;
	 * German `(Übersetzung: ...)`, `(Übersetzt von ...)`; English
	 * `(Translated by ...)`). Checked in every language, also where the
	 * wire-copy patterns are not (whole_line_kind()). */
	"[(\\[]\\s*(?:(?:[Tt]raduit|TRADUIT|[Tt]raduction|TRADUCTION"
	"|[\\u00DC\\u00FC]bersetzt|[\\u00DC\\u00FC]bersetzung|[Tt]ranslated"
	"|TRANSLATED)\\b|[Tt]rad\\.)[^()\\[\\]]{0,60}[)\\]]\\s*\\.?\\s*$",
};

typedef struct abbr_slot {
	const char *key;
	uint32_t len;
	uint32_t cls;
} abbr_slot;

/* A list marker found in a block: "1.)", "(a)", "ii)", ... */
typedef struct marker {
	int32_t start; /* where a break goes (a bullet before it included) */
	int32_t tok;   /* first byte of the marker itself */
	int32_t end;   /* just after its '.' or ')' */
	int type;
	int value;
	bool qualified; /* may begin a list */
	bool accepted;
} marker;

struct tm_segmenter {
	char lang[16];
	bool cased;  /* the script has case: lists and initials apply */
	bool spaced; /* words are separated by spaces */
	bool extra_term; /* add_language_breaks() applies */
	bool ko;         /* Korean rules apply */
	bool wire; /* en, ko, ru: the furniture patterns know its wire copy
	              (whole_line_kind()) */
	unsigned flags;
	UBreakIterator *bi;
	URegularExpression *re[RE_COUNT];
	tm_status re_status; /* a pattern that failed to compile (re_match()) */
	abbr_slot *abbr;
	uint32_t abbr_mask;
	tm__srx *srx_file;
	tm__srx_rules *srx;

	/* Scratch reused across calls: no allocation per sentence. */
	char *norm;
	size_t norm_cap;
	tm__ubuf u16;
	tm__ubuf line16;
	int32_t *brk;
	size_t nbrk, brk_cap;
	marker *mk;
	size_t nmk, mk_cap;
	signed char *dec;
	size_t dec_cap;
	/* One byte per byte of the block: MASK_* bits, so that each check
	 * at a break is O(1) however long the paragraph. */
	unsigned char *mask;
	size_t mask_cap;
};

enum {
	MASK_SPAN = 1,       /* strictly inside a quotation or bracket */
	MASK_MARKER_END = 2, /* just after an accepted list marker */
	MASK_ICU_BREAK = 4   /* ICU proposed a break here */
};

struct tm_segment_list {
	tm_segment *items;
	size_t *toff; /* offsets of the texts in buf until the end */
	size_t n, cap;
	char *buf;
	size_t blen, bcap;
};

/* ---- small Unicode helpers on validated UTF-8 ---- */

static UChar32
cp_at(const char *s, int32_t n, int32_t i)
{
	UChar32 c;

	if (i >= n)
		return -1;
	U8_NEXT((const uint8_t *)s, i, n, c);
	return c;
}

static UChar32
cp_before(const char *s, int32_t i, int32_t *start)
{
	UChar32 c;

	if (i <= 0) {
		*start = 0;
		return -1;
	}
	U8_PREV((const uint8_t *)s, 0, i, c);
	*start = i;
	return c;
}

static int32_t
cp_next_pos(const char *s, int32_t n, int32_t i)
{
	U8_FWD_1((const uint8_t *)s, i, n);
	return i;
}

static bool
is_ws(UChar32 c)
{
	if (c < 0x80)
		return c == ' ' || (c >= 0x09 && c <= 0x0D);
	return u_isUWhiteSpace(c);
}

static bool
is_closer(UChar32 c)
{
	switch (c) {
	case '"': case '\'': case ')': case ']': case '}':
	case 0x2019: case 0x201D: case 0x00BB: case 0x300D: case 0x300F:
	case 0x203A:
		return true;
	default:
		return false;
	}
}

static bool
is_opener(UChar32 c)
{
	switch (c) {
	case '"': case '\'': case '(': case '[': case '{':
	case 0x2018: case 0x201C: case 0x00AB: case 0x300C: case 0x300E:
	case 0x2039: case 0x201E:
		return true;
	default:
		return false;
	}
}

static bool
is_dash(UChar32 c)
{
	return c == '-' || (c >= 0x2012 && c <= 0x2015);
}

static bool
is_bullet(UChar32 c)
{
	return c == 0x2022 || c == 0x2043 || c == 0x25E6 || c == 0x2023 ||
	       c == 0x25AA;
}

static bool
is_terminal(UChar32 c)
{
	switch (c) {
	case '.': case '!': case '?': case 0x2026: case 0x3002: case 0xFF01:
	case 0xFF1F: case 0xFF0E: case 0x203C: case 0x2047: case 0x2048:
	case 0x2049: case 0x0589: case 0x061F: case 0x06D4: case 0x0964:
	case 0x1362: case ':': case ';':
		return true;
	default:
		return false;
	}
}

/* Whether @n bytes at @s contain @m bytes of @pat (memmem is not C11). */
static bool
has_sub(const char *s, size_t n, const char *pat, size_t m)
{
	for (size_t i = 0; i + m <= n; i++)
		if (s[i] == pat[0] && memcmp(s + i, pat, m) == 0)
			return true;
	return false;
}

/* Whether @s starts with @pfx, ASCII letters compared without case. */
static bool
starts_ci(const char *s, size_t n, const char *pfx)
{
	size_t m = strlen(pfx);

	if (n < m)
		return false;
	for (size_t i = 0; i < m; i++) {
		unsigned char a = (unsigned char)s[i], b = (unsigned char)pfx[i];

		if (a >= 'A' && a <= 'Z')
			a = (unsigned char)(a + 32);
		if (a != b)
			return false;
	}
	return true;
}

/* ---- the abbreviation set: open addressing, FNV-1a ---- */

static uint32_t
hash_bytes(const char *s, size_t n)
{
	return tm__fnv32(TM__FNV32_INIT, s, n);
}

static tm_status
abbr_build(tm_segmenter *seg)
{
	size_t count = 0, size = 16;

	for (size_t i = 0; i < tm__abbrev_count; i++)
		if (strcmp(tm__abbrev_data[i].lang, seg->lang) == 0)
			count++;
	while (size < count * 2)
		size *= 2;
	seg->abbr = tm__calloc(size, sizeof(*seg->abbr));
	if (!seg->abbr)
		return tm__error_oom();
	seg->abbr_mask = (uint32_t)size - 1;
	for (size_t i = 0; i < tm__abbrev_count; i++) {
		const tm__abbrev_entry *e = &tm__abbrev_data[i];
		uint32_t len, h;

		if (strcmp(e->lang, seg->lang) != 0)
			continue;
		len = (uint32_t)strlen(e->text);
		h = hash_bytes(e->text, len) & seg->abbr_mask;
		while (seg->abbr[h].key &&
		       (seg->abbr[h].len != len ||
		        memcmp(seg->abbr[h].key, e->text, len) != 0))
			h = (h + 1) & seg->abbr_mask;
		seg->abbr[h].key = e->text;
		seg->abbr[h].len = len;
		seg->abbr[h].cls |= (uint32_t)e->cls;
	}
	return TM_OK;
}

static uint32_t
abbr_find(const tm_segmenter *seg, const char *s, size_t n)
{
	uint32_t h;

	if (n == 0 || n > 63)
		return 0;
	h = hash_bytes(s, n) & seg->abbr_mask;
	while (seg->abbr[h].key) {
		if (seg->abbr[h].len == n &&
		    memcmp(seg->abbr[h].key, s, n) == 0)
			return seg->abbr[h].cls;
		h = (h + 1) & seg->abbr_mask;
	}
	return 0;
}

/* Look a token up as written, then with its first letter in lower case
 * (a sentence-initial "Co." is the entry "co."). */
static uint32_t
abbr_lookup(const tm_segmenter *seg, const char *s, int32_t n)
{
	uint32_t cls = abbr_find(seg, s, (size_t)n);
	char low[64];
	int32_t i = 0, k = 0;
	UChar32 c;
	UBool err = false;

	if (cls || n <= 0 || n > 60)
		return cls;
	U8_NEXT((const uint8_t *)s, i, n, c);
	/* A lone capital is an initial, not the unit "л." or "m.". */
	if (c < 0 || !u_isupper(c) || i == n)
		return 0;
	c = u_tolower(c);
	U8_APPEND((uint8_t *)low, k, (int32_t)sizeof(low), c, err);
	if (err || k + (n - i) > (int32_t)sizeof(low))
		return 0;
	memcpy(low + k, s + i, (size_t)(n - i));
	cls = abbr_find(seg, low, (size_t)(k + n - i));
	if (cls)
		return cls;
	/* "SEC. 1262", "NO. 5": a word in capitals, ASCII only. */
	for (i = 0; i < n; i++) {
		if (s[i] >= 'A' && s[i] <= 'Z')
			low[i] = (char)(s[i] + 32);
		else if ((unsigned char)s[i] < 0x80)
			low[i] = s[i];
		else
			return 0;
	}
	return abbr_find(seg, low, (size_t)n);
}

/* ---- the segment list ---- */

static tm_status
list_push(tm_segment_list *list, const char *text, size_t start, size_t end,
          unsigned para, tm_seg_kind kind)
{
	size_t i = start, j = end, need;
	char *dst;
	bool in_space = false, wrapped = false;

	/* Trim white space (ASCII and Unicode) at both ends. */
	while (i < j) {
		int32_t k = 0;
		UChar32 c;

		U8_NEXT((const uint8_t *)text + i, k, (int32_t)(j - i), c);
		if (!is_ws(c))
			break;
		i += (size_t)k;
	}
	while (j > i) {
		int32_t k = (int32_t)(j - i);
		UChar32 c;

		U8_PREV((const uint8_t *)text + i, 0, k, c);
		if (!is_ws(c))
			break;
		j = i + (size_t)k;
	}
	if (i == j)
		return TM_OK;
	if (list->n == list->cap) {
		/* two arrays of one capacity, each grown from it */
		size_t cap = list->cap;

		if (!TM__ARRAY_GROW(list->items, cap, list->n + 1, 64))
			return tm__error_oom();
		cap = list->cap;
		if (!TM__ARRAY_GROW(list->toff, cap, list->n + 1, 64))
			return tm__error_oom();
		list->cap = cap;
	}
	need = j - i + 1;
	if (!TM__ARRAY_GROW(list->buf, list->bcap, list->blen + need, 4096))
		return tm__error_oom();
	/* Copy; a line break inside the segment (a wrapped line) becomes
	 * one space together with the blanks around it. */
	dst = list->buf + list->blen;
	if (!memchr(text + i, '\n', j - i) && !memchr(text + i, '\r', j - i)) {
		memcpy(dst, text + i, j - i);
		dst += j - i;
		j = i;
	}
	for (size_t k = i; k < j; k++) {
		char c = text[k];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			if (!in_space)
				in_space = true;
			if (c == '\n' || c == '\r')
				wrapped = true;
			continue;
		}
		if (in_space) {
			if (wrapped) {
				*dst++ = ' ';
			} else {
				/* Not a line break: keep the blanks as they
				 * were. */
				size_t b = k;

				while (b > i && (text[b - 1] == ' ' ||
				                 text[b - 1] == '\t'))
					b--;
				memcpy(dst, text + b, k - b);
				dst += k - b;
			}
			in_space = wrapped = false;
		}
		*dst++ = c;
	}
	*dst++ = '\0';
	list->toff[list->n] = list->blen;
	list->items[list->n].text = NULL;
	list->items[list->n].len = (size_t)(dst - (list->buf + list->blen)) - 1;
	list->items[list->n].offset = i;
	list->items[list->n].paragraph = para;
	list->items[list->n].kind = kind;
	list->blen = (size_t)(dst - list->buf);
	list->n++;
	return TM_OK;
}

/* ---- segmenter life cycle ---- */

void
tm_segmenter_free(tm_segmenter *seg)
{
	if (!seg)
		return;
	if (seg->bi)
		ubrk_close(seg->bi);
	for (int i = 0; i < RE_COUNT; i++)
		if (seg->re[i])
			uregex_close(seg->re[i]);
	tm__srx_rules_free(seg->srx);
	tm__srx_free(seg->srx_file);
	tm__free(seg->abbr);
	tm__free(seg->norm);
	tm__ubuf_dispose(&seg->u16);
	tm__ubuf_dispose(&seg->line16);
	tm__free(seg->brk);
	tm__free(seg->mk);
	tm__free(seg->dec);
	tm__free(seg->mask);
	tm__free(seg);
}

tm_status
tm_segmenter_new(tm_segmenter **out, const char *lang,
                 const tm_segmenter_options *opts)
{
	static const tm_segmenter_options defaults = TM_SEGMENTER_OPTIONS_INIT;
	tm_segmenter *seg;
	char *tag = NULL, locale[64];
	UErrorCode err = U_ZERO_ERROR;
	size_t n;
	tm_status st;

	if (!out)
		return tm__error_set(TM_EINVAL, "segment: no output handle");
	*out = NULL;
	if (!opts)
		opts = &defaults;
	if (opts->version != TM_SEGMENTER_OPTIONS_VERSION)
		return tm__error_set(TM_EINVAL, "segment: options version %u "
		                     "is not supported", opts->version);
	if (!lang || tm_lang_normalize(&tag, lang) < 0)
		return tm__error_set(TM_EINVAL, "segment: unknown language "
		                     "'%s'", lang ? lang : "(null)");
	seg = tm__calloc(1, sizeof(*seg));
	if (!seg) {
		tm_free(tag);
		return tm__error_oom();
	}
	n = strcspn(tag, "-");
	if (n >= sizeof(seg->lang))
		n = sizeof(seg->lang) - 1;
	memcpy(seg->lang, tag, n);
	seg->lang[n] = '\0';
	tm_free(tag);
	seg->flags = opts->flags;
	/* ICU knows a language when it has a name for it. */
	{
		UChar name[64];
		UErrorCode e2 = U_ZERO_ERROR;
		int32_t len = uloc_getDisplayLanguage(seg->lang, "en", name, 64,
		                                      &e2);
		char back[64];

		u_austrncpy(back, name, sizeof(back) - 1);
		back[sizeof(back) - 1] = '\0';
		if (U_FAILURE(e2) || e2 == U_USING_DEFAULT_WARNING ||
		    len <= 0 || strcmp(back, seg->lang) == 0) {
			tm_segmenter_free(seg);
			return tm__error_set(TM_EINVAL, "segment: unknown "
			                     "language '%s'", lang);
		}
	}
	seg->spaced = strcmp(seg->lang, "zh") != 0 &&
	              strcmp(seg->lang, "ja") != 0 &&
	              strcmp(seg->lang, "th") != 0 &&
	              strcmp(seg->lang, "my") != 0 &&
	              strcmp(seg->lang, "km") != 0 &&
	              strcmp(seg->lang, "lo") != 0;
	seg->cased = seg->spaced;
	seg->ko = strcmp(seg->lang, "ko") == 0;
	seg->wire = seg->ko || strcmp(seg->lang, "en") == 0 ||
	            strcmp(seg->lang, "ru") == 0;
	seg->extra_term = strcmp(seg->lang, "hy") == 0 ||
	                  strcmp(seg->lang, "am") == 0;
	/* Plain locale, not "@ss=standard": CLDR's suppressions remove
	 * breaks that our rules cannot see to restore ("5 млн. руб. Он",
	 * measured with ICU 72); the lists in libtm/data decide instead. */
	snprintf(locale, sizeof(locale), "%s", seg->lang);
	seg->bi = ubrk_open(UBRK_SENTENCE, locale, NULL, 0, &err);
	if (U_FAILURE(err)) {
		tm_segmenter_free(seg);
		return tm__error_set(TM_ERROR, "segment: ICU sentence break "
		                     "iterator for '%s': %s", locale,
		                     u_errorName(err));
	}
	st = abbr_build(seg);
	if (st == TM_OK && opts->srx_path) {
		st = tm__srx_load(&seg->srx_file, opts->srx_path);
		if (st == TM_OK)
			st = tm__srx_select(&seg->srx, seg->srx_file,
			                    seg->lang);
	}
	if (st < 0) {
		tm_segmenter_free(seg);
		return st;
	}
	*out = seg;
	return TM_OK;
}

/* ---- scratch buffers ---- */

static tm_status
brk_push(tm_segmenter *seg, int32_t pos)
{
	if (!TM__ARRAY_GROW(seg->brk, seg->brk_cap, seg->nbrk + 1, 256))
		return tm__error_oom();
	seg->brk[seg->nbrk++] = pos;
	return TM_OK;
}

static tm_status
mk_push(tm_segmenter *seg, const marker *m)
{
	if (!TM__ARRAY_GROW(seg->mk, seg->mk_cap, seg->nmk + 1, 64))
		return tm__error_oom();
	seg->mk[seg->nmk++] = *m;
	return TM_OK;
}

static int
cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return (x > y) - (x < y);
}

/* Maps UTF-16 indexes of the converted block back to byte offsets,
 * walking forward (breaks come in order). */
typedef struct u16_cursor {
	const char *s;
	int32_t n;
	int32_t u;
	int32_t b;
} u16_cursor;

static int32_t
u16_to_byte(u16_cursor *c, int32_t target)
{
	if (target < c->u) {
		c->u = 0;
		c->b = 0;
	}
	while (c->u < target && c->b < c->n) {
		unsigned char x = (unsigned char)c->s[c->b];

		if (x < 0x80) {
			c->b++;
			c->u++;
		} else if (x < 0xE0) {
			c->b += 2;
			c->u++;
		} else if (x < 0xF0) {
			c->b += 3;
			c->u++;
		} else {
			c->b += 4;
			c->u += 2;
		}
	}
	return c->b;
}

/* ---- built-in rules ---- */

enum { KEEP, DROP, MOVE };

/* Classes of the word at @i (its letters only: "It's" -> "It"). */
static uint32_t
word_class(const tm_segmenter *seg, const char *s, int32_t n, int32_t i)
{
	int32_t j = i;

	while (j < n) {
		int32_t k = j;
		UChar32 c;

		U8_NEXT((const uint8_t *)s, k, n, c);
		if (c < 0 || !u_isalpha(c))
			break;
		j = k;
	}
	return j > i ? abbr_find(seg, s + i, (size_t)(j - i)) : 0;
}

static bool
word_is_starter(const tm_segmenter *seg, const char *s, int32_t n, int32_t i)
{
	return word_class(seg, s, n, i) & TM__AB_STARTER;
}

/* A single letter followed by a period: "E.", "В." */
static bool
is_initial_at(const char *s, int32_t n, int32_t i)
{
	int32_t k = i;
	UChar32 c;

	if (i >= n)
		return false;
	U8_NEXT((const uint8_t *)s, k, n, c);
	return c > 0 && u_isupper(c) && k < n && s[k] == '.';
}

/* "U.S", "a.m", "Л.Н": letters, each alone between periods. */
static bool
is_initialism(const char *s, int32_t n)
{
	int32_t i = 0, letters = 0;

	while (i < n) {
		UChar32 c;

		U8_NEXT((const uint8_t *)s, i, n, c);
		if (c < 0 || !u_isalpha(c))
			return false;
		letters++;
		if (i == n)
			break;
		if (s[i] != '.')
			return false;
		i++;
	}
	return letters >= 2;
}

static bool
is_marker_end(const tm_segmenter *seg, int32_t q)
{
	return (seg->mask[q] & MASK_MARKER_END) != 0;
}

/* Whether @b lies strictly inside a quotation or a bracket. */
static bool
in_span(const tm_segmenter *seg, int32_t b)
{
	return (seg->mask[b] & MASK_SPAN) != 0;
}

static tm_status
span_push(tm_segmenter *seg, int32_t a, int32_t z)
{
	/* Longer stretches are more likely unbalanced marks than one
	 * quotation. */
	if (z - a > 1000)
		return TM_OK;
	for (int32_t i = a + 1; i < z; i++)
		seg->mask[i] |= MASK_SPAN;
	return TM_OK;
}

/* Quotations ("...", “...”, «...», '...') and brackets ((...), [...])
 * of the block: sentence marks inside them do not end the sentence
 * ("She said, "Go. Now." and left", «Где ты? – спросила мама. – ...»). */
static tm_status
find_spans(tm_segmenter *seg, const char *s, int32_t n)
{
	int32_t paren[8], brack[8], np = 0, nb = 0, dq = -1, cq = -1, sq = -1,
	        gq[8], ng = 0;
	tm_status st = TM_OK;

	for (int32_t i = 0; i < n && st == TM_OK; i++) {
		unsigned char c = (unsigned char)s[i];
		bool before_ok, after_ok;

		switch (c) {
		case '(':
			if (np < 8)
				paren[np++] = i;
			break;
		case ')':
			if (np > 0)
				st = span_push(seg, paren[--np], i + 1);
			break;
		case '[':
			if (nb < 8)
				brack[nb++] = i;
			break;
		case ']':
			if (nb > 0)
				st = span_push(seg, brack[--nb], i + 1);
			break;
		case '"':
			before_ok = i == 0 || s[i - 1] == ' ' || s[i - 1] == '(' ||
			            s[i - 1] == '[';
			after_ok = i + 1 < n && s[i + 1] != ' ';
			if (before_ok && after_ok)
				dq = i; /* an opening mark (again) */
			else if (dq >= 0) {
				st = span_push(seg, dq, i + 1);
				dq = -1;
			}
			break;
		case '\'':
			/* Apostrophes have letters on both sides. */
			before_ok = i == 0 || s[i - 1] == ' ' || s[i - 1] == '(';
			after_ok = i + 1 < n && s[i + 1] != ' ';
			if (before_ok && after_ok)
				sq = i;
			else if (sq >= 0 && (i + 1 >= n || s[i + 1] == ' ' ||
			                     s[i + 1] == ',' || s[i + 1] == '.' ||
			                     s[i + 1] == ')')) {
				st = span_push(seg, sq, i + 1);
				sq = -1;
			}
			break;
		case 0xE2:
			/* “ U+201C opens, ” U+201D closes. */
			if (i + 2 < n && (unsigned char)s[i + 1] == 0x80) {
				unsigned char d = (unsigned char)s[i + 2];

				if (d == 0x9C)
					cq = i;
				else if (d == 0x9D && cq >= 0) {
					st = span_push(seg, cq, i + 3);
					cq = -1;
				}
			}
			break;
		case 0xE3:
		case 0xEF:
			/* 「」『』《》 U+300C-300F, U+300A-300B; （） U+FF08-FF09. */
			if (i + 2 < n) {
				unsigned char b1 = (unsigned char)s[i + 1],
				              b2 = (unsigned char)s[i + 2];
				bool open = (c == 0xE3 && b1 == 0x80 &&
				             (b2 == 0x8A || b2 == 0x8C || b2 == 0x8E)) ||
				            (c == 0xEF && b1 == 0xBC && b2 == 0x88);
				bool close = (c == 0xE3 && b1 == 0x80 &&
				              (b2 == 0x8B || b2 == 0x8D || b2 == 0x8F)) ||
				             (c == 0xEF && b1 == 0xBC && b2 == 0x89);

				if (open && ng < 8)
					gq[ng++] = i;
				else if (close && ng > 0)
					st = span_push(seg, gq[--ng], i + 3);
			}
			break;
		case 0xC2:
			/* « U+00AB, » U+00BB, nested. */
			if (i + 1 < n && (unsigned char)s[i + 1] == 0xAB) {
				if (ng < 8)
					gq[ng++] = i;
			} else if (i + 1 < n && (unsigned char)s[i + 1] == 0xBB &&
			           ng > 0) {
				st = span_push(seg, gq[--ng], i + 2);
			}
			break;
		default:
			break;
		}
	}
	return st;
}

/* What decide() looks at around a candidate break at byte @b of the
 * block @s (@n bytes, white space normalised to spaces). */
typedef struct brk_ctx {
	const char *s;
	int32_t n, b;
	int32_t e;      /* the sentence's end, before the spaces after it */
	int32_t q;      /* before its closing quotes */
	int32_t tpos;   /* where its last character @t is */
	int32_t ts;     /* where its last word starts (after openers) */
	int32_t nx;     /* the next character after the spaces, @nc */
	int32_t nw_pos; /* the next word, after opening quotes: @nw */
	UChar32 t, nc, nw;
} brk_ctx;

/* Phase 1: the end of the sentence and the next word; DROP when nothing
 * stands before the break, KEEP when nothing follows, else -1. */
static int
brk_locate(brk_ctx *bc, const char *s, int32_t n, int32_t b)
{
	int32_t k;
	UChar32 c;

	bc->s = s;
	bc->n = n;
	bc->b = b;
	bc->e = b;
	/* End of the sentence: back over spaces, then closing quotes. */
	for (;;) {
		c = cp_before(s, bc->e, &k);
		if (c < 0 || !is_ws(c))
			break;
		bc->e = k;
	}
	if (bc->e == 0)
		return DROP;
	bc->q = bc->e;
	for (;;) {
		c = cp_before(s, bc->q, &k);
		if (c < 0 || !is_closer(c))
			break;
		bc->q = k;
	}
	bc->t = cp_before(s, bc->q, &bc->tpos);
	bc->ts = bc->tpos;
	for (;;) {
		c = cp_before(s, bc->ts, &k);
		if (c < 0 || is_ws(c))
			break;
		bc->ts = k;
	}
	while (bc->ts < bc->tpos && is_opener(cp_at(s, n, bc->ts)))
		bc->ts = cp_next_pos(s, n, bc->ts);

	/* The next word: after spaces and opening quotes. */
	bc->nx = b;
	while (bc->nx < n && is_ws(cp_at(s, n, bc->nx)))
		bc->nx = cp_next_pos(s, n, bc->nx);
	if (bc->nx >= n)
		return KEEP;
	bc->nc = cp_at(s, n, bc->nx);
	bc->nw_pos = bc->nx;
	while (bc->nw_pos < n && is_opener(cp_at(s, n, bc->nw_pos)))
		bc->nw_pos = cp_next_pos(s, n, bc->nw_pos);
	bc->nw = cp_at(s, n, bc->nw_pos);

	return -1;
}

/* Phase 2: the marks around the break: a dash and the author's words, a
 * Korean particle, reference marks, spans, '!' and '?'; -1 when the
 * break ends in a period, which the next phases judge. */
static int
brk_marks(const tm_segmenter *seg, const brk_ctx *bc, int32_t *moved)
{
	const char *s = bc->s;
	int32_t n = bc->n, b = bc->b;

	/* "«Где ты?» — спросила она", "'Hi!' - she said": the author's
	 * words after a dash go on the sentence. */
	if (is_dash(bc->nc)) {
		int32_t a = cp_next_pos(s, n, bc->nx);

		while (a < n && is_ws(cp_at(s, n, a)))
			a = cp_next_pos(s, n, a);
		if (a < n && u_islower(cp_at(s, n, a)))
			return DROP;
	}
	/* Korean "...했다."라고: a quotation closed by a full stop goes on
	 * with a particle, without a space. */
	if (seg->spaced && bc->e == b && bc->nw > 0 && u_isalpha(bc->nw) &&
	    !u_isupper(bc->nw))
		return DROP;

	/* "martyr.[1] The": ICU breaks after the bracket; the break goes
	 * after the reference marks. */
	if (bc->t == '[' && bc->e == b) {
		int32_t x = b, last = -1;

		while (x < n && s[x] >= '0' && s[x] <= '9') {
			int32_t d = x;

			while (x < n && s[x] >= '0' && s[x] <= '9')
				x++;
			if (x - d > 3 || x >= n || s[x] != ']')
				break;
			last = ++x;
			if (x < n && s[x] == '[')
				x++;
			else
				break;
		}
		if (last < 0)
			return DROP;
		*moved = last;
		return MOVE;
	}
	/* Inside quotation marks, brackets, parentheses: no break. */
	if (in_span(seg, b))
		return DROP;
	if (bc->t == '!' || bc->t == '?') {
		/* "Yahoo! in the accounting department", "!Xun", "Y!J." */
		if (seg->cased && u_islower(bc->nw))
			return DROP;
		if (bc->tpos == bc->ts || (bc->e == b && bc->nw > 0 && u_isalnum(bc->nw)))
			return DROP;
		return KEEP;
	}
	if (bc->t != '.')
		return KEEP;

	return -1;
}

/* Phase 3: a period in an omission mark or an ellipsis; -1 for the
 * periods of words. */
static int
brk_period(const brk_ctx *bc, int32_t *moved)
{
	const char *s = bc->s;

	/* "[...]": an omission in a quotation, not an end. */
	if (bc->q < bc->e && s[bc->q] == ']' && bc->tpos >= 3 && s[bc->tpos - 1] == '.' &&
	    s[bc->tpos - 2] == '.')
		return DROP;
	/* Ellipses: ". . ." after a space goes on; "word. . . . Next" ends
	 * at the word's own period; a spaced four-dot ellipsis ends. */
	{
		int32_t i = bc->q, first = bc->q, nd = 0;
		bool spaced = false;

		while (i > 0) {
			if (s[i - 1] == '.') {
				nd++;
				first = i - 1;
				i--;
			} else if (s[i - 1] == ' ' && i >= 2 &&
			           s[i - 2] == '.' && nd > 0) {
				spaced = true;
				i--;
			} else {
				break;
			}
		}
		if (nd >= 3 && spaced) {
			bool attached = first > 0 && s[first - 1] != ' ';

			if (!attached)
				return nd >= 4 ? KEEP : DROP;
			if (nd >= 4) {
				*moved = first + 1;
				return MOVE;
			}
			return KEEP;
		}
		if (nd >= 2)
			return KEEP;
	}
	return -1;
}

/* Phase 4: the word before a period: marker ends, abbreviations,
 * initials, initialisms. */
static int
brk_abbrev(const tm_segmenter *seg, const brk_ctx *bc)
{
	const char *s = bc->s;
	int32_t n = bc->n;

	if (!seg->cased)
		return KEEP;
	if (is_marker_end(seg, bc->q) || is_marker_end(seg, bc->e))
		return DROP;
	if (bc->tpos > bc->ts) {
		uint32_t cls = abbr_lookup(seg, s + bc->ts, bc->tpos - bc->ts);

		/* "Tuesday.Mr." (no space): look at the last part. */
		if (!cls) {
			int32_t d = bc->tpos - 1;

			while (d > bc->ts && s[d] != '.')
				d--;
			if (d > bc->ts && bc->tpos - d > 2)
				cls = abbr_lookup(seg, s + d + 1, bc->tpos - d - 1);
		}
		bool upper = bc->nw > 0 && u_isupper(bc->nw);
		int32_t one = bc->ts;
		UChar32 c0;

		if (cls & TM__AB_TITLE)
			return DROP;
		if ((cls & TM__AB_NUMBER) && bc->nw >= '0' && bc->nw <= '9')
			return DROP;
		if (cls & TM__AB_GENERAL) {
			/* "Inc. (“Company A”)", "10 a.m. Friday" */
			if (bc->nc == '(' || bc->nc == '[' ||
			    (word_class(seg, s, n, bc->nw_pos) & TM__AB_NONSTARTER))
				return DROP;
			return upper ? KEEP : DROP;
		}
		U8_NEXT((const uint8_t *)s, one, n, c0);
		if (one == bc->tpos && c0 > 0 && u_isupper(c0)) {
			/* An initial: "Jonas E. Smith", "В. В. Путин"; but
			 * "you and I. Did you ...". */
			if (is_initial_at(s, n, bc->nw_pos))
				return DROP;
			if (upper && !word_is_starter(seg, s, n, bc->nw_pos))
				return DROP;
			/* Korean: "조지 W. 부시" (a Latin initial before
			 * Hangul is never a sentence end). */
			if (seg->ko && bc->nw > 0x7F && u_isalpha(bc->nw) && !upper)
				return DROP;
			return KEEP;
		}
		if (is_initialism(s + bc->ts, bc->tpos - bc->ts)) {
			/* "U.S. Government" goes on, "U.S. How" ends. */
			if (upper && word_is_starter(seg, s, n, bc->nw_pos))
				return KEEP;
			if (bc->nw >= '0' && bc->nw <= '9')
				return KEEP;
			if (seg->ko && bc->nw > 0x7F && u_isalpha(bc->nw))
				return DROP;
			return upper || u_islower(bc->nw) ? DROP : KEEP;
		}
	}
	return KEEP;
}

/* Decide whether a candidate break at byte @b of the block @s (@n bytes,
 * white space normalised to spaces) stands: KEEP, DROP, or MOVE to
 * *@moved. */
static int
decide(const tm_segmenter *seg, const char *s, int32_t n, int32_t b,
       int32_t *moved)
{
	brk_ctx x;
	int r = brk_locate(&x, s, n, b);

	if (r < 0)
		r = brk_marks(seg, &x, moved);
	if (r < 0)
		r = brk_period(&x, moved);
	if (r < 0)
		r = brk_abbrev(seg, &x);
	return r;
}

/* Roman numerals i..xx as list numbers. */
static int
roman_value(const char *s, int32_t n)
{
	static const char *const r[] = {
		"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x",
		"xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii",
		"xix", "xx"};

	for (int i = 0; i < 20; i++)
		if ((int32_t)strlen(r[i]) == n && memcmp(r[i], s, (size_t)n) == 0)
			return i + 1;
	return 0;
}

/* List markers at the start of a token: "1.)", "1)", "1.", "(1)", "a.",
 * "a)", "(a)", "(iv)", "iv)", "A)", "(A)". Types keep numbering apart. */
static tm_status
find_markers(tm_segmenter *seg, const char *s, int32_t n)
{
	int32_t i = 0;
	int bullets = 0;
	tm_status st;

	seg->nmk = 0;
	while (i < n) {
		int32_t tok = i, j, start = i, k = 0;
		bool paren = false;
		UChar32 prev = -1;
		marker m;
		unsigned char c = (unsigned char)s[i];

		if (c == 0xE2 && is_bullet(cp_at(s, n, i)))
			bullets++;
		/* Token starts only (after a space, a bullet or at 0) that
		 * begin like a marker. */
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		      (c >= 'A' && c <= 'Z') || c == '(')) {
			i++;
			continue;
		}
		if (i > 0 && s[i - 1] != ' ' &&
		    ((unsigned char)s[i - 1] < 0x80 ||
		     !is_bullet(cp_before(s, i, &k)))) {
			i++;
			continue;
		}
		if (i > 0)
			prev = cp_before(s, i, &k);
		if (i > 0 && is_bullet(prev)) {
			start = k;
		} else if (i > 1 && is_ws(prev)) {
			UChar32 p2 = cp_before(s, k, &k);

			if (is_bullet(p2))
				start = k;
		}
		j = i;
		if (s[j] == '(') {
			paren = true;
			j++;
		}
		memset(&m, 0, sizeof(m));
		if (j < n && s[j] >= '0' && s[j] <= '9') {
			int v = 0, d = 0;

			while (j < n && s[j] >= '0' && s[j] <= '9' && d < 3) {
				v = v * 10 + (s[j] - '0');
				j++;
				d++;
			}
			m.value = v;
			if (paren && j < n && s[j] == ')')
				m.type = 1, j++;
			else if (!paren && j + 1 < n && s[j] == '.' &&
			         s[j + 1] == ')')
				m.type = 2, j += 2;
			else if (!paren && j < n && s[j] == ')')
				m.type = 3, j++;
			else if (!paren && j < n && s[j] == '.')
				m.type = 4, j++;
		} else if (j < n && s[j] >= 'a' && s[j] <= 'z') {
			int32_t a = j;
			int rv;

			while (j < n && s[j] >= 'a' && s[j] <= 'z' && j - a < 5)
				j++;
			rv = j < n && s[j] == ')' ? roman_value(s + a, j - a) : 0;
			if (j < n && s[j] == ')' && rv && (paren || j - a > 1)) {
				m.type = paren ? 5 : 6, m.value = rv, j++;
			} else if (j - a == 1 && j < n) {
				m.value = s[a] - 'a' + 1;
				if (paren && s[j] == ')')
					m.type = 7, j++;
				else if (!paren && s[j] == ')')
					m.type = 8, j++;
				else if (!paren && s[j] == '.' && j + 1 < n &&
				         s[j + 1] == ')')
					m.type = 12, j += 2;
				else if (!paren && s[j] == '.')
					m.type = 9, j++;
				/* "i)", "v)": a letter, or the first roman
				 * numeral of a list ("i) ... ii) ..."). */
				if (m.type == 8 && rv) {
					marker r2 = m;

					r2.type = 6;
					r2.value = rv;
					r2.start = start;
					r2.tok = tok;
					r2.end = j;
					r2.qualified = true;
					if (j < n && s[j] == ' ') {
						st = mk_push(seg, &r2);
						if (st < 0)
							return st;
					}
				}
			}
		} else if (j < n && s[j] >= 'A' && s[j] <= 'Z' && j + 1 < n &&
		           s[j + 1] == ')') {
			m.value = s[j] - 'A' + 1;
			m.type = paren ? 10 : 11;
			j += 2;
		}
		if (m.type && j < n && s[j] == ' ') {
			UChar32 pc;
			int32_t pe = tok, pk;

			m.start = start;
			m.tok = tok;
			m.end = j;
			/* May begin a list: block start, after a bullet, a
			 * colon, or a sentence end that is no abbreviation. */
			while ((pc = cp_before(s, pe, &pk)) >= 0 && is_ws(pc))
				pe = pk;
			if (pe == 0 || start != tok || pc == ':' || pc == ';') {
				m.qualified = true;
			} else if (pc == '.' || pc == '!' || pc == '?') {
				int32_t ws = pk;

				while (ws > 0 && s[ws - 1] != ' ')
					ws--;
				m.qualified = !abbr_lookup(seg, s + ws, pk - ws);
			} else {
				m.qualified = m.type != 4 && m.type != 9;
			}
			st = mk_push(seg, &m);
			if (st < 0)
				return st;
		}
		i = i + 1;
	}
	/* Chains of the same type numbered one after another. */
	for (size_t a = 0; a < seg->nmk; a++) {
		marker *m = &seg->mk[a];
		size_t len = 1, last = a;
		int v = m->value;

		if (!m->qualified || m->accepted)
			continue;
		/* Lists are local: look a little way ahead only. */
		for (size_t b = a + 1; b < seg->nmk && b < a + 64; b++) {
			if (seg->mk[b].type == m->type &&
			    seg->mk[b].value == v + 1) {
				v++;
				len++;
				last = b;
			}
		}
		/* One marker alone counts at the start of the block:
		 * "1. This is a list item.", "d. Compliance Log". */
		if (len < 2 && !(m->tok == 0 || m->start == 0))
			continue;
		v = m->value;
		for (size_t b = a; b <= last; b++) {
			if (seg->mk[b].type == m->type &&
			    seg->mk[b].value == v) {
				seg->mk[b].accepted = true;
				v++;
			}
		}
	}
	for (size_t a = 0; a < seg->nmk; a++)
		if (seg->mk[a].accepted)
			seg->mask[seg->mk[a].end] |= MASK_MARKER_END;
	return bullets >= 2 ? 1 : 0;
}

/* Sentence marks ICU does not know for some languages: Armenian ends
 * sentences with ':' or '։', Amharic with '።' and '፧' (often without a
 * space after them). */
static tm_status
add_language_breaks(tm_segmenter *seg, const char *s, int32_t n)
{
	bool hy = strcmp(seg->lang, "hy") == 0;
	tm_status st;

	for (int32_t i = 0; i < n;) {
		UChar32 c = cp_at(s, n, i);
		int32_t j = cp_next_pos(s, n, i);

		if (hy && (c == ':' || c == 0x0589) && j + 1 < n &&
		    s[j] == ' ' && u_isalpha(cp_at(s, n, j + 1))) {
			st = brk_push(seg, j);
			if (st < 0)
				return st;
		} else if (!hy && (c == 0x1362 || c == 0x1367 || c == 0x1368) &&
		           j < n) {
			st = brk_push(seg, j);
			if (st < 0)
				return st;
		}
		i = j;
	}
	return TM_OK;
}

/* Breaks ICU does not propose. */
static tm_status
add_extra_breaks(tm_segmenter *seg, const char *s, int32_t n, bool bullets)
{
	tm_status st;

	for (size_t i = 0; i < seg->nmk; i++) {
		if (seg->mk[i].accepted && seg->mk[i].start > 0) {
			st = brk_push(seg, seg->mk[i].start);
			if (st < 0)
				return st;
		}
	}
	if (seg->extra_term) {
		st = add_language_breaks(seg, s, n);
		if (st < 0)
			return st;
	}
	for (int32_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int32_t k0;

		if (bullets && c == 0xE2 && i > 0 && s[i - 1] == ' ' &&
		    is_bullet(cp_at(s, n, i))) {
			st = brk_push(seg, i);
			if (st < 0)
				return st;
		}
		/* "period．Does": ICU does not end at a fullwidth stop
		 * followed by text. */
		if (c == 0xEF && i + 3 < n && (unsigned char)s[i + 1] == 0xBC &&
		    (unsigned char)s[i + 2] == 0x8E && s[i + 3] != ' ' &&
		    !(u_isdigit(cp_at(s, n, i + 3)) && i >= 3 &&
		      u_isdigit(cp_before(s, i, &k0)))) {
			st = brk_push(seg, i + 3);
			if (st < 0)
				return st;
		}
		if (!seg->cased || (c != '.' && c != '!' && c != '?'))
			continue;
		/* "consultation.11 12 Take the": reference numbers after
		 * the period belong to the sentence that ends. */
		if (c == '.' && i > 0 && i + 1 < n && s[i + 1] >= '0' &&
		    s[i + 1] <= '9') {
			int32_t x = i + 1;
			UChar32 p1 = cp_before(s, i, &k0);

			if (p1 == ')' || (p1 > 0 && u_islower(p1))) {
				for (;;) {
					int32_t d = x;

					while (x < n && s[x] >= '0' && s[x] <= '9')
						x++;
					if (x - d > 3 || x >= n || s[x] != ' ')
						break;
					if (x + 1 < n && s[x + 1] >= '0' &&
					    s[x + 1] <= '9') {
						x++;
						continue;
					}
					if (x + 1 < n &&
					    u_isupper(cp_at(s, n, x + 1))) {
						st = brk_push(seg, x + 1);
						if (st < 0)
							return st;
					}
					break;
				}
			}
		}
		/* "What do you see? - Posted like ...": ICU goes on over a
		 * dash; decide() keeps direct speech together. */
		{
			int32_t x = i + 1, moved = 0;

			while (x < n && is_closer(cp_at(s, n, x)))
				x = cp_next_pos(s, n, x);
			if (x + 2 < n && s[x] == ' ' &&
			    is_dash(cp_at(s, n, x + 1))) {
				int32_t d = x + 1, a = cp_next_pos(s, n, d);

				if (a + 1 < n && s[a] == ' ' &&
				    u_isupper(cp_at(s, n, a + 1)) &&
				    decide(seg, s, n, d, &moved) == KEEP) {
					st = brk_push(seg, d);
					if (st < 0)
						return st;
				}
			}
		}
		/* "Hello world.Today is Tuesday." (no space) */
		if (i >= 2 && i + 2 < n) {
			UChar32 a = cp_at(s, n, i + 1);
			int32_t a2 = cp_next_pos(s, n, i + 1), k;
			UChar32 p1 = cp_before(s, i, &k), p2;

			p2 = cp_before(s, k, &k);
			if (u_isupper(a) && u_islower(cp_at(s, n, a2)) &&
			    ((u_islower(p1) && u_islower(p2)) ||
			     (p1 >= '0' && p1 <= '9'))) {
				int32_t ws = i, we = i;
				bool url = false;

				while (ws > 0 && s[ws - 1] != ' ')
					ws--;
				while (we < n && s[we] != ' ')
					we++;
				for (int32_t x = ws; x < we && !url; x++)
					url = s[x] == '@' || s[x] == '/' ||
					      (s[x] == ':' && x + 1 < we &&
					       s[x + 1] == '/') ||
					      (x + 3 < we &&
					       memcmp(s + x, "www.", 4) == 0);
				if (!url) {
					st = brk_push(seg, i + 1);
					if (st < 0)
						return st;
				}
			}
		}
		/* "in London. 5 people died": ICU does not break before a
		 * number followed by a lower-case word. */
		if (c == '.' && i + 2 < n && s[i + 1] == ' ' && s[i + 2] >= '0' &&
		    s[i + 2] <= '9' && i > 1) {
			int32_t ws = i, moved = 0;
			bool word = true, known = (seg->mask[i + 2] &
			                           MASK_ICU_BREAK) != 0;

			while (ws > 0 && s[ws - 1] != ' ')
				ws--;
			for (int32_t x = ws; x < i; x++)
				if ((s[x] >= '0' && s[x] <= '9') || s[x] == '.')
					word = false;
			if (word && i - ws >= 2 && !known &&
			    decide(seg, s, n, i + 2, &moved) == KEEP) {
				st = brk_push(seg, i + 2);
				if (st < 0)
					return st;
			}
		}
	}
	return TM_OK;
}

/* ---- blocks, furniture, paragraphs ---- */

static tm_status
to_u16(tm__ubuf *u, const char *s, int32_t n)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t need = 0;
	tm_status st = tm__ubuf_reserve(u, n + 1);

	if (st < 0)
		return st;
	u_strFromUTF8(u->data, u->cap, &need, s, n, &err);
	if (U_FAILURE(err))
		return tm__error_set(TM_EUNICODE, "segment: UTF-8 conversion "
		                     "failed: %s", u_errorName(err));
	u->len = need;
	return TM_OK;
}

/* Match furniture pattern @which at the start of UTF-16 @u (@len units);
 * returns the UTF-16 length of the match or 0. */
static int32_t
re_match(tm_segmenter *seg, int which, const UChar *u, int32_t len)
{
	UErrorCode err = U_ZERO_ERROR;
	URegularExpression *re = seg->re[which];
	int32_t end;

	if (!re) {
		/* the patterns are constants: one that does not compile (ICU
		 * out of memory) fails the text, through seg->re_status,
		 * rather than let furniture pass for a sentence */
		UParseError pe;

		re = uregex_openC(re_source[which], 0, &pe, &err);
		if (U_FAILURE(err)) {
			if (seg->re_status == TM_OK)
				seg->re_status = tm__error_set(
				        err == U_MEMORY_ALLOCATION_ERROR
				                ? TM_ENOMEM
				                : TM_ERROR,
				        "segment: furniture pattern %d: %s at "
				        "offset %d",
				        which, u_errorName(err), pe.offset);
			return 0;
		}
		seg->re[which] = re;
	}
	uregex_setText(re, u, len, &err);
	if (U_FAILURE(err) || !uregex_lookingAt(re, 0, &err) || U_FAILURE(err))
		return 0;
	end = uregex_end(re, 0, &err);
	return U_FAILURE(err) ? 0 : end;
}

/* Whether @n bytes at @s start with the @m bytes of @pfx. */
static bool
starts_with(const char *s, size_t n, const char *pfx, size_t m)
{
	return n >= m && memcmp(s, pfx, m) == 0;
}

/* Whether a trimmed line may be an end mark (RE_END): its first bytes and
 * its length; the longest, Reuters' "Our Standards: ...", is 53 bytes, the
 * others under 30. */
static bool
maybe_end_mark(const char *s, size_t n)
{
	if (n > 56)
		return false;
	switch ((unsigned char)s[0]) {
	case '(': case '[': case '<': case '/': case '#': case '-': case '=':
	case 0xE2: /* ‹ – — */
	case 0xE3: /* 〈 */
	case 0xEF: /* （ ＜ */
		return true;
	case 'E': /* END, ENDS, Enditem */
		return n >= 3 && (s[1] == 'N' || s[1] == 'n');
	case 'O': /* Our Standards: The Thomson Reuters Trust Principles. */
		return starts_with(s, n, "Our Standards:", 14);
	case 0xEB: /* 끝 */
		return starts_with(s, n, "\xEB\x81\x9D", 3);
	case 0xD0: /* Конец, КОНЕЦ */
		return n >= 10 && s[1] == '\x9A';
	default:
		return false;
	}
}

/* Whether a trimmed line may start with a note label (RE_NOTE_LABEL):
 * after an opening bracket and a ※, the first bytes of a label. Prose
 * lines fail here and never reach the regular expression. */
static bool
maybe_note_label(const char *s, size_t n)
{
	size_t i = 0;

	if (n > 0 && (s[0] == '(' || s[0] == '[' || s[0] == '<'))
		i = 1;
	else if (starts_with(s, n, "\xE3\x80\x88", 3) || /* 〈 */
	         starts_with(s, n, "\xE3\x80\x90", 3))   /* 【 */
		i = 3;
	while (i < n && s[i] == ' ')
		i++;
	if (starts_with(s + i, n - i, "\xE2\x80\xBB", 3)) { /* ※ */
		i += 3;
		while (i < n && s[i] == ' ')
			i++;
	}
	s += i;
	n -= i;
	return starts_ci(s, n, "editor") || starts_ci(s, n, "translator") ||
	       starts_ci(s, n, "ed.") ||
	       starts_with(s, n, "\xED\x8E\xB8\xEC\xA7\x91\xEC\x9E\x90", 9) ||
	       starts_with(s, n, "\xEC\x97\xAD", 3) || /* 역 */
	       starts_with(s, n, "\xEC\x98\xAE\xEA\xB8\xB4\xEC\x9D\xB4", 9) ||
	       starts_with(s, n, "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xBC", 8) ||
	       starts_with(s, n, "\xD0\xBF\xD1\x80\xD0\xB8\xD0\xBC", 8) ||
	       starts_with(s, n, "\xD0\x9F\xD0\xA0\xD0\x98\xD0\x9C", 8) ||
	       starts_with(s, n, "\xD0\x9E\xD1\x82 ", 5) || /* От */
	       starts_with(s, n, "\xD0\x9E\xD0\xA2 ", 5);   /* ОТ */
}

/* Furniture that fills a whole line. Cheap tests first: most lines are
 * prose and never reach a regular expression. @label is NULL for a
 * segment inside a line; at the start of a line it is set when a note
 * label without brackets around the note was found (`EDITOR'S NOTE —
 * ...`): such a note may go on over the next lines. */
static tm_status
line_kind(tm_segmenter *seg, const char *s, size_t n, tm_seg_kind *kind,
          bool *label)
{
	size_t i = 0;
	unsigned char c0;
	bool maybe_end, maybe_marker, maybe_note, maybe_label,
	        maybe_credit = false, maybe_byline = false;
	tm_status st;

	*kind = TM_SEG_SENTENCE;
	if (label)
		*label = false;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	s += i;
	n -= i;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	                 s[n - 1] == '\r'))
		n--;
	if (n == 0 || n > 300)
		return TM_OK;
	c0 = (unsigned char)s[0];
	maybe_end = maybe_end_mark(s, n);
	maybe_marker = c0 == 0xE2 || c0 == '*' || c0 == '_';
	maybe_note = (c0 == '(' || c0 == '[' || c0 == '<' || c0 == 0xE3) &&
	             n > 8;
	maybe_label = label && maybe_note_label(s, n);
	if (n < 200) {
		maybe_byline = (n > 3 && memcmp(s, "By ", 3) == 0) ||
		               memchr(s, '@', n) != NULL ||
		               has_sub(s, n, " by ", 4);
		maybe_credit = c0 == '<' || c0 == '[' || c0 == 0xC2 ||
		               c0 == 0xE2 || c0 == '(' ||
		               starts_ci(s, n, "copyright") ||
		               starts_ci(s, n, "photo") ||
		               starts_ci(s, n, "\xD0\xA4\xD0\xBE\xD1\x82\xD0\xBE") ||
		               has_sub(s, n < 12 ? n : 12, "/", 1) ||
		               has_sub(s, n, "\xEB\xAC\xB4\xEB\x8B\xA8", 6) ||
		               has_sub(s, n, "rights reserved", 15) ||
		               (n >= 8 && n <= 11 && (c0 == '1' || c0 == '2'));
	}
	if (!maybe_end && !maybe_marker && !maybe_note && !maybe_label &&
	    !maybe_byline && !maybe_credit)
		return TM_OK;
	st = to_u16(&seg->line16, s, (int32_t)n);
	if (st < 0)
		return st;
	if (maybe_end &&
	    re_match(seg, RE_END, seg->line16.data, seg->line16.len))
		*kind = TM_SEG_END;
	else if (maybe_note &&
	         (re_match(seg, RE_NOTE, seg->line16.data, seg->line16.len) ||
	          re_match(seg, RE_TRANSLATOR, seg->line16.data,
	                   seg->line16.len)))
		*kind = TM_SEG_NOTE;
	else if (maybe_label && re_match(seg, RE_NOTE_LABEL, seg->line16.data,
	                                 seg->line16.len)) {
		*kind = TM_SEG_NOTE;
		*label = true;
	} else if (maybe_marker &&
	           re_match(seg, RE_MARKER, seg->line16.data, seg->line16.len))
		*kind = TM_SEG_MARKER;
	else if (maybe_credit && re_match(seg, RE_CREDIT, seg->line16.data,
	                                  seg->line16.len))
		*kind = TM_SEG_CREDIT;
	else if (maybe_byline && re_match(seg, RE_BYLINE_LINE,
	                                  seg->line16.data, seg->line16.len))
		*kind = TM_SEG_BYLINE;
	return seg->re_status;
}

static bool
is_blank_byte(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The last code point of [@s, @s + @n) before trailing spaces and
 * closing quotes or brackets, or -1 when there is none. */
static UChar32
last_mark(const char *s, size_t n)
{
	int32_t i = (int32_t)n, k;

	for (;;) {
		UChar32 c = cp_before(s, i, &k);

		if (c < 0 || !(is_ws(c) || is_closer(c)))
			return c;
		i = k;
	}
}

/* Whether the text ends a sentence: . ! ? … 。 (then closing quotes or
 * brackets). Unlike ends_with_terminal(), a colon does not. */
static bool
ends_sentence(const char *s, size_t n)
{
	UChar32 c = last_mark(s, n);

	return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x3002;
}

/* Push the sentence text[s, e). An end mark at its end that ICU did not
 * break before (`... включая русский. -0-`, `... said. - 30 -`) becomes
 * a segment of its own: the last 40 bytes are tried from their first
 * blank on, so the longest mark wins. A mark that is a word (ENDS,
 * Конец.) needs a sentence end before it; one in brackets or dashes
 * does not. */
static tm_status
push_sentence(tm_segmenter *seg, tm_segment_list *list, const char *text,
              size_t s, size_t e, unsigned para)
{
	size_t j = e, lo;
	tm_status st;

	while (j > s && is_blank_byte(text[j - 1]))
		j--;
	if (j - s < 5)
		return list_push(list, text, s, e, para, TM_SEG_SENTENCE);
	switch ((unsigned char)text[j - 1]) {
	/* the last bytes of the marks: ) ] > - / # = . END(S) Enditem
	 * ENDITEM Kyodo, 끝, ц Ц, 〉 and ） (0x89), › — – ＞ */
	case ')': case ']': case '>': case '-': case '/': case '#': case '=':
	case '.': case 'S': case 'D': case 'm': case 'M': case 'o':
	case 0x9D: case 0x86: case 0xA6: case 0x89: case 0xBA: case 0x94:
	case 0x93: case 0x9E:
		break;
	default:
		return list_push(list, text, s, e, para, TM_SEG_SENTENCE);
	}
	lo = j - s > 40 ? j - 40 : s + 1;
	for (size_t m = lo; m < j; m++) {
		tm_seg_kind kind;
		size_t h = m;

		if (!is_blank_byte(text[m - 1]) || is_blank_byte(text[m]))
			continue;
		while (h > s && is_blank_byte(text[h - 1]))
			h--;
		if (h == s || !maybe_end_mark(text + m, j - m))
			continue;
		/* a word (END, Enditem, Our Standards, 끝, Конец) only
		 * after a sentence end: "... the END" is prose */
		if (((text[m] >= 'A' && text[m] <= 'Z') ||
		     (unsigned char)text[m] == 0xEB ||
		     (unsigned char)text[m] == 0xD0) &&
		    !ends_sentence(text + s, h - s))
			continue;
		st = line_kind(seg, text + m, j - m, &kind, NULL);
		if (st < 0)
			return st;
		if (kind != TM_SEG_END)
			continue;
		st = list_push(list, text, s, h, para, TM_SEG_SENTENCE);
		if (st < 0)
			return st;
		return list_push(list, text, m, e, para, TM_SEG_END);
	}
	return list_push(list, text, s, e, para, TM_SEG_SENTENCE);
}

/* Sentences of the block text[bs, be): no furniture left in it. */
/* Working copies of a block longer than this are freed once its breaks
 * are found (release_work()). */
#define SEG_WORK_KEEP ((size_t)4 << 20)

/* Free the block's working copies (the normalized text, its UTF-16, the
 * mask, the SRX decisions); the next block makes them again. The break
 * iterator is given an empty text: it pointed into the UTF-16. */
static void
release_work(tm_segmenter *seg)
{
	static const UChar empty[1] = { 0 };
	UErrorCode err = U_ZERO_ERROR;

	if (seg->bi)
		ubrk_setText(seg->bi, empty, 0, &err);
	tm__free(seg->norm);
	seg->norm = NULL;
	seg->norm_cap = 0;
	tm__ubuf_dispose(&seg->u16);
	tm__free(seg->mask);
	seg->mask = NULL;
	seg->mask_cap = 0;
	tm__free(seg->dec);
	seg->dec = NULL;
	seg->dec_cap = 0;
}

static tm_status
segment_block(tm_segmenter *seg, tm_segment_list *list, const char *text,
              size_t bs, size_t be, unsigned para)
{
	int32_t n = (int32_t)(be - bs), prev = 0;
	UErrorCode err = U_ZERO_ERROR;
	u16_cursor cur;
	tm_status st;
	char *s;
	bool bullets = false;

	if (be - bs > (size_t)INT32_MAX / 2)
		return tm__error_set(TM_EINVAL, "segment: paragraph of %zu "
		                     "bytes is too long", be - bs);
	if ((size_t)n + 1 > seg->norm_cap) {
		size_t cap = (size_t)n + 1 + 4096;
		char *p = tm__realloc(seg->norm, cap);

		if (!p)
			return tm__error_oom();
		seg->norm = p;
		seg->norm_cap = cap;
	}
	s = seg->norm;
	/* Wrapped lines: the line break is a space to ICU; byte offsets stay
	 * those of the input. */
	for (int32_t i = 0; i < n; i++) {
		char c = text[bs + (size_t)i];

		s[i] = (c == '\n' || c == '\r' || c == '\t' || c == '\f' ||
		        c == '\v') ? ' ' : c;
	}
	s[n] = '\0';
	st = to_u16(&seg->u16, s, n);
	if (st < 0)
		return st;
	cur.s = s;
	cur.n = n;
	cur.u = 0;
	cur.b = 0;
	seg->nbrk = 0;

	if (seg->srx) {
		int32_t ul = seg->u16.len;
		bool icu = tm__srx_uses_icu(seg->srx);

		if ((size_t)ul + 1 > seg->dec_cap) {
			signed char *p = tm__realloc(seg->dec, (size_t)ul + 1);

			if (!p)
				return tm__error_oom();
			seg->dec = p;
			seg->dec_cap = (size_t)ul + 1;
		}
		st = tm__srx_apply(seg->srx, seg->u16.data, ul, seg->dec);
		if (st < 0)
			return st;
		if (icu) {
			int32_t p;

			ubrk_setText(seg->bi, seg->u16.data, ul, &err);
			if (U_FAILURE(err))
				return tm__error_set(TM_ERROR, "segment: ICU: "
				                     "%s", u_errorName(err));
			ubrk_first(seg->bi);
			while ((p = ubrk_next(seg->bi)) != UBRK_DONE && p < ul) {
				/* The SRX position is before the spaces that
				 * ICU puts in the sentence. */
				int32_t a = p, verdict = 0;

				while (a > 0 && u_isUWhiteSpace(
				                        seg->u16.data[a - 1]))
					a--;
				for (int32_t x = a; x <= p && !verdict; x++)
					verdict = seg->dec[x];
				if (verdict < 0)
					continue;
				seg->dec[p] = 1;
			}
		}
		for (int32_t p = 1; p < ul; p++) {
			if (seg->dec[p] > 0) {
				st = brk_push(seg, u16_to_byte(&cur, p));
				if (st < 0)
					return st;
			}
		}
	} else {
		int32_t p, moved;
		int r;

		if ((size_t)n + 1 > seg->mask_cap) {
			size_t cap = (size_t)n + 1 + 4096;
			unsigned char *m = tm__realloc(seg->mask, cap);

			if (!m)
				return tm__error_oom();
			seg->mask = m;
			seg->mask_cap = cap;
		}
		memset(seg->mask, 0, (size_t)n + 1);
		st = find_markers(seg, s, n);
		if (st < 0)
			return st;
		bullets = st > 0;
		st = find_spans(seg, s, n);
		if (st < 0)
			return st;
		ubrk_setText(seg->bi, seg->u16.data, seg->u16.len, &err);
		if (U_FAILURE(err))
			return tm__error_set(TM_ERROR, "segment: ICU: %s",
			                     u_errorName(err));
		ubrk_first(seg->bi);
		while ((p = ubrk_next(seg->bi)) != UBRK_DONE &&
		       p < seg->u16.len) {
			int32_t b = u16_to_byte(&cur, p);

			seg->mask[b] |= MASK_ICU_BREAK;
			r = decide(seg, s, n, b, &moved);
			if (r == KEEP)
				st = brk_push(seg, b);
			else if (r == MOVE)
				st = brk_push(seg, moved);
			if (st < 0)
				return st;
		}
		st = add_extra_breaks(seg, s, n, bullets);
		if (st < 0)
			return st;
		if (seg->nbrk > 1) /* brk is NULL when empty */
			qsort(seg->brk, seg->nbrk, sizeof(*seg->brk),
			      cmp_i32);
	}
	/* The breaks are known: a paragraph of megabytes (a line of 50 MB
	 * of short sentences) makes its segments without the working copies,
	 * which take 4 bytes per byte beside them (674 -> 470 MB). */
	if ((size_t)n > SEG_WORK_KEEP)
		release_work(seg);
	for (size_t i = 0; i < seg->nbrk; i++) {
		int32_t b = seg->brk[i];

		if (b <= prev || b >= n)
			continue;
		st = push_sentence(seg, list, text, bs + (size_t)prev,
		                   bs + (size_t)b, para);
		if (st < 0)
			return st;
		prev = b;
	}
	return push_sentence(seg, list, text, bs + (size_t)prev, be, para);
}

/* Furniture at the start of a block: a dateline or a byline before the
 * first sentence. Returns its length in bytes (0 when none). */
static tm_status
block_prefix(tm_segmenter *seg, const char *s, size_t n, tm_seg_kind *kind,
             size_t *plen)
{
	unsigned char c0 = (unsigned char)s[0];
	size_t m = n < 400 ? n : 400;
	int32_t u = 0;
	u16_cursor cur;
	tm_status st;

	*plen = 0;
	/* Datelines start with two capitals (SEOUL, МОСКВА) or an agency in
	 * brackets, `(CNN)`; bylines with "(place=agency)". Most paragraphs
	 * fail here. */
	if (c0 >= 'A' && c0 <= 'Z') {
		if (n < 2 || s[1] < 'A' || s[1] > 'Z')
			return TM_OK;
	} else if (c0 == 0xD0) {
		unsigned char c2 = n > 2 ? (unsigned char)s[2] : 0,
		              c3 = n > 3 ? (unsigned char)s[3] : 0;

		if (c2 != 0xD0 || !((c3 >= 0x90 && c3 <= 0xAF) || c3 == 0x81))
			return TM_OK;
	} else if (c0 == '(' || c0 == '[') {
		if (!memchr(s, '=', n < 48 ? n : 48) &&
		    !(c0 == '(' && n > 4 && s[1] >= 'A' && s[1] <= 'Z' &&
		      memchr(s, ')', n < 12 ? n : 12)))
			return TM_OK;
	} else {
		return TM_OK;
	}
	/* Cut at a character boundary. */
	while (m < n && ((unsigned char)s[m] & 0xC0) == 0x80)
		m++;
	if ((size_t)seg->norm_cap < m + 1) {
		char *p = tm__realloc(seg->norm, m + 1 + 4096);

		if (!p)
			return tm__error_oom();
		seg->norm = p;
		seg->norm_cap = m + 1 + 4096;
	}
	for (size_t i = 0; i < m; i++)
		seg->norm[i] = (s[i] == '\n' || s[i] == '\r' || s[i] == '\t')
		                       ? ' ' : s[i];
	st = to_u16(&seg->line16, seg->norm, (int32_t)m);
	if (st < 0)
		return st;
	if (c0 == '(' || c0 == '[') {
		u = re_match(seg, RE_BYLINE_PFX, seg->line16.data,
		             seg->line16.len);
		*kind = TM_SEG_BYLINE;
		if (u <= 0 && c0 == '(') { /* (CNN) A weakened typhoon ... */
			u = re_match(seg, RE_DATELINE, seg->line16.data,
			             seg->line16.len);
			*kind = TM_SEG_DATELINE;
		}
	} else if (c0 == 0xD0) {
		u = re_match(seg, RE_DATELINE_RU, seg->line16.data,
		             seg->line16.len);
		*kind = TM_SEG_DATELINE;
	} else {
		u = re_match(seg, RE_DATELINE, seg->line16.data,
		             seg->line16.len);
		*kind = TM_SEG_DATELINE;
	}
	if (u <= 0)
		return seg->re_status;
	cur.s = seg->norm;
	cur.n = (int32_t)m;
	cur.u = 0;
	cur.b = 0;
	*plen = (size_t)u16_to_byte(&cur, u);
	return TM_OK;
}

static bool
ends_with_terminal(const char *s, size_t n)
{
	UChar32 c = last_mark(s, n);

	return c >= 0 && is_terminal(c);
}

static tm_status
flush_block(tm_segmenter *seg, tm_segment_list *list, const char *text,
            size_t bs, size_t be, unsigned para)
{
	tm_seg_kind kind;
	size_t plen, nl;
	tm_status st;

	while (bs < be && (text[bs] == ' ' || text[bs] == '\t'))
		bs++;
	if (bs >= be)
		return TM_OK;
	/* A title line right before a dateline or a byline. */
	nl = bs;
	while (nl < be && text[nl] != '\n')
		nl++;
	if (nl < be && nl - bs < 300 && !ends_with_terminal(text + bs, nl - bs)) {
		size_t ns = nl + 1;

		while (ns < be && (text[ns] == ' ' || text[ns] == '\t'))
			ns++;
		st = block_prefix(seg, text + ns, be - ns, &kind, &plen);
		if (st < 0)
			return st;
		if (plen > 0) {
			st = list_push(list, text, bs, nl, para,
			               TM_SEG_HEADLINE);
			if (st < 0)
				return st;
			bs = ns;
		}
	}
	st = block_prefix(seg, text + bs, be - bs, &kind, &plen);
	if (st < 0)
		return st;
	if (plen > 0) {
		st = list_push(list, text, bs, bs + plen, para, kind);
		if (st < 0)
			return st;
		bs += plen;
	}
	if (bs >= be)
		return TM_OK;
	return segment_block(seg, list, text, bs, be, para);
}

static bool
line_is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' &&
		    s[i] != '\f' && s[i] != '\v')
			return false;
	return true;
}

/* A note or an end mark that shares a line with prose (`It fell. (END)`,
 * `... 16 months. (역주: ...)`, `Бюджет вырос. Конец.`) is a segment of
 * its own after sentence breaking: give it its kind, so that the aligner
 * keeps it apart too. So is a caption's credit (`... 2026. (Yonhap)`,
 * `... 있다. 2026.9.3`): a credit, kept out like the credit lines. A note
 * label inside a line (`It fell. Editor's note: ...`) is not looked for:
 * the note would be several sentences. */
static tm_status
mark_notes(tm_segmenter *seg, tm_segment_list *list, size_t first)
{
	for (size_t i = first; i < list->n; i++) {
		tm_segment *sg = &list->items[i];
		const char *t = list->buf + list->toff[i];
		tm_seg_kind kind;
		tm_status st;

		if (sg->kind != TM_SEG_SENTENCE && sg->kind != TM_SEG_HEADLINE)
			continue;
		if (sg->len == 0 || (!maybe_end_mark(t, sg->len) &&
		                     t[0] != '(' && t[0] != '[' &&
		                     t[0] != '<' && t[0] != '1' &&
		                     t[0] != '2'))
			continue;
		st = line_kind(seg, t, sg->len, &kind, NULL);
		if (st < 0)
			return st;
		if (kind == TM_SEG_NOTE || kind == TM_SEG_END ||
		    kind == TM_SEG_CREDIT)
			sg->kind = kind;
	}
	return TM_OK;
}

/* The end of a note that starts with a label at text[ls, le): the
 * line, and the next lines of the paragraph while the note visibly goes
 * on (the line does not end a sentence, or the next one starts with a
 * lower-case letter) and they are not furniture. A note that a blank
 * line ends is whole; a wrapped note whose line ends at a sentence and
 * whose next line starts with a capital or Hangul is cut there (one
 * paragraph a line, without blank lines, is common, and taking the rest
 * of the paragraph would then swallow the story). */
static tm_status
note_end(tm_segmenter *seg, const char *text, size_t ls, size_t le,
         size_t pe, size_t *end)
{
	while (le < pe) {
		size_t ns = le + 1, ne;
		const char *nlp = memchr(text + ns, '\n', pe - ns);
		tm_seg_kind kind;
		tm_status st;
		int32_t a = 0;

		ne = nlp ? (size_t)(nlp - text) : pe;
		while (ns + (size_t)a < ne &&
		       (text[ns + (size_t)a] == ' ' || text[ns + (size_t)a] == '\t'))
			a++;
		if (ends_sentence(text + ls, le - ls) &&
		    !u_islower(cp_at(text + ns, (int32_t)(ne - ns), a)))
			break;
		st = line_kind(seg, text + ns, ne - ns, &kind, NULL);
		if (st < 0)
			return st;
		if (kind != TM_SEG_SENTENCE)
			break;
		ls = ns;
		le = ne;
	}
	*end = le;
	return TM_OK;
}

/* A line that ends with an end mark after a byline or a credit
 * (`kcs@yna.co.kr (끝)`): where the mark starts, 0 when there is none;
 * *@kind is the kind of what is before it. */
static tm_status
end_suffix(tm_segmenter *seg, const char *s, size_t n, size_t *at,
           tm_seg_kind *kind)
{
	size_t j = n;

	*at = 0;
	while (j > 0 && is_blank_byte(s[j - 1]))
		j--;
	if (j < 8 || (s[j - 1] != ')' && s[j - 1] != ']' && s[j - 1] != '>' &&
	              s[j - 1] != '.'))
		return TM_OK;
	for (size_t i = j - 2; i > 0 && i + 16 > j; i--) {
		tm_seg_kind k;
		tm_status st;
		size_t h = i;

		if ((s[i] != '(' && s[i] != '[' && s[i] != '<') ||
		    !is_blank_byte(s[i - 1]))
			continue;
		st = line_kind(seg, s + i, j - i, &k, NULL);
		if (st < 0 || k != TM_SEG_END)
			return st;
		while (h > 0 && is_blank_byte(s[h - 1]))
			h--;
		st = line_kind(seg, s, h, kind, NULL);
		if (st < 0)
			return st;
		if (*kind == TM_SEG_BYLINE || *kind == TM_SEG_CREDIT)
			*at = i;
		return TM_OK;
	}
	return TM_OK;
}

/* A line that starts with an end mark and goes on with a byline or a
 * credit (`(끝) kcs@yna.co.kr`): the length in bytes of the mark, 0 when
 * there is none. */
static tm_status
end_prefix(tm_segmenter *seg, const char *s, size_t n, size_t *len)
{
	*len = 0;
	if (n < 6 || (s[0] != '(' && s[0] != '[' && s[0] != '<'))
		return TM_OK;
	for (size_t i = 1; i < n && i < 16; i++) {
		tm_seg_kind kind;
		tm_status st;
		size_t m = i + 1;

		if (s[i] != ')' && s[i] != ']' && s[i] != '>')
			continue;
		if (m < n && s[m] == '.')
			m++;
		if (m >= n || (s[m] != ' ' && s[m] != '\t'))
			return TM_OK;
		st = line_kind(seg, s, m, &kind, NULL);
		if (st < 0)
			return st;
		if (kind == TM_SEG_END)
			*len = m;
		return TM_OK;
	}
	return TM_OK;
}

/* The kind of line s[0,n) taken whole, never split (a presegmented
 * line: the user chose it as one segment). The recognisers are those of
 * segment_paragraph(), asked whether they cover the whole line:
 * furniture, a note (also one that starts with a label, `EDITOR'S NOTE
 * -- ...`) or an end mark; a dateline or a byline that fills the line
 * (`SEOUL, Nov. 26 (Yonhap) --`, `(서울=연합뉴스) 김민수 기자 =`); an end
 * mark that shares the line with a byline or a credit (`kcs@yna.co.kr
 * (끝)`, `(끝) kcs@yna.co.kr`), which segment_paragraph() would cut in
 * two, is an end mark: neither part has a counterpart to be linked to.
 * Everything else, also a line that only starts with a dateline, is a
 * sentence (never a headline: a presegmented file has no layout to
 * tell a title by). Only in the languages whose wire copy the patterns
 * were written for (en, ko, ru): in others they know the forms of one
 * side and not of the other (French `Photo :` is a credit, German
 * `Foto :` is not; `■` for an OCR's lost `E` makes a marker), and a
 * line kept apart on one side only loses its true link (Bleualign de-fr
 * lost three, strict F1 0.878 to 0.873). */
static tm_status
whole_line_kind(tm_segmenter *seg, const char *s, size_t n,
                tm_seg_kind *kind)
{
	tm_status st;
	size_t len;
	bool label;

	*kind = TM_SEG_SENTENCE;
	while (n > 0 && is_blank_byte(*s)) {
		s++;
		n--;
	}
	while (n > 0 && is_blank_byte(s[n - 1]))
		n--;
	if (n == 0)
		return TM_OK;
	if (!seg->wire) {
		/* a translator's credit only: it has no counterpart in any
		 * language (Bleualign de-fr's `( Traduit par L. S. )`) */
		if (n <= 8 || n > 100 || (*s != '(' && *s != '['))
			return TM_OK;
		st = to_u16(&seg->line16, s, (int32_t)n);
		if (st < 0)
			return st;
		if (re_match(seg, RE_TRANSLATOR, seg->line16.data,
		             seg->line16.len))
			*kind = TM_SEG_NOTE;
		return seg->re_status;
	}
	st = line_kind(seg, s, n, kind, &label);
	if (st < 0)
		return st;
	if (*kind == TM_SEG_BYLINE || *kind == TM_SEG_CREDIT) {
		st = end_prefix(seg, s, n, &len);
		if (st == TM_OK && len > 0)
			*kind = TM_SEG_END;
		return st;
	}
	if (*kind != TM_SEG_SENTENCE)
		return TM_OK;
	if (memchr(s, '@', n)) {
		tm_seg_kind before;

		st = end_suffix(seg, s, n, &len, &before);
		if (st < 0)
			return st;
		if (len > 0) {
			*kind = TM_SEG_END;
			return TM_OK;
		}
	}
	st = block_prefix(seg, s, n, kind, &len);
	if (st < 0)
		return st;
	while (len < n && is_blank_byte(s[len]))
		len++;
	if (len == 0 || len < n)
		*kind = TM_SEG_SENTENCE;
	return TM_OK;
}

/* What tm_segment_text() and tm_segment_kind() refuse alike: no
 * segmenter, no text for a length, invalid UTF-8 (the message gives the
 * byte offset). */
static tm_status
check_input(const tm_segmenter *seg, const char *text, size_t len)
{
	size_t off = 0;

	if (!seg || (!text && len > 0))
		return tm__error_set(TM_EINVAL, "segment: no segmenter or "
		                     "text");
	if (tm_utf8_validate(&off, text, len) < 0)
		return tm__error_set(TM_EUNICODE, "segment: invalid UTF-8 at "
		                     "byte %zu", off);
	return TM_OK;
}

tm_status
tm_segment_kind(tm_seg_kind *out, tm_segmenter *seg, const char *text,
                size_t len)
{
	tm_status st;

	if (!out)
		return tm__error_set(TM_EINVAL, "segment: no output kind");
	*out = TM_SEG_SENTENCE;
	if ((st = check_input(seg, text, len)) < 0)
		return st;
	if (len == 0)
		return TM_OK;
	return whole_line_kind(seg, text, len, out);
}

static tm_status
segment_paragraph(tm_segmenter *seg, tm_segment_list *list, const char *text,
                  size_t ps, size_t pe, unsigned para)
{
	size_t ls = ps, bs = ps, first = list->n;
	bool multi = false;
	tm_status st;

	while (ls < pe) {
		const char *nlp = memchr(text + ls, '\n', pe - ls);
		size_t le = nlp ? (size_t)(nlp - text) : pe;
		tm_seg_kind kind = TM_SEG_SENTENCE;

		if (nlp)
			multi = true;
		if (seg->flags & TM_SEG_FLAG_PRESEGMENTED) {
			st = whole_line_kind(seg, text + ls, le - ls, &kind);
			if (st == TM_OK)
				st = list_push(list, text, ls, le, para, kind);
		} else {
			bool label;
			size_t mark = 0;

			st = line_kind(seg, text + ls, le - ls, &kind, &label);
			if (st == TM_OK && label)
				st = note_end(seg, text, ls, le, pe, &le);
			if (st == TM_OK && (kind == TM_SEG_BYLINE ||
			                    kind == TM_SEG_CREDIT))
				st = end_prefix(seg, text + ls, le - ls, &mark);
			if (st == TM_OK && kind == TM_SEG_SENTENCE &&
			    memchr(text + ls, '@', le - ls)) {
				/* kcs@yna.co.kr (끝): the byline, then the mark */
				size_t at;

				st = end_suffix(seg, text + ls, le - ls, &at,
				                &kind);
				if (st == TM_OK && at > 0) {
					st = flush_block(seg, list, text, bs,
					                 ls, para);
					if (st == TM_OK)
						st = list_push(list, text, ls,
						               ls + at, para,
						               kind);
					ls += at;
					bs = ls;
					kind = TM_SEG_END;
				} else {
					kind = TM_SEG_SENTENCE;
				}
			}
			if (st == TM_OK && kind != TM_SEG_SENTENCE) {
				st = flush_block(seg, list, text, bs, ls, para);
				if (st == TM_OK && mark > 0)
					st = list_push(list, text, ls, ls + mark,
					               para, TM_SEG_END);
				if (st == TM_OK)
					st = list_push(list, text, ls + mark,
					               le, para, kind);
				bs = le;
			}
		}
		if (st < 0)
			return st;
		ls = le + 1;
	}
	if (seg->flags & TM_SEG_FLAG_PRESEGMENTED)
		return TM_OK;
	st = flush_block(seg, list, text, bs, pe, para);
	if (st < 0)
		return st;
	st = mark_notes(seg, list, first);
	if (st < 0)
		return st;
	/* A one-line paragraph that is one unpunctuated segment: a title. */
	if (list->n == first + 1 && !multi &&
	    list->items[first].kind == TM_SEG_SENTENCE &&
	    list->items[first].len < 300 &&
	    !ends_with_terminal(list->buf + list->toff[first],
	                        list->items[first].len))
		list->items[first].kind = TM_SEG_HEADLINE;
	return TM_OK;
}

tm_status
tm_segment_text(tm_segment_list **out, tm_segmenter *seg, const char *text,
                size_t len)
{
	tm_segment_list *list;
	size_t pos = 0;
	unsigned para = 0;
	tm_status st;

	if (!out)
		return tm__error_set(TM_EINVAL, "segment: no output list");
	*out = NULL;
	if ((st = check_input(seg, text, len)) < 0)
		return st;
	list = tm__calloc(1, sizeof(*list));
	if (!list)
		return tm__error_oom();
	while (pos < len && st == TM_OK) {
		size_t ps, pe;
		const char *nl;

		/* Skip blank lines. */
		for (;;) {
			size_t le;

			nl = memchr(text + pos, '\n', len - pos);
			le = nl ? (size_t)(nl - text) : len;
			if (!line_is_blank(text + pos, le - pos))
				break;
			pos = nl ? le + 1 : len;
			if (pos >= len)
				break;
		}
		if (pos >= len)
			break;
		/* The paragraph runs to the next blank line. */
		ps = pos;
		pe = pos;
		for (;;) {
			size_t le;

			nl = memchr(text + pos, '\n', len - pos);
			le = nl ? (size_t)(nl - text) : len;
			if (line_is_blank(text + pos, le - pos))
				break;
			pe = le;
			pos = nl ? le + 1 : len;
			if (pos >= len)
				break;
		}
		st = segment_paragraph(seg, list, text, ps, pe, para++);
	}
	if (st < 0) {
		tm_segment_list_free(list);
		return st;
	}
	for (size_t i = 0; i < list->n; i++)
		list->items[i].text = list->buf + list->toff[i];
	*out = list;
	return TM_OK;
}

size_t
tm_segment_list_count(const tm_segment_list *list)
{
	return list ? list->n : 0;
}

const tm_segment *
tm_segment_list_get(const tm_segment_list *list, size_t i)
{
	if (!list || i >= list->n)
		return NULL;
	return &list->items[i];
}

void
tm_segment_list_free(tm_segment_list *list)
{
	if (!list)
		return;
	tm__free(list->items);
	tm__free(list->toff);
	tm__free(list->buf);
	tm__free(list);
}

unsigned char
tm_seg_kind_apart(tm_seg_kind kind)
{
	switch (kind) {
	case TM_SEG_NOTE:
	case TM_SEG_END:
		return 1;
	case TM_SEG_DATELINE:
	case TM_SEG_BYLINE:
		return 2;
	case TM_SEG_CREDIT:
		return 3;
	case TM_SEG_MARKER:
		return 4;
	default:
		return 0;
	}
}

const char *
tm_seg_kind_name(tm_seg_kind kind)
{
	switch (kind) {
	case TM_SEG_SENTENCE:
		return "sentence";
	case TM_SEG_HEADLINE:
		return "headline";
	case TM_SEG_DATELINE:
		return "dateline";
	case TM_SEG_BYLINE:
		return "byline";
	case TM_SEG_CREDIT:
		return "credit";
	case TM_SEG_MARKER:
		return "marker";
	case TM_SEG_NOTE:
		return "note";
	case TM_SEG_END:
		return "end";
	}
	return "unknown";
}
