/* Unit tests for frontmatter (YAML, TOML and JSON splitting) and for
 * post_parse reading each format. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "config.h"
#include "frontmatter.h"
#include "post.h"
#include "testutil.h"
#include "xalloc.h"

static struct frontmatter fm;

/* Split t; the front matter's text and the body must be as given. */
static void split(const char *t, enum frontmatter_format format, const char *text, int text_line,
		  const char *body, int body_line)
{
	tu_capture();
	int rc = frontmatter_split("f.md", t, strlen(t), &fm);
	tu_release();
	if (rc != 0)
		fail_msg("split failed: %s", strbuf_str(&tu_msgs));
	assert_int_equal(fm.format, format);
	char *got = xstrndup(t + fm.text_off, fm.text_len);
	if (strcmp(got, text) != 0)
		fail_msg("front matter: got '%s', want '%s'", got, text);
	free(got);
	assert_string_equal(t + fm.body_off, body);
	assert_int_equal(fm.text_line, text_line);
	assert_int_equal(fm.body_line, body_line);
}

static void test_formats(void **state)
{
	(void)state;
	split("---\ntitle: x\n---\nbody\n", FRONTMATTER_YAML, "title: x\n", 2, "body\n", 4);
	split("+++\ntitle = 'x'\n+++\nbody\n", FRONTMATTER_TOML, "title = 'x'\n", 2, "body\n", 4);
	split("{\"title\": \"x\",\n \"n\": {\"a\": \"}\"}}\nbody\n", FRONTMATTER_JSON,
	      "{\"title\": \"x\",\n \"n\": {\"a\": \"}\"}}", 1, "body\n", 3);
	assert_false(fm.unterminated);
	/* Blanks after the closing brace belong to its line; text does not. */
	split("{\"a\": 1}  \r\n\nbody", FRONTMATTER_JSON, "{\"a\": 1}", 1, "\nbody", 2);
	split("{\"a\": 1} body", FRONTMATTER_JSON, "{\"a\": 1}", 1, " body", 1);
	/* A fence of one format does not close another. */
	split("+++\na = '---'\n---\n+++\nb\n", FRONTMATTER_TOML, "a = '---'\n---\n", 2, "b\n", 5);
	split("---\na: 1\n+++\n---\nb\n", FRONTMATTER_YAML, "a: 1\n+++\n", 2, "b\n", 5);
	/* YAML's end-of-document marker closes YAML (Jekyll takes it). */
	split("---\na: 1\n...\nb\n", FRONTMATTER_YAML, "a: 1\n", 2, "b\n", 4);
	/* No front matter: all of it is the body, from the first non-blank line. */
	split("# Title\n\ntext\n", FRONTMATTER_NONE, "", 1, "# Title\n\ntext\n", 1);
	split("\n\nx\n", FRONTMATTER_NONE, "", 3, "x\n", 3);
	split("", FRONTMATTER_NONE, "", 1, "", 1);
	split("\xEF\xBB\xBF", FRONTMATTER_NONE, "", 1, "", 1);
	split("-- -\n", FRONTMATTER_NONE, "", 1, "-- -\n", 1);
}

