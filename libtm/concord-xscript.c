/* SPDX-License-Identifier: MIT */
/* Cross-script concordance (TM_CONCORD_TRANSLIT of tm_concord()): a name
 * written in one script found in the others through transliteration keys,
 * as whole words, held to the spellings the TM's own units show. The
 * rules and where they stop: docs/translit.md. */
#include "concord-private.h"
#include "match-private.h"
#include "stem-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- cross-script search (TM_CONCORD_TRANSLIT) ----------------------
 *
 * The index has a term "~<key>" for the transliteration key of each
 * cross-script word (a Korean word with its particles is one), in every
 * language. The phrase's key K is the key of its words with the last one
 * reduced to its base (below). Candidates are the segments with a word
 * whose key starts with K (Путиным, 푸틴은 against Putin: the full word's
 * key); each is then checked word by word: a run of words agrees when
 * the key of its words, the last one reduced to its base, equals K. A
 * word's base is its Snowball stem for a Cyrillic (Russian) or Latin
 * (English) word, so that putting (put) and пятницу (пятниц) are not
 * Putin; and a Korean word less its particle (푸틴은: 푸틴), so that 파는
 * (파 and the particle 는) is not Pyongyang. A hit in a cased script
 * must start with a capital when the phrase is a name (a capital, or a
 * caseless script): питание is not Путин.
 *
 * Keys equal by accident (Patton, 파트너 and Putin are all ptn) are told
 * apart by the TM itself: the units that hold the phrase in its own
 * language show how the name is written in each other language (their
 * words that agree with K); when a language has such evidence, only
 * those spellings (the most frequent, and any a quarter as frequent) are
 * hits in it. See docs/translit.md. */

#define XMAX_SPLIT 10      /* longest K tried as several words */
#define SIMILAR_MAX 50     /* variants looked at for similar spellings */
#define XCHECK_MAX 50000   /* candidates checked, newest first */
#define XCHECK_SHORT 2000  /* the same for a key of 2 symbols */

struct xwords {
	tm__xword *v;
	size_t n, cap;
};

static tm_status
xwords_of(struct xwords *w, const tm__toks *t)
{
	w->n = 0;
	for (size_t i = 0; i < t->n;) {
		tm__xword x;

		i = tm__xword_next(t, i, &x);
		if (!x.ntok)
			break;
		if (!TM__ARRAY_GROW(w->v, w->cap, w->n + 1, 32))
			return tm__error_oom();
		w->v[w->n++] = x;
	}
	return TM_OK;
}

/* Append the FTS5 string of the key term "~<a><key>", a prefix query when
 * @prefix. */
static tm_status
xterm(tm__buf *e, const char *a, const char *key, size_t len, bool prefix)
{
	tm_status st;

	if ((st = tm__buf_append_str(e, "\"~")) < 0 ||
	    (st = tm__buf_append_str(e, a)) < 0 ||
	    (st = tm__buf_append(e, key, len)) < 0)
		return st;
	return tm__buf_append_str(e, prefix ? "\"*" : "\"");
}

/* The terms of a key K (a prefix query from 3 symbols): a key that ends
 * in p or t (a final b or d devoiced: Лавров lblp) is also looked for
 * with b or d there (Лаврова lblb...). */
static tm_status
xdevoiced(tm__buf *e, const char *k, size_t kl)
{
	char v[64];
	tm_status st;

	if ((st = xterm(e, "", k, kl, kl >= 3)) < 0 || kl < 3 ||
	    kl > sizeof(v) || (k[kl - 1] != 'p' && k[kl - 1] != 't'))
		return st;
	memcpy(v, k, kl);
	v[kl - 1] = k[kl - 1] == 'p' ? 'b' : 'd';
	if ((st = tm__buf_append_str(e, " OR ")) < 0)
		return st;
	return xterm(e, "", v, kl, true);
}

/* A later word of a split key: its own key is the piece, or "a" and the
 * piece when it starts with a vowel (only a word's first vowel is kept). */
static tm_status
xpiece(tm__buf *e, const char *p, size_t len, bool last)
{
	tm_status st;

	if ((st = tm__buf_append_str(e, "(")) < 0 ||
	    (len >= 2 && ((st = xterm(e, "", p, len, last && len >= 3)) < 0 ||
	                  (st = tm__buf_append_str(e, " OR ")) < 0)) ||
	    (st = xterm(e, "a", p, len, last && len + 1 >= 3)) < 0)
		return st;
	return tm__buf_append_str(e, ")");
}

/* The FTS5 expression that finds every segment the phrase can agree with:
 * a word whose key starts with K; the phrase's words, each with its own
 * key; and, for a one-word Korean or Chinese phrase (김정은), the words K
 * splits into (Kim Jong-un: km, jn, an). */
