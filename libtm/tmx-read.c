/* SPDX-License-Identifier: MIT */
/* Streaming TMX reader.
 *
 * libxml2's SAX2 push parser (the engine under xmlTextReader) is fed 64 KB
 * at a time; the callbacks build one tm_unit per <tu> and queue it for
 * tm_tmx_reader_next(). No tree is built, so memory stays flat whatever
 * the file size, and each start tag's exact line and column are known
 * (xmlTextReader only knows the line of a node: its parser runs ahead).
 *
 * Safety: no DTD or external entity is loaded (no XML_PARSE_DTDLOAD, no
 * XML_PARSE_NOENT, XML_PARSE_NONET, no resolveEntity), every entity
 * declaration or reference other than the predefined ones is refused,
 * and XML_PARSE_HUGE stays off so libxml2's depth (256) and text size
 * (10 MB) limits hold; seg/prop/note texts are capped as well. */
#include "tm-private.h"
#include "tmx-extra-private.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <zlib.h>

#define CHUNK (64 * 1024)
/* Longest seg, prop or note we accept (libxml2's own text limit). */
#define MAX_TEXT (10 * 1024 * 1024)
/* Longest <seg> markup: indexing a segment takes about 128 bytes of
 * postings per byte of text (a 10 MB one took 1.28 GB to import), and
 * real ones are a few kilobytes (the longest in the shared corpora: 1 KB). */
#define MAX_SEG (1024 * 1024)
/* Most <tuv> in one <tu> (a variant per language: a few dozen in the
 * biggest real TMs) and attributes on one element (TMX declares 15 at
 * most): past them the work of a unit would grow with their square (the
 * store pairs variants, libxml2 checks every attribute against the ones
 * before it), so such a unit or file is refused. */
#define MAX_TUVS 4096
#define MAX_ATTRS 1024
#define MAX_WARNED_LANGS 64
#define LANG_CACHE 8
/* Deepest element nesting accepted; libxml2's own limit (256) is not
 * enforced by its push parser. TMX needs 6 levels plus inline codes. */
#define MAX_DEPTH 256

enum src_kind { SRC_GZ, SRC_ZIP, SRC_MEM };

enum capture { CAP_NONE, CAP_PROP, CAP_NOTE };

struct tm_tmx_reader {
	char *name;
	unsigned int flags;
	tm_tmx_message_cb warn;
	void *warn_payload;

	/* input */
	enum src_kind kind;
	gzFile gz;
	FILE *zf;
	z_stream zs;
	bool zs_init;
	int zmethod;
	long long zleft; /* compressed bytes of the entry not yet read */
	/* the entry's CRC-32 and size from the central directory, and
	 * those of what was read so far (checked at its end) */
	uint32_t zcrc_want, zcrc;
	long long zsize_want, zsize;
	unsigned char *zin;
	const char *mem;
	size_t memlen, mempos;
	long long total;    /* input size for progress, 0 when unknown */
	long long consumed; /* for SRC_ZIP and SRC_MEM */
	bool eof;
	char *chunk;
	char *peek; /* first bytes, sniffed before the parser is created */
	size_t peeklen;

	/* parser */
	xmlSAXHandler sax;
	xmlParserCtxtPtr ctxt;
	bool terminated;
	bool xml_failed;
	bool hostile; /* refused for safety: fatal even with KEEP_GOING */
	tm_status err;
	char *errmsg;
	/* the first message libxml2 raised outside the parser context
	 * (encoding conversion), one line */
	char encmsg[256];
	/* attributes counted in the raw bytes before libxml2 sees a start
	 * tag (see count_attrs()); off for UTF-16 and UTF-32 input */
	bool sc_on;
	enum { SC_TEXT, SC_LT, SC_TAG, SC_QUOTE, SC_SKIP } sc_state;
	char sc_quote;
	/* after '<': the bytes that tell a comment, CDATA, PI or
	 * declaration from a tag; in SC_SKIP: the terminator ("-->", "]]>",
	 * "?>", ">") and how much of it was matched */
	char sc_pre[9];
	size_t sc_npre;
	const char *sc_end;
	size_t sc_endpos;
	long sc_attrs;
	long sc_line, sc_col, sc_tag_line, sc_tag_col;

	/* document state */
	int depth;
	int skip_depth; /* > 0: ignoring the subtree started at this depth */
	bool seen_root, in_header, header_done, in_body, body_ended;
	char version[32];
	tm_unit *header_unit; /* its meta is the header */
	long long units;

	/* current <tu> */
	tm_unit *cur;
	bool cur_bad;
	int tu_depth;
	/* current <tuv> */
	bool in_tuv, tuv_has_seg;
	int tuv_depth;
	tm__buf tuv_lang; /* its language attribute, when has_tuv_lang */
	bool has_tuv_lang;
	long tuv_line, tuv_col;
	tm_unit *scratch; /* scratch->meta collects the tuv's metadata */
	/* current <seg> */
	int seg_depth;     /* depth of <seg>, 0 outside */
	int code_depth;    /* > 0 inside bpt/ept/it/ph/ut/sub */
	bool open_pending; /* "<name attrs" written, ">" or "/>" not yet */
	int ctrl_depth;    /* depth of a <ph type="x-libtm-ctrl">, 0 if none */
	tm__buf ctrl;
	tm__buf markup, plain;
	/* current <prop>/<note> */
	enum capture cap;
	int cap_depth;
	char *cap_type, *cap_lang, *cap_enc;
	tm__buf text;
	/* comments and PIs inside it: "KIND OFFSET TAB escaped-text LF"
	 * each (see TM__TMX_EXTRA_ATTR) */
	tm__buf cap_comments;
	/* current <ude> in the header */
	int ude_depth;
	bool ude_pending; /* "<name attrs" written, ">" or "/>" not yet */
	tm__buf ude;
	/* order of children (see TM__TMX_ORDER_ATTR) of the header, the
	 * current tu and tuv; comments of <body> not yet given to a tu */
	tm__buf hdr_order, tu_order, tuv_order;
	tm_meta *body_comments;
	/* x-original- props seen in the header: 1 creationtool, 2 its
	 * version */
	unsigned orig_attrs;

	/* finished units, oldest first */
	tm_unit **q;
	size_t qhead, qlen, qcap;

	long long skipped;
	long long warnings;
	bool warned_date, warned_ns, warned_unknown, warned_pair;
	bool seen_lang_attr, seen_xml_lang, warned_mixed;
	/* i values of the <bpt> open in the current seg */
	char open_bpt[16][16];
	size_t nopen_bpt;
	char *warned_langs[MAX_WARNED_LANGS];
	size_t nwarned_langs;
	/* language tags met that normalize without a warning, and what
	 * they normalize to: a file has a few, and every <tuv> asks */
	struct {
		char *tag, *norm;
	} langs[LANG_CACHE];
	size_t nlangs;
	/* an attribute value with its NUL, reused for every attribute */
	tm__buf val;
	char qname[256];
};

/* ---- messages ---------------------------------------------------------- */

static void TM_PRINTF(5, 0) vreport_at(tm_tmx_reader *r,
                                       tm_tmx_message_kind kind,
                                       long line,
                                       long col,
                                       const char *fmt,
                                       va_list ap)
{
	char msg[1024];
	int n;

	r->warnings++;
	if (!r->warn)
		return;
	n = snprintf(msg, sizeof(msg), "%s:%ld:%ld: ", r->name, line, col);
	if (n < 0 || (size_t)n >= sizeof(msg))
		return;
	vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	r->warn(r->warn_payload, kind, msg);
}

static void TM_PRINTF(4, 5)
        warn_at(tm_tmx_reader *r, long line, long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport_at(r, TM_TMX_MSG_WARNING, line, col, fmt, ap);
	va_end(ap);
}

static void TM_PRINTF(4, 5)
        skip_at(tm_tmx_reader *r, long line, long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport_at(r, TM_TMX_MSG_SKIPPED, line, col, fmt, ap);
	va_end(ap);
}

/* Record the first fatal error and stop the parser. */
static void TM_PRINTF(5, 6) fail_at(tm_tmx_reader *r,
                                    tm_status st,
                                    long line,
                                    long col,
                                    const char *fmt,
                                    ...)
{
	char msg[1024];
	va_list ap;
	int n;

	if (r->err < 0)
		return;
	n = snprintf(msg, sizeof(msg), "tmx: %s:%ld:%ld: ", r->name, line, col);
	if (n < 0 || (size_t)n >= sizeof(msg))
		n = 0;
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	va_end(ap);
	r->err = st;
	tm__free(r->errmsg);
	r->errmsg = tm__strdup(msg);
	if (r->ctxt)
		xmlStopParser(r->ctxt);
}

/* Line and column of the start tag the parser just read: the parser sits
 * right after its '>', so walk back to the '<' counting characters. */
static void
tag_position(tm_tmx_reader *r, long *line, long *col)
{
	xmlParserInputPtr in = r->ctxt ? r->ctxt->input : NULL;
	const xmlChar *p;
	long back = 0;

	*line = in ? in->line : 0;
	*col = in ? in->col : 0;
	if (!in || !in->cur || !in->base)
		return;
	p = in->cur;
	while (p > in->base && p[-1] != '<') {
		p--;
		if (*p == '\n')
			return; /* tag spans lines: keep the parser position */
		if ((*p & 0xC0) != 0x80)
			back++;
	}
	if (p > in->base) {
		back++;
		if (*col - back >= 1)
			*col -= back;
	}
}

