/* serve: the serve command. Builds the site, then serves the output folder
 * over HTTP (serve_http) from an in-memory snapshot (serve_snap); with
 * --watch it rebuilds when an input changes (serve_watch) and publishes the
 * new snapshot only after a good build. */
#ifndef FEEDCARD_SERVE_H
#define FEEDCARD_SERVE_H

#include "cli.h"

/* Options of serve. */
extern const struct cli_option serve_options[];

/* Run "serve" until SIGINT or SIGTERM; returns the exit status. */
int serve_run(const struct cli_command *cmd, int argc, char **argv);

#endif