static tm_status
xexpr(tm__buf *e, tm_translit *tr, const char *k, size_t kl,
      const char *pkey, const tm__toks *pt, const struct xwords *pw)
{
	bool cjk = pw->n == 1 && pt->v[pw->v[0].tok].kind == TM__TOK_CHAR;
	tm__buf t = { 0 };
	tm_status st;
	size_t nand = 0;

	e->len = 0;
	if ((st = xdevoiced(e, k, kl)) < 0)
		goto done;
	if (pw->n > 1) {
		tm__buf a = { 0 };

		for (size_t i = 0; i < pw->n && st >= 0; i++) {
			const tm__xword *w = &pw->v[i];

			if ((st = tm__xkey_term(&t, tr, pkey + w->off,
			                        w->len)) < 0 ||
			    !t.len)
				continue;
			if ((nand++ && (st = tm__buf_append_str(&a, " AND ")) <
			                       0) ||
			    (st = xterm(&a, "", t.data + 1, t.len - 1,
			                i + 1 == pw->n && t.len - 1 >= 3)) < 0)
				break;
		}
		if (st >= 0 && nand &&
		    (st = tm__buf_append_str(e, " OR (")) >= 0 &&
		    (st = tm__buf_append(e, a.data, a.len)) >= 0)
			st = tm__buf_append_str(e, ")");
		tm__buf_dispose(&a);
		if (st < 0)
			goto done;
	}
	/* only a Korean or Chinese word (the script writes no spaces
	 * between the parts of a name): for "tarpaulin" they would cost
	 * much and find junk */
	if (pw->n == 1 && kl >= 4 && kl <= XMAX_SPLIT && cjk) {
		for (size_t i = 2; i < kl && st >= 0; i++) {
			/* two words: k[0, i) k[i, kl) */
			if ((st = tm__buf_append_str(e, " OR (")) < 0 ||
			    (st = xterm(e, "", k, i, false)) < 0 ||
			    (st = tm__buf_append_str(e, " AND ")) < 0 ||
			    (st = xpiece(e, k + i, kl - i, true)) < 0 ||
			    (st = tm__buf_append_str(e, ")")) < 0)
				break;
			/* three words: k[0, i) k[i, j) k[j, kl) */
			for (size_t j = i + 1; j < kl && st >= 0; j++)
				if ((st = tm__buf_append_str(e, " OR (")) < 0 ||
				    (st = xterm(e, "", k, i, false)) < 0 ||
				    (st = tm__buf_append_str(e, " AND ")) <
				            0 ||
				    (st = xpiece(e, k + i, j - i, false)) < 0 ||
				    (st = tm__buf_append_str(e, " AND ")) <
				            0 ||
				    (st = xpiece(e, k + j, kl - j, true)) < 0 ||
				    (st = tm__buf_append_str(e, ")")) < 0)
					break;
		}
	}
done:
	tm__buf_dispose(&t);
	return st;
}

/* Korean particles (and copula endings) that follow a noun in the same
 * word, longest first: 평양에서 is 평양 + 에서. */
static const char *const particles[] = {
	"으로부터", "에게서", "로부터", "에서는", "에서도", "에서의",
	"에게는", "에게도", "으로는", "으로도", "으로의", "한테서",
	"께서는", "이라는", "이라고", "이었다", "에서", "에게", "한테",
	"으로", "부터", "까지", "처럼", "보다", "마다", "이나", "이며",
	"이고", "이다", "와의", "과의", "에는", "에도", "께서", "라는",
	"라고", "의", "은", "는", "이", "가", "을", "를", "에", "로",
	"와", "과", "도", "만", "께", "였다", "다",
};

/* The script of the UTF-8 text at @s: 'L' Latin, 'C' Cyrillic, 'H'
 * Hangul, 0 another; *@upper whether its first letter is a capital
 * (true in a caseless script). */
static int
script_of(const char *s, bool *upper)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c = u[0];

	if (c >= 0xC0 && c < 0xE0 && (u[1] & 0xC0) == 0x80)
		c = (c & 0x1F) << 6 | (u[1] & 0x3F);
	else if (c >= 0xE0 && c < 0xF0 && (u[1] & 0xC0) == 0x80 &&
	         (u[2] & 0xC0) == 0x80)
		c = (c & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 |
		    (u[2] & 0x3F);
	*upper = true;
	if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7))
		return 'L';
	if ((c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0x24F)) {
		*upper = c < 0xDF ? false : c >= 0x100 ? !(c & 1) : false;
		return 'L';
	}
	if (c >= 0x400 && c <= 0x4FF) {
		*upper = c < 0x430 || (c >= 0x460 && !(c & 1));
		return 'C';
	}
	if ((c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) ||
	    (c >= 0x3130 && c <= 0x318F))
		return 'H';
	return 0;
}

