/* SPDX-License-Identifier: MIT */
/* `tm translit`: Korean or Russian text to Latin script, line by line; or
 * the cross-script match key of each line. */
#include "tool.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_KEY = 'k', OPT_LANG = 'l', OPT_ASCII = 'a' };

static const tool_opt translit_opts[] = {
        {"lang", OPT_LANG, "LANG",
         "source language: ko (Hangul) or ru (Cyrillic); required unless "
         "--key"},
        {"ascii", OPT_ASCII, NULL, "fold diacritics: plain ASCII output"},
        {"key", OPT_KEY, NULL,
         "print each line's cross-script match key instead (any script)"},
        {"json", TOOL_OPT_JSON, NULL,
         "one JSON object a line: {\"text\": LINE, \"translit\" or "
         "\"key\": RESULT}"},
        {NULL, 0, NULL, NULL},
};

/* Transliterate one stream. Returns EXIT_OK or EXIT_FAIL (reported). */
static int
translit_stream(const tool_cmd *cmd,
                tm_translit *tr,
                bool key,
                bool json,
                FILE *in,
                const char *name)
{
	char *line = NULL, *jbuf = NULL;
	size_t cap = 0, offset = 0, jlen = 0;
	ssize_t got;
	int rc = EXIT_OK;

	while ((got = tool_getline(&line, &cap, in)) > 0) {
		size_t n = (size_t)got, bad = 0;
		bool nl = line[n - 1] == '\n';
		/* --json: the line's result is gathered, then printed as one
		 * object with the line */
		FILE *out = json ? open_memstream(&jbuf, &jlen) : stdout;

		if (!out) {
			rc = tool_fail(cmd, "out of memory");
			break;
		}

		if (tm_utf8_validate(&bad, line, n) < 0) {
			rc = tool_fail(cmd, "%s: invalid UTF-8 at byte %zu",
			               name, offset + bad);
			break;
		}
		if (nl)
			n--;
		/* The results are C strings: a NUL byte in the line is
		 * written as it is between the pieces around it. */
		for (size_t at = 0; rc == EXIT_OK && at <= n;) {
			const char *nul = memchr(line + at, '\0', n - at);
			size_t len = nul ? (size_t)(nul - line) - at : n - at;
			char *res = NULL;
			tm_status st = key ? tm_translit_key(&res, tr, line + at,
			                                     len)
			                   : tm_translit_text(&res, tr,
			                                      line + at, len);

			if (st < 0) {
				rc = tool_fail(cmd, "%s: %s", name, tm_errmsg());
				break;
			}
			fputs(res, out);
			tm_free(res);
			if (!nul)
				break;
			if (!key)
				fputc('\0', out);
			at += len + 1;
		}
		if (json) {
			fclose(out);
			if (rc == EXIT_OK &&
			    tool_json_print(json_pack("{s:s%,s:s%}", "text", line,
			                              n, key ? "key" : "translit",
			                              jbuf, jlen),
			                    stdout) < 0)
				rc = tool_fail(cmd, "<stdout>: write failed");
			free(jbuf);
			jbuf = NULL;
		} else if (rc == EXIT_OK && nl) {
			fputc('\n', stdout);
		}
		if (rc != EXIT_OK)
			break;
		offset += (size_t)got;
	}
	if (rc == EXIT_OK && tool_read_failed(cmd, in, name))
		rc = EXIT_FAIL;
	free(line);
	return rc;
}

static int
run_translit(const tool_cmd *cmd, int argc, char **argv)
{
	const char *lang = NULL;
	bool ascii = false, key = false, json = false;
	tm_translit *tr = NULL;
	tm_status st;
	int c, rc = EXIT_OK;

	while ((c = tool_getopt(cmd, argc, argv)) != -1) {
		switch (c) {
		case TOOL_OPT_HELP:
			return EXIT_OK;
		case OPT_LANG:
			lang = optarg;
			break;
		case OPT_ASCII:
			ascii = true;
			break;
		case OPT_KEY:
			key = true;
			break;
		case TOOL_OPT_JSON:
			json = true;
			break;
		default:
			return EXIT_USAGE;
		}
	}
	if (!lang && !key)
		return tool_usage(cmd, "missing --lang (ko or ru)");
	/* Keys do not depend on the handle's language: with --key and no
	 * --lang, any handle will do. */
	st = tm_translit_new(&tr, lang, ascii ? TM_TRANSLIT_ASCII : 0);
	if (st < 0) {
		if (st == TM_EINVAL)
			return tool_usage(cmd,
			                  "--lang: unsupported language "
			                  "'%s' (known: ko, ru)",
			                  lang);
		return tool_fail(cmd, "%s", tm_errmsg());
	}
	if (optind >= argc) {
		rc = translit_stream(cmd, tr, key, json, stdin, "<stdin>");
	} else {
		for (int i = optind; i < argc && rc == EXIT_OK; i++) {
			bool is_stdin = strcmp(argv[i], "-") == 0;
			FILE *f = is_stdin ? stdin : fopen(argv[i], "rb");

			if (!f) {
				rc = tool_fail(cmd, "%s: %s", argv[i],
				               strerror(errno));
				break;
			}
			rc = translit_stream(cmd, tr, key, json, f,
			                     is_stdin ? "<stdin>" : argv[i]);
			if (!is_stdin)
				fclose(f);
		}
	}
	tm_translit_free(tr);
	if (!tool_flush(cmd, stdout, "<stdout>"))
		rc = EXIT_FAIL;
	return rc;
}

const tool_cmd cmd_translit = {
        "translit", "transliterate Korean or Russian text to Latin script",
        "-l ko|ru [--ascii] [FILE...]  |  --key [FILE...]", translit_opts,
        run_translit};
