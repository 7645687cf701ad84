/* Unit tests for initperm: generators' URL patterns in feedcard's syntax.
 * Where feedcard may grow a placeholder ({title}, {filename},
 * {categories}, {section}), the expected pattern is the one for this
 * build: the translation takes the best placeholder url_permalink_valid
 * accepts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "initperm.h"
#include "url.h"

static bool known(const char *placeholder)
{
	size_t bad;
	return url_permalink_valid(placeholder, &bad);
}

/* True when this build reads the generators' own placeholders (:year,
 * :slug with Hugo's or Jekyll's meaning): patterns are then kept as written. */
static bool colons(void)
{
	size_t bad;
	return url_permalink_valid("/:year/", &bad) && !url_permalink_valid("/:no_such_placeholder/", &bad);
}

/* Translate and check the pattern, and whether a note was given. With a
 * build that reads the generators' placeholders, the pattern is kept (want
 * is then as_written: the pattern with its leading '/' and Hugo's trailing
 * one, and no note). */
static void check2(enum initgen_kind kind, const char *pattern, const char *section, bool ugly,
		   const char *want, bool want_todo, const char *as_written)
{
	if (colons()) {
		want = as_written;
		want_todo = false;
	}
	char *todo = NULL;
	char *got = initperm_translate(kind, pattern, section, ugly, &todo);
	assert_string_equal(got, want);
	if (want_todo)
		assert_non_null(todo);
	else
		assert_null(todo);
	size_t bad;
	assert_true(url_permalink_valid(got, &bad));
	free(got);
	free(todo);
}

/* The same where the pattern is already written as it will be kept. */
static void check(enum initgen_kind kind, const char *pattern, const char *section, bool ugly,
		  const char *want, bool want_todo)
{
	check2(kind, pattern, section, ugly, want, want_todo, pattern);
}

static void test_hugo(void **state)
{
	(void)state;
	check(INITGEN_HUGO, "/:year/:month/:slug/", "posts", false, "/{year}/{month}/{slug}/", false);
	/* digital.gov writes its patterns without the leading '/'. */
	check2(INITGEN_HUGO, ":year/:month/:day/:slug/", "news", false, "/{year}/{month}/{day}/{slug}/", false,
	       "/:year/:month/:day/:slug/");
	/* Hugo makes pretty URLs of a pattern without a trailing '/'... */
	check2(INITGEN_HUGO, "/:year/:slug", "posts", false, "/{year}/{slug}/", false, "/:year/:slug/");
	/* ... and NAME.html ones with uglyURLs. */
	check2(INITGEN_HUGO, "/:year/:slug", "posts", true, "/{year}/{slug}.html", false, "/:year/:slug.html");
	check(INITGEN_HUGO, "/:slugorfilename/", "posts", false, "/{slug}/", false);
	/* :section is the posts' own section when feedcard has no {section}. */
	check(INITGEN_HUGO, "/:section/:year/:slug/", "blog", false,
	      known("{section}") ? "/{section}/{year}/{slug}/" : "/blog/{year}/{slug}/", false);
	/* :title and :filename differ from {slug}: said, unless this build has them. */
	check(INITGEN_HUGO, "/:year/:title/", "posts", false,
	      known("{title}") ? "/{year}/{title}/" : "/{year}/{slug}/", !known("{title}"));
	check(INITGEN_HUGO, "/:year/:month/:contentbasename/", "blog", false,
	      known("{filename}") ? "/{year}/{month}/{filename}/" : "/{year}/{month}/{slug}/", !known("{filename}"));
	/* A placeholder feedcard has no equivalent for is left out, and said. */
	check(INITGEN_HUGO, "/:year/:monthname/:slug/", "posts", false, "/{year}/{slug}/", true);
	/* A pattern that does not name the post gets {slug}, and says so. */
	char *todo = NULL;
	char *got = initperm_translate(INITGEN_HUGO, "/:year/:weekday/", "posts", false, &todo);
	assert_string_equal(got, "/{year}/{slug}/");
	assert_non_null(todo);
	free(got);
	free(todo);
}

