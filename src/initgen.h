/* initgen: recognise a site's static site generator from its own config file
 * and read from that file what a feedcard.yaml needs: the site's title, URL,
 * language, timezone, build folder, where its posts live and the pattern of
 * their URLs. TOML and YAML configs are read with their parsers (through
 * ydoc); JavaScript configs (Astro, Eleventy, Gatsby) are never run: only
 * plain `key: 'string'` values are taken from them, and what is not found
 * that way is left for the user, marked TODO. */
#ifndef FEEDCARD_INITGEN_H
#define FEEDCARD_INITGEN_H

#include <stdbool.h>
#include <stddef.h>

enum initgen_kind {
	INITGEN_UNKNOWN, /* no generator config found: the folder alone */
	INITGEN_HUGO,
	INITGEN_JEKYLL,
	INITGEN_ZOLA,
	INITGEN_ASTRO,
	INITGEN_ELEVENTY,
	INITGEN_GATSBY,
};

/* One value for feedcard.yaml, with where it was found. All three strings
 * are owned by the site; value NULL = not found. */
struct initgen_value {
	char *value;
	char *from; /* "hugo.toml: baseURL", or NULL */
	char *todo; /* what the user should check about it, or NULL */
};

/* A section (Hugo, Jekyll collection) and its URL pattern, as the
 * generator's config writes it. */
struct initgen_pattern {
	char *key;
	char *pattern;
	char *file; /* the config file that gives it */
};

struct initgen_site {
	enum initgen_kind kind;
	char *dir;    /* the site folder as given */
	char *config; /* the generator's config, relative to dir; NULL for none */
	char *config_path; /* the same joined to dir, as messages name it */
	struct initgen_value title, url, description, language, author, timezone;
	struct initgen_value output; /* the generator's build folder, relative to dir */
	char *content_base;   /* folder the posts are looked for in, relative to dir */
	char **candidates;    /* folders the config names for posts (Hugo
			       * mainSections, Astro glob bases), relative to
			       * dir, NULL-terminated; may be empty */
	char *candidates_from; /* the file that names them */
	struct initgen_pattern *patterns; /* URL patterns by section */
	size_t n_patterns;
	bool ugly_urls;       /* Hugo uglyURLs: pages are NAME.html */
	bool date_from_filename; /* Hugo [frontmatter] takes dates from file
				  * names (:filename), which drops them from slugs */
	char **feeds;         /* the feed files the generator writes, relative
			       * to its output, NULL-terminated, or NULL */
	char *feeds_from;     /* where that was read */
	char *route;          /* Astro: the page route of a collection's entries
			       * ("/blog/"), from src/pages; NULL when not found */
	char *route_from;     /* the route's file, relative to dir */
};

/* The generator's name as its users write it ("Hugo"), "no generator" for
 * INITGEN_UNKNOWN. */
const char *initgen_name(enum initgen_kind kind);

/* Recognise the generator of the site in dir and read its config. A config
 * that cannot be read or parsed is reported through diag at its line and
 * column and -1 returned (exit status 2); a folder with no generator config is
 * not an error (kind INITGEN_UNKNOWN). Release with initgen_release. */
int initgen_read(const char *dir, struct initgen_site *site);
/* Free what initgen_read allocated; a zeroed site is fine. */
void initgen_release(struct initgen_site *site);

#endif
