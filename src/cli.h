/* cli: a command's option table, parsed and turned into --help text. The
 * table of the commands themselves is cli_table, apart, because it names
 * every command's run function while each command includes this header. */
#ifndef FEEDCARD_CLI_H
#define FEEDCARD_CLI_H

#include <stdio.h>

/* Exit statuses, documented in the README. */
enum cli_exit {
	CLI_EXIT_OK = 0,      /* success */
	CLI_EXIT_CONTENT = 1, /* content errors: bad posts, bad templates */
	CLI_EXIT_USAGE = 2,   /* usage or configuration errors */
};

/* One option of a command. arg is NULL for a flag, else the name of its value. */
struct cli_option {
	int id;
	char short_name; /* 0 = none */
	const char *long_name;
	const char *arg;
	const char *help;
};

/* Option id returned for -h/--help, which every command accepts. */
#define CLI_OPT_HELP 1000

struct cli_command {
	const char *name;
	const char *summary;
	const struct cli_option *options; /* ended by an entry with id 0 */
	int (*run)(const struct cli_command *cmd, int argc, char **argv);
	const char *operands; /* what follows the options in the usage line ("[DIR]"), or NULL */
};

/* Return the next option of argv (starting at *index, initially 1) for cmd:
 * its id with *value set to its argument (or NULL for a flag); 0 when the
 * options are done; -1 after printing a usage error to stderr. Positional
 * arguments are not accepted. */
int cli_next(const struct cli_command *cmd, int argc, char **argv, int *index,
	     const char **value);

/* Print "Usage: feedcard NAME [options]" with the command's option list. */
void cli_print_command_help(const struct cli_command *cmd, FILE *out);
/* Parse a non-negative integer option value; -1 after a usage error. */
int cli_parse_uint(const struct cli_command *cmd, const char *opt, const char *value,
		   unsigned long *out);

#endif
