/* Unit tests for init and initgen: what counts as a dated post, and what is
 * read from each generator's config (the fixture sites under
 * tests/golden/init/, read in place). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "init.h"
#include "initgen.h"

static void test_dated_name(void **state)
{
	(void)state;
	assert_true(init_dated_name("2021-03-04-hello.md"));
	assert_true(init_dated_name("2015-7-1-unpadded.md"));
	assert_true(init_dated_name("2021-03-04_under.md"));
	assert_true(init_dated_name("2021-03-04"));
	assert_true(init_dated_name("2021-03-04.md"));
	assert_false(init_dated_name("2021-03-hello.md"));
	assert_false(init_dated_name("2021.md"));
	assert_false(init_dated_name("hello-2021-03-04.md"));
	assert_false(init_dated_name("2021-03-04x.md"));
	assert_false(init_dated_name(""));
}

static void test_dated_front_matter(void **state)
{
	(void)state;
	assert_true(init_has_dated_front_matter("---\ntitle: x\ndate: 2021-03-04\n---\nbody"));
	assert_true(init_has_dated_front_matter("\xEF\xBB\xBF\n\n---\r\ntitle: x\r\npubDate: 'Jul 08 2022'\r\n---\r\n"));
	assert_true(init_has_dated_front_matter("+++\ntitle = \"x\"\ndate = 2017-10-30T19:01:00Z\n+++\n"));
	assert_true(init_has_dated_front_matter("{\n  \"title\": \"x\",\n  \"date\": \"2021-03-04\"\n}\nbody"));
	/* A whole front matter indented by one space is valid YAML. */
	assert_true(init_has_dated_front_matter("---\n title: x\n publishDate: 2021-03-04\n---\n"));
	assert_true(init_has_dated_front_matter("---\nDate: 2021-03-04\n---\n"));
	/* Not dates: Jekyll's published flag, empty values, nested keys, body text. */
	assert_false(init_has_dated_front_matter("---\ntitle: x\npublished: false\n---\n"));
	assert_false(init_has_dated_front_matter("---\ntitle: x\ndate:\n---\n"));
	assert_false(init_has_dated_front_matter("---\ntitle: x\nmeta:\n  date: 2021-03-04\n---\n"));
	assert_false(init_has_dated_front_matter("---\ntitle: x\n---\ndate: 2021-03-04\n"));
	assert_false(init_has_dated_front_matter("---\ndates: 2021-03-04\n---\n"));
	assert_false(init_has_dated_front_matter("no front matter\ndate: 2021-03-04\n"));
	assert_false(init_has_dated_front_matter(""));
	/* A front matter that never closes is read to the end. */
	assert_true(init_has_dated_front_matter("---\ntitle: x\ndate: 2021-03-04"));
}

#define ASSERT_DIR(permalink, section, want)                 \
	do {                                                \
		char *got_ = init_feeds_dir(permalink, section); \
		assert_string_equal(got_, want);            \
		free(got_);                                 \
	} while (0)

static void test_feeds_dir(void **state)
{
	(void)state;
	ASSERT_DIR("/blog/{slug}/", "blog", "blog");
	ASSERT_DIR("/news/{year}/{month}/{day}/{slug}/", NULL, "news");
	ASSERT_DIR("/{year}/{month}/{slug}/", "posts", "");
	ASSERT_DIR("/a/b/{slug}/", NULL, "a/b");
	ASSERT_DIR("/posts/{year}-{month}-{day}-{slug}/", NULL, "posts");
	/* The generators' own placeholders end the fixed part too. */
	ASSERT_DIR("/articles/:year/:slug/", "articles", "articles");
	ASSERT_DIR("/:year/:month/:day/:title/", NULL, "");
	/* A pattern that starts with the section starts with the posts' section. */
	ASSERT_DIR("/:sections/:slugorcontentbasename/", "blog", "blog");
	ASSERT_DIR("/:section/:year/:slug/", "notes", "notes");
	ASSERT_DIR("/{section}/{slug}/", "notes", "notes");
	ASSERT_DIR("/:sections/:slug/", NULL, "");
	ASSERT_DIR("/:sectionsx/:slug/", "blog", "");
}

