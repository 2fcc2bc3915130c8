/* SPDX-License-Identifier: MIT */
/* The streaming TMX reader and writer: inline markup, encodings, hostile
 * input, error positions, keep-going, and read -> write -> read round
 * trips over the fixtures and the shared corpus. */
#include <tm/tm.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tm-test.h"
#include "tm-private.h" /* tm__unit_set_id() */

#define MAXU 4096
#define TM_ARRAY_SIZE_(a) (sizeof(a) / sizeof((a)[0]))

static char data_dir[1024];
static char tmp_dir[] = "/tmp/test-tmx-XXXXXX";
static char last_warning[2048];
static int nwarnings;
static tm_tmx_message_kind last_kind;

static void
on_warn(void *payload, tm_tmx_message_kind kind, const char *msg)
{
	(void)payload;
	nwarnings++;
	last_kind = kind;
	snprintf(last_warning, sizeof(last_warning), "%s", msg);
}

static const char *
fixture(const char *name)
{
	static char path[2048];

	snprintf(path, sizeof(path), "%s/%s", data_dir, name);
	return path;
}

/* Read every unit of @path; returns the count, or -1 with the error in
 * tm_errmsg(). Units go to @out (up to MAXU) when not NULL. */
static long
read_all(const char *path, unsigned flags, tm_unit **out, tm_status *st_out)
{
	tm_tmx_read_options o = TM_TMX_READ_OPTIONS_INIT;
	tm_tmx_reader *r = NULL;
	tm_unit *u;
	tm_status st;
	long n = 0;

	o.flags = flags;
	o.warn = on_warn;
	nwarnings = 0;
	last_warning[0] = '\0';
	st = tm_tmx_reader_open(&r, path, &o);
	if (st < 0) {
		if (st_out)
			*st_out = st;
		return -1;
	}
	while ((st = tm_tmx_reader_next(&u, r)) == TM_OK) {
		if (out && n < MAXU)
			out[n] = u;
		else
			tm_unit_free(u);
		n++;
	}
	if (st_out)
		*st_out = st;
	tm_tmx_reader_free(r);
	return st < 0 ? -1 : n;
}

static void
free_units(tm_unit **u, long n)
{
	for (long i = 0; i < n && i < MAXU; i++)
		tm_unit_free(u[i]);
}

static const char *
markup_of(tm_unit *u, const char *lang)
{
	tm_variant *v = tm_unit_variant_by_lang(u, lang);

	return v ? tm_variant_markup(v) : NULL;
}

static const char *
plain_of(tm_unit *u, const char *lang)
{
	tm_variant *v = tm_unit_variant_by_lang(u, lang);

	return v ? tm_variant_plain(v) : NULL;
}

static bool
same_meta(const tm_meta *a, const tm_meta *b, char *why, size_t n)
{
	if (tm_meta_attr_count(a) != tm_meta_attr_count(b)) {
		snprintf(why, n, "attr count %zu != %zu", tm_meta_attr_count(a),
		         tm_meta_attr_count(b));
		return false;
	}
	for (size_t i = 0; i < tm_meta_attr_count(a); i++) {
		const char *na, *va, *vb;

		tm_meta_attr_at(&na, &va, a, i);
		vb = tm_meta_attr(b, na);
		if (!vb || strcmp(va, vb) != 0) {
			snprintf(why, n, "attr %s: '%s' != '%s'", na, va,
			         vb ? vb : "(none)");
			return false;
		}
	}
	if (tm_meta_prop_count(a) != tm_meta_prop_count(b) ||
	    tm_meta_note_count(a) != tm_meta_note_count(b)) {
		snprintf(why, n, "prop/note counts differ");
		return false;
	}
	for (size_t i = 0; i < tm_meta_prop_count(a); i++) {
		const tm_prop *p = tm_meta_prop(a, i), *q = tm_meta_prop(b, i);

		if (strcmp(p->type, q->type) || strcmp(p->value, q->value) ||
		    (!p->lang != !q->lang) ||
		    (p->lang && strcmp(p->lang, q->lang))) {
			snprintf(why, n, "prop %zu (%s) differs", i, p->type);
			return false;
		}
	}
	for (size_t i = 0; i < tm_meta_note_count(a); i++) {
		const tm_note *p = tm_meta_note(a, i), *q = tm_meta_note(b, i);

		if (strcmp(p->text, q->text) || (!p->lang != !q->lang) ||
		    (p->lang && strcmp(p->lang, q->lang))) {
			snprintf(why, n, "note %zu differs", i);
			return false;
		}
	}
	return true;
}

/* Field-by-field comparison of two units. */
static bool
same_unit(tm_unit *a, tm_unit *b, char *why, size_t n)
{
	if (!same_meta(tm_unit_meta_const(a), tm_unit_meta_const(b), why, n))
		return false;
	if (tm_unit_variant_count(a) != tm_unit_variant_count(b)) {
		snprintf(why, n, "variant count %zu != %zu",
		         tm_unit_variant_count(a), tm_unit_variant_count(b));
		return false;
	}
	for (size_t i = 0; i < tm_unit_variant_count(a); i++) {
		tm_variant *va = tm_unit_variant(a, i),
		           *vb = tm_unit_variant(b, i);

		if (strcmp(tm_variant_lang(va), tm_variant_lang(vb)) ||
		    strcmp(tm_variant_markup(va), tm_variant_markup(vb)) ||
		    strcmp(tm_variant_plain(va), tm_variant_plain(vb))) {
			snprintf(why, n, "variant %zu: [%s] '%s' != [%s] '%s'",
			         i, tm_variant_lang(va), tm_variant_markup(va),
			         tm_variant_lang(vb), tm_variant_markup(vb));
			return false;
		}
		if (!same_meta(tm_variant_meta_const(va),
		               tm_variant_meta_const(vb), why, n))
			return false;
	}
	return true;
}

/* The header of @path, a copy (tm_meta_free()); NULL when unreadable. */
static tm_meta *
read_header(const char *path)
{
	tm_tmx_reader *r = NULL;
	tm_meta *h = NULL;
	tm_unit *u;

	if (tm_tmx_reader_open(&r, path, NULL) < 0)
		return NULL;
	while (tm_tmx_reader_next(&u, r) == TM_OK)
		tm_unit_free(u);
	if (tm_meta_new(&h) == TM_OK &&
	    tm_meta_copy(h, tm_tmx_reader_header(r)) < 0) {
		tm_meta_free(h);
		h = NULL;
	}
	tm_tmx_reader_free(r);
	return h;
}

/* Header @b, read back from a file written with header @a: every
 * attribute of @a is in @b with its value (the original creationtool
 * included), @b only adds what the writer must default (a required
 * attribute @a lacked), and props and notes are the same in order. */
static bool
same_header(const tm_meta *a, const tm_meta *b, char *why, size_t n)
{
	static const char *const required[] = {
	        "creationtool", "creationtoolversion", "segtype", "o-tmf",
	        "adminlang",    "srclang",             "datatype", NULL};
	tm_meta *bb = NULL;
	bool ok;

	if (tm_meta_new(&bb) != TM_OK)
		return false;
	tm_meta_copy(bb, b);
	for (size_t k = 0; required[k]; k++)
		if (!tm_meta_attr(a, required[k]))
			tm_meta_set_attr(bb, required[k], NULL);
	ok = same_meta(a, bb, why, n);
	tm_meta_free(bb);
	return ok;
}

/* Write @units to @out with @flags; returns false on failure. */
static bool
write_all(const char *out,
          tm_unit **units,
          long n,
          unsigned flags,
          const tm_meta *header)
{
	tm_tmx_write_options o = TM_TMX_WRITE_OPTIONS_INIT;
	tm_tmx_writer *w = NULL;
	bool ok = true;

	o.flags = flags;
	o.header = header;
	if (tm_tmx_writer_new(&w, out, &o) < 0)
		return false;
	for (long i = 0; i < n; i++)
		if (tm_tmx_writer_write_unit(w, units[i]) < 0)
			ok = false;
	if (tm_tmx_writer_finish(w) < 0)
		ok = false;
	tm_tmx_writer_free(w);
	return ok;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	if (buf)
		buf[n] = '\0';
	*len = (size_t)n;
	fclose(f);
	return buf;
}

