/* initperm: the URL pattern of a site's posts, from what its generator's
 * config says (Hugo's [permalinks], Jekyll's permalink and its styles) or,
 * without one, from what the generator does by default, written in
 * feedcard's permalink syntax. A placeholder is translated into the best one
 * this build's url_permalink_valid accepts; what cannot be kept is said. */
#ifndef FEEDCARD_INITPERM_H
#define FEEDCARD_INITPERM_H

#include <stdbool.h>

#include "initgen.h"

/* What init found about the posts. */
struct initperm_posts {
	const char *folder; /* relative to the site */
	bool nested;        /* some lie in subfolders that are not page bundles */
	bool date_named;    /* most file (or bundle folder) names start with a date */
};

/* The permalink for the posts, in feedcard's syntax ({year} {month} {day}
 * {slug} and whatever other placeholders this build's url_permalink_valid
 * accepts). *from is set to where the generator's pattern came from (NULL
 * for the generator's default), *todo to what the user should check (or
 * NULL). Caller frees all three. */
char *initperm_permalink(const struct initgen_site *site, const struct initperm_posts *posts,
			 char **from, char **todo);

/* Translate one pattern in a generator's syntax (Hugo's or Jekyll's
 * ":year/:slug", Jekyll's styles "date", "pretty" ...) to feedcard's.
 * section names the posts' section, for Hugo's :section. *todo as above.
 * Caller frees. Exposed for the unit tests. */
char *initperm_translate(enum initgen_kind kind, const char *pattern, const char *section,
			bool ugly, char **todo);

#endif
