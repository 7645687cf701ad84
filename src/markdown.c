/* markdown: md4c glue; see markdown.h. */
#include "markdown.h"

#include <md4c-html.h>
#include <md4c.h>

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
