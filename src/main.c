/* main: parse the command word and dispatch to its command. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_table.h"
#include "clidoc.h"
#include "diag.h"
#include "html.h"
#include "version.h"

int main(int argc, char **argv)
{
	if (argc < 2) {
		cli_table_print_help(stderr);
		return CLI_EXIT_USAGE;
	}
	const char *word = argv[1];
	if (strcmp(word, "--help") == 0 || strcmp(word, "-h") == 0 || strcmp(word, "help") == 0) {
		cli_table_print_help(stdout);
		return CLI_EXIT_OK;
	}
	if (strcmp(word, "--version") == 0 || strcmp(word, "-V") == 0) {
		version_print(stdout); /* prints why when the module cannot load */
		return CLI_EXIT_OK;
	}
	/* For the build (src/CMakeLists.txt): feedcard.1 and the completions. */
	if (strcmp(word, "--man") == 0 && argc == 2)
		return clidoc_man(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	if (strcmp(word, "--completion") == 0 && argc == 3)
		return clidoc_completion(stdout, argv[2]) == 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	const struct cli_command *cmd = cli_table_find(word);
	if (!cmd) {
		diag_usage(NULL, "unknown command '%s' (see feedcard --help)", word);
		return CLI_EXIT_USAGE;
	}
	html_init(); /* before any worker thread uses libxml2 */
	return cmd->run(cmd, argc - 1, argv + 1);
}
