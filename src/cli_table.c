/* cli_table: the table of feedcard's commands; see cli_table.h. */
#include "cli_table.h"

#include <string.h>

#include "build.h"
#include "card_module.h"
#include "init.h"

const struct cli_command cli_table[] = {
	{ "build", "read the posts and write feeds and cards to the output folder",
	  build_options, build_run, NULL },
	{ "check", "parse and validate every post and the config; write nothing",
	  build_options, build_run, NULL },
	{ "card", "render one social card image from fields given on the command line",
	  NULL, card_module_card_run, NULL },
	{ "serve", "build, then serve the feeds and cards over HTTP (conditional GET, gzip, --watch)",
	  NULL, card_module_serve_run, NULL },
	{ "templates", "list the bundled card templates", NULL,
	  card_module_templates_run, NULL },
	{ "init", "write a feedcard.yaml for a Hugo, Jekyll, Zola, Astro, Eleventy or Gatsby site",
	  init_options, init_run, "[DIR]" },
	{ NULL, NULL, NULL, NULL, NULL },
};

const struct cli_command *cli_table_find(const char *name)
{
	for (const struct cli_command *c = cli_table; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

void cli_table_print_help(FILE *out)
{
	fprintf(out,
		"feedcard %s - Atom, RSS and JSON feeds and social cards for a folder of Markdown posts\n\n"
		"Usage: feedcard COMMAND [options]\n\nCommands:\n",
		FEEDCARD_VERSION);
	for (const struct cli_command *c = cli_table; c->name; c++)
		fprintf(out, "  %-10s %s\n", c->name, c->summary);
	fprintf(out, "\nRun 'feedcard COMMAND --help' for a command's options.\n"
		     "Exit status: 0 success, 1 content errors (bad posts), 2 usage or configuration errors.\n");
}
