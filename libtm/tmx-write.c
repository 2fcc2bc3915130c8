/* SPDX-License-Identifier: MIT */
/* Streaming TMX 1.4b writer.
 *
 * The output is assembled in one reused buffer and written in large
 * blocks (no libxml2 writer: the seg markup is already XML and escaping
 * by hand keeps the output byte-for-byte deterministic and fast). It goes
 * to a temporary file beside the target, renamed only when everything
 * was written and flushed. */
#include "tm-private.h"
#include "tmx-extra-private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define FLUSH_AT (1024 * 1024)

struct tm_tmx_writer {
	char *path;
	char *tmp;
	FILE *f;
	bool to_stdout;
	/* writing straight into a FIFO or character device (no rename) */
	bool direct;
	/* what the rename replaces: path with its links resolved */
	char *dest;
	bool finished;
	unsigned int flags;
	char **langs;
	long long count;
	tm_status err;
	tm__buf out;
	/* The first invalid UTF-8 met while writing the current unit: the
	 * string and the byte (validation rides on the escaping pass). */
	const char *bad_str, *bad_at;
	/* what follows the last unit: "</body></tmx>" and the comments
	 * around them; NULL for the plain "  </body>\n</tmx>\n" */
	char *tail;
};

/* Attributes TMX 1.4b declares on <tu> and <tuv> (xml:lang is written
 * from the variant's language). Others travel as x-libtm-attr: props. */
static const char *const tu_attrs[] = {"tuid",
                                       "o-encoding",
                                       "datatype",
                                       "usagecount",
                                       "lastusagedate",
                                       "creationtool",
                                       "creationtoolversion",
                                       "creationdate",
                                       "creationid",
                                       "changedate",
                                       "segtype",
                                       "changeid",
                                       "o-tmf",
                                       "srclang",
                                       NULL};
static const char *const tuv_attrs[] = {
        "o-encoding",    "datatype",     "usagecount",
        "lastusagedate", "creationtool", "creationtoolversion",
        "creationdate",  "creationid",   "changedate",
        "o-tmf",         "changeid",     NULL};
/* Every attribute TMX 1.4b declares on <header>. */
static const char *const header_attrs[] = {
        "creationtool", "creationtoolversion", "segtype",      "o-tmf",
        "adminlang",    "srclang",             "datatype",     "o-encoding",
        "creationdate", "creationid",          "changedate",   "changeid",
        NULL};
/* Header attributes taken from the stored header besides the required
 * ones written explicitly. */
static const char *const header_opt_attrs[] = {"o-encoding", "creationdate",
                                               "creationid", "changedate",
                                               "changeid",   NULL};

static bool
in_list(const char *const *list, const char *s)
{
	for (size_t i = 0; list[i]; i++)
		if (strcmp(list[i], s) == 0)
			return true;
	return false;
}

static bool
valid_segtype(const char *s)
{
	return s && (strcmp(s, "block") == 0 || strcmp(s, "paragraph") == 0 ||
	             strcmp(s, "sentence") == 0 || strcmp(s, "phrase") == 0);
}

static void
put(tm_tmx_writer *w, const char *s, size_t n)
{
	if (w->err == TM_OK && tm__buf_append(&w->out, s, n) < 0)
		w->err = TM_ENOMEM;
}

static void
puts_(tm_tmx_writer *w, const char *s)
{
	put(w, s, strlen(s));
}

/* Length of the UTF-8 sequence at @p (NUL-terminated: a NUL is never a
 * continuation byte, so nothing is read past it), 0 when invalid. The
 * rules of tm_utf8_validate(): no overlong forms, surrogates or values
 * above U+10FFFF. */
