/* serve_hdr: the parts of an HTTP request that serve must judge, parsed
 * without any network code so that they can be tested alone: the request
 * path (percent-decoding and the traversal rules), Accept-Encoding,
 * If-None-Match, HTTP dates, and escaping untrusted text for the log. */
#ifndef FEEDCARD_SERVE_HDR_H
#define FEEDCARD_SERVE_HDR_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "strbuf.h"

/* Longest request path accepted, in bytes before decoding. */
#define SERVE_HDR_MAX_PATH 2048

/* Decode and check a request path as it came on the request line (without
 * the query). The path must start with '/', hold no NUL, control byte or
 * backslash (raw or %-encoded), no malformed %-escape, no "." or ".."
 * segment and no empty segment ("//"), and be at most SERVE_HDR_MAX_PATH
 * bytes. On success returns 0 and sets *key to the decoded path without its
 * leading '/' ("" for "/", "blog/" for "/blog/"); caller frees. Otherwise
 * returns -1 and sets *why to a static reason for the log. */
int serve_hdr_path(const char *raw, char **key, const char **why);

/* True when an Accept-Encoding value (NULL = no header) accepts coding
 * ("gzip"): listed, or matched by "*", with a q-value above zero. */
bool serve_hdr_accepts(const char *accept_encoding, const char *coding);

/* True when an If-None-Match value lists etag (a quoted entity tag such as
 * "\"abc\"") or is "*". Weak comparison: a W/ prefix is ignored, as RFC 9110
 * asks for If-None-Match. */
bool serve_hdr_etag_match(const char *if_none_match, const char *etag);

/* Parse an HTTP date in any of the three forms RFC 9110 asks recipients to
 * accept (IMF-fixdate, RFC 850, asctime). Returns 0 and sets *t, or -1. */
int serve_hdr_parse_date(const char *s, time_t *t);

/* Write t as an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") into buf,
 * which holds at least 30 bytes. Never reads the locale. */
void serve_hdr_format_date(time_t t, char *buf, size_t size);

/* Append at most max bytes of s to out, with every byte outside printable
 * ASCII, and the backslash and double quote, written as \xHH, so that a
 * request cannot forge or break log lines. A longer s ends in "...". */
void serve_hdr_log_escape(struct strbuf *out, const char *s, size_t max);

#endif
