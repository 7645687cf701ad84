/* Unit tests for gentext: generator syntax in bodies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "config.h"
#include "gentext.h"
#include "html.h"
#include "markdown.h"
#include "post.h"
#include "testutil.h"
#include "xalloc.h"

static struct date_zone utc;

static struct gentext_opts opts(void)
{
	struct gentext_opts o = { "post.md", 5, "https://example.org/sub", "/blog/{year}/{month}/{day}/{slug}/",
				  &utc, "<!--more-->", false };
	return o;
}

/* The rewritten body, or the body itself when gentext leaves it alone;
 * caller frees. */
static char *apply_with(const char *body, const struct gentext_opts *o)
{
	struct strbuf out = STRBUF_INIT;
	if (!gentext_apply(body, strlen(body), o, &out))
		return xstrdup(body);
	return strbuf_detach(&out, NULL);
}

static char *apply(const char *body)
{
	struct gentext_opts o = opts();
	return apply_with(body, &o);
}

static char *apply_mdx(const char *body)
{
	struct gentext_opts o = opts();
	o.mdx = true;
	o.file = "post.mdx";
	return apply_with(body, &o);
}

#define EXPECT(body, want)                                   \
	do {                                                 \
		char *got_ = apply(body);                    \
		assert_string_equal(got_, want);             \
		free(got_);                                  \
	} while (0)

#define EXPECT_MDX(body, want)                               \
	do {                                                 \
		char *got_ = apply_mdx(body);                \
		assert_string_equal(got_, want);             \
		free(got_);                                  \
	} while (0)

/* The warnings gentext_report gives for what was applied since the last. */
static const char *report(void)
{
	tu_capture();
	gentext_report();
	return tu_release();
}

static void test_untouched(void **state)
{
	(void)state;
	struct gentext_opts o = opts();
	struct strbuf out = STRBUF_INIT;
	const char *plain = "# Title\n\nSome text with { braces } and a } and {x}.\n";
	assert_false(gentext_apply(plain, strlen(plain), &o, &out));
	assert_int_equal(out.len, 0);
	strbuf_release(&out);
	assert_string_equal(report(), "");
}

static void test_youtube_vimeo(void **state)
{
	(void)state;
	EXPECT("{{< youtube w7Ft2ymGmfc >}}\n",
	       "<a href=\"https://www.youtube.com/watch?v=w7Ft2ymGmfc\">https://www.youtube.com/watch?v=w7Ft2ymGmfc</a>\n");
	EXPECT("Watch: {{< youtube id=\"w7Ft2ymGmfc\" title=\"A talk\" >}} now\n",
	       "Watch: <a href=\"https://www.youtube.com/watch?v=w7Ft2ymGmfc\">A talk</a> now\n");
	EXPECT("{{< vimeo 146022717 >}}", "<a href=\"https://vimeo.com/146022717\">https://vimeo.com/146022717</a>");
	EXPECT("{{< vimeo id=`146022717` >}}", "<a href=\"https://vimeo.com/146022717\">https://vimeo.com/146022717</a>");
	EXPECT("{{% youtube xyz %}}", "<a href=\"https://www.youtube.com/watch?v=xyz\">https://www.youtube.com/watch?v=xyz</a>");
	/* An ID is a path part: what would break the URL is escaped. */
	EXPECT("{{< youtube \"a b&c\" >}}",
	       "<a href=\"https://www.youtube.com/watch?v=a%20b%26c\">https://www.youtube.com/watch?v=a%20b%26c</a>");
	assert_string_equal(report(), "");
	EXPECT("{{< youtube >}}", "");
	assert_non_null(strstr(report(), "post.md:5:1: warning: removed Hugo shortcode 'youtube' (no id)"));
}

