/* SPDX-License-Identifier: MIT */
/* `tm check`: translation QA of a story and its translation, of a TMX
 * file or of the TM (numbers, names, missing and added sentences,
 * untranslated segments, length, consistency). A thin layer over
 * <tm/check.h>: it reads the inputs and prints the findings. */
#include "tool.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum {
	OPT_TMX = 256,
	OPT_ORIGIN,
	OPT_GLOSSARY,
	OPT_FORMAT,
	OPT_MINSEV,
	OPT_PRESEG,
	OPT_COLOR,
	OPT_FORCE,
};

static const tool_opt check_opts[] = {
        {"source", 's', "LANG", "language of SRC (en, ko, ru, ...)"},
        {"target", 't', "LANG", "language of TGT"},
        {"tmx", OPT_TMX, "FILE", "check the units of a TMX file"},
        {"db", TOOL_OPT_DB, "PATH", "check the units stored in a TM"},
        {"origin", OPT_ORIGIN, "NAME", "with --db, only units from NAME"},
        {"glossary", OPT_GLOSSARY, "FILE",
         "names and terms: TSV with en, ko, ru columns"},
        {"format", OPT_FORMAT, "FMT", "text (default) or json"},
        {"min-severity", OPT_MINSEV, "LEVEL",
         "report info, warning (default) or error and above"},
        {"presegmented", OPT_PRESEG, NULL,
         "SRC and TGT have one sentence a line"},
        {"color", OPT_COLOR, "WHEN", "auto (default), always or never"},
        {"force", OPT_FORCE, NULL,
         "check a pair judged not a translation sentence by sentence"},
        {NULL, 0, NULL, NULL},
};

typedef enum { MODE_FILES, MODE_TMX, MODE_DB } check_mode;

typedef struct ctx {
	const tool_cmd *cmd;
	char *src_lang, *tgt_lang;
	check_mode mode;
	const char *src_path, *tgt_path, *in_path;
	bool json, color;
	tm_check_options opts;
	size_t reported;
} ctx;

/* ---- printing ----------------------------------------------------------- */

static const char *
sev_color(tm_check_severity s)
{
	switch (s) {
	case TM_CHECK_ERROR:
		return "\033[1;31m";
	case TM_CHECK_WARNING:
		return "\033[1;35m";
	default:
		return "\033[1;36m";
	}
}

/* One side of the pair beneath a finding, its span in bold. */
static void
put_side(const ctx *c,
         const char *lang,
         const char *text,
         size_t start,
         size_t len)
{
	size_t n = strlen(text);

	if (!n)
		return;
	printf("    %s: ", lang);
	for (size_t i = 0; i < n; i++) {
		char ch = text[i] == '\n' || text[i] == '\t' ? ' ' : text[i];

		if (c->color && len && i == start)
			fputs("\033[1m", stdout);
		putchar(ch);
		if (c->color && len && i + 1 == start + len)
			fputs("\033[0m", stdout);
	}
	putchar('\n');
}

/* The document finding's message with the source file named where the
 * library says "the source", and the option that reports what it left
 * out: an error leaves the sentence findings out unless
 * TM_CHECK_KEEP_UNRELATED (tm_check_texts()). */
static void
document_message(const ctx *c, const tm_check_finding *f, char *buf,
                 size_t len)
{
	const char *m = f->message, *at = strstr(m, "the source");
	bool left = f->severity == TM_CHECK_ERROR &&
	            !(c->opts.flags & TM_CHECK_KEEP_UNRELATED);

	if (!at)
		snprintf(buf, len, "%s", m);
	else
		snprintf(buf, len, "%.*s%s%s%s", (int)(at - m), m, c->src_path,
		         at + strlen("the source"),
		         left ? " (--force reports them)" : "");
}

