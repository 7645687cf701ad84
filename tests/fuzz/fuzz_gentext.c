/* Fuzz target: generator syntax in a post body (gentext), then Markdown and
 * html_process as post_to_html runs them. The first byte picks the options:
 * bit 0 the body is MDX, bit 1 the separator is "[more]" (else <!--more-->),
 * bit 2 sanitise. The rest is the body, cleaned as post_load cleans a file.
 * ORACLES: a body left alone holds none of the syntax gentext rewrites; the
 * rewritten body and the HTML and summary are valid UTF-8; the rewrite is at
 * most a bounded multiple of the body (no runaway expansion); the summary
 * mark gentext adds never shows: sanitised HTML has none, other HTML only
 * inside an author's comment (a separator inside "<!-- ..." is part of it).
 * (A body may name the mark itself: then it is the author's text.) */
#include <stdint.h>

#include <glib.h>

#include "fuzzutil.h"
#include "gentext.h"
#include "html.h"
#include "markdown.h"
#include "post.h"
#include "strbuf.h"

/* True when every summary mark in html lies inside a comment. */
static bool fuzz_mark_hidden(const char *html)
{
	for (const char *m = strstr(html, HTML_SUMMARY_MARK); m; m = strstr(m + 1, HTML_SUMMARY_MARK)) {
		const char *open = NULL;
		for (const char *o = strstr(html, "<!--"); o && o < m; o = strstr(o + 4, "<!--")) {
			const char *close = strstr(o + 4, "-->");
			if (!close || close >= m)
				open = o;
		}
		if (!open)
			return false;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_quiet();
	if (size < 1 || size > (1u << 20))
		return 0;
	static struct date_zone utc;
	static bool zoned;
	if (!zoned)
		zoned = date_zone_parse("UTC", &utc) == 0;
	struct gentext_opts o = { "body.md", 1, "https://ex.org/sub", "/blog/{year}/{month}/{day}/{slug}/",
				  &utc, data[0] & 2 ? "[more]" : "<!--more-->", data[0] & 1 };
	char *body = fuzz_cstr(data + 1, size - 1);
	long len = post_clean_text("body.md", body, size - 1);
	if (len < 0) {
		free(body);
		return 0;
	}
	struct strbuf out = STRBUF_INIT, md = STRBUF_INIT;
	const char *text = body;
	size_t tlen = (size_t)len;
	if (gentext_apply(body, (size_t)len, &o, &out)) {
		FUZZ_CHECK(g_utf8_validate(strbuf_str(&out), (gssize)out.len, NULL), "the rewrite is not UTF-8");
		FUZZ_CHECK(out.len <= 64 * (size_t)len + 4096, "%zu bytes rewritten to %zu", (size_t)len, out.len);
		text = strbuf_str(&out);
		tlen = out.len;
	} else {
		FUZZ_CHECK(!o.mdx && !strstr(body, "{{") && !strstr(body, "{%") && !strstr(body, "{:") &&
				   !strstr(body, o.separator),
			   "a body with generator syntax was left alone");
	}
	if (markdown_to_html(text, tlen, &md) == 0) {
		struct html_result r;
		html_process(md.data ? md.data : "", md.len, "https://ex.org/sub/blog/2024/10/09/fuzz/",
			     data[0] & 4, 70, &r);
		FUZZ_CHECK(g_utf8_validate(r.html, -1, NULL), "the HTML is not UTF-8");
		FUZZ_CHECK(g_utf8_validate(r.summary, -1, NULL), "the summary is not UTF-8");
		/* Text that spells the mark itself says nothing: in the body, or
		 * made by a rewrite that joins text around a removed tag
		 * ("fe{::comment}edcard-summary"). */
		if (!strstr(body, HTML_SUMMARY_MARK) && !strstr(text, HTML_SUMMARY_MARK))
			FUZZ_CHECK(data[0] & 4 ? !strstr(r.html, HTML_SUMMARY_MARK) : fuzz_mark_hidden(r.html),
				   "the summary mark shows in the HTML");
		free(r.html);
		free(r.summary);
	}
	/* The build reports once per build; here, once per input. */
	gentext_report();
	strbuf_release(&md);
	strbuf_release(&out);
	free(body);
	return 0;
}
