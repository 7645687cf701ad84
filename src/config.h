/* config: feedcard.yaml -> struct config, with defaults and validation.
 * Paths in the file are relative to the file's folder. */
#ifndef FEEDCARD_CONFIG_H
#define FEEDCARD_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"

struct fields;

enum config_format { CONFIG_RSS = 1, CONFIG_ATOM = 2, CONFIG_JSON = 4 };
enum config_ids { CONFIG_IDS_LINK, CONFIG_IDS_TAG };
enum config_cards_when { CONFIG_CARDS_MISSING, CONFIG_CARDS_ALWAYS, CONFIG_CARDS_NEVER };
/* Which files under the content folder are posts (see the README's "Which
 * files are posts"): auto = jekyll when the content folder holds a _posts
 * folder, else plain. */
enum config_layout { CONFIG_LAYOUT_AUTO, CONFIG_LAYOUT_JEKYLL, CONFIG_LAYOUT_PLAIN };

struct config {
	char *file; /* the config file as given */
	char *dir;  /* its folder */

	char *site_title;
	char *site_url; /* absolute http(s), no trailing '/' */
	char *site_host;
	char *site_description;
	char *site_language; /* BCP 47, e.g. "en-US"; "" = none */
	char *site_author;
	struct date_zone zone;

	char *content_dir; /* resolved against dir */
	char *output_dir;  /* resolved against dir (or as given with -o) */
	char *permalink; /* a pattern; a Jekyll style name is stored expanded */
	enum config_layout layout;

	char *feeds_dir; /* site-relative folder of the feeds, no leading/trailing '/' */
	unsigned long feeds_limit; /* 0 = all */
	unsigned formats;          /* enum config_format bits */
	bool full_content;
	bool per_category;
	bool per_tag;
	bool sanitize;
	enum config_ids ids;
	unsigned long max_bytes; /* 0 = no limit */
	unsigned long summary_words;
	char *summary_separator; /* ends the summary in a body; "" = none */

	enum config_cards_when cards_when;
	char *cards_template; /* a bundled name or a path resolved against dir; "" = default */
	char *cards_name;     /* default image file name, "ogimage.jpg" */
	unsigned long cards_quality;
	int cards_width, cards_height; /* 0 = the template's */

	struct fields *fields; /* the "fields:" names; NULL = the built-in aliases */
};

/* Read and validate the config at path; every problem is reported through
 * diag at its line and column. Returns 0, or -1 (exit status 2). */
int config_load(const char *path, struct config *cfg);
/* Free everything config_load allocated. */
void config_release(struct config *cfg);

/* Normalise a language tag to BCP 47 ("en_US" -> "en-US"). Returns a new
 * string the caller frees, or NULL when s is not a well-formed tag. */
char *config_language(const char *s);

#endif
