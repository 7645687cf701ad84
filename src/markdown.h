/* markdown: Markdown -> HTML with md4c (CommonMark plus the GitHub
 * extensions: tables, strikethrough, task lists, autolinks). Raw HTML in the
 * Markdown passes through. */
#ifndef FEEDCARD_MARKDOWN_H
#define FEEDCARD_MARKDOWN_H

#include <stddef.h>

#include "strbuf.h"

/* Append the HTML of md (len bytes) to out. Returns 0, or -1 when md4c fails
 * (the caller reports). */
int markdown_to_html(const char *md, size_t len, struct strbuf *out);

#endif
