/* SPDX-License-Identifier: MIT */
/* `tm stats`: what a TM holds, per language, language pair and origin. */
#include "tool.h"

#include <stdlib.h>
#include <string.h>

static const tool_opt opts[] = {
        {"db", TOOL_OPT_DB, "PATH",
         "translation memory (default $TM_DB, else "
         "tm.db)"},
        {"json", TOOL_OPT_JSON, NULL, "print the figures as JSON"},
        {NULL, 0, NULL, NULL},
};

static int run(const tool_cmd *cmd, int argc, char **argv);

const tool_cmd cmd_stats = {"stats",
                            "count units per language, pair and origin",
                            "[--db PATH] [--json]", opts, run};

static json_t *
to_json(const tm_db_stats *s, const char *path)
{
	json_t *langs = json_array(), *pairs = json_array();
	json_t *origins = json_array();

	for (size_t i = 0; i < s->nlangs; i++)
		json_array_append_new(
		        langs,
		        json_pack("{s:s, s:I, s:I}", "lang", s->langs[i].lang,
		                  "units", (json_int_t)s->langs[i].units,
		                  "variants",
		                  (json_int_t)s->langs[i].variants));
	for (size_t i = 0; i < s->npairs; i++)
		json_array_append_new(
		        pairs,
		        json_pack("{s:[s,s], s:I, s:I}", "langs",
		                  s->pairs[i].lang1, s->pairs[i].lang2, "units",
		                  (json_int_t)s->pairs[i].units, "variants",
		                  (json_int_t)s->pairs[i].variants));
	for (size_t i = 0; i < s->norigins; i++)
		json_array_append_new(
		        origins, json_pack("{s:s?, s:I, s:b}", "name",
		                           s->origins[i].name, "units",
		                           (json_int_t)s->origins[i].units,
		                           "header", s->origins[i].has_header));
	return json_pack("{s:i, s:s, s:I, s:i, s:I, s:I, s:o, s:o, s:o}",
	                 "format", 1, "path", path, "file_bytes",
	                 (json_int_t)s->file_bytes, "schema_version",
	                 s->schema_version, "units", (json_int_t)s->units,
	                 "variants", (json_int_t)s->variants, "languages",
	                 langs, "pairs", pairs, "origins", origins);
}

static void
print_text(const tm_db_stats *s, const char *path)
{
	printf("file      %s (%.1f MB, schema %d)\n", path,
	       (double)s->file_bytes / 1e6, s->schema_version);
	printf("units     %lld\nvariants  %lld\n", s->units, s->variants);
	if (s->nlangs)
		printf("\n%-16s %10s %10s\n", "language", "units", "variants");
	for (size_t i = 0; i < s->nlangs; i++)
		printf("%-16s %10lld %10lld\n", s->langs[i].lang,
		       s->langs[i].units, s->langs[i].variants);
	if (s->npairs)
		printf("\n%-16s %10s %10s\n", "pair", "units", "variants");
	for (size_t i = 0; i < s->npairs; i++) {
		char pair[64];

		snprintf(pair, sizeof(pair), "%s-%s", s->pairs[i].lang1,
		         s->pairs[i].lang2);
		printf("%-16s %10lld %10lld\n", pair, s->pairs[i].units,
		       s->pairs[i].variants);
	}
	if (s->norigins)
		printf("\n%-32s %10s\n", "origin", "units");
	for (size_t i = 0; i < s->norigins; i++)
		printf("%-32s %10lld%s\n",
		       s->origins[i].name ? s->origins[i].name : "(none)",
		       s->origins[i].units,
		       s->origins[i].has_header ? "  +header" : "");
}

static int
run(const tool_cmd *cmd, int argc, char **argv)
{
	const char *db_opt = NULL, *path;
	bool json = false;
	tm_db *db = NULL;
	tm_db_options o = TM_DB_OPTIONS_INIT;
	tm_db_stats s = TM_DB_STATS_INIT;
	tm_status st;
	int c, rc = EXIT_OK;

	while ((c = tool_getopt(cmd, argc, argv)) != -1) {
		switch (c) {
		case TOOL_OPT_HELP:
			return EXIT_OK;
		case TOOL_OPT_DB:
			db_opt = optarg;
			break;
		case TOOL_OPT_JSON:
			json = true;
			break;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind < argc)
		return tool_usage(cmd, "unexpected argument '%s'",
		                  argv[optind]);
	path = tool_db_path(db_opt);
	o.flags = TM_DB_READONLY;
	o.busy_timeout_ms = tool_busy_timeout_ms();
	st = tm_db_open(&db, path, &o);
	if (st == TM_OK)
		st = tm_db_stats_read(&s, db);
	if (st < 0) {
		rc = tool_fail(cmd, "%s", tm_errmsg());
	} else {
		if (json)
			tool_json_print(to_json(&s, path), stdout);
		else
			print_text(&s, path);
		if (!tool_flush(cmd, stdout, "<stdout>"))
			rc = EXIT_FAIL;
	}
	tm_db_stats_dispose(&s);
	tm_db_close(db);
	return rc;
}