static void
test_tmx_inline_markup(void)
{
	tm_unit *u[MAXU];
	long n = read_all(fixture("inline.tmx"), 0, u, NULL);

	REQUIRE(n == 3);
	CHECK_STR(markup_of(u[0], "en"),
	          "Press <bpt i=\"1\" type=\"bold\">&lt;b&gt;</bpt>Save<ept "
	          "i=\"1\">&lt;/b&gt;</ept> <ph x=\"2\">&lt;img "
	          "src=\"a.png\"/&gt;</ph>now <hi type=\"x-term\">today</hi>.");
	/* codes are out of the plain text, hi's text is in */
	CHECK_STR(plain_of(u[0], "en"), "Press Save now today.");
	CHECK_STR(plain_of(u[0], "ru"), "Нажмите Сохранить сейчас");
	/* sub is a separate flow inside a code: not in the plain text */
	CHECK_STR(plain_of(u[1], "en"), "See here");
	CHECK_STR(markup_of(u[1], "ko"),
	          "여기<ph type=\"link\">&lt;a title=\"<sub>도움말</sub>\"&gt;"
	          "</ph>를 보세요");
	/* CDATA, spaces kept, tab, CR as a character reference */
	CHECK_STR(markup_of(u[2], "en"),
	          "a &lt; b &amp; \"c\"  two  spaces\ttab &#13;cr");
	CHECK_STR(plain_of(u[2], "en"), "a < b & \"c\"  two  spaces\ttab \rcr");
	/* supplementary plane characters from references and raw UTF-8 */
	CHECK_STR(plain_of(u[2], "ru"),
	          "\xF0\x9F\x93\x96 книга \xF0\x9F\x98\x80");
	CHECK_STR(tm_meta_attr(tm_unit_meta_const(u[0]), "tuid"), "inline");
	free_units(u, n);
}

static void
test_tmx_encodings(void)
{
	static const char *const files[] = {"utf16be-nobom.tmx",
	                                    "utf16le-bom.tmx",
	                                    "utf8-labelled-utf16.tmx"};
	tm_unit *ref[MAXU], *u[MAXU];
	long nref = read_all(fixture("inline.tmx"), 0, ref, NULL);
	char why[512];

	REQUIRE(nref == 3);
	for (size_t f = 0; f < 3; f++) {
		long n = read_all(fixture(files[f]), 0, u, NULL);

		CHECK(n == nref);
		for (long i = 0; i < n && i < nref; i++) {
			bool same = same_unit(ref[i], u[i], why, sizeof(why));

			if (!same)
				printf("# %s: %s\n", files[f], why);
			CHECK(same);
		}
		if (f == 2) {
			CHECK(nwarnings == 1);
			CHECK(last_kind == TM_TMX_MSG_WARNING);
			CHECK(strstr(last_warning,
			             "utf8-labelled-utf16.tmx:1:1: declared "
			             "encoding 'utf-16' does not match the "
			             "bytes; read as UTF-8") != NULL);
		}
		free_units(u, n);
	}
	free_units(ref, nref);
}

static void
test_tmx_old_lang_attribute(void)
{
	tm_unit *u[MAXU];
	long n = read_all(fixture("tmx11-lang.tmx"), 0, u, NULL);

	REQUIRE(n == 1);
	CHECK_STR(tm_variant_lang(tm_unit_variant(u[0], 0)), "en-US");
	CHECK_STR(tm_variant_lang(tm_unit_variant(u[0], 1)), "ko-KR");
	CHECK(strstr(last_warning, "mixes lang and xml:lang") != NULL);
	free_units(u, n);
}

static void
test_tmx_error_position(void)
{
	char want[4096];
	tm_status st;
	long n = read_all(fixture("bad-lang.tmx"), 0, NULL, &st);

	CHECK(n == -1);
	CHECK(st == TM_EPARSE);
	snprintf(want, sizeof(want), "tmx: %s:11:7: <tuv> lacks xml:lang",
	         fixture("bad-lang.tmx"));
	CHECK_STR(tm_errmsg(), want);
}

static void
test_tmx_keep_going(void)
{
	tm_unit *u[MAXU];
	char want[4096];
	long n = read_all(fixture("bad-lang.tmx"), TM_TMX_KEEP_GOING, u, NULL);

	CHECK(n == 2);
	snprintf(want, sizeof(want),
	         "%s:11:7: <tuv> lacks xml:lang; unit skipped",
	         fixture("bad-lang.tmx"));
	CHECK_STR(last_warning, want);
	CHECK(last_kind == TM_TMX_MSG_SKIPPED);
	if (n == 2) {
		CHECK_STR(plain_of(u[0], "ru"), "Один");
		CHECK_STR(plain_of(u[1], "ru"), "Три");
	}
	free_units(u, n > 0 ? n : 0);
}

static void
test_tmx_truncated(void)
{
	tm_tmx_read_options o = TM_TMX_READ_OPTIONS_INIT;
	tm_tmx_reader *r = NULL;
	tm_unit *u;
	tm_status st;
	int n = 0;
	char want[4096];

	REQUIRE(tm_tmx_reader_open(&r, fixture("truncated.tmx"), &o) == TM_OK);
	while ((st = tm_tmx_reader_next(&u, r)) == TM_OK) {
		n++;
		tm_unit_free(u);
	}
	/* the units before the break come first, then the error */
	CHECK(n == 2);
	CHECK(st == TM_EPARSE);
	snprintf(want, sizeof(want),
	         "tmx: %s:15:10: Opening and ending tag mismatch: tuv line 14 "
	         "and tu",
	         fixture("truncated.tmx"));
	CHECK_STR(tm_errmsg(), want);
	tm_tmx_reader_free(r);
}

static void
test_tmx_hostile(void)
{
	tm_status st;

	CHECK(read_all(fixture("xxe.tmx"), 0, NULL, &st) == -1);
	CHECK(st == TM_EPARSE);
	CHECK(strstr(tm_errmsg(), "xxe.tmx:3:43: entity declaration 'xxe' "
	                          "refused") != NULL);
	CHECK(read_all(fixture("billion-laughs.tmx"), 0, NULL, &st) == -1);
	CHECK(strstr(tm_errmsg(), "entity declaration 'lol' refused") != NULL);
	CHECK(read_all(fixture("deep-nesting.tmx"), 0, NULL, &st) == -1);
	CHECK(strstr(tm_errmsg(), "deep-nesting.tmx:5:1037: elements nested "
	                          "deeper than 256") != NULL);
	/* keep-going does not get past hostile markup */
	CHECK(read_all(fixture("xxe.tmx"), TM_TMX_KEEP_GOING, NULL, &st) == -1);
}

/* Invalid UTF-8 fails the read with a one-line error at its position,
 * also where libxml2 lets it through: an overlong form in a CDATA
 * section (fuzz-tmx finding, under a wrong utf-16 label there). */
static void
test_tmx_invalid_utf8(void)
{
	static const struct {
		const char *name, *seg, *msg;
		tm_status st;
	} cases[] = {
	        {"cdata.tmx", "<![CDATA[a\xC0\xB8" "b]]>",
	         "tmx: cdata.tmx:2:39: invalid UTF-8 (bytes 0xC0 0xB8 0x62)",
	         TM_EUNICODE},
	        {"cdata3.tmx", "<![CDATA[\n\xE0\x80\xB8]]>",
	         "tmx: cdata3.tmx:3:1: invalid UTF-8 (bytes 0xE0 0x80 0xB8)",
	         TM_EUNICODE},
	        {"text.tmx", "a\xC0\xB8" "b",
	         "tmx: text.tmx:2:30: Input is not proper UTF-8, indicate "
	         "encoding ! Bytes: 0xC0 0xB8 0x62 0x3C",
	         TM_EPARSE},
	};
	char doc[1024];

	for (size_t i = 0; i < TM_ARRAY_SIZE_(cases); i++) {
		for (unsigned flags = 0; flags <= TM_TMX_KEEP_GOING;
		     flags += TM_TMX_KEEP_GOING) {
			tm_tmx_read_options o = TM_TMX_READ_OPTIONS_INIT;
			tm_tmx_reader *r = NULL;
			tm_unit *u = NULL;
			tm_status st;

			snprintf(doc, sizeof(doc),
			         "<?xml version=\"1.0\" encoding=\"utf-16\"?>"
			         "<tmx version=\"1.4\"><header/><body>\n"
			         "<tu><tuv xml:lang=\"en\"><seg>%s</seg></tuv>"
			         "</tu></body></tmx>\n",
			         cases[i].seg);
			o.flags = flags;
			o.warn = on_warn;
			REQUIRE(tm_tmx_reader_open_memory(&r, doc, strlen(doc),
			                                  cases[i].name,
			                                  &o) == TM_OK);
			while ((st = tm_tmx_reader_next(&u, r)) == TM_OK)
				tm_unit_free(u);
			CHECK(st == cases[i].st);
			CHECK_STR(tm_errmsg(), cases[i].msg);
			tm_tmx_reader_free(r);
		}
	}
}