/* A unit-level problem: fatal, or with KEEP_GOING the unit is skipped. */
static void TM_PRINTF(4, 5)
        unit_error(tm_tmx_reader *r, long line, long col, const char *fmt, ...)
{
	char what[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (!(r->flags & TM_TMX_KEEP_GOING)) {
		fail_at(r, TM_EPARSE, line, col, "%s", what);
		return;
	}
	if (r->cur && !r->cur_bad) {
		r->cur_bad = true;
		r->skipped++;
		r->warnings--; /* counted as skipped, not as a warning */
		skip_at(r, line, col, "%s; unit skipped", what);
	}
}

/* ---- input ------------------------------------------------------------- */

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint16_t
le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static bool
ends_with_tmx(const unsigned char *name, size_t n)
{
	return n >= 4 && name[n - 4] == '.' && (name[n - 3] | 0x20) == 't' &&
	       (name[n - 2] | 0x20) == 'm' && (name[n - 1] | 0x20) == 'x';
}

/* Find the single *.tmx entry of a zip through its central directory and
 * position the file at its data. Zip64 and encrypted entries are not
 * supported (no TMX tool writes them for a single TM). */
static tm_status
zip_open(tm_tmx_reader *r)
{
	unsigned char tail[65557], lh[30], *cd = NULL;
	long long size, tailoff;
	size_t n, i, found = 0;
	uint32_t cdsize, cdoff, pick_off = 0, pick_csize = 0, pick_crc = 0,
	         pick_usize = 0;
	uint16_t pick_method = 0, pick_flags = 0;
	const unsigned char *p, *eocd = NULL;
	tm_status st = TM_OK;

	if (fseek(r->zf, 0, SEEK_END) != 0 || (size = ftell(r->zf)) < 22)
		return tm__error_set(TM_EPARSE, "tmx: %s: not a zip archive",
		                     r->name);
	tailoff = size > (long long)sizeof(tail)
	                  ? size - (long long)sizeof(tail)
	                  : 0;
	if (fseek(r->zf, (long)tailoff, SEEK_SET) != 0)
		return tm__error_set(TM_EIO, "tmx: %s: %s", r->name,
		                     strerror(errno));
	n = fread(tail, 1, (size_t)(size - tailoff), r->zf);
	for (i = n >= 22 ? n - 22 + 1 : 0; i-- > 0;) {
		if (le32(tail + i) == 0x06054b50) {
			eocd = tail + i;
			break;
		}
	}
	if (!eocd)
		return tm__error_set(TM_EPARSE,
		                     "tmx: %s: zip archive without a central "
		                     "directory",
		                     r->name);
	cdsize = le32(eocd + 12);
	cdoff = le32(eocd + 16);
	if (cdoff == 0xFFFFFFFFu || (long long)cdoff + cdsize > size ||
	    cdsize > 64u * 1024 * 1024)
		return tm__error_set(
		        TM_EPARSE,
		        "tmx: %s: unsupported zip archive (zip64 or "
		        "damaged)",
		        r->name);
	cd = tm__malloc(cdsize ? cdsize : 1);
	if (!cd)
		return tm__error_oom();
	if (fseek(r->zf, (long)cdoff, SEEK_SET) != 0 ||
	    fread(cd, 1, cdsize, r->zf) != cdsize) {
		st = tm__error_set(TM_EIO,
		                   "tmx: %s: cannot read the zip "
		                   "directory",
		                   r->name);
		goto out;
	}
	for (p = cd; p + 46 <= cd + cdsize && le32(p) == 0x02014b50;) {
		uint16_t nlen = le16(p + 28), elen = le16(p + 30),
		         clen = le16(p + 32);
		const unsigned char *name = p + 46;

		if (name + nlen > cd + cdsize)
			break;
		if (ends_with_tmx(name, nlen) &&
		    !(nlen >= 9 && memcmp(name, "__MACOSX/", 9) == 0)) {
			found++;
			pick_flags = le16(p + 8);
			pick_method = le16(p + 10);
			pick_crc = le32(p + 16);
			pick_csize = le32(p + 20);
			pick_usize = le32(p + 24);
			pick_off = le32(p + 42);
		}
		p = name + nlen + elen + clen;
	}
	if (found != 1) {
		st = tm__error_set(TM_EPARSE,
		                   "tmx: %s: the zip archive holds %zu .tmx "
		                   "entries, expected one",
		                   r->name, found);
		goto out;
	}
	if (pick_flags & 1) {
		st = tm__error_set(TM_EPARSE,
		                   "tmx: %s: the .tmx entry is encrypted",
		                   r->name);
		goto out;
	}
	if (pick_method != 0 && pick_method != 8) {
		st = tm__error_set(TM_EPARSE,
		                   "tmx: %s: unsupported zip compression "
		                   "method %u",
		                   r->name, pick_method);
		goto out;
	}
	if (fseek(r->zf, (long)pick_off, SEEK_SET) != 0 ||
	    fread(lh, 1, 30, r->zf) != 30 || le32(lh) != 0x04034b50 ||
	    fseek(r->zf, (long)le16(lh + 26) + le16(lh + 28), SEEK_CUR) != 0) {
		st = tm__error_set(TM_EPARSE,
		                   "tmx: %s: damaged zip local header",
		                   r->name);
		goto out;
	}
	r->zmethod = pick_method;
	r->zleft = pick_csize;
	r->zcrc_want = pick_crc;
	r->zsize_want = pick_usize;
	r->total = pick_csize;
	r->zin = tm__malloc(CHUNK);
	if (!r->zin) {
		st = tm__error_oom();
		goto out;
	}
	if (pick_method == 8) {
		if (inflateInit2(&r->zs, -MAX_WBITS) != Z_OK) {
			st = tm__error_oom();
			goto out;
		}
		r->zs_init = true;
	}
out:
	tm__free(cd);
	return st;
}

/* Read up to @cap bytes of XML; 0 at the end, -1 on error (message set). */
static long
zip_read_raw(tm_tmx_reader *r, char *buf, size_t cap)
{
	size_t n;

	if (r->zmethod == 0) {
		if (r->zleft <= 0)
			return 0;
		if ((long long)cap > r->zleft)
			cap = (size_t)r->zleft;
		n = fread(buf, 1, cap, r->zf);
		if (n == 0) {
			fail_at(r, TM_EIO, 0, 0, "truncated zip entry");
			return -1;
		}
		r->zleft -= (long long)n;
		r->consumed += (long long)n;
		return (long)n;
	}
	r->zs.next_out = (Bytef *)buf;
	r->zs.avail_out = (uInt)cap;
	while (r->zs.avail_out == cap) {
		int zr;

		if (r->zs.avail_in == 0 && r->zleft > 0) {
			size_t want =
			        r->zleft < CHUNK ? (size_t)r->zleft : CHUNK;

			n = fread(r->zin, 1, want, r->zf);
			if (n == 0) {
				fail_at(r, TM_EIO, 0, 0, "truncated zip entry");
				return -1;
			}
			r->zleft -= (long long)n;
			r->consumed += (long long)n;
			r->zs.next_in = r->zin;
			r->zs.avail_in = (uInt)n;
		}
		zr = inflate(&r->zs, Z_NO_FLUSH);
		if (zr == Z_STREAM_END)
			break;
		if (zr != Z_OK && !(zr == Z_BUF_ERROR && r->zleft > 0)) {
			fail_at(r, TM_EPARSE, 0, 0, "damaged zip entry: %s",
			        r->zs.msg ? r->zs.msg : "inflate failed");
			return -1;
		}
		if (r->zs.avail_in == 0 && r->zleft == 0 &&
		    r->zs.avail_out == cap) {
			fail_at(r, TM_EPARSE, 0, 0, "truncated zip entry");
			return -1;
		}
	}
	return (long)(cap - r->zs.avail_out);
}

/* zip_read_raw() with the entry's CRC-32 and size checked at its end: a
 * damaged stored entry would otherwise be read as text. */
static long
zip_read(tm_tmx_reader *r, char *buf, size_t cap)
{
	long n = zip_read_raw(r, buf, cap);

	if (n > 0) {
		r->zcrc = (uint32_t)crc32(r->zcrc, (const Bytef *)buf,
		                          (uInt)n);
		r->zsize += n;
	} else if (n == 0 && (r->zcrc != r->zcrc_want ||
	                      r->zsize != r->zsize_want)) {
		fail_at(r, TM_EPARSE, 0, 0,
		        "damaged zip entry: CRC-32 %08X and size %lld, the "
		        "directory says %08X and %lld",
		        (unsigned)r->zcrc, r->zsize, (unsigned)r->zcrc_want,
		        r->zsize_want);
		return -1;
	}
	return n;
}

static long
src_read(tm_tmx_reader *r, char *buf, size_t cap)
{
	int n;

	switch (r->kind) {
	case SRC_MEM:
		if (cap > r->memlen - r->mempos)
			cap = r->memlen - r->mempos;
		memcpy(buf, r->mem + r->mempos, cap);
		r->mempos += cap;
		r->consumed = (long long)r->mempos;
		return (long)cap;
	case SRC_ZIP:
		return zip_read(r, buf, cap);
	case SRC_GZ:
		n = gzread(r->gz, buf, (unsigned)cap);
		if (n == 0) {
			int zerr;
			const char *m = gzerror(r->gz, &zerr);

			/* zlib reports a gzip stream cut short only here;
			 * its message starts with "<fd:N>: " */
			if (zerr != Z_OK) {
				const char *c = m ? strstr(m, ">: ") : NULL;
				xmlParserInputPtr in =
				        r->ctxt ? r->ctxt->input : NULL;

				if (c)
					m = c + 3;
				fail_at(r, zerr == Z_ERRNO ? TM_EIO : TM_EPARSE,
				        in ? in->line : 0, in ? in->col : 0,
				        "%s%s",
				        zerr == Z_BUF_ERROR ? "truncated gzip "
				                              "file: " : "",
				        zerr == Z_ERRNO ? strerror(errno) : m);
				return -1;
			}
		}
		if (n < 0) {
			int zerr;
			const char *m = gzerror(r->gz, &zerr);

			fail_at(r, zerr == Z_ERRNO ? TM_EIO : TM_EPARSE, 0, 0,
			        "%s", zerr == Z_ERRNO ? strerror(errno) : m);
			return -1;
		}
		return n;
	}
	return -1;
}

/* ---- small helpers ----------------------------------------------------- */

static const char *
qualify(tm_tmx_reader *r, const xmlChar *prefix, const xmlChar *local)
{
	/* what snprintf "%s:%s" would write, truncation included, without
	 * its cost: every <tuv> has an xml:lang */
	size_t cap = sizeof(r->qname) - 1;
	size_t np, nl, n;

	if (!prefix)
		return (const char *)local;
	np = strlen((const char *)prefix);
	nl = strlen((const char *)local);
	n = np < cap ? np : cap;
	memcpy(r->qname, prefix, n);
	if (n < cap)
		r->qname[n++] = ':';
	if (nl > cap - n)
		nl = cap - n;
	memcpy(r->qname + n, local, nl);
	r->qname[n + nl] = '\0';
	return r->qname;
}

/* Bytes that need escaping: 1 in text and attributes, 2 in attributes
 * only. The table keeps the common case (nothing to escape) a tight loop;
 * this is the hottest function of the reader. */
static const unsigned char esc_class[256] = {
        ['&'] = 1, ['<'] = 1,  ['>'] = 1,  ['\r'] = 1,
        ['"'] = 2, ['\t'] = 2, ['\n'] = 2,
};

static tm_status
append_escaped(tm__buf *b, const char *s, size_t n, bool attr)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char mask = attr ? 3 : 1;
	size_t start = 0;

	for (size_t i = 0; i < n; i++) {
		const char *rep;

		if (!(esc_class[p[i]] & mask))
			continue;
		/* Every byte the table marks has an entity. */
		rep = tm__xml_entity(p[i]);
		if (tm__buf_append(b, s + start, i - start) < 0 ||
		    tm__buf_append_str(b, rep) < 0)
			return TM_ENOMEM;
		start = i + 1;
	}
	return tm__buf_append(b, s + start, n - start);
}

