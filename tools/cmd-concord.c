/* SPDX-License-Identifier: MIT */
/* `tm concord`: every stored segment containing a phrase, with the
 * aligned translation beside it (tm_concord()). */
#include "tool.h"

#include <stdlib.h>
#include <string.h>

enum { OPT_TRANSLIT = 256, OPT_NO_PIVOT };

static const tool_opt opts[] = {
	{ "db", 'd', "PATH", "the TM (default $TM_DB, else tm.db)" },
	{ "lang", 'l', "LANG", "language searched (required)" },
	{ "target", 't', "LANG", "language of the translation shown" },
	{ "max", 'n', "N", "at most N segments, 0 for all (default 100)" },
	{ "translit", OPT_TRANSLIT, NULL,
	  "search every language through transliteration keys" },
	{ "no-pivot", OPT_NO_PIVOT, NULL,
	  "no translations through a third language" },
	{ "json", 'j', NULL, "one JSON object (format 1)" },
	{ NULL, 0, NULL, NULL },
};

static json_t *
str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* The name of a hit's match_kind, in the text and JSON output. */
static const char *
kind_name(unsigned int kind)
{
	switch (kind) {
	case TM_CONCORD_HIT_EXACT:
		return "exact";
	case TM_CONCORD_HIT_INFLECTED:
		return "inflected";
	case TM_CONCORD_HIT_TRANSLIT:
		return "translit";
	default:
		return "other";
	}
}

static void
put_field(const char *s, size_t n)
{
	for (size_t i = 0; s && i < n && s[i]; i++)
		putchar(s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ? ' ' :
		                                                       s[i]);
}