static inline size_t
u8_len(const unsigned char *p)
{
	unsigned char c = p[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return (p[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
		unsigned char hi = c == 0xED ? 0x9F : 0xBF;

		return p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 ? 3
		                                                         : 0;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
		unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;

		return p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 &&
		                       (p[3] & 0xC0) == 0x80
		               ? 4
		               : 0;
	}
	return 0;
}

/* Note the first invalid byte of the unit (see tm_tmx_writer_write_unit). */
static void
bad_utf8(tm_tmx_writer *w, const char *str, const char *at)
{
	if (!w->bad_str) {
		w->bad_str = str;
		w->bad_at = at;
	}
}

static bool
is_ctrl(unsigned char c)
{
	return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

/* 1: escaped in text and attributes, 2: in attributes only, 4: a C0
 * control, dropped (seg text keeps them as <ph>, see put_seg), 8: the
 * start of a multibyte UTF-8 sequence, checked. */
#define HI8(b) [b] = 8, [b + 1] = 8, [b + 2] = 8, [b + 3] = 8
#define HI32(b) HI8(b), HI8(b + 4), HI8(b + 8), HI8(b + 12), HI8(b + 16), \
                HI8(b + 20), HI8(b + 24), HI8(b + 28)
static const unsigned char esc_class[256] = {
        HI32(0x80), HI32(0xA0), HI32(0xC0), HI32(0xE0),
        [1] = 4,   [2] = 4,    [3] = 4,   [4] = 4,    [5] = 4,    [6] = 4,
        [7] = 4,   [8] = 4,    [11] = 4,  [12] = 4,   [14] = 4,   [15] = 4,
        [16] = 4,  [17] = 4,   [18] = 4,  [19] = 4,   [20] = 4,   [21] = 4,
        [22] = 4,  [23] = 4,   [24] = 4,  [25] = 4,   [26] = 4,   [27] = 4,
        [28] = 4,  [29] = 4,   [30] = 4,  [31] = 4,   ['&'] = 1,  ['<'] = 1,
        ['>'] = 1, ['\r'] = 1, ['"'] = 2, ['\t'] = 2, ['\n'] = 2,
};

/* Escape @s for text (attr false) or a double-quoted attribute. C0
 * controls cannot appear in XML 1.0 and are dropped here. The table keeps
 * the common case (nothing to escape) a tight loop; UTF-8 is checked on
 * the way. */
static void
put_escaped(tm_tmx_writer *w, const char *s, bool attr)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char mask = attr ? 15 : 13;
	const char *start = s;

	for (; *p; p++) {
		const char *rep;
		unsigned char k = esc_class[*p] & mask;

		if (!k)
			continue;
		if (k == 8) {
			size_t n = u8_len(p);

			if (!n) {
				bad_utf8(w, s, (const char *)p);
				return;
			}
			p += n - 1;
			continue;
		}
		/* C0 controls (class 4) have no entity: they are dropped. */
		rep = tm__xml_entity(*p);
		if (!rep)
			rep = "";
		put(w, start, (size_t)((const char *)p - start));
		puts_(w, rep);
		start = (const char *)p + 1;
	}
	put(w, start, (size_t)((const char *)p - start));
}

static void
put_attr(tm_tmx_writer *w, const char *name, const char *value)
{
	put(w, " ", 1);
	puts_(w, name);
	put(w, "=\"", 2);
	put_escaped(w, value, true);
	put(w, "\"", 1);
}

static void
put_ctrl_ph(tm_tmx_writer *w, unsigned char c)
{
	char tmp[64];

	snprintf(tmp, sizeof(tmp), "<ph type=\"%s\">%02X</ph>",
	         TM__TMX_CTRL_TYPE, c);
	puts_(w, tmp);
}

/* put_escaped() over @n bytes, for raw tags written as native code. */
static void
put_escaped_len(tm_tmx_writer *w, const char *s, size_t n)
{
	size_t start = 0;

	for (size_t i = 0; i < n; i++) {
		const char *rep;

		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		default:
			continue;
		}
		put(w, s + start, i - start);
		puts_(w, rep);
		start = i + 1;
	}
	put(w, s + start, n - start);
}

/* The inline elements of TMX 1.4b, whether their content is native code
 * (where only text and <sub> may appear) and the attributes declared. */
static const struct inline_el {
	const char *name;
	bool code;
	const char *attrs[4];
} inline_els[] = {
        {"bpt", true, {"i", "x", "type", NULL}},
        {"ept", true, {"i", NULL}},
        {"it", true, {"pos", "x", "type", NULL}},
        {"ph", true, {"x", "assoc", "type", NULL}},
        {"hi", false, {"x", "type", NULL}},
        {"sub", false, {"datatype", "type", NULL}},
        {"ut", true, {"x", NULL}},
};

enum { OPEN_KEPT, OPEN_AS_BPT, OPEN_AS_TEXT };

typedef struct open_el {
	const char *name;
	size_t nlen;
	unsigned char how;
	bool flow; /* inline elements allowed inside */
	long i;    /* OPEN_AS_BPT: the i of its <bpt> */
} open_el;

#define MAX_OPEN 256

static bool
is_name_char(char c)
{
	return c && !strchr(" \t\n\r/>=\"'<&", c);
}

/* Skip a name at @t; NULL after noting invalid UTF-8 in it. */
static const char *
skip_name(tm_tmx_writer *w, const char *markup, const char *t)
{
	while (is_name_char(*t)) {
		size_t n = u8_len((const unsigned char *)t);

		if (!n) {
			bad_utf8(w, markup, t);
			return NULL;
		}
		t += n;
	}
	return t;
}

/* 1: ends a run of text in markup ('<', '&', '>', C0 controls but TAB,
 * LF and CR, NUL), 2: starts a multibyte UTF-8 sequence. */
#define HI8_2(b) [b] = 2, [b + 1] = 2, [b + 2] = 2, [b + 3] = 2
#define HI32_2(b) HI8_2(b), HI8_2(b + 4), HI8_2(b + 8), HI8_2(b + 12), \
                  HI8_2(b + 16), HI8_2(b + 20), HI8_2(b + 24), HI8_2(b + 28)
static const unsigned char text_class[256] = {
        [0] = 1,    [1] = 1,    [2] = 1,    [3] = 1,    [4] = 1,
        [5] = 1,    [6] = 1,    [7] = 1,    [8] = 1,    [11] = 1,
        [12] = 1,   [14] = 1,   [15] = 1,   [16] = 1,   [17] = 1,
        [18] = 1,   [19] = 1,   [20] = 1,   [21] = 1,   [22] = 1,
        [23] = 1,   [24] = 1,   [25] = 1,   [26] = 1,   [27] = 1,
        [28] = 1,   [29] = 1,   [30] = 1,   [31] = 1,   ['<'] = 1,
        ['&'] = 1,  ['>'] = 1,  HI32_2(0x80), HI32_2(0xA0), HI32_2(0xC0),
        HI32_2(0xE0),
};

/* Length of a valid reference at @p ("&amp;", "&#x41;"), 0 if none. */
static size_t
ref_len(const char *p)
{
	static const char *const named[] = {"&amp;", "&lt;", "&gt;", "&quot;",
	                                    "&apos;"};
	const char *q = p + 2;

	for (size_t k = 0; k < TM_ARRAY_SIZE(named); k++)
		if (strncmp(p, named[k], strlen(named[k])) == 0)
			return strlen(named[k]);
	if (p[1] != '#')
		return 0;
	if (*q == 'x') {
		q++;
		while (strchr("0123456789abcdefABCDEF", *q) && *q)
			q++;
		return *q == ';' && q > p + 3 ? (size_t)(q - p + 1) : 0;
	}
	while (*q >= '0' && *q <= '9')
		q++;
	return *q == ';' && q > p + 2 ? (size_t)(q - p + 1) : 0;
}

/* Length of the target of the PI "TARGET DATA" at @s: an XML name (ASCII
 * letters, digits, '_', ':', '-', '.', any non-ASCII; not starting with a
 * digit, '-' or '.'), not "xml" in any case (reserved); 0 when there is
 * none. */
static size_t
pi_target_len(const char *s)
{
	size_t n = 0;

	for (;; n++) {
		unsigned char c = (unsigned char)s[n];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    c == '_' || c == ':' || c >= 0x80)
			continue;
		if (n > 0 && ((c >= '0' && c <= '9') || c == '-' || c == '.'))
			continue;
		break;
	}
	if (n == 3 && (s[0] | 0x20) == 'x' && (s[1] | 0x20) == 'm' &&
	    (s[2] | 0x20) == 'l')
		return 0;
	return n;
}

/* Whether the character at *@t may stand in a comment or a PI of
 * @markup (no C0 control, valid UTF-8: reported when not); *@t is left on
 * its last byte. */
static bool
char_ok(tm_tmx_writer *w, const char *markup, const char **t)
{
	unsigned char c = (unsigned char)**t;
	size_t n;

	if (is_ctrl(c))
		return false;
	if (c < 0x80)
		return true;
	if (!(n = u8_len((const unsigned char *)*t))) {
		bad_utf8(w, markup, *t);
		return false;
	}
	*t += n - 1;
	return true;
}

/* End of the XML comment at @s ("<!--" ... "-->"), NULL when it is none
 * or could not stand in XML ("--" inside, a final '-', a C0 control,
 * invalid UTF-8). */