static void
test_tmx_huge_attribute(void)
{
	size_t big = 12 * 1024 * 1024;
	const char *head = "<tmx version=\"1.4\"><header/><body><tu tuid=\"";
	const char *tail = "\"><tuv xml:lang=\"en\"><seg>x</seg></tuv></tu>"
	                   "</body></tmx>";
	char *doc = malloc(strlen(head) + big + strlen(tail) + 1);
	tm_tmx_reader *r = NULL;
	tm_unit *u = NULL;

	REQUIRE(doc);
	strcpy(doc, head);
	memset(doc + strlen(head), 'a', big);
	strcpy(doc + strlen(head) + big, tail);
	REQUIRE(tm_tmx_reader_open_memory(&r, doc, strlen(doc), "huge.tmx",
	                                  NULL) == TM_OK);
	CHECK(tm_tmx_reader_next(&u, r) == TM_EPARSE);
	CHECK(strncmp(tm_errmsg(), "tmx: huge.tmx:1:", 16) == 0);
	tm_tmx_reader_free(r);
	free(doc);
}

/* A document with eleven comments of 1 MB each between @before and
 * @after: the comments count toward the 10 MB limit of a seg, a prop or
 * note, a ude. */
static char *
many_comments(const char *before, const char *after)
{
	size_t mb = 1024 * 1024, n = 11 * (mb + 8) + 400;
	char *doc = malloc(n), *p;

	if (!doc)
		return NULL;
	p = doc + sprintf(doc, "<tmx version=\"1.4\">%s", before);
	for (int i = 0; i < 11; i++) {
		p += sprintf(p, "<!--");
		memset(p, 'c', mb);
		p += mb;
		p += sprintf(p, "-->");
	}
	sprintf(p, "%s</tmx>", after);
	return doc;
}

static void
test_tmx_huge_comments(void)
{
	static const char *const tu =
	        "<header/><body><tu><tuv xml:lang=\"en\">";
	static const struct {
		const char *before, *after, *want;
	} t[] = {
	        {"<seg>", "</seg></tuv></tu></body>",
	         "<seg> longer than 1048576 bytes"},
	        {"<note>", "</note><seg>x</seg></tuv></tu></body>",
	         "<prop> or <note> longer than 10485760 bytes"},
	        {"<header><ude name=\"u\">",
	         "<map unicode=\"#x1\"/></ude></header><body><tu><tuv "
	         "xml:lang=\"en\"><seg>x</seg></tuv></tu></body>",
	         "<ude> longer than 10485760 bytes"},
	};

	for (size_t k = 0; k < TM_ARRAY_SIZE_(t); k++) {
		char before[200];
		char *doc;

		snprintf(before, sizeof(before), "%s%s", k < 2 ? tu : "",
		         t[k].before);
		doc = many_comments(before, t[k].after);
		tm_tmx_reader *r = NULL;
		tm_unit *u = NULL;

		REQUIRE(doc);
		REQUIRE(tm_tmx_reader_open_memory(&r, doc, strlen(doc),
		                                  "comments.tmx",
		                                  NULL) == TM_OK);
		CHECK(tm_tmx_reader_next(&u, r) == TM_EPARSE);
		if (!strstr(tm_errmsg(), t[k].want))
			printf("# %s\n", tm_errmsg());
		CHECK(strstr(tm_errmsg(), t[k].want) != NULL);
		tm_unit_free(u);
		tm_tmx_reader_free(r);
		free(doc);
	}
}

static void
test_tmx_memory_and_header(void)
{
	const char *doc =
	        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">"
	        "<header creationtool=\"x\" srclang=\"*all*\" o-tmf=\"y\">"
	        "<prop type=\"p\">v</prop><note>n</note></header><body>"
	        "<tu><note xml:lang=\"en\">tn</note><tuv xml:lang=\"EN_gb\">"
	        "<prop type=\"x-libtm-attr:id\">7</prop><seg>a</seg></tuv>"
	        "</tu></body></tmx>";
	tm_tmx_reader *r = NULL;
	tm_unit *u = NULL;
	const tm_meta *h;

	REQUIRE(tm_tmx_reader_open_memory(&r, doc, strlen(doc), "m.tmx",
	                                  NULL) == TM_OK);
	REQUIRE(tm_tmx_reader_next(&u, r) == TM_OK);
	h = tm_tmx_reader_header(r);
	CHECK_STR(tm_meta_attr(h, "srclang"), "*all*");
	CHECK_STR(tm_meta_prop_value(h, "p"), "v");
	CHECK(tm_meta_note_count(h) == 1);
	CHECK_STR(tm_tmx_reader_version(r), "1.4");
	CHECK_STR(tm_variant_lang(tm_unit_variant(u, 0)), "en-GB");
	/* the attribute a writer carried as a prop comes back */
	CHECK_STR(tm_meta_attr(tm_variant_meta_const(tm_unit_variant(u, 0)),
	                       "id"),
	          "7");
	CHECK_STR(tm_meta_note(tm_unit_meta_const(u), 0)->lang, "en");
	tm_unit_free(u);
	CHECK(tm_tmx_reader_next(&u, r) == TM_DONE);
	CHECK(tm_tmx_reader_progress(r) == 1.0);
	tm_tmx_reader_free(r);
}

static void
test_tmx_write_round_trip(void)
{
	tm_unit *u[MAXU], *back[MAXU];
	char out[1200], out2[1200], why[512];
	long n = read_all(fixture("inline.tmx"), 0, u, NULL), nb;
	size_t l1, l2;
	char *a, *b;

	REQUIRE(n == 3);
	snprintf(out, sizeof(out), "%s/rt.tmx", tmp_dir);
	snprintf(out2, sizeof(out2), "%s/rt2.tmx", tmp_dir);
	REQUIRE(write_all(out, u, n, 0, NULL));
	REQUIRE(write_all(out2, u, n, 0, NULL));
	a = slurp(out, &l1);
	b = slurp(out2, &l2);
	REQUIRE(a && b);
	/* deterministic */
	CHECK(l1 == l2 && memcmp(a, b, l1) == 0);
	CHECK(strstr(a, "creationtool=\"libtm\"") != NULL);
	CHECK(strstr(a, "srclang=\"*all*\"") != NULL);
	free(a);
	free(b);
	nb = read_all(out, 0, back, NULL);
	CHECK(nb == n);
	for (long i = 0; i < n && i < nb; i++) {
		bool same = same_unit(u[i], back[i], why, sizeof(why));

		if (!same)
			printf("# unit %ld: %s\n", i, why);
		CHECK(same);
	}
	free_units(back, nb);
	/* level 1: plain text only */
	REQUIRE(write_all(out, u, n, TM_TMX_LEVEL1, NULL));
	nb = read_all(out, 0, back, NULL);
	REQUIRE(nb == n);
	CHECK_STR(markup_of(back[0], "en"), "Press Save now today.");
	CHECK_STR(markup_of(back[2], "en"),
	          "a &lt; b &amp; \"c\"  two  spaces\ttab &#13;cr");
	free_units(back, nb);
	free_units(u, n);
}

