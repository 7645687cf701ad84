/* Unit tests for template: the bundled templates load, and bad templates
 * are reported at file:line:col. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "diag.h"
#include "strbuf.h"
#include "template.h"
#include "testutil.h"
#include "xalloc.h"

static char tmpdir[] = "/tmp/feedcard-test-template-XXXXXX";

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(tmpdir))
		return -1;
	char *logo = xasprintf("%s/logo.svg", tmpdir);
	FILE *f = fopen(logo, "w");
	fputs("<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>", f);
	fclose(f);
	free(logo);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return tu_rmtree(tmpdir);
}

/* Write text to <tmpdir>/name and load it; the diag output goes to msgs. */
static struct template *load_text(const char *name, const char *text, struct strbuf *msgs,
				  char **path_out)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	diag_capture_begin(msgs, false);
	struct template *t = template_load(path);
	diag_capture_end();
	*path_out = path;
	return t;
}

/* Loading text must fail with "<path>:line:col: error: ...want..." */
static void expect_error(const char *text, int line, int col, const char *want)
{
	struct strbuf msgs = STRBUF_INIT;
	char *path = NULL;
	struct template *t = load_text("bad.yaml", text, &msgs, &path);
	assert_null(t);
	char *prefix = xasprintf("%s:%d:%d: error: ", path, line, col);
	if (!strstr(strbuf_str(&msgs), prefix) || !strstr(strbuf_str(&msgs), want))
		fail_msg("wanted '%s...%s', got: %s", prefix, want, strbuf_str(&msgs));
	free(prefix);
	free(path);
	strbuf_release(&msgs);
}

static const char good[] =
	"description: \"Test card\"\n"
	"width: 800\n"
	"height: 400\n"
	"background:\n"
	"  gradient: { from: \"#fff\", to: \"#00000080\", angle: 90 }\n"
	"layers:\n"
	"  - type: rect\n"
	"    box: [0, 0, 800, 10]\n"
	"    color: \"#ff000080\"\n"
	"    radius: 4\n"
	"  - type: image\n"
	"    path: logo.svg\n"
	"    box: { x: 10, y: 10, width: 50, height: 50 }\n"
	"  - type: text\n"
	"    text: [\"{date}\", \"{reading_time} min\"]\n"
	"    separator: \" - \"\n"
	"    box: [20, 100, 760, 200]\n"
	"    size: [20, 40]\n"
	"    weight: bold\n"
	"    align: center\n"
	"  - type: text\n"
	"    text: \"{{literal}} {title} on {site.host}\"\n"
	"    box: [20, 300, 760, 50]\n";

static void test_good(void **state)
{
	(void)state;
	struct strbuf msgs = STRBUF_INIT;
	char *path = NULL;
	struct template *t = load_text("good.yaml", good, &msgs, &path);
	assert_non_null(t);
	assert_string_equal(strbuf_str(&msgs), "");
	assert_string_equal(t->description, "Test card");
	assert_int_equal(t->width, 800);
	assert_int_equal(t->height, 400);
	assert_true(t->has_gradient);
	assert_true(t->grad_to.a > 0.49 && t->grad_to.a < 0.51);
	assert_int_equal(t->nlayers, 4);
	assert_int_equal(t->layers[0].kind, TEMPLATE_RECT);
	assert_true(t->layers[0].color.r == 1.0);
	assert_int_equal(t->layers[1].kind, TEMPLATE_IMAGE);
	assert_non_null(strstr(t->layers[1].image, "/logo.svg"));
	assert_int_equal(t->layers[1].box.w, 50);
	const struct template_layer *l = &t->layers[2];
	assert_int_equal(l->nparts, 2);
	assert_int_equal(l->weight, 700);
	assert_int_equal(l->align, TEMPLATE_ALIGN_CENTER);
	assert_true(l->size_min == 20 && l->size_max == 40);
	assert_int_equal(l->fields, TEMPLATE_FIELD_DATE | TEMPLATE_FIELD_READING_TIME);
	assert_string_equal(l->separator, " - ");
	const struct template_layer *l2 = &t->layers[3];
	assert_int_equal(l2->parts[0].nsegs, 4);
	assert_string_equal(l2->parts[0].segs[0].literal, "{literal} ");
	assert_int_equal(t->fields, TEMPLATE_FIELD_DATE | TEMPLATE_FIELD_READING_TIME |
					     TEMPLATE_FIELD_TITLE | TEMPLATE_FIELD_SITE_HOST);
	template_free(t);
	free(path);
	strbuf_release(&msgs);
}

static void test_bundled(void **state)
{
	(void)state;
	const char *names[] = { "default", "summit", "dark" };
	for (size_t i = 0; i < 3; i++) {
		char *p = xasprintf("%s/templates/%s.yaml", FEEDCARD_TEST_SRC, names[i]);
		struct template *t = template_load(p);
		assert_non_null(t);
		assert_true(t->fields & TEMPLATE_FIELD_TITLE);
		assert_true(strlen(t->description) > 10);
		char *d = template_read_description(p);
		assert_string_equal(d, t->description);
		free(d);
		template_free(t);
		free(p);
	}
}

static void test_unknown_key(void **state)
{
	(void)state;
	expect_error("width: 100\nheight: 100\nlayers:\n  - type: rect\n    box: [0, 0, 10, 10]\n    colour: \"#fff\"\n",
		     6, 5, "unknown key 'colour' in rect layer");
	expect_error("widht: 100\n", 1, 1, "unknown key 'widht'");
}

static void test_bad_colour(void **state)
{
	(void)state;
	expect_error("layers:\n  - type: rect\n    box: [0, 0, 10, 10]\n    color: \"#12345\"\n", 4, 12,
		     "bad colour '#12345'");
	expect_error("background:\n  color: red\n", 2, 10, "bad colour 'red'");
}