static const char *
comment_end(tm_tmx_writer *w, const char *markup, const char *s)
{
	const char *t;

	if (strncmp(s, "<!--", 4) != 0)
		return NULL;
	for (t = s + 4; *t; t++) {
		if (*t == '-' && t[1] == '-')
			return t[2] == '>' ? t + 3 : NULL;
		if (!char_ok(w, markup, &t))
			return NULL;
	}
	return NULL;
}

/* End of the processing instruction at @s ("<?TARGET DATA?>"), NULL when
 * it is none or could not stand in XML (no target, "xml", a C0 control,
 * invalid UTF-8). */
static const char *
pi_end(tm_tmx_writer *w, const char *markup, const char *s)
{
	size_t tn = pi_target_len(s + 2);
	const char *t = s + 2 + tn;

	if (!tn ||
	    (*t != '?' && *t != ' ' && *t != '\t' && *t != '\n' && *t != '\r'))
		return NULL;
	for (; *t; t++) {
		if (*t == '?' && t[1] == '>')
			return t + 2;
		if (!char_ok(w, markup, &t))
			return NULL;
	}
	return NULL;
}

/* Largest numeric i="N" in @s, so that new <bpt> pairs do not clash. */
static long
max_i(const char *s)
{
	long m = 0;

	while ((s = strstr(s, " i=\""))) {
		long v = strtol(s + 4, NULL, 10);

		if (v > m)
			m = v;
		s += 4;
	}
	return m;
}

/* The elements open in put_markup() and how each was written. */
typedef struct markup_state {
	const char *markup; /* the whole markup, for error positions */
	open_el st[MAX_OPEN];
	int depth;
	bool flow;   /* in text, not native code */
	long next_i; /* the next <bpt i=...>, -1 until needed */
} markup_state;

/* put_markup()'s end tag at @s ("</"): the one open element closed as it
 * was opened; *@end is after it. False when it is not well-formed. */
static bool
markup_end_tag(tm_tmx_writer *w, markup_state *m, const char *s,
               const char **end)
{
	const char *markup = m->markup, *t, *name;
	size_t nlen;
	open_el *o;

	name = s + 2;
	if (!(t = skip_name(w, markup, name)))
		return false;
	nlen = (size_t)(t - name);
	while (*t == ' ' || *t == '\t' || *t == '\n' ||
	       *t == '\r')
		t++;
	if (*t != '>' || m->depth == 0)
		return false;
	o = &m->st[m->depth - 1];
	if (o->nlen != nlen || memcmp(o->name, name, nlen) != 0)
		return false;
	t++;
	if (o->how == OPEN_KEPT) {
		put(w, s, (size_t)(t - s));
	} else if (o->how == OPEN_AS_BPT) {
		char buf[48];

		snprintf(buf, sizeof(buf), "<ept i=\"%ld\">",
		         o->i);
		puts_(w, buf);
		put_escaped_len(w, s, (size_t)(t - s));
		puts_(w, "</ept>");
	} else {
		put_escaped_len(w, s, (size_t)(t - s));
	}
	m->depth--;
	m->flow = m->depth ? m->st[m->depth - 1].flow : true;
	*end = t;
	return true;
}

/* The attributes of a start tag from @t to its end ('>' or "/>"),
 * written when @el is kept, those its DTD declares only; *@end is after
 * the tag, *@empty whether it was "/>". False when it is not
 * well-formed. */
static bool
markup_attrs(tm_tmx_writer *w, const char *markup, const char *t,
             const struct inline_el *el, bool keep, const char **end,
             bool *empty)
{
	for (;;) {
		const char *an, *av;
		size_t anl;
		char q;

		while (*t == ' ' || *t == '\t' || *t == '\n' ||
		       *t == '\r')
			t++;
		if (*t == '/' && t[1] == '>') {
			*empty = true;
			t += 2;
			break;
		}
		if (*t == '>') {
			t++;
			break;
		}
		an = t;
		if (!(t = skip_name(w, markup, an)))
			return false;
		anl = (size_t)(t - an);
		if (!anl || *t != '=' || (t[1] != '"' && t[1] != '\''))
			return false;
		q = t[1];
		av = t + 2;
		for (t = av; *t && *t != q && *t != '<'; t++) {
			size_t n = u8_len((const unsigned char *)t);

			if (!n) {
				bad_utf8(w, markup, t);
				return false;
			}
			t += n - 1;
			if (*t == '&' && !ref_len(t))
				return false;
		}
		if (*t != q)
			return false;
		t++;
		if (keep) {
			bool declared = false;

			for (size_t k = 0; el->attrs[k]; k++)
				if (strlen(el->attrs[k]) == anl &&
				    memcmp(el->attrs[k], an, anl) == 0)
					declared = true;
			if (declared) {
				put(w, " ", 1);
				put(w, an, (size_t)(t - an));
			}
		}
	}
	*end = t;
	return true;
}

/* put_markup()'s start tag at @s ('<' and a name): kept (a TMX inline
 * element where it may stand), made native code (<bpt>/<ph> around the
 * escaped tag) in text, or escaped text inside native code; *@end is
 * after it. False when it is not well-formed. */
static bool
markup_start_tag(tm_tmx_writer *w, markup_state *m, const char *s,
                 const char **end)
{
	const char *markup = m->markup, *t, *name = s + 1;
	size_t nlen;
	bool empty = false, keep = false;
	const struct inline_el *el = NULL;

	if (!(t = skip_name(w, markup, name)))
		return false;
	nlen = (size_t)(t - name);
	if (nlen == 0)
		return false;
	for (size_t k = 0; k < TM_ARRAY_SIZE(inline_els); k++)
		if (strlen(inline_els[k].name) == nlen &&
		    memcmp(inline_els[k].name, name, nlen) == 0)
			el = &inline_els[k];
	/* A known element that may stand here is written with its
	 * declared attributes only; attributes are checked either way. */
	if (el && (m->flow || strcmp(el->name, "sub") == 0)) {
		keep = true;
		put(w, s, (size_t)(t - s));
	}
	/* else misplaced (an element inside native code) or foreign */
	if (!markup_attrs(w, markup, t, el, keep, &t, &empty))
		return false;
	if (!empty) {
		if (m->depth == MAX_OPEN)
			return false;
		m->st[m->depth].name = name;
		m->st[m->depth].nlen = nlen;
		m->st[m->depth].i = 0;
	}
	if (keep) {
		puts_(w, empty ? "/>" : ">");
		if (!empty) {
			m->st[m->depth].how = OPEN_KEPT;
			m->st[m->depth].flow = !el->code;
		}
	} else if (m->flow) {
		char buf[48];

		if (m->next_i < 0)
			m->next_i = max_i(s) + 1;
		if (empty) {
			puts_(w, "<ph type=\"x-");
			put_escaped_len(w, name, nlen);
		} else {
			snprintf(buf, sizeof(buf),
			         "<bpt i=\"%ld\" type=\"x-", m->next_i);
			puts_(w, buf);
			put_escaped_len(w, name, nlen);
			m->st[m->depth].how = OPEN_AS_BPT;
			m->st[m->depth].flow = true;
			m->st[m->depth].i = m->next_i++;
		}
		puts_(w, "\">");
		put_escaped_len(w, s, (size_t)(t - s));
		puts_(w, empty ? "</ph>" : "</bpt>");
	} else {
		put_escaped_len(w, s, (size_t)(t - s));
		if (!empty) {
			m->st[m->depth].how = OPEN_AS_TEXT;
			m->st[m->depth].flow = false;
		}
	}
	if (!empty) {
		m->depth++;
		m->flow = m->st[m->depth - 1].flow;
	}
	*end = t;
	return true;
}