static void
test_tmx_write_control_chars(void)
{
	tm_unit *u = NULL, *back[MAXU];
	char out[1200];
	long nb;
	size_t len;
	char *text;

	REQUIRE(tm_unit_new(&u) == TM_OK);
	REQUIRE(tm_unit_add_variant(NULL, u, "en", NULL,
	                            "a\x0b"
	                            "b") == TM_OK);
	REQUIRE(tm_unit_add_variant(NULL, u, "ko", NULL, "\x01x") == TM_OK);
	snprintf(out, sizeof(out), "%s/ctrl.tmx", tmp_dir);
	REQUIRE(write_all(out, &u, 1, 0, NULL));
	text = slurp(out, &len);
	REQUIRE(text);
	CHECK(strstr(text, "<seg>a<ph type=\"x-libtm-ctrl\">0B</ph>b</seg>"));
	free(text);
	nb = read_all(out, 0, back, NULL);
	REQUIRE(nb == 1);
	CHECK_STR(plain_of(back[0], "en"), "a\x0b"
	                                   "b");
	CHECK_STR(plain_of(back[0], "ko"), "\x01x");
	free_units(back, nb);
	tm_unit_free(u);
}

/* Stored markup that TMX 1.4b does not allow is made valid on export:
 * foreign elements become native code, undeclared attributes of inline
 * elements go, and markup that is not XML at all falls back to the plain
 * text. The plain text survives each way. */
static void
test_tmx_write_foreign_markup(void)
{
	tm_unit *u = NULL, *back[MAXU];
	char out[1200];
	size_t len;
	char *text;
	long nb;

	REQUIRE(tm_unit_new(&u) == TM_OK);
	REQUIRE(tm_unit_add_variant(NULL, u, "en",
	                            "Click <g id=\"1\">here</g> <x id=\"2\"/>"
	                            "<ph id=\"7\" x=\"3\">&lt;br/&gt;</ph>now",
	                            "Click here now") == TM_OK);
	REQUIRE(tm_unit_add_variant(NULL, u, "ko", "a < b &nbsp; c",
	                            "a < b c") == TM_OK);
	REQUIRE(tm_unit_add_variant(NULL, u, "ru",
	                            "<bpt i=\"2\">{<g>\x01</g>}</bpt>x"
	                            "<ept i=\"2\">}</ept>",
	                            "x") == TM_OK);
	snprintf(out, sizeof(out), "%s/foreign.tmx", tmp_dir);
	REQUIRE(write_all(out, &u, 1, 0, NULL));
	text = slurp(out, &len);
	REQUIRE(text);
	CHECK(strstr(text, "<seg>Click <bpt i=\"1\" type=\"x-g\">&lt;g "
	                   "id=\"1\"&gt;</bpt>here<ept i=\"1\">&lt;/g&gt;"
	                   "</ept> <ph type=\"x-x\">&lt;x id=\"2\"/&gt;</ph>"
	                   "<ph x=\"3\">&lt;br/&gt;</ph>now</seg>"));
	CHECK(strstr(text, "<seg>a &lt; b c</seg>"));
	/* inside native code a foreign tag is text, a control is dropped,
	 * and the new bpt numbers do not clash with i="2" */
	CHECK(strstr(text, "<seg><bpt i=\"2\">{&lt;g&gt;&lt;/g&gt;}</bpt>x"
	                   "<ept i=\"2\">}</ept></seg>"));
	free(text);
	nb = read_all(out, 0, back, NULL);
	REQUIRE(nb == 1);
	CHECK_STR(plain_of(back[0], "en"), "Click here now");
	CHECK_STR(plain_of(back[0], "ko"), "a < b c");
	CHECK_STR(plain_of(back[0], "ru"), "x");
	free_units(back, nb);
	tm_unit_free(u);
}

static bool tm_round_trip(const char *tmx, char *why, size_t n);

/* The values of the props of type @type of @m, joined by '/'. */
static const char *
props_of(const tm_meta *m, const char *type)
{
	static char buf[512];

	buf[0] = '\0';
	for (size_t i = 0; i < tm_meta_prop_count(m); i++) {
		const tm_prop *p = tm_meta_prop(m, i);

		if (strcmp(p->type, type) == 0)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
			         "%s/", p->value);
	}
	return buf;
}

/* The comment props of @m, joined by '/'. */
static const char *
comments_of(const tm_meta *m)
{
	return props_of(m, "x-libtm-comment");
}

/* What earlier versions lost: comments in header, body, tu and tuv, the
 * interleaving of notes, props (and udes), xml:space on tu, tuv and seg,
 * and the original header's creationtool, creationtoolversion and
 * undeclared attributes. Read, write, read again: all of it is there,
 * in the written file at its place. */
static void
test_tmx_round_trip_extras(void)
{
	tm_unit *u[MAXU], *back[MAXU];
	tm_meta *h, *h2;
	const tm_meta *tv;
	char out[1200], why[512];
	long n = read_all(fixture("roundtrip.tmx"), 0, u, NULL), nb;
	size_t len;
	char *text;

	REQUIRE(n == 3);
	h = read_header(fixture("roundtrip.tmx"));
	REQUIRE(h);
	CHECK_STR(tm_meta_attr(h, "creationtool"), "RoundTool");
	CHECK_STR(tm_meta_attr(h, "x-vendor"), "acme");
	CHECK_STR(tm_meta_attr(h, "x-libtm-order"), "cpnup");
	CHECK_STR(comments_of(h), " header comment 1 /");
	/* body comments go to the next tu, before '|' */
	CHECK_STR(tm_meta_attr(tm_unit_meta(u[0]), "x-libtm-order"),
	          "cc|pncpvcv");
	CHECK_STR(comments_of(tm_unit_meta(u[0])),
	          " body comment before tu 1 / second body comment / inside "
	          "tu / between tuvs /");
	CHECK_STR(tm_meta_attr(tm_unit_meta(u[0]), "xml:space"), "preserve");
	tv = tm_variant_meta_const(tm_unit_variant(u[0], 0));
	CHECK_STR(tm_meta_attr(tv, "xml:space"), "preserve");
	CHECK_STR(tm_meta_attr(tv, "x-libtm-seg-xml:space"), "preserve");
	CHECK_STR(tm_meta_attr(tv, "x-libtm-order"), "npnsc");
	CHECK_STR(comments_of(tv), " after the seg /");
	CHECK_STR(plain_of(u[0], "en"), "  Two  spaces.");
	tv = tm_variant_meta_const(tm_unit_variant(u[0], 1));
	CHECK_STR(tm_meta_attr(tv, "x-libtm-seg-xml:space"), "default");
	CHECK(tm_meta_attr(tv, "x-libtm-order") == NULL);
	/* the default order is not recorded */
	CHECK(tm_meta_attr(tm_unit_meta(u[1]), "x-libtm-order") == NULL);

	snprintf(out, sizeof(out), "%s/extras.tmx", tmp_dir);
	REQUIRE(write_all(out, u, n, 0, h));
	text = slurp(out, &len);
	REQUIRE(text);
	CHECK(strstr(text, "<header creationtool=\"libtm\""));
	CHECK(strstr(text, "    <prop type=\"x-original-creationtool\">"
	                   "RoundTool</prop>\n"
	                   "    <prop type=\"x-original-creationtoolversion\">"
	                   "7.2</prop>\n"
	                   "    <prop type=\"x-libtm-attr:x-vendor\">acme"
	                   "</prop>\n"
	                   "    <!-- header comment 1 -->\n"
	                   "    <prop type=\"x-h1\">one</prop>\n"
	                   "    <note o-encoding=\"UTF-8\">header note</note>\n"
	                   "    <ude name=\"MacRoman\""));
	CHECK(strstr(text, "    <!-- body comment before tu 1 -->\n"
	                   "    <!-- second body comment -->\n"
	                   "    <tu tuid=\"1\">\n"
	                   "      <prop type=\"x-libtm-attr:xml:space\">"
	                   "preserve</prop>\n"
	                   "      <prop type=\"x-p1\">p1</prop>\n"
	                   "      <note>n1</note>\n"
	                   "      <!-- inside tu -->\n"
	                   "      <prop type=\"x-p2\">p2</prop>\n"
	                   "      <tuv xml:lang=\"en\">\n"));
	CHECK(strstr(text, "        <note>tuv n1</note>\n"
	                   "        <prop type=\"x-tp\">tp</prop>\n"
	                   "        <note>tuv n2</note>\n"
	                   "        <seg>  Two  spaces.</seg>\n"
	                   "        <!-- after the seg -->\n"
	                   "      </tuv>\n"
	                   "      <!-- between tuvs -->\n"
	                   "      <tuv xml:lang=\"ko\">\n"));
	free(text);
	nb = read_all(out, 0, back, NULL);
	REQUIRE(nb == n);
	for (long i = 0; i < n; i++) {
		bool same = same_unit(u[i], back[i], why, sizeof(why));

		if (!same)
			printf("# unit %ld: %s\n", i, why);
		CHECK(same);
	}
	h2 = read_header(out);
	REQUIRE(h2);
	CHECK(same_header(h, h2, why, sizeof(why)));
	CHECK_STR(tm_meta_attr(h2, "creationtool"), "RoundTool");
	CHECK_STR(tm_meta_attr(h2, "creationtoolversion"), "7.2");
	tm_meta_free(h2);
	/* through the TM too */
	CHECK(tm_round_trip(fixture("roundtrip.tmx"), why, sizeof(why)));
	free_units(back, nb);
	free_units(u, n);
	tm_meta_free(h);
}

