/* Unit tests for markdown + html: absolute URLs, sanitising, summaries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "markdown.h"
#include "strbuf.h"

static const char *base = "https://ebpf.io/blog/2024/10/09/post/";

static struct html_result run(const char *md, bool sanitize)
{
	struct strbuf sb = STRBUF_INIT;
	assert_int_equal(markdown_to_html(md, strlen(md), &sb), 0);
	struct html_result r;
	html_process(strbuf_str(&sb), sb.len, base, sanitize, 5, &r);
	strbuf_release(&sb);
	return r;
}

static void release(struct html_result *r)
{
	free(r->html);
	free(r->summary);
}

#define HAS(r, s) assert_non_null(strstr((r).html, s))
#define HASNT(r, s) assert_null(strstr((r).html, s))

static void test_gfm(void **state)
{
	(void)state;
	struct html_result r = run("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~ and - [x] done\n\n- [ ] todo\n\nSee https://x.org/y.\n", true);
	HAS(r, "<table>");
	HAS(r, "<del>gone</del>");
	HAS(r, "type=\"checkbox\"");
	HAS(r, "<a href=\"https://x.org/y\">https://x.org/y</a>");
	release(&r);
}

static void test_urls_made_absolute(void **state)
{
	(void)state;
	struct html_result r = run("[a](img/a.png) [b](/about/) [c](#frag) [d](../x/)\n\n"
				   "<img src=\"p.png\" srcset=\"p.png 1x, big/p.png 2x\">\n"
				   "<video poster=\"v.jpg\" src=\"v.mp4\"></video>\n", true);
	HAS(r, "href=\"https://ebpf.io/blog/2024/10/09/post/img/a.png\"");
	HAS(r, "href=\"https://ebpf.io/about/\"");
	HAS(r, "href=\"https://ebpf.io/blog/2024/10/09/post/#frag\"");
	HAS(r, "href=\"https://ebpf.io/blog/2024/10/09/x/\"");
	HAS(r, "srcset=\"https://ebpf.io/blog/2024/10/09/post/p.png 1x, https://ebpf.io/blog/2024/10/09/post/big/p.png 2x\"");
	HAS(r, "poster=\"https://ebpf.io/blog/2024/10/09/post/v.jpg\"");
	HAS(r, "src=\"https://ebpf.io/blog/2024/10/09/post/v.mp4\"");
	release(&r);
	/* Without sanitising, URLs are still made absolute. */
	r = run("<iframe src=\"/embed/x\"></iframe>\n", false);
	HAS(r, "<iframe src=\"https://ebpf.io/embed/x\">");
	release(&r);
}

static void test_sanitise(void **state)
{
	(void)state;
	struct html_result r = run("<script>alert(1)</script>\n\n<style>p{}</style>\n\n"
				   "<p onclick=\"evil()\" class=\"k\">x <a href=\"javascript:alert(1)\">j</a> "
				   "<a href=\" JaVaScRiPt:alert(2)\">k</a></p>\n\n"
				   "<custom-box>kept text</custom-box>\n\n"
				   "<iframe width=\"755\" src=\"https://www.youtube.com/embed/PQNDsdP27Hw\" allowfullscreen></iframe>\n", true);
	HASNT(r, "script");
	HASNT(r, "alert");
	HASNT(r, "<style");
	HASNT(r, "onclick");
	HASNT(r, "custom-box");
	HASNT(r, "iframe");
	HAS(r, "class=\"k\"");
	HAS(r, "kept text");
	HAS(r, "<p><a href=\"https://www.youtube.com/watch?v=PQNDsdP27Hw\">https://www.youtube.com/watch?v=PQNDsdP27Hw</a></p>");
	release(&r);
	r = run("<script>alert(1)</script>\n", false);
	HAS(r, "<script>alert(1)</script>");
	release(&r);
}

static void test_summary_and_words(void **state)
{
	(void)state;
	struct html_result r = run("# Title\n\nOne two *three* four.\n\nFive six seven.\n", true);
	assert_string_equal(r.summary, "Title One two three four.…");
	assert_int_equal(r.words, 8);
	release(&r);
	r = run("", true);
	assert_string_equal(r.html, "");
	assert_string_equal(r.summary, "");
	assert_int_equal(r.words, 0);
	release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gfm),
		cmocka_unit_test(test_urls_made_absolute),
		cmocka_unit_test(test_sanitise),
		cmocka_unit_test(test_summary_and_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