static void
buf_reset(tm__buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

static bool
name_is(const xmlChar *local, const xmlChar *prefix, const char *want)
{
	return !prefix && strcmp((const char *)local, want) == 0;
}

/* Value of attribute @want (no prefix, or xml: when @xml) where libxml2
 * keeps it (no NUL) and its length in *@len; NULL when absent. */
static const char *
attr_find(const xmlChar **attrs,
          int nattrs,
          const char *want,
          bool xml,
          size_t *len)
{
	for (int i = 0; i < nattrs; i++) {
		const xmlChar **a = attrs + i * 5;
		bool px = a[1] && strcmp((const char *)a[1], "xml") == 0;

		if ((xml ? px : !a[1]) &&
		    strcmp((const char *)a[0], want) == 0) {
			*len = (size_t)(a[4] - a[3]);
			return (const char *)a[3];
		}
	}
	return NULL;
}

/* The same as a fresh string. */
static char *
attr_dup(const xmlChar **attrs, int nattrs, const char *want, bool xml)
{
	size_t n;
	const char *v = attr_find(attrs, nattrs, want, xml, &n);

	return v ? tm__strndup(v, n) : NULL;
}

/* attr_dup() into *@out (NULL when absent); false when the attribute is
 * there and memory ran out, which an absent one must not be taken for. */
static bool
attr_dup_to(char **out, const xmlChar **attrs, int nattrs, const char *want,
            bool xml)
{
	size_t n;
	const char *v = attr_find(attrs, nattrs, want, xml, &n);

	*out = v ? tm__strndup(v, n) : NULL;
	return !v || *out;
}

/* s[0..n) with a NUL in r->val (valid until the next call); NULL when out
 * of memory. */
static const char *
val_set(tm_tmx_reader *r, const char *s, size_t n)
{
	buf_reset(&r->val);
	return tm__buf_append(&r->val, s, n) < 0 ? NULL : r->val.data;
}

static bool
is_date_attr(const char *name)
{
	return strcmp(name, "creationdate") == 0 ||
	       strcmp(name, "changedate") == 0 ||
	       strcmp(name, "lastusagedate") == 0;
}

static bool
all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* TMX dates are YYYYMMDDThhmmssZ. Repair the forms met in the wild (ISO
 * extended with or without fraction and offset, date only) into @out;
 * false when @v is neither. */
static bool
repair_date(const char *v, char out[17])
{
	size_t n = strlen(v);

	if (n == 16 && v[8] == 'T' && v[15] == 'Z' && all_digits(v, 8) &&
	    all_digits(v + 9, 6))
		return false;
	if (n == 8 && all_digits(v, 8)) {
		snprintf(out, 17, "%.8sT000000Z", v);
		return true;
	}
	if (n >= 19 && v[4] == '-' && v[7] == '-' &&
	    (v[10] == 'T' || v[10] == ' ') && v[13] == ':' && v[16] == ':' &&
	    all_digits(v, 4) && all_digits(v + 5, 2) && all_digits(v + 8, 2) &&
	    all_digits(v + 11, 2) && all_digits(v + 14, 2) &&
	    all_digits(v + 17, 2)) {
		snprintf(out, 17, "%.4s%.2s%.2sT%.2s%.2s%.2sZ", v, v + 5, v + 8,
		         v + 11, v + 14, v + 17);
		return true;
	}
	return false;
}

/* Store the attributes of a header/tu/tuv into @m, except those named in
 * @except (NULL-terminated). */
static void
store_attrs(tm_tmx_reader *r,
            tm_meta *m,
            const xmlChar **attrs,
            int nattrs,
            const char *const *except,
            long line,
            long col)
{
	for (int i = 0; i < nattrs; i++) {
		const xmlChar **a = attrs + i * 5;
		const char *name = qualify(r, a[1], a[0]);
		const char *val;
		char fixed[17];
		bool skip = false;

		for (size_t k = 0; except && except[k]; k++)
			if (strcmp(name, except[k]) == 0)
				skip = true;
		if (skip)
			continue;
		val = val_set(r, (const char *)a[3], (size_t)(a[4] - a[3]));
		if (!val) {
			fail_at(r, TM_ENOMEM, line, col, "out of memory");
			return;
		}
		if (is_date_attr(name) && repair_date(val, fixed)) {
			if (!r->warned_date) {
				r->warned_date = true;
				warn_at(r, line, col,
				        "date '%s' is not in TMX form; read "
				        "as '%s' (further dates repaired "
				        "silently)",
				        val, fixed);
			}
			val = fixed;
		}
		if (tm_meta_set_attr(m, name, val) < 0) {
			/* stopped: the attributes are freed with the chunk */
			fail_at(r, TM_ENOMEM, line, col, "out of memory");
			return;
		}
	}
}

/* Whether normalizing @tag into @norm did more than change case. */
static bool
lang_changed(const char *norm, const char *tag)
{
	return strlen(norm) != strlen(tag) || strchr(tag, '_');
}

/* Normalize a language tag; warn once per tag about repairs beyond case. */
static char *
lang_fix(tm_tmx_reader *r, const char *tag, long line, long col,
         tm_status *st)
{
	char *norm = NULL;

	if ((*st = tm_lang_normalize(&norm, tag)) < 0)
		return NULL;
	if (lang_changed(norm, tag)) {
		for (size_t i = 0; i < r->nwarned_langs; i++)
			if (strcmp(r->warned_langs[i], tag) == 0)
				return norm;
		if (r->nwarned_langs < MAX_WARNED_LANGS)
			r->warned_langs[r->nwarned_langs++] = tm__strdup(tag);
		warn_at(r, line, col, "language tag '%s' read as '%s'", tag,
		        norm);
	}
	return norm;
}

/* lang_fix() remembering the tags it had nothing to warn about (the same
 * answer, and the same silence, every time): the normalized tag, owned by
 * @r or, when *@owned is not NULL, by the caller; NULL for a bad tag or
 * when memory ran out (*@st says which). */
static const char *
lang_fix_cached(tm_tmx_reader *r, const char *tag, long line, long col,
                char **owned, tm_status *st)
{
	char *norm, *copy;

	*owned = NULL;
	*st = TM_OK;
	for (size_t i = 0; i < r->nlangs; i++)
		if (strcmp(r->langs[i].tag, tag) == 0)
			return r->langs[i].norm;
	norm = lang_fix(r, tag, line, col, st);
	if (!norm)
		return NULL;
	if (r->nlangs < LANG_CACHE && !lang_changed(norm, tag) &&
	    (copy = tm__strdup(tag))) {
		r->langs[r->nlangs].tag = copy;
		r->langs[r->nlangs++].norm = norm;
		return norm;
	}
	*owned = norm;
	return norm;
}

static void
copy_meta(tm_tmx_reader *r, tm_meta *dst, const tm_meta *src)
{
	for (size_t i = 0; i < tm_meta_attr_count(src); i++) {
		const char *n, *v;

		tm_meta_attr_at(&n, &v, src, i);
		if (tm_meta_set_attr(dst, n, v) < 0)
			fail_at(r, TM_ENOMEM, 0, 0, "out of memory");
	}
	for (size_t i = 0; i < tm_meta_prop_count(src); i++) {
		const tm_prop *p = tm_meta_prop(src, i);

		if (tm_meta_add_prop(dst, p->type, p->lang, p->value) < 0)
			fail_at(r, TM_ENOMEM, 0, 0, "out of memory");
	}
	for (size_t i = 0; i < tm_meta_note_count(src); i++) {
		const tm_note *nt = tm_meta_note(src, i);

		if (tm_meta_add_note(dst, nt->lang, nt->text) < 0)
			fail_at(r, TM_ENOMEM, 0, 0, "out of memory");
	}
}

/* Where props and notes go right now: tuv (scratch), tu or header. */
static tm_meta *
meta_target(tm_tmx_reader *r)
{
	if (r->in_tuv)
		return tm_unit_meta(r->scratch);
	if (r->cur)
		return tm_unit_meta(r->cur);
	if (r->in_header)
		return tm_unit_meta(r->header_unit);
	return NULL;
}

/* The order record that goes with meta_target(). */
static tm__buf *
order_target(tm_tmx_reader *r)
{
	if (r->in_tuv)
		return &r->tuv_order;
	if (r->cur)
		return &r->tu_order;
	if (r->in_header)
		return &r->hdr_order;
	return NULL;
}

static void
order_add(tm_tmx_reader *r, tm__buf *b, char c)
{
	if (b && tm__buf_append(b, &c, 1) < 0)
		fail_at(r, TM_ENOMEM, 0, 0, "out of memory");
}

/* Keep @b as the order attribute of @m unless it is the default order,
 * "n*p*" then any number of @last ('v', 's' or 'u'). */
static void
order_store(tm_tmx_reader *r, tm_meta *m, tm__buf *b, char last)
{
	const char *s = b->data ? b->data : "";

	while (*s == 'n')
		s++;
	while (*s == 'p')
		s++;
	while (*s == last)
		s++;
	if (*s && tm_meta_set_attr(m, TM__TMX_ORDER_ATTR, b->data) < 0)
		fail_at(r, TM_ENOMEM, 0, 0, "out of memory");
	buf_reset(b);
}

static void seg_close_pending(tm_tmx_reader *r);
static void ude_close_pending(tm_tmx_reader *r);
static void ude_check(tm_tmx_reader *r);

/* Where a comment or PI outside the header and the units stood (see
 * TM__TMX_PLACE_BEFORE_TMX); NULL when it is not such a place. */
static const char *
outer_place(const tm_tmx_reader *r)
{
	if (!r->seen_root)
		return TM__TMX_PLACE_BEFORE_TMX;
	if (r->depth == 0)
		return TM__TMX_PLACE_AFTER_TMX;
	if (r->depth != 1)
		return NULL;
	if (r->body_ended)
		return TM__TMX_PLACE_AFTER_BODY;
	return r->header_done ? TM__TMX_PLACE_BEFORE_BODY
	                      : TM__TMX_PLACE_BEFORE_HEADER;
}

/* An XML comment (@kind 'c', @v its text) or processing instruction ('i',
 * @v "TARGET DATA") wherever it stands: in the markup of a seg or a ude,
 * in the x-libtm-extra record of a prop or note, else as a prop of the
 * tuv, tu or header (TM__TMX_COMMENT_PROP, TM__TMX_PI_PROP), of the next
 * tu when it is in <body> between units, of the header with its place
 * when it is outside the header and the units. */
static void
on_misc(tm_tmx_reader *r, char kind, const char *v)
{
	const char *type = kind == 'c' ? TM__TMX_COMMENT_PROP : TM__TMX_PI_PROP;
	const char *place = NULL;
	char outer[64];
	tm_meta *m;
	bool ok;

	if (r->err < 0 || r->skip_depth)
		return;
	if (r->seg_depth || r->ude_depth) {
		/* kept in the markup at its place: not part of the plain
		 * text (the text callback alone feeds it) */
		tm__buf *b = r->seg_depth ? &r->markup : &r->ude;

		if (r->seg_depth)
			seg_close_pending(r);
		else
			ude_close_pending(r);
		if (tm__buf_append_str(b, kind == 'c' ? "<!--" : "<?") < 0 ||
		    tm__buf_append_str(b, v) < 0 ||
		    tm__buf_append_str(b, kind == 'c' ? "-->" : "?>") < 0)
			fail_at(r, TM_ENOMEM, 0, 0, "out of memory");
		if (r->ude_depth) {
			ude_check(r);
			return;
		}
		if (b->len <= MAX_SEG)
			return;
		unit_error(r, r->ctxt->input->line, r->ctxt->input->col,
		           "<seg> longer than %d bytes", MAX_SEG);
		r->skip_depth = r->seg_depth;
		r->seg_depth = 0;
		return;
	}
	if (r->cap != CAP_NONE) {
		ok = tm__extra_pending(&r->cap_comments, kind, r->text.len,
		                       v) == 0;
		if (!ok)
			fail_at(r, TM_ENOMEM, 0, 0, "out of memory");
		else if (r->cap_comments.len > MAX_TEXT)
			fail_at(r, TM_EPARSE, r->ctxt->input->line,
			        r->ctxt->input->col,
			        "<prop> or <note> longer than %d bytes",
			        MAX_TEXT);
		return;
	}
	m = meta_target(r);
	if (!m && r->in_body && !r->body_ended && !r->cur) {
		/* given to the next tu, or at </body> to the header */
		m = r->body_comments;
	} else if (!m) {
		place = outer_place(r);
		if (!place)
			return;
		snprintf(outer, sizeof(outer), "%s-%s", type, place);
		type = outer;
		m = tm_unit_meta(r->header_unit);
	}
	if (tm_meta_add_prop(m, type, NULL, v) < 0)
		fail_at(r, TM_ENOMEM, 0, 0, "out of memory");
	if (!place)
		order_add(r, order_target(r), kind);
}

static void
on_comment(void *ctx, const xmlChar *value)
{
	on_misc(ctx, 'c', (const char *)value);
}

static void
on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	tm_tmx_reader *r = ctx;
	tm__buf b = {0};

	if (r->err < 0 || r->skip_depth)
		return;
	if (tm__buf_append_str(&b, (const char *)target) < 0 ||
	    (data && *data &&
	     (tm__buf_append(&b, " ", 1) < 0 ||
	      tm__buf_append_str(&b, (const char *)data) < 0)))
		fail_at(r, TM_ENOMEM, 0, 0, "out of memory");
	else
		on_misc(r, 'i', b.data);
	tm__buf_dispose(&b);
}