static void
print_text(ctx *c,
           const tm_check_finding *f,
           const char *src_lang,
           const char *tgt_lang)
{
	const char *file, *message = f->message;
	char doc[1024];
	size_t line;

	switch (c->mode) {
	case MODE_FILES:
		if (f->kind == TM_CHECK_DOCUMENT) {
			/* about the whole file: no line */
			document_message(c, f, doc, sizeof(doc));
			message = doc;
			printf("%s: ", c->tgt_path);
			break;
		}
		if (f->kind == TM_CHECK_MISSING) {
			file = c->src_path;
			line = f->src_line;
		} else {
			file = c->tgt_path;
			line = f->tgt_line;
		}
		printf("%s:%zu: ", file, line);
		break;
	case MODE_TMX:
		/* a TMX unit has no line of its own: its position */
		printf("%s:%lld: ", c->in_path, f->id + 1);
		break;
	case MODE_DB:
		printf("%s:%lld: ", c->in_path, f->id);
		break;
	}
	if (c->color)
		printf("%s%s:\033[0m %s\n", sev_color(f->severity),
		       tm_check_severity_name(f->severity), message);
	else
		printf("%s: %s\n", tm_check_severity_name(f->severity),
		       message);
	put_side(c, src_lang, f->src_text, f->src_start, f->src_len);
	put_side(c, tgt_lang, f->tgt_text, f->tgt_start, f->tgt_len);
}

static json_t *
json_value(double v)
{
	return isnan(v) ? json_null() : json_real(v);
}

static json_t *
json_side(const char *text,
          size_t first,
          size_t count,
          size_t line,
          size_t start,
          size_t len)
{
	json_t *o = json_pack("{s:s,s:I,s:I,s:I}", "text", text, "first",
	                      (json_int_t)first, "count", (json_int_t)count,
	                      "line", (json_int_t)line);

	if (len)
		json_object_set_new(o, "span",
		                    json_pack("{s:I,s:I,s:s%}", "start",
		                              (json_int_t)start, "length",
		                              (json_int_t)len, "text",
		                              text + start, len));
	else
		json_object_set_new(o, "span", json_null());
	return o;
}

static int
print_json(ctx *c,
           const tm_check_finding *f,
           const char *src_lang,
           const char *tgt_lang)
{
	json_t *o = json_pack("{s:s,s:s,s:s,s:I,s:s,s:s,s:o,s:o,s:o,s:o}",
	                      "kind", tm_check_kind_name(f->kind), "severity",
	                      tm_check_severity_name(f->severity), "message",
	                      f->message, "pair", (json_int_t)f->pair,
	                      "source_lang", src_lang, "target_lang", tgt_lang,
	                      "source",
	                      json_side(f->src_text, f->src_first, f->src_count,
	                                f->src_line, f->src_start, f->src_len),
	                      "target",
	                      json_side(f->tgt_text, f->tgt_first, f->tgt_count,
	                                f->tgt_line, f->tgt_start, f->tgt_len),
	                      "source_value", json_value(f->src_value),
	                      "target_value", json_value(f->tgt_value));

	if (!o)
		return tool_fail(c->cmd, "out of memory");
	switch (c->mode) {
	case MODE_FILES:
		if (f->kind == TM_CHECK_DOCUMENT) {
			char doc[1024];

			/* about the whole pair: both files, the score, no
			 * line */
			document_message(c, f, doc, sizeof(doc));
			json_object_set_new(o, "message", json_string(doc));
			json_object_set_new(o, "file",
			                    json_string(c->tgt_path));
			json_object_set_new(o, "source_file",
			                    json_string(c->src_path));
			json_object_set_new(o, "line", json_null());
			json_object_set_new(
			        o, "score",
			        json_real(round(f->src_value * 1000) / 1000));
			break;
		}
		json_object_set_new(o, "file",
		                    json_string(f->kind == TM_CHECK_MISSING
		                                        ? c->src_path
		                                        : c->tgt_path));
		json_object_set_new(
		        o, "line",
		        json_integer((json_int_t)(f->kind == TM_CHECK_MISSING
		                                          ? f->src_line
		                                          : f->tgt_line)));
		break;
	case MODE_TMX:
		json_object_set_new(o, "file", json_string(c->in_path));
		json_object_set_new(o, "unit", json_integer(f->id + 1));
		break;
	case MODE_DB:
		json_object_set_new(o, "file", json_string(c->in_path));
		json_object_set_new(o, "unit", json_integer(f->id));
		if (f->group)
			json_object_set_new(o, "origin", json_string(f->group));
		break;
	}
	return tool_json_print(o, stdout) ? tool_fail(c->cmd, "write failed")
	                                  : EXIT_OK;
}

