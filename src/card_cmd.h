/* cardcmd: the `feedcard card` and `feedcard templates` commands. */
#ifndef FEEDCARD_CARDCMD_H
#define FEEDCARD_CARDCMD_H

#include "cli.h"

/* Options of `feedcard card`, for the command table. */
extern const struct cli_option cardcmd_card_options[];
/* Options of `feedcard templates`. */
extern const struct cli_option cardcmd_templates_options[];

/* `feedcard card`: render one card from command-line fields to -o FILE
 * (format from the extension). Returns a cli_exit status. */
int cardcmd_run(const struct cli_command *cmd, int argc, char **argv);

/* `feedcard templates`: list the bundled templates with their one-line
 * descriptions. Returns a cli_exit status. */
int cardcmd_templates_run(const struct cli_command *cmd, int argc, char **argv);

#endif