/* The per-search state of the cross-script check. */
#define XKEYS 8

struct xctx {
	tm_translit *tr;
	tm__stems *stems;
	char *k[XKEYS]; /* the phrase's keys, K, then the evidence's */
	size_t kl[XKEYS];
	int kscript[XKEYS]; /* 0, or the only script a key is for */
	size_t nk;
	int cur_script; /* of the run being checked */
	bool need_cap; /* the phrase is a name: cased hits need a capital */
	tm__toks t;    /* the candidate's tokens and words */
	struct xwords w;
	tm__buf run, form, var;
	int script;    /* of the run found */
};

/* The readings of a word (@len bytes at @s) that may be a name's form,
 * folded, each ended by a NUL, into @out, the first its canonical form:
 * a Cyrillic word's Snowball stem, then the word (Путиным: путин;
 * Пхеньян: пхенья, пхеньян, since the Russian stemmer is unsure of
 * foreign names); a Latin word as written, then less a final s (Putins);
 * a Korean word less its particle (평양에서: 평양), then as written when
 * it ends in none, or with @whole, or when two syllables or more are
 * left without it (김정은 and 카이로, Cairo, end in the particles 은 and
 * 로; 파는 is 파 and 는, not a name), and as written only in the phrase
 * (@phrase: the name as the user wrote it); another word as written. */
static tm_status
word_variants(tm__buf *out, struct xctx *x, const char *s, size_t len,
              bool whole, bool phrase)
{
	char *w = tm__strndup(s, len), *k = NULL;
	size_t kl = 0;
	bool up;
	int sc = script_of(s, &up);
	tm_status ret;

	out->len = 0;
	if (!w)
		return tm__error_oom();
	ret = tm__match_key(&k, &kl, w);
	tm__free(w);
	if (ret < 0)
		return ret;
	if (sc == 'H') {
		size_t pl = 0;

		for (size_t i = 0; i < TM_ARRAY_SIZE(particles) && !pl &&
		                   !phrase;
		     i++) {
			size_t n = strlen(particles[i]);

			if (kl > n &&
			    memcmp(k + kl - n, particles[i], n) == 0)
				pl = n;
		}
		/* a Hangul syllable is 3 bytes */
		if ((ret = tm__buf_append(out, k, kl - pl + 1)) >= 0 && pl &&
		    (whole || kl - pl >= 6))
			ret = tm__buf_append(out, k, kl + 1);
		if (ret >= 0 && pl)
			out->data[kl - pl] = '\0';
	} else if (sc == 'C') {
		tm__stemmer *st = NULL;
		const char *r;
		size_t rl;

		if ((ret = tm__stems_get(&st, x->stems, "ru")) >= 0 && st &&
		    (ret = tm__stem(&r, &rl, st, k, kl)) >= 0 &&
		    (ret = tm__buf_append(out, r, rl)) >= 0)
			ret = tm__buf_append(out, "", 1);
		if (ret >= 0)
			ret = tm__buf_append(out, k, kl + 1);
	} else {
		ret = tm__buf_append(out, k, kl + 1);
		if (ret >= 0 && sc == 'L' && kl > 3 && k[kl - 1] == 's' &&
		    (ret = tm__buf_append(out, k, kl - 1)) >= 0)
			ret = tm__buf_append(out, "", 1);
	}
	tm__free(k);
	return ret;
}

/* The next reading in @b after position *@pos (start at 0): NULL after
 * the last. */
static const char *
next_variant(const tm__buf *b, size_t *pos)
{
	const char *v;

	if (*pos >= b->len)
		return NULL;
	v = b->data + *pos;
	*pos += strlen(v) + 1;
	return v;
}

/* Whether the key of @s (@len bytes) is one of the phrase's. */
static tm_status
key_in(bool *out, struct xctx *x, const char *s, size_t len)
{
	char *c = NULL;
	tm_status st = tm_translit_key(&c, x->tr, s, len);

	*out = false;
	for (size_t i = 0; st >= 0 && i < x->nk && !*out; i++)
		*out = (!x->kscript[i] || x->kscript[i] == x->cur_script) &&
		       strlen(c) == x->kl[i] &&
		       memcmp(c, x->k[i], x->kl[i]) == 0;
	tm_free(c);
	return st;
}

/* The @n bytes at @s without ASCII spaces and punctuation, into @s;
 * returns the new length: a form compares by its letters ("kim jong-un"
 * as "kimjongun"). */
