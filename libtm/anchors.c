/* SPDX-License-Identifier: MIT */
/* Anchor features: what a news translation keeps from its source whatever
 * the language. Lengths in characters, numbers as values (numbers.c),
 * names and cognates (the first letters of a folded word; across scripts,
 * of its transliteration key), rare punctuation (question and exclamation
 * marks, quotes, brackets), and dictionary or learned word pairs. All are
 * "items" in one id space, so scoring a pair of sentences is a merge of two
 * sorted arrays. No ICU here: the folds are small tables, fast enough for
 * tens of thousands of sentences per second. */
#include "anchors-private.h"
#include "fnv-private.h"
#include "numbers-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static uint32_t
hash_bytes(uint32_t h, const void *data, size_t n)
{
	return tm__fnv32(h, data, n);
}

static uint32_t
hash_tag(char tag, const void *data, size_t n)
{
	return hash_bytes(hash_bytes(TM__FNV32_INIT, &tag, 1), data, n);
}

/* Decode one code point; stray bytes come back as themselves. */
static uint32_t
decode(const unsigned char *p, const unsigned char *end, size_t *n)
{
	uint32_t c = *p;
	size_t k = 0;

	if (c >= 0xf0 && end - p >= 4) {
		c &= 0x07;
		k = 3;
	} else if (c >= 0xe0 && end - p >= 3) {
		c &= 0x0f;
		k = 2;
	} else if (c >= 0xc0 && end - p >= 2) {
		c &= 0x1f;
		k = 1;
	}
	for (size_t i = 1; i <= k; i++)
		c = (c << 6) | (p[i] & 0x3f);
	*n = k + 1;
	return c;
}

static size_t
encode(char *out, uint32_t c)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

static bool
is_word_cp(uint32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		       (c >= 'A' && c <= 'Z');
	if (c < 0xc0 || c == 0xd7 || c == 0xf7)
		return false;
	if (c >= 0x2000 && c <= 0x2bff)
		return false; /* punctuation, symbols, arrows */
	if (c >= 0x3000 && c <= 0x303f)
		return false; /* CJK punctuation */
	if (c >= 0xfe30 && c <= 0xfe4f)
		return false;
	if (c >= 0xff00 && c <= 0xff0f)
		return false;
	if ((c >= 0xff1a && c <= 0xff20) || (c >= 0xff3b && c <= 0xff40) ||
	    (c >= 0xff5b && c <= 0xff65))
		return false;
	return true;
}

static bool
is_upper_cp(uint32_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7) ||
	       (c >= 0x400 && c <= 0x42f);
}

static bool
is_space_cp(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xa0 ||
	       (c >= 0x2000 && c <= 0x200b) || c == 0x202f || c == 0x3000;
}

/* Latin-1 letters without their marks (lower case). */
static const char *const latin1_fold[64] = {
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i",
        "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u",
        "u", "u", "u", "y", "th", "ss", "a", "a", "a", "a", "a", "a", "ae",
        "c", "e", "e", "e", "e", "i", "i", "i", "i", "d", "n", "o", "o",
        "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "y",
};

size_t
tm__fold_word(char *out, size_t cap, const char *w, size_t len)
{
	const unsigned char *p = (const unsigned char *)w;
	const unsigned char *end = p + len;
	size_t o = 0;

	while (p < end) {
		size_t n;
		uint32_t c = decode(p, end, &n);
		char tmp[4];
		const char *s = NULL;
		size_t sl;

		p += n;
		if (c >= 'A' && c <= 'Z')
			c += 32;
		else if (c >= 0xc0 && c <= 0xff)
			s = latin1_fold[c - 0xc0];
		else if (c >= 0x100 && c <= 0x17f)
			c = (c | 1) == c && c < 0x138 ? c - 1 : c; /* crude */
		else if (c >= 0x410 && c <= 0x42f)
			c += 0x20;
		else if (c >= 0x400 && c <= 0x40f)
			c += 0x50;
		if (c == 0x451)
			c = 0x435; /* ё -> е */
		if (s) {
			sl = strlen(s);
			memcpy(tmp, s, sl);
		} else {
			sl = encode(tmp, c);
		}
		if (o + sl + 1 > cap)
			break;
		memcpy(out + o, tmp, sl);
		o += sl;
	}
	out[o] = '\0';
	return o;
}