static bool
queue_push(tm_tmx_reader *r, tm_unit *u)
{
	if (r->qhead > 0 && r->qhead == r->qlen) {
		r->qhead = r->qlen = 0;
	}
	if (!TM__ARRAY_GROW(r->q, r->qcap, r->qlen + 1, 64))
		return false;
	r->q[r->qlen++] = u;
	return true;
}

/* ---- seg serialization ------------------------------------------------- */

static bool
is_code(const xmlChar *local, const xmlChar *prefix)
{
	static const char *const codes[] = {"bpt", "ept", "it", "ph",
	                                    "ut",  "sub", NULL};

	if (prefix)
		return false;
	for (size_t i = 0; codes[i]; i++)
		if (strcmp((const char *)local, codes[i]) == 0)
			return true;
	return false;
}

/* The last start tag written into @buf gets its ">" once content follows
 * (*@pending: it has none yet); an element without content is written
 * <map/>, as TMX files write it. One for the seg's markup and the ude's. */
static void
close_pending(tm_tmx_reader *r, tm__buf *buf, bool *pending)
{
	if (*pending) {
		if (tm__buf_append(buf, ">", 1) < 0)
			fail_at(r, TM_ENOMEM, 0, 0, "out of memory");
		*pending = false;
	}
}

static void
seg_close_pending(tm_tmx_reader *r)
{
	close_pending(r, &r->markup, &r->open_pending);
}

static void
ude_close_pending(tm_tmx_reader *r)
{
	close_pending(r, &r->ude, &r->ude_pending);
}

/* A <ude> is held whole as a header prop: capped like a seg. */
static void
ude_check(tm_tmx_reader *r)
{
	if (r->ude.len > MAX_TEXT)
		fail_at(r, TM_EPARSE, r->ctxt->input->line, r->ctxt->input->col,
		        "<ude> longer than %d bytes", MAX_TEXT);
}

static void
serialize_start(tm_tmx_reader *r,
                tm__buf *b,
                const xmlChar *local,
                const xmlChar *prefix,
                int nns,
                const xmlChar **ns,
                int nattrs,
                const xmlChar **attrs)
{
	bool ok = tm__buf_append(b, "<", 1) == 0 &&
	          tm__buf_append_str(b, qualify(r, prefix, local)) == 0;

	for (int i = 0; ok && i < nns; i++) {
		const xmlChar *p = ns[2 * i], *uri = ns[2 * i + 1];

		ok = tm__buf_append_str(b, p ? " xmlns:" : " xmlns") == 0 &&
		     (!p || tm__buf_append_str(b, (const char *)p) == 0) &&
		     tm__buf_append(b, "=\"", 2) == 0 &&
		     append_escaped(b, (const char *)uri,
		                    strlen((const char *)uri), true) == 0 &&
		     tm__buf_append(b, "\"", 1) == 0;
	}
	for (int i = 0; ok && i < nattrs; i++) {
		const xmlChar **a = attrs + i * 5;

		ok = tm__buf_append(b, " ", 1) == 0 &&
		     tm__buf_append_str(b, qualify(r, a[1], a[0])) == 0 &&
		     tm__buf_append(b, "=\"", 2) == 0 &&
		     append_escaped(b, (const char *)a[3],
		                    (size_t)(a[4] - a[3]), true) == 0 &&
		     tm__buf_append(b, "\"", 1) == 0;
	}
	if (!ok)
		fail_at(r, TM_ENOMEM, 0, 0, "out of memory");
}

/* TMX pairs <bpt i="N"> with a later <ept i="N"> in the same seg. The
 * markup is kept as it came either way; a broken pairing only warns
 * (once per file), since other tools round-trip such segments too. */
static void
check_pairing(tm_tmx_reader *r,
              const xmlChar *local,
              const xmlChar *prefix,
              int nattrs,
              const xmlChar **attrs)
{
	bool bpt = name_is(local, prefix, "bpt");
	char *i;
	long line, col;
	size_t k;

	if (!bpt && !name_is(local, prefix, "ept"))
		return;
	i = attr_dup(attrs, nattrs, "i", false);
	if (!i)
		return;
	for (k = 0; k < r->nopen_bpt; k++)
		if (strcmp(r->open_bpt[k], i) == 0)
			break;
	tag_position(r, &line, &col);
	if (bpt && k < r->nopen_bpt && !r->warned_pair) {
		r->warned_pair = true;
		warn_at(r, line, col,
		        "two <bpt i=\"%s\"> open in one <seg>; kept as is "
		        "(further pairing problems not reported)",
		        i);
	} else if (bpt && r->nopen_bpt < TM_ARRAY_SIZE(r->open_bpt)) {
		snprintf(r->open_bpt[r->nopen_bpt++], sizeof(r->open_bpt[0]),
		         "%s", i);
	} else if (!bpt && k == r->nopen_bpt && !r->warned_pair) {
		r->warned_pair = true;
		warn_at(r, line, col,
		        "<ept i=\"%s\"> without its <bpt>; kept as is "
		        "(further pairing problems not reported)",
		        i);
	} else if (!bpt && k < r->nopen_bpt) {
		memmove(r->open_bpt[k], r->open_bpt[k + 1],
		        (r->nopen_bpt - k - 1) * sizeof(r->open_bpt[0]));
		r->nopen_bpt--;
	}
	tm__free(i);
}

/* ---- SAX callbacks ----------------------------------------------------- */

static void
start_tu(tm_tmx_reader *r,
         int nattrs,
         const xmlChar **attrs,
         long line,
         long col)
{
	if (tm_unit_new(&r->cur) < 0) {
		fail_at(r, TM_ENOMEM, line, col, "out of memory");
		return;
	}
	r->cur_bad = false;
	r->tu_depth = r->depth;
	buf_reset(&r->tu_order);
	store_attrs(r, tm_unit_meta(r->cur), attrs, nattrs, NULL, line, col);
	/* comments of <body> since the last tu belong to this one */
	if (tm_meta_prop_count(r->body_comments)) {
		copy_meta(r, tm_unit_meta(r->cur), r->body_comments);
		for (size_t i = 0; i < tm_meta_prop_count(r->body_comments);
		     i++)
			order_add(
			        r, &r->tu_order,
			        strcmp(tm_meta_prop(r->body_comments, i)->type,
			               TM__TMX_PI_PROP) == 0
			                ? 'i'
			                : 'c');
		order_add(r, &r->tu_order, '|');
		tm_meta_clear(r->body_comments);
	}
}

static void
start_tuv(tm_tmx_reader *r,
          int nattrs,
          const xmlChar **attrs,
          long line,
          long col)
{
	static const char *const except[] = {"xml:lang", "lang", NULL};
	size_t n = 0;
	const char *lang = attr_find(attrs, nattrs, "lang", true, &n);

	if (lang) {
		r->seen_xml_lang = true;
	} else {
		lang = attr_find(attrs, nattrs, "lang", false, &n);
		if (lang)
			r->seen_lang_attr = true;
	}
	if (r->seen_xml_lang && r->seen_lang_attr && !r->warned_mixed) {
		r->warned_mixed = true;
		warn_at(r, line, col,
		        "the file mixes lang and xml:lang on <tuv>; both "
		        "read");
	}
	if (r->cur && tm_unit_variant_count(r->cur) >= MAX_TUVS) {
		unit_error(r, line, col, "a <tu> with more than %d <tuv>",
		           MAX_TUVS);
		/* a fatal error halted the parser, which freed the input
		 * that ATTRS points into */
		if (r->err < 0)
			return;
	}
	r->in_tuv = true;
	r->tuv_has_seg = false;
	r->tuv_depth = r->depth;
	r->tuv_line = line;
	r->tuv_col = col;
	buf_reset(&r->tuv_lang);
	r->has_tuv_lang = lang != NULL;
	if (lang && tm__buf_append(&r->tuv_lang, lang, n) < 0)
		fail_at(r, TM_ENOMEM, line, col, "out of memory");
	tm_meta_clear(tm_unit_meta(r->scratch));
	buf_reset(&r->tuv_order);
	store_attrs(r, tm_unit_meta(r->scratch), attrs, nattrs, except, line,
	            col);
}

static void
end_tuv(tm_tmx_reader *r)
{
	tm_variant *v = NULL;
	const char *norm;
	char *owned;
	tm_status lst;

	r->in_tuv = false;
	if (r->cur_bad)
		return;
	if (!r->has_tuv_lang) {
		unit_error(r, r->tuv_line, r->tuv_col, "<tuv> lacks xml:lang");
		return;
	}
	if (!r->tuv_has_seg) {
		unit_error(r, r->tuv_line, r->tuv_col, "<tuv> lacks <seg>");
		return;
	}
	norm = lang_fix_cached(r, r->tuv_lang.data, r->tuv_line, r->tuv_col,
	                       &owned, &lst);
	if (!norm && lst == TM_ENOMEM) {
		fail_at(r, TM_ENOMEM, r->tuv_line, r->tuv_col, "out of memory");
		return;
	}
	if (!norm) {
		unit_error(r, r->tuv_line, r->tuv_col,
		           "<tuv> has a bad language tag '%s'",
		           r->tuv_lang.data);
		return;
	}
	if (tm_unit_add_variant(&v, r->cur, norm,
	                        r->markup.data ? r->markup.data : "",
	                        r->plain.data ? r->plain.data : "") < 0) {
		tm__free(owned);
		fail_at(r, TM_ENOMEM, r->tuv_line, r->tuv_col, "out of memory");
		return;
	}
	tm__free(owned);
	copy_meta(r, tm_variant_meta(v), tm_unit_meta_const(r->scratch));
	order_store(r, tm_variant_meta(v), &r->tuv_order, 's');
	order_add(r, &r->tu_order, 'v');
}

/* Props of type x-libtm-attr:NAME carry attributes that TMX 1.4b does not
 * declare (see tmx-write.c); turn them back into attributes. */
static bool
prop_is_attr(tm_tmx_reader *r, tm_meta *m, const char *type, const char *value)
{
	if (strncmp(type, TM__TMX_ATTR_PROP, strlen(TM__TMX_ATTR_PROP)) != 0 ||
	    !type[strlen(TM__TMX_ATTR_PROP)])
		return false;
	if (tm_meta_set_attr(m, type + strlen(TM__TMX_ATTR_PROP), value) < 0)
		fail_at(r, TM_ENOMEM, 0, 0, "out of memory");
	return true;
}

/* A header prop x-original-creationtool(version) gives back the tool
 * that made the file libtm exported (see TM__TMX_ORIG_PROP). */
static bool
orig_prop(tm_tmx_reader *r, tm_meta *m, const char *type, const char *value)
{
	const char *name = type + strlen(TM__TMX_ORIG_PROP);

	if (!r->in_header ||
	    strncmp(type, TM__TMX_ORIG_PROP, strlen(TM__TMX_ORIG_PROP)) != 0 ||
	    (strcmp(name, "creationtool") != 0 &&
	     strcmp(name, "creationtoolversion") != 0))
		return false;
	if (tm_meta_set_attr(m, name, value) < 0)
		fail_at(r, TM_ENOMEM, 0, 0, "out of memory");
	r->orig_attrs |= name[12] ? 2 : 1;
	return true;
}

