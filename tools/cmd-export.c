/* SPDX-License-Identifier: MIT */
/* tm export: write the TM (or part of it) as TMX 1.4b. */
#include "tool.h"

#include <ctype.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { OPT_LEVEL1 = 256, OPT_SINCE, OPT_ORIGIN };

#define MAX_TARGETS 32

static const tool_opt export_opts[] = {
        {"db", TOOL_OPT_DB, "PATH", "the TM (default $TM_DB, else tm.db)"},
        {"source", 's', "LANG", "source language (header srclang)"},
        {"target", 't', "LANG",
         "target language; repeat or separate with commas"},
        {"level1", OPT_LEVEL1, NULL, "plain text only, no inline markup"},
        {"since", OPT_SINCE, "DATE",
         "units changed at or after DATE (2026-11-27 or 20261127T000000Z)"},
        {"origin", OPT_ORIGIN, "NAME", "only units imported from NAME"},
        {"quiet", 'q', NULL, "no summary line"},
        {NULL, 0, NULL, NULL},
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Accept a TMX date or ISO 8601 (date, or date and time in UTC). */
static bool
parse_since(const char *s, char out[17])
{
	int y, mo, d, h = 0, mi = 0, se = 0;
	size_t n = strlen(s);

	if (n == 16 && s[8] == 'T' && s[15] == 'Z') {
		for (size_t i = 0; i < 15; i++)
			if (i != 8 && !isdigit((unsigned char)s[i]))
				return false;
		memcpy(out, s, 17);
		return true;
	}
	if (n == 10 && sscanf(s, "%4d-%2d-%2d", &y, &mo, &d) == 3) {
		/* date only */
	} else if (n >= 19 && sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d,
	                             &h, &mi, &se) == 6) {
		/* date and time */
	} else {
		return false;
	}
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    se > 60 || y < 0 || y > 9999 || h < 0 || mi < 0 || se < 0)
		return false;
	snprintf(out, 17, "%04u%02u%02uT%02u%02u%02uZ", (unsigned)y % 10000u,
	         (unsigned)mo % 100u, (unsigned)d % 100u, (unsigned)h % 100u,
	         (unsigned)mi % 100u, (unsigned)se % 100u);
	return true;
}

static int
run_export(const tool_cmd *cmd, int argc, char **argv)
{
	tm_tmx_export_options o = TM_TMX_EXPORT_OPTIONS_INIT;
	tm_db_options dbo = TM_DB_OPTIONS_INIT;
	tm_tmx_stats st = TM_TMX_STATS_INIT;
	const char *db_path = NULL, *out = NULL;
	char *source = NULL, *targets[MAX_TARGETS + 1] = {NULL};
	size_t nt = 0;
	char since[17];
	tm_db *db = NULL;
	double start = now();
	int c, rc = EXIT_OK;

	tool_quiet = false;
	/* Past the file-size limit (ulimit -f), write() fails with EFBIG
	 * and the writer removes its temporary file; the default action of
	 * SIGXFSZ would kill the process and leave it behind. */
	signal(SIGXFSZ, SIG_IGN);
	while ((c = tool_getopt(cmd, argc, argv)) != -1) {
		switch (c) {
		case TOOL_OPT_DB:
			db_path = optarg;
			break;
		case 's':
			free(source);
			source = tool_lang(cmd, "--source", optarg);
			if (!source)
				goto usage;
			break;
		case 't': {
			char *list = strdup(optarg), *save = NULL, *tok;

			for (tok = strtok_r(list, ",", &save); tok;
			     tok = strtok_r(NULL, ",", &save)) {
				if (nt == MAX_TARGETS) {
					free(list);
					tool_usage(cmd, "too many --target "
					                "languages");
					goto usage;
				}
				targets[nt] = tool_lang(cmd, "--target", tok);
				if (!targets[nt]) {
					free(list);
					goto usage;
				}
				nt++;
			}
			free(list);
			break;
		}
		case OPT_LEVEL1:
			o.flags |= TM_TMX_LEVEL1;
			break;
		case OPT_SINCE:
			if (!parse_since(optarg, since)) {
				tool_usage(cmd,
				           "--since: bad date '%s' (use "
				           "2026-11-27 or 20261127T000000Z)",
				           optarg);
				goto usage;
			}
			o.since = since;
			break;
		case OPT_ORIGIN:
			o.origin = optarg;
			break;
		case 'q':
			tool_quiet = true;
			break;
		case TOOL_OPT_HELP:
			rc = EXIT_OK;
			goto done;
		default:
			goto usage;
		}
	}
	if (optind < argc) {
		if (optind + 1 < argc) {
			tool_usage(cmd, "one output file only");
			goto usage;
		}
		out = argv[optind];
	}
	if (!out) {
		tool_usage(cmd, "no output file given ('-' for stdout)");
		goto usage;
	}
	if (nt && !source) {
		tool_usage(cmd, "--target needs --source");
		goto usage;
	}
	o.srclang = source;
	o.targets = nt ? (const char *const *)targets : NULL;
	db_path = tool_db_path(db_path);
	dbo.flags = TM_DB_READONLY;
	dbo.busy_timeout_ms = tool_busy_timeout_ms();
	if (tm_db_open(&db, db_path, &dbo) < 0) {
		rc = tool_fail(cmd, "%s", tm_errmsg());
		goto done;
	}
	/* a language the TM lacks would export no unit, silently */
	if (!tool_check_langs(cmd, db, (const char *const *)&source, 1) ||
	    !tool_check_langs(cmd, db, (const char *const *)targets, nt)) {
		rc = EXIT_FAIL;
		tm_db_close(db);
		goto done;
	}
	if (tm_tmx_export(&st, db, out, &o) < 0) {
		const char *m = tm_errmsg();

		rc = tool_fail(cmd, "%s",
		               strncmp(m, "tmx: ", 5) == 0 ? m + 5 : m);
	} else if (!tool_quiet) {
		fprintf(stderr, "exported %lld units to %s in %.2f s\n",
		        st.units, strcmp(out, "-") == 0 ? "<stdout>" : out,
		        now() - start);
	}
	tm_tmx_stats_dispose(&st);
	if (tm_db_close(db) < 0 && rc == EXIT_OK)
		rc = tool_fail(cmd, "%s", tm_errmsg());
	goto done;
usage:
	rc = EXIT_USAGE;
done:
	free(source);
	for (size_t i = 0; i < nt; i++)
		free(targets[i]);
	return rc;
}

const tool_cmd cmd_export = {"export", "write the TM as TMX 1.4b",
                             "[OPTIONS] OUT.tmx", export_opts, run_export};
