/* SPDX-License-Identifier: MIT */
/* `tm`: one binary, a table of subcommands, each a thin layer over libtm. */
#include "tool.h"

#include <stdlib.h>
#include <string.h>

/* Each subcommand lives in tools/cmd-<name>.c and exports one tool_cmd.
 * Keep this list and the table below in the same (alphabetical) order. */
extern const tool_cmd cmd_add;
extern const tool_cmd cmd_align;
extern const tool_cmd cmd_check;
extern const tool_cmd cmd_concord;
extern const tool_cmd cmd_delete;
extern const tool_cmd cmd_export;
extern const tool_cmd cmd_help;
extern const tool_cmd cmd_import;
extern const tool_cmd cmd_lookup;
extern const tool_cmd cmd_segment;
#ifdef TM_HAVE_SERVE
extern const tool_cmd cmd_serve;
#endif
extern const tool_cmd cmd_stats;
extern const tool_cmd cmd_translit;
extern const tool_cmd cmd_version;

static const tool_cmd *const commands[] = {
	&cmd_add,
	&cmd_align,
	&cmd_check,
	&cmd_concord,
	&cmd_delete,
	&cmd_export,
	&cmd_help,
	&cmd_import,
	&cmd_lookup,
	&cmd_segment,
#ifdef TM_HAVE_SERVE
	&cmd_serve,
#endif
	&cmd_stats,
	&cmd_translit,
	&cmd_version,
};

static void
print_overview(FILE *f)
{
	fprintf(f, "Usage: tm [--help|--version] <command> [options] [args]\n"
	           "Translation-memory toolkit for news: segment, align, "
	           "store, look up, exchange TMX.\n\nCommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-10s %s\n", commands[i]->name,
		        commands[i]->summary);
	fprintf(f, "\n'tm <command> --help' (or 'tm help <command>') shows a "
	           "command's options. See tm(1).\n");
}

static const tool_cmd *
find_command(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

/* The options of a command that takes none but --help: 'h' (help shown),
 * '?' (usage error shown) or -1 when there were none. */
static int
no_options(const tool_cmd *self, int argc, char **argv)
{
	int opt = tool_getopt(self, argc, argv);

	return opt == -1 || opt == 'h' ? opt : '?';
}

static int
run_help(const tool_cmd *self, int argc, char **argv)
{
	const tool_cmd *cmd;
	int opt = no_options(self, argc, argv);

	if (opt != -1)
		return opt == 'h' ? EXIT_OK : EXIT_USAGE;
	if (argc - optind > 1)
		return tool_usage(self, "one COMMAND at most, got '%s' too",
		                  argv[optind + 1]);
	if (argc == optind) {
		print_overview(stdout);
		return EXIT_OK;
	}
	cmd = find_command(argv[optind]);
	/* the list of commands is what helps here: tm --help */
	if (!cmd)
		return tool_usage(NULL, "unknown command '%s'", argv[optind]);
	tool_print_help(cmd, stdout);
	return EXIT_OK;
}

static int
run_version(const tool_cmd *self, int argc, char **argv)
{
	int opt = no_options(self, argc, argv);

	if (opt != -1)
		return opt == 'h' ? EXIT_OK : EXIT_USAGE;
	if (argc > optind)
		return tool_usage(self, "unexpected argument '%s'",
		                  argv[optind]);
	printf("tm %s (libtm %s)\n", TM__VERSION, tm_version());
	return EXIT_OK;
}

static const tool_opt no_opts[] = {{NULL, 0, NULL, NULL}};

const tool_cmd cmd_help = {"help", "show help for a command", "[COMMAND]",
                           no_opts, run_help};
const tool_cmd cmd_version = {"version", "print the version", "", no_opts,
                              run_version};

int
main(int argc, char **argv)
{
	const tool_cmd *cmd;

	/* Before any use of the store; nothing in this process reads its
	 * memory statistics, and they cost a mutex per allocation. */
	tm_global_set(TM_GLOBAL_MEMORY_STATS, 0);
	if (argc < 2)
		return tool_usage(NULL, "no command given");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		print_overview(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0)
		return run_version(&cmd_version, 1, argv + 1);
	if (argv[1][0] == '-' && argv[1][1]) {
		/* tm takes no option of its own but --help and --version:
		 * say where the option goes rather than call it a command */
		if (argc > 2 && find_command(argv[2]))
			return tool_usage(NULL, "'%s' goes after the command: "
			                        "tm %s %s ...",
			                  argv[1], argv[2], argv[1]);
		return tool_usage(NULL, "unknown option '%s' (tm takes only "
		                        "--help and --version before a "
		                        "command)",
		                  argv[1]);
	}
	cmd = find_command(argv[1]);
	if (!cmd)
		return tool_usage(NULL, "unknown command '%s'", argv[1]);
	return cmd->run(cmd, argc - 1, argv + 1);
}
