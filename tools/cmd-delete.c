/* SPDX-License-Identifier: MIT */
/* `tm delete`: remove units by id or by origin, all or nothing. */
#include "tool.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_ID = 256, OPT_ORIGIN, OPT_DRY_RUN };

static const tool_opt opts[] = {
        {"db", TOOL_OPT_DB, "PATH",
         "translation memory (default $TM_DB, else "
         "tm.db)"},
        {"id", OPT_ID, "N", "delete unit N (repeatable, or N,M,...)"},
        {"origin", OPT_ORIGIN, "NAME",
         "delete every unit of document NAME "
         "and its header (units other documents hold too stay)"},
        {"dry-run", OPT_DRY_RUN, NULL,
         "list what would be deleted, delete nothing"},
        {"json", TOOL_OPT_JSON, NULL, "print the result as JSON"},
        {NULL, 0, NULL, NULL},
};

static int run(const tool_cmd *cmd, int argc, char **argv);

const tool_cmd cmd_delete = {"delete", "delete units from the TM",
                             "[--db PATH] [--dry-run] (--id N... | --origin NAME)", opts,
                             run};

/* Append the ids of "N[,M...]" to @ids; false after a usage error. */
static bool
parse_ids(const tool_cmd *cmd, const char *arg, long long **ids, size_t *n)
{
	const char *p = arg;

	while (*p) {
		char *end;
		long long v;
		long long *grown;

		errno = 0;
		v = strtoll(p, &end, 10);
		if (end == p || errno || v <= 0 || (*end && *end != ',')) {
			tool_usage(cmd, "--id: '%s' is not a unit id", arg);
			return false;
		}
		grown = realloc(*ids, (*n + 1) * sizeof(**ids));
		if (!grown) {
			tool_fail(cmd, "out of memory");
			return false;
		}
		*ids = grown;
		(*ids)[(*n)++] = v;
		p = *end ? end + 1 : end;
	}
	return true;
}

static int
cmp_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* Print one line per unit of @origin, "delete ID TAB TEXT" or "keep ID
 * TAB TEXT TAB (kept for OTHER)" (TEXT: its first variant), the way
 * tm_db_remove_origin() will treat it: a unit that another document holds
 * too (its first origin is another, or it has an x-libtm-origin prop)
 * stays. With @units (--json), append {"id", "action": "delete" or
 * "keep", "text"[, "kept_for"]} objects to it instead. Inside the
 * delete's transaction, so that the list is what goes. */
static tm_status
list_origin(tm_db *db, const char *origin, const char *verb, json_t *units)
{
	tm_db_query q = TM_DB_QUERY_INIT;
	tm_db_cursor *c = NULL;
	tm_unit *u = NULL;
	tm_status st;

	q.origin = origin;
	st = tm_db_cursor_new(&c, db, &q);
	while (st == TM_OK && (st = tm_db_cursor_next(&u, c)) == TM_OK) {
		const tm_meta *m = tm_unit_meta_const(u);
		const char *first = tm_unit_origin(u), *other = NULL;
		const char *text = tm_unit_variant_count(u)
		                           ? tm_variant_plain(tm_unit_variant(u, 0))
		                           : "";

		if (!first || strcmp(first, origin) != 0)
			other = first ? first : "(no origin)";
		for (size_t i = 0; !other && i < tm_meta_prop_count(m); i++) {
			const tm_prop *p = tm_meta_prop(m, i);

			if (strcmp(p->type, "x-libtm-origin") == 0)
				other = p->value;
		}
		if (units) {
			json_t *o = json_pack("{s:I,s:s,s:s}", "id",
			                      (json_int_t)tm_unit_id(u), "action",
			                      other ? "keep" : "delete", "text",
			                      text);

			if (o && other)
				json_object_set_new(o, "kept_for",
				                    json_string(other));
			if (!o || json_array_append_new(units, o) < 0)
				st = TM_ENOMEM;
			tm_unit_free(u);
			continue;
		}
		printf("%s %lld\t", other ? "keep" : verb, tm_unit_id(u));
		for (const char *t = text; *t; t++)
			putchar(*t == '\t' || *t == '\n' ? ' ' : *t);
		if (other)
			printf("\t(kept for %s)", other);
		putchar('\n');
		tm_unit_free(u);
	}
	tm_db_cursor_free(c);
	return st == TM_DONE ? TM_OK : st;
}