static void test_gist_tweet_instagram(void **state)
{
	(void)state;
	EXPECT("{{< gist spf13 7896402 >}}",
	       "<a href=\"https://gist.github.com/spf13/7896402\">https://gist.github.com/spf13/7896402</a>");
	EXPECT("{{< tweet user=\"SanDiegoZoo\" id=\"1453110110599868418\" >}}",
	       "<a href=\"https://x.com/SanDiegoZoo/status/1453110110599868418\">https://x.com/SanDiegoZoo/status/1453110110599868418</a>");
	EXPECT("{{< tweet 877500564405444608 >}}",
	       "<a href=\"https://x.com/i/status/877500564405444608\">https://x.com/i/status/877500564405444608</a>");
	EXPECT("{{< x user=\"a\" id=\"1\" >}}", "<a href=\"https://x.com/a/status/1\">https://x.com/a/status/1</a>");
	EXPECT("{{< twitter user=\"a\" id=\"1\" >}}", "<a href=\"https://x.com/a/status/1\">https://x.com/a/status/1</a>");
	EXPECT("{{< instagram BWNjjyYFxVx >}}",
	       "<a href=\"https://www.instagram.com/p/BWNjjyYFxVx/\">https://www.instagram.com/p/BWNjjyYFxVx/</a>");
	assert_string_equal(report(), "");
}

static void test_figure(void **state)
{
	(void)state;
	EXPECT("{{< figure src=\"elephant.jpg\" alt=\"An elephant\" >}}\nNext line.\n",
	       "<figure><img src=\"elephant.jpg\" alt=\"An elephant\"></figure>\n\nNext line.\n");
	EXPECT("{{< figure src=\"/a.png\" title=\"T & t\" caption=\"A *big* [one](https://x.org)\" link=\"https://l.org\" >}}",
	       "<figure><a href=\"https://l.org\"><img src=\"/a.png\" alt=\"A *big* [one](https://x.org)\"></a>"
	       "<figcaption><h4>T &amp; t</h4><p>A <em>big</em> <a href=\"https://x.org\">one</a></p>"
	       "</figcaption></figure>\n");
	EXPECT("{{< figure src=\"a.png\" caption=\"Photo\" attr=\"Jane\" attrlink=\"https://j.org\" >}}",
	       "<figure><img src=\"a.png\" alt=\"Photo\"><figcaption><p>Photo <a href=\"https://j.org\">Jane</a></p>"
	       "</figcaption></figure>\n");
	/* A quote in a value is escaped in the attribute. */
	EXPECT("{{< figure src=\"a.png\" alt=\"say \\\"hi\\\"\" >}}",
	       "<figure><img src=\"a.png\" alt=\"say &quot;hi&quot;\"></figure>\n");
	assert_string_equal(report(), "");
}

static void test_highlight(void **state)
{
	(void)state;
	EXPECT("Code:\n\n{{< highlight go \"linenos=table,hl_lines=2\" >}}\nfunc main() {\n\tfmt.Println(\"{{ x }}\")\n}\n{{< /highlight >}}\n\nAfter.\n",
	       "Code:\n\n```go\nfunc main() {\n\tfmt.Println(\"{{ x }}\")\n}\n```\n\nAfter.\n");
	/* Backticks inside ask for a longer fence. */
	EXPECT("{{< highlight md >}}\n```\nx\n```\n{{< /highlight >}}", "````md\n```\nx\n```\n````");
	EXPECT("{% highlight ruby linenos %}\ndef x\n  1\nend\n{% endhighlight %}\n",
	       "```ruby\ndef x\n  1\nend\n```\n");
	assert_string_equal(report(), "");
}

static void test_ref_relref(void **state)
{
	(void)state;
	EXPECT("[a]({{< ref \"2019-05-15-ux-summit.md\" >}})", "[a](/sub/blog/2019/05/15/ux-summit/)");
	EXPECT("[a]({{< relref \"/communities/social-media.md#join\" >}})", "[a](/sub/communities/social-media/#join)");
	EXPECT("[a]({{< ref \"docs/_index.md\" >}})", "[a](/sub/docs/)");
	EXPECT("[a]({{< ref \"blog/2020-1-2-x/index.md\" >}})", "[a](/sub/blog/2020/01/02/x/)");
	EXPECT("[a]({{< ref path=\"about\" >}})", "[a](/sub/about/)");
	EXPECT("<a href=\"{{< ref \"files/report.pdf\" >}}\">r</a>", "<a href=\"/sub/files/report.pdf\">r</a>");
	assert_string_equal(report(), "");
}

