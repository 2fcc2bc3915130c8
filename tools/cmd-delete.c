/* SPDX-License-Identifier: MIT */
/* `tm delete`: remove units by id or by origin, all or nothing. */
#include "tool.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_ID = 256, OPT_ORIGIN };

static const tool_opt opts[] = {
        {"db", TOOL_OPT_DB, "PATH",
         "translation memory (default $TM_DB, else "
         "tm.db)"},
        {"id", OPT_ID, "N", "delete unit N (repeatable, or N,M,...)"},
        {"origin", OPT_ORIGIN, "NAME",
         "delete every unit of document NAME "
         "and its header"},
        {"json", TOOL_OPT_JSON, NULL, "print the result as JSON"},
        {NULL, 0, NULL, NULL},
};

static int run(const tool_cmd *cmd, int argc, char **argv);

const tool_cmd cmd_delete = {"delete", "delete units from the TM",
                             "[--db PATH] (--id N... | --origin NAME)", opts,
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

static int
run(const tool_cmd *cmd, int argc, char **argv)
{
	const char *db_opt = NULL, *origin = NULL;
	long long *ids = NULL, deleted = 0;
	size_t nids = 0;
	bool json = false;
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
	st = tm_db_open(&db, tool_db_path(db_opt), &o);
	if (st == TM_OK && origin) {
		st = tm_db_delete_origin(&deleted, db, origin);
	} else if (st == TM_OK) {
		/* One transaction: an unknown id deletes nothing. */
		qsort(ids, nids, sizeof(*ids), cmp_id);
		st = tm_db_begin(db);
		for (size_t i = 0; st == TM_OK && i < nids; i++) {
			if (i > 0 && ids[i] == ids[i - 1])
				continue;
			st = tm_db_delete(db, ids[i]);
			deleted += st == TM_OK;
		}
		if (st == TM_OK)
			st = tm_db_commit(db);
	}
	if (st < 0) {
		rc = tool_fail(cmd, "%s%s", tm_errmsg(),
		               deleted > 0 ? " (nothing deleted)" : "");
		if (db)
			tm_db_rollback(db);
		deleted = 0;
	} else if (json) {
		tool_json_print(json_pack("{s:i, s:I}", "format", 1, "deleted",
		                          (json_int_t)deleted),
		                stdout);
	} else {
		printf("deleted %lld\n", deleted);
	}
	if (rc == EXIT_OK && !tool_flush(cmd, stdout, "<stdout>"))
		rc = EXIT_FAIL;
	tm_db_close(db);
	free(ids);
	return rc;
}