/* Write stored markup as TMX 1.4b level-2 <seg> content:
 * - TMX inline elements are kept, minus attributes the DTD does not
 *   declare on them (`<ph id=...>` from Heartsome);
 * - foreign elements (`<g>`, `<x/>`, `<t5:n/>`) become native code: a
 *   start/end pair becomes <bpt>/<ept>, an empty one <ph>, with the
 *   original tag escaped inside; within native code they are escaped text;
 * - C0 controls become <ph type="x-libtm-ctrl">0B</ph> (dropped inside
 *   native code, where no element but <sub> may appear).
 * Returns false when the markup is not well-formed XML (it did not come
 * from the reader); the caller then writes the plain text. */
static bool
put_markup(tm_tmx_writer *w, const char *s)
{
	markup_state ms = {.markup = s, .flow = true, .next_i = -1};
	markup_state *m = &ms;
	const char *markup = s;

	while (*s) {
		const char *t;

		if (*s == '&') {
			size_t n = ref_len(s);

			if (!n)
				return false;
			put(w, s, n);
			s += n;
			continue;
		}
		if (*s == '>') {
			puts_(w, "&gt;");
			s++;
			continue;
		}
		if (is_ctrl((unsigned char)*s)) {
			if (m->flow)
				put_ctrl_ph(w, (unsigned char)*s);
			s++;
			continue;
		}
		if (*s != '<') {
			unsigned char k;

			t = s;
			while ((k = text_class[(unsigned char)*t]) != 1) {
				size_t n = 1;

				if (k == 2 &&
				    !(n = u8_len((const unsigned char *)t))) {
					bad_utf8(w, markup, t);
					return false;
				}
				t += n;
			}
			put(w, s, (size_t)(t - s));
			s = t;
			continue;
		}
		if (s[1] == '!' || s[1] == '?') {
			/* a comment or PI (the reader keeps those of the
			 * seg): allowed anywhere in the content of seg and
			 * of every inline element */
			if (!(t = s[1] == '!' ? comment_end(w, markup, s)
			                      : pi_end(w, markup, s)))
				return false;
			put(w, s, (size_t)(t - s));
			s = t;
			continue;
		}
		if (!(s[1] == '/' ? markup_end_tag(w, m, s, &t)
		                  : markup_start_tag(w, m, s, &t)))
			return false;
		s = t;
	}
	return m->depth == 0;
}

/* Level 2: the stored markup, made valid TMX 1.4b (see put_markup).
 * Level 1: the plain text. */
static void
put_seg(tm_tmx_writer *w, const tm_variant *v)
{
	puts_(w, "<seg>");
	if (!(w->flags & TM_TMX_LEVEL1)) {
		size_t mark = w->out.len;

		if (put_markup(w, tm_variant_markup(v))) {
			puts_(w, "</seg>");
			return;
		}
		if (w->bad_str)
			return;
		/* not XML: fall back to the plain text */
		w->out.len = mark;
		w->out.data[mark] = '\0';
	}
	put_escaped(w, tm_variant_plain(v), false);
	puts_(w, "</seg>");
}

/* Write @s (part of @text) as the body of a comment or a PI: C0 controls
 * are dropped, UTF-8 is checked (false, and reported, when bad), and a
 * character that @closes says would end or break the construct gets a
 * space after it. */
static bool
put_guarded(tm_tmx_writer *w, const char *text, const char *s,
            bool (*closes)(const char *))
{
	const char *run = s;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x80) {
			size_t n = u8_len((const unsigned char *)s);

			if (!n) {
				bad_utf8(w, text, s);
				return false;
			}
			s += n - 1;
		} else if (is_ctrl(c)) {
			put(w, run, (size_t)(s - run));
			run = s + 1;
		} else if (closes(s)) {
			put(w, run, (size_t)(s + 1 - run));
			put(w, " ", 1);
			run = s + 1;
		}
	}
	put(w, run, (size_t)(s - run));
	return true;
}

/* "--" inside a comment and "-" at its end cannot stand in one. */
static bool
closes_comment(const char *s)
{
	return *s == '-' && (s[1] == '-' || s[1] == '\0');
}

static bool
closes_pi(const char *s)
{
	return *s == '?' && s[1] == '>';
}

/* The comment body: "--" inside and "-" at the end cannot stand in one,
 * so they get a space ("- -"); C0 controls are dropped; UTF-8 is
 * checked. */
static void
put_comment_text(tm_tmx_writer *w, const char *text)
{
	puts_(w, "<!--");
	if (put_guarded(w, text, text, closes_comment))
		puts_(w, "-->");
}

/* An XML comment on a line of its own. */
static void
put_comment(tm_tmx_writer *w, const char *text, const char *indent)
{
	puts_(w, indent);
	put_comment_text(w, text);
	puts_(w, "\n");
}

/* A processing instruction "TARGET DATA" as <?TARGET DATA?>: "?>" inside
 * gets a space, C0 controls are dropped, UTF-8 is checked; nothing is
 * written when TARGET is not a PI target (only the API can store such a
 * value). */
static void
put_pi_text(tm_tmx_writer *w, const char *v)
{
	size_t tn = pi_target_len(v);

	if (!tn || (v[tn] && v[tn] != ' ' && v[tn] != '\t' && v[tn] != '\n' &&
	            v[tn] != '\r'))
		return;
	puts_(w, "<?");
	if (put_guarded(w, v, v, closes_pi))
		puts_(w, "?>");
}