static const char *const site_pages[][2] = {
	{ "content/news/2019-05-15-ux-summit.md", "https://example.org/sub/2019/05/15/the-summit/" },
	{ "content/news/renamed/index.md", "https://example.org/sub/news/renamed-page/" },
	{ "_posts/2010-07-21-name.markdown", "https://example.org/sub/2010/custom/" },
	{ "content/events/x.md", "https://other.example/x/" },
};

static void site_page(void *ctx, size_t i, const char **file, const char **url)
{
	(void)ctx;
	*file = site_pages[i][0];
	*url = site_pages[i][1];
}

/* With the site's posts given, links go to their own URLs. */
static void test_links_to_posts(void **state)
{
	(void)state;
	gentext_site_begin(sizeof site_pages / sizeof site_pages[0], site_page, NULL);
	EXPECT("[a]({{< ref \"2019-05-15-ux-summit.md#part\" >}})", "[a](/sub/2019/05/15/the-summit/#part)");
	EXPECT("[a]({{< ref \"news/renamed\" >}}) [b]({{< relref \"/news/renamed/index.md\" >}})",
	       "[a](/sub/news/renamed-page/) [b](/sub/news/renamed-page/)");
	EXPECT("[p]({% post_url 2010-07-21-name %}) [l]({% link _posts/2010-07-21-name.markdown %})",
	       "[p](/sub/2010/custom/) [l](/sub/2010/custom/)");
	/* Another folder is another page; a URL off the site stays whole. */
	EXPECT("[a]({{< ref \"blog/x.md\" >}}) [b]({{< ref \"x\" >}})", "[a](/sub/blog/x/) [b](https://other.example/x/)");
	gentext_site_end();
	EXPECT("[a]({{< ref \"2019-05-15-ux-summit.md\" >}})", "[a](/sub/blog/2019/05/15/ux-summit/)");
	assert_string_equal(report(), "");
}

static void test_shortcode_percent_and_paired(void **state)
{
	(void)state;
	/* Unknown pairs: tags go, the content (Markdown) stays. */
	EXPECT("{{% note %}}\n**Careful**: it is hot.\n{{% /note %}}\n", "\n**Careful**: it is hot.\n\n");
	EXPECT("{{< box >}}Inside *it*{{< /box >}} after", "Inside *it* after");
	/* Nested pairs of the same name. */
	EXPECT("{{< a >}}1{{< a >}}2{{< /a >}}3{{< /a >}}", "123");
	EXPECT("{{% comment %}}hidden{{% /comment %}}shown", "shown");
	const char *w = report();
	assert_non_null(strstr(w, "Hugo shortcode 'note' not run: its tags removed, its content kept"));
	assert_non_null(strstr(w, "Hugo shortcode 'box' not run"));
	assert_null(strstr(w, "comment"));
}

static void test_unknown_shortcodes_one_warning(void **state)
{
	(void)state;
	struct gentext_opts o = opts();
	char *a = apply_with("Intro.\n\n{{< legacy-img src=\"x\" >}}\n{{< legacy-img src=\"y\" >}}\n", &o);
	assert_string_equal(a, "Intro.\n\n\n\n");
	free(a);
	o.file = "another.md";
	o.line = 1;
	a = apply_with("{{< legacy-img src=\"z\" >}}{{< /stray >}}", &o);
	assert_string_equal(a, "");
	free(a);
	const char *w = report();
	/* One warning per kind, at the first place in file order, with the count. */
	assert_non_null(strstr(w, "another.md:1:1: warning: removed Hugo shortcode 'legacy-img' (and in 1 more posts)\n"));
	assert_non_null(strstr(w, "another.md:1:27: warning: removed Hugo shortcode 'stray'\n"));
	assert_null(strstr(w, "post.md"));
	assert_string_equal(report(), ""); /* reported once */
	/* One that carries words for the reader keeps them. */
	EXPECT("We chose {{< asset-static file=\"a.pdf\" label=\"the *next* projects\" >}} today.\n"
	       "{{< quote-block text=\"Trust.\" cite=\"A. L.\" >}}\n",
	       "We chose the *next* projects today.\nTrust.\n");
	w = report();
	assert_non_null(strstr(w, "post.md:5:10: warning: Hugo shortcode 'asset-static' not run: only its text kept\n"));
	assert_non_null(strstr(w, "post.md:6:1: warning: Hugo shortcode 'quote-block' not run: only its text kept\n"));
}

