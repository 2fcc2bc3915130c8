/* SPDX-License-Identifier: MIT */
#include "tool.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

bool tool_quiet;
bool tool_verbose;

static size_t
opt_count(const tool_cmd *cmd)
{
	size_t n = 0;

	while (cmd->opts && cmd->opts[n].name)
		n++;
	return n;
}

int
tool_getopt(const tool_cmd *cmd, int argc, char **argv)
{
	/* getopt_long wants its own arrays; build them once per command. */
	static const tool_cmd *built;
	static struct option longopts[64];
	static char shortopts[160];
	size_t n = opt_count(cmd), k = 0, s = 0;
	int c;

	if (built != cmd) {
		/* No '+': options may come after operands, as in every GNU
		 * tool (`tm lookup TEXT --db x`); "--" ends the options. */
		shortopts[s++] = ':';
		for (size_t i = 0; i < n && k < 62; i++, k++) {
			const tool_opt *o = &cmd->opts[i];

			longopts[k].name = o->name;
			longopts[k].has_arg =
			        o->arg ? required_argument : no_argument;
			longopts[k].flag = NULL;
			longopts[k].val = o->val;
			if (o->val > 0 && o->val < 256 &&
			    s < sizeof(shortopts) - 3) {
				shortopts[s++] = (char)o->val;
				if (o->arg)
					shortopts[s++] = ':';
			}
		}
		longopts[k].name = "help";
		longopts[k].has_arg = no_argument;
		longopts[k].flag = NULL;
		longopts[k].val = TOOL_OPT_HELP;
		memset(&longopts[k + 1], 0, sizeof(longopts[0]));
		shortopts[s++] = 'h';
		shortopts[s] = '\0';
		built = cmd;
		optind = 1;
	}
	opterr = 0;
	c = getopt_long(argc, argv, shortopts, longopts, NULL);
	if (c == TOOL_OPT_HELP) {
		tool_print_help(cmd, stdout);
		return c;
	}
	if (c == ':') {
		tool_usage(cmd, "option '%s' needs an argument",
		           argv[optind - 1]);
		return '?';
	}
	if (c == '?') {
		if (optopt > 0 && optopt < 256)
			tool_usage(cmd, "unknown option '-%c'", optopt);
		else
			tool_usage(cmd, "unknown option '%s'",
			           argv[optind - 1]);
		return '?';
	}
	return c;
}

void
tool_print_help(const tool_cmd *cmd, FILE *f)
{
	size_t n = opt_count(cmd);

	fprintf(f, "Usage: tm %s %s\n%s\n\nOptions:\n", cmd->name, cmd->usage,
	        cmd->summary);
	for (size_t i = 0; i < n; i++) {
		const tool_opt *o = &cmd->opts[i];
		char left[64];

		if (o->val > 0 && o->val < 256)
			snprintf(left, sizeof(left), "-%c, --%s%s%s", o->val,
			         o->name, o->arg ? " " : "", o->arg ? o->arg : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", o->name,
			         o->arg ? " " : "", o->arg ? o->arg : "");
		fprintf(f, "  %-26s %s\n", left, o->help);
	}
	fprintf(f, "  %-26s %s\n", "-h, --help", "show this help and exit");
	/* help and version are described in tm(1): they have no page */
	if (strcmp(cmd->name, "help") == 0 || strcmp(cmd->name, "version") == 0)
		fprintf(f, "\nSee tm(1).\n");
	else
		fprintf(f, "\nSee tm-%s(1).\n", cmd->name);
}

/* The format attribute lets clang check the callers' formats instead of
 * refusing the non-literal one here (-Wformat-nonliteral). */