/* ---- lexicon ---------------------------------------------------------- */

uint32_t
tm__lex_find(const tm__lex *lex, const char *w, size_t len)
{
	uint32_t h, i;

	if (!lex->tcap)
		return TM__LEX_NONE;
	h = hash_bytes(TM__FNV32_INIT, w, len);
	for (i = h & (lex->tcap - 1);; i = (i + 1) & (lex->tcap - 1)) {
		uint32_t id = lex->table[i];

		if (!id)
			return TM__LEX_NONE;
		id--;
		if (lex->hashes[id] == h && lex->lens[id] == len &&
		    memcmp(lex->words[id], w, len) == 0)
			return id;
	}
}

static bool
lex_rehash(tm__lex *lex, uint32_t tcap)
{
	uint32_t *t = tm__calloc(tcap, sizeof(*t));

	if (!t)
		return false;
	for (uint32_t id = 0; id < lex->count; id++) {
		uint32_t i = lex->hashes[id] & (tcap - 1);

		while (t[i])
			i = (i + 1) & (tcap - 1);
		t[i] = id + 1;
	}
	tm__free(lex->table);
	lex->table = t;
	lex->tcap = tcap;
	return true;
}

uint32_t
tm__lex_intern(tm__lex *lex, const char *w, size_t len)
{
	uint32_t id = tm__lex_find(lex, w, len);
	uint32_t h, i;

	if (id != TM__LEX_NONE)
		return id;
	if ((lex->count + 1) * 2 > lex->tcap &&
	    !lex_rehash(lex, lex->tcap ? lex->tcap * 2 : 1024))
		return TM__LEX_NONE;
	if (lex->count == lex->cap) {
		/* three arrays of one capacity, each grown from it */
		size_t cap = lex->cap;

		if (!TM__ARRAY_GROW(lex->words, cap, lex->count + 1, 512))
			return TM__LEX_NONE;
		cap = lex->cap;
		if (!TM__ARRAY_GROW(lex->hashes, cap, lex->count + 1, 512))
			return TM__LEX_NONE;
		cap = lex->cap;
		if (!TM__ARRAY_GROW(lex->lens, cap, lex->count + 1, 512))
			return TM__LEX_NONE;
		lex->cap = cap;
	}
	id = lex->count;
	lex->words[id] = tm__strndup(w, len);
	if (!lex->words[id])
		return TM__LEX_NONE;
	h = hash_bytes(TM__FNV32_INIT, w, len);
	lex->hashes[id] = h;
	lex->lens[id] = (uint32_t)len;
	for (i = h & (lex->tcap - 1); lex->table[i]; i = (i + 1) & (lex->tcap - 1))
		;
	lex->table[i] = id + 1;
	lex->count++;
	return id;
}

void
tm__lex_dispose(tm__lex *lex)
{
	for (uint32_t i = 0; i < lex->count; i++)
		tm__free(lex->words[i]);
	tm__free(lex->words);
	tm__free(lex->hashes);
	tm__free(lex->lens);
	tm__free(lex->table);
	memset(lex, 0, sizeof(*lex));
}

/* ---- growable arrays -------------------------------------------------- */

typedef struct items_vec {
	tm__item *v;
	size_t n, cap;
} items_vec;

static bool
items_push(items_vec *a, uint32_t id, float w)
{
	if (!TM__ARRAY_GROW(a->v, a->cap, a->n + 1, 256))
		return false;
	a->v[a->n].id = id;
	a->v[a->n].w = w;
	a->n++;
	return true;
}

typedef struct u32_vec {
	uint32_t *v;
	size_t n, cap;
} u32_vec;

static bool
u32_push(u32_vec *a, uint32_t x)
{
	if (!TM__ARRAY_GROW(a->v, a->cap, a->n + 1, 256))
		return false;
	a->v[a->n++] = x;
	return true;
}

