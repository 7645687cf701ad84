/* Unit tests for url: slugs, permalinks, joining and resolution. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>

#include "url.h"

#define ASSERT_STR_FREE(expr, want)                  \
	do {                                         \
		char *got_ = (expr);                 \
		assert_string_equal(got_, want);     \
		free(got_);                          \
	} while (0)

static void test_slug_from_path(void **state)
{
	(void)state;
	ASSERT_STR_FREE(url_slug_from_path("posts/2024-10-09-ebpf-summit-wrap-up/index.md"), "ebpf-summit-wrap-up");
	ASSERT_STR_FREE(url_slug_from_path("posts/2025-03-01-Link-Elsewhere.md"), "link-elsewhere");
	ASSERT_STR_FREE(url_slug_from_path("posts/about.md"), "about");
	ASSERT_STR_FREE(url_slug_from_path("b/2024-01-30-Introduction0-à-l’eBPF/index.md"), "introduction0-à-l’ebpf");
	/* Jekyll's file names: any post extension, unpadded dates. */
	ASSERT_STR_FREE(url_slug_from_path("_posts/2021-03-04-hello-world.markdown"), "hello-world");
	ASSERT_STR_FREE(url_slug_from_path("_posts/2015-7-1-x.md"), "x");
	ASSERT_STR_FREE(url_slug_from_path("p/2024-1-30-x.mdx"), "x");
	ASSERT_STR_FREE(url_slug_from_path("p/page.html"), "page");
	ASSERT_STR_FREE(url_slug_from_path("2021-03-04-hello/index.html"), "hello");
	ASSERT_STR_FREE(url_slug_from_path("index.md"), "index");
	/* Not a date prefix: kept. */
	ASSERT_STR_FREE(url_slug_from_path("p/2024-100-30-x.md"), "2024-100-30-x");
	ASSERT_STR_FREE(url_slug_from_path("p/1-2-3-x.md"), "1-2-3-x");
	ASSERT_STR_FREE(url_slug_from_path("p/2024-10-09.md"), "2024-10-09");
	ASSERT_STR_FREE(url_slug_from_path("p/2024-10-09-.md"), "2024-10-09-");
	ASSERT_STR_FREE(url_slug_from_path("p/notes.txt"), "notes.txt");
	assert_int_equal(url_date_prefix("2021-03-04-x"), 11);
	assert_int_equal(url_date_prefix("21-3-4-x"), 7);
	assert_int_equal(url_date_prefix("2021-03-04x"), 0);
	assert_int_equal(url_date_prefix("20210-03-04-x"), 0);
	size_t n;
	const char *path = "c/blog/my-post/index.mdx";
	const char *stem = url_file_stem(path, &n);
	assert_int_equal(n, 7);
	assert_int_equal(stem - path, 7);
}

static void test_slugify(void **state)
{
	(void)state;
	ASSERT_STR_FREE(url_slugify("How-To"), "how-to");
	ASSERT_STR_FREE(url_slugify("  Cloud  Native & K8s!"), "cloud-native-k8s");
	ASSERT_STR_FREE(url_slugify("Sécurité"), "sécurité");
	ASSERT_STR_FREE(url_slugify("日本語"), "日本語");
	ASSERT_STR_FREE(url_slugify("!!!"), "");
	/* Hugo's urlize: spaces a '-', other marks dropped, some kept. */
	ASSERT_STR_FREE(url_urlize("Hello, World!"), "hello-world");
	ASSERT_STR_FREE(url_urlize("Go 2: Contracts - Too Far"), "go-2-contracts-too-far");
	ASSERT_STR_FREE(url_urlize("C++ & v1.2_x~"), "c++-v1.2_x~");
	ASSERT_STR_FREE(url_urlize("  Élan  vital "), "élan-vital");
	ASSERT_STR_FREE(url_urlize("a -b - c"), "a-b-c");
}

/* A post dated 2024-10-09 08:05:03 UTC (a Wednesday, day 283). */
static struct url_vars vars(bool jekyll)
{
	static char c1[] = "Release Notes", c2[] = "News", c3[] = "news";
	static char *const cats[] = { c1, c2, c3, NULL };
	return (struct url_vars){
		.slug = "feedcard-slug",
		.slug_field = NULL,
		.title = "Hello, World: Part 2",
		.stem = "2024-10-09-Hello-World",
		.sections = "blog/2024",
		.categories = cats,
		.date = 1728461103,
		.offset = 0,
		.jekyll = jekyll,
	};
}