static size_t
squash(char *s, size_t n)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80 ||
		    (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9'))
			s[o++] = s[i];
	s[o] = '\0';
	return o;
}

/* Whether words @i to @j of @plain agree with K: the key of words i to
 * j - 1 as written and a reading of word j (word_variants()) is one of
 * the phrase's; the run's forms, folded and NUL-separated, into x->form
 * (its canonical one, then the reading that agreed) and its script into
 * x->script. */
static tm_status
run_agrees(bool *out, struct xctx *x, const char *plain, size_t i, size_t j,
           bool whole)
{
	const tm__xword *a = &x->w.v[i], *z = &x->w.v[j];
	size_t pos = 0, inner = z->off - a->off;
	const char *v, *first = NULL;
	tm_status st;

	*out = false;
	if ((st = word_variants(&x->var, x, plain + z->off, z->len, whole,
	                        false)) < 0)
		return st;
	while ((v = next_variant(&x->var, &pos))) {
		if (!first)
			first = v;
		x->run.len = 0;
		if ((st = tm__buf_append(&x->run, plain + a->off, inner)) < 0 ||
		    (j > i && (st = tm__buf_append(&x->run, " ", 1)) < 0) ||
		    (st = tm__buf_append_str(&x->run, v)) < 0 ||
		    (st = key_in(out, x, x->run.data, x->run.len)) < 0)
			return st;
		if (*out)
			break;
	}
	x->form.len = 0;
	for (int k = 0; *out && k < 2; k++) {
		char *f = NULL;
		size_t fl = 0;

		if (k == 1 && v == first)
			break;
		x->run.len = 0;
		if ((st = tm__buf_append(&x->run, plain + a->off, inner)) < 0 ||
		    (j > i && (st = tm__buf_append(&x->run, " ", 1)) < 0) ||
		    (st = tm__buf_append_str(&x->run, k ? v : first)) < 0)
			return st;
		/* the form compares folded: Путина and ПУТИНА alike */
		if ((st = tm__match_key(&f, &fl, x->run.data)) < 0)
			return st;
		fl = squash(f, fl);
		st = tm__buf_append(&x->form, f, fl + 1);
		tm__free(f);
		if (st < 0)
			return st;
	}
	if (*out) {
		bool up;

		x->script = script_of(plain + a->off, &up);
	}
	return st;
}

/* The length of the shortest run of syllables at the start of word @w
 * whose key is K, or @n (the whole word) when none is. */
static size_t
xtrim(struct xctx *x, const tm__xword *w, const char *plain, size_t n)
{
	for (uint32_t i = 1; i < w->ntok; i++) {
		const tm__tok *last = &x->t.v[w->tok + i - 1];
		size_t len = last->off + last->len - w->off;
		bool eq;

		if (key_in(&eq, x, plain + w->off, len) < 0)
			return n;
		if (eq)
			return len;
	}
	return n;
}

/* Whether a run's key @c (@cl symbols) may be one of the phrase's keys
 * once its last word is read as a form: it begins like one, the last
 * symbol aside (Лавров: lblp, Лавровым: lblbm). */
static bool
xmay(const struct xctx *x, const char *c, size_t cl)
{
	for (size_t i = 0; i < x->nk; i++)
		if (cl + 1 >= x->kl[i] && memcmp(c, x->k[i], x->kl[i] - 1) == 0)
			return true;
	return false;
}

/* Whether a longer run may agree: a run's key is its words' keys in
 * order, so this one's must begin a phrase key. */
static bool
xmore(const struct xctx *x, const char *c, size_t cl)
{
	for (size_t i = 0; i < x->nk; i++)
		if (cl < x->kl[i] && memcmp(c, x->k[i], cl) == 0)
			return true;
	return false;
}

/* The first run of words of @plain that agrees with K (the shortest run
 * at the first place), as a byte span, its form in x->form; *@len = 0
 * when none does. A run of several words must need its last word (Ким
 * Чен Ын for 김정은), so "Putin said" is not a longer match of Putin, and
 * its first. */
