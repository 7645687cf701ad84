/* Unit tests for initjs: plain reading of JavaScript configs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "initjs.h"

/* The string at key (in object), or "<none>" / "<expr:TEXT>". */
static char *js(const char *src, const char *object, const char *key)
{
	char *expr = NULL;
	char *v = initjs_string(src, object, key, &expr);
	if (v)
		return v;
	size_t n = (expr ? strlen(expr) : 0) + 16;
	char *out = malloc(n);
	if (expr)
		snprintf(out, n, "<expr:%s>", expr);
	else
		snprintf(out, n, "<none>");
	free(expr);
	return out;
}

#define ASSERT_JS(src, object, key, want)            \
	do {                                         \
		char *got_ = js(src, object, key);   \
		assert_string_equal(got_, want);     \
		free(got_);                          \
	} while (0)

static void test_literals(void **state)
{
	(void)state;
	ASSERT_JS("export default defineConfig({ site: 'https://a.test', });", NULL, "site", "https://a.test");
	ASSERT_JS("x = { site: \"https://b.test\" }", NULL, "site", "https://b.test");
	ASSERT_JS("x = { site: `https://c.test` }", NULL, "site", "https://c.test");
	ASSERT_JS("x = { 'site': 'q' }", NULL, "site", "q");
	ASSERT_JS("export const SITE_TITLE = 'It\\'s mine';", NULL, "SITE_TITLE", "It's mine");
	/* Not a plain string: the expression is told, nothing is run. */
	ASSERT_JS("x = { site: process.env.SITE_URL, base: '/' }", NULL, "site", "<expr:process.env.SITE_URL>");
	ASSERT_JS("x = { path: `${__dirname}/content` }", NULL, "path", "<expr:`${__dirname}/content`>");
	ASSERT_JS("x = { other: 1 }", NULL, "site", "<none>");
}

static void test_comments_and_names(void **state)
{
	(void)state;
	/* Commented-out lines are not read; a URL's // inside a string is not a comment. */
	ASSERT_JS("// site: 'https://old.test',\n/* site: 'https://older.test' */\nsite: 'https://new.test/a//b'",
		  NULL, "site", "https://new.test/a//b");
	/* A longer name, a member access or a comparison is not the key. */
	ASSERT_JS("website: 'no', config.site = 'no2'; if (site == 'x') {}; site: 'yes'", NULL, "site", "yes");
	/* A string value equal to the key is not the key. */
	ASSERT_JS("a: 'site', site: 'v'", NULL, "site", "v");
}

static void test_objects(void **state)
{
	(void)state;
	const char *gatsby = "module.exports = {\n"
			     "  siteMetadata: {\n"
			     "    title: `Blog`,\n"
			     "    author: { name: `Kyle`, summary: `who` },\n"
			     "    social: { title: `not this` },\n"
			     "    siteUrl: `https://g.test/`,\n"
			     "  },\n"
			     "  plugins: [{ options: { title: 'plugin' } }],\n"
			     "}\n";
	ASSERT_JS(gatsby, "siteMetadata", "title", "Blog");
	ASSERT_JS(gatsby, "siteMetadata", "siteUrl", "https://g.test/");
	ASSERT_JS(gatsby, "siteMetadata", "author", "<expr:{ name: `Kyle`, summary: `who` }>");
	ASSERT_JS(gatsby, "author", "name", "Kyle");
	/* Only the object's own keys: summary is inside author. */
	ASSERT_JS(gatsby, "siteMetadata", "summary", "<none>");
	ASSERT_JS(gatsby, "nothere", "title", "<none>");
	char *inner = initjs_object(gatsby, "author");
	assert_non_null(inner);
	assert_string_equal(inner, " name: `Kyle`, summary: `who` ");
	free(inner);
	assert_null(initjs_object("x = { a: 1 }", "b"));
}

static void collect(void *ctx, const char *value)
{
	char *all = ctx;
	strcat(all, value);
	strcat(all, ";");
}

static void test_each(void **state)
{
	(void)state;
	char all[256] = "";
	initjs_each("const a = defineCollection({ loader: glob({ base: './src/a', pattern: '*.md' }) });\n"
		    "const b = defineCollection({ loader: glob({ base: \"./src/b\" }) });\n"
		    "// base: './src/c'\n"
		    "const c = defineCollection({ loader: glob({ base: dir }) });",
		    "base", collect, all);
	assert_string_equal(all, "./src/a;./src/b;");
}

static void test_hostile(void **state)
{
	(void)state;
	/* Unclosed strings, comments and objects end the search; no crash. */
	ASSERT_JS("site: 'https://a.test", NULL, "site", "<expr:'https://a.test>");
	ASSERT_JS("/* site: 'x'", NULL, "site", "<none>");
	ASSERT_JS("siteMetadata: { title: 'x'", "siteMetadata", "title", "<none>");
	ASSERT_JS("", NULL, "site", "<none>");
	ASSERT_JS("site:", NULL, "site", "<expr:>");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_literals), cmocka_unit_test(test_comments_and_names),
		cmocka_unit_test(test_objects),	 cmocka_unit_test(test_each),
		cmocka_unit_test(test_hostile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