static char *fixture(const char *name)
{
	size_t n = strlen(FEEDCARD_TEST_SRC) + strlen(name) + 32;
	char *p = malloc(n);
	snprintf(p, n, "%s/tests/golden/init/%s", FEEDCARD_TEST_SRC, name);
	return p;
}

static struct initgen_site read_site(const char *name, enum initgen_kind want)
{
	char *dir = fixture(name);
	struct initgen_site s;
	assert_int_equal(initgen_read(dir, &s), 0);
	assert_int_equal(s.kind, want);
	free(dir);
	return s;
}

#define ASSERT_VALUE(v, want, from_want)                 \
	do {                                             \
		assert_non_null((v).value);              \
		assert_string_equal((v).value, want);    \
		assert_non_null((v).from);               \
		assert_string_equal((v).from, from_want); \
	} while (0)

static void test_read_jekyll(void **state)
{
	(void)state;
	struct initgen_site s = read_site("jekyll", INITGEN_JEKYLL);
	ASSERT_VALUE(s.title, "Jekyll Fixture", "_config.yml: title");
	ASSERT_VALUE(s.url, "https://jekyll.feedcard.test/blog", "_config.yml: url + baseurl");
	ASSERT_VALUE(s.language, "en-US", "_config.yml: lang");
	ASSERT_VALUE(s.timezone, "America/New_York", "_config.yml: timezone");
	ASSERT_VALUE(s.author, "Jay Kyll", "_config.yml: author");
	assert_string_equal(s.output.value, "_site");
	assert_string_equal(s.content_base, ".");
	assert_int_equal(s.n_patterns, 1);
	assert_string_equal(s.patterns[0].pattern, "/:year/:month/:day/:title/");
	initgen_release(&s);
}

static void test_read_hugo_yaml(void **state)
{
	(void)state;
	struct initgen_site s = read_site("hugo-yaml", INITGEN_HUGO);
	ASSERT_VALUE(s.title, "Hugo & YAML: a blog", "hugo.yaml: title");
	/* The trailing '/' goes; en-gb is written as BCP 47 wants it. */
	ASSERT_VALUE(s.url, "https://hugo-yaml.feedcard.test", "hugo.yaml: baseURL");
	ASSERT_VALUE(s.language, "en-GB", "hugo.yaml: languageCode");
	ASSERT_VALUE(s.author, "Sam Yaml", "hugo.yaml: params.author");
	assert_null(s.timezone.value);
	assert_string_equal(s.output.value, "public");
	assert_string_equal(s.content_base, "content");
	assert_int_equal(s.n_patterns, 0);
	initgen_release(&s);
}

static void test_read_toml(void **state)
{
	(void)state;
	struct initgen_site s = read_site("hugo-toml", INITGEN_HUGO);
	ASSERT_VALUE(s.title, "Ein Hugo-Blog", "hugo.toml: title");
	ASSERT_VALUE(s.url, "https://hugo-toml.feedcard.test", "hugo.toml: baseURL");
	ASSERT_VALUE(s.language, "de-DE", "hugo.toml: languageCode");
	ASSERT_VALUE(s.timezone, "Europe/Berlin", "hugo.toml: timeZone");
	ASSERT_VALUE(s.description, "Notes written with Hugo, TOML config", "hugo.toml: params.description");
	ASSERT_VALUE(s.author, "Jo Toml", "hugo.toml: params.author");
	assert_string_equal(s.candidates[0], "content/posts");
	assert_int_equal(s.n_patterns, 1);
	assert_string_equal(s.patterns[0].key, "posts");
	assert_string_equal(s.patterns[0].pattern, "/:year/:month/:slug/");
	assert_null(s.feeds);
	initgen_release(&s);

	/* config.toml with base_url is Zola's, not Hugo's. */
	s = read_site("zola", INITGEN_ZOLA);
	ASSERT_VALUE(s.title, "A Zola blog", "config.toml: title");
	ASSERT_VALUE(s.url, "https://zola.feedcard.test", "config.toml: base_url");
	ASSERT_VALUE(s.language, "fr", "config.toml: default_language");
	ASSERT_VALUE(s.author, "Zoé Zola", "config.toml: author");
	assert_string_equal(s.output.value, "public");
	/* generate_feeds: Zola writes atom.xml itself. */
	assert_non_null(s.feeds);
	assert_string_equal(s.feeds[0], "atom.xml");
	assert_null(s.feeds[1]);
	initgen_release(&s);
}

