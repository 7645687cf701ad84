/* Unit tests for card_key: what a card's cache key depends on (the
 * template, its images and fonts, the bundled fonts, the size, format and
 * quality) and what it does not (a second look at the same inputs), the
 * fields card_key_info reports, and the output part's stable numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>
#include <xxhash.h>

#include "card.h"
#include "card_key.h"
#include "template.h"
#include "testutil.h"
#include "xalloc.h"

/* One text box showing the title, and an image layer. */
static const char box_yaml[] =
	"width: 1000\nheight: 500\nbackground: \"#203040\"\n"
	"fonts: [own.otf]\n"
	"layers:\n"
	"  - type: image\n    path: logo.svg\n    box: [10, 10, 80, 80]\n"
	"  - type: text\n    text: \"{title}\"\n    box: [200, 150, 600, 250]\n"
	"    size: [20, 200]\n    max_lines: 4\n    color: \"#ffffff\"\n";

static const char logo_svg[] =
	"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\"/>\n";

static char *box_path, *fonts_dir;

static int setup(void **state)
{
	if (tu_setup_tmpdir(state) != 0)
		return -1;
	free(tu_write(tu_dir, "logo.svg", logo_svg, sizeof logo_svg - 1));
	free(tu_write(tu_dir, "own.otf", "font one", 8));
	box_path = tu_write(tu_dir, "box.yaml", box_yaml, sizeof box_yaml - 1);
	fonts_dir = xasprintf("%s/fonts", tu_dir);
	if (mkdir(fonts_dir, 0755) != 0)
		return -1;
	free(tu_write(fonts_dir, "A.otf", "bundled a", 9));
	return 0;
}

static int teardown(void **state)
{
	free(box_path);
	free(fonts_dir);
	return tu_teardown_tmpdir(state);
}

static unsigned long long template_key(const char *path, int width, int height)
{
	struct template *tpl = template_load(path);
	assert_non_null(tpl);
	unsigned long long k = card_key_template(tpl, width, height, fonts_dir);
	template_free(tpl);
	return k;
}

/* The same inputs give the same key; the size and the template count. */
static void test_info(void **state)
{
	(void)state;
	char *def = xasprintf("%s/templates/default.yaml", FEEDCARD_TEST_SRC);
	unsigned long long a, b, c, d;
	unsigned fa, fb, fc, fd;
	assert_int_equal(card_key_info(def, 0, 0, &a, &fa), 0);
	assert_int_equal(card_key_info(def, 0, 0, &b, &fb), 0);
	assert_int_equal(card_key_info(def, 600, 315, &c, &fc), 0);
	assert_int_equal(card_key_info(box_path, 0, 0, &d, &fd), 0);
	assert_true(a == b);
	assert_true(a != c);
	assert_true(a != d);
	/* 0, 0 is the template's own size: the same key as naming it. */
	assert_int_equal(card_key_info(def, 1200, 630, &b, &fb), 0);
	assert_true(a == b);
	assert_int_equal(fd, CARD_FIELD_TITLE);
	assert_true(fa & CARD_FIELD_TITLE);
	assert_true(fa & CARD_FIELD_DATE);
	assert_false(fa & CARD_FIELD_DESCRIPTION);
	assert_int_equal(fa, fc);
	free(def);
}

/* A missing template is an error with a diag, and no key. */
static void test_info_missing(void **state)
{
	(void)state;
	char *p = xasprintf("%s/none.yaml", tu_dir);
	unsigned long long k = 7;
	unsigned f = 7;
	tu_capture();
	assert_int_equal(card_key_info(p, 0, 0, &k, &f), -1);
	assert_non_null(strstr(tu_release(), "none.yaml"));
	assert_true(k == 7 && f == 7);
	free(p);
}

/* Every file the card is drawn from is in the key: the template's image
 * and font, and each file of the bundled fonts folder. */
static void test_inputs(void **state)
{
	(void)state;
	unsigned long long k0 = template_key(box_path, 1000, 500);
	assert_true(template_key(box_path, 1000, 500) == k0);
	assert_true(template_key(box_path, 500, 250) != k0);

	free(tu_write(tu_dir, "logo.svg", logo_svg, sizeof logo_svg - 2));
	unsigned long long k1 = template_key(box_path, 1000, 500);
	assert_true(k1 != k0);

	free(tu_write(tu_dir, "own.otf", "font two", 8));
	unsigned long long k2 = template_key(box_path, 1000, 500);
	assert_true(k2 != k1);

	free(tu_write(fonts_dir, "A.otf", "bundled b", 9));
	unsigned long long k3 = template_key(box_path, 1000, 500);
	assert_true(k3 != k2);

	free(tu_write(fonts_dir, "B.otf", "another", 7));
	unsigned long long k4 = template_key(box_path, 1000, 500);
	assert_true(k4 != k3);

	struct template *tpl = template_load(box_path);
	assert_non_null(tpl);
	assert_true(card_key_template(tpl, 1000, 500, NULL) != k4);
	template_free(tpl);
}

/* The output part: format and quality change the key. The format enters
 * by its number, which must not move: the manifests of earlier builds hold
 * keys made with JPEG 0, PNG 1, WebP 2. */
static void test_output(void **state)
{
	(void)state;
	unsigned long long k = 0x1234567890abcdefULL;
	unsigned long long jpg = card_key_output(k, IMGFMT_JPEG, 85);
	assert_true(card_key_output(k, IMGFMT_JPEG, 86) != jpg);
	assert_true(card_key_output(k, IMGFMT_PNG, 85) != jpg);
	assert_true(card_key_output(k, IMGFMT_WEBP, 85) != jpg);
	assert_true(card_key_output(k, IMGFMT_WEBP, 85) != card_key_output(k, IMGFMT_PNG, 85));
	assert_true(card_key_output(k + 1, IMGFMT_JPEG, 85) != jpg);
	const enum imgfmt fmts[] = { IMGFMT_JPEG, IMGFMT_PNG, IMGFMT_WEBP };
	for (unsigned long long i = 0; i < 3; i++) {
		unsigned long long v[3] = { k, i, 85 };
		assert_true(card_key_output(k, fmts[i], 85) == XXH3_64bits(v, sizeof v));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_info),
		cmocka_unit_test(test_info_missing),
		cmocka_unit_test(test_inputs),
		cmocka_unit_test(test_output),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
