/* build: the build and check commands:
 * scan -> load posts (parallel) -> Markdown to HTML -> feeds -> write through fsout. */
#ifndef FEEDCARD_BUILD_H
#define FEEDCARD_BUILD_H

#include <stdbool.h>
#include <time.h>

#include "cli.h"
#include "config.h"

/* Options of build and check. */
extern const struct cli_option build_options[];

/* The options every command that builds takes (build, check, serve), by
 * these ids; a command's own options number from BUILD_OPT_END. */
enum {
	BUILD_OPT_CONFIG = 1,
	BUILD_OPT_OUTPUT,
	BUILD_OPT_JOBS,
	BUILD_OPT_DRAFTS,
	BUILD_OPT_FUTURE,
	BUILD_OPT_KEEP_GOING,
	BUILD_OPT_QUIET,
	BUILD_OPT_VERBOSE,
	BUILD_OPT_END,
};
/* Their table entries, in help order: where the site is read and written,
 * then which posts go in (-j and -q read differently per command). */
#define BUILD_OPTIONS_SITE                                                                        \
	{ BUILD_OPT_CONFIG, 'c', "config", "FILE", "the config file (default: feedcard.yaml)" },     \
	{ BUILD_OPT_OUTPUT, 'o', "output", "DIR",                                                    \
	  "the output folder (default: the config's output, else out/)" }
#define BUILD_OPTIONS_POSTS                                                                       \
	{ BUILD_OPT_DRAFTS, 0, "drafts", NULL,                                                       \
	  "put draft posts in the feeds; read Jekyll's _drafts folders too" },                       \
	{ BUILD_OPT_FUTURE, 0, "future", NULL, "put posts dated in the future in the feeds" },       \
	{ BUILD_OPT_KEEP_GOING, 'k', "keep-going", NULL,                                             \
	  "leave bad posts out (as warnings) instead of failing" },                                \
	{ BUILD_OPT_VERBOSE, 'v', "verbose", NULL,                                                  \
	  "list every message of a repeated kind, not one summary line per kind" }

/* The parsed options of one build; the strings are borrowed (from argv). */
struct build_opts {
	const char *config;
	const char *output; /* NULL = the config's output folder */
	int jobs;
	bool drafts, future, keep_going, quiet, verbose, check;
	bool recheck; /* skip the no-change fast path (see fastpath.h) */
	bool last;    /* the process ends after this build: what it read is
		       * left to the operating system, not freed a piece at a
		       * time (held from a static, so leak checkers see it) */
};

/* Apply one of the shared options (a BUILD_OPT_ id) to o. Returns 1 when
 * applied, 0 when id is not one of them, -1 after a usage error. */
int build_apply_option(const struct cli_command *cmd, int id, const char *v, struct build_opts *o);

/* Defaults for the shared options: feedcard.yaml, all cores. */
void build_opts_init(struct build_opts *o);

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
