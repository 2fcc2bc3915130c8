/* SPDX-License-Identifier: MIT */
/* `tm lookup`: the best prior translations of a text or of each line of
 * stdin (tm_lookup()). */
#include "tool.h"

#include <stdlib.h>
#include <string.h>

enum { OPT_MIN = 256, OPT_PREV, OPT_NEXT, OPT_NO_PIVOT };

static const tool_opt opts[] = {
	{ "db", 'd', "PATH", "the TM (default $TM_DB, else tm.db)" },
	{ "source", 's', "LANG", "language of the text (required)" },
	{ "target", 't', "LANG", "language of the translations (required)" },
	{ "min-score", OPT_MIN, "N", "lowest score shown, 50-101 (default 70)" },
	{ "max", 'n', "N", "matches per query (default 5)" },
	{ "prev", OPT_PREV, "TEXT", "the segment before the text (context)" },
	{ "next", OPT_NEXT, "TEXT", "the segment after the text (context)" },
	{ "no-pivot", OPT_NO_PIVOT, NULL,
	  "no translations through a third language" },
	{ "json", 'j', NULL, "one JSON object per query (JSON Lines)" },
	{ NULL, 0, NULL, NULL },
};

static json_t *
str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *
flags_json(unsigned int f)
{
	json_t *a = json_array();

	if (f & TM_MATCH_EXACT)
		json_array_append_new(a, json_string("exact"));
	if (f & TM_MATCH_CONTEXT)
		json_array_append_new(a, json_string("context"));
	if (f & TM_MATCH_NUMBERS)
		json_array_append_new(a, json_string("numbers"));
	if (f & TM_MATCH_TAGS)
		json_array_append_new(a, json_string("tags"));
	if (f & TM_MATCH_PUNCT)
		json_array_append_new(a, json_string("punctuation"));
	if (f & TM_MATCH_PIVOT)
		json_array_append_new(a, json_string("pivot"));
	return a;
}