/* Record the o-encoding and the comments of the prop or note just
 * added to @m as item @kind @index (see TM__TMX_EXTRA_ATTR). */
static void
store_extra(
        tm_tmx_reader *r, tm_meta *m, char kind, size_t index, const char *text)
{
	tm__buf b = {0};

	if (tm__extra_record(&b, tm_meta_attr(m, TM__TMX_EXTRA_ATTR), kind,
	                     index, text, r->cap_enc,
	                     r->cap_comments.data) < 0 ||
	    tm_meta_set_attr(m, TM__TMX_EXTRA_ATTR, b.data) < 0)
		fail_at(r, TM_ENOMEM, 0, 0, "out of memory");
	tm__buf_dispose(&b);
}

static void
end_capture(tm_tmx_reader *r)
{
	tm_meta *m = meta_target(r);
	const char *text = r->text.data ? r->text.data : "";

	if (m && !(r->cur_bad && r->cur)) {
		tm_status st;
		char kind = 0;
		size_t index = 0;

		if (r->cap == CAP_PROP) {
			if (prop_is_attr(r, m, r->cap_type, text) ||
			    (!r->cur && orig_prop(r, m, r->cap_type, text))) {
				st = TM_OK;
			} else {
				kind = 'p';
				index = tm_meta_prop_count(m);
				st = tm_meta_add_prop(m, r->cap_type,
				                      r->cap_lang, text);
				order_add(r, order_target(r), 'p');
			}
		} else {
			kind = 'n';
			index = tm_meta_note_count(m);
			st = tm_meta_add_note(m, r->cap_lang, text);
			order_add(r, order_target(r), 'n');
		}
		if (st < 0)
			fail_at(r, TM_ENOMEM, 0, 0, "out of memory");
		else if (kind && (r->cap_enc || r->cap_comments.len))
			store_extra(r, m, kind, index, text);
	}
	tm__free(r->cap_type);
	tm__free(r->cap_lang);
	tm__free(r->cap_enc);
	r->cap_type = r->cap_lang = r->cap_enc = NULL;
	r->cap = CAP_NONE;
	buf_reset(&r->text);
	buf_reset(&r->cap_comments);
}

/* on_start() inside a <seg>: the element kept in the markup as it came
 * (pairing checked, native code and C0 placeholders tracked). */
static void
start_in_seg(tm_tmx_reader *r,
             const xmlChar *local,
             const xmlChar *prefix,
             int nns,
             const xmlChar **ns,
             int nattrs,
             const xmlChar **attrs)
{
	long line, col;

	seg_close_pending(r);
	serialize_start(r, &r->markup, local, prefix, nns, ns, nattrs,
	                attrs);
	if (r->markup.len > MAX_SEG) {
		tag_position(r, &line, &col);
		unit_error(r, line, col, "<seg> longer than %d bytes",
		           MAX_SEG);
		/* fatal: the halted parser freed ATTRS */
		if (r->err < 0)
			return;
	}
	r->open_pending = true;
	check_pairing(r, local, prefix, nattrs, attrs);
	if (is_code(local, prefix))
		r->code_depth++;
	if (name_is(local, prefix, "ph") && !r->ctrl_depth) {
		size_t n;
		const char *type =
		        attr_find(attrs, nattrs, "type", false, &n);

		if (type && n == strlen(TM__TMX_CTRL_TYPE) &&
		    memcmp(type, TM__TMX_CTRL_TYPE, n) == 0) {
			r->ctrl_depth = r->depth;
			buf_reset(&r->ctrl);
		}
	}
}

/* on_start() of the root element: <tmx>, and its version. */
static void
start_root(tm_tmx_reader *r,
           const xmlChar *local,
           const xmlChar *prefix,
           int nattrs,
           const xmlChar **attrs,
           long line,
           long col)
{
	r->seen_root = true;
	if (!name_is(local, prefix, "tmx")) {
		fail_at(r, TM_EPARSE, line, col,
		        "root element is <%s>, not <tmx>",
		        qualify(r, prefix, local));
		return;
	}
	for (int i = 0; i < nattrs; i++) {
		const xmlChar **a = attrs + i * 5;

		if (!a[1] && strcmp((const char *)a[0], "version") == 0)
			snprintf(r->version, sizeof(r->version), "%.*s",
			         (int)(a[4] - a[3]),
			         (const char *)a[3]);
	}
	if (!r->version[0])
		warn_at(r, line, col,
		        "<tmx> lacks version; read as TMX 1.4");
	else if (strcmp(r->version, "1.1") != 0 &&
	         strcmp(r->version, "1.2") != 0 &&
	         strcmp(r->version, "1.3") != 0 &&
	         strcmp(r->version, "1.4") != 0 &&
	         strcmp(r->version, "1.4a") != 0 &&
	         strcmp(r->version, "1.4b") != 0)
		warn_at(r, line, col,
		        "unknown TMX version '%s'; read as TMX 1.4",
		        r->version);
}

/* on_start() of <header>: its attributes, and the required ones it
 * lacks said in one warning. */
static void
start_header(tm_tmx_reader *r,
             int nattrs,
             const xmlChar **attrs,
             long line,
             long col)
{
	static const char *const required[] = {
	        "creationtool", "creationtoolversion",
	        "segtype",      "o-tmf",
	        "adminlang",    "srclang",
	        "datatype",     NULL};
	char missing[160] = "";

	r->in_header = true;
	buf_reset(&r->hdr_order);
	store_attrs(r, tm_unit_meta(r->header_unit), attrs, nattrs,
	            NULL, line, col);
	for (size_t k = 0; required[k]; k++) {
		if (tm_meta_attr(tm_unit_meta(r->header_unit),
		                 required[k]))
			continue;
		if (missing[0])
			strcat(missing, ", ");
		strcat(missing, required[k]);
	}
	if (missing[0])
		warn_at(r, line, col,
		        "<header> lacks %s; defaults "
		        "used on export",
		        missing);
}

/* on_start() of the <seg> of a <tuv>: its markup and plain text begin
 * (one <seg> a <tuv>). */
static void
start_seg(tm_tmx_reader *r,
          int nattrs,
          const xmlChar **attrs,
          long line,
          long col)
{
	if (r->tuv_has_seg) {
		unit_error(r, line, col, "<tuv> has two <seg>");
		return;
	}
	r->tuv_has_seg = true;
	r->seg_depth = r->depth;
	order_add(r, &r->tuv_order, 's');
	{
		size_t n;
		const char *sp =
		        attr_find(attrs, nattrs, "space", true, &n);

		if (sp &&
		    (!(sp = val_set(r, sp, n)) ||
		     tm_meta_set_attr(tm_unit_meta(r->scratch),
		                      TM__TMX_SEG_SPACE_ATTR, sp) < 0))
			fail_at(r, TM_ENOMEM, line, col,
			        "out of memory");
	}
	r->code_depth = 0;
	r->nopen_bpt = 0;
	r->open_pending = false;
	buf_reset(&r->markup);
	buf_reset(&r->plain);
}

/* on_start() of a <prop> or <note> with an owner: its text is captured
 * until its end (with its type, language and o-encoding). */
static void
start_capture(tm_tmx_reader *r, bool prop, int nattrs, const xmlChar **attrs)
{
	r->cap = prop ? CAP_PROP : CAP_NOTE;
	r->cap_depth = r->depth;
	r->cap_type = r->cap_lang = r->cap_enc = NULL;
	/* a prop whose type ran out of memory must not be stored with the
	 * empty type of one that has none */
	if ((prop && !attr_dup_to(&r->cap_type, attrs, nattrs, "type",
	                          false)) ||
	    (prop && !r->cap_type && !(r->cap_type = tm__strdup(""))) ||
	    !attr_dup_to(&r->cap_lang, attrs, nattrs, "lang", true) ||
	    (!r->cap_lang &&
	     !attr_dup_to(&r->cap_lang, attrs, nattrs, "lang", false)) ||
	    !attr_dup_to(&r->cap_enc, attrs, nattrs, "o-encoding", false)) {
		fail_at(r, TM_ENOMEM, 0, 0, "out of memory");
		return;
	}
	buf_reset(&r->text);
}

static void
on_start(void *ctx,
         const xmlChar *local,
         const xmlChar *prefix,
         const xmlChar *uri,
         int nns,
         const xmlChar **ns,
         int nattrs,
         int ndefaulted,
         const xmlChar **attrs)
{
	tm_tmx_reader *r = ctx;
	long line, col;

	(void)uri;
	nattrs += ndefaulted;
	r->depth++;
	if (r->err < 0)
		return;
	if (r->depth > MAX_DEPTH) {
		tag_position(r, &line, &col);
		r->hostile = true;
		fail_at(r, TM_EPARSE, line, col,
		        "elements nested deeper than %d", MAX_DEPTH);
		return;
	}
	if (r->skip_depth)
		return;
	if (r->seg_depth) {
		start_in_seg(r, local, prefix, nns, ns, nattrs, attrs);
		return;
	}
	if (r->ude_depth) {
		ude_close_pending(r);
		serialize_start(r, &r->ude, local, prefix, nns, ns, nattrs,
		                attrs);
		r->ude_pending = true;
		ude_check(r);
		return;
	}
	tag_position(r, &line, &col);
	if (r->cap != CAP_NONE) {
		/* markup inside prop/note: not TMX; keep the text only */
		return;
	}
	if (!r->seen_root) {
		start_root(r, local, prefix, nattrs, attrs, line, col);
		return;
	}
	if (r->depth == 2 && name_is(local, prefix, "header") &&
	    !r->header_done) {
		start_header(r, nattrs, attrs, line, col);
		return;
	}
	if (r->depth == 2 && name_is(local, prefix, "body")) {
		r->in_body = true;
		r->header_done = true;
		return;
	}
	if (r->in_body && !r->cur && name_is(local, prefix, "tu")) {
		start_tu(r, nattrs, attrs, line, col);
		return;
	}
	if (r->cur && !r->in_tuv && name_is(local, prefix, "tuv") &&
	    r->depth == r->tu_depth + 1) {
		start_tuv(r, nattrs, attrs, line, col);
		return;
	}
	if (r->in_tuv && name_is(local, prefix, "seg") &&
	    r->depth == r->tuv_depth + 1) {
		start_seg(r, nattrs, attrs, line, col);
		return;
	}
	if ((name_is(local, prefix, "prop") ||
	     name_is(local, prefix, "note")) &&
	    meta_target(r)) {
		start_capture(r, name_is(local, prefix, "prop"), nattrs,
		              attrs);
		return;
	}
	if (r->in_header && name_is(local, prefix, "ude")) {
		r->ude_depth = r->depth;
		buf_reset(&r->ude);
		serialize_start(r, &r->ude, local, prefix, nns, ns, nattrs,
		                attrs);
		r->ude_pending = true;
		return;
	}
	if (r->cur && name_is(local, prefix, "tu")) {
		unit_error(r, line, col, "<tu> inside <tu>");
		r->skip_depth = r->depth;
		return;
	}
	if (!r->warned_unknown) {
		r->warned_unknown = true;
		warn_at(r, line, col, "unexpected <%s> ignored",
		        qualify(r, prefix, local));
	}
	r->skip_depth = r->depth;
}

