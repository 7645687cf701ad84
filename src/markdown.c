/* markdown: md4c glue; see markdown.h. */
#include "markdown.h"

#include <md4c-html.h>
#include <md4c.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "xalloc.h"

static void markdown_out(const MD_CHAR *text, MD_SIZE size, void *userdata)
{
	strbuf_add(userdata, text, size);
}

int markdown_to_html(const char *md, size_t len, struct strbuf *out)
{
	strbuf_grow(out, len + len / 4);
	int rc = md_html(md, (MD_SIZE)len, markdown_out, out, MD_DIALECT_GITHUB, 0);
	return rc == 0 ? 0 : -1;
}

struct markdown_code {
	const char *md;
	size_t len;
	struct markdown_span *v;
	size_t n, cap;
};

static int markdown_no_block(MD_BLOCKTYPE type, void *detail, void *userdata)
{
	(void)type, (void)detail, (void)userdata;
	return 0;
}

static int markdown_no_span(MD_SPANTYPE type, void *detail, void *userdata)
{
	(void)type, (void)detail, (void)userdata;
	return 0;
}

static bool markdown_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return false;
	return true;
}

/* md4c hands code text out as pointers into the input (but for a few
 * static strings: tab expansions, line ends), so each piece is a range. */
static int markdown_code_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *userdata)
{
	struct markdown_code *c = userdata;
	uintptr_t t = (uintptr_t)text, m = (uintptr_t)c->md;
	if (type != MD_TEXT_CODE || size == 0 || t < m || t - m > c->len || size > c->len - (t - m))
		return 0;
	size_t beg = (size_t)(text - c->md), end = beg + size;
	if (c->n && c->v[c->n - 1].end <= beg &&
	    markdown_blank(c->md + c->v[c->n - 1].end, beg - c->v[c->n - 1].end)) {
		c->v[c->n - 1].end = end;
		return 0;
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 16;
		c->v = xreallocarray(c->v, c->cap, sizeof *c->v);
	}
	c->v[c->n].beg = beg;
	c->v[c->n].end = end;
	c->n++;
	return 0;
}

size_t markdown_code_spans(const char *md, size_t len, struct markdown_span **out)
{
	struct markdown_code c = { md, len, NULL, 0, 0 };
	MD_PARSER parser = { 0, MD_DIALECT_GITHUB, markdown_no_block, markdown_no_block,
			     markdown_no_span, markdown_no_span, markdown_code_text, NULL, NULL };
	md_parse(md, (MD_SIZE)len, &parser, &c);
	*out = c.v;
	return c.n;
}