static void test_read_hugo_dir(void **state)
{
	(void)state;
	/* A config folder: the site config, a file per key, a language's file
	 * whose values win over the site's, as in Hugo. */
	struct initgen_site s = read_site("hugo-dir", INITGEN_HUGO);
	assert_string_equal(s.config, "config/_default/hugo.toml");
	ASSERT_VALUE(s.title, "A Hugo Site in a Config Folder", "config/_default/languages.en.toml: languages.en.title");
	ASSERT_VALUE(s.url, "https://hugo-dir.feedcard.test", "config/_default/hugo.toml: baseURL");
	ASSERT_VALUE(s.language, "en-AU", "config/_default/languages.en.toml: languages.en.languageCode");
	ASSERT_VALUE(s.description, "The language's own description",
		     "config/_default/languages.en.toml: languages.en.params.description");
	ASSERT_VALUE(s.author, "Dee Rectory", "config/_default/languages.en.toml: languages.en.params.author");
	ASSERT_VALUE(s.timezone, "Australia/Sydney", "config/_default/hugo.toml: timeZone");
	assert_string_equal(s.candidates[0], "content/articles");
	assert_string_equal(s.candidates_from, "config/_default/params.toml");
	assert_int_equal(s.n_patterns, 1);
	assert_string_equal(s.patterns[0].key, "articles");
	assert_string_equal(s.patterns[0].file, "config/_default/permalinks.yaml");
	initgen_release(&s);
}

static void test_read_js(void **state)
{
	(void)state;
	struct initgen_site s = read_site("astro", INITGEN_ASTRO);
	ASSERT_VALUE(s.title, "Astro \"Starlight\" Blog", "src/consts.ts: SITE_TITLE");
	/* The commented-out site is not read. */
	ASSERT_VALUE(s.url, "https://astro.feedcard.test", "astro.config.mjs: site");
	assert_string_equal(s.output.value, "dist");
	assert_non_null(s.candidates);
	assert_string_equal(s.candidates[0], "src/content/blog");
	assert_null(s.candidates[1]);
	assert_string_equal(s.route, "/blog/");
	initgen_release(&s);

	s = read_site("eleventy", INITGEN_ELEVENTY);
	ASSERT_VALUE(s.title, "Eleventy Base Blog", "src/_data/metadata.json: title");
	ASSERT_VALUE(s.url, "https://eleventy.feedcard.test", "src/_data/metadata.json: url");
	ASSERT_VALUE(s.author, "Your Name Here", "src/_data/metadata.json: author");
	ASSERT_VALUE(s.output, "dist", "eleventy.config.js: dir.output");
	assert_string_equal(s.content_base, "src");
	initgen_release(&s);

	s = read_site("gatsby", INITGEN_GATSBY);
	ASSERT_VALUE(s.title, "Gatsby Starter Blog", "gatsby-config.js: siteMetadata.title");
	ASSERT_VALUE(s.url, "https://gatsby.feedcard.test", "gatsby-config.js: siteMetadata.siteUrl");
	ASSERT_VALUE(s.author, "Kyle Mathews", "gatsby-config.js: siteMetadata.author.name");
	assert_null(s.author.todo);
	assert_string_equal(s.output.value, "public");
	initgen_release(&s);
}

static void test_read_unknown(void **state)
{
	(void)state;
	/* A folder with no generator config: nothing is read, and that is no error. */
	char *dir = fixture("gatsby/content");
	struct initgen_site s;
	assert_int_equal(initgen_read(dir, &s), 0);
	assert_int_equal(s.kind, INITGEN_UNKNOWN);
	assert_null(s.config);
	assert_null(s.title.value);
	assert_null(s.url.value);
	assert_string_equal(s.output.value, "out");
	initgen_release(&s);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dated_name),  cmocka_unit_test(test_dated_front_matter),
		cmocka_unit_test(test_feeds_dir),
		cmocka_unit_test(test_read_jekyll), cmocka_unit_test(test_read_hugo_yaml),
		cmocka_unit_test(test_read_toml),   cmocka_unit_test(test_read_hugo_dir),
		cmocka_unit_test(test_read_js),
		cmocka_unit_test(test_read_unknown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