static void test_shortcode_args(void **state)
{
	(void)state;
	/* A ">}}" inside quotes does not end the tag; named and positional mix. */
	EXPECT("{{< figure src=\"a>}}b.png\" alt=`raw \\n` >}}", "<figure><img src=\"a&gt;}}b.png\" alt=\"raw \\n\"></figure>\n");
	/* Self-closing, and no spaces. */
	EXPECT("{{<youtube abc/>}}", "<a href=\"https://www.youtube.com/watch?v=abc\">https://www.youtube.com/watch?v=abc</a>");
	/* Not a shortcode: left as written. */
	EXPECT("a {{< b", "a {{< b");
	EXPECT("{{< \"x\" >}}", "{{< \"x\" >}}");
	assert_string_equal(report(), "");
}

static void test_escapes_and_code(void **state)
{
	(void)state;
	/* Hugo's escape, in and out of code. */
	EXPECT("Write {{</* youtube abc */>}} to embed.", "Write {{< youtube abc >}} to embed.");
	EXPECT("```\n{{</* figure src=\"x\" */>}}\n{{%/* note */%}}\n```\n", "```\n{{< figure src=\"x\" >}}\n{{% note %}}\n```\n");
	/* Shortcodes and Liquid in code stay as written. */
	EXPECT("```go\n{{< youtube abc >}}\n{{ site.url }} {% include x %}\n```\n",
	       "```go\n{{< youtube abc >}}\n{{ site.url }} {% include x %}\n```\n");
	EXPECT("Inline `{{< youtube abc >}}` and `{% include x %}`.", "Inline `{{< youtube abc >}}` and `{% include x %}`.");
	EXPECT("Para.\n\n    {{< youtube abc >}}\n    {{ page.title }}\n", "Para.\n\n    {{< youtube abc >}}\n    {{ page.title }}\n");
	EXPECT("~~~\n<!--more-->\n~~~\n", "~~~\n<!--more-->\n~~~\n");
	/* In a list item, indented text is not code. */
	EXPECT("1. Step\n\n    {{< youtube abc >}}\n",
	       "1. Step\n\n    <a href=\"https://www.youtube.com/watch?v=abc\">https://www.youtube.com/watch?v=abc</a>\n");
	/* {% raw %} in code: its tags go (Jekyll shows the code without them). */
	EXPECT("```liquid\n{% raw %}\n{{ page.title }}\n{% endraw %}\n```\n", "```liquid\n\n{{ page.title }}\n\n```\n");
	EXPECT("`{% raw %}{{ site.url }}{% endraw %}`", "`{{ site.url }}`");
	EXPECT("`{% raw %}{% raw %}{% endraw %}` and `{% raw %}{% highlight %}{% endraw %}`",
	       "`{% raw %}` and `{% highlight %}`");
	assert_string_equal(report(), "");
}

static void test_liquid_tags(void **state)
{
	(void)state;
	EXPECT("{% raw %}{{ page.title }} {% include x.html %}{% endraw %} and {{ site.baseurl }}",
	       "{{ page.title }} {% include x.html %} and /sub");
	EXPECT("A{% comment %} secret {{ x }} {% endcomment %}B", "AB");
	EXPECT("A{%- comment -%}x{%- endcomment -%}B", "AB");
	EXPECT("A{% assign x = 1 %}B{% capture y %}zz{% endcapture %}C", "ABC");
	EXPECT("[p]({% link _posts/2016-07-26-name.md %})", "[p](/sub/blog/2016/07/26/name/)");
	EXPECT("[p]({% link about.md %}) [f]({% link assets/a.pdf %})", "[p](/sub/about/) [f](/sub/assets/a.pdf)");
	EXPECT("[p]({% post_url 2010-07-21-name %})", "[p](/sub/blog/2010/07/21/name/)");
	EXPECT("[p]({% post_url /2010/2010-07-21-Name %})", "[p](/sub/blog/2010/07/21/name/)");
	assert_string_equal(report(), "");
	EXPECT("[p]({% post_url about %})", "[p](/sub/)");
	assert_non_null(strstr(report(), "{% post_url %} names no dated post ('about'): linked to the site"));
	EXPECT("A{% include note.html content=\"x\" %}B{% include other.html %}", "AB");
	EXPECT("{% if site.x %}yes{% else %}no{% endif %}", "yesno");
	/* A variable the body binds is Liquid; the same name elsewhere is prose. */
	EXPECT("{{ issue }} {% for issue in list %}[#{{ issue }}]{% endfor %}{% assign n = 1 %}{{ n }}{% capture c %}x{% endcapture %}{{ c | strip }}",
	       "{{ issue }} [#]");
	const char *w = report();
	assert_non_null(strstr(w, "removed Liquid tag 'include'\n"));
	assert_non_null(strstr(w, "removed Liquid tag 'if'\n"));
	assert_non_null(strstr(w, "removed Liquid tag 'else'\n"));
	assert_null(strstr(w, "'endif'"));
}

