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
	/* Not a date prefix: kept. */
	ASSERT_STR_FREE(url_slug_from_path("p/2024-1-30-x.md"), "2024-1-30-x");
}

static void test_slugify(void **state)
{
	(void)state;
	ASSERT_STR_FREE(url_slugify("How-To"), "how-to");
	ASSERT_STR_FREE(url_slugify("  Cloud  Native & K8s!"), "cloud-native-k8s");
	ASSERT_STR_FREE(url_slugify("Sécurité"), "sécurité");
	ASSERT_STR_FREE(url_slugify("日本語"), "日本語");
	ASSERT_STR_FREE(url_slugify("!!!"), "");
}

static void test_permalink(void **state)
{
	(void)state;
	ASSERT_STR_FREE(url_permalink("/blog/{year}/{month}/{day}/{slug}/", "x", 1728468000, 0), "/blog/2024/10/09/x/");
	/* 23:30 UTC on the 9th is the 10th in UTC+2. */
	ASSERT_STR_FREE(url_permalink("/{year}-{month}-{day}/{slug}", "y", 1728516600, 7200), "/2024-10-10/y");
	size_t at;
	assert_true(url_permalink_valid("/blog/{slug}/", &at));
	assert_false(url_permalink_valid("/blog/{title}/", &at));
	assert_int_equal(at, 6);
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
		cmocka_unit_test(test_permalink),      cmocka_unit_test(test_join_and_escape),
		cmocka_unit_test(test_resolve),	       cmocka_unit_test(test_host_and_safety),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