/* A PI on a line of its own (nothing when it is no PI). */
static void
put_pi(tm_tmx_writer *w, const char *v, const char *indent)
{
	size_t mark = w->out.len;

	puts_(w, indent);
	put_pi_text(w, v);
	if (w->out.len == mark + strlen(indent)) {
		w->out.len = mark;
		if (w->out.data)
			w->out.data[mark] = '\0';
		return;
	}
	puts_(w, "\n");
}

/* The start tag's o-encoding and the text of a prop or note with the
 * comments that stood in it (@extra is the owner's x-libtm-extra, NULL
 * when it has none: the common case, one put_escaped()). */
static void
put_extra_attr(tm_tmx_writer *w,
               const char *extra,
               char kind,
               size_t index,
               const char *text)
{
	unsigned long h = tm__tmx_text_hash(text);
	tm__buf b = {0};
	tm__extra_item it;

	while (tm__extra_next(&extra, kind, index, h, &it)) {
		if (it.what != 'e')
			continue;
		if (!tm__extra_value(&b, &it)) {
			w->err = TM_ENOMEM;
			break;
		}
		put_attr(w, "o-encoding", b.data);
		break;
	}
	tm__buf_dispose(&b);
}

static void
put_text(tm_tmx_writer *w,
         const char *extra,
         char kind,
         size_t index,
         const char *text)
{
	unsigned long h;
	tm__buf b = {0};
	tm__extra_item it;
	size_t pos = 0, len;

	if (!extra) {
		put_escaped(w, text, false);
		return;
	}
	h = tm__tmx_text_hash(text);
	len = strlen(text);
	while (tm__extra_next(&extra, kind, index, h, &it)) {
		size_t off = it.offset;

		if (it.what == 'e')
			continue;
		/* at a character boundary, never backwards */
		if (off > len)
			off = len;
		while (off < len && (text[off] & 0xC0) == 0x80)
			off++;
		if (off < pos)
			off = pos;
		if (off > pos) {
			char *piece = tm__strndup(text + pos, off - pos);

			if (!piece) {
				w->err = TM_ENOMEM;
				break;
			}
			put_escaped(w, piece, false);
			if (w->bad_str == piece) {
				/* report it within the whole text */
				w->bad_at = text + pos + (w->bad_at - piece);
				w->bad_str = text;
			}
			tm__free(piece);
			pos = off;
		}
		if (!tm__extra_value(&b, &it)) {
			w->err = TM_ENOMEM;
			break;
		}
		if (it.what == 'c')
			put_comment_text(w, b.data);
		else
			put_pi_text(w, b.data);
	}
	tm__buf_dispose(&b);
	put_escaped(w, text + pos, false);
}

static void
put_note(tm_tmx_writer *w,
         const tm_note *n,
         const char *indent,
         const char *extra,
         size_t index)
{
	puts_(w, indent);
	puts_(w, "<note");
	if (n->lang)
		put_attr(w, "xml:lang", n->lang);
	if (extra)
		put_extra_attr(w, extra, 'n', index, n->text);
	put(w, ">", 1);
	put_text(w, extra, 'n', index, n->text);
	puts_(w, "</note>\n");
}

static void
put_prop(tm_tmx_writer *w,
         const tm_prop *p,
         const char *indent,
         const char *extra,
         size_t index)
{
	puts_(w, indent);
	puts_(w, "<prop");
	put_attr(w, "type", p->type);
	if (p->lang)
		put_attr(w, "xml:lang", p->lang);
	if (extra)
		put_extra_attr(w, extra, 'p', index, p->value);
	put(w, ">", 1);
	put_text(w, extra, 'p', index, p->value);
	puts_(w, "</prop>\n");
}

/* The places of comments and PIs outside the header and the units, in
 * document order (see TM__TMX_PLACE_BEFORE_TMX). */
static const char *const places[] = {TM__TMX_PLACE_BEFORE_TMX,
                                     TM__TMX_PLACE_BEFORE_HEADER,
                                     TM__TMX_PLACE_BEFORE_BODY,
                                     TM__TMX_PLACE_END_BODY,
                                     TM__TMX_PLACE_AFTER_BODY,
                                     TM__TMX_PLACE_AFTER_TMX,
                                     NULL};

/* Whether @type is @base "-" one of the places. */
static bool
is_placed(const char *type, const char *base)
{
	size_t n = strlen(base);

	return strncmp(type, base, n) == 0 && type[n] == '-' &&
	       in_list(places, type + n + 1);
}

/* Which prop of the props array is of kind 'p' (an ordinary prop), 'c' (a
 * comment), 'i' (a processing instruction), 'u' (a <ude>) or, in the
 * header, 'o' (a comment or PI outside the header, written at its
 * place). */
static char
prop_kind(const tm_prop *p, bool header)
{
	const char *t = p->type;

	if (t[0] != 'x' || strncmp(t, "x-libtm-", 8) != 0)
		return 'p';
	if (strcmp(t, TM__TMX_COMMENT_PROP) == 0)
		return 'c';
	if (strcmp(t, TM__TMX_PI_PROP) == 0)
		return 'i';
	if (strcmp(t, TM__TMX_UDE_PROP) == 0)
		return 'u';
	if (header && (is_placed(t, TM__TMX_COMMENT_PROP) ||
	               is_placed(t, TM__TMX_PI_PROP)))
		return 'o';
	return 'p';
}

/* Walks the notes and the four kinds of props of one tm_meta, each in
 * its stored order. */
typedef struct kids {
	const tm_meta *m;
	size_t n, p, c, i, u; /* next note; next prop index to look at */
	bool udes;            /* 'u' props are written (header only) */
	const char *extra;    /* its x-libtm-extra attribute, NULL if none */
} kids;

/* Write the next child of kind @k ('n', 'p', 'c', 'i', 'u'); false when
 * there is none left. */
static bool
put_kid(tm_tmx_writer *w, kids *k, char kind, const char *indent)
{
	size_t *at = kind == 'p'   ? &k->p
	             : kind == 'c' ? &k->c
	             : kind == 'i' ? &k->i
	                           : &k->u;

	if (kind == 'n') {
		if (k->n >= tm_meta_note_count(k->m))
			return false;
		put_note(w, tm_meta_note(k->m, k->n), indent, k->extra, k->n);
		k->n++;
		return true;
	}
	if (kind != 'p' && kind != 'c' && kind != 'i' && kind != 'u')
		return false;
	for (; *at < tm_meta_prop_count(k->m); (*at)++) {
		const tm_prop *p = tm_meta_prop(k->m, *at);

		if (prop_kind(p, k->udes) != kind)
			continue;
		(*at)++;
		if (kind == 'p')
			put_prop(w, p, indent, k->extra, *at - 1);
		else if (kind == 'c')
			put_comment(w, p->value, indent);
		else if (kind == 'i')
			put_pi(w, p->value, indent);
		else if (k->udes) {
			puts_(w, indent);
			puts_(w, p->value);
			puts_(w, "\n");
		}
		return true;
	}
	return false;
}