static int
print_list(ctx *c,
           const tm_check_list *l,
           const char *src_lang,
           const char *tgt_lang)
{
	for (size_t i = 0; i < tm_check_list_count(l); i++) {
		const tm_check_finding *f = tm_check_list_get(l, i);

		c->reported++;
		if (c->json) {
			if (print_json(c, f, src_lang, tgt_lang) != EXIT_OK)
				return EXIT_FAIL;
		} else {
			print_text(c, f, src_lang, tgt_lang);
		}
	}
	return EXIT_OK;
}

/* ---- a story and its translation --------------------------------------- */

static int
check_files(ctx *c)
{
	char *sb = NULL, *tb = NULL;
	size_t sl, tl;
	tm_checker *ck = NULL;
	tm_check_list *l = NULL;
	int rc = EXIT_FAIL;

	if (!tool_read_file(c->cmd, c->src_path, &sb, &sl) ||
	    !tool_check_utf8(c->cmd, c->src_path, sb, sl) ||
	    !tool_read_file(c->cmd, c->tgt_path, &tb, &tl) ||
	    !tool_check_utf8(c->cmd, c->tgt_path, tb, tl))
		goto out;
	if (tm_checker_new(&ck, c->src_lang, c->tgt_lang, &c->opts) < 0) {
		rc = tool_fail(c->cmd, "%s", tm_errmsg());
		goto out;
	}
	if (tm_check_texts(&l, ck, sb, sl, tb, tl) < 0) {
		rc = tool_fail(c->cmd, "%s: %s", c->src_path, tm_errmsg());
		goto out;
	}
	rc = print_list(c, l, c->src_lang, c->tgt_lang);
out:
	tm_check_list_free(l);
	tm_checker_free(ck);
	free(sb);
	free(tb);
	return rc;
}

/* ---- stored units ------------------------------------------------------- */

/* Units turned into pairs: the texts are copies, owned here. */
typedef struct pairs {
	tm_check_pair *v;
	size_t n, cap;
	char *src_lang, *tgt_lang; /* decided by the first unit */
} pairs;

static void
pairs_dispose(pairs *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free((char *)p->v[i].src);
		free((char *)p->v[i].tgt);
		free((char *)p->v[i].group);
	}
	free(p->v);
	free(p->src_lang);
	free(p->tgt_lang);
}

static const tm_variant *
variant_for(const tm_unit *u, const char *lang, const char *other)
{
	for (size_t i = 0; i < tm_unit_variant_count(u); i++) {
		const tm_variant *v = tm_unit_variant_const(u, i);
		const char *vl = tm_variant_lang(v);

		if (lang ? tm_lang_matches(lang, vl)
		         : !other || !tm_lang_matches(other, vl))
			return v;
	}
	return NULL;
}

/* Add the pair of @u (languages as given, else: the header's or the
 * unit's srclang, and the first other variant). False on memory
 * exhaustion; a unit without both variants is left out. */
static bool
pairs_add(ctx *c, pairs *p, const tm_unit *u, const char *srclang, size_t index)
{
	const char *sl = c->src_lang ? c->src_lang : p->src_lang;
	const char *tl = c->tgt_lang ? c->tgt_lang : p->tgt_lang;
	const tm_variant *vs, *vt;
	const char *us = tm_meta_attr(tm_unit_meta_const(u), "srclang");

	if (!sl)
		sl = us && strcmp(us, "*all*") != 0 ? us : srclang;
	vs = variant_for(u, sl, NULL);
	if (!vs)
		return true;
	sl = tm_variant_lang(vs);
	vt = variant_for(u, tl, sl);
	if (!vt)
		return true;
	if (!p->src_lang) {
		p->src_lang = strdup(sl);
		p->tgt_lang = strdup(tm_variant_lang(vt));
		if (!p->src_lang || !p->tgt_lang)
			return false;
	}
	if (!TM__ARRAY_GROW(p->v, p->cap, p->n + 1, 256))
		return false;
	p->v[p->n].src = strdup(tm_variant_plain(vs));
	p->v[p->n].tgt = strdup(tm_variant_plain(vt));
	p->v[p->n].group = tm_unit_origin(u) ? strdup(tm_unit_origin(u)) : NULL;
	p->v[p->n].id = c->mode == MODE_DB ? tm_unit_id(u) : (long long)index;
	p->n++;
	return p->v[p->n - 1].src && p->v[p->n - 1].tgt;
}

