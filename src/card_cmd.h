/* card_cmd: the `feedcard card` and `feedcard templates` commands. */
#ifndef FEEDCARD_CARD_CMD_H
#define FEEDCARD_CARD_CMD_H

#include "cli.h"

/* Options of `feedcard card`, for the command table. */
extern const struct cli_option card_cmd_card_options[];
/* Options of `feedcard templates`. */
extern const struct cli_option card_cmd_templates_options[];

/* `feedcard card`: render one card from command-line fields to -o FILE
 * (format from the extension). Returns a cli_exit status. */
int card_cmd_run(const struct cli_command *cmd, int argc, char **argv);

/* `feedcard templates`: list the bundled templates with their one-line
 * descriptions. Returns a cli_exit status. */
int card_cmd_templates_run(const struct cli_command *cmd, int argc, char **argv);

#endif