static void test_jekyll(void **state)
{
	(void)state;
	/* Jekyll's :title is the file name's slug or the `slug` field: feedcard's {slug}. */
	check(INITGEN_JEKYLL, "/news/:year/:month/:day/:title/", NULL, false, "/news/{year}/{month}/{day}/{slug}/", false);
	check(INITGEN_JEKYLL, "/:year/:month/:day/:title:output_ext", NULL, false,
	      "/{year}/{month}/{day}/{slug}.html", false);
	/* The built-in styles, with :categories when feedcard has it, else left out and said. */
	bool cats = known("{categories}");
	check2(INITGEN_JEKYLL, "date", NULL, false,
	       cats ? "/{categories}/{year}/{month}/{day}/{slug}.html" : "/{year}/{month}/{day}/{slug}.html", !cats,
	       "/:categories/:year/:month/:day/:title:output_ext");
	check2(INITGEN_JEKYLL, "pretty", NULL, false,
	       cats ? "/{categories}/{year}/{month}/{day}/{slug}/" : "/{year}/{month}/{day}/{slug}/", !cats,
	       "/:categories/:year/:month/:day/:title/");
	check2(INITGEN_JEKYLL, "none", NULL, false, cats ? "/{categories}/{slug}.html" : "/{slug}.html", !cats,
	       "/:categories/:title:output_ext");
	check(INITGEN_JEKYLL, "/blog/:i_month/:title/", NULL, false, "/blog/{slug}/", true);
	/* A colon that starts no placeholder is text. */
	check(INITGEN_JEKYLL, "/a:1/:title/", NULL, false, "/a:1/{slug}/", false);
}

static struct initgen_site site_of(enum initgen_kind kind, const char *base)
{
	struct initgen_site s;
	memset(&s, 0, sizeof s);
	s.kind = kind;
	s.content_base = (char *)base;
	s.config = (char *)"config";
	return s;
}

static void check_site(const struct initgen_site *s, const char *folder, bool nested, bool named,
		       const char *want, bool want_todo)
{
	struct initperm_posts p = { folder, nested, named };
	char *from = NULL, *todo = NULL;
	char *got = initperm_permalink(s, &p, &from, &todo);
	assert_string_equal(got, want);
	if (want_todo)
		assert_non_null(todo);
	else
		assert_null(todo);
	free(got);
	free(from);
	free(todo);
}

static void test_defaults(void **state)
{
	(void)state;
	struct initgen_site hugo = site_of(INITGEN_HUGO, "content");
	/* Hugo's own default, when this build reads it. */
	const char *hugo_default = "/:sections/:slugorcontentbasename/";
	check_site(&hugo, "content/posts", false, false, colons() ? hugo_default : "/posts/{slug}/", false);
	check_site(&hugo, "content", false, false, colons() ? hugo_default : "/{slug}/", false);
	/* Hugo keeps a date that starts a file name in the URL. */
	check_site(&hugo, "content/posts", false, true,
		   colons() ? hugo_default : known("{filename}") ? "/posts/{filename}/" : "/posts/{year}-{month}-{day}-{slug}/",
		   !colons() && !known("{filename}"));
	/* Year folders below the section are in Hugo's URLs, not in feedcard's {...}. */
	check_site(&hugo, "content/posts", true, false, colons() ? hugo_default : "/posts/{slug}/", !colons());
	hugo.date_from_filename = true;
	check_site(&hugo, "content/posts", false, true, colons() ? hugo_default : "/posts/{slug}/", false);
	struct initgen_pattern pat = { (char *)"posts", (char *)"/:year/:slug/", (char *)"hugo.toml" };
	hugo.patterns = &pat;
	hugo.n_patterns = 1;
	check_site(&hugo, "content/posts", true, false, colons() ? "/:year/:slug/" : "/{year}/{slug}/", false);
	check_site(&hugo, "content/notes", false, false, colons() ? hugo_default : "/notes/{slug}/", false);

	struct initgen_site zola = site_of(INITGEN_ZOLA, "content");
	check_site(&zola, "content/blog", false, true, "/blog/{slug}/", false);

	struct initgen_site jekyll = site_of(INITGEN_JEKYLL, ".");
	check_site(&jekyll, "_posts", false, true,
		   colons() ? "/:categories/:year/:month/:day/:title:output_ext"
		   : known("{categories}") ? "/{categories}/{year}/{month}/{day}/{slug}.html"
					   : "/{year}/{month}/{day}/{slug}.html",
		   !colons() && !known("{categories}"));

	struct initgen_site astro = site_of(INITGEN_ASTRO, "src/content");
	astro.route = (char *)"/blog/";
	astro.route_from = (char *)"src/pages/blog/[...slug].astro";
	check_site(&astro, "src/content/blog", false, false, "/blog/{slug}/", false);
	astro.route = NULL;
	check_site(&astro, "src/content/blog", false, false, "/{slug}/", true);

	struct initgen_site eleventy = site_of(INITGEN_ELEVENTY, "src");
	check_site(&eleventy, "src/posts", false, false, "/posts/{slug}/", true);

	struct initgen_site gatsby = site_of(INITGEN_GATSBY, ".");
	check_site(&gatsby, "content/blog", false, false, "/{slug}/", true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hugo),
		cmocka_unit_test(test_jekyll),
		cmocka_unit_test(test_defaults),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
