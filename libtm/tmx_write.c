/* SPDX-License-Identifier: MIT */
/* Streaming TMX 1.4b writer.
 *
 * The output is assembled in one reused buffer and written in large
 * blocks (no libxml2 writer: the seg markup is already XML and escaping
 * by hand keeps the output byte-for-byte deterministic and fast). It goes
 * to a temporary file beside the target, renamed only when everything
 * was written and flushed. */
#include "tm-private.h"
#include "tmx-private.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FLUSH_AT (1024 * 1024)

struct tm_tmx_writer {
	char *path;
	char *tmp;
	FILE *f;
	bool to_stdout;
	bool finished;
	unsigned int flags;
	char **langs;
	long long count;
	tm_status err;
	tm__buf out;
};

/* Attributes TMX 1.4b declares on <tu> and <tuv> (xml:lang is written
 * from the variant's language). Others travel as x-libtm-attr: props. */
static const char *const tu_attrs[] = {
	"tuid", "o-encoding", "datatype", "usagecount", "lastusagedate",
	"creationtool", "creationtoolversion", "creationdate", "creationid",
	"changedate", "segtype", "changeid", "o-tmf", "srclang", NULL};
static const char *const tuv_attrs[] = {
	"o-encoding", "datatype", "usagecount", "lastusagedate",
	"creationtool", "creationtoolversion", "creationdate", "creationid",
	"changedate", "o-tmf", "changeid", NULL};
/* Header attributes taken from the stored header besides the required
 * ones written explicitly. */
static const char *const header_opt_attrs[] = {
	"o-encoding", "creationdate", "creationid", "changedate", "changeid",
	NULL};

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