/* What real files carry before and around the fences. */
static void test_messy_fences(void **state)
{
	(void)state;
	/* A BOM, then blank lines (some with blanks and CR) before the fence. */
	split("\xEF\xBB\xBF\n  \r\n\t\n---\ntitle: x\n---\nb", FRONTMATTER_YAML, "title: x\n", 5, "b", 7);
	split("\xEF\xBB\xBF\r\n+++\r\ntitle = 'x'\r\n+++\r\nb\r\n", FRONTMATTER_TOML, "title = 'x'\r\n", 3,
	      "b\r\n", 5);
	split("\xEF\xBB\xBF\n\n  {\"a\": 1}\nb", FRONTMATTER_JSON, "{\"a\": 1}", 3, "b", 4);
	/* CRLF everywhere, trailing blanks on the fences. */
	split("--- \t\r\ntitle: x\r\n---  \r\nb\r\n", FRONTMATTER_YAML, "title: x\r\n", 2, "b\r\n", 4);
	split("+++ \r\na = 1\r\n+++\t\r\n", FRONTMATTER_TOML, "a = 1\r\n", 2, "", 4);
	/* The closing fence as the last line, without a line end. */
	split("---\na: 1\n---", FRONTMATTER_YAML, "a: 1\n", 2, "", 4);
	/* A whole front matter indented by one space (valid YAML). */
	split("---\n title: x\n date: 2024-01-01\n---\nb\n", FRONTMATTER_YAML, " title: x\n date: 2024-01-01\n",
	      2, "b\n", 5);
	/* Indented fences: the closing one no deeper than the opening one. */
	split(" ---\n title: x\n  ---\n ---\nb\n", FRONTMATTER_YAML, " title: x\n  ---\n", 2, "b\n", 5);
	split("---\na: |\n  ---\n---\nb\n", FRONTMATTER_YAML, "a: |\n  ---\n", 2, "b\n", 5);
}

static void test_unterminated(void **state)
{
	(void)state;
	split("---\ntitle: x\n\ncategories:\n- A\n", FRONTMATTER_YAML, "title: x\n\ncategories:\n- A\n", 2, "",
	      6);
	assert_true(fm.unterminated);
	split("+++\ntitle = 'x'\n", FRONTMATTER_TOML, "title = 'x'\n", 2, "", 3);
	assert_true(fm.unterminated);
	split("+++", FRONTMATTER_TOML, "", 2, "", 2);
	assert_true(fm.unterminated);
}

static void test_json_errors(void **state)
{
	(void)state;
	const char *t = "\n{\"title\": \"x\",\n \"date\": }\nbody\n";
	tu_capture();
	assert_int_equal(frontmatter_split("f.md", t, strlen(t), &fm), -1);
	const char *m = tu_release();
	if (!strstr(m, "f.md:3:10: error: invalid JSON front matter: "))
		fail_msg("%s", m);
	t = "{{< youtube x >}}\n";
	tu_capture();
	assert_int_equal(frontmatter_split("f.md", t, strlen(t), &fm), -1);
	m = tu_release();
	if (!strstr(m, "f.md:1:2: error: invalid JSON front matter: "))
		fail_msg("%s", m);
}

/* ==== post_parse on each format ==== */

static struct config cfg;
static char *dir;

static int setup(void **state)
{
	(void)state;
	dir = tu_tmpdir();
	return tu_load_site_config(dir, &cfg);
}

static int teardown(void **state)
{
	(void)state;
	config_release(&cfg);
	tu_rmtree(dir);
	free(dir);
	return 0;
}

static struct post *parse(const char *t)
{
	char *text = xstrdup(t);
	tu_capture();
	struct post *p = post_parse("2024-01-01-fm.md", text, strlen(text), &cfg);
	tu_release();
	free(text);
	return p;
}

/* The same post in the three formats gives the same post. */
static void test_same_post(void **state)
{
	(void)state;
	const char *texts[] = {
		"---\ntitle: \"Same: post\"\ndate: 2021-03-04T10:00:00-05:00\ndescription: null\n"
		"tags: [a, b]\nslug: same\n---\nBody *one*.\n",
		"+++\ntitle = \"Same: post\"\ndate = 2021-03-04T10:00:00-05:00\ntags = ['a', 'b']\n"
		"slug = 'same'\n[params]\nx = 1\n+++\nBody *one*.\n",
		"{\"title\": \"Same: post\", \"date\": \"2021-03-04T10:00:00-05:00\", \"description\": null,\n"
		" \"tags\": [\"a\", \"b\"], \"slug\": \"same\"}\nBody *one*.\n",
	};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		struct post *p = parse(texts[i]);
		if (!p)
			fail_msg("%s\n%s", texts[i], strbuf_str(&tu_msgs));
		assert_string_equal(strbuf_str(&tu_msgs), "");
		assert_string_equal(p->title, "Same: post");
		assert_int_equal(p->date, 1614870000);
		assert_string_equal(p->description, "");
		assert_string_equal(p->tags[0], "a");
		assert_string_equal(p->tags[1], "b");
		assert_null(p->tags[2]);
		assert_string_equal(p->path, "/blog/2021/03/04/same/");
		assert_string_equal(p->body, "Body *one*.\n");
		post_free(p);
	}
}