static tm_db *tm_with(const char *name, const char *tmx);

/* Whether @text ends with @tail. */
static bool
ends_with(const char *text, const char *tail)
{
	size_t n = strlen(text), k = strlen(tail);

	return n >= k && strcmp(text + n - k, tail) == 0;
}

/* What 0.1 still lost: comments inside <seg> and its inline elements
 * (kept in the markup at their place, never in the plain text, the
 * matching key or a level 1 export), comments before and after <tmx>,
 * around <header> and <body> and after the last <tu>, comments inside
 * props, notes and udes, and the o-encoding of props and notes. Read,
 * write, read again: all of it is there, at its place. */
static void
test_tmx_round_trip_comments(void)
{
	static const char head[] =
	        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	        "<!-- before the root -->\n"
	        "<?xml-stylesheet href=\"tmx.xsl\" type=\"text/xsl\"?>\n"
	        "<tmx version=\"1.4\">\n"
	        "  <!-- before the header -->\n"
	        "  <header ";
	static const char seg[] =
	        "Press <!-- seg comment --><bpt i=\"1\"><!-- in bpt -->"
	        "&lt;b&gt;</bpt>Save<ept i=\"1\">&lt;/b&gt;<!-- in ept -->"
	        "</ept> <ph><!-- in ph -->{0}</ph> <hi>high<!-- in hi -->"
	        "</hi> <it pos=\"begin\"><!-- in it -->&lt;i&gt;</it> <ut>"
	        "<!-- in ut -->x</ut> <ph>&lt;img alt=\"<sub>alt"
	        "<!-- in sub --></sub>\"/&gt;</ph>.<!-- end of seg -->"
	        "<?pi-seg a \"b\" ?>";
	tm_unit *u[MAXU], *back[MAXU];
	tm_meta *h, *h2;
	const tm_meta *m3;
	char out[1200], why[512];
	long n = read_all(fixture("roundtrip.tmx"), 0, u, NULL), nb;
	size_t len;
	char *text;
	tm_db *db;

	REQUIRE(n == 3);
	CHECK_STR(markup_of(u[2], "en"), seg);
	CHECK_STR(plain_of(u[2], "en"), "Press Save  high   .");
	CHECK_STR(markup_of(u[2], "ko"), "저장<!-- ko --><?pi-ko?>");
	CHECK_STR(plain_of(u[2], "ko"), "저장");
	h = read_header(fixture("roundtrip.tmx"));
	REQUIRE(h);
	CHECK_STR(props_of(h, "x-libtm-comment-before-tmx"),
	          " before the root /");
	CHECK_STR(props_of(h, "x-libtm-comment-before-header"),
	          " before the header /");
	CHECK_STR(props_of(h, "x-libtm-comment-before-body"),
	          " between header and body /");
	CHECK_STR(props_of(h, "x-libtm-comment-end-body"),
	          " after the last tu /");
	CHECK_STR(props_of(h, "x-libtm-comment-after-body"),
	          " after the body /");
	CHECK_STR(props_of(h, "x-libtm-comment-after-tmx"),
	          " after the root /");
	CHECK_STR(props_of(h, "x-libtm-pi-before-tmx"),
	          "xml-stylesheet href=\"tmx.xsl\" type=\"text/xsl\"/");
	CHECK_STR(props_of(h, "x-libtm-pi-end-body"),
	          "pi-last after the last tu/");
	CHECK_STR(props_of(h, "x-libtm-pi-after-tmx"), "pi-after-root/");
	CHECK_STR(
	        props_of(h, "x-libtm-ude"),
	        "<ude name=\"MacRoman\" base=\"Macintosh\"><!-- in the ude -->"
	        "<map unicode=\"#xF8FF\" code=\"#xF0\"/></ude>/");
	/* the text of a prop or note stays its text */
	CHECK_STR(props_of(h, "x-h2"), "two/");
	m3 = tm_unit_meta(u[2]);
	CHECK_STR(tm_meta_note(m3, 0)->text, "a note");
	CHECK_STR(props_of(m3, "x-c"), "a prop, two--comments/");
	CHECK_STR(props_of(m3, "x-enc"), "YmFzZTY0/");
	CHECK(tm_meta_attr(m3, "x-libtm-extra") != NULL);
	CHECK_STR(props_of(m3, "x-libtm-pi"),
	          "pi-body before tu 3/pi-tu in the tu/");
	CHECK_STR(tm_meta_attr(m3, "x-libtm-order"), "i|nippvv");

	snprintf(out, sizeof(out), "%s/comments.tmx", tmp_dir);
	REQUIRE(write_all(out, u, n, 0, h));
	text = slurp(out, &len);
	REQUIRE(text);
	CHECK(strncmp(text, head, strlen(head)) == 0);
	CHECK(strstr(text, "    <prop type=\"x-h2\">two<!-- in a header prop "
	                   "--></prop>\n"
	                   "  </header>\n"
	                   "  <!-- between header and body -->\n"
	                   "  <body>\n"));
	CHECK(strstr(text, "<!-- in the ude --><map unicode=\"#xF8FF\" "
	                   "code=\"#xF0\"/></ude>\n"));
	CHECK(ends_with(text, "    </tu>\n"
	                      "    <!-- after the last tu -->\n"
	                      "    <?pi-last after the last tu?>\n"
	                      "  </body>\n"
	                      "  <!-- after the body -->\n"
	                      "</tmx>\n"
	                      "<?pi-after-root?>\n"
	                      "<!-- after the root -->\n"));
	CHECK(strstr(text, "    <?pi-body before tu 3?>\n"
	                   "    <tu tuid=\"3\">\n"
	                   "      <note o-encoding=\"UTF-8\">a <!-- in a note "
	                   "-->note<!--at its end--></note>\n"
	                   "      <?pi-tu in the tu?>\n"
	                   "      <prop type=\"x-enc\" o-encoding=\"base64\">"
	                   "YmFzZTY0</prop>\n"
	                   "      <prop type=\"x-c\"><!-- first -->a prop"
	                   "<!-- in a prop -->, two--comments<?pi-prop?>"
	                   "</prop>\n"
	                   "      <tuv xml:lang=\"en\">\n"
	                   "        <prop type=\"x-tuv\" o-encoding=\"base64\">"
	                   "dHV2</prop>\n"
	                   "        <seg>"));
	CHECK(strstr(text, seg));
	CHECK(strstr(text, "<seg>저장<!-- ko --><?pi-ko?></seg>"));
	CHECK(!strstr(text, "x-libtm-extra"));
	free(text);
	nb = read_all(out, 0, back, NULL);
	REQUIRE(nb == n);
	for (long i = 0; i < n; i++) {
		bool same = same_unit(u[i], back[i], why, sizeof(why));

		if (!same)
			printf("# unit %ld: %s\n", i, why);
		CHECK(same);
	}
	h2 = read_header(out);
	REQUIRE(h2);
	CHECK(same_header(h, h2, why, sizeof(why)));
	tm_meta_free(h2);
	free_units(back, nb);

	/* level 1: the plain text, no comment of the seg */
	REQUIRE(write_all(out, u, n, TM_TMX_LEVEL1, h));
	text = slurp(out, &len);
	REQUIRE(text);
	CHECK(strstr(text, "<seg>Press Save  high   .</seg>"));
	CHECK(strstr(text, "<seg>저장</seg>"));
	CHECK(!strstr(text, "seg comment"));
	CHECK(!strstr(text, "<!-- ko -->"));
	CHECK(!strstr(text, "pi-seg"));
	free(text);

	/* the key of a lookup is the plain text's; a comment or PI is no
	 * tag */
	db = tm_with("comments.db", fixture("roundtrip.tmx"));
	REQUIRE(db);
	{
		tm_lookup_options lo = TM_LOOKUP_OPTIONS_INIT;
		tm_match_list *l = NULL;
		const tm_match *m;

		lo.source_lang = "ko";
		lo.target_lang = "en";
		REQUIRE(tm_lookup(&l, db, "저장", &lo) == TM_OK);
		m = tm_match_list_get(l, 0);
		REQUIRE(m);
		CHECK(m->flags & TM_MATCH_EXACT);
		CHECK(!(m->flags & TM_MATCH_TAGS));
		CHECK(m->score == 100);
		CHECK_STR(m->target, "Press Save  high   .");
		tm_match_list_free(l);
		lo.source_lang = "en";
		lo.target_lang = "ko";
		REQUIRE(tm_lookup(&l, db, "Press Save  high   .", &lo) ==
		        TM_OK);
		m = tm_match_list_get(l, 0);
		REQUIRE(m);
		CHECK(m->flags & TM_MATCH_EXACT);
		CHECK_STR(m->source, "Press Save  high   .");
		CHECK_STR(m->target, "저장");
		tm_match_list_free(l);
	}
	tm_db_close(db);
	free_units(u, n);
	tm_meta_free(h);
}