static int
run(const tool_cmd *cmd, int argc, char **argv)
{
	tm_concord_options co = TM_CONCORD_OPTIONS_INIT;
	tm_db_options dbo = TM_DB_OPTIONS_INIT;
	const char *db_opt = NULL, *phrase;
	char *lang = NULL, *tgt = NULL, *end;
	bool json = false;
	tm_db *db = NULL;
	tm_concord_list *l = NULL;
	long max = 100;
	int c, rc = EXIT_OK;

	while ((c = tool_getopt(cmd, argc, argv)) != -1) {
		switch (c) {
		case 'd':
			db_opt = optarg;
			break;
		case 'l':
			free(lang);
			if (!(lang = tool_lang(cmd, "--lang", optarg)))
				goto usage;
			break;
		case 't':
			free(tgt);
			if (!(tgt = tool_lang(cmd, "--target", optarg)))
				goto usage;
			break;
		case 'n':
			max = strtol(optarg, &end, 10);
			if (*end || end == optarg || max < 0 || max > 1000000) {
				rc = tool_usage(cmd, "--max: expected 0 to "
				                       "1000000, not '%s'",
				                  optarg);
				goto out;
			}
			break;
		case OPT_TRANSLIT:
			co.flags |= TM_CONCORD_TRANSLIT;
			break;
		case OPT_NO_PIVOT:
			co.flags |= TM_CONCORD_NO_PIVOT;
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
	if (!lang) {
		rc = tool_usage(cmd, "--lang is needed");
		goto out;
	}
	if ((co.flags & TM_CONCORD_NO_PIVOT) && !tgt) {
		/* without -t the unit's first other variant is shown: no
		 * pivot to turn off */
		rc = tool_usage(cmd, "--no-pivot needs --target");
		goto out;
	}
	if (argc - optind != 1) {
		rc = tool_usage(cmd, "one PHRASE is needed (quote it)");
		goto out;
	}
	phrase = argv[optind];
	if (!tool_check_utf8(cmd, "PHRASE", phrase, strlen(phrase))) {
		rc = EXIT_FAIL;
		goto out;
	}
	co.lang = lang;
	co.target_lang = tgt;
	co.max_results = max == 0 ? -1 : (int)max;
	dbo.flags = TM_DB_READONLY;
	dbo.busy_timeout_ms = tool_busy_timeout_ms();
	if (tm_db_open(&db, tool_db_path(db_opt), &dbo) < 0) {
		rc = tool_fail(cmd, "%s", tm_errmsg());
		goto out;
	}
	{
		/* with --translit every language is searched */
		const char *langs[] = { co.flags & TM_CONCORD_TRANSLIT ? NULL :
		                                                        lang,
			                tgt };

		if (!tool_check_langs(cmd, db, langs, 2)) {
			rc = EXIT_FAIL;
			goto out;
		}
	}
	if (tm_concord(&l, db, phrase, &co) < 0) {
		rc = tool_fail(cmd, "%s", tm_errmsg());
		goto out;
	}
	if (json) {
		json_t *doc = json_object(), *arr = json_array();

		json_object_set_new(doc, "format", json_integer(1));
		json_object_set_new(doc, "phrase", json_string(phrase));
		json_object_set_new(doc, "lang", json_string(lang));
		for (size_t i = 0; i < tm_concord_list_count(l); i++) {
			const tm_concord_hit *h = tm_concord_list_get(l, i);
			json_t *o = json_object();

			json_object_set_new(o, "tu", json_integer(h->tu));
			json_object_set_new(o, "text", json_string(h->text));
			json_object_set_new(o, "lang", json_string(h->lang));
			json_object_set_new(o, "span_start",
			                    json_integer((json_int_t)h->span_start));
			json_object_set_new(o, "span_len",
			                    json_integer((json_int_t)h->span_len));
			json_object_set_new(o, "match",
			                    json_stringn(h->text + h->span_start,
			                                 h->span_len));
			json_object_set_new(o, "translation",
			                    str_or_null(h->translation));
			json_object_set_new(o, "target_lang",
			                    str_or_null(h->target_lang));
			json_object_set_new(o, "origin", str_or_null(h->origin));
			json_object_set_new(o, "changed",
			                    str_or_null(h->changed));
			{
				json_t *org = json_array();

				for (size_t k = 0; k < h->n_origins; k++)
					json_array_append_new(
					        org, json_string(h->origins[k]));
				json_object_set_new(o, "origins", org);
			}
			json_object_set_new(o, "pivot",
			                    h->flags & TM_MATCH_PIVOT ?
			                            json_string(h->pivot_lang) :
			                            json_null());
			json_object_set_new(o, "match_kind",
			                    json_string(kind_name(h->match_kind)));
			json_array_append_new(arr, o);
		}
		json_object_set_new(doc, "hits", arr);
		tool_json_print(doc, stdout);
	} else {
		for (size_t i = 0; i < tm_concord_list_count(l); i++) {
			const tm_concord_hit *h = tm_concord_list_get(l, i);

			printf("%lld\t%s\t", h->tu, h->lang);
			put_field(h->text, h->span_start);
			fputs("[[", stdout);
			put_field(h->text + h->span_start, h->span_len);
			fputs("]]", stdout);
			put_field(h->text + h->span_start + h->span_len,
			          (size_t)-1);
			putchar('\t');
			put_field(h->translation ? h->translation : "-",
			          (size_t)-1);
			printf("\t%s", kind_name(h->match_kind));
			if (h->flags & TM_MATCH_PIVOT) {
				fputs("\tpivot:", stdout);
				put_field(h->pivot_lang, (size_t)-1);
			}
			putchar('\n');
		}
	}
	if (!tool_flush(cmd, stdout, "<stdout>"))
		rc = EXIT_FAIL;
	goto out;
usage:
	rc = EXIT_USAGE;
out:
	tm_concord_list_free(l);
	tm_db_close(db);
	free(lang);
	free(tgt);
	return rc;
}

const tool_cmd cmd_concord = {
	"concord", "find stored segments containing a phrase",
	"-l LANG [options] PHRASE", opts, run,
};
