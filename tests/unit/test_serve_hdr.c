/* Unit tests for serve_hdr: request paths and the traversal rules,
 * Accept-Encoding, If-None-Match, HTTP dates and log escaping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "serve_hdr.h"
#include "strbuf.h"

static void path_ok(const char *raw, const char *want)
{
	char *key = NULL;
	const char *why = NULL;
	assert_int_equal(serve_hdr_path(raw, &key, &why), 0);
	assert_string_equal(key, want);
	free(key);
}

static void path_bad(const char *raw, const char *want_why)
{
	char *key = NULL;
	const char *why = NULL;
	assert_int_equal(serve_hdr_path(raw, &key, &why), -1);
	assert_null(key);
	assert_string_equal(why, want_why);
}

static void test_path(void **state)
{
	(void)state;
	path_ok("/", "");
	path_ok("/blog/rss.xml", "blog/rss.xml");
	path_ok("/blog/", "blog/");
	path_ok("/blog/caf%C3%A9/x%20y", "blog/café/x y");
	path_ok("/blog/x..y/", "blog/x..y/");
	path_ok("/blog/%25", "blog/%");

	path_bad("/../etc/passwd", "dot segment");
	path_bad("/blog/..", "dot segment");
	path_bad("/blog/./rss.xml", "dot segment");
	path_bad("/%2e%2e/etc/passwd", "dot segment");
	path_bad("/%2E%2E/etc/passwd", "dot segment");
	path_bad("/blog/..%2f..%2fetc/passwd", "dot segment");
	path_bad("/.%2e/x", "dot segment");
	path_bad("//etc/passwd", "empty path segment");
	path_bad("/blog//rss.xml", "empty path segment");
	path_bad("etc/passwd", "not a path starting with '/'");
	path_bad("http://evil.example/x", "not a path starting with '/'");
	path_bad("", "not a path starting with '/'");
	path_bad("/blog/rss.xml%00.jpg", "NUL byte");
	path_bad("/a%0d%0aSet-Cookie:x", "control character");
	path_bad("/a\tb", "control character");
	path_bad("/a%7f", "control character");
	path_bad("/..\\..\\x", "backslash");
	path_bad("/%5c..%5cx", "backslash");
	path_bad("/%zz", "malformed %-escape");
	path_bad("/%4", "malformed %-escape");
	path_bad("/%", "malformed %-escape");

	char longest[SERVE_HDR_MAX_PATH + 2];
	memset(longest, 'a', sizeof longest);
	longest[0] = '/';
	longest[SERVE_HDR_MAX_PATH] = '\0';
	char *key;
	const char *why;
	assert_int_equal(serve_hdr_path(longest, &key, &why), 0);
	free(key);
	longest[SERVE_HDR_MAX_PATH] = 'a';
	longest[SERVE_HDR_MAX_PATH + 1] = '\0';
	path_bad(longest, "path too long");
}

static void test_accepts(void **state)
{
	(void)state;
	assert_false(serve_hdr_accepts(NULL, "gzip"));
	assert_false(serve_hdr_accepts("", "gzip"));
	assert_true(serve_hdr_accepts("gzip", "gzip"));
	assert_true(serve_hdr_accepts("deflate, gzip, br", "gzip"));
	assert_true(serve_hdr_accepts("GZIP", "gzip"));
	assert_true(serve_hdr_accepts("x-gzip", "gzip"));
	assert_true(serve_hdr_accepts("gzip;q=0.5", "gzip"));
	assert_true(serve_hdr_accepts("gzip ; q=1.0", "gzip"));
	assert_false(serve_hdr_accepts("gzip;q=0", "gzip"));
	assert_false(serve_hdr_accepts("gzip; q=0.000", "gzip"));
	assert_true(serve_hdr_accepts("gzip;q=0.001", "gzip"));
	assert_false(serve_hdr_accepts("identity", "gzip"));
	assert_false(serve_hdr_accepts("gzipper", "gzip"));
	assert_true(serve_hdr_accepts("*", "gzip"));
	assert_false(serve_hdr_accepts("*;q=0", "gzip"));
	assert_false(serve_hdr_accepts("gzip;q=0, *", "gzip"));
	assert_true(serve_hdr_accepts("br, *;q=0.1", "gzip"));
}

static void test_etag_match(void **state)
{
	(void)state;
	const char *e = "\"0123456789abcdef\"";
	assert_false(serve_hdr_etag_match(NULL, e));
	assert_true(serve_hdr_etag_match("\"0123456789abcdef\"", e));
	assert_true(serve_hdr_etag_match("W/\"0123456789abcdef\"", e));
	assert_true(serve_hdr_etag_match("\"x\", \"0123456789abcdef\"", e));
	assert_true(serve_hdr_etag_match("\"a,b\",\"0123456789abcdef\"", e));
	assert_true(serve_hdr_etag_match("*", e));
	assert_false(serve_hdr_etag_match("\"0123456789abcdef-gz\"", e));
	assert_false(serve_hdr_etag_match("0123456789abcdef", e));
	assert_false(serve_hdr_etag_match("\"0123456789abcde", e));
	assert_false(serve_hdr_etag_match("", e));
}

static void test_dates(void **state)
{
	(void)state;
	time_t t;
	char buf[40];
	assert_int_equal(serve_hdr_parse_date("Sun, 06 Nov 1994 08:49:37 GMT", &t), 0);
	assert_int_equal((long long)t, 784111777LL);
	assert_int_equal(serve_hdr_parse_date("Sunday, 06-Nov-94 08:49:37 GMT", &t), 0);
	assert_int_equal((long long)t, 784111777LL);
	assert_int_equal(serve_hdr_parse_date("Sun Nov  6 08:49:37 1994", &t), 0);
	assert_int_equal((long long)t, 784111777LL);
	serve_hdr_format_date(784111777, buf, sizeof buf);
	assert_string_equal(buf, "Sun, 06 Nov 1994 08:49:37 GMT");
	serve_hdr_format_date(1893456000, buf, sizeof buf);
	assert_string_equal(buf, "Tue, 01 Jan 2030 00:00:00 GMT");
	assert_int_equal(serve_hdr_parse_date(buf, &t), 0);
	assert_int_equal((long long)t, 1893456000LL);

	assert_int_equal(serve_hdr_parse_date("", &t), -1);
	assert_int_equal(serve_hdr_parse_date("yesterday", &t), -1);
	assert_int_equal(serve_hdr_parse_date("Sun, 06 Nov 1994 08:49:37 GMT trailing", &t), -1);
	assert_int_equal(serve_hdr_parse_date("Sun, 06 Foo 1994 08:49:37 GMT", &t), -1);
	assert_int_equal(serve_hdr_parse_date("Sun, 32 Nov 1994 08:49:37 GMT", &t), -1);
	assert_int_equal(serve_hdr_parse_date("Sun, 06 Nov 1994 25:49:37 GMT", &t), -1);
	assert_int_equal(serve_hdr_parse_date("2024-10-09T10:00:00Z", &t), -1);
}

static void test_log_escape(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	serve_hdr_log_escape(&sb, "/a b\r\n\"x\"\\\x01\xc3\xa9", 100);
	assert_string_equal(strbuf_str(&sb), "/a b\\x0D\\x0A\\x22x\\x22\\x5C\\x01\\xC3\\xA9");
	strbuf_reset(&sb);
	serve_hdr_log_escape(&sb, "abcdef", 3);
	assert_string_equal(strbuf_str(&sb), "abc...");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path),	  cmocka_unit_test(test_accepts), cmocka_unit_test(test_etag_match),
		cmocka_unit_test(test_dates),	  cmocka_unit_test(test_log_escape),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