/* FNV-1a, as the x-libtm-extra record ties an item to its text. */
static unsigned long
fnv(const char *s)
{
	uint32_t v = 2166136261u;

	for (; *s; s++)
		v = (v ^ (unsigned char)*s) * 16777619u;
	return (unsigned long)v;
}

/* An x-libtm-extra record from an API user or a merge: an item whose
 * text does not hash to the prop's or note's is left out rather than
 * given to another; a comment offset past the end or inside a character
 * is moved to a boundary. Markup with a comment that XML does not allow
 * falls back to the plain text. */
static void
test_tmx_write_extra_record(void)
{
	tm_unit *u = NULL, *back[MAXU];
	tm_variant *v = NULL;
	tm_meta *h = NULL;
	char out[1200], rec[512];
	size_t len;
	char *text;
	long nb;

	REQUIRE(tm_unit_new(&u) == TM_OK);
	REQUIRE(tm_unit_add_variant(&v, u, "en", "a <!-- a -- b --> b",
	                            "a b") == TM_OK);
	REQUIRE(tm_unit_add_variant(NULL, u, "ko", "가<!-- c -->나", "가나") ==
	        TM_OK);
	REQUIRE(tm_unit_add_variant(NULL, u, "ru", "x<?xml bad?>y", "xy") ==
	        TM_OK);
	tm_meta_add_prop(tm_unit_meta(u), "x-a", NULL, "é1");
	tm_meta_add_prop(tm_unit_meta(u), "x-b", NULL, "p2");
	tm_meta_add_note(tm_unit_meta(u), NULL, "n");
	snprintf(rec, sizeof(rec),
	         "p0\t%08lx\te\tbase64\n"
	         "p0\t%08lx\tc1\tinside é\n"
	         "p0\t%08lx\tc99\tat\\tthe\\\\end\n"
	         "p1\t%08lx\te\twrong-hash\n"
	         "p1\t%08lx\ti1\tpi-x a?>b\n"
	         "n0\t%08lx\te\tUTF-8\n"
	         "garbage\n",
	         fnv("é1"), fnv("é1"), fnv("é1"), fnv("p1"), fnv("p2"),
	         fnv("n"));
	tm_meta_set_attr(tm_unit_meta(u), "x-libtm-extra", rec);
	/* a place type is one only in the header, and only a known one */
	tm_meta_add_prop(tm_unit_meta(u), "x-libtm-comment-end-body", NULL,
	                 "a prop");
	/* a PI whose target is none, or reserved, is not written */
	tm_meta_add_prop(tm_unit_meta(u), "x-libtm-pi", NULL, "1st no");
	tm_meta_add_prop(tm_unit_meta(u), "x-libtm-pi", NULL, "XmL no");
	tm_meta_add_prop(tm_unit_meta(u), "x-libtm-pi", NULL, "ok-pi yes");
	REQUIRE(tm_meta_new(&h) == TM_OK);
	tm_meta_add_prop(h, "x-libtm-comment-after-tmx", NULL, "at the end");
	tm_meta_add_prop(h, "x-libtm-comment-elsewhere", NULL, "a prop too");
	snprintf(out, sizeof(out), "%s/extra.tmx", tmp_dir);
	REQUIRE(write_all(out, &u, 1, 0, h));
	tm_meta_free(h);
	text = slurp(out, &len);
	REQUIRE(text);
	CHECK(strstr(text, "    <prop type=\"x-libtm-comment-elsewhere\">"
	                   "a prop too</prop>\n"));
	CHECK(strstr(text, "      <prop type=\"x-libtm-comment-end-body\">"
	                   "a prop</prop>\n"));
	CHECK(ends_with(text, "  </body>\n</tmx>\n<!--at the end-->\n"));
	CHECK(strstr(text,
	             "      <note o-encoding=\"UTF-8\">n</note>\n"
	             "      <prop type=\"x-a\" o-encoding=\"base64\">"
	             "é<!--inside é-->1<!--at\tthe\\end--></prop>\n"
	             "      <prop type=\"x-b\">p<?pi-x a? >b?>2</prop>\n"));
	CHECK(strstr(text, "      <?ok-pi yes?>\n"));
	CHECK(!strstr(text, " no?>"));
	CHECK(strstr(text, "<seg>xy</seg>"));
	CHECK(!strstr(text, "wrong-hash"));
	CHECK(!strstr(text, "x-libtm-extra"));
	CHECK(strstr(text, "<seg>a b</seg>"));
	CHECK(strstr(text, "<seg>가<!-- c -->나</seg>"));
	free(text);
	nb = read_all(out, 0, back, NULL);
	REQUIRE(nb == 1);
	CHECK_STR(props_of(tm_unit_meta(back[0]), "x-a"), "é1/");
	CHECK_STR(markup_of(back[0], "ko"), "가<!-- c -->나");
	CHECK_STR(plain_of(back[0], "ko"), "가나");
	free_units(back, nb);
	tm_unit_free(u);
}

/* The writer keeps the DTD's order whatever the order record says (it
 * may come from an API user or a merge), and writes what it does not
 * mention; "--" in a comment gets a space. */