static tm_status
xfind(size_t *start, size_t *len, struct xctx *x, const char *plain,
      size_t pwords, bool whole)
{
	tm_status st;

	*start = *len = 0;
	if ((st = tm__tokenize(&x->t, plain, strlen(plain))) < 0 ||
	    (st = xwords_of(&x->w, &x->t)) < 0)
		return st;
	for (size_t i = 0; i < x->w.n; i++) {
		bool up;
		int sc = script_of(plain + x->w.v[i].off, &up);

		if (x->need_cap && !up)
			continue;
		x->cur_script = sc;
		for (size_t j = i; j < x->w.n && j < i + pwords + 3; j++) {
			size_t off = x->w.v[i].off;
			size_t n = x->w.v[j].off + x->w.v[j].len - off, cl;
			char *c = NULL;
			bool ok = false, more;

			if (n > 4 * TM__XKEY_MAX_WORD)
				break;
			if ((st = tm_translit_key(&c, x->tr, plain + off, n)) <
			    0)
				return st;
			cl = strlen(c);
			if (xmay(x, c, cl) &&
			    (st = run_agrees(&ok, x, plain, i, j, whole)) < 0) {
				tm_free(c);
				return st;
			}
			more = xmore(x, c, cl);
			tm_free(c);
			if (ok && j > i) {
				/* "в Пхеньян" is pnn too (a doubled sound
				 * counts once): the first word must count */
				size_t o2 = x->w.v[i + 1].off;
				bool rest;

				if ((st = key_in(&rest, x, plain + o2,
				                 off + n - o2)) < 0)
					return st;
				ok = !rest;
			}
			if (ok && j == i && sc == 'H' && x->w.v[i].ntok > 1)
				/* 푸틴은: mark the name, not its particle,
				 * as the plain concordance does */
				n = xtrim(x, &x->w.v[i], plain, n);
			if (ok) {
				*start = off;
				*len = n;
				return TM_OK;
			}
			if (!more)
				break;
		}
	}
	return TM_OK;
}

/* The spellings of the name in each script, from the units holding the
 * phrase in its own language: script (script_of()), folded form, units;
 * @seed for the phrase's own spellings (its script). */
struct attest {
	int script;
	char *form;
	size_t n;
	bool seed;
	char *key; /* a spelling whose key is not K but like it (Corbyn,
	              코빈: klbn, kbn), or NULL */
};

struct evidence {
	struct attest *v;
	size_t n, cap;
	size_t seen[4]; /* variants seen in each script (sidx()) */
};

static int
sidx(int script)
{
	return script == 'L' ? 1 : script == 'C' ? 2 : script == 'H' ? 3 : 0;
}

static tm_status
attest_add(struct evidence *ev, int script, const char *form, size_t fl,
           bool seed)
{
	for (size_t i = 0; i < ev->n; i++)
		if (ev->v[i].script == script &&
		    strlen(ev->v[i].form) == fl &&
		    memcmp(ev->v[i].form, form, fl) == 0) {
			ev->v[i].n++;
			ev->v[i].seed |= seed;
			return TM_OK;
		}
	if (!TM__ARRAY_GROW(ev->v, ev->cap, ev->n + 1, 16))
		return tm__error_oom();
	if (!(ev->v[ev->n].form = tm__strndup(form, fl)))
		return tm__error_oom();
	ev->v[ev->n].script = script;
	ev->v[ev->n].seed = seed;
	ev->v[ev->n].key = NULL;
	ev->v[ev->n++].n = 1;
	return TM_OK;
}

/* Whether script @script has evidence, and (when it has) whether one of
 * the forms @forms (NUL-separated, @len bytes) is among the name's
 * spellings in it: the phrase's own, or one seen in a quarter as many
 * units as the most frequent. */
static bool
attested(const struct evidence *ev, int script, const tm__buf *forms,
         bool *has)
{
	size_t best = 0;
	bool ok = false;

	/* three variants in the script that hold no spelling of the name
	 * are evidence too: that none is written with this key */
	*has = ev->seen[sidx(script)] >= 3;
	for (size_t i = 0; i < ev->n; i++)
		if (ev->v[i].script == script) {
			*has = true;
			if (!ev->v[i].seed && ev->v[i].n > best)
				best = ev->v[i].n;
		}
	for (size_t i = 0; i < ev->n && !ok; i++) {
		size_t pos = 0;
		const char *f;

		if (ev->v[i].script != script ||
		    (!ev->v[i].seed && 4 * ev->v[i].n < best))
			continue;
		while (!ok && (f = next_variant(forms, &pos)))
			ok = strcmp(f, ev->v[i].form) == 0;
	}
	return ok;
}

static void
evidence_dispose(struct evidence *ev)
{
	for (size_t i = 0; i < ev->n; i++) {
		tm__free(ev->v[i].form);
		tm__free(ev->v[i].key);
	}
	tm__free(ev->v);
}

/* The word of @plain (cut into x->w by xfind()) whose base's key is most
 * like K, at least 0.75 (tm_translit_key_similarity()), with 3 symbols or
 * more and K's first symbol, as a spelling of the name into @ev: the TM's
 * units show it (Corbyn for 코빈; Ryder, ldl, for 라이더, ld). */