/* TOML's native dates are the post's date as the same YAML strings are. */
static void test_toml_dates(void **state)
{
	(void)state;
	const struct {
		const char *toml, *yaml;
	} cases[] = {
		{ "2021-03-04", "'2021-03-04'" },
		{ "2021-03-04T10:00:00", "'2021-03-04T10:00:00'" },
		{ "2021-03-04 10:00:00.5", "'2021-03-04T10:00:00.5'" },
		{ "2021-03-04T10:00:00Z", "'2021-03-04T10:00:00Z'" },
		{ "2021-03-04T10:00:00-05:00", "'2021-03-04T10:00:00-05:00'" },
		{ "\"2021-03-04T10:00:00+01:00\"", "'2021-03-04T10:00:00+01:00'" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *t = xasprintf("+++\ntitle = 'x'\ndate = %s\n+++\n", cases[i].toml);
		char *y = xasprintf("---\ntitle: x\ndate: %s\n---\n", cases[i].yaml);
		struct post *p = parse(t), *q = parse(y);
		if (!p || !q)
			fail_msg("%s / %s: %s", cases[i].toml, cases[i].yaml, strbuf_str(&tu_msgs));
		assert_int_equal(p->date, q->date);
		post_free(p);
		post_free(q);
		free(t);
		free(y);
	}
	/* A local time alone is no date: the file name's date is used, with
	 * a warning at the value. */
	struct post *p = parse("+++\ntitle = 'x'\ndate = 10:00:00\n+++\n");
	assert_non_null(p);
	if (!strstr(strbuf_str(&tu_msgs), "2024-01-01-fm.md:3:8: warning: invalid date '10:00:00'"))
		fail_msg("%s", strbuf_str(&tu_msgs));
	struct post *y = parse("---\ntitle: x\ndate: 2024-01-01\n---\n");
	assert_non_null(y);
	assert_int_equal(p->date, y->date);
	post_free(p);
	post_free(y);
}

/* Eleventy's "---LANG" first lines; files that are pages, not posts. */
static void test_lang_fences_and_pages(void **state)
{
	(void)state;
	struct post *y = parse("---\ntitle: Same\ndate: 2024-01-02\ntags: [a]\n---\nBody.\n");
	const char *forms[] = {
		"---json\n{ \"title\": \"Same\", \"date\": \"2024-01-02\", \"tags\": [\"a\"] }\n---\nBody.\n",
		"---toml\ntitle = \"Same\"\ndate = 2024-01-02\ntags = [\"a\"]\n---\nBody.\n",
		"---yaml\ntitle: Same\ndate: 2024-01-02\ntags: [a]\n---\nBody.\n",
	};
	assert_non_null(y);
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
		struct post *p = parse(forms[i]);
		if (!p)
			fail_msg("%s: %s", forms[i], strbuf_str(&tu_msgs));
		assert_string_equal(p->title, y->title);
		assert_int_equal(p->date, y->date);
		assert_string_equal(p->tags[0], "a");
		assert_string_equal(p->body, "Body.\n");
		post_free(p);
	}
	post_free(y);
	/* JavaScript is not run: left out, with a warning, not an error.
	 * (Verbose: a kind's messages are printed where they occur.) */
	diag_set_verbose(true);
	assert_null(parse("---js\nconst title = \"x\";\n---\nBody.\n"));
	assert_non_null(strstr(strbuf_str(&tu_msgs), "warning: JavaScript front matter (---js) is not read"));
	assert_null(strstr(strbuf_str(&tu_msgs), "error"));
	/* Neither a title nor a date (the file name here has one: use another):
	 * a page, with a note, not an error. */
	char *text = xstrdup("+++\ntemplate = \"latest.html\"\n+++\n");
	tu_capture();
	struct post *page = post_parse("releases/latest.md", text, strlen(text), &cfg);
	tu_release();
	free(text);
	assert_null(page);
	assert_non_null(strstr(strbuf_str(&tu_msgs), "note: neither a title nor a date: a page, not a post"));
	assert_null(strstr(strbuf_str(&tu_msgs), "error"));
	/* A title without a date stays an error. */
	text = xstrdup("---\ntitle: x\n---\n");
	tu_capture();
	page = post_parse("notes.md", text, strlen(text), &cfg);
	tu_release();
	free(text);
	assert_null(page);
	assert_non_null(strstr(strbuf_str(&tu_msgs), "error: missing required field 'date'"));
	/* A date in the post's own path dates it. */
	text = xstrdup("+++\npath = \"inside-rust/2020/06/09/x\"\ntitle = \"x\"\n+++\n");
	tu_capture();
	struct post *p = post_parse("x.md", text, strlen(text), &cfg);
	tu_release();
	free(text);
	assert_non_null(p);
	struct post *q = parse("---\ntitle: x\ndate: 2020-06-09\n---\n");
	assert_non_null(q);
	assert_int_equal(p->date, q->date);
	post_free(p);
	post_free(q);
	diag_set_verbose(false);
}

