/* Unit tests for layout: auto-fit, wrapping, ellipsis, scripts, tofu. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"
#include "layout.h"
#include "strbuf.h"

static struct layout *lay;

static int setup(void **state)
{
	(void)state;
	const char *fonts[] = { FEEDCARD_TEST_SRC "/fonts" };
	lay = layout_new(fonts, 1);
	return lay ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	layout_free(lay);
	return 0;
}

static struct layout_style title_style(void)
{
	return (struct layout_style){
		.family = "Inter", .weight = 800, .size_min = 40, .size_max = 96,
		.line_height = 1.1, .max_lines = 3, .width = 1000, .height = 300,
		.align = LAYOUT_ALIGN_LEFT,
	};
}

static void test_family(void **state)
{
	(void)state;
	assert_true(layout_has_family(lay, "Inter"));
	assert_true(layout_has_family(lay, "inter"));
	assert_false(layout_has_family(lay, "No Such Family 12345"));
}

static void test_short_title_gets_max(void **state)
{
	(void)state;
	struct layout_style s = title_style();
	struct layout_result r;
	assert_int_equal(layout_fit(lay, &s, "eBPF Summit", "t", &r), 0);
	assert_true(r.size == 96);
	assert_int_equal(r.lines, 1);
	assert_false(r.ellipsized);
	assert_true(r.ink_height <= s.height);
}

/* The chosen size is the largest that fits: one pixel more does not. */
static void test_long_title_is_largest_fit(void **state)
{
	(void)state;
	const char *t = "Understanding eBPF verifier internals: bounded loops, BTF, "
			"CO-RE relocations and the ring buffer";
	struct layout_style s = title_style();
	struct layout_result r;
	assert_int_equal(layout_fit(lay, &s, t, "t", &r), 0);
	assert_true(r.size < 96);
	assert_true(r.size >= 40);
	assert_false(r.ellipsized);
	assert_true(r.lines >= 2 && r.lines <= 3);
	assert_true(r.ink_height <= s.height);
	struct layout_style bigger = s;
	bigger.size_min = bigger.size_max = r.size + 1;
	struct layout_result r2;
	assert_int_equal(layout_fit(lay, &bigger, t, "t", &r2), 0);
	assert_true(r2.ellipsized);
}

static void test_line_counts(void **state)
{
	(void)state;
	struct layout_style s = title_style();
	s.size_min = s.size_max = 60;
	s.max_lines = 10;
	s.height = 630;
	struct layout_result r;
	assert_int_equal(layout_fit(lay, &s, "One", "t", &r), 0);
	assert_int_equal(r.lines, 1);
	assert_int_equal(layout_fit(lay, &s, "One two three four five six seven eight nine ten eleven", "t", &r), 0);
	assert_true(r.lines >= 2);
	int two = r.lines;
	s.width = 500;
	assert_int_equal(layout_fit(lay, &s, "One two three four five six seven eight nine ten eleven", "t", &r), 0);
	assert_true(r.lines > two);
}

static void test_ellipsis_300_chars(void **state)
{
	(void)state;
	char t[301];
	const char *word = "ring buffer ";
	for (size_t i = 0; i < 300; i++)
		t[i] = word[i % strlen(word)];
	t[300] = '\0';
	struct layout_style s = title_style();
	struct layout_result r;
	assert_int_equal(layout_fit(lay, &s, t, "t", &r), 0);
	assert_true(r.ellipsized);
	assert_true(r.size == 40);
	assert_true(r.lines <= 3);
	assert_true(r.ink_height <= s.height);
}

/* Found by fuzzing: Pango wraps one long word in quadratic time (40 KB
 * took 30 s); the text past what the box can show is cut first. */
static void test_huge_word_is_cut_quickly(void **state)
{
	(void)state;
	size_t n = 100000;
	char *t = malloc(n + 1);
	memset(t, 'x', n);
	t[n] = '\0';
	struct layout_style s = title_style();
	struct layout_result r;
	assert_int_equal(layout_fit(lay, &s, t, "t", &r), 0);
	assert_true(r.ellipsized);
	assert_true(r.lines <= 3);
	free(t);
}

