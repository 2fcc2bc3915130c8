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
        {"all", 'a', NULL,
         "list every language pair and origin (the text lists the first)"},
        {NULL, 0, NULL, NULL},
};

static int run(const tool_cmd *cmd, int argc, char **argv);

const tool_cmd cmd_stats = {"stats",
                            "count units per language, pair and origin",
                            "[--db PATH] [--json] [--all]", opts, run};

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

/* How many pairs and origins the text lists without --all: a TM of many
 * languages has hundreds of pairs (2,131 lines for 258 units of 67 real
 * TMX files), of which the first few say what it holds. */
#define TOP_PAIRS 10
#define TOP_ORIGINS 20

static const tm_db_stats *sort_stats;

/* Pairs by units, most first, then by name (the library's order). */
static int
cmp_pair(const void *a, const void *b)
{
	const tm_db_pair_stat *x = &sort_stats->pairs[*(const size_t *)a];
	const tm_db_pair_stat *y = &sort_stats->pairs[*(const size_t *)b];

	if (x->units != y->units)
		return x->units > y->units ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

static void
print_pairs(const tm_db_stats *s, bool all)
{
	size_t *order = malloc((s->npairs ? s->npairs : 1) * sizeof(*order));
	size_t shown = all || s->npairs <= TOP_PAIRS + 1 ? s->npairs
	                                                  : TOP_PAIRS;

	if (!s->npairs)
		goto out;
	printf("\n%-16s %10s %10s\n", "pair", "units", "variants");
	for (size_t i = 0; i < s->npairs; i++)
		if (order)
			order[i] = i;
	if (order && !all) {
		sort_stats = s;
		qsort(order, s->npairs, sizeof(*order), cmp_pair);
	}
	for (size_t k = 0; k < shown; k++) {
		const tm_db_pair_stat *p = &s->pairs[order ? order[k] : k];
		char pair[64];

		/* "en-US / zh-CN": a dash would join the two tags */
		snprintf(pair, sizeof(pair), "%s / %s", p->lang1, p->lang2);
		/* a long pair of tags takes its room, the figures follow */
		printf("%-16s %10lld %10lld\n", pair, p->units, p->variants);
	}
	if (shown < s->npairs)
		printf("(%zu more pairs with fewer units; --all lists every "
		       "pair)\n",
		       s->npairs - shown);
out:
	free(order);
}

static void
print_origins(const tm_db_stats *s, bool all)
{
	size_t shown = all || s->norigins <= TOP_ORIGINS + 1 ? s->norigins
	                                                    : TOP_ORIGINS;

	if (!s->norigins)
		return;
	/* the name last: a long path cannot push the figures out of their
	 * columns */
	printf("\n%10s %-7s %s\n", "units", "header", "origin");
	for (size_t i = 0; i < shown; i++)
		printf("%10lld %-7s %s\n", s->origins[i].units,
		       s->origins[i].has_header ? "yes" : "-",
		       s->origins[i].name ? s->origins[i].name : "(none)");
	if (shown < s->norigins)
		printf("(%zu more origins; --all lists every origin)\n",
		       s->norigins - shown);
}

static void
print_text(const tm_db_stats *s, const char *path, bool all)
{
	printf("file      %s (%.1f MB, schema %d)\n", path,
	       (double)s->file_bytes / 1e6, s->schema_version);
	printf("units     %lld\nvariants  %lld\n", s->units, s->variants);
	printf("languages %zu\npairs     %zu\norigins   %zu\n", s->nlangs,
	       s->npairs, s->norigins);
	if (s->nlangs)
		printf("\n%-16s %10s %10s\n", "language", "units", "variants");
	for (size_t i = 0; i < s->nlangs; i++)
		printf("%-16s %10lld %10lld\n", s->langs[i].lang,
		       s->langs[i].units, s->langs[i].variants);
	print_pairs(s, all);
	print_origins(s, all);
}

static int
run(const tool_cmd *cmd, int argc, char **argv)
{
	const char *db_opt = NULL, *path;
	bool json = false, all = false;
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
		case 'a':
			all = true;
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
			print_text(&s, path, all);
		if (!tool_flush(cmd, stdout, "<stdout>"))
			rc = EXIT_FAIL;
	}
	tm_db_stats_dispose(&s);
	tm_db_close(db);
	return rc;
}