static void test_post_messages(void **state)
{
	(void)state;
	struct post *p = parse("+++\ntitle = 'x'\ndate = 2024-05-06\n");
	assert_non_null(p);
	if (!strstr(strbuf_str(&tu_msgs), "2024-01-01-fm.md:4:1: warning: front matter has no closing '+++'"))
		fail_msg("%s", strbuf_str(&tu_msgs));
	post_free(p);
	assert_null(parse("\n\nJust text.\n"));
	if (!strstr(strbuf_str(&tu_msgs), "2024-01-01-fm.md:3:1: error: no front matter: "))
		fail_msg("%s", strbuf_str(&tu_msgs));
	assert_null(parse("+++\ntitle = 'x'\ndate = 2024-05-06\ndate = 2024-05-07\n+++\n"));
	if (!strstr(strbuf_str(&tu_msgs), "2024-01-01-fm.md:4:8: error: invalid TOML: "))
		fail_msg("%s", strbuf_str(&tu_msgs));
	/* The front matter limit holds for every format. */
	size_t n = POST_MAX_FRONTMATTER_BYTES + 10;
	char *t = xmalloc(n + 64);
	int k = snprintf(t, 64, "+++\ntitle = '");
	memset(t + k, 'a', n);
	strcpy(t + k + n, "'\n+++\n");
	assert_null(parse(t));
	if (!strstr(strbuf_str(&tu_msgs), "2024-01-01-fm.md:2:1: error: the front matter is 4194325 bytes; the limit is 4194304"))
		fail_msg("%s", strbuf_str(&tu_msgs));
	free(t);
	/* BOM, blank lines, CRLF, an indented YAML front matter. */
	p = parse("\xEF\xBB\xBF\r\n\r\n---\r\n title: Indented\r\n date: 2024-05-06\r\n---\r\nBody\r\n");
	if (!p)
		fail_msg("%s", strbuf_str(&tu_msgs));
	assert_string_equal(p->title, "Indented");
	assert_int_equal(p->body_line, 7);
	post_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_messy_fences),
		cmocka_unit_test(test_unterminated),
		cmocka_unit_test(test_json_errors),
		cmocka_unit_test(test_same_post),
		cmocka_unit_test(test_toml_dates),
		cmocka_unit_test(test_lang_fences_and_pages),
		cmocka_unit_test(test_post_messages),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
