/* SPDX-License-Identifier: MIT */
/* `tm add`: store one translation pair typed by hand. */
#include "tool.h"

#include <stdlib.h>
#include <string.h>

enum { OPT_ORIGIN = 256, OPT_DUP, OPT_FORCE };

static const tool_opt opts[] = {
        {"db", TOOL_OPT_DB, "PATH",
         "translation memory (default $TM_DB, else "
         "tm.db; created when missing)"},
        {"source-lang", 's', "LANG",
         "language of SRC: en, ko, ru, ... "
         "(required)"},
        {"target-lang", 't', "LANG", "language of TGT (required)"},
        {"origin", OPT_ORIGIN, "NAME", "document the pair comes from"},
        {"duplicates", OPT_DUP, "MODE",
         "merge (default: an identical unit "
         "gets the new metadata), keep or "
         "skip-newer"},
        {"force", OPT_FORCE, NULL,
         "store a text whose script is not its language's"},
        {"json", TOOL_OPT_JSON, NULL, "print the result as JSON"},
        {NULL, 0, NULL, NULL},
};

static int run(const tool_cmd *cmd, int argc, char **argv);

const tool_cmd cmd_add = {"add", "store one translation pair in the TM",
                          "[--db PATH] -s LANG -t LANG [--origin NAME] SRC TGT",
                          opts, run};

static int
run(const tool_cmd *cmd, int argc, char **argv)
{
	const char *db_opt = NULL, *origin = NULL;
	char *src = NULL, *tgt = NULL;
	const char *why;
	tm_dup_mode mode = TM_DUP_MERGE;
	tm_put_result res = TM_PUT_ADDED;
	bool json = false, force = false;
	tm_unit *u = NULL;
	tm_db *db = NULL;
	tm_db_options dbo = TM_DB_OPTIONS_INIT;
	tm_status st;
	int c, rc = EXIT_OK;

	while ((c = tool_getopt(cmd, argc, argv)) != -1) {
		switch (c) {
		case TOOL_OPT_HELP:
			goto out;
		case TOOL_OPT_DB:
			db_opt = optarg;
			break;
		case 's':
			free(src);
			if (!(src = tool_lang(cmd, "--source-lang", optarg))) {
				rc = EXIT_USAGE;
				goto out;
			}
			break;
		case 't':
			free(tgt);
			if (!(tgt = tool_lang(cmd, "--target-lang", optarg))) {
				rc = EXIT_USAGE;
				goto out;
			}
			break;
		case OPT_ORIGIN:
			origin = optarg;
			break;
		case OPT_DUP:
			if (!tool_parse_duplicates(cmd, optarg, &mode)) {
				rc = EXIT_USAGE;
				goto out;
			}
			break;
		case OPT_FORCE:
			force = true;
			break;
		case TOOL_OPT_JSON:
			json = true;
			break;
		default:
			rc = EXIT_USAGE;
			goto out;
		}
	}
	if (!src || !tgt) {
		rc = tool_usage(cmd, "missing %s",
		                !src ? "--source-lang" : "--target-lang");
		goto out;
	}
	if (argc - optind != 2) {
		rc = tool_usage(cmd, "expected SRC and TGT, got %d argument%s",
		                argc - optind, argc - optind == 1 ? "" : "s");
		goto out;
	}
	for (int i = optind; i < argc; i++) {
		if (!tool_check_utf8(cmd, i == optind ? "SRC" : "TGT", argv[i],
		                     strlen(argv[i]))) {
			rc = EXIT_FAIL;
			goto out;
		}
		if (!*argv[i]) {
			rc = tool_usage(cmd, "%s is empty",
			                i == optind ? "SRC" : "TGT");
			goto out;
		}
		/* ko text without Hangul, a Korean sentence tagged kr */
		if (!force && (why = tool_script_check(i == optind ? src : tgt,
		                                       argv[i]))) {
			rc = tool_fail(cmd, "%s: %s (--force stores it anyway)",
			               i == optind ? "SRC" : "TGT", why);
			goto out;
		}
	}
	/* the unit of POST /api/units, stamped as a TMX tool would (and
	 * as the server stamps it) */
	st = tool_pair_unit(&u, src, argv[optind], tgt, argv[optind + 1]);
	if (st == TM_OK)
		st = tool_stamp_unit(u, src, tool_default_user());
	dbo.busy_timeout_ms = tool_busy_timeout_ms();
	if (st == TM_OK)
		st = tm_db_open(&db, tool_db_path(db_opt), &dbo);
	if (st == TM_OK)
		st = tm_db_put(&res, db, u, origin, mode);
	if (st < 0) {
		rc = tool_fail(cmd, "%s", tm_errmsg());
		goto out;
	}
	if (json)
		tool_json_print(json_pack("{s:i, s:I, s:s}", "format", 1, "id",
		                          (json_int_t)tm_unit_id(u), "result",
		                          tool_put_result_name(res)),
		                stdout);
	else
		printf("%s %lld\n", tool_put_result_name(res), tm_unit_id(u));
	if (!tool_flush(cmd, stdout, "<stdout>"))
		rc = EXIT_FAIL;
out:
	if (db && tm_db_close(db) < 0 && rc == EXIT_OK)
		rc = tool_fail(cmd, "%s", tm_errmsg());
	tm_unit_free(u);
	free(src);
	free(tgt);
	return rc;
}
