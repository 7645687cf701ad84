/* cli_table: every command of feedcard, with its options and run function.
 *
 * Apart from cli (the option parser every command includes) so that the
 * commands' headers can include cli.h while this table includes them:
 * cli_table -> {build, card_module, init} -> cli, with no way back. */
#ifndef FEEDCARD_CLI_TABLE_H
#define FEEDCARD_CLI_TABLE_H

#include <stdio.h>

#include "cli.h"

/* All commands, ended by an entry with a NULL name. */
extern const struct cli_command cli_table[];

/* The command called name, or NULL. Borrowed from the static table. */
const struct cli_command *cli_table_find(const char *name);

/* Print the program's overall help: the commands and their summaries. */
void cli_table_print_help(FILE *out);

#endif