static int
check_pairs_of(ctx *c, pairs *p)
{
	tm_checker *ck = NULL;
	tm_check_list *l = NULL;
	int rc;

	if (!p->n)
		return EXIT_OK;
	if (tm_checker_new(&ck, p->src_lang, p->tgt_lang, &c->opts) < 0)
		return tool_fail(c->cmd, "%s", tm_errmsg());
	if (tm_check_pairs(&l, ck, p->v, p->n) < 0)
		rc = tool_fail(c->cmd, "%s: %s", c->in_path, tm_errmsg());
	else
		rc = print_list(c, l, p->src_lang, p->tgt_lang);
	tm_check_list_free(l);
	tm_checker_free(ck);
	return rc;
}

static int
check_tmx(ctx *c)
{
	tm_tmx_reader *r = NULL;
	tm_unit *u = NULL;
	pairs p = {0};
	const char *srclang = NULL;
	size_t index = 0;
	tm_status st;
	int rc = EXIT_OK;

	if (tm_tmx_reader_open(&r, c->in_path, NULL) < 0)
		return tool_fail(c->cmd, "%s", tm_errmsg());
	while ((st = tm_tmx_reader_next(&u, r)) == TM_OK) {
		if (!srclang && tm_tmx_reader_header(r))
			srclang = tm_meta_attr(tm_tmx_reader_header(r),
			                       "srclang");
		if (srclang && strcmp(srclang, "*all*") == 0)
			srclang = NULL;
		/* pair indices are unit positions, so units left out count */
		if (!pairs_add(c, &p, u, srclang, index++))
			rc = tool_fail(c->cmd, "out of memory");
		tm_unit_free(u);
		u = NULL;
		if (rc != EXIT_OK)
			break;
	}
	if (st < 0 && rc == EXIT_OK)
		rc = tool_fail(c->cmd, "%s", tm_errmsg());
	tm_tmx_reader_free(r);
	if (rc == EXIT_OK)
		rc = check_pairs_of(c, &p);
	pairs_dispose(&p);
	return rc;
}

static int
check_db(ctx *c, const char *origin)
{
	tm_db_options o = TM_DB_OPTIONS_INIT;
	tm_db_query q = TM_DB_QUERY_INIT;
	tm_db *db = NULL;
	tm_db_cursor *cur = NULL;
	tm_unit *u = NULL;
	pairs p = {0};
	tm_status st;
	int rc = EXIT_OK;

	o.flags = TM_DB_READONLY;
	if (tm_db_open(&db, c->in_path, &o) < 0)
		return tool_fail(c->cmd, "%s: %s", c->in_path, tm_errmsg());
	q.origin = origin;
	if (tm_db_cursor_new(&cur, db, &q) < 0) {
		rc = tool_fail(c->cmd, "%s: %s", c->in_path, tm_errmsg());
		goto out;
	}
	while ((st = tm_db_cursor_next(&u, cur)) == TM_OK) {
		bool ok = pairs_add(c, &p, u, NULL, 0);

		tm_unit_free(u);
		if (!ok) {
			rc = tool_fail(c->cmd, "out of memory");
			break;
		}
	}
	if (st < 0 && rc == EXIT_OK)
		rc = tool_fail(c->cmd, "%s: %s", c->in_path, tm_errmsg());
	tm_db_cursor_free(cur);
	if (rc == EXIT_OK)
		rc = check_pairs_of(c, &p);
out:
	pairs_dispose(&p);
	if (tm_db_close(db) < 0 && rc == EXIT_OK)
		rc = tool_fail(c->cmd, "%s: %s", c->in_path, tm_errmsg());
	return rc;
}

/* ---- main --------------------------------------------------------------- */