static void
put_all(tm_tmx_writer *w, kids *k, char kind, const char *indent)
{
	while (put_kid(w, k, kind, indent))
		;
}

/* The comments and PIs of header @h that stood at @place (see
 * TM__TMX_PLACE_BEFORE_TMX), in their order. */
static void
put_outer(tm_tmx_writer *w,
          const tm_meta *h,
          const char *place,
          const char *indent)
{
	char ct[64], pt[64];

	snprintf(ct, sizeof(ct), "%s-%s", TM__TMX_COMMENT_PROP, place);
	snprintf(pt, sizeof(pt), "%s-%s", TM__TMX_PI_PROP, place);
	for (size_t i = 0; i < tm_meta_prop_count(h); i++) {
		const tm_prop *p = tm_meta_prop(h, i);

		if (strcmp(p->type, ct) == 0)
			put_comment(w, p->value, indent);
		else if (strcmp(p->type, pt) == 0)
			put_pi(w, p->value, indent);
	}
}

/* Attributes that TMX 1.4b does not declare on this element (@known), as
 * x-libtm-attr props, except libtm's own order record and x-libtm-extra,
 * which are handed back in @order and @extra (NULL when absent): one
 * pass over the attributes finds everything. */
static void
put_attr_props(tm_tmx_writer *w,
               const tm_meta *m,
               const char *const *known,
               const char *indent,
               const char **order,
               const char **extra)
{
	*order = *extra = NULL;
	for (size_t i = 0; i < tm_meta_attr_count(m); i++) {
		const char *name, *value;

		tm_meta_attr_at(&name, &value, m, i);
		if (in_list(known, name) &&
		    !(strcmp(name, "segtype") == 0 && !valid_segtype(value)))
			continue;
		/* the attributes libtm keeps for itself, found on the way */
		if (strcmp(name, TM__TMX_ORDER_ATTR) == 0) {
			*order = value;
			continue;
		}
		if (strcmp(name, TM__TMX_EXTRA_ATTR) == 0) {
			*extra = value;
			continue;
		}
		puts_(w, indent);
		puts_(w, "<prop type=\"" TM__TMX_ATTR_PROP);
		put_escaped(w, name, true);
		puts_(w, "\">");
		put_escaped(w, value, false);
		puts_(w, "</prop>\n");
	}
}

/* Children of a tu (@last 'v'), tuv ('s') or header ('u'): notes, props
 * and comments in the stored order (see TM__TMX_ORDER_ATTR), then
 * whatever it did not place. @body calls @body_fn(payload, i) for the
 * i-th 'v' or the 's'. Notes and props left when the first 'v' or 's'
 * comes are written before it, as the DTD wants them. */
typedef void (*body_fn)(tm_tmx_writer *w, void *payload, size_t i);

static void
put_children(tm_tmx_writer *w,
             kids *k,
             const char *order,
             char last,
             size_t nbody,
             body_fn body,
             void *payload,
             const char *indent)
{
	size_t done = 0;

	if (!order && !tm_meta_prop_count(k->m) && !tm_meta_note_count(k->m)) {
		/* most units and variants: nothing but the tuvs / the seg */
		while (done < nbody)
			body(w, payload, done++);
		return;
	}
	for (const char *o = order ? order : ""; *o; o++) {
		if (*o == last && last != 'u') {
			if (done == nbody)
				continue;
			if (done == 0) {
				put_all(w, k, 'n', indent);
				put_all(w, k, 'p', indent);
			}
			body(w, payload, done++);
		} else {
			put_kid(w, k, *o, indent);
		}
	}
	put_all(w, k, 'n', indent);
	put_all(w, k, 'p', indent);
	if (last == 'u')
		put_all(w, k, 'u', indent);
	put_all(w, k, 'c', indent);
	put_all(w, k, 'i', indent);
	while (done < nbody)
		body(w, payload, done++);
}

static void
put_known_attrs(tm_tmx_writer *w, const tm_meta *m, const char *const *known)
{
	for (size_t i = 0; i < tm_meta_attr_count(m); i++) {
		const char *name, *value;

		tm_meta_attr_at(&name, &value, m, i);
		if (!in_list(known, name))
			continue;
		if (strcmp(name, "segtype") == 0 && !valid_segtype(value))
			continue;
		put_attr(w, name, value);
	}
}

static tm_status
flush_out(tm_tmx_writer *w)
{
	if (w->err < 0)
		return w->err;
	if (w->out.len &&
	    fwrite(w->out.data, 1, w->out.len, w->f) != w->out.len) {
		w->err = TM_EIO;
		return tm__error_set(TM_EIO, "tmx: %s: write failed: %s",
		                     w->path, strerror(errno));
	}
	w->out.len = 0;
	return TM_OK;
}

static const char *
header_value(const tm_meta *h, const char *name, const char *fallback)
{
	const char *v = h ? tm_meta_attr(h, name) : NULL;

	return v ? v : fallback;
}