static tm_status
similar_word(struct evidence *ev, struct xctx *x, const char *plain)
{
	double best = 0.75;
	char *bform = NULL, *bkey = NULL;
	int bscript = 0;
	tm_status st = TM_OK;

	for (size_t i = 0; i < x->w.n && st >= 0; i++) {
		const tm__xword *w = &x->w.v[i];
		bool up;
		int sc = script_of(plain + w->off, &up);
		char *c = NULL, *f = NULL;
		size_t fl = 0;
		double sim = 0;

		if (!sc || (x->need_cap && !up) || w->len > TM__XKEY_MAX_WORD)
			continue;
		if ((st = word_variants(&x->var, x, plain + w->off, w->len,
		                        false, false)) < 0 ||
		    (st = tm_translit_key(&c, x->tr, x->var.data,
		                          strlen(x->var.data))) < 0)
			break;
		for (size_t k = 0; k < x->nk; k++)
			if (!x->kscript[k] && strlen(c) >= 3 &&
			    c[0] == x->k[k][0]) {
				double v = tm_translit_key_similarity(c,
				                                      x->k[k]);

				sim = v > sim ? v : sim;
			}
		if (sim >= best &&
		    (st = tm__match_key(&f, &fl, x->var.data)) >= 0) {
			best = sim;
			tm__free(bform);
			tm_free(bkey);
			bform = f;
			bform[squash(bform, fl)] = '\0';
			bkey = c;
			c = NULL;
			bscript = sc;
		}
		tm_free(c);
	}
	if (st >= 0 && bform) {
		size_t n = ev->n;

		if ((st = attest_add(ev, bscript, bform, strlen(bform),
		                     false)) >= 0 &&
		    ev->n > n && !(ev->v[n].key = tm__strdup(bkey)))
			st = tm__error_oom();
	}
	tm__free(bform);
	tm_free(bkey);
	return st;
}

/* Add the keys of the spellings the evidence shows that are not K (see
 * similar_word()), each for its script only, as the search's: seen in 2
 * units or more, and a quarter as many as the script's most frequent. */
static tm_status
evidence_keys(struct xctx *x, const struct evidence *ev)
{
	for (size_t i = 0; i < ev->n && x->nk < XKEYS; i++) {
		const struct attest *a = &ev->v[i];
		size_t best = 0;
		bool dup = false;

		if (!a->key || a->n < 2)
			continue;
		for (size_t j = 0; j < ev->n; j++)
			if (ev->v[j].script == a->script && !ev->v[j].seed &&
			    ev->v[j].n > best)
				best = ev->v[j].n;
		if (4 * a->n < best)
			continue;
		for (size_t j = 0; j < x->nk; j++)
			dup |= strcmp(x->k[j], a->key) == 0;
		if (dup)
			continue;
		if (!(x->k[x->nk] = tm__strdup(a->key)))
			return tm__error_oom();
		x->kl[x->nk] = strlen(a->key);
		x->kscript[x->nk++] = a->script;
	}
	return TM_OK;
}

/* Gather the evidence from the units of the phrase hits in @l: in their
 * variants of other languages, the runs of words that agree with K. */
static tm_status
gather_evidence(struct evidence *ev, tm_db *db, struct xctx *x,
                const tm_concord_list *l, const char *src, size_t pwords)
{
	sqlite3 *h = tm__db_handle(db);
	sqlite3_stmt *s = NULL;
	size_t nsimilar = 0;
	tm_status st = TM_OK;

	if (sqlite3_prepare_v2(h,
	                       "SELECT plain FROM tuv"
	                       " WHERE tu_id = ?1 AND lang_base <> ?2",
	                       -1, &s, NULL) != SQLITE_OK)
		return tm__db_error(db, sqlite3_errcode(h), "concord");
	sqlite3_bind_text(s, 2, src, -1, SQLITE_STATIC);
	for (size_t i = 0; i < tm_concord_list_count(l) &&
	                   i < TM__CONCORD_EVIDENCE && st >= 0;
	     i++) {
		int rc;

		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, tm_concord_list_get(l, i)->tu);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			const char *plain =
			        (const char *)sqlite3_column_text(s, 0);
			size_t start, len;

			unsigned seen = 0;

			if (!plain)
				continue;
			if ((st = xfind(&start, &len, x, plain, pwords,
			                true)) < 0)
				break;
			for (size_t w = 0; w < x->w.n; w++) {
				bool up;

				seen |= 1u << sidx(script_of(
				                plain + x->w.v[w].off, &up));
			}
			for (int sx = 1; sx < 4; sx++)
				ev->seen[sx] += (seen >> sx) & 1;
			if (len && (st = attest_add(ev, x->script, x->form.data,
			                            strlen(x->form.data),
			                            false)) < 0)
				break;
			/* the costly part: a few dozen variants show a
			 * spelling, if the TM has one */
			if (!len && nsimilar++ < SIMILAR_MAX &&
			    (st = similar_word(ev, x, plain)) < 0)
				break;
		}
		if (st >= 0 && rc != SQLITE_DONE && rc != SQLITE_ROW)
			st = tm__db_error(db, rc, "concord");
	}
	sqlite3_finalize(s);
	return st;
}

