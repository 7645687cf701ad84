/* build: the build and check commands:
 * scan -> load posts (parallel) -> render HTML -> feeds -> write through fsout. */
#ifndef FEEDCARD_BUILD_H
#define FEEDCARD_BUILD_H

#include "cli.h"

/* Options of build and check. */
extern const struct cli_option build_options[];

/* Run "build" or "check" (by cmd->name); returns the exit status. */
int build_run(const struct cli_command *cmd, int argc, char **argv);

#endif
