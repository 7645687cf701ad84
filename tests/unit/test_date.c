/* Unit tests for date: parsing RFC 3339 / ISO 8601 and formatting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "date.h"

static time_t parse_ok(const char *s, const struct date_zone *z)
{
	time_t t = 0;
	size_t col = 0;
	const char *why = NULL;
	assert_int_equal(date_parse(s, z, &t, &col, &why), 0);
	return t;
}

static void test_rfc3339_forms(void **state)
{
	(void)state;
	struct date_zone utc = { NULL, 0 };
	/* 2024-10-09T10:00:00Z is 1728468000 */
	assert_int_equal(parse_ok("2024-10-09T10:00:00Z", &utc), 1728468000);
	assert_int_equal(parse_ok("2024-10-09T10:00:00.000Z", &utc), 1728468000);
	assert_int_equal(parse_ok("2024-10-09T10:00Z", &utc), 1728468000);
	assert_int_equal(parse_ok("2024-10-09T12:00:00+02:00", &utc), 1728468000);
	assert_int_equal(parse_ok("2024-10-09T05:30:00-0430", &utc), 1728468000);
	assert_int_equal(parse_ok("2024-10-09 10:00:00", &utc), 1728468000);
	assert_int_equal(parse_ok("2024-10-09", &utc), 1728432000);
}

static void test_date_only_in_zone(void **state)
{
	(void)state;
	struct date_zone z;
	assert_int_equal(date_zone_parse("+02:00", &z), 0);
	assert_int_equal(parse_ok("2024-10-09", &z), 1728432000 - 7200);
	assert_int_equal(date_zone_parse("Europe/Berlin", &z), 0);
	/* Berlin is UTC+2 in October (summer time) and UTC+1 in January. */
	assert_int_equal(parse_ok("2024-10-09", &z), 1728432000 - 7200);
	assert_int_equal(parse_ok("2025-01-15", &z), 1736899200 - 3600);
	date_zone_release(&z);
	assert_int_equal(date_zone_parse("Mars/Olympus_Mons", &z), -1);
	assert_int_equal(date_zone_parse("../../etc/passwd", &z), -1);
}

static void test_bad_dates_point_at_the_problem(void **state)
{
	(void)state;
	struct date_zone utc = { NULL, 0 };
	struct {
		const char *s;
		size_t col;
	} cases[] = {
		{ "yesterday", 0 },	    { "2024-13-01", 5 },	  { "2024-02-30", 8 },
		{ "2023-02-29", 8 },	    { "2024-10-09T25:00:00Z", 11 }, { "2024-10-09T10:00:00Q", 19 },
		{ "24-10-09", 0 },	    { "2024/10/09", 4 },	  { "2024-10-09T10", 13 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		time_t t;
		size_t col = 99;
		const char *why = NULL;
		assert_int_equal(date_parse(cases[i].s, &utc, &t, &col, &why), -1);
		assert_non_null(why);
		assert_int_equal(col, cases[i].col);
	}
	/* A leap day in a leap year is fine. */
	assert_int_equal(parse_ok("2024-02-29", &utc), 1709164800);
}

/* The forms the generators' users write: Jekyll's offset without a colon,
 * no seconds, no zone, unpadded months, days and hours, a zone name. */
static void test_forms_people_write(void **state)
{
	(void)state;
	struct date_zone utc = { NULL, 0 }, ny;
	assert_int_equal(date_zone_parse("-05:00", &ny), 0);
	assert_int_equal(parse_ok("2024-10-09 05:00:00 -0500", &utc), 1728468000);
	assert_int_equal(parse_ok("2024-10-09 10:00:00 +0000", &utc), 1728468000);
	assert_int_equal(parse_ok("2024-10-09 12:00:00 +02:00", &utc), 1728468000);
	assert_int_equal(parse_ok("2024-10-09 10:00", &utc), 1728468000);
	assert_int_equal(parse_ok("2024-10-09T10:00", &utc), 1728468000);
	assert_int_equal(parse_ok("2024-10-09T10:00:00.123456789Z", &utc), 1728468000);
	assert_int_equal(parse_ok("2024-10-09T10:00:00,5+00:00", &utc), 1728468000);
	assert_int_equal(parse_ok("2024-10-09 10:00:00 UTC", &utc), 1728468000);
	assert_int_equal(parse_ok("2024-10-09 10:00:00 GMT", &ny), 1728468000);
	/* No zone: the site's. */
	assert_int_equal(parse_ok("2024-10-09 05:00", &ny), 1728468000);
	assert_int_equal(parse_ok("2024-10-09T05:00:00", &ny), 1728468000);
	/* Unpadded. */
	assert_int_equal(parse_ok("2015-7-1", &utc), parse_ok("2015-07-01", &utc));
	assert_int_equal(parse_ok("2024-10-9 5:00 -05:00", &utc), 1728468000);
	/* English month names, as Astro's templates write pubDate. */
	time_t jul8 = parse_ok("2022-07-08", &ny);
	assert_int_equal(parse_ok("Jul 08 2022", &ny), jul8);
	assert_int_equal(parse_ok("July 8, 2022", &ny), jul8);
	assert_int_equal(parse_ok("8 July 2022", &ny), jul8);
	assert_int_equal(parse_ok(" jul 8 2022 ", &ny), jul8);
	const char *bad[] = { "Jul 32 2022", "Feb 30 2022", "Julember 8 2022", "Jul 8", "Jul 8 2022 10:00" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		time_t t;
		size_t col;
		const char *why;
		if (date_parse(bad[i], &ny, &t, &col, &why) != -1)
			fail_msg("'%s' was taken", bad[i]);
	}
	date_zone_release(&ny);
}

/* A day-first date is an error that names the forms taken. */
static void test_day_first_is_named(void **state)
{
	(void)state;
	struct date_zone utc = { NULL, 0 };
	const char *cases[] = { "11-9-2017", "11/09/2017", "09.11.17", "1-1-2020 10:00" };
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		time_t t;
		size_t col = 99;
		const char *why = NULL;
		assert_int_equal(date_parse(cases[i], &utc, &t, &col, &why), -1);
		assert_int_equal(col, 0);
		assert_non_null(strstr(why, "the year must come first"));
		assert_non_null(strstr(why, "2021-03-04 10:00:00 -0500"));
	}
}

