/* SPDX-License-Identifier: MIT */
/* tm import: store TMX files in the TM, one transaction per file. */
#include "tool.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { OPT_DUP = 256, OPT_KEEP_GOING };

static const tool_opt import_opts[] = {
        {"db", TOOL_OPT_DB, "PATH", "the TM (default $TM_DB, else tm.db)"},
        {"duplicates", OPT_DUP, "MODE",
         "merge (default: an identical unit gets the new metadata), "
         "keep or skip-newer"},
        {"dup", OPT_DUP, "MODE", "the same as --duplicates (older name)"},
        {"keep-going", OPT_KEEP_GOING, NULL,
         "skip bad units (listed with their line), exit 3"},
        {"quiet", 'q', NULL, "no progress and no warnings"},
        {"json", TOOL_OPT_JSON, NULL, "print the counts as JSON on stdout"},
        {NULL, 0, NULL, NULL},
};

typedef struct progress {
	const char *file;
	double start, last;
	bool shown;
} progress;

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
on_progress(void *payload, long long units, double fraction)
{
	progress *p = payload;
	double t = now();

	if (t - p->last < 0.25)
		return;
	p->last = t;
	p->shown = true;
	fprintf(stderr, "\rimporting %s: %lld TUs, %.0f TUs/s, %.0f%%   ",
	        p->file, units, units / (t - p->start > 0 ? t - p->start : 1),
	        fraction * 100);
	fflush(stderr);
}

static const tool_cmd *self;

/* Library messages are "FILE:LINE:COL: what"; skipped units are always
 * listed, lenient repairs only without --quiet. */
static void
on_message(void *payload, tm_tmx_message_kind kind, const char *msg)
{
	progress *p = payload;

	if (p->shown) {
		fprintf(stderr, "\r%*s\r", 70, "");
		p->shown = false;
	}
	if (kind == TM_TMX_MSG_SKIPPED)
		fprintf(stderr, "tm %s: warning: %s\n", self->name, msg);
	else
		tool_warn(self, "%s", msg);
}

static const char *
strip_layer(const char *msg)
{
	return strncmp(msg, "tmx: ", 5) == 0 ? msg + 5 : msg;
}

/* Remove the TM at @path (and the files the store keeps beside it) when
 * it holds no unit: checked on a new connection, in case another process
 * wrote into it meanwhile. */
static void
remove_if_empty(const char *path)
{
	tm_db_options o = TM_DB_OPTIONS_INIT;
	tm_db *db = NULL;
	long long n;

	o.flags = TM_DB_READONLY;
	if (tm_db_open(&db, path, &o) < 0)
		return;
	n = tm_db_unit_count(db);
	tm_db_close(db);
	if (n == 0)
		tm_db_remove(path);
}

