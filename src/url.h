/* url: slugs, permalinks, joining the site URL with paths, and URI
 * resolution through libxml2's RFC 3986 code. */
#ifndef FEEDCARD_URL_H
#define FEEDCARD_URL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* The length of a leading date "YYYY-MM-DD-" as Jekyll reads it in a file
 * name (2 to 4 digits, then 1 or 2, then 1 or 2: "2015-7-1-" counts), or 0. */
size_t url_date_prefix(const char *name);

/* A post's file stem: its file name without the extension (".md",
 * ".markdown", ".mdx", ".html"), or, for a page bundle's index file, the
 * bundle's folder name. Set *len to its length; returns where it starts in
 * path (borrowed). */
const char *url_file_stem(const char *path, size_t *len);

/* A post slug from a file path: the file stem (see url_file_stem),
 * lowercased, with a leading date (see url_date_prefix) removed. Caller frees. */
char *url_slug_from_path(const char *path);

/* Lowercase s (UTF-8 aware) and drop a leading date. Caller frees. */
char *url_slug_clean(const char *s);

/* A slug for a category or tag name: lowercase, runs of characters other than
 * letters and digits become one '-', no leading or trailing '-'; non-ASCII
 * letters are kept (Jekyll's "default" slugify). Returns "" for a name with no
 * letter or digit. Caller frees. */
char *url_slugify(const char *name);

/* Hugo's urlize: letters, digits and . _ - + ~ @ / kept, a run of spaces made
 * one '-', everything else dropped, lowercased. Caller frees. */
char *url_urlize(const char *s);

/* What a permalink pattern's placeholders are made of, for one post; all
 * strings borrowed. */
struct url_vars {
	const char *slug;       /* {slug}: feedcard's slug (the slug field, else the
				 * file stem without its date) */
	const char *slug_field; /* the post's own slug field; NULL when none */
	const char *title;      /* the post's title */
	const char *stem;       /* the file stem (see url_file_stem) */
	const char *sections;   /* the folders from the content root down to the
				 * post (not its bundle folder), joined by '/'; "" */
	char *const *categories; /* NULL-terminated; NULL = none */
	time_t date;
	int offset;  /* the site zone's offset at date, in seconds */
	bool jekyll; /* Jekyll's meaning of :title and :slug, else Hugo's */
};

/* Expand a permalink pattern: placeholders written :name or {name} (see the
 * README's table), the date parts those of the local date (date + offset).
 * Runs of '/' become one. Caller frees. */
char *url_permalink(const char *pattern, const struct url_vars *v);

/* True when pattern only uses known placeholders; else *bad is set to the
 * 0-based offset of the first unknown one. */
bool url_permalink_valid(const char *pattern, size_t *bad);

/* True when pattern has a placeholder that names the post (slug, title,
 * file name), so that two posts of one day get two pages. */
bool url_permalink_names_post(const char *pattern);

/* The pattern of one of Jekyll's named permalink styles ("date", "pretty",
 * "ordinal", "weekdate", "none"), or NULL when name is none of them. Static. */
const char *url_permalink_style(const char *name);

/* site_url (absolute, without trailing '/') + path (starting with '/'),
 * with characters not allowed in a URI (spaces, non-ASCII) percent-encoded.
 * Caller frees. */
char *url_join(const char *site_url, const char *path);

/* Percent-encode what a URI may not hold (spaces, non-ASCII, quotes, ...),
 * keeping reserved characters and existing escapes. Caller frees. */
char *url_escape_iri(const char *s);

/* Resolve ref against the absolute base (RFC 3986). Returns NULL when ref is
 * not a URI reference we can resolve. Caller frees. */
char *url_resolve(const char *ref, const char *base);

/* True when s is an absolute http(s) URL with a host. */
bool url_is_absolute_http(const char *s);

/* The host of an absolute URL ("ebpf.io"), or NULL. Caller frees. */
char *url_host(const char *url);

/* True when a site-relative output path is safe to write below the output
 * folder: no "..", no backslash, no NUL, no "%2e%2e". */
bool url_path_safe(const char *path);

#endif