static void test_box_outside(void **state)
{
	(void)state;
	expect_error("width: 1200\nheight: 630\nlayers:\n  - type: text\n    text: \"{title}\"\n    box: [100, 500, 200, 200]\n",
		     6, 10, "lies outside the 1200x630 canvas");
	/* Checked against width: even when width comes after the layers. */
	expect_error("layers:\n  - type: rect\n    box: [700, 0, 200, 10]\nwidth: 800\n", 3, 10,
		     "outside the 800x630");
}

static void test_missing_image(void **state)
{
	(void)state;
	expect_error("layers:\n  - type: image\n    path: nope.png\n    box: [0, 0, 10, 10]\n", 3, 11,
		     "image 'nope.png' not found");
	expect_error("background:\n  image: missing.jpg\n", 2, 10, "not found");
	expect_error("fonts: [gone.otf]\n", 1, 9, "font file 'gone.otf' not found");
}

static void test_other_errors(void **state)
{
	(void)state;
	expect_error("layers:\n  - type: text\n    text: \"{titel}\"\n    box: [0, 0, 10, 10]\n", 3, 11,
		     "unknown field '{titel}'");
	expect_error("layers:\n  - type: circle\n", 2, 11, "bad layer type 'circle'");
	expect_error("layers:\n  - type: text\n    text: x\n    box: [0, 0, 10, 10]\n    size: [50, 20]\n",
		     5, 11, "min <= max");
	expect_error("width: 100\n  height: [\n", 2, 9,
		     "invalid YAML: mapping values are not allowed in this context");
}

/* Loading text must fail with exactly these messages, each line
 * "<path>:" followed by a line of want. */
static void expect_exactly(const char *text, const char *const *want)
{
	struct strbuf msgs = STRBUF_INIT, all = STRBUF_INIT;
	char *path = NULL;
	struct template *t = load_text("bad.yaml", text, &msgs, &path);
	assert_null(t);
	for (size_t i = 0; want[i]; i++)
		strbuf_printf(&all, "%s:%s\n", path, want[i]);
	if (strcmp(strbuf_str(&msgs), strbuf_str(&all)) != 0)
		fail_msg("wanted:\n%sgot:\n%s", strbuf_str(&all), strbuf_str(&msgs));
	free(path);
	strbuf_release(&all);
	strbuf_release(&msgs);
}

/* A key given twice in any mapping of a template is an error at the second,
 * as in feedcard.yaml: the template says two things and neither is taken. */
static void test_duplicate_keys(void **state)
{
	(void)state;
	expect_exactly("width: 100\nheight: 100\nwidth: 200\n",
		       (const char *const[]){ "3:1: error: duplicate key 'width' (first given on line 1)", NULL });
	expect_exactly("background:\n  color: white\n  color: black\n",
		       (const char *const[]){ "3:3: error: duplicate key 'color' (first given on line 2)", NULL });
	expect_exactly("background:\n  gradient: { from: white, to: black,\n    from: \"#123\" }\n",
		       (const char *const[]){ "3:5: error: duplicate key 'from' (first given on line 2)", NULL });
	expect_exactly("layers:\n  - type: rect\n    box: [0, 0, 10, 10]\n    color: white\n"
		       "    box: [0, 0, 20, 20]\n",
		       (const char *const[]){ "5:5: error: duplicate key 'box' (first given on line 3)", NULL });
	expect_exactly("layers:\n  - type: rect\n    box: { x: 0, y: 0, x: 1, width: 5, height: 5 }\n",
		       (const char *const[]){ "3:24: error: duplicate key 'x' (first given on line 3)",
					      "2:5: error: rect layer needs a box: [x, y, width, height]", NULL });
	/* Each mapping's duplicates are reported, and the other problems too. */
	expect_exactly("width: 100\nwidth: 200\nlayers:\n  - type: text\n    type: rect\n    colour: red\n",
		       (const char *const[]){ "2:1: error: duplicate key 'width' (first given on line 1)",
					      "5:5: error: duplicate key 'type' (first given on line 4)",
					      "6:5: error: unknown key 'colour' in rect layer",
					      "4:5: error: rect layer needs a box: [x, y, width, height]", NULL });
}

/* A listing reads a template's description without a word about its
 * problems, whatever they are. */
static void test_read_description_quiet(void **state)
{
	(void)state;
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "description: one\ndescription: two\n", "two" },
		{ "description: [a, b]\n", NULL },
		{ "description: \"a\\x01b\"\n", "ab" },
		{ "description: x\n  width: [\n", NULL },
		{ "- description: x\n", NULL },
		{ "", NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *path = xasprintf("%s/listed.yaml", tmpdir);
		FILE *f = fopen(path, "w");
		fputs(cases[i].text, f);
		fclose(f);
		struct strbuf msgs = STRBUF_INIT;
		int errors = diag_error_count(), warnings = diag_warning_count();
		diag_capture_begin(&msgs, false);
		char *d = template_read_description(path);
		diag_capture_end();
		if (cases[i].want)
			assert_string_equal(d, cases[i].want);
		else
			assert_null(d);
		assert_string_equal(strbuf_str(&msgs), "");
		assert_int_equal(diag_error_count(), errors);
		assert_int_equal(diag_warning_count(), warnings);
		free(d);
		strbuf_release(&msgs);
		free(path);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),	     cmocka_unit_test(test_bundled),
		cmocka_unit_test(test_unknown_key),  cmocka_unit_test(test_bad_colour),
		cmocka_unit_test(test_box_outside),  cmocka_unit_test(test_missing_image),
		cmocka_unit_test(test_other_errors), cmocka_unit_test(test_duplicate_keys),
		cmocka_unit_test(test_read_description_quiet),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