static int
run_import(const tool_cmd *cmd, int argc, char **argv)
{
	tm_tmx_import_options o = TM_TMX_IMPORT_OPTIONS_INIT;
	tm_db_options dbo = TM_DB_OPTIONS_INIT;
	const char *db_path = NULL;
	bool json = false, keep_going = false, any_failed = false,
	     any_partial = false, any_ok = false, created;
	json_t *files = NULL;
	tm_db *db = NULL;
	char **files_in;
	int nfiles = 0;
	int c, rc;

	self = cmd;
	tool_quiet = false;
	files_in = calloc((size_t)argc + 1, sizeof(char *));
	if (!files_in)
		return tool_fail(cmd, "out of memory");
	while ((c = tool_getopt(cmd, argc, argv)) != -1) {
		switch (c) {
		case TOOL_OPT_DB:
			db_path = optarg;
			break;
		case OPT_DUP:
			if (!tool_parse_duplicates(cmd, optarg, &o.dup)) {
				free(files_in);
				return EXIT_USAGE;
			}
			break;
		case OPT_KEEP_GOING:
			keep_going = true;
			break;
		case 'q':
			tool_quiet = true;
			break;
		case TOOL_OPT_JSON:
			json = true;
			break;
		case TOOL_OPT_HELP:
			free(files_in);
			return EXIT_OK;
		default:
			free(files_in);
			return EXIT_USAGE;
		}
	}
	while (optind < argc)
		files_in[nfiles++] = argv[optind++];
	if (nfiles == 0) {
		free(files_in);
		return tool_usage(cmd, "no TMX file given");
	}
	db_path = tool_db_path(db_path);
	dbo.busy_timeout_ms = tool_busy_timeout_ms();
	created = access(db_path, F_OK) != 0;
	tool_lock_notice(cmd, db_path);
	if (tm_db_open(&db, db_path, &dbo) < 0) {
		free(files_in);
		return tool_fail(cmd, "%s", tm_errmsg());
	}
	if (keep_going)
		o.flags |= TM_TMX_KEEP_GOING;
	if (json)
		files = json_array();
	for (int i = 0; i < nfiles; i++) {
		tm_tmx_stats st = TM_TMX_STATS_INIT;
		/* last = 0: the first report (at 1000 units) shows at once */
		const char *label =
		        strcmp(files_in[i], "-") == 0 ? "<stdin>" : files_in[i];
		progress p = {label, now(), 0, false};
		tm_status s;
		double secs;

		o.warn = on_message;
		o.warn_payload = &p;
		o.progress = !tool_quiet && isatty(2) ? on_progress : NULL;
		o.progress_payload = &p;
		s = tm_tmx_import(&st, db, files_in[i], &o);
		secs = now() - p.start;
		if (p.shown)
			fprintf(stderr, "\r%*s\r", 70, "");
		if (s >= 0)
			any_ok = true;
		if (s < 0) {
			any_failed = true;
			tool_fail(cmd, "%s", strip_layer(tm_errmsg()));
		} else {
			if (st.truncated && st.message_count)
				fprintf(stderr, "tm %s: error: %s\n", cmd->name,
				        st.messages[st.message_count - 1]);
			fprintf(stderr,
			        "imported %s: %lld added, %lld merged, %lld "
			        "skipped",
			        label, st.added, st.merged, st.skipped);
			if (st.rejected)
				fprintf(stderr, ", %lld rejected", st.rejected);
			fprintf(stderr, " in %.2f s\n", secs);
			if (st.rejected)
				any_partial = true;
		}
		if (json) {
			json_t *f = json_pack(
			        "{s:s, s:b, s:I, s:I, s:I, s:I, s:I, s:I, s:b, "
			        "s:f}",
			        "file", files_in[i], "ok", s >= 0, "units",
			        (json_int_t)st.units, "added",
			        (json_int_t)st.added, "merged",
			        (json_int_t)st.merged, "skipped",
			        (json_int_t)st.skipped, "rejected",
			        (json_int_t)st.rejected, "warnings",
			        (json_int_t)st.warnings, "truncated",
			        st.truncated != 0, "seconds", secs);
			json_t *msgs = json_array();

			for (size_t k = 0; k < st.message_count; k++)
				json_array_append_new(
				        msgs, json_string(st.messages[k]));
			json_object_set_new(f, "messages", msgs);
			if (s < 0)
				json_object_set_new(
				        f, "error",
				        json_string(strip_layer(tm_errmsg())));
			json_array_append_new(files, f);
		}
		tm_tmx_stats_dispose(&st);
	}
	rc = any_failed ? EXIT_FAIL : any_partial ? EXIT_PARTIAL : EXIT_OK;
	if (json) {
		tool_json_print(json_pack("{s:i, s:s, s:o}", "format", 1, "db",
		                          db_path, "files", files),
		                stdout);
		if (!tool_flush(cmd, stdout, "stdout") && rc == EXIT_OK)
			rc = EXIT_FAIL;
	}
	if (tm_db_close(db) < 0 && rc == EXIT_OK)
		rc = tool_fail(cmd, "%s", tm_errmsg());
	/* A TM this command created and filled with nothing was not there
	 * before it: leave it that way. */
	if (created && !any_ok)
		remove_if_empty(db_path);
	free(files_in);
	return rc;
}

const tool_cmd cmd_import = {
        "import", "store TMX files in the TM (one transaction per file)",
        "[OPTIONS] FILE...", import_opts, run_import};