static int
run(const tool_cmd *cmd, int argc, char **argv)
{
	const char *db_opt = NULL, *origin = NULL;
	long long *ids = NULL, deleted = 0, kept = 0;
	size_t nids = 0;
	bool json = false, dry = false;
	json_t *units = NULL; /* --json --origin: what goes and what stays */
	tm_db *db = NULL;
	tm_db_options o = TM_DB_OPTIONS_INIT;
	tm_status st;
	int c, rc = EXIT_OK;

	while ((c = tool_getopt(cmd, argc, argv)) != -1) {
		switch (c) {
		case TOOL_OPT_HELP:
			free(ids);
			return EXIT_OK;
		case TOOL_OPT_DB:
			db_opt = optarg;
			break;
		case OPT_ID:
			if (!parse_ids(cmd, optarg, &ids, &nids)) {
				free(ids);
				return EXIT_USAGE;
			}
			break;
		case OPT_ORIGIN:
			origin = optarg;
			break;
		case TOOL_OPT_JSON:
			json = true;
			break;
		case OPT_DRY_RUN:
			dry = true;
			break;
		default:
			free(ids);
			return EXIT_USAGE;
		}
	}
	if (optind < argc)
		rc = tool_usage(cmd, "unexpected argument '%s'", argv[optind]);
	else if (!nids && !origin)
		rc = tool_usage(cmd,
		                "nothing to delete: give --id or --origin");
	else if (nids && origin)
		rc = tool_usage(cmd, "give --id or --origin, not both");
	if (rc != EXIT_OK) {
		free(ids);
		return rc;
	}
	o.flags = 0; /* never create a TM to delete from it */
	o.busy_timeout_ms = tool_busy_timeout_ms();
	tool_lock_notice(cmd, tool_db_path(db_opt));
	st = tm_db_open(&db, tool_db_path(db_opt), &o);
	/* One transaction: an unknown id deletes nothing, the list is what
	 * goes, and a dry run rolls it back. */
	if (st == TM_OK)
		st = tm_db_begin(db);
	if (st == TM_OK && origin) {
		if (json && !(units = json_array()))
			st = TM_ENOMEM;
		if (st == TM_OK)
			st = list_origin(db, origin,
			                 dry ? "would delete" : "delete", units);
		if (st == TM_OK)
			st = tm_db_remove_origin(&deleted, &kept, db, origin);
	} else if (st == TM_OK) {
		qsort(ids, nids, sizeof(*ids), cmp_id);
		for (size_t i = 0; st == TM_OK && i < nids; i++) {
			if (i > 0 && ids[i] == ids[i - 1])
				continue;
			st = tm_db_delete(db, ids[i]);
			deleted += st == TM_OK;
		}
	}
	if (st == TM_OK && dry)
		st = tm_db_rollback(db);
	else if (st == TM_OK)
		st = tm_db_commit(db);
	if (st < 0) {
		rc = tool_fail(cmd, "%s%s",
		               st == TM_ENOMEM ? "out of memory" : tm_errmsg(),
		               deleted > 0 ? " (nothing deleted)" : "");
		if (db)
			tm_db_rollback(db);
		deleted = 0;
	} else if (json) {
		json_t *res = json_pack("{s:i, s:I, s:I, s:b}", "format", 1,
		                        "deleted", (json_int_t)deleted, "kept",
		                        (json_int_t)kept, "dry_run", dry);

		if (res && units)
			json_object_set(res, "units", units);
		tool_json_print(res, stdout);
	} else {
		printf("%s %lld", dry ? "would delete" : "deleted", deleted);
		if (kept)
			printf(", kept %lld for other origins", kept);
		putchar('\n');
	}
	if (rc == EXIT_OK && !tool_flush(cmd, stdout, "<stdout>"))
		rc = EXIT_FAIL;
	json_decref(units);
	tm_db_close(db);
	free(ids);
	return rc;
}