static void
test_tmx_write_order_record(void)
{
	tm_unit *u = NULL, *back[MAXU];
	tm_variant *v = NULL;
	char out[1200];
	size_t len;
	char *text;
	long nb;

	REQUIRE(tm_unit_new(&u) == TM_OK);
	REQUIRE(tm_unit_add_variant(&v, u, "en", NULL, "a") == TM_OK);
	REQUIRE(tm_unit_add_variant(NULL, u, "ko", NULL, "b") == TM_OK);
	tm_meta_set_attr(tm_unit_meta(u), "x-libtm-order", "vnpxcvp");
	tm_meta_add_note(tm_unit_meta(u), NULL, "n1");
	tm_meta_add_prop(tm_unit_meta(u), "x-a", NULL, "p1");
	tm_meta_add_prop(tm_unit_meta(u), "x-libtm-comment", NULL, "c--1-");
	tm_meta_add_prop(tm_unit_meta(u), "x-b", NULL, "p2");
	tm_meta_add_note(tm_unit_meta(u), NULL, "n2");
	tm_meta_set_attr(tm_variant_meta(v), "x-libtm-order", "sn");
	tm_meta_add_note(tm_variant_meta(v), NULL, "vn");
	snprintf(out, sizeof(out), "%s/order.tmx", tmp_dir);
	REQUIRE(write_all(out, &u, 1, 0, NULL));
	text = slurp(out, &len);
	REQUIRE(text);
	CHECK(strstr(text, "    <tu>\n"
	                   "      <note>n1</note>\n"
	                   "      <note>n2</note>\n"
	                   "      <prop type=\"x-a\">p1</prop>\n"
	                   "      <prop type=\"x-b\">p2</prop>\n"
	                   "      <tuv xml:lang=\"en\">\n"
	                   "        <note>vn</note>\n"
	                   "        <seg>a</seg>\n"
	                   "      </tuv>\n"
	                   "      <!--c- -1- -->\n"
	                   "      <tuv xml:lang=\"ko\">\n"));
	free(text);
	nb = read_all(out, 0, back, NULL);
	REQUIRE(nb == 1);
	CHECK_STR(comments_of(tm_unit_meta(back[0])), "c- -1- /");
	free_units(back, nb);
	tm_unit_free(u);
}

/* Invalid UTF-8 anywhere in what is written (seg markup, its element
 * and attribute names, plain text at level 1, props, notes, attributes)
 * fails the unit with its byte offset and leaves nothing of it in the
 * file; the units around it are written. */
static void
test_tmx_write_bad_utf8(void)
{
	static const struct {
		const char *markup, *plain, *note, *prop, *attr;
		unsigned flags;
		size_t at;
	} cases[] = {
	        {"ok \xc3\x28", "ok", NULL, NULL, NULL, 0, 3},
	        {"<ph x=\"\xed\xa0\x80\">a</ph>", "", NULL, NULL, NULL, 0, 7},
	        {"<b\xff/>", "", NULL, NULL, NULL, 0, 2},
	        {"fine", "x\xf4\x90\x80\x80", NULL, NULL, NULL, TM_TMX_LEVEL1,
	         1},
	        {"fine", "fine", "n\xe0\x80\x80", NULL, NULL, 0, 1},
	        {"fine", "fine", NULL, "\xc0\xaf", NULL, 0, 0},
	        {"fine", "fine", NULL, NULL, "ab\x80", 0, 2},
	};
	char out[1200], want[1300];

	snprintf(out, sizeof(out), "%s/bad-utf8.tmx", tmp_dir);
	for (size_t i = 0; i < TM_ARRAY_SIZE_(cases); i++) {
		tm_tmx_write_options o = TM_TMX_WRITE_OPTIONS_INIT;
		tm_tmx_writer *w = NULL;
		tm_unit *good = NULL, *bad = NULL, *back[MAXU];
		tm_variant *v = NULL;
		long nb;

		REQUIRE(tm_unit_new(&good) == TM_OK);
		REQUIRE(tm_unit_add_variant(NULL, good, "en", NULL, "good") ==
		        TM_OK);
		REQUIRE(tm_unit_new(&bad) == TM_OK);
		tm__unit_set_id(bad, 42);
		REQUIRE(tm_unit_add_variant(&v, bad, "en", cases[i].markup,
		                            cases[i].plain) == TM_OK);
		if (cases[i].note)
			tm_meta_add_note(tm_variant_meta(v), NULL,
			                 cases[i].note);
		if (cases[i].prop)
			tm_meta_add_prop(tm_unit_meta(bad), "x-p", NULL,
			                 cases[i].prop);
		if (cases[i].attr)
			tm_meta_set_attr(tm_unit_meta(bad), "tuid",
			                 cases[i].attr);
		o.flags = cases[i].flags;
		REQUIRE(tm_tmx_writer_new(&w, out, &o) == TM_OK);
		CHECK(tm_tmx_writer_write_unit(w, good) == TM_OK);
		CHECK(tm_tmx_writer_write_unit(w, bad) == TM_EUNICODE);
		snprintf(want, sizeof(want),
		         "tmx: %s: unit 42: invalid UTF-8 at byte %zu", out,
		         cases[i].at);
		CHECK_STR(tm_errmsg(), want);
		CHECK(tm_tmx_writer_write_unit(w, good) == TM_OK);
		CHECK(tm_tmx_writer_finish(w) == TM_OK);
		CHECK(tm_tmx_writer_count(w) == 2);
		tm_tmx_writer_free(w);
		nb = read_all(out, 0, back, NULL);
		if (nb != 2)
			printf("# case %zu: %ld units: %s\n", i, nb,
			       tm_errmsg());
		CHECK(nb == 2);
		free_units(back, nb);
		tm_unit_free(good);
		tm_unit_free(bad);
	}
}

static void
test_tmx_writer_abandoned(void)
{
	tm_tmx_writer *w = NULL;
	char out[1200];

	snprintf(out, sizeof(out), "%s/never.tmx", tmp_dir);
	REQUIRE(tm_tmx_writer_new(&w, out, NULL) == TM_OK);
	tm_tmx_writer_free(w);
	/* no file under the target name, no temporary left */
	CHECK(access(out, F_OK) != 0);
	snprintf(out, sizeof(out), "%s/no/such/dir/x.tmx", tmp_dir);
	CHECK(tm_tmx_writer_new(&w, out, NULL) == TM_EIO);
	CHECK(w == NULL);
}