static void test_liquid_outputs(void **state)
{
	(void)state;
	EXPECT("![i]({{ site.baseurl }}/img/a.png)", "![i](/sub/img/a.png)");
	EXPECT("{{ site.url }}{{ site.baseurl }}/x", "https://example.org/sub/x");
	EXPECT("{{ '/x' | relative_url }} {{ \"x\" | relative_url }}", "/sub/x /sub/x");
	EXPECT("{{ '/x' | absolute_url }}", "https://example.org/sub/x");
	EXPECT("{{ '/x/' | url }}", "/sub/x/");
	EXPECT("{{- \"/x\" | prepend: site.baseurl -}}", "/sub/x");
	EXPECT("{{ 'https://o.org/a' | relative_url }}", "https://o.org/a");
	assert_string_equal(report(), "");
	EXPECT("Hi {{ page.title }}! {{ 'x' | markdownify }}", "Hi ! ");
	const char *w = report();
	assert_non_null(strstr(w, "removed Liquid output '{{ page.title }}'"));
	assert_non_null(strstr(w, "removed Liquid output '{{ | markdownify }}'"));
	/* Not Liquid: Go templates, Handlebars, prose. Left as written. */
	EXPECT("{{ .Title }} {{ $x }} {{if .Params.a}} {{ name }} {{ \"s\" }} {{ 1 }}",
	       "{{ .Title }} {{ $x }} {{if .Params.a}} {{ name }} {{ \"s\" }} {{ 1 }}");
	assert_string_equal(report(), "");
}

static void test_block_tags(void **state)
{
	(void)state;
	/* {{name}}...{{/name}}: a template block; its tags go, its content stays. */
	EXPECT("{{preview}}\n\nA summary.\n\n{{/preview}}\n\nBody.\n", "\n\nA summary.\n\n\n\nBody.\n");
	assert_non_null(strstr(report(), "template block '{{preview}}' not run"));
	/* Alone, it is prose. */
	EXPECT("Type {{name}} here.", "Type {{name}} here.");
	assert_string_equal(report(), "");
}

static void test_kramdown(void **state)
{
	(void)state;
	EXPECT("A paragraph.\n{: .note}\n", "A paragraph.\n\n");
	EXPECT("{:.lead #top data-x=\"1 2\"}\nText", "\nText");
	EXPECT("[link](https://x.org){:target=\"_blank\"} and ![i](a.png){: .center width='50%'}",
	       "[link](https://x.org) and ![i](a.png)");
	EXPECT("A{::comment}hidden{:/comment}B{::nomarkdown}<b>x</b>{:/}C{::options parse_block_html=\"true\" /}",
	       "AB<b>x</b>C");
	/* Python format strings and the like are not attribute lists. */
	EXPECT("Use {:>10} or {:.2f} or {: }.", "Use {:>10} or {:.2f} or {: }.");
	assert_string_equal(report(), "");
}

