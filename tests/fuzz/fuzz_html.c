/* Fuzz target: a post body through Markdown -> HTML -> absolute URLs,
 * sanitised or not, with a summary. The first byte picks the options:
 * bit 0 sanitise, bit 1 give the bytes to html_process as HTML (skipping
 * Markdown), bits 2-7 the summary length in words. The rest is the body,
 * cleaned as post_load cleans a file (invalid UTF-8 is rejected there).
 * ORACLES: the HTML and the summary are valid UTF-8; sanitised HTML has no
 * script, style or iframe element left. */
#include <stdint.h>

#include <glib.h>

#include "fuzzutil.h"
#include "html.h"
#include "markdown.h"
#include "post.h"
#include "strbuf.h"

static bool fuzz_has_tag(const char *html, const char *tag)
{
	size_t n = strlen(tag);
	for (const char *p = strchr(html, '<'); p; p = strchr(p + 1, '<'))
		if (g_ascii_strncasecmp(p + 1, tag, n) == 0 &&
		    !g_ascii_isalnum(p[1 + n]) && p[1 + n] != '-')
			return true;
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_quiet();
	if (size < 1 || size > (1u << 20))
		return 0;
	bool sanitize = data[0] & 1, raw = data[0] & 2;
	unsigned long words = data[0] >> 2;
	char *body = fuzz_cstr(data + 1, size - 1);
	long len = post_clean_text("body.md", body, size - 1);
	if (len < 0) {
		free(body);
		return 0;
	}
	struct strbuf md = STRBUF_INIT;
	if (raw)
		strbuf_add(&md, body, (size_t)len);
	else if (markdown_to_html(body, (size_t)len, &md) != 0)
		goto out;
	struct html_result r;
	html_process(md.data ? md.data : "", md.len, "https://ex.org/blog/2024/10/09/fuzz/", sanitize,
		     words, &r);
	FUZZ_CHECK(g_utf8_validate(r.html, -1, NULL), "the HTML is not UTF-8");
	FUZZ_CHECK(g_utf8_validate(r.summary, -1, NULL), "the summary is not UTF-8");
	if (sanitize) {
		static const char *const banned[] = { "script", "style", "iframe", "embed", "object",
						      "frame", "base", "meta", NULL };
		for (const char *const *b = banned; *b; b++)
			FUZZ_CHECK(!fuzz_has_tag(r.html, *b), "<%s> survived sanitising", *b);
	}
	free(r.html);
	free(r.summary);
out:
	strbuf_release(&md);
	free(body);
	return 0;
}