static void
remove_db(const char *path)
{
	char p[1400];

	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

/* A fresh TM at @name in the temporary directory with @tmx imported
 * (duplicates kept); NULL on failure. */
static tm_db *
tm_with(const char *name, const char *tmx)
{
	tm_tmx_import_options o = TM_TMX_IMPORT_OPTIONS_INIT;
	char path[1300];
	tm_db *db = NULL;

	snprintf(path, sizeof(path), "%s/%s", tmp_dir, name);
	remove_db(path);
	o.dup = TM_DUP_KEEP;
	if (tm_db_open(&db, path, NULL) < 0)
		return NULL;
	if (tm_tmx_import(NULL, db, tmx, &o) < 0) {
		tm_db_close(db);
		return NULL;
	}
	return db;
}

/* The five TMX structs carry a version like the others: a caller built
 * against another layout is refused before anything is read, written or
 * stored. */
static void
test_tmx_options_versions(void)
{
	const char *doc = "<tmx version=\"1.4\"><header/><body><tu><tuv "
	                  "xml:lang=\"en\"><seg>a</seg></tuv></tu></body>"
	                  "</tmx>";
	tm_tmx_read_options ro = TM_TMX_READ_OPTIONS_INIT;
	tm_tmx_write_options wo = TM_TMX_WRITE_OPTIONS_INIT;
	tm_tmx_import_options io = TM_TMX_IMPORT_OPTIONS_INIT;
	tm_tmx_export_options eo = TM_TMX_EXPORT_OPTIONS_INIT;
	tm_tmx_stats st = TM_TMX_STATS_INIT;
	tm_tmx_reader *r = NULL;
	tm_tmx_writer *w = NULL;
	char path[1300], out[1300];
	tm_db *db = NULL;

	ro.version = 99;
	CHECK(tm_tmx_reader_open_memory(&r, doc, strlen(doc), "v.tmx", &ro) ==
	      TM_EINVAL);
	CHECK(r == NULL);
	CHECK_STR(tm_errmsg(), "tmx: unknown tm_tmx_read_options version 99");
	snprintf(out, sizeof(out), "%s/versions.tmx", tmp_dir);
	wo.version = 0;
	CHECK(tm_tmx_writer_new(&w, out, &wo) == TM_EINVAL);
	CHECK(w == NULL);
	CHECK(access(out, F_OK) != 0);

	snprintf(path, sizeof(path), "%s/versions.db", tmp_dir);
	remove_db(path);
	REQUIRE(tm_db_open(&db, path, NULL) == TM_OK);
	io.version = 2;
	CHECK(tm_tmx_import(&st, db, fixture("inline.tmx"), &io) == TM_EINVAL);
	CHECK_STR(tm_errmsg(),
	          "tmx: unknown tm_tmx_import_options version 2");
	io.version = TM_TMX_IMPORT_OPTIONS_VERSION;
	st.version = 0; /* zeroed instead of TM_TMX_STATS_INIT */
	CHECK(tm_tmx_import(&st, db, fixture("inline.tmx"), &io) == TM_EINVAL);
	CHECK_STR(tm_errmsg(), "tmx: unknown tm_tmx_stats version 0");
	CHECK(tm_db_unit_count(db) == 0);
	CHECK(tm_tmx_export(&st, db, out, NULL) == TM_EINVAL);
	st.version = TM_TMX_STATS_VERSION;
	eo.version = 7;
	CHECK(tm_tmx_export(&st, db, out, &eo) == TM_EINVAL);
	CHECK(access(out, F_OK) != 0);
	CHECK(tm_tmx_import(&st, db, fixture("inline.tmx"), &io) == TM_OK);
	CHECK(st.units == 3);
	tm_tmx_stats_dispose(&st);
	tm_db_close(db);
	remove_db(path);
}

static const char *
base_name(const char *path)
{
	const char *b = strrchr(path, '/');

	return b ? b + 1 : path;
}

/* import -> export -> import through real TM files: the two TMs hold the
 * same units field by field (attributes, props, notes, their order,
 * comments, variants, markup, plain text) and the same header. */
static bool
tm_round_trip(const char *tmx, char *why, size_t n)
{
	char out[1300];
	tm_db *a, *b = NULL;
	tm_db_cursor *ca = NULL, *cb = NULL;
	tm_meta *ha = NULL, *hb = NULL;
	tm_unit *ua, *ub;
	bool ok = true;
	tm_status sa, sb;
	long k = 0;

	snprintf(out, sizeof(out), "%s/tm-rt.tmx", tmp_dir);
	a = tm_with("rt-a.db", tmx);
	if (!a || tm_tmx_export(NULL, a, out, NULL) < 0 ||
	    !(b = tm_with("rt-b.db", out))) {
		snprintf(why, n, "%s", tm_errmsg());
		tm_db_close(a);
		return false;
	}
	if (tm_db_cursor_new(&ca, a, NULL) < 0 ||
	    tm_db_cursor_new(&cb, b, NULL) < 0) {
		snprintf(why, n, "%s", tm_errmsg());
		ok = false;
	}
	while (ok) {
		sa = tm_db_cursor_next(&ua, ca);
		sb = tm_db_cursor_next(&ub, cb);
		if (sa != sb) {
			snprintf(why, n, "unit %ld: only in one TM", k);
			ok = false;
		} else if (sa == TM_OK) {
			char w2[400];

			if (!same_unit(ua, ub, w2, sizeof(w2))) {
				snprintf(why, n, "unit %ld: %s", k, w2);
				ok = false;
			}
		}
		tm_unit_free(ua);
		tm_unit_free(ub);
		if (sa != TM_OK)
			break;
		k++;
	}
	tm_db_cursor_free(ca);
	tm_db_cursor_free(cb);
	if (ok && tm_db_header(&ha, a, base_name(tmx)) == TM_OK) {
		char w2[400];

		if (tm_db_header(&hb, b, base_name(out)) != TM_OK) {
			snprintf(why, n, "header lost");
			ok = false;
		} else if (!same_header(ha, hb, w2, sizeof(w2))) {
			snprintf(why, n, "header: %s", w2);
			ok = false;
		}
	}
	tm_meta_free(ha);
	tm_meta_free(hb);
	tm_db_close(a);
	tm_db_close(b);
	return ok;
}

/* Every corpus file: the MANIFEST's TU count, and read -> write -> read
 * gives the same units and header field by field, and so does
 * import -> export -> import through the TM. */
static void
test_tmx_corpus(void)
{
	const char *shared = tm_test_shared_data();
	char path[2048], line[8192], out[1200], why[512];
	FILE *m;
	int files = 0, counted = 0, same_files = 0;

	if (!shared) {
		SKIP("shared data absent");
	}
	snprintf(path, sizeof(path), "%s/tmx/MANIFEST.tsv", shared);
	m = fopen(path, "r");
	REQUIRE(m);
	snprintf(out, sizeof(out), "%s/corpus.tmx", tmp_dir);
	while (fgets(line, sizeof(line), m)) {
		char *f[20] = {0};
		int k = 0;
		tm_unit **u, **back;
		tm_meta *h;
		long n, nb, want;
		bool ok = true;

		for (char *s = line, *t; k < 20 && (t = strsep(&s, "\t\n"));)
			f[k++] = t;
		if (k < 13 || strcmp(f[0], "file") == 0 ||
		    strncmp(f[0], "dtd/", 4) == 0 ||
		    strncmp(f[0], "invalid/", 8) == 0 || !strstr(f[0], ".tmx"))
			continue;
		files++;
		want = atol(f[12]);
		snprintf(path, sizeof(path), "%s/tmx/%s", shared, f[0]);
		u = calloc(MAXU, sizeof(*u));
		back = calloc(MAXU, sizeof(*back));
		REQUIRE(u && back);
		n = read_all(path, 0, u, NULL);
		if (n == want)
			counted++;
		else
			printf("# %s: %ld units, manifest says %ld (%s)\n",
			       f[0], n, want, tm_errmsg());
		h = read_header(path);
		if (n > 0 && !write_all(out, u, n, 0, h)) {
			printf("# %s: write failed: %s\n", f[0], tm_errmsg());
			ok = false;
		}
		nb = n > 0 ? read_all(out, 0, back, NULL) : n;
		if (nb != n)
			ok = false;
		if (ok && n > 0 && h) {
			tm_meta *h2 = read_header(out);

			if (!h2 || !same_header(h, h2, why, sizeof(why))) {
				printf("# %s header: %s\n", f[0],
				       h2 ? why : "unreadable");
				ok = false;
			}
			tm_meta_free(h2);
		}
		tm_meta_free(h);
		if (n > 0 && !tm_round_trip(path, why, sizeof(why))) {
			printf("# %s through the TM: %s\n", f[0], why);
			ok = false;
		}
		for (long i = 0; ok && i < n; i++) {
			if (!same_unit(u[i], back[i], why, sizeof(why))) {
				printf("# %s unit %ld: %s\n", f[0], i, why);
				ok = false;
			}
		}
		same_files += ok;
		free_units(u, n);
		free_units(back, nb);
		free(u);
		free(back);
	}
	fclose(m);
	printf("# corpus: %d files, %d with the manifest count, %d round "
	       "trip\n",
	       files, counted, same_files);
	CHECK(files > 80);
	CHECK(counted == files);
	CHECK(same_files == files);
}

int
main(void)
{
	const char *src = getenv("TM_SOURCE_ROOT");

	snprintf(data_dir, sizeof(data_dir), "%s/tests/data/tmx",
	         src ? src : ".");
	if (!mkdtemp(tmp_dir))
		return 1;
	RUN(test_tmx_inline_markup);
	RUN(test_tmx_encodings);
	RUN(test_tmx_old_lang_attribute);
	RUN(test_tmx_error_position);
	RUN(test_tmx_keep_going);
	RUN(test_tmx_truncated);
	RUN(test_tmx_hostile);
	RUN(test_tmx_invalid_utf8);
	RUN(test_tmx_huge_attribute);
	RUN(test_tmx_huge_comments);
	RUN(test_tmx_memory_and_header);
	RUN(test_tmx_write_round_trip);
	RUN(test_tmx_write_control_chars);
	RUN(test_tmx_write_foreign_markup);
	RUN(test_tmx_write_bad_utf8);
	RUN(test_tmx_round_trip_extras);
	RUN(test_tmx_round_trip_comments);
	RUN(test_tmx_write_extra_record);
	RUN(test_tmx_write_order_record);
	RUN(test_tmx_writer_abandoned);
	RUN(test_tmx_options_versions);
	RUN(test_tmx_corpus);
	{
		char cmd[256];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", tmp_dir);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", tmp_dir);
	}
	return tm_test_done();
}