static int
run_check(const tool_cmd *cmd, int argc, char **argv)
{
	ctx c = {0};
	const char *tmx = NULL, *db = NULL, *origin = NULL, *gpath = NULL;
	const char *fmt = "text", *color = "auto";
	tm_glossary *g = NULL;
	int opt, rc = EXIT_OK;

	c.cmd = cmd;
	c.opts = (tm_check_options)TM_CHECK_OPTIONS_INIT;
	c.opts.min_severity = TM_CHECK_WARNING;
	while ((opt = tool_getopt(cmd, argc, argv)) != -1) {
		switch (opt) {
		case 'h':
			goto out;
		case 's':
			free(c.src_lang);
			if (!(c.src_lang =
			              tool_lang(cmd, "--source", optarg))) {
				rc = EXIT_USAGE;
				goto out;
			}
			break;
		case 't':
			free(c.tgt_lang);
			if (!(c.tgt_lang =
			              tool_lang(cmd, "--target", optarg))) {
				rc = EXIT_USAGE;
				goto out;
			}
			break;
		case OPT_TMX:
			tmx = optarg;
			break;
		case TOOL_OPT_DB:
			db = optarg;
			break;
		case OPT_ORIGIN:
			origin = optarg;
			break;
		case OPT_GLOSSARY:
			gpath = optarg;
			break;
		case OPT_FORMAT:
			fmt = optarg;
			break;
		case OPT_MINSEV:
			if (tm_check_severity_parse(&c.opts.min_severity,
			                            optarg) < 0) {
				rc = tool_usage(
				        cmd,
				        "--min-severity: expected info, "
				        "warning or error, got '%s'",
				        optarg);
				goto out;
			}
			break;
		case OPT_PRESEG:
			c.opts.flags |= TM_CHECK_PRESEGMENTED;
			break;
		case OPT_COLOR:
			color = optarg;
			break;
		case OPT_FORCE:
			c.opts.flags |= TM_CHECK_KEEP_UNRELATED;
			break;
		default:
			rc = EXIT_USAGE;
			goto out;
		}
	}
	if (strcmp(fmt, "text") == 0)
		c.json = false;
	else if (strcmp(fmt, "json") == 0)
		c.json = true;
	else {
		rc = tool_usage(
		        cmd, "--format: unknown format '%s' (text, json)", fmt);
		goto out;
	}
	if (strcmp(color, "always") == 0)
		c.color = true;
	else if (strcmp(color, "never") == 0)
		c.color = false;
	else if (strcmp(color, "auto") == 0)
		c.color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
	else {
		rc = tool_usage(cmd,
		                "--color: expected auto, always or never, "
		                "got '%s'",
		                color);
		goto out;
	}
	c.color = c.color && !c.json;
	if (tmx && db) {
		rc = tool_usage(cmd, "--tmx and --db exclude each other");
		goto out;
	}
	if (origin && !db) {
		rc = tool_usage(cmd, "--origin needs --db");
		goto out;
	}
	if ((tmx || db) && (c.opts.flags & TM_CHECK_KEEP_UNRELATED)) {
		/* stored units are checked one by one: no document verdict */
		rc = tool_usage(cmd, "--force needs SRC and TGT files");
		goto out;
	}
	if (tmx || db) {
		if (argc - optind != 0) {
			rc = tool_usage(cmd, "unexpected argument '%s'",
			                argv[optind]);
			goto out;
		}
		c.mode = tmx ? MODE_TMX : MODE_DB;
		c.in_path = tmx ? tmx : db;
	} else {
		if (!c.src_lang || !c.tgt_lang) {
			rc = tool_usage(
			        cmd, "both -s LANG and -t LANG are required");
			goto out;
		}
		if (argc - optind != 2) {
			rc = tool_usage(cmd, "expected SRC and TGT files");
			goto out;
		}
		c.mode = MODE_FILES;
		c.src_path = argv[optind];
		c.tgt_path = argv[optind + 1];
	}
	if (gpath) {
		if (tm_glossary_new(&g) < 0 ||
		    tm_glossary_load(NULL, g, gpath) < 0) {
			rc = tool_fail(cmd, "%s",
			               tm_errmsg() + (strncmp(tm_errmsg(),
			                                      "glossary: ", 10)
			                                      ? 0
			                                      : 10));
			goto out;
		}
		c.opts.glossary = g;
	}
	switch (c.mode) {
	case MODE_FILES:
		rc = check_files(&c);
		break;
	case MODE_TMX:
		rc = check_tmx(&c);
		break;
	case MODE_DB:
		rc = check_db(&c, origin);
		break;
	}
	if (!tool_flush(cmd, stdout, "<stdout>") && rc == EXIT_OK)
		rc = EXIT_FAIL;
	if (rc == EXIT_OK && c.reported)
		rc = EXIT_FAIL; /* findings: scripts and CI gate on it */
out:
	tm_glossary_free(g);
	free(c.src_lang);
	free(c.tgt_lang);
	return rc;
}

const tool_cmd cmd_check = {
        "check", "check a translation: numbers, names, missing sentences",
        "-s LANG -t LANG SRC TGT | --tmx FILE | --db PATH [--origin NAME]",
        check_opts, run_check};
