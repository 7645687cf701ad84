/* url: slugs, permalinks, joining the site URL with paths, and URI
 * resolution through libxml2's RFC 3986 code. */
#ifndef FEEDCARD_URL_H
#define FEEDCARD_URL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* A post slug from a file path: the file name without ".md" (the folder's
 * name for index.md), lowercased, with a leading "YYYY-MM-DD-" removed.
 * Caller frees. */
char *url_slug_from_path(const char *path);

/* Lowercase s (UTF-8 aware) and drop a leading "YYYY-MM-DD-". Caller frees. */
char *url_slug_clean(const char *s);

/* A slug for a category or tag name: lowercase, runs of characters other than
 * letters and digits become one '-', no leading or trailing '-'; non-ASCII
 * letters are kept. Returns "" for a name with no letter or digit. Caller frees. */
char *url_slugify(const char *name);

/* Expand a permalink pattern with {slug} {year} {month} {day}; the date parts
 * are those of the local date (UTC + offset seconds). Caller frees. */
char *url_permalink(const char *pattern, const char *slug, time_t date, int offset);

/* True when pattern only uses the known placeholders; else *bad is set to the
 * 0-based offset of the first bad one. */
bool url_permalink_valid(const char *pattern, size_t *bad);

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
