/* SPDX-License-Identifier: MIT */
/* Matching keys: NFC, full case folding, typographic punctuation folds and
 * white-space collapsing. Every comparison in libtm (exact match, fuzzy
 * match, concordance, anchors) goes through this file, and the store runs it
 * on every segment it writes, so it is built for speed: pure ASCII never
 * touches ICU (nor does ASCII with typographic quotes, dashes and spaces),
 * short segments use stack buffers, and NFC is skipped when the
 * quick check says the text is already normalized. docs/normalization.md
 * lists the folds. */
#include "text-private.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

/* Segments are short: most fit in these, so no allocation but the result. */
#define NORM_LOCAL 1024

typedef struct nbuf {
	UChar *p;
	int32_t len;
	int32_t cap;
	UChar local[NORM_LOCAL];
} nbuf;

static void
nbuf_init(nbuf *b)
{
	b->p = b->local;
	b->len = 0;
	b->cap = NORM_LOCAL;
}

static void
nbuf_dispose(nbuf *b)
{
	if (b->p != b->local)
		tm__free(b->p);
	nbuf_init(b);
}

/* Make room for @cap units. The contents are not kept: every stage writes
 * its buffer from scratch. */
static tm_status
nbuf_reserve(nbuf *b, int32_t cap)
{
	UChar *p;

	if (cap <= b->cap)
		return TM_OK;
	p = tm__malloc((size_t)cap * sizeof(UChar));
	if (!p)
		return tm__error_oom();
	if (b->p != b->local)
		tm__free(b->p);
	b->p = p;
	b->cap = cap;
	return TM_OK;
}

/* ASCII white space as Unicode's White_Space property has it. */
static bool
ascii_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* NFC of @in into @out, or a copy-free "already NFC" answer: returns the
 * buffer that holds the result (@in or @out). */
static tm_status
nfc(nbuf **res, nbuf *in, nbuf *out)
{
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *n2 = unorm2_getNFCInstance(&err);
	int32_t span, need;
	tm_status st;

	if (U_FAILURE(err))
		return tm__error_set(TM_ERROR, "normalize: no NFC data: %s",
		                     u_errorName(err));
	span = unorm2_spanQuickCheckYes(n2, in->p, in->len, &err);
	if (U_SUCCESS(err) && span == in->len) {
		*res = in;
		return TM_OK;
	}
	err = U_ZERO_ERROR;
	/* NFC rarely grows text; retry once with the exact size if it does. */
	st = nbuf_reserve(out, in->len + 16);
	if (st < 0)
		return st;
	need = unorm2_normalize(n2, in->p, in->len, out->p, out->cap, &err);
	if (err == U_BUFFER_OVERFLOW_ERROR) {
		err = U_ZERO_ERROR;
		st = nbuf_reserve(out, need + 1);
		if (st < 0)
			return st;
		need = unorm2_normalize(n2, in->p, in->len, out->p, out->cap,
		                        &err);
	}
	if (U_FAILURE(err))
		return tm__error_set(TM_EUNICODE, "normalize: NFC failed: %s",
		                     u_errorName(err));
	out->len = need;
	*res = out;
	return TM_OK;
}

static tm_status
casefold(nbuf *in, nbuf *out)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t need;
	tm_status st;

	st = nbuf_reserve(out, in->len + 16);
	if (st < 0)
		return st;
	need = u_strFoldCase(out->p, out->cap, in->p, in->len,
	                     U_FOLD_CASE_DEFAULT, &err);
	if (err == U_BUFFER_OVERFLOW_ERROR) {
		err = U_ZERO_ERROR;
		st = nbuf_reserve(out, need + 1);
		if (st < 0)
			return st;
		need = u_strFoldCase(out->p, out->cap, in->p, in->len,
		                     U_FOLD_CASE_DEFAULT, &err);
	}
	if (U_FAILURE(err))
		return tm__error_set(TM_EUNICODE,
		                     "normalize: case folding failed: %s",
		                     u_errorName(err));
	out->len = need;
	return TM_OK;
}

/* Characters that do not change how a segment reads and only get in the way
 * of matching: zero width space, word joiner, byte order mark. */
static bool
invisible(UChar32 c)
{
	return c == 0x200B || c == 0x2060 || c == 0xFEFF;
}

/* Unicode's White_Space property (PropList.txt), spelled out: it is fixed,
 * and a switch is cheaper than a property lookup per character. */
static bool
white_space(UChar32 c)
{
	if (c < 0x80)
		return ascii_space((unsigned char)c);
	switch (c) {
	case 0x0085:
	case 0x00A0:
	case 0x1680:
	case 0x2000:
	case 0x2001:
	case 0x2002:
	case 0x2003:
	case 0x2004:
	case 0x2005:
	case 0x2006:
	case 0x2007:
	case 0x2008:
	case 0x2009:
	case 0x200A:
	case 0x2028:
	case 0x2029:
	case 0x202F:
	case 0x205F:
	case 0x3000:
		return true;
	default:
		return false;
	}
}

