/* Unit tests for feed_xml, the libxml2 glue of the RSS and Atom writers:
 * the bytes the writer makes, libxml2's escaping, the kept escaped HTML of
 * a post, and the version string. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>

#include "feed_xml.h"
#include "testutil.h"

static void test_escape(void **state)
{
	(void)state;
	char *e = feed_xml_escape("a<b>&\"c\r\n'd é");
	assert_string_equal(e, "a&lt;b&gt;&amp;&quot;c&#13;\n'd é");
	/* Escaped twice: HTML text inside XML, as Atom's summary. */
	char *twice = feed_xml_escape(e);
	assert_string_equal(twice, "a&amp;lt;b&amp;gt;&amp;amp;&amp;quot;c&amp;#13;\n'd é");
	free(twice);
	free(e);
	e = feed_xml_escape("");
	assert_string_equal(e, "");
	free(e);
}

/* Every call of the writer, and the bytes they make. */
static void test_writer(void **state)
{
	(void)state;
	struct feed_out out = { STRBUF_INIT, NULL, NULL, false };
	struct feed_xml x;
	feed_xml_begin(&x, &out);
	feed_xml_open(&x, "feed");
	feed_xml_attr(&x, "href", "https://ex.org/?a=1&b=\"2\"");
	feed_xml_element(&x, "title", "Tom & <Jerry>");
	feed_xml_open(&x, "id");
	feed_xml_text(&x, "x<y");
	feed_xml_close(&x);
	feed_xml_open(&x, "content");
	feed_xml_raw(&x, "&lt;p&gt;");
	feed_xml_close(&x);
	feed_xml_close(&x);
	feed_xml_end(&x);
	assert_null(x.w);
	assert_string_equal(strbuf_str(&out.buf),
			    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			    "<feed href=\"https://ex.org/?a=1&amp;b=&quot;2&quot;\">\n"
			    "  <title>Tom &amp; &lt;Jerry&gt;</title>\n"
			    "  <id>x&lt;y</id>\n"
			    "  <content>&lt;p&gt;</content>\n"
			    "</feed>\n");
	strbuf_release(&out.buf);
}

/* A post's escaped HTML is kept while the budget lasts, then escaped per
 * call with a copy for the caller. */
static void test_item_html(void **state)
{
	(void)state;
	char html[] = "<p>a & b</p>";
	struct post p;
	memset(&p, 0, sizeof p);
	p.html = html;
	atomic_init(&p.html_xml, NULL);
	atomic_size_t budget;
	atomic_init(&budget, 100);
	struct feed f;
	memset(&f, 0, sizeof f);
	f.xml_budget = &budget;

	char *owned = (char *)"unset";
	const char *a = feed_xml_item_html(&f, &p, &owned);
	assert_string_equal(a, "&lt;p&gt;a &amp; b&lt;/p&gt;");
	assert_null(owned);
	assert_ptr_equal(a, atomic_load(&p.html_xml));
	assert_int_equal(atomic_load(&budget), 100 - strlen(a) - 1);
	/* The second feed showing the post gets the same copy. */
	assert_ptr_equal(feed_xml_item_html(&f, &p, &owned), a);
	assert_null(owned);
	free(atomic_exchange(&p.html_xml, NULL));

	/* Past the budget: a copy of the caller's own, nothing kept. */
	atomic_store(&budget, 5);
	const char *b = feed_xml_item_html(&f, &p, &owned);
	assert_string_equal(b, "&lt;p&gt;a &amp; b&lt;/p&gt;");
	assert_ptr_equal(b, owned);
	assert_null(atomic_load(&p.html_xml));
	assert_int_equal(atomic_load(&budget), 5);
	free(owned);
	/* No budget at all: the same. */
	f.xml_budget = NULL;
	b = feed_xml_item_html(&f, &p, &owned);
	assert_ptr_equal(b, owned);
	assert_null(atomic_load(&p.html_xml));
	free(owned);
}

static void test_version(void **state)
{
	(void)state;
	char v[32];
	feed_xml_version(v, sizeof v);
	/* "2.9.14": three numbers, the first 2 (libxml2 2.x) */
	unsigned a, b, c;
	char end;
	assert_int_equal(sscanf(v, "%u.%u.%u%c", &a, &b, &c, &end), 3);
	assert_int_equal(a, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_writer),
		cmocka_unit_test(test_item_html),
		cmocka_unit_test(test_version),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
