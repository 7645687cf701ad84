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

/* A byte range [beg, end) of a Markdown text. */
struct markdown_span {
	size_t beg, end;
};

/* The ranges of md (len bytes) that md4c reads as code: the contents of
 * code blocks (fenced and indented) and of code spans, in order, ranges
 * separated by white space only merged into one. Sets *out (caller frees;
 * NULL when none) and returns their number. */
size_t markdown_code_spans(const char *md, size_t len, struct markdown_span **out);

#endif