static bool
is_ctrl(unsigned char c)
{
	return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

/* 1: escaped in text and attributes, 2: in attributes only, 4: a C0
 * control, dropped (seg text keeps them as <ph>, see put_seg). */
static const unsigned char esc_class[256] = {
	[1] = 4, [2] = 4, [3] = 4, [4] = 4, [5] = 4, [6] = 4, [7] = 4, [8] = 4, [11] = 4, [12] = 4, [14] = 4, [15] = 4, [16] = 4, [17] = 4, [18] = 4, [19] = 4, [20] = 4, [21] = 4, [22] = 4, [23] = 4, [24] = 4, [25] = 4, [26] = 4, [27] = 4, [28] = 4, [29] = 4, [30] = 4, [31] = 4,
	['&'] = 1, ['<'] = 1, ['>'] = 1, ['\r'] = 1,
	['"'] = 2, ['\t'] = 2, ['\n'] = 2,
};

/* Escape @s for text (attr false) or a double-quoted attribute. C0
 * controls cannot appear in XML 1.0 and are dropped here. The table keeps
 * the common case (nothing to escape) a tight loop. */
static void
put_escaped(tm_tmx_writer *w, const char *s, bool attr)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char mask = attr ? 7 : 5;
	const char *start = s;

	for (; *p; p++) {
		const char *rep;

		if (!(esc_class[*p] & mask))
			continue;
		switch (*p) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '\r': rep = "&#13;"; break;
		case '"': rep = "&quot;"; break;
		case '\t': rep = "&#9;"; break;
		case '\n': rep = "&#10;"; break;
		default: rep = "";
		}
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

/* Level 2: the stored markup is XML already; only C0 controls (which no
 * XML can hold) are turned into placeholders. Level 1: the plain text. */
static void
put_seg(tm_tmx_writer *w, const tm_variant *v)
{
	const char *s;

	puts_(w, "<seg>");
	if (w->flags & TM_TMX_LEVEL1) {
		put_escaped(w, tm_variant_plain(v), false);
	} else {
		const char *start;

		s = start = tm_variant_markup(v);
		for (; *s; s++) {
			if (!is_ctrl((unsigned char)*s))
				continue;
			put(w, start, (size_t)(s - start));
			put_ctrl_ph(w, (unsigned char)*s);
			start = s + 1;
		}
		put(w, start, (size_t)(s - start));
	}
	puts_(w, "</seg>");
}

static void
put_notes_props(tm_tmx_writer *w, const tm_meta *m,
                const char *const *known, const char *indent)
{
	for (size_t i = 0; i < tm_meta_note_count(m); i++) {
		const tm_note *n = tm_meta_note(m, i);

		puts_(w, indent);
		puts_(w, "<note");
		if (n->lang)
			put_attr(w, "xml:lang", n->lang);
		put(w, ">", 1);
		put_escaped(w, n->text, false);
		puts_(w, "</note>\n");
	}
	/* Undeclared attributes first, as props the reader maps back. */
	for (size_t i = 0; known && i < tm_meta_attr_count(m); i++) {
		const char *name, *value;

		tm_meta_attr_at(m, i, &name, &value);
		if (in_list(known, name) &&
		    !(strcmp(name, "segtype") == 0 && !valid_segtype(value)))
			continue;
		puts_(w, indent);
		puts_(w, "<prop type=\"" TM__TMX_ATTR_PROP);
		put_escaped(w, name, true);
		puts_(w, "\">");
		put_escaped(w, value, false);
		puts_(w, "</prop>\n");
	}
	for (size_t i = 0; i < tm_meta_prop_count(m); i++) {
		const tm_prop *p = tm_meta_prop(m, i);

		if (strcmp(p->type, TM__TMX_UDE_PROP) == 0)
			continue;
		puts_(w, indent);
		puts_(w, "<prop");
		put_attr(w, "type", p->type);
		if (p->lang)
			put_attr(w, "xml:lang", p->lang);
		put(w, ">", 1);
		put_escaped(w, p->value, false);
		puts_(w, "</prop>\n");
	}
}

static void
put_known_attrs(tm_tmx_writer *w, const tm_meta *m, const char *const *known)
{
	for (size_t i = 0; i < tm_meta_attr_count(m); i++) {
		const char *name, *value;

		tm_meta_attr_at(m, i, &name, &value);
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
	if (w->out.len && fwrite(w->out.data, 1, w->out.len, w->f) !=
	                          w->out.len) {
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

	return v && *v ? v : fallback;
}

static void
put_header(tm_tmx_writer *w, const tm_tmx_write_options *o)
{
	const tm_meta *h = o ? o->header : NULL;
	const char *segtype = header_value(h, "segtype", "sentence");
	const char *srclang = o && o->srclang ? o->srclang
	                                      : header_value(h, "srclang",
	                                                     "*all*");

	puts_(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	         "<tmx version=\"1.4\">\n  <header");
	put_attr(w, "creationtool", "libtm");
	put_attr(w, "creationtoolversion", TM_VERSION_STRING);
	put_attr(w, "segtype", valid_segtype(segtype) ? segtype : "sentence");
	put_attr(w, "o-tmf", header_value(h, "o-tmf", "libtm"));
	put_attr(w, "adminlang", header_value(h, "adminlang", "en"));
	put_attr(w, "srclang", srclang);
	put_attr(w, "datatype", header_value(h, "datatype", "plaintext"));
	if (h)
		put_known_attrs(w, h, header_opt_attrs);
	if (!h || (tm_meta_note_count(h) == 0 && tm_meta_prop_count(h) == 0)) {
		puts_(w, "/>\n");
	} else {
		puts_(w, ">\n");
		put_notes_props(w, h, NULL, "    ");
		for (size_t i = 0; i < tm_meta_prop_count(h); i++) {
			const tm_prop *p = tm_meta_prop(h, i);

			if (strcmp(p->type, TM__TMX_UDE_PROP) != 0)
				continue;
			puts_(w, "    ");
			puts_(w, p->value);
			puts_(w, "\n");
		}
		puts_(w, "  </header>\n");
	}
	puts_(w, "  <body>\n");
}

tm_status
tm_tmx_writer_new(tm_tmx_writer **out, const char *path,
                  const tm_tmx_write_options *opts)
{
	tm_tmx_writer *w;
	tm_status st;
	size_t nl = 0;

	if (!out || !path)
		return tm__error_set(TM_EINVAL, "tmx: no output file given");
	*out = NULL;
	w = calloc(1, sizeof(*w));
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
			w->langs = calloc(nl + 1, sizeof(char *));
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
		int fd;

		w->tmp = malloc(strlen(path) + 16);
		if (!w->tmp)
			goto oom;
		sprintf(w->tmp, "%s.tmp-XXXXXX", path);
		fd = mkstemp(w->tmp);
		if (fd < 0) {
			st = tm__error_set(TM_EIO, "tmx: %s: cannot create: %s",
			                   path, strerror(errno));
			free(w->tmp);
			w->tmp = NULL;
			tm_tmx_writer_free(w);
			return st;
		}
		/* mkstemp makes 0600; a TMX is an ordinary document. */
		fchmod(fd, 0644);
		w->f = fdopen(fd, "wb");
		if (!w->f) {
			close(fd);
			goto oom;
		}
	}
	if (tm__buf_grow(&w->out, FLUSH_AT + 4096) < 0)
		goto oom;
	put_header(w, opts);
	if (w->err < 0)
		goto oom;
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

static tm_status
check_utf8(const tm_tmx_writer *w, const tm_unit *u, const char *s)
{
	size_t off = 0;

	if (s && tm_utf8_validate(s, strlen(s), &off) < 0)
		return tm__error_set(TM_EUNICODE,
		                     "tmx: %s: unit %lld: invalid UTF-8 at "
		                     "byte %zu",
		                     w->path, tm_unit_id(u), off);
	return TM_OK;
}

static tm_status
check_meta(const tm_tmx_writer *w, const tm_unit *u, const tm_meta *m)
{
	tm_status st = TM_OK;

	for (size_t i = 0; st == TM_OK && i < tm_meta_attr_count(m); i++) {
		const char *n, *v;

		tm_meta_attr_at(m, i, &n, &v);
		if ((st = check_utf8(w, u, n)) == TM_OK)
			st = check_utf8(w, u, v);
	}
	for (size_t i = 0; st == TM_OK && i < tm_meta_prop_count(m); i++) {
		const tm_prop *p = tm_meta_prop(m, i);

		if ((st = check_utf8(w, u, p->type)) == TM_OK &&
		    (st = check_utf8(w, u, p->lang)) == TM_OK)
			st = check_utf8(w, u, p->value);
	}
	for (size_t i = 0; st == TM_OK && i < tm_meta_note_count(m); i++) {
		const tm_note *n = tm_meta_note(m, i);

		if ((st = check_utf8(w, u, n->lang)) == TM_OK)
			st = check_utf8(w, u, n->text);
	}
	return st;
}

tm_status
tm_tmx_writer_write_unit(tm_tmx_writer *w, const tm_unit *u)
{
	size_t nv = tm_unit_variant_count(u), nwanted = 0;
	const tm_meta *m = tm_unit_meta_const(u);
	tm_status st;

	if (w->err < 0)
		return tm__error_set(w->err, "tmx: %s: writer failed earlier",
		                     w->path);
	for (size_t i = 0; i < nv; i++) {
		const tm_variant *v = tm_unit_variant(u, i);

		if (!lang_wanted(w, tm_variant_lang(v)))
			continue;
		nwanted++;
		/* check only what is written */
		if ((st = check_utf8(w, u,
		                     w->flags & TM_TMX_LEVEL1
		                             ? tm_variant_plain(v)
		                             : tm_variant_markup(v))) < 0 ||
		    (st = check_meta(w, u, tm_variant_meta_const(v))) < 0)
			return st;
	}
	if (nwanted == 0)
		return TM_DONE;
	if ((st = check_meta(w, u, m)) < 0)
		return st;
	puts_(w, "    <tu");
	put_known_attrs(w, m, tu_attrs);
	puts_(w, ">\n");
	put_notes_props(w, m, tu_attrs, "      ");
	for (size_t i = 0; i < nv; i++) {
		const tm_variant *v = tm_unit_variant(u, i);
		const tm_meta *vm = tm_variant_meta_const(v);

		if (!lang_wanted(w, tm_variant_lang(v)))
			continue;
		puts_(w, "      <tuv");
		put_attr(w, "xml:lang", tm_variant_lang(v));
		put_known_attrs(w, vm, tuv_attrs);
		puts_(w, ">\n");
		put_notes_props(w, vm, tuv_attrs, "        ");
		puts_(w, "        ");
		put_seg(w, v);
		puts_(w, "\n      </tuv>\n");
	}
	puts_(w, "    </tu>\n");
	if (w->err < 0)
		return tm__error_oom();
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
	puts_(w, "  </body>\n</tmx>\n");
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
	if (fsync(fileno(w->f)) != 0 && errno != EINVAL) {
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
	if (rename(w->tmp, w->path) != 0) {
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
		free(w->langs[i]);
	free(w->langs);
	tm__buf_dispose(&w->out);
	free(w->tmp);
	free(w->path);
	free(w);
}