static void
finish_tu(tm_tmx_reader *r)
{
	tm_unit *u = r->cur;

	r->cur = NULL;
	if (r->cur_bad || r->err < 0) {
		tm_unit_free(u);
		return;
	}
	if (tm_unit_variant_count(u) == 0) {
		warn_at(r, r->ctxt->input->line, r->ctxt->input->col,
		        "<tu> without <tuv> skipped");
		tm_unit_free(u);
		return;
	}
	if (!queue_push(r, u)) {
		tm_unit_free(u);
		fail_at(r, TM_ENOMEM, 0, 0, "out of memory");
		return;
	}
	r->units++;
}

static void
on_end(void *ctx,
       const xmlChar *local,
       const xmlChar *prefix,
       const xmlChar *uri)
{
	tm_tmx_reader *r = ctx;
	int d = r->depth--;

	(void)uri;
	if (r->err < 0)
		return;
	if (r->skip_depth) {
		if (d == r->skip_depth)
			r->skip_depth = 0;
		return;
	}
	if (r->seg_depth) {
		if (d == r->seg_depth) {
			r->seg_depth = 0;
			seg_close_pending(r);
			if (r->nopen_bpt && !r->warned_pair) {
				r->warned_pair = true;
				warn_at(r, r->ctxt->input->line,
				        r->ctxt->input->col,
				        "<bpt i=\"%s\"> without its <ept>; "
				        "kept "
				        "as is (further pairing problems not "
				        "reported)",
				        r->open_bpt[0]);
			}
			return;
		}
		if (r->open_pending) {
			r->open_pending = false;
			if (tm__buf_append(&r->markup, "/>", 2) < 0)
				fail_at(r, TM_ENOMEM, 0, 0, "out of memory");
		} else if (tm__buf_append(&r->markup, "</", 2) < 0 ||
		           tm__buf_append_str(&r->markup,
		                              qualify(r, prefix, local)) < 0 ||
		           tm__buf_append(&r->markup, ">", 1) < 0) {
			fail_at(r, TM_ENOMEM, 0, 0, "out of memory");
		}
		if (is_code(local, prefix))
			r->code_depth--;
		if (d == r->ctrl_depth) {
			unsigned long c = strtoul(
			        r->ctrl.data ? r->ctrl.data : "", NULL, 16);
			char ch = (char)c;

			r->ctrl_depth = 0;
			if (c > 0 && c < 0x20 && r->code_depth == 0 &&
			    tm__buf_append(&r->plain, &ch, 1) < 0)
				fail_at(r, TM_ENOMEM, 0, 0, "out of memory");
		}
		return;
	}
	if (r->ude_depth) {
		if (r->ude_pending) {
			r->ude_pending = false;
			if (tm__buf_append(&r->ude, "/>", 2) < 0)
				fail_at(r, TM_ENOMEM, 0, 0, "out of memory");
		} else if (tm__buf_append(&r->ude, "</", 2) < 0 ||
		           tm__buf_append_str(&r->ude,
		                              qualify(r, prefix, local)) < 0 ||
		           tm__buf_append(&r->ude, ">", 1) < 0) {
			fail_at(r, TM_ENOMEM, 0, 0, "out of memory");
		}
		if (d == r->ude_depth) {
			r->ude_depth = 0;
			if (tm_meta_add_prop(tm_unit_meta(r->header_unit),
			                     TM__TMX_UDE_PROP, NULL,
			                     r->ude.data) < 0)
				fail_at(r, TM_ENOMEM, 0, 0, "out of memory");
			order_add(r, &r->hdr_order, 'u');
		}
		return;
	}
	if (r->cap != CAP_NONE) {
		if (d == r->cap_depth)
			end_capture(r);
		return;
	}
	if (r->in_tuv && d == r->tuv_depth) {
		end_tuv(r);
		return;
	}
	if (r->cur && d == r->tu_depth) {
		if (!r->cur_bad)
			order_store(r, tm_unit_meta(r->cur), &r->tu_order, 'v');
		finish_tu(r);
		return;
	}
	if (r->in_body && !r->body_ended && d == 2) {
		/* comments after the last tu have no tu to go to: the
		 * header keeps them */
		tm_meta *h = tm_unit_meta(r->header_unit);

		r->body_ended = true;
		for (size_t i = 0; i < tm_meta_prop_count(r->body_comments);
		     i++) {
			const tm_prop *p = tm_meta_prop(r->body_comments, i);
			char type[64];

			snprintf(type, sizeof(type), "%s-%s", p->type,
			         TM__TMX_PLACE_END_BODY);
			if (tm_meta_add_prop(h, type, NULL, p->value) < 0)
				fail_at(r, TM_ENOMEM, 0, 0, "out of memory");
		}
		tm_meta_clear(r->body_comments);
		return;
	}
	if (r->in_header && d == 2) {
		order_store(r, tm_unit_meta(r->header_unit), &r->hdr_order,
		            'u');
		/* libtm's export of a file: the original header had no
		 * attribute for which no x-original- prop came */
		if (r->orig_attrs && !(r->orig_attrs & 1))
			tm_meta_set_attr(tm_unit_meta(r->header_unit),
			                 "creationtool", NULL);
		if (r->orig_attrs && !(r->orig_attrs & 2))
			tm_meta_set_attr(tm_unit_meta(r->header_unit),
			                 "creationtoolversion", NULL);
		r->in_header = false;
		r->header_done = true;
	}
}

/* libxml2 (2.9) checks the UTF-8 of the text it parses, but in a CDATA
 * section read by the push parser only that each sequence has the right
 * continuation bytes and decodes to an XML Char: overlong forms (C0 B8
 * for '8', E0 80 B8, F0 80 80 B8) pass, whatever the declared encoding.
 * Every text chunk is therefore checked here, fatal like libxml2's own
 * UTF-8 errors; true when @ch is bad (the error is set). The chunks end
 * on character boundaries (libxml2 holds back a cut sequence). */
static bool
bad_utf8_text(tm_tmx_reader *r, const xmlChar *ch, int len)
{
	xmlParserInputPtr in = r->ctxt ? r->ctxt->input : NULL;
	size_t bad, n;
	long line, col;
	char bytes[24];

	if (len <= 0 ||
	    tm_utf8_validate(&bad, (const char *)ch, (size_t)len) == TM_OK)
		return false;
	line = in ? in->line : 0;
	col = in ? in->col : 0;
	/* the CDATA callback gets the input itself, the parser still at
	 * its start: count on to the bad byte */
	if (in && ch == in->cur) {
		for (size_t k = 0; k < bad; k++) {
			if (ch[k] == '\n') {
				line++;
				col = 1;
			} else if ((ch[k] & 0xC0) != 0x80) {
				col++;
			}
		}
	}
	n = 0;
	for (size_t k = bad; k < (size_t)len && k < bad + 4; k++)
		n += (size_t)snprintf(bytes + n, sizeof(bytes) - n, " 0x%02X",
		                      ch[k]);
	fail_at(r, TM_EUNICODE, line, col, "invalid UTF-8 (bytes%s)", bytes);
	return true;
}

static void
on_text(void *ctx, const xmlChar *ch, int len)
{
	tm_tmx_reader *r = ctx;
	long line, col;

	if (r->err < 0 || bad_utf8_text(r, ch, len) || r->skip_depth)
		return;
	if (r->seg_depth) {
		seg_close_pending(r);
		/* fail_at() stops the parser, which frees the chunk @ch
		 * points into: nothing reads it after a failure */
		if (append_escaped(&r->markup, (const char *)ch, (size_t)len,
		                   false) < 0 ||
		    (r->ctrl_depth && tm__buf_append(&r->ctrl, (const char *)ch,
		                                     (size_t)len) < 0) ||
		    (r->code_depth == 0 &&
		     tm__buf_append(&r->plain, (const char *)ch, (size_t)len) <
		             0)) {
			fail_at(r, TM_ENOMEM, 0, 0, "out of memory");
			return;
		}
		if (r->markup.len > MAX_SEG) {
			line = r->ctxt->input->line;
			col = r->ctxt->input->col;
			unit_error(r, line, col, "<seg> longer than %d bytes",
			           MAX_SEG);
			r->skip_depth = r->seg_depth;
			r->seg_depth = 0;
		}
		return;
	}
	if (r->ude_depth) {
		ude_close_pending(r);
		if (append_escaped(&r->ude, (const char *)ch, (size_t)len,
		                   false) < 0)
			fail_at(r, TM_ENOMEM, 0, 0, "out of memory");
		ude_check(r);
		return;
	}
	if (r->cap != CAP_NONE) {
		if (r->text.len + (size_t)len > MAX_TEXT) {
			fail_at(r, TM_EPARSE, r->ctxt->input->line,
			        r->ctxt->input->col,
			        "<prop> or <note> longer than %d bytes",
			        MAX_TEXT);
			return;
		}
		if (tm__buf_append(&r->text, (const char *)ch, (size_t)len) < 0)
			fail_at(r, TM_ENOMEM, 0, 0, "out of memory");
	}
}

static void
on_entity_decl(void *ctx,
               const xmlChar *name,
               int type,
               const xmlChar *publicId,
               const xmlChar *systemId,
               xmlChar *content)
{
	tm_tmx_reader *r = ctx;

	r->hostile = true;
	(void)type;
	(void)publicId;
	(void)systemId;
	(void)content;
	fail_at(r, TM_EPARSE, r->ctxt->input->line, r->ctxt->input->col,
	        "entity declaration '%s' refused (TMX needs none; external "
	        "and expanding entities are unsafe)",
	        (const char *)name);
}

static void
on_reference(void *ctx, const xmlChar *name)
{
	tm_tmx_reader *r = ctx;

	r->hostile = true;
	fail_at(r, TM_EPARSE, r->ctxt->input->line, r->ctxt->input->col,
	        "entity reference '&%s;' refused (only the predefined "
	        "entities and character references are read)",
	        (const char *)name);
}

static xmlEntityPtr
on_get_entity(void *ctx, const xmlChar *name)
{
	(void)ctx;
	return xmlGetPredefinedEntity(name);
}

static xmlParserInputPtr
on_resolve(void *ctx, const xmlChar *publicId, const xmlChar *systemId)
{
	(void)ctx;
	(void)publicId;
	(void)systemId;
	return NULL;
}

static void
on_error(void *ctx, xmlErrorPtr e)
{
	tm_tmx_reader *r = ctx;
	char msg[512];
	size_t n;

	if (!e || e->level == XML_ERR_NONE)
		return;
	snprintf(msg, sizeof(msg), "%s", e->message ? e->message : "error");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	/* one-line errors: libxml2 puts the bytes of a UTF-8 error on a
	 * second line ("...indicate encoding !\nBytes: 0xC0 0xB8 ...") */
	for (size_t k = 0; k < n; k++)
		if (msg[k] == '\n' || msg[k] == '\r')
			msg[k] = ' ';
	if (e->level == XML_ERR_WARNING || e->domain == XML_FROM_NAMESPACE) {
		/* Undeclared prefixes (t5:n) are well-formed XML 1.0. */
		if (e->domain == XML_FROM_NAMESPACE) {
			if (r->warned_ns)
				return;
			r->warned_ns = true;
		}
		warn_at(r, e->line, e->int2, "%s", msg);
		return;
	}
	if (r->err < 0)
		return;
	r->xml_failed = true;
	/* no element at all (a plain-text file, a CSV): libxml2's "Document
	 * is empty" or "Start tag expected" say what is wrong in XML's
	 * words; the user gave a file that is not TMX */
	if (!r->seen_root && (e->code == XML_ERR_DOCUMENT_EMPTY ||
	                      e->code == XML_ERR_DOCUMENT_START ||
	                      e->code == XML_ERR_DOCUMENT_END)) {
		fail_at(r, TM_EPARSE, e->line, e->int2,
		        "not a TMX file (no XML element)");
		return;
	}
	fail_at(r, TM_EPARSE, e->line, e->int2, "%s", msg);
}