/* The date in a post's file or folder name. */
static void test_date_from_name(void **state)
{
	(void)state;
	struct date_zone utc = { NULL, 0 }, plus2;
	assert_int_equal(date_zone_parse("+02:00", &plus2), 0);
	time_t t = 0;
	assert_int_equal(date_from_name("_posts/2021-03-04-hello-world.md", &utc, &t), 10);
	assert_int_equal(t, parse_ok("2021-03-04", &utc));
	assert_int_equal(date_from_name("content/2021-03-04-slug/index.md", &utc, &t), 10);
	assert_int_equal(t, parse_ok("2021-03-04", &utc));
	assert_int_equal(date_from_name("2015-7-1-x.markdown", &utc, &t), 8);
	assert_int_equal(t, parse_ok("2015-07-01", &utc));
	assert_int_equal(date_from_name("a/2021-03-04.md", &plus2, &t), 10);
	assert_int_equal(t, parse_ok("2021-03-04", &utc) - 7200); /* midnight in the site's zone */
	t = 42;
	assert_int_equal(date_from_name("a/hello.md", &utc, &t), 0);
	assert_int_equal(date_from_name("a/2021-03-04x.md", &utc, &t), 0);
	assert_int_equal(date_from_name("a/2021-02-30-x.md", &utc, &t), 0);
	assert_int_equal(date_from_name("a/20210304-x.md", &utc, &t), 0);
	assert_int_equal(date_from_name("2021-03-04-slug/notes.md", &utc, &t), 0);
	assert_int_equal(date_from_name("index.md", &utc, &t), 0);
	assert_int_equal(t, 42); /* set only when found */
}

/* The date in a post's own path (Zola sites such as the Rust blog give
 * no date field, only path = "2023/12/15/slug"). */
static void test_date_from_url_path(void **state)
{
	(void)state;
	struct date_zone utc = { NULL, 0 };
	time_t t = 0;
	assert_int_equal(date_from_url_path("2023/12/15/2024-Edition-CFP", &utc, &t), 10);
	assert_int_equal(t, parse_ok("2023-12-15", &utc));
	assert_int_equal(date_from_url_path("/inside-rust/2020/6/9/x/", &utc, &t), 8);
	assert_int_equal(t, parse_ok("2020-06-09", &utc));
	assert_int_equal(date_from_url_path("/blog/2024/02/29", &utc, &t), 10);
	assert_int_equal(t, parse_ok("2024-02-29", &utc));
	t = 42;
	assert_int_equal(date_from_url_path("/blog/2023/02/29/x/", &utc, &t), 0); /* no such day */
	assert_int_equal(date_from_url_path("/blog/x2023/12/15/", &utc, &t), 0);  /* not a segment */
	assert_int_equal(date_from_url_path("/blog/2023/12/", &utc, &t), 0);
	assert_int_equal(date_from_url_path("/2023/12/15x/", &utc, &t), 0);
	assert_int_equal(date_from_url_path("", &utc, &t), 0);
	assert_int_equal(t, 42);
}

static void test_formats(void **state)
{
	(void)state;
	char buf[64];
	date_format_rfc3339(1728468000, buf, sizeof buf);
	assert_string_equal(buf, "2024-10-09T10:00:00Z");
	date_format_rfc822(1728468000, buf, sizeof buf);
	assert_string_equal(buf, "Wed, 09 Oct 2024 10:00:00 +0000");
	date_format_rfc822(0, buf, sizeof buf);
	assert_string_equal(buf, "Thu, 01 Jan 1970 00:00:00 +0000");
	date_format_rfc822(-86400, buf, sizeof buf);
	assert_string_equal(buf, "Wed, 31 Dec 1969 00:00:00 +0000");
	date_format_ymd(951782400, buf, sizeof buf); /* a century leap day */
	assert_string_equal(buf, "2000-02-29");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc3339_forms),
		cmocka_unit_test(test_date_only_in_zone),
		cmocka_unit_test(test_bad_dates_point_at_the_problem),
		cmocka_unit_test(test_forms_people_write),
		cmocka_unit_test(test_day_first_is_named),
		cmocka_unit_test(test_date_from_name),
		cmocka_unit_test(test_date_from_url_path),
		cmocka_unit_test(test_formats),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