/* The phrase's keys K: the key of its words, the last one read as each
 * of its forms (word_variants(): Путиным: ptnm, ptn). A key of 2 symbols
 * is kept only when the phrase has no longer one (Пхеньян's stem
 * пхенья is pn: too common). */
static tm_status
phrase_keys(struct xctx *x, const struct xwords *pw, const char *pkey)
{
	const tm__xword *z = &pw->v[pw->n - 1];
	size_t pos = 0, longest = 0;
	const char *v;
	tm_status st;

	if ((st = word_variants(&x->var, x, pkey + z->off, z->len, false,
	                        true)) < 0)
		return st;
	while ((v = next_variant(&x->var, &pos)) && x->nk < XKEYS) {
		char *c = NULL;
		bool dup = false;

		x->run.len = 0;
		if ((st = tm__buf_append(&x->run, pkey, z->off)) < 0 ||
		    (st = tm__buf_append_str(&x->run, v)) < 0 ||
		    (st = tm_translit_key(&c, x->tr, x->run.data,
		                          x->run.len)) < 0)
			return st;
		for (size_t i = 0; i < x->nk; i++)
			dup |= strcmp(x->k[i], c) == 0;
		if (dup || !*c) {
			tm_free(c);
			continue;
		}
		x->k[x->nk] = c;
		x->kl[x->nk++] = strlen(c);
		if (strlen(c) > longest)
			longest = strlen(c);
	}
	/* the short keys out, when a longer one is there */
	for (size_t i = 0; i < x->nk && longest >= 3;)
		if (x->kl[i] < 3) {
			tm_free(x->k[i]);
			x->k[i] = x->k[x->nk - 1];
			x->kl[i] = x->kl[x->nk - 1];
			x->nk--;
		} else {
			i++;
		}
	return TM_OK;
}

/* The phrase's own spellings (the readings of its last word) as the
 * evidence of its script: in another language of the same script (a
 * German or French segment for an English name) only these are hits. */
static tm_status
seed_evidence(struct evidence *ev, struct xctx *x, const struct xwords *pw,
              const char *pkey)
{
	const tm__xword *z = &pw->v[pw->n - 1];
	size_t pos = 0;
	const char *v;
	bool up;
	int script = script_of(pkey, &up);
	tm_status st;

	if ((st = word_variants(&x->var, x, pkey + z->off, z->len, false,
	                        false)) < 0)
		return st;
	while ((v = next_variant(&x->var, &pos))) {
		x->run.len = 0;
		if ((st = tm__buf_append(&x->run, pkey, z->off)) < 0 ||
		    (st = tm__buf_append_str(&x->run, v)) < 0)
			return st;
		x->run.len = squash(x->run.data, x->run.len);
		if ((st = attest_add(ev, script, x->run.data, x->run.len,
		                     true)) < 0)
			return st;
	}
	return TM_OK;
}

/* The cross-script hits of @phrase (language @src), appended to @l after
 * its phrase hits: up to @want of them, the candidates newest first. */