/* Tabs and newlines inside a segment would break the TSV line. */
static void
put_field(const char *s)
{
	for (; s && *s; s++)
		putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static void
print_text(const tm_match_list *l)
{
	for (size_t i = 0; i < tm_match_list_count(l); i++) {
		const tm_match *m = tm_match_list_get(l, i);

		printf("%.2f\t%lld\t", m->score, m->tu);
		for (size_t k = 0; k < m->n_origins; k++) {
			if (k)
				putchar(',');
			put_field(m->origins[k]);
		}
		if (!m->n_origins)
			putchar('-');
		putchar('\t');
		put_field(m->changed ? m->changed :
		                       m->created ? m->created : "-");
		putchar('\t');
		put_field(m->source);
		putchar('\t');
		put_field(m->proposed);
		if (m->flags & TM_MATCH_PIVOT) {
			printf("\tpivot:");
			put_field(m->pivot_lang);
			printf(":%lld", m->pivot_tu);
		}
		putchar('\n');
	}
}

static void
print_json(const char *query, const tm_match_list *l)
{
	json_t *doc = json_object(), *arr = json_array();

	json_object_set_new(doc, "format", json_integer(1));
	json_object_set_new(doc, "query", json_string(query));
	for (size_t i = 0; i < tm_match_list_count(l); i++) {
		const tm_match *m = tm_match_list_get(l, i);
		json_t *o = json_object();

		json_object_set_new(o, "score",
		                    json_real((double)(long long)(m->score * 100 +
		                                                  0.5) /
		                              100));
		json_object_set_new(o, "source", json_string(m->source));
		json_object_set_new(o, "target", json_string(m->target));
		json_object_set_new(o, "proposed", json_string(m->proposed));
		json_object_set_new(o, "tu", json_integer(m->tu));
		json_object_set_new(o, "source_lang",
		                    json_string(m->source_lang));
		json_object_set_new(o, "target_lang",
		                    json_string(m->target_lang));
		json_object_set_new(o, "origin", str_or_null(m->origin));
		json_object_set_new(o, "created", str_or_null(m->created));
		json_object_set_new(o, "changed", str_or_null(m->changed));
		json_object_set_new(o, "flags", flags_json(m->flags));
		{
			json_t *org = json_array();

			for (size_t k = 0; k < m->n_origins; k++)
				json_array_append_new(org,
				                      json_string(m->origins[k]));
			json_object_set_new(o, "origins", org);
		}
		json_object_set_new(
		        o, "pivot",
		        m->flags & TM_MATCH_PIVOT ?
		                json_pack("{s:s, s:s, s:I}", "lang",
		                          m->pivot_lang, "text", m->pivot_text,
		                          "tu", (json_int_t)m->pivot_tu) :
		                json_null());
		json_array_append_new(arr, o);
	}
	json_object_set_new(doc, "matches", arr);
	/* scores are rounded to 2 decimals: print 87.5, not 87.500000001 */
	if (json_dumpf(doc, stdout, JSON_COMPACT | JSON_REAL_PRECISION(10)) ==
	    0)
		putchar('\n');
	json_decref(doc);
}

static int
run(const tool_cmd *cmd, int argc, char **argv)
{
	tm_lookup_options lo = TM_LOOKUP_OPTIONS_INIT;
	tm_db_options dbo = TM_DB_OPTIONS_INIT;
	const char *db_opt = NULL;
	char *src = NULL, *tgt = NULL, *line = NULL;
	bool json = false;
	tm_db *db = NULL;
	int c, rc = EXIT_OK;
	size_t cap = 0, lineno = 0;
	long num;
	ssize_t got;

	while ((c = tool_getopt(cmd, argc, argv)) != -1) {
		switch (c) {
		case 'd':
			db_opt = optarg;
			break;
		case 's':
			free(src);
			if (!(src = tool_lang(cmd, "--source", optarg)))
				goto usage;
			break;
		case 't':
			free(tgt);
			if (!(tgt = tool_lang(cmd, "--target", optarg)))
				goto usage;
			break;
		case OPT_MIN:
			if (!tool_parse_double(optarg, 50, 101,
			                       &lo.min_score)) {
				rc = tool_usage(cmd, "--min-score: expected a "
				                       "number from 50 to 101, "
				                       "not '%s'",
				                  optarg);
				goto out;
			}
			break;
		case 'n':
			if (!tool_parse_long(optarg, 1, 1000, &num)) {
				rc = tool_usage(cmd, "--max: expected 1 to "
				                       "1000, not '%s'",
				                  optarg);
				goto out;
			}
			lo.max_results = (int)num;
			break;
		case OPT_PREV:
			lo.ctx_prev = optarg;
			break;
		case OPT_NEXT:
			lo.ctx_next = optarg;
			break;
		case OPT_NO_PIVOT:
			lo.flags |= TM_LOOKUP_NO_PIVOT;
			break;
		case 'j':
			json = true;
			break;
		case TOOL_OPT_HELP:
			goto out;
		default:
			goto usage;
		}
	}
	if (!src || !tgt) {
		rc = tool_usage(cmd, "both --source and --target are needed");
		goto out;
	}
	if (argc - optind > 1) {
		rc = tool_usage(cmd, "one TEXT at most (quote it)");
		goto out;
	}
	lo.source_lang = src;
	lo.target_lang = tgt;
	dbo.flags = TM_DB_READONLY;
	dbo.busy_timeout_ms = tool_busy_timeout_ms();
	if (tm_db_open(&db, tool_db_path(db_opt), &dbo) < 0) {
		rc = tool_fail(cmd, "%s", tm_errmsg());
		goto out;
	}
	{
		const char *langs[] = { src, tgt };

		if (!tool_check_langs(cmd, db, langs, 2)) {
			rc = EXIT_FAIL;
			goto out;
		}
	}
	if (optind < argc) {
		tm_match_list *l = NULL;
		const char *text = argv[optind];

		if (!tool_check_utf8(cmd, "TEXT", text, strlen(text))) {
			rc = EXIT_FAIL;
			goto out;
		}
		if (tm_lookup(&l, db, text, &lo) < 0) {
			rc = tool_fail(cmd, "%s", tm_errmsg());
			goto out;
		}
		if (json)
			print_json(text, l);
		else
			print_text(l);
		tm_match_list_free(l);
	} else {
		while ((got = tool_getline(&line, &cap, stdin)) >= 0) {
			tm_match_list *l = NULL;

			lineno++;
			while (got > 0 && (line[got - 1] == '\n' ||
			                   line[got - 1] == '\r'))
				line[--got] = '\0';
			if (tm_utf8_validate(NULL, line, (size_t)got) < 0 ||
			    memchr(line, '\0', (size_t)got)) {
				tool_fail(cmd, "<stdin>:%zu: %s", lineno,
				          memchr(line, '\0', (size_t)got)
				                  ? "a NUL byte in the query"
				                  : "invalid UTF-8");
				rc = EXIT_PARTIAL;
				continue;
			}
			if (got == 0 ||
			    tm_lookup(&l, db, line, &lo) < 0) {
				if (got > 0) {
					tool_fail(cmd, "<stdin>:%zu: %s",
					          lineno, tm_errmsg());
					rc = EXIT_PARTIAL;
				}
				if (json)
					print_json(line, NULL);
				else if (!json)
					putchar('\n');
				continue;
			}
			if (json)
				print_json(line, l);
			else {
				print_text(l);
				putchar('\n');
			}
			tm_match_list_free(l);
		}
		if (tool_read_failed(cmd, stdin, "<stdin>"))
			rc = EXIT_FAIL;
	}
	if (!tool_flush(cmd, stdout, "<stdout>"))
		rc = EXIT_FAIL;
	goto out;
usage:
	rc = EXIT_USAGE;
out:
	free(line);
	free(src);
	free(tgt);
	tm_db_close(db);
	return rc;
}

const tool_cmd cmd_lookup = {
	"lookup", "find prior translations of a text",
	"-s LANG -t LANG [options] [TEXT]", opts, run,
};