static void test_mdx(void **state)
{
	(void)state;
	EXPECT_MDX("import Tweet from '../components/Tweet'\nimport {\n  A,\n  B\n} from 'x'\n\nexport const meta = {a: 1}\n\n# Title\n\nText.\n",
		   "\n\n# Title\n\nText.\n");
	EXPECT_MDX("<Callout type=\"info\" onClick={() => go({a: '}'})}>\nBe **careful**.\n</Callout>\n",
		   "\nBe **careful**.\n\n");
	EXPECT_MDX("<YouTube id=\"abc\" />", "<a href=\"https://www.youtube.com/watch?v=abc\">https://www.youtube.com/watch?v=abc</a>");
	EXPECT_MDX("<Tweet tweetId=\"12\"/>", "<a href=\"https://x.com/i/status/12\">https://x.com/i/status/12</a>");
	EXPECT_MDX("A {/* a comment */} B <>frag</> <div>html</div>", "A  B frag <div>html</div>");
	/* Not at the top level, or in code: kept. */
	EXPECT_MDX("Text: import this\n\n```js\nimport x from 'y'\n<Foo/>\n```\n", "Text: import this\n\n```js\nimport x from 'y'\n<Foo/>\n```\n");
	const char *w = report();
	assert_non_null(strstr(w, "post.mdx:5:1: warning: removed MDX component 'Callout'"));
	assert_null(strstr(w, "'YouTube'"));
	/* The same in a .md file is Markdown with HTML. */
	EXPECT("import x from 'y'\n\n<Foo/>\n", "import x from 'y'\n\n<Foo/>\n");
	assert_string_equal(report(), "");
}

static void test_summary_mark(void **state)
{
	(void)state;
	EXPECT("Intro *text*.\n\n<!--more-->\n\nRest.\n", "Intro *text*.\n\n<!--feedcard-summary--><!--more-->\n\nRest.\n");
	/* Only the first, only outside code. */
	EXPECT("`<!--more-->` a <!--more--> b <!--more-->", "`<!--more-->` a <!--feedcard-summary--><!--more--> b <!--more-->");
	struct gentext_opts o = opts();
	o.separator = "[more]";
	char *a = apply_with("One.\n\n[more]\n\nTwo.", &o);
	assert_string_equal(a, "One.\n\n<!--feedcard-summary-->[more]\n\nTwo.");
	free(a);
	o.separator = "";
	a = apply_with("One.\n\n<!--more-->\n\nTwo.", &o);
	assert_string_equal(a, "One.\n\n<!--more-->\n\nTwo.");
	free(a);

	/* html_process takes the text before the mark as the summary. */
	struct strbuf md = STRBUF_INIT;
	const char *body = "First *para*.\n\nSecond.\n\n<!--more-->\n\nThird.\n";
	o = opts();
	a = apply_with(body, &o);
	assert_int_equal(markdown_to_html(a, strlen(a), &md), 0);
	struct html_result r;
	html_process(md.data, md.len, "https://example.org/p/", true, 1, &r);
	assert_true(r.split);
	assert_string_equal(r.summary, "First para. Second.");
	assert_int_equal(r.words, 4);
	assert_null(strstr(r.html, "feedcard-summary"));
	free(r.html);
	free(r.summary);
	/* Unsanitised HTML keeps the author's comment, not ours. */
	html_process(md.data, md.len, "https://example.org/p/", false, 1, &r);
	assert_null(strstr(r.html, "feedcard-summary"));
	assert_non_null(strstr(r.html, "<!--more-->"));
	free(r.html);
	free(r.summary);
	strbuf_release(&md);
	free(a);
	/* A separator in an image's alt text: no split, and no mark in the alt. */
	a = apply_with("Text ![a <!--more--> b](i.png) more.\n", &o);
	assert_int_equal(markdown_to_html(a, strlen(a), &md), 0);
	html_process(md.data, md.len, "https://example.org/p/", false, 70, &r);
	assert_null(strstr(r.html, HTML_SUMMARY_MARK));
	assert_non_null(strstr(r.html, "alt=\"a <!--more--> b\""));
	free(r.html);
	free(r.summary);
	strbuf_release(&md);
	free(a);
	a = apply_with("Text [l](https://x.org/a<!--more-->b) more.\n", &o);
	assert_non_null(strstr(a, HTML_SUMMARY_MARK));
	assert_int_equal(markdown_to_html(a, strlen(a), &md), 0);
	html_process(md.data, md.len, "https://example.org/p/", true, 70, &r);
	assert_null(strstr(r.html, HTML_SUMMARY_MARK));
	assert_non_null(strstr(r.html, "href=\"https://x.org/a%3C!--more--%3Eb\""));
	free(r.html);
	free(r.summary);
	strbuf_release(&md);
	free(a);
	/* Nothing before the separator: the usual summary. */
	a = apply_with("<!--more-->\n\nAll of it.\n", &o);
	assert_int_equal(markdown_to_html(a, strlen(a), &md), 0);
	html_process(md.data, md.len, "https://example.org/p/", true, 70, &r);
	assert_false(r.split);
	assert_string_equal(r.summary, "All of it.");
	free(r.html);
	free(r.summary);
	strbuf_release(&md);
	free(a);
	assert_string_equal(report(), "");
}