/* ---- open / next / free ------------------------------------------------ */

static bool
decl_encoding(const char *p, size_t n, char *out, size_t cap)
{
	const char *end, *e;

	if (n < 5 || memcmp(p, "<?xml", 5) != 0)
		return false;
	end = memchr(p, '>', n);
	if (!end)
		return false;
	for (e = p; e + 8 < end; e++) {
		if (memcmp(e, "encoding", 8) == 0) {
			const char *q = e + 8;
			char quote;
			size_t k = 0;

			while (q < end &&
			       (*q == ' ' || *q == '=' || *q == '\t'))
				q++;
			if (q >= end || (*q != '"' && *q != '\''))
				return false;
			quote = *q++;
			while (q < end && *q != quote && k + 1 < cap)
				out[k++] = *q++;
			out[k] = '\0';
			return true;
		}
	}
	return false;
}

static bool
valid_utf8_prefix(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = s[i];
		size_t k;

		if (c < 0x80) {
			i++;
			continue;
		}
		k = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC2 ? 1 : 0;
		if (!k || c > 0xF4)
			return false;
		if (i + k >= n)
			return true; /* cut at the end of the sniffed part */
		for (size_t j = 1; j <= k; j++)
			if ((s[i + j] & 0xC0) != 0x80)
				return false;
		i += k + 1;
	}
	return true;
}

/* Errors libxml2 raises without a parser context while it feeds a chunk:
 * the encoding converter's ("input conversion failed due to input
 * error, bytes 0xFF 0x41 ...") and the push parser's own ("xmlParseChunk:
 * encoder error"). Kept on the reader, never printed. */
static void
on_global_error(void *ctx, xmlErrorPtr e)
{
	tm_tmx_reader *r = ctx;
	size_t n;

	if (!e || r->encmsg[0] || e->domain != XML_FROM_I18N)
		return;
	snprintf(r->encmsg, sizeof(r->encmsg), "%s",
	         e->message ? e->message : "encoding error");
	n = strlen(r->encmsg);
	while (n > 0 && (r->encmsg[n - 1] == '\n' || r->encmsg[n - 1] == ' '))
		r->encmsg[--n] = '\0';
	for (size_t k = 0; k < n; k++)
		if (r->encmsg[k] == '\n' || r->encmsg[k] == '\r')
			r->encmsg[k] = ' ';
}

static void TM_PRINTF(2, 3) on_generic_error(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

/* Where the converter stopped: the parser's position plus the text it
 * converted but did not parse yet (the conversion ends at the first byte
 * it could not convert). */
static void
encoding_position(tm_tmx_reader *r, long *line, long *col)
{
	xmlParserInputPtr in = r->ctxt ? r->ctxt->input : NULL;

	*line = in ? in->line : 0;
	*col = in ? in->col : 0;
	if (!in || !in->cur || !in->end)
		return;
	for (const xmlChar *p = in->cur; p < in->end; p++) {
		if (*p == '\n') {
			++*line;
			*col = 1;
		} else if ((*p & 0xC0) != 0x80) {
			++*col;
		}
	}
}

static bool
is_name_start(unsigned char c)
{
	return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '_' ||
	       c == ':' || c >= 0x80;
}

/* Count the attributes of each start tag in the bytes about to be given
 * to the parser (an '=' outside quotes between '<NAME' and '>'), across
 * chunks; false, with the error set, when one has more than MAX_ATTRS.
 * libxml2 would read the whole tag first, comparing every attribute with
 * the ones before it: 200,000 attributes took 106 s. Comments, CDATA
 * sections, PIs and declarations are passed over to their terminators,
 * so that their quotes cannot hide a tag; a '<' inside quotes (never
 * well-formed) starts a tag again. */
/* Advance the scan's line and column over @n bytes of text holding no
 * '<': newlines found by memchr(), the column counted over the last
 * line's lead bytes only. Most of a TMX file is text between tags, and a
 * byte-at-a-time state machine over it cost 5% of an import. */
static void
scan_text(tm_tmx_reader *r, const unsigned char *p, size_t n)
{
	const unsigned char *nl;
	size_t col = 0;

	while ((nl = memchr(p, '\n', n))) {
		r->sc_line++;
		r->sc_col = 0;
		n -= (size_t)(nl + 1 - p);
		p = nl + 1;
	}
	for (size_t k = 0; k < n; k++)
		col += (p[k] & 0xC0) != 0x80;
	r->sc_col += col;
}

static bool
count_attrs(tm_tmx_reader *r, const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c;

		if (r->sc_state == SC_TEXT) {
			const char *lt = memchr(buf + i, '<', n - i);
			size_t j = lt ? (size_t)(lt - buf) : n;

			scan_text(r, (const unsigned char *)buf + i, j - i);
			if (!lt)
				break;
			i = j;
		}
		c = (unsigned char)buf[i];

		if (c == '\n') {
			r->sc_line++;
			r->sc_col = 0;
		} else if ((c & 0xC0) != 0x80) {
			r->sc_col++;
		}
		switch (r->sc_state) {
		case SC_TEXT:
			if (c == '<') {
				r->sc_state = SC_LT;
				r->sc_npre = 0;
				r->sc_tag_line = r->sc_line;
				r->sc_tag_col = r->sc_col;
			}
			break;
		case SC_LT:
			r->sc_pre[r->sc_npre++] = (char)c;
			if (r->sc_npre == 1 && is_name_start(c)) {
				r->sc_state = SC_TAG;
				r->sc_attrs = 0;
			} else if (r->sc_npre == 1 && c == '?') {
				r->sc_state = SC_SKIP;
				r->sc_end = "?>";
			} else if (r->sc_npre == 1 && c != '!') {
				r->sc_state = c == '<' ? SC_LT : SC_TEXT;
				r->sc_npre = 0;
			} else if (r->sc_npre == 3 &&
			           memcmp(r->sc_pre, "!--", 3) == 0) {
				r->sc_state = SC_SKIP;
				r->sc_end = "-->";
			} else if (r->sc_npre == 8 &&
			           memcmp(r->sc_pre, "![CDATA[", 8) == 0) {
				r->sc_state = SC_SKIP;
				r->sc_end = "]]>";
			} else if (r->sc_npre > 1 &&
			           memcmp(r->sc_pre, "![CDATA[", r->sc_npre) &&
			           memcmp(r->sc_pre, "!--",
			                  r->sc_npre < 3 ? r->sc_npre : 3)) {
				/* <!DOCTYPE and the like (refused later) */
				r->sc_state = c == '>' ? SC_TEXT : SC_SKIP;
				r->sc_end = ">";
			}
			r->sc_endpos = 0;
			break;
		case SC_SKIP:
			if (c == (unsigned char)r->sc_end[r->sc_endpos]) {
				if (!r->sc_end[++r->sc_endpos])
					r->sc_state = SC_TEXT;
			} else {
				r->sc_endpos =
				        c == (unsigned char)r->sc_end[0] ? 1 : 0;
			}
			break;
		case SC_QUOTE:
			if (c == (unsigned char)r->sc_quote) {
				r->sc_state = SC_TAG;
			} else if (c == '<') {
				r->sc_state = SC_LT;
				r->sc_npre = 0;
				r->sc_tag_line = r->sc_line;
				r->sc_tag_col = r->sc_col;
			}
			break;
		case SC_TAG:
			if (c == '>') {
				r->sc_state = SC_TEXT;
			} else if (c == '"' || c == '\'') {
				r->sc_state = SC_QUOTE;
				r->sc_quote = (char)c;
			} else if (c == '<') {
				r->sc_state = SC_LT;
				r->sc_npre = 0;
				r->sc_tag_line = r->sc_line;
				r->sc_tag_col = r->sc_col;
			} else if (c == '=' && ++r->sc_attrs > MAX_ATTRS) {
				r->hostile = true;
				fail_at(r, TM_EPARSE, r->sc_tag_line,
				        r->sc_tag_col,
				        "an element with more than %d "
				        "attributes",
				        MAX_ATTRS);
				return false;
			}
			break;
		}
	}
	return true;
}

/* Give the parser N bytes (TERMINATE at the end). An input that cannot
 * be converted from its declared encoding stops the parser without
 * making the document ill-formed (libxml2 2.9 halts it and returns
 * XML_ERR_INVALID_ENCODING): that is a fatal error here, whatever
 * KEEP_GOING says, or the rest of the file would be lost silently. */
static void
feed(tm_tmx_reader *r, const char *buf, size_t n, int terminate)
{
	xmlStructuredErrorFunc old_s = xmlStructuredError;
	void *old_sctx = xmlStructuredErrorContext;
	xmlGenericErrorFunc old_g = xmlGenericError;
	void *old_gctx = xmlGenericErrorContext;
	long line, col;
	int rc;

	if (r->sc_on && n && !count_attrs(r, buf, n))
		return;
	xmlSetStructuredErrorFunc(r, on_global_error);
	xmlSetGenericErrorFunc(r, on_generic_error);
	rc = xmlParseChunk(r->ctxt, buf, (int)n, terminate);
	xmlSetStructuredErrorFunc(old_sctx, old_s);
	xmlSetGenericErrorFunc(old_gctx, old_g);
	if (r->err < 0)
		return;
	if (r->encmsg[0] || rc == XML_ERR_INVALID_ENCODING ||
	    (rc != 0 && r->ctxt->instate == XML_PARSER_EOF &&
	     r->ctxt->wellFormed && !terminate)) {
		const char *enc = r->ctxt->encoding ? (const char *)r->ctxt->encoding
		                  : r->ctxt->input && r->ctxt->input->encoding
		                          ? (const char *)r->ctxt->input->encoding
		                          : NULL;

		const char *what = strstr(r->encmsg, "bytes 0x");

		encoding_position(r, &line, &col);
		r->hostile = true; /* fatal even with KEEP_GOING */
		fail_at(r, TM_EUNICODE, line, col,
		        "cannot convert from %s: %s", enc ? enc : "the "
		        "declared encoding", what ? what : r->encmsg[0] ?
		        r->encmsg : "invalid byte sequence");
		return;
	}
	if (rc != 0 && !r->ctxt->wellFormed) {
		if (terminate && !r->seen_root)
			return; /* the caller says "no <tmx> element" */
		fail_at(r, TM_EPARSE, r->ctxt->input->line,
		        r->ctxt->input->col, "malformed XML");
	}
}

