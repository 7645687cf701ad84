/* build: the build and check commands:
 * scan -> load posts (parallel) -> render HTML -> feeds -> write through fsout. */
#ifndef FEEDCARD_BUILD_H
#define FEEDCARD_BUILD_H

#include <stdbool.h>
#include <time.h>

#include "cli.h"
#include "config.h"

/* Options of build and check. */
extern const struct cli_option build_options[];

/* The parsed options of one build; the strings are borrowed (from argv). */
struct build_opts {
	const char *config;
	const char *output; /* NULL = the config's output folder */
	int jobs;
	bool drafts, future, keep_going, quiet, check;
};

/* Run "build" or "check" (by cmd->name); returns the exit status. */
int build_run(const struct cli_command *cmd, int argc, char **argv);

/* Read o->config into *cfg and apply o->output. Returns 0 (release *cfg with
 * config_release), or -1 after diags (nothing to release). */
int build_load_config(const struct build_opts *o, struct config *cfg);

/* Run one build (or check) of the site cfg with options o, both borrowed.
 * started (may be NULL = now) is when the command began, for the summary
 * line. Error counts are read from diag, so a caller that builds repeatedly
 * calls diag_reset first. Returns the exit status (enum cli_exit); on
 * failure the previous output is left unchanged. */
int build_with_config(const struct build_opts *o, const struct config *cfg,
		      const struct timespec *started);

#endif