tm_status
tm__concord_translit(tm_concord_list *l, tm_db *db, tm__ix *ix,
                     sqlite3_stmt *s_get, const char *phrase, const char *src,
                     size_t want)
{
	struct xctx x = { 0 };
	char *pkey = NULL;
	size_t pkl = 0, found = 0, kmax = 0;
	tm__toks t = { 0 };
	struct xwords pw = { 0 };
	struct evidence ev = { 0 };
	tm__buf e = { 0 }, e1 = { 0 };
	tm__ids ids = { 0 };
	bool up;
	tm_status st;
	int rc, pscript;

	if ((st = tm__ix_translit(&x.tr, ix)) < 0 ||
	    (st = tm__ix_stems(&x.stems, ix)) < 0 ||
	    (st = tm__match_key(&pkey, &pkl, phrase)) < 0 ||
	    (st = tm__tokenize(&t, pkey, pkl)) < 0 ||
	    (st = xwords_of(&pw, &t)) < 0)
		goto done;
	if (!pw.n) {
		st = tm__error_set(TM_EINVAL, "concord: no word in the phrase");
		goto done;
	}
	if ((st = phrase_keys(&x, &pw, pkey)) < 0)
		goto done;
	if (!x.nk || x.kl[0] < 2) {
		st = tm__error_set(TM_EINVAL,
		                   "concord: the cross-script key of the phrase "
		                   "('%s') is too short to search (at least 2 "
		                   "symbols)",
		                   x.nk ? x.k[0] : "");
		goto done;
	}
	/* a name: a capital, or a script without case */
	pscript = script_of(phrase, &up);
	x.need_cap = up;
	for (size_t i = 0; i < x.nk; i++)
		kmax = x.kl[i] > kmax ? x.kl[i] : kmax;
	if ((st = gather_evidence(&ev, db, &x, l, src, pw.n)) < 0 ||
	    (st = seed_evidence(&ev, &x, &pw, pkey)) < 0 ||
	    (st = evidence_keys(&x, &ev)) < 0)
		goto done;
	/* a key of 2 symbols finds only where evidence is: none, nothing */
	if (kmax < 3 && !ev.n && ev.seen[1] < 3 && ev.seen[2] < 3 &&
	    ev.seen[3] < 3) {
		st = TM_OK;
		goto done;
	}
	for (size_t i = 0; i < x.nk; i++) {
		e1.len = 0;
		if ((st = x.kscript[i] ? xdevoiced(&e1, x.k[i], x.kl[i]) :
		                         xexpr(&e1, x.tr, x.k[i], x.kl[i],
		                               pkey, &t, &pw)) < 0 ||
		    (i && (st = tm__buf_append_str(&e, " OR ")) < 0) ||
		    (st = tm__buf_append_str(&e, "(")) < 0 ||
		    (st = tm__buf_append(&e, e1.data, e1.len)) < 0 ||
		    (st = tm__buf_append_str(&e, ")")) < 0)
			goto done;
	}
	if ((st = tm__ix_query(&ids, ix, e.data, e.len)) < 0)
		goto done;
	/* A key of 2 symbols (Ён: an) is in a tenth of the words: its hits
	 * are only where evidence is, and its candidates are read up to a
	 * bound (newest first), as are a longer key's. */
	for (size_t i = ids.n, checked = 0;
	     i-- > 0 && found < want &&
	     checked++ < (kmax < 3 ? XCHECK_SHORT : XCHECK_MAX);) {
		const char *lb, *plain;
		size_t start, len;
		bool has, ok;

		sqlite3_reset(s_get);
		sqlite3_bind_int64(s_get, 1, ids.v[i]);
		rc = sqlite3_step(s_get);
		if (rc == SQLITE_DONE)
			continue;
		if (rc != SQLITE_ROW) {
			st = tm__db_error(db, rc, "concord");
			goto done;
		}
		lb = (const char *)sqlite3_column_text(s_get, 1);
		plain = (const char *)sqlite3_column_text(s_get, 2);
		if (!lb || !plain)
			continue;
		if ((st = xfind(&start, &len, &x, plain, pw.n, true)) < 0)
			goto done;
		if (!len)
			continue;
		/* the phrase's own language was searched for its forms, in
		 * the phrase's script; there a hit in another script
		 * (Путин asked for in English finds Putin) is cross-script */
		if (strcmp(lb, src) == 0 && x.script == pscript)
			continue;
		ok = attested(&ev, x.script, &x.form, &has);
		if (!has && kmax < 3) {
			/* no evidence, and a key of 2 symbols (라이더: ld):
			 * too many words have it (Radio, Rady) */
			ok = false;
		} else if (!has) {
			/* no evidence: a Korean word whose key is K only
			 * with its particle (파는) is not taken */
			if ((st = xfind(&start, &len, &x, plain, pw.n,
			                false)) < 0)
				goto done;
			ok = len > 0;
		}
		if (!ok)
			continue;
		if ((st = tm__concord_add_hit(l, s_get, TM_CONCORD_HIT_TRANSLIT, start,
		                               len)) < 0)
			goto done;
		found += st != TM_DONE;
	}
	st = TM_OK;
done:
	for (size_t i = 0; i < x.nk; i++)
		tm_free(x.k[i]);
	tm__free(pkey);
	tm__free(pw.v);
	tm__free(x.w.v);
	tm__toks_dispose(&x.t);
	tm__toks_dispose(&t);
	tm__buf_dispose(&x.run);
	tm__buf_dispose(&x.form);
	tm__buf_dispose(&x.var);
	tm__buf_dispose(&e);
	tm__buf_dispose(&e1);
	evidence_dispose(&ev);
	tm__free(ids.v);
	return st;
}


size_t
tm__ko_particle_len(const char *w, size_t len)
{
	for (size_t i = 0; i < TM_ARRAY_SIZE(particles); i++) {
		size_t n = strlen(particles[i]);

		if (len > n && memcmp(w + len - n, particles[i], n) == 0)
			return n;
	}
	return 0;
}