static int
item_cmp(const void *a, const void *b)
{
	const tm__item *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* Sort @v[from..n) by id and merge duplicates; returns the new end. */
static size_t
sort_merge(tm__item *v, size_t from, size_t n)
{
	size_t o = from;

	if (n - from > 1)
		qsort(v + from, n - from, sizeof(*v), item_cmp);
	for (size_t i = from; i < n; i++) {
		if (o > from && v[o - 1].id == v[i].id)
			v[o - 1].w += v[i].w;
		else
			v[o++] = v[i];
	}
	return o;
}

float
tm__items_shared(const tm__item *a, size_t na, const tm__item *b, size_t nb)
{
	size_t i = 0, j = 0;
	float s = 0;

	while (i < na && j < nb) {
		if (a[i].id < b[j].id)
			i++;
		else if (a[i].id > b[j].id)
			j++;
		else {
			s += a[i].w < b[j].w ? a[i].w : b[j].w;
			i++;
			j++;
		}
	}
	return s;
}

/* ---- building a side -------------------------------------------------- */

#define W_NUM 2.0f
#define W_NUM_SMALL 1.0f
#define W_NAME 1.5f
#define W_COGNATE 0.6f
#define W_PUNCT 1.0f
#define W_QUOTE 0.5f
/* the key of a word that is not a name (wkeys): chance meets it more often
 * than a name's */
#define W_WORDKEY 0.8f
#define WORDKEY_MIN_LETTERS 5

static uint32_t
num_id(double v)
{
	long long k;

	if (v >= 1e15)
		v = 1e15;
	k = llround(v * 1000.0);
	return TM__ITEM_OF(hash_tag('N', &k, sizeof(k)), TM__ITEM_NUMBER);
}

/* Item of a key's first letters: enough to meet inflected forms
 * (Путина, 푸틴은) of a name. */
static uint32_t
prefix_id(char tag, const char *key, size_t cps)
{
	const unsigned char *p = (const unsigned char *)key;
	const unsigned char *end = p + strlen(key);
	size_t k = 0;

	while (p < end && k < cps) {
		size_t n;

		decode(p, end, &n);
		p += n;
		k++;
	}
	return hash_tag(tag, key, (size_t)(p - (const unsigned char *)key));
}

static size_t
cp_count(const char *s)
{
	size_t k = 0;

	for (; *s; s++)
		k += ((unsigned char)*s & 0xc0) != 0x80;
	return k;
}

static bool
all_digits(const char *s)
{
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static bool
is_hangul_word(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	/* U+AC00..U+D7A3 start with EA..ED */
	return p[0] >= 0xea && p[0] <= 0xed;
}

size_t
tm__next_word(const char *text, size_t len, size_t *pos, char *fold,
              size_t cap)
{
	const unsigned char *p = (const unsigned char *)text + *pos;
	const unsigned char *end = (const unsigned char *)text + len;

	while (p < end) {
		const unsigned char *w0;
		size_t cn, fl;
		uint32_t c = decode(p, end, &cn);

		if (!is_word_cp(c)) {
			p += cn;
			continue;
		}
		w0 = p;
		while (p < end) {
			c = decode(p, end, &cn);
			if (!is_word_cp(c))
				break;
			p += cn;
		}
		/* the words sb_word() interns: folded, digits left out */
		fl = tm__fold_word(fold, cap, (const char *)w0,
		                   (size_t)(p - w0));
		if (fl && !all_digits(fold)) {
			*pos = (size_t)(p - (const unsigned char *)text);
			return fl;
		}
	}
	*pos = len;
	return 0;
}

/* Items of a name's cross-script key. A name of several words (Kim
 * Jong-un, Choi Min-jung) also gives the key of the words run together,
 * as Korean writes it (김정은, 최민정). */
typedef struct name_run {
	const unsigned char *start, *end; /* the run so far */
	unsigned words;
} name_run;

static bool
run_flush(name_run *r, const tm__side_opts *opts, items_vec *base)
{
	bool ok = true;

	if (r->words >= 2 && r->words <= 3) {
		char *key = opts->key(opts->key_ctx, (const char *)r->start,
		                      (size_t)(r->end - r->start));

		if (key && strlen(key) >= 4)
			ok = items_push(base, TM__ITEM_OF(prefix_id('K', key, 4), TM__ITEM_NAME), W_NAME);
		tm_free(key);
	}
	r->words = 0;
	r->start = r->end = NULL;
	return ok;
}

/* What tm__side_build() accumulates over the sentences of a side. */
typedef struct side_builder {
	tm__side *out;
	const tm__side_opts *opts;
	tm__numstyle style;
	items_vec base;
	items_vec wkeys;
	u32_vec words;
	uint32_t *key_item; /* per lexicon id: cross-script item + 1 */
	size_t key_cap;
	char fold[256];
} side_builder;

/* The numbers of a sentence, read as values. */
static bool
sb_numbers(side_builder *b, const char *text, size_t len)
{
	double nums[64];
	size_t nn = tm__numbers_extract(text, len, b->style, nums,
	                                TM_ARRAY_SIZE(nums));

	for (size_t k = 0; k < nn && k < TM_ARRAY_SIZE(nums); k++)
		if (!items_push(&b->base, num_id(nums[k]),
		                nums[k] >= 10 || nums[k] != floor(nums[k])
		                        ? W_NUM
		                        : W_NUM_SMALL))
			return false;
	return true;
}

/* The item of a character that is no word's: question and exclamation
 * marks, brackets, quotation marks (others give none). */
static bool
sb_punct(side_builder *b, uint32_t c)
{
	uint32_t tag = 0;
	float w = W_PUNCT;

	switch (c) {
	case '?': case 0xff1f:
		tag = '?';
		break;
	case '!': case 0xff01:
		tag = '!';
		break;
	case '(': case 0xff08:
		tag = '(';
		w = W_QUOTE;
		break;
	case '"': case 0x201c: case 0x201d: case 0x201e:
	case 0xab: case 0xbb: case 0x300c: case 0x300d:
	case 0x300e: case 0x300f:
		tag = 'q';
		w = W_QUOTE;
		break;
	default:
		return true;
	}
	return items_push(&b->base, TM__ITEM_OF(hash_tag('P', &tag, sizeof(tag)), TM__ITEM_OTHER), w);
}

/* Make room for lexicon id @id in the per-word tables. */
static bool
sb_grow(side_builder *b, uint32_t id)
{
	/* two arrays of one capacity, each grown from it; the new slots
	 * marked unknown (key_item) and not capitalized (word_cap) */
	size_t nc = b->key_cap;

	if (id < b->key_cap)
		return true;
	if (!TM__ARRAY_GROW(b->key_item, nc, (size_t)id + 1, 1024))
		return false;
	nc = b->key_cap;
	if (!TM__ARRAY_GROW(b->out->word_cap, nc, (size_t)id + 1, 1024))
		return false;
	memset(b->key_item + b->key_cap, 0xff,
	       (nc - b->key_cap) * sizeof(*b->key_item));
	memset(b->out->word_cap + b->key_cap, 0, nc - b->key_cap);
	b->key_cap = nc;
	return true;
}

/* The cross-script key item of lexicon id @id (the word [@w0, @end)),
 * computed once; false when it has none. */
static bool
sb_key(side_builder *b, uint32_t id, const unsigned char *w0,
       const unsigned char *end)
{
	if (b->key_item[id] == UINT32_MAX) {
		char *key = b->opts->key(b->opts->key_ctx, (const char *)w0,
		                         (size_t)(end - w0));

		b->key_item[id] = 0;
		/* keys are consonant skeletons: Moscow msk, Москва mskb */
		if (key && strlen(key) >= 3)
			b->key_item[id] = TM__ITEM_OF(prefix_id('K', key, 4), TM__ITEM_NAME);
		tm_free(key);
	}
	return b->key_item[id] != 0;
}

/* A word [@w0, @end): its lexicon id, and its item: the first letters of
 * a cognate (same script), or the cross-script key of a name or a Hangul
 * word. */
static bool
sb_word(side_builder *b, const unsigned char *w0, const unsigned char *end,
        bool cap, bool first_word)
{
	const tm__side_opts *opts = b->opts;
	size_t fl = tm__fold_word(b->fold, sizeof(b->fold), (const char *)w0,
	                          (size_t)(end - w0));
	uint32_t id;

	if (!fl || all_digits(b->fold))
		return true;
	id = tm__lex_intern(&b->out->lex, b->fold, fl);
	if (id == TM__LEX_NONE || !u32_push(&b->words, id) || !sb_grow(b, id))
		return false;
	if (cap && !first_word)
		b->out->word_cap[id] = 1;
	if (!opts->cross_script) {
		/* same script: cognates by first letters */
		if (cp_count(b->fold) >= 4)
			return items_push(&b->base, TM__ITEM_OF(prefix_id('C', b->fold, 4), TM__ITEM_OTHER),
			                  cap && !first_word ? W_NAME : W_COGNATE);
		return true;
	}
	if (!opts->key)
		return true;
	if (!cap && !is_hangul_word(b->fold)) {
		/* another word: a loanword's key, in wkeys (Latin and
		 * Cyrillic only: other scripts' keys need ICU) */
		if (!opts->word_keys || w0[0] >= 0xd5 ||
		    cp_count(b->fold) < WORDKEY_MIN_LETTERS)
			return true;
		if (!sb_key(b, id, w0, end))
			return true;
		return items_push(&b->wkeys, b->key_item[id], W_WORDKEY);
	}
	if (!sb_key(b, id, w0, end))
		return true;
	return items_push(&b->base, b->key_item[id], W_NAME);
}

/* A run of capitalised words, or a word hyphenated onto the run, for the
 * key of the words run together (run_flush). */
static bool
sb_name_run(side_builder *b, name_run *run, const unsigned char *w0,
            const unsigned char *end, bool cap)
{
	bool hyph = run->words && w0 == run->end + 1 && *run->end == '-';
	bool spaced = run->words && w0 == run->end + 1 && *run->end == ' ';

	if (hyph || (spaced && cap)) {
		run->end = end;
		run->words++;
		return true;
	}
	if (!run_flush(run, b->opts, &b->base))
		return false;
	if (cap) {
		run->start = w0;
		run->end = end;
		run->words = 1;
	}
	return true;
}

/* Sentence @i: its lengths (native and universal), words and items. */
static bool
sb_sentence(side_builder *b, size_t i, const char *text, size_t len)
{
	const unsigned char *p = (const unsigned char *)text;
	const unsigned char *end = p + len;
	size_t from = b->base.n, wfrom = b->wkeys.n;
	float chars = 0, uchars = 0;
	bool first_word = true;
	name_run run = {0};

	if (!sb_numbers(b, text, len))
		return false;
	while (p < end) {
		size_t cn;
		uint32_t c = decode(p, end, &cn);
		const unsigned char *w0 = p;
		bool cap;

		if (!is_word_cp(c)) {
			if (!is_space_cp(c))
				uchars++;
			if (!sb_punct(b, c))
				return false;
			p += cn;
			continue;
		}
		/* a word: digits, and in a text of another script Latin
		 * letters, are kept one for one by a translation */
		cap = is_upper_cp(c);
		while (p < end) {
			c = decode(p, end, &cn);
			if (!is_word_cp(c))
				break;
			p += cn;
			if ((c >= '0' && c <= '9') || (!b->opts->latin && c < 0x250))
				uchars++;
			else
				chars++;
		}
		if (b->opts->join_names && !sb_name_run(b, &run, w0, p, cap))
			return false;
		if (!sb_word(b, w0, p, cap, first_word))
			return false;
		first_word = false;
	}
	if (run.words && !run_flush(&run, b->opts, &b->base))
		return false;
	b->out->len[i] = chars;
	b->out->ulen[i] = uchars;
	b->base.n = sort_merge(b->base.v, from, b->base.n);
	b->out->base_off[i + 1] = b->base.n;
	b->wkeys.n = sort_merge(b->wkeys.v, wfrom, b->wkeys.n);
	b->out->wkey_off[i + 1] = b->wkeys.n;
	b->out->word_off[i + 1] = b->words.n;
	return true;
}

tm_status
tm__side_build(tm__side *out, const char *const *texts, const size_t *lens,
               const unsigned *paras, size_t n, const tm__side_opts *opts)
{
	side_builder b = {.out = out, .opts = opts,
	                  .style = tm__numstyle_for(opts->lang)};

	memset(out, 0, sizeof(*out));
	out->n = n;
	out->len = tm__calloc(n ? n : 1, sizeof(*out->len));
	out->ulen = tm__calloc(n ? n : 1, sizeof(*out->ulen));
	out->para = tm__calloc(n ? n : 1, sizeof(*out->para));
	out->word_off = tm__calloc(n + 1, sizeof(*out->word_off));
	out->base_off = tm__calloc(n + 1, sizeof(*out->base_off));
	out->item_off = tm__calloc(n + 1, sizeof(*out->item_off));
	out->weight = tm__calloc(n ? n : 1, sizeof(*out->weight));
	out->lost = tm__calloc(n ? n : 1, sizeof(*out->lost));
	out->wkey_off = tm__calloc(n + 1, sizeof(*out->wkey_off));
	out->known_off = tm__calloc(n + 1, sizeof(*out->known_off));
	out->known = tm__calloc(n ? n : 1, sizeof(*out->known));
	if (!out->known_off || !out->known || !out->lost || !out->wkey_off || !out->len || !out->ulen || !out->para || !out->word_off ||
	    !out->base_off || !out->item_off || !out->weight)
		goto oom;
	for (size_t i = 0; i < n; i++) {
		out->para[i] = paras ? paras[i] : 0;
		if (!sb_sentence(&b, i, texts[i], lens[i]))
			goto oom;
	}
	out->base = b.base.v;
	out->wkeys = b.wkeys.v;
	out->words = b.words.v;
	tm__free(b.key_item);
	return tm__sides_set_pairs(out, NULL, NULL, 0);
oom:
	tm__free(b.base.v);
	tm__free(b.wkeys.v);
	tm__free(b.words.v);
	tm__free(b.key_item);
	tm__side_dispose(out);
	return tm__error_oom();
}

void
tm__side_dispose(tm__side *s)
{
	tm__free(s->len);
	tm__free(s->ulen);
	tm__free(s->para);
	tm__free(s->word_off);
	tm__free(s->words);
	tm__free(s->base_off);
	tm__free(s->base);
	tm__free(s->item_off);
	tm__free(s->items);
	tm__free(s->weight);
	tm__free(s->wkey_off);
	tm__free(s->wkeys);
	tm__free(s->lost);
	tm__free(s->off2);
	tm__free(s->off3);
	tm__free(s->items2);
	tm__free(s->items3);
	tm__free(s->word_cap);
	tm__lex_dispose(&s->lex);
	tm__lex_dispose(&s->rlex);
	tm__free(s->red);
	tm__free(s->lost_lex);
	tm__free(s->lost_core);
	tm__free(s->cont);
	tm__free(s->known_off);
	tm__free(s->known_items);
	tm__free(s->known);
	memset(s, 0, sizeof(*s));
}

/* ---- word pairs ------------------------------------------------------- */

static int
pair_cmp_tgt(const void *a, const void *b)
{
	const tm__wpair *x = a, *y = b;

	if (x->tgt != y->tgt)
		return x->tgt < y->tgt ? -1 : 1;
	return x->w > y->w ? -1 : x->w < y->w;
}

static int
pair_cmp_src(const void *a, const void *b)
{
	const tm__wpair *x = a, *y = b;

	if (x->src != y->src)
		return x->src < y->src ? -1 : 1;
	return x->w > y->w ? -1 : x->w < y->w;
}

/* Merged items of spans of 2 and 3 sentences. */
static tm_status
build_spans(tm__side *s)
{
	for (unsigned span = 2; span <= 3; span++) {
		items_vec it = {0};
		size_t *off = tm__calloc(s->n + 1, sizeof(*off));

		if (!off)
			return tm__error_oom();
		for (size_t i = 0; i < s->n; i++) {
			size_t from = it.n;

			for (size_t k = i; k < i + span && k < s->n; k++)
				for (size_t q = s->item_off[k]; q < s->item_off[k + 1];
				     q++)
					if (!items_push(&it, s->items[q].id,
					                s->items[q].w)) {
						tm__free(it.v);
						tm__free(off);
						return tm__error_oom();
					}
			it.n = sort_merge(it.v, from, it.n);
			off[i + 1] = it.n;
		}
		if (!it.v && !(it.v = tm__malloc(sizeof(tm__item)))) {
			tm__free(off);
			return tm__error_oom();
		}
		if (span == 2) {
			tm__free(s->off2);
			tm__free(s->items2);
			s->off2 = off;
			s->items2 = it.v;
		} else {
			tm__free(s->off3);
			tm__free(s->items3);
			s->off3 = off;
			s->items3 = it.v;
		}
	}
	return TM_OK;
}

const tm__item *
tm__side_span(const tm__side *s, size_t first, unsigned n, size_t *count)
{
	const size_t *off = n == 1 ? s->item_off : n == 2 ? s->off2 : s->off3;
	const tm__item *v = n == 1 ? s->items : n == 2 ? s->items2 : s->items3;

	*count = off[first + 1] - off[first];
	return v + off[first];
}

static int
u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Rebuild one side's items: base + pair items of its words. @first/@count
 * index a table of pair ranges per word id (sorted by the side's id): a
 * word's first @per of its pairs are its items; with @core, its core
 * lexicon pairs (all of them) its known items (tm__side.known_items). */
static tm_status
side_rebuild(tm__side *s, const tm__wpair *pairs, const size_t *first,
             const size_t *count, size_t per, bool core)
{
	items_vec it = {0}, kn = {0};
	u32_vec kw = {0};

	tm__free(s->items);
	tm__free(s->known_items);
	s->items = NULL;
	s->known_items = NULL;
	s->core_words = false;
	for (size_t i = 0; i < s->n; i++) {
		size_t from = it.n, kfrom = kn.n, nk = 0;
		float tot = 0;

		for (size_t k = s->base_off[i]; k < s->base_off[i + 1]; k++)
			if (!items_push(&it, s->base[k].id, s->base[k].w))
				goto oom;
		for (size_t k = s->with_wkeys ? s->wkey_off[i] : 0;
		     s->with_wkeys && k < s->wkey_off[i + 1]; k++)
			if (!items_push(&it, s->wkeys[k].id, s->wkeys[k].w))
				goto oom;
		kw.n = 0;
		if (pairs) {
			for (size_t k = s->word_off[i]; k < s->word_off[i + 1]; k++) {
				uint32_t w = tm__side_word(s, s->words[k]);
				bool known = false;

				for (size_t q = first[w]; q < first[w] + count[w]; q++) {
					/* a pair's item is its source word's */
					uint32_t key = pairs[q].src;
					uint32_t id = TM__ITEM_OF(hash_tag('D', &key, sizeof(key)), TM__ITEM_OTHER);

					if (q < first[w] + per && !items_push(&it, id, pairs[q].w))
						goto oom;
					if (core && pairs[q].from == TM__WPAIR_CORE) {
						if (!items_push(&kn, id, 1.0f))
							goto oom;
						known = true;
					}
				}
				if (known && !u32_push(&kw, w))
					goto oom;
			}
		}
		it.n = sort_merge(it.v, from, it.n);
		for (size_t k = from; k < it.n; k++)
			tot += it.v[k].w;
		s->item_off[i + 1] = it.n;
		s->weight[i] = tot;
		if (kn.n > kfrom + 1)
			kn.n = sort_merge(kn.v, kfrom, kn.n);
		s->known_off[i + 1] = kn.n;
		if (kw.n > 1)
			qsort(kw.v, kw.n, sizeof(*kw.v), u32_cmp);
		for (size_t k = 0; k < kw.n; k++)
			if (!k || kw.v[k] != kw.v[k - 1])
				nk++;
		s->known[i] = (float)nk;
		if (nk || (s->lost_core && s->lost_core[i] > 0))
			s->core_words = true;
	}
	tm__free(kw.v);
	s->items = it.v;
	if (!s->items)
		s->items = tm__malloc(sizeof(tm__item));
	s->known_items = kn.v;
	if (!s->known_items)
		s->known_items = tm__malloc(sizeof(tm__item));
	if (!s->items || !s->known_items)
		return tm__error_oom();
	return TM_OK;
oom:
	tm__free(it.v);
	tm__free(kn.v);
	tm__free(kw.v);
	return tm__error_oom();
}

/* Drop the items of @s that occur nowhere in @o: they can never match, and
 * counting them as unmatched would only make every link of a sentence
 * look worse (Hangul words whose keys meet no English name). The numbers
 * dropped are kept apart as the sentence's lost weight. */
static tm_status
side_filter(tm__side *s, const tm__side *o)
{
	size_t n = o->item_off[o->n], u = 0, w = 0;
	uint32_t *ids = tm__malloc((n ? n : 1) * sizeof(*ids));

	if (!ids)
		return tm__error_oom();
	for (size_t k = 0; k < n; k++)
		ids[k] = o->items[k].id;
	qsort(ids, n, sizeof(*ids), u32_cmp);
	for (size_t k = 0; k < n; k++)
		if (!u || ids[u - 1] != ids[k])
			ids[u++] = ids[k];
	for (size_t i = 0; i < s->n; i++) {
		size_t from = s->item_off[i], to = s->item_off[i + 1];
		float tot = 0, lost = 0;

		s->item_off[i] = w;
		for (size_t k = from; k < to; k++)
			if (bsearch(&s->items[k].id, ids, u, sizeof(*ids), u32_cmp)) {
				s->items[w++] = s->items[k];
				tot += s->items[k].w;
			} else if (TM__ITEM_KIND(s->items[k].id) == TM__ITEM_NUMBER) {
				lost += s->items[k].w;
			}
		s->weight[i] = tot;
		s->lost[i] = lost + (s->lost_lex ? s->lost_lex[i] : 0);
	}
	s->item_off[s->n] = w;
	tm__free(ids);
	return TM_OK;
}

/* After both sides are rebuilt: filter, then the merged spans. */
static tm_status
sides_finish(tm__side *src, tm__side *tgt)
{
	tm_status st = TM_OK;

	if (tgt) {
		/* filter a copy of the source ids first: filtering one side
		 * changes what the other may keep only by removing ids that
		 * were unmatched anyway */
		st = side_filter(src, tgt);
		if (st >= 0)
			st = side_filter(tgt, src);
	}
	if (st >= 0)
		st = build_spans(src);
	if (st >= 0 && tgt)
		st = build_spans(tgt);
	return st;
}

tm_status
tm__sides_set_pairs(tm__side *src, tm__side *tgt, const tm__wpair *pairs,
                    size_t npairs)
{
	tm__wpair *by = NULL;
	size_t *first = NULL, *count = NULL;
	/* a word's pairs beyond those that are its items are read only
	 * for the core lexicon's known words */
	size_t all = 1;
	tm_status st;

	if (!pairs || !npairs || !tgt) {
		st = side_rebuild(src, NULL, NULL, NULL, 0, false);
		if (st >= 0 && tgt)
			st = side_rebuild(tgt, NULL, NULL, NULL, 0, false);
		return st < 0 ? st : sides_finish(src, tgt);
	}
	by = tm__malloc(npairs * sizeof(*by));
	first = tm__calloc(src->lex.count + tgt->lex.count + 2, sizeof(*first));
	count = tm__calloc(src->lex.count + tgt->lex.count + 2, sizeof(*count));
	if (!by || !first || !count) {
		st = tm__error_oom();
		goto out;
	}
	for (size_t q = 0; q < npairs && all == 1; q++)
		if (pairs[q].from == TM__WPAIR_CORE)
			all = npairs;
	/* source side: a word's item is its own id, once (the best
	 * weight stands for all its pairs) */
	memcpy(by, pairs, npairs * sizeof(*by));
	qsort(by, npairs, sizeof(*by), pair_cmp_src);
	for (size_t q = 0; q < npairs; q++) {
		if (count[by[q].src] == 0)
			first[by[q].src] = q;
		if (count[by[q].src] < all)
			count[by[q].src]++;
	}
	st = side_rebuild(src, by, first, count, 1, all > 1);
	if (st < 0)
		goto out;
	/* target side: each of its pairs (sorted by weight), at most 3 */
	memset(first, 0, (src->lex.count + tgt->lex.count + 2) * sizeof(*first));
	memset(count, 0, (src->lex.count + tgt->lex.count + 2) * sizeof(*count));
	memcpy(by, pairs, npairs * sizeof(*by));
	qsort(by, npairs, sizeof(*by), pair_cmp_tgt);
	for (size_t q = 0; q < npairs; q++) {
		if (count[by[q].tgt] == 0)
			first[by[q].tgt] = q;
		if (count[by[q].tgt] < (all > 3 ? all : 3))
			count[by[q].tgt]++;
	}
	st = side_rebuild(tgt, by, first, count, 3, all > 1);
	if (st >= 0)
		st = sides_finish(src, tgt);
out:
	tm__free(by);
	tm__free(first);
	tm__free(count);
	return st;
}