static void
put_header(tm_tmx_writer *w, const tm_tmx_write_options *o)
{
	const tm_meta *h = o ? o->header : NULL;
	const char *segtype = header_value(h, "segtype", "sentence");
	const char *srclang = o && o->srclang
	                              ? o->srclang
	                              : header_value(h, "srclang", "*all*");

	puts_(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	if (h)
		put_outer(w, h, TM__TMX_PLACE_BEFORE_TMX, "");
	puts_(w, "<tmx version=\"1.4\">\n");
	if (h)
		put_outer(w, h, TM__TMX_PLACE_BEFORE_HEADER, "  ");
	puts_(w, "  <header");
	put_attr(w, "creationtool", "libtm");
	put_attr(w, "creationtoolversion", TM__VERSION);
	put_attr(w, "segtype", valid_segtype(segtype) ? segtype : "sentence");
	put_attr(w, "o-tmf", header_value(h, "o-tmf", "libtm"));
	put_attr(w, "adminlang", header_value(h, "adminlang", "en"));
	put_attr(w, "srclang", srclang);
	put_attr(w, "datatype", header_value(h, "datatype", "plaintext"));
	if (h) {
		const char *ct = tm_meta_attr(h, "creationtool");
		const char *ctv = tm_meta_attr(h, "creationtoolversion");
		kids k = {.m = h, .udes = true};
		const char *order;
		size_t mark;

		put_known_attrs(w, h, header_opt_attrs);
		puts_(w, ">\n");
		mark = w->out.len;
		/* the tool that made the original, which our own creationtool
		 * replaces; the reader takes it back (TM__TMX_ORIG_PROP) */
		if (!ct || strcmp(ct, "libtm") != 0) {
			tm_prop p = {TM__TMX_ORIG_PROP "creationtool", NULL, ct};
			tm_prop pv = {TM__TMX_ORIG_PROP "creationtoolversion",
			              NULL, ctv};

			if (ct)
				put_prop(w, &p, "    ", NULL, 0);
			if (ctv)
				put_prop(w, &pv, "    ", NULL, 0);
		}
		put_attr_props(w, h, header_attrs, "    ", &order, &k.extra);
		put_children(w, &k, order, 'u', 0, NULL, NULL, "    ");
		if (w->out.len == mark) {
			w->out.len = mark - 2;
			puts_(w, "/>\n");
		} else {
			puts_(w, "  </header>\n");
		}
		put_outer(w, h, TM__TMX_PLACE_BEFORE_BODY, "  ");
	} else {
		puts_(w, "/>\n");
	}
	puts_(w, "  <body>\n");
}

/* What tm_tmx_writer_finish() writes: </body>, </tmx> and the comments
 * that stood after the last unit, after </body> and after </tmx>; made
 * now, since the header need not outlive tm_tmx_writer_new(). */
static void
make_tail(tm_tmx_writer *w, const tm_meta *h)
{
	size_t mark = w->out.len;
	bool any = false;

	for (size_t i = 0; h && !any && i < tm_meta_prop_count(h); i++)
		any = prop_kind(tm_meta_prop(h, i), true) == 'o';
	if (!any)
		return;
	put_outer(w, h, TM__TMX_PLACE_END_BODY, "    ");
	puts_(w, "  </body>\n");
	put_outer(w, h, TM__TMX_PLACE_AFTER_BODY, "  ");
	puts_(w, "</tmx>\n");
	put_outer(w, h, TM__TMX_PLACE_AFTER_TMX, "");
	if (w->err == TM_OK &&
	    !(w->tail = tm__strndup(w->out.data + mark, w->out.len - mark)))
		w->err = TM_ENOMEM;
	w->out.len = mark;
	w->out.data[mark] = '\0';
}

/* Create the temporary file beside TARGET: "TARGET.tmp-XXXXXX", mode
 * 0666 less the umask (mkstemp's 0600 would make every export private),
 * or MODE when TARGET exists (the rename keeps what it replaces). */
static int
create_tmp(tm_tmx_writer *w, const char *target, int keep_mode)
{
	static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	struct timespec ts;
	unsigned long long x;
	size_t n = strlen(target);
	int fd = -1;

	w->tmp = tm__malloc(n + 16);
	if (!w->tmp) {
		errno = ENOMEM;
		return -1;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	x = (unsigned long long)ts.tv_nsec ^
	    ((unsigned long long)getpid() << 20) ^ (uintptr_t)w;
	for (int attempt = 0; attempt < 100 && fd < 0; attempt++) {
		unsigned long long y = x;

		memcpy(w->tmp, target, n);
		memcpy(w->tmp + n, ".tmp-", 5);
		for (size_t i = 0; i < 6; i++, y /= 36)
			w->tmp[n + 5 + i] = digits[y % 36];
		w->tmp[n + 11] = '\0';
		fd = open(w->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		          0666);
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd >= 0 && keep_mode >= 0)
		(void)fchmod(fd, (mode_t)keep_mode);
	if (fd < 0) {
		tm__free(w->tmp);
		w->tmp = NULL;
	}
	return fd;
}

/* Open the output for PATH. A regular file (or a new one) is written to
 * a temporary file renamed over it at the end; through a symlink, the
 * file it points to is replaced, not the link. A FIFO or a character
 * device (/dev/null, a terminal) is written directly: renaming over it
 * would replace the node with a regular file. Anything else (a
 * directory, a block device, a socket) is refused. */
static tm_status
open_output(tm_tmx_writer *w, const char *path)
{
	char *real = realpath(path, NULL);
	const char *target = real ? real : path;
	struct stat sb;
	int fd, keep_mode = -1;
	tm_status st = TM_OK;

	if (stat(target, &sb) == 0) {
		if (S_ISCHR(sb.st_mode) || S_ISFIFO(sb.st_mode)) {
			fd = open(target, O_WRONLY | O_CLOEXEC);
			if (fd < 0) {
				st = tm__error_set(TM_EIO,
				                   "tmx: %s: cannot open: %s",
				                   path, strerror(errno));
				goto out;
			}
			w->direct = true;
			goto opened;
		}
		if (S_ISDIR(sb.st_mode)) {
			st = tm__error_set(TM_EIO, "tmx: %s: is a directory",
			                   path);
			goto out;
		}
		if (!S_ISREG(sb.st_mode)) {
			st = tm__error_set(TM_EIO,
			                   "tmx: %s: not a regular file, a "
			                   "FIFO or a character device",
			                   path);
			goto out;
		}
		keep_mode = (int)(sb.st_mode & 0777); /* not set-id bits */
	}
	/* through a symlink, replace the file, not the link */
	w->dest = real ? real : tm__strdup(path);
	real = NULL;
	if (!w->dest) {
		st = tm__error_oom();
		goto out;
	}
	fd = create_tmp(w, w->dest, keep_mode);
	if (fd < 0) {
		st = tm__error_set(errno == ENOMEM ? TM_ENOMEM : TM_EIO,
		                   "tmx: %s: cannot create: %s", path,
		                   strerror(errno));
		goto out;
	}
opened:
	w->f = fdopen(fd, "wb");
	if (!w->f) {
		close(fd);
		st = tm__error_oom();
	}
out:
	tm__free(real);
	return st;
}

tm_status
tm_tmx_writer_new(tm_tmx_writer **out,
                  const char *path,
                  const tm_tmx_write_options *opts)
{
	tm_tmx_writer *w;
	tm_status st;
	size_t nl = 0;

	if (!out || !path)
		return tm__error_set(TM_EINVAL, "tmx: no output file given");
	*out = NULL;
	if (opts && opts->version != TM_TMX_WRITE_OPTIONS_VERSION)
		return tm__error_set(TM_EINVAL,
		                     "tmx: unknown tm_tmx_write_options "
		                     "version %u",
		                     opts->version);
	w = tm__calloc(1, sizeof(*w));
	if (!w)
		return tm__error_oom();
	w->path = tm__strdup(path);
	if (!w->path)
		goto oom;
	if (opts) {
		w->flags = opts->flags;
		while (opts->langs && opts->langs[nl])
			nl++;
		if (opts->langs) {
			w->langs = tm__calloc(nl + 1, sizeof(char *));
			if (!w->langs)
				goto oom;
			for (size_t i = 0; i < nl; i++)
				if (!(w->langs[i] = tm__strdup(opts->langs[i])))
					goto oom;
		}
	}
	if (strcmp(path, "-") == 0) {
		w->to_stdout = true;
		w->f = stdout;
	} else {
		st = open_output(w, path);
		if (st < 0) {
			tm_tmx_writer_free(w);
			return st;
		}
	}
	if (tm__buf_grow(&w->out, FLUSH_AT + 4096) < 0)
		goto oom;
	put_header(w, opts);
	make_tail(w, opts ? opts->header : NULL);
	if (w->err < 0)
		goto oom;
	if (w->bad_str) {
		st = tm__error_set(TM_EUNICODE,
		                   "tmx: %s: header: invalid UTF-8 at byte %zu",
		                   path, (size_t)(w->bad_at - w->bad_str));
		tm_tmx_writer_free(w);
		return st;
	}
	*out = w;
	return TM_OK;
oom:
	tm_tmx_writer_free(w);
	return tm__error_oom();
}

static bool
lang_wanted(const tm_tmx_writer *w, const char *lang)
{
	if (!w->langs)
		return true;
	for (size_t i = 0; w->langs[i]; i++)
		if (tm_lang_matches(w->langs[i], lang))
			return true;
	return false;
}

static void
put_seg_body(tm_tmx_writer *w, void *payload, size_t i)
{
	(void)i;
	puts_(w, "        ");
	put_seg(w, payload);
	puts_(w, "\n");
}

/* The i-th variant of unit @payload, when its language is wanted. */
static void
put_tuv(tm_tmx_writer *w, void *payload, size_t i)
{
	const tm_variant *v = tm_unit_variant(payload, i);
	const tm_meta *vm = tm_variant_meta_const(v);
	kids k = {.m = vm};
	const char *order;

	if (!lang_wanted(w, tm_variant_lang(v)))
		return;
	puts_(w, "      <tuv");
	put_attr(w, "xml:lang", tm_variant_lang(v));
	put_known_attrs(w, vm, tuv_attrs);
	puts_(w, ">\n");
	put_attr_props(w, vm, tuv_attrs, "        ", &order, &k.extra);
	put_children(w, &k, order, 's', 1, put_seg_body, (void *)v, "        ");
	puts_(w, "      </tuv>\n");
}

tm_status
tm_tmx_writer_write_unit(tm_tmx_writer *w, const tm_unit *u)
{
	size_t nv = tm_unit_variant_count(u), nwanted = 0, mark;
	const tm_meta *m = tm_unit_meta_const(u);
	kids k = {.m = m};
	const char *order, *found;

	if (w->err < 0)
		return tm__error_set(w->err, "tmx: %s: writer failed earlier",
		                     w->path);
	for (size_t i = 0; i < nv; i++)
		if (lang_wanted(w,
		                tm_variant_lang(tm_unit_variant_const(u, i))))
			nwanted++;
	if (nwanted == 0)
		return TM_DONE;
	/* What is written is checked for UTF-8 while it is escaped; a bad
	 * string takes the unit back out of the buffer. */
	mark = w->out.len;
	w->bad_str = NULL;
	order = tm_meta_attr(m, TM__TMX_ORDER_ATTR);
	/* comments and PIs of <body> before the tu */
	if (order && strchr(order, '|')) {
		for (; *order != '|'; order++)
			put_kid(w, &k, *order, "    ");
		order++;
	}
	puts_(w, "    <tu");
	put_known_attrs(w, m, tu_attrs);
	puts_(w, ">\n");
	put_attr_props(w, m, tu_attrs, "      ", &found, &k.extra);
	put_children(w, &k, order, 'v', nv, put_tuv, (void *)u, "      ");
	puts_(w, "    </tu>\n");
	if (w->err < 0)
		return tm__error_oom();
	if (w->bad_str) {
		w->out.len = mark;
		w->out.data[mark] = '\0';
		return tm__error_set(TM_EUNICODE,
		                     "tmx: %s: unit %lld: invalid UTF-8 at "
		                     "byte %zu",
		                     w->path, tm_unit_id(u),
		                     (size_t)(w->bad_at - w->bad_str));
	}
	w->count++;
	if (w->out.len >= FLUSH_AT)
		return flush_out(w);
	return TM_OK;
}

long long
tm_tmx_writer_count(const tm_tmx_writer *w)
{
	return w->count;
}

tm_status
tm_tmx_writer_finish(tm_tmx_writer *w)
{
	tm_status st;

	if (w->finished)
		return TM_OK;
	puts_(w, w->tail ? w->tail : "  </body>\n</tmx>\n");
	if ((st = flush_out(w)) < 0)
		return st;
	if (fflush(w->f) != 0) {
		w->err = TM_EIO;
		return tm__error_set(TM_EIO, "tmx: %s: write failed: %s",
		                     w->path, strerror(errno));
	}
	if (w->to_stdout) {
		w->finished = true;
		return TM_OK;
	}
	if (!w->direct && fsync(fileno(w->f)) != 0 && errno != EINVAL) {
		w->err = TM_EIO;
		return tm__error_set(TM_EIO, "tmx: %s: write failed: %s",
		                     w->path, strerror(errno));
	}
	st = fclose(w->f);
	w->f = NULL;
	if (st != 0) {
		w->err = TM_EIO;
		return tm__error_set(TM_EIO, "tmx: %s: write failed: %s",
		                     w->path, strerror(errno));
	}
	if (!w->direct && rename(w->tmp, w->dest) != 0) {
		w->err = TM_EIO;
		return tm__error_set(TM_EIO, "tmx: %s: cannot rename: %s",
		                     w->path, strerror(errno));
	}
	w->finished = true;
	return TM_OK;
}

void
tm_tmx_writer_free(tm_tmx_writer *w)
{
	if (!w)
		return;
	if (w->f && !w->to_stdout)
		fclose(w->f);
	if (w->tmp && !w->finished)
		unlink(w->tmp);
	for (size_t i = 0; w->langs && w->langs[i]; i++)
		tm__free(w->langs[i]);
	tm__free(w->langs);
	tm__buf_dispose(&w->out);
	tm__free(w->tail);
	tm__free(w->tmp);
	tm__free(w->dest);
	tm__free(w->path);
	tm__free(w);
}
