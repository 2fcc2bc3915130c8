/* SPDX-License-Identifier: MIT */
/* `tm segment`: split news text into sentences (one per line, or JSON). */
#include "tool.h"

#include <stdlib.h>
#include <string.h>

enum { OPT_SRX = 256, OPT_PRESEG };

static const tool_opt opts[] = {
	{"lang", 'l', "LANG", "language of the text: en, ko, ru, ... "
	                      "(required)"},
	{"srx", OPT_SRX, "FILE", "apply the SRX 2.0 rules of FILE instead of "
	                         "the built-in lists"},
	{"format", 'f', "FORMAT", "lines (default: one sentence a line, a "
	                          "blank line between paragraphs) or json"},
	{"json", TOOL_OPT_JSON, NULL, "same as --format json"},
	{"presegmented", OPT_PRESEG, NULL, "each input line is one segment "
	                                  "(not with --srx)"},
	{NULL, 0, NULL, NULL},
};

static int run(const tool_cmd *cmd, int argc, char **argv);

const tool_cmd cmd_segment = {
	"segment", "split text into sentences",
	"-l LANG [--srx FILE | --presegmented] [--format lines|json | -j] "
	"[FILE...]", opts, run};

/* Lines: one segment a line, an empty line between paragraphs (and
 * between files). */
static void
print_lines(const tm_segment_list *list, bool *first_para)
{
	unsigned para = 0;

	for (size_t i = 0; i < tm_segment_list_count(list); i++) {
		const tm_segment *sg = tm_segment_list_get(list, i);

		if (i == 0 ? !*first_para : sg->paragraph != para)
			fputc('\n', stdout);
		para = sg->paragraph;
		fwrite(sg->text, 1, sg->len, stdout);
		fputc('\n', stdout);
		*first_para = false;
	}
}

/* One JSON value, compact, as part of the document being streamed. */
static bool
put_json(json_t *v)
{
	int rc = v ? json_dumpf(v, stdout, JSON_COMPACT | JSON_ENCODE_ANY)
	           : -1;

	json_decref(v);
	return rc == 0;
}

/* @s (@len bytes of valid UTF-8) as a JSON string, escaped as
 * json_dumpf() escapes it without flags: '"', '\\' and the control
 * characters, as \b \f \n \r \t or \u00XX; everything else as is. */
static void
put_json_str(const char *s, size_t len)
{
	size_t run = 0;

	putchar('"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *e;
		char u[8];

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		fwrite(s + run, 1, i - run, stdout);
		run = i + 1;
		switch (c) {
		case '"': e = "\\\""; break;
		case '\\': e = "\\\\"; break;
		case '\b': e = "\\b"; break;
		case '\f': e = "\\f"; break;
		case '\n': e = "\\n"; break;
		case '\r': e = "\\r"; break;
		case '\t': e = "\\t"; break;
		default:
			snprintf(u, sizeof(u), "\\u%04X", c);
			e = u;
		}
		fputs(e, stdout);
	}
	fwrite(s + run, 1, len - run, stdout);
	putchar('"');
}

/* {"file":NAME,"segments":[...]}, written a segment at a time: the whole
 * document in jansson took about 150 bytes per segment (1.85 GB for a
 * line of 50 MB); the bytes are those json_dumpf() gives for it, the
 * segments written here (a jansson object each cost six times the CPU
 * of the lines format: 9 s for 7.5 million segments). */
static bool
json_file(const char *name, const tm_segment_list *list, bool first)
{
	if (fputs(first ? "{\"file\":" : ",{\"file\":", stdout) < 0 ||
	    !put_json(json_string(name)) ||
	    fputs(",\"segments\":[", stdout) < 0)
		return false;
	for (size_t i = 0; i < tm_segment_list_count(list); i++) {
		const tm_segment *sg = tm_segment_list_get(list, i);

		fputs(i ? ",{\"text\":" : "{\"text\":", stdout);
		put_json_str(sg->text, sg->len);
		printf(",\"paragraph\":%u,\"offset\":%zu,\"kind\":\"%s\"}",
		       sg->paragraph, sg->offset, tm_seg_kind_name(sg->kind));
		if (ferror(stdout))
			return false;
	}
	return fputs("]}", stdout) >= 0;
}

static int
run(const tool_cmd *cmd, int argc, char **argv)
{
	tm_segmenter_options o = TM_SEGMENTER_OPTIONS_INIT;
	tm_segmenter *seg = NULL;
	const char *lang_opt = NULL, *format = "lines";
	char *lang = NULL;
	bool json = false, first_para = true, first_file = true;
	int c, rc = EXIT_OK, nfiles;
	tm_status st;

	while ((c = tool_getopt(cmd, argc, argv)) != -1) {
		switch (c) {
		case 'l':
			lang_opt = optarg;
			break;
		case OPT_SRX:
			o.srx_path = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case TOOL_OPT_JSON:
			format = "json";
			break;
		case OPT_PRESEG:
			o.flags |= TM_SEG_FLAG_PRESEGMENTED;
			break;
		case 'h':
			return EXIT_OK;
		default:
			return EXIT_USAGE;
		}
	}
	if (!lang_opt)
		return tool_usage(cmd, "-l LANG is required");
	/* a presegmented text is not split: the rules would do nothing */
	if (o.srx_path && (o.flags & TM_SEG_FLAG_PRESEGMENTED))
		return tool_usage(cmd, "--presegmented and --srx: one or the "
		                       "other");
	if (strcmp(format, "json") == 0)
		json = true;
	else if (strcmp(format, "lines") != 0)
		return tool_usage(cmd, "--format: unknown format '%s' (lines, "
		                  "json)", format);
	lang = tool_lang(cmd, "-l", lang_opt);
	if (!lang)
		return EXIT_USAGE;
	st = tm_segmenter_new(&seg, lang, &o);
	if (st == TM_EINVAL && !o.srx_path) {
		free(lang);
		return tool_usage(cmd, "-l: unknown language '%s'", lang_opt);
	}
	if (st < 0) {
		rc = tool_fail(cmd, "%s", tm_errmsg());
		free(lang);
		return rc;
	}
	if (json && (fputs("{\"format\":1,\"language\":", stdout) < 0 ||
	             !put_json(json_string(lang)) ||
	             fputs(",\"files\":[", stdout) < 0))
		rc = tool_fail(cmd, "<stdout>: write failed");
	nfiles = argc - optind;
	for (int i = 0; i < (nfiles > 0 ? nfiles : 1); i++) {
		const char *path = nfiles > 0 ? argv[optind + i] : "-";
		const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
		tm_segment_list *list = NULL;
		char *buf;
		size_t len;

		if (!tool_read_file(cmd, path, &buf, &len)) {
			rc = EXIT_FAIL;
			continue;
		}
		if (!tool_check_utf8(cmd, path, buf, len)) {
			free(buf);
			rc = EXIT_FAIL;
			continue;
		}
		st = tm_segment_text(&list, seg, buf, len);
		free(buf);
		if (st < 0) {
			rc = tool_fail(cmd, "%s: %s", name, tm_errmsg());
			continue;
		}
		if (json) {
			if (!json_file(name, list, first_file))
				rc = tool_fail(cmd, "%s: cannot write JSON "
				                    "(out of memory?)", name);
			first_file = false;
		} else
			print_lines(list, &first_para);
		tm_segment_list_free(list);
	}
	if (json)
		fputs("]}\n", stdout);
	if (!tool_flush(cmd, stdout, "<stdout>"))
		rc = EXIT_FAIL;
	tm_segmenter_free(seg);
	free(lang);
	return rc;
}