static void __attribute__((format(printf, 3, 0)))
vmessage(const tool_cmd *cmd, const char *kind, const char *fmt, va_list ap)
{
	fprintf(stderr, "tm%s%s: %s: ", cmd ? " " : "", cmd ? cmd->name : "",
	        kind);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int
tool_fail(const tool_cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(cmd, "error", fmt, ap);
	va_end(ap);
	return EXIT_FAIL;
}

int
tool_usage(const tool_cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(cmd, "error", fmt, ap);
	va_end(ap);
	if (cmd)
		fprintf(stderr, "Try 'tm %s --help'.\n", cmd->name);
	else
		fprintf(stderr, "Try 'tm --help'.\n");
	return EXIT_USAGE;
}

void
tool_warn(const tool_cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	if (tool_quiet)
		return;
	va_start(ap, fmt);
	vmessage(cmd, "warning", fmt, ap);
	va_end(ap);
}

bool
tool_read_file(const tool_cmd *cmd, const char *path, char **out, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	size_t cap = 1 << 16, n = 0;
	char *buf;

	*out = NULL;
	*len = 0;
	if (!f) {
		tool_fail(cmd, "%s: %s", path, strerror(errno));
		return false;
	}
	buf = malloc(cap);
	while (buf) {
		size_t got = fread(buf + n, 1, cap - n - 1, f);

		n += got;
		if (got == 0)
			break;
		if (!TM__ARRAY_GROW(buf, cap, n + 2, 1)) {
			free(buf);
			buf = NULL;
			break;
		}
	}
	if (!buf || ferror(f)) {
		tool_fail(cmd, "%s: %s", path,
		          buf ? strerror(errno) : "out of memory");
		free(buf);
		if (f != stdin)
			fclose(f);
		return false;
	}
	if (f != stdin)
		fclose(f);
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return true;
}

ssize_t
tool_getline(char **line, size_t *cap, FILE *f)
{
	errno = 0;
	return getline(line, cap, f);
}

bool
tool_read_failed(const tool_cmd *cmd, FILE *f, const char *where)
{
	int e = errno;

	if (!ferror(f) && e != ENOMEM && e != EOVERFLOW)
		return false;
	tool_fail(cmd, "%s: %s", where,
	          e == ENOMEM ? "out of memory (a line too long)"
	                      : strerror(e ? e : EIO));
	return true;
}

bool
tool_parse_double(const char *s, double lo, double hi, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	/* NaN compares false with everything: check it is in range, not
	 * that it is not out of it */
	if (errno || end == s || *end || !isfinite(v) || !(v >= lo && v <= hi))
		return false;
	*out = v;
	return true;
}

bool
tool_parse_long(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

bool
tool_check_utf8(const tool_cmd *cmd, const char *path, const char *buf,
                size_t len)
{
	size_t off = 0;

	if (tm_utf8_validate(&off, buf, len) == TM_OK)
		return true;
	tool_fail(cmd, "%s: invalid UTF-8 at byte %zu",
	          strcmp(path, "-") == 0 ? "<stdin>" : path, off);
	return false;
}

void
tool_lock_notice(const tool_cmd *cmd, const char *path)
{
	tm_db_options o = TM_DB_OPTIONS_INIT;
	tm_db *db = NULL;
	tm_status st;

	/* a probe: a connection of its own that waits one second for the
	 * lock the command is about to wait for */
	o.flags = 0; /* an absent file: nothing to wait for */
	o.busy_timeout_ms = 1000;
	st = tm_db_open(&db, path, &o);
	if (st == TM_OK) {
		st = tm_db_begin(db);
		if (st == TM_OK)
			tm_db_rollback(db);
		tm_db_close(db);
	}
	if (st == TM_EBUSY)
		tool_warn(cmd,
		          "%s: waiting for another process's lock on the TM "
		          "(up to %d s: TM_BUSY_TIMEOUT)",
		          path, tool_busy_timeout_ms() / 1000);
}

const char *
tool_db_path(const char *opt_value)
{
	const char *env = getenv("TM_DB");

	if (opt_value)
		return opt_value;
	if (env && *env)
		return env;
	return "tm.db";
}

int
tool_busy_timeout_ms(void)
{
	const char *env = getenv("TM_BUSY_TIMEOUT");
	char *end;
	double secs;

	if (!env || !*env)
		return 60000;
	errno = 0;
	secs = strtod(env, &end);
	if (errno || *end || !(secs >= 0 && secs <= 86400)) {
		fprintf(stderr,
		        "tm: warning: TM_BUSY_TIMEOUT: '%s' is not a number of "
		        "seconds (0-86400); 60 used\n",
		        env);
		return 60000;
	}
	return secs * 1000 >= 1 ? (int)(secs * 1000) : 1; /* 0: the default */
}

char *
tool_lang(const tool_cmd *cmd, const char *optname, const char *value)
{
	char *tag = NULL;

	if (tm_lang_validate(value) < 0 || tm_lang_normalize(&tag, value) < 0) {
		/* the library's reason, "(no ISO 639 language has ...)" */
		const char *why = strchr(tm_errmsg(), '(');

		tool_usage(cmd, "%s: unknown language '%s'%s%s", optname, value,
		           why ? " " : "", why ? why : "");
		return NULL;
	}
	return tag;
}

bool
tool_check_langs(const tool_cmd *cmd, tm_db *db, const char *const *tags,
                 size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *m;

		if (!tags[i] || tm_db_check_lang(db, tags[i]) == TM_OK)
			continue;
		m = tm_errmsg();
		tool_fail(cmd, "%s", strncmp(m, "lang: ", 6) == 0 ? m + 6 : m);
		return false;
	}
	return true;
}

int
tool_json_print(json_t *doc, FILE *f)
{
	/* 10 significant digits, as lookup and serve: 0.868, not the
	 * 0.86799999999999999 of a double printed in full */
	int rc = json_dumpf(doc, f, JSON_COMPACT | JSON_REAL_PRECISION(10));

	json_decref(doc);
	if (rc == 0)
		fputc('\n', f);
	return rc;
}

bool
tool_flush(const tool_cmd *cmd, FILE *f, const char *name)
{
	if (fflush(f) == 0 && !ferror(f))
		return true;
	tool_fail(cmd, "%s: write failed: %s", name, strerror(errno));
	return false;
}

bool
tool_dup_mode(const char *s, tm_dup_mode *out)
{
	if (!s || strcmp(s, "merge") == 0)
		*out = TM_DUP_MERGE;
	else if (strcmp(s, "keep") == 0)
		*out = TM_DUP_KEEP;
	else if (strcmp(s, "skip-newer") == 0)
		*out = TM_DUP_SKIP_NEWER;
	else
		return false;
	return true;
}

bool
tool_parse_duplicates(const tool_cmd *cmd, const char *s, tm_dup_mode *out)
{
	if (tool_dup_mode(s, out))
		return true;
	tool_usage(cmd, "--duplicates: unknown mode '%s' (merge, keep or "
	                "skip-newer)",
	           s);
	return false;
}

const char *
tool_put_result_name(tm_put_result r)
{
	switch (r) {
	case TM_PUT_ADDED:
		return "added";
	case TM_PUT_MERGED:
		return "merged";
	case TM_PUT_SKIPPED:
		return "skipped";
	}
	return "?";
}

const char *
tool_default_user(void)
{
	const char *u = getenv("USER");

	return u && *u ? u : NULL;
}

tm_status
tool_stamp_unit(tm_unit *u, const char *sl, const char *user)
{
	char now[32];
	time_t t = time(NULL);
	struct tm g;
	tm_meta *m = tm_unit_meta(u);
	tm_status st;

	gmtime_r(&t, &g);
	strftime(now, sizeof(now), "%Y%m%dT%H%M%SZ", &g);
	st = tm_meta_set_attr(m, "creationdate", now);
	if (st == TM_OK && user && *user)
		st = tm_meta_set_attr(m, "creationid", user);
	if (st == TM_OK)
		st = tm_meta_set_attr(m, "creationtool", "tm");
	if (st == TM_OK)
		st = tm_meta_set_attr(m, "srclang", sl);
	return st;
}

const char *
tool_script_check(const char *lang, const char *text)
{
	const char *m;

	if (tm_lang_check_text(lang, text, strlen(text)) == TM_OK)
		return NULL;
	m = tm_errmsg();
	return strncmp(m, "lang: ", 6) == 0 ? m + 6 : m;
}

tm_status
tool_pair_unit(tm_unit **out, const char *sl, const char *src,
               const char *tl, const char *tgt)
{
	tm_status st = tm_unit_new(out);

	if (st == TM_OK)
		st = tm_unit_add_variant(NULL, *out, sl, NULL, src);
	if (st == TM_OK)
		st = tm_unit_add_variant(NULL, *out, tl, NULL, tgt);
	if (st < 0) {
		tm_unit_free(*out);
		*out = NULL;
	}
	return st;
}
