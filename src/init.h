/* init: the init command. It looks at a site's folder, recognises its
 * generator (initgen), finds the folder holding its posts by counting
 * Markdown files with a date in their front matter or file name, and writes
 * a commented feedcard.yaml with which `feedcard build` runs on the site as
 * it is. It never replaces an existing file without --force. */
#ifndef FEEDCARD_INIT_H
#define FEEDCARD_INIT_H

#include <stdbool.h>

#include "cli.h"

extern const struct cli_option init_options[];

/* The init command: feedcard init [DIR] [-o FILE] [--force] ... Returns the
 * exit status. */
int init_run(const struct cli_command *cmd, int argc, char **argv);

/* True when the text of a post file (its first bytes; NUL-terminated) has a
 * front matter (YAML ---, TOML +++ or a JSON object) with a top-level date
 * key (date, pubDate, publishDate, published, pubDatetime) with a value
 * that is not empty, a boolean, a list or a mapping. A look, not a parse:
 * init uses it to count posts.
 * Exposed for the unit tests. */
bool init_has_dated_front_matter(const char *text);

/* True when a file or folder name starts with a date, YYYY-M-D followed by
 * '-', '_', '.' or its end (Jekyll's 2021-03-04-slug.md). */
bool init_dated_name(const char *name);

/* The folder the feeds go in: the fixed part a permalink pattern starts
 * with ("/blog/{slug}/" -> "blog", "/{year}/..." -> ""), placeholders
 * written {name} or :name; a leading :section or :sections is the posts'
 * section (NULL when unknown). Caller frees. Exposed for the unit tests. */
char *init_feeds_dir(const char *permalink, const char *section);

#endif