/* The typographic folds of TM_NORM_PUNCT: the replacement (ASCII), or NULL
 * when @c stays as it is. Keep docs/normalization.md in step. */
static const char *
punct_fold(UChar32 c)
{
	switch (c) {
	case 0x00AB: /* « */
	case 0x00BB: /* » */
	case 0x201C: /* “ */
	case 0x201D: /* ” */
	case 0x201E: /* „ */
	case 0x201F: /* ‟ */
	case 0x2033: /* ″ (double prime, typed for a closing quote) */
	case 0x301D: /* 〝 */
	case 0x301E: /* 〞 */
	case 0x301F: /* 〟 */
	case 0xFF02: /* ＂ */
		return "\"";
	case 0x02BC: /* ʼ modifier letter apostrophe */
	case 0x2018: /* ‘ */
	case 0x2019: /* ’ */
	case 0x201A: /* ‚ */
	case 0x201B: /* ‛ */
	case 0x2032: /* ′ (prime, typed for an apostrophe) */
	case 0x2039: /* ‹ */
	case 0x203A: /* › */
	case 0xFF07: /* ＇ */
		return "'";
	case 0x2010: /* ‐ hyphen */
	case 0x2011: /* ‑ non-breaking hyphen */
	case 0x2012: /* ‒ figure dash */
	case 0x2013: /* – en dash */
	case 0x2014: /* — em dash */
	case 0x2015: /* ― horizontal bar */
	case 0x2212: /* − minus sign */
	case 0xFE58: /* ﹘ small em dash */
	case 0xFE63: /* ﹣ small hyphen-minus */
	case 0xFF0D: /* － fullwidth hyphen-minus */
		return "-";
	case 0x2026: /* … */
		return "...";
	case 0x00A0: /* no-break space */
	case 0x1680: /* ogham space mark */
	case 0x2000:
	case 0x2001:
	case 0x2002:
	case 0x2003:
	case 0x2004:
	case 0x2005:
	case 0x2006:
	case 0x2007:
	case 0x2008:
	case 0x2009:
	case 0x200A: /* en quad .. hair space, thin space */
	case 0x202F: /* narrow no-break space */
	case 0x205F: /* medium mathematical space */
	case 0x3000: /* ideographic space */
		return " ";
	case 0x00AD: /* soft hyphen: invisible, dropped */
		return "";
	default:
		return NULL;
	}
}

/* What the punctuation and space folds do with one code point. */
enum fold_kind { FOLD_KEEP, FOLD_SPACE, FOLD_DROP, FOLD_REPLACE };

static enum fold_kind
classify(UChar32 c, unsigned int flags, const char **rep)
{
	const char *r = (flags & TM_NORM_PUNCT) ? punct_fold(c) : NULL;

	if (flags & TM_NORM_SPACES) {
		if (r ? (r[0] == ' ' && !r[1]) : white_space(c))
			return FOLD_SPACE;
		if (invisible(c))
			return FOLD_DROP;
	}
	if (!r)
		return FOLD_KEEP;
	if (!*r)
		return FOLD_DROP;
	*rep = r;
	return FOLD_REPLACE;
}

/* A cheap superset of the non-ASCII characters punct_fold(), white_space()
 * and invisible() know. */
static bool
maybe_folded(UChar32 c)
{
	return c == 0x0085 || (c >= 0x00A0 && c <= 0x00BB) || c == 0x02BC ||
	       c == 0x1680 || (c >= 0x2000 && c <= 0x2212) ||
	       (c >= 0x3000 && c <= 0x301F) || c >= 0xFE58;
}

/* Characters the folds may touch that never take part in NFC composition
 * and have no case: text made of ASCII and these needs no ICU. */
static bool
inert(UChar32 c)
{
	return punct_fold(c) || white_space(c) || invisible(c);
}

/* Letters of the scripts a newsroom TM is mostly made of, besides ASCII,
 * that NFC leaves as they are when no combining mark or conjoining jamo
 * follows (none is a character of the fast path): Hangul syllables, which
 * have no case, and the Cyrillic of U+0400..U+045F, whose case folding is
 * one letter to one. Returns @c folded as TM_NORM_CASEFOLD asks, or -1
 * for any other character. */
static UChar32
plain_letter(UChar32 c, unsigned int flags)
{
	if (c >= 0xAC00 && c <= 0xD7A3)
		return c;
	if (c < 0x0400 || c > 0x045F)
		return -1;
	if (!(flags & TM_NORM_CASEFOLD) || c >= 0x0430)
		return c;
	return c < 0x0410 ? c + 0x50 : c + 0x20;
}

