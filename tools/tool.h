/* SPDX-License-Identifier: MIT */
/* Shared plumbing of the `tm` command: the command table, option tables
 * (one source for getopt_long and --help), messages and exit codes. */
#ifndef TM_TOOL_H
#define TM_TOOL_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include <jansson.h>
#include <tm/tm.h>

/* header-only, no libtm symbol: the library's growable array */
#include "../libtm/array-private.h"

/* Exit codes, documented in docs/tm.1 EXIT STATUS. */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,
	EXIT_USAGE = 2,
	EXIT_PARTIAL = 3,
};

/* One option: the single source for getopt_long and for --help. The man
 * page is checked against --help by tests/cli/test-docs.sh. */
typedef struct tool_opt {
	const char *name; /* long name, without "--" */
	int val;          /* short letter, or a value >= 256 for long-only */
	const char *arg;  /* argument name, NULL when it takes none */
	const char *help;
} tool_opt;

typedef struct tool_cmd {
	const char *name;
	const char *summary; /* one line for `tm --help` */
	const char *usage;   /* after "tm NAME " */
	const tool_opt *opts; /* terminated by { NULL } */
	int (*run)(const struct tool_cmd *cmd, int argc, char **argv);
} tool_cmd;

/* Common options every command accepts (added by tool_getopt). */
#define TOOL_OPT_HELP 'h'
/* Letters of options several commands share, the same everywhere. */
#define TOOL_OPT_DB 'd'   /* --db PATH */
#define TOOL_OPT_JSON 'j' /* --json */

/* getopt_long over @cmd's table plus --help. Returns the option value,
 * -1 at the end, '?' on a usage error (already reported). On --help it
 * prints the help and returns 'h'. */
int tool_getopt(const tool_cmd *cmd, int argc, char **argv);
void tool_print_help(const tool_cmd *cmd, FILE *f);

/* "tm CMD: error: ..." on stderr. Returns EXIT_FAIL. */
int tool_fail(const tool_cmd *cmd, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
/* A usage error: one line plus "Try 'tm CMD --help'.". Returns EXIT_USAGE. */
int tool_usage(const tool_cmd *cmd, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
/* "tm CMD: warning: ..." on stderr. */
void tool_warn(const tool_cmd *cmd, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

/* Read a whole file ("-" is stdin). On failure reports and returns false. */
bool tool_read_file(const tool_cmd *cmd, const char *path, char **out,
                    size_t *len);
/* Report invalid UTF-8 as "PATH: invalid UTF-8 at byte N"; false if bad. */
/* getline(), with errno cleared first so that tool_read_failed() can
 * tell the end of the input from a failure. */
ssize_t tool_getline(char **line, size_t *cap, FILE *f);
/* After tool_getline() returned -1: whether it stopped on an error (a
 * read error, or out of memory on a long line) rather than at the end;
 * if so, reported as "WHERE: why" (tool_fail()). A command must not end
 * with 0 after it. */
bool tool_read_failed(const tool_cmd *cmd, FILE *f, const char *where);

/* Parse all of S as a decimal number in [LO, HI] (a finite one for
 * doubles: "nan" and "inf" are refused); false when it is not one, out of
 * range or overflowing. *OUT is set only on success. */
bool tool_parse_double(const char *s, double lo, double hi, double *out);
bool tool_parse_long(const char *s, long lo, long hi, long *out);

/* The duplicates policy of --duplicates (tm add, tm import): merge, keep
 * or skip-newer into *@out; false after a usage error (reported). */
bool tool_parse_duplicates(const tool_cmd *cmd, const char *s,
                           tm_dup_mode *out);
/* The same policy named by @s, NULL meaning merge (tm serve's
 * "duplicates"); false, reporting nothing, for any other name. */
bool tool_dup_mode(const char *s, tm_dup_mode *out);
/* "added", "merged" or "skipped": tm_db_put()'s result as tm add and
 * POST /api/units print it. Static text. */
const char *tool_put_result_name(tm_put_result r);
/* $USER, or NULL when it is unset or empty: tm add's creationid, and tm
 * serve's for a write that names no one. Static (the environment's). */
const char *tool_default_user(void);
/* Stamp @u as tm add and tm serve's writes store a pair (TMX 1.4b
 * attributes): creationdate now (UTC, `20261207T140501Z`), creationid
 * @user unless NULL or empty, creationtool `tm`, srclang @sl. */
tm_status tool_stamp_unit(tm_unit *u, const char *sl, const char *user);
/* NULL when @text (UTF-8, NUL-terminated) is in the script of @lang
 * (tm_lang_check_text()), else why not, without the library's "lang: "
 * (`the ko text 'Seoul' has no Hangul or Han letter`): tm add's and tm
 * serve's check before storing a pair. The message lives until the
 * next library call on this thread. */
const char *tool_script_check(const char *lang, const char *text);
/* A unit of one translation pair, @src in language @sl and @tgt in @tl,
 * as tm add and POST /api/units store it. *@out is the caller's
 * (tm_unit_free()), NULL on failure (tm_errmsg()). */
tm_status tool_pair_unit(tm_unit **out, const char *sl, const char *src,
                         const char *tl, const char *tgt);

bool tool_check_utf8(const tool_cmd *cmd, const char *path, const char *buf,
                     size_t len);

/* The TM path: --db value, else $TM_DB, else "tm.db". */
const char *tool_db_path(const char *opt_value);

/* The lock wait for tm_db_options.busy_timeout_ms: a writer waits for
 * another writer up to $TM_BUSY_TIMEOUT seconds (default 60, long enough
 * for one import to wait for another) instead of the library's 5 s. A bad
 * value is reported as a warning and the default used. */
int tool_busy_timeout_ms(void);

/* Before a command writes to the TM at @path: when another process holds
 * its write lock for more than a second, say so on standard error (a
 * warning: -q silences it) instead of waiting without a word for up to
 * tool_busy_timeout_ms(). Nothing when the file does not exist. */
void tool_lock_notice(const tool_cmd *cmd, const char *path);

/* Parse a language option: "en", "ko", "ru" or another BCP 47 tag of a
 * known language (tm_lang_validate(): not "english", "xx"). Returns a
 * normalized copy (free()) or NULL after reporting a usage error. */
char *tool_lang(const tool_cmd *cmd, const char *optname, const char *value);

/* Check that @db holds variants in each of the @n languages @tags (NULL
 * entries skipped): false after reporting "no units in 'kr'; this TM has
 * en, ko, ru" (tm_db_check_lang()). */
bool tool_check_langs(const tool_cmd *cmd, tm_db *db, const char *const *tags,
                      size_t n);

/* Write a JSON document (one line) and a newline to @f; steals @doc. */
int tool_json_print(json_t *doc, FILE *f);

/* Write to stdout and flush; false when it failed (EPIPE, disk full). */
bool tool_flush(const tool_cmd *cmd, FILE *f, const char *name);

extern bool tool_quiet;
extern bool tool_verbose;

#endif