/* post_to_html: the split gives the summary of a post without description. */
static void test_post_to_html_split(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	assert_non_null(dir);
	char *cfgpath = tu_write(dir, "feedcard.yaml",
				 "site:\n  title: T\n  url: https://example.org\nfeeds:\n  summary_separator: \"<!-- excerpt -->\"\n", 91);
	struct config cfg;
	tu_capture();
	int rc = config_load(cfgpath, &cfg);
	tu_release();
	assert_int_equal(rc, 0);
	assert_string_equal(cfg.summary_separator, "<!-- excerpt -->");
	char text[] = "---\ntitle: A\ndate: 2024-01-02\n---\nShort intro with {{< youtube abc >}}.\n\n<!-- excerpt -->\n\nThe rest of a long post.\n";
	struct post *p = post_parse("a.md", text, strlen(text), &cfg);
	assert_non_null(p);
	assert_int_equal(post_to_html(p, &cfg), 0);
	assert_string_equal(p->summary, "Short intro with https://www.youtube.com/watch?v=abc.");
	assert_non_null(strstr(p->html, "<a href=\"https://www.youtube.com/watch?v=abc\">"));
	assert_non_null(strstr(p->html, "The rest of a long post."));
	post_free(p);
	config_release(&cfg);
	free(cfgpath);
	tu_rmtree(dir);
	free(dir);
	assert_string_equal(report(), "");
}

static void test_hostile_linear(void **state)
{
	(void)state;
	/* Many openings without ends: still quick, and left as written. */
	size_t n = 1 << 20;
	char *big = xmalloc(n + 1);
	static const char *const units[] = { "{{< a \"", "{% raw %}", "{{ x", "{::comment}", "{%", "{{<" };
	for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
		size_t ul = strlen(units[u]), k = 0;
		while (k + ul <= n) {
			memcpy(big + k, units[u], ul);
			k += ul;
		}
		big[k] = '\0';
		struct gentext_opts o = opts();
		struct strbuf out = STRBUF_INIT;
		gentext_apply(big, k, &o, &out);
		strbuf_release(&out);
	}
	free(big);
	report();
}

int main(void)
{
	date_zone_parse("UTC", &utc);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_untouched),
		cmocka_unit_test(test_youtube_vimeo),
		cmocka_unit_test(test_gist_tweet_instagram),
		cmocka_unit_test(test_figure),
		cmocka_unit_test(test_highlight),
		cmocka_unit_test(test_ref_relref),
		cmocka_unit_test(test_links_to_posts),
		cmocka_unit_test(test_shortcode_percent_and_paired),
		cmocka_unit_test(test_unknown_shortcodes_one_warning),
		cmocka_unit_test(test_shortcode_args),
		cmocka_unit_test(test_escapes_and_code),
		cmocka_unit_test(test_liquid_tags),
		cmocka_unit_test(test_liquid_outputs),
		cmocka_unit_test(test_block_tags),
		cmocka_unit_test(test_kramdown),
		cmocka_unit_test(test_mdx),
		cmocka_unit_test(test_summary_mark),
		cmocka_unit_test(test_post_to_html_split),
		cmocka_unit_test(test_hostile_linear),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	date_zone_release(&utc);
	return rc;
}