/* Bytes of UTF-8 normalize_fast() works on without an allocation. */
#define FAST_LOCAL 1024

/* The fast path: ASCII, inert characters and plain letters, straight from
 * UTF-8 to UTF-8 (NFC is the identity there, and case folding one letter
 * to one: English, Korean and Russian news, nearly all). Returns
 * TM_DONE, having written nothing, when the text needs ICU (any other
 * character, or ill-formed UTF-8, which the slow path reports). Short
 * texts are worked on the stack, so that giving up (every text in a
 * non-Latin script) costs no malloc and free. */
static tm_status
normalize_fast(char **out,
               size_t *out_len,
               const char *text,
               size_t len,
               unsigned int flags)
{
	const unsigned char *p = (const unsigned char *)text;
	char local[FAST_LOCAL];
	/* no fold grows the UTF-8: … (3 bytes) -> "..." */
	char *buf = len < sizeof(local) ? local : tm__malloc(len + 1);
	size_t n = 0;
	bool pending_space = false;

	if (!buf)
		return tm__error_oom();
	for (size_t i = 0; i < len;) {
		UChar32 c = p[i], letter;
		size_t k = 1;
		const char *rep = NULL;

		if (c < 0x80) {
			/* the common case, without the fold tables */
			if ((flags & TM_NORM_SPACES) && ascii_space(p[i])) {
				pending_space = n > 0;
				i++;
				continue;
			}
			if (pending_space) {
				buf[n++] = ' ';
				pending_space = false;
			}
			if ((flags & TM_NORM_CASEFOLD) && c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			buf[n++] = (char)c;
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF && i + 1 < len &&
		    (p[i + 1] & 0xC0) == 0x80) {
			c = ((c & 0x1F) << 6) | (p[i + 1] & 0x3F);
			k = 2;
		} else if (c >= 0xE1 && c <= 0xEF && i + 2 < len &&
		           (p[i + 1] & 0xC0) == 0x80 &&
		           (c != 0xED || p[i + 1] < 0xA0) && /* surrogates */
		           (p[i + 2] & 0xC0) == 0x80) {
			c = ((c & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) |
			    (p[i + 2] & 0x3F);
			k = 3;
		} else {
			c = -1;
		}
		if (c >= 0 && (letter = plain_letter(c, flags)) >= 0) {
			if (pending_space) {
				buf[n++] = ' ';
				pending_space = false;
			}
			if (letter == c) {
				memcpy(buf + n, p + i, k);
				n += k;
			} else { /* a capital of U+0400..U+042F, folded */
				buf[n++] = (char)(0xC0 | letter >> 6);
				buf[n++] = (char)(0x80 | (letter & 0x3F));
			}
			i += k;
			continue;
		}
		if (c < 0 || !inert(c)) {
			if (buf != local)
				tm__free(buf);
			return TM_DONE;
		}
		switch (classify(c, flags, &rep)) {
		case FOLD_SPACE:
			pending_space = n > 0;
			i += k;
			continue;
		case FOLD_DROP:
			i += k;
			continue;
		default:
			break;
		}
		if (pending_space) {
			buf[n++] = ' ';
			pending_space = false;
		}
		if (rep) {
			while (*rep)
				buf[n++] = *rep++;
		} else {
			memcpy(buf + n, p + i, k);
			n += k;
		}
		i += k;
	}
	buf[n] = '\0';
	if (buf == local && !(buf = tm__strndup(local, n)))
		return tm__error_oom();
	*out = buf;
	if (out_len)
		*out_len = n;
	return TM_OK;
}

/* The punctuation and space folds in one pass from @in to @out. */
static tm_status
fold_punct_spaces(nbuf *in, nbuf *out, unsigned int flags)
{
	int32_t n = 0;
	bool pending_space = false;
	tm_status st;

	/* The ellipsis is the only fold that grows (1 unit -> 3): count them
	 * when the worst case does not fit, rather than allocate for it. */
	if (in->len * 3 + 1 > out->cap) {
		int32_t need = in->len + 1;

		for (int32_t i = 0; i < in->len; i++)
			if (in->p[i] == 0x2026)
				need += 2;
		st = nbuf_reserve(out, need);
		if (st < 0)
			return st;
	}
	for (int32_t i = 0; i < in->len;) {
		UChar32 c;
		const char *rep = NULL;
		int32_t start = i;
		UChar u = in->p[i];

		/* One unit that is no surrogate: ASCII white space folds
		 * to a pending space (what classify() says of it), and an
		 * ASCII or BMP character that no fold knows is copied. */
		if (u < 0x80 ? !((flags & TM_NORM_SPACES) &&
		                 ascii_space((unsigned char)u))
		             : !U16_IS_SURROGATE(u) && !maybe_folded(u)) {
			if (pending_space) {
				out->p[n++] = ' ';
				pending_space = false;
			}
			out->p[n++] = u;
			i++;
			continue;
		}
		if (u < 0x80) {
			/* ASCII white space with TM_NORM_SPACES */
			pending_space = n > 0;
			i++;
			continue;
		}
		/* What is left: a character a fold may know, a surrogate
		 * pair (supplementary characters go through classify(), as
		 * maybe_folded() says of them) or an unpaired surrogate,
		 * copied as it is. */
		U16_NEXT(in->p, i, in->len, c);
		if (!maybe_folded(c)) {
			if (pending_space) {
				out->p[n++] = ' ';
				pending_space = false;
			}
			while (start < i)
				out->p[n++] = in->p[start++];
			continue;
		}
		switch (classify(c, flags, &rep)) {
		case FOLD_SPACE:
			pending_space = n > 0;
			continue;
		case FOLD_DROP:
			continue;
		default:
			break;
		}
		if (pending_space) {
			out->p[n++] = ' ';
			pending_space = false;
		}
		if (rep) {
			while (*rep)
				out->p[n++] = (UChar)*rep++;
		} else {
			while (start < i)
				out->p[n++] = in->p[start++];
		}
	}
	out->len = n;
	return TM_OK;
}

static tm_status
normalize_unicode(char **out,
                  size_t *out_len,
                  const char *text,
                  size_t len,
                  unsigned int flags)
{
	nbuf a, b, c;
	nbuf *cur = NULL;
	UErrorCode err = U_ZERO_ERROR;
	tm_status st;

	nbuf_init(&a);
	nbuf_init(&b);
	nbuf_init(&c);
	if (len >= (size_t)INT32_MAX / 4) {
		st = tm__error_set(TM_EINVAL,
		                   "normalize: input of %zu bytes is "
		                   "too large",
		                   len);
		goto done;
	}
	/* ICU rejects exactly what tm_utf8_validate() rejects (ill-formed
	 * sequences, overlongs, surrogates, > U+10FFFF), so the text is
	 * validated once, here; the validator only finds the offset. The
	 * local buffer first: UTF-16 has fewer units than the UTF-8 has
	 * bytes, often far fewer (3 bytes for a unit of Hangul or Han). */
	u_strFromUTF8(a.p, a.cap, &a.len, text, (int32_t)len, &err);
	if (err == U_BUFFER_OVERFLOW_ERROR) {
		err = U_ZERO_ERROR;
		st = nbuf_reserve(&a, a.len + 1);
		if (st < 0)
			goto done;
		u_strFromUTF8(a.p, a.cap, &a.len, text, (int32_t)len, &err);
	}
	if (U_FAILURE(err)) {
		size_t off = 0;

		if (tm_utf8_validate(&off, text, len) < 0)
			st = tm__error_set(
			        TM_EUNICODE,
			        "normalize: invalid UTF-8 at byte %zu", off);
		else
			st = tm__error_set(
			        TM_EUNICODE,
			        "normalize: UTF-8 conversion failed: %s",
			        u_errorName(err));
		goto done;
	}
	st = nfc(&cur, &a, &b);
	if (st < 0)
		goto done;
	if (flags & TM_NORM_CASEFOLD) {
		nbuf *folded = cur == &a ? &b : &a;

		st = casefold(cur, folded);
		if (st < 0)
			goto done;
		/* Folding can leave decomposed sequences (U+01F0 -> j +
		 * U+030C); a second NFC keeps keys idempotent. Text that
		 * folding left as it was (no cased letter: Hangul, Han,
		 * lower case) is still the NFC it was. */
		if (folded->len != cur->len ||
		    memcmp(folded->p, cur->p,
		           (size_t)cur->len * sizeof(UChar)) != 0) {
			st = nfc(&cur, folded, &c);
			if (st < 0)
				goto done;
		}
	}
	if (flags & (TM_NORM_PUNCT | TM_NORM_SPACES)) {
		nbuf *dst = cur == &c ? &a : &c;

		st = fold_punct_spaces(cur, dst, flags);
		if (st < 0)
			goto done;
		cur = dst;
	}
	st = tm__utf16_to_utf8(out, cur->p, cur->len, out_len);
done:
	nbuf_dispose(&a);
	nbuf_dispose(&b);
	nbuf_dispose(&c);
	return st;
}

tm_status
tm_normalize(char **out,
             size_t *out_len,
             const char *text,
             size_t len,
             unsigned int flags)
{
	tm_status st;

	if (out)
		*out = NULL;
	if (out_len)
		*out_len = 0;
	if (!out || (!text && len))
		return tm__error_set(TM_EINVAL, "normalize: NULL argument");
	st = normalize_fast(out, out_len, text ? text : "", len, flags);
	if (st != TM_DONE)
		return st;
	return normalize_unicode(out, out_len, text, len, flags);
}