#define PL(pattern, v, want) ASSERT_STR_FREE(url_permalink(pattern, v), want)

static void test_permalink_dates(void **state)
{
	(void)state;
	struct url_vars v = vars(false);
	PL("/blog/{year}/{month}/{day}/{slug}/", &v, "/blog/2024/10/09/feedcard-slug/");
	PL("/:year/:month/:day/", &v, "/2024/10/09/");
	PL("/:i_month/:i_day/:short_year/", &v, "/10/9/24/");
	PL("/:hour-:minute-:second/", &v, "/08-05-03/");
	PL("/{hour}{minute}{second}/", &v, "/080503/");
	PL("/:y_day/:yearday/", &v, "/283/283/");
	PL("/:monthname/:short_month/:long_month/", &v, "/October/Oct/October/");
	PL("/:weekday/:weekdayname/:short_day/:long_day/", &v, "/3/Wednesday/Wed/Wednesday/");
	PL("/W:week/", &v, "/W41/");
	v.date = 1704067200; /* 2024-01-01, a Monday of ISO week 1 */
	PL("/:y_day/:yearday/:i_month/:week/:weekday/", &v, "/001/1/1/01/1/");
	/* 23:30 UTC on the 9th is the 10th in UTC+2. */
	v.date = 1728516600;
	v.offset = 7200;
	PL("/{year}-{month}-{day}/{slug}", &v, "/2024-10-10/feedcard-slug");
	PL("/:year-:month-:day/:hour/", &v, "/2024-10-10/01/");
	/* Before 1970, the day of the year still counts from 1 January. */
	v.date = -86400 * 365 + 86400 * 40; /* 1969-02-10 */
	v.offset = 0;
	PL("/:year/:y_day/", &v, "/1969/041/");
}

static void test_permalink_names(void **state)
{
	(void)state;
	/* Hugo: :title and :slug from the title, :filename the stem. */
	struct url_vars h = vars(false);
	PL("/:title/", &h, "/hello-world-part-2/");
	PL("/:slug/", &h, "/hello-world-part-2/");
	PL("/{slug}/", &h, "/feedcard-slug/");
	PL("/:filename/", &h, "/2024-10-09-hello-world/");
	PL("/:contentbasename/", &h, "/2024-10-09-hello-world/");
	PL("/:slugorfilename/", &h, "/2024-10-09-hello-world/");
	PL("/:slugorcontentbasename/", &h, "/2024-10-09-hello-world/");
	PL("/:section/:sections/", &h, "/blog/blog/2024/");
	h.slug_field = "My Slug";
	PL("/:slug/:slugorcontentbasename/:title/", &h, "/my-slug/my-slug/hello-world-part-2/");
	h.sections = "";
	PL("/:section/x/", &h, "/x/");
	/* Jekyll: :title the file name's title as written (or the slug
	 * field), :slug slugified, :name the whole stem. */
	struct url_vars j = vars(true);
	PL("/:title/", &j, "/Hello-World/");
	PL("/:slug/", &j, "/hello-world/");
	PL("/:name/", &j, "/2024-10-09-hello-world/");
	PL("/{title}/", &j, "/Hello-World/");
	j.slug_field = "It's (v2.0)!";
	PL("/:title/", &j, "/It's-(v2.0)!/");
	PL("/:slug/", &j, "/it-s-v2-0/");
	/* Categories: lowercased once each (slugified on demand), joined by
	 * '/'; none leaves no "//". */
	PL("/:categories/:title/", &j, "/release notes/news/It's-(v2.0)!/");
	PL("/:slugified_categories/", &j, "/release-notes/news/");
	j.categories = NULL;
	PL("/:categories/:year/:month/:day/:title:output_ext", &j, "/2024/10/09/It's-(v2.0)!.html");
}