static void test_cjk_wraps_without_spaces(void **state)
{
	(void)state;
	struct layout_style s = title_style();
	s.size_min = s.size_max = 64;
	struct layout_result r;
	assert_int_equal(layout_fit(lay, &s, "シスコ、eBPF分野をリードするIsovalentを買収へ。クラウドネイティブ分野のネットワーキングなど強化", "t", &r), 0);
	assert_true(r.lines > 1);
	assert_int_equal(r.unknown_glyphs, 0);
	assert_false(r.rtl);
}

static void test_arabic_is_rtl(void **state)
{
	(void)state;
	struct layout_style s = title_style();
	struct layout_result r;
	assert_int_equal(layout_fit(lay, &s, "مقدمة إلى eBPF: كيف تعمل البرامج داخل النواة", "t", &r), 0);
	assert_true(r.rtl);
	assert_int_equal(r.unknown_glyphs, 0);
	assert_int_equal(layout_fit(lay, &s, "An English title", "t", &r), 0);
	assert_false(r.rtl);
}

/* Letter spacing widens Latin text but is not applied to Arabic, whose
 * letters would lose their joins; in mixed text only the Latin part grows. */
static void test_letter_spacing_spares_joining_scripts(void **state)
{
	(void)state;
	struct layout_style s = title_style();
	s.size_min = s.size_max = 40; /* one size: widths compare directly */
	struct layout_result plain, spaced;
	const char *texts[] = { "Kernel notes", "مقالات تقنية", "eBPF مقالات" };
	int grow[3];
	for (int i = 0; i < 3; i++) {
		s.letter_spacing = 0;
		assert_int_equal(layout_fit(lay, &s, texts[i], "t", &plain), 0);
		s.letter_spacing = 6;
		assert_int_equal(layout_fit(lay, &s, texts[i], "t", &spaced), 0);
		grow[i] = spaced.ink_width - plain.ink_width;
	}
	assert_true(grow[0] >= 6 * 10);  /* 12 letters, 6 px each (the last may not count) */
	assert_int_equal(grow[1], 0);    /* Arabic: untouched */
	assert_true(grow[2] >= 6 * 4 && grow[2] < 6 * 8); /* "eBPF " only */
}

static void test_tofu_is_reported(void **state)
{
	(void)state;
	struct strbuf msgs = STRBUF_INIT;
	struct layout_style s = title_style();
	struct layout_result r;
	int before = diag_warning_count();
	diag_capture_begin(&msgs, false);
	/* U+10FFFD: a private-use character no shipped font draws. */
	int rc = layout_fit(lay, &s, "Tofu \xf4\x8f\xbf\xbd here", "posts/tofu.md", &r);
	diag_capture_end();
	assert_int_equal(rc, 0);
	assert_int_equal(r.unknown_glyphs, 1);
	assert_int_equal(diag_warning_count(), before + 1);
	assert_non_null(strstr(strbuf_str(&msgs), "posts/tofu.md: warning:"));
	assert_non_null(strstr(strbuf_str(&msgs), "U+10FFFD"));
	strbuf_release(&msgs);

	/* Ordinary text warns about nothing. */
	before = diag_warning_count();
	assert_int_equal(layout_fit(lay, &s, "Plain 🚀 title", "t", &r), 0);
	assert_int_equal(r.unknown_glyphs, 0);
	assert_int_equal(diag_warning_count(), before);
}

static void test_bad_utf8(void **state)
{
	(void)state;
	struct strbuf msgs = STRBUF_INIT;
	struct layout_style s = title_style();
	struct layout_result r;
	diag_capture_begin(&msgs, false);
	int rc = layout_fit(lay, &s, "bad \xff utf8", "p.md", &r);
	diag_capture_end();
	assert_int_equal(rc, -1);
	assert_non_null(strstr(strbuf_str(&msgs), "p.md: error:"));
	strbuf_release(&msgs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_family),
		cmocka_unit_test(test_short_title_gets_max),
		cmocka_unit_test(test_long_title_is_largest_fit),
		cmocka_unit_test(test_line_counts),
		cmocka_unit_test(test_ellipsis_300_chars),
		cmocka_unit_test(test_huge_word_is_cut_quickly),
		cmocka_unit_test(test_cjk_wraps_without_spaces),
		cmocka_unit_test(test_arabic_is_rtl),
		cmocka_unit_test(test_letter_spacing_spares_joining_scripts),
		cmocka_unit_test(test_tofu_is_reported),
		cmocka_unit_test(test_bad_utf8),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