static tm_status
start_parser(tm_tmx_reader *r)
{
	int opts = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOWARNING;
	const unsigned char *b = (const unsigned char *)r->peek;
	size_t n = r->peeklen;
	char enc[64];
	long got;

	got = src_read(r, r->peek, CHUNK);
	if (got < 0)
		return tm__error_set(r->err, "%s", r->errmsg);
	n = r->peeklen = (size_t)got;
	if (n == 0)
		return tm__error_set(TM_EPARSE, "tmx: %s:1:1: empty file",
		                     r->name);
	/* A label that contradicts the bytes: an ASCII-compatible start
	 * (no BOM, no 00 bytes) cannot be UTF-16/32; a us-ascii label on
	 * UTF-8 text is a common slip. Read such files as UTF-8. */
	if (!(n >= 2 &&
	      ((b[0] == 0xFF && b[1] == 0xFE) ||
	       (b[0] == 0xFE && b[1] == 0xFF) || b[0] == 0 || b[1] == 0)) &&
	    decl_encoding(r->peek[0] == '\xEF' && n > 3 ? r->peek + 3 : r->peek,
	                  n > 3 ? n - 3 : n, enc, sizeof(enc))) {
		bool utf16 = strncasecmp(enc, "utf-16", 6) == 0 ||
		             strncasecmp(enc, "utf16", 5) == 0 ||
		             strncasecmp(enc, "ucs-2", 5) == 0 ||
		             strncasecmp(enc, "utf-32", 6) == 0 ||
		             strncasecmp(enc, "ucs-4", 5) == 0;
		bool ascii = strcasecmp(enc, "us-ascii") == 0 ||
		             strcasecmp(enc, "ascii") == 0;

		if (utf16 || (ascii && valid_utf8_prefix(b, n))) {
			opts |= XML_PARSE_IGNORE_ENC;
			if (utf16)
				warn_at(r, 1, 1,
				        "declared encoding '%s' does not match "
				        "the bytes; read as UTF-8",
				        enc);
		}
	}
	/* UTF-16 and UTF-32 put 00 bytes beside every ASCII one: the byte
	 * scan of count_attrs() would not see their tags */
	r->sc_line = 1;
	r->sc_on = !(n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) ||
	                        (b[0] == 0xFE && b[1] == 0xFF) || b[0] == 0 ||
	                        b[1] == 0));
	if (r->sc_on && !count_attrs(r, r->peek, n < 4 ? n : 4))
		return tm__error_set(r->err, "%s", r->errmsg);
	memset(&r->sax, 0, sizeof(r->sax));
	r->sax.initialized = XML_SAX2_MAGIC;
	r->sax.startElementNs = on_start;
	r->sax.endElementNs = on_end;
	r->sax.characters = on_text;
	r->sax.cdataBlock = on_text;
	r->sax.ignorableWhitespace = on_text;
	r->sax.comment = on_comment;
	r->sax.processingInstruction = on_pi;
	r->sax.entityDecl = on_entity_decl;
	r->sax.reference = on_reference;
	r->sax.getEntity = on_get_entity;
	r->sax.getParameterEntity = on_get_entity;
	r->sax.resolveEntity = on_resolve;
	r->sax.serror = on_error;
	r->ctxt = xmlCreatePushParserCtxt(&r->sax, r, r->peek,
	                                  n < 4 ? (int)n : 4, r->name);
	if (!r->ctxt)
		return tm__error_oom();
	xmlCtxtUseOptions(r->ctxt, opts);
	/* xmlCtxtUseOptions resets the SAX handler's error callbacks. */
	r->ctxt->sax->serror = on_error;
	r->ctxt->sax->warning = NULL;
	r->ctxt->sax->error = NULL;
	r->ctxt->sax->fatalError = NULL;
	r->ctxt->replaceEntities = 0;
	r->ctxt->loadsubset = 0;
	r->ctxt->validate = 0;
	if (n > 4)
		feed(r, r->peek + 4, n - 4, 0);
	return TM_OK;
}

static tm_status
reader_init(tm_tmx_reader **out,
            const char *name,
            const tm_tmx_read_options *opts)
{
	tm_tmx_reader *r;

	*out = NULL;
	if (opts && opts->version != TM_TMX_READ_OPTIONS_VERSION)
		return tm__error_set(TM_EINVAL,
		                     "tmx: unknown tm_tmx_read_options "
		                     "version %u",
		                     opts->version);
	r = tm__calloc(1, sizeof(*r));
	if (!r)
		return tm__error_oom();
	r->name = tm__strdup(name);
	r->chunk = tm__malloc(CHUNK);
	r->peek = tm__malloc(CHUNK);
	if (!r->name || !r->chunk || !r->peek ||
	    tm_unit_new(&r->header_unit) < 0 || tm_unit_new(&r->scratch) < 0 ||
	    tm_meta_new(&r->body_comments) < 0) {
		tm_tmx_reader_free(r);
		return tm__error_oom();
	}
	if (opts) {
		r->flags = opts->flags;
		r->warn = opts->warn;
		r->warn_payload = opts->warn_payload;
	}
	*out = r;
	return TM_OK;
}

tm_status
tm_tmx_reader_open(tm_tmx_reader **out,
                   const char *path,
                   const tm_tmx_read_options *opts)
{
	tm_tmx_reader *r;
	unsigned char magic[4] = {0};
	tm_status st;
	struct stat sb;
	bool is_stdin = strcmp(path, "-") == 0, stream = false;
	size_t m = 0;

	if (!out || !path)
		return tm__error_set(TM_EINVAL, "tmx: no file given");
	st = reader_init(&r, is_stdin ? "<stdin>" : path, opts);
	if (st < 0)
		return st;
	if (!is_stdin) {
		r->zf = fopen(path, "rb");
		if (!r->zf) {
			st = tm__error_set(
			        errno == ENOENT ? TM_ENOTFOUND : TM_EIO,
			        "tmx: %s: %s", path, strerror(errno));
			goto fail;
		}
		if (fstat(fileno(r->zf), &sb) == 0 && S_ISDIR(sb.st_mode)) {
			st = tm__error_set(TM_EIO, "tmx: %s: is a directory",
			                   path);
			goto fail;
		}
		/* a FIFO or a device cannot seek back over the magic bytes:
		 * read it like stdin (plain or gzip, not zip) */
		if (!S_ISREG(sb.st_mode))
			stream = true;
		else
			r->total = (long long)sb.st_size;
		if (!stream)
			m = fread(magic, 1, 4, r->zf);
	}
	if (m == 4 && memcmp(magic, "PK\3\4", 4) == 0) {
		r->kind = SRC_ZIP;
		st = zip_open(r);
		if (st < 0)
			goto fail;
	} else {
		int fd = is_stdin ? dup(0) : dup(fileno(r->zf));

		r->kind = SRC_GZ;
		if (!is_stdin) {
			if (!stream)
				lseek(fd, 0, SEEK_SET);
			fclose(r->zf);
			r->zf = NULL;
		}
		r->gz = fd >= 0 ? gzdopen(fd, "rb") : NULL;
		if (!r->gz) {
			if (fd >= 0)
				close(fd);
			st = tm__error_set(TM_EIO, "tmx: %s: cannot open",
			                   r->name);
			goto fail;
		}
		gzbuffer(r->gz, 128 * 1024);
	}
	st = start_parser(r);
	if (st < 0)
		goto fail;
	*out = r;
	return TM_OK;
fail:
	tm_tmx_reader_free(r);
	return st;
}

tm_status
tm_tmx_reader_open_memory(tm_tmx_reader **out,
                          const char *data,
                          size_t len,
                          const char *name,
                          const tm_tmx_read_options *opts)
{
	tm_tmx_reader *r;
	tm_status st;

	if (!out || !data)
		return tm__error_set(TM_EINVAL, "tmx: no data given");
	st = reader_init(&r, name ? name : "<memory>", opts);
	if (st < 0)
		return st;
	r->kind = SRC_MEM;
	r->mem = data;
	r->memlen = len;
	r->total = (long long)len;
	st = start_parser(r);
	if (st < 0) {
		tm_tmx_reader_free(r);
		return st;
	}
	*out = r;
	return TM_OK;
}

tm_status
tm_tmx_reader_next(tm_unit **out, tm_tmx_reader *r)
{
	*out = NULL;
	for (;;) {
		long n;

		if (r->qhead < r->qlen) {
			*out = r->q[r->qhead++];
			return TM_OK;
		}
		if (r->err < 0)
			return tm__error_set(r->err, "%s",
			                     r->errmsg ? r->errmsg
			                               : "tmx: error");
		if (r->terminated)
			return TM_DONE;
		n = src_read(r, r->chunk, CHUNK);
		if (n < 0)
			continue; /* r->err is set */
		if (n == 0) {
			r->terminated = true;
			feed(r, NULL, 0, 1);
			if (r->err == TM_OK && !r->seen_root)
				fail_at(r, TM_EPARSE, r->ctxt->input->line,
				        r->ctxt->input->col,
				        "no <tmx> element");
			else if (r->err == TM_OK && !r->ctxt->wellFormed)
				fail_at(r, TM_EPARSE, r->ctxt->input->line,
				        r->ctxt->input->col, "malformed XML");
			continue;
		}
		feed(r, r->chunk, (size_t)n, 0);
	}
}

const tm_meta *
tm_tmx_reader_header(const tm_tmx_reader *r)
{
	return tm_unit_meta_const(r->header_unit);
}

const char *
tm_tmx_reader_version(const tm_tmx_reader *r)
{
	return r->version;
}

double
tm_tmx_reader_progress(const tm_tmx_reader *r)
{
	long long pos;

	if (r->total <= 0)
		return 0;
	if (r->kind == SRC_GZ)
		pos = r->gz ? (long long)gzoffset(r->gz) : 0;
	else
		pos = r->consumed;
	if (pos < 0)
		pos = 0;
	return pos >= r->total ? 1.0 : (double)pos / (double)r->total;
}

long long
tm_tmx_reader_skipped(const tm_tmx_reader *r)
{
	return r->skipped;
}

bool
tm__tmx_reader_hostile(const tm_tmx_reader *r)
{
	return r->hostile;
}

long long
tm__tmx_reader_warnings(const tm_tmx_reader *r)
{
	return r->warnings;
}

void
tm_tmx_reader_free(tm_tmx_reader *r)
{
	if (!r)
		return;
	if (r->ctxt) {
		/* the parser may make a document to hold a DOCTYPE */
		if (r->ctxt->myDoc)
			xmlFreeDoc(r->ctxt->myDoc);
		r->ctxt->myDoc = NULL;
		xmlFreeParserCtxt(r->ctxt);
	}
	if (r->gz)
		gzclose(r->gz);
	if (r->zf)
		fclose(r->zf);
	if (r->zs_init)
		inflateEnd(&r->zs);
	for (size_t i = r->qhead; i < r->qlen; i++)
		tm_unit_free(r->q[i]);
	tm__free(r->q);
	tm_unit_free(r->cur);
	tm_unit_free(r->header_unit);
	tm_unit_free(r->scratch);
	tm__buf_dispose(&r->markup);
	tm__buf_dispose(&r->plain);
	tm__buf_dispose(&r->text);
	tm__buf_dispose(&r->ude);
	tm__buf_dispose(&r->ctrl);
	tm__buf_dispose(&r->hdr_order);
	tm__buf_dispose(&r->tu_order);
	tm__buf_dispose(&r->tuv_order);
	tm_meta_free(r->body_comments);
	for (size_t i = 0; i < r->nwarned_langs; i++)
		tm__free(r->warned_langs[i]);
	tm__buf_dispose(&r->tuv_lang);
	tm__buf_dispose(&r->val);
	for (size_t i = 0; i < r->nlangs; i++) {
		tm__free(r->langs[i].tag);
		tm__free(r->langs[i].norm);
	}
	tm__free(r->cap_type);
	tm__free(r->cap_lang);
	tm__free(r->cap_enc);
	tm__buf_dispose(&r->cap_comments);
	tm__free(r->errmsg);
	tm__free(r->zin);
	tm__free(r->chunk);
	tm__free(r->peek);
	tm__free(r->name);
	tm__free(r);
}