static void test_permalink_patterns(void **state)
{
	(void)state;
	size_t at;
	assert_true(url_permalink_valid("/blog/{slug}/", &at));
	assert_true(url_permalink_valid("/:year/:month/:contentbasename/", &at));
	assert_true(url_permalink_valid("/a:1/:/x/", &at)); /* a ':' without a name is text */
	assert_false(url_permalink_valid("/blog/{titles}/", &at));
	assert_int_equal(at, 6);
	assert_false(url_permalink_valid("/blog/:nope/", &at));
	assert_int_equal(at, 6);
	assert_false(url_permalink_valid("/{year/", &at));
	assert_int_equal(at, 1);
	assert_true(url_permalink_names_post("/:year/:title/"));
	assert_true(url_permalink_names_post("/{slug}/"));
	assert_true(url_permalink_names_post("/:slugorcontentbasename/"));
	assert_false(url_permalink_names_post("/:year/:month/:categories/"));
	assert_false(url_permalink_names_post("/:titles/"));
	/* Jekyll's named styles. */
	assert_string_equal(url_permalink_style("date"), "/:categories/:year/:month/:day/:title:output_ext");
	assert_string_equal(url_permalink_style("pretty"), "/:categories/:year/:month/:day/:title/");
	assert_string_equal(url_permalink_style("ordinal"), "/:categories/:year/:y_day/:title:output_ext");
	assert_string_equal(url_permalink_style("none"), "/:categories/:title:output_ext");
	assert_non_null(url_permalink_style("weekdate"));
	assert_null(url_permalink_style("/:title/"));
	struct url_vars j = vars(true);
	PL(url_permalink_style("pretty"), &j, "/release notes/news/2024/10/09/Hello-World/");
	PL(url_permalink_style("ordinal"), &j, "/release notes/news/2024/283/Hello-World.html");
	PL(url_permalink_style("weekdate"), &j, "/release notes/news/2024/W41/Wed/Hello-World.html");
	PL(url_permalink_style("none"), &j, "/release notes/news/Hello-World.html");
}

static void test_join_and_escape(void **state)
{
	(void)state;
	ASSERT_STR_FREE(url_join("https://ebpf.io", "/blog/x/"), "https://ebpf.io/blog/x/");
	ASSERT_STR_FREE(url_join("https://ebpf.io/", "blog/x/"), "https://ebpf.io/blog/x/");
	ASSERT_STR_FREE(url_join("https://ebpf.io", "/blog/à l’x/"), "https://ebpf.io/blog/%C3%A0%20l%E2%80%99x/");
}

static void test_resolve(void **state)
{
	(void)state;
	const char *base = "https://ebpf.io/blog/2024/10/09/post/";
	ASSERT_STR_FREE(url_resolve("img.png", base), "https://ebpf.io/blog/2024/10/09/post/img.png");
	ASSERT_STR_FREE(url_resolve("../other/", base), "https://ebpf.io/blog/2024/10/09/other/");
	ASSERT_STR_FREE(url_resolve("/summit-2024/", base), "https://ebpf.io/summit-2024/");
	ASSERT_STR_FREE(url_resolve("#part", base), "https://ebpf.io/blog/2024/10/09/post/#part");
	ASSERT_STR_FREE(url_resolve("https://x.org/a", base), "https://x.org/a");
	ASSERT_STR_FREE(url_resolve("//cdn.x.org/a.js", base), "https://cdn.x.org/a.js");
	ASSERT_STR_FREE(url_resolve("my pic.png", base), "https://ebpf.io/blog/2024/10/09/post/my%20pic.png");
}

static void test_host_and_safety(void **state)
{
	(void)state;
	ASSERT_STR_FREE(url_host("https://ebpf.io/blog/"), "ebpf.io");
	assert_null(url_host("not a url"));
	assert_true(url_is_absolute_http("https://ebpf.io"));
	assert_false(url_is_absolute_http("/blog/"));
	assert_false(url_is_absolute_http("ftp://x.org/"));
	assert_true(url_path_safe("/blog/2024/x/"));
	assert_false(url_path_safe("/blog/../../etc/"));
	assert_false(url_path_safe("/blog/%2e%2e/x"));
	assert_false(url_path_safe("/blog/%2E%2E/x"));
	assert_false(url_path_safe("a\\b"));
	assert_true(url_path_safe("/blog/x..y/"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slug_from_path), cmocka_unit_test(test_slugify),
		cmocka_unit_test(test_permalink_dates),
		cmocka_unit_test(test_permalink_names),
		cmocka_unit_test(test_permalink_patterns),      cmocka_unit_test(test_join_and_escape),
		cmocka_unit_test(test_resolve),	       cmocka_unit_test(test_host_and_safety),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
